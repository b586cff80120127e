//! evex turns news articles into tables of who did what to whom.
//!
//! The work is a staged pipeline; each stage lives in its own module and hands
//! the next one a small typed value:
//!
//! | stage      | module        | input → output                                   |
//! |------------|---------------|--------------------------------------------------|
//! | ingest     | [`ingest`]    | files, directories, stdin → [`Document`]s or rejects |
//! | segment    | [`segment`]   | text → tokens and sentences (byte offsets)       |
//! | normalise  | [`normalize`] | tokens → one folded, case- and accent-free view  |
//! | match      | [`gazetteer`] | folded view → candidate mentions (aho-corasick)  |
//! | resolve    | [`resolve`]   | candidates → non-overlapping, canonical mentions |
//! | rules      | [`rules`]     | mentions + tokens → events with roles, modality  |
//! | emit       | [`emit`]      | extractions → CSV or JSON Lines                  |
//!
//! Segmentation runs before folding because folding works token by token: that
//! keeps every folded byte traceable to its byte in the original text, which is
//! what lets every entity and event row carry offsets into the original.
//!
//! [`Pipeline`] ties the stages together. It is built once (gazetteers loaded,
//! automaton compiled, rules parsed) and then shared read-only by all threads;
//! [`batch`] adds the streaming, parallel, order-preserving driver that the
//! `evex extract` command uses; [`tables`] runs documents already in memory
//! and returns the output rows as data (the engine of the Python package in
//! `python/`).
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
pub mod defaults;
pub mod document;
pub mod emit;
pub mod examples;
pub mod gazetteer;
pub mod ingest;
pub mod normalize;
pub mod pipeline;
pub mod resolve;
pub mod rules;
pub mod segment;
pub mod tables;
pub mod words;

pub use document::Document;
pub use pipeline::{Config, ConfigError, Extraction, Pipeline};
