//! Mining a corpus for names the gazetteers miss (`evex suggest`).
//!
//! Each document is run through the pipeline; the capitalised names (and
//! all-capital acronyms) that no entry matched are collected with the cues
//! around them ([`find`]), counted over the corpus, and written as a
//! gazetteer file: one row per new name with a guessed type, and one row
//! per existing entry that the corpus spells differently ([`variants`]),
//! which adds those spellings as aliases. A user deletes the rows they do
//! not want and passes the file to `--gazetteers` as it is.

pub mod cues;
pub mod find;
pub mod variants;

use crate::common_words::is_common;
use cues::{TYPES, Votes};
use find::Sighting;
use std::collections::HashMap;
use std::io::{self, Write};
use variants::VariantIndex;

/// At most this many distinct names are kept while reading; past it, the
/// names seen once are forgotten (then twice, …), so memory stays bounded
/// on any corpus.
pub const MAX_CANDIDATES: usize = 200_000;

/// A name counted over the corpus.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    /// Spellings as written, with counts (at most four kept).
    pub surfaces: Vec<(String, u64)>,
    pub mentions: u64,
    /// Mentions that do not open their sentence.
    pub inside: u64,
    pub docs: u64,
    last_doc: u64,
    pub votes: Votes,
    pub example: String,
}

impl Candidate {
    /// The most frequent spelling (the first seen on a tie).
    pub fn surface(&self) -> &str {
        let mut best: Option<&(String, u64)> = None;
        for s in &self.surfaces {
            if best.is_none_or(|b| s.1 > b.1) {
                best = Some(s);
            }
        }
        best.map_or("", |s| s.0.as_str())
    }
}

/// The counts of a corpus, fed one document at a time.
#[derive(Debug, Default)]
pub struct Tally {
    names: HashMap<String, Candidate>,
    /// Insertion order, for a deterministic output.
    order: Vec<String>,
    docs: u64,
    pruned: u64,
    /// Per gazetteer entry: mentioned somewhere in the corpus.
    mentioned: Vec<bool>,
}

impl Tally {
    /// Counts the sightings of the next document; `entries` are the
    /// gazetteer entries it mentions.
    pub fn add_document(&mut self, sightings: Vec<Sighting>, entries: &[u32]) {
        self.docs += 1;
        for &e in entries {
            let e = e as usize;
            if e >= self.mentioned.len() {
                self.mentioned.resize(e + 1, false);
            }
            self.mentioned[e] = true;
        }
        for s in sightings {
            if !self.names.contains_key(&s.key) {
                self.order.push(s.key.clone());
            }
            let c = self
                .names
                .entry(s.key.clone())
                .or_insert_with(|| Candidate {
                    example: s.sentence.clone(),
                    ..Candidate::default()
                });
            c.mentions += 1;
            c.inside += u64::from(!s.initial);
            if c.last_doc != self.docs {
                c.last_doc = self.docs;
                c.docs += 1;
            }
            c.votes.merge(&s.votes);
            if let Some(x) = c.surfaces.iter_mut().find(|(x, _)| *x == s.surface) {
                x.1 += 1;
            } else if c.surfaces.len() < 4 {
                c.surfaces.push((s.surface, 1));
            }
        }
        if self.names.len() > MAX_CANDIDATES {
            self.prune();
        }
    }

    /// Forgets the rarest names until at most three quarters of the limit
    /// remain.
    fn prune(&mut self) {
        let mut floor = 1;
        while self.names.len() > MAX_CANDIDATES * 3 / 4 {
            let before = self.names.len();
            self.names.retain(|_, c| c.mentions > floor);
            self.pruned += (before - self.names.len()) as u64;
            floor += 1;
        }
        let names = &self.names;
        self.order.retain(|k| names.contains_key(k));
    }

    pub fn documents(&self) -> u64 {
        self.docs
    }

    /// Names forgotten to bound memory.
    pub fn pruned(&self) -> u64 {
        self.pruned
    }
}

/// One row of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub canonical: String,
    pub etype: String,
    /// The existing entry's id for a variant row; empty for a new name.
    pub id: String,
    pub aliases: Vec<String>,
    /// `alone` when the row lets a surname stand without the full name.
    pub surname: String,
    pub mentions: u64,
    pub docs: u64,
    pub evidence: String,
    pub example: String,
}

/// The rows: new names (sorted by documents, then mentions, then name) and
/// variants of existing entries (one row per entry, sorted the same way).
pub fn suggestions(
    tally: &Tally,
    gaz: &crate::gazetteer::Gazetteer,
) -> (Vec<Suggestion>, Vec<Suggestion>) {
    let index = VariantIndex::new(gaz);
    let mut new = Vec::new();
    let mut by_entry: HashMap<u32, Suggestion> = HashMap::new();
    let mut entry_order = Vec::new();
    for key in &tally.order {
        let c = &tally.names[key];
        // A spelling of an entry the corpus names elsewhere, or whose
        // context points at the entry's type: not just a look-alike.
        let variant = index.find(key).filter(|v| {
            tally
                .mentioned
                .get(v.entry as usize)
                .copied()
                .unwrap_or(false)
                || c.votes.best().map(|(t, _)| TYPES[t])
                    == Some(gaz.type_name(gaz.entry(v.entry).etype))
        });
        if let Some(v) = variant {
            let e = gaz.entry(v.entry);
            let row = by_entry.entry(v.entry).or_insert_with(|| {
                entry_order.push(v.entry);
                Suggestion {
                    canonical: e.canonical.to_string(),
                    etype: gaz.type_name(e.etype).to_string(),
                    id: e.id.to_string(),
                    aliases: Vec::new(),
                    surname: String::new(),
                    mentions: 0,
                    docs: 0,
                    evidence: String::new(),
                    example: c.example.clone(),
                }
            });
            let reason = if v.distance == 0 {
                row.surname = "alone".into();
                format!("`{}` used without the full name before it", v.listed)
            } else {
                row.aliases.push(c.surface().to_string());
                format!("`{}` spells `{}` ({})", c.surface(), v.listed, e.origin)
            };
            if !row.evidence.is_empty() {
                row.evidence.push_str("; ");
            }
            row.evidence.push_str(&reason);
            row.mentions += c.mentions;
            row.docs += c.docs;
            continue;
        }
        // A word seen only at the start of sentences is most likely an
        // ordinary word there ("Casualties were reported").
        if c.inside == 0 && !key.contains(' ') {
            continue;
        }
        let (etype, evidence) = match c.votes.best() {
            Some((t, why)) => (TYPES[t], why.to_string()),
            // No cue: capitalised words that are not ordinary words are most
            // often a person's name, one word most often a place.
            None if key.contains(' ') && !key.split(' ').any(is_common) => {
                ("PERSON", "no cue; several capitalised words".into())
            }
            None if key.contains(' ') => ("ORG", "no cue; capitalised ordinary words".into()),
            None => ("PLACE", "no cue; one capitalised word".into()),
        };
        new.push(Suggestion {
            canonical: c.surface().to_string(),
            etype: etype.to_string(),
            id: String::new(),
            aliases: c
                .surfaces
                .iter()
                .map(|(s, _)| s.clone())
                .filter(|s| s != c.surface())
                .collect(),
            surname: String::new(),
            mentions: c.mentions,
            docs: c.docs,
            evidence,
            example: c.example.clone(),
        });
    }
    let mut variants: Vec<Suggestion> = entry_order
        .into_iter()
        .filter_map(|e| by_entry.remove(&e))
        .collect();
    let order = |a: &Suggestion, b: &Suggestion| {
        (b.docs, b.mentions)
            .cmp(&(a.docs, a.mentions))
            .then_with(|| a.canonical.cmp(&b.canonical))
    };
    new.sort_by(order);
    variants.sort_by(order);
    (new, variants)
}

/// The columns of the output: a gazetteer's, plus `count`, `docs`,
/// `evidence` and `example`, which load as attributes.
pub const COLUMNS: &[&str] = &[
    "canonical",
    "type",
    "id",
    "aliases",
    "surname",
    "count",
    "docs",
    "evidence",
    "example",
];

/// Writes the rows as a gazetteer TSV file, with comment lines saying what
/// the file is.
pub fn write_tsv(
    out: &mut dyn Write,
    new: &[Suggestion],
    variants: &[Suggestion],
    documents: u64,
) -> io::Result<()> {
    writeln!(
        out,
        "# evex suggest: {} new names and {} entries with unlisted spellings, from {documents} documents.",
        new.len(),
        variants.len()
    )?;
    writeln!(
        out,
        "# Check each row (the type is a guess; `evidence` says why), delete the ones you do not want,"
    )?;
    writeln!(
        out,
        "# then load the file with `evex extract --gazetteers FILE`."
    )?;
    writeln!(out, "{}", COLUMNS.join("\t"))?;
    let cell = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let row = |out: &mut dyn Write, s: &Suggestion| {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            cell(&s.canonical),
            s.etype,
            s.id,
            s.aliases
                .iter()
                .map(|a| cell(a).replace('|', " "))
                .collect::<Vec<_>>()
                .join("|"),
            s.surname,
            s.mentions,
            s.docs,
            cell(&s.evidence),
            cell(&s.example)
        )
    };
    for s in new {
        row(out, s)?;
    }
    if !variants.is_empty() {
        writeln!(
            out,
            "# Entries the corpus spells in ways they do not list: each row adds the spellings as aliases."
        )?;
    }
    for s in variants {
        row(out, s)?;
    }
    Ok(())
}
