//! The served site as a set of output paths, and the one place that answers "does this URL
//! exist on the served site?" for every rule.

use std::borrow::Cow;

// FxHash: every link of the site is looked up here; the keys are the site's own paths.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use percent_encoding::percent_decode_str;

use super::config::SiteConfig;

/// Every file the served site has, by output path (`/about.html`, decoded, exact case).
#[derive(Debug, Default)]
pub(crate) struct SiteModel {
    paths: HashSet<String>,
    /// Lowercased path → real path, to explain case mismatches.
    by_lowercase: HashMap<String, String>,
    /// Folder → file names in it, for "did you mean" without scanning the whole site.
    by_folder: HashMap<String, Vec<String>>,
    /// File name (and name without `.html`) → paths, for links with a wrong folder.
    by_name: HashMap<String, Vec<String>>,
    /// Source Markdown files that are pages (for `jekyll-relative-links`): source path → URL.
    markdown_sources: HashMap<String, String>,
    root: String,
    own_hosts: Vec<String>,
}

/// What a URL is, seen from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// Exists on the site.
    Found,
    /// Another site, or a scheme we do not check (`mailto:`, `tel:`, `data:`, `javascript:`).
    External,
    /// Not a URL a browser can parse.
    Invalid(String),
    /// Points inside the site but nothing is served there.
    Missing(Missing),
}

/// Details of a URL that is not served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Missing {
    /// The decoded path looked up (relative to the served root, with a leading `/`).
    pub path: String,
    /// The path with the served root, as a browser would request it.
    pub requested: String,
    /// The link does not start with the served root (`baseurl`).
    pub outside_root: bool,
    /// An existing path that differs only in letter case.
    pub case_mismatch: Option<String>,
}

const BASE_HOST: &str = "sitelint.invalid";

/// A link joined to the URL of its page.
#[derive(Debug, PartialEq, Eq)]
enum Joined<'h> {
    /// On this site: the path as the URL parser gives it (percent-encoded) and the fragment
    /// (borrowed from the link when it is the link's own text).
    Internal {
        path: String,
        fragment: Option<Cow<'h, str>>,
    },
    /// Another host, or a scheme other than http(s).
    External,
    /// The page URL itself does not parse.
    BadBase,
    /// The link does not parse.
    Invalid(String),
}

/// [`plain_path_byte`] as a table: every byte of every link and of its page's path is looked
/// up (a call per byte was a twentieth of joining's time).
static PLAIN_PATH_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)] // `byte` < 256.
        {
            table[byte] = plain_path_byte(byte as u8);
        }
        byte += 1;
    }
    table
};

fn plain(byte: u8) -> bool {
    PLAIN_PATH_BYTES[usize::from(byte)]
}

/// Bytes a path may have for [`fast_join`]: those the URL parser copies unchanged (no percent-
/// encoding, no backslash as a separator, no scheme or host syntax).
const fn plain_path_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(
            byte,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'/'
        )
}

/// `http(s)://host…` whose host is a plain domain name (letters, digits, `-`, non-empty dot-
/// separated labels, the last starting with a letter so it is no IPv4 address, no punycode, no
/// port or user): its host, as written.
fn plain_http_host(href: &str) -> Option<&str> {
    // The first `://` ends an `http` or `https` scheme only at these two places: compared in
    // place (a substring search on every link of every page was a tenth of joining's time).
    let prefixed = |prefix: &str| crate::source::strip_prefix_ignoring_case(href, prefix);
    let rest = prefixed("http://").or_else(|| prefixed("https://"))?;
    let host = &rest[..memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len())];
    // One pass over the bytes (splitting into labels was a twentieth of all link checking):
    // letters, digits, `-` and `.`, no empty label (no `.` first, last or twice in a row).
    let bytes = host.as_bytes();
    let mut previous = b'.';
    let mut labels_plain = true;
    for &byte in bytes {
        let allowed =
            byte.is_ascii_alphanumeric() || byte == b'-' || (byte == b'.' && previous != b'.');
        labels_plain &= allowed;
        previous = byte;
    }
    let last_label = &bytes[memchr::memrchr(b'.', bytes).map_or(0, |dot| dot + 1)..];
    let plain = !bytes.is_empty()
        && labels_plain
        && previous != b'.'
        && last_label.first().is_some_and(u8::is_ascii_alphabetic)
        && (memchr::memchr(b'-', bytes).is_none()
            || !bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"xn--")));
    plain.then_some(host)
}

/// The common cases of joining `href` to the page at `base_path`, without the URL parser: a
/// relative or root-relative path of plain bytes, or an absolute http(s) URL on a plain domain
/// that is not this site's. `None`: let the URL parser decide. The result is what
/// `url::Url::join` gives (dot segments as the URL Standard removes them); a test compares them.
fn fast_join<'h>(
    base_path: &str,
    href: &'h str,
    own_host: impl Fn(&str) -> bool,
) -> Option<Joined<'h>> {
    // Every internal link of every page comes here: byte scans, no substring searches and no
    // allocation but the joined path.
    // Without an early exit the loop is vectorised (a branch per byte was a quarter of the
    // time here): bitwise `|` on purpose.
    #[allow(clippy::needless_bitwise_bool)]
    let unusual = href.bytes().fold(false, |seen, b| {
        seen | (b < 0x20) | (b == 0x7F) | (b == b'\\')
    });
    if unusual {
        return None;
    }
    if let Some(host) = plain_http_host(href) {
        return (!own_host(host)).then_some(Joined::External);
    }
    let first_segment =
        &href[..memchr::memchr3(b'/', b'?', b'#', href.as_bytes()).unwrap_or(href.len())];
    if first_segment.contains(':') || href.starts_with("//") {
        return None;
    }
    if !base_path.starts_with('/') || !base_path.bytes().fold(true, |all, b| all & plain(b)) {
        return None;
    }
    let (before_fragment, fragment) = match memchr::memchr(b'#', href.as_bytes()) {
        Some(hash) => (&href[..hash], Some(Cow::Borrowed(&href[hash + 1..]))),
        None => (href, None),
    };
    let path = &before_fragment
        [..memchr::memchr(b'?', before_fragment.as_bytes()).unwrap_or(before_fragment.len())];
    let bytes = path.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        let copied = if byte == b'%' {
            // `%2e` is a dot to the URL parser (a `..` segment in disguise).
            !(bytes.get(at + 1) == Some(&b'2') && matches!(bytes.get(at + 2), Some(b'e' | b'E')))
        } else {
            plain(byte)
        };
        if !copied {
            return None;
        }
    }
    let merged = if path.starts_with('/') {
        path.to_string()
    } else if path.is_empty() {
        base_path.to_string()
    } else {
        let directory = &base_path[..=base_path.rfind('/').unwrap_or(0)];
        let mut merged = String::with_capacity(directory.len() + path.len());
        merged.push_str(directory);
        merged.push_str(path);
        merged
    };
    // URL Standard, path state: `.` and `..` segments go; one at the end leaves a `/`. The
    // output is built as `/segment/segment`, so dropping a segment truncates at a `/`.
    let dot_segment = memchr::memchr_iter(b'/', merged.as_bytes()).any(|slash| {
        let after = &merged.as_bytes()[slash + 1..];
        matches!(
            after,
            [b'.'] | [b'.', b'/', ..] | [b'.', b'.'] | [b'.', b'.', b'/', ..]
        )
    });
    if !dot_segment {
        return Some(Joined::Internal {
            path: merged,
            fragment,
        });
    }
    let mut output = String::with_capacity(merged.len());
    let mut segments = merged[1..].split('/').peekable();
    while let Some(segment) = segments.next() {
        let last = segments.peek().is_none();
        match segment {
            ".." => {
                output.truncate(output.rfind('/').unwrap_or(0));
                if last {
                    output.push('/');
                }
            }
            "." => {
                if last {
                    output.push('/');
                }
            }
            other => {
                output.push('/');
                output.push_str(other);
            }
        }
    }
    if output.is_empty() {
        output.push('/');
    }
    Some(Joined::Internal {
        path: output,
        fragment,
    })
}

impl SiteModel {
    pub(crate) fn new(site: &SiteConfig) -> Self {
        Self {
            root: site.served_root().to_string(),
            own_hosts: site.own_hosts(),
            ..Self::default()
        }
    }

    /// Add a served file by its output path (`/images/a b.png`, not percent-encoded).
    pub(crate) fn add(&mut self, path: String) {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", &path));
        // A folder holds many files: its key is made once.
        match self.by_folder.get_mut(folder) {
            Some(names) => names.push(name.to_string()),
            None => {
                self.by_folder
                    .insert(folder.to_string(), vec![name.to_string()]);
            }
        }
        self.by_name
            .entry(name.to_string())
            .or_default()
            .push(path.clone());
        if let Some(stem) = name.strip_suffix(".html") {
            self.by_name
                .entry(stem.to_string())
                .or_default()
                .push(path.clone());
        }
        self.by_lowercase
            .entry(path.to_lowercase())
            .or_insert_with(|| path.clone());
        self.paths.insert(path);
    }

    /// Record a Markdown source page (`docs/setup.md`) and its URL.
    pub(crate) fn add_markdown_source(&mut self, source: String, url: String) {
        self.markdown_sources.insert(source, url);
    }

    /// The served root (`/` or `/baseurl`).
    pub(crate) fn root(&self) -> &str {
        &self.root
    }

    /// Is a path (decoded, relative to the root) served, the way GitHub Pages serves it?
    fn serves(&self, path: &str) -> bool {
        (!path.ends_with('/') && self.paths.contains(path)) || self.served_as(path).is_some()
    }

    /// The file GitHub Pages serves for `path` (decoded, relative to the root).
    fn served_as(&self, path: &str) -> Option<String> {
        // The path itself first, without formatting the other candidates (most links name
        // their file exactly).
        if path.ends_with('/') {
            return [format!("{path}index.html"), format!("{path}index.htm")]
                .into_iter()
                .find(|c| self.paths.contains(c));
        }
        if self.paths.contains(path) {
            return Some(path.to_string());
        }
        [
            format!("{path}.html"),
            format!("{path}/index.html"),
            format!("{path}/index.htm"),
        ]
        .into_iter()
        .find(|c| self.paths.contains(c))
    }

    /// The URL (relative to the served root) that relative links on the page at `page_url`
    /// resolve against when it has `<base href="base">`; `None` when the base is another site
    /// (its relative links then leave this site).
    pub(crate) fn rebase(&self, page_url: &str, base: &str) -> Option<String> {
        let root_prefix = self.root.trim_end_matches('/');
        let page = url::Url::parse(&format!("http://{BASE_HOST}{root_prefix}{page_url}")).ok()?;
        let joined = page.join(base.trim()).ok()?;
        let host = joined.host_str().unwrap_or_default().to_ascii_lowercase();
        if !matches!(joined.scheme(), "http" | "https")
            || (host != BASE_HOST && !self.own_hosts.contains(&host))
        {
            return None;
        }
        let path = joined.path();
        let relative = if root_prefix.is_empty() {
            path
        } else {
            path.strip_prefix(root_prefix).unwrap_or(path)
        };
        Some(if relative.starts_with('/') {
            relative.to_string()
        } else {
            format!("/{relative}")
        })
    }

    /// The served file `href` on the page at `page_url` leads to, and its decoded fragment
    /// (`None` for a URL without `#`); `None` when it is not a file of this site.
    pub(crate) fn target(&self, page_url: &str, href: &str) -> Option<(String, Option<String>)> {
        let trimmed = href.trim_matches(|c: char| c.is_ascii_whitespace());
        let root_prefix = self.root.trim_end_matches('/');
        let Joined::Internal { path, fragment } =
            self.join(&format!("{root_prefix}{page_url}"), trimmed)
        else {
            return None;
        };
        let requested = percent_decode_str(&path).decode_utf8_lossy().into_owned();
        let path = if root_prefix.is_empty() {
            requested
        } else if requested == root_prefix {
            "/".to_string()
        } else {
            requested.strip_prefix(root_prefix)?.to_string()
        };
        let fragment = fragment.map(|f| percent_decode_str(&f).decode_utf8_lossy().into_owned());
        Some((self.served_as(&path)?, fragment))
    }

    fn case_variant(&self, path: &str) -> Option<String> {
        let candidates = if path.ends_with('/') {
            vec![format!("{path}index.html")]
        } else {
            vec![
                path.to_string(),
                format!("{path}.html"),
                format!("{path}/index.html"),
            ]
        };
        candidates
            .iter()
            .find_map(|candidate| self.by_lowercase.get(&candidate.to_lowercase()).cloned())
    }

    /// Join `href` (trimmed) to the page at `base_path` (with the served root).
    fn join<'h>(&self, base_path: &str, href: &'h str) -> Joined<'h> {
        let own_host = |host: &str| {
            host.eq_ignore_ascii_case(BASE_HOST)
                || self.own_hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
        };
        if let Some(joined) = fast_join(base_path, href, own_host) {
            return joined;
        }
        self.url_join(base_path, href)
    }

    /// [`Self::join`] by the URL parser, for every case.
    fn url_join(&self, base_path: &str, href: &str) -> Joined<'static> {
        let Ok(base) = url::Url::parse(&format!("http://{BASE_HOST}{base_path}")) else {
            return Joined::BadBase;
        };
        let url = match base.join(href) {
            Ok(url) => url,
            Err(error) => return Joined::Invalid(error.to_string()),
        };
        if !matches!(url.scheme(), "http" | "https") {
            return Joined::External;
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        if host != BASE_HOST && !self.own_hosts.contains(&host) {
            return Joined::External;
        }
        Joined::Internal {
            path: url.path().to_string(),
            fragment: url.fragment().map(|f| Cow::Owned(f.to_string())),
        }
    }

    /// Resolve `href` written on the page served at `page_url` (relative to the root).
    pub(crate) fn resolve(&self, page_url: &str, href: &str) -> Resolution {
        let trimmed = href.trim_matches(|c: char| c.is_ascii_whitespace());
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('?') {
            return Resolution::Found;
        }
        let root_prefix = self.root.trim_end_matches('/');
        let base_path = if root_prefix.is_empty() {
            std::borrow::Cow::Borrowed(page_url)
        } else {
            std::borrow::Cow::Owned(format!("{root_prefix}{page_url}"))
        };
        let path = match self.join(&base_path, trimmed) {
            Joined::Internal { path, .. } => path,
            Joined::External => return Resolution::External,
            Joined::BadBase => {
                return Resolution::Invalid(format!("page URL `{page_url}` is not valid"))
            }
            Joined::Invalid(error) => return Resolution::Invalid(error),
        };
        // Borrowed until the link turns out to be missing (most links are found).
        let requested = percent_decode_str(&path).decode_utf8_lossy();
        let path = if root_prefix.is_empty() {
            Some(&*requested)
        } else if requested == root_prefix {
            Some("/")
        } else {
            requested
                .strip_prefix(root_prefix)
                .filter(|rest| rest.starts_with('/'))
        };
        let Some(path) = path else {
            return Resolution::Missing(Missing {
                path: requested.to_string(),
                requested: requested.into_owned(),
                outside_root: true,
                case_mismatch: None,
            });
        };
        if self.serves(path) {
            return Resolution::Found;
        }
        let path = path.to_string();
        let requested = requested.into_owned();
        Resolution::Missing(Missing {
            case_mismatch: self.case_variant(&path),
            path,
            requested,
            outside_root: false,
        })
    }

    /// `jekyll-relative-links` (on by default on GitHub Pages): a Markdown link to a `.md` source
    /// is rewritten to that page's URL. `source_dir` is the linking file's folder (`docs`).
    pub(crate) fn markdown_source_exists(&self, source_dir: &str, href: &str) -> bool {
        let path = href.split(['#', '?']).next().unwrap_or_default();
        if path.contains(':') || path.starts_with('/') {
            return false;
        }
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        let mut segments: Vec<&str> = source_dir.split('/').filter(|s| !s.is_empty()).collect();
        for segment in decoded.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                other => segments.push(other),
            }
        }
        self.markdown_sources.contains_key(&segments.join("/"))
    }

    /// The existing path closest to `path` (same folder first), for "did you mean".
    pub(crate) fn nearest(&self, path: &str) -> Option<String> {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        // Same folder: accept one edit per four characters (transpositions count once).
        let limit = (name.chars().count() / 4).max(1);
        let mut best: Option<(usize, &str)> = None;
        // A folder may hold thousands of pages: most are ruled out by cheap lower bounds.
        let name_counts = crate::nearest::Counts::of(name);
        for candidate_name in self.by_folder.get(dir).into_iter().flatten() {
            let stripped = candidate_name
                .strip_suffix(".html")
                .unwrap_or(candidate_name);
            let bound = best.map_or(limit, |(distance, _)| distance.min(limit));
            if let (Some(name_counts), Some(counts), Some(stripped_counts)) = (
                &name_counts,
                crate::nearest::Counts::of(candidate_name),
                crate::nearest::Counts::of(stripped),
            ) {
                // ASCII: lengths in bytes are lengths in characters, and an edit changes the
                // length by at most one.
                let too_long = |text: &str| text.len().abs_diff(name.len()) > bound;
                if (too_long(candidate_name) && too_long(stripped))
                    || (name_counts.lower_bound(&counts) > bound
                        && name_counts.lower_bound(&stripped_counts) > bound)
                {
                    continue;
                }
            }
            let distance = strsim::osa_distance(name, candidate_name)
                .min(strsim::osa_distance(name, stripped));
            if best
                .is_none_or(|(d, c)| distance < d || (distance == d && candidate_name.as_str() < c))
            {
                best = Some((distance, candidate_name.as_str()));
            }
        }
        if let Some((distance, candidate_name)) = best {
            if distance <= limit {
                return Some(format!("{dir}/{candidate_name}"));
            }
        }
        // Elsewhere: the same file name in another folder (a wrong `../` count, say).
        if name.is_empty() {
            return None;
        }
        self.by_name
            .get(name)
            .and_then(|paths| paths.iter().min())
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(root: &str, paths: &[&str]) -> SiteModel {
        let config = serde_json::json!({ "baseurl": root });
        let mut model = SiteModel::new(&SiteConfig::jekyll(&config, "", None));
        for path in paths {
            model.add((*path).to_string());
        }
        model
    }

    /// Links whose joining [`fast_join`] decides, compared with the URL parser's.
    const HREFS: &[&str] = &[
        "page.html",
        "./page.html",
        "../page.html",
        "../../../../x",
        "sub/",
        "sub/.",
        "sub/..",
        "..",
        ".",
        "./",
        "a//b",
        "/",
        "/abs/x.html",
        "/abs/../y",
        "a/./b/../c",
        "x.html#frag",
        "x.html#",
        "#frag",
        "?q",
        "?q#f",
        "x?y=1#z",
        "x#a<b",
        "x#a%3Cb",
        "x#with space",
        "x#é",
        "a%20b.png",
        "a%2fb",
        "%2e%2e/x",
        "a/%2E/b",
        "a/%2e",
        "a/%2",
        "a%",
        "..%2fx",
        ".x/..y/.../z",
        "a/..",
        "a/./",
        "/..",
        "x?a/../b",
        "x#a/../b",
        "hTtP://Example.com/x",
        "https:/x",
        "httpx://example.com/",
        "xhttp://example.com/",
        "a b",
        "a\\b",
        "a\tb",
        "é.html",
        "a:b",
        "b/a:c",
        "mailto:x@y",
        "javascript:void(0)",
        "data:x",
        "//other.example/x",
        "http://other.example/x",
        "HTTPS://Other.Example/x?y#z",
        "http://sitelint.invalid/x",
        "http://1.2.3.4/",
        "http://999.1.1.1/",
        "http://a..b/",
        "http://xn--zz/",
        "http://host:80/",
        "http://user@host/",
        "http://a_b.example/",
        "http://example.com",
        "https://example.com.",
        "http:foo",
        "http:/foo",
        "ftp://x/",
        "[x]",
        "a|b",
        "a^b",
        "{x}",
        "a`b",
        "a\"b",
        "a<b>",
        "'q'",
        "a;b=c",
        "~user/",
        "x@y",
    ];

    #[test]
    fn fast_join_agrees_with_the_url_parser() {
        let site = model("", &["/index.html"]);
        let bases = [
            "/",
            "/a.html",
            "/docs/",
            "/docs/page.html",
            "/a/b/c/",
            "/x y/z.html",
        ];
        for base in bases {
            for href in HREFS {
                let own = |host: &str| host.eq_ignore_ascii_case(BASE_HOST);
                // Fragments are compared decoded, as `target` uses them.
                let decoded = |joined: Joined<'_>| -> Joined<'static> {
                    match joined {
                        Joined::Internal { path, fragment } => Joined::Internal {
                            path,
                            fragment: fragment.map(|f| {
                                Cow::Owned(percent_decode_str(&f).decode_utf8_lossy().into_owned())
                            }),
                        },
                        Joined::External => Joined::External,
                        Joined::BadBase => Joined::BadBase,
                        Joined::Invalid(error) => Joined::Invalid(error),
                    }
                };
                if let Some(fast) = fast_join(base, href, own) {
                    let slow = site.url_join(base, href);
                    assert_eq!(decoded(fast), decoded(slow), "{href} on {base}");
                }
            }
        }
        // The common cases take the fast path.
        assert!(fast_join("/docs/page.html", "../x.html#y", |_| false).is_some());
        assert!(fast_join("/", "https://example.com/x", |_| false).is_some());
    }

    #[test]
    fn resolves_like_github_pages() {
        let site = model(
            "",
            &[
                "/index.html",
                "/about.html",
                "/images/a b.png",
                "/docs/index.html",
            ],
        );
        assert_eq!(site.resolve("/", "about"), Resolution::Found);
        assert_eq!(site.resolve("/", "/about.html?x=1#top"), Resolution::Found);
        assert_eq!(
            site.resolve("/docs/", "../images/a%20b.png"),
            Resolution::Found
        );
        assert_eq!(
            site.resolve("/docs/", "../images/a b.png"),
            Resolution::Found
        );
        assert_eq!(site.resolve("/x/y", "/docs"), Resolution::Found);
        assert_eq!(
            site.resolve("/", "https://example.com/"),
            Resolution::External
        );
        assert_eq!(site.resolve("/", "mailto:a@b.c"), Resolution::External);
        assert!(matches!(
            site.resolve("/", "/About"),
            Resolution::Missing(Missing {
                case_mismatch: Some(_),
                ..
            })
        ));
        assert!(matches!(
            site.resolve("/", "/about/"),
            Resolution::Missing(_)
        ));
    }

    #[test]
    fn baseurl_must_prefix_root_relative_links() {
        let site = model("/blog", &["/index.html", "/about.html"]);
        assert_eq!(site.resolve("/", "about.html"), Resolution::Found);
        assert_eq!(site.resolve("/", "/blog/about.html"), Resolution::Found);
        assert_eq!(site.resolve("/", "/blog"), Resolution::Found);
        assert!(matches!(
            site.resolve("/", "/about.html"),
            Resolution::Missing(Missing {
                outside_root: true,
                ..
            })
        ));
    }

    #[test]
    fn nearest_prefers_same_folder() {
        let site = model("", &["/images/logo.png", "/img/logo.png", "/about.html"]);
        assert_eq!(
            site.nearest("/images/logo.pngg").as_deref(),
            Some("/images/logo.png")
        );
        assert_eq!(site.nearest("/abut").as_deref(), Some("/about.html"));
        assert_eq!(
            site.nearest("/pics/logo.png").as_deref(),
            Some("/images/logo.png")
        );
        assert_eq!(site.nearest("/zzzzzzzz"), None);
    }
}
