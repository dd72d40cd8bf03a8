//! `--format markdown`: a report for `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown): the
//! counts, a table of findings per rule, then the findings themselves.

use std::collections::BTreeMap;
use std::io::Write;

use crate::check::Outcome;
use crate::diagnostic::Severity;

use super::{findings, plural, shown};

/// GitHub caps a step summary at 1 MiB; beyond this many findings the list is cut (the table
/// still counts them all).
const MAX_LISTED: usize = 1000;

/// Make text safe in a list item: no line breaks, and no raw HTML outside code spans (messages
/// quote offending markup in backticks, where `<` must stay as it is).
pub(crate) fn inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                escaped.push(c);
            }
            '\r' | '\n' => escaped.push(' '),
            '<' if !in_code => escaped.push_str("&lt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A path in a code span; backticks in a file name would end the span early.
pub(crate) fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {} ``", text.replace(['\r', '\n'], " "))
    } else {
        format!("`{text}`")
    }
}

pub(crate) fn icon(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "❌",
        Severity::Warning => "⚠️",
        Severity::Info => "ℹ️",
    }
}

pub(crate) fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let summary = &outcome.summary;
    writeln!(out, "## sitelint\n")?;
    let status = if summary.errors > 0 {
        "❌"
    } else if summary.warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    let external = if summary.external.urls > 0 {
        format!(", {}", super::external_counts(summary))
    } else {
        String::new()
    };
    writeln!(
        out,
        "{status} {}; {} and {} checked{external}.\n",
        findings(outcome),
        plural(summary.files, "file"),
        plural(summary.links_checked, "internal link")
    )?;
    if outcome.diagnostics.is_empty() {
        return Ok(());
    }
    let mut per_rule: BTreeMap<(&str, &str), (usize, usize, usize)> = BTreeMap::new();
    for diagnostic in &outcome.diagnostics {
        let entry = per_rule
            .entry((diagnostic.rule.code, diagnostic.rule.name))
            .or_default();
        match diagnostic.severity {
            Severity::Error => entry.0 += 1,
            Severity::Warning => entry.1 += 1,
            Severity::Info => entry.2 += 1,
        }
    }
    writeln!(out, "| rule | errors | warnings | notes |")?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for ((code, name), (errors, warnings, infos)) in &per_rule {
        let url =
            crate::registry::find(code).map_or(String::new(), crate::registry::RuleMeta::doc_url);
        writeln!(
            out,
            "| [{code}]({url}) {name} | {errors} | {warnings} | {infos} |"
        )?;
    }
    writeln!(out, "\n### Findings\n")?;
    for diagnostic in outcome.diagnostics.iter().take(MAX_LISTED) {
        let path = shown(&diagnostic.file);
        let place = match diagnostic.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path,
        };
        let mut line = format!(
            "- {} {} **{}** {}",
            icon(diagnostic.severity),
            code(&place),
            diagnostic.rule.code,
            inline(&diagnostic.message)
        );
        if let Some(help) = &diagnostic.help {
            line.push_str(" — ");
            line.push_str(&inline(help));
        }
        writeln!(out, "{line}")?;
    }
    if outcome.diagnostics.len() > MAX_LISTED {
        writeln!(
            out,
            "\n…and {} more (see the job log).",
            outcome.diagnostics.len() - MAX_LISTED
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{code, inline};

    #[test]
    fn markup_outside_code_spans_is_escaped_and_inside_is_kept() {
        assert_eq!(inline("`<a>` has <b>\nno name"), "`<a>` has &lt;b> no name");
    }

    #[test]
    fn a_path_with_a_backtick_gets_a_longer_code_span() {
        assert_eq!(code("a`b.md:1:2"), "`` a`b.md:1:2 ``");
        assert_eq!(code("a.md"), "`a.md`");
    }
}
