//! References: definite descriptions that name an entity the text has
//! already named ("the country", "his country", "the system").
//!
//! News writes a name once and then refers back to it: "Syrian state media
//! said Israel struck targets near Damascus and claimed the country's air
//! defences downed missiles"; "Putin announced that his country intended to
//! deploy tactical nuclear weapons"; "the system was first used against
//! Dnipro" (after "Oreshnik"). An annotator fills an event's roles from
//! such a reference, so this stage turns each one into a mention of the
//! entity it refers to, with [`AliasKind::Reference`]: the rules then fill
//! slots from it like from a name, and the entities table shows it with
//! `form=reference`, so the row can be traced to the words "the country"
//! (when the document also names that entity: [`crate::Pipeline::is_reported`]).
//!
//! The words are data (lists in `rules/lexicon.rules`, see
//! [`ReferenceLexicon`]); the resolution is deliberately conservative:
//!
//! - **"the country"** (a head from `COUNTRY_HEADS` after a word from
//!   `REFERENCE_DETERMINERS`) refers to the most *salient* state so far in
//!   the document, not the nearest: a state scores 2 for each mention of
//!   its name, 1 for each demonym ("Syrian") and 1 for each mention of a
//!   place inside it or of something standing for it (a city, a ministry);
//!   the latest mentioned wins a tie. The nearest state is often the wrong
//!   one: in "Russia's attack damaged the country's energy grid" the country
//!   is the one attacked.
//! - **"his country"**, **"his government"** (a possessive from
//!   `REFERENCE_POSSESSIVES` before a country head or a bare government
//!   head, `BARE_GOVERNMENT_HEADS`) refers
//!   to the state of the nearest person named in this or the previous
//!   sentence, or failing that to the last state named earlier in the
//!   sentence ("Belarus' president says … in his country").
//! - **"the military", "the parliament"** (heads from
//!   `ARMED_FORCES_HEADS`, `PARLIAMENT_HEADS`) refer to
//!   the organ named last, by name or in words ("Israeli forces… the
//!   military said", "the Ukrainian parliament… The parliament adopted"),
//!   as the gazetteer's entry of that organ ([`References::new`]);
//!   otherwise to the salient state itself, so a reference never adds a
//!   name the text did not write. ("The government" is left alone: which
//!   government is meant depends on who speaks, "Opposition lawmakers
//!   criticised the government", more than on which state is named most.)
//! - **"the junta", "the regime"** (heads from `GOVERNMENT_HEADS`) refer
//!   to the state whose junta the text named last ("Mali's junta", "the
//!   Malian junta", "Burkina Faso's ruling junta"), else to the salient
//!   state: a government stands for its state (GUIDELINES §3). Not the
//!   organ named last, as for "the military": in "Niger's junta ordered
//!   French troops out… The regime then signed a pact", the regime is
//!   Niger's.
//! - **"the rebels", "the group"** (heads from `GROUP_HEADS`) refer to the
//!   latest armed group (`subtype=armed_group`) named in this sentence or
//!   the [`GROUP_REACH`] before it: "a UAV attack on Tel Aviv by the
//!   rebels" after "the Houthis" (actor Houthis).
//! - **"the system"** (a head from `WEAPON_HEADS`) refers to the latest
//!   specific weapon named in this sentence or the [`WEAPON_REACH`]
//!   sentences before it; with none, it is no reference.
//! - **"their attacks"** (a pronoun from `REFERENCE_PRONOUNS` at most
//!   two words before an event trigger) refers to the nearest party named
//!   earlier in the sentence: "The Houthis rely on illicit revenue to
//!   sustain their reckless attacks" (actor Houthis). Elsewhere ("its
//!   territory") a pronoun is left alone.
//! - **"Its fighters…"** ("its", "their" opening a sentence) refer, as
//!   "it" and "they" do, to the party the sentence before was about.
//! - **"struck them"** (a pronoun from `OBJECT_PRONOUNS` at most two words
//!   after an event trigger) refers to the armed group named last in the
//!   sentence before, when this sentence names another party before the
//!   pronoun and not the group itself: "Al-Shabaab fighters overran a base.
//!   Somali forces struck them with drones" (target Al-Shabaab). Without a
//!   party of its own ("They vowed to keep targeting them") the pronoun is
//!   left alone.
//!
//! - **"the two sides", "both countries"** (`PAIR_OPENERS`, or a
//!   determiner and a word of `PAIR_NUMBERS`, before a head from
//!   `PAIR_HEADS`) refer to the last two parties named joined by "and"
//!   in this sentence or the [`GROUP_REACH`] before it: "Congo and Rwanda
//!   traded accusations. Qatar will host talks between the two sides"
//!   (Congo and Rwanda, not Qatar). `PAIR_PERSON_HEADS` ("the two
//!   leaders") take two people, `PAIR_STATE_HEADS` ("both countries") two
//!   states. The reference becomes two mentions side by side, the
//!   determiner and number for the first party and the head for the
//!   second, which the shallow parse joins as one coordinated group
//!   ([`is_pair_half`]), so a subject "the two sides" acts as "Congo and
//!   Rwanda" would. With no such pair, a state head ("the two countries")
//!   takes the only two states named in that reach, whatever joins them:
//!   "Indian troops clashed with Chinese soldiers… The two countries
//!   agreed to hold talks" (India and China).
//!
//! - **"the area", "the town"** (a head from `AREA_HEADS` after a
//!   determiner, not followed by "of") refer to the latest place named in
//!   this sentence or the one before that is not a state: "an attack on the
//!   village of Tillia in western Niger… The junta sent troops to the area"
//!   (Tillia). **"there"** (a word of `PLACE_ADVERBS`) right after an event
//!   trigger or its object, and not before a form of *be* or *have*
//!   ("there were"), refers to the latest place of any kind: "a brigade
//!   inaugurated in Lithuania, with soldiers to be stationed there".
//!
//! - **"the Afghan capital", "Ukraine's capital"** (a head from
//!   `CAPITAL_HEADS` right after a state's demonym or possessive) refer to
//!   the city standing for that state in the gazetteer, its capital:
//!   "Pakistani air strikes on the Afghan capital" (location Kabul).
//!
//! - **"the president", "Ukraine's president"** (a head from
//!   `PERSON_TITLE_HEADS`, see [`title_reference`]) refer to the person
//!   named earlier with that title before the name ("Ukrainian President
//!   Volodymyr Zelensky"), of the state said with it; a bare title only
//!   when one person in the document bears it.
//!
//! A head already inside a mention ("the missile", a generic class) is
//! left alone. The stage adds mentions only; it never changes one.

use crate::gazetteer::{self, AliasKind, Gazetteer};
use crate::resolve::Mention;
use crate::segment::{Sentence, Token};
use crate::words::{Map, WordSet};

/// How many tokens after "its" or "their" an event trigger may start for
/// the pronoun to be a reference ("their reckless attacks").
const PRONOUN_GAP: usize = 2;

/// Words at most between "he"/"she" and the trigger it is the subject of
/// ("he has not yet sent").
const PERSON_PRONOUN_GAP: usize = 4;

/// Sentences back that "he"/"she" may look for its person.
const PERSON_REACH: u32 = 2;

/// How many sentences back "the rebels" looks for the group it names.
pub const GROUP_REACH: u32 = 3;

/// How many sentences back "the system" looks for the weapon it names.
pub const WEAPON_REACH: u32 = 3;

/// How many sentences back "the area" and "there" look for the place
/// they name.
pub const PLACE_REACH: u32 = 2;

/// How many tokens after an event trigger "there" may stand ("sent troops
/// there").
const THERE_GAP: usize = 2;

/// How many mentions back salience and antecedents are counted, so very
/// large documents stay linear.
const REACH: usize = 400;

/// The words this stage looks for (from `rules/lexicon.rules`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceLexicon {
    /// "the", "this": before a head, they make a reference.
    pub determiners: WordSet,
    /// "his", "her": before a country head, a person's state.
    pub possessives: WordSet,
    /// "country", "nation".
    pub country_heads: WordSet,
    /// "system", "weapon", "asset".
    pub weapon_heads: WordSet,
    /// "its", "their": before an event trigger, the party named before.
    pub pronouns: WordSet,
    /// "them": after an event trigger, the armed group of the sentence
    /// before.
    pub object_pronouns: WordSet,
    /// "he", "she": a subject pronoun before a trigger, for the person named
    /// first in the nearest sentence before that names one.
    pub person_pronouns: WordSet,
    /// "it", "they": a subject pronoun before a trigger, with no party
    /// named before it in its sentence, for the subject of the sentence
    /// before when that is an organisation or a state.
    pub party_pronouns: WordSet,
    /// "the military", "the army", "the armed forces": the state's armed
    /// forces (an entry of two words is a head of two words).
    pub armed_forces_heads: WordSet,
    /// "the parliament": the state's legislature.
    pub parliament_heads: WordSet,
    /// "the junta", "the regime", "the ministry": the state's government
    /// (one lower-case word may stand before it: "the defence ministry").
    pub government_heads: WordSet,
    /// "forces", "aircraft": after a bare government head ("junta
    /// aircraft bombed a market"), that government's forces.
    pub government_forces: WordSet,
    /// "north", "south": capitalised after "the", the state named before
    /// whose name is this word and one more ("the North" after North
    /// Korea).
    pub half_state_heads: WordSet,
    /// "backed", "aligned" (`PATRONS`): "the Iran-backed rebels" is a
    /// group head after a patron's compound, the group named before.
    pub patrons: WordSet,
    /// "government": a head that refers only bare, before a word of
    /// `GOVERNMENT_FORCES` ("government forces shelled the town",
    /// "government negotiators and the SDF resumed talks"); "the
    /// government" depends on who speaks and is left alone.
    pub bare_government_heads: WordSet,
    /// "federal", "interim": between "the" and a bare government head, a
    /// government of no speaker's ("the federal government deployed
    /// troops"): the state whose government was named last, else the
    /// salient state.
    pub government_kinds: WordSet,
    /// "said", "told": a reference to the armed forces right after one of
    /// these (or after it and "that") names the forces of whoever speaks.
    pub frames: WordSet,
    /// "on", "against", "to": after one of these, "the country" is not a
    /// state that acts earlier in the sentence ("pressed Israel to halt
    /// its attacks on the country" is not Israel).
    pub object_cues: WordSet,
    /// "in", "with", "on": a party named right after one of these (and a
    /// determiner or modifiers) is acted on; "its" and "their" refer past
    /// it to the nearest party outside such a phrase.
    pub antecedent_skips: WordSet,
    /// "forces", "troops": after a state ("Israeli forces"), its armed
    /// forces, which a later "the military" names.
    pub armed_forces_cues: WordSet,
    /// "the rebels", "the militants", "the group": an armed group.
    pub group_heads: WordSet,
    /// "militant", "rebel": may stand between a demonym and a group head
    /// ("the Lebanese militant group"), unlike "monitoring" ("the Syrian
    /// monitoring group" is no armed group).
    pub group_kinds: WordSet,
    /// "both": before a pair head, a pair reference.
    pub pair_openers: WordSet,
    /// "two": after a determiner and before a pair head.
    pub pair_numbers: WordSet,
    /// "sides", "countries", "leaders": the two parties named last.
    pub pair_heads: WordSet,
    /// "leaders": the two people named last.
    pub pair_person_heads: WordSet,
    /// "countries", "nations": the two states named last.
    pub pair_state_heads: WordSet,
    /// "mediated", "brokered": a pair named after one and "by" is the
    /// go-betweens, not the two sides.
    pub pair_mediators: WordSet,
    /// "pressure", "appeals": a pair named after one and "from" presses the
    /// sides from outside ("pressure from Washington and Beijing").
    pub pair_outsiders: WordSet,
    /// "said", "told": a state named before one of these in the sentence
    /// of "both governments" reports the pair and is no side of it.
    pub pair_reporting: WordSet,
    /// "area", "town": after a determiner, the place named last that is
    /// not a state.
    pub area_heads: WordSet,
    /// "town", "village": of the area heads, those that never refer to a
    /// first-level subdivision (an entry with a `subdivision_type`).
    pub settlement_heads: WordSet,
    /// "region": of the area heads, those that never refer to
    /// a city (an entry with a `geonames_id`).
    pub region_heads: WordSet,
    /// "capital": after a state's demonym or possessive ("the Afghan
    /// capital", "Ukraine's capital"), the city standing for that state.
    pub capital_heads: WordSet,
    /// "president", "minister": after "the", a state's demonym or its
    /// possessive, and with no name after it, the person named earlier
    /// with that title before the name ([`title_reference`]).
    pub person_title_heads: WordSet,
    /// "foreign", "prime": words that narrow a title of
    /// `person_title_heads`; the earlier title must hold them too.
    pub person_title_qualifiers: WordSet,
    /// "president", "king": the titles a bare "leader" stands for ("the
    /// Russian leader" after "Russian President Vladimir Putin").
    pub person_leader_titles: WordSet,
    /// "there": after an event trigger, the place named last.
    pub place_adverbs: WordSet,
    /// Every head above, so most words after "the" are passed over with
    /// one lookup.
    pub heads: WordSet,
    /// The determiners, possessives and pronouns, so most words are
    /// passed over with one lookup.
    pub openers: WordSet,
}

/// The states' ministries by kind, and the words that name each kind
/// (see [`References::ministry_kinds`]). A word counts as a kind's name
/// when the rows of at least three states write it right before a final
/// "Ministry" ("Japanese Defense Ministry", "Polish Defence Ministry"), so
/// a demonym ("Japanese") never does.
fn ministries(gaz: &Gazetteer) -> (Map<(u32, u16), u32>, Map<String, u16>) {
    const STATES_NEEDED: usize = 3;
    let mut classes: Vec<&str> = Vec::new();
    let mut ministries: Map<(u32, u16), u32> = Map::default();
    let mut kind_of: Vec<Option<u16>> = vec![None; gaz.entries().len()];
    for (i, e) in gaz.entries().iter().enumerate() {
        let Some(class) = e
            .attributes
            .iter()
            .find(|(k, v)| k == "class" && v.ends_with("-ministry"))
            .map(|(_, v)| v.as_str())
        else {
            continue;
        };
        let Some(state) = gaz.country_of(i as u32) else {
            continue;
        };
        let kind = match classes.iter().position(|c| *c == class) {
            Some(k) => k,
            None => {
                classes.push(class);
                classes.len() - 1
            }
        } as u16;
        ministries.entry((state, kind)).or_insert(i as u32);
        kind_of[i] = Some(kind);
    }
    let mut states_of: Map<(String, u16), Vec<u32>> = Map::default();
    for a in gaz.aliases() {
        let Some(kind) = kind_of[a.entry as usize] else {
            continue;
        };
        let mut words = a.stripped.split_whitespace().rev();
        if words
            .next()
            .is_none_or(|w| !w.eq_ignore_ascii_case("ministry"))
        {
            continue;
        }
        let Some(word) = words.next() else {
            continue;
        };
        let states = states_of.entry((word.to_lowercase(), kind)).or_default();
        if !states.contains(&a.entry) {
            states.push(a.entry);
        }
    }
    let kinds = states_of
        .into_iter()
        .filter(|(_, states)| states.len() >= STATES_NEEDED)
        .map(|((word, kind), _)| (word, kind))
        .collect();
    (ministries, kinds)
}

/// An organ of a state that "the military" or "the parliament" names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Organ {
    ArmedForces,
    Parliament,
    /// The capital city: a city row that stands for the state.
    Capital,
}

/// The reference stage, built once per pipeline: the word lists and each
/// state's organs from the gazetteer (armed forces: an ORG row with
/// `class=armed-forces` and the state's `country`; parliament: one with
/// `subtype=legislature`, a `class=parliament` row first).
#[derive(Debug, Clone, Default)]
pub struct References {
    lex: ReferenceLexicon,
    organs: Map<(u32, Organ), u32>,
    /// The last words of the two-word armed-forces heads ("forces" of
    /// "armed forces"), so most words are passed over with one lookup.
    armed_forces_last: WordSet,
    /// The last word, lower-cased, of every organisation's name of two
    /// words or more ("agency" of "International Atomic Energy Agency").
    name_heads: WordSet,
    /// A state's ministries (an ORG row whose `class` ends in
    /// `-ministry`, with the state's `country`), by state and kind.
    ministries: Map<(u32, u16), u32>,
    /// The word before "ministry" that says its kind, lower-cased
    /// ("defence", "defense", "foreign"), as the gazetteer's ministry rows
    /// write it for several states: "the defence ministry" is the
    /// ministry of that kind of the state it refers to.
    ministry_kinds: Map<String, u16>,
    /// Bit `n` set: some word of `capital_heads` has `n` bytes, so most
    /// words are passed over without hashing.
    capital_lengths: u64,
    /// The same for `person_title_heads`.
    title_lengths: u64,
}

impl References {
    pub fn new(lex: &ReferenceLexicon, gaz: &Gazetteer) -> References {
        let mut organs: Map<(u32, Organ), (u32, bool)> = Map::default();
        for (i, e) in gaz.entries().iter().enumerate() {
            // A city standing for a state is its capital (the first listed
            // when a state has two: La Paz, Sucre).
            if let Some(state) = gaz.stands_for_of(i as u32)
                && e.etype == gazetteer::PLACE
                && gaz.is_state(state)
                && is_city(gaz, i as u32)
            {
                organs
                    .entry((state, Organ::Capital))
                    .or_insert((i as u32, true));
                continue;
            }
            let Some(state) = gaz.country_of(i as u32) else {
                continue;
            };
            let attr = |k: &str| {
                e.attributes
                    .iter()
                    .find(|(a, _)| a == k)
                    .map(|(_, v)| v.as_str())
            };
            let (organ, first_choice) = match (attr("class"), attr("subtype")) {
                (Some("armed-forces"), _) => (Organ::ArmedForces, true),
                (Some("parliament"), _) => (Organ::Parliament, true),
                (_, Some("legislature")) => (Organ::Parliament, false),
                _ => continue,
            };
            let slot = organs
                .entry((state, organ))
                .or_insert((i as u32, first_choice));
            if first_choice && !slot.1 {
                *slot = (i as u32, true);
            }
        }
        let (ministries, ministry_kinds) = ministries(gaz);
        // The last words of organisations' names of two words or more, so
        // that "the agency" costs one lookup where no name ends in
        // "agency".
        let name_heads = gaz
            .entries()
            .iter()
            .filter(|e| e.etype == gazetteer::ORG && !e.generic)
            .filter_map(|e| {
                let mut words = e.canonical.split_whitespace();
                let last = words.next_back()?;
                words.next().is_some().then(|| last.to_lowercase())
            })
            .collect();
        let armed_forces_last = lex
            .armed_forces_heads
            .iter()
            .filter_map(|h| h.split_once(' ').map(|(_, last)| last.to_string()))
            .collect();
        let capital_lengths = lex
            .capital_heads
            .iter()
            .filter(|h| h.len() < 64)
            .fold(0u64, |bits, h| bits | 1 << h.len());
        let title_lengths = lex
            .person_title_heads
            .iter()
            .filter(|h| h.len() < 64)
            .fold(0u64, |bits, h| bits | 1 << h.len());
        References {
            lex: lex.clone(),
            organs: organs.into_iter().map(|(k, (e, _))| (k, e)).collect(),
            armed_forces_last,
            name_heads,
            ministries,
            ministry_kinds,
            capital_lengths,
            title_lengths,
        }
    }

    /// "the Defense Ministry" of `state` (its words at `t..=h`): the
    /// gazetteer's row of the state's ministry of that kind, which stands
    /// for the state; the state itself when it lists none. Written in
    /// lower case ("the interior ministry said") it is a description, not
    /// a name, and stays the state.
    fn ministry(&self, input: &RefInput, (t, h): (usize, usize), state: u32) -> u32 {
        if h <= t + 1 || input.word(h) != "ministry" || input.is_lower(h - 1) {
            return state;
        }
        self.ministry_kinds
            .get(input.word(h - 1))
            .and_then(|&kind| self.ministries.get(&(state, kind)))
            .copied()
            .unwrap_or(state)
    }

    /// "the military", "the parliament": the organ named last, by its
    /// name ("the IDF") or in words, a state before a cue ("Israeli
    /// forces", "Israel's army", "the Ukrainian parliament"), as the
    /// gazetteer's entry of that organ (the state if it lists none).
    /// Failing both, the salient state itself: a reference adds no name
    /// the text never wrote.
    fn organ(
        &self,
        input: &RefInput,
        earlier: &[Mention],
        organ: Organ,
        cues: &WordSet,
        (t, sentence): (usize, u32),
    ) -> Option<u32> {
        let gaz = input.gaz;
        if organ == Organ::ArmedForces
            && let Some(frame) = self.frame_before(input, t)
        {
            // A speaker with no state of his own ("Army spokesman X
            // said") speaks for the state the text is about, not for the
            // forces named last, which may be the other side's.
            let state = self
                .speaker_state(input, earlier, frame, sentence)
                .or_else(|| salient_state(gaz, earlier));
            return state.map(|s| *self.organs.get(&(s, organ)).unwrap_or(&s));
        }
        // "…since the departure of French troops. The army said it had
        // carried out airstrikes": the army that speaks, with no state
        // named in its sentence, is the army of the state the text is
        // about, not the foreign forces named last.
        if organ == Organ::ArmedForces
            && self.frame_after(input, t)
            && !earlier
                .iter()
                .rev()
                .take_while(|m| m.sentence == sentence)
                .any(|m| party_state(gaz, m).is_some())
        {
            // The state itself: a reference adds no name the text never
            // wrote.
            return salient_state(gaz, earlier);
        }
        // "In neighbouring Burkina Faso, JNIM fighters overran the army
        // base": a state named (not by a demonym: "Palestinians whom the
        // military hit") earlier in the same sentence owns the forces,
        // before forces named in an earlier sentence ("expelled French
        // troops").
        let here = earlier
            .iter()
            .rev()
            .take_while(|m| m.sentence == sentence)
            .find(|m| gaz.is_state(m.entry) && m.kind == AliasKind::Name)
            .map(|m| *self.organs.get(&(m.entry, organ)).unwrap_or(&m.entry));
        let named = earlier.iter().rev().find_map(|m| {
            if m.sentence != sentence
                && organ == Organ::ArmedForces
                && let Some(s) = here
            {
                return Some(s);
            }
            if let Some(s) = gaz.country_of(m.entry)
                && self.organs.get(&(s, organ)) == Some(&m.entry)
            {
                return Some(m.entry);
            }
            if !gaz.is_state(m.entry) {
                return None;
            }
            let mut k = m.tok_end as usize;
            // "Israel's army": past the possessive.
            if k + 1 < input.tokens.len() && !input.tokens[k].is_word() && input.word(k + 1) == "s"
            {
                k += 2;
            }
            (k < input.tokens.len() && input.tokens[k].is_word() && cues.contains(input.word(k)))
                .then(|| *self.organs.get(&(m.entry, organ)).unwrap_or(&m.entry))
        });
        named.or_else(|| salient_state(gaz, earlier))
    }
}

impl References {
    /// "Chadian Defence Minister X said the armed forces had deployed…":
    /// a reference right after a reporting word (at `f`: `frames`, and an
    /// optional "that") names the forces of the speaker, the state of the
    /// nearest mention that gives one within [`SPEAKER_GAP`] tokens before
    /// the reporting word, in the same sentence (a person's country, a
    /// state, what stands for one): not the state named most, nor the
    /// organ named last, which may be the other side's.
    fn speaker_state(
        &self,
        input: &RefInput,
        earlier: &[Mention],
        f: usize,
        sentence: u32,
    ) -> Option<u32> {
        let gaz = input.gaz;
        earlier
            .iter()
            .rev()
            .take_while(|m| m.sentence == sentence)
            .take_while(|m| (m.tok_end as usize) + SPEAKER_GAP >= f)
            .find_map(|m| party_state(gaz, m))
    }
}

impl References {
    /// Does a reporting word ("said", "told") follow the reference that
    /// opens at `t`, right after its head of one or two words ("the army
    /// said", "the armed forces said")?
    fn frame_after(&self, input: &RefInput, t: usize) -> bool {
        let tokens = input.tokens;
        (t + 2..=t + 3)
            .take_while(|&k| k < tokens.len() && tokens[k - 1].is_word())
            .any(|k| tokens[k].is_word() && self.lex.frames.contains(input.word(k)))
    }
}

impl References {
    /// The reporting word right before token `t` ("said", or "said that"),
    /// if any.
    fn frame_before(&self, input: &RefInput, t: usize) -> Option<usize> {
        let tokens = input.tokens;
        let word = |k: usize| tokens[k].is_word().then(|| input.word(k));
        let mut f = t.checked_sub(1)?;
        if word(f) == Some("that") {
            f = f.checked_sub(1)?;
        }
        word(f)
            .is_some_and(|w| self.lex.frames.contains(w))
            .then_some(f)
    }
}

/// How many tokens may stand between a speaker's mention and the reporting
/// word: "Israeli Defence Minister Israel Katz said" (0), "Chadian Defence
/// Minister Issakha Malloua said" (the demonym, 4).
const SPEAKER_GAP: usize = 4;

/// The state a party stands for: a state itself, a capital or organ, a
/// person's country.
fn party_state(gaz: &Gazetteer, m: &Mention) -> Option<u32> {
    if m.unlisted != u32::MAX || gaz.is_generic(m.entry) {
        return None;
    }
    if gaz.is_state(m.entry) {
        return Some(m.entry);
    }
    gaz.stands_for_of(m.entry)
        .or_else(|| {
            gaz.is_type(m.entry, gazetteer::PERSON)
                .then(|| gaz.country_of(m.entry))
                .flatten()
        })
        .filter(|&s| gaz.is_state(s))
}

/// What the stage reads of a document.
pub struct RefInput<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    /// Token indices of possible event triggers, ascending.
    pub triggers: &'a [u32],
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub gaz: &'a Gazetteer,
}

impl RefInput<'_> {
    fn word(&self, t: usize) -> &str {
        let t = &self.tokens[t];
        &self.folded[t.fstart as usize..t.fend as usize]
    }

    /// Does token `t` begin with a lower-case letter?
    fn is_lower(&self, t: usize) -> bool {
        self.text[self.tokens[t].start as usize..].starts_with(char::is_lowercase)
    }

    /// Is token `t` the punctuation `c`?
    fn raw_is(&self, t: usize, c: char) -> bool {
        let tok = &self.tokens[t];
        !tok.is_word() && self.text[tok.start as usize..tok.end as usize].starts_with(c)
    }
}

/// Adds a mention for every reference in the document to `mentions`
/// (which stay in text order). `found` is scratch space.
pub fn find(
    refs: &References,
    input: &RefInput,
    mentions: &mut Vec<Mention>,
    found: &mut Vec<Mention>,
) {
    let lex = &refs.lex;
    found.clear();
    if mentions.is_empty() {
        return;
    }
    let tokens = input.tokens;
    let mut sentence = 0usize;
    for t in 0..tokens.len().saturating_sub(1) {
        let tok = &tokens[t];
        if !tok.is_word() {
            continue;
        }
        // "junta aircraft bombed a market": a bare government head before a
        // word of `GOVERNMENT_FORCES` names the state as "the junta's
        // aircraft" would. (Its heads are short: a length test first.)
        if matches!(tok.fend - tok.fstart, 5 | 6 | 10 | 14)
            && let Some(m) = bare_government(refs, input, mentions, t)
                .or_else(|| person_government(refs, input, mentions, t))
        {
            advance_sentence(input, &mut sentence, t);
            found.push(Mention {
                sentence: sentence as u32,
                ..m
            });
            continue;
        }
        let len = (tok.fend - tok.fstart) as usize;
        let fits = |lengths: u64| len < 64 && lengths >> len & 1 == 1;
        if let Some(m) = fits(refs.title_lengths)
            .then(|| title_reference(refs, input, mentions, t))
            .flatten()
            .or_else(|| {
                fits(refs.capital_lengths)
                    .then(|| capital_reference(refs, input, mentions, t))
                    .flatten()
            })
        {
            advance_sentence(input, &mut sentence, t);
            found.push(Mention {
                sentence: sentence as u32,
                ..m
            });
            continue;
        }
        // Determiners are short: a length test before any hashing.
        if tok.fend - tok.fstart > 5 {
            continue;
        }
        let det = input.word(t);
        if !lex.openers.contains(det) {
            continue;
        }
        if let Some(h) = pair_head(input, lex, t) {
            advance_sentence(input, &mut sentence, t);
            let kind = PairKind::of(lex, input.word(h));
            if let Some(before) = free_before(mentions, t, h)
                && let earlier = &mentions[before.saturating_sub(REACH)..before]
                && let Some((a, b)) =
                    coordinated_pair(input, lex, earlier, (sentence as u32, t), kind)
            {
                // The first party over the opener ("the two"), the second
                // over the head ("sides"): two mentions side by side.
                for (entry, from, to) in [(a, t, h), (b, h, h + 1)] {
                    found.push(Mention {
                        start: tokens[from].start,
                        end: tokens[to - 1].end,
                        tok_start: from as u32,
                        tok_end: to as u32,
                        sentence: sentence as u32,
                        entry,
                        kind: AliasKind::Reference,
                        unlisted: u32::MAX,
                    });
                }
            }
            continue;
        }
        let definite = lex.determiners.contains(det);
        let possessive = !definite && lex.possessives.contains(det);
        let pronoun = !definite && !possessive && lex.pronouns.contains(det);
        // "Its fighters have repeatedly ambushed convoys" opening a
        // sentence: the party the sentence before was about, as for "it".
        if pronoun {
            advance_sentence(input, &mut sentence, t);
            let opens = input
                .sentences
                .get(sentence)
                .is_some_and(|s| s.first_token as usize == t);
            if opens && let Some(m) = party_reference(input, lex, mentions, t, sentence as u32) {
                found.push(m);
                continue;
            }
        }
        if !definite && !possessive && !pronoun {
            if lex.place_adverbs.contains(det) {
                advance_sentence(input, &mut sentence, t);
                if let Some(m) = there_reference(input, mentions, t, sentence as u32) {
                    found.push(m);
                }
                continue;
            }
            if lex.object_pronouns.contains(det) {
                advance_sentence(input, &mut sentence, t);
                if let Some(m) = object_reference(input, mentions, found, t, sentence as u32) {
                    found.push(m);
                }
            } else if lex.person_pronouns.contains(det) {
                advance_sentence(input, &mut sentence, t);
                if let Some(m) = person_reference(input, mentions, t, sentence as u32, false) {
                    found.push(m);
                }
            } else if lex.party_pronouns.contains(det) {
                advance_sentence(input, &mut sentence, t);
                let named_before = found
                    .iter()
                    .any(|m| m.sentence == sentence as u32 && (m.tok_end as usize) <= t);
                if !named_before
                    && let Some(m) = party_reference(input, lex, mentions, t, sentence as u32)
                {
                    found.push(m);
                }
            }
            continue;
        }
        // "Trump described his call with Putin": "his" or "her" right
        // before an event trigger is the person whose act it is.
        if possessive
            && !(t + 1 < tokens.len() && lex.country_heads.contains(input.word(t + 1)))
            && trigger_after(input, t, PRONOUN_GAP)
        {
            advance_sentence(input, &mut sentence, t);
            if let Some(m) = person_reference(input, mentions, t, sentence as u32, true) {
                found.push(m);
            }
            continue;
        }
        if definite && let Some(m) = home_group_reference(input, lex, mentions, t) {
            found.push(m);
            continue;
        }
        if definite && let Some(m) = half_state_reference(input, lex, mentions, t) {
            advance_sentence(input, &mut sentence, t);
            found.push(Mention {
                sentence: sentence as u32,
                ..m
            });
            continue;
        }
        let mut h = t + 1;
        // The reference's last token: past `h` only for a head of two
        // words ("the armed forces").
        let mut last = h;
        // The reference's first token: "the", or the head after a name.
        let mut opener = t;
        let lower = |k: usize| input.is_lower(k);
        // "the rebel group", "the militant group", "the defence ministry":
        // one lower-case word may stand between "the" and a group,
        // government or area head ("the breakaway region").
        if definite
            && h + 1 < tokens.len()
            && tokens[h].is_word()
            && tokens[h + 1].is_word()
            // ("the paramilitary group": a kind that is a head alone too.)
            && (!lex.heads.contains(input.word(h))
                || (lex.group_kinds.contains(input.word(h))
                    && lex.group_heads.contains(input.word(h + 1))))
            && (lex.group_heads.contains(input.word(h + 1))
                || lex.government_heads.contains(input.word(h + 1))
                || (lex.bare_government_heads.contains(input.word(h + 1))
                    && (lex.government_kinds.contains(input.word(h))
                        || seat_state(input, mentions, h + 1).is_some()))
                || (lex.area_heads.contains(input.word(h + 1))
                    // "the wider region" is more than the place named.
                    && !matches!(
                        input.word(h),
                        "wider" | "broader" | "whole" | "entire" | "greater" | "larger"
                    )))
            // ("The Defense Ministry said": capitalised, a ministry's kind
            // and its head are still a reference.)
            && (lower(h)
                || (input.word(h + 1) == "ministry"
                    && refs.ministry_kinds.contains_key(input.word(h))))
            && input.triggers.binary_search(&(h as u32)).is_err()
        {
            h += 1;
            last = h;
        } else if definite
            && h + 2 < tokens.len()
            && (h..h + 3).all(|k| tokens[k].is_word())
            && lower(h)
            && lower(h + 1)
            && lex.group_heads.contains(input.word(h + 2))
            && !lex.heads.contains(input.word(h))
            && !lex.heads.contains(input.word(h + 1))
            && input.triggers.binary_search(&(h as u32)).is_err()
            && (input.triggers.binary_search(&(h as u32 + 1)).is_err()
                || input.word(h + 1).ends_with("ed"))
        {
            // "the ethnic armed group", "the banned militant group": two
            // lower-case words before a group head (a participle among
            // them is no event).
            h += 2;
            last = h;
        } else if definite
            && h + 3 < tokens.len()
            && !lower(h)
            && input.raw_is(h + 1, '-')
            && tokens[h + 2].is_word()
            && lex.patrons.contains(input.word(h + 2))
            && lex.group_heads.contains(input.word(h + 3))
        {
            // "the Iran-backed rebels": the head alone refers (the patron
            // keeps its own mention).
            h += 3;
            last = h;
            opener = h;
        } else if definite
            && h + 3 < tokens.len()
            && lower(h)
            && input.raw_is(h + 1, '-')
            && tokens[h + 2].is_word()
            && lex.bare_government_heads.contains(input.word(h + 3))
            && (seat_state(input, mentions, h + 3).is_some()
                || lex.patrons.contains(input.word(h + 2)))
        {
            // "the military-backed government in Port Sudan"; "the
            // army-backed government" (a patron's compound, like a word of
            // `GOVERNMENT_KINDS`, says it is no speaker's own).
            h += 3;
            last = h;
        } else if definite
            && h + 1 < tokens.len()
            && tokens[h].is_word()
            && tokens[h + 1].is_word()
            && refs.armed_forces_last.contains(input.word(h + 1))
            && lex
                .armed_forces_heads
                .contains(&format!("{} {}", input.word(h), input.word(h + 1)))
        {
            last = h + 1;
        } else if definite {
            // "the North African country", "the war-torn nation": up to
            // three capitalised words or hyphenated parts before a
            // country head. A name among them ("North African") may be a
            // region's, not a state's; the reference is then the head
            // alone, after that name.
            let gaz = input.gaz;
            let region = |k: usize| {
                let i = mentions.partition_point(|m| (m.tok_end as usize) <= k);
                mentions.get(i).is_some_and(|m| {
                    (m.tok_start as usize) <= k
                        && !gaz.is_state(m.entry)
                        && gaz.stands_for_of(m.entry).is_none()
                })
            };
            let mut k = h;
            let mut named = false;
            while k < tokens.len()
                && k < h + 4
                && !(tokens[k].is_word() && lex.country_heads.contains(input.word(k)))
                && (tokens[k].is_word() && (!lower(k) || input.raw_is(k - 1, '-'))
                    || input.raw_is(k, '-'))
                && input.triggers.binary_search(&(k as u32)).is_err()
            {
                named |= region(k);
                k += 1;
            }
            if k > h
                && k < tokens.len()
                && tokens[k].is_word()
                && lex.country_heads.contains(input.word(k))
                && !input.raw_is(k - 1, '-')
            {
                h = k;
                last = k;
                opener = if named { k } else { t };
            }
        }
        let two_word = last > h;
        if !tokens[h].is_word() || !(pronoun || two_word || lex.heads.contains(input.word(h))) {
            if definite
                && tokens[h].is_word()
                && input.is_lower(h)
                && refs.name_heads.contains(input.word(h))
            {
                advance_sentence(input, &mut sentence, t);
                if let Some(m) = name_head_reference(input, mentions, t, h, sentence as u32) {
                    found.push(m);
                }
            }
            continue;
        }
        advance_sentence(input, &mut sentence, t);
        let before = mentions.partition_point(|m| (m.tok_end as usize) <= opener);
        if !pronoun
            && mentions
                .get(before)
                .is_some_and(|m| (m.tok_start as usize) <= last)
        {
            continue; // the head is part of a name or a class
        }
        // "the Army Strategic Forces Command": a capitalised head followed
        // by capitalised words begins a name no gazetteer lists.
        if !pronoun
            && !input.is_lower(last)
            && last + 1 < tokens.len()
            && tokens[last + 1].is_word()
            && !input.is_lower(last + 1)
        {
            continue;
        }
        let head = input.word(h);
        let earlier = &mentions[before.saturating_sub(REACH)..before];
        // Only "the area" may name a place that no gazetteer lists.
        let mut unlisted = u32::MAX;
        let entry = if pronoun {
            // "their reckless attacks": only before a trigger, within
            // two words.
            let trigger_near = trigger_after(input, t, PRONOUN_GAP);
            // "Israel bombed Damascus, widening its strikes": after a
            // participle that opens a clause the pronoun is the subject's.
            let participle = t >= 2
                && tokens[t - 1].is_word()
                && input.word(t - 1).ends_with("ing")
                && input.raw_is(t - 2, ',');
            // References found before it in this sentence ("The
            // paramilitary group, which… has stepped up its attacks") are
            // candidates like names.
            let own: Vec<Mention> = found
                .iter()
                .filter(|m| m.sentence == sentence as u32 && (m.tok_end as usize) <= t)
                .copied()
                .collect();
            if trigger_near && !own.is_empty() {
                let mut all: Vec<Mention> = earlier
                    .iter()
                    .filter(|m| m.sentence == sentence as u32)
                    .copied()
                    .chain(own)
                    .collect();
                all.sort_by_key(|m| (m.tok_start, m.tok_end));
                sentence_party(input, lex, &all, (sentence as u32, participle))
            } else if !trigger_near
                && input.word(t) == "its"
                && t >= 2
                && tokens[t - 1].is_word()
                && matches!(input.word(t - 1), "on" | "against" | "of")
                && input.triggers.binary_search(&(t as u32 - 2)).is_ok()
            {
                // "Israeli and U.S. strikes on its nuclear sites": what an
                // event noun is aimed at ("on", "against", "of") is no
                // state acting in the sentence, but the most salient other.
                // (Not "into its airspace", "at its gate": where the
                // reporter or a place named before is hit.)
                other_salient_state(input, lex, earlier, (sentence as u32, true))
            } else {
                trigger_near
                    .then(|| sentence_party(input, lex, earlier, (sentence as u32, participle)))
                    .flatten()
            }
        } else if two_word {
            refs.organ(
                input,
                earlier,
                Organ::ArmedForces,
                &lex.armed_forces_cues,
                (t, sentence as u32),
            )
        } else if lex.country_heads.contains(head) {
            // "the island of Diego Garcia", "the Kingdom of Bahrain": the
            // name after "of" is the place itself, no reference back.
            let named_after = h + 2 < tokens.len()
                && tokens[h + 1].is_word()
                && input.word(h + 1) == "of"
                && !input.is_lower(h + 2);
            if named_after {
                None
            } else if definite {
                let object =
                    t > 0 && tokens[t - 1].is_word() && lex.object_cues.contains(input.word(t - 1));
                // "ordered a deployment across the country": all over it
                // is most often one's own.
                let all_over = t > 0
                    && tokens[t - 1].is_word()
                    && matches!(input.word(t - 1), "across" | "throughout");
                if all_over
                    && let Some(s) = subject_person_state(input.gaz, earlier, sentence as u32)
                {
                    Some(s)
                } else if object {
                    other_salient_state(input, lex, earlier, (sentence as u32, false))
                } else {
                    subject_person_state(input.gaz, earlier, sentence as u32)
                        .or_else(|| salient_state(input.gaz, earlier))
                }
            } else {
                person_state(input.gaz, earlier, sentence as u32)
            }
        } else if possessive && lex.bare_government_heads.contains(head) {
            // "Munteanu said his government would not negotiate": the
            // person's state, as "his country" (a government stands for its
            // state).
            person_state(input.gaz, earlier, sentence as u32)
        } else if definite && lex.armed_forces_heads.contains(head) {
            refs.organ(
                input,
                earlier,
                Organ::ArmedForces,
                &lex.armed_forces_cues,
                (t, sentence as u32),
            )
        } else if definite && lex.parliament_heads.contains(head) {
            refs.organ(
                input,
                earlier,
                Organ::Parliament,
                &lex.parliament_heads,
                (t, sentence as u32),
            )
        } else if definite && lex.government_heads.contains(head) {
            framing_state(input, earlier, t, sentence as u32)
                .or_else(|| governing_state(input, earlier, &lex.government_heads))
                .map(|state| refs.ministry(input, (t, h), state))
        } else if definite && lex.bare_government_heads.contains(head) {
            // "the government in Kabul" is the state of its seat; "the
            // federal government" (the kind checked above) the state whose
            // government was named; "the government" alone nothing.
            seat_state(input, mentions, h)
                .or_else(|| {
                    (last > t + 1)
                        .then(|| {
                            framing_state(input, earlier, t, sentence as u32).or_else(|| {
                                governing_state(input, earlier, &lex.bare_government_heads)
                            })
                        })
                        .flatten()
                })
                .or_else(|| {
                    (last == t + 1)
                        .then(|| {
                            opposing_government(
                                input,
                                lex,
                                mentions,
                                earlier,
                                t,
                                h,
                                sentence as u32,
                            )
                        })
                        .flatten()
                })
        } else if definite && lex.group_heads.contains(head) {
            // "the paramilitary Rapid Support Forces": a head before a name
            // describes that name and refers to nothing.
            let before_name = mentions
                .get(before)
                .is_some_and(|m| m.tok_start as usize == last + 1);
            (!before_name)
                .then(|| latest_armed_group(input, earlier, sentence as u32))
                .flatten()
        } else if definite && lex.weapon_heads.contains(head) {
            latest_weapon(input.gaz, earlier, sentence as u32)
        } else if definite && lex.area_heads.contains(head) {
            // "the area of operations", "the region's": not a place named
            // before.
            let named_after = h + 1 < tokens.len()
                && (input.word(h + 1) == "of"
                    || !tokens[h + 1].is_word() && input.word(h + 1) == "'");
            let settlement = lex.settlement_heads.contains(head);
            let regional = lex.region_heads.contains(head);
            (!named_after)
                .then(|| {
                    // "sent reinforcements from Kosti to the city": the city
                    // is not where they came from.
                    if t > 0 && input.word(t - 1) == "to" {
                        let not_origin: Vec<Mention> = earlier
                            .iter()
                            .filter(|m| {
                                !(m.sentence == sentence as u32
                                    && m.tok_start > 0
                                    && input.word(m.tok_start as usize - 1) == "from")
                            })
                            .copied()
                            .collect();
                        latest_place(
                            input,
                            &not_origin,
                            sentence as u32,
                            false,
                            (settlement, regional),
                        )
                    } else {
                        latest_place(
                            input,
                            earlier,
                            sentence as u32,
                            false,
                            (settlement, regional),
                        )
                    }
                })
                .flatten()
                .map(|(entry, place)| {
                    unlisted = place;
                    entry
                })
        } else {
            None
        };
        if let Some(entry) = entry {
            // A pronoun is a mention by itself; "the country" is two words.
            let last = if pronoun { t } else { last };
            found.push(Mention {
                start: tokens[opener].start,
                end: tokens[last].end,
                tok_start: opener as u32,
                tok_end: last as u32 + 1,
                sentence: sentence as u32,
                entry,
                kind: AliasKind::Reference,
                unlisted,
            });
        }
    }
    if found.is_empty() {
        return;
    }
    mentions.append(found);
    mentions.sort_by_key(|m| (m.tok_start, m.tok_end));
}

/// The state a mention counts for, and how much: its name 2, its demonym
/// 1, a place inside it or an organisation or person of it 1.
fn state_weight(gaz: &Gazetteer, m: &Mention) -> Option<(u32, u32)> {
    if gaz.is_state(m.entry) {
        let w = if m.kind == AliasKind::Demonym { 1 } else { 2 };
        return Some((m.entry, w));
    }
    if gaz.is_generic(m.entry) || m.unlisted != u32::MAX {
        return None;
    }
    // A person is not what a document is about: only places and what
    // stands for a state count.
    gaz.stands_for_of(m.entry)
        .filter(|&s| gaz.is_state(s))
        .or_else(|| {
            // A place counts for its country; so does an armed group, whose
            // war is in its country ("the TNLA agreed to a ceasefire with
            // the junta" after "China's leverage over Myanmar's armed
            // groups": Myanmar's junta).
            (gaz.is_type(m.entry, gazetteer::PLACE)
                || (gaz.is_type(m.entry, gazetteer::ORG) && is_armed_group(gaz, m.entry)))
            .then(|| gaz.country_of(m.entry))
            .flatten()
        })
        .map(|s| (s, 1))
}

/// "the country": the most salient state among `earlier` mentions.
fn salient_state(gaz: &Gazetteer, earlier: &[Mention]) -> Option<u32> {
    salient_state_but(gaz, earlier, &[])
}

/// The most salient state among `earlier` mentions other than those in `but`.
fn salient_state_but(gaz: &Gazetteer, earlier: &[Mention], but: &[u32]) -> Option<u32> {
    // (state, score, position of its latest mention); a document names few.
    let mut scores: Vec<(u32, u32, usize)> = Vec::new();
    for (i, m) in earlier.iter().enumerate() {
        let Some((state, w)) = state_weight(gaz, m) else {
            continue;
        };
        if but.contains(&state) {
            continue;
        }
        match scores.iter_mut().find(|s| s.0 == state) {
            Some(s) => {
                s.1 += w;
                s.2 = i;
            }
            None => scores.push((state, w, i)),
        }
    }
    scores
        .iter()
        .max_by_key(|&&(_, score, last)| (score, last))
        .map(|s| s.0)
}

/// "the country" after a word of `object_cues` ("pressed Israel to halt
/// its attacks on the country"): the most salient state but the one named
/// last earlier in the sentence other than after such a word, which acts
/// on it, and any joined to that one by "and" ("U.S. and Israeli attacks
/// on the country's nuclear sites"); the most salient state of all when
/// no other is named. With `subject_first` ("strikes on its nuclear
/// sites"), the sentence's subject comes first when it is a state that
/// does not act ("Iran fired missiles at Al Udeid Air Base in Qatar in
/// retaliation for Washington's strikes on its nuclear sites": Iran's).
fn other_salient_state(
    input: &RefInput,
    lex: &ReferenceLexicon,
    earlier: &[Mention],
    (sentence, subject_first): (u32, bool),
) -> Option<u32> {
    let gaz = input.gaz;
    // The state named last that acts in the sentence, and those joined to
    // it by "and": "U.S. and Israeli attacks on the country's nuclear
    // sites" are about neither.
    let in_sentence = earlier.iter().rev().take_while(|m| m.sentence == sentence);
    let mut acting: Vec<u32> = Vec::new();
    let mut next_start = usize::MAX;
    for m in in_sentence {
        let k = m.tok_start as usize;
        let end = m.tok_end as usize;
        let joined = !acting.is_empty() && end + 1 == next_start && input.word(end) == "and";
        let after_cue =
            k > 0 && input.tokens[k - 1].is_word() && lex.object_cues.contains(input.word(k - 1));
        if !(acting.is_empty() && !after_cue || joined) {
            if !acting.is_empty() {
                break;
            }
            continue;
        }
        let Some((s, _)) = state_weight(gaz, m) else {
            continue;
        };
        acting.push(s);
        next_start = k;
    }
    if acting.is_empty() {
        return salient_state(gaz, earlier);
    }
    // The first state named in the sentence, unless after a cue.
    let subject = || {
        earlier
            .iter()
            .filter(|m| m.sentence == sentence)
            .find_map(|m| state_weight(gaz, m).map(|(s, _)| (s, m.tok_start as usize)))
            .filter(|&(s, k)| {
                let after_cue = k > 0
                    && input.tokens[k - 1].is_word()
                    && lex.object_cues.contains(input.word(k - 1));
                !(acting.contains(&s) || after_cue)
            })
    };
    if subject_first && let Some((s, _)) = subject() {
        return Some(s);
    }
    salient_state_but(gaz, earlier, &acting).or_else(|| salient_state(gaz, earlier))
}

/// How many words may stand between a state and the head that names its
/// government: "Burkina Faso's ruling junta", "the Malian military junta".
const GOVERNMENT_GAP: usize = 2;

/// "the junta": the state named last right before a government head
/// ("Mali's junta", "the Malian junta"; past the possessive and up to
/// [`GOVERNMENT_GAP`] words), else the salient state.
/// "junta aircraft", "regime forces", "government forces": a lower-case
/// government head or bare government head (no
/// determiner, possessive or name before it) right before a lower-case
/// word of `GOVERNMENT_FORCES`, outside any mention; the state it governs
/// (its `sentence` is left for the caller).
fn bare_government(
    refs: &References,
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let lex = &refs.lex;
    let tokens = input.tokens;
    let bare = lex.bare_government_heads.contains(input.word(t));
    let heads = match bare {
        true => &lex.bare_government_heads,
        false => &lex.government_heads,
    };
    // The first token of the sentence holding `t`.
    let sentence_start = input
        .sentences
        .get(
            input
                .sentences
                .partition_point(|s| (s.end_token as usize) <= t),
        )
        .map_or(0, |s| s.first_token as usize);
    // "Government forces shelled…": capitalised only as a sentence's
    // first word.
    if !heads.contains(input.word(t))
        || !(input.is_lower(t) || sentence_start == t)
        || !tokens[t + 1].is_word()
        || !input.is_lower(t + 1)
        || !lex.government_forces.contains(input.word(t + 1))
    {
        return None;
    }
    if t > 0
        && tokens[t - 1].is_word()
        && (lex.determiners.contains(input.word(t - 1))
            || lex.possessives.contains(input.word(t - 1))
            || lex.pronouns.contains(input.word(t - 1)))
    {
        return None;
    }
    let before = free_before(mentions, t, t + 1)?; // else part of a name
    let earlier = &mentions[before.saturating_sub(REACH)..before];
    // "In Syria, government negotiators…": a state named earlier in the
    // sentence is the one whose government is meant.
    let in_sentence = || {
        earlier
            .iter()
            .rev()
            .take_while(|m| m.tok_start as usize >= sentence_start)
            .find(|m| m.kind == AliasKind::Name && input.gaz.is_state(m.entry))
            .map(|m| m.entry)
    };
    let entry = match bare {
        true => in_sentence().or_else(|| governing_state(input, earlier, heads))?,
        false => governing_state(input, earlier, heads)?,
    };
    Some(word_reference(tokens, t, entry))
}

/// "Salva Kiir's government", "the Yunus government": a bare government
/// head (`BARE_GOVERNMENT_HEADS`) right after a person's possessive or
/// name is that person's state, when the gazetteer gives the person one
/// (GUIDELINES §3: "the Biden administration" is the United States).
fn person_government(
    refs: &References,
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let tokens = input.tokens;
    if !refs.lex.bare_government_heads.contains(input.word(t)) || !input.is_lower(t) {
        return None;
    }
    let possessive = t >= 3
        && tokens[t - 1].is_word()
        && input.word(t - 1) == "s"
        && (input.raw_is(t - 2, '\'')
            || input.raw_is(t - 2, '\u{2019}')
            || input.raw_is(t - 2, '\u{2bc}'));
    let end = if possessive { t - 2 } else { t };
    let i = mentions.partition_point(|m| (m.tok_end as usize) <= end);
    let person = mentions[..i].last().filter(|m| m.tok_end as usize == end)?;
    if !input.gaz.is_type(person.entry, gazetteer::PERSON) || person.unlisted != u32::MAX {
        return None;
    }
    let entry = input.gaz.country_of(person.entry)?;
    Some(word_reference(tokens, t, entry))
}

/// "the Afghan capital", "Ukraine's capital": the word of `CAPITAL_HEADS`
/// at `t` right after a state's demonym or possessive names the city that
/// stands for that state. Not when the city's name follows ("the Afghan
/// capital Kabul": the name is its own mention) nor before "of".
fn capital_reference(
    refs: &References,
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let tokens = input.tokens;
    if !refs.lex.capital_heads.contains(input.word(t)) {
        return None;
    }
    let next_word = |k: usize| (k < tokens.len() && tokens[k].is_word()).then(|| input.word(k));
    let i = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    if next_word(t + 1) == Some("of")
        || mentions
            .get(i)
            .is_some_and(|m| m.tok_start as usize <= t + 1)
    {
        return None; // "the capital of…", part of a name, or the name next
    }
    let before = mentions[..i].last()?;
    let end = before.tok_end as usize;
    let demonym = end == t && before.kind == AliasKind::Demonym;
    let possessive = end + 2 == t && !tokens[end].is_word() && input.word(end + 1) == "s";
    if !(demonym || possessive) || !input.gaz.is_state(before.entry) {
        return None;
    }
    let capital = *refs.organs.get(&(before.entry, Organ::Capital))?;
    Some(word_reference(tokens, t, capital))
}

/// "the president", "Ukraine's president", "the Israeli prime minister":
/// a head of `person_title_heads` at `t`, after "the" (and a state's
/// demonym) or a state's possessive, with lower-case words of
/// `person_title_qualifiers` between, and no name, "of" or hyphen after
/// it, nor a reporting verb of `pair_reporting` ("the minister said"). It
/// refers to the latest person named earlier in the document with
/// the same title (head and qualifiers) among the words right before the
/// name ("Ukrainian President Volodymyr Zelensky"), and, when a state is
/// said, a person of that state (by the gazetteer's `country`, or by the
/// state named right before that title). With no state said, the title
/// must name one person in the document so far: after "President Trump"
/// and "President Zelensky", "the president" is left alone.
fn title_reference(
    refs: &References,
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let lex = &refs.lex;
    let tokens = input.tokens;
    let head = input.word(t);
    if !lex.person_title_heads.contains(head) {
        return None;
    }
    // A name, "of" or a glued hyphen after it: "President Biden", "the
    // president of Kenya", "president-elect".
    if let Some(next) = tokens.get(t + 1) {
        let glued = !next.is_word() && !next.space_before && input.raw_is(t + 1, '-');
        if glued
            || (next.is_word()
                && (!input.is_lower(t + 1) || matches!(input.word(t + 1), "of" | "for")))
        {
            return None;
        }
    }
    // "The minister added that…": a reporter, whom the rules pass over
    // by the clause's shape; as the person it would fill roles of what
    // is reported.
    if tokens.get(t + 1).is_some_and(|n| n.is_word())
        && lex.pair_reporting.contains(input.word(t + 1))
    {
        return None;
    }
    let i = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    if mentions.get(i).is_some_and(|m| m.tok_start as usize <= t) {
        return None; // inside a name
    }
    // Back over the qualifiers ("foreign", "prime").
    let mut k = t;
    while k > 0 && t - k < 2 && tokens[k - 1].is_word() && input.is_lower(k - 1) {
        if !lex.person_title_qualifiers.contains(input.word(k - 1)) {
            break;
        }
        k -= 1;
    }
    let qualifiers = k..t;
    // The opener: "the", "the Ukrainian", "Ukraine's".
    let before = mentions[..i].last();
    let state = match before {
        // "the Ukrainian president", "the US president".
        Some(m)
            if m.tok_end as usize == k
                && (m.kind == AliasKind::Demonym
                    || (m.kind == AliasKind::Name && input.gaz.is_state(m.entry))) =>
        {
            let s = m.tok_start as usize;
            if s == 0 || !tokens[s - 1].is_word() || input.word(s - 1) != "the" {
                return None;
            }
            Some(m.entry)
        }
        Some(m)
            if m.tok_end as usize + 2 == k
                && !tokens[m.tok_end as usize].is_word()
                && input.word(m.tok_end as usize + 1) == "s" =>
        {
            Some(m.entry)
        }
        _ => {
            if k == 0 || !tokens[k - 1].is_word() || input.word(k - 1) != "the" {
                return None;
            }
            None
        }
    };
    if state.is_some_and(|s| !input.gaz.is_state(s)) {
        return None;
    }
    let gaz = input.gaz;
    let earlier = &mentions[i.saturating_sub(REACH)..i];
    // Does the person mention `m` have the title right before its name?
    let titled = |m: &Mention| -> bool {
        let mut words = Vec::new();
        let mut j = m.tok_start as usize;
        while j > 0 && words.len() < 4 && tokens[j - 1].is_word() && !input.is_lower(j - 1) {
            j -= 1;
            words.push(input.word(j));
        }
        let head_ok = if head == "leader" {
            words.iter().any(|w| lex.person_leader_titles.contains(w))
        } else {
            words.contains(&head)
        };
        head_ok && qualifiers.clone().all(|q| words.contains(&input.word(q)))
    };
    let of_state = |m: &Mention, s: u32| -> bool {
        gaz.country_of(m.entry) == Some(s)
            || earlier
                .iter()
                .any(|o| o.entry == s && o.tok_end < m.tok_start && o.tok_end + 4 >= m.tok_start)
    };
    let mut found: Option<&Mention> = None;
    for m in earlier.iter().rev() {
        if m.kind != AliasKind::Name || !gaz.is_type(m.entry, gazetteer::PERSON) || !titled(m) {
            continue;
        }
        match (state, found) {
            (Some(s), _) => {
                if of_state(m, s) {
                    found = Some(m);
                    break;
                }
            }
            (None, None) => found = Some(m),
            (None, Some(f)) if (f.entry, f.unlisted) != (m.entry, m.unlisted) => return None,
            (None, Some(_)) => {}
        }
    }
    let m = found?;
    Some(Mention {
        unlisted: m.unlisted,
        ..word_reference(tokens, t, m.entry)
    })
}

/// A reference made of the one word at `t` to `entry` (its `sentence` is
/// left for the caller).
fn word_reference(tokens: &[Token], t: usize, entry: u32) -> Mention {
    Mention {
        start: tokens[t].start,
        end: tokens[t].end,
        tok_start: t as u32,
        tok_end: t as u32 + 1,
        sentence: 0,
        entry,
        kind: AliasKind::Reference,
        unlisted: u32::MAX,
    }
}

/// "the government in Port Sudan": the state of the place named right
/// after the head `h` and "in" (the state itself, the state a capital
/// stands for, or the state a town lies in).
fn seat_state(input: &RefInput, mentions: &[Mention], h: usize) -> Option<u32> {
    if h + 2 >= input.tokens.len() || input.word(h + 1) != "in" {
        return None;
    }
    let gaz = input.gaz;
    let i = mentions.partition_point(|m| (m.tok_start as usize) < h + 2);
    let m = mentions.get(i).filter(|m| m.tok_start as usize == h + 2)?;
    if !gaz.is_type(m.entry, gazetteer::PLACE) || m.unlisted != u32::MAX {
        return None;
    }
    if gaz.is_state(m.entry) {
        return Some(m.entry);
    }
    gaz.stands_for_of(m.entry)
        .filter(|&s| gaz.is_state(s))
        .or_else(|| gaz.country_of(m.entry))
}

/// The state a sentence opens on, before a comma and the reference at
/// `t`: "In neighbouring Ethiopia, the federal government has pressed
/// on…" (Ethiopia, whatever state the text named before).
fn framing_state(input: &RefInput, earlier: &[Mention], t: usize, sentence: u32) -> Option<u32> {
    let first = input.sentences.get(sentence as usize)?.first_token as usize;
    let m = earlier
        .iter()
        .find(|m| m.sentence == sentence && (m.tok_start as usize) >= first)?;
    let (start, end) = (m.tok_start as usize, m.tok_end as usize);
    let opener =
        input.tokens[first].is_word() && matches!(input.word(first), "in" | "across" | "inside");
    // Between "In" and the state, lower-case words only ("neighbouring").
    let modifiers = (first + 1..start).all(|k| input.tokens[k].is_word() && input.is_lower(k));
    (opener
        && modifiers
        && start - first <= 3
        && input.gaz.is_state(m.entry)
        && m.kind == AliasKind::Name
        && end < t
        && input.raw_is(end, ',')
        && end + 2 >= t)
        .then_some(m.entry)
}

fn governing_state(input: &RefInput, earlier: &[Mention], heads: &WordSet) -> Option<u32> {
    let gaz = input.gaz;
    let tokens = input.tokens;
    let named = earlier.iter().rev().find_map(|m| {
        // "Russia's Defence Ministry… the ministry said": a name that ends
        // in a head names its state's organ.
        if !gaz.is_state(m.entry)
            && m.unlisted == u32::MAX
            && heads.contains(input.word(m.tok_end as usize - 1))
        {
            return gaz.stands_for_of(m.entry).filter(|&s| gaz.is_state(s));
        }
        let state = gaz.is_state(m.entry).then_some(m.entry)?;
        let mut k = m.tok_end as usize;
        if k + 1 < tokens.len() && !tokens[k].is_word() && input.word(k + 1) == "s" {
            k += 2;
        }
        (k..tokens.len())
            .take(GOVERNMENT_GAP + 1)
            .take_while(|&j| tokens[j].is_word())
            .any(|j| heads.contains(input.word(j)))
            .then_some(state)
    });
    named.or_else(|| salient_state(gaz, earlier))
}

/// "his country": the state of the nearest person named in this or the
/// previous sentence, else the last state named earlier in this sentence.
/// "Maduro has ordered a deployment across the country": when the
/// sentence opens with a listed person and names no state before the
/// reference, the country is that person's, whichever state the text is
/// most about.
fn subject_person_state(gaz: &Gazetteer, earlier: &[Mention], sentence: u32) -> Option<u32> {
    let own = &earlier[earlier.partition_point(|m| m.sentence < sentence)..];
    let first = own.first()?;
    if own.iter().any(|m| gaz.is_state(m.entry)) {
        return None;
    }
    (gaz.is_type(first.entry, gazetteer::PERSON) && first.unlisted == u32::MAX)
        .then(|| gaz.country_of(first.entry))
        .flatten()
}

fn person_state(gaz: &Gazetteer, earlier: &[Mention], sentence: u32) -> Option<u32> {
    let recent = earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence + 1 >= sentence);
    for m in recent.clone() {
        if gaz.is_type(m.entry, gazetteer::PERSON)
            && m.unlisted == u32::MAX
            && let Some(s) = gaz.country_of(m.entry)
        {
            return Some(s);
        }
    }
    recent
        .take_while(|m| m.sentence == sentence)
        .find(|m| m.kind == AliasKind::Name && gaz.is_state(m.entry))
        .map(|m| m.entry)
}

/// "their attacks": the nearest party named earlier in the sentence (a
/// state, by name or demonym, an organisation, or what stands for a
/// state; not a person, who would be "his" or "her"). A name glued by a
/// hyphen to the word after it only modifies a noun: in "fired at the
/// Liberian-flagged carrier…, their first claimed attack", "their" is not
/// Liberia's.
/// A party named as one of several ("Delegations of Russia and Ukraine
/// concluded their meeting") is no antecedent: the pronoun means them all.
/// After a participle that opens a clause (`participle`: "Israel bombed
/// Damascus, widening its strikes") the first party of the sentence, the
/// subject the participle shares, is the antecedent.
fn sentence_party(
    input: &RefInput,
    lex: &ReferenceLexicon,
    earlier: &[Mention],
    (sentence, participle): (u32, bool),
) -> Option<u32> {
    let gaz = input.gaz;
    let party = |m: &Mention| {
        m.sentence == sentence
            && m.unlisted == u32::MAX
            && !gaz.is_generic(m.entry)
            && !glued_to_next(input, m)
            && (gaz.is_state(m.entry)
                || gaz.stands_for_of(m.entry).is_some()
                || gaz.is_type(m.entry, gazetteer::ORG))
    };
    // A party after a preposition is acted on, not the one whose act the
    // pronoun names: in "Armenia has frozen its participation in the
    // Russian-led CSTO, and its parliament passed a law", the second "its"
    // is Armenia's. The nearest party outside such a phrase, else the
    // nearest.
    let outside = |m: &Mention| party(m) && !after_preposition(input, lex, m);
    let i = if participle {
        earlier.iter().position(outside)
    } else {
        earlier.iter().rposition(outside)
    }
    .or_else(|| earlier.iter().rposition(party))?;
    let m = &earlier[i];
    if m.sentence != sentence {
        return None;
    }
    let joined = |a: &Mention, b: &Mention| {
        (a.tok_end..b.tok_start).all(|k| {
            let k = k as usize;
            let t = &input.tokens[k];
            // "Israel and the US coordinated their attacks": "the" may
            // stand before the second name.
            if t.is_word() {
                matches!(input.word(k), "and" | "or" | "the")
            } else {
                input.text[t.start as usize..].starts_with(',')
            }
        }) && a.tok_end < b.tok_start
    };
    let coordinated = i
        .checked_sub(1)
        .is_some_and(|p| earlier[p].sentence == sentence && joined(&earlier[p], m));
    (!coordinated).then_some(m.entry)
}

/// How many mentions end by token `t`; none when a mention starts at or
/// before token `last` past them (the reference's words are then part of
/// a name).
fn free_before(mentions: &[Mention], t: usize, last: usize) -> Option<usize> {
    let before = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    mentions
        .get(before)
        .is_none_or(|m| (m.tok_start as usize) > last)
        .then_some(before)
}

/// Does mention `m` stand after a word of `antecedent_skips` ("in",
/// "with"), with at most a determiner and modifiers between ("in the
/// Russian-led CSTO")? A comma or other punctuation between ends the look.
fn after_preposition(input: &RefInput, lex: &ReferenceLexicon, m: &Mention) -> bool {
    let from = m.tok_start as usize;
    let mut k = from;
    // Back over "the", "a", capitalised modifiers and hyphenated
    // compounds ("the Russian-led"), at most six tokens.
    while k > from.saturating_sub(6) {
        k -= 1;
        if !input.tokens[k].is_word() {
            if input.raw_is(k, '-') {
                continue;
            }
            return false;
        }
        let w = input.word(k);
        if lex.antecedent_skips.contains(w) {
            return true;
        }
        let glued = k > 0 && input.raw_is(k - 1, '-');
        let upper = input.text[input.tokens[k].start as usize..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !(glued || upper || matches!(w, "the" | "a" | "an")) {
            return false;
        }
    }
    false
}

/// Is mention `m` glued by a hyphen to the word after it ("Liberian-flagged",
/// "Iran-backed")?
fn glued_to_next(input: &RefInput, m: &Mention) -> bool {
    let k = m.tok_end as usize;
    let tokens = &input.tokens;
    k + 1 < tokens.len()
        && !tokens[k].space_before
        && input.text[tokens[k].start as usize..].starts_with('-')
        && tokens[k + 1].is_word()
        && !tokens[k + 1].space_before
}

/// "struck them" at token `t`: the armed group named last in the sentence
/// before, when a trigger stands at most [`PRONOUN_GAP`] words before the
/// pronoun and this sentence names, before it, a party other than that
/// group (so the pronoun is not the subject's own "them") and does not
/// name the group itself.
fn object_reference(
    input: &RefInput,
    mentions: &[Mention],
    found: &[Mention],
    t: usize,
    sentence: u32,
) -> Option<Mention> {
    let gaz = input.gaz;
    let after_trigger = trigger_before(input, t, PRONOUN_GAP);
    if !after_trigger || sentence == 0 {
        return None;
    }
    let before = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    let earlier = &mentions[before.saturating_sub(REACH)..before];
    let group = earlier
        .iter()
        .rev()
        .skip_while(|m| m.sentence == sentence)
        .take_while(|m| m.sentence + 1 == sentence)
        .find(|m| {
            m.unlisted == u32::MAX
                && m.kind != AliasKind::Reference
                && gaz.has_subtype(m.entry, "armed_group")
        })?
        .entry;
    let here = earlier
        .iter()
        .chain(found)
        .filter(|m| m.sentence == sentence && (m.tok_end as usize) <= t);
    let mut other_party = false;
    for m in here.chain(mentions[before..].iter().filter(|m| m.sentence == sentence)) {
        if m.entry == group {
            return None;
        }
        let party = gaz.is_state(m.entry)
            || gaz.country_of(m.entry).is_some()
            || gaz.is_type(m.entry, gazetteer::ORG);
        other_party |= party && (m.tok_end as usize) <= t;
    }
    let tok = &input.tokens[t];
    other_party.then_some(Mention {
        start: tok.start,
        end: tok.end,
        tok_start: t as u32,
        tok_end: t as u32 + 1,
        sentence,
        entry: group,
        kind: AliasKind::Reference,
        unlisted: u32::MAX,
    })
}

/// "she sent troops": a subject pronoun at `t` with a trigger at most
/// [`PERSON_PRONOUN_GAP`] words after it refers to the first person named
/// in the nearest of the [`PERSON_REACH`] sentences before that names one
/// (most often its subject: "Sheinbaum has resisted the pressure. In
/// February she sent 10,000 troops to the border"). A person named before
/// the pronoun in its own sentence leaves it to the parse ("Putin said he
/// would send…" is the reporter's). A `possessive` ("his", "her" before
/// an event noun) is the one person named before it in its own sentence,
/// when there is one: "Trump described his call with Putin".
fn person_reference(
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
    sentence: u32,
    possessive: bool,
) -> Option<Mention> {
    let gaz = input.gaz;
    if !trigger_after(input, t, PERSON_PRONOUN_GAP) {
        return None;
    }
    let before = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    let earlier = &mentions[before.saturating_sub(REACH)..before];
    let person =
        |m: &&Mention| m.kind != AliasKind::Reference && gaz.is_type(m.entry, gazetteer::PERSON);
    // One person named before it in its own sentence, past a "where" or
    // "when" that opens a clause on a noun of that person's ("Netanyahu's
    // visit to Washington, where he met Trump"), is that person.
    let mut own = earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence == sentence)
        .filter(|m| person(m));
    if let Some(&first) = own.next() {
        // "his"/"her" is the one person named before it in its sentence
        // ("Trump described his call with Putin").
        let after_where = possessive
            || (t > 0
                && input.tokens[t - 1].is_word()
                && matches!(input.word(t - 1), "where" | "when"));
        if !after_where || !own.all(|m| m.entry == first.entry) {
            return None;
        }
        return Some(Mention {
            sentence,
            unlisted: first.unlisted,
            ..word_reference(input.tokens, t, first.entry)
        });
    }
    if sentence == 0 {
        return None;
    }
    let nearest = earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence + PERSON_REACH >= sentence)
        .find(|m| m.sentence < sentence && person(m))?
        .sentence;
    let first = earlier
        .iter()
        .find(|m| m.sentence == nearest && person(m))?;
    Some(Mention {
        sentence,
        unlisted: first.unlisted,
        ..word_reference(input.tokens, t, first.entry)
    })
}

/// Sentences back that "the agency" may look for the organisation whose
/// name it ends.
const NAME_HEAD_REACH: u32 = 2;

/// "the agency" after "the International Atomic Energy Agency", "the
/// force" after "a Gang Suppression Force": a determiner at `t` and a
/// lower-case head at `h` that is the last word of the name of an
/// organisation named in this sentence or the [`NAME_HEAD_REACH`] before
/// (a name of two words or more, listed in a gazetteer) refer to the
/// latest such organisation. Not inside a name, not before "of" ("the
/// agency of the UN") and not a trigger.
fn name_head_reference(
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
    h: usize,
    sentence: u32,
) -> Option<Mention> {
    let tokens = &input.tokens;
    if h != t + 1 || h >= tokens.len() || !tokens[h].is_word() || !input.is_lower(h) {
        return None;
    }
    if input.triggers.binary_search(&(h as u32)).is_ok()
        || (h + 1 < tokens.len() && tokens[h + 1].is_word() && input.word(h + 1) == "of")
    {
        return None;
    }
    let before = free_before(mentions, t, h)?;
    let head = input.word(h);
    let gaz = input.gaz;
    let m = mentions[before.saturating_sub(REACH)..before]
        .iter()
        .rev()
        .take_while(|m| m.sentence + NAME_HEAD_REACH >= sentence)
        .find(|m| {
            m.unlisted == u32::MAX
                && m.kind != AliasKind::Reference
                && gaz.is_type(m.entry, gazetteer::ORG)
                && !gaz.is_generic(m.entry)
                && {
                    let name = &gaz.entry(m.entry).canonical;
                    let mut words = name.split_whitespace();
                    words.clone().count() >= 2
                        && words
                            .next_back()
                            .is_some_and(|w| w.eq_ignore_ascii_case(head))
                }
        })?;
    Some(Mention {
        start: tokens[t].start,
        end: tokens[h].end,
        tok_start: t as u32,
        tok_end: h as u32 + 1,
        sentence,
        entry: m.entry,
        kind: AliasKind::Reference,
        unlisted: u32::MAX,
    })
}

/// Forms of "be" and verbs of seeming after which "it" is no party ("it
/// is unclear who fired").
const EXPLETIVE_NEXT: &[&str] = &[
    "is", "was", "s", "are", "were", "seems", "seemed", "appears", "appeared", "remains",
    "remained",
];

/// "Last month it tried to kill the president": a subject pronoun at `t`
/// (`PARTY_PRONOUNS`) with a trigger at most [`PERSON_PRONOUN_GAP`] words
/// after it refers to the subject of the sentence right before, when that
/// subject is a state or an organisation ("they": an organisation): the
/// first name of that sentence that no preposition governs, not a demonym
/// ("The Pakistani strikes…"), with no person before it ("Al-Shabaab
/// fighters seized the town… Last month it tried to kill…"). A party
/// named before the pronoun in its own sentence leaves it to the parse
/// ("Iran said it would retaliate"; a reference too: "The military said it
/// had launched…"); so does a pronoun after a preposition
/// or a trigger ("struck it"), one before a form of "be" ("it is
/// unclear who fired") and one before a reporting verb ("It said…").
fn party_reference(
    input: &RefInput,
    lex: &ReferenceLexicon,
    mentions: &[Mention],
    t: usize,
    sentence: u32,
) -> Option<Mention> {
    let gaz = input.gaz;
    if !trigger_after(input, t, PERSON_PRONOUN_GAP) || sentence == 0 {
        return None;
    }
    let tokens = &input.tokens;
    // "It said five were shot down": a speaker, whom the sentence before
    // may name in its attribution rather than as its subject.
    if t + 1 < tokens.len()
        && tokens[t + 1].is_word()
        && (EXPLETIVE_NEXT.contains(&input.word(t + 1)) || lex.frames.contains(input.word(t + 1)))
    {
        return None;
    }
    if t > 0 && tokens[t - 1].is_word() {
        let w = input.word(t - 1);
        let after_trigger = input.triggers.binary_search(&(t as u32 - 1)).is_ok();
        if after_trigger || lex.antecedent_skips.contains(w) || lex.object_cues.contains(w) {
            return None;
        }
    }
    let party = |m: &Mention| {
        m.unlisted == u32::MAX
            && !gaz.is_generic(m.entry)
            && (gaz.is_state(m.entry)
                || gaz.stands_for_of(m.entry).is_some()
                || gaz.is_type(m.entry, gazetteer::ORG))
    };
    let before = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    let earlier = &mentions[before.saturating_sub(REACH)..before];
    let mut own = earlier.iter().rev().take_while(|m| m.sentence == sentence);
    if own.any(|m| party(m) || gaz.is_type(m.entry, gazetteer::PERSON)) {
        return None;
    }
    // "They" stands for a group: a state named alone is "it".
    let plural = matches!(input.word(t), "they" | "their");
    if plural && let Some(first) = coordinated_states(input, earlier, sentence) {
        return Some(Mention {
            sentence,
            unlisted: first.unlisted,
            ..word_reference(tokens, t, first.entry)
        });
    }
    let subject = earlier
        .iter()
        .skip_while(|m| m.sentence + 1 < sentence)
        .take_while(|m| m.sentence < sentence)
        .find(|m| !after_preposition(input, lex, m))?;
    // "The European Union's package… It also targets…": a possessor is
    // not the subject.
    let possessor = (subject.tok_end as usize) < tokens.len()
        && matches!(
            input.text[tokens[subject.tok_end as usize].start as usize..]
                .chars()
                .next(),
            Some('\'' | '\u{2019}' | '\u{2bc}')
        );
    // "U.N. aid chief Tom Fletcher called it…": a name before a title and
    // a person modifies the person, who is the subject.
    let titled = earlier.iter().any(|m| {
        m.sentence == subject.sentence
            && m.tok_start > subject.tok_end
            && m.tok_start <= subject.tok_end + 4
            && gaz.is_type(m.entry, gazetteer::PERSON)
    });
    let state = |e: u32| acts_as_state(gaz, e);
    // A demonym is the subject only before an organ ("The Chinese
    // government… it"), not before what it modifies ("The Pakistani
    // strikes…").
    let k = subject.tok_end as usize;
    let organ = k < tokens.len()
        && tokens[k].is_word()
        && (lex.government_heads.contains(input.word(k))
            || lex.bare_government_heads.contains(input.word(k))
            || lex.armed_forces_heads.contains(input.word(k))
            || lex.group_heads.contains(input.word(k)));
    if possessor
        || titled
        || (subject.kind == AliasKind::Demonym && !organ)
        || !party(subject)
        || gaz.is_type(subject.entry, gazetteer::PERSON)
        || (plural && state(subject.entry))
    {
        return None;
    }
    Some(Mention {
        sentence,
        unlisted: subject.unlisted,
        ..word_reference(tokens, t, subject.entry)
    })
}

/// A state, or an organ or capital that stands for one.
fn acts_as_state(gaz: &Gazetteer, e: u32) -> bool {
    gaz.is_state(e) || gaz.stands_for_of(e).is_some_and(|s| gaz.is_state(s))
}

/// "The leaders of Mali, Burkina Faso and Niger met… They agreed…": the
/// first of the states that open the sentence before, when two or more are
/// joined by commas and "and" and an event trigger follows them within two
/// words (they are its subject). "They" stands for all of them; the first
/// takes the role, as it would for the names themselves.
fn coordinated_states<'m>(
    input: &RefInput,
    earlier: &'m [Mention],
    sentence: u32,
) -> Option<&'m Mention> {
    let gaz = input.gaz;
    let tokens = &input.tokens;
    let state = |m: &Mention| {
        m.unlisted == u32::MAX && !gaz.is_generic(m.entry) && acts_as_state(gaz, m.entry)
    };
    let from = earlier.partition_point(|m| m.sentence + 1 < sentence);
    let to = earlier.partition_point(|m| m.sentence < sentence);
    let prev = &earlier[from..to];
    let first = prev.first()?;
    let mut n = 1;
    let mut last = first;
    for m in &prev[1..] {
        let joined = (last.tok_end..m.tok_start).all(|k| {
            let k = k as usize;
            match tokens[k].is_word() {
                true => input.word(k) == "and",
                false => input.raw_is(k, ','),
            }
        });
        if !joined || !state(m) {
            break;
        }
        n += 1;
        last = m;
    }
    let end = last.tok_end as usize;
    let trigger_next = (end..(end + 3).min(tokens.len()))
        .any(|k| input.triggers.binary_search(&(k as u32)).is_ok());
    (n >= 2 && state(first) && trigger_next).then_some(first)
}

/// The head of a pair reference opened at token `t`: "both sides" (`t` is
/// "both"), "the two leaders" (`t` is "the").
fn pair_head(input: &RefInput, lex: &ReferenceLexicon, t: usize) -> Option<usize> {
    let tokens = input.tokens;
    let word_at = |k: usize| (k < tokens.len() && tokens[k].is_word()).then(|| input.word(k));
    let det = input.word(t);
    let h = if lex.pair_openers.contains(det) {
        t + 1
    } else if lex.determiners.contains(det)
        && word_at(t + 1).is_some_and(|w| lex.pair_numbers.contains(w))
    {
        t + 2
    } else {
        return None;
    };
    word_at(h)
        .is_some_and(|w| lex.pair_heads.contains(w))
        .then_some(h)
}

/// Which parties a pair head takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PairKind {
    /// "the two sides": any party.
    Party,
    /// "the two leaders": people.
    Person,
    /// "both countries": states.
    State,
}

impl PairKind {
    fn of(lex: &ReferenceLexicon, head: &str) -> PairKind {
        if lex.pair_person_heads.contains(head) {
            PairKind::Person
        } else if lex.pair_state_heads.contains(head) {
            PairKind::State
        } else {
            PairKind::Party
        }
    }
}

/// The two parties of `kind` named joined by "and" ("India and
/// Pakistan", "Armenian Prime Minister Nikol Pashinyan and Azerbaijani
/// President Ilham Aliyev") in `sentence` or the [`GROUP_REACH`] before
/// it, as two different entries, the first named first; of several such
/// pairs, the one named most often in that reach, the latest on a tie. A demonym right
/// before a person's title and name ("Azerbaijani President Ilham
/// Aliyev") is part of that person's phrase, not a party of its own.
fn coordinated_pair(
    input: &RefInput,
    lex: &ReferenceLexicon,
    earlier: &[Mention],
    (sentence, t): (u32, usize),
    kind: PairKind,
) -> Option<(u32, u32)> {
    let gaz = input.gaz;
    let is_person = |m: &Mention| gaz.is_type(m.entry, gazetteer::PERSON);
    let fits = |i: usize| {
        let m = &earlier[i];
        if m.unlisted != u32::MAX || m.kind == AliasKind::Reference || gaz.is_generic(m.entry) {
            return false;
        }
        let state = gaz.is_state(m.entry) || gaz.stands_for_of(m.entry).is_some();
        let modifies_person = m.kind == AliasKind::Demonym
            && earlier.get(i + 1).is_some_and(|n| {
                is_person(n)
                    && n.tok_start <= m.tok_end + 3
                    && (m.tok_end..n.tok_start).all(|k| input.tokens[k as usize].is_word())
            });
        match kind {
            PairKind::Person => is_person(m),
            PairKind::State => state,
            PairKind::Party => {
                !modifies_person && (state || is_person(m) || gaz.is_type(m.entry, gazetteer::ORG))
            }
        }
    };
    let candidates: Vec<usize> = (0..earlier.len())
        .rev()
        .take_while(|&i| earlier[i].sentence + GROUP_REACH >= sentence)
        .filter(|&i| fits(i))
        .collect();
    let pairs = candidates.windows(2).filter_map(|w| {
        let (b, a) = (&earlier[w[0]], &earlier[w[1]]);
        // After "and" only "the" or capitalised words (a title, a demonym)
        // before the second name: "Ukraine and that Berlin would…" is no
        // pair.
        let and = (a.tok_end..b.tok_start)
            .map(|k| k as usize)
            .find(|&k| input.tokens[k].is_word() && input.word(k) == "and");
        let joined = a.sentence == b.sentence
            && a.entry != b.entry
            && b.tok_start <= a.tok_end + 4
            && and.is_some_and(|k| {
                (k + 1..b.tok_start as usize).all(|j| {
                    let t = &input.tokens[j];
                    t.is_word()
                        && (input.word(j) == "the"
                            || input.text[t.start as usize..].starts_with(char::is_uppercase))
                })
            });
        // "mediated by Qatar and Turkey": the go-betweens.
        let k = a.tok_start as usize;
        // "pressure from Washington and Beijing": outsiders.
        let mediators = k >= 2
            && input.tokens[k - 1].is_word()
            && input.tokens[k - 2].is_word()
            && match input.word(k - 1) {
                "by" => lex.pair_mediators.contains(input.word(k - 2)),
                "from" => lex.pair_outsiders.contains(input.word(k - 2)),
                _ => false,
            };
        (joined && !mediators).then_some((a.entry, b.entry, a.sentence))
    });
    // Of several pairs, the one named most often in that reach (a person
    // counting for the state), the latest on a tie: "Thailand and
    // Cambodia agreed to a ceasefire…, which the U.S. and Chinese
    // ambassadors attended… Commanders from both sides will meet"
    // (Thailand and Cambodia).
    let named = |e: u32| {
        candidates
            .iter()
            .filter(|&&i| earlier[i].entry == e || gaz.country_of(earlier[i].entry) == Some(e))
            .count()
    };
    let joined = pairs
        .enumerate()
        .max_by_key(|&(i, (a, b, _))| (named(a) + named(b), std::cmp::Reverse(i)))
        .map(|(_, p)| p);
    // "In May, India struck nine sites in Pakistan… before the two sides
    // agreed a truce": two states of the reference's own sentence come
    // before a pair joined in an earlier one.
    if let Some((a, b, at)) = joined
        && at < sentence
        && kind != PairKind::Person
    {
        let mut own: Vec<u32> = Vec::new();
        for &i in candidates.iter().rev() {
            let m = &earlier[i];
            if m.sentence != sentence || is_person(m) {
                continue;
            }
            let Some(s) = [Some(m.entry), gaz.stands_for_of(m.entry)]
                .into_iter()
                .flatten()
                .find(|&e| gaz.is_state(e))
            else {
                continue;
            };
            if !own.contains(&s) {
                own.push(s);
            }
        }
        return Some(if own.len() == 2 {
            (own[0], own[1])
        } else {
            (a, b)
        });
    }
    if let Some((a, b, _)) = joined {
        return Some((a, b));
    }
    if kind == PairKind::Person {
        return None;
    }
    // "Indian troops clashed with Chinese soldiers… the two countries":
    // with no pair joined by "and", exactly two states named (a capital
    // for its state) are the two, the first named first; three or more
    // are no pair. "The two sides" too, when no group or body that acts
    // for itself is named in that reach ("India struck Pakistan…
    // Islamabad closed its airspace… The two sides agreed to a
    // ceasefire"); people are named with their states and do not count.
    // "Malaysia's prime minister, Anwar Ibrahim, said both governments had
    // agreed": who reports is no side of the pair.
    let reporter = |m: &Mention| {
        m.sentence == sentence
            && (m.tok_end as usize..t)
                .any(|k| input.tokens[k].is_word() && lex.pair_reporting.contains(input.word(k)))
    };
    // "the accord with Cambodia inked in Kuala Lumpur": a capital after
    // "in" or "at" is where something happens, not a government.
    let venue = |m: &Mention| {
        let k = m.tok_start as usize;
        !gaz.is_state(m.entry)
            && k > 0
            && input.tokens[k - 1].is_word()
            && matches!(input.word(k - 1), "in" | "at")
    };
    let mut states: Vec<u32> = Vec::new();
    for &i in candidates.iter().rev() {
        if reporter(&earlier[i]) || venue(&earlier[i]) {
            continue;
        }
        let e = earlier[i].entry;
        if kind == PairKind::Party {
            if is_person(&earlier[i]) {
                continue;
            }
            if !gaz.is_state(e) && gaz.stands_for_of(e).is_none() {
                return None;
            }
        }
        let s = if gaz.is_state(e) {
            e
        } else {
            gaz.stands_for_of(e)
                .filter(|&s| gaz.is_state(s))
                .unwrap_or(e)
        };
        if !states.contains(&s) {
            states.push(s);
        }
    }
    (states.len() == 2).then(|| (states[0], states[1]))
}

/// Are `a` and `b` the two halves of one pair reference ("the two" and
/// "sides" in "the two sides")? The shallow parse joins them as "Congo
/// and Rwanda" would be.
pub fn is_pair_half(a: &Mention, b: &Mention) -> bool {
    a.kind == AliasKind::Reference && b.kind == AliasKind::Reference && a.tok_end == b.tok_start
}

/// The latest listed entry named within `reach` sentences back (a
/// reference itself aside) that `fits`.
fn latest(
    earlier: &[Mention],
    sentence: u32,
    reach: u32,
    fits: impl Fn(&Mention) -> bool,
) -> Option<u32> {
    earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence + reach >= sentence)
        .find(|m| m.unlisted == u32::MAX && m.kind != AliasKind::Reference && fits(m))
        .map(|m| m.entry)
}

/// "the rebels": the latest armed group (`subtype=armed_group`) named
/// within [`GROUP_REACH`] sentences.
/// "the government and the rebels", "the ELN and the government": a bare
/// "the government" joined by "and" or "or" to an armed group (a name, or
/// "the rebels" for the latest one named) is the government of the
/// group's home state, the side it fights. `t` is "the", `h` the head.
fn opposing_government(
    input: &RefInput,
    lex: &ReferenceLexicon,
    mentions: &[Mention],
    earlier: &[Mention],
    t: usize,
    h: usize,
    sentence: u32,
) -> Option<u32> {
    let gaz = input.gaz;
    let joined = |k: usize| {
        k < input.tokens.len() && input.tokens[k].is_word() && matches!(input.word(k), "and" | "or")
    };
    // The group after: a name right after "and", or "the" and a group head.
    let after = || {
        let k = h + 1;
        if !joined(k) {
            return None;
        }
        let i = mentions.partition_point(|m| (m.tok_start as usize) <= k);
        if let Some(m) = mentions.get(i)
            && (m.tok_start as usize) <= k + 2
            && is_armed_group(gaz, m.entry)
        {
            return Some(m.entry);
        }
        (k + 2 < input.tokens.len()
            && input.word(k + 1) == "the"
            && lex.group_heads.contains(input.word(k + 2)))
        .then(|| latest_armed_group(input, earlier, sentence))
        .flatten()
    };
    // The group before: "the ELN and the government".
    let before = || {
        let m = earlier.last()?;
        (t >= 2 && joined(t - 1) && m.tok_end as usize == t - 1 && is_armed_group(gaz, m.entry))
            .then_some(m.entry)
    };
    let group = after().or_else(before)?;
    gaz.country_of(group)
}

/// A group named as an owner ("JNIM, al-Qaeda's affiliate in the Sahel")
/// or as the first half of a compound ("the al-Qaeda-linked group") is
/// taken only when no other group was named in that reach: "the group"
/// is then JNIM, or al-Shabaab.
fn latest_armed_group(input: &RefInput, earlier: &[Mention], sentence: u32) -> Option<u32> {
    let owner = |m: &Mention| {
        let k = m.tok_end as usize;
        k + 1 < input.tokens.len()
            && !input.tokens[k].is_word()
            && (input.word(k + 1) == "s"
                || (input.raw_is(k, '-')
                    && !input.tokens[k].space_before
                    && !input.tokens[k + 1].space_before))
    };
    salient_group(earlier, sentence, |m| {
        is_armed_group(input.gaz, m.entry) && !owner(m)
    })
    .or_else(|| {
        latest(earlier, sentence, GROUP_REACH, |m| {
            is_armed_group(input.gaz, m.entry)
        })
    })
}

/// The armed group named most often within [`GROUP_REACH`] sentences that
/// `fits`, the latest named on a tie: "an offensive by ELN rebels… former
/// FARC fighters… talks with the group" is about the ELN.
fn salient_group(
    earlier: &[Mention],
    sentence: u32,
    fits: impl Fn(&Mention) -> bool,
) -> Option<u32> {
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for m in earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence + GROUP_REACH >= sentence)
        .filter(|m| m.unlisted == u32::MAX && m.kind != AliasKind::Reference && fits(m))
    {
        match counts.iter_mut().find(|c| c.0 == m.entry) {
            Some(c) => c.1 += 1,
            None => counts.push((m.entry, 1)),
        }
    }
    // Latest first, so `max_by_key`'s last maximum is wrong: keep the first.
    let best = counts.iter().map(|c| c.1).max()?;
    counts.iter().find(|c| c.1 == best).map(|c| c.0)
}

fn is_armed_group(gaz: &Gazetteer, entry: u32) -> bool {
    gaz.has_subtype(entry, "armed_group")
}

/// "the Yemeni group", "the Lebanese militant group" (the determiner at `t`):
/// the armed group of that state named last within [`GROUP_REACH`]
/// sentences (Houthis, Hezbollah). The demonym names the group's home, not
/// the party that acts, so a role must take the group: the reference is
/// the head word alone, beside the demonym's own mention. None when no
/// such group was named; the demonym then stands as it is.
fn home_group_reference(
    input: &RefInput,
    lex: &ReferenceLexicon,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let gaz = input.gaz;
    let tokens = input.tokens;
    let i = mentions.partition_point(|m| (m.tok_end as usize) <= t + 1);
    let home = mentions.get(i)?;
    let mut head = home.tok_end as usize;
    if home.tok_start as usize != t + 1
        || home.kind != AliasKind::Demonym
        || !gaz.is_state(home.entry)
        || head + 1 >= tokens.len()
        || !tokens[head].is_word()
    {
        return None;
    }
    // "the Lebanese militant group": a word of `GROUP_KINDS` may stand
    // between ("the Syrian monitoring group" is no armed group).
    if tokens[head + 1].is_word() && lex.group_kinds.contains(input.word(head)) {
        head += 1;
    }
    if !lex.group_heads.contains(input.word(head)) {
        return None;
    }
    let earlier = &mentions[i.saturating_sub(REACH)..i];
    let group = latest(earlier, home.sentence, GROUP_REACH, |m| {
        is_armed_group(gaz, m.entry) && gaz.country_of(m.entry) == Some(home.entry)
    })?;
    Some(Mention {
        start: tokens[head].start,
        end: tokens[head].end,
        tok_start: head as u32,
        tok_end: head as u32 + 1,
        sentence: home.sentence,
        entry: group,
        kind: AliasKind::Reference,
        unlisted: u32::MAX,
    })
}

/// Moves `sentence` forward to the sentence that holds token `t` (the
/// loop over tokens keeps it as it goes).
fn advance_sentence(input: &RefInput, sentence: &mut usize, t: usize) {
    while *sentence + 1 < input.sentences.len()
        && input.sentences[*sentence].end_token as usize <= t
    {
        *sentence += 1;
    }
}

/// "the North" after North Korea, "the South" after South Korea: a
/// capitalised word of `HALF_STATE_HEADS` right after "the", not followed
/// by another capitalised word ("the North Atlantic"), names the state
/// named before in this document (within [`REACH`] mentions) whose name is
/// that word and one more; none when no such state was named.
fn half_state_reference(
    input: &RefInput,
    lex: &ReferenceLexicon,
    mentions: &[Mention],
    t: usize,
) -> Option<Mention> {
    let gaz = input.gaz;
    let tokens = input.tokens;
    let h = t + 1;
    if h >= tokens.len()
        || !tokens[h].is_word()
        || input.is_lower(h)
        || !lex.half_state_heads.contains(input.word(h))
        || (h + 1 < tokens.len() && tokens[h + 1].is_word() && !input.is_lower(h + 1))
    {
        return None;
    }
    let i = mentions.partition_point(|m| (m.tok_end as usize) <= t);
    if mentions.get(i).is_some_and(|m| (m.tok_start as usize) <= h) {
        return None; // part of a name
    }
    let head = input.word(h);
    let earlier = &mentions[i.saturating_sub(REACH)..i];
    let state = earlier.iter().rev().find(|m| {
        gaz.is_state(m.entry) && {
            let name = &gaz.entry(m.entry).canonical;
            let mut words = name.split(' ');
            words.next().is_some_and(|w| w.eq_ignore_ascii_case(head))
                && words.next().is_some()
                && words.next().is_none()
        }
    })?;
    Some(Mention {
        start: tokens[t].start,
        end: tokens[h].end,
        tok_start: t as u32,
        tok_end: h as u32 + 1,
        sentence: 0, // set by the caller
        entry: state.entry,
        kind: AliasKind::Reference,
        unlisted: u32::MAX,
    })
}

/// "the area" (`states` false), "there" (`states` true): the latest place
/// named within [`PLACE_REACH`] sentences, not by a demonym ("Nigerien
/// troops" names no place). "the town" (`settlement`) names no region,
/// "the region" (`regional`) no city.
/// A place an entity pattern found ("the village of Tillia") counts too:
/// the reference then names that unlisted place (entry and unlisted index).
fn latest_place(
    input: &RefInput,
    earlier: &[Mention],
    sentence: u32,
    states: bool,
    (settlement, regional): (bool, bool),
) -> Option<(u32, u32)> {
    earlier
        .iter()
        .rev()
        .take_while(|m| m.sentence + PLACE_REACH >= sentence)
        .find(|m| {
            let gaz = input.gaz;
            // Not a capital standing for its state ("Washington said"),
            // nor a place named as an owner ("Gaza's health ministry").
            let k = m.tok_end as usize;
            let owner = k + 1 < input.tokens.len()
                && !input.tokens[k].is_word()
                && input.word(k + 1) == "s";
            m.kind != AliasKind::Reference
                && m.kind != AliasKind::Demonym
                && gaz.is_type(m.entry, gazetteer::PLACE)
                && !gaz.is_generic(m.entry)
                && (states || !gaz.is_state(m.entry))
                && !(settlement && is_subdivision(gaz, m.entry))
                && !(regional && is_city(gaz, m.entry))
                && gaz.stands_for_of(m.entry).is_none()
                && !owner
        })
        .map(|m| (m.entry, m.unlisted))
}

/// Is the entry a city (it has a `geonames_id`), which "the region" never
/// names?
fn is_city(gaz: &Gazetteer, entry: u32) -> bool {
    gaz.entry(entry)
        .attributes
        .iter()
        .any(|(k, _)| k == "geonames_id")
}

/// Is the entry a subdivision of a state (a region, province, oblast: it
/// has a `subdivision_type`), which "the town" never names?
fn is_subdivision(gaz: &Gazetteer, entry: u32) -> bool {
    gaz.entry(entry)
        .attributes
        .iter()
        .any(|(k, _)| k == "subdivision_type")
}

/// Words after "there" that make it the existential "there is", not a
/// place.
const EXISTENTIAL: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "may",
    "might", "could", "seems", "seem", "appears", "remain", "remains", "remained",
];

/// Does an event trigger stand at most `gap` tokens before token `t`?
/// Does an event trigger start at most `gap` tokens after token `t`?
fn trigger_after(input: &RefInput, t: usize, gap: usize) -> bool {
    let i = input.triggers.partition_point(|&k| (k as usize) <= t);
    input
        .triggers
        .get(i)
        .is_some_and(|&k| (k as usize) <= t + gap)
}

fn trigger_before(input: &RefInput, t: usize, gap: usize) -> bool {
    let i = input.triggers.partition_point(|&k| (k as usize) < t);
    i > 0 && input.triggers[i - 1] as usize + gap >= t
}

/// "stationed there", "sent troops there": "there" at most [`THERE_GAP`]
/// tokens after an event trigger, not before a form of *be* or *have*,
/// names the latest place (a state too) named within [`PLACE_REACH`]
/// sentences.
fn there_reference(
    input: &RefInput,
    mentions: &[Mention],
    t: usize,
    sentence: u32,
) -> Option<Mention> {
    let tokens = input.tokens;
    let after_trigger = trigger_before(input, t, THERE_GAP);
    let existential =
        t + 1 < tokens.len() && tokens[t + 1].is_word() && EXISTENTIAL.contains(&input.word(t + 1));
    if !after_trigger || existential {
        return None;
    }
    let before = free_before(mentions, t, t)?;
    let earlier = &mentions[before.saturating_sub(REACH)..before];
    let (entry, unlisted) = latest_place(input, earlier, sentence, true, (false, false))?;
    Some(Mention {
        start: tokens[t].start,
        end: tokens[t].end,
        tok_start: t as u32,
        tok_end: t as u32 + 1,
        sentence,
        entry,
        kind: AliasKind::Reference,
        unlisted,
    })
}

/// "the system": the latest specific weapon named within [`WEAPON_REACH`]
/// sentences.
fn latest_weapon(gaz: &Gazetteer, earlier: &[Mention], sentence: u32) -> Option<u32> {
    latest(earlier, sentence, WEAPON_REACH, |m| {
        gaz.is_type(m.entry, gazetteer::WEAPON) && !gaz.is_generic(m.entry)
    })
}
