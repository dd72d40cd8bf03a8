//! `--format concise`: one line per finding, `path:line:column: severity[CODE] message`, the shape
//! editors and problem matchers (`grep -n`, GCC) understand.

use std::io::Write;

use crate::check::Outcome;

use super::{counts, shown, RenderOptions};

pub(crate) fn render(
    outcome: &Outcome,
    options: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for diagnostic in &outcome.diagnostics {
        let path = shown(&diagnostic.file);
        let place = match diagnostic.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path,
        };
        // A message is one line by construction, but a file name or quoted text could carry a
        // line break; keep the one-finding-per-line promise.
        let message = diagnostic.message.replace(['\r', '\n'], " ");
        writeln!(
            out,
            "{place}: {}[{}] {message}",
            diagnostic.severity.as_str(),
            diagnostic.rule.code
        )?;
    }
    if !options.quiet {
        writeln!(out, "{}", counts(outcome))?;
    }
    Ok(())
}
