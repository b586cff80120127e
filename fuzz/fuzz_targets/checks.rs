//! What each fuzz target checks, as plain functions: the targets call them
//! with libFuzzer's inputs, and `cargo test` (tests/fuzz_seeds.rs) replays
//! the seed corpora and every saved crash input through them, so a crash
//! once found stays a regression test.

use evex::emit::{ENTITY_COLUMNS, EVENT_COLUMNS, OutFormat, TableWriter, entity_rows, event_rows};
use evex::ingest::{self, Format, InputFile, Item, Options};
use evex::internals::{
    Gazetteer, GazetteerSource as Source, Matcher, RuleError, RuleSet, RuleSource,
};
use evex::{Config, Pipeline};
use std::sync::{LazyLock, Once};

/// Makes rayon run parallel loops on the calling thread. The gazetteer
/// build sorts and compiles with rayon; in the global pool each such loop
/// hands its work to other threads and waits for them to be scheduled,
/// which a fuzzer run under `nice` on a busy machine may wait long for,
/// and which spreads one fuzzing process over several cores. One thread
/// runs the same code on the same data: results never depend on the
/// number of threads.
fn on_this_thread() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only when the global pool exists already (another test in
        // the same process): its threads then do the work, as before.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build_global();
    });
}

/// An in-memory input of `format` holding `data`.
fn input_file(format: Format, data: &[u8]) -> InputFile {
    InputFile {
        path: None,
        display: "fuzz".into(),
        doc_id: "fuzz".into(),
        format: Some(format),
        gzip: false,
        size: data.len() as u64,
        reject: None,
    }
}

/// A record reader: `data` read as one file of `format`, with a small size
/// limit so that `too_large` is reached too; every document must pass the
/// document checks (not empty, no NUL, within the limit).
pub fn records(format: Format, data: &[u8]) {
    let opts = Options {
        max_doc_bytes: 256,
        ..Options::default()
    };
    let reader = Box::new(std::io::Cursor::new(data.to_vec()));
    ingest::read_records(
        &input_file(format, data),
        format,
        reader,
        &opts,
        &mut |item| {
            if let Item::Doc(d) = &item {
                assert!(d.text.len() <= 256 && !d.text.trim().is_empty());
                assert!(!d.text.contains('\0'));
            }
            true
        },
    );
}

const BASE: &str = "canonical\ttype\taliases\tstands_for\nRussia\tPLACE\tRussian Federation\t\nKremlin\tORG\t\tRussia\n";

/// The gazetteer loader: `data` as a file of its own and as a user file
/// merged over a small base; when it loads, the automaton is built too.
pub fn gazetteer_tsv(data: &[u8]) {
    on_this_thread();
    let text = String::from_utf8_lossy(data).into_owned();
    let source = |name: &str, text: &str, user: bool| Source {
        name: name.into(),
        text: text.into(),
        user,
    };
    let alone = Gazetteer::build(&[source("place.tsv", &text, false)]);
    let merged = Gazetteer::build(&[
        source("base.tsv", BASE, false),
        source("user.tsv", &text, true),
    ]);
    for gaz in [alone, merged].into_iter().flatten() {
        let _ = Matcher::new(&gaz, ["attack", "strike"]);
        let _ = gaz.stats();
    }
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::build(&[Source {
        name: "place.tsv".into(),
        text: "canonical\ttype\taliases\nRussia\tPLACE\tRussian Federation\nKremlin\tORG\t\nShahed\tWEAPON\t\n".into(),
        user: false,
    }])
    .expect("the fuzz gazetteer loads")
});

/// The rule language: `data` parsed (an error must point at a line of the
/// text), then compiled as a user rule file against a small gazetteer.
pub fn rule_parser(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.lines().count() as u64 + 1;
    if let Err(RuleError::At { line, .. }) = evex::internals::parse_rules("fuzz.rules", &text) {
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
    }
    let _ = RuleSet::build(
        &[RuleSource {
            name: "fuzz.rules".into(),
            text,
            user: true,
        }],
        &GAZETTEER,
    );
}

static PIPELINE: LazyLock<Pipeline> =
    LazyLock::new(|| Pipeline::new(&Config::default()).expect("the default pipeline builds"));

/// The whole pipeline: the first byte picks the input format, the rest is
/// read as a file of it, and each document is processed with the default
/// gazetteers and rules and written as CSV rows. Every offset must lie on
/// character boundaries of the document.
pub fn pipeline(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = match pick % 4 {
        0 => Format::Text,
        1 => Format::Jsonl,
        2 => Format::Json,
        _ => Format::Csv,
    };
    let p = &*PIPELINE;
    let sink = || Box::new(std::io::sink());
    let mut entities = TableWriter::new(sink(), OutFormat::Csv, ENTITY_COLUMNS).expect("sink");
    let mut events = TableWriter::new(sink(), OutFormat::Csv, EVENT_COLUMNS).expect("sink");
    let reader = Box::new(std::io::Cursor::new(rest.to_vec()));
    let file = input_file(format, rest);
    ingest::read_records(&file, format, reader, &Options::default(), &mut |item| {
        let Item::Doc(doc) = item else {
            return true;
        };
        let ex = p.process(&doc);
        let text = doc.text.as_str();
        let on_boundaries = |s: u32, e: u32| {
            s <= e && text.is_char_boundary(s as usize) && text.is_char_boundary(e as usize)
        };
        for m in &ex.mentions {
            assert!(
                on_boundaries(m.start, m.end),
                "mention {}..{}",
                m.start,
                m.end
            );
        }
        for m in ex.mentions.iter().filter(|m| m.unlisted != u32::MAX) {
            assert!(
                (m.unlisted as usize) < ex.unlisted.len(),
                "mention {}..{} names unlisted entity {} of {}",
                m.start,
                m.end,
                m.unlisted,
                ex.unlisted.len()
            );
        }
        for d in &ex.date_mentions {
            assert!(on_boundaries(d.start, d.end), "date {}..{}", d.start, d.end);
        }
        for ev in &ex.events {
            assert!(
                on_boundaries(ev.start, ev.end),
                "event {}..{}",
                ev.start,
                ev.end
            );
            assert!(
                on_boundaries(ev.trigger_start, ev.trigger_end),
                "trigger {}..{}",
                ev.trigger_start,
                ev.trigger_end
            );
        }
        assert_eq!(ex.event_dates.len(), ex.events.len());
        assert_eq!(ex.quantities.len(), ex.events.len());
        for &(s, e) in &ex.sentences {
            assert!(on_boundaries(s, e), "sentence {s}..{e}");
        }
        entity_rows(&mut entities, &doc, &ex, p).expect("rows");
        event_rows(&mut events, &doc, &ex, p).expect("rows");
        true
    });
}

/// The charsets an HTML input may be declared in by HTTP, picked by its
/// first byte: none, the usual ones, one that evex reads as UTF-8
/// (UTF-16) and one that no decoder knows.
const CHARSETS: [Option<&str>; 6] = [
    None,
    Some("utf-8"),
    Some("windows-1251"),
    Some("shift_jis"),
    Some("utf-16le"),
    Some("no-such-charset"),
];

/// The HTML reader and article extraction: the first byte picks the HTTP
/// charset, the rest is read as one `.html` file (with a 1 KB document
/// limit, so a page over four times that is `too_large`) and its article
/// extracted as the workers do. The file is one page or one reject; an
/// article that comes out must pass the document checks.
pub fn html(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    const MAX: usize = 1024;
    let opts = Options {
        max_doc_bytes: MAX,
        ..Options::default()
    };
    let reader = Box::new(std::io::Cursor::new(rest.to_vec()));
    let mut items = Vec::new();
    ingest::read_records(
        &input_file(Format::Html, rest),
        Format::Html,
        reader,
        &opts,
        &mut |item| {
            items.push(item);
            true
        },
    );
    assert_eq!(items.len(), 1, "one item for one page");
    let mut item = items.remove(0);
    if let Item::Page(p) = &mut item {
        assert!(
            p.html.len() <= 4 * MAX + 1,
            "page of {} bytes",
            p.html.len()
        );
        p.charset = CHARSETS[pick as usize % CHARSETS.len()].map(String::from);
    }
    item.extract_page();
    match &item {
        Item::Doc(d) => {
            assert!(d.text.len() <= MAX && !d.text.trim().is_empty());
            assert!(!d.text.contains('\0'));
            assert!(d.url.as_ref().is_none_or(|u| u.starts_with("http")));
        }
        Item::Reject(_) => {}
        Item::Page(_) => panic!("a page left unextracted"),
    }
}

/// The WARC reader: `data` read as one `.warc` file (gunzipped first when
/// it starts with gzip's magic bytes, as for a file), with a 256-byte
/// document limit. Record numbers must grow, a page (after unchunking and
/// decompression) must stay within four times the limit, and an
/// `invalid_warc` reject must be the last item.
pub fn warc(data: &[u8]) {
    const MAX: usize = 256;
    let opts = Options {
        max_doc_bytes: MAX,
        ..Options::default()
    };
    let raw = std::io::Cursor::new(data.to_vec());
    let reader: Box<dyn std::io::BufRead> = if data.starts_with(&[0x1f, 0x8b]) {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            raw,
        )))
    } else {
        Box::new(raw)
    };
    let progress = evex::internals::ReadProgress::default();
    let (mut last, mut ended) = (0u64, false);
    evex::internals::read_warc(
        &input_file(Format::Warc, data),
        reader,
        &opts,
        &progress,
        &mut |item| {
            assert!(!ended, "an item after the reject that ends the file");
            let line = match &item {
                Item::Page(p) => {
                    assert!(p.html.len() <= 4 * MAX, "page of {} bytes", p.html.len());
                    p.line
                }
                Item::Reject(r) => {
                    ended = r.reason == ingest::RejectReason::InvalidWarc;
                    r.line
                }
                Item::Doc(_) => panic!("the WARC reader gives pages, not documents"),
            };
            let n = line.expect("a WARC item has a record number");
            assert!(n > last, "record {n} after record {last}");
            last = n;
            true
        },
    );
}
