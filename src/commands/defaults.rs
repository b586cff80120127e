//! `evex defaults`: the compiled-in gazetteers and rules as editable files.

use super::Outcome;
use crate::defaults;
use std::path::Path;

/// Licences and sources of the default gazetteers; written beside them,
/// since some (GeoNames) require the attribution to travel with the data.
static SOURCES: &str = include_str!("../../gazetteers/SOURCES.md");

/// Writes every default gazetteer and rule file under `dir`, at the paths
/// that `evex explain` cites (`gazetteers/person.tsv`, `rules/attack.rules`),
/// plus `gazetteers/SOURCES.md`. Existing files are left alone unless
/// `force`.
pub fn write_defaults(dir: &Path, force: bool) -> Outcome {
    let files = defaults::GAZETTEERS
        .iter()
        .chain(defaults::RULES)
        .copied()
        .chain(std::iter::once(("gazetteers/SOURCES.md", SOURCES)));
    let files: Vec<(&str, &str)> = files.collect();
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            eprintln!(
                "evex: {} already exists (and {} more); use --force to overwrite, or choose another folder",
                existing[0],
                existing.len() - 1
            );
            return Outcome::ConfigError;
        }
    }
    for (name, text) in files {
        let path = dir.join(name);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("evex: cannot write {}: {e}", path.display());
            return Outcome::OutputError;
        }
        println!("{}", path.display());
    }
    Outcome::Clean
}
