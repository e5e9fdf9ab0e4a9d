//! What reaches the terminal: every line the CLI prints passes through [`safe`], so text
//! from a diary or an import (a sender named with an escape sequence, a note with a
//! carriage return that rewrites the line above) can never drive the terminal or hide
//! what is printed. Control characters (C0 but line feed and tab, DEL, C1) and the
//! bidirectional overrides and isolates that reorder what is shown are written as `\uXXXX`,
//! which reads plainly and is also a valid escape inside JSON strings, so `--json` output
//! stays valid JSON meaning the same characters.
//!
//! The language and zone the CLI's views use are the environment's: `LC_ALL`,
//! `LC_MESSAGES` or `LANG` (`cy_GB.UTF-8` speaks Welsh), and `TZ` or `/etc/localtime`.

use std::borrow::Cow;
use std::fmt::Write as _;

use tally_core::locale::{Locale, Words};
use tally_core::zone::Zone;

/// Whether `c` must not reach a terminal as it is.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `text` with every control and bidirectional-override character written as `\uXXXX`.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The words of the environment's language.
pub fn words() -> &'static Words {
    let tag = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    Words::of(Locale::from_tag(&tag))
}

/// The zone local times without an offset of their own are shown in.
pub fn zone() -> Zone {
    tally_core::import::device_time_zone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_carriage_returns_are_written_out() {
        assert_eq!(safe("Sam\u{1b}[2J"), "Sam\\u001b[2J");
        assert_eq!(safe("ok\rforged"), "ok\\u000dforged");
        assert_eq!(safe("a\u{9b}31m"), "a\\u009b31m");
        assert_eq!(safe("evil\u{202e}txt.exe"), "evil\\u202etxt.exe");
        assert_eq!(safe("two\nlines\tand a tab"), "two\nlines\tand a tab");
        let json = format!("\"{}\"", safe("x\u{85}y"));
        assert_eq!(
            serde_json::from_str::<String>(&json).unwrap_or_default(),
            "x\u{85}y"
        );
    }
}
