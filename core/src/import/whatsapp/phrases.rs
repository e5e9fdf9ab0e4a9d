//! Recognising WhatsApp's own words ([`super::strings`]) in a message, whatever the
//! language, letter case, quote style or invisible marks.
//!
//! Placeholders (media left out, deleted, missed calls) are whole first lines and are
//! looked up exactly. Notices have names and subjects in them: each is a template whose
//! `{}` stands for any non-empty text, matched from the start of the text either to its
//! end or, for notices WhatsApp follows with "Tap to learn more", to a sentence break.
//! An Aho–Corasick automaton over each template's longest fixed part finds the few
//! templates worth trying, so a line costs one pass over its text however many
//! templates there are.

use std::collections::HashSet;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::header::is_mark;
use super::strings;

/// Notices are single short sentences; text beyond this is never compared.
const MAX_NOTICE_BYTES: usize = 600;

/// Text longer than this is taken for no notice without being normalised (normalising
/// only drops marks and runs of spaces, and a notice is at most [`MAX_NOTICE_BYTES`]),
/// which keeps long messages cheap.
const MAX_NOTICE_SOURCE_BYTES: usize = 4 * MAX_NOTICE_BYTES;

/// Lower case, marks dropped, every kind of space made ASCII and runs of them one, the
/// many quote styles made `"`, `‹›` made `<>`, trimmed.
pub(super) fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '″' => {
                out.push('"')
            }
            '‹' | '›' => out.push(angle(c)),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A normalised placeholder without one trailing full stop (iPhones write "This message
/// was deleted." and Android phones the same without the stop).
fn key(s: &str) -> String {
    let mut k = normalise(s);
    if k.ends_with('.') || k.ends_with('。') || k.ends_with('।') {
        k.pop();
    }
    k
}

/// A template split at its `{}` placeholders, normalised.
struct Template {
    parts: Vec<String>,
}

impl Template {
    fn new(t: &str) -> Self {
        Template {
            parts: normalise(t).split("{}").map(str::to_owned).collect(),
        }
    }

    /// The longest fixed part, which every match contains.
    fn anchor(&self) -> &str {
        self.parts
            .iter()
            .max_by_key(|p| p.len())
            .map_or("", String::as_str)
    }

    /// Whether `text` (normalised) is this notice: from its start, with every `{}` at
    /// least one character long, to its end — or, with `sentence`, to the end of a
    /// sentence that more text follows ("… changed. Tap to learn more.").
    fn matches(&self, text: &str, sentence: Ending) -> bool {
        let Some((first, rest)) = self.parts.split_first() else {
            return false;
        };
        let Some(mut pos) = text.strip_prefix(first.as_str()).map(|_| first.len()) else {
            return false;
        };
        let Some((last, middle)) = rest.split_last() else {
            return pos == text.len() || sentence.allows(text, pos, first);
        };
        for part in middle {
            let Some(from) = next_char(text, pos) else {
                return false;
            };
            match text.get(from..).and_then(|t| t.find(part.as_str())) {
                Some(found) => pos = from + found + part.len(),
                None => return false,
            }
        }
        let Some(from) = next_char(text, pos) else {
            return false;
        };
        if last.is_empty() {
            // `{}` at the end: anything after `from` belongs to it.
            return true;
        }
        if text.len() >= from + last.len() && text.ends_with(last.as_str()) {
            return true;
        }
        if sentence == Ending::Whole {
            return false;
        }
        let mut search = from;
        while let Some(found) = text.get(search..).and_then(|t| t.find(last.as_str())) {
            let end = search + found + last.len();
            if sentence.allows(text, end, last) {
                return true;
            }
            match next_char(text, search + found) {
                Some(next) => search = next,
                None => break,
            }
        }
        false
    }
}

/// The byte offset just after the character at `pos`, if there is one.
fn next_char(text: &str, pos: usize) -> Option<usize> {
    let c = text.get(pos..)?.chars().next()?;
    Some(pos + c.len_utf8())
}

/// Where a notice may end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// At the end of the text only.
    Whole,
    /// At the end of a sentence that more text follows ("… changed. Tap to learn more.").
    Sentence,
    /// Before any space: the notices no one types, whose follow-up WhatsApp writes
    /// without a full stop in some languages (Thai).
    Word,
}

impl Ending {
    /// Whether a notice whose last fixed part is `part` may end at `end`.
    fn allows(self, text: &str, end: usize, part: &str) -> bool {
        let space_follows = text.get(end..).is_some_and(|r| r.starts_with(' '));
        end == text.len()
            || match self {
                Ending::Whole => false,
                Ending::Sentence => part.ends_with(['.', '。', '।', '!']) && space_follows,
                Ending::Word => space_follows,
            }
    }
}

/// Templates with an automaton over their anchors.
struct TemplateSet {
    templates: Vec<Template>,
    /// Template index of each automaton pattern.
    owners: Vec<usize>,
    automaton: Option<AhoCorasick>,
    /// Templates with no fixed part to anchor on (none today), tried on every text.
    unanchored: Vec<usize>,
}

impl TemplateSet {
    fn new<'s>(source: impl IntoIterator<Item = &'s str>) -> Self {
        let templates: Vec<Template> = source.into_iter().map(Template::new).collect();
        let mut anchors = Vec::new();
        let mut owners = Vec::new();
        let mut unanchored = Vec::new();
        for (i, t) in templates.iter().enumerate() {
            let anchor = t.anchor();
            if anchor.trim().is_empty() {
                unanchored.push(i);
            } else {
                anchors.push(anchor.to_owned());
                owners.push(i);
            }
        }
        TemplateSet {
            automaton: AhoCorasick::new(&anchors).ok(),
            templates,
            owners,
            unanchored,
        }
    }

    fn any(&self, text: &str, ending: Ending) -> bool {
        if text.len() > MAX_NOTICE_BYTES {
            return false;
        }
        let tried = |i: usize| {
            self.templates
                .get(i)
                .is_some_and(|t| t.matches(text, ending))
        };
        if self.unanchored.iter().any(|&i| tried(i)) {
            return true;
        }
        let Some(automaton) = &self.automaton else {
            return false;
        };
        automaton.find_overlapping_iter(text).any(|m| {
            self.owners
                .get(m.pattern().as_usize())
                .is_some_and(|&i| tried(i))
        })
    }
}

/// A media name in a placeholder: text before and after it.
struct Affix {
    before: String,
    after: String,
}

/// Everything recognised, built once.
struct Phrases {
    omitted: HashSet<String>,
    deleted: HashSet<String>,
    calls: HashSet<String>,
    document_omitted: Vec<String>,
    attached: Vec<Affix>,
    strong: TemplateSet,
    notices: TemplateSet,
    /// Notices whose own words hold a colon, which could be taken for `Name: text`.
    with_colon: TemplateSet,
    /// [`strings::NOTICE_WORDS`].
    notice_words: Option<AhoCorasick>,
}

fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| Phrases {
        omitted: strings::OMITTED.iter().map(|s| key(s)).collect(),
        deleted: strings::DELETED.iter().map(|s| key(s)).collect(),
        calls: strings::MISSED_CALLS.iter().map(|s| key(s)).collect(),
        document_omitted: strings::DOCUMENT_OMITTED.iter().map(|s| key(s)).collect(),
        attached: strings::ATTACHED
            .iter()
            .filter_map(|t| {
                let (before, after) = t.split_once("{}")?;
                Some(Affix {
                    before: normalise(before),
                    after: normalise(after),
                })
            })
            .collect(),
        strong: TemplateSet::new(strings::STRONG_NOTICES.iter().copied()),
        notices: TemplateSet::new(strings::NOTICES.iter().copied()),
        with_colon: TemplateSet::new(
            strings::NOTICES
                .iter()
                .chain(strings::STRONG_NOTICES)
                .copied()
                .filter(|t| t.split("{}").any(|part| part.contains([':', '：']))),
        ),
        notice_words: AhoCorasick::new(strings::NOTICE_WORDS.iter().map(|w| normalise(w))).ok(),
    })
}

/// What a placeholder says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Placeholder {
    /// Media left out of the export, with the document's name when the line gives it.
    Omitted(Option<String>),
    /// Media included in the export, by file name.
    Attached(String),
    /// A deleted message.
    Deleted,
    /// A missed call.
    MissedCall,
}

/// Recognises a placeholder in a message's first line.
pub(super) fn placeholder(first_line: &str) -> Option<Placeholder> {
    let p = phrases();
    if first_line.len() > MAX_NOTICE_SOURCE_BYTES {
        return None;
    }
    let k = key(first_line);
    let inner = k
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .map(str::trim);
    if p.omitted.contains(&k) || inner.is_some_and(|i| p.omitted.contains(i)) {
        return Some(Placeholder::Omitted(None));
    }
    if p.deleted.contains(&k) {
        return Some(Placeholder::Deleted);
    }
    if p.calls.contains(&k) {
        return Some(Placeholder::MissedCall);
    }
    if let Some(name) = attached_name(first_line, &p.attached) {
        return Some(Placeholder::Attached(name));
    }
    // The line's last character rules out most markers at once.
    let last = first_line
        .trim_end_matches(|c: char| c.is_whitespace() || is_mark(c))
        .chars()
        .next_back()
        .map(|c| {
            let c = angle(c);
            c.to_lowercase().next().unwrap_or(c)
        });
    for marker in &p.document_omitted {
        if marker.chars().next_back() != last {
            continue;
        }
        if let Some(start) = ends_with_ci(first_line, marker) {
            let name = first_line.get(..start).unwrap_or_default();
            let name = name.split(" • ").next().unwrap_or(name);
            let name = clean_name(name);
            return Some(Placeholder::Omitted((!name.is_empty()).then_some(name)));
        }
    }
    None
}

/// Whether a text is a notice no person types (encryption, security code).
pub(super) fn is_strong_notice(text: &str) -> bool {
    text.len() <= MAX_NOTICE_SOURCE_BYTES && phrases().strong.any(&normalise(text), Ending::Word)
}

/// Whether a text WhatsApp marked as its own is a notice: one of its notices, or one
/// holding a word only the encryption and security-code notices hold.
pub(super) fn is_notice(text: &str) -> bool {
    if text.len() > MAX_NOTICE_SOURCE_BYTES {
        return false;
    }
    let n = normalise(text);
    let p = phrases();
    p.strong.any(&n, Ending::Word)
        || p.notices.any(&n, Ending::Sentence)
        || (n.len() <= MAX_NOTICE_BYTES && p.notice_words.as_ref().is_some_and(|a| a.is_match(&n)))
}

/// Whether a whole line remainder (`Name: text` as written) is a notice whose own words
/// contain `": "` (a subject with a colon, the Polish "Dodałeś(-aś): Ala").
pub(super) fn is_notice_line(rest: &str) -> bool {
    rest.len() <= MAX_NOTICE_SOURCE_BYTES
        && phrases().with_colon.any(&normalise(rest), Ending::Sentence)
}

/// A file name as written in a placeholder, marks dropped and trimmed.
pub(super) fn clean_name(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_mark(c))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The file name in `<attached: name>`, `name (file attached)` and their translations;
/// iPhone documents put the placeholder after the title (`title • 2 pages <attached: …>`).
fn attached_name(line: &str, affixes: &[Affix]) -> Option<String> {
    let tail = line.rfind('<').and_then(|i| line.get(i..));
    for a in affixes {
        for candidate in [Some(line), tail].into_iter().flatten() {
            let Some(start) = starts_with_ci(candidate, &a.before) else {
                continue;
            };
            let Some(rest) = candidate.get(start..) else {
                continue;
            };
            let end = if a.after.is_empty() {
                Some(rest.len())
            } else {
                ends_with_ci(rest, &a.after)
            };
            if let Some(end) = end {
                let name = clean_name(rest.get(..end).unwrap_or_default());
                if !name.is_empty() {
                    return Some(name);
                }
            }
        }
    }
    None
}

/// `‹` and `›` as `<` and `>` (some phones write the angle quotes around placeholders).
fn angle(c: char) -> char {
    match c {
        '‹' => '<',
        '›' => '>',
        c => c,
    }
}

/// Character-wise comparison helpers that skip marks, treat every space alike and ignore
/// case, returning byte offsets in the original text.
fn same(a: char, b: char) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(&b) || (a.is_ascii_whitespace() && b.is_ascii_whitespace());
    }
    // `b` is from a normalised phrase: already lower case.
    (a.is_whitespace() && b.is_whitespace()) || a.to_lowercase().eq(std::iter::once(b))
}

/// The byte length of the prefix of `text` that is `lit` (normalised), if it is one.
fn starts_with_ci(text: &str, lit: &str) -> Option<usize> {
    let mut t = text.char_indices().filter(|&(_, c)| !is_mark(c)).peekable();
    for l in lit.chars() {
        let (_, c) = t.next()?;
        if !same(angle(c), l) {
            return None;
        }
    }
    Some(t.peek().map_or(text.len(), |&(i, _)| i))
}

/// The byte offset where the suffix of `text` that is `lit` (normalised) starts, if it
/// is one (trailing spaces and marks ignored).
fn ends_with_ci(text: &str, lit: &str) -> Option<usize> {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || is_mark(c));
    let mut t = trimmed.char_indices().rev().filter(|&(_, c)| !is_mark(c));
    let mut start = trimmed.len();
    for l in lit.chars().rev() {
        let (i, c) = t.next()?;
        if !same(angle(c), l) {
            return None;
        }
        start = i;
    }
    Some(start)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_many_languages() {
        let omitted = Placeholder::Omitted(None);
        for (line, expected) in [
            ("<Media omitted>", omitted.clone()),
            ("<Multimedia omitted>", omitted.clone()),
            ("<Media Skipped>", omitted.clone()),
            ("‹\u{200E}image omitted›", omitted.clone()),
            ("‹Média vynechány›", omitted.clone()),
            ("<Без медиафайлов>", omitted.clone()),
            ("<Medien ausgeschlossen>", omitted.clone()),
            ("Bild weggelassen", omitted.clone()),
            ("\u{200F}لم يتم إدراج الصورة", omitted.clone()),
            ("画像は含まれていません", omitted.clone()),
            ("Diese Nachricht wurde gelöscht", Placeholder::Deleted),
            ("Diese Nachricht wurde gelöscht.", Placeholder::Deleted),
            ("This message was deleted", Placeholder::Deleted),
            ("Tato zpráva byla smazána.", Placeholder::Deleted),
            ("Missed voice call", Placeholder::MissedCall),
            ("Verpasster Sprachanruf", Placeholder::MissedCall),
            ("Пропущенный аудиозвонок", Placeholder::MissedCall),
        ] {
            assert_eq!(placeholder(line), Some(expected), "{line:?}");
        }
        assert_eq!(placeholder("Bild von gestern"), None);
        assert_eq!(placeholder("Missed the bus"), None);
    }

    #[test]
    fn attached_media_names_come_out_without_marks() {
        let name = |l: &str| match placeholder(l) {
            Some(Placeholder::Attached(n)) => n,
            other => panic!("{l:?}: {other:?}"),
        };
        assert_eq!(
            name("<attached: 00000012-PHOTO-2024-03-13-00-01-00.jpg>"),
            "00000012-PHOTO-2024-03-13-00-01-00.jpg"
        );
        assert_eq!(
            name("\u{200E}<attached: \u{200E}PTT-20180129-WA0025.opus>"),
            "PTT-20180129-WA0025.opus"
        );
        assert_eq!(
            name("\u{200E}IMG-20240313-WA0001.jpg (file attached)"),
            "IMG-20240313-WA0001.jpg"
        );
        assert_eq!(
            name("IMG-20250330-WA0001.jpg (Datei angehängt)"),
            "IMG-20250330-WA0001.jpg"
        );
        assert_eq!(name("foto.jpg (bestand bijgevoegd)"), "foto.jpg");
        assert_eq!(name("<Anhang: 00000003-AUDIO.opus>"), "00000003-AUDIO.opus");
        assert_eq!(
            name("name \u{2022} 2 pages \u{200E}<attached: 00000012-name.pdf>"),
            "00000012-name.pdf"
        );
    }

    #[test]
    fn omitted_documents_keep_their_title() {
        assert_eq!(
            placeholder("Resume.pdf \u{2022} \u{200E}2 Seiten \u{200E}Dokument weggelassen"),
            Some(Placeholder::Omitted(Some("Resume.pdf".into())))
        );
        assert_eq!(
            placeholder("Some file.txt \u{200E}document omitted"),
            Some(Placeholder::Omitted(Some("Some file.txt".into())))
        );
    }

    #[test]
    fn notices_match_with_names_and_sentences_after_them() {
        assert!(is_notice(
            "Your security code with Elon changed. \u{200E}Tap to learn more."
        ));
        assert!(is_notice(
            "Deine Sicherheitsnummer für Elon hat sich geändert. Tippe, um mehr zu erfahren."
        ));
        assert!(is_notice("Keith Hill changed the subject to “Boys”"));
        assert!(is_notice(
            "Elon Musk turned on disappearing messages. All new messages will disappear."
        ));
        assert!(!is_notice("Elon Musk turned up late"));
        // A marked text in a wording from another app version, by its words alone.
        assert!(is_notice(
            "Les messages sont désormais chiffrés de bout en bout. Appuyez ici."
        ));
        assert!(is_strong_notice(
            "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt. Niemand außerhalb dieses \
             Chats kann sie lesen oder anhören, nicht einmal WhatsApp."
        ));
        assert!(is_strong_notice(
            "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more."
        ));
        assert!(!is_strong_notice("are messages end-to-end encrypted?"));
        assert!(is_strong_notice(
            "รหัสความปลอดภัยของคุณกับ Elon มีการเปลี่ยนแปลง \u{200E}แตะเพื่อเรียนรู้เพิ่มเติม"
        ));
        assert!(!is_notice_line("Jenit Jain: Left"));
        assert!(is_notice_line("Dodałeś(-aś): Ala"));
    }

    #[test]
    fn templates_need_non_empty_names() {
        let whole = Ending::Whole;
        let t = Template::new("{} left");
        assert!(t.matches("sam left", whole));
        assert!(!t.matches(" left", whole));
        assert!(!t.matches("sam left early", whole));
        assert!(!t.matches("sam left early", Ending::Sentence));
        let t = Template::new("You added {}");
        assert!(t.matches("you added jo", whole));
        assert!(!t.matches("you added ", whole));
        let t = Template::new("{} changed the subject from \"{}\" to \"{}\"");
        assert!(t.matches("sam changed the subject from \"a\" to \"re: b\"", whole));
    }
}
