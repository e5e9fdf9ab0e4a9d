//! From a header's numbers to an instant: which number is the day (the order is not
//! written in the file), which calendar the year is in, the 12-hour clock, and the time
//! zone the phone was in.
//!
//! The date order is proven by any date whose first number is over 12 (day first) or
//! whose second is (month first). Year-first dates are always year, month, day. Dates
//! written with dots are day first when nothing proves otherwise: no language writes
//! month-first dates with dots. Anything else unproven is ambiguous, and the caller
//! must say: guessing would put messages on the wrong day in silence.

use crate::zone::Zone;
use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};

use super::header::{Era, Shape, Stamp, YearAt};
use crate::import::ImportError;

/// How the numeric dates of an export are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOrder {
    /// `12/03/2024` is 12 March 2024.
    DayMonthYear,
    /// `03/12/2024` is 12 March 2024.
    MonthDayYear,
    /// `2024/03/12` is 12 March 2024 (the only order year-first dates are written in).
    YearMonthDay,
}

impl DateOrder {
    /// `dmy`, `mdy` or `ymd`, as the command line spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::DayMonthYear => "dmy",
            DateOrder::MonthDayYear => "mdy",
            DateOrder::YearMonthDay => "ymd",
        }
    }
}

/// How the date order of a file was settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderBasis {
    /// The caller said.
    Given,
    /// A date proves it (its line).
    Proven(usize),
    /// Year-first dates have one order.
    YearFirst,
    /// Dates with dots are day first.
    Dots,
    /// Every date reads the same both ways (1 January, 2 February…).
    EitherWay,
}

/// What the dates of one export say about their order, gathered line by line; it also
/// keeps, for each possible order, the first line whose date or time would then be
/// impossible or would not exist in the time zone, so that one pass vets the whole file.
#[derive(Clone, Debug, Default)]
pub(super) struct Evidence {
    first_line: Option<usize>,
    year_first: bool,
    dots: bool,
    day_first: Option<usize>,
    month_first: Option<usize>,
    asymmetric: bool,
    impossible: Option<usize>,
    /// First impossible date or time, if the order were day first / month first / year
    /// first.
    invalid: [Option<usize>; 3],
    /// First local time that never happened in the zone, per order.
    nonexistent: [Option<usize>; 3],
    converters: [Converter; 3],
}

const ORDERS: [DateOrder; 3] = [
    DateOrder::DayMonthYear,
    DateOrder::MonthDayYear,
    DateOrder::YearMonthDay,
];

impl Evidence {
    /// Takes one header into account.
    pub fn add(&mut self, line: usize, stamp: &Stamp, shape: &Shape, zone: Zone) {
        self.first_line.get_or_insert(line);
        self.dots |= shape.date_separator == '.';
        match shape.year_at {
            YearAt::First => self.year_first = true,
            YearAt::Last => {
                let (a, b) = (stamp.first, stamp.second);
                if a == 0 || b == 0 || (a > 12 && b > 12) {
                    self.impossible.get_or_insert(line);
                }
                if a > 12 {
                    self.day_first.get_or_insert(line);
                }
                if b > 12 {
                    self.month_first.get_or_insert(line);
                }
                self.asymmetric |= a != b;
            }
        }
        for (i, order) in ORDERS.into_iter().enumerate() {
            let applies = (order == DateOrder::YearMonthDay) == (shape.year_at == YearAt::First);
            if !applies {
                continue;
            }
            match local_datetime(stamp, order) {
                None => {
                    self.invalid[i].get_or_insert(line);
                }
                Some(local) => {
                    if self.nonexistent[i].is_none()
                        && let Some(converter) = self.converters.get_mut(i)
                        && converter.convert(local, zone).is_none()
                    {
                        self.nonexistent[i] = Some(line);
                    }
                }
            }
        }
    }

    /// The order to read the file in, and why; or why it cannot be read.
    pub fn resolve(
        &self,
        given: Option<DateOrder>,
    ) -> Result<(DateOrder, OrderBasis), ImportError> {
        if let Some(line) = self.impossible {
            return Err(ImportError::ImpossibleDate { line });
        }
        let (order, basis) = self.choose(given)?;
        let i = ORDERS.iter().position(|&o| o == order).unwrap_or(0);
        if let Some(line) = self.invalid.get(i).copied().flatten() {
            return Err(ImportError::ImpossibleDate { line });
        }
        if let Some(line) = self.nonexistent.get(i).copied().flatten() {
            return Err(ImportError::NonexistentLocalTime { line });
        }
        Ok((order, basis))
    }

    /// The order alone, before the dates are checked in it; `None` when the dates leave
    /// it open (the caller must ask).
    pub fn finding(&self) -> Option<(DateOrder, OrderBasis)> {
        self.choose(None).ok()
    }

    fn choose(&self, given: Option<DateOrder>) -> Result<(DateOrder, OrderBasis), ImportError> {
        if self.year_first {
            return Ok((DateOrder::YearMonthDay, OrderBasis::YearFirst));
        }
        if given == Some(DateOrder::YearMonthDay) {
            return Err(ImportError::ContradictsDateOrder {
                line: self.first_line.unwrap_or(1),
            });
        }
        match (given, self.day_first, self.month_first) {
            (Some(DateOrder::DayMonthYear), _, Some(line)) => {
                Err(ImportError::ContradictsDateOrder { line })
            }
            (Some(DateOrder::MonthDayYear), Some(line), _) => {
                Err(ImportError::ContradictsDateOrder { line })
            }
            (Some(order), _, _) => Ok((order, OrderBasis::Given)),
            (None, Some(day_first_line), Some(month_first_line)) => {
                Err(ImportError::InconsistentDateOrder {
                    day_first_line,
                    month_first_line,
                })
            }
            (None, Some(line), None) => Ok((DateOrder::DayMonthYear, OrderBasis::Proven(line))),
            (None, None, Some(line)) => Ok((DateOrder::MonthDayYear, OrderBasis::Proven(line))),
            (None, None, None) if self.dots => Ok((DateOrder::DayMonthYear, OrderBasis::Dots)),
            (None, None, None) if !self.asymmetric => {
                Ok((DateOrder::DayMonthYear, OrderBasis::EitherWay))
            }
            (None, None, None) => Err(ImportError::AmbiguousDateOrder),
        }
    }
}

/// The year in the common era.
fn year(stamp: &Stamp, written: u16) -> Option<i32> {
    let n = i32::from(written);
    Some(match (stamp.era, stamp.year_digits) {
        (Era::Gregorian, 2) => 2000 + n,
        (Era::Gregorian, _) => n,
        (Era::Buddhist, 2) => 2500 + n - 543,
        (Era::Buddhist, _) => n - 543,
        (Era::Japanese('R'), _) => 2018 + n,
        (Era::Japanese('H'), _) => 1988 + n,
        (Era::Japanese('S'), _) => 1925 + n,
        (Era::Japanese(_), _) => return None,
    })
}

/// The wall-clock time a header states, read in `order`; `None` if impossible.
pub(super) fn local_datetime(s: &Stamp, order: DateOrder) -> Option<NaiveDateTime> {
    let (y, m, d) = match order {
        DateOrder::DayMonthYear => (s.third, s.second, s.first),
        DateOrder::MonthDayYear => (s.third, s.first, s.second),
        DateOrder::YearMonthDay => (s.first, s.second, s.third),
    };
    let date = NaiveDate::from_ymd_opt(year(s, y)?, u32::from(m), u32::from(d))?;
    let hour = match s.pm {
        None if s.hour <= 23 => s.hour,
        // Some clocks count 0–11 (`0:24 PM` is 12:24), others 1–12.
        Some(pm) if s.hour <= 12 => (s.hour % 12) + if pm { 12 } else { 0 },
        _ => return None,
    };
    let time = NaiveTime::from_hms_opt(
        u32::from(hour),
        u32::from(s.minute),
        u32::from(s.second_of_minute),
    )?;
    Some(NaiveDateTime::new(date, time))
}

/// Local time to instant in a zone, remembering the last minute converted (messages come
/// in runs within a minute, and the zone database lookup is the costly part).
#[derive(Clone, Debug, Default)]
pub(crate) struct Converter {
    last: Option<(NaiveDateTime, FixedOffset)>,
}

impl Converter {
    /// The instant, or `None` for a local time skipped when clocks went forward. A local
    /// time that happened twice (clocks going back) takes the earlier instant: the export
    /// records no offset, so nothing in the file can choose; refusing would make every
    /// chat across that hour unimportable, the choice is the same on every import, and it
    /// is wrong by at most one hour within that hour.
    pub fn convert(&mut self, local: NaiveDateTime, zone: Zone) -> Option<DateTime<FixedOffset>> {
        let minute = local.with_second(0).unwrap_or(local);
        if let Some((cached, offset)) = self.last
            && cached == minute
        {
            return offset.from_local_datetime(&local).single();
        }
        let at = match zone.from_local_datetime(&local) {
            LocalResult::Single(t) => t.fixed_offset(),
            LocalResult::Ambiguous(earlier, _) => earlier.fixed_offset(),
            LocalResult::None => return None,
        };
        // A minute is never split by a change of offset in any zone (changes fall on
        // whole minutes), so the offset serves the rest of the minute.
        self.last = Some((minute, *at.offset()));
        Some(at)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::import::whatsapp::header;

    fn evidence(lines: &[&str], zone: Zone) -> Evidence {
        let mut e = Evidence::default();
        for (i, l) in lines.iter().enumerate() {
            let h = header::parse(l).unwrap();
            e.add(i + 1, &h.stamp, &h.shape, zone);
        }
        e
    }

    #[test]
    fn orders_are_proven_assumed_or_left_open() {
        let utc = Zone::UTC;
        let e = evidence(&["13/03/2024, 10:00 - a", "01/02/2024, 10:00 - a"], utc);
        assert_eq!(
            e.resolve(None).unwrap(),
            (DateOrder::DayMonthYear, OrderBasis::Proven(1))
        );
        let e = evidence(&["01/02/2024, 10:00 - a", "03/13/2024, 10:00 - a"], utc);
        assert_eq!(
            e.resolve(None).unwrap(),
            (DateOrder::MonthDayYear, OrderBasis::Proven(2))
        );
        let e = evidence(&["2024-02-01, 10:00 - a"], utc);
        assert_eq!(
            e.resolve(None).unwrap(),
            (DateOrder::YearMonthDay, OrderBasis::YearFirst)
        );
        let e = evidence(&["01.02.24, 10:00 - a"], utc);
        assert_eq!(
            e.resolve(None).unwrap(),
            (DateOrder::DayMonthYear, OrderBasis::Dots)
        );
        let e = evidence(&["01/01/2024, 10:00 - a", "02/02/2024, 10:00 - a"], utc);
        assert_eq!(
            e.resolve(None).unwrap(),
            (DateOrder::DayMonthYear, OrderBasis::EitherWay)
        );
        let e = evidence(&["01/02/2024, 10:00 - a"], utc);
        assert!(matches!(
            e.resolve(None),
            Err(ImportError::AmbiguousDateOrder)
        ));
        assert_eq!(e.finding(), None);
        assert_eq!(
            e.resolve(Some(DateOrder::MonthDayYear)).unwrap(),
            (DateOrder::MonthDayYear, OrderBasis::Given)
        );
    }

    #[test]
    fn an_impossible_date_is_only_impossible_in_the_order_chosen() {
        let utc = Zone::UTC;
        // 31/04 is impossible day first and 04/31 is not a month first date either; 30/02
        // fails day first only: with 13/01 proving day first, it must be refused.
        let e = evidence(&["13/01/2024, 10:00 - a", "30/02/2024, 10:00 - a"], utc);
        assert!(matches!(
            e.resolve(None),
            Err(ImportError::ImpossibleDate { line: 2 })
        ));
    }

    #[test]
    fn eras_and_clocks_convert() {
        let h = header::parse("[3/18/2565 BE, 2:56:01 PM] a").unwrap();
        assert_eq!(
            local_datetime(&h.stamp, DateOrder::MonthDayYear)
                .unwrap()
                .to_string(),
            "2022-03-18 14:56:01"
        );
        let h = header::parse("[3/18/R4, 0:56:01 PM] a").unwrap();
        assert_eq!(
            local_datetime(&h.stamp, DateOrder::MonthDayYear)
                .unwrap()
                .to_string(),
            "2022-03-18 12:56:01"
        );
        let h = header::parse("[3/18/22, 12:05:00 AM] a").unwrap();
        assert_eq!(
            local_datetime(&h.stamp, DateOrder::MonthDayYear)
                .unwrap()
                .to_string(),
            "2022-03-18 00:05:00"
        );
    }
}
