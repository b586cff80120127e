//! Fault injection, for the tests of interrupted, crashed and failing runs.
//!
//! A long run must survive being stopped at any point, and the only way to
//! test "any point" is to stop it at chosen ones: in the reader, in a
//! worker, in the writer, or by a failing disk. The hidden environment
//! variable `EVEX_FAULT` names them, `STAGE:N:ACTION[,...]`:
//!
//! - `STAGE` is `reader` (after the Nth document or reject read), `worker`
//!   (after the Nth document processed, counted over all threads), `writer`
//!   (after the Nth document or reject written) or `disk` (when output
//!   files have received N bytes);
//! - `ACTION` is `int` or `term` (the process sends itself SIGINT or
//!   SIGTERM, as a user would), `kill` (SIGKILL: a crash, nothing cleaned
//!   up) or `full` (every later write to an output file fails with "no
//!   space left on device"; only with `disk`).
//!
//! Unset, each hook costs one load of an initialised `LazyLock`.

use std::io;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reader = 0,
    Worker = 1,
    Writer = 2,
    Disk = 3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Signal(i32),
    Full,
}

#[derive(Debug, Clone, Copy)]
struct Fault {
    stage: Stage,
    at: u64,
    action: Action,
}

static FAULTS: LazyLock<Vec<Fault>> = LazyLock::new(|| {
    std::env::var("EVEX_FAULT")
        .map(|v| v.split(',').filter_map(parse).collect())
        .unwrap_or_default()
});

static COUNTS: [AtomicU64; 4] = [const { AtomicU64::new(0) }; 4];

fn parse(spec: &str) -> Option<Fault> {
    let mut parts = spec.trim().split(':');
    let stage = match parts.next()? {
        "reader" => Stage::Reader,
        "worker" => Stage::Worker,
        "writer" => Stage::Writer,
        "disk" => Stage::Disk,
        _ => return None,
    };
    let at = parts.next()?.parse().ok()?;
    let action = match parts.next()? {
        "int" => Action::Signal(signal_hook::consts::SIGINT),
        "term" => Action::Signal(signal_hook::consts::SIGTERM),
        "kill" => Action::Signal(signal_hook::consts::SIGKILL),
        "full" => Action::Full,
        _ => return None,
    };
    Some(Fault { stage, at, action })
}

/// Counts one unit of work at `stage` and acts when a fault is set there.
#[inline]
pub fn hit(stage: Stage) {
    if FAULTS.is_empty() {
        return;
    }
    let n = COUNTS[stage as usize].fetch_add(1, Ordering::SeqCst) + 1;
    for f in FAULTS.iter() {
        if f.stage == stage
            && f.at == n
            && let Action::Signal(sig) = f.action
        {
            let _ = signal_hook::low_level::raise(sig);
        }
    }
}

/// Called before `bytes` are written to an output file: fails once the
/// `disk` budget is spent.
#[inline]
pub fn write(bytes: usize) -> io::Result<()> {
    if FAULTS.is_empty() {
        return Ok(());
    }
    let before = COUNTS[Stage::Disk as usize].fetch_add(bytes as u64, Ordering::SeqCst);
    for f in FAULTS.iter() {
        if f.stage != Stage::Disk {
            continue;
        }
        let reached = before + bytes as u64 >= f.at;
        match f.action {
            Action::Full if reached => {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device (injected by EVEX_FAULT)",
                ));
            }
            Action::Signal(sig) if reached && before < f.at => {
                let _ = signal_hook::low_level::raise(sig);
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        let f = parse("writer:12:term").expect("parses");
        assert_eq!((f.stage, f.at), (Stage::Writer, 12));
        assert_eq!(f.action, Action::Signal(signal_hook::consts::SIGTERM));
        assert_eq!(
            parse("disk:4096:full").map(|f| f.action),
            Some(Action::Full)
        );
        assert!(parse("writer:x:term").is_none());
        assert!(parse("printer:1:term").is_none());
        assert!(parse("reader:1:explode").is_none());
    }
}
