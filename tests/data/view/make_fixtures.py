#!/usr/bin/env python3
"""Writes the views' shared test fixtures byte for byte (run from this directory).

phone-photo.jpg: an 8x8 grey baseline JPEG built by hand (one block, every coefficient
zero), with an EXIF APP1 segment as a phone writes it: camera make and model,
DateTimeOriginal with its offset, and a GPS position. The CLI, the Kotlin bindings and the
Python bindings each attach it and must record the same attachment (words.properties
holds what they must record).
"""
import struct


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def ifd(entries, start):
    """An IFD (Exif 2.32 section 4.6.2) whose first byte is at TIFF offset `start`."""
    out = struct.pack(">H", len(entries))
    data = b""
    data_at = start + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        out += struct.pack(">HHI", tag, kind, count)
        if len(value) <= 4:
            out += value.ljust(4, b"\0")
        else:
            out += struct.pack(">I", data_at + len(data))
            data += value + (b"\0" if len(value) % 2 else b"")
    return out + struct.pack(">I", 0) + data


def ascii_entry(tag, text):
    value = text.encode("ascii") + b"\0"
    return (tag, 2, len(value), value)


def rationals(tag, pairs):
    return (tag, 5, len(pairs), b"".join(struct.pack(">II", n, d) for n, d in pairs))


def exif():
    exif_ifd = [ascii_entry(0x9003, "2024:03:12 21:05:11"), ascii_entry(0x9011, "+00:00")]
    gps_ifd = [
        ascii_entry(0x0001, "N"),
        rationals(0x0002, [(51, 1), (30, 1), (264, 10)]),
        ascii_entry(0x0003, "W"),
        rationals(0x0004, [(0, 1), (7, 1), (396, 10)]),
    ]
    ifd0 = [ascii_entry(0x010F, "Apple"), ascii_entry(0x0110, "iPhone 15")]
    # IFD0 ends with the pointers to the Exif and GPS IFDs.
    size0 = len(ifd(ifd0 + [(0x8769, 4, 1, b"\0" * 4), (0x8825, 4, 1, b"\0" * 4)], 8))
    exif_at = 8 + size0
    gps_at = exif_at + len(ifd(exif_ifd, exif_at))
    ifd0 += [(0x8769, 4, 1, struct.pack(">I", exif_at)), (0x8825, 4, 1, struct.pack(">I", gps_at))]
    tiff = b"MM\0\x2a" + struct.pack(">I", 8)
    tiff += ifd(ifd0, 8) + ifd(exif_ifd, exif_at) + ifd(gps_ifd, gps_at)
    return b"Exif\0\0" + tiff


def jpeg():
    quant = segment(0xDB, b"\x00" + bytes([1] * 64))
    frame = segment(0xC0, b"\x08" + struct.pack(">HH", 8, 8) + b"\x01" + b"\x01\x11\x00")
    # One Huffman code of length 1 in each table: DC category 0, AC end-of-block.
    dc = segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")
    ac = segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\x00")
    scan = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    # DC code 0, AC code 0 (end of block), padded with ones.
    data = b"\x3f"
    return b"\xff\xd8" + segment(0xE1, exif()) + quant + frame + dc + ac + scan + data + b"\xff\xd9"


with open("phone-photo.jpg", "wb") as f:
    f.write(jpeg())
