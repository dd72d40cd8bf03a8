//! What a site is: a Jekyll source tree (a folder with `_config.yml`) or a built output folder,
//! and, for Jekyll, the settings that decide which files are pages and what URL each gets.

use std::ops::Range;
use std::path::Path;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;

/// How the folder is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Jekyll sources: front matter, permalinks, collections, layouts and includes.
    Jekyll,
    /// Built HTML: a file's URL is its path.
    Built,
}

/// A Jekyll collection.
#[derive(Debug, Clone)]
pub(crate) struct Collection {
    pub name: String,
    pub output: bool,
    pub permalink: Option<String>,
}

/// One entry of `defaults:`.
#[derive(Debug, Clone)]
pub(crate) struct FrontMatterDefault {
    pub path: String,
    pub kind: Option<String>,
    pub values: serde_json::Map<String, Value>,
}

/// Settings of a site.
#[derive(Debug, Clone)]
pub(crate) struct SiteConfig {
    pub mode: Mode,
    /// `baseurl` normalised to `""` or `/path` (no trailing slash).
    pub baseurl: String,
    /// `url` (scheme and host) as written.
    pub url: String,
    /// `permalink` style (`date` by default).
    pub permalink: String,
    pub collections: Vec<Collection>,
    pub defaults: Vec<FrontMatterDefault>,
    exclude: Vec<String>,
    exclude_globs: GlobSet,
    include: Vec<String>,
    /// Custom domain from `CNAME`.
    pub cname: Option<String>,
    /// Byte range of the `baseurl` value in `_config.yml`, for diagnostics.
    pub baseurl_span: Option<Range<usize>>,
    /// How Markdown headings get their ids.
    pub heading_ids: HeadingIds,
    /// Files the site's plugins write (`/feed.xml` of jekyll-feed, `/sitemap.xml` and
    /// `/robots.txt` of jekyll-sitemap), as output paths.
    pub generated: Vec<String>,
}

/// What the plugins listed in `plugins:` (or the older `gems:`) write, as output paths.
/// Only files at fixed or configured paths; plugins that write per-page files (redirects,
/// pagination) are not modelled.
fn plugin_outputs(config: &Value) -> Vec<String> {
    let listed: Vec<String> = ["plugins", "gems"]
        .iter()
        .filter_map(|key| config.get(*key).and_then(Value::as_array))
        .flatten()
        .filter_map(value_as_string)
        .collect();
    let mut out = Vec::new();
    for plugin in &listed {
        match plugin.as_str() {
            "jekyll-feed" => {
                let path = config
                    .get("feed")
                    .and_then(|f| f.get("path"))
                    .and_then(value_as_string)
                    .unwrap_or_else(|| "feed.xml".into());
                out.push(format!("/{}", path.trim_start_matches('/')));
            }
            "jekyll-sitemap" => {
                out.push("/sitemap.xml".into());
                // It writes `robots.txt` unless the site has one (then that one is served).
                out.push("/robots.txt".into());
            }
            _ => {}
        }
    }
    out
}

/// The id generator of the site's Markdown engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeadingIds {
    /// GitHub's (plain Markdown repositories, README-style docs).
    Github,
    /// kramdown with its GFM parser: Jekyll's default (`kramdown: input: GFM`).
    KramdownGfm { prefix: String },
    /// kramdown with its own parser (`kramdown: input: kramdown`).
    Kramdown {
        prefix: String,
        transliterated: bool,
    },
    /// `kramdown: auto_ids: false`: only explicit ids.
    None,
}

impl HeadingIds {
    /// From the `kramdown:` settings of `_config.yml` (Jekyll's defaults when absent).
    fn from_config(config: &Value) -> Self {
        let kramdown = config.get("kramdown");
        let get = |key: &str| kramdown.and_then(|k| k.get(key));
        if let Some(markdown) = config.get("markdown").and_then(Value::as_str) {
            if !markdown.eq_ignore_ascii_case("kramdown") {
                // CommonMark/GFM converters (jekyll-commonmark-ghpages) slug like GitHub.
                return Self::Github;
            }
        }
        if get("auto_ids").and_then(Value::as_bool) == Some(false) {
            return Self::None;
        }
        let prefix = get("auto_id_prefix")
            .and_then(value_as_string)
            .unwrap_or_default();
        let input = get("input").and_then(Value::as_str).unwrap_or("GFM");
        if input.eq_ignore_ascii_case("gfm") {
            Self::KramdownGfm { prefix }
        } else {
            Self::Kramdown {
                prefix,
                transliterated: get("transliterated_header_ids").and_then(Value::as_bool)
                    == Some(true),
            }
        }
    }
}

/// Jekyll's default `exclude` list (plus `_site`, its destination, and all of `vendor`).
const DEFAULT_EXCLUDES: &[&str] = &[
    ".sass-cache",
    ".jekyll-cache",
    ".jekyll-metadata",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor",
    "_site",
    ".git",
];

/// The Markdown extensions Jekyll converts by default (`markdown_ext`).
pub(crate) const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mkdown", "mkdn", "mkd"];

impl SiteConfig {
    /// Settings of a built output folder.
    pub(crate) fn built() -> Self {
        Self {
            mode: Mode::Built,
            baseurl: String::new(),
            url: String::new(),
            permalink: "date".into(),
            collections: Vec::new(),
            defaults: Vec::new(),
            exclude: vec![".git".into()],
            exclude_globs: GlobSet::empty(),
            include: Vec::new(),
            cname: None,
            baseurl_span: None,
            heading_ids: HeadingIds::Github,
            generated: Vec::new(),
        }
    }

    /// Settings from a parsed `_config.yml` (an empty mapping when it failed to parse).
    pub(crate) fn jekyll(config: &Value, config_text: &str, cname: Option<String>) -> Self {
        let string = |key: &str| {
            config
                .get(key)
                .and_then(value_as_string)
                .unwrap_or_default()
        };
        let baseurl = normalise_baseurl(&string("baseurl"));
        let mut collections: Vec<Collection> = Vec::new();
        match config.get("collections") {
            Some(Value::Object(map)) => {
                for (name, settings) in map {
                    collections.push(Collection {
                        name: name.clone(),
                        output: settings
                            .get("output")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                        permalink: settings.get("permalink").and_then(value_as_string),
                    });
                }
            }
            Some(Value::Array(names)) => {
                for name in names.iter().filter_map(value_as_string) {
                    collections.push(Collection {
                        name,
                        output: false,
                        permalink: None,
                    });
                }
            }
            _ => {}
        }
        if !collections.iter().any(|c| c.name == "posts") {
            collections.push(Collection {
                name: "posts".into(),
                output: true,
                permalink: None,
            });
        }
        let defaults = config
            .get("defaults")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .filter_map(|entry| {
                        let scope = entry.get("scope");
                        let values = entry.get("values")?.as_object()?.clone();
                        Some(FrontMatterDefault {
                            path: scope
                                .and_then(|s| s.get("path"))
                                .and_then(value_as_string)
                                .unwrap_or_default(),
                            kind: scope.and_then(|s| s.get("type")).and_then(value_as_string),
                            values,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let list = |key: &str| -> Vec<String> {
            config
                .get(key)
                .and_then(Value::as_array)
                .map(|items| items.iter().filter_map(value_as_string).collect())
                .unwrap_or_default()
        };
        let mut exclude: Vec<String> = DEFAULT_EXCLUDES.iter().map(|s| (*s).to_string()).collect();
        exclude.extend(list("exclude"));
        let mut builder = GlobSetBuilder::new();
        for pattern in &exclude {
            let pattern = pattern.trim_matches('/');
            if pattern.contains(['*', '?', '[']) {
                if let Ok(glob) = Glob::new(pattern) {
                    builder.add(glob);
                }
            }
        }
        Self {
            mode: Mode::Jekyll,
            baseurl,
            url: string("url"),
            permalink: config
                .get("permalink")
                .and_then(value_as_string)
                .unwrap_or_else(|| "date".into()),
            collections,
            defaults,
            exclude,
            exclude_globs: builder.build().unwrap_or_else(|_| GlobSet::empty()),
            include: list("include"),
            cname,
            baseurl_span: find_top_level_value(config_text, "baseurl"),
            heading_ids: HeadingIds::from_config(config),
            generated: plugin_outputs(config),
        }
    }

    /// The path the site is served under: `/` on a custom domain (CNAME), else `baseurl`.
    pub(crate) fn served_root(&self) -> &str {
        if self.cname.is_some() || self.baseurl.is_empty() {
            "/"
        } else {
            &self.baseurl
        }
    }

    /// Hosts that are this site (absolute links to them are internal).
    pub(crate) fn own_hosts(&self) -> Vec<String> {
        let mut hosts = Vec::new();
        if let Some(cname) = &self.cname {
            hosts.push(cname.to_ascii_lowercase());
        }
        if let Ok(url) = url::Url::parse(&self.url) {
            if let Some(host) = url.host_str() {
                hosts.push(host.to_ascii_lowercase());
            }
        }
        hosts
    }

    /// Is the relative path (with `/`) excluded from the site (Jekyll's `exclude`, or hidden)?
    pub(crate) fn is_excluded(&self, relative: &str) -> bool {
        let included = |path: &str| {
            self.include.iter().any(|i| {
                path == i.trim_matches('/')
                    || path.starts_with(&format!("{}/", i.trim_matches('/')))
            })
        };
        for pattern in &self.exclude {
            let pattern = pattern.trim_matches('/');
            if relative == pattern || relative.starts_with(&format!("{pattern}/")) {
                return !included(relative);
            }
        }
        if self.exclude_globs.is_match(relative) {
            return !included(relative);
        }
        if self.mode == Mode::Jekyll {
            // Jekyll skips names starting with `.`, `#` or ending with `~`, unless included.
            // (`_` names are special folders, classified by the caller.)
            for component in relative.split('/') {
                if (component.starts_with('.') && component != ".htaccess")
                    || component.starts_with('#')
                    || component.ends_with('~')
                {
                    return !included(relative);
                }
            }
        }
        false
    }

    /// The collection whose folder (`_name/`) holds `relative`, if any.
    /// Labels of every collection (`posts` included: `site.posts` is always a collection).
    pub(crate) fn collection_labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = self.collections.iter().map(|c| c.name.clone()).collect();
        if !labels.iter().any(|l| l == "posts") {
            labels.push("posts".into());
        }
        labels
    }

    pub(crate) fn collection_of(&self, relative: &str) -> Option<&Collection> {
        let first = relative.split('/').next()?;
        let name = first.strip_prefix('_')?;
        self.collections.iter().find(|c| c.name == name)
    }

    /// Front matter defaults for a file, merged in order (later scopes win).
    pub(crate) fn defaults_for(
        &self,
        relative: &str,
        kind: &str,
    ) -> serde_json::Map<String, Value> {
        let mut merged = serde_json::Map::new();
        for default in &self.defaults {
            let path = default.path.trim_matches('/');
            let path_matches = path.is_empty()
                || relative == path
                || relative.starts_with(&format!("{path}/"))
                || (path.contains('*')
                    && Glob::new(path).is_ok_and(|g| g.compile_matcher().is_match(relative)));
            let kind_matches = default.kind.as_deref().is_none_or(|k| k == kind);
            if path_matches && kind_matches {
                for (key, value) in &default.values {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
        merged
    }
}

/// `"/blog/"` → `/blog`, `"blog"` → `/blog`, `""`/`"/"` → `""`.
fn normalise_baseurl(baseurl: &str) -> String {
    let trimmed = baseurl.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// A YAML scalar as a string (numbers and booleans too, as Jekyll would print them).
pub(crate) fn value_as_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Byte range of the value of a top-level `key:` in YAML text (quotes excluded), for pointing
/// diagnostics at it. A plain scan: serde-saphyr values carry no spans through `serde_json`.
fn find_top_level_value(text: &str, key: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key) {
            if let Some(after_colon) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') {
                let value_start = offset + line.len() - after_colon.len();
                let value_text = after_colon.trim_end_matches(['\n', '\r']);
                let leading = value_text.len() - value_text.trim_start().len();
                let mut value = value_text.trim_start();
                // Strip a trailing comment.
                if let Some(hash) = value.find(" #") {
                    value = &value[..hash];
                }
                let value = value.trim_end();
                let start = value_start + leading;
                let (start, len) = if value.len() >= 2
                    && ((value.starts_with('"') && value.ends_with('"'))
                        || (value.starts_with('\'') && value.ends_with('\'')))
                {
                    (start + 1, value.len() - 2)
                } else {
                    (start, value.len())
                };
                return Some(start..start + len);
            }
        }
        offset += line.len();
    }
    None
}

/// Read `CNAME` in the site root: the first non-empty line, if any.
pub(crate) fn read_cname(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("CNAME")).ok()?;
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseurl_value_span_excludes_quotes_and_comment() {
        let text = "title: x\nbaseurl: \"/ler\" # the subpath\nurl: \"\"\n";
        let span = find_top_level_value(text, "baseurl").unwrap();
        assert_eq!(&text[span], "/ler");
    }

    #[test]
    fn served_root_is_slash_on_custom_domain() {
        let config = serde_json::json!({"baseurl": "/blog/"});
        let site = SiteConfig::jekyll(&config, "", None);
        assert_eq!(site.served_root(), "/blog");
        let site = SiteConfig::jekyll(&config, "", Some("example.org".into()));
        assert_eq!(site.served_root(), "/");
    }

    #[test]
    fn excludes_defaults_globs_and_hidden() {
        let config =
            serde_json::json!({"exclude": ["drafts/", "*.txt"], "include": [".well-known"]});
        let site = SiteConfig::jekyll(&config, "", None);
        assert!(site.is_excluded("node_modules/x/index.html"));
        assert!(site.is_excluded("drafts/a.md"));
        assert!(site.is_excluded("notes.txt"));
        assert!(site.is_excluded(".github/workflows/ci.yml"));
        assert!(!site.is_excluded(".well-known/security.txt"));
        assert!(!site.is_excluded("about.md"));
    }
}
