//! Inputs people really have (WARC, HTML, UTF-16, European CSV, nested
//! JSON) and outputs meant for analysis (dates, quantities, metadata,
//! groups, character offsets, workbooks), seen from outside through the
//! `evex` binary.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn evex(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_evex"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run evex")
}

fn ok(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// A CSV table as maps from column name to value.
fn table(p: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The values of `cols` in a row, joined by `|`.
fn pick(row: &BTreeMap<String, String>, cols: &[&str]) -> String {
    cols.iter()
        .map(|c| row.get(*c).map_or("?", String::as_str))
        .collect::<Vec<_>>()
        .join("|")
}

fn summary(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(dir.join("summary.json")).expect("summary"))
        .expect("summary JSON")
}

#[test]
fn warc_and_html_examples_run_end_to_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        "examples/warc",
        "examples/html",
        "--out",
        out.to_str().unwrap(),
        "--tables",
        "events,entities,rejects,event_groups,documents",
        "--quiet",
    ]);
    ok(&o, 3);

    // Two archives (WARC/1.0 gzipped, WARC/1.1 plain) of the same crawl,
    // and the pages as files: the front page has no article.
    let rejects = table(&out.join("rejects.csv"));
    let rejects: Vec<String> = rejects
        .iter()
        .map(|r| pick(r, &["source", "line", "reason"]))
        .collect();
    assert_eq!(
        rejects,
        [
            "examples/warc/news.warc|5|no_article",
            "examples/warc/news.warc.gz|5|no_article",
            "examples/html/front-page.html||no_article"
        ]
    );
    let s = summary(&out);
    assert_eq!(
        (
            &s["documents_read"],
            &s["documents_processed"],
            &s["duplicate_doc_ids"]
        ),
        (&14.into(), &11.into(), &5.into())
    );
    assert_eq!(
        s["skipped_records"],
        serde_json::json!({"metadata": 2, "request": 16, "response (HTTP error)": 2,
            "response (HTTP redirect)": 2, "response (not HTML)": 2, "warcinfo": 2})
    );

    // The extracted articles, their metadata, and no boilerplate.
    let docs = table(&out.join("documents.csv"));
    let doc = |id: &str| {
        docs.iter()
            .find(|d| d["doc_id"] == id)
            .unwrap_or_else(|| panic!("no document {id}"))
    };
    let bryansk = doc("https://frontline-dispatch.example/news/ukraine-atacms-bryansk");
    assert_eq!(
        pick(bryansk, &["doc_date", "title", "url"]),
        "2024-11-20|Ukraine fires ATACMS into Russia for the first time|https://frontline-dispatch.example/news/ukraine-atacms-bryansk"
    );
    assert!(bryansk["text"].starts_with("Early on Tuesday, Ukrainian forces fired six ATACMS"));
    // windows-1252, named only by the HTTP header; no date in the page, so
    // the WARC-Date.
    let talks = doc("https://bosphorus-wire.example/europe/istanbul-talks");
    assert_eq!(talks["doc_date"], "2025-05-17");
    assert!(talks["text"].contains("Russia’s delegation") && talks["text"].contains("café"));
    assert_eq!(
        doc("odesa-port-drones.html")["url"],
        "https://harbour-herald.example/world/2024/03/14/odesa-port-drones"
    );
    for d in &docs {
        for junk in [
            "cookies",
            "Subscribe",
            "Stay strong",
            "All rights",
            "Share on",
            "window.",
        ] {
            assert!(!d["text"].contains(junk), "{junk} in {}", d["doc_id"]);
        }
    }

    // Offsets refer to the extracted text, in bytes and in characters.
    let texts: HashMap<&str, &str> = docs
        .iter()
        .map(|d| (d["doc_id"].as_str(), d["text"].as_str()))
        .collect();
    let entities = table(&out.join("entities.csv"));
    assert!(entities.len() > 40);
    for e in &entities {
        let text = texts[e["doc_id"].as_str()];
        let (s, t): (usize, usize) = (e["start"].parse().unwrap(), e["end"].parse().unwrap());
        assert_eq!(&text[s..t], e["text"]);
        let (cs, ct): (usize, usize) = (
            e["start_char"].parse().unwrap(),
            e["end_char"].parse().unwrap(),
        );
        let by_chars: String = text.chars().skip(cs).take(ct - cs).collect();
        assert_eq!(by_chars, e["text"]);
    }

    let events = table(&out.join("events.csv"));
    let cols = [
        "event_type",
        "actor",
        "weapon",
        "location",
        "event_date",
        "date_basis",
        "quantity_value",
        "quantity_unit",
    ];
    let of = |id: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| e["doc_id"] == id)
            .map(|e| pick(e, &cols))
            .collect()
    };
    // Read from both archives: the same rows twice (the id repeats, and
    // summary.json says so).
    let bryansk = [
        "ATTACK|Ukraine|ATACMS|Bryansk|2024-11-19|relative|6|missiles",
        "POLICY_CHANGE|Vladimir Putin|||2024-11-20|document||",
    ];
    assert_eq!(
        of("https://frontline-dispatch.example/news/ukraine-atacms-bryansk"),
        [bryansk, bryansk].concat()
    );
    assert_eq!(
        of("odesa-port-drones.html"),
        [
            "ATTACK|Russia|drones|Odesa|2024-03-14|relative|42|drones",
            "ATTACK|Russia|glide bombs|Kharkiv|2024-03-13|relative||",
            "ARMS_TRANSFER|Ukraine|Patriot||2024-03-14|document||",
            "ARMS_TRANSFER|Germany|Patriot||2024-03-12|relative||"
        ]
    );
    assert_eq!(
        of("https://bosphorus-wire.example/europe/istanbul-talks")[0],
        "NEGOTIATION|Russia||Istanbul|2025-05-16|relative||"
    );

    // Every event is in a group; the Odesa strike, reported by two sites
    // (and read three times: two archives and the saved page), is one.
    let groups = table(&out.join("event_groups.csv"));
    let ids: Vec<&str> = groups.iter().map(|g| g["group_id"].as_str()).collect();
    assert!(events.iter().all(|e| ids.contains(&e["group_id"].as_str())));
    let odesa = groups
        .iter()
        .find(|g| g["location"] == "Odesa")
        .expect("Odesa group");
    assert_eq!(
        pick(
            odesa,
            &[
                "group_id",
                "event_type",
                "actor",
                "first_date",
                "last_date",
                "mentions",
                "documents",
                "sources",
                "source_hosts"
            ]
        ),
        "1|ATTACK|Russia|2024-03-14|2024-03-14|5|5|2|black-sea-digest.example; harbour-herald.example"
    );
    assert!(odesa["evidence"].starts_with("Russia launched 42 drones"));
    let in_odesa = events.iter().filter(|e| e["group_id"] == "1").count();
    assert_eq!(in_odesa, 5);
}

/// UTF-16LE with a byte-order mark, as Windows "Unicode text" saves it.
fn utf16(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    b
}

#[test]
fn inputs_people_have_and_metadata_in_every_row() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    // Nested JSON, dated Wednesday 20 November 2024; the second record
    // repeats the first one's id.
    let article = r#"{"meta": {"id": "n1", "published": "2024-11-20T07:30:00Z"}, "desk": "world", "article": {"headline": "Strike on Bryansk", "link": "https://news.example/bryansk", "body": "Early on Tuesday, Ukrainian forces fired six ATACMS missiles at a military facility in Russia’s Bryansk region."}}"#;
    let again = r#"{"meta": {"id": "n1", "published": "2024-11-21"}, "desk": "europe", "article": {"body": "Russia has deployed about 5,000 troops to Belarus, officials said on Nov. 17."}}"#;
    fs::write(input.join("a.jsonl"), format!("{article}\n{again}\n")).expect("write");
    // A European Excel export: `;` between cells, commas inside them.
    fs::write(
        input.join("b.csv"),
        "id;date;text\nb1;2023-12-09;\"On 9 December 2022, Russia launched 70 drones at Odesa, officials said.\"\n",
    )
    .expect("write");
    // Excel's "Unicode text": UTF-16, tab-separated.
    fs::write(
        input.join("c.tsv"),
        utf16("id\tdate\ttext\r\nc1\t2024-06-01\tThe Houthis fired two missiles at a tanker in the Red Sea yesterday.\r\n"),
    )
    .expect("write");
    fs::write(
        input.join("d.txt"),
        utf16("Iran sent more than 200 drones to Russia, Kyïv said."),
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--id-field",
        "meta.id",
        "--id-field",
        "id",
        "--text-field",
        "article.body",
        "--text-field",
        "text",
        "--date-field",
        "meta.published",
        "--date-field",
        "date",
        "--title-field",
        "article.headline",
        "--url-field",
        "article.link",
        "--keep-field",
        "desk",
        "--unique-ids",
        "--csv-bom",
        "--crlf",
        "--quiet",
    ]);
    ok(&o, 0);
    let raw = fs::read(out.join("events.csv")).expect("events");
    assert!(raw.starts_with("\u{feff}doc_id,".as_bytes()));
    assert!(
        raw.ends_with(b"\r\n")
            && !String::from_utf8_lossy(&raw)
                .replace("\r\n", "")
                .contains('\n')
    );
    assert!(
        fs::read(out.join("entities.csv"))
            .unwrap()
            .starts_with(b"\xEF\xBB\xBF")
    );

    let events = table(&out.join("events.csv"));
    let rows: Vec<String> = events
        .iter()
        .map(|e| {
            pick(
                e,
                &[
                    "doc_id",
                    "event_type",
                    "quantity",
                    "quantity_value",
                    "quantity_unit",
                    "quantity_qualifier",
                    "event_date",
                    "date_basis",
                    "doc_date",
                    "title",
                    "url",
                    "desk",
                ],
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "n1|ATTACK|six|6|missiles||2024-11-19|relative|2024-11-20|Strike on Bryansk|https://news.example/bryansk|world",
            "n1#2|DEPLOYMENT|about 5,000|5000|troops|about|2024-11-17|explicit|2024-11-21|||europe",
            "b1|ATTACK|70|70|drones||2022-12-09|explicit|2023-12-09|||",
            "c1|ATTACK|two|2|missiles||2024-05-31|relative|2024-06-01|||",
            "d.txt|ARMS_TRANSFER|more than 200|200|drones|over||||||",
        ]
    );
    // Each event has a group, and the group ids are row numbers.
    let ids: Vec<&str> = events.iter().map(|e| e["group_id"].as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    let s = summary(&out);
    assert_eq!(s["duplicate_doc_ids"], 1);
    assert_eq!(s["duplicate_doc_id_examples"], serde_json::json!(["n1"]));
    // The kept field is in the entity rows too, with the document date.
    let entities = table(&out.join("entities.csv"));
    let kyiv = entities.iter().find(|e| e["text"] == "Kyïv").expect("Kyïv");
    assert_eq!(
        pick(kyiv, &["doc_id", "start", "start_char", "doc_date", "desk"]),
        "d.txt|42|42||"
    );
    let counts = table(&out.join("entity_counts.csv"));
    let bryansk = counts
        .iter()
        .find(|c| c["doc_id"] == "n1" && c["canonical"] == "Bryansk")
        .expect("Bryansk counted");
    // After "Russia’s": the curly apostrophe is three bytes, one character.
    assert_eq!(
        pick(
            bryansk,
            &[
                "type",
                "mentions",
                "first_start",
                "first_start_char",
                "doc_date"
            ]
        ),
        "PLACE|1|98|96|2024-11-20"
    );
}

#[test]
fn tables_can_be_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let o = evex(&[
        "extract",
        "examples/articles/02-north-korean-troops.txt",
        "--out",
        out.to_str().unwrap(),
        "--tables",
        "events,entity_counts",
        "--quiet",
    ]);
    ok(&o, 0);
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["entity_counts.csv", "events.csv", "summary.json"]);
    // Without event_groups the group_id column stays empty.
    assert!(
        table(&out.join("events.csv"))
            .iter()
            .all(|e| e["group_id"].is_empty())
    );
}
