//! Benchmark data generator (cargo example `bench_gen`), used by
//! `scripts/bench.sh`.
//!
//!   bench_gen gazetteer --entries N --out FILE.tsv [--seed S]
//!       synthetic gazetteer of N entries (entry i is the same for every N)
//!   bench_gen corpus --entries N --mb MB --out FILE.jsonl [--seed S] [--gaz-seed S]
//!       news-like JSONL ({"id":..,"text":..}) of at least MB megabytes whose
//!       entity mentions are drawn from the first N synthetic entries, at
//!       about one mention per twelve words
//!
//! Prints what it wrote as `key=value` lines on stdout.

mod textgen;

use std::io::{BufWriter, Write};
use std::time::Instant;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn num(args: &[String], name: &str, default: u64) -> u64 {
    arg(args, name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name}: not a number: {v}"))
    })
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: bench_gen gazetteer|corpus --entries N --out FILE [--mb MB] [--seed S] [--gaz-seed S]";
    let Some(cmd) = args.get(1) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let Some(out) = arg(&args, "--out") else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let entries = num(&args, "--entries", 20_000) as usize;
    let gaz_seed = num(&args, "--gaz-seed", 20_251_126);
    let started = Instant::now();
    let gaz = textgen::synth_gazetteer(entries, gaz_seed);
    match cmd.as_str() {
        "gazetteer" => {
            std::fs::write(&out, textgen::gazetteer_tsv(&gaz))?;
            let aliases: usize = gaz.iter().map(|e| 1 + e.aliases.len()).sum();
            println!("entries={}", gaz.len());
            println!("aliases={aliases}");
        }
        "corpus" => {
            let mb = num(&args, "--mb", 50);
            let seed = num(&args, "--seed", 42);
            let names = textgen::synth_names(&gaz);
            let mut g = textgen::TextGen::new(&names, seed);
            let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&out)?);
            let mut text = String::new();
            let target = mb * 1_000_000;
            while g.stats.bytes < target {
                text.clear();
                g.article(&mut text);
                let id = format!("synth-{:07}", g.stats.docs);
                serde_json::to_writer(&mut w, &serde_json::json!({ "id": id, "text": text }))?;
                w.write_all(b"\n")?;
            }
            w.flush()?;
            let s = g.stats;
            println!("docs={}", s.docs);
            println!("text_bytes={}", s.bytes);
            println!("words={}", s.words);
            println!("entity_mentions={}", s.entities);
            println!(
                "words_per_entity={:.2}",
                s.words as f64 / s.entities.max(1) as f64
            );
        }
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
    println!("seconds={:.2}", started.elapsed().as_secs_f64());
    Ok(())
}
