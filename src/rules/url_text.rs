//! LINK002 whitespace-in-url and LINK003 backslash-in-url: characters a valid URL cannot contain.
//! <https://url.spec.whatwg.org/#url-code-points>, <https://html.spec.whatwg.org/multipage/urls-and-fetching.html#valid-url-potentially-surrounded-by-spaces>

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Reference};
use crate::registry::{BACKSLASH_IN_URL, WHITESPACE_IN_URL};

/// Schemes whose URLs are not paths and where browsers are lenient on purpose.
fn skipped_scheme(url: &str) -> bool {
    // Compared in place: every reference of every page comes here.
    let url = url.trim_start();
    ["javascript:", "data:", "mailto:", "tel:", "sms:"]
        .iter()
        .any(|scheme| crate::source::starts_with_ignoring_case(url, scheme))
}

/// Percent-encode ASCII whitespace inside the URL (outer whitespace is allowed and dropped).
fn encode_whitespace(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 8);
    for ch in url.trim_matches(|c: char| c.is_ascii_whitespace()).chars() {
        match ch {
            ' ' => out.push_str("%20"),
            '\t' => out.push_str("%09"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            '\x0C' => out.push_str("%0C"),
            other => out.push(other),
        }
    }
    out
}

pub(crate) fn check(document: &Document<'_>, references: &[Reference], out: &mut Vec<Diagnostic>) {
    for reference in references {
        // Markdown renderers percent-encode destinations; Liquid values are checked where written.
        if reference.markdown || reference.template.is_some() || skipped_scheme(&reference.url) {
            continue;
        }
        let url = reference.url.as_str();
        let written = document.text.get(reference.location.range());
        let exact = written == Some(url);
        // Bytes, not characters: ASCII whitespace is never part of a longer character.
        let inner = url.trim_ascii().as_bytes();
        #[allow(clippy::needless_bitwise_bool)] // No early exit: the loop is vectorised.
        let spaced = inner
            .iter()
            .fold(false, |seen, b| seen | b.is_ascii_whitespace());
        if spaced {
            let encoded = encode_whitespace(url);
            let mut diagnostic = Diagnostic::new(
                &WHITESPACE_IN_URL,
                document.file,
                Some(reference.location),
                format!("unencoded whitespace in URL `{url}`"),
            )
            .label("a URL cannot contain spaces")
            .help(format!("encode it: `{encoded}`"));
            if exact {
                diagnostic = diagnostic.fix(encoded);
            }
            out.push(diagnostic);
        }
        if url.contains('\\') {
            let fixed = url.replace('\\', "/");
            let mut diagnostic = Diagnostic::new(
                &BACKSLASH_IN_URL,
                document.file,
                Some(reference.location),
                format!("backslash in URL `{url}`"),
            )
            .label("URLs separate paths with `/`")
            .help(format!("use forward slashes: `{fixed}`"));
            if exact {
                diagnostic = diagnostic.fix(fixed);
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_whitespace;

    #[test]
    fn encodes_inner_whitespace_only() {
        assert_eq!(encode_whitespace(" ./a b.png "), "./a%20b.png");
    }
}
