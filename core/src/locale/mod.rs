//! The words the core produces — headlines, summary sentences, field errors, questions — in
//! the language the shell asks for.
//!
//! Every sentence is a Project Fluent message (`core/locales/<tag>.ftl`), formatted by
//! `fluent-bundle`. British English is complete; Welsh is one more file with the same
//! message ids, marked as drafts needing review by a fluent speaker. A message missing from
//! a locale falls back to British English, so a new sentence never shows up blank.
//!
//! Dates are formatted here too ("3 March 2024", "between 3 and 9 March 2024") from the
//! month and weekday names in the files: Fluent's own date function is not implemented in
//! Rust, and statements write dates this way in both languages.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::{
    Category, ContactMethod, EntryKind, LifeChange, MessageSource, OrderType, Relationship,
};

/// A language the core can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// British English (`en-GB`): complete, and the language of reports.
    #[default]
    EnGb,
    /// Welsh (`cy`): drafts awaiting review by a fluent speaker.
    Cy,
}

impl Locale {
    /// Every locale, British English first.
    pub const ALL: [Locale; 2] = [Locale::EnGb, Locale::Cy];

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::EnGb => "en-GB",
            Locale::Cy => "cy",
        }
    }

    /// The locale for a BCP 47 tag the shell passes (`en-GB`, `cy`, `cy-GB`, `en_US`…):
    /// matched by language, British English for anything else.
    pub fn from_tag(tag: &str) -> Locale {
        let language = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "cy" => Locale::Cy,
            _ => Locale::EnGb,
        }
    }

    /// Whether this locale's text still awaits review by a fluent speaker.
    pub fn needs_review(self) -> bool {
        matches!(self, Locale::Cy)
    }

    fn source(self) -> &'static str {
        match self {
            Locale::EnGb => include_str!("../../locales/en-GB.ftl"),
            Locale::Cy => include_str!("../../locales/cy.ftl"),
        }
    }
}

/// One argument of a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    /// Text placed as it is.
    Text(Cow<'a, str>),
    /// A count or number, which also selects the plural form.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u32, u64, usize, i64);

/// The messages of one locale, ready to format.
pub struct Words {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
    /// Labels a timeline asks for once per item, formatted once: months, categories,
    /// kinds of entry (a timeline of 10,000 entries otherwise formats them 10,000 times).
    labels: OnceLock<Labels>,
}

struct Labels {
    months: Vec<String>,
    categories: Vec<String>,
    categories_lower: Vec<String>,
    kinds: Vec<String>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

impl Words {
    /// The words of `locale` (parsed once, then shared).
    pub fn of(locale: Locale) -> &'static Words {
        static EN_GB: OnceLock<Words> = OnceLock::new();
        static CY: OnceLock<Words> = OnceLock::new();
        let cell = match locale {
            Locale::EnGb => &EN_GB,
            Locale::Cy => &CY,
        };
        cell.get_or_init(|| Words::load(locale))
    }

    /// British English, the language of reports.
    pub fn en_gb() -> &'static Words {
        Words::of(Locale::EnGb)
    }

    fn load(locale: Locale) -> Words {
        let tag = locale.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Plain text, not bidirectional isolation marks: the words go into terminals,
        // reports and test assertions as well as screens.
        bundle.set_use_isolating(false);
        // The files are part of the build and tested; a syntax error in one is reported by
        // `every_locale_parses_and_has_every_message`, and what did parse is still used.
        let resource = match FluentResource::try_new(locale.source().to_owned()) {
            Ok(r) => r,
            Err((partial, _)) => partial,
        };
        let _ = bundle.add_resource(resource);
        Words {
            locale,
            bundle,
            labels: OnceLock::new(),
        }
    }

    fn labels(&self) -> &Labels {
        self.labels.get_or_init(|| Labels {
            months: (1..=12).map(|m| self.text(&format!("month-{m}"))).collect(),
            categories: Category::ALL
                .iter()
                .map(|c| self.text(&format!("category-{}", c.as_str())))
                .collect(),
            categories_lower: Category::ALL
                .iter()
                .map(|c| self.attribute(&format!("category-{}", c.as_str()), "lower", &[]))
                .collect(),
            kinds: EntryKind::ALL
                .iter()
                .map(|k| self.text(&format!("kind-{}", k.as_str())))
                .collect(),
        })
    }

    /// This locale.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// Message `id` with no arguments.
    pub fn text(&self, id: &str) -> String {
        self.format(id, None, &[])
    }

    /// Message `id` with named arguments.
    pub fn with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(id, None, args)
    }

    /// Attribute `attribute` of message `id` (`category-threat.lower`).
    pub fn attribute(&self, id: &str, attribute: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(id, Some(attribute), args)
    }

    fn format(&self, id: &str, attribute: Option<&str>, args: &[(&str, Arg<'_>)]) -> String {
        let found = self.bundle.get_message(id).and_then(|m| match attribute {
            Some(a) => m.get_attribute(a).map(|a| a.value()),
            None => m.value(),
        });
        let Some(pattern) = found else {
            // A message not yet translated speaks British English; one missing there too
            // is a bug the tests catch, shown as its id rather than as nothing.
            if self.locale != Locale::EnGb {
                return Words::en_gb().format(id, attribute, args);
            }
            return attribute.map_or_else(|| id.to_owned(), |a| format!("{id}.{a}"));
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_ref()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }

    /// "3 March 2024".
    pub fn date(&self, d: NaiveDate) -> String {
        self.with(
            "date",
            &[
                ("day", d.day().into()),
                ("month", self.month(d.month()).into()),
                ("year", i64::from(d.year()).into()),
            ],
        )
    }

    /// "Friday 1 March 2024", for the heading of a day.
    pub fn day_heading(&self, d: NaiveDate) -> String {
        let weekday = d.weekday().number_from_monday();
        self.with(
            "day-heading",
            &[
                ("weekday", self.text(&format!("weekday-{weekday}")).into()),
                ("date", self.date(d).into()),
            ],
        )
    }

    /// An incident category's label ("Visit to home").
    pub fn category(&self, c: Category) -> String {
        let i = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
        self.labels().categories.get(i).cloned().unwrap_or_default()
    }

    /// An incident category inside a sentence ("visit to home").
    pub fn category_lower(&self, c: Category) -> String {
        let i = Category::ALL.iter().position(|x| *x == c).unwrap_or(0);
        self.labels()
            .categories_lower
            .get(i)
            .cloned()
            .unwrap_or_default()
    }

    /// An order type's label ("Bail conditions").
    pub fn order_type(&self, t: OrderType) -> String {
        self.text(&format!("order-type-{}", t.as_str()))
    }

    /// An order type inside a sentence ("bail conditions").
    pub fn order_type_lower(&self, t: OrderType) -> String {
        self.attribute(&format!("order-type-{}", t.as_str()), "lower", &[])
    }

    /// A kind of entry's label ("Police contact").
    pub fn kind(&self, k: EntryKind) -> String {
        let i = EntryKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
        self.labels().kinds.get(i).cloned().unwrap_or_default()
    }

    /// A kind of entry with its article, inside a sentence ("a police contact").
    pub fn kind_with_article(&self, k: EntryKind) -> String {
        self.attribute(&format!("kind-{}", k.as_str()), "article", &[])
    }

    /// A relationship's label ("Ex-partner").
    pub fn relationship(&self, r: Relationship) -> String {
        self.text(&format!("relationship-{}", r.as_str()))
    }

    /// A relationship inside a sentence ("ex-partner").
    pub fn relationship_lower(&self, r: Relationship) -> String {
        self.attribute(&format!("relationship-{}", r.as_str()), "lower", &[])
    }

    /// How a police contact happened ("999 call").
    pub fn method(&self, m: ContactMethod) -> String {
        self.text(&format!("method-{}", m.as_str()))
    }

    /// Where an imported conversation came from ("WhatsApp").
    pub fn source(&self, s: MessageSource) -> String {
        self.text(&format!("source-{}", s.as_str()))
    }

    /// A change to daily life ("moved home"); the victim's own words for `Other`.
    pub fn life_change(&self, c: &LifeChange) -> String {
        match c {
            LifeChange::Other(text) => text.clone(),
            fixed => self.text(&format!("life-change-{}", fixed.as_str())),
        }
    }

    fn month(&self, month: u32) -> String {
        let i = usize::try_from(month.saturating_sub(1)).unwrap_or(0);
        self.labels().months.get(i).cloned().unwrap_or_default()
    }

    /// "on 3 March 2024", "between 3 and 9 March 2024", "between 28 February and 5 March
    /// 2024", "between 30 December 2024 and 2 January 2025".
    pub fn span(&self, a: NaiveDate, b: NaiveDate) -> String {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        if a == b {
            return self.with("span-one-day", &[("date", self.date(a).into())]);
        }
        let first = if a.year() == b.year() && a.month() == b.month() {
            a.day().to_string()
        } else if a.year() == b.year() {
            self.with(
                "day-month",
                &[
                    ("day", a.day().into()),
                    ("month", self.month(a.month()).into()),
                ],
            )
        } else {
            self.date(a)
        };
        self.with(
            "span-days",
            &[("first", first.into()), ("last", self.date(b).into())],
        )
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn ids(source: &str) -> (BTreeSet<String>, usize) {
        let (resource, errors) = match FluentResource::try_new(source.to_owned()) {
            Ok(r) => (r, 0),
            Err((r, e)) => (r, e.len()),
        };
        let ids = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect();
        (ids, errors)
    }

    #[test]
    fn every_locale_parses_and_has_every_message() {
        let (english, errors) = ids(Locale::EnGb.source());
        assert_eq!(errors, 0, "en-GB.ftl has syntax errors");
        for locale in Locale::ALL {
            let (theirs, errors) = ids(locale.source());
            assert_eq!(errors, 0, "{}.ftl has syntax errors", locale.tag());
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.tag());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", locale.tag());
        }
    }

    #[test]
    fn spans_read_like_a_statement() {
        let w = Words::en_gb();
        assert_eq!(
            w.span(d(2024, 3, 3), d(2024, 3, 9)),
            "between 3 and 9 March 2024"
        );
        assert_eq!(w.span(d(2024, 3, 9), d(2024, 3, 9)), "on 9 March 2024");
        assert_eq!(
            w.span(d(2024, 2, 28), d(2024, 3, 5)),
            "between 28 February and 5 March 2024"
        );
        assert_eq!(
            w.span(d(2024, 12, 30), d(2025, 1, 2)),
            "between 30 December 2024 and 2 January 2025"
        );
        assert_eq!(w.day_heading(d(2024, 3, 1)), "Friday 1 March 2024");
    }

    #[test]
    fn welsh_names_its_months_and_the_shell_tag_chooses_it() {
        assert_eq!(Locale::from_tag("cy-GB"), Locale::Cy);
        assert_eq!(Locale::from_tag("en-US"), Locale::EnGb);
        assert_eq!(Locale::from_tag(""), Locale::EnGb);
        assert_eq!(Words::of(Locale::Cy).date(d(2024, 3, 3)), "3 Mawrth 2024");
    }

    #[test]
    fn plurals_follow_the_count() {
        let w = Words::en_gb();
        assert_eq!(w.with("count-days", &[("n", 1u64.into())]), "1 day");
        assert_eq!(w.with("count-days", &[("n", 0u64.into())]), "0 days");
    }

    #[test]
    fn a_missing_message_is_named_not_blank() {
        assert_eq!(
            Words::of(Locale::Cy).text("no-such-message"),
            "no-such-message"
        );
    }
}
