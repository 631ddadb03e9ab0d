//! Civil dates and RFC 3339 / HTTP-date timestamps, in unix seconds (UTC), without a date crate.
//!
//! The day arithmetic is the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`);
//! leap seconds are not modelled (`:60` is accepted and lands on the next second).

use std::time::{SystemTime, UNIX_EPOCH};

pub const DAY: i64 = 86_400;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday

/// The client clock, unix seconds.
pub fn now_unix() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of the date y-m-d (month 1..=12, day 1..=31; not validated).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (y, m, d) of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(t: i64) -> String {
    format_rfc3339_offset(t, 0)
}

/// RFC 3339 in local time at `offset_secs` east of UTC (whole minutes), `Z` for zero.
pub fn format_rfc3339_offset(t: i64, offset_secs: i32) -> String {
    let local = t + offset_secs as i64;
    let (y, mo, d) = civil_from_days(local.div_euclid(DAY));
    let s = local.rem_euclid(DAY);
    let zone = if offset_secs == 0 {
        "Z".to_string()
    } else {
        let a = offset_secs.unsigned_abs() / 60;
        format!("{}{:02}:{:02}", if offset_secs < 0 { '-' } else { '+' }, a / 60, a % 60)
    };
    format!("{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}{zone}", s / 3600, s / 60 % 60, s % 60)
}

fn num(s: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} {s:?} is not a number"));
    }
    let v: u32 = s.parse().map_err(|_| format!("{what} {s:?} is out of range"))?;
    if range.contains(&v) {
        Ok(v)
    } else {
        Err(format!("{what} {v} is out of range"))
    }
}

/// Parse `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)` into unix seconds (the fraction is dropped,
/// i.e. the instant is floored to its second). `t`/`z` and a space separator are accepted.
pub fn parse_rfc3339(s: &str) -> Result<i64, String> {
    let bad = || format!("{s:?} is not an RFC 3339 timestamp");
    let b = s.as_bytes();
    if b.len() < 20 || !s.is_ascii() || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return Err(bad());
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return Err(bad());
    }
    let y = num(&s[0..4], "year", 0..=9999)? as i64;
    let mo = num(&s[5..7], "month", 1..=12)?;
    let d = num(&s[8..10], "day", 1..=days_in_month(y, mo))?;
    let h = num(&s[11..13], "hour", 0..=23)?;
    let mi = num(&s[14..16], "minute", 0..=59)?;
    let se = num(&s[17..19], "second", 0..=60)?;
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(bad());
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return Err(bad()),
            };
            let oh = num(&rest[1..3], "offset hour", 0..=23)?;
            let om = num(&rest[4..6], "offset minute", 0..=59)?;
            sign * (oh as i64 * 3600 + om as i64 * 60)
        }
        _ => return Err(bad()),
    };
    Ok(days_from_civil(y, mo, d) * DAY + (h * 3600 + mi * 60 + se) as i64 - offset)
}

/// IMF-fixdate, as in an HTTP `Date` header: `Sun, 06 Nov 1994 08:49:37 GMT`.
pub fn format_http_date(t: i64) -> String {
    let days = t.div_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let s = t.rem_euclid(DAY);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
        WEEKDAYS[days.rem_euclid(7) as usize],
        MONTHS[m as usize - 1],
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Parse an IMF-fixdate (the only form servers may send); `None` if it is anything else.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let p: Vec<&str> = s.split_ascii_whitespace().collect();
    let [_, d, mon, y, hms, "GMT"] = p[..] else { return None };
    let m = MONTHS.iter().position(|x| *x == mon)? as u32 + 1;
    let y = num(y, "year", 0..=9999).ok()? as i64;
    let d = num(d, "day", 1..=days_in_month(y, m)).ok()?;
    let t: Vec<&str> = hms.split(':').collect();
    let [h, mi, se] = t[..] else { return None };
    let (h, mi, se) = (num(h, "", 0..=23).ok()?, num(mi, "", 0..=59).ok()?, num(se, "", 0..=60).ok()?);
    Some(days_from_civil(y, m, d) * DAY + (h * 3600 + mi * 60 + se) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_a_wide_range() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        let mut expected = (1599, 12, 31);
        for z in days_from_civil(1600, 1, 1)..days_from_civil(2401, 1, 1) {
            let (y, m, d) = expected;
            expected = if d < days_in_month(y, m) {
                (y, m, d + 1)
            } else if m < 12 {
                (y, m + 1, 1)
            } else {
                (y + 1, 1, 1)
            };
            assert_eq!(civil_from_days(z), expected, "day {z}");
            assert_eq!(days_from_civil(expected.0, expected.1, expected.2), z);
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2024) && is_leap(2000) && is_leap(2400));
        assert!(!is_leap(2025) && !is_leap(1900) && !is_leap(2100));
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Ok(1_709_164_800));
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z").unwrap() + DAY,
            parse_rfc3339("2024-03-01T00:00:00Z").unwrap()
        );
        assert!(parse_rfc3339("2025-02-29T00:00:00Z").is_err());
        assert!(parse_rfc3339("2100-02-29T00:00:00Z").is_err());
        assert!(parse_rfc3339("2000-02-29T00:00:00Z").is_ok());
    }

    #[test]
    fn rfc3339_known_values_and_offsets() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339("2025-03-01T00:00:00Z"), Ok(1_740_787_200));
        // Shopify's example: 10:00 at UTC-5 is 15:00 UTC.
        assert_eq!(parse_rfc3339("2025-01-05T10:00:00-05:00"), Ok(1_736_089_200));
        assert_eq!(parse_rfc3339("2025-01-05T15:00:00Z"), Ok(1_736_089_200));
        assert_eq!(parse_rfc3339("2025-01-06T00:00:00+09:00"), Ok(1_736_089_200));
        assert_eq!(parse_rfc3339("2025-01-05T20:30:00+05:30"), Ok(1_736_089_200));
        assert_eq!(parse_rfc3339("2025-01-05t15:00:00.999z"), Ok(1_736_089_200));
        assert_eq!(parse_rfc3339("2025-01-05 15:00:00.5+00:00"), Ok(1_736_089_200));
        // Day boundaries: the last second of a UTC day written in two zones, and the year's turn.
        assert_eq!(parse_rfc3339("2025-03-01T23:59:59Z"), Ok(1_740_787_200 + DAY - 1));
        assert_eq!(parse_rfc3339("2025-03-01T18:59:59-05:00"), Ok(1_740_787_200 + DAY - 1));
        assert_eq!(
            parse_rfc3339("2025-01-01T00:59:59+01:00"),
            Ok(days_from_civil(2024, 12, 31) * DAY + DAY - 1)
        );
        assert_eq!(format_rfc3339(1_736_089_200), "2025-01-05T15:00:00Z");
        assert_eq!(format_rfc3339_offset(1_736_089_200, -5 * 3600), "2025-01-05T10:00:00-05:00");
        assert_eq!(format_rfc3339_offset(1_736_089_200, 5 * 3600 + 1800), "2025-01-05T20:30:00+05:30");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn rfc3339_round_trips() {
        let offsets = [0, 3600, -5 * 3600, 5 * 3600 + 1800, -(9 * 3600 + 30 * 60), 14 * 3600, -12 * 3600];
        let mut t: i64 = -2_000_000_000;
        while t < 8_000_000_000 {
            for &o in &offsets {
                let s = format_rfc3339_offset(t, o);
                assert_eq!(parse_rfc3339(&s), Ok(t), "{s}");
            }
            t += 7_777_777 + t.rem_euclid(86_399);
        }
        for day in [days_from_civil(2024, 2, 28), days_from_civil(2024, 2, 29), days_from_civil(2024, 12, 31)]
        {
            for t in [day * DAY - 1, day * DAY, day * DAY + 1, day * DAY + DAY - 1] {
                assert_eq!(parse_rfc3339(&format_rfc3339(t)), Ok(t));
                assert_eq!(parse_rfc3339(&format_rfc3339_offset(t, -4 * 3600)), Ok(t));
            }
        }
    }

    #[test]
    fn rfc3339_rejections() {
        for s in [
            "",
            "2025-03-01",
            "2025-03-01T00:00:00",
            "2025-03-01T00:00:00+0500",
            "2025-03-01T24:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-03-01T00:60:00Z",
            "2025-03-01T00:00:00.Z",
            "2025-03-01T00:00:00Zjunk",
            "2025-03-01X00:00:00Z",
            "+025-03-01T00:00:00Z",
            "2025-03-01T00:00:00+05:60",
            "2025-03-01T00:00:00*05:00",
            "２025-03-01T00:00:00Z",
        ] {
            assert!(parse_rfc3339(s).is_err(), "{s:?} accepted");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(format_http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        for t in [0, 951_782_400, 1_709_164_800, 1_740_787_199, 4_102_444_800] {
            assert_eq!(parse_http_date(&format_http_date(t)), Some(t));
        }
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 31 Nov 1994 08:49:37 GMT"), None);
    }
}
