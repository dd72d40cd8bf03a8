//! Looking for `#fragment` targets in a page as it streams in: element `id`s, `<a name>` and
//! GitHub's `user-content-` prefixed ids. Only a short tail of the text read so far is kept,
//! so memory stays flat however long the page is.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::bytes::Regex;

/// `id=` or `name=` attributes, quoted or not (an approximation of HTML's attribute syntax
/// that needs no tree: good enough to find a target, never used to report one as present
/// when it is not on the page).
static ID_ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)[\s"'/](?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("the attribute pattern is valid")
});

/// Bytes kept from one chunk to the next, so an attribute split across chunks is still seen.
const OVERLAP: usize = 2048;

/// The fragments one page is asked for, and those seen so far.
#[derive(Debug)]
pub(crate) struct Scanner {
    wanted: BTreeSet<String>,
    found: BTreeSet<String>,
    tail: Vec<u8>,
}

/// Is `fragment` trivially present (HTML: empty and `top` scroll to the top), or one that only
/// a script creates (GitHub's `#L10-L20` line anchors)?
pub(crate) fn always_present(fragment: &str, host: &str) -> bool {
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return true;
    }
    let github = host == "github.com" || host.ends_with(".github.com");
    github && is_line_anchor(fragment)
}

fn is_line_anchor(fragment: &str) -> bool {
    fragment.split('-').all(|part| {
        part.strip_prefix('L')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

impl Scanner {
    pub(crate) fn new(wanted: impl IntoIterator<Item = String>) -> Self {
        Self {
            wanted: wanted.into_iter().collect(),
            found: BTreeSet::new(),
            tail: Vec::new(),
        }
    }

    /// Read one more chunk; true once every wanted fragment has been seen.
    pub(crate) fn feed(&mut self, chunk: &[u8]) -> bool {
        let mut window = std::mem::take(&mut self.tail);
        window.extend_from_slice(chunk);
        for captures in ID_ATTRIBUTE.captures_iter(&window) {
            let value = captures
                .get(1)
                .or_else(|| captures.get(2))
                .or_else(|| captures.get(3))
                .map_or(&b""[..], |m| m.as_bytes());
            let value = String::from_utf8_lossy(value);
            let value = value.strip_prefix("user-content-").unwrap_or(&value);
            if self.wanted.contains(value) {
                self.found.insert(value.to_string());
            }
        }
        let keep = window.len().min(OVERLAP);
        self.tail = window.split_off(window.len() - keep);
        self.done()
    }

    pub(crate) fn done(&self) -> bool {
        self.found.len() == self.wanted.len()
    }

    pub(crate) fn found(&self) -> &BTreeSet<String> {
        &self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_names_and_github_prefixed_ids_are_found_across_chunks() {
        let mut scanner =
            Scanner::new(["intro".to_string(), "usage".to_string(), "old".to_string()]);
        assert!(!scanner.feed(b"<h2 id=\"intro\">x</h2><a name='old'></a><h2 i"));
        assert!(scanner.feed(b"d=\"user-content-usage\">"));
        let mut other = Scanner::new(["nope".to_string()]);
        assert!(!other.feed(b"<p data-id=\"nope\">"));
    }

    #[test]
    fn github_line_anchors_and_top_are_always_present() {
        assert!(always_present("L10-L20", "github.com"));
        assert!(always_present("top", "example.com"));
        assert!(!always_present("L10", "example.com"));
    }
}
