#!/usr/bin/env python3
"""Writes the import test fixtures byte for byte (run from this directory).

Kept in the repository so every fixture can be reproduced and reviewed: the invisible
characters WhatsApp writes (U+200E, U+202F, U+00A0, U+202A/U+202C) are spelled out here.
"""
import base64, struct, zlib

LRM, NNBSP, NBSP, LRE, PDF, BOM = "\u200e", "\u202f", "\u00a0", "\u202a", "\u202c", "\ufeff"

def write(name, text):
    with open(name, "wb") as f:
        f.write(text.encode("utf-8"))

# Android, 24-hour, day-first, four-digit years; CRLF line ends, as some exports have.
write("android-24h-dmy.txt", "\r\n".join([
    "12/03/2024, 21:05 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    "12/03/2024, 21:06 - Sam Stalker: Where are you",
    "13/03/2024, 07:15 - Sam Stalker: I know you're at work.",
    "I saw your car.",
    "",
    "Answer me",
    "13/03/2024, 07:16 - Alex: Please stop contacting me",
    "13/03/2024, 07:20 - Sam Stalker: <Media omitted>",
    "13/03/2024, 07:21 - Sam Stalker: This message was deleted",
    "13/03/2024, 07:22 - Alex: You deleted this message",
    "13/03/2024, 07:30 - Sam Stalker: IMG-20240313-WA0001.jpg (file attached)",
    "look familiar?",
    "14/03/2024, 23:59 - Alex added Jo",
    "14/03/2024, 23:59 - Sam Stalker changed the subject from \"x\" to \"Re: you\"",
    "",
]))

# iOS, 12-hour with U+202F before AM/PM, month-first (3/13/24 proves it), U+200E marks.
write("ios-12h.txt", "\n".join([
    BOM + LRM + "[3/12/24, 9:05:11" + NNBSP + "PM] Family: " + LRM + "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
    "[3/12/24, 9:05:40" + NNBSP + "PM] Sam Stalker: Hey",
    "[3/12/24, 9:06:02" + NNBSP + "PM] " + LRM + LRE + "+44 7700 900123" + PDF + ": who is this",
    "[3/12/24, 11:59:59" + NNBSP + "PM] Sam Stalker: answer",
    "me",
    LRM + "[3/13/24, 12:00:01" + NNBSP + "AM] Sam Stalker: " + LRM + "image omitted",
    LRM + "[3/13/24, 12:01:00" + NNBSP + "AM] Sam Stalker: " + LRM + "<attached: 00000012-PHOTO-2024-03-13-00-01-00.jpg>",
    LRM + "[3/13/24, 12:02:00" + NNBSP + "PM] Sam Stalker: " + LRM + "This message was deleted.",
    LRM + "[3/13/24, 12:03:00" + NNBSP + "PM] Family: " + LRM + "Sam Stalker added Jo",
    LRM + "[3/13/24, 12:04:00" + NNBSP + "PM] Sam Stalker: " + LRM + "sticker omitted",
    "",
]))

# German-style: dots and two-digit years; 25.03.24 proves day-first.
write("dots-2digit-years.txt", "\n".join([
    "12.03.24, 21:06 - Sam: eins",
    "25.03.24, 08:00 - Alex: zwei",
    "",
]))

# Every date reads both ways.
write("ambiguous.txt", "\n".join([
    "01/02/2024, 10:00 - Sam: hello",
    "05/03/2024, 11:00 - Sam: again",
    "",
]))

# Line 1 can only be day-first, line 2 only month-first.
write("both-orders-impossible.txt", "\n".join([
    "13/05/2024, 10:00 - Sam: one",
    "05/13/2024, 10:00 - Sam: two",
    "",
]))

# Android, month-first proven by 03/13/2024; lowercase "pm", "a.m." after U+00A0.
write("mdy-proven.txt", "\n".join([
    "03/12/2024, 9:06 pm - Sam: first",
    "03/13/2024, 9:07" + NBSP + "a.m. - Sam: second",
    "",
]))

# --- WhatsApp in other languages, phones and layouts ---------------------------------
# Each file is one export as a phone in that language and setting writes it; the tests
# list every message expected from it. RLM is U+200F RIGHT-TO-LEFT MARK.
RLM = "\u200f"

# iPhone, German, 24-hour: the notices are written under the contact's name and marked
# with U+200E; media left out, a document with its title, deletions both ways, a missed
# call, a line starting with U+FEFF, a message written on three lines, and an empty one.
write("wa-ios-de.txt", "\n".join([
    "[18.03.22, 14:56:00] Sam Muster: " + LRM + "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp.",
    "[27.03.22, 21:41:35] Alex: Hallo",
    LRM + "[27.03.22, 21:41:55] Sam Muster: " + LRM + "Bild weggelassen",
    LRM + "[27.03.22, 21:44:16] Sam Muster: " + LRM + "Video weggelassen",
    LRM + "[27.03.22, 21:47:54] Sam Muster: " + LRM + "Kontaktkarte ausgelassen",
    LRM + "[27.03.22, 21:50:25] Sam Muster: Bericht.pdf • " + LRM + "3 Seiten " + LRM + "Dokument weggelassen",
    "[27.03.22, 21:50:54] Alex: " + LRM + "Du hast diese Nachricht gelöscht.",
    "[27.03.22, 21:54:45] Sam Muster: " + LRM + "Diese Nachricht wurde gelöscht.",
    "[27.03.22, 21:55:00] Sam Muster: " + LRM + "Verpasster Sprachanruf",
    BOM + "[27.03.22, 21:56:45] Sam Muster: " + LRM + "Standort: https://maps.google.com/?q=52.52,13.40",
    "[27.03.22, 22:01:02] Sam Muster: Mach auf.",
    "Ich stehe vor der Tür.",
    "Jetzt.",
    "[27.03.22, 22:02:00] Sam Muster:",
    "[28.04.22, 20:17:30] Sam Muster: " + LRM + LRM + "Deine Sicherheitsnummer für Sam Muster hat sich geändert. " + LRM + "Tippe, um mehr zu erfahren.",
    "",
]))

# Android, Czech, 24-hour, no comma between date and time; media left out and attached
# (U+200E before the file name), a caption on the next line.
write("wa-android-cs.txt", "\n".join([
    "23.03.22 13:31 - Zprávy a hovory jsou zabezpečeny koncovým šifrováním. Nikdo, kdo není přímým účastníkem této konverzace, ji nemůže sledovat ani poslouchat. Dozvíte se víc klepnutím.",
    "23.03.22 13:32 - Petr: <Média vynechány>",
    "23.03.22 13:33 - Petr: " + LRM + "IMG-20220323-WA0002.jpg (soubor byl přiložen)",
    "Tohle jsi ty?",
    "23.03.22 13:34 - Jana: Tato zpráva byla odstraněna",
    "23.03.22 13:35 - Petr přidal(a) Evu",
    "",
]))

# Android, Russian, 24-hour, four-digit years.
write("wa-android-ru.txt", "\n".join([
    "23.03.2022, 13:31 - Сообщения и звонки защищены сквозным шифрованием. Третьи лица, включая WhatsApp, не" + NBSP + "могут прочитать ваши сообщения или прослушать звонки. Подробнее",
    "23.03.2022, 13:32 - Олег: <Без медиафайлов>",
    "23.03.2022, 13:33 - Олег: Данное сообщение удалено",
    "23.03.2022, 13:34 - Олег: Я знаю, где ты",
    "",
]))

# Android, Dutch, dashes in the date, no comma.
write("wa-android-nl.txt", "\n".join([
    "23-03-2022 13:31 - Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen of beluisteren, zelfs WhatsApp niet. Tik voor meer informatie.",
    "23-03-2022 13:32 - Kees: <Media weggelaten>",
    "23-03-2022 13:33 - Kees: PTT-20220323-WA0000.opus (bestand bijgevoegd)",
    "23-03-2022 13:34 - Kees: Dit bericht is verwijderd",
    "",
]))

# Android, year first with slashes (Afrikaans, South African English phones).
write("wa-android-ymd.txt", "\n".join([
    "2018/07/25, 21:06 - Messages to this group are now secured with end-to-end encryption. Tap for more info.",
    "2018/07/25, 21:07 - Sam: hi",
    "2018/07/26, 08:00 - Sam: <Media omitted>",
    "",
]))

# Android, year first with dashes and a.m./p.m. (English, Canada).
write("wa-android-ymd-am-pm.txt", "\n".join([
    "2019-08-06, 7:03 a.m. - Sam: morning",
    "2019-08-06, 12:15 p.m. - Sam: lunch?",
    "2019-08-06, 11:59 p.m. - Sam: answer me",
    "",
]))

# Android, Spanish, 12-hour with "a. m."/"p. m." (a normal space and U+00A0 inside).
write("wa-android-es.txt", "\n".join([
    "12/3/25, 9:05 a. m. - Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.",
    "12/3/25, 2:33 p." + NBSP + "m. - Carlos: ¿Dónde estás?",
    "13/3/25, 10:00 p. m. - Carlos: <Multimedia omitido>",
    "13/3/25, 10:01 p. m. - Carlos: Se eliminó este mensaje.",
    "",
]))

# iPhone, Indonesian: dotted times, no comma, `<terlampir: …>`.
write("wa-ios-id.txt", "\n".join([
    "[26/01/21 21.05.53] Rina: " + LRM + "Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
    "[26/01/21 21.06.10] Dimas: Jam berapa?",
    LRM + "[26/01/21 21.07.00] Rina: " + LRM + "<terlampir: 00000004-PHOTO-2021-01-26-21-07-00.jpg>",
    LRM + "[26/01/21 21.08.00] Rina: " + LRM + "gambar tidak disertakan",
    "",
]))

# Android, Finnish: `klo` between date and time, dotted times.
write("wa-android-fi.txt", "\n".join([
    "12.3.2024 klo 21.06 - Matti: Missä olet?",
    "12.3.2024 klo 21.07 - Liisa: Kotona",
    "",
]))

# Android, French: `à` between date and time.
write("wa-android-fr.txt", "\n".join([
    "12/03/2024 à 21:06 - Marc: Tu es où ?",
    "12/03/2024 à 21:07 - Marc: <Médias omis>",
    "13/03/2024 à 08:00 - Marc: IMG-20240313-WA0001.jpg (fichier joint)",
    "13/03/2024 à 08:01 - Marc: Ce message a été supprimé",
    "13/03/2024 à 08:02 - Marc a créé le groupe « Nous : deux »",
    "",
]))

# Android, English, two spaces before the dash (some Android versions).
write("wa-android-two-spaces.txt", "\n".join([
    "13/05/2024, 10:00  - Sam: one",
    "13/05/2024, 10:01  - Sam: two",
    "",
]))

# iPhone before 2017: no brackets, a colon after the time, notices marked with U+200E.
write("wa-ios-old.txt", "\n".join([
    "7/1/16, 4:56:55 PM: " + LRM + "Sophia created this group",
    "7/1/16, 5:08:08 PM: " + LRM + "Sophia added you",
    "7/13/16, 9:00:00 PM: Sophia: are you home",
    "7/13/16, 9:00:30 PM: Sophia: " + LRM + "<image omitted>",
    "",
]))

# iPhone, Arabic: RLM around the date separators, Arabic-Indic digits, the Arabic comma,
# ص/م after U+00A0, a phone number sender wrapped in U+202A … U+202C.
def ar(n):
    return "".join(chr(0x660 + int(d)) for d in str(n))
write("wa-ios-ar.txt", "\n".join([
    "[" + ar(18) + RLM + "/" + ar(3) + RLM + "/" + ar(2022) + "، " + ar(2) + ":" + ar(56) + ":" + ar(0) + ar(0) + NBSP + "م] " + LRE + "+40" + NBSP + "521" + NBSP + "028" + PDF + ": " + RLM + "الرسائل والمكالمات مشفرة تمامًا بين الطرفين، بحيث لا يستطيع أحد خارج هذه الدردشة، ولا حتى شركة واتساب نفسها، قراءتها أو الاستماع إليها.",
    RLM + "[" + ar(27) + RLM + "/" + ar(3) + RLM + "/" + ar(2022) + "، " + ar(9) + ":" + ar(41) + ":" + ar(55) + NBSP + "ص] " + LRE + "+40" + NBSP + "521" + NBSP + "028" + PDF + ": " + RLM + "لم يتم إدراج الصورة",
    "[" + ar(27) + RLM + "/" + ar(3) + RLM + "/" + ar(2022) + "، " + ar(9) + ":" + ar(42) + ":" + ar(10) + NBSP + "م] " + LRE + "+40" + NBSP + "521" + NBSP + "028" + PDF + ": " + RLM + "تم حذف هذه الرسالة.",
    "",
]))

# iPhone, Vietnamese: the time before the date.
write("wa-ios-vi.txt", "\n".join([
    "[14:56:01, 3/18/22] Lan: " + LRM + "Tin nhắn và cuộc gọi được mã hóa đầu cuối. Những người bên ngoài cuộc trò chuyện này, kể cả WhatsApp, sẽ không đọc hoặc nghe được.",
    "[21:41:35, 3/27/22] Minh: Xin chào",
    LRM + "[21:41:55, 3/27/22] Minh: " + LRM + "đã bỏ qua hình ảnh",
    "",
]))

# iPhone, Thai Buddhist and Japanese era calendars.
write("wa-ios-buddhist.txt", "\n".join([
    "[3/18/2565 BE, 14:56:01] Som: hello",
    "[3/27/2565 BE, 21:41:35] Som: again",
    "",
]))
write("wa-ios-japanese-era.txt", "\n".join([
    "[3/18/R4, 14:56:01] Ken: hello",
    "[3/27/R4, 21:41:35] Ken: again",
    "",
]))

# Android, German, every line starting with U+FEFF (as some phones write them).
write("wa-android-de-bom.txt", "\n".join([
    BOM + "29.01.18, 12:24 - Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses Chats kann sie lesen oder anhören, nicht einmal WhatsApp. Tippe, um mehr zu erfahren.",
    BOM + "29.01.18, 12:24 - Du hast die Gruppe \"Test\" erstellt.",
    BOM + "29.01.18, 12:25 - Mallory: Hey! :)",
    BOM + "29.01.18, 12:26 - Mallory: " + LRM + "PTT-20180129-WA0025.opus (Datei angehängt)",
    BOM + "29.01.18, 12:27 - Mallory: <Medien ausgeschlossen>",
    "",
]))

# Layouts that are refused, each with a message that says why.
write("wa-no-year.txt", "18 Mar 12:14 - Sam: wakeup\n18 Mar 12:15 - Sam: again\n")
write("wa-unknown-marker.txt", "12/03/2024, 9:06 nachm. - Sam: hallo\n")

# --- Telegram, Instagram, Messenger (JSON) -------------------------------------------
import json

def write_json(name, obj):
    with open(name, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)

# Telegram Desktop, one chat exported, machine-readable JSON (2023 layout).
write_json("telegram-chat.json", {
    "name": "Sam Stalker", "type": "personal_chat", "id": 5550001,
    "messages": [
        {"id": 1, "type": "message", "date": "2024-03-12T21:06:00", "date_unixtime": "1710277560",
         "from": "Sam Stalker", "from_id": "user5550001", "text": "Where are you",
         "text_entities": [{"type": "plain", "text": "Where are you"}]},
        {"id": 2, "type": "message", "date": "2024-03-12T21:07:10", "date_unixtime": "1710277630",
         "from": "Sam Stalker", "from_id": "user5550001",
         "text": ["I saw you at ", {"type": "bold", "text": "the station"}, " ",
                  {"type": "link", "text": "https://maps.example/x"}],
         "text_entities": []},
        {"id": 3, "type": "message", "date": "2024-03-12T21:08:00", "date_unixtime": "1710277680",
         "from": "Sam Stalker", "from_id": "user5550001",
         "photo": "(File not included. Change data exporting settings to download.)",
         "width": 1280, "height": 960, "text": "look", "text_entities": []},
        {"id": 4, "type": "message", "date": "2024-03-12T21:09:00", "date_unixtime": "1710277740",
         "from": "Alex", "from_id": "user5550002", "text": "Please stop", "text_entities": []},
        {"id": 5, "type": "service", "date": "2024-03-12T22:00:00", "date_unixtime": "1710280800",
         "actor": "Sam Stalker", "actor_id": "user5550001", "action": "phone_call",
         "discard_reason": "missed", "text": "", "text_entities": []},
        {"id": 6, "type": "message", "date": "2024-03-13T07:00:00", "date_unixtime": "1710313200",
         "edited": "2024-03-13T07:01:00", "edited_unixtime": "1710313260",
         "from": "Sam Stalker", "from_id": "user5550001",
         "file": "voice_messages/audio_1@13-03-2024_07-00-00.ogg", "media_type": "voice_message",
         "mime_type": "audio/ogg", "duration_seconds": 12, "text": "", "text_entities": []},
        {"id": 7, "type": "message", "date": "2024-03-13T07:02:00", "date_unixtime": "1710313320",
         "from": None, "from_id": "user5550003", "text": "from a deleted account", "text_entities": []},
    ]})

# Telegram Desktop, "Export Telegram data": every chat of the account.
write_json("telegram-data.json", {
    "about": "Here is the data you requested.",
    "personal_information": {"user_id": 1, "first_name": "Alex"},
    "chats": {"about": "This page lists all chats from this export.", "list": [
        {"name": "Mum", "type": "personal_chat", "id": 5550009, "messages": [
            {"id": 1, "type": "message", "date": "2024-03-11T09:00:00", "date_unixtime": "1710147600",
             "from": "Mum", "from_id": "user5550009", "text": "Call me", "text_entities": []}]},
        {"name": "Sam Stalker", "type": "personal_chat", "id": 5550001, "messages": [
            {"id": 1, "type": "message", "date": "2024-03-12T21:06:00", "date_unixtime": "1710277560",
             "from": "Sam Stalker", "from_id": "user5550001", "text": "Where are you", "text_entities": []},
            {"id": 2, "type": "message", "date": "2024-03-12T21:07:00", "date_unixtime": "1710277620",
             "from": "Sam Stalker", "from_id": "user5550001", "text": "Answer", "text_entities": []}]},
    ]},
    "left_chats": {"about": "", "list": []},
})

# Meta's "Download your information" writes the UTF-8 bytes of every non-ASCII character
# as if they were Latin-1 characters; json.dump then escapes those as \u00XX.
def meta(text):
    return text.encode("utf-8").decode("latin-1")

# Instagram, messages/inbox/zoe_123/message_1.json: newest first.
with open("instagram-inbox.json", "w", encoding="ascii") as f:
    json.dump({
        "participants": [{"name": meta("Zoë Stalker")}, {"name": "Alex"}],
        "messages": [
            {"sender_name": meta("Zoë Stalker"), "timestamp_ms": 1710313200000,
             "content": meta("Tu ne peux pas m’ignorer 😡"), "is_geoblocked_for_viewer": False},
            {"sender_name": meta("Zoë Stalker"), "timestamp_ms": 1710280800000,
             "photos": [{"uri": "your_instagram_activity/messages/inbox/zoe_123/photos/1234.jpg",
                         "creation_timestamp": 1710280800}], "is_geoblocked_for_viewer": False},
            {"sender_name": "Alex", "timestamp_ms": 1710277740000, "content": "Leave me alone",
             "is_geoblocked_for_viewer": False},
            {"sender_name": meta("Zoë Stalker"), "timestamp_ms": 1710277680000,
             "content": "Sent a link", "share": {"link": "https://www.instagram.com/p/xyz/"},
             "is_geoblocked_for_viewer": False},
            {"sender_name": meta("Zoë Stalker"), "timestamp_ms": 1710277560000,
             "is_unsent": True, "is_geoblocked_for_viewer": False},
        ],
        "title": meta("Zoë Stalker"), "is_still_participant": True,
        "thread_path": "inbox/zoe_123", "magic_words": [],
    }, f, ensure_ascii=True, indent=2)

# Facebook Messenger, messages/inbox/samstalker_456/message_1.json.
with open("messenger-inbox.json", "w", encoding="ascii") as f:
    json.dump({
        "participants": [{"name": "Sam Stalker"}, {"name": meta("Aïcha")}],
        "messages": [
            {"sender_name": "Sam Stalker", "timestamp_ms": 1710313200000,
             "content": "Sam Stalker left the group.", "type": "Unsubscribe", "users": [{"name": "Sam Stalker"}]},
            {"sender_name": "Sam Stalker", "timestamp_ms": 1710280800000,
             "content": meta("You missed a call from Sam Stalker."), "call_duration": 0, "type": "Call"},
            {"sender_name": "Sam Stalker", "timestamp_ms": 1710277740000,
             "videos": [{"uri": "messages/inbox/samstalker_456/videos/v1.mp4"}],
             "gifs": [{"uri": "messages/inbox/samstalker_456/gifs/g1.gif"}], "type": "Generic"},
            {"sender_name": meta("Aïcha"), "timestamp_ms": 1710277620000,
             "content": meta("Arrête, s’il te plaît"), "type": "Generic"},
            {"sender_name": "Sam Stalker", "timestamp_ms": 1710277560000,
             "sticker": {"uri": "messages/stickers_used/39178562_1505197616293642_5411344281094848512_n_369239263222822.png"},
             "type": "Generic"},
        ],
        "title": "Sam Stalker", "is_still_participant": True,
        "thread_type": "Regular", "thread_path": "inbox/samstalker_456",
    }, f, ensure_ascii=True, indent=2)

# --- Images -------------------------------------------------------------------------
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def png(width, height, rows):
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    raw = b"".join(b"\x00" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")

# 4x3 RGB: red, green, blue, white across; three rows.
row = bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255])
tiny = png(4, 3, [row, row, row])
open("tiny-4x3.png", "wb").write(tiny)
open("truncated.png", "wb").write(tiny[: len(tiny) - 20])  # cut inside IDAT
# IHDR claims 30000x30000 (valid CRC); the pixel data is one row only.
huge = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b""))
open("ihdr-30000x30000.png", "wb").write(huge)
open("garbage.bin", "wb").write(bytes((i * 7919 + 13) % 251 for i in range(512)))
open("empty.bin", "wb").write(b"")

# --- SMS Backup & Restore -----------------------------------------------------------
# U+1F600 GRINNING FACE as the app writes it: two references to UTF-16 surrogates.
grin = "&#55357;&#56832;"
write("sms-backup.xml", f"""<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<!--File Created By SMS Backup & Restore v10.20.002 on 13/03/2024 08:00:00-->
<?xml-stylesheet type="text/xsl" href="sms.xsl"?>
<smses count="4" backup_set="5e0e3a35-0000-0000-0000-000000000000" backup_date="1710316800000" type="full">
  <sms protocol="0" address="+447700900123" date="1710277560000" type="1" subject="null" body="Where are you&#10;I can see you {grin} &amp; &lt;3" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="1710277559000" sub_id="1" readable_date="12 Mar 2024 21:06:00" contact_name="Sam Stalker" />
  <sms protocol="0" address="07700 900123" date="1710277620000" type="2" subject="null" body="Stop." toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="12 Mar 2024 21:07:00" contact_name="(Unknown)" />
  <sms protocol="0" address="+447700900999" date="1710277680000" type="1" subject="null" body="unrelated" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="12 Mar 2024 21:08:00" contact_name="null" />
  <mms date="1710277740000" rr="null" sub="null" ct_t="application/vnd.wap.multipart.related" read_status="null" seen="1" msg_box="1" address="+447700900123" sub_cs="null" resp_st="null" retr_st="null" d_tm="null" text_only="0" exp="null" locked="0" m_id="null" st="null" retr_txt_cs="null" retr_txt="null" creator="com.google.android.apps.messaging" date_sent="1710277739000" read="1" m_size="1234" rpt_a="null" ct_cls="null" pri="null" sub_id="1" tr_id="null" resp_txt="null" ct_l="null" m_cls="personal" d_rpt="null" v="18" _id="1" m_type="132" readable_date="12 Mar 2024 21:09:00" contact_name="Sam Stalker">
    <parts>
      <part seq="-1" ct="application/smil" name="null" chset="null" cd="null" fn="null" cid="&lt;smil&gt;" cl="smil.xml" ctt_s="null" ctt_t="null" text="&lt;smil&gt;&lt;/smil&gt;" />
      <part seq="0" ct="text/plain" name="null" chset="106" cd="null" fn="null" cid="&lt;text_0&gt;" cl="text_0.txt" ctt_s="null" ctt_t="null" text="look outside {grin}" />
      <part seq="0" ct="image/png" name="IMG_0001.png" chset="null" cd="null" fn="null" cid="&lt;0&gt;" cl="IMG_0001.png" ctt_s="null" ctt_t="null" text="null" data="{base64.b64encode(tiny).decode()}" />
    </parts>
    <addrs>
      <addr address="+447700900555" type="151" charset="106" />
      <addr address="+447700900123" type="137" charset="106" />
    </addrs>
  </mms>
</smses>
""")

write("calls-backup.xml", """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<calls count="3" backup_set="x" backup_date="1710316800000" type="full">
  <call number="+447700900123" duration="35" date="1710277560000" type="1" presentation="1" subscription_id="null" post_dial_digits="" subscription_component_name="null" readable_date="12 Mar 2024 21:06:00" contact_name="Sam Stalker" />
  <call number="07700900123" duration="0" date="1710281160000" type="3" presentation="1" subscription_id="null" post_dial_digits="" subscription_component_name="null" readable_date="12 Mar 2024 22:06:00" contact_name="null" />
  <call number="+44 (0)7700-900-123" duration="null" date="1710284760000" type="6" presentation="1" subscription_id="null" post_dial_digits="" subscription_component_name="null" readable_date="12 Mar 2024 23:06:00" contact_name="(Unknown)" />
</calls>
""")

write("billion-laughs.xml", """<?xml version="1.0"?>
<!DOCTYPE smses [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<smses count="1"><sms address="+447700900123" date="1710277560000" type="1" body="&lol9;" /></smses>
""")
