//! The `evex` command line: parse arguments, dispatch, map the outcome to an
//! exit code. All work is done by the library.

use clap::{Args, Parser, Subcommand};
use evex::batch::BatchOptions;
use evex::commands::{self, ExtractArgs};
use evex::emit::OutFormat;
use evex::ingest::{self, Format};
use evex::pipeline::Config;
use std::io::IsTerminal;
use std::path::PathBuf;

/// evex allocates many small strings while loading gazetteers and per
/// document; mimalloc serves them markedly faster than the system
/// allocator (see README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CODES: &str = "Exit codes: 0 every document was processed; 3 some documents were rejected \
(see DIR/rejects.csv); 2 usage or configuration error (bad argument, gazetteer or rule file); \
1 an output could not be written.";

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
    Extract(Extract),
    /// Show why a text yields its entities and events: each mention with
    /// its gazetteer row, each rule tried at each trigger and why it did or
    /// did not fire.
    Explain(Explain),
}

#[derive(Args, Debug)]
struct Explain {
    /// The text to explain (or use --file).
    #[arg(required_unless_present = "file")]
    text: Option<String>,
    /// Read the text from this file.
    #[arg(long)]
    file: Option<PathBuf>,
    #[command(flatten)]
    load: Load,
}

/// Which gazetteers and rules to load.
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
}

impl Load {
    fn config(self) -> Config {
        Config {
            gazetteers: self.gazetteers,
            rules: self.rules,
            default_gazetteers: !self.no_default_gazetteers,
            default_rules: !self.no_default_rules,
            ..Config::default()
        }
    }
}

#[derive(Args, Debug)]
struct Extract {
    /// Files or folders to read (folders are walked recursively in sorted
    /// order), or `-` for stdin. Formats by extension: .txt/.md (one article
    /// per file), .jsonl/.ndjson (one per line), .json (array), .csv (one
    /// per row); any of them gzipped (.gz).
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output folder (entities.csv, events.csv, rejects.csv, summary.json),
    /// or `-` to write events CSV to stdout.
    #[arg(long, short)]
    out: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: OutFormat,
    /// Input format, overriding the file extension (needed for stdin unless
    /// it is one plain-text article).
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// Field (JSONL/JSON/CSV) holding the document id; repeatable, tried in
    /// order [default: id, doc_id].
    #[arg(long = "id-field")]
    id_fields: Vec<String>,
    /// Field holding the text; repeatable, tried in order [default: text,
    /// body, content].
    #[arg(long = "text-field")]
    text_fields: Vec<String>,
    #[command(flatten)]
    load: Load,
    /// Also report generic classes ("drones", "ballistic missiles") as
    /// entities.
    #[arg(long)]
    include_generic: bool,
    /// Keep every mention of an event instead of merging repeated mentions.
    #[arg(long)]
    keep_duplicates: bool,
    /// Worker threads (default: all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Reject documents larger than this many bytes.
    #[arg(long, default_value_t = 50 * 1024 * 1024)]
    max_doc_bytes: usize,
    /// Print nothing on stderr but errors and rejects.
    #[arg(long, short)]
    quiet: bool,
    /// Write one JSON record per input document, in input order
    /// ({"doc_id","status","reason","detail","events","entities"}), to
    /// stdout with `--out -` or to DIR/documents.jsonl, instead of the
    /// tables. Rejected documents are records too, so the exit code is 0.
    #[arg(long)]
    per_document: bool,
    /// With --per-document: flush each record as soon as its document is
    /// done (for programs that wait for each answer).
    #[arg(long, requires = "per_document")]
    line_buffered: bool,
}

fn main() {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(x) => {
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
                    ..BatchOptions::default()
                },
                quiet: x.quiet,
                per_document: x.per_document,
                line_buffered: x.line_buffered,
            };
            commands::extract(&args)
        }
        Command::Explain(x) => {
            let text = match (x.text, &x.file) {
                (Some(t), _) => Ok(t),
                (None, Some(f)) => std::fs::read_to_string(f)
                    .map_err(|e| format!("cannot read {}: {e}", f.display())),
                (None, None) => Err("give a text or --file".to_string()),
            };
            match text {
                Ok(t) => commands::explain(&x.load.config(), &t, &mut std::io::stdout().lock()),
                Err(e) => {
                    eprintln!("evex: {e}");
                    commands::Outcome::ConfigError
                }
            }
        }
    };
    std::process::exit(outcome.exit_code());
}
