//! Long runs seen from outside: a run stopped anywhere (a signal in the
//! reader, the workers or the writer, a crash, a full disk) and resumed
//! writes exactly the bytes of a run that was never stopped; the output
//! folder is replaced as a whole or left alone; folder walks do not hang,
//! loop or read a file twice.
//!
//! The stops are placed with the hidden `EVEX_FAULT` hook (src/fault.rs).
//! The runs use a small gazetteer of their own so that the many runs stay
//! quick in a debug build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const GAZETTEER: &str = "canonical\ttype\taliases\tstands_for
Russia\tPLACE\tRussian Federation\t
Ukraine\tPLACE\t\t
Kyiv\tPLACE\t\tUkraine
Kharkiv\tPLACE\t\tUkraine
Belarus\tPLACE\t\t
Kremlin\tORG\t\tRussia
European Union\tORG\tEU\t
Iran\tPLACE\t\t
Shahed\tWEAPON\tShahed-136\t
United States\tPLACE\tUS|U.S.|Washington\t
";

/// A test folder with the gazetteer and an input folder of mixed files
/// (JSON Lines with dates and URLs, CSV with ids that repeat, text, saved
/// web pages and a web archive, and a few bad records that become
/// rejects).
struct Setup {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Setup {
    fn new(docs: usize) -> Setup {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().to_path_buf();
        fs::write(root.join("gaz.tsv"), GAZETTEER).expect("write gazetteer");
        let input = root.join("in");
        fs::create_dir_all(input.join("notes")).expect("mkdir");
        let sentence = |i: usize| match i % 5 {
            0 => format!(
                "Russia launched {} Shahed drones at Kyiv overnight, officials in Ukraine said on day {i}.",
                i % 40 + 2
            ),
            1 => format!(
                "The Kremlin said on day {i} that talks with the United States were not planned."
            ),
            2 => format!(
                "Washington authorised Ukraine to use its missiles inside Russia, report {i} says."
            ),
            3 => format!("The EU imposed sanctions on Iran over drone deliveries (item {i})."),
            _ => format!(
                "Russia has deployed {} troops to Belarus, Ukraine said in note {i}.",
                i * 10 + 100
            ),
        };
        for part in 0..3 {
            let mut jsonl = String::new();
            for i in (part..docs).step_by(3) {
                if i % 97 == 13 {
                    jsonl.push_str("{not json at all\n");
                } else if i % 89 == 7 {
                    jsonl.push_str(&format!("{{\"id\": \"e{i}\", \"text\": \"  \"}}\n"));
                }
                jsonl.push_str(&format!(
                    "{{\"id\": \"d{i}\", \"date\": \"2024-03-{:02}\", \"url\": \"https://news{}.example/a{i}\", \"text\": \"{} {}\"}}\n",
                    i % 28 + 1,
                    i % 4,
                    sentence(i),
                    sentence(i + 1)
                ));
            }
            fs::write(input.join(format!("part{part}.jsonl")), jsonl).expect("write");
        }
        let mut csv = String::from("id,text\n");
        for i in 0..docs / 10 {
            // Every seventh row repeats an id of the JSON Lines files.
            let id = if i % 7 == 0 { 'd' } else { 'c' };
            csv.push_str(&format!("{id}{i},\"{}\"\n", sentence(i + 3)));
        }
        fs::write(input.join("rows.csv"), csv).expect("write");
        for i in 0..5 {
            fs::write(input.join(format!("notes/n{i}.txt")), sentence(i + 2)).expect("write");
        }
        fs::write(input.join("notes/scan.pdf"), "%PDF").expect("write");
        if docs > 0 {
            let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
            fs::create_dir_all(input.join("web")).expect("mkdir");
            for name in [
                "html/bryansk-atacms.html",
                "html/front-page.html",
                "warc/news.warc",
            ] {
                let from = examples.join(name);
                let to = input
                    .join("web")
                    .join(from.file_name().expect("a file name"));
                fs::copy(&from, &to).expect("copy an example");
            }
        }
        Setup { _tmp: tmp, root }
    }

    fn out(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// `evex extract in --out OUT ...` with the small gazetteer.
    fn command(&self, out: &Path, extra: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_evex"));
        c.arg("extract")
            .arg(self.root.join("in"))
            .arg("--out")
            .arg(out)
            .arg("--no-default-gazetteers")
            .arg("--gazetteers")
            .arg(self.root.join("gaz.tsv"))
            .args(extra)
            .env_remove("EVEX_FAULT")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, out: &Path, extra: &[&str], fault: Option<&str>) -> Output {
        let mut c = self.command(out, extra);
        if let Some(f) = fault {
            c.env("EVEX_FAULT", f);
        }
        c.output().expect("run evex")
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(p: &Path) -> Vec<u8> {
    fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&read(&dir.join("summary.json"))).expect("summary.json is JSON")
}

const TABLES: [&str; 5] = [
    "entities.csv",
    "entity_counts.csv",
    "event_groups.csv",
    "events.csv",
    "rejects.csv",
];

/// The outputs of `dir` equal those of `want`, byte for byte (a workbook
/// cell by cell: its file records when it was made), and so do the counts.
fn assert_same_run(dir: &Path, want: &Path, label: &str) {
    let (got, exp) = (summary(dir), summary(want));
    assert_eq!(got["outputs"], exp["outputs"], "{label}: outputs");
    let names = exp["outputs"].as_array().expect("an outputs list");
    assert!(!names.is_empty(), "{label}");
    for t in names.iter().filter_map(|n| n.as_str()) {
        if t.ends_with(".xlsx") {
            assert_eq!(sheets(&dir.join(t)), sheets(&want.join(t)), "{label}: {t}");
            continue;
        }
        let (got, exp) = (read(&dir.join(t)), read(&want.join(t)));
        assert!(
            got == exp,
            "{label}: {t} differs ({} bytes, want {})",
            got.len(),
            exp.len()
        );
    }
    for key in [
        "documents_read",
        "documents_processed",
        "documents_rejected",
        "entities",
        "events",
        "events_by_type",
        "events_by_rule",
        "mentions_by_gazetteer",
        "rejected_by_reason",
        "duplicate_doc_ids",
        "duplicate_doc_id_examples",
        "skipped_records",
        "event_groups",
        "text_bytes",
    ] {
        assert_eq!(got[key], exp[key], "{label}: summary {key}");
    }
    assert_eq!(got["complete"], true, "{label}");
    assert!(!dir.join(".evex-partial").exists(), "{label}: staging left");
}

/// The cells of a workbook's sheets, the summary sheet left out (it has
/// times in it).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).expect("open workbook");
    let names: Vec<String> = book.sheet_names().to_vec();
    names
        .into_iter()
        .filter(|n| n != "summary")
        .map(|n| {
            let range = book.worksheet_range(&n).expect("a sheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (n, rows)
        })
        .collect()
}

const SMALL_CHUNKS: [&str; 6] = [
    "--chunk-docs",
    "16",
    "--checkpoint-seconds",
    "0",
    "--threads",
    "2",
];

#[test]
fn a_run_stopped_anywhere_and_resumed_writes_the_same_bytes() {
    let s = Setup::new(900);
    let whole = s.out("whole");
    let o = s.run(&whole, &["--quiet"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let read_all = summary(&whole)["documents_read"].as_u64().expect("count");
    assert!(read_all > 900, "{read_all}");

    // (fault, exit code of the stopped run: a signal's 128 + N, or a crash)
    let cases = [
        ("reader:1:term", Some(143)),
        ("reader:400:int", Some(130)),
        ("worker:37:term", Some(143)),
        ("worker:500:int", Some(130)),
        ("writer:1:term", Some(143)),
        ("writer:333:term", Some(143)),
        ("writer:900:int", Some(130)),
        ("worker:200:kill", None),
        ("writer:450:kill", None),
        ("disk:30000:term", Some(143)),
    ];
    for (i, (fault, code)) in cases.iter().enumerate() {
        let out = s.out(&format!("run{i}"));
        let o = s.run(&out, &SMALL_CHUNKS, Some(fault));
        let err = stderr(&o);
        assert_eq!(o.status.code(), *code, "{fault}: {err}");
        assert!(
            !out.join("events.csv").exists(),
            "{fault}: nothing in place yet"
        );
        assert!(
            out.join(".evex-partial/checkpoint.json").exists(),
            "{fault}"
        );
        if code.is_some() {
            assert!(err.contains("--resume"), "{fault}: {err}");
            let partial = summary(&out.join(".evex-partial"));
            assert_eq!(partial["complete"], false, "{fault}");
        }
        // Resumed with other threads and chunks: the output does not depend
        // on them.
        let o = s.run(&out, &["--resume", "--threads", "1"], None);
        assert_eq!(o.status.code(), Some(3), "{fault} resumed: {}", stderr(&o));
        assert_same_run(&out, &whole, fault);
        assert!(summary(&out)["resumed_at"].is_array(), "{fault}");
    }
}

#[test]
fn a_run_can_be_stopped_and_resumed_several_times() {
    let s = Setup::new(600);
    let whole = s.out("whole");
    s.run(&whole, &["--quiet"], None);
    let out = s.out("out");
    let o = s.run(&out, &SMALL_CHUNKS, Some("writer:100:term"));
    assert_eq!(o.status.code(), Some(143), "{}", stderr(&o));
    let mut resume = vec!["--resume"];
    resume.extend(SMALL_CHUNKS);
    let o = s.run(&out, &resume, Some("writer:150:int"));
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    let o = s.run(&out, &resume, Some("worker:100:kill"));
    assert_eq!(o.status.code(), None, "{}", stderr(&o));
    let o = s.run(&out, &["--resume"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_same_run(&out, &whole, "three stops");
    assert_eq!(
        summary(&out)["resumed_at"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn every_table_and_format_resumes_the_same() {
    let s = Setup::new(400);
    let all = "events,entities,rejects,entity_counts,event_groups,documents";
    let variants: [&[&str]; 3] = [
        &[
            "--tables",
            all,
            "--csv-bom",
            "--crlf",
            "--unique-ids",
            "--keep-field",
            "url",
        ],
        &["--format", "jsonl", "--tables", all, "--group-window", "2"],
        &["--format", "xlsx"],
    ];
    for (v, options) in variants.iter().enumerate() {
        let whole = s.out(&format!("whole{v}"));
        let mut quiet = options.to_vec();
        quiet.push("--quiet");
        let o = s.run(&whole, &quiet, None);
        assert_eq!(o.status.code(), Some(3), "{options:?}: {}", stderr(&o));
        for (f, fault) in ["writer:170:term", "worker:300:kill"].iter().enumerate() {
            let out = s.out(&format!("out{v}-{f}"));
            let mut stopped = options.to_vec();
            stopped.extend(SMALL_CHUNKS);
            let o = s.run(&out, &stopped, Some(fault));
            assert_ne!(
                o.status.code(),
                Some(3),
                "{options:?} {fault}: it did not stop"
            );
            let mut resumed = quiet.clone();
            resumed.push("--resume");
            let o = s.run(&out, &resumed, None);
            let label = format!("{options:?} {fault}");
            assert_eq!(o.status.code(), Some(3), "{label}: {}", stderr(&o));
            assert_same_run(&out, &whole, &label);
        }
    }
}

#[test]
fn a_per_document_stream_into_a_folder_resumes_the_same() {
    let s = Setup::new(300);
    let whole = s.out("whole");
    let o = s.run(&whole, &["--per-document", "--quiet"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(summary(&whole)["outputs"][0], "per_document.jsonl");
    let out = s.out("out");
    let mut stopped = vec!["--per-document"];
    stopped.extend(SMALL_CHUNKS);
    let o = s.run(&out, &stopped, Some("writer:120:term"));
    assert_eq!(o.status.code(), Some(143), "{}", stderr(&o));
    let o = s.run(&out, &["--per-document", "--quiet", "--resume"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_same_run(&out, &whole, "--per-document");
}

/// Waits until the run's checkpoint records some written items.
fn wait_for_progress(out: &Path, child: &mut std::process::Child) -> bool {
    let started = Instant::now();
    let cp = out.join(".evex-partial/checkpoint.json");
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if let Ok(bytes) = fs::read(&cp)
            && let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes)
            && v["items_done"].as_u64().unwrap_or(0) > 0
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[cfg(unix)]
#[test]
fn signals_from_outside_stop_the_run_and_it_resumes() {
    let s = Setup::new(6000);
    let whole = s.out("whole");
    s.run(&whole, &["--quiet"], None);
    for (sig, code) in [("-TERM", Some(143)), ("-KILL", None)] {
        let out = s.out(&format!("out{sig}"));
        let mut child = s
            .command(&out, &SMALL_CHUNKS)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn evex");
        if !wait_for_progress(&out, &mut child) {
            // The run ended before it could be stopped: nothing to test.
            let _ = child.wait();
            continue;
        }
        Command::new("kill")
            .arg(sig)
            .arg(child.id().to_string())
            .status()
            .expect("kill");
        let o = child.wait_with_output().expect("wait");
        if o.status.code() == Some(3) {
            continue; // finished just before the signal
        }
        assert_eq!(o.status.code(), code, "{sig}: {}", stderr(&o));
        let o = s.run(&out, &["--resume"], None);
        assert_eq!(o.status.code(), Some(3), "{sig} resumed: {}", stderr(&o));
        assert_same_run(&out, &whole, sig);
    }
}

#[test]
fn a_full_disk_stops_the_run_naming_the_file_and_it_resumes() {
    let s = Setup::new(300);
    let whole = s.out("whole");
    s.run(&whole, &["--quiet"], None);
    let out = s.out("out");
    let o = s.run(&out, &SMALL_CHUNKS, Some("disk:20000:full"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains(".evex-partial/"), "the file is named: {err}");
    assert!(err.contains("--resume"), "{err}");
    assert!(!out.join("events.csv").exists());
    let o = s.run(&out, &["--resume"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_same_run(&out, &whole, "full disk");
}

#[test]
fn an_interrupted_run_keeps_the_earlier_complete_run_in_place() {
    let s = Setup::new(300);
    let out = s.out("out");
    assert_eq!(s.run(&out, &["--quiet"], None).status.code(), Some(3));
    let before: Vec<Vec<u8>> = TABLES.iter().map(|t| read(&out.join(t))).collect();
    let before_summary = read(&out.join("summary.json"));

    let o = s.run(&out, &SMALL_CHUNKS, Some("writer:50:term"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(143), "{err}");
    assert!(
        err.contains("still holds the earlier run, unchanged"),
        "{err}"
    );
    let after: Vec<Vec<u8>> = TABLES.iter().map(|t| read(&out.join(t))).collect();
    assert!(before == after, "the earlier tables are untouched");
    assert_eq!(read(&out.join("summary.json")), before_summary);

    // A new run without --resume would throw the interrupted one away.
    let o = s.run(&out, &[], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("holds an interrupted run"),
        "{}",
        stderr(&o)
    );
    // With other options, it cannot be resumed.
    let o = s.run(&out, &["--resume", "--keep-duplicates"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("the options differ"), "{}", stderr(&o));
    // --force starts again.
    let o = s.run(&out, &["--force", "--quiet"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(!out.join(".evex-partial").exists());
}

#[test]
fn the_output_folder_is_replaced_as_a_whole_or_left_alone() {
    let s = Setup::new(60);
    let out = s.out("out");
    assert_eq!(s.run(&out, &["--quiet"], None).status.code(), Some(3));
    // A JSON Lines run replaces the CSV run: no stale CSV beside it.
    let o = s.run(&out, &["--format", "jsonl", "--quiet"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let mut names: Vec<String> = fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "entities.jsonl",
            "entity_counts.jsonl",
            "event_groups.jsonl",
            "events.jsonl",
            "rejects.jsonl",
            "summary.json"
        ]
    );
    let s1 = summary(&out);
    assert_eq!(s1["complete"], true);
    assert_eq!(s1["outputs"][3], "events.jsonl");
    for key in ["evex_version", "started_at", "ended_at", "command_line"] {
        assert!(!s1[key].is_null(), "{key}");
    }
    assert_eq!(
        s1["fingerprints"]["gazetteer"].as_str().map(str::len),
        Some(32)
    );

    // A mistyped input: everything rejected, the earlier run stays.
    let before = read(&out.join("events.jsonl"));
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(["extract", "no-such-dump.jsonl", "--out"])
        .arg(&out)
        .output()
        .expect("run");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("keeps the earlier run"), "{err}");
    assert!(err.contains("no such file or folder"), "{err}");
    assert_eq!(read(&out.join("events.jsonl")), before);
    assert_eq!(summary(&out)["documents_read"], s1["documents_read"]);

    // A folder with other files is refused, and with --force they stay.
    let mine = s.out("mine");
    fs::create_dir_all(&mine).expect("mkdir");
    fs::write(mine.join("thesis.docx"), "mine").expect("write");
    let o = s.run(&mine, &[], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("holds files that are not from an evex run (thesis.docx)"),
        "{}",
        stderr(&o)
    );
    assert!(!mine.join("events.csv").exists());
    let o = s.run(&mine, &["--force", "--quiet"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert_eq!(read(&mine.join("thesis.docx")), b"mine");
    assert!(mine.join("events.csv").exists());

    // --resume with nothing to resume starts from the beginning.
    let fresh = s.out("fresh");
    let o = s.run(&fresh, &["--resume"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("starting from the beginning"));
    assert_same_run(&fresh, &mine, "resume of nothing");
}

#[test]
fn argument_values_do_not_crash() {
    let s = Setup::new(30);
    let o = s.run(&s.out("t"), &["--threads", "100000"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--threads 100000 is more than 4 per core"),
        "{}",
        stderr(&o)
    );
    // The commands that read a corpus without writing tables cap them too.
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .arg("suggest")
        .arg(s.root.join("in"))
        .args(["--out", "-", "--threads", "100000"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--threads 100000 is more than 4 per core"),
        "{}",
        stderr(&o)
    );
    for bad in [
        &["--threads", "-1"][..],
        &["--threads", "99999999999999999999999"],
        &["--max-doc-bytes", "-5"],
        &["--checkpoint-seconds", "NaN"],
        &["--checkpoint-seconds", "-1"],
    ] {
        let o = s.run(&s.out("bad"), bad, None);
        assert_eq!(o.status.code(), Some(2), "{bad:?}: {}", stderr(&o));
    }
    let o = s.run(
        &s.out("huge"),
        &["--max-doc-bytes", &usize::MAX.to_string(), "--quiet"],
        None,
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let o = s.run(&s.out("zero"), &["--max-doc-bytes", "0", "--quiet"], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    // An output "folder" that is a file.
    let file = s.out("file.txt");
    fs::write(&file, "x").expect("write");
    let o = s.run(&file, &[], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("it is a file"), "{}", stderr(&o));
    // --resume needs a folder.
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args(["extract", "-", "--out", "-", "--resume"])
        .stdin(Stdio::null())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn folder_walks_skip_pipes_loops_and_duplicates_and_keep_odd_names() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;
    let s = Setup::new(0);
    let input = s.root.join("walk");
    fs::create_dir_all(input.join("a")).expect("mkdir");
    fs::write(
        input.join("a/x.txt"),
        "Russia launched Shahed drones at Kyiv.",
    )
    .expect("write");
    symlink("..", input.join("a/up")).expect("symlink");
    symlink("a", input.join("b")).expect("symlink");
    fs::hard_link(input.join("a/x.txt"), input.join("copy.txt")).expect("link");
    let odd = std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.txt");
    fs::write(input.join(odd), "Kyiv is the capital of Ukraine.").expect("write");
    let fifo = input.join("pipe.jsonl");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    let out = s.out("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_evex"))
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--no-default-gazetteers", "--gazetteers"])
        .arg(s.root.join("gaz.tsv"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("evex blocked on the named pipe");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    let err = stderr(&o);
    assert!(
        err.contains("a/up: a symbolic link to a folder, not followed"),
        "{err}"
    );
    assert!(err.contains("copy.txt: the same file as"), "{err}");
    assert!(err.contains("walk/b: a symbolic link to a folder"), "{err}");
    let events = String::from_utf8(read(&out.join("events.csv"))).expect("UTF-8");
    let ids: Vec<&str> = events
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["a/x.txt"], "{events}");
    let entities = String::from_utf8(read(&out.join("entities.csv"))).expect("UTF-8");
    assert!(entities.contains("\nr\\xE9sum\\xE9.txt,0,"), "{entities}");
    let rejects = String::from_utf8(read(&out.join("rejects.csv"))).expect("UTF-8");
    if made {
        assert_eq!(o.status.code(), Some(3), "{err}");
        assert!(
            rejects.contains(",,not_a_file,\"a named pipe (FIFO), not a regular file"),
            "{rejects}"
        );
    } else {
        assert_eq!(o.status.code(), Some(0), "{err}");
    }

    // With --follow, b is walked, the loop is not, and x.txt is read once.
    let out = s.out("followed");
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .arg("extract")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--follow", "--no-default-gazetteers", "--gazetteers"])
        .arg(s.root.join("gaz.tsv"))
        .output()
        .expect("run");
    let err = stderr(&o);
    assert!(err.contains("a/up: a symbolic link back to"), "{err}");
    assert!(err.contains("b/x.txt: the same file as"), "{err}");
    assert_eq!(
        summary(&out)["documents_read"].as_u64(),
        Some(if made { 3 } else { 2 }),
        "{err}"
    );
}
