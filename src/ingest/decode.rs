//! Decoding: UTF-16 text (with a byte-order mark, as Windows "Unicode
//! text" and Excel exports write it) is converted to UTF-8 on the fly, and
//! a UTF-8 byte-order mark is dropped, so that neither is taken for binary
//! data or glued to the first field name. Text without a mark is passed
//! through untouched: evex reads UTF-8, and guessing an encoding from the
//! bytes would silently change offsets when the guess is wrong.

use std::io::{self, BufRead, BufReader};

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Wraps `reader` so that what comes out is UTF-8 without a byte-order
/// mark.
pub fn decoded(mut reader: Box<dyn BufRead>) -> io::Result<Box<dyn BufRead>> {
    let head = reader.fill_buf()?;
    if head.starts_with(UTF8_BOM) {
        reader.consume(UTF8_BOM.len());
        return Ok(reader);
    }
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        // encoding_rs_io sniffs the mark itself and transcodes to UTF-8
        // (unpaired surrogates become U+FFFD, as in any UTF-16 decoder).
        let utf8 = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .bom_sniffing(true)
            .strip_bom(true)
            .build(reader);
        return Ok(Box::new(BufReader::with_capacity(1 << 16, utf8)));
    }
    Ok(reader)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Read};

    fn read_all(bytes: Vec<u8>) -> Vec<u8> {
        let mut out = Vec::new();
        decoded(Box::new(Cursor::new(bytes)))
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn utf16_with_a_mark_becomes_utf8() {
        let text = "id\ttext\r\n1\tKyïv’s “air defence”\r\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(read_all(le), text.as_bytes());
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(read_all(be), text.as_bytes());
    }

    #[test]
    fn a_utf8_mark_is_dropped_and_plain_bytes_pass() {
        assert_eq!(read_all(b"\xEF\xBB\xBFid,text".to_vec()), b"id,text");
        assert_eq!(read_all(b"caf\xe9".to_vec()), b"caf\xe9");
        assert_eq!(read_all(Vec::new()), b"");
    }
}
