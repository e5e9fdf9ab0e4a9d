//! The "summary for officers": one `<section>` that opens the report, rendered from a
//! [`Summary`]. Self-contained (no script, no external resource), readable without its
//! stylesheet, accessible (table headers with `scope`, a chart with a text alternative and
//! a data table), printable on about one page for a typical case. Every piece of recorded
//! text is HTML-escaped.
//!
//! The chart's colours each have a contrast of at least 3:1 against white (WCAG 2.1
//! §1.4.11, non-text contrast) and text colours at least 4.5:1 (§1.4.3); a test checks
//! both. Bars never rely on colour alone: each segment has a tooltip title, the legend
//! names each colour, and the same numbers are in a table.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset};

use super::html::escape;
use crate::locale::Words;
use crate::model::Category;
use crate::summary::{Breach, BreachSource, Summary, WeekCount, counts::severity_order};

/// Styles for the summary, for the report to put in its `<head>` (a `<style>` inside
/// `<body>` is not conforming HTML). Without them the summary still reads correctly; the
/// week-by-week table is then simply visible.
pub const SUMMARY_CSS: &str = "\
#summary-for-officers{color:#1a1a1a;background:#fff;line-height:1.4}
#summary-for-officers table{border-collapse:collapse;margin:.4em 0 .8em}
#summary-for-officers th,#summary-for-officers td{border:1px solid #767676;padding:.15em .4em;text-align:left;vertical-align:top}
#summary-for-officers td.n{text-align:right}
#summary-for-officers .flag{color:#8b0000;font-weight:bold}
#summary-for-officers .note{color:#4a4a4a}
#summary-for-officers svg.chart{display:block;width:100%;max-width:48em;height:auto}
#summary-for-officers .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2em 1em;font-size:.9em}
#summary-for-officers svg.swatch{width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
@media print{#summary-for-officers{font-size:9.5pt}#summary-for-officers svg.chart{max-width:17cm;max-height:6cm}#summary-for-officers *{print-color-adjust:exact;-webkit-print-color-adjust:exact}#summary-for-officers table{page-break-inside:auto}#summary-for-officers tr{page-break-inside:avoid}}
";

/// Body text colour.
const TEXT: &str = "#1a1a1a";
/// Chart gridlines (decorative; the axis labels carry the values).
const GRID: &str = "#c8c8c8";
/// Imported messages and calls in the chart.
const IMPORTED: &str = "#4d6a7a";

/// The fill for a category's bar segments.
fn colour(c: Category) -> &'static str {
    match c {
        Category::Message => "#2c6fac",
        Category::Call => "#3b5ba5",
        Category::EmailOrLetter => "#5a4fa0",
        Category::GiftOrItem => "#7b4f9e",
        Category::Online => "#1f7a8c",
        Category::Other => "#6b6b6b",
        Category::ThirdPartyContact => "#2e7d4f",
        Category::SightingOrFollowing => "#5c7a1f",
        Category::Loitering => "#7a6a00",
        Category::TrackingOrDeviceMisuse => "#8a5a00",
        Category::VisitOther => "#b35c00",
        Category::VisitWork => "#c0392b",
        Category::VisitHome => "#a3231f",
        Category::PropertyDamage => "#8e2d6b",
        Category::Threat => "#6b1f1f",
        Category::Violence => "#2b0a0a",
    }
}

/// A legend swatch: an SVG square, which prints without "print background colours".
fn swatch(fill: &str) -> String {
    format!(
        "<svg class=\"swatch\" viewBox=\"0 0 10 10\" width=\"10\" height=\"10\" \
         aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"{fill}\" \
         stroke=\"{TEXT}\"/></svg>"
    )
}

fn person_name(seq: u64, names: &dyn Fn(u64) -> Option<String>) -> String {
    match names(seq) {
        Some(n) if !n.trim().is_empty() => {
            format!("{} (person entry {seq})", escape(n.trim()))
        }
        _ => format!("Person entry {seq}"),
    }
}

fn when(at: &DateTime<FixedOffset>) -> String {
    escape(&at.format("%-d %B %Y, %H:%M (UTC%:z)").to_string())
}

/// Renders the summary for officers. `names` gives a person entry's name (or `None` when
/// the entry is not disclosed); names appear only here, never in the summary's JSON.
pub fn summary_html(summary: &Summary, names: &dyn Fn(u64) -> Option<String>) -> String {
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(
        "<section id=\"summary-for-officers\" class=\"sheet\" aria-labelledby=\"summary-heading\">\n\
         <h2 id=\"summary-heading\">Summary for officers</h2>\n\
         <p class=\"note\">Every figure below counts what the victim recorded in this diary \
         and disclosed in this pack. They are recorded facts, not findings.</p>\n",
    );
    facts(&mut h, summary, names);
    counts_table(&mut h, summary);
    chart(&mut h, summary);
    indicators(&mut h, summary);
    breaches(&mut h, summary, names);
    police(&mut h, summary, names);
    h.push_str("</section>\n");
    h
}

fn facts(h: &mut String, s: &Summary, names: &dyn Fn(u64) -> Option<String>) {
    h.push_str("<dl>\n");
    let people: Vec<String> = s
        .per_person
        .iter()
        .map(|p| {
            let rel = p
                .relationship
                .map(|r| format!(", {}", escape(r.as_str())))
                .unwrap_or_default();
            let name = person_name(p.person, names);
            format!("{name}{rel}")
        })
        .collect();
    let label = if people.len() == 1 {
        "Person"
    } else {
        "People"
    };
    let people = if people.is_empty() {
        "None named".to_string()
    } else {
        people.join("; ")
    };
    let _ = writeln!(h, "<dt>{label}</dt><dd>{people}</dd>");
    let o = &s.overview;
    let _ = writeln!(h, "<dt>Period</dt><dd>{}</dd>", escape(&o.period));
    let _ = writeln!(h, "<dt>Recorded</dt><dd>{}</dd>", escape(&o.recorded));
    if !o.notes.is_empty() {
        let _ = writeln!(h, "<dt>Notes</dt><dd>{}</dd>", escape(&o.notes.join(" ")));
    }
    h.push_str("</dl>\n");
}

fn counts_table(h: &mut String, s: &Summary) {
    h.push_str(
        "<h3>Incidents by category</h3>\n<table>\n<caption class=\"visually-hidden\">\
         Incidents recorded by category, most severe first, with the date each was first \
         recorded</caption>\n<thead><tr><th scope=\"col\">Category</th>\
         <th scope=\"col\">Incidents</th><th scope=\"col\">First recorded</th></tr></thead>\n<tbody>\n",
    );
    for (c, n) in s.by_category.present().into_iter().rev() {
        let first = s
            .first_occurrences
            .iter()
            .find(|f| f.category == c)
            .map(|f| format!("{} (entry {})", Words::en_gb().date(f.date), f.entry))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{n}</td><td>{}</td></tr>",
            escape(c.label()),
            escape(&first)
        );
    }
    for (label, n) in [
        ("Messages in imported conversations", s.messages_counted),
        ("Calls in imported call logs", s.calls_counted),
    ] {
        if n > 0 {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{label}</th><td class=\"n\">{n}</td><td></td></tr>"
            );
        }
    }
    let _ = writeln!(
        h,
        "</tbody>\n<tfoot><tr><th scope=\"row\">All incidents</th><td class=\"n\">{}</td>\
         <td></td></tr></tfoot>\n</table>",
        s.incidents_total
    );
}

/// A round upper bound for the y axis: the smallest multiple of a 1-2-5 step that
/// covers `max` in at most five steps.
fn axis_max(max: usize) -> usize {
    let max = max.max(1);
    if max <= 5 {
        return max;
    }
    let mut base = 1usize;
    loop {
        for m in [1, 2, 5] {
            let step = base.saturating_mul(m);
            if max.div_ceil(step) <= 5 {
                return max.div_ceil(step) * step;
            }
        }
        base = base.saturating_mul(10);
    }
}

fn chart(h: &mut String, s: &Summary) {
    h.push_str("<h3>Incidents per week</h3>\n");
    if s.weeks.is_empty() {
        h.push_str("<p>No events recorded.</p>\n");
        return;
    }
    let weeks = &s.weeks;
    let present: Vec<Category> = severity_order()
        .into_iter()
        .filter(|c| s.by_category.get(*c) > 0)
        .collect();
    let imported = weeks.iter().any(|w| w.imported > 0);
    let max = weeks.iter().map(|w| w.total).max().unwrap_or(0);
    let top = axis_max(max);
    let (width, height) = (560.0_f64, 190.0_f64);
    let (left, right, top_m, bottom) = (30.0, 6.0, 8.0, 32.0);
    let (pw, ph) = (width - left - right, height - top_m - bottom);
    let band = pw / weeks.len() as f64;
    let bar = (band * 0.8).max(0.5);
    let busiest = weeks
        .iter()
        .max_by_key(|w| (w.total, std::cmp::Reverse(w.starts)))
        .map(|w| format!("; the most in one week was {} in {}", w.total, w.week))
        .unwrap_or_default();
    let (first, last) = (
        weeks.first().map(|w| w.week.as_str()).unwrap_or(""),
        weeks.last().map(|w| w.week.as_str()).unwrap_or(""),
    );
    let desc = format!(
        "Stacked bars, one per ISO week from {first} to {last} ({}), each split by category{}{busiest}. {} The same figures are in the table that follows.",
        Words::en_gb().with("count-weeks", &[("n", weeks.len().into())]),
        if imported {
            ", with imported messages and calls as their own segment"
        } else {
            ""
        },
        s.trend.as_ref().map(|t| t.text.as_str()).unwrap_or(""),
    );
    let _ = writeln!(
        h,
        "<figure>\n<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         role=\"img\" aria-labelledby=\"summary-chart-title summary-chart-desc\" \
         font-family=\"sans-serif\" font-size=\"12\">\n\
         <title id=\"summary-chart-title\">Recorded incidents per week, by category</title>\n\
         <desc id=\"summary-chart-desc\">{}</desc>",
        escape(&desc)
    );
    // Gridlines and y labels at 0, half and top.
    for v in [0, top / 2, top] {
        if v == top / 2 && (top < 2 || top % 2 == 1) {
            continue;
        }
        let y = top_m + ph - ph * v as f64 / top as f64;
        let _ = writeln!(
            h,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\" \
             stroke-width=\"0.5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" \
             fill=\"{TEXT}\">{v}</text>",
            left + pw,
            left - 4.0,
            y + 3.5
        );
    }
    let step = weeks.len().div_ceil(10).max(1);
    for (i, w) in weeks.iter().enumerate() {
        let x = left + band * i as f64 + (band - bar) / 2.0;
        let mut y = top_m + ph;
        let mut segment = |label: &str, n: usize, fill: &str, h: &mut String| {
            if n == 0 {
                return;
            }
            let sh = ph * n as f64 / top as f64;
            y -= sh;
            let _ = writeln!(
                h,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{sh:.1}\" \
                 fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.5\"><title>{}: {n} {}</title></rect>",
                escape(&w.week),
                escape(label)
            );
        };
        segment("imported messages and calls", w.imported, IMPORTED, h);
        for c in &present {
            segment(c.label(), w.by_category.get(*c), colour(*c), h);
        }
        if i % step == 0 {
            let label = w.week.split_once('-').map(|(_, wk)| wk).unwrap_or(&w.week);
            let _ = writeln!(
                h,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>",
                x + bar / 2.0,
                top_m + ph + 14.0,
                escape(label)
            );
        }
    }
    let _ = writeln!(
        h,
        "<text x=\"{left}\" y=\"{:.1}\" fill=\"{TEXT}\">{}</text>\n</svg>",
        height - 2.0,
        escape(&format!("ISO weeks, {first} to {last}"))
    );
    h.push_str("<ul class=\"legend\">\n");
    if imported {
        let _ = writeln!(
            h,
            "<li>{}Imported messages and calls</li>",
            swatch(IMPORTED)
        );
    }
    for c in present.iter().rev() {
        let _ = writeln!(h, "<li>{}{}</li>", swatch(colour(*c)), escape(c.label()));
    }
    h.push_str("</ul>\n");
    if let Some(t) = &s.trend {
        let _ = writeln!(h, "<figcaption>{}</figcaption>", escape(&t.text));
    }
    h.push_str("</figure>\n");
    week_table(h, weeks, &present, imported);
    if let Some(g) = &s.longest_quiet_gap {
        let _ = writeln!(h, "<p>{}</p>", escape(&g.text));
    }
    if s.weeks_omitted > 0 {
        let _ = writeln!(h, "<p>{} earlier weeks are not shown.</p>", s.weeks_omitted);
    }
}

fn week_table(h: &mut String, weeks: &[WeekCount], present: &[Category], imported: bool) {
    h.push_str(
        "<div class=\"visually-hidden\"><table>\n<caption>Incidents per week by category \
         (the chart's data)</caption>\n<thead><tr><th scope=\"col\">Week</th>\
         <th scope=\"col\">Starts</th><th scope=\"col\">Incidents</th>",
    );
    if imported {
        h.push_str("<th scope=\"col\">Imported messages and calls</th>");
    }
    for c in present {
        let _ = write!(h, "<th scope=\"col\">{}</th>", escape(c.label()));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for w in weeks {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"n\">{}</td>",
            escape(&w.week),
            escape(&Words::en_gb().date(w.starts)),
            w.count
        );
        if imported {
            let _ = write!(h, "<td class=\"n\">{}</td>", w.imported);
        }
        for c in present {
            let _ = write!(h, "<td class=\"n\">{}</td>", w.by_category.get(*c));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table></div>\n");
}

fn indicators(h: &mut String, s: &Summary) {
    h.push_str("<h3>Indicators recorded</h3>\n<ul>\n");
    for sentence in s.indicators.sentences() {
        let _ = writeln!(h, "<li>{}</li>", escape(sentence));
    }
    h.push_str("</ul>\n");
}

fn breaches(h: &mut String, s: &Summary, names: &dyn Fn(u64) -> Option<String>) {
    h.push_str("<h3>Breaches of recorded orders</h3>\n");
    if s.orders.is_empty() {
        h.push_str("<p>No orders recorded.</p>\n");
        return;
    }
    for o in &s.orders {
        let _ = writeln!(h, "<p><strong>{}</strong></p>", escape(&o.text));
        let mut details = format!(
            "Order entry {}: binds {}; in force from {}",
            o.entry,
            person_name(o.person, names),
            escape(&Words::en_gb().date(o.start))
        );
        match o.end {
            Some(end) => {
                let _ = write!(details, " to {}", escape(&Words::en_gb().date(end)));
            }
            None => details.push_str(", with no end date recorded"),
        }
        if let Some(r) = &o.reference {
            let _ = write!(details, "; reference {}", escape(r));
        }
        if !o.conditions.is_empty() {
            let _ = write!(
                details,
                "; conditions: {}",
                escape(&o.conditions.join("; "))
            );
        }
        let _ = writeln!(h, "<p>{details}.</p>");
        let listed: Vec<_> = s
            .order_breaches
            .iter()
            .filter(|b| b.order == o.entry)
            .collect();
        if listed.is_empty() {
            continue;
        }
        let _ = writeln!(
            h,
            "<table>\n<caption class=\"visually-hidden\">Each breach of {}</caption>\n\
             <thead><tr><th scope=\"col\">Breach</th><th scope=\"col\">When</th>\
             <th scope=\"col\">Recorded in</th><th scope=\"col\">Condition</th></tr></thead>\n<tbody>",
            escape(&o.name)
        );
        for run in runs(&listed) {
            let (first, last) = (run[0], run[run.len() - 1]);
            let number = if run.len() == 1 {
                first.number.to_string()
            } else {
                format!("{} to {}", first.number, last.number)
            };
            let time = if run.len() == 1 {
                when(&first.at)
            } else {
                format!("{} to {}", when(&first.at), when(&last.at))
            };
            let source = match (first.source, first.message_index) {
                (BreachSource::Incident, _) => format!("Incident entry {}", first.incident),
                (BreachSource::Message, Some(i)) if run.len() == 1 => {
                    format!(
                        "Imported conversation entry {}, message {}",
                        first.incident,
                        i + 1
                    )
                }
                (BreachSource::Call, Some(i)) if run.len() == 1 => {
                    format!("Imported call log entry {}, call {}", first.incident, i + 1)
                }
                (BreachSource::Message, _) => format!(
                    "Imported conversation entry {}: {} messages, each one breach",
                    first.incident,
                    run.len()
                ),
                (BreachSource::Call, _) => format!(
                    "Imported call log entry {}: {} calls, each one breach",
                    first.incident,
                    run.len()
                ),
            };
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{number}</th><td>{time}</td><td>{}</td><td>{}</td></tr>",
                escape(&source),
                escape(&first.condition)
            );
        }
        h.push_str("</tbody>\n</table>\n");
        let unlisted = o.breaches_in_summary.saturating_sub(listed.len());
        if unlisted > 0 {
            let _ = writeln!(
                h,
                "<p>The table lists the first {}; {} more are counted in the tally above, \
                 each one breach, and are in the imported conversations.</p>",
                Words::en_gb().with("count-breaches", &[("n", listed.len().into())]),
                Words::en_gb().with("count-breaches", &[("n", unlisted.into())])
            );
        }
    }
}

/// Consecutive breaches from one imported log, grouped so that a night of messages is one
/// row of the printed summary (each is still its own numbered breach in the JSON and in
/// the timeline). Incidents are never grouped.
fn runs<'a>(listed: &[&'a Breach]) -> Vec<Vec<&'a Breach>> {
    let mut out: Vec<Vec<&Breach>> = Vec::new();
    for b in listed {
        let joins = out.last().and_then(|run| run.last()).is_some_and(|prev| {
            b.source != BreachSource::Incident
                && prev.source == b.source
                && prev.incident == b.incident
                && prev.number + 1 == b.number
                && prev.condition == b.condition
        });
        match out.last_mut() {
            Some(run) if joins => run.push(b),
            _ => out.push(vec![b]),
        }
    }
    out
}

fn police(h: &mut String, s: &Summary, names: &dyn Fn(u64) -> Option<String>) {
    h.push_str("<h3>Police contacts</h3>\n");
    if s.police_contacts.is_empty() {
        h.push_str("<p>No police contacts recorded.</p>\n");
        return;
    }
    h.push_str(
        "<table>\n<caption class=\"visually-hidden\">Every recorded police contact, with its \
         reference number and the advice given</caption>\n<thead><tr>\
         <th scope=\"col\">When</th><th scope=\"col\">Reference</th><th scope=\"col\">How, \
         force, officer</th><th scope=\"col\">Incidents reported</th>\
         <th scope=\"col\">Advice given</th></tr></thead>\n<tbody>\n",
    );
    for c in &s.police_contacts {
        let how: Vec<String> = [
            c.method.map(|m| m.as_str().to_string()),
            c.force.clone(),
            c.officer.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let reported = if c.reported.is_empty() {
            String::new()
        } else {
            format!(
                "{} {}",
                if c.reported.len() == 1 {
                    "entry"
                } else {
                    "entries"
                },
                c.reported
                    .iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let mut advice = escape(c.advice.as_deref().unwrap_or(""));
        if let Some(note) = &c.blocking_note {
            let _ = write!(
                advice,
                "<br><span class=\"flag\">Flagged: advice to block.</span> {}",
                escape(note)
            );
        }
        let _ = writeln!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{advice}</td></tr>",
            when(&c.at),
            escape(c.reference.as_deref().unwrap_or("none given")),
            escape(&how.join(", ")),
            escape(&reported)
        );
    }
    h.push_str("</tbody>\n</table>\n");
    let several: Vec<_> = s
        .distinct_references_per_person
        .iter()
        .filter(|r| r.count > 1)
        .collect();
    if !several.is_empty() {
        h.push_str("<ul>\n");
        for r in several {
            let _ = writeln!(
                h,
                "<li>{} different police references were recorded for reports naming {}: {}.</li>",
                r.count,
                person_name(r.person, names),
                escape(&r.references.join(", "))
            );
        }
        h.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
        let ch = |shift: u32| {
            let c = f64::from((v >> shift) & 0xff) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
    }

    /// WCAG 2.1 contrast ratio against white.
    fn contrast_on_white(hex: &str) -> f64 {
        1.05 / (luminance(hex) + 0.05)
    }

    #[test]
    fn chart_and_text_colours_meet_wcag_aa_on_white() {
        for c in Category::ALL {
            let ratio = contrast_on_white(colour(c));
            assert!(
                ratio >= 3.0,
                "{c} fill {} has contrast {ratio:.2}",
                colour(c)
            );
        }
        assert!(contrast_on_white(IMPORTED) >= 3.0);
        assert!(contrast_on_white(TEXT) >= 4.5);
        // The flag and note colours from the stylesheet.
        assert!(contrast_on_white("#8b0000") >= 4.5);
        assert!(contrast_on_white("#4a4a4a") >= 4.5);
    }

    #[test]
    fn escape_neutralises_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(axis_max(0), 1);
        assert_eq!(axis_max(4), 4);
        assert_eq!(axis_max(7), 8);
        assert_eq!(axis_max(37), 40);
        assert_eq!(axis_max(120), 150);
    }
}
