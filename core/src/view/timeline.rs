//! The timeline a victim scrolls, and the flat list the CLI prints: one item per entry,
//! each with its headline, the time as it was recorded (with its offset), its kind and
//! category, the people it names, its attachments, and its status — current, amended on a
//! date, removed on a date with the reason given, or damaged — grouped by the local day it
//! happened, newest first.
//!
//! Nothing is dropped for lack of a date: an erased entry stands on the day it was removed,
//! so the timeline shows that something was removed; a damaged row stands where it was.

use std::collections::HashMap;

use crate::zone::Zone;
use chrono::{DateTime, NaiveDate, Utc};

use super::headline::{Names, headline, removed_headline};
use super::read::Rows;
use super::time::TimeView;
use crate::diary::ListFilter;
use crate::locale::Words;
use crate::model::{Body, Category, EntryKind, EntryStatus, EntryView};

/// The kinds the timeline shows unless asked otherwise (people have their own screen).
pub const TIMELINE_KINDS: [EntryKind; 4] = [
    EntryKind::Incident,
    EntryKind::PoliceContact,
    EntryKind::Order,
    EntryKind::MessageLog,
];

/// Which entries the timeline shows. Empty vectors and `None` mean "no restriction".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Only these kinds; empty means [`TIMELINE_KINDS`].
    pub kinds: Vec<EntryKind>,
    /// Only incidents of these categories: a category is about incidents, so choosing one
    /// leaves every other kind out.
    pub categories: Vec<Category>,
    /// Only entries concerning this person entry.
    pub person: Option<u64>,
    /// Only entries dated on or after this local date.
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this local date.
    pub to: Option<NaiveDate>,
}

impl TimelineFilter {
    /// The list filter this choice means.
    pub fn to_list_filter(&self) -> ListFilter {
        let kinds = if !self.categories.is_empty() {
            vec![EntryKind::Incident]
        } else if self.kinds.is_empty() {
            TIMELINE_KINDS.to_vec()
        } else {
            self.kinds.clone()
        };
        ListFilter {
            kinds,
            categories: self.categories.clone(),
            person: self.person,
            from: self.from,
            to: self.to,
            entries: Vec::new(),
            include_corrections: false,
        }
    }
}

/// A person an entry names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    /// The person entry.
    pub seq: u64,
    /// Their name, or "entry 4" when the person entry is not readable.
    pub name: String,
}

/// Whether an entry stands as recorded, was corrected, was removed or is damaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemStatus {
    /// As sealed.
    Current,
    /// Corrected; the item shows the latest version.
    Amended {
        /// The local date of the latest correction.
        on: Option<NaiveDate>,
        /// The latest correction's entry number.
        by: u64,
        /// How many versions there are, the original included.
        versions: u64,
    },
    /// The owner removed its content; its place in the log stays.
    Removed {
        /// The local date it was removed.
        on: Option<NaiveDate>,
        /// The removal's entry number.
        by: u64,
        /// The reason given, in the owner's words.
        reason: Option<String>,
    },
    /// The row could not be read: it was altered or damaged. The rest is unaffected.
    Damaged {
        /// What failed, naming the entry (never its content).
        reason: String,
    },
}

/// One entry on the timeline or in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineItem {
    /// Entry number.
    pub seq: u64,
    /// Its kind (known even once removed).
    pub kind: EntryKind,
    /// The kind's label ("Incident").
    pub kind_label: String,
    /// The one line that names it.
    pub headline: String,
    /// When it happened or started, as recorded; `None` for a date-only order, a person,
    /// or removed content.
    pub time: Option<TimeView>,
    /// When a range or a conversation ended, as recorded.
    pub end: Option<TimeView>,
    /// The time is the victim's best recollection.
    pub approximate: bool,
    /// The local day it stands on: the day it happened, an order's first day, a removed
    /// entry's removal, a damaged row's neighbours'. `None` for an undated person.
    pub date: Option<NaiveDate>,
    /// An incident's category.
    pub category: Option<Category>,
    /// Its label ("Visit to home").
    pub category_label: Option<String>,
    /// The people it names.
    pub people: Vec<PersonRef>,
    /// Files attached to it.
    pub attachments: u64,
    /// Current, amended, removed or damaged.
    pub status: ItemStatus,
    /// "Amended on 3 March 2024", "Removed on 4 March 2024: wrong person"; `None` when
    /// current.
    pub status_text: Option<String>,
}

/// The items of one local day, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineDay {
    /// The day.
    pub date: NaiveDate,
    /// "Friday 1 March 2024".
    pub heading: String,
    /// Its items, newest first.
    pub items: Vec<TimelineItem>,
}

/// The whole timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Days, newest first.
    pub days: Vec<TimelineDay>,
    /// Items shown.
    pub shown: u64,
    /// Rows that could not be read, also shown where they stood.
    pub damaged: u64,
    /// "No entries yet", "Nothing matches these choices" when there is nothing to show.
    pub empty_text: Option<String>,
}

/// What building items needs to know about the whole diary.
pub(crate) struct Context<'a> {
    pub by_seq: HashMap<u64, &'a EntryView>,
    pub names: Names,
    pub zone: Zone,
    pub words: &'a Words,
}

impl<'a> Context<'a> {
    pub fn new(views: &'a [EntryView], zone: Zone, words: &'a Words) -> Self {
        Context {
            by_seq: views.iter().map(|v| (v.seq, v)).collect(),
            names: Names::of(views),
            zone,
            words,
        }
    }

    fn sealed(&self, seq: u64) -> Option<DateTime<Utc>> {
        self.by_seq.get(&seq).and_then(|v| v.recorded_at)
    }

    fn local_day(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    fn people(&self, seqs: &[u64]) -> Vec<PersonRef> {
        seqs.iter()
            .map(|&seq| PersonRef {
                seq,
                name: self.names.name_or_entry(seq, self.words),
            })
            .collect()
    }

    /// The item for one entry.
    pub fn item(&self, v: &EntryView) -> TimelineItem {
        let words = self.words;
        let status = match v.status {
            EntryStatus::Original => ItemStatus::Current,
            EntryStatus::Amended => {
                let by = v.amended_by.last().copied().unwrap_or(v.seq);
                ItemStatus::Amended {
                    on: self.sealed(by).map(|t| self.local_day(t)),
                    by,
                    versions: v.amended_by.len() as u64 + 1,
                }
            }
            EntryStatus::Erased => {
                let by = v.erased_by.unwrap_or(v.seq);
                let reason = self.by_seq.get(&by).and_then(|e| match &e.current {
                    Some(Body::Erasure(e)) => e
                        .reason
                        .as_deref()
                        .map(str::trim)
                        .filter(|r| !r.is_empty())
                        .map(str::to_owned),
                    _ => None,
                });
                ItemStatus::Removed {
                    on: self.sealed(by).map(|t| self.local_day(t)),
                    by,
                    reason,
                }
            }
        };
        let headline = match &v.current {
            Some(body) => headline(body, &self.names, words),
            None => removed_headline(v.kind, words),
        };
        let mut item =
            TimelineItem::bare(v.seq, v.kind, words.kind(v.kind), headline, status, words);
        match &v.current {
            Some(Body::Incident(i)) => {
                item.time = Some(TimeView::of(i.occurred.start, words));
                item.end = i.occurred.end.map(|t| TimeView::of(t, words));
                item.approximate = i.occurred.approximate;
                item.category = Some(i.category);
                item.category_label = Some(words.category(i.category));
                item.people = self.people(&i.people);
                item.attachments = i.attachments.len() as u64;
            }
            Some(Body::PoliceContact(c)) => item.time = Some(TimeView::of(c.at, words)),
            Some(Body::Order(o)) => {
                item.date = Some(o.start);
                item.people = self.people(&[o.person]);
            }
            Some(Body::MessageLog(m)) => {
                // Dated by whatever it holds: messages, calls, or both.
                let times = m
                    .messages
                    .iter()
                    .map(|x| x.at)
                    .chain(m.calls.iter().map(|c| c.at));
                let first = times.clone().min_by_key(|t| t.to_utc());
                let last = times.max_by_key(|t| t.to_utc());
                item.time = first.map(|t| TimeView::of(t, words));
                item.end = last
                    .filter(|l| Some(*l) != first)
                    .map(|t| TimeView::of(t, words));
                item.people = self.people(&m.people);
                item.attachments = m.attachments.len() as u64;
            }
            _ => {}
        }
        if item.date.is_none() {
            item.date = item.time.as_ref().map(|t| t.date).or(match &item.status {
                ItemStatus::Removed { on, .. } => *on,
                _ => None,
            });
        }
        if item.date.is_none() && !matches!(v.kind, EntryKind::Person) {
            // Corrections and removals themselves stand on the day they were sealed.
            item.date = self.sealed(v.seq).map(|t| self.local_day(t));
        }
        item
    }

    /// The instant an item sorts by within its day.
    fn sort_key(&self, item: &TimelineItem) -> (DateTime<Utc>, u64) {
        let at = item
            .time
            .as_ref()
            .map(|t| t.at.to_utc())
            .or_else(|| match &item.status {
                ItemStatus::Removed { by, .. } => self.sealed(*by),
                _ => None,
            })
            .or_else(|| {
                item.date
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| d.and_utc())
            })
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        (at, item.seq)
    }
}

fn status_text(status: &ItemStatus, words: &Words) -> Option<String> {
    match status {
        ItemStatus::Current => None,
        ItemStatus::Amended { on, .. } => Some(match on {
            Some(d) => words.with("status-amended-on", &[("date", words.date(*d).into())]),
            None => words.text("status-amended"),
        }),
        ItemStatus::Removed { on, reason, .. } => {
            let when = match on {
                Some(d) => words.with("status-removed-on", &[("date", words.date(*d).into())]),
                None => words.text("status-removed"),
            };
            Some(match reason {
                Some(r) => words.with(
                    "status-removed-because",
                    &[("removed", when.into()), ("reason", r.as_str().into())],
                ),
                None => when,
            })
        }
        ItemStatus::Damaged { .. } => Some(words.text("status-damaged")),
    }
}

/// A row that could not be read, as an item where it stands.
fn damaged_item(seq: u64, reason: &str, words: &Words) -> TimelineItem {
    let status = ItemStatus::Damaged {
        reason: reason.to_owned(),
    };
    TimelineItem::bare(
        seq,
        EntryKind::Incident,
        words.text("kind-unknown"),
        words.with("headline-damaged", &[("entry", seq.into())]),
        status,
        words,
    )
}

impl TimelineItem {
    /// An item with only what every entry has; the rest is filled in by kind.
    fn bare(
        seq: u64,
        kind: EntryKind,
        kind_label: String,
        headline: String,
        status: ItemStatus,
        words: &Words,
    ) -> TimelineItem {
        TimelineItem {
            seq,
            kind,
            kind_label,
            headline,
            time: None,
            end: None,
            approximate: false,
            date: None,
            category: None,
            category_label: None,
            people: Vec::new(),
            attachments: 0,
            status_text: status_text(&status, words),
            status,
        }
    }
}

/// The entries `filter` selects, in entry order, as items; damaged rows included where
/// they stand (a filter cannot tell what a damaged row was, so it never hides one).
pub fn entry_list(
    rows: &Rows,
    filter: &ListFilter,
    zone: Zone,
    words: &Words,
) -> Vec<TimelineItem> {
    let ctx = Context::new(&rows.views, zone, words);
    let chosen = filter.select(&rows.views);
    let mut items: Vec<TimelineItem> = rows
        .views
        .iter()
        .filter(|v| chosen.contains(&v.seq))
        .map(|v| ctx.item(v))
        .chain(
            rows.damaged
                .iter()
                .map(|d| damaged_item(d.seq, &d.reason, words)),
        )
        .collect();
    items.sort_by_key(|i| i.seq);
    items
}

/// The timeline for `filter`: items grouped by local day, newest first.
pub fn timeline(rows: &Rows, filter: &TimelineFilter, zone: Zone, words: &Words) -> Timeline {
    let ctx = Context::new(&rows.views, zone, words);
    let mut items = entry_list(rows, &filter.to_list_filter(), zone, words);
    // A damaged row stands on the day of the entry before it (or after it, for the first).
    for i in 0..items.len() {
        if items[i].date.is_none() && matches!(items[i].status, ItemStatus::Damaged { .. }) {
            let near = items[..i]
                .iter()
                .rev()
                .chain(items[i + 1..].iter())
                .find_map(|x| x.date);
            items[i].date = near;
        }
    }
    let damaged = items
        .iter()
        .filter(|i| matches!(i.status, ItemStatus::Damaged { .. }))
        .count() as u64;
    let mut dated: Vec<TimelineItem> = items.into_iter().filter(|i| i.date.is_some()).collect();
    dated.sort_by_key(|i| std::cmp::Reverse((i.date, ctx.sort_key(i))));
    let shown = dated.len() as u64;
    let mut days: Vec<TimelineDay> = Vec::new();
    for item in dated {
        let Some(date) = item.date else { continue };
        match days.last_mut() {
            Some(day) if day.date == date => day.items.push(item),
            _ => days.push(TimelineDay {
                date,
                heading: words.day_heading(date),
                items: vec![item],
            }),
        }
    }
    let empty_text = (shown == 0).then(|| {
        if rows.views.is_empty() && rows.damaged.is_empty() {
            words.text("timeline-empty")
        } else {
            words.text("timeline-nothing-matches")
        }
    });
    Timeline {
        days,
        shown,
        damaged,
        empty_text,
    }
}

/// The diary's people, for pickers and filters: every person entry whose content stands,
/// in entry order.
pub fn people(rows: &Rows) -> Vec<PersonRef> {
    rows.views
        .iter()
        .filter_map(|v| {
            v.person().map(|p| PersonRef {
                seq: v.seq,
                name: p.name.trim().to_owned(),
            })
        })
        .collect()
}
