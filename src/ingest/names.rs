//! File names as text, without losing a byte.
//!
//! On Unix a file name is any sequence of bytes, not necessarily UTF-8, but
//! `doc_id` and `source` are UTF-8 cells. `Path::display` would replace the
//! bytes that are not UTF-8 by `�`, so two different files could get the
//! same id. Instead, each byte that is not part of valid UTF-8 is written as
//! `\xNN` (two upper-case hex digits) and a backslash as `\\`, so the escaped
//! name is unique and the original bytes can be recovered from it. A name
//! that is valid UTF-8 and has no backslash is written as it is.

use std::ffi::OsStr;
use std::fmt::Write;
use std::path::Path;

/// `name` as UTF-8 text, with `\xNN` for bytes that are not UTF-8 and `\\`
/// for a backslash.
///
/// ```
/// use std::ffi::OsStr;
/// # #[cfg(unix)] {
/// use std::os::unix::ffi::OsStrExt;
/// let name = OsStr::from_bytes(b"caf\xe9 \\ notes.txt");
/// assert_eq!(evex::ingest::escape_name(name), r"caf\xE9 \\ notes.txt");
/// # }
/// ```
pub fn escape_name(name: &OsStr) -> String {
    let bytes = name.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        if valid.contains('\\') {
            out.push_str(&valid.replace('\\', "\\\\"));
        } else {
            out.push_str(valid);
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// A whole path escaped with [`escape_name`].
pub fn escape_path(path: &Path) -> String {
    escape_name(path.as_os_str())
}

/// A path relative to an input folder as an id: its parts escaped with
/// [`escape_name`] and joined by `/` on every platform.
pub fn relative_id(rel: &Path) -> String {
    let mut out = String::new();
    for part in rel.iter() {
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&escape_name(part));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names_are_unchanged() {
        assert_eq!(
            escape_name(OsStr::new("Kyïv report.txt")),
            "Kyïv report.txt"
        );
        assert_eq!(relative_id(Path::new("b/a.md")), "b/a.md");
    }

    #[cfg(unix)]
    #[test]
    fn invalid_bytes_and_backslashes_are_escaped_losslessly() {
        use std::os::unix::ffi::OsStrExt;
        let latin1 = OsStr::from_bytes(b"r\xe9sum\xe9.txt");
        assert_eq!(escape_name(latin1), r"r\xE9sum\xE9.txt");
        // A valid name that looks like an escape stays distinct.
        assert_eq!(escape_name(OsStr::new(r"r\xE9.txt")), r"r\\xE9.txt");
        // A truncated multi-byte character: each byte on its own.
        assert_eq!(escape_name(OsStr::from_bytes(b"a\xc3")), r"a\xC3");
        assert_eq!(
            relative_id(Path::new(OsStr::from_bytes(b"d\xff/x.txt"))),
            r"d\xFF/x.txt"
        );
    }
}
