//! The bag writer and verifier against bagit.py, sha256sum and Python's zipfile, and the
//! verifier against every way a bag can be altered, from an unzipped folder and in place
//! from its zip.
#![allow(clippy::unwrap_used)]

use super::verifier::{parse_tag_fields, percent_decode};
use super::writer::{ZIP32_LIMIT, needs_zip64};
use super::*;
use crate::safe_zip::{SafeZip, ZipLimits};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const SIG: &[u8] =
    b"-----BEGIN SSH SIGNATURE-----\nnot checked here\n-----END SSH SIGNATURE-----\n";

/// Deterministic pseudo-random bytes (xorshift), so attachments are incompressible.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn when() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:10Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// Writes a pack-like bag; returns the zip bytes and what add_payload reported.
type Listing = Vec<(String, [u8; 32], u64)>;

fn sample_bag() -> (Vec<u8>, Listing) {
    let mut w = BagWriter::new_at(
        io::Cursor::new(Vec::new()),
        "tally-evidence-2024-05-06-ab12",
        when(),
    )
    .unwrap();
    let mut added = Vec::new();
    let photo = noise(3 * 1024 * 1024 + 17, 7); // crosses the 1 MiB buffer
    let mut put = |_: &mut BagWriter<_>, path: &str, r: ([u8; 32], u64)| {
        added.push((format!("data/{path}"), r.0, r.1));
    };
    let r = w
        .add_payload_bytes("entries/1.json", br#"{"seq":1}"#, true)
        .unwrap();
    put(&mut w, "entries/1.json", r);
    let r = w
        .add_payload_bytes("entries/2.json", br#"{"seq":2,"text":"x"}"#, true)
        .unwrap();
    put(&mut w, "entries/2.json", r);
    let r = w
        .add_payload("attachments/photo.jpg", &photo[..], false)
        .unwrap();
    put(&mut w, "attachments/photo.jpg", r);
    let r = w
        .add_payload_sized("attachments/clip.mp4", &photo[..1000], 1000, false)
        .unwrap();
    put(&mut w, "attachments/clip.mp4", r);
    let r = w.add_payload_bytes("log/empty.txt", b"", true).unwrap();
    put(&mut w, "log/empty.txt", r);
    let r = w
        .add_payload_bytes("report.html", b"<!doctype html><p>report", true)
        .unwrap();
    put(&mut w, "report.html", r);
    w.add_tag_file("allowed_signers", b"tally-diary ssh-ed25519 AAAA\n")
        .unwrap();
    w.add_tag_file("VERIFY.txt", b"How to check this pack.\n")
        .unwrap();
    let info = vec![
        ("Source-Organization".to_string(), "Tally".to_string()),
        ("External-Identifier".to_string(), "ab12".to_string()),
    ];
    let out = w.finish(&info, |_| Ok(SIG.to_vec())).unwrap();
    (out.into_inner(), added)
}

/// Unzips `zip` with our own SafeZip into a fresh folder; returns (tempdir, bag folder).
fn unzip(zip: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let zpath = tmp.path().join("pack.zip");
    fs::write(&zpath, zip).unwrap();
    let dest = tmp.path().join("out");
    fs::create_dir(&dest).unwrap();
    SafeZip::open(&zpath, ZipLimits::default())
        .unwrap()
        .extract_all(&dest)
        .unwrap();
    let bag = dest.join("tally-evidence-2024-05-06-ab12");
    (tmp, bag)
}

fn fresh_bag() -> (tempfile::TempDir, PathBuf) {
    unzip(&sample_bag().0)
}

fn problems(bag: &Path) -> Vec<String> {
    verify_bag(bag)
        .unwrap()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn assert_named(bag: &Path, expected: &str) {
    let p = problems(bag);
    assert!(
        p.iter().any(|l| l == expected),
        "expected problem {expected:?}, got {p:#?}"
    );
}

/// bagit.py from the cached venv that tools/check-pack also uses; installed on first use.
fn bagit_py() -> &'static Path {
    static BAGIT: OnceLock<PathBuf> = OnceLock::new();
    BAGIT.get_or_init(|| {
        let venv = std::env::var_os("TALLY_CHECK_VENV")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                let cache = std::env::var_os("XDG_CACHE_HOME")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| {
                        PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache")
                    });
                cache.join("tally-check-pack-venv")
            });
        let exe = venv.join("bin").join("bagit.py");
        if !exe.exists() {
            let ok = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .is_ok_and(|s| s.success())
                && Command::new(venv.join("bin").join("pip"))
                    .args(["install", "-q", "bagit"])
                    .status()
                    .is_ok_and(|s| s.success());
            assert!(
                ok && exe.exists(),
                "cannot install bagit-python into {venv:?}"
            );
        }
        exe
    })
}

fn bagit_py_validates(bag: &Path) -> (bool, String) {
    let out = Command::new(bagit_py())
        .arg("--validate")
        .arg(bag)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.success(), text)
}

#[test]
fn written_bag_passes_our_verifier_and_bagit_py() {
    let (zip, added) = sample_bag();
    let (_tmp, bag) = unzip(&zip);
    let check = verify_bag(&bag).unwrap();
    assert!(check.is_valid(), "{:#?}", check.problems);
    let mut added = added;
    added.sort();
    assert_eq!(check.payload_files, added);
    let octets: u64 = added.iter().map(|a| a.2).sum();
    assert!(
        check
            .info
            .contains(&("Payload-Oxum".into(), format!("{octets}.{}", added.len())))
    );
    assert!(
        check
            .info
            .contains(&("Bagging-Date".into(), "2024-05-06".into()))
    );
    assert_eq!(check.info.first().unwrap().0, "Source-Organization");
    assert_eq!(fs::read(bag.join(SIGNATURE_FILE)).unwrap(), SIG);

    let (ok, out) = bagit_py_validates(&bag);
    assert!(ok, "bagit.py --validate failed: {out}");
}

#[test]
fn bagit_py_rejects_a_tampered_bag_too() {
    // Guards the judge itself: if bagit.py accepted anything, the test above would be empty.
    let (_tmp, bag) = fresh_bag();
    fs::write(bag.join("data/entries/1.json"), b"{\"seq\":9}").unwrap();
    let (ok, _) = bagit_py_validates(&bag);
    assert!(!ok);
}

#[test]
fn manifests_are_sorted_sha256sum_lines_and_signature_is_not_listed() {
    let (_tmp, bag) = fresh_bag();
    let manifest = fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    let paths: Vec<&str> = lines.iter().map(|l| &l[66..]).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 6);
    assert!(lines.iter().all(|l| l.len() > 66 && &l[64..66] == "  "));
    assert!(!manifest.contains('\r'));
    let tags = fs::read_to_string(bag.join("tagmanifest-sha256.txt")).unwrap();
    let names: Vec<&str> = tags.lines().map(|l| &l[66..]).collect();
    assert_eq!(
        names,
        [
            "VERIFY.txt",
            "allowed_signers",
            "bag-info.txt",
            "bagit.txt",
            "manifest-sha256.txt"
        ]
    );
    // sha256sum -c reads the same lines, from the bag folder.
    if let Ok(out) = Command::new("sha256sum")
        .args([
            "-c",
            "--quiet",
            "manifest-sha256.txt",
            "tagmanifest-sha256.txt",
        ])
        .current_dir(&bag)
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn zip_opens_in_python_with_one_folder_fixed_times_and_0644() {
    let (zip, _) = sample_bag();
    let tmp = tempfile::tempdir().unwrap();
    let zpath = tmp.path().join("p.zip");
    fs::write(&zpath, &zip).unwrap();
    let script = r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
tops = set()
for i in z.infolist():
    tops.add(i.filename.split("/")[0])
    mode = i.external_attr >> 16
    want = 0o40755 if i.is_dir() else 0o100644
    assert mode == want, (i.filename, oct(mode))
    assert i.date_time == (2024, 5, 6, 7, 8, 10), (i.filename, i.date_time)
assert tops == {"tally-evidence-2024-05-06-ab12"}, tops
print(len(z.infolist()))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&zpath)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn same_inputs_give_a_byte_identical_zip() {
    assert_eq!(sample_bag().0, sample_bag().0);
}

#[test]
fn tampered_payload_byte_is_named() {
    let (_tmp, bag) = fresh_bag();
    let p = bag.join("data/attachments/photo.jpg");
    let mut bytes = fs::read(&p).unwrap();
    bytes[2_000_000] ^= 1;
    fs::write(&p, bytes).unwrap();
    assert_named(
        &bag,
        "data/attachments/photo.jpg: its SHA-256 does not match the manifest",
    );
    assert_eq!(problems(&bag).len(), 1);
}

#[test]
fn tampered_manifest_is_named() {
    let (_tmp, bag) = fresh_bag();
    let p = bag.join("manifest-sha256.txt");
    let text = fs::read_to_string(&p).unwrap();
    // Flip one hex digit of the first line's hash.
    let first = if text.starts_with('0') { "1" } else { "0" };
    fs::write(&p, format!("{first}{}", &text[1..])).unwrap();
    assert_named(
        &bag,
        "manifest-sha256.txt: its SHA-256 does not match the tag manifest",
    );
    let first_path = text.lines().next().unwrap()[66..].to_string();
    assert_named(
        &bag,
        &format!("{first_path}: its SHA-256 does not match the manifest"),
    );
}

#[test]
fn tampered_tag_file_is_named() {
    let (_tmp, bag) = fresh_bag();
    fs::write(bag.join("VERIFY.txt"), b"How to check this pack!\n").unwrap();
    assert_eq!(
        problems(&bag),
        ["VERIFY.txt: its SHA-256 does not match the tag manifest"]
    );
}

#[test]
fn added_payload_file_is_named() {
    let (_tmp, bag) = fresh_bag();
    fs::write(bag.join("data/entries/3.json"), b"{}").unwrap();
    assert_named(&bag, "data/entries/3.json: not in the manifest");
    assert!(
        problems(&bag)
            .iter()
            .any(|l| l.starts_with("bag-info.txt: Payload-Oxum says"))
    );
}

#[test]
fn removed_payload_file_is_named() {
    let (_tmp, bag) = fresh_bag();
    fs::remove_file(bag.join("data/entries/1.json")).unwrap();
    assert_named(
        &bag,
        "data/entries/1.json: listed in manifest-sha256.txt but missing",
    );
}

#[test]
fn renamed_payload_file_is_named_at_both_names() {
    let (_tmp, bag) = fresh_bag();
    fs::rename(
        bag.join("data/entries/1.json"),
        bag.join("data/entries/7.json"),
    )
    .unwrap();
    assert_named(
        &bag,
        "data/entries/1.json: listed in manifest-sha256.txt but missing",
    );
    assert_named(&bag, "data/entries/7.json: not in the manifest");
}

#[test]
fn wrong_payload_oxum_is_named() {
    let (_tmp, bag) = fresh_bag();
    let p = bag.join("bag-info.txt");
    let text = fs::read_to_string(&p).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("Payload-Oxum"))
        .unwrap();
    let fake = text.replace(line, "Payload-Oxum: 5.6");
    fs::write(&p, fake).unwrap();
    let p = problems(&bag);
    assert!(
        p.iter().any(|l| l
            .starts_with("bag-info.txt: Payload-Oxum says 5 bytes in 6 files, but data/ holds")),
        "{p:#?}"
    );
    assert!(p.contains(&"bag-info.txt: its SHA-256 does not match the tag manifest".to_string()));
}

#[cfg(unix)]
#[test]
fn symlink_in_data_is_named_and_never_followed() {
    let (_tmp, bag) = fresh_bag();
    // Replace a listed file by a link to a file outside the bag with the same bytes:
    // a verifier that followed links would call this bag valid.
    let outside = bag.parent().unwrap().join("outside.json");
    fs::write(&outside, br#"{"seq":1}"#).unwrap();
    fs::remove_file(bag.join("data/entries/1.json")).unwrap();
    std::os::unix::fs::symlink(&outside, bag.join("data/entries/1.json")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", bag.join("data/passwd")).unwrap();
    assert_named(
        &bag,
        "data/entries/1.json: is a symbolic link, which a bag must not hold",
    );
    assert_named(
        &bag,
        "data/passwd: is a symbolic link, which a bag must not hold",
    );
    assert!(
        verify_bag(&bag)
            .unwrap()
            .payload_files
            .iter()
            .all(|p| p.0 != "data/entries/1.json")
    );
}

#[test]
fn manifest_line_escaping_the_bag_is_named_by_line() {
    let (_tmp, bag) = fresh_bag();
    let p = bag.join("manifest-sha256.txt");
    let mut text = fs::read_to_string(&p).unwrap();
    text.push_str(&format!("{}  data/../../etc/passwd\n", "ab".repeat(32)));
    text.push_str(&format!("{}  /etc/passwd\n", "ab".repeat(32)));
    text.push_str("nonsense\n");
    fs::write(&p, text).unwrap();
    assert_named(
        &bag,
        "manifest-sha256.txt: line 7: a path with '..', '.' or an empty folder name",
    );
    assert_named(
        &bag,
        "manifest-sha256.txt: line 8: an absolute path or one with '\\', which a bag must not list",
    );
    assert_named(&bag, "manifest-sha256.txt: line 9: not \"<sha256> <file>\"");
}

#[test]
fn unlisted_tag_file_and_wrong_version_are_named() {
    let (_tmp, bag) = fresh_bag();
    fs::write(bag.join("READ-ME-FIRST.txt"), b"planted").unwrap();
    fs::write(
        bag.join("bagit.txt"),
        b"BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n",
    )
    .unwrap();
    assert_named(
        &bag,
        "READ-ME-FIRST.txt: not in the tag manifest, so not covered by the signature",
    );
    assert_named(&bag, "bagit.txt: does not say \"BagIt-Version: 1.0\"");
}

#[test]
fn crlf_and_folded_tag_files_are_read() {
    let mut c = BagCheck::default();
    let f = parse_tag_fields("A: 1\r\nLong: one\r\n  two\r\nB:3\r\n", "x", &mut c);
    assert!(c.problems.is_empty());
    assert_eq!(
        f,
        [
            ("A".into(), "1".into()),
            ("Long".into(), "one  two".into()),
            ("B".into(), "3".into())
        ]
    );
    assert_eq!(percent_decode("a%25b%0Ac%zz"), "a%b\nc%zz");
}

#[test]
fn unsafe_or_ambiguous_payload_paths_are_refused() {
    let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
    for bad in [
        "",
        "/abs",
        "../x",
        "a/../b",
        "a//b",
        "a/",
        "./a",
        "a\\b",
        "a\nb",
        "a\0b",
        "50%.txt",
        "C:x",
        "con.txt",
        "a/LPT1",
        "trailing.",
        " lead",
        "what?",
    ] {
        let r = w.add_payload_bytes(bad, b"x", false);
        assert!(matches!(r, Err(BagError::BadPath { .. })), "{bad:?}: {r:?}");
    }
    w.add_payload_bytes("Entries/1.json", b"x", false).unwrap();
    for dup in ["Entries/1.json", "entries/1.JSON"] {
        let r = w.add_payload_bytes(dup, b"x", false);
        assert!(
            matches!(r, Err(BagError::DuplicatePath { .. })),
            "{dup:?}: {r:?}"
        );
    }
    assert!(matches!(
        w.add_payload_bytes("entries", b"x", false),
        Err(BagError::DuplicatePath { .. })
    ));
    assert!(matches!(
        w.add_payload_bytes("entries/1.json/x", b"x", false),
        Err(BagError::BadPath { .. })
    ));
    // None of the refusals poisoned the writer or got into the bag.
    w.add_payload_bytes("ünïcode name.txt", b"y", true).unwrap();
    let zip = w.finish(&[], |_| Ok(Vec::new())).unwrap().into_inner();
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("z.zip"), zip).unwrap();
    let names = SafeZip::open(&tmp.path().join("z.zip"), ZipLimits::default())
        .unwrap()
        .names();
    assert_eq!(names.iter().filter(|n| n.starts_with("b/data/")).count(), 2);
}

#[test]
fn bad_bag_names_tag_names_and_info_are_refused() {
    for bad in ["", ".", "..", "a/b", "a b", "é"] {
        assert!(matches!(
            BagWriter::new(io::Cursor::new(Vec::new()), bad),
            Err(BagError::BadBagName { .. })
        ));
    }
    let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
    for bad in [
        "bagit.txt",
        "manifest-md5.txt",
        "tagmanifest-sha256.txt",
        SIGNATURE_FILE,
        "data",
        "a/b",
    ] {
        assert!(
            matches!(w.add_tag_file(bad, b""), Err(BagError::BadTagName { .. })),
            "{bad}"
        );
    }
    w.add_tag_file("VERIFY.txt", b"").unwrap();
    assert!(matches!(
        w.add_tag_file("verify.txt", b""),
        Err(BagError::BadTagName { .. })
    ));
    let bad_info = [("Note".to_string(), "two\nlines".to_string())];
    assert!(matches!(
        w.finish(&bad_info, |_| Ok(Vec::new())),
        Err(BagError::BadInfo { .. })
    ));
    let w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
    let wrong_oxum = [("Payload-Oxum".to_string(), "1.1".to_string())];
    assert!(matches!(
        w.finish(&wrong_oxum, |_| Ok(Vec::new())),
        Err(BagError::BadInfo { .. })
    ));
}

#[test]
fn wrong_announced_length_poisons_the_writer() {
    let mut w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
    let r = w.add_payload_sized("a.bin", &b"12345"[..], 4, false);
    assert!(matches!(
        r,
        Err(BagError::SizeMismatch {
            expected: 4,
            actual: 5,
            ..
        })
    ));
    assert!(matches!(
        w.add_payload_bytes("b.bin", b"x", false),
        Err(BagError::Poisoned)
    ));
    assert!(matches!(
        w.finish(&[], |_| Ok(Vec::new())),
        Err(BagError::Poisoned)
    ));
}

#[test]
fn signing_failure_fails_the_export() {
    let w = BagWriter::new(io::Cursor::new(Vec::new()), "b").unwrap();
    let r = w.finish(&[], |_| {
        Err(BagError::Signing {
            reason: "key locked".into(),
        })
    });
    assert!(matches!(r, Err(BagError::Signing { .. })));
}

#[test]
fn empty_bag_is_valid_for_bagit_py() {
    let w = BagWriter::new(
        io::Cursor::new(Vec::new()),
        "tally-evidence-2024-05-06-ab12",
    )
    .unwrap();
    let zip = w.finish(&[], |_| Ok(Vec::new())).unwrap().into_inner();
    let (_tmp, bag) = unzip(&zip);
    assert!(problems(&bag).is_empty(), "{:?}", problems(&bag));
    let (ok, out) = bagit_py_validates(&bag);
    assert!(ok, "{out}");
}

#[test]
fn zip64_is_used_only_when_needed() {
    assert!(needs_zip64(None));
    assert!(!needs_zip64(Some(0)));
    assert!(!needs_zip64(Some(4_000_000_000)));
    assert!(needs_zip64(Some(ZIP32_LIMIT)));
    assert!(needs_zip64(Some(u64::MAX)));
}
