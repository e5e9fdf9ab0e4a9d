//! The WhatsApp reader against exports as phones write them: every fixture with every
//! message it must yield (line, instant to the second, sender, kind, text), refusals by
//! their wording, and property tests over random and near-valid input.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;

use super::*;
use crate::test_support::mutate;

use crate::test_support::fixture;

fn opts(tz: Zone, order: Option<DateOrder>) -> WhatsAppOptions {
    WhatsAppOptions {
        date_order: order,
        time_zone: tz,
    }
}

fn utc() -> WhatsAppOptions {
    opts(Zone::UTC, None)
}

fn london() -> WhatsAppOptions {
    opts(Zone::named("Europe/London").expect("a zone database"), None)
}

fn parse(name: &str, o: &WhatsAppOptions) -> Result<ParsedChat, ImportError> {
    parse_whatsapp_bytes(&fixture(name), o)
}

/// `line|instant|sender|kind|text` for every message; `-` for no sender.
fn rows(chat: &ParsedChat) -> Vec<String> {
    chat.messages
        .iter()
        .map(|m| {
            let kind = match &m.kind {
                MessageKind::Text => "text".to_owned(),
                MessageKind::Deleted => "deleted".to_owned(),
                MessageKind::MediaOmitted { file_name: None } => "omitted".to_owned(),
                MessageKind::MediaOmitted { file_name: Some(n) } => format!("omitted:{n}"),
                MessageKind::Media { file_name } => format!("media:{file_name}"),
                MessageKind::System => "system".to_owned(),
            };
            format!(
                "{}|{}|{}|{kind}|{}",
                m.line,
                m.at.to_rfc3339(),
                m.sender.as_deref().unwrap_or("-"),
                m.text
            )
        })
        .collect()
}

fn assert_rows(chat: &ParsedChat, expected: &[&str]) {
    let got = rows(chat);
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for (g, e) in got.iter().zip(expected) {
        assert_eq!(g, e);
    }
}

// --- The original English fixtures ------------------------------------------------------

#[test]
fn android_export_is_read_exactly() {
    let chat = parse("android-24h-dmy.txt", &london()).unwrap();
    assert_eq!(chat.layout, Layout::Android);
    assert_eq!(chat.date_order, DateOrder::DayMonthYear);
    assert_eq!(chat.senders, vec!["Sam Stalker", "Alex"]);
    assert_rows(
        &chat,
        &[
            "1|2024-03-12T21:05:00+00:00|-|system|Messages and calls are end-to-end encrypted. \
             No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to \
             learn more.",
            "2|2024-03-12T21:06:00+00:00|Sam Stalker|text|Where are you",
            "3|2024-03-13T07:15:00+00:00|Sam Stalker|text|I know you're at work.\nI saw your car.\n\nAnswer me",
            "7|2024-03-13T07:16:00+00:00|Alex|text|Please stop contacting me",
            "8|2024-03-13T07:20:00+00:00|Sam Stalker|omitted|<Media omitted>",
            "9|2024-03-13T07:21:00+00:00|Sam Stalker|deleted|This message was deleted",
            "10|2024-03-13T07:22:00+00:00|Alex|deleted|You deleted this message",
            "11|2024-03-13T07:30:00+00:00|Sam Stalker|media:IMG-20240313-WA0001.jpg|IMG-20240313-WA0001.jpg (file attached)\nlook familiar?",
            "13|2024-03-14T23:59:00+00:00|-|system|Alex added Jo",
            "14|2024-03-14T23:59:00+00:00|-|system|Sam Stalker changed the subject from \"x\" to \"Re: you\"",
        ],
    );
    assert_eq!((chat.joined_lines, chat.skipped_lines), (4, 0));
}

#[test]
fn ios_export_with_invisible_marks_is_read_exactly() {
    let chat = parse(
        "ios-12h.txt",
        &opts(
            Zone::named("America/New_York").expect("a zone database"),
            None,
        ),
    )
    .unwrap();
    assert_eq!(chat.layout, Layout::Ios);
    assert_eq!(chat.date_order, DateOrder::MonthDayYear);
    assert_eq!(chat.senders, vec!["Sam Stalker", "+44 7700 900123"]);
    assert_rows(
        &chat,
        &[
            "1|2024-03-12T21:05:11-04:00|-|system|Messages and calls are end-to-end encrypted. \
             No one outside of this chat, not even WhatsApp, can read or listen to them.",
            "2|2024-03-12T21:05:40-04:00|Sam Stalker|text|Hey",
            "3|2024-03-12T21:06:02-04:00|+44 7700 900123|text|who is this",
            "4|2024-03-12T23:59:59-04:00|Sam Stalker|text|answer\nme",
            "6|2024-03-13T00:00:01-04:00|Sam Stalker|omitted|image omitted",
            "7|2024-03-13T00:01:00-04:00|Sam Stalker|media:00000012-PHOTO-2024-03-13-00-01-00.jpg|<attached: 00000012-PHOTO-2024-03-13-00-01-00.jpg>",
            "8|2024-03-13T12:02:00-04:00|Sam Stalker|deleted|This message was deleted.",
            "9|2024-03-13T12:03:00-04:00|-|system|Sam Stalker added Jo",
            "10|2024-03-13T12:04:00-04:00|Sam Stalker|omitted|sticker omitted",
        ],
    );
}

// --- Notices, placeholders and marks in other languages --------------------------------

#[test]
fn german_iphone_notices_are_nobodys_and_placeholders_keep_their_sender() {
    let chat = parse("wa-ios-de.txt", &utc()).unwrap();
    assert_eq!(chat.senders, vec!["Alex", "Sam Muster"]);
    assert_rows(
        &chat,
        &[
            "1|2022-03-18T14:56:00+00:00|-|system|Nachrichten und Anrufe sind \
             Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder \
             anhören, nicht einmal WhatsApp.",
            "2|2022-03-27T21:41:35+00:00|Alex|text|Hallo",
            "3|2022-03-27T21:41:55+00:00|Sam Muster|omitted|Bild weggelassen",
            "4|2022-03-27T21:44:16+00:00|Sam Muster|omitted|Video weggelassen",
            "5|2022-03-27T21:47:54+00:00|Sam Muster|omitted|Kontaktkarte ausgelassen",
            "6|2022-03-27T21:50:25+00:00|Sam Muster|omitted:Bericht.pdf|Bericht.pdf • \u{200E}3 Seiten \u{200E}Dokument weggelassen",
            "7|2022-03-27T21:50:54+00:00|Alex|deleted|Du hast diese Nachricht gelöscht.",
            "8|2022-03-27T21:54:45+00:00|Sam Muster|deleted|Diese Nachricht wurde gelöscht.",
            "9|2022-03-27T21:55:00+00:00|-|system|Verpasster Sprachanruf",
            "10|2022-03-27T21:56:45+00:00|Sam Muster|text|Standort: https://maps.google.com/?q=52.52,13.40",
            "11|2022-03-27T22:01:02+00:00|Sam Muster|text|Mach auf.\nIch stehe vor der Tür.\nJetzt.",
            "14|2022-03-27T22:02:00+00:00|Sam Muster|text|",
            "15|2022-04-28T20:17:30+00:00|-|system|Deine Sicherheitsnummer für Sam Muster hat \
             sich geändert. \u{200E}Tippe, um mehr zu erfahren.",
        ],
    );
}

#[test]
fn czech_android_media_and_a_notice_without_a_comma_after_the_date() {
    let chat = parse("wa-android-cs.txt", &utc()).unwrap();
    assert_rows(
        &chat,
        &[
            "1|2022-03-23T13:31:00+00:00|-|system|Zprávy a hovory jsou zabezpečeny koncovým \
             šifrováním. Nikdo, kdo není přímým účastníkem této konverzace, ji nemůže sledovat \
             ani poslouchat. Dozvíte se víc klepnutím.",
            "2|2022-03-23T13:32:00+00:00|Petr|omitted|<Média vynechány>",
            "3|2022-03-23T13:33:00+00:00|Petr|media:IMG-20220323-WA0002.jpg|IMG-20220323-WA0002.jpg (soubor byl přiložen)\nTohle jsi ty?",
            "5|2022-03-23T13:34:00+00:00|Jana|deleted|Tato zpráva byla odstraněna",
            "6|2022-03-23T13:35:00+00:00|-|system|Petr přidal(a) Evu",
        ],
    );
}

#[test]
fn russian_dutch_and_spanish_android_placeholders() {
    let ru = parse("wa-android-ru.txt", &utc()).unwrap();
    assert_eq!(
        rows(&ru)[1..],
        [
            "2|2022-03-23T13:32:00+00:00|Олег|omitted|<Без медиафайлов>",
            "3|2022-03-23T13:33:00+00:00|Олег|deleted|Данное сообщение удалено",
            "4|2022-03-23T13:34:00+00:00|Олег|text|Я знаю, где ты",
        ]
    );
    assert_eq!(ru.messages[0].sender, None);
    let nl = parse("wa-android-nl.txt", &utc()).unwrap();
    assert_rows(
        &nl,
        &[
            "1|2022-03-23T13:31:00+00:00|-|system|Berichten en oproepen worden end-to-end \
             versleuteld. Niemand buiten deze chat kan ze lezen of beluisteren, zelfs WhatsApp \
             niet. Tik voor meer informatie.",
            "2|2022-03-23T13:32:00+00:00|Kees|omitted|<Media weggelaten>",
            "3|2022-03-23T13:33:00+00:00|Kees|media:PTT-20220323-WA0000.opus|PTT-20220323-WA0000.opus (bestand bijgevoegd)",
            "4|2022-03-23T13:34:00+00:00|Kees|deleted|Dit bericht is verwijderd",
        ],
    );
    let es = parse("wa-android-es.txt", &utc()).unwrap();
    assert_eq!(
        rows(&es)[1..],
        [
            "2|2025-03-12T14:33:00+00:00|Carlos|text|¿Dónde estás?",
            "3|2025-03-13T22:00:00+00:00|Carlos|omitted|<Multimedia omitido>",
            "4|2025-03-13T22:01:00+00:00|Carlos|deleted|Se eliminó este mensaje.",
        ]
    );
    assert_eq!(
        rows(&es)[0].split('|').take(3).collect::<Vec<_>>(),
        ["1", "2025-03-12T09:05:00+00:00", "-"]
    );
}

#[test]
fn lines_starting_with_a_byte_order_mark_start_messages() {
    let chat = parse("wa-android-de-bom.txt", &utc()).unwrap();
    assert_rows(
        &chat,
        &[
            "1|2018-01-29T12:24:00+00:00|-|system|Nachrichten und Anrufe sind \
             Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder \
             anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.",
            "2|2018-01-29T12:24:00+00:00|-|system|Du hast die Gruppe \"Test\" erstellt.",
            "3|2018-01-29T12:25:00+00:00|Mallory|text|Hey! :)",
            "4|2018-01-29T12:26:00+00:00|Mallory|media:PTT-20180129-WA0025.opus|PTT-20180129-WA0025.opus (Datei angehängt)",
            "5|2018-01-29T12:27:00+00:00|Mallory|omitted|<Medien ausgeschlossen>",
        ],
    );
    assert_eq!(chat.joined_lines, 0);
}

#[test]
fn arabic_iphone_dates_with_marks_digits_and_arabic_markers() {
    let chat = parse("wa-ios-ar.txt", &utc()).unwrap();
    assert_eq!(chat.date_order, DateOrder::DayMonthYear);
    assert_rows(
        &chat,
        &[
            "1|2022-03-18T14:56:00+00:00|-|system|الرسائل والمكالمات مشفرة تمامًا بين الطرفين، بحيث \
             لا يستطيع أحد خارج هذه الدردشة، ولا حتى شركة واتساب نفسها، قراءتها أو الاستماع إليها.",
            "2|2022-03-27T09:41:55+00:00|+40 521 028|omitted|لم يتم إدراج الصورة",
            "3|2022-03-27T21:42:10+00:00|+40 521 028|deleted|تم حذف هذه الرسالة.",
        ],
    );
}

// --- Layouts ----------------------------------------------------------------------------

#[test]
fn year_first_dates_are_year_month_day() {
    let chat = parse("wa-android-ymd.txt", &utc()).unwrap();
    assert_eq!(chat.date_order, DateOrder::YearMonthDay);
    assert_rows(
        &chat,
        &[
            "1|2018-07-25T21:06:00+00:00|-|system|Messages to this group are now secured with \
             end-to-end encryption. Tap for more info.",
            "2|2018-07-25T21:07:00+00:00|Sam|text|hi",
            "3|2018-07-26T08:00:00+00:00|Sam|omitted|<Media omitted>",
        ],
    );
    let chat = parse("wa-android-ymd-am-pm.txt", &utc()).unwrap();
    assert_rows(
        &chat,
        &[
            "1|2019-08-06T07:03:00+00:00|Sam|text|morning",
            "2|2019-08-06T12:15:00+00:00|Sam|text|lunch?",
            "3|2019-08-06T23:59:00+00:00|Sam|text|answer me",
        ],
    );
}

#[test]
fn dotted_times_words_and_spaces_between_date_and_time() {
    let id = parse("wa-ios-id.txt", &utc()).unwrap();
    assert_rows(
        &id,
        &[
            "1|2021-01-26T21:05:53+00:00|-|system|Pesan dan panggilan terenkripsi secara \
             end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat \
             membaca atau mendengarkannya.",
            "2|2021-01-26T21:06:10+00:00|Dimas|text|Jam berapa?",
            "3|2021-01-26T21:07:00+00:00|Rina|media:00000004-PHOTO-2021-01-26-21-07-00.jpg|<terlampir: 00000004-PHOTO-2021-01-26-21-07-00.jpg>",
            "4|2021-01-26T21:08:00+00:00|Rina|omitted|gambar tidak disertakan",
        ],
    );
    let fi = parse("wa-android-fi.txt", &utc()).unwrap();
    assert_rows(
        &fi,
        &[
            "1|2024-03-12T21:06:00+00:00|Matti|text|Missä olet?",
            "2|2024-03-12T21:07:00+00:00|Liisa|text|Kotona",
        ],
    );
    let fr = parse("wa-android-fr.txt", &utc()).unwrap();
    assert_rows(
        &fr,
        &[
            "1|2024-03-12T21:06:00+00:00|Marc|text|Tu es où ?",
            "2|2024-03-12T21:07:00+00:00|Marc|omitted|<Médias omis>",
            "3|2024-03-13T08:00:00+00:00|Marc|media:IMG-20240313-WA0001.jpg|IMG-20240313-WA0001.jpg (fichier joint)",
            "4|2024-03-13T08:01:00+00:00|Marc|deleted|Ce message a été supprimé",
            "5|2024-03-13T08:02:00+00:00|-|system|Marc a créé le groupe « Nous : deux »",
        ],
    );
    let two = parse("wa-android-two-spaces.txt", &utc()).unwrap();
    assert_rows(
        &two,
        &[
            "1|2024-05-13T10:00:00+00:00|Sam|text|one",
            "2|2024-05-13T10:01:00+00:00|Sam|text|two",
        ],
    );
}

#[test]
fn old_iphone_exports_without_brackets_and_time_first_vietnamese() {
    let old = parse("wa-ios-old.txt", &utc()).unwrap();
    assert_eq!(old.layout, Layout::Ios);
    assert_rows(
        &old,
        &[
            "1|2016-07-01T16:56:55+00:00|-|system|Sophia created this group",
            "2|2016-07-01T17:08:08+00:00|-|system|Sophia added you",
            "3|2016-07-13T21:00:00+00:00|Sophia|text|are you home",
            "4|2016-07-13T21:00:30+00:00|Sophia|omitted|<image omitted>",
        ],
    );
    let vi = parse("wa-ios-vi.txt", &utc()).unwrap();
    assert_rows(
        &vi,
        &[
            "1|2022-03-18T14:56:01+00:00|-|system|Tin nhắn và cuộc gọi được mã hóa đầu cuối. \
             Những người bên ngoài cuộc trò chuyện này, kể cả WhatsApp, sẽ không đọc hoặc nghe \
             được.",
            "2|2022-03-27T21:41:35+00:00|Minh|text|Xin chào",
            "3|2022-03-27T21:41:55+00:00|Minh|omitted|đã bỏ qua hình ảnh",
        ],
    );
}

#[test]
fn era_calendars_are_read_in_the_common_era() {
    for name in ["wa-ios-buddhist.txt", "wa-ios-japanese-era.txt"] {
        let chat = parse(name, &utc()).unwrap();
        let times: Vec<String> = chat.messages.iter().map(|m| m.at.to_rfc3339()).collect();
        assert_eq!(
            times,
            ["2022-03-18T14:56:01+00:00", "2022-03-27T21:41:35+00:00"],
            "{name}"
        );
    }
}

// --- Refusals and their wording ---------------------------------------------------------

#[test]
fn refusals_name_the_layout_and_quote_only_the_date_and_time() {
    let err = parse("wa-no-year.txt", &utc()).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, ImportError::MonthNames { line: 1, .. }),
        "{err:?}"
    );
    assert!(
        text.contains("month as a word") && !text.contains("Sam") && !text.contains("wakeup"),
        "{text}"
    );

    let err = parse_whatsapp("18/3, 12:14 - Sam: hi\n", &utc()).unwrap_err();
    assert!(
        matches!(err, ImportError::DatesWithoutYear { line: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("no year"), "{err}");

    let err = parse("wa-unknown-marker.txt", &utc()).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, ImportError::NotWhatsAppExport { line: 1, .. }),
        "{err:?}"
    );
    assert!(text.contains("\"12/03/2024, 9:06 \""), "{text}");
    assert!(text.contains("` - ` after the time"), "{text}");
    assert!(
        !text.contains("nachm") && !text.contains("Sam") && !text.contains("hallo"),
        "{text}"
    );
    assert!(
        !text.contains("line 1 does not start with a date"),
        "{text}"
    );

    let err = parse_whatsapp("Dear diary,\n12/03/2024, 21:06 - Sam: x", &london()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a WhatsApp chat export: line 1 does not start with a date and time"
    );
}

#[test]
fn a_header_not_understood_inside_the_chat_refuses_the_import() {
    // The 12-hour marker `nachm.` is not one this reader knows: joining the line would give
    // Jo's words to Sam.
    let text = "12/03/2024, 9:06 pm - Sam: hi\n12/03/2024, 9:07 nachm. - Jo: secret\n";
    let err = parse_whatsapp(text, &utc()).unwrap_err();
    assert!(
        matches!(err, ImportError::UnreadableHeader { line: 2, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("line 2") && msg.contains("dd/mm/yy, hh:mm AM/PM - "),
        "{msg}"
    );
    assert!(!msg.contains("Jo") && !msg.contains("secret"), "{msg}");
}

#[test]
fn a_date_typed_at_the_start_of_a_line_is_joined_and_listed() {
    let text = "12/03/2024, 21:06 - Sam: the hearing is\n04/05/2024 at 3:00 PM to 4:00 PM\n\
                [12/03/2024, 21:00:00] Jo: quoted\n13/03/2024, 08:00 - Sam: ok\n";
    let chat = parse_whatsapp(text, &utc()).unwrap();
    assert_eq!(chat.messages.len(), 2);
    assert_eq!(
        chat.messages[0].text,
        "the hearing is\n04/05/2024 at 3:00 PM to 4:00 PM\n[12/03/2024, 21:00:00] Jo: quoted"
    );
    assert_eq!(chat.dated_lines, vec![2, 3]);
    assert_eq!(chat.joined_lines, 2);
}

#[test]
fn the_date_order_question_is_asked_only_when_the_dates_leave_it_open() {
    let err = parse("ambiguous.txt", &london()).unwrap_err();
    assert!(matches!(err, ImportError::AmbiguousDateOrder), "{err:?}");
    assert!(err.to_string().contains("--date-order dmy|mdy"));
    // A joined line with a date over 12 does not prove anything, nor make a file
    // ambiguous: only headers count.
    let text = "01/02/2024, 10:00 - Sam: see\n13/05/2024 is the day\n03/13/2024, 10:00 - Sam: x\n";
    let chat = parse_whatsapp(text, &utc()).unwrap();
    assert_eq!(chat.date_order, DateOrder::MonthDayYear);
    let inspection = inspect_whatsapp(fixture("ambiguous.txt").as_slice(), Zone::UTC).unwrap();
    assert!(inspection.needs_date_order());
    let inspection = inspect_whatsapp(&b"01.02.24, 10:00 - Sam: x\n"[..], Zone::UTC).unwrap();
    assert!(!inspection.needs_date_order());
    assert_eq!(
        inspection.date_order,
        Some((DateOrder::DayMonthYear, OrderBasis::Dots))
    );
    let chat = parse(
        "ambiguous.txt",
        &opts(Zone::UTC, Some(DateOrder::MonthDayYear)),
    )
    .unwrap();
    assert_eq!(
        chat.messages[0].at.to_rfc3339(),
        "2024-01-02T10:00:00+00:00"
    );
}

#[test]
fn dates_proving_both_orders_name_both_lines() {
    let err = parse("both-orders-impossible.txt", &london()).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::InconsistentDateOrder {
                day_first_line: 1,
                month_first_line: 2
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_given_order_contradicted_by_a_date_names_the_line() {
    let err = parse(
        "android-24h-dmy.txt",
        &opts(Zone::UTC, Some(DateOrder::MonthDayYear)),
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::ContradictsDateOrder { line: 3 }),
        "{err:?}"
    );
    let err = parse(
        "mdy-proven.txt",
        &opts(Zone::UTC, Some(DateOrder::DayMonthYear)),
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::ContradictsDateOrder { line: 2 }),
        "{err:?}"
    );
}

#[test]
fn impossible_dates_and_times_name_the_line() {
    for text in [
        "13/13/2024, 10:00 - Sam: x\n",
        "00/05/2024, 10:00 - Sam: x\n",
    ] {
        let err = parse_whatsapp(text, &london()).unwrap_err();
        assert!(
            matches!(err, ImportError::ImpossibleDate { line: 1 }),
            "{err:?}"
        );
    }
    let err = parse_whatsapp(
        "13/05/2024, 10:00 - Sam: x\n31/02/2024, 10:00 - Sam: y\n",
        &london(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ImportError::ImpossibleDate { line: 2 }),
        "{err:?}"
    );
    let err = parse_whatsapp("13/05/2024, 24:00 - Sam: x\n", &london()).unwrap_err();
    assert!(
        matches!(err, ImportError::ImpossibleDate { line: 1 }),
        "{err:?}"
    );
    let err = parse_whatsapp("[13/05/2024, 13:10:00 PM] Sam: x\n", &london()).unwrap_err();
    assert!(
        matches!(err, ImportError::ImpossibleDate { line: 1 }),
        "{err:?}"
    );
}

#[test]
fn time_skipped_by_clocks_going_forward_is_refused_with_its_line() {
    // UK clocks went from 01:00 to 02:00 on 31 March 2024.
    let text = "30/03/2024, 23:00 - Sam: a\n31/03/2024, 01:30 - Sam: b\n";
    let err = parse_whatsapp(text, &london()).unwrap_err();
    assert!(
        matches!(err, ImportError::NonexistentLocalTime { line: 2 }),
        "{err:?}"
    );
}

#[test]
fn repeated_hour_when_clocks_go_back_takes_the_earlier_instant() {
    let chat = parse_whatsapp("27/10/2024, 01:30 - Sam: a\n", &london()).unwrap();
    assert_eq!(
        chat.messages[0].at.to_rfc3339(),
        "2024-10-27T01:30:00+01:00"
    );
}

#[test]
fn twelve_hour_clock_edges() {
    let text = "13/05/2024, 12:00 AM - S: midnight\n13/05/2024, 12:30 pm - S: noon\n\
                13/05/2024, 1:05 P.M. - S: one\n13/05/2024, 11:59\u{202F}p.m. - S: late\n\
                13/05/2024, 0:24 PM - S: zero-based\n";
    let chat = parse_whatsapp(text, &utc()).unwrap();
    let times: Vec<String> = chat.messages.iter().map(|m| m.at.to_rfc3339()).collect();
    assert_eq!(
        times,
        [
            "2024-05-13T00:00:00+00:00",
            "2024-05-13T12:30:00+00:00",
            "2024-05-13T13:05:00+00:00",
            "2024-05-13T23:59:00+00:00",
            "2024-05-13T12:24:00+00:00"
        ]
    );
}

#[test]
fn text_that_is_not_an_export_is_refused() {
    for empty in ["", "\u{FEFF}", " \n\r\n\t"] {
        let err = parse_whatsapp(empty, &london()).unwrap_err();
        assert!(matches!(err, ImportError::Empty), "{err:?}");
    }
    let err = parse_whatsapp_bytes(&fixture("garbage.bin"), &london()).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::NotUtf8 { .. } | ImportError::NotWhatsAppExport { .. }
        ),
        "{err:?}"
    );
    let err = parse_whatsapp_bytes(b"13/05/2024, 10:00 - S: a\n\xff\n", &london()).unwrap_err();
    assert!(
        matches!(err, ImportError::NotUtf8 { line: Some(2) }),
        "{err:?}"
    );
}

#[test]
fn overlong_line_and_message_are_refused() {
    let mut text = String::from("13/05/2024, 10:00 - S: ");
    text.push_str(&"x".repeat(MAX_LINE_BYTES));
    let err = parse_whatsapp(&text, &london()).unwrap_err();
    assert!(
        matches!(err, ImportError::LineTooLong { line: 1, .. }),
        "{err:?}"
    );

    let mut text = String::from("13/05/2024, 10:00 - S: a\n");
    let line = "y".repeat(MAX_LINE_BYTES / 2);
    for _ in 0..(MAX_MESSAGE_BYTES / line.len() + 1) {
        text.push_str(&line);
        text.push('\n');
    }
    let err = parse_whatsapp(&text, &london()).unwrap_err();
    assert!(
        matches!(
            err,
            ImportError::TooLarge {
                what: "one message",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn inspection_counts_senders_joined_and_skipped_lines_without_keeping_text() {
    let i = inspect_whatsapp(fixture("android-24h-dmy.txt").as_slice(), Zone::UTC).unwrap();
    assert_eq!(i.layout, Layout::Android);
    assert_eq!(i.pattern, "dd/mm/yy, hh:mm - ");
    assert_eq!(
        i.senders,
        [
            SenderCount {
                name: "Sam Stalker".into(),
                messages: 5
            },
            SenderCount {
                name: "Alex".into(),
                messages: 2
            },
        ]
    );
    assert_eq!(
        (i.messages, i.notices, i.joined_lines, i.skipped_lines),
        (10, 3, 4, 0)
    );
    assert_eq!(
        i.date_order,
        Some((DateOrder::DayMonthYear, OrderBasis::Proven(3)))
    );
}

#[test]
fn a_file_that_changes_between_the_readings_is_refused() {
    let first = fixture("android-24h-dmy.txt");
    let inspection = inspect_whatsapp(first.as_slice(), Zone::UTC).unwrap();
    let order = inspection.resolve(None).unwrap();
    let mut changed = first.clone();
    changed.extend_from_slice(b"14/03/2024, 23:59 - Sam Stalker: one more\n");
    let err = read_whatsapp(changed.as_slice(), &inspection, order, |_| Ok(())).unwrap_err();
    assert!(matches!(err, ImportError::Changed), "{err:?}");
}

#[test]
fn zip_member_for_the_chat_is_found() {
    let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let ios = names(&["00000012-PHOTO-2024-03-13-00-01-00.jpg", "_chat.txt"]);
    assert_eq!(chat_file_name_in_zip(&ios), Some("_chat.txt"));
    let android = names(&["IMG-20240313-WA0001.jpg", "WhatsApp Chat with Sam.txt"]);
    assert_eq!(
        chat_file_name_in_zip(&android),
        Some("WhatsApp Chat with Sam.txt")
    );
    let russian = names(&["IMG-20240313-WA0001.jpg", "Чат WhatsApp с Sam.txt"]);
    assert_eq!(
        chat_file_name_in_zip(&russian),
        Some("Чат WhatsApp с Sam.txt")
    );
    let mac = names(&["__MACOSX/._chat.txt", "Chat/_chat.txt", "Chat/._chat.txt"]);
    assert_eq!(chat_file_name_in_zip(&mac), Some("Chat/_chat.txt"));
    let two = names(&["WhatsApp Chat with A.txt", "WhatsApp Chat with B.txt"]);
    assert_eq!(chat_file_name_in_zip(&two), None);
    assert_eq!(chat_file_name_in_zip(&names(&["a.jpg"])), None);
}

#[test]
fn attached_media_is_paired_with_zip_members() {
    let chat = parse("android-24h-dmy.txt", &london()).unwrap();
    let members = vec![
        "WhatsApp Chat with Sam Stalker.txt".to_owned(),
        "media/IMG-20240313-WA0001.jpg".to_owned(),
        "IMG-20240313-WA0002.jpg".to_owned(),
    ];
    assert_eq!(
        match_media(&chat, &members),
        vec![(7, "media/IMG-20240313-WA0001.jpg".to_owned())]
    );
}

// --- Volume -----------------------------------------------------------------------------

/// A day-first Android export of `n` messages, every tenth one on three lines.
fn generated_export(n: usize) -> String {
    let mut s = String::with_capacity(n * 70);
    for i in 0..n {
        let day = 13 + (i / 1440) % 16;
        let (h, m) = ((i / 60) % 24, i % 60);
        let who = if i % 3 == 0 { "Alex" } else { "Sam Stalker" };
        s.push_str(&format!(
            "{day:02}/05/2023, {h:02}:{m:02} - {who}: message number {i}\n"
        ));
        if i % 10 == 0 {
            s.push_str("second line\nthird line\n");
        }
    }
    s
}

#[test]
fn generated_export_parses_completely() {
    let text = generated_export(5000);
    let chat = parse_whatsapp(&text, &utc()).unwrap();
    assert_eq!(chat.messages.len(), 5000);
    assert_eq!(
        chat.messages[10].text,
        "message number 10\nsecond line\nthird line"
    );
}

// --- Properties -------------------------------------------------------------------------

const TOKENS: &[&str] = &[
    "12",
    "13",
    "3",
    "0",
    "99",
    "2024",
    "24",
    "/",
    ".",
    "-",
    ", ",
    " ",
    ":",
    "05",
    "[",
    "]",
    " - ",
    ": ",
    "\n",
    "\r\n",
    "AM",
    "pm",
    "a.m.",
    "a. m.",
    "\u{202F}",
    "\u{A0}",
    "\u{200E}",
    "\u{200F}",
    "\u{FEFF}",
    "\u{202A}",
    "\u{202C}",
    "Sam",
    "<Media omitted>",
    " (file attached)",
    "<attached: x.jpg>",
    "image omitted",
    "This message was deleted",
    " added ",
    "klo",
    "à",
    "BE",
    "R",
    "\u{661}",
    "\u{60C}",
    "م",
    "é",
    "😀",
    "\"",
    "«",
];

fn bounded(input: &[u8]) {
    let start = std::time::Instant::now();
    for order in [
        None,
        Some(DateOrder::DayMonthYear),
        Some(DateOrder::MonthDayYear),
    ] {
        let _ = parse_whatsapp_bytes(
            input,
            &opts(
                Zone::named("Europe/London").expect("a zone database"),
                order,
            ),
        );
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

/// A message line: a sender's or a notice (no sender), in one layout.
#[derive(Clone, Debug)]
enum Line {
    Message(&'static str, &'static str),
    Notice(&'static str),
}

fn line_strategy() -> impl Strategy<Value = Line> {
    let senders = prop::sample::select(vec!["Sam", "+44 7700 900123", "Ana María", "Jo"]);
    let texts = prop::sample::select(vec![
        "hello",
        "where are you",
        "<Media omitted>",
        "This message was deleted",
        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
        "",
        "a: b",
        "Missed voice call",
    ]);
    let notices = prop::sample::select(vec![
        "Sam added Jo",
        "Jo left",
        "You created group \"Us: two\"",
        "Sam changed the subject from \"a\" to \"b: c\"",
        "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
        "Your security code with Sam changed. Tap to learn more.",
        "Sam turned on disappearing messages. All new messages will disappear from this chat 7 days after they're sent.",
        "Jo joined using this group's invite link",
        "\u{200E}Sam changed this group's icon",
    ]);
    prop_oneof![
        (senders, texts).prop_map(|(s, t)| Line::Message(s, t)),
        notices.prop_map(Line::Notice),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        bounded(&bytes);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        bounded(s.as_bytes());
    }

    #[test]
    fn header_like_token_soup_never_panics(
        parts in proptest::collection::vec(proptest::sample::select(TOKENS), 0..200)
    ) {
        bounded(parts.concat().as_bytes());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0usize..10,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12)
    ) {
        let name = ["android-24h-dmy.txt", "ios-12h.txt", "dots-2digit-years.txt",
            "ambiguous.txt", "wa-ios-de.txt", "wa-ios-ar.txt", "wa-android-es.txt",
            "wa-ios-vi.txt", "wa-android-ymd-am-pm.txt", "wa-ios-old.txt"][which];
        bounded(&mutate(&fixture(name), &edits));
    }

    /// No line without a sender is ever given one, and every message keeps its own: over
    /// random mixes of notices and messages in the Android and iPhone layouts.
    #[test]
    fn a_line_without_a_sender_is_never_given_one(
        lines in proptest::collection::vec(line_strategy(), 1..40),
        ios in any::<bool>(),
        marks in any::<bool>(),
    ) {
        let mut text = String::new();
        for (i, l) in lines.iter().enumerate() {
            let (h, m) = (10 + i / 60, i % 60);
            let header = if ios {
                format!("[13/05/2024, {h:02}:{m:02}:00] ")
            } else {
                format!("13/05/2024, {h:02}:{m:02} - ")
            };
            let mark = if marks { "\u{200E}" } else { "" };
            match l {
                Line::Message(s, t) => text.push_str(&format!("{mark}{header}{s}: {t}\n")),
                Line::Notice(n) => text.push_str(&format!("{mark}{header}{n}\n")),
            }
        }
        let chat = parse_whatsapp(&text, &utc()).unwrap();
        prop_assert_eq!(chat.messages.len(), lines.len());
        for (m, l) in chat.messages.iter().zip(&lines) {
            match l {
                Line::Notice(_) => {
                    prop_assert_eq!(&m.sender, &None);
                    prop_assert_eq!(&m.kind, &MessageKind::System);
                }
                Line::Message(s, t) => match &m.sender {
                    Some(got) => prop_assert_eq!(got.as_str(), *s),
                    // Only WhatsApp's own words lose their sender: missed calls, and the
                    // encryption notice under a contact's name.
                    None => prop_assert!(t.starts_with("Missed") || t.starts_with("Messages and calls")),
                },
            }
        }
    }
}
