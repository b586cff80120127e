//! Events across documents: the same strike reported by twenty outlets is
//! one group, with a `group_id` on each of its `events.csv` rows and one
//! row in `event_groups.csv`.
//!
//! Events group when they have the same type and the same actor, target
//! and location (gazetteer ids; at least one of the three filled) and
//! their dates are close: on the same day, or a day apart when one of the
//! two dates is only the document's date (a report published the morning
//! after). `--group-window N` widens both by N days. Groups are chains: an
//! event joins a group when it is close to the group's nearest earlier
//! event. An event without a day-precise date groups only with events of
//! its own document (the repeats of one report); one without actor, target
//! or location is a group of its own.
//!
//! **Memory.** Groups are known only once every document has been read, so
//! the batch driver hands each event to a [`Collector`], which keeps a
//! small record per event (its key, date, roles, host and evidence) and
//! spills sorted runs of them to temporary files once they pass a budget
//! (16 MB by default, held in one buffer; see [`crate::spill`]): an external
//! merge sort, no embedded database. At
//! the end the runs are merged in (key, date) order, groups are formed in
//! one pass, and two more sorted spills (event → group for the events that
//! are not the first of their group, and the group rows by id, already
//! rendered as CSV) give `event_groups.csv` and the `group_id` column,
//! which is filled by copying the events table once. Memory is thus
//! bounded by the budgets plus the largest single group, whatever the size
//! of the dump.
//!
//! **Determinism.** Events are numbered in output order, which is the input
//! order for any number of threads or chunk size; a group's id is the row
//! number (1-based, in `events.csv`) of its first event, and ties in the
//! sort are broken by that number.

use crate::dates::{Basis, Precision};
use crate::document::Document;
use crate::emit::{Cell, TableWriter};
use crate::pipeline::Extraction;
use crate::spill::Spill;
use journal::Journal;
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::io::{self, Read, Write};
use std::path::PathBuf;

mod fill;
mod journal;

pub use fill::fill_group_ids;

/// `event_groups.csv`.
pub const GROUP_COLUMNS: &[&str] = &[
    "group_id",
    "event_type",
    "actor",
    "target",
    "location",
    "weapon",
    "first_date",
    "last_date",
    "mentions",
    "documents",
    "sources",
    "source_hosts",
    "doc_ids",
    "evidence",
    "evidence_doc_id",
];

/// How events are grouped into `event_groups` (README, "Dates, quantities
/// and groups").
///
/// ```
/// use evex::GroupOptions;
/// // Reports up to two days apart may tell of one event.
/// let opts = GroupOptions { window_days: 2, ..GroupOptions::default() };
/// assert_eq!(opts.memory_budget, 16 << 20);
/// ```
#[derive(Debug, Clone)]
pub struct GroupOptions {
    /// Extra days two dates may be apart (0: the same day, or one day when
    /// one date is the document's).
    pub window_days: u32,
    /// Bytes of event records kept in memory before a sorted run is
    /// written to disk.
    pub memory_budget: usize,
    /// Where runs are spilled.
    pub spill_dir: PathBuf,
}

impl Default for GroupOptions {
    fn default() -> GroupOptions {
        GroupOptions {
            window_days: 0,
            // Small enough that a 50 MB input fills it too: the peak
            // memory of a run is then the same for 50 MB and for 5 GB.
            memory_budget: 16 << 20,
            spill_dir: std::env::temp_dir(),
        }
    }
}

/// Collects events during a run and groups them at its end.
pub struct Collector {
    opts: GroupOptions,
    events: Spill,
    next_event: u64,
    next_doc: u64,
    /// A copy of the records in a file, for a run that may be resumed.
    journal: Option<Journal>,
    /// The record being encoded.
    buf: Vec<u8>,
}

/// How many `doc_ids` and `source_hosts` a group row lists.
const LISTED: usize = 10;

/// The three kinds of grouping key, in the order records sort.
const UNDATED: u8 = 0;
const DATED: u8 = 1;
const ALONE: u8 = 2;

/// Days from 0001-01-01, shifted to sort as unsigned.
fn day_number(d: chrono::NaiveDate) -> u64 {
    use chrono::Datelike;
    (i64::from(d.num_days_from_ce()) + (1 << 40)) as u64
}

fn day_text(n: u64) -> String {
    use chrono::Datelike;
    let days = (n as i64 - (1 << 40)) as i32;
    let Some(d) = chrono::NaiveDate::from_num_days_from_ce_opt(days) else {
        return String::new();
    };
    // `%Y-%m-%d` by hand for the usual four-digit years (a `format` costs
    // more than the rest of a group's row); chrono's own for the others.
    let (y, m, day) = (d.year(), d.month(), d.day());
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let y = y as u32;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(day / 10),
        digit(day),
    ]
    .iter()
    .collect()
}

/// A stable 64-bit hash (the same on every run and machine).
fn stable_hash(parts: &[&str]) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(0x6576_6578).build_hasher();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// The host of a URL (`https://www.example.com/a` → `example.com`).
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The slots whose fillers identify an event for grouping.
const KEY_SLOTS: [&str; 3] = ["actor", "target", "location"];

/// Each event's grouping key roles (gazetteer ids of actor, target and
/// location). Within one document, events of the same type whose key
/// roles never disagree (each role empty in one of them, or the same) are
/// taken for mentions of one event, as the annotation guidelines count
/// them ("Russia attacked Kharkiv … the attack"): they are merged in text
/// order, a merge allowed only while the merged roles still agree, and all
/// take the merged roles as their key.
fn document_keys(ex: &Extraction) -> Vec<[&str; 3]> {
    let own: Vec<[&str; 3]> = ex
        .events
        .iter()
        .map(|ev| {
            KEY_SLOTS.map(|slot| {
                ev.roles
                    .iter()
                    .find(|r| &*r.slot == slot)
                    .map_or("", |r| r.entity_id.as_deref().unwrap_or(&r.value))
            })
        })
        .collect();
    // Clusters: merged roles and first member; each event's cluster. An
    // event with no key role stays alone.
    let mut clusters: Vec<([&str; 3], usize)> = Vec::new();
    let mut cluster_of = Vec::with_capacity(own.len());
    // No role in conflict, and one role the same: an actorless bombing
    // "in Pakistan" and Afghanistan's attack "on Pakistan" share no role
    // and are two acts.
    let agree = |a: &[&str; 3], b: &[&str; 3]| {
        (0..3).all(|r| a[r].is_empty() || b[r].is_empty() || a[r] == b[r])
            && (0..3).any(|r| !a[r].is_empty() && a[r] == b[r])
    };
    for (i, key) in own.iter().enumerate() {
        let empty = key.iter().all(|k| k.is_empty());
        let found = (!empty)
            .then(|| {
                clusters.iter().position(|(roles, first)| {
                    ex.events[*first].event_type == ex.events[i].event_type && agree(roles, key)
                })
            })
            .flatten();
        match found {
            Some(c) => {
                let (roles, _) = &mut clusters[c];
                for r in 0..3 {
                    if roles[r].is_empty() {
                        roles[r] = key[r];
                    }
                }
                cluster_of.push(c);
            }
            None => {
                cluster_of.push(clusters.len());
                clusters.push((*key, i));
            }
        }
    }
    cluster_of.into_iter().map(|c| clusters[c].0).collect()
}

/// The fixed-width head of an event record: its sort key first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Head {
    kind: u8,
    key_hash: u64,
    /// The day number (DATED) or the document number (UNDATED, ALONE).
    when: u64,
    ordinal: u64,
    doc: u64,
    document_basis: bool,
    score: u64,
}

/// Bytes of an encoded [`Head`].
const HEAD_BYTES: usize = 1 + 8 * 4 + 1 + 8;

/// One event as the grouping sees it: the head, then its texts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EventRecord<'a> {
    head: Head,
    texts: EventTexts<'a>,
}

/// The texts of an event record, borrowed from wherever they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EventTexts<'a> {
    key: &'a str,
    event_type: &'a str,
    actor: &'a str,
    target: &'a str,
    location: &'a str,
    weapon: &'a str,
    doc_id: &'a str,
    host: &'a str,
    evidence: &'a str,
}

impl EventRecord<'_> {
    /// Appends the record to `b`: sort key first, big-endian, so that
    /// byte order is record order.
    fn encode_into(&self, b: &mut Vec<u8>) {
        let h = &self.head;
        b.push(h.kind);
        b.extend_from_slice(&h.key_hash.to_be_bytes());
        b.extend_from_slice(&h.when.to_be_bytes());
        b.extend_from_slice(&h.ordinal.to_be_bytes());
        b.extend_from_slice(&h.doc.to_be_bytes());
        b.push(u8::from(h.document_basis));
        b.extend_from_slice(&h.score.to_be_bytes());
        let t = &self.texts;
        for s in [
            t.key,
            t.event_type,
            t.actor,
            t.target,
            t.location,
            t.weapon,
            t.doc_id,
            t.host,
            t.evidence,
        ] {
            put_str(b, s);
        }
    }

    /// Reads the head alone (the sweep looks at most records' heads only).
    fn head(b: &[u8]) -> io::Result<Head> {
        let mut r = Fields(b);
        Ok(Head {
            kind: r.u8()?,
            key_hash: r.u64()?,
            when: r.u64()?,
            ordinal: r.u64()?,
            doc: r.u64()?,
            document_basis: r.u8()? != 0,
            score: r.u64()?,
        })
    }

    fn decode(b: &[u8]) -> io::Result<EventRecord<'_>> {
        let head = EventRecord::head(b)?;
        let mut r = Fields(&b[HEAD_BYTES..]);
        Ok(EventRecord {
            head,
            texts: EventTexts {
                key: r.str()?,
                event_type: r.str()?,
                actor: r.str()?,
                target: r.str()?,
                location: r.str()?,
                weapon: r.str()?,
                doc_id: r.str()?,
                host: r.str()?,
                evidence: r.str()?,
            },
        })
    }
}

/// The grouping key of an encoded record (its first text).
fn key_of(rec: &[u8]) -> io::Result<&str> {
    Fields(rec.get(HEAD_BYTES..).unwrap_or_default()).str()
}

/// The document id and host of an encoded record (its seventh and eighth
/// texts), the texts before them skipped unread.
fn doc_and_host(rec: &[u8]) -> io::Result<(&str, &str)> {
    let mut f = Fields(rec.get(HEAD_BYTES..).unwrap_or_default());
    for _ in 0..6 {
        f.skip_str()?;
    }
    Ok((f.str()?, f.str()?))
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_le_bytes());
    b.extend_from_slice(s.as_bytes());
}

/// Reads back what the encoders wrote.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if self.0.len() < n {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a spilled group record is truncated (was the temporary folder changed during the run?)",
            ));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u64(&mut self) -> io::Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_be_bytes(a))
    }
    /// Steps over a text without checking it.
    fn skip_str(&mut self) -> io::Result<()> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        self.take(u32::from_le_bytes(a) as usize).map(drop)
    }
    fn str(&mut self) -> io::Result<&'a str> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        let n = u32::from_le_bytes(a) as usize;
        std::str::from_utf8(self.take(n)?)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl Collector {
    pub fn new(opts: GroupOptions) -> Collector {
        let events = Spill::new(opts.memory_budget, opts.spill_dir.clone());
        Collector {
            opts,
            events,
            next_event: 0,
            next_doc: 0,
            journal: None,
            buf: Vec::new(),
        }
    }

    /// Also appends every document's records to `out`, from where
    /// [`Collector::replay`] can read them back into the collector of a
    /// resumed run (see `groups/journal.rs`).
    pub fn keep_journal(&mut self, out: Box<dyn Write + Send>) {
        self.journal = Some(Journal::new(out));
    }

    /// Adds the documents of a journal written by an earlier run's
    /// collector, as if they had been added here.
    pub fn replay(&mut self, journal: impl Read) -> io::Result<()> {
        journal::replay(journal, &mut |records| {
            self.next_doc += 1;
            for rec in records {
                self.next_event += 1;
                self.events.push(&rec)?;
            }
            Ok(())
        })
    }

    /// Flushes the journal, if there is one.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.journal {
            Some(j) => j.flush(),
            None => Ok(()),
        }
    }

    /// Adds one document's events, in the order they were written to the
    /// events table.
    pub fn add(&mut self, doc: &Document, ex: &Extraction) -> io::Result<()> {
        let docn = self.next_doc;
        self.next_doc += 1;
        if let Some(j) = &mut self.journal {
            j.document(ex.events.len())?;
        }
        if ex.events.is_empty() {
            return Ok(());
        }
        let host = doc.url.as_deref().and_then(url_host).unwrap_or_default();
        let keys = document_keys(ex);
        let mut key = String::new();
        for (i, ev) in ex.events.iter().enumerate() {
            let ordinal = self.next_event;
            self.next_event += 1;
            let name_of = |slot: &str| ev.role(slot).unwrap_or("");
            let [actor_id, target_id, location_id] = keys[i];
            key.clear();
            for (n, part) in [&*ev.event_type, actor_id, target_id, location_id]
                .into_iter()
                .enumerate()
            {
                if n > 0 {
                    key.push('\t');
                }
                key.push_str(part);
            }
            let date = ex.event_dates.get(i).copied().flatten();
            let day = date.filter(|d| d.value.precision == Precision::Day);
            let (kind, when) =
                if actor_id.is_empty() && target_id.is_empty() && location_id.is_empty() {
                    (ALONE, docn)
                } else if let Some(d) = day {
                    (DATED, day_number(d.value.first))
                } else {
                    (UNDATED, docn)
                };
            let (s0, s1) = ex.sentences[ev.sentence as usize];
            let evidence = &doc.text[s0 as usize..s1 as usize];
            // The clearest mention: most roles filled, asserted, dated by
            // its own text, then the shortest sentence.
            let basis_rank = match date.map(|d| d.basis) {
                Some(Basis::Explicit) => 3,
                Some(Basis::Relative) => 2,
                Some(Basis::Document) => 1,
                None => 0,
            };
            let score = ((ev.roles.len() as u64) << 40)
                | (u64::from(&*ev.modality == "asserted") << 39)
                | (basis_rank << 36)
                | (u64::from(u32::MAX) - (evidence.len() as u64).min(u64::from(u32::MAX)));
            let rec = EventRecord {
                head: Head {
                    kind,
                    key_hash: stable_hash(&[&key]),
                    when,
                    ordinal,
                    doc: docn,
                    document_basis: date.is_some_and(|d| d.basis == Basis::Document),
                    score,
                },
                texts: EventTexts {
                    key: &key,
                    event_type: &ev.event_type,
                    actor: name_of("actor"),
                    target: name_of("target"),
                    location: name_of("location"),
                    weapon: name_of("weapon"),
                    doc_id: &doc.id,
                    host: &host,
                    evidence,
                },
            };
            self.buf.clear();
            rec.encode_into(&mut self.buf);
            if let Some(j) = &mut self.journal {
                j.record(&self.buf)?;
            }
            self.events.push(&self.buf)?;
        }
        Ok(())
    }

    /// Forms the groups: writes `event_groups` rows to `groups` (when
    /// given) and returns each event's group id in event order.
    pub fn finish(self, groups: Option<&mut TableWriter>) -> io::Result<GroupIds> {
        let window = u64::from(self.opts.window_days);
        let mut by_event = Spill::new(self.opts.memory_budget / 4, self.opts.spill_dir.clone());
        let mut rows = Spill::new(self.opts.memory_budget / 4, self.opts.spill_dir.clone());
        let mut group = Group::default();
        let mut open = false;
        let mut count = 0u64;
        let mut scratch = Vec::new();
        for rec in self.events.into_sorted()? {
            let mut rec = rec?;
            let head = EventRecord::head(&rec)?;
            if open && !group.accepts(&head, &rec, window)? {
                group.close(&mut by_event, &mut rows, &mut scratch, groups.as_deref())?;
                count += 1;
                open = false;
            }
            if open {
                group.add(head, &mut rec)?;
            } else {
                group.start(head, &mut rec)?;
                open = true;
            }
        }
        if open {
            group.close(&mut by_event, &mut rows, &mut scratch, groups.as_deref())?;
            count += 1;
        }
        if let Some(w) = groups {
            let rendered = w.is_csv();
            for row in rows.into_sorted()? {
                let row = row?;
                let mut f = Fields(&row);
                let id = f.u64()?;
                if rendered {
                    w.write_rendered(&row[8..])?;
                    continue;
                }
                let mut texts = [""; GROUP_TEXTS];
                for t in &mut texts {
                    *t = f.str()?;
                }
                let counts = [f.u64()?, f.u64()?, f.u64()?];
                w.write(&group_cells(id, &texts, counts))?;
            }
        }
        Ok(GroupIds {
            sorted: by_event.into_sorted()?,
            peeked: None,
            ordinal: 0,
            events: self.next_event,
            groups: count,
        })
    }
}

/// The texts of a group's row: event_type, actor, target, location,
/// weapon, first_date, last_date, source_hosts, doc_ids, evidence,
/// evidence_doc_id.
const GROUP_TEXTS: usize = GROUP_COLUMNS.len() - 4;

/// A group's row: its id, texts and counts (mentions, documents,
/// sources).
fn group_cells<'a>(
    id: u64,
    texts: &[&'a str; GROUP_TEXTS],
    [mentions, documents, sources]: [u64; 3],
) -> [Cell<'a>; GROUP_COLUMNS.len()] {
    let t = |i: usize| text_cell(texts[i]);
    [
        Cell::Int(id),
        t(0),
        t(1),
        t(2),
        t(3),
        t(4),
        t(5),
        t(6),
        Cell::Int(mentions),
        Cell::Int(documents),
        Cell::Int(sources),
        t(7),
        t(8),
        t(9),
        t(10),
    ]
}

/// An empty text is an empty cell.
fn text_cell(t: &str) -> Cell<'_> {
    if t.is_empty() {
        Cell::Null
    } else {
        Cell::Text(t)
    }
}

/// Each event's group id, in event order.
pub struct GroupIds {
    /// (event, group id) of the events that are not the first of their
    /// group, in event order; every other event's id is its own number.
    sorted: Box<dyn Iterator<Item = io::Result<Vec<u8>>>>,
    /// The next of `sorted`, read ahead.
    peeked: Option<(u64, u64)>,
    /// The event whose id comes next.
    ordinal: u64,
    /// How many events there are.
    events: u64,
    /// How many groups there are.
    pub groups: u64,
}

impl Iterator for GroupIds {
    type Item = io::Result<u64>;
    fn next(&mut self) -> Option<io::Result<u64>> {
        if self.ordinal == self.events {
            return None;
        }
        let ordinal = self.ordinal;
        self.ordinal += 1;
        if self.peeked.is_none_or(|(event, _)| event < ordinal) {
            self.peeked = match self.sorted.next() {
                None => None,
                Some(rec) => match rec.and_then(|r| {
                    let mut f = Fields(&r);
                    Ok((f.u64()?, f.u64()?))
                }) {
                    Ok(pair) => Some(pair),
                    Err(e) => return Some(Err(e)),
                },
            };
        }
        Some(Ok(match self.peeked {
            Some((event, id)) if event == ordinal => id,
            _ => ordinal + 1,
        }))
    }
}

/// The group being formed during the sweep. One is reused for all groups,
/// so that its buffers are allocated once.
#[derive(Default)]
struct Group {
    /// The first record's head and grouping key.
    first: Option<Head>,
    first_key: String,
    /// The clearest mention's record, encoded.
    best: Vec<u8>,
    best_head: Option<Head>,
    last_when: u64,
    last_document_basis: bool,
    min_ordinal: u64,
    members: Vec<u64>,
    first_day: Option<u64>,
    last_day: Option<u64>,
    docs: HashSet<u64>,
    /// The first [`LISTED`] documents (by input order) and their ids.
    doc_ids: Vec<(u64, String)>,
    hosts: BTreeSet<String>,
}

impl Group {
    /// Starts a new group at `rec` (whose buffer may be taken).
    fn start(&mut self, head: Head, rec: &mut Vec<u8>) -> io::Result<()> {
        self.first = Some(head);
        self.first_key.clear();
        self.first_key.push_str(key_of(rec)?);
        self.best_head = None;
        self.min_ordinal = head.ordinal;
        self.members.clear();
        self.first_day = None;
        self.last_day = None;
        self.docs.clear();
        self.doc_ids.clear();
        self.hosts.clear();
        self.add(head, rec)
    }

    fn accepts(&self, head: &Head, rec: &[u8], window: u64) -> io::Result<bool> {
        let Some(first) = &self.first else {
            return Ok(false);
        };
        if head.kind != first.kind || head.kind == ALONE || head.key_hash != first.key_hash {
            return Ok(false);
        }
        if key_of(rec)? != self.first_key {
            return Ok(false);
        }
        Ok(match head.kind {
            DATED => {
                let slack = window + u64::from(head.document_basis || self.last_document_basis);
                head.when.saturating_sub(self.last_when) <= slack
            }
            _ => head.when == first.when,
        })
    }

    fn add(&mut self, head: Head, rec: &mut Vec<u8>) -> io::Result<()> {
        // Only the document's id and host are read here: the other texts
        // matter only for the clearest mention, decoded when the group
        // closes.
        let (doc_id, host) = doc_and_host(rec)?;
        self.members.push(head.ordinal);
        self.min_ordinal = self.min_ordinal.min(head.ordinal);
        if head.kind == DATED {
            self.first_day = Some(self.first_day.map_or(head.when, |d| d.min(head.when)));
            self.last_day = Some(self.last_day.map_or(head.when, |d| d.max(head.when)));
        }
        self.last_when = head.when;
        self.last_document_basis = head.document_basis;
        if self.docs.insert(head.doc) {
            // Keep the first LISTED documents in input order.
            if self.doc_ids.len() < LISTED || self.doc_ids.last().is_some_and(|l| l.0 > head.doc) {
                let at = self.doc_ids.partition_point(|d| d.0 < head.doc);
                self.doc_ids.insert(at, (head.doc, doc_id.to_string()));
                self.doc_ids.truncate(LISTED);
            }
        }
        if !host.is_empty() && !self.hosts.contains(host) {
            self.hosts.insert(host.to_string());
        }
        let better = self
            .best_head
            .is_none_or(|b| (head.score, Reverse(head.ordinal)) > (b.score, Reverse(b.ordinal)));
        if better {
            self.best_head = Some(head);
            std::mem::swap(&mut self.best, rec);
        }
        Ok(())
    }

    /// Writes the group's row (when the groups table is written: `w`) and
    /// its members' ids to the spills. For CSV the row is kept rendered,
    /// so that writing the table at the end is a copy.
    fn close(
        &mut self,
        by_event: &mut Spill,
        rows: &mut Spill,
        b: &mut Vec<u8>,
        w: Option<&TableWriter>,
    ) -> io::Result<()> {
        let id = self.min_ordinal + 1;
        // The first event of a group is its id (less one): only the others
        // are spilled, and [`GroupIds`] makes up the rest (most groups are
        // of one event).
        for m in self.members.iter().filter(|&&m| m != self.min_ordinal) {
            let mut pair = [0u8; 16];
            pair[..8].copy_from_slice(&m.to_be_bytes());
            pair[8..].copy_from_slice(&id.to_be_bytes());
            by_event.push(&pair)?;
        }
        let Some(w) = w else {
            return Ok(());
        };
        let doc_ids: Vec<&str> = self.doc_ids.iter().map(|(_, d)| d.as_str()).collect();
        let hosts: Vec<&str> = self.hosts.iter().take(LISTED).map(String::as_str).collect();
        let best = EventRecord::decode(&self.best)?.texts;
        let (first_day, last_day) = (
            self.first_day.map(day_text).unwrap_or_default(),
            self.last_day.map(day_text).unwrap_or_default(),
        );
        let (hosts, doc_ids) = (hosts.join("; "), doc_ids.join("; "));
        let texts: [&str; GROUP_TEXTS] = [
            best.event_type,
            best.actor,
            best.target,
            best.location,
            best.weapon,
            &first_day,
            &last_day,
            &hosts,
            &doc_ids,
            best.evidence,
            best.doc_id,
        ];
        let counts = [
            self.members.len() as u64,
            self.docs.len() as u64,
            self.hosts.len() as u64,
        ];
        b.clear();
        b.extend_from_slice(&id.to_be_bytes());
        if !w.render(&group_cells(id, &texts, counts), b) {
            for s in texts {
                put_str(b, s);
            }
            for n in counts {
                b.extend_from_slice(&n.to_be_bytes());
            }
        }
        rows.push(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_of_urls() {
        assert_eq!(
            url_host("https://www.Example.com/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            url_host("http://user@news.example.org:8080/x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(url_host("not a url"), None);
    }

    #[test]
    fn records_round_trip() {
        let r = EventRecord {
            head: Head {
                kind: DATED,
                key_hash: 7,
                when: day_number(chrono::NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()),
                ordinal: 3,
                doc: 2,
                document_basis: true,
                score: 99,
            },
            texts: EventTexts {
                key: "ATTACK\tplace/ukraine\t\t",
                event_type: "ATTACK",
                actor: "Ukraine",
                target: "",
                location: "Bryansk",
                weapon: "ATACMS",
                doc_id: "d1",
                host: "example.com",
                evidence: "Ukraine fired six ATACMS missiles.",
            },
        };
        let mut b = Vec::new();
        r.encode_into(&mut b);
        assert_eq!(EventRecord::decode(&b).unwrap(), r);
        assert_eq!(EventRecord::head(&b).unwrap(), r.head);
        assert_eq!(key_of(&b).unwrap(), r.texts.key);
        assert_eq!(day_text(r.head.when), "2024-11-19");
        assert_eq!(doc_and_host(&b).unwrap(), ("d1", "example.com"));
        for (y, m, d) in [
            (1, 1, 1),
            (999, 12, 31),
            (9999, 2, 28),
            (10000, 1, 1),
            (2024, 2, 29),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(
                day_text(day_number(date)),
                date.format("%Y-%m-%d").to_string()
            );
        }
    }
}
