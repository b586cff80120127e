//! Specification: a weapon told by its class names the one weapon of that
//! class the text names nearby.
//!
//! News names a weapon once and then calls it by its kind: "Turkey
//! delivered two more Bayraktar TB2s to Mali last month. The army received
//! the drones on Thursday", "launched 2,736 Shahed kamikaze drones". The
//! rules fill the weapon role from the nearest fitting mention, which is
//! often the class ("drones"); the guidelines want the named weapon when
//! the text gives one (a class alone leaves the role empty). This stage runs
//! after the rules and puts in the weapon role of an event whose weapon is a
//! generic class (`generic=yes` in `weapon.tsv`) the one named weapon of
//! that class (same `class` attribute; for the class "missiles", any kind of
//! missile; for "drones", loitering munitions too) that the event's sentence
//! names, or failing that, the sentences just before and after it (for
//! ships in the plural only one named after the class in the event's own
//! sentence counts: a named ship is one vessel of several).
//! With two different named weapons of the class in that reach, the text
//! does not say which one: the class stays.
//!
//! The role keeps pointing at words of the text: the named weapon's own
//! mention, so a row can still be traced.

use crate::gazetteer::{self, Gazetteer};
use crate::rules::engine::{DocView, Event, Role};

/// How many sentences before and after the event's own a named weapon may
/// stand (tried only when its own sentence names none).
const REACH: u32 = 1;

/// Classes whose named weapons are single vessels: "the carrier USS
/// Dwight D. Eisenhower … is sending two more destroyers" names no
/// destroyer, so a ship is looked for only in the event's own sentence,
/// after its class ("eight warships, including the USS Iwo Jima").
const SHIP_CLASSES: &[&str] = &["ship", "submarine"];

/// The weapon slot this stage completes.
const WEAPON_SLOT: &str = "weapon";

/// Replaces generic weapon classes in `events` (those of one document) by
/// the named weapon of that class told nearby; with `trace`, says so for
/// `evex explain`.
pub fn specify_weapons(view: &DocView, events: &mut [Event], mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    for e in events.iter_mut() {
        let Some(r) = e.roles.iter().position(|r| &*r.slot == WEAPON_SLOT) else {
            continue;
        };
        let Some(class) = e.roles[r].entry.filter(|&w| gaz.is_generic(w)) else {
            continue;
        };
        let Some(class_name) = class_of(gaz, class) else {
            continue;
        };
        let ship = SHIP_CLASSES.contains(&class_name);
        // One ship ("a Japanese warship sailed through the Taiwan Strait.
        // The destroyer JS Sazanami…") is the named one nearby; ships in the
        // plural may be others than the one named.
        let one_ship = ship
            && view
                .text
                .get(e.roles[r].start as usize..e.roles[r].end as usize)
                .is_some_and(|t| !t.ends_with('s'));
        // Several ships only after their class: "eight warships, including
        // the USS Iwo Jima".
        let from = if ship && !one_ship { e.roles[r].end } else { 0 };
        let near = |lo: u32, hi: u32| named_of_class(view, class_name, lo, hi, from);
        let found = match near(e.sentence, e.sentence) {
            Found::None if !ship || one_ship => {
                near(e.sentence.saturating_sub(REACH), e.sentence + REACH)
            }
            found => found,
        };
        let Found::One(mi) = found else {
            continue;
        };
        let m = &view.mentions[mi];
        let role = Role::of_entry(gaz, e.roles[r].slot.clone(), m.entry, m.start, m.end);
        let old = std::mem::replace(&mut e.roles[r], role);
        let named = e.roles[r].value.clone();
        e.roles[r].also = old.also.into_iter().filter(|a| *a != named).collect();
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}: the {} weapon {:?} is the {} named in sentence {} (specification)",
                e.sentence, e.event_type, old.value, named, m.sentence
            ));
        }
    }
}

/// The `class` attribute of a weapon entry; none for the catch-all
/// `other`, except for "missiles" (`MISSILES`), which any missile fits.
fn class_of(gaz: &Gazetteer, entry: u32) -> Option<&str> {
    let e = gaz.entry(entry);
    if &*e.canonical == MISSILES {
        return Some(MISSILES);
    }
    class_attribute(gaz, entry).filter(|v| *v != "other")
}

/// The `class` attribute of an entry, as written in `weapon.tsv`.
fn class_attribute(gaz: &Gazetteer, entry: u32) -> Option<&str> {
    gaz.entry(entry)
        .attributes
        .iter()
        .find(|(k, _)| k == "class")
        .map(|(_, v)| v.as_str())
}

/// The class "missiles", whose entry's `class` is `other`: every kind of
/// missile is one.
const MISSILES: &str = "missiles";

/// The class of drones, which loitering munitions also belong to.
const DRONE_CLASS: &str = "drone";
const LOITERING_CLASS: &str = "loitering_munition";

/// Does a named weapon entry belong to `class`?
fn fits(gaz: &Gazetteer, entry: u32, class: &str) -> bool {
    class_attribute(gaz, entry).is_some_and(|v| match class {
        MISSILES => v.ends_with("_missile") || v == "hypersonic",
        // News calls loitering munitions drones: "Shahed drones".
        DRONE_CLASS => v == DRONE_CLASS || v == LOITERING_CLASS,
        _ => v == class,
    })
}

/// What a reach of sentences names of a class.
enum Found {
    None,
    /// The index in `view.mentions` of its first mention.
    One(usize),
    Several,
}

/// The named (not generic) weapon of `class` in sentences `lo..=hi`,
/// starting at byte `from` or later.
fn named_of_class(view: &DocView, class: &str, lo: u32, hi: u32, from: u32) -> Found {
    let gaz = view.gaz;
    let first = view.mentions.partition_point(|m| m.sentence < lo);
    let mut found: Option<usize> = None;
    for (i, m) in view.mentions[first..].iter().enumerate() {
        if m.sentence > hi {
            break;
        }
        if m.start < from
            || !gaz.is_type(m.entry, gazetteer::WEAPON)
            || gaz.is_generic(m.entry)
            || !fits(gaz, m.entry, class)
        {
            continue;
        }
        match found {
            None => found = Some(first + i),
            Some(f) if view.mentions[f].entry == m.entry => {}
            Some(_) => return Found::Several,
        }
    }
    found.map_or(Found::None, Found::One)
}

/// The class of air defences: what a strike meets, not what it strikes
/// with ("the strikes hit Kyiv; Patriot batteries shot down 20 missiles").
const DEFENCE_CLASS: &str = "air_defence";

/// Event types whose weapon the sentence after may name.
const ARMED_TYPES: &[&str] = &["ATTACK", "ARMS_TRANSFER", "DEPLOYMENT", "AUTHORIZATION"];

/// Events told with no weapon whose sentence, or the one after it in its
/// paragraph, names one weapon: "Amnesty's findings point to the UAE as a key supplier of
/// the weapons. The AH-4 howitzers were reportedly bought from China",
/// "Israel launched airstrikes targeting Houthi-held ports. The military
/// released footage of F-16s conducting the operation." The next sentence
/// tells what the weapons were, so the event takes that weapon; not when
/// the sentence names two different weapons (it does not say which), nor
/// a weapon another event of that sentence already holds, nor an air
/// defence for an attack.
pub fn weapon_from_next(view: &DocView, events: &mut [Event], mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    for i in 0..events.len() {
        let e = &events[i];
        if !ARMED_TYPES.contains(&&*e.event_type) || e.role(WEAPON_SLOT).is_some() {
            continue;
        }
        let attack = &*e.event_type == "ATTACK";
        let held = |si: u32, w: u32| {
            events.iter().any(|o| {
                o.sentence == si
                    && o.roles
                        .iter()
                        .any(|r| &*r.slot == WEAPON_SLOT && r.entry == Some(w))
            })
        };
        let one_in = |si: u32| -> Option<(u32, u32, u32)> {
            let mut found: Option<(u32, u32, u32)> = None;
            for m in view.mentions.iter().filter(|m| m.sentence == si) {
                if m.unlisted != u32::MAX
                    || !gaz.is_type(m.entry, gazetteer::WEAPON)
                    || gaz.is_generic(m.entry)
                    || (attack && class_attribute(gaz, m.entry) == Some(DEFENCE_CLASS))
                {
                    continue;
                }
                match found {
                    Some((w, _, _)) if w != m.entry => return None,
                    Some(_) => {}
                    None => found = Some((m.entry, m.start, m.end)),
                }
            }
            found.filter(|&(w, _, _)| !held(si, w))
        };
        // The next sentence of the same paragraph: a new paragraph (after a
        // blank line; dumps that put each paragraph on one line have no
        // other mark of one) is a new topic.
        let next = view
            .sentences
            .get(e.sentence as usize..e.sentence as usize + 2)
            .filter(|s| !blank_line(&view.text[s[0].end as usize..s[1].start as usize]))
            .map(|_| e.sentence + 1);
        let Some((w, start, end)) = one_in(e.sentence).or_else(|| next.and_then(one_in)) else {
            continue;
        };
        let role = Role::of_entry(gaz, WEAPON_SLOT.into(), w, start, end);
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the {} names no weapon; {} is the one its text names next",
                e.sentence,
                view.trigger_text(e),
                e.event_type,
                role.value,
            ));
        }
        events[i].roles.push(role);
    }
}

/// Does the text between two sentences hold a blank line?
fn blank_line(between: &str) -> bool {
    let mut lines = between.split('\n');
    lines.next();
    let mut inner = lines.collect::<Vec<_>>();
    inner.pop();
    inner.iter().any(|l| l.trim().is_empty())
}
