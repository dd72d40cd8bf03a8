//! Rendering Liquid the way Jekyll does, while remembering where every output byte came from.
//!
//! Values are `Option<serde_json::Value>`: `None` is a value sitelint cannot decide (a page list,
//! a date, a plugin's output), which is never guessed. A condition that cannot be decided renders
//! every branch ("speculatively"): links in each branch are checked, and any variable assigned
//! there becomes undecidable afterwards, so no branch's value leaks into a wrong verdict.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde_json::Value;

use super::filters::apply_filter;
use super::parse::{Condition, Expr, IncludeName, Node, Operand, PathPart, Template, Test};
use super::{Library, SourceRef};

/// Where a run of output bytes came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Copied from `file` starting at byte `start`.
    Copy { file: SourceRef, start: usize },
    /// The value of the Liquid at `span` in `file`; `context` names the loop iteration.
    Expr {
        file: SourceRef,
        span: Range<usize>,
        context: Option<Arc<str>>,
    },
    /// Output sitelint cannot decide (the Liquid at `span`).
    Unknown { file: SourceRef, span: Range<usize> },
}

/// One run of output.
#[derive(Debug, Clone)]
pub(crate) struct Segment {
    pub out: Range<usize>,
    pub origin: Origin,
}

/// Rendered text and where each of its bytes came from.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub text: String,
    pub segments: Vec<Segment>,
    /// Includes named by a tag that exist nowhere (Jekyll stops the build).
    pub missing_includes: Vec<(SourceRef, Range<usize>, String)>,
    /// `{% link %}` / `{% post_url %}` tags: (file, span, path, post).
    pub link_tags: Vec<(SourceRef, Range<usize>, String, bool)>,
    /// Output ranges rendered from branches that may not be taken (undecided conditions, loops
    /// over unknown lists): their links are checked, their ids are not counted as duplicates.
    pub speculative: Vec<Range<usize>>,
    /// Where `{{ content }}` (the page or inner layout) goes in a layout's output.
    pub content_at: Option<usize>,
}

impl Rendered {
    fn push(&mut self, text: &str, origin: Origin) {
        let start = self.text.len();
        self.text.push_str(text);
        self.segments.push(Segment {
            out: start..self.text.len(),
            origin,
        });
    }

    /// Segments overlapping `span` of the output (for an empty span, those touching it).
    pub(crate) fn segments_for(&self, span: &Range<usize>) -> &[Segment] {
        let first = self.segments.partition_point(|s| {
            s.out.end < span.start
                || (s.out.end == span.start && !s.out.is_empty() && span.start != span.end)
        });
        let mut last = first;
        while last < self.segments.len() {
            let segment = &self.segments[last];
            // Empty runs at either end belong to the span: `{{ site.baseurl }}{{ item.url }}` with
            // an empty `item.url` is still written by both expressions.
            let touches = if span.is_empty() {
                segment.out.start <= span.start && span.start <= segment.out.end
            } else {
                segment.out.start < span.end
                    || (segment.out.is_empty() && segment.out.start == span.end)
            };
            if !touches {
                break;
            }
            last += 1;
        }
        &self.segments[first..last]
    }
}

/// How deep includes may nest before we stop (Jekyll has no limit and overflows its stack).
const MAX_DEPTH: usize = 24;
/// Loop iterations rendered per `for` (a guard against `(1..100000000)`).
const MAX_ITERATIONS: usize = 10_000;

/// One step down a variable path: a part of the value, or a value computed from it.
enum Step<'v> {
    Child(&'v Value),
    Made(Value),
}

enum Flow {
    Normal,
    Break,
    Continue,
}

/// The state of one render (one page body, or one layout for one page).
pub(crate) struct Renderer<'a> {
    library: &'a Library,
    page_path: &'a str,
    page: &'a Value,
    layout: Option<Value>,
    assigns: HashMap<String, Option<Value>>,
    locals: Vec<(String, Option<Value>)>,
    includes: Vec<HashMap<String, Option<Value>>>,
    contexts: Vec<Arc<str>>,
    speculative: usize,
    depth: usize,
    pub out: Rendered,
}

fn truthy(value: &Value) -> bool {
    !matches!(value, Value::Null | Value::Bool(false))
}

/// Liquid's `to_s` of a value; `None` for hashes (Ruby's inspect output is never a URL).
pub(crate) fn to_text(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let mut out = String::new();
            for item in items {
                out.push_str(&to_text(item)?);
            }
            out
        }
        Value::Object(_) => return None,
    })
}

/// A short name for a loop item, for messages: its title/name/page field, or the value itself.
fn describe_item(variable: &str, item: &Value, index: usize) -> Arc<str> {
    let label = match item {
        Value::Object(map) => ["title", "name", "page", "label", "id", "url", "term"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_string)),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match label {
        Some(label) => format!("{variable} `{label}`").into(),
        None => format!("{variable} #{}", index + 1).into(),
    }
}

fn compare(left: &Value, operator: &str, right: &Value) -> Option<bool> {
    use std::cmp::Ordering;
    let ordering = || -> Option<Ordering> {
        match (left, right) {
            (Value::Number(a), Value::Number(b)) => a.as_f64()?.partial_cmp(&b.as_f64()?),
            (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
            _ => None,
        }
    };
    Some(match operator {
        "==" => loose_eq(left, right),
        "!=" | "<>" => !loose_eq(left, right),
        "<" => ordering().is_some_and(Ordering::is_lt),
        ">" => ordering().is_some_and(Ordering::is_gt),
        "<=" => ordering().is_some_and(Ordering::is_le),
        ">=" => ordering().is_some_and(Ordering::is_ge),
        "contains" => match left {
            Value::String(s) => to_text(right).is_some_and(|r| s.contains(&r)),
            Value::Array(items) => items.iter().any(|i| loose_eq(i, right)),
            Value::Object(map) => right.as_str().is_some_and(|k| map.contains_key(k)),
            _ => false,
        },
        _ => return None,
    })
}

fn loose_eq(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => left == right,
    }
}

/// `empty` and `blank`, Liquid's special comparands.
fn special_eq(value: &Value, special: &str) -> bool {
    match value {
        Value::Null => special == "blank",
        Value::Bool(b) => special == "blank" && !b,
        Value::String(s) => s.is_empty() || (special == "blank" && s.trim().is_empty()),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Number(_) => false,
    }
}

/// Site keys Jekyll computes from the whole site, which this release does not model.
const UNKNOWN_SITE_KEYS: &[&str] = &[
    "pages",
    "posts",
    "collections",
    "documents",
    "static_files",
    "html_pages",
    "html_files",
    "categories",
    "tags",
    "time",
    "github",
    "related_posts",
];

/// Page keys Jekyll computes that front matter does not give.
const UNKNOWN_PAGE_KEYS: &[&str] = &[
    "content",
    "excerpt",
    "date",
    "id",
    "next",
    "previous",
    "categories",
    "tags",
    "output",
];

impl<'a> Renderer<'a> {
    pub(crate) fn new(
        library: &'a Library,
        page: &'a Value,
        layout: Option<Value>,
        page_path: &'a str,
    ) -> Self {
        Self {
            library,
            page_path,
            page,
            layout,
            assigns: HashMap::new(),
            locals: Vec::new(),
            includes: Vec::new(),
            contexts: Vec::new(),
            speculative: 0,
            depth: 0,
            out: Rendered::default(),
        }
    }

    fn context(&self) -> Option<Arc<str>> {
        match self.contexts.len() {
            0 => None,
            1 => Some(Arc::clone(&self.contexts[0])),
            _ => Some(
                self.contexts
                    .iter()
                    .map(AsRef::as_ref)
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            ),
        }
    }

    fn set(&mut self, variable: &str, value: Option<Value>) {
        let value = if self.speculative > 0 { None } else { value };
        self.assigns.insert(variable.to_string(), value);
    }

    /// The value of a variable, borrowed (the site's data is large: never cloned whole).
    fn lookup_root(&self, name: &str) -> Option<Cow<'_, Value>> {
        if let Some((_, value)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return value.as_ref().map(Cow::Borrowed);
        }
        if let Some(value) = self.assigns.get(name) {
            return value.as_ref().map(Cow::Borrowed);
        }
        match name {
            "site" => Some(Cow::Borrowed(&self.library.site)),
            "page" => Some(Cow::Borrowed(self.page)),
            "layout" => Some(
                self.layout
                    .as_ref()
                    .map_or(Cow::Owned(Value::Null), Cow::Borrowed),
            ),
            "paginator" | "jekyll" | "content" => None,
            _ => Some(Cow::Owned(Value::Null)),
        }
    }

    pub(crate) fn operand(&self, operand: &Operand) -> Option<Value> {
        match operand {
            Operand::Literal(value) => Some(value.clone()),
            Operand::Range(from, to) => {
                let from = self.operand(from)?.as_i64()?;
                let to = self.operand(to)?.as_i64()?;
                let count = usize::try_from((to - from + 1).max(0)).ok()?;
                Some(Value::Array(
                    (from..=to)
                        .take(count.min(MAX_ITERATIONS))
                        .map(Value::from)
                        .collect(),
                ))
            }
            Operand::Path(parts) => {
                let root = match parts.first()? {
                    PathPart::Key(name) => {
                        if let Some(special) = name.strip_prefix('\u{0}') {
                            if special != "unknown" {
                                return Some(Value::String(format!("\u{0}{special}")));
                            }
                            return None;
                        }
                        name.clone()
                    }
                    PathPart::Index(index) => self.operand(index)?.as_str()?.to_string(),
                };
                let mut rest = parts[1..].iter();
                let shadowed =
                    self.locals.iter().any(|(n, _)| *n == root) || self.assigns.contains_key(&root);
                let mut current: Cow<'_, Value> = if root == "include" && !shadowed {
                    // `include.x`: a parameter that may be undecidable.
                    let params = self.includes.last();
                    match rest.next() {
                        None => Cow::Owned(Value::Null),
                        Some(part) => {
                            let key = self.key(part)?;
                            match params.and_then(|p| p.get(key.as_str()?)) {
                                Some(value) => Cow::Borrowed(value.as_ref()?),
                                None => Cow::Owned(Value::Null),
                            }
                        }
                    }
                } else {
                    self.lookup_root(&root)?
                };
                let mut first = true;
                for part in rest {
                    let key = self.key(part)?;
                    let computed = first && !shadowed && (root == "site" || root == "page");
                    first = false;
                    current = match current {
                        Cow::Borrowed(value) => match self.step(value, &key, computed, &root)? {
                            Step::Child(child) => Cow::Borrowed(child),
                            Step::Made(made) => Cow::Owned(made),
                        },
                        Cow::Owned(value) => {
                            Cow::Owned(match self.step(&value, &key, computed, &root)? {
                                Step::Child(child) => child.clone(),
                                Step::Made(made) => made,
                            })
                        }
                    };
                }
                Some(current.into_owned())
            }
        }
    }

    /// One step down a path from `value` by `key`; `computed` when `value` is `site` or `page`
    /// itself (keys Jekyll computes that we do not model are undecidable, not nil).
    fn step<'v>(
        &self,
        value: &'v Value,
        key: &Value,
        computed: bool,
        root: &str,
    ) -> Option<Step<'v>> {
        Some(match (value, key) {
            (Value::Object(map), Value::String(k)) => match map.get(k) {
                Some(child) => Step::Child(child),
                None if k == "size" => Step::Made(Value::from(map.len())),
                None if computed => {
                    let unknown = if root == "site" {
                        UNKNOWN_SITE_KEYS.contains(&k.as_str())
                            || self.library.collections.iter().any(|c| c == k)
                    } else {
                        UNKNOWN_PAGE_KEYS.contains(&k.as_str())
                    };
                    if unknown {
                        return None;
                    }
                    Step::Made(Value::Null)
                }
                None => Step::Made(Value::Null),
            },
            (Value::Array(items), Value::Number(n)) => {
                let n = n.as_i64()?;
                let index = if n < 0 {
                    i64::try_from(items.len()).ok()? + n
                } else {
                    n
                };
                match usize::try_from(index).ok().and_then(|i| items.get(i)) {
                    Some(child) => Step::Child(child),
                    None => Step::Made(Value::Null),
                }
            }
            (Value::Array(items), Value::String(k)) => match k.as_str() {
                "size" => Step::Made(Value::from(items.len())),
                "first" => items.first().map_or(Step::Made(Value::Null), Step::Child),
                "last" => items.last().map_or(Step::Made(Value::Null), Step::Child),
                _ => Step::Made(Value::Null),
            },
            (Value::String(s), Value::String(k)) if k == "size" => {
                Step::Made(Value::from(s.chars().count()))
            }
            _ => Step::Made(Value::Null),
        })
    }

    fn key(&self, part: &PathPart) -> Option<Value> {
        match part {
            PathPart::Key(key) => Some(Value::String(key.clone())),
            PathPart::Index(index) => self.operand(index),
        }
    }

    pub(crate) fn expr(&self, expr: &Expr) -> Option<Value> {
        let mut value = self.operand(&expr.operand)?;
        for (name, args) in &expr.filters {
            let args: Vec<Option<Value>> = args.iter().map(|a| self.operand(a)).collect();
            value = apply_filter(name, value, &args, self.library)?;
        }
        Some(value)
    }

    fn test(&self, test: &Test) -> Option<bool> {
        match test {
            Test::Truthy(operand) => self.operand(operand).map(|v| truthy(&v)),
            Test::Compare(left, operator, right) => {
                let left = self.operand(left)?;
                let right = self.operand(right)?;
                for (value, other) in [(&left, &right), (&right, &left)] {
                    if let Some(special) = other.as_str().and_then(|s| s.strip_prefix('\u{0}')) {
                        let equal = special_eq(value, special);
                        return Some(if operator == "==" { equal } else { !equal });
                    }
                }
                compare(&left, operator, &right)
            }
        }
    }

    /// Right to left, as Liquid does: `a and b or c` is `a and (b or c)`.
    fn condition(&self, condition: &Condition) -> Option<bool> {
        let mut tests: Vec<&Test> = vec![&condition.first];
        let mut joins: Vec<bool> = Vec::new();
        for (is_and, test) in &condition.rest {
            joins.push(*is_and);
            tests.push(test);
        }
        let mut result = self.test(tests.pop()?);
        while let Some(test) = tests.pop() {
            let is_and = joins.pop()?;
            let left = self.test(test);
            result = match (left, result, is_and) {
                (Some(false), _, true) | (_, Some(false), true) => Some(false),
                (Some(true), _, false) | (_, Some(true), false) => Some(true),
                (Some(a), Some(b), _) => Some(if is_and { a && b } else { a || b }),
                _ => None,
            };
        }
        result
    }

    /// Render `template` (from `file`, whose text is `source`).
    pub(crate) fn render(&mut self, template: &Template, file: SourceRef, source: &str) {
        let _ = self.nodes(&template.nodes, file, source);
    }

    fn unknown(&mut self, file: SourceRef, span: Range<usize>) {
        self.out.push("", Origin::Unknown { file, span });
    }

    #[allow(clippy::too_many_lines)] // One match over node kinds reads best in one place.
    fn nodes(&mut self, nodes: &[Node], file: SourceRef, source: &str) -> Flow {
        for node in nodes {
            match node {
                Node::Text(range) => {
                    if let Some(text) = source.get(range.clone()) {
                        self.out.push(
                            text,
                            Origin::Copy {
                                file,
                                start: range.start,
                            },
                        );
                    }
                }
                Node::Output { span, expr } => {
                    let is_content = expr.as_ref().is_some_and(|e| {
                        matches!(&e.operand, Operand::Path(p) if p.len() == 1 && p[0] == PathPart::Key("content".into()))
                    }) && !self.assigns.contains_key("content");
                    if is_content {
                        // The page's own content: checked from the page's source, not here.
                        if self.out.content_at.is_none() {
                            self.out.content_at = Some(self.out.text.len());
                        }
                        continue;
                    }
                    let value = expr
                        .as_ref()
                        .and_then(|e| self.expr(e))
                        .and_then(|v| to_text(&v));
                    match value {
                        Some(text) => {
                            let context = self.context();
                            self.out.push(
                                &text,
                                Origin::Expr {
                                    file,
                                    span: span.clone(),
                                    context,
                                },
                            );
                        }
                        None => self.unknown(file, span.clone()),
                    }
                }
                Node::If {
                    branches,
                    otherwise,
                } => {
                    let mut decided = true;
                    let mut chosen: Option<&Vec<Node>> = None;
                    let mut speculative: Vec<&Vec<Node>> = Vec::new();
                    for (condition, negate, body) in branches {
                        match self.condition(condition).map(|v| v != *negate) {
                            Some(true) if decided => {
                                chosen = Some(body);
                                break;
                            }
                            Some(true) => {
                                speculative.push(body);
                                break;
                            }
                            Some(false) => {}
                            None => {
                                decided = false;
                                speculative.push(body);
                            }
                        }
                    }
                    if decided {
                        if let Some(body) = chosen.or(otherwise.as_ref()) {
                            match self.nodes(body, file, source) {
                                Flow::Normal => {}
                                flow => return flow,
                            }
                        }
                    } else {
                        if chosen.is_none() {
                            if let Some(body) = otherwise {
                                speculative.push(body);
                            }
                        }
                        self.speculate(&speculative, file, source);
                    }
                }
                Node::Case {
                    subject,
                    whens,
                    otherwise,
                } => {
                    let Some(subject) = self.operand(subject) else {
                        let mut all: Vec<&Vec<Node>> = whens.iter().map(|(_, b)| b).collect();
                        all.extend(otherwise.iter());
                        self.speculate(&all, file, source);
                        continue;
                    };
                    let mut chosen = None;
                    let mut undecided = false;
                    for (values, body) in whens {
                        for value in values {
                            match self.operand(value) {
                                Some(v) if loose_eq(&v, &subject) => chosen = chosen.or(Some(body)),
                                Some(_) => {}
                                None => undecided = true,
                            }
                        }
                    }
                    if undecided && chosen.is_none() {
                        let mut all: Vec<&Vec<Node>> = whens.iter().map(|(_, b)| b).collect();
                        all.extend(otherwise.iter());
                        self.speculate(&all, file, source);
                    } else if let Some(body) = chosen.or(otherwise.as_ref()) {
                        match self.nodes(body, file, source) {
                            Flow::Normal => {}
                            flow => return flow,
                        }
                    }
                }
                Node::For {
                    variable,
                    collection,
                    limit,
                    offset,
                    reversed,
                    body,
                    otherwise,
                } => {
                    let items = self.operand(collection);
                    let mut items: Vec<Value> = match items {
                        None => {
                            // The list is not known: render the body once with an unknown item
                            // so its literal links are still checked.
                            self.locals.push((variable.clone(), None));
                            self.speculate(&[body], file, source);
                            self.locals.pop();
                            continue;
                        }
                        Some(Value::Array(items)) => items,
                        Some(Value::Object(map)) => map
                            .into_iter()
                            .map(|(k, v)| Value::Array(vec![Value::String(k), v]))
                            .collect(),
                        Some(Value::Null) => Vec::new(),
                        Some(other) => vec![other],
                    };
                    if let Some(offset) = offset.as_ref().and_then(|o| self.operand(o)?.as_u64()) {
                        items = items
                            .into_iter()
                            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
                            .collect();
                    }
                    if let Some(limit) = limit.as_ref().and_then(|l| self.operand(l)?.as_u64()) {
                        items.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
                    }
                    if *reversed {
                        items.reverse();
                    }
                    items.truncate(MAX_ITERATIONS);
                    if items.is_empty() {
                        if let Some(body) = otherwise {
                            let _ = self.nodes(body, file, source);
                        }
                        continue;
                    }
                    let length = items.len();
                    for (index, item) in items.into_iter().enumerate() {
                        let forloop = serde_json::json!({
                            "index": index + 1, "index0": index, "first": index == 0,
                            "last": index + 1 == length, "length": length,
                            "rindex": length - index, "rindex0": length - index - 1,
                        });
                        self.contexts.push(describe_item(variable, &item, index));
                        self.locals.push(("forloop".into(), Some(forloop)));
                        self.locals.push((variable.clone(), Some(item)));
                        let flow = self.nodes(body, file, source);
                        self.locals.pop();
                        self.locals.pop();
                        self.contexts.pop();
                        if matches!(flow, Flow::Break) {
                            break;
                        }
                    }
                }
                Node::Assign { variable, expr } => {
                    let value = expr.as_ref().and_then(|e| self.expr(e));
                    self.set(variable, value);
                }
                Node::Capture { variable, body } => {
                    let saved = std::mem::take(&mut self.out);
                    let _ = self.nodes(body, file, source);
                    let captured = std::mem::replace(&mut self.out, saved);
                    let known = !captured
                        .segments
                        .iter()
                        .any(|s| matches!(s.origin, Origin::Unknown { .. }));
                    self.out.missing_includes.extend(captured.missing_includes);
                    self.out.link_tags.extend(captured.link_tags);
                    // Ranges of the captured text do not map into this output.
                    self.set(variable, known.then_some(Value::String(captured.text)));
                }
                Node::Include {
                    span,
                    name,
                    relative,
                    params,
                } => self.include(span, name, *relative, params, file, source),
                Node::Link { span, path, post } => {
                    self.out
                        .link_tags
                        .push((file, span.clone(), path.clone(), *post));
                    match self.library.tag_url(path, *post) {
                        Some(url) => {
                            let context = self.context();
                            self.out.push(
                                &url,
                                Origin::Expr {
                                    file,
                                    span: span.clone(),
                                    context,
                                },
                            );
                        }
                        None => self.unknown(file, span.clone()),
                    }
                }
                Node::Break => return Flow::Break,
                Node::Continue => return Flow::Continue,
                Node::Opaque(span) => self.unknown(file, span.clone()),
            }
        }
        Flow::Normal
    }

    fn speculate(&mut self, bodies: &[&Vec<Node>], file: SourceRef, source: &str) {
        let start = self.out.text.len();
        self.speculative += 1;
        for body in bodies {
            let _ = self.nodes(body, file, source);
        }
        self.speculative -= 1;
        let end = self.out.text.len();
        self.out.speculative.push(start..end);
    }

    fn include(
        &mut self,
        span: &Range<usize>,
        name: &IncludeName,
        relative: bool,
        params: &[(String, Operand)],
        file: SourceRef,
        _source: &str,
    ) {
        let name = match name {
            IncludeName::Static(name) => Some(name.clone()),
            IncludeName::Dynamic(markup) => {
                let inner = markup.trim_start_matches("{{").trim_end_matches("}}");
                super::parse::parse_expr(inner)
                    .and_then(|e| self.expr(&e))
                    .and_then(|v| v.as_str().map(str::to_string))
            }
        };
        let Some(name) = name else {
            self.unknown(file, span.clone());
            return;
        };
        let key = if relative {
            let dir = match file {
                SourceRef::Page => self.page_path,
                SourceRef::Library(index) => self.library.entry(index).path.as_str(),
            };
            let dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
            super::normalize(&if dir.is_empty() {
                name.clone()
            } else {
                format!("{dir}/{name}")
            })
        } else {
            format!("_includes/{}", name.trim_start_matches("./"))
        };
        let Some(target) = self.library.find(&key) else {
            if relative && self.library.exists_on_disk(&key) {
                // An include_relative of a page source: not a template we loaded.
                self.unknown(file, span.clone());
            } else {
                self.out.missing_includes.push((file, span.clone(), key));
                self.unknown(file, span.clone());
            }
            return;
        };
        if self.depth >= MAX_DEPTH {
            self.unknown(file, span.clone());
            return;
        }
        let values: HashMap<String, Option<Value>> = params
            .iter()
            .map(|(key, operand)| (key.clone(), self.operand(operand)))
            .collect();
        self.includes.push(values);
        self.depth += 1;
        let library = self.library;
        let entry = library.entry(target);
        let _ = self.nodes(
            &entry.template.nodes,
            SourceRef::Library(target),
            &entry.text,
        );
        self.depth -= 1;
        self.includes.pop();
    }
}
