//! `sitelint report`: the accessibility report, as a self-contained HTML page ([`html`]) or a
//! Markdown summary ([`markdown`]).
//!
//! Which findings count: those of rules whose doc has a `## WCAG` section (see
//! [`crate::rule_doc`]), so every accessibility rule is picked up without a list to keep in step.
//! Every number is a count of diagnostics exactly as `sitelint check --format json` lists them,
//! restricted to those rules: a problem written in a layout or include is one diagnostic (at the
//! template line, labelled `(on N pages)`), so it counts once, under its template file.

pub(crate) mod html;
pub(crate) mod markdown;

use std::collections::BTreeMap;
use std::io::Write;

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, FileName, Severity};
use crate::registry::RuleMeta;
use crate::rule_doc::{Principle, Wcag};

/// Formats of `sitelint report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (inline CSS, no network requests, readable without
    /// JavaScript).
    Html,
    /// The summary as GitHub-flavoured Markdown (a job summary or a pull-request comment).
    Markdown,
}

impl ReportFormat {
    /// The file written when `--output` is not given.
    pub fn default_file(self) -> &'static str {
        match self {
            ReportFormat::Html => "sitelint-report.html",
            ReportFormat::Markdown => "sitelint-report.md",
        }
    }
}

/// What the report is about, besides the check's outcome.
#[derive(Debug, Clone)]
pub struct ReportContext {
    /// The paths checked, as the user typed them (the report's subtitle).
    pub site: String,
    /// The accessibility rules that ran (after `--select`/`--ignore` and configuration).
    pub rules: Vec<&'static RuleMeta>,
}

/// Findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) infos: usize,
}

impl Counts {
    fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub(crate) fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// One accessibility finding.
pub(crate) struct Finding<'a> {
    pub(crate) diagnostic: &'a Diagnostic,
    /// Its rule's success criteria.
    pub(crate) criteria: Vec<Wcag>,
    /// For a finding in a layout or include: how many pages it is on.
    pub(crate) pages: Option<usize>,
}

/// A success criterion that a rule which ran checks.
pub(crate) struct Criterion {
    pub(crate) wcag: Wcag,
    pub(crate) counts: Counts,
    /// The rules that check it (those that ran, and any with findings), with their findings.
    pub(crate) rules: Vec<(&'static RuleMeta, Counts)>,
}

/// A principle and its criteria.
pub(crate) struct PrincipleRow {
    pub(crate) principle: Principle,
    /// Findings under this principle, each once (a finding whose rule maps to two of its
    /// criteria is one finding here).
    pub(crate) counts: Counts,
    pub(crate) criteria: Vec<Criterion>,
}

/// A file with findings.
pub(crate) struct FileRow<'a> {
    pub(crate) file: &'a FileName,
    pub(crate) counts: Counts,
    /// The most pages one of its findings is on, when it is a layout or include.
    pub(crate) pages: Option<usize>,
    /// Its findings, in order.
    pub(crate) findings: Vec<usize>,
}

/// Everything the report shows, computed once for both formats.
pub(crate) struct Model<'a> {
    pub(crate) site: &'a str,
    pub(crate) files_checked: usize,
    pub(crate) rules: &'a [&'static RuleMeta],
    pub(crate) findings: Vec<Finding<'a>>,
    pub(crate) totals: Counts,
    pub(crate) principles: Vec<PrincipleRow>,
    pub(crate) files: Vec<FileRow<'a>>,
}

impl Model<'_> {
    /// Criteria with at least one finding.
    pub(crate) fn criteria_with_findings(&self) -> usize {
        self.principles
            .iter()
            .flat_map(|p| &p.criteria)
            .filter(|c| c.counts.total() > 0)
            .count()
    }

    /// Where to start, when findings sit in layouts or includes: how many, and on up to how
    /// many pages (fixing one there fixes every page that uses the file).
    pub(crate) fn start_here(&self) -> Option<String> {
        let templates = self.findings.iter().filter(|f| f.pages.is_some()).count();
        let most = self.findings.iter().filter_map(|f| f.pages).max()?;
        let files = self.files.iter().filter(|row| row.pages.is_some()).count();
        Some(if templates == 1 {
            format!(
                "1 finding is in a layout or include, so it is on every page that uses the file ({}). Fixed there once, it is gone from all of them.",
                super::plural(most, "page")
            )
        } else {
            format!(
                "{templates} findings are in layouts and includes ({}), each on every page that uses its file (up to {most} pages). Fixed there once, each is gone from all of them.",
                super::plural(files, "file"),
            )
        })
    }

    /// Criteria checked (those of the rules that ran).
    pub(crate) fn criteria_checked(&self) -> usize {
        self.principles.iter().map(|p| p.criteria.len()).sum()
    }
}

/// How many pages a template finding is on, from its label: per-page findings written in a
/// layout or include end their label with `(on N pages)` (JSON schema, `label`).
pub(crate) fn pages_affected(label: Option<&str>) -> Option<usize> {
    let label = label?;
    let inner = match label.strip_suffix(')') {
        Some(rest) => &rest[rest.rfind('(')? + 1..],
        None => label,
    };
    let count = inner.strip_prefix("on ")?;
    let count = count
        .strip_suffix(" pages")
        .or_else(|| count.strip_suffix(" page"))?;
    count.parse().ok()
}

/// Build the model: keep the findings of accessibility rules, count them.
pub(crate) fn model<'a>(outcome: &'a Outcome, context: &'a ReportContext) -> Model<'a> {
    let findings: Vec<Finding<'a>> = outcome
        .diagnostics
        .iter()
        .filter_map(|diagnostic| {
            let criteria = diagnostic.rule.wcag();
            (!criteria.is_empty()).then(|| Finding {
                diagnostic,
                criteria,
                pages: pages_affected(diagnostic.label.as_deref()),
            })
        })
        .collect();
    let mut totals = Counts::default();
    // Criteria checked: those of the rules that ran, and of any rule with findings.
    let mut criteria: BTreeMap<Vec<u32>, Criterion> = BTreeMap::new();
    let mut rules: Vec<&'static RuleMeta> = context.rules.clone();
    for finding in &findings {
        if !rules.contains(&finding.diagnostic.rule) {
            rules.push(finding.diagnostic.rule);
        }
    }
    for rule in &rules {
        for wcag in rule.wcag() {
            let entry = criteria.entry(wcag.sort_key()).or_insert(Criterion {
                wcag,
                counts: Counts::default(),
                rules: Vec::new(),
            });
            if !entry.rules.iter().any(|(known, _)| known == rule) {
                entry.rules.push((rule, Counts::default()));
            }
        }
    }
    let mut principle_counts: BTreeMap<Principle, Counts> = BTreeMap::new();
    let mut files: Vec<FileRow<'a>> = Vec::new();
    for (index, finding) in findings.iter().enumerate() {
        let severity = finding.diagnostic.severity;
        totals.add(severity);
        let mut principles: Vec<Principle> = Vec::new();
        for wcag in &finding.criteria {
            if let Some(criterion) = criteria.get_mut(&wcag.sort_key()) {
                criterion.counts.add(severity);
                let rule = finding.diagnostic.rule;
                if let Some((_, counts)) = criterion.rules.iter_mut().find(|(r, _)| *r == rule) {
                    counts.add(severity);
                }
            }
            if !principles.contains(&wcag.principle) {
                principles.push(wcag.principle);
                principle_counts
                    .entry(wcag.principle)
                    .or_default()
                    .add(severity);
            }
        }
        let file = &*finding.diagnostic.file;
        // Diagnostics are sorted by path, so a file's findings are adjacent.
        if files.last().is_none_or(|row| row.file != file) {
            files.push(FileRow {
                file,
                counts: Counts::default(),
                pages: None,
                findings: Vec::new(),
            });
        }
        if let Some(row) = files.last_mut() {
            row.counts.add(severity);
            row.pages = row.pages.max(finding.pages);
            row.findings.push(index);
        }
    }
    let principles = Principle::ALL
        .into_iter()
        .map(|principle| PrincipleRow {
            principle,
            counts: principle_counts
                .get(&principle)
                .copied()
                .unwrap_or_default(),
            criteria: Vec::new(),
        })
        .collect::<Vec<_>>();
    let mut principles = principles;
    for criterion in criteria.into_values() {
        let slot = principles
            .iter_mut()
            .find(|row| row.principle == criterion.wcag.principle);
        if let Some(row) = slot {
            row.criteria.push(criterion);
        }
    }
    Model {
        site: &context.site,
        files_checked: outcome.summary.files,
        rules: &context.rules,
        findings,
        totals,
        principles,
        files,
    }
}

/// Write the report in `format`.
pub fn render(
    outcome: &Outcome,
    context: &ReportContext,
    format: ReportFormat,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let model = model(outcome, context);
    match format {
        ReportFormat::Html => out.write_all(html::render(&model).as_bytes()),
        ReportFormat::Markdown => out.write_all(markdown::render(&model).as_bytes()),
    }
}

/// The one-line summary for stderr: `12 accessibility findings (3 errors, 9 warnings) in 5
/// files`.
pub fn summary_line(outcome: &Outcome, context: &ReportContext) -> String {
    let model = model(outcome, context);
    let totals = model.totals;
    let mut parts = vec![
        super::plural(totals.errors, "error"),
        super::plural(totals.warnings, "warning"),
    ];
    if totals.infos > 0 {
        parts.push(super::plural(totals.infos, "note"));
    }
    format!(
        "{} ({}) in {} of {} checked",
        super::plural(totals.total(), "accessibility finding"),
        parts.join(", "),
        super::plural(model.files.len(), "file"),
        model.files_checked
    )
}

#[cfg(test)]
mod tests {
    use super::pages_affected;

    #[test]
    fn pages_affected_reads_the_template_label_suffix() {
        assert_eq!(pages_affected(Some("no name (on 7 pages)")), Some(7));
        assert_eq!(pages_affected(Some("x (y) (on 1 page)")), Some(1));
        assert_eq!(pages_affected(Some("on 3 pages")), Some(3));
        assert_eq!(pages_affected(Some("level 2 skipped")), None);
        assert_eq!(pages_affected(Some("(on many pages)")), None);
        assert_eq!(pages_affected(Some(")")), None);
        assert_eq!(pages_affected(None), None);
    }
}
