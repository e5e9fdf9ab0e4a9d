//! The public API of a diary: create, unlock, record, amend, erase, attach, query, check,
//! change the passphrase, back up and restore, and a duress passphrase.
//!
//! A [`Diary`] is an unlocked diary file. Every change is one append: the entry is sealed,
//! its leaf joins the Merkle log, a new tree head is signed, and all of it is committed in
//! one SQLite transaction — so an append either happened completely or left no trace.
//! Dropping the diary (or [`Diary::lock`]) wipes its keys.
//!
//! How the pieces keep a diary safe to keep and safe to lose:
//! - **Unlocking writes nothing until a key is proven** ([`unlock`]): the header is read
//!   through a connection that cannot change the file or its WAL; the Argon2id parameters
//!   are held to fixed bounds before any work.
//! - **Two key slots, two spaces** ([`crate::crypto::slots`], [`duress`]): slot 0 opens the
//!   diary, slot 1 a decoy of its own. Every unlock does the same work whichever opens.
//! - **Changing the passphrase re-keys** ([`rekey`]): a new data key, every row re-sealed in
//!   one transaction, so an old header copy opens nothing written afterwards.
//! - **The device keeps the last verified head** ([`device_head`]): a diary older than what
//!   this device saw opens read-only, and `check` says how many entries are missing.
//! - **A damaged row costs only itself** ([`read`]): reading names it and goes on.
//! - **Backup and restore** ([`backup`], [`restore`]): one encrypted file, a consistent
//!   snapshot; a restore checks everything before it writes and never loses entries
//!   unless told to keep both.

mod attach;
pub mod backup;
mod check;
mod clock;
pub mod device_head;
pub mod duress;
mod index;
mod read;
pub mod rekey;
mod reprove;
pub mod restore;
pub mod unlock;

pub use crate::progress::{NoProgress, Progress};

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

pub use attach::{AttachOptions, CHUNK_SIZE, sniff_media_type};
pub(crate) use attach::{BadImage, BlobReader, is_image_type};
pub use backup::BackupSummary;
pub use check::{CheckReport, Problem, Subject};
pub use clock::{Clock, SystemClock};
pub use device_head::{DeviceHead, Rollback};
pub use read::{Damaged, ListFilter, Reading};
pub use restore::{RestoreOptions, RestoreSummary};

use crate::crypto::kdf::KdfParams;
use crate::crypto::keys::{self, DiaryKeys, Secret};
use crate::crypto::slots::{self, SlotRow};
use crate::crypto::sshsig::SshPublicKey;
use crate::crypto::{aead, random_bytes};
use crate::error::{Error, Result, json_error_summary};
use crate::log::{Frontier, SignedHead, TreeHead, leaf_hash};
use crate::model::{
    Amendment, Body, Entry, Erasure, Incident, MessageLog, Order, Person, PoliceContact,
};
use crate::store::{Append, Header, Store};
use index::Index;

/// Shortest passphrase accepted for a new diary or a passphrase change.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Options for a new diary.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// Argon2id parameters; the default suits a phone (about 0.5 s, 64 MiB). Parameters
    /// outside the bounds of [`KdfParams::check`] are refused.
    pub kdf: KdfParams,
}

/// An unlocked diary.
pub struct Diary {
    path: PathBuf,
    store: Store,
    header: Header,
    /// The key slot this diary was opened with (its number is the store's space).
    slot: SlotRow,
    keys: DiaryKeys,
    public_key: SshPublicKey,
    frontier: Frontier,
    /// Entry kinds, erasures and amendments: built on first need (appending, reading one
    /// entry), then kept up to date with every append. Listing does not need it.
    index: std::cell::OnceCell<Index>,
    /// Why the diary failed its integrity check on opening, if it did.
    damage: Option<String>,
    /// Stored leaf hashes that were damaged, with the hash their entry proves (see
    /// `reprove.rs`); empty for a sound log.
    corrected_leaves: std::collections::BTreeMap<u64, [u8; 32]>,
    /// The head this device remembered, and how this diary falls short of it, if it does.
    seen: Option<DeviceHead>,
    rollback: Option<Rollback>,
    clock: Box<dyn Clock>,
}

impl std::fmt::Debug for Diary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diary")
            .field("path", &self.path)
            .field("entries", &self.frontier.size())
            .finish_non_exhaustive()
    }
}

impl Diary {
    /// Creates a new, empty diary at `path` protected by `passphrase`. Its second key slot
    /// is filled from the start, so a duress passphrase set later changes nothing visible
    /// in the header.
    pub fn create(path: &Path, passphrase: &str, options: CreateOptions) -> Result<Diary> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase(MIN_PASSPHRASE_CHARS));
        }
        options.kdf.check()?;
        let diary_id: [u8; 16] = random_bytes()?;
        let kdf_salt: [u8; 16] = random_bytes()?;
        let kek = options.kdf.derive(passphrase.as_bytes(), &kdf_salt)?;
        let data_key: Secret = Zeroizing::new(random_bytes()?);
        let wrapped_key = slots::wrap(&kek, &diary_id, slots::OWN, &data_key)?;
        let (keys, sealed_signing_seed) = DiaryKeys::create(data_key, &diary_id)?;
        let public_key = SshPublicKey::from_key_pair(&keys.signing_key_pair()?);
        let own = SlotRow {
            wrapped_key,
            sealed_signing_seed,
            public_key: public_key.0.to_vec(),
        };
        let header = Header {
            diary_id: diary_id.to_vec(),
            kdf_params: serde_json::to_string(&options.kdf).unwrap_or_default(),
            kdf_salt: kdf_salt.to_vec(),
            created_at: clock::now_secs(&SystemClock).to_rfc3339(),
        };
        let store = Store::create(path, &header, &[own.clone(), SlotRow::filler()?])?;
        Ok(Diary {
            path: path.to_owned(),
            store,
            header,
            slot: own,
            keys,
            public_key,
            frontier: Frontier::new(),
            index: std::cell::OnceCell::from(Index::default()),
            damage: None,
            corrected_leaves: std::collections::BTreeMap::new(),
            seen: None,
            rollback: None,
            clock: Box::new(SystemClock),
        })
    }

    /// Locks the diary: keys are wiped and the file closed.
    pub fn lock(self) {
        drop(self);
    }

    /// Replaces the clock used for `recorded_at` and tree-head times (tests and the demo
    /// simulate a diary kept over weeks; real diaries use the system clock).
    pub fn set_clock(&mut self, clock: Box<dyn Clock>) {
        self.clock = clock;
    }

    /// The diary file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The diary's signing key.
    pub fn public_key(&self) -> SshPublicKey {
        self.public_key
    }

    /// The signing key's fingerprint, `SHA256:…` as OpenSSH prints it.
    pub fn fingerprint(&self) -> String {
        self.public_key.fingerprint()
    }

    /// The raw data key, for a platform keystore to wrap behind biometric unlock. It
    /// opens what this passphrase opened (the decoy's key under the duress passphrase).
    /// A passphrase change makes a new one: the keystore's copy must be replaced.
    pub fn raw_key(&self) -> Secret {
        self.keys.data_key()
    }

    /// A key pair for signing a pack (built for one use).
    pub(crate) fn signing_key_pair(&self) -> Result<ring::signature::Ed25519KeyPair> {
        Ok(self.keys.signing_key_pair()?)
    }

    /// Opens a reader over an attachment's original bytes.
    pub(crate) fn attachment_reader(&self, sha256_hex: &str) -> Result<BlobReader<'_>> {
        let (id, meta) = self
            .find_blob(sha256_hex)?
            .ok_or_else(|| Error::NoSuchAttachment(sha256_hex.to_owned()))?;
        BlobReader::new(self, id, meta)
    }

    /// The entry index, built on first use.
    fn index(&self) -> Result<&Index> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let built = Index::build(self)?;
        Ok(self.index.get_or_init(|| built))
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.frontier.size()
    }

    /// Whether the diary has no entries.
    pub fn is_empty(&self) -> bool {
        self.frontier.size() == 0
    }

    /// Why the diary cannot be added to, if it cannot: it failed its integrity check on
    /// opening, or it is older than what this device saw (see [`Diary::rollback`]). It
    /// can still be read, checked, exported and backed up.
    pub fn damage(&self) -> Option<&str> {
        self.damage.as_deref()
    }

    /// The current signed tree head (`None` for an empty diary).
    pub fn tree_head(&self) -> Result<Option<SignedHead>> {
        let latest = self
            .store
            .latest_head()?
            .map(|(size, sealed)| self.open_head(size, &sealed));
        match latest {
            Some(Ok(head)) if self.vouches(&head) => Ok(Some(head)),
            // The newest stored head is damaged, and the log was proven without it
            // (`reprove.rs`): a head signed now vouches for what the diary holds.
            _ if self.damage.is_none() && self.frontier.size() > 0 => {
                let now = clock::now_secs(self.clock.as_ref());
                Ok(Some(SignedHead::sign(
                    TreeHead::new(
                        self.frontier.size(),
                        &self.frontier.root(),
                        now,
                        &self.public_key,
                    ),
                    &self.keys.signing_key_pair()?,
                )))
            }
            Some(head) => head.map(Some),
            None => Ok(None),
        }
    }

    /// Whether a head is for the log as it stands (its size and its root).
    fn vouches(&self, head: &SignedHead) -> bool {
        head.head.size == self.frontier.size()
            && head.head.root_hash().ok() == Some(self.frontier.root())
    }

    /// Every stored tree head that opens and verifies, oldest first (a damaged one is left
    /// out: `check` names it).
    pub fn tree_heads(&self) -> Result<Vec<SignedHead>> {
        Ok(self
            .store
            .heads()?
            .into_iter()
            .filter_map(|(size, sealed)| self.open_head(size, &sealed).ok())
            .collect())
    }

    fn open_head(&self, size: u64, sealed: &[u8]) -> Result<SignedHead> {
        let plain = aead::open(&self.keys.heads, &keys::aad_head(size), sealed).map_err(|_| {
            Error::Corrupt(format!("the tree head for size {size} cannot be decrypted"))
        })?;
        Ok(SignedHead::from_stored(&plain, Some(&self.public_key))?)
    }

    /// A checkpoint of the current state: a short signed text to send to someone trusted.
    pub fn checkpoint(&self) -> Result<String> {
        match self.tree_head()? {
            Some(head) => Ok(head.to_checkpoint()),
            None => Err(Error::Corrupt(
                "the diary is empty; record something before taking a checkpoint".into(),
            )),
        }
    }

    /// Every leaf hash, in order: as stored, or, where a stored one was damaged, the one
    /// its entry proves.
    pub fn leaves(&self) -> Result<Vec<[u8; 32]>> {
        self.store
            .leaves()?
            .into_iter()
            .map(|(seq, leaf)| match self.corrected_leaves.get(&seq) {
                Some(proven) => Ok(*proven),
                None => <[u8; 32]>::try_from(leaf.as_slice())
                    .map_err(|_| Error::Corrupt(format!("entry {seq}'s leaf hash is malformed"))),
            })
            .collect()
    }

    /// Adds a person; returns the entry number.
    pub fn add_person(&mut self, person: Person) -> Result<u64> {
        self.append(Body::Person(person))
    }

    /// Adds an incident; returns the entry number.
    pub fn add_incident(&mut self, incident: Incident) -> Result<u64> {
        self.append(Body::Incident(incident))
    }

    /// Adds an order; returns the entry number.
    pub fn add_order(&mut self, order: Order) -> Result<u64> {
        self.append(Body::Order(order))
    }

    /// Adds a police contact; returns the entry number.
    pub fn add_police_contact(&mut self, contact: PoliceContact) -> Result<u64> {
        self.append(Body::PoliceContact(contact))
    }

    /// Adds an imported message log; returns the entry number.
    pub fn add_message_log(&mut self, log: MessageLog) -> Result<u64> {
        self.append(Body::MessageLog(log))
    }

    /// Corrects entry `target` with a full new version of the same kind.
    pub fn amend(&mut self, target: u64, replacement: Body, reason: Option<String>) -> Result<u64> {
        self.append(Body::Amendment(Amendment::new(target, replacement, reason)))
    }

    /// Removes entry `target`'s content (and that of its amendments). Its leaf hash stays,
    /// so the log still verifies and shows that something was removed.
    pub fn erase(&mut self, target: u64, reason: Option<String>) -> Result<u64> {
        let index = self.index()?;
        let kind = index
            .kind_of_entry(target)
            .ok_or(Error::NoSuchEntry(target))?;
        let covers = index.amendments_of(target).to_vec();
        self.append(Body::Erasure(Erasure {
            target,
            kind,
            covers,
            reason,
        }))
    }

    /// Refuses a change when the diary must stay as it is: it failed its check on opening,
    /// or it is older than what this device saw.
    fn writable(&self) -> Result<()> {
        if let Some(rollback) = &self.rollback {
            return Err(Error::RolledBack(rollback.to_string()));
        }
        if let Some(damage) = &self.damage {
            return Err(Error::Damaged(damage.clone()));
        }
        Ok(())
    }

    /// Validates, seals and appends one entry with its signed tree head; returns its number.
    ///
    /// A row whose ciphertext is damaged does not stop an append: its leaf hash is still in
    /// the log and the signed heads still verify, so the new head extends the same log (the
    /// damaged entry's content is lost, its place and hash are not).
    pub fn append(&mut self, body: Body) -> Result<u64> {
        self.writable()?;
        body.validate(self.index()?)?;
        let (erase, drop_blobs) = match &body {
            Body::Erasure(e) => {
                let mut erase = vec![e.target];
                erase.extend(&e.covers);
                let blobs = self.blobs_only_held_by(&erase)?;
                (erase, blobs)
            }
            _ => (Vec::new(), Vec::new()),
        };
        let seq = self.frontier.size() + 1;
        let claims = self.claims_for(&body, seq)?;
        let now = clock::now_secs(self.clock.as_ref());
        let entry = Entry::new(seq, now, random_bytes()?, body);
        let bytes = entry.to_canonical_bytes();
        let leaf = leaf_hash(&bytes);
        let sealed = aead::seal(&self.keys.entries, &keys::aad_entry(seq), &bytes)?;
        let mut frontier = self.frontier.clone();
        frontier.push(leaf);
        let head = SignedHead::sign(
            TreeHead::new(seq, &frontier.root(), now, &self.public_key),
            &self.keys.signing_key_pair()?,
        );
        let sealed_head = aead::seal(&self.keys.heads, &keys::aad_head(seq), &head.to_stored())?;
        self.store.append(&Append {
            seq,
            leaf: &leaf,
            sealed: &sealed,
            sealed_head: &sealed_head,
            erase: &erase,
            drop_blobs: &drop_blobs,
            claims: &claims,
            slot: &self.slot,
        })?;
        self.frontier = frontier;
        if let Some(index) = self.index.get_mut() {
            index.record(seq, &entry.body);
        }
        Ok(seq)
    }

    /// Reads and decrypts entry `seq`'s sealed bytes, exactly as hashed. An erased entry's
    /// content is gone: a row that holds ciphertext again is not read (`check` names it).
    pub fn entry_bytes(&self, seq: u64) -> Result<Vec<u8>> {
        if self.index()?.erased_by(seq).is_some() {
            return Err(Error::Erased(seq));
        }
        let row = self.store.entry(seq)?.ok_or(Error::NoSuchEntry(seq))?;
        let sealed = row.sealed.ok_or(Error::Erased(seq))?;
        aead::open(&self.keys.entries, &keys::aad_entry(seq), &sealed).map_err(|_| {
            Error::Corrupt(format!(
                "entry {seq} cannot be decrypted: it was altered or moved"
            ))
        })
    }

    /// Reads entry `seq` as sealed.
    pub fn entry(&self, seq: u64) -> Result<Entry> {
        let bytes = self.entry_bytes(seq)?;
        Entry::from_bytes(&bytes).map_err(|e| {
            Error::Corrupt(format!(
                "entry {seq} is not readable: {}",
                json_error_summary(&e)
            ))
        })
    }

    /// When the diary was created.
    pub fn created_at(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.header.created_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The diary file's id (hex): what a device keeps its state under.
    pub fn diary_id(&self) -> String {
        hex::encode(&self.header.diary_id)
    }
}

/// Decrypts and parses one sealed row with a prepared key (for passes over every entry).
pub(crate) fn decrypt_entry(opener: &aead::Opener, seq: u64, sealed: &[u8]) -> Result<Entry> {
    let bytes = opener.open(&keys::aad_entry(seq), sealed).map_err(|_| {
        Error::Corrupt(format!(
            "entry {seq} cannot be decrypted: it was altered or moved"
        ))
    })?;
    Entry::from_bytes(&bytes).map_err(|e| {
        Error::Corrupt(format!(
            "entry {seq} is not readable: {}",
            json_error_summary(&e)
        ))
    })
}
