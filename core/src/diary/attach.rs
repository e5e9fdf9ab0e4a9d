//! Attachments: files streamed into the diary as encrypted chunks of [`CHUNK_SIZE`] bytes,
//! and streamed back out, so a 500 MB video never has to fit in memory.
//!
//! A blob is stored under a random id. Each chunk's associated data binds it to that id,
//! its index and whether it is the last, so chunks cannot be reordered, moved to another
//! blob or cut off unnoticed. The blob's SHA-256 and size are sealed in its metadata row;
//! the only plaintext beside them is an HMAC of the SHA-256 (the *lookup*), so the file
//! does not reveal which photos it holds. The lookup is bound to its blob: a read by
//! SHA-256 confirms the sealed SHA-256 is the one asked for, and `check` recomputes every
//! lookup, so swapping two blobs' lookups is named rather than served.
//!
//! A blob is stored before the entry that refers to it is sealed (a file is attached, then
//! the entry saved). The first entry to refer to a blob *claims* it: the append re-seals
//! the blob's metadata with that entry's number, in the same transaction. So `check` can
//! tell a blob whose entry was never saved (an interrupted or abandoned attach: a note)
//! from one whose entry was removed from the file (named as a problem).
//!
//! An image's thumbnail is made once, as the image is stored, and kept as a blob of its
//! own, found through the image's SHA-256 ([`Diary::attachment_thumbnail`]): a pack's
//! report shows it without decoding the photo again. The entry that claims the image
//! claims its thumbnail too, and erasing the photo erases it.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Diary;
use crate::crypto::{aead, keys, random_bytes};
use crate::error::{Error, Result};
pub use crate::media::sniff_media_type;
use crate::media::{
    ImageInfo, ImageLimits, MediaError, PhotoFacts, container_facts, inspect_image,
    inspect_image_stream, is_heif_type,
};
use crate::model::{AttachmentRef, Body, Gps};
use crate::pipe::{PipeWriter, pipe};
use crate::progress::{NoProgress, Progress};
use crate::store::ChunkRef;

/// Plaintext bytes per chunk (1 MiB).
pub const CHUNK_SIZE: usize = 1 << 20;

/// What the caller knows about a file being attached.
#[derive(Debug, Clone, Default)]
pub struct AttachOptions {
    /// The file's original name.
    pub file_name: Option<String>,
    /// Its media type, when known; otherwise sniffed from its first bytes and name.
    pub media_type: Option<String>,
}

// A sealed chunk must fit the store's bound on what it reads back.
const _: () = assert!(CHUNK_SIZE + aead::OVERHEAD <= crate::store::MAX_SEALED_CHUNK);

/// The sealed metadata of a blob.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct BlobMeta {
    pub sha256: String,
    pub size: u64,
    pub chunks: u64,
    /// The first entry that referred to it; `None` until one is sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_by: Option<u64>,
    /// For a thumbnail, the SHA-256 of the image it shows (a thumbnail is derived, not an
    /// attachment of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_of: Option<String>,
}

/// Largest thumbnail read back (they are a few tens of kilobytes).
const MAX_THUMBNAIL_BYTES: u64 = 1 << 20;

/// What to do with an image that does not decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadImage {
    /// Refuse it and store nothing (a photo the user attaches).
    Refuse,
    /// Store it as a plain file (a file received in a chat: it is what was received).
    Keep,
}

impl Diary {
    /// Streams a file into the diary; returns the reference to put in an entry.
    ///
    /// An image (PNG, JPEG, GIF, WebP by its first bytes) is proven to be one as it streams
    /// in (refused if larger than [`ImageLimits::max_bytes`]; see
    /// [`Diary::attach_image_stream`]). Anything else (video, audio, documents) streams.
    pub fn attach_file(&mut self, path: &Path) -> Result<AttachmentRef> {
        let mut file = std::fs::File::open(path).map_err(|e| Error::file(path, e))?;
        let options = AttachOptions {
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            media_type: None,
        };
        let mut head = Vec::with_capacity(64);
        (&mut file)
            .take(64)
            .read_to_end(&mut head)
            .map_err(|e| Error::file(path, e))?;
        let sniffed = sniff_media_type(&head, None);
        if is_heif_type(sniffed)
            && file.metadata().map_err(|e| Error::file(path, e))?.len() <= MAX_HEIF_BYTES_READ
        {
            let mut bytes = head;
            (&mut file)
                .take(MAX_HEIF_BYTES_READ + 1 - bytes.len() as u64)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::file(path, e))?;
            return self.attach_bytes(&bytes, options);
        }
        if !is_image_type(sniffed) {
            let whole = std::io::Cursor::new(head).chain(file);
            return self.attach_reader(whole, options, &NoProgress);
        }
        let limits = ImageLimits::default();
        let size = file.metadata().map_err(|e| Error::file(path, e))?.len();
        if size > limits.max_bytes {
            return Err(image_refused(
                options.file_name.as_deref(),
                MediaError::TooLarge {
                    what: "image file",
                    limit: limits.max_bytes,
                },
            ));
        }
        let whole =
            std::io::BufReader::with_capacity(256 * 1024, std::io::Cursor::new(head).chain(file));
        let (reference, _) =
            self.attach_image_stream(whole, options, &NoProgress, BadImage::Refuse)?;
        Ok(reference)
    }

    /// Stores bytes already in memory (a photo from the camera, a screenshot). Images go
    /// through [`Diary::attach_image_bytes`]; other bytes are stored as given.
    ///
    /// A HEIC, HEIF or AVIF photo (an iPhone's) is stored as it is, with the capture time,
    /// place and camera its container's EXIF gives: its pixels are not decoded here.
    pub fn attach_bytes(&mut self, bytes: &[u8], options: AttachOptions) -> Result<AttachmentRef> {
        let sniffed = sniff_media_type(bytes, None);
        if is_image_type(sniffed) {
            return self.attach_image_bytes(bytes, options);
        }
        let facts = (is_heif_type(sniffed) && bytes.len() as u64 <= MAX_HEIF_BYTES_READ)
            .then(|| container_facts(&mut std::io::Cursor::new(bytes)))
            .flatten();
        let mut reference = self.attach_reader(bytes, options, &NoProgress)?;
        if let Some(facts) = facts {
            apply_photo_facts(&mut reference, facts);
        }
        Ok(reference)
    }

    /// Stores an image after proving it is one: [`inspect_image`] decodes it fully within
    /// [`ImageLimits::default`] (size and dimensions checked before any pixel is decoded,
    /// decoder memory bounded). A truncated, corrupt, oversized or unsupported image is
    /// refused and nothing is written; the error is [`Error::File`] naming the file, whose
    /// source wraps the [`MediaError`] (reachable with `get_ref()` and `downcast_ref`).
    ///
    /// The reference carries what the image says about itself — EXIF capture time, camera,
    /// GPS position — and its pixel size; the stored bytes are the original, unaltered.
    /// Its thumbnail is stored beside it.
    pub fn attach_image_bytes(
        &mut self,
        bytes: &[u8],
        options: AttachOptions,
    ) -> Result<AttachmentRef> {
        let info = inspect_image(bytes, &ImageLimits::default())
            .map_err(|e| image_refused(options.file_name.as_deref(), e))?;
        self.keep_image(bytes, options, &info)
    }

    /// Stores an image already inspected, with what the inspection found and its
    /// thumbnail.
    pub(crate) fn keep_image(
        &mut self,
        bytes: &[u8],
        options: AttachOptions,
        info: &ImageInfo,
    ) -> Result<AttachmentRef> {
        let options = AttachOptions {
            media_type: Some(
                options
                    .media_type
                    .unwrap_or_else(|| info.media_type.to_owned()),
            ),
            ..options
        };
        let mut reference = self.attach_reader(bytes, options, &NoProgress)?;
        apply_image_info(&mut reference, info);
        self.store_thumbnail(&reference.sha256, &info.thumbnail_jpeg)?;
        Ok(reference)
    }

    /// Streams an image into the diary while a helper thread inspects the very bytes
    /// being stored (they pass it on through a bounded pipe), so neither the file nor its
    /// pixels are ever whole in memory and what is recorded about the image is what was
    /// stored. A bad image is refused with nothing written, or kept as a plain file, as
    /// `bad` says; a good one gets its EXIF facts, its size and its thumbnail.
    pub(crate) fn attach_image_stream<R: Read + Send>(
        &mut self,
        source: R,
        options: AttachOptions,
        progress: &dyn Progress,
        bad: BadImage,
    ) -> Result<(AttachmentRef, Option<ImageInfo>)> {
        let name = options.file_name.clone();
        let (tx, rx) = pipe();
        let (stored, inspected) = std::thread::scope(|scope| {
            let inspector = scope.spawn(move || inspect_passing(source, tx, bad));
            let stored = self.attach_reader(rx, options, progress);
            (stored, inspector.join())
        });
        let (inspected, storing_stopped) = inspected
            .map_err(|_| Error::Io(std::io::Error::other("the image inspection stopped")))?;
        // When storing failed first, the inspection only saw its pipe close.
        let stored = match stored {
            Err(e) if storing_stopped => return Err(e),
            stored => stored,
        };
        let info = match (inspected, bad) {
            (Err(media), BadImage::Refuse) => return Err(image_refused(name.as_deref(), media)),
            (inspected, _) => inspected.ok(),
        };
        let mut reference = stored?;
        if let Some(info) = &info {
            apply_image_info(&mut reference, info);
            self.store_thumbnail(&reference.sha256, &info.thumbnail_jpeg)?;
        }
        Ok((reference, info))
    }

    /// Stores the thumbnail of the image whose SHA-256 is `image_sha256`, unless one is
    /// stored already.
    pub(crate) fn store_thumbnail(&mut self, image_sha256: &str, jpeg: &[u8]) -> Result<()> {
        if jpeg.is_empty() {
            return Ok(());
        }
        let lookup = self.keys.blob_lookup(&thumbnail_key(image_sha256));
        if self.store.blob_by_lookup(&lookup)?.is_some() {
            return Ok(());
        }
        self.store_blob(
            jpeg,
            Some(lookup),
            Some(image_sha256.to_owned()),
            &NoProgress,
        )?;
        Ok(())
    }

    /// The thumbnail stored with an image attachment (a JPEG), if it has one.
    pub fn attachment_thumbnail(&self, image_sha256: &str) -> Result<Option<Vec<u8>>> {
        let Some((id, meta)) = self.find_thumbnail(image_sha256)? else {
            return Ok(None);
        };
        if meta.size > MAX_THUMBNAIL_BYTES {
            return Ok(None);
        }
        let mut out = Vec::new();
        self.stream_blob(&id, &meta, &mut |chunk| {
            out.extend_from_slice(chunk);
            Ok(())
        })?;
        Ok(Some(out))
    }

    fn find_thumbnail(&self, image_sha256: &str) -> Result<Option<(Vec<u8>, BlobMeta)>> {
        let lookup = self.keys.blob_lookup(&thumbnail_key(image_sha256));
        let Some(row) = self.store.blob_by_lookup(&lookup)? else {
            return Ok(None);
        };
        let meta = self.open_blob_meta(&row.id, &row.sealed_meta)?;
        if meta.thumbnail_of.as_deref() != Some(image_sha256) {
            return Err(Error::Corrupt(format!(
                "blob {}: its lookup names the thumbnail of another attachment than the one it shows (the blob rows were altered)",
                short_id(&row.id)
            )));
        }
        Ok(Some((row.id, meta)))
    }

    /// Streams `reader` into the diary in sealed chunks, in one transaction: the blob is
    /// stored completely or not at all. Identical content is stored once.
    pub fn attach_reader(
        &mut self,
        reader: impl Read,
        options: AttachOptions,
        progress: &dyn Progress,
    ) -> Result<AttachmentRef> {
        let (meta, head) = self.store_blob(reader, None, None, progress)?;
        let media_type = options
            .media_type
            .unwrap_or_else(|| sniff_media_type(&head, options.file_name.as_deref()).to_owned());
        Ok(AttachmentRef {
            sha256: meta.sha256,
            size: meta.size,
            media_type,
            file_name: options.file_name,
            captured_at: None,
            camera: None,
            gps: None,
            dimensions: None,
        })
    }

    /// Streams `reader` into one blob, in one transaction, found by `lookup` (`None`: by
    /// the HMAC of its own SHA-256, as attachments are). Returns its metadata and its
    /// first bytes.
    fn store_blob(
        &mut self,
        mut reader: impl Read,
        lookup: Option<[u8; 32]>,
        thumbnail_of: Option<String>,
        progress: &dyn Progress,
    ) -> Result<(BlobMeta, Vec<u8>)> {
        self.writable()?;
        let blob_id: [u8; 16] = random_bytes()?;
        let key = &self.keys.blobs;
        let mut writer = self.store.begin_blob(&blob_id)?;
        let Streamed {
            sha,
            size,
            chunks,
            head,
        } = stream_sealed(&mut reader, &blob_id, key, &mut writer, progress)?;
        let meta = BlobMeta {
            sha256: hex::encode(sha),
            size,
            chunks,
            claimed_by: None,
            thumbnail_of,
        };
        let plain = serde_json::to_vec(&meta).unwrap_or_default();
        let sealed_meta = aead::seal(key, &keys::aad_blob_meta(&blob_id), &plain)?;
        let lookup = lookup.unwrap_or_else(|| self.keys.blob_lookup(&sha));
        // `false` means the same content is already stored: the one copy serves both.
        writer.finish(&lookup, &sealed_meta)?;
        Ok((meta, head))
    }

    /// Whether the diary holds an attachment with this SHA-256 (hex).
    pub fn has_attachment(&self, sha256_hex: &str) -> Result<bool> {
        Ok(self.find_blob(sha256_hex)?.is_some())
    }

    pub(crate) fn find_blob(&self, sha256_hex: &str) -> Result<Option<(Vec<u8>, BlobMeta)>> {
        let Ok(bytes) = hex::decode(sha256_hex) else {
            return Ok(None);
        };
        let Ok(sha) = <[u8; 32]>::try_from(bytes.as_slice()) else {
            return Ok(None);
        };
        let Some(row) = self.store.blob_by_lookup(&self.keys.blob_lookup(&sha))? else {
            return Ok(None);
        };
        let meta = self.open_blob_meta(&row.id, &row.sealed_meta)?;
        if meta.sha256 != hex::encode(sha) {
            return Err(Error::Corrupt(format!(
                "blob {}: its lookup names another attachment than the one it holds (the blob rows were altered)",
                short_id(&row.id)
            )));
        }
        Ok(Some((row.id, meta)))
    }

    /// The blobs an entry about to be sealed as `seq` is the first to refer to, each with
    /// its metadata re-sealed to name that entry (committed with the entry itself).
    pub(super) fn claims_for(&self, body: &Body, seq: u64) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut claims: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for a in body.attachments() {
            let Some((id, mut meta)) = self.find_blob(&a.sha256)? else {
                continue;
            };
            if meta.claimed_by.is_some() || claims.iter().any(|(c, _)| *c == id) {
                continue;
            }
            meta.claimed_by = Some(seq);
            let sealed = self.seal_blob_meta(&id, &meta)?;
            claims.push((id, sealed));
            if let Some((id, mut meta)) = self.find_thumbnail(&a.sha256)?
                && meta.claimed_by.is_none()
            {
                meta.claimed_by = Some(seq);
                let sealed = self.seal_blob_meta(&id, &meta)?;
                claims.push((id, sealed));
            }
        }
        Ok(claims)
    }

    pub(super) fn seal_blob_meta(&self, id: &[u8], meta: &BlobMeta) -> Result<Vec<u8>> {
        let plain = serde_json::to_vec(meta).unwrap_or_default();
        Ok(aead::seal(
            &self.keys.blobs,
            &keys::aad_blob_meta(id),
            &plain,
        )?)
    }

    /// Removes an attachment that no entry has claimed (a draft abandoned after a file was
    /// attached). An attachment an entry refers to is never removed this way; erasing the
    /// entry removes it.
    pub fn discard_attachment(&mut self, sha256_hex: &str) -> Result<bool> {
        self.writable()?;
        let Some((id, meta)) = self.find_blob(sha256_hex)? else {
            return Ok(false);
        };
        if meta.claimed_by.is_some() {
            return Ok(false);
        }
        self.store.delete_blob(&id)?;
        if let Some((id, _)) = self.find_thumbnail(sha256_hex)? {
            self.store.delete_blob(&id)?;
        }
        Ok(true)
    }

    pub(crate) fn open_blob_meta(&self, id: &[u8], sealed: &[u8]) -> Result<BlobMeta> {
        let plain =
            aead::open(&self.keys.blobs, &keys::aad_blob_meta(id), sealed).map_err(|_| {
                Error::Corrupt(format!(
                    "blob {}: its metadata cannot be decrypted",
                    short_id(id)
                ))
            })?;
        serde_json::from_slice(&plain).map_err(|_| {
            Error::Corrupt(format!("blob {}: its metadata is malformed", short_id(id)))
        })
    }

    /// Streams an attachment's original bytes into `out`, checking every chunk and, at the
    /// end, the SHA-256 and size. Returns the number of bytes written.
    pub fn read_attachment(&self, sha256_hex: &str, out: &mut dyn Write) -> Result<u64> {
        let (id, meta) = self
            .find_blob(sha256_hex)?
            .ok_or_else(|| Error::NoSuchAttachment(sha256_hex.to_owned()))?;
        self.stream_blob(&id, &meta, &mut |chunk| {
            out.write_all(chunk).map_err(Error::Io)
        })
    }

    /// Decrypts a blob chunk by chunk into `sink`, verifying order, completeness and hash.
    pub(crate) fn stream_blob(
        &self,
        id: &[u8],
        meta: &BlobMeta,
        sink: &mut dyn FnMut(&[u8]) -> Result<()>,
    ) -> Result<u64> {
        let mut reader = BlobReader::new(self, id.to_vec(), meta.clone())?;
        let mut written = 0u64;
        loop {
            reader.fill().map_err(|e| Error::Corrupt(e.to_string()))?;
            if reader.buf.is_empty() {
                return Ok(written);
            }
            written += reader.buf.len() as u64;
            sink(&reader.buf)?;
            reader.pos = reader.buf.len();
        }
    }

    /// Blobs referred to by the entries `erasing` and by no other entry that stays.
    pub(super) fn blobs_only_held_by(&self, erasing: &[u64]) -> Result<Vec<Vec<u8>>> {
        let erasing: HashSet<u64> = erasing.iter().copied().collect();
        let mut doomed = HashSet::new();
        let mut kept = HashSet::new();
        for seq in 1..=self.len() {
            if self.index()?.erased_by(seq).is_some() {
                continue;
            }
            let Ok(entry) = self.entry(seq) else { continue };
            let shas = entry
                .body
                .attachments()
                .into_iter()
                .map(|a| a.sha256.clone())
                .collect::<Vec<_>>();
            if erasing.contains(&seq) {
                doomed.extend(shas);
            } else {
                kept.extend(shas);
            }
        }
        let mut ids = Vec::new();
        for sha in doomed.difference(&kept) {
            if let Some((id, _)) = self.find_blob(sha)? {
                ids.push(id);
            }
            // The thumbnail shows the image: it goes with it.
            if let Some((id, _)) = self.find_thumbnail(sha)? {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}

/// Whether a sniffed media type is one [`inspect_image`] decodes.
pub(crate) fn is_image_type(media_type: &str) -> bool {
    matches!(
        media_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp"
    )
}

/// HEIF-family photos up to this size are read whole to find their EXIF (kamadak-exif
/// seeks within the file); an iPhone photo is a few megabytes. A larger one is stored
/// without its EXIF facts rather than held in memory.
const MAX_HEIF_BYTES_READ: u64 = 24 * 1024 * 1024;

/// Copies what a HEIF-family photo's EXIF says into its attachment reference.
fn apply_photo_facts(reference: &mut AttachmentRef, facts: PhotoFacts) {
    reference.captured_at = facts.captured_at;
    reference.camera = facts.camera;
    reference.gps = facts.gps.map(|g| Gps {
        lat: g.latitude,
        lon: g.longitude,
    });
}

/// Copies what an image says about itself into its attachment reference.
pub(crate) fn apply_image_info(reference: &mut AttachmentRef, info: &ImageInfo) {
    reference.captured_at = info.captured_at.clone();
    reference.camera = info.camera.clone();
    reference.gps = info.gps.map(|g| Gps {
        lat: g.latitude,
        lon: g.longitude,
    });
    reference.dimensions = Some((info.width, info.height));
}

/// Where a thumbnail is found: a value derived from the image's SHA-256 (so that it is
/// found from the image alone, and two images with the same pixels keep a thumbnail each).
pub(super) fn thumbnail_key(image_sha256: &str) -> [u8; 32] {
    let mut key = [0u8; 32];
    let digest = ring::digest::digest(
        &ring::digest::SHA256,
        format!("tally thumbnail\0{image_sha256}").as_bytes(),
    );
    key.copy_from_slice(digest.as_ref());
    key
}

/// The helper thread of [`Diary::attach_image_stream`]: inspects `source` while passing
/// every byte it reads on to `tx`, then passes on the rest. A read error, or a bad image
/// that is to be refused, reaches the storing side as an error, so nothing is stored.
/// Also says whether the storing side stopped first (then its error is the one to tell).
fn inspect_passing<R: Read>(
    source: R,
    tx: PipeWriter,
    bad: BadImage,
) -> (std::result::Result<ImageInfo, MediaError>, bool) {
    let mut tee = Tee {
        source,
        tx,
        stopped: false,
    };
    let inspected = inspect_image_stream(&mut tee, &ImageLimits::default());
    if let (Err(e), BadImage::Refuse) = (&inspected, bad) {
        let refused = std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string());
        let stopped = tee.stopped;
        tee.tx.fail(refused);
        return (inspected, stopped);
    }
    let rest = std::io::copy(&mut tee, &mut std::io::sink());
    let Tee { tx, stopped, .. } = tee;
    match rest {
        Err(e) => tx.fail(e),
        // Dropped: the end of the stream.
        Ok(_) => drop(tx),
    }
    (inspected, stopped)
}

/// A reader that writes what it reads to a pipe.
struct Tee<R> {
    source: R,
    tx: PipeWriter,
    /// The pipe's reader went away.
    stopped: bool,
}

impl<R: Read> Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.source.read(buf)?;
        if let Some(read) = buf.get(..n)
            && let Err(e) = std::io::Write::write_all(&mut self.tx, read)
        {
            self.stopped = true;
            return Err(e);
        }
        Ok(n)
    }
}

/// The error for a refused image: the file's name (it is the user's own file name, not
/// diary text) and why, with the [`MediaError`] kept as the source.
fn image_refused(file_name: Option<&str>, reason: MediaError) -> Error {
    Error::File {
        path: file_name.unwrap_or("the image").to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, reason),
    }
}

/// Chunks handed to the sealing thread and not yet stored (bounds memory to a few MiB).
const IN_FLIGHT: usize = 2;

/// What streaming a blob in found.
struct Streamed {
    sha: [u8; 32],
    size: u64,
    chunks: u64,
    /// The first bytes, to sniff the media type.
    head: Vec<u8>,
}

/// Reads `reader` chunk by chunk and stores each chunk sealed. Hashing and sealing run on
/// a second thread while this one reads the next chunk and hands the last sealed one to
/// SQLite, so the CPU work overlaps the I/O (a phone has several cores).
fn stream_sealed(
    reader: &mut impl Read,
    blob_id: &[u8; 16],
    key: &[u8; 32],
    writer: &mut crate::store::BlobWriter<'_>,
    progress: &dyn Progress,
) -> Result<Streamed> {
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<(u64, bool, Vec<u8>)>(IN_FLIGHT);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Result<(u64, Vec<u8>)>>();
    std::thread::scope(|scope| {
        let sealer = scope.spawn(move || {
            let mut hasher = ring::digest::Context::new(&ring::digest::SHA256);
            for (index, last, plain) in work_rx {
                hasher.update(&plain);
                let sealed = aead::seal(key, &keys::aad_chunk(blob_id, index, last), &plain)
                    .map(|s| (index, s))
                    .map_err(Error::from);
                if done_tx.send(sealed).is_err() {
                    break;
                }
            }
            hasher.finish()
        });
        // The sender moves into this closure, so whichever way it returns the sealing
        // thread sees the end of its work and stops.
        let fed = (move || -> Result<(u64, u64, Vec<u8>)> {
            let mut store = |done: &std::sync::mpsc::Receiver<Result<(u64, Vec<u8>)>>| {
                let (index, sealed) = done.recv().map_err(|_| sealing_failed())??;
                writer.chunk(index, &sealed).map_err(Error::from)
            };
            let mut in_flight = 0usize;
            let mut size = 0u64;
            let mut index = 0u64;
            // Read one chunk ahead: a chunk's associated data says whether it is the last.
            let mut current = read_chunk(reader)?;
            let head = current[..current.len().min(64)].to_vec();
            loop {
                if progress.cancelled() {
                    return Err(Error::Cancelled);
                }
                let following = if current.is_empty() {
                    Vec::new()
                } else {
                    read_chunk(reader)?
                };
                let last = following.is_empty();
                size += current.len() as u64;
                if in_flight == IN_FLIGHT {
                    store(&done_rx)?;
                    in_flight -= 1;
                }
                work_tx
                    .send((index, last, current))
                    .map_err(|_| sealing_failed())?;
                in_flight += 1;
                index += 1;
                progress.update(size, None);
                if last {
                    break;
                }
                current = following;
            }
            drop(work_tx);
            for _ in 0..in_flight {
                store(&done_rx)?;
            }
            Ok((size, index, head))
        })();
        let digest = sealer.join().map_err(|_| sealing_failed())?;
        let (size, chunks, head) = fed?;
        let mut sha = [0u8; 32];
        sha.copy_from_slice(digest.as_ref());
        Ok(Streamed {
            sha,
            size,
            chunks,
            head,
        })
    })
}

fn sealing_failed() -> Error {
    Error::Corrupt("the attachment could not be sealed; nothing was stored".into())
}

fn read_chunk(reader: &mut impl Read) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; CHUNK_SIZE];
    let mut filled = 0;
    while filled < CHUNK_SIZE {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::Io(e)),
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

/// The first bytes of a blob id, for naming it in messages.
pub(crate) fn short_id(id: &[u8]) -> String {
    hex::encode(&id[..id.len().min(6)])
}

/// Reads an attachment's original bytes chunk by chunk (for writers that pull, like a zip
/// entry), verifying each chunk and, at the end, the size and SHA-256: a mismatch is an
/// I/O error, so a pack never silently carries altered bytes. Each chunk is read into one
/// reused buffer and decrypted where it lies.
pub(crate) struct BlobReader<'a> {
    diary: &'a Diary,
    id: Vec<u8>,
    meta: BlobMeta,
    chunks: Vec<ChunkRef>,
    opener: aead::Opener,
    next: u64,
    buf: Vec<u8>,
    pos: usize,
    hasher: Option<ring::digest::Context>,
    read: u64,
    done: bool,
}

impl<'a> BlobReader<'a> {
    pub(crate) fn new(diary: &'a Diary, id: Vec<u8>, meta: BlobMeta) -> Result<Self> {
        let chunks = diary.store.chunk_refs(&id)?;
        Ok(BlobReader {
            opener: aead::Opener::new(&diary.keys.blobs)?,
            diary,
            id,
            meta,
            chunks,
            next: 0,
            buf: Vec::with_capacity(CHUNK_SIZE + aead::OVERHEAD),
            pos: 0,
            hasher: Some(ring::digest::Context::new(&ring::digest::SHA256)),
            read: 0,
            done: false,
        })
    }

    /// For a caller that hashes the bytes itself and compares with the recorded SHA-256
    /// (the pack writer does, for its manifest): skip hashing them a second time. Every
    /// chunk is still authenticated, in order, to the end, and the size still checked.
    pub(crate) fn without_final_hash(mut self) -> Self {
        self.hasher = None;
        self
    }

    /// Loads the next chunk into `buf`; at the end, checks size and hash and leaves `buf`
    /// empty.
    fn fill(&mut self) -> std::io::Result<()> {
        let corrupt = |what: String| std::io::Error::new(std::io::ErrorKind::InvalidData, what);
        self.pos = 0;
        if self.next == self.meta.chunks {
            self.buf.clear();
            if !self.done {
                self.done = true;
                let hash_ok = self
                    .hasher
                    .take()
                    .is_none_or(|h| hex::encode(h.finish()) == self.meta.sha256);
                if !hash_ok || self.read != self.meta.size {
                    return Err(corrupt(format!(
                        "attachment {}: the stored bytes do not match its SHA-256 or size",
                        self.meta.sha256
                    )));
                }
            }
            return Ok(());
        }
        let index = self.next;
        let last = index + 1 == self.meta.chunks;
        let chunk = self
            .chunks
            .get(usize::try_from(index).unwrap_or(usize::MAX))
            .filter(|c| c.idx == index)
            .copied()
            .ok_or_else(|| {
                corrupt(format!(
                    "attachment {}: chunk {index} is missing",
                    self.meta.sha256
                ))
            })?;
        self.diary
            .store
            .read_chunk(&chunk, &mut self.buf)
            .map_err(|e| {
                corrupt(format!(
                    "attachment {}: chunk {index} cannot be read: {e}",
                    self.meta.sha256
                ))
            })?;
        self.opener
            .open_in_place(&keys::aad_chunk(&self.id, index, last), &mut self.buf)
            .map_err(|_| {
                corrupt(format!(
                    "attachment {}: chunk {index} cannot be decrypted (altered, moved or cut short)",
                    self.meta.sha256
                ))
            })?;
        if let Some(h) = self.hasher.as_mut() {
            h.update(&self.buf);
        }
        self.read += self.buf.len() as u64;
        self.next += 1;
        Ok(())
    }
}

impl Read for BlobReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.buf.len() {
            if self.done {
                return Ok(0);
            }
            self.fill()?;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}
