//! Accessible names: the text a screen reader announces for a control, computed as the
//! W3C "Accessible Name and Description Computation" does for static markup (`aria-labelledby`,
//! `aria-label`, the host language's label — `alt`, `value`, `<label>`, `<title>`, `<legend>` —
//! content for roles named from content, then `title`), and the rules about missing names.

use std::collections::HashMap;

use super::tree::{Child, Tree};
use super::{collapse, excerpt, hidden_itself, is_hidden, role, Finding};
use crate::registry::{
    BUTTON_WITHOUT_NAME, DUPLICATE_FRAME_TITLE, FORM_FIELD_MULTIPLE_LABELS,
    FORM_FIELD_WITHOUT_LABEL, FRAME_WITHOUT_TITLE, INPUT_BUTTON_WITHOUT_NAME, LINK_WITHOUT_NAME,
    OBJECT_WITHOUT_ALT, ROLE_IMG_WITHOUT_NAME, SVG_WITHOUT_NAME,
};

/// A computed name, or `None` when Liquid that sitelint cannot decide writes part of it.
pub(crate) type Name = Option<String>;

/// Roles whose name comes from their content (ARIA 1.2 "name from: contents").
const NAME_FROM_CONTENT: &[&str] = &[
    "button",
    "cell",
    "checkbox",
    "columnheader",
    "gridcell",
    "heading",
    "link",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "option",
    "radio",
    "row",
    "rowheader",
    "switch",
    "tab",
    "tooltip",
    "treeitem",
];

/// The accessible name of `index`.
pub(crate) fn accessible_name(tree: &Tree, index: usize) -> Name {
    let node = &tree.nodes[index];
    let element = &node.element;
    if node.uncertain {
        // An attribute (perhaps `aria-label` or `alt`) is made by undecided Liquid.
        return None;
    }
    if let Some(ids) = element.value("aria-labelledby") {
        let mut parts = Vec::new();
        for id in ids.split_ascii_whitespace() {
            if let Some(target) = tree.by_id(id) {
                if tree.nodes[target].uncertain {
                    return None;
                }
                match own_name(tree, target) {
                    Some(text) => parts.push(text),
                    None => parts.push(content(tree, target)?),
                }
            }
        }
        let joined = collapse(&parts.join(" "));
        if !joined.is_empty() {
            return Some(joined);
        }
    }
    if let Some(own) = own_name(tree, index) {
        return Some(own);
    }
    if from_content(tree, index) {
        let text = collapse(&content(tree, index)?);
        if !text.is_empty() {
            return Some(text);
        }
    }
    if let Some(title) = non_empty(element.value("title")) {
        return Some(title);
    }
    Some(String::new())
}

/// Whether the accessible name of `index` is known to be empty: what [`accessible_name`] says
/// (`Some("")`), but without building the name when a run of text of the element's own shows
/// it is not (headings and links are asked about by the hundred thousand on large sites, and
/// rustdoc's hold code with links inside).
pub(crate) fn name_is_empty(tree: &Tree, index: usize) -> bool {
    let node = &tree.nodes[index];
    let fast = !node.uncertain
        && node.element.attribute("aria-labelledby").is_none()
        && from_content(tree, index);
    if fast {
        if let Some(own) = own_name(tree, index) {
            return own.is_empty();
        }
        let has_text = node.children.iter().any(
            |child| matches!(child, Child::Text(text) if text.chars().any(|c| !c.is_whitespace())),
        );
        if has_text {
            // Its content names it, or (with an undecidable part) nothing can be said.
            return false;
        }
    }
    accessible_name(tree, index).is_some_and(|n| n.is_empty())
}

/// Elements named by their content when nothing else names them.
fn from_content(tree: &Tree, index: usize) -> bool {
    let name = tree.nodes[index].element.name.as_str();
    let from_content = matches!(
        name,
        "a" | "button"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "summary"
            | "td"
            | "th"
            | "option"
            | "legend"
            | "caption"
            | "label"
            | "figcaption"
            | "title"
    ) || role(tree, index).is_some_and(|r| NAME_FROM_CONTENT.contains(&r));
    from_content && !matches!(name, "img" | "input" | "select" | "textarea")
}

fn non_empty(value: Option<&str>) -> Option<String> {
    value.map(collapse).filter(|v| !v.is_empty())
}

/// A name the element gives itself, without looking at its content: `aria-label`, then the
/// host language's (`alt`, an input's `value`, an SVG's `<title>`, a `<legend>`, …).
fn own_name(tree: &Tree, index: usize) -> Option<String> {
    let element = &tree.nodes[index].element;
    if let Some(label) = non_empty(element.value("aria-label")) {
        return Some(label);
    }
    let first_child = |name: &str| {
        tree.element_children(index)
            .find(|&c| tree.name(c) == name)
            .and_then(|c| content(tree, c))
            .map(|t| collapse(&t))
            .filter(|t| !t.is_empty())
    };
    match element.name.as_str() {
        "img" | "area" => non_empty(element.value("alt")),
        "input" => match element
            .value("type")
            .map(|t| t.trim().to_ascii_lowercase())
            .as_deref()
        {
            Some("image") => {
                non_empty(element.value("alt")).or_else(|| non_empty(element.value("value")))
            }
            Some("button") => non_empty(element.value("value")),
            // Browsers label them "Submit" and "Reset" unless `value` is written, even empty.
            Some("submit") => element
                .value("value")
                .map_or_else(|| Some("Submit".into()), |v| non_empty(Some(v))),
            Some("reset") => element
                .value("value")
                .map_or_else(|| Some("Reset".into()), |v| non_empty(Some(v))),
            _ => None,
        },
        "svg" => first_child("title"),
        "fieldset" => first_child("legend"),
        "figure" => first_child("figcaption"),
        "table" => first_child("caption"),
        _ => None,
    }
}

/// The text of `index`'s content as a name: text, and the names of descendants that are not
/// hidden (an element naming itself, such as an image by its `alt`, stands for its content).
/// `None` when undecided Liquid writes part of it. Iterative: pages may nest deeply.
fn content(tree: &Tree, index: usize) -> Name {
    enum Work<'t> {
        Child(&'t Child<'t>),
        Space,
    }
    // Most named elements hold one run of text (rustdoc: every line number's link).
    match tree.nodes[index].children.as_slice() {
        [] => return Some(String::new()),
        [Child::Text(text)] => return Some(text.to_string()),
        _ => {}
    }
    let mut out = String::new();
    let mut work: Vec<Work<'_>> = tree.nodes[index]
        .children
        .iter()
        .rev()
        .map(Work::Child)
        .collect();
    while let Some(item) = work.pop() {
        match item {
            Work::Space => out.push(' '),
            Work::Child(Child::Text(text)) => out.push_str(text),
            Work::Child(Child::Unknown) => return None,
            Work::Child(Child::Node(c)) => {
                let node = &tree.nodes[*c];
                if hidden_itself(tree, *c) {
                    continue;
                }
                if node.uncertain {
                    return None;
                }
                // Inline content joins without a space; replaced and block elements are
                // separated (browsers add spaces around them); erring on a space is harmless.
                out.push(' ');
                if let Some(own) = own_name(tree, *c) {
                    out.push_str(&own);
                    out.push(' ');
                    continue;
                }
                if matches!(
                    node.element.name.as_str(),
                    "img" | "input" | "select" | "textarea"
                ) {
                    continue;
                }
                work.push(Work::Space);
                work.extend(node.children.iter().rev().map(Work::Child));
            }
        }
    }
    Some(out)
}

/// Is the element focusable or operable, so that it must be named (and must not sit inside
/// another interactive element)?
pub(crate) fn is_interactive(tree: &Tree, index: usize) -> bool {
    let element = &tree.nodes[index].element;
    if element.foreign {
        return false;
    }
    match element.name.as_str() {
        "a" | "area" => element.attribute("href").is_some(),
        "button" | "select" | "textarea" | "iframe" | "embed" => true,
        "input" => !element
            .value("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")),
        "audio" | "video" => element.attribute("controls").is_some(),
        "summary" => tree.nodes[index]
            .parent
            .is_some_and(|p| tree.name(p) == "details"),
        _ => element
            .value("tabindex")
            .is_some_and(|t| t.trim().parse::<i32>().is_ok_and(|n| n >= 0)),
    }
}

fn has_role(tree: &Tree, index: usize, roles: &[&str]) -> bool {
    role(tree, index).is_some_and(|r| roles.contains(&r))
}

/// Rules about missing names.
#[allow(clippy::too_many_lines)] // One pass over the elements; each arm is one rule.
#[allow(clippy::needless_range_loop)] // `index` is the element, used far beyond the vector.
pub(crate) fn check(tree: &Tree, out: &mut Vec<Finding>) {
    let labels_around = tree.nearest(|i| tree.name(i) == "label");
    let mut frame_titles: HashMap<String, Vec<usize>> = HashMap::new();
    for index in 1..tree.nodes.len() {
        let node = &tree.nodes[index];
        let element = &node.element;
        let name = element.name.as_str();
        if name == "svg" || element.foreign {
            if name == "svg"
                && has_role(
                    tree,
                    index,
                    &["img", "graphics-document", "graphics-symbol"],
                )
                && !is_hidden(tree, index)
            {
                if let Some(text) = accessible_name(tree, index) {
                    if text.is_empty() {
                        out.push(
                            Finding::new(&SVG_WITHOUT_NAME, index, format!("`<svg role=\"{}\">` has no text alternative", role(tree, index).unwrap_or_default()))
                                .label("announced as an image, with nothing to say what it shows")
                                .help("add a `<title>` as its first child, or `aria-label`; if it is decorative, use `aria-hidden=\"true\"` instead of `role=\"img\"`"),
                        );
                    }
                }
            }
            continue;
        }
        if is_hidden(tree, index) {
            continue;
        }
        let explicit_role = role(tree, index);
        let explicit = explicit_role;
        match name {
            // A link made a button (`role="button"`) still needs a name (axe's link-name).
            "a" if element.attribute("href").is_some()
                && explicit.is_none_or(|r| r == "link" || r == "button")
                && name_is_empty(tree, index) =>
            {
                let images = tree
                    .descendants(index)
                    .into_iter()
                    .any(|d| matches!(tree.name(d), "img" | "svg"));
                let label = if images {
                    "its only content is an image with empty `alt`: the link has no name"
                } else {
                    "no text, `aria-label` or `title`: the link has no name"
                };
                out.push(
                        Finding::new(&LINK_WITHOUT_NAME, index, "link has no accessible name")
                            .label(label)
                            .help(if images {
                                "give the image an `alt` that says where the link goes, or add `aria-label` to the link"
                            } else {
                                "add link text, or `aria-label` when the link's look explains it"
                            }),
                    );
            }
            "button" if explicit.is_none_or(|r| r == "button") && name_is_empty(tree, index) => {
                out.push(
                    Finding::new(&BUTTON_WITHOUT_NAME, index, "button has no accessible name")
                        .label("no text, `aria-label` or `title`")
                        .help("add text inside the button, or `aria-label` for an icon button"),
                );
            }
            "input" => {
                let kind = element.value("type").map(|t| t.trim().to_ascii_lowercase());
                if let Some(kind @ ("button" | "submit" | "reset")) =
                    kind.as_deref().filter(|_| name_is_empty(tree, index))
                {
                    out.push(
                        Finding::new(
                            &INPUT_BUTTON_WITHOUT_NAME,
                            index,
                            format!("`<input type=\"{kind}\">` has no accessible name"),
                        )
                        .label("no `value`, `aria-label` or `title`")
                        .help("give it a `value` that says what it does"),
                    );
                }
            }
            // A frame taken out of the tab order (`tabindex="-1"`) is not announced.
            "iframe" | "frame"
                if !element
                    .value("tabindex")
                    .is_some_and(|t| t.trim().starts_with('-')) =>
            {
                match accessible_name(tree, index) {
                    Some(text) if text.is_empty() => out.push(
                        Finding::new(&FRAME_WITHOUT_TITLE, index, format!("`<{name}>` has no title"))
                            .label("screen readers announce the frame with no name")
                            .help("add a `title` that says what the frame contains (`title=\"Map of the venue\"`)"),
                    ),
                    Some(text) => frame_titles.entry(text.to_lowercase()).or_default().push(index),
                    None => {}
                }
            }
            "object"
                if explicit.is_none()
                    && name_is_empty(tree, index)
                    && tree.nodes[index].children.iter().all(|c| match c {
                        Child::Text(t) => t.trim().is_empty(),
                        Child::Node(_) | Child::Unknown => false,
                    }) =>
            {
                out.push(
                        Finding::new(&OBJECT_WITHOUT_ALT, index, "`<object>` has no text alternative")
                            .label("no `aria-label`, `title` or fallback content")
                            .help("add `aria-label` or `title`, or text inside the element as fallback content"),
                    );
            }
            _ => {}
        }
        if explicit == Some("img") && !matches!(name, "img" | "svg") && name_is_empty(tree, index) {
            out.push(
                Finding::new(
                    &ROLE_IMG_WITHOUT_NAME,
                    index,
                    format!("`<{name} role=\"img\">` has no text alternative"),
                )
                .at_attribute(tree, "role")
                .label("announced as an image, with nothing to say what it shows")
                .help("add `aria-label` (or `aria-labelledby`) describing the image"),
            );
        }
        if is_labelable_field(tree, index) {
            labels(tree, index, labels_around[index], out);
        }
    }
    for (title, frames) in frame_titles {
        if frames.len() > 1 {
            for &frame in &frames[1..] {
                out.push(
                    Finding::new(
                        &DUPLICATE_FRAME_TITLE,
                        frame,
                        format!(
                            "another frame on this page has the title `{}`",
                            excerpt(&title)
                        ),
                    )
                    .at_attribute(tree, "title")
                    .label("frames with the same title cannot be told apart")
                    .help("give each frame a title that says what it contains"),
                );
            }
        }
    }
}

/// Form fields that need a label (`input` other than buttons and hidden, `select`, `textarea`).
fn is_labelable_field(tree: &Tree, index: usize) -> bool {
    let element = &tree.nodes[index].element;
    match element.name.as_str() {
        "select" | "textarea" => true,
        "input" => !element.value("type").is_some_and(|t| {
            matches!(
                t.trim().to_ascii_lowercase().as_str(),
                "hidden" | "button" | "submit" | "reset" | "image"
            )
        }),
        _ => false,
    }
}

/// `label` and `form-field-multiple-labels`.
fn labels(tree: &Tree, index: usize, wrapping: Option<usize>, out: &mut Vec<Finding>) {
    let element = &tree.nodes[index].element;
    if tree.nodes[index].uncertain {
        return;
    }
    let mut count = 0usize;
    if let Some(id) = element.value("id").filter(|id| !id.is_empty()) {
        count += tree
            .all("label")
            .into_iter()
            .filter(|&l| tree.attr(l, "for") == Some(id) && !tree.invisible[l])
            .count();
    }
    if let Some(label) = wrapping {
        if tree
            .attr(label, "for")
            .is_none_or(|f| Some(f) == element.value("id"))
        {
            // Counted above when `for` names this field.
            if tree.attr(label, "for").is_none() {
                count += 1;
            }
        }
    }
    if count > 1 {
        out.push(
            Finding::new(
                &FORM_FIELD_MULTIPLE_LABELS,
                index,
                format!("form field has {count} labels"),
            )
            .label("screen readers announce only one of them, or all run together")
            .help("keep one `<label>` per field; put extra instructions in `aria-describedby`"),
        );
    }
    if count > 0 {
        return;
    }
    let named = non_empty(element.value("aria-label")).is_some()
        || element.value("aria-labelledby").is_some_and(|ids| {
            ids.split_ascii_whitespace()
                .any(|id| tree.by_id(id).is_some())
        })
        || non_empty(element.value("title")).is_some()
        // A placeholder names the field in the accessible-name computation (and for axe);
        // it is a weak label (it disappears while typing), which the rule doc explains.
        || non_empty(element.value("placeholder")).is_some();
    if !named {
        let what = match element.name.as_str() {
            "input" => format!(
                "`<input type=\"{}\">`",
                element
                    .value("type")
                    .map_or("text".into(), |t| t.trim().to_ascii_lowercase())
            ),
            other => format!("`<{other}>`"),
        };
        out.push(
            Finding::new(&FORM_FIELD_WITHOUT_LABEL, index, format!("{what} has no label"))
                .label("nothing names this field")
                .help("add `<label for=\"ID\">` with the field's `id`, wrap the field in a `<label>`, or add `aria-label`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::html::scan;
    use crate::rules::a11y::tree::PartTokens;

    /// `name_is_empty` answers as building the name would, on every element of every page of
    /// the accessibility fixtures and of these edge cases.
    #[test]
    fn name_is_empty_agrees_with_the_accessible_name() {
        let mut pages: Vec<String> = [
            "<a href=x> </a><a href=x>&nbsp;</a><a href=x>\u{200b}</a><a href=x>t<b>u</b></a>",
            "<h2 aria-label=\"\">x</h2><h2 aria-label=\" \"></h2><h2 aria-label=a></h2>",
            "<span id=l></span><h3 aria-labelledby=l>text</h3><h3 aria-labelledby=\"\"> </h3>",
            "<button><img alt=\"\"></button><button><img alt=go></button><button> x </button>",
            "<div role=link>x</div><div role=heading> </div><td></td><th>h</th><summary>s</summary>",
            "<a href=x><span hidden>gone</span></a><a href=x title=t></a><a href=x>{{ x }}</a>",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/a11y/built");
        for entry in std::fs::read_dir(folder).unwrap() {
            pages.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        let mut judged = 0;
        for page in &pages {
            let scanned = scan(page);
            let tree = Tree::build(vec![PartTokens::new(
                scanned.elements,
                scanned.events,
                None,
                &[],
            )]);
            for index in 1..tree.nodes.len() {
                let built = accessible_name(&tree, index);
                assert_eq!(
                    name_is_empty(&tree, index),
                    built.as_ref().is_some_and(String::is_empty),
                    "<{}> ({built:?}) in {page}",
                    tree.name(index)
                );
                judged += 1;
            }
        }
        assert!(judged > 100, "{judged}");
    }
}
