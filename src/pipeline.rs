//! The pipeline: built once from a [`Config`], then applied to documents.
//!
//! Building loads and compiles everything that does not depend on a document
//! (gazetteer automaton, rules, segmenter); [`Pipeline::process`] then runs
//! segment → normalise → match → resolve → rules on one document. A pipeline
//! is immutable and `Sync`: the batch driver shares one across all threads.
//! Per-document scratch buffers live in a thread-local, so processing a
//! document allocates only what it returns.

use crate::dates::{self, DateMention, EventDate};
use crate::defaults;
use crate::document::Document;
use crate::gazetteer::{self, Gazetteer, GazetteerError, GazetteerStats, Matcher};
use crate::patterns::{self, PatternError, PatternSet};
use crate::quantity::{self, Quantity};
use crate::resolve::{Mention, Unlisted, drop_countered_classes, resolve, trim_class_words};
use crate::rules::engine::{DocView, Event};
use crate::rules::{self, RuleError, RuleSet};
use crate::segment::{Segmenter, Sentence, Token};
use crate::{acronyms, normalize, reference};
use crate::{elaboration, gapping, specify};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to load and how to behave.
///
/// ```
/// use evex::{Config, Pipeline};
/// let config = Config {
///     include_generic: true, // also report "drones" as an entity
///     ..Config::default()
/// };
/// let pipeline = Pipeline::new(&config).unwrap();
/// # let _ = pipeline;
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    /// User gazetteer files or folders, merged over the defaults.
    pub gazetteers: Vec<PathBuf>,
    /// User rule files or folders; a rule with a default's id replaces it.
    pub rules: Vec<PathBuf>,
    /// User entity pattern files or folders (`.patterns`, `.txt` word
    /// lists); a pattern with a default's id replaces it.
    pub patterns: Vec<PathBuf>,
    /// Load the compiled-in gazetteers.
    pub default_gazetteers: bool,
    /// Load the compiled-in rules.
    pub default_rules: bool,
    /// Load the compiled-in entity patterns.
    pub default_patterns: bool,
    /// Merge repeated mentions of one event (`--keep-duplicates` keeps
    /// them; README, "Outputs").
    pub merge_events: bool,
    /// Report mentions of generic classes ("drones") as entities too.
    pub include_generic: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            gazetteers: Vec::new(),
            rules: Vec::new(),
            patterns: Vec::new(),
            default_gazetteers: true,
            default_rules: true,
            default_patterns: true,
            merge_events: true,
            include_generic: false,
        }
    }
}

/// Why a pipeline could not be built. Reported before any document is read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    /// A gazetteer file is wrong (`file:line: …`).
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    /// A rule file is wrong (`file:line: …`).
    Rules(#[from] RuleError),
    #[error(transparent)]
    /// An entity pattern file is wrong (`file:line: …`).
    Patterns(#[from] PatternError),
    /// A file or folder cannot be read.
    #[error("{path}: {message}")]
    Io {
        /// The file or folder.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// Everything found in one document.
///
/// ```
/// use evex::{Basis, Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let doc = Document {
///     date: Some("2024-11-20".into()),
///     ..Document::new("d1", "On Tuesday, Russia deployed about 5,000 troops to Belarus.")
/// };
/// let out = pipeline.process(&doc);
/// assert_eq!((out.sentences.len(), out.events.len()), (1, 1));
/// let date = out.event_dates[0].unwrap();
/// assert_eq!((date.value.to_string(), date.basis), ("2024-11-19".into(), Basis::Relative));
/// let q = out.quantities[0].as_ref().unwrap();
/// assert_eq!((q.value, q.unit, q.qualifier), (Some(5000.0), Some("troops"), Some("about")));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Byte spans of the sentences.
    pub sentences: Vec<(u32, u32)>,
    /// Entity mentions in text order (generic classes included; see
    /// [`Pipeline::is_reported`]).
    pub mentions: Vec<Mention>,
    /// Entities listed in no gazetteer, found by entity patterns; their
    /// mentions are in `mentions` ([`Mention::unlisted`]). Names that a
    /// `drop` pattern found are here too, with no mention.
    pub unlisted: Vec<Unlisted>,
    /// The events found.
    pub events: Vec<Event>,
    /// One date per event, in the order of `events`.
    pub event_dates: Vec<Option<EventDate>>,
    /// One quantity per event, read from its `quantity` role
    /// (value, unit, qualifier); `None` when it has none, or when the number
    /// is part of a date.
    pub quantities: Vec<Option<Quantity>>,
    /// The date expressions found in the sentences that hold events.
    pub date_mentions: Vec<DateMention>,
}

/// The compiled pipeline.
///
/// ```
/// use evex::{Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let out = pipeline.process(&Document::new("d1", "Russia has deployed 5,000 troops to Belarus."));
/// assert_eq!(out.events[0].role("actor"), Some("Russia"));
/// ```
#[derive(Debug)]
pub struct Pipeline {
    gazetteer: Gazetteer,
    matcher: Matcher,
    patterns: PatternSet,
    rules: RuleSet,
    references: reference::References,
    segmenter: Segmenter,
    config: Config,
    load_seconds: f64,
    fingerprints: crate::fingerprint::Loaded,
}

#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    folded: String,
    words: Vec<u32>,
    candidates: Vec<gazetteer::Candidate>,
    triggers: Vec<u32>,
    taken: Vec<u32>,
    patterns: patterns::Scratch,
    references: Vec<Mention>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Pipeline {
    /// Loads the gazetteers and rules named by `config` (and the defaults
    /// unless switched off) and compiles them.
    ///
    /// A mistake in a user file is an error that names it:
    ///
    /// ```
    /// use evex::{Config, Pipeline};
    /// let config = Config { gazetteers: vec!["no/such/file.tsv".into()], ..Config::default() };
    /// let err = Pipeline::new(&config).unwrap_err();
    /// assert!(err.to_string().starts_with("no/such/file.tsv: "));
    /// ```
    pub fn new(config: &Config) -> Result<Pipeline, ConfigError> {
        let started = Instant::now();
        let mut gsources = Vec::new();
        if config.default_gazetteers {
            gsources.extend(
                defaults::GAZETTEERS
                    .iter()
                    .map(|(name, text)| gazetteer::Source {
                        name: name.to_string(),
                        text: text.to_string(),
                        user: false,
                    }),
            );
        }
        for (name, text) in read_files(&config.gazetteers, &["tsv", "txt"])? {
            gsources.push(gazetteer::Source {
                name,
                text,
                user: true,
            });
        }
        let mut gazetteer = Gazetteer::build(&gsources)?;
        let mut psources = Vec::new();
        if config.default_patterns {
            psources.extend(
                defaults::PATTERNS
                    .iter()
                    .map(|(name, text)| patterns::Source {
                        name: name.to_string(),
                        text: text.to_string(),
                        user: false,
                    }),
            );
        }
        for (name, text) in read_files(&config.patterns, &["patterns", "txt"])? {
            psources.push(patterns::Source {
                name,
                text,
                user: true,
            });
        }
        let mut rsources = Vec::new();
        if config.default_rules {
            rsources.extend(defaults::RULES.iter().map(|(name, text)| rules::Source {
                name: name.to_string(),
                text: text.to_string(),
                user: false,
            }));
        }
        for (name, text) in read_files(&config.rules, &["rules", "tsv"])? {
            rsources.push(rules::Source {
                name,
                text,
                user: true,
            });
        }
        // Patterns may use the rule files' word lists (titles, months…),
        // so that each list is written once; the default lists are there
        // for the default patterns even with --no-default-rules.
        let default_lexicon: Vec<rules::Source> = defaults::RULES
            .iter()
            .filter(|_| !config.default_rules)
            .map(|(name, text)| rules::Source {
                name: name.to_string(),
                text: text.to_string(),
                user: false,
            })
            .chain(rsources.iter().cloned())
            .collect();
        let patterns = PatternSet::build(
            &psources,
            &rules::word_lists(&default_lexicon)?,
            &mut gazetteer,
        )?;
        let rules = RuleSet::build(&rsources, &gazetteer)?;
        let matcher = Matcher::new(&gazetteer, rules.triggers.keys().map(String::as_str))?;
        let segmenter = Segmenter::new(rules.lexicon.abbreviations.iter().cloned());
        let references = reference::References::new(&rules.lexicon.reference, &gazetteer);
        let fingerprint = |sources: &mut dyn Iterator<Item = (&str, &str, bool)>| {
            let mut f = crate::fingerprint::Fingerprinter::new();
            for (name, text, user) in sources {
                f.part(name.as_bytes())
                    .part(text.as_bytes())
                    .part(&[user as u8]);
            }
            f.finish()
        };
        let fingerprints = crate::fingerprint::Loaded {
            gazetteer: fingerprint(
                &mut gsources
                    .iter()
                    .map(|s| (s.name.as_str(), s.text.as_str(), s.user)),
            ),
            rules: fingerprint(
                &mut rsources
                    .iter()
                    .map(|s| (s.name.as_str(), s.text.as_str(), s.user)),
            ),
            // The word lists patterns use come from rule files.
            patterns: fingerprint(
                &mut psources
                    .iter()
                    .map(|s| (s.name.as_str(), s.text.as_str(), s.user))
                    .chain(
                        default_lexicon
                            .iter()
                            .map(|s| (s.name.as_str(), s.text.as_str(), s.user)),
                    ),
            ),
        };
        Ok(Pipeline {
            fingerprints,
            gazetteer,
            matcher,
            patterns,
            rules,
            references,
            segmenter,
            config: config.clone(),
            load_seconds: started.elapsed().as_secs_f64(),
        })
    }

    /// The merged gazetteer (for the benches; not part of the API).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The automaton over gazetteer aliases and rule triggers.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The compiled rules (for the benches; not part of the API).
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The entity patterns for names no gazetteer lists.
    pub fn patterns(&self) -> &PatternSet {
        &self.patterns
    }

    /// Entry, alias and pattern counts; build time includes compiling the
    /// automaton.
    pub fn gazetteer_stats(&self) -> GazetteerStats {
        let mut stats = self.gazetteer.stats();
        stats.patterns = self.matcher.patterns();
        stats.build_seconds += self.matcher.build_seconds();
        stats.automaton_seconds = self.matcher.automaton_seconds();
        stats
    }

    /// Hashes of the gazetteer and rule files that were loaded.
    pub fn fingerprints(&self) -> &crate::fingerprint::Loaded {
        &self.fingerprints
    }

    /// Seconds spent loading and compiling gazetteers and rules.
    ///
    /// ```
    /// # use evex::{Config, Pipeline};
    /// let pipeline = Pipeline::new(&Config::default()).unwrap();
    /// assert!(pipeline.load_seconds() > 0.0);
    /// ```
    pub fn load_seconds(&self) -> f64 {
        self.load_seconds
    }

    /// Is this mention of `ex` written to entities.csv? Generic classes are
    /// not, unless the config asks for them; nor is a reference ("the
    /// military") to an entity that the document never names, which fills
    /// event roles but is no name a reader would mark. A state's ministry
    /// told by its kind ("the Defense Ministry said") is named all the
    /// same: the words say which ministry it is.
    pub fn is_reported(&self, ex: &Extraction, m: &Mention) -> bool {
        (self.config.include_generic || !self.gazetteer.is_generic(m.entry))
            && (m.kind != gazetteer::AliasKind::Reference
                || self
                    .gazetteer
                    .entry(m.entry)
                    .attributes
                    .iter()
                    .any(|(k, v)| k == "class" && v.ends_with("-ministry"))
                || ex.mentions.iter().any(|o| {
                    o.kind != gazetteer::AliasKind::Reference
                        && (o.entry, o.unlisted) == (m.entry, m.unlisted)
                }))
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: &Document) -> Extraction {
        self.process_traced(doc, None)
    }

    /// [`Pipeline::process`], recording in `trace` why each rule did or did
    /// not fire at each trigger.
    pub fn process_traced(
        &self,
        doc: &Document,
        mut trace: Option<&mut Vec<String>>,
    ) -> Extraction {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let s = &mut *guard;
            let text = doc.text.as_str();
            normalize::segment_folded(
                &self.segmenter,
                text,
                &mut s.tokens,
                &mut s.sentences,
                &mut s.folded,
            );
            s.words.clear();
            s.words.extend(
                s.tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.is_word() && t.fend > t.fstart)
                    .map(|(i, _)| i as u32),
            );
            s.candidates.clear();
            s.triggers.clear();
            self.matcher.find(
                &self.gazetteer,
                text,
                &s.folded,
                &s.tokens,
                &s.words,
                &mut s.candidates,
                &mut s.triggers,
            );
            // Room for every candidate: most become mentions, and the
            // vector is not grown mention by mention.
            let mut mentions = Vec::with_capacity(s.candidates.len());
            resolve(
                &self.gazetteer,
                &s.tokens,
                &s.sentences,
                &mut s.candidates,
                &mut s.taken,
                &mut mentions,
                |start, end| {
                    titled_surname(
                        &self.rules.lexicon.syntax.titles,
                        text,
                        &s.folded,
                        &s.tokens,
                        start,
                        end,
                    )
                },
            );
            trim_class_words(&self.gazetteer, text, &s.tokens, &mut mentions);
            drop_countered_classes(
                &self.gazetteer,
                &self.rules.lexicon.counter_prefixes,
                text,
                &s.tokens,
                &mut mentions,
            );
            let mut unlisted = Vec::new();
            self.patterns.find(
                &self.gazetteer,
                &patterns::DocText {
                    text,
                    folded: &s.folded,
                    tokens: &s.tokens,
                },
                &s.sentences,
                &mut s.patterns,
                &mut mentions,
                &mut unlisted,
            );
            acronyms::apply(
                &acronyms::AcronymInput {
                    gaz: &self.gazetteer,
                    text,
                    tokens: &s.tokens,
                    sentences: &s.sentences,
                },
                &mut mentions,
                &mut s.references,
            );
            reference::find(
                &self.references,
                &reference::RefInput {
                    text,
                    folded: &s.folded,
                    triggers: &s.triggers,
                    tokens: &s.tokens,
                    sentences: &s.sentences,
                    gaz: &self.gazetteer,
                },
                &mut mentions,
                &mut s.references,
            );
            let mut events = Vec::new();
            let view = DocView {
                text,
                folded: &s.folded,
                tokens: &s.tokens,
                sentences: &s.sentences,
                mentions: &mentions,
                unlisted: &unlisted,
                triggers: &s.triggers,
                gaz: &self.gazetteer,
            };
            self.rules.apply(
                &view,
                self.config.merge_events,
                &mut events,
                trace.as_deref_mut(),
            );
            gapping::add_gapped(&view, &mut events, 0, trace.as_deref_mut());
            // A definite hit ("The drones struck the Kirishi refinery")
            // narrows the attack before it first; only hits that stay
            // events of their own take a side from the context.
            elaboration::definite_hits(&view, &mut events, trace.as_deref_mut());
            elaboration::fill_from_context(&view, &mut events, trace.as_deref_mut());
            elaboration::struck_state(&view, &mut events, trace.as_deref_mut());
            elaboration::listed_targets(
                &view,
                &self.rules.lexicon,
                &mut events,
                trace.as_deref_mut(),
            );
            elaboration::sole_recipient(&view, &mut events, trace.as_deref_mut());
            elaboration::place_of_sentence(
                &view,
                &self.rules.lexicon,
                &mut events,
                trace.as_deref_mut(),
            );
            specify::specify_weapons(&view, &mut events, trace.as_deref_mut());
            specify::weapon_from_next(&view, &mut events, trace.as_deref_mut());
            elaboration::home_forces(&view, &mut events, trace);
            let sentences: Vec<(u32, u32)> = s.sentences.iter().map(|x| (x.start, x.end)).collect();
            let doc_date = doc.date.as_deref().and_then(dates::parse_document_date);
            let (date_mentions, event_dates) = dates::event_dates(
                text,
                &sentences,
                events
                    .iter()
                    .map(|e| (e.sentence, e.trigger_start, e.trigger_end)),
                doc_date,
            );
            let quantities = events
                .iter()
                .map(|e| quantity_of(e, text, &sentences, &date_mentions))
                .collect();
            Extraction {
                sentences,
                mentions,
                unlisted,
                events,
                event_dates,
                quantities,
                date_mentions,
            }
        })
    }
}

/// The quantity of an event, read from its `quantity` role and the words
/// after it in its sentence; none when the number lies inside a date
/// ("on Nov. 17").
fn quantity_of(
    e: &Event,
    text: &str,
    sentences: &[(u32, u32)],
    dates: &[DateMention],
) -> Option<Quantity> {
    let r = e.roles.iter().find(|r| &*r.slot == "quantity")?;
    if dates.iter().any(|d| d.start < r.end && r.start < d.end) {
        return None;
    }
    let sentence_end = sentences
        .get(e.sentence as usize)
        .map_or(text.len(), |s| s.1 as usize)
        .max(r.end as usize);
    Some(quantity::parse(
        &r.value,
        &text[r.end as usize..sentence_end],
    ))
}

/// Reads user files; a folder contributes its files with the given
/// extensions, in sorted order.
pub(crate) fn read_files(
    paths: &[PathBuf],
    exts: &[&str],
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::new();
    for p in paths {
        let mut files = Vec::new();
        collect(p, exts, &mut files)?;
        if files.is_empty() && p.is_dir() {
            return Err(ConfigError::Io {
                path: p.display().to_string(),
                message: format!(
                    "this folder holds no .{} file (is it the right folder?)",
                    exts.join(" or .")
                ),
            });
        }
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|e| ConfigError::Io {
                path: f.display().to_string(),
                message: format!("cannot read: {e}"),
            })?;
            out.push((f.display().to_string(), text));
        }
    }
    Ok(out)
}

fn collect(p: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> Result<(), ConfigError> {
    let io = |e: std::io::Error| ConfigError::Io {
        path: p.display().to_string(),
        message: format!("cannot read: {e}"),
    };
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir()
                || e.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
            {
                collect(&e, exts, out)?;
            }
        }
        Ok(())
    } else if p.exists() {
        out.push(p.to_path_buf());
        Ok(())
    } else {
        Err(ConfigError::Io {
            path: p.display().to_string(),
            message: "no such file or folder".into(),
        })
    }
}

/// Do the words at tokens `start..end` stand as a surname after a title:
/// a title word right before them, none of them a title word itself ("the
/// Saudi Crown Prince"), and no capitalised word right after them (in
/// "Director Michel Boutros" the name goes on)?
fn titled_surname(
    titles: &crate::words::WordSet,
    text: &str,
    folded: &str,
    tokens: &[crate::segment::Token],
    start: u32,
    end: u32,
) -> bool {
    let title = |t: &crate::segment::Token| {
        t.is_word() && titles.contains(&folded[t.fstart as usize..t.fend as usize])
    };
    let (start, end) = (start as usize, end as usize);
    start > 0
        && title(&tokens[start - 1])
        && !tokens[start..end].iter().any(title)
        && !tokens.get(end).is_some_and(|t| {
            t.is_word() && text[t.start as usize..t.end as usize].starts_with(char::is_uppercase)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        Pipeline::new(&Config::default()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn titles_are_not_part_of_names_and_surnames_resolve() {
        let p = pipeline();
        let text = "President Vladimir Putin spoke. Later Putin left for Minsk.";
        let out = p.process(&Document::new("d", text));
        let found: Vec<(&str, &str)> = out
            .mentions
            .iter()
            .map(|m| {
                (
                    &text[m.start as usize..m.end as usize],
                    &*p.gazetteer().entry(m.entry).canonical,
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Vladimir Putin", "Vladimir Putin"),
                ("Putin", "Vladimir Putin"),
                ("Minsk", "Minsk")
            ]
        );
    }

    #[test]
    fn a_surname_after_a_title_names_the_one_listed_person_who_bears_it() {
        let p = pipeline();
        let found = |text: &str| -> Vec<String> {
            let out = p.process(&Document::new("d", text));
            out.mentions
                .iter()
                .map(|m| {
                    let name = match m.unlisted {
                        u32::MAX => p.gazetteer().entry(m.entry).canonical.to_string(),
                        u => out.unlisted[u as usize].name.to_string(),
                    };
                    format!("{}={name}", &text[m.start as usize..m.end as usize])
                })
                .collect()
        };
        assert_eq!(
            found("Lavrov travelled with Deputy Defence Minister Yevkurov."),
            ["Lavrov=Sergey Lavrov", "Yevkurov=Yunus-Bek Yevkurov"]
        );
        // Without a title the surname waits for the full name; a
        // capitalised word after it continues someone else's name.
        assert_eq!(found("Yevkurov travelled to Niger."), ["Niger=Niger"]);
        assert_eq!(
            found("Director Michel Boutros met the delegation."),
            ["Michel Boutros=Michel Boutros"]
        );
    }

    #[test]
    fn people_named_after_a_title_are_reported_even_if_unlisted() {
        let p = pipeline();
        let text = "Deputy Defence Minister Aldous Quarnby and spokeswoman Ylva Bjornstad-Hale spoke. The minister met the press. Mr. Quarnby left.";
        let out = p.process(&Document::new("d", text));
        let names: Vec<&str> = out.unlisted.iter().map(|u| &*u.name).collect();
        assert_eq!(names, ["Aldous Quarnby", "Ylva Bjornstad-Hale"]);
        assert!(out.unlisted.iter().all(|u| u.form == "title"));
        let spans: Vec<(&str, u32)> = out
            .mentions
            .iter()
            .filter(|m| m.unlisted != u32::MAX)
            .map(|m| (&text[m.start as usize..m.end as usize], m.unlisted))
            .collect();
        assert_eq!(
            spans,
            [
                ("Aldous Quarnby", 0),
                ("Ylva Bjornstad-Hale", 1),
                // "The minister": the one person named with that title.
                ("minister", 0),
                ("Quarnby", 0)
            ]
        );
        assert_eq!(&*out.unlisted[0].id, "unlisted/person/aldous-quarnby");
    }

    #[test]
    fn metonyms_and_demonyms_act_for_their_state() {
        let p = pipeline();
        let out = p.process(&Document::new(
            "d",
            "The Kremlin has deployed Russian troops to Belarus.",
        ));
        assert_eq!(out.events.len(), 1);
        assert_eq!(out.events[0].role("actor"), Some("Russia"));
        assert_eq!(out.events[0].role("location"), Some("Belarus"));
    }

    #[test]
    fn generic_classes_fill_roles_but_are_not_reported() {
        let p = pipeline();
        let out = p.process(&Document::new("d", "Russia launched drones at Odesa."));
        assert_eq!(out.events[0].role("weapon"), Some("drones"));
        let reported: Vec<&str> = out
            .mentions
            .iter()
            .filter(|m| p.is_reported(&out, m))
            .map(|m| &*p.gazetteer().entry(m.entry).canonical)
            .collect();
        assert_eq!(reported, ["Russia", "Odesa"]);
    }
}
