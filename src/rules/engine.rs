//! Applying compiled rules to one document.
//!
//! For each sentence, every word that is not inside an entity mention is
//! looked up once in the trigger map. Each rule that the trigger belongs to
//! is then tried at that position: its form and context conditions checked,
//! its slots filled nearest-first within their windows, its `require` lines
//! checked, and the modality read from cue words before the trigger. Of the
//! rules that succeed at one trigger, the one that fills most slots wins
//! (then the higher priority, then file order). Work per sentence is linear
//! in its length plus a small constant per trigger.
//!
//! Finally, mentions of the same event are merged: an event whose roles are
//! a subset of another event of the same type and modality in the same
//! document is dropped ("the attack" after "Russia attacked Kharkiv"); and
//! a mention in the next sentences that names the same actor and adds a
//! role the first one lacks completes it ("Russia fired missiles at
//! Odesa. The strike used Kinzhal missiles…").

use super::inflect::Form;
use super::{
    Adjectives, Context, Direction, FormReq, Lexicon, Owner, PhraseSet, Rule, RuleSet, Slot,
    WordSet,
};
use crate::gazetteer::{self, AliasKind, Gazetteer};
use crate::resolve::{Mention, Unlisted};
use crate::segment::{Sentence, Token, TokenKind};
use crate::syntax::{ClauseKind, Found, Input, Parse};
use std::sync::Arc;

/// One filled role of an event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[warn(missing_docs)] // public (`evex::Role`)
pub struct Role {
    /// Slot name ("actor", "target", ...).
    pub slot: Arc<str>,
    /// Canonical name of the filler (or the quantity as written).
    pub value: Arc<str>,
    /// Gazetteer entry id of the filler, if an entity.
    pub entity_id: Option<Arc<str>>,
    /// Gazetteer entry index of the filler, if an entity.
    #[serde(skip)]
    pub entry: Option<u32>,
    /// Byte offset of the filler's start in the original text.
    pub start: u32,
    /// Byte offset of its end (exclusive).
    pub end: u32,
    /// The other names coordinated with the filler, in text order ("the
    /// US and Britain supplied…": actor United States, also United
    /// Kingdom).
    pub also: Vec<Arc<str>>,
    /// The organ whose mention filled the role for its state ("the Polish
    /// Sejm voted": value Poland, organ Sejm), if any: two acts of one
    /// state by different organs stay apart when events are merged.
    #[serde(skip)]
    pub organ: Option<u32>,
}

impl Role {
    /// The role a gazetteer entry fills, named by the words at
    /// `start..end`: its canonical name and id, no other values.
    pub fn of_entry(gaz: &Gazetteer, slot: Arc<str>, entry: u32, start: u32, end: u32) -> Role {
        let row = gaz.entry(entry);
        Role {
            slot,
            value: row.canonical.clone(),
            entity_id: Some(row.id.clone()),
            entry: Some(entry),
            organ: None,
            start,
            end,
            also: Vec::new(),
        }
    }

    /// Every value of the role, the filler first: `United States; United
    /// Kingdom`.
    pub fn all_values(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.value).chain(self.also.iter().map(|v| &**v))
    }
}

/// One extracted event.
///
/// ```
/// use evex::{Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let doc = Document::new("d1", "Ukraine fired ATACMS missiles at Russia.");
/// let ev = &pipeline.process(&doc).events[0];
/// assert_eq!(&*ev.event_type, "ATTACK");
/// assert_eq!((ev.role("actor"), ev.role("target")), (Some("Ukraine"), Some("Russia")));
/// assert_eq!(&doc.text[ev.trigger_start as usize..ev.trigger_end as usize], "fired");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[warn(missing_docs)] // public (`evex::Event`)
pub struct Event {
    /// `ATTACK`, `DEPLOYMENT`, `SANCTIONS`… (the rule files' event types).
    pub event_type: Arc<str>,
    /// The type's CAMEO code (text: `046`).
    pub cameo: Arc<str>,
    /// The type's PLOVER category.
    pub plover: Arc<str>,
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: u32,
    /// Index of the sentence holding the trigger.
    pub sentence: u32,
    /// Byte offset of the trigger's start.
    pub trigger_start: u32,
    /// Byte offset of the trigger's end (exclusive).
    pub trigger_end: u32,
    /// The filled roles (`actor`, `target`, `weapon`, `location`,
    /// `quantity`…).
    pub roles: Vec<Role>,
    /// `asserted` or a modality label from the rule files.
    pub modality: Arc<str>,
    /// Byte offset of the start of the span covering the trigger and all
    /// fillers.
    pub start: u32,
    /// Byte offset of the span's end (exclusive).
    pub end: u32,
    /// The trigger is a verb in a present or past form ("froze",
    /// "passes"), not a noun or an "-ing" form: two such events of one
    /// sentence in clauses of their own are two acts (see
    /// `separate_clauses`).
    pub verb: bool,
}

impl Event {
    /// The roles and modality as `role=value; ...; modality=...` (used by
    /// `evex explain` and rule examples).
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self
            .roles
            .iter()
            .map(|r| format!("{}={}", r.slot, r.value))
            .collect();
        parts.push(format!("modality={}", self.modality));
        parts.join("; ")
    }

    /// The value of a role, if filled.
    pub fn role(&self, slot: &str) -> Option<&str> {
        self.roles
            .iter()
            .find(|r| &*r.slot == slot)
            .map(|r| &*r.value)
    }
}

/// How many mentions back an anaphor ("these missiles") looks for its
/// antecedent.
const ANTECEDENT_REACH: usize = 500;

/// Buffers [`RuleSet::apply`] keeps from one document to the next, so that
/// they grow to the size of the largest sentence once per thread rather
/// than from empty in every document.
#[derive(Default)]
struct ApplyScratch {
    /// The number phrases of the current sentence.
    quantities: Vec<Quantity>,
    /// The shallow parse of the current sentence.
    parse: Parse,
    /// Slot candidates, reused for every slot of every rule tried.
    order: Vec<(usize, Filler)>,
}

thread_local! {
    static APPLY_SCRATCH: std::cell::Cell<ApplyScratch> = std::cell::Cell::default();
}

/// How many events apart two mentions of one event may be to be merged;
/// bounds the work on very large documents.
const MERGE_REACH: usize = 256;

/// What the engine needs to see of a document.
pub struct DocView<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub mentions: &'a [Mention],
    /// The entities no gazetteer lists, indexed by [`Mention::unlisted`].
    pub unlisted: &'a [Unlisted],
    /// Word tokens where a trigger's first word occurs, in order (found by
    /// the gazetteer's automaton in the same scan as the entities).
    pub triggers: &'a [u32],
    pub gaz: &'a Gazetteer,
}

impl DocView<'_> {
    /// The words that triggered an event, as written: what the later
    /// stages' `evex explain` lines quote.
    pub fn trigger_text(&self, e: &Event) -> &str {
        &self.text[e.trigger_start as usize..e.trigger_end as usize]
    }

    fn word(&self, t: usize) -> &str {
        let t = &self.tokens[t];
        &self.folded[t.fstart as usize..t.fend as usize]
    }

    fn raw(&self, t: usize) -> &str {
        let t = &self.tokens[t];
        &self.text[t.start as usize..t.end as usize]
    }
}

/// Why a rule did not fire at a trigger. Formatted only when tracing
/// (`evex explain`), so failing rules cost no allocation.
enum Miss<'r> {
    Compound,
    /// A word the rule lists under `verbs` stands as a noun here ("a police
    /// station"); the rule's nouns are listed under `nouns`.
    VerbAsNoun,
    Form(FormReq, &'static str),
    Need(&'r Context),
    Unless(&'r Context),
    Require(&'r [Arc<str>], Vec<Filled<'r>>),
}

impl Miss<'_> {
    /// The reason in words (`evex explain`).
    fn describe(&self, view: &DocView) -> String {
        match self {
            Miss::Require(alt, roles) => {
                let filled: Vec<String> = roles.iter().map(|r| r.describe(view)).collect();
                let filled = if filled.is_empty() {
                    "nothing".to_string()
                } else {
                    filled.join(", ")
                };
                format!("`require {}` not met (filled: {filled})", alt.join("|"))
            }
            other => other.to_string(),
        }
    }
}

impl std::fmt::Display for Miss<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let dir = |d: Direction| format!("{d:?}").to_lowercase();
        match self {
            Miss::Compound => write!(f, "the trigger is part of a hyphenated compound"),
            Miss::VerbAsNoun => write!(
                f,
                "the rule lists the trigger as a verb, but here it is a noun (list it under `nouns`, or say `form any`, to match it as one)"
            ),
            Miss::Form(FormReq::Unstated, found) => write!(
                f,
                "the rule lists the trigger as a verb, but here it is {found} (say `form any` to match it)"
            ),
            Miss::Form(want, found) => {
                write!(
                    f,
                    "the rule wants form {}, the trigger is {found}",
                    format!("{want:?}").to_lowercase()
                )
            }
            Miss::Need(c) => write!(
                f,
                "`need` not met: none of {} {} within {}",
                phrases(&c.phrases),
                dir(c.direction),
                c.window
            ),
            Miss::Unless(c) => write!(
                f,
                "`unless` met: one of {} {} within {}",
                phrases(&c.phrases),
                dir(c.direction),
                c.window
            ),
            Miss::Require(alt, roles) => write!(
                f,
                "`require {}` not met ({} roles filled)",
                alt.join("|"),
                roles.len()
            ),
        }
    }
}

/// A number phrase ("more than 10,000", "$6 billion", "dozens").
#[derive(Debug, Clone, Copy)]
struct Quantity {
    tok_start: u32,
    tok_end: u32,
}

/// A filler candidate for a slot.
#[derive(Debug, Clone, Copy)]
struct Filler {
    tok_start: u32,
    tok_end: u32,
    mention: Option<usize>,
}

/// A role as filled while rules compete at a trigger: no strings yet. Most
/// candidate events lose to another rule or fail a `require`, so names are
/// copied only into the events that are kept ([`Draft::into_event`]).
#[derive(Debug, Clone, Copy)]
struct Filled<'r> {
    slot: &'r Arc<str>,
    /// The entry the role reports (after metonymy and anaphora), or none
    /// for a quantity, whose value is the text at `start..end`.
    entry: Option<u32>,
    /// The mention (document-wide index; `u32::MAX` for a quantity).
    mention: u32,
    /// Its coordinated group in the sentence's parse (`u16::MAX`: none, or
    /// the slot reports the filler alone).
    group: u16,
    /// The unlisted entity filling the role (`u32::MAX`: none), whose name
    /// and id the role reports.
    unlisted: u32,
    start: u32,
    end: u32,
}

/// How a trigger reads where it stands, whatever the rule tried there
/// ([`RuleSet::reading`]): a trigger word starts several rules, and they
/// share this, worked out for the first of them.
#[derive(Clone, Copy)]
struct Reading {
    /// The trigger's end token.
    te: usize,
    /// The form its rules list it in.
    listed: Form,
    /// Glued to a word by a hyphen: part of a compound adjective.
    compound: bool,
    /// The form it is used in ("a heart attack": a noun).
    form: Form,
    passive: bool,
    /// A participle as an adjective ("the occupied West Bank").
    adjective: bool,
    /// Its clause, subject and object in the sentence's parse, once a rule
    /// that needs them has asked.
    grammar: Option<Grammar>,
}

/// Where a trigger stands: its sentence, the sentence's mentions and
/// parse.
#[derive(Clone, Copy)]
struct Place<'a> {
    si: usize,
    s: &'a Sentence,
    /// The sentence's mentions; `m_from` is the index of the first in the
    /// document.
    ms: &'a [Mention],
    m_from: usize,
    /// The shallow parse, when the rule tried needs it.
    syn: Option<&'a Parse>,
}

/// A trigger being tried: place, token span and grammar.
struct At<'a> {
    place: Place<'a>,
    s_from: usize,
    s_to: usize,
    ts: usize,
    te: usize,
    /// The trigger is a noun ("the sanctions", "the strike").
    noun: bool,
    /// The rule's event type is one of `LEGISLATURE_ACTS`.
    legislature_acts: bool,
    /// For a noun in an opening adjunct, the comma that closes it
    /// ([`RuleSet::opening_adjunct_end`]).
    adjunct_end: Option<usize>,
    /// For a trigger past the comma of an opening adjunct of concession
    /// (`CONCESSIVE_OPENERS`), that comma: no place before it is the
    /// event's ([`RuleSet::concession_end`]).
    concession_end: Option<usize>,
    grammar: Option<Grammar>,
}

/// The clause, subject and object of a trigger.
#[derive(Debug, Clone, Copy)]
struct Grammar {
    clause: u16,
    subject: Option<Found>,
    object: Option<u16>,
}

/// The entry and mention (document-wide index) of whoever reported the
/// trigger's clause or an enclosing one ("Poland said [Russian drones
/// violated its airspace]": Poland), for `own TO of reporter`; for a
/// subordinate clause, the subject of the clause it depends on ("Estonia
/// requested consultations [after Russian jets violated its airspace]":
/// Estonia).
fn reporter_of(at: &At) -> Option<(u32, u32)> {
    let syn = at.place.syn?;
    let mut c = at.grammar?.clause;
    let g = loop {
        let clause = &syn.clauses[c as usize];
        if let Some(g) = clause.reporter {
            break g;
        }
        if clause.parent == c {
            return None;
        }
        if clause.kind == ClauseKind::Subordinate
            && let Some(g) = syn.subject_group_of(clause.parent)
        {
            break g;
        }
        c = clause.parent;
    };
    let &mi = syn.members_of(g).first()?;
    let m = at.place.ms.get(mi as usize - at.place.m_from)?;
    Some((m.entry, mi))
}

/// Is token `k` in clause `c`, in a parenthesis inside it ("the Tigray
/// People's Liberation Front (TPLF)"), or in a clause without a subject of
/// its own that follows it and opens with a word of `same_act`
/// ("Israeli jets struck…, using F-35 fighters"), or in a relative clause
/// on the trigger noun ending at `te` ("a massive attack that killed 11
/// civilians and damaged the country's grid", not "bases, which could
/// let US forces return"), or right after the trigger's object ("fired a
/// rocket that landed near Ashkelon"): such a clause tells on the same act. The
/// antecedent phrase of a trigger's own relative clause is in it too ("a
/// Houthi ballistic missile that hit near Ben Gurion airport").
fn in_clause(
    view: &DocView,
    same_act: &WordSet,
    prepositions: &WordSet,
    syn: &Parse,
    k: usize,
    (c, te, object): (u16, usize, Option<u16>),
) -> bool {
    let kc = syn.clause_at(k);
    let clause = &syn.clauses[kc as usize];
    let start = clause.start as usize;
    let on_trigger = clause.kind == ClauseKind::Relative
        && clause.subject_gap
        && (start == te
            || (start == te + 1 && view.raw(te) == ",")
            || object.is_some_and(|o| {
                clause.antecedent == Some(o) && syn.groups[o as usize].tok_end as usize == start
            }))
        && !(view.tokens.get(start + 1).is_some_and(|t| t.is_word())
            && matches!(
                view.word(start + 1),
                "could" | "would" | "may" | "might" | "will" | "can" | "should" | "must"
            ));
    let own = &syn.clauses[c as usize];
    let antecedent = own.kind == ClauseKind::Relative
        && own.subject_gap
        && own.antecedent.is_some_and(|a| {
            (syn.groups[a as usize].tok_start as usize) <= k && k < own.start as usize
        });
    // A relative clause whose antecedent is a name-less noun phrase ("a
    // Houthi missile that landed near Ashkelon": the parse gives no
    // antecedent to a demonym) has the words of that phrase too.
    let phrase_before = || {
        let s = own.start as usize;
        own.kind == ClauseKind::Relative
            && own.subject_gap
            && own.antecedent.is_none()
            && k < s
            && s - k <= 4
            && (k..s).all(|j| {
                view.tokens[j].is_word()
                    && !matches!(view.word(j), "a" | "an" | "the" | "and" | "or")
                    && !prepositions.contains(view.word(j))
            })
    };
    kc == c
        || antecedent
        || phrase_before()
        || (clause.parent == c
            && (on_trigger
                || clause.kind == ClauseKind::Parenthetical
                || (clause.kind == ClauseKind::Subordinate
                    && clause.subject_gap
                    && start > syn.clauses[c as usize].start as usize
                    && view.tokens[start].is_word()
                    && same_act.contains(view.word(start)))))
}

/// Is clause `c` a reduced relative that opens right after the trigger
/// noun ending at `te`, past its comma ("The sanctions, announced by the
/// Treasury, …")? It then tells on the noun itself.
fn reduced_on_noun(view: &DocView, syn: &Parse, c: u16, te: usize) -> bool {
    let clause = &syn.clauses[c as usize];
    let start = clause.start as usize;
    clause.reduced && (start == te || (start == te + 1 && view.raw(te) == ","))
}

/// Where the search for a modality cue before the trigger at `ts` stops:
/// `window` tokens back, a name of several tokens counting as one ("called
/// on the U.N. Security Council to impose sanctions": "called on" is six
/// back, not eleven).
fn modality_floor(view: &DocView, window: usize, s_from: usize, ts: usize) -> usize {
    let ms = view.mentions;
    let mut i = ms.partition_point(|m| (m.tok_start as usize) < ts);
    let (mut left, mut k) = (window, ts);
    while k > s_from && left > 0 {
        k -= 1;
        while i > 0 && ms[i - 1].tok_start as usize > k {
            i -= 1;
        }
        let inside = i > 0 && (ms[i - 1].tok_start as usize) < k && k < ms[i - 1].tok_end as usize;
        if !inside {
            left -= 1;
        }
    }
    k
}

/// An event before it is kept.
struct Draft<'r> {
    rule: u32,
    sentence: u32,
    trigger_start: u32,
    trigger_end: u32,
    roles: Vec<Filled<'r>>,
    /// The sentence's first and end tokens and the trigger's, for the
    /// modality: read only for the draft that becomes an event (most
    /// drafts lose to another rule's at the same trigger).
    span: (u32, u32, u32, u32),
    start: u32,
    end: u32,
    /// See [`Event::verb`].
    verb: bool,
    /// Is the trigger a noun? Its modality may then follow it ("a meeting
    /// … could follow").
    noun: bool,
}

impl Draft<'_> {
    fn into_event(
        self,
        rule: &Rule,
        view: &DocView,
        syn: Option<&Parse>,
        modality: &Arc<str>,
    ) -> Event {
        let roles = self
            .roles
            .iter()
            .map(|f| match (syn, f.group != u16::MAX) {
                (Some(syn), true) => {
                    let first = first_named(view, syn, f, &self.roles);
                    let mut role = first.to_role(view);
                    role.also = coordinated(view, syn, &first, &self.roles);
                    role
                }
                _ => f.to_role(view),
            })
            .collect();
        Event {
            event_type: rule.event_type.clone(),
            cameo: rule.cameo.clone(),
            plover: rule.plover.clone(),
            rule: self.rule,
            sentence: self.sentence,
            trigger_start: self.trigger_start,
            trigger_end: self.trigger_end,
            roles,
            modality: modality.clone(),
            start: self.start,
            end: self.end,
            verb: self.verb,
        }
    }
}

/// What member `mi` of filler `f`'s coordinated group reports in `f`'s
/// role (its entry, or the state it stands for when the filler stands for
/// a state, and its unlisted index), or `None` when it is not another value
/// of the role: a generic word, a name of another type, the filler's own
/// entity, or a mention another role of the event uses.
fn member_value(view: &DocView, f: &Filled, roles: &[Filled], mi: u32) -> Option<(u32, u32)> {
    let own = f.entry?;
    if mi == f.mention {
        return None;
    }
    let own_mention = view.mentions[f.mention as usize];
    let stands = view.gaz.stands_for_of(own_mention.entry) == Some(own);
    let etype = view.gaz.etype_of(own_mention.entry);
    let m = view.mentions[mi as usize];
    if view.gaz.is_generic(m.entry) {
        return None;
    }
    let entry = match stands {
        true => view.gaz.stands_for_of(m.entry).unwrap_or(m.entry),
        false => m.entry,
    };
    // Unlisted names share a template entry: they are told apart by their
    // own index.
    let unlisted = if entry == m.entry {
        m.unlisted
    } else {
        u32::MAX
    };
    let same = |e: Option<u32>, u: u32| e == Some(entry) && u == unlisted;
    // (The role's own filler, which `first_named` may have replaced, is
    // no other role.)
    let other_role = roles
        .iter()
        .filter(|r| !Arc::ptr_eq(r.slot, f.slot))
        .any(|r| r.mention == mi || (same(r.entry, r.unlisted) && r.mention != f.mention));
    let compatible = view.gaz.etype_of(m.entry) == etype || stands;
    if same(Some(own), f.unlisted) || other_role || !compatible {
        return None;
    }
    Some((entry, unlisted))
}

/// The other members of a filler's coordinated group, as the slot reports
/// them (what they stand for when the filler stands for a state), in text
/// order, without those another role of the event uses.
fn coordinated(view: &DocView, syn: &Parse, f: &Filled, roles: &[Filled]) -> Vec<Arc<str>> {
    let mut out: Vec<Arc<str>> = Vec::new();
    for &mi in syn.members_of(f.group) {
        let Some((entry, unlisted)) = member_value(view, f, roles, mi) else {
            continue;
        };
        let name = match unlisted {
            u32::MAX => view.gaz.entry(entry).canonical.clone(),
            u => view.unlisted[u as usize].name.clone(),
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The filler that a role reports first: of the names coordinated with the
/// slot's filler, the first named ("The United States and Japan have
/// stationed…": United States, though the slot found Japan nearer the
/// trigger); the others go to the role's list.
///
/// Only actors: their slots search back from the trigger and so find the
/// last name first, while slots after the trigger find the first; and
/// "a meeting between Zelensky and Putin" that Ukraine is open to keeps
/// Putin as the other side.
fn first_named<'r>(view: &DocView, syn: &Parse, f: &Filled<'r>, roles: &[Filled]) -> Filled<'r> {
    if &**f.slot != "actor" {
        return *f;
    }
    let own = view.mentions[f.mention as usize];
    let members = syn.members_of(f.group);
    // The list's end: "and" may stand only before its last name ("troops
    // from Niger, Burkina Faso and Mali").
    let last = members.last().map_or(own.tok_start, |&l| {
        view.mentions[l as usize].tok_start.max(own.tok_start)
    });
    for &mi in members {
        if mi >= f.mention {
            break;
        }
        // Only names joined by "and" or "or": an apposition ("Duhok,
        // Iraq") keeps the name the slot chose.
        let m = view.mentions[mi as usize];
        let joined = (m.tok_end..last).any(|k| {
            view.tokens[k as usize].is_word() && matches!(view.word(k as usize), "and" | "or")
        });
        if !joined {
            continue;
        }
        if let Some((entry, unlisted)) = member_value(view, f, roles, mi) {
            return Filled {
                entry: Some(entry),
                mention: mi,
                unlisted,
                start: m.start,
                end: m.end,
                ..*f
            };
        }
    }
    *f
}

impl Filled<'_> {
    fn to_role(self, view: &DocView) -> Role {
        match self.entry {
            Some(e) if self.unlisted != u32::MAX => {
                let u = &view.unlisted[self.unlisted as usize];
                Role {
                    slot: self.slot.clone(),
                    value: u.name.clone(),
                    entity_id: Some(u.id.clone()),
                    entry: Some(e),
                    organ: None,
                    start: self.start,
                    end: self.end,
                    also: Vec::new(),
                }
            }
            Some(e) => {
                let mut role = Role {
                    organ: view
                        .mentions
                        .get(self.mention as usize)
                        .map(|m| m.entry)
                        .filter(|&m| m != e && view.gaz.stands_for_of(m) == Some(e)),
                    ..Role::of_entry(view.gaz, self.slot.clone(), e, self.start, self.end)
                };
                // A variant of a listed weapon is named as written: the
                // text says which one ("J-10CE", not J-10).
                if view.gaz.is_type(e, gazetteer::WEAPON) {
                    let written = view.text.get(self.start as usize..self.end as usize);
                    if let Some(w) = written.filter(|w| is_variant_of(w, &role.value)) {
                        role.value = Arc::from(w);
                    }
                }
                role
            }
            None => Role {
                slot: self.slot.clone(),
                value: view.text[self.start as usize..self.end as usize].into(),
                entity_id: None,
                entry: None,
                organ: None,
                start: self.start,
                end: self.end,
                also: Vec::new(),
            },
        }
    }

    /// `slot=value`, for `evex explain`.
    fn describe(self, view: &DocView) -> String {
        let value = match self.entry {
            Some(_) if self.unlisted != u32::MAX => &*view.unlisted[self.unlisted as usize].name,
            Some(e) => &*view.gaz.entry(e).canonical,
            None => &view.text[self.start as usize..self.end as usize],
        };
        format!("{}={value}", self.slot)
    }
}

impl RuleSet {
    /// Finds the events of one document and appends them to `out`. With
    /// `trace`, every rule tried at every trigger adds a line saying whether
    /// it fired and, if not, why (used by `evex explain`).
    pub fn apply(
        &self,
        view: &DocView,
        merge: bool,
        out: &mut Vec<Event>,
        mut trace: Option<&mut Vec<String>>,
    ) {
        let first = out.len();
        let mut pending: Vec<Event> = Vec::new();
        // Events told without who did them ("A car bomb exploded near a
        // checkpoint in Kirkuk"): they stand only if a later mention
        // names the actor ("Islamic State claimed the bombing").
        let mut orphans: Vec<Event> = Vec::new();
        // Events with their actor that missed a `require` ("Israel carried
        // out airstrikes overnight"): each stands only if a later mention
        // completes it ("The strikes hit Tyre"), with its role count then.
        let mut stubs: Vec<Event> = Vec::new();
        // Two-sided events told again by a noun with no party named ("the
        // planned summit was off"): see `echo_parties`.
        let mut echoes: Vec<Event> = Vec::new();
        // The buffers of the last document, taken for this one (a call
        // inside this one would find none and make its own).
        let mut scratch = APPLY_SCRATCH.with(|c| c.take());
        let ApplyScratch {
            quantities,
            parse,
            order,
        } = &mut scratch;
        let mut quantities_done = false;
        let mut si = 0usize;
        let mut ms: &[Mention] = &[];
        let mut m_from = 0usize;
        let mut ms_sentence = usize::MAX;
        // The shallow parse of the current sentence is built when a rule
        // that needs it is first tried there.
        let mut parsed = false;
        // How the trigger reads at the current position, per end and form.
        let mut readings: Vec<Reading> = Vec::new();
        for &t in view.triggers {
            let i = t as usize;
            while si < view.sentences.len() && view.sentences[si].end_token as usize <= i {
                si += 1;
            }
            let Some(s) = view.sentences.get(si) else {
                break;
            };
            if ms_sentence != si {
                m_from = view
                    .mentions
                    .partition_point(|m| m.tok_start < s.first_token);
                let m_to = view.mentions.partition_point(|m| m.tok_start < s.end_token);
                ms = &view.mentions[m_from..m_to];
                ms_sentence = si;
                quantities_done = false;
                parsed = false;
            }
            // Triggers inside entity names ("Storm Shadow") are not triggers.
            // A generic class is no name: a trigger that starts with one and
            // goes past it ("Hezbollah rocket fire") still counts.
            let k = ms.partition_point(|m| m.tok_end as usize <= i);
            let mut past_class = None;
            if let Some(m) = ms.get(k).filter(|m| m.tok_start as usize <= i) {
                if m.tok_start as usize != i || !view.gaz.entry(m.entry).generic {
                    continue;
                }
                past_class = Some(m.tok_end as usize);
            }
            {
                let Some(triggers) = self.triggers.get(view.word(i)) else {
                    continue;
                };
                let mut best: Option<(usize, i32, Draft)> = None;
                let mut pending_here: Option<Draft> = None;
                let mut orphan_here: Option<Draft> = None;
                let mut stub_here: Option<Draft> = None;
                let mut echo_here: Option<Draft> = None;
                let mut grammar_shown = false;
                readings.clear();
                for trig in triggers {
                    // A present that is also the rule's past ("hit", "cut")
                    // right after a form of "be" is that participle, and
                    // its past reading decides: "Ukraine's largest
                    // refinery was hit overnight" is no attack by Ukraine.
                    if trig.form == Form::Present
                        && self.be_before(view, s.first_token as usize, i)
                        && triggers.iter().any(|t| {
                            t.rule == trig.rule && t.form == Form::Past && t.rest == trig.rest
                        })
                    {
                        continue;
                    }
                    let Some(te) = match_forward(view, i, &trig.rest, s.end_token as usize) else {
                        continue;
                    };
                    if let Some(end) = past_class {
                        // The words after the class may trigger the rule
                        // by themselves ("missile strike": "strike"), and
                        // that trigger tells the event.
                        if te <= end {
                            continue;
                        }
                        let after = (view.tokens[end].is_word())
                            .then(|| self.triggers.get(view.word(end)))
                            .flatten();
                        if after.is_some_and(|ts| ts.iter().any(|t| t.rule == trig.rule)) {
                            continue;
                        }
                    }
                    let rule = &self.rules[trig.rule as usize];
                    // See `Event::verb`.
                    let verb = matches!(trig.form, Form::Present | Form::Past);
                    let r = match readings
                        .iter()
                        .position(|r| r.te == te && r.listed == trig.form)
                    {
                        Some(r) => r,
                        None => {
                            readings.push(self.reading(view, s, ms, i, te, trig.form));
                            readings.len() - 1
                        }
                    };
                    // The cheap tests first: most tries end here, before a
                    // sentence is parsed or its quantities read. (`explain`
                    // still shows the parse before the miss.)
                    let gate = self.gate(view, rule, s, i, te, &readings[r]);
                    if gate.is_err() && trace.is_none() {
                        continue;
                    }
                    if !quantities_done && rule.slots.iter().any(|sl| sl.number) {
                        self.find_quantities(view, s, ms, quantities);
                        quantities_done = true;
                    }
                    let q: &[Quantity] = if quantities_done { quantities } else { &[] };
                    if rule.syntax && !parsed {
                        let s_from = s.first_token as usize;
                        let verb_trigger = |k: usize| self.is_verb_trigger(view, s_from, k);
                        let trigger = |k: usize| self.is_trigger(view, k);
                        parse.build(
                            &self.syntax_input(view, &verb_trigger, &trigger),
                            &self.lexicon.syntax,
                            s,
                            (m_from, m_from + ms.len()),
                        );
                        parsed = true;
                    }
                    let syn = rule.syntax.then_some(&*parse);
                    if let (Some(t), Some(p), false) = (trace.as_deref_mut(), syn, grammar_shown) {
                        grammar_shown = true;
                        t.push(self.describe_grammar(view, p, s, i, te, trig.form));
                    }
                    if let Err(why) = gate {
                        if let Some(t) = trace.as_deref_mut() {
                            t.push(self.miss_line(view, si, i, te, rule, &why));
                        }
                        continue;
                    }
                    let ev = match self.try_rule(
                        view,
                        trig.rule,
                        rule,
                        Place {
                            si,
                            s,
                            ms,
                            m_from,
                            syn,
                        },
                        q,
                        i,
                        te,
                        &mut readings[r],
                        order,
                    ) {
                        Ok(mut ev) => {
                            ev.verb = verb;
                            ev.noun = trig.form == Form::Noun;
                            if let Some(t) = trace.as_deref_mut() {
                                let shown = Draft {
                                    roles: ev.roles.clone(),
                                    ..ev
                                };
                                let shown = self.event_of(shown, view, syn);
                                t.push(format!(
                                    "sentence {si}, trigger {:?}: rule `{}` ({}) fires: {}",
                                    &view.text[ev.trigger_start as usize..ev.trigger_end as usize],
                                    rule.id,
                                    rule.origin,
                                    shown.describe()
                                ));
                            }
                            ev
                        }
                        Err(Miss::Require(alt, roles)) if best.is_none() => {
                            // A definite noun ("the attack damaged energy
                            // facilities in Odesa") that misses a `require`
                            // may still complete the event it refers back
                            // to; alone it is no event. A `claimable` one
                            // that lacks only its actor stands if a claim
                            // names one (`complete_events`).
                            let why = if trig.form == Form::Noun
                                && !roles.is_empty()
                                && self.definite_at(view, s.first_token as usize, i)
                            {
                                if pending_here.is_some() {
                                    continue;
                                }
                                Some(Aside::Definite)
                            } else if pending_here.is_none()
                                && orphan_here.is_none()
                                && lacks_only_actor(rule, &roles)
                            {
                                Some(Aside::Orphan)
                            } else if pending_here.is_none()
                                && orphan_here.is_none()
                                && stub_here.is_none()
                                && roles.iter().any(|r| &**r.slot == "actor")
                            {
                                Some(Aside::Stub)
                            } else if !roles
                                .iter()
                                .any(|r| matches!(&**r.slot, "actor" | "target"))
                                && trig.form == Form::Noun
                                && echo_here.is_none()
                                && self.is_symmetric(&rule.event_type)
                            {
                                Some(Aside::Echo)
                            } else {
                                None
                            };
                            let Some(why) = why else {
                                if let Some(t) = trace.as_deref_mut() {
                                    let miss = Miss::Require(alt, roles);
                                    t.push(self.miss_line(view, si, i, te, rule, &miss));
                                }
                                continue;
                            };
                            let mut d = self.draft(
                                view,
                                trig.rule,
                                si,
                                s.first_token as usize,
                                i,
                                te,
                                roles,
                            );
                            d.verb = verb;
                            d.noun = trig.form == Form::Noun;
                            if let Some(t) = trace.as_deref_mut() {
                                t.push(aside_line(view, si, &d, rule, why));
                            }
                            match why {
                                Aside::Definite => pending_here = Some(d),
                                Aside::Orphan => orphan_here = Some(d),
                                Aside::Stub => stub_here = Some(d),
                                Aside::Echo => echo_here = Some(d),
                            }
                            continue;
                        }
                        Err(why) => {
                            if let Some(t) = trace.as_deref_mut() {
                                t.push(self.miss_line(view, si, i, te, rule, &why));
                            }
                            continue;
                        }
                    };
                    let score = ev.roles.len();
                    if best
                        .as_ref()
                        .is_none_or(|(bs, bp, _)| (score, rule.priority) > (*bs, *bp))
                    {
                        best = Some((score, rule.priority, ev));
                    }
                }
                if let Some((_, _, ev)) = best {
                    out.push(self.event_of(ev, view, parsed.then_some(&*parse)));
                } else if let Some(d) = pending_here {
                    pending.push(self.event_of(d, view, parsed.then_some(&*parse)));
                } else if let Some(d) = orphan_here {
                    orphans.push(self.event_of(d, view, parsed.then_some(&*parse)));
                } else if let Some(d) = stub_here {
                    stubs.push(self.event_of(d, view, parsed.then_some(&*parse)));
                } else if let Some(d) = echo_here {
                    echoes.push(self.event_of(d, view, parsed.then_some(&*parse)));
                }
            }
        }
        APPLY_SCRATCH.with(|c| c.set(scratch));
        if merge {
            // For `evex explain`: the events that fired, to tell which of
            // them the merging below folds into others.
            let fired = traced_triggers(&out[first..], trace.is_some());
            self.fold_adjuncts(view, out, first);
            self.merge_mentions(view, out, first);
            merge_narrowing_nouns(out, first, view.gaz);
            merge_complements(out, first, view.gaz, |e| {
                self.distinct_mention(view, e) != Distinct::No
            });
            merge_overlapping_triggers(out, first);
            // The definite mentions that only complete an earlier event go
            // in among the others, in text order.
            let pending_starts: Vec<u32> = pending.iter().map(|e| e.trigger_start).collect();
            let orphan_starts: Vec<u32> = orphans.iter().map(|e| e.trigger_start).collect();
            let stub_starts: Vec<(u32, usize)> = stubs
                .iter()
                .map(|e| (e.trigger_start, e.roles.len()))
                .collect();
            if !pending.is_empty() || !orphans.is_empty() || !stubs.is_empty() {
                out.extend(pending);
                out.extend(orphans);
                out.extend(stubs);
                out[first..].sort_by_key(|e| e.trigger_start);
            }
            let definite: Vec<bool> = out[first..]
                .iter()
                .map(|e| self.definite_mention(view, e))
                .collect();
            let distinct: Vec<bool> = out[first..]
                .iter()
                .map(|e| self.distinct_mention(view, e) != Distinct::No)
                .collect();
            let pending: Vec<bool> = out[first..]
                .iter()
                .map(|e| pending_starts.contains(&e.trigger_start))
                .collect();
            let orphan: Vec<bool> = out[first..]
                .iter()
                .map(|e| orphan_starts.contains(&e.trigger_start))
                .collect();
            let stub: Vec<bool> = out[first..]
                .iter()
                .map(|e| stub_starts.iter().any(|s| s.0 == e.trigger_start))
                .collect();
            // "Cambodia accused Thai forces of shelling villages in Oddar
            // Meanchey": a gerund told in a later sentence is an act of its
            // own, not more of the strikes told before.
            let gerund: Vec<bool> = out[first..]
                .iter()
                .map(|e| {
                    !e.verb
                        && view.text[e.trigger_start as usize..e.trigger_end as usize]
                            .ends_with("ing")
                })
                .collect();
            let day: Vec<Option<chrono::Weekday>> = out[first..]
                .iter()
                .map(|e| weekday_told(view, e.sentence))
                .collect();
            complete_events(
                out, first, view.gaz, &definite, &distinct, &pending, &orphan, &stub, &gerund, &day,
            );
            parties_from_context(
                view,
                &self.lexicon.go_betweens,
                out,
                first,
                &orphan,
                trace.as_deref_mut(),
            );
            actor_from_context(view, out, first, &orphan, trace.as_deref_mut());
            place_from_retelling(
                view,
                out,
                first,
                &stub_starts,
                |t| self.is_symmetric(t),
                trace.as_deref_mut(),
            );
            if !pending_starts.is_empty() || !orphan_starts.is_empty() || !stub_starts.is_empty() {
                // Definite mentions that completed nothing are no events,
                // nor are events that no later mention gave an actor.
                // Nor are stubs that no later mention added a role to.
                let mut idx = 0;
                out.retain(|e| {
                    let k = idx < first
                        || !(pending_starts.contains(&e.trigger_start)
                            || (orphan_starts.contains(&e.trigger_start)
                                && e.role("actor").is_none()
                                && !(self.rules[e.rule as usize].local
                                    && local_attack_noun(view.gaz, e)))
                            || stub_starts
                                .iter()
                                .any(|&(t, n)| t == e.trigger_start && e.roles.len() <= n));
                    idx += 1;
                    k
                });
            }
            echo_parties(view, out, first, echoes, trace.as_deref_mut());
            // A completed event may now hold all the roles of another
            // mention of it: "Israel carried out strikes across southern
            // Lebanon… The strikes hit Nabatieh" (the definite "strikes"
            // narrowed the first to Nabatieh; "hit" adds nothing more).
            self.merge_mentions(view, out, first);
            if let Some(t) = trace.as_deref_mut() {
                self.trace_folded(
                    view,
                    &fired,
                    &out[first..],
                    "is folded into another mention of its event (one row per event)",
                    t,
                );
            }
            let denied: Vec<bool> = out[first..]
                .iter()
                .map(|e| self.denied_mention(view, e))
                .collect();
            let before = traced_triggers(&out[first..], trace.is_some());
            drop_denials(out, first, view.gaz, &denied);
            if let Some(t) = trace {
                self.trace_folded(
                    view,
                    &before,
                    &out[first..],
                    "is a denial of an act the text tells, no event of its own",
                    t,
                );
            }
        }
    }

    /// For `evex explain`: a line for each event of `fired` (sentence,
    /// trigger offsets, rule) that is no longer among `kept`, saying `why`.
    fn trace_folded(
        &self,
        view: &DocView,
        fired: &[(u32, u32, u32, u32)],
        kept: &[Event],
        why: &str,
        trace: &mut Vec<String>,
    ) {
        for &(si, ts, te, rule) in fired {
            if kept.iter().any(|e| e.trigger_start == ts && e.rule == rule) {
                continue;
            }
            let rule = &self.rules[rule as usize];
            trace.push(format!(
                "sentence {si}, trigger {:?}: the {} of rule `{}` {why}",
                &view.text[ts as usize..te as usize],
                rule.event_type,
                rule.id,
            ));
        }
    }

    /// Is an event a party's denial of an act ("The junta denied targeting
    /// civilians"): negated, with a word of `DENIED_ACTS` at most
    /// [`DENIAL_REACH`] words before its trigger?
    fn denied_mention(&self, view: &DocView, e: &Event) -> bool {
        if &*e.modality != "negated" {
            return false;
        }
        let t = view.tokens.partition_point(|t| t.start < e.trigger_start);
        (t.saturating_sub(DENIAL_REACH)..t)
            .any(|k| view.tokens[k].is_word() && self.lexicon.denied_acts.contains(view.word(k)))
    }

    /// Is the trigger at `ts` a definite noun mention: right after a word of
    /// `DEFINITE`, or past one modifier, "the Pakistani strikes", "the
    /// latest attack" (not a verb: "the US launched strikes" has three
    /// words between)? No further back than `s_from`.
    fn definite_at(&self, view: &DocView, s_from: usize, ts: usize) -> bool {
        let det =
            |k: usize| view.tokens[k].is_word() && self.lexicon.definite.contains(view.word(k));
        // One word between may qualify the noun ("the new sanctions", "the
        // US strikes"), but not be a verb: in "This follows sanctions…"
        // "this" is a pronoun.
        let qualifier = |k: usize| {
            let w = view.word(k);
            view.raw(k).starts_with(char::is_uppercase)
                || !(w.ends_with("ed") || (is_plural_s(w) && !w.ends_with("ous")))
        };
        (ts > s_from && det(ts - 1))
            || (ts > s_from + 1
                && view.tokens[ts - 1].is_word()
                && qualifier(ts - 1)
                && det(ts - 2))
    }

    /// How the trigger at `ts..te`, listed in `form`, reads in its
    /// sentence, whatever the rule: the same for every rule tried there.
    #[allow(clippy::too_many_arguments)]
    fn reading(
        &self,
        view: &DocView,
        s: &Sentence,
        ms: &[Mention],
        ts: usize,
        te: usize,
        form: Form,
    ) -> Reading {
        let s_from = s.first_token as usize;
        let s_to = s.end_token as usize;
        let mut compound = false;
        // A trigger glued to the word before it by a hyphen is part of a
        // compound adjective ("sanctions-hit", "US-sanctioned").
        if ts > s_from + 1 {
            let prev = &view.tokens[ts - 1];
            if prev.kind == TokenKind::Punct
                && !view.tokens[ts].space_before
                && !prev.space_before
                && matches!(view.raw(ts - 1), "-" | "\u{2010}" | "\u{2011}")
            {
                compound = true;
            }
        }
        if te < s_to && te > ts {
            let next = &view.tokens[te];
            if next.kind == TokenKind::Punct
                && !next.space_before
                && matches!(view.raw(te), "-" | "\u{2010}" | "\u{2011}")
                && view
                    .tokens
                    .get(te + 1)
                    .is_some_and(|t| t.is_word() && !t.space_before)
            {
                compound = true;
            }
        }
        // A verb form right after a determiner, a count or a hyphenated
        // modifier is a noun ("a heart attack", "a non-nuclear strike"),
        // a noun form right after "to" or a modal is a verb ("to strike").
        let trig_form = form;
        // "that" right before a verb in -s is a relative pronoun: "a
        // doctrine that lowers the threshold".
        // So is one after a plural noun before a verb without -s: "air
        // attacks that destroy infrastructure".
        let relative = ts > s_from
            && view.tokens[ts - 1].is_word()
            && matches!(view.word(ts - 1), "that" | "which")
            && (view.word(ts).ends_with('s')
                || (ts > s_from + 1
                    && view.tokens[ts - 2].is_word()
                    && is_plural_s(view.word(ts - 2))
                    && view.raw(ts - 2).starts_with(char::is_lowercase)));
        // A trigger of several words is a verb phrase ("froze the assets
        // of", "firing on"): a name or "of" before it does not make it a
        // noun ("The EU froze the assets of…", "accused X of firing on…").
        let phrase = (ts + 1..te).any(|k| view.tokens[k].is_word());
        // A verb in -s right after a past form or a gerund is that verb's
        // object, a noun: "Taipei deployed ships", "sent supplies",
        // "curbing exports to 140 companies".
        let object_of_past = ts > s_from
            && view.tokens[ts - 1].is_word()
            && view.word(ts).ends_with('s')
            && view.word(ts - 1).len() > 4
            && (view.word(ts - 1).ends_with("ed") || view.word(ts - 1).ends_with("ing"))
            && view.raw(ts - 1).starts_with(|c: char| c.is_lowercase());
        // "voted on June 25 to suspend": right after "to" or a modal, a
        // count before it marks no noun.
        let infinitive = self.marked_by(&self.lexicon.verb_markers, view, s_from, ts, 1)
            && !self.to_governed(view, s_from, ts);
        let no_longer =
            ts > s_from && view.tokens[ts - 1].is_word() && view.word(ts - 1) == "longer";
        // No infinitive ends in -s: after "to" (and "only", "just") a
        // form in -s is a plural noun, "applies only to targets near
        // Kharkiv".
        let plural = form == Form::Present && te == ts + 1 && is_plural_s(view.word(ts));
        let to_plural = plural
            && (s_from..ts)
                .rev()
                .take(3)
                .take_while(|&k| view.tokens[k].is_word())
                .find(|&k| !matches!(view.word(k), "only" | "just" | "also" | "even"))
                .is_some_and(|k| view.word(k) == "to");
        // Nor is a form in -s followed by "by" a verb: "later strikes by
        // the US on Iranian nuclear facilities".
        let plural_by = plural && te < s_to && view.tokens[te].is_word() && view.word(te) == "by";
        // "sent troops to help Russia drive Ukrainian forces out": a name
        // after "help" or "let" is followed by a bare infinitive.
        let causative = ms
            .iter()
            .find(|m| m.tok_end as usize == ts)
            .is_some_and(|m| {
                let k = m.tok_start as usize;
                k > s_from
                    && view.tokens[k - 1].is_word()
                    && self
                        .lexicon
                        .syntax
                        .bare_infinitive_verbs
                        .contains(view.word(k - 1))
            });
        // Between two names a form in -s is their verb: "the government of
        // Germany allows Ukraine to…".
        let between_names = ms.iter().any(|m| m.tok_end as usize == ts)
            && ms.iter().any(|m| m.tok_start as usize == te);
        let form = if to_plural
            || plural_by
            || form == Form::Present
                && !relative
                && !phrase
                && !infinitive
                && !causative
                && ((self.marked_by(&self.lexicon.noun_markers, view, s_from, ts, 2)
                && !possessed_name_before(view, ms, s_from, ts, te)
                // A marker inside the name before is no marker: "New
                // Delhi put the treaty in abeyance"; nor is "no" of "no
                // longer": "would no longer allow aid trucks".
                && !ms.iter().any(|m| m.tok_end as usize == ts && m.tok_start as usize + 2 <= ts)
                && !between_names
                && !no_longer)
                    || modifier_before(view, ms, ts)
                    || object_of_past
                    || (ts >= 2 && starts_compound(view, ts - 2)))
        {
            Form::Noun
        } else if form == Form::Noun
            && self.marked_by(&self.lexicon.verb_markers, view, s_from, ts, 1)
            // A plural in -s is no infinitive: "open to talks", "ready for
            // talks" stay nouns.
            && !is_plural_s(view.word(te - 1))
            // Nor is a noun after a prepositional "to": "open to dialogue".
            && !self.to_governed(view, s_from, ts)
        {
            Form::Present
        } else {
            form
        };
        // A participle followed by "by" is passive without an auxiliary:
        // "drones launched by the Houthis", "weapons supplied by Iran".
        let by_follows = te < s_to
            && view.tokens[te].is_word()
            && view.word(te) == "by"
            && !view.tokens.get(te + 1).is_some_and(|t| {
                t.is_word() && matches!(view.word(te + 1), "far" | "then" | "now")
            });
        // So is one set off by a comma after a noun and followed by a
        // preposition, a reduced relative clause: "The drones, launched
        // from Iraq, targeted…".
        let reduced = ts > s_from + 1
            && te < s_to
            && view.raw(ts - 1) == ","
            && view.tokens[ts - 2].is_word()
            && view.tokens[te].is_word()
            && matches!(
                view.word(te),
                "from"
                    | "in"
                    | "at"
                    | "near"
                    | "over"
                    | "into"
                    | "toward"
                    | "towards"
                    | "across"
                    | "off"
            );
        // Or by "to" and a place: "The aircraft carrier USS Gerald R. Ford,
        // ordered to the region last week, arrived", "F-35 jets, sent to
        // Puerto Rico, …" (not an infinitive: "…, ordered to pay").
        let reduced = reduced
            || ts > s_from + 1
                && te + 1 < s_to
                && view.raw(ts - 1) == ","
                && view.tokens[ts - 2].is_word()
                && view.tokens[te].is_word()
                && view.word(te) == "to"
                && view.tokens[te + 1].is_word()
                && (matches!(view.word(te + 1), "the" | "a" | "an" | "its" | "their")
                    || view.raw(te + 1).starts_with(char::is_uppercase));
        // Or by an agent further on before the next comma: "The Houthis,
        // designated a terrorist organisation by Washington in March, said…".
        let reduced = reduced
            || ts > s_from + 1
                && view.raw(ts - 1) == ","
                && view.tokens[ts - 2].is_word()
                && (te..s_to.min(te + 8))
                    .take_while(|&k| view.raw(k) != ",")
                    .any(|k| view.tokens[k].is_word() && view.word(k) == "by");
        // Or by a finite verb right after it, a plural noun before it its
        // head: "The North Korean banks targeted include Golden Triangle
        // Bank", "the sites struck were military".
        let reduced = reduced
            || ts > s_from
                && te < s_to
                && view.tokens[ts - 1].is_word()
                && view.raw(ts - 1).starts_with(|c: char| c.is_lowercase())
                && is_plural_s(view.word(ts - 1))
                && view.tokens[te].is_word()
                && matches!(
                    view.word(te),
                    "include" | "included" | "includes" | "were" | "are" | "remain" | "remained"
                );
        // Or by "with" and a noun phrase, an absolute construction: "the
        // group emerged weakened, with its arsenal pummeled".
        let absolute = (2..=5).any(|back| {
            ts >= s_from + back
                && view.tokens[ts - back].is_word()
                && view.word(ts - back) == "with"
                && matches!(
                    view.word(ts - back + 1),
                    "its" | "their" | "his" | "her" | "the" | "a" | "an"
                )
                && (ts - back + 1..ts).all(|k| {
                    view.tokens[k].is_word()
                        && view.raw(k).starts_with(|c: char| c.is_lowercase())
                        && !view.word(k).ends_with("ed")
                })
        });
        let passive = form == Form::Past
            && (self.passive_before(view, s_from, ts) || by_follows || reduced || absolute);
        // A past participle right after a determiner is an adjective ("the
        // occupied West Bank", "a targeted killing"), neither active nor
        // passive.
        // But "that" before a participle that a preposition, a determiner
        // or a name follows is a relative pronoun: "a Houthi missile that
        // landed near Israel's main airport", "drones that violated
        // Poland's airspace", "a force that deployed to eastern Congo"
        // ("that targeted killings" keeps its adjective).
        let relative_that = ts > s_from
            && view.word(ts - 1) == "that"
            && (te >= s_to
                || !view.tokens[te].is_word()
                || view.raw(te).starts_with(char::is_uppercase)
                || matches!(view.word(te), "the" | "a" | "an")
                || self.lexicon.syntax.prepositions.contains(view.word(te)));
        let adjective = form == Form::Past
            && !passive
            && !relative_that
            && self.marked_by(&self.lexicon.noun_markers, view, s_from, ts, 1);
        Reading {
            te,
            listed: trig_form,
            compound,
            form,
            passive,
            adjective,
            grammar: None,
        }
    }

    /// The tests of a rule at a trigger that need neither the parse nor
    /// the slots: the trigger's form and the rule's `need` and `unless`.
    /// [`RuleSet::try_rule`] is called only when they pass.
    fn gate<'r>(
        &self,
        view: &DocView,
        rule: &'r Rule,
        s: &Sentence,
        ts: usize,
        te: usize,
        reading: &Reading,
    ) -> Result<(), Miss<'r>> {
        let s_from = s.first_token as usize;
        let s_to = s.end_token as usize;
        let Reading {
            compound,
            listed,
            form,
            passive,
            adjective,
            ..
        } = *reading;
        if compound {
            return Err(Miss::Compound);
        }
        // A verb the rule lists only as a verb does not match its noun
        // homograph: "deploy, station" in "a police station".
        if form == Form::Noun
            && listed == Form::Present
            && te == ts + 1
            && rule.form == FormReq::Unstated
        {
            return Err(Miss::VerbAsNoun);
        }
        // Nor does its participle as an adjective: "under its revised
        // export rules" names the rules, not a change.
        if adjective && te == ts + 1 && rule.form == FormReq::Unstated {
            return Err(Miss::Form(FormReq::Unstated, "an adjective"));
        }
        let form_ok = match rule.form {
            FormReq::Any | FormReq::Unstated => true,
            FormReq::Nominal => form == Form::Noun,
            FormReq::Passive => passive,
            FormReq::Active => form != Form::Noun && !passive && !adjective,
        };
        if !form_ok {
            let found = match form {
                Form::Noun => "a noun",
                _ if passive => "a passive verb",
                _ if adjective => "an adjective",
                _ => "an active verb",
            };
            return Err(Miss::Form(rule.form, found));
        }
        if let Some(c) = rule
            .needs
            .iter()
            .find(|c| !context_holds(view, c, s_from, s_to, ts, te))
        {
            return Err(Miss::Need(c));
        }
        if let Some(c) = rule
            .unless
            .iter()
            .find(|c| context_holds(view, c, s_from, s_to, ts, te))
        {
            return Err(Miss::Unless(c));
        }
        Ok(())
    }

    /// A rule that does not fire, as `explain` shows it.
    fn miss_line(
        &self,
        view: &DocView,
        si: usize,
        ts: usize,
        te: usize,
        rule: &Rule,
        why: &Miss,
    ) -> String {
        format!(
            "sentence {si}, trigger {:?}: rule `{}` ({}) does not fire: {}",
            &view.text[view.tokens[ts].start as usize..view.tokens[te - 1].end as usize],
            rule.id,
            rule.origin,
            why.describe(view)
        )
    }

    /// Fills the slots of a rule at a trigger that passed
    /// [`RuleSet::gate`], and checks its `require`.
    #[allow(clippy::too_many_arguments)]
    fn try_rule<'r>(
        &'r self,
        view: &DocView,
        rule_idx: u32,
        rule: &'r Rule,
        place: Place,
        quantities: &[Quantity],
        ts: usize,
        te: usize,
        reading: &mut Reading,
        order: &mut Vec<(usize, Filler)>,
    ) -> Result<Draft<'r>, Miss<'r>> {
        let Place { si, s, .. } = place;
        let s_from = s.first_token as usize;
        let s_to = s.end_token as usize;
        let form = reading.form;
        let at = At {
            place,
            s_from,
            s_to,
            ts,
            te,
            noun: form == Form::Noun,
            legislature_acts: self
                .legislature_acts
                .get(rule_idx as usize)
                .copied()
                .unwrap_or(false),
            adjunct_end: (form == Form::Noun)
                .then(|| self.opening_adjunct_end(view, s_from, s_to, ts, te))
                .flatten(),
            concession_end: self.concession_end(view, s_from, ts),
            grammar: place.syn.map(|p| {
                *reading
                    .grammar
                    .get_or_insert_with(|| self.trigger_grammar(view, p, s_from, ts, te, form))
            }),
        };
        let mut roles: Vec<Filled<'r>> = Vec::with_capacity(rule.slots.len());
        for slot in &rule.slots {
            if roles.iter().any(|r| Arc::ptr_eq(r.slot, &slot.name)) {
                continue;
            }
            if let Some(role) = self.fill(view, slot, &at, quantities, &roles, order) {
                roles.push(role);
            }
        }
        where_location(view, &self.lexicon, rule, &at, &mut roles);
        narrow_location(view, &self.lexicon, &at, &mut roles);
        for (to, from) in &rule.possessors {
            // A place that is no party (a city, a refinery) holding TO gives
            // way to the country whose possessive introduces FROM's filler:
            // "hit the Novoshakhtinsk refinery in Russia's Rostov region"
            // targets Russia (guidelines: a city alone is no target).
            let held = roles.iter().position(|r| Arc::ptr_eq(r.slot, to));
            if held.is_some_and(|i| roles[i].entry.is_none_or(|e| is_party(view.gaz, e))) {
                continue;
            }
            let Some(f) = roles.iter().find(|r| Arc::ptr_eq(r.slot, from)) else {
                continue;
            };
            if let Some(role) = possessor_role(view, &self.lexicon, &at, rule, to, from, f)
                && !roles
                    .iter()
                    .any(|r| r.entry == role.entry && !Arc::ptr_eq(r.slot, from))
            {
                match held {
                    Some(i) => roles[i] = role,
                    None => roles.push(role),
                }
            }
        }
        for (to, from) in &rule.operators {
            if roles.iter().any(|r| Arc::ptr_eq(r.slot, to)) {
                continue;
            }
            let Some(f) = roles.iter().find(|r| Arc::ptr_eq(r.slot, from)) else {
                continue;
            };
            if let Some(state) = f
                .entry
                .filter(|_| f.unlisted == u32::MAX)
                .and_then(|e| ship_operator(view.gaz, e))
            {
                roles.push(Filled {
                    slot: to,
                    entry: Some(state),
                    group: u16::MAX,
                    ..*f
                });
            }
        }
        for (to, from) in &rule.owns {
            if roles.iter().any(|r| Arc::ptr_eq(r.slot, to)) {
                continue;
            }
            let owner = match from {
                Owner::Slot(from) => roles
                    .iter()
                    .find(|r| Arc::ptr_eq(r.slot, from))
                    .and_then(|f| Some((f.entry?, f.mention))),
                Owner::Reporter => reporter_of(&at),
            };
            let Some((entry, mention)) = owner else {
                continue;
            };
            if let Some(role) = self.own_role(view, &at, to, entry, mention) {
                roles.push(role);
            }
        }
        // No party acts on itself: a target that is the actor is a wrong
        // reading ("Israel … said it had begun ground operations in its
        // campaign in Gaza": "its" is the actor's own campaign, not a
        // target), and the actor stays.
        let slot_entry = |name: &str| {
            roles
                .iter()
                .find(|r| &**r.slot == name)
                .and_then(|r| Some((r.entry?, r.unlisted)))
        };
        if let (Some(a), Some(t)) = (slot_entry("actor"), slot_entry("target"))
            && a == t
        {
            roles.retain(|r| &**r.slot != "target");
        }
        // Of two interchangeable sides (a `symmetric` type), the one named
        // is the actor: "Druze leaders and Syrian government officials
        // reached a ceasefire deal" (Syria; the Druze leaders are no
        // entity).
        if !roles.iter().any(|r| &**r.slot == "actor")
            && self.is_symmetric(&rule.event_type)
            && let Some(actor) = rule.slots.iter().find(|s| &*s.name == "actor")
            && let Some(r) = roles.iter_mut().find(|r| &**r.slot == "target")
        {
            r.slot = &actor.name;
        }
        if let Some(alt) = rule.requires.iter().find(|alt| {
            !alt.iter()
                .any(|name| roles.iter().any(|r| **r.slot == **name))
        }) {
            return Err(Miss::Require(alt, roles));
        }
        Ok(self.draft(view, rule_idx, si, s_from, ts, te, roles))
    }

    /// The candidate event of a rule at a trigger, with its filled roles.
    #[allow(clippy::too_many_arguments)]
    fn draft<'r>(
        &'r self,
        view: &DocView,
        rule_idx: u32,
        si: usize,
        s_from: usize,
        ts: usize,
        te: usize,
        roles: Vec<Filled<'r>>,
    ) -> Draft<'r> {
        let s_to = view.sentences.get(si).map_or(te, |s| s.end_token as usize);
        let trigger_start = view.tokens[ts].start;
        let trigger_end = view.tokens[te - 1].end;
        let start = roles.iter().map(|r| r.start).fold(trigger_start, u32::min);
        let end = roles.iter().map(|r| r.end).fold(trigger_end, u32::max);
        Draft {
            rule: rule_idx,
            sentence: si as u32,
            trigger_start,
            trigger_end,
            roles,
            span: (s_from as u32, s_to as u32, ts as u32, te as u32),
            start,
            end,
            verb: false,
            noun: false,
        }
    }

    /// The event of a draft, with its modality.
    fn event_of(&self, d: Draft, view: &DocView, syn: Option<&Parse>) -> Event {
        let rule = &self.rules[d.rule as usize];
        let (s_from, s_to, ts, te) = d.span;
        let mut modality = self.modality(
            view,
            rule,
            (s_from as usize, s_to as usize),
            (ts as usize, te as usize),
        );
        if d.noun
            && &**modality == "asserted"
            && let Some(after) = self.modal_after_noun(view, te as usize, s_to as usize)
        {
            modality = after;
        }
        d.into_event(rule, view, syn, modality)
    }

    /// The state of filler `f` as a filler of slot `to` when a possessive
    /// pronoun and a word of `OWN_PLACES` follow the trigger in its
    /// sentence ("Saudi Arabia has allowed flights to cross through its
    /// airspace": location Saudi Arabia); a rule's `own TO of FROM`. The
    /// role's offsets are those of the pronoun and the place word.
    fn own_role<'r>(
        &self,
        view: &DocView,
        at: &At,
        to: &'r Arc<str>,
        e: u32,
        mention: u32,
    ) -> Option<Filled<'r>> {
        let hi = (at.te + OWN_WINDOW).min(at.s_to);
        let (k, n) = (at.te..hi).find_map(|k| {
            if !view.tokens[k].is_word() || !self.lexicon.owners.contains(view.word(k)) {
                return None;
            }
            (k + 1..(k + 3).min(hi))
                .take_while(|&n| view.tokens[n].is_word())
                .find(|&n| self.lexicon.own_places.contains(view.word(n)))
                .map(|n| (k, n))
        })?;
        let gaz = view.gaz;
        let state = if gaz.is_state(e) {
            e
        } else if let Some(s) = gaz.stands_for_of(e) {
            s
        } else if is_person(gaz, e) {
            gaz.country_of(e)?
        } else {
            return None;
        };
        if !gaz.is_state(state) {
            return None;
        }
        Some(Filled {
            slot: to,
            entry: Some(state),
            mention,
            group: u16::MAX,
            unlisted: u32::MAX,
            start: view.tokens[k].start,
            end: view.tokens[n].end,
        })
    }

    /// Folds an event mentioned in an adjunct of another event of its type
    /// into it: "its forces eliminated X in a drone attack" is one attack,
    /// whatever roles the noun "attack" picked up on its own (the verb's
    /// object is no actor of it). The noun's event is dropped; a role the
    /// verb's event lacks is added to it, unless its filler already fills
    /// a role there.
    fn fold_adjuncts(&self, view: &DocView, events: &mut Vec<Event>, first: usize) {
        let mut drop = vec![false; events.len()];
        let nominal = |e: &Event| self.rules[e.rule as usize].form == FormReq::Nominal;
        for i in first + 1..events.len() {
            if !nominal(&events[i]) {
                continue;
            }
            let t = view
                .tokens
                .partition_point(|t| t.start < events[i].trigger_start);
            // "in a drone attack": a preposition of the list, then at
            // most three words.
            let adjunct = (t.saturating_sub(4)..t)
                .rev()
                .take_while(|&k| view.tokens[k].is_word())
                .find(|&k| self.lexicon.adjuncts.contains(view.word(k)));
            // "signed the so-called Washington Accords": the noun is the
            // object of the verb before it, at most five words (and
            // hyphens) between, none a preposition.
            let object = || {
                let j = (first..i).rev().find(|&j| {
                    events[j].sentence == events[i].sentence
                        && !nominal(&events[j])
                        && events[j].event_type == events[i].event_type
                        && events[j].trigger_end <= events[i].trigger_start
                })?;
                let v = view
                    .tokens
                    .partition_point(|t| t.start < events[j].trigger_end);
                let words = (v..t).filter(|&k| view.tokens[k].is_word()).count();
                let plain = (v..t).all(|k| {
                    if view.tokens[k].is_word() {
                        !self.lexicon.syntax.prepositions.contains(view.word(k))
                            && !self.lexicon.syntax.auxiliaries.contains(view.word(k))
                    } else {
                        view.raw(k) == "-"
                    }
                });
                (v < t && words <= 5 && plain).then_some(v)
            };
            let (k, as_object, summary) = match adjunct {
                Some(k) => (k, false, false),
                None => match object() {
                    Some(v) => (v, true, false),
                    None => match self.summary_appositive(view, t) {
                        Some(c) => (c, true, true),
                        None => continue,
                    },
                },
            };
            let at = view.tokens[k].start;
            let host = (first..i)
                .rev()
                .take_while(|&j| events[j].sentence == events[i].sentence)
                .find(|&j| {
                    !drop[j]
                        && (summary || !nominal(&events[j]))
                        && events[j].event_type == events[i].event_type
                        && events[j].trigger_end <= at
                        && !self.barrier_between(
                            view,
                            view.tokens
                                .partition_point(|t| t.start < events[j].trigger_end),
                            k,
                        )
                });
            let Some(j) = host else {
                continue;
            };
            // "drones entered Romania's airspace during attacks on
            // Ukraine's ports": a noun aimed at another state is an event
            // of its own.
            let target_of = |e: &Event| {
                e.roles
                    .iter()
                    .find(|r| &*r.slot == "target")
                    .and_then(|r| r.entry)
                    .filter(|&t| view.gaz.is_state(t))
            };
            if let (Some(a), Some(b)) = (target_of(&events[i]), target_of(&events[j]))
                && a != b
            {
                continue;
            }
            // "shot down drones that crossed into Poland's airspace during
            // a Russian attack on western Ukraine": a noun that hits another
            // country than the verb's event is an event of its own.
            let country_of = |e: &Event| {
                let place = e.roles.iter().find(|r| &*r.slot == "location")?.entry?;
                if view.gaz.is_state(place) {
                    Some(place)
                } else {
                    view.gaz.country_of(place)
                }
            };
            if let (Some(a), Some(b)) = (country_of(&events[i]), country_of(&events[j]))
                && a != b
            {
                continue;
            }
            // "struck the enrichment site at Natanz and killed commanders
            // in strikes on Tehran": a noun that hits another named place
            // inside the country is an event of its own too.
            let place_of = |e: &Event| {
                e.roles
                    .iter()
                    .find(|r| &*r.slot == "location")
                    .and_then(|r| r.entry)
                    .filter(|&p| !view.gaz.is_state(p) && !view.gaz.is_generic(p))
            };
            if let (Some(a), Some(b)) = (place_of(&events[i]), place_of(&events[j]))
                && a != b
            {
                continue;
            }
            // "Hamas fired rockets at Israel, and Israel responded with
            // airstrikes on Khan Younis": a noun with an actor of its own
            // is another event.
            let actor_of = |e: &Event| {
                e.roles
                    .iter()
                    .find(|r| &*r.slot == "actor")
                    .and_then(|r| r.entry)
            };
            // As the verb's object the noun is the verb's event: a name
            // before it ("the Washington Accords") names no other actor.
            if let (Some(a), Some(b)) = (actor_of(&events[i]), actor_of(&events[j]))
                && a != b
                && !as_object
            {
                continue;
            }
            drop[i] = true;
            let noun = std::mem::take(&mut events[i].roles);
            let verb = &mut events[j];
            for r in noun {
                let taken = verb
                    .roles
                    .iter()
                    .any(|q| q.slot == r.slot || (r.entry.is_some() && q.entry == r.entry));
                if !taken {
                    verb.start = verb.start.min(r.start);
                    verb.end = verb.end.max(r.end);
                    verb.roles.push(r);
                }
            }
        }
        let mut idx = 0;
        events.retain(|_| {
            let keep = !drop[idx];
            idx += 1;
            keep
        });
    }

    /// The comma that opens a noun phrase summing up the clause before it,
    /// when the trigger at token `t` heads that phrase: "The United States
    /// imposed sanctions on Rosneft and Lukoil, the first major punitive
    /// measures against Moscow", "…, one of the deadliest attacks in
    /// months". The phrase starts with a word of `SUMMARY_OPENERS` right
    /// after the comma and holds at most six words before the trigger, no
    /// preposition but "of", no auxiliary. As the apposition of the event
    /// told before, it is that event again; the names before it ("Lukoil")
    /// are no actor of it.
    fn summary_appositive(&self, view: &DocView, t: usize) -> Option<usize> {
        let syntax = &self.lexicon.syntax;
        let mut words = 0;
        let mut k = t;
        while k > 0 {
            k -= 1;
            if !view.tokens[k].is_word() {
                if view.raw(k) == "-" {
                    continue;
                }
                return (view.raw(k) == ","
                    && words > 0
                    && word_in(view, k + 1, &self.lexicon.summary_openers))
                .then_some(k);
            }
            words += 1;
            let w = view.word(k);
            if words > 6
                || (w != "of" && syntax.prepositions.contains(w))
                || syntax.auxiliaries.contains(w)
            {
                return None;
            }
        }
        None
    }

    /// Does a word of the `DISTINCT` list stand in the words right before
    /// the trigger ("a separate approval", "another strike")? Or one of
    /// `INDEFINITE` ("Romania reported a Russian drone incursion"), which
    /// makes a new event only against the events of other sentences ("the
    /// US killed a general in a drone strike" is one event)? Such a mention is an
    /// event of its own, never merged into an earlier one.
    fn distinct_mention(&self, view: &DocView, e: &Event) -> Distinct {
        let t = view.tokens.partition_point(|t| t.start < e.trigger_start);
        let mut found = Distinct::No;
        // "another", "a" and the like qualify nouns: before a verb they
        // belong to its subject ("Another UAV strike hit a vehicle": the
        // strike is new, "hit" tells it again).
        let reach = if e.verb { 0 } else { DISTINCT_REACH };
        for k in (t.saturating_sub(reach)..t)
            .rev()
            .take_while(|&k| view.tokens[k].is_word())
        {
            if self.lexicon.distinct.contains(view.word(k)) {
                return Distinct::Always;
            }
            if self.lexicon.indefinite.contains(view.word(k)) {
                found = Distinct::OtherSentence;
            }
        }
        // "This follows sanctions announced last Friday on seven U.S.
        // companies", "Lithuania joined the convention in 2011": told at an
        // earlier time, another act than the one the text reports, unless
        // a definite noun names it again ("The strikes last week…").
        if found == Distinct::No
            && !self.definite_at(view, 0, t)
            && earlier_time_told(view, e.sentence)
        {
            found = Distinct::OtherSentence;
        }
        found
    }

    /// Folds the events from `first` on that are mentions of one event
    /// (see [`merge_events`]).
    fn merge_mentions(&self, view: &DocView, out: &mut Vec<Event>, first: usize) {
        let distinct: Vec<Distinct> = out[first..]
            .iter()
            .map(|e| self.distinct_mention(view, e))
            .collect();
        merge_events(
            out,
            first,
            view.gaz,
            &distinct,
            |t| self.is_symmetric(t),
            |a, b| self.separate_clauses(view, a, b),
        );
    }

    /// Are an event type's actor and target interchangeable sides
    /// (`symmetric` in the event-type table)?
    fn is_symmetric(&self, event_type: &str) -> bool {
        self.event_type(event_type).is_some_and(|t| t.symmetric)
    }

    /// Are two events of one sentence told by different verbs in clauses
    /// joined by ", and", ", but", ", while" or ";" ("Armenia has frozen
    /// its participation in the CSTO, and its parliament passed a law")?
    /// Then they are two acts, whatever roles they share; the same act
    /// told twice is a verb and a noun ("launched drones… the attack") or
    /// two verbs of one clause ("launched drones and struck Kyiv").
    fn separate_clauses(&self, view: &DocView, a: &Event, b: &Event) -> bool {
        if a.sentence != b.sentence || !a.verb || !b.verb {
            return false;
        }
        let (lo, hi) = if a.trigger_start < b.trigger_start {
            (a, b)
        } else {
            (b, a)
        };
        if lo.trigger_end > hi.trigger_start {
            return false;
        }
        let word = |e: &Event| &view.text[e.trigger_start as usize..e.trigger_end as usize];
        if word(lo).eq_ignore_ascii_case(word(hi)) {
            return false;
        }
        let between = &view.text[lo.trigger_end as usize..hi.trigger_start as usize];
        // "its jets hit a gathering in the capital, days after it struck
        // a presidential compound": a time apart makes two acts.
        let mut prev = "";
        let apart = between.split_whitespace().any(|w| {
            let unit = prev.trim_matches(|c: char| !c.is_alphanumeric());
            prev = w;
            matches!(w, "after" | "before") && self.lexicon.durations.contains(unit)
        });
        apart
            || between.contains(';')
            || [", and ", ", but ", ", while "]
                .iter()
                .any(|j| between.contains(j))
    }

    /// Is the event a definite noun mention ("The deployment will take
    /// place in Somalia", "this attack"): a trigger right after a word of
    /// the `DEFINITE` list (determiners, which a verb never follows)? Such
    /// a mention with no actor refers back to an event the text has
    /// already introduced.
    fn definite_mention(&self, view: &DocView, e: &Event) -> bool {
        let t = view.tokens.partition_point(|t| t.start < e.trigger_start);
        t < view.tokens.len() && self.definite_at(view, 0, t)
    }

    /// The specific entity an anaphoric generic mention refers back to:
    /// "these missiles" after "ATACMS" → ATACMS (the latest earlier specific
    /// mention of the same type in the document).
    fn antecedent(&self, view: &DocView, m: &Mention) -> Option<u32> {
        let t = m.tok_start as usize;
        let anaphoric = t > 0
            && view.tokens[t - 1].is_word()
            && self.lexicon.anaphors.contains(view.word(t - 1));
        if !anaphoric {
            return None;
        }
        let etype = view.gaz.etype_of(m.entry);
        // Look back a bounded distance, so huge documents stay linear.
        let before = view.mentions.partition_point(|p| p.tok_end <= m.tok_start);
        view.mentions[before.saturating_sub(ANTECEDENT_REACH)..before]
            .iter()
            .rev()
            .find(|p| {
                view.gaz.etype_of(p.entry) == etype
                    && !view.gaz.is_generic(p.entry)
                    && p.unlisted == u32::MAX
            })
            .map(|p| p.entry)
    }

    /// Is one of `markers` among the `n` words right before `ts` (no
    /// punctuation between)?
    fn marked_by(
        &self,
        markers: &WordSet,
        view: &DocView,
        s_from: usize,
        ts: usize,
        n: usize,
    ) -> bool {
        (ts.saturating_sub(n).max(s_from)..ts)
            .rev()
            .take_while(|&k| view.tokens[k].is_word())
            .any(|k| markers.contains(view.word(k)))
    }

    /// Is the word before `ts` a "to" that a word of `TO_GOVERNORS` makes a
    /// preposition ("open to dialogue", "a return to dialogue")?
    fn to_governed(&self, view: &DocView, s_from: usize, ts: usize) -> bool {
        pair_before(view, s_from, ts, "to", &self.lexicon.to_governors)
    }

    /// Where a filler starting at `at` begins once a compass word or "the"
    /// right before it is counted in ("northern Mali" from "northern",
    /// "the Philippines" from "the"), or a
    /// kind of place with its determiner ("the capital Port-au-Prince",
    /// "the town of Bama"), so that a `nocue` preposition is seen before
    /// them ("gangs in the capital Port-au-Prince" are not the capital).
    fn past_compass(&self, view: &DocView, at: usize, s_from: usize) -> usize {
        let word = |k: usize| (k >= s_from && view.tokens[k].is_word()).then(|| view.word(k));
        let mut k = at;
        if k > s_from && word(k - 1) == Some("of") {
            k -= 1;
        }
        if k >= s_from + 2
            && word(k - 1).is_some_and(|w| self.lexicon.place_nouns.contains(w))
            && word(k - 2).is_some_and(|w| matches!(w, "the" | "a"))
        {
            return k - 2;
        }
        let mut k = at;
        if k > s_from && word(k - 1).is_some_and(|w| self.lexicon.compass.contains(w)) {
            k -= 1;
        }
        // "to the Philippines", "in the northern Netherlands": the article
        // belongs to the name.
        if k > s_from && word(k - 1) == Some("the") {
            k -= 1;
        }
        k
    }

    /// Where the coordination that a filler at `at` ends begins, each
    /// member counted `past_compass`: "in northern Iraq and Syria" puts
    /// Syria after "in" too, so a `nocue` preposition is seen before the
    /// whole of it ("…in Iraq and Syria, hours after an attack" gives the
    /// attack no actor Syria).
    fn first_conjunct(&self, view: &DocView, at: usize, s_from: usize) -> usize {
        let mut k = self.past_compass(view, at, s_from);
        while k >= s_from + 2
            && view.tokens[k - 1].is_word()
            && matches!(view.word(k - 1), "and" | "or")
        {
            // A mention that ends right before the conjunction.
            let end = (k - 1) as u32;
            let i = view.mentions.partition_point(|m| m.tok_start < end);
            let Some(m) = view.mentions[..i]
                .iter()
                .rev()
                .take(4)
                .find(|m| m.tok_end == end)
            else {
                break;
            };
            let first = self.past_compass(view, m.tok_start as usize, s_from);
            if first >= k {
                break;
            }
            k = first;
        }
        k
    }

    /// Is the filler whose coordination begins at `k` the seat of people
    /// of `SEATED` ("authorities in the Netherlands")?
    fn seated_at(&self, view: &DocView, k: usize, s_from: usize) -> bool {
        pair_before(view, s_from, k, "in", &self.lexicon.seated)
    }

    /// Is there a passive auxiliary ("was", "been") shortly before `ts`,
    /// in the trigger's own clause? A subordinator between opens another
    /// clause: in "a store is damaged after Cambodia fired shells", "is"
    /// belongs to "damaged", and "fired" is active.
    /// Is the word before `ts` (or before an adverb in "-ly" before it) a
    /// form of "be": "was hit", "were reportedly hit"?
    fn be_before(&self, view: &DocView, s_from: usize, ts: usize) -> bool {
        let aux =
            |k: usize| view.tokens[k].is_word() && self.lexicon.passive_aux.contains(view.word(k));
        (ts > s_from && aux(ts - 1))
            || (ts > s_from + 1
                && view.tokens[ts - 1].is_word()
                && view.word(ts - 1).ends_with("ly")
                && aux(ts - 2))
    }

    fn passive_before(&self, view: &DocView, s_from: usize, ts: usize) -> bool {
        let lo = ts
            .saturating_sub(self.settings.passive_window as usize + 1)
            .max(s_from);
        for k in (lo..ts).rev() {
            if !view.tokens[k].is_word() {
                continue;
            }
            let w = view.word(k);
            if self.lexicon.passive_aux.contains(w) {
                return true;
            }
            if self.lexicon.syntax.subordinators.contains(w) {
                return false;
            }
        }
        false
    }

    fn fill<'r>(
        &self,
        view: &DocView,
        slot: &'r Slot,
        at: &At,
        quantities: &[Quantity],
        filled: &[Filled<'r>],
        order: &mut Vec<(usize, Filler)>,
    ) -> Option<Filled<'r>> {
        let (ts, te) = (at.ts, at.te);
        // Candidates nearest first: those before the trigger walking back,
        // then those after it walking on (merged by distance for `around`,
        // a stable sort keeping the one before first on a tie).
        let quantities = quantities.iter().filter(|_| slot.number).map(|q| Filler {
            tok_start: q.tok_start,
            tok_end: q.tok_end,
            mention: None,
        });
        let mentions = at
            .place
            .ms
            .iter()
            .enumerate()
            .filter(|_| !slot.number)
            .map(|(i, m)| Filler {
                tok_start: m.tok_start,
                tok_end: m.tok_end,
                mention: Some(i),
            });
        let fillers = quantities.chain(mentions);
        order.clear();
        if slot.direction != Direction::After {
            order.extend(
                fillers
                    .clone()
                    .filter(|f| (f.tok_end as usize) <= ts)
                    .map(|f| (ts - f.tok_end as usize, f)),
            );
            order.reverse();
        }
        if slot.direction != Direction::Before {
            order.extend(
                fillers
                    .filter(|f| (f.tok_start as usize) >= te)
                    .map(|f| (f.tok_start as usize - te, f)),
            );
        }
        if slot.direction == Direction::Around {
            order.sort_by_key(|(d, _)| *d);
        }
        // A subject found outside the clause (the antecedent of "which", the
        // reporter of "it said it…") is a candidate too, at any distance;
        // so is an object found before the trigger, the antecedent of an
        // object relative clause ("Viv Ansanm, which Washington designated
        // a terrorist organisation").
        let outside_subject = slot
            .subject
            .then(|| match at.grammar.as_ref().and_then(|g| g.subject) {
                Some(Found::Via(g, _)) => Some(g),
                _ => None,
            })
            .flatten();
        let outside_object = slot
            .object
            .then(|| at.grammar.as_ref().and_then(|g| g.object))
            .flatten()
            .filter(|&g| {
                at.place
                    .syn
                    .is_some_and(|syn| (syn.groups[g as usize].tok_end as usize) <= ts)
            });
        if let Some(syn) = at.place.syn {
            for g in [outside_subject, outside_object].into_iter().flatten() {
                for &mi in syn.members_of(g) {
                    let local = mi as usize - at.place.m_from;
                    if let Some(m) = at.place.ms.get(local)
                        && !order.iter().any(|(_, f)| f.mention == Some(local))
                    {
                        order.push((
                            0,
                            Filler {
                                tok_start: m.tok_start,
                                tok_end: m.tok_end,
                                mention: Some(local),
                            },
                        ));
                    }
                }
            }
        }
        // With `named`, specific entities first; generic classes ("drones")
        // only when no specific one fits.
        let passes: &[Option<bool>] = if slot.named {
            &[Some(false), Some(true)]
        } else {
            &[None]
        };
        for &generic_pass in passes {
            if let Some(role) = self.fill_pass(view, slot, at, order, filled, generic_pass) {
                return Some(role);
            }
        }
        None
    }

    fn fill_pass<'r>(
        &self,
        view: &DocView,
        slot: &'r Slot,
        at: &At,
        order: &[(usize, Filler)],
        filled: &[Filled<'r>],
        generic_pass: Option<bool>,
    ) -> Option<Filled<'r>> {
        let (s_from, s_to, ts, te) = (at.s_from, at.s_to, at.ts, at.te);
        let ms = at.place.ms;
        let via_subject = |mi: usize| {
            slot.subject
                && matches!(
                    (at.grammar.as_ref().and_then(|g| g.subject), at.place.syn),
                    (Some(Found::Via(g, _)), Some(syn)) if syn.group_of(at.place.m_from + mi) == Some(g)
                )
        };
        // The antecedent that an object relative clause makes the object.
        let via_object = |mi: usize| {
            slot.object
                && (ms[mi].tok_end as usize) <= ts
                && matches!(
                    (at.grammar.as_ref().and_then(|g| g.object), at.place.syn),
                    (Some(g), Some(syn)) if syn.group_of(at.place.m_from + mi) == Some(g)
                )
        };
        // Past the window (or a barrier) only the candidates found outside
        // the clause, appended last, are still read: "Gangs in the Viv
        // Ansanm coalition, which Washington designated a terrorist
        // organization in May, control most of Haiti" (Haiti is past the
        // window; the antecedent still fills the object).
        let mut past = false;
        // An event noun in an opening adjunct takes no target, place or
        // weapon past the adjunct's comma (`OPENING_ADJUNCTS`).
        let adjunct_end = at.adjunct_end.filter(|_| &*slot.name != "actor");
        let concession_end = at.concession_end.filter(|_| &*slot.name == "location");
        for &(dist, f) in order {
            if adjunct_end.is_some_and(|c| f.tok_start as usize > c)
                || concession_end.is_some_and(|c| (f.tok_start as usize) < c)
            {
                continue;
            }
            let outside = f
                .mention
                .is_some_and(|mi| via_subject(mi) || via_object(mi));
            if past && !outside {
                continue;
            }
            if dist >= slot.window as usize
                && !outside
                && dist
                    .saturating_sub(abbreviation_dots(view, ts, te, &f))
                    .saturating_sub(if matches!(&*slot.name, "location" | "weapon") {
                        name_inner_tokens(ms, ts, te, &f)
                    } else {
                        0
                    })
                    >= slot.window as usize
            {
                if slot.direction != Direction::Around {
                    past = true;
                }
                continue;
            }
            let (lo, hi) = if (f.tok_end as usize) <= ts {
                (f.tok_end as usize, ts)
            } else {
                (te, f.tok_start as usize)
            };
            if !outside
                && (self.barrier_between(view, lo, hi)
                    || (lo == te
                        && !slot.upto.is_empty()
                        && (lo..hi).any(|k| ends_at(view, &slot.upto, k, te)))
                    || (lo == te
                        && (lo..hi).any(|k| {
                            view.tokens[k].is_word()
                                && ends_at(view, &self.lexicon.cause_phrases, k, te)
                        })))
            {
                if slot.direction != Direction::Around {
                    past = true;
                }
                continue;
            }
            // (A filler right next to a gerund trigger is its subject even
            // after a preposition: "in response to North Korea deploying
            // troops"; before a finite verb it is not: "militias in Iraq
            // launched".)
            if !slot.nocue.is_empty() && (dist > 0 || !view.word(ts).ends_with("ing")) && !outside {
                let k = self.first_conjunct(view, f.tok_start as usize, s_from);
                if cue_before(view, &slot.nocue, k, 0, s_from) && !self.seated_at(view, k, s_from) {
                    continue;
                }
            }
            // "stationed there": a place adverb the reference stage made a
            // mention carries its own preposition.
            let adverb = f.mention.is_some()
                && f.tok_end == f.tok_start + 1
                && word_in(
                    view,
                    f.tok_start as usize,
                    &self.lexicon.reference.place_adverbs,
                );
            if !slot.cues.is_empty()
                && !adverb
                && !cue_before(
                    view,
                    &slot.cues,
                    f.tok_start as usize,
                    slot.gap,
                    if (f.tok_start as usize) >= te {
                        // A trigger phrase's own last word may be the cue:
                        // "strikes on Tehran" (trigger "strikes on").
                        if te > ts + 1 && view.tokens[te - 1].is_word() {
                            te - 1
                        } else {
                            te
                        }
                    } else {
                        self.cue_floor(view, slot, at)
                    },
                )
            {
                continue;
            }
            let Some(mi) = f.mention else {
                // A number with `clause` counts only in the trigger's own
                // clause: "ordered 15,000 troops… after Washington
                // deployed warships" gives the warships no number.
                if slot.clause
                    && let (Some(g), Some(syn)) = (at.grammar.as_ref(), at.place.syn)
                    && !in_clause(
                        view,
                        &self.lexicon.same_act,
                        &self.lexicon.syntax.prepositions,
                        syn,
                        f.tok_start as usize,
                        (g.clause, at.te, g.object),
                    )
                {
                    continue;
                }
                return Some(Filled {
                    slot: &slot.name,
                    entry: None,
                    mention: u32::MAX,
                    group: u16::MAX,
                    unlisted: u32::MAX,
                    start: view.tokens[f.tok_start as usize].start,
                    end: view.tokens[f.tok_end as usize - 1].end,
                });
            };
            // A person's name before a government head that the reference
            // stage made the person's state ("with the incoming Trump
            // administration") modifies it: the state fills the slot.
            let mi = match ms.get(mi + 1) {
                Some(next)
                    if next.tok_start == ms[mi].tok_end
                        && next.tok_end == next.tok_start + 1
                        && is_person(view.gaz, ms[mi].entry)
                        && word_in(
                            view,
                            next.tok_start as usize,
                            &self.lexicon.reference.bare_government_heads,
                        ) =>
                {
                    mi + 1
                }
                _ => mi,
            };
            // Grammar: the filler must be the trigger's subject or object,
            // or stand in its clause.
            let group = at
                .place
                .syn
                .and_then(|syn| syn.group_of(at.place.m_from + mi));
            if let (Some(g), Some(syn)) = (at.grammar.as_ref(), at.place.syn) {
                // The subject, or a name modifying it ("Russian missiles hit").
                let is_subject = match (g.subject.map(Found::group), group) {
                    (Some(sg), Some(cg)) => {
                        let input = self.syntax_input_basic(view);
                        sg == cg
                            || syn.modifies(&input, cg, sg)
                            || syn.possessor_joined(&input, cg, sg)
                    }
                    _ => false,
                };
                if slot.subject && !is_subject {
                    continue;
                }
                if slot.object && (g.object != group || group.is_none()) {
                    continue;
                }
                // "the coast guard rammed and boarded Filipino navy boats
                // and seized their guns": a verb after "and" shares the
                // subject of the verb before it, and a name between that
                // subject and the trigger is in the first verb's predicate.
                if &*slot.name == "actor"
                    && !is_subject
                    && !outside
                    && let Some(Found::Via(sg, "coordinated verb")) = g.subject
                    && let Some(sgr) = syn.groups.get(sg as usize)
                    && sgr.tok_end <= ms[mi].tok_start
                    && (ms[mi].tok_end as usize) <= at.ts
                {
                    continue;
                }
                // Where the reporter is, told after the event ("…, Pristina
                // said", "according to officials in Kyiv"), is not where the
                // event is. (One told before may be: "Romania reported a
                // Russian drone incursion".)
                // Nor does the reporter told after it act ("…, attacking
                // villages in Ancuabe, the monitoring group Cabo Ligado
                // said").
                let fc = syn.clause_at(ms[mi].tok_start as usize);
                // (Unless the parse made that reporter the subject: "'I
                // have decided to deploy three Rafale jets,' President
                // Emmanuel Macron announced".)
                if (&*slot.name == "location"
                    || (&*slot.name == "actor"
                        && slot.direction != Direction::After
                        && (!via_subject(mi)
                            || matches!(g.subject, Some(Found::Via(_, "coordinated verb"))))))
                    && fc != g.clause
                    && syn.clauses[fc as usize].kind == ClauseKind::Attribution
                    && syn.clauses[fc as usize].start as usize >= at.te
                {
                    continue;
                }
                // "The package, held up by a Slovak veto, bans…": a name in a
                // reduced relative on the subject does not act.
                // But one right after a trigger noun tells its agent: "The
                // sanctions, announced by the Treasury on Thursday, target…".
                if &*slot.name == "actor"
                    && !outside
                    && syn.in_reduced(fc, g.clause)
                    && !(at.noun && reduced_on_noun(view, syn, fc, at.te))
                {
                    continue;
                }
                // "The package, which Slovakia had held up for weeks, also
                // bans…": the subject of an object relative clause on the
                // trigger's subject acts in that clause only.
                if &*slot.name == "actor"
                    && !outside
                    && (ms[mi].tok_start as usize) < at.ts
                    && syn.in_object_relative(fc, g.clause)
                {
                    continue;
                }
                // "The EU said it would impose sanctions": a pronoun made
                // the reporter the subject; it acts.
                if slot.noreporter
                    && !matches!(g.subject, Some(Found::Via(_, "reporter")))
                    && group.is_some_and(|fg| reports(syn, g.clause, fg))
                {
                    continue;
                }
                if slot.clause
                    && !outside
                    && !in_clause(
                        view,
                        &self.lexicon.same_act,
                        &self.lexicon.syntax.prepositions,
                        syn,
                        ms[mi].tok_start as usize,
                        (g.clause, at.te, g.object),
                    )
                {
                    continue;
                }
            }
            let Some(mut role) = self.accept(view, slot, at, mi, filled, generic_pass, s_to) else {
                continue;
            };
            if let (Some(g), Some(syn), false) = (group, at.place.syn, slot.single) {
                // The role holds the first-named of coordinated names (unless
                // a cue picked the filler: "between X and Y").
                let first = syn
                    .members_of(g)
                    .iter()
                    .filter(|_| slot.cues.is_empty())
                    .find_map(|&m| {
                        let local = (m as usize).checked_sub(at.place.m_from)?;
                        self.accept(view, slot, at, local, filled, generic_pass, s_to)
                    });
                role = Filled {
                    group: g,
                    ..first.unwrap_or(role)
                };
            }
            return Some(role);
        }
        None
    }

    /// Where a cue before the trigger may start: the sentence's start, or
    /// for a `clause` slot after the coordinator that opens the trigger's
    /// clause ("Russia sent tanks, and Putin will fly to Pyongyang for
    /// talks": that "and" joins clauses, not Putin to a partner).
    fn cue_floor(&self, view: &DocView, slot: &Slot, at: &At) -> usize {
        let (Some(syn), Some(g)) = (at.place.syn, at.grammar.as_ref()) else {
            return at.s_from;
        };
        if !slot.clause {
            return at.s_from;
        }
        let start = syn.clauses[g.clause as usize].start as usize;
        let coordinator = start > at.s_from
            && view.tokens[start].is_word()
            && (self.lexicon.syntax.coordinators.contains(view.word(start))
                || self
                    .lexicon
                    .syntax
                    .clause_coordinators
                    .contains(view.word(start)));
        if coordinator { start + 1 } else { at.s_from }
    }

    /// Is `m` a person right after a word of `SPOKESPEOPLE`, who speaks for
    /// a party and so is no actor ("Pentagon spokesman Sean Parnell")?
    fn speaks_for(&self, view: &DocView, slot: &Slot, at: &At, m: &Mention) -> bool {
        slot.party
            && &*slot.name == "actor"
            && view.gaz.is_type(m.entry, gazetteer::PERSON)
            && m.tok_start as usize > at.s_from
            && word_in(view, m.tok_start as usize - 1, &self.lexicon.spokespeople)
    }

    /// `more_specific` (for a `specific` slot; for any slot, the person a
    /// title introduces, since a person stays a person: GUIDELINES §3),
    /// never across the trigger: in "the Malian junta denied Algeria
    /// permission", Algeria does not make "Malian" specific.
    fn more_specific_at(&self, view: &DocView, at: &At, mi: usize, slot: &Slot) -> Option<usize> {
        let ms = at.place.ms;
        let next = slot
            .specific
            .then(|| more_specific(view, &self.lexicon, ms, mi, slot, !slot.party))
            .flatten()
            .or_else(|| self.titled_person(view, ms, mi, slot))?;
        let (from, to) = (ms[mi].tok_end as usize, ms[next].tok_start as usize);
        (!(from..to).contains(&at.ts)).then_some(next)
    }

    /// The person a name introduces with a title: "RSF commander
    /// Abdelrahim Dagalo", "Brazilian Supreme Court justice Alexandre de
    /// Moraes". Up to three words between, the last a word of `TITLES`,
    /// the others titles too or capitalised (part of an office's name); or
    /// the title and a comma ("al-Shabaab commander, Abdullahi Yare"), or
    /// a possessive, up to two lower-case words, the title and a comma
    /// ("Hezbollah's top military commander, Haytham Ali Tabatabai").
    fn titled_person(
        &self,
        view: &DocView,
        ms: &[Mention],
        mi: usize,
        slot: &Slot,
    ) -> Option<usize> {
        let (m, next) = (&ms[mi], ms.get(mi + 1)?);
        let titles = &self.lexicon.syntax.titles;
        if !view.gaz.is_type(next.entry, gazetteer::PERSON)
            || !slot.types.contains(&gazetteer::PERSON)
            || view.gaz.is_type(m.entry, gazetteer::PERSON)
        {
            return None;
        }
        let (from, to) = (m.tok_end as usize, next.tok_start as usize);
        let ok = (1..=5).contains(&to.saturating_sub(from))
            && (from..to).all(|k| {
                view.tokens[k].is_word()
                    && (is_title(titles, view.word(k))
                        || view.word(k) == "of"
                        || view.raw(k).chars().next().is_some_and(char::is_uppercase))
            })
            && ((to <= from + 3 && is_title(titles, view.word(to - 1)))
                // "US Secretary of State Marco Rubio", "Israeli Minister
                // of Strategic Affairs Ron Dermer": a title, "of", the
                // capitalised name of its office.
                || (from + 1..to - 1).any(|k| {
                    view.word(k) == "of"
                        && is_title(titles, view.word(k - 1))
                        && to - k <= 3
                        && (k + 1..to).all(|j| {
                            view.raw(j).chars().next().is_some_and(char::is_uppercase)
                        })
                }));
        // The same title after a possessive, with the person in
        // apposition: "the group's leader, Mohamed Hamdan Dagalo",
        // "Myanmar's army chief, Min Aung Hlaing".
        let apposed = || {
            to >= from + 4
                && to <= from + 6
                && crate::segment::is_apostrophe(view.raw(from))
                && view.tokens[from + 1].is_word()
                && view.word(from + 1) == "s"
                && view.raw(to - 1) == ","
                && (from + 2..to - 1).all(|k| {
                    view.tokens[k].is_word()
                        && view.raw(k).chars().next().is_some_and(char::is_lowercase)
                })
                && titles.contains(view.word(to - 2))
        };
        // Or without the possessive: "a senior al-Shabaab commander,
        // Abdullahi Yare".
        let titled_apposed = || {
            to == from + 2
                && view.tokens[from].is_word()
                && titles.contains(view.word(from))
                && view.raw(from + 1) == ","
        };
        (ok || apposed() || titled_apposed()).then_some(mi + 1)
    }

    /// Is mention `m` the subject of a word of `ACCUSERS` ("accused",
    /// "blamed") whose charge the trigger at `ts` is: a gerund right after
    /// "of" or "for", past what is accused ("X accused Y of shelling…")?
    fn accuser(&self, view: &DocView, m: &Mention, ts: usize) -> bool {
        let mut k = m.tok_end as usize;
        if k >= ts || ts < 1 || !matches!(view.word(ts - 1), "of" | "for") {
            return false;
        }
        while k < ts && word_in(view, k, &self.lexicon.syntax.auxiliaries) {
            k += 1;
        }
        k + 1 < ts - 1 && word_in(view, k, &self.lexicon.accusers)
    }

    /// Does a word of `CHARACTERISERS` stand between mention `m` and the
    /// trigger at `ts`, with no comma or conjunction after it and not
    /// before a particle ("for", "on", "off", "up", "in")? Who calls an act an attack, or condemns it, did not do it:
    /// "Mette Frederiksen called it the most serious attack so far".
    fn characteriser(&self, view: &DocView, m: &Mention, ts: usize) -> bool {
        let from = m.tok_end as usize;
        if from >= ts {
            return false;
        }
        let Some(k) = (from..ts)
            .rev()
            .find(|&k| word_in(view, k, &self.lexicon.characterisers))
        else {
            return false;
        };
        // "called for strikes", "called off a summit": another verb.
        let next = k + 1;
        let particle = next < ts
            && view.tokens[next].is_word()
            && matches!(view.word(next), "for" | "on" | "off" | "up" | "in");
        // "The EU condemned the doctrine and is preparing sanctions": the
        // trigger is in another clause.
        let apart = (k..ts).any(|j| {
            if view.tokens[j].is_word() {
                matches!(
                    view.word(j),
                    "and" | "but" | "while" | "then" | "after" | "before"
                )
            } else {
                view.raw(j) == ","
            }
        });
        !particle && !apart
    }

    /// Did mention `m` suffer the act at `ts`: a word of `VICTIMS` between
    /// them, after a form of "be" ("Hossein Salami was killed in the
    /// strikes") or "died" itself, with no comma between?
    fn victim(&self, view: &DocView, m: &Mention, ts: usize) -> bool {
        let from = m.tok_end as usize;
        from < ts
            && (from..ts).all(|k| view.tokens[k].is_word() || view.raw(k) != ",")
            && (from..ts).any(|k| {
                word_in(view, k, &self.lexicon.victims)
                    && (view.word(k) == "died"
                        || (k > from
                            && matches!(view.word(k - 1), "was" | "were" | "been" | "is" | "are")))
            })
    }

    /// Checks mention `mi` (an index into the sentence's mentions) against
    /// the slot's type, form and attribute conditions, and gives the role it
    /// fills: the entity it reports (after `specific`, anaphora and `state`).
    #[allow(clippy::too_many_arguments)]
    fn accept<'r>(
        &self,
        view: &DocView,
        slot: &'r Slot,
        at: &At,
        mi: usize,
        filled: &[Filled<'r>],
        generic_pass: Option<bool>,
        s_to: usize,
    ) -> Option<Filled<'r>> {
        let ms = at.place.ms;
        let mut m = &ms[mi];
        if !slot.types.contains(&view.gaz.etype_of(m.entry))
            || generic_pass.is_some_and(|g| view.gaz.is_generic(m.entry) != g)
        {
            return None;
        }
        if slot.party && !is_party(view.gaz, m.entry) {
            return None;
        }
        // "Pentagon spokesman Sean Parnell said the deployment…": who
        // speaks for a party does not act.
        if self.speaks_for(view, slot, at, m) {
            return None;
        }
        if slot.countries && !only_countries(view.gaz, m.entry) {
            return None;
        }
        let is_adj = m.kind == AliasKind::Demonym;
        // "injuring several Sri Lankan peacekeepers": a demonym right before
        // people (`NATIONALS`) says who they are, not where anything
        // happened.
        if is_adj
            && &*slot.name == "location"
            && word_in(view, m.tok_end as usize, &self.lexicon.nationals)
        {
            return None;
        }
        // A place's possessive owning what is no place is where nothing
        // happened: "sent troops to shore up Moscow's war effort" (list
        // `POSSESSED_NON_PLACES`, among the three lower-case words after
        // it; "Iran's nuclear sites" keeps Iran).
        if &*slot.name == "location" && !is_adj {
            let end = m.tok_end as usize;
            let possessive = end + 2 < s_to
                && crate::segment::is_apostrophe(view.raw(end))
                && view.tokens[end + 1].is_word()
                && view.word(end + 1) == "s";
            if possessive
                && (end + 2..s_to.min(end + 5))
                    .take_while(|&k| {
                        view.tokens[k].is_word() && view.raw(k).starts_with(char::is_lowercase)
                    })
                    .any(|k| word_in(view, k, &self.lexicon.possessed_non_places))
            {
                return None;
            }
        }
        // A demonym right before a reference to an organisation describes
        // it: in "talks between the Palestinian group and Israel" the group
        // (Hamas) is the party, not Palestine.
        if slot.party
            && is_adj
            && ms.get(mi + 1).is_some_and(|n| {
                n.tok_start == m.tok_end
                    && n.kind == AliasKind::Reference
                    && view.gaz.is_type(n.entry, gazetteer::ORG)
            })
        {
            return None;
        }
        // The mention that names the actor is no place too: "in the wake
        // of Israeli strikes on its nuclear sites" did not happen in
        // Israel, nor "Washington's strikes" in Washington.
        if &*slot.name == "location"
            && filled
                .iter()
                .any(|f| &**f.slot == "actor" && f.mention as usize == at.place.m_from + mi)
        {
            return None;
        }
        // A demonym before a word of `OWN_PLACES` names a place, not a
        // party: "carried out from occupied Syrian airspace".
        if slot.party && is_adj {
            // (Past a closing quote: "occupied Syrian” airspace".)
            let next = (m.tok_end as usize..view.tokens.len().min(m.tok_end as usize + 2))
                .find(|&k| view.tokens[k].is_word() || !is_quote(view.raw(k)));
            if next.is_some_and(|k| {
                view.tokens[k].is_word() && self.lexicon.own_places.contains(view.word(k))
            }) {
                return None;
            }
            // Nor does a demonym before a word of `PLACE_NOUNS` act: "the
            // strategic central Somali town of Adan Yabaal" (it may still be
            // the side attacked there: "a Ukrainian city").
            if &*slot.name == "actor"
                && next.is_some_and(|k| {
                    view.tokens[k].is_word() && self.lexicon.place_nouns.contains(view.word(k))
                })
            {
                return None;
            }
        }
        // A name before "-backed", "-made"… (`PATRONS`) backs or made the
        // one that acts: "Iran-backed militias launched" is no act of Iran,
        // and "a Greek-owned tanker in the Red Sea" is not in Greece.
        if (slot.party || &*slot.name == "location")
            && starts_compound(view, m.tok_end as usize)
            && word_in(view, m.tok_end as usize + 1, &self.lexicon.patrons)
        {
            return None;
        }
        // "The army", "the armed forces", "the parliament", "the ministry"
        // stand for a state's organ, which is no place: "Israeli jets
        // struck Beirut after the army issued warnings" did not happen in
        // the army's state. Nor is "its" in "halt its strikes", the agent.
        if &*slot.name == "location"
            && m.kind == AliasKind::Reference
            && m.tok_end > m.tok_start
            && {
                let refs = &self.lexicon.reference;
                let head = m.tok_end as usize - 1;
                word_in(view, head, &refs.armed_forces_heads)
                    || word_in(view, head, &refs.parliament_heads)
                    || word_in(view, head, &refs.government_heads)
                    || word_in(view, head, &refs.pronouns)
                    || head > m.tok_start as usize
                        && view.tokens[head - 1].is_word()
                        && refs.armed_forces_heads.contains(&format!(
                            "{} {}",
                            view.word(head - 1),
                            view.word(head)
                        ))
            }
        {
            return None;
        }
        // A weapon class before a word of `WEAPON_SITES` names a place, not
        // the weapon used: "struck an ammunition depot with drones".
        if &*slot.name == "weapon"
            && view.gaz.is_generic(m.entry)
            && word_in(view, m.tok_end as usize, &self.lexicon.weapon_sites)
        {
            return None;
        }
        // A state named right before a word of `HOLDINGS` owns what is
        // there, which is elsewhere: "a drone at a US base in eastern Syria"
        // happens in Syria, not in the United States.
        // A demonym only before what moves or stands abroad
        // (`MOBILE_HOLDINGS`: "Houthis attacked a Greek vessel"); "strikes
        // on Cambodian positions" hit Cambodia.
        if &*slot.name == "location"
            && view.gaz.is_state(m.entry)
            && word_in(
                view,
                m.tok_end as usize,
                if is_adj {
                    &self.lexicon.mobile_holdings
                } else {
                    &self.lexicon.holdings
                },
            )
        {
            return None;
        }
        // A state named before a word of `OTHER_PARTY` describes another
        // party: "a major US ally", "Russia's neighbours" (an alliance
        // before "allies" stands for its members: "NATO allies").
        let state_like = view.gaz.is_state(m.entry)
            || view
                .gaz
                .stands_for_of(m.entry)
                .is_some_and(|e| view.gaz.is_state(e));
        if slot.party && state_like {
            let mut k = m.tok_end as usize;
            // Past a possessive: "Russia's neighbours", "the allies'".
            if k < view.tokens.len() && crate::segment::is_apostrophe(view.raw(k)) {
                k += 1;
                if k < view.tokens.len() && view.raw(k) == "s" {
                    k += 1;
                }
            }
            // Past two modifiers: "Kyiv's main Western backers".
            let syntax = &self.lexicon.syntax;
            let other = (k..view.tokens.len().min(k + 3))
                .take_while(|&j| {
                    view.tokens[j].is_word()
                        && !syntax.prepositions.contains(view.word(j))
                        && !syntax.determiners.contains(view.word(j))
                        && !syntax.coordinators.contains(view.word(j))
                })
                .any(|j| self.lexicon.other_party.contains(view.word(j)));
            if other {
                return None;
            }
        }
        // Who accuses another of an act does not do it: "The SDF accused
        // government forces of shelling the neighbourhood" names no actor.
        if &*slot.name == "actor"
            && (self.accuser(view, m, at.ts)
                || self.characteriser(view, m, at.ts)
                || self.victim(view, m, at.ts))
        {
            return None;
        }
        // A demonym that introduces a more specific name is not the
        // filler: the name is ("the Omani capital, Muscat").
        let introduces = || slot.specific && self.more_specific_at(view, at, mi, slot).is_some();
        if (slot.adjectives == Adjectives::Only && !is_adj)
            || (slot.adjectives == Adjectives::Never && is_adj && !introduces())
        {
            return None;
        }
        // "during the Gaza war": the name of a war fills no role.
        if word_in(view, m.tok_end as usize, &self.lexicon.war_names) {
            return None;
        }
        if slot.nocompound
            && starts_compound(view, m.tok_end as usize)
            && !word_in(view, m.tok_end as usize + 1, &self.lexicon.controllers)
            && !(slot.home && word_in(view, m.tok_end as usize + 1, &self.lexicon.homes))
        {
            return None;
        }
        // The home of a name that follows is no filler: the name is ("the
        // Kyrgyzstan-based Capital Bank"; "three Iran-based companies"
        // keeps Iran).
        if slot.nocompound
            && slot.home
            && starts_compound(view, m.tok_end as usize)
            && ms.get(mi + 1).is_some_and(|n| {
                n.tok_start == m.tok_end + 2 && !view.gaz.is_type(n.entry, gazetteer::PLACE)
            })
        {
            return None;
        }
        match slot.pair {
            // "US-Russia": a name, a hyphen, and another name right after.
            1 if !(starts_compound(view, m.tok_end as usize)
                && ms.get(mi + 1).is_some_and(|n| n.tok_start == m.tok_end + 1)) =>
            {
                return None;
            }
            2 if !(mi > 0
                && m.tok_start >= 1
                && ms[mi - 1].tok_end + 1 == m.tok_start
                && starts_compound(view, ms[mi - 1].tok_end as usize)) =>
            {
                return None;
            }
            _ => {}
        }
        if !slot.exclude.is_empty() || !slot.with.is_empty() {
            let e = view.gaz.entry(m.entry);
            if slot
                .exclude
                .iter()
                .any(|(k, v)| e.has_attribute(k, Some(v)))
                || !slot.with.iter().all(|(k, vs)| match vs.is_empty() {
                    true => e.has_attribute(k, None),
                    false => vs.iter().any(|v| e.has_attribute(k, Some(v))),
                })
            {
                return None;
            }
        }
        if !slot.notfollowed.is_empty()
            && cue_after(view, &slot.notfollowed, ms[mi].tok_end as usize, 0, s_to)
        {
            return None;
        }
        if slot.opening && !opens_sentence(view, at.s_from, m) {
            return None;
        }
        if !slot.followed.is_empty() {
            // The following words must not belong to the next name
            // ("Sudan's Rapid Support Forces": "Forces" is not about Sudan).
            // "French or U.S. troops": a name joined by "and", "or" or a
            // comma to names the last of which is followed is followed too.
            let mut last = mi;
            while last + 1 < ms.len()
                && (ms[last].tok_end..ms[last + 1].tok_start).all(|k| {
                    let k = k as usize;
                    match view.tokens[k].is_word() {
                        true => matches!(view.word(k), "and" | "or"),
                        false => view.raw(k) == ",",
                    }
                })
                && ms[last].tok_end < ms[last + 1].tok_start
            {
                last += 1;
            }
            let next_name = |from: usize| {
                ms[from + 1..]
                    .iter()
                    .find(|n| !view.gaz.is_generic(n.entry))
                    .map_or(s_to, |n| (n.tok_start as usize).min(s_to))
            };
            let followed = |i: usize| {
                cue_after(
                    view,
                    &slot.followed,
                    ms[i].tok_end as usize,
                    slot.gap,
                    next_name(i),
                )
            };
            if !followed(mi) && (last == mi || !followed(last)) {
                return None;
            }
        }
        let mut used = mi;
        // "talks between Congolese President Felix Tshisekedi and…" name
        // Tshisekedi, not his state, whether or not the slot is `specific`.
        if let Some(next) = self
            .more_specific_at(view, at, mi, slot)
            .filter(|&next| !self.speaks_for(view, slot, at, &ms[next]))
        {
            m = &ms[next];
            used = next;
            // "the Ukrainian city of Dnipro": the city it names cannot act.
            if (slot.party && !is_party(view.gaz, m.entry))
                || (slot.countries && !only_countries(view.gaz, m.entry))
            {
                return None;
            }
        }
        let resolved = self.reported_entry(view, slot, at, m);
        // An unlisted entity is itself, unless the slot reports what it
        // stands for.
        let unlisted = if resolved == m.entry {
            m.unlisted
        } else {
            u32::MAX
        };
        // `other`: a member of a coordinated group that holds another
        // slot's filler, not that filler, nor a name modifying a member
        // ("US Secretary of State Antony Blinken").
        if slot.other {
            let here = at.place.m_from + used;
            let partner = at.place.syn.is_some_and(|syn| {
                syn.group_of(here).is_some_and(|g| {
                    let members = syn.members_of(g);
                    members.contains(&(here as u32))
                        && filled
                            .iter()
                            .any(|r| r.mention as usize != here && members.contains(&r.mention))
                })
            });
            if !partner || filled.iter().any(|r| r.mention as usize == here) {
                return None;
            }
        }
        // An entity fills one role of an event, unless `shared`.
        if !slot.shared
            && filled
                .iter()
                .any(|r| r.entry == Some(resolved) && r.unlisted == unlisted)
        {
            return None;
        }
        Some(Filled {
            slot: &slot.name,
            entry: Some(resolved),
            mention: (at.place.m_from + used) as u32,
            group: u16::MAX,
            unlisted,
            start: m.start,
            end: m.end,
        })
    }

    /// The entry a mention reports in a slot: the antecedent of an
    /// anaphoric class ("these missiles"), then what it stands for when the
    /// slot says `state`.
    fn reported_entry(&self, view: &DocView, slot: &Slot, at: &At, m: &Mention) -> u32 {
        let mut entry_idx = m.entry;
        if view.gaz.is_generic(m.entry)
            && let Some(e) = self.antecedent(view, m)
        {
            entry_idx = e;
        }
        // A legislature enacting a policy acts as itself, not as its
        // state ("The parliament adopted the law": the Verkhovna Rada),
        // unlike the organs GUIDELINES names (Pentagon, Treasury, the army);
        // see `LEGISLATURE_ACTS`.
        if slot.state && at.legislature_acts && view.gaz.has_subtype(entry_idx, "legislature") {
            return entry_idx;
        }
        match slot.state {
            true => self
                .organ_owner(view, m)
                .or_else(|| view.gaz.stands_for_of(entry_idx))
                .unwrap_or(entry_idx),
            false => entry_idx,
        }
    }

    /// The state whose organ an organisation is by the words before it:
    /// the state's possessive or demonym right before an unlisted
    /// organisation with a word of `STATE_ORGAN_HEADS` first or last
    /// ("India's Defence Acquisition Council", "the Ghanaian Ministry of
    /// Energy"), or before a listed organ of a state, which the writer then
    /// says is this state's ("Kenya's National Intelligence Service", a
    /// name South Korea's service also has). An unlisted organisation
    /// shares its pattern's template, so only the words around it tell.
    fn organ_owner(&self, view: &DocView, m: &Mention) -> Option<u32> {
        let heads = &self.lexicon.state_organ_heads;
        let (first, last) = (m.tok_start as usize, m.tok_end as usize - 1);
        let organ = match m.unlisted {
            u32::MAX => view.gaz.stands_for_of(m.entry).is_some(),
            // (Or the head before "of": "Romania's Supreme Council of
            // National Defence".)
            _ => {
                heads.contains(view.word(first))
                    || heads.contains(view.word(last))
                    || (first..last).any(|k| {
                        view.tokens[k].is_word()
                            && heads.contains(view.word(k))
                            && view.tokens[k + 1].is_word()
                            && view.word(k + 1) == "of"
                    })
            }
        };
        if !organ || !view.gaz.is_type(m.entry, gazetteer::ORG) {
            return None;
        }
        let possessive = first >= 3
            && view.tokens[first - 1].is_word()
            && view.word(first - 1) == "s"
            && crate::segment::is_apostrophe(view.raw(first - 2));
        let owner_end = if possessive { first - 2 } else { first };
        let k = view
            .mentions
            .partition_point(|o| o.tok_end as usize <= owner_end);
        let owner = view.mentions[..k].last()?;
        if owner.tok_end as usize != owner_end || (owner.kind == AliasKind::Demonym) == possessive {
            return None;
        }
        let e = owner.entry;
        let state = if view.gaz.is_state(e) {
            e
        } else {
            view.gaz.stands_for_of(e)?
        };
        view.gaz.is_state(state).then_some(state)
    }

    /// The grammar of a trigger: its clause, subject and object.
    fn trigger_grammar(
        &self,
        view: &DocView,
        syn: &Parse,
        s_from: usize,
        ts: usize,
        te: usize,
        form: Form,
    ) -> Grammar {
        let verb_trigger = |k: usize| self.is_verb_trigger(view, s_from, k);
        let trigger = |k: usize| self.is_trigger(view, k);
        let input = self.syntax_input(view, &verb_trigger, &trigger);
        let lex = &self.lexicon.syntax;
        let subject = if form == Form::Noun {
            syn.nominal_subject(&input, lex, ts)
                .or_else(|| syn.relative_agent(&input, lex, te))
        } else {
            syn.subject(&input, lex, ts)
        };
        Grammar {
            clause: syn.clause_at(ts),
            subject,
            object: if form == Form::Noun {
                None
            } else {
                syn.object(&input, lex, te, ts)
            },
        }
    }

    /// The parse as `evex explain` shows it at a trigger: the clauses of
    /// the sentence, the trigger's clause, subject and object.
    fn describe_grammar(
        &self,
        view: &DocView,
        syn: &Parse,
        s: &Sentence,
        ts: usize,
        te: usize,
        form: Form,
    ) -> String {
        let (from, to) = (s.first_token as usize, s.end_token as usize);
        let g = self.trigger_grammar(view, syn, from, ts, te, form);
        let mut clauses = String::new();
        let mut k = from;
        while k < to {
            let c = syn.clause_at(k);
            let start = k;
            while k < to && syn.clause_at(k) == c {
                k += 1;
            }
            let text =
                &view.text[view.tokens[start].start as usize..view.tokens[k - 1].end as usize];
            clauses.push_str(&format!(
                " [{c} {:?}: {text}]",
                syn.clauses[c as usize].kind
            ));
        }
        let group = |g: u16| {
            syn.members_of(g)
                .iter()
                .map(|&m| {
                    let m = &view.mentions[m as usize];
                    &view.text[m.start as usize..m.end as usize]
                })
                .collect::<Vec<_>>()
                .join(" + ")
        };
        let subject = match g.subject {
            Some(Found::Group(x)) => group(x),
            Some(Found::Via(x, how)) => format!("{} ({how})", group(x)),
            None => "none".to_string(),
        };
        let object = g.object.map_or("none".to_string(), group);
        format!(
            "sentence {}, trigger {:?}: clause {}, subject {subject}, object {object}; clauses:{clauses}",
            view.sentences
                .partition_point(|x| x.end_token <= s.first_token),
            &view.text[view.tokens[ts].start as usize..view.tokens[te - 1].end as usize],
            g.clause,
        )
    }

    /// What the shallow parser reads of a document.
    fn syntax_input<'a>(
        &'a self,
        view: &'a DocView,
        verb_trigger: &'a dyn Fn(usize) -> bool,
        trigger: &'a dyn Fn(usize) -> bool,
    ) -> Input<'a> {
        Input {
            text: view.text,
            folded: view.folded,
            tokens: view.tokens,
            mentions: view.mentions,
            gaz: view.gaz,
            verb_trigger,
            trigger,
        }
    }

    /// What the parser reads, for questions that need no trigger tests.
    fn syntax_input_basic<'a>(&'a self, view: &'a DocView) -> Input<'a> {
        self.syntax_input(view, &|_| false, &|_| false)
    }

    /// Is the word at `k` the first word of a trigger, in any form?
    fn is_trigger(&self, view: &DocView, k: usize) -> bool {
        // The whole trigger, not its first word: "ground" begins "ground
        // offensive" but "lost ground to the Arakan Army" holds no event
        // noun.
        view.tokens[k].is_word()
            && self.triggers.get(view.word(k)).is_some_and(|ts| {
                ts.iter()
                    .any(|t| match_forward(view, k, &t.rest, view.tokens.len()).is_some())
            })
    }

    /// Is the word at `k` a trigger used as a verb (a verb form, not right
    /// after a determiner)?
    fn is_verb_trigger(&self, view: &DocView, s_from: usize, k: usize) -> bool {
        let Some(ts) = view.tokens[k]
            .is_word()
            .then(|| self.triggers.get(view.word(k)))
            .flatten()
        else {
            return false;
        };
        // "the White Army, a militia that overran a garrison": "that"
        // closing an apposition marks no noun before a word that is never
        // one (elsewhere the parse keeps the clause whole: "a doctrine
        // that lowers the threshold" is the doctrine's publisher's act).
        let only_verb = || {
            k > s_from + 3
                && view.word(k - 1) == "that"
                && ts.iter().all(|t| t.form != Form::Noun)
                && (s_from..k - 1)
                    .rev()
                    .take(7)
                    .find(|&j| !view.tokens[j].is_word())
                    .is_some_and(|j| {
                        view.raw(j) == ","
                            && j + 1 < k - 1
                            && matches!(view.word(j + 1), "a" | "an" | "the")
                    })
        };
        // "in retaliation for a missile that struck the airport": "that"
        // cannot be the determiner of a word that is never a noun, so
        // after a noun phrase that opens the sentence or follows a
        // preposition it opens a relative clause. (After a verb's object
        // the parse keeps the clause whole: "Minsk published a doctrine
        // that lowers the threshold" is Minsk's act.)
        let relative_that = || {
            k > s_from + 1
                && view.word(k - 1) == "that"
                && ts.iter().all(|t| t.form != Form::Noun)
                && view.tokens[k - 2].is_word()
                && !self.lexicon.noun_markers.contains(view.word(k - 2))
                && (k.saturating_sub(6).max(s_from)..k - 1)
                    .rev()
                    .take_while(|&j| view.tokens[j].is_word())
                    .find(|&j| matches!(view.word(j), "a" | "an" | "the"))
                    .is_some_and(|j| {
                        j == s_from
                            || view.tokens[j - 1].is_word()
                                && self.lexicon.syntax.prepositions.contains(view.word(j - 1))
                    })
        };
        ts.iter().any(|t| t.form != Form::Noun)
            && (!self.marked_by(&self.lexicon.noun_markers, view, s_from, k, 1)
                || only_verb()
                || relative_that())
    }

    /// The comma that closes an opening adjunct holding the trigger at
    /// `ts..te`: the sentence opens with a word of `OPENING_ADJUNCTS` and
    /// no comma stands before the trigger ("In response to the Hezbollah
    /// attack, Israel struck…").
    fn opening_adjunct_end(
        &self,
        view: &DocView,
        s_from: usize,
        s_to: usize,
        ts: usize,
        te: usize,
    ) -> Option<usize> {
        let first = (s_from..ts).find(|&k| view.tokens[k].is_word())?;
        if !self.lexicon.opening_adjuncts.contains(view.word(first))
            || (s_from..ts).any(|k| view.raw(k) == ",")
        {
            return None;
        }
        (te..s_to).find(|&k| view.raw(k) == ",")
    }

    /// The comma that closes an opening adjunct of concession
    /// (`CONCESSIVE_OPENERS`: "Despite protests in Moscow, …"), when the
    /// trigger at `ts` comes after it.
    fn concession_end(&self, view: &DocView, s_from: usize, ts: usize) -> Option<usize> {
        concession_comma(view, &self.lexicon.concessive_openers, s_from, ts)
    }

    fn barrier_between(&self, view: &DocView, lo: usize, hi: usize) -> bool {
        !self.lexicon.barriers.is_empty()
            && (lo..hi).any(|k| {
                view.tokens[k].kind == TokenKind::Punct
                    && self.lexicon.barriers.iter().any(|b| b == view.raw(k))
            })
    }

    /// The modality of an event: what its cues say ([`Self::modality_cue`]),
    /// but an asserted event is hedged by a firm condition after the
    /// trigger: "Israel said it would reopen the Rafah crossing … only
    /// after the remains of the last hostage are returned" (a plan
    /// announced, asserted, but on a condition).
    fn modality<'r>(
        &'r self,
        view: &DocView,
        rule: &Rule,
        (s_from, s_to): (usize, usize),
        (ts, te): (usize, usize),
    ) -> &'r Arc<str> {
        let mut found = self.modality_cue(view, rule, (s_from, s_to), (ts, te));
        // "urged Israel to keep the crossing open and to allow aid trucks
        // in": an infinitive after "and to" has the modality of the one
        // it is coordinated with.
        if &**found == "asserted"
            && let Some(head) = coordinated_infinitive(view, s_from, ts)
        {
            found = self.modality_cue(view, rule, (s_from, s_to), (head, head + 1));
        }
        if &**found == "asserted"
            && self.firm_condition(view, te, s_to)
            && let Some(hedged) = self.modality_labels.iter().find(|l| &***l == "hedged")
        {
            return hedged;
        }
        found
    }

    /// The nearest modality cue before the trigger decides; none: a
    /// condition just after it ("…will follow if Russia refuses") hedges,
    /// else asserted.
    fn modality_cue<'r>(
        &'r self,
        view: &DocView,
        rule: &Rule,
        (s_from, s_to): (usize, usize),
        (ts, te): (usize, usize),
    ) -> &'r Arc<str> {
        let lo = modality_floor(view, self.settings.modality_window as usize, s_from, ts);
        // A rule's own cues count on the trigger word too: a rule that
        // fires on "rejected" as well as "approved" says so with
        // `modality negated = rejected`.
        // The longest cue decides: "willing to hold" (asserted) over "to
        // hold" (hedged) at the trigger "hold talks".
        let mut own: Option<(usize, usize)> = None;
        for (label, cues) in &rule.modality {
            let len = longest_ending_at(view, cues, ts, s_from);
            if len > 0 && own.is_none_or(|(_, b)| len > b) {
                own = Some((*label, len));
            }
        }
        if let Some((label, _)) = own {
            return &self.modality_labels[label];
        }
        let mut headline: Option<bool> = None;
        for k in (lo..ts).rev() {
            if !view.tokens[k].is_word() {
                if self.barrier_between(view, k, k + 1) {
                    break;
                }
                continue;
            }
            // A possessive between the cue and the trigger owns the act:
            // "Pakistan rejected India's decision to suspend the treaty"
            // asserts India's decision; the rejection is Pakistan's.
            if k > lo + 1
                && view.word(k) == "s"
                && crate::segment::is_apostrophe(view.raw(k - 1))
                && view.tokens[k - 2].is_word()
            {
                break;
            }
            // A capitalised cue inside a sentence is a name ("May", "Will"),
            // except in a headline ("Pentagon Halts Weapons Shipments").
            let raw = view.raw(k);
            if k > s_from
                && raw.chars().next().is_some_and(char::is_uppercase)
                && raw.chars().skip(1).any(char::is_lowercase)
                && !*headline.get_or_insert_with(|| {
                    crate::segment::is_headline(
                        view.text,
                        view.tokens,
                        s_from,
                        s_to,
                        crate::segment::HEADLINE_CAPS,
                    )
                })
            {
                continue;
            }
            // The longest cue ending here decides: "does not rule out"
            // (hedged) over "rule out" (negated).
            let mut best: Option<(usize, usize)> = None;
            for (label, cues) in rule.modality.iter().chain(self.modality_cues.iter()) {
                let len = longest_ending_at(view, cues, k, s_from);
                if len > 0 && best.is_none_or(|(_, b)| len > b) {
                    best = Some((*label, len));
                }
            }
            // A reported plan told with a time or place between the
            // reporting verb and the rest of the cue: "said on Sunday it
            // would allow" is "said it would allow".
            if best.is_none_or(|(l, _)| &*self.modality_labels[l] != "asserted")
                && let Some(asserted) = self
                    .modality_cues
                    .iter()
                    .find(|(l, _)| &*self.modality_labels[*l] == "asserted")
                && asserted
                    .1
                    .ending_with(view.word(k))
                    .iter()
                    .any(|p| match_past_adjuncts(view, k, p, s_from, &self.lexicon.report_adjuncts))
            {
                return &self.modality_labels[asserted.0];
            }
            // A plan reported for the subject's own side is asserted,
            // unless a condition follows ("would deliver … if the
            // preparations proceed").
            if let Some((label, _)) = best
                && &*self.modality_labels[label] == "hedged"
                && view.word(k) == "would"
                && self.plan_reported(view, s_from, k)
            {
                break;
            }
            if let Some((label, _)) = best {
                let found = &self.modality_labels[label];
                // A denial before the hedge governs it: "denied that Moscow
                // was preparing to meet" is negated.
                if &**found == "hedged"
                    && let Some(negated) = self.modality_labels.iter().find(|l| &***l == "negated")
                    && (lo..k).any(|j| {
                        view.tokens[j].is_word() && ends_at(view, &self.lexicon.denials, j, s_from)
                    })
                {
                    return negated;
                }
                return found;
            }
        }
        // "denied Israeli media reports that it has moved tanks": a denial
        // of a report before "that", further back than the window.
        if self.denied_report(view, s_from, ts)
            && let Some(negated) = self.modality_labels.iter().find(|l| &***l == "negated")
        {
            return negated;
        }
        // Within twice the window when no comma or "and" comes first: "would
        // let U.S. forces use the Manta air base if voters back it".
        let hi = (te + 2 * self.settings.modality_window as usize).min(s_to);
        for k in te..hi {
            if !view.tokens[k].is_word() {
                if self.barrier_between(view, k, k + 1) {
                    break;
                }
                if k >= te + self.settings.modality_window as usize && view.raw(k) == "," {
                    break;
                }
                continue;
            }
            if k >= te + self.settings.modality_window as usize
                && matches!(view.word(k), "and" | "but" | "or")
            {
                break;
            }
            if self.lexicon.conditions.contains(view.word(k)) {
                if let Some(hedged) = self.modality_labels.iter().find(|l| &***l == "hedged") {
                    return hedged;
                }
                break;
            }
        }
        &self.asserted
    }

    /// Does a denial of a report (`DENIALS`, then a word of
    /// `DENIED_REPORTS`, then "that") open the clause of the trigger at
    /// `ts`, with no comma between "that" and the trigger?
    fn denied_report(&self, view: &DocView, s_from: usize, ts: usize) -> bool {
        let lex = &self.lexicon;
        if lex.denied_reports.is_empty() {
            return false;
        }
        let lo = ts.saturating_sub(12).max(s_from);
        let Some(that) = (lo..ts)
            .rev()
            .take_while(|&k| view.tokens[k].is_word())
            .find(|&k| view.word(k) == "that")
        else {
            return false;
        };
        let Some(noun) = (that.saturating_sub(2).max(s_from)..that)
            .rev()
            .find(|&k| view.tokens[k].is_word() && lex.denied_reports.contains(view.word(k)))
        else {
            return false;
        };
        // Up to four words (a name and its modifiers) between the denial
        // and the noun: "denied Israeli media reports".
        (noun.saturating_sub(5).max(s_from)..noun)
            .any(|k| view.tokens[k].is_word() && ends_at(view, &lex.denials, k, s_from))
    }

    /// Does the "would" at `k` follow a named subject that a word of
    /// `PLAN_REPORTERS` reports ("said on Monday that the United States
    /// would", "announced Germany would")? Past the name: "the", "that",
    /// and words of `REPORT_ADJUNCTS`.
    fn plan_reported(&self, view: &DocView, s_from: usize, k: usize) -> bool {
        let ms = view.mentions;
        let i = ms.partition_point(|m| (m.tok_end as usize) < k);
        let Some(m) = ms.get(i).filter(|m| m.tok_end as usize == k) else {
            return false;
        };
        let mut j = m.tok_start as usize;
        while j > s_from {
            j -= 1;
            if !view.tokens[j].is_word() {
                return false;
            }
            let w = view.word(j);
            if self.lexicon.plan_reporters.contains(w) {
                // Whoever reports must speak for the subject: "Trump, who
                // said that the United States would", not "Analysts said
                // Germany would".
                let state = |e: u32| {
                    let gaz = view.gaz;
                    if gaz.is_state(e) {
                        Some(e)
                    } else {
                        gaz.stands_for_of(e)
                            .filter(|&s| gaz.is_state(s))
                            .or_else(|| gaz.country_of(e))
                    }
                };
                let Some(subject) = state(m.entry) else {
                    return false;
                };
                let lo = j.saturating_sub(8).max(s_from);
                let a = ms.partition_point(|r| (r.tok_start as usize) < lo);
                return ms[a..]
                    .iter()
                    .take_while(|r| (r.tok_end as usize) <= j)
                    .any(|r| state(r.entry) == Some(subject));
            }
            if !(w == "the" || w == "that" || self.lexicon.report_adjuncts.contains(w)) {
                return false;
            }
        }
        false
    }

    /// Is there a firm condition ("only after", "only if") after the
    /// trigger ending at `te`, in its sentence and before a barrier?
    /// The modality a noun trigger takes from the modal verb of the clause
    /// it opens: "a meeting between Putin and Zelensky could follow"
    /// (hedged), "the talks, due on Sunday in Muscat, would not take
    /// place" (negated). The first verb-like word after the noun phrase
    /// decides: a word of `NOUN_MODALS` hedges, and negates with "not" or
    /// "never" after it; any other verb, a relative pronoun or a clause
    /// break leaves the event as it was.
    fn modal_after_noun(&self, view: &DocView, te: usize, s_to: usize) -> Option<&Arc<str>> {
        let lex = &self.lexicon;
        let label = |name: &str| self.modality_labels.iter().find(|l| &***l == name);
        for k in te..s_to.min(te + 16) {
            if !view.tokens[k].is_word() {
                if matches!(view.raw(k), ";" | ":" | "(" | ")") {
                    return None;
                }
                continue;
            }
            let w = view.word(k);
            // "was not informed about the talks and would not recognize…":
            // a verb coordinated with the clause's own, not the noun's.
            if matches!(w, "and" | "or" | "but")
                && k + 1 < s_to
                && view.tokens[k + 1].is_word()
                && lex.syntax.auxiliaries.contains(view.word(k + 1))
            {
                return None;
            }
            if lex.noun_modals.contains(w) {
                let not = k + 1 < s_to
                    && view.tokens[k + 1].is_word()
                    && matches!(view.word(k + 1), "not" | "never");
                // The modal tells on the event only with a verb of its
                // happening ("could follow", "would not take place", "may be
                // signed"), not of its effects ("would draw a response").
                let mut v = k + 1 + usize::from(not);
                while v < s_to
                    && view.tokens[v].is_word()
                    && matches!(
                        view.word(v),
                        "also" | "soon" | "still" | "yet" | "again" | "now"
                    )
                {
                    v += 1;
                }
                let happens = v < s_to
                    && view.tokens[v].is_word()
                    && ((v..s_to.min(v + 2)).any(|e| ends_at(view, &lex.noun_modal_verbs, e, v))
                        || (view.word(v) == "be"
                            && v + 1 < s_to
                            && view.tokens[v + 1].is_word()
                            && view.word(v + 1).ends_with("ed")));
                if !happens {
                    return None;
                }
                return label(if not { "negated" } else { "hedged" });
            }
            // "the planned summit in Budapest was called off": the event
            // cancelled (`NOUN_CALLED_OFF`) or put off (`NOUN_PUT_OFF`)
            // by the passive after the noun's phrase.
            if matches!(w, "was" | "were") {
                let mut v = k + 1;
                while v < s_to
                    && view.tokens[v].is_word()
                    && matches!(
                        view.word(v),
                        "also" | "now" | "then" | "later" | "since" | "abruptly" | "officially"
                    )
                {
                    v += 1;
                }
                let end = s_to.min(v + 2);
                if (v..end).any(|e| ends_at(view, &lex.noun_called_off, e, v)) {
                    return label("negated");
                }
                if (v..end).any(|e| ends_at(view, &lex.noun_put_off, e, v)) {
                    return label("hedged");
                }
                return None;
            }
            if matches!(w, "that" | "which" | "who" | "where" | "said" | "says")
                || lex.syntax.auxiliaries.contains(w)
                || (w.len() > 4 && w.ends_with("ed") && !matches!(w, "united" | "armed" | "based"))
            {
                return None;
            }
        }
        None
    }

    fn firm_condition(&self, view: &DocView, te: usize, s_to: usize) -> bool {
        let firm = &self.lexicon.firm_conditions;
        !firm.is_empty()
            && (te..s_to)
                .take_while(|&k| view.tokens[k].is_word() || !self.barrier_between(view, k, k + 1))
                .any(|k| view.tokens[k].is_word() && ends_at(view, firm, k, te))
    }

    /// Collects the number phrases of a sentence, skipping numbers inside
    /// entity names ("F-16") and bare years.
    fn find_quantities(
        &self,
        view: &DocView,
        s: &Sentence,
        ms: &[Mention],
        out: &mut Vec<Quantity>,
    ) {
        out.clear();
        let lex = &self.lexicon;
        let is_num = |k: usize| {
            let t = &view.tokens[k];
            t.kind == TokenKind::Number
                || (t.kind == TokenKind::Word && lex.number_words.contains(view.word(k)))
        };
        let inside = |k: usize| {
            ms.iter()
                .any(|m| (m.tok_start as usize) <= k && k < m.tok_end as usize)
        };
        let mut k = s.first_token as usize;
        let end = s.end_token as usize;
        while k < end {
            if !is_num(k) || inside(k) {
                k += 1;
                continue;
            }
            let mut e = k + 1;
            while e < end
                && view.tokens[e].is_word()
                && (is_num(e) || lex.number_scales.contains(view.word(e)))
                && !inside(e)
            {
                e += 1;
            }
            let raw = view.raw(k);
            let year = e == k + 1
                && raw.len() == 4
                && raw.bytes().all(|b| b.is_ascii_digit())
                && (1800..=2100).contains(&raw.parse::<u32>().unwrap_or(0));
            // A day of a date: "12 June", "June 12".
            let month = |t: usize| view.tokens[t].is_word() && lex.months.contains(view.word(t));
            let day = e == k + 1
                && view.tokens[k].kind == TokenKind::Number
                && ((e < end && month(e)) || (k > s.first_token as usize && month(k - 1)));
            // A model number glued to a name by a hyphen ("Karrar-9
            // drones", "Su-35") names a weapon; it counts nothing.
            let model = view.tokens[k].kind == TokenKind::Number
                && k >= s.first_token as usize + 2
                && !view.tokens[k].space_before
                && matches!(view.raw(k - 1), "-" | "\u{2010}" | "\u{2011}")
                && !view.tokens[k - 1].space_before
                && view.tokens[k - 2].kind == TokenKind::Word;
            // A capitalised number word after a capitalised word inside
            // the sentence ends a name: "World War Two", "Air Force One".
            let titled = view.tokens[k].kind == TokenKind::Word
                && k > s.first_token as usize
                && view.raw(k).chars().next().is_some_and(char::is_uppercase)
                && view.tokens[k - 1].is_word()
                && view
                    .raw(k - 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !crate::segment::is_headline(
                    view.text,
                    view.tokens,
                    s.first_token as usize,
                    end,
                    crate::segment::HEADLINE_CAPS,
                );
            // A measure: "2,000-pound bombs", "a 1,000-km range".
            let measure = e + 1 < end
                && !view.tokens[e].space_before
                && matches!(view.raw(e), "-" | "\u{2010}" | "\u{2011}")
                && !view.tokens[e + 1].space_before
                && view.tokens[e + 1].is_word()
                && lex.measures.contains(view.word(e + 1));
            // A duration: "for 90 days", "for two more years".
            let duration = |t: usize| {
                t < end && view.tokens[t].is_word() && lex.durations.contains(view.word(t))
            };
            let span = duration(e) || (e < end && view.tokens[e].is_word() && duration(e + 1));
            if year || day || model || titled || span || measure {
                k = e;
                continue;
            }
            let mut start = k;
            if start > s.first_token as usize
                && !view.tokens[start].space_before
                && matches!(view.raw(start - 1), "$" | "€" | "£" | "¥")
            {
                start -= 1;
            }
            if start > s.first_token as usize
                && let Some(p) = lex
                    .number_prefixes
                    .ending_with(view.word(start - 1))
                    .iter()
                    .find(|p| match_backward(view, start - 1, p, s.first_token as usize))
            {
                let mut n = p.len();
                while n > 0 && start > s.first_token as usize {
                    start -= 1;
                    if view.tokens[start].is_word() {
                        n -= 1;
                    }
                }
            }
            out.push(Quantity {
                tok_start: start as u32,
                tok_end: e as u32,
            });
            k = e;
        }
    }
}

/// Matches the remaining words of a multi-word trigger after token `ts`
/// (punctuation between words is skipped). Returns the end token.
fn match_forward(view: &DocView, ts: usize, rest: &[String], limit: usize) -> Option<usize> {
    let mut k = ts + 1;
    for w in rest {
        while k < limit && !view.tokens[k].is_word() {
            k += 1;
        }
        if k >= limit || view.word(k) != w {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// Does `phrase` end at word token `k` (reading backwards, punctuation
/// skipped, not before `lo`)?
fn match_backward(view: &DocView, k: usize, phrase: &[String], lo: usize) -> bool {
    let mut k = k as isize;
    for w in phrase.iter().rev() {
        while k >= lo as isize && !view.tokens[k as usize].is_word() {
            k -= 1;
        }
        if k < lo as isize || view.word(k as usize) != w {
            return false;
        }
        k -= 1;
    }
    true
}

/// Does `phrase` end at word token `k` with one to [`ADJUNCT_GAP`] words
/// of `adjuncts` after its first word ("said on Sunday it would" for
/// "said it would")?
fn match_past_adjuncts(
    view: &DocView,
    k: usize,
    phrase: &[String],
    lo: usize,
    adjuncts: &WordSet,
) -> bool {
    let Some((head, tail)) = phrase.split_first() else {
        return false;
    };
    if tail.is_empty() || !match_backward(view, k, tail, lo) {
        return false;
    }
    // The token where the tail starts, then back over the adjunct.
    let mut j = k;
    for _ in 0..tail.len() {
        while !view.tokens[j].is_word() {
            j -= 1;
        }
        j = match j.checked_sub(1) {
            Some(j) => j,
            None => return false,
        };
    }
    let mut skipped = 0;
    while j >= lo && view.tokens[j].is_word() && adjuncts.contains(view.word(j)) {
        skipped += 1;
        if skipped > ADJUNCT_GAP {
            return false;
        }
        match j.checked_sub(1) {
            Some(p) => j = p,
            None => return false,
        }
    }
    skipped > 0 && j >= lo && view.tokens[j].is_word() && view.word(j) == head
}

/// How many words [`match_past_adjuncts`] lets stand inside a cue.
const ADJUNCT_GAP: usize = 4;

/// The length in words of the longest phrase of `set` that ends at word
/// token `k` (not reaching before `lo`); 0 when none does.
fn longest_ending_at(view: &DocView, set: &PhraseSet, k: usize, lo: usize) -> usize {
    set.ending_with(view.word(k))
        .iter()
        .filter(|p| match_backward(view, k, p, lo))
        .map(|p| p.len())
        .max()
        .unwrap_or(0)
}

fn phrases(list: &PhraseSet) -> String {
    let shown: Vec<String> = list.iter().take(6).map(|p| p.join(" ")).collect();
    let more = if list.len() > 6 {
        format!("|… ({} in all)", list.len())
    } else {
        String::new()
    };
    format!("{}{more}", shown.join("|"))
}

/// Does a phrase start within `gap` tokens after `at` (the end of a
/// filler), before the sentence ends at `s_end`?
fn cue_after(view: &DocView, phrases: &PhraseSet, at: usize, gap: u32, s_end: usize) -> bool {
    let hi = (at + gap as usize + 1).min(s_end);
    (at..hi).any(|k| {
        view.tokens[k].is_word()
            && phrases
                .starting_with(view.word(k))
                .iter()
                .any(|p| match_forward(view, k, &p[1..], s_end).is_some())
    })
}

/// Is the trigger at `ts` a noun modified by the mention right before it?
/// After a demonym ("Russian attacks", "Israeli strike") always; after a
/// singular name or class only in the base form ("drone attack", "US
/// strike"): "Israel strikes Gaza" and "Russian drones pound Kyiv" are
/// verbs.
fn modifier_before(view: &DocView, ms: &[Mention], ts: usize) -> bool {
    // A count makes it a noun too ("more than 50 attacks"), also past one
    // lower-case modifier ("1,800 heavy bombs", "50 new strikes").
    if ts > 0 && view.tokens[ts - 1].kind == TokenKind::Number {
        return true;
    }
    // A demonym and one singular modifier before a bare form make a noun
    // phrase: "an overnight Russian aerial assault", "an Israeli air
    // strike" (a singular subject would take "assaults").
    if ts > 1
        && view.tokens[ts - 1].is_word()
        && view.raw(ts - 1).starts_with(char::is_lowercase)
        && !view.word(ts - 1).ends_with('s')
        && !view.word(ts).ends_with('s')
        && ms
            .iter()
            .any(|m| m.tok_end as usize == ts - 1 && m.kind == AliasKind::Demonym)
    {
        return true;
    }
    // The mention that ends right before the trigger, if any.
    let before = ms.iter().find(|m| m.tok_end as usize == ts);
    // Also past a name that is a modifier ("18 Houthi targets"), unless
    // the number is a year ("in 2024 Russia attacks").
    if ts > 1
        && view.tokens[ts - 2].kind == TokenKind::Number
        && view.tokens[ts - 1].is_word()
        && (view
            .raw(ts - 1)
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            || (before.is_some_and(|m| m.tok_start as usize == ts - 1)
                && !is_year(view.raw(ts - 2))))
    {
        return true;
    }
    let Some(m) = before else {
        return false;
    };
    if m.kind == AliasKind::Demonym {
        return true;
    }
    // A name then a bare form then a determiner is a subject, its verb and
    // an object: "New Delhi put the treaty in abeyance", not a "New Delhi
    // put".
    let object_next = view.tokens.get(ts + 1).is_some_and(|t| {
        t.is_word() && matches!(view.word(ts + 1), "the" | "a" | "an" | "its" | "their")
    });
    let plural_subject = view.word(m.tok_end as usize - 1).ends_with('s');
    // A weapon in the singular before it names the kind of attack, a
    // compound noun: "Pakistani drone attacks on Jammu", "missile strikes"
    // (while "drones attack" is a subject and its verb).
    if !plural_subject && view.gaz.is_type(m.entry, gazetteer::WEAPON) {
        return true;
    }
    !(plural_subject || view.word(ts).ends_with('s') || object_next)
}

/// Is the trigger at `ts..te` a verb in -s right after a possessive and the
/// name of a person or an organisation, with its object next: "Sudan's RSF
/// Seizes Key Town", "Russia's Putin signs the law"? The possessive marks
/// the name, which is the subject, not the trigger; a noun reading would
/// leave the headline's verb unread. An object must follow (a determiner,
/// a number or a capitalised word), so "Israel's IDF strikes on Gaza"
/// stays a noun.
fn possessed_name_before(
    view: &DocView,
    ms: &[Mention],
    s_from: usize,
    ts: usize,
    te: usize,
) -> bool {
    if !view.word(ts).ends_with('s') {
        return false;
    }
    let Some(m) = ms.iter().find(|m| m.tok_end as usize == ts) else {
        return false;
    };
    let start = m.tok_start as usize;
    let possessed = start > s_from + 1
        && view.tokens[start - 1].is_word()
        && view.word(start - 1) == "s"
        && crate::segment::is_apostrophe(view.raw(start - 2));
    let named = m.kind != AliasKind::Demonym
        && (view.gaz.is_type(m.entry, gazetteer::PERSON)
            || view.gaz.is_type(m.entry, gazetteer::ORG));
    let object_next = view.tokens.get(te).is_some_and(|t| {
        t.kind == TokenKind::Number
            || (t.is_word()
                && (matches!(view.word(te), "the" | "a" | "an")
                    || view.raw(te).starts_with(char::is_uppercase)))
    });
    possessed && named && object_next
}

/// Does a number token read as a year (four digits from 1900 to 2099)?
fn is_year(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && (raw.starts_with("19") || raw.starts_with("20"))
}

/// The comma that closes a phrase opening the sentence at `s_from` with a
/// word of `openers` (`CONCESSIVE_OPENERS`: "Despite protests in Moscow,
/// …"), if it comes before token `to`.
pub(crate) fn concession_comma(
    view: &DocView,
    openers: &WordSet,
    s_from: usize,
    to: usize,
) -> Option<usize> {
    let first = (s_from..to).find(|&k| view.tokens[k].is_word())?;
    if !openers.contains(view.word(first)) {
        return None;
    }
    (first..to).find(|&k| view.raw(k) == ",")
}

/// For a verb right after "and to" ("urged Israel to keep the crossing open
/// and to allow aid in"), the verb of the infinitive before it in its
/// sentence: the first word after the nearest earlier "to", at most 24
/// tokens back, with no barrier (";") between.
fn coordinated_infinitive(view: &DocView, s_from: usize, ts: usize) -> Option<usize> {
    if ts < s_from + 3
        || !view.tokens[ts - 1].is_word()
        || view.word(ts - 1) != "to"
        || !view.tokens[ts - 2].is_word()
        || view.word(ts - 2) != "and"
    {
        return None;
    }
    (ts.saturating_sub(24).max(s_from)..ts - 2)
        .rev()
        .take_while(|&k| view.raw(k) != ";")
        .find(|&k| view.tokens[k].is_word() && view.word(k) == "to" && view.tokens[k + 1].is_word())
        .map(|k| k + 1)
}

/// Is the token at `k` a word of `set`?
fn word_in(view: &DocView, k: usize, set: &WordSet) -> bool {
    view.tokens
        .get(k)
        .is_some_and(|t| t.is_word() && set.contains(view.word(k)))
}

/// Is the token at `k` a hyphen glued to a following word ("-owned"), or
/// an en dash between two names ("Kinshasa–M23 talks", as a hyphen would
/// join them)?
fn starts_compound(view: &DocView, k: usize) -> bool {
    view.tokens.get(k).is_some_and(|t| {
        t.kind == TokenKind::Punct
            && !t.space_before
            && matches!(view.raw(k), "-" | "\u{2010}" | "\u{2011}" | "\u{2013}")
    }) && view
        .tokens
        .get(k + 1)
        .is_some_and(|t| t.is_word() && !t.space_before)
}

/// Does one of the phrases end at word token `k` (not reaching before `lo`)?
/// Inlined: the rules ask at every word of every context window, and most
/// asks end at the sketch test of [`PhraseSet::ending_with`].
#[inline(always)]
fn ends_at(view: &DocView, set: &PhraseSet, k: usize, lo: usize) -> bool {
    let phrases = set.ending_with(view.word(k));
    if phrases.is_empty() || k < lo {
        return false;
    }
    if !view.tokens[k].is_word() {
        return phrases.iter().any(|p| match_backward(view, k, p, lo));
    }
    // The phrases were looked up by the word at `k`, so their last word is
    // that word: only the words before it are compared (none, for the
    // one-word cues that most lists hold).
    phrases.iter().any(|p| match p.split_last() {
        Some((_, [])) => true,
        Some((_, rest)) => k > lo && match_backward(view, k - 1, rest, lo),
        None => false,
    })
}

/// The country whose possessive or demonym introduces the filler `f` of
/// slot `from` ("Russia's Kursk region", "the Ukrainian city of Dnipro"),
/// as a filler of slot `to` (a rule's `possessor TO of FROM`).
fn possessor_role<'r>(
    view: &DocView,
    lex: &Lexicon,
    at: &At,
    rule: &'r Rule,
    to: &'r Arc<str>,
    from: &Arc<str>,
    f: &Filled,
) -> Option<Filled<'r>> {
    let ms = at.place.ms;
    let local = (f.mention as usize).checked_sub(at.place.m_from)?;
    let slot = rule.slots.iter().find(|s| Arc::ptr_eq(&s.name, from))?;
    if f.unlisted != u32::MAX {
        return None;
    }
    // A sea is no state's: "struck two tankers off Turkey's Black Sea
    // coast" hit nothing of Turkey's.
    if view.gaz.has_subtype(ms[local].entry, "sea") {
        return None;
    }
    let direct = local
        .checked_sub(1)
        .filter(|&holder| more_specific(view, lex, ms, holder, slot, true) == Some(local));
    // One step further: a place "in" a region that a possessive
    // introduces, "the village of Dachne in Ukraine's Dnipropetrovsk
    // region" (Ukraine), "the Novoshakhtinsk oil refinery in Russia's
    // Rostov region" (Russia): "in" right before the state, at most three
    // words before it.
    let chained = || {
        let holder = local + 1;
        let (m, h) = (&ms[local], ms.get(holder)?);
        let (from, to) = (m.tok_end as usize, h.tok_start as usize);
        let words = (from..to).filter(|&k| view.tokens[k].is_word()).count();
        let in_before = to > from && view.tokens[to - 1].is_word() && view.word(to - 1) == "in";
        let clean = (from..to).all(|k| view.tokens[k].is_word() || view.raw(k) == ",");
        (in_before
            && clean
            && words <= 4
            && more_specific(view, lex, ms, holder, slot, true) == Some(holder + 1))
        .then_some(holder)
    };
    // Or the filler itself, a state's possessive before the kind of place
    // it holds, unnamed: "overran eastern DRC's two major cities" (the
    // state is both where and whom), or before what it owns that an attack
    // hits ("enrichment facilities at Iran's key nuclear site").
    let own = || {
        let k = ms[local].tok_end as usize;
        let possessive = k + 1 < view.tokens.len()
            && crate::segment::is_apostrophe(view.raw(k))
            && view.word(k + 1) == "s";
        let kind = |t: usize| {
            let w = view.word(t);
            let places = &lex.place_nouns;
            places.contains(w)
                || lex.struck_assets.contains(w)
                || w.strip_suffix("ies")
                    .is_some_and(|stem| places.contains(&format!("{stem}y")))
                || w.strip_suffix('s')
                    .is_some_and(|stem| places.contains(stem))
        };
        (possessive
            && (k + 2..(k + 7).min(view.tokens.len()))
                .take_while(|&t| {
                    view.tokens[t].is_word() && !view.raw(t).starts_with(char::is_uppercase)
                })
                .any(kind))
        .then_some(local)
    };
    let holder = direct.or_else(chained).or_else(own)?;
    let h = &ms[holder];
    if !view.gaz.is_state(h.entry) {
        return None;
    }
    Some(Filled {
        slot: to,
        entry: Some(h.entry),
        mention: (at.place.m_from + holder) as u32,
        group: u16::MAX,
        unlisted: u32::MAX,
        start: h.start,
        end: h.end,
    })
}

/// Is `word` a title, or the plural of one ("Sinaloa cartel leaders
/// Ismael Zambada and Ovidio Guzman": the people the title names)?
fn is_title(titles: &WordSet, word: &str) -> bool {
    titles.contains(word)
        || word
            .strip_suffix('s')
            .is_some_and(|one| one.len() > 2 && titles.contains(one))
}

/// A mention that the filler `ms[mi]` introduces: after a possessive
/// ("Russia's Kursk region") or a demonym ("Israeli Prime Minister Benjamin
/// Netanyahu"), with at most two words between, of a type the slot accepts
/// and not itself a demonym. A comma may stand between when the word
/// before it is a kind of place ("the Omani capital, Muscat").
fn more_specific(
    view: &DocView,
    lex: &Lexicon,
    ms: &[Mention],
    mi: usize,
    slot: &Slot,
    across_prepositions: bool,
) -> Option<usize> {
    let place_nouns = &lex.place_nouns;
    let m = &ms[mi];
    let next = ms.get(mi + 1)?;
    if next.kind == AliasKind::Demonym || !slot.types.contains(&view.gaz.etype_of(next.entry)) {
        return None;
    }
    let mut k = m.tok_end as usize;
    if m.kind != AliasKind::Demonym {
        // Needs a possessive: ' or ’ then "s", or after a plural name the
        // apostrophe alone ("the Houthis' spokesman Mohammed Abdulsalam").
        let apostrophe = k + 1 < view.tokens.len()
            && crate::segment::is_apostrophe(view.raw(k))
            && view.word(k + 1) == "s";
        let plural_apostrophe = k < view.tokens.len()
            && k > 0
            && crate::segment::is_apostrophe(view.raw(k))
            && view.raw(k - 1).ends_with('s');
        // "Rakhine state's Kyauktaw township": the kind of place, then the
        // possessive.
        let kind_apostrophe = k + 2 < view.tokens.len()
            && view.tokens[k].is_word()
            && place_nouns.contains(view.word(k))
            && crate::segment::is_apostrophe(view.raw(k + 1))
            && view.word(k + 2) == "s";
        if apostrophe {
            k += 2;
        } else if kind_apostrophe {
            k += 3;
        } else if plural_apostrophe {
            k += 1;
        } else if place_noun_of(view, place_nouns, k, next.tok_start as usize)
            || (next.tok_start as usize == k && view.gaz.has_subtype(next.entry, "facility"))
        {
            // (And a state's name right before a facility is whose it is:
            // "at the U.S. Al-Udeid Air Base".)
            k = next.tok_start as usize;
        } else {
            return None;
        }
    }
    let to = next.tok_start as usize;
    if to < k {
        return None;
    }
    // "to Venezuela's borders after Washington deployed…": a subordinator
    // between ends the phrase ("Iran's embassy in Damascus" goes on).
    // Nor does "and" join it ("Myanmar's military and the MNDAA agreed":
    // two parties, not the MNDAA of Myanmar).
    if (k..to).any(|t| {
        view.tokens[t].is_word()
            && (lex.syntax.subordinators.contains(view.word(t))
                || matches!(view.word(t), "and" | "or"))
    }) {
        return None;
    }
    // "Israeli jets hit Syria's ministry": a verb between ends the phrase.
    let verb_between = (k..to).any(|t| {
        view.tokens[t].is_word() && {
            let w = view.word(t);
            lex.syntax.auxiliaries.contains(w)
                || lex.syntax.irregular_past.contains(w)
                || (w.len() > 4 && w.ends_with("ed") && !matches!(w, "armed" | "based" | "united"))
        }
    });
    if verb_between {
        return None;
    }
    let between = (k..to).filter(|&t| view.tokens[t].is_word()).count();
    let puncts: Vec<usize> = (k..to).filter(|&t| !view.tokens[t].is_word()).collect();
    let apposition = match puncts.as_slice() {
        [] => true,
        // "capital , Muscat": the comma right before the name, a kind of
        // place right before the comma.
        [c] => {
            *c + 1 == to
                && *c > k
                && matches!(view.raw(*c), "," | "\u{2014}" | "\u{2013}")
                && ((view.raw(*c) == "," && place_nouns.contains(view.word(*c - 1)))
                    // "Russia's two biggest oil companies, Rosneft and
                    // Lukoil": a state's organisation described in lower
                    // case, then named (or between dashes: "Ecuador's most
                    // powerful gangs — Los Lobos and Los Choneros —").
                    || (view.gaz.is_state(m.entry)
                        && m.kind != AliasKind::Demonym
                        && view.gaz.is_type(next.entry, gazetteer::ORG)
                        && *c - k <= 5
                        && lower_case_description(view, lex, k, *c)))
        }
        _ => false,
    };
    // "attacked by Israeli settlers near Hebron", "Pakistan's retaliation
    // against India": a preposition between ends the phrase that a
    // `party` slot's filler names; only "of" after a kind of place
    // continues it ("the Ukrainian city of Dnipro"). (For a place, or for
    // `possessor`, what a name holds may stand elsewhere: "Iran's embassy
    // in Damascus", "killed 30 Palestinians across the Gaza Strip".)
    let prepositional = !across_prepositions
        && (k..to).any(|t| {
            view.tokens[t].is_word()
                && lex.syntax.prepositions.contains(view.word(t))
                && !(t > k && place_nouns.contains(view.word(t - 1)))
        });
    let described = || {
        m.kind != AliasKind::Demonym
            && !view.gaz.is_type(next.entry, gazetteer::PLACE)
            && lower_case_description(view, lex, k, to)
    };
    // "Syria's defence ministry headquarters in central Damascus": for a
    // place, a longer lower-case phrase may stand between a state and a
    // place inside it.
    let inside = || {
        across_prepositions
            && between <= 6
            && view.gaz.is_state(m.entry)
            && view.gaz.is_type(next.entry, gazetteer::PLACE)
            && (view.gaz.country_of(next.entry) == Some(m.entry)
                || view.gaz.stands_for_of(next.entry) == Some(m.entry))
            && (k..to)
                .all(|t| view.tokens[t].is_word() && !view.raw(t).starts_with(char::is_uppercase))
    };
    let org_apposed = puncts.len() == 1 && view.gaz.is_type(next.entry, gazetteer::ORG);
    // "a Rwandan army officer, Col. Jean-Bosco Habimana": a person
    // described in lower case after a state's demonym or possessive, then
    // named after a comma (titles and their dots may stand before the
    // name). The description ends in a title ("officer", "commander").
    let person_apposed = || {
        let Some(&c) = puncts.first() else {
            return false;
        };
        let words_before = (k..c).filter(|&t| view.tokens[t].is_word()).count();
        view.raw(c) == ","
            && view.gaz.is_state(m.entry)
            && view.gaz.is_type(next.entry, gazetteer::PERSON)
            && (1..=4).contains(&words_before)
            && view.tokens[c - 1].is_word()
            && is_title(&lex.syntax.titles, view.word(c - 1))
            && lower_case_description(view, lex, k, c)
            && (c + 1..to).all(|t| {
                if view.tokens[t].is_word() {
                    is_title(&lex.syntax.titles, view.word(t))
                } else {
                    view.raw(t) == "."
                }
            })
    };
    if !prepositional && person_apposed() {
        return Some(mi + 1);
    }
    (apposition
        && !prepositional
        && (between <= 2
            || (between == 3 && described())
            || (puncts.is_empty() && inside())
            || (org_apposed && between <= 5)))
        .then_some(mi + 1)
}

/// Do the words of `k..to` describe, in lower case and without a
/// preposition, the organisation or person a possessive introduces
/// ("Venezuela's state oil company PDVSA")? Such a description may be one
/// word longer than a title; after a demonym it may not ("North Korean
/// troops deploying to Kursk" is no name of Kursk).
fn lower_case_description(view: &DocView, lex: &Lexicon, k: usize, to: usize) -> bool {
    (k..to).all(|t| {
        !view.tokens[t].is_word()
            || (!view.raw(t).starts_with(char::is_uppercase)
                && !lex.syntax.prepositions.contains(view.word(t)))
    })
}

/// Do the tokens `k..to` read "region town of", one or two kinds of place
/// and "of", so that the name after them lies inside the one before ("the
/// Amhara region town of Bahir Dar", "the Kursk region village of Sudzha")?
fn place_noun_of(view: &DocView, place_nouns: &WordSet, k: usize, to: usize) -> bool {
    let n = to.saturating_sub(k);
    (2..=3).contains(&n)
        && (k..to).all(|t| view.tokens[t].is_word())
        && view.word(to - 1) == "of"
        && (k..to - 1).all(|t| place_nouns.contains(view.word(t)))
}

/// How many tokens after a state the place inside it that narrows a
/// location may start.
const NARROW_WINDOW: u32 = 12;

/// Is a name that may stand for a state (a capital) named here as an area:
/// before a kind of place ("the Kyiv region"), or first of a list of names
/// that one ends ("the Kyiv, Odesa and Dnipropetrovsk regions")?
fn named_as_area(view: &DocView, place_nouns: &WordSet, m: &Mention) -> bool {
    let first = m.tok_end as usize;
    let end = (first + NARROW_WINDOW as usize).min(view.tokens.len());
    let mut listed = false;
    for k in first..end {
        let is_word = view.tokens[k].is_word();
        let w = if is_word { view.word(k) } else { view.raw(k) };
        if is_word
            && (place_nouns.contains(w)
                || w.strip_suffix('s').is_some_and(|w| place_nouns.contains(w)))
        {
            return k == first || listed;
        }
        match w {
            "," | "and" | "or" => listed = true,
            _ if is_word && view.raw(k).starts_with(char::is_uppercase) => {}
            _ => return false,
        }
    }
    false
}

/// The most specific place, as the guidelines want the location: a state
/// as the location gives way to a place inside it named shortly after
/// ("downed over the country overnight, including 25 in the southern
/// Rostov region": Rostov). A capital that stands for its state ("a
/// conflict with Moscow") is not a place here, unless it is named as an
/// area ([`named_as_area`]). A sea gives way to the place that a kind of
/// place and "of" name right after it ("Ukraine's Black Sea port of
/// Odesa": Odesa). A state that only owns the base where forces go gives
/// way to the place of the base ("to the U.S. military base on the island
/// of Diego Garcia": Diego Garcia), wherever that is.
fn narrow_location(view: &DocView, lex: &Lexicon, at: &At, roles: &mut [Filled]) {
    let place_nouns = &lex.place_nouns;
    let Some(r) = roles.iter_mut().find(|r| &**r.slot == "location") else {
        return;
    };
    let ms = at.place.ms;
    let Some(local) = (r.mention as usize).checked_sub(at.place.m_from) else {
        return;
    };
    // The filler becomes the mention `j` of the sentence.
    let take = |r: &mut Filled, j: usize| {
        let m = &ms[j];
        r.entry = Some(m.entry);
        r.mention = (at.place.m_from + j) as u32;
        r.group = u16::MAX;
        r.unlisted = m.unlisted;
        r.start = m.start;
        r.end = m.end;
    };
    if r.entry.is_some_and(|e| view.gaz.has_subtype(e, "sea")) {
        let sea_end = ms[local].tok_end as usize;
        if ms.get(local + 1).is_some_and(|m| {
            m.kind == AliasKind::Name
                && view.gaz.is_type(m.entry, gazetteer::PLACE)
                && place_noun_of(view, place_nouns, sea_end, m.tok_start as usize)
        }) {
            take(r, local + 1);
        }
        return;
    }
    let Some(state) = r.entry.filter(|&e| view.gaz.is_state(e)) else {
        return;
    };
    if let Some(j) = holding_place(view, lex, ms, local) {
        take(r, j);
        return;
    }
    // A capital after a preposition of place is the city, not its
    // government: "airstrikes on Syrian military sites, including in
    // Damascus".
    // Not past a comma, unless it opens the list of places ("…, including
    // in Damascus"): in "deployed troops to Belarus, the ministry in Minsk
    // said" Minsk is where the ministry sits.
    let placed = |m: &Mention| {
        let k = m.tok_start as usize;
        k > 0
            && view.tokens[k - 1].is_word()
            && matches!(
                view.word(k - 1),
                "in" | "near" | "at" | "outside" | "around"
            )
            && (ms[local].tok_end as usize..k).all(|c| {
                view.raw(c) != ","
                    || (c + 1 < k
                        && matches!(
                            view.word(c + 1),
                            "including" | "notably" | "especially" | "particularly" | "mainly"
                        ))
            })
    };
    // The place right before "in" and the state ("tanks heading toward
    // Sweida in southern Syria"): inside it.
    let before = local.checked_sub(1).filter(|&j| {
        let m = &ms[j];
        let (end, to) = (m.tok_end as usize, ms[local].tok_start as usize);
        end < to
            && view.word(end) == "in"
            && (end + 1..to).all(|k| view.tokens[k].is_word() && lex.compass.contains(view.word(k)))
            && m.kind == AliasKind::Name
            && m.unlisted == u32::MAX
            && view.gaz.stands_for_of(m.entry).is_none()
            && view.gaz.country_of(m.entry) == Some(state)
            && view.gaz.is_type(m.entry, gazetteer::PLACE)
    });
    if let Some(j) = before {
        take(r, j);
        return;
    }
    // A place set before its state by a comma, as datelines and addresses
    // write it ("sent a delegation to Jeddah, Saudi Arabia"): the place.
    let apposed = local.checked_sub(1).filter(|&j| {
        let m = &ms[j];
        let (end, to) = (m.tok_end as usize, ms[local].tok_start as usize);
        end + 1 == to
            && view.raw(end) == ","
            && m.kind == AliasKind::Name
            && m.unlisted == u32::MAX
            && view.gaz.country_of(m.entry) == Some(state)
            && view.gaz.is_type(m.entry, gazetteer::PLACE)
            && !view.gaz.is_state(m.entry)
    });
    if let Some(j) = apposed {
        take(r, j);
        return;
    }
    let near = ms[local].tok_end + NARROW_WINDOW;
    let inner = ms.iter().enumerate().skip(local + 1).find(|(_, m)| {
        m.tok_start <= near
            && m.kind == AliasKind::Name
            && (view.gaz.stands_for_of(m.entry).is_none()
                || named_as_area(view, place_nouns, m)
                || placed(m))
            && m.unlisted == u32::MAX
            && !view.gaz.is_generic(m.entry)
            && view.gaz.country_of(m.entry) == Some(state)
            && view.gaz.is_type(m.entry, gazetteer::PLACE)
    });
    if let Some((j, _)) = inner {
        take(r, j);
    }
}

/// The place of a holding that the state `ms[local]` owns: the state, up
/// to two lower-case words and a word of `HOLDINGS`, then "in", "on" or
/// "at", perhaps "the island of", and a place named right there ("the US
/// air base at Incirlik", "the U.S. military base on the island of Diego
/// Garcia").
fn holding_place(view: &DocView, lex: &Lexicon, ms: &[Mention], local: usize) -> Option<usize> {
    let next = local + 1;
    let m = ms.get(next)?;
    if m.kind != AliasKind::Name || !view.gaz.is_type(m.entry, gazetteer::PLACE) {
        return None;
    }
    let (from, to) = (ms[local].tok_end as usize, m.tok_start as usize);
    if to <= from
        || !(from..to)
            .all(|k| view.tokens[k].is_word() && !view.raw(k).starts_with(char::is_uppercase))
    {
        return None;
    }
    let at = (from..to).find(|&k| matches!(view.word(k), "in" | "on" | "at"))?;
    let holding = (from + 1..=from + 3).contains(&at) && lex.holdings.contains(view.word(at - 1));
    let named = match to - (at + 1) {
        0 => true,
        3 => {
            view.word(at + 1) == "the"
                && lex.place_nouns.contains(view.word(at + 2))
                && view.word(at + 3) == "of"
        }
        _ => false,
    };
    (holding && named).then_some(next)
}

/// A location the trigger's clause gives by a relative "where" (a word of
/// `PLACE_RELATIVES`): "tanks to
/// Lithuania, where a German brigade is stationed" (Lithuania), "Kharkiv,
/// where Russian missiles hit a hospital" (Kharkiv). Only when the rule's
/// location slot found nothing, the place stands right before ", where",
/// and no comma lies between "where" and the trigger (the trigger is in
/// that clause, not in a later one).
fn where_location<'r>(
    view: &DocView,
    lex: &Lexicon,
    rule: &'r Rule,
    at: &At,
    roles: &mut Vec<Filled<'r>>,
) {
    /// How far before the trigger "where" may stand.
    const WHERE_WINDOW: usize = 12;
    let Some(slot) = rule.slots.iter().find(|s| &*s.name == "location") else {
        return;
    };
    if roles.iter().any(|r| Arc::ptr_eq(r.slot, &slot.name))
        || !slot.types.contains(&gazetteer::PLACE)
    {
        return;
    }
    let lo = at.ts.saturating_sub(WHERE_WINDOW).max(at.s_from + 2);
    let Some(w) = (lo..at.ts)
        .rev()
        .take_while(|&k| view.raw(k) != ",")
        .find(|&k| word_in(view, k, &lex.place_relatives))
    else {
        return;
    };
    if view.raw(w - 1) != "," {
        return;
    }
    // The place may be followed by its kind: "in Mozambique's Cabo Delgado
    // province, where…".
    let mut end = w - 1;
    if end > at.s_from
        && view.tokens[end - 1].is_word()
        && lex.place_nouns.contains(view.word(end - 1))
    {
        end -= 1;
    }
    let ms = at.place.ms;
    let Some(j) = ms
        .iter()
        .position(|m| m.tok_end as usize == w - 1 || m.tok_end as usize == end)
    else {
        return;
    };
    let m = &ms[j];
    if m.unlisted != u32::MAX
        || view.gaz.is_generic(m.entry)
        || !view.gaz.is_type(m.entry, gazetteer::PLACE)
        || roles
            .iter()
            .any(|r| r.mention as usize == at.place.m_from + j)
    {
        return;
    }
    roles.push(Filled {
        slot: &slot.name,
        entry: Some(m.entry),
        mention: (at.place.m_from + j) as u32,
        group: u16::MAX,
        unlisted: u32::MAX,
        start: m.start,
        end: m.end,
    });
}

/// Is group `g` who reports clause `c` or a clause that encloses it ("the
/// Kremlin said [the sanctions were illegal]")?
fn reports(syn: &Parse, c: u16, g: u16) -> bool {
    let mut cc = c;
    loop {
        let clause = &syn.clauses[cc as usize];
        if clause.reporter == Some(g) {
            return true;
        }
        if clause.parent == cc {
            return false;
        }
        cc = clause.parent;
    }
}

/// How many tokens between the trigger (`ts..te`) and the filler `f` are
/// the full stops of abbreviations and the letters they join ("U.S." is
/// four tokens): a window counts such a name as one word, so "talks between
/// the U.S. and the Taliban" reach the Taliban as "talks between Washington
/// and the Taliban" do. Read only for a filler past the window.
fn abbreviation_dots(view: &DocView, ts: usize, te: usize, f: &Filler) -> usize {
    let (lo, hi) = if (f.tok_end as usize) <= ts {
        (f.tok_end as usize, ts)
    } else {
        (te, f.tok_start as usize)
    };
    (lo.max(1)..hi)
        .filter(|&k| !view.tokens[k].space_before && (view.raw(k) == "." || view.raw(k - 1) == "."))
        .count()
}

/// How many tokens the names between the trigger and a filler take beyond
/// one each: a place's or weapon's window counts a name as one word, so a
/// long name ("National Advanced Surface-to-Air Missile System") does not
/// push the place after it ("to Poland") out of reach. (Parties keep the
/// plain count: a wider reach there finds a demonym before the person it
/// qualifies.)
fn name_inner_tokens(ms: &[Mention], ts: usize, te: usize, f: &Filler) -> usize {
    let (lo, hi) = if (f.tok_end as usize) <= ts {
        (f.tok_end as usize, ts)
    } else {
        (te, f.tok_start as usize)
    };
    ms.iter()
        .filter(|m| m.tok_start as usize >= lo && m.tok_end as usize <= hi)
        .map(|m| (m.tok_end.saturating_sub(m.tok_start) as usize).saturating_sub(1))
        .sum()
}

/// Is a cue phrase within `gap` tokens before `at`, ending no earlier than
/// `lo`?
///
/// A day or month named between the cue and `at` is the cue's own object,
/// so the cue does not reach `at`: "On Tuesday the United States urged…"
/// does not put anything "on" the United States.
fn cue_before(view: &DocView, cues: &PhraseSet, at: usize, gap: u32, lo: usize) -> bool {
    let from = at.saturating_sub(gap as usize + 1).max(lo);
    let mut dated = false;
    for k in (from..at).rev() {
        if !view.tokens[k].is_word() {
            continue;
        }
        if ends_at(view, cues, k, lo) && !counting_at(view, k, at) {
            return !dated;
        }
        dated |= is_calendar_name(view.raw(k));
    }
    false
}

/// Is the word a day or month name as written in full ("Tuesday",
/// "March")? (Full names only: chrono also reads "Sun" and "Wed".)
fn is_calendar_name(raw: &str) -> bool {
    raw.starts_with(char::is_uppercase)
        && (raw.parse::<chrono::Month>().is_ok_and(|m| m.name() == raw)
            || (raw.len() >= 6 && raw.parse::<chrono::Weekday>().is_ok()))
}

/// Does the mention open its sentence, after words only, with a comma
/// right after it ("In Khartoum, …", "Near the port city of Tartus, …")?
fn opens_sentence(view: &DocView, s_from: usize, m: &Mention) -> bool {
    let (start, end) = (m.tok_start as usize, m.tok_end as usize);
    start >= s_from
        && (s_from..start).all(|k| view.tokens[k].is_word())
        && view.tokens.get(end).is_some_and(|t| !t.is_word())
        && view.raw(end) == ","
}

/// Are the two words before `k` (within the sentence from `s_from`) a
/// word of `first` and then `word`: "open to", "authorities in"?
fn pair_before(view: &DocView, s_from: usize, k: usize, word: &str, first: &WordSet) -> bool {
    k >= s_from + 2
        && view.tokens[k - 1].is_word()
        && view.word(k - 1) == word
        && view.tokens[k - 2].is_word()
        && first.contains(view.word(k - 2))
}

/// Is the word at `k` the "at" of "at least" / "at most" (before `to`)?
/// A count, not a place: "blocked at least two Ukrainian requests".
fn counting_at(view: &DocView, k: usize, to: usize) -> bool {
    k + 1 < to && view.word(k) == "at" && matches!(view.word(k + 1), "least" | "most")
}

fn context_holds(
    view: &DocView,
    c: &Context,
    s_from: usize,
    s_to: usize,
    ts: usize,
    te: usize,
) -> bool {
    let before = || {
        let lo = ts.saturating_sub(c.window as usize).max(s_from);
        (lo..ts).any(|k| view.tokens[k].is_word() && ends_at(view, &c.phrases, k, s_from))
    };
    let after = || {
        let hi = (te + c.window as usize).min(s_to);
        (te..hi).any(|k| view.tokens[k].is_word() && ends_at(view, &c.phrases, k, te))
    };
    match c.direction {
        Direction::Before => before(),
        Direction::After => after(),
        Direction::Around => before() || after(),
    }
}

/// Do two role values name the same participant? Equal, or a person or an
/// organ of government and the state it serves ("Joe Biden" and "United
/// States", "State Duma" and "Russia"), or, within one
/// sentence, either is a generic class ("a drone and missile attack"; in
/// different sentences, shells and missiles are different shipments).
fn compatible(gaz: &Gazetteer, a: &Role, b: &Role, same_sentence: bool) -> bool {
    if a.value == b.value {
        return true;
    }
    // A legislature's act and a person's are two acts, though both serve
    // one state ("the parliament adopted the law", then "Zelensky signed
    // it").
    let house_and_person = |r: &Role, q: &Role| {
        r.organ
            .is_some_and(|o| gaz.entry(o).has_attribute("subtype", Some("legislature")))
            && q.entry.is_some_and(|e| is_person(gaz, e))
    };
    if house_and_person(a, b) || house_and_person(b, a) {
        return false;
    }
    match (a.entry, b.entry) {
        (Some(x), Some(y)) => {
            (same_sentence && (gaz.is_generic(x) || gaz.is_generic(y)))
                || (speaks_for(gaz, x) && gaz.country_of(x) == Some(y))
                || (speaks_for(gaz, y) && gaz.country_of(y) == Some(x))
        }
        _ => false,
    }
}

/// Can the entry's acts be reported as its state's: a person, or an organ
/// of government that acts as itself ("the State Duma voted…", then
/// "Russia's ratification" is the same act)?
fn speaks_for(gaz: &Gazetteer, entry: u32) -> bool {
    is_person(gaz, entry)
        || gaz
            .entry(entry)
            .attributes
            .iter()
            .any(|(k, v)| k == "subtype" && matches!(v.as_str(), "legislature" | "government"))
}

/// Folds together two noun mentions of one campaign in a sentence: same
/// type, modality and actor, the location of one inside the other's, and
/// no role of either at odds with the other's ("India's strikes on
/// Bahawalpur marked the deepest Indian attacks inside Pakistan": one
/// ATTACK, in Bahawalpur, target Pakistan). The narrower event keeps its
/// place and takes the roles only the wider one has.
fn merge_narrowing_nouns(events: &mut Vec<Event>, first: usize, gaz: &Gazetteer) {
    let n = events.len();
    let mut keep = vec![true; n];
    for i in first..n {
        for j in first..n {
            if i == j || !keep[i] || !keep[j] {
                continue;
            }
            let (e, f) = (&events[i], &events[j]);
            if e.sentence != f.sentence
                || e.verb
                || f.verb
                || e.event_type != f.event_type
                || e.modality != f.modality
                || e.role("actor").is_none()
                || e.role("actor") != f.role("actor")
            {
                continue;
            }
            let loc = |x: &Event| x.roles.iter().find(|r| &*r.slot == "location").cloned();
            let (Some(le), Some(lf)) = (loc(e), loc(f)) else {
                continue;
            };
            if !narrows(gaz, &le, &lf) {
                continue;
            }
            let agree = e.roles.iter().all(|r| {
                &*r.slot == "location"
                    || f.roles
                        .iter()
                        .find(|q| q.slot == r.slot)
                        .is_none_or(|q| compatible(gaz, r, q, true))
            });
            if !agree {
                continue;
            }
            let extra: Vec<Role> = f
                .roles
                .iter()
                .filter(|q| !e.roles.iter().any(|r| r.slot == q.slot))
                .cloned()
                .collect();
            let (lo, hi) = (f.start.min(e.start), f.end.max(e.end));
            let e = &mut events[i];
            e.roles.extend(extra);
            e.start = lo;
            e.end = hi;
            keep[j] = false;
        }
    }
    let mut idx = 0;
    events.retain(|_| {
        let k = idx < first || keep[idx];
        idx += 1;
        k
    });
}

/// Does location `r` name a place inside location `q` ("Pakistani strikes
/// inside Afghanistan… The strikes were carried out in Khost": Khost is in
/// Afghanistan)? A later mention may then make the location more specific.
fn narrows(gaz: &Gazetteer, r: &Role, q: &Role) -> bool {
    &*r.slot == "location"
        && q.slot == r.slot
        && match (r.entry, q.entry) {
            (Some(a), Some(b)) => a != b && gaz.country_of(a) == Some(b),
            _ => false,
        }
}
/// Can the entry act as a party ([`Slot::party`])? Anything but a place,
/// and of places the countries, those that stand for one, and states
/// without recognition (`subtype=de-facto-state`: "Ethiopia's deal with
/// Somaliland").
fn is_party(gaz: &Gazetteer, entry: u32) -> bool {
    !gaz.is_type(entry, gazetteer::PLACE)
        || gaz.stands_for_of(entry).is_some()
        || gaz.is_state(entry)
        || gaz.has_subtype(entry, "de-facto-state")
}

/// Is the entry no place, or a country ([`Slot::countries`])?
/// Does a noun event that no mention gave an actor still stand: one told
/// at a named place below a country, not at sea ("an overnight drone
/// barrage on the regions of Zaporizhzhia and Kharkiv", "the massive
/// airstrike on Kyiv on 4 July")? A country alone is too vague a place
/// for an attack nobody is said to have made ("potential military strikes
/// on Iran").
fn local_attack_noun(gaz: &Gazetteer, e: &Event) -> bool {
    !e.verb
        && e.roles.iter().any(|r| {
            &*r.slot == "location"
                && r.entry
                    .is_some_and(|x| !only_countries(gaz, x) && !gaz.has_subtype(x, "sea"))
        })
}

fn only_countries(gaz: &Gazetteer, entry: u32) -> bool {
    !gaz.is_type(entry, gazetteer::PLACE) || gaz.is_state(entry)
}

/// The weekday a sentence tells its events on ("On Sunday the group
/// struck…", "…fired missiles on Tuesday"), if it names one in full after
/// "on".
fn weekday_told(view: &DocView, sentence: u32) -> Option<chrono::Weekday> {
    let s = view.sentences.get(sentence as usize)?;
    (s.first_token as usize + 1..s.end_token as usize).find_map(|k| {
        let w = view.word(k);
        // Full names only: chrono also reads "sun" and "wed".
        (view.tokens[k].is_word()
            && w.len() >= 6
            && view.tokens[k - 1].is_word()
            && view.word(k - 1) == "on")
            .then(|| w.parse().ok())
            .flatten()
    })
}

/// Does the sentence tell an earlier time than the text's own: "last
/// Friday", "last week", "earlier this month", or a year before the latest
/// year the text names ("joined the convention in 2011" in a text that
/// speaks of 2025)?
fn earlier_time_told(view: &DocView, sentence: u32) -> bool {
    let Some(s) = view.sentences.get(sentence as usize) else {
        return false;
    };
    let year = |k: usize| {
        let t = &view.tokens[k];
        (t.kind == crate::segment::TokenKind::Number)
            .then(|| view.raw(k).parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..2100).contains(y))
    };
    let (from, to) = (s.first_token as usize, s.end_token as usize);
    (from..to.saturating_sub(1)).any(|k| {
        if !view.tokens[k].is_word() || !view.tokens[k + 1].is_word() {
            return false;
        }
        let next = view.word(k + 1);
        match view.word(k) {
            "last" => {
                matches!(next, "week" | "month" | "year") || is_calendar_name(view.raw(k + 1))
            }
            "earlier" => matches!(next, "this"),
            "in" | "since" => year(k + 1)
                .is_some_and(|y| (0..view.tokens.len()).any(|j| year(j).is_some_and(|z| z > y))),
            _ => false,
        }
    })
}

/// Does the word end in a plural -s ("talks", "strikes"; not "access")?
fn is_plural_s(word: &str) -> bool {
    word.ends_with('s') && !word.ends_with("ss")
}

/// Is the token a quotation mark?
fn is_quote(raw: &str) -> bool {
    matches!(
        raw,
        "\"" | "'" | "\u{201C}" | "\u{201D}" | "\u{2018}" | "\u{2019}"
    )
}

/// Is `written` the weapon `canonical` with a variant suffix glued on:
/// one to three capital letters and at most one digit after the last
/// character of the name ("J-10CE" of J-10, "Su-30MK2" of Su-30,
/// "Pantsir-S1" of Pantsir)? Not a plural ("F-16s") nor another
/// spelling.
fn is_variant_of(written: &str, canonical: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (w, c) = (key(written), key(canonical));
    if c.is_empty() || !w.starts_with(&c) || w.len() == c.len() {
        return false;
    }
    // The suffix as written: the last characters of `written` that the
    // canonical name does not hold.
    let extra = w.len() - c.len();
    let tail: Vec<char> = written.chars().filter(|c| c.is_alphanumeric()).collect();
    let suffix = &tail[tail.len().saturating_sub(extra)..];
    let letters = suffix.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = suffix.len() - letters;
    (1..=3).contains(&letters) && digits <= 1 && suffix[letters..].iter().all(char::is_ascii_digit)
}

/// The state a listed named warship sails for: its `origin` code, for a
/// row of `class=ship` ("USS Nimitz": United States).
fn ship_operator(gaz: &Gazetteer, entry: u32) -> Option<u32> {
    let e = gaz.entry(entry);
    if !e.has_attribute("class", Some("ship")) {
        return None;
    }
    let code = e
        .attributes
        .iter()
        .find(|(k, _)| k == "origin")
        .map(|(_, v)| v)?;
    gaz.state_by_iso2(code)
}

fn is_person(gaz: &Gazetteer, entry: u32) -> bool {
    gaz.is_type(entry, gazetteer::PERSON)
}

/// How many tokens after a trigger an `own` line looks for "its
/// airspace".
const OWN_WINDOW: usize = 16;

/// Is an event mention one of its own ([`RuleSet::distinct_mention`])?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Distinct {
    No,
    /// "another strike": never merged.
    Always,
    /// "a drone incursion": not merged with the events of other sentences.
    OtherSentence,
}

/// How many words before a trigger a word of the `DISTINCT` list makes
/// it an event of its own.
const DISTINCT_REACH: usize = 3;

/// How many words before a trigger a word of `DENIED_ACTS` makes the
/// event a denial ("denied carrying out the attack").
const DENIAL_REACH: usize = 4;

/// Drops a denial (`denied[k]` for `events[first + k]`) of an event the
/// text asserts: guideline §3, "a denial by one party of an event that the
/// passage itself asserts is not a separate annotation". The denial goes
/// when an asserted event of its type holds every role it has ("Myanmar's
/// junta carried out air strikes on Sagaing… The junta denied targeting
/// civilians"); a denial with a role of its own (another place, another
/// weapon) stays.
fn drop_denials(events: &mut Vec<Event>, first: usize, gaz: &Gazetteer, denied: &[bool]) {
    let n = events.len();
    let asserted_holds = |e: &Event| {
        events[first..n].iter().any(|f| {
            f.event_type == e.event_type
                && &*f.modality == "asserted"
                && e.roles.iter().all(|r| {
                    f.roles
                        .iter()
                        .any(|q| q.slot == r.slot && compatible(gaz, r, q, false))
                })
        })
    };
    let drop: Vec<bool> = (first..n)
        .map(|i| denied[i - first] && asserted_holds(&events[i]))
        .collect();
    let mut idx = 0;
    events.retain(|_| {
        let k = idx < first || !drop[idx - first];
        idx += 1;
        k
    });
}

/// Why a draft that missed its `require` is kept aside.
#[derive(Clone, Copy)]
enum Aside {
    /// A definite mention: it may only complete an earlier event.
    Definite,
    /// A `claimable` event with no actor: it stands if a claim names one.
    Orphan,
    /// An event with its actor that misses a `require`: it stands if a
    /// later mention completes it.
    Stub,
    /// A two-sided event's noun with no party: another mention of the
    /// talks told before it (`echo_parties`).
    Echo,
}

/// The `evex explain` line for a draft kept aside.
fn aside_line(view: &DocView, si: usize, d: &Draft, rule: &Rule, why: Aside) -> String {
    let head = format!(
        "sentence {si}, trigger {:?}: rule `{}` ({})",
        &view.text[d.trigger_start as usize..d.trigger_end as usize],
        rule.id,
        rule.origin
    );
    match why {
        Aside::Definite => format!(
            "{head} misses its `require`; as a definite mention it may only complete an earlier {} event",
            rule.event_type
        ),
        Aside::Orphan => format!(
            "{head} has no actor; it stands only if a mention in the next {COMPLETE_REACH} sentences names one (\"… claimed the attack\")"
        ),
        Aside::Stub => format!(
            "{head} misses its `require`; it stands only if a later mention completes it (\"The strikes hit Tyre\")"
        ),
        Aside::Echo => format!(
            "{head} names no party; it stands, with the parties of the {} told before it, only when its modality, place or time differs from theirs (\"the planned summit was called off\", \"earlier talks in Doha\")",
            rule.event_type
        ),
    }
}

/// Does a `claimable` rule's `require` fail only for want of an actor,
/// with a target or location found (an orphan, see `complete_events`)?
fn lacks_only_actor(rule: &Rule, roles: &[Filled]) -> bool {
    let has = |name: &str| roles.iter().any(|r| &**r.slot == name);
    rule.claimable
        && (has("target") || has("location"))
        && rule
            .requires
            .iter()
            .all(|alt| alt.iter().any(|name| has(name)) || (alt.len() == 1 && &*alt[0] == "actor"))
}

/// How many sentences apart two mentions of one event may be completed
/// from each other.
const COMPLETE_REACH: u32 = 2;

/// How many sentences back a definite mention ("The
/// deployment will take place in Somalia") may find the event it names.
const DEFINITE_REACH: u32 = 6;

/// Two-sided events told again by their noun alone: "Trump and Putin met
/// in Alaska… the meeting ended without a formal agreement", "…had wrapped
/// up talks. A deal to normalise ties would be a major breakthrough". The
/// guidelines give such a mention the parties of the talks it names again,
/// and it is an event of its own when it says something new of them: a
/// summit called off, a deal only hoped for. So an echo (a noun of a
/// `symmetric` type that found no party; a place it keeps) takes the actor and target
/// of the events of its type told in the [`DEFINITE_REACH`] sentences
/// before its own (none in its own), when they all name the same two parties;
/// it stands only when its modality differs from every one of theirs, or it
/// is told at another place or an earlier time (else it adds nothing and is
/// dropped). With two pairs of parties before it,
/// or none, nobody can tell whose talks it names.
fn echo_parties(
    view: &DocView,
    out: &mut Vec<Event>,
    first: usize,
    echoes: Vec<Event>,
    mut trace: Option<&mut Vec<String>>,
) {
    if echoes.is_empty() {
        return;
    }
    let mut added = false;
    for mut echo in echoes {
        // Another noun of talks told in the same sentence is part of that
        // mention ("are set to meet in Istanbul for a new round of peace
        // talks"), whose modality it does not have.
        if out[first..]
            .iter()
            .any(|e| e.event_type == echo.event_type && e.sentence == echo.sentence)
        {
            continue;
        }
        let before = |e: &&Event| {
            e.event_type == echo.event_type
                && e.sentence < echo.sentence
                && e.sentence + DEFINITE_REACH >= echo.sentence
        };
        let mut pair: Option<(&Role, &Role)> = None;
        let mut same_pair = true;
        let mut modalities: Vec<&str> = Vec::new();
        for e in out[first..].iter().filter(before) {
            let (Some(a), Some(t)) = (
                e.roles.iter().find(|r| &*r.slot == "actor"),
                e.roles.iter().find(|r| &*r.slot == "target"),
            ) else {
                continue;
            };
            match pair {
                None => pair = Some((a, t)),
                Some((pa, pt)) => {
                    let same = (pa.value == a.value && pt.value == t.value)
                        || (pa.value == t.value && pt.value == a.value);
                    same_pair &= same;
                }
            }
            modalities.push(&e.modality);
        }
        let Some((actor, target)) = pair.filter(|_| same_pair) else {
            continue;
        };
        // Talks held elsewhere, or at an earlier time, are other talks of
        // the same parties: "the ceasefire agreed during earlier talks in
        // Doha" after the talks in Istanbul.
        let elsewhere = echo.role("location").is_some_and(|p| {
            out[first..]
                .iter()
                .filter(before)
                .all(|e| e.role("location").is_some_and(|q| q != p))
        });
        if modalities.iter().any(|m| **m == *echo.modality)
            && !elsewhere
            && !earlier_time_told(view, echo.sentence)
        {
            // Not an event of its own, but it may tell where the talks
            // are: "Talks are happening in Doha".
            place_from_echo(view, out, first, &echo, trace.as_deref_mut());
            continue;
        }
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}, trigger {:?}: the {} names no party; as another mention ({}) of the talks told before, it takes actor {} and target {}",
                echo.sentence,
                &view.text[echo.trigger_start as usize..echo.trigger_end as usize],
                echo.event_type,
                echo.modality,
                actor.value,
                target.value
            ));
        }
        echo.roles.push(actor.clone());
        echo.roles.push(target.clone());
        out.push(echo);
        added = true;
    }
    if added {
        out[first..].sort_by_key(|e| e.trigger_start);
    }
}

/// An echo of talks told before, with their modality, that names a place
/// ("Israeli officials said a ceasefire deal with Hamas is possible… Talks
/// are happening in Doha"): the place is where the nearest of those talks,
/// with that modality, are held, when they have no place yet or only the
/// country the echo's place lies in.
fn place_from_echo(
    view: &DocView,
    out: &mut [Event],
    first: usize,
    echo: &Event,
    trace: Option<&mut Vec<String>>,
) {
    let Some(place) = echo.roles.iter().find(|r| &*r.slot == "location") else {
        return;
    };
    let Some(j) = (first..out.len()).rev().find(|&j| {
        let e = &out[j];
        e.event_type == echo.event_type
            && e.modality == echo.modality
            && e.sentence < echo.sentence
            && e.sentence + DEFINITE_REACH >= echo.sentence
    }) else {
        return;
    };
    let e = &mut out[j];
    match e.roles.iter().position(|r| &*r.slot == "location") {
        None => e.roles.push(place.clone()),
        Some(k) if narrows(view.gaz, place, &e.roles[k]) => e.roles[k] = place.clone(),
        Some(_) => return,
    }
    if let Some(t) = trace {
        t.push(format!(
            "sentence {}, trigger {:?}: the {} names no party and adds nothing but its place, {}, to the talks told before (sentence {})",
            echo.sentence,
            &view.text[echo.trigger_start as usize..echo.trigger_end as usize],
            echo.event_type,
            place.value,
            e.sentence
        ));
    }
}

/// How many sentences after an event a retelling of it may stand
/// ([`place_from_retelling`]).
const RETELLING_REACH: u32 = 2;

/// An event told again with its place: "Australia and Nauru have signed
/// the Nauru-Australia Treaty. Prime Minister Anthony Albanese and the
/// President of Nauru signed the Treaty in Canberra this week." The second
/// mention misses its `require` (a stub that no later mention completes,
/// so it is dropped), but it names where the first happened. A stub with a
/// place and an actor gives that place to the nearest event of its type
/// told at most [`RETELLING_REACH`] sentences before it that has an actor
/// and no place, when the two actors are one party (the same entry, or a
/// person and the state whose official he is); for a two-sided event
/// (`symmetric`) the stub's actor may be the other side.
fn place_from_retelling(
    view: &DocView,
    out: &mut [Event],
    first: usize,
    stubs: &[(u32, usize)],
    symmetric: impl Fn(&str) -> bool,
    mut trace: Option<&mut Vec<String>>,
) {
    let gaz = view.gaz;
    let party_in = |e: &Event, slot: &str| {
        let r = e.roles.iter().find(|r| &*r.slot == slot)?;
        let entry = r.entry?;
        Some(gaz.country_of(entry).unwrap_or(entry))
    };
    let is_stub = |e: &Event| {
        stubs
            .iter()
            .any(|&(t, n)| t == e.trigger_start && e.roles.len() <= n)
    };
    for i in first..out.len() {
        if !is_stub(&out[i]) {
            continue;
        }
        let Some(place) = out[i]
            .roles
            .iter()
            .find(|r| &*r.slot == "location")
            .cloned()
        else {
            continue;
        };
        let Some(who) = party_in(&out[i], "actor") else {
            continue;
        };
        let (sentence, event_type) = (out[i].sentence, out[i].event_type.clone());
        let Some(j) = (first..i).rev().find(|&j| {
            let e = &out[j];
            e.event_type == event_type
                && e.sentence < sentence
                && sentence - e.sentence <= RETELLING_REACH
                && !is_stub(e)
        }) else {
            continue;
        };
        let e = &mut out[j];
        let one_party = party_in(e, "actor") == Some(who)
            || (symmetric(&e.event_type) && party_in(e, "target") == Some(who));
        if e.role("location").is_some() || !one_party {
            continue;
        }
        if let Some(t) = trace.as_deref_mut() {
            t.push(format!(
                "sentence {}: the {} told again in sentence {} took place in {} (retelling)",
                e.sentence, e.event_type, sentence, place.value
            ));
        }
        e.roles.push(place);
    }
}

/// Agreements told without their parties: "the rebels have broken a
/// ceasefire agreed in Kunming in January", "the MNDAA withdrew under a
/// ceasefire agreed in Kunming". The guidelines fill such roles from the
/// context. An actorless NEGOTIATION (an `orphan`, which no later mention
/// gave an actor) takes the actor, and the target when it has none, of the
/// nearest earlier NEGOTIATION that has both: the talks told before. With
/// none, the two sides are the two parties named last before it in its
/// sentence, the nearer one the actor ("Myanmar's military moved back into
/// Lashio after the MNDAA withdrew under a ceasefire agreed…": MNDAA and
/// Myanmar). Its own roles (the place) stay, so it is still an event of
/// its own; the borrowed roles keep the offsets of the words that named
/// the parties.
fn parties_from_context(
    view: &DocView,
    go_betweens: &WordSet,
    out: &mut [Event],
    first: usize,
    orphan: &[bool],
    mut trace: Option<&mut Vec<String>>,
) {
    const NEGOTIATION: &str = "NEGOTIATION";
    for i in first..out.len() {
        if !actorless_orphan(out, first, orphan, i, NEGOTIATION) {
            continue;
        }
        let e = &out[i];
        let has_parties = |j: usize| {
            let d = &out[j];
            &*d.event_type == NEGOTIATION
                && !orphan.get(j - first).copied().unwrap_or(false)
                && d.role("actor").is_some()
                && d.role("target").is_some()
        };
        // The talks told before; else, when the text opens with the
        // agreement ("Next round of talks scheduled in Istanbul"), the
        // talks told right after it.
        let borrowed = |j: usize| {
            let role = |slot: &str| out[j].roles.iter().find(|r| &*r.slot == slot).cloned();
            (role("actor"), role("target"))
        };
        let mut earlier = (first..i).rev().find(|&j| has_parties(j));
        let (mut actor, mut target) = match earlier {
            Some(j) => borrowed(j),
            None => sentence_parties(view, go_betweens, &out[i]),
        };
        if actor.is_none() {
            earlier = (i + 1..out.len())
                .take_while(|&j| out[j].sentence <= e.sentence + COMPLETE_REACH)
                .find(|&j| has_parties(j));
            if let Some(j) = earlier {
                (actor, target) = borrowed(j);
            }
        }
        let Some(actor) = actor else {
            continue;
        };
        // A party already named as the other side is not the actor too.
        if out[i].role("target") == Some(&*actor.value) {
            continue;
        }
        let target = target.filter(|_| out[i].role("target").is_none());
        if let Some(t) = trace.as_deref_mut() {
            let e = &out[i];
            t.push(format!(
                "sentence {}, trigger {:?}: the NEGOTIATION names no party; it takes actor {}{} from {}",
                e.sentence,
                &view.text[e.trigger_start as usize..e.trigger_end as usize],
                actor.value,
                target
                    .as_ref()
                    .map(|t| format!(" and target {}", t.value))
                    .unwrap_or_default(),
                match earlier {
                    Some(j) if j < i => {
                        format!("the talks told before it (sentence {})", out[j].sentence)
                    }
                    Some(j) => format!("the talks told after it (sentence {})", out[j].sentence),
                    None => "the two parties named last before it in its sentence".to_string(),
                },
            ));
        }
        let e = &mut out[i];
        e.roles.push(actor);
        e.roles.extend(target);
    }
}

/// Is `out[i]` an orphan of type `event_type` (see [`Aside::Orphan`]) that
/// still has no actor: one whose parties the context may tell?
fn actorless_orphan(
    out: &[Event],
    first: usize,
    orphan: &[bool],
    i: usize,
    event_type: &str,
) -> bool {
    orphan.get(i - first).copied().unwrap_or(false)
        && &*out[i].event_type == event_type
        && out[i].role("actor").is_none()
}

/// An act told without its actor right after an act of its type with one
/// ("The US struck Fordow with bunker-busters. Thirty Tomahawk missiles
/// were fired against other nuclear sites"): the guidelines fill the actor
/// from the context, and the narrative's actor is the one just named. An
/// orphan ATTACK (one that no claim gave an actor) told at a place below a
/// country, other than the place of the nearest earlier ATTACK with an
/// actor, told in its own sentence or the one before and of the same
/// modality, takes that actor, unless its place lies in that actor's
/// own country ("Israel struck Iran. Missiles hit Tel Aviv": the other
/// side's answer) or it names that actor as its target.
fn actor_from_context(
    view: &DocView,
    out: &mut [Event],
    first: usize,
    orphan: &[bool],
    mut trace: Option<&mut Vec<String>>,
) {
    const ATTACK: &str = "ATTACK";
    for i in first..out.len() {
        if !actorless_orphan(out, first, orphan, i, ATTACK) {
            continue;
        }
        let e = &out[i];
        let Some(j) = (first..i).rev().find(|&j| {
            let f = &out[j];
            &*f.event_type == ATTACK
                && f.modality == e.modality
                && e.sentence.saturating_sub(f.sentence) <= 1
                && !orphan.get(j - first).copied().unwrap_or(false)
                && f.role("actor").is_some()
        }) else {
            continue;
        };
        let Some(actor) = out[j].roles.iter().find(|r| &*r.slot == "actor").cloned() else {
            continue;
        };
        // Only a strike told at a place of its own, below a country: at
        // the same place, or only in a country, it is most often the act
        // told before, said again.
        let place = out[i].roles.iter().find(|r| &*r.slot == "location");
        if !place.is_some_and(|p| {
            p.entry.is_some_and(|x| !only_countries(view.gaz, x))
                && out[j].role("location") != Some(&*p.value)
        }) {
            continue;
        }
        let own = |r: &Role| {
            r.value == actor.value
                || r.entry.is_some_and(|x| {
                    actor
                        .entry
                        .is_some_and(|a| view.gaz.country_of(x) == Some(a) || x == a)
                })
        };
        if out[i]
            .roles
            .iter()
            .any(|r| matches!(&*r.slot, "location" | "target") && own(r))
        {
            continue;
        }
        // The side attacked too, when the place lies in it ("…struck Iran.
        // Strikes hit Natanz").
        let target = out[j]
            .roles
            .iter()
            .find(|r| &*r.slot == "target")
            .filter(|t| {
                out[i].role("target").is_none()
                    && place.is_some_and(|p| {
                        p.entry
                            .is_some_and(|x| t.entry.is_some() && view.gaz.country_of(x) == t.entry)
                    })
            })
            .cloned();
        if let Some(t) = trace.as_deref_mut() {
            let e = &out[i];
            t.push(format!(
                "sentence {}, trigger {:?}: the ATTACK names no actor; it takes {}{} from the attack told before it (sentence {})",
                e.sentence,
                &view.text[e.trigger_start as usize..e.trigger_end as usize],
                actor.value,
                target
                    .as_ref()
                    .map(|t| format!(" and target {}", t.value))
                    .unwrap_or_default(),
                out[j].sentence
            ));
        }
        out[i].roles.push(actor);
        out[i].roles.extend(target);
    }
}

/// Is the name ending at byte `end` glued by a hyphen to one of
/// `go_betweens` (`GO_BETWEENS`), which makes it a go-between, not a side:
/// "a US-mediated peace agreement", "the Qatari-brokered truce"? (The
/// guidelines: mediators are not parties.)
fn mediator_compound(text: &str, go_betweens: &WordSet, end: u32) -> bool {
    let Some(rest) = text[end as usize..].strip_prefix('-') else {
        return false;
    };
    let word = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    go_betweens.contains(&word.to_lowercase())
}

/// The two parties named last before an event's trigger in its sentence,
/// as states where they stand for one: (actor, target), the nearer first,
/// unless "and" alone joins them; a go-between ([`mediator_compound`]) is
/// none.
fn sentence_parties(
    view: &DocView,
    go_betweens: &WordSet,
    e: &Event,
) -> (Option<Role>, Option<Role>) {
    let gaz = view.gaz;
    let mut found: Vec<Role> = Vec::with_capacity(2);
    for m in view.mentions.iter().rev() {
        if m.sentence > e.sentence || m.end > e.trigger_start {
            continue;
        }
        if m.sentence < e.sentence || found.len() == 2 {
            break;
        }
        if m.unlisted != u32::MAX
            || !is_party(gaz, m.entry)
            || gaz.is_type(m.entry, gazetteer::WEAPON)
            || mediator_compound(view.text, go_betweens, m.end)
        {
            continue;
        }
        let entry = gaz.stands_for_of(m.entry).unwrap_or(m.entry);
        if found.iter().any(|r| r.entry == Some(entry)) {
            continue;
        }
        let slot = if found.is_empty() { "actor" } else { "target" };
        found.push(Role::of_entry(gaz, slot.into(), entry, m.start, m.end));
    }
    // One party alone makes no agreement.
    if found.len() < 2 {
        return (None, None);
    }
    // Two parties joined by "and" are told in their order: "Azerbaijan
    // and Armenia renounced war, enshrining it in a declaration signed…"
    // has actor Azerbaijan.
    let (near, far) = (&found[0], &found[1]);
    let between = &view.text[far.end as usize..near.start as usize];
    if between.trim() == "and" {
        found.swap(0, 1);
        found[0].slot = "actor".into();
        found[1].slot = "target".into();
    }
    let target = found.pop();
    (found.pop(), target)
}

/// Completes an event from a later mention of it: same type and modality,
/// the same actor, no role in conflict, within [`COMPLETE_REACH`]
/// sentences. The later mention's extra roles move to the first (keeping
/// their own offsets) and the later mention is dropped; the guidelines'
/// "one annotation per event, other slots filled from the other mentions".
/// `definite[k]` says whether `events[first + k]` is a definite noun
/// mention (see `definite_mention`): one with no actor completes the
/// nearest earlier event of its type within [`DEFINITE_REACH`] sentences,
/// whatever its modality ("Egypt will deploy troops… The deployment will
/// take place in Somalia"); one with an actor completes that actor's event
/// within the same reach ("The Pakistani strikes were carried out in
/// Khost"). A `pending[k]` event (a definite mention that missed its
/// rule's `require`) only completes others, and nothing completes it. An
/// `orphan[k]` event (one that lacks only its actor) completes nothing
/// and is completed only by a definite mention that names the actor. A
/// `stub[k]` event (one with its actor that missed its `require`)
/// completes nothing; a later mention may complete it. A `gerund[k]`
/// event (an "-ing" trigger: "accused Thai forces of shelling villages")
/// completes only an event of its own sentence, unless it is definite; nor
/// does an event told on another weekday than the one before (`day[k]`,
/// see [`weekday_told`]), unless it is a definite noun ("The strikes on
/// Sunday hit Tyre").
#[allow(clippy::too_many_arguments)]
fn complete_events(
    events: &mut Vec<Event>,
    first: usize,
    gaz: &Gazetteer,
    definite: &[bool],
    distinct: &[bool],
    pending: &[bool],
    orphan: &[bool],
    stub: &[bool],
    gerund: &[bool],
    day: &[Option<chrono::Weekday>],
) {
    let n = events.len();
    let mut keep = vec![true; n];
    let is_stub = |j: usize| stub.get(j - first).copied().unwrap_or(false);
    let gerund_at = |j: usize| gerund.get(j - first).copied().unwrap_or(false);
    let day_at = |j: usize| day.get(j - first).copied().flatten();
    for i in first + 1..n {
        if distinct.get(i - first).copied().unwrap_or(false)
            || orphan.get(i - first).copied().unwrap_or(false)
            || stub.get(i - first).copied().unwrap_or(false)
        {
            continue;
        }
        let is_definite = definite.get(i - first).copied().unwrap_or(false);
        let anaphor = is_definite && events[i].role("actor").is_none();
        // A definite mention with its actor ("The Pakistani strikes were
        // carried out in Khost") names that actor's event told before.
        let reach = if is_definite {
            DEFINITE_REACH
        } else {
            COMPLETE_REACH
        };
        // A definite mention with an actor may name the actor of the
        // nearest earlier event of its type, told without one: "Militants
        // stormed a base in Djibo… JNIM said it carried out the attack".
        // Only a group or a person claims so; a state that speaks of "the
        // attack" ("Ukraine said the attack killed five") is most often
        // the one attacked.
        let claimant = events[i].roles.iter().any(|r| {
            &*r.slot == "actor" && r.entry.is_some_and(|e| !gaz.is_type(e, gazetteer::PLACE))
        });
        let claimed = (is_definite && claimant)
            .then(|| {
                (first..i).rev().find(|&j| {
                    keep[j]
                        && !is_stub(j)
                        && events[j].event_type == events[i].event_type
                        && events[i].sentence.saturating_sub(events[j].sentence) <= reach
                })
            })
            .flatten();
        // Events are in text order: look back only over the reach. Stubs
        // come second (`stubs`): a definite mention names an event that
        // stands before one that missed its `require` ("Israel struck Iran.
        // Iran vowed retaliation. The strikes hit Isfahan"), and completes
        // a stub only from a later sentence ("The strikes targeted…");
        // another event that names a stub again is the clearer mention and
        // stands by itself.
        let search = |stubs: bool| {
            (first..i)
                .rev()
                .take_while(|&j| events[i].sentence.saturating_sub(events[j].sentence) <= reach)
                .filter(|&j| !anaphor || events[j].event_type == events[i].event_type)
                .filter(|&j| {
                    if stubs {
                        is_stub(j)
                            && events[i].sentence > events[j].sentence
                            && events[i].sentence - events[j].sentence <= COMPLETE_REACH
                    } else {
                        !is_stub(j)
                    }
                })
                .take(if anaphor { 1 } else { usize::MAX })
                .find(|&j| {
                    let (f, e) = (&events[j], &events[i]);
                    keep[j]
                        && !pending.get(j - first).copied().unwrap_or(false)
                        && e.event_type == f.event_type
                        && (is_definite || e.sentence == f.sentence || !gerund_at(i))
                        // "…they had sunk the Eternity C… On Sunday the
                        // group struck the Magic Seas": another day, another
                        // attack.
                        && ((is_definite && !e.verb)
                            || !matches!((day_at(i), day_at(j)), (Some(a), Some(b)) if a != b))
                        && (is_definite || e.modality == f.modality)
                        && match (f.role("actor"), e.role("actor")) {
                            (Some(a), Some(b)) => a == b,
                            (Some(_), None) => anaphor || e.sentence - f.sentence <= 1,
                            // "A bomb struck a market in Mogadishu. Al-Shabaab
                            // claimed the attack": the claim names who did the
                            // nearest such event told without its actor; one
                            // that stands only if claimed (`orphan`) must be
                            // within two sentences of the claim.
                            (None, Some(_)) => {
                                claimed == Some(j)
                                    && (!orphan.get(j - first).copied().unwrap_or(false)
                                        || e.sentence - f.sentence <= COMPLETE_REACH)
                            }
                            _ => false,
                        }
                        && e.roles.iter().any(|r| {
                            f.role(&r.slot).is_none() || f.roles.iter().any(|q| narrows(gaz, r, q))
                        })
                        && e.roles.iter().all(|r| {
                            f.roles.iter().all(|q| {
                                q.slot != r.slot
                                    || compatible(gaz, r, q, e.sentence == f.sentence)
                                    || narrows(gaz, r, q)
                            })
                        })
                })
        };
        // Only where no standing event of its type is told within the
        // reach: "…despite the strikes" after strikes elsewhere names
        // those, not a stub.
        let standing = (first..i)
            .rev()
            .take_while(|&j| events[i].sentence.saturating_sub(events[j].sentence) <= reach)
            .any(|j| keep[j] && !is_stub(j) && events[j].event_type == events[i].event_type);
        let j =
            search(false).or_else(|| (is_definite && !standing).then(|| search(true)).flatten());
        if let Some(j) = j {
            let later = std::mem::take(&mut events[i].roles);
            for r in later {
                let f = &mut events[j];
                match f.roles.iter().position(|q| q.slot == r.slot) {
                    // A party is never on both sides: "accused Bangkok of
                    // breaching the accord" adds no target Thailand to
                    // Thailand's truce.
                    None if other_side(f, &r) => {}
                    None => f.roles.push(r),
                    Some(k) if narrows(gaz, &r, &f.roles[k]) => f.roles[k] = r,
                    Some(_) => {}
                }
            }
            keep[i] = false;
        }
    }
    let mut idx = 0;
    events.retain(|_| {
        let k = idx < first || keep[idx];
        idx += 1;
        k
    });
}

/// For `evex explain` (`tracing`): each event's sentence, trigger offsets
/// and rule, to tell afterwards which events a step removed.
fn traced_triggers(events: &[Event], tracing: bool) -> Vec<(u32, u32, u32, u32)> {
    if !tracing {
        return Vec::new();
    }
    events
        .iter()
        .map(|e| (e.sentence, e.trigger_start, e.trigger_end, e.rule))
        .collect()
}

/// Folds an event told without its actor into the next or previous
/// sentence's event of the same type and modality that has one, when the
/// two share a named filler and no role of one is at odds with the
/// other's: "The first F-16 jets should be delivered to Ukraine by summer.
/// … Denmark would deliver the first F-16s" is one transfer, by Denmark to
/// Ukraine (GUIDELINES §3: one annotation per event, its slots filled from
/// every mention). The event with the actor takes the other's roles.
fn merge_complements(
    events: &mut Vec<Event>,
    first: usize,
    gaz: &Gazetteer,
    distinct: impl Fn(&Event) -> bool,
) {
    let mut i = first;
    while i < events.len() {
        let e = &events[i];
        // "It announced further sanctions": an event of its own.
        if e.role("actor").is_some() || e.roles.is_empty() || distinct(e) {
            i += 1;
            continue;
        }
        let fits = |f: &Event| {
            f.event_type == e.event_type
                && f.modality == e.modality
                && f.role("actor").is_some()
                && f.sentence.abs_diff(e.sentence) == 1
                && e.roles.iter().all(|r| {
                    f.roles
                        .iter()
                        .filter(|q| q.slot == r.slot)
                        .all(|q| compatible(gaz, r, q, false))
                })
                && e.roles.iter().any(|r| {
                    r.entry.is_some_and(|x| !gaz.is_generic(x))
                        && f.roles
                            .iter()
                            .any(|q| q.slot == r.slot && q.value == r.value)
                })
        };
        let lo = i.saturating_sub(MERGE_REACH).max(first);
        let hi = (i + MERGE_REACH).min(events.len());
        let Some(j) = (lo..hi).find(|&j| j != i && fits(&events[j])) else {
            i += 1;
            continue;
        };
        let e = events.remove(i);
        let j = if j > i { j - 1 } else { j };
        for r in e.roles {
            if events[j].role(&r.slot).is_none() {
                events[j].roles.push(r);
            }
        }
    }
}

/// Folds together two events of one type and modality whose triggers
/// overlap ("eight possible arms sales to Taiwan": "arms sales" and
/// "sales" are one mention, whatever quantity each rule read). The event
/// with more roles, else the longer trigger, stays and takes the roles
/// only the other has.
fn merge_overlapping_triggers(events: &mut Vec<Event>, first: usize) {
    let mut i = first;
    while i + 1 < events.len() {
        let j = i + 1;
        let (e, f) = (&events[i], &events[j]);
        let overlap = e.trigger_start < f.trigger_end && f.trigger_start < e.trigger_end;
        if !(overlap && e.event_type == f.event_type && e.modality == f.modality) {
            i += 1;
            continue;
        }
        let len = |x: &Event| x.trigger_end - x.trigger_start;
        let keep_e = (e.roles.len(), len(e)) >= (f.roles.len(), len(f));
        let (kept, gone) = if keep_e { (i, j) } else { (j, i) };
        let gone = events.remove(gone);
        let kept = if kept > i { kept - 1 } else { kept };
        for r in gone.roles {
            if events[kept].role(&r.slot).is_none() {
                events[kept].roles.push(r);
            }
        }
    }
}

/// Does role `r` (an actor or a target) name the party that already holds
/// the other side of `e`?
fn other_side(e: &Event, r: &Role) -> bool {
    let other = match &*r.slot {
        "actor" => "target",
        "target" => "actor",
        _ => return false,
    };
    e.role(other) == Some(&*r.value)
}

/// Drops events whose roles are all found in another event of the same type
/// and modality in the same document (a later, vaguer mention). A pair
/// whose later event is a distinct mention (`distinct[k]` for
/// `events[first + k]`: "a separate approval") stays apart.
fn merge_events(
    events: &mut Vec<Event>,
    first: usize,
    gaz: &Gazetteer,
    distinct: &[Distinct],
    symmetric: impl Fn(&str) -> bool,
    separate: impl Fn(&Event, &Event) -> bool,
) {
    let n = events.len();
    let mut keep = vec![true; n];
    let is_distinct = |i: usize, j: usize| match distinct.get(i.max(j) - first) {
        Some(Distinct::Always) => true,
        Some(Distinct::OtherSentence) => events[i].sentence != events[j].sentence,
        _ => false,
    };
    for i in first..n {
        for j in i.saturating_sub(MERGE_REACH).max(first)..(i + MERGE_REACH).min(n) {
            if i == j || !keep[j] || is_distinct(i, j) || separate(&events[i], &events[j]) {
                continue;
            }
            let (e, f) = (&events[i], &events[j]);
            if e.event_type != f.event_type || e.modality != f.modality {
                continue;
            }
            let same_sentence = e.sentence == f.sentence;
            let within = |swap: bool| {
                e.roles.iter().all(|r| {
                    let slot = match (swap, &*r.slot) {
                        (true, "actor") => "target",
                        (true, "target") => "actor",
                        (_, slot) => slot,
                    };
                    f.roles
                        .iter()
                        .any(|q| &*q.slot == slot && compatible(gaz, r, q, same_sentence))
                })
            };
            // "talks between Pakistan and Afghanistan … the two sides
            // agreed a ceasefire" (Afghanistan, Pakistan): one event.
            let subset = within(false) || (symmetric(&e.event_type) && within(true));
            if subset
                && (e.roles.len() < f.roles.len() || (e.roles.len() == f.roles.len() && j < i))
            {
                keep[i] = false;
                break;
            }
        }
    }
    let mut idx = 0;
    events.retain(|_| {
        let k = idx < first || keep[idx];
        idx += 1;
        k
    });
}

#[cfg(test)]
mod tests {
    use super::{is_calendar_name, is_variant_of};

    #[test]
    fn full_day_and_month_names_as_written_are_calendar_names() {
        for w in ["Tuesday", "Sunday", "March", "May", "December"] {
            assert!(is_calendar_name(w), "{w}");
        }
        for w in ["Sun", "Wed", "Mar", "march", "Marches", "Kyiv"] {
            assert!(!is_calendar_name(w), "{w}");
        }
    }

    #[test]
    fn a_glued_suffix_of_capitals_names_a_variant() {
        assert!(is_variant_of("J-10CE", "J-10"));
        assert!(is_variant_of("Su-30MK2", "Su-30"));
        assert!(is_variant_of("Pantsir-S1", "Pantsir"));
        assert!(is_variant_of("FA-50PL", "FA-50"));
        // A plural, the name itself and another spelling are no variants.
        assert!(!is_variant_of("F-16s", "F-16"));
        assert!(!is_variant_of("F-16", "F-16"));
        assert!(!is_variant_of("Type-12", "Type 12"));
        assert!(!is_variant_of("Buk-M2E", "Buk"));
        assert!(!is_variant_of("HIMARS", "M142 HIMARS"));
    }
}
