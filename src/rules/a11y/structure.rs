//! Structure rules: headings, lists, tables, ids referenced by ARIA, nesting of interactive
//! elements, tab order, and obsolete or harmful markup.

use std::collections::{HashMap, HashSet};

use super::names::is_interactive;
use super::tree::{Child, Tree};
use super::{is_hidden, role, Finding};
use crate::diagnostic::Severity;
use crate::registry::{
    BLINK_ELEMENT, DUPLICATE_ACCESSKEY, DUPLICATE_ARIA_ID, EMPTY_HEADING,
    HEADER_WITHOUT_DATA_CELLS, INVALID_AUTOCOMPLETE, INVALID_DEFINITION_LIST_CHILD,
    INVALID_HEADERS_ATTR, INVALID_LANG, INVALID_LIST_CHILD, INVALID_SCOPE, MARQUEE_ELEMENT,
    NESTED_INTERACTIVE, ORPHAN_DEFINITION_ITEM, ORPHAN_LIST_ITEM, POSITIVE_TABINDEX,
    SERVER_SIDE_IMAGE_MAP, SKIPPED_HEADING_LEVEL,
};

/// Heading level of an element: `h1`–`h6`, or `role="heading"` with `aria-level` (default 2).
fn heading_level(tree: &Tree, index: usize) -> Option<u8> {
    let element = &tree.nodes[index].element;
    if element.foreign {
        return None;
    }
    if role(tree, index) == Some("heading") {
        return Some(
            element
                .value("aria-level")
                .and_then(|l| l.trim().parse::<u8>().ok())
                .filter(|l| (1..=9).contains(l))
                .unwrap_or(2),
        );
    }
    match element.name.as_str() {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Children of a list that do not belong there: elements `allowed` rejects (where to report,
/// and how to name them) and text that is not whitespace (reported at the list).
fn misplaced_children(
    tree: &Tree,
    list: usize,
    allowed: impl Fn(usize) -> bool,
) -> Vec<(usize, String)> {
    tree.nodes[list]
        .children
        .iter()
        .filter_map(|child| match child {
            Child::Node(c) if !allowed(*c) => Some((*c, format!("`<{}>`", tree.name(*c)))),
            Child::Text(t) if !t.trim().is_empty() => Some((list, "text".to_string())),
            Child::Node(_) | Child::Text(_) | Child::Unknown => None,
        })
        .collect()
}

/// HTML's "rules for parsing integers": leading whitespace, a sign, then digits; what follows
/// the digits is ignored (`tabindex="1.5"` is 1).
pub(crate) fn parse_integer(value: &str) -> Option<i64> {
    let value = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let (sign, digits) = match value.as_bytes().first() {
        Some(b'-') => (-1, &value[1..]),
        Some(b'+') => (1, &value[1..]),
        _ => (1, value),
    };
    let end = digits.bytes().take_while(u8::is_ascii_digit).count();
    digits[..end].parse::<i64>().ok().map(|n| sign * n)
}

/// Autofill field names (HTML Standard 4.10.18.7.1), for `autocomplete`.
const AUTOFILL_FIELDS: &[&str] = &[
    "name",
    "honorific-prefix",
    "given-name",
    "additional-name",
    "family-name",
    "honorific-suffix",
    "nickname",
    "username",
    "new-password",
    "current-password",
    "one-time-code",
    "organization-title",
    "organization",
    "street-address",
    "address-line1",
    "address-line2",
    "address-line3",
    "address-level4",
    "address-level3",
    "address-level2",
    "address-level1",
    "country",
    "country-name",
    "postal-code",
    "cc-name",
    "cc-given-name",
    "cc-additional-name",
    "cc-family-name",
    "cc-number",
    "cc-exp",
    "cc-exp-month",
    "cc-exp-year",
    "cc-csc",
    "cc-type",
    "transaction-currency",
    "transaction-amount",
    "language",
    "bday",
    "bday-day",
    "bday-month",
    "bday-year",
    "sex",
    "url",
    "photo",
    "tel",
    "tel-country-code",
    "tel-national",
    "tel-area-code",
    "tel-local",
    "tel-local-prefix",
    "tel-local-suffix",
    "tel-extension",
    "email",
    "impp",
    "webauthn",
];

/// Is `value` a valid `autocomplete` value (HTML Standard 4.10.18.7.1)?
fn valid_autocomplete(value: &str) -> bool {
    let tokens: Vec<String> = value
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if tokens.is_empty() {
        return true;
    }
    if tokens.len() == 1 && matches!(tokens[0].as_str(), "on" | "off") {
        return true;
    }
    let mut rest = tokens.as_slice();
    if rest.first().is_some_and(|t| t.starts_with("section-")) {
        rest = &rest[1..];
    }
    if rest
        .first()
        .is_some_and(|t| t == "shipping" || t == "billing")
    {
        rest = &rest[1..];
    }
    if rest
        .first()
        .is_some_and(|t| matches!(t.as_str(), "home" | "work" | "mobile" | "fax" | "pager"))
    {
        rest = &rest[1..];
    }
    if rest.last().is_some_and(|t| t == "webauthn") && rest.len() == 2 {
        rest = &rest[..1];
    }
    rest.len() == 1 && AUTOFILL_FIELDS.contains(&rest[0].as_str())
}

#[allow(clippy::too_many_lines)] // One pass over the elements; each arm is one rule.
#[allow(clippy::needless_range_loop)] // `index` is the element, used far beyond the vector.
pub(crate) fn check(tree: &Tree, out: &mut Vec<Finding>) {
    let mut previous_heading: Option<u8> = None;
    let mut accesskeys: HashMap<String, usize> = HashMap::new();
    let mut ids: Vec<(&str, usize)> = Vec::new();
    let mut referenced: HashSet<&str> = HashSet::new();
    // Controls whose children are presentational (WAI-ARIA "Children Presentational: True"):
    // a control inside them is hidden from assistive technology. (A link inside a link is
    // invalid HTML too, but reads fine; axe's nested-interactive does not judge it either.)
    let controls = tree.nearest(|a| match role(tree, a) {
        Some(r) => matches!(
            r,
            "button"
                | "checkbox"
                | "img"
                | "menuitemcheckbox"
                | "menuitemradio"
                | "meter"
                | "option"
                | "progressbar"
                | "radio"
                | "scrollbar"
                | "separator"
                | "slider"
                | "switch"
                | "tab"
        ),
        None => tree.name(a) == "button",
    });
    for index in 1..tree.nodes.len() {
        let node = &tree.nodes[index];
        let element = &node.element;
        if let Some(id) = element.value("id").filter(|id| !id.is_empty()) {
            ids.push((id, index));
        }
        // One pass over the attributes, not one lookup per ARIA attribute.
        for attribute in &element.attributes {
            if let Some(
                "labelledby" | "describedby" | "controls" | "owns" | "activedescendant" | "details"
                | "errormessage" | "flowto",
            ) = attribute.name.strip_prefix("aria-")
            {
                referenced.extend(attribute.value.split_ascii_whitespace());
            }
        }
        if node.uncertain {
            continue;
        }
        // Language of parts.
        for attribute in ["lang", "xml:lang"] {
            if element.name == "html" {
                break;
            }
            if let Some(lang) = element.value(attribute) {
                if !lang.trim().is_empty() && !super::page::valid_lang(lang) {
                    out.push(
                        Finding::new(
                            &INVALID_LANG,
                            index,
                            format!("`{}` is not a valid language tag", lang.trim()),
                        )
                        .at_attribute(tree, attribute)
                        .label("screen readers cannot switch to this language")
                        .help("use a BCP 47 tag such as `en`, `de`, `zh-Hant`"),
                    );
                }
            }
        }
        if element.foreign {
            continue;
        }
        let name = element.name.as_str();
        // Headings.
        if let Some(level) = heading_level(tree, index) {
            if !is_hidden(tree, index) {
                if let Some(before) = previous_heading {
                    if level > before + 1 {
                        out.push(
                            Finding::new(&SKIPPED_HEADING_LEVEL, index, format!("heading level {level} follows level {before}"))
                                .label(if level == before + 2 {
                                    format!("level {} skipped", before + 1)
                                } else {
                                    format!("levels {} to {} skipped", before + 1, level - 1)
                                })
                                .help(format!("use `<h{}>` here, or style a lower-level heading to look the way you want", before + 1)),
                        );
                    }
                }
                previous_heading = Some(level);
                if super::names::name_is_empty(tree, index) {
                    out.push(
                        Finding::new(&EMPTY_HEADING, index, "heading has no text")
                            .label("screen-reader users navigating by heading hear nothing here")
                            .help("give the heading text, or remove it if it is only there for spacing"),
                    );
                }
            }
        }
        match name {
            "ul" | "ol" | "menu" if role(tree, index).is_none() => {
                // Hidden children are not in the list as read; `role="listitem"` makes any
                // element an item.
                let allowed = |c: usize| {
                    tree.name(c) == "li" && role(tree, c).is_none_or(|r| r == "listitem")
                        || role(tree, c) == Some("listitem")
                        || matches!(tree.name(c), "script" | "template")
                        || tree.hidden[c]
                };
                for (at, what) in misplaced_children(tree, index, allowed) {
                    out.push(
                        Finding::new(&INVALID_LIST_CHILD, at, format!("{what} directly inside `<{name}>`"))
                            .label("a list may only contain `<li>` elements")
                            .help("wrap the content in `<li>`"),
                    );
                }
            }
            "li" if role(tree, index).is_none() => {
                let parent = node.parent.unwrap_or(0);
                // A list made presentational (`role="none"`) takes its items' semantics away
                // too: they are not orphans.
                let ok = matches!(tree.name(parent), "ul" | "ol" | "menu")
                    && role(tree, parent).is_none_or(|r| matches!(r, "list" | "none" | "presentation"))
                    || role(tree, parent) == Some("list")
                    || tree.hidden[index];
                if !ok {
                    out.push(
                        Finding::new(&ORPHAN_LIST_ITEM, index, "`<li>` is not inside a list")
                            .label(format!("its parent is `<{}>`", tree.name(parent).trim_start_matches('#')))
                            .help("put list items inside `<ul>` or `<ol>`"),
                    );
                }
            }
            "dl" if role(tree, index).is_none() => {
                let allowed = |c: usize| {
                    matches!(tree.name(c), "dt" | "dd" | "div" | "script" | "template")
                        || tree.hidden[c]
                };
                let mut misplaced = misplaced_children(tree, index, allowed);
                // Items in order, those of `<div>` groups included.
                let mut items = Vec::new();
                for child in tree.element_children(index) {
                    match tree.name(child) {
                        "dt" | "dd" => items.push(tree.name(child)),
                        "div" => {
                            let in_group = |c: usize| {
                                matches!(tree.name(c), "dt" | "dd" | "script" | "template")
                                    || tree.hidden[c]
                            };
                            misplaced.extend(misplaced_children(tree, child, in_group));
                            items.extend(
                                tree.element_children(child)
                                    .map(|c| tree.name(c))
                                    .filter(|n| matches!(*n, "dt" | "dd")),
                            );
                        }
                        _ => {}
                    }
                }
                for (at, what) in misplaced {
                    out.push(
                        Finding::new(&INVALID_DEFINITION_LIST_CHILD, at, format!("{what} directly inside `<dl>`"))
                            .label("a definition list may only contain `<dt>`, `<dd>` and `<div>` groups of them")
                            .help("wrap terms in `<dt>` and descriptions in `<dd>`"),
                    );
                }
                if !items.is_empty() && (items[0] != "dt" || items[items.len() - 1] != "dd") {
                    out.push(
                        Finding::new(&INVALID_DEFINITION_LIST_CHILD, index, "`<dl>` does not pair its terms with descriptions")
                            .label(if items[0] == "dt" {
                                "its last item is a `<dt>` with no `<dd>` after it"
                            } else {
                                "its first item is a `<dd>` with no `<dt>` before it"
                            })
                            .help("start with a `<dt>` and follow each term (or run of terms) with its `<dd>`"),
                    );
                }
            }
            "dt" | "dd" => {
                let parent = node.parent.unwrap_or(0);
                let in_dl = tree.name(parent) == "dl"
                    || tree.name(parent) == "div"
                        && tree.nodes[parent].parent.is_some_and(|g| tree.name(g) == "dl");
                if !in_dl {
                    out.push(
                        Finding::new(&ORPHAN_DEFINITION_ITEM, index, format!("`<{name}>` is not inside a `<dl>`"))
                            .label(format!("its parent is `<{}>`", tree.name(parent).trim_start_matches('#')))
                            .help("put terms and descriptions inside `<dl>`"),
                    );
                }
            }
            "blink" => out.push(
                Finding::new(&BLINK_ELEMENT, index, "`<blink>` makes text flash")
                    .label("blinking text is hard to read and distracting")
                    .help("remove `<blink>`; emphasise with `<strong>` instead"),
            ),
            "marquee" => out.push(
                Finding::new(&MARQUEE_ELEMENT, index, "`<marquee>` scrolls text that readers cannot stop")
                    .label("moving text that cannot be paused")
                    .help("remove `<marquee>` and show the text still"),
            ),
            "img" if element.attribute("ismap").is_some() => out.push(
                Finding::new(&SERVER_SIDE_IMAGE_MAP, index, "server-side image map")
                    .at_attribute(tree, "ismap")
                    .label("its regions can only be reached with a mouse")
                    .help("use a client-side image map (`<map>` with `<area href alt>`) or separate links"),
            ),
            "th" => {
                if let Some(scope) = element.value("scope") {
                    let value = scope.trim().to_ascii_lowercase();
                    if !matches!(value.as_str(), "row" | "col" | "rowgroup" | "colgroup" | "") {
                        out.push(
                            Finding::new(&INVALID_SCOPE, index, format!("`scope=\"{}\"` is not a valid scope", scope.trim()))
                                .at_attribute(tree, "scope")
                                .label("screen readers ignore it")
                                .help("use `row`, `col`, `rowgroup` or `colgroup`"),
                        );
                    }
                }
            }
            "td" => {
                if let Some(scope) = element.attribute("scope") {
                    let _ = scope;
                    out.push(
                        Finding::new(&INVALID_SCOPE, index, "`scope` on a data cell")
                            .at_attribute(tree, "scope")
                            .label("`scope` only belongs on header cells")
                            .help("make the cell a `<th>`, or remove `scope`")
                            .severity(Severity::Warning),
                    );
                }
            }
            _ => {}
        }
        if let Some(value) = element.value("tabindex") {
            if parse_integer(value).is_some_and(|n| n > 0) {
                out.push(
                    Finding::new(&POSITIVE_TABINDEX, index, format!("`tabindex=\"{}\"` changes the tab order", value.trim()))
                        .at_attribute(tree, "tabindex")
                        .label("keyboard users reach this before everything else, out of reading order")
                        .help("use `tabindex=\"0\"` (or none) and put the element where it belongs in the source"),
                );
            }
        }
        if let Some(key) = element.value("accesskey") {
            let key = key.trim().to_lowercase();
            if !key.is_empty() {
                if let Some(&first) = accesskeys.get(&key) {
                    let _ = first;
                    out.push(
                        Finding::new(
                            &DUPLICATE_ACCESSKEY,
                            index,
                            format!("access key `{key}` is used twice on this page"),
                        )
                        .at_attribute(tree, "accesskey")
                        .label("the same key cannot go to two places")
                        .help("give each element its own access key"),
                    );
                } else {
                    accesskeys.insert(key, index);
                }
            }
        }
        if matches!(name, "input" | "select" | "textarea") {
            if let Some(value) = element.value("autocomplete") {
                if !valid_autocomplete(value) {
                    out.push(
                        Finding::new(&INVALID_AUTOCOMPLETE, index, format!("`autocomplete=\"{}\"` is not a valid autofill value", value.trim()))
                            .at_attribute(tree, "autocomplete")
                            .label("browsers and assistive tools cannot fill or explain this field")
                            .help("use a token from the HTML autofill list, such as `name`, `email`, `tel`, `street-address`, or `on`/`off`"),
                    );
                }
            }
        }
        if is_interactive(tree, index) && !is_hidden(tree, index) {
            if let Some(outer) = controls[index] {
                out.push(
                    Finding::new(&NESTED_INTERACTIVE, index, format!("`<{name}>` inside `<{}>`", tree.name(outer)))
                        .label("an interactive element inside another one: screen readers announce only the outer one")
                        .help("move it out, so the two controls sit side by side"),
                );
            }
        }
    }
    // Ids referenced by ARIA must be unique.
    if referenced.is_empty() {
        ids.clear();
    } else {
        // By id, each id's elements in document order (a stable sort).
        ids.sort_by_key(|&(id, _)| id);
    }
    for elements in ids.chunk_by(|a, b| a.0 == b.0) {
        let id = elements[0].0;
        if elements.len() > 1 && referenced.contains(id) {
            for &(_, extra) in &elements[1..] {
                out.push(
                    Finding::new(&DUPLICATE_ARIA_ID, extra, format!("id `{id}` is used again, and ARIA refers to it"))
                        .at_attribute(tree, "id")
                        .label("`aria-labelledby`/`aria-describedby` find only the first element with this id")
                        .help("give each element its own id"),
                );
            }
        }
    }
    tables(tree, out);
}

/// `td-headers-attr` and `th-has-data-cells`.
#[allow(clippy::needless_range_loop)] // `index` is the element, used far beyond the vector.
fn tables(tree: &Tree, out: &mut Vec<Finding>) {
    let owner = tree.nearest(|a| tree.name(a) == "table");
    let mut cells_of: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for index in 1..tree.nodes.len() {
        if matches!(tree.name(index), "td" | "th") {
            if let Some(table) = owner[index] {
                cells_of.entry(table).or_default().push(index);
            }
        }
    }
    for (table, cells) in cells_of {
        if role(tree, table).is_some_and(|r| r == "presentation" || r == "none") {
            continue;
        }
        let cell_ids: HashMap<&str, usize> = cells
            .iter()
            .filter_map(|&c| tree.attr(c, "id").map(|id| (id, c)))
            .collect();
        for &cell in &cells {
            let Some(headers) = tree.attr(cell, "headers") else {
                continue;
            };
            if tree.nodes[cell].uncertain {
                continue;
            }
            for id in headers.split_ascii_whitespace() {
                let own = tree.attr(cell, "id") == Some(id);
                let message = match cell_ids.get(id) {
                    _ if own => format!("cell names itself (`{id}`) in `headers`"),
                    None => format!("`headers` names `{id}`, which is no cell of this table"),
                    Some(&named) if tree.name(named) == "td" => {
                        format!("`headers` names `{id}`, a data cell, not a header cell")
                    }
                    Some(_) => continue,
                };
                {
                    out.push(
                        Finding::new(&INVALID_HEADERS_ATTR, cell, message)
                            .at_attribute(tree, "headers")
                            .label("screen readers cannot announce this cell's headers")
                            .help("list the ids of this table's header cells"),
                    );
                }
            }
        }
        // Empty data cells still have headers (the ACT rule counts them).
        let data_cells = cells.iter().filter(|&&c| tree.name(c) == "td").count();
        let headers: Vec<usize> = cells
            .iter()
            .copied()
            .filter(|&c| tree.name(c) == "th")
            .collect();
        if data_cells == 0 && headers.len() > 1 {
            // A table of only headers: each header heads nothing.
            let uncertain = cells.iter().any(|&c| {
                tree.nodes[c]
                    .children
                    .iter()
                    .any(|x| matches!(x, Child::Unknown))
            });
            if !uncertain {
                out.push(
                    Finding::new(&HEADER_WITHOUT_DATA_CELLS, headers[0], "table has header cells but no data cells")
                        .label("headers that describe nothing")
                        .help("use `<td>` for the data, or a list or headings if this is not tabular data"),
                );
            }
        }
    }
}
