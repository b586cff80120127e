//! Reading gazetteer TSV files into rows, with `file:line` errors.
//!
//! The format is deliberately spreadsheet-friendly: a header row names the
//! columns, `#` starts a comment line, and everything that is not one of the
//! known columns is kept as an attribute. See README.md, "Gazetteers".

use super::GazetteerError;

/// One row of a gazetteer file, as written (not yet merged or validated
/// against other files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: String,
    pub line: u64,
    pub canonical: String,
    pub etype: String,
    pub id: Option<String>,
    pub aliases: Vec<String>,
    pub removed: Vec<String>,
    pub demonyms: Vec<String>,
    pub case: Option<String>,
    pub stands_for: Option<String>,
    pub rank: Option<i32>,
    pub generic: bool,
    pub attributes: Vec<(String, String)>,
}

/// The type a file's name implies: `weapon.tsv`, `place_cities.tsv` → the
/// upper-cased first word of the stem.
pub fn type_from_file_name(file: &str) -> Option<String> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.split(['.', '_', '-']).next().unwrap_or("");
    if stem.is_empty() {
        None
    } else {
        Some(stem.to_uppercase())
    }
}

/// Parses one gazetteer file. `extra_types` collects types declared with a
/// `#!types NAME ...` line.
pub fn parse_file(
    file: &str,
    text: &str,
    extra_types: &mut Vec<String>,
) -> Result<Vec<Row>, GazetteerError> {
    let err = |line: u64, message: String| GazetteerError::Syntax {
        file: file.to_string(),
        line,
        message,
    };
    for decl in text.lines().filter_map(|l| l.strip_prefix("#!types")) {
        extra_types.extend(
            decl.split([' ', ',', '\t'])
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let file_type = type_from_file_name(file);
    // Plain tab splitting: the format has no quoting, so a cell may hold
    // any character but a tab or a newline.
    for (n, raw) in text.lines().enumerate() {
        let line = n as u64 + 1;
        if raw.starts_with('#') || raw.trim().is_empty() {
            continue;
        }
        let record: Vec<&str> = raw.split('\t').collect();
        let Some(cols) = &header else {
            let cols: Vec<String> = record
                .iter()
                .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
                .collect();
            if !cols.iter().any(|c| c == "canonical") {
                return Err(err(
                    line,
                    "the header row has no `canonical` column (the first row names the columns, e.g. `canonical<TAB>type<TAB>aliases`)".into(),
                ));
            }
            let has_type = cols.iter().any(|c| c == "type");
            if !has_type
                && !matches!(
                    file_type.as_deref(),
                    Some("PERSON" | "PLACE" | "ORG" | "WEAPON")
                )
            {
                return Err(err(
                    line,
                    "the header row has no `type` column and the file name does not name a type (add a `type` column or name the file e.g. `place.tsv`)".into(),
                ));
            }
            if let Some(dup) = cols
                .iter()
                .enumerate()
                .find(|(i, c)| cols[..*i].contains(c))
            {
                return Err(err(line, format!("the column `{}` is named twice", dup.1)));
            }
            header = Some(cols);
            continue;
        };
        if record.len() > cols.len() {
            return Err(err(
                line,
                format!(
                    "this row has {} cells but the header names {} columns (a tab too many?)",
                    record.len(),
                    cols.len()
                ),
            ));
        }
        let mut row = Row {
            file: file.to_string(),
            line,
            canonical: String::new(),
            etype: file_type.clone().unwrap_or_default(),
            id: None,
            aliases: Vec::new(),
            removed: Vec::new(),
            demonyms: Vec::new(),
            case: None,
            stands_for: None,
            rank: None,
            generic: false,
            attributes: Vec::new(),
        };
        for (col, cell) in cols.iter().zip(record.iter()) {
            let cell = cell.trim();
            let value = (!cell.is_empty()).then(|| cell.to_string());
            match col.as_str() {
                "canonical" => row.canonical = cell.to_string(),
                "type" => {
                    if let Some(v) = value {
                        row.etype = v.to_uppercase();
                    }
                }
                "id" => row.id = value,
                "aliases" => {
                    for alias in split_list(cell).map_err(|m| err(line, m))? {
                        match alias.strip_prefix('!') {
                            Some(r) => row.removed.push(r.trim().to_string()),
                            None => row.aliases.push(alias.to_string()),
                        }
                    }
                }
                "demonyms" => {
                    row.demonyms = split_list(cell)
                        .map_err(|m| err(line, format!("in `demonyms`: {m}")))?
                        .into_iter()
                        .map(str::to_string)
                        .collect()
                }
                "case" => row.case = value.map(|v| v.to_lowercase()),
                "stands_for" => row.stands_for = value,
                "rank" => {
                    row.rank = match value {
                        None => None,
                        Some(v) => Some(v.parse().map_err(|_| {
                            err(line, format!("`rank` must be a whole number, found `{v}`"))
                        })?),
                    }
                }
                "generic" => {
                    row.generic = match cell.to_lowercase().as_str() {
                        "" | "no" | "false" | "0" => false,
                        "yes" | "true" | "1" => true,
                        other => {
                            return Err(err(
                                line,
                                format!("`generic` must be yes or no, found `{other}`"),
                            ));
                        }
                    }
                }
                _ => {
                    if let Some(v) = value {
                        row.attributes.push((col.clone(), v));
                    }
                }
            }
        }
        if row.canonical.is_empty() {
            return Err(err(line, "the `canonical` cell is empty".into()));
        }
        if row.etype.is_empty() {
            return Err(err(
                line,
                "the `type` cell is empty and the file name names no type".into(),
            ));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Splits a `|`-separated list; an empty item between separators is an error
/// because it is almost always a typo that would otherwise match nothing.
fn split_list(cell: &str) -> Result<Vec<&str>, String> {
    if cell.trim().is_empty() {
        return Ok(Vec::new());
    }
    cell.split('|')
        .map(str::trim)
        .map(|a| {
            if a.is_empty() || a == "!" {
                Err(format!(
                    "empty alias in `{cell}` (two `|` in a row, or one at an end)"
                ))
            } else {
                Ok(a)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_column_file_is_valid() {
        let rows = parse_file("g.tsv", "canonical\ttype\nKyiv\tPLACE\n", &mut Vec::new()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].canonical, "Kyiv");
        assert_eq!(rows[0].etype, "PLACE");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn type_from_name_comments_attributes_and_removals() {
        let text =
            "# people\ncanonical\taliases\tcountry\n\n# comment\nVladimir Putin\tPutin|!Vova\tRU\n";
        let rows = parse_file("gazetteers/person.tsv", text, &mut Vec::new()).unwrap();
        assert_eq!(rows[0].etype, "PERSON");
        assert_eq!(rows[0].aliases, vec!["Putin"]);
        assert_eq!(rows[0].removed, vec!["Vova"]);
        assert_eq!(
            rows[0].attributes,
            vec![("country".to_string(), "RU".to_string())]
        );
        assert_eq!(rows[0].line, 5);
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = parse_file("x.tsv", "name\ttype\nKyiv\tPLACE\n", &mut Vec::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:1: the header row has no `canonical` column (the first row names the columns, e.g. `canonical<TAB>type<TAB>aliases`)"
        );
        let e = parse_file(
            "x.tsv",
            "canonical\ttype\taliases\nKyiv\tPLACE\tKiev||Kijev\n",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.tsv:2: empty alias in `Kiev||Kijev` (two `|` in a row, or one at an end)"
        );
        let e = parse_file(
            "x.tsv",
            "canonical\ttype\nKyiv\tPLACE\textra\n",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:2: this row has 3 cells"));
    }
}
