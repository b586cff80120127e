//! Rules: user-editable patterns that turn triggers and entity mentions into
//! events.
//!
//! A rule names an event type, its trigger words (inflected automatically),
//! the grammatical form it applies to (active, passive, nominal), and one
//! line per role slot saying which entity types may fill it and where the
//! filler stands relative to the trigger. The language is documented in
//! README.md ("Rules"); the parser is in [`parse`], the matcher in [`engine`].
//!
//! Rule files are compiled once into a [`RuleSet`]: trigger forms go into a
//! hash map keyed by their first folded word, so finding triggers costs one
//! lookup per word, and every list, cue and type name is resolved up front.

pub mod engine;
pub mod inflect;
pub mod parse;

use crate::gazetteer::Gazetteer;
use crate::normalize::fold_phrase;
use inflect::{Form, noun_forms, verb_forms};
use parse::{Item, Stmt, Tok, TokKind, expect_word, parse_items};
use std::cell::RefCell;
use std::collections::HashMap;

/// What can be wrong with rule files. Every error points at a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("{file}:{line}:{col}: {message}")]
    At {
        file: String,
        line: u64,
        col: usize,
        message: String,
    },
    #[error("cannot read rules {file}: {message}")]
    Io { file: String, message: String },
}

impl RuleError {
    pub fn at(file: &str, line: u64, col: usize, message: impl Into<String>) -> RuleError {
        RuleError::At {
            file: file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    /// An error just after the last token of a line ("expected ... before
    /// the end of the line").
    pub fn after(last: &Tok, file: &str, message: impl Into<String>) -> RuleError {
        RuleError::at(
            file,
            last.line,
            last.col + last.text.chars().count(),
            message,
        )
    }

    fn at_tok(file: &str, t: &Tok, message: impl Into<String>) -> RuleError {
        RuleError::at(file, t.line, t.col, message)
    }
}

/// One rule or mapping file to load.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// User files override defaults by rule id, list name and event type.
    pub user: bool,
}

/// Which grammatical form of the trigger a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormReq {
    /// No `form` line: verbs match as verbs, nouns as nouns (a word listed
    /// only under `verbs` does not match its noun or adjective homograph).
    Unstated,
    /// `form any`: every form of every listed word, noun uses of verbs too
    /// ("a ban on exports" for `verbs ban`).
    Any,
    /// A verb form not preceded by a passive auxiliary.
    Active,
    /// A past participle after a form of "be" or "get".
    Passive,
    /// A noun form ("the authorization", "sanctions on").
    Nominal,
}

/// Where a slot filler or a context word stands relative to the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Before,
    After,
    Around,
}

/// Restriction on demonym mentions in a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adjectives {
    Any,
    Only,
    Never,
}

pub use crate::words::{Map, Phrase, PhraseSet, WordSet};

/// One role slot of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Shared with every event that fills it (cloned by reference count).
    pub name: std::sync::Arc<str>,
    /// Entity type indices allowed; empty with `number` set for quantities.
    pub types: Vec<u16>,
    pub number: bool,
    pub direction: Direction,
    /// When not empty, the filler must follow one of these phrases, with at
    /// most `gap` words between.
    pub cues: PhraseSet,
    pub window: u32,
    pub gap: u32,
    /// Report the entity a metonym stands for (Kremlin → Russia).
    pub state: bool,
    /// May reuse an entity already used by another slot of the event.
    pub shared: bool,
    /// Never the very mention that fills another slot, even when `shared`
    /// lets its group be reused: the partner coordinated with the actor
    /// ("Pakistan, Afghanistan agree…").
    pub other: bool,
    pub adjectives: Adjectives,
    /// When not empty, the filler must be followed by one of these phrases,
    /// with at most `gap` words between ("North Korean" + "troops").
    pub followed: PhraseSet,
    /// The filler must not be followed right away by one of these phrases:
    /// "talks with Qatari mediation" has no party Qatar.
    pub notfollowed: PhraseSet,
    /// The filler must not come right after one of these phrases (an actor
    /// is not the "to" of "to Ukraine").
    pub nocue: PhraseSet,
    /// The search after the trigger stops at one of these phrases: what
    /// follows "after an attack in Catatumbo" belongs to that attack.
    pub upto: PhraseSet,
    /// Skip fillers that begin a hyphenated compound ("Greek-owned tanker",
    /// "Hong Kong-based company"): they modify something else.
    pub nocompound: bool,
    /// Take a filler glued by a hyphen to a word of `HOMES` even when
    /// `nocompound`: "sanctions on Hong Kong-based firms" are on Hong Kong.
    pub home: bool,
    /// Only a side of a hyphenated pair of names ("US-Russia talks"): 1 the
    /// first name, 2 the second; 0 any filler.
    pub pair: u8,
    /// Entries with one of these attribute values never fill the slot
    /// (`exclude subtype:media`: a news agency is not an attacker).
    pub exclude: Vec<(String, String)>,
    /// Only entries that have all these attributes fill the slot (`with
    /// iso2`: countries, not cities), each with one of the listed values
    /// when values are given (`with subtype:international|alliance`:
    /// international bodies, not ministries or companies).
    pub with: Vec<(String, Vec<String>)>,
    /// Try named entities before generic classes: "ATACMS" before
    /// "missiles", even when the class is nearer.
    pub named: bool,
    /// Prefer a more specific mention that the filler introduces:
    /// "Russia's Kursk region" → Kursk, "Israeli Prime Minister Benjamin
    /// Netanyahu" → Benjamin Netanyahu.
    pub specific: bool,
    /// The filler must be the trigger's grammatical subject (or, for a
    /// noun, its agent: "Israel's strikes"); see [`crate::syntax`].
    pub subject: bool,
    /// The filler must be the trigger's direct object.
    pub object: bool,
    /// The filler must stand in the trigger's clause.
    pub clause: bool,
    /// The filler must not be who reports the trigger's clause: in "the
    /// Kremlin said the sanctions were illegal", not the Kremlin.
    pub noreporter: bool,
    /// The filler must be a party that can act: a person, an organisation,
    /// a country, or a place that stands for one (a capital: "Moscow");
    /// not a city, region or sea ("agreed in Istanbul to hold talks").
    pub party: bool,
    /// Of places, only countries: a capital, which `party` takes for its
    /// state, is where an attack hit ("Israeli jets struck the suburbs of
    /// Beirut": no target).
    pub countries: bool,
    /// Report only the filler, not the names coordinated with it ("the US
    /// and Britain" → both, unless `single`).
    pub single: bool,
    /// The filler opens the sentence after words only (its cue, "the",
    /// kinds of place) and a comma closes it: a place set before the
    /// clause, "In Khartoum, the RSF shelled a market".
    pub opening: bool,
}

impl Slot {
    /// Does filling this slot need the sentence's shallow parse?
    pub fn uses_syntax(&self) -> bool {
        self.subject || self.object || self.clause || self.noreporter || !self.single
    }
}

/// Whose place "its airspace" is, in a rule's `own TO of FROM` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// The filler of this slot (a name shared with the slot).
    Slot(std::sync::Arc<str>),
    /// `of reporter`: whoever reported the trigger's clause ("Poland said
    /// Russian drones violated its airspace": Poland), when the rule has
    /// no slot of that name.
    Reporter,
}

/// A condition on the words around the trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub phrases: PhraseSet,
    pub direction: Direction,
    pub window: u32,
}

/// An example sentence and the event it must produce (or `None`: no event
/// of the rule's type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub expect: Option<Vec<(String, String)>>,
    pub line: u64,
}

/// A compiled rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    /// The name and codes are shared with every event of the rule.
    pub event_type: std::sync::Arc<str>,
    pub form: FormReq,
    pub slots: Vec<Slot>,
    pub needs: Vec<Context>,
    pub unless: Vec<Context>,
    /// Each inner list: at least one of these slots must be filled.
    /// (The names are the slots' own, shared.)
    pub requires: Vec<Vec<std::sync::Arc<str>>>,
    /// `possessor TO of FROM`: when slot TO is empty and FROM's filler is
    /// introduced by a country's possessive or demonym ("Russia's Kursk
    /// region", "the Ukrainian city of Dnipro"), that country fills TO.
    /// (Slot names, shared with the slots.)
    pub possessors: Vec<(std::sync::Arc<str>, std::sync::Arc<str>)>,
    /// `own TO of FROM`: when slot TO is empty and a possessive pronoun
    /// with a word of `OWN_PLACES` follows the trigger ("allowed flights
    /// through its airspace"), the state of FROM's filler fills TO.
    pub owns: Vec<(std::sync::Arc<str>, Owner)>,
    /// `operator TO of FROM`: when slot TO is empty and FROM's filler is a
    /// listed named warship (`class=ship`) with an `origin` code ("USS
    /// Nimitz", US), the state of that code fills TO: a navy's ship moves
    /// for its state.
    pub operators: Vec<(std::sync::Arc<str>, std::sync::Arc<str>)>,
    /// Extra modality cues: (label index, cues).
    pub modality: Vec<(usize, PhraseSet)>,
    pub cameo: std::sync::Arc<str>,
    pub plover: std::sync::Arc<str>,
    pub priority: i32,
    /// `claimable`: an event this rule finds with every required role
    /// but its actor stands when a definite mention within the next two
    /// sentences names who did it ("A car bomb exploded in Kirkuk.
    /// Islamic State claimed the bombing").
    pub claimable: bool,
    /// `claimable local`: such an event, told by a noun at a named place
    /// below a country, stands even when no claim follows ("an overnight
    /// drone barrage on the regions of Zaporizhzhia and Kharkiv").
    pub local: bool,
    pub examples: Vec<Example>,
    /// `file:line` of the `rule` line.
    pub origin: String,
    /// Loaded from a user file (`--rules`), not from the defaults.
    pub user: bool,
    /// Does a slot need the shallow parse ([`Slot::uses_syntax`])?
    pub syntax: bool,
}

/// A `words NAME = ...` list as loaded (the last definition of the name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordList {
    pub name: String,
    /// The items as written (`@LIST` items not expanded).
    pub items: Vec<String>,
    /// `file:line` of the `words` line.
    pub origin: String,
    pub user: bool,
    /// Named as `@NAME` somewhere in the loaded rule files.
    pub used: bool,
}

/// A trigger form pointing at its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub rule: u32,
    /// Folded words after the first one.
    pub rest: Box<[String]>,
    pub form: Form,
}

/// CAMEO and PLOVER codes of an event type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventType {
    pub name: String,
    pub cameo: String,
    pub plover: String,
    /// `symmetric` column `yes`: the actor and target are two sides whose
    /// order says nothing (talks between Pakistan and Afghanistan are the
    /// same talks as between Afghanistan and Pakistan), so mentions of one
    /// event are folded whichever side each names first.
    pub symmetric: bool,
}

/// Word lists the engine itself consults, named by convention in the rule
/// files (see `rules/lexicon.rules`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    pub abbreviations: Vec<String>,
    pub number_words: WordSet,
    pub number_scales: WordSet,
    pub number_prefixes: PhraseSet,
    pub passive_aux: WordSet,
    pub noun_markers: WordSet,
    pub verb_markers: WordSet,
    /// `TO_GOVERNORS`: words that make a "to" after them a preposition
    /// ("open to dialogue": a noun, not the verb of "to dialogue").
    pub to_governors: WordSet,
    pub anaphors: WordSet,
    /// Words that make a noun trigger a definite mention of an event
    /// already told ("the deployment", "this attack").
    pub definite: WordSet,
    /// Words that make a trigger an event of its own ("a separate
    /// approval", "another strike").
    pub distinct: WordSet,
    /// `INDEFINITE`: "a", "an" (new against other sentences).
    pub indefinite: WordSet,
    /// `ADJUNCTS`: prepositions that make a noun trigger part of the
    /// event of a verb before it ("killed X in a drone strike").
    pub adjuncts: WordSet,
    /// `SUMMARY_OPENERS`: words that open, right after a comma, a noun
    /// phrase summing up the event before it ("…, the first such
    /// measures").
    pub summary_openers: WordSet,
    pub months: WordSet,
    /// "years", "days": a number before one (or one word before one: "two
    /// more years") is a duration, not a quantity.
    pub durations: WordSet,
    /// "pound", "mm": a number glued to one by a hyphen ("2,000-pound
    /// bombs") measures a thing; it is no quantity.
    pub measures: WordSet,
    /// Nouns for kinds of place: a name set off by a comma after one is
    /// the place meant ("the Omani capital, Muscat").
    pub place_nouns: WordSet,
    /// What an attack hits that a state owns ("Iran's nuclear sites"):
    /// after the state's possessive, the state is the attack's target.
    pub struck_assets: WordSet,
    /// What a sentence that lists a sanction's targets opens with ("The
    /// list contains…", "The sanctioned entities are…").
    pub sanction_lists: WordSet,
    /// The last words of company names no gazetteer lists ("Sierra Nevada
    /// Corporation"), for sanctions on a state's firms.
    pub company_heads: WordSet,
    /// "war": a name right before it names a war ("the Gaza war"), and
    /// fills no role.
    pub war_names: WordSet,
    /// "mediated", "brokered": a name glued to one by a hyphen ("a
    /// US-mediated agreement") is a go-between, no party of the agreement.
    pub go_betweens: WordSet,
    /// "visit to", "departed for": the place after them is where talks
    /// told with no place are held.
    pub travel_cues: WordSet,
    /// "counter", "anti": glued by a hyphen before a generic weapon class
    /// ("counter-drone units", "anti-tank mines"), the class is no weapon
    /// of the phrase.
    pub counter_prefixes: WordSet,
    /// `COMPASS` ("northern", "eastern"): skipped when looking for the
    /// preposition before a filler ("in northern Mali").
    pub compass: WordSet,
    /// `SEATED` ("authorities", "officials"): "in" after one of them names
    /// the seat of a party, no `nocue` place ("Authorities in the
    /// Netherlands began sending jets").
    pub seated: WordSet,
    /// `LEGISLATURE_ACTS` (`POLICY_CHANGE`): event types whose actor a
    /// legislature is as itself, not as its state.
    pub legislature_acts: WordSet,
    /// `OPENING_ADJUNCTS` ("in", "after"): a sentence that opens with one
    /// holds an adjunct up to its first comma ("In response to the
    /// attack, …"), whose event nouns take no role past that comma.
    pub opening_adjuncts: WordSet,
    /// `CONCESSIVE_OPENERS` ("despite", "amid"): a place inside such an
    /// opening adjunct is not where the main clause's event happens
    /// ("Despite protests in Moscow, Aliyev and Pashinyan signed…").
    pub concessive_openers: WordSet,
    /// `OWNERS` ("its", "their") and `OWN_PLACES` ("airspace",
    /// "territory"): "through its airspace" is a place of the actor's.
    pub owners: WordSet,
    pub own_places: WordSet,
    /// `NATIONALS` ("peacekeepers", "civilians"): people a demonym before
    /// them describes; such a demonym is no location.
    pub nationals: WordSet,
    /// `POSSESSED_NON_PLACES` ("effort", "attacks"): what a place's
    /// possessive owns when the place fills no location slot ("Moscow's
    /// war effort").
    pub possessed_non_places: WordSet,
    /// `OTHER_PARTY` ("ally", "neighbours"): a state named just before one
    /// ("a US ally", "Russia's neighbours") is not the party meant.
    pub other_party: WordSet,
    /// `SPOKESPEOPLE` ("spokesman"): a person right after one speaks for a
    /// party and is none, as actor.
    pub spokespeople: WordSet,
    /// `HOLDINGS` ("base", "embassy"): a state named just before one is
    /// not where the event happens ("a US base in Syria").
    pub holdings: WordSet,
    /// `MOBILE_HOLDINGS` ("vessel", "tanker"): a demonym just before one is
    /// no location either ("attacked a Greek vessel").
    pub mobile_holdings: WordSet,
    /// `PATRONS` ("backed", "made"): a name glued before one by a hyphen
    /// does not act ("Iran-backed militias").
    pub patrons: WordSet,
    /// `CONTROLLERS` ("controlled", "held"): a name glued before one by a
    /// hyphen holds the place or thing attacked, and so is the party hit,
    /// even in a `nocompound` slot ("struck Houthi-controlled depots").
    pub controllers: WordSet,
    /// `HOMES` ("based", "registered"): a name glued before one by a
    /// hyphen is where the thing it modifies is based; a `home` slot takes
    /// it ("sanctions on Hong Kong-based firms").
    pub homes: WordSet,
    /// `ACCUSERS` ("accused", "blamed"): who accuses another of an act
    /// ("X accused Y of shelling") is not its actor.
    pub accusers: WordSet,
    /// `CHARACTERISERS` ("called", "condemned"): who names or judges an
    /// act ("X called it the worst attack") is not its actor.
    pub characterisers: WordSet,
    /// `VICTIMS` ("killed", "died"): who "was killed in the strikes" is no
    /// actor of them.
    pub victims: WordSet,
    /// `STATE_ORGAN_HEADS` ("ministry", "council"): an unlisted organisation
    /// with one first or last, right after a state's possessive or
    /// demonym, is that state's organ ("India's Defence Acquisition
    /// Council"): a `state` slot reports the state.
    pub state_organ_heads: WordSet,
    /// `CONDITIONS` ("if", "unless"): one shortly after a trigger with no
    /// modality cue before it hedges the event ("sanctions will follow if
    /// Russia refuses").
    pub conditions: WordSet,
    /// `FIRM_CONDITIONS` ("only if", "only after"): one anywhere after the
    /// trigger in its sentence, with no modality cue before the trigger,
    /// hedges the event ("would reopen the crossing only after…").
    pub firm_conditions: PhraseSet,
    /// `CAUSE_PHRASES` ("in retaliation for"): after the trigger, no slot
    /// is filled past one; what follows is the cause, another event.
    pub cause_phrases: PhraseSet,
    /// `NOUN_MODALS` ("could", "may"): the first verb after a noun trigger's
    /// phrase, when it is one of these, hedges the event ("a meeting
    /// between Putin and Zelensky could follow"), or with "not" negates it.
    pub noun_modals: WordSet,
    /// `NOUN_MODAL_VERBS` ("follow", "take place"): the verbs of an
    /// event's happening after such a modal.
    pub noun_modal_verbs: PhraseSet,
    /// `NOUN_CALLED_OFF` ("called off", "cancelled") and `NOUN_PUT_OFF`
    /// ("postponed"): after "was" or "were" following a noun trigger's
    /// phrase, the event did not take place (negated) or is put off
    /// (hedged): "the planned summit was called off".
    pub noun_called_off: PhraseSet,
    pub noun_put_off: PhraseSet,
    /// `DENIALS` ("denied", "ruled out"): one before a hedging cue makes
    /// the event negated ("denied that Moscow was preparing to meet").
    pub denials: PhraseSet,
    /// `DENIED_REPORTS` ("reports", "claims"): between a denial and
    /// "that", what the denial denies ("denied media reports that it had
    /// moved tanks": negated).
    pub denied_reports: WordSet,
    /// `REPORT_ADJUNCTS` ("on", "Sunday", "statement"): words that may
    /// stand between the reporting verb of an `asserted` cue and the rest
    /// of it ("said on Sunday it would").
    pub report_adjuncts: WordSet,
    /// `PLAN_REPORTERS` ("said", "announced"): before a named subject and
    /// "would" ("said on Monday that the United States would sell"), a
    /// plan reported, asserted like "said it would".
    pub plan_reporters: WordSet,
    /// `PLACE_RELATIVES` ("where"): after "PLACE ,", the trigger's clause
    /// happens at that place when the rule's location slot finds nothing
    /// ("to Lithuania, where a German brigade is stationed").
    pub place_relatives: WordSet,
    /// `WEAPON_SITES` ("depot", "factory"): a weapon class right before one
    /// names a place ("an ammunition depot"), not the weapon used.
    pub weapon_sites: WordSet,
    /// `SAME_ACT` ("using", "killing"): a clause without a subject that
    /// opens with one tells on the act of the clause before it ("struck
    /// the base, using F-35 jets"), so a `clause` slot may fill from it.
    pub same_act: WordSet,
    /// `DENIED_ACTS` ("denied", "denies"): a negated event right after one
    /// is a denial, which an asserted event of the text outweighs.
    pub denied_acts: WordSet,
    pub barriers: Vec<String>,
    /// The words of the reference stage (`rules/lexicon.rules`).
    pub reference: crate::reference::ReferenceLexicon,
    /// The word classes of the shallow parser (`rules/syntax.rules`).
    pub syntax: crate::syntax::SyntaxLexicon,
}

/// Tunable numbers (`setting NAME = N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub modality_window: u32,
    pub slot_gap: u32,
    pub passive_window: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            modality_window: 6,
            slot_gap: 4,
            passive_window: 3,
        }
    }
}

/// All rules, compiled. Immutable and shared by all threads.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub triggers: Map<String, Vec<Trigger>>,
    /// Modality labels in priority order, with their cue phrases.
    pub modality_labels: Vec<std::sync::Arc<str>>,
    /// The modality of an event with no cue.
    pub asserted: std::sync::Arc<str>,
    pub modality_cues: Vec<(usize, PhraseSet)>,
    pub lexicon: Lexicon,
    pub settings: Settings,
    pub event_types: Vec<EventType>,
    /// Every word list, sorted by name; the lexicon's and other tools'
    /// fixed-name lists included.
    pub lists: Vec<WordList>,
    /// Per rule: is its event type one of `LEGISLATURE_ACTS`?
    pub legislature_acts: Vec<bool>,
}

type Located<T> = (T, String, u64, bool);

/// A parsed rule before compilation: id, `rule` line, body lines, file,
/// whether it came from a user file.
type RawRule = (String, Tok, Vec<Vec<Tok>>, String, bool);

/// The word lists (`words NAME = …`) of rule files, folded; a later file's
/// list replaces an earlier one of the same name. Other stages (the entity
/// patterns) read them so that a list is written once.
pub fn word_lists(sources: &[Source]) -> Result<Vec<(String, Vec<String>)>, RuleError> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for src in sources.iter().filter(|s| !s.name.ends_with(".tsv")) {
        for stmt in parse::parse(&src.name, &src.text)? {
            if let Stmt::Words { name, items, .. } = stmt {
                let words = items.iter().map(|i| i.text.clone()).collect();
                match out.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = words,
                    None => out.push((name, words)),
                }
            }
        }
    }
    Ok(out)
}

impl RuleSet {
    /// Parses and compiles rule files and event-type tables (`.tsv`). Types
    /// named in slots are checked against `gaz`.
    pub fn build(sources: &[Source], gaz: &Gazetteer) -> Result<RuleSet, RuleError> {
        let mut words: HashMap<String, Located<Vec<Item>>> = HashMap::new();
        let mut modality: Vec<(String, Vec<Item>, bool)> = Vec::new();
        let mut settings = Settings::default();
        let mut raw_rules: Vec<RawRule> = Vec::new();
        let mut event_types: Vec<EventType> = Vec::new();
        let mut used_lists: std::collections::HashSet<String> = std::collections::HashSet::new();
        for src in sources {
            if src.name.ends_with(".tsv") {
                for et in parse_event_types(&src.name, &src.text)? {
                    match event_types.iter_mut().find(|e| e.name == et.name) {
                        Some(e) => *e = et,
                        None => event_types.push(et),
                    }
                }
                continue;
            }
            for stmt in parse::parse(&src.name, &src.text)? {
                note_list_uses(&stmt, &mut used_lists);
                match stmt {
                    Stmt::Words { name, items, at } => {
                        if let Some((_, f, l, _)) = words.get(&name)
                            && !src.user
                        {
                            return Err(RuleError::at_tok(
                                &src.name,
                                &at,
                                format!("word list `{name}` already defined at {f}:{l}"),
                            ));
                        }
                        words.insert(name, (items, src.name.clone(), at.line, src.user));
                    }
                    Stmt::Modality { label, items, at } => {
                        match modality.iter_mut().find(|(l, _, _)| *l == label) {
                            Some(m) if src.user || !m.2 => *m = (label, items, src.user),
                            Some(_) => {
                                return Err(RuleError::at_tok(
                                    &src.name,
                                    &at,
                                    format!("modality `{label}` is already defined"),
                                ));
                            }
                            None => modality.push((label, items, src.user)),
                        }
                    }
                    Stmt::Setting { name, value } => {
                        let n: u32 = value.text.parse().map_err(|_| {
                            RuleError::at_tok(
                                &src.name,
                                &value,
                                format!("expected a whole number, found `{}`", value.text),
                            )
                        })?;
                        match name.as_str() {
                            "modality_window" => settings.modality_window = n,
                            "slot_gap" => settings.slot_gap = n,
                            "passive_window" => settings.passive_window = n,
                            other => {
                                return Err(RuleError::at_tok(
                                    &src.name,
                                    &value,
                                    format!(
                                        "unknown setting `{other}` (known: modality_window, slot_gap, passive_window)"
                                    ),
                                ));
                            }
                        }
                    }
                    Stmt::Rule { id, at, body } => match raw_rules.iter().position(|r| r.0 == id) {
                        Some(i) if src.user && !raw_rules[i].4 => {
                            raw_rules[i] = (id, at, body, src.name.clone(), true)
                        }
                        Some(i) => {
                            return Err(RuleError::at_tok(
                                &src.name,
                                &at,
                                format!(
                                    "rule `{id}` already defined at {}:{}",
                                    raw_rules[i].3, raw_rules[i].1.line
                                ),
                            ));
                        }
                        None => raw_rules.push((id, at, body, src.name.clone(), src.user)),
                    },
                }
            }
        }
        let mut word_lists: Vec<WordList> = words
            .iter()
            .map(|(name, (items, file, line, user))| WordList {
                name: name.clone(),
                items: items.iter().map(|i| i.text.clone()).collect(),
                origin: format!("{file}:{line}"),
                user: *user,
                used: used_lists.contains(name),
            })
            .collect();
        word_lists.sort_by(|a, b| a.name.cmp(&b.name));
        let lists: HashMap<String, Vec<Item>> =
            words.into_iter().map(|(k, (v, _, _, _))| (k, v)).collect();
        let lexicon = build_lexicon(&lists);
        let lists = Lists {
            items: &lists,
            phrases: RefCell::new(HashMap::new()),
        };
        let mut modality_labels: Vec<String> = modality.iter().map(|m| m.0.clone()).collect();
        // "asserted" is always a label, so that a rule can say what makes
        // its trigger asserted despite a hedge nearby ("approved a possible
        // sale"); it has no shared cues.
        if !modality_labels.iter().any(|l| l == "asserted") {
            modality_labels.push("asserted".to_string());
        }
        let mut modality_cues = Vec::new();
        for (i, (_, items, _)) in modality.iter().enumerate() {
            let mut cues = Vec::new();
            for item in items {
                cues.extend(expand_item(item, &lists, "?")?);
            }
            modality_cues.push((i, PhraseSet::from(cues)));
        }
        let mut compiler = Compiler {
            gaz,
            lists: &lists,
            settings,
            modality_labels: &modality_labels,
            event_types: &event_types,
        };
        let mut rules = Vec::with_capacity(raw_rules.len());
        let mut triggers: Map<String, Vec<Trigger>> = Map::default();
        for (id, at, body, file, user) in &raw_rules {
            let (mut rule, forms) = compiler.rule(file, id, at, body)?;
            rule.user = *user;
            let idx = rules.len() as u32;
            for (phrase, form) in forms {
                let folded = fold_phrase(&phrase);
                let mut words = folded.split(' ').map(str::to_string);
                let Some(first) = words.next() else { continue };
                let list = triggers.entry(first).or_default();
                let trig = Trigger {
                    rule: idx,
                    rest: words.collect(),
                    form,
                };
                if !list.contains(&trig) {
                    list.push(trig);
                }
            }
            rules.push(rule);
        }
        let legislature_acts = rules
            .iter()
            .map(|r| {
                lexicon
                    .legislature_acts
                    .contains(fold_phrase(&r.event_type).as_str())
            })
            .collect();
        Ok(RuleSet {
            legislature_acts,
            rules,
            triggers,
            modality_labels: modality_labels.iter().map(|l| l.as_str().into()).collect(),
            asserted: "asserted".into(),
            modality_cues,
            lexicon,
            settings,
            event_types,
            lists: word_lists,
        })
    }

    /// The CAMEO and PLOVER codes for an event type.
    pub fn event_type(&self, name: &str) -> Option<&EventType> {
        self.event_types.iter().find(|e| e.name == name)
    }
}

/// Word lists that evex reads by name (besides `@NAME` in rules), and what
/// reads them. `evex lint` does not call them unused.
pub const TOOL_LISTS: &[(&str, &str)] = &[
    ("ABBREVIATIONS", "sentence splitting"),
    ("NUMBER_WORDS", "quantities"),
    ("NUMBER_SCALES", "quantities"),
    ("NUMBER_PREFIXES", "quantities"),
    ("PASSIVE_AUX", "trigger forms and the shallow parse"),
    ("BARRIERS", "slot search"),
    ("CAUSE_PHRASES", "slot search"),
    ("NOUN_MARKERS", "trigger forms"),
    ("VERB_MARKERS", "trigger forms"),
    ("TO_GOVERNORS", "trigger forms"),
    ("ANAPHORS", "generic mentions"),
    ("DEFINITE", "event mentions that refer back"),
    ("DISTINCT", "event mentions that are events of their own"),
    ("INDEFINITE", "event mentions that are new events"),
    ("ADJUNCTS", "event mentions inside another event's adjunct"),
    (
        "SUMMARY_OPENERS",
        "event nouns in apposition to the event before",
    ),
    ("REFERENCE_DETERMINERS", "references (\"the country\")"),
    ("REFERENCE_POSSESSIVES", "references (\"his country\")"),
    ("COUNTRY_HEADS", "references (\"the country\")"),
    ("WEAPON_HEADS", "references (\"the system\")"),
    ("AREA_HEADS", "references (\"the area\")"),
    ("SETTLEMENT_HEADS", "references (\"the town\")"),
    ("REGION_HEADS", "references (\"the region\")"),
    ("CAPITAL_HEADS", "references (\"the Afghan capital\")"),
    ("PERSON_TITLE_HEADS", "references (\"the president\")"),
    (
        "PERSON_TITLE_QUALIFIERS",
        "references (\"the foreign minister\")",
    ),
    (
        "PERSON_LEADER_TITLES",
        "references (\"the Russian leader\")",
    ),
    ("PLACE_ADVERBS", "references (\"stationed there\")"),
    ("REFERENCE_PRONOUNS", "references (\"their attacks\")"),
    ("OBJECT_PRONOUNS", "references (\"struck them\")"),
    ("PERSON_PRONOUNS", "references (\"she sent\")"),
    ("PARTY_PRONOUNS", "references (\"it tried to kill\")"),
    ("ARMED_FORCES_HEADS", "references (\"the military\")"),
    ("PARLIAMENT_HEADS", "references (\"the parliament\")"),
    ("GOVERNMENT_HEADS", "references (\"the junta\")"),
    ("GOVERNMENT_FORCES", "references (\"junta aircraft\")"),
    (
        "BARE_GOVERNMENT_HEADS",
        "references (\"government forces\")",
    ),
    (
        "GOVERNMENT_KINDS",
        "references (\"the federal government\")",
    ),
    ("HALF_STATE_HEADS", "references (\"the North\")"),
    (
        "REFERENCE_OBJECT_CUES",
        "references (\"its attacks on the country\")",
    ),
    (
        "ANTECEDENT_SKIPS",
        "references (\"its participation in the CSTO\")",
    ),
    (
        "ARMED_FORCES_CUES",
        "references (\"Israeli forces… the military\")",
    ),
    ("GROUP_HEADS", "references (\"the rebels\")"),
    (
        "GROUP_KINDS",
        "references (\"the Lebanese militant group\")",
    ),
    ("PAIR_OPENERS", "references (\"both sides\")"),
    ("PAIR_NUMBERS", "references (\"the two sides\")"),
    ("PAIR_HEADS", "references (\"the two sides\")"),
    ("PAIR_PERSON_HEADS", "references (\"the two leaders\")"),
    ("PAIR_STATE_HEADS", "references (\"both countries\")"),
    (
        "PAIR_MEDIATORS",
        "references (\"mediated by Qatar and Turkey\")",
    ),
    (
        "PAIR_OUTSIDERS",
        "references (\"pressure from Washington and Beijing\")",
    ),
    (
        "PAIR_REPORTING",
        "references (\"X's prime minister said both governments\")",
    ),
    ("DENIED_REPORTS", "modality (\"denied reports that\")"),
    (
        "DENIED_ACTS",
        "denials of asserted events (\"the junta denied\")",
    ),
    ("PLACE_NOUNS", "specific slot fillers"),
    (
        "SANCTION_LISTS",
        "sanction targets listed after it (\"The sanctioned entities are…\")",
    ),
    (
        "COMPANY_HEADS",
        "companies a sanction on a state's firms hits (\"Sierra Nevada Corporation\")",
    ),
    (
        "WAR_NAMES",
        "names of wars, which fill no role (\"the Gaza war\")",
    ),
    (
        "GO_BETWEENS",
        "go-betweens of agreements told without parties (\"a US-mediated deal\")",
    ),
    (
        "TRAVEL_CUES",
        "places of talks a party travels to (\"his visit to Paris\")",
    ),
    (
        "STRUCK_ASSETS",
        "possessor targets (\"at Iran's nuclear sites\")",
    ),
    ("COUNTER_PREFIXES", "weapon classes (\"counter-drone\")"),
    ("COMPASS", "`nocue` slot conditions (\"in northern Mali\")"),
    (
        "SEATED",
        "`nocue` slot conditions and subjects of the shallow parse (\"authorities in the Netherlands\")",
    ),
    (
        "LEGISLATURE_ACTS",
        "event types whose actor a legislature is as itself (\"The parliament adopted the law\")",
    ),
    (
        "OPENING_ADJUNCTS",
        "event nouns in an opening adjunct (\"In response to the attack, …\")",
    ),
    (
        "CONCESSIVE_OPENERS",
        "location slots past an opening adjunct (\"Despite protests in Moscow, …\")",
    ),
    ("OWNERS", "`own` rule lines"),
    ("OWN_PLACES", "`own` rule lines"),
    ("OTHER_PARTY", "party slots (\"a US ally\")"),
    (
        "SPOKESPEOPLE",
        "party actor slots (\"spokesman Sean Parnell\")",
    ),
    ("HOLDINGS", "location slots (\"a US base in Syria\")"),
    (
        "MOBILE_HOLDINGS",
        "location slots (\"attacked a Greek vessel\")",
    ),
    (
        "NATIONALS",
        "location slots (\"injuring Sri Lankan peacekeepers\")",
    ),
    (
        "POSSESSED_NON_PLACES",
        "location slots (\"Moscow's war effort\")",
    ),
    ("CONDITIONS", "modality (\"will follow if Russia refuses\")"),
    ("NOUN_MODALS", "modality (\"a meeting could follow\")"),
    ("NOUN_MODAL_VERBS", "modality (\"a meeting could follow\")"),
    (
        "NOUN_CALLED_OFF",
        "modality (\"the summit was called off\")",
    ),
    ("NOUN_PUT_OFF", "modality (\"the talks were postponed\")"),
    (
        "FIRM_CONDITIONS",
        "modality (\"would reopen the crossing only after…\")",
    ),
    (
        "DENIALS",
        "modality (\"denied that Moscow was preparing to\")",
    ),
    ("REPORT_ADJUNCTS", "modality (\"said on Sunday it would\")"),
    (
        "PLAN_REPORTERS",
        "modality (\"said that the United States would\")",
    ),
    (
        "PLACE_RELATIVES",
        "location slots (\"Lithuania, where troops are stationed\")",
    ),
    ("WEAPON_SITES", "weapon slots (\"an ammunition depot\")"),
    ("SAME_ACT", "`clause` slots (\"struck…, using F-35 jets\")"),
    ("PATRONS", "party slots (\"Iran-backed militias\")"),
    (
        "CONTROLLERS",
        "`nocompound` slots (\"struck Houthi-controlled depots\")",
    ),
    (
        "HOMES",
        "`home` slots (\"sanctions on Hong Kong-based firms\")",
    ),
    ("ACCUSERS", "actor slots (\"X accused Y of shelling\")"),
    (
        "CHARACTERISERS",
        "actor slots (\"X called it the worst attack\")",
    ),
    ("VICTIMS", "actor slots (\"X was killed in the strikes\")"),
    (
        "STATE_ORGAN_HEADS",
        "`state` slots (\"India's Defence Acquisition Council\")",
    ),
    ("DURATIONS", "quantities (\"for 90 days\" is none)"),
    ("MEASURES", "quantities (\"2,000-pound bombs\" is none)"),
    ("MONTHS", "quantities; evex lint"),
    ("DAYS", "evex lint"),
    (
        "TITLES",
        "people named after a title; evex lint, evex suggest",
    ),
    (
        "TITLE_WORDS",
        "people named after a title; evex lint, evex suggest",
    ),
    ("DETERMINERS", "shallow parse"),
    ("PREPOSITIONS", "shallow parse"),
    ("COORDINATORS", "shallow parse"),
    ("CLAUSE_COORDINATORS", "shallow parse"),
    ("SUBORDINATORS", "shallow parse"),
    ("RELATIVES", "shallow parse"),
    ("COMPLEMENTIZERS", "shallow parse"),
    ("POSSESSIVE_PRONOUNS", "shallow parse"),
    ("CLAIM_NOUNS", "shallow parse"),
    ("PRONOUNS", "shallow parse"),
    ("REPORTING", "shallow parse"),
    ("REPORTING_THAT", "shallow parse"),
    ("AUXILIARIES", "shallow parse"),
    ("LIGHT_VERBS", "shallow parse"),
    ("GIVING_VERBS", "shallow parse"),
    ("TELLING_VERBS", "shallow parse"),
    ("VERB_ADVERBS", "shallow parse"),
    ("PARTICLE_VERBS", "shallow parse"),
    ("COORDINATED_POSSESSIVES", "shallow parse"),
    ("DELEGATE_HEADS", "shallow parse"),
    ("CONTROL_VERBS", "shallow parse"),
    ("INTENT_NOUNS", "shallow parse"),
    ("REDUCED_PARTICIPLES", "shallow parse"),
    ("IRREGULAR_PAST", "shallow parse"),
    ("SIMPLE_PAST_ONLY", "shallow parse"),
    ("PRESENT_VERBS", "shallow parse"),
    ("NAMING_VERBS", "shallow parse"),
    ("COMPLEMENT_NOUNS", "shallow parse"),
    ("BARE_INFINITIVE_VERBS", "shallow parse"),
    ("ADJECTIVE_PARTICIPLES", "shallow parse"),
    ("ORGAN_HEADS", "shallow parse"),
    ("SUGGEST_ORG_HEADS", "evex suggest"),
    ("SUGGEST_PLACE_HEADS", "evex suggest"),
    ("SUGGEST_WEAPON_BEFORE", "evex suggest"),
    ("SUGGEST_ORG_BEFORE", "evex suggest"),
    ("SUGGEST_PLACE_AFTER", "evex suggest"),
    ("SUGGEST_CONNECTORS", "evex suggest"),
    ("SUGGEST_SKIP", "evex suggest"),
];

/// The keywords of a rule's lines (anything else starts a slot line).
pub const RULE_KEYWORDS: &[&str] = &[
    "event",
    "verbs",
    "nouns",
    "phrases",
    "form",
    "need",
    "unless",
    "require",
    "modality",
    "cameo",
    "plover",
    "priority",
    "claimable",
    "example",
    "expect",
];

/// Records the lists a statement names as `@NAME`.
fn note_list_uses(stmt: &Stmt, used: &mut std::collections::HashSet<String>) {
    let mut note = |text: &str| {
        if let Some(name) = text.strip_prefix('@') {
            used.insert(name.to_string());
        }
    };
    match stmt {
        Stmt::Words { items, .. } | Stmt::Modality { items, .. } => {
            items.iter().for_each(|i| note(&i.text))
        }
        Stmt::Rule { body, .. } => body.iter().flatten().for_each(|t| note(&t.text)),
        Stmt::Setting { .. } => {}
    }
}

fn parse_event_types(file: &str, text: &str) -> Result<Vec<EventType>, RuleError> {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n as u64 + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let Some(h) = &header else {
            let h: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
            if h.iter().any(|c| c == "canonical") {
                return Err(RuleError::at(
                    file,
                    line_no,
                    1,
                    "this is a gazetteer (it has a `canonical` column), not an event-type table: give it with --gazetteers, not --rules",
                ));
            }
            for need in ["event_type", "cameo", "plover"] {
                if !h.iter().any(|c| c == need) {
                    return Err(RuleError::at(
                        file,
                        line_no,
                        1,
                        format!(
                            "expected a header row with the columns event_type, cameo, plover; `{need}` is missing"
                        ),
                    ));
                }
            }
            header = Some(h);
            continue;
        };
        let get = |name: &str| {
            h.iter()
                .position(|c| c == name)
                .and_then(|i| cells.get(i))
                .map(|s| s.to_string())
                .unwrap_or_default()
        };
        let name = get("event_type");
        if name.is_empty() {
            return Err(RuleError::at(
                file,
                line_no,
                1,
                "expected an event type name in the first column",
            ));
        }
        out.push(EventType {
            name,
            cameo: get("cameo"),
            plover: get("plover"),
            symmetric: match get("symmetric").to_lowercase().as_str() {
                "" | "no" => false,
                "yes" => true,
                other => {
                    return Err(RuleError::at(
                        file,
                        line_no,
                        1,
                        format!(
                            "expected `yes` or `no` in the `symmetric` column, found `{other}`"
                        ),
                    ));
                }
            },
        });
    }
    Ok(out)
}

fn build_lexicon(lists: &HashMap<String, Vec<Item>>) -> Lexicon {
    let folded = |name: &str| -> Vec<String> {
        lists
            .get(name)
            .map(|items| items.iter().map(|i| fold_phrase(&i.text)).collect())
            .unwrap_or_default()
    };
    let raw = |name: &str| -> Vec<String> {
        lists
            .get(name)
            .map(|items| items.iter().map(|i| i.text.clone()).collect())
            .unwrap_or_default()
    };
    // A list of phrases, each split into its folded words.
    let phrases = |name: &str| -> PhraseSet {
        folded(name)
            .into_iter()
            .map(|p| p.split(' ').map(str::to_string).collect())
            .collect::<Vec<Phrase>>()
            .into()
    };
    Lexicon {
        abbreviations: raw("ABBREVIATIONS"),
        number_words: folded("NUMBER_WORDS").into_iter().collect(),
        number_scales: folded("NUMBER_SCALES").into_iter().collect(),
        number_prefixes: phrases("NUMBER_PREFIXES"),
        passive_aux: folded("PASSIVE_AUX").into_iter().collect(),
        noun_markers: folded("NOUN_MARKERS").into_iter().collect(),
        verb_markers: folded("VERB_MARKERS").into_iter().collect(),
        to_governors: folded("TO_GOVERNORS").into_iter().collect(),
        anaphors: folded("ANAPHORS").into_iter().collect(),
        definite: folded("DEFINITE").into_iter().collect(),
        distinct: folded("DISTINCT").into_iter().collect(),
        indefinite: folded("INDEFINITE").into_iter().collect(),
        adjuncts: folded("ADJUNCTS").into_iter().collect(),
        summary_openers: folded("SUMMARY_OPENERS").into_iter().collect(),
        months: folded("MONTHS").into_iter().collect(),
        durations: folded("DURATIONS").into_iter().collect(),
        measures: folded("MEASURES").into_iter().collect(),
        place_nouns: folded("PLACE_NOUNS").into_iter().collect(),
        struck_assets: folded("STRUCK_ASSETS").into_iter().collect(),
        sanction_lists: folded("SANCTION_LISTS").into_iter().collect(),
        company_heads: folded("COMPANY_HEADS").into_iter().collect(),
        war_names: folded("WAR_NAMES").into_iter().collect(),
        go_betweens: folded("GO_BETWEENS").into_iter().collect(),
        travel_cues: folded("TRAVEL_CUES").into_iter().collect(),
        counter_prefixes: folded("COUNTER_PREFIXES").into_iter().collect(),
        compass: folded("COMPASS").into_iter().collect(),
        seated: folded("SEATED").into_iter().collect(),
        opening_adjuncts: folded("OPENING_ADJUNCTS").into_iter().collect(),
        concessive_openers: folded("CONCESSIVE_OPENERS").into_iter().collect(),
        legislature_acts: folded("LEGISLATURE_ACTS").into_iter().collect(),
        owners: folded("OWNERS").into_iter().collect(),
        own_places: folded("OWN_PLACES").into_iter().collect(),
        nationals: folded("NATIONALS").into_iter().collect(),
        possessed_non_places: folded("POSSESSED_NON_PLACES").into_iter().collect(),
        other_party: folded("OTHER_PARTY").into_iter().collect(),
        spokespeople: folded("SPOKESPEOPLE").into_iter().collect(),
        holdings: folded("HOLDINGS").into_iter().collect(),
        mobile_holdings: folded("MOBILE_HOLDINGS").into_iter().collect(),
        patrons: folded("PATRONS").into_iter().collect(),
        controllers: folded("CONTROLLERS").into_iter().collect(),
        homes: folded("HOMES").into_iter().collect(),
        accusers: folded("ACCUSERS").into_iter().collect(),
        characterisers: folded("CHARACTERISERS").into_iter().collect(),
        victims: folded("VICTIMS").into_iter().collect(),
        state_organ_heads: folded("STATE_ORGAN_HEADS").into_iter().collect(),
        conditions: folded("CONDITIONS").into_iter().collect(),
        firm_conditions: phrases("FIRM_CONDITIONS"),
        cause_phrases: phrases("CAUSE_PHRASES"),
        noun_modals: folded("NOUN_MODALS").into_iter().collect(),
        noun_modal_verbs: phrases("NOUN_MODAL_VERBS"),
        noun_called_off: phrases("NOUN_CALLED_OFF"),
        noun_put_off: phrases("NOUN_PUT_OFF"),
        denials: phrases("DENIALS"),
        denied_reports: folded("DENIED_REPORTS").into_iter().collect(),
        report_adjuncts: folded("REPORT_ADJUNCTS").into_iter().collect(),
        plan_reporters: folded("PLAN_REPORTERS").into_iter().collect(),
        place_relatives: folded("PLACE_RELATIVES").into_iter().collect(),
        weapon_sites: folded("WEAPON_SITES").into_iter().collect(),
        same_act: folded("SAME_ACT").into_iter().collect(),
        denied_acts: folded("DENIED_ACTS").into_iter().collect(),
        barriers: raw("BARRIERS"),
        reference: {
            let set = |name: &str| -> WordSet { folded(name).into_iter().collect() };
            crate::reference::ReferenceLexicon {
                determiners: set("REFERENCE_DETERMINERS"),
                possessives: set("REFERENCE_POSSESSIVES"),
                country_heads: set("COUNTRY_HEADS"),
                weapon_heads: set("WEAPON_HEADS"),
                area_heads: set("AREA_HEADS"),
                settlement_heads: set("SETTLEMENT_HEADS"),
                region_heads: set("REGION_HEADS"),
                capital_heads: set("CAPITAL_HEADS"),
                person_title_heads: set("PERSON_TITLE_HEADS"),
                person_title_qualifiers: set("PERSON_TITLE_QUALIFIERS"),
                person_leader_titles: set("PERSON_LEADER_TITLES"),
                place_adverbs: set("PLACE_ADVERBS"),
                pronouns: set("REFERENCE_PRONOUNS"),
                object_pronouns: set("OBJECT_PRONOUNS"),
                person_pronouns: set("PERSON_PRONOUNS"),
                party_pronouns: set("PARTY_PRONOUNS"),
                armed_forces_heads: set("ARMED_FORCES_HEADS"),
                parliament_heads: set("PARLIAMENT_HEADS"),
                government_heads: set("GOVERNMENT_HEADS"),
                government_forces: set("GOVERNMENT_FORCES"),
                bare_government_heads: set("BARE_GOVERNMENT_HEADS"),
                government_kinds: set("GOVERNMENT_KINDS"),
                half_state_heads: set("HALF_STATE_HEADS"),
                patrons: set("PATRONS"),
                frames: ["REPORTING", "REPORTING_THAT"]
                    .iter()
                    .flat_map(|name| folded(name))
                    .collect(),
                object_cues: set("REFERENCE_OBJECT_CUES"),
                antecedent_skips: set("ANTECEDENT_SKIPS"),
                armed_forces_cues: set("ARMED_FORCES_CUES"),
                group_heads: set("GROUP_HEADS"),
                group_kinds: set("GROUP_KINDS"),
                pair_openers: set("PAIR_OPENERS"),
                pair_numbers: set("PAIR_NUMBERS"),
                pair_heads: set("PAIR_HEADS"),
                pair_person_heads: set("PAIR_PERSON_HEADS"),
                pair_state_heads: set("PAIR_STATE_HEADS"),
                pair_mediators: set("PAIR_MEDIATORS"),
                pair_outsiders: set("PAIR_OUTSIDERS"),
                pair_reporting: set("PAIR_REPORTING"),
                heads: [
                    "COUNTRY_HEADS",
                    "WEAPON_HEADS",
                    "AREA_HEADS",
                    "ARMED_FORCES_HEADS",
                    "PARLIAMENT_HEADS",
                    "GOVERNMENT_HEADS",
                    "BARE_GOVERNMENT_HEADS",
                    "GROUP_HEADS",
                ]
                .iter()
                .flat_map(|name| folded(name))
                .collect(),
                openers: [
                    "REFERENCE_DETERMINERS",
                    "REFERENCE_POSSESSIVES",
                    "REFERENCE_PRONOUNS",
                    "OBJECT_PRONOUNS",
                    "PERSON_PRONOUNS",
                    "PARTY_PRONOUNS",
                    "PLACE_ADVERBS",
                    "PAIR_OPENERS",
                ]
                .iter()
                .flat_map(|name| folded(name))
                .collect(),
            }
        },
        syntax: {
            let set = |name: &str| -> WordSet { folded(name).into_iter().collect() };
            crate::syntax::SyntaxLexicon {
                determiners: set("DETERMINERS"),
                prepositions: set("PREPOSITIONS"),
                coordinators: set("COORDINATORS"),
                subordinators: set("SUBORDINATORS"),
                relatives: set("RELATIVES"),
                complementizers: set("COMPLEMENTIZERS"),
                pronouns: set("PRONOUNS"),
                possessive_pronouns: set("POSSESSIVE_PRONOUNS"),
                reporting: phrases("REPORTING"),
                reporting_that: phrases("REPORTING_THAT"),
                titles: folded("TITLES")
                    .into_iter()
                    .chain(folded("TITLE_WORDS"))
                    .collect(),
                auxiliaries: set("AUXILIARIES"),
                light_verbs: set("LIGHT_VERBS"),
                giving_verbs: set("GIVING_VERBS"),
                telling_verbs: set("TELLING_VERBS"),
                verb_adverbs: set("VERB_ADVERBS"),
                particle_verbs: set("PARTICLE_VERBS"),
                coordinated_possessives: set("COORDINATED_POSSESSIVES"),
                delegate_heads: set("DELEGATE_HEADS"),
                particles: folded("PARTICLE_VERBS")
                    .iter()
                    .filter_map(|p| p.rsplit(' ').next())
                    .map(str::to_string)
                    .collect(),
                clause_coordinators: set("CLAUSE_COORDINATORS"),
                control_verbs: set("CONTROL_VERBS"),
                intent_nouns: set("INTENT_NOUNS"),
                bare_infinitive_verbs: set("BARE_INFINITIVE_VERBS"),
                adjective_participles: set("ADJECTIVE_PARTICIPLES"),
                reduced_participles: set("REDUCED_PARTICIPLES"),
                irregular_past: set("IRREGULAR_PAST"),
                simple_past_only: set("SIMPLE_PAST_ONLY"),
                present_verbs: set("PRESENT_VERBS"),
                passive_aux: set("PASSIVE_AUX"),
                naming_verbs: set("NAMING_VERBS"),
                complement_nouns: set("COMPLEMENT_NOUNS"),
                organ_heads: set("ORGAN_HEADS"),
                seated: set("SEATED"),
                claim_nouns: set("CLAIM_NOUNS"),
                controllers: set("CONTROLLERS"),
                mediators: set("PAIR_MEDIATORS"),
                number_prefixes: phrases("NUMBER_PREFIXES"),
            }
        },
    }
}

/// The two slot names of a `KEYWORD TO of FROM` line (`possessor`, `own`);
/// `example` is such a line, shown in the error messages.
fn slot_pair(
    file: &str,
    line: &[Tok],
    head: &Tok,
    example: &str,
) -> Result<(String, String), RuleError> {
    let to = expect_word(file, line, 1, &format!("a slot name (`{example}`)"))?;
    if line.get(2).is_none_or(|t| t.text != "of") {
        return Err(RuleError::at_tok(
            file,
            line.get(2).unwrap_or(head),
            format!("expected `of` (`{example}`)"),
        ));
    }
    let from = expect_word(file, line, 3, "a slot name after `of`")?;
    Ok((to, from))
}

/// Expands an item that may be `@LIST` into folded phrases.
/// The rule files' word lists, each folded into phrases the first time a
/// rule names it: rules name the same few lists (`@TROOPS`, `@ARMS`…) again
/// and again, and folding their items each time was a third of compiling
/// the rules.
struct Lists<'a> {
    items: &'a HashMap<String, Vec<Item>>,
    phrases: RefCell<HashMap<String, Vec<Phrase>>>,
}

fn expand_item(item: &Item, lists: &Lists, file: &str) -> Result<Vec<Phrase>, RuleError> {
    if let Some(name) = item.text.strip_prefix('@') {
        if let Some(phrases) = lists.phrases.borrow().get(name) {
            return Ok(phrases.clone());
        }
        let list = lists.items.get(name).ok_or_else(|| {
            RuleError::at(
                file,
                item.line,
                item.col,
                format!("unknown word list `@{name}` (define it with `words {name} = ...`)"),
            )
        })?;
        let phrases: Vec<Phrase> = list.iter().map(|i| to_phrase(&i.text)).collect();
        lists
            .phrases
            .borrow_mut()
            .insert(name.to_string(), phrases.clone());
        return Ok(phrases);
    }
    let phrase = to_phrase(&item.text);
    // Words are matched, punctuation is skipped: `"("` would match nothing.
    if phrase.is_empty() {
        return Err(RuleError::at(
            file,
            item.line,
            item.col,
            format!(
                "`{}` has no word: cues and triggers match words, and punctuation in them is ignored",
                item.text
            ),
        ));
    }
    Ok(vec![phrase])
}

fn to_phrase(text: &str) -> Phrase {
    fold_phrase(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

struct Compiler<'a> {
    gaz: &'a Gazetteer,
    lists: &'a Lists<'a>,
    settings: Settings,
    modality_labels: &'a [String],
    event_types: &'a [EventType],
}

impl Compiler<'_> {
    #[allow(clippy::type_complexity)]
    fn rule(
        &mut self,
        file: &str,
        id: &str,
        at: &Tok,
        body: &[Vec<Tok>],
    ) -> Result<(Rule, Vec<(String, Form)>), RuleError> {
        let mut rule = Rule {
            id: id.to_string(),
            event_type: "".into(),
            form: FormReq::Unstated,
            slots: Vec::new(),
            needs: Vec::new(),
            unless: Vec::new(),
            requires: Vec::new(),
            possessors: Vec::new(),
            operators: Vec::new(),
            owns: Vec::new(),
            modality: Vec::new(),
            cameo: "".into(),
            plover: "".into(),
            priority: 0,
            claimable: false,
            local: false,
            examples: Vec::new(),
            origin: format!("{file}:{}", at.line),
            user: false,
            syntax: false,
        };
        let mut forms: Vec<(String, Form)> = Vec::new();
        let mut requires_raw: Vec<(Tok, Vec<String>)> = Vec::new();
        let mut possessors_raw: Vec<(Tok, String, String)> = Vec::new();
        let mut operators_raw: Vec<(Tok, String, String)> = Vec::new();
        let mut owns_raw: Vec<(Tok, String, String)> = Vec::new();
        for line in body {
            let head = &line[0];
            let rest = &line[1..];
            let end = line.last().unwrap_or(head);
            match head.text.as_str() {
                "event" => {
                    let name = expect_word(file, line, 1, "an event type")?;
                    let et = self.event_types.iter().find(|e| e.name == name).ok_or_else(|| {
                        RuleError::at_tok(file, &line[1], format!(
                            "unknown event type `{name}` (known: {}; add it to rules/event_types.tsv)",
                            self.event_types.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ")
                        ))
                    })?;
                    rule.event_type = name.into();
                    if rule.cameo.is_empty() {
                        rule.cameo = et.cameo.as_str().into();
                    }
                    if rule.plover.is_empty() {
                        rule.plover = et.plover.as_str().into();
                    }
                }
                "verbs" | "nouns" | "phrases" => {
                    for item in parse_items(file, rest, end)? {
                        if item.text.starts_with('@') {
                            for phrase in expand_item(&item, self.lists, file)? {
                                let text = phrase.join(" ");
                                let form = phrase_form(&text);
                                forms.push((text, form));
                            }
                            continue;
                        }
                        let text = fold_phrase(&item.text);
                        let irregular: Vec<String> =
                            item.irregular.iter().map(|i| fold_phrase(i)).collect();
                        match head.text.as_str() {
                            "verbs" => forms.extend(verb_forms(&text, &irregular)),
                            "nouns" => forms.extend(noun_forms(&text, &irregular)),
                            _ => {
                                forms.push((text.clone(), phrase_form(&text)));
                                forms.extend(irregular.into_iter().map(|i| {
                                    let form = phrase_form(&i);
                                    (i, form)
                                }));
                            }
                        }
                    }
                }
                "form" => {
                    rule.form = match expect_word(file, line, 1, "active, passive, nominal or any")?
                        .as_str()
                    {
                        "active" => FormReq::Active,
                        "passive" => FormReq::Passive,
                        "nominal" => FormReq::Nominal,
                        "any" => FormReq::Any,
                        other => {
                            return Err(RuleError::at_tok(
                                file,
                                &line[1],
                                format!(
                                    "expected active, passive, nominal or any, found `{other}`"
                                ),
                            ));
                        }
                    }
                }
                "need" | "unless" => {
                    let mut i = 0;
                    let phrases = self.cue_list(file, rest, &mut i, end)?;
                    let (direction, window) = self.direction_window(file, rest, &mut i, end)?;
                    if phrases.is_empty() {
                        return Err(RuleError::at_tok(
                            file,
                            head,
                            format!("expected words after `{}`", head.text),
                        ));
                    }
                    let ctx = Context {
                        phrases: phrases.into(),
                        direction,
                        window,
                    };
                    if head.text == "need" {
                        rule.needs.push(ctx)
                    } else {
                        rule.unless.push(ctx)
                    }
                    trailing(file, rest, i)?;
                }
                "possessor" => {
                    let (to, from) = slot_pair(file, line, head, "possessor target of location")?;
                    possessors_raw.push((head.clone(), to, from));
                }
                "own" => {
                    let (to, from) = slot_pair(file, line, head, "own location of actor")?;
                    owns_raw.push((head.clone(), to, from));
                }
                "operator" => {
                    let (to, from) = slot_pair(file, line, head, "operator actor of weapon")?;
                    operators_raw.push((head.clone(), to, from));
                }
                "require" => {
                    let mut names = Vec::new();
                    for t in rest {
                        if t.kind == TokKind::Word {
                            names.push(t.text.clone());
                        } else if t.text != "|" {
                            return Err(RuleError::at_tok(
                                file,
                                t,
                                format!("expected slot names separated by `|`, found `{}`", t.text),
                            ));
                        }
                    }
                    if names.is_empty() {
                        return Err(RuleError::at_tok(
                            file,
                            head,
                            "expected a slot name after `require`",
                        ));
                    }
                    requires_raw.push((head.clone(), names));
                }
                "modality" => {
                    let label = expect_word(file, line, 1, "a modality label")?;
                    let idx = self
                        .modality_labels
                        .iter()
                        .position(|l| *l == label)
                        .ok_or_else(|| {
                            RuleError::at_tok(
                                file,
                                &line[1],
                                format!(
                                    "unknown modality `{label}` (known: {})",
                                    self.modality_labels.join(", ")
                                ),
                            )
                        })?;
                    if line.get(2).is_none_or(|t| t.text != "=") {
                        return Err(RuleError::at(
                            file,
                            line[1].line,
                            line[1].col + label.len() + 1,
                            "expected `=` after the modality label",
                        ));
                    }
                    let mut cues = Vec::new();
                    for item in parse_items(file, &line[3..], end)? {
                        cues.extend(expand_item(&item, self.lists, file)?);
                    }
                    rule.modality.push((idx, cues.into()));
                }
                "cameo" => rule.cameo = expect_word(file, line, 1, "a CAMEO code")?.into(),
                "plover" => rule.plover = expect_word(file, line, 1, "a PLOVER type")?.into(),
                "claimable" => {
                    // `claimable` or `claimable local`.
                    let local = line.get(1).is_some_and(|t| t.text == "local");
                    if let Some(t) = line.get(if local { 2 } else { 1 }) {
                        return Err(RuleError::at_tok(
                            file,
                            t,
                            format!(
                                "`claimable` takes nothing after it but `local`, found `{}`",
                                t.text
                            ),
                        ));
                    }
                    rule.claimable = true;
                    rule.local = local;
                }
                "priority" => {
                    let t = line.get(1).ok_or_else(|| {
                        RuleError::at_tok(file, head, "expected a number after `priority`")
                    })?;
                    rule.priority = t.text.parse().map_err(|_| {
                        RuleError::at_tok(
                            file,
                            t,
                            format!("expected a whole number, found `{}`", t.text),
                        )
                    })?;
                }
                "example" => {
                    let t = line
                        .get(1)
                        .filter(|t| t.kind == TokKind::Str)
                        .ok_or_else(|| {
                            RuleError::at_tok(
                                file,
                                line.get(1).unwrap_or(head),
                                "expected a quoted example sentence after `example`",
                            )
                        })?;
                    rule.examples.push(Example {
                        text: t.text.clone(),
                        expect: None,
                        line: head.line,
                    });
                }
                "expect" => {
                    let Some(ex) = rule.examples.last_mut() else {
                        return Err(RuleError::at_tok(
                            file,
                            head,
                            "expected an `example` line before `expect`",
                        ));
                    };
                    ex.expect = parse_expect(file, head, rest)?;
                }
                // A slot named again is a fallback, tried when the earlier
                // lines of that name find nothing. A line that is no slot
                // but whose head looks like a misspelt keyword ("evnt
                // ATTACK", "verb loot") is reported as that.
                _ => match self.slot(file, line) {
                    Ok(slot) => rule.slots.push(slot),
                    Err(e) => {
                        return Err(
                            match crate::spelling::did_you_mean(&head.text, RULE_KEYWORDS) {
                                Some(k) => RuleError::at_tok(
                                    file,
                                    head,
                                    format!(
                                        "unknown keyword `{}`; did you mean `{k}`? (a slot line reads `NAME TYPES before|after|around N`)",
                                        head.text
                                    ),
                                ),
                                None => e,
                            },
                        );
                    }
                },
            }
        }
        if rule.event_type.is_empty() {
            return Err(RuleError::at_tok(
                file,
                at,
                format!("rule `{id}` has no `event TYPE` line"),
            ));
        }
        if forms.is_empty() {
            return Err(RuleError::at_tok(
                file,
                at,
                format!("rule `{id}` has no trigger: add a `verbs`, `nouns` or `phrases` line"),
            ));
        }
        rule.syntax = rule.slots.iter().any(Slot::uses_syntax);
        // One shared name per slot name of the rule (a fallback slot reuses
        // its name), so that the engine compares names by pointer.
        for i in 1..rule.slots.len() {
            if let Some(j) = (0..i).find(|&j| rule.slots[j].name == rule.slots[i].name) {
                rule.slots[i].name = rule.slots[j].name.clone();
            }
        }
        for (t, names) in requires_raw {
            let mut shared = Vec::with_capacity(names.len());
            for n in &names {
                let Some(slot) = rule.slots.iter().find(|s| *s.name == **n) else {
                    return Err(RuleError::at_tok(
                        file,
                        &t,
                        format!("`require` names the slot `{n}`, which this rule does not define"),
                    ));
                };
                shared.push(slot.name.clone());
            }
            rule.requires.push(shared);
        }
        for (line, (t, to, from)) in possessors_raw
            .into_iter()
            .map(|p| ("possessor", p))
            .chain(owns_raw.into_iter().map(|p| ("own", p)))
            .chain(operators_raw.into_iter().map(|p| ("operator", p)))
        {
            let find = |n: &str| {
                rule.slots
                    .iter()
                    .find(|s| *s.name == *n)
                    .map(|s| s.name.clone())
                    .ok_or_else(|| {
                        RuleError::at_tok(
                            file,
                            &t,
                            format!(
                                "`{line}` names the slot `{n}`, which this rule does not define"
                            ),
                        )
                    })
            };
            match line {
                "own" => {
                    let owner =
                        if from == "reporter" && !rule.slots.iter().any(|s| *s.name == *from) {
                            rule.syntax = true;
                            Owner::Reporter
                        } else {
                            Owner::Slot(find(&from)?)
                        };
                    rule.owns.push((find(&to)?, owner));
                }
                "operator" => rule.operators.push((find(&to)?, find(&from)?)),
                _ => rule.possessors.push((find(&to)?, find(&from)?)),
            }
        }
        Ok((rule, forms))
    }

    /// `NAME TYPES DIRECTION [CUES] N [state] [shared] [adj|noadj] [gap N]`
    fn slot(&self, file: &str, line: &[Tok]) -> Result<Slot, RuleError> {
        let head = &line[0];
        let end = line.last().unwrap_or(head);
        if head.kind != TokKind::Word {
            return Err(RuleError::at_tok(
                file,
                head,
                format!("expected a keyword or a slot name, found `{}`", head.text),
            ));
        }
        let mut i = 1;
        let mut types = Vec::new();
        let mut number = false;
        loop {
            let t = line.get(i).ok_or_else(|| {
                RuleError::after(
                    end,
                    file,
                    format!(
                        "expected entity types after the slot name `{}` (e.g. `PERSON|PLACE`)",
                        head.text
                    ),
                )
            })?;
            if t.kind != TokKind::Word {
                return Err(RuleError::at_tok(
                    file,
                    t,
                    format!("expected an entity type, found `{}`", t.text),
                ));
            }
            if t.text == "NUMBER" {
                number = true;
            } else {
                let ty = self.gaz.type_index(&t.text).ok_or_else(|| {
                    RuleError::at_tok(
                        file,
                        t,
                        format!(
                            "expected an entity type (one of {}, NUMBER), found `{}`",
                            self.gaz.types().join(", "),
                            t.text
                        ),
                    )
                })?;
                types.push(ty);
            }
            i += 1;
            if line
                .get(i)
                .is_some_and(|t| t.text == "|" && t.kind == TokKind::Punct)
            {
                i += 1;
            } else {
                break;
            }
        }
        let rest = &line[i..];
        let mut j = 0;
        let (direction, cues, window) = {
            let direction = parse_direction(file, rest.get(j), end)?;
            j += 1;
            let cues = if rest.get(j).is_some_and(|t| t.text.parse::<u32>().is_err()) {
                self.cue_list(file, rest, &mut j, end)?
            } else {
                Vec::new()
            };
            let window = parse_number(file, rest.get(j), end, "a number of words (the window)")?;
            j += 1;
            (direction, cues.into(), window)
        };
        let mut slot = Slot {
            name: head.text.as_str().into(),
            types,
            number,
            direction,
            cues,
            window,
            gap: self.settings.slot_gap,
            state: false,
            shared: false,
            other: false,
            adjectives: Adjectives::Any,
            followed: PhraseSet::default(),
            notfollowed: PhraseSet::default(),
            nocue: PhraseSet::default(),
            upto: PhraseSet::default(),
            specific: false,
            named: false,
            nocompound: false,
            home: false,
            pair: 0,
            exclude: Vec::new(),
            with: Vec::new(),
            subject: false,
            object: false,
            clause: false,
            noreporter: false,
            party: false,
            countries: false,
            single: number,
            opening: false,
        };
        while let Some(t) = rest.get(j) {
            match t.text.as_str() {
                "state" => slot.state = true,
                "specific" => slot.specific = true,
                "named" => slot.named = true,
                "nocompound" => slot.nocompound = true,
                "home" => slot.home = true,
                "subject" => slot.subject = true,
                "object" => slot.object = true,
                "clause" => slot.clause = true,
                "noreporter" => slot.noreporter = true,
                "single" => slot.single = true,
                "opening" => slot.opening = true,
                "party" => slot.party = true,
                "countries" => slot.countries = true,
                "with" => {
                    j += 1;
                    let t = rest.get(j).ok_or_else(|| {
                        RuleError::after(end, file, "expected an attribute name after `with`")
                    })?;
                    // `with KEY` or `with KEY:VALUE|VALUE…` (the bars are
                    // tokens of their own).
                    let (k, v) = t.text.split_once(':').unwrap_or((&t.text, ""));
                    let mut values: Vec<String> = Vec::new();
                    if !v.is_empty() {
                        values.push(v.to_string());
                        while rest.get(j + 1).is_some_and(|b| b.text == "|") {
                            let v = rest.get(j + 2).ok_or_else(|| {
                                RuleError::after(end, file, "expected a value after `|`")
                            })?;
                            values.push(v.text.clone());
                            j += 2;
                        }
                    }
                    slot.with.push((k.to_string(), values));
                }
                "exclude" => {
                    j += 1;
                    let t = rest.get(j).ok_or_else(|| {
                        RuleError::after(end, file, "expected `attribute:value` after `exclude`")
                    })?;
                    let (k, v) = t.text.split_once(':').ok_or_else(|| {
                        RuleError::at_tok(
                            file,
                            t,
                            format!(
                                "expected `attribute:value` after `exclude`, found `{}`",
                                t.text
                            ),
                        )
                    })?;
                    slot.exclude.push((k.to_string(), v.to_string()));
                }
                "followed" => {
                    j += 1;
                    slot.followed = self.cue_list(file, rest, &mut j, end)?.into();
                    continue;
                }
                "notfollowed" => {
                    j += 1;
                    slot.notfollowed = self.cue_list(file, rest, &mut j, end)?.into();
                    continue;
                }
                "nocue" => {
                    j += 1;
                    slot.nocue = self.cue_list(file, rest, &mut j, end)?.into();
                    continue;
                }
                "upto" => {
                    j += 1;
                    slot.upto = self.cue_list(file, rest, &mut j, end)?.into();
                    continue;
                }
                "shared" => slot.shared = true,
                "other" => slot.other = true,
                "adj" => slot.adjectives = Adjectives::Only,
                "noadj" => slot.adjectives = Adjectives::Never,
                "gap" => {
                    j += 1;
                    slot.gap = parse_number(file, rest.get(j), end, "a number after `gap`")?;
                }
                "pair" => {
                    j += 1;
                    let side: u32 =
                        parse_number(file, rest.get(j), end, "`1` or `2` after `pair`")?;
                    if !(1..=2).contains(&side) {
                        return Err(RuleError::after(
                            end,
                            file,
                            "expected `1` (first name) or `2` (second name) after `pair`",
                        ));
                    }
                    slot.pair = side as u8;
                }
                other => {
                    return Err(RuleError::at_tok(
                        file,
                        t,
                        format!(
                            "expected an option (state, shared, specific, named, nocompound, home, subject, object, clause, single, party, countries, exclude K:V, with K, adj, noadj, gap N, followed WORDS, nocue WORDS, upto WORDS), found `{other}`"
                        ),
                    ));
                }
            }
            j += 1;
        }
        Ok(slot)
    }

    /// `word|"two words"|@LIST` up to the next number or direction.
    fn cue_list(
        &self,
        file: &str,
        toks: &[Tok],
        i: &mut usize,
        end: &Tok,
    ) -> Result<Vec<Phrase>, RuleError> {
        let mut out = Vec::new();
        loop {
            let t = toks.get(*i).ok_or_else(|| {
                RuleError::after(end, file, "expected a word, a quoted phrase or @LIST")
            })?;
            if t.kind == TokKind::Punct {
                return Err(RuleError::at_tok(
                    file,
                    t,
                    format!(
                        "expected a word, a quoted phrase or @LIST, found `{}`",
                        t.text
                    ),
                ));
            }
            let item = Item {
                text: t.text.clone(),
                irregular: Vec::new(),
                line: t.line,
                col: t.col,
            };
            out.extend(expand_item(&item, self.lists, file)?);
            *i += 1;
            if toks
                .get(*i)
                .is_some_and(|t| t.text == "|" && t.kind == TokKind::Punct)
            {
                *i += 1;
            } else {
                return Ok(out);
            }
        }
    }

    fn direction_window(
        &self,
        file: &str,
        toks: &[Tok],
        i: &mut usize,
        end: &Tok,
    ) -> Result<(Direction, u32), RuleError> {
        let d = parse_direction(file, toks.get(*i), end)?;
        *i += 1;
        let n = parse_number(file, toks.get(*i), end, "a number of words (the window)")?;
        *i += 1;
        Ok((d, n))
    }
}

fn trailing(file: &str, toks: &[Tok], i: usize) -> Result<(), RuleError> {
    match toks.get(i) {
        Some(t) => Err(RuleError::at_tok(
            file,
            t,
            format!("expected the end of the line, found `{}`", t.text),
        )),
        None => Ok(()),
    }
}

fn parse_direction(file: &str, t: Option<&Tok>, end: &Tok) -> Result<Direction, RuleError> {
    let Some(t) = t else {
        return Err(RuleError::after(
            end,
            file,
            "expected before, after or around",
        ));
    };
    match t.text.as_str() {
        "before" => Ok(Direction::Before),
        "after" => Ok(Direction::After),
        "around" => Ok(Direction::Around),
        other => Err(RuleError::at_tok(
            file,
            t,
            format!("expected before, after or around, found `{other}`"),
        )),
    }
}

fn parse_number(file: &str, t: Option<&Tok>, end: &Tok, what: &str) -> Result<u32, RuleError> {
    match t {
        Some(t) => t.text.parse().map_err(|_| {
            RuleError::at_tok(file, t, format!("expected {what}, found `{}`", t.text))
        }),
        None => Err(RuleError::after(
            end,
            file,
            format!("expected {what} before the end of the line"),
        )),
    }
}

/// `expect none` or `expect role=value; role=value`.
fn parse_expect(
    file: &str,
    head: &Tok,
    rest: &[Tok],
) -> Result<Option<Vec<(String, String)>>, RuleError> {
    if rest.len() == 1 && rest[0].text == "none" {
        return Ok(None);
    }
    // Rebuild the text, with a space wherever the line had one.
    let mut text = String::new();
    let mut prev_end: Option<(u64, usize)> = None;
    for t in rest {
        if prev_end.is_some_and(|(line, col)| line != t.line || col < t.col) {
            text.push(' ');
        }
        text.push_str(&t.text);
        let width = t.text.chars().count() + if t.kind == TokKind::Str { 2 } else { 0 };
        prev_end = Some((t.line, t.col + width));
    }
    let mut pairs = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            RuleError::at_tok(
                file,
                head,
                format!("expected `role=value` pairs separated by `;`, found `{part}`"),
            )
        })?;
        pairs.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok(Some(pairs))
}

/// The form of a `phrases` item: past when its first word is a participle
/// in -ed ("fired upon", so that "its positions were fired upon by
/// Armenian forces" reads as a passive), else present.
fn phrase_form(phrase: &str) -> Form {
    match phrase.split(' ').next() {
        Some(w) if w.len() > 3 && w.ends_with("ed") => Form::Past,
        _ => Form::Present,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::{Gazetteer, Source as GSource};

    fn gaz() -> Gazetteer {
        Gazetteer::build(&[GSource {
            name: "g.tsv".into(),
            text: "canonical\ttype\nRussia\tPLACE\n".into(),
            user: false,
        }])
        .unwrap()
    }

    fn build(text: &str) -> Result<RuleSet, RuleError> {
        RuleSet::build(
            &[
                Source {
                    name: "event_types.tsv".into(),
                    text: "event_type\tcameo\tplover\nATTACK\t190\tASSAULT\n".into(),
                    user: false,
                },
                Source {
                    name: "r.rules".into(),
                    text: text.into(),
                    user: false,
                },
            ],
            &gaz(),
        )
    }

    #[test]
    fn the_symmetric_column_is_yes_or_no() {
        let t = "event_type\tcameo\tplover\tsymmetric\nTALKS\t046\tCONSULT\tyes\nATTACK\t190\tASSAULT\t\n";
        let types = parse_event_types("e.tsv", t).unwrap();
        assert_eq!(
            types
                .iter()
                .map(|t| (t.name.as_str(), t.symmetric))
                .collect::<Vec<_>>(),
            [("TALKS", true), ("ATTACK", false)]
        );
        let e = parse_event_types(
            "e.tsv",
            "event_type\tcameo\tplover\tsymmetric\nTALKS\t046\tCONSULT\tmaybe\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "e.tsv:2:1: expected `yes` or `no` in the `symmetric` column, found `maybe`"
        );
    }

    #[test]
    fn compiles_a_rule() {
        let rs = build("words AT = at, on\nrule a\n  event ATTACK\n  verbs strike (struck)\n  actor PLACE before 8 state\n  location PLACE after @AT|\"deep inside\" 10 gap 2\n  require actor\n").unwrap();
        let r = &rs.rules[0];
        assert_eq!(&*r.cameo, "190");
        assert_eq!(r.slots[1].cues.len(), 3);
        assert_eq!(r.slots[1].gap, 2);
        assert!(r.slots[0].state);
        assert!(rs.triggers["struck"].iter().any(|t| t.form == Form::Past));
        assert_eq!(r.requires, vec![vec![std::sync::Arc::<str>::from("actor")]]);
    }

    #[test]
    fn claimable_is_a_flag_and_takes_nothing_after_it() {
        let rs = build("rule a\n  event ATTACK\n  claimable\n  verbs hit\n  actor PLACE before 8\n  require actor\n").unwrap();
        assert!(rs.rules[0].claimable);
        let e = build("rule a\n  event ATTACK\n  claimable yes\n  verbs hit\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:3:13: `claimable` takes nothing after it but `local`, found `yes`"
        );
    }

    #[test]
    fn slot_pair_lines_name_what_they_expect() {
        let e = build(
            "rule a\n  event ATTACK\n  verbs hit\n  actor PLACE before 8\n  own location actor\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:5:16: expected `of` (`own location of actor`)"
        );
        let e = build(
            "rule a\n  event ATTACK\n  verbs hit\n  actor PLACE before 8\n  possessor target of actor\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:5:3: `possessor` names the slot `target`, which this rule does not define"
        );
    }

    #[test]
    fn own_of_reporter_needs_no_slot_and_asks_for_the_parse() {
        let rs = build(
            "rule a\n  event ATTACK\n  verbs hit\n  actor PLACE before 8\n  target PLACE after 4\n  own target of reporter\n  own target of actor\n",
        )
        .unwrap();
        let r = &rs.rules[0];
        assert!(r.syntax);
        assert_eq!(r.owns[0].1, Owner::Reporter);
        assert_eq!(r.owns[1].1, Owner::Slot("actor".into()));
        let e = build(
            "rule a\n  event ATTACK\n  verbs hit\n  actor PLACE before 8\n  own target of reporter\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:5:3: `own` names the slot `target`, which this rule does not define"
        );
    }

    #[test]
    fn a_cue_of_punctuation_alone_is_an_error() {
        let e = build("rule a\n  event ATTACK\n  verbs hit\n  location PLACE after \"(\" 8\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:4:24: `(` has no word: cues and triggers match words, and punctuation in them is ignored"
        );
    }

    #[test]
    fn errors_have_line_and_column() {
        let e = build("rule a\n  event ATTACK\n  verbs hit\n  actor PLAC before 8\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:4:9: expected an entity type (one of PERSON, ORG, WEAPON, PLACE, NUMBER), found `PLAC`"
        );
        let e = build("rule a\n  event ATTACK\n  verbs hit\n  actor PLACE beside 8\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:4:15: expected before, after or around, found `beside`"
        );
        let e = build("rule a\n  event ATACK\n  verbs hit\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:2:9: unknown event type `ATACK` (known: ATTACK; add it to rules/event_types.tsv)"
        );
        let e = build("rule a\n  evnt ATTACK\n  verbs hit\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:2:3: unknown keyword `evnt`; did you mean `event`? (a slot line reads `NAME TYPES before|after|around N`)"
        );
        let e = build("rule a\n  event ATTACK\n  verb loot\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("r.rules:3:3: unknown keyword `verb`; did you mean `verbs`?"),
            "{e}"
        );
        let e =
            build("rule a\n  event ATTACK\n  verbs hit\n  actor PLACE before x8\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:4:24: expected a number of words (the window) before the end of the line"
        );
    }
}
