//! Everything sitelint prints goes through here.

pub mod accessibility;
pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod markdown;
pub(crate) mod progress;
pub(crate) mod sarif;

use std::io::Write;

use crate::check::{Outcome, Summary};
use crate::diagnostic::FileName;

/// Output formats of `sitelint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Annotated snippets (miette), colour only on a terminal.
    Human,
    /// One line per finding: `path:line:column: severity[CODE] message`.
    Concise,
    /// One object with `diagnostics` and `summary` (schema in README.md).
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`): annotations on a pull request.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// `JUnit` XML, one test case per finding, for CI test reports.
    Junit,
    /// A Markdown summary table and the findings, for `$GITHUB_STEP_SUMMARY`.
    Markdown,
}

impl Format {
    /// The format a report file's extension implies (`report.sarif` → SARIF), for `--output`.
    pub fn from_extension(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "sarif" => Format::Sarif,
            "json" => Format::Json,
            "xml" => Format::Junit,
            "md" | "markdown" => Format::Markdown,
            "txt" | "log" => Format::Concise,
            _ => return None,
        })
    }
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
        Format::Concise => concise::render(outcome, options, out),
        Format::Json => json::render(outcome, out),
        Format::Github => github::render(outcome, out),
        Format::Sarif => sarif::render(outcome, out),
        Format::Junit => junit::render(outcome, out),
        Format::Markdown => markdown::render(outcome, out),
    }
}

/// Write a report to `path` (for `--output`), in `format` or the one its extension implies.
/// Written to a temporary file beside it and renamed, so a reader never sees half a report.
pub fn write_file(
    outcome: &Outcome,
    path: &std::path::Path,
    format: Option<Format>,
) -> Result<(), crate::error::Error> {
    let format = format
        .or_else(|| Format::from_extension(path))
        .ok_or_else(|| crate::error::Error::OutputFormat(path.to_path_buf()))?;
    let failed = |reason| crate::error::Error::OutputFile {
        path: path.to_path_buf(),
        reason,
    };
    let mut buffer = Vec::new();
    let options = RenderOptions {
        format,
        color: false,
        quiet: false,
        width: 100,
    };
    render(outcome, options, &mut buffer).map_err(failed)?;
    write_atomically(path, &buffer)
}

/// Write `bytes` to `path` through a temporary file beside it and a rename, so a reader never
/// sees half a report.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), crate::error::Error> {
    let failed = |reason| crate::error::Error::OutputFile {
        path: path.to_path_buf(),
        reason,
    };
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("report"),
        std::ffi::OsStr::to_os_string,
    );
    let mut temporary = std::ffi::OsString::from(".");
    temporary.push(&name);
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = folder.join(temporary);
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|error| {
            let _ = std::fs::remove_file(&temporary);
            failed(error)
        })
}

/// Reads each file once, for snippets.
#[derive(Default)]
pub(crate) struct Sources {
    cache: std::collections::HashMap<std::path::PathBuf, Option<std::sync::Arc<String>>>,
}

impl Sources {
    /// The file's text as the check loaded it (BOM stripped, lossy UTF-8); `None` when it
    /// cannot be read.
    pub(crate) fn get(&mut self, path: &std::path::PathBuf) -> Option<std::sync::Arc<String>> {
        self.cache
            .entry(path.clone())
            .or_insert_with(|| {
                std::fs::read(path)
                    .ok()
                    .map(|bytes| std::sync::Arc::new(crate::source::load_text(bytes).text))
            })
            .clone()
    }
}

/// A path the user can open from where they ran sitelint: the site root as they typed it, joined
/// with the file's path in the site (JSON keeps paths relative to the root, as documented).
pub fn shown(file: &FileName) -> String {
    let text = file.disk.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    if std::path::MAIN_SEPARATOR == '\\' {
        text.replace('\\', "/")
    } else {
        text.to_string()
    }
}

/// `1 error`, `2 errors`.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

/// `25 external URLs (23 requested, 1 cached, 1 excluded, 2 failed)`, or `… not checked
/// (offline)`.
pub(crate) fn external_counts(summary: &Summary) -> String {
    let external = &summary.external;
    if external.offline {
        return format!(
            "{} not checked (offline)",
            plural(external.urls, "external URL")
        );
    }
    let mut parts = vec![format!("{} requested", external.checked)];
    if external.cached > 0 {
        parts.push(format!("{} cached", external.cached));
    }
    if external.excluded > 0 {
        parts.push(format!("{} excluded", external.excluded));
    }
    parts.push(format!("{} failed", external.failed));
    format!(
        "{} ({})",
        plural(external.urls, "external URL"),
        parts.join(", ")
    )
}

/// `3 errors, 5 warnings in 2 files`: the findings and how many files they are in (findings
/// about the project as a whole, such as a missing license, are in none).
pub(crate) fn findings(outcome: &Outcome) -> String {
    let summary = &outcome.summary;
    let mut counts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        counts.push(plural(summary.infos, "note"));
    }
    let files: std::collections::HashSet<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.location.is_some())
        .map(|d| d.file.display.as_str())
        .collect();
    if files.is_empty() {
        counts.join(", ")
    } else {
        format!("{} in {}", counts.join(", "), plural(files.len(), "file"))
    }
}

/// `3 errors, 5 warnings in 2 files; 27 files checked` (no timing, so reports are
/// reproducible).
pub(crate) fn counts(outcome: &Outcome) -> String {
    format!(
        "{}; {} checked",
        findings(outcome),
        plural(outcome.summary.files, "file")
    )
}
