//! Elaboration: an attack told without its side right after one that names
//! it.
//!
//! News reports a barrage and then its hits, one sentence each: "Iran
//! fired fresh waves of ballistic missiles at Israel overnight. One missile
//! slammed into a residential block in central Tel Aviv." The second
//! sentence names no attacker, so its rule finds an ATTACK in Tel Aviv with
//! no actor, yet every reader (and the annotation guidelines, which fill a
//! slot from the context) takes it as Iran's strike on Israel. This stage
//! runs after the rules and gives such an event the actor, and the target
//! when it has none, of the attack told just before it (in its own or the
//! three sentences before: a report of a barrage may list its hits over a
//! paragraph) when that attack was aimed at the state the new one
//! hit: its target is that state, or its location lies in it. The event
//! stays an event of its own (a hit at another place is another event); only
//! its empty roles are filled, with the filler's own offsets, so the row
//! still points at the words that named the side.
//!
//! It fills nothing when the earlier attack's actor is the state hit (no
//! side strikes itself), when either event is hedged or negated, or when
//! two attacks by different sides came before it in that reach: then the
//! context does not say whose the hit was.
//!
//! It also gives a deployment told without who sent the forces to a town
//! or region ("5,000 soldiers had been sent to the area") the state that
//! place lies in ([`home_forces`]).
//!
//! The other steps here fill a role the rules left empty from what the
//! context says, each only when the context names one candidate:
//! [`definite_hits`] (a definite re-mention of an attack tells where it
//! hit), [`struck_state`] (a strike on a place abroad targets that place's
//! state), [`sole_recipient`] (arms go to the one other state the sentence
//! names), [`place_of_sentence`] (talks happen at the one place their
//! sentence names) and [`listed_targets`] (a sanction hits the names the
//! next sentence lists).

use crate::gazetteer::Gazetteer;
use crate::rules::engine::{DocView, Event, Role};

/// The type this stage completes.
const ATTACK: &str = "ATTACK";

/// How many sentences back the naming attack may be (0: the same one).
const REACH: u32 = 3;

/// Fills the actor (and the target) of actorless attacks in `events` (those
/// of one document, in text order) from the attack told just before them;
/// with `trace`, says so for `evex explain`.
pub fn fill_from_context(
    view: &DocView,
    events: &mut [Event],
    mut trace: Option<&mut Vec<String>>,
) {
    let gaz = view.gaz;
    for i in 0..events.len() {
        let e = &events[i];
        if &*e.event_type != ATTACK || &*e.modality != "asserted" || e.role("actor").is_some() {
            continue;
        }
        let Some(hit) = role_entry(e, "location").and_then(|p| state_of(gaz, p)) else {
            continue;
        };
        let earlier: Vec<usize> = (0..i)
            .rev()
            .take_while(|&j| events[j].sentence + REACH >= e.sentence)
            .filter(|&j| {
                &*events[j].event_type == ATTACK
                    && &*events[j].modality == "asserted"
                    && events[j].role("actor").is_some()
            })
            .collect();
        let Some(&j) = earlier.first() else {
            continue;
        };
        let actor = role_of(&events[j], "actor").cloned();
        let Some(actor) = actor else {
            continue;
        };
        // Two sides attacking in that reach: whose hit it was is unsaid.
        if earlier
            .iter()
            .any(|&k| events[k].role("actor") != Some(&*actor.value))
        {
            continue;
        }
        let aimed = role_entry(&events[j], "target") == Some(hit)
            || role_entry(&events[j], "location").and_then(|p| state_of(gaz, p)) == Some(hit);
        let own = actor
            .entry
            .is_some_and(|a| a == hit || gaz.country_of(a) == Some(hit));
        if !aimed || own {
            continue;
        }
        let target = (events[i].role("target").is_none())
            .then(|| role_of(&events[j], "target").cloned())
            .flatten();
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the ATTACK takes actor {}{} from the attack told before it \
                 (sentence {}), which was aimed at the state it hit",
                events[i].sentence,
                view.trigger_text(&events[i]),
                actor.value,
                target
                    .as_ref()
                    .map(|t| format!(" and target {}", t.value))
                    .unwrap_or_default(),
                events[j].sentence,
            ));
        }
        let e = &mut events[i];
        e.roles.push(actor);
        e.roles.extend(target);
    }
}

/// Attacks told by their side and their place but not whom they hit:
/// "Ukrainian drones set fire to an oil refinery in Ryazan", "Russian
/// forces struck gas facilities in Kharkiv and Poltava regions". A strike
/// by one state's side on a place in another state is aimed at that state
/// (the guidelines fill the target from the context, and annotators name
/// the state hit), so such an event takes as target the state its location
/// is or lies in. Not when that is the actor's own state (a side at war on
/// its own soil hits its foes there, whom the place does not name), nor
/// when the actor's state or the place's is unknown. The target's offsets
/// are those of the words that named the place.
pub fn struck_state(view: &DocView, events: &mut [Event], mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    for e in events.iter_mut() {
        if &*e.event_type != ATTACK || e.role("target").is_some() {
            continue;
        }
        let Some(actor) = role_entry(e, "actor") else {
            continue;
        };
        let Some(home) = state_of(gaz, actor) else {
            continue;
        };
        let Some(place) = role_of(e, "location")
            .filter(|r| r.entry.is_some())
            .cloned()
        else {
            continue;
        };
        let Some(hit) = place_state(view, &place) else {
            continue;
        };
        if hit == home || offshore(view.text, place.start as usize, place.end as usize) {
            continue;
        }
        let row = gaz.entry(hit);
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the ATTACK names no target; it is aimed at {}, the state that is or holds {}",
                e.sentence,
                view.trigger_text(e),
                row.canonical,
                place.value,
            ));
        }
        e.roles.push(Role::of_entry(
            gaz,
            "target".into(),
            hit,
            place.start,
            place.end,
        ));
    }
}

/// The state the place filling `place` is or lies in. A place no
/// gazetteer lists ("the village of Tavilzhanka in the Kharkiv region")
/// lies in the state of the region its pattern kept (`region=Kharkiv`),
/// when the document names that region.
fn place_state(view: &DocView, place: &Role) -> Option<u32> {
    let gaz = view.gaz;
    if let Some(state) = place.entry.and_then(|p| state_of(gaz, p)) {
        return Some(state);
    }
    let id = place.entity_id.as_deref()?;
    let u = view.unlisted.iter().find(|u| &*u.id == id)?;
    let region = u
        .attributes
        .split("; ")
        .find_map(|kv| kv.strip_prefix("region="))?;
    view.mentions
        .iter()
        .filter(|m| m.unlisted == u32::MAX && &*gaz.entry(m.entry).canonical == region)
        .find_map(|m| state_of(gaz, m.entry))
}

/// Is the place at `start..end` named as the shore a sea lies off ("off
/// Turkey's coast", "in Libyan waters")? Ships hit there are no strike on
/// the state.
fn offshore(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let off = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("off"));
    let after = text[end..]
        .trim_start_matches(['\'', '’', 's'])
        .trim_start();
    let shore = ["coast", "waters", "shore", "territorial waters"]
        .iter()
        .any(|w| {
            after.len() >= w.len()
                && after[..w.len()].eq_ignore_ascii_case(w)
                && !after[w.len()..].starts_with(char::is_alphanumeric)
        });
    off || shore
}

/// The type [`sole_recipient`] completes (with sanctions).
const ARMS_TRANSFER: &str = "ARMS_TRANSFER";

/// Arms told by who supplies them but not to whom: "While the US decided
/// not to provide Tomahawk missiles, Ukrainian President Zelensky
/// described his meeting with Trump as positive." When the sentence names
/// one other state (by name, demonym, or a person or organisation of it)
/// besides the supplier's own, that state is the one the arms are for.
/// Sanctions told without whom they hit are read the same way ("new
/// sanctions targeting networks that ship Iranian oil").
/// Not when it names two or more: then the sentence does not say which;
/// and for arms a side of a strike or a sanction told there is none.
pub fn sole_recipient(view: &DocView, events: &mut [Event], mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    // The sides of a strike or a sanction told in the sentence are no
    // recipients ("China sanctioned Lockheed Martin over arms sales").
    let hostile: Vec<(u32, u32)> = events
        .iter()
        .filter(|o| matches!(&*o.event_type, "ATTACK" | "SANCTION"))
        .flat_map(|o| {
            ["actor", "target"]
                .into_iter()
                .filter_map(|r| role_entry(o, r).and_then(|x| state_of(gaz, x)))
                .map(move |st| (o.sentence, st))
        })
        .collect();
    for e in events.iter_mut() {
        let sanction = &*e.event_type == SANCTION;
        if (&*e.event_type != ARMS_TRANSFER && !sanction) || e.role("target").is_some() {
            continue;
        }
        let Some(home) = role_entry(e, "actor").and_then(|a| state_of(gaz, a)) else {
            continue;
        };
        let mut other: Option<(u32, u32, u32)> = None;
        let mut two = false;
        for m in view.mentions.iter().filter(|m| m.sentence == e.sentence) {
            if m.unlisted != u32::MAX || gaz.is_generic(m.entry) {
                continue;
            }
            let Some(state) = state_of(gaz, m.entry) else {
                continue;
            };
            if state == home
                || gaz.is_type(m.entry, crate::gazetteer::WEAPON)
                || (!sanction && hostile.contains(&(e.sentence, state)))
            {
                continue;
            }
            match other {
                Some((s, _, _)) if s != state => two = true,
                Some(_) => {}
                None => other = Some((state, m.start, m.end)),
            }
        }
        let Some((state, start, end)) = other.filter(|_| !two) else {
            continue;
        };
        let role = Role::of_entry(gaz, "target".into(), state, start, end);
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the {} names no target; {} is the one other state its sentence names",
                e.sentence,
                view.trigger_text(e),
                e.event_type,
                role.value,
            ));
        }
        e.roles.push(role);
    }
}

/// Events told with no place whose sentence names one place inside a
/// state, after "in" or "at": "Negotiations between the Ukrainian and the
/// Russian delegations… concluded in Istanbul today". The rules read a
/// place only near the trigger; a sentence that names one such place
/// names where the event happened; so does, for talks, a place a party
/// travels to, after one of `TRAVEL_CUES` ("during his
/// visit to Paris and talks with Macron", "a delegation departed for
/// Doha"). Not when it names two, nor a place
/// an event of another type in the sentence holds ("after a bombing killed 12 people
/// in Amritsar"), nor the actor's seat ("the government in Kabul"); and for
/// an attack only a place in the state attacked.
pub fn place_of_sentence(
    view: &DocView,
    lex: &crate::rules::Lexicon,
    events: &mut [Event],
    mut trace: Option<&mut Vec<String>>,
) {
    let gaz = view.gaz;
    // Places other events of the sentence hold: "after a bombing killed 12
    // people in Amritsar" is where the bombing was.
    let held: Vec<(u32, u32, std::sync::Arc<str>)> = events
        .iter()
        .filter_map(|o| role_entry(o, "location").map(|p| (o.sentence, p, o.event_type.clone())))
        .collect();
    for e in events.iter_mut() {
        let kind = &*e.event_type;
        if !matches!(kind, "NEGOTIATION" | "ATTACK") || e.role("location").is_some() {
            continue;
        }
        let actor_end = role_of(e, "actor").map(|r| r.end);
        let target_state = role_entry(e, "target").and_then(|t| state_of(gaz, t));
        if kind == "ATTACK" && target_state.is_none() {
            continue;
        }
        // "Despite grumblings in Beijing, Albanese and Marape inked a
        // pact": a place in an opening phrase of concession or
        // circumstance (`CONCESSIVE_OPENERS`) is not where the event
        // happened.
        let concessive_end = view.sentences.get(e.sentence as usize).and_then(|s| {
            crate::rules::engine::concession_comma(
                view,
                &lex.concessive_openers,
                s.first_token as usize,
                s.end_token as usize,
            )
            .map(|k| view.tokens[k].start)
        });
        let mut found: Option<(u32, u32, u32)> = None;
        let mut two = false;
        for m in view.mentions.iter().filter(|m| m.sentence == e.sentence) {
            if concessive_end.is_some_and(|c| m.start < c) {
                continue;
            }
            if m.unlisted != u32::MAX
                || !gaz.is_type(m.entry, crate::gazetteer::PLACE)
                || gaz.is_state(m.entry)
                || gaz.is_generic(m.entry)
            {
                continue;
            }
            let before = view.text[..m.start as usize].trim_end();
            let mut words = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let (last, prev) = (words.next(), words.next());
            // Talks are held where a party travels to hold them.
            let journey = kind == "NEGOTIATION"
                && prev.zip(last).is_some_and(|(p, l)| {
                    lex.travel_cues
                        .contains(&format!("{} {}", p.to_lowercase(), l.to_lowercase()))
                });
            let prep = journey || last.is_some_and(|w| matches!(w, "in" | "at"));
            // "The government in Kabul said…": the seat of the actor.
            let seat = actor_end.is_some_and(|a| {
                a <= m.start
                    && view.text[a as usize..m.start as usize]
                        .split_whitespace()
                        .count()
                        <= 1
            });
            let other_event = held
                .iter()
                .any(|(si, p, t)| (*si, *p) == (e.sentence, m.entry) && &**t != kind);
            if !prep || seat || other_event {
                continue;
            }
            if kind == "ATTACK" && state_of(gaz, m.entry) != target_state {
                continue;
            }
            match found {
                Some((p, _, _)) if p != m.entry => two = true,
                Some(_) => {}
                None => found = Some((m.entry, m.start, m.end)),
            }
        }
        let Some((p, start, end)) = found.filter(|_| !two) else {
            continue;
        };
        let role = Role::of_entry(gaz, "location".into(), p, start, end);
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the {kind} names no place; {} is the one its sentence names",
                e.sentence,
                view.trigger_text(e),
                role.value,
            ));
        }
        e.roles.push(role);
    }
}

/// The type [`listed_targets`] completes.
const SANCTION: &str = "SANCTION";

/// How many sentences after a sanction its list may come.
const LIST_REACH: u32 = 2;

/// Sanctions told by who imposed them, whose targets the next sentences
/// name. Two ways:
///
/// * A sanction with no target, followed by a sentence that lists whom it
///   hits: "The U.S. sanctioned three organizations and one person… The
///   sanctioned entities are Xiamen Limbach…", "the EU Council adopted
///   restrictive measures against one individual and four legal entities.
///   The list contains…". A sentence that opens with a determiner and one
///   of `SANCTION_LISTS` ("the list", "the sanctioned entities", "among
///   the six entities added") within its first words names who the
///   sanction told just before hits: the event takes the first
///   organisation or person that sentence names (not a state, not the
///   actor).
/// * A sanction on a state's firms ("China sanctioned 10 US defense firms
///   over arms sales to Taiwan"), whose state the rules took as target for
///   want of a name, and a company named right after ("Subsidiaries of
///   Lockheed Martin… were added", "Affected firms include Sierra Nevada
///   Corporation"): the sanction hits that company (GUIDELINES §4, the
///   most specific filler), so it replaces the state. A company is a
///   listed one (`subtype` company) of that state or of none, or a name no
///   gazetteer lists that ends in one of `COMPANY_HEADS`.
///
/// A sanction told in the sentence of the name with no actor and that same
/// target is the same sanction ("The measures include sanctions against
/// Jood SARL") and is folded into it.
pub fn listed_targets(
    view: &DocView,
    lex: &crate::rules::Lexicon,
    events: &mut Vec<Event>,
    mut trace: Option<&mut Vec<String>>,
) {
    let gaz = view.gaz;
    let last = view.sentences.len().saturating_sub(1) as u32;
    let mut folded = Vec::new();
    for i in 0..events.len() {
        let e = &events[i];
        if &*e.event_type != SANCTION {
            continue;
        }
        let Some(actor) = role_entry(e, "actor") else {
            continue;
        };
        let to = (e.sentence + LIST_REACH).min(last);
        let named = match role_of(e, "target") {
            None => (e.sentence + 1..=to)
                .filter(|&si| opens_a_list(view, &lex.sanction_lists, si as usize))
                .find_map(|si| {
                    view.mentions.iter().find(|m| {
                        m.sentence == si
                            && m.entry != actor
                            && !gaz.is_generic(m.entry)
                            && !gaz.is_state(m.entry)
                            && (gaz.is_type(m.entry, crate::gazetteer::ORG)
                                || gaz.is_type(m.entry, crate::gazetteer::PERSON))
                    })
                }),
            Some(t) => {
                let Some(state) = t.entry.filter(|&s| gaz.is_state(s)) else {
                    continue;
                };
                if !firms_after(view, &lex.sanction_lists, t.end) {
                    continue;
                }
                view.mentions.iter().find(|m| {
                    m.start >= t.end
                        && m.sentence <= to
                        && m.entry != actor
                        && is_company(view, &lex.company_heads, m)
                        && gaz
                            .country_of(m.entry)
                            .is_none_or(|c| c == state || m.unlisted != u32::MAX)
                })
            }
        };
        let Some(m) = named else {
            continue;
        };
        let si = m.sentence;
        let s = &view.sentences[si as usize];
        let role = match view.unlisted.get(m.unlisted as usize) {
            Some(u) => Role {
                value: u.name.clone(),
                entity_id: Some(u.id.clone()),
                ..Role::of_entry(gaz, "target".into(), m.entry, m.start, m.end)
            },
            None => Role::of_entry(gaz, "target".into(), m.entry, m.start, m.end),
        };
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the SANCTION hits {} of sentence {si}, which names whom it hits{}",
                e.sentence,
                view.trigger_text(e),
                role.value,
                role_of(e, "target")
                    .map(|t| format!(" (not {}, whose firms it is told on)", t.value))
                    .unwrap_or_default(),
            ));
        }
        for (j, o) in events.iter().enumerate() {
            if j != i
                && &*o.event_type == SANCTION
                && o.trigger_start >= s.start
                && o.trigger_end <= s.end
                && o.role("actor").is_none()
                && role_entry(o, "target") == Some(m.entry)
            {
                folded.push(j);
            }
        }
        let roles = &mut events[i].roles;
        roles.retain(|r| &*r.slot != "target");
        roles.push(role);
    }
    drop_folded(events, &folded);
}

/// Is one of `lists` among the three words after byte `end` ("US defense
/// firms", "two Lithuanian banks")?
fn firms_after(view: &DocView, lists: &crate::words::WordSet, end: u32) -> bool {
    let from = view.tokens.partition_point(|t| t.start < end);
    view.tokens[from..]
        .iter()
        .filter(|t| t.is_word())
        .take(3)
        .any(|t| lists.contains(&view.folded[t.fstart as usize..t.fend as usize]))
}

/// Is the mention a company: a listed organisation of `subtype` company,
/// or one no gazetteer lists whose name ends in one of `heads`?
fn is_company(view: &DocView, heads: &crate::words::WordSet, m: &crate::resolve::Mention) -> bool {
    let gaz = view.gaz;
    if !gaz.is_type(m.entry, crate::gazetteer::ORG) || gaz.is_generic(m.entry) {
        return false;
    }
    match view.unlisted.get(m.unlisted as usize) {
        Some(u) => u
            .name
            .rsplit(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .is_some_and(|w| heads.contains(w.to_lowercase().as_str())),
        None => gaz.entry(m.entry).has_attribute("subtype", Some("company")),
    }
}

/// Does sentence `si` open with a determiner and, within its next three
/// words, one of `lists` ("The sanctioned entities are…", "Among the six
/// entities added…")?
fn opens_a_list(view: &DocView, lists: &crate::words::WordSet, si: usize) -> bool {
    let s = &view.sentences[si];
    let mut words = (s.first_token..s.end_token)
        .map(|t| &view.tokens[t as usize])
        .filter(|t| t.is_word())
        .map(|t| &view.folded[t.fstart as usize..t.fend as usize]);
    let Some(first) = words.next() else {
        return false;
    };
    let first = if first == "among" {
        match words.next() {
            Some(w) => w,
            None => return false,
        }
    } else {
        first
    };
    matches!(first, "the" | "these" | "those") && words.take(3).any(|w| lists.contains(w))
}

/// How many sentences back the attack a definite hit tells again may be.
const HIT_REACH: u32 = 2;

/// Hits told again by a definite subject, with no side named: "An attack
/// by Boko Haram on the Chadian army killed around 40 people… The
/// presidency said the attack struck near Ngouboua", "Ukrainian drones
/// targeted one of the largest refineries in Russia… The drones struck the
/// Kirishi refinery in the Leningrad region". "The attack", "the drones"
/// name the attack told before, so the later mention is no event of its
/// own: it tells where that attack hit. The earlier attack (the nearest one
/// with an actor, within two sentences) takes its place when it had none
/// or only the state the place lies in, and its weapon when it had none;
/// the later mention is folded into it.
pub fn definite_hits(view: &DocView, events: &mut Vec<Event>, mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    let mut folded = Vec::new();
    for i in 0..events.len() {
        let e = &events[i];
        if &*e.event_type != ATTACK || e.role("actor").is_some() || !definite_subject(view, e) {
            continue;
        }
        let Some(place) = role_of(e, "location").cloned() else {
            continue;
        };
        let Some(j) = (0..i).rev().find(|&j| {
            let p = &events[j];
            &*p.event_type == ATTACK
                && p.role("actor").is_some()
                && e.sentence > p.sentence
                && e.sentence - p.sentence <= HIT_REACH
        }) else {
            continue;
        };
        let wider = match role_entry(&events[j], "location") {
            None => events[j].role("location").is_none(),
            // A place no gazetteer lists, in no region named, may lie in
            // the state.
            Some(l) => {
                gaz.is_state(l)
                    && place_state(view, &place).is_none_or(|p| p == l)
                    && place.entry.is_some_and(|p| !gaz.is_state(p))
            }
        };
        if !wider {
            continue;
        }
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: a definite mention of the ATTACK of sentence {}; it hit {}",
                e.sentence,
                view.trigger_text(e),
                events[j].sentence,
                place.value,
            ));
        }
        let weapon = role_of(&events[i], "weapon").cloned();
        let p = &mut events[j];
        p.roles.retain(|r| &*r.slot != "location");
        p.roles.push(place);
        if p.role("weapon").is_none() {
            p.roles.extend(weapon);
        }
        folded.push(i);
    }
    drop_folded(events, &folded);
}

/// Is the event's trigger a verb whose subject is a definite noun phrase
/// right before it ("the attack struck", "The drones struck", "the drone
/// strike hit"): a determiner among the three words before it, with no
/// punctuation between?
fn definite_subject(view: &DocView, e: &Event) -> bool {
    if !e.verb {
        return false;
    }
    let t = view.tokens.partition_point(|t| t.start < e.trigger_start);
    let mut k = t;
    for _ in 0..3 {
        if k == 0 {
            return false;
        }
        k -= 1;
        let tok = &view.tokens[k];
        if !tok.is_word() {
            return false;
        }
        let w = &view.folded[tok.fstart as usize..tok.fend as usize];
        if matches!(w, "the" | "this" | "these" | "those") {
            return k + 1 < t;
        }
    }
    false
}

/// The type [`home_forces`] completes.
const DEPLOYMENT: &str = "DEPLOYMENT";

/// Deployments told without who sent the forces, to a town or region:
/// "some 5,000 soldiers had been sent to the area", "government troops were
/// deployed on Monday" in a province. Forces sent within a country by no
/// named side are that country's own (the guidelines fill the actor from
/// the context), so such an event takes as actor the state its location
/// lies in. Not when the location is a state itself ("troops were sent to
/// Haiti" may be anyone's), nor when the place's state is unknown. A named
/// warship sent by no named side is first its own navy's ([`navy_of`]).
/// The actor's offsets are those of the words that named the ship or the
/// place.
pub fn home_forces(view: &DocView, events: &mut [Event], mut trace: Option<&mut Vec<String>>) {
    let gaz = view.gaz;
    for e in events.iter_mut() {
        if &*e.event_type != DEPLOYMENT || e.role("actor").is_some() {
            continue;
        }
        let Some((state, from, why)) = navy_of(gaz, e).or_else(|| home_of(gaz, e)) else {
            continue;
        };
        let row = gaz.entry(state);
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the DEPLOYMENT names no side; its forces are taken as {}'s, {why} {}",
                e.sentence,
                view.trigger_text(e),
                row.canonical,
                from.value,
            ));
        }
        e.roles.push(Role::of_entry(
            gaz,
            "actor".into(),
            state,
            from.start,
            from.end,
        ));
    }
}

/// A named warship's own navy: "the aircraft carrier USS Gerald R. Ford
/// would be sent to the Caribbean" is a US deployment. Only a named ship
/// (a row of class `ship` that is no generic class), whose `origin` is the
/// state that built and sails it; with the role that named it.
fn navy_of(gaz: &Gazetteer, e: &Event) -> Option<(u32, Role, &'static str)> {
    let ship = role_of(e, "weapon")?;
    let w = ship.entry?;
    let row = gaz.entry(w);
    let attr = |k: &str| {
        row.attributes
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    };
    if gaz.is_generic(w) || attr("class") != Some("ship") {
        return None;
    }
    let state = gaz.state_by_iso2(attr("origin")?)?;
    Some((state, ship.clone(), "whose navy sails"))
}

/// The state a town or region lies in, with the role that named the place;
/// none for a state itself.
fn home_of(gaz: &Gazetteer, e: &Event) -> Option<(u32, Role, &'static str)> {
    let place = role_of(e, "location")?;
    let p = place.entry?;
    if gaz.is_state(p) {
        return None;
    }
    let state = gaz.country_of(p).filter(|&s| gaz.is_state(s))?;
    Some((state, place.clone(), "the state that holds"))
}

/// Removes the events at the indices of `folded` (folded into others).
fn drop_folded(events: &mut Vec<Event>, folded: &[usize]) {
    let mut i = 0;
    events.retain(|_| {
        let keep = !folded.contains(&i);
        i += 1;
        keep
    });
}

/// The role of `slot` of an event.
fn role_of<'e>(e: &'e Event, slot: &str) -> Option<&'e Role> {
    e.roles.iter().find(|r| &*r.slot == slot)
}

/// The gazetteer entry filling `slot`, if an entity fills it.
fn role_entry(e: &Event, slot: &str) -> Option<u32> {
    role_of(e, slot).and_then(|r| r.entry)
}

/// The state a place is or lies in.
fn state_of(gaz: &Gazetteer, place: u32) -> Option<u32> {
    if gaz.is_state(place) {
        Some(place)
    } else {
        gaz.country_of(place).filter(|&s| gaz.is_state(s))
    }
}
