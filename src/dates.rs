//! Event dates: date expressions in a sentence, resolved against the
//! document's date, give each event one date.
//!
//! This stage runs after the rules. For each event it looks only at the
//! event's own sentence (so a date next to one event is never taken for
//! another sentence's event), picks the date expression nearest to the
//! trigger, and resolves it:
//!
//! * `explicit`: the text names the day or month ("on 9 December 2022",
//!   "on Nov. 17", "2024-11-19", "in March 2023"). A day without a year
//!   takes the year that puts it nearest to the document's date.
//! * `relative`: the text names a day relative to the document's date
//!   ("on Monday", "early on Tuesday", "yesterday", "last week"). A bare
//!   weekday is the latest such day on or before the document's date, or
//!   the next one when the sentence speaks of the future ("will meet on
//!   Friday").
//! * `document`: nothing in the sentence dates the event; the document's
//!   date stands in.
//!
//! A date is a day, an ISO week ("last week": `2024-W46`) or a month
//! ("in March 2023": `2023-03`), never more precise than the text. The
//! vocabulary is the English calendar (month and day names, "yesterday"),
//! not a tunable list, so it lives here rather than in `rules/`.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// One day.
    Day,
    /// A week, from its Monday.
    Week,
    /// A calendar month.
    Month,
}

/// A calendar date of some precision: for a week or a month, `first` is
/// its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    /// The day, or the first day of the week or month.
    pub first: NaiveDate,
    /// Day, week or month.
    pub precision: Precision,
}

impl DateValue {
    /// The day `d`.
    pub fn day(d: NaiveDate) -> DateValue {
        DateValue {
            first: d,
            precision: Precision::Day,
        }
    }

    fn week_of(d: NaiveDate) -> DateValue {
        let monday = d - Days::new(u64::from(d.weekday().num_days_from_monday()));
        DateValue {
            first: monday,
            precision: Precision::Week,
        }
    }

    fn month(year: i32, month: u32) -> Option<DateValue> {
        Some(DateValue {
            first: NaiveDate::from_ymd_opt(year, month, 1)?,
            precision: Precision::Month,
        })
    }
}

impl fmt::Display for DateValue {
    /// ISO 8601: `2024-11-19`, `2024-W46`, `2024-11`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
            Precision::Week => {
                let w = self.first.iso_week();
                write!(f, "{}-W{:02}", w.year(), w.week())
            }
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m")),
        }
    }
}

/// Where an event's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// Written in full in the text (`17 November 2024`).
    Explicit,
    /// Counted from the document's date (`on Tuesday`, `last week`).
    Relative,
    /// No date in the sentence: the document's own.
    Document,
}

impl Basis {
    /// The `date_basis` column's value: `explicit`, `relative` or `document`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Explicit => "explicit",
            Basis::Relative => "relative",
            Basis::Document => "document",
        }
    }
}

/// The date of one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventDate {
    /// The date.
    pub value: DateValue,
    /// Where it comes from.
    pub basis: Basis,
}

/// A date expression found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets in the document text.
    pub start: u32,
    /// End (exclusive).
    pub end: u32,
    /// `None` when it cannot be resolved (a weekday in a document without
    /// a date).
    pub value: Option<DateValue>,
    /// Written in full or counted from the document's date.
    pub basis: Basis,
}

const MONTH: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const WEEKDAY: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/// One alternation per kind of expression; the named group says which
/// matched. Word boundaries and digits are ASCII: dates are, and a Unicode
/// `\b` makes the regex engine leave its DFA for a backtracker on any
/// text with a non-ASCII letter.
static DATES: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?P<iso>(?P<iy>[0-9]{{4}})-(?P<im>[0-9]{{2}})-(?P<id>[0-9]{{2}}))(?-u:\b)
      | (?-u:\b)(?P<dmy>(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH})(?:,?\s+(?P<y1>[0-9]{{4}}))?)(?:(?-u:\b)|$)
      | (?-u:\b)(?P<mdy>(?P<m2>{MONTH})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>[0-9]{{4}}))?)(?:(?-u:\b)|$)
      | (?-u:\b)(?P<my>(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<m3>{MONTH})(?:\s+(?P<d3>[0-9]{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?P<y3>[0-9]{{4}}))?)(?:(?-u:\b)|$)
      | (?-u:\b)(?P<my2>(?P<m4>{MONTH})\s+(?P<y4>[0-9]{{4}}))(?-u:\b)
      | (?-u:\b)(?P<wd>(?:(?P<wmod>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wday>{WEEKDAY}))(?-u:\b)
      | (?-u:\b)(?P<rel>[Tt]he\s+day\s+before\s+yesterday|[Yy]esterday|[Tt]oday|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening))(?-u:\b)
      | (?-u:\b)(?P<per>(?P<pmod>[Ll]ast|[Pp]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this)\s+(?P<punit>week|month))(?-u:\b)
        "
    );
    Regex::new(&pattern).expect("the date pattern is valid")
});

/// Words that make a bare weekday point forward ("will meet on Friday").
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:will|shall|to be held|scheduled|planned|due to|is to|are to|expected to|next)(?-u:\b)",
    )
    .expect("the future pattern is valid")
});

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match n.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

/// The year that puts month/day nearest to `anchor`.
fn nearest_year(month: u32, day: u32, anchor: NaiveDate) -> Option<NaiveDate> {
    (anchor.year() - 1..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - anchor).num_days().abs())
}

/// Finds the date expressions in `text[start..end]` (one sentence, or a
/// whole text) and resolves them against `doc_date`.
pub fn find_dates(
    text: &str,
    start: usize,
    end: usize,
    doc_date: Option<NaiveDate>,
) -> Vec<DateMention> {
    let span = &text[start..end];
    // Only a bare weekday asks whether the sentence speaks of the future:
    // searched then, once, rather than in every sentence.
    let mut future: Option<bool> = None;
    let mut out = Vec::new();
    // The DFA finds where dates are; only the matched text pays for the
    // capture groups (a capturing search over the whole sentence runs the
    // backtracking engine, whose cost grows with the haystack). Every
    // alternative starts and ends with a word boundary or the end, which
    // hold the same at the edges of the match as in the sentence.
    let found = DATES
        .find_iter(span)
        .filter_map(|m| Some((m.start(), DATES.captures(m.as_str())?)));
    for (at, c) in found {
        let whole = c.get(0).map_or(0..0, |m| at + m.start()..at + m.end());
        let g = |n: &str| c.name(n).map(|m| m.as_str());
        let num = |n: &str| g(n).and_then(|s| s.parse::<u32>().ok());
        // A number that goes on ("Nov. 17,000") is not a day.
        let rest = &span[whole.end..];
        let goes_on = rest.starts_with(|ch: char| ch.is_ascii_digit())
            || (rest.starts_with(',') && rest[1..].starts_with(|ch: char| ch.is_ascii_digit()));
        let has_day = g("dmy").is_some() || g("mdy").is_some() || g("d3").is_some();
        if has_day && goes_on {
            continue;
        }
        let (value, basis) = if g("iso").is_some() {
            let v = NaiveDate::from_ymd_opt(
                num("iy").unwrap_or(0) as i32,
                num("im").unwrap_or(0),
                num("id").unwrap_or(0),
            );
            (v.map(DateValue::day), Basis::Explicit)
        } else if g("dmy").is_some() || g("mdy").is_some() {
            let (d, m, y) = if g("dmy").is_some() {
                (num("d1"), g("m1"), num("y1"))
            } else {
                (num("d2"), g("m2"), num("y2"))
            };
            let month = m.and_then(month_number);
            let v = match (d, month, y) {
                (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                (Some(d), Some(m), None) => doc_date.and_then(|a| nearest_year(m, d, a)),
                _ => None,
            };
            (v.map(DateValue::day), Basis::Explicit)
        } else if g("my").is_some() && g("d3").is_some() {
            let month = g("m3").and_then(month_number);
            let v = match (num("d3"), month, num("y3")) {
                (Some(d), Some(m), Some(y)) => NaiveDate::from_ymd_opt(y as i32, m, d),
                (Some(d), Some(m), None) => doc_date.and_then(|a| nearest_year(m, d, a)),
                _ => None,
            };
            (v.map(DateValue::day), Basis::Explicit)
        } else if g("my").is_some() || g("my2").is_some() {
            let Some(m) = g("m3").or(g("m4")).and_then(month_number) else {
                continue;
            };
            let v = match num("y3").or(num("y4")) {
                Some(y) => DateValue::month(y as i32, m),
                None => doc_date.and_then(|a| {
                    let d = nearest_year(m, 1, a)?;
                    DateValue::month(d.year(), m)
                }),
            };
            (v, Basis::Explicit)
        } else if let Some(wd) = g("wday").and_then(weekday) {
            let modifier = g("wmod").map(str::to_ascii_lowercase);
            let v = doc_date.map(|a| {
                let back = (7 + a.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                let ahead = (7 - back) % 7;
                let d = match modifier.as_deref() {
                    Some("next") => a + Days::new(if ahead == 0 { 7 } else { ahead } as u64),
                    Some("last") => a - Days::new(if back == 0 { 7 } else { back } as u64),
                    _ if *future.get_or_insert_with(|| FUTURE.is_match(span)) => {
                        a + Days::new(ahead as u64)
                    }
                    _ => a - Days::new(back as u64),
                };
                DateValue::day(d)
            });
            (v, Basis::Relative)
        } else if let Some(rel) = g("rel") {
            let rel = rel.to_ascii_lowercase();
            let back = if rel.contains("before") {
                2
            } else if rel == "yesterday" || rel.starts_with("last") {
                1
            } else {
                0
            };
            (
                doc_date.map(|a| DateValue::day(a - Days::new(back))),
                Basis::Relative,
            )
        } else if g("per").is_some() {
            let modifier = g("pmod").unwrap_or("").to_ascii_lowercase();
            let shift: i64 = match modifier.as_str() {
                "last" | "past" => -1,
                "next" => 1,
                _ => 0,
            };
            let v = doc_date.and_then(|a| {
                if g("punit") == Some("week") {
                    let d = a.checked_add_signed(chrono::TimeDelta::days(7 * shift))?;
                    Some(DateValue::week_of(d))
                } else {
                    let months = a.year() * 12 + a.month0() as i32 + shift as i32;
                    DateValue::month(months.div_euclid(12), months.rem_euclid(12) as u32 + 1)
                }
            });
            (v, Basis::Relative)
        } else {
            continue;
        };
        out.push(DateMention {
            start: (start + whole.start) as u32,
            end: (start + whole.end) as u32,
            value,
            basis,
        });
    }
    out
}

/// Reads a document's date as inputs give it: `2024-11-20`, an RFC 3339
/// time (`2024-11-20T08:15:00+02:00`, the calendar day as written), an RFC
/// 2822 time (`Wed, 20 Nov 2024 08:15:00 GMT`), or a written date ("20
/// November 2024", "November 20, 2024").
pub fn parse_document_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(t.date_naive());
    }
    find_dates(s, 0, s.len(), None)
        .into_iter()
        .find(|m| m.basis == Basis::Explicit)
        .and_then(|m| m.value)
        .filter(|v| v.precision == Precision::Day)
        .map(|v| v.first)
}

/// One date per event: the resolved date expression in the event's
/// sentence nearest to its trigger, else the document's date.
///
/// `sentences` are byte spans; `events` give each event's sentence index
/// and trigger span.
pub fn event_dates(
    text: &str,
    sentences: &[(u32, u32)],
    events: impl Iterator<Item = (u32, u32, u32)>,
    doc_date: Option<NaiveDate>,
) -> (Vec<DateMention>, Vec<Option<EventDate>>) {
    let mut mentions: Vec<DateMention> = Vec::new();
    // Sentences are searched once each, when an event first needs them.
    let mut searched: Vec<Option<(usize, usize)>> = vec![None; sentences.len()];
    let mut dates = Vec::new();
    for (sentence, t0, t1) in events {
        let s = sentence as usize;
        let range = match searched.get(s).copied().flatten() {
            Some(r) => r,
            None => {
                let Some(&(a, b)) = sentences.get(s) else {
                    dates.push(None);
                    continue;
                };
                let from = mentions.len();
                mentions.extend(find_dates(text, a as usize, b as usize, doc_date));
                searched[s] = Some((from, mentions.len()));
                (from, mentions.len())
            }
        };
        let distance = |m: &DateMention| {
            if m.end <= t0 {
                t0 - m.end
            } else {
                m.start.saturating_sub(t1)
            }
        };
        let nearest = mentions[range.0..range.1]
            .iter()
            .filter_map(|m| Some((m.value?, m.basis, distance(m))))
            .min_by_key(|&(_, _, d)| d);
        dates.push(match nearest {
            Some((value, basis, _)) => Some(EventDate { value, basis }),
            None => doc_date.map(|d| EventDate {
                value: DateValue::day(d),
                basis: Basis::Document,
            }),
        });
    }
    mentions.sort_by_key(|m| m.start);
    (mentions, dates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (text, value, basis) of every date found in `text` for a document
    /// dated `doc`.
    fn found(text: &str, doc: &str) -> Vec<(String, String, &'static str)> {
        find_dates(text, 0, text.len(), Some(d(doc)))
            .into_iter()
            .map(|m| {
                (
                    text[m.start as usize..m.end as usize].to_string(),
                    m.value.map(|v| v.to_string()).unwrap_or_default(),
                    m.basis.as_str(),
                )
            })
            .collect()
    }

    fn one(text: &str, doc: &str) -> (String, &'static str) {
        let f = found(text, doc);
        assert_eq!(f.len(), 1, "{f:?}");
        (f[0].1.clone(), f[0].2)
    }

    #[test]
    fn explicit_dates() {
        // Wednesday 20 November 2024.
        let doc = "2024-11-20";
        assert_eq!(
            one("It happened on 9 December 2022.", doc),
            ("2022-12-09".into(), "explicit")
        );
        assert_eq!(
            one("Talks began on Nov. 17 in Riyadh.", doc),
            ("2024-11-17".into(), "explicit")
        );
        assert_eq!(
            one("Signed on December 3rd, 2023.", doc),
            ("2023-12-03".into(), "explicit")
        );
        assert_eq!(
            one("Data for 2024-11-19 show it.", doc),
            ("2024-11-19".into(), "explicit")
        );
        assert_eq!(
            one("It was agreed in March 2023.", doc),
            ("2023-03".into(), "explicit")
        );
        assert_eq!(
            one("Talks open in May 5, 2025.", doc),
            ("2025-05-05".into(), "explicit")
        );
        assert_eq!(
            one("The deal of December 2022 held.", doc),
            ("2022-12".into(), "explicit")
        );
        // A day without a year takes the nearest year: late December seen
        // from early January is last year.
        assert_eq!(
            one("Shelling on Dec. 28 killed two.", "2025-01-03"),
            ("2024-12-28".into(), "explicit")
        );
        // Not dates: a bare month word, a modal, a big number after a month.
        assert!(found("Officials may decide later; the March was long.", doc).is_empty());
        assert!(
            found("In Nov. 17,000 troops arrived.", doc)
                .iter()
                .all(|f| f.1 != "2024-11-17")
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_document_date() {
        let doc = "2024-11-20"; // a Wednesday
        assert_eq!(
            one(
                "Early on Tuesday, Ukrainian forces fired six ATACMS missiles at a depot.",
                doc
            ),
            ("2024-11-19".into(), "relative")
        );
        assert_eq!(
            one("Drones struck Kharkiv on Sunday night.", doc),
            ("2024-11-17".into(), "relative")
        );
        assert_eq!(
            one("The strike came on Wednesday.", doc),
            ("2024-11-20".into(), "relative")
        );
        assert_eq!(
            one("The ministers will meet on Friday.", doc),
            ("2024-11-22".into(), "relative")
        );
        assert_eq!(
            one("The ministers met last Wednesday.", doc),
            ("2024-11-13".into(), "relative")
        );
        assert_eq!(
            one("Russia struck the city yesterday.", doc),
            ("2024-11-19".into(), "relative")
        );
        assert_eq!(
            one("Sanctions were announced last week.", doc),
            ("2024-W46".into(), "relative")
        );
        assert_eq!(
            one("Troops arrived last month.", doc),
            ("2024-10".into(), "relative")
        );
        // Without a document date a weekday cannot be resolved.
        let f = find_dates("It happened on Monday.", 0, 22, None);
        assert_eq!((f.len(), f[0].value), (1, None));
    }

    #[test]
    fn each_event_takes_a_date_from_its_own_sentence_only() {
        let text = "Russia struck Odesa on Monday. Ukraine hit a refinery in Ryazan.";
        let second = text.find("Ukraine").unwrap() as u32;
        let sentences = [(0, 30), (31, text.len() as u32)];
        let trig1 = text.find("struck").unwrap() as u32;
        let trig2 = text.find("hit").unwrap() as u32;
        let (mentions, dates) = event_dates(
            text,
            &sentences,
            [(0, trig1, trig1 + 6), (1, trig2, trig2 + 3)].into_iter(),
            Some(d("2024-11-20")),
        );
        assert_eq!(mentions.len(), 1);
        assert!(mentions[0].start < second);
        let shown: Vec<(String, &str)> = dates
            .iter()
            .map(|e| {
                let e = e.unwrap();
                (e.value.to_string(), e.basis.as_str())
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("2024-11-18".into(), "relative"),
                ("2024-11-20".into(), "document")
            ]
        );
        // No document date, no date in the sentence: unknown.
        let (_, dates) = event_dates(text, &sentences, [(1, trig2, trig2 + 3)].into_iter(), None);
        assert_eq!(dates, [None]);
    }

    #[test]
    fn document_dates_in_the_forms_inputs_use() {
        for s in [
            "2024-11-20",
            "2024-11-20T23:15:00-05:00",
            "Wed, 20 Nov 2024 08:15:00 GMT",
            "20 November 2024",
            "November 20, 2024",
        ] {
            assert_eq!(parse_document_date(s), Some(d("2024-11-20")), "{s}");
        }
        assert_eq!(parse_document_date("yesterday"), None);
        assert_eq!(parse_document_date(""), None);
    }
}
