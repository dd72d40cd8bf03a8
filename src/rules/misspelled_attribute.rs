//! ATTR002 misspelled-attribute: an attribute the element does not have, a small edit away from
//! one it does (`taget` → `target`). Unknown names that are not near a real one are left alone:
//! sites use custom attributes on purpose. Tables: `crate::html_spec`.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::html_spec;
use crate::registry::MISSPELLED_ATTRIBUTE as RULE;

pub(crate) fn check(document: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for element in &document.elements {
        if element.foreign || !html_spec::is_known_element(&element.name) {
            continue;
        }
        for attribute in &element.attributes {
            let name = attribute.name.as_str();
            // Most attributes are valid: that test first (it is the cheaper one).
            if html_spec::is_valid_attribute(&element.name, name)
                || html_spec::is_exempt_attribute(name)
                || document.is_templated(&attribute.name_span)
            {
                continue;
            }
            let Some(suggestion) = html_spec::suggest_attribute(&element.name, name) else {
                continue;
            };
            let written = document
                .text
                .get(attribute.name_span.clone())
                .unwrap_or(name);
            let diagnostic = Diagnostic::new(
                &RULE,
                document.file,
                Some(document.location(attribute.name_span.clone())),
                format!("`<{}>` has no attribute `{written}`", element.name),
            )
            .label("browsers ignore this attribute");
            // Renaming it to an attribute the element already has would write a duplicate,
            // which browsers drop: no fix then.
            out.push(if element.attribute(suggestion).is_some() {
                diagnostic.help(format!(
                    "the element already has `{suggestion}`: remove this one, or merge the two"
                ))
            } else {
                diagnostic
                    .help(format!("did you mean `{suggestion}`?"))
                    .fix(suggestion)
            });
        }
    }
}
