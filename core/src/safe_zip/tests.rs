//! The zip reader against every class of hostile archive: each test forges one trick and
//! checks it is refused before anything is written, with the reason named.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::zip_forge::{Forge, Forged, extra_field, unicode_path_field};
use proptest::prelude::*;
use std::io;
use std::sync::OnceLock;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip from the zip crate: (name, bytes, deflate?); names ending in '/' are folders.
fn crate_zip(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut w = ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, bytes, deflate) in members {
        if name.ends_with('/') {
            w.add_directory(*name, SimpleFileOptions::default())
                .unwrap();
            continue;
        }
        let method = if *deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        w.start_file(
            *name,
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// `n` MiB of zeros, deflated, as the only member `zeros.bin`.
fn zeros_zip(mib: usize) -> Vec<u8> {
    let mut w = ZipWriter::new(io::Cursor::new(Vec::new()));
    w.start_file("zeros.bin", SimpleFileOptions::default())
        .unwrap();
    let chunk = vec![0u8; 1 << 20];
    for _ in 0..mib {
        w.write_all(&chunk).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Rewrites the declared uncompressed size of every member, in the local and central
/// headers (offsets 22 and 24, APPNOTE 4.3.7 and 4.3.12).
fn lie_about_size(mut zip: Vec<u8>, size: u32) -> Vec<u8> {
    let find = |zip: &[u8], sig: [u8; 4]| -> Vec<usize> {
        zip.windows(4)
            .enumerate()
            .filter(|(_, w)| *w == sig)
            .map(|(i, _)| i)
            .collect()
    };
    for i in find(&zip, [0x50, 0x4b, 0x03, 0x04]) {
        zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
    }
    for i in find(&zip, [0x50, 0x4b, 0x01, 0x02]) {
        zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
    }
    zip
}

struct Tried {
    _tmp: tempfile::TempDir,
    dest: PathBuf,
    result: Result<u64, SafeZipError>,
}

/// Opens `bytes` (as a chat export, or as a pack) and, if that works, extracts into
/// `<parent>/dest`; then checks that nothing but `dest` exists in `parent`.
fn try_extract_as(bytes: &[u8], limits: ZipLimits, strictness: Strictness) -> Tried {
    let tmp = tempfile::tempdir().unwrap();
    let zpath = tmp.path().join("in.zip");
    fs::write(&zpath, bytes).unwrap();
    let parent = tmp.path().join("parent");
    let dest = parent.join("dest");
    fs::create_dir_all(&dest).unwrap();
    let result = SafeZip::open_with(&zpath, limits, strictness).and_then(|mut z| {
        let _ = z.names();
        z.extract_all(&dest)
    });
    let outside: Vec<_> = fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(outside, ["dest"], "something was written outside dest");
    Tried {
        _tmp: tmp,
        dest,
        result,
    }
}

fn try_extract(bytes: &[u8], limits: ZipLimits) -> Tried {
    try_extract_as(bytes, limits, Strictness::Received)
}

fn refused(bytes: &[u8], limits: ZipLimits) -> SafeZipError {
    match try_extract(bytes, limits).result {
        Err(e) => e,
        Ok(n) => panic!("accepted a hostile zip ({n} bytes written)"),
    }
}

/// Refused as a chat export and as a pack, with a message containing `says`.
fn refused_everywhere(forge: &Forge, says: &str) {
    let bytes = forge.build();
    for strictness in [Strictness::Received, Strictness::Pack] {
        match try_extract_as(&bytes, ZipLimits::default(), strictness).result {
            Err(e) => assert!(
                says.split('|').any(|s| e.to_string().contains(s)),
                "{strictness:?}: expected {says:?} in {e}"
            ),
            Ok(_) => panic!("{strictness:?}: accepted; expected a refusal saying {says:?}"),
        }
    }
}

fn refused_as_pack_only(forge: &Forge, says: &str) {
    let bytes = forge.build();
    let t = try_extract(&bytes, ZipLimits::default());
    assert!(
        t.result.is_ok(),
        "a chat export was refused: {:?}",
        t.result
    );
    match try_extract_as(&bytes, ZipLimits::default(), Strictness::Pack).result {
        Err(e) => assert!(e.to_string().contains(says), "expected {says:?} in {e}"),
        Ok(_) => panic!("accepted as a pack; expected a refusal saying {says:?}"),
    }
}

fn small_limits() -> ZipLimits {
    ZipLimits {
        max_entries: 10,
        max_entry_bytes: 8 << 20,
        max_total_bytes: 16 << 20,
        max_ratio: 100,
        max_name_bytes: 64,
    }
}

fn two_files() -> Vec<Forged> {
    vec![
        Forged::file("bag/a.txt", b"alpha"),
        Forged::file("bag/b.txt", b"bravo bravo").deflated(),
    ]
}

#[test]
fn a_good_zip_extracts_byte_for_byte() {
    let big: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let zip = crate_zip(&[
        ("chat/", b"", false),
        ("chat/_chat.txt", b"[01/02/2024, 10:00:00] A: hi", true),
        ("chat/00000001-PHOTO.jpg", &big, false),
        ("top.txt", b"", true),
    ]);
    let t = try_extract(&zip, ZipLimits::default());
    assert_eq!(t.result.unwrap(), 28 + 300_000);
    assert_eq!(
        fs::read(t.dest.join("chat/00000001-PHOTO.jpg")).unwrap(),
        big
    );
    assert_eq!(fs::read(t.dest.join("top.txt")).unwrap(), b"");

    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("z.zip"), &zip).unwrap();
    let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
    assert_eq!(
        z.names(),
        ["chat/_chat.txt", "chat/00000001-PHOTO.jpg", "top.txt"]
    );
    assert_eq!(
        z.read_member("chat/_chat.txt", 1000).unwrap(),
        b"[01/02/2024, 10:00:00] A: hi"
    );
    assert!(matches!(
        z.read_member("chat/00000001-PHOTO.jpg", 1000),
        Err(SafeZipError::TooLarge { .. })
    ));
    assert!(matches!(
        z.copy_member("chat/", &mut Vec::new()),
        Err(SafeZipError::NotFound { .. })
    ));
    let mut out = Vec::new();
    assert_eq!(
        z.copy_member("chat/00000001-PHOTO.jpg", &mut out).unwrap(),
        300_000
    );
    assert_eq!(out, big);
    // Read again, through the streaming reader: the same bytes.
    let mut again = Vec::new();
    std::io::copy(
        &mut z
            .member_reader("chat/00000001-PHOTO.jpg", u64::MAX)
            .unwrap(),
        &mut again,
    )
    .unwrap();
    assert_eq!(again, big);
}

#[test]
fn forged_zips_of_every_shape_read_back_when_honest() {
    // The forge itself is right: honest archives, classic and Zip64, with and without data
    // descriptors, read back byte for byte. Otherwise the refusals below prove nothing.
    let payload: Vec<u8> = (0..70_000u32).map(|i| (i % 13) as u8).collect();
    for zip64 in [false, true] {
        for descriptor in [false, true] {
            let mut a = Forged::file("d/a.bin", &payload).deflated();
            a.descriptor = descriptor;
            let mut forge = Forge::new(vec![Forged::dir("d/"), a, Forged::file("d/b.txt", b"b")]);
            forge.zip64 = zip64;
            let t = try_extract(&forge.build(), ZipLimits::default());
            assert!(
                t.result.is_ok(),
                "zip64 {zip64}, descriptor {descriptor}: {:?}",
                t.result
            );
            assert_eq!(fs::read(t.dest.join("d/a.bin")).unwrap(), payload);
            if !descriptor {
                let p = try_extract_as(&forge.build(), ZipLimits::default(), Strictness::Pack);
                assert!(p.result.is_ok(), "zip64 {zip64} as a pack: {:?}", p.result);
            }
        }
    }
}

#[test]
fn names_escaping_the_destination_are_refused() {
    for name in [
        "../evil",
        "/abs",
        "C:\\x",
        "c:x",
        "a\\..\\b",
        "a/../../b",
        "./a",
        "a//b",
        "ok\0.txt",
        "bell\u{7}.txt",
        "esc\u{1b}[31m.txt",
        "",
    ] {
        let e = refused(
            &Forge::new(vec![Forged::file(name, b"x")]).build(),
            ZipLimits::default(),
        );
        assert!(
            matches!(e, SafeZipError::UnsafeName { .. }),
            "{name:?}: {e:?}"
        );
    }
    let long = "a".repeat(65);
    let e = refused(
        &Forge::new(vec![Forged::file(&long, b"x")]).build(),
        small_limits(),
    );
    assert!(matches!(e, SafeZipError::UnsafeName { .. }), "{e:?}");
}

#[test]
fn invalid_utf8_marked_utf8_is_refused() {
    let mut f = Forged::file("x", b"x");
    f.name = vec![b'a', 0xff, b'b'];
    f.flags = 1 << 11;
    let e = refused(&Forge::new(vec![f]).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::UnsafeName { .. }), "{e:?}");
}

#[test]
fn names_not_marked_utf8_are_read_one_way_in_chat_exports_and_refused_in_packs() {
    // macOS writes UTF-8 without the flag; old tools write CP437. A pack never needs either.
    let mut utf8 = Forged::file("x", b"x");
    utf8.name = "café.txt".as_bytes().to_vec();
    let mut cp437 = Forged::file("x", b"y");
    cp437.name = vec![b'n', 0x81, b'.', b't', b'x', b't'];
    let forge = Forge::new(vec![utf8, cp437]);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("z.zip");
    forge.write(&path).unwrap();
    assert_eq!(
        SafeZip::open(&path, ZipLimits::default()).unwrap().names(),
        ["café.txt", "nü.txt"]
    );
    refused_as_pack_only(&forge, "not ASCII and not marked UTF-8");
}

#[test]
fn symlinks_and_special_files_are_refused() {
    let mut link = Forged::file("link", b"/etc/passwd");
    link.external = 0o120777 << 16;
    let e = refused(
        &Forge::new(vec![link.clone()]).build(),
        ZipLimits::default(),
    );
    assert!(matches!(e, SafeZipError::Symlink { .. }), "{e:?}");
    // Whatever "made by" system is claimed.
    link.made_by = 0x0014;
    let e = refused(&Forge::new(vec![link]).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::Symlink { .. }), "{e:?}");
    let mut fifo = Forged::file("fifo", b"");
    fifo.external = 0o010644 << 16;
    let e = refused(&Forge::new(vec![fifo]).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::Unsupported { .. }), "{e:?}");
    // A link target in an extra field, for the tools that create links from it.
    let mut unix = Forged::file("innocent.txt", b"x");
    unix.central_extra = extra_field(0x000d, b"\0\0\0\0\0\0\0\0\0\0\0\0/etc/passwd");
    refused_everywhere(&Forge::new(vec![unix]), "link target");
}

#[test]
fn a_file_with_the_folder_attribute_is_refused() {
    // 7-Zip and Windows Explorer make a folder of it; Python and Info-ZIP a file.
    let mut f = Forged::file("bag/report.html", b"<p>");
    f.made_by = 0x0014;
    f.external = 0x10;
    refused_everywhere(&Forge::new(vec![f]), "its attributes say it is a folder");
}

#[test]
fn duplicate_names_are_refused_also_after_case_folding_and_normalising() {
    for pair in [
        ["a.txt", "a.txt"],
        ["A.txt", "a.txt"],
        ["d/", "d"],
        ["a", "a/b"],
        ["x/Y/z", "x/y"],
        // NFC and NFD spellings of one name: one file on macOS.
        ["caf\u{e9}.txt", "cafe\u{301}.txt"],
        // Windows drops trailing dots and spaces.
        ["report.html", "report.html."],
        ["data/x", "data./x "],
        // Unicode case.
        ["ÉTÉ", "été"],
    ] {
        let mut members = Vec::new();
        for name in pair {
            let mut m = if name.ends_with('/') {
                Forged::dir(name)
            } else {
                Forged::file(name, b"x")
            };
            m.flags = 1 << 11;
            members.push(m);
        }
        let e = refused(&Forge::new(members).build(), ZipLimits::default());
        assert!(
            matches!(e, SafeZipError::Duplicate { .. }),
            "{pair:?}: {e:?}"
        );
    }
}

#[test]
fn deep_and_wide_trees_are_vetted_the_same_as_small_ones() {
    // 2,000 members 200 folders deep, and 20,000 in one folder: legal, and accepted.
    let deep: String = (0..200).map(|i| format!("d{i}/")).collect();
    let members: Vec<Forged> = (0..2000)
        .map(|i| Forged::file(&format!("{deep}f{i}"), b""))
        .collect();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("deep.zip");
    Forge::new(members).write(&path).unwrap();
    assert_eq!(
        SafeZip::open(&path, ZipLimits::default())
            .unwrap()
            .names()
            .len(),
        2000
    );
    let members: Vec<Forged> = (0..20_000)
        .map(|i| Forged::file(&format!("bag/f{i}"), b""))
        .collect();
    Forge::new(members).write(&path).unwrap();
    assert_eq!(
        SafeZip::open_pack(&path, ZipLimits::default())
            .unwrap()
            .names()
            .len(),
        20_000
    );
    // And a file that is also a folder is still found deep down.
    let mut members: Vec<Forged> = (0..50)
        .map(|i| Forged::file(&format!("{deep}f{i}"), b""))
        .collect();
    members.push(Forged::file(&format!("{deep}f7/inside"), b""));
    let e = refused(&Forge::new(members).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::Duplicate { .. }), "{e:?}");
}

#[test]
fn encrypted_and_unsupported_members_are_refused() {
    let mut enc = Forged::file("secret.txt", b"x");
    enc.flags = 1;
    let e = refused(&Forge::new(vec![enc]).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::Encrypted { .. }), "{e:?}");
    let mut bz = Forged::file("b.bz2", b"x");
    bz.method = Some(12);
    let e = refused(&Forge::new(vec![bz]).build(), ZipLimits::default());
    assert!(matches!(e, SafeZipError::Unsupported { .. }), "{e:?}");
    let mut aes = Forged::file("aes.txt", b"x");
    aes.central_extra = extra_field(0x9901, b"\x02\0AE\x03\0\0");
    refused_everywhere(&Forge::new(vec![aes]), "AES encryption");
}

#[test]
fn overlapping_members_are_refused() {
    let mut second = Forged::file("b.txt", b"x");
    second.offset_of = Some(0);
    let e = refused(
        &Forge::new(vec![Forged::file("a.txt", b"x"), second]).build(),
        ZipLimits::default(),
    );
    assert!(matches!(e, SafeZipError::Ambiguous { .. }), "{e:?}");
}

#[test]
fn more_entries_than_allowed_are_refused() {
    let members: Vec<Forged> = (0..11)
        .map(|i| Forged::file(&format!("f{i}"), b"x"))
        .collect();
    let e = refused(&Forge::new(members.clone()).build(), small_limits());
    assert!(
        matches!(e, SafeZipError::TooManyEntries { limit: 10 }),
        "{e:?}"
    );
    let t = try_extract(&Forge::new(members[..10].to_vec()).build(), small_limits());
    assert_eq!(t.result.unwrap(), 10);
}

#[test]
fn a_zip_bomb_is_refused_by_size_and_by_ratio() {
    let bomb = zeros_zip(200);
    assert!(
        bomb.len() < 1 << 20,
        "200 MiB of zeros should deflate to little"
    );
    let e = refused(&bomb, small_limits());
    assert!(matches!(e, SafeZipError::TooLarge { .. }), "{e:?}");
    let lax_size = ZipLimits {
        max_entry_bytes: 1 << 30,
        max_total_bytes: 1 << 30,
        ..small_limits()
    };
    let e = refused(&bomb, lax_size);
    assert!(matches!(e, SafeZipError::RatioTooHigh { .. }), "{e:?}");
}

#[test]
fn a_member_inflating_past_its_declared_size_is_an_error_not_a_truncation() {
    // 20 MiB of zeros declaring 1000 bytes: passes every declared check, fails on the
    // 1001st inflated byte, and leaves no partial file behind.
    let liar = lie_about_size(zeros_zip(20), 1000);
    let t = try_extract(&liar, ZipLimits::default());
    match t.result {
        Err(SafeZipError::Corrupt { reason, .. }) => {
            assert!(reason.contains("past its declared size"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!t.dest.join("zeros.bin").exists());
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("z.zip"), &liar).unwrap();
    let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
    let mut out = Vec::new();
    assert!(matches!(
        z.copy_member("zeros.bin", &mut out),
        Err(SafeZipError::Corrupt { .. })
    ));
    assert!(out.len() <= 1000);
}

#[test]
fn a_member_shorter_than_declared_or_with_a_bad_crc_is_refused() {
    let zip = crate_zip(&[("a.txt", b"hello hello hello", true)]);
    let longer = lie_about_size(zip, 100);
    let e = refused(&longer, ZipLimits::default());
    assert!(matches!(e, SafeZipError::Corrupt { .. }), "{e:?}");
    // Flip one bit of the stored data: the CRC catches it.
    let mut stored = crate_zip(&[("a.txt", b"hello hello hello", false)]);
    let at = stored.windows(5).position(|w| w == b"hello").unwrap();
    stored[at] ^= 1;
    let e = refused(&stored, ZipLimits::default());
    assert!(matches!(e, SafeZipError::Corrupt { .. }), "{e:?}");
}

#[test]
fn bytes_hidden_after_a_deflate_stream_are_refused() {
    // Readers that inflate stop at the end of the stream; readers that copy the member's
    // compressed bytes see the rest.
    let mut stream = Vec::new();
    {
        let mut e = flate2::write::DeflateEncoder::new(&mut stream, flate2::Compression::default());
        e.write_all(b"hello").unwrap();
        e.finish().unwrap();
    }
    stream.extend_from_slice(b"HIDDEN");
    let mut hidden = Forged::file("a.txt", &stream);
    hidden.method = Some(8);
    hidden.declared_size = Some(5);
    hidden.crc = Some(crate::zip_forge::crc32(b"hello"));
    refused_everywhere(
        &Forge::new(vec![hidden]),
        "follow the end of its deflate stream",
    );
}

#[test]
fn things_that_are_not_zips_are_refused() {
    for bytes in [
        &b""[..],
        b"this is not a zip at all",
        &[0x50, 0x4b, 0x05, 0x06][..],
    ] {
        let e = refused(bytes, ZipLimits::default());
        assert!(matches!(e, SafeZipError::NotAZip { .. }), "{e:?}");
    }
    let zip = crate_zip(&[("a.txt", &[7u8; 5000], false), ("b.txt", b"b", false)]);
    let e = refused(&zip[..zip.len() / 2], ZipLimits::default());
    assert!(matches!(e, SafeZipError::NotAZip { .. }), "{e:?}");
}

#[test]
fn extraction_needs_an_empty_real_folder() {
    let zip = crate_zip(&[("a.txt", b"a", false)]);
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("z.zip"), &zip).unwrap();
    let mut z = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default()).unwrap();
    let dest = tmp.path().join("dest");
    fs::create_dir(&dest).unwrap();
    fs::write(dest.join("already.txt"), b"").unwrap();
    assert!(matches!(
        z.extract_all(&dest),
        Err(SafeZipError::Destination { .. })
    ));
    #[cfg(unix)]
    {
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(&empty, &link).unwrap();
        assert!(matches!(
            z.extract_all(&link),
            Err(SafeZipError::Destination { .. })
        ));
        assert_eq!(fs::read_dir(&empty).unwrap().count(), 0);
    }
}

// -- one name for every tool ------------------------------------------------------------

#[test]
fn a_unicode_path_field_that_renames_a_member_is_refused() {
    // Python's zipfile unpacks "bag/data/report.html"; 7-Zip, Info-ZIP and libarchive
    // unpack "bag/data/other.html" from the same member.
    for central in [true, false] {
        let mut m = Forged::file("bag/data/report.html", b"<p>real");
        let field = unicode_path_field(&m.name, "bag/data/other.html");
        if central {
            m.central_extra = field;
        } else {
            m.local_extra = field;
        }
        refused_everywhere(&Forge::new(vec![m]), "Unicode Path");
    }
}

#[test]
fn local_and_central_headers_that_disagree_are_refused() {
    let mut name = Forged::file("bag/data/report.html", b"<p>");
    name.central_name = Some(b"bag/data/other.html".to_vec());
    refused_everywhere(&Forge::new(vec![name]), "its local header names it");

    let mut flags = Forged::file("bag/a.txt", b"x");
    flags.central_flags = Some(1 << 11);
    refused_everywhere(&Forge::new(vec![flags]), "different flags");

    let mut crc = Forged::file("bag/a.txt", b"x");
    crc.local_crc = Some(0x1234_5678);
    refused_everywhere(&Forge::new(vec![crc]), "different CRC-32s");

    let mut size = Forged::file("bag/a.txt", b"hello").deflated();
    size.local_size = Some(4);
    refused_everywhere(&Forge::new(vec![size]), "different sizes");

    // The method, patched in the local header alone.
    let mut bytes = Forge::new(vec![Forged::file("bag/a.txt", b"x")]).build();
    bytes[8] = 8;
    let e = refused(&bytes, ZipLimits::default());
    assert!(
        e.to_string().contains("different compression methods"),
        "{e}"
    );
}

#[test]
fn bytes_before_between_or_after_members_are_refused() {
    let mut f = Forge::new(two_files());
    f.prefix = b"MZ this could be a program, or another zip".to_vec();
    refused_everywhere(&f, "come before the first member");

    let mut m = two_files();
    m[0].gap_after = b"PK\x03\x04 hidden".to_vec();
    refused_everywhere(&Forge::new(m), "belong to no member");

    let mut m = two_files();
    m[1].gap_after = b"hidden before the directory".to_vec();
    refused_everywhere(
        &Forge::new(m),
        "between the last member and the central directory",
    );

    let mut f = Forge::new(two_files());
    f.before_end = b"hidden".to_vec();
    refused_everywhere(&f, "between the central directory and its end record");

    let mut f = Forge::new(two_files());
    f.trailer = b"appended".to_vec();
    refused_everywhere(&f, "end-of-central-directory record at the end");
}

#[test]
fn a_member_the_central_directory_does_not_list_is_refused() {
    // Streaming readers unpack it; directory readers do not see it.
    let mut m = two_files();
    m.insert(1, Forged::file("bag/data/report.html", b"<p>planted"));
    m[1].hidden = true;
    refused_everywhere(&Forge::new(m), "belong to no member");
}

#[test]
fn a_second_end_record_or_a_zip_in_the_comment_is_refused() {
    let mut f = Forge::new(two_files());
    f.second_end = true;
    refused_everywhere(&f, "more than one end-of-central-directory record");

    // A whole other archive in the comment: tools that search from the end find its
    // records first.
    let inner = Forge::new(vec![Forged::file("bag/data/report.html", b"<p>fake")]).build();
    let mut f = Forge::new(two_files());
    f.comment = inner;
    refused_everywhere(
        &f,
        "another archive hides in it|more than one end-of-central",
    );
    let mut f = Forge::new(two_files());
    f.comment = b"see PK\x01\x02 here".to_vec();
    refused_everywhere(&f, "another archive hides in it");

    let mut f = Forge::new(two_files());
    f.comment = b"just words".to_vec();
    refused_as_pack_only(&f, "archive comment");
}

#[test]
fn an_end_record_counting_fewer_members_than_the_directory_holds_is_refused() {
    let mut f = Forge::new(two_files());
    f.end_entries = Some(1);
    refused_everywhere(&f, "more than its end record counts");
}

#[test]
fn zip64_records_that_disagree_with_the_classic_ones_are_refused() {
    let mut f = Forge::new(two_files());
    f.zip64 = true;
    f.end_entries = Some(1);
    refused_everywhere(&f, "disagree on the number of members");
    let mut f = Forge::new(two_files());
    f.zip64 = true;
    f.zip64_entries = Some(1);
    refused_everywhere(
        &f,
        "fewer records than its end record counts|more than its end record counts",
    );
}

#[test]
fn zip64_fields_that_carry_what_the_header_does_not_call_for_are_refused_in_packs() {
    let mut m = Forged::file("bag/a.txt", b"x");
    m.central_extra = extra_field(1, &7u64.to_le_bytes());
    refused_as_pack_only(&Forge::new(vec![m]), "does not call for");
}

#[test]
fn data_descriptors_that_disagree_or_follow_stored_data_in_packs_are_refused() {
    // After deflated data (Java writes these) a descriptor is read alike by every tool.
    let mut d = Forged::file("chat/_chat.txt", b"hello").deflated();
    d.descriptor = true;
    let t = try_extract_as(
        &Forge::new(vec![d.clone()]).build(),
        ZipLimits::default(),
        Strictness::Pack,
    );
    assert!(t.result.is_ok(), "{:?}", t.result);
    // After stored data, a streaming reader must search for where the data ends.
    let mut stored = Forged::file("bag/a.txt", b"PK\x07\x08 hidden end");
    stored.descriptor = true;
    refused_as_pack_only(&Forge::new(vec![stored]), "stored with a data descriptor");
    // A descriptor giving another size than the central record.
    let mut bytes = Forge::new(vec![d]).build();
    let at = bytes
        .windows(4)
        .position(|w| w == [0x50, 0x4b, 0x07, 0x08])
        .unwrap();
    bytes[at + 12] ^= 1;
    let e = refused(&bytes, ZipLimits::default());
    assert!(e.to_string().contains("data descriptor"), "{e}");
}

#[test]
fn pack_names_windows_cannot_hold_are_refused() {
    for name in [
        "bag/con.txt",
        "bag/a:stream",
        "bag/what?",
        "bag/x.",
        "bag/REPORT~1.HTM",
    ] {
        refused_as_pack_only(&Forge::new(vec![Forged::file(name, b"x")]), "Windows");
    }
}

#[test]
fn unknown_extra_fields_are_refused_in_packs_and_member_comments_too() {
    let mut m = Forged::file("bag/a.txt", b"x");
    m.central_extra = extra_field(0x4453, b"\0\0\0\0");
    refused_as_pack_only(&Forge::new(vec![m]), "extra field 0x4453");
    let mut m = Forged::file("bag/a.txt", b"x");
    m.comment = b"look elsewhere".to_vec();
    refused_as_pack_only(&Forge::new(vec![m]), "it has a comment");
    // The same field twice is ambiguous everywhere.
    let mut m = Forged::file("bag/a.txt", b"x");
    m.central_extra = [
        extra_field(0x5455, b"\x01\0\0\0\0"),
        extra_field(0x5455, b"\x01\0\0\0\0"),
    ]
    .concat();
    refused_everywhere(&Forge::new(vec![m]), "twice");
}

#[test]
fn folded_keys_match_what_file_systems_compare() {
    assert_eq!(names::fold("Bag/Data/Report.HTML"), "bag/data/report.html");
    assert_eq!(names::fold("caf\u{e9}"), names::fold("CAFE\u{301}"));
    assert_eq!(names::fold("a. /b.. "), "a/b");
    assert_ne!(names::fold("a"), names::fold("b"));
}

fn seed_zip() -> &'static [u8] {
    static SEED: OnceLock<Vec<u8>> = OnceLock::new();
    SEED.get_or_init(|| {
        crate_zip(&[
            ("d/", b"", false),
            ("d/a.txt", b"alpha alpha alpha alpha", true),
            ("d/b.bin", &[1, 2, 3, 4, 5, 6, 7, 8], false),
            ("c.json", br#"{"k":[1,2,3]}"#, true),
        ])
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = try_extract(&bytes, small_limits());
        let _ = try_extract_as(&bytes, small_limits(), Strictness::Pack);
    }

    #[test]
    fn mutated_zips_never_panic(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = seed_zip().to_vec();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()));
        }
        let _ = try_extract(&bytes, small_limits());
        let _ = try_extract_as(&bytes, small_limits(), Strictness::Pack);
    }
}
