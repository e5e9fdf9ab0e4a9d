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
count-breaches = { $n ->
    [one] 1 breach
   *[other] { $n } breaches
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

## Entries and their kinds

entry-number = entry { $entry }
kind-incident = Incident
    .article = an incident
kind-person = Person
    .article = a person
kind-order = Order
    .article = an order
kind-police-contact = Police contact
    .article = a police contact
kind-message-log = Imported conversation
    .article = an imported conversation
kind-amendment = Correction
    .article = a correction
kind-erasure = Removal
    .article = a removal
kind-unknown = Entry

relationship-ex-partner = Ex-partner
    .lower = ex-partner
relationship-acquaintance = Acquaintance
    .lower = acquaintance
relationship-colleague = Colleague
    .lower = colleague
relationship-neighbour = Neighbour
    .lower = neighbour
relationship-stranger = Stranger
    .lower = stranger
relationship-police = Police officer or staff
    .lower = police officer or staff
relationship-other = Other
    .lower = other

method-call-999 = 999 call
method-call-101 = 101 call
method-online = Online report
method-in-person = At a police station
method-officer-visit = Officer visit
method-written = Email or letter
method-other = Other

source-whatsapp = WhatsApp
source-sms = SMS

## Headlines: the one line that names an entry everywhere

headline-incident = { $category }: { $summary }
headline-person = { $name } ({ $relationship })
headline-order = { $type } binding { $person } from { $start } to { $end }
headline-order-open = { $type } binding { $person } from { $start }, with no end date
headline-police = Police contact
headline-police-method = Police contact: { $method }
headline-police-reference = Police contact, reference { $reference }
headline-police-method-reference = Police contact: { $method }, reference { $reference }
headline-messages = { $source }: { $messages ->
    [one] 1 message
   *[other] { $messages } messages
} imported
headline-calls = { $source }: { $calls ->
    [one] 1 call
   *[other] { $calls } calls
} imported
headline-messages-calls = { $source }: { $messages ->
    [one] 1 message
   *[other] { $messages } messages
} and { $calls ->
    [one] 1 call
   *[other] { $calls } calls
} imported
headline-amendment = Correction of entry { $entry }
headline-erasure = Removal of entry { $entry }
headline-removed = { $kind } removed
headline-damaged = Entry { $entry } could not be read

status-amended-on = Amended on { $date }
status-amended = Amended
status-removed-on = Removed on { $date }
status-removed = Removed
status-removed-because = { $removed }: { $reason }
status-damaged = Damaged: this entry could not be read; the rest of the diary is unaffected

timeline-empty = Nothing recorded yet.
timeline-nothing-matches = No entries match these choices.

## Times

# "21:30 on 1 March 2024 (UTC+01:00)"
time-full = { $time } on { $date } (UTC{ $offset })
clock-twice = { $time } happened twice on { $date } (the clocks went back). Which was it?
clock-skipped = { $time } did not happen on { $date } (the clocks went forward). Which time did you mean?
clock-first-time = The first time ({ $time }, UTC{ $offset })
clock-second-time = The second time ({ $time }, UTC{ $offset })
clock-before-change = { $time } (UTC{ $offset }), before the clocks changed
clock-after-change = { $time } (UTC{ $offset }), after the clocks changed

## An entry in full

history-original = Original, sealed { $sealed }
history-correction = Correction (entry { $entry }), sealed { $sealed }
history-removal = Removal (entry { $entry }), sealed { $sealed }
history-content-removed = Entry { $entry }: content removed
detail-when = When
detail-until = Until
detail-approximate = Time is approximate
detail-yes = Yes
detail-saved-place = Saved place
detail-fear-value = { $fear } out of 10
detail-changes = Changes to daily life
detail-description = Description
detail-vehicles = Vehicles
detail-phones = Phone numbers
detail-accounts = Online accounts
detail-previous-harassment = Previous harassment or stalking
detail-previous-violence = Previous violence
detail-no-end-date = No end date
detail-issued-by = Issued by
detail-method = How
detail-force = Force
detail-officer = Officer
detail-advice = Advice given
detail-outcome = Outcome
detail-follow-up = Follow-up promised
detail-source = Imported from
detail-time-zone = Time zone read in
detail-chosen-senders = Senders chosen
detail-messages = Messages
detail-calls = Calls
detail-original-file = Original export
detail-kind = Kind
detail-file = { $name } ({ $type }, { $size } bytes, SHA-256 { $sha256 }…)

## Forms: field labels and what is wrong with a field

field-date = Date
field-time = Time
field-end-date = End date
field-end-time = End time
field-category = Category
field-people = People
field-place = Place
field-coordinates = Coordinates
field-summary = What happened
field-details = Details
field-fear = Fear
field-impact-notes = Effect on you
field-witnesses = Witnesses
field-attachments = Files
field-name = Name
field-relationship = Relationship
field-order-type = Type of order
field-bound-person = Person bound by it
field-start-date = In force from
field-end-day = In force until
field-conditions = Conditions
field-reference = Reference
field-reported = Incidents reported
field-reason = Reason
field-target = Entry
field-passphrase = Passphrase
field-confirmation = Passphrase again
field-time-zone = Time zone
field-file = File
field-other = Entry

error-required = { $field } is needed.
error-not-a-date = { $field }: use a date like 2024-03-01.
error-not-a-time = { $field }: use a time like 21:30.
error-too-long = { $field } is longer than { $max } characters.
error-too-short = { $field } must be at least { $min } characters.
error-in-future = { $field } is in the future; record what has already happened.
error-clock-change = { $field }: the clocks changed around this time; choose which time you mean.
error-end-before-start = { $field } is before the start.
error-out-of-range = { $field } must be between { $min } and { $max }.
error-no-such-entry = { $field }: there is no entry { $entry }.
error-wrong-kind = { $field }: entry { $entry } is not { $kind }.
error-erased = { $field }: entry { $entry } was removed.
error-not-amendable = Entry { $entry } cannot be corrected: correct the entry it refers to, or import the conversation again.
error-mismatch = The two passphrases are different.
error-unknown-zone = { $field } is not a time zone name like Europe/London.
error-invalid = { $field } is not valid.

## Unlocking

lock-wait-seconds = Too many attempts. Try again in { $n ->
    [one] 1 second
   *[other] { $n } seconds
}.
lock-wait-minutes = Too many attempts. Try again in { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}.

## The import wizard

import-format-whatsapp-text = WhatsApp chat (text)
import-format-whatsapp-zip = WhatsApp chat (exported with media)
import-format-sms = SMS Backup & Restore file
import-format-telegram = Telegram chat export
import-format-instagram = Instagram messages (from Download your information)
import-format-messenger = Messenger messages (from Download your information)
import-date-order-question = The dates in this chat could be day/month or month/day. Which does the phone use?
import-day-first = Day first: 03/12/2024 is 3 December 2024
import-month-first = Month first: 03/12/2024 is 12 March 2024
import-summary = { $messages ->
    [one] 1 message
   *[other] { $messages } messages
} and { $calls ->
    [one] 1 call
   *[other] { $calls } calls
}, with { $people ->
    [one] 1 person
   *[other] { $people } people
}.
import-period = From { $first } to { $last }.
import-media = { $n ->
    [one] 1 message refers
   *[other] { $n } messages refer
} to a photo or file.
import-joined = { $n ->
    [one] 1 line continued the message before it and was joined to it.
   *[other] { $n } lines continued the message before them and were joined to it.
}
import-skipped = { $n ->
    [one] 1 blank line was left out.
   *[other] { $n } blank lines were left out.
}

## The export screen

export-chosen = Chosen
export-named-by = Named by entry { $entry }
export-correction-of = A correction of entry { $entry }
export-removal-of = The removal of entry { $entry }
export-nothing-chosen = Nothing is chosen: no entry would go out.
export-summary = { $going ->
    [one] 1 entry goes out
   *[other] { $going } entries go out
}: { $chosen } chosen, { $named ->
    [one] 1 person or entry they name
   *[other] { $named } people or entries they name
}, { $versions ->
    [one] 1 correction or removal
   *[other] { $versions } corrections or removals
}. { $withheld ->
    [one] 1 is withheld: only its hash travels.
   *[other] { $withheld } are withheld: only their hashes travel.
}
