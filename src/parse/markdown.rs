//! Markdown: links, images and autolinks with the byte span of their destination, and the
//! ranges that are code (so nothing inside them is read as a link or as HTML).
//!
//! pulldown-cmark gives byte ranges of whole links; the span of the destination itself is found
//! by scanning the link's source text, which pulldown-cmark does not expose.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// A Markdown link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarkdownLink {
    /// True for `![alt](src)`.
    pub image: bool,
    /// The destination as Markdown defines it (escapes and entities resolved).
    pub destination: String,
    /// Byte range of the destination as written (at the reference definition for reference links).
    pub span: Range<usize>,
}

/// A Markdown heading (ATX or setext), with what the id generators need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Byte range of the whole heading.
    pub span: Range<usize>,
    /// Text as kramdown's GFM parser and GitHub see it: text and code spans, no markup.
    pub text: String,
    /// The heading's Markdown source line (for kramdown's own parser, which slugs the source).
    pub source: String,
    /// An explicit `{#id}`, with its byte range.
    pub explicit: Option<(String, Range<usize>)>,
}

/// What the Markdown pass yields.
#[derive(Debug, Default)]
pub(crate) struct MarkdownScan {
    pub links: Vec<MarkdownLink>,
    pub headings: Vec<Heading>,
    /// Ranges to hide from the HTML scan: code, link destinations, autolinks, reference definitions.
    pub hidden: Vec<Range<usize>>,
    /// The elements Markdown syntax makes (headings, links, images, lists) and its text, in
    /// document order, for the accessibility rules; raw HTML is not in it (see `html`).
    pub events: Vec<MarkdownEvent>,
    /// Byte ranges of raw HTML (blocks and inline tags): text inside them is HTML text.
    pub html: Vec<Range<usize>>,
    /// kramdown inline attribute lists right after a link or image
    /// (`[x](y){:target="_blank"}`), as the elements they add attributes to, with exact spans.
    pub attribute_lists: Vec<crate::parse::html::Element<'static>>,
}

/// A kramdown span IAL (`{:target="_blank" .class #id}`) starting at `start`: its `key="value"`
/// (or `'value'`) pairs with the spans of names and values. kramdown's attribute list syntax
/// is small, and no crate parses it.
fn attribute_list(
    bytes: &[u8],
    start: usize,
    element: &str,
) -> Option<crate::parse::html::Element<'static>> {
    use crate::parse::html::{Attribute, Element};
    if !bytes[start..].starts_with(b"{:") {
        return None;
    }
    let end = start + memchr::memchr2(b'}', b'\n', &bytes[start..])?;
    if bytes[end] != b'}' {
        return None;
    }
    let mut attributes = Vec::new();
    let mut position = start + 2;
    while position < end {
        let name_start = position;
        while position < end
            && (bytes[position].is_ascii_alphanumeric()
                || matches!(bytes[position], b'-' | b'_' | b':'))
        {
            position += 1;
        }
        if position > name_start && position < end && bytes[position] == b'=' {
            let name_span = name_start..position;
            let quote = bytes.get(position + 1).copied();
            if matches!(quote, Some(b'"' | b'\'')) {
                let value_start = position + 2;
                let close = memchr::memchr(quote?, &bytes[value_start..end])? + value_start;
                attributes.push(Attribute {
                    name: String::from_utf8_lossy(&bytes[name_span.clone()])
                        .to_ascii_lowercase()
                        .into(),
                    name_span,
                    value: String::from_utf8_lossy(&bytes[value_start..close])
                        .into_owned()
                        .into(),
                    value_span: (close > value_start).then_some(value_start..close),
                });
                position = close + 1;
                continue;
            }
        }
        position = position.max(name_start + 1);
    }
    (!attributes.is_empty()).then(|| Element {
        name: element.to_string().into(),
        span: start..start + 2,
        attributes,
        foreign: false,
        in_template: false,
    })
}

/// An element made by Markdown syntax, or its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MarkdownEvent {
    /// `name` (`h2`, `a`, `img`, `ul`, `ol`, `li`) with its attributes (`href`, `src`, `alt`)
    /// starting at `span.start`; `span` is the whole construct.
    Open {
        name: &'static str,
        attributes: Vec<(&'static str, String)>,
        span: Range<usize>,
    },
    /// The end of the innermost open element, at this offset.
    Close(usize),
    /// Text (and code spans) as Markdown renders it.
    Text(String, Range<usize>),
}

struct Frame {
    start: usize,
    inner_end: usize,
}

/// Skip spaces, tabs and at most one newline (`CommonMark` allows the destination on the next line).
fn skip_whitespace(bytes: &[u8], mut position: usize) -> usize {
    while position < bytes.len() && matches!(bytes[position], b' ' | b'\t' | b'\n' | b'\r') {
        position += 1;
    }
    position
}

/// Span of a link destination starting at `position` (after `](` or `]:` and whitespace).
fn destination_span(bytes: &[u8], position: usize, limit: usize) -> Range<usize> {
    let limit = limit.min(bytes.len());
    let start = skip_whitespace(bytes, position).min(limit);
    if bytes.get(start) == Some(&b'<') {
        let mut end = start + 1;
        while end < limit && bytes[end] != b'>' && bytes[end] != b'\n' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        return start + 1..end.min(limit);
    }
    let mut depth = 0usize;
    let mut end = start;
    while end < limit {
        match bytes[end] {
            b'\\' => end += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b' ' | b'\t' | b'\n' | b'\r' => break,
            _ => {}
        }
        end += 1;
    }
    start..end.min(limit)
}

/// Elements that start an HTML block in kramdown when their start tag opens a line.
const KRAMDOWN_BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "audio",
    "blockquote",
    "body",
    "canvas",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "li",
    "main",
    "map",
    "math",
    "menu",
    "nav",
    "noscript",
    "object",
    "ol",
    "p",
    "pre",
    "section",
    "script",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
];

/// The tag name at `position` (just after `<` or `</`), lowercase, and where it ends.
fn tag_name(bytes: &[u8], position: usize) -> (String, usize) {
    let mut end = position;
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-') {
        end += 1;
    }
    (
        String::from_utf8_lossy(&bytes[position..end]).to_ascii_lowercase(),
        end,
    )
}

/// The offset after the end tag that closes the `name` element whose start tag is at `start`
/// (same-name elements nested inside counted; comments skipped).
fn matching_end(bytes: &[u8], start: usize, name: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut position = start;
    while let Some(found) = memchr::memchr(b'<', &bytes[position..]) {
        let at = position + found;
        if bytes[at..].starts_with(b"<!--") {
            position = memchr::memmem::find(&bytes[at + 4..], b"-->").map(|e| at + 4 + e + 3)?;
            continue;
        }
        let closing = bytes.get(at + 1) == Some(&b'/');
        let (tag, after) = tag_name(bytes, at + 1 + usize::from(closing));
        position = after.max(at + 1);
        if tag != name {
            continue;
        }
        if closing {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                let close =
                    memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |e| after + e + 1);
                return Some(close);
            }
        } else {
            depth += 1;
        }
    }
    None
}

/// HTML blocks as kramdown (Jekyll's Markdown engine) reads them: a line that starts with the
/// start tag of a block-level element opens a block that runs to the line of its matching end
/// tag, blank lines and indented lines included. `CommonMark` ends such a block at the first blank
/// line and reads what follows as Markdown, so tab-indented HTML after a blank line becomes a
/// code block; kramdown keeps it HTML. Written by hand: no Rust crate parses kramdown.
///
/// An element with `markdown="1"` has its content parsed as Markdown: only the lines of its
/// start and end tags are HTML then.
pub(crate) fn kramdown_html_blocks(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut blocks = Vec::new();
    let line_of = |offset: usize| {
        let start = bytes[..offset.min(bytes.len())]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[offset.min(bytes.len())..])
            .map_or(bytes.len(), |i| offset + i + 1);
        start..end
    };
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |i| line_start + i + 1);
        let mut position = line_start;
        while position < line_end && position - line_start < 3 && bytes[position] == b' ' {
            position += 1;
        }
        if bytes.get(position) == Some(&b'<') {
            let (name, _) = tag_name(bytes, position + 1);
            let tag_end =
                memchr::memchr(b'>', &bytes[position..]).map_or(bytes.len(), |e| position + e);
            // `markdown="1"` (or `block`, `span`) asks kramdown to parse the content as Markdown.
            let parsed = memchr::memmem::find(&bytes[position..tag_end], b"markdown=").is_some();
            if parsed && KRAMDOWN_BLOCK_ELEMENTS.contains(&name.as_str()) {
                if let Some(end) = matching_end(bytes, position, &name) {
                    let close = bytes[..end].iter().rposition(|&b| b == b'<').unwrap_or(end);
                    blocks.push(line_start..line_end);
                    let close_line = line_of(close);
                    if close_line.start >= line_end {
                        blocks.push(close_line);
                    }
                }
            } else if KRAMDOWN_BLOCK_ELEMENTS.contains(&name.as_str()) {
                // No end tag: kramdown warns ("Found no end tag") and the block runs to the
                // end of the text.
                let end = if name == "hr" {
                    Some(line_end)
                } else {
                    Some(matching_end(bytes, position, &name).unwrap_or(bytes.len()))
                };
                if let Some(end) = end {
                    let block_end = memchr::memchr(b'\n', &bytes[end.min(bytes.len())..])
                        .map_or(bytes.len(), |i| end + i + 1);
                    blocks.push(line_start..block_end);
                    line_start = block_end;
                    continue;
                }
            }
        }
        line_start = line_end;
    }
    blocks
}

/// Scan Markdown `text` (front matter and Liquid already masked). With `kramdown`, HTML
/// blocks are delimited as kramdown does (see [`kramdown_html_blocks`]).
pub(crate) fn scan(text: &str, kramdown: bool) -> MarkdownScan {
    if kramdown {
        let blocks = kramdown_html_blocks(text);
        if !blocks.is_empty() {
            // CommonMark never sees kramdown's HTML blocks: blanked (offsets kept), their
            // content is HTML for the HTML scan.
            let blanked = hide(text, &blocks);
            let mut result = scan_commonmark(&blanked);
            result.html.extend(blocks);
            result.html.sort_by_key(|r| r.start);
            // Blocks and CommonMark's inline HTML may overlap: keep the ranges disjoint.
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(result.html.len());
            for range in std::mem::take(&mut result.html) {
                match merged.last_mut() {
                    Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                    _ => merged.push(range),
                }
            }
            result.html = merged;
            return result;
        }
    }
    scan_commonmark(text)
}

#[allow(clippy::too_many_lines)] // One event loop; the link-type cases read best together.
fn scan_commonmark(text: &str) -> MarkdownScan {
    let bytes = text.as_bytes();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_ext(text, options);
    let mut result = MarkdownScan::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut iter = parser.into_offset_iter();
    // Reference definitions: hide them from the HTML scan; remember destination spans.
    let mut definitions: Vec<(String, Range<usize>)> = Vec::new();
    for (label, definition) in iter.reference_definitions().iter() {
        let span = &definition.span;
        let colon = memchr::memmem::find(&bytes[span.clone()], b"]:")
            .map_or(span.start, |i| i + span.start + 2);
        definitions.push((label.to_string(), destination_span(bytes, colon, span.end)));
        result.hidden.push(span.clone());
    }
    let definition_span = |id: &str| -> Option<Range<usize>> {
        let id = id.to_lowercase();
        definitions
            .iter()
            .find(|(label, _)| label.to_lowercase() == id)
            .map(|(_, span)| span.clone())
    };
    let mut pending: Vec<(bool, LinkType, String, String)> = Vec::new();
    let mut heading: Option<Heading> = None;
    // Open images (index of their `Open` event): their text is their `alt`.
    let mut images: Vec<usize> = Vec::new();
    for (event, range) in &mut iter {
        markdown_event(&event, &range, &mut images, &mut result);
        if let Some(open) = &mut heading {
            match &event {
                Event::Text(text) | Event::Code(text) => open.text.push_str(text),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(done) = heading.take() {
                        result.headings.push(done);
                    }
                }
                _ => {}
            }
        }
        if let Event::Start(Tag::Heading { .. }) = &event {
            let line_end = text[range.start..range.end]
                .find('\n')
                .map_or(range.end, |n| range.start + n);
            let line = &text[range.start..line_end];
            let explicit = crate::parse::slug::explicit_id(line.trim_end())
                .map(|(id, r)| (id, r.start + range.start..r.end + range.start));
            let source = crate::parse::slug::strip_explicit_id(line.trim_end());
            let source = source.trim_start_matches(['#', ' ', '\t']);
            let source = source.trim_end_matches([' ', '\t']);
            let source = source.trim_end_matches('#').trim_end().to_string();
            heading = Some(Heading {
                span: range.clone(),
                text: String::new(),
                source,
                explicit,
            });
        }
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                frames.push(Frame {
                    start: range.start,
                    inner_end: range.start + 1,
                });
                pending.push((false, link_type, dest_url.to_string(), id.to_string()));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                frames.push(Frame {
                    start: range.start,
                    inner_end: range.start + 2,
                });
                pending.push((true, link_type, dest_url.to_string(), id.to_string()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let (Some(frame), Some((image, link_type, destination, id))) =
                    (frames.pop(), pending.pop())
                else {
                    continue;
                };
                if let Some(list) =
                    attribute_list(bytes, range.end, if image { "img" } else { "a" })
                {
                    result.attribute_lists.push(list);
                }
                if let Some(parent) = frames.last_mut() {
                    parent.inner_end = range.end;
                }
                let span = match link_type {
                    LinkType::Inline => {
                        let from = frame.inner_end.max(frame.start);
                        let Some(bracket) =
                            memchr::memmem::find(&bytes[from..range.end], b"](").map(|i| i + from)
                        else {
                            continue;
                        };
                        let span = destination_span(bytes, bracket + 2, range.end);
                        result.hidden.push(bracket + 1..range.end);
                        span
                    }
                    LinkType::Reference
                    | LinkType::Collapsed
                    | LinkType::Shortcut
                    | LinkType::ReferenceUnknown
                    | LinkType::CollapsedUnknown
                    | LinkType::ShortcutUnknown => {
                        let Some(span) = definition_span(&id) else {
                            continue;
                        };
                        span
                    }
                    LinkType::Autolink | LinkType::Email => {
                        result.hidden.push(range.clone());
                        range.start + 1..range.end.saturating_sub(1)
                    }
                    LinkType::WikiLink { .. } => continue,
                };
                result.links.push(MarkdownLink {
                    image,
                    destination,
                    span,
                });
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => {
                result.hidden.push(range.clone());
                if let Some(frame) = frames.last_mut() {
                    frame.inner_end = range.end;
                }
            }
            _ => {
                if let Some(frame) = frames.last_mut() {
                    if !matches!(event, Event::Start(_)) {
                        frame.inner_end = frame.inner_end.max(range.end);
                    }
                }
            }
        }
    }
    // A reference definition used twice is one place to fix: report it once.
    result.links.sort_by_key(|l| (l.span.start, l.image));
    result
        .links
        .dedup_by(|a, b| a.span == b.span && a.image == b.image);
    result
}

/// Record what an event means for the accessibility rules' view of the page.
fn markdown_event(
    event: &Event<'_>,
    range: &Range<usize>,
    images: &mut Vec<usize>,
    result: &mut MarkdownScan,
) {
    let open = |name: &'static str, attributes: Vec<(&'static str, String)>| MarkdownEvent::Open {
        name,
        attributes,
        span: range.clone(),
    };
    let pushed = match event {
        Event::Start(Tag::Heading { level, .. }) => {
            const NAMES: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];
            open(NAMES[*level as usize - 1], Vec::new())
        }
        Event::Start(Tag::Link { dest_url, .. }) => open("a", vec![("href", dest_url.to_string())]),
        Event::Start(Tag::Image { dest_url, .. }) => {
            images.push(result.events.len());
            open(
                "img",
                vec![("src", dest_url.to_string()), ("alt", String::new())],
            )
        }
        Event::Start(Tag::List(first)) => {
            open(if first.is_some() { "ol" } else { "ul" }, Vec::new())
        }
        Event::Start(Tag::Item) => open("li", Vec::new()),
        Event::End(TagEnd::Image) => {
            images.pop();
            MarkdownEvent::Close(range.end)
        }
        Event::End(TagEnd::Heading(_) | TagEnd::Link | TagEnd::List(_) | TagEnd::Item) => {
            MarkdownEvent::Close(range.end)
        }
        Event::Text(text) | Event::Code(text) => {
            if let Some(&image) = images.last() {
                if let Some(MarkdownEvent::Open { attributes, .. }) = result.events.get_mut(image) {
                    if let Some((_, alt)) = attributes.iter_mut().find(|(n, _)| *n == "alt") {
                        alt.push_str(text);
                    }
                }
                return;
            }
            MarkdownEvent::Text(text.to_string(), range.clone())
        }
        Event::Html(_) | Event::InlineHtml(_) => {
            result.html.push(range.clone());
            return;
        }
        _ => return,
    };
    result.events.push(pushed);
}

/// Copy of `text` with `hidden` ranges blanked (newlines kept), for the HTML scan.
pub(crate) fn hide(text: &str, hidden: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for range in hidden {
        let range = range.start.min(bytes.len())..range.end.min(bytes.len());
        for byte in &mut bytes[range] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Blanking whole ranges may cut a multi-byte character at a range edge only if a range edge
    // falls inside one, which pulldown-cmark's ranges never do; stay panic-free anyway.
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(bool, String, String)> {
        scan(text, false)
            .links
            .into_iter()
            .map(|l| (l.image, l.destination, text[l.span].to_string()))
            .collect()
    }

    #[test]
    fn inline_reference_and_autolinks() {
        let text = "See [a *b*](x.html \"t\") and ![img](<p q.png>) [r][ref] <https://e.com>.\n\n[ref]: ./r.md\n";
        assert_eq!(
            spans(text),
            [
                (false, "x.html".into(), "x.html".into()),
                (true, "p q.png".into(), "p q.png".into()),
                (false, "https://e.com".into(), "https://e.com".into()),
                (false, "./r.md".into(), "./r.md".into()),
            ]
        );
    }

    #[test]
    fn nested_image_in_link_and_parens_in_destination() {
        let text = "[![alt](i.png)](a_(b).html)";
        assert_eq!(
            spans(text),
            [
                (true, "i.png".into(), "i.png".into()),
                (false, "a_(b).html".into(), "a_(b).html".into()),
            ]
        );
    }

    #[test]
    fn code_is_hidden() {
        let text = "`[x](y)` and\n\n```\n<a href=z>\n```\n";
        let scan = scan(text, false);
        assert!(scan.links.is_empty());
        let hidden = hide(text, &scan.hidden);
        assert!(!hidden.contains("href"));
        assert_eq!(hidden.len(), text.len());
    }

    #[test]
    fn kramdown_html_blocks_run_to_the_matching_end_tag() {
        // A blank line and tab-indented HTML inside a block: kramdown keeps it HTML, where
        // CommonMark would end the block and read an indented code block.
        let text = "<div class=\"row\">\n\t<div>\n\n\t\t<a href=\"x.html\">x</a>\n\t</div>\n</div>\n\n[md](y.html)\n<div markdown=\"1\">\n[in](z.html)\n</div>\n";
        let blocks = kramdown_html_blocks(text);
        assert_eq!(blocks.len(), 3);
        assert_eq!(&text[blocks[1].clone()], "<div markdown=\"1\">\n");
        assert_eq!(&text[blocks[2].clone()], "</div>\n");
        assert_eq!(
            &text[blocks[0].clone()],
            "<div class=\"row\">\n\t<div>\n\n\t\t<a href=\"x.html\">x</a>\n\t</div>\n</div>\n"
        );
        let scan = scan(text, true);
        let destinations: Vec<&str> = scan.links.iter().map(|l| l.destination.as_str()).collect();
        assert_eq!(destinations, ["y.html", "z.html"]);
        // Nothing of the block is hidden from the HTML scan as code.
        assert!(scan.hidden.iter().all(|r| r.start >= blocks[0].end));
        // An element never closed runs to the end of the text, as in kramdown.
        let unclosed = "<div>\n\n\t<a href=\"x.html\">x</a>\n\n[not](md.html)\n";
        assert_eq!(kramdown_html_blocks(unclosed), vec![0..unclosed.len()]);
        // CommonMark's reading differs: the indented anchor is code.
        let commonmark = super::scan(text, false);
        assert!(commonmark
            .hidden
            .iter()
            .any(|r| text[r.clone()].contains("<a href")));
    }
}
