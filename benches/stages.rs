//! Criterion benches of evex, per stage and whole, in bytes of article text
//! per second (`Throughput::Bytes`).
//!
//!   cargo bench --bench stages                 # everything (about a minute)
//!   cargo bench --bench stages -- match        # one group (regex filter)
//!   cargo bench --no-run                       # just check that it builds
//!
//! Input: about 1 MB of news-like articles (a few hundred documents)
//! written by `scripts/bench/textgen.rs` from its own sentence templates,
//! with a fixed seed; the entities are names from the default gazetteers at
//! about one mention per twelve words. Groups:
//!
//! * `segment_normalize`: `segment_folded` (segmentation and
//!   the folded view in one pass, as the pipeline runs them);
//! * `match`: `Matcher::find` + `resolve::resolve` on pre-folded
//!   documents, with the default gazetteers and with a synthetic gazetteer of
//!   20,000 entries (and a text that mentions its entries);
//! * `patterns`: `PatternSet::find` (the entity patterns) on pre-resolved
//!   documents;
//! * `rules`: `RuleSet::apply` on pre-resolved documents;
//! * `csv_write`: `emit::entity_rows` + `emit::event_rows` through
//!   `TableWriter` into `io::sink()`;
//! * `pipeline_process`: `Pipeline::process` over every document (default
//!   and synthetic gazetteers);
//! * `load`: `Pipeline::new` with the default gazetteers and rules.
//!
//! Each group keeps to 10 samples and about 3 s of measurement.

#[path = "../scripts/bench/textgen.rs"]
mod textgen;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use evex::emit::{ENTITY_COLUMNS, EVENT_COLUMNS, OutFormat, TableWriter, entity_rows, event_rows};
use evex::internals::{
    Candidate, DocView, Segmenter, Sentence, Token, fold_tokens, resolve, segment_folded,
};
use evex::{Config, Document, Event, Extraction, Mention, Pipeline};
use std::hint::black_box;
use std::io;
use std::sync::OnceLock;
use std::time::Duration;

const TEXT_BYTES: usize = 1_000_000;
const SEED: u64 = 7;
const SYNTH_ENTRIES: usize = 20_000;

/// A document after segmentation and folding.
struct Folded {
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    folded: String,
    words: Vec<u32>,
}

/// One input set: documents, the pipeline to run them through, and each
/// stage's output prepared for the next stage's bench.
struct Input {
    docs: Vec<Document>,
    bytes: u64,
    pipeline: Pipeline,
    segmenter: Segmenter,
    folded: Vec<Folded>,
    mentions: Vec<Vec<Mention>>,
    triggers: Vec<Vec<u32>>,
    extractions: Vec<Extraction>,
}

fn prepare(pipeline: Pipeline, names: &textgen::Names) -> Input {
    let (texts, _) = textgen::articles(names, SEED, TEXT_BYTES);
    let docs: Vec<Document> = texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("bench-{i:05}"), t))
        .collect();
    let bytes = docs.iter().map(|d| d.text.len() as u64).sum();
    let segmenter = Segmenter::new(pipeline.rules().lexicon.abbreviations.iter().cloned());
    let folded: Vec<Folded> = docs.iter().map(|d| fold(&segmenter, &d.text)).collect();
    let mut candidates = Vec::new();
    let mut taken = Vec::new();
    let mut triggers = Vec::new();
    let mentions = docs
        .iter()
        .zip(&folded)
        .map(|(d, f)| {
            let mut out = Vec::new();
            let mut hits = Vec::new();
            find_resolve(
                &pipeline,
                &d.text,
                f,
                &mut candidates,
                &mut hits,
                &mut taken,
                &mut out,
            );
            triggers.push(hits);
            out
        })
        .collect();
    let extractions = docs.iter().map(|d| pipeline.process(d)).collect();
    Input {
        docs,
        bytes,
        pipeline,
        segmenter,
        folded,
        mentions,
        triggers,
        extractions,
    }
}

fn fold(segmenter: &Segmenter, text: &str) -> Folded {
    let mut f = Folded {
        tokens: Vec::new(),
        sentences: Vec::new(),
        folded: String::new(),
        words: Vec::new(),
    };
    segmenter.segment(text, &mut f.tokens, &mut f.sentences);
    fold_tokens(text, &mut f.tokens, &f.sentences, &mut f.folded);
    // The same word list that Pipeline::process builds.
    f.words = f
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word() && t.fend > t.fstart)
        .map(|(i, _)| i as u32)
        .collect();
    f
}

fn find_resolve(
    p: &Pipeline,
    text: &str,
    f: &Folded,
    candidates: &mut Vec<Candidate>,
    triggers: &mut Vec<u32>,
    taken: &mut Vec<u32>,
    out: &mut Vec<Mention>,
) {
    candidates.clear();
    triggers.clear();
    p.matcher().find(
        p.gazetteer(),
        text,
        &f.folded,
        &f.tokens,
        &f.words,
        candidates,
        triggers,
    );
    resolve(
        p.gazetteer(),
        &f.tokens,
        &f.sentences,
        candidates,
        taken,
        out,
        |_, _| false,
    );
}

fn default_input() -> &'static Input {
    static INPUT: OnceLock<Input> = OnceLock::new();
    INPUT.get_or_init(|| {
        let p = Pipeline::new(&Config::default()).expect("default pipeline");
        prepare(p, &textgen::default_names())
    })
}

fn synth_input() -> &'static Input {
    static INPUT: OnceLock<Input> = OnceLock::new();
    INPUT.get_or_init(|| {
        let entries = textgen::synth_gazetteer(SYNTH_ENTRIES, 20_251_126);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("synth20k.tsv");
        std::fs::write(&path, textgen::gazetteer_tsv(&entries)).expect("write gazetteer");
        let config = Config {
            gazetteers: vec![path],
            default_gazetteers: false,
            ..Config::default()
        };
        let p = Pipeline::new(&config).expect("synthetic pipeline");
        prepare(p, &textgen::synth_names(&entries))
    })
}

fn segment_normalize(c: &mut Criterion) {
    let input = default_input();
    let mut g = c.benchmark_group("segment_normalize");
    g.throughput(Throughput::Bytes(input.bytes));
    let (mut tokens, mut sentences, mut folded) = (Vec::new(), Vec::new(), String::new());
    g.bench_function("default", |b| {
        b.iter(|| {
            for d in &input.docs {
                segment_folded(
                    &input.segmenter,
                    &d.text,
                    &mut tokens,
                    &mut sentences,
                    &mut folded,
                );
                black_box(folded.len());
            }
        })
    });
    g.finish();
}

fn matching(c: &mut Criterion) {
    let mut g = c.benchmark_group("match");
    for (name, input) in [("default", default_input()), ("synth20k", synth_input())] {
        g.throughput(Throughput::Bytes(input.bytes));
        let (mut candidates, mut hits, mut taken, mut out) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        g.bench_function(BenchmarkId::new("find_resolve", name), |b| {
            b.iter(|| {
                for (d, f) in input.docs.iter().zip(&input.folded) {
                    find_resolve(
                        &input.pipeline,
                        &d.text,
                        f,
                        &mut candidates,
                        &mut hits,
                        &mut taken,
                        &mut out,
                    );
                    black_box(out.len());
                }
            })
        });
    }
    g.finish();
}

fn patterns(c: &mut Criterion) {
    let input = default_input();
    let mut g = c.benchmark_group("patterns");
    g.throughput(Throughput::Bytes(input.bytes));
    let mut scratch = evex::internals::PatternScratch::default();
    let (mut mentions, mut unlisted) = (Vec::new(), Vec::new());
    g.bench_function("find", |b| {
        b.iter(|| {
            for ((d, f), m) in input.docs.iter().zip(&input.folded).zip(&input.mentions) {
                mentions.clone_from(m);
                let doc = evex::internals::DocText {
                    text: &d.text,
                    folded: &f.folded,
                    tokens: &f.tokens,
                };
                input.pipeline.patterns().find(
                    input.pipeline.gazetteer(),
                    &doc,
                    &f.sentences,
                    &mut scratch,
                    &mut mentions,
                    &mut unlisted,
                );
                black_box(unlisted.len());
            }
        })
    });
    g.finish();
}

fn rules(c: &mut Criterion) {
    let input = default_input();
    let mut g = c.benchmark_group("rules");
    g.throughput(Throughput::Bytes(input.bytes));
    let mut events: Vec<Event> = Vec::new();
    g.bench_function("apply", |b| {
        b.iter(|| {
            for (((d, f), m), t) in input
                .docs
                .iter()
                .zip(&input.folded)
                .zip(&input.mentions)
                .zip(&input.triggers)
            {
                let view = DocView {
                    text: &d.text,
                    folded: &f.folded,
                    tokens: &f.tokens,
                    sentences: &f.sentences,
                    mentions: m,
                    unlisted: &[],
                    triggers: t,
                    gaz: input.pipeline.gazetteer(),
                };
                events.clear();
                input.pipeline.rules().apply(&view, true, &mut events, None);
                black_box(events.len());
            }
        })
    });
    g.finish();
}

fn csv_write(c: &mut Criterion) {
    let input = default_input();
    let mut g = c.benchmark_group("csv_write");
    g.throughput(Throughput::Bytes(input.bytes));
    g.bench_function("entities_events", |b| {
        b.iter(|| {
            let mut ents =
                TableWriter::new(Box::new(io::sink()), OutFormat::Csv, ENTITY_COLUMNS).unwrap();
            let mut evs =
                TableWriter::new(Box::new(io::sink()), OutFormat::Csv, EVENT_COLUMNS).unwrap();
            let mut rows = 0;
            for (d, ex) in input.docs.iter().zip(&input.extractions) {
                rows += entity_rows(&mut ents, d, ex, &input.pipeline).unwrap();
                rows += event_rows(&mut evs, d, ex, &input.pipeline).unwrap();
            }
            ents.flush().unwrap();
            evs.flush().unwrap();
            black_box(rows)
        })
    });
    g.finish();
}

fn pipeline_process(c: &mut Criterion) {
    let mut g = c.benchmark_group("pipeline_process");
    for (name, input) in [("default", default_input()), ("synth20k", synth_input())] {
        g.throughput(Throughput::Bytes(input.bytes));
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &input.docs {
                    black_box(input.pipeline.process(d));
                }
            })
        });
    }
    g.finish();
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("default_gazetteers_and_rules", |b| {
        b.iter(|| black_box(Pipeline::new(&Config::default()).unwrap()))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = segment_normalize, matching, patterns, rules, csv_write, pipeline_process, load
}
criterion_main!(benches);
