//! Parsing of `srcset` attribute values (on `<img>` and `<source>`).
//!
//! This follows the WHATWG "parse a srcset attribute" algorithm
//! (<https://html.spec.whatwg.org/multipage/images.html#parsing-a-srcset-attribute>) for splitting
//! the value into candidates, but deliberately stops short of its descriptor validation step: a
//! candidate whose descriptors are invalid (`a.png 2q`, `a.png 1x 2x`) is still returned, with its
//! raw descriptor text, so that the caller can both check the URL and report the bad descriptor.
//!
//! All delimiters are ASCII, so every slice boundary falls on a UTF-8 character boundary.

use std::ops::Range;

/// One image candidate of a `srcset` attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SrcsetCandidate<'a> {
    /// The URL exactly as written (a sub-slice of the input).
    pub url: &'a str,
    /// Byte range of `url` within the input value.
    pub span: Range<usize>,
    /// The descriptor text after the URL ("2x", "480w"), trimmed, possibly empty.
    pub descriptor: &'a str,
}

/// ASCII whitespace as defined by the Infra standard: TAB, LF, FF, CR, SPACE.
fn is_ascii_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// Parse a srcset attribute value following the WHATWG "parse a srcset attribute" algorithm
/// (<https://html.spec.whatwg.org/multipage/images.html#parsing-a-srcset-attribute>):
/// skip whitespace and commas; collect the URL up to ASCII whitespace; if the URL ends with commas,
/// strip them (and there is no descriptor); otherwise collect descriptors up to a comma that is not
/// inside parentheses. Commas inside a URL are part of it (`a,b.png 1x`), as in
/// `image.php?w=1,2 2x`. Never panics on any input (including non-ASCII, lone commas, unbalanced
/// parens, empty).
pub(crate) fn parse_srcset(value: &str) -> Vec<SrcsetCandidate<'_>> {
    let bytes = value.as_bytes();
    let len = bytes.len();
    let mut pos = 0;
    let mut out = Vec::new();
    loop {
        // Splitting loop: skip ASCII whitespace and commas.
        while pos < len && (is_ascii_ws(bytes[pos]) || bytes[pos] == b',') {
            pos += 1;
        }
        if pos >= len {
            return out;
        }
        // Collect the URL: everything up to ASCII whitespace. The first byte is neither
        // whitespace nor a comma, so the URL is never empty, even after stripping commas.
        let url_start = pos;
        while pos < len && !is_ascii_ws(bytes[pos]) {
            pos += 1;
        }
        let mut url_end = pos;
        let descriptor = if bytes[url_end - 1] == b',' {
            // Trailing commas end the candidate; there are no descriptors.
            while bytes[url_end - 1] == b',' {
                url_end -= 1;
            }
            &value[pos..pos]
        } else {
            // Descriptor tokenizer: the candidate ends at the first comma outside parentheses,
            // or at the end of input (also when a parenthesis is left open).
            while pos < len && is_ascii_ws(bytes[pos]) {
                pos += 1;
            }
            let desc_start = pos;
            let mut in_parens = false;
            let mut desc_end = len;
            while pos < len {
                match bytes[pos] {
                    b'(' => in_parens = true,
                    b')' => in_parens = false,
                    b',' if !in_parens => {
                        desc_end = pos;
                        pos += 1;
                        break;
                    }
                    _ => {}
                }
                pos += 1;
            }
            value[desc_start..desc_end].trim_end_matches(['\t', '\n', '\x0C', '\r', ' '])
        };
        out.push(SrcsetCandidate {
            url: &value[url_start..url_end],
            span: url_start..url_end,
            descriptor,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shorthand: (url, span, descriptor) triples.
    fn parsed(value: &str) -> Vec<(&str, Range<usize>, &str)> {
        parse_srcset(value)
            .into_iter()
            .map(|c| (c.url, c.span, c.descriptor))
            .collect()
    }

    #[test]
    fn plain_densities() {
        assert_eq!(
            parsed("a.png 1x, b.png 2x"),
            vec![("a.png", 0..5, "1x"), ("b.png", 10..15, "2x")]
        );
    }

    #[test]
    fn widths() {
        assert_eq!(
            parsed("small.jpg 480w,medium.jpg 800w , large.jpg 1200w"),
            vec![
                ("small.jpg", 0..9, "480w"),
                ("medium.jpg", 15..25, "800w"),
                ("large.jpg", 33..42, "1200w"),
            ]
        );
    }

    #[test]
    fn multiple_descriptors_kept_verbatim() {
        assert_eq!(
            parsed("a.png 100w  2x , b.png"),
            vec![("a.png", 0..5, "100w  2x"), ("b.png", 17..22, "")]
        );
    }

    #[test]
    fn no_descriptor() {
        assert_eq!(parsed("a.png"), vec![("a.png", 0..5, "")]);
        assert_eq!(
            parsed("a.png, b.png 2x"),
            vec![("a.png", 0..5, ""), ("b.png", 7..12, "2x")]
        );
    }

    #[test]
    fn commas_inside_urls() {
        assert_eq!(parsed("a,b.png 1x"), vec![("a,b.png", 0..7, "1x")]);
        assert_eq!(
            parsed("image.php?w=1,2 2x, image.php?w=3,4 3x"),
            vec![
                ("image.php?w=1,2", 0..15, "2x"),
                ("image.php?w=3,4", 20..35, "3x"),
            ]
        );
        // Without whitespace, a comma does not split candidates: it is part of the URL.
        assert_eq!(parsed("a.png,b.png"), vec![("a.png,b.png", 0..11, "")]);
    }

    #[test]
    fn trailing_commas_stripped_from_url() {
        assert_eq!(
            parsed("a.png,, b.png 2x"),
            vec![("a.png", 0..5, ""), ("b.png", 8..13, "2x")]
        );
    }

    #[test]
    fn leading_trailing_commas_and_whitespace() {
        assert_eq!(
            parsed(" ,\t, a.png 1x ,, ,b.png 2x,  , "),
            vec![("a.png", 5..10, "1x"), ("b.png", 18..23, "2x")]
        );
        assert_eq!(parsed(""), vec![]);
        assert_eq!(parsed("   "), vec![]);
        assert_eq!(parsed(","), vec![]);
        assert_eq!(parsed(" , ,, "), vec![]);
    }

    #[test]
    fn data_url_keeps_its_comma() {
        let v = "data:image/png;base64,AAA= 1x, b.png 2x";
        assert_eq!(
            parsed(v),
            vec![
                ("data:image/png;base64,AAA=", 0..26, "1x"),
                ("b.png", 31..36, "2x"),
            ]
        );
    }

    #[test]
    fn newline_separated_candidates() {
        let v = "a.png 1x,\n  b.png 2x,\r\n\tc.png 3x\n";
        assert_eq!(
            parsed(v),
            vec![
                ("a.png", 0..5, "1x"),
                ("b.png", 12..17, "2x"),
                ("c.png", 24..29, "3x"),
            ]
        );
        // A newline alone does not separate candidates: the second URL becomes descriptor text.
        assert_eq!(parsed("a.png\nb.png"), vec![("a.png", 0..5, "b.png")]);
    }

    #[test]
    fn parens_in_descriptor() {
        // A comma inside parentheses does not end the candidate.
        assert_eq!(
            parsed("a.png foo(1, 2) 1x, b.png 2x"),
            vec![("a.png", 0..5, "foo(1, 2) 1x"), ("b.png", 20..25, "2x")]
        );
        // Unbalanced: the open paren swallows the rest of the value.
        assert_eq!(
            parsed("a.png 1x (oops, b.png 2x"),
            vec![("a.png", 0..5, "1x (oops, b.png 2x")]
        );
        // A stray close paren is ordinary descriptor text.
        assert_eq!(
            parsed("a.png 1x), b.png 2x"),
            vec![("a.png", 0..5, "1x)"), ("b.png", 11..16, "2x")]
        );
    }

    #[test]
    fn non_ascii() {
        let v = "héllo wörld.png 1x,\u{a0}日本.png 2x";
        // U+00A0 is not ASCII whitespace, so it is part of the second URL.
        assert_eq!(
            parsed(v),
            vec![
                ("héllo", 0..6, "wörld.png 1x"),
                ("\u{a0}日本.png", 21..33, "2x"),
            ]
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
        for c in parse_srcset(input) {
            assert!(c.span.start < c.span.end, "{input:?}: empty span");
            assert!(input.is_char_boundary(c.span.start), "{input:?}");
            assert!(input.is_char_boundary(c.span.end), "{input:?}");
            assert_eq!(&input[c.span.clone()], c.url, "{input:?}");
            assert!(
                !c.url.starts_with(',') && !c.url.ends_with(','),
                "{input:?}"
            );
            assert!(!c.url.bytes().any(is_ascii_ws), "{input:?}");
            // The descriptor is a sub-slice of the input, after the URL.
            let base = input.as_ptr() as usize;
            let d = c.descriptor.as_ptr() as usize;
            assert!(
                d >= base && d + c.descriptor.len() <= base + input.len(),
                "{input:?}"
            );
            assert!(
                c.descriptor.is_empty() || d - base >= c.span.end,
                "{input:?}"
            );
            assert_eq!(
                c.descriptor,
                c.descriptor
                    .trim_matches(|ch: char| ch.is_ascii_whitespace())
            );
        }
    }

    #[test]
    fn brute_force_no_panics() {
        let tricky = " ,a,b.png 1x (2, x)),\n,,data:x,y 2x\té(日,) \u{1F600},, ((,)";
        for (i, _) in tricky.char_indices().chain([(tricky.len(), ' ')]) {
            check_invariants(&tricky[..i]);
            check_invariants(&tricky[i..]);
        }
        let pieces = [
            " ",
            ",",
            "\n",
            "\t",
            "(",
            ")",
            "a",
            "1x",
            "é",
            "日",
            "\u{1F600}",
            "\u{a0}",
            "\r\n",
            "data:,",
            "\0",
            "\\",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..2000 {
            let mut s = String::new();
            let n = xorshift(&mut state) % 24;
            for _ in 0..n {
                let r = xorshift(&mut state);
                if r % 5 == 0 {
                    // Raw byte soup, made valid UTF-8 lossily.
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
}
