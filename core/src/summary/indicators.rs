//! The facts a stalking risk screening asks about (S-DASH: visits more than three times a
//! week, threats, property damage, third parties involved, violence, fear, previous
//! harassment or violence, changes to daily life), each counted from what the victim
//! recorded and worded as a recorded fact, never as an assessment.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{Inc, Scope, text};
use crate::model::{Category, LifeChange};

/// The most visits to home or work in any 7 consecutive days.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct VisitWindowMax {
    /// How many.
    pub count: usize,
    /// Date of the first visit in that window (the earliest such window).
    pub from: Option<NaiveDate>,
    /// Date of the last visit in it.
    pub to: Option<NaiveDate>,
    /// The fact in words.
    pub text: String,
}

/// A stretch of at most 7 days holding more than three visits to home or work.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct VisitWindow {
    /// Date of its first visit.
    pub from: NaiveDate,
    /// Date of its last visit (at most 6 days later).
    pub to: NaiveDate,
    /// Visits in it.
    pub count: usize,
    /// Their incident entries.
    pub entries: Vec<u64>,
    /// The fact in words.
    pub text: String,
}

/// How often one kind of behaviour was recorded.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct CategoryIndicator {
    /// How many incidents.
    pub count: usize,
    /// Date of the first.
    pub first: Option<NaiveDate>,
    /// Date of the last.
    pub last: Option<NaiveDate>,
    /// Their entries, in time order.
    pub entries: Vec<u64>,
    /// The fact in words.
    pub text: String,
}

/// One recorded fear level.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct FearPoint {
    /// The incident.
    pub entry: u64,
    /// Its local date.
    pub date: NaiveDate,
    /// Fear, 0 to 10.
    pub fear: u8,
}

/// Fear over time.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FearIndicator {
    /// Every recorded fear level, in time order.
    pub values: Vec<FearPoint>,
    /// Average of the first third of the values (at least one value), one decimal place;
    /// `None` with fewer than two values.
    pub first_third_average: Option<f64>,
    /// Average of the last third, likewise.
    pub last_third_average: Option<f64>,
    /// The fact in words.
    pub text: String,
}

/// Previous harassment or violence the victim recorded in person entries.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct PreviousIndicator {
    /// Whether any person entry records it.
    pub recorded: bool,
    /// Which person entries.
    pub entries: Vec<u64>,
    /// The fact in words.
    pub text: String,
}

/// A change to daily life the victim recorded.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LifeChangeFact {
    /// The change, as named in entries ("moved-home" …; "other" for the victim's own words,
    /// which stay in the entry).
    pub change: &'static str,
    /// Incidents recording it.
    pub count: usize,
    /// Date of the first.
    pub first: NaiveDate,
    /// The fact in words.
    pub text: String,
}

/// The indicators, as recorded facts.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Indicators {
    /// The most visits to home or work in any 7 days.
    pub max_visits_in_7_days: VisitWindowMax,
    /// Every maximal stretch of 7 days with more than three visits to home or work.
    pub windows_over_three: Vec<VisitWindow>,
    /// Loitering.
    pub loitering: CategoryIndicator,
    /// Threats.
    pub threats: CategoryIndicator,
    /// Property damage.
    pub property_damage: CategoryIndicator,
    /// Contact through third parties.
    pub third_party_contact: CategoryIndicator,
    /// Violence.
    pub violence: CategoryIndicator,
    /// Tracking or device misuse.
    pub tracking: CategoryIndicator,
    /// Fear over time.
    pub fear: FearIndicator,
    /// Previous harassment by a person in the summary.
    pub previous_harassment: PreviousIndicator,
    /// Previous violence by a person in the summary.
    pub previous_violence: PreviousIndicator,
    /// Changes to daily life.
    pub life_changes: Vec<LifeChangeFact>,
}

impl Indicators {
    /// Every indicator's sentence, in the order the summary shows them.
    pub fn sentences(&self) -> Vec<&str> {
        let mut out = vec![self.max_visits_in_7_days.text.as_str()];
        out.extend(self.windows_over_three.iter().map(|w| w.text.as_str()));
        for c in [
            &self.violence,
            &self.threats,
            &self.property_damage,
            &self.tracking,
            &self.loitering,
            &self.third_party_contact,
        ] {
            out.push(&c.text);
        }
        out.push(&self.fear.text);
        out.push(&self.previous_harassment.text);
        out.push(&self.previous_violence.text);
        out.extend(self.life_changes.iter().map(|l| l.text.as_str()));
        out
    }
}

fn is_visit(c: Category) -> bool {
    matches!(c, Category::VisitHome | Category::VisitWork)
}

/// "4 visits to work", "4 visits to home or work (1 to home, 3 to work)".
fn visits_phrase(visits: &[&Inc<'_>]) -> String {
    let home = visits
        .iter()
        .filter(|v| v.category() == Category::VisitHome)
        .count();
    let work = visits.len() - home;
    let n = visits.len();
    if work == 0 {
        text::count(n, "visit to home", "visits to home")
    } else if home == 0 {
        text::count(n, "visit to work", "visits to work")
    } else {
        format!("{n} visits to home or work ({home} to home, {work} to work)")
    }
}

fn visits(incidents: &[&Inc<'_>]) -> (VisitWindowMax, Vec<VisitWindow>) {
    let mut v: Vec<&Inc<'_>> = incidents
        .iter()
        .copied()
        .filter(|i| is_visit(i.category()))
        .collect();
    // Local dates, not instants: two incidents in different offsets can be in one order
    // by instant and the other by date.
    v.sort_by_key(|i| (i.date, i.seq));
    // For each visit i, the window of 7 days starting on its date ends at visit j(i).
    let mut ends = Vec::with_capacity(v.len());
    let mut j = 0;
    for i in 0..v.len() {
        let until = v[i]
            .date
            .checked_add_days(Days::new(6))
            .unwrap_or(v[i].date);
        j = j.max(i);
        while j + 1 < v.len() && v[j + 1].date <= until {
            j += 1;
        }
        ends.push(j);
    }
    let mut best: Option<(usize, usize)> = None;
    let mut over = Vec::new();
    for (i, &j) in ends.iter().enumerate() {
        let n = j - i + 1;
        if best.is_none_or(|(bi, bj)| n > bj - bi + 1) {
            best = Some((i, j));
        }
        // A window is maximal unless the one before it ends at the same visit (then it
        // holds this one and more).
        let maximal = i == 0 || ends[i - 1] != j;
        if n > 3 && maximal {
            let slice = &v[i..=j];
            over.push(VisitWindow {
                from: v[i].date,
                to: v[j].date,
                count: n,
                entries: slice.iter().map(|x| x.seq).collect(),
                text: format!(
                    "Recorded: {} {}, more than three in 7 days.",
                    visits_phrase(slice),
                    text::span(v[i].date, v[j].date)
                ),
            });
        }
    }
    let max = match best {
        None => VisitWindowMax {
            count: 0,
            from: None,
            to: None,
            text: "No visits to home or work recorded.".to_string(),
        },
        Some((i, j)) => VisitWindowMax {
            count: j - i + 1,
            from: Some(v[i].date),
            to: Some(v[j].date),
            text: format!(
                "Most visits to home or work in any 7 days: {} {}.",
                visits_phrase(&v[i..=j]),
                text::span(v[i].date, v[j].date)
            ),
        },
    };
    (max, over)
}

fn category_indicator(
    incidents: &[&Inc<'_>],
    category: Category,
    one: &str,
    many: &str,
) -> CategoryIndicator {
    let mut matching: Vec<&Inc<'_>> = incidents
        .iter()
        .copied()
        .filter(|i| i.category() == category)
        .collect();
    matching.sort_by_key(|i| (i.date, i.seq));
    let first = matching.first().map(|i| i.date);
    let last = matching.last().map(|i| i.date);
    let text = match (first, last) {
        (Some(a), Some(b)) => format!(
            "Recorded: {} {}.",
            text::count(matching.len(), one, many),
            text::span(a, b)
        ),
        _ => format!("No {many} recorded."),
    };
    CategoryIndicator {
        count: matching.len(),
        first,
        last,
        entries: matching.iter().map(|i| i.seq).collect(),
        text,
    }
}

fn average(values: &[FearPoint]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let sum: u32 = values.iter().map(|v| u32::from(v.fear)).sum();
    Some((f64::from(sum) / values.len() as f64 * 10.0).round() / 10.0)
}

fn fear(incidents: &[&Inc<'_>]) -> FearIndicator {
    let values: Vec<FearPoint> = incidents
        .iter()
        .filter_map(|i| {
            i.incident.impact.fear.map(|fear| FearPoint {
                entry: i.seq,
                date: i.date,
                fear,
            })
        })
        .collect();
    let n = values.len();
    let (first, last) = if n >= 2 {
        let k = (n / 3).max(1);
        (average(&values[..k]), average(&values[n - k..]))
    } else {
        (None, None)
    };
    let text = match (values.first(), values.last(), first, last) {
        (Some(a), Some(b), Some(f), Some(l)) => format!(
            "Fear recorded in {n} incidents {} (0 to 10): average {f:.1} in the first third, \
             {l:.1} in the last third.",
            text::span(a.date, b.date)
        ),
        (Some(only), ..) => format!(
            "Fear recorded once: {} out of 10, on {}.",
            only.fear,
            text::date(only.date)
        ),
        _ => "No fear level recorded.".to_string(),
    };
    FearIndicator {
        values,
        first_third_average: first,
        last_third_average: last,
        text,
    }
}

fn previous(entries: Vec<u64>, what: &str) -> PreviousIndicator {
    let text = match entries.as_slice() {
        [] => format!("No previous {what} recorded."),
        [one] => format!("Previous {what} recorded in person entry {one}."),
        many => format!(
            "Previous {what} recorded in person entries {}.",
            many.iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    PreviousIndicator {
        recorded: !entries.is_empty(),
        entries,
        text,
    }
}

fn change_name(c: &LifeChange) -> (&'static str, &'static str) {
    match c {
        LifeChange::MovedHome => ("moved-home", "moved home"),
        LifeChange::ChangedRoute => ("changed-route", "changed route"),
        LifeChange::TimeOffWork => ("time-off-work", "time off work or changed job"),
        LifeChange::ChangedNumberOrAccounts => (
            "changed-number-or-accounts",
            "changed phone number or accounts",
        ),
        LifeChange::StoppedGoingOut => ("stopped-going-out", "stopped or reduced going out"),
        LifeChange::ExtraSecurity => ("extra-security", "installed cameras, alarms or locks"),
        LifeChange::SoughtHealthHelp => {
            ("sought-health-help", "sought medical or mental-health help")
        }
        LifeChange::Other(_) => ("other", "another change to daily life"),
    }
}

fn life_changes(incidents: &[&Inc<'_>]) -> Vec<LifeChangeFact> {
    let mut out: Vec<(LifeChangeFact, &'static str)> = Vec::new();
    for i in incidents {
        for c in &i.incident.impact.changes {
            let (name, words) = change_name(c);
            match out.iter_mut().find(|(f, _)| f.change == name) {
                Some((f, _)) => {
                    f.count += 1;
                    f.first = f.first.min(i.date);
                }
                None => out.push((
                    LifeChangeFact {
                        change: name,
                        count: 1,
                        first: i.date,
                        text: String::new(),
                    },
                    words,
                )),
            }
        }
    }
    out.into_iter()
        .map(|(mut f, words)| {
            f.text = format!(
                "Change to daily life recorded: {words} (first recorded {}, {}).",
                text::date(f.first),
                text::count(f.count, "incident", "incidents")
            );
            f
        })
        .collect()
}

pub(crate) fn indicators(scope: &Scope<'_>) -> Indicators {
    let incidents: Vec<&Inc<'_>> = scope.scoped_incidents().collect();
    let (max_visits_in_7_days, windows_over_three) = visits(&incidents);
    let people = |f: fn(&crate::model::Person) -> Option<&String>| -> Vec<u64> {
        scope
            .persons
            .iter()
            .filter(|(seq, _)| scope.filter.person.is_none_or(|p| p == *seq))
            .filter(|(_, p)| f(p).is_some_and(|t| !t.trim().is_empty()))
            .map(|(seq, _)| *seq)
            .collect()
    };
    Indicators {
        max_visits_in_7_days,
        windows_over_three,
        loitering: category_indicator(
            &incidents,
            Category::Loitering,
            "incident of loitering",
            "incidents of loitering",
        ),
        threats: category_indicator(&incidents, Category::Threat, "threat", "threats"),
        property_damage: category_indicator(
            &incidents,
            Category::PropertyDamage,
            "incident of property damage",
            "incidents of property damage",
        ),
        third_party_contact: category_indicator(
            &incidents,
            Category::ThirdPartyContact,
            "contact through a third party",
            "contacts through third parties",
        ),
        violence: category_indicator(
            &incidents,
            Category::Violence,
            "incident of violence",
            "incidents of violence",
        ),
        tracking: category_indicator(
            &incidents,
            Category::TrackingOrDeviceMisuse,
            "incident of tracking or device misuse",
            "incidents of tracking or device misuse",
        ),
        fear: fear(&incidents),
        previous_harassment: previous(
            people(|p| p.previous_harassment.as_ref()),
            "harassment or stalking",
        ),
        previous_violence: previous(people(|p| p.previous_violence.as_ref()), "violence"),
        life_changes: life_changes(&incidents),
    }
}
