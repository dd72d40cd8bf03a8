//! Rules. Document rules see one parsed file; site rules see the merged facts of every file.

pub(crate) mod a11y;
pub(crate) mod baseurl_cname_conflict;
pub(crate) mod broken_links;
pub(crate) mod external_links;
pub(crate) mod fragments;
pub(crate) mod image_alt;
pub(crate) mod invalid_target_value;
pub(crate) mod license;
pub(crate) mod misspelled_attribute;
pub(crate) mod per_page;
pub(crate) mod template_tags;
pub(crate) mod url_text;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Reference};

/// Run every document rule on `document`.
pub(crate) fn check_document(
    document: &Document<'_>,
    references: &[Reference],
    out: &mut Vec<Diagnostic>,
) {
    invalid_target_value::check(document, out);
    misspelled_attribute::check(document, out);
    image_alt::check(document, out);
    url_text::check(document, references, out);
}

/// The site rules' findings on one page, made as soon as every served path of the site is
/// known: inside the parallel pass for a built site, just after it for Jekyll sources (whose
/// permalinks are known only once every page is read). The page then keeps only its links into
/// other pages' fragments, not every reference (a million on a large rustdoc site).
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Findings, each with whether it is written in a layout or include.
    pub findings: Vec<(Diagnostic, bool)>,
    /// Internal references checked.
    pub links_checked: usize,
    pub fragments: fragments::FragmentStats,
    /// External URLs.
    pub external: Vec<external_links::ExternalUse>,
    /// Offline, the page's own `http(s)` URLs, each once.
    pub tally: Vec<broken_links::TalliedUrl>,
}

/// Resolve the references of the page of `facts` against the site (LINK, ASSET, FRAG002 and
/// FRAG001 within the page), keeping its links into other pages' fragments for later.
pub(crate) fn resolve(
    facts: &mut crate::document::Facts,
    model: &crate::site::model::SiteModel,
    site: &crate::site::config::SiteConfig,
    offline: bool,
) {
    let links = broken_links::check_page(facts, model, site, offline);
    let mut resolved = Resolved {
        findings: links.findings,
        links_checked: links.checked,
        external: links.external,
        tally: links.tally,
        ..Resolved::default()
    };
    facts.pending_fragments = fragments::check_page(
        facts,
        model,
        &mut resolved.findings,
        &mut resolved.fragments,
    );
    facts.references = Vec::new();
    facts.resolved = Some(resolved);
}
