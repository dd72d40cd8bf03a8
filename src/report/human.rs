//! `--format human`: each finding as miette renders it (code, message, underlined snippet,
//! label, help), then one summary line.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Severity};

use super::{plural, shown, RenderOptions, Sources};

/// A file's text for miette, whose snippet header (`╭─[file:line:column]`) then counts the
/// column in characters, as every other place of sitelint does (miette counts bytes).
struct CharColumns {
    named: NamedSource<Arc<String>>,
    text: Arc<String>,
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .named
            .read_span(span, context_lines_before, context_lines_after)?;
        let start = contents.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = self
            .text
            .get(line_start..start)
            .map_or(contents.column(), |prefix| prefix.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// A finding paired with its file's text, in the shape miette renders.
struct Rendered<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<CharColumns>,
    /// The help line, followed by one `note:` line per related place.
    help: Option<String>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = self.diagnostic;
        let path = shown(&d.file);
        let place = match d.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path,
        };
        Some(Box::new(format!(
            "{}({}) {place}",
            d.rule.code, d.rule.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h.clone()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let location = self.diagnostic.location?;
        self.source.as_ref()?;
        let span: SourceSpan = (
            location.start as usize,
            (location.end - location.start) as usize,
        )
            .into();
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.diagnostic.label.clone(), span),
        )))
    }
}

pub(crate) fn render(
    outcome: &Outcome,
    options: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut sources = Sources::default();
    for diagnostic in &outcome.diagnostics {
        let source = diagnostic.location.and_then(|location| {
            let text = sources.get(&diagnostic.file.disk)?;
            // A stale span (file changed since the check) must not make miette panic.
            (location.end as usize <= text.len()).then(|| CharColumns {
                named: NamedSource::new(shown(&diagnostic.file), Arc::clone(&text)),
                text,
            })
        });
        let mut help = diagnostic.help.clone();
        for related in &diagnostic.related {
            let path = shown(&related.file);
            let place = match related.location {
                Some(l) => format!("{path}:{}:{}", l.line, l.column),
                None => path,
            };
            let note = format!("note: {place}: {}", related.message);
            help = Some(match help {
                Some(text) => format!("{text}\n{note}"),
                None => note,
            });
        }
        let rendered = Rendered {
            diagnostic,
            source,
            help,
        };
        let mut text = String::new();
        if handler.render_report(&mut text, &rendered).is_err() {
            text = format!("{}: {}\n", diagnostic.file.display, diagnostic.message);
        }
        write!(out, "{text}")?;
        writeln!(out)?;
    }
    if !options.quiet {
        let summary = &outcome.summary;
        let status = if summary.errors > 0 {
            "✖"
        } else if summary.warnings > 0 {
            "⚠"
        } else {
            "✔"
        };
        let external = super::external_counts(summary);
        let skipped = if summary.templated_skipped > 0 {
            format!(
                ", {} skipped",
                plural(summary.templated_skipped, "templated URL")
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "{status} {}; {} and {} checked, {external}{skipped}; {} ms",
            super::findings(outcome),
            plural(summary.files, "file"),
            plural(summary.links_checked, "internal link"),
            summary.elapsed_ms
        )?;
    }
    Ok(())
}
