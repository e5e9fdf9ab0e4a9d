//! Shared helpers for the end-to-end pack tests: diaries with fast KDF parameters, the
//! built `tally` binary, the independent `check-pack` tool, unzipping packs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset};
use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{CreateOptions, Diary};
use tally_core::model::{Category, Incident, Occurred, Person, Relationship};
use tally_core::safe_zip::SafeZip;

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
    let mut zip = SafeZip::open(pack, Default::default()).unwrap();
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
