//! Reading the diary as its owner sees it: each entry's latest version, amended and erased
//! entries marked, filters for lists, and an entry's history.
//!
//! A damaged row costs only itself: an entry whose ciphertext cannot be opened (a flipped
//! bit, a row moved from elsewhere) is reported as a [`Damaged`] item where it stood, and
//! every other entry reads as before. Its leaf hash is still in the log, so heads still
//! verify and the diary can still be added to, exported and backed up.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Diary;
use crate::crypto::aead;
use crate::error::{Error, Result};
use crate::model::{Body, Category, Entry, EntryKind, EntryStatus, EntryView};

/// Which entries a list shows. Empty vectors and `None` mean "no restriction".
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only these kinds.
    pub kinds: Vec<EntryKind>,
    /// Only incidents of these categories (other kinds pass unless `kinds` excludes them).
    pub categories: Vec<Category>,
    /// Only entries that concern this person entry.
    pub person: Option<u64>,
    /// Only entries dated on or after this local date (undated entries are left out when a
    /// period is given).
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this local date.
    pub to: Option<NaiveDate>,
    /// Only these entry numbers.
    pub entries: Vec<u64>,
    /// Show amendments and erasures as entries of their own (they are always applied).
    pub include_corrections: bool,
}

/// An entry that cannot be read: its place in the log, and why (never its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// Entry number.
    pub seq: u64,
    /// What is wrong, in plain words.
    pub what: String,
}

/// Everything the diary holds as its owner sees it: the readable entries, and the damaged
/// ones, each by its entry number (a timeline shows a damaged one where it stood).
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Readable entries in order, corrections applied.
    pub views: Vec<EntryView>,
    /// Entries that cannot be read, in order.
    pub damaged: Vec<Damaged>,
}

impl Diary {
    /// Every readable entry as the diary shows it, in order: latest versions, amended and
    /// erased entries marked; amendments and erasures appear as entries too. Damaged
    /// entries are left out (see [`Diary::read_all`]).
    pub fn views(&self) -> Result<Vec<EntryView>> {
        Ok(self.read_all()?.views)
    }

    /// Every entry: the readable ones as [`Diary::views`] gives them, and the damaged ones
    /// named by number.
    pub fn read_all(&self) -> Result<Reading> {
        let mut rows: Vec<(u64, Option<Vec<u8>>)> = Vec::with_capacity(self.len() as usize);
        self.store.for_each_entry(|row| {
            rows.push((row.seq, row.sealed));
            Ok::<(), Error>(())
        })?;
        let opener = aead::Opener::new(&self.keys.entries)?;
        // Decrypting and parsing is CPU-bound and independent per entry: spread it over
        // the cores (a phone has several), keeping order.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let per_thread = rows.len().div_ceil(threads).max(512);
        let decoded: Vec<Result<EntryView>> = std::thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(per_thread)
                .map(|chunk| {
                    scope.spawn(|| {
                        chunk
                            .iter()
                            .map(|(seq, sealed)| decode_view(&opener, *seq, sealed.as_deref()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .zip(rows.chunks(per_thread))
                .flat_map(|(h, chunk)| {
                    // A decoding thread that panicked costs the rows it held, named.
                    h.join().unwrap_or_else(|_| {
                        chunk
                            .iter()
                            .map(|(seq, _)| {
                                Err(Error::Corrupt(format!("entry {seq} could not be read")))
                            })
                            .collect()
                    })
                })
                .collect()
        });
        let mut views: Vec<EntryView> = Vec::with_capacity(decoded.len());
        let mut damaged = Vec::new();
        let mut by_seq: HashMap<u64, usize> = HashMap::new();
        let mut corrections: Vec<(u64, Body)> = Vec::new();
        for (view, (seq, _)) in decoded.into_iter().zip(&rows) {
            let view = match view {
                Ok(view) => view,
                Err(Error::Corrupt(what)) => {
                    damaged.push(Damaged { seq: *seq, what });
                    continue;
                }
                Err(other) => return Err(other),
            };
            if let Some(body @ (Body::Amendment(_) | Body::Erasure(_))) = &view.current {
                corrections.push((view.seq, body.clone()));
            }
            by_seq.insert(view.seq, views.len());
            views.push(view);
        }
        for (seq, body) in corrections {
            match body {
                Body::Amendment(a) => {
                    if let Some(target) = by_seq.get(&a.target).and_then(|&i| views.get_mut(i))
                        && target.status != EntryStatus::Erased
                    {
                        target.status = EntryStatus::Amended;
                        target.current = Some(*a.replacement);
                        target.amended_by.push(seq);
                    }
                }
                Body::Erasure(e) => {
                    for s in std::iter::once(e.target).chain(e.covers.iter().copied()) {
                        // Content that was put back after its erasure is not shown, and a
                        // damaged row that was erased is simply erased.
                        if let Some(pos) = damaged.iter().position(|d| d.seq == s) {
                            damaged.remove(pos);
                            let at = views.partition_point(|v| v.seq < s);
                            views.insert(at, erased_placeholder(s));
                            by_seq = views.iter().enumerate().map(|(i, v)| (v.seq, i)).collect();
                        }
                        if let Some(target) = by_seq.get(&s).and_then(|&i| views.get_mut(i)) {
                            target.kind = if s == e.target {
                                e.kind
                            } else {
                                EntryKind::Amendment
                            };
                            target.status = EntryStatus::Erased;
                            target.current = None;
                            target.recorded_at = None;
                            target.erased_by = Some(seq);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Reading { views, damaged })
    }

    /// One entry as the diary shows it.
    pub fn get(&self, seq: u64) -> Result<EntryView> {
        let Some(kind) = self.index()?.kind_of_entry(seq) else {
            // Unknown to the index: either absent, or present but unreadable (say which).
            self.entry(seq)?;
            return Err(Error::NoSuchEntry(seq));
        };
        if let Some(erasure) = self.index()?.erased_by(seq) {
            return Ok(EntryView {
                seq,
                kind,
                recorded_at: None,
                status: EntryStatus::Erased,
                current: None,
                amended_by: self.index()?.amendments_of(seq).to_vec(),
                erased_by: Some(erasure),
            });
        }
        let entry = self.entry(seq)?;
        let amended_by = self.index()?.amendments_of(seq).to_vec();
        let current = match amended_by.last() {
            Some(&latest) => match self.entry(latest)?.body {
                Body::Amendment(a) => *a.replacement,
                _ => {
                    return Err(Error::Corrupt(format!(
                        "entry {latest} is not an amendment"
                    )));
                }
            },
            None => entry.body,
        };
        Ok(EntryView {
            seq,
            kind,
            recorded_at: Some(entry.recorded_at),
            status: if amended_by.is_empty() {
                EntryStatus::Original
            } else {
                EntryStatus::Amended
            },
            current: Some(current),
            amended_by,
            erased_by: None,
        })
    }

    /// The entries a filter selects, as the diary shows them.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<EntryView>> {
        let views = self.views()?;
        let chosen = filter.select(&views);
        Ok(views
            .into_iter()
            .filter(|v| chosen.contains(&v.seq))
            .collect())
    }

    /// Entry `seq` as sealed, then each amendment of it, then the erasure that removed it.
    /// An erased entry's own content is gone; its place in the history is kept.
    pub fn history(&self, seq: u64) -> Result<Vec<(u64, Option<Entry>)>> {
        if self.index()?.kind_of_entry(seq).is_none() {
            self.entry(seq)?;
            return Err(Error::NoSuchEntry(seq));
        }
        let mut out = Vec::new();
        let mut seqs = vec![seq];
        seqs.extend(self.index()?.amendments_of(seq));
        seqs.extend(self.index()?.erased_by(seq));
        for s in seqs {
            match self.entry(s) {
                Ok(entry) => out.push((s, Some(entry))),
                Err(Error::Erased(_)) => out.push((s, None)),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}

impl ListFilter {
    /// The entry numbers of the views this filter selects.
    pub fn select(&self, views: &[EntryView]) -> std::collections::BTreeSet<u64> {
        let incidents_of_person: Vec<u64> = match self.person {
            Some(p) => views
                .iter()
                .filter(|v| v.incident().is_some_and(|i| i.people.contains(&p)))
                .map(|v| v.seq)
                .collect(),
            None => Vec::new(),
        };
        views
            .iter()
            .filter(|v| self.matches(v, &incidents_of_person))
            .map(|v| v.seq)
            .collect()
    }

    /// Whether the filter selects `v` (`incidents_of_person`: the incidents naming the
    /// filter's person, for police contacts that reported them).
    pub fn matches(&self, v: &EntryView, incidents_of_person: &[u64]) -> bool {
        if !self.entries.is_empty() && !self.entries.contains(&v.seq) {
            return false;
        }
        if !self.include_corrections && matches!(v.kind, EntryKind::Amendment | EntryKind::Erasure)
        {
            return false;
        }
        if !self.kinds.is_empty() && !self.kinds.contains(&v.kind) {
            return false;
        }
        let body = v.current.as_ref();
        if !self.categories.is_empty() {
            match body {
                Some(Body::Incident(i)) if !self.categories.contains(&i.category) => return false,
                None if v.kind == EntryKind::Incident => return false,
                _ => {}
            }
        }
        if let Some(p) = self.person {
            let concerns = match body {
                Some(Body::Incident(i)) => i.people.contains(&p),
                Some(Body::Person(_)) => v.seq == p,
                Some(Body::Order(o)) => o.person == p,
                Some(Body::MessageLog(m)) => m.people.contains(&p),
                Some(Body::PoliceContact(c)) => {
                    c.reported.iter().any(|r| incidents_of_person.contains(r))
                }
                _ => false,
            };
            if !concerns {
                return false;
            }
        }
        if self.from.is_some() || self.to.is_some() {
            let Some((first, last)) = body.and_then(dates_of) else {
                return false;
            };
            if self.from.is_some_and(|from| last < from) || self.to.is_some_and(|to| first > to) {
                return false;
            }
        }
        true
    }
}

/// The local dates an entry covers (first, last), if it is dated.
pub fn dates_of(body: &Body) -> Option<(NaiveDate, NaiveDate)> {
    match body {
        Body::Incident(i) => {
            let start = i.occurred.start.date_naive();
            Some((start, i.occurred.end.map_or(start, |e| e.date_naive())))
        }
        Body::PoliceContact(c) => Some((c.at.date_naive(), c.at.date_naive())),
        Body::Order(o) => Some((o.start, o.end.unwrap_or(NaiveDate::MAX))),
        Body::MessageLog(m) => {
            let (first, last) = m.time_span()?;
            Some((first.date_naive(), last.date_naive()))
        }
        _ => None,
    }
}

/// An erased entry before its erasure is applied (which says what it was and by whom).
fn erased_placeholder(seq: u64) -> EntryView {
    EntryView {
        seq,
        kind: EntryKind::Incident,
        recorded_at: None,
        status: EntryStatus::Erased,
        current: None,
        amended_by: Vec::new(),
        erased_by: None,
    }
}

/// One row as a view before corrections are applied.
fn decode_view(opener: &aead::Opener, seq: u64, sealed: Option<&[u8]>) -> Result<EntryView> {
    Ok(match sealed {
        None => erased_placeholder(seq),
        Some(sealed) => {
            let entry = super::decrypt_entry(opener, seq, sealed)?;
            EntryView {
                seq: entry.seq,
                kind: entry.kind(),
                recorded_at: Some(entry.recorded_at),
                status: EntryStatus::Original,
                current: Some(entry.body),
                amended_by: Vec::new(),
                erased_by: None,
            }
        }
    })
}
