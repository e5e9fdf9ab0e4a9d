//! Selective disclosure: from the entries the owner chose, everything they depend on —
//! their amendments and erasures, the people they name, the orders they are counted
//! against — so a pack is readable and its analysis right without the withheld entries.

use std::collections::BTreeSet;

use crate::diary::ListFilter;
use crate::model::{Body, EntryView};

/// The entry numbers to disclose for `filter`, closed over dependencies, in order.
pub fn disclosed_set(views: &[EntryView], filter: &ListFilter) -> BTreeSet<u64> {
    // Corrections are never chosen directly; they travel with what they correct.
    let filter = ListFilter {
        include_corrections: false,
        ..filter.clone()
    };
    let mut out: BTreeSet<u64> = filter.select(views);
    loop {
        let before = out.len();
        let mut people = BTreeSet::new();
        let mut more = BTreeSet::new();
        for v in views.iter().filter(|v| out.contains(&v.seq)) {
            more.extend(&v.amended_by);
            more.extend(v.erased_by);
            if let Some(body) = &v.current {
                people.extend(named_people(body));
            }
        }
        out.extend(more);
        out.extend(&people);
        // Orders binding anyone disclosed: breaches are counted against them.
        for v in views {
            if let Some(o) = v.order()
                && people.contains(&o.person)
            {
                out.insert(v.seq);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

fn named_people(body: &Body) -> Vec<u64> {
    match body {
        Body::Incident(i) => i.people.clone(),
        Body::Order(o) => vec![o.person],
        Body::MessageLog(m) => m.people.clone(),
        Body::Amendment(a) => named_people(&a.replacement),
        _ => Vec::new(),
    }
}
