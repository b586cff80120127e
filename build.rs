//! Embeds the default gazetteers, rules and entity patterns in the binary,
//! so `evex extract` works from any directory. Every file under
//! `gazetteers/` (`.tsv`, `.txt` word lists), `rules/` (`.rules`, `.tsv`) and `patterns/`
//! (`.patterns`, `.txt` word lists) is included, in sorted order.

use std::fs;
use std::path::Path;

fn list(dir: &str, exts: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(dir).to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
            {
                out.push(p.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut code = String::new();
    for (name, dir, exts) in [
        ("GAZETTEERS", "gazetteers", &["tsv", "txt"][..]),
        ("RULES", "rules", &["rules", "tsv"][..]),
        ("PATTERNS", "patterns", &["patterns", "txt"][..]),
    ] {
        println!("cargo:rerun-if-changed={dir}");
        code.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
        for f in list(&format!("{root}/{dir}"), exts) {
            println!("cargo:rerun-if-changed={f}");
            let rel = f
                .strip_prefix(&format!("{root}/"))
                .unwrap_or(&f)
                .to_string();
            code.push_str(&format!("    ({rel:?}, include_str!({f:?})),\n"));
        }
        code.push_str("];\n");
    }
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&out).join("defaults.rs"), code).expect("write defaults.rs");
}
