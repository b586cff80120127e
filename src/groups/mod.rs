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
//! one pass, and two more sorted spills (event → group, and the group rows
//! by id) give `event_groups.csv` and the `group_id` column, which is
//! filled by rewriting the events table once. Memory is thus bounded by
//! the budget plus the largest single group, whatever the size of the dump.
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

/// How events are grouped.
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
    let days = (n as i64 - (1 << 40)) as i32;
    chrono::NaiveDate::from_num_days_from_ce_opt(days)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
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
fn document_keys(ex: &Extraction) -> Vec<[String; 3]> {
    let own: Vec<[String; 3]> = ex
        .events
        .iter()
        .map(|ev| {
            KEY_SLOTS.map(|slot| {
                ev.roles
                    .iter()
                    .find(|r| &*r.slot == slot)
                    .map(|r| r.entity_id.as_deref().unwrap_or(&r.value).to_string())
                    .unwrap_or_default()
            })
        })
        .collect();
    // Clusters: merged roles and members; an event with no key role stays
    // alone.
    let mut clusters: Vec<([String; 3], Vec<usize>)> = Vec::new();
    let agree = |a: &[String; 3], b: &[String; 3]| {
        (0..3).all(|r| a[r].is_empty() || b[r].is_empty() || a[r] == b[r])
    };
    for (i, key) in own.iter().enumerate() {
        let empty = key.iter().all(String::is_empty);
        let found = (!empty)
            .then(|| {
                clusters.iter().position(|(roles, members)| {
                    ex.events[members[0]].event_type == ex.events[i].event_type && agree(roles, key)
                })
            })
            .flatten();
        match found {
            Some(c) => {
                let (roles, members) = &mut clusters[c];
                for r in 0..3 {
                    if roles[r].is_empty() {
                        roles[r] = key[r].clone();
                    }
                }
                members.push(i);
            }
            None => clusters.push((key.clone(), vec![i])),
        }
    }
    let mut keys = vec![[String::new(), String::new(), String::new()]; own.len()];
    for (roles, members) in clusters {
        for m in members {
            keys[m] = roles.clone();
        }
    }
    keys
}

/// One event as the grouping sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct EventRecord {
    kind: u8,
    key_hash: u64,
    /// The day number (DATED) or the document number (UNDATED, ALONE).
    when: u64,
    ordinal: u64,
    doc: u64,
    document_basis: bool,
    score: u64,
    key: String,
    event_type: String,
    actor: String,
    target: String,
    location: String,
    weapon: String,
    doc_id: String,
    host: String,
    evidence: String,
}

impl EventRecord {
    /// Sort key first, big-endian, so that byte order is record order.
    fn encode(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(96 + self.evidence.len());
        b.push(self.kind);
        b.extend_from_slice(&self.key_hash.to_be_bytes());
        b.extend_from_slice(&self.when.to_be_bytes());
        b.extend_from_slice(&self.ordinal.to_be_bytes());
        b.extend_from_slice(&self.doc.to_be_bytes());
        b.push(u8::from(self.document_basis));
        b.extend_from_slice(&self.score.to_be_bytes());
        for s in [
            &self.key,
            &self.event_type,
            &self.actor,
            &self.target,
            &self.location,
            &self.weapon,
            &self.doc_id,
            &self.host,
            &self.evidence,
        ] {
            put_str(&mut b, s);
        }
        b
    }

    fn decode(b: &[u8]) -> io::Result<EventRecord> {
        let mut r = Fields(b);
        Ok(EventRecord {
            kind: r.u8()?,
            key_hash: r.u64()?,
            when: r.u64()?,
            ordinal: r.u64()?,
            doc: r.u64()?,
            document_basis: r.u8()? != 0,
            score: r.u64()?,
            key: r.string()?,
            event_type: r.string()?,
            actor: r.string()?,
            target: r.string()?,
            location: r.string()?,
            weapon: r.string()?,
            doc_id: r.string()?,
            host: r.string()?,
            evidence: r.string()?,
        })
    }
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_le_bytes());
    b.extend_from_slice(s.as_bytes());
}

/// Reads back what the encoders wrote.
struct Fields<'a>(&'a [u8]);

impl Fields<'_> {
    fn take(&mut self, n: usize) -> io::Result<&[u8]> {
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
    fn string(&mut self) -> io::Result<String> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        let n = u32::from_le_bytes(a) as usize;
        String::from_utf8(self.take(n)?.to_vec())
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
        let host = doc.url.as_deref().and_then(url_host).unwrap_or_default();
        let keys = document_keys(ex);
        if let Some(j) = &mut self.journal {
            j.document(ex.events.len())?;
        }
        for (i, ev) in ex.events.iter().enumerate() {
            let ordinal = self.next_event;
            self.next_event += 1;
            let name_of = |slot: &str| ev.role(slot).unwrap_or("").to_string();
            let [actor_id, target_id, location_id] = &keys[i];
            let key = format!("{}\t{actor_id}\t{target_id}\t{location_id}", ev.event_type);
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
                kind,
                key_hash: stable_hash(&[&key]),
                when,
                ordinal,
                doc: docn,
                document_basis: date.is_some_and(|d| d.basis == Basis::Document),
                score,
                key,
                event_type: ev.event_type.to_string(),
                actor: name_of("actor"),
                target: name_of("target"),
                location: name_of("location"),
                weapon: name_of("weapon"),
                doc_id: doc.id.clone(),
                host: host.clone(),
                evidence: evidence.to_string(),
            };
            let rec = rec.encode();
            if let Some(j) = &mut self.journal {
                j.record(&rec)?;
            }
            self.events.push(&rec)?;
        }
        Ok(())
    }

    /// Forms the groups: writes `event_groups` rows to `groups` (when
    /// given) and returns each event's group id in event order.
    pub fn finish(self, groups: Option<&mut TableWriter>) -> io::Result<GroupIds> {
        let window = u64::from(self.opts.window_days);
        let mut by_event = Spill::new(self.opts.memory_budget / 4, self.opts.spill_dir.clone());
        let mut rows = Spill::new(self.opts.memory_budget / 4, self.opts.spill_dir.clone());
        let mut current: Option<Group> = None;
        let mut count = 0u64;
        for rec in self.events.into_sorted()? {
            let rec = EventRecord::decode(&rec?)?;
            let joins = current.as_ref().is_some_and(|g| g.accepts(&rec, window));
            if !joins && let Some(g) = current.take() {
                g.close(&mut by_event, &mut rows)?;
                count += 1;
            }
            match &mut current {
                Some(g) => g.add(rec),
                None => current = Some(Group::new(rec)),
            }
        }
        if let Some(g) = current.take() {
            g.close(&mut by_event, &mut rows)?;
            count += 1;
        }
        if let Some(w) = groups {
            for row in rows.into_sorted()? {
                let row = row?;
                let mut f = Fields(&row);
                let id = f.u64()?;
                let mut cells = Vec::with_capacity(GROUP_COLUMNS.len());
                let texts: Vec<String> = (0..GROUP_COLUMNS.len() - 4)
                    .map(|_| f.string())
                    .collect::<io::Result<_>>()?;
                let (mentions, documents, sources) = (f.u64()?, f.u64()?, f.u64()?);
                cells.push(Cell::Int(id));
                // event_type, actor, target, location, weapon, first_date,
                // last_date
                for t in &texts[..7] {
                    cells.push(if t.is_empty() {
                        Cell::Null
                    } else {
                        Cell::Text(t)
                    });
                }
                cells.push(Cell::Int(mentions));
                cells.push(Cell::Int(documents));
                cells.push(Cell::Int(sources));
                for t in &texts[7..] {
                    cells.push(if t.is_empty() {
                        Cell::Null
                    } else {
                        Cell::Text(t)
                    });
                }
                w.write(&cells)?;
            }
        }
        Ok(GroupIds {
            sorted: Box::new(by_event.into_sorted()?),
            groups: count,
        })
    }
}

/// Each event's group id, in event order.
pub struct GroupIds {
    sorted: Box<dyn Iterator<Item = io::Result<Vec<u8>>>>,
    /// How many groups there are.
    pub groups: u64,
}

impl Iterator for GroupIds {
    type Item = io::Result<u64>;
    fn next(&mut self) -> Option<io::Result<u64>> {
        let rec = self.sorted.next()?;
        Some(rec.and_then(|r| {
            let mut f = Fields(&r);
            f.u64()?;
            f.u64()
        }))
    }
}

/// The group being formed during the sweep.
struct Group {
    first: EventRecord,
    best: EventRecord,
    last_when: u64,
    last_document_basis: bool,
    min_ordinal: u64,
    members: Vec<u64>,
    first_day: Option<u64>,
    last_day: Option<u64>,
    docs: HashSet<u64>,
    doc_ids: Vec<(u64, String)>,
    hosts: BTreeSet<String>,
}

impl Group {
    fn new(rec: EventRecord) -> Group {
        let mut g = Group {
            best: rec.clone(),
            last_when: rec.when,
            last_document_basis: rec.document_basis,
            min_ordinal: rec.ordinal,
            members: Vec::new(),
            first_day: None,
            last_day: None,
            docs: HashSet::new(),
            doc_ids: Vec::new(),
            hosts: BTreeSet::new(),
            first: rec.clone(),
        };
        g.add(rec);
        g
    }

    fn accepts(&self, rec: &EventRecord, window: u64) -> bool {
        if rec.kind != self.first.kind
            || rec.kind == ALONE
            || rec.key_hash != self.first.key_hash
            || rec.key != self.first.key
        {
            return false;
        }
        match rec.kind {
            DATED => {
                let slack = window + u64::from(rec.document_basis || self.last_document_basis);
                rec.when.saturating_sub(self.last_when) <= slack
            }
            _ => rec.when == self.first.when,
        }
    }

    fn add(&mut self, rec: EventRecord) {
        self.members.push(rec.ordinal);
        self.min_ordinal = self.min_ordinal.min(rec.ordinal);
        if rec.kind == DATED {
            self.first_day = Some(self.first_day.map_or(rec.when, |d| d.min(rec.when)));
            self.last_day = Some(self.last_day.map_or(rec.when, |d| d.max(rec.when)));
        }
        self.last_when = rec.when;
        self.last_document_basis = rec.document_basis;
        if self.docs.insert(rec.doc) {
            self.doc_ids.push((rec.doc, rec.doc_id.clone()));
        }
        if !rec.host.is_empty() {
            self.hosts.insert(rec.host.clone());
        }
        if (rec.score, Reverse(rec.ordinal)) > (self.best.score, Reverse(self.best.ordinal)) {
            self.best = rec;
        }
    }

    /// Writes the group's row and its members' ids to the spills.
    fn close(mut self, by_event: &mut Spill, rows: &mut Spill) -> io::Result<()> {
        let id = self.min_ordinal + 1;
        for m in &self.members {
            let mut b = Vec::with_capacity(16);
            b.extend_from_slice(&m.to_be_bytes());
            b.extend_from_slice(&id.to_be_bytes());
            by_event.push(&b)?;
        }
        // Documents in input order.
        self.doc_ids.sort_unstable();
        let doc_ids: Vec<&str> = self
            .doc_ids
            .iter()
            .take(LISTED)
            .map(|(_, d)| d.as_str())
            .collect();
        let hosts: Vec<&str> = self.hosts.iter().take(LISTED).map(String::as_str).collect();
        let best = &self.best;
        let mut b = Vec::with_capacity(256 + best.evidence.len());
        b.extend_from_slice(&id.to_be_bytes());
        for s in [
            best.event_type.as_str(),
            &best.actor,
            &best.target,
            &best.location,
            &best.weapon,
            &self.first_day.map(day_text).unwrap_or_default(),
            &self.last_day.map(day_text).unwrap_or_default(),
            &hosts.join("; "),
            &doc_ids.join("; "),
            &best.evidence,
            &best.doc_id,
        ] {
            put_str(&mut b, s);
        }
        b.extend_from_slice(&(self.members.len() as u64).to_be_bytes());
        b.extend_from_slice(&(self.docs.len() as u64).to_be_bytes());
        b.extend_from_slice(&(self.hosts.len() as u64).to_be_bytes());
        rows.push(&b)
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
            kind: DATED,
            key_hash: 7,
            when: day_number(chrono::NaiveDate::from_ymd_opt(2024, 11, 19).unwrap()),
            ordinal: 3,
            doc: 2,
            document_basis: true,
            score: 99,
            key: "ATTACK\tplace/ukraine\t\t".into(),
            event_type: "ATTACK".into(),
            actor: "Ukraine".into(),
            target: String::new(),
            location: "Bryansk".into(),
            weapon: "ATACMS".into(),
            doc_id: "d1".into(),
            host: "example.com".into(),
            evidence: "Ukraine fired six ATACMS missiles.".into(),
        };
        assert_eq!(EventRecord::decode(&r.encode()).unwrap(), r);
        assert_eq!(day_text(r.when), "2024-11-19");
    }
}
