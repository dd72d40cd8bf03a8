//! `sitelint report --format markdown`: the report's summary as GitHub-flavoured Markdown, for a
//! job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment: the counts, the success
//! criteria with findings, the files, then the findings (one line each).

use std::fmt::Write as _;

use crate::report::markdown::{code, icon, inline};
use crate::report::plural;

use super::Model;

/// Findings listed one per line before the list is cut (GitHub caps a comment at 65,536
/// characters); the tables above still count them all.
const MAX_LISTED: usize = 300;

fn counts_line(model: &Model<'_>) -> String {
    let totals = model.totals;
    let status = if totals.errors > 0 {
        "❌"
    } else if totals.warnings > 0 {
        "⚠️"
    } else {
        "✅"
    };
    let mut parts = vec![
        plural(totals.errors, "error"),
        plural(totals.warnings, "warning"),
    ];
    if totals.infos > 0 {
        parts.push(plural(totals.infos, "note"));
    }
    format!(
        "{status} **{}** ({}) in {} of {} checked; {} of {} WCAG success criteria checked have findings.",
        plural(totals.total(), "accessibility finding"),
        parts.join(", "),
        plural(model.files.len(), "file"),
        model.files_checked,
        model.criteria_with_findings(),
        model.criteria_checked(),
    )
}

fn criteria(out: &mut String, model: &Model<'_>) {
    out.push_str("\n### By WCAG success criterion\n\n");
    out.push_str("| success criterion | level | errors | warnings | findings |\n");
    out.push_str("|---|:-:|---:|---:|---:|\n");
    for row in &model.principles {
        let _ = writeln!(
            out,
            "| **{} {}** | | **{}** | **{}** | **{}** |",
            row.principle.number(),
            row.principle.name(),
            row.counts.errors,
            row.counts.warnings,
            row.counts.total()
        );
        for criterion in row.criteria.iter().filter(|c| c.counts.total() > 0) {
            let wcag = &criterion.wcag;
            let _ = writeln!(
                out,
                "| [{} {}]({}) | {} | {} | {} | {} |",
                wcag.sc,
                wcag.name,
                wcag.understanding_url(),
                wcag.level,
                criterion.counts.errors,
                criterion.counts.warnings,
                criterion.counts.total()
            );
        }
    }
    let quiet = model.criteria_checked() - model.criteria_with_findings();
    if quiet > 0 {
        let _ = writeln!(
            out,
            "\n{} checked without findings are not listed.",
            if quiet == 1 {
                "1 other criterion".to_string()
            } else {
                format!("{quiet} other criteria")
            }
        );
    }
}

fn files(out: &mut String, model: &Model<'_>) {
    out.push_str("\n### Files\n\n");
    out.push_str("| file | errors | warnings | findings | pages affected |\n");
    out.push_str("|---|---:|---:|---:|---:|\n");
    for row in &model.files {
        let pages = match row.pages {
            Some(pages) => format!("template, on {pages}"),
            None => "1".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {pages} |",
            code(&row.file.display).replace('|', "\\|"),
            row.counts.errors,
            row.counts.warnings,
            row.counts.total()
        );
    }
}

fn findings(out: &mut String, model: &Model<'_>) {
    out.push_str("\n### Findings\n\n");
    for finding in model.findings.iter().take(MAX_LISTED) {
        let diagnostic = finding.diagnostic;
        let path = diagnostic.file.display.clone();
        let place = match diagnostic.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path,
        };
        let criteria = finding
            .criteria
            .iter()
            .map(|w| w.sc)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(
            out,
            "- {} {} **{}** {} (WCAG {criteria})",
            icon(diagnostic.severity),
            code(&place),
            diagnostic.rule.code,
            inline(&diagnostic.message),
        );
        if let Some(pages) = finding.pages {
            let _ = write!(out, ", on {}", plural(pages, "page"));
        }
        if let Some(help) = &diagnostic.help {
            let _ = write!(out, " — {}", inline(help));
        }
        out.push('\n');
    }
    if model.findings.len() > MAX_LISTED {
        let _ = writeln!(
            out,
            "\n…and {} more (see the HTML report).",
            model.findings.len() - MAX_LISTED
        );
    }
}

/// The Markdown summary.
pub(crate) fn render(model: &Model<'_>) -> String {
    let mut out = String::new();
    out.push_str("## Accessibility report\n\n");
    let _ = writeln!(out, "Site: {}\n", code(model.site));
    out.push_str(&counts_line(model));
    out.push_str("\n\n");
    if let Some(text) = model.start_here() {
        let _ = writeln!(out, "**Start with the templates:** {text}\n");
    }
    out.push_str(
        "Counts are findings of the accessibility rules, as `sitelint check --format json` lists them. A problem written in a layout or include is one finding, at that file, on the pages shown. A finding counts under each criterion its rule checks.\n",
    );
    if model.findings.is_empty() {
        return out;
    }
    criteria(&mut out, model);
    files(&mut out, model);
    findings(&mut out, model);
    out
}
