//! The course-of-conduct summary as plain records, for screens that show the figures
//! (the full analysis, with every nested detail, stays available as JSON).

use tally_core::summary::Summary;

use crate::diary::Diary;
use crate::error::TallyApiError;
use crate::records::{Category, SummaryFilter};

/// Incidents of one category.
#[derive(Debug, Clone, uniffi::Record)]
pub struct CategoryCount {
    /// The category.
    pub category: Category,
    /// How many incidents.
    pub count: u64,
}

/// Incidents in one ISO week.
#[derive(Debug, Clone, uniffi::Record)]
pub struct WeekCount {
    /// The ISO week, e.g. "2024-W10".
    pub week: String,
    /// Incidents recorded in it.
    pub count: u64,
}

/// One breach of an order, as recorded.
#[derive(Debug, Clone, uniffi::Record)]
pub struct OrderBreach {
    /// The order's entry number.
    pub order: u64,
    /// The incident (or message log) entry number.
    pub incident: u64,
    /// Its number within that order, from 1.
    pub number: u64,
    /// "breach 9 of the bail conditions of 3 March 2024".
    pub text: String,
}

/// One police contact.
#[derive(Debug, Clone, uniffi::Record)]
pub struct PoliceContactFact {
    /// Its entry number.
    pub entry: u64,
    /// The reference number given, if any.
    pub reference: Option<String>,
    /// Whether the advice was to block the person.
    pub advised_blocking: bool,
    /// Why that advice is flagged (blocking can escalate the behaviour and loses evidence).
    pub blocking_note: Option<String>,
}

/// The summary for officers, as plain records.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SummaryReport {
    /// Incidents counted.
    pub incidents_total: u64,
    /// Incidents by category (categories with none left out), least severe first.
    pub by_category: Vec<CategoryCount>,
    /// Incidents per ISO week, from the first to the last.
    pub weeks: Vec<WeekCount>,
    /// Every breach of a recorded order, one by one.
    pub order_breaches: Vec<OrderBreach>,
    /// Every police contact.
    pub police_contacts: Vec<PoliceContactFact>,
    /// The risk-screening indicators, as sentences of recorded fact.
    pub indicators: Vec<String>,
    /// Entries whose content the owner erased.
    pub erased_entries: u64,
}

impl From<&Summary> for SummaryReport {
    fn from(s: &Summary) -> Self {
        SummaryReport {
            incidents_total: s.incidents_total as u64,
            by_category: s
                .by_category
                .present()
                .into_iter()
                .map(|(category, count)| CategoryCount {
                    category: category.into(),
                    count: count as u64,
                })
                .collect(),
            weeks: s
                .weeks
                .iter()
                .map(|w| WeekCount {
                    week: w.week.clone(),
                    count: w.count as u64,
                })
                .collect(),
            order_breaches: s
                .order_breaches
                .iter()
                .map(|b| OrderBreach {
                    order: b.order,
                    incident: b.incident,
                    number: b.number as u64,
                    text: b.text.clone(),
                })
                .collect(),
            police_contacts: s
                .police_contacts
                .iter()
                .map(|p| PoliceContactFact {
                    entry: p.entry,
                    reference: p.reference.clone(),
                    advised_blocking: p.advised_blocking,
                    blocking_note: p.blocking_note.clone(),
                })
                .collect(),
            indicators: s
                .indicators
                .sentences()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            erased_entries: s.erased_entries as u64,
        }
    }
}

#[uniffi::export]
impl Diary {
    /// The course-of-conduct summary as plain records (see `summary` for the full JSON).
    pub fn summary_report(&self, filter: SummaryFilter) -> Result<SummaryReport, TallyApiError> {
        let filter = filter.try_into()?;
        self.with(|d| {
            let views = d.views()?;
            Ok((&tally_core::summary::summarise(&views, &filter, d)?).into())
        })
    }
}
