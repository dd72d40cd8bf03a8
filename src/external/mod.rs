//! External URLs: collected across every checked site, normalised and deduplicated, checked
//! once each (HTTP on a tokio runtime, in `engine.rs`) with a cache on disk, then reported at
//! every place a failing URL is used (`src/rules/external_links.rs`).

pub(crate) mod address;
pub(crate) mod cache;
pub(crate) mod engine;
pub(crate) mod fragment;

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;

use crate::config::{parse_status_range, ExternalConfig};
use crate::error::Error;
/// The summary's `external` counts.
pub use crate::rules::external_links::ExternalSummary;

/// Hosts whose answers to automated clients (401, 403, 429, 999) say nothing about the link:
/// they refuse bots on principle.
pub(crate) const BLOCKING_HOSTS: &[&str] = &[
    "linkedin.com",
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "medium.com",
    "quora.com",
    "researchgate.net",
    "tiktok.com",
    "pinterest.com",
    "reddit.com",
    "web.archive.org",
    "sciencedirect.com",
    "tandfonline.com",
    "jstor.org",
];

/// Hosts that get the `GITHUB_TOKEN` (and no other host ever does).
pub(crate) const GITHUB_HOSTS: &[&str] =
    &["github.com", "api.github.com", "raw.githubusercontent.com"];

/// How progress is shown while URLs are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// Nothing (`--quiet`, or stderr is neither a terminal nor CI).
    #[default]
    Hidden,
    /// A progress bar on stderr (a terminal).
    Bar,
    /// A plain line on stderr every few seconds (CI logs).
    Lines,
}

/// How external URLs are checked (`None` in [`crate::check::CheckOptions`]: offline).
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Status codes that count as working (default 200–299).
    pub accept: Vec<RangeInclusive<u16>>,
    /// URLs matching one of these are not checked.
    pub exclude: Vec<Regex>,
    /// Rewrites applied before checking; the first matching one wins.
    pub remap: Vec<(Regex, String)>,
    /// Extra headers by host (exact host name, lower case).
    pub headers: BTreeMap<String, Vec<(String, String)>>,
    /// Sent as `Authorization: Bearer …` to GitHub's hosts only.
    pub github_token: Option<String>,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// Time to connect.
    pub connect_timeout: Duration,
    /// Time for one request, body included.
    pub timeout: Duration,
    /// Requests in flight.
    pub concurrency: usize,
    /// Requests in flight to one host.
    pub per_host: usize,
    /// Minimum time between the starts of two requests to one host.
    pub host_interval: Duration,
    /// Retries after timeouts, connection errors, 429 and 5xx.
    pub retries: u32,
    /// First wait before a retry; doubled each time, plus up to as much again of jitter.
    pub retry_wait: Duration,
    /// Longest `Retry-After` honoured; a longer one ends the check as blocked.
    pub max_retry_after: Duration,
    /// Redirects followed.
    pub max_redirects: usize,
    /// Most bytes of a page read while looking for fragments.
    pub max_body_size: u64,
    /// Folder of the cache; `None`: no cache.
    pub cache: Option<PathBuf>,
    /// Age after which a cached result is checked again.
    pub cache_max_age: Duration,
    /// Request loopback and private addresses too (never link-local ones).
    pub allow_private: bool,
    /// Progress display.
    pub progress: Progress,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        Self {
            accept: vec![200..=299],
            exclude: Vec::new(),
            remap: Vec::new(),
            headers: BTreeMap::new(),
            github_token: None,
            user_agent: format!(
                "sitelint/{} (link checker; +https://github.com/sitelint/sitelint)",
                env!("CARGO_PKG_VERSION")
            ),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(20),
            concurrency: 128,
            per_host: 8,
            host_interval: Duration::from_millis(50),
            retries: 2,
            retry_wait: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(60),
            max_redirects: 10,
            max_body_size: 8 * 1024 * 1024,
            cache: None,
            cache_max_age: Duration::from_secs(24 * 60 * 60),
            allow_private: false,
            progress: Progress::Hidden,
        }
    }
}

/// Command-line values that override `[external]`.
#[derive(Debug, Clone, Default)]
pub struct ExternalFlags {
    /// `--allow-private`.
    pub allow_private: bool,
    /// `--timeout`.
    pub timeout: Option<f64>,
    /// `--connect-timeout`.
    pub connect_timeout: Option<f64>,
    /// `--retries`.
    pub retries: Option<u32>,
    /// `--retry-wait`.
    pub retry_wait: Option<f64>,
    /// `--max-retry-after`.
    pub max_retry_after: Option<f64>,
    /// `--concurrency`.
    pub concurrency: Option<usize>,
    /// `--per-host`.
    pub per_host: Option<usize>,
    /// `--host-interval`.
    pub host_interval: Option<f64>,
    /// `--max-redirects`.
    pub max_redirects: Option<usize>,
    /// `--exclude-url` (added to the config's).
    pub exclude: Vec<String>,
    /// `--user-agent`.
    pub user_agent: Option<String>,
    /// `--cache`.
    pub cache: Option<PathBuf>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--cache-max-age`.
    pub cache_max_age: Option<f64>,
}

fn seconds(value: f64, what: &str) -> Result<Duration, Error> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        Error::InvalidSetting(format!(
            "`{what}` must be a number of seconds, not `{value}`"
        ))
    })
}

fn regex(pattern: &str) -> Result<Regex, Error> {
    Regex::new(pattern).map_err(|error| {
        Error::InvalidSetting(format!("invalid regular expression `{pattern}`: {error}"))
    })
}

impl ExternalOptions {
    /// Defaults, then `[external]`, then flags. `default_cache` is used when neither names a
    /// cache folder; `github_token` comes from the `GITHUB_TOKEN` environment variable.
    pub fn resolve(
        config: &ExternalConfig,
        flags: &ExternalFlags,
        default_cache: PathBuf,
        github_token: Option<String>,
    ) -> Result<Self, Error> {
        let mut options = Self::default();
        if let Some(accept) = &config.accept {
            options.accept = accept
                .iter()
                .filter_map(|s| parse_status_range(s.get_ref()))
                .collect();
        }
        for pattern in config
            .exclude
            .iter()
            .flatten()
            .map(toml::Spanned::get_ref)
            .chain(&flags.exclude)
        {
            options.exclude.push(regex(pattern)?);
        }
        for remap in config.remap.iter().flatten() {
            let remap = remap.get_ref();
            options
                .remap
                .push((regex(&remap.pattern)?, remap.replacement.clone()));
        }
        for (host, headers) in config.headers.iter().flatten() {
            options.headers.insert(
                host.to_ascii_lowercase(),
                headers
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            );
        }
        options.github_token = github_token.filter(|t| !t.trim().is_empty());
        if let Some(agent) = flags.user_agent.as_ref().or(config.user_agent.as_ref()) {
            options.user_agent.clone_from(agent);
        }
        let pick = |flag: Option<f64>, file: Option<f64>, what: &str, default: Duration| {
            flag.or(file).map_or(Ok(default), |v| seconds(v, what))
        };
        options.timeout = pick(flags.timeout, config.timeout, "timeout", options.timeout)?;
        options.connect_timeout = pick(
            flags.connect_timeout,
            config.connect_timeout,
            "connect-timeout",
            options.connect_timeout,
        )?;
        options.retry_wait = pick(
            flags.retry_wait,
            config.retry_wait,
            "retry-wait",
            options.retry_wait,
        )?;
        options.max_retry_after = pick(
            flags.max_retry_after,
            config.max_retry_after,
            "max-retry-after",
            options.max_retry_after,
        )?;
        options.host_interval = pick(
            flags.host_interval,
            config.host_interval,
            "host-interval",
            options.host_interval,
        )?;
        options.cache_max_age = pick(
            flags.cache_max_age,
            config.cache_max_age,
            "cache-max-age",
            options.cache_max_age,
        )?;
        options.retries = flags.retries.or(config.retries).unwrap_or(options.retries);
        options.concurrency = flags
            .concurrency
            .or(config.concurrency)
            .unwrap_or(options.concurrency)
            .max(1);
        options.per_host = flags
            .per_host
            .or(config.per_host)
            .unwrap_or(options.per_host)
            .max(1);
        options.max_redirects = flags
            .max_redirects
            .or(config.max_redirects)
            .unwrap_or(options.max_redirects);
        if let Some(mib) = config.max_body_size {
            options.max_body_size = mib.saturating_mul(1024 * 1024);
        }
        options.allow_private = flags.allow_private || config.allow_private.unwrap_or(false);
        options.cache = if flags.no_cache {
            None
        } else {
            Some(
                flags
                    .cache
                    .clone()
                    .or_else(|| config.cache.clone())
                    .unwrap_or(default_cache),
            )
        };
        Ok(options)
    }

    /// Headers for a request to `host` (lower case): configured ones, and the GitHub token for
    /// GitHub's hosts.
    pub(crate) fn headers_for(&self, host: &str) -> Vec<(String, String)> {
        let mut headers = self.headers.get(host).cloned().unwrap_or_default();
        if let Some(token) = &self.github_token {
            if GITHUB_HOSTS.contains(&host) {
                headers.push(("Authorization".into(), format!("Bearer {token}")));
            }
        }
        headers
    }

    pub(crate) fn accepts(&self, status: u16) -> bool {
        self.accept.iter().any(|range| range.contains(&status))
    }
}

/// Does `host` belong to a site known to refuse automated clients?
pub(crate) fn blocks_bots(host: &str) -> bool {
    BLOCKING_HOSTS.iter().any(|known| {
        host == *known
            || host
                .strip_suffix(known)
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

/// How one URL turned out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub(crate) enum Verdict {
    /// Answered with an accepted status (after temporary redirects, if any).
    Ok,
    /// Answered, after at least one permanent redirect, at `to`.
    Redirected { to: String, status: u16 },
    /// A status that is not accepted (after retries), or a redirect that goes nowhere.
    Broken { status: Option<u16>, reason: String },
    /// No answer within the timeout (after retries).
    Timeout,
    /// DNS, TLS, refused or reset connections (after retries).
    Network { reason: String },
    /// Refused by a host that blocks automated clients, or rate-limited beyond patience.
    Blocked { status: u16, reason: String },
    /// Not requested: the host is (or resolves to) an address that may not be requested.
    Private {
        host: String,
        address: String,
        what: String,
        never: bool,
    },
}

impl Verdict {
    /// A result worth keeping in the cache (failures are checked again next run).
    pub(crate) fn cacheable(&self) -> bool {
        matches!(self, Verdict::Ok | Verdict::Redirected { .. })
    }

    /// The name used in the summary's `external_verdicts`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Redirected { .. } => "redirected",
            Verdict::Broken { .. } => "broken",
            Verdict::Timeout => "timeout",
            Verdict::Network { .. } => "network-error",
            Verdict::Blocked { .. } => "blocked",
            Verdict::Private { .. } => "private",
        }
    }

    /// The `&'static` form of a verdict name read back from a report.
    pub(crate) fn static_name(name: &str) -> Option<&'static str> {
        [
            "ok",
            "redirected",
            "broken",
            "timeout",
            "network-error",
            "blocked",
            "private",
        ]
        .into_iter()
        .find(|known| *known == name)
    }
}

/// What a check of one URL found: its verdict, and which of the asked-for fragments the page
/// has (`None`: not decided, such as a page over the size limit or not HTML).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Checked {
    pub verdict: Verdict,
    /// Fragments seen on the page.
    pub fragments_found: Vec<String>,
    /// Whether the whole page was read, so a fragment not seen is not there.
    pub page_complete: bool,
}

/// One URL to request, with the fragments its uses ask for.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub url: url::Url,
    pub fragments: Vec<String>,
}

/// `url` (an absolute http(s) or protocol-relative URL) normalised: scheme and host in lower
/// case, default port dropped, empty path as `/`, fragment split off (percent-decoded).
pub(crate) fn normalise(url: &str) -> Option<(url::Url, Option<String>)> {
    let trimmed = url.trim();
    let text = if trimmed.starts_with("//") {
        format!("https:{trimmed}")
    } else {
        trimmed.to_string()
    };
    let mut parsed = url::Url::parse(&text).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return None;
    }
    let fragment = parsed.fragment().map(|f| {
        percent_encoding::percent_decode_str(f)
            .decode_utf8_lossy()
            .into_owned()
    });
    parsed.set_fragment(None);
    Some((parsed, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_github_token_goes_to_github_hosts_only() {
        let options = ExternalOptions {
            github_token: Some("t0ken".into()),
            ..ExternalOptions::default()
        };
        for host in GITHUB_HOSTS {
            assert_eq!(
                options.headers_for(host),
                [("Authorization".to_string(), "Bearer t0ken".to_string())]
            );
        }
        for host in [
            "gist.github.com.evil.example",
            "github.io",
            "example.com",
            "notgithub.com",
        ] {
            assert!(options.headers_for(host).is_empty(), "{host}");
        }
    }

    #[test]
    fn urls_are_normalised_with_the_fragment_apart() {
        let (url, fragment) = normalise("HTTPS://Example.COM:443#Intro%20Part").unwrap();
        assert_eq!(url.as_str(), "https://example.com/");
        assert_eq!(fragment.as_deref(), Some("Intro Part"));
        let (url, _) = normalise("//example.com:8080/a?b=1").unwrap();
        assert_eq!(url.as_str(), "https://example.com:8080/a?b=1");
        assert!(normalise("ftp://example.com/").is_none());
        assert!(normalise("http://").is_none());
    }

    #[test]
    fn bot_blocking_hosts_match_their_subdomains_only() {
        assert!(blocks_bots("www.linkedin.com"));
        assert!(blocks_bots("x.com"));
        assert!(!blocks_bots("notlinkedin.com"));
    }

    #[test]
    fn bad_settings_are_errors_not_panics() {
        let flags = ExternalFlags {
            timeout: Some(-1.0),
            ..ExternalFlags::default()
        };
        assert!(
            ExternalOptions::resolve(&ExternalConfig::default(), &flags, PathBuf::new(), None)
                .is_err()
        );
        let flags = ExternalFlags {
            exclude: vec!["(".into()],
            ..ExternalFlags::default()
        };
        assert!(
            ExternalOptions::resolve(&ExternalConfig::default(), &flags, PathBuf::new(), None)
                .is_err()
        );
    }
}
