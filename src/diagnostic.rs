//! The one type every finding is: [`Diagnostic`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::registry::RuleMeta;
use crate::source::Location;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the site for someone: exit status 1.
    Error,
    /// Probably wrong, or works only by luck.
    Warning,
    /// Worth knowing; never fails a run.
    Info,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A file as diagnostics name it.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FileName {
    /// Path relative to the checked root, with `/` separators (what users see).
    pub display: String,
    /// Path on disk (to read snippets for rendering).
    pub disk: PathBuf,
}

/// Another place that belongs to the same finding ("LICENSE says CC0-1.0 here").
#[derive(Debug, Clone)]
pub struct Related {
    /// File of the related place.
    pub file: Arc<FileName>,
    /// Where in it, if a span is known.
    pub location: Option<Location>,
    /// What is there.
    pub message: String,
}

/// A replacement of the primary span that fixes the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// The text that replaces the primary span.
    pub replacement: String,
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The rule that found it.
    pub rule: &'static RuleMeta,
    /// Its severity (the rule's default unless the rule decided per case).
    pub severity: Severity,
    /// File it is in.
    pub file: Arc<FileName>,
    /// Where; `None` for findings about the project as a whole.
    pub location: Option<Location>,
    /// What is wrong, at this spot.
    pub message: String,
    /// Text of the label under the primary span.
    pub label: Option<String>,
    /// What to do.
    pub help: Option<String>,
    /// A safe replacement, when there is one.
    pub fix: Option<Fix>,
    /// Other places that belong to this finding.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub(crate) fn new(
        rule: &'static RuleMeta,
        file: &Arc<FileName>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            severity: rule.default_severity,
            file: Arc::clone(file),
            location,
            message: message.into(),
            label: None,
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn fix(mut self, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            replacement: replacement.into(),
        });
        self
    }

    pub(crate) fn related(mut self, related: Related) -> Self {
        self.related.push(related);
        self
    }

    /// Sort key: path, line, column, code, message (deterministic whatever the thread count).
    pub(crate) fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        let (line, column) = self.location.map_or((0, 0), |l| (l.line, l.column));
        (
            &self.file.display,
            line,
            column,
            self.rule.code,
            &self.message,
        )
    }
}
