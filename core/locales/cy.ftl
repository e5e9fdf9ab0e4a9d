### Tally: y geiriau y mae'r craidd yn eu cynhyrchu, yn Gymraeg.
###
### DRAFT — NEEDS REVIEW by a fluent Welsh speaker before release. Every message was
### drafted from the British English file and has not been checked; the app marks Welsh
### text as awaiting review (Locale::needs_review). Message ids must match en-GB.ftl.

## Dates

month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr
weekday-1 = Dydd Llun
weekday-2 = Dydd Mawrth
weekday-3 = Dydd Mercher
weekday-4 = Dydd Iau
weekday-5 = Dydd Gwener
weekday-6 = Dydd Sadwrn
weekday-7 = Dydd Sul
date = { $day } { $month } { $year }
day-month = { $day } { $month }
day-heading = { $weekday } { $date }
span-one-day = ar { $date }
span-days = rhwng { $first } a { $last }

## Counts

count-days = { $n ->
    [one] 1 diwrnod
   *[other] { $n } diwrnod
}
count-weeks = { $n ->
    [one] 1 wythnos
   *[other] { $n } wythnos
}
count-incidents = { $n ->
    [one] 1 digwyddiad
   *[other] { $n } digwyddiad
}
count-breaches = { $n ->
    [one] 1 toriad
   *[other] { $n } toriad
}

## Labels of the model's values

category-message = Neges
    .lower = neges
category-call = Galwad
    .lower = galwad
category-email-or-letter = E-bost neu lythyr
    .lower = e-bost neu lythyr
category-gift-or-item = Rhodd neu eitem a adawyd
    .lower = rhodd neu eitem a adawyd
category-online = Cyfryngau cymdeithasol neu gam-drin ar-lein
    .lower = cyfryngau cymdeithasol neu gam-drin ar-lein
category-sighting-or-following = Gweld neu ddilyn
    .lower = gweld neu ddilyn
category-loitering = Loetran
    .lower = loetran
category-visit-home = Ymweliad â'r cartref
    .lower = ymweliad â'r cartref
category-visit-work = Ymweliad â'r gwaith
    .lower = ymweliad â'r gwaith
category-visit-other = Ymweliad mewn man arall
    .lower = ymweliad mewn man arall
category-third-party-contact = Cysylltiad drwy drydydd parti
    .lower = cysylltiad drwy drydydd parti
category-tracking-or-device-misuse = Tracio neu gamddefnyddio dyfais
    .lower = tracio neu gamddefnyddio dyfais
category-property-damage = Difrod i eiddo
    .lower = difrod i eiddo
category-threat = Bygythiad
    .lower = bygythiad
category-violence = Trais
    .lower = trais
category-other = Arall
    .lower = arall

order-type-bail = Amodau mechnïaeth
    .lower = amodau mechnïaeth
order-type-restraining-order = Gorchymyn atal
    .lower = gorchymyn atal
order-type-non-molestation-order = Gorchymyn peidio ag ymyrryd
    .lower = gorchymyn peidio ag ymyrryd
order-type-stalking-protection-order = Gorchymyn amddiffyn rhag stelcio
    .lower = gorchymyn amddiffyn rhag stelcio
order-type-dvpo = DVPN/DVPO
    .lower = DVPN/DVPO
order-type-other = Gorchymyn
    .lower = gorchymyn

## The summary for officers

summary-order-name = { $type } { $date }
summary-condition-no-contact = dim cysylltiad, yn uniongyrchol nac yn anuniongyrchol
summary-condition-no-contact-short = dim cysylltiad
summary-condition-stay-away = cadw draw o { $place }
summary-breach = torri { $order } am y { $n } tro
summary-order-no-breaches = Ni chofnodwyd dim achosion o dorri { $order }.
summary-order-breaches = Achosion o dorri a gofnodwyd: { $n } o { $order }.
summary-order-breaches-in-part = Achosion o dorri a gofnodwyd yn y crynodeb hwn: { $n } o { $order } ({ $total } ymhlith yr holl gofnodion a ddatgelwyd).
summary-quiet-gap = Yr amser hiraf rhwng digwyddiadau a gofnodwyd: { $days } (o { $from } i { $to }).
summary-first-occurrence = { $category } cyntaf a gofnodwyd: { $date } (cofnod { $entry }).

summary-visits-home = { $n ->
    [one] 1 ymweliad â'r cartref
   *[other] { $n } ymweliad â'r cartref
}
summary-visits-work = { $n ->
    [one] 1 ymweliad â'r gwaith
   *[other] { $n } ymweliad â'r gwaith
}
summary-visits-both = { $n } ymweliad â'r cartref neu'r gwaith ({ $home } â'r cartref, { $work } â'r gwaith)
summary-visits-window = Wedi'i gofnodi: { $visits } { $span }, mwy na thri mewn 7 diwrnod.
summary-visits-none = Ni chofnodwyd dim ymweliadau â'r cartref na'r gwaith.
summary-visits-most = Y nifer mwyaf o ymweliadau â'r cartref neu'r gwaith mewn unrhyw 7 diwrnod: { $visits } { $span }.

summary-recorded = Wedi'i gofnodi: { $what } { $span }.
summary-loitering = { $n } digwyddiad o loetran
summary-loitering-none = Ni chofnodwyd dim digwyddiadau o loetran.
summary-threats = { $n } bygythiad
summary-threats-none = Ni chofnodwyd dim bygythiadau.
summary-property-damage = { $n } digwyddiad o ddifrod i eiddo
summary-property-damage-none = Ni chofnodwyd dim digwyddiadau o ddifrod i eiddo.
summary-third-party = { $n } cysylltiad drwy drydydd parti
summary-third-party-none = Ni chofnodwyd dim cysylltiadau drwy drydydd parti.
summary-violence = { $n } digwyddiad o drais
summary-violence-none = Ni chofnodwyd dim digwyddiadau o drais.
summary-tracking = { $n } digwyddiad o dracio neu gamddefnyddio dyfais
summary-tracking-none = Ni chofnodwyd dim digwyddiadau o dracio neu gamddefnyddio dyfais.

summary-fear-averages = Ofn wedi'i gofnodi mewn { $n } digwyddiad { $span } (0 i 10): cyfartaledd { $first } yn y traean cyntaf, { $last } yn y traean olaf.
summary-fear-once = Ofn wedi'i gofnodi unwaith: { $fear } allan o 10, ar { $date }.
summary-fear-none = Ni chofnodwyd dim lefel ofn.

summary-previous-harassment-none = Ni chofnodwyd dim aflonyddu na stelcio blaenorol.
summary-previous-harassment-one = Aflonyddu neu stelcio blaenorol wedi'i gofnodi yng nghofnod person { $entry }.
summary-previous-harassment-many = Aflonyddu neu stelcio blaenorol wedi'i gofnodi yng nghofnodion person { $entries }.
summary-previous-violence-none = Ni chofnodwyd dim trais blaenorol.
summary-previous-violence-one = Trais blaenorol wedi'i gofnodi yng nghofnod person { $entry }.
summary-previous-violence-many = Trais blaenorol wedi'i gofnodi yng nghofnodion person { $entries }.

summary-life-change = Newid i fywyd bob dydd wedi'i gofnodi: { $change } (cofnodwyd gyntaf { $date }, { $incidents }).
life-change-moved-home = symud tŷ
life-change-changed-route = newid llwybr
life-change-time-off-work = amser i ffwrdd o'r gwaith neu newid swydd
life-change-changed-number-or-accounts = newid rhif ffôn neu gyfrifon
life-change-stopped-going-out = rhoi'r gorau i fynd allan neu fynd allan yn llai
life-change-extra-security = gosod camerâu, larymau neu gloeon
life-change-sought-health-help = ceisio cymorth meddygol neu iechyd meddwl
life-change-other = newid arall i fywyd bob dydd

summary-weeks-range = { $from } i { $to }
summary-trend-higher = yn uwch
summary-trend-lower = yn is
summary-trend-same = yr un fath
summary-trend-no-incident = dim digwyddiad
summary-trend = Digwyddiadau a gofnodwyd yr wythnos: { $earlier } yn { $earlier-weeks } a { $later } yn { $later-weeks } ({ $direction } yn yr wythnosau diweddarach). Y categori mwyaf difrifol a gofnodwyd: { $earlier-category } yn yr wythnosau cynharach, { $later-category } yn yr wythnosau diweddarach.

summary-blocking-note = Mae'r cyngor a gofnodwyd yn sôn am flocio. Gall blocio waethygu'r ymddygiad (gall y person droi at ffyrdd eraill o gyrraedd y dioddefwr, gan gynnwys dod yno'n bersonol) ac mae'n colli tystiolaeth: ni welir nac ni chedwir negeseuon a galwadau sy'n cael eu blocio. Nid oes angen blocio er mwyn cadw cofnod.
summary-references-one = 1 cyfeirnod heddlu wedi'i gofnodi ar gyfer adroddiadau sy'n enwi cofnod person { $person }: { $references }.
summary-references-many = { $n } cyfeirnod heddlu gwahanol wedi'u cofnodi ar gyfer adroddiadau sy'n enwi cofnod person { $person }: { $references }.

summary-period = { $first } i { $last } ({ $days })
summary-period-none = Dim digwyddiadau wedi'u cofnodi
summary-recorded-incidents = { $n } digwyddiad
summary-recorded-messages = , a { $n } neges o sgyrsiau a fewnforiwyd (pob neges yn un cysylltiad)
summary-recorded-calls = , a { $n } galwad o logiau galwadau a fewnforiwyd
summary-note-approximate = { $n } digwyddiad wedi'u cofnodi gydag amser bras.
summary-note-ranges = { $n } digwyddiad wedi'u cofnodi fel cyfnod o amser, wedi'u cyfrif unwaith ar y diwrnod y dechreuon nhw.
summary-note-amended = { $n } digwyddiad wedi'u cywiro gan y dioddefwr; mae'r cyfrifon yn defnyddio'r fersiwn gywir ac mae'r llinell amser yn dangos pob fersiwn.
summary-note-erased = { $n } cofnod wedi'u dileu gan berchennog y dyddiadur; nid yw cynnwys wedi'i ddileu yn cael ei gyfrif, ac mae'r atodiad uniondeb yn dangos ble roedd pob cofnod a ddilëwyd.
summary-note-duplicates = { $n } neges neu alwad wedi ymddangos mewn mwy nag un mewnforiad o'r un sgwrs ac wedi'u cyfrif unwaith.

## Entries and their kinds

entry-number = cofnod { $entry }
kind-incident = Digwyddiad
    .article = digwyddiad
kind-person = Person
    .article = person
kind-order = Gorchymyn
    .article = gorchymyn
kind-police-contact = Cysylltiad â'r heddlu
    .article = cysylltiad â'r heddlu
kind-message-log = Sgwrs a fewnforiwyd
    .article = sgwrs a fewnforiwyd
kind-amendment = Cywiriad
    .article = cywiriad
kind-erasure = Dileu
    .article = dileu
kind-unknown = Cofnod

relationship-ex-partner = Cyn-bartner
    .lower = cyn-bartner
relationship-acquaintance = Cydnabod
    .lower = cydnabod
relationship-colleague = Cydweithiwr
    .lower = cydweithiwr
relationship-neighbour = Cymydog
    .lower = cymydog
relationship-stranger = Dieithryn
    .lower = dieithryn
relationship-police = Swyddog neu staff yr heddlu
    .lower = swyddog neu staff yr heddlu
relationship-other = Arall
    .lower = arall

method-call-999 = Galwad 999
method-call-101 = Galwad 101
method-online = Adroddiad ar-lein
method-in-person = Mewn gorsaf heddlu
method-officer-visit = Ymweliad gan swyddog
method-written = E-bost neu lythyr
method-other = Arall

source-whatsapp = WhatsApp
source-sms = SMS

## Headlines: the one line that names an entry everywhere

headline-incident = { $category }: { $summary }
headline-person = { $name } ({ $relationship })
headline-order = { $type } yn rhwymo { $person } o { $start } hyd { $end }
headline-order-open = { $type } yn rhwymo { $person } o { $start }, heb ddyddiad gorffen
headline-police = Cysylltiad â'r heddlu
headline-police-method = Cysylltiad â'r heddlu: { $method }
headline-police-reference = Cysylltiad â'r heddlu, cyfeirnod { $reference }
headline-police-method-reference = Cysylltiad â'r heddlu: { $method }, cyfeirnod { $reference }
headline-messages = { $source }: { $messages } neges wedi'u mewnforio
headline-calls = { $source }: { $calls } galwad wedi'u mewnforio
headline-messages-calls = { $source }: { $messages } neges a { $calls } galwad wedi'u mewnforio
headline-amendment = Cywiriad o gofnod { $entry }
headline-erasure = Dileu cofnod { $entry }
headline-removed = { $kind } wedi'i ddileu
headline-damaged = Nid oedd modd darllen cofnod { $entry }

status-amended-on = Diwygiwyd ar { $date }
status-amended = Diwygiwyd
status-removed-on = Dilëwyd ar { $date }
status-removed = Dilëwyd
status-removed-because = { $removed }: { $reason }
status-damaged = Wedi'i ddifrodi: nid oedd modd darllen y cofnod hwn; nid effeithir ar weddill y dyddiadur

timeline-empty = Dim wedi'i gofnodi eto.
timeline-nothing-matches = Does dim cofnodion yn cyfateb i'r dewisiadau hyn.

## Times

time-full = { $time } ar { $date } (UTC{ $offset })
clock-twice = Digwyddodd { $time } ddwywaith ar { $date } (aeth y clociau'n ôl). Pa un oedd hi?
clock-skipped = Ni ddigwyddodd { $time } ar { $date } (aeth y clociau ymlaen). Pa amser oeddech chi'n ei olygu?
clock-first-time = Y tro cyntaf ({ $time }, UTC{ $offset })
clock-second-time = Yr ail dro ({ $time }, UTC{ $offset })
clock-before-change = { $time } (UTC{ $offset }), cyn i'r clociau newid
clock-after-change = { $time } (UTC{ $offset }), ar ôl i'r clociau newid

## An entry in full

history-original = Gwreiddiol, wedi'i selio { $sealed }
history-correction = Cywiriad (cofnod { $entry }), wedi'i selio { $sealed }
history-removal = Dileu (cofnod { $entry }), wedi'i selio { $sealed }
history-content-removed = Cofnod { $entry }: cynnwys wedi'i ddileu
detail-when = Pryd
detail-until = Tan
detail-approximate = Amser bras
detail-yes = Ydy
detail-saved-place = Lle wedi'i gadw
detail-fear-value = { $fear } allan o 10
detail-changes = Newidiadau i fywyd bob dydd
detail-description = Disgrifiad
detail-vehicles = Cerbydau
detail-phones = Rhifau ffôn
detail-accounts = Cyfrifon ar-lein
detail-previous-harassment = Aflonyddu neu stelcio blaenorol
detail-previous-violence = Trais blaenorol
detail-no-end-date = Dim dyddiad gorffen
detail-issued-by = Wedi'i gyhoeddi gan
detail-method = Sut
detail-force = Heddlu
detail-officer = Swyddog
detail-advice = Cyngor a roddwyd
detail-outcome = Canlyniad
detail-follow-up = Camau dilynol a addawyd
detail-source = Wedi'i fewnforio o
detail-time-zone = Cylchfa amser a ddefnyddiwyd
detail-chosen-senders = Anfonwyr a ddewiswyd
detail-messages = Negeseuon
detail-calls = Galwadau
detail-original-file = Yr allforiad gwreiddiol
detail-kind = Math
detail-file = { $name } ({ $type }, { $size } beit, SHA-256 { $sha256 }…)

## Forms: field labels and what is wrong with a field

field-date = Dyddiad
field-time = Amser
field-end-date = Dyddiad gorffen
field-end-time = Amser gorffen
field-category = Categori
field-people = Pobl
field-place = Lle
field-coordinates = Cyfesurynnau
field-summary = Beth ddigwyddodd
field-details = Manylion
field-fear = Ofn
field-impact-notes = Yr effaith arnoch chi
field-witnesses = Tystion
field-attachments = Ffeiliau
field-name = Enw
field-relationship = Perthynas
field-order-type = Math o orchymyn
field-bound-person = Y person sy'n rhwym
field-start-date = Mewn grym o
field-end-day = Mewn grym tan
field-conditions = Amodau
field-reference = Cyfeirnod
field-reported = Digwyddiadau a adroddwyd
field-reason = Rheswm
field-target = Cofnod
field-passphrase = Cyfrinymadrodd
field-confirmation = Y cyfrinymadrodd eto
field-time-zone = Cylchfa amser
field-file = Ffeil
field-other = Cofnod

error-required = Mae angen { $field }.
error-not-a-date = { $field }: defnyddiwch ddyddiad fel 2024-03-01.
error-not-a-time = { $field }: defnyddiwch amser fel 21:30.
error-too-long = Mae { $field } yn hirach na { $max } nod.
error-too-short = Rhaid i { $field } fod o leiaf { $min } nod.
error-in-future = Mae { $field } yn y dyfodol; cofnodwch yr hyn sydd eisoes wedi digwydd.
error-clock-change = { $field }: newidiodd y clociau o gwmpas yr amser hwn; dewiswch pa amser rydych chi'n ei olygu.
error-end-before-start = Mae { $field } cyn y dechrau.
error-out-of-range = Rhaid i { $field } fod rhwng { $min } a { $max }.
error-no-such-entry = { $field }: nid oes cofnod { $entry }.
error-wrong-kind = { $field }: nid yw cofnod { $entry } yn { $kind }.
error-erased = { $field }: dilëwyd cofnod { $entry }.
error-not-amendable = Nid oes modd cywiro cofnod { $entry }: cywirwch y cofnod y mae'n cyfeirio ato, neu mewnforiwch y sgwrs eto.
error-mismatch = Mae'r ddau gyfrinymadrodd yn wahanol.
error-unknown-zone = Nid yw { $field } yn enw cylchfa amser fel Europe/London.
error-invalid = Nid yw { $field } yn ddilys.

## Unlocking

lock-wait-seconds = Gormod o ymdrechion. Rhowch gynnig arall ymhen { $n } eiliad.
lock-wait-minutes = Gormod o ymdrechion. Rhowch gynnig arall ymhen { $n } munud.

## The import wizard

import-format-whatsapp-text = Sgwrs WhatsApp (testun)
import-format-whatsapp-zip = Sgwrs WhatsApp (wedi'i hallforio gyda chyfryngau)
import-format-sms = Ffeil SMS Backup & Restore
import-format-telegram = Allforio sgwrs Telegram
import-format-instagram = Negeseuon Instagram (o Lawrlwytho eich gwybodaeth)
import-format-messenger = Negeseuon Messenger (o Lawrlwytho eich gwybodaeth)
import-date-order-question = Gallai'r dyddiadau yn y sgwrs hon fod yn ddydd/mis neu'n fis/dydd. Pa un y mae'r ffôn yn ei ddefnyddio?
import-day-first = Dydd yn gyntaf: 03/12/2024 yw 3 Rhagfyr 2024
import-month-first = Mis yn gyntaf: 03/12/2024 yw 12 Mawrth 2024
import-summary = { $messages } neges a { $calls } galwad, gyda { $people } o bobl.
import-period = O { $first } i { $last }.
import-media = Mae { $n } neges yn cyfeirio at lun neu ffeil.
import-joined = Roedd { $n } llinell yn parhau'r neges o'u blaen ac fe'u cysylltwyd â hi.
import-skipped = Gadawyd { $n } llinell wag allan.

## The export screen

export-chosen = Wedi'i ddewis
export-named-by = Wedi'i enwi gan gofnod { $entry }
export-correction-of = Cywiriad o gofnod { $entry }
export-removal-of = Dileu cofnod { $entry }
export-nothing-chosen = Dim wedi'i ddewis: ni fyddai unrhyw gofnod yn mynd allan.
export-summary = Mae { $going } cofnod yn mynd allan: { $chosen } wedi'u dewis, { $named } person neu gofnod y maen nhw'n eu henwi, { $versions } cywiriad neu ddileu. Mae { $withheld } wedi'u dal yn ôl: dim ond eu stwnsh sy'n teithio.
