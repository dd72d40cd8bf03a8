//! sitelint: a fast linter for static websites.
//!
//! `main.rs` only parses arguments and calls [`run`]; everything else is here so tests can call
//! it directly.

pub mod changed;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub(crate) mod document;
pub mod error;
pub mod external;
pub mod fix;
pub(crate) mod html_spec;
pub(crate) mod license;
pub(crate) mod nearest;
pub(crate) mod parse;
pub mod registry;
pub mod report;
pub mod rule_doc;
pub(crate) mod rules;
pub mod shard;
pub mod site;
pub mod source;
pub(crate) mod suppress;
pub(crate) mod template;

use std::io::{IsTerminal, Write};

use cli::{Cli, Command};
use error::Error;

/// Exit status of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// No error-level findings.
    Clean,
    /// Error-level findings.
    Findings,
}

/// Run the command line.
pub fn run(cli: Cli) -> Result<Exit, Error> {
    // Buffered: standard output flushes at every newline, and a large site's report is tens of
    // thousands of lines (rustdoc: 38,000 write calls took 45 ms).
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let exit = run_command(cli, &mut out);
    // A closed pipe surfaces here too, as it would have at a write.
    out.flush()?;
    exit
}

fn run_command(cli: Cli, mut out: &mut impl Write) -> Result<Exit, Error> {
    match cli.command {
        Command::Rules => {
            for rule in registry::RULES {
                writeln!(
                    out,
                    "{:<9} {:<26} {:<8} {}",
                    rule.code,
                    rule.name,
                    rule.default_severity.as_str(),
                    rule.summary()
                )?;
            }
            Ok(Exit::Clean)
        }
        Command::Explain { rule } => {
            let rule = registry::find(&rule).ok_or(Error::UnknownRule(rule))?;
            writeln!(out, "{} ({})", rule.name, rule.code)?;
            writeln!(
                out,
                "family: {}  severity: {}  status: {}\n",
                rule.family(),
                rule.default_severity.as_str(),
                match rule.status {
                    registry::Status::Preview => "preview",
                    registry::Status::Stable => "stable",
                }
            )?;
            write!(out, "{}", spaced(rule.doc))?;
            Ok(Exit::Clean)
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "sitelint", &mut out);
            Ok(Exit::Clean)
        }
        Command::Man { command: name } => {
            man_page(name.as_deref(), &mut out)?;
            Ok(Exit::Clean)
        }
        Command::Check(args) => check_command(&args, &mut out),
        Command::Report(args) => report_command(&args, &mut out),
        Command::Merge(args) => {
            let outcome = shard::merge(&args.reports, &args.root)?;
            let render_options = report::RenderOptions {
                format: args.format,
                color: use_color(args.color),
                quiet: args.quiet,
                width: 100,
            };
            report::render(&outcome, render_options, &mut out)?;
            Ok(if outcome.summary.errors > 0 {
                Exit::Findings
            } else {
                Exit::Clean
            })
        }
    }
}

/// Whether `human` output is coloured.
fn use_color(choice: cli::ColorChoice) -> bool {
    match choice {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Write the man page of the tool, or of one subcommand.
fn man_page(name: Option<&str>, out: &mut dyn Write) -> Result<(), Error> {
    let mut command = <Cli as clap::CommandFactory>::command();
    command.build();
    let page = match name {
        None => command,
        Some(name) => {
            let sub = command
                .find_subcommand(name)
                .ok_or_else(|| Error::UnknownCommand(name.to_string()))?
                .clone();
            // clap_mangen names a page after its command: `sitelint-check(1)`, as the main
            // page's SUBCOMMANDS section refers to it.
            let page_name = format!("sitelint-{}", sub.get_name());
            sub.name(page_name).version(env!("CARGO_PKG_VERSION"))
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(())
}

/// External checking as the command line asks: `None` with `--offline`.
fn external_options(
    args: &cli::CheckArgs,
    config: &config::ExternalConfig,
) -> Result<Option<external::ExternalOptions>, Error> {
    // `SITELINT_OFFLINE` (set and not `0`) is `--offline` for a whole environment: a CI job
    // without network, or this project's own tests (`.cargo/config.toml`).
    let offline_env =
        std::env::var_os("SITELINT_OFFLINE").is_some_and(|v| !v.is_empty() && v != "0");
    if args.offline || offline_env {
        return Ok(None);
    }
    let flags = external::ExternalFlags {
        allow_private: args.allow_private,
        timeout: args.timeout,
        connect_timeout: args.connect_timeout,
        retries: args.retries,
        retry_wait: args.retry_wait,
        max_retry_after: args.max_retry_after,
        concurrency: args.concurrency,
        per_host: args.per_host,
        host_interval: args.host_interval,
        max_redirects: args.max_redirects,
        exclude: args.exclude_url.clone(),
        user_agent: args.user_agent.clone(),
        cache: args.cache.clone(),
        no_cache: args.no_cache,
        cache_max_age: args.cache_max_age,
    };
    let mut options = external::ExternalOptions::resolve(
        config,
        &flags,
        // In the current folder, beside the site rather than inside it: a cache inside a built
        // site would be deployed with it.
        std::path::PathBuf::from(".sitelint-cache"),
        std::env::var("GITHUB_TOKEN").ok(),
    )?;
    options.progress = if args.quiet {
        external::Progress::Hidden
    } else if std::io::stderr().is_terminal() {
        external::Progress::Bar
    } else if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        external::Progress::Lines
    } else {
        external::Progress::Hidden
    };
    Ok(Some(options))
}

/// The check options the site-selection flags and the configuration files give (`check` and
/// `report` share them; anything else keeps its [`check::CheckOptions::new`] default: external
/// URLs are not requested), and the configuration's `[external]` settings.
fn check_options(
    paths: &[std::path::PathBuf],
    flags: &cli::SettingsArgs,
) -> Result<(check::CheckOptions, config::ExternalConfig), Error> {
    let settings = config::resolve(&config::Flags {
        paths,
        config: flags.config.as_deref(),
        isolated: flags.isolated,
        select: &flags.select,
        ignore: &flags.ignore,
        max_file_size: flags.max_file_size,
    })?;
    let mut options = check::CheckOptions::new(paths.to_vec());
    options.max_file_size = settings
        .max_file_size
        .map_or(check::DEFAULT_MAX_FILE_SIZE, |mib| {
            mib.saturating_mul(1024 * 1024)
        });
    options.select = settings.select;
    options.ignore = settings.ignore;
    options.policy = settings.policy;
    Ok((options, settings.external))
}

/// Run the check on `jobs` threads (default: one per core), keeping only the findings in files
/// changed since a git REF when `--changed-since` gave one.
fn run_check(
    options: &check::CheckOptions,
    jobs: Option<u16>,
    changed: Option<&changed::ChangedFiles>,
) -> Result<check::Outcome, Error> {
    let mut outcome = match jobs {
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build()
            .map_err(|_| Error::Threads(usize::from(jobs)))?
            .install(|| check::check(options)),
        None => check::check(options),
    }?;
    if let Some(changed) = changed {
        changed::retain(&mut outcome, changed);
    }
    Ok(outcome)
}

/// The files changed since `reference`, in the work tree of the first path.
fn changed_files(
    options: &check::CheckOptions,
    reference: Option<&str>,
) -> Result<Option<changed::ChangedFiles>, Error> {
    reference
        .map(|reference| {
            changed::changed_files(
                options
                    .paths
                    .first()
                    .map_or(std::path::Path::new("."), |p| p.as_path()),
                reference,
            )
        })
        .transpose()
}

/// `sitelint check`: resolve settings, check, fix or diff if asked, render.
fn check_command(args: &cli::CheckArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let (mut options, external) = check_options(&args.paths, &args.settings)?;
    options.external = external_options(args, &external)?;
    options.shard = args.shard;
    let changed = changed_files(&options, args.changed_since.as_deref())?;
    let run_check = || run_check(&options, args.jobs, changed.as_ref());
    let mut outcome = run_check()?;
    let mut fixed = None;
    if args.fix || args.diff {
        let plans = fix::plan(&outcome)?;
        if args.diff {
            fix::diff(&plans, out)?;
            return Ok(if plans.is_empty() {
                Exit::Clean
            } else {
                Exit::Findings
            });
        }
        if !plans.is_empty() {
            fix::write(&plans)?;
            outcome = run_check()?;
        }
        fixed = Some((plans.iter().map(|p| p.count).sum::<usize>(), plans.len()));
    }
    let color = use_color(args.color);
    let render_options = report::RenderOptions {
        format: args.format,
        color,
        quiet: args.quiet,
        width: 100,
    };
    if let Some(path) = &args.output {
        report::write_file(&outcome, path, args.output_format)?;
    }
    report::render(&outcome, render_options, out)?;
    if let Some((findings, files)) = fixed {
        // Machine-readable formats stay exactly their schema.
        if !args.quiet && matches!(args.format, report::Format::Human | report::Format::Concise) {
            writeln!(
                out,
                "fixed {} in {}",
                report::plural(findings, "finding"),
                report::plural(files, "file")
            )?;
        }
    }
    Ok(if outcome.summary.errors > 0 {
        Exit::Findings
    } else {
        Exit::Clean
    })
}

/// `sitelint report`: check the site, then write the accessibility report (exit status 0 even
/// with findings: the report is the product).
fn report_command(args: &cli::ReportArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    // External URLs are not requested: the report is about accessibility.
    let (options, _) = check_options(&args.paths, &args.settings)?;
    let changed = changed_files(&options, args.changed_since.as_deref())?;
    let outcome = run_check(&options, args.jobs, changed.as_ref())?;
    let context = report::accessibility::ReportContext {
        site: args
            .paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        rules: registry::RULES
            .iter()
            .copied()
            .filter(|rule| !rule.wcag().is_empty() && options.enabled(rule))
            .collect(),
    };
    let mut buffer = Vec::new();
    report::accessibility::render(&outcome, &context, args.format, &mut buffer)?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| args.format.default_file().into());
    let shown = if path.as_os_str() == "-" {
        out.write_all(&buffer)?;
        out.flush()?;
        "standard output".to_string()
    } else {
        report::write_atomically(&path, &buffer)?;
        path.display().to_string()
    };
    if !args.quiet {
        let mut stderr = std::io::stderr().lock();
        writeln!(
            stderr,
            "wrote {shown}: {}",
            report::accessibility::summary_line(&outcome, &context)
        )?;
    }
    Ok(Exit::Clean)
}

/// A rule's document for the terminal: a blank line before each `##` heading (outside code
/// blocks), so sections stand apart even where the file has none.
fn spaced(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len() + 256);
    let mut fenced = false;
    let mut previous_blank = true;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with("## ") && !previous_blank {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous_blank = line.trim().is_empty();
    }
    out
}
