//! Writing an evidence pack: a zip holding one BagIt bag with the disclosed entries
//! byte-identical to what was hashed, the original attachments, every leaf hash, the
//! signed tree head and earlier heads, the HTML report, and one sshsig signature over the
//! tag manifest that covers it all. Attachments stream chunk by chunk from the diary into
//! the zip; the pack is written to a temporary file and renamed into place only when
//! complete, so a failed export leaves nothing behind.

use std::collections::BTreeSet;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};

use super::bagit::{BagError, BagWriter};
use super::disclose::disclosed_set;
use super::instructions::verify_txt;
use crate::crypto::sshsig;
use crate::diary::{Diary, ListFilter};
use crate::error::{Error, Result};
use crate::log::{SignedHead, to_hex};
use crate::model::{AttachmentRef, Body, EntryView};
use crate::progress::Progress;
use crate::report::{self, CheckpointLine, ReportInput};

/// The sshsig namespace of the pack signature.
pub const PACK_NAMESPACE: &str = "tally-evidence-v1";
/// The principal named in `allowed_signers`.
pub const PRINCIPAL: &str = "tally-diary";

/// What to put in a pack.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Which entries to disclose (period, person, categories, kinds, entry numbers).
    pub selection: ListFilter,
    /// Checkpoint texts given out earlier, to list in `checkpoints.json` with the daily heads.
    pub checkpoints: Vec<String>,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct ExportSummary {
    /// The zip written.
    pub path: PathBuf,
    /// The bag's folder name inside the zip.
    pub bag_name: String,
    /// Entries disclosed (with their content or as erased).
    pub disclosed: u64,
    /// Entries withheld (only their leaf hashes travel).
    pub withheld: u64,
    /// Attachment files included.
    pub attachments: u64,
    /// Bytes of attachments included.
    pub attachment_bytes: u64,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// First and last incident date disclosed.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

impl From<BagError> for Error {
    fn from(e: BagError) -> Self {
        match e {
            BagError::Io(io) => Error::Io(io),
            other => Error::Corrupt(format!("writing the pack: {other}")),
        }
    }
}

impl Diary {
    /// Writes an evidence pack to `out` (a `.zip`). Nothing is left at `out` if it fails.
    pub fn export_pack(
        &self,
        out: &Path,
        options: &ExportOptions,
        progress: &dyn Progress,
    ) -> Result<ExportSummary> {
        let head = self.tree_head()?.ok_or_else(|| {
            Error::Corrupt("the diary is empty; there is nothing to export".into())
        })?;
        let views = self.views()?;
        let disclosed = disclosed_set(&views, &options.selection);
        let disclosed_views: Vec<EntryView> = views
            .iter()
            .filter(|v| disclosed.contains(&v.seq))
            .cloned()
            .collect();
        let leaves = self.leaves()?;
        let bag_name = format!(
            "tally-evidence-{}-{}",
            Utc::now().format("%Y-%m-%d"),
            &head.head.root[..8]
        );

        // Which attachment files the disclosed entries (every version) refer to.
        let mut entry_bytes: Vec<(u64, Vec<u8>)> = Vec::new();
        let mut attachments: Vec<AttachmentRef> = Vec::new();
        let mut seen = BTreeSet::new();
        for v in &disclosed_views {
            if v.current.is_none() {
                continue;
            }
            let bytes = self.entry_bytes(v.seq)?;
            let entry = self.entry(v.seq)?;
            for a in entry.body.attachments() {
                if seen.insert(a.sha256.clone()) {
                    attachments.push(a.clone());
                }
            }
            entry_bytes.push((v.seq, bytes));
        }
        let total_bytes: u64 = attachments.iter().map(|a| a.size).sum();

        let dir = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".tally-export-")
            .tempfile_in(dir)
            .map_err(|e| Error::file(dir, e))?;
        let file = tmp.reopen().map_err(|e| Error::file(tmp.path(), e))?;
        let mut bag = BagWriter::new_at(
            BufWriter::with_capacity(1 << 20, file),
            &bag_name,
            Utc::now(),
        )?;

        for (seq, bytes) in &entry_bytes {
            bag.add_payload_bytes(&format!("entries/{seq}.json"), bytes, true)?;
        }
        let mut done = 0u64;
        for a in &attachments {
            if progress.cancelled() {
                return Err(Error::Cancelled);
            }
            let reader = self.attachment_reader(&a.sha256)?.without_final_hash();
            let size = reader.size();
            let (sha, written) = bag.add_payload_sized(&attachment_path(a), reader, size, false)?;
            if hex::encode(sha) != a.sha256 || written != a.size {
                return Err(Error::Corrupt(format!(
                    "attachment {}: the stored bytes do not match its SHA-256",
                    a.sha256
                )));
            }
            done += size;
            progress.update(done, Some(total_bytes));
        }
        let mut leaves_txt = String::with_capacity(leaves.len() * 65);
        for leaf in &leaves {
            leaves_txt.push_str(&to_hex(leaf));
            leaves_txt.push('\n');
        }
        bag.add_payload_bytes("log/leaves.txt", leaves_txt.as_bytes(), true)?;
        bag.add_payload_bytes("log/tree-head.json", &head.bytes, true)?;
        bag.add_payload_bytes("log/tree-head.json.sig", head.signature.as_bytes(), true)?;
        let checkpoints = self.earlier_heads(&head, &options.checkpoints)?;
        bag.add_payload_bytes(
            "log/checkpoints.json",
            &checkpoints_json(&checkpoints),
            true,
        )?;

        let period = period_of(&disclosed_views);
        let withheld = leaves.len() as u64 - disclosed.len() as u64;
        let report = self.render_report(&head, &disclosed_views, withheld, &checkpoints, dir)?;
        bag.add_payload("report.html", std::io::BufReader::new(report), true)?;

        let key = self.public_key();
        let fingerprint = key.fingerprint();
        bag.add_tag_file(
            "allowed_signers",
            sshsig::allowed_signers_line(PRINCIPAL, &key).as_bytes(),
        )?;
        bag.add_tag_file("VERIFY.txt", verify_txt(&bag_name, &fingerprint).as_bytes())?;
        let period_text = period.map_or_else(
            || "no incidents disclosed".to_owned(),
            |(a, b)| format!("{a} to {b}"),
        );
        let info = vec![
            ("Source-Organization".to_owned(), "Tally evidence diary (kept by the victim)".to_owned()),
            (
                "External-Description".to_owned(),
                "Evidence pack exported from a Tally diary: entries as recorded, their original attachments, and the signed log that proves them. See VERIFY.txt.".to_owned(),
            ),
            ("Tally-Key-Fingerprint".to_owned(), fingerprint.clone()),
            ("Tally-Period".to_owned(), period_text),
            ("Tally-Entries-Disclosed".to_owned(), disclosed.len().to_string()),
            ("Tally-Entries-Withheld".to_owned(), withheld.to_string()),
            ("Tally-Attachments".to_owned(), attachments.len().to_string()),
            ("Tally-Tree-Size".to_owned(), head.head.size.to_string()),
            ("Tally-Tree-Root".to_owned(), head.head.root.clone()),
        ];
        let key_pair = self.signing_key_pair()?;
        let writer = bag.finish(&info, |tagmanifest| {
            Ok(sshsig::sign(&key_pair, PACK_NAMESPACE, tagmanifest).into_bytes())
        })?;
        let file = writer.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        file.sync_all().map_err(|e| Error::file(tmp.path(), e))?;
        tmp.persist(out).map_err(|e| Error::file(out, e.error))?;
        Ok(ExportSummary {
            path: out.to_owned(),
            bag_name,
            disclosed: disclosed.len() as u64,
            withheld,
            attachments: attachments.len() as u64,
            attachment_bytes: total_bytes,
            fingerprint,
            period,
        })
    }

    /// Earlier heads to list: the last head of each day, and any checkpoints given out.
    fn earlier_heads(&self, head: &SignedHead, given: &[String]) -> Result<Vec<SignedHead>> {
        let mut by_day: std::collections::BTreeMap<NaiveDate, SignedHead> = Default::default();
        for h in self.tree_heads()? {
            if h.head.size < head.head.size {
                by_day.insert(h.head.time.date_naive(), h);
            }
        }
        let mut out: Vec<SignedHead> = by_day.into_values().collect();
        for text in given {
            let h = SignedHead::from_checkpoint(text, Some(&self.public_key()))?;
            if h.head.size <= head.head.size && !out.iter().any(|o| o.head == h.head) {
                out.push(h);
            }
        }
        out.sort_by_key(|h| h.head.size);
        Ok(out)
    }

    /// Writes the report to an unnamed temporary file in `dir` (conversations can make it
    /// larger than memory) and returns it, rewound.
    fn render_report(
        &self,
        head: &SignedHead,
        disclosed: &[EntryView],
        withheld: u64,
        checkpoints: &[SignedHead],
        dir: &Path,
    ) -> Result<std::fs::File> {
        let lines: Vec<CheckpointLine> = checkpoints
            .iter()
            .map(|h| CheckpointLine {
                size: h.head.size,
                root_hex: h.head.root.clone(),
                time: h.head.time.to_rfc3339(),
            })
            .collect();
        // The summary counts only what this pack discloses: withheld entries must not leak
        // into it through the figures.
        let summary = crate::summary::summarise(disclosed, &Default::default(), self)?;
        let names = |seq: u64| {
            disclosed
                .iter()
                .find(|v| v.seq == seq)
                .and_then(|v| v.person())
                .map(|p| p.name.clone())
        };
        let summary_html = crate::report::summary_html(&summary, &names);
        let fingerprint = self.fingerprint();
        let public_key = self.public_key().to_openssh();
        let head_time = head.head.time.to_rfc3339();
        let thumbnails = |sha: &str| self.thumbnail(sha);
        let history = |seq: u64| {
            let mut out = Vec::new();
            if let Ok(versions) = self.history(seq) {
                for (s, entry) in versions {
                    let kind = match entry.as_ref().map(|e| &e.body) {
                        Some(Body::Amendment(_)) => "amendment",
                        Some(Body::Erasure(_)) => continue,
                        _ => "original",
                    };
                    out.push((s, kind.to_owned(), entry.map(|e| e.recorded_at)));
                }
            }
            out
        };
        let input = ReportInput {
            title: "Evidence pack",
            generated_at: Utc::now(),
            fingerprint: &fingerprint,
            public_key: &public_key,
            tree_size: head.head.size,
            root_hex: &head.head.root,
            head_time: &head_time,
            disclosed,
            withheld,
            checkpoints: &lines,
            thumbnails: &thumbnails,
            attachment_path: &attachment_path,
            summary_html: Some(&summary_html),
            entry_history: &history,
            transcripts: self,
        };
        let file = tempfile::tempfile_in(dir).map_err(|e| Error::file(dir, e))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        report::write(&input, &mut out)?;
        let mut file = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
        std::io::Seek::rewind(&mut file).map_err(Error::Io)?;
        Ok(file)
    }

    /// The thumbnail kept with an image attachment when it was stored, for the report;
    /// the image itself is never decoded again.
    fn thumbnail(&self, sha256: &str) -> Option<Vec<u8>> {
        self.attachment_thumbnail(sha256).ok().flatten()
    }
}

/// `attachments/<sha256>.<ext>` inside `data/`.
pub fn attachment_path(a: &AttachmentRef) -> String {
    format!("attachments/{}.{}", a.sha256, extension(a))
}

fn extension(a: &AttachmentRef) -> String {
    let by_type = match a.media_type.as_str() {
        "image/jpeg" => Some("jpg"),
        "image/png" => Some("png"),
        "image/gif" => Some("gif"),
        "image/webp" => Some("webp"),
        "image/heic" => Some("heic"),
        "application/pdf" => Some("pdf"),
        "video/mp4" => Some("mp4"),
        "video/quicktime" => Some("mov"),
        "text/plain" => Some("txt"),
        "application/xml" => Some("xml"),
        "application/zip" => Some("zip"),
        "audio/ogg" => Some("ogg"),
        "audio/mp4" => Some("m4a"),
        "audio/mpeg" => Some("mp3"),
        _ => None,
    };
    if let Some(ext) = by_type {
        return ext.to_owned();
    }
    a.file_name
        .as_deref()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "bin".to_owned())
}

fn checkpoints_json(heads: &[SignedHead]) -> Vec<u8> {
    let items: Vec<serde_json::Value> = heads
        .iter()
        .map(|h| {
            serde_json::json!({
                "head": String::from_utf8_lossy(&h.bytes).trim_end(),
                "signature": h.signature,
            })
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&items).unwrap_or_default();
    out.push(b'\n');
    out
}

fn period_of(views: &[EntryView]) -> Option<(NaiveDate, NaiveDate)> {
    let dates: Vec<NaiveDate> = views
        .iter()
        .filter_map(|v| v.incident())
        .map(|i| i.occurred.start.date_naive())
        .collect();
    Some((*dates.iter().min()?, *dates.iter().max()?))
}
