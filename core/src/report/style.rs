//! The report's stylesheet: one sober layout for phone, desktop and A4 print.
//!
//! Colours are chosen for WCAG AA contrast on white (body text #1b1b1b ≈ 17:1, muted
//! #4a4a4a ≈ 9:1, links #1d4f91 ≈ 8:1, accent labels on their tints ≥ 7:1). System fonts
//! only: the report must not load anything.

/// The stylesheet, inlined in `<style>`.
pub(crate) const CSS: &str = r#"
:root { --ink:#1b1b1b; --muted:#4a4a4a; --rule:#c9c9c9; --soft:#f4f4f2; --link:#1d4f91;
  --accent:#24405f; --warn-bg:#fbf3e4; --warn-ink:#5a3a00; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; }
.skip:focus { left: .5rem; }
header.cover, main, footer.foot { max-width: 54rem; margin: 0 auto; padding: 0 1rem; }
h1, h2, h3, h4 { line-height: 1.25; color: var(--accent); }
h1 { font-size: 1.75rem; margin: 1.5rem 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .35rem; color: var(--ink); }
p { margin: .5rem 0; }
.muted { color: var(--muted); }
.text { white-space: pre-wrap; unicode-bidi: plaintext; }
.mono, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
.hash { word-break: break-all; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; color: var(--muted); margin: 1.5rem 0 0; }
.cover .facts { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: .35rem 1rem; margin: 1rem 0; }
.cover .facts dt { font-weight: 600; }
.cover .facts dd { margin: 0; min-width: 0; }
.cover .facts { align-items: baseline; }
.verify { background: var(--soft); border-left: 4px solid var(--accent); padding: .75rem 1rem; margin: 1rem 0; }
.verify h2 { font-size: 1.05rem; margin: 0 0 .35rem; border: 0; padding: 0; }
nav.toc ol { padding-left: 1.25rem; margin: .25rem 0; }
nav.toc h2 { font-size: 1.05rem; margin: 1rem 0 .25rem; border: 0; padding: 0; }
.placeholder { background: var(--warn-bg); color: var(--warn-ink); padding: .75rem 1rem; border-radius: 4px; }
.day { margin: 2rem 0 .5rem; padding: .25rem 0; border-bottom: 1px solid var(--rule); }
.item { border: 1px solid var(--rule); border-left: 4px solid var(--accent); border-radius: 4px;
  padding: .75rem 1rem; margin: .75rem 0; background: #fff; }
.item .when { font-weight: 600; margin: 0 0 .15rem; }
.item .tags { margin: 0 0 .35rem; }
.tag { display: inline-block; font-size: .8rem; font-weight: 600; padding: .05rem .45rem; margin: 0 .3rem .2rem 0;
  border-radius: 3px; background: #e8edf3; color: var(--accent); }
.tag.warn { background: var(--warn-bg); color: var(--warn-ink); }
.item.erased { border-left-color: #767676; background: var(--soft); }
.fields { display: grid; grid-template-columns: minmax(6rem, 9rem) 1fr; gap: .25rem .75rem; margin: .5rem 0 0; }
.fields dt { color: var(--muted); font-weight: 600; font-size: .9rem; line-height: 1.67; }
.fields dd { margin: 0; min-width: 0; }
.fields dd > p:first-child { margin-top: 0; }
.fields dd > p:last-child { margin-bottom: 0; }
.fields ul { margin: 0; padding-left: 1.1rem; }
.fields ul.attachments, .attachments { list-style: none; padding: 0; margin: .25rem 0 0; }
.attachment { display: flex; gap: .75rem; align-items: flex-start; padding: .5rem 0; border-top: 1px dashed var(--rule);
  break-inside: avoid; page-break-inside: avoid; }
.attachment:first-child { border-top: 0; }
.attachment img { width: 96px; height: auto; max-height: 128px; object-fit: contain; border: 1px solid var(--rule); flex: none; }
.attachment .meta { min-width: 0; font-size: .9rem; }
.history { font-size: .9rem; margin: .5rem 0 0; padding: .5rem .75rem; background: var(--soft); border-radius: 4px; }
.history ol { margin: .25rem 0 0; padding-left: 1.25rem; }
details.messages { margin: .5rem 0 0; }
details.messages > summary { cursor: pointer; color: var(--link); font-weight: 600; }
.print-only, .print-path { display: none; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; table-layout: fixed; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); min-width: 0; }
thead th { border-bottom: 2px solid var(--accent); color: var(--accent); }
tbody th { font-weight: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
table.msgs col.who { width: 8.5rem; }
table.msgs .sender { display: block; font-weight: 600; }
table.msgs tr.context .sender { font-weight: normal; }
table.msgs td { white-space: pre-wrap; unicode-bidi: plaintext; }
table.kv th { width: 12rem; color: var(--muted); font-weight: 600; }
table.checkpoints col.size { width: 6rem; }
table.corrections col.num { width: 4rem; }
.card { border: 1px solid var(--rule); border-radius: 4px; padding: .75rem 1rem; margin: .75rem 0; break-inside: avoid; page-break-inside: avoid; }
.card h3 { margin-top: 0; }
footer.foot { margin-top: 3rem; padding-bottom: 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); }
@media (max-width: 36rem) {
  body { font-size: 15px; }
  .cover .facts, .fields { grid-template-columns: 1fr; gap: 0 1rem; }
  .cover .facts dd, .fields dd { margin-bottom: .4rem; }
  .item { padding: .6rem .7rem; }
  .attachment img { width: 72px; }
  table.msgs col.who { width: 6.5rem; }
  table.kv th { width: 7rem; }
  th, td { padding: .3rem .35rem; }
}
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  body { font-size: 10.5pt; }
  header.cover, main, footer.foot { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .skip, nav.toc { display: none; }
  .sheet { break-before: page; page-break-before: always; }
  h2, h3, h4, .day { break-after: avoid; page-break-after: avoid; }
  .item, .card, .history, tr, .attachment { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  details.messages { display: none; }
  .print-only { display: block; }
  .print-path { display: inline; }
  .item { border-left-width: 3px; }
}
"#;

/// Page-margin footer for print (browsers that support `@page` margin boxes): the diary's
/// fingerprint and page numbers, so a page separated from its bundle still says what it is.
/// Only the characters of a fingerprint survive, so nothing can end the CSS string.
pub(crate) fn page_footer(fingerprint: &str) -> String {
    let fp: String = fingerprint
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '+' | '/' | '='))
        .take(80)
        .collect();
    format!(
        "@page {{ @bottom-left {{ content: \"Tally evidence pack \\00B7  key {fp}\"; font: 8pt system-ui, sans-serif; color: #4a4a4a; }} \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt system-ui, sans-serif; color: #4a4a4a; }} }}\n"
    )
}
