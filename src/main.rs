//! The `evex` command line: parse arguments, dispatch, map the outcome to an
//! exit code. All work is done by the library.

use clap::{Args, Parser, Subcommand};
use evex::Config;
use evex::GroupOptions;
use evex::batch::BatchOptions;
use evex::commands::{
    self, CorpusArgs, EvalArgs, ExtractArgs, ReportArgs, RunOptions, SuggestArgs,
};
use evex::emit::{CsvStyle, OutFormat, Table};
use evex::ingest::{self, Format};
use std::io::IsTerminal;
use std::path::PathBuf;

/// evex allocates many small strings while loading gazetteers and per
/// document; mimalloc serves them markedly faster than the system
/// allocator (see README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`; `libmimalloc-sys`
/// names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the resident memory of a run at what it uses, so that its peak
/// is the same for 50 MB of input and for 5 GB (README, "Long runs"). Two
/// allocator defaults made it depend on the input and on the moment:
///
/// * mimalloc returns freed memory to the system only a second after it
///   was freed. evex frees and allocates tens of megabytes a second
///   (documents, chunks, results), so the resident memory was what the
///   last second had allocated: 99–115 MiB for the same 50 MB run, higher
///   the faster the run went. After 10 ms (mimalloc 2's delay) it is
///   79–84 MiB, with no measurable cost in time.
/// * mimalloc asks Linux for transparent huge pages (2 MB) on its memory,
///   and a huge page stays resident whole while any block in it is in
///   use: over a long run more and more of them were left partly used,
///   and the resident memory crept up with the input (103 MiB after 10 s
///   of a 1 GB run, 126 MiB after 3 minutes). With 4 KB pages it stays
///   flat. The setting is the process's (a child would keep it); a kernel
///   without it leaves the pages as they were.
fn return_freed_memory() {
    // SAFETY: sets one integer in mimalloc's table of options, before any
    // other thread runs.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

const EXIT_CODES: &str = "Exit codes: 0 every document was processed; 3 some documents were rejected \
(see DIR/rejects.csv); 2 usage or configuration error (bad argument, gazetteer or rule file, \
output folder); 1 an output could not be written; 130/143 stopped by SIGINT/SIGTERM (continue \
with --resume).";

/// Turn news articles into tables of who did what to whom.
#[derive(Parser, Debug)]
#[command(name = "evex", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract entities and events from articles into CSV files.
    #[command(after_help = EXIT_CODES)]
    Extract(Box<Extract>),
    /// Show why a text yields its entities and events: each mention with
    /// its gazetteer row or entity pattern, each rule tried at each trigger
    /// and why it did or did not fire.
    Explain(Explain),
    /// Score the pipeline against annotated passages (precision, recall,
    /// F1; per rule and per gazetteer entry; with --misses, each error and
    /// why).
    Eval(Eval),
    /// Check gazetteers and rules: shared aliases, common-word aliases,
    /// unreachable triggers, unused lists, failing rule examples…
    /// Exit 0 clean, 1 findings, 2 a file cannot be loaded.
    Lint(Lint),
    /// List the names in a corpus that no gazetteer entry matches, as a
    /// gazetteer file to edit and load with --gazetteers.
    Suggest(Suggest),
    /// Write one self-contained HTML page showing documents with their
    /// entities and events.
    Report(Report),
    /// Write the compiled-in gazetteers and rules as editable files.
    Defaults(Defaults),
}

#[derive(Args, Debug)]
struct Eval {
    /// The gold file: JSON Lines with doc_id, text, entities, events.
    gold: PathBuf,
    #[command(flatten)]
    load: Load,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    /// List each missed and spurious event (with the reason the nearest rule
    /// did not fire) and each missed entity.
    #[arg(long)]
    misses: bool,
}

#[derive(Args, Debug)]
struct Lint {
    #[command(flatten)]
    load: Load,
}

/// A corpus to read, as `evex extract` reads it.
#[derive(Args, Debug)]
struct Corpus {
    /// Files or folders to read, or `-` for stdin (as for `evex extract`).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Input format, overriding the file extension.
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Field holding the document id; repeatable [default: id, doc_id].
    #[arg(long = "id-field")]
    id_fields: Vec<String>,
    /// Field holding the text; repeatable [default: text, body, content].
    #[arg(long = "text-field")]
    text_fields: Vec<String>,
    #[command(flatten)]
    load: Load,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Reject documents larger than this many bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    max_doc_bytes: usize,
    /// Print nothing on stderr but errors and rejects.
    #[arg(long, short)]
    quiet: bool,
}

/// Reading options from the command line; no field names given means the
/// defaults.
fn ingest_options(
    format: Option<Format>,
    id_fields: Vec<String>,
    text_fields: Vec<String>,
    max_doc_bytes: usize,
) -> ingest::Options {
    let defaults = ingest::Options::default();
    ingest::Options {
        format,
        id_fields: if id_fields.is_empty() {
            defaults.id_fields
        } else {
            id_fields
        },
        text_fields: if text_fields.is_empty() {
            defaults.text_fields
        } else {
            text_fields
        },
        max_doc_bytes,
        ..defaults
    }
}

impl Corpus {
    fn args(self) -> CorpusArgs {
        CorpusArgs {
            inputs: self.inputs,
            ingest: ingest_options(
                self.input_format,
                self.id_fields,
                self.text_fields,
                self.max_doc_bytes,
            ),
            config: self.load.config(),
            batch: BatchOptions {
                threads: self.threads,
                progress: std::io::stderr().is_terminal(),
                ..BatchOptions::default()
            },
            quiet: self.quiet,
        }
    }
}

#[derive(Args, Debug)]
struct Suggest {
    #[command(flatten)]
    corpus: Corpus,
    /// The candidates file to write (a gazetteer TSV), or `-` for stdout.
    #[arg(long, short)]
    out: PathBuf,
}

#[derive(Args, Debug)]
struct Report {
    #[command(flatten)]
    corpus: Corpus,
    /// The HTML file to write, or `-` for stdout.
    #[arg(long, short)]
    out: PathBuf,
    /// Show at most this many documents.
    #[arg(long, default_value_t = 200)]
    limit: usize,
}

#[derive(Args, Debug)]
struct Defaults {
    /// The folder to write gazetteers/ and rules/ into.
    #[arg(long, short)]
    out: PathBuf,
    /// Overwrite files that exist.
    #[arg(long)]
    force: bool,
}

#[derive(Args, Debug)]
struct Explain {
    /// The text to explain (or use --file).
    #[arg(required_unless_present = "file")]
    text: Option<String>,
    /// Read the text from this file: a plain-text article, or a JSON
    /// Lines, JSON or CSV dump (see --doc).
    #[arg(long)]
    file: Option<PathBuf>,
    /// With --file: the id of the record of the dump to explain (default:
    /// the first).
    #[arg(long, requires = "file")]
    doc: Option<String>,
    #[command(flatten)]
    load: Load,
}

/// Which gazetteers, rules and entity patterns to load.
#[derive(Args, Debug)]
struct Load {
    /// Extra gazetteer file or folder (.tsv), merged over the defaults;
    /// repeatable.
    #[arg(long = "gazetteers")]
    gazetteers: Vec<PathBuf>,
    /// Extra rule file or folder (.rules, event_types .tsv); a rule with a
    /// default's id replaces it; repeatable.
    #[arg(long = "rules")]
    rules: Vec<PathBuf>,
    /// Use only the gazetteers given with --gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Use only the rules given with --rules.
    #[arg(long)]
    no_default_rules: bool,
    /// Extra entity pattern file or folder (.patterns, .txt word lists) for
    /// names no gazetteer lists; a pattern with a default's id replaces
    /// it; repeatable.
    #[arg(long = "patterns")]
    patterns: Vec<PathBuf>,
    /// Use only the entity patterns given with --patterns.
    #[arg(long)]
    no_default_patterns: bool,
}

impl Load {
    fn config(self) -> Config {
        Config {
            gazetteers: self.gazetteers,
            rules: self.rules,
            patterns: self.patterns,
            default_gazetteers: !self.no_default_gazetteers,
            default_rules: !self.no_default_rules,
            default_patterns: !self.no_default_patterns,
            ..Config::default()
        }
    }
}

#[derive(Args, Debug)]
struct Extract {
    /// Files or folders to read (folders are walked recursively in sorted
    /// order), or `-` for stdin. Formats by extension: .txt/.md (one article
    /// per file), .jsonl/.ndjson (one per line), .json (array), .csv/.tsv
    /// (one per row), .html/.htm (a saved page), .warc (one per HTML
    /// response); any of them gzipped (.gz).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output folder (entities.csv, events.csv, rejects.csv, summary.json),
    /// or `-` to write events CSV to stdout.
    #[arg(long, short)]
    out: String,
    /// Output format: CSV files, JSON Lines files, or one workbook
    /// (evex.xlsx).
    #[arg(long, value_enum, default_value = "csv")]
    format: OutFormat,
    /// Tables to write, comma-separated [default: events, entities,
    /// rejects, entity_counts, event_groups]; `documents` adds each
    /// document's text (the extracted article for HTML and WARC).
    #[arg(long, value_enum, value_delimiter = ',')]
    tables: Vec<Table>,
    /// Start CSV files with a UTF-8 byte-order mark, so that Excel and
    /// LibreOffice read them as UTF-8 when opened directly.
    #[arg(long)]
    csv_bom: bool,
    /// End CSV lines with CRLF (RFC 4180) instead of LF.
    #[arg(long)]
    crlf: bool,
    /// Input format, overriding the file extension (needed for stdin unless
    /// it is one plain-text article).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Field (JSONL/JSON/CSV) holding the document id; repeatable, tried in
    /// order [default: id, doc_id].
    #[arg(long = "id-field")]
    id_fields: Vec<String>,
    /// Field holding the text; repeatable, tried in order [default: text,
    /// body, content]. Dotted paths reach into nested objects
    /// (article.body), here and in the other field options.
    #[arg(long = "text-field")]
    text_fields: Vec<String>,
    /// Field holding the publication date; repeatable [default: date,
    /// published, published_at, publish_date, datePublished].
    #[arg(long = "date-field")]
    date_fields: Vec<String>,
    /// Field holding the title; repeatable [default: title, headline].
    #[arg(long = "title-field")]
    title_fields: Vec<String>,
    /// Field holding the URL; repeatable [default: url, link].
    #[arg(long = "url-field")]
    url_fields: Vec<String>,
    /// Copy this input field into every event and entity row, as a column
    /// of its name; repeatable.
    #[arg(long = "keep-field")]
    keep_fields: Vec<String>,
    /// CSV input delimiter (`,`, `;`, `tab`, `|`…) [default: sniffed from
    /// the header row].
    #[arg(long, value_parser = parse_delimiter)]
    csv_delimiter: Option<u8>,
    /// Make repeated document ids unique by adding #2, #3… (they are
    /// always counted in summary.json).
    #[arg(long)]
    unique_ids: bool,
    /// Days two reports of one event may be apart to be grouped in
    /// event_groups.csv, beyond the same day (or one day when a date is
    /// only the document's).
    #[arg(long, default_value_t = 0)]
    group_window: u32,
    /// Megabytes of event records kept in memory while grouping; beyond
    /// that, sorted runs are spilled to temporary files in the output
    /// folder.
    #[arg(long, default_value_t = 16.0)]
    group_memory: f64,
    #[command(flatten)]
    load: Load,
    /// Also report generic classes ("drones", "ballistic missiles") as
    /// entities.
    #[arg(long)]
    include_generic: bool,
    /// Keep every mention of an event instead of merging repeated mentions.
    #[arg(long)]
    keep_duplicates: bool,
    /// Worker threads (default: all cores; at most 4 per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Reject documents larger than this many bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    max_doc_bytes: usize,
    /// Print nothing on stderr but errors and rejects.
    #[arg(long, short)]
    quiet: bool,
    /// Continue the run that was interrupted in the output folder (same
    /// inputs and options); starts from the beginning if there is none.
    #[arg(long)]
    resume: bool,
    /// Write into an output folder that holds other files (they are left
    /// alone), or discard an interrupted run there.
    #[arg(long)]
    force: bool,
    /// Follow symbolic links to folders in input folders (loops are
    /// detected).
    #[arg(long)]
    follow: bool,
    /// Seconds between checkpoints of a run into a folder (flushed and
    /// fsynced; a crash loses at most this much work).
    #[arg(long, default_value_t = 5.0, value_parser = seconds)]
    checkpoint_seconds: f64,
    /// Documents per chunk handed to the workers (testing).
    #[arg(long, hide = true, default_value_t = 2048, value_parser = clap::value_parser!(u32).range(1..))]
    chunk_docs: u32,
    /// Write one JSON record per input document, in input order
    /// ({"doc_id","status","reason","detail","events","entities"}), to
    /// stdout with `--out -` or to DIR/per_document.jsonl, instead of the
    /// tables. Rejected documents are records too, so the exit code is 0.
    #[arg(long)]
    per_document: bool,
    /// With --per-document: flush each record as soon as its document is
    /// done (for programs that wait for each answer).
    #[arg(long, requires = "per_document")]
    line_buffered: bool,
}

/// A number of seconds: finite, not negative.
fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("`{s}` is not a number of seconds (0 or more)")),
    }
}

fn or_default(given: Vec<String>, default: Vec<String>) -> Vec<String> {
    if given.is_empty() { default } else { given }
}

/// `--csv-delimiter`: one ASCII character, or `tab`.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "`{s}` is not one ASCII character (use `,`, `;`, `|` or `tab`)"
        )),
    }
}

fn main() {
    return_freed_memory();
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(x) => {
            let x = *x;
            let defaults = ingest::Options::default();
            let args = ExtractArgs {
                inputs: x.inputs,
                out: x.out,
                format: x.format,
                ingest: ingest::Options {
                    format: x.input_format,
                    id_fields: if x.id_fields.is_empty() {
                        defaults.id_fields
                    } else {
                        x.id_fields
                    },
                    text_fields: if x.text_fields.is_empty() {
                        defaults.text_fields
                    } else {
                        x.text_fields
                    },
                    date_fields: or_default(x.date_fields, defaults.date_fields),
                    title_fields: or_default(x.title_fields, defaults.title_fields),
                    url_fields: or_default(x.url_fields, defaults.url_fields),
                    keep_fields: x.keep_fields,
                    csv_delimiter: x.csv_delimiter,
                    max_doc_bytes: x.max_doc_bytes,
                },
                config: Config {
                    merge_events: !x.keep_duplicates,
                    include_generic: x.include_generic,
                    ..x.load.config()
                },
                batch: BatchOptions {
                    threads: x.threads,
                    progress: std::io::stderr().is_terminal(),
                    unique_ids: x.unique_ids,
                    chunk_docs: x.chunk_docs as usize,
                    ..BatchOptions::default()
                },
                quiet: x.quiet,
                tables: if x.tables.is_empty() {
                    Table::DEFAULT.to_vec()
                } else {
                    x.tables
                },
                csv_style: CsvStyle {
                    bom: x.csv_bom,
                    crlf: x.crlf,
                },
                groups: GroupOptions {
                    window_days: x.group_window,
                    memory_budget: (x.group_memory.max(0.0) * 1e6) as usize,
                    ..GroupOptions::default()
                },
                run: RunOptions {
                    resume: x.resume,
                    force: x.force,
                    follow: x.follow,
                    checkpoint_seconds: x.checkpoint_seconds,
                    command_line: std::env::args_os()
                        .map(|a| evex::ingest::escape_name(&a))
                        .collect(),
                },
                per_document: x.per_document,
                line_buffered: x.line_buffered,
            };
            commands::extract(&args)
        }
        Command::Explain(x) => {
            let doc = match (x.text, &x.file) {
                (Some(t), _) => Ok(evex::Document::new("explain", t)),
                (None, Some(f)) => {
                    commands::read_record(f, x.doc.as_deref(), &ingest::Options::default())
                }
                (None, None) => Err("give a text or --file".to_string()),
            };
            match doc {
                Ok(d) => {
                    commands::explain_document(&x.load.config(), &d, &mut std::io::stdout().lock())
                }
                Err(e) => {
                    eprintln!("evex: {e}");
                    commands::Outcome::ConfigError
                }
            }
        }
        Command::Eval(x) => commands::eval(
            &EvalArgs {
                gold: x.gold,
                config: x.load.config(),
                json: x.json,
                misses: x.misses,
            },
            &mut std::io::stdout().lock(),
        ),
        Command::Lint(x) => commands::run_lint(&x.load.config(), &mut std::io::stdout().lock()),
        Command::Suggest(x) => commands::suggest(&SuggestArgs {
            corpus: x.corpus.args(),
            out: x.out,
        }),
        Command::Report(x) => commands::report(&ReportArgs {
            corpus: x.corpus.args(),
            out: x.out,
            limit: x.limit,
        }),
        Command::Defaults(x) => commands::write_defaults(&x.out, x.force),
    };
    std::process::exit(outcome.exit_code());
}

#[cfg(test)]
mod tests {
    use super::parse_delimiter;

    #[test]
    fn delimiters_are_one_character_or_tab() {
        assert_eq!(parse_delimiter(";"), Ok(b';'));
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert_eq!(parse_delimiter("\\t"), Ok(b'\t'));
        assert!(parse_delimiter(";;").is_err());
        assert!(parse_delimiter("é").is_err());
    }
}
