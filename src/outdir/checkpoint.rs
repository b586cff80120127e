//! The checkpoint of a run in progress: how far it got, what it had written,
//! and what it was doing, so that `--resume` continues exactly that run.

use std::collections::BTreeMap;
use std::path::Path;

/// What must be the same for a run to continue another: fingerprints
/// ([`crate::fingerprint`]) of its inputs, its options, and what it loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunFingerprint {
    /// Each input's path, size and modification time.
    pub inputs: String,
    /// The options that change the output (formats, fields, limits).
    pub options: String,
    pub gazetteer: String,
    pub rules: String,
    /// Entity patterns (absent in checkpoints of evex before patterns).
    #[serde(default)]
    pub patterns: String,
}

impl RunFingerprint {
    /// What differs from `other`, in words (`None`: nothing).
    pub fn differences(&self, other: &RunFingerprint) -> Option<String> {
        let mut what = Vec::new();
        if self.inputs != other.inputs {
            what.push("inputs");
        }
        if self.options != other.options {
            what.push("options");
        }
        if self.gazetteer != other.gazetteer {
            what.push("gazetteers");
        }
        if self.rules != other.rules {
            what.push("rules");
        }
        if self.patterns != other.patterns {
            what.push("entity patterns");
        }
        (!what.is_empty()).then(|| what.join(" and "))
    }
}

/// `.evex-partial/checkpoint.json`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Checkpoint {
    /// The layout of this file (1).
    pub checkpoint_version: u32,
    pub evex_version: String,
    pub fingerprint: RunFingerprint,
    /// The command that started the run.
    pub command_line: Vec<String>,
    pub started_at: String,
    /// Items (documents and rejects) written in full, in input order.
    pub items_done: u64,
    /// Length in bytes of each staged file when those items were written.
    pub files: BTreeMap<String, u64>,
    /// The run's counts so far (the batch summary).
    pub summary: serde_json::Value,
    /// When the run was resumed, if it was.
    #[serde(default)]
    pub resumed_at: Vec<String>,
    /// The run ended and its files are being moved into place.
    #[serde(default)]
    pub complete: bool,
    /// The earlier run's outputs, removed when this run's are in place.
    #[serde(default)]
    pub replaces: Vec<String>,
}

impl Checkpoint {
    /// A checkpoint at the start of a run.
    pub fn new(
        fingerprint: RunFingerprint,
        command_line: Vec<String>,
        started_at: String,
    ) -> Checkpoint {
        Checkpoint {
            checkpoint_version: 1,
            evex_version: env!("CARGO_PKG_VERSION").to_string(),
            fingerprint,
            command_line,
            started_at,
            items_done: 0,
            files: BTreeMap::new(),
            summary: serde_json::Value::Null,
            resumed_at: Vec::new(),
            complete: false,
            replaces: Vec::new(),
        }
    }

    /// Reads a checkpoint; `None` if it is missing or not one.
    pub fn load(path: &Path) -> Option<Checkpoint> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the checkpoint so that a crash leaves either the previous one
    /// or this one.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        super::write_durably(path, &bytes)
    }

    /// A count from the saved summary (0 when absent).
    pub fn summary_count(&self, key: &str) -> u64 {
        self.summary.get(key).and_then(|v| v.as_u64()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_named() {
        let a = RunFingerprint {
            inputs: "1".into(),
            options: "2".into(),
            gazetteer: "3".into(),
            rules: "4".into(),
            patterns: "5".into(),
        };
        assert_eq!(a.differences(&a.clone()), None);
        let b = RunFingerprint {
            inputs: "x".into(),
            gazetteer: "y".into(),
            ..a.clone()
        };
        assert_eq!(a.differences(&b).as_deref(), Some("inputs and gazetteers"));
    }

    #[test]
    fn checkpoints_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("checkpoint.json");
        let mut cp = Checkpoint::new(RunFingerprint::default(), vec!["evex".into()], "t".into());
        cp.items_done = 42;
        cp.files.insert("events.csv".into(), 1234);
        cp.summary = serde_json::json!({"documents_read": 42});
        cp.save(&path).expect("save");
        assert_eq!(Checkpoint::load(&path), Some(cp.clone()));
        assert_eq!(cp.summary_count("documents_read"), 42);
        assert!(!dir.path().join("checkpoint.tmp").exists());
    }
}
