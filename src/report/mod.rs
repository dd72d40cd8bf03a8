//! Everything sitelint prints goes through here.

pub(crate) mod human;
pub(crate) mod json;

use std::io::Write;

use crate::check::Outcome;

/// Output formats of `sitelint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets (miette), colour only on a terminal.
    Human,
    /// One object with `diagnostics` and `summary` (schema in README.md).
    Json,
}

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// The format.
    pub format: Format,
    /// Colour and terminal width for `human`.
    pub color: bool,
    /// Print no summary line.
    pub quiet: bool,
    /// Wrap width for `human`.
    pub width: usize,
}

/// Write the outcome of a check.
pub fn render(
    outcome: &Outcome,
    options: RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match options.format {
        Format::Human => human::render(outcome, options, out),
        Format::Json => json::render(outcome, out),
    }
}
