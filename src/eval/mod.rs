//! Evaluation against annotated passages (`evex eval`).
//!
//! The figures are those of `../shared/eval/score.py` (same definitions,
//! same JSON keys; a test runs both on the dev set), computed on the
//! pipeline's output in memory. Because the pairing is kept, evaluation can
//! also say where each error comes from: per rule, how many of its events
//! matched gold; per gazetteer entry, how many of its mentions match no gold
//! entity; and per missed gold event, why the nearest rule did not fire.

mod diagnose;
pub mod gold;
mod norm;
mod render;
mod score;

pub use gold::{GoldDoc, ROLES, read_gold};
pub use render::render_text;
pub use score::{DocPairing, Scores, SysDoc, SysEntity, SysEvent, score};

use crate::document::Document;
use crate::pipeline::{Extraction, Pipeline};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// What one rule contributed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RuleStats {
    pub id: String,
    /// `file:line` of the rule.
    pub origin: String,
    /// Events it produced (counted as the scorer counts them).
    pub events: usize,
    /// Of those, how many were paired with a gold event…
    pub matched: usize,
    /// …and how many of those agreed on every gold role.
    pub strict: usize,
    /// `matched / events` (`None` when it produced none).
    pub precision: Option<f64>,
}

/// A gazetteer entry (or an unlisted titled person) with mentions that match
/// no gold entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntryStats {
    pub id: String,
    pub canonical: String,
    #[serde(rename = "type")]
    pub etype: String,
    /// `file:line` of the gazetteer row (empty for unlisted people).
    pub origin: String,
    /// All its mentions in the run.
    pub mentions: usize,
    pub false_positive_mentions: usize,
    /// Documents with a false-positive mention.
    pub documents: usize,
    /// The false-positive mentions as written (at most five).
    pub texts: Vec<String>,
}

/// A gold event that no system event was paired with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MissedEvent {
    pub doc_id: String,
    pub event_type: String,
    pub roles: String,
    pub evidence: String,
    /// The sentences that hold the evidence.
    pub sentence: String,
    /// Why no event was produced there: the nearest rule's failure.
    pub reason: String,
}

/// A system event that no gold event was paired with.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SpuriousEvent {
    pub doc_id: String,
    pub event_type: String,
    pub rule: String,
    pub roles: String,
    pub sentence: String,
}

/// A gold entity that no system entity matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MissedEntity {
    pub doc_id: String,
    #[serde(rename = "type")]
    pub etype: String,
    pub name: String,
}

/// The errors, one by one (`--misses`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Misses {
    pub missed_events: Vec<MissedEvent>,
    pub spurious_events: Vec<SpuriousEvent>,
    pub missed_entities: Vec<MissedEntity>,
}

/// Everything `evex eval` reports.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Evaluation {
    #[serde(flatten)]
    pub scores: Scores,
    pub rules: Vec<RuleStats>,
    pub entries: Vec<EntryStats>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub misses: Option<Misses>,
}

/// Runs `pipeline` on every gold passage and scores the output. With
/// `misses`, also lists each error and explains each missed event (which
/// runs the missed documents again with tracing).
pub fn evaluate(pipeline: &Pipeline, gold: &[GoldDoc], misses: bool) -> Evaluation {
    let extractions: Vec<Extraction> = gold
        .par_iter()
        .map(|g| pipeline.process(&Document::new(g.doc_id.clone(), g.text.clone())))
        .collect();
    // One scored document per distinct doc_id, as the scorer reads the
    // files: the last gold record of an id, and every output row of it.
    let mut order: Vec<&str> = Vec::new();
    let mut last: HashMap<&str, usize> = HashMap::new();
    let mut system: HashMap<&str, SysDoc> = HashMap::new();
    for (i, (g, ex)) in gold.iter().zip(&extractions).enumerate() {
        if last.insert(&g.doc_id, i).is_none() {
            order.push(&g.doc_id);
        }
        append_system(pipeline, g, ex, i, system.entry(&g.doc_id).or_default());
    }
    let docs: Vec<(&GoldDoc, &SysDoc)> = order
        .iter()
        .map(|id| (&gold[last[id]], &system[id]))
        .collect();
    let (scores, pairings) = score(&docs);
    let rules = rule_stats(pipeline, &docs, &pairings);
    let entries = entry_stats(pipeline, &docs, &pairings);
    let misses = misses.then(|| {
        let mut m = Misses::default();
        for ((g, sys), pairing) in docs.iter().zip(&pairings) {
            diagnose::doc_misses(pipeline, g, sys, pairing, &extractions, &mut m);
        }
        m
    });
    Evaluation {
        scores,
        rules,
        entries,
        misses,
    }
}

/// Adds one extraction's rows (entities as written to entities.csv, events
/// as written to events.csv) to `sys`.
fn append_system(p: &Pipeline, g: &GoldDoc, ex: &Extraction, source: usize, sys: &mut SysDoc) {
    let gaz = p.gazetteer();
    let slice = |s: u32, e: u32| g.text[s as usize..e as usize].to_string();
    for m in ex.mentions.iter().filter(|m| p.is_reported(ex, m)) {
        let entry = gaz.entry(m.entry);
        // A name no gazetteer lists has its own name and id; its entry is
        // the pattern's template.
        let (canonical, id, listed) = match ex.unlisted.get(m.unlisted as usize) {
            Some(u) => (u.name.to_string(), u.id.to_string(), None),
            None => (
                entry.canonical.to_string(),
                entry.id.to_string(),
                Some(m.entry),
            ),
        };
        sys.entities.push(SysEntity {
            etype: gaz.type_name(entry.etype).to_string(),
            canonical,
            text: slice(m.start, m.end),
            entry: listed,
            id,
        });
    }
    for (index, ev) in ex.events.iter().enumerate() {
        sys.events.push(SysEvent {
            etype: ev.event_type.to_string(),
            roles: ROLES.map(|r| ev.role(r).unwrap_or_default().to_string()),
            quantity: ev.role("quantity").unwrap_or_default().to_string(),
            modality: ev.modality.to_string(),
            rule: ev.rule,
            source,
            index,
        });
    }
}

fn rule_stats(
    p: &Pipeline,
    docs: &[(&GoldDoc, &SysDoc)],
    pairings: &[DocPairing],
) -> Vec<RuleStats> {
    let rules = &p.rules().rules;
    let mut counts = vec![[0usize; 3]; rules.len()];
    for ((_, sys), pairing) in docs.iter().zip(pairings) {
        for &i in &pairing.counted {
            counts[sys.events[i].rule as usize][0] += 1;
        }
        for (paired, strict) in pairing.paired.iter().zip(&pairing.strict) {
            if let Some(i) = paired {
                let c = &mut counts[sys.events[*i].rule as usize];
                c[1] += 1;
                c[2] += usize::from(*strict);
            }
        }
    }
    rules
        .iter()
        .zip(counts)
        .map(|(r, [events, matched, strict])| RuleStats {
            id: r.id.clone(),
            origin: r.origin.clone(),
            events,
            matched,
            strict,
            precision: (events > 0).then(|| matched as f64 / events as f64),
        })
        .collect()
}

fn entry_stats(
    p: &Pipeline,
    docs: &[(&GoldDoc, &SysDoc)],
    pairings: &[DocPairing],
) -> Vec<EntryStats> {
    struct Tally {
        first: usize,
        mentions: usize,
        wrong: usize,
        documents: BTreeSet<usize>,
        texts: Vec<String>,
    }
    let mut by_id: HashMap<&str, Tally> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (d, ((_, sys), pairing)) in docs.iter().zip(pairings).enumerate() {
        for (i, e) in sys.entities.iter().enumerate() {
            let t = by_id.entry(&e.id).or_insert_with(|| {
                order.push(&e.id);
                Tally {
                    first: order.len(),
                    mentions: 0,
                    wrong: 0,
                    documents: BTreeSet::new(),
                    texts: Vec::new(),
                }
            });
            t.mentions += 1;
            if pairing.false_entities.contains(&i) {
                t.wrong += 1;
                t.documents.insert(d);
                if t.texts.len() < 5 && !t.texts.contains(&e.text) {
                    t.texts.push(e.text.clone());
                }
            }
        }
    }
    let gaz = p.gazetteer();
    let mut out: Vec<(usize, EntryStats)> = order
        .iter()
        .filter_map(|id| {
            let t = &by_id[id];
            if t.wrong == 0 {
                return None;
            }
            let (d, i) = find_entity(docs, id)?;
            let e = &docs[d].1.entities[i];
            Some((
                t.first,
                EntryStats {
                    id: id.to_string(),
                    canonical: e.canonical.clone(),
                    etype: e.etype.clone(),
                    origin: e
                        .entry
                        .map(|x| gaz.entry(x).origin.clone())
                        .unwrap_or_default(),
                    mentions: t.mentions,
                    false_positive_mentions: t.wrong,
                    documents: t.documents.len(),
                    texts: t.texts.clone(),
                },
            ))
        })
        .collect();
    out.sort_by(|(fa, a), (fb, b)| {
        (b.false_positive_mentions, b.documents)
            .cmp(&(a.false_positive_mentions, a.documents))
            .then(fa.cmp(fb))
    });
    out.into_iter().map(|(_, e)| e).collect()
}

/// The first system entity with this id: (document, index).
fn find_entity(docs: &[(&GoldDoc, &SysDoc)], id: &str) -> Option<(usize, usize)> {
    docs.iter()
        .enumerate()
        .find_map(|(d, (_, sys))| sys.entities.iter().position(|e| e.id == id).map(|i| (d, i)))
}
