//! Reading gazetteer TSV files into rows, with `file:line` errors.
//!
//! The format is deliberately spreadsheet-friendly: a header row names the
//! columns, `#` starts a comment line, and everything that is not one of the
//! known columns is kept as an attribute. See README.md, "Gazetteers".

use super::GazetteerError;
use rayon::prelude::*;
use std::sync::Arc;

/// One row of a gazetteer file, as written (not yet merged or validated
/// against other files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: Arc<str>,
    pub line: u64,
    pub canonical: String,
    pub etype: Arc<str>,
    pub id: Option<String>,
    pub aliases: Vec<String>,
    /// A person's one-word aliases written `=Hemedti`: a nickname that names
    /// one person alone, although the row's surname does not.
    pub alone_aliases: Vec<String>,
    pub removed: Vec<String>,
    pub demonyms: Vec<String>,
    pub case: Option<String>,
    pub stands_for: Option<String>,
    pub rank: Option<i32>,
    pub generic: bool,
    /// A person's one-word names (the surname, one-word aliases) resolve
    /// without the full name earlier in the document (`surname` = `alone`).
    pub surname_alone: bool,
    /// The family name is the name's first word, not its last ("Lee
    /// Jae-myung" → "Lee", "Wang Yi" → "Wang"): `surname` = `first`.
    pub surname_first: bool,
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

/// What a column means.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Column {
    Canonical,
    Type,
    Id,
    Aliases,
    Demonyms,
    Case,
    StandsFor,
    Rank,
    Generic,
    Surname,
    Attribute(String),
}

impl Column {
    fn of(name: &str) -> Column {
        match name {
            "canonical" => Column::Canonical,
            "type" => Column::Type,
            "id" => Column::Id,
            "aliases" => Column::Aliases,
            "demonyms" => Column::Demonyms,
            "case" => Column::Case,
            "stands_for" => Column::StandsFor,
            "rank" => Column::Rank,
            "generic" => Column::Generic,
            "surname" => Column::Surname,
            other => Column::Attribute(other.to_string()),
        }
    }
}

/// Parses one gazetteer file. `extra_types` collects types declared with a
/// `#!types NAME ...` line. Rows are parsed in parallel (a generated
/// gazetteer can have hundreds of thousands); the first error in file order
/// is reported.
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
    let file_type = type_from_file_name(file);
    // Plain tab splitting: the format has no quoting, so a cell may hold
    // any character but a tab or a newline.
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(n, raw)| (n as u64 + 1, raw))
        .filter(|(_, raw)| !raw.starts_with('#') && !raw.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let names: Vec<String> = header
        .split('\t')
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    if !names.iter().any(|c| c == "canonical") {
        return Err(err(
            header_line,
            "the header row has no `canonical` column (the first row names the columns, e.g. `canonical<TAB>type<TAB>aliases`)".into(),
        ));
    }
    if !names.iter().any(|c| c == "type")
        && !matches!(
            file_type.as_deref(),
            Some("PERSON" | "PLACE" | "ORG" | "WEAPON")
        )
    {
        return Err(err(
            header_line,
            "the header row has no `type` column and the file name does not name a type (add a `type` column or name the file e.g. `place.tsv`)".into(),
        ));
    }
    if let Some(dup) = names
        .iter()
        .enumerate()
        .find(|(i, c)| names[..*i].contains(c))
    {
        return Err(err(
            header_line,
            format!("the column `{}` is named twice", dup.1),
        ));
    }
    let cols: Vec<Column> = names.iter().map(|n| Column::of(n)).collect();
    let file_name: Arc<str> = Arc::from(file);
    let etype: Arc<str> = Arc::from(file_type.unwrap_or_default());
    let data: Vec<(u64, &str)> = lines.collect();
    let parsed: Vec<Result<Row, GazetteerError>> = data
        .par_iter()
        .map(|&(line, raw)| parse_row(&file_name, &etype, &cols, line, raw))
        .collect();
    parsed.into_iter().collect()
}

fn parse_row(
    file: &Arc<str>,
    etype: &Arc<str>,
    cols: &[Column],
    line: u64,
    raw: &str,
) -> Result<Row, GazetteerError> {
    let err = |message: String| GazetteerError::Syntax {
        file: file.to_string(),
        line,
        message,
    };
    let cells = raw.split('\t').count();
    if cells > cols.len() {
        return Err(err(format!(
            "this row has {cells} cells but the header names {} columns (a tab too many?)",
            cols.len()
        )));
    }
    let mut row = Row {
        file: Arc::clone(file),
        line,
        canonical: String::new(),
        etype: Arc::clone(etype),
        id: None,
        aliases: Vec::new(),
        alone_aliases: Vec::new(),
        removed: Vec::new(),
        demonyms: Vec::new(),
        case: None,
        stands_for: None,
        rank: None,
        generic: false,
        surname_alone: false,
        surname_first: false,
        attributes: Vec::new(),
    };
    let mut typed = false;
    for (col, cell) in cols.iter().zip(raw.split('\t')) {
        let cell = cell.trim();
        let value = (!cell.is_empty()).then(|| cell.to_string());
        match col {
            Column::Canonical => row.canonical = cell.to_string(),
            Column::Type => {
                if !cell.is_empty() {
                    row.etype = Arc::from(cell.to_uppercase());
                    typed = true;
                }
            }
            Column::Id => row.id = value,
            Column::Aliases => {
                for alias in split_list(cell).map_err(err)? {
                    if let Some(r) = alias.strip_prefix('!') {
                        row.removed.push(r.trim().to_string());
                    } else if let Some(a) = alias.strip_prefix('=') {
                        row.aliases.push(a.trim().to_string());
                        row.alone_aliases.push(a.trim().to_string());
                    } else {
                        row.aliases.push(alias.to_string());
                    }
                }
            }
            Column::Demonyms => {
                row.demonyms = split_list(cell)
                    .map_err(|m| err(format!("in `demonyms`: {m}")))?
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            }
            Column::Case => row.case = value.map(|v| v.to_lowercase()),
            Column::StandsFor => row.stands_for = value,
            Column::Rank => {
                row.rank =
                    match value {
                        None => None,
                        Some(v) => Some(v.parse().map_err(|_| {
                            err(format!("`rank` must be a whole number, found `{v}`"))
                        })?),
                    }
            }
            Column::Generic => {
                row.generic = match cell.to_lowercase().as_str() {
                    "" | "no" | "false" | "0" => false,
                    "yes" | "true" | "1" => true,
                    other => {
                        return Err(err(format!("`generic` must be yes or no, found `{other}`")));
                    }
                }
            }
            Column::Surname => {
                for word in cell.to_lowercase().split_whitespace() {
                    match word {
                        "alone" => row.surname_alone = true,
                        "first" => row.surname_first = true,
                        other => {
                            return Err(err(format!(
                                "`surname` must be empty or hold `alone` and/or `first`, found `{other}`"
                            )));
                        }
                    }
                }
            }
            Column::Attribute(name) => {
                if let Some(v) = value {
                    row.attributes.push((name.clone(), v));
                }
            }
        }
    }
    if row.canonical.is_empty() {
        return Err(err("the `canonical` cell is empty".into()));
    }
    // A blank cell in a `type` column is a forgotten type, not a request
    // for the file name's type.
    if !typed && cols.contains(&Column::Type) {
        return Err(err(
            "the `type` cell is empty (write PERSON, PLACE, ORG, WEAPON or a type declared with `#!types`; the file name gives the type only to files without a `type` column)".into(),
        ));
    }
    if row.etype.is_empty() {
        return Err(err(
            "the `type` cell is empty and the file name names no type".into(),
        ));
    }
    Ok(row)
}

/// The word lists a gazetteer folder may hold besides its TSV files, by
/// file name: `unit_words.txt` and `unit_directions.txt` (see
/// [`super::Gazetteer::is_unit_word`]).
pub const WORD_LISTS: &[&str] = &["unit_words", "unit_directions"];

/// Which of [`WORD_LISTS`] a `.txt` file is, by its name; `None` for any
/// other file (a `.tsv` gazetteer).
pub fn word_list_of(file: &str) -> Option<Result<usize, GazetteerError>> {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.strip_suffix(".txt")?;
    Some(WORD_LISTS.iter().position(|l| *l == stem).ok_or_else(|| {
        GazetteerError::UnknownList {
            file: file.to_string(),
            known: WORD_LISTS
                .iter()
                .map(|l| format!("{l}.txt"))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }))
}

/// One line of a word list: the word folded (lower case, no accents), and
/// whether the line removes it (`!word`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListWord {
    pub word: String,
    pub removed: bool,
}

/// Parses a word list: one word of letters per line, `#` comments, blank
/// lines ignored, `!word` removes a word given earlier (by the defaults).
pub fn parse_word_list(file: &str, text: &str) -> Result<Vec<ListWord>, GazetteerError> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (removed, word) = match line.strip_prefix('!') {
            Some(w) => (true, w.trim()),
            None => (false, line),
        };
        if word.is_empty() || !word.chars().all(char::is_alphabetic) {
            return Err(GazetteerError::Syntax {
                file: file.to_string(),
                line: n as u64 + 1,
                message: format!(
                    "`{line}` is not one word of letters (a word list holds one word per line; `#` starts a comment, `!word` removes a word)"
                ),
            });
        }
        out.push(ListWord {
            word: crate::normalize::fold_phrase(word),
            removed,
        });
    }
    Ok(out)
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
        assert_eq!(&*rows[0].etype, "PLACE");
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn type_from_name_comments_attributes_and_removals() {
        let text = "# people\ncanonical\taliases\tcountry\n\n# comment\nVladimir Putin\tPutin|!Vova|=Vovan\tRU\n";
        let rows = parse_file("gazetteers/person.tsv", text, &mut Vec::new()).unwrap();
        assert_eq!(&*rows[0].etype, "PERSON");
        assert_eq!(rows[0].aliases, vec!["Putin", "Vovan"]);
        assert_eq!(rows[0].alone_aliases, vec!["Vovan"]);
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
        let e = parse_file("place.tsv", "canonical\ttype\nKyiv\t\n", &mut Vec::new()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("place.tsv:2: the `type` cell is empty (write PERSON"),
            "{e}"
        );
        let e = parse_file(
            "x.tsv",
            "canonical\ttype\nKyiv\tPLACE\textra\n",
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.tsv:2: this row has 3 cells"));
    }

    #[test]
    fn word_lists_fold_and_name_bad_lines() {
        let words = parse_word_list(
            "u.txt",
            "# units\n\nRegion\n  oblast \n!state\nGouvernorát\n",
        )
        .unwrap();
        let got: Vec<(&str, bool)> = words.iter().map(|w| (w.word.as_str(), w.removed)).collect();
        assert_eq!(
            got,
            [
                ("region", false),
                ("oblast", false),
                ("state", true),
                ("gouvernorat", false)
            ]
        );
        for bad in ["free state", "region,", "county\tx", "!", "r3gion"] {
            let e =
                parse_word_list("g/unit_words.txt", &format!("# c\nregion\n{bad}\n")).unwrap_err();
            assert!(
                e.to_string().starts_with("g/unit_words.txt:3: `"),
                "{bad}: {e}"
            );
        }
        assert_eq!(word_list_of("g/person.tsv").map(|r| r.is_ok()), None);
        assert_eq!(
            word_list_of("g/unit_directions.txt").map(|r| r.ok()),
            Some(Some(1))
        );
        assert_eq!(
            word_list_of("g/notes.txt")
                .unwrap()
                .unwrap_err()
                .to_string(),
            "g/notes.txt: a .txt file among the gazetteers must be one of the word lists unit_words.txt, unit_directions.txt"
        );
    }
}
