//! Member names: decoding them the one way every tool would, refusing names that could
//! land outside the destination, and refusing two names that one file system would take
//! for the same file.
//!
//! Collisions are judged on a folded key: Unicode lower case of the canonical form (macOS
//! compares names case- and normalisation-insensitively, Windows case-insensitively), with
//! the trailing dots and spaces Windows drops from each component removed. Checking them
//! is linear in the total length of the names.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use super::{SafeZipError, Strictness, ZipLimits};

/// Bit 11 of the general-purpose flags: the name is UTF-8 (APPNOTE 4.4.4, appendix D).
const UTF8_FLAG: u16 = 1 << 11;

/// IBM code page 437 for bytes 0x80–0xFF, the zip default when bit 11 is clear.
const CP437_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '⌐', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖', '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐', //
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟', '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧', //
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫', '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀', //
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ', 'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩', //
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈', '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{a0}',
];

/// A name fit for an error message: at most 200 characters.
pub(super) fn shown(name: &str) -> String {
    if name.chars().count() <= 200 {
        name.to_owned()
    } else {
        let mut s: String = name.chars().take(200).collect();
        s.push('…');
        s
    }
}

/// Decodes a member name. ASCII reads the same everywhere. Otherwise bit 11 promises
/// UTF-8; without it, tools disagree (Python reads CP437, Windows the system's code page,
/// Info-ZIP on Linux the locale's), so packs refuse such a name, and other archives read it
/// as UTF-8 when it is valid UTF-8 (macOS writes UTF-8 without the flag) and CP437 if not.
pub(super) fn decode(
    raw: &[u8],
    flags: u16,
    strictness: Strictness,
) -> Result<String, SafeZipError> {
    if raw.is_ascii() {
        return Ok(raw.iter().map(|&b| char::from(b)).collect());
    }
    let lossy = || shown(&String::from_utf8_lossy(raw));
    if flags & UTF8_FLAG != 0 {
        return std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| SafeZipError::UnsafeName {
                name: lossy(),
                reason: "it is marked UTF-8 but is not valid UTF-8",
            });
    }
    if strictness == Strictness::Pack {
        return Err(SafeZipError::Ambiguous {
            name: lossy(),
            reason: "its name is not ASCII and not marked UTF-8, so tools decode it differently"
                .into(),
        });
    }
    match std::str::from_utf8(raw) {
        Ok(s) => Ok(s.to_owned()),
        Err(_) => Ok(raw
            .iter()
            .map(|&b| match b.checked_sub(0x80) {
                Some(i) => CP437_HIGH.get(usize::from(i)).copied().unwrap_or('?'),
                None => char::from(b),
            })
            .collect()),
    }
}

/// The name rules: relative, `/`-separated, no `.`/`..`/empty components, no backslash,
/// no drive letter, no control characters, not too long. Packs also hold only names that
/// Windows can create as they are.
pub(super) fn check(
    name: &str,
    limits: &ZipLimits,
    strictness: Strictness,
) -> Result<(), SafeZipError> {
    let bad = |reason| {
        Err(SafeZipError::UnsafeName {
            name: shown(name),
            reason,
        })
    };
    if name.is_empty() {
        return bad("it is empty");
    }
    if name.len() > limits.max_name_bytes {
        return bad("it is too long");
    }
    if name.chars().any(char::is_control) {
        return bad("it contains a control character");
    }
    if name.contains('\\') {
        return bad("it contains a backslash");
    }
    if name.starts_with('/') {
        return bad("it is an absolute path");
    }
    let b = name.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        return bad("it starts with a drive letter");
    }
    let body = name.strip_suffix('/').unwrap_or(name);
    for comp in body.split('/') {
        match comp {
            "" => return bad("it has an empty component"),
            "." | ".." => return bad("it contains '.' or '..'"),
            _ => {}
        }
        if strictness == Strictness::Pack
            && let Some(reason) = windows_trouble(comp)
        {
            return bad(reason);
        }
    }
    Ok(())
}

/// Why Windows would not create `comp` as it is written, or would take it for another name.
pub(crate) fn windows_trouble(comp: &str) -> Option<&'static str> {
    if comp.contains(['<', '>', ':', '"', '|', '?', '*']) {
        return Some("it contains a character Windows does not allow in file names");
    }
    if comp.ends_with(['.', ' ']) {
        return Some("a component ends with a dot or space, which Windows drops");
    }
    let stem = comp
        .split('.')
        .next()
        .unwrap_or(comp)
        .trim_end()
        .to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem
                .as_bytes()
                .get(3)
                .is_some_and(|b| (b'1'..=b'9').contains(b));
    if device {
        return Some("a component is a Windows device name (CON, NUL, COM1…)");
    }
    // NAME~1.EXT is how Windows writes the short name of a long one: a member named so
    // can open another member's file there.
    let b = comp.as_bytes();
    if b.windows(2).any(|w| w[0] == b'~' && w[1].is_ascii_digit()) {
        return Some(
            "a component looks like a Windows short name (NAME~1), which can alias another file",
        );
    }
    None
}

/// The key two names collide on: canonical lower case, per component without the
/// trailing dots and spaces Windows drops.
pub(super) fn fold(name: &str) -> String {
    let lowered: String = if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        let decomposed: String = name.nfd().collect();
        decomposed.to_lowercase().nfc().collect()
    };
    if !lowered.contains(['.', ' ']) {
        return lowered;
    }
    lowered
        .split('/')
        .map(|c| c.trim_end_matches(['.', ' ']))
        .collect::<Vec<_>>()
        .join("/")
}

/// Refuses two members whose names fold to the same key (a folder entry and a file of the
/// same name included) and a file that is also the folder of another member.
pub(super) fn refuse_collisions<'a>(
    members: impl Iterator<Item = (&'a str, bool)>,
) -> Result<(), SafeZipError> {
    let mut keys: HashMap<String, bool> = HashMap::new();
    let mut order: Vec<(String, &'a str)> = Vec::new();
    for (name, is_dir) in members {
        let key = fold(name.trim_end_matches('/'));
        if keys.insert(key.clone(), is_dir).is_some() {
            return Err(SafeZipError::Duplicate { name: shown(name) });
        }
        order.push((key, name));
    }
    // Each folder is checked once, however many members sit in it: walking up stops at
    // the first folder already checked, so deep trees cost no more than flat ones.
    let mut checked: HashSet<&str> = HashSet::new();
    for (key, name) in &order {
        let mut rest = key.as_str();
        while let Some(i) = rest.rfind('/') {
            rest = rest.get(..i).unwrap_or_default();
            if !checked.insert(rest) {
                break;
            }
            if keys.get(rest) == Some(&false) {
                return Err(SafeZipError::Duplicate { name: shown(name) });
            }
        }
    }
    Ok(())
}
