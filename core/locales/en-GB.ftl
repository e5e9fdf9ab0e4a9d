### Tally: the words the core produces, in British English.
###
### Every message here must also be in every other locale's file (a test checks). Keep
### sentences factual: they describe what the victim recorded, never a legal conclusion.

## Dates

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
# "3 March 2024"
date = { $day } { $month } { $year }
# "3 March", the first day of a span within one year
day-month = { $day } { $month }
# "Friday 1 March 2024"
day-heading = { $weekday } { $date }
span-one-day = on { $date }
span-days = between { $first } and { $last }

## Counts

count-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
count-weeks = { $n ->
    [one] 1 week
   *[other] { $n } weeks
}
count-incidents = { $n ->
    [one] 1 incident
   *[other] { $n } incidents
}

## Labels of the model's values

category-message = Message
    .lower = message
category-call = Call
    .lower = call
category-email-or-letter = Email or letter
    .lower = email or letter
category-gift-or-item = Gift or item left
    .lower = gift or item left
category-online = Social media or online abuse
    .lower = social media or online abuse
category-sighting-or-following = Sighting or following
    .lower = sighting or following
category-loitering = Loitering
    .lower = loitering
category-visit-home = Visit to home
    .lower = visit to home
category-visit-work = Visit to work
    .lower = visit to work
category-visit-other = Visit elsewhere
    .lower = visit elsewhere
category-third-party-contact = Contact through a third party
    .lower = contact through a third party
category-tracking-or-device-misuse = Tracking or device misuse
    .lower = tracking or device misuse
category-property-damage = Property damage
    .lower = property damage
category-threat = Threat
    .lower = threat
category-violence = Violence
    .lower = violence
category-other = Other
    .lower = other

order-type-bail = Bail conditions
    .lower = bail conditions
order-type-restraining-order = Restraining order
    .lower = restraining order
order-type-non-molestation-order = Non-molestation order
    .lower = non-molestation order
order-type-stalking-protection-order = Stalking protection order
    .lower = stalking protection order
order-type-dvpo = DVPN/DVPO
    .lower = DVPN/DVPO
order-type-other = Order
    .lower = order

## The summary for officers

# "the bail conditions of 3 March 2024"
summary-order-name = the { $type } of { $date }
summary-condition-no-contact = no contact, direct or indirect
summary-condition-no-contact-short = no contact
summary-condition-stay-away = stay away from { $place }
summary-breach = breach { $n } of { $order }
summary-order-no-breaches = No breaches recorded of { $order }.
summary-order-breaches = Breaches recorded: { $n } of { $order }.
summary-order-breaches-in-part = Breaches recorded in this summary: { $n } of { $order } ({ $total } among all disclosed entries).
summary-quiet-gap = Longest time between recorded events: { $days } (from { $from } to { $to }).
summary-first-occurrence = First { $category } recorded: { $date } (entry { $entry }).

summary-visits-home = { $n ->
    [one] 1 visit to home
   *[other] { $n } visits to home
}
summary-visits-work = { $n ->
    [one] 1 visit to work
   *[other] { $n } visits to work
}
summary-visits-both = { $n } visits to home or work ({ $home } to home, { $work } to work)
summary-visits-window = Recorded: { $visits } { $span }, more than three in 7 days.
summary-visits-none = No visits to home or work recorded.
summary-visits-most = Most visits to home or work in any 7 days: { $visits } { $span }.

summary-recorded = Recorded: { $what } { $span }.
summary-loitering = { $n ->
    [one] 1 incident of loitering
   *[other] { $n } incidents of loitering
}
summary-loitering-none = No incidents of loitering recorded.
summary-threats = { $n ->
    [one] 1 threat
   *[other] { $n } threats
}
summary-threats-none = No threats recorded.
summary-property-damage = { $n ->
    [one] 1 incident of property damage
   *[other] { $n } incidents of property damage
}
summary-property-damage-none = No incidents of property damage recorded.
summary-third-party = { $n ->
    [one] 1 contact through a third party
   *[other] { $n } contacts through third parties
}
summary-third-party-none = No contacts through third parties recorded.
summary-violence = { $n ->
    [one] 1 incident of violence
   *[other] { $n } incidents of violence
}
summary-violence-none = No incidents of violence recorded.
summary-tracking = { $n ->
    [one] 1 incident of tracking or device misuse
   *[other] { $n } incidents of tracking or device misuse
}
summary-tracking-none = No incidents of tracking or device misuse recorded.

summary-fear-averages = Fear recorded in { $n } incidents { $span } (0 to 10): average { $first } in the first third, { $last } in the last third.
summary-fear-once = Fear recorded once: { $fear } out of 10, on { $date }.
summary-fear-none = No fear level recorded.

summary-previous-harassment-none = No previous harassment or stalking recorded.
summary-previous-harassment-one = Previous harassment or stalking recorded in person entry { $entry }.
summary-previous-harassment-many = Previous harassment or stalking recorded in person entries { $entries }.
summary-previous-violence-none = No previous violence recorded.
summary-previous-violence-one = Previous violence recorded in person entry { $entry }.
summary-previous-violence-many = Previous violence recorded in person entries { $entries }.

summary-life-change = Change to daily life recorded: { $change } (first recorded { $date }, { $incidents }).
life-change-moved-home = moved home
life-change-changed-route = changed route
life-change-time-off-work = time off work or changed job
life-change-changed-number-or-accounts = changed phone number or accounts
life-change-stopped-going-out = stopped or reduced going out
life-change-extra-security = installed cameras, alarms or locks
life-change-sought-health-help = sought medical or mental-health help
life-change-other = another change to daily life

summary-weeks-range = { $from } to { $to }
summary-trend-higher = higher
summary-trend-lower = lower
summary-trend-same = the same
summary-trend-no-incident = no incident
summary-trend = Recorded events per week: { $earlier } in { $earlier-weeks } and { $later } in { $later-weeks } ({ $direction } in the later weeks). Most severe category recorded: { $earlier-category } in the earlier weeks, { $later-category } in the later weeks.

summary-blocking-note = The advice recorded mentions blocking. Blocking can escalate the behaviour (the person may switch to other ways of reaching the victim, including turning up in person) and loses evidence: messages and calls that are blocked are never seen or kept. Keeping a record does not require blocking.
summary-references-one = 1 police reference recorded for reports naming person entry { $person }: { $references }.
summary-references-many = { $n } different police references recorded for reports naming person entry { $person }: { $references }.

summary-period = { $first } to { $last } ({ $days })
summary-period-none = No events recorded
summary-recorded-incidents = { $n ->
    [one] 1 incident
   *[other] { $n } incidents
}
summary-recorded-messages = , and { $n ->
    [one] 1 message
   *[other] { $n } messages
} from imported conversations (each message one contact)
summary-recorded-calls = , and { $n ->
    [one] 1 call
   *[other] { $n } calls
} from imported call logs
summary-note-approximate = { $n ->
    [one] 1 incident was
   *[other] { $n } incidents were
} recorded with an approximate time.
summary-note-ranges = { $n ->
    [one] 1 incident was
   *[other] { $n } incidents were
} recorded as a period of time, counted once on the day it began.
summary-note-amended = { $n ->
    [one] 1 incident was
   *[other] { $n } incidents were
} corrected by the victim; the counts use the corrected version and the timeline shows every version.
summary-note-erased = { $n ->
    [one] 1 entry was
   *[other] { $n } entries were
} erased by the diary's owner; erased content is not counted, and the integrity appendix shows where each erased entry was.
summary-note-duplicates = { $n ->
    [one] 1 message or call appeared
   *[other] { $n } messages or calls appeared
} in more than one import of the same conversation and counted once.
