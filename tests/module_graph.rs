//! The library's top-level modules form a graph without circles: each stage
//! uses the stages before it and shared helpers, never the other way round
//! (ingest → segment/normalise → match → resolve → parse → rules → emit).
//!
//! A circle makes two modules one in all but name: neither can be read,
//! tested or replaced alone. This test reads `src/`, collects every
//! `crate::module` path in code (comments, doc comments and `#[cfg(test)]`
//! modules left out: tests may reach anywhere), and fails with the circle it
//! finds.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The top-level module a source file belongs to (`src/rules/engine.rs` →
/// `rules`), or none for the crate roots.
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

/// The code of a file without comments, string literals and
/// `#[cfg(test)]` items.
fn code_of(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut lines = src.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            // Skip the item that follows: up to its closing brace, or its
            // `;` when it has no body.
            let mut depth = 0i32;
            let mut opened = false;
            for l in lines.by_ref() {
                let l = strip_strings(l);
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        let code = strip_strings(line);
        let code = code.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The line with the contents of string and brace character literals
/// removed, so that braces and `//` inside them are not read as code.
fn strip_strings(line: &str) -> String {
    let line = line.replace("'{'", "''").replace("'}'", "''");
    let mut out = String::with_capacity(line.len());
    let mut in_str = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_str {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
                out.push('"');
            }
            continue;
        }
        if c == '"' {
            in_str = true;
        }
        out.push(c);
    }
    out
}

/// The top-level modules that `code` names through `crate::`, including
/// grouped imports (`use crate::{a, b::C};`).
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's first level.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.extend(first_segment(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            found.extend(first_segment(&item));
        } else {
            found.extend(first_segment(rest));
        }
    }
    found
}

fn first_segment(path: &str) -> Option<String> {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty() && name != "self").then_some(name)
}

fn collect(dir: &Path, root: &Path, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, graph);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(root).expect("a path under src/");
        let Some(module) = module_of(rel) else {
            continue;
        };
        let src = fs::read_to_string(&path).expect("a readable source file");
        let deps = graph.entry(module.clone()).or_default();
        deps.extend(uses(&code_of(&src)).into_iter().filter(|d| *d != module));
    }
}

/// A circle in `graph` as the list of modules along it, if there is one.
fn find_circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut circle = path[at..].to_vec();
            circle.push(m.to_string());
            return Some(circle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in graph.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_reader_sees_grouped_imports_and_skips_tests_and_comments() {
    let src = "use crate::{acronyms, gazetteer::{self, Gazetteer}, reference};\n\
               // crate::emit is only named in a comment\n\
               let s = \"crate::batch\";\n\
               fn f() { crate::dates::parse(); }\n\
               #[cfg(test)]\n\
               mod tests {\n    use crate::pipeline::Pipeline;\n    fn g() { let c = '}'; }\n}\n\
               fn h() { crate::spill::x(); }\n";
    let found: Vec<String> = uses(&code_of(src)).into_iter().collect();
    assert_eq!(
        found,
        ["acronyms", "dates", "gazetteer", "reference", "spill"]
    );
}

#[test]
fn modules_form_no_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    collect(&root, &root, &mut graph);
    assert!(
        graph.len() > 20 && graph.get("pipeline").is_some_and(|d| d.contains("rules")),
        "the reader missed modules: {graph:?}"
    );
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "modules use each other in a circle: {}; move what both need into a \
             module of its own, or turn the later stage's call into data the \
             earlier one is handed",
            circle.join(" → ")
        );
    }
}
