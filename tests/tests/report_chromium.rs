//! The demo pack's `data/report.html` in a real browser:
//! headless Chromium (Debian `chromium`) renders it with no console message and no network
//! request made by the page, and the rendered DOM holds every disclosed incident's summary
//! and the officers' summary figures computed by `tally_core::summary::summarise`.
//!
//! A control page with a remote image and a console error runs through the same detectors
//! first, so the test is known to be able to fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod pack_common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use pack_common::*;
use tally_core::diary::NoProgress;
use tally_core::pack::ExportOptions;
use tally_core::safe_zip::SafeZip;

/// What one headless Chromium run saw.
struct Rendered {
    dom: String,
    /// Lines Chromium logged from the page's console (CSP violations land here too).
    console: Vec<String>,
    /// URLs the page itself asked the network for (not the browser's own housekeeping).
    page_requests: Vec<String>,
}

fn chromium() -> PathBuf {
    for name in ["chromium", "chromium-browser"] {
        for dir in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("chromium is missing: install Debian's `chromium` (CI does); this test never skips");
}

fn render(page: &Path) -> Rendered {
    let profile = tempfile::tempdir().unwrap();
    let net_log = profile.path().join("net-log.json");
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let started = Instant::now();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            // Any name the page tried to resolve fails, so a request cannot succeed even
            // if one were made; the net log below still records the attempt.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=2000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--log-net-log={}", net_log.display()))
        .arg(&url)
        .output()
        .expect("running chromium");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "chromium took {:?}",
        started.elapsed()
    );
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Refused to"))
        .map(str::to_owned)
        .collect();
    Rendered {
        dom: String::from_utf8_lossy(&out.stdout).into_owned(),
        console,
        page_requests: page_requests(&net_log),
    }
}

/// URL requests in the net log made on behalf of the page. Chromium's own background
/// fetches (time sync, updates) carry the initiator "not an origin"; anything a `file://`
/// page starts carries its (opaque) origin and a `file://` network isolation key.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).expect("chromium wrote no net log");
    // Chromium may be killed before closing the JSON array; close it if needed.
    let log: serde_json::Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("net log is not JSON");
    let types = &log["constants"]["logEventTypes"];
    let start_job = types["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("net log constants");
    log["events"]
        .as_array()
        .expect("net log events")
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter_map(|e| {
            let p = &e["params"];
            let url = p["url"].as_str()?;
            let initiator = p["initiator"].as_str().unwrap_or("");
            let nik = p["network_isolation_key"].as_str().unwrap_or("");
            let from_page = initiator != "not an origin" || nik.contains("file://");
            (from_page && !url.starts_with("file://")).then(|| url.to_owned())
        })
        .collect()
}

/// `src`, `srcset`, `url(…)`, `@import` or `<link href>` pointing at the network.
fn remote_references(dom: &str) -> Vec<String> {
    let lower = dom.to_ascii_lowercase();
    let mut found = Vec::new();
    for pattern in [
        "src=\"http",
        "src='http",
        "srcset=\"http",
        "url(http",
        "url(\"http",
        "url('http",
        "@import",
        "href=\"//",
    ] {
        if let Some(i) = lower.find(pattern) {
            found.push(dom[i..(i + 80).min(dom.len())].to_owned());
        }
    }
    // <link> elements may only refer within the page.
    for (i, _) in lower.match_indices("<link") {
        let tag = &lower[i..lower[i..].find('>').map_or(lower.len(), |e| i + e)];
        if tag.contains("http") {
            found.push(dom[i..(i + 80).min(dom.len())].to_owned());
        }
    }
    found
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
fn the_detectors_catch_a_remote_image_and_a_console_error() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("control.html");
    std::fs::write(
        &page,
        "<!doctype html><html><body><p>control</p>\
         <img src=\"http://example.invalid/tracker.png\">\
         <script>console.error('control error')</script></body></html>",
    )
    .unwrap();
    let r = render(&page);
    assert!(
        r.page_requests
            .iter()
            .any(|u| u.contains("example.invalid")),
        "the net-log detector missed the control page's request: {:?}",
        r.page_requests
    );
    assert!(
        r.console.iter().any(|l| l.contains("control error")),
        "the console detector missed the control error: {:?}",
        r.console
    );
    assert!(!remote_references(&r.dom).is_empty());
}

#[test]
fn demo_report_renders_offline_with_every_summary_and_the_officers_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = new_diary(dir.path());
    tally_core::demo::fill(&mut diary).unwrap();
    let pack = dir.path().join("demo.zip");
    let s = diary
        .export_pack(&pack, &ExportOptions::default(), &NoProgress)
        .unwrap();
    let mut zip = SafeZip::open_pack(&pack, Default::default()).unwrap();
    let html = zip
        .read_member(&format!("{}/data/report.html", s.bag_name), 64 << 20)
        .unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();

    let r = render(&page);
    assert!(r.console.is_empty(), "console messages: {:#?}", r.console);
    assert!(
        r.page_requests.is_empty(),
        "the page made requests: {:#?}",
        r.page_requests
    );
    assert!(
        remote_references(&r.dom).is_empty(),
        "remote references in the DOM: {:#?}",
        remote_references(&r.dom)
    );
    assert!(
        r.dom.contains("Content-Security-Policy"),
        "the report lost its CSP"
    );

    let views = diary.views().unwrap();
    let mut incidents = 0;
    for v in &views {
        if let Some(i) = v.incident() {
            incidents += 1;
            assert!(
                r.dom.contains(&html_text(&i.summary)),
                "entry {}'s summary {:?} is not in the rendered report",
                v.seq,
                i.summary
            );
        }
    }
    assert!(incidents > 5, "the demo should have incidents");

    // The officers' summary figures, from the summary's JSON.
    let summary = tally_core::summary::summarise(
        &views,
        &tally_core::summary::SummaryFilter::default(),
        &diary,
    )
    .unwrap();
    let json = serde_json::to_value(&summary).unwrap();
    let total = json["incidents_total"].as_u64().unwrap();
    let breaches = json["order_breaches"].as_array().unwrap().len();
    assert!(
        total > 0 && breaches > 0,
        "the demo records incidents and breaches"
    );
    let section = r
        .dom
        .find("id=\"summary-for-officers\"")
        .map(|i| &r.dom[i..])
        .expect("the report has the summary for officers");
    assert!(
        section.contains(&format!("Recorded</dt><dd>{total} incidents")),
        "incidents_total {total} is not shown"
    );
    assert!(
        section.contains(&format!("Breaches recorded: {breaches} ")),
        "the breach count {breaches} is not shown"
    );
}
