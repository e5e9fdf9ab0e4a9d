//! The exported `Diary` object: a thin, thread-safe shell over `tally_core::diary::Diary`.
//!
//! The open diary sits in a `Mutex<Option<…>>`, as application-services' stores do: calls
//! from any number of threads are serialised (each append is one SQLite transaction, so
//! they cannot interleave), and [`Diary::lock`] takes the inner diary out — wiping its keys
//! — so every later call fails with `Locked` rather than touching a closed file. Methods
//! only convert arguments and results; the logic is the core's.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use tally_core::crypto::kdf::KdfParams;
use tally_core::diary::{self as core, AttachOptions, CreateOptions as CoreCreateOptions};
use tally_core::model::Body;

use crate::error::TallyApiError;
use crate::pack::{ExportOptions, ExportSummary};
use crate::progress::{Listener, ProgressListener};
use crate::records::{
    AttachmentRef, EntryContent, EntryView, HistoryStep, Incident, ListFilter, Order, Person,
    PoliceContact, SummaryFilter,
};

/// Options for a new diary. Leave every field `None` for a real diary: the defaults
/// (Argon2id, 64 MiB, 3 passes) suit a phone.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct CreateOptions {
    /// Argon2id memory in KiB (8 to 4 GiB). Tests pass 64 to run fast; never lower it
    /// for a real diary.
    #[uniffi(default)]
    pub kdf_memory_kib: Option<u32>,
    /// Argon2id passes (1 to 64).
    #[uniffi(default)]
    pub kdf_iterations: Option<u32>,
    /// Argon2id lanes (1 to 16).
    #[uniffi(default)]
    pub kdf_parallelism: Option<u32>,
}

/// The result of a full integrity check of the diary.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CheckReport {
    /// Whether everything checked out.
    pub ok: bool,
    /// Entries in the log.
    pub entries: u64,
    /// Entries whose content was erased.
    pub erased: u64,
    /// Signed tree heads checked.
    pub heads: u64,
    /// Attachment blobs checked.
    pub blobs: u64,
    /// The Merkle root, hex.
    pub root: String,
    /// Everything wrong, one plain line each, naming the entry, head or blob.
    pub problems: Vec<String>,
}

/// An unlocked diary. Safe to share between threads; calls are synchronous (run them off
/// the main thread) and serialised.
#[derive(uniffi::Object)]
pub struct Diary {
    inner: Mutex<Option<core::Diary>>,
}

impl std::fmt::Debug for Diary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diary").finish_non_exhaustive()
    }
}

impl Diary {
    fn wrap(diary: core::Diary) -> Arc<Self> {
        Arc::new(Diary {
            inner: Mutex::new(Some(diary)),
        })
    }

    /// The open diary, or `Locked`. A mutex poisoned by a panic in an earlier call means
    /// that call stopped half-way: the in-memory state may no longer match the file, so
    /// the diary is locked (its keys wiped) and must be unlocked afresh.
    fn guard(&self) -> Result<MutexGuard<'_, Option<core::Diary>>, TallyApiError> {
        match self.inner.lock() {
            Ok(guard) => Ok(guard),
            Err(poisoned) => {
                let mut guard = poisoned.into_inner();
                guard.take();
                self.inner.clear_poison();
                drop(guard);
                Err(TallyApiError::Locked {
                    reason: "an earlier call failed unexpectedly, so the diary was locked; \
                             unlock it again"
                        .into(),
                })
            }
        }
    }

    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut core::Diary) -> Result<T, TallyApiError>,
    ) -> Result<T, TallyApiError> {
        let mut guard = self.guard()?;
        let diary = guard.as_mut().ok_or_else(|| TallyApiError::Locked {
            reason: "the diary is locked; unlock it to continue".into(),
        })?;
        f(diary)
    }
}

#[uniffi::export]
impl Diary {
    /// Creates a new, empty diary at `path`, protected by `passphrase` (at least 8
    /// characters). Refuses to overwrite an existing file.
    #[uniffi::constructor]
    pub fn create(
        path: String,
        passphrase: String,
        options: CreateOptions,
    ) -> Result<Arc<Self>, TallyApiError> {
        let defaults = KdfParams::default();
        let kdf = KdfParams {
            memory_kib: options.kdf_memory_kib.unwrap_or(defaults.memory_kib),
            iterations: options.kdf_iterations.unwrap_or(defaults.iterations),
            parallelism: options.kdf_parallelism.unwrap_or(defaults.parallelism),
            ..defaults
        };
        // Checked here too so a bad option is named before any file is written.
        kdf.check()
            .map_err(|e| TallyApiError::invalid(format!("options: {e}")))?;
        let diary = core::Diary::create(Path::new(&path), &passphrase, CoreCreateOptions { kdf })?;
        Ok(Self::wrap(diary))
    }

    /// Opens the diary at `path` with its passphrase. A wrong passphrase fails with
    /// `WrongPassphrase` and changes nothing.
    #[uniffi::constructor]
    pub fn unlock(path: String, passphrase: String) -> Result<Arc<Self>, TallyApiError> {
        Ok(Self::wrap(core::Diary::unlock(
            Path::new(&path),
            &passphrase,
        )?))
    }

    /// Opens the diary with its raw 32-byte key (from `raw_key`, kept by the platform
    /// keystore behind biometric unlock). A wrong key fails with `WrongPassphrase`.
    #[uniffi::constructor]
    pub fn unlock_with_key(path: String, raw_key: Vec<u8>) -> Result<Arc<Self>, TallyApiError> {
        Ok(Self::wrap(core::Diary::unlock_with_key(
            Path::new(&path),
            &raw_key,
        )?))
    }

    /// Locks the diary: its keys are wiped and the file closed. Every later call fails
    /// with `Locked`. Locking twice is harmless.
    pub fn lock(&self) {
        // A poisoned mutex already locked the diary.
        if let Ok(mut guard) = self.guard()
            && let Some(diary) = guard.take()
        {
            diary.lock();
        }
    }

    /// Whether the diary has been locked.
    pub fn is_locked(&self) -> bool {
        self.guard().map(|g| g.is_none()).unwrap_or(true)
    }

    /// Re-wraps the diary's key under a new passphrase (at least 8 characters).
    pub fn change_passphrase(&self, old: String, new: String) -> Result<(), TallyApiError> {
        self.with(|d| Ok(d.change_passphrase(&old, &new)?))
    }

    /// The raw 32-byte data key, for the platform keystore to wrap behind biometric
    /// unlock. The copy handed over cannot be wiped by Tally: keep it only in the keystore.
    pub fn raw_key(&self) -> Result<Vec<u8>, TallyApiError> {
        self.with(|d| Ok(d.raw_key().to_vec()))
    }

    /// The signing key's fingerprint, `SHA256:…` as OpenSSH prints it.
    pub fn fingerprint(&self) -> Result<String, TallyApiError> {
        self.with(|d| Ok(d.fingerprint()))
    }

    /// The signing key as an OpenSSH public-key line.
    pub fn public_key(&self) -> Result<String, TallyApiError> {
        self.with(|d| Ok(d.public_key().to_openssh()))
    }

    /// Number of entries.
    pub fn entry_count(&self) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.len()))
    }

    /// Why the diary failed its integrity check on opening, if it did.
    pub fn damage(&self) -> Result<Option<String>, TallyApiError> {
        self.with(|d| Ok(d.damage().map(str::to_owned)))
    }

    /// Adds a person; returns the entry number.
    pub fn add_person(&self, person: Person) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.add_person(person.into())?))
    }

    /// Adds an incident; returns the entry number.
    pub fn add_incident(&self, incident: Incident) -> Result<u64, TallyApiError> {
        let incident = incident.try_into()?;
        self.with(|d| Ok(d.add_incident(incident)?))
    }

    /// Adds bail conditions or a protective order; returns the entry number.
    pub fn add_order(&self, order: Order) -> Result<u64, TallyApiError> {
        let order = order.try_into()?;
        self.with(|d| Ok(d.add_order(order)?))
    }

    /// Adds a contact with the police; returns the entry number.
    pub fn add_police_contact(&self, contact: PoliceContact) -> Result<u64, TallyApiError> {
        let contact = contact.try_into()?;
        self.with(|d| Ok(d.add_police_contact(contact)?))
    }

    /// Corrects entry `target` with a full new version of the same kind; the original
    /// stays in its history. Returns the amendment's entry number.
    pub fn amend(
        &self,
        target: u64,
        replacement: EntryContent,
        reason: Option<String>,
    ) -> Result<u64, TallyApiError> {
        let body: Body = replacement.try_into()?;
        self.with(|d| Ok(d.amend(target, body, reason)?))
    }

    /// Removes entry `target`'s content (and its amendments'); its hash stays, so the
    /// log still verifies and shows something was removed. Returns the erasure's number.
    pub fn erase(&self, target: u64, reason: Option<String>) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.erase(target, reason)?))
    }

    /// Entry `seq` as the diary shows it.
    pub fn get(&self, seq: u64) -> Result<EntryView, TallyApiError> {
        self.with(|d| d.get(seq)?.try_into())
    }

    /// The entries a filter selects, in order (`ListFilter()` for all).
    pub fn list(&self, filter: ListFilter) -> Result<Vec<EntryView>, TallyApiError> {
        let filter = filter.try_into()?;
        self.with(|d| {
            d.list(&filter)?
                .into_iter()
                .map(TryInto::try_into)
                .collect()
        })
    }

    /// Entry `seq` as sealed, then each amendment of it, then the erasure that removed it.
    pub fn history(&self, seq: u64) -> Result<Vec<HistoryStep>, TallyApiError> {
        self.with(|d| {
            d.history(seq)?
                .into_iter()
                .map(|(seq, entry)| {
                    Ok(match entry {
                        Some(e) => HistoryStep {
                            seq,
                            recorded_at: Some(e.recorded_at.to_rfc3339()),
                            body: Some(e.body.try_into()?),
                        },
                        None => HistoryStep {
                            seq,
                            recorded_at: None,
                            body: None,
                        },
                    })
                })
                .collect()
        })
    }

    /// A checkpoint of the current state: a short signed text to send to someone trusted,
    /// so a later pack can be shown to extend it.
    pub fn checkpoint(&self) -> Result<String, TallyApiError> {
        self.with(|d| Ok(d.checkpoint()?))
    }

    /// Checks the whole diary: every entry, head and attachment.
    pub fn check(&self) -> Result<CheckReport, TallyApiError> {
        self.with(|d| {
            let r = d.check()?;
            Ok(CheckReport {
                ok: r.is_ok(),
                entries: r.entries,
                erased: r.erased,
                heads: r.heads,
                blobs: r.blobs,
                root: r.root,
                problems: r.problems.iter().map(ToString::to_string).collect(),
            })
        })
    }

    /// Streams the file at `path` into the diary (encrypted, in chunks); returns the
    /// reference to put in an entry. `listener` hears the bytes read and can cancel.
    pub fn attach_file(
        &self,
        path: String,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<AttachmentRef, TallyApiError> {
        let path = Path::new(&path);
        let file = std::fs::File::open(path).map_err(|e| tally_core::Error::file(path, e))?;
        let options = AttachOptions {
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            media_type: None,
        };
        let listener = Listener(listener);
        self.with(|d| Ok(d.attach_reader(file, options, &listener)?.into()))
    }

    /// Stores bytes already in memory (a photo from the camera, a screenshot); returns
    /// the reference to put in an entry. The media type is sniffed when not given.
    pub fn attach_bytes(
        &self,
        bytes: Vec<u8>,
        file_name: Option<String>,
        media_type: Option<String>,
    ) -> Result<AttachmentRef, TallyApiError> {
        let options = AttachOptions {
            file_name,
            media_type,
        };
        self.with(|d| Ok(d.attach_bytes(&bytes, options)?.into()))
    }

    /// An attachment's original bytes, checked against its SHA-256. For large files
    /// prefer `save_attachment`.
    pub fn read_attachment(&self, sha256: String) -> Result<Vec<u8>, TallyApiError> {
        self.with(|d| {
            let mut out = Vec::new();
            d.read_attachment(&sha256, &mut out)?;
            Ok(out)
        })
    }

    /// Writes an attachment's original bytes to a new file at `out_path`, checked against
    /// its SHA-256; returns the bytes written. A failed copy is removed.
    pub fn save_attachment(&self, sha256: String, out_path: String) -> Result<u64, TallyApiError> {
        let path = Path::new(&out_path);
        self.with(|d| {
            let mut file =
                std::fs::File::create_new(path).map_err(|e| tally_core::Error::file(path, e))?;
            match d.read_attachment(&sha256, &mut file) {
                Ok(n) => Ok(n),
                Err(e) => {
                    drop(file);
                    // The partial copy is not the evidence; the error says why it failed.
                    let _ = std::fs::remove_file(path);
                    Err(e.into())
                }
            }
        })
    }

    /// Writes an evidence pack (a `.zip`) to `out_path`. `listener` hears progress and can
    /// cancel; a cancelled or failed export leaves nothing at `out_path`.
    pub fn export_pack(
        &self,
        out_path: String,
        options: ExportOptions,
        listener: Option<Arc<dyn ProgressListener>>,
    ) -> Result<ExportSummary, TallyApiError> {
        let options = tally_core::pack::ExportOptions {
            selection: options.selection.unwrap_or_default().try_into()?,
            checkpoints: options.checkpoints,
        };
        let listener = Listener(listener);
        self.with(|d| {
            Ok(d.export_pack(Path::new(&out_path), &options, &listener)?
                .into())
        })
    }

    /// The course-of-conduct summary for officers, as the JSON the CLI prints (the
    /// `Summary` of `tally_core::summary`: counts by week and category, breaches of
    /// orders, escalation, police contacts). JSON rather than mirrored records: it has
    /// dozens of nested types that the report already reads as JSON.
    pub fn summary(&self, filter: SummaryFilter) -> Result<String, TallyApiError> {
        let filter = filter.try_into()?;
        self.with(|d| {
            let views = d.views()?;
            let summary = tally_core::summary::summarise(&views, &filter, d)?;
            serde_json::to_string(&summary).map_err(|e| TallyApiError::Internal {
                reason: format!(
                    "the summary could not be written as JSON: {}",
                    tally_core::error::json_error_summary(&e)
                ),
            })
        })
    }
}
