//! evex turns news articles into tables of who did what to whom.
//!
//! The work is a staged pipeline; each stage lives in its own module and hands
//! the next one a small typed value:
//!
//! | stage      | module        | input → output                                   |
//! |------------|---------------|--------------------------------------------------|
//! | ingest     | [`ingest`]    | files, directories, stdin, WARC, HTML → [`Document`]s or rejects |
//! | segment    | [`segment`]   | text → tokens and sentences (byte offsets)       |
//! | normalise  | [`normalize`] | tokens → one folded, case- and accent-free view  |
//! | match      | [`gazetteer`] | folded view → candidate mentions (aho-corasick)  |
//! | resolve    | [`resolve`]   | candidates → non-overlapping, canonical mentions |
//! | patterns   | [`patterns`]  | tokens + mentions → names no gazetteer lists     |
//! | rules      | [`rules`]     | mentions + tokens → events with roles, modality  |
//! | dates      | [`dates`]     | an event's sentence + document date → its date   |
//! | quantity   | [`quantity`]  | a quantity as written → value, unit, qualifier   |
//! | emit       | [`emit`]      | extractions → CSV, JSON Lines or a workbook      |
//! | groups     | [`groups`]    | events of all documents → groups (external sort) |
//! | output     | [`outdir`]    | staged tables → one output folder, committed whole |
//!
//! Segmentation runs before folding because folding works token by token: that
//! keeps every folded byte traceable to its byte in the original text, which is
//! what lets every entity and event row carry offsets into the original.
//!
//! Tools for tuning gazetteers and rules sit on top of the pipeline:
//! [`eval`] (scores against annotated passages, per rule and per entry),
//! [`lint`] (static checks), [`suggest`] (names a corpus holds that the
//! gazetteers miss) and [`report`] (an HTML view); [`stream`] feeds a corpus
//! to the last two.
//!
//! [`Pipeline`] ties the stages together. It is built once (gazetteers loaded,
//! automaton compiled, rules parsed) and then shared read-only by all threads;
//! [`batch`] adds the streaming, parallel, order-preserving driver that the
//! `evex extract` command uses; it can be stopped ([`interrupt`]) and
//! resumed from a checkpoint of the output folder, and [`fault`] stops it
//! anywhere for the tests of that. [`tables`] runs documents already in
//! memory and returns the output rows as data (the engine of the Python
//! package in `python/`).
//!
//! ```
//! use evex::{Config, Document, Pipeline};
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let doc = Document::new("d1", "Russia has deployed 5,000 troops to Belarus.");
//! let out = pipeline.process(&doc);
//! assert_eq!(&*out.events[0].event_type, "DEPLOYMENT");
//! ```

pub mod batch;
pub mod commands;
pub mod common_words;
pub mod dates;
pub mod defaults;
pub mod document;
pub mod emit;
pub mod eval;
pub mod examples;
pub mod fault;
pub mod fingerprint;
pub mod gazetteer;
pub mod groups;
pub mod ingest;
pub mod interrupt;
pub mod lint;
pub mod normalize;
pub mod outdir;
pub mod patterns;
pub mod pipeline;
pub mod quantity;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod spelling;
pub mod spill;
pub mod stream;
pub mod suggest;
pub mod syntax;
pub mod tables;
pub mod words;

pub use document::Document;
pub use pipeline::{Config, ConfigError, Extraction, Pipeline};
