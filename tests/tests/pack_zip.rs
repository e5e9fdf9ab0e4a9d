//! Hostile zips given to `verify_pack` and `tally verify`: each class of trick that lets two
//! tools unpack different bytes from one file (Python's zipfile, Info-ZIP, 7-Zip, Windows
//! Explorer and macOS Archive Utility each read a zip their own way) is refused with the
//! trick named, and a zip bomb is never inflated to disk — or inflated at all past what the
//! signed pack says. Every refusal is checked with a fresh temporary folder and working
//! folder for `tally verify`, which must stay empty.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pack_common;

use std::path::Path;
use std::process::Command;

use pack_common::*;
use tally_core::pack::{ExportOptions, VerifyOptions, verify_pack};
use tally_core::zip_forge::{Forge, Forged, extra_field, unicode_path_field};

/// A genuine pack, as the members a forger starts from.
fn genuine() -> (Fixture, Forge) {
    let f = Fixture::new();
    let (zip, _) = f.export("genuine.zip", &ExportOptions::default());
    let forge = Forge::from_pack(&zip).unwrap();
    // The genuine pack, re-zipped member for member, still verifies: every refusal below
    // is the trick's, not the re-zipping's.
    let again = forged(f.dir.path(), "again.zip", &forge);
    let v = verdict(&again, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    (f, forge)
}

/// A listing of a folder (names and sizes, recursively), to show nothing was written.
fn snapshot(dir: &Path) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = files_under(dir)
        .into_iter()
        .map(|f| {
            let len = std::fs::symlink_metadata(dir.join(&f)).map_or(0, |m| m.len());
            (f, len)
        })
        .collect();
    out.sort();
    out
}

/// Free bytes on the file system holding `dir`, as `df` reports them.
fn free_bytes(dir: &Path) -> u64 {
    let out = Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap()
}

/// Bytes of the files under `dir`.
fn bytes_under(dir: &Path) -> u64 {
    snapshot(dir).iter().map(|(_, n)| n).sum()
}

/// What `tally verify` did while it ran: its exit code and output, the most its TMPDIR and
/// working folder held at any moment, and the lowest free space seen on the disk of `zip`.
struct Watched {
    code: Option<i32>,
    said: String,
    most_in_room: u64,
    least_free: u64,
    free_before: u64,
}

/// Runs `tally verify` on `zip` with its own empty TMPDIR and working folder, watching them
/// and the free space every few milliseconds; both folders must be empty afterwards.
fn tally_verify_watched(zip: &Path) -> Watched {
    let room = tempfile::tempdir().unwrap();
    let (tmp, cwd) = (room.path().join("tmp"), room.path().join("cwd"));
    std::fs::create_dir(&tmp).unwrap();
    std::fs::create_dir(&cwd).unwrap();
    let free_before = free_bytes(zip.parent().unwrap());
    let mut child = Command::new(tally_bin())
        .args(["verify", zip.to_str().unwrap()])
        .env("TMPDIR", &tmp)
        .current_dir(&cwd)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut most_in_room, mut least_free) = (0, free_before);
    while child.try_wait().unwrap().is_none() {
        most_in_room = most_in_room.max(bytes_under(room.path()));
        least_free = least_free.min(free_bytes(zip.parent().unwrap()));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        snapshot(room.path()),
        vec![],
        "tally verify left files behind"
    );
    Watched {
        code: out.status.code(),
        said: format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr)),
        most_in_room,
        least_free,
        free_before,
    }
}

fn tally_verify_in_a_clean_room(zip: &Path) -> (Option<i32>, String) {
    let w = tally_verify_watched(zip);
    assert_eq!(
        w.most_in_room, 0,
        "tally verify wrote into its temporary or working folder"
    );
    (w.code, w.said)
}

/// `verify_pack` refuses the zip as unreadable, and so does `tally verify`, with `reason`
/// (alternatives separated by `|`) in the refusal, writing nothing anywhere.
fn assert_refused(forge: &Forge, reason: &str) {
    let dir = tempfile::tempdir().unwrap();
    let zip = forged(dir.path(), "hostile.zip", forge);
    let before = snapshot(dir.path());
    let cwd_before = snapshot(&std::env::current_dir().unwrap());
    let said = |msg: &str| reason.split('|').any(|r| msg.contains(r));
    match verify_pack(&zip, &VerifyOptions::default()) {
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("refused"), "{msg}");
            assert!(said(&msg), "the refusal should say {reason:?}: {msg}");
        }
        Ok(v) => panic!("a hostile zip was read as a pack: {v:?}"),
    }
    let (code, text) = tally_verify_in_a_clean_room(&zip);
    assert_ne!(code, Some(0), "tally verify accepted it: {text}");
    assert!(text.contains("refused") && said(&text), "{text}");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "files appeared beside the zip"
    );
    assert_eq!(
        snapshot(&std::env::current_dir().unwrap()),
        cwd_before,
        "files appeared in the working folder"
    );
    assert!(
        !Path::new("/tmp/tally-escaped.txt").exists(),
        "escaped to /tmp"
    );
}

fn python_names(zip: &Path) -> Vec<String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile\nfor n in zipfile.ZipFile(sys.argv[1]).namelist(): print(n)",
        ])
        .arg(zip)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn info_zip_names(zip: &Path) -> Vec<String> {
    let out = Command::new("unzip").arg("-Z1").arg(zip).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

// -- one name per member ----------------------------------------------------------------

#[test]
fn a_second_name_for_the_report_in_a_unicode_path_field_is_refused() {
    // Python unpacks the planted bytes as a harmless file; Info-ZIP (and 7-Zip,
    // libarchive) unpack them as data/report.html, over the signed one.
    let (f, mut forge) = genuine();
    let root = forge.root();
    let mut planted = Forged::file(&format!("{root}data/readme.txt"), b"<p>forged report");
    planted.central_extra = unicode_path_field(&planted.name, &format!("{root}data/report.html"));
    forge.members.push(planted);
    let zip = forged(f.dir.path(), "two-names.zip", &forge);
    let (py, info) = (python_names(&zip), info_zip_names(&zip));
    assert!(py.iter().any(|n| n.ends_with("data/readme.txt")), "{py:?}");
    assert_eq!(
        info.iter()
            .filter(|n| n.ends_with("data/report.html"))
            .count(),
        2,
        "Info-ZIP should see the second name: {info:?}"
    );
    assert_refused(&forge, "Unicode Path");
}

#[test]
fn other_renaming_or_unknown_extra_fields_are_refused() {
    for (id, says) in [
        (0x554e, "Xceed Unicode"),
        (0x4f4c, "original location"),
        (0x4453, "0x4453"),
    ] {
        let (_f, mut forge) = genuine();
        forge.member("data/report.html").unwrap().central_extra = extra_field(id, b"\0\0\0\0");
        assert_refused(&forge, says);
    }
}

#[test]
fn a_local_header_naming_another_file_is_refused() {
    // Streaming readers (macOS Archive Utility, Java) read the local header's name.
    let (_f, mut forge) = genuine();
    let m = forge.member("data/report.html").unwrap();
    m.central_name = Some(m.name.clone());
    if let Some(last) = m.name.last_mut() {
        *last = b'_'; // data/report.htm_
    }
    assert_refused(&forge, "its local header names it");
}

#[test]
fn local_and_central_headers_with_other_flags_methods_sizes_or_crcs_are_refused() {
    let (_f, mut forge) = genuine();
    forge.member("VERIFY.txt").unwrap().central_flags = Some(1 << 11);
    assert_refused(&forge, "different flags");

    let (_f, mut forge) = genuine();
    forge.member("VERIFY.txt").unwrap().local_crc = Some(7);
    assert_refused(&forge, "different CRC-32s");

    let (_f, mut forge) = genuine();
    let m = forge.member("VERIFY.txt").unwrap();
    m.local_size = Some(m.data.len() as u64 - 1);
    assert_refused(&forge, "different sizes");
}

#[test]
fn duplicate_and_look_alike_names_are_refused() {
    let twins = [
        "data/report.html",  // the same name twice
        "data/Report.html",  // letter case (Windows, macOS)
        "data/report.html.", // Windows drops the trailing dot
        "VERIFY.TXT",        // a tag file
    ];
    for twin in twins {
        let (_f, mut forge) = genuine();
        let root = forge.root();
        forge
            .members
            .push(Forged::file(&format!("{root}{twin}"), b"<p>planted"));
        assert_refused(&forge, "appears more than once|Windows");
    }
    // NFC and NFD spellings of one name are one file on macOS.
    let (_f, mut forge) = genuine();
    let root = forge.root();
    for name in ["data/caf\u{e9}.txt", "data/cafe\u{301}.txt"] {
        let mut m = Forged::file(&format!("{root}{name}"), b"x");
        m.flags = 1 << 11;
        forge.members.push(m);
    }
    assert_refused(&forge, "appears more than once");
}

#[test]
fn names_not_marked_utf8_or_that_windows_cannot_hold_are_refused() {
    let (_f, mut forge) = genuine();
    let root = forge.root();
    let mut m = Forged::file(&format!("{root}data/x.txt"), b"x");
    m.name = [root.as_bytes(), b"data/caf\xc3\xa9.txt"].concat();
    forge.members.push(m);
    assert_refused(&forge, "not ASCII and not marked UTF-8");

    for name in ["data/aux.txt", "data/a:b", "data/REPORT~1.HTM"] {
        let (_f, mut forge) = genuine();
        let root = forge.root();
        forge
            .members
            .push(Forged::file(&format!("{root}{name}"), b"x"));
        assert_refused(&forge, "Windows");
    }
}

#[test]
fn a_file_that_windows_would_make_a_folder_is_refused() {
    let (_f, mut forge) = genuine();
    let m = forge.member("data/report.html").unwrap();
    m.external |= 0x10;
    assert_refused(&forge, "its attributes say it is a folder");
}

// -- every byte belongs to one member ----------------------------------------------------

#[test]
fn a_zip_hidden_before_the_first_member_is_refused() {
    // Another archive (or a program) in front: tools that read from the start see it.
    let (_f, mut forge) = genuine();
    let other = Forge::new(vec![Forged::file("bag/data/report.html", b"<p>other")]);
    forge.prefix = other.build();
    assert_refused(
        &forge,
        "come before the first member|more than one end-of-central",
    );
    let (_f, mut forge) = genuine();
    forge.prefix = b"MZ\x90\0 a program".to_vec();
    assert_refused(&forge, "come before the first member");
}

#[test]
fn bytes_between_members_or_before_the_directory_are_refused() {
    let (_f, mut forge) = genuine();
    forge.member("data/report.html").unwrap().gap_after = b"PK\x03\x04 hidden".to_vec();
    assert_refused(&forge, "belong to no member");
    let (_f, mut forge) = genuine();
    forge.members.last_mut().unwrap().gap_after = b"hidden".to_vec();
    assert_refused(&forge, "between the last member and the central directory");
    let (_f, mut forge) = genuine();
    forge.before_end = b"hidden".to_vec();
    assert_refused(&forge, "between the central directory and its end record");
}

#[test]
fn a_member_the_central_directory_does_not_list_is_refused() {
    // Streaming readers unpack it; Python, 7-Zip and Explorer never see it.
    let (_f, mut forge) = genuine();
    let root = forge.root();
    let mut hidden = Forged::file(&format!("{root}data/report.html"), b"<p>planted");
    hidden.hidden = true;
    let at = forge.members.len() / 2;
    forge.members.insert(at, hidden);
    assert_refused(&forge, "belong to no member");
}

#[test]
fn overlapping_members_are_refused() {
    let (_f, mut forge) = genuine();
    let n = forge.members.len();
    forge.members[n - 1].offset_of = Some(n - 2);
    assert_refused(&forge, "overlaps|belong to no member");
}

#[test]
fn two_end_records_or_a_zip_in_the_comment_are_refused() {
    let (_f, mut forge) = genuine();
    forge.second_end = true;
    assert_refused(&forge, "more than one end-of-central-directory record");
    let (_f, mut forge) = genuine();
    forge.comment = Forge::new(vec![Forged::file("bag/data/report.html", b"<p>x")]).build();
    assert_refused(
        &forge,
        "another archive hides in it|more than one end-of-central",
    );
    let (_f, mut forge) = genuine();
    forge.comment = b"Verified by the police".to_vec();
    assert_refused(&forge, "archive comment");
}

#[test]
fn zip64_records_that_disagree_are_refused() {
    let (f, mut forge) = genuine();
    forge.zip64 = true;
    // Honest Zip64 reads as the same pack.
    let zip = forged(f.dir.path(), "zip64.zip", &forge);
    let v = verdict(&zip, None);
    assert!(v.is_ok(), "{:?}", v.problems);
    let mut liar = forge.clone();
    liar.end_entries = Some(3);
    assert_refused(&liar, "disagree on the number of members");
    let mut liar = forge;
    liar.zip64_entries = Some(3);
    assert_refused(&liar, "end record counts");
}

#[test]
fn path_traversal_and_links_are_refused() {
    for name in [
        "../../tally-escaped.txt",
        "/tmp/tally-escaped.txt",
        "bag\\..\\x",
    ] {
        let (_f, mut forge) = genuine();
        forge.members.push(Forged::file(name, b"owned"));
        assert_refused(&forge, "unsafe name");
    }
    let (_f, mut forge) = genuine();
    let root = forge.root();
    let mut link = Forged::file(&format!("{root}data/link"), b"/etc/passwd");
    link.external = 0o120777 << 16;
    forge.members.push(link);
    assert_refused(&forge, "symbolic link");
}

#[test]
fn members_outside_the_one_folder_are_refused() {
    let (_f, mut forge) = genuine();
    forge
        .members
        .push(Forged::file("README.html", b"<p>read me first"));
    assert_refused(&forge, "exactly one folder");
}

// -- zip bombs ----------------------------------------------------------------------------

/// A raw deflate stream of about `gib` GiB: noise (so the ratio stays under the reader's
/// limit of 1000) then zeros, built by repeating one compressed block, with its
/// CRC-32. Returns (stream, uncompressed size, CRC).
fn zeros_stream(gib: u64) -> (Vec<u8>, u64, u32) {
    use flate2::{Compression, FlushCompress};
    // Incompressible noise (xorshift), 1.2 MiB per GiB: enough to keep the ratio near 850.
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let noise: Vec<u8> = (0..gib * 1_200 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    let zeros = vec![0u8; 1 << 20];
    let mut c = flate2::Compress::new(Compression::best(), false);
    let mut run = |input: &[u8], flush: FlushCompress| {
        let mut out = Vec::with_capacity(input.len() + 1024);
        let start = c.total_in();
        loop {
            let done = (c.total_in() - start) as usize;
            c.compress_vec(&input[done..], &mut out, flush).unwrap();
            if (c.total_in() - start) as usize == input.len() && out.len() < out.capacity() {
                return out;
            }
            out.reserve(1 << 16);
        }
    };
    let head = run(&noise, FlushCompress::Sync);
    let first = run(&zeros, FlushCompress::Sync);
    let block = run(&zeros, FlushCompress::Sync);
    let again = run(&zeros, FlushCompress::Sync);
    assert_eq!(
        block, again,
        "zeros compress to the same block once the window is zeros"
    );
    let tail = run(&[], FlushCompress::Finish);
    let mibs = gib * 1024;
    let mut stream = head;
    stream.extend(&first);
    for _ in 1..mibs {
        stream.extend(&block);
    }
    stream.extend(&tail);
    let mut crc = crc32fast::Hasher::new();
    crc.update(&noise);
    for _ in 0..mibs {
        crc.update(&zeros);
    }
    (
        stream,
        noise.len() as u64 + mibs * (1 << 20),
        crc.finalize(),
    )
}

fn bomb(name: &str, gib: u64) -> Forged {
    let (stream, size, crc) = zeros_stream(gib);
    let mut m = Forged::file(name, &stream);
    m.method = Some(8);
    m.declared_size = Some(size);
    m.crc = Some(crc);
    m
}

#[test]
fn the_zeros_stream_is_an_honest_bomb() {
    // The bomb below inflates to what it declares, so an extractor would write it all.
    let (stream, size, crc) = zeros_stream(1);
    let mut d = flate2::read::DeflateDecoder::new(&stream[..]);
    let mut h = crc32fast::Hasher::new();
    let mut n = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let k = std::io::Read::read(&mut d, &mut buf).unwrap();
        if k == 0 {
            break;
        }
        h.update(&buf[..k]);
        n += k as u64;
    }
    assert_eq!((n, h.finalize()), (size, crc));
    assert!(
        size / stream.len() as u64 <= 1000,
        "the ratio limit would refuse it unread"
    );
}

#[test]
fn zip_bomb_through_tally_verify_writes_nothing_to_disk() {
    // Eight honest members of 1 GiB each (about 20 MiB of zip) planted in a genuine pack: an
    // extractor would write 8 GiB. `tally verify` names them and inflates none of them.
    let (f, mut forge) = genuine();
    let root = forge.root();
    for i in 0..8 {
        forge
            .members
            .push(bomb(&format!("{root}data/attachments/bomb-{i}.bin"), 1));
    }
    let dir = tempfile::tempdir().unwrap();
    let zip = forged(dir.path(), "bomb.zip", &forge);
    assert!(std::fs::metadata(&zip).unwrap().len() < 32 << 20);
    let w = tally_verify_watched(&zip);
    assert_eq!(w.code, Some(1), "{}", w.said);
    for i in 0..8 {
        assert!(
            w.said.contains(&format!(
                "data/attachments/bomb-{i}.bin: not in the manifest"
            )),
            "{}",
            w.said
        );
    }
    assert_eq!(w.most_in_room, 0, "verify wrote into its temporary folder");
    // Other work on this machine may write meanwhile; 8 GiB may not have been, at any
    // moment of the run.
    let fell = w.free_before.saturating_sub(w.least_free);
    assert!(
        fell < 1 << 30,
        "free space fell by {fell} bytes during verify"
    );
    drop(f);
}

#[test]
fn an_attachment_replaced_by_a_bomb_stops_at_its_recorded_size() {
    // The member declares the size the entry recorded, so it passes every check on
    // opening; it inflates to 1 GiB. Verification stops on the first byte too many.
    let (f, mut forge) = genuine();
    let att = text_attachment(&mut forge);
    let recorded = att.data.len() as u64;
    let name = String::from_utf8(att.name.clone()).unwrap();
    let mut b = bomb(&name, 1);
    b.declared_size = Some(recorded);
    *att = b;
    let zip = forged(f.dir.path(), "inside.zip", &forge);
    let v = verdict(&zip, None);
    assert!(!v.is_ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("inflates past its declared size")),
        "{:#?}",
        v.problems
    );
    let (code, text) = tally_verify_in_a_clean_room(&zip);
    assert_eq!(code, Some(1), "{text}");
}

#[test]
fn an_unsigned_zip_is_not_inflated_at_all() {
    // No signature holds, so nothing bounds the payload: it is named, never read.
    let forge = Forge::new(vec![
        Forged::dir("bag/"),
        Forged::file(
            "bag/bagit.txt",
            b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        ),
        Forged::file(
            "bag/manifest-sha256.txt",
            format!("{}  data/big.bin\n", "00".repeat(32)).as_bytes(),
        ),
        bomb("bag/data/big.bin", 2),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let zip = forged(dir.path(), "unsigned.zip", &forge);
    let v = verdict(&zip, None);
    assert!(!v.is_ok());
    assert!(
        v.problems
            .iter()
            .any(|p| p.contains("the payload was not checked")),
        "{:#?}",
        v.problems
    );
    assert!(
        !v.problems
            .iter()
            .any(|p| p.contains("big.bin: its SHA-256")),
        "{:#?}",
        v.problems
    );
}
