//! The pipeline: built once from a [`Config`], then applied to documents.
//!
//! Building loads and compiles everything that does not depend on a document
//! (gazetteer automaton, rules, segmenter); [`Pipeline::process`] then runs
//! segment → normalise → match → resolve → rules on one document. A pipeline
//! is immutable and `Sync`: the batch driver shares one across all threads.
//! Per-document scratch buffers live in a thread-local, so processing a
//! document allocates only what it returns.

use crate::defaults;
use crate::document::Document;
use crate::gazetteer::{self, Gazetteer, GazetteerError, GazetteerStats, Matcher};
use crate::resolve::{Mention, resolve};
use crate::rules::engine::{DocView, Event};
use crate::rules::{self, RuleError, RuleSet};
use crate::segment::{Segmenter, Sentence, Token};
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
    pub default_gazetteers: bool,
    pub default_rules: bool,
    /// Merge repeated mentions of one event (see [`crate::rules::engine`]).
    pub merge_events: bool,
    /// Report mentions of generic classes ("drones") as entities too.
    pub include_generic: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            gazetteers: Vec::new(),
            rules: Vec::new(),
            default_gazetteers: true,
            default_rules: true,
            merge_events: true,
            include_generic: false,
        }
    }
}

/// Why a pipeline could not be built. Reported before any document is read.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    Rules(#[from] RuleError),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
}

/// Everything found in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Byte spans of the sentences.
    pub sentences: Vec<(u32, u32)>,
    /// Entity mentions in text order (generic classes included; see
    /// [`Pipeline::is_reported`]).
    pub mentions: Vec<Mention>,
    /// People named after a title but listed in no gazetteer.
    pub unlisted: Vec<crate::resolve::Unlisted>,
    pub events: Vec<Event>,
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
    rules: RuleSet,
    segmenter: Segmenter,
    config: Config,
    load_seconds: f64,
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
        for (name, text) in read_files(&config.gazetteers, &["tsv"])? {
            gsources.push(gazetteer::Source {
                name,
                text,
                user: true,
            });
        }
        let gazetteer = Gazetteer::build(&gsources)?;
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
        let rules = RuleSet::build(&rsources, &gazetteer)?;
        let matcher = Matcher::new(&gazetteer, rules.triggers.keys().map(String::as_str))?;
        let segmenter = Segmenter::new(rules.lexicon.abbreviations.iter().cloned());
        Ok(Pipeline {
            gazetteer,
            matcher,
            rules,
            segmenter,
            config: config.clone(),
            load_seconds: started.elapsed().as_secs_f64(),
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The automaton over gazetteer aliases and rule triggers.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
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

    /// Is this mention written to entities.csv? Generic classes are not,
    /// unless the config asks for them.
    pub fn is_reported(&self, m: &Mention) -> bool {
        self.config.include_generic || !self.gazetteer.is_generic(m.entry)
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: &Document) -> Extraction {
        self.process_traced(doc, None)
    }

    /// [`Pipeline::process`], recording in `trace` why each rule did or did
    /// not fire at each trigger.
    pub fn process_traced(&self, doc: &Document, trace: Option<&mut Vec<String>>) -> Extraction {
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let s = &mut *guard;
            let text = doc.text.as_str();
            self.segmenter
                .segment_folded(text, &mut s.tokens, &mut s.sentences, &mut s.folded);
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
            let mut mentions = Vec::new();
            resolve(
                &self.gazetteer,
                &s.tokens,
                &s.sentences,
                &mut s.candidates,
                &mut s.taken,
                &mut mentions,
            );
            let mut unlisted = Vec::new();
            crate::resolve::titled_persons(
                text,
                &s.folded,
                &s.tokens,
                &s.sentences,
                &mentions,
                (&self.rules.lexicon.titles, &self.rules.lexicon.title_words),
                &mut unlisted,
            );
            let mut events = Vec::new();
            let view = DocView {
                text,
                folded: &s.folded,
                tokens: &s.tokens,
                sentences: &s.sentences,
                mentions: &mentions,
                triggers: &s.triggers,
                gaz: &self.gazetteer,
            };
            self.rules
                .apply(&view, self.config.merge_events, &mut events, trace);
            Extraction {
                sentences: s.sentences.iter().map(|x| (x.start, x.end)).collect(),
                mentions,
                unlisted,
                events,
            }
        })
    }
}

/// Reads user files; a folder contributes its files with the given
/// extensions, in sorted order.
fn read_files(paths: &[PathBuf], exts: &[&str]) -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::new();
    for p in paths {
        let mut files = Vec::new();
        collect(p, exts, &mut files)?;
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
    fn people_named_after_a_title_are_reported_even_if_unlisted() {
        let p = pipeline();
        let text = "Deputy Defence Minister Aldous Quarnby and spokeswoman Ylva Bjornstad-Hale spoke. The Foreign Affairs Committee met. Mr. Quarnby left.";
        let out = p.process(&Document::new("d", text));
        let names: Vec<&str> = out.unlisted.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Aldous Quarnby", "Ylva Bjornstad-Hale"]);
        assert_eq!(
            &text[out.unlisted[0].start as usize..out.unlisted[0].end as usize],
            "Aldous Quarnby"
        );
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
            .filter(|m| p.is_reported(m))
            .map(|m| &*p.gazetteer().entry(m.entry).canonical)
            .collect();
        assert_eq!(reported, ["Russia", "Odesa"]);
    }
}
