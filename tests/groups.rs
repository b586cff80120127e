//! `event_groups.csv` and the `group_id` column: the same for any number of
//! threads, any chunking of the input and any memory budget (spilled to
//! disk or not); and on the development set, the repeats of one annotated
//! event share a group.

use evex::Config;
use evex::GroupOptions;
use evex::batch::BatchOptions;
use evex::commands::{self, ExtractArgs, Outcome, RunOptions};
use evex::emit::{OutFormat, Table};
use evex::ingest;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const GAZETTEER: &str = "canonical\ttype\naliases\nRussia\tPLACE\nUkraine\tPLACE\nKharkiv\tPLACE\nBelgorod\tPLACE\nOdesa\tPLACE\n";

/// Runs `evex extract` in-process with a small gazetteer.
fn run(dir: &Path, name: &str, threads: usize, chunk_docs: usize, memory: usize) -> PathBuf {
    let out = dir.join(name);
    let gaz = dir.join("places.tsv");
    fs::write(&gaz, GAZETTEER.replace("\naliases", "")).expect("write");
    let args = ExtractArgs {
        inputs: vec![dir.join("news.jsonl").display().to_string()],
        out: out.display().to_string(),
        format: OutFormat::Csv,
        ingest: ingest::Options::default(),
        config: Config {
            gazetteers: vec![gaz],
            default_gazetteers: false,
            ..Config::default()
        },
        batch: BatchOptions {
            threads,
            chunk_docs,
            ..BatchOptions::default()
        },
        quiet: true,
        tables: Table::DEFAULT.to_vec(),
        csv_style: Default::default(),
        groups: GroupOptions {
            memory_budget: memory,
            ..GroupOptions::default()
        },
        run: RunOptions::default(),
        per_document: false,
        line_buffered: false,
    };
    assert_eq!(commands::extract(&args), Outcome::Clean);
    out
}

#[test]
fn groups_do_not_depend_on_threads_chunks_or_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut news = String::new();
    let hosts = [
        "kyiv-daily.example",
        "wire.example",
        "www.black-sea.example",
    ];
    let texts = [
        "Russia launched drones at Kharkiv on Monday, officials said.",
        "Russia attacked Kharkiv with drones overnight.",
        "Ukraine struck Belgorod yesterday, Russian officials said.",
        "Russia fired missiles at Odesa on 3 March 2024.",
    ];
    for i in 0..400 {
        // Dated 2024-03-04 (a Monday) to 2024-03-08.
        news.push_str(&format!(
            "{{\"id\": \"n{i}\", \"date\": \"2024-03-0{}\", \"url\": \"https://{}/story/{i}\", \"text\": \"{}\"}}\n",
            4 + i % 5,
            hosts[i % 3],
            texts[i % 4]
        ));
    }
    fs::write(dir.path().join("news.jsonl"), news).expect("write");
    let read = |out: &Path| {
        (
            fs::read_to_string(out.join("events.csv")).expect("events"),
            fs::read_to_string(out.join("event_groups.csv")).expect("groups"),
        )
    };
    let base = read(&run(dir.path(), "a", 1, 2048, 64 << 20));
    // Two threads, chunks of seven documents, and records spilled to disk
    // every few kilobytes.
    assert_eq!(read(&run(dir.path(), "b", 2, 7, 4096)), base);
    assert_eq!(read(&run(dir.path(), "c", 2, 1, 1)), base);

    let mut r = csv::Reader::from_reader(base.1.as_bytes());
    let groups: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let headers = r.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // The Odesa strike is dated by its text: one group for all 100 reports.
    let odesa: Vec<&csv::StringRecord> = groups
        .iter()
        .filter(|g| &g[at("location")] == "Odesa")
        .collect();
    assert_eq!(odesa.len(), 1);
    assert_eq!(
        (
            &odesa[0][at("first_date")],
            &odesa[0][at("mentions")],
            &odesa[0][at("documents")],
            &odesa[0][at("sources")]
        ),
        ("2024-03-03", "100", "100", "3")
    );
    assert_eq!(
        &odesa[0][at("source_hosts")],
        "black-sea.example; kyiv-daily.example; wire.example"
    );
    assert_eq!(odesa[0][at("doc_ids")].split("; ").count(), 10);
    // Kharkiv: "on Monday" from documents dated Monday to Friday is always
    // 4 March; "overnight" is only the document's date, so those reports
    // chain across the week one day at a time. Never more groups than
    // dates, never one group for everything.
    let kharkiv: Vec<&csv::StringRecord> = groups
        .iter()
        .filter(|g| &g[at("location")] == "Kharkiv")
        .collect();
    assert!(!kharkiv.is_empty() && kharkiv.len() <= 5, "{kharkiv:?}");
    assert!(groups.len() < 400 / 4 * 3);
}

/// The development set's annotations: documents with their gold events.
#[derive(serde::Deserialize)]
struct Gold {
    doc_id: String,
    events: Vec<BTreeMap<String, serde_json::Value>>,
    entities: Vec<GoldEntity>,
}

#[derive(serde::Deserialize)]
struct GoldEntity {
    name: String,
    alts: Vec<String>,
}

fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace('’', "'")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "the")
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn dev_set_repeats_of_one_event_share_a_group() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.jsonl");
    let Ok(text) = fs::read_to_string(&dev) else {
        eprintln!(
            "SKIPPED: {} not found; this test needs ../shared",
            dev.display()
        );
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let args = ExtractArgs {
        inputs: vec![dev.display().to_string()],
        out: out.display().to_string(),
        format: OutFormat::Csv,
        ingest: ingest::Options::default(),
        config: Config::default(),
        batch: BatchOptions::default(),
        quiet: true,
        tables: vec![Table::Events, Table::EventGroups],
        csv_style: Default::default(),
        groups: GroupOptions::default(),
        run: RunOptions::default(),
        per_document: false,
        line_buffered: false,
    };
    commands::extract(&args);
    let mut r = csv::Reader::from_path(out.join("events.csv")).expect("events");
    let headers = r.headers().unwrap().clone();
    let rows: Vec<BTreeMap<String, String>> = r
        .records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect();
    // Each system event is matched to the gold event of its document and
    // type with which it shares most roles (at least one).
    let (mut merged, mut split, mut mixed) = (0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let gold: Gold = serde_json::from_str(line).expect("gold line");
        let same = |a: &str, b: &str| {
            let (a, b) = (norm(a), norm(b));
            !a.is_empty()
                && (a == b
                    || gold.entities.iter().any(|e| {
                        let forms: BTreeSet<String> = std::iter::once(&e.name)
                            .chain(&e.alts)
                            .map(|f| norm(f))
                            .collect();
                        forms.contains(&a) && forms.contains(&b)
                    }))
        };
        // Per gold event: how many system events, in which groups.
        let mut by_gold: BTreeMap<usize, (usize, BTreeSet<String>)> = BTreeMap::new();
        let mut by_group: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for e in rows.iter().filter(|e| e["doc_id"] == gold.doc_id) {
            let score = |g: &BTreeMap<String, serde_json::Value>| {
                ["actor", "target", "weapon", "location"]
                    .iter()
                    .filter(|r| {
                        g.get(**r)
                            .and_then(|v| v.as_str())
                            .is_some_and(|v| same(&e[**r], v))
                    })
                    .count()
            };
            let best = gold
                .events
                .iter()
                .enumerate()
                .filter(|(_, g)| g["type"] == e["event_type"].as_str())
                .map(|(i, g)| (score(g), std::cmp::Reverse(i)))
                .filter(|(s, _)| *s > 0)
                .max();
            if let Some((_, std::cmp::Reverse(i))) = best {
                let g = by_gold.entry(i).or_default();
                g.0 += 1;
                g.1.insert(e["group_id"].clone());
                by_group.entry(e["group_id"].clone()).or_default().insert(i);
            }
        }
        for (i, (mentions, groups)) in &by_gold {
            match (mentions, groups.len()) {
                (1, _) => {}
                (_, 1) => merged += 1,
                _ => {
                    split += 1;
                    eprintln!("split: {} {:?}", gold.doc_id, gold.events[*i]["type"]);
                }
            }
        }
        for g in by_group.values().filter(|g| g.len() > 1) {
            eprintln!("mixed: {} {:?}", gold.doc_id, g);
        }
        mixed += by_group.values().filter(|g| g.len() > 1).count();
    }
    eprintln!(
        "gold events found more than once: {merged} in one group, {split} split; {mixed} groups mix two gold events"
    );
    // Measured when written: of the gold events that evex reports more
    // than once in their document, 7 are one group and 8 are split (their
    // rows disagree on a role: "Korean Peninsula" and "South Korea", or
    // actor and target swapped); one group mixes two gold deployments.
    // With the rules for unseen news, nearby repeats of one event are
    // completed into one row in the document, so fewer repeats remain: 4
    // in one group, 9 split; since a definite mention ("The deployment…")
    // completes the event it names, 3 in one group. References ("the
    // rebels", "the military") fill roles in more rows, and an event
    // introduced with "a" in a later sentence is a row of its own: 6 in
    // one group, 10 split, and two groups mix gold events (d060 now finds
    // both US sales to Saudi Arabia, F-15 support and Patriot missiles,
    // and groups them as one; d067). Events of a document that share no
    // role no longer group (an actorless bombing in Pakistan, an attack
    // on Pakistan): 6 in one group, 9 split, two mixed.
    assert!(
        merged >= 3,
        "only {merged} repeated gold events are one group"
    );
    assert!(split <= 10, "{split} gold events split over several groups");
    assert!(mixed <= 2, "{mixed} groups mix gold events");
}
