//! A page's element tree for the accessibility rules: the token streams of the page and of its
//! layouts spliced at `{{ content }}`, Markdown's own elements merged in, built into a tree by
//! a simplified form of the HTML tree-construction algorithm.
//!
//! Written by hand because the tree must keep, for every element, which rendered part and byte
//! span wrote it (so findings point at the template line), which no DOM crate keeps. The
//! simplification: end tags close the nearest open element of their name, and the usual
//! implied end tags (`p`, `li`, `dt`/`dd`, `tr`/`td`/`th`, `option`, headings) are applied;
//! misnested formatting elements are not re-opened (the adoption agency algorithm). On
//! well-formed pages, which template-built sites are, the trees agree.

// FxHash: looked up at every tag of every page.
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::borrow::Cow;
use std::ops::Range;

pub(crate) use crate::parse::html::Token;
use crate::parse::html::{is_void, Attribute, Element, Name};
use crate::parse::markdown::{MarkdownEvent, MarkdownScan};

/// The tokens of one rendered part (or of a whole file), in order, with their offsets.
#[derive(Debug, Default)]
pub(crate) struct PartTokens<'t> {
    pub tokens: Vec<(usize, Token<'t>)>,
    /// The elements the tokens open (each taken once, when the tree is built): kept apart so
    /// that a token stays small (a page may have 100,000 tokens).
    pub elements: Vec<Option<Element<'t>>>,
    /// Where the inner part goes (`{{ content }}` of a layout).
    pub content_at: Option<usize>,
}

/// Is `offset` inside one of the sorted, disjoint-enough `ranges`?
fn inside(ranges: &[Range<usize>], offset: usize) -> bool {
    let index = ranges.partition_point(|r| r.end <= offset);
    ranges.get(index).is_some_and(|r| r.start <= offset)
}

impl<'t> PartTokens<'t> {
    /// The tokens of an HTML scan, with a Markdown scan's elements and text merged in when the
    /// text is Markdown (text outside raw HTML then comes from Markdown, without its syntax).
    ///
    /// Takes the scan's elements and events (no copies: a page's elements are many).
    pub(crate) fn new(
        elements: Vec<Element<'t>>,
        events: Vec<(usize, Token<'t>)>,
        markdown: Option<&MarkdownScan>,
        unknown: &[usize],
    ) -> Self {
        let mut elements: Vec<Option<Element<'t>>> = elements.into_iter().map(Some).collect();
        let mut tokens = events;
        if let Some(markdown) = markdown {
            // Text outside raw HTML comes from Markdown.
            tokens.retain(|(offset, token)| {
                !matches!(token, Token::Text(_)) || inside(&markdown.html, *offset)
            });
        }
        let sorted = markdown.is_some() || !unknown.is_empty();
        tokens.extend(unknown.iter().map(|&offset| (offset, Token::Unknown)));
        if let Some(markdown) = markdown {
            let mut extra = Vec::new();
            // Names of the open Markdown elements: a void one (an image) has no close token.
            let mut open: Vec<&str> = Vec::new();
            for event in &markdown.events {
                match event {
                    MarkdownEvent::Open {
                        name,
                        attributes,
                        span,
                    } => {
                        let start = span.start..(span.start + 1).min(span.end);
                        let element = Element {
                            name: Name::from(*name),
                            span: start.clone(),
                            attributes: attributes
                                .iter()
                                .map(|(name, value)| Attribute {
                                    name: Name::from(*name),
                                    name_span: start.clone(),
                                    value: value.clone().into(),
                                    value_span: None,
                                })
                                .collect(),
                            foreign: false,
                            in_template: false,
                        };
                        let end = element.span.end;
                        open.push(name);
                        extra.push((span.start, Token::Open(elements.len(), false, end)));
                        elements.push(Some(element));
                    }
                    MarkdownEvent::Close(end) => {
                        // The innermost open Markdown element: named when building.
                        if open.pop().is_some_and(|name| !is_void(name)) {
                            extra.push((*end, Token::Close(Name::default())));
                        }
                    }
                    MarkdownEvent::Text(text, range) => {
                        extra.push((range.start, Token::Text(text.clone().into())));
                    }
                }
            }
            // Markdown closes go first at an offset (an element ends before the next starts);
            // otherwise the order within one source stays as it was.
            tokens.extend(extra);
        }
        if sorted {
            tokens.sort_by_key(|(offset, token)| {
                (*offset, !matches!(token, Token::Close(n) if n.is_empty()))
            });
        }
        Self {
            tokens,
            elements,
            content_at: None,
        }
    }
}

/// One element of the tree.
#[derive(Debug)]
pub(crate) struct Node<'t> {
    pub element: Element<'t>,
    /// The part whose text `element`'s spans index.
    pub part: usize,
    pub parent: Option<usize>,
    pub children: SmallVec<[Child<'t>; 2]>,
    /// Some attribute value is made by Liquid sitelint cannot decide.
    pub uncertain: bool,
    /// Offset after the start tag's `>` in its part.
    pub tag_end: usize,
}

/// A child: an element or a run of text.
#[derive(Debug)]
pub(crate) enum Child<'t> {
    Node(usize),
    Text(Cow<'t, str>),
    /// Content sitelint cannot decide.
    Unknown,
}

/// A page's tree. Node 0 is the document.
#[derive(Debug)]
pub(crate) struct Tree<'t> {
    pub nodes: Vec<Node<'t>>,
    /// First element with each id: made when a rule first looks one up (`aria-labelledby`
    /// and the like are rare; a rustdoc source page has an id on each of thousands of lines).
    ids: std::cell::OnceCell<HashMap<String, usize>>,
    /// Hidden from assistive technology, by itself or an ancestor (see `super::is_hidden`).
    pub hidden: Vec<bool>,
    /// Hidden from everyone (`hidden`, inline `display: none`), by itself or an ancestor.
    pub invisible: Vec<bool>,
    /// Each element's explicit role: the first token of `role`, lowercase.
    pub roles: Vec<Option<Box<str>>>,
}

/// Elements whose start tag closes an open `p` (HTML Standard 13.2.6.4.7).
fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "listing"
            | "xmp"
            | "plaintext"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl<'t> Tree<'t> {
    /// Splice the parts (page first, then its layouts, innermost first) and build the tree.
    pub(crate) fn build(mut parts: Vec<PartTokens<'t>>) -> Self {
        // Every element becomes a node: room for all at once (a vector grown by doubling would
        // hold up to twice that, on pages of 100,000 elements).
        let mut nodes =
            Vec::with_capacity(1 + parts.iter().map(|p| p.elements.len()).sum::<usize>());
        nodes.push(Node {
            element: Element {
                name: "#document".into(),
                span: 0..0,
                attributes: Vec::new(),
                foreign: false,
                in_template: false,
            },
            part: 0,
            parent: None,
            children: SmallVec::new(),
            uncertain: false,
            tag_end: 0,
        });
        let mut tree = Tree {
            nodes,
            ids: std::cell::OnceCell::new(),
            hidden: Vec::new(),
            invisible: Vec::new(),
            roles: Vec::new(),
        };
        let mut builder = Builder::new();
        if let Some(last) = parts.len().checked_sub(1) {
            tree.splice(&mut parts, last, &mut builder);
        }
        let count = tree.nodes.len();
        tree.roles = tree
            .nodes
            .iter()
            .map(|node| {
                node.element
                    .value("role")
                    .and_then(|r| r.split_ascii_whitespace().next())
                    .map(|r| r.to_ascii_lowercase().into_boxed_str())
            })
            .collect();
        tree.hidden = vec![false; count];
        tree.invisible = vec![false; count];
        for index in 1..count {
            let parent = tree.nodes[index].parent.unwrap_or(0);
            // Invisible implies hidden: the style test runs once per element.
            let invisible = tree.invisible[parent] || super::invisible_itself(&tree, index);
            tree.invisible[index] = invisible;
            tree.hidden[index] = invisible
                || tree.hidden[parent]
                || super::hidden_from_assistive_technology(&tree, index);
        }
        tree
    }

    /// The first element whose id is `id`.
    pub(crate) fn by_id(&self, id: &str) -> Option<usize> {
        let ids = self.ids.get_or_init(|| {
            let mut ids = HashMap::default();
            for (index, node) in self.nodes.iter().enumerate().skip(1) {
                if let Some(id) = node.element.value("id") {
                    ids.entry(id.to_string()).or_insert(index);
                }
            }
            ids
        });
        ids.get(id).copied()
    }

    /// For every element, its nearest ancestor for which `wanted` holds (one pass: a parent
    /// always comes before its children).
    pub(crate) fn nearest(&self, wanted: impl Fn(usize) -> bool) -> Vec<Option<usize>> {
        let mut out: Vec<Option<usize>> = vec![None; self.nodes.len()];
        for index in 1..self.nodes.len() {
            let parent = self.nodes[index].parent.unwrap_or(0);
            out[index] = if parent != 0 && wanted(parent) {
                Some(parent)
            } else {
                out[parent]
            };
        }
        out
    }

    fn splice(&mut self, parts: &mut [PartTokens<'t>], index: usize, builder: &mut Builder) {
        // Each part is spliced once: its tokens move into the tree.
        let tokens = std::mem::take(&mut parts[index].tokens);
        let mut elements = std::mem::take(&mut parts[index].elements);
        let content_at = if index == 0 {
            None
        } else {
            parts[index].content_at
        };
        let mut inner_done = index == 0 || content_at.is_none();
        for (offset, token) in tokens {
            if !inner_done && content_at.is_some_and(|at| offset >= at) {
                self.splice(parts, index - 1, builder);
                inner_done = true;
            }
            builder.offset = offset;
            self.token(token, &mut elements, index, builder);
        }
        if !inner_done {
            self.splice(parts, index - 1, builder);
        }
    }

    fn token(
        &mut self,
        token: Token<'t>,
        elements: &mut [Option<Element<'t>>],
        part: usize,
        builder: &mut Builder,
    ) {
        match token {
            Token::Unknown => {
                if builder.skip_depth > 0 {
                    return;
                }
                let parent = *builder.stack.last().unwrap_or(&0);
                let last = self.nodes.len() - 1;
                if builder.offset < self.nodes[last].tag_end && self.nodes[last].part == part {
                    self.nodes[last].uncertain = true;
                } else {
                    self.nodes[parent].children.push(Child::Unknown);
                }
            }
            Token::Open(element, self_closing, tag_end) => {
                let Some(element) = elements.get_mut(element).and_then(Option::take) else {
                    return;
                };
                // `<template>` content is inert: no element of it is on the page.
                if element.name == "template" && !element.foreign && !self_closing {
                    builder.skip_depth += 1;
                    return;
                }
                if builder.skip_depth > 0 {
                    return;
                }
                self.implied_end(&element.name, builder);
                let parent = *builder.stack.last().unwrap_or(&0);
                let index = self.nodes.len();
                let leaf = if element.foreign {
                    self_closing
                } else {
                    is_void(&element.name)
                };
                if !leaf {
                    builder.push(index, &element.name);
                    if element.span.len() <= 1 {
                        // A Markdown element (its span is one byte): its close names no tag.
                        builder.markdown.push(index);
                    }
                }
                self.nodes.push(Node {
                    element,
                    part,
                    parent: Some(parent),
                    children: SmallVec::new(),
                    uncertain: false,
                    tag_end,
                });
                self.nodes[parent].children.push(Child::Node(index));
            }
            Token::Close(name) => {
                if builder.skip_depth > 0 {
                    if name == "template" {
                        builder.skip_depth -= 1;
                    }
                    return;
                }
                let target = if name.is_empty() {
                    builder.markdown.pop()
                } else if builder.open(&name) == 0 {
                    None
                } else {
                    builder
                        .stack
                        .iter()
                        .rposition(|&i| i != 0 && self.nodes[i].element.name == *name)
                        .map(|position| builder.stack[position])
                };
                if let Some(target) = target {
                    if let Some(position) = builder.stack.iter().rposition(|&i| i == target) {
                        self.truncate(builder, position.max(1));
                    }
                }
            }
            Token::Text(text) => {
                if builder.skip_depth > 0 {
                    return;
                }
                let parent = *builder.stack.last().unwrap_or(&0);
                let name = self.nodes[parent].element.name.as_str();
                if matches!(name, "script" | "style") {
                    return;
                }
                match self.nodes[parent].children.last_mut() {
                    Some(Child::Text(previous)) => previous.to_mut().push_str(&text),
                    _ => self.nodes[parent].children.push(Child::Text(text)),
                }
            }
        }
    }

    /// Close the open elements from `position` of the stack up.
    #[allow(clippy::unused_self)] // Kept a method like the other steps of the build.
    fn truncate(&self, builder: &mut Builder, position: usize) {
        for &id in &builder.stack_names[position..] {
            if let Some(count) = builder.counts.get_mut(id as usize) {
                *count = count.saturating_sub(1);
            }
        }
        builder.stack.truncate(position);
        builder.stack_names.truncate(position);
    }

    /// Close what a start tag of `name` implicitly closes.
    fn implied_end(&self, name: &str, builder: &mut Builder) {
        let close_to = |builder: &mut Builder, wanted: &[&str], stop: &[&str]| {
            // Nothing to close: skip the walk (deeply nested pages stay linear).
            if wanted.iter().all(|w| builder.open(w) == 0) {
                return;
            }
            for position in (1..builder.stack.len()).rev() {
                let open = self.nodes[builder.stack[position]].element.name.as_str();
                if wanted.contains(&open) {
                    self.truncate(builder, position);
                    return;
                }
                if stop.contains(&open) {
                    return;
                }
            }
        };
        if closes_p(name) {
            close_to(
                builder,
                &["p"],
                &[
                    "button", "table", "td", "th", "caption", "object", "marquee", "html",
                    "template",
                ],
            );
        }
        match name {
            "li" => close_to(builder, &["li"], &["ul", "ol", "menu", "table"]),
            "dt" | "dd" => close_to(builder, &["dt", "dd"], &["dl", "table"]),
            "tr" => close_to(builder, &["tr"], &["table", "thead", "tbody", "tfoot"]),
            "td" | "th" => close_to(builder, &["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                close_to(builder, &["thead", "tbody", "tfoot"], &["table"]);
            }
            "option" => close_to(builder, &["option"], &["select", "datalist", "optgroup"]),
            "optgroup" => close_to(builder, &["optgroup", "option"], &["select"]),
            _ => {}
        }
        if is_heading(name) {
            if let Some(&top) = builder.stack.last() {
                if is_heading(&self.nodes[top].element.name) {
                    self.truncate(builder, builder.stack.len() - 1);
                }
            }
        }
    }

    /// The element children of `index`.
    pub(crate) fn element_children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes[index].children.iter().filter_map(|c| match c {
            Child::Node(i) => Some(*i),
            Child::Text(_) | Child::Unknown => None,
        })
    }

    /// Every element below `index`, in document order (not `index` itself).
    pub(crate) fn descendants(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack: Vec<usize> = self.element_children(index).collect();
        stack.reverse();
        while let Some(next) = stack.pop() {
            out.push(next);
            let children: Vec<usize> = self.element_children(next).collect();
            stack.extend(children.into_iter().rev());
        }
        out
    }

    /// The ancestors of `index`, nearest first (not the document).
    pub(crate) fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + use<'_, 't> {
        std::iter::successors(self.nodes[index].parent, |&i| self.nodes[i].parent)
            .filter(|&i| i != 0)
    }

    pub(crate) fn name(&self, index: usize) -> &str {
        &self.nodes[index].element.name
    }

    pub(crate) fn attr(&self, index: usize, name: &str) -> Option<&str> {
        self.nodes[index].element.value(name)
    }

    /// The elements named `name`, in document order (HTML namespace only).
    pub(crate) fn all(&self, name: &str) -> Vec<usize> {
        (1..self.nodes.len())
            .filter(|&i| !self.nodes[i].element.foreign && self.nodes[i].element.name == name)
            .collect()
    }

    /// All text below `index`, concatenated (iteratively: pages may nest deeply).
    pub(crate) fn text(&self, index: usize) -> String {
        let mut out = String::new();
        let mut work: Vec<&Child> = self.nodes[index].children.iter().rev().collect();
        while let Some(child) = work.pop() {
            match child {
                Child::Text(text) => out.push_str(text),
                Child::Node(i) => work.extend(self.nodes[*i].children.iter().rev()),
                Child::Unknown => {}
            }
        }
        out
    }
}

struct Builder {
    stack: Vec<usize>,
    /// Open Markdown elements (closed by position, not by name).
    markdown: Vec<usize>,
    /// Depth inside `<template>` content, which is inert.
    skip_depth: usize,
    /// Offset of the token being built, in its part.
    offset: usize,
    /// The name of each element on `stack`, as a number (see `counts`).
    stack_names: Vec<u32>,
    /// How many elements of each name are open, by the name's number: the names that close
    /// others implicitly have fixed numbers, the others get one at their first start tag (one
    /// lookup per start and end tag, where counting by name took four: 3% of all time).
    counts: Vec<u32>,
    /// Numbers of the other names.
    names: HashMap<String, u32>,
}

/// The names [`Tree::implied_end`] asks about.
const IMPLIED: [&str; 12] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
];

impl Builder {
    fn new() -> Self {
        Self {
            stack: vec![0],
            // The document node: never counted, never closed.
            stack_names: vec![u32::MAX],
            markdown: Vec::new(),
            skip_depth: 0,
            offset: 0,
            counts: vec![0; IMPLIED.len()],
            names: HashMap::default(),
        }
    }

    fn number(&self, name: &str) -> Option<u32> {
        let fixed = match name {
            "p" => 0,
            "li" => 1,
            "dt" => 2,
            "dd" => 3,
            "tr" => 4,
            "td" => 5,
            "th" => 6,
            "thead" => 7,
            "tbody" => 8,
            "tfoot" => 9,
            "option" => 10,
            "optgroup" => 11,
            _ => return self.names.get(name).copied(),
        };
        debug_assert_eq!(IMPLIED[fixed as usize], name);
        Some(fixed)
    }

    fn push(&mut self, index: usize, name: &str) {
        let number = self.number(name).unwrap_or_else(|| {
            let number = u32::try_from(self.counts.len()).unwrap_or(u32::MAX);
            self.names.insert(name.to_string(), number);
            self.counts.push(0);
            number
        });
        if let Some(count) = self.counts.get_mut(number as usize) {
            *count += 1;
        }
        self.stack.push(index);
        self.stack_names.push(number);
    }

    fn open(&self, name: &str) -> u32 {
        self.number(name)
            .and_then(|number| self.counts.get(number as usize).copied())
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::html::scan;

    fn tree(text: &str) -> Tree<'_> {
        Tree::build(vec![{
            let s = scan(text);
            PartTokens::new(s.elements, s.events, None, &[])
        }])
    }

    fn shape(tree: &Tree, index: usize) -> String {
        let mut out = String::new();
        for child in &tree.nodes[index].children {
            match child {
                Child::Text(t) => out.push_str(t.trim()),
                Child::Unknown => out.push('?'),
                Child::Node(i) => {
                    out.push('(');
                    out.push_str(tree.name(*i));
                    out.push_str(&shape(tree, *i));
                    out.push(')');
                }
            }
        }
        out
    }

    #[test]
    fn implied_end_tags_and_void_elements() {
        let t = tree("<ul><li>a<li>b<img src=x></ul><p>one<p>two<div>three</div>");
        assert_eq!(shape(&t, 0), "(ul(lia)(lib(img)))(pone)(ptwo)(divthree)");
    }

    #[test]
    fn stray_end_tags_and_template_content() {
        let t = tree("<div></span>x<template><a href=y>in</a></template></div><a>z</a>");
        assert_eq!(shape(&t, 0), "(divx)(az)");
    }

    #[test]
    fn layouts_splice_at_content() {
        let layout = "<body><main>CONTENT</main><footer>f</footer></body>";
        let mut outer = {
            let s = scan(layout);
            PartTokens::new(s.elements, s.events, None, &[])
        };
        outer.content_at = layout.find("CONTENT");
        let inner = {
            let s = scan("<h1>T</h1>");
            PartTokens::new(s.elements, s.events, None, &[])
        };
        let t = Tree::build(vec![inner, outer]);
        assert_eq!(shape(&t, 0), "(body(main(h1T)CONTENT)(footerf))");
        let h1 = t.all("h1")[0];
        assert_eq!(t.nodes[h1].part, 0);
    }

    #[test]
    fn markdown_elements_and_text_without_syntax() {
        let text = "# Title\n\n- [a *b*](x.html)\n- ![alt](i.png)\n\n<div>raw <b>html</b></div>\n";
        let markdown = crate::parse::markdown::scan(text, false);
        let hidden = crate::parse::markdown::hide(text, &markdown.hidden);
        let t = Tree::build(vec![{
            let s = scan(&hidden);
            PartTokens::new(s.elements, s.events, Some(&markdown), &[])
        }]);
        assert_eq!(
            shape(&t, 0),
            "(h1Title)(ul(li(aa b))(li(img)))(divraw(bhtml))"
        );
        let img = t.all("img")[0];
        assert_eq!(t.attr(img, "alt"), Some("alt"));
    }
}
