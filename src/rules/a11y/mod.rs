//! Accessibility rules (family `A11Y`): the WCAG checks that can be decided from the markup of
//! a page as it is served (its layouts and includes composed), without a browser.
//!
//! Each rule reads a page's [`Tree`] and yields [`Finding`]s on elements; the caller maps each
//! element back to the file and line that wrote it, so a problem in a layout is reported once,
//! at the layout line, for all the pages that use it.

pub(crate) mod aria;
pub(crate) mod names;
pub(crate) mod page;
pub(crate) mod structure;
pub(crate) mod tree;

use std::ops::Range;

use crate::diagnostic::Severity;
use crate::registry::RuleMeta;
pub(crate) use tree::{Child, PartTokens, Tree};

/// One problem on one element of a page.
#[derive(Debug)]
pub(crate) struct Finding {
    pub rule: &'static RuleMeta,
    /// The element (0: the document, for a page without the element a rule wants).
    pub node: usize,
    /// The span to point at, in the element's part (default: the tag name).
    pub span: Option<Range<usize>>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
    pub severity: Option<Severity>,
}

impl Finding {
    pub(crate) fn new(rule: &'static RuleMeta, node: usize, message: impl Into<String>) -> Self {
        Self {
            rule,
            node,
            span: None,
            message: message.into(),
            label: None,
            help: None,
            severity: None,
        }
    }

    /// Point at attribute `name`'s value (or name) instead of the tag.
    pub(crate) fn at_attribute(mut self, tree: &Tree, name: &str) -> Self {
        if let Some(attribute) = tree.nodes[self.node].element.attribute(name) {
            if tree.nodes[self.node].element.span.len() > 1 {
                self.span = Some(attribute.span());
            }
        }
        self
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
}

/// Run every accessibility rule on a page. `full_page` is false for a fragment that is not
/// served as a page of its own (then page-level rules, such as `<title>`, do not apply).
pub(crate) fn check(tree: &Tree, full_page: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    names::check(tree, &mut out);
    structure::check(tree, &mut out);
    aria::check(tree, &mut out);
    if full_page {
        page::check(tree, &mut out);
    }
    out
}

/// Is `index` hidden from assistive technology: `hidden`, `aria-hidden="true"`, an inline
/// `display: none` / `visibility: hidden`, or inside such an element? (No stylesheets: an
/// approximation that rules saying so in their docs rely on.)
pub(crate) fn is_hidden(tree: &Tree, index: usize) -> bool {
    tree.hidden[index]
}

/// Hidden from assistive technology by its own attributes.
pub(crate) fn hidden_itself(tree: &Tree, index: usize) -> bool {
    hidden_from_assistive_technology(tree, index) || invisible_itself(tree, index)
}

/// [`hidden_itself`] without the part [`invisible_itself`] decides: `aria-hidden="true"` or a
/// hidden input (and `hidden`, which both test).
pub(crate) fn hidden_from_assistive_technology(tree: &Tree, index: usize) -> bool {
    let element = &tree.nodes[index].element;
    element.attribute("hidden").is_some()
        || element
            .value("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || (element.name == "input"
            && element
                .value("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")))
}

/// The element's explicit ARIA role: the first token of `role`, lowercase (computed once per
/// element when the tree is built).
pub(crate) fn role<'a>(tree: &'a Tree<'_>, index: usize) -> Option<&'a str> {
    tree.roles[index].as_deref()
}

/// Collapse whitespace runs and trim.
pub(crate) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Quote a short excerpt of text for a message.
pub(crate) fn excerpt(text: &str) -> String {
    let text = collapse(text);
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}…")
    } else {
        text
    }
}

/// Hidden from everyone (not only from assistive technology): `hidden` or an inline
/// `display: none` / `visibility: hidden` on it or an ancestor.
pub(crate) fn hidden_itself_visually(tree: &Tree, index: usize) -> bool {
    tree.invisible[index]
}

/// `hidden` or an inline `display: none` / `visibility: hidden` on the element itself.
pub(crate) fn invisible_itself(tree: &Tree, index: usize) -> bool {
    let element = &tree.nodes[index].element;
    element.attribute("hidden").is_some()
        || element.value("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}
