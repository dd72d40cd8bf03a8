//! HTML scanning with exact byte spans: our tokenizer ([`super::tokenizer`]) with raw-text
//! switching that knows about foreign content (an SVG `<title>` or `<style>` is no raw text).
//!
//! The result is a flat list of elements with their attributes, plus the text of `<style>`
//! elements. No tree is built: the rules of this release only need start tags. (Measured in
//! DESIGN.md: the tokenizer alone runs at about 80 MB/s per core; a tree costs half of that.)

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::tokenizer::{Content, Event, Sink};

/// A lowercase tag or attribute name. The common names are shared statics: a large site has
/// millions of them (rustdoc: 2.4 million start tags, 2.3 million end tags, 2.6 million
/// attributes), and an allocation for each was a tenth of all time.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Name(Cow<'static, str>);

impl Name {
    /// The name the tokenizer gives (already lowercase), static when it is a common one.
    pub(crate) fn of(bytes: &[u8]) -> Self {
        match packed(bytes).and_then(|key| COMMON.get(&key)) {
            Some(name) => Self(Cow::Borrowed(name)),
            None => Self(Cow::Owned(as_text(bytes).into_owned())),
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&'static str> for Name {
    fn from(name: &'static str) -> Self {
        Self(Cow::Borrowed(name))
    }
}

impl From<String> for Name {
    fn from(name: String) -> Self {
        Self(Cow::Owned(name))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A name of at most 16 bytes as one number (its bytes, then zeros; names hold no U+0000): the
/// key of [`COMMON`], hashed and compared as an integer instead of a call to `memcmp` per
/// name (which, with the hashing of the bytes, was 4% of all time on rustdoc).
fn packed(bytes: &[u8]) -> Option<u128> {
    if bytes.len() > 16 {
        return None;
    }
    // Built in registers: `contains` and `copy_from_slice` were calls to `memchr` and `memcpy`
    // per name, and bytes stored one by one into an array then read as one number stall the
    // load (a quarter of this function's time).
    let (mut low, mut high) = (0u64, 0u64);
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == 0 {
            return None;
        }
        if index < 8 {
            low |= u64::from(byte) << (8 * index);
        } else {
            high |= u64::from(byte) << (8 * (index - 8));
        }
    }
    Some(u128::from(low) | (u128::from(high) << 64))
}

/// The names [`Name::of`] shares: HTML's elements and the attributes pages use most (those
/// longer than 16 bytes are allocated like any other name).
static COMMON: std::sync::LazyLock<FxHashMap<u128, &'static str>> =
    std::sync::LazyLock::new(|| {
        #[rustfmt::skip]
        const NAMES: &[&str] = &[
            // Elements (HTML Standard, plus SVG's most common).
            "a", "abbr", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo",
            "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code",
            "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "div",
            "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer",
            "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html",
            "i", "iframe", "img", "input", "ins", "kbd", "label", "legend", "li", "link", "main",
            "map", "mark", "math", "menu", "meta", "meter", "nav", "noscript", "object", "ol",
            "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rp",
            "rt", "ruby", "s", "samp", "script", "search", "section", "select", "slot", "small",
            "source", "span", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td",
            "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "u",
            "ul", "var", "video", "wbr", "svg", "path", "g", "use", "circle", "rect", "line",
            "polygon", "polyline", "defs", "symbol", "desc",
            // Attributes.
            "accesskey", "action", "align", "allow", "allowfullscreen", "alt", "aria-checked",
            "aria-controls", "aria-current", "aria-describedby", "aria-disabled", "aria-expanded",
            "aria-haspopup", "aria-hidden", "aria-label", "aria-labelledby", "aria-live",
            "aria-modal", "aria-pressed", "aria-selected", "async", "autocomplete", "autofocus",
            "charset", "checked", "class", "cols", "colspan", "content", "contenteditable",
            "crossorigin", "d", "data-nosnippet", "data-proofer-ignore", "datetime", "decoding",
            "defer", "dir", "disabled", "download", "draggable", "enctype", "fill", "for",
            "frameborder", "headers", "height", "hidden", "href", "hreflang", "http-equiv", "id",
            "integrity", "itemprop", "itemscope", "itemtype", "lang", "loading", "max",
            "maxlength", "media", "method", "min", "multiple", "name", "novalidate", "onclick",
            "open", "pattern", "placeholder", "property", "readonly", "referrerpolicy", "rel",
            "required", "role", "rows", "rowspan", "sandbox", "scope", "selected", "sizes",
            "spellcheck", "src", "srcset", "start", "step", "stroke", "stroke-width", "tabindex",
            "target", "translate", "type", "usemap", "value", "viewbox", "width", "xmlns",
            "data-ty", "data-title", "data-value", "data-url", "data-toggle", "data-target",
            "data-id", "data-src",
        ];
        NAMES
            .iter()
            .filter_map(|name| Some((packed(name.as_bytes())?, *name)))
            .collect()
    });

/// One attribute as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute<'t> {
    /// Lowercase name.
    pub name: Name,
    /// Byte range of the name.
    pub name_span: Range<usize>,
    /// Value with character references decoded (empty for a bare attribute): borrowed from the
    /// scanned text unless decoding changed it (an allocation per value was 3% of all time).
    pub value: Cow<'t, str>,
    /// Byte range of the value as written (inside the quotes); `None` when the attribute has no
    /// value or an empty one.
    pub value_span: Option<Range<usize>>,
}

impl Attribute<'_> {
    /// The span to point at: the value when there is one, else the name.
    pub(crate) fn span(&self) -> Range<usize> {
        self.value_span.clone().unwrap_or(self.name_span.clone())
    }
}

/// One start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element<'t> {
    /// Lowercase tag name.
    pub name: Name,
    /// Byte range of `<name`.
    pub span: Range<usize>,
    /// Attributes in source order; the first of duplicate names wins, as in browsers.
    pub attributes: Vec<Attribute<'t>>,
    /// Inside `<svg>` or `<math>`: attribute tables of HTML do not apply.
    pub foreign: bool,
    /// Inside `<template>`: inert content, whose ids are no fragment targets.
    pub in_template: bool,
}

impl<'t> Element<'t> {
    /// The attribute named `name` (lowercase), if present.
    pub(crate) fn attribute(&self, name: &str) -> Option<&Attribute<'t>> {
        self.attributes.iter().find(|a| a.name == name)
    }

    /// The value of attribute `name`, if present.
    pub(crate) fn value(&self, name: &str) -> Option<&str> {
        self.attribute(name).map(|a| &*a.value)
    }
}

/// Text content of a `<style>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StyleText {
    pub text: String,
    pub span: Range<usize>,
}

/// A comment: its text (between `<!--` and `-->`) and the byte range of the whole comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    pub text: String,
    pub span: Range<usize>,
}

/// What a scan of one HTML text yields.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scan<'t> {
    pub elements: Vec<Element<'t>>,
    pub styles: Vec<StyleText>,
    /// Comments, for suppression directives.
    pub comments: Vec<Comment>,
    /// Byte ranges of elements carrying `data-proofer-ignore`, from `<` to the end of the end
    /// tag (or of the start tag for void elements).
    pub ignored: Vec<Range<usize>>,
    /// The token stream in document order (start tags by index into `elements`, end tags,
    /// text), each at the offset where it starts, from which the accessibility rules build a
    /// page's tree. Made in the form the tree takes (no copy of a large page's tokens).
    pub events: Vec<(usize, Token<'t>)>,
}

/// One token of the stream the accessibility rules read, at a byte offset of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'t> {
    /// A start tag: index into the elements, whether it was written `<x/>`, and the offset
    /// after its `>`.
    Open(usize, bool, usize),
    /// Output sitelint cannot decide (Liquid), written here (never made by [`scan`]).
    Unknown,
    /// An end tag: its lowercase name (empty: the end of a Markdown element).
    Close(Name),
    /// Text, character references decoded (borrowed from the scanned text when that is the
    /// same). Runs are merged.
    Text(Cow<'t, str>),
}

/// Elements that never have content or an end tag (HTML Standard, 13.1.2 "Void elements"),
/// plus the obsolete `param` and `keygen`, which browsers still parse as void.
pub(crate) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
    )
}

/// The attribute html-proofer and htmltest skip elements by.
const IGNORE_ATTRIBUTE: &str = "data-proofer-ignore";

struct Collector<'a, 't> {
    scan: &'a mut Scan<'t>,
    /// Nesting depth of `<svg>`/`<math>`.
    foreign_depth: usize,
    /// Element under construction (between `<name` and `>`).
    current: Option<Element<'t>>,
    /// Its attributes so far: moved into an exactly sized vector at the tag's `>` (a vector
    /// grown by pushes holds room for four; a rustdoc source page has 24,000 spans with one).
    attributes: Vec<Attribute<'t>>,
    /// Raw-text state to enter after the current start tag, decided at its close.
    next_state: Option<Content>,
    /// Set while inside `<style>` (HTML namespace) to capture its text.
    in_style: bool,
    /// Nesting depth of `<template>`.
    template_depth: usize,
    /// Where the last text token ends, to merge a run of text into one token.
    text_end: usize,
    /// Open `data-proofer-ignore` elements: name, start offset, and how many elements of the
    /// same name are open inside it. Matching end tags by name is not the full tree
    /// construction algorithm, but agrees with it for elements whose end tag is written; an
    /// element whose end tag is omitted ends where an enclosing ignored element ends. Nothing
    /// is tracked (nor allocated) while no ignored element is open.
    open: &'a mut Vec<(String, usize, usize)>,
    /// The text scanned (read by the test oracle only).
    #[cfg(test)]
    source: &'a str,
}

fn as_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    // The tokenizer runs over a &str, so names and values are valid UTF-8 (`from_utf8` checks
    // that faster than the lossy conversion, which stays as the fallback instead of an unwrap).
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

impl<'a, 't> Collector<'a, 't> {
    fn new(scan: &'a mut Scan<'t>, open: &'a mut Vec<(String, usize, usize)>) -> Self {
        Collector {
            scan,
            foreign_depth: 0,
            current: None,
            attributes: Vec::new(),
            next_state: None,
            in_style: false,
            template_depth: 0,
            text_end: usize::MAX,
            open,
            #[cfg(test)]
            source: "",
        }
    }

    /// Track a start tag ending at `tag_end`, for the extent of `data-proofer-ignore` elements.
    fn opened(&mut self, element: &Element, self_closing: bool, tag_end: usize) {
        let void = is_void(&element.name) || (self_closing && element.foreign);
        if void {
            if element.attribute(IGNORE_ATTRIBUTE).is_some() {
                self.scan.ignored.push(element.span.start..tag_end);
            }
            return;
        }
        for (name, _, depth) in self.open.iter_mut() {
            if *name == *element.name {
                *depth += 1;
            }
        }
        if element.attribute(IGNORE_ATTRIBUTE).is_some() {
            // The element's span starts at its `<`.
            self.open
                .push((element.name.to_string(), element.span.start, 0));
        }
    }

    /// An end tag ending at `tag_end` closes the innermost open ignored element of its name
    /// (unless a same-name element inside it is still open) and every ignored element opened
    /// inside that one; a stray end tag closes nothing.
    fn closed(&mut self, name: &[u8], tag_end: usize) {
        if self.open.is_empty() {
            return;
        }
        let mut closes = None;
        for (index, (open_name, _, depth)) in self.open.iter_mut().enumerate().rev() {
            if open_name.as_bytes().eq_ignore_ascii_case(name) {
                if *depth == 0 {
                    closes = Some(index);
                    break;
                }
                *depth -= 1;
            }
        }
        if let Some(index) = closes {
            for (_, start, _) in self.open.drain(index..) {
                self.scan.ignored.push(start..tag_end);
            }
        }
    }
}

impl<'t> Sink<'t> for Collector<'_, 't> {
    fn content_after_start_tag(&mut self) -> Option<Content> {
        self.next_state.take()
    }

    fn in_foreign_content(&self) -> bool {
        self.foreign_depth > 0
    }

    #[allow(clippy::too_many_lines)] // One match over the tokenizer's events.
    fn event(&mut self, event: Event<'t>, span: Range<usize>) {
        match event {
            Event::OpenStartTag { name } => {
                self.attributes.clear();
                self.current = Some(Element {
                    name,
                    span,
                    attributes: Vec::new(),
                    foreign: self.foreign_depth > 0,
                    in_template: self.template_depth > 0,
                });
            }
            Event::AttributeName { name } => {
                if self.current.is_some() {
                    // Duplicate attributes: the first wins (HTML tokenizer spec); keep the later
                    // one out so no rule reports it twice.
                    let name = if self.attributes.iter().all(|a| a.name != name) {
                        name
                    } else {
                        Name::default()
                    };
                    self.attributes.push(Attribute {
                        name,
                        name_span: span,
                        value: Cow::Borrowed(""),
                        value_span: None,
                    });
                }
            }
            Event::AttributeValue { value } => {
                if let Some(attribute) = self
                    .attributes
                    .last_mut()
                    .filter(|_| self.current.is_some())
                {
                    attribute.value = value;
                    attribute.value_span = Some(span);
                }
            }
            Event::CloseStartTag { self_closing } => {
                if let Some(mut element) = self.current.take() {
                    self.attributes.retain(|a| !a.name.is_empty());
                    element.attributes = self.attributes.drain(..).collect();
                    self.next_state = None;
                    if self.foreign_depth > 0 {
                        if (element.name == "svg" || element.name == "math") && !self_closing {
                            self.foreign_depth += 1;
                        }
                    } else {
                        match element.name.as_str() {
                            "svg" | "math" if !self_closing => self.foreign_depth = 1,
                            "textarea" | "title" => self.next_state = Some(Content::RcData),
                            "script" => self.next_state = Some(Content::ScriptData),
                            "style" => {
                                self.next_state = Some(Content::RawText);
                                self.in_style = true;
                            }
                            // With scripting enabled (as in every browser a reader uses),
                            // noscript content is raw text; so are these legacy elements.
                            "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                                self.next_state = Some(Content::RawText);
                            }
                            "plaintext" => self.next_state = Some(Content::PlainText),
                            "template" if !self_closing => self.template_depth += 1,
                            _ => {}
                        }
                    }
                    self.opened(&element, self_closing, span.end);
                    self.scan.events.push((
                        element.span.start,
                        Token::Open(self.scan.elements.len(), self_closing, span.end),
                    ));
                    self.scan.elements.push(element);
                }
            }
            Event::EndTag { name } => {
                self.closed(name.as_bytes(), span.end);
                self.current = None;
                self.in_style = false;
                if self.foreign_depth > 0 && (name == "svg" || name == "math") {
                    self.foreign_depth -= 1;
                }
                if self.foreign_depth == 0 && name == "template" {
                    self.template_depth = self.template_depth.saturating_sub(1);
                }
                self.scan.events.push((span.start, Token::Close(name)));
            }
            Event::String { value } => {
                if self.in_style {
                    self.scan.styles.push(StyleText {
                        text: value.to_string(),
                        span: span.clone(),
                    });
                }
                if let Some((_, Token::Text(text))) = self.scan.events.last_mut() {
                    if self.text_end == span.start {
                        text.to_mut().push_str(&value);
                        self.text_end = span.end;
                        return;
                    }
                }
                self.text_end = span.end;
                self.scan.events.push((span.start, Token::Text(value)));
            }
            Event::Comment { value } => {
                self.scan.comments.push(Comment {
                    text: value.into_owned(),
                    span,
                });
            }
        }
    }
}

/// Scan `text` (already masked of Liquid and front matter) for start tags and style text.
pub(crate) fn scan(text: &str) -> Scan<'_> {
    // Room for the tokens at once: every tag starts with `<` (a start and an end tag per
    // element, text between), where growing by doubling copied a large page's tokens up to
    // ten times (4% of all instructions on rustdoc pages).
    let tags = memchr::memchr_iter(b'<', text.as_bytes()).count();
    let mut scan = Scan {
        // Start tags: half the tags, and some more for void elements (`<img>`, `<br>`) without
        // an end tag (half exactly made most rustdoc pages copy their elements once).
        elements: Vec::with_capacity(tags / 2 + tags / 8 + 1),
        // At most one tag token per `<` and one text token after each (runs are merged):
        // growing past a smaller guess copied large pages' tokens (1% of all instructions).
        events: Vec::with_capacity(2 * tags + 1),
        ..Scan::default()
    };
    let mut open = Vec::new();
    let mut collector = Collector::new(&mut scan, &mut open);
    super::tokenizer::tokenize(text, &mut collector);
    finish(&mut scan, open, text.len());
    scan
}

/// Ignored elements still open at the end of the text end there.
fn finish(scan: &mut Scan<'_>, open: Vec<(String, usize, usize)>, end: usize) {
    for (_, start, _) in open {
        scan.ignored.push(start..end);
    }
    scan.ignored.sort_by_key(|r| r.start);
}

/// html5gum driven through its callback emitter into the same collector: the tokenizer this
/// crate used before its own, kept to compare the two.
#[cfg(test)]
pub(crate) mod oracle {
    use super::{Collector, Content, Event, Name, Scan, Sink};
    use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
    use html5gum::{Emitter, ForwardingEmitter, Span, State, Tokenizer};
    use std::borrow::Cow;
    use std::convert::Infallible;

    struct Adapter<'a>(Collector<'a, 'static>);

    fn text(bytes: &[u8]) -> Cow<'static, str> {
        Cow::Owned(String::from_utf8_lossy(bytes).into_owned())
    }

    impl Callback<Infallible, usize> for Adapter<'_> {
        fn handle_event(
            &mut self,
            event: CallbackEvent<'_>,
            span: Span<usize>,
        ) -> Option<Infallible> {
            let mut range = span.start..span.end;
            let event = match event {
                CallbackEvent::OpenStartTag { name } => {
                    // html5gum's span of `<name` runs on to the first attribute or the `>`.
                    while range.end > range.start + 1
                        && matches!(
                            self.0.source.as_bytes()[range.end - 1],
                            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'/'
                        )
                    {
                        range.end -= 1;
                    }
                    Event::OpenStartTag {
                        name: Name::of(name),
                    }
                }
                CallbackEvent::AttributeName { name } => Event::AttributeName {
                    name: Name::of(name),
                },
                CallbackEvent::AttributeValue { value } => {
                    Event::AttributeValue { value: text(value) }
                }
                CallbackEvent::CloseStartTag { self_closing } => {
                    Event::CloseStartTag { self_closing }
                }
                CallbackEvent::EndTag { name } => Event::EndTag {
                    name: Name::of(name),
                },
                CallbackEvent::String { value } => Event::String { value: text(value) },
                CallbackEvent::Comment { value } => Event::Comment { value: text(value) },
                CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => return None,
            };
            self.0.event(event, range);
            None
        }
    }

    struct ScanEmitter<'a> {
        inner: CallbackEmitter<Adapter<'a>, Infallible, usize>,
    }

    impl ForwardingEmitter for ScanEmitter<'_> {
        type Token = Infallible;

        fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
            &mut self.inner
        }

        fn emit_current_tag(&mut self) -> Option<State> {
            let _ = self.inner.emit_current_tag();
            let next = self
                .inner
                .callback_mut()
                .0
                .content_after_start_tag()
                .map(|c| match c {
                    Content::RcData => State::RcData,
                    Content::RawText => State::RawText,
                    Content::ScriptData => State::ScriptData,
                    Content::PlainText => State::PlainText,
                });
            if next.is_some() {
                self.inner.init_string();
            }
            next
        }

        fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
            self.inner.callback_mut().0.in_foreign_content()
        }

        fn should_emit_errors(&mut self) -> bool {
            false
        }
    }

    /// [`super::scan`] with html5gum as the tokenizer.
    pub(crate) fn scan(text: &str) -> Scan<'_> {
        let mut scan = Scan::default();
        let mut open = Vec::new();
        let mut collector = Collector::new(&mut scan, &mut open);
        collector.source = text;
        let emitter = ScanEmitter {
            inner: CallbackEmitter::new(Adapter(collector)),
        };
        let _ = Tokenizer::new_with_emitter(text, emitter).finish();
        super::finish(&mut scan, open, text.len());
        scan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_have_exact_spans_and_are_decoded() {
        let text = r#"<a HREF="a&amp;b.html" target=_blank alt=""><img src='x.png' alt></a>"#;
        let scan = scan(text);
        assert_eq!(scan.elements.len(), 2);
        let a = &scan.elements[0];
        assert_eq!(a.name, "a");
        let href = a.attribute("href").unwrap();
        assert_eq!(href.value, "a&b.html");
        assert_eq!(&text[href.value_span.clone().unwrap()], "a&amp;b.html");
        assert_eq!(&text[href.name_span.clone()], "HREF");
        let target = a.attribute("target").unwrap();
        assert_eq!(&text[target.value_span.clone().unwrap()], "_blank");
        let alt = a.attribute("alt").unwrap();
        assert_eq!(alt.value, "");
        assert_eq!(alt.value_span, None);
        let img = &scan.elements[1];
        assert_eq!(img.value("alt"), Some(""));
        assert_eq!(&text[img.attribute("src").unwrap().span()], "x.png");
    }

    #[test]
    fn script_style_and_comments_are_not_markup() {
        let text = "<script>var a = '<a href=\"x\">';</script><!-- <a href=y> -->\
                    <style>a { background: url(z.png) }</style><textarea><img src=q></textarea>";
        let scan = scan(text);
        let names: Vec<_> = scan.elements.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["script", "style", "textarea"]);
        assert_eq!(scan.styles.len(), 1);
        assert_eq!(
            &text[scan.styles[0].span.clone()],
            "a { background: url(z.png) }"
        );
    }

    #[test]
    fn svg_title_is_not_raw_text() {
        let text = "<svg><title>T</title><a href=in-svg /></svg><p title=x>";
        let scan = scan(text);
        let svg_a = scan.elements.iter().find(|e| e.name == "a").unwrap();
        assert!(svg_a.foreign);
        let p = scan.elements.iter().find(|e| e.name == "p").unwrap();
        assert!(!p.foreign);
    }

    #[test]
    fn comments_have_spans_of_the_whole_comment() {
        let text = "<p>a<!-- sitelint-disable IMG001 --></p>";
        let scan = scan(text);
        assert_eq!(scan.comments.len(), 1);
        assert_eq!(scan.comments[0].text, " sitelint-disable IMG001 ");
        assert_eq!(
            &text[scan.comments[0].span.clone()],
            "<!-- sitelint-disable IMG001 -->"
        );
    }

    #[test]
    fn ignored_elements_span_to_their_end_tag_or_the_end_of_text() {
        // Nested same-name elements, a void element, a list whose items omit their end tags,
        // and an element never closed.
        let text = "<div data-proofer-ignore><div><a href=x>y</a></div></div>\
                    <img data-proofer-ignore src=z><ul data-proofer-ignore><li>a<li>b</ul>\
                    <p>after</p><i data-proofer-ignore>rest";
        let scan = scan(text);
        let ranges: Vec<&str> = scan.ignored.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            ranges,
            [
                "<div data-proofer-ignore><div><a href=x>y</a></div></div>",
                "<img data-proofer-ignore src=z>",
                "<ul data-proofer-ignore><li>a<li>b</ul>",
                "<i data-proofer-ignore>rest",
            ]
        );
    }

    #[test]
    fn an_ignored_obsolete_void_element_ends_at_its_tag() {
        let text = "<param data-proofer-ignore name=a><a href=x>y</a>";
        let scan = scan(text);
        let ranges: Vec<&str> = scan.ignored.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(ranges, ["<param data-proofer-ignore name=a>"]);
    }

    #[test]
    fn a_start_tag_span_is_exactly_its_name() {
        // Not the space or slash after it (html5gum's span ran on to the first attribute).
        let text = "<A\n  HREF=x><br/><img  src=y >";
        let scan = scan(text);
        let spans: Vec<&str> = scan
            .elements
            .iter()
            .map(|e| &text[e.span.clone()])
            .collect();
        assert_eq!(spans, ["<A", "<br", "<img"]);
    }

    #[test]
    fn duplicate_attribute_first_wins() {
        let scan = scan("<a href=one href=two>");
        let a = &scan.elements[0];
        assert_eq!(a.attributes.len(), 1);
        assert_eq!(a.value("href"), Some("one"));
    }
}
