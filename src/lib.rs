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
pub(crate) mod parse;
pub mod registry;
pub mod report;
pub(crate) mod rules;
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
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
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
            write!(out, "{}", rule.doc)?;
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
        Command::Check(args) => check_command(args, &mut out),
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
    if args.offline {
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

/// `sitelint check`: resolve settings, check, fix or diff if asked, render.
fn check_command(args: cli::CheckArgs, out: &mut dyn Write) -> Result<Exit, Error> {
    let settings = config::resolve(&config::Flags {
        paths: &args.paths,
        config: args.config.as_deref(),
        isolated: args.isolated,
        select: &args.select,
        ignore: &args.ignore,
        max_file_size: args.max_file_size,
    })?;
    let external = external_options(&args, &settings.external)?;
    let options = check::CheckOptions {
        paths: args.paths,
        max_file_size: settings
            .max_file_size
            .map_or(check::DEFAULT_MAX_FILE_SIZE, |mib| {
                mib.saturating_mul(1024 * 1024)
            }),
        select: settings.select,
        ignore: settings.ignore,
        policy: settings.policy,
        external,
    };
    let run_check = || match args.jobs {
        Some(jobs) => rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build()
            .map_err(|_| Error::Threads(usize::from(jobs)))?
            .install(|| check::check(&options)),
        None => check::check(&options),
    };
    let changed = match &args.changed_since {
        Some(reference) => Some(changed::changed_files(
            options
                .paths
                .first()
                .map_or(std::path::Path::new("."), |p| p.as_path()),
            reference,
        )?),
        None => None,
    };
    let run_check = || -> Result<check::Outcome, Error> {
        let mut outcome = run_check()?;
        if let Some(changed) = &changed {
            changed::retain(&mut outcome, changed);
        }
        Ok(outcome)
    };
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
    let color = match args.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
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
