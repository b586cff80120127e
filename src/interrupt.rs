//! Ctrl-C and `kill`: ask a run to stop at a clean point.
//!
//! The first SIGINT or SIGTERM only sets a flag: the batch driver stops
//! reading, drops the documents in flight, writes what is done and a
//! checkpoint, and `evex` exits with 128 + the signal number (130, 143) and
//! says how to resume. A second signal ends the process at once, with the
//! same code, for a run that is stuck (a reader blocked on a slow disk): the
//! last periodic checkpoint still allows a resume.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

static SIGNAL: AtomicUsize = AtomicUsize::new(0);
static STOP: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Installs the handlers (once per process) and returns the flag they set.
pub fn install() -> io::Result<Arc<AtomicBool>> {
    if let Some(stop) = STOP.get() {
        return Ok(Arc::clone(stop));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // The order matters: the shutdown is armed by the first signal,
        // whose own handler runs after it and sets the flag.
        signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&stop))?;
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
        signal_hook::flag::register_usize(sig, &SIGNAL, sig as usize)?;
    }
    Ok(Arc::clone(STOP.get_or_init(|| stop)))
}

/// The signal that stopped the run, if one did.
pub fn received() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s as i32),
    }
}

/// A signal's usual name.
pub fn name(sig: i32) -> &'static str {
    match sig {
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}
