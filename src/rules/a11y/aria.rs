//! ARIA rules: attribute names, values, roles, which attributes a role allows and requires,
//! and `aria-hidden` on the body or over focusable content. Tables from WAI-ARIA 1.2.

use super::names::is_interactive;
use super::tree::{Child, Tree};
use super::{role, Finding};
use crate::registry::{
    DISALLOWED_ARIA_ATTRIBUTE, FOCUSABLE_IN_HIDDEN, HIDDEN_BODY, INVALID_ARIA_VALUE,
    MISSING_REQUIRED_ARIA, UNKNOWN_ARIA_ATTRIBUTE, UNKNOWN_ROLE,
};

/// What values an ARIA attribute takes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    /// `true`, `false` or `undefined`.
    BoolUndefined,
    /// `true`, `false`, `mixed` or `undefined`.
    Tristate,
    Token(&'static [&'static str]),
    Tokens(&'static [&'static str]),
    Integer,
    /// An integer of at least 1 (levels, positions, indexes).
    Positive,
    Number,
    Text,
    IdRef,
    IdRefs,
}

/// Every `aria-*` attribute of WAI-ARIA 1.2 (and 1.3's `aria-description`, braille and
/// index-text attributes, which browsers support), with its value type.
const ATTRIBUTES: &[(&str, Kind)] = &[
    ("aria-activedescendant", Kind::IdRef),
    ("aria-atomic", Kind::Bool),
    (
        "aria-autocomplete",
        Kind::Token(&["inline", "list", "both", "none"]),
    ),
    ("aria-braillelabel", Kind::Text),
    ("aria-brailleroledescription", Kind::Text),
    ("aria-busy", Kind::Bool),
    ("aria-checked", Kind::Tristate),
    ("aria-colcount", Kind::Integer),
    ("aria-colindex", Kind::Positive),
    ("aria-colindextext", Kind::Text),
    ("aria-colspan", Kind::Integer),
    ("aria-controls", Kind::IdRefs),
    (
        "aria-current",
        Kind::Token(&["page", "step", "location", "date", "time", "true", "false"]),
    ),
    ("aria-describedby", Kind::IdRefs),
    ("aria-description", Kind::Text),
    ("aria-details", Kind::IdRefs),
    ("aria-disabled", Kind::Bool),
    (
        "aria-dropeffect",
        Kind::Tokens(&["copy", "execute", "link", "move", "none", "popup"]),
    ),
    ("aria-errormessage", Kind::IdRefs),
    ("aria-expanded", Kind::BoolUndefined),
    ("aria-flowto", Kind::IdRefs),
    ("aria-grabbed", Kind::BoolUndefined),
    (
        "aria-haspopup",
        Kind::Token(&["false", "true", "menu", "listbox", "tree", "grid", "dialog"]),
    ),
    ("aria-hidden", Kind::BoolUndefined),
    (
        "aria-invalid",
        Kind::Token(&["grammar", "false", "spelling", "true"]),
    ),
    ("aria-keyshortcuts", Kind::Text),
    ("aria-label", Kind::Text),
    ("aria-labelledby", Kind::IdRefs),
    ("aria-level", Kind::Positive),
    ("aria-live", Kind::Token(&["assertive", "off", "polite"])),
    ("aria-modal", Kind::Bool),
    ("aria-multiline", Kind::Bool),
    ("aria-multiselectable", Kind::Bool),
    (
        "aria-orientation",
        Kind::Token(&["horizontal", "vertical", "undefined"]),
    ),
    ("aria-owns", Kind::IdRefs),
    ("aria-placeholder", Kind::Text),
    ("aria-posinset", Kind::Positive),
    ("aria-pressed", Kind::Tristate),
    ("aria-readonly", Kind::Bool),
    (
        "aria-relevant",
        Kind::Tokens(&["additions", "removals", "text", "all"]),
    ),
    ("aria-required", Kind::Bool),
    ("aria-roledescription", Kind::Text),
    ("aria-rowcount", Kind::Integer),
    ("aria-rowindex", Kind::Positive),
    ("aria-rowindextext", Kind::Text),
    ("aria-rowspan", Kind::Integer),
    ("aria-selected", Kind::BoolUndefined),
    ("aria-setsize", Kind::Integer),
    (
        "aria-sort",
        Kind::Token(&["ascending", "descending", "none", "other"]),
    ),
    ("aria-valuemax", Kind::Number),
    ("aria-valuemin", Kind::Number),
    ("aria-valuenow", Kind::Number),
    ("aria-valuetext", Kind::Text),
];

/// Attributes allowed only on some roles (the rest are global).
const ROLE_SPECIFIC: &[(&str, &[&str])] = &[
    (
        "aria-activedescendant",
        &[
            "application",
            "combobox",
            "grid",
            "group",
            "listbox",
            "menu",
            "menubar",
            "radiogroup",
            "row",
            "searchbox",
            "spinbutton",
            "tablist",
            "textbox",
            "toolbar",
            "tree",
            "treegrid",
        ],
    ),
    ("aria-autocomplete", &["combobox", "searchbox", "textbox"]),
    (
        "aria-checked",
        &[
            "checkbox",
            "menuitemcheckbox",
            "menuitemradio",
            "option",
            "radio",
            "switch",
            "treeitem",
        ],
    ),
    ("aria-colcount", &["grid", "table", "treegrid"]),
    (
        "aria-colindex",
        &["cell", "columnheader", "gridcell", "row", "rowheader"],
    ),
    (
        "aria-colspan",
        &["cell", "columnheader", "gridcell", "rowheader"],
    ),
    (
        "aria-expanded",
        &[
            "application",
            "button",
            "checkbox",
            "columnheader",
            "combobox",
            "gridcell",
            "link",
            "listbox",
            "menuitem",
            "menuitemcheckbox",
            "menuitemradio",
            "row",
            "rowheader",
            "switch",
            "tab",
            "treeitem",
        ],
    ),
    (
        "aria-level",
        &["comment", "heading", "listitem", "row", "treeitem"],
    ),
    ("aria-modal", &["alertdialog", "dialog"]),
    ("aria-multiline", &["searchbox", "textbox"]),
    (
        "aria-multiselectable",
        &["grid", "listbox", "tablist", "tree", "treegrid"],
    ),
    (
        "aria-orientation",
        &[
            "listbox",
            "menu",
            "menubar",
            "radiogroup",
            "scrollbar",
            "select",
            "separator",
            "slider",
            "tablist",
            "toolbar",
            "tree",
            "treegrid",
        ],
    ),
    ("aria-placeholder", &["searchbox", "textbox"]),
    (
        "aria-posinset",
        &[
            "article",
            "comment",
            "listitem",
            "menuitem",
            "menuitemcheckbox",
            "menuitemradio",
            "option",
            "radio",
            "row",
            "tab",
            "treeitem",
        ],
    ),
    ("aria-pressed", &["button"]),
    (
        "aria-readonly",
        &[
            "checkbox",
            "columnheader",
            "combobox",
            "grid",
            "gridcell",
            "listbox",
            "menuitemcheckbox",
            "menuitemradio",
            "radiogroup",
            "rowheader",
            "searchbox",
            "slider",
            "spinbutton",
            "switch",
            "textbox",
        ],
    ),
    (
        "aria-required",
        &[
            "checkbox",
            "columnheader",
            "combobox",
            "gridcell",
            "listbox",
            "radiogroup",
            "rowheader",
            "searchbox",
            "spinbutton",
            "switch",
            "textbox",
            "tree",
            "treegrid",
        ],
    ),
    ("aria-rowcount", &["grid", "table", "treegrid"]),
    (
        "aria-rowindex",
        &["cell", "columnheader", "gridcell", "row", "rowheader"],
    ),
    (
        "aria-rowspan",
        &["cell", "columnheader", "gridcell", "rowheader"],
    ),
    (
        "aria-selected",
        &[
            "columnheader",
            "gridcell",
            "option",
            "row",
            "rowheader",
            "tab",
            "treeitem",
        ],
    ),
    (
        "aria-setsize",
        &[
            "article",
            "comment",
            "listitem",
            "menuitem",
            "menuitemcheckbox",
            "menuitemradio",
            "option",
            "radio",
            "row",
            "tab",
            "treeitem",
        ],
    ),
    ("aria-sort", &["columnheader", "rowheader"]),
    (
        "aria-valuemax",
        &[
            "meter",
            "progressbar",
            "scrollbar",
            "separator",
            "slider",
            "spinbutton",
        ],
    ),
    (
        "aria-valuemin",
        &[
            "meter",
            "progressbar",
            "scrollbar",
            "separator",
            "slider",
            "spinbutton",
        ],
    ),
    (
        "aria-valuenow",
        &[
            "meter",
            "progressbar",
            "scrollbar",
            "separator",
            "slider",
            "spinbutton",
        ],
    ),
    (
        "aria-valuetext",
        &[
            "meter",
            "progressbar",
            "scrollbar",
            "separator",
            "slider",
            "spinbutton",
        ],
    ),
];

/// Attributes a role requires (when the element's own semantics do not supply them).
const REQUIRED: &[(&str, &[&str])] = &[
    ("checkbox", &["aria-checked"]),
    ("heading", &["aria-level"]),
    ("combobox", &["aria-expanded"]),
    ("menuitemcheckbox", &["aria-checked"]),
    ("menuitemradio", &["aria-checked"]),
    ("meter", &["aria-valuenow"]),
    ("radio", &["aria-checked"]),
    ("scrollbar", &["aria-controls", "aria-valuenow"]),
    ("slider", &["aria-valuenow"]),
    ("switch", &["aria-checked"]),
];

/// Every role of WAI-ARIA 1.2, DPUB-ARIA 1.1 and Graphics-ARIA 1.0 that is not abstract.
const ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "application",
    "article",
    "banner",
    "blockquote",
    "button",
    "caption",
    "cell",
    "checkbox",
    "code",
    "columnheader",
    "combobox",
    "comment",
    "complementary",
    "contentinfo",
    "definition",
    "deletion",
    "dialog",
    "directory",
    "document",
    "emphasis",
    "feed",
    "figure",
    "form",
    "generic",
    "grid",
    "gridcell",
    "group",
    "heading",
    "img",
    "image",
    "insertion",
    "link",
    "list",
    "listbox",
    "listitem",
    "log",
    "main",
    "mark",
    "marquee",
    "math",
    "menu",
    "menubar",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "meter",
    "navigation",
    "none",
    "note",
    "option",
    "paragraph",
    "presentation",
    "progressbar",
    "radio",
    "radiogroup",
    "region",
    "row",
    "rowgroup",
    "rowheader",
    "scrollbar",
    "search",
    "searchbox",
    "separator",
    "slider",
    "spinbutton",
    "status",
    "strong",
    "subscript",
    "suggestion",
    "superscript",
    "switch",
    "tab",
    "table",
    "tablist",
    "tabpanel",
    "term",
    "textbox",
    "time",
    "timer",
    "toolbar",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
    "graphics-document",
    "graphics-object",
    "graphics-symbol",
    "doc-abstract",
    "doc-acknowledgments",
    "doc-afterword",
    "doc-appendix",
    "doc-backlink",
    "doc-biblioentry",
    "doc-bibliography",
    "doc-biblioref",
    "doc-chapter",
    "doc-colophon",
    "doc-conclusion",
    "doc-cover",
    "doc-credit",
    "doc-credits",
    "doc-dedication",
    "doc-endnote",
    "doc-endnotes",
    "doc-epigraph",
    "doc-epilogue",
    "doc-errata",
    "doc-example",
    "doc-footnote",
    "doc-foreword",
    "doc-glossary",
    "doc-glossref",
    "doc-index",
    "doc-introduction",
    "doc-noteref",
    "doc-notice",
    "doc-pagebreak",
    "doc-pagefooter",
    "doc-pageheader",
    "doc-pagelist",
    "doc-part",
    "doc-preface",
    "doc-prologue",
    "doc-pullquote",
    "doc-qna",
    "doc-subtitle",
    "doc-tip",
    "doc-toc",
];

/// Abstract roles: never to be written in markup.
const ABSTRACT: &[&str] = &[
    "command",
    "composite",
    "input",
    "landmark",
    "range",
    "roletype",
    "section",
    "sectionhead",
    "select",
    "structure",
    "widget",
    "window",
];

fn input_type(tree: &Tree, index: usize) -> String {
    tree.attr(index, "type")
        .map_or_else(|| "text".to_string(), |t| t.trim().to_ascii_lowercase())
}

/// The element's role: explicit if it names a known role, else its implicit one.
fn effective_role(tree: &Tree, index: usize) -> Option<&'static str> {
    if let Some(explicit) = tree.attr(index, "role") {
        // The first role the browser knows (lowercase per token, without allocating).
        if let Some(known) = explicit.split_ascii_whitespace().find_map(|token| {
            ROLES
                .iter()
                .copied()
                .find(|role| role.eq_ignore_ascii_case(token))
        }) {
            return Some(known);
        }
    }
    let element = &tree.nodes[index].element;
    let implicit = match element.name.as_str() {
        "a" | "area" if element.attribute("href").is_some() => "link",
        "button" => "button",
        "input" => match input_type(tree, index).as_str() {
            "checkbox" => "checkbox",
            "radio" => "radio",
            "range" => "slider",
            "number" => "spinbutton",
            "search" => "searchbox",
            "button" | "submit" | "reset" | "image" => "button",
            "text" | "email" | "tel" | "url" | "" => "textbox",
            _ => return None,
        },
        "select" => {
            if element.attribute("multiple").is_some()
                || element
                    .value("size")
                    .and_then(|s| s.trim().parse::<u32>().ok())
                    .is_some_and(|s| s > 1)
            {
                "listbox"
            } else {
                "combobox"
            }
        }
        "textarea" => "textbox",
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "li" => "listitem",
        "ul" | "ol" | "menu" => "list",
        "table" => "table",
        "tr" => "row",
        "td" => "cell",
        "th" => "columnheader",
        "option" => "option",
        "progress" => "progressbar",
        "meter" => "meter",
        "hr" => "separator",
        "dialog" => "dialog",
        "nav" => "navigation",
        "main" => "main",
        "article" => "article",
        "aside" => "complementary",
        "img" => "img",
        "details" | "fieldset" => "group",
        "output" => "status",
        _ => return None,
    };
    Some(implicit)
}

/// Does the element's own (native) semantics supply `attribute` for `role`?
fn natively_supplied(tree: &Tree, index: usize, attribute: &str) -> bool {
    let element = &tree.nodes[index].element;
    match (element.name.as_str(), attribute) {
        ("input", "aria-checked") => {
            matches!(input_type(tree, index).as_str(), "checkbox" | "radio")
        }
        ("input", "aria-valuenow") => {
            matches!(input_type(tree, index).as_str(), "range" | "number")
        }
        ("meter" | "progress", "aria-valuenow")
        | ("select", "aria-expanded")
        | ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", "aria-level") => true,
        _ => false,
    }
}

/// The closest known name to a misspelt one (Damerau–Levenshtein ≤ 2).
fn suggest(name: &str, candidates: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn value_ok(kind: Kind, value: &str, tree: &Tree) -> bool {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    match kind {
        Kind::Bool => matches!(lower.as_str(), "true" | "false"),
        Kind::BoolUndefined => matches!(lower.as_str(), "true" | "false" | "undefined"),
        Kind::Tristate => matches!(lower.as_str(), "true" | "false" | "mixed" | "undefined"),
        Kind::Token(tokens) => tokens.contains(&lower.as_str()),
        Kind::Tokens(tokens) => {
            !lower.is_empty() && lower.split_ascii_whitespace().all(|t| tokens.contains(&t))
        }
        Kind::Integer => value.parse::<i64>().is_ok(),
        Kind::Positive => value.parse::<i64>().is_ok_and(|n| n >= 1),
        Kind::Number => value.parse::<f64>().is_ok_and(f64::is_finite),
        Kind::Text => true,
        Kind::IdRef | Kind::IdRefs => {
            value.is_empty()
                || value
                    .split_ascii_whitespace()
                    .any(|id| tree.by_id(id).is_some())
        }
    }
}

fn describe(kind: Kind) -> String {
    match kind {
        Kind::Bool => "`true` or `false`".into(),
        Kind::BoolUndefined => "`true`, `false` or `undefined`".into(),
        Kind::Tristate => "`true`, `false`, `mixed` or `undefined`".into(),
        Kind::Token(tokens) => format!(
            "one of {}",
            tokens
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Tokens(tokens) => format!(
            "a list of {}",
            tokens
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Kind::Integer => "an integer".into(),
        Kind::Positive => "an integer of at least 1".into(),
        Kind::Number => "a number".into(),
        Kind::Text => "text".into(),
        Kind::IdRef | Kind::IdRefs => "the id of an element on this page".into(),
    }
}

#[allow(clippy::too_many_lines)] // One pass over the elements; each block is one rule.
pub(crate) fn check(tree: &Tree, out: &mut Vec<Finding>) {
    let page_uncertain = tree
        .nodes
        .iter()
        .any(|n| n.children.iter().any(|c| matches!(c, Child::Unknown)));
    for index in 1..tree.nodes.len() {
        let node = &tree.nodes[index];
        if node.uncertain {
            continue;
        }
        let element = &node.element;
        // Roles.
        if let Some(roles) = element.value("role") {
            let tokens: Vec<String> = roles
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect();
            if !tokens.is_empty() && !tokens.iter().any(|r| ROLES.contains(&r.as_str())) {
                let first = &tokens[0];
                let (message, help) = if ABSTRACT.contains(&first.as_str()) {
                    (
                        format!("`{first}` is an abstract role"),
                        "abstract roles are for the ARIA specification only; use a concrete role"
                            .to_string(),
                    )
                } else {
                    (
                        format!("`{}` is not an ARIA role", roles.trim()),
                        suggest(first, ROLES.iter().copied()).map_or_else(
                            || "use a role from WAI-ARIA, or remove `role`".to_string(),
                            |s| format!("did you mean `{s}`?"),
                        ),
                    )
                };
                out.push(
                    Finding::new(&UNKNOWN_ROLE, index, message)
                        .at_attribute(tree, "role")
                        .label("browsers ignore it, so the element keeps its own role")
                        .help(help),
                );
            }
        }
        let role_now = effective_role(tree, index);
        for attribute in &element.attributes {
            let Some(suffix) = attribute.name.strip_prefix("aria-") else {
                continue;
            };
            let _ = suffix;
            let Some(&(_, kind)) = ATTRIBUTES.iter().find(|(n, _)| *n == &*attribute.name) else {
                let suggestion = suggest(&attribute.name, ATTRIBUTES.iter().map(|(n, _)| *n));
                let mut finding = Finding::new(
                    &UNKNOWN_ARIA_ATTRIBUTE,
                    index,
                    format!("`{}` is not an ARIA attribute", attribute.name),
                )
                .label("assistive technology ignores it")
                .help(suggestion.map_or_else(
                    || "remove it, or use an attribute from WAI-ARIA".to_string(),
                    |s| format!("did you mean `{s}`?"),
                ));
                if tree.nodes[index].element.span.len() > 1 {
                    finding.span = Some(attribute.name_span.clone());
                }
                out.push(finding);
                continue;
            };
            if element.foreign && attribute.name != "aria-hidden" {
                // SVG roles and attributes follow Graphics-ARIA; only names are checked there.
                continue;
            }
            let idref = matches!(kind, Kind::IdRef | Kind::IdRefs);
            let skip_idref = idref
                && (page_uncertain
                    || attribute.name == "aria-controls"
                        && element
                            .value("aria-expanded")
                            .is_some_and(|v| v.trim() == "false"));
            if !skip_idref && !value_ok(kind, &attribute.value, tree) {
                let message = if idref {
                    format!(
                        "`{}` names no element of this page (`{}`)",
                        attribute.name,
                        attribute.value.trim()
                    )
                } else {
                    format!(
                        "`{}=\"{}\"` is not a valid value",
                        attribute.name,
                        attribute.value.trim()
                    )
                };
                out.push(
                    Finding::new(&INVALID_ARIA_VALUE, index, message)
                        .at_attribute(tree, &attribute.name)
                        .label(format!("expects {}", describe(kind)))
                        .help(if idref {
                            "write the `id` of an element on this page, or remove the attribute"
                        } else {
                            "use one of the values the attribute takes"
                        }),
                );
            }
            if let Some((_, roles)) = ROLE_SPECIFIC.iter().find(|(n, _)| *n == &*attribute.name) {
                // Form fields without an ARIA role (`type="date"`, `password`, `file`, …) still
                // take the states of form fields (`aria-required`, `aria-readonly`): not judged.
                let unmapped_field = role_now.is_none()
                    && matches!(element.name.as_str(), "input" | "select" | "textarea");
                let allowed = unmapped_field || role_now.is_some_and(|r| roles.contains(&r));
                if !allowed {
                    let on = role_now.map_or_else(
                        || format!("`<{}>`", element.name),
                        |r| format!("`<{}>` (role `{r}`)", element.name),
                    );
                    out.push(
                        Finding::new(
                            &DISALLOWED_ARIA_ATTRIBUTE,
                            index,
                            format!("`{}` is not allowed on {on}", attribute.name),
                        )
                        .at_attribute(tree, &attribute.name)
                        .label("assistive technology ignores it, or announces something untrue")
                        .help(format!(
                            "remove it, or give the element a role that supports it ({})",
                            roles
                                .iter()
                                .take(4)
                                .map(|r| format!("`{r}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
        }
        // Required attributes of an explicit role.
        if let Some(explicit) = role(tree, index) {
            if let Some((_, required)) = REQUIRED.iter().find(|(r, _)| *r == explicit) {
                let missing: Vec<&str> = required
                    .iter()
                    .copied()
                    .filter(|a| {
                        element.attribute(a).is_none() && !natively_supplied(tree, index, a)
                    })
                    .collect();
                if !missing.is_empty() {
                    let list = missing
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.push(
                        Finding::new(
                            &MISSING_REQUIRED_ARIA,
                            index,
                            format!("role `{explicit}` needs {list}"),
                        )
                        .at_attribute(tree, "role")
                        .label("without it, screen readers cannot announce the control's state")
                        .help(format!(
                            "add {list} and keep it up to date from your script"
                        )),
                    );
                }
            }
        }
        // `aria-hidden`.
        let hides = element
            .value("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        if hides && element.name == "body" {
            out.push(
                Finding::new(
                    &HIDDEN_BODY,
                    index,
                    "`<body aria-hidden=\"true\">` hides the whole page",
                )
                .at_attribute(tree, "aria-hidden")
                .label("screen readers announce nothing of this page")
                .help("remove `aria-hidden` from `<body>`"),
            );
        } else if hides && !tree.hidden[node.parent.unwrap_or(0)] {
            // The outermost `aria-hidden` subtree: its descendants are looked at once.
            let focusable = std::iter::once(index)
                .chain(tree.descendants(index))
                .find(|&d| {
                    is_interactive(tree, d)
                        && tree
                            .attr(d, "tabindex")
                            .is_none_or(|t| t.trim().parse::<i32>().is_ok_and(|n| n >= 0))
                        && tree.nodes[d].element.attribute("disabled").is_none()
                        && !tree.nodes[d].uncertain
                        && !super::hidden_itself_visually(tree, d)
                });
            if let Some(focusable) = focusable {
                out.push(
                    Finding::new(&FOCUSABLE_IN_HIDDEN, focusable, format!("focusable `<{}>` inside `aria-hidden=\"true\"`", tree.name(focusable)))
                        .label("keyboard users can reach it, but screen readers say nothing")
                        .help("add `tabindex=\"-1\"` (or `disabled`) to it, or remove `aria-hidden` (sitelint cannot see CSS: if a stylesheet hides it, ignore this)"),
                );
            }
        }
    }
}
