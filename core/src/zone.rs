//! The time zones local times are read and shown in, from the platform's own database.
//!
//! A chat export's times are local to the phone that wrote them, and a form's date and
//! time are local to the victim; both are turned into instants by IANA zone rules. Those
//! rules come from the operating system (`/usr/share/zoneinfo` on Linux, macOS and iOS,
//! Android's concatenated `tzdata` in its time zone module), read by jiff. The phone keeps
//! that database current through its own updates, where a copy compiled into this library
//! would age with the app (and cost about 2 MiB of the phone library, a third of its
//! budget).
//!
//! [`Zone`] is a `Copy` handle so that it passes around as freely as a fixed offset: each
//! name is looked up once and its rules kept for the life of the process. There are a few
//! hundred names in the database, so the set it keeps is bounded.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

use chrono::{FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, TimeZone};
use jiff::tz::{AmbiguousOffset, TimeZone as Rules};

/// An IANA time zone (`Europe/London`, `UTC`) with its rules.
#[derive(Clone, Copy)]
pub struct Zone(&'static Named);

/// A zone's canonical name and its rules.
struct Named {
    name: &'static str,
    rules: Rules,
}

static UTC_NAMED: Named = Named {
    name: "UTC",
    rules: Rules::UTC,
};

impl Zone {
    /// Coordinated Universal Time, which needs no database.
    pub const UTC: Zone = Zone(&UTC_NAMED);

    /// The zone of this IANA name, looked up without regard to ASCII case, or `None` when
    /// the platform's database does not hold it (or there is no database at all: then
    /// only `UTC` is known).
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("UTC") {
            return Some(Zone::UTC);
        }
        // A lookup that found nothing is not remembered, so a mistyped name costs a
        // database search each time but never grows the table.
        static KNOWN: OnceLock<Mutex<HashMap<String, Zone>>> = OnceLock::new();
        let known = KNOWN.get_or_init(Default::default);
        let key = name.to_ascii_lowercase();
        if let Some(zone) = known.lock().ok().and_then(|k| k.get(&key).copied()) {
            return Some(zone);
        }
        let rules = jiff::tz::db().get(name).ok()?;
        // The database's own spelling, so that a name written into the diary is the
        // canonical one whatever case it was typed in.
        let canonical = rules.iana_name().unwrap_or(name).to_owned();
        let mut known = known.lock().ok()?;
        let zone = *known.entry(key).or_insert_with(|| {
            Zone(Box::leak(Box::new(Named {
                name: Box::leak(canonical.into_boxed_str()),
                rules,
            })))
        });
        Some(zone)
    }

    /// The zone's IANA name, as the database spells it.
    pub fn name(&self) -> &'static str {
        self.0.name
    }

    /// The offset from UTC in force at a UTC instant.
    fn offset_at(&self, utc: &NaiveDateTime) -> FixedOffset {
        let utc = utc.and_utc();
        let seconds = utc.timestamp().clamp(
            jiff::Timestamp::MIN.as_second(),
            jiff::Timestamp::MAX.as_second(),
        );
        let at = jiff::Timestamp::from_second(seconds).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        fixed(self.0.rules.to_offset(at))
    }

    /// The offsets a local date and time could have been read with.
    fn offsets_of(&self, local: &NaiveDateTime) -> MappedLocalTime<FixedOffset> {
        match self.0.rules.to_ambiguous_timestamp(civil(local)).offset() {
            AmbiguousOffset::Unambiguous { offset } => MappedLocalTime::Single(fixed(offset)),
            // A time the clocks skipped never happened on this zone's clocks.
            AmbiguousOffset::Gap { .. } => MappedLocalTime::None,
            // A repeated time: the first reading (before the change) is the earlier instant.
            AmbiguousOffset::Fold { before, after } => {
                MappedLocalTime::Ambiguous(fixed(before), fixed(after))
            }
        }
    }
}

/// A jiff offset as chrono's. Every zone's offset lies within chrono's ±24 hours; an
/// offset outside it could only come from a corrupt database, and reads as UTC.
fn fixed(offset: jiff::tz::Offset) -> FixedOffset {
    use chrono::Offset;
    FixedOffset::east_opt(offset.seconds()).unwrap_or(chrono::Utc.fix())
}

/// A chrono local date and time as jiff's civil one, held to jiff's years (−9999 to
/// 9999); a leap second reads as the last nanosecond of its minute.
fn civil(local: &NaiveDateTime) -> jiff::civil::DateTime {
    use chrono::{Datelike, Timelike};
    let (min, max) = (jiff::civil::DateTime::MIN, jiff::civil::DateTime::MAX);
    if local.year() < i32::from(min.year()) {
        return min;
    }
    if local.year() > i32::from(max.year()) {
        return max;
    }
    // Every field below is in range by chrono's own invariants and the year check above.
    jiff::civil::DateTime::new(
        local.year() as i16,
        local.month() as i8,
        local.day() as i8,
        local.hour() as i8,
        local.minute() as i8,
        local.second() as i8,
        local.nanosecond().min(999_999_999) as i32,
    )
    .unwrap_or(min)
}

/// An offset that knows its zone, as chrono's [`TimeZone`] requires.
#[derive(Clone, Copy)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl chrono::Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.zone.name(), self.fixed)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.fixed, f)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        self.offsets_of(local)
            .map(|fixed| ZoneOffset { zone: *self, fixed })
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(chrono::NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            fixed: self.offset_at(utc),
        }
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl std::hash::Hash for Zone {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Zone {
    type Err = UnknownZone;

    fn from_str(name: &str) -> Result<Zone, UnknownZone> {
        Zone::named(name).ok_or(UnknownZone)
    }
}

/// A name the platform's zone database does not hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a time zone this device knows (an IANA name such as Europe/London)")]
pub struct UnknownZone;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, Offset};

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("a valid date")
    }

    fn london() -> Zone {
        Zone::named("Europe/London").expect("the test machine has a zone database")
    }

    #[test]
    fn summer_and_winter_in_london_have_their_own_offsets() {
        let summer = london()
            .from_local_datetime(&local(2026, 7, 1, 12, 0))
            .single();
        let winter = london()
            .from_local_datetime(&local(2026, 1, 1, 12, 0))
            .single();
        assert_eq!(
            summer.map(|t| t.offset().fix().local_minus_utc()),
            Some(3600)
        );
        assert_eq!(winter.map(|t| t.offset().fix().local_minus_utc()), Some(0));
    }

    #[test]
    fn a_skipped_hour_never_happened_and_a_repeated_one_happened_twice() {
        // 29 March 2026 01:30 was skipped in London; 25 October 2026 01:30 came twice.
        assert_eq!(
            london().from_local_datetime(&local(2026, 3, 29, 1, 30)),
            MappedLocalTime::None
        );
        match london().from_local_datetime(&local(2026, 10, 25, 1, 30)) {
            MappedLocalTime::Ambiguous(first, second) => {
                assert_eq!(first.offset().fix().local_minus_utc(), 3600);
                assert_eq!(second.offset().fix().local_minus_utc(), 0);
                assert!(first < second, "the first reading is the earlier instant");
            }
            other => panic!("expected two readings, got {other:?}"),
        }
    }

    #[test]
    fn an_instant_is_shown_with_the_offset_in_force_then() {
        let at = local(2026, 7, 1, 11, 0).and_utc();
        let shown = at.with_timezone(&london());
        assert_eq!(shown.naive_local(), local(2026, 7, 1, 12, 0));
        let ny = Zone::named("America/New_York").expect("zone");
        assert_eq!(at.with_timezone(&ny).naive_local(), local(2026, 7, 1, 7, 0));
    }

    #[test]
    fn names_are_found_in_any_case_and_kept_as_the_database_spells_them() {
        assert_eq!(
            Zone::named("europe/LONDON").map(|z| z.name()),
            Some("Europe/London")
        );
        assert_eq!(Zone::named(" UTC ").map(|z| z.name()), Some("UTC"));
        assert_eq!(Zone::named("utc"), Some(Zone::UTC));
        assert!(Zone::named("Mars/Olympus_Mons").is_none());
        assert!(Zone::named("").is_none());
        assert!(Zone::named("../../etc/passwd").is_none());
    }

    #[test]
    fn times_beyond_the_databases_years_do_not_panic() {
        let far = NaiveDate::MAX.and_hms_opt(23, 59, 59).expect("time");
        let _ = london().from_local_datetime(&far);
        let _ = far.and_utc().with_timezone(&london());
        let early = NaiveDate::MIN.and_hms_opt(0, 0, 0).expect("time");
        let _ = early.and_utc().with_timezone(&london());
    }
}
