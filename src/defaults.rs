//! The default gazetteers, rules and entity patterns, compiled into the
//! binary by `build.rs` from the `gazetteers/`, `rules/` and `patterns/`
//! folders. Each item is `(path, text)`.

include!(concat!(env!("OUT_DIR"), "/defaults.rs"));
