//! Writing that survives a crash or a power loss: files replaced by
//! rename after an fsync, folders fsynced after renames, and the move of a
//! finished run's files into place, which can be redone after a crash.

use super::{Checkpoint, STAGING, SUMMARY, is_plain_name};
use crate::fault;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Moves a committed run's staged files into place (again, after a crash:
/// each step is skipped when already done).
pub fn finish_commit(dir: &Path, cp: &Checkpoint) -> io::Result<()> {
    let staging = dir.join(STAGING);
    let named = |p: &Path, e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", p.display()));
    let ignore_missing = |r: io::Result<()>, p: &Path| match r {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(named(p, e)),
        _ => Ok(()),
    };
    // From here the folder no longer claims to hold a complete run...
    let summary = dir.join(SUMMARY);
    ignore_missing(fs::remove_file(&summary), &summary)?;
    for name in cp.files.keys() {
        let from = staging.join(name);
        if from.exists() {
            fs::rename(&from, dir.join(name)).map_err(|e| named(&from, e))?;
        }
    }
    for name in &cp.replaces {
        if !cp.files.contains_key(name) && is_plain_name(name) {
            let stale = dir.join(name);
            ignore_missing(fs::remove_file(&stale), &stale)?;
        }
    }
    // ...until its new summary is in place.
    let staged = staging.join(SUMMARY);
    if staged.exists() {
        fs::rename(&staged, &summary).map_err(|e| named(&staged, e))?;
    }
    sync_dir(dir)?;
    ignore_missing(fs::remove_dir_all(&staging), &staging)
}

/// Writes `bytes` to `path` so that after a crash `path` holds either its
/// old content or all of `bytes`: a temporary file, fsynced, renamed.
pub(crate) fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    let named = |p: &Path, e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", p.display()));
    let mut f = File::create(&tmp).map_err(|e| named(&tmp, e))?;
    fault::write(bytes.len()).map_err(|e| named(&tmp, e))?;
    f.write_all(bytes).map_err(|e| named(&tmp, e))?;
    f.sync_all().map_err(|e| named(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| named(path, e))?;
    if let Some(parent) = path.parent() {
        sync_dir(parent)?;
    }
    Ok(())
}

/// Fsyncs a folder, so that renames in it survive a power loss.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", dir.display())))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
