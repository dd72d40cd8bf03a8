//! Liquid parsed into nodes that remember their byte spans in the source file.
//!
//! Written by hand: the `liquid` crate renders to a plain string (no way back from output bytes
//! to the source span that produced them), fails the whole parse on Jekyll's tags (`{% seo %}`,
//! `{% link %}`, `{% highlight %}`), and fails rendering on undefined variables where Jekyll
//! renders nothing. sitelint needs every produced byte tied to its source, and to tell a value
//! it knows from one it cannot decide.

use std::ops::Range;

/// A literal or a variable, before filters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Literal(serde_json::Value),
    /// `site.data.pagelist.pages`, `item["icon-alt"]`, `list[0]`.
    Path(Vec<PathPart>),
    /// `(1..n)`.
    Range(Box<Operand>, Box<Operand>),
}

/// One step of a variable path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PathPart {
    Key(String),
    Index(Operand),
}

/// `operand | filter: arg, arg | filter`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expr {
    pub operand: Operand,
    pub filters: Vec<(String, Vec<Operand>)>,
}

/// A comparison or a bare truthiness test.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Test {
    Truthy(Operand),
    Compare(Operand, String, Operand),
}

/// `a and b or c`: Liquid evaluates the chain right to left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Condition {
    pub first: Test,
    pub rest: Vec<(bool, Test)>, // (is_and, test)
}

/// What an `{% include %}` names.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum IncludeName {
    Static(String),
    /// Contains Liquid (`{% include {{ page.widget }} %}`): decided at render time, if at all.
    Dynamic(String),
}

/// One node of a template.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// Source bytes copied to the output.
    Text(Range<usize>),
    /// `{{ expr }}`, with the span of the whole output tag.
    Output {
        span: Range<usize>,
        expr: Option<Expr>,
    },
    If {
        branches: Vec<(Condition, bool, Vec<Node>)>, // (condition, negate for unless, body)
        otherwise: Option<Vec<Node>>,
    },
    Case {
        subject: Operand,
        whens: Vec<(Vec<Operand>, Vec<Node>)>,
        otherwise: Option<Vec<Node>>,
    },
    For {
        variable: String,
        collection: Operand,
        limit: Option<Operand>,
        offset: Option<Operand>,
        reversed: bool,
        body: Vec<Node>,
        otherwise: Option<Vec<Node>>,
    },
    Assign {
        variable: String,
        expr: Option<Expr>,
    },
    Capture {
        variable: String,
        body: Vec<Node>,
    },
    Include {
        span: Range<usize>,
        name: IncludeName,
        relative: bool,
        params: Vec<(String, Operand)>,
    },
    /// `{% link path %}` / `{% post_url name %}`: a URL Jekyll computes from a source file.
    Link {
        span: Range<usize>,
        path: String,
        post: bool,
    },
    Break,
    Continue,
    /// Output we cannot decide (an unknown tag that renders something, a dynamic construct).
    Opaque(Range<usize>),
}

/// A parsed template.
#[derive(Debug, Default)]
pub(crate) struct Template {
    pub nodes: Vec<Node>,
}

enum Token {
    Text(Range<usize>),
    Output(Range<usize>, Range<usize>),
    Tag(Range<usize>, String, Range<usize>), // whole span, name, markup range
}

fn tokenize(source: &str) -> Vec<Token> {
    let bytes = source.as_bytes();
    let mut tokens = Vec::new();
    let mut position = 0;
    let mut text_start = 0;
    while let Some(found) = memchr::memchr(b'{', &bytes[position..]) {
        let open = position + found;
        let (closer, is_output): (&[u8], bool) = match bytes.get(open + 1) {
            Some(b'{') => (b"}}", true),
            Some(b'%') => (b"%}", false),
            _ => {
                position = open + 1;
                continue;
            }
        };
        let Some(close) = memchr::memmem::find(&bytes[open + 2..], closer).map(|i| i + open + 2)
        else {
            // Unclosed: reported by the masking pass (INPUT006); the rest is not rendered.
            if open > text_start {
                tokens.push(Token::Text(text_start..open));
            }
            return tokens;
        };
        if open > text_start {
            tokens.push(Token::Text(text_start..open));
        }
        let end = close + 2;
        let mut inner = open + 2..close;
        if bytes.get(inner.start) == Some(&b'-') {
            inner.start += 1;
        }
        if inner.end > inner.start && bytes[inner.end - 1] == b'-' {
            inner.end -= 1;
        }
        if is_output {
            tokens.push(Token::Output(open..end, inner));
        } else {
            let markup = &source[inner.clone()];
            let trimmed_start = inner.start + (markup.len() - markup.trim_start().len());
            let rest = &source[trimmed_start..inner.end];
            let name_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let name = rest[..name_len].to_string();
            let markup = trimmed_start + name_len..inner.end;
            if name == "raw" || name == "comment" {
                let closing = if name == "raw" {
                    "endraw"
                } else {
                    "endcomment"
                };
                if let Some((body_end, tag_end)) = find_end(source, end, closing) {
                    if name == "raw" && body_end > end {
                        tokens.push(Token::Text(end..body_end));
                    }
                    position = tag_end;
                    text_start = tag_end;
                    continue;
                }
                return tokens;
            }
            tokens.push(Token::Tag(open..end, name, markup));
        }
        position = end;
        text_start = end;
    }
    if text_start < bytes.len() {
        tokens.push(Token::Text(text_start..bytes.len()));
    }
    tokens
}

/// Find `{% closing %}` after `from`: (start of that tag, end of that tag).
fn find_end(source: &str, from: usize, closing: &str) -> Option<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut search = from;
    while let Some(open) = memchr::memmem::find(&bytes[search..], b"{%").map(|i| i + search) {
        let close = memchr::memmem::find(&bytes[open + 2..], b"%}").map(|i| i + open + 2)?;
        let inner = source[open + 2..close].trim_matches('-').trim();
        if inner.split_whitespace().next() == Some(closing) {
            return Some((open, close + 2));
        }
        search = close + 2;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Markup: the inside of a tag or output.

#[derive(Debug, Clone, PartialEq)]
enum Lex {
    Str(String),
    Num(serde_json::Value),
    Ident(String),
    Op(String),
    Punct(char),
    DotDot,
}

fn lex(markup: &str) -> Vec<Lex> {
    let chars: Vec<char> = markup.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' || c == '\'' {
            let start = i + 1;
            let mut j = start;
            while j < chars.len() && chars[j] != c {
                j += 1;
            }
            out.push(Lex::Str(chars[start..j.min(chars.len())].iter().collect()));
            i = j + 1;
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            let start = i;
            i += 1;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (chars[i] == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            let value = text.parse::<i64>().map_or_else(
                |_| {
                    text.parse::<f64>()
                        .ok()
                        .and_then(serde_json::Number::from_f64)
                        .map_or(serde_json::Value::Null, serde_json::Value::Number)
                },
                serde_json::Value::from,
            );
            out.push(Lex::Num(value));
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '-' | '?'))
            {
                i += 1;
            }
            out.push(Lex::Ident(chars[start..i].iter().collect()));
        } else if c == '.' && chars.get(i + 1) == Some(&'.') {
            out.push(Lex::DotDot);
            i += 2;
        } else if matches!(c, '=' | '!' | '<' | '>') {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if matches!(two.as_str(), "==" | "!=" | "<=" | ">=" | "<>") {
                out.push(Lex::Op(two));
                i += 2;
            } else if c == '=' {
                out.push(Lex::Punct('='));
                i += 1;
            } else {
                out.push(Lex::Op(c.to_string()));
                i += 1;
            }
        } else {
            out.push(Lex::Punct(c));
            i += 1;
        }
    }
    out
}

struct Cursor {
    tokens: Vec<Lex>,
    at: usize,
}

impl Cursor {
    fn new(markup: &str) -> Self {
        Self {
            tokens: lex(markup),
            at: 0,
        }
    }
    fn peek(&self) -> Option<&Lex> {
        self.tokens.get(self.at)
    }
    fn next(&mut self) -> Option<Lex> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }
    fn eat(&mut self, punct: char) -> bool {
        if self.peek() == Some(&Lex::Punct(punct)) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn eat_ident(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Lex::Ident(w)) if w == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn done(&self) -> bool {
        self.at >= self.tokens.len()
    }

    fn operand(&mut self) -> Option<Operand> {
        match self.next()? {
            Lex::Str(text) => Some(Operand::Literal(serde_json::Value::String(text))),
            Lex::Num(number) => Some(Operand::Literal(number)),
            Lex::Punct('(') => {
                let from = self.operand()?;
                if self.next()? != Lex::DotDot {
                    return None;
                }
                let to = self.operand()?;
                self.eat(')');
                Some(Operand::Range(Box::new(from), Box::new(to)))
            }
            Lex::Punct('[') => {
                // `[expr]` at the start: a variable named by an expression; rare.
                let inner = self.operand()?;
                self.eat(']');
                let mut parts = vec![PathPart::Index(inner)];
                self.path_rest(&mut parts)?;
                Some(Operand::Path(parts))
            }
            Lex::Ident(word) => match word.as_str() {
                "true" => Some(Operand::Literal(serde_json::Value::Bool(true))),
                "false" => Some(Operand::Literal(serde_json::Value::Bool(false))),
                "nil" | "null" => Some(Operand::Literal(serde_json::Value::Null)),
                "empty" | "blank" => {
                    Some(Operand::Path(vec![PathPart::Key(format!("\u{0}{word}"))]))
                }
                _ => {
                    let mut parts = vec![PathPart::Key(word)];
                    self.path_rest(&mut parts)?;
                    Some(Operand::Path(parts))
                }
            },
            _ => None,
        }
    }

    fn path_rest(&mut self, parts: &mut Vec<PathPart>) -> Option<()> {
        loop {
            if self.eat('.') {
                match self.next()? {
                    Lex::Ident(key) => parts.push(PathPart::Key(key)),
                    Lex::Num(n) => parts.push(PathPart::Key(n.to_string())),
                    _ => return None,
                }
            } else if self.eat('[') {
                let index = self.operand()?;
                if !self.eat(']') {
                    return None;
                }
                parts.push(PathPart::Index(index));
            } else {
                return Some(());
            }
        }
    }

    fn expr(&mut self) -> Option<Expr> {
        let operand = self.operand()?;
        let mut filters = Vec::new();
        while self.eat('|') {
            let Some(Lex::Ident(name)) = self.next() else {
                return None;
            };
            let mut args = Vec::new();
            if self.eat(':') {
                loop {
                    // Keyword arguments (`allow_false: true`): keep the value only.
                    if matches!(self.tokens.get(self.at), Some(Lex::Ident(_)))
                        && self.tokens.get(self.at + 1) == Some(&Lex::Punct(':'))
                    {
                        self.at += 2;
                    }
                    args.push(self.operand()?);
                    if !self.eat(',') {
                        break;
                    }
                }
            }
            filters.push((name, args));
        }
        Some(Expr { operand, filters })
    }

    fn test(&mut self) -> Option<Test> {
        let left = self.operand()?;
        let operator = match self.peek() {
            Some(Lex::Op(op)) => Some(op.clone()),
            Some(Lex::Ident(word)) if word == "contains" => Some(word.clone()),
            _ => None,
        };
        match operator {
            Some(op) => {
                self.at += 1;
                let right = self.operand()?;
                Some(Test::Compare(left, op, right))
            }
            None => Some(Test::Truthy(left)),
        }
    }

    fn condition(&mut self) -> Option<Condition> {
        let first = self.test()?;
        let mut rest = Vec::new();
        loop {
            if self.eat_ident("and") {
                rest.push((true, self.test()?));
            } else if self.eat_ident("or") {
                rest.push((false, self.test()?));
            } else {
                break;
            }
        }
        Some(Condition { first, rest })
    }
}

/// Parse an output's markup (`site.baseurl | append: "/"`); `None` when it is not an expression
/// we understand (rendered as undecidable, never guessed).
pub(crate) fn parse_expr(markup: &str) -> Option<Expr> {
    let mut cursor = Cursor::new(markup);
    let expr = cursor.expr()?;
    cursor.done().then_some(expr)
}

// ---------------------------------------------------------------------------------------------
// Blocks.

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    at: usize,
}

/// Why a block stopped: the tag that ended it.
struct Stop {
    name: String,
    markup: Range<usize>,
}

impl Parser<'_> {
    fn markup(&self, range: &Range<usize>) -> &str {
        &self.source[range.clone()]
    }

    /// Parse nodes until one of `stops` (or the end).
    fn block(&mut self, stops: &[&str]) -> (Vec<Node>, Option<Stop>) {
        let mut nodes = Vec::new();
        while self.at < self.tokens.len() {
            let index = self.at;
            self.at += 1;
            match &self.tokens[index] {
                Token::Text(range) => nodes.push(Node::Text(range.clone())),
                Token::Output(span, inner) => {
                    let expr = parse_expr(&self.source[inner.clone()]);
                    nodes.push(Node::Output {
                        span: span.clone(),
                        expr,
                    });
                }
                Token::Tag(span, name, markup) => {
                    let (span, name, markup) = (span.clone(), name.clone(), markup.clone());
                    if stops.contains(&name.as_str()) {
                        return (nodes, Some(Stop { name, markup }));
                    }
                    if let Some(node) = self.tag(&span, &name, &markup) {
                        nodes.push(node);
                    }
                }
            }
        }
        (nodes, None)
    }

    #[allow(clippy::too_many_lines)] // One arm per tag; each reads best next to the others.
    fn tag(&mut self, span: &Range<usize>, name: &str, markup: &Range<usize>) -> Option<Node> {
        let text = self.markup(markup).trim().to_string();
        match name {
            "if" | "unless" => {
                let mut branches = Vec::new();
                let mut otherwise = None;
                let mut condition = Cursor::new(&text).condition();
                let mut negate = name == "unless";
                let end = if name == "if" { "endif" } else { "endunless" };
                loop {
                    let (body, stopped_at) = self.block(&["elsif", "else", end]);
                    // An unparsable condition: the branch is undecidable.
                    let parsed = condition.take().unwrap_or(Condition {
                        first: Test::Truthy(Operand::Path(vec![PathPart::Key(
                            "\u{0}unknown".into(),
                        )])),
                        rest: Vec::new(),
                    });
                    branches.push((parsed, negate, body));
                    negate = false;
                    match stopped_at {
                        Some(Stop { name, markup }) if name == "elsif" => {
                            condition = Cursor::new(self.markup(&markup)).condition();
                        }
                        Some(Stop { name, .. }) if name == "else" => {
                            let (body, _) = self.block(&[end]);
                            otherwise = Some(body);
                            break;
                        }
                        _ => break,
                    }
                }
                Some(Node::If {
                    branches,
                    otherwise,
                })
            }
            "case" => {
                let subject = Cursor::new(&text).operand()?;
                let (_, mut stop) = self.block(&["when", "else", "endcase"]);
                let mut whens = Vec::new();
                let mut otherwise = None;
                while let Some(Stop { name, markup }) = stop {
                    if name == "when" {
                        let mut cursor = Cursor::new(self.markup(&markup));
                        let mut values = Vec::new();
                        while let Some(value) = cursor.operand() {
                            values.push(value);
                            if !(cursor.eat(',') || cursor.eat_ident("or")) {
                                break;
                            }
                        }
                        let (body, next) = self.block(&["when", "else", "endcase"]);
                        whens.push((values, body));
                        stop = next;
                    } else if name == "else" {
                        let (body, _) = self.block(&["endcase"]);
                        otherwise = Some(body);
                        stop = None;
                    } else {
                        stop = None;
                    }
                }
                Some(Node::Case {
                    subject,
                    whens,
                    otherwise,
                })
            }
            "for" | "tablerow" => {
                let mut cursor = Cursor::new(&text);
                let end = if name == "for" {
                    "endfor"
                } else {
                    "endtablerow"
                };
                let header = (|| {
                    let Some(Lex::Ident(variable)) = cursor.next() else {
                        return None;
                    };
                    if !cursor.eat_ident("in") {
                        return None;
                    }
                    let collection = cursor.operand()?;
                    let (mut limit, mut offset, mut reversed) = (None, None, false);
                    while let Some(token) = cursor.next() {
                        match token {
                            Lex::Ident(word) if word == "reversed" => reversed = true,
                            Lex::Ident(word) if word == "limit" => {
                                cursor.eat(':');
                                limit = cursor.operand();
                            }
                            Lex::Ident(word) if word == "offset" => {
                                cursor.eat(':');
                                offset = cursor.operand();
                            }
                            _ => {}
                        }
                    }
                    Some((variable, collection, limit, offset, reversed))
                })();
                let (body, stop) = self.block(&["else", end]);
                let otherwise = match stop {
                    Some(Stop { name, .. }) if name == "else" => Some(self.block(&[end]).0),
                    _ => None,
                };
                match header {
                    Some((variable, collection, limit, offset, reversed)) => Some(Node::For {
                        variable,
                        collection,
                        limit,
                        offset,
                        reversed,
                        body,
                        otherwise,
                    }),
                    None => Some(Node::Opaque(span.clone())),
                }
            }
            "assign" => {
                let (variable, value) = text.split_once('=')?;
                Some(Node::Assign {
                    variable: variable.trim().to_string(),
                    expr: parse_expr(value),
                })
            }
            "capture" => {
                let variable = text.trim_matches(['"', '\'']).to_string();
                let (body, _) = self.block(&["endcapture"]);
                Some(Node::Capture { variable, body })
            }
            "include" | "include_relative" => {
                Some(parse_include(span, &text, name == "include_relative"))
            }
            "link" | "post_url" => Some(Node::Link {
                span: span.clone(),
                path: text,
                post: name == "post_url",
            }),
            "highlight" => {
                // Code: its text is shown, never markup; nothing in it is a link.
                let _ = self.block(&["endhighlight"]);
                None
            }
            "break" => Some(Node::Break),
            "continue" => Some(Node::Continue),
            // Tags that render nothing we check, or whose end tag may be stray.
            "endif" | "endunless" | "endfor" | "endcase" | "endcapture" | "else" | "elsif"
            | "when" | "cycle" | "increment" | "decrement" | "echo" | "liquid" | "render"
            | "endhighlight" | "endtablerow" => None,
            // `{% seo %}`, `{% feed_meta %}` and plugin tags: their output is unknown.
            _ => Some(Node::Opaque(span.clone())),
        }
    }
}

fn parse_include(span: &Range<usize>, text: &str, relative: bool) -> Node {
    let (name, rest) = if text.starts_with("{{") {
        match text.find("}}") {
            Some(end) => (&text[..end + 2], &text[end + 2..]),
            None => (text, ""),
        }
    } else {
        text.split_once(char::is_whitespace).unwrap_or((text, ""))
    };
    let name = if name.contains("{{") {
        IncludeName::Dynamic(name.to_string())
    } else {
        IncludeName::Static(name.to_string())
    };
    // `key=value` pairs: quoted strings or variable paths (Jekyll's include syntax).
    let mut params = Vec::new();
    let mut cursor = Cursor::new(rest);
    while let Some(Lex::Ident(key)) = cursor.next() {
        if !cursor.eat('=') {
            break;
        }
        let Some(value) = cursor.operand() else {
            break;
        };
        params.push((key, value));
    }
    Node::Include {
        span: span.clone(),
        name,
        relative,
        params,
    }
}

/// Parse a template. Never fails: what is not understood renders as undecidable.
pub(crate) fn parse(source: &str) -> Template {
    let mut parser = Parser {
        source,
        tokens: tokenize(source),
        at: 0,
    };
    let mut nodes = Vec::new();
    loop {
        let (mut block, stop) = parser.block(&[]);
        nodes.append(&mut block);
        if stop.is_none() {
            break;
        }
    }
    Template { nodes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_with_filters_and_paths() {
        let expr = parse_expr(" item[\"icon-alt\"] | append: '/' | default: x, allow_false: true ")
            .unwrap();
        assert_eq!(
            expr.operand,
            Operand::Path(vec![
                PathPart::Key("item".into()),
                PathPart::Index(Operand::Literal("icon-alt".into()))
            ])
        );
        assert_eq!(expr.filters.len(), 2);
        assert_eq!(expr.filters[1].1.len(), 2);
        assert!(parse_expr("a b").is_none());
        let expr = parse_expr("page.url | split: '/' | size | minus: 1").unwrap();
        assert_eq!(expr.filters.len(), 3);
        assert_eq!(expr.filters[2].1, vec![Operand::Literal(1.into())]);
    }

    #[test]
    fn blocks_nest_and_keep_spans() {
        let source = "a{% if x == 1 %}b{% elsif y %}c{% else %}d{% endif %}{% for i in list limit: 2 %}{{ i }}{% endfor %}";
        let template = parse(source);
        assert_eq!(template.nodes.len(), 3);
        let Node::If {
            branches,
            otherwise,
        } = &template.nodes[1]
        else {
            panic!("if expected: {:?}", template.nodes);
        };
        assert_eq!(branches.len(), 2);
        assert!(otherwise.is_some());
        let Node::For { body, limit, .. } = &template.nodes[2] else {
            panic!()
        };
        assert!(limit.is_some());
        let Node::Output { span, .. } = &body[0] else {
            panic!()
        };
        assert_eq!(&source[span.clone()], "{{ i }}");
    }

    #[test]
    fn raw_comment_include_and_unknown_tags() {
        let source = "{% raw %}{{ x }}{% endraw %}{% comment %}{{ y }}{% endcomment %}{% include nav.html a=\"b\" c=page.x %}{% seo %}";
        let template = parse(source);
        assert_eq!(template.nodes[0], Node::Text(9..16));
        let Node::Include { name, params, .. } = &template.nodes[1] else {
            panic!("{:?}", template.nodes)
        };
        assert_eq!(name, &IncludeName::Static("nav.html".into()));
        assert_eq!(params.len(), 2);
        assert!(matches!(template.nodes[2], Node::Opaque(_)));
    }
}
