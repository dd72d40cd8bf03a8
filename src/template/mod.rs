//! Jekyll templates: pages, their layout chain and includes, rendered with Liquid per page so
//! that every URL a page is served with is checked, and every finding points at the template
//! line that wrote it. See `parse` (Liquid with spans) and `render` (evaluation with a map from
//! output bytes back to source bytes).

pub(crate) mod filters;
pub(crate) mod load;
pub(crate) mod parse;
pub(crate) mod render;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use crate::diagnostic::FileName;
use crate::site::config::SiteConfig;

pub(crate) use render::{Origin, Rendered, Renderer};

/// Which file a span is in: the page being rendered, or a layout/include of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SourceRef {
    Page,
    Library(usize),
}

/// A layout or include, parsed once and rendered for every page that uses it.
#[derive(Debug)]
pub(crate) struct Entry {
    /// Path relative to the site root (`_includes/footer.html`).
    pub path: String,
    pub file: Arc<FileName>,
    /// The text with its front matter blanked (offsets unchanged).
    pub text: String,
    pub template: parse::Template,
    /// Its front matter (`layout:` of a layout, `layout.*` variables).
    pub front: Value,
}

/// Everything rendering needs that is the same for every page.
#[derive(Debug, Default)]
pub(crate) struct Library {
    entries: Vec<Entry>,
    by_path: HashMap<String, usize>,
    /// `site`: the configuration with `data` (from `_data/`) and Jekyll's defaults.
    pub site: Value,
    /// Collection labels (`site.<label>` is a document list we do not model yet).
    pub collections: Vec<String>,
    /// Every source file path (for `include_relative` of non-template files).
    sources: HashSet<String>,
    /// Source path → URL of every page and document (`{% link %}`, `{% post_url %}`).
    urls: HashMap<String, String>,
    baseurl: String,
    url: String,
}

/// `a/./b/../c` → `a/c`.
pub(crate) fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

impl Library {
    pub(crate) fn new(
        site: &SiteConfig,
        config: &Value,
        data: Value,
        lists: serde_json::Map<String, Value>,
        entries: Vec<Entry>,
        sources: HashSet<String>,
    ) -> Self {
        let mut site_value = match config {
            Value::Object(map) => map.clone(),
            _ => serde_json::Map::new(),
        };
        let mut urls = HashMap::new();
        for key in ["pages", "documents"] {
            for item in lists
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let (Some(path), Some(url)) = (
                    item.get("path").and_then(Value::as_str),
                    item.get("url").and_then(Value::as_str),
                ) {
                    urls.insert(path.to_string(), url.to_string());
                }
            }
        }
        site_value.extend(lists);
        site_value.insert("data".into(), data);
        site_value.insert("baseurl".into(), Value::String(site.baseurl.clone()));
        site_value.insert("url".into(), Value::String(site.url.clone()));
        let by_path = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.path.clone(), i))
            .collect();
        Self {
            entries,
            by_path,
            site: Value::Object(site_value),
            collections: site.collection_labels(),
            sources,
            urls,
            baseurl: site.baseurl.clone(),
            url: site.url.clone(),
        }
    }

    pub(crate) fn find(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    pub(crate) fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    pub(crate) fn exists_on_disk(&self, path: &str) -> bool {
        self.sources.contains(path)
    }

    /// The URL `{% link path %}` or `{% post_url name %}` gives, when it does not depend on the
    /// Jekyll version: Jekyll 4 prefixes `baseurl`, Jekyll 3 (GitHub Pages) does not, so with a
    /// `baseurl` the value is left undecided.
    pub(crate) fn tag_url(&self, path: &str, post: bool) -> Option<String> {
        if !self.baseurl.is_empty() {
            return None;
        }
        let path = path.trim().trim_start_matches('/');
        if !post {
            return self.urls.get(path).cloned();
        }
        self.urls.iter().find_map(|(source, url)| {
            let (folder, file) = source.rsplit_once('/')?;
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            let wanted = path.rsplit('/').next().unwrap_or(path);
            (folder.ends_with("_posts") && stem == wanted).then(|| url.clone())
        })
    }

    /// The layout named `name` (`default` → `_layouts/default.html`, any extension).
    pub(crate) fn layout(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.find(&format!("_layouts/{name}.html")).or_else(|| {
            let prefix = format!("_layouts/{name}.");
            self.entries
                .iter()
                .position(|e| e.path.starts_with(&prefix) && !e.path[prefix.len()..].contains('/'))
        })
    }

    /// Jekyll's `relative_url`: `baseurl` prepended to a path (absolute URLs unchanged).
    pub(crate) fn relative_url(&self, input: &str) -> String {
        if url::Url::parse(input).is_ok() {
            return input.to_string();
        }
        let leading = |part: &str| {
            if part.is_empty() || part.starts_with('/') {
                part.to_string()
            } else {
                format!("/{part}")
            }
        };
        format!("{}{}", leading(&self.baseurl), leading(input))
    }

    /// Jekyll's `absolute_url`: `url` + `relative_url`.
    pub(crate) fn absolute_url(&self, input: &str) -> String {
        let relative = self.relative_url(input);
        if url::Url::parse(&relative).is_ok() {
            relative
        } else {
            format!("{}{}", self.url.trim_end_matches('/'), relative)
        }
    }
}

/// A page rendered: its own body, then each layout of its chain, innermost first.
pub(crate) struct Composed {
    pub parts: Vec<Rendered>,
}

/// Render a page (`page_text` with front matter blanked) and its layout chain.
pub(crate) fn compose(
    library: &Library,
    page: &Value,
    page_path: &str,
    page_text: &str,
    page_template: &parse::Template,
) -> Composed {
    let mut parts = Vec::new();
    let mut renderer = Renderer::new(library, page, None, page_path);
    renderer.render(page_template, SourceRef::Page, page_text);
    parts.push(renderer.out);
    let mut layout_name = page
        .get("layout")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut seen = Vec::new();
    while let Some(name) = layout_name.take() {
        if name.is_empty() || name == "none" || name == "null" {
            break;
        }
        // A layout that does not exist: Jekyll warns and renders without it.
        let Some(index) = library.layout(&name) else {
            break;
        };
        if seen.contains(&index) {
            break; // A layout cycle: Jekyll stops too.
        }
        seen.push(index);
        let entry = library.entry(index);
        let mut renderer = Renderer::new(library, page, Some(entry.front.clone()), page_path);
        renderer.render(&entry.template, SourceRef::Library(index), &entry.text);
        parts.push(renderer.out);
        layout_name = entry
            .front
            .get("layout")
            .and_then(Value::as_str)
            .map(str::to_string);
    }
    Composed { parts }
}

/// Is every byte of `rendered` known? Plugin tags that only write `<head>` metadata
/// (`{% seo %}`, `{% feed_meta %}`) do not count: they define no ids a link could target.
pub(crate) fn fully_known(rendered: &Rendered, library: &Library, page_text: &str) -> bool {
    rendered.segments.iter().all(|segment| {
        let Origin::Unknown { file, span } = &segment.origin else {
            return true;
        };
        let text = match file {
            SourceRef::Page => page_text,
            SourceRef::Library(index) => library.entry(*index).text.as_str(),
        };
        let source = text.get(span.clone()).unwrap_or_default();
        let tag = source
            .trim_start_matches("{%")
            .trim_start_matches('-')
            .split_whitespace()
            .next()
            .unwrap_or_default();
        source.starts_with("{%") && matches!(tag, "seo" | "feed_meta" | "link" | "post_url")
    })
}

/// Where a span of rendered output was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mapped {
    /// Copied verbatim: the exact source span.
    Exact { file: SourceRef, span: Range<usize> },
    /// Made (partly) by Liquid: the span of the Liquid and the text around it that the output
    /// came from, and the loop iteration it was made in.
    Evaluated {
        file: SourceRef,
        span: Range<usize>,
        context: Option<Arc<str>>,
    },
    /// Made by Liquid we cannot decide.
    Unknown { file: SourceRef, span: Range<usize> },
}

/// Map a span of `rendered.text` back to the source.
pub(crate) fn map_span(rendered: &Rendered, span: &Range<usize>) -> Option<Mapped> {
    let segments = rendered.segments_for(span);
    let first = segments.first()?;
    if let Some(unknown) = segments
        .iter()
        .find(|s| matches!(s.origin, Origin::Unknown { .. }))
    {
        let Origin::Unknown { file, span } = &unknown.origin else {
            unreachable!("matched above")
        };
        return Some(Mapped::Unknown {
            file: *file,
            span: span.clone(),
        });
    }
    // All copied from one file, contiguously: exact.
    let all_copy = segments
        .iter()
        .all(|s| matches!(s.origin, Origin::Copy { .. }));
    if all_copy {
        let Origin::Copy { file, start } = first.origin else {
            unreachable!("all copies")
        };
        let contiguous = segments
            .windows(2)
            .all(|pair| match (&pair[0].origin, &pair[1].origin) {
                (Origin::Copy { file: a, start: s0 }, Origin::Copy { file: b, start: s1 }) => {
                    a == b && s0 + pair[0].out.len() == *s1
                }
                _ => false,
            });
        if contiguous {
            let begin = start + (span.start - first.out.start);
            return Some(Mapped::Exact {
                file,
                span: begin..begin + span.len(),
            });
        }
    }
    // Made by Liquid: cover the Liquid and the literal text of the value in the file of the
    // first expression.
    let expression = segments
        .iter()
        .find(|s| matches!(s.origin, Origin::Expr { .. }))
        .unwrap_or(first);
    let (file, context) = match &expression.origin {
        Origin::Expr { file, context, .. } => (*file, context.clone()),
        Origin::Copy { file, .. } | Origin::Unknown { file, .. } => (*file, None),
    };
    let mut covered: Option<Range<usize>> = None;
    for segment in segments {
        let source = match &segment.origin {
            Origin::Expr {
                file: f, span: s, ..
            } if *f == file => s.clone(),
            Origin::Copy { file: f, start } if *f == file => {
                let from = span.start.max(segment.out.start) - segment.out.start + start;
                let to = span.end.min(segment.out.end).max(segment.out.start) - segment.out.start
                    + start;
                from..to.max(from)
            }
            _ => continue,
        };
        covered = Some(match covered {
            None => source,
            Some(c) => c.start.min(source.start)..c.end.max(source.end),
        });
    }
    Some(Mapped::Evaluated {
        file,
        span: covered?,
        context,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(data: Value) -> Library {
        let config = serde_json::json!({"baseurl": "/base", "title": "T"});
        let site = SiteConfig::jekyll(&config, "", None);
        Library::new(
            &site,
            &config,
            data,
            serde_json::Map::new(),
            Vec::new(),
            HashSet::new(),
        )
    }

    fn render(library: &Library, source: &str) -> Rendered {
        let page = serde_json::json!({"url": "/a/b.html", "title": "Hi"});
        let template = parse::parse(source);
        let mut renderer = Renderer::new(library, &page, None, "a/b.md");
        renderer.render(&template, SourceRef::Page, source);
        renderer.out
    }

    #[test]
    fn loops_over_data_and_maps_back() {
        let lib = library(
            serde_json::json!({"nav": [{"page": "About", "url": "/about"}, {"page": "Stakeholders"}]}),
        );
        let source = "{% for item in site.data.nav %}<a href=\"{{ site.baseurl }}{{ item.url }}\">{% endfor %}";
        let out = render(&lib, source);
        assert_eq!(out.text, "<a href=\"/base/about\"><a href=\"/base\">");
        let value = out.text.find("/base/about").unwrap();
        let mapped = map_span(&out, &(value..value + 11)).unwrap();
        let Mapped::Evaluated { span, context, .. } = mapped else {
            panic!("{mapped:?}")
        };
        assert_eq!(&source[span], "{{ site.baseurl }}{{ item.url }}");
        assert_eq!(context.as_deref(), Some("item `About`"));
        let second = out.text.rfind("/base").unwrap();
        let Some(Mapped::Evaluated { context, .. }) = map_span(&out, &(second..second + 5)) else {
            panic!()
        };
        assert_eq!(context.as_deref(), Some("item `Stakeholders`"));
    }

    #[test]
    fn assigns_conditions_and_filters() {
        let lib = library(Value::Null);
        let source = "{% assign depth = page.url | split: '/' | size | minus: 1 %}{% if depth <= 1 %}{% assign base = '.' %}{% elsif depth == 2 %}{% assign base = '..' %}{% endif %}<img src=\"{{ base }}/x.png\">";
        let out = render(&lib, source);
        assert_eq!(out.text, "<img src=\"../x.png\">");
        let copied = out.text.find("<img").unwrap();
        assert_eq!(
            map_span(&out, &(copied..copied + 4)),
            Some(Mapped::Exact {
                file: SourceRef::Page,
                span: source.find("<img").unwrap()..source.find("<img").unwrap() + 4
            })
        );
    }

    #[test]
    fn undecidable_values_are_never_guessed() {
        let lib = library(Value::Null);
        let out = render(&lib, "<a href=\"{{ page.date | date: '%Y' }}\">{% for p in site.pages %}<a href=\"{{ p.url }}\">{% endfor %}{% if site.github %}{% assign x = 'a' %}{% endif %}[{{ x }}]");
        let href = out.text.find("href=\"").unwrap() + 6;
        assert!(matches!(
            map_span(&out, &(href..href)),
            Some(Mapped::Unknown { .. })
        ));
        assert!(out.text.ends_with("[]"), "{}", out.text);
        assert!(matches!(
            out.segments.last().map(|s| &s.origin),
            Some(Origin::Copy { .. })
        ));
        let x = out.text.rfind('[').unwrap() + 1;
        assert!(matches!(
            map_span(&out, &(x..x)),
            Some(Mapped::Unknown { .. })
        ));
    }
}
