//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request's changed lines.
//!
//! Format and escaping follow the runner's own implementation (`toolkit/packages/core/src/command.ts`):
//! the message escapes `%`, `\r` and `\n`; property values also escape `:` and `,`.

use std::io::Write;

use crate::check::Outcome;
use crate::diagnostic::{Diagnostic, Severity};

use super::shown;

/// Escape a command's message (the text after `::`).
pub(crate) fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
pub(crate) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command for a finding.
pub(crate) fn command(diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    // Findings about the project as a whole have no file to annotate; they still show in the
    // run's annotation list.
    if diagnostic.file.display != "." {
        properties.push(format!(
            "file={}",
            escape_property(&shown(&diagnostic.file))
        ));
    }
    if let Some(l) = diagnostic.location {
        properties.push(format!("line={}", l.line));
        properties.push(format!("col={}", l.column));
        properties.push(format!("endLine={}", l.end_line));
        properties.push(format!("endColumn={}", l.end_column));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!(
            "{} {}",
            diagnostic.rule.code, diagnostic.rule.name
        ))
    ));
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    for related in &diagnostic.related {
        let path = shown(&related.file);
        let place = match related.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path,
        };
        message.push_str("\nnote: ");
        message.push_str(&place);
        message.push_str(": ");
        message.push_str(&related.message);
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

pub(crate) fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    for diagnostic in &outcome.diagnostics {
        writeln!(out, "{}", command(diagnostic))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
    }

    #[test]
    fn property_also_escapes_colon_and_comma() {
        assert_eq!(escape_property("C:\\x,y%\n"), "C%3A\\x%2Cy%25%0A");
    }
}
