//! The cover: what the pack is, whom and which period it covers, how much of the diary it
//! discloses, whose key signed it, how to check it, and the table of contents.

use std::fmt::Write as _;

use super::Ctx;
use super::html::{self, escape};
use super::timeline;
use crate::model::{EntryKind, EntryStatus};

/// The principal written in the pack's `allowed_signers` (the pack writer uses the same
/// label; `ssh-keygen -Y verify -I` must name it).
const SIGNER_PRINCIPAL: &str = "tally-diary";

/// The `<header>` landmark with the cover and the contents.
pub(crate) fn render(ctx: &Ctx<'_>) -> String {
    let input = ctx.input;
    let mut out = String::new();
    out.push_str("<header class=\"cover\">\n<p class=\"kicker\">Tally evidence pack</p>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(input.title));
    let _ = writeln!(
        out,
        "<p class=\"muted\">Report made on {}.</p>",
        html::datetime_utc(&input.generated_at)
    );

    out.push_str("<dl class=\"facts\">\n");
    let period = match timeline::span(ctx) {
        Some((first, last)) if first == last => html::short_day(&first),
        Some((first, last)) => format!("{} to {}", html::short_day(&first), html::short_day(&last)),
        None => "no incidents disclosed".to_string(),
    };
    fact(&mut out, "Period covered", &period);

    let people: Vec<String> = input
        .disclosed
        .iter()
        .filter_map(|v| {
            v.person().map(|p| {
                format!(
                    "{} ({})",
                    ctx.person_link(v.seq),
                    html::relationship(p.relationship)
                )
            })
        })
        .collect();
    fact(
        &mut out,
        if people.len() == 1 {
            "Person involved"
        } else {
            "People involved"
        },
        &if people.is_empty() {
            "none recorded in the disclosed entries".to_string()
        } else {
            html::join_and(&people)
        },
    );

    let live = |kind: EntryKind| {
        input
            .disclosed
            .iter()
            .filter(|v| v.kind == kind && v.status != EntryStatus::Erased)
            .count() as u64
    };
    let mut incidents = html::count(live(EntryKind::Incident), "incident", "incidents");
    let logs = live(EntryKind::MessageLog);
    if logs > 0 {
        let _ = write!(
            incidents,
            ", and {}",
            html::count(logs, "imported conversation", "imported conversations")
        );
    }
    fact(&mut out, "Incidents", &incidents);

    let disclosed = input.disclosed.len() as u64;
    fact(
        &mut out,
        "Entries",
        &format!(
            "{} disclosed, {} withheld, of {} in the diary when this pack was made",
            disclosed, input.withheld, input.tree_size
        ),
    );
    fact(
        &mut out,
        "Diary key",
        &format!("<span class=\"hash\">{}</span>", escape(input.fingerprint)),
    );
    out.push_str("</dl>\n");

    let _ = write!(
        out,
        "<section class=\"verify\" aria-labelledby=\"h-verify\">\n\
         <h2 id=\"h-verify\">How to verify this pack</h2>\n\
         <p>The diary signed this pack with its own key. To check that nothing in it has \
         changed since, unzip the pack and, in its folder, run \
         <code class=\"mono\">ssh-keygen -Y verify -f allowed_signers -I {principal} -n \
         tally-evidence-v1 -s tagmanifest-sha256.txt.sig &lt; tagmanifest-sha256.txt</code> \
         (OpenSSH, included with Windows 10 and 11, macOS and Linux), then check every file's \
         hash against <code class=\"mono\">tagmanifest-sha256.txt</code> and \
         <code class=\"mono\">manifest-sha256.txt</code> \
         (<code class=\"mono\">sha256sum -c</code>). Or run \
         <code class=\"mono\">tally verify</code> on the zip, which does all of this and \
         also checks the entries against the signed log. <code class=\"mono\">VERIFY.txt</code> \
         in the pack gives each step for Windows, macOS and Linux. The key's fingerprint \
         should match <span class=\"hash\">{fp}</span>, as given to you by the person who \
         keeps the diary or their advocate.</p>\n</section>\n",
        principal = SIGNER_PRINCIPAL,
        fp = escape(input.fingerprint),
    );

    out.push_str(
        "<nav class=\"toc\" aria-labelledby=\"h-toc\">\n<h2 id=\"h-toc\">Contents</h2>\n<ol>\n\
         <li><a href=\"#summary-for-officers\">Summary for officers</a></li>\n\
         <li><a href=\"#timeline\">Timeline</a></li>\n\
         <li><a href=\"#people\">People</a></li>\n\
         <li><a href=\"#orders\">Orders and conditions</a></li>\n\
         <li><a href=\"#police-contacts\">Police contacts</a></li>\n\
         <li><a href=\"#integrity\">Integrity appendix</a></li>\n\
         </ol>\n</nav>\n</header>\n",
    );
    out
}

fn fact(out: &mut String, term: &str, value_html: &str) {
    let _ = writeln!(out, "<dt>{term}</dt><dd>{value_html}</dd>");
}
