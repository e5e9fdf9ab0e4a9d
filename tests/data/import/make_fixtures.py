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
