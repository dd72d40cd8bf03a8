//! Operational errors: the tool could not do its job (exit status 2).

use std::path::PathBuf;

/// Why sitelint could not run.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// A path given on the command line cannot be read.
    #[error("cannot read `{}`: {source}", path.display())]
    #[diagnostic(code(sitelint::path), help("check the path exists and is readable"))]
    Root {
        /// The path as given.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// `explain` was given a rule that does not exist.
    #[error("no rule named `{0}`")]
    #[diagnostic(
        code(sitelint::rule),
        help("`sitelint rules` lists every rule with its code")
    )]
    UnknownRule(String),
    /// Writing output failed.
    #[error("cannot write output: {0}")]
    #[diagnostic(code(sitelint::output))]
    Output(#[from] std::io::Error),
    /// Building the thread pool failed.
    #[error("cannot start {0} worker threads")]
    #[diagnostic(code(sitelint::threads))]
    Threads(usize),
    /// `--output` names a file whose format cannot be told from its extension.
    #[error("cannot tell the format of `{}` from its extension", .0.display())]
    #[diagnostic(
        code(sitelint::output_format),
        help("add `--output-format sarif|json|junit|markdown|concise|github|human`")
    )]
    OutputFormat(PathBuf),
    /// The `--output` file cannot be written.
    #[error("cannot write `{}`: {source}", path.display())]
    #[diagnostic(code(sitelint::output_file))]
    OutputFile {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}
