//! Shared helpers for the end-to-end pack tests: diaries with fast KDF parameters, the
//! built `tally` binary, the independent `check-pack` tool, unzipping packs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{AttachOptions, CreateOptions, Diary, NoProgress};
use tally_core::model::{
    Body, Category, Condition, Incident, Occurred, Order, OrderType, Person, PoliceContact,
    Relationship,
};
use tally_core::pack::{ExportOptions, ExportSummary, PackVerdict, VerifyOptions, verify_pack};
use tally_core::safe_zip::SafeZip;
use tally_core::zip_forge::{Forge, Forged};

/// The passphrase of every test diary.
pub const PASS: &str = "correct horse battery staple";

/// A new diary at `dir/diary.tally` with insecure (fast) KDF parameters.
pub fn new_diary(dir: &Path) -> Diary {
    let options = CreateOptions {
        kdf: KdfParams::insecure_for_tests(),
    };
    Diary::create(&dir.join("diary.tally"), PASS, options).unwrap()
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub fn incident(when: &str, category: Category, summary: &str) -> Incident {
    Incident::new(Occurred::at(at(when)), category, summary)
}

pub fn person(name: &str) -> Person {
    Person::new(name, Relationship::ExPartner)
}

/// The workspace root (this crate lives in `tests/`).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `tally` binary, built once per test process with the same cargo and target folder
/// as the tests. `CARGO_BIN_EXE_tally` is only set for a package's own binaries, and this
/// crate is not the CLI's package, so it asks cargo where the binary is.
pub fn tally_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            .args(["build", "--quiet", "-p", "tally-cli", "--bin", "tally"])
            .args(["--message-format", "json"])
            .arg("--manifest-path")
            .arg(workspace().join("Cargo.toml"))
            .output()
            .expect("running cargo to build the tally binary");
        assert!(
            out.status.success(),
            "building tally failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "tally")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo did not report the tally executable")
    })
}

/// Runs `tally` with `args` against the diary at `diary` (passphrase from the environment).
pub fn tally(diary: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(tally_bin());
    cmd.args(args).env("TALLY_PASSPHRASE", PASS);
    cmd.env_remove("TALLY_DIARY");
    if let Some(d) = diary {
        cmd.env("TALLY_DIARY", d);
    }
    cmd.output().expect("running tally")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// `../shared/tools/check-pack` beside the clone. Missing is a failure, never a skip: the
/// independent judge is the point.
pub fn check_pack_tool() -> PathBuf {
    let tool = workspace().join("../shared/tools/check-pack");
    assert!(
        tool.is_file(),
        "the independent checker {} is missing: it must sit beside the clone (CI puts it there)",
        tool.display()
    );
    tool
}

/// Runs `check-pack` (ssh-keygen -Y verify, bagit.py --validate, RFC 9162 root) on `pack`.
pub fn check_pack(pack: &Path) -> Output {
    Command::new(check_pack_tool())
        .arg(pack)
        .output()
        .expect("running check-pack")
}

pub fn assert_check_pack_passes(pack: &Path) {
    let out = check_pack(pack);
    assert!(
        out.status.success(),
        "check-pack rejected {}:\n{}{}",
        pack.display(),
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for part in ["ssh-keygen: Good", "bagit: valid", "rfc9162:"] {
        assert!(text.contains(part), "check-pack said:\n{text}");
    }
}

/// Unzips a pack (vetted by the core's safe reader) into `into`; returns the bag folder.
pub fn unzip(pack: &Path, into: &Path) -> PathBuf {
    let mut zip = SafeZip::open_pack(pack, Default::default()).unwrap();
    zip.extract_all(into).unwrap();
    let tops: Vec<PathBuf> = std::fs::read_dir(into)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(tops.len(), 1, "a pack holds exactly one folder");
    tops.into_iter().next().unwrap()
}

/// Every file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A small diary with a person, an order binding him, incidents (one with an image and a
/// text attachment, one amended) and a police contact: every kind of file a pack holds.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub diary: Diary,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut diary = new_diary(dir.path());
        let ben = diary.add_person(person("Ben Carter")).unwrap();
        let order = Order {
            order_type: OrderType::Bail,
            person: ben,
            start: chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            end: None,
            conditions: vec![Condition::NoContact],
            reference: Some("BAIL-TEST-1".into()),
            issued_by: None,
        };
        diary.add_order(order).unwrap();
        let png = diary
            .attach_bytes(
                &tiny_png(),
                AttachOptions {
                    file_name: Some("screenshot.png".into()),
                    media_type: None,
                },
            )
            .unwrap();
        let note = diary
            .attach_bytes(
                b"voicemail transcript: call me back",
                AttachOptions {
                    file_name: Some("voicemail.txt".into()),
                    media_type: Some("text/plain".into()),
                },
            )
            .unwrap();
        let mut i = incident(
            "2024-03-05T21:10:00+00:00",
            Category::Message,
            "Sent 14 messages in an hour",
        );
        i.people.push(ben);
        i.attachments = vec![png, note];
        let messages = diary.add_incident(i).unwrap();
        let mut j = incident(
            "2024-03-07T08:30:00+00:00",
            Category::VisitWork,
            "Waited outside the office",
        );
        j.people.push(ben);
        let visit = diary.add_incident(j.clone()).unwrap();
        j.summary = "Waited outside the office entrance for 40 minutes".into();
        diary
            .amend(visit, Body::Incident(j), Some("added how long".into()))
            .unwrap();
        let mut c = PoliceContact::at(at("2024-03-07T12:00:00+00:00"));
        c.reference = Some("REF-1234".into());
        c.reported = vec![messages, visit];
        diary.add_police_contact(c).unwrap();
        Fixture { dir, diary }
    }

    pub fn export(&self, name: &str, options: &ExportOptions) -> (PathBuf, ExportSummary) {
        let out = self.dir.path().join(name);
        let summary = self.diary.export_pack(&out, options, &NoProgress).unwrap();
        (out, summary)
    }

    /// A full pack unzipped into a fresh folder; returns (holder, bag folder).
    pub fn unzipped(&self) -> (tempfile::TempDir, PathBuf) {
        let (zip, _) = self.export("full.zip", &ExportOptions::default());
        let holder = tempfile::tempdir().unwrap();
        let bag = unzip(&zip, holder.path());
        (holder, bag)
    }
}

pub fn tiny_png() -> Vec<u8> {
    // A valid 4x3 PNG (attachments that claim to be images are decoded before they are kept).
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/import/tiny-4x3.png"
    ))
    .unwrap()
}

pub fn verdict(pack: &Path, checkpoint: Option<&str>) -> PackVerdict {
    let options = VerifyOptions {
        checkpoint: checkpoint.map(str::to_owned),
        key: None,
    };
    verify_pack(pack, &options).unwrap()
}

/// `verify_pack` and `tally verify` both fail, and some problem line names `needle`.
pub fn assert_fails_naming(pack: &Path, needle: &str) {
    let v = verdict(pack, None);
    assert!(!v.is_ok(), "tampered pack verified: {v:?}");
    assert!(
        v.problems.iter().any(|p| p.contains(needle)),
        "no problem names {needle:?}; problems: {:#?}",
        v.problems
    );
    let out = tally(None, &["verify", pack.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "tally verify: {}", stdout(&out));
    let text = stdout(&out);
    assert!(text.starts_with("FAILED"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("PROBLEM") && l.contains(needle)),
        "tally verify names no problem with {needle:?}:\n{text}"
    );
}

/// A zip of an unzipped (perhaps altered) bag, every file stored, in the pack's layout:
/// what someone who re-zips a pack produces.
pub fn forge_from_folder(bag: &Path) -> Forge {
    let root = bag.file_name().unwrap().to_string_lossy().into_owned();
    let mut members = vec![Forged::dir(&format!("{root}/"))];
    fn walk(dir: &Path, rel: &str, out: &mut Vec<Forged>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = format!("{rel}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                out.push(Forged::dir(&format!("{name}/")));
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.push(Forged::file(&name, &std::fs::read(e.path()).unwrap()));
            }
        }
    }
    walk(bag, &format!("{root}/"), &mut members);
    Forge::new(members)
}

/// Writes `forge` as `<dir>/<name>` and returns the path.
pub fn forged(dir: &Path, name: &str, forge: &Forge) -> PathBuf {
    let path = dir.join(name);
    forge.write(&path).unwrap();
    path
}

/// The fixture's text attachment (the voicemail transcript) among a pack's members.
pub fn text_attachment(forge: &mut Forge) -> &mut Forged {
    forge
        .members
        .iter_mut()
        .find(|m| m.name.windows(12).any(|w| w == b"attachments/") && m.name.ends_with(b".txt"))
        .expect("the fixture's pack holds a text attachment")
}
