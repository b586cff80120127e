//! The scoring of `../shared/eval/score.py`, computed on the pipeline's
//! output directly (no CSV round trip), with the pairing kept so that
//! `evex eval` can say which rule and which entry each figure comes from.
//!
//! Entities are compared per document as sets of (type, name): a system
//! entity matches a gold one of the same type when its canonical name or its
//! surface text equals the gold name or one of its alts after [`norm`].
//! Events are paired per document, greedily in gold order, each gold event
//! taking the unused system event of its type that agrees on most roles
//! (the first one on a tie); system events with equal type, roles, quantity
//! and modality count once. "Strict" also needs every role the gold fills.

use super::gold::{GoldDoc, GoldEvent, ROLES};
use super::norm::norm;
use std::collections::{BTreeMap, HashMap, HashSet};

/// An entity row as `evex extract` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysEntity {
    pub etype: String,
    pub canonical: String,
    /// The text as written in the document.
    pub text: String,
    /// The gazetteer entry, or none for a person named after a title.
    pub entry: Option<u32>,
    /// The `entity_id` column.
    pub id: String,
}

/// An event row as `evex extract` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SysEvent {
    pub etype: String,
    /// `actor`, `target`, `weapon`, `location` (empty when not filled).
    pub roles: [String; 4],
    pub quantity: String,
    pub modality: String,
    /// Index of the rule in the rule set.
    pub rule: u32,
    /// Which extraction it came from (a gold line may repeat a `doc_id`),
    /// and its index among that extraction's events.
    pub source: usize,
    pub index: usize,
}

/// The system's output for one `doc_id`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SysDoc {
    pub entities: Vec<SysEntity>,
    pub events: Vec<SysEvent>,
}

/// Precision, recall and F1 with the counts behind them.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub system: usize,
    pub gold: usize,
}

/// Per entity type (`entity_types` in `score.py --json`).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TypeScore {
    pub precision: f64,
    pub recall: f64,
    pub system: usize,
    pub gold: usize,
}

/// Strict event scores (no counts, as in `score.py`).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Strict {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Per event type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct EventTypeScore {
    pub matched: usize,
    pub gold: usize,
    pub system: usize,
}

/// Agreement per role on paired events (`None`: no gold event filled it).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct RoleAgreement {
    pub actor: Option<f64>,
    pub target: Option<f64>,
    pub weapon: Option<f64>,
    pub location: Option<f64>,
}

/// The figures of `score.py --json`, with the same keys.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Scores {
    pub docs: usize,
    pub entities: Prf,
    pub entity_types: BTreeMap<String, TypeScore>,
    pub events: Prf,
    pub events_strict: Strict,
    pub event_types: BTreeMap<String, EventTypeScore>,
    pub roles: RoleAgreement,
    pub modality_accuracy: Option<f64>,
}

/// How one document was scored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocPairing {
    /// Per gold event, the system event paired with it (index into
    /// [`SysDoc::events`]).
    pub paired: Vec<Option<usize>>,
    /// Per gold event: paired, and every role the gold fills agrees.
    pub strict: Vec<bool>,
    /// System events counted (the first of each set of equal ones).
    pub counted: Vec<usize>,
    /// Counted system events paired with no gold event.
    pub spurious: Vec<usize>,
    /// System entities (indices into [`SysDoc::entities`]) whose (type,
    /// canonical) matches no gold entity.
    pub false_entities: Vec<usize>,
    /// Gold entities that no system entity matches.
    pub missed_entities: Vec<usize>,
}

fn prf(tp_p: usize, n_p: usize, tp_r: usize, n_r: usize) -> (f64, f64, f64) {
    let p = if n_p > 0 {
        tp_p as f64 / n_p as f64
    } else {
        0.0
    };
    let r = if n_r > 0 {
        tp_r as f64 / n_r as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The normalised forms of a gold entity: its name and alts.
fn forms(e: &super::gold::GoldEntity) -> HashSet<String> {
    std::iter::once(&e.name)
        .chain(&e.alts)
        .map(|s| norm(s))
        .collect()
}

/// Scores `system` against `gold`: `docs` pairs each distinct `doc_id`
/// (in order of first appearance, the last gold record for it) with the
/// system output for it.
pub fn score(docs: &[(&GoldDoc, &SysDoc)]) -> (Scores, Vec<DocPairing>) {
    let (mut e_tp_p, mut e_np, mut e_tp_r, mut e_nr) = (0, 0, 0, 0);
    let mut per_type: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let (mut v_tp, mut v_np, mut v_nr, mut strict_tp) = (0, 0, 0, 0);
    let mut role_ok = [[0usize; 2]; 4];
    let mut mod_ok = [0usize; 2];
    let mut ev_type: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    let mut pairings = Vec::with_capacity(docs.len());
    for (g, sys) in docs {
        let mut pairing = DocPairing::default();
        // Entities.
        let sys_norm: Vec<(String, String, String)> = sys
            .entities
            .iter()
            .map(|e| (e.etype.to_uppercase(), norm(&e.canonical), norm(&e.text)))
            .collect();
        let sys_set: HashSet<&(String, String, String)> = sys_norm.iter().collect();
        let gold_ents: Vec<(String, HashSet<String>)> = g
            .entities
            .iter()
            .map(|e| (e.etype.to_uppercase(), forms(e)))
            .collect();
        e_nr += gold_ents.len();
        for (gi, (t, fs)) in gold_ents.iter().enumerate() {
            let hit = sys_set
                .iter()
                .any(|(st, c, x)| st == t && (fs.contains(c) || fs.contains(x)));
            e_tp_r += usize::from(hit);
            let d = per_type.entry(t.clone()).or_default();
            d[2] += usize::from(hit);
            d[3] += 1;
            if !hit {
                pairing.missed_entities.push(gi);
            }
        }
        let mut keys: Vec<(&str, &str)> = Vec::new();
        for (t, c, _) in &sys_norm {
            if !keys.contains(&(t.as_str(), c.as_str())) {
                keys.push((t, c));
            }
        }
        e_np += keys.len();
        for (t, c) in keys {
            let texts: HashSet<&str> = sys_set
                .iter()
                .filter(|(st, sc, _)| st == t && sc == c)
                .map(|(_, _, x)| x.as_str())
                .collect();
            let hit = gold_ents.iter().any(|(gt, fs)| {
                gt == t && (fs.contains(c) || texts.iter().any(|x| fs.contains(*x)))
            });
            e_tp_p += usize::from(hit);
            let d = per_type.entry(t.to_string()).or_default();
            d[0] += usize::from(hit);
            d[1] += 1;
            if !hit {
                pairing.false_entities.extend(
                    sys_norm
                        .iter()
                        .enumerate()
                        .filter(|(_, (st, sc, _))| st == t && sc == c)
                        .map(|(i, _)| i),
                );
            }
        }

        // Events.
        let mut aliases: HashMap<String, HashSet<String>> = HashMap::new();
        for (_, fs) in &gold_ents {
            for f in fs {
                aliases
                    .entry(f.clone())
                    .or_default()
                    .extend(fs.iter().cloned());
            }
        }
        let mut seen = HashSet::new();
        for (i, e) in sys.events.iter().enumerate() {
            let mut key: Vec<String> = vec![e.etype.to_uppercase()];
            key.extend(e.roles.iter().map(|r| norm(r)));
            key.push(norm(&e.quantity));
            key.push(norm(&e.modality));
            if seen.insert(key) {
                pairing.counted.push(i);
            }
        }
        v_np += pairing.counted.len();
        v_nr += g.events.len();
        let agree = |ge: &GoldEvent, r: usize, value: &str| {
            let sn = norm(value);
            if sn.is_empty() {
                return false;
            }
            ge.roles[r]
                .iter()
                .chain(&ge.alternatives[r])
                .map(|gv| norm(gv))
                .any(|gn| {
                    !gn.is_empty()
                        && (sn == gn || aliases.get(&gn).is_some_and(|a| a.contains(&sn)))
                })
        };
        let mut used = vec![false; pairing.counted.len()];
        for ge in &g.events {
            let t = ge.etype.to_uppercase();
            let d = ev_type.entry(t.clone()).or_default();
            d[1] += 1;
            let mut best: Option<(usize, usize)> = None;
            for (k, &i) in pairing.counted.iter().enumerate() {
                let se = &sys.events[i];
                if used[k] || se.etype.to_uppercase() != t {
                    continue;
                }
                let agreeing = (0..4)
                    .filter(|&r| ge.roles[r].is_some() && agree(ge, r, &se.roles[r]))
                    .count();
                if best.is_none_or(|(_, s)| agreeing > s) {
                    best = Some((k, agreeing));
                }
            }
            let Some((k, _)) = best else {
                pairing.paired.push(None);
                pairing.strict.push(false);
                continue;
            };
            used[k] = true;
            let se = &sys.events[pairing.counted[k]];
            pairing.paired.push(Some(pairing.counted[k]));
            v_tp += 1;
            d[0] += 1;
            let mut strict = true;
            for (r, counts) in role_ok.iter_mut().enumerate() {
                if ge.roles[r].is_some() {
                    let ok = agree(ge, r, &se.roles[r]);
                    counts[0] += usize::from(ok);
                    counts[1] += 1;
                    strict &= ok;
                }
            }
            strict_tp += usize::from(strict);
            pairing.strict.push(strict);
            let gm = ge.modality.as_deref().unwrap_or("asserted").to_lowercase();
            let sm = if se.modality.is_empty() {
                "asserted".to_string()
            } else {
                se.modality.to_lowercase()
            };
            mod_ok[0] += usize::from(gm == sm);
            mod_ok[1] += 1;
        }
        for (k, &i) in pairing.counted.iter().enumerate() {
            ev_type
                .entry(sys.events[i].etype.to_uppercase())
                .or_default()[2] += 1;
            if !used[k] {
                pairing.spurious.push(i);
            }
        }
        pairings.push(pairing);
    }
    let (ep, er, ef) = prf(e_tp_p, e_np, e_tp_r, e_nr);
    let (vp, vr, vf) = prf(v_tp, v_np, v_tp, v_nr);
    let (sp, sr, sf) = prf(strict_tp, v_np, strict_tp, v_nr);
    let ratio = |[ok, n]: [usize; 2]| (n > 0).then(|| ok as f64 / n as f64);
    let scores = Scores {
        docs: docs.len(),
        entities: Prf {
            precision: ep,
            recall: er,
            f1: ef,
            system: e_np,
            gold: e_nr,
        },
        entity_types: per_type
            .into_iter()
            .map(|(t, d)| {
                let (p, r, _) = prf(d[0], d[1], d[2], d[3]);
                (
                    t,
                    TypeScore {
                        precision: p,
                        recall: r,
                        system: d[1],
                        gold: d[3],
                    },
                )
            })
            .collect(),
        events: Prf {
            precision: vp,
            recall: vr,
            f1: vf,
            system: v_np,
            gold: v_nr,
        },
        events_strict: Strict {
            precision: sp,
            recall: sr,
            f1: sf,
        },
        event_types: ev_type
            .into_iter()
            .map(|(t, d)| {
                (
                    t,
                    EventTypeScore {
                        matched: d[0],
                        gold: d[1],
                        system: d[2],
                    },
                )
            })
            .collect(),
        roles: RoleAgreement {
            actor: ratio(role_ok[0]),
            target: ratio(role_ok[1]),
            weapon: ratio(role_ok[2]),
            location: ratio(role_ok[3]),
        },
        modality_accuracy: ratio(mod_ok),
    };
    (scores, pairings)
}

/// The roles of a gold event as `role=value; ...`.
pub fn describe_gold(ge: &GoldEvent) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (r, name) in ROLES.iter().enumerate() {
        let mut values: Vec<&str> = ge.roles[r].iter().map(String::as_str).collect();
        values.extend(
            ge.alternatives[r]
                .iter()
                .map(String::as_str)
                .filter(|v| Some(*v) != ge.roles[r].as_deref()),
        );
        if !values.is_empty() {
            parts.push(format!("{name}={}", values.join("|")));
        }
    }
    if let Some(q) = &ge.quantity {
        parts.push(format!("quantity={q}"));
    }
    parts.push(format!(
        "modality={}",
        ge.modality.as_deref().unwrap_or("asserted")
    ));
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::gold::{GoldEntity, GoldEvent};

    fn entity(t: &str, canonical: &str, text: &str) -> SysEntity {
        SysEntity {
            etype: t.into(),
            canonical: canonical.into(),
            text: text.into(),
            entry: None,
            id: String::new(),
        }
    }

    fn event(t: &str, roles: [&str; 4], index: usize) -> SysEvent {
        SysEvent {
            etype: t.into(),
            roles: roles.map(str::to_string),
            quantity: String::new(),
            modality: "asserted".into(),
            rule: 0,
            source: 0,
            index,
        }
    }

    fn gold_event(t: &str, roles: [Option<&str>; 4]) -> GoldEvent {
        GoldEvent {
            etype: t.into(),
            roles: roles.map(|r| r.map(str::to_string)),
            alternatives: Default::default(),
            quantity: None,
            modality: None,
            evidence: String::new(),
        }
    }

    #[test]
    fn entities_match_by_canonical_or_text_and_events_pair_greedily() {
        let gold = GoldDoc {
            doc_id: "d".into(),
            text: String::new(),
            entities: vec![
                GoldEntity {
                    etype: "PLACE".into(),
                    name: "United States".into(),
                    alts: vec!["US".into(), "American".into()],
                },
                GoldEntity {
                    etype: "PERSON".into(),
                    name: "Joe Biden".into(),
                    alts: vec![],
                },
                GoldEntity {
                    etype: "PLACE".into(),
                    name: "Ukraine".into(),
                    alts: vec![],
                },
            ],
            events: vec![
                gold_event("ATTACK", [Some("Russia"), None, None, Some("Kyiv")]),
                gold_event(
                    "AUTHORIZATION",
                    [Some("United States"), Some("Ukraine"), None, None],
                ),
            ],
            line: 1,
        };
        let sys = SysDoc {
            entities: vec![
                entity("PLACE", "United States of America", "American"),
                entity("PLACE", "Kharkiv", "Kharkiv"),
                entity("PLACE", "Ukraine", "Ukraine"),
            ],
            events: vec![
                event("AUTHORIZATION", ["US", "Ukraine", "", ""], 0),
                event("AUTHORIZATION", ["US", "Ukraine", "", ""], 1),
                event("ATTACK", ["Russia", "", "", "Odesa"], 2),
                event("SANCTION", ["", "", "", ""], 3),
            ],
        };
        let (s, p) = score(&[(&gold, &sys)]);
        assert_eq!((s.entities.system, s.entities.gold), (3, 3));
        assert!((s.entities.precision - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(p[0].false_entities, [1]);
        assert_eq!(p[0].missed_entities, [1]);
        assert_eq!(p[0].counted, [0, 2, 3]);
        assert_eq!(p[0].paired, [Some(2), Some(0)]);
        assert_eq!(p[0].strict, [false, true]);
        assert_eq!(p[0].spurious, [3]);
        assert_eq!(s.events.system, 3);
        assert_eq!(s.roles.location, Some(0.0));
        assert_eq!(s.roles.actor, Some(1.0));
        assert_eq!(s.roles.weapon, None);
        assert_eq!(s.modality_accuracy, Some(1.0));
        assert!((s.events_strict.recall - 0.5).abs() < 1e-12);
    }
}
