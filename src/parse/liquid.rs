//! Liquid masking that keeps every byte offset: `{% … %}` tags become spaces and `{{ … }}`
//! outputs become a run of `x`, newlines kept, so the HTML tokenizer sees well-formed markup and
//! every span still points at the original source. `{% raw %}` bodies are left alone (they are
//! literal text) and `{% comment %}` bodies are blanked.
//!
//! Written by hand: no crate masks Liquid while keeping offsets (the `liquid` crate evaluates
//! templates and fails on Jekyll's unknown tags; evaluation comes with the template issue).

use std::borrow::Cow;
use std::ops::Range;

/// The masked text and the byte ranges of every Liquid tag or output in it.
#[derive(Default)]
pub(crate) struct Masked<'t> {
    /// Borrowed when nothing was masked (a built page: no copy of it).
    pub text: Cow<'t, str>,
    pub ranges: Vec<Range<usize>>,
    /// A tag, output or `raw`/`comment` block that is never closed: the span of its opening
    /// delimiter or tag and what closes it. Jekyll stops the build on it ("was not properly
    /// terminated"); everything from it to the end of the file counts as Liquid.
    pub unclosed: Option<(Range<usize>, &'static str)>,
}

impl Masked<'_> {
    /// Does `span` touch Liquid?
    pub(crate) fn overlaps(&self, span: &Range<usize>) -> bool {
        // ranges are sorted and disjoint: binary search for the first range ending after start.
        let index = self.ranges.partition_point(|r| r.end <= span.start);
        self.ranges
            .get(index)
            .is_some_and(|r| r.start < span.end.max(span.start + 1))
    }
}

fn blank(bytes: &mut [u8], fill: u8) {
    for byte in bytes {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = fill;
        }
    }
}

/// Name of a tag body such as ` raw ` or `- endraw -`.
fn tag_name(body: &[u8]) -> &[u8] {
    let body = body.strip_prefix(b"-").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    let end = body
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .unwrap_or(body.len());
    &body[..end]
}

/// Find `needle` in `haystack` from `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    memchr::memmem::find(haystack.get(from..)?, needle).map(|i| i + from)
}

/// Mask the Liquid in `text`. `text` is returned unchanged (no copy of meaning) when it has none.
pub(crate) fn mask(text: &str) -> Masked<'static> {
    let source = text.as_bytes();
    let mut out = source.to_vec();
    let mut ranges = Vec::new();
    let mut unclosed = None;
    let mut position = 0;
    while let Some(open) = memchr::memchr(b'{', &source[position..]).map(|i| i + position) {
        match source.get(open + 1) {
            Some(b'{') => {
                let Some(close) = find(source, b"}}", open + 2) else {
                    unclosed = Some((open..open + 2, "}}"));
                    ranges.push(open..source.len());
                    break;
                };
                let end = close + 2;
                blank(&mut out[open..end], b'x');
                ranges.push(open..end);
                position = end;
            }
            Some(b'%') => {
                let Some(close) = find(source, b"%}", open + 2) else {
                    unclosed = Some((open..open + 2, "%}"));
                    ranges.push(open..source.len());
                    break;
                };
                let end = close + 2;
                let name = tag_name(&source[open + 2..close]);
                blank(&mut out[open..end], b' ');
                ranges.push(open..end);
                position = end;
                let closing: Option<&'static str> = match name {
                    b"raw" => Some("endraw"),
                    b"comment" => Some("endcomment"),
                    _ => None,
                };
                if let Some(closing) = closing {
                    // Find the matching end tag; its body is literal (raw) or dropped (comment).
                    let mut search = end;
                    let mut body_end = None;
                    while let Some(next) = find(source, b"{%", search) {
                        let Some(next_close) = find(source, b"%}", next + 2) else {
                            break;
                        };
                        if tag_name(&source[next + 2..next_close]) == closing.as_bytes() {
                            body_end = Some((next, next_close + 2));
                            break;
                        }
                        search = next_close + 2;
                    }
                    let Some((body_stop, tag_end)) = body_end else {
                        unclosed = Some((open..end, closing));
                        ranges.last_mut().expect("pushed above").end = source.len();
                        break;
                    };
                    if name == b"comment" {
                        blank(&mut out[end..tag_end], b' ');
                        ranges.last_mut().expect("pushed above").end = tag_end;
                    } else {
                        blank(&mut out[body_stop..tag_end], b' ');
                        ranges.push(body_stop..tag_end);
                    }
                    position = tag_end;
                }
            }
            _ => position = open + 1,
        }
    }
    // Only ASCII bytes replaced whole runs that started and ended on ASCII delimiters, so the
    // result is valid UTF-8; from_utf8_lossy keeps this panic-free regardless.
    let text = match String::from_utf8(out) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    };
    Masked {
        text: Cow::Owned(text),
        ranges,
        unclosed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_and_tags_keep_offsets() {
        let source = "<a href=\"{{ site.baseurl }}/x\">{% if a %}\n<b>{% endif %}";
        let masked = mask(source);
        assert_eq!(masked.text.len(), source.len());
        assert_eq!(
            masked.text,
            "<a href=\"xxxxxxxxxxxxxxxxxx/x\">          \n<b>           "
        );
        assert_eq!(masked.ranges.len(), 3);
        assert!(masked.overlaps(&(9..12)));
        assert!(!masked.overlaps(&(27..29)));
    }

    #[test]
    fn raw_body_is_literal_and_comment_is_blank() {
        let source = "{% raw %}{{ x }}{% endraw %}{% comment %}<a href=y>{% endcomment %}z";
        let masked = mask(source);
        assert_eq!(&masked.text[9..16], "{{ x }}");
        assert!(masked.text[28..source.len() - 1].trim().is_empty());
        assert!(masked.text.ends_with('z'));
    }

    #[test]
    fn unclosed_liquid_is_reported_and_covers_the_rest() {
        let masked = mask("<a href=\"{{ site.baseurl\">x</a><a href=\"y\">");
        assert_eq!(masked.unclosed, Some((9..11, "}}")));
        assert!(masked.overlaps(&(30..31)));
        let masked = mask("a {% raw %} b");
        assert_eq!(masked.unclosed, Some((2..11, "endraw")));
        let masked = mask("a {% if");
        assert_eq!(masked.unclosed, Some((2..4, "%}")));
        assert!(mask("{{ a }} {% b %}").unclosed.is_none());
    }

    #[test]
    fn multibyte_inside_liquid_is_fine() {
        let masked = mask("{{ 'é' }}ü");
        assert_eq!(masked.text, "xxxxxxxxxxü");
    }
}
