//! An HTML tokenizer over a `&str` that yields the events [`super::html`] collects: start tags
//! with attributes, end tags, text runs and comments, each with its exact byte span.
//!
//! Written by hand because no crate measured does this both correctly and fast (DESIGN.md:
//! html5gum 80 MB/s per core, `lol_html` keeps values encoded, tl misreads scripts; rustdoc pages
//! made html5gum and our callback on it 40% of a full check). It follows the tokenization
//! chapter of the HTML Standard (13.2.5) in what reaches a rule: where tags, attributes,
//! comments and raw text begin and end, lowercase names, decoded character references (by
//! `htmlize`, which implements the Standard's tables and its attribute-value exception),
//! newline normalization and U+0000 replacement. Parse errors are not reported: no rule reads
//! them. Within one tag or text run it scans with `memchr` instead of a state per byte.
//!
//! Tests compare its output with html5gum's (the previous tokenizer) over generated markup.

use std::borrow::Cow;
use std::ops::Range;

use memchr::{memchr, memchr2, memchr3, memmem};

use super::html::Name;

/// One event of the token stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event<'t> {
    /// `<name` of a start tag (span: exactly `<name`).
    OpenStartTag { name: Name },
    /// An attribute name of the current start tag.
    AttributeName { name: Name },
    /// The value of the last attribute, decoded (span: the value as written, inside quotes).
    /// Not sent for an empty value.
    AttributeValue { value: Cow<'t, str> },
    /// The `>` of the current start tag.
    CloseStartTag { self_closing: bool },
    /// A whole end tag, `</` to `>`.
    EndTag { name: Name },
    /// A run of text, decoded.
    String { value: Cow<'t, str> },
    /// A comment (span: the whole comment, `<!--` to `-->`; also bogus comments like `<?x>`).
    Comment { value: Cow<'t, str> },
}

/// What follows a start tag (decided by the receiver, which knows about foreign content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Content {
    /// Text with character references, until the matching end tag (`title`, `textarea`).
    RcData,
    /// Text as written, until the matching end tag (`style`, `xmp`, `iframe`, ...).
    RawText,
    /// Script text, with the Standard's `<!--` escapes.
    ScriptData,
    /// Text to the end of the document.
    PlainText,
}

/// The receiver of the events.
pub(crate) trait Sink<'t> {
    fn event(&mut self, event: Event<'t>, span: Range<usize>);
    /// Asked after each start tag's `>`: raw text to read next, if any.
    fn content_after_start_tag(&mut self) -> Option<Content>;
    /// Whether `<![CDATA[` opens a CDATA section here (inside `<svg>` or `<math>`).
    fn in_foreign_content(&self) -> bool;
}

fn is_space(byte: u8) -> bool {
    // Carriage returns count: the input stream turns them into line feeds.
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// How a run of text or a value decodes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decode {
    /// Text: character references; U+0000 stays (the Standard's data state).
    Text,
    /// Text of `<title>` and `<textarea>`: character references; U+0000 becomes U+FFFD.
    RcData,
    /// Attribute values: character references with the attribute exception; U+0000 becomes
    /// U+FFFD.
    Attribute,
    /// Raw text and comments: no character references; U+0000 becomes U+FFFD.
    Raw,
    /// CDATA sections: as written.
    Cdata,
}

/// Newline normalization, U+0000 handling and character references, borrowing the text when
/// none applies (most values and text runs).
fn decode(raw: &str, how: Decode) -> Cow<'_, str> {
    let bytes = raw.as_bytes();
    let context = match how {
        Decode::Text | Decode::RcData => Some(htmlize::Context::General),
        Decode::Attribute => Some(htmlize::Context::Attribute),
        Decode::Raw | Decode::Cdata => None,
    };
    // Most values and runs are short and plain: one loop, not three `memchr` calls.
    let plain = if bytes.len() < 64 {
        !bytes.iter().any(|&b| matches!(b, b'&' | b'\r' | b'\0'))
    } else {
        memchr3(b'&', b'\r', b'\0', bytes).is_none()
    };
    if plain {
        return Cow::Borrowed(raw);
    }
    let entity = context.is_some() && memchr(b'&', bytes).is_some();
    let replace_nul = !matches!(how, Decode::Text | Decode::Cdata);
    if !entity && memchr2(b'\r', b'\0', bytes).is_none() {
        return Cow::Borrowed(raw);
    }
    let mut text = Cow::Borrowed(raw);
    if memchr(b'\r', bytes).is_some() {
        text = Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if replace_nul && memchr(b'\0', text.as_bytes()).is_some() {
        text = Cow::Owned(text.replace('\0', "\u{FFFD}"));
    }
    if let Some(context) = context.filter(|_| entity) {
        text = match text {
            Cow::Borrowed(text) => htmlize::unescape_in(text, context),
            Cow::Owned(text) => Cow::Owned(htmlize::unescape_in(text, context).into_owned()),
        };
    }
    text
}

/// A tag or attribute name as the tokenizer makes it: ASCII letters lowercased, U+0000
/// replaced.
fn name(raw: &str) -> Name {
    let bytes = raw.as_bytes();
    if !bytes.iter().any(|b| b.is_ascii_uppercase() || *b == 0) {
        return Name::of(bytes);
    }
    Name::from(raw.to_ascii_lowercase().replace('\0', "\u{FFFD}"))
}

struct Tokenizer<'t, 's, S> {
    text: &'t str,
    bytes: &'t [u8],
    sink: &'s mut S,
    /// Start of the pending text run.
    run_start: usize,
    /// Pieces of the pending run before `piece_start`, when markup inside it does not end it
    /// (the Standard drops `</>` and reads a CDATA section's content as text).
    pieces: Vec<(Range<usize>, Decode)>,
    /// Start of the run's last piece.
    piece_start: usize,
}

/// Tokenize `text`, sending every event to `sink`.
pub(crate) fn tokenize<'t, S: Sink<'t>>(text: &'t str, sink: &mut S) {
    let mut tokenizer = Tokenizer {
        text,
        bytes: text.as_bytes(),
        sink,
        run_start: 0,
        pieces: Vec::new(),
        piece_start: 0,
    };
    tokenizer.run();
}

impl<'t, S: Sink<'t>> Tokenizer<'t, '_, S> {
    fn len(&self) -> usize {
        self.bytes.len()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// Send the pending text run up to `end`, decoded as `how`.
    fn flush_text(&mut self, end: usize, how: Decode) {
        let start = self.run_start;
        if end > start {
            let value = if self.pieces.is_empty() {
                decode(&self.text[start..end], how)
            } else {
                let mut joined = String::new();
                for (piece, how) in std::mem::take(&mut self.pieces) {
                    joined.push_str(&decode(&self.text[piece], how));
                }
                joined.push_str(&decode(&self.text[self.piece_start.min(end)..end], how));
                Cow::Owned(joined)
            };
            // A run of dropped markup only is no text.
            if !value.is_empty() {
                self.sink.event(Event::String { value }, start..end);
            }
        }
        self.pieces.clear();
    }

    /// The run goes on after markup from `from` to `to`, whose content (`content`) is text.
    fn skip_in_run(&mut self, from: usize, to: usize, content: Option<(Range<usize>, Decode)>) {
        if self.pieces.is_empty() {
            self.piece_start = self.run_start;
        }
        self.pieces.push((self.piece_start..from, Decode::Text));
        self.pieces.extend(content);
        self.piece_start = to;
    }

    fn run(&mut self) {
        let len = self.len();
        let mut at = 0;
        while let Some(found) = memchr(b'<', &self.bytes[at..]) {
            let lt = at + found;
            at = match self.byte(lt + 1) {
                Some(b'!') => self.markup_declaration(lt),
                Some(b'/') => self.end_tag_open(lt),
                Some(b'?') => {
                    self.flush_text(lt, Decode::Text);
                    self.bogus_comment(lt, lt + 1)
                }
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                // A `<` that opens nothing is text.
                _ => lt + 1,
            };
        }
        self.flush_text(len, Decode::Text);
    }

    /// `<!`: a comment, a doctype, a CDATA section or a bogus comment. Returns where to go on.
    fn markup_declaration(&mut self, lt: usize) -> usize {
        let rest = &self.bytes[lt + 2..];
        if rest.starts_with(b"--") {
            self.flush_text(lt, Decode::Text);
            return self.comment(lt);
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            self.flush_text(lt, Decode::Text);
            let end = memchr(b'>', &self.bytes[lt..]).map_or(self.len(), |k| lt + k + 1);
            self.run_start = end;
            return end;
        }
        if rest.starts_with(b"[CDATA[") && self.sink.in_foreign_content() {
            // The content of a CDATA section is text of the run it is in.
            let start = lt + 9;
            let (end, after) = match memmem::find(&self.bytes[start..], b"]]>") {
                Some(k) => (start + k, start + k + 3),
                None => (self.len(), self.len()),
            };
            self.skip_in_run(lt, after, Some((start..end, Decode::Cdata)));
            return after;
        }
        self.flush_text(lt, Decode::Text);
        self.bogus_comment(lt, lt + 2)
    }

    /// A bogus comment from `lt`, its text from `start` to the next `>`.
    fn bogus_comment(&mut self, lt: usize, start: usize) -> usize {
        let (end, after) = match memchr(b'>', &self.bytes[start..]) {
            Some(k) => (start + k, start + k + 1),
            None => (self.len(), self.len()),
        };
        let value = decode(&self.text[start..end], Decode::Raw);
        self.sink.event(Event::Comment { value }, lt..after);
        self.run_start = after;
        after
    }

    /// `<!--` at `lt`: the comment ends at the first `-->` or `--!>` (`<!-->` and `<!--->` are
    /// empty comments); an unclosed comment runs to the end.
    fn comment(&mut self, lt: usize) -> usize {
        let start = lt + 4;
        let rest = &self.bytes[start..];
        let (end, after) = if rest.starts_with(b">") {
            (start, start + 1)
        } else if rest.starts_with(b"->") {
            (start, start + 2)
        } else {
            let mut from = start;
            loop {
                match memmem::find(&self.bytes[from..], b"--") {
                    // Unclosed: the dashes of an end begun at the end of the text (`--!`, `--`
                    // or `-`) are not its text.
                    None => {
                        let len = self.len();
                        let tail = &self.bytes[start..];
                        let cut = if tail.ends_with(b"--!") {
                            3
                        } else if tail.ends_with(b"--") {
                            2
                        } else {
                            usize::from(tail.ends_with(b"-"))
                        };
                        break (len - cut, len);
                    }
                    Some(k) => {
                        let dashes = from + k;
                        match self.bytes.get(dashes + 2..) {
                            Some([b'>', ..]) => break (dashes, dashes + 3),
                            Some([b'!', b'>', ..]) => break (dashes, dashes + 4),
                            _ => from = dashes + 1,
                        }
                    }
                }
            }
        };
        let value = decode(&self.text[start..end], Decode::Raw);
        self.sink.event(Event::Comment { value }, lt..after);
        self.run_start = after;
        after
    }

    /// `</` at `lt`.
    fn end_tag_open(&mut self, lt: usize) -> usize {
        match self.byte(lt + 2) {
            Some(c) if c.is_ascii_alphabetic() => {
                self.flush_text(lt, Decode::Text);
                self.end_tag(lt)
            }
            // `</>` is dropped; the text run goes on around it.
            Some(b'>') => {
                if self.pieces.is_empty() && self.run_start == lt {
                    self.run_start = lt + 3;
                } else {
                    self.skip_in_run(lt, lt + 3, None);
                }
                lt + 3
            }
            // `</` at the end is text.
            None => lt + 2,
            Some(_) => {
                self.flush_text(lt, Decode::Text);
                self.bogus_comment(lt, lt + 2)
            }
        }
    }

    /// The end of a tag name starting at `from`.
    fn tag_name_end(&self, from: usize) -> usize {
        self.bytes[from..]
            .iter()
            .position(|&b| is_space(b) || b == b'/' || b == b'>')
            .map_or(self.len(), |k| from + k)
    }

    /// An end tag at `lt` (`</` and a letter). Returns where to go on.
    fn end_tag(&mut self, lt: usize) -> usize {
        let name_end = self.tag_name_end(lt + 2);
        let name = name(&self.text[lt + 2..name_end]);
        // Attributes of an end tag are read (a quoted `>` does not end it) and dropped.
        match self.attributes(name_end, false) {
            Some((_, after)) => {
                self.sink.event(Event::EndTag { name }, lt..after);
                self.run_start = after;
                after
            }
            None => self.end_of_file(),
        }
    }

    /// A tag cut off by the end of the text is dropped.
    fn end_of_file(&mut self) -> usize {
        let len = self.len();
        self.run_start = len;
        len
    }

    /// A start tag at `lt` (`<` and a letter). Returns where to go on.
    fn start_tag(&mut self, lt: usize) -> usize {
        self.flush_text(lt, Decode::Text);
        let name_end = self.tag_name_end(lt + 1);
        let raw_name = &self.text[lt + 1..name_end];
        self.sink.event(
            Event::OpenStartTag {
                name: name(raw_name),
            },
            lt..name_end,
        );
        let Some((self_closing, after)) = self.attributes(name_end, true) else {
            return self.end_of_file();
        };
        self.sink
            .event(Event::CloseStartTag { self_closing }, after - 1..after);
        self.run_start = after;
        match self.sink.content_after_start_tag() {
            None => after,
            Some(Content::PlainText) => {
                self.flush_text(self.len(), Decode::Raw);
                self.end_of_file()
            }
            Some(Content::RcData) => self.raw_text(after, raw_name, Decode::RcData),
            Some(Content::RawText) => self.raw_text(after, raw_name, Decode::Raw),
            Some(Content::ScriptData) => {
                let end = self.script_end(after);
                self.flush_text(end, Decode::Raw);
                self.run_start = end;
                end
            }
        }
    }

    /// Whether an end tag for `name` (any case) starts at `lt`: `</name` followed by a space,
    /// `/` or `>`.
    fn is_end_tag_of(&self, lt: usize, name: &str) -> bool {
        let name = name.as_bytes();
        let rest = &self.bytes[lt..];
        rest.len() > name.len() + 2
            && rest[1] == b'/'
            && rest[2..2 + name.len()].eq_ignore_ascii_case(name)
            && matches!(
                rest[2 + name.len()],
                b'/' | b'>' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' '
            )
    }

    /// Text after a start tag up to its end tag (or the end), then that end tag as a tag.
    fn raw_text(&mut self, from: usize, tag: &str, how: Decode) -> usize {
        let mut at = from;
        let end = loop {
            match memchr(b'<', &self.bytes[at..]) {
                None => break self.len(),
                Some(k) if self.is_end_tag_of(at + k, tag) => break at + k,
                Some(k) => at += k + 1,
            }
        };
        self.flush_text(end, how);
        self.run_start = end;
        end
    }

    /// Where the text of a `<script>` starting at `from` ends: the first `</script` that is
    /// not inside the Standard's double-escaped `<!-- <script> ... </script>` section.
    fn script_end(&self, from: usize) -> usize {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum State {
            Data,
            Escaped,
            EscapedDash,
            EscapedDashDash,
            Double,
            DoubleDash,
            DoubleDashDash,
        }
        let bytes = self.bytes;
        let len = bytes.len();
        let mut state = State::Data;
        let mut at = from;
        // A name of letters at `at` followed by a space, `/` or `>`, equal to "script"?
        let script_word = |at: usize| -> bool {
            let letters = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic())
                .count();
            letters == 6
                && bytes[at..at + 6].eq_ignore_ascii_case(b"script")
                && bytes
                    .get(at + 6)
                    .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
        };
        while at < len {
            if state == State::Data {
                // Fast path: only `<` matters.
                match memchr(b'<', &bytes[at..]) {
                    None => return len,
                    Some(k) => at += k,
                }
                if self.is_end_tag_of(at, "script") {
                    return at;
                }
                if bytes[at..].starts_with(b"<!--") {
                    state = State::EscapedDashDash;
                    at += 4;
                } else {
                    at += 1;
                }
                continue;
            }
            let byte = bytes[at];
            let double = matches!(
                state,
                State::Double | State::DoubleDash | State::DoubleDashDash
            );
            match byte {
                b'-' => {
                    state = match state {
                        State::Escaped => State::EscapedDash,
                        State::EscapedDash | State::EscapedDashDash => State::EscapedDashDash,
                        State::Double => State::DoubleDash,
                        _ => State::DoubleDashDash,
                    };
                    at += 1;
                }
                b'>' if matches!(state, State::EscapedDashDash | State::DoubleDashDash) => {
                    state = State::Data;
                    at += 1;
                }
                b'<' if !double => {
                    if self.is_end_tag_of(at, "script") {
                        return at;
                    }
                    state = State::Escaped;
                    if script_word(at + 1) {
                        state = State::Double;
                        at += 7;
                    } else {
                        at += 1;
                    }
                }
                b'<' => {
                    state = State::Double;
                    if bytes.get(at + 1) == Some(&b'/') && script_word(at + 2) {
                        state = State::Escaped;
                        at += 8;
                    } else {
                        at += 1;
                    }
                }
                _ => {
                    state = if double {
                        State::Double
                    } else {
                        State::Escaped
                    };
                    at += 1;
                }
            }
        }
        len
    }

    /// The attributes of a tag from `at` (just after its name) to its `>`, sent as events when
    /// `send` (start tags). Returns whether the tag was self-closing and the offset after its
    /// `>`, or `None` when the text ends first.
    fn attributes(&mut self, mut at: usize, send: bool) -> Option<(bool, usize)> {
        let bytes = self.bytes;
        loop {
            // Before attribute name.
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            match *bytes.get(at)? {
                b'>' => return Some((false, at + 1)),
                b'/' => {
                    // Self-closing start tag state: anything but `>` is read again as the
                    // start of an attribute.
                    at += 1;
                    if *bytes.get(at)? == b'>' {
                        return Some((true, at + 1));
                    }
                    continue;
                }
                _ => {}
            }
            // Attribute name: its first character may be `=`.
            let name_start = at;
            at += 1;
            while at < bytes.len()
                && !matches!(bytes[at], b'/' | b'>' | b'=')
                && !is_space(bytes[at])
            {
                at += 1;
            }
            if send {
                let name = name(&self.text[name_start..at]);
                self.sink
                    .event(Event::AttributeName { name }, name_start..at);
            }
            // After attribute name.
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            if *bytes.get(at)? != b'=' {
                continue;
            }
            at += 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            let (value_start, value_end) = match *bytes.get(at)? {
                quote @ (b'"' | b'\'') => {
                    let start = at + 1;
                    let end = start + memchr(quote, &bytes[start..])?;
                    at = end + 1;
                    (start, end)
                }
                // A missing value: the loop reads the `>`.
                b'>' => continue,
                _ => {
                    let start = at;
                    while at < bytes.len() && bytes[at] != b'>' && !is_space(bytes[at]) {
                        at += 1;
                    }
                    if at == bytes.len() {
                        return None;
                    }
                    (start, at)
                }
            };
            if send && value_end > value_start {
                let value = decode(&self.text[value_start..value_end], Decode::Attribute);
                self.sink
                    .event(Event::AttributeValue { value }, value_start..value_end);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::html::{oracle, scan};

    /// Pieces of markup that exercise every state of the tokenizer that decides where
    /// something ends or what a value is.
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<a href=\"x.html#f\">",
        "</a>",
        "text",
        " ",
        "\n",
        "\r\n",
        "\r",
        "\0",
        "<A HREF='Y'>",
        "<img src=x alt>",
        "<img src=x alt=\"\">",
        "<br/>",
        "<br />",
        "<p/x>",
        "<a b=c/>",
        "<a =b>",
        "<a b = \"c\" d>",
        "<a b='c'd=e>",
        "<a b=\"c\">",
        "<a b=c\"d'e<f=g`>",
        "<a b=\"c\" b=\"d\">",
        "<a\tb\n=\rc\x0C>",
        "<a b=\"\r\nx\r\">",
        "<a b=\"\0\">",
        "<a\0b>",
        "<a b\0c=d>",
        "&amp;",
        "&amp",
        "&ampx",
        "&notit;",
        "&notin;",
        "&#60;",
        "&#x3C;",
        "&#x3c",
        "&#128;",
        "&#0;",
        "&#xD800;",
        "&#x110000;",
        "&#99999999999;",
        "&#13;",
        "&#x;",
        "&#;",
        "&",
        "&;",
        "&#",
        "&#x",
        "&zz;",
        "&lt",
        "&LT;",
        "<a t=\"&lt\">",
        "<a t=\"&ltx\">",
        "<a t=\"&lt=\">",
        "<a t=\"&notit;\">",
        "<a t=&amp;x>",
        "<a t='&#38;'>",
        "<!-- c -->",
        "<!---->",
        "<!-->",
        "<!--->",
        "<!--a--!>",
        "<!--a--->",
        "<!--a-- b-->",
        "<!-- <!-- -->",
        "<!--a--!b-->",
        "<!--",
        "-->",
        "--!>",
        "<!",
        "<!-",
        "<!x>",
        "<?xml x?>",
        "</ x>",
        "</>",
        "</",
        "<",
        "< p>",
        "<3",
        "a<b",
        "<!DOCTYPE html>",
        "<!doctype html public \"a>b\">",
        "<![CDATA[x]]>",
        "<svg>",
        "</svg>",
        "<math>",
        "</math>",
        "<svg/>",
        "<title>",
        "</title>",
        "</TITLE >",
        "</title x=\">\">",
        "</titlex>",
        "<textarea>",
        "</textarea>",
        "<style>",
        "</style>",
        "</style/>",
        "<script>",
        "</script>",
        "</SCRIPT>",
        "</script ",
        "<script ",
        "<!--<script>",
        "</script>-->",
        "<-",
        "--",
        "->",
        "<xmp>",
        "</xmp>",
        "<iframe>",
        "</iframe>",
        "<noscript>",
        "</noscript>",
        "<template>",
        "</template>",
        "<div data-proofer-ignore>",
        "</div>",
        "<plaintext>",
        "\u{FEFF}",
        "é",
        "<é>",
        "<a é=ü>",
        "<a href=\"ü&eacute;\">",
        "<a b=>",
        "<a b= >",
        "<a/ b>",
        "<a//>",
        "<a b/c>",
        "<a\"b>",
    ];

    fn differs(text: &str) -> bool {
        scan(text) != oracle::scan(text)
    }

    fn compare(text: &str) {
        if differs(text) {
            let ours = format!("{:#?}", scan(text));
            let theirs = format!("{:#?}", oracle::scan(text));
            let first = ours
                .lines()
                .zip(theirs.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let context = |d: &str| {
                d.lines()
                    .skip(first.saturating_sub(8))
                    .take(16)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "tokenizers differ on {text:?}:\nours:\n{}\nhtml5gum:\n{}",
                context(&ours),
                context(&theirs)
            );
        }
    }

    /// The shortest list of pieces (removing one at a time) that still differs.
    fn minimal(mut pieces: Vec<&'static str>) -> String {
        let mut index = 0;
        while index < pieces.len() {
            let mut fewer = pieces.clone();
            fewer.remove(index);
            if differs(&fewer.concat()) {
                pieces = fewer;
            } else {
                index += 1;
            }
        }
        pieces.concat()
    }

    #[test]
    fn agrees_with_html5gum_on_generated_markup() {
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..100_000 {
            let count = rng.usize(1..12);
            let pieces: Vec<&str> = (0..count)
                .map(|_| PIECES[rng.usize(..PIECES.len())])
                .collect();
            if differs(&pieces.concat()) {
                compare(&minimal(pieces));
            }
        }
        for piece in PIECES {
            compare(piece);
        }
    }

    #[test]
    fn agrees_with_html5gum_on_the_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = 0;
        for entry in ignore::WalkBuilder::new(&root)
            .hidden(false)
            .ignore(false)
            .build()
        {
            let entry = entry.unwrap();
            let path = entry.path();
            if path
                .extension()
                .is_some_and(|e| e == "html" || e == "md" || e == "htm")
            {
                if let Ok(text) = std::fs::read_to_string(path) {
                    compare(&text);
                    files += 1;
                }
            }
        }
        assert!(files > 100, "only {files} fixture pages");
    }

    /// Every HTML file under `SITELINT_TOKENIZER_CORPUS` (a large site, such as the rustdoc
    /// benchmark corpus): `cargo test --release --lib -- --ignored tokenizer`.
    #[test]
    #[ignore = "needs a corpus: set SITELINT_TOKENIZER_CORPUS"]
    fn agrees_with_html5gum_on_a_corpus() {
        let root = std::env::var("SITELINT_TOKENIZER_CORPUS").expect("SITELINT_TOKENIZER_CORPUS");
        let mut files = 0;
        for entry in ignore::WalkBuilder::new(root)
            .hidden(false)
            .ignore(false)
            .build()
        {
            let path = entry.unwrap().into_path();
            if path
                .extension()
                .is_some_and(|e| e == "html" || e == "md" || e == "htm")
            {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    assert!(!differs(&text), "differs on {}", path.display());
                    files += 1;
                }
            }
        }
        assert!(files > 0, "no HTML or Markdown file under the corpus");
    }
}
