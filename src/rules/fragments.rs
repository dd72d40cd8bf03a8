//! FRAG001 missing-fragment and FRAG002 duplicate-id: every `#fragment` of an internal link must
//! name an element of the page it leads to, and a page's ids must be unique.
//!
//! A page's ids are collected from what it is served as: the rendered page with its layouts
//! and includes (each id still pointing at the line that wrote it), element `id`s, `<a name>`,
//! and Markdown heading ids as the site's engine generates them (`parse::slug`).

// FxHash: ids and fragments are looked up by the hundred thousand on large sites.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::per_page::PerPage;
use crate::diagnostic::{Diagnostic, FileName, Related};
use crate::document::{Facts, Reference, ReferenceKind};
use crate::nearest::Counts;
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

/// A page's ids once its own findings are made: their names only, in one allocation (a large
/// rustdoc site defines half a million).
#[derive(Debug, Default, Clone)]
pub(crate) struct IdNames(String);

impl IdNames {
    /// The names, in document order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        // NUL ends each name: no id holds one (a NUL byte makes a file binary, and `&#0;`
        // decodes to U+FFFD). Found with memchr, which has less overhead per (short) name
        // than `split_terminator`'s searcher (a rustdoc source page lists thousands).
        let mut rest = self.0.as_str();
        std::iter::from_fn(move || {
            let end = memchr::memchr(0, rest.as_bytes())?;
            let name = &rest[..end];
            rest = &rest[end + 1..];
            Some(name)
        })
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Replace the ids of `facts` (with their places, which only FRAG002 needs) by their names.
pub(crate) fn compact_ids(facts: &mut Facts) {
    let mut names = String::with_capacity(facts.ids.iter().map(|i| i.id.len() + 1).sum());
    for id in &facts.ids {
        names.push_str(&id.id);
        names.push('\0');
    }
    facts.id_names = IdNames(names);
    facts.ids = Vec::new();
}

/// The ids elements define: `id` on any element, `name` on `<a>`; never inside `<template>`.
pub(crate) fn element_ids(elements: &[Element]) -> Vec<(String, Range<usize>)> {
    let mut ids = Vec::new();
    for element in elements.iter().filter(|e| !e.in_template) {
        for attribute in &element.attributes {
            let defines =
                attribute.name == "id" || (attribute.name == "name" && element.name == "a");
            if defines && !attribute.value.is_empty() {
                ids.push((attribute.value.to_string(), attribute.span()));
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

/// A page's ids grouped for [`nearest`] lookups of many fragments: ASCII ids by length, since
/// a near id differs in length by at most the distance allowed (a rustdoc source page has
/// thousands of ids, `1` to `1608`, and hundreds of missing line-range fragments into it, each
/// of which used to walk every id).
struct IdsByLength<'a> {
    ascii: Vec<Vec<&'a str>>,
    /// Non-ASCII ids, always tried: case folding may change their length.
    other: Vec<&'a str>,
}

impl<'a> IdsByLength<'a> {
    fn new(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut grouped = Self {
            ascii: Vec::new(),
            other: Vec::new(),
        };
        for id in ids {
            if id.is_ascii() {
                if grouped.ascii.len() <= id.len() {
                    grouped.ascii.resize_with(id.len() + 1, Vec::new);
                }
                grouped.ascii[id.len()].push(id);
            } else {
                grouped.other.push(id);
            }
        }
        grouped
    }

    /// The ids that may be near `wanted`: every id [`nearest`] would not rule out by length.
    /// An ASCII id equal to `wanted` ignoring case has its length in characters (only U+0130
    /// lowercases to more than one character, and not to ASCII).
    fn nearest(&self, wanted: &str) -> Option<&'a str> {
        let (low, high) = length_window(wanted);
        let high = high.min(self.ascii.len().saturating_sub(1));
        let ascii = self.ascii.get(low..=high).unwrap_or(&[]);
        nearest(wanted, ascii.iter().flatten().chain(&self.other).copied())
    }
}

/// The lengths (in characters) an id near `wanted` may have, and the distance allowed.
fn length_window(wanted: &str) -> (usize, usize) {
    let chars = wanted.chars().count();
    let limit = (chars / 3).max(1);
    (chars.saturating_sub(limit), chars + limit)
}

/// The closest id to `wanted`, for "did you mean". Ties go to the smaller id, so the order of
/// `ids` does not matter.
fn nearest<'a>(wanted: &str, ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_chars = wanted.chars().count();
    let limit = (wanted_chars / 3).max(1);
    let lower = wanted.to_lowercase();
    // Pages have thousands of ids (rustdoc): most are ruled out by a cheap lower bound.
    let wanted_counts = Counts::of(wanted);
    let mut best: Option<(usize, &str)> = None;
    for id in ids {
        let ascii = id.is_ascii();
        let same_ignoring_case = if ascii && wanted_counts.is_some() {
            id.eq_ignore_ascii_case(wanted)
        } else {
            id.to_lowercase() == lower
        };
        let candidate = if same_ignoring_case {
            (0, id)
        } else {
            // An edit changes the length by at most one character.
            let id_chars = if ascii { id.len() } else { id.chars().count() };
            if id_chars.abs_diff(wanted_chars) > limit {
                continue;
            }
            let bound = best.map_or(limit, |(distance, _)| distance.min(limit));
            if let (Some(wanted_counts), Some(counts)) = (&wanted_counts, Counts::of(id)) {
                if wanted_counts.lower_bound(&counts) > bound {
                    continue;
                }
            }
            let distance = strsim::osa_distance(wanted, id);
            if distance > limit {
                continue;
            }
            (distance, id)
        };
        if best.is_none_or(|b| candidate < b) {
            best = Some(candidate);
        }
    }
    best.map(|(_, id)| id)
}

/// The fragment as the URL parser serialises it (`#a<b` → `a%3Cb`, `#a%3Cb` stays): HTML's
/// "find a potential indicated element" looks for an id equal to it first, and only then for
/// one equal to its percent-decoding. rustdoc relies on it (`id="impl-From%3CT%3E-for-T"`).
/// <https://html.spec.whatwg.org/multipage/browsing-the-web.html#find-a-potential-indicated-element>
fn serialized_fragment(url: &str) -> Option<String> {
    let (_, raw) = url.trim().split_once('#')?;
    // Printable ASCII that the fragment percent-encode set keeps, and no `%`: serialised as
    // written, which is also its decoding (no need to run the URL parser, per missing link).
    if raw
        .bytes()
        .all(|b| matches!(b, 0x21..=0x7E) && !matches!(b, b'"' | b'<' | b'>' | b'`' | b'%'))
    {
        return Some(raw.to_string());
    }
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
fn duplicates(facts: &Facts, out: &mut Vec<(Diagnostic, bool)>) {
    let mut first: HashMap<&str, &crate::rules::fragments::PageId> = HashMap::default();
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
        out.push((diagnostic, id.written_in.is_some()));
    }
}

/// The pages (served paths) that fragments of links on `all` point into, other than their own.
pub(crate) fn target_pages(all: &[Facts]) -> HashSet<String> {
    all.iter()
        .flat_map(|facts| &facts.pending_fragments)
        .map(|pending| pending.served.to_string())
        .collect()
}

/// A link to a fragment of another page, kept until every page's ids are known: only what
/// judging and reporting it needs (a large site keeps hundreds of thousands: rustdoc's were
/// 20 MB as a path, a fragment and a whole [`Reference`] each).
#[derive(Debug, Clone)]
pub(crate) struct PendingFragment {
    /// The page it leads to (served path), shared by the page's links into it.
    pub served: Arc<str>,
    /// The URL as written (evaluated, when written with Liquid).
    url: Box<str>,
    /// The fragment, percent-decoded; `None` when it is the URL's text after its first `#`.
    decoded: Option<Box<str>>,
    location: Location,
    /// The layout or include it is written in.
    written_in: Option<Arc<FileName>>,
    /// The Liquid it was written as and the loop iteration that wrote it, when any.
    liquid: Option<Box<Liquid>>,
}

/// The Liquid a URL was written as, and the loop iteration that wrote it.
type Liquid = (Option<String>, Option<Arc<str>>);

impl PendingFragment {
    fn new(served: Arc<str>, fragment: String, reference: &Reference) -> Self {
        let as_written = reference.url.split_once('#').map(|(_, after)| after);
        let liquid = (reference.template.is_some() || reference.context.is_some())
            .then(|| Box::new((reference.template.clone(), reference.context.clone())));
        Self {
            served,
            url: reference.url.as_str().into(),
            decoded: (as_written != Some(fragment.as_str())).then(|| fragment.into()),
            location: reference.location,
            written_in: reference.written_in.clone(),
            liquid,
        }
    }

    /// The fragment, percent-decoded.
    pub fn fragment(&self) -> &str {
        match &self.decoded {
            Some(decoded) => decoded,
            None => self.url.split_once('#').map_or("", |(_, after)| after),
        }
    }

    fn link(&self) -> Link<'_> {
        let (template, context) = self
            .liquid
            .as_deref()
            .map_or((None, None), |(t, c)| (t.as_deref(), c.as_ref()));
        Link {
            url: &self.url,
            location: self.location,
            written_in: self.written_in.as_ref(),
            template,
            context,
        }
    }
}

/// What a FRAG001 finding says about the link it is on.
struct Link<'a> {
    url: &'a str,
    location: Location,
    written_in: Option<&'a Arc<FileName>>,
    template: Option<&'a str>,
    context: Option<&'a Arc<str>>,
}

impl<'a> From<&'a Reference> for Link<'a> {
    fn from(reference: &'a Reference) -> Self {
        Link {
            url: &reference.url,
            location: reference.location,
            written_in: reference.written_in.as_ref(),
            template: reference.template.as_deref(),
            context: reference.context.as_ref(),
        }
    }
}

/// The ids of a page, for a help: the first five, sorted.
fn listed_ids(target: &Facts) -> String {
    let mut ids: Vec<&str> = target.id_names.iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let shown: Vec<String> = ids.iter().take(5).map(|i| format!("`#{i}`")).collect();
    let more = if ids.len() > 5 { ", …" } else { "" };
    format!("ids there: {}{more}", shown.join(", "))
}

/// Whether a fragment link into `target` can be judged; counts it either way.
fn decidable(target: &Facts, fragment: &str, stats: &mut FragmentStats) -> bool {
    // `#` and `#top` scroll to the top of any page (HTML: "indicated part").
    if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
        return false;
    }
    if !target.ids_complete {
        stats.undecided += 1;
        return false;
    }
    stats.checked += 1;
    true
}

/// Whether `fragment` (decoded), or the fragment of `url` as serialised, is an id in `ids`.
fn found(ids: &HashSet<&str>, fragment: &str, url: &str) -> bool {
    ids.contains(fragment)
        || serialized_fragment(url).is_some_and(|raw| raw != fragment && ids.contains(raw.as_str()))
}

fn id_set(facts: &Facts) -> HashSet<&str> {
    facts.id_names.iter().collect()
}

/// FRAG001 on `reference` of the page of `facts`, whose `fragment` names no id of `target`.
/// `suggestion` is the nearest id of the target; `listed`, its ids (when it has ids and none
/// is near).
fn missing(
    facts: &Facts,
    reference: &Link<'_>,
    target: &Facts,
    fragment: &str,
    suggestion: Option<&str>,
    listed: impl FnOnce() -> String,
) -> Diagnostic {
    let file = reference.written_in.unwrap_or(&facts.file);
    let where_ = if std::ptr::eq(target, facts) {
        "this page".to_string()
    } else {
        format!("`{}`", target.url)
    };
    let shown = match (reference.template, reference.context) {
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
    diagnostic = match suggestion {
        Some(id) => {
            let fixed = match reference.url.rsplit_once('#') {
                Some((before, _)) => format!("{before}#{id}"),
                None => format!("#{id}"),
            };
            diagnostic.help(format!("did you mean `#{id}`?")).fix(fixed)
        }
        None if target.id_names.is_empty() => {
            diagnostic.help("that page defines no ids; link to the page without a fragment")
        }
        None => diagnostic.help(listed()),
    };
    if let (Some(written_base), true) = (&facts.base, reference.url.trim_start().starts_with('#')) {
        if facts.id_names.iter().any(|id| id == fragment) {
            diagnostic = diagnostic.help(format!(
                "`<base href=\"{written_base}\">` makes `#` links point at `{}`, not at this page; write the page's own path before `#{fragment}`, or drop the `<base>`",
                target.url
            ));
            diagnostic.fix = None;
        }
    }
    diagnostic
}

/// FRAG002 on the page of `facts`, and FRAG001 for its links into itself; its links into other
/// pages are returned, to be judged once every page's ids are known.
pub(crate) fn check_page(
    facts: &mut Facts,
    model: &SiteModel,
    out: &mut Vec<(Diagnostic, bool)>,
    stats: &mut FragmentStats,
) -> Vec<PendingFragment> {
    let mut pending = Vec::new();
    if !facts.has_ids {
        return pending;
    }
    duplicates(facts, out);
    compact_ids(facts);
    let facts = &*facts;
    let Some(base) = facts.base_url(model) else {
        return pending;
    };
    let mut own_ids = None;
    // The page each link's path serves, by the text before its `#`: a page links into one
    // other page many times (rustdoc: an item's methods), and resolving was 3% of all time.
    let mut served_by_path: rustc_hash::FxHashMap<&str, Option<Arc<str>>> =
        rustc_hash::FxHashMap::default();
    for reference in &facts.references {
        if reference.kind != ReferenceKind::Link || !reference.url.contains('#') {
            continue;
        }
        // With `<base href>` elsewhere, even `#x` leads to the base's page.
        let fragment = if reference.url.trim_start().starts_with('#') && facts.base.is_none() {
            let raw = reference.url.trim().trim_start_matches('#');
            percent_encoding::percent_decode_str(raw)
                .decode_utf8_lossy()
                .into_owned()
        } else {
            // Into a page by its path, even this one's: judged with the others, against the
            // page that path serves (two sources may claim one path).
            if let Some((path, fragment)) = plain_split(&reference.url) {
                let served = served_by_path
                    .entry(path)
                    .or_insert_with(|| model.target(&base, path).map(|(served, _)| served.into()));
                if let Some(served) = served {
                    let fragment = percent_encoding::percent_decode_str(fragment)
                        .decode_utf8_lossy()
                        .into_owned();
                    pending.push(PendingFragment::new(
                        Arc::clone(served),
                        fragment,
                        reference,
                    ));
                }
                continue;
            }
            match model.target(&base, &reference.url) {
                Some((served, Some(fragment))) => {
                    pending.push(PendingFragment::new(served.into(), fragment, reference));
                    continue;
                }
                _ => continue,
            }
        };
        if !decidable(facts, &fragment, stats) {
            continue;
        }
        let ids = own_ids.get_or_insert_with(|| id_set(facts));
        if !found(ids, &fragment, &reference.url) {
            let suggestion = nearest(&fragment, facts.id_names.iter());
            let diagnostic = missing(
                facts,
                &reference.into(),
                facts,
                &fragment,
                suggestion,
                || listed_ids(facts),
            );
            out.push((diagnostic, reference.written_in.is_some()));
        }
    }
    pending
}

/// A link's path and fragment, when resolving its path alone serves the same page and decoding
/// its fragment as written gives what the URL parser's fragment decodes to: a path before the
/// `#`, and no space or control character anywhere (which the parser trims, drops or encodes).
fn plain_split(url: &str) -> Option<(&str, &str)> {
    let (path, fragment) = url.split_once('#')?;
    let plain = !path.is_empty() && !url.bytes().any(|b| b <= b' ' || b == 0x7F);
    plain.then_some((path, fragment))
}

/// The nearest id for each wanted (target page, fragment), on every core, one target page at a
/// time (its ids grouped once for all the fragments wanted in it).
fn suggestions<'a>(
    wanted: HashSet<(usize, &'a str)>,
    targets: &HashMap<usize, &'a Facts>,
) -> HashMap<(usize, &'a str), Option<&'a str>> {
    let mut by_target: HashMap<usize, Vec<&str>> = HashMap::default();
    for (target, fragment) in wanted {
        by_target.entry(target).or_default().push(fragment);
    }
    by_target
        .into_par_iter()
        .flat_map_iter(|(target, fragments)| {
            let ids = IdsByLength::new(targets[&target].id_names.iter());
            fragments
                .into_iter()
                .map(move |fragment| ((target, fragment), ids.nearest(fragment)))
        })
        .collect()
}

/// A page's links into other pages whose fragment names no id there, with the target page.
type Misses<'a> = Vec<(&'a PendingFragment, &'a Facts)>;

/// Which links of `all` into other pages (`by_served`) miss, per page in link order.
fn judge<'a>(
    all: &'a [Facts],
    by_served: &HashMap<&str, &'a Facts>,
) -> (Vec<Misses<'a>>, FragmentStats) {
    // Which links miss, one target page at a time on every core: its ids are made into a set
    // once, for every link into it (rustdoc pages have thousands of ids and hundreds of links
    // into each), and dropped before the next (sets kept per core for every page they met were
    // 30 MB on rustdoc, the last rise of the peak memory).
    // Each link as its page and its index among that page's links into other pages.
    let mut by_target: HashMap<usize, (&Facts, Vec<[usize; 2]>)> = HashMap::default();
    for (page, facts) in all.iter().enumerate() {
        for (index, pending) in facts.pending_fragments.iter().enumerate() {
            if let Some(target) = by_served.get(&*pending.served).copied() {
                by_target
                    .entry(std::ptr::from_ref(target).addr())
                    .or_insert_with(|| (target, Vec::new()))
                    .1
                    .push([page, index]);
            }
        }
    }
    let judged_by_target: Vec<_> = by_target
        .into_par_iter()
        .map(|(_, (target, links))| {
            let mut stats = FragmentStats::default();
            let mut misses = Vec::new();
            let mut ids = None;
            for [page, index] in links {
                let pending = &all[page].pending_fragments[index];
                if !decidable(target, pending.fragment(), &mut stats) {
                    continue;
                }
                let ids = ids.get_or_insert_with(|| id_set(target));
                if !found(ids, pending.fragment(), &pending.url) {
                    misses.push((page, index, target));
                }
            }
            (misses, stats)
        })
        .collect();
    // Back in page order, and in link order within a page.
    let mut stats = FragmentStats::default();
    let mut all_misses = Vec::new();
    for (misses, counted) in judged_by_target {
        stats.checked += counted.checked;
        stats.undecided += counted.undecided;
        all_misses.extend(misses);
    }
    all_misses.sort_unstable_by_key(|&(page, index, _)| (page, index));
    let mut judged: Vec<Misses<'a>> = vec![Vec::new(); all.len()];
    for (page, index, target) in all_misses {
        judged[page].push((&all[page].pending_fragments[index], target));
    }
    (judged, stats)
}

/// FRAG001 for the links of `all` into other pages; `more_targets` are other pages whose ids
/// links may name (another shard's pages, with `--shard`). Findings written in layouts go
/// through `per_page`.
pub(crate) fn check_cross(
    all: &[Facts],
    more_targets: &[Facts],
    per_page: &mut PerPage,
    out: &mut Vec<Diagnostic>,
) -> FragmentStats {
    let by_served: HashMap<&str, &Facts> = all
        .iter()
        .chain(more_targets)
        .filter_map(|f| f.served.as_deref().map(|s| (s, f)))
        .filter(|(_, f)| f.has_ids)
        .collect();
    let (judged, stats) = judge(all, &by_served);
    // The helps, once per target page and fragment (the same broken fragment is often linked
    // from hundreds of pages: rustdoc's `#759-806` into a source page), on every core.
    let mut wanted: HashSet<(usize, &str)> = HashSet::default();
    for misses in &judged {
        for (pending, target) in misses {
            wanted.insert((std::ptr::from_ref(*target).addr(), pending.fragment()));
        }
    }
    let targets: HashMap<usize, &Facts> = judged
        .iter()
        .flatten()
        .map(|(_, target)| (std::ptr::from_ref(*target).addr(), *target))
        .collect();
    let suggestions = suggestions(wanted, &targets);
    // A page's ids are listed when some fragment into it has no near id.
    let unmatched: HashSet<usize> = suggestions
        .iter()
        .filter(|(_, suggestion)| suggestion.is_none())
        .map(|((address, _), _)| *address)
        .collect();
    let listed: HashMap<usize, String> = unmatched
        .into_par_iter()
        .map(|address| (address, listed_ids(targets[&address])))
        .collect();
    // The findings, made on every core, then routed in page order.
    let found: Vec<Vec<Diagnostic>> = all
        .par_iter()
        .zip(&judged)
        .map(|(facts, misses)| {
            misses
                .iter()
                .map(|(pending, target)| {
                    let address = std::ptr::from_ref(*target).addr();
                    let fragment = pending.fragment();
                    let suggestion = suggestions[&(address, fragment)];
                    missing(facts, &pending.link(), target, fragment, suggestion, || {
                        listed[&address].clone()
                    })
                })
                .collect()
        })
        .collect();
    for ((facts, misses), diagnostics) in all.iter().zip(&judged).zip(found) {
        for ((pending, _), diagnostic) in misses.iter().zip(diagnostics) {
            per_page.route(diagnostic, pending.written_in.is_some(), facts, out);
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_fragment_keeps_its_decoded_fragment_only_when_it_differs() {
        let reference = |url: &str| Reference {
            kind: ReferenceKind::Link,
            url: url.into(),
            location: Location::default(),
            origin: "a href",
            markdown: false,
            template: Some("{{ x }}".into()),
            context: None,
            written_in: None,
        };
        let served: Arc<str> = "/a.html".into();
        let plain =
            PendingFragment::new(Arc::clone(&served), "b#c".into(), &reference("a.html#b#c"));
        assert!(plain.decoded.is_none());
        assert_eq!(plain.fragment(), "b#c");
        let encoded =
            PendingFragment::new(Arc::clone(&served), "é".into(), &reference("a.html#%C3%A9"));
        assert_eq!(encoded.fragment(), "é");
        assert_eq!(encoded.link().url, "a.html#%C3%A9");
        assert_eq!(encoded.link().template, Some("{{ x }}"));
        // What the URL parser made of the fragment, when that is not the text after the `#`.
        let parsed = PendingFragment::new(served, "x%20y".into(), &reference("a.html#x y"));
        assert_eq!(parsed.fragment(), "x%20y");
    }

    #[test]
    fn only_plain_links_resolve_by_their_path_alone() {
        assert_eq!(
            plain_split("struct.A.html#method.b"),
            Some(("struct.A.html", "method.b"))
        );
        assert_eq!(
            plain_split("../a/b.html?x=1#%C3%A9#c"),
            Some(("../a/b.html?x=1", "%C3%A9#c"))
        );
        // No path, or what the URL parser trims, drops or encodes: resolved whole.
        for url in [
            "#top",
            "a.html",
            "a.html #x",
            "a.html#x y",
            "a.html#x\ty",
            " a.html#x",
        ] {
            assert_eq!(plain_split(url), None, "{url}");
        }
    }

    #[test]
    fn ids_grouped_by_length_suggest_what_every_id_would() {
        let ids = [
            "1",
            "72",
            "81",
            "759",
            "1000",
            "1608",
            "Install",
            "install",
            "usage",
            "USAGE-x",
            "método",
            "Método",
            "straße",
            "K",
            "k",
            "method.into_iter",
            "method.iter_into",
            "a-b",
        ];
        let grouped = IdsByLength::new(ids.iter().copied());
        let wanted = [
            "72-81",
            "7",
            "instal",
            "INSTALL",
            "usage-x",
            "metodo",
            "MÉTODO",
            "strasse",
            "\u{212A}",
            "method.iter",
            "method.into_iter",
            "ab",
            "a_b",
            "",
            "x",
            "16080",
        ];
        for fragment in wanted {
            assert_eq!(
                grouped.nearest(fragment),
                nearest(fragment, ids.iter().copied()),
                "{fragment}"
            );
        }
        assert_eq!(grouped.nearest("instal"), Some("install"));
        assert_eq!(grouped.nearest("INSTALL"), Some("Install"));
        assert_eq!(grouped.nearest("\u{212A}"), Some("K"));
    }
}
