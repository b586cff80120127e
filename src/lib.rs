//! evex turns news articles into tables of who did what to whom.
//!
//! This crate is the `evex` command line's engine, and a library: build a
//! [`Pipeline`] once from a [`Config`] (gazetteers loaded, automaton
//! compiled, rules parsed), then run it on [`Document`]s from any number of
//! threads. Each run gives an [`Extraction`]: entity [`Mention`]s and
//! [`Event`]s, every one with byte offsets into the original text.
//!
//! ```
//! use evex::{Config, Document, Pipeline};
//! let pipeline = Pipeline::new(&Config::default())?;
//! let doc = Document::new("d1", "Russia has deployed 5,000 troops to Belarus.");
//! let out = pipeline.process(&doc);
//! let event = &out.events[0];
//! assert_eq!(&*event.event_type, "DEPLOYMENT");
//! assert_eq!(event.role("actor"), Some("Russia"));
//! assert_eq!(event.role("location"), Some("Belarus"));
//! let (mention, entity) = pipeline.entities(&out).next().unwrap();
//! assert_eq!((mention.start, mention.end, entity.id), (0, 6, "place/iso-ru"));
//! # Ok::<(), evex::ConfigError>(())
//! ```
//!
//! # The public API
//!
//! | item | what it is |
//! |------|------------|
//! | [`Config`], [`Pipeline`], [`ConfigError`] | what to load; the compiled pipeline; why it could not be built (`file:line: …`) |
//! | [`Document`] | one article: id, text, optional date, title, URL |
//! | [`Extraction`] | what [`Pipeline::process`] finds in one document |
//! | [`Mention`], [`Entity`], [`Unlisted`], [`AliasKind`] | an entity mention; what it names ([`Pipeline::entity`]); a name no gazetteer lists; name, demonym or surname |
//! | [`Event`], [`Role`] | an event with its type, codes, trigger, modality and roles |
//! | [`EventDate`], [`DateMention`], [`DateValue`], [`Precision`], [`Basis`], [`Quantity`] | an event's date and quantity, read from its sentence |
//! | [`extract_tables`], [`Tables`] | documents in memory → the entities and events tables as data (the Python package's engine) |
//! | [`batch`] | the streaming, parallel, order-preserving driver of `evex extract` ([`batch::run`], [`batch::BatchOptions`]) |
//! | [`ingest`] | reading inputs: files, folders, stdin; text, JSON Lines, JSON, CSV, HTML, WARC; gzip ([`ingest::plan`], [`ingest::Options`]) |
//! | [`emit`] | the output tables: their columns, row renderers ([`emit::entity_rows`], [`emit::event_rows`]) and writers ([`emit::TableWriter`]) |
//! | [`GroupOptions`] | how `event_groups` joins reports of one event across documents |
//! | [`commands`] | the CLI's commands (`evex extract`, `explain`, `eval`…), as the `evex` binary calls them |
//!
//! Everything else is private. (`evex::internals`, hidden from these docs,
//! exposes stage internals to the per-stage benches and the fuzz targets;
//! it is not part of the API.)
//!
//! # How it works
//!
//! The work is a staged pipeline; each stage lives in its own (private)
//! module and hands the next one a small typed value:
//!
//! | stage      | module        | input → output                                   |
//! |------------|---------------|--------------------------------------------------|
//! | ingest     | [`ingest`]    | files, directories, stdin, WARC, HTML → [`Document`]s or rejects |
//! | segment    | `segment`     | text → tokens and sentences (byte offsets)       |
//! | normalise  | `normalize`   | tokens → one folded, case- and accent-free view  |
//! | match      | `gazetteer`   | folded view → candidate mentions (aho-corasick)  |
//! | resolve    | `resolve`     | candidates → non-overlapping, canonical mentions |
//! | patterns   | `patterns`    | tokens + mentions → names no gazetteer lists     |
//! | acronyms   | `acronyms`    | mentions → a document's own acronyms ("… Philippines (AFP)") applied |
//! | references | `reference`   | mentions → "the country", "the system" as mentions of what they name |
//! | rules      | `rules`       | mentions + tokens → events with roles, modality  |
//! | dates      | `dates`       | an event's sentence + document date → its date   |
//! | quantity   | `quantity`    | a quantity as written → value, unit, qualifier   |
//! | emit       | [`emit`]      | extractions → CSV, JSON Lines or a workbook      |
//! | groups     | `groups`      | events of all documents → groups (external sort) |
//! | output     | `outdir`      | staged tables → one output folder, committed whole |
//!
//! Segmentation runs before folding because folding works token by token: that
//! keeps every folded byte traceable to its byte in the original text, which is
//! what lets every entity and event row carry offsets into the original.
//!
//! Tools for tuning gazetteers and rules sit on top of the pipeline: `eval`
//! (scores against annotated passages, per rule and per entry), `lint`
//! (static checks), `suggest` (names a corpus holds that the gazetteers
//! miss) and `report` (an HTML view); `stream` feeds a corpus to the last
//! two. The [`commands`] run them.
//!
//! [`Pipeline`] ties the stages together and is shared read-only by all
//! threads; [`batch`] adds the streaming, parallel, order-preserving driver
//! that the `evex extract` command uses; it can be stopped (`interrupt`)
//! and resumed from a checkpoint of the output folder, and `fault` stops
//! it anywhere for the tests of that. [`extract_tables`] runs documents
//! already in memory and returns the output rows as data (the engine of the
//! Python package in `python/`).

#![warn(missing_docs)]

mod acronyms;
pub mod batch;
pub mod commands;
mod common_words;
mod dates;
mod defaults;
mod document;
mod elaboration;
pub mod emit;
mod entity;
mod eval;
mod examples;
mod fault;
mod fingerprint;
mod gapping;
#[allow(missing_docs)] // a stage's internals (see `internals`)
mod gazetteer;
mod groups;
pub mod ingest;
mod interrupt;
mod lint;
#[allow(missing_docs)] // a stage's internals (see `internals`)
mod normalize;
mod outdir;
#[allow(missing_docs)] // a stage's internals (see `internals`)
mod patterns;
mod pipeline;
mod quantity;
mod reference;
mod report;
mod resolve;
#[allow(missing_docs)] // a stage's internals (see `internals`)
mod rules;
#[allow(missing_docs)] // a stage's internals (see `internals`)
mod segment;
mod specify;
mod spelling;
mod spill;
mod stream;
mod suggest;
mod syntax;
mod tables;
mod words;

pub use dates::{Basis, DateMention, DateValue, EventDate, Precision};
pub use document::Document;
pub use entity::Entity;
pub use gazetteer::AliasKind;
pub use groups::GroupOptions;
pub use pipeline::{Config, ConfigError, Extraction, Pipeline};
pub use quantity::Quantity;
pub use resolve::{Mention, Unlisted};
pub use rules::engine::{Event, Role};
pub use tables::{Tables, extract_tables};

/// Stage internals for the per-stage benches (`benches/stages.rs`), the
/// fuzz targets (`fuzz/`) and the bench scripts: not part of the API, and
/// free to change with any release.
#[doc(hidden)]
pub mod internals {
    pub use crate::gazetteer::{Candidate, Gazetteer, Matcher, Source as GazetteerSource};
    pub use crate::ingest::ReadProgress;
    pub use crate::ingest::warc::read_warc;
    pub use crate::normalize::{fold_phrase, fold_tokens, segment_folded};
    pub use crate::patterns::{DocText, Scratch as PatternScratch};
    pub use crate::resolve::resolve;
    pub use crate::rules::engine::DocView;
    pub use crate::rules::parse::parse as parse_rules;
    pub use crate::rules::{RuleError, RuleSet, Source as RuleSource};
    pub use crate::segment::{Segmenter, Sentence, Token};
}
