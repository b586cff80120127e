//! Reading a gold file: one annotated passage per line, in the format of
//! `../shared/eval/GUIDELINES.md` (`doc_id`, `text`, `entities`, `events`).

use serde_json::Value;
use std::io::BufRead;

/// The role slots that the scorer compares, in its order.
pub const ROLES: [&str; 4] = ["actor", "target", "weapon", "location"];

/// One annotated passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    pub doc_id: String,
    pub text: String,
    pub entities: Vec<GoldEntity>,
    pub events: Vec<GoldEvent>,
    /// Line of the gold file.
    pub line: u64,
}

/// An entity, listed once per passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    pub etype: String,
    pub name: String,
    pub alts: Vec<String>,
}

/// An annotated event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEvent {
    pub etype: String,
    /// `actor`, `target`, `weapon`, `location` ([`ROLES`]); empty values are
    /// `None`.
    pub roles: [Option<String>; 4],
    /// `actors`, `targets`, `weapons`, `locations`: alternatives accepted
    /// for the role.
    pub alternatives: [Vec<String>; 4],
    pub quantity: Option<String>,
    /// `hedged` or `negated`; `None` is asserted.
    pub modality: Option<String>,
    pub evidence: String,
}

/// Why a gold file cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    #[error("{path}:{line}: {message}")]
    Record {
        path: String,
        line: u64,
        message: String,
    },
}

/// Reads a gold file (blank lines skipped).
pub fn read_gold(path: &std::path::Path) -> Result<Vec<GoldDoc>, GoldError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| GoldError::Io {
        path: shown.clone(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let at = n as u64 + 1;
        let err = |message: String| GoldError::Record {
            path: shown.clone(),
            line: at,
            message,
        };
        let v: Value =
            serde_json::from_str(&line).map_err(|e| err(format!("not a JSON object: {e}")))?;
        docs.push(parse_doc(&v, at).map_err(err)?);
    }
    Ok(docs)
}

/// A JSON value as the scorer's `str()` sees it; `null` and `""` are none.
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items.iter().filter_map(|i| text(Some(i))).collect(),
        _ => Vec::new(),
    }
}

fn parse_doc(v: &Value, line: u64) -> Result<GoldDoc, String> {
    let field = |name: &str| text(v.get(name)).ok_or_else(|| format!("no `{name}` field"));
    let doc_id = field("doc_id")?;
    let text_field = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no `text` field (the passage)")?
        .to_string();
    let mut entities = Vec::new();
    for (i, e) in v
        .get("entities")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let need = |k: &str| text(e.get(k)).ok_or_else(|| format!("entity {}: no `{k}`", i + 1));
        entities.push(GoldEntity {
            etype: need("type")?,
            name: need("name")?,
            alts: list(e.get("alts")),
        });
    }
    let mut events = Vec::new();
    for (i, e) in v
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let etype = text(e.get("type")).ok_or_else(|| format!("event {}: no `type`", i + 1))?;
        events.push(GoldEvent {
            etype,
            roles: ROLES.map(|r| text(e.get(r))),
            alternatives: ROLES.map(|r| list(e.get(format!("{r}s").as_str()))),
            quantity: text(e.get("quantity")),
            modality: text(e.get("modality")),
            evidence: text(e.get("evidence")).unwrap_or_default(),
        });
    }
    Ok(GoldDoc {
        doc_id,
        text: text_field,
        entities,
        events,
        line,
    })
}
