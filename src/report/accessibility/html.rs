//! The accessibility report as one self-contained HTML page: inline CSS, a content security
//! policy that forbids every request, readable without JavaScript (a small inline script only
//! adds filtering and sorting), light and dark, printable.
//!
//! Every count is a `<data data-key="…" value="N">N</data>` element, so tests (and people's
//! scripts) can read the numbers back.

use std::fmt::{self, Write as _};

use crate::diagnostic::Severity;
use crate::rule_doc;

use super::{Counts, Finding, Model};
use crate::report::Sources;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Longest piece of a source line shown on each side of the highlighted span, in characters.
const CONTEXT_CHARS: usize = 80;
/// Longest highlighted text shown per line, in characters.
const SPAN_CHARS: usize = 160;
/// Most source lines shown for one span (its first lines; the rest are elided).
const SPAN_LINES: usize = 6;

/// Escape text for HTML element content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in HTML text.
            c if c.is_control() && c != '\t' && c != '\n' => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Escaped text with Markdown code spans (`` `x` ``) as `<code>`: rule docs, messages and help
/// lines quote markup that way. An unpaired last backtick stays a backtick.
pub(crate) fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let paired = (parts.len() - 1) / 2 * 2;
    let mut html = String::with_capacity(text.len() + 16);
    for (index, part) in parts.iter().enumerate() {
        if index > paired {
            html.push('`');
        } else if index > 0 {
            html.push_str(if index % 2 == 1 { "<code>" } else { "</code>" });
        }
        html.push_str(&escape(part));
    }
    html
}

/// The nearest char boundary at or before `index`.
fn floor(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The byte index `chars` characters before `index` (or the start).
fn back(text: &str, index: usize, chars: usize) -> usize {
    text[..index]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte index `chars` characters after `index` (or the end).
fn forward(text: &str, index: usize, chars: usize) -> usize {
    text[index..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| index + i)
}

/// One source line of a snippet, as HTML: bytes `[start, end)` of it in `<mark>`, long lines
/// and long spans cut (`…`) around the span.
fn snippet_line(line: &str, start: usize, end: usize) -> String {
    const CUT: &str = "<span class=\"cut\">…</span>";
    let start = floor(line, start);
    let end = floor(line, end).max(start);
    let from = back(line, start, CONTEXT_CHARS);
    let to = forward(line, end, CONTEXT_CHARS);
    let mut html = String::new();
    if from > 0 {
        html.push_str(CUT);
    }
    html.push_str(&escape(&line[from..start]));
    let head = forward(line, start, SPAN_CHARS / 2);
    if head < end && back(line, end, SPAN_CHARS / 2) > head {
        let tail = back(line, end, SPAN_CHARS / 2);
        let _ = write!(
            html,
            "<mark>{}</mark>{CUT}<mark>{}</mark>",
            escape(&line[start..head]),
            escape(&line[tail..end])
        );
    } else if end > start {
        let _ = write!(html, "<mark>{}</mark>", escape(&line[start..end]));
    }
    html.push_str(&escape(&line[end..to]));
    if to < line.len() {
        html.push_str(CUT);
    }
    html
}

/// The lines of `text` holding bytes `[start, end)`, one line of context either side, as
/// `<pre>` content with line numbers. `None` when the span does not fit the text (the file
/// changed since the check).
pub(crate) fn snippet(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end || end > text.len() {
        return None;
    }
    let mut line_starts = vec![0];
    line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;
    let first = line_of(start);
    let last = line_of(end.saturating_sub(1).max(start));
    let shown_last = last.min(first + SPAN_LINES - 1);
    let context_first = first.saturating_sub(1);
    // A final newline ends the last line; it does not start another.
    let lines = if text.ends_with('\n') {
        line_starts.len() - 1
    } else {
        line_starts.len()
    };
    let context_last = (shown_last + 1)
        .min(lines.saturating_sub(1))
        .max(shown_last);
    let width = (context_last + 1).to_string().len();
    let mut html = String::new();
    for number in context_first..=context_last {
        let line_start = line_starts[number];
        let line_end = line_starts
            .get(number + 1)
            .map_or(text.len(), |&next| next - 1);
        if line_start > line_end {
            continue;
        }
        let line = &text[line_start..line_end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let in_span = (first..=shown_last).contains(&number);
        let body = if in_span {
            let from = start.saturating_sub(line_start).min(line.len());
            let to = end.saturating_sub(line_start).min(line.len());
            snippet_line(line, from, to)
        } else {
            snippet_line(line, 0, 0)
        };
        let class = if in_span { "line hit" } else { "line" };
        let _ = write!(
            html,
            "<span class=\"{class}\"><span class=\"ln\" aria-hidden=\"true\">{:>width$}</span>{body}\n</span>",
            number + 1
        );
        if number == shown_last && shown_last < last {
            let _ = write!(
                html,
                "<span class=\"line\"><span class=\"ln\" aria-hidden=\"true\">{:>width$}</span><span class=\"cut\">… {} more lines of the span</span>\n</span>",
                "⋮",
                last - shown_last
            );
        }
    }
    Some(html)
}

/// `<data data-key="…" value="N">N</data>`: a count tests read back.
fn count(key: &str, value: usize) -> String {
    format!(
        "<data data-key=\"{}\" value=\"{value}\">{value}</data>",
        escape(key)
    )
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// An id for a file's section: `file-` and its path with anything but letters and digits as
/// `-`, plus its index (two paths may differ only in punctuation).
fn file_id(index: usize, path: &str) -> String {
    let slug: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("file-{index}-{slug}")
}

fn head(html: &mut String, model: &Model<'_>) -> fmt::Result {
    writeln!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        html,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // Nothing may be fetched: no fonts, images, styles or scripts from anywhere.
    writeln!(
        html,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(html, "<meta name=\"color-scheme\" content=\"light dark\">")?;
    writeln!(
        html,
        "<meta name=\"generator\" content=\"sitelint {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        html,
        "<title>Accessibility report: {}</title>",
        escape(model.site)
    )?;
    writeln!(html, "<style>\n{STYLE}</style>\n</head>")
}

fn card(html: &mut String, class: &str, key: &str, value: usize, label: &str) -> fmt::Result {
    writeln!(
        html,
        "<div class=\"card {class}\"><span class=\"num\">{}</span><span class=\"what\">{label}</span></div>",
        count(key, value)
    )
}

/// Where to start: findings in layouts and includes fix every page they are on.
fn start_here(html: &mut String, model: &Model<'_>) -> fmt::Result {
    match model.start_here() {
        Some(text) => writeln!(
            html,
            "<p class=\"start\"><strong>Start with the templates:</strong> {text}</p>"
        ),
        None => Ok(()),
    }
}

fn summary(html: &mut String, model: &Model<'_>) -> fmt::Result {
    let totals = model.totals;
    writeln!(
        html,
        "<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<div class=\"cards\">"
    )?;
    card(
        html,
        if totals.errors > 0 { "error" } else { "ok" },
        "errors",
        totals.errors,
        "errors",
    )?;
    card(
        html,
        if totals.warnings > 0 { "warning" } else { "ok" },
        "warnings",
        totals.warnings,
        "warnings",
    )?;
    if totals.infos > 0 {
        card(html, "info", "infos", totals.infos, "notes")?;
    }
    card(html, "plain", "total", totals.total(), "findings in all")?;
    card(
        html,
        "plain",
        "files",
        model.files.len(),
        &format!("files with findings, of {} checked", model.files_checked),
    )?;
    card(
        html,
        "plain",
        "criteria",
        model.criteria_with_findings(),
        &format!(
            "WCAG criteria with findings, of {} checked",
            model.criteria_checked()
        ),
    )?;
    writeln!(html, "</div>")?;
    start_here(html, model)?;
    writeln!(
        html,
        "<p class=\"note\">Counts are findings, as <code>sitelint check --format json</code> lists them, of the {} that ran. A problem written in a layout or include is one finding, counted once, at that file, and marked with the number of pages it appears on: fixing it there fixes every page. A finding counts under each success criterion its rule checks, so the criteria can add up to more than the total. sitelint checks what can be decided from the markup alone; no findings does not mean a site conforms to WCAG.</p>",
        crate::report::plural(model.rules.len(), "accessibility rule")
    )?;
    writeln!(html, "</section>")
}

/// A rule's name as code, its summary as a tooltip.
fn rule_name(rule: &crate::registry::RuleMeta) -> String {
    format!(
        "<code title=\"{}: {}\">{}</code>",
        escape(rule.code),
        escape(rule.summary()),
        escape(rule.name)
    )
}

fn criterion_link(wcag: &rule_doc::Wcag) -> String {
    format!(
        "<a href=\"{}\">{} {}</a>",
        escape(&wcag.understanding_url()),
        escape(wcag.sc),
        escape(wcag.name)
    )
}

/// The table of principles and the criteria with findings; the criteria checked without
/// findings follow in a `<details>` list, so the table shows what needs work.
fn criteria_table(html: &mut String, model: &Model<'_>) -> fmt::Result {
    writeln!(
        html,
        "<section aria-labelledby=\"criteria\">\n<h2 id=\"criteria\">By WCAG principle and success criterion</h2>"
    )?;
    writeln!(
        html,
        "<div class=\"scroll\"><table class=\"criteria\">\n<thead><tr><th scope=\"col\">Success criterion</th><th scope=\"col\">Level</th><th scope=\"col\" class=\"n\">Errors</th><th scope=\"col\" class=\"n\">Warnings</th><th scope=\"col\" class=\"n\">Findings</th><th scope=\"col\">Rules with findings</th></tr></thead>"
    )?;
    for row in &model.principles {
        let number = row.principle.number();
        let quiet = if row.counts.total() == 0 {
            " quiet"
        } else {
            ""
        };
        let checked = row.criteria.len();
        let note = match (row.counts.total(), checked) {
            (_, 0) => "no rule checks this principle yet".to_string(),
            (0, _) => format!(
                "no findings in the {} checked",
                if checked == 1 {
                    "1 criterion".to_string()
                } else {
                    format!("{checked} criteria")
                }
            ),
            _ => String::new(),
        };
        writeln!(
            html,
            "<tbody><tr class=\"principle{quiet}\"><th scope=\"rowgroup\" colspan=\"2\">{number} {}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"muted\">{note}</td></tr>",
            row.principle.name(),
            count(&format!("principle:{number}:errors"), row.counts.errors),
            count(&format!("principle:{number}:warnings"), row.counts.warnings),
            count(&format!("principle:{number}"), row.counts.total()),
        )?;
        for criterion in row.criteria.iter().filter(|c| c.counts.total() > 0) {
            let wcag = &criterion.wcag;
            let rules = criterion
                .rules
                .iter()
                .filter(|(_, counts)| counts.total() > 0)
                .map(|(rule, counts)| {
                    format!(
                        "<span class=\"rule-count\">{}&nbsp;×{}</span>",
                        rule_name(rule),
                        counts.total()
                    )
                })
                .collect::<Vec<_>>()
                .join(" ");
            writeln!(
                html,
                "<tr><th scope=\"row\">{}</th><td><span class=\"level\">{}</span></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"rules\">{rules}</td></tr>",
                criterion_link(wcag),
                wcag.level,
                count(&format!("sc:{}:errors", wcag.sc), criterion.counts.errors),
                count(&format!("sc:{}:warnings", wcag.sc), criterion.counts.warnings),
                count(&format!("sc:{}", wcag.sc), criterion.counts.total()),
            )?;
        }
        writeln!(html, "</tbody>")?;
    }
    writeln!(html, "</table></div>")?;
    let quiet: Vec<_> = model
        .principles
        .iter()
        .flat_map(|p| &p.criteria)
        .filter(|c| c.counts.total() == 0)
        .collect();
    if !quiet.is_empty() {
        writeln!(
            html,
            "<details class=\"quiet-criteria\"><summary>{} checked without findings</summary><ul>",
            if quiet.len() == 1 {
                "1 criterion".to_string()
            } else {
                format!("{} criteria", quiet.len())
            }
        )?;
        for criterion in quiet {
            let rules = criterion
                .rules
                .iter()
                .map(|(rule, _)| rule_name(rule))
                .collect::<Vec<_>>()
                .join(" ");
            writeln!(
                html,
                "<li>{} <span class=\"level\">{}</span> <span class=\"rules\">{rules}</span></li>",
                criterion_link(&criterion.wcag),
                criterion.wcag.level
            )?;
        }
        writeln!(html, "</ul></details>")?;
    }
    writeln!(html, "</section>")
}

fn files_table(html: &mut String, model: &Model<'_>) -> fmt::Result {
    writeln!(
        html,
        "<section aria-labelledby=\"files\">\n<h2 id=\"files\">Files with findings</h2>"
    )?;
    if model.files.is_empty() {
        return writeln!(
            html,
            "<p class=\"empty\">No accessibility findings in the {} checked.</p>\n</section>",
            crate::report::plural(model.files_checked, "file")
        );
    }
    writeln!(
        html,
        "<p class=\"note\">A layout or include is listed under its own path; “on N pages” is the most pages any one of its findings appears on.</p>"
    )?;
    writeln!(
        html,
        "<div class=\"scroll\"><table class=\"files sortable\">\n<thead><tr><th scope=\"col\" data-sort=\"text\">File</th><th scope=\"col\" class=\"n\" data-sort=\"number\">Errors</th><th scope=\"col\" class=\"n\" data-sort=\"number\">Warnings</th><th scope=\"col\" class=\"n\" data-sort=\"number\">Findings</th><th scope=\"col\" class=\"n\" data-sort=\"number\">Pages affected</th></tr></thead>\n<tbody>"
    )?;
    for (index, row) in model.files.iter().enumerate() {
        let path = &row.file.display;
        let pages = match row.pages {
            Some(pages) => format!(
                "<span class=\"tag\">template</span> on {}",
                count(&format!("file:{path}:pages"), pages)
            ),
            None => "1".to_string(),
        };
        writeln!(
            html,
            "<tr><th scope=\"row\"><a href=\"#{}\"><code>{}</code></a></th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\" data-value=\"{}\">{pages}</td></tr>",
            file_id(index, path),
            escape(&row.file.display),
            count(&format!("file:{path}:errors"), row.counts.errors),
            count(&format!("file:{path}:warnings"), row.counts.warnings),
            count(&format!("file:{path}"), row.counts.total()),
            row.pages.unwrap_or(1)
        )?;
    }
    writeln!(html, "</tbody></table></div>\n</section>")
}

/// The pages a template finding is on, or other related places.
fn related(html: &mut String, finding: &Finding<'_>) -> fmt::Result {
    let diagnostic = finding.diagnostic;
    if diagnostic.related.is_empty() {
        return Ok(());
    }
    {
        let intro = match finding.pages {
            Some(pages) if pages > diagnostic.related.len() => {
                format!("Written in a layout or include; on {pages} pages, among them:")
            }
            Some(_) => "Written in a layout or include; on these pages:".to_string(),
            None => "See also:".to_string(),
        };
        writeln!(html, "<div class=\"related\"><p>{intro}</p><ul>")?;
        for related in &diagnostic.related {
            let path = related.file.display.clone();
            let place = match related.location {
                Some(l) => format!("{path}:{}:{}", l.line, l.column),
                None => path,
            };
            writeln!(
                html,
                "<li><code>{}</code>: {}</li>",
                escape(&place),
                inline(&related.message)
            )?;
        }
        writeln!(html, "</ul></div>")?;
    }
    Ok(())
}

/// Why the rule matters, the rule, and its limits.
fn explanation(
    html: &mut String,
    rule: &crate::registry::RuleMeta,
    first_of_rule: bool,
) -> fmt::Result {
    // The rule's explanation is the same for each of its findings: open at the first, a click
    // away at the others.
    writeln!(
        html,
        "<details class=\"why\"{}><summary>Why it matters · rule <code>{}</code> {}</summary><dl>",
        if first_of_rule { " open" } else { "" },
        escape(rule.code),
        escape(rule.name)
    )?;
    if let Some(why) = rule_doc::why_it_matters(rule.doc) {
        writeln!(html, "<dt>Why it matters</dt><dd>{}</dd>", inline(&why))?;
    }
    writeln!(
        html,
        "<dt>The rule</dt><dd><a href=\"{}\"><code>{}</code> {}</a>: {}</dd>",
        escape(&rule.doc_url()),
        escape(rule.code),
        escape(rule.name),
        inline(rule.summary())
    )?;
    if let Some(note) = rule_doc::approximation(rule.doc) {
        writeln!(html, "<dt>Limits</dt><dd>{}</dd>", inline(&note))?;
    }
    writeln!(html, "</dl></details>")
}

fn finding(
    html: &mut String,
    index: usize,
    finding: &Finding<'_>,
    first_of_rule: bool,
    sources: &mut Sources,
) -> fmt::Result {
    let diagnostic = finding.diagnostic;
    let rule = diagnostic.rule;
    let severity = diagnostic.severity;
    let path = diagnostic.file.display.clone();
    let place = match diagnostic.location {
        Some(l) => format!("{path}:{}:{}", l.line, l.column),
        None => path,
    };
    writeln!(
        html,
        "<article class=\"finding {}\" id=\"finding-{}\" data-severity=\"{}\">",
        severity_class(severity),
        index + 1,
        severity_class(severity)
    )?;
    writeln!(
        html,
        "<header><span class=\"sev\">{}</span> <h4>{}</h4></header>",
        severity_word(severity),
        inline(&sentence(&diagnostic.message))
    )?;
    let criteria = finding
        .criteria
        .iter()
        .map(|w| {
            format!(
                "<a href=\"{}\">{} {}</a> <span class=\"level\">{}</span>",
                escape(&w.understanding_url()),
                escape(w.sc),
                escape(w.name),
                w.level
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        html,
        "<p class=\"where\"><code class=\"loc\">{}</code> <span class=\"rule\"><code>{}</code> {}</span> <span class=\"wcag\">WCAG {criteria}</span></p>",
        escape(&place),
        escape(rule.code),
        escape(rule.name),
    )?;
    let text = diagnostic
        .location
        .and_then(|_| sources.get(&diagnostic.file.disk));
    let lines = diagnostic.location.zip(text).and_then(|(location, text)| {
        snippet(&text, location.start as usize, location.end as usize)
    });
    match lines {
        Some(lines) => writeln!(
            html,
            "<pre class=\"snippet\" aria-label=\"source at {}\"><code>{lines}</code></pre>",
            escape(&place)
        )?,
        None if diagnostic.location.is_some() => writeln!(
            html,
            "<p class=\"muted\">(the source is no longer readable at this place)</p>"
        )?,
        None => {}
    }
    if let Some(label) = diagnostic.label.as_deref().filter(|l| !l.is_empty()) {
        writeln!(html, "<p class=\"label\">{}</p>", inline(label))?;
    }
    related(html, finding)?;
    let help = diagnostic.help.as_deref().map_or_else(
        || "See the rule below.".to_string(),
        |h| format!("{}.", inline(&sentence(h))),
    );
    writeln!(html, "<dl><dt>How to fix it</dt><dd>{help}</dd></dl>")?;
    explanation(html, rule, first_of_rule)?;
    writeln!(html, "</article>")
}

/// A help line as a sentence: capitalised (unless it starts with code), without a final period
/// (the caller adds one).
fn sentence(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

fn findings(html: &mut String, model: &Model<'_>) -> fmt::Result {
    writeln!(
        html,
        "<section aria-labelledby=\"findings\">\n<h2 id=\"findings\">Findings by file</h2>"
    )?;
    if model.findings.is_empty() {
        return writeln!(
            html,
            "<p class=\"empty\">Nothing to report.</p>\n</section>"
        );
    }
    writeln!(
        html,
        "<form class=\"filters\" hidden><fieldset><legend>Show</legend><label><input type=\"checkbox\" name=\"severity\" value=\"error\" checked> errors</label> <label><input type=\"checkbox\" name=\"severity\" value=\"warning\" checked> warnings</label> <label><input type=\"checkbox\" name=\"severity\" value=\"info\" checked> notes</label> <label>containing <input type=\"search\" name=\"text\" placeholder=\"rule, criterion, text…\"></label> <output name=\"shown\" aria-live=\"polite\"></output></fieldset></form>"
    )?;
    let mut sources = Sources::default();
    let mut seen = std::collections::HashSet::new();
    for (file_index, row) in model.files.iter().enumerate() {
        let path = &row.file.display;
        let pages = match row.pages {
            Some(pages) => format!(
                " <span class=\"tag\">template, on {pages} {}</span>",
                if pages == 1 { "page" } else { "pages" }
            ),
            None => String::new(),
        };
        writeln!(
            html,
            "<section class=\"file\" id=\"{}\">\n<h3><code>{}</code>{pages} <span class=\"counts\">{}</span></h3>",
            file_id(file_index, path),
            escape(&row.file.display),
            counts_text(row.counts)
        )?;
        for &index in &row.findings {
            let rule = model.findings[index].diagnostic.rule.code;
            let first_of_rule = seen.insert(rule);
            finding(
                html,
                index,
                &model.findings[index],
                first_of_rule,
                &mut sources,
            )?;
        }
        writeln!(html, "</section>")?;
    }
    writeln!(html, "</section>")
}

fn counts_text(counts: Counts) -> String {
    let mut parts = Vec::new();
    for (n, word) in [
        (counts.errors, "error"),
        (counts.warnings, "warning"),
        (counts.infos, "note"),
    ] {
        if n > 0 {
            parts.push(crate::report::plural(n, word));
        }
    }
    parts.join(", ")
}

fn body(html: &mut String, model: &Model<'_>) -> fmt::Result {
    writeln!(html, "<body>\n<header class=\"top\">")?;
    writeln!(html, "<h1>Accessibility report</h1>")?;
    writeln!(
        html,
        "<p class=\"sub\"><code>{}</code> · {} checked · {} · sitelint {}</p>",
        escape(model.site),
        crate::report::plural(model.files_checked, "file"),
        crate::report::plural(model.rules.len(), "accessibility rule"),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        html,
        "<nav aria-label=\"Sections\"><a href=\"#summary\">Summary</a> <a href=\"#criteria\">By criterion</a> <a href=\"#files\">Files</a> <a href=\"#findings\">Findings</a></nav>\n</header>\n<main>"
    )?;
    summary(html, model)?;
    criteria_table(html, model)?;
    files_table(html, model)?;
    findings(html, model)?;
    writeln!(
        html,
        "</main>\n<footer><p>Generated by sitelint {} from the site's sources. Each finding names the file and line to edit.</p></footer>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(html, "<script>\n{SCRIPT}</script>\n</body>\n</html>")
}

/// The whole page.
pub(crate) fn render(model: &Model<'_>) -> String {
    let mut html = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail.
    let _ = head(&mut html, model).and_then(|()| body(&mut html, model));
    html
}

#[cfg(test)]
mod tests {
    use super::{escape, inline, snippet};

    #[test]
    fn escape_neutralises_markup_quotes_and_ampersands() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("a\u{0}b\tc"), "a\u{FFFD}b\tc");
        assert_eq!(escape("é ✓"), "é ✓");
    }

    #[test]
    fn inline_code_spans_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            inline("image `<img src=\"x\">` has no <b>alt</b>"),
            "image <code>&lt;img src=&quot;x&quot;&gt;</code> has no &lt;b&gt;alt&lt;/b&gt;"
        );
        assert_eq!(inline("a `b` c `d"), "a <code>b</code> c `d");
        assert_eq!(inline("no code"), "no code");
        assert_eq!(inline("`x`"), "<code>x</code>");
        assert_eq!(inline("`"), "`");
    }

    #[test]
    fn snippet_marks_the_span_with_context_and_escapes_it() {
        let text = "<p>\n<img src=\"a.png\">\n</p>\n";
        let start = text.find("<img").unwrap();
        let html = snippet(text, start, start + 4).unwrap();
        assert!(html.contains("<mark>&lt;img</mark> src=&quot;a.png&quot;&gt;"));
        assert!(html.contains(">1</span>&lt;p&gt;"));
        assert!(html.contains(">3</span>&lt;/p&gt;"));
        assert_eq!(html.matches("class=\"line hit\"").count(), 1);
        // No line after the final newline.
        assert_eq!(html.matches("class=\"ln\"").count(), 3);
        let html = snippet(text, text.len() - 3, text.len() - 1).unwrap();
        assert_eq!(html.matches("class=\"ln\"").count(), 2);
    }

    #[test]
    fn snippet_rejects_stale_spans_and_cuts_long_lines() {
        assert!(snippet("short", 2, 40).is_none());
        assert!(snippet("short", 4, 2).is_none());
        let long = format!("{}<b>{}", "x".repeat(500), "y".repeat(500));
        let start = long.find("<b>").unwrap();
        let html = snippet(&long, start, start + 3).unwrap();
        assert!(html.contains("<mark>&lt;b&gt;</mark>"));
        assert!(html.len() < 400, "{html}");
        // Multi-byte text and a span ending mid-character do not panic.
        let text = "é<img>ü\n";
        assert!(snippet(text, 1, 4).is_some());
    }
}
