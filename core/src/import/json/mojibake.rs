//! Repairing the text of Meta's "Download your information" files (Instagram, Facebook
//! Messenger), which write every non-ASCII character as the UTF-8 bytes of it, each byte
//! escaped as if it were a Latin-1 character: "é" comes out as `\u00c3\u00a9`, which a
//! JSON reader turns into "Ã©".
//!
//! The repair is exact and safe: a string is re-read as UTF-8 only when every one of its
//! characters is below U+0100 (so it could be bytes), at least one is above U+007F (so
//! there was something to repair), and the bytes are valid UTF-8. Anything else (text
//! already correct, or Latin-1 that was meant) is returned unchanged.

use std::borrow::Cow;

/// The text as it was written before Meta's export garbled it.
pub fn repair(s: &str) -> Cow<'_, str> {
    let mut high = false;
    for c in s.chars() {
        match u32::from(c) {
            0..=0x7F => {}
            0x80..=0xFF => high = true,
            _ => return Cow::Borrowed(s),
        }
    }
    if !high {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s
        .chars()
        .filter_map(|c| u8::try_from(u32::from(c)).ok())
        .collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbled_utf8_is_repaired_and_correct_text_left_alone() {
        assert_eq!(
            repair("Caf\u{c3}\u{a9} \u{f0}\u{9f}\u{98}\u{80}"),
            "Café 😀"
        );
        assert_eq!(
            repair("\u{d0}\u{9f}\u{d1}\u{80}\u{d0}\u{b8}\u{d0}\u{b2}\u{d0}\u{b5}\u{d1}\u{82}"),
            "Привет"
        );
        assert_eq!(repair("plain ASCII"), "plain ASCII");
        // Already correct (a character above U+00FF): unchanged.
        assert_eq!(repair("Привет"), "Привет");
        // Latin-1 that is not UTF-8 bytes: unchanged.
        assert_eq!(repair("caf\u{e9}"), "caf\u{e9}");
        assert!(matches!(repair("x"), Cow::Borrowed(_)));
    }
}
