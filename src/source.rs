//! Source text handling: loading bytes into text, and mapping byte offsets to lines and columns.
//!
//! Every span in sitelint is a byte range into the *loaded* text of a file (after lossy UTF-8
//! decoding and after a leading BOM is stripped). Lines and columns are computed from a line-start
//! index; columns count Unicode scalar values (characters), 1-based, as our JSON schema promises.

use std::cell::Cell;
use std::ops::Range;

/// A position range in a file, with both byte offsets and 1-based line/column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Location {
    /// Byte offset of the start in the loaded text.
    pub start: u32,
    /// Byte offset of the end (exclusive).
    pub end: u32,
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based column (in characters) of the start.
    pub column: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based column (in characters) of the end (exclusive).
    pub end_column: u32,
}

impl Location {
    /// The byte range of this location.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// `text` after the ASCII `prefix`, when it starts with it in any letter case (compared in
/// place: URLs of every link of every page are matched this way).
pub(crate) fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
        .then(|| &text[prefix.len()..])
}

/// Whether `text` starts with the ASCII `prefix`, in any letter case.
pub(crate) fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    strip_prefix_ignoring_case(text, prefix).is_some()
}

/// Byte offsets of line starts, built once per file.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<u32>,
    /// The last position asked for: (line, byte offset, column). Locations are mostly asked for
    /// in text order, and generated pages (rustdoc) are a few very long lines: counting on from
    /// there keeps columns linear in the line length instead of quadratic.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        for newline in memchr::memchr_iter(b'\n', text.as_bytes()) {
            // Offsets fit in u32: files above the size limit are skipped before parsing.
            starts.push(u32::try_from(newline + 1).unwrap_or(u32::MAX));
        }
        Self {
            text,
            starts,
            last: Cell::new((usize::MAX, 0, 0)),
        }
    }

    /// 1-based line and character column of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let offset32 = u32::try_from(offset).unwrap_or(u32::MAX);
        let line = match self.starts.binary_search(&offset32) {
            Ok(exact) => exact,
            Err(insert) => insert - 1,
        };
        let line_start = self.starts[line] as usize;
        let mut start = line_start;
        while !self.text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let (last_line, last_offset, last_column) = self.last.get();
        let column = if last_line == line && (start..=end).contains(&last_offset) {
            last_column + self.text[last_offset..end].chars().count()
        } else if end > start {
            self.text[start..end].chars().count()
        } else {
            0
        };
        self.last.set((line, end.max(start), column));
        (
            u32::try_from(line + 1).unwrap_or(u32::MAX),
            u32::try_from(column + 1).unwrap_or(u32::MAX),
        )
    }

    /// A [`Location`] for a byte range.
    pub(crate) fn location(&self, range: Range<usize>) -> Location {
        let (line, column) = self.line_column(range.start);
        let (end_line, end_column) = self.line_column(range.end.max(range.start));
        Location {
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end.max(range.start)).unwrap_or(u32::MAX),
            line,
            column,
            end_line,
            end_column,
        }
    }
}

/// Text loaded from a file's bytes.
pub(crate) struct LoadedText {
    pub text: String,
    /// Byte offset of the first invalid sequence, when lossy.
    pub first_invalid: Option<usize>,
    /// True when a UTF-8 byte order mark was stripped (a later `--fix` must write it back).
    #[allow(dead_code)] // Read by the fix command (issue 6); kept so loading stays one place.
    pub had_bom: bool,
}

/// Decode bytes as UTF-8 (lossily when invalid) and strip a leading BOM, so that spans are
/// relative to the text a person sees in an editor.
pub(crate) fn load_text(bytes: Vec<u8>) -> LoadedText {
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest.to_vec(), true),
        None => (bytes, false),
    };
    match String::from_utf8(bytes) {
        Ok(text) => LoadedText {
            text,
            first_invalid: None,
            had_bom,
        },
        Err(error) => {
            let first_invalid = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            LoadedText {
                text,
                first_invalid: Some(first_invalid),
                had_bom,
            }
        }
    }
}

/// Heuristic used by git and most tools: a NUL byte in the first 8 KiB means binary.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a\né😀x\r\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(0), (1, 1));
        assert_eq!(index.line_column(2), (2, 1));
        // 'x' is after é (2 bytes) and 😀 (4 bytes): column 3.
        assert_eq!(index.line_column(8), (2, 3));
        // CRLF: 'z' starts line 3 at column 1.
        assert_eq!(index.line_column(text.len() - 1), (3, 1));
    }

    #[test]
    fn columns_do_not_depend_on_the_order_of_questions() {
        let text = "é😀x<a href=y>é\nab😀c\n";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len()).collect();
        let fresh: Vec<(u32, u32)> = offsets
            .iter()
            .map(|&o| LineIndex::new(text).line_column(o))
            .collect();
        for order in [offsets.clone(), offsets.iter().rev().copied().collect()] {
            for &offset in order.iter().chain(order.iter().step_by(3)) {
                assert_eq!(index.line_column(offset), fresh[offset], "offset {offset}");
            }
        }
    }

    #[test]
    fn bom_is_stripped_and_invalid_utf8_is_lossy() {
        let loaded = load_text(b"\xEF\xBB\xBFab\xFFc".to_vec());
        assert!(loaded.had_bom);
        assert_eq!(loaded.first_invalid, Some(2));
        assert_eq!(loaded.text, "ab\u{FFFD}c");
    }
}
