//! Command-line interface definition (clap).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::report::accessibility::ReportFormat;
use crate::report::Format;

/// A fast linter for static websites: broken links, missing assets, alt text, attribute typos and
/// license claims, reported at the source line you edit.
#[derive(Debug, Parser)]
#[command(name = "sitelint", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
// `check` has many flags; the enum exists once per run, so its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a site (a Jekyll source folder, a built output folder, or single files).
    Check(CheckArgs),
    /// Write an accessibility report of a site: a self-contained HTML page (or a Markdown
    /// summary) of the findings of the rules with WCAG success criteria.
    Report(ReportArgs),
    /// List every rule with its code, severity and summary.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's code (`IMG001`) or name (`missing-alt-text`).
        rule: String,
    },
    /// Print a shell completion script (`sitelint completions bash > ~/.local/share/bash-completion/completions/sitelint`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Combine the `--format json` reports of `check --shard I/N` (every I) into one report.
    Merge(MergeArgs),
    /// Print a man page, generated from this command-line definition
    /// (`sitelint man > sitelint.1`, `sitelint man check > sitelint-check.1`).
    Man {
        /// The subcommand whose page to print (`check`, `rules`, …); none: the main page.
        command: Option<String>,
    },
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the `NO_COLOR` environment variable is set and not empty.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `sitelint check`.
// Command-line switches are booleans by nature; clap maps each to one.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check. A folder with `_config.yml` is read as Jekyll sources.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write a report to FILE (the terminal still gets `--format`).
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Format of the `--output` file (default: from its extension: `.sarif`, `.json`, `.xml`
    /// for `JUnit`, `.md`, `.txt` for concise).
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    pub output_format: Option<Format>,
    /// When to colour `human` output: `auto` (on a terminal, unless `NO_COLOR` is set).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Print findings only: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Rule selection and configuration files.
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Apply safe fixes (target keyword and attribute-name typos, whitespace and backslashes in
    /// URLs) in place, then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of writing them (exit 1 when there are).
    #[arg(long)]
    pub diff: bool,
    /// Report only findings in files changed since the git REF (committed or not, and
    /// untracked files); links still resolve against the whole site.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Check only shard I of N (`--shard 2/4`): a deterministic share of the files, in path
    /// order; links still resolve against the whole site. Combine the `--format json` reports of
    /// all N shards with `sitelint merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<crate::shard::Shard>,
    /// Do not request external URLs (`mailto:` and `tel:` are still checked; nothing leaves
    /// the machine).
    #[arg(long, help_heading = "External links")]
    pub offline: bool,
    /// Also request URLs whose host resolves to a loopback or private address (never
    /// link-local ones such as cloud metadata endpoints).
    #[arg(long, help_heading = "External links")]
    pub allow_private: bool,
    /// Total time allowed for one request, in seconds [default: 20].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub timeout: Option<f64>,
    /// Time allowed to connect, in seconds [default: 10].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub connect_timeout: Option<f64>,
    /// Retries after a timeout, a connection error, 429 or 5xx [default: 2].
    #[arg(long, value_name = "N", help_heading = "External links")]
    pub retries: Option<u32>,
    /// First wait before a retry, in seconds; doubled each time, with jitter [default: 1].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub retry_wait: Option<f64>,
    /// Longest `Retry-After` honoured, in seconds; a longer one counts as blocked [default: 60].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub max_retry_after: Option<f64>,
    /// Requests in flight at once [default: 128].
    #[arg(long, value_name = "N", help_heading = "External links")]
    pub concurrency: Option<usize>,
    /// Requests in flight to one host [default: 8].
    #[arg(long, value_name = "N", help_heading = "External links")]
    pub per_host: Option<usize>,
    /// Minimum time between two requests to one host, in seconds [default: 0.05].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub host_interval: Option<f64>,
    /// Redirects followed before giving up [default: 10].
    #[arg(long, value_name = "N", help_heading = "External links")]
    pub max_redirects: Option<usize>,
    /// Do not check URLs matching this regular expression (repeatable; adds to the config's
    /// `exclude`).
    #[arg(long, value_name = "REGEX", help_heading = "External links")]
    pub exclude_url: Vec<String>,
    /// `User-Agent` header sent with requests.
    #[arg(long, value_name = "TEXT", help_heading = "External links")]
    pub user_agent: Option<String>,
    /// Folder of the result cache [default: `.sitelint-cache` in the current folder].
    #[arg(long, value_name = "DIR", help_heading = "External links")]
    pub cache: Option<PathBuf>,
    /// Neither read nor write the result cache.
    #[arg(long, conflicts_with = "cache", help_heading = "External links")]
    pub no_cache: bool,
    /// Age in seconds after which a cached result is checked again [default: 86400].
    #[arg(long, value_name = "SECS", help_heading = "External links")]
    pub cache_max_age: Option<f64>,
}

/// Arguments of `sitelint report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files or folders to check. A folder with `_config.yml` is read as Jekyll sources.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Write the report to FILE; `-` writes it to standard output [default:
    /// `sitelint-report.html`, or `sitelint-report.md` with `--format markdown`].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Worker threads (default: one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Print nothing on success (no `wrote …` line on standard error).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Rule selection and configuration files (rules without WCAG criteria are never in the
    /// report).
    #[command(flatten)]
    pub settings: SettingsArgs,
    /// Report only findings in files changed since the git REF.
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
    /// Accepted as `check` accepts it; the report never requests external URLs anyway.
    #[arg(long)]
    pub offline: bool,
}

/// The flags `check` and `report` share for choosing rules and reading configuration files.
#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Report only these rules: codes (`IMG001`), names (`missing-alt-text`) or families (`LINK`),
    /// comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not report these rules (codes, names or families, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Skip files larger than this many MiB [default: 64].
    #[arg(long, value_name = "MIB")]
    pub max_file_size: Option<u64>,
    /// Read settings from FILE, on top of a discovered `sitelint.toml` (flags still win).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore discovered `sitelint.toml` / `.sitelint.toml` files.
    #[arg(long)]
    pub isolated: bool,
}

/// Arguments of `sitelint merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The JSON reports of `sitelint check --shard I/N --format json`, one for each I.
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// The site folder as passed to `check` (paths and source snippets are read from it).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to colour `human` output: `auto` (on a terminal, unless `NO_COLOR` is set).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print findings only: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}
