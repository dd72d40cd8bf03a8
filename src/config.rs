//! Configuration files: `sitelint.toml` / `.sitelint.toml`, layered as STYLE.md says, from
//! lowest to highest: built-in defaults, the nearest discovered file (walking up from the first
//! checked path), `--config FILE`, then flags.
//!
//! Keys are kebab-case and unknown keys are errors that point into the file (a miette span from
//! `toml::de::Error::span`). `sitelint.example.toml` at the repository root lists every key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::registry::{self, RuleMeta};

/// File names looked for in each folder, in order (the hidden one first, as ruff does).
pub const FILE_NAMES: [&str; 2] = [".sitelint.toml", "sitelint.toml"];

/// A severity as a config file writes it; `off` disables the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error (fails the run).
    Error,
    /// Report as a warning.
    Warning,
    /// Report as a note (`info`).
    Info,
    /// Do not report.
    Off,
}

/// `[rules.<name-or-code>]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSettings {
    /// Severity override.
    pub severity: Option<Level>,
}

/// The contents of one config file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    /// Report only these rules (codes, names, families, `ALL`).
    pub select: Option<Vec<Spanned<String>>>,
    /// Never report these rules.
    pub ignore: Option<Vec<Spanned<String>>>,
    /// Globs (relative to the config file's folder) of files whose findings are not reported.
    /// They are still part of the site, so links to them resolve.
    pub extend_exclude: Option<Vec<Spanned<String>>>,
    /// Skip files larger than this many MiB.
    pub max_file_size: Option<u64>,
    /// Per-rule settings, keyed by rule name or code.
    pub rules: Option<BTreeMap<String, Spanned<RuleSettings>>>,
    /// How external URLs are checked.
    pub external: Option<ExternalConfig>,
}

/// `[external]`: how external URLs are checked. Every key is optional; a later file (or a
/// flag) replaces a key an earlier one set.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExternalConfig {
    /// Status codes counted as working: `"200-299"`, `"403"`.
    pub accept: Option<Vec<Spanned<String>>>,
    /// Regular expressions of URLs not to check.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Rewrites applied before checking (first match wins).
    pub remap: Option<Vec<Spanned<Remap>>>,
    /// Extra request headers by host (`"api.example.com" = { Authorization = "…" }`).
    pub headers: Option<BTreeMap<String, BTreeMap<String, String>>>,
    /// The `User-Agent` header.
    pub user_agent: Option<String>,
    /// Total seconds for one request.
    pub timeout: Option<f64>,
    /// Seconds to connect.
    pub connect_timeout: Option<f64>,
    /// Retries after timeouts, connection errors, 429 and 5xx.
    pub retries: Option<u32>,
    /// First wait before a retry, in seconds (doubled each time, with jitter).
    pub retry_wait: Option<f64>,
    /// Longest `Retry-After` honoured, in seconds.
    pub max_retry_after: Option<f64>,
    /// Requests in flight.
    pub concurrency: Option<usize>,
    /// Requests in flight to one host.
    pub per_host: Option<usize>,
    /// Minimum seconds between two requests to one host.
    pub host_interval: Option<f64>,
    /// Redirects followed.
    pub max_redirects: Option<usize>,
    /// Most MiB of a page read to look for a fragment.
    pub max_body_size: Option<u64>,
    /// Folder of the cache (relative to the config file's folder).
    pub cache: Option<PathBuf>,
    /// Seconds a cached result stays fresh.
    pub cache_max_age: Option<f64>,
    /// Request loopback and private addresses too.
    pub allow_private: Option<bool>,
}

/// One `remap` entry: URLs matching `pattern` are checked as `replacement` (`$1` refers to a
/// group).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Remap {
    /// A regular expression.
    pub pattern: String,
    /// The replacement, with `$1`, `${name}` for groups.
    pub replacement: String,
}

/// Parse `200`, `"200-299"` as an inclusive range of status codes.
pub fn parse_status_range(text: &str) -> Option<std::ops::RangeInclusive<u16>> {
    let (low, high) = text.split_once('-').unwrap_or((text, text));
    let low: u16 = low.trim().parse().ok()?;
    let high: u16 = high.trim().parse().ok()?;
    ((100..=999).contains(&low) && (low..=999).contains(&high)).then_some(low..=high)
}

/// A parsed config file and where it came from (for error spans).
#[derive(Debug)]
pub struct Loaded {
    /// The file.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// Its settings.
    pub config: FileConfig,
}

fn config_error(
    path: &Path,
    text: &str,
    span: std::ops::Range<usize>,
    message: String,
    help: Option<String>,
) -> Error {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    Error::Config(Box::new(crate::error::ConfigError {
        path: path.to_path_buf(),
        message,
        help,
        source_code: miette::NamedSource::new(path.display().to_string(), text.to_string()),
        span: (start, end - start).into(),
    }))
}

/// Read and parse one config file.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let text = std::fs::read_to_string(path).map_err(|reason| Error::ConfigRead {
        path: path.to_path_buf(),
        reason,
    })?;
    let config: FileConfig = toml::from_str(&text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim_end().to_string();
        let help = message
            .starts_with("unknown field")
            .then(|| "`sitelint.example.toml` lists every key with its default".to_string());
        config_error(path, &text, span, message, help)
    })?;
    let loaded = Loaded {
        path: path.to_path_buf(),
        text,
        config,
    };
    loaded.validate()?;
    Ok(loaded)
}

impl Loaded {
    fn error(&self, span: std::ops::Range<usize>, message: String, help: &str) -> Error {
        config_error(
            &self.path,
            &self.text,
            span,
            message,
            Some(help.to_string()),
        )
    }

    /// Rule selectors and names must exist; globs must parse.
    fn validate(&self) -> Result<(), Error> {
        let lists = [&self.config.select, &self.config.ignore];
        for selector in lists.into_iter().flatten().flatten() {
            if !registry::RULES
                .iter()
                .any(|rule| registry::selector_matches(selector.get_ref(), rule))
            {
                return Err(self.error(
                    selector.span(),
                    format!("no rule or family named `{}`", selector.get_ref()),
                    "`sitelint rules` lists every rule with its code and name",
                ));
            }
        }
        for (key, settings) in self.config.rules.iter().flatten() {
            if registry::find(key).is_none() {
                let closest = registry::RULES
                    .iter()
                    .map(|rule| (strsim::damerau_levenshtein(key, rule.name), rule.name))
                    .min()
                    .filter(|(distance, _)| *distance <= 2);
                let help = match closest {
                    Some((_, name)) => format!("did you mean `{name}`?"),
                    None => "name a rule by its name (`missing-alt-text`) or code (`IMG001`); `sitelint rules` lists them".to_string(),
                };
                return Err(self.error(
                    settings.span(),
                    format!("no rule named `{key}` (in `[rules.{key}]`)"),
                    &help,
                ));
            }
        }
        if let Some(external) = &self.config.external {
            for status in external.accept.iter().flatten() {
                if parse_status_range(status.get_ref()).is_none() {
                    return Err(self.error(
                        status.span(),
                        format!("invalid status code or range `{}`", status.get_ref()),
                        "write a code (`403`) or an inclusive range (`200-299`)",
                    ));
                }
            }
            for pattern in external.exclude.iter().flatten() {
                if let Err(error) = regex::Regex::new(pattern.get_ref()) {
                    return Err(self.error(
                        pattern.span(),
                        format!(
                            "invalid regular expression `{}`: {error}",
                            pattern.get_ref()
                        ),
                        "`exclude` takes regular expressions (Rust `regex` syntax)",
                    ));
                }
            }
            for remap in external.remap.iter().flatten() {
                if let Err(error) = regex::Regex::new(&remap.get_ref().pattern) {
                    return Err(self.error(
                        remap.span(),
                        format!(
                            "invalid regular expression `{}`: {error}",
                            remap.get_ref().pattern
                        ),
                        "`remap` patterns are regular expressions (Rust `regex` syntax)",
                    ));
                }
            }
        }
        for glob in self.config.extend_exclude.iter().flatten() {
            if let Err(error) = Glob::new(glob.get_ref()) {
                return Err(self.error(
                    glob.span(),
                    format!("invalid glob `{}`: {}", glob.get_ref(), error.kind()),
                    "globs use `*`, `**`, `?`, `[abc]` and `{a,b}`",
                ));
            }
        }
        Ok(())
    }

    /// The folder globs are relative to.
    fn folder(&self) -> PathBuf {
        let absolute = std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone());
        absolute
            .parent()
            .map_or_else(PathBuf::new, Path::to_path_buf)
    }
}

/// The nearest config file at or above `start` (a file's folder, or the folder itself).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let mut current = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(dir) = current {
        for name in FILE_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                // Shown in errors: keep it short when it is under the current folder.
                let cwd = std::env::current_dir()
                    .ok()
                    .and_then(|d| std::path::absolute(d).ok());
                return Some(
                    cwd.and_then(|cwd| candidate.strip_prefix(cwd).ok().map(Path::to_path_buf))
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(candidate),
                );
            }
        }
        current = dir.parent();
    }
    None
}

/// Globs of files whose findings are not reported, with the folder they are relative to.
#[derive(Debug, Clone)]
pub struct Exclude {
    base: PathBuf,
    set: GlobSet,
}

impl Exclude {
    /// Is the file at `disk` excluded?
    pub fn matches(&self, disk: &Path) -> bool {
        let absolute = std::path::absolute(disk).unwrap_or_else(|_| disk.to_path_buf());
        absolute
            .strip_prefix(&self.base)
            .is_ok_and(|relative| self.set.is_match(relative))
    }
}

/// What configuration decides after the rule filter: severities and excluded files.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Severity overrides by rule code.
    pub severities: BTreeMap<&'static str, Severity>,
    /// Excluded files (one entry per config file that sets `extend-exclude`).
    pub exclude: Vec<Exclude>,
}

impl Policy {
    /// Drop findings in excluded files and apply severity overrides.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        if !self.exclude.is_empty() {
            diagnostics.retain(|d| !self.exclude.iter().any(|e| e.matches(&d.file.disk)));
        }
        for diagnostic in diagnostics.iter_mut() {
            if let Some(severity) = self.severities.get(diagnostic.rule.code) {
                diagnostic.severity = *severity;
            }
        }
    }
}

/// The settings a check runs with, after layering.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Selectors of rules to report (empty: all).
    pub select: Vec<String>,
    /// Selectors of rules not to report.
    pub ignore: Vec<String>,
    /// Size limit in MiB.
    pub max_file_size: Option<u64>,
    /// Severities and excludes.
    pub policy: Policy,
    /// The files read, lowest layer first.
    pub files: Vec<PathBuf>,
    /// `[external]` after layering (a relative `cache` is made relative to its file's folder).
    pub external: ExternalConfig,
}

/// Layer `[external]` of one file over what lower layers set.
fn layer_external(resolved: &mut ExternalConfig, layer: &ExternalConfig, folder: &Path) {
    macro_rules! take {
        ($($key:ident),*) => {
            $(if layer.$key.is_some() {
                resolved.$key.clone_from(&layer.$key);
            })*
        };
    }
    take!(
        accept,
        exclude,
        remap,
        headers,
        user_agent,
        timeout,
        connect_timeout,
        retries,
        retry_wait,
        max_retry_after,
        concurrency,
        per_host,
        host_interval,
        max_redirects,
        max_body_size,
        cache_max_age,
        allow_private
    );
    if let Some(cache) = &layer.cache {
        resolved.cache = Some(folder.join(cache));
    }
}

/// What the command line says about configuration.
#[derive(Debug, Clone, Default)]
pub struct Flags<'a> {
    /// The paths to check (discovery starts at the first).
    pub paths: &'a [PathBuf],
    /// `--config FILE`.
    pub config: Option<&'a Path>,
    /// `--isolated`: no discovered file.
    pub isolated: bool,
    /// `--select` (empty: not given).
    pub select: &'a [String],
    /// `--ignore` (empty: not given).
    pub ignore: &'a [String],
    /// `--max-file-size`.
    pub max_file_size: Option<u64>,
}

fn strings(list: &[Spanned<String>]) -> Vec<String> {
    list.iter().map(|s| s.get_ref().clone()).collect()
}

/// Layer defaults, the discovered file, `--config` and flags.
pub fn resolve(flags: &Flags<'_>) -> Result<Resolved, Error> {
    for selector in flags.select.iter().chain(flags.ignore) {
        if !registry::RULES
            .iter()
            .any(|rule| registry::selector_matches(selector, rule))
        {
            return Err(Error::UnknownRule(selector.clone()));
        }
    }
    let mut layers = Vec::new();
    if !flags.isolated {
        let start = flags
            .paths
            .first()
            .map_or_else(|| PathBuf::from("."), Clone::clone);
        if let Some(found) = discover(&start) {
            layers.push(load(&found)?);
        }
    }
    if let Some(explicit) = flags.config {
        let explicit_absolute = std::path::absolute(explicit).ok();
        // The same file discovered and named explicitly counts once.
        let duplicate = layers
            .iter()
            .any(|l| std::path::absolute(&l.path).ok() == explicit_absolute);
        if !duplicate {
            layers.push(load(explicit)?);
        }
    }
    let mut resolved = Resolved::default();
    let mut off: Vec<&'static RuleMeta> = Vec::new();
    for layer in &layers {
        let config = &layer.config;
        if let Some(select) = &config.select {
            resolved.select = strings(select);
        }
        if let Some(ignore) = &config.ignore {
            resolved.ignore = strings(ignore);
        }
        if let Some(size) = config.max_file_size {
            resolved.max_file_size = Some(size);
        }
        if let Some(globs) = &config.extend_exclude {
            let mut builder = GlobSetBuilder::new();
            for glob in globs {
                // Validated in `load`.
                if let Ok(glob) = Glob::new(glob.get_ref()) {
                    builder.add(glob);
                }
            }
            if let Ok(set) = builder.build() {
                resolved.policy.exclude.push(Exclude {
                    base: layer.folder(),
                    set,
                });
            }
        }
        for (key, settings) in config.rules.iter().flatten() {
            let Some(rule) = registry::find(key) else {
                continue;
            };
            match settings.get_ref().severity {
                Some(Level::Off) => off.push(rule),
                Some(level) => {
                    off.retain(|r| r.code != rule.code);
                    let severity = match level {
                        Level::Error => Severity::Error,
                        Level::Warning => Severity::Warning,
                        _ => Severity::Info,
                    };
                    resolved.policy.severities.insert(rule.code, severity);
                }
                None => {}
            }
        }
        if let Some(external) = &config.external {
            layer_external(&mut resolved.external, external, &layer.folder());
        }
        resolved.files.push(layer.path.clone());
    }
    if !flags.select.is_empty() {
        resolved.select = flags.select.to_vec();
    }
    if !flags.ignore.is_empty() {
        resolved.ignore = flags.ignore.to_vec();
    }
    if flags.max_file_size.is_some() {
        resolved.max_file_size = flags.max_file_size;
    }
    for rule in off {
        // A rule turned off in a file stays off, unless `--select` on the command line names
        // it: flags override files.
        let reselected = flags
            .select
            .iter()
            .any(|s| !s.eq_ignore_ascii_case("ALL") && registry::selector_matches(s, rule));
        if !reselected {
            resolved.ignore.push(rule.code.to_string());
        }
    }
    Ok(resolved)
}
