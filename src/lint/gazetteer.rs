//! Checks of the loaded gazetteers: aliases that several entries share
//! with nothing but file order to choose between them, entries that can
//! never be matched, aliases that are ordinary words, derived ids that
//! collided, and `stands_for` chains and cycles.

use super::{Finding, finding};
use crate::common_words::is_common;
use crate::gazetteer::{Alias, AliasKind, CaseRule, Gazetteer};
use crate::words::Set;

/// Does alias `b` match wherever alias `a` does (same folded form)?
fn covers(b: &Alias, a: &Alias) -> bool {
    b.case == CaseRule::Any
        || (b.case == a.case && (b.case == CaseRule::Title || b.stripped == a.stripped))
}

/// Aliases shared by several entries, and entries that can never win.
pub(super) fn shared_aliases(g: &Gazetteer, out: &mut Vec<Finding>) {
    let n_entries = g.entries().len();
    // Per entry: has an alias that some text can make it win with.
    let mut reachable = vec![false; n_entries];
    // Per entry: one entry that hides it (for the message).
    let mut hidden_by: Vec<Option<u32>> = vec![None; n_entries];
    // (loser, winner) → the aliases they tie on.
    let mut ties: std::collections::HashMap<(u32, u32), Vec<&str>> = Default::default();
    for p in 0..g.patterns().len() {
        let aliases: Vec<u32> = g
            .pattern_aliases(p)
            .iter()
            .copied()
            .filter(|&a| g.alias(a).kind != AliasKind::Partial)
            .collect();
        let Some(&first) = aliases.first() else {
            continue;
        };
        let entry_of = |a: u32| g.alias(a).entry;
        if aliases.iter().all(|&a| entry_of(a) == entry_of(first)) {
            reachable[entry_of(first) as usize] = true;
            continue;
        }
        // The winner: the strongest, then the first in file order.
        let Some(best) = aliases
            .iter()
            .copied()
            .min_by_key(|&a| (g.alias_strength(a), entry_of(a)))
        else {
            continue;
        };
        for &a in &aliases {
            let (alias, winner) = (g.alias(a), g.alias(best));
            if alias.entry == winner.entry {
                reachable[alias.entry as usize] = true;
                continue;
            }
            if !covers(winner, alias) {
                // Written in a case the winner does not match: wins there.
                reachable[alias.entry as usize] = true;
                continue;
            }
            hidden_by[alias.entry as usize].get_or_insert(winner.entry);
            if g.why_wins(best, a) == "file order" {
                let shared = ties.entry((alias.entry, winner.entry)).or_default();
                if !shared.contains(&&*alias.stripped) {
                    shared.push(&alias.stripped);
                }
            }
        }
    }
    // One finding per pair of entries, at the row that loses.
    let mut pairs: Vec<_> = ties.into_iter().collect();
    pairs.sort();
    for ((loser, winner), aliases) in pairs {
        let (e, w) = (g.entry(loser), g.entry(winner));
        let list: Vec<String> = aliases.iter().map(|a| format!("`{a}`")).collect();
        out.push(finding(
            &e.origin,
            "shared-alias",
            format!(
                "`{}` and `{}` ({}) share {} {} with the same type, rank and form, so file order makes `{}` win; give the entry that should win a higher `rank`, or remove the alias from the other",
                e.id,
                w.id,
                w.origin,
                if aliases.len() == 1 { "the alias" } else { "the aliases" },
                list.join(", "),
                w.id
            ),
        ));
    }
    for (i, entry) in g.entries().iter().enumerate() {
        if reachable[i] {
            continue;
        }
        // Only surnames of its own, or every name hidden.
        let Some(w) = hidden_by[i] else { continue };
        let w = g.entry(w);
        out.push(finding(
            &entry.origin,
            "hidden-entry",
            format!(
                "`{}` can never be matched: each of its names is also a name of an entry that wins (e.g. `{}`, {}); give it a name of its own, a higher `rank`, or remove it",
                entry.id, w.id, w.origin
            ),
        ));
    }
}

/// One-word aliases that are ordinary English words (or day, month and
/// title words) and match in any case.
pub(super) fn common_words(g: &Gazetteer, lexical: &Set<String>, out: &mut Vec<Finding>) {
    let n = g.stats().aliases as u32;
    let mut seen: Set<(u32, &str)> = Set::default();
    for i in 0..n {
        let a = g.alias(i);
        let e = g.entry(a.entry);
        if a.case != CaseRule::Any || e.generic || a.words != 1 {
            continue;
        }
        let folded = crate::normalize::fold_phrase(&a.stripped);
        let what = if lexical.contains(&folded) {
            "a day, month or title word"
        } else if is_common(&folded) {
            "a common English word"
        } else {
            continue;
        };
        if !seen.insert((a.entry, &a.stripped)) {
            continue;
        }
        out.push(finding(
            &e.origin,
            "common-word",
            format!(
                "the alias `{}` of `{}` is {what} (`{folded}`) and matches in any case; add `case` title (or exact), or remove the alias",
                a.stripped, e.id
            ),
        ));
    }
}

/// Rows whose derived id was taken and got a suffix.
pub(super) fn derived_ids(g: &Gazetteer, out: &mut Vec<Finding>) {
    for s in g.id_suffixes() {
        let plain = s.id.rsplit_once('-').map_or(s.id.as_str(), |(p, _)| p);
        out.push(Finding {
            file: s.file.clone(),
            line: s.line,
            anchor: s.line,
            kind: "derived-id",
            message: format!(
                "the id derived from the canonical name, `{plain}`, is already the id of {}:{}; this row got `{}` (write an `id` to choose one)",
                s.first_file, s.first_line, s.id
            ),
        });
    }
}

/// `stands_for` pointing at an entry that stands for another (evex follows
/// one step) or back to itself.
pub(super) fn stands_for(g: &Gazetteer, out: &mut Vec<Finding>) {
    for (i, e) in g.entries().iter().enumerate() {
        let Some(t) = e.stands_for else { continue };
        let Some(u) = g.entry(t).stands_for else {
            continue;
        };
        // Follow the chain to see whether it comes back.
        let mut path = vec![i as u32, t];
        let mut next = Some(u);
        while let Some(x) = next {
            if path.contains(&x) {
                break;
            }
            path.push(x);
            next = g.entry(x).stands_for;
        }
        let names: Vec<&str> = path.iter().map(|&x| &*g.entry(x).id).collect();
        let (kind, message) = if next.is_some() {
            (
                "stands-for-cycle",
                format!(
                    "`stands_for` goes round in a circle: {} → {}",
                    names.join(" → "),
                    g.entry(next.unwrap_or(t)).id
                ),
            )
        } else {
            (
                "stands-for-chain",
                format!(
                    "`{}` stands for `{}`, which stands for `{}`; evex follows one step, so events report `{}`: point `stands_for` at `{}`",
                    e.id,
                    g.entry(t).id,
                    g.entry(u).id,
                    g.entry(t).id,
                    names.last().copied().unwrap_or_default()
                ),
            )
        };
        out.push(finding(&e.origin, kind, message));
    }
}
