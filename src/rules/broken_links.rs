//! LINK001 broken-internal-link and ASSET001 missing-asset: every internal reference must name
//! something the served site has. Resolution lives in [`SiteModel::resolve`].

use super::external_links::{is_form_action, ExternalUse, Tally};
use crate::diagnostic::Diagnostic;
use crate::document::{Facts, FileKind, Reference, ReferenceKind};
use crate::registry::{BROKEN_INTERNAL_LINK, EMPTY_LINK_TARGET, MISSING_ASSET};
use crate::site::config::SiteConfig;
use crate::site::model::{Missing, Resolution, SiteModel};
use crate::site::Mode;
use crate::source::starts_with_ignoring_case;

/// Suggest `candidate` (a served path) in the style the author wrote `url`: keep a relative
/// prefix and only swap the last segment when the folder is the same; otherwise root-relative.
fn suggestion(url: &str, missing: &Missing, candidate: &str, root: &str) -> String {
    let written_path = url.split(['?', '#']).next().unwrap_or(url);
    let (missing_dir, _) = missing.path.rsplit_once('/').unwrap_or(("", ""));
    let (candidate_dir, candidate_name) = candidate.rsplit_once('/').unwrap_or(("", candidate));
    let wrote_html = written_path.to_ascii_lowercase().ends_with(".html");
    let candidate_name = if wrote_html {
        candidate_name
    } else {
        candidate_name
            .strip_suffix(".html")
            .unwrap_or(candidate_name)
    };
    if missing_dir == candidate_dir && !written_path.ends_with('/') {
        if let Some((prefix, _)) = written_path.rsplit_once('/') {
            return format!("{prefix}/{candidate_name}");
        }
        return candidate_name.to_string();
    }
    let root = root.trim_end_matches('/');
    format!("{root}{candidate_dir}/{candidate_name}")
}

fn describe(reference: &Reference) -> String {
    match (&reference.template, &reference.context) {
        (Some(template), Some(context)) => {
            format!(
                "`{template}` (evaluates to `{}` for {context})",
                reference.url
            )
        }
        (Some(template), None) => format!("`{template}` (evaluates to `{}`)", reference.url),
        (None, _) => format!("`{}`", reference.url),
    }
}

fn report(
    reference: &Reference,
    facts: &Facts,
    missing: &Missing,
    model: &SiteModel,
    site: &SiteConfig,
) -> Diagnostic {
    let (rule, message) = match reference.kind {
        ReferenceKind::Link => (
            &BROKEN_INTERNAL_LINK,
            format!("broken link {}", describe(reference)),
        ),
        ReferenceKind::Asset => (
            &MISSING_ASSET,
            format!(
                "missing file {} ({})",
                describe(reference),
                reference.origin
            ),
        ),
    };
    let file = reference.written_in.as_ref().unwrap_or(&facts.file);
    let mut diagnostic = Diagnostic::new(rule, file, Some(reference.location), message);
    let root = model.root();
    if missing.outside_root {
        let fixed = format!("{}{}", root.trim_end_matches('/'), missing.requested);
        let exists = matches!(model.resolve("/", &fixed), Resolution::Found);
        diagnostic = diagnostic.label(format!(
            "`{}` is outside the site, which is served under `{root}`",
            missing.requested
        ));
        diagnostic = if exists {
            diagnostic.help(format!(
                "did you mean `{fixed}`? (or write `{{{{ '{}' | relative_url }}}}`)",
                missing.requested
            ))
        } else {
            diagnostic.help(format!("root-relative links must start with `{root}`"))
        };
        return diagnostic;
    }
    diagnostic = diagnostic.label(format!(
        "the site serves nothing at `{}`",
        missing.requested
    ));
    if let Some(real) = &missing.case_mismatch {
        let fixed = suggestion(&reference.url, missing, real, root);
        let diagnostic = diagnostic.help(format!(
            "the file is `{real}`: letter case must match exactly (servers like GitHub Pages are case-sensitive); did you mean `{fixed}`?"
        ));
        // The replacement keeps the query and fragment; `--fix` applies it only when it
        // differs from the text written at the span in letter case alone.
        if reference.template.is_none() {
            let suffix = reference
                .url
                .find(['?', '#'])
                .map_or("", |index| &reference.url[index..]);
            return diagnostic.fix(format!("{fixed}{suffix}"));
        }
        return diagnostic;
    }
    if let Some(candidate) = model.nearest(&missing.path) {
        diagnostic = diagnostic.help(format!(
            "did you mean `{}`?",
            suggestion(&reference.url, missing, &candidate, root)
        ));
    } else if site.mode == Mode::Jekyll
        && site.cname.is_some()
        && !site.baseurl.is_empty()
        && missing.path.starts_with(&site.baseurl)
    {
        diagnostic = diagnostic.help(format!(
            "`baseurl` is `{}` but CNAME serves the site at `/`: see baseurl-cname-conflict",
            site.baseurl
        ));
    } else {
        diagnostic = diagnostic.help("fix the path, or add the missing file");
    }
    diagnostic
}

/// A relative reference (no scheme, no `//`, no leading `/`), which `<base>` affects.
fn is_relative(url: &str) -> bool {
    let url = url.trim();
    !(url.starts_with('/')
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }))
}

/// `href=""` (or one that evaluates to nothing): the link reloads the page it is on.
fn empty_target(reference: &Reference, facts: &Facts) -> Option<Diagnostic> {
    if reference.kind != ReferenceKind::Link
        || !matches!(reference.origin, "a href" | "area href" | "iframe src")
        || !reference.url.trim().is_empty()
    {
        return None;
    }
    let file = reference.written_in.as_ref().unwrap_or(&facts.file);
    let message = match (&reference.template, &reference.context) {
        (Some(template), Some(context)) => {
            format!(
                "`{template}` evaluates to an empty `{}` for {context}",
                reference.origin
            )
        }
        (Some(template), None) => {
            format!("`{template}` evaluates to an empty `{}`", reference.origin)
        }
        (None, _) => format!("empty `{}`", reference.origin),
    };
    Some(
        Diagnostic::new(&EMPTY_LINK_TARGET, file, Some(reference.location), message)
            .label("links to the page itself")
            .help(if reference.template.is_some() {
                "give the value a URL (is a data field missing?), or drop the link"
            } else {
                "write the URL, `#` for a script-driven control (better: a `<button>`), or drop the link"
            }),
    )
}

/// What resolving one page's references against the site found.
#[derive(Debug, Default)]
pub(crate) struct PageLinks {
    /// Findings, each with whether it is written in a layout or include (then reported once
    /// for all the pages that share it).
    pub findings: Vec<(Diagnostic, bool)>,
    /// Internal references checked.
    pub checked: usize,
    /// External URLs (`http(s)`, `//host`, `mailto:`, `tel:`), with whether each is written in
    /// a layout or include (counted once per place written, not once per page). Offline, only
    /// those in layouts and includes and the `mailto:` and `tel:` links (checked offline too).
    pub external: Vec<ExternalUse>,
    /// Offline, the page's own `http(s)` URLs, each once.
    pub tally: Vec<TalliedUrl>,
}

/// Offline, one `http(s)` URL written in a page and how many times (see [`Tally`]).
#[derive(Debug)]
pub(crate) struct TalliedUrl {
    pub url: Box<str>,
    pub uses: u32,
    /// One of the uses is followed by a request (not only a form's action).
    pub followed: bool,
}

impl TalliedUrl {
    /// Add the page's URLs to the site's.
    pub(crate) fn add_all(page: Vec<TalliedUrl>, tally: &mut Tally) {
        for url in page {
            tally.add(url.url, u64::from(url.uses), url.followed);
        }
    }
}

/// LINK001, LINK005 and ASSET001 on the references of one page. Runs as soon as the site's
/// served paths are known: inside the parallel pass for a built site, after it for Jekyll
/// sources (whose permalinks are only known once every page is read).
#[allow(clippy::too_many_lines)] // One pass over the references; each arm is one resolution.
pub(crate) fn check_page(
    facts: &Facts,
    model: &SiteModel,
    site: &SiteConfig,
    offline: bool,
) -> PageLinks {
    let mut page = PageLinks::default();
    // Offline, the page's first use of each URL stands for the others.
    let mut first_use: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    let mut places = rustc_hash::FxHashSet::default();
    let mut found = rustc_hash::FxHashSet::default();
    if facts.kind == FileKind::Template {
        return page;
    }
    let source_dir = facts
        .file
        .display
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir);
    // `<base href>` moves what relative URLs resolve against; to another site, they leave.
    let base = facts.base_url(model);
    for reference in &facts.references {
        let in_template = reference.written_in.is_some();
        if let Some(diagnostic) = empty_target(reference, facts) {
            page.findings.push((diagnostic, in_template));
            continue;
        }
        // A page links to the same URL many times (rustdoc: each item's page, from every
        // mention): what resolved once resolves again.
        let resolution = if found.contains(reference.url.as_str()) {
            Resolution::Found
        } else {
            let resolution = match &base {
                Some(base) => model.resolve(base, &reference.url),
                None if is_relative(&reference.url) => Resolution::External,
                None => model.resolve(&facts.url, &reference.url),
            };
            if resolution == Resolution::Found {
                found.insert(reference.url.as_str());
            }
            resolution
        };
        match resolution {
            Resolution::Found => page.checked += 1,
            Resolution::External => {
                let start = reference.url.trim_start();
                let contact = starts_with_ignoring_case(start, "mailto:")
                    || starts_with_ignoring_case(start, "tel:");
                if contact
                    || ["http:", "https:", "//"]
                        .iter()
                        .any(|scheme| starts_with_ignoring_case(start, scheme))
                {
                    if offline && !in_template && !contact {
                        // A place is one use, however many times a loop writes it.
                        if !places.insert((reference.location.start, reference.url.as_str())) {
                            continue;
                        }
                        let followed = !is_form_action(reference.origin);
                        if let Some(&index) = first_use.get(reference.url.as_str()) {
                            let entry: &mut TalliedUrl = &mut page.tally[index];
                            entry.uses += 1;
                            entry.followed |= followed;
                        } else {
                            first_use.insert(&reference.url, page.tally.len());
                            page.tally.push(TalliedUrl {
                                url: reference.url.as_str().into(),
                                uses: 1,
                                followed,
                            });
                        }
                        continue;
                    }
                    let file = reference.written_in.as_ref().unwrap_or(&facts.file);
                    page.external.push(ExternalUse {
                        site: 0,
                        file: std::sync::Arc::clone(file),
                        location: reference.location,
                        url: reference.url.clone(),
                        template: reference.template.clone(),
                        context: reference.context.clone(),
                        origin: reference.origin,
                        asset: reference.kind == ReferenceKind::Asset,
                        in_template,
                    });
                }
            }
            Resolution::Invalid(error) => {
                page.checked += 1;
                let rule = if reference.kind == ReferenceKind::Link {
                    &BROKEN_INTERNAL_LINK
                } else {
                    &MISSING_ASSET
                };
                let file = reference.written_in.as_ref().unwrap_or(&facts.file);
                let diagnostic = Diagnostic::new(
                    rule,
                    file,
                    Some(reference.location),
                    format!("{} is not a valid URL", describe(reference)),
                )
                .label(error)
                .help("fix the URL syntax");
                page.findings.push((diagnostic, in_template));
            }
            Resolution::Missing(missing) => {
                page.checked += 1;
                // jekyll-relative-links rewrites Markdown links to `.md` sources in pages and
                // posts (other collections only when configured, which we do not read yet).
                let rewritten = !source_dir.starts_with('_') || source_dir.starts_with("_posts");
                if reference.markdown
                    && rewritten
                    && site.mode == Mode::Jekyll
                    && model.markdown_source_exists(source_dir, &reference.url)
                {
                    continue;
                }
                let diagnostic = report(reference, facts, &missing, model, site);
                page.findings.push((diagnostic, in_template));
            }
        }
    }
    page
}

/// The external uses of every page, each place written once (a layout's URL is not one per
/// page), in the order of file, offset and URL; and those written in layouts and includes
/// (file, offset, URL), for `--shard`.
pub(crate) fn external_uses(
    pages: Vec<Vec<ExternalUse>>,
) -> (Vec<ExternalUse>, Vec<(String, u32, String)>) {
    fn key(item: &ExternalUse) -> (&str, u32, &str) {
        (&item.file.display, item.location.start, &item.url)
    }
    let mut uses: Vec<ExternalUse> = Vec::with_capacity(pages.iter().map(Vec::len).sum());
    for page in pages {
        uses.extend(page);
    }
    // Uses with one key are one place written: which of them is kept does not matter.
    uses.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
    uses.dedup_by(|a, b| key(a) == key(b));
    let templates = uses
        .iter()
        .filter(|item| item.in_template)
        .map(|item| {
            (
                item.file.display.clone(),
                item.location.start,
                item.url.clone(),
            )
        })
        .collect();
    (uses, templates)
}
