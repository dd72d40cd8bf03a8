//! One file, parsed: its elements with spans (for per-element rules) and the facts site rules
//! need from it (references with locations, license claims), which is all that outlives the
//! parallel map stage.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::FileName;
use crate::parse::css::{css_references, CssRefKind};
use crate::parse::html::{Element, Scan};
use crate::parse::liquid::Masked;
use crate::parse::srcset::parse_srcset;
use crate::site::config::SiteConfig;
use crate::source::{LineIndex, Location};
use crate::template::{map_span, Library, Mapped, Rendered, SourceRef};

/// What a file is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// A rendered page (Jekyll page or collection document, or any HTML file of a built site).
    Page,
    /// A Jekyll layout or include: per-element rules only; its relative links depend on the
    /// page that uses it, so they are not resolved here.
    Template,
    /// A stylesheet: `url()` and `@import` are resolved relative to it.
    Stylesheet,
}

/// Whether a reference points at a page to navigate to or at a resource the page loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReferenceKind {
    Link,
    Asset,
}

/// A URL written in a file, with where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    pub kind: ReferenceKind,
    /// The URL (attribute value decoded, or the value a template expression evaluates to).
    pub url: String,
    pub location: Location,
    /// What wrote it, for messages: `img src`, `a href`, `Markdown link`, `CSS url()`.
    pub origin: &'static str,
    /// Written as Markdown link syntax (so `jekyll-relative-links` applies to `.md` targets).
    pub markdown: bool,
    /// The value came from evaluating Liquid (`{{ site.baseurl }}/x`), shown in messages.
    pub template: Option<String>,
    /// Written in a layout or include rather than in the page itself.
    pub written_in: Option<Arc<FileName>>,
    /// The loop iteration that produced it, such as ``item `About` ``.
    pub context: Option<Arc<str>>,
}

/// A URL made by Liquid that sitelint could not decide, so did not check.
#[derive(Debug, Clone)]
pub(crate) struct Unevaluated {
    /// The file the Liquid is written in.
    pub file: Arc<FileName>,
    /// Where.
    pub location: Location,
    /// The Liquid that could not be decided (`{{ page.date | date: "%Y" }}`).
    pub liquid: String,
}

/// A page's claim of a license (a `rel="license"` link or a link to a known license deed).
#[derive(Debug, Clone)]
pub(crate) struct LicenseClaim {
    pub spdx: &'static str,
    pub location: Location,
}

/// Everything the site stage needs from a file.
#[derive(Debug)]
pub(crate) struct Facts {
    pub file: Arc<FileName>,
    /// Liquid spans whose URL could not be decided, by file and offset (deduplicated later:
    /// a layout's undecidable URL counts once, not once per page).
    pub skipped: Vec<Unevaluated>,
    /// References come from the rendered page (its `templated_skipped` is then per page).
    pub rendered: bool,
    /// The output path it is served as (`/about.html`), for links to it.
    pub served: Option<String>,
    /// A page whose ids are fragment targets (HTML or Markdown rendered to HTML).
    pub has_ids: bool,
    /// The ids it defines, in document order.
    pub ids: Vec<crate::rules::fragments::PageId>,
    /// The names of `ids`, once the page is resolved (then `ids` is emptied).
    pub id_names: crate::rules::fragments::IdNames,
    /// False when some of its output could not be decided (an id may hide there).
    pub ids_complete: bool,
    /// The page's `<base href>` (the first one), which relative URLs resolve against.
    pub base: Option<String>,
    /// `{% include %}` tags that found nothing, `{% link %}` and `{% post_url %}` tags.
    pub tags: Vec<crate::rules::template_tags::TagUse>,
    pub kind: FileKind,
    /// The URL the file is served at (for resolving its relative references).
    pub url: String,
    /// Every reference, until the page is resolved against the site ([`crate::rules::resolve`]).
    pub references: Vec<Reference>,
    /// Links into other pages' fragments, kept once the page is resolved.
    pub pending_fragments: Vec<crate::rules::fragments::PendingFragment>,
    /// The page's findings from resolving its references.
    pub resolved: Option<crate::rules::Resolved>,
    pub license_claims: Vec<LicenseClaim>,
    /// URLs with Liquid we could not evaluate statically (counted, never reported).
    pub templated_skipped: u32,
    /// Accessibility findings on the page as served, and whether each is written in a layout
    /// or include (then reported once for all the pages that share it).
    pub a11y: Vec<(crate::diagnostic::Diagnostic, bool)>,
}

impl Facts {
    /// The URL this page's relative references resolve against (`None`: another site, from a
    /// `<base href>` elsewhere), and whether a `<base>` changed it.
    pub(crate) fn base_url(&self, model: &crate::site::model::SiteModel) -> Option<String> {
        match &self.base {
            None => Some(self.url.clone()),
            Some(base) => model.rebase(&self.url, base),
        }
    }
}

/// The first `<base href>` of a document (outside `<template>`), which browsers honour.
pub(crate) fn base_href(elements: &[Element]) -> Option<String> {
    elements
        .iter()
        .find(|e| e.name == "base" && !e.in_template && e.attribute("href").is_some())
        .and_then(|e| e.value("href"))
        .map(str::to_string)
}

/// A parsed file, alive only during its own per-document rules.
pub(crate) struct Document<'a> {
    pub file: &'a Arc<FileName>,
    /// The loaded text (what spans index).
    pub text: &'a str,
    pub lines: &'a LineIndex<'a>,
    pub elements: Vec<Element<'a>>,
    /// Liquid in the file (empty outside Jekyll sources).
    pub liquid: &'a Masked<'a>,
}

impl Document<'_> {
    /// Location of a byte range.
    pub(crate) fn location(&self, range: Range<usize>) -> Location {
        self.lines.location(range)
    }

    /// Is this span (partly) Liquid?
    pub(crate) fn is_templated(&self, span: &Range<usize>) -> bool {
        self.liquid.overlaps(span)
    }
}

/// Attributes whose value is a URL, and what kind of reference each makes.
fn url_attribute(element: &Element, attribute: &str) -> Option<(ReferenceKind, &'static str)> {
    use ReferenceKind::{Asset, Link};
    // The attribute's name first: every attribute of every element comes here, and few are
    // one of these.
    if !matches!(
        attribute,
        "href" | "src" | "action" | "formaction" | "poster" | "data" | "xlink:href"
    ) {
        return None;
    }
    Some(match (element.name.as_str(), attribute) {
        ("a", "href") => (Link, "a href"),
        ("area", "href") => (Link, "area href"),
        ("iframe", "src") => (Link, "iframe src"),
        ("form", "action") => (Link, "form action"),
        ("button" | "input", "formaction") => (Link, "formaction"),
        ("img", "src") => (Asset, "img src"),
        ("source", "src") => (Asset, "source src"),
        ("script", "src") => (Asset, "script src"),
        ("video", "src") => (Asset, "video src"),
        ("video", "poster") => (Asset, "video poster"),
        ("audio", "src") => (Asset, "audio src"),
        ("track", "src") => (Asset, "track src"),
        ("object", "data") => (Asset, "object data"),
        ("embed", "src") => (Asset, "embed src"),
        ("input", "src")
            if element
                .value("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("image")) =>
        {
            (Asset, "input src")
        }
        ("image" | "use" | "feimage", "href" | "xlink:href") if element.foreign => {
            (Asset, "svg href")
        }
        ("link", "href") => {
            let rel = element.value("rel").unwrap_or("").to_ascii_lowercase();
            let tokens: Vec<&str> = rel.split_ascii_whitespace().collect();
            if tokens
                .iter()
                .any(|t| matches!(*t, "preconnect" | "dns-prefetch"))
            {
                return None;
            }
            let asset = tokens.iter().any(|t| {
                matches!(
                    *t,
                    "stylesheet"
                        | "icon"
                        | "apple-touch-icon"
                        | "apple-touch-icon-precomposed"
                        | "mask-icon"
                        | "manifest"
                        | "preload"
                        | "modulepreload"
                        | "prefetch"
                        | "image_src"
                )
            });
            if asset {
                (Asset, "link href")
            } else {
                (Link, "link href")
            }
        }
        _ => return None,
    })
}

/// Where the value of an attribute written `name=""` (or `name=''`) starts; `None` for a bare
/// attribute without `=`.
fn empty_value_position(text: &str, name_span: &Range<usize>) -> Option<usize> {
    let rest = text.get(name_span.end..)?;
    let after_name = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    let after_equals = after_name.strip_prefix('=')?;
    let value = after_equals.trim_start_matches([' ', '\t', '\n', '\r']);
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    value[1..]
        .starts_with(quote)
        .then(|| text.len() - value.len() + 1)
}

/// Is this value, as written, the same bytes as decoded (no character references)? Then a
/// sub-span of the value maps to the source one-to-one.
fn same_as_source(text: &str, span: &Range<usize>, value: &str) -> bool {
    text.get(span.clone()) == Some(value)
}

/// Evaluate the Liquid a URL is made of when it only uses site settings: `{{ site.baseurl }}`,
/// `{{ site.url }}`, `{{ 'x' | relative_url }}`, `{{ 'x' | absolute_url }}`. Anything else
/// (variables, tags) cannot be decided here: `None`.
pub(crate) fn evaluate_url_template(source: &str, site: &SiteConfig) -> Option<String> {
    if source.contains("{%") {
        return None;
    }
    let mut out = String::new();
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let close = rest[open..].find("}}")? + open;
        let expression = rest[open + 2..close].trim_matches('-').trim();
        out.push_str(&evaluate_expression(expression, site)?);
        rest = &rest[close + 2..];
    }
    out.push_str(rest);
    Some(out)
}

fn relative_url(input: &str, site: &SiteConfig) -> String {
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
    format!("{}{}", leading(&site.baseurl), leading(input))
}

fn evaluate_expression(expression: &str, site: &SiteConfig) -> Option<String> {
    let mut parts = expression.split('|').map(str::trim);
    let head = parts.next()?;
    let mut value = match head {
        "site.baseurl" => site.baseurl.clone(),
        "site.url" => site.url.clone(),
        quoted
            if quoted.len() >= 2
                && ((quoted.starts_with('\'') && quoted.ends_with('\''))
                    || (quoted.starts_with('"') && quoted.ends_with('"'))) =>
        {
            quoted[1..quoted.len() - 1].to_string()
        }
        _ => return None,
    };
    for filter in parts {
        value = match filter {
            "relative_url" => relative_url(&value, site),
            "absolute_url" => {
                let relative = relative_url(&value, site);
                if url::Url::parse(&relative).is_ok() {
                    relative
                } else {
                    format!("{}{}", site.url.trim_end_matches('/'), relative)
                }
            }
            _ => return None,
        };
    }
    Some(value)
}

/// Maps spans of rendered output back to the files that wrote them.
pub(crate) struct OutputMap<'a> {
    pub rendered: &'a Rendered,
    pub library: &'a Library,
    pub page_file: &'a Arc<FileName>,
    pub page_text: &'a str,
    /// Line indexes of library files, built when first needed.
    pub lines: std::collections::HashMap<usize, LineIndex<'a>>,
}

impl<'a> OutputMap<'a> {
    /// The file, the file if it is a layout or include, the source text and the location of a
    /// span of a mapped file.
    pub(crate) fn locate(
        &mut self,
        file: SourceRef,
        span: Range<usize>,
        page_lines: &LineIndex<'_>,
    ) -> (Arc<FileName>, Option<Arc<FileName>>, &'a str, Location) {
        match file {
            SourceRef::Page => (
                Arc::clone(self.page_file),
                None,
                self.page_text,
                page_lines.location(span),
            ),
            SourceRef::Library(index) => {
                let library: &'a Library = self.library;
                let entry = library.entry(index);
                let lines = self
                    .lines
                    .entry(index)
                    .or_insert_with(|| LineIndex::new(&entry.text));
                (
                    Arc::clone(&entry.file),
                    Some(Arc::clone(&entry.file)),
                    entry.text.as_str(),
                    lines.location(span),
                )
            }
        }
    }
}

/// Collects references from a scan.
pub(crate) struct ReferenceCollector<'a> {
    /// The text the scan ran over (the source, or rendered output when `output` is set).
    pub text: &'a str,
    pub lines: &'a LineIndex<'a>,
    pub liquid: &'a Masked<'a>,
    pub site: &'a SiteConfig,
    pub references: Vec<Reference>,
    pub license_claims: Vec<LicenseClaim>,
    pub templated_skipped: u32,
    /// Set when `text` is rendered output: spans map back through it.
    pub output: Option<OutputMap<'a>>,
    pub skipped: Vec<Unevaluated>,
}

impl ReferenceCollector<'_> {
    fn push(
        &mut self,
        kind: ReferenceKind,
        origin: &'static str,
        url: &str,
        span: Range<usize>,
        markdown: bool,
    ) {
        if let Some(output) = &mut self.output {
            let Some(mapped) = map_span(output.rendered, &span) else {
                return;
            };
            let (file_ref, source_span, evaluated, context) = match mapped {
                Mapped::Exact { file, span } => (file, span, false, None),
                Mapped::Evaluated {
                    file,
                    span,
                    context,
                } => (file, span, true, context),
                Mapped::Unknown { file, span } => {
                    self.templated_skipped += 1;
                    let (file, _, text, location) = output.locate(file, span.clone(), self.lines);
                    self.skipped.push(Unevaluated {
                        file,
                        location,
                        liquid: text.get(span).unwrap_or_default().to_string(),
                    });
                    return;
                }
            };
            let (_, written_in, source_text, location) =
                output.locate(file_ref, source_span.clone(), self.lines);
            let template =
                evaluated.then(|| source_text.get(source_span).unwrap_or(url).to_string());
            self.references.push(Reference {
                kind,
                url: url.to_string(),
                location,
                origin,
                markdown,
                template,
                written_in,
                context,
            });
            return;
        }
        let (url, template) = if self.liquid.overlaps(&span) {
            let source = self.text.get(span.clone()).unwrap_or(url);
            if let Some(value) = evaluate_url_template(source, self.site) {
                (value, Some(source.to_string()))
            } else {
                self.templated_skipped += 1;
                return;
            }
        } else {
            (url.to_string(), None)
        };
        self.references.push(Reference {
            kind,
            url,
            location: self.lines.location(span),
            origin,
            markdown,
            template,
            written_in: None,
            context: None,
        });
    }

    /// Record a license claim when `url` is a known license deed.
    fn claim(&mut self, url: &str, span: &Range<usize>, rel_license: bool) {
        // Claims are read from the files as written, not from rendered output.
        if self.output.is_some() || self.liquid.overlaps(span) {
            return;
        }
        if let Some(spdx) = crate::license::license_from_url(url) {
            self.license_claims.push(LicenseClaim {
                spdx,
                location: self.lines.location(span.clone()),
            });
        } else if rel_license {
            // A rel="license" link to a page we cannot identify: still a claim of *a* license,
            // which is enough for missing-license; it takes no part in mismatch checks.
            self.license_claims.push(LicenseClaim {
                spdx: "",
                location: self.lines.location(span.clone()),
            });
        }
    }

    /// CSS text at `offset` in the file (a `<style>` body or a stylesheet).
    pub(crate) fn css(&mut self, css: &str, offset: usize, exact: bool, whole: Range<usize>) {
        for reference in css_references(css) {
            let span = if exact {
                reference.span.start + offset..reference.span.end + offset
            } else {
                whole.clone()
            };
            let origin = match reference.kind {
                CssRefKind::Url => "CSS url()",
                CssRefKind::Import => "CSS @import",
            };
            self.push(ReferenceKind::Asset, origin, &reference.url, span, false);
        }
    }

    /// References of every element of an HTML scan.
    pub(crate) fn html(&mut self, scan: &Scan) {
        // Room for a link every fourth element (rustdoc pages: a quarter), so that the vector of
        // large references is not copied five times as it grows.
        self.references.reserve(scan.elements.len() / 4);
        for element in &scan.elements {
            for attribute in &element.attributes {
                let Some(value_span) = attribute.value_span.clone() else {
                    // `href=""`: a link to the page itself, worth a warning (LINK005).
                    if let Some(position) = empty_value_position(self.text, &attribute.name_span) {
                        if let Some((kind @ ReferenceKind::Link, origin)) =
                            url_attribute(element, &attribute.name)
                        {
                            self.push(kind, origin, "", position..position, false);
                        }
                    }
                    continue;
                };
                let name = attribute.name.as_str();
                if name == "style" {
                    let exact = same_as_source(self.text, &value_span, &attribute.value);
                    self.css(
                        &attribute.value.clone(),
                        value_span.start,
                        exact,
                        value_span,
                    );
                    continue;
                }
                if name == "srcset" || (name == "imagesrcset" && element.name == "link") {
                    if matches!(element.name.as_str(), "img" | "source" | "link") {
                        let exact = same_as_source(self.text, &value_span, &attribute.value);
                        if self.liquid.overlaps(&value_span) {
                            self.templated_skipped += 1;
                            continue;
                        }
                        for candidate in parse_srcset(&attribute.value) {
                            let candidate_span = if exact {
                                candidate.span.start + value_span.start
                                    ..candidate.span.end + value_span.start
                            } else {
                                value_span.clone()
                            };
                            self.push(
                                ReferenceKind::Asset,
                                "srcset",
                                candidate.url,
                                candidate_span,
                                false,
                            );
                        }
                    }
                    continue;
                }
                if let Some((kind, origin)) = url_attribute(element, name) {
                    self.push(kind, origin, &attribute.value, value_span.clone(), false);
                    if matches!(element.name.as_str(), "a" | "area" | "link") {
                        let rel_license = element.value("rel").is_some_and(|rel| {
                            rel.split_ascii_whitespace()
                                .any(|t| t.eq_ignore_ascii_case("license"))
                        });
                        self.claim(attribute.value.trim(), &value_span, rel_license);
                    }
                }
            }
        }
        for style in &scan.styles {
            let exact = true;
            self.css(&style.text, style.span.start, exact, style.span.clone());
        }
    }

    /// References of Markdown links and images.
    pub(crate) fn markdown(&mut self, links: &[crate::parse::markdown::MarkdownLink]) {
        for link in links {
            let (kind, origin) = if link.image {
                (ReferenceKind::Asset, "Markdown image")
            } else {
                (ReferenceKind::Link, "Markdown link")
            };
            self.push(kind, origin, &link.destination, link.span.clone(), true);
            if !link.image {
                self.claim(&link.destination, &link.span, false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluates_site_settings_only() {
        let config = serde_json::json!({"baseurl": "/blog", "url": "https://example.org"});
        let site = SiteConfig::jekyll(&config, "", None);
        assert_eq!(
            evaluate_url_template("{{ site.baseurl }}/a", &site).as_deref(),
            Some("/blog/a")
        );
        assert_eq!(
            evaluate_url_template("{{site.url}}{{ site.baseurl }}/", &site).as_deref(),
            Some("https://example.org/blog/")
        );
        assert_eq!(
            evaluate_url_template("{{ '/x.css' | relative_url }}", &site).as_deref(),
            Some("/blog/x.css")
        );
        assert_eq!(
            evaluate_url_template("{{ \"x\" | absolute_url }}", &site).as_deref(),
            Some("https://example.org/blog/x")
        );
        assert_eq!(evaluate_url_template("{{ base }}/x", &site), None);
        assert_eq!(evaluate_url_template("{% link a.md %}", &site), None);
        assert_eq!(
            evaluate_url_template("{{ page.url | relative_url }}", &site),
            None
        );
    }
}
