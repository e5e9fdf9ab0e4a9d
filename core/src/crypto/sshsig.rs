//! OpenSSH signatures ("sshsig") and OpenSSH Ed25519 public keys.
//!
//! Officers check Tally's evidence packs and tree heads with `ssh-keygen -Y verify`, so what
//! this module writes must be byte-for-byte what OpenSSH writes, and what it accepts must be no
//! more than what OpenSSH accepts. The formats followed are:
//!
//! - OpenSSH `PROTOCOL.sshsig` (rev. 1.4): §1 armor, §2 signature blob, §3 signed data. Where
//!   that text is loose, OpenSSH's own `sshsig.c` is the reference (70-column base64 wrapping,
//!   the signed data always carrying an empty `reserved` string).
//! - RFC 4251 §5 for `uint32` and `string` (a big-endian `uint32` length, then that many bytes).
//! - RFC 4253 §6.6 for the public-key and signature framing, with the `ssh-ed25519` key and
//!   signature formats of RFC 8709 §4 and §6.
//!
//! Only Ed25519 is supported, which is the only key type Tally makes. The parsers are written
//! for hostile input: every length is checked against the bytes actually present, nothing is
//! allocated from a claimed length, and every failure is an [`SshSigError`], never a panic.

use std::io::Read;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use ring::digest;
use ring::signature::{ED25519, Ed25519KeyPair, KeyPair as _, UnparsedPublicKey};

/// `MAGIC_PREAMBLE` of PROTOCOL.sshsig §2 and §3.
const MAGIC_PREAMBLE: &[u8; 6] = b"SSHSIG";
/// `SIG_VERSION` of PROTOCOL.sshsig §2; verifiers must reject anything greater.
const SIG_VERSION: u32 = 1;
/// Armor lines of PROTOCOL.sshsig §1.
const BEGIN_SIGNATURE: &str = "-----BEGIN SSH SIGNATURE-----";
const END_SIGNATURE: &str = "-----END SSH SIGNATURE-----";
/// `ssh-keygen` wraps the base64 body at 70 columns (`SSHBUF_B64_WRAP` in OpenSSH's
/// `sshbuf-misc.c`), although PROTOCOL.sshsig §1 suggests 76; we match the tool, not the prose.
const ARMOR_WRAP: usize = 70;
/// Key type and signature algorithm name of RFC 8709 §4 and §6.
const SSH_ED25519: &str = "ssh-ed25519";
const ED25519_PUBLIC_KEY_LEN: usize = 32;
const ED25519_SIGNATURE_LEN: usize = 64;
/// A genuine Ed25519 sshsig armor is about 330 bytes; anything far larger is not one of ours,
/// and refusing it early bounds the work a hostile file can cause.
const MAX_ARMOR_LEN: usize = 64 * 1024;
/// Longest namespace or algorithm name quoted back in an error message.
const MAX_QUOTED_LEN: usize = 100;
/// Read size for the streaming variants.
const READ_CHUNK: usize = 64 * 1024;

/// Why an OpenSSH signature or public key was refused.
///
/// Messages never contain the signed message; namespaces, key types and hash names are quoted
/// (shortened and escaped) because they are public labels, not secrets.
#[derive(thiserror::Error, Debug)]
pub enum SshSigError {
    /// The text is not an armored SSH signature (PROTOCOL.sshsig §1), or its body is not the
    /// `SSHSIG` blob of §2.
    #[error("not an SSH signature: {0}")]
    NotASignature(&'static str),
    /// The blob declares a version this implementation does not know.
    #[error("unsupported SSH signature version {0} (only version 1 is defined)")]
    UnsupportedVersion(u32),
    /// The signature was made for a different purpose than the one being checked.
    #[error("wrong signature namespace: expected {expected:?}, found {found:?}")]
    WrongNamespace {
        /// The namespace the caller asked for.
        expected: String,
        /// The namespace recorded in the signature (shortened and lossily decoded).
        found: String,
    },
    /// The key (or signature algorithm) is not `ssh-ed25519`.
    #[error("unsupported key type {0:?} (only ssh-ed25519 is supported)")]
    UnsupportedKeyType(String),
    /// The message hash algorithm is neither `sha256` nor `sha512`.
    #[error("unsupported hash algorithm {0:?} (only sha256 and sha512 are allowed)")]
    UnsupportedHash(String),
    /// The signature is well formed but was not made over this message by this key.
    #[error("signature does not match the message")]
    BadSignature,
    /// A field of the signature blob or public key is truncated or has an impossible value.
    #[error("malformed field {field}: {problem}")]
    Malformed {
        /// The field, named as in PROTOCOL.sshsig or RFC 8709.
        field: &'static str,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Reading the message to verify or sign failed.
    #[error("reading the signed data failed: {0}")]
    Io(#[from] std::io::Error),
}

type Result<T, E = SshSigError> = std::result::Result<T, E>;

/// An Ed25519 public key as OpenSSH knows it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SshPublicKey(pub [u8; 32]);

impl SshPublicKey {
    /// The public half of `kp`.
    pub fn from_key_pair(kp: &Ed25519KeyPair) -> Self {
        let mut key = [0u8; ED25519_PUBLIC_KEY_LEN];
        // ring's Ed25519 public key is always exactly 32 bytes (RFC 8032 §5.1.5).
        key.copy_from_slice(kp.public_key().as_ref());
        SshPublicKey(key)
    }

    /// The SSH wire encoding of the key, RFC 8709 §4: `string "ssh-ed25519" || string key`.
    pub fn wire_blob(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + SSH_ED25519.len() + 4 + ED25519_PUBLIC_KEY_LEN);
        put_string(&mut out, SSH_ED25519.as_bytes());
        put_string(&mut out, &self.0);
        out
    }

    /// The key as one `authorized_keys`/`.pub` line without a comment:
    /// `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5...`.
    pub fn to_openssh(&self) -> String {
        format!("{SSH_ED25519} {}", STANDARD.encode(self.wire_blob()))
    }

    /// Parses a line as written by [`to_openssh`](Self::to_openssh) or found in an OpenSSH
    /// `.pub` file: key type, base64 wire blob, and an optional comment which is ignored.
    /// `authorized_keys` options before the key type are not accepted.
    pub fn parse_openssh(line: &str) -> Result<Self> {
        const FIELD: &str = "public key";
        let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
        if line.contains(['\n', '\r']) {
            return Err(malformed(FIELD, "spans more than one line"));
        }
        let mut parts = line.splitn(3, [' ', '\t']);
        let key_type = parts.next().unwrap_or_default();
        if key_type.is_empty() {
            return Err(malformed(FIELD, "the line is empty"));
        }
        if key_type != SSH_ED25519 {
            return Err(SshSigError::UnsupportedKeyType(quote(key_type.as_bytes())));
        }
        let encoded = parts
            .next()
            .ok_or_else(|| malformed(FIELD, "the base64 key is missing"))?;
        if encoded.len() > MAX_ARMOR_LEN {
            return Err(malformed(FIELD, "far too long for an Ed25519 key"));
        }
        let blob = STANDARD
            .decode(encoded)
            .map_err(|_| malformed(FIELD, "the key is not valid base64"))?;
        let mut reader = WireReader::new(&blob);
        let key = read_public_key(&mut reader)?;
        reader.finish("public key")?;
        Ok(key)
    }

    /// The fingerprint exactly as `ssh-keygen -l` prints it: `SHA256:` followed by the
    /// unpadded base64 of the SHA-256 of the wire blob.
    pub fn fingerprint(&self) -> String {
        let hash = digest::digest(&digest::SHA256, &self.wire_blob());
        format!("SHA256:{}", STANDARD_NO_PAD.encode(hash.as_ref()))
    }
}

/// One line of an OpenSSH `allowed_signers` file (ssh-keygen(1), "ALLOWED SIGNERS"):
/// `principal ssh-ed25519 AAAA...` and a newline, without options.
///
/// `principal` is a fixed label chosen by Tally (such as `tally-diary`); it must be non-empty
/// and contain no whitespace, quote or comma, since OpenSSH reads it as a pattern list.
pub fn allowed_signers_line(principal: &str, key: &SshPublicKey) -> String {
    debug_assert!(
        !principal.is_empty()
            && !principal
                .chars()
                .any(|c| c.is_whitespace() || c == '"' || c == ',' || c.is_control()),
        "principal must be a single plain token"
    );
    format!("{principal} {}\n", key.to_openssh())
}

/// Signs `message` under `namespace` with hash sha512; returns the armored signature exactly
/// as `ssh-keygen -Y sign` writes it (BEGIN/END lines, base64 wrapped at 70 columns, trailing
/// newline).
///
/// `namespace` is a fixed label such as `tally-evidence-v1`; PROTOCOL.sshsig §2 forbids the
/// empty namespace, and OpenSSH cannot carry a NUL byte in it.
pub fn sign(kp: &Ed25519KeyPair, namespace: &str, message: &[u8]) -> String {
    let hash = digest::digest(&digest::SHA512, message);
    sign_digest(kp, namespace, HashAlg::Sha512, hash.as_ref())
}

/// Same as [`sign`], but the message is streamed from a reader (SHA-512 computed
/// incrementally) so a large file never sits in memory.
pub fn sign_reader(
    kp: &Ed25519KeyPair,
    namespace: &str,
    reader: impl Read,
) -> std::io::Result<String> {
    let hash = digest_reader(HashAlg::Sha512, reader)?;
    Ok(sign_digest(kp, namespace, HashAlg::Sha512, hash.as_ref()))
}

/// Verifies an armored signature over `message` under `namespace`; returns the signer's key.
///
/// The signature only proves that *some* key signed the message: the caller must compare the
/// returned key with the key it trusts. Hash sha256 and sha512 are accepted, as by OpenSSH.
pub fn verify(armored: &str, namespace: &str, message: &[u8]) -> Result<SshPublicKey> {
    let sig = ParsedSignature::from_armor(armored, namespace)?;
    let hash = digest::digest(sig.hash.algorithm(), message);
    sig.check(namespace, hash.as_ref())
}

/// Same as [`verify`], but the message is streamed from a reader. The signature is fully
/// parsed and its namespace checked before the first byte is read.
pub fn verify_reader(armored: &str, namespace: &str, reader: impl Read) -> Result<SshPublicKey> {
    let sig = ParsedSignature::from_armor(armored, namespace)?;
    let hash = digest_reader(sig.hash, reader)?;
    sig.check(namespace, hash.as_ref())
}

/// The message hash algorithms PROTOCOL.sshsig §2 allows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum HashAlg {
    Sha256,
    Sha512,
}

impl HashAlg {
    fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "sha256",
            HashAlg::Sha512 => "sha512",
        }
    }

    fn algorithm(self) -> &'static digest::Algorithm {
        match self {
            HashAlg::Sha256 => &digest::SHA256,
            HashAlg::Sha512 => &digest::SHA512,
        }
    }

    fn from_name(name: &[u8]) -> Result<Self> {
        match name {
            b"sha256" => Ok(HashAlg::Sha256),
            b"sha512" => Ok(HashAlg::Sha512),
            other => Err(SshSigError::UnsupportedHash(quote(other))),
        }
    }
}

/// The fields of a signature blob (PROTOCOL.sshsig §2) that verification needs.
struct ParsedSignature {
    key: SshPublicKey,
    hash: HashAlg,
    signature: [u8; ED25519_SIGNATURE_LEN],
}

impl ParsedSignature {
    /// Dearmors and parses a signature, and checks it was made for `expected_namespace`.
    fn from_armor(armored: &str, expected_namespace: &str) -> Result<Self> {
        let blob = dearmor(armored)?;
        Self::from_blob(&blob, expected_namespace)
    }

    /// Parses the blob of PROTOCOL.sshsig §2. Every field must be present and well formed and
    /// nothing may follow the signature, as in OpenSSH's `sshsig_wrap_verify`.
    fn from_blob(blob: &[u8], expected_namespace: &str) -> Result<Self> {
        let mut r = WireReader::new(blob);
        let magic = r
            .bytes(MAGIC_PREAMBLE.len())
            .map_err(|_| SshSigError::NotASignature("the body is too short"))?;
        if magic != MAGIC_PREAMBLE {
            return Err(SshSigError::NotASignature(
                "the body does not start with SSHSIG",
            ));
        }
        let version = r.u32("version")?;
        // §2: "Verifiers MUST reject signatures with versions greater than those they
        // support". Version 0 was never defined, so it is refused too.
        if version != SIG_VERSION {
            return Err(SshSigError::UnsupportedVersion(version));
        }
        let mut key_reader = WireReader::new(r.string("publickey")?);
        let key = read_public_key(&mut key_reader)?;
        key_reader.finish("publickey")?;

        let namespace = r.string("namespace")?;
        let reserved = r.string("reserved")?;
        let hash_name = r.string("hash_algorithm")?;
        let signature_field = r.string("signature")?;
        r.finish("signature blob")?;

        if namespace.is_empty() {
            return Err(malformed("namespace", "is empty (PROTOCOL.sshsig §2)"));
        }
        if namespace != expected_namespace.as_bytes() {
            return Err(SshSigError::WrongNamespace {
                expected: expected_namespace.to_owned(),
                found: quote(namespace),
            });
        }
        // OpenSSH always signs an empty reserved string and verifies against an empty one
        // (sshsig.c), so any content here would be unauthenticated. §2 says to ignore it; we
        // refuse it instead, so that no byte of an accepted signature is unauthenticated.
        if !reserved.is_empty() {
            return Err(malformed("reserved", "is not empty"));
        }
        let hash = HashAlg::from_name(hash_name)?;

        // RFC 8709 §6: string "ssh-ed25519" || string signature (64 bytes).
        let mut sig_reader = WireReader::new(signature_field);
        let sig_alg = sig_reader.string("signature")?;
        if sig_alg != SSH_ED25519.as_bytes() {
            return Err(SshSigError::UnsupportedKeyType(quote(sig_alg)));
        }
        let sig_bytes = sig_reader.string("signature")?;
        sig_reader.finish("signature")?;
        let signature: [u8; ED25519_SIGNATURE_LEN] = sig_bytes
            .try_into()
            .map_err(|_| malformed("signature", "is not 64 bytes long"))?;

        Ok(ParsedSignature {
            key,
            hash,
            signature,
        })
    }

    /// Checks the Ed25519 signature over the signed data of §3 built from `message_hash`.
    fn check(&self, namespace: &str, message_hash: &[u8]) -> Result<SshPublicKey> {
        let signed = signed_data(namespace, self.hash, message_hash);
        UnparsedPublicKey::new(&ED25519, &self.key.0)
            .verify(&signed, &self.signature)
            .map_err(|_| SshSigError::BadSignature)?;
        Ok(self.key)
    }
}

/// Builds the blob of §2 over an already hashed message and armors it as in §1.
fn sign_digest(kp: &Ed25519KeyPair, namespace: &str, hash: HashAlg, message_hash: &[u8]) -> String {
    debug_assert!(
        !namespace.is_empty() && !namespace.contains('\0'),
        "sshsig namespace must be non-empty and contain no NUL"
    );
    let key = SshPublicKey::from_key_pair(kp);
    let signature = kp.sign(&signed_data(namespace, hash, message_hash));

    // RFC 8709 §6 signature encoding, carried as the `signature` string of §2.
    let mut sig_field = Vec::with_capacity(4 + SSH_ED25519.len() + 4 + ED25519_SIGNATURE_LEN);
    put_string(&mut sig_field, SSH_ED25519.as_bytes());
    put_string(&mut sig_field, signature.as_ref());

    let mut blob = Vec::with_capacity(256);
    blob.extend_from_slice(MAGIC_PREAMBLE);
    blob.extend_from_slice(&SIG_VERSION.to_be_bytes());
    put_string(&mut blob, &key.wire_blob());
    put_string(&mut blob, namespace.as_bytes());
    put_string(&mut blob, b""); // reserved
    put_string(&mut blob, hash.name().as_bytes());
    put_string(&mut blob, &sig_field);
    armor(&blob)
}

/// The data actually signed, PROTOCOL.sshsig §3:
/// `"SSHSIG" || string namespace || string reserved || string hash_algorithm || string H(m)`,
/// with `reserved` empty as OpenSSH writes and checks it.
fn signed_data(namespace: &str, hash: HashAlg, message_hash: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(6 + 4 + namespace.len() + 4 + 4 + 6 + 4 + 64);
    out.extend_from_slice(MAGIC_PREAMBLE);
    put_string(&mut out, namespace.as_bytes());
    put_string(&mut out, b"");
    put_string(&mut out, hash.name().as_bytes());
    put_string(&mut out, message_hash);
    out
}

/// Hashes everything `reader` yields, a chunk at a time.
fn digest_reader(hash: HashAlg, mut reader: impl Read) -> std::io::Result<digest::Digest> {
    let mut ctx = digest::Context::new(hash.algorithm());
    let mut buf = vec![0u8; READ_CHUNK];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(ctx.finish()),
            Ok(n) => {
                // A reader claiming more bytes than the buffer holds breaks the `Read`
                // contract; refuse rather than hash bytes it never gave us.
                let chunk = buf.get(..n).ok_or_else(|| {
                    std::io::Error::other("the reader reported more bytes than it was given")
                })?;
                ctx.update(chunk);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// PROTOCOL.sshsig §1 armor as `sshsig_armor` writes it: header line, base64 in lines of 70
/// characters, footer line, each ending in a newline.
fn armor(blob: &[u8]) -> String {
    let body = STANDARD.encode(blob);
    let mut out = String::with_capacity(body.len() + body.len() / ARMOR_WRAP + 64);
    out.push_str(BEGIN_SIGNATURE);
    out.push('\n');
    // Base64 output is ASCII, so every byte offset is a char boundary.
    for line in body.as_bytes().chunks(ARMOR_WRAP) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(END_SIGNATURE);
    out.push('\n');
    out
}

/// Undoes [`armor`]. Follows OpenSSH's `sshsig_dearmor`: the header must open the text and be
/// followed by LF or CRLF, the footer must start a line, and whitespace inside the body is
/// ignored. Stricter than OpenSSH, only whitespace may follow the footer, and the base64 must
/// be canonical (padded, no stray bits), so that no armor byte can change unnoticed.
fn dearmor(armored: &str) -> Result<Vec<u8>> {
    if armored.len() > MAX_ARMOR_LEN {
        return Err(SshSigError::NotASignature(
            "far longer than any Ed25519 signature",
        ));
    }
    let rest = armored
        .strip_prefix(BEGIN_SIGNATURE)
        .ok_or(SshSigError::NotASignature(
            "missing the -----BEGIN SSH SIGNATURE----- line",
        ))?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
        .ok_or(SshSigError::NotASignature(
            "the BEGIN line is not followed by a line break",
        ))?;
    let footer = format!("\n{END_SIGNATURE}");
    let end = rest.find(&footer).ok_or(SshSigError::NotASignature(
        "missing the -----END SSH SIGNATURE----- line",
    ))?;
    let (body, after) = rest.split_at(end);
    let after = after.get(footer.len()..).unwrap_or_default();
    if !after.chars().all(|c| c.is_ascii_whitespace()) {
        return Err(SshSigError::NotASignature(
            "text follows the END SSH SIGNATURE line",
        ));
    }
    let compact: String = body.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return Err(SshSigError::NotASignature("the body is empty"));
    }
    STANDARD
        .decode(compact.as_bytes())
        .map_err(|_| SshSigError::NotASignature("the body is not valid base64"))
}

/// Reads an RFC 8709 §4 public key (`string "ssh-ed25519" || string key`).
fn read_public_key(r: &mut WireReader<'_>) -> Result<SshPublicKey> {
    let key_type = r.string("publickey")?;
    if key_type != SSH_ED25519.as_bytes() {
        return Err(SshSigError::UnsupportedKeyType(quote(key_type)));
    }
    let key = r.string("publickey")?;
    let key: [u8; ED25519_PUBLIC_KEY_LEN] = key
        .try_into()
        .map_err(|_| malformed("publickey", "the Ed25519 key is not 32 bytes long"))?;
    Ok(SshPublicKey(key))
}

/// Appends an RFC 4251 §5 `string`. Every string Tally writes is far below 4 GiB.
fn put_string(out: &mut Vec<u8>, data: &[u8]) {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(data);
}

/// A cursor over untrusted SSH wire data (RFC 4251 §5). It only hands out sub-slices of the
/// input, so a claimed length can never cause an allocation or a read past the end.
struct WireReader<'a> {
    rest: &'a [u8],
}

impl<'a> WireReader<'a> {
    fn new(data: &'a [u8]) -> Self {
        WireReader { rest: data }
    }

    fn bytes(&mut self, n: usize) -> Result<&'a [u8], ()> {
        if n > self.rest.len() {
            return Err(());
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn u32(&mut self, field: &'static str) -> Result<u32> {
        let b = self
            .bytes(4)
            .map_err(|_| malformed(field, "is truncated"))?;
        let mut word = [0u8; 4];
        word.copy_from_slice(b);
        Ok(u32::from_be_bytes(word))
    }

    fn string(&mut self, field: &'static str) -> Result<&'a [u8]> {
        let len = self.u32(field)?;
        let len = usize::try_from(len).map_err(|_| malformed(field, "is longer than the input"))?;
        self.bytes(len)
            .map_err(|_| malformed(field, "is longer than the input"))
    }

    fn finish(&self, field: &'static str) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(malformed(field, "has trailing bytes"))
        }
    }
}

fn malformed(field: &'static str, problem: &'static str) -> SshSigError {
    SshSigError::Malformed { field, problem }
}

/// A label from untrusted input, made safe to show: lossily decoded and shortened. Debug
/// formatting in the error messages then escapes any control characters.
fn quote(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out: String = text.chars().take(MAX_QUOTED_LEN).collect();
    if text.chars().nth(MAX_QUOTED_LEN).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output, Stdio};

    const NS: &str = "tally-evidence-v1";

    /// Runs ssh-keygen. Missing ssh-keygen is a test failure, never a skip: these tests are
    /// the only proof that officers' tools accept what we write (CI installs openssh-client).
    fn ssh_keygen(args: &[&str], stdin: Option<&Path>) -> Output {
        let mut cmd = Command::new("ssh-keygen");
        cmd.args(args);
        cmd.stdin(match stdin {
            Some(path) => Stdio::from(std::fs::File::open(path).unwrap()),
            None => Stdio::null(),
        });
        cmd.output()
            .expect("ssh-keygen must be installed for these tests (apt-get install openssh-client)")
    }

    fn ssh_keygen_ok(args: &[&str], stdin: Option<&Path>) -> Output {
        let out = ssh_keygen(args, stdin);
        assert!(
            out.status.success(),
            "ssh-keygen {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// A fresh OpenSSH Ed25519 key in a temporary directory, with our key pair made from the
    /// same seed.
    struct Fixture {
        dir: tempfile::TempDir,
        key_path: PathBuf,
        key_pair: Ed25519KeyPair,
    }

    impl Fixture {
        fn new() -> Self {
            let dir = tempfile::tempdir().unwrap();
            let key_path = dir.path().join("key");
            let key_str = key_path.to_str().unwrap();
            ssh_keygen_ok(
                &[
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "test@tally",
                    "-f",
                    key_str,
                ],
                None,
            );
            let seed = seed_from_openssh_private_key(&std::fs::read_to_string(&key_path).unwrap());
            let key_pair = Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
            Fixture {
                dir,
                key_path,
                key_pair,
            }
        }

        fn path(&self, name: &str) -> PathBuf {
            self.dir.path().join(name)
        }

        fn write(&self, name: &str, data: &[u8]) -> PathBuf {
            let p = self.path(name);
            std::fs::write(&p, data).unwrap();
            p
        }

        fn pub_line(&self) -> String {
            std::fs::read_to_string(self.key_path.with_extension("pub")).unwrap()
        }

        /// What `ssh-keygen -Y sign` writes for `message` under `namespace`.
        fn openssh_sign(
            &self,
            name: &str,
            namespace: &str,
            message: &[u8],
            extra: &[&str],
        ) -> String {
            let msg = self.write(name, message);
            let mut args = vec![
                "-Y",
                "sign",
                "-f",
                self.key_path.to_str().unwrap(),
                "-n",
                namespace,
            ];
            args.extend_from_slice(extra);
            args.push(msg.to_str().unwrap());
            ssh_keygen_ok(&args, None);
            std::fs::read_to_string(self.path(&format!("{name}.sig"))).unwrap()
        }

        /// Whether `ssh-keygen -Y verify` accepts `armored` over `message`.
        fn openssh_verifies(&self, armored: &str, namespace: &str, message: &[u8]) -> bool {
            let key = SshPublicKey::from_key_pair(&self.key_pair);
            let signers = self.write(
                "allowed_signers",
                allowed_signers_line("tally-diary", &key).as_bytes(),
            );
            let sig = self.write("check.sig", armored.as_bytes());
            let msg = self.write("check.msg", message);
            let out = ssh_keygen(
                &[
                    "-Y",
                    "verify",
                    "-f",
                    signers.to_str().unwrap(),
                    "-I",
                    "tally-diary",
                    "-n",
                    namespace,
                    "-s",
                    sig.to_str().unwrap(),
                ],
                Some(&msg),
            );
            out.status.success()
        }
    }

    /// Extracts the Ed25519 seed from an unencrypted OpenSSH private key (OpenSSH
    /// PROTOCOL.key): "openssh-key-v1\0", string ciphername, string kdfname, string kdfoptions,
    /// uint32 N, N public keys, string private section; the private section is uint32 check,
    /// uint32 check, string "ssh-ed25519", string pub(32), string priv(64) = seed || pub, ...
    fn seed_from_openssh_private_key(pem: &str) -> [u8; 32] {
        let body: String = pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect::<Vec<_>>()
            .concat();
        let data = STANDARD.decode(body).unwrap();
        let mut r = WireReader::new(&data);
        assert_eq!(r.bytes(15).unwrap(), b"openssh-key-v1\0");
        assert_eq!(r.string("cipher").unwrap(), b"none");
        assert_eq!(r.string("kdf").unwrap(), b"none");
        r.string("kdfoptions").unwrap();
        assert_eq!(r.u32("count").unwrap(), 1);
        let public = r.string("public").unwrap();
        let mut p = WireReader::new(r.string("private").unwrap());
        assert_eq!(p.u32("check1").unwrap(), p.u32("check2").unwrap());
        assert_eq!(p.string("type").unwrap(), b"ssh-ed25519");
        let pk = p.string("pub").unwrap();
        let sk = p.string("priv").unwrap();
        assert_eq!(sk.len(), 64);
        assert_eq!(&sk[32..], pk);
        assert_eq!(&public[public.len() - 32..], pk);
        sk[..32].try_into().unwrap()
    }

    fn test_key_pair(byte: u8) -> Ed25519KeyPair {
        Ed25519KeyPair::from_seed_unchecked(&[byte; 32]).unwrap()
    }

    fn error_of(r: Result<SshPublicKey>) -> SshSigError {
        match r {
            Ok(k) => panic!("expected an error, the signature verified for {k:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn our_signature_is_byte_identical_to_ssh_keygen() {
        let f = Fixture::new();
        let message = b"tagmanifest-sha256.txt contents\n";
        let ours = sign(&f.key_pair, NS, message);
        let theirs = f.openssh_sign("msg", NS, message, &[]);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn armor_wrapping_matches_ssh_keygen_when_body_fills_the_last_line() {
        // A 40-byte namespace makes the blob 210 bytes, i.e. exactly four 70-column lines:
        // the edge where an extra blank line could appear.
        let f = Fixture::new();
        let ns = "tally-evidence-v1.padding-to-forty-bytes";
        assert_eq!(ns.len(), 40);
        let ours = sign(&f.key_pair, ns, b"m");
        assert_eq!(
            STANDARD.encode(dearmor(&ours).unwrap()).len(),
            4 * ARMOR_WRAP
        );
        assert_eq!(ours, f.openssh_sign("edge", ns, b"m", &[]));
    }

    #[test]
    fn empty_message_signature_is_byte_identical_to_ssh_keygen() {
        let f = Fixture::new();
        assert_eq!(
            sign(&f.key_pair, NS, b""),
            f.openssh_sign("empty", NS, b"", &[])
        );
    }

    #[test]
    fn ssh_keygen_accepts_our_signature_and_rejects_tampering() {
        let f = Fixture::new();
        let message = b"entry 1: he was outside the house at 21:14\n";
        let armored = sign(&f.key_pair, NS, message);
        assert!(f.openssh_verifies(&armored, NS, message));

        let mut changed = message.to_vec();
        changed[6] ^= 0x01;
        assert!(!f.openssh_verifies(&armored, NS, &changed));
        assert!(!f.openssh_verifies(&armored, "tally-tree-head-v1", message));
    }

    #[test]
    fn ssh_keygen_accepts_our_streamed_signature_of_a_large_file() {
        let f = Fixture::new();
        let message: Vec<u8> = (0..3 * READ_CHUNK + 17).map(|i| (i % 251) as u8).collect();
        let armored = sign_reader(&f.key_pair, NS, message.as_slice()).unwrap();
        assert_eq!(armored, sign(&f.key_pair, NS, &message));
        assert!(f.openssh_verifies(&armored, NS, &message));
    }

    #[test]
    fn we_accept_ssh_keygen_signatures_and_return_the_signer() {
        let f = Fixture::new();
        let message = b"a message signed by OpenSSH";
        let expected = SshPublicKey::parse_openssh(&f.pub_line()).unwrap();
        let sha512 = f.openssh_sign("m512", NS, message, &[]);
        assert_eq!(verify(&sha512, NS, message).unwrap(), expected);
        let sha256 = f.openssh_sign("m256", NS, message, &["-O", "hashalg=sha256"]);
        assert!(sha256 != sha512);
        assert_eq!(verify(&sha256, NS, message).unwrap(), expected);
        assert_eq!(verify_reader(&sha256, NS, &message[..]).unwrap(), expected);
    }

    #[test]
    fn one_changed_message_byte_is_rejected() {
        let f = Fixture::new();
        let message = b"the exact words of the threat".to_vec();
        let armored = f.openssh_sign("msg", NS, &message, &[]);
        for i in 0..message.len() {
            let mut changed = message.clone();
            changed[i] ^= 0x20;
            assert!(matches!(
                error_of(verify(&armored, NS, &changed)),
                SshSigError::BadSignature
            ));
        }
        let mut longer = message.clone();
        longer.push(b'\n');
        assert!(matches!(
            error_of(verify(&armored, NS, &longer)),
            SshSigError::BadSignature
        ));
    }

    #[test]
    fn wrong_namespace_is_named_in_the_error() {
        let kp = test_key_pair(1);
        let armored = sign(&kp, "tally-tree-head-v1", b"head");
        let err = error_of(verify(&armored, NS, b"head"));
        assert!(matches!(err, SshSigError::WrongNamespace { .. }));
        let text = err.to_string();
        assert!(
            text.contains("tally-tree-head-v1") && text.contains(NS),
            "{text}"
        );
    }

    #[test]
    fn a_flipped_bit_anywhere_in_the_blob_is_rejected() {
        let f = Fixture::new();
        let message = b"evidence";
        let armored = f.openssh_sign("msg", NS, message, &[]);
        let blob = dearmor(&armored).unwrap();
        verify(&armor(&blob), NS, message).unwrap();
        for i in 0..blob.len() {
            for bit in 0..8 {
                let mut bad = blob.clone();
                bad[i] ^= 1 << bit;
                assert!(
                    verify(&armor(&bad), NS, message).is_err(),
                    "flipping bit {bit} of byte {i} went unnoticed"
                );
            }
        }
    }

    #[test]
    fn a_flipped_armor_character_is_rejected() {
        let kp = test_key_pair(2);
        let armored = sign(&kp, NS, b"m");
        let bytes = armored.as_bytes();
        let trailing_newline = bytes.len() - 1;
        for i in 0..trailing_newline {
            let mut bad = bytes.to_vec();
            bad[i] = if bad[i] == b'A' { b'B' } else { b'A' };
            let bad = String::from_utf8(bad).unwrap();
            // Includes the line breaks: turning one into a letter adds a base64 character.
            assert!(
                verify(&bad, NS, b"m").is_err(),
                "change at {i} went unnoticed"
            );
        }
    }

    #[test]
    fn truncated_armor_is_rejected() {
        let kp = test_key_pair(3);
        let armored = sign(&kp, NS, b"m");
        let complete = armored.trim_end().len();
        for len in 0..complete {
            assert!(
                verify(&armored[..len], NS, b"m").is_err(),
                "prefix of {len} accepted"
            );
        }
        // Like ssh-keygen, a file that lost only its final newline is still a signature.
        assert!(verify(&armored[..complete], NS, b"m").is_ok());
    }

    #[test]
    fn garbage_is_not_a_signature() {
        for text in [
            "",
            "hello",
            "-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n",
            "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n",
            "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n",
            "-----BEGIN SSH SIGNATURE-----\nAAAA\n",
            "-----BEGIN PGP SIGNATURE-----\nAAAA\n-----END PGP SIGNATURE-----\n",
        ] {
            assert!(verify(text, NS, b"m").is_err(), "{text:?} accepted");
        }
    }

    #[test]
    fn text_after_the_footer_is_rejected_but_crlf_is_tolerated() {
        let kp = test_key_pair(4);
        let armored = sign(&kp, NS, b"m");
        assert!(verify(&format!("{armored}extra"), NS, b"m").is_err());
        assert!(verify(&format!("{armored}\n\n"), NS, b"m").is_ok());
        let crlf = armored.replace('\n', "\r\n");
        assert_eq!(
            verify(&crlf, NS, b"m").unwrap(),
            SshPublicKey::from_key_pair(&kp)
        );
    }

    /// Builds a blob like `sign_digest` but with chosen fields, to reach each refusal.
    fn blob_with(
        version: u32,
        key_type: &str,
        reserved: &[u8],
        hash: &str,
        sig_alg: &str,
    ) -> Vec<u8> {
        let kp = test_key_pair(5);
        let mut key = Vec::new();
        put_string(&mut key, key_type.as_bytes());
        put_string(&mut key, kp.public_key().as_ref());
        let mut sig = Vec::new();
        put_string(&mut sig, sig_alg.as_bytes());
        put_string(&mut sig, &[0u8; 64]);
        let mut blob = MAGIC_PREAMBLE.to_vec();
        blob.extend_from_slice(&version.to_be_bytes());
        put_string(&mut blob, &key);
        put_string(&mut blob, NS.as_bytes());
        put_string(&mut blob, reserved);
        put_string(&mut blob, hash.as_bytes());
        put_string(&mut blob, &sig);
        blob
    }

    #[test]
    fn each_unsupported_field_gets_its_own_error() {
        let check = |blob: Vec<u8>| error_of(verify(&armor(&blob), NS, b"m"));
        assert!(matches!(
            check(blob_with(2, SSH_ED25519, b"", "sha512", SSH_ED25519)),
            SshSigError::UnsupportedVersion(2)
        ));
        assert!(matches!(
            check(blob_with(1, "ssh-rsa", b"", "sha512", SSH_ED25519)),
            SshSigError::UnsupportedKeyType(t) if t == "ssh-rsa"
        ));
        assert!(matches!(
            check(blob_with(1, SSH_ED25519, b"", "sha1", SSH_ED25519)),
            SshSigError::UnsupportedHash(h) if h == "sha1"
        ));
        assert!(matches!(
            check(blob_with(1, SSH_ED25519, b"", "sha512", "rsa-sha2-512")),
            SshSigError::UnsupportedKeyType(_)
        ));
        assert!(matches!(
            check(blob_with(1, SSH_ED25519, b"tag", "sha512", SSH_ED25519)),
            SshSigError::Malformed {
                field: "reserved",
                ..
            }
        ));
        assert!(matches!(
            check(blob_with(1, SSH_ED25519, b"", "sha512", SSH_ED25519)),
            SshSigError::BadSignature
        ));
        let mut trailing = blob_with(1, SSH_ED25519, b"", "sha512", SSH_ED25519);
        trailing.push(0);
        assert!(matches!(
            check(trailing),
            SshSigError::Malformed {
                field: "signature blob",
                ..
            }
        ));
    }

    #[test]
    fn a_claimed_length_beyond_the_input_is_malformed_not_a_panic() {
        let mut blob = MAGIC_PREAMBLE.to_vec();
        blob.extend_from_slice(&1u32.to_be_bytes());
        blob.extend_from_slice(&u32::MAX.to_be_bytes());
        blob.extend_from_slice(b"ssh-ed25519");
        assert!(matches!(
            error_of(verify(&armor(&blob), NS, b"m")),
            SshSigError::Malformed {
                field: "publickey",
                ..
            }
        ));
    }

    #[test]
    fn streaming_and_in_memory_agree() {
        let kp = test_key_pair(6);
        let message: Vec<u8> = (0..2 * READ_CHUNK + 5)
            .map(|i| (i * 7 % 256) as u8)
            .collect();
        let in_memory = sign(&kp, NS, &message);
        let streamed = sign_reader(&kp, NS, choppy(&message)).unwrap();
        assert_eq!(in_memory, streamed);
        let key = SshPublicKey::from_key_pair(&kp);
        assert_eq!(verify(&in_memory, NS, &message).unwrap(), key);
        assert_eq!(
            verify_reader(&in_memory, NS, choppy(&message)).unwrap(),
            key
        );

        let mut changed = message.clone();
        changed[READ_CHUNK + 1] ^= 1;
        assert!(matches!(
            error_of(verify_reader(&in_memory, NS, changed.as_slice())),
            SshSigError::BadSignature
        ));
        assert!(matches!(
            error_of(verify_reader(&in_memory, "other", message.as_slice())),
            SshSigError::WrongNamespace { .. }
        ));
    }

    /// A reader that returns short reads and an `Interrupted` error now and then, as pipes do.
    struct ChoppyReader<'a> {
        data: &'a [u8],
        calls: usize,
    }

    fn choppy(data: &[u8]) -> ChoppyReader<'_> {
        ChoppyReader { data, calls: 0 }
    }

    impl Read for ChoppyReader<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(5) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let n = buf.len().min(self.data.len()).min(4099);
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_failing_reader_is_an_io_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk gone"))
            }
        }
        let kp = test_key_pair(7);
        assert!(sign_reader(&kp, NS, Broken).is_err());
        let armored = sign(&kp, NS, b"m");
        assert!(matches!(
            error_of(verify_reader(&armored, NS, Broken)),
            SshSigError::Io(_)
        ));
    }

    #[test]
    fn public_key_matches_ssh_keygen() {
        let f = Fixture::new();
        let key = SshPublicKey::from_key_pair(&f.key_pair);
        let pub_line = f.pub_line();
        // key.pub is "ssh-ed25519 AAAA... test@tally\n".
        let without_comment = pub_line.trim_end().strip_suffix(" test@tally").unwrap();
        assert_eq!(key.to_openssh(), without_comment);
        assert_eq!(SshPublicKey::parse_openssh(&pub_line).unwrap(), key);
        assert_eq!(SshPublicKey::parse_openssh(&key.to_openssh()).unwrap(), key);

        let listing = ssh_keygen_ok(
            &[
                "-l",
                "-f",
                f.key_path.with_extension("pub").to_str().unwrap(),
            ],
            None,
        );
        // "256 SHA256:... test@tally (ED25519)"
        let listing = String::from_utf8(listing.stdout).unwrap();
        let printed = listing.split_whitespace().nth(1).unwrap();
        assert_eq!(key.fingerprint(), printed);
    }

    #[test]
    fn allowed_signers_line_has_the_documented_shape() {
        let key = SshPublicKey::from_key_pair(&test_key_pair(8));
        assert_eq!(
            allowed_signers_line("tally-diary", &key),
            format!("tally-diary {}\n", key.to_openssh())
        );
        assert!(
            key.to_openssh()
                .starts_with("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI")
        );
    }

    #[test]
    fn malformed_public_key_lines_are_refused() {
        let key = SshPublicKey::from_key_pair(&test_key_pair(9));
        let good = key.to_openssh();
        let b64 = good.split(' ').nth(1).unwrap();
        let mut short_blob = key.wire_blob();
        short_blob.pop();
        let mut long_blob = key.wire_blob();
        long_blob.push(0);
        for line in [
            String::new(),
            "ssh-ed25519".to_owned(),
            "ssh-ed25519 !!!".to_owned(),
            format!("ssh-rsa {b64}"),
            format!("ssh-ed25519 {}", STANDARD.encode(short_blob)),
            format!("ssh-ed25519 {}", STANDARD.encode(long_blob)),
            format!("{good}\n{good}"),
        ] {
            assert!(
                SshPublicKey::parse_openssh(&line).is_err(),
                "{line:?} accepted"
            );
        }
        assert_eq!(
            SshPublicKey::parse_openssh(&format!("  {good}  a comment with spaces\n")).unwrap(),
            key
        );
    }

    proptest! {
        #[test]
        fn verify_never_panics_on_arbitrary_text(text in ".{0,600}") {
            let _ = verify(&text, NS, b"m");
            let _ = verify_reader(&text, NS, &b"m"[..]);
            let _ = SshPublicKey::parse_openssh(&text);
        }

        #[test]
        fn verify_never_panics_on_armored_arbitrary_bytes(
            bytes in proptest::collection::vec(any::<u8>(), 0..400)
        ) {
            prop_assert!(verify(&armor(&bytes), NS, b"m").is_err());
        }

        #[test]
        fn verify_never_panics_on_a_valid_prefix_with_arbitrary_tail(
            cut in 0usize..200,
            tail in proptest::collection::vec(any::<u8>(), 0..200)
        ) {
            let kp = test_key_pair(10);
            let mut blob = dearmor(&sign(&kp, NS, b"m")).unwrap();
            blob.truncate(cut);
            blob.extend_from_slice(&tail);
            let _ = verify(&armor(&blob), NS, b"m");
        }
    }
}
