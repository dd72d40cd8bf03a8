//! Page-level rules: language, title, viewport, refresh, the first-level heading and landmarks.
//! They run on the page as served (layouts composed), once per page.

use super::tree::Tree;
use super::{collapse, role, Finding};
use crate::registry::{
    DUPLICATE_LANDMARK, INVALID_HTML_LANG, META_REFRESH_DELAY, MISSING_DOCUMENT_TITLE, MISSING_H1,
    MISSING_HTML_LANG, MISSING_MAIN_LANDMARK, ZOOM_DISABLED,
};

/// Is `tag` a BCP 47 tag whose primary language subtag exists (ISO 639-1 for two letters,
/// ISO 639-3 for three)? The other subtags are only checked for shape.
pub(crate) fn valid_lang(tag: &str) -> bool {
    let tag = tag.trim();
    let mut subtags = tag.split(['-', '_']);
    let Some(primary) = subtags.next() else {
        return false;
    };
    let primary = primary.to_ascii_lowercase();
    let known = match primary.len() {
        2 => isolang::Language::from_639_1(&primary).is_some(),
        // `qaa`–`qtz` are reserved for local use (BCP 47 2.2.1).
        3 => {
            isolang::Language::from_639_3(&primary).is_some()
                || (b"qaa".as_slice()..=b"qtz".as_slice()).contains(&primary.as_bytes())
        }
        // `i-` (grandfathered) and `x-` (private use) tags. No 5–8 letter primary subtag has
        // ever been registered, so those are rejected.
        1 => primary == "x" || primary == "i",
        _ => false,
    };
    known
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
        && !tag.contains('_')
}

/// The element to report a missing page-level thing at: `<body>`, else `<html>`, else the
/// page's first element, else the document.
fn anchor(tree: &Tree) -> usize {
    tree.all("body")
        .first()
        .or(tree.all("html").first())
        .copied()
        .or_else(|| tree.element_children(0).next())
        .unwrap_or(0)
}

/// Landmark role of an element, from its role or (for `header`/`footer`) its position.
fn landmark(tree: &Tree, index: usize, sectioned: bool) -> Option<&'static str> {
    if let Some(explicit) = role(tree, index) {
        return match explicit {
            "main" => Some("main"),
            "banner" => Some("banner"),
            "contentinfo" => Some("contentinfo"),
            _ => None,
        };
    }
    match tree.name(index) {
        "main" => Some("main"),
        "header" if !sectioned => Some("banner"),
        "footer" if !sectioned => Some("contentinfo"),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)] // One pass over the page-level checks, in the order of the docs.
#[allow(clippy::needless_range_loop)] // `index` is the element, used far beyond the vector.
pub(crate) fn check(tree: &Tree, out: &mut Vec<Finding>) {
    let root = tree.all("html").first().copied();
    // Language.
    match root {
        Some(html) if tree.nodes[html].uncertain => {}
        Some(html) => match tree
            .attr(html, "lang")
            .or_else(|| tree.attr(html, "xml:lang"))
        {
            None => out.push(
                Finding::new(&MISSING_HTML_LANG, html, "`<html>` has no `lang` attribute")
                    .label("screen readers guess the language, and mispronounce the page")
                    .help("add the page's language: `<html lang=\"en\">`"),
            ),
            Some(lang) if lang.trim().is_empty() => out.push(
                Finding::new(&MISSING_HTML_LANG, html, "`<html lang>` is empty")
                    .at_attribute(tree, "lang")
                    .label("an empty language is no language")
                    .help("set the page's language: `<html lang=\"en\">`"),
            ),
            Some(lang) if !valid_lang(lang) => out.push(
                Finding::new(
                    &INVALID_HTML_LANG,
                    html,
                    format!("`{}` is not a valid language tag", lang.trim()),
                )
                .at_attribute(tree, "lang")
                .label("not a known language: screen readers fall back to a default voice")
                .help("use a BCP 47 tag such as `en`, `en-US`, `fr`, `pt-BR`"),
            ),
            Some(_) => {}
        },
        None => out.push(
            Finding::new(
                &MISSING_HTML_LANG,
                anchor(tree),
                "page has no `<html lang>`",
            )
            .label("no `<html>` element: the page's language is unknown")
            .help("start the page with `<html lang=\"en\">` (in its layout)"),
        ),
    }
    // Title: the first `<title>` in the document's head decides.
    let title = tree
        .all("title")
        .into_iter()
        .find(|&t| !tree.ancestors(t).any(|a| tree.name(a) == "body"));
    match title {
        None => out.push(
            Finding::new(&MISSING_DOCUMENT_TITLE, anchor(tree), "page has no `<title>`")
                .label("tabs, bookmarks and screen readers have no name for this page")
                .help("add `<title>` to the page's `<head>` (in a Jekyll layout: `<title>{{ page.title }}</title>` and a `title:` in every page's front matter)"),
        ),
        Some(t) => {
            let unknown = tree.nodes[t].children.iter().any(|c| matches!(c, super::Child::Unknown));
            if !unknown && collapse(&tree.text(t)).is_empty() {
                out.push(
                    Finding::new(&MISSING_DOCUMENT_TITLE, t, "page title is empty")
                        .label("`<title>` is empty")
                        .help("give the page a title (in a Jekyll page: `title:` in its front matter)"),
                );
            }
        }
    }
    // Viewport and refresh.
    for meta in tree.all("meta") {
        if tree.nodes[meta].uncertain {
            continue;
        }
        let name = tree.attr(meta, "name").map(str::to_ascii_lowercase);
        let content = tree
            .attr(meta, "content")
            .unwrap_or_default()
            .to_ascii_lowercase();
        if name.as_deref() == Some("viewport") {
            for property in content.split([',', ';']) {
                let Some((key, value)) = property.split_once('=') else {
                    continue;
                };
                let (key, value) = (key.trim(), value.trim());
                let blocked = match key {
                    "user-scalable" => matches!(value, "no" | "0"),
                    // The viewport spec reads `yes` as 1, `no` as 0.1 and `device-width` as 10.
                    "maximum-scale" => {
                        matches!(value, "yes" | "no")
                            || value.parse::<f64>().is_ok_and(|v| v < 2.0 && v > 0.0)
                    }
                    _ => false,
                };
                if blocked {
                    out.push(
                        Finding::new(
                            &ZOOM_DISABLED,
                            meta,
                            format!("`{key}={value}` stops readers from zooming"),
                        )
                        .at_attribute(tree, "content")
                        .label("pinch-zoom is disabled or limited below 200 %")
                        .help(format!("remove `{key}={value}` from the viewport")),
                    );
                }
            }
        }
        if tree
            .attr(meta, "http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("refresh"))
        {
            let delay = content
                .split([';', ','])
                .next()
                .and_then(|d| d.trim().parse::<f64>().ok());
            if let Some(delay) = delay {
                if delay > 0.0 && delay < 72_000.0 {
                    let redirect = content.contains("url");
                    out.push(
                        Finding::new(
                            &META_REFRESH_DELAY,
                            meta,
                            if redirect {
                                format!("page redirects by itself after {delay} seconds")
                            } else {
                                format!("page reloads by itself every {delay} seconds")
                            },
                        )
                        .at_attribute(tree, "content")
                        .label("readers lose their place, and may not finish reading")
                        .help(if redirect {
                            "redirect at once (`content=\"0; url=…\"`), or link to the new page"
                        } else {
                            "remove the refresh, or let readers reload when they choose"
                        }),
                    );
                }
            }
        }
    }
    // One first-level heading.
    let headings = (1..tree.nodes.len()).any(|i| {
        !tree.nodes[i].element.foreign
            && !tree.hidden[i]
            && (tree.name(i) == "h1"
                || (role(tree, i) == Some("heading")
                    && tree.attr(i, "aria-level").map(str::trim) == Some("1")))
    });
    let uncertain_content = tree.nodes.iter().any(|n| {
        n.children
            .iter()
            .any(|c| matches!(c, super::Child::Unknown))
    });
    if !headings && !uncertain_content {
        out.push(
            Finding::new(&MISSING_H1, anchor(tree), "page has no first-level heading")
                .label("no `<h1>` on this page")
                .help("start the page's main content with an `<h1>` (in Markdown: `# Title`)"),
        );
    }
    // Landmarks.
    let sectioning = tree.nearest(|a| {
        matches!(
            tree.name(a),
            "article" | "aside" | "main" | "nav" | "section"
        ) || role(tree, a).is_some_and(|r| {
            matches!(
                r,
                "article" | "complementary" | "main" | "navigation" | "region"
            )
        })
    });
    let mut found: Vec<(&str, usize)> = Vec::new();
    for index in 1..tree.nodes.len() {
        // A landmark hidden from assistive technology (`aria-hidden`, `hidden`) is no landmark.
        if tree.nodes[index].element.foreign || tree.hidden[index] {
            continue;
        }
        if let Some(kind) = landmark(tree, index, sectioning[index].is_some()) {
            found.push((kind, index));
        }
    }
    if !found.iter().any(|(k, _)| *k == "main") && !uncertain_content {
        out.push(
            Finding::new(&MISSING_MAIN_LANDMARK, anchor(tree), "page has no `<main>` landmark")
                .label("screen-reader users cannot jump to the main content")
                .help("wrap the page's main content in `<main>` (in a Jekyll layout: `<main>{{ content }}</main>`)"),
        );
    }
    for kind in ["main", "banner", "contentinfo"] {
        let all: Vec<usize> = found
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, i)| *i)
            .collect();
        for &extra in all.iter().skip(1) {
            let element = match kind {
                "main" => "main landmark",
                "banner" => "banner landmark (page header)",
                _ => "contentinfo landmark (page footer)",
            };
            out.push(
                Finding::new(&DUPLICATE_LANDMARK, extra, format!("page has more than one {element}"))
                    .label("a second one: landmark navigation cannot tell them apart")
                    .help(match kind {
                        "main" => "keep one `<main>` per page",
                        "banner" => "keep one page header; put headers of sections inside `<article>` or `<section>`",
                        _ => "keep one page footer; put footers of sections inside `<article>` or `<section>`",
                    }),
            );
        }
    }
}
