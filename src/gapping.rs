//! Gapped coordination: a verb told once for several parties.
//!
//! News lists contributions with the verb said once: "Denmark will
//! contribute two F-16 fighters and a frigate, France three Rafale jets and
//! Germany four Eurofighters". The rules find the first clause's event
//! (Denmark); each later clause is the same act by another state, with its
//! own number and weapon, and the annotation guidelines count different
//! actors as different events. This stage runs after the rules and copies
//! such an event for each gapped clause after it: a comma or "and", a
//! country's name, a number (not a year), then at most [`MAX_WORDS`] words
//! up to the next comma, "and" or the end of the sentence ("Poland 50"). The copy keeps the
//! event's type, modality, target and location, and takes the state as
//! actor, the number as quantity and the weapon named in its clause (none
//! if it names none; the event's own if the clause is a name and a number
//! alone).
//!
//! It looks only after events whose actor is a country and whose rule
//! fills a quantity, so a reporting tail (", Ukraine said") or a list of
//! places (", Poland 20 km away") is never taken for a clause.
//!
//! A second object with a time of its own is gapped the same way: "M23
//! seized Goma in January and Bukavu weeks later" tells two captures, a
//! month apart, so the place after "and" gets an event of its own (the
//! guidelines count acts at different times apart). Both places must carry
//! a time ("in January", "on Sunday", "weeks later"); without one ("seized
//! Goma and Bukavu") the places stay one event's list.

use crate::gazetteer::{self, AliasKind, Gazetteer};
use crate::resolve::Mention;
use crate::rules::engine::{DocView, Event, Role};
use crate::segment::TokenKind;
use std::sync::Arc;

/// Most words of a gapped clause after its number ("three Rafale jets").
const MAX_WORDS: usize = 5;

/// Number words that may open a gapped clause ("France three Rafale jets").
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "dozens", "several",
    "a", "an", "one",
];

/// Appends to `events` (those of one document, from `first` on) a copy of
/// an event for each gapped clause after it; with `trace`, says so for
/// `evex explain`.
pub fn add_gapped(
    view: &DocView,
    events: &mut Vec<Event>,
    first: usize,
    mut trace: Option<&mut Vec<String>>,
) {
    let n = events.len();
    let mut added = Vec::new();
    for e in &events[first..n] {
        let Some(actor) = e.roles.iter().find(|r| &*r.slot == "actor") else {
            continue;
        };
        let state = actor.entry.is_some_and(|a| view.gaz.is_state(a));
        if !state || !e.roles.iter().any(|r| &*r.slot == "quantity") {
            continue;
        }
        for clause in gapped_clauses(view, e) {
            let copy = copy_for(view, e, &clause);
            if copy.role("actor") == e.role("actor") {
                continue;
            }
            if let Some(t) = trace.as_deref_mut() {
                let actor = copy.role("actor").unwrap_or_default();
                let span = (clause.start, clause.end);
                t.push(repeat_line(
                    view,
                    e,
                    "a gapped clause",
                    span,
                    &format!("for {actor}"),
                ));
            }
            added.push(copy);
        }
    }
    for e in &events[first..n] {
        let Some((place, start, what)) = dated_conjunct(view, e)
            .map(|(p, s)| (p, s, "a place after \"and\" with a time of its own,"))
            .or_else(|| {
                later_destination(view, e)
                    .map(|(p, s)| (p, s, "a later destination after \"and\","))
            })
        else {
            continue;
        };
        let copy = moved_to(view, e, place);
        // An event told there already (a noun before: "an offensive by M23,
        // who seized Goma in January and Bukavu weeks later").
        let told = events[first..n].iter().chain(&added).any(|o| {
            o.sentence == e.sentence
                && o.event_type == e.event_type
                && o.role("location") == copy.role("location")
                && o.role("actor") == copy.role("actor")
        });
        if told {
            continue;
        }
        if let Some(t) = trace.as_deref_mut() {
            let place_name = copy.role("location").unwrap_or_default();
            let span = (start, place.end);
            t.push(repeat_line(
                view,
                e,
                what,
                span,
                &format!("at {place_name}"),
            ));
        }
        added.push(copy);
    }
    events.extend(added);
}

/// The `evex explain` line for a copy of event `e` told by the words at
/// `span`: "sentence 0, trigger \"pledged\": a gapped clause \"Poland 50\"
/// repeats the ARMS_TRANSFER for Poland".
fn repeat_line(view: &DocView, e: &Event, what: &str, span: (u32, u32), how: &str) -> String {
    format!(
        "sentence {}, trigger {:?}: {what} {:?} repeats the {} {how}",
        e.sentence,
        view.trigger_text(e),
        &view.text[span.0 as usize..span.1 as usize],
        e.event_type,
    )
}

/// Month and day names that date a phrase after "in", "on", "by", "last".
const TIME_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "spring",
    "summer",
    "autumn",
    "winter",
];

/// Words that count a span of time before "later" ("two weeks later").
const SPANS: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "few", "several", "day", "days",
    "week", "weeks", "month", "months", "year", "years", "hours", "hour",
];

/// The end of a time phrase starting at token `k` ("in January", "on
/// Sunday", "last year", "weeks later", "a month later"), if one starts
/// there.
fn time_end(view: &DocView, k: usize, to: usize) -> Option<usize> {
    let word = |j: usize| {
        (j < to && view.tokens[j].is_word()).then(|| {
            let t = &view.tokens[j];
            &view.folded[t.fstart as usize..t.fend as usize]
        })
    };
    let year = |j: usize| {
        j < to && view.tokens[j].kind == TokenKind::Number && {
            let t = &view.tokens[j];
            let raw = &view.text[t.start as usize..t.end as usize];
            raw.len() == 4 && raw.starts_with(['1', '2'])
        }
    };
    match word(k)? {
        "in" | "on" | "by" | "last" | "since" => {
            let mut j = k + 1;
            if matches!(word(j), Some("early" | "late" | "mid")) {
                j += 1;
            }
            if word(j).is_some_and(|w| TIME_NAMES.contains(&w)) {
                Some(j + 1 + usize::from(year(j + 1)))
            } else if year(j) {
                Some(j + 1)
            } else {
                None
            }
        }
        _ => {
            let spans = (k..(k + 3).min(to))
                .take_while(|&j| word(j).is_some_and(|w| SPANS.contains(&w)))
                .count();
            (spans > 0 && matches!(word(k + spans), Some("later" | "afterwards")))
                .then_some(k + spans + 1)
        }
    }
}

/// The place after "and" that event `e`'s located object is coordinated
/// with, each with a time of its own ("seized Goma in January and Bukavu
/// weeks later"), and where its clause starts.
fn dated_conjunct<'a>(view: &'a DocView, e: &Event) -> Option<(&'a Mention, u32)> {
    let loc = e.roles.iter().find(|r| &*r.slot == "location")?;
    let s = view.sentences.get(e.sentence as usize)?;
    let to = s.end_token as usize;
    let first = view.mentions.iter().find(|m| m.start == loc.start)?;
    // The place is the trigger's object: at most "the city of" between.
    let between = view.tokens[..first.tok_start as usize]
        .iter()
        .rev()
        .take_while(|t| t.start >= e.trigger_end)
        .count();
    if first.start < e.trigger_end || between > 3 {
        return None;
    }
    let and = time_end(view, first.tok_end as usize, to)?;
    let t = view.tokens.get(and)?;
    if and >= to || !t.is_word() || &view.folded[t.fstart as usize..t.fend as usize] != "and" {
        return None;
    }
    let i = view
        .mentions
        .partition_point(|m| (m.tok_start as usize) < and + 1);
    let second = view
        .mentions
        .get(i)
        .filter(|m| m.tok_start as usize == and + 1)?;
    let place = view.gaz.is_type(second.entry, gazetteer::PLACE) && second.entry != first.entry;
    (place && time_end(view, second.tok_end as usize, to).is_some()).then_some((second, t.start))
}

/// Adverbs that put a second destination after the first in time: "to
/// Camp Kengun in Kumamoto and later to Camp Fuji".
const SEQUELS: &[&str] = &["later", "then", "subsequently", "eventually", "afterwards"];

/// The place of a second destination that event `e`'s comes before:
/// "will send the missiles to Camp Kengun in Kumamoto and later to Camp
/// Fuji in Oyama" tells two moves, one after the other, so two events
/// (the guidelines count different places apart). The event's place must
/// follow "to"; "and", an adverb of [`SEQUELS`] and "to" follow it within
/// eight words, and a place of its own within three words after "to".
fn later_destination<'a>(view: &'a DocView, e: &Event) -> Option<(&'a Mention, u32)> {
    let loc = e.roles.iter().find(|r| &*r.slot == "location")?;
    let s = view.sentences.get(e.sentence as usize)?;
    let (from, to) = (s.first_token as usize, s.end_token as usize);
    let first = view.mentions.iter().find(|m| m.start == loc.start)?;
    let word = |k: usize| {
        let t = &view.tokens[k];
        t.is_word()
            .then(|| &view.folded[t.fstart as usize..t.fend as usize])
    };
    let raw = |k: usize| {
        let t = &view.tokens[k];
        &view.text[t.start as usize..t.end as usize]
    };
    let start = first.tok_start as usize;
    // "to" at most four words before the place ("to the army's Camp
    // Kengun"), with no comma between.
    let to_before = (start.saturating_sub(6).max(from)..start)
        .rev()
        .take_while(|&k| view.tokens[k].is_word() || crate::segment::is_apostrophe(raw(k)))
        .any(|k| word(k) == Some("to"));
    if !to_before || first.start < e.trigger_end {
        return None;
    }
    let end = first.tok_end as usize;
    let and = (end..(end + 9).min(to))
        .take_while(|&k| view.tokens[k].is_word() || raw(k) == ",")
        .find(|&k| word(k) == Some("and"))?;
    let later = and + 1;
    if later + 1 >= to
        || !word(later).is_some_and(|w| SEQUELS.contains(&w))
        || word(later + 1) != Some("to")
    {
        return None;
    }
    let i = view
        .mentions
        .partition_point(|m| (m.tok_start as usize) < later + 2);
    let second = view.mentions.get(i).filter(|m| {
        (m.tok_start as usize) <= later + 5
            && (m.tok_end as usize) <= to
            && view.gaz.is_type(m.entry, gazetteer::PLACE)
            && m.kind == AliasKind::Name
            && m.entry != first.entry
    })?;
    Some((second, view.tokens[and].start))
}

/// Event `e` moved to `place`: the same act, there.
fn moved_to(view: &DocView, e: &Event, place: &Mention) -> Event {
    let roles = e
        .roles
        .iter()
        .filter(|r| &*r.slot != "quantity")
        .map(|r| {
            if &*r.slot == "location" {
                let mut role = Role::of_entry(
                    view.gaz,
                    r.slot.clone(),
                    place.entry,
                    place.start,
                    place.end,
                );
                // A name no gazetteer lists ("Camp Fuji"): its own name and
                // id.
                if let Some(u) = view.unlisted.get(place.unlisted as usize) {
                    role.value = u.name.clone();
                    role.entity_id = Some(u.id.clone());
                }
                role
            } else {
                r.clone()
            }
        })
        .collect();
    Event {
        roles,
        end: e.end.max(place.end),
        ..e.clone()
    }
}

/// A gapped clause: its state's mention, its number's span and the weapon
/// mentions in it.
struct Clause<'a> {
    state: &'a Mention,
    /// No word after the number ("Poland 50"): the thing is gapped too,
    /// and the event's weapon stays.
    bare: bool,
    number: (u32, u32),
    weapon: Option<&'a Mention>,
    start: u32,
    end: u32,
}

/// The gapped clauses after event `e`'s trigger in its sentence.
fn gapped_clauses<'a>(view: &'a DocView, e: &Event) -> Vec<Clause<'a>> {
    let mut found = Vec::new();
    let Some(s) = view.sentences.get(e.sentence as usize) else {
        return found;
    };
    let (from, to) = (s.first_token as usize, s.end_token as usize);
    let tokens = view.tokens;
    let word = |k: usize| {
        let t = &tokens[k];
        &view.folded[t.fstart as usize..t.fend as usize]
    };
    let raw = |k: usize| {
        let t = &tokens[k];
        &view.text[t.start as usize..t.end as usize]
    };
    let separator = |k: usize| {
        if tokens[k].is_word() {
            word(k) == "and"
        } else {
            raw(k) == ","
        }
    };
    let mention_at = |k: usize| {
        let i = view
            .mentions
            .partition_point(|m| (m.tok_start as usize) < k);
        view.mentions.get(i).filter(|m| m.tok_start as usize == k)
    };
    let start = tokens[from..to].partition_point(|t| t.start < e.trigger_end) + from;
    let mut k = start;
    while k < to {
        if !separator(k) {
            k += 1;
            continue;
        }
        // ", and": one separator.
        let mut j = k + 1;
        if j < to && tokens[j].is_word() && word(j) == "and" {
            j += 1;
        }
        let Some(m) = mention_at(j) else {
            k += 1;
            continue;
        };
        let n = m.tok_end as usize;
        let state = m.kind == AliasKind::Name
            && m.unlisted == u32::MAX
            && view.gaz.is_state(m.entry)
            && view.gaz.is_type(m.entry, gazetteer::PLACE);
        // A year is no number of things: "…, Niger 2023".
        let year = raw(n).len() == 4 && raw(n).starts_with(['1', '2']);
        let number = n < to
            && ((tokens[n].kind == TokenKind::Number && !year)
                || (tokens[n].is_word() && NUMBER_WORDS.contains(&word(n))));
        if !state || !number {
            k += 1;
            continue;
        }
        // The clause runs to the next separator or the sentence's end,
        // with a few words after its number.
        let end = (n + 1..to).find(|&x| separator(x)).unwrap_or(to);
        // "Poland 50": the thing itself may be gapped too.
        let words = (n + 1..end).filter(|&x| tokens[x].is_word()).count();
        if words > MAX_WORDS {
            k += 1;
            continue;
        }
        let weapon = view.mentions.iter().find(|w| {
            (w.tok_start as usize) > n
                && (w.tok_end as usize) <= end
                && view.gaz.is_type(w.entry, gazetteer::WEAPON)
        });
        let last = (n..end).rev().find(|&x| tokens[x].is_word()).unwrap_or(n);
        found.push(Clause {
            state: m,
            bare: words == 0,
            number: (tokens[n].start, tokens[n].end),
            weapon,
            start: m.start,
            end: tokens[last].end,
        });
        k = end;
    }
    found
}

/// Event `e` as told by gapped `clause`: its actor, number and weapon.
fn copy_for(view: &DocView, e: &Event, clause: &Clause) -> Event {
    let gaz: &Gazetteer = view.gaz;
    let entity =
        |slot: &str, m: &Mention| Role::of_entry(gaz, Arc::from(slot), m.entry, m.start, m.end);
    let mut roles: Vec<Role> = e
        .roles
        .iter()
        .filter(|r| match &*r.slot {
            "actor" | "quantity" => false,
            "weapon" => clause.bare,
            _ => true,
        })
        .cloned()
        .collect();
    roles.insert(0, entity("actor", clause.state));
    if let Some(w) = clause.weapon {
        roles.push(entity("weapon", w));
    }
    let quantity = e.roles.iter().find(|r| &*r.slot == "quantity");
    if let Some(q) = quantity {
        let (start, end) = clause.number;
        roles.push(Role {
            slot: q.slot.clone(),
            value: Arc::from(&view.text[start as usize..end as usize]),
            entity_id: None,
            entry: None,
            organ: None,
            start,
            end,
            also: Vec::new(),
        });
    }
    Event {
        roles,
        start: e.start.min(clause.start),
        end: e.end.max(clause.end),
        ..e.clone()
    }
}
