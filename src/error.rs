//! Operational errors: the tool could not do its job (exit status 2).

use std::path::PathBuf;

/// Why sitelint could not run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// A path given on the command line cannot be read.
    #[error("cannot read `{}`: {reason}", path.display())]
    #[diagnostic(help("check the path exists and is readable"))]
    Root {
        /// The path as given.
        path: PathBuf,
        /// What the system said (in the message, not a second line: not a `source`).
        reason: std::io::Error,
    },
    /// A setting of external-link checking (flag or `[external]`) has a bad value.
    #[error("{0}")]
    #[diagnostic(help(
        "`sitelint check --help` and `sitelint.example.toml` describe each setting"
    ))]
    InvalidSetting(String),
    /// `explain` was given a rule that does not exist.
    #[error("no rule named `{0}`")]
    #[diagnostic(help("`sitelint rules` lists every rule with its code"))]
    UnknownRule(String),
    /// `--fix` could not rewrite a file.
    #[error("cannot fix `{}`: {reason}", path.display())]
    Fix {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: std::io::Error,
    },
    /// `--changed-since` could not ask git.
    #[error("cannot list the files changed since `{reference}`: {message}")]
    #[diagnostic(help(
        "run inside a git work tree, with a REF git knows (`git fetch` it first in CI)"
    ))]
    ChangedSince {
        /// The REF as given.
        reference: String,
        /// What git said.
        message: String,
    },
    /// `man` was given a subcommand that does not exist.
    #[error("no command named `{0}`")]
    #[diagnostic(help("`sitelint --help` lists the commands"))]
    UnknownCommand(String),
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
    /// Building the thread pool failed.
    #[error("cannot start {0} worker threads")]
    Threads(usize),
    /// `--output` names a file whose format cannot be told from its extension.
    #[error("cannot tell the format of `{}` from its extension", .0.display())]
    #[diagnostic(help("add `--output-format sarif|json|junit|markdown|concise|github|human`"))]
    OutputFormat(PathBuf),
    /// The `--output` file cannot be written.
    #[error("cannot write `{}`: {reason}", path.display())]
    OutputFile {
        /// The file.
        path: PathBuf,
        /// What the system said (in the message, not a second line: not a `source`).
        reason: std::io::Error,
    },
    /// `merge` was given a report it cannot combine.
    #[error("cannot merge `{}`: {message}", path.display())]
    #[diagnostic(help(
        "merge the `--format json` reports of `sitelint check --shard I/N`, one for each I"
    ))]
    Merge {
        /// The report.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A config file is not valid: the span points at the offending key or value.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),
    /// A config file cannot be read.
    #[error("cannot read config `{}`: {reason}", path.display())]
    ConfigRead {
        /// The file.
        path: PathBuf,
        /// What the system said (in the message, not a second line: not a `source`).
        reason: std::io::Error,
    },
}

// By hand rather than `#[from]`: a `from` field is also the error's source, which miette
// prints again under the message that already says it.
impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Error::Output(error)
    }
}

/// A config file is not valid (boxed in [`Error::Config`]: it carries the file's text).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid config `{}`: {message}", path.display())]
pub struct ConfigError {
    /// The config file.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
    /// What to do.
    #[help]
    pub help: Option<String>,
    /// The file's text.
    #[source_code]
    pub source_code: miette::NamedSource<String>,
    /// Where in it.
    #[label("here")]
    pub span: miette::SourceSpan,
}
