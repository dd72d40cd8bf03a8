//! Extraction of URL references from CSS: `url()`, `@import` and `image-set()`.
//!
//! This is a single-pass scanner that follows the CSS Syntax Level 3 tokenizer
//! (<https://www.w3.org/TR/css-syntax-3/#tokenization>) closely enough to tell apart the
//! constructs that matter for references: comments, strings, identifiers (so `myurl(` and
//! `\75 rl(` are classified as the spec does), numbers and dimensions (so `1url(` is not a
//! `url(`), `url(` as an unquoted *url token* versus a `url(` *function* holding a string, and
//! bracket nesting (so only top-level strings of `image-set()` count as references).
//!
//! The spec's input preprocessing is applied on the fly instead of by copying the input, so that
//! reported spans are byte ranges of the original text: CR, FF and CRLF count as newlines and NUL
//! reads as U+FFFD.
//!
//! Deliberate choices where the spec leaves room: `<bad-url>` and `<bad-string>` tokens (for
//! example `url(a b)` or a string broken by a raw newline) are invalid CSS that browsers drop, so
//! they are not reported; references whose value is empty (`url()`, `url("")`, `@import ""`) are
//! not reported either; a string left open at the end of the input is reported, as the spec
//! closes it implicitly.
//!
//! The scanner runs in linear time, allocates only for reported URLs (plus one reused buffer for
//! names), and never panics: every index it slices at is next to an ASCII byte or at the end of
//! the input, hence a character boundary.

use std::ops::Range;

/// What kind of construct a [`CssRef`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CssRefKind {
    /// `url(...)`, or a string argument of `image-set()` / `-webkit-image-set()`.
    Url,
    /// The target of an `@import` rule (`@import "x"` or `@import url(x)`).
    Import,
}

/// A URL referenced from CSS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CssRef {
    /// The URL after CSS unescaping (`\` escapes, e.g. `a\ b.png` → `a b.png`), without quotes.
    pub url: String,
    /// Byte range in the input of the URL text as written (inside the quotes or the url( ) parens,
    /// excluding surrounding whitespace).
    pub span: Range<usize>,
    /// Whether this came from `url()`/`image-set()` or from `@import`.
    pub kind: CssRefKind,
}

/// Every `url(...)` (quoted, unquoted; case-insensitive `URL(`), every `@import "x"` /
/// `@import 'x'` / `@import url(x)` in a stylesheet or a `style` attribute value. Comments
/// (`/* */`) are skipped, as is text inside strings that is not a url/import target (a string
/// `"url(x)"` in `content:` is not a reference). `image-set()`/`-webkit-image-set()` with string
/// arguments: each string is a [`CssRefKind::Url`] reference. Empty `url()` yields nothing.
/// `data:` and absolute URLs are not filtered: the caller decides.
///
/// Linear time, never panics, works on any `&str` (including non-ASCII and unterminated
/// strings, comments and urls).
pub(crate) fn css_references(css: &str) -> Vec<CssRef> {
    let mut scanner = Scanner {
        src: css,
        bytes: css.as_bytes(),
        pos: 0,
        blocks: Vec::new(),
        name: String::new(),
        refs: Vec::new(),
    };
    scanner.run();
    scanner.refs
}

/// An open `(`, `[`, `{` or function, waiting for its closing byte.
#[derive(Debug, Clone, Copy)]
struct Block {
    closer: u8,
    /// True for `image-set(` and `-webkit-image-set(`: their direct string arguments are URLs.
    image_set: bool,
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    /// Current byte offset; always on a character boundary.
    pos: usize,
    /// Stack of open blocks, innermost last.
    blocks: Vec<Block>,
    /// Reused buffer holding the (unescaped) name of the last identifier-like token.
    name: String,
    refs: Vec<CssRef>,
}

/// CSS whitespace after preprocessing: space, tab and newlines (LF, CR, FF).
fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

fn is_newline(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\x0C')
}

/// Ident-start code point, judged on the first byte of a character. Any non-ASCII character
/// qualifies, and so does NUL, which preprocessing turns into U+FFFD.
fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 || b == 0
}

fn is_ident_char(b: u8) -> bool {
    is_ident_start(b) || b.is_ascii_digit() || b == b'-'
}

/// Non-printable code points make an unquoted url token bad. (NUL is absent: it reads as U+FFFD.)
fn is_non_printable(b: u8) -> bool {
    matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1F | 0x7F)
}

impl Scanner<'_> {
    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.pos + offset).copied()
    }

    fn peek_is(&self, offset: usize, pred: impl FnOnce(u8) -> bool) -> bool {
        self.peek(offset).is_some_and(pred)
    }

    /// Consume one whole character (never splitting a UTF-8 sequence); NUL reads as U+FFFD.
    fn next_char(&mut self) -> char {
        match self.src[self.pos..].chars().next() {
            Some(c) => {
                self.pos += c.len_utf8();
                if c == '\0' {
                    char::REPLACEMENT_CHARACTER
                } else {
                    c
                }
            }
            None => char::REPLACEMENT_CHARACTER,
        }
    }

    fn skip_whitespace(&mut self) {
        while self.peek_is(0, is_whitespace) {
            self.pos += 1;
        }
    }

    /// Length of the newline at `pos + offset` (2 for CRLF), or 0.
    fn newline_len(&self, offset: usize) -> usize {
        match self.peek(offset) {
            Some(b'\r') if self.peek(offset + 1) == Some(b'\n') => 2,
            Some(b) if is_newline(b) => 1,
            _ => 0,
        }
    }

    /// §4.3.8: a backslash not followed by a newline (EOF allowed) starts an escape.
    fn is_valid_escape(&self, offset: usize) -> bool {
        self.peek(offset) == Some(b'\\') && !self.peek_is(offset + 1, is_newline)
    }

    /// §4.3.9: would the code points at `offset` start an ident sequence?
    fn starts_ident(&self, offset: usize) -> bool {
        match self.peek(offset) {
            Some(b'-') => {
                self.peek_is(offset + 1, |b| is_ident_start(b) || b == b'-')
                    || self.is_valid_escape(offset + 1)
            }
            Some(b'\\') => self.is_valid_escape(offset),
            Some(b) => is_ident_start(b),
            None => false,
        }
    }

    /// §4.3.10: would the code points at `offset` start a number?
    fn starts_number(&self, offset: usize) -> bool {
        let digit = |b: u8| b.is_ascii_digit();
        match self.peek(offset) {
            Some(b'+' | b'-') => {
                self.peek_is(offset + 1, digit)
                    || (self.peek(offset + 1) == Some(b'.') && self.peek_is(offset + 2, digit))
            }
            Some(b'.') => self.peek_is(offset + 1, digit),
            Some(b) => digit(b),
            None => false,
        }
    }

    fn run(&mut self) {
        let mut pending_import = false;
        while let Some(b) = self.peek(0) {
            // Whitespace and comments do not separate `@import` from its target.
            if is_whitespace(b) {
                self.pos += 1;
                continue;
            }
            if b == b'/' && self.peek(1) == Some(b'*') {
                self.skip_comment();
                continue;
            }
            let kind = if std::mem::take(&mut pending_import) {
                CssRefKind::Import
            } else {
                CssRefKind::Url
            };
            match b {
                b'"' | b'\'' => {
                    let in_image_set = self.blocks.last().is_some_and(|blk| blk.image_set);
                    self.pos += 1;
                    if let Some((url, span)) = self.consume_string(b) {
                        if kind == CssRefKind::Import || in_image_set {
                            self.emit(url, span, kind);
                        }
                    }
                }
                b'#' => {
                    self.pos += 1;
                    if self.peek_is(0, is_ident_char) || self.is_valid_escape(0) {
                        self.consume_ident_sequence();
                    }
                }
                b'(' => self.open(b')', false),
                b'[' => self.open(b']', false),
                b'{' => self.open(b'}', false),
                b')' | b']' | b'}' => {
                    if self.blocks.last().is_some_and(|blk| blk.closer == b) {
                        self.blocks.pop();
                    }
                    self.pos += 1;
                }
                b'-' | b'+' | b'.' if self.starts_number(0) => self.consume_numeric(),
                b'-' if self.peek(1) == Some(b'-') && self.peek(2) == Some(b'>') => self.pos += 3,
                b'-' if self.starts_ident(0) => self.consume_ident_like(kind),
                b'0'..=b'9' => self.consume_numeric(),
                b'<' if self.bytes[self.pos + 1..].starts_with(b"!--") => self.pos += 4,
                b'@' if self.starts_ident(1) => {
                    self.pos += 1;
                    self.consume_ident_sequence();
                    pending_import = self.name.eq_ignore_ascii_case("import");
                }
                b'\\' if self.is_valid_escape(0) => self.consume_ident_like(kind),
                _ if is_ident_start(b) => self.consume_ident_like(kind),
                // Any other delimiter; never a non-ASCII byte, as those start identifiers.
                _ => self.pos += 1,
            }
        }
    }

    /// Push a block for the opening byte at `pos` and step over it.
    fn open(&mut self, closer: u8, image_set: bool) {
        self.blocks.push(Block { closer, image_set });
        self.pos += 1;
    }

    fn emit(&mut self, url: String, span: Range<usize>, kind: CssRefKind) {
        if !url.is_empty() {
            self.refs.push(CssRef { url, span, kind });
        }
    }

    /// Skip a comment starting at `pos` (`/*`); an unterminated one runs to the end of input.
    fn skip_comment(&mut self) {
        let body = self.pos + 2;
        self.pos = match self.src[body..].find("*/") {
            Some(i) => body + i + 2,
            None => self.bytes.len(),
        };
    }

    /// §4.3.7, with `pos` just after the backslash.
    fn consume_escaped(&mut self) -> char {
        if !self.peek_is(0, |b| b.is_ascii_hexdigit()) {
            return self.next_char();
        }
        let mut value: u32 = 0;
        for _ in 0..6 {
            match self.peek(0).and_then(|b| char::from(b).to_digit(16)) {
                Some(digit) => {
                    value = value * 16 + digit;
                    self.pos += 1;
                }
                None => break,
            }
        }
        // A single whitespace (CRLF counts as one) after a hex escape belongs to the escape.
        if self.newline_len(0) == 2 {
            self.pos += 2;
        } else if self.peek_is(0, is_whitespace) {
            self.pos += 1;
        }
        // `from_u32` rejects surrogates and values above U+10FFFF; the spec also rejects zero.
        char::from_u32(value)
            .filter(|_| value != 0)
            .unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    /// §4.3.12: fill `self.name` with the unescaped ident sequence at `pos`.
    fn consume_ident_sequence(&mut self) {
        self.name.clear();
        loop {
            match self.peek(0) {
                Some(b) if is_ident_char(b) => {
                    let c = self.next_char();
                    self.name.push(c);
                }
                Some(b'\\') if self.is_valid_escape(0) => {
                    self.pos += 1;
                    let c = self.consume_escaped();
                    self.name.push(c);
                }
                _ => return,
            }
        }
    }

    /// §4.3.3: number, percentage or dimension. Only consumed so that its unit is not mistaken
    /// for an identifier (`1url(x)` is a dimension followed by `(`).
    fn consume_numeric(&mut self) {
        let digit = |b: u8| b.is_ascii_digit();
        if self.peek_is(0, |b| b == b'+' || b == b'-') {
            self.pos += 1;
        }
        while self.peek_is(0, digit) {
            self.pos += 1;
        }
        if self.peek(0) == Some(b'.') && self.peek_is(1, digit) {
            self.pos += 1;
            while self.peek_is(0, digit) {
                self.pos += 1;
            }
        }
        if self.peek_is(0, |b| b == b'e' || b == b'E')
            && (self.peek_is(1, digit)
                || (self.peek_is(1, |b| b == b'+' || b == b'-') && self.peek_is(2, digit)))
        {
            self.pos += 2;
            while self.peek_is(0, digit) {
                self.pos += 1;
            }
        }
        if self.starts_ident(0) {
            self.consume_ident_sequence();
        } else if self.peek(0) == Some(b'%') {
            self.pos += 1;
        }
    }

    /// §4.3.4: identifier, function, or url token; `kind` applies if this is a `url(`.
    fn consume_ident_like(&mut self, kind: CssRefKind) {
        self.consume_ident_sequence();
        if self.peek(0) != Some(b'(') {
            return;
        }
        if !self.name.eq_ignore_ascii_case("url") {
            let image_set = self.name.eq_ignore_ascii_case("image-set")
                || self.name.eq_ignore_ascii_case("-webkit-image-set");
            self.open(b')', image_set);
            return;
        }
        self.pos += 1;
        // The spec keeps at most one whitespace before deciding; skipping all of it is
        // equivalent: a quote next means a `url(` function with a string argument.
        self.skip_whitespace();
        let found = match self.peek(0) {
            Some(quote @ (b'"' | b'\'')) => {
                self.blocks.push(Block {
                    closer: b')',
                    image_set: false,
                });
                self.pos += 1;
                self.consume_string(quote)
            }
            _ => self.consume_url(),
        };
        if let Some((url, span)) = found {
            self.emit(url, span, kind);
        }
    }

    /// §4.3.5, with `pos` just after the opening quote. Returns the unescaped value and the span
    /// between the quotes, or `None` for a `<bad-string>` (a raw newline before the close quote;
    /// the newline is left unconsumed, as the spec says).
    fn consume_string(&mut self, quote: u8) -> Option<(String, Range<usize>)> {
        let start = self.pos;
        let mut value = String::new();
        loop {
            let Some(b) = self.peek(0) else {
                // Unterminated at end of input: still a string token.
                return Some((value, start..self.pos));
            };
            if b == quote {
                let end = self.pos;
                self.pos += 1;
                return Some((value, start..end));
            }
            if is_newline(b) {
                return None;
            }
            if b == b'\\' {
                self.pos += 1;
                match self.newline_len(0) {
                    // Escaped newline: a line continuation, contributes nothing.
                    0 if self.peek(0).is_some() => {
                        let c = self.consume_escaped();
                        value.push(c);
                    }
                    // Backslash at end of input: ignored.
                    n => self.pos += n,
                }
            } else {
                let c = self.next_char();
                value.push(c);
            }
        }
    }

    /// §4.3.6, with `pos` after `url(` and its leading whitespace. Returns the unescaped value
    /// and the span of the text as written (without surrounding whitespace), or `None` for a
    /// `<bad-url>`, whose remnants are consumed.
    fn consume_url(&mut self) -> Option<(String, Range<usize>)> {
        let start = self.pos;
        let mut value = String::new();
        loop {
            let Some(b) = self.peek(0) else {
                // Unterminated at end of input: still a url token.
                return Some((value, start..self.pos));
            };
            match b {
                b')' => {
                    let end = self.pos;
                    self.pos += 1;
                    return Some((value, start..end));
                }
                _ if is_whitespace(b) => {
                    let end = self.pos;
                    self.skip_whitespace();
                    return match self.peek(0) {
                        None => Some((value, start..end)),
                        Some(b')') => {
                            self.pos += 1;
                            Some((value, start..end))
                        }
                        Some(_) => {
                            self.consume_bad_url_remnants();
                            None
                        }
                    };
                }
                b'"' | b'\'' | b'(' => {
                    self.consume_bad_url_remnants();
                    return None;
                }
                _ if is_non_printable(b) => {
                    self.consume_bad_url_remnants();
                    return None;
                }
                b'\\' => {
                    if !self.is_valid_escape(0) {
                        self.consume_bad_url_remnants();
                        return None;
                    }
                    self.pos += 1;
                    let c = self.consume_escaped();
                    value.push(c);
                }
                _ => {
                    let c = self.next_char();
                    value.push(c);
                }
            }
        }
    }

    /// §4.3.14: skip to just after the next `)` that is not escaped, or to the end of input.
    fn consume_bad_url_remnants(&mut self) {
        while let Some(b) = self.peek(0) {
            if b == b')' {
                self.pos += 1;
                return;
            }
            if self.is_valid_escape(0) {
                self.pos += 1;
                self.consume_escaped();
            } else {
                self.next_char();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CssRefKind::{Import, Url};
    use super::*;

    fn refs(css: &str) -> Vec<(String, Range<usize>, CssRefKind)> {
        css_references(css)
            .into_iter()
            .map(|r| (r.url, r.span, r.kind))
            .collect()
    }

    fn r(url: &str, span: Range<usize>, kind: CssRefKind) -> (String, Range<usize>, CssRefKind) {
        (url.to_owned(), span, kind)
    }

    /// Just the URLs, for tests where the spans are not the point.
    fn urls(css: &str) -> Vec<String> {
        css_references(css).into_iter().map(|r| r.url).collect()
    }

    #[test]
    fn unquoted_url() {
        assert_eq!(
            refs("a{background:url(img/a.png)}"),
            vec![r("img/a.png", 17..26, Url)]
        );
    }

    #[test]
    fn quoted_urls() {
        assert_eq!(
            refs(r#"a{background:url("a.png"), url('b.png')}"#),
            vec![r("a.png", 18..23, Url), r("b.png", 32..37, Url)]
        );
    }

    #[test]
    fn whitespace_inside_url_parens() {
        // Quoted, with spaces: the span is inside the quotes.
        assert_eq!(refs(r#"url( "a.png" )"#), vec![r("a.png", 6..11, Url)]);
        // Unquoted, with spaces and newlines: the span excludes surrounding whitespace.
        assert_eq!(refs("url(\n  a.png \t)"), vec![r("a.png", 7..12, Url)]);
        assert_eq!(refs("url(\r\n'a.png'\r\n)"), vec![r("a.png", 7..12, Url)]);
    }

    #[test]
    fn uppercase_and_mixed_case_url() {
        assert_eq!(
            refs("b{x:URL(a.png) Url('b.png')}"),
            vec![r("a.png", 8..13, Url), r("b.png", 20..25, Url)]
        );
    }

    #[test]
    fn not_a_url_function() {
        // Part of a longer identifier, hash or dimension, or after a space.
        assert_eq!(
            urls("x:myurl(a) -url(b) #url(c) 1url(d) url (e) --url(f)"),
            Vec::<String>::new()
        );
        // But an escaped identifier that spells `url` is one, per the spec.
        assert_eq!(refs(r"\75 rl(a.png)"), vec![r("a.png", 7..12, Url)]);
        assert_eq!(urls(r"u\rl(a.png)"), vec!["a.png"]);
    }

    #[test]
    fn import_forms() {
        let css = "@import \"a.css\";\n@import 'b.css' screen;\n@import url(c.css);\n\
                   @import url( \"d.css\" ) layer(x);\n@IMPORT/**/'e.css';";
        assert_eq!(
            refs(css),
            vec![
                r("a.css", 9..14, Import),
                r("b.css", 26..31, Import),
                r("c.css", 53..58, Import),
                r("d.css", 75..80, Import),
                r("e.css", 106..111, Import),
            ]
        );
    }

    #[test]
    fn import_needs_its_target_next() {
        // Only the token right after `@import` is its target.
        assert_eq!(
            refs("@import screen \"a.css\"; @importx 'b'; @ import 'c';"),
            vec![]
        );
        // A later url() is still a plain Url reference.
        assert_eq!(refs("@import x url(a.css);"), vec![r("a.css", 14..19, Url)]);
    }

    #[test]
    fn comments_are_skipped() {
        assert_eq!(
            refs("/* url(x.png) @import 'y.css'; */ a { b: url(z.png) /* url(q) */ }"),
            vec![r("z.png", 45..50, Url)]
        );
    }

    #[test]
    fn strings_are_not_references() {
        assert_eq!(
            refs(r#"a::before { content: "url(x.png)"; } b { content: 'url(y)' url(z) }"#),
            vec![r("z", 63..64, Url)]
        );
        assert_eq!(
            urls(r#"@font-face { src: url(a.woff2) format("woff2"), url(b.woff) format('woff') }"#),
            vec!["a.woff2", "b.woff"]
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(refs(r"url(a\ b.png)"), vec![r("a b.png", 4..12, Url)]);
        assert_eq!(refs(r#"url("a\"b.png")"#), vec![r("a\"b.png", 5..13, Url)]);
        assert_eq!(refs(r"url(a\).png)"), vec![r("a).png", 4..11, Url)]);
        // Hex escapes, with the optional trailing space consumed.
        assert_eq!(refs(r"url(\61 \62.png)"), vec![r("ab.png", 4..15, Url)]);
        assert_eq!(
            refs(r"url('\0000e9t\C9 .png')"),
            vec![r("étÉ.png", 5..21, Url)]
        );
        // Invalid code points become U+FFFD.
        assert_eq!(
            urls(r"url(\0 \D800 \110000 x)"),
            vec!["\u{FFFD}\u{FFFD}\u{FFFD}x"]
        );
        // An escaped newline inside a string is a line continuation.
        assert_eq!(refs("url('a\\\nb.png')"), vec![r("ab.png", 5..13, Url)]);
        assert_eq!(urls("'x' @import 'a\\\r\nb.css'"), vec!["ab.css"]);
    }

    #[test]
    fn empty_urls_yield_nothing() {
        assert_eq!(
            refs("url() url( ) url(\"\") url('') @import ''; image-set('' 1x)"),
            vec![]
        );
    }

    #[test]
    fn bad_urls_yield_nothing() {
        // Whitespace inside, a quote or paren inside, an escaped newline, non-printables.
        assert_eq!(
            refs("url(a b) url(a\"b) url(a'b) url(a(b) url(a\\\nb) url(a\x01b) url(ok.png)"),
            vec![r("ok.png", 59..65, Url)]
        );
        // Bad-url remnants honour escaped parens.
        assert_eq!(urls(r"url(a b\) c) url(d)"), vec!["d"]);
        // A string broken by a newline is a bad string; tokenizing resumes at the newline, so the
        // quote ending that line opens a new string running to the next newline.
        assert_eq!(urls("url('a\nb')\nurl(c)"), vec!["c"]);
    }

    #[test]
    fn unterminated_constructs() {
        assert_eq!(refs("a{b:url(\"a.png"), vec![r("a.png", 9..14, Url)]);
        assert_eq!(refs("a{b:url(  a.png  "), vec![r("a.png", 10..15, Url)]);
        assert_eq!(refs("@import 'x.css"), vec![r("x.css", 9..14, Import)]);
        assert_eq!(
            refs("url(a.png) /* url(b.png)"),
            vec![r("a.png", 4..9, Url)]
        );
        assert_eq!(refs("url('a.png\\"), vec![r("a.png", 5..11, Url)]);
        assert_eq!(refs("url(a.png\\"), vec![r("a.png\u{FFFD}", 4..10, Url)]);
        assert_eq!(refs("url("), vec![]);
        assert_eq!(refs("url('"), vec![]);
        assert_eq!(refs("/*"), vec![]);
        assert_eq!(refs("@import"), vec![]);
    }

    #[test]
    fn image_set() {
        let css = r#"a{b:image-set("a.png" 1x, "b.png" 2x)}"#;
        assert_eq!(
            refs(css),
            vec![r("a.png", 15..20, Url), r("b.png", 27..32, Url)]
        );
        let css = r#"a{b:-webkit-image-set(url(a.png) 1x, 'b.png' type("image/avif") 2x)}"#;
        assert_eq!(
            refs(css),
            vec![r("a.png", 26..31, Url), r("b.png", 38..43, Url)]
        );
        // Strings after the image-set closes are not references.
        assert_eq!(
            urls(r#"IMAGE-SET("a" 1x) "b" (image-set(("c") "d"))"#),
            vec!["a", "d"]
        );
    }

    #[test]
    fn non_ascii_and_data_urls() {
        let css = "a{b:url(日本.png);c:url('é\u{1F600}.svg');d:url(data:image/png;base64,AA==)}";
        assert_eq!(
            refs(css),
            vec![
                r("日本.png", 8..18, Url),
                r("é\u{1F600}.svg", 27..37, Url),
                r("data:image/png;base64,AA==", 46..72, Url),
            ]
        );
        // NUL reads as U+FFFD.
        assert_eq!(urls("url(a\0b)"), vec!["a\u{FFFD}b"]);
    }

    #[test]
    fn style_attribute_value() {
        assert_eq!(
            refs("background-image: url('/img/hero.jpg'); color: red"),
            vec![r("/img/hero.jpg", 23..36, Url)]
        );
    }

    #[test]
    fn cdo_cdc_and_numbers() {
        assert_eq!(
            urls("<!--url(a)-->url(b) 1e3url(c) 2%url(d) -.5url(e)"),
            vec!["a", "b", "d"]
        );
    }

    /// Tiny deterministic xorshift generator so the soup test needs no `rand` crate.
    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    fn check_invariants(input: &str) {
        for r in css_references(input) {
            assert!(!r.url.is_empty(), "{input:?}");
            assert!(
                r.span.start <= r.span.end && r.span.end <= input.len(),
                "{input:?}"
            );
            assert!(input.is_char_boundary(r.span.start), "{input:?}");
            assert!(input.is_char_boundary(r.span.end), "{input:?}");
            let raw = &input[r.span.clone()];
            if !raw.contains(['\\', '\0']) {
                assert_eq!(raw, r.url, "{input:?}");
            }
        }
    }

    #[test]
    fn brute_force_no_panics() {
        let tricky = "@import url( 'a\\\r\nb' )/*x*/;i{b:IMAGE-SET(\"é\\\"\" 1x,url(\\31 日\\\n)) \
                      url(  c\\\u{1F600} ) 'u\\";
        for (i, _) in tricky.char_indices().chain([(tricky.len(), ' ')]) {
            check_invariants(&tricky[..i]);
            check_invariants(&tricky[i..]);
        }
        let pieces = [
            "url(",
            "URL(",
            "image-set(",
            "@import",
            "\"",
            "'",
            "\\",
            "\\3",
            "\\D800 ",
            "/*",
            "*/",
            "(",
            ")",
            "{",
            "}",
            "[",
            "]",
            " ",
            "\n",
            "\r",
            "\x0C",
            "a",
            "1",
            "-",
            "+",
            ".",
            "#",
            "@",
            "<!--",
            "-->",
            "é",
            "日",
            "\u{1F600}",
            "\0",
            "\x01",
            ",",
            ";",
        ];
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for _ in 0..5000 {
            let mut s = String::new();
            let n = xorshift(&mut state) % 32;
            for _ in 0..n {
                let r = xorshift(&mut state);
                if r % 5 == 0 {
                    let bytes = r.to_le_bytes();
                    s.push_str(&String::from_utf8_lossy(
                        &bytes[..usize::from(bytes[0] & 7)],
                    ));
                } else {
                    s.push_str(pieces[usize::try_from(r >> 32).unwrap() % pieces.len()]);
                }
            }
            check_invariants(&s);
        }
    }

    #[test]
    fn pathological_inputs_are_fast() {
        // Each of these would be quadratic (or blow the stack) in a naive scanner.
        for unit in [
            "url(",
            "(",
            "image-set(",
            "/*",
            "'",
            "\\",
            "url(a b",
            "@import ",
            "1e",
        ] {
            let big = unit.repeat(50_000);
            check_invariants(&big);
        }
    }
}
