//! The disclosure plan: from what the victim chose, exactly which entries an export will
//! carry and why — chosen, a person named by a chosen entry, or a version (an amendment
//! or erasure record) of an entry going out — and how many stay behind. It is computed
//! before anything is written, shown to her (`tally export --dry-run`, the apps' export
//! screen), and it is the only thing the pack writer follows.
//!
//! Each kind is chosen explicitly. A category choice selects incidents of those
//! categories; it never brings in a chat, an order or a police contact that was not
//! chosen, and an order is never pulled in because it binds someone named. People come
//! only as the person entries that going-out entries name.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::diary::{Diary, ListFilter};
use crate::error::{Error, Result};
use crate::model::{Body, Category, EntryKind, EntryView, ValidationError};

/// What the victim chose to disclose. Empty lists and `None` mean "no restriction on that
/// axis"; all empty means the whole diary. The axes narrow together: an entry goes out
/// when it passes every axis given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosureChoices {
    /// Only entries dated on or after this local date (undated entries, such as people,
    /// then go out only when named).
    pub from: Option<NaiveDate>,
    /// Only entries dated on or before this local date.
    pub to: Option<NaiveDate>,
    /// Only entries concerning one of these person entries.
    pub people: Vec<u64>,
    /// Only incidents of these categories. Choosing a category chooses incidents: other
    /// kinds go out only if `kinds` names them.
    pub categories: Vec<Category>,
    /// Only these kinds (amendments and erasures are never chosen; they travel with the
    /// entries they correct).
    pub kinds: Vec<EntryKind>,
    /// Only these entry numbers.
    pub entries: Vec<u64>,
}

/// Why an entry goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisclosureReason {
    /// It matches the choices.
    Chosen,
    /// It is a person named by entry N, which goes out.
    NamedBy(u64),
    /// It is an amendment or the erasure record of entry N, which goes out (or was chosen
    /// and erased).
    VersionOf(u64),
}

/// One entry the pack will carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedEntry {
    /// Entry number.
    pub seq: u64,
    /// Its kind.
    pub kind: EntryKind,
    /// Why it goes out.
    pub reason: DisclosureReason,
}

/// Every entry an export will carry, in order, and how many it withholds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisclosurePlan {
    /// The entries going out, by entry number.
    pub entries: Vec<PlannedEntry>,
    /// Entries withheld: only their leaf hashes travel (erased entries count here; their
    /// erasure records go out when they were chosen).
    pub withheld: u64,
    /// Entries in the diary.
    pub total: u64,
}

impl DisclosurePlan {
    /// The entry numbers going out.
    pub fn seqs(&self) -> BTreeSet<u64> {
        self.entries.iter().map(|e| e.seq).collect()
    }
}

impl Diary {
    /// What an export with `choices` would carry, and why. Refuses choices that name
    /// entries the diary does not hold, people that are not person entries, a correction
    /// by its own number, or a period that ends before it starts.
    pub fn disclosure_plan(&self, choices: &DisclosureChoices) -> Result<DisclosurePlan> {
        plan(&self.views()?, choices)
    }
}

/// The plan for `choices` over every entry's view.
pub(crate) fn plan(views: &[EntryView], choices: &DisclosureChoices) -> Result<DisclosurePlan> {
    let by_seq: BTreeMap<u64, &EntryView> = views.iter().map(|v| (v.seq, v)).collect();
    check_choices(&by_seq, choices)?;

    // A category choice is a choice of incidents.
    let mut kinds = choices.kinds.clone();
    if !choices.categories.is_empty() && !kinds.contains(&EntryKind::Incident) {
        kinds.push(EntryKind::Incident);
    }
    let dated = ListFilter {
        from: choices.from,
        to: choices.to,
        include_corrections: true,
        ..ListFilter::default()
    };
    let concerning: Vec<(ListFilter, Vec<u64>)> = choices
        .people
        .iter()
        .map(|&p| {
            let filter = ListFilter {
                person: Some(p),
                include_corrections: true,
                ..ListFilter::default()
            };
            let incidents = views
                .iter()
                .filter(|v| v.incident().is_some_and(|i| i.people.contains(&p)))
                .map(|v| v.seq)
                .collect();
            (filter, incidents)
        })
        .collect();

    let mut reasons: BTreeMap<u64, DisclosureReason> = BTreeMap::new();
    let mut chosen: Vec<&EntryView> = Vec::new();
    for v in views {
        if matches!(v.kind, EntryKind::Amendment | EntryKind::Erasure) {
            continue;
        }
        if !choices.entries.is_empty() && !choices.entries.contains(&v.seq) {
            continue;
        }
        if !kinds.is_empty() && !kinds.contains(&v.kind) {
            continue;
        }
        let Some(body) = &v.current else {
            // Erased: nothing is known of it but its kind, so only the kind and number
            // axes can choose it. What goes out is its erasure record.
            if choices.people.is_empty()
                && choices.categories.is_empty()
                && choices.from.is_none()
                && choices.to.is_none()
            {
                chosen.push(v);
            }
            continue;
        };
        if !choices.categories.is_empty()
            && let Body::Incident(i) = body
            && !choices.categories.contains(&i.category)
        {
            continue;
        }
        if (choices.from.is_some() || choices.to.is_some()) && !dated.matches(v, &[]) {
            continue;
        }
        if !concerning.is_empty() && !concerning.iter().any(|(f, inc)| f.matches(v, inc)) {
            continue;
        }
        reasons.insert(v.seq, DisclosureReason::Chosen);
        chosen.push(v);
    }

    // The people the chosen entries name, as they read now.
    let mut named: Vec<&EntryView> = Vec::new();
    for v in &chosen {
        for p in v.current.as_ref().map(named_people).unwrap_or_default() {
            if reasons.contains_key(&p) {
                continue;
            }
            if let Some(person) = by_seq.get(&p).filter(|pv| pv.kind == EntryKind::Person) {
                reasons.insert(p, DisclosureReason::NamedBy(v.seq));
                named.push(person);
            }
        }
    }

    // The versions of everything going out.
    for v in chosen.iter().chain(&named) {
        let versions = v.amended_by.iter().chain(v.erased_by.iter());
        for &s in versions {
            let has_content = by_seq.get(&s).is_some_and(|sv| sv.current.is_some());
            if has_content {
                reasons
                    .entry(s)
                    .or_insert(DisclosureReason::VersionOf(v.seq));
            }
        }
    }

    let entries: Vec<PlannedEntry> = reasons
        .into_iter()
        .filter_map(|(seq, reason)| {
            let v = by_seq.get(&seq)?;
            v.current.as_ref()?;
            Some(PlannedEntry {
                seq,
                kind: v.kind,
                reason,
            })
        })
        .collect();
    let total = views.len() as u64;
    Ok(DisclosurePlan {
        withheld: total - entries.len() as u64,
        entries,
        total,
    })
}

fn check_choices(by_seq: &BTreeMap<u64, &EntryView>, choices: &DisclosureChoices) -> Result<()> {
    if let (Some(from), Some(to)) = (choices.from, choices.to)
        && to < from
    {
        return Err(Error::Invalid(ValidationError::EndBeforeStart {
            field: "period",
        }));
    }
    for &seq in &choices.entries {
        let v = by_seq.get(&seq).ok_or(Error::NoSuchEntry(seq))?;
        let corrected = match &v.current {
            Some(Body::Amendment(a)) => Some(a.kind),
            Some(Body::Erasure(e)) => Some(e.kind),
            None if matches!(v.kind, EntryKind::Amendment | EntryKind::Erasure) => {
                return Err(Error::Invalid(ValidationError::Erased {
                    field: "entries",
                    seq,
                }));
            }
            _ => None,
        };
        if let Some(expected) = corrected {
            // A correction goes out with the entry it corrects; choose that one.
            return Err(Error::Invalid(ValidationError::WrongKind {
                field: "entries",
                seq,
                expected,
                found: v.kind,
            }));
        }
    }
    for &seq in &choices.people {
        let v = by_seq.get(&seq).ok_or(Error::NoSuchEntry(seq))?;
        if v.kind != EntryKind::Person {
            return Err(Error::Invalid(ValidationError::WrongKind {
                field: "people",
                seq,
                expected: EntryKind::Person,
                found: v.kind,
            }));
        }
    }
    Ok(())
}

/// The person entries a body names.
fn named_people(body: &Body) -> Vec<u64> {
    match body {
        Body::Incident(i) => i.people.clone(),
        Body::Order(o) => vec![o.person],
        Body::MessageLog(m) => m.people.clone(),
        Body::Amendment(a) => named_people(&a.replacement),
        _ => Vec::new(),
    }
}
