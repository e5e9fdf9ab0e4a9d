//! The facts a stalking risk screening asks about (S-DASH: visits more than three times a
//! week, threats, property damage, third parties involved, violence, fear, previous
//! harassment or violence, changes to daily life), each counted from what the victim
//! recorded and worded as a recorded fact, never as an assessment.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{Inc, Scope};
use crate::locale::Words;
use crate::model::Category;

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
fn visits_phrase(visits: &[&Inc<'_>], words: &Words) -> String {
    let home = visits
        .iter()
        .filter(|v| v.category() == Category::VisitHome)
        .count();
    let work = visits.len() - home;
    let n = visits.len();
    if work == 0 {
        words.with("summary-visits-home", &[("n", n.into())])
    } else if home == 0 {
        words.with("summary-visits-work", &[("n", n.into())])
    } else {
        words.with(
            "summary-visits-both",
            &[
                ("n", n.into()),
                ("home", home.into()),
                ("work", work.into()),
            ],
        )
    }
}

fn visits(incidents: &[&Inc<'_>], words: &Words) -> (VisitWindowMax, Vec<VisitWindow>) {
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
                text: words.with(
                    "summary-visits-window",
                    &[
                        ("visits", visits_phrase(slice, words).into()),
                        ("span", words.span(v[i].date, v[j].date).into()),
                    ],
                ),
            });
        }
    }
    let max = match best {
        None => VisitWindowMax {
            count: 0,
            from: None,
            to: None,
            text: words.text("summary-visits-none"),
        },
        Some((i, j)) => VisitWindowMax {
            count: j - i + 1,
            from: Some(v[i].date),
            to: Some(v[j].date),
            text: words.with(
                "summary-visits-most",
                &[
                    ("visits", visits_phrase(&v[i..=j], words).into()),
                    ("span", words.span(v[i].date, v[j].date).into()),
                ],
            ),
        },
    };
    (max, over)
}

/// `id` names the counted phrase ("summary-threats": "3 threats"); `id`-none is the
/// sentence for none recorded.
fn category_indicator(
    incidents: &[&Inc<'_>],
    category: Category,
    id: &str,
    words: &Words,
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
        (Some(a), Some(b)) => words.with(
            "summary-recorded",
            &[
                (
                    "what",
                    words.with(id, &[("n", matching.len().into())]).into(),
                ),
                ("span", words.span(a, b).into()),
            ],
        ),
        _ => words.text(&format!("{id}-none")),
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

fn fear(incidents: &[&Inc<'_>], words: &Words) -> FearIndicator {
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
        (Some(a), Some(b), Some(f), Some(l)) => words.with(
            "summary-fear-averages",
            &[
                ("n", n.into()),
                ("span", words.span(a.date, b.date).into()),
                ("first", format!("{f:.1}").into()),
                ("last", format!("{l:.1}").into()),
            ],
        ),
        (Some(only), ..) => words.with(
            "summary-fear-once",
            &[
                ("fear", only.fear.into()),
                ("date", words.date(only.date).into()),
            ],
        ),
        _ => words.text("summary-fear-none"),
    };
    FearIndicator {
        values,
        first_third_average: first,
        last_third_average: last,
        text,
    }
}

/// `id` is "summary-previous-harassment" or "summary-previous-violence".
fn previous(entries: Vec<u64>, id: &str, words: &Words) -> PreviousIndicator {
    let text = match entries.as_slice() {
        [] => words.text(&format!("{id}-none")),
        [one] => words.with(&format!("{id}-one"), &[("entry", (*one).into())]),
        many => words.with(
            &format!("{id}-many"),
            &[(
                "entries",
                many.iter()
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            )],
        ),
    };
    PreviousIndicator {
        recorded: !entries.is_empty(),
        entries,
        text,
    }
}

fn life_changes(incidents: &[&Inc<'_>], words: &Words) -> Vec<LifeChangeFact> {
    let mut out: Vec<LifeChangeFact> = Vec::new();
    for i in incidents {
        for c in &i.incident.impact.changes {
            let name = c.as_str();
            match out.iter_mut().find(|f| f.change == name) {
                Some(f) => {
                    f.count += 1;
                    f.first = f.first.min(i.date);
                }
                None => out.push(LifeChangeFact {
                    change: name,
                    count: 1,
                    first: i.date,
                    text: String::new(),
                }),
            }
        }
    }
    for f in &mut out {
        f.text = words.with(
            "summary-life-change",
            &[
                (
                    "change",
                    words.text(&format!("life-change-{}", f.change)).into(),
                ),
                ("date", words.date(f.first).into()),
                (
                    "incidents",
                    words
                        .with("count-incidents", &[("n", f.count.into())])
                        .into(),
                ),
            ],
        );
    }
    out
}

pub(crate) fn indicators(scope: &Scope<'_>) -> Indicators {
    let incidents: Vec<&Inc<'_>> = scope.scoped_incidents().collect();
    let words = scope.words;
    let (max_visits_in_7_days, windows_over_three) = visits(&incidents, words);
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
        loitering: category_indicator(&incidents, Category::Loitering, "summary-loitering", words),
        threats: category_indicator(&incidents, Category::Threat, "summary-threats", words),
        property_damage: category_indicator(
            &incidents,
            Category::PropertyDamage,
            "summary-property-damage",
            words,
        ),
        third_party_contact: category_indicator(
            &incidents,
            Category::ThirdPartyContact,
            "summary-third-party",
            words,
        ),
        violence: category_indicator(&incidents, Category::Violence, "summary-violence", words),
        tracking: category_indicator(
            &incidents,
            Category::TrackingOrDeviceMisuse,
            "summary-tracking",
            words,
        ),
        fear: fear(&incidents, words),
        previous_harassment: previous(
            people(|p| p.previous_harassment.as_ref()),
            "summary-previous-harassment",
            words,
        ),
        previous_violence: previous(
            people(|p| p.previous_violence.as_ref()),
            "summary-previous-violence",
            words,
        ),
        life_changes: life_changes(&incidents, words),
    }
}
