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
