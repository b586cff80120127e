//! The default gazetteers and rules, compiled into the binary by `build.rs`
//! from the `gazetteers/` and `rules/` folders. Each item is `(path, text)`.

include!(concat!(env!("OUT_DIR"), "/defaults.rs"));
