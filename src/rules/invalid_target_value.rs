//! ATTR001 invalid-target-value: `target` must be a browsing-context keyword or a name.
//! <https://html.spec.whatwg.org/multipage/document-sequences.html#valid-navigable-target-name-or-keyword>

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::registry::INVALID_TARGET_VALUE as RULE;

const KEYWORDS: [&str; 4] = ["_blank", "_self", "_parent", "_top"];

/// The keyword `value` is most likely a typo of (Damerau–Levenshtein ≤ 2; ties resolved in
/// keyword order, `_blank` first, the most common by far).
fn nearest_keyword(value: &str, limit: usize) -> Option<&'static str> {
    let lower = value.to_ascii_lowercase();
    KEYWORDS
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

pub(crate) fn check(document: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for element in &document.elements {
        if !matches!(element.name.as_str(), "a" | "area" | "form" | "base") {
            continue;
        }
        let Some(attribute) = element.attribute("target") else {
            continue;
        };
        let span = attribute.span();
        if document.is_templated(&span) {
            continue;
        }
        let value = &*attribute.value;
        let location = Some(document.location(span));
        if value.is_empty() {
            out.push(
                Diagnostic::new(&RULE, document.file, location, "empty `target` attribute")
                    .label("empty target")
                    .help("remove the attribute, or use `_blank` to open a new tab"),
            );
            continue;
        }
        if KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(value)) {
            continue;
        }
        if value.starts_with('_') {
            let diagnostic = Diagnostic::new(
                &RULE,
                document.file,
                location,
                format!("`{value}` is not a browsing-context keyword"),
            )
            .label("names starting with `_` are reserved for keywords");
            out.push(match nearest_keyword(value, 2) {
                Some(keyword) => diagnostic
                    .help(format!("did you mean `{keyword}`?"))
                    .fix(keyword),
                None => diagnostic.help("use one of `_blank`, `_self`, `_parent`, `_top`"),
            });
            continue;
        }
        // A plain name is valid (it names a window), but one that is a keyword without its
        // underscore (`blank`) almost always meant the keyword.
        if let Some(keyword) = nearest_keyword(&format!("_{value}"), 1) {
            if value.trim() != value || value.len() + 1 >= keyword.len() {
                out.push(
                    Diagnostic::new(
                        &RULE,
                        document.file,
                        location,
                        format!("`{value}` names a window, not the `{keyword}` keyword"),
                    )
                    .severity(Severity::Warning)
                    .label("every link with this target reuses one named window")
                    .help(format!("did you mean `{keyword}`?"))
                    .fix(keyword),
                );
            }
        }
    }
}
