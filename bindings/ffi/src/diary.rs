//! The exported `Diary` object: a thin, thread-safe shell over `tally_core::diary::Diary`.
//!
//! The open diary sits in a `Mutex<Option<…>>`, as application-services' stores do: calls
//! from any number of threads are serialised (each append is one SQLite transaction, so
//! they cannot interleave), and [`Diary::lock`] takes the inner diary out — wiping its keys
//! — so every later call fails with `Locked` rather than touching a closed file. Methods
//! only convert arguments and results; the logic is the core's.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::SystemTime;

use tally_core::diary::{self as core, AttachOptions, ListFilter};
use tally_core::model::{AttachmentRef, EntryView, Incident, Order, Person, PoliceContact};
use tally_core::pack::DisclosureChoices;
use tally_core::summary::SummaryFilter;
use tally_core::view::{
    self, AmendmentDraft, AmendmentStart, EntryDetail, ExportScreen, FormOutcome, IncidentDraft,
    OrderDraft, PersonDraft, PersonRef, PoliceContactDraft, Rows, SummaryView, Timeline,
    TimelineFilter, TimelineItem,
};

use crate::error::TallyApiError;
use crate::pack::{ExportOptions, ExportSummary};
use crate::progress::{Listener, ProgressListener};
use crate::screens::{utc, words, zone};

/// Options for a new diary. Leave every field `None` for a real diary: the defaults
/// (Argon2id, 64 MiB, 3 passes) suit a phone. Nothing weaker than the floor (19 MiB,
/// 2 passes) is accepted, so no diary can be made cheaper to attack than that.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct CreateOptions {
    /// Argon2id memory in KiB (19456 to 65536). Tests pass the floor, 19456, to run fast.
    #[uniffi(default)]
    pub kdf_memory_kib: Option<u32>,
    /// Argon2id passes (2 to 12).
    #[uniffi(default)]
    pub kdf_iterations: Option<u32>,
    /// Argon2id lanes (1 to 4).
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
/// the main thread) and serialised, except the `…_now` reads, which never wait (`Busy` instead).
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
    pub(crate) fn wrap(diary: core::Diary) -> Arc<Self> {
        Arc::new(Diary {
            inner: Mutex::new(Some(diary)),
        })
    }

    /// The open diary, or `Locked`. A mutex poisoned by a panic in an earlier call means
    /// that call stopped half-way: the in-memory state may no longer match the file, so
    /// the diary is locked (its keys wiped) and must be unlocked afresh.
    fn guard(&self) -> Result<MutexGuard<'_, Option<core::Diary>>, TallyApiError> {
        self.inner
            .lock()
            .map_err(|poisoned| self.unpoison(poisoned))
    }

    /// Locks the diary a panicked call left poisoned; the error every caller then gets.
    fn unpoison(
        &self,
        poisoned: PoisonError<MutexGuard<'_, Option<core::Diary>>>,
    ) -> TallyApiError {
        let mut guard = poisoned.into_inner();
        guard.take();
        self.inner.clear_poison();
        drop(guard);
        TallyApiError::Locked {
            reason: "an earlier call failed unexpectedly, so the diary was locked; \
                     unlock it again"
                .into(),
        }
    }

    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut core::Diary) -> Result<T, TallyApiError>,
    ) -> Result<T, TallyApiError> {
        let mut guard = self.guard()?;
        open(&mut guard).and_then(f)
    }

    /// [`Self::with`] if no other call holds the diary, `Busy` at once if one does (an
    /// export or a backup holds it for seconds): for reads a UI thread may make itself
    /// without ever waiting (see `now`).
    pub(crate) fn with_now<T>(
        &self,
        f: impl FnOnce(&mut core::Diary) -> Result<T, TallyApiError>,
    ) -> Result<T, TallyApiError> {
        let mut guard = match self.inner.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::WouldBlock) => {
                return Err(TallyApiError::Busy {
                    reason: "another call holds the diary; wait for it".into(),
                });
            }
            Err(TryLockError::Poisoned(poisoned)) => return Err(self.unpoison(poisoned)),
        };
        open(&mut guard).and_then(f)
    }
}

/// The open diary behind a held guard, or `Locked` once [`Diary::lock`] took it.
fn open<'a>(
    guard: &'a mut MutexGuard<'_, Option<core::Diary>>,
) -> Result<&'a mut core::Diary, TallyApiError> {
    guard.as_mut().ok_or_else(|| TallyApiError::Locked {
        reason: "the diary is locked; unlock it to continue".into(),
    })
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
        let options = view::create_options(
            options.kdf_memory_kib,
            options.kdf_iterations,
            options.kdf_parallelism,
        )?;
        Ok(Self::wrap(core::Diary::create(
            Path::new(&path),
            &passphrase,
            options,
        )?))
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
        self.with(|d| Ok(d.add_person(person)?))
    }

    /// Adds an incident; returns the entry number.
    pub fn add_incident(&self, incident: Incident) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.add_incident(incident)?))
    }

    /// Adds bail conditions or a protective order; returns the entry number.
    pub fn add_order(&self, order: Order) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.add_order(order)?))
    }

    /// Adds a contact with the police; returns the entry number.
    pub fn add_police_contact(&self, contact: PoliceContact) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.add_police_contact(contact)?))
    }

    /// Removes entry `target`'s content (and its amendments'); its hash stays, so the
    /// log still verifies and shows something was removed. Returns the erasure's number.
    pub fn erase(&self, target: u64, reason: Option<String>) -> Result<u64, TallyApiError> {
        self.with(|d| Ok(d.erase(target, reason)?))
    }

    /// Entry `seq` as the diary shows it (the model's reading; screens use `entry_detail`).
    pub fn get(&self, seq: u64) -> Result<EntryView, TallyApiError> {
        self.with(|d| Ok(d.get(seq)?))
    }

    /// The entries a filter selects, in order (`ListFilter()` for all).
    pub fn list(&self, filter: ListFilter) -> Result<Vec<EntryView>, TallyApiError> {
        self.with(|d| Ok(d.list(&filter)?))
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

    /// Stores the file at `path`; returns the reference to put in an entry. The same
    /// checks and metadata as the CLI: an image is decoded first (refused if broken or too
    /// large) and its EXIF capture time, camera, GPS position and pixel size recorded;
    /// anything else streams in encrypted chunks.
    pub fn attach_file(&self, path: String) -> Result<AttachmentRef, TallyApiError> {
        self.with(|d| Ok(d.attach_file(Path::new(&path))?))
    }

    /// Stores bytes already in memory (a photo from the camera, a screenshot) through the
    /// same checks as `attach_file`; returns the reference to put in an entry. The media
    /// type is sniffed when not given.
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
        self.with(|d| Ok(d.attach_bytes(&bytes, options)?))
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
        let options: tally_core::pack::ExportOptions = options.into();
        let listener = Listener(listener);
        self.with(|d| {
            Ok(d.export_pack(Path::new(&out_path), &options, &listener)?
                .into())
        })
    }

    // ---- the views --------------------------------------------------------------------

    /// The timeline: entries grouped by the local day they happened, newest first, each
    /// with its headline, recorded time, status (amended, removed with its reason,
    /// damaged). Dates with no offset of their own are shown in `time_zone`.
    pub fn timeline(
        &self,
        filter: TimelineFilter,
        time_zone: String,
        locale: String,
    ) -> Result<Timeline, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| {
            Ok(view::timeline(
                &Rows::read(d)?,
                &filter,
                zone,
                words(&locale),
            ))
        })
    }

    /// The entries a filter selects, in entry order, as the CLI's `list` prints them.
    pub fn entry_list(
        &self,
        filter: ListFilter,
        time_zone: String,
        locale: String,
    ) -> Result<Vec<TimelineItem>, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| {
            Ok(view::entry_list(
                &Rows::read(d)?,
                &filter,
                zone,
                words(&locale),
            ))
        })
    }

    /// Entry `seq` in full: its fields and its whole history.
    pub fn entry_detail(
        &self,
        seq: u64,
        time_zone: String,
        locale: String,
    ) -> Result<EntryDetail, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| Ok(view::entry_detail(d, seq, zone, words(&locale))?))
    }

    /// The export screen for `choices`: every entry the pack would carry and why, the count
    /// withheld, and the problems with the choices — before anything is written.
    pub fn export_screen(
        &self,
        choices: DisclosureChoices,
        time_zone: String,
        locale: String,
    ) -> Result<ExportScreen, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| Ok(view::export_screen_of(d, &choices, zone, words(&locale))?))
    }

    /// The diary's people, for pickers and filters.
    pub fn people(&self) -> Result<Vec<PersonRef>, TallyApiError> {
        self.with(|d| Ok(view::people(&Rows::read(d)?)))
    }

    /// The summary screen: the course-of-conduct summary for officers in the shell's
    /// language, the same sentences as the report.
    pub fn summary_view(
        &self,
        filter: SummaryFilter,
        locale: String,
    ) -> Result<SummaryView, TallyApiError> {
        self.with(|d| Ok(view::summary_view(&d.views()?, &filter, d, words(&locale))?))
    }

    /// Seals an incident draft, or refuses it naming every field to fix.
    pub fn save_incident(
        &self,
        draft: IncidentDraft,
        time_zone: String,
        now: SystemTime,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| {
            Ok(view::save_incident(
                d,
                &draft,
                zone,
                utc(now),
                words(&locale),
            )?)
        })
    }

    /// Adds details to incident `seq` after a quick capture, as a correction.
    pub fn add_details(
        &self,
        seq: u64,
        details: String,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        self.with(|d| Ok(view::add_details(d, seq, &details, words(&locale))?))
    }

    /// Seals a person draft.
    pub fn save_person(
        &self,
        draft: PersonDraft,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        self.with(|d| Ok(view::save_person(d, &draft, words(&locale))?))
    }

    /// Seals an order draft.
    pub fn save_order(
        &self,
        draft: OrderDraft,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        self.with(|d| Ok(view::save_order(d, &draft, words(&locale))?))
    }

    /// Seals a police-contact draft.
    pub fn save_police_contact(
        &self,
        draft: PoliceContactDraft,
        time_zone: String,
        now: SystemTime,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| {
            Ok(view::save_police_contact(
                d,
                &draft,
                zone,
                utc(now),
                words(&locale),
            )?)
        })
    }

    /// The draft for correcting entry `target`, filled with its current version — or why
    /// it cannot be corrected.
    pub fn amendment_draft(
        &self,
        target: u64,
        locale: String,
    ) -> Result<AmendmentStart, TallyApiError> {
        self.with(|d| Ok(view::amendment_draft(d, target, words(&locale))?))
    }

    /// Seals a correction.
    pub fn save_amendment(
        &self,
        draft: AmendmentDraft,
        time_zone: String,
        now: SystemTime,
        locale: String,
    ) -> Result<FormOutcome, TallyApiError> {
        let zone = zone(&time_zone)?;
        self.with(|d| {
            Ok(view::save_amendment(
                d,
                &draft,
                zone,
                utc(now),
                words(&locale),
            )?)
        })
    }
}
