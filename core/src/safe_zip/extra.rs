//! Extra fields (APPNOTE.TXT 4.5, 4.6): the blocks after a member's name in each header.
//!
//! Some of them rename the member for the tools that read them — Info-ZIP's Unicode Path
//! (0x7075) is honoured by 7-Zip, Info-ZIP and libarchive but not by Python's `zipfile` —
//! or carry a link target or encryption. Any of those lets two tools unpack the same zip
//! differently, so they are refused in every archive. Evidence packs accept only the
//! fields that change nothing about what a member is: Zip64 sizes, time stamps, owners,
//! alignment padding.

use super::names::shown;
use super::{SafeZipError, Strictness};

/// Which header a block belongs to (only the Zip64 field differs between the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Header {
    Local,
    Central,
}

/// The Zip64 extended information field.
const ZIP64: u16 = 0x0001;

/// Fields that give a member another name, a link target or encryption, for the tools
/// that read them.
const REFUSED: &[(u16, &str)] = &[
    (
        0x7075,
        "Info-ZIP Unicode Path: a second name that some tools use instead",
    ),
    (
        0x554e,
        "Xceed Unicode: a second name that some tools use instead",
    ),
    (
        0x4f4c,
        "Xceed original location: a path that some tools use instead",
    ),
    (
        0x2605,
        "ZipIt Macintosh: a second name that some tools use instead",
    ),
    (
        0x2705,
        "ZipIt Macintosh: a second name that some tools use instead",
    ),
    (
        0x2805,
        "ZipIt Macintosh: a second name that some tools use instead",
    ),
    (
        0x334d,
        "Info-ZIP Macintosh: Finder data and a name that some tools use instead",
    ),
    (
        0x07c8,
        "Macintosh: Finder data and a name that some tools use instead",
    ),
    (
        0x4d63,
        "SmartZIP Macintosh: a second name that some tools use instead",
    ),
    (0x756e, "ASi Unix: a link target that some tools create"),
    (0x000d, "PKWARE Unix: a link target that some tools create"),
    (0x0017, "strong encryption"),
    (0x9901, "AES encryption"),
];

/// What evidence packs may carry: Zip64 sizes (checked), NTFS and Unix times, Unix owners,
/// the Java archive marker and alignment padding.
const PACK_ALLOWED: &[u16] = &[
    ZIP64, 0x000a, 0x5455, 0x5855, 0x7855, 0x7875, 0xcafe, 0xd935, 0xa11e,
];

/// Checks one header's extra block; returns the Zip64 field's data, if any.
pub(super) fn vet(
    block: &[u8],
    header: Header,
    strictness: Strictness,
    name: &[u8],
) -> Result<Option<Vec<u8>>, SafeZipError> {
    let who = || shown(&String::from_utf8_lossy(name));
    let where_ = match header {
        Header::Local => "local header",
        Header::Central => "central record",
    };
    let mut zip64 = None;
    let mut seen: Vec<u16> = Vec::new();
    let mut rest = block;
    while !rest.is_empty() {
        let (Some(&[a, b, c, d]), Some(tail)) = (rest.get(..4).map(as4), rest.get(4..)) else {
            return Err(SafeZipError::Corrupt {
                name: who(),
                reason: format!("the extra field of its {where_} is malformed"),
            });
        };
        let id = u16::from_le_bytes([a, b]);
        let len = usize::from(u16::from_le_bytes([c, d]));
        let Some(data) = tail.get(..len) else {
            return Err(SafeZipError::Corrupt {
                name: who(),
                reason: format!("the extra field of its {where_} is malformed"),
            });
        };
        rest = tail.get(len..).unwrap_or_default();
        if seen.contains(&id) {
            return Err(SafeZipError::Ambiguous {
                name: who(),
                reason: format!("its {where_} has extra field {id:#06x} twice"),
            });
        }
        seen.push(id);
        if let Some((_, what)) = REFUSED.iter().find(|(r, _)| *r == id) {
            return Err(SafeZipError::Ambiguous {
                name: who(),
                reason: format!("its {where_} has extra field {id:#06x} ({what})"),
            });
        }
        if strictness == Strictness::Pack && !PACK_ALLOWED.contains(&id) {
            return Err(SafeZipError::Ambiguous {
                name: who(),
                reason: format!(
                    "its {where_} has extra field {id:#06x}, which Tally never writes and not every tool reads alike"
                ),
            });
        }
        if id == ZIP64 {
            zip64 = Some(data.to_vec());
        }
    }
    Ok(zip64)
}

fn as4(s: &[u8]) -> &[u8; 4] {
    s.try_into().unwrap_or(&[0; 4])
}
