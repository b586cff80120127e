//! Expanding the command line's inputs into files, safely.
//!
//! Folders are walked with the `walkdir` crate in sorted order, hidden
//! entries skipped. What a dump folder may hold besides articles must not
//! hang or mislead a run:
//!
//! - a symbolic link to a folder is not followed unless asked (`--follow`),
//!   and when it is, a link back to a folder above it (`a/up -> ..`) is
//!   detected and not walked again;
//! - a file reached twice (hard links, a symbolic link to a file already
//!   read, the same file named twice on the command line) is read once:
//!   files are told apart by device and inode, not by path;
//! - a named pipe, socket or device in a folder is never opened (opening a
//!   pipe blocks until something writes to it): it becomes a reject,
//!   `not_a_file`. A pipe named on the command line (`<(zcat dump.gz)`) is
//!   read, like `-`.
//!
//! File names that are not UTF-8 are kept byte for byte ([`super::names`]).

use super::names::{escape_path, relative_id};
use super::{InputFile, Options, RejectReason, input_file};
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::Path;
use walkdir::WalkDir;

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow symbolic links to folders (loops are detected).
    pub follow: bool,
}

/// The inputs expanded into files, and what was left out on the way.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files to read, in order (some carry a reject known in advance).
    pub files: Vec<InputFile>,
    /// One sentence per entry that was left out and is not an input
    /// document: a symbolic link to a folder, a link loop, a second path
    /// to a file already listed.
    pub skipped: Vec<String>,
}

/// Expands `inputs`: files as given, folders walked recursively in sorted
/// order, `-` for stdin. A path that does not exist is kept, so that
/// reading it produces a reject.
pub fn plan_inputs(inputs: &[String], opts: &Options, walk: WalkOptions) -> Plan {
    let mut plan = Plan::default();
    let mut seen = Seen::default();
    for input in inputs {
        if input == "-" {
            plan.files.push(InputFile {
                path: None,
                display: "-".into(),
                doc_id: "stdin".into(),
                format: opts.format.or(Some(super::Format::Text)),
                gzip: false,
                size: 0,
                reject: None,
            });
            continue;
        }
        let root = Path::new(input);
        if root.is_dir() {
            walk_folder(root, opts, walk, &mut seen, &mut plan);
        } else {
            let name = root.file_name().map(Path::new).unwrap_or(root);
            let meta = std::fs::metadata(root).ok();
            if seen.first(root, meta.as_ref(), &mut plan) {
                plan.files.push(input_file(root, relative_id(name), opts));
            }
        }
    }
    plan
}

fn walk_folder(root: &Path, opts: &Options, walk: WalkOptions, seen: &mut Seen, plan: &mut Plan) {
    let entries = WalkDir::new(root)
        .min_depth(1)
        .follow_links(walk.follow)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root);
                if let Some(ancestor) = e.loop_ancestor() {
                    plan.skipped.push(format!(
                        "{}: a symbolic link back to {}, not followed again",
                        escape_path(path),
                        escape_path(ancestor)
                    ));
                } else {
                    let why = e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string());
                    let id = relative_id(path.strip_prefix(root).unwrap_or(path));
                    let mut f = input_file(path, id, opts);
                    f.reject = Some((RejectReason::Unreadable, format!("cannot read: {why}")));
                    plan.files.push(f);
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let path = entry.path();
        let id = relative_id(path.strip_prefix(root).unwrap_or(path));
        // Without --follow a link is reported as a link: look at its target.
        let meta = if kind.is_symlink() {
            std::fs::metadata(path)
        } else {
            entry.metadata().map_err(|e| e.into())
        };
        match meta {
            Err(e) => {
                let mut f = input_file(path, id, opts);
                let detail = if kind.is_symlink() {
                    format!("a symbolic link to nothing readable: {e}")
                } else {
                    format!("cannot read: {e}")
                };
                f.reject = Some((RejectReason::Unreadable, detail));
                plan.files.push(f);
            }
            Ok(m) if m.is_dir() => plan.skipped.push(format!(
                "{}: a symbolic link to a folder, not followed (use --follow to walk it)",
                escape_path(path)
            )),
            Ok(m) if m.is_file() => {
                if seen.first(path, Some(&m), plan) {
                    plan.files.push(input_file(path, id, opts));
                }
            }
            Ok(m) => {
                let mut f = input_file(path, id, opts);
                f.reject = Some((
                    RejectReason::NotAFile,
                    format!(
                        "{}, not a regular file: evex reads only regular files in folders",
                        special_kind(&m)
                    ),
                ));
                plan.files.push(f);
            }
        }
    }
}

/// What a special file is, in words.
fn special_kind(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = m;
    "a special file"
}

/// Files listed so far, by device and inode.
#[derive(Default)]
struct Seen {
    files: HashMap<(u64, u64), String>,
}

impl Seen {
    /// Is this the first time `path` is listed? If not, says so in
    /// `plan.skipped`. Paths without metadata (missing files) always are.
    fn first(&mut self, path: &Path, meta: Option<&Metadata>, plan: &mut Plan) -> bool {
        let Some(key) = meta.and_then(file_key) else {
            return true;
        };
        match self.files.get(&key) {
            Some(earlier) => {
                plan.skipped.push(format!(
                    "{}: the same file as {}, read once",
                    escape_path(path),
                    earlier
                ));
                false
            }
            None => {
                self.files.insert(key, escape_path(path));
                true
            }
        }
    }
}

#[cfg(unix)]
fn file_key(m: &Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_key(_: &Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::symlink;

    fn ids(plan: &Plan) -> Vec<&str> {
        plan.files.iter().map(|f| f.doc_id.as_str()).collect()
    }

    #[test]
    fn links_loops_duplicates_and_pipes_are_handled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("a/b")).expect("mkdir");
        std::fs::write(root.join("a/b/x.txt"), "Kyiv").expect("write");
        symlink("..", root.join("a/b/up")).expect("symlink");
        symlink("x.txt", root.join("a/b/y.txt")).expect("symlink");
        std::fs::hard_link(root.join("a/b/x.txt"), root.join("a/z.txt")).expect("link");
        let fifo = root.join("a/pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        let root_s = root.display().to_string();

        let plan = plan_inputs(
            std::slice::from_ref(&root_s),
            &Options::default(),
            WalkOptions::default(),
        );
        let mut want = vec!["a/b/x.txt"];
        if made.is_ok_and(|s| s.success()) {
            want.push("a/pipe.txt");
            let pipe = &plan.files[1];
            assert_eq!(
                pipe.reject.as_ref().map(|r| r.0),
                Some(RejectReason::NotAFile)
            );
        }
        assert_eq!(ids(&plan), want);
        assert_eq!(plan.skipped.len(), 3, "{:?}", plan.skipped);
        assert!(plan.skipped[0].ends_with(
            "a/b/up: a symbolic link to a folder, not followed (use --follow to walk it)"
        ));
        assert!(plan.skipped[1].contains("a/b/y.txt: the same file as"));
        assert!(plan.skipped[2].contains("a/z.txt: the same file as"));

        // Following links, the loop is walked once and reported.
        let plan = plan_inputs(&[root_s], &Options::default(), WalkOptions { follow: true });
        assert_eq!(ids(&plan)[0], "a/b/x.txt");
        assert!(
            plan.skipped
                .iter()
                .any(|s| s.contains("a symbolic link back to")),
            "{:?}",
            plan.skipped
        );
        assert_eq!(plan.files.iter().filter(|f| f.reject.is_none()).count(), 1);
    }

    #[test]
    fn non_utf8_names_keep_their_format_and_are_escaped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9.TXT");
        std::fs::write(dir.path().join(name), "Kyiv").expect("write");
        let plan = plan_inputs(
            &[dir.path().display().to_string()],
            &Options::default(),
            WalkOptions::default(),
        );
        assert_eq!(ids(&plan), [r"caf\xE9.TXT"]);
        assert_eq!(plan.files[0].format, Some(super::super::Format::Text));
        assert!(plan.files[0].display.ends_with(r"/caf\xE9.TXT"));
    }
}
