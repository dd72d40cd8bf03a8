//! FRAG001 missing-fragment and FRAG002 duplicate-id: every `#fragment` of an internal link must
//! name an element of the page it leads to, and a page's ids must be unique.
//!
//! A page's ids are collected from what it is served as: the rendered page with its layouts
//! and includes (each id still pointing at the line that wrote it), element `id`s, `<a name>`,
//! and Markdown heading ids as the site's engine generates them (`parse::slug`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::per_page::PerPage;
use crate::diagnostic::{Diagnostic, FileName, Related};
use crate::document::{Facts, ReferenceKind};
use crate::parse::html::Element;
use crate::parse::markdown::Heading;
use crate::parse::slug::{GithubIds, KramdownGfmIds, KramdownIdOptions, KramdownIds};
use crate::registry::{DUPLICATE_ID, MISSING_FRAGMENT};
use crate::site::config::HeadingIds;
use crate::site::model::SiteModel;
use crate::source::Location;

/// An id a page defines, and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct PageId {
    pub id: String,
    pub location: Location,
    /// A layout or include, when the id is not written in the page itself.
    pub written_in: Option<Arc<FileName>>,
    /// Rendered from a branch that may not be taken: a target, but never a duplicate.
    pub speculative: bool,
}

/// The ids elements define: `id` on any element, `name` on `<a>`; never inside `<template>`.
pub(crate) fn element_ids(elements: &[Element]) -> Vec<(String, Range<usize>)> {
    let mut ids = Vec::new();
    for element in elements.iter().filter(|e| !e.in_template) {
        for attribute in &element.attributes {
            let defines =
                attribute.name == "id" || (attribute.name == "name" && element.name == "a");
            if defines && !attribute.value.is_empty() {
                ids.push((attribute.value.clone(), attribute.span()));
            }
        }
    }
    ids
}

/// The ids Markdown headings get from the site's engine, with each heading's span.
pub(crate) fn heading_ids(
    headings: &[Heading],
    engine: &HeadingIds,
) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut github = GithubIds::new();
    let mut gfm = match engine {
        HeadingIds::KramdownGfm { prefix } => Some(KramdownGfmIds::new(prefix)),
        _ => None,
    };
    let mut kramdown = match engine {
        HeadingIds::Kramdown {
            prefix,
            transliterated,
        } => Some(KramdownIds::new(KramdownIdOptions {
            auto_id_prefix: prefix.clone(),
            transliterated_header_ids: *transliterated,
        })),
        _ => None,
    };
    for heading in headings {
        if let Some((id, span)) = &heading.explicit {
            if !matches!(engine, HeadingIds::Github) {
                out.push((id.clone(), span.clone()));
                continue;
            }
        }
        let id = match engine {
            HeadingIds::Github => github.generate(&heading.text),
            HeadingIds::KramdownGfm { .. } => match &mut gfm {
                Some(ids) => ids.generate(&heading.text),
                None => continue,
            },
            HeadingIds::Kramdown { .. } => match &mut kramdown {
                Some(ids) => ids.generate(&heading.source),
                None => continue,
            },
            HeadingIds::None => continue,
        };
        if !id.is_empty() {
            out.push((id, heading.span.clone()));
        }
    }
    out
}

/// The closest id to `wanted`, for "did you mean".
fn nearest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_chars = wanted.chars().count();
    let limit = (wanted_chars / 3).max(1);
    let lower = wanted.to_lowercase();
    ids.filter_map(|id| {
        // Pages have thousands of ids (rustdoc): compare without allocating when both are
        // ASCII, and skip the edit distance when the lengths alone put it over the limit (an
        // edit changes the length by at most one character).
        let same_ignoring_case = if id.is_ascii() && wanted.is_ascii() {
            id.eq_ignore_ascii_case(wanted)
        } else {
            id.to_lowercase() == lower
        };
        if same_ignoring_case {
            return Some((0, id));
        }
        if id.chars().count().abs_diff(wanted_chars) > limit {
            return None;
        }
        let distance = strsim::osa_distance(wanted, id);
        (distance <= limit).then_some((distance, id))
    })
    .min()
    .map(|(_, id)| id)
}

/// The fragment as the URL parser serialises it (`#a<b` → `a%3Cb`, `#a%3Cb` stays): HTML's
/// "find a potential indicated element" looks for an id equal to it first, and only then for
/// one equal to its percent-decoding. rustdoc relies on it (`id="impl-From%3CT%3E-for-T"`).
/// <https://html.spec.whatwg.org/multipage/browsing-the-web.html#find-a-potential-indicated-element>
fn serialized_fragment(url: &str) -> Option<String> {
    let (_, raw) = url.trim().split_once('#')?;
    let base = url::Url::parse("http://h/").ok()?;
    base.join(&format!("#{raw}"))
        .ok()?
        .fragment()
        .map(str::to_string)
}

/// What the fragment rules counted.
#[derive(Debug, Default)]
pub(crate) struct FragmentStats {
    pub checked: usize,
    /// Fragments not checked because the target page's ids are not all known.
    pub undecided: usize,
}

/// FRAG002: the second and later definitions of an id on the page of `facts`.
fn duplicates(facts: &Facts, shared: &mut PerPage, out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, &crate::rules::fragments::PageId> = HashMap::new();
    for id in facts.ids.iter().filter(|i| !i.speculative) {
        let Some(earlier) = first.get(id.id.as_str()) else {
            first.insert(&id.id, id);
            continue;
        };
        let file = id.written_in.as_ref().unwrap_or(&facts.file);
        let same_place = earlier.location.start == id.location.start
            && earlier.written_in.as_ref().map(|f| &f.display)
                == id.written_in.as_ref().map(|f| &f.display);
        let mut diagnostic = Diagnostic::new(
            &DUPLICATE_ID,
            file,
            Some(id.location),
            if same_place {
                format!(
                    "id `{}` is written in a loop: every iteration repeats it",
                    id.id
                )
            } else {
                format!("id `{}` is already used on this page", id.id)
            },
        )
        .label("a second element with this id")
        .help("ids must be unique on a page: a link to `#id` reaches only the first; rename one");
        if !same_place {
            diagnostic = diagnostic.related(Related {
                file: Arc::clone(earlier.written_in.as_ref().unwrap_or(&facts.file)),
                location: Some(earlier.location),
                message: format!("`{}` is first defined here", id.id),
            });
        }
        shared.route(diagnostic, id.written_in.is_some(), facts, out);
    }
}

/// The pages (served paths) that fragments of links on `all` point into, other than their own.
pub(crate) fn target_pages(all: &[Facts], model: &SiteModel) -> std::collections::HashSet<String> {
    let mut pages = std::collections::HashSet::new();
    for facts in all.iter().filter(|f| f.has_ids) {
        let Some(base) = facts.base_url(model) else {
            continue;
        };
        for reference in &facts.references {
            if reference.kind == ReferenceKind::Link && reference.url.contains('#') {
                if let Some((served, Some(_))) = model.target(&base, &reference.url) {
                    pages.insert(served);
                }
            }
        }
    }
    pages
}

/// FRAG001 for the links of `all`, FRAG002 on `all`; `more_targets` are other pages whose ids
/// links may name (another shard's pages, with `--shard`).
#[allow(clippy::too_many_lines)] // One pass over the links, in the order the message is built.
pub(crate) fn check(
    all: &[Facts],
    more_targets: &[Facts],
    model: &SiteModel,
    out: &mut Vec<Diagnostic>,
) -> FragmentStats {
    let mut stats = FragmentStats::default();
    let by_served: HashMap<&str, &Facts> = all
        .iter()
        .chain(more_targets)
        .filter_map(|f| f.served.as_deref().map(|s| (s, f)))
        .filter(|(_, f)| f.has_ids)
        .collect();
    let mut shared = PerPage::default();
    // Each target page's ids as a set, made when a link first needs it (rustdoc pages have
    // thousands of ids and hundreds of links into each).
    let mut id_sets: HashMap<*const Facts, HashSet<&str>> = HashMap::new();
    // The help of a missing fragment, by target page and fragment: the same broken fragment is
    // often linked from hundreds of pages (rustdoc's `#759-806` into a source page), and each
    // help looks at every id of the target.
    let mut helps: HashMap<(*const Facts, String), Option<String>> = HashMap::new();
    let mut id_lists: HashMap<*const Facts, String> = HashMap::new();

    for facts in all.iter().filter(|f| f.has_ids) {
        duplicates(facts, &mut shared, out);
        let page_base = facts.base_url(model);

        // Fragments of links on this page.
        for reference in &facts.references {
            if reference.kind != ReferenceKind::Link || !reference.url.contains('#') {
                continue;
            }
            // With `<base href>` elsewhere, even `#x` leads to the base's page.
            let same_page = reference.url.trim_start().starts_with('#') && facts.base.is_none();
            let Some(base) = &page_base else {
                continue;
            };
            let (target, fragment) = if same_page {
                let raw = reference.url.trim().trim_start_matches('#');
                let decoded = percent_encoding::percent_decode_str(raw)
                    .decode_utf8_lossy()
                    .into_owned();
                (Some(facts), Some(decoded))
            } else {
                match model.target(base, &reference.url) {
                    Some((served, fragment)) => (by_served.get(served.as_str()).copied(), fragment),
                    None => (None, None),
                }
            };
            let (Some(target), Some(fragment)) = (target, fragment) else {
                continue;
            };
            // `#` and `#top` scroll to the top of any page (HTML: "indicated part").
            if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
                continue;
            }
            if !target.ids_complete {
                stats.undecided += 1;
                continue;
            }
            stats.checked += 1;
            let ids = id_sets
                .entry(std::ptr::from_ref(target))
                .or_insert_with(|| target.ids.iter().map(|i| i.id.as_str()).collect());
            if ids.contains(fragment.as_str()) {
                continue;
            }
            if serialized_fragment(&reference.url)
                .is_some_and(|raw| raw != fragment && ids.contains(raw.as_str()))
            {
                continue;
            }
            let file = reference.written_in.as_ref().unwrap_or(&facts.file);
            let where_ = if std::ptr::eq(target, facts) {
                "this page".to_string()
            } else {
                format!("`{}`", target.url)
            };
            let shown = match (&reference.template, &reference.context) {
                (Some(t), Some(c)) => format!(" (from `{t}` for {c})"),
                (Some(t), None) => format!(" (from `{t}`)"),
                _ => String::new(),
            };
            let mut diagnostic = Diagnostic::new(
                &MISSING_FRAGMENT,
                file,
                Some(reference.location),
                format!("`#{fragment}` is not an id on {where_}{shown}"),
            )
            .label("no element has this id");
            let suggestion = helps
                .entry((std::ptr::from_ref(target), fragment.clone()))
                .or_insert_with(|| {
                    nearest(&fragment, target.ids.iter().map(|i| i.id.as_str())).map(str::to_string)
                });
            diagnostic = match suggestion {
                Some(id) => {
                    let fixed = match reference.url.rsplit_once('#') {
                        Some((before, _)) => format!("{before}#{id}"),
                        None => format!("#{id}"),
                    };
                    diagnostic.help(format!("did you mean `#{id}`?")).fix(fixed)
                }
                None if target.ids.is_empty() => {
                    diagnostic.help("that page defines no ids; link to the page without a fragment")
                }
                None => {
                    let listed = id_lists.entry(std::ptr::from_ref(target)).or_insert_with(|| {
                        let mut ids: Vec<&str> = target.ids.iter().map(|i| i.id.as_str()).collect();
                        ids.sort_unstable();
                        ids.dedup();
                        let shown: Vec<String> =
                            ids.iter().take(5).map(|i| format!("`#{i}`")).collect();
                        let more = if ids.len() > 5 { ", …" } else { "" };
                        format!("ids there: {}{more}", shown.join(", "))
                    });
                    diagnostic.help(listed.clone())
                }
            };
            if let (Some(written_base), true) =
                (&facts.base, reference.url.trim_start().starts_with('#'))
            {
                if facts.ids.iter().any(|id| id.id == fragment) {
                    diagnostic = diagnostic.help(format!(
                        "`<base href=\"{written_base}\">` makes `#` links point at `{}`, not at this page; write the page's own path before `#{fragment}`, or drop the `<base>`",
                        target.url
                    ));
                    diagnostic.fix = None;
                }
            }
            shared.route(diagnostic, reference.written_in.is_some(), facts, out);
        }
    }
    shared.finish(out);
    stats
}
