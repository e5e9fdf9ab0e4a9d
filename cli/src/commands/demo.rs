//! `tally demo [--out DIR]`: build a realistic sample diary, export a pack, verify it, and
//! say where the report is.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use tally_core::diary::{CreateOptions, Diary};
use tally_core::pack::{ExportOptions, VerifyOptions, verify_pack};

/// The demo diary's passphrase (printed; it protects nothing real).
const DEMO_PASSPHRASE: &str = "demo passphrase - not secret";

/// Arguments of `tally demo`.
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Folder for the demo diary, pack and report (created; must not hold a diary already).
    #[arg(long, value_name = "DIR", default_value = "tally-demo")]
    pub out: PathBuf,
}

pub fn run(args: DemoArgs) -> Result<ExitCode> {
    let dir = &args.out;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let diary_path = dir.join("demo.tally");
    let pack_path = dir.join("evidence-pack.zip");
    if diary_path.exists() {
        bail!(
            "{} already exists; choose another --out folder",
            diary_path.display()
        );
    }
    say!(
        "Creating a sample diary at {} (passphrase: \"{DEMO_PASSPHRASE}\")",
        diary_path.display()
    );
    let mut diary = Diary::create(&diary_path, DEMO_PASSPHRASE, CreateOptions::default())?;
    let n = tally_core::demo::fill(&mut diary)?;
    say!(
        "Recorded {n} entries: people, incidents, a WhatsApp chat, bail conditions, police contacts, a correction."
    );
    let checkpoint = diary.checkpoint()?;
    std::fs::write(dir.join("checkpoint.txt"), &checkpoint)?;
    let options = ExportOptions {
        choices: Default::default(),
        checkpoints: vec![checkpoint.clone()],
    };
    let summary = super::export::export(&diary, &pack_path, &options)?;
    say!(
        "Exported {} ({} entries, {} attachments), signed by {}",
        pack_path.display(),
        summary.disclosed,
        summary.attachments,
        summary.fingerprint
    );
    let verify = VerifyOptions {
        checkpoint: Some(checkpoint.clone()),
        key: None,
    };
    let verdict = verify_pack(&pack_path, &verify)?;
    super::verify::print_verdict(&pack_path, &verdict)?;
    let report = dir.join("report.html");
    extract_report(&pack_path, &summary.bag_name, &report)?;
    say!("");
    say!("Open the report:   {}", absolute(&report).display());
    say!(
        "Check it yourself: unzip {} and read VERIFY.txt inside",
        pack_path.display()
    );
    say!(
        "Try the diary:     TALLY_DIARY={} tally list",
        diary_path.display()
    );
    Ok(if verdict.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn extract_report(pack: &Path, bag_name: &str, to: &Path) -> Result<()> {
    let mut zip = tally_core::safe_zip::SafeZip::open_pack(pack, Default::default())?;
    let bytes = zip.read_member(&format!("{bag_name}/data/report.html"), 256 << 20)?;
    std::fs::write(to, bytes).with_context(|| format!("writing {}", to.display()))?;
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned())
}
