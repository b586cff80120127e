//! Shallow parsing: clauses, coordinated entity groups, subjects and
//! objects, for the sentences where a trigger fired.
//!
//! Rules that only look at token distances fail on real news: "X said Y
//! attacked Z" makes X the attacker, "the US and Britain supplied…" keeps
//! only Britain, "the US killed an Iranian general in a drone strike" makes
//! Iran the striker. This stage gives the rules the structure they need to
//! tell those apart, without a statistical model: every decision comes from
//! closed-class word lists in the rule files (`rules/syntax.rules`:
//! determiners, prepositions, subordinators, reporting verbs…), the entity
//! mentions already found, and punctuation.
//!
//! What it computes for one sentence ([`Parse`]):
//!
//! * **Clauses.** A sentence is cut into clauses at relative pronouns
//!   ("…, which Russia says…"), subordinators followed by a verb ("after
//!   Kyiv struck…"), complements of reporting verbs ("X said [Y attacked
//!   Z]"), attributions (", the ministry said", "according to X,"),
//!   parentheses, dashes, semicolons and clause-level coordination (", but",
//!   ", and X said"). Each clause knows its parent, the group it is
//!   attached to (the antecedent of a relative pronoun) and who reported it.
//! * **Groups.** Mentions joined by coordination ("the US and Britain",
//!   "India, Kazakhstan and Kyrgyzstan") form one group; each group knows
//!   the preposition that governs it, if any ("in Kharkiv and Sumy").
//! * **Subject and object of a trigger** ([`Parse::subject`],
//!   [`Parse::object`]), computed on demand.
//!
//! The parse is cheap (linear in the sentence) and computed only for
//! sentences where a rule asks for it, so documents without triggers pay
//! nothing.

use crate::gazetteer::{self, AliasKind, Gazetteer};
use crate::resolve::Mention;
use crate::segment::{Sentence, Token, TokenKind};
use crate::words::{PhraseSet, WordSet};

/// The word classes the parser relies on, read from the rule files (lists
/// with fixed names; see `rules/syntax.rules`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntaxLexicon {
    /// "the", "a", "its", "this": may start a noun phrase.
    pub determiners: WordSet,
    /// "in", "on", "against": a noun phrase after one is not a subject or
    /// object.
    pub prepositions: WordSet,
    /// "and", "or": join mentions into a group.
    pub coordinators: WordSet,
    /// "after", "while", "because": start a clause when a verb follows.
    pub subordinators: WordSet,
    /// "which", "who", "whom", "whose", "where": start a relative clause.
    pub relatives: WordSet,
    /// "that": starts a clause after a reporting verb or before a subject.
    pub complementizers: WordSet,
    /// "it", "they", "he", "she": a subject that stands for someone named
    /// elsewhere.
    pub pronouns: WordSet,
    /// "its", "their": a subject they open ("its aircraft struck") stands,
    /// like a pronoun, for someone named elsewhere, unless a preposition
    /// governs them ("in its statement").
    pub possessive_pronouns: WordSet,
    /// "said", "according to": the words of reported speech.
    pub reporting: PhraseSet,
    /// "added", "warned", "told": verbs that report only before "that", a
    /// quotation or a colon, or at the end of a clause (", she added"); else
    /// they take objects ("added 12 firms to the list").
    pub reporting_that: PhraseSet,
    /// Title and role words that may stand between a name and a person
    /// ("Hamas leader Yahya Sinwar").
    pub titles: WordSet,
    /// "is", "was", "has", "will": mark a finite verb group.
    pub auxiliaries: WordSet,
    /// "launched", "carried out", "conducted": verbs whose subject is the
    /// agent of the noun after them ("Israel launched strikes").
    pub light_verbs: WordSet,
    /// "told", "assured": verbs of `REPORTING_THAT` whose addressee may
    /// stand before "that" ("told Zelensky that he…").
    pub telling_verbs: WordSet,
    /// "instead", "then": adverbs that may stand between "and" and a
    /// coordinated verb ("Trump cancelled the summit and instead imposed
    /// sanctions").
    pub verb_adverbs: WordSet,
    /// "granted", "handed": verbs whose first object receives the noun
    /// after it, and whose subject is that noun's agent ("Trump handed
    /// Orban an exemption from sanctions": Trump's exemption).
    pub giving_verbs: WordSet,
    /// "his", "her": possessives that may follow a coordinator before a
    /// titled name ("Anutin and his Cambodian counterpart Hun Manet").
    pub coordinated_possessives: WordSet,
    /// "representatives", "delegations": a clause opened by one of these
    /// and "of" or "from" has the parties after it for its subject
    /// ("Representatives of Congo and M23 signed a declaration").
    pub delegate_heads: WordSet,
    /// "called off", "return to": a verb and its particle that govern a
    /// noun as a light verb does ("called off a summit", "would not return
    /// to negotiations").
    pub particle_verbs: WordSet,
    /// "off", "to": the last words of `particle_verbs`, so that only these
    /// are looked up with the word before them.
    pub particles: WordSet,
    /// ", but", ", while": coordinators that always join clauses after a
    /// comma.
    pub clause_coordinators: WordSet,
    /// "allowed", "urged", "asked": verbs whose object is the subject of
    /// the infinitive after it ("allowed Ukraine to strike"). After any
    /// other verb the infinitive is a purpose ("activated a fund to
    /// supply Taiwan") and its subject is the clause's.
    pub control_verbs: WordSet,
    /// "approval", "commitments", "decision": nouns whose owner, named
    /// right before them, does the infinitive after them ("without US
    /// approval to send Tomahawks": the US sends).
    pub intent_nouns: WordSet,
    /// "help", "let": after them a name and a bare infinitive ("to help
    /// Russia drive Ukrainian forces out"), whose subject the name is.
    pub bare_infinitive_verbs: WordSet,
    /// "escalating", "continuing": after a preposition or a determiner,
    /// adjectives of the noun after them ("amid escalating strikes"), not
    /// light verbs whose subject is the noun's agent.
    pub adjective_participles: WordSet,
    /// "used", "employed": participles that open a reduced relative after
    /// a noun ("drones used in attacks on Kyiv"); an event noun in their
    /// adjunct has no agent in the clause.
    pub reduced_participles: WordSet,
    /// "struck", "hit", "shot": past tenses without "-ed" that make a noun
    /// phrase after a subordinator the subject of a clause ("after a drone
    /// struck the gas field").
    pub irregular_past: WordSet,
    /// "came", "went", "began": irregular past tenses that are no past
    /// participle, so they never open a reduced relative ("Djibo, a town
    /// in northern Burkina Faso, came under attack").
    pub simple_past_only: WordSet,
    /// "includes", "remains": present tenses that are no trigger, after
    /// a noun phrase's head the clause's verb ("said the proposed sale
    /// includes eight systems").
    pub present_verbs: WordSet,
    /// "was", "been", "got" (`PASSIVE_AUX`): before a participle they make
    /// it passive; a gerund after "by" in such a clause is no act of its
    /// subject ("Kyiv was hit by shelling").
    pub passive_aux: WordSet,
    /// "described", "called", "said": after "what" and a name, verbs that
    /// only say who names the object that follows ("struck what the army
    /// described as Hezbollah depots").
    pub naming_verbs: WordSet,
    /// "the claim", "reports": nouns whose "that" opens a complement ("the
    /// claim that Russia…"); after another noun, "that" and a subject open
    /// an object relative clause ("a gang that Washington designated…").
    pub complement_nouns: WordSet,
    /// "more than", "up to", "at least": words before a number that belong
    /// to it ("struck more than 100 Hamas targets": "than" governs nothing).
    pub number_prefixes: PhraseSet,
    /// "government", "army": a state's organ named after the state that
    /// does not end a list ("Ethiopia's federal government and the TPLF").
    pub organ_heads: WordSet,
    /// "officials", "lawmakers": people whose seat "in" names, so a place
    /// after them and "in" is the subject they stand for ("Lawmakers in
    /// Croatia's parliament voted…").
    pub seated: WordSet,
    /// "responsibility", "credit": before "for" and a noun trigger, the
    /// claimant (the verb's subject) is the noun's agent ("JNIM claimed
    /// responsibility for the assault").
    pub claim_nouns: WordSet,
    /// "controlled", "held": after a name and a hyphen, the name still
    /// heads a noun phrase of its own: it holds what the phrase names
    /// ("struck Houthi-controlled depots" hit the Houthis).
    pub controllers: WordSet,
    /// "brokered", "mediated" (`PAIR_MEDIATORS`): glued by a hyphen after a
    /// name before an event noun, they make the name a go-between, not the
    /// noun's agent ("agreed at China-brokered talks").
    pub mediators: WordSet,
}

/// What kind of clause a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    /// The main clause (or one of several joined by ";" or ", but").
    Main,
    /// "…, which Russia says…", "troops who were sent…".
    Relative,
    /// "after Kyiv struck…", "while talks continued…".
    Subordinate,
    /// What a reporting verb reports: "X said [Y attacked Z]".
    Reported,
    /// The reporting part: "…, [the ministry said]", "[according to X],".
    Attribution,
    /// Between parentheses or paired dashes.
    Parenthetical,
}

/// One clause. Clauses may be interrupted (a main clause resumes after a
/// relative clause), so a clause is the set of tokens whose
/// [`Parse::clause_at`] is its index, not a single span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clause {
    pub kind: ClauseKind,
    /// First token.
    pub start: u32,
    /// The enclosing clause (itself for a top-level clause).
    pub parent: u16,
    /// For a relative clause: the group its pronoun stands for.
    pub antecedent: Option<u16>,
    /// Does the relative pronoun itself fill the subject ("which fired")?
    pub subject_gap: bool,
    /// A past participle between commas that interrupts the subject and
    /// its verb ("The package, held up by a Slovak veto, bans…"): what it
    /// names describes the subject and does no act of the verb.
    pub reduced: bool,
    /// Whoever reported this clause ("X said …", "…, according to X").
    pub reporter: Option<u16>,
}

/// Coordinated mentions ("the US and Britain"), or a single mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// Range of [`Parse::members`].
    pub first_member: u16,
    pub end_member: u16,
    pub tok_start: u32,
    pub tok_end: u32,
    /// The preposition governing the group ("in Kharkiv and Sumy"), as a
    /// token index.
    pub prep: Option<u32>,
    /// The group ends in a possessive "'s" ("Russia's Kursk region").
    pub possessive: bool,
    /// The group begins a hyphenated compound ("US-made"): a modifier,
    /// never a subject or object.
    pub compound: bool,
    /// A verb governs the group ("assisting Moscow"): it is an object,
    /// not a subject.
    pub after_verb: bool,
    /// The group is one title that refers to a person told of before
    /// ("president" in "Ukraine's president"; see the reference stage).
    pub person_reference: bool,
    /// The group is one demonym or state name ("the Ukrainian
    /// president", "the US president").
    pub state_word: bool,
}

/// The shallow parse of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Parse {
    /// First token of the sentence; token-indexed tables start here.
    first: u32,
    /// Index of the sentence's first mention in the document's mentions.
    first_mention: u32,
    clause_of: Vec<u16>,
    pub clauses: Vec<Clause>,
    pub groups: Vec<Group>,
    /// Mention indices (document-wide) of each group, in text order.
    pub members: Vec<u32>,
    /// Per mention of the sentence, its group.
    group_of: Vec<u16>,
    /// Scratch: the head mention of each noun phrase (sentence-relative)
    /// and the phrase's first token.
    heads: Vec<(usize, usize)>,
    /// Scratch: the clauses open while the sentence is read, innermost
    /// last, each with what closes it (kept, like `heads`, so that a parse
    /// reused for the next sentence allocates nothing).
    stack: Vec<(u16, Close)>,
}

/// The document as the parser sees it.
pub struct Input<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub tokens: &'a [Token],
    /// All mentions of the document, in text order.
    pub mentions: &'a [Mention],
    /// The gazetteer the mentions point into (for their types).
    pub gaz: &'a Gazetteer,
    /// Is the token a trigger in a verb form? (The rules know; the parser
    /// uses it to tell "after Kyiv struck" from "after the strike".)
    pub verb_trigger: &'a dyn Fn(usize) -> bool,
    /// Is the token a trigger in any form?
    pub trigger: &'a dyn Fn(usize) -> bool,
}

impl Input<'_> {
    fn word(&self, k: usize) -> &str {
        let t = &self.tokens[k];
        &self.folded[t.fstart as usize..t.fend as usize]
    }

    fn raw(&self, k: usize) -> &str {
        let t = &self.tokens[k];
        &self.text[t.start as usize..t.end as usize]
    }

    fn is_word(&self, k: usize) -> bool {
        self.tokens[k].is_word()
    }
}

const NONE: u16 = u16::MAX;

/// Where a subject or object was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A group of the clause itself.
    Group(u16),
    /// The antecedent of a relative pronoun, the reporter of a pronoun
    /// subject, or the subject of a light verb: a group elsewhere.
    Via(u16, &'static str),
}

impl Found {
    pub fn group(self) -> u16 {
        match self {
            Found::Group(g) | Found::Via(g, _) => g,
        }
    }
}

impl Parse {
    /// Parses sentence `s`, whose mentions are `mentions[m_from..m_to]`.
    pub fn build(
        &mut self,
        input: &Input,
        lex: &SyntaxLexicon,
        s: &Sentence,
        (m_from, m_to): (usize, usize),
    ) {
        self.first = s.first_token;
        self.first_mention = m_from as u32;
        self.clauses.clear();
        self.groups.clear();
        self.members.clear();
        self.group_of.clear();
        self.group_of.resize(m_to - m_from, NONE);
        self.clause_of.clear();
        self.clause_of
            .resize((s.end_token - s.first_token) as usize, 0);
        self.build_groups(input, lex, m_from, m_to, s);
        self.build_clauses(input, lex, s);
    }

    /// The clause holding token `k`.
    pub fn clause_at(&self, k: usize) -> u16 {
        self.clause_of
            .get(k.wrapping_sub(self.first as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The group of mention `mi` (a document-wide mention index).
    pub fn group_of(&self, mi: usize) -> Option<u16> {
        self.group_of
            .get(mi.wrapping_sub(self.first_mention as usize))
            .copied()
            .filter(|&g| g != NONE)
    }

    /// The mention indices of group `g`.
    pub fn members_of(&self, g: u16) -> &[u32] {
        let gr = &self.groups[g as usize];
        &self.members[gr.first_member as usize..gr.end_member as usize]
    }

    /// Is clause `inner`, or a clause it is nested in, a reduced relative
    /// ([`Clause::reduced`]) that clause `outer` is not inside?
    pub fn in_reduced(&self, inner: u16, outer: u16) -> bool {
        let mut c = inner;
        loop {
            if c == outer || self.within(outer, c) {
                return false;
            }
            if self.clauses[c as usize].reduced {
                return true;
            }
            let p = self.clauses[c as usize].parent;
            if p == c {
                return false;
            }
            c = p;
        }
    }

    /// Is clause `inner`, or a clause between it and `outer`, a relative
    /// clause whose pronoun is its object ("The package, which Slovakia had
    /// held up for weeks, bans…"), nested inside `outer`? Its subject acts
    /// on the antecedent, not in `outer`.
    pub fn in_object_relative(&self, inner: u16, outer: u16) -> bool {
        let mut c = inner;
        let mut found = false;
        while c != outer {
            let clause = &self.clauses[c as usize];
            found |= clause.kind == ClauseKind::Relative && !clause.subject_gap;
            if clause.parent == c {
                return false;
            }
            c = clause.parent;
        }
        found
    }

    /// Is `inner` the same clause as `outer` or nested inside it?
    pub fn within(&self, inner: u16, outer: u16) -> bool {
        let mut c = inner;
        loop {
            if c == outer {
                return true;
            }
            let p = self.clauses[c as usize].parent;
            if p == c {
                return false;
            }
            c = p;
        }
    }

    fn build_groups(
        &mut self,
        input: &Input,
        lex: &SyntaxLexicon,
        m_from: usize,
        m_to: usize,
        s: &Sentence,
    ) {
        let ms = &input.mentions[m_from..m_to];
        let to = s.end_token as usize;
        // Noun phrases: a name, or a person with the title and the names
        // before it ("Russian Foreign Minister Sergey Lavrov", "US
        // Secretary of State Marco Rubio"): the modifying names belong to
        // the person's phrase, not to groups of their own.
        self.heads.clear();
        let mut k = 0;
        while k < ms.len() {
            let mut np_start = ms[k].tok_start as usize;
            let mut absorbed = k;
            let mut h = k;
            // Is a person named right after this mention and its title?
            while h + 1 < ms.len()
                && !input.gaz.is_type(ms[h].entry, gazetteer::PERSON)
                && titled_between(
                    input,
                    &lex.titles,
                    ms[h].tok_end as usize,
                    ms[h + 1].tok_start as usize,
                )
                && input.gaz.is_type(ms[h + 1].entry, gazetteer::PERSON)
            {
                h += 1;
            }
            if h == k && input.gaz.is_type(ms[k].entry, gazetteer::PERSON) {
                // A title alone before the person ("Foreign Minister X").
                np_start = title_start(input, np_start, s.first_token as usize);
            } else if h > k {
                absorbed = h;
            }
            self.heads.push((h, np_start));
            k = absorbed + 1;
        }
        let mut i = 0;
        while i < self.heads.len() {
            let start = i;
            // Extend over ", B", ", and C", "and D" (a list must end with a
            // coordinator, or it is not a list: "In Kyiv, Russia…").
            let mut j = i;
            let mut last_coordinated = i;
            while j + 1 < self.heads.len() {
                let (a, _) = self.heads[j];
                let (b, b_start) = self.heads[j + 1];
                // "war in Gaza and Israel's offensive": a possessive name
                // starts a noun phrase of its own.
                let possessive_next = is_possessive(input, ms[b].tok_end as usize, to)
                    && !is_possessive(input, ms[a].tok_end as usize, to);
                if possessive_next {
                    break;
                }
                let joined = if crate::reference::is_pair_half(&ms[a], &ms[b]) {
                    Some(true)
                } else {
                    joiner(input, lex, ms[a].tok_end as usize, b_start)
                };
                match joined {
                    // "Russia sent tanks, and the US deployed jets": ", and"
                    // before a finite verb opens a clause (see
                    // `after_comma`); the names are not one list. After a
                    // list ("the US, Britain, and France supplied") it
                    // ends the list, but not after a pair already joined
                    // by "and" ("hit Muzaffarabad and Kotli, and its troops
                    // shelled…": a new clause).
                    Some(true)
                        if (j == i || last_coordinated > i)
                            && opens_clause(input, lex, ms[a].tok_end as usize, b_start, to) =>
                    {
                        break;
                    }
                    Some(true) => {
                        j += 1;
                        last_coordinated = j;
                    }
                    Some(false) => j += 1,
                    None => break,
                }
            }
            // A headline joins two names with a bare comma: "Pakistan,
            // Afghanistan agree to ceasefire". Only at the start of the
            // sentence and right before a verb ("In Kyiv, Russia…" has
            // none; "Russia, the Kremlin said," is no verb after a name).
            if last_coordinated == i
                && j == i + 1
                && self.heads[i].1 == s.first_token as usize
                && verbish(input, lex, ms[self.heads[j].0].tok_end as usize)
            {
                last_coordinated = j;
            }
            let mut end = last_coordinated + 1;
            // "Despite grumblings in Beijing, Anthony Albanese and James
            // Marape have inked a pact": the comma closes a prepositional
            // phrase that opens the sentence, and the names after it, up
            // to a verb, are the subject, not more of a list.
            if end > start + 1
                && opening_adjunct_comma(
                    input,
                    lex,
                    s.first_token as usize,
                    &ms[self.heads[start].0],
                )
                && joiner(
                    input,
                    lex,
                    ms[self.heads[start].0].tok_end as usize,
                    self.heads[start + 1].1,
                ) == Some(false)
                && verbish(input, lex, ms[self.heads[end - 1].0].tok_end as usize)
            {
                end = start + 1;
            }
            let g = self.groups.len() as u16;
            let first_member = self.members.len() as u16;
            // Members are the heads; a modifier absorbed into a head's
            // phrase belongs to its group without being a member.
            let span_from = if start == 0 {
                0
            } else {
                self.heads[start - 1].0 + 1
            };
            for &(h, _) in &self.heads[start..end] {
                self.members.push((m_from + h) as u32);
            }
            let span_to = self.heads[end - 1].0 + 1;
            for slot in &mut self.group_of[span_from..span_to] {
                *slot = g;
            }
            let tok_start = self.heads[start].1 as u32;
            let tok_end = ms[self.heads[end - 1].0].tok_end;
            let gov = governor(input, lex, tok_start as usize, s.first_token as usize);
            let prep = match gov {
                Governor::Prep(p) => Some(p),
                _ => None,
            };
            let possessive = is_possessive(input, tok_end as usize, to);
            // "US-made", "Greek-owned": the name modifies a compound; it is
            // not a noun phrase of its own (but "Houthi-controlled" is).
            let compound = starts_compound(input, tok_end as usize, to)
                && !lex.controllers.contains(input.word(tok_end as usize + 1));
            let single = (end == start + 1).then(|| &ms[self.heads[start].0]);
            let person_reference = single.is_some_and(|m| {
                m.kind == crate::gazetteer::AliasKind::Reference
                    && input.gaz.is_type(m.entry, crate::gazetteer::PERSON)
            });
            let state_word = single.is_some_and(|m| {
                m.kind == crate::gazetteer::AliasKind::Demonym
                    || (m.kind == crate::gazetteer::AliasKind::Name && input.gaz.is_state(m.entry))
            });
            self.groups.push(Group {
                first_member,
                end_member: self.members.len() as u16,
                tok_start,
                tok_end,
                prep,
                after_verb: gov == Governor::Verb,
                possessive,
                compound,
                person_reference,
                state_word,
            });
            i = end;
        }
    }

    fn build_clauses(&mut self, input: &Input, lex: &SyntaxLexicon, s: &Sentence) {
        let (from, to) = (s.first_token as usize, s.end_token as usize);
        self.clauses.push(Clause {
            kind: ClauseKind::Main,
            start: from as u32,
            parent: 0,
            antecedent: None,
            subject_gap: false,
            reduced: false,
            reporter: None,
        });
        // The open clauses, innermost last; each entry: clause index and
        // what closes it.
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        stack.push((0, Close::End));
        let mut k = from;
        while k < to {
            let cur = stack.last().map_or(0, |e| e.0);
            let tok = &input.tokens[k];
            if tok.kind == TokenKind::Punct {
                let p = input.raw(k);
                match p {
                    "(" if let Some(close) = name_in_brackets(input, k, to) => {
                        // "(DRC)", "(RSF)": a short form of the name before
                        // it belongs to that name's phrase, and so to its
                        // clause: "Paul Kagame and his Democratic Republic
                        // of Congo (DRC) counterpart Félix Tshisekedi met".
                        for j in k..=close {
                            self.set(j, cur);
                        }
                        k = close + 1;
                        continue;
                    }
                    "(" | "[" => {
                        let c = self.open(ClauseKind::Parenthetical, k, cur);
                        stack.push((c, Close::Paren));
                        self.set(k, c);
                        k += 1;
                        continue;
                    }
                    ")" | "]" => {
                        self.set(k, cur);
                        while let Some(&(_, close)) = stack.last() {
                            if stack.len() == 1 {
                                break;
                            }
                            stack.pop();
                            if close == Close::Paren {
                                break;
                            }
                        }
                        k += 1;
                        continue;
                    }
                    "\u{2014}" | "\u{2013}" | "-" if tok.space_before => {
                        // A dash: paired, it brackets an aside; alone, it
                        // starts a new clause.
                        if stack.last().is_some_and(|e| e.1 == Close::Dash) {
                            self.set(k, cur);
                            stack.pop();
                        } else {
                            let paired = (k + 1..to).any(|j| {
                                matches!(input.raw(j), "\u{2014}" | "\u{2013}" | "-")
                                    && input.tokens[j].space_before
                            });
                            let kind = if paired {
                                ClauseKind::Parenthetical
                            } else {
                                ClauseKind::Main
                            };
                            let c = self.open(kind, k + 1, if paired { cur } else { 0 });
                            self.set(k, cur);
                            if paired {
                                stack.push((c, Close::Dash));
                            } else {
                                stack.truncate(1);
                                stack[0] = (c, Close::End);
                            }
                        }
                        k += 1;
                        continue;
                    }
                    ";" | ":" => {
                        self.set(k, cur);
                        let c = self.open(ClauseKind::Main, k + 1, NONE);
                        stack.truncate(1);
                        stack[0] = (c, Close::End);
                        k += 1;
                        continue;
                    }
                    "," => {
                        self.set(k, cur);
                        // "in Kharkiv, Ukraine," is an apposition, not a
                        // clause boundary.
                        if self.apposition_after(input, k, to) {
                            k += 1;
                            continue;
                        }
                        // Nor is a comma between names of a list: "in the
                        // Kyiv, Odesa and Dnipropetrovsk regions".
                        if self.list_after_comma(input, k, to) {
                            k += 1;
                            continue;
                        }
                        // A clause opened to run to the next comma ends here;
                        // before an auxiliary, so do the clauses it is in:
                        // "India, which suspended the treaty after an
                        // attack killed 26 people, has ruled out talks"
                        // goes back to "India".
                        // So do they before a verb trigger: "M23, which
                        // Kinshasa says is backed by Rwanda, seized Bukavu"
                        // goes back to "M23".
                        if stack.len() > 1 && stack.last().is_some_and(|e| e.1 == Close::Comma) {
                            stack.pop();
                            let aux_next = k + 1 < to
                                && input.is_word(k + 1)
                                && (lex.auxiliaries.contains(input.word(k + 1))
                                    || ((input.verb_trigger)(k + 1)
                                        && !starts_upper(input, k + 1)));
                            while stack.len() > 1
                                && stack.last().is_some_and(|e| {
                                    e.1 == Close::Comma
                                        && (aux_next || self.clauses[e.0 as usize].reduced)
                                })
                            {
                                stack.pop();
                            }
                        }
                        let next = stack.last().map_or(0, |e| e.0);
                        if let Some((c, close)) = self.after_comma(input, lex, k, to, next) {
                            stack.push((c, close));
                        }
                        k += 1;
                        continue;
                    }
                    _ => {
                        self.set(k, cur);
                        k += 1;
                        continue;
                    }
                }
            }
            // A word inside a name opens no clause: "states" in "The United
            // States and Japan have stationed…" is no reporting verb.
            if self.in_group(k) {
                self.set(k, cur);
                k += 1;
                continue;
            }
            let w = input.word(k);
            // "according to X" attributes the rest of the clause to X.
            if w == "according" && k + 1 < to && input.word_is(k + 1, "to") {
                let c = self.open(ClauseKind::Attribution, k, cur);
                let reporter = self.group_starting_after(k + 1, to);
                // ("JNIM said it had killed 200 soldiers…, according to
                // SITE": the clause's own reporter stays JNIM.)
                if reporter.is_some() && self.clauses[cur as usize].reporter.is_none() {
                    self.clauses[cur as usize].reporter = reporter;
                }
                stack.push((c, Close::Comma));
                self.set(k, c);
                k += 1;
                continue;
            }
            if let Some((len, strong)) = reporting_at(input, lex, k, to)
                && !modifies_noun(input, lex, k, k + len, to)
                && !plural_after_preposition(input, lex, k)
            {
                let end = k + len;
                for j in k..end {
                    self.set(j, cur);
                }
                let subject = self.group_before(input, lex, k, cur, false);
                // A short adjunct may stand between the verb and its report,
                // which then opens with "that" or a pronoun: "said on
                // Tuesday it had killed…", "said in a statement that…".
                let end = adjunct_end(input, lex, end, to);
                // A telling verb's addressee stands before "that": "Trump
                // told his Ukrainian counterpart Volodymyr Zelensky that he
                // does not intend…" reports from "that" on; the addressee
                // is the verb's object, in the reporter's clause.
                let end = if !strong && lex.telling_verbs.contains(input.word(end - 1)) {
                    (end + 1..(end + 9).min(to))
                        .take_while(|&j| input.is_word(j) || input.raw(j) == ".")
                        .find(|&j| lex.complementizers.contains(input.word(j)))
                        .filter(|&j| (end..j).any(|i| self.mention_starts_at(input, i)))
                        .unwrap_or(end)
                } else {
                    end
                };
                let next_is_word = end < to && input.is_word(end);
                // A report follows when a clause does ("said Ukraine fired",
                // "added that…"); "added 12 firms to the list" and "told
                // Bloomberg" take objects.
                let report_follows = next_is_word
                    && !lex.prepositions.contains(input.word(end))
                    && (lex.complementizers.contains(input.word(end))
                        || (strong && finite_verb_follows(input, lex, end, to))
                        || aux_follows(input, lex, end, to));
                if report_follows {
                    // "X said [that] Y …": what follows is the report.
                    let mut body = end;
                    if lex.complementizers.contains(input.word(body)) {
                        self.set(body, cur);
                        body += 1;
                    }
                    // Inside a clause that ends at a comma ("M23, whom UN
                    // experts say Rwanda arms, has…") it ends there too.
                    let inside_comma = stack.last().is_some_and(|e| e.1 == Close::Comma);
                    let c = self.open(ClauseKind::Reported, body, cur);
                    self.clauses[c as usize].reporter = subject;
                    stack.push((
                        c,
                        if inside_comma {
                            Close::Comma
                        } else {
                            Close::End
                        },
                    ));
                    k = body;
                    continue;
                }
                // A verb of `REPORTING_THAT` with an object ("JNIM, al-Qaeda's
                // affiliate, claimed responsibility") reports nothing; a
                // day or a name after it ("…, he told Reuters") still does.
                // Nor does one after a comma that opened the clause ("Late on
                // Wednesday, the ministry announced a new ceasefire"): the
                // noun phrase after it is its object, not a time or place.
                if !strong
                    && next_is_word
                    && !lex.prepositions.contains(input.word(end))
                    && !starts_upper(input, end)
                    && (k > 0 && input.raw(k - 1) == ","
                        || lex.determiners.contains(input.word(end))
                        // "JNIM claimed attacks on military positions":
                        // the event it claims is its object.
                        || (input.trigger)(end))
                {
                    k = end;
                    continue;
                }
                // "…, X said." : the part after the last comma reports the
                // clause before it.
                let clause_start = (self.first as usize..k)
                    .rev()
                    .find(|&j| input.raw(j) == "," && self.clause_at(j) == cur)
                    .map(|j| j + 1);
                if let Some(cs) = clause_start {
                    let c = self.open(ClauseKind::Attribution, cs, cur);
                    for j in cs..end {
                        if self.clause_at(j) == cur {
                            self.set(j, c);
                        }
                    }
                    // ", diplomats said": only a name after the comma
                    // reports; "The EU has not agreed…, diplomats said" is
                    // not the EU's report.
                    // A clause that already has its reporter keeps it:
                    // "JNIM said it killed 21 soldiers…, a US monitoring
                    // group reports" is still JNIM's report.
                    if subject.is_some_and(|g| self.groups[g as usize].tok_start as usize >= cs)
                        && self.clauses[cur as usize].reporter.is_none()
                    {
                        self.clauses[cur as usize].reporter = subject;
                    }
                }
                k = end;
                continue;
            }
            if lex.relatives.contains(w) && k > from {
                let antecedent = self.group_before_adjacent(input, k);
                let gap = subject_gap(input, lex, k + 1, to);
                let c = self.open(ClauseKind::Relative, k, cur);
                self.clauses[c as usize].antecedent = antecedent;
                self.clauses[c as usize].subject_gap = gap;
                let comma_before = input.raw(k - 1) == ",";
                stack.push((
                    c,
                    if comma_before {
                        Close::Comma
                    } else {
                        Close::End
                    },
                ));
                self.set(k, c);
                k += 1;
                continue;
            }
            if lex.complementizers.contains(w) && k > from && k + 1 < to {
                // "that" after a noun and before a verb: a relative clause
                // ("the missiles that hit Kyiv"); before a subject: a
                // complement ("warned that Russia could…"); otherwise a
                // determiner ("that attack").
                let next = k + 1;
                let starts_subject = input.is_word(next)
                    && (lex.determiners.contains(input.word(next))
                        || lex.pronouns.contains(input.word(next))
                        || self.mention_starts_at(input, next)
                        || starts_upper(input, next));
                // A verb right after "that": an auxiliary, a verb trigger,
                // or a lower-case word followed by what starts an object
                // ("a region that borders Ukraine"), unless that word is a
                // noun trigger ("that attack on Kyiv").
                let verb_next = input.is_word(next)
                    && !starts_subject
                    && (lex.auxiliaries.contains(input.word(next))
                        || (input.verb_trigger)(next)
                        || (!(input.trigger)(next)
                            && next + 1 < to
                            && input.is_word(next + 1)
                            && (lex.determiners.contains(input.word(next + 1))
                                || self.mention_starts_at(input, next + 1))));
                // "a gang that Washington designated a terrorist group": a
                // noun (after its determiner, no verb between) and a subject
                // after "that" make an object relative clause, as "which"
                // would.
                let after_noun = starts_subject
                    && !verb_next
                    && input.is_word(k - 1)
                    && !starts_upper(input, k - 1)
                    && !lex.complement_nouns.contains(input.word(k - 1))
                    && !lex.coordinators.contains(input.word(k - 1))
                    && !lex.prepositions.contains(input.word(k - 1))
                    && !lex.subordinators.contains(input.word(k - 1))
                    && !lex.determiners.contains(input.word(k - 1))
                    && !lex.clause_coordinators.contains(input.word(k - 1))
                    && !matches!(
                        input.word(k - 1),
                        "so" | "now" | "such" | "except" | "given" | "provided" | "than"
                    )
                    && !verbish(input, lex, k - 1)
                    && !(input.trigger)(k - 1)
                    && (k.saturating_sub(4).max(from)..k - 1)
                        .rev()
                        .take_while(|&j| input.is_word(j) && !verbish(input, lex, j))
                        .any(|j| lex.determiners.contains(input.word(j)));
                if after_noun {
                    let antecedent = self.group_before_adjacent(input, k);
                    let c = self.open(ClauseKind::Relative, k, cur);
                    self.clauses[c as usize].antecedent = antecedent;
                    self.clauses[c as usize].subject_gap = false;
                    stack.push((c, Close::End));
                    self.set(k, c);
                    k += 1;
                    continue;
                }
                if starts_subject || verb_next {
                    let kind = if verb_next {
                        ClauseKind::Relative
                    } else {
                        ClauseKind::Reported
                    };
                    let c = self.open(kind, k, cur);
                    if !verb_next {
                        self.clauses[c as usize].reporter =
                            self.group_before(input, lex, k, cur, false);
                    }
                    if verb_next {
                        self.clauses[c as usize].antecedent = self.group_before_adjacent(input, k);
                        self.clauses[c as usize].subject_gap = true;
                    }
                    stack.push((c, Close::End));
                    self.set(k, c);
                    k += 1;
                    continue;
                }
            }
            // "have since set fire to…", "has once again overrun": "since"
            // or "once" between an auxiliary and its verb is an adverb,
            // opening no clause; so is "once again" or "once more"
            // anywhere.
            let after_auxiliary = matches!(w, "since" | "once")
                && k > from
                && input.is_word(k - 1)
                && lex.auxiliaries.contains(input.word(k - 1));
            let once_again = w == "once"
                && k + 1 < to
                && input.is_word(k + 1)
                && matches!(input.word(k + 1), "again" | "more");
            let adverb = after_auxiliary || once_again;
            if lex.subordinators.contains(w)
                && !adverb
                && finite_verb_follows(input, lex, k + 1, to)
            {
                let c = self.open(ClauseKind::Subordinate, k, cur);
                // "after" opening a clause is no preposition: in "after the
                // US killed…" the US is the clause's subject.
                for g in self.groups.iter_mut().filter(|g| g.prep == Some(k as u32)) {
                    g.prep = None;
                }
                // Fronted ("After Kyiv struck X, Russia…") it ends at the
                // comma; after the main clause it runs to the end.
                // Inside a clause that ends at a comma ("India, which
                // suspended the treaty after an attack killed 26 people,
                // has…") it ends there too.
                let fronted = (from..k).all(|j| !input.is_word(j));
                let inside_comma = stack.last().is_some_and(|e| e.1 == Close::Comma);
                stack.push((
                    c,
                    if fronted || inside_comma {
                        Close::Comma
                    } else {
                        Close::End
                    },
                ));
                self.set(k, c);
                k += 1;
                continue;
            }
            self.set(k, cur);
            k += 1;
        }
        self.stack = stack;
    }

    /// A comma may start a clause: ", which…" is handled at the pronoun;
    /// here ", but …", ", and X verb…", ", killing …".
    fn after_comma(
        &mut self,
        input: &Input,
        lex: &SyntaxLexicon,
        k: usize,
        to: usize,
        cur: u16,
    ) -> Option<(u16, Close)> {
        let next = k + 1;
        if next >= to || !input.is_word(next) {
            return None;
        }
        let w = input.word(next);
        if lex.clause_coordinators.contains(w) {
            let c = self.open(ClauseKind::Main, next, NONE);
            return Some((c, Close::End));
        }
        if lex.coordinators.contains(w)
            && finite_verb_follows(input, lex, next + 1, to)
            && !self.list_before_comma(input, k)
            && !word_list_before_comma(input, lex, self.first as usize, k)
        {
            let c = self.open(ClauseKind::Main, next, NONE);
            return Some((c, Close::End));
        }
        // A past participle between commas right after the subject, before
        // the clause has a verb ("The package, held up for weeks by a Slovak
        // veto, also blacklists…"), is a reduced relative: the names in it
        // are no subject of the verb after it.
        if self.bracketed_participle(input, lex, k, to, cur) {
            let c = self.open(ClauseKind::Relative, next, cur);
            self.clauses[c as usize].antecedent = self.group_before_adjacent(input, k);
            self.clauses[c as usize].subject_gap = true;
            self.clauses[c as usize].reduced = true;
            return Some((c, Close::Comma));
        }
        // A participle after a comma ("…, killing 11 civilians") shares the
        // subject of the clause it follows.
        if w.len() > 4
            && w.ends_with("ing")
            && !self.mention_starts_at(input, next)
            && reporting_at(input, lex, next, to).is_none()
        {
            // (Only a group before the participle: the clause's tokens
            // after it are not yet split off, "…, attacking villages, the
            // monitoring group Cabo Ligado said".)
            // A participle after a relative or another participle shares
            // the subject of the clause those hang on ("Lee has sought…,
            // switching off loudspeakers that blared…, and offering").
            let mut owner = cur;
            let subject = loop {
                let found = self
                    .subject_group_of(owner)
                    .filter(|&g| (self.groups[g as usize].tok_start as usize) < k);
                let clause = &self.clauses[owner as usize];
                if found.is_some()
                    || clause.parent == owner
                    || !matches!(clause.kind, ClauseKind::Relative | ClauseKind::Subordinate)
                {
                    break found;
                }
                owner = clause.parent;
            };
            let c = self.open(ClauseKind::Subordinate, next, cur);
            self.clauses[c as usize].antecedent = subject;
            self.clauses[c as usize].subject_gap = true;
            return Some((c, Close::Comma));
        }
        None
    }

    /// The agent of a past participle right after an event noun, after
    /// "by" within a few words: "a blockade imposed on the country by the
    /// al-Qaeda-linked JNIM" (JNIM). No comma or clause boundary between;
    /// the words between are lower-case or a name.
    fn participle_agent(&self, input: &Input, lex: &SyntaxLexicon, te: usize) -> Option<u16> {
        let n = self.first as usize + self.clause_of.len();
        if te + 2 >= n || te < self.first as usize || !input.is_word(te) {
            return None;
        }
        if !past_participle(input, lex, te) {
            return None;
        }
        let c = self.clause_at(te);
        let by = (te + 1..n.min(te + 8))
            .take_while(|&k| input.is_word(k) && self.clause_at(k) == c)
            .find(|&k| input.word(k) == "by")?;
        // Past a determiner and a hyphenated patron ("the al-Qaeda-linked").
        let mut g = self.group_starting_after(by, n.min(by + 8))?;
        loop {
            let end = self.groups[g as usize].tok_end as usize;
            let glued = end < n && input.raw(end) == "-" && !input.tokens[end].space_before;
            if !glued {
                break;
            }
            g = self.group_starting_after(end, n.min(end + 4))?;
        }
        let start = self.groups[g as usize].tok_start as usize;
        let words = (by + 1..start).filter(|&k| input.is_word(k)).count();
        let lower = (by + 1..start).all(|k| {
            !input.is_word(k)
                || !input.raw(k).starts_with(|ch: char| ch.is_uppercase())
                || self.in_group(k)
        });
        (words <= 5 && lower).then_some(g)
    }

    /// Does a past participle follow the comma at `k` as a reduced relative
    /// on the clause's subject: the clause `c` has no verb yet, a noun ends
    /// right before the comma, the participle is lower-case and a second
    /// comma closes it before a word ("The EU's package, adopted on
    /// Thursday after Slovakia dropped its veto, bans…")?
    fn bracketed_participle(
        &self,
        input: &Input,
        lex: &SyntaxLexicon,
        k: usize,
        to: usize,
        c: u16,
    ) -> bool {
        let (first, next) = (self.first as usize, k + 1);
        if k <= first || !input.is_word(k - 1) || !input.is_word(next) {
            return false;
        }
        if !past_participle(input, lex, next)
            || lex.simple_past_only.contains(input.word(next))
            || self.mention_starts_at(input, next)
        {
            return false;
        }
        // A past form with a name or a determiner right after it has an
        // object, so it is the clause's verb, not a passive participle:
        // "M23 fighters, widely believed to receive support from Rwanda,
        // captured Goma in January" (a reduced relative takes a
        // preposition or an adverb: "adopted on Thursday").
        if next + 1 < to
            && (self.mention_starts_at(input, next + 1)
                || input.is_word(next + 1) && lex.determiners.contains(input.word(next + 1)))
        {
            return false;
        }
        // (The noun is the clause's own: after a reduced relative closes,
        // "The drones, launched from Iraq, targeted…", the next participle
        // is the verb.)
        // (A trigger word without "-ed" that no subject precedes is a noun:
        // "The European Union's 19th sanctions package, adopted…"; so is one
        // after a name that a determiner opens: "The Al-Udeid base, located
        // southwest of Doha, hosts…".)
        let determined_group_ends = |j: usize| {
            self.group_ending_at(j).is_some_and(|g| {
                let start = self.groups[g as usize].tok_start as usize;
                start > first
                    && input.is_word(start - 1)
                    && lex.determiners.contains(input.word(start - 1))
            })
        };
        let subject_group_ends =
            |j: usize| self.group_ending_at(j).is_some() && !determined_group_ends(j);
        let noun_before = self.clause_at(k - 1) == c
            && (self.mention_covers(input, k - 1)
                || noun_like(input, lex, k - 1)
                || ((input.verb_trigger)(k - 1)
                    && !input.word(k - 1).ends_with("ed")
                    && determined_group_ends(k - 1)));
        let verb_before = (first..k).any(|j| {
            let bare_trigger = (input.verb_trigger)(j)
                && !input.word(j).ends_with("ed")
                && !lex.auxiliaries.contains(input.word(j))
                && !(j > first
                    && (subject_group_ends(j)
                        || input.is_word(j - 1) && lex.pronouns.contains(input.word(j - 1))));
            self.clause_at(j) == c
                && verbish(input, lex, j)
                && !bare_trigger
                && !self.in_group(j)
                && !modifier_word(input, lex, j)
        });
        let closed = (next + 1..to)
            .find(|&j| input.raw(j) == ",")
            .is_some_and(|j| j + 1 < to && input.is_word(j + 1));
        noun_before && !verb_before && closed
    }

    /// Is the comma at `k` followed by a place that only names where the
    /// name before the comma is ("in Kharkiv, Ukraine, …")?
    fn apposition_after(&self, input: &Input, k: usize, to: usize) -> bool {
        let ms = input.mentions;
        let i = ms.partition_point(|m| (m.tok_start as usize) <= k);
        let (Some(next), Some(prev)) = (ms.get(i), i.checked_sub(1).and_then(|p| ms.get(p))) else {
            return false;
        };
        let place = |m: &Mention| input.gaz.is_type(m.entry, gazetteer::PLACE);
        next.tok_start as usize == k + 1
            && prev.tok_end as usize == k
            && place(next)
            && place(prev)
            && (next.tok_end as usize >= to || !input.is_word(next.tok_end as usize))
    }

    fn open(&mut self, kind: ClauseKind, start: usize, parent: u16) -> u16 {
        let c = self.clauses.len() as u16;
        self.clauses.push(Clause {
            kind,
            start: start as u32,
            parent: if parent == NONE { c } else { parent },
            antecedent: None,
            subject_gap: false,
            reduced: false,
            reporter: None,
        });
        c
    }

    fn set(&mut self, k: usize, c: u16) {
        if let Some(slot) = self.clause_of.get_mut(k.wrapping_sub(self.first as usize)) {
            *slot = c;
        }
    }

    /// Does the comma at `k` join names of a list: a name right before it, a
    /// name right after it, and after that "and", "or" or a comma and
    /// another name ("Kyiv, Odesa and Dnipropetrovsk")?
    fn list_after_comma(&self, input: &Input, k: usize, to: usize) -> bool {
        if mention_ending_at(input, k).is_none() {
            return false;
        }
        let Some(e) = mention_starting_at(input, k + 1).map(|m| m.tok_end as usize) else {
            return false;
        };
        e + 1 < to
            && (input.word_is(e, "and") || input.word_is(e, "or") || input.raw(e) == ",")
            && self.mention_starts_at(input, e + 1)
    }

    /// Is the comma at `k` inside a list of names, "A, B, and C" (a name
    /// before it, and before that name another comma after a name)?
    fn list_before_comma(&self, input: &Input, k: usize) -> bool {
        mention_ending_at(input, k).is_some_and(|b| {
            let c = b.tok_start as usize;
            c >= 1
                && !input.is_word(c - 1)
                && input.raw(c - 1) == ","
                && mention_ending_at(input, c - 1).is_some()
        })
    }

    fn mention_covers(&self, input: &Input, k: usize) -> bool {
        let ms = &input.mentions;
        let i = ms.partition_point(|m| (m.tok_start as usize) <= k);
        i > 0 && (ms[i - 1].tok_end as usize) > k
    }

    fn mention_starts_at(&self, input: &Input, k: usize) -> bool {
        mention_starting_at(input, k).is_some()
    }

    /// The group nearest before token `k` in clause `c` that no preposition
    /// governs (the subject of a verb at `k`).
    ///
    /// With `seated`, a place after a seated noun and "in" counts too
    /// ("Lawmakers in Croatia's parliament voted"); not for who reports a
    /// clause, whose seat is no place of the act ("The government in Kabul
    /// said it would not negotiate").
    fn group_before(
        &self,
        input: &Input,
        lex: &SyntaxLexicon,
        k: usize,
        c: u16,
        seated: bool,
    ) -> Option<u16> {
        let found = self
            .groups
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, g)| (g.tok_end as usize) <= k)
            .find(|(i, g)| {
                self.clause_at(g.tok_start as usize) == c
                    && (g.prep.is_none()
                        || self.of_complement(input, lex, g)
                        || (seated && self.seated_complement(input, lex, g)))
                    && !g.compound
                    && (!g.after_verb || self.opens_reported(c, *i))
            })
            .map(|(i, _)| i)?;
        Some(self.apposition_head(input, k, c, found).unwrap_or(found) as u16)
    }

    /// "JNIM, al-Qaeda's affiliate in the Sahel, claimed…": group `found`,
    /// the nearest before token `k`, stands in an apposition set off by
    /// two commas after the clause's first group, and `k` comes after the
    /// second; that first group is the subject.
    fn apposition_head(&self, input: &Input, k: usize, c: u16, found: usize) -> Option<usize> {
        let (first, g0) = self
            .groups
            .iter()
            .enumerate()
            .find(|(_, g)| self.clause_at(g.tok_start as usize) == c)?;
        let comma = g0.tok_end as usize;
        let g = &self.groups[found];
        let is_comma = |j: usize| !input.is_word(j) && input.raw(j) == ",";
        let set_off = first < found
            && comma < k
            && is_comma(comma)
            && g0.prep.is_none()
            && !g0.compound
            && !g0.possessive
            && (g.tok_start as usize) > comma
            && !(comma + 1..g.tok_start as usize).any(is_comma)
            && (g.tok_end as usize..k).any(is_comma);
        set_off.then_some(first)
    }

    /// Is group `g` the first of reported clause `c`? After "said" it is
    /// the reported clause's subject ("said Russia shelled…"), not the
    /// object of "said".
    fn opens_reported(&self, c: u16, g: usize) -> bool {
        self.clauses[c as usize].kind == ClauseKind::Reported
            && self
                .groups
                .iter()
                .position(|o| self.clause_at(o.tok_start as usize) == c)
                == Some(g)
    }

    /// Is group `g` the "of" complement of a common noun ("the town of
    /// Pokrovsk", "the government of Sudan")? It then names what that noun
    /// phrase is about and may stand for it. A capitalised noun is part of
    /// a name ("the Bank of England"), unless it is a state's organ ("the
    /// Federal Government of Ethiopia").
    fn of_complement(&self, input: &Input, lex: &SyntaxLexicon, g: &Group) -> bool {
        g.prep.is_some_and(|p| {
            let p = p as usize;
            input.word(p) == "of"
                && p > self.first as usize
                && input.is_word(p - 1)
                && (!starts_upper(input, p - 1) || lex.organ_heads.contains(input.word(p - 1)))
                && input.tokens[p - 1].kind == TokenKind::Word
                && self.group_ending_at(p).is_none()
        })
    }

    /// Is group `g` the place after "in" of a seated noun ("officials in
    /// Kyiv", "lawmakers in Croatia's parliament")? It then stands for the
    /// people named.
    fn seated_complement(&self, input: &Input, lex: &SyntaxLexicon, g: &Group) -> bool {
        g.prep.is_some_and(|p| {
            let p = p as usize;
            input.word(p) == "in"
                && p > self.first as usize
                && input.is_word(p - 1)
                && lex.seated.contains(input.word(p - 1))
        })
    }

    /// The group right before token `k` (a relative pronoun), allowing a
    /// comma and a head noun between ("Houthi rebels, who…").
    fn group_before_adjacent(&self, input: &Input, k: usize) -> Option<u16> {
        let (i, g) = self
            .groups
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| (g.tok_end as usize) <= k)?;
        let words_between = (g.tok_end as usize..k)
            .filter(|&j| input.is_word(j))
            .count();
        // "The Israeli strike on Doha, which targeted Hamas leaders": a
        // name in a phrase after an event noun is no antecedent; the event
        // is.
        // A trigger word inside a name ("Al Udeid Air Base in Qatar, which
        // hosts US troops") is no event noun.
        // "who" stands for people, never for an event: "an offensive by
        // the M23 rebels, who seized Goma".
        let person = input.is_word(k) && matches!(input.word(k), "who" | "whom");
        let after_event = !person
            && g.prep.is_some_and(|p| {
                p > 0
                    && input.is_word(p as usize - 1)
                    && (input.trigger)(p as usize - 1)
                    && !self.mention_covers(input, p as usize - 1)
                    // A past verb is no event noun: "Talks resumed in
                    // Goma, which the rebels captured in January".
                    && !input.word(p as usize - 1).ends_with("ed")
            });
        // "Tren de Aragua, a Venezuelan gang that Washington designated…":
        // a demonym modifying the noun before the pronoun is no antecedent;
        // the name the phrase stands beside is.
        let demonym = words_between > 0
            && self
                .members_of(i as u16)
                .iter()
                .all(|&m| input.mentions[m as usize].kind == AliasKind::Demonym);
        if demonym {
            return i
                .checked_sub(1)
                .filter(|&p| self.apposition_before(input, &self.groups[p], k))
                .map(|p| p as u16);
        }
        (!after_event && (words_between <= 2 || self.apposition_before(input, g, k)))
            .then_some(i as u16)
    }

    /// Is the phrase from group `g` to the relative pronoun at `k` an
    /// apposition on `g`: a comma, a determiner and a few words, the last
    /// no event noun ("the White Army, an ethnic Nuer militia that
    /// overran…")? Then the pronoun stands for `g`, not for a noun of the
    /// apposition ("Kyiv, the third attack that…" is no such case).
    fn apposition_before(&self, input: &Input, g: &Group, k: usize) -> bool {
        let open = g.tok_end as usize;
        if k < open + 3 || k > open + 8 || input.raw(open) != "," {
            return false;
        }
        let det = open + 1;
        input.is_word(det)
            && matches!(input.word(det), "a" | "an" | "the")
            && (det..k).all(|j| input.is_word(j))
            && !(input.trigger)(k - 1)
    }

    /// The first group starting after token `k`, before `to`.
    fn group_starting_after(&self, k: usize, to: usize) -> Option<u16> {
        self.groups
            .iter()
            .position(|g| (g.tok_start as usize) > k && (g.tok_start as usize) < to)
            .map(|i| i as u16)
    }

    /// The subject group of clause `c` as it stands when the parser
    /// reaches a later token: its first group that no preposition governs.
    ///
    /// A possessor or demonym right before its head's name gives way to
    /// the head: "Ukraine's president", "the Ukrainian president", where
    /// "president" names the person told of before, acts as that person.
    pub fn subject_group_of(&self, c: u16) -> Option<u16> {
        let i = self
            .groups
            .iter()
            .position(|g| self.clause_at(g.tok_start as usize) == c && g.prep.is_none())?;
        let g = &self.groups[i];
        match self.groups.get(i + 1) {
            Some(h)
                if ((g.possessive && h.tok_start == g.tok_end + 2)
                    || (g.state_word && h.tok_start <= g.tok_end))
                    && h.prep.is_none()
                    && h.person_reference =>
            {
                Some(i as u16 + 1)
            }
            _ => Some(i as u16),
        }
    }

    /// The last group (not part of a hyphenated compound) that ends at or
    /// before token `k`, with the number of words between its end and `k`.
    fn last_group_before(&self, input: &Input, k: usize) -> Option<(usize, &Group, usize)> {
        let (i, g) = self
            .groups
            .iter()
            .enumerate()
            .rev()
            .find(|(_, g)| (g.tok_end as usize) <= k && !g.compound)?;
        let words = (g.tok_end as usize..k)
            .filter(|&j| input.is_word(j))
            .count();
        Some((i, g, words))
    }

    /// The subject of a verb trigger at `ts`: the nearest group before it
    /// in its clause that no preposition governs; in a relative clause
    /// whose pronoun is the subject, the antecedent; for a pronoun
    /// subject, whoever reported the clause.
    pub fn subject(&self, input: &Input, lex: &SyntaxLexicon, ts: usize) -> Option<Found> {
        let c = self.clause_at(ts);
        let clause = &self.clauses[c as usize];
        // "to help Russia drive Ukrainian forces out": after "help" or
        // "let", the name before a bare infinitive is its subject.
        if let Some(g) = self.group_ending_at(ts)
            && let start = self.groups[g as usize].tok_start as usize
            && start > self.first as usize
            && input.is_word(start - 1)
            && lex.bare_infinitive_verbs.contains(input.word(start - 1))
        {
            return Some(Found::Via(g, "infinitive"));
        }
        // ("to militarily occupy": an adverb may stand between "to" and
        // the verb; `tv` is where the verb would stand right after "to".)
        let tv = if ts > self.first as usize + 1
            && input.is_word(ts - 1)
            && input.word(ts - 1).ends_with("ly")
            && !starts_upper(input, ts - 1)
            && input.word_is(ts - 2, "to")
        {
            ts - 1
        } else {
            ts
        };
        // An infinitive's subject is the name before "to" ("allowed Ukraine
        // to strike", "a request by Egypt to deploy troops").
        if tv > self.first as usize && input.word_is(tv - 1, "to") {
            // "urged Israel to keep the crossing open and to allow aid in":
            // an infinitive coordinated with one before shares its subject.
            if tv > self.first as usize + 3
                && input.is_word(tv - 2)
                && matches!(input.word(tv - 2), "and" | "or")
                && let Some(first) = (tv.saturating_sub(24).max(self.first as usize)..tv - 3)
                    .rev()
                    .find(|&j| {
                        input.word_is(j, "to")
                            && self.clause_at(j) == c
                            && input.is_word(j + 1)
                            && verbish(input, lex, j + 1)
                            && !self.in_group(j + 1)
                    })
                && let Some(f) = self.subject(input, lex, first + 1)
            {
                return Some(Found::Via(f.group(), "coordinated infinitive"));
            }
            // "called on Putin and Zelensky to meet": a control verb's
            // particle governs its object.
            let particle = |p: usize| {
                matches!(input.word(p), "on" | "upon")
                    && p > self.first as usize
                    && input.is_word(p - 1)
                    && lex.control_verbs.contains(input.word(p - 1))
            };
            let last = self.last_group_before(input, tv - 1);
            // "without US approval to send": the owner of a noun of intent
            // right before "to" acts, whatever governs it.
            if let Some((i, g, _)) = last
                && g.tok_end as usize + 2 == tv
                && lex.intent_nouns.contains(input.word(tv - 2))
            {
                return Some(Found::Via(i as u16, "infinitive"));
            }
            // ("for" governs the infinitive only right before it: "called
            // for Russia to withdraw", not "departed for Riyadh on Sunday
            // to resume talks".)
            let g = last.filter(|&(_, g, words)| {
                let by = g.prep.is_some_and(|p| {
                    input.word_is(p as usize, "by")
                        || (input.word_is(p as usize, "for") && words == 0)
                        || particle(p as usize)
                });
                words <= 3 && (g.prep.is_none() || by || g.possessive)
            });
            if let Some((i, g, _)) = g {
                let by = g
                    .prep
                    .is_some_and(|p| matches!(input.word(p as usize), "by" | "for"));
                let subject = self.subject_group_of(c);
                // "allowed Ukraine to strike": the object of a control verb.
                let controlled = (g.tok_start.saturating_sub(4) as usize..g.tok_start as usize)
                    .any(|j| input.is_word(j) && lex.control_verbs.contains(input.word(j)));
                // "rejected India's decision to suspend the treaty": the
                // owner of the noun before "to" acts.
                if g.possessive && !by {
                    return Some(Found::Via(i as u16, "infinitive"));
                }
                // "it had used 117 drones to hit bombers": the object of
                // the verb just before is the means; who used them acts,
                // even when that is a pronoun told by a reporter.
                if !by && !controlled && subject.is_none_or(|s| s as usize == i) {
                    let lo = (g.tok_start as usize)
                        .saturating_sub(2)
                        .max(self.first as usize);
                    let user = (lo..g.tok_start as usize).rev().find(|&j| {
                        self.clause_at(j) == c
                            && verbish(input, lex, j)
                            && !self.in_group(j)
                            && !modifier_word(input, lex, j)
                    });
                    if let Some(f) = user.and_then(|v| self.subject(input, lex, v))
                        && f.group() as usize != i
                    {
                        return Some(Found::Via(f.group(), "infinitive"));
                    }
                }
                if by || controlled || subject.is_none_or(|s| s as usize == i) {
                    return Some(Found::Via(i as u16, "infinitive"));
                }
                // "activated a fund to supply Taiwan": a purpose; the
                // clause's subject acts.
                if let Some(s) = subject {
                    return Some(Found::Via(s, "infinitive"));
                }
            } else if let Some(v) = (tv.saturating_sub(4).max(self.first as usize)..tv - 1)
                .rev()
                .find(|&j| {
                    self.clause_at(j) == c
                        && verbish(input, lex, j)
                        && !self.in_group(j)
                        && !modifier_word(input, lex, j)
                })
                && let Some(f) = self.subject(input, lex, v)
            {
                // No name just before "to": the infinitive's subject is the
                // subject of the verb that governs it ("… and endorsed
                // plans to sell Australia submarines": who endorsed).
                return Some(Found::Via(f.group(), "infinitive"));
            }
        }
        // "with" and a name before a participle make a clause of their
        // own, whose subject is that name: "after Eritrea initiated a
        // call-up, with Ethiopia reportedly moving troops to the border".
        if input.is_word(ts)
            && input.word(ts).ends_with("ing")
            && let Some((i, g, words)) = self.last_group_before(input, ts)
            && g.prep.is_some_and(|p| input.word_is(p as usize, "with"))
            && (g.tok_end as usize..ts).all(|j| !input.is_word(j) || input.word(j).ends_with("ly"))
            && words <= 1
            && (g.tok_end as usize..ts).all(|j| input.raw(j) != ",")
        {
            return Some(Found::Via(i as u16, "with clause"));
        }
        // A name governed by "for", "over", "despite"… right before a
        // gerund is its subject: "in retaliation for Finland joining
        // NATO", "despite Iran sending drones".
        if input.is_word(ts)
            && input.word(ts).ends_with("ing")
            && let Some((i, g, 0)) = self.last_group_before(input, ts)
            && g.tok_end as usize == ts
            && g.prep.is_some_and(|p| {
                matches!(
                    input.word(p as usize),
                    "for" | "over" | "despite" | "about" | "amid" | "after" | "following"
                )
            })
        {
            return Some(Found::Via(i as u16, "gerund"));
        }
        // A gerund after "for" or "of" acts for the name just before:
        // "sanctioned Lockheed Martin for selling weapons", "firms accused
        // of supplying drones", "thanked Berlin for providing tanks".
        if ts > self.first as usize + 1
            && input.is_word(ts)
            && input.word(ts).ends_with("ing")
            && (input.word_is(ts - 1, "for") || input.word_is(ts - 1, "of"))
        {
            let mut prep = ts - 1;
            // Past an apposition set off by commas: "sanctions on Lockheed
            // Martin, a US contractor, for selling weapons".
            if prep > self.first as usize
                && input.raw(prep - 1) == ","
                && let Some(open) = (prep.saturating_sub(16).max(self.first as usize)..prep - 1)
                    .rev()
                    .find(|&j| input.raw(j) == ",")
            {
                prep = open;
            }
            if let Some((i, g, words)) = self.last_group_before(input, prep)
                && words <= 2
            {
                // "Five firms were sanctioned by the US Treasury for
                // supplying Iran": the passive's agent punishes; its
                // subject acts.
                let agent = g.prep.is_some_and(|p| input.word_is(p as usize, "by"));
                if agent
                    && let Some(s) = self.subject_group_of(self.clause_at(ts))
                    && s as usize != i
                {
                    return Some(Found::Via(s, "gerund"));
                }
                return Some(Found::Via(i as u16, "gerund"));
            }
            // The noun before is no name ("sanctioned firms accused of
            // shipping drone parts to Iran"): the gerund's agent is unnamed,
            // not the clause's subject.
            return None;
        }
        // A gerund right after "by" tells how the clause's subject did its
        // act: "The Houthis threaten the United States by attacking
        // commercial vessels" (the Houthis, not the object). Not after a
        // passive, whose subject is acted on: "Kyiv was hit by shelling".
        if ts > self.first as usize + 1
            && input.is_word(ts)
            && input.word(ts).ends_with("ing")
            && input.word_is(ts - 1, "by")
            && let Some(s) = self.subject_group_of(c)
            && let end = self.groups[s as usize].tok_end as usize
            && end < ts - 1
            && !(end..ts - 1).any(|j| input.is_word(j) && lex.passive_aux.contains(input.word(j)))
        {
            return Some(Found::Via(s, "by gerund"));
        }
        // A verb right after "and" or "but" shares the subject of the verb
        // it is coordinated with: "Mali's junta has ordered the expulsion
        // of the French ambassador and suspended an agreement" (Mali, not
        // the French in the first verb's object).
        if let Some(first) = self.coordinated_verb(input, lex, ts, c)
            && let Some(f) = self.subject(input, lex, first)
        {
            return Some(Found::Via(f.group(), "coordinated verb"));
        }
        // So does a participle after a comma and a subordinator: "Hamas said it had agreed to free the hostages,
        // while calling for talks" (Hamas).
        if let Some(head) = self.participle_head(input, lex, ts)
            && let Some(f) = self.subject(input, lex, head)
        {
            return Some(Found::Via(f.group(), "participle"));
        }
        // A gerund that opens a subordinate clause after its main clause
        // ("Sheinbaum is sending troops to the border after reaching an
        // agreement with Trump", "Germany said it will deliver two
        // Patriots after reaching an agreement"): the subject of the main
        // clause's verb.
        if input.word(ts).ends_with("ing")
            && ts > self.first as usize
            && clause.start as usize + 1 == ts
            && lex.subordinators.contains(input.word(ts - 1))
            && clause.parent != c
            && let parent = &self.clauses[clause.parent as usize]
            && let Some(v) = (parent.start as usize..clause.start as usize).find(|&k| {
                self.clause_at(k) == clause.parent
                    && verbish(input, lex, k)
                    && !self.in_group(k)
                    && !modifier_word(input, lex, k)
            })
            && let Some(f) = self.subject(input, lex, v)
        {
            return Some(Found::Via(f.group(), "main clause"));
        }
        if self.reduced_relative(input, lex, ts, c) {
            return None;
        }
        if let Some(g) = self.group_before(input, lex, ts, c, true) {
            // A pronoun between the group and the verb is the subject
            // itself ("Israel said it struck…" is handled below).
            let pronoun_after = (self.groups[g as usize].tok_end as usize..ts)
                .any(|j| input.is_word(j) && lex.pronouns.contains(input.word(j)));
            // "its Sea Baby drones had struck": the group is what the
            // pronoun's party owns; the pronoun says who acts (below).
            // (Past names glued before it: "its Sea Baby naval drones".)
            let mut start = self.groups[g as usize].tok_start as usize;
            while let Some(m) = mention_ending_at(input, start)
                && (m.tok_start as usize) > self.first as usize
            {
                start = m.tok_start as usize;
            }
            let owned = start > self.first as usize
                && self.clause_at(start - 1) == c
                && input.is_word(start - 1)
                && lex.possessive_pronouns.contains(input.word(start - 1))
                && pronoun_subject(input, lex, start - 1);
            if !pronoun_after && !owned {
                return Some(Found::Group(g));
            }
        }
        if let Some(g) = self.delegates(input, lex, ts, c) {
            return Some(Found::Via(g, "delegates"));
        }
        if matches!(clause.kind, ClauseKind::Relative | ClauseKind::Subordinate)
            && clause.subject_gap
        {
            return clause.antecedent.map(|g| Found::Via(g, "antecedent"));
        }
        if let Some(g) = self.contact_relative(input, lex, ts, c) {
            return Some(Found::Via(g, "object relative"));
        }
        let pronoun = (clause.start as usize..ts).find(|&j| {
            self.clause_at(j) == c && input.is_word(j) && pronoun_subject(input, lex, j)
        });
        if let Some(pj) = pronoun {
            // "it" and "its" name no person: after "The group's leader,
            // Abdul Malik al-Houthi, said", "it would maintain its blockade"
            // is the group's.
            let impersonal = matches!(input.word(pj), "it" | "its");
            // The reporter of this clause or of an enclosing one.
            let mut cc = c;
            loop {
                if let Some(r) = self.clauses[cc as usize].reporter {
                    if impersonal
                        && self.names_person(input, r)
                        && let Some(o) = self.possessor_before(input, r)
                    {
                        return Some(Found::Via(o, "reporter's party"));
                    }
                    return Some(Found::Via(r, "reporter"));
                }
                let p = self.clauses[cc as usize].parent;
                if p == cc {
                    break;
                }
                cc = p;
            }
            // A main clause joined by "and" or "but" to the main clause
            // before it: the pronoun is that clause's subject ("JNIM has
            // stepped up attacks, and in September it declared a
            // blockade": JNIM), when it names no person ("it", "they" are
            // not "he").
            // ("…al-Burhan acknowledged the loss, but he has ruled out
            // talks": "he" and "she" stand for a person subject.)
            let personal = matches!(input.word(pj), "he" | "she");
            if clause.kind == ClauseKind::Main
                && let Some(g) = self.coordinated_clause_subject(input, c, personal)
            {
                return Some(Found::Via(g, "coordinated clause"));
            }
            // So in what such a clause reports when no name reports it:
            // "the Houthis sank two ships, and analysts warn that they
            // could again target Saudi oil facilities" (the Houthis).
            let parent = clause.parent;
            if clause.kind == ClauseKind::Reported
                && clause.reporter.is_none()
                && parent != c
                && self.clauses[parent as usize].kind == ClauseKind::Main
                && let Some(g) = self.coordinated_clause_subject(input, parent, false)
            {
                return Some(Found::Via(g, "coordinated clause"));
            }
            // In a subordinate clause after its main clause, the main
            // clause's subject: "The group has stepped up its attacks since
            // it seized the town of Bara" (the group seized it).
            if clause.kind == ClauseKind::Subordinate
                && clause.parent != c
                && (clause.start as usize) > self.first as usize
                && let Some(g) = self.subject_group_of(clause.parent)
                && self.groups[g as usize].tok_end <= clause.start
                && !self.names_person(input, g)
            {
                return Some(Found::Via(g, "main clause"));
            }
        }
        None
    }

    /// Is the trigger at `ts` a past participle that modifies the noun
    /// right before it, after its clause's own verb: "Manila rejected
    /// demands to withdraw a US Army launcher stationed on Luzon"? Its
    /// agent is then not the clause's subject (Manila did not station the
    /// launcher) but whoever the noun phrase or a "by" phrase names.
    fn reduced_relative(&self, input: &Input, lex: &SyntaxLexicon, ts: usize, c: u16) -> bool {
        let start = self.clauses[c as usize].start as usize;
        if ts < start + 2 {
            return false;
        }
        // The clause's own verb, before: not itself a participle after a
        // noun with "by" ("Somali forces backed by AUSSOM troops pushed
        // al-Shabaab out": "pushed" is the verb).
        participle_after_noun(input, lex, ts)
            && (start..ts - 1).any(|j| {
                self.clause_at(j) == c
                    && verbish(input, lex, j)
                    && !self.in_group(j)
                    && !modifier_word(input, lex, j)
                    && !(participle_after_noun(input, lex, j) && input.word_is(j + 1, "by"))
            })
    }

    /// "M23 refused to leave the two capitals they seized": a pronoun
    /// right after a noun, and the trigger right after the pronoun (or
    /// after one auxiliary), open an object relative clause with no
    /// "that"; "it" and "they" there stand for the subject of the clause
    /// around it, when that is no person and stands before the noun.
    fn contact_relative(
        &self,
        input: &Input,
        lex: &SyntaxLexicon,
        ts: usize,
        c: u16,
    ) -> Option<u16> {
        let first = self.first as usize;
        let pj = if ts > first + 1 && (input.word_is(ts - 1, "it") || input.word_is(ts - 1, "they"))
        {
            ts - 1
        } else if ts > first + 2
            && lex.auxiliaries.contains(input.word(ts - 1))
            && (input.word_is(ts - 2, "it") || input.word_is(ts - 2, "they"))
        {
            ts - 2
        } else {
            return None;
        };
        if pj == first || !input.is_word(pj - 1) {
            return None;
        }
        let noun = pj - 1;
        let g = self.subject_group_of(c)?;
        (noun_like(input, lex, noun)
            && (self.groups[g as usize].tok_end as usize) <= noun
            && !self.names_person(input, g))
        .then_some(g)
    }

    /// The parties a clause's delegates come from: the clause opens with
    /// at most two words, one of `delegate_heads` and "of" or "from", and
    /// the group after it ends before the verb at `ts` with no other group
    /// and no verb but auxiliaries between ("Representatives of the
    /// Congolese government and the M23 signed…": Congo and M23;
    /// "commanders from both sides are due to meet").
    fn delegates(&self, input: &Input, lex: &SyntaxLexicon, ts: usize, c: u16) -> Option<u16> {
        let start = self.clauses[c as usize].start as usize;
        let (i, g) = self
            .groups
            .iter()
            .enumerate()
            .find(|(_, g)| self.clause_at(g.tok_start as usize) == c)?;
        let p = g.prep? as usize;
        if (g.tok_end as usize) > ts
            || p == 0
            || !matches!(input.word(p), "of" | "from")
            || !input.is_word(p - 1)
            || !lex.delegate_heads.contains(input.word(p - 1))
            || (start..p - 1).filter(|&k| input.is_word(k)).count() > 2
        {
            return None;
        }
        // Nothing but the group's own words (a demonym's noun, "rebel
        // alliance") and no verb between it and the trigger.
        let next = self.groups.get(i + 1);
        if next.is_some_and(|n| (n.tok_start as usize) < ts) {
            return None;
        }
        let between = (g.tok_end as usize..ts)
            .filter(|&k| input.is_word(k))
            .count();
        (between <= 3
            && !(g.tok_end as usize..ts).any(|k| {
                input.is_word(k)
                    && !lex.auxiliaries.contains(input.word(k))
                    && verbish(input, lex, k)
            }))
        .then_some(i as u16)
    }

    /// The subject of the main clause before main clause `c` when `c`
    /// opens with "and" or "but" (after a comma or not), and that subject
    /// names a person exactly when `person` ("he", "she"; "it" and "they"
    /// stand for no person), governs no preposition, and is not itself a
    /// pronoun's stand-in.
    fn coordinated_clause_subject(&self, input: &Input, c: u16, person: bool) -> Option<u16> {
        let start = self.clauses[c as usize].start as usize;
        let opener = (start..start + 2)
            .take_while(|&k| k < input.tokens.len())
            .find(|&k| input.is_word(k))?;
        if !matches!(input.word(opener), "and" | "but") || start <= self.first as usize {
            return None;
        }
        let pc = self.clause_at(start - 1);
        if self.clauses[pc as usize].kind != ClauseKind::Main {
            return None;
        }
        let g = self.subject_group_of(pc)?;
        let group = &self.groups[g as usize];
        (self.names_person(input, g) == person && !group.possessive && !group.compound).then_some(g)
    }

    /// The possessive group right before person group `g`'s title ("The
    /// group's leader, Abdul Malik al-Houthi"; "Hamas's political chief
    /// Khalil al-Hayya"): at most three words between, and no person.
    fn possessor_before(&self, input: &Input, g: u16) -> Option<u16> {
        let start = self.groups[g as usize].tok_start as usize;
        // The count includes the possessive's "s".
        let (i, o, words) = self.last_group_before(input, start)?;
        (o.possessive && words <= 4 && !self.names_person(input, i as u16)).then_some(i as u16)
    }

    /// Does group `g` name a person (whom "it" and "they" do not stand for)?
    fn names_person(&self, input: &Input, g: u16) -> bool {
        self.members_of(g).iter().any(|&mi| {
            input
                .gaz
                .is_type(input.mentions[mi as usize].entry, crate::gazetteer::PERSON)
        })
    }

    /// The verb of the clause that a participle at `ts` follows: `ts` is
    /// an "-ing" word after a comma and a subordinator ("…, while calling
    /// for", "…, after meeting"); the nearest verb before the comma, at most
    /// 16 words back.
    fn participle_head(&self, input: &Input, lex: &SyntaxLexicon, ts: usize) -> Option<usize> {
        let first = self.first as usize;
        let w = input.word(ts);
        if !input.is_word(ts) || w.len() <= 4 || !w.ends_with("ing") || ts < first + 2 {
            return None;
        }
        // (A bare participle after a comma is its own clause, whose subject
        // the parse already links to the clause before.)
        let mut j = ts - 1;
        if !input.is_word(j) || !lex.subordinators.contains(input.word(j)) {
            return None;
        }
        j -= 1;
        // "…, weeks after capturing Goma": up to two words of time between
        // the comma and the subordinator.
        let mut skipped = 0;
        while j > first
            && skipped < 2
            && input.raw(j) != ","
            && !verbish(input, lex, j)
            && !self.in_group(j)
            && !starts_upper(input, j)
        {
            j -= 1;
            skipped += 1;
        }
        // "Shoigu said after meeting Kim": with no comma, a verb right
        // before the subordinator is the head; so is the nearest verb of
        // the clause past its object and adjuncts ("Israeli jets hit the
        // ministry in Damascus on Wednesday after bombing tanks").
        if input.raw(j) != "," {
            let head = |k: usize| {
                input.is_word(k)
                    && verbish(input, lex, k)
                    && !self.in_group(k)
                    && !input.word(k).ends_with("ing")
            };
            if skipped == 0 && head(j) {
                return Some(j);
            }
            let c = self.clause_at(ts - 1);
            return (first.max(ts.saturating_sub(14))..ts - 1)
                .rev()
                .take_while(|&k| self.clause_at(k) == c && input.raw(k) != ",")
                .find(|&k| head(k) && !participle_after_noun(input, lex, k));
        }
        let mut words = 0;
        while j > first && words < 16 {
            j -= 1;
            if !input.is_word(j) {
                continue;
            }
            if verbish(input, lex, j) && !self.in_group(j) && !input.word(j).ends_with("ing") {
                return Some(j);
            }
            words += 1;
        }
        None
    }

    /// Is token `k` inside a group (a name)?
    fn in_group(&self, k: usize) -> bool {
        let i = self.groups.partition_point(|g| (g.tok_end as usize) <= k);
        self.groups
            .get(i)
            .is_some_and(|g| g.tok_start as usize <= k)
    }

    /// The verb that the verb at `ts` is coordinated with, when "and",
    /// "but" or "or" (after an optional comma) stands right before it: the
    /// nearest verb before the conjunction in the same clause, at most 12
    /// words back.
    fn coordinated_verb(
        &self,
        input: &Input,
        lex: &SyntaxLexicon,
        ts: usize,
        c: u16,
    ) -> Option<usize> {
        let first = self.first as usize;
        // Auxiliaries and some adverbs may stand between the conjunction
        // and the verb: "and has supplied", "and will send", "and instead
        // imposed".
        let mut k = ts;
        while k > first + 1
            && input.is_word(k - 1)
            && (lex.auxiliaries.contains(input.word(k - 1))
                || lex.verb_adverbs.contains(input.word(k - 1)))
        {
            k -= 1;
        }
        if k < first + 2
            || !input.is_word(k - 1)
            || !matches!(input.word(k - 1), "and" | "but" | "or")
        {
            return None;
        }
        let mut j = k - 1;
        if j > first && input.raw(j - 1) == "," {
            j -= 1;
        }
        // An attribution between the two verbs is passed over: "Pyongyang
        // has sent troops, according to Seoul, and has supplied shells".
        // So is a clause set off by commas inside the verb's own clause:
        // "its forces struck Hamas targets, including depots, and killed
        // two fighters" (the subject of "struck").
        let mut clause = c;
        if j > first && input.raw(j) == "," {
            let a = self.clause_at(j - 1);
            if a != c {
                let start = self.clauses[a as usize].start as usize;
                if start > first + 1 && input.raw(start - 1) == "," {
                    let outer = self.clause_at(start - 2);
                    // "The regime has sent troops to Russia, where they
                    // fight, and has supplied shells": the conjunction
                    // opened a main clause of its own, which goes on the
                    // main clause before the inserted one.
                    let resumed = self.clauses[c as usize].kind == ClauseKind::Main
                        && self.clauses[c as usize].start as usize > j
                        && self.clauses[outer as usize].kind == ClauseKind::Main;
                    if self.clauses[a as usize].kind == ClauseKind::Attribution
                        || outer == c
                        || resumed
                    {
                        j = start - 1;
                        clause = outer;
                    }
                }
            }
        } else if j > first + 1 {
            // And brackets right before the conjunction: "targeted a camp
            // of the People's Defence Force (PDF) and denied hitting…".
            let a = self.clause_at(j - 1);
            let start = self.clauses[a as usize].start as usize;
            if a != c
                && self.clauses[a as usize].kind == ClauseKind::Parenthetical
                && start > first
                && self.clause_at(start - 1) == c
            {
                j = start;
            }
        }
        let mut words = 0;
        while j > first && words < 12 {
            j -= 1;
            if self.clause_at(j) != clause || input.raw(j) == "," {
                return None;
            }
            if !input.is_word(j) {
                continue;
            }
            // A name between the conjunction and the verb makes it a new
            // subject ("Russia struck Kyiv and Ukraine hit back"): the
            // caller only asks when the conjunction is right before `ts`.
            // A name a preposition governs is no subject, so a verb-like
            // word right after it is a noun: "struck dozens of Hamas
            // targets".
            let noun = self
                .group_ending_at(j)
                .is_some_and(|g| self.groups[g as usize].prep.is_some());
            if verbish(input, lex, j) && !self.in_group(j) && !noun && !modifier_word(input, lex, j)
            {
                return Some(j);
            }
            words += 1;
        }
        None
    }

    /// The agent of a nominal trigger at `ts..te`: a possessor or modifier
    /// inside its noun phrase ("Israel's strikes", "Russian attacks", "a
    /// US drone strike"); else, when a light verb governs the noun ("Israel
    /// launched strikes") or the noun phrase is an adjunct of its clause
    /// ("killed him in a drone strike"), the subject of that clause.
    /// The giving verb ("granted", "handed") whose receiver group `g` is,
    /// titles between them: "handed Prime Minister Viktor Orban".
    fn receiver_of(&self, input: &Input, lex: &SyntaxLexicon, g: u16) -> Option<usize> {
        let gr = &self.groups[g as usize];
        if gr.possessive || gr.prep.is_some() {
            return None;
        }
        let mut v = gr.tok_start as usize;
        while v > self.first as usize
            && input.is_word(v - 1)
            && starts_upper(input, v - 1)
            && lex.titles.contains(input.word(v - 1))
        {
            v -= 1;
        }
        let v = v.checked_sub(1).filter(|&v| v >= self.first as usize)?;
        (input.is_word(v) && lex.giving_verbs.contains(input.word(v))).then_some(v)
    }

    pub fn nominal_subject(&self, input: &Input, lex: &SyntaxLexicon, ts: usize) -> Option<Found> {
        let c = self.clause_at(ts);
        // Walk left over the noun phrase: determiners, numbers, adjectives.
        let mut j = ts;
        let mut words = 0;
        let mut det_seen = false;
        while j > self.first as usize {
            let k = j - 1;
            if let Some(g) = self.group_ending_at(k + 1) {
                // A name before the phrase's article is no modifier of it:
                // "handed Orban an exemption". (A possessive still is:
                // "Russia's new offensive".)
                if det_seen && !self.groups[g as usize].possessive {
                    break;
                }
                // Nor is the receiver of a giving verb: "granted Ukraine
                // permission".
                if self.receiver_of(input, lex, g).is_some() {
                    break;
                }
                // An instrument ("a drone strike") is part of the phrase,
                // not its agent.
                if !self.can_act(input, g) {
                    j = self.groups[g as usize].tok_start as usize;
                    words += 1;
                    continue;
                }
                let gr = &self.groups[g as usize];
                if gr.prep.is_none() || gr.possessive || self.is_modifier(input, g, ts) {
                    return Some(Found::Group(g));
                }
                break;
            }
            if !input.is_word(k) {
                // The "'s" of a possessive belongs to the group before it,
                // and a hyphen glued on both sides to a compound modifier:
                // "a one-year exemption".
                let glued_hyphen = k > self.first as usize
                    && k + 1 < ts
                    && input.is_word(k - 1)
                    && modifier_word(input, lex, k + 1);
                if crate::segment::is_apostrophe(input.raw(k)) || glued_hyphen {
                    j = k;
                    continue;
                }
                break;
            }
            // "China-brokered talks": the go-between's compound is a
            // modifier of the phrase, not its agent.
            if lex.mediators.contains(input.word(k))
                && k > 1
                && input.raw(k - 1) == "-"
                && !input.tokens[k].space_before
                && let Some(g) = self.group_ending_at(k - 1)
            {
                j = self.groups[g as usize].tok_start as usize;
                words += 1;
                continue;
            }
            let w = input.word(k);
            if w == "s" && k > 0 && crate::segment::is_apostrophe(input.raw(k - 1)) {
                j = k;
                continue;
            }
            // "one-on-one talks": a word glued to a hyphen after it is part
            // of a compound modifier, whatever it is alone.
            if k + 2 < ts
                && matches!(input.raw(k + 1), "-" | "\u{2010}" | "\u{2011}")
                && !input.tokens[k + 1].space_before
                && !input.tokens[k + 2].space_before
            {
                j = k;
                continue;
            }
            // "five hours of talks", "a wave of strikes": a measure before
            // "of" belongs to the phrase.
            let measure_of = w == "of"
                && k > self.first as usize
                && input.is_word(k - 1)
                && !starts_upper(input, k - 1)
                && self.group_ending_at(k).is_none();
            if (lex.prepositions.contains(w) && !measure_of)
                || lex.auxiliaries.contains(w)
                || lex.subordinators.contains(w)
                || words >= 5
            {
                break;
            }
            // "amid escalating strikes": an adjective, part of the phrase.
            if lex.adjective_participles.contains(w)
                && k > self.first as usize
                && input.is_word(k - 1)
                && (lex.prepositions.contains(input.word(k - 1))
                    || lex.determiners.contains(input.word(k - 1)))
            {
                words += 1;
                j = k;
                continue;
            }
            // "ruled out talks": a verb's particle ends the phrase too.
            if lex.light_verbs.contains(w)
                || (input.verb_trigger)(k)
                || self.particle_at(input, lex, k)
            {
                break;
            }
            det_seen |= matches!(w, "a" | "an" | "the");
            words += 1;
            j = k;
        }
        // A light verb right before the noun phrase: its subject.
        let np_start = j;
        // "granted Ukraine permission", "handed Orban an exemption": a
        // giving verb, its receiver, then the noun phrase.
        if np_start > self.first as usize
            && let Some(g) = self.group_ending_at(np_start)
            && let Some(v) = self.receiver_of(input, lex, g)
        {
            return self.subject(input, lex, v);
        }
        let before = (self.first as usize..np_start)
            .rev()
            .find(|&k| input.is_word(k) && !lex.determiners.contains(input.word(k)));
        let mut v = before?;
        // "wrapped up a summit": the verb before its particle.
        if matches!(input.word(v), "up" | "off" | "out")
            && v > self.first as usize
            && input.is_word(v - 1)
            && lex.light_verbs.contains(input.word(v - 1))
        {
            v -= 1;
        }
        let w = input.word(v);
        if lex.light_verbs.contains(w) {
            return self.subject(input, lex, v);
        }
        // "Trump and Putin ended their summit": a noun owned by "their" or
        // "its" right after a verb is the verb's subject's.
        if np_start < ts
            && matches!(input.word(np_start), "their" | "its")
            && v + 1 == np_start
            && verbish(input, lex, v)
            && self.clause_at(v) == c
        {
            return self.subject(input, lex, v);
        }
        // "called off a summit": a verb and its particle.
        if self.particle_at(input, lex, v) {
            return self.subject(input, lex, v - 1);
        }
        // "JNIM claimed responsibility for the assault": the claimant, the
        // subject of the verb before the claim noun. A time may stand
        // between: "claimed responsibility on Saturday for an attack".
        let claim = (w == "for")
            .then(|| {
                (v.saturating_sub(4).max(self.first as usize)..v)
                    .rev()
                    .take_while(|&k| input.is_word(k) && !verbish(input, lex, k))
                    .find(|&k| lex.claim_nouns.contains(input.word(k)))
            })
            .flatten();
        if let Some(noun) = claim {
            let verb = (self.first as usize..noun)
                .rev()
                .take_while(|&k| self.clause_at(k) == c || !input.is_word(k))
                .find(|&k| verbish(input, lex, k))?;
            return self.subject(input, lex, verb);
        }
        if w == "in" || w == "with" || w == "at" || w == "under" {
            // An adjunct: the subject of the nearest verb before it in the
            // clause ("the US killed a general in a drone strike").
            let verb = (self.first as usize..v)
                .rev()
                .take_while(|&k| self.clause_at(k) == c || !input.is_word(k))
                .find(|&k| verbish(input, lex, k))?;
            // "sanctioned firms that made drones used in attacks on Kyiv": a
            // participle right after a noun opens a reduced relative, and
            // the clause's subject made no attack.
            if verb + 1 == v
                && lex.reduced_participles.contains(input.word(verb))
                && verb > self.first as usize
                && input.is_word(verb - 1)
                && !lex.auxiliaries.contains(input.word(verb - 1))
            {
                return None;
            }
            return self.subject(input, lex, verb);
        }
        None
    }

    /// Is the word at `k` the particle of a verb of `PARTICLE_VERBS` right
    /// before it ("off" in "called off", "out" in "ruled out")?
    fn particle_at(&self, input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
        let w = input.word(k);
        lex.particles.contains(w)
            && k > self.first as usize
            && input.is_word(k - 1)
            && lex
                .particle_verbs
                .contains(&format!("{} {w}", input.word(k - 1)))
    }

    /// The agent of a nominal trigger ending at `te` told by an object
    /// relative clause after it: "the blockade that JNIM declared on fuel
    /// imports", "the strikes which Israel has launched" (the clause's
    /// subject, a name right after "that"/"which", before a light verb or
    /// a verb trigger, auxiliaries between).
    pub fn relative_agent(&self, input: &Input, lex: &SyntaxLexicon, te: usize) -> Option<Found> {
        let n = input.tokens.len();
        if let Some(g) = self.participle_agent(input, lex, te) {
            return Some(Found::Via(g, "passive agent"));
        }
        if te + 2 >= n
            || !input.is_word(te)
            || !(input.word(te) == "that" || lex.relatives.contains(input.word(te)))
        {
            return None;
        }
        let mut start = te + 1;
        if input.is_word(start) && lex.determiners.contains(input.word(start)) {
            start += 1;
        }
        let g = self
            .groups
            .iter()
            .position(|g| g.tok_start as usize == start)?;
        let mut k = self.groups[g].tok_end as usize;
        while k < n && input.is_word(k) && lex.auxiliaries.contains(input.word(k)) {
            k += 1;
        }
        (k < n
            && input.is_word(k)
            && (lex.light_verbs.contains(input.word(k)) || (input.verb_trigger)(k)))
        .then_some(Found::Via(g as u16, "relative clause"))
    }

    /// Can group `g` be an agent: does it hold a named person, place or
    /// organisation (not only weapons or generic classes)?
    pub fn can_act(&self, input: &Input, g: u16) -> bool {
        self.members_of(g).iter().any(|&m| {
            let e = input.mentions[m as usize].entry;
            !input.gaz.is_generic(e) && !input.gaz.is_type(e, gazetteer::WEAPON)
        })
    }

    /// Does group `g` modify the head of the noun phrase of group `head`,
    /// right before it ("Russian missiles": "Russian" modifies
    /// "missiles")?
    pub fn modifies(&self, input: &Input, g: u16, head: u16) -> bool {
        let (a, b) = (&self.groups[g as usize], &self.groups[head as usize]);
        // Only within one clause: in "Abbas Araqchi said Iran would
        // negotiate" the reporter does not modify the reported subject.
        a.tok_end <= b.tok_start
            && self.clause_at(a.tok_start as usize) == self.clause_at(b.tok_start as usize)
            && (a.tok_end..b.tok_start).all(|k| {
                let k = k as usize;
                input.is_word(k) && !starts_upper(input, k) && !input.word(k).is_empty()
            })
            && (b.tok_start - a.tok_end) <= 2
    }

    /// Is group `g` the possessor of a noun phrase joined by "and" to group
    /// `head` ("Myanmar's military and the MNDAA agreed": Myanmar is a
    /// subject as much as the MNDAA)?
    pub fn possessor_joined(&self, input: &Input, g: u16, head: u16) -> bool {
        let (a, b) = (&self.groups[g as usize], &self.groups[head as usize]);
        if !a.possessive || a.tok_end >= b.tok_start {
            return false;
        }
        // Past the "'s" (or a bare "'"), at most two lower-case words, then
        // "and" and an optional determiner.
        let mut k = a.tok_end as usize;
        while k < b.tok_start as usize && !input.is_word(k) {
            k += 1;
        }
        if k < b.tok_start as usize && input.word(k) == "s" {
            k += 1;
        }
        let end = b.tok_start as usize;
        let Some(and) = (k..end).find(|&j| input.is_word(j) && input.word(j) == "and") else {
            return false;
        };
        and - k <= 2
            && (k..and).all(|j| input.is_word(j) && !starts_upper(input, j))
            && (and + 1..end)
                .all(|j| input.is_word(j) && matches!(input.word(j), "the" | "its" | "their"))
            && self.clause_at(a.tok_start as usize) == self.clause_at(b.tok_start as usize)
    }

    /// Does group `g` modify the noun at `ts` directly (a demonym or name
    /// right before it: "Russian attacks", "US drone strike")?
    fn is_modifier(&self, input: &Input, g: u16, ts: usize) -> bool {
        let gr = &self.groups[g as usize];
        let last = self.members_of(g).last().copied();
        let demonym = last.is_some_and(|m| input.mentions[m as usize].kind == AliasKind::Demonym);
        let words_between = (gr.tok_end as usize..ts)
            .filter(|&k| input.is_word(k))
            .count();
        demonym || words_between <= 2
    }

    fn group_ending_at(&self, k: usize) -> Option<u16> {
        self.groups
            .iter()
            .rposition(|g| g.tok_end as usize == k)
            .map(|i| i as u16)
    }

    /// The direct object of a verb trigger ending at `te`: the first group
    /// after it in its clause that no preposition governs.
    pub fn object(&self, input: &Input, lex: &SyntaxLexicon, te: usize, ts: usize) -> Option<u16> {
        let c = self.clause_at(ts);
        let from = past_free_relative(input, lex, te);
        self.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| (g.tok_start as usize) >= from && !g.compound)
            .find(|(_, g)| self.within(self.clause_at(g.tok_start as usize), c))
            // "hit only a radar site after Trump told it…": a name that
            // opens a subordinate clause is that clause's, not the object.
            .filter(|(_, g)| {
                let gc = self.clause_at(g.tok_start as usize);
                gc == c || self.clauses[gc as usize].kind != ClauseKind::Subordinate
            })
            .filter(|(_, g)| g.prep.is_none() || self.of_object(input, lex, g, te))
            .map(|(i, _)| i as u16)
            .or_else(|| self.relative_object(input, c, ts))
    }

    /// The object of a verb in an object relative clause is the clause's
    /// antecedent: "the Viv Ansanm coalition, which Washington designated
    /// a terrorist organisation" (Viv Ansanm). Only when the relative
    /// pronoun is no subject and a name before the verb is ("which
    /// Washington designated"), and no name follows the verb.
    fn relative_object(&self, input: &Input, c: u16, ts: usize) -> Option<u16> {
        let clause = &self.clauses[c as usize];
        if clause.kind != ClauseKind::Relative || clause.subject_gap || clause.reduced {
            return None;
        }
        let antecedent = clause.antecedent?;
        let start = clause.start as usize;
        let named_subject = self.groups.iter().any(|g| {
            let k = g.tok_start as usize;
            k > start && k < ts && self.clause_at(k) == c && g.prep.is_none()
        });
        let relative =
            input.is_word(start) && matches!(input.word(start), "which" | "that" | "whom");
        (named_subject && relative).then_some(antecedent)
    }

    /// Is group `g` the "of" complement of the head of the object that
    /// starts at `te`, at most three words before "of" ("bombed suspected
    /// hideouts of the TTP", "seized the headquarters of the Myanmar
    /// military")? It names what was hit.
    fn of_object(&self, input: &Input, lex: &SyntaxLexicon, g: &Group, te: usize) -> bool {
        self.of_complement(input, lex, g)
            && g.prep.is_some_and(|p| {
                (te..p as usize).filter(|&j| input.is_word(j)).count() <= 3
                    && (te..p as usize).all(|j| input.is_word(j))
            })
    }
}

/// What closes an open clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    /// The end of the sentence.
    End,
    /// The next comma.
    Comma,
    /// ")" or "]".
    Paren,
    /// The second dash.
    Dash,
}

/// Where the object after a verb starts, past a free relative that only
/// says who names it: "struck what the military described as Hezbollah
/// depots", "hit what Israel said were Hamas targets" (the object is what
/// follows "as" or the copula, not "the military"). `te` when the word
/// there is not "what" or no such verb follows within a few words.
fn past_free_relative(input: &Input, lex: &SyntaxLexicon, te: usize) -> usize {
    let n = input.tokens.len();
    if te >= n || !input.word_is(te, "what") {
        return te;
    }
    let Some(verb) = (te + 1..(te + 7).min(n))
        .find(|&k| input.is_word(k) && lex.naming_verbs.contains(input.word(k)))
    else {
        return te;
    };
    let mut k = verb + 1;
    while k < n
        && input.is_word(k)
        && (matches!(input.word(k), "as" | "to") || lex.auxiliaries.contains(input.word(k)))
    {
        k += 1;
    }
    k
}

/// Does the token start with a capital letter?
/// The ")" closing the bracket opened at `open` when all it holds is one
/// or two capitalised words right after a word: the short form of a name
/// ("(DRC)", "(M23)", "(Hamas)"), not an aside.
fn name_in_brackets(input: &Input, open: usize, to: usize) -> Option<usize> {
    if open == 0 || !input.is_word(open - 1) {
        return None;
    }
    let close = (open + 1..to.min(open + 4)).find(|&j| input.raw(j) == ")")?;
    (close > open + 1 && (open + 1..close).all(|j| input.is_word(j) && starts_upper(input, j)))
        .then_some(close)
}

fn starts_upper(input: &Input, k: usize) -> bool {
    input.raw(k).starts_with(char::is_uppercase)
}

impl Input<'_> {
    fn word_is(&self, k: usize, w: &str) -> bool {
        self.is_word(k) && self.word(k) == w
    }
}

/// The mention of the sentence that ends right before token `e`.
fn mention_ending_at<'i>(input: &'i Input, e: usize) -> Option<&'i Mention> {
    let ms = &input.mentions;
    let i = ms.partition_point(|m| (m.tok_end as usize) < e);
    ms.get(i).filter(|m| m.tok_end as usize == e)
}

/// The mention of the sentence that starts at token `b`.
fn mention_starting_at<'i>(input: &'i Input, b: usize) -> Option<&'i Mention> {
    let ms = &input.mentions;
    let i = ms.partition_point(|m| (m.tok_start as usize) < b);
    ms.get(i).filter(|m| m.tok_start as usize == b)
}

/// How two neighbouring mentions are joined, from the tokens between them:
/// `Some(true)` by a coordinator ("and", ", and", "as well as"),
/// `Some(false)` by a bare comma (a list, if a coordinator follows), `None`
/// not at all. Determiners may follow the joiner ("the US and the UK").
/// Do the tokens `a_end..b_start` hold ", and" (a comma, then a
/// coordinator) with a finite verb following: the start of a clause?
fn opens_clause(
    input: &Input,
    lex: &SyntaxLexicon,
    a_end: usize,
    b_start: usize,
    to: usize,
) -> bool {
    (a_end..b_start).any(|k| {
        !input.is_word(k)
            && input.raw(k) == ","
            && k + 1 < b_start
            && input.is_word(k + 1)
            && lex.coordinators.contains(input.word(k + 1))
            && finite_verb_follows(input, lex, k + 2, to)
    })
}

/// Does mention `m` end a prepositional phrase that opens its sentence,
/// closed by the comma right after it: the sentence's first word is a
/// preposition or a subordinator ("Despite", "In", "After"), and no comma
/// or verb comes between it and `m`?
fn opening_adjunct_comma(input: &Input, lex: &SyntaxLexicon, first: usize, m: &Mention) -> bool {
    let end = m.tok_end as usize;
    if !input.is_word(first)
        || !(lex.prepositions.contains(input.word(first))
            || lex.subordinators.contains(input.word(first)))
        || end >= input.tokens.len()
        || input.raw(end) != ","
    {
        return false;
    }
    (first + 1..m.tok_start as usize).all(|k| input.raw(k) != "," && !verbish(input, lex, k))
}

fn joiner(input: &Input, lex: &SyntaxLexicon, a_end: usize, b_start: usize) -> Option<bool> {
    let mut comma = false;
    let mut coordinated = false;
    let a_end = past_organ(input, lex, a_end, b_start);
    let b_start = title_phrase_start(input, lex, a_end, b_start);
    for k in a_end..b_start {
        if !input.is_word(k) {
            if input.raw(k) == "," && !comma && !coordinated {
                comma = true;
                continue;
            }
            return None;
        }
        let w = input.word(k);
        if !coordinated && lex.coordinators.contains(w) {
            coordinated = true;
        } else if coordinated
            && (lex.determiners.contains(w) || lex.coordinated_possessives.contains(w))
        {
        } else {
            return None;
        }
    }
    if coordinated {
        Some(true)
    } else if comma {
        Some(false)
    } else {
        None
    }
}

/// Where a title phrase of at most three words ends right before `b`, the
/// name after it, with a word of `TITLES` last ("Druze spiritual leader
/// Yousef al-Jarbou"): its first word, so that "Syria's interior ministry
/// and Druze spiritual leader Yousef al-Jarbou" is one list. `b` when
/// there is none; never before `from`.
fn title_phrase_start(input: &Input, lex: &SyntaxLexicon, from: usize, b: usize) -> usize {
    if b == 0 || b <= from || !input.is_word(b - 1) || !lex.titles.contains(input.word(b - 1)) {
        return b;
    }
    let mut j = b - 1;
    while j > from && b - j < 3 {
        let p = j - 1;
        if !input.is_word(p)
            || lex.coordinators.contains(input.word(p))
            || lex.determiners.contains(input.word(p))
            || lex.coordinated_possessives.contains(input.word(p))
        {
            break;
        }
        j = p;
    }
    j
}

/// Past an organ of the name that ends at `k`: "'s federal government" in
/// "Ethiopia's federal government and the TPLF", "army" in "the Sudanese
/// army and the RSF" (a possessive, at most two lower-case modifiers, a
/// word of `ORGAN_HEADS`). `k` itself when there is none.
fn past_organ(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> usize {
    let mut j = k;
    if is_possessive(input, j, to) {
        j += 2;
    }
    for n in 0..3 {
        if j + n >= to || !input.is_word(j + n) || starts_upper(input, j + n) {
            return k;
        }
        if lex.organ_heads.contains(input.word(j + n)) {
            return j + n + 1;
        }
    }
    k
}

/// Are the tokens `a..b` a title between a name and a person ("Foreign
/// Minister", "Secretary of State", "President")? One to four words, each
/// capitalised, "of"/"the" or a word of `TITLES`; no punctuation but the
/// full stop of an abbreviation ("Gen.") and one comma after the title
/// ("his Afghan counterpart, Mullah Mohammad Yaqoob").
fn titled_between(input: &Input, titles: &WordSet, a: usize, b: usize) -> bool {
    let mut words = 0;
    let mut comma = false;
    // A possessive before the title: "North Korea's leader Kim Jong Un".
    let possessive = a + 1 < b
        && crate::segment::is_apostrophe(input.raw(a))
        && input.is_word(a + 1)
        && input.word(a + 1) == "s";
    let a = if possessive { a + 2 } else { a };
    for k in a..b {
        if !input.is_word(k) {
            if input.raw(k) == "." && !input.tokens[k].space_before {
                continue;
            }
            // An apposition after the title: "his Afghan counterpart,
            // Mullah Mohammad Yaqoob".
            // (Not after a possessive: "Hamas's political chief, Khalil
            // al-Hayya," keeps Hamas a phrase of its own, the party he
            // speaks for.)
            if input.raw(k) == "," && words > 0 && !comma && !possessive {
                comma = true;
                continue;
            }
            return false;
        }
        let w = input.word(k);
        if !(starts_upper(input, k) || matches!(w, "of" | "the") || titles.contains(w)) {
            return false;
        }
        words += 1;
    }
    (1..=4).contains(&words)
}

/// The first token of a title right before a person's name at `k`
/// ("Foreign Minister Sergey Lavrov" → "Foreign"), or `k`.
fn title_start(input: &Input, k: usize, from: usize) -> usize {
    let mut j = k;
    let mut words = 0;
    while j > from && words < 4 {
        let p = j - 1;
        let titled = input.is_word(p)
            && (starts_upper(input, p) || (words > 0 && matches!(input.word(p), "of" | "the")))
            && p > from;
        if !titled {
            break;
        }
        words += 1;
        j = p;
    }
    // Do not end on "of"/"the".
    while j < k && input.is_word(j) && !starts_upper(input, j) {
        j += 1;
    }
    j
}

/// Is the token at `k` (the end of a group) a hyphen glued to a word on
/// both sides ("US-made")?
fn starts_compound(input: &Input, k: usize, to: usize) -> bool {
    k + 1 < to
        && !input.is_word(k)
        && matches!(input.raw(k), "-" | "\u{2010}" | "\u{2011}")
        && !input.tokens[k].space_before
        && input.is_word(k + 1)
        && !input.tokens[k + 1].space_before
}

/// Is the token at `k` (the end of a group) a possessive "'s"?
fn is_possessive(input: &Input, k: usize, to: usize) -> bool {
    k + 1 < to
        && crate::segment::is_apostrophe(input.raw(k))
        && input.is_word(k + 1)
        && input.word(k + 1) == "s"
}

/// What stands before a noun phrase: a preposition governing it, a verb
/// whose object it is, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Governor {
    Prep(u32),
    Verb,
    None,
}

/// What governs the noun phrase that contains token `k`: looking left over
/// numbers, possessives and at most three modifiers, up to a determiner,
/// which must follow a preposition or verb directly ("in the southern
/// Rostov region", "in Russia's Kursk region" → the preposition; "killed a
/// top Iranian general", "soldiers assisting Moscow" → a verb).
fn governor(input: &Input, lex: &SyntaxLexicon, k: usize, from: usize) -> Governor {
    let mut j = k;
    let mut modifiers = 0;
    let verb_or_prep = |p: usize| {
        let w = input.word(p);
        if lex.prepositions.contains(w) {
            Governor::Prep(p as u32)
        } else if verbish(input, lex, p) || (w.len() > 4 && w.ends_with("ing")) {
            Governor::Verb
        } else {
            Governor::None
        }
    };
    // A phrase that opens with its determiner ("his country") is governed
    // only by the word right before it: in "said on Friday his country
    // would…", "on" governs "Friday", not the phrase.
    if input.is_word(k) && lex.determiners.contains(input.word(k)) {
        return match k > from && input.is_word(k - 1) {
            true => verb_or_prep(k - 1),
            false => Governor::None,
        };
    }
    while j > from {
        let p = j - 1;
        if !input.is_word(p) {
            // Possessive "'s" of a preceding name, or hyphens inside a
            // modifier.
            if crate::segment::is_apostrophe(input.raw(p)) || input.raw(p) == "-" {
                j = p;
                continue;
            }
            return Governor::None;
        }
        let w = input.word(p);
        if lex.determiners.contains(w) {
            return if p > from && input.is_word(p - 1) {
                verb_or_prep(p - 1)
            } else {
                Governor::None
            };
        }
        if input.tokens[p].kind == TokenKind::Number {
            j = number_prefix_start(input, lex, p, from);
            continue;
        }
        if w == "s" && p > from && crate::segment::is_apostrophe(input.raw(p - 1)) {
            j = p;
            continue;
        }
        // The second word of a hyphenated compound modifies the noun
        // phrase; it governs nothing: "the al Qaeda-linked group JNIM",
        // "the Iran-backed militia".
        if p > from && starts_compound(input, p - 1, p + 1) {
            if modifiers >= 3 {
                return Governor::None;
            }
            modifiers += 1;
            j = p;
            continue;
        }
        match verb_or_prep(p) {
            Governor::None => {}
            g => return g,
        }
        // "… over Transnistria while Russia keeps troops": a subordinator
        // opens a clause; nothing before it governs the phrase.
        if modifiers >= 3
            || lex.auxiliaries.contains(w)
            || lex.coordinators.contains(w)
            || lex.subordinators.contains(w)
            || lex.relatives.contains(w)
            || lex.complementizers.contains(w)
        {
            return Governor::None;
        }
        modifiers += 1;
        j = p;
    }
    Governor::None
}

/// Where the quantity whose number is token `k` starts: before a prefix
/// of `NUMBER_PREFIXES` that ends right before it ("more than 100"), else
/// at the number itself.
fn number_prefix_start(input: &Input, lex: &SyntaxLexicon, k: usize, from: usize) -> usize {
    if k <= from || !input.is_word(k - 1) {
        return k;
    }
    lex.number_prefixes
        .ending_with(input.word(k - 1))
        .iter()
        .filter_map(|p| {
            let start = k.checked_sub(p.len())?;
            (start >= from
                && p.iter()
                    .enumerate()
                    .all(|(i, w)| input.word_is(start + i, w)))
            .then_some(start)
        })
        .min()
        .unwrap_or(k)
}

/// Does token `k` look like a finite verb: an auxiliary, a reporting or
/// light verb, a trigger in a verb form, or a lower-case past tense
/// ("killed")?
fn verbish(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    if !input.is_word(k) {
        return false;
    }
    let w = input.word(k);
    lex.auxiliaries.contains(w)
        || lex.light_verbs.contains(w)
        || phrase_ends_at(input, &lex.reporting, k)
        || phrase_ends_at(input, &lex.reporting_that, k)
        || (input.verb_trigger)(k)
        || (w.len() > 4
            && w.ends_with("ed")
            && input.raw(k).starts_with(|c: char| c.is_lowercase()))
}

/// Is word `k` a lower-case past participle: an "-ed" form of five letters
/// or more, or an irregular past (`IRREGULAR_PAST`: "held", "sent")?
fn past_participle(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    let w = input.word(k);
    (w.len() > 4 && w.ends_with("ed") || lex.irregular_past.contains(w))
        && input.raw(k).starts_with(|ch: char| ch.is_lowercase())
}

/// Is word `k` a past participle ("stationed", "sent") right after a
/// noun ([`noun_like`])?
fn participle_after_noun(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    if k == 0 || !input.is_word(k) || !input.is_word(k - 1) {
        return false;
    }
    let w = input.word(k);
    (w.len() > 4 && w.ends_with("ed") || w == "sent") && noun_like(input, lex, k - 1)
}

/// Can word `k` end a noun phrase: no verb, function word or adverb
/// ("recently deployed", "to", "than")?
fn noun_like(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    let w = input.word(k);
    !verbish(input, lex, k)
        && !w.ends_with("ly")
        && !lex.determiners.contains(w)
        && !lex.coordinators.contains(w)
        && !lex.prepositions.contains(w)
        && !lex.pronouns.contains(w)
        && !lex.relatives.contains(w)
        && !lex.complementizers.contains(w)
        && !lex.subordinators.contains(w)
        && !matches!(
            w,
            "to" | "not"
                | "also"
                | "then"
                | "already"
                | "since"
                | "now"
                | "just"
                | "what"
                | "if"
                | "as"
                | "than"
                | "so"
        )
}

/// Does a phrase of `set` end at word `k`? The whole phrase: "to" ends
/// "according to", but alone it is no reporting verb.
fn phrase_ends_at(input: &Input, set: &crate::words::PhraseSet, k: usize) -> bool {
    set.ending_with(input.word(k)).iter().any(|p| {
        p.len() <= k + 1
            && p.iter()
                .rev()
                .enumerate()
                .all(|(n, w)| input.is_word(k - n) && input.word(k - n) == w)
    })
}

/// Is the word at `k` a noun or an adjective however verb-like it looks:
/// after a determiner or a possessive pronoun ("added them to its list",
/// "the wanted man"), or glued by a hyphen to the word before ("its
/// so-called shadow fleet", "a US-led coalition")?
fn modifier_word(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    if k == 0 {
        return false;
    }
    if input.is_word(k - 1) {
        let w = input.word(k - 1);
        return lex.determiners.contains(w) || lex.possessive_pronouns.contains(w);
    }
    !input.tokens[k].space_before
        && !input.tokens[k - 1].space_before
        && matches!(input.raw(k - 1), "-" | "\u{2010}" | "\u{2011}")
}

/// Does a reporting phrase start at `k`? Returns its length in tokens, and
/// whether it reports whatever clause follows (`REPORTING`) or only one
/// introduced by "that" (`REPORTING_THAT`).
fn reporting_at(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> Option<(usize, bool)> {
    // Asked at every word of a parsed sentence, where almost no phrase
    // starts: both lists are looked up once, and nothing more is done
    // when neither has a phrase here.
    let word = input.word(k);
    let (reporting, reporting_that) = (
        lex.reporting.starting_with(word),
        lex.reporting_that.starting_with(word),
    );
    if reporting.is_empty() && reporting_that.is_empty() {
        return None;
    }
    let longest = |found: &[crate::words::Phrase]| {
        found
            .iter()
            .filter_map(|p| {
                let mut j = k + 1;
                for w in &p[1..] {
                    if j >= to || !input.word_is(j, w) {
                        return None;
                    }
                    j += 1;
                }
                Some(j - k)
            })
            .max()
    };
    longest(reporting)
        .map(|n| (n, true))
        .or_else(|| longest(reporting_that).map(|n| (n, false)))
}

/// Is the reporting word at `k..end` a participle modifying the noun
/// after it ("their first claimed attack", "the reported strike")? It is
/// when a determiner stands right before it, or before an ordinal or
/// "latest" before it, and a word follows. ("The group said" reports: a
/// noun stands between.)
fn modifies_noun(input: &Input, lex: &SyntaxLexicon, k: usize, end: usize, to: usize) -> bool {
    let determiner_at = |j: usize| input.is_word(j) && lex.determiners.contains(input.word(j));
    end < to
        && input.is_word(end)
        && !lex.prepositions.contains(input.word(end))
        && !lex.complementizers.contains(input.word(end))
        && ((k >= 1 && determiner_at(k - 1))
            || (k >= 2
                && input.is_word(k - 1)
                && matches!(
                    input.word(k - 1),
                    "first" | "second" | "third" | "latest" | "last" | "previous" | "earlier"
                )
                && determiner_at(k - 2)))
}

/// Is the reporting word at `k` a plural noun, as its "-s" form is right
/// after a preposition, or after one and up to three capitalised
/// modifiers ("amid reports", "the grouping of West African states")? A
/// verb never stands there ("to" aside: "to say" is an infinitive).
fn plural_after_preposition(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    if !input.word(k).ends_with('s') {
        return false;
    }
    let mut j = k;
    while j > 0 && k - j < 3 && input.is_word(j - 1) && starts_upper(input, j - 1) {
        j -= 1;
    }
    j > 0
        && input.is_word(j - 1)
        && input.word(j - 1) != "to"
        && lex.prepositions.contains(input.word(j - 1))
}

/// Where the report after a reporting verb ending before `end` starts,
/// past a short adjunct ("on Tuesday", "in a statement", "late on
/// Thursday") when "that" or a pronoun follows it; else `end`.
fn adjunct_end(input: &Input, lex: &SyntaxLexicon, end: usize, to: usize) -> usize {
    let opens_adjunct = |w: &str| {
        lex.prepositions.contains(w) || matches!(w, "late" | "early" | "last" | "earlier" | "this")
    };
    if end >= to || !input.is_word(end) || !opens_adjunct(input.word(end)) {
        return end;
    }
    for j in end + 1..(end + 5).min(to) {
        if !input.is_word(j) {
            return end;
        }
        let w = input.word(j);
        // "said on Tuesday his government would not negotiate": a
        // possessive opens the report as a pronoun does.
        if lex.complementizers.contains(w)
            || lex.pronouns.contains(w)
            || lex.possessive_pronouns.contains(w)
            || matches!(w, "his" | "her")
        {
            return j;
        }
    }
    end
}

/// Does token `k` stand for a subject named elsewhere: a pronoun ("it
/// struck"), or a possessive one that no preposition governs ("its
/// aircraft struck", not "in its statement")?
fn pronoun_subject(input: &Input, lex: &SyntaxLexicon, k: usize) -> bool {
    let w = input.word(k);
    lex.pronouns.contains(w)
        || (lex.possessive_pronouns.contains(w)
            && !(k > 0 && input.is_word(k - 1) && lex.prepositions.contains(input.word(k - 1))))
}

/// Is the relative pronoun's clause missing its subject ("which fired",
/// "who have attacked") rather than having one ("which Russia says")?
fn subject_gap(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> bool {
    let k = past_time_adjunct(input, k, to);
    if k >= to || !input.is_word(k) {
        return true;
    }
    let w = input.word(k);
    let has_subject = lex.determiners.contains(w)
        || lex.pronouns.contains(w)
        || input.mentions.iter().any(|m| m.tok_start as usize == k)
        || input.raw(k).chars().next().is_some_and(char::is_uppercase);
    !has_subject
}

/// Past a time adjunct or an adverb at `k`: "which this year seized",
/// "who last month attacked", "which then fired" (the subject is still
/// missing after it).
fn past_time_adjunct(input: &Input, mut k: usize, to: usize) -> usize {
    const TIME_NOUNS: &[&str] = &[
        "year",
        "month",
        "week",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ];
    const ADVERBS: &[&str] = &[
        "then",
        "later",
        "also",
        "earlier",
        "recently",
        "reportedly",
        "allegedly",
        "subsequently",
        "again",
        "since",
        "already",
        "previously",
        "once",
    ];
    while k < to && input.is_word(k) {
        let w = input.word(k);
        if ADVERBS.contains(&w) {
            k += 1;
        } else if matches!(w, "this" | "last" | "next" | "earlier")
            && k + 1 < to
            && input.is_word(k + 1)
            && TIME_NOUNS.contains(&input.word(k + 1))
        {
            k += 2;
        } else {
            break;
        }
    }
    k
}

/// Is there an auxiliary within a few words after `k`, before a comma, with
/// a word before it ("announced the US will provide…": a clause follows)?
fn aux_follows(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> bool {
    let mut words = 0;
    for j in k..to.min(k + 10) {
        if !input.is_word(j) {
            if matches!(input.raw(j), "," | ";" | ":") {
                return false;
            }
            continue;
        }
        if lex.auxiliaries.contains(input.word(j)) {
            return words > 0;
        }
        words += 1;
    }
    false
}

/// Is there a finite verb ([`verbish`]) within a few words after `k`,
/// before a comma? ("after Kyiv struck…" starts a clause, "after the
/// strike" does not.)
/// Does an object start at `k`: a determiner, a pronoun, a number or a
/// name?
fn starts_object(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> bool {
    if k >= to || !input.is_word(k) {
        return false;
    }
    let w = input.word(k);
    let ms = input.mentions;
    let i = ms.partition_point(|m| (m.tok_start as usize) < k);
    lex.determiners.contains(w)
        || lex.pronouns.contains(w)
        || w.starts_with(|c: char| c.is_ascii_digit())
        || ms.get(i).is_some_and(|m| m.tok_start as usize == k)
}

/// Does the comma at `k` close the second item of a list of common nouns,
/// "flour, baby food, and medical supplies": one to three words with no
/// verb after another comma, itself after a word. The ", and" then ends
/// the list, whatever the last item reads like ("supplies" is also a verb).
fn word_list_before_comma(input: &Input, lex: &SyntaxLexicon, from: usize, k: usize) -> bool {
    for (words, j) in (from..k).rev().enumerate() {
        if !input.is_word(j) {
            return input.raw(j) == ","
                && (1..=3).contains(&words)
                && j > from
                && input.is_word(j - 1)
                && !verbish(input, lex, j - 1);
        }
        if words == 3 || verbish(input, lex, j) || lex.coordinators.contains(input.word(j)) {
            return false;
        }
    }
    false
}

fn finite_verb_follows(input: &Input, lex: &SyntaxLexicon, k: usize, to: usize) -> bool {
    let mut words = 0;
    // After a determiner, a trigger word is the head of a noun phrase
    // ("after a drone attack"), not a verb, unless a name came between;
    // an auxiliary still is one.
    let mut noun_phrase = false;
    // Words of the noun phrase after its determiner: past two of them, a
    // past tense ends it ("said a Russian military aircraft violated…"),
    // while "the disputed islands", "a newly deployed unit" go on.
    let mut np_words = 0;
    for j in k..to {
        if !input.is_word(j) {
            if input.raw(j) == "," {
                return false;
            }
            continue;
        }
        // "struck Natanz before dawn on Friday and killed a commander": a
        // verb after a coordinator, with none before it, goes on the
        // clause the subordinator hangs on; "before" is a preposition.
        if lex.coordinators.contains(input.word(j))
            && j + 1 < to
            && input.is_word(j + 1)
            && verbish(input, lex, j + 1)
        {
            return false;
        }
        let aux = lex.auxiliaries.contains(input.word(j));
        let past = np_words >= 2 && input.word(j).ends_with("ed");
        // A word glued by a hyphen to the one before is a compound's part
        // ("a nuclear-powered submarine", "Iran-backed"), not a verb.
        if j > k && input.raw(j - 1) == "-" {
            words += 1;
            continue;
        }
        if verbish(input, lex, j) && (words > 0 || aux) && (aux || !noun_phrase || past) {
            return true;
        }
        // Inside a noun phrase, a past form after its head and before an
        // object is the clause's verb: "after the rebels attacked a base",
        // not "after the occupied territories" (right after the
        // determiner) or "the forces based in Mali" (no object).
        if noun_phrase
            && words > 0
            && !lex.determiners.contains(input.word(j - 1))
            && input.word(j).ends_with("ed")
            && verbish(input, lex, j)
            && starts_object(input, lex, j + 1, to)
        {
            return true;
        }
        // A present tense after a noun phrase's head (`PRESENT_VERBS`):
        // "said the proposed sale includes eight systems".
        if noun_phrase && np_words >= 1 && lex.present_verbs.contains(input.word(j)) {
            return true;
        }
        // And a past form that ends the clause after a noun phrase's head:
        // "while the bombing continued.", "after the truce collapsed,"
        // (intransitive; "after the disputed," never reaches here: the
        // head must come first).
        if noun_phrase
            && np_words >= 1
            && input.word(j).ends_with("ed")
            && verbish(input, lex, j)
            && (j + 1 >= to || matches!(input.raw(j + 1), "." | "," | ";"))
        {
            return true;
        }
        // So is a trigger verb in its past form before a bare noun: "after
        // the rebels attacked civilians" (not "the troops deployed in
        // Mali": a preposition follows).
        if noun_phrase
            && np_words >= 1
            && (input.word(j).ends_with("ed") || lex.irregular_past.contains(input.word(j)))
            && (input.verb_trigger)(j)
            && j + 1 < to
            && input.is_word(j + 1)
            && !lex.prepositions.contains(input.word(j + 1))
            && !lex.auxiliaries.contains(input.word(j + 1))
        {
            return true;
        }
        // A name heads its noun phrase: "after the US killed" goes on
        // with a verb.
        let in_name = {
            let ms = input.mentions;
            let i = ms.partition_point(|m| (m.tok_end as usize) <= j);
            ms.get(i).is_some_and(|m| {
                (m.tok_start as usize) <= j
                    && m.kind == crate::gazetteer::AliasKind::Name
                    && !input.gaz.is_generic(m.entry)
            })
        };
        let determiner = lex.determiners.contains(input.word(j));
        np_words = if noun_phrase && !determiner {
            np_words + 1
        } else {
            0
        };
        noun_phrase = !in_name && (noun_phrase || determiner);
        words += 1;
        if words > 8 {
            return false;
        }
    }
    false
}
