//! The reference sections after the timeline: people, orders and conditions, police
//! contacts, and the integrity appendix (key, signed tree head, withheld entries,
//! checkpoints, corrections and erasures, and what all of it proves).

use std::fmt::Write as _;

use super::Ctx;
use super::html::{self, escape, inline};
use crate::model::{Body, Condition, EntryStatus, EntryView};

fn field(out: &mut String, term: &str, value_html: &str) {
    let _ = writeln!(out, "<dt>{term}</dt><dd>{value_html}</dd>");
}

fn list(items: &[String]) -> String {
    let mut out = String::from("<ul>");
    for i in items {
        let _ = write!(out, "<li>{}</li>", inline(i));
    }
    out.push_str("</ul>");
    out
}

fn open_section(out: &mut String, id: &str, title: &str) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\" class=\"sheet\" aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\">{title}</h2>"
    );
}

fn open_card(out: &mut String, v: &EntryView, title_html: &str) {
    let id = html::entry_id(v.seq);
    let _ = writeln!(
        out,
        "<article class=\"card\" id=\"{id}\" aria-labelledby=\"t-{id}\">\n<h3 id=\"t-{id}\">{title_html}</h3>"
    );
}

fn entry_field(out: &mut String, v: &EntryView) {
    let mut text = format!("entry {}", v.seq);
    if let Some(at) = v.recorded_at {
        let _ = write!(text, ", recorded {}", html::datetime_utc(&at));
    }
    if v.status == EntryStatus::Amended {
        let amendments: Vec<String> = v.amended_by.iter().map(|a| format!("entry {a}")).collect();
        let _ = write!(
            text,
            "; amended ({}), the latest version is shown and the original, entry {}, is also in \
             this pack",
            html::join_and(&amendments),
            v.seq
        );
    }
    field(out, "Entry", &text);
}

/// The `<section id="people">`.
pub(crate) fn people(ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    open_section(&mut out, "people", "People");
    let mut any = false;
    for v in ctx.input.disclosed {
        let Some(p) = v.person() else { continue };
        any = true;
        open_card(&mut out, v, &inline(&p.name));
        out.push_str("<dl class=\"fields\">\n");
        field(&mut out, "Relationship", html::relationship(p.relationship));
        if let Some(d) = &p.description {
            field(&mut out, "Description", &html::block(d));
        }
        if !p.vehicles.is_empty() {
            field(&mut out, "Vehicles", &list(&p.vehicles));
        }
        if !p.phones.is_empty() {
            field(&mut out, "Phone numbers", &list(&p.phones));
        }
        if !p.accounts.is_empty() {
            field(&mut out, "Online accounts", &list(&p.accounts));
        }
        if let Some(h) = &p.previous_harassment {
            field(
                &mut out,
                "Earlier harassment or stalking (as recorded)",
                &html::block(h),
            );
        }
        if let Some(h) = &p.previous_violence {
            field(&mut out, "Earlier violence (as recorded)", &html::block(h));
        }
        entry_field(&mut out, v);
        out.push_str("</dl>\n</article>\n");
    }
    if !any {
        out.push_str("<p>No person entries are disclosed in this pack.</p>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The `<section id="orders">`.
pub(crate) fn orders(ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    open_section(&mut out, "orders", "Orders and conditions");
    let today = ctx.input.generated_at.date_naive();
    let mut any = false;
    for v in ctx.input.disclosed {
        let Some(o) = v.order() else { continue };
        any = true;
        let label = o.order_type.label();
        let mut title = String::new();
        let mut chars = label.chars();
        if let Some(first) = chars.next() {
            title.extend(first.to_uppercase());
            title.push_str(chars.as_str());
        }
        open_card(&mut out, v, &escape(&title));
        out.push_str("<dl class=\"fields\">\n");
        field(&mut out, "Person bound", &ctx.person_link(o.person));
        let dates = match o.end {
            Some(end) => format!(
                "from {} to {} (inclusive)",
                html::day(&o.start),
                html::day(&end)
            ),
            None => format!("from {}, with no end date", html::day(&o.start)),
        };
        field(&mut out, "In force", &dates);
        let status = if o.in_force_on(today) {
            "in force on the day this report was made"
        } else if today < o.start {
            "not yet in force on the day this report was made"
        } else {
            "ended before the day this report was made"
        };
        field(&mut out, "Status", status);
        if !o.conditions.is_empty() {
            let mut conds = String::from("<ul>");
            for c in &o.conditions {
                let text = match c {
                    Condition::NoContact => {
                        "No contact with the victim, direct or indirect".to_string()
                    }
                    Condition::StayAway { place } => format!("Stay away from {}", inline(place)),
                    Condition::Other { text } => html::block(text),
                };
                let _ = write!(conds, "<li>{text}</li>");
            }
            conds.push_str("</ul>");
            field(&mut out, "Conditions", &conds);
        }
        if let Some(r) = &o.reference {
            field(&mut out, "Reference", &inline(r));
        }
        if let Some(by) = &o.issued_by {
            field(&mut out, "Made by", &inline(by));
        }
        entry_field(&mut out, v);
        out.push_str("</dl>\n</article>\n");
    }
    if !any {
        out.push_str("<p>No orders or bail conditions are disclosed in this pack.</p>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The `<section id="police-contacts">`, in time order.
pub(crate) fn police(ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    open_section(&mut out, "police-contacts", "Police contacts");
    let mut contacts: Vec<_> = ctx
        .input
        .disclosed
        .iter()
        .filter_map(|v| v.police_contact().map(|p| (v, p)))
        .collect();
    contacts.sort_by(|a, b| a.1.at.cmp(&b.1.at).then(a.0.seq.cmp(&b.0.seq)));
    if contacts.is_empty() {
        out.push_str("<p>No police contacts are disclosed in this pack.</p>\n");
    }
    for (v, p) in contacts {
        let mut title = html::datetime(&p.at);
        if let Some(r) = &p.reference {
            let _ = write!(title, " \u{2014} reference {}", inline(r));
        }
        open_card(&mut out, v, &title);
        out.push_str("<dl class=\"fields\">\n");
        if let Some(m) = p.method {
            field(&mut out, "How", html::contact_method(m));
        }
        if let Some(f) = &p.force {
            field(&mut out, "Force", &inline(f));
        }
        field(
            &mut out,
            "Reference",
            &p.reference
                .as_deref()
                .map(inline)
                .unwrap_or_else(|| "none recorded".to_string()),
        );
        if let Some(o) = &p.officer {
            field(&mut out, "Officer", &inline(o));
        }
        if !p.reported.is_empty() {
            let mut items = String::from("<ul>");
            for seq in &p.reported {
                let summary = ctx
                    .by_seq
                    .get(seq)
                    .and_then(|v| v.incident())
                    .map(|i| format!(": {}", inline(&i.summary)))
                    .unwrap_or_default();
                let _ = write!(items, "<li>{}{summary}</li>", ctx.entry_link(*seq));
            }
            items.push_str("</ul>");
            field(&mut out, "Incidents reported", &items);
        }
        if let Some(a) = &p.advice {
            field(&mut out, "Advice given", &html::block(a));
        }
        if let Some(o) = &p.outcome {
            field(&mut out, "Outcome", &html::block(o));
        }
        if let Some(f) = &p.follow_up {
            field(&mut out, "Follow-up promised", &html::block(f));
        }
        entry_field(&mut out, v);
        out.push_str("</dl>\n</article>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The `<section id="integrity">`.
pub(crate) fn integrity(ctx: &Ctx<'_>) -> String {
    let input = ctx.input;
    let mut out = String::new();
    open_section(&mut out, "integrity", "Integrity appendix");

    out.push_str(
        "<h3>What the signature proves</h3>\n\
         <p>Every entry in the diary was sealed when it was written and never changed \
         afterwards: a correction is a new entry (an amendment) and a removal is a new entry \
         (an erasure), so both stay visible. The entries form a log whose state is summed up \
         by a tree head (the number of entries and one root hash over all of them), and the \
         diary's key signed that head. The key was made on the diary's device and is \
         identified by its fingerprint below.</p>\n\
         <p>If the signature verifies, this pack is exactly as the diary made it: each \
         disclosed entry, each attachment and this report are byte for byte what was signed. \
         The signature shows which key made the pack and that nothing was altered; it does \
         not by itself show who held the device, or that what was written is true.</p>\n\
         <h3>What withheld means</h3>\n\
         <p>The person who keeps the diary chose which entries to disclose. For every entry \
         withheld, the pack carries only its hash (a fingerprint of its content, which \
         reveals nothing of it because every entry includes random data). With those hashes \
         and the disclosed entries, anyone can recompute the signed root. That proves each disclosed entry is unaltered and stands \
         at its number in the diary, and shows how many entries exist that are not \
         disclosed here.</p>\n",
    );

    let mut disclosed: Vec<u64> = input.disclosed.iter().map(|v| v.seq).collect();
    disclosed.sort_unstable();
    disclosed.dedup();
    out.push_str(
        "<h3>Key and signed tree head</h3>\n<table class=\"kv\"><caption>The diary's key and the \
         tree head this pack is built on</caption><tbody>\n",
    );
    let row = |out: &mut String, k: &str, v: &str| {
        let _ = writeln!(out, "<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>");
    };
    row(
        &mut out,
        "Key fingerprint",
        &format!("<span class=\"hash\">{}</span>", escape(input.fingerprint)),
    );
    row(
        &mut out,
        "Public key",
        &format!("<span class=\"hash\">{}</span>", escape(input.public_key)),
    );
    row(
        &mut out,
        "Entries in the diary (tree size)",
        &input.tree_size.to_string(),
    );
    row(
        &mut out,
        "Root hash (SHA-256)",
        &format!("<span class=\"hash\">{}</span>", escape(input.root_hex)),
    );
    row(
        &mut out,
        "Tree head time",
        &html::text_time(input.head_time),
    );
    row(
        &mut out,
        "Entries disclosed",
        &format!("{} ({})", disclosed.len(), html::seq_ranges(&disclosed)),
    );
    row(&mut out, "Entries withheld", &input.withheld.to_string());
    out.push_str("</tbody></table>\n");

    out.push_str("<h3>Earlier checkpoints</h3>\n");
    if input.checkpoints.is_empty() {
        out.push_str(
            "<p>No earlier checkpoints are included. A checkpoint is a signed tree head the \
             diary's keeper sent to someone earlier; a pack that includes it proves that \
             nothing written before it was changed or back-filled.</p>\n",
        );
    } else {
        out.push_str(
            "<p>The diary's keeper shared these earlier tree heads. This pack's tree head \
             extends each of them: nothing written before a checkpoint was changed, and \
             nothing was back-filled.</p>\n\
             <table class=\"checkpoints\"><caption>Earlier tree heads this head is consistent \
             with</caption><colgroup><col class=\"size\"><col><col></colgroup><thead><tr>\
             <th scope=\"col\">Entries</th><th scope=\"col\">Root hash</th><th scope=\"col\">Time</th>\
             </tr></thead><tbody>\n",
        );
        for c in input.checkpoints {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td class=\"hash\">{}</td><td>{}</td></tr>",
                c.size,
                escape(&c.root_hex),
                html::text_time(&c.time)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    corrections(ctx, &mut out);
    out.push_str("</section>\n");
    out
}

/// Amendments and erasures disclosed in the pack, each with the entry it concerns.
fn corrections(ctx: &Ctx<'_>, out: &mut String) {
    let rows: Vec<&EntryView> = ctx
        .input
        .disclosed
        .iter()
        .filter(|v| {
            matches!(v.current, Some(Body::Amendment(_)) | Some(Body::Erasure(_)))
                || (v.status == EntryStatus::Erased && v.kind == crate::model::EntryKind::Amendment)
        })
        .collect();
    out.push_str("<h3>Corrections and erasures</h3>\n");
    if rows.is_empty() {
        out.push_str("<p>No amendments or erasures are disclosed in this pack.</p>\n");
        return;
    }
    out.push_str(
        "<table class=\"corrections\"><caption>Amendments and erasures disclosed in this \
         pack</caption><colgroup><col class=\"num\"><col><col><col></colgroup><thead><tr><th scope=\"col\">Entry</th><th scope=\"col\">What it \
         did</th><th scope=\"col\">Recorded</th><th scope=\"col\">Reason given</th></tr></thead><tbody>\n",
    );
    for v in rows {
        let recorded = v
            .recorded_at
            .map(|t| html::datetime_utc(&t))
            .unwrap_or_else(|| "content erased".into());
        let (what, reason) = match &v.current {
            Some(Body::Amendment(a)) => (
                format!("Amended {}", ctx.entry_link(a.target)),
                a.reason.as_deref(),
            ),
            Some(Body::Erasure(e)) => {
                let mut what = format!("Erased the content of {}", ctx.entry_link(e.target));
                if !e.covers.is_empty() {
                    let covers: Vec<String> =
                        e.covers.iter().map(|c| format!("entry {c}")).collect();
                    let _ = write!(what, " and of its amendments ({})", html::join_and(&covers));
                }
                (what, e.reason.as_deref())
            }
            _ => (
                format!(
                    "An amendment whose content was erased{}",
                    v.erased_by
                        .map(|e| format!(" ({})", ctx.entry_link(e)))
                        .unwrap_or_default()
                ),
                None,
            ),
        };
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><th scope=\"row\">{}</th><td>{what}</td><td>{recorded}</td><td>{}</td></tr>",
            html::entry_id(v.seq),
            v.seq,
            reason.map(inline).unwrap_or_else(|| "\u{2014}".into())
        );
    }
    out.push_str("</tbody></table>\n");
}
