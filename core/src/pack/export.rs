//! Writing an evidence pack: a zip holding one BagIt bag with exactly the entries the
//! disclosure plan names, byte-identical to what was hashed, their original attachments,
//! every leaf hash, the signed tree head and earlier heads, the HTML report, and one sshsig
//! signature over the tag manifest that covers it all.
//!
//! Attachments stream chunk by chunk from the diary into the zip, on two cores: this thread
//! reads and authenticates the next chunk (SQLite, AES-GCM) while a writer thread computes
//! the CRC-32 of the one before and writes it. Each byte is written once, stored rather
//! than deflated (photos and videos are already compressed), and the pack is synced once.
//! The manifest lists an attachment under the SHA-256 its entry recorded: every chunk of
//! it was authenticated, in order, against the sealed record that gives that SHA-256 and
//! size, so hashing it again would prove nothing more (the recipient's verifier hashes
//! every byte). The pack is written to a temporary file and renamed into place only when
//! complete, so a failed export leaves nothing behind.

use std::collections::BTreeSet;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use chrono::{NaiveDate, Utc};

use super::bagit::{BagError, BagWriter};
use super::instructions::verify_txt;
use super::plan::{self, DisclosureChoices, DisclosurePlan};
use crate::crypto::sshsig;
use crate::diary::{CHUNK_SIZE, Diary};
use crate::error::{Error, Result};
use crate::log::{SignedHead, to_hex};
use crate::model::{AttachmentRef, Body, Entry, EntryView};
use crate::progress::Progress;
use crate::report::{self, CheckpointLine, ReportInput};

/// The sshsig namespace of the pack signature.
pub const PACK_NAMESPACE: &str = "tally-evidence-v1";
/// The principal named in `allowed_signers`.
pub const PRINCIPAL: &str = "tally-diary";
/// Chunks in flight between the reading and the writing thread.
const CHUNKS_IN_FLIGHT: usize = 3;

/// What to put in a pack.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// What the victim chose to disclose (see [`Diary::disclosure_plan`]).
    pub choices: DisclosureChoices,
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
    /// The plan the pack follows: every entry in it, and nothing else, went out.
    pub plan: DisclosurePlan,
    /// Entries disclosed (the plan's entries).
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
        let plan = plan::plan(&views, &options.choices)?;
        let disclosed = plan.seqs();
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
        for planned in &plan.entries {
            let bytes = self.entry_bytes(planned.seq)?;
            let entry = Entry::from_bytes(&bytes).map_err(|_| {
                Error::Corrupt(format!(
                    "entry {}: its stored bytes cannot be read",
                    planned.seq
                ))
            })?;
            for a in entry.body.attachments() {
                if seen.insert(a.sha256.clone()) {
                    attachments.push(a.clone());
                }
            }
            entry_bytes.push((planned.seq, bytes));
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
        let mut bag = BagWriter::new_at(file, &bag_name, Utc::now())?;

        for (seq, bytes) in &entry_bytes {
            bag.add_payload_bytes(&format!("entries/{seq}.json"), bytes, true)?;
        }
        let mut done = 0u64;
        for a in &attachments {
            if progress.cancelled() {
                return Err(Error::Cancelled);
            }
            bag = self.copy_attachment(
                bag,
                a,
                &mut |n| {
                    done += n;
                    progress.update(done, Some(total_bytes));
                },
                progress,
            )?;
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
        let withheld = plan.withheld;
        let report = self.render_report(&head, &disclosed_views, withheld, &checkpoints, dir)?;
        // Its length is known once written: the member gets plain sizes, no Zip64 field.
        let len = report.metadata().map_err(|e| Error::file(dir, e))?.len();
        bag.add_payload_sized("report.html", std::io::BufReader::new(report), len, true)?;

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
        let file = writer;
        file.sync_all().map_err(|e| Error::file(tmp.path(), e))?;
        tmp.persist(out).map_err(|e| Error::file(out, e.error))?;
        Ok(ExportSummary {
            path: out.to_owned(),
            bag_name,
            plan,
            disclosed: disclosed.len() as u64,
            withheld,
            attachments: attachments.len() as u64,
            attachment_bytes: total_bytes,
            fingerprint,
            period,
        })
    }

    /// Streams one attachment into the bag on two threads (see the module doc) and returns
    /// the bag. `moved(n)` hears of each chunk as it goes.
    fn copy_attachment<W: std::io::Write + std::io::Seek + Send>(
        &self,
        bag: BagWriter<W>,
        a: &AttachmentRef,
        moved: &mut dyn FnMut(u64),
        progress: &dyn Progress,
    ) -> Result<BagWriter<W>> {
        let (_, meta) = self
            .find_blob(&a.sha256)?
            .ok_or_else(|| Error::NoSuchAttachment(a.sha256.clone()))?;
        let mut sha = [0u8; 32];
        if meta.sha256 != a.sha256
            || meta.size != a.size
            || hex::decode_to_slice(&a.sha256, &mut sha).is_err()
        {
            return Err(Error::Corrupt(format!(
                "attachment {}: the stored record does not match its SHA-256 or size",
                a.sha256
            )));
        }
        // Every chunk is still authenticated, in order, to the last; only the final
        // re-hash is left out (see the module doc).
        let mut reader = self.attachment_reader(&a.sha256)?.without_final_hash();
        let path = attachment_path(a);
        let (full_tx, full_rx) = sync_channel::<std::io::Result<Vec<u8>>>(CHUNKS_IN_FLIGHT);
        let (empty_tx, empty_rx) = sync_channel::<Vec<u8>>(CHUNKS_IN_FLIGHT + 2);
        for _ in 0..CHUNKS_IN_FLIGHT + 2 {
            let _ = empty_tx.send(Vec::with_capacity(CHUNK_SIZE));
        }
        let mut failure: Option<Error> = None;
        let (bag, written) = std::thread::scope(|scope| {
            let writer = scope.spawn(move || {
                let mut bag = bag;
                let written = bag.add_payload_prehashed(
                    &path,
                    sha,
                    a.size,
                    || full_rx.recv().ok(),
                    |buf| {
                        let _ = empty_tx.send(buf);
                    },
                );
                (bag, written)
            });
            while let Ok(mut buf) = empty_rx.recv() {
                if progress.cancelled() {
                    failure = Some(Error::Cancelled);
                    break;
                }
                buf.resize(CHUNK_SIZE, 0);
                let mut n = 0;
                let read = loop {
                    match reader.read(buf.get_mut(n..).unwrap_or_default()) {
                        Ok(0) => break Ok(()),
                        Ok(k) => {
                            n += k;
                            if n == buf.len() {
                                break Ok(());
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(e) => break Err(e),
                    }
                };
                if let Err(e) = read {
                    failure = Some(Error::Corrupt(e.to_string()));
                    break;
                }
                if n == 0 {
                    break;
                }
                buf.truncate(n);
                if full_tx.send(Ok(buf)).is_err() {
                    break; // the writer stopped; its error says why
                }
                moved(n as u64);
            }
            if failure.is_some() {
                let _ = full_tx.send(Err(std::io::Error::other("the export stopped")));
            }
            drop(full_tx);
            match writer.join() {
                Ok(done) => Ok(done),
                Err(_) => Err(Error::Corrupt(
                    "the thread writing the pack stopped unexpectedly".into(),
                )),
            }
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
        written?;
        Ok(bag)
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
        "image/heif" => Some("heif"),
        "image/avif" => Some("avif"),
        "video/3gpp" => Some("3gp"),
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
