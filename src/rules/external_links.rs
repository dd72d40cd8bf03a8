//! EXT001–EXT008: external URLs. Every `http(s)` URL of every checked site is normalised and
//! checked once ([`crate::external::engine`]); a failing one is reported at every place it is
//! used. `mailto:` and `tel:` links are checked offline, always.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, FileName, Severity};
use crate::external::cache::Cache;
use crate::external::{self, engine, Checked, ExternalOptions, Target, Verdict};
use crate::registry::{
    BLOCKED_EXTERNAL_LINK, BROKEN_EXTERNAL_LINK, INVALID_MAILTO_LINK, INVALID_TEL_LINK,
    MISSING_EXTERNAL_FRAGMENT, PRIVATE_ADDRESS_LINK, REDIRECTED_EXTERNAL_LINK,
    UNREACHABLE_EXTERNAL_LINK,
};
use crate::report::progress::Tracker;
use crate::source::Location;

/// One place an external URL is written (a layout's URL once, not once per page).
#[derive(Debug, Clone)]
pub(crate) struct ExternalUse {
    /// Which checked site it belongs to (findings are filtered per site afterwards).
    pub site: usize,
    pub file: Arc<FileName>,
    pub location: Location,
    /// The URL (evaluated, when written with Liquid).
    pub url: String,
    /// The Liquid it was written as.
    pub template: Option<String>,
    /// The loop iteration that produced it.
    pub context: Option<Arc<str>>,
    /// What wrote it (`a href`, `img src`, …), for messages.
    pub origin: &'static str,
    /// A resource the page loads (an image, a script) rather than a link to follow.
    pub asset: bool,
    /// Written in a layout or include (then one use per place written, not one per page).
    pub in_template: bool,
}

/// Offline, the `http(s)` URLs written in pages themselves (not in layouts or includes): which
/// URLs and how many uses. Nothing is requested offline, so where each use is written does not
/// matter, and a large site writes the same few thousand URLs hundreds of thousands of times
/// (rustdoc: 227k uses of about 2k URLs, which took 40 MB as [`ExternalUse`]s).
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Each URL: its uses, and whether one of them is followed by a request (not only a
    /// form's action).
    urls: rustc_hash::FxHashMap<Box<str>, (u64, bool)>,
}

impl Tally {
    /// Count `uses` more uses of `url`.
    pub fn add(&mut self, url: Box<str>, uses: u64, followed: bool) {
        let entry = self.urls.entry(url).or_default();
        entry.0 += uses;
        entry.1 |= followed;
    }

    /// Add every URL of `other`.
    pub fn absorb(&mut self, other: Tally) {
        if self.urls.is_empty() {
            *self = other;
            return;
        }
        for (url, (uses, followed)) in other.urls {
            self.add(url, uses, followed);
        }
    }

    /// Every use counted.
    pub fn uses(&self) -> u64 {
        self.urls.values().map(|(uses, _)| uses).sum()
    }
}

/// What the summary says about external URLs.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct ExternalSummary {
    /// Unique `http(s)` URLs (after normalising, fragments aside).
    pub urls: usize,
    /// Requested in this run.
    pub checked: usize,
    /// Answered from the cache.
    pub cached: usize,
    /// Not checked: matched `exclude`.
    pub excluded: usize,
    /// Broken, unreachable or blocked, or with a missing fragment.
    pub failed: usize,
    /// Unique URLs by verdict (`ok`, `redirected`, `broken`, `timeout`, `network-error`,
    /// `blocked`, `private`).
    pub verdicts: BTreeMap<&'static str, usize>,
    /// Checking was off (`--offline`).
    pub offline: bool,
    /// Each unique URL: how it was decided (`unchecked` offline, `excluded`, `cached`,
    /// `checked`), its verdict, and whether it failed. Not in the JSON summary; `--shard`
    /// reports carry it so that `merge` counts every URL once.
    #[serde(skip)]
    pub per_url: BTreeMap<String, UrlOutcome>,
}

/// How one unique external URL was decided.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UrlOutcome {
    /// `unchecked`, `excluded`, `cached` or `checked`.
    pub status: String,
    /// The verdict's name, when there is one.
    pub verdict: Option<String>,
    /// Broken, unreachable or blocked, or with a missing fragment.
    pub failed: bool,
}

impl ExternalSummary {
    /// The counts again from per-URL outcomes (what `merge` does with every shard's URLs).
    pub fn recount(&mut self) {
        let count = |status: &str| self.per_url.values().filter(|o| o.status == status).count();
        self.urls = self.per_url.len();
        self.excluded = count("excluded");
        self.cached = count("cached");
        self.checked = count("checked");
        self.failed = self.per_url.values().filter(|o| o.failed).count();
        let mut verdicts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for outcome in self.per_url.values() {
            if let Some(name) = outcome.verdict.as_deref().and_then(Verdict::static_name) {
                *verdicts.entry(name).or_default() += 1;
            }
        }
        self.verdicts = verdicts;
    }
}

/// A form's action is where it posts to: a GET or HEAD says nothing about it.
pub(crate) fn is_form_action(origin: &str) -> bool {
    matches!(origin, "form action" | "formaction")
}

fn describe(item: &ExternalUse) -> String {
    match (&item.template, &item.context) {
        (Some(template), Some(context)) => {
            format!("`{template}` (evaluates to `{}` for {context})", item.url)
        }
        (Some(template), None) => format!("`{template}` (evaluates to `{}`)", item.url),
        (None, _) => format!("`{}`", item.url),
    }
}

fn scheme(url: &str) -> Option<String> {
    let (scheme, _) = url.trim_start().split_once(':')?;
    Some(scheme.to_ascii_lowercase())
}

/// `mailto:` addresses (RFC 6068): each must look like `local@domain.tld`. `mailto:?subject=…`
/// (no address: the reader picks) is valid; `mailto:` alone is not.
fn mailto_problem(url: &str) -> Option<String> {
    let rest = &url.trim()[7..];
    let (addresses, query) = rest.split_once('?').unwrap_or((rest, ""));
    let addresses = percent_encoding::percent_decode_str(addresses).decode_utf8_lossy();
    if addresses.trim().is_empty() {
        let has_to = query
            .split('&')
            .any(|p| p.to_ascii_lowercase().starts_with("to="));
        return (!has_to && query.is_empty()).then(|| "has no address".to_string());
    }
    for address in addresses.split(',') {
        let address = address.trim();
        let valid = address.rsplit_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !local.contains(char::is_whitespace)
                && !local.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && domain.split('.').all(|label| {
                    !label.is_empty()
                        && !label.starts_with('-')
                        && !label.ends_with('-')
                        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
                })
        });
        if !valid {
            return Some(format!("has an invalid address `{address}`"));
        }
    }
    None
}

/// `tel:` numbers (RFC 3966): digits with `+`, `*`, `#` and visual separators; at least one
/// digit. Parameters after `;` are not checked.
fn tel_problem(url: &str) -> Option<String> {
    let rest = &url.trim()[4..];
    let number = rest.split(';').next().unwrap_or_default();
    let number = percent_encoding::percent_decode_str(number).decode_utf8_lossy();
    if number.trim().is_empty() {
        return Some("has no number".into());
    }
    let allowed =
        |c: char| c.is_ascii_digit() || matches!(c, '+' | '*' | '#' | '-' | '.' | '(' | ')' | ' ');
    if let Some(bad) = number.chars().find(|c| !allowed(*c)) {
        return Some(format!("has `{bad}`, which is not part of a phone number"));
    }
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return Some("has no digits".into());
    }
    None
}

fn contact(item: &ExternalUse, out: &mut Vec<(usize, Diagnostic)>) {
    let Some(scheme) = scheme(&item.url) else {
        return;
    };
    let (rule, problem, help) = match scheme.as_str() {
        "mailto" => (
            &INVALID_MAILTO_LINK,
            mailto_problem(&item.url),
            "write the address as `mailto:name@example.org`",
        ),
        "tel" => (
            &INVALID_TEL_LINK,
            tel_problem(&item.url),
            "write the number in international form, as `tel:+1-201-555-0123`",
        ),
        _ => return,
    };
    if let Some(problem) = problem {
        out.push((
            item.site,
            Diagnostic::new(
                rule,
                &item.file,
                Some(item.location),
                format!("{} {problem}", describe(item)),
            )
            .label(format!("invalid `{scheme}:` link"))
            .help(help),
        ));
    }
}

/// Apply the first matching remap.
fn remapped(url: &str, options: &ExternalOptions) -> String {
    for (pattern, replacement) in &options.remap {
        if pattern.is_match(url) {
            return pattern.replace(url, replacement.as_str()).into_owned();
        }
    }
    url.to_string()
}

/// One `http(s)` use, normalised.
struct Normalised<'a> {
    item: &'a ExternalUse,
    key: String,
    fragment: Option<String>,
}

/// Check every use; findings go to `out` with their site's index.
#[allow(clippy::too_many_lines)] // Collect, request, then judge each use, in order.
pub(crate) fn check(
    uses: &[ExternalUse],
    tally: &Tally,
    options: Option<&ExternalOptions>,
    out: &mut Vec<(usize, Diagnostic)>,
) -> ExternalSummary {
    let mut summary = ExternalSummary {
        offline: options.is_none(),
        ..ExternalSummary::default()
    };
    let default = ExternalOptions::default();
    let settings = options.unwrap_or(&default);
    let mut web = Vec::new();
    let mut excluded = BTreeSet::new();
    let mut unique = BTreeSet::new();
    // Each written URL is normalised once: a large site writes the same few thousand URLs
    // hundreds of thousands of times (rustdoc: 227k uses of about 2k URLs).
    let mut seen: HashMap<&str, Option<(String, Option<String>)>> = HashMap::new();
    let mut normalise = |written: &str| {
        let url = remapped(written, settings);
        let (parsed, fragment) = external::normalise(&url)?;
        let key = parsed.to_string();
        unique.insert(key.clone());
        if settings
            .exclude
            .iter()
            .any(|r| r.is_match(&key) || r.is_match(&url))
        {
            excluded.insert(key);
            return None;
        }
        Some((key, fragment))
    };
    for (url, (_, followed)) in &tally.urls {
        if *followed {
            seen.entry(url).or_insert_with(|| normalise(url));
        }
    }
    for item in uses {
        if matches!(scheme(&item.url).as_deref(), Some("mailto" | "tel")) {
            contact(item, out);
            continue;
        }
        // A form's action is where it posts to: a GET or HEAD says nothing about it.
        if is_form_action(item.origin) {
            continue;
        }
        let normalised = seen
            .entry(item.url.as_str())
            .or_insert_with(|| normalise(&item.url));
        // Offline, nothing is requested: counting the unique URLs is all.
        if let (Some((key, fragment)), Some(_)) = (normalised, options) {
            web.push(Normalised {
                item,
                key: key.clone(),
                fragment: fragment.clone(),
            });
        }
    }
    summary.urls = unique.len();
    summary.excluded = excluded.len();
    for key in &unique {
        let status = if excluded.contains(key) {
            "excluded"
        } else {
            "unchecked"
        };
        summary.per_url.insert(
            key.clone(),
            UrlOutcome {
                status: status.into(),
                ..UrlOutcome::default()
            },
        );
    }
    let Some(options) = options else {
        return summary;
    };

    // One target per URL, with every fragment its uses ask for.
    let mut targets: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for use_ in &web {
        let fragments = targets.entry(use_.key.clone()).or_default();
        if let Some(fragment) = &use_.fragment {
            fragments.insert(fragment.clone());
        }
    }
    let results = verdicts(&targets, options, &mut summary);

    if let Some(diagnostic) = no_network(&results, &web) {
        // Every host failed at the network level: the machine is offline (or behind a firewall),
        // not the site broken. One warning instead of an error per link.
        for (key, result) in &results {
            *summary.verdicts.entry(result.verdict.name()).or_default() += 1;
            if let Some(outcome) = summary.per_url.get_mut(key) {
                outcome.verdict = Some(result.verdict.name().to_string());
                outcome.failed = true;
            }
        }
        summary.failed = results.len();
        out.push(diagnostic);
        return summary;
    }

    let mut failed = BTreeSet::new();
    for (key, result) in &results {
        *summary.verdicts.entry(result.verdict.name()).or_default() += 1;
        if let Some(outcome) = summary.per_url.get_mut(key) {
            outcome.verdict = Some(result.verdict.name().to_string());
        }
        if !matches!(
            result.verdict,
            Verdict::Ok | Verdict::Redirected { .. } | Verdict::Private { .. }
        ) {
            failed.insert(key.clone());
        }
    }
    for use_ in &web {
        let Some(result) = results.get(&use_.key) else {
            continue;
        };
        if let Some(diagnostic) = report(use_, result, &mut failed) {
            out.push((use_.item.site, diagnostic));
        }
        // A page that moved can still lack the fragment: both findings apply.
        if matches!(result.verdict, Verdict::Redirected { .. }) {
            if let Some(diagnostic) = missing_fragment(use_, result) {
                failed.insert(use_.key.clone());
                out.push((use_.item.site, diagnostic));
            }
        }
    }
    summary.failed = failed.len();
    for key in &failed {
        if let Some(outcome) = summary.per_url.get_mut(key) {
            outcome.failed = true;
        }
    }
    summary
}

/// Hosts that must all fail before a run is taken for "no network" rather than broken links.
const NO_NETWORK_HOSTS: usize = 3;

/// When every requested URL, on at least [`NO_NETWORK_HOSTS`] different hosts, failed with a
/// network error or a timeout, one warning (at the first use) saying the checker could not
/// reach the network.
fn no_network(
    results: &BTreeMap<String, Checked>,
    web: &[Normalised<'_>],
) -> Option<(usize, Diagnostic)> {
    let hosts: BTreeSet<String> = results
        .keys()
        .filter_map(|key| url::Url::parse(key).ok()?.host_str().map(str::to_string))
        .collect();
    let unreachable = hosts.len() >= NO_NETWORK_HOSTS
        && results
            .values()
            .all(|r| matches!(r.verdict, Verdict::Network { .. } | Verdict::Timeout));
    if !unreachable {
        return None;
    }
    let first = web
        .iter()
        .find(|use_| results.contains_key(&use_.key))?
        .item;
    Some((
        first.site,
        Diagnostic::new(
            &UNREACHABLE_EXTERNAL_LINK,
            &first.file,
            Some(first.location),
            format!(
                "none of the {} external URLs could be reached, on any of {} hosts: is this machine offline?",
                results.len(),
                hosts.len()
            ),
        )
        .severity(Severity::Warning)
        .label("the first of them")
        .help("check the network (or a proxy or firewall), or run with `--offline`; no link was judged"),
    ))
}

/// A verdict for every target: from the cache when fresh, else by requesting it.
fn verdicts(
    targets: &BTreeMap<String, BTreeSet<String>>,
    options: &ExternalOptions,
    summary: &mut ExternalSummary,
) -> BTreeMap<String, Checked> {
    let mut cache = options
        .cache
        .as_deref()
        .map(|folder| Cache::open(folder, options.cache_max_age));
    let mut results: BTreeMap<String, Checked> = BTreeMap::new();
    let mut to_check = Vec::new();
    for (key, fragments) in targets {
        let fragments: Vec<String> = fragments.iter().cloned().collect();
        if let Some(hit) = cache.as_ref().and_then(|c| c.get(key, &fragments)) {
            summary.cached += 1;
            if let Some(outcome) = summary.per_url.get_mut(key) {
                outcome.status = "cached".into();
            }
            results.insert(key.clone(), hit);
            continue;
        }
        let url = url::Url::parse(key).expect("keys are serialised URLs");
        if let Some(outcome) = summary.per_url.get_mut(key) {
            outcome.status = "checked".into();
        }
        to_check.push(Target { url, fragments });
    }
    summary.checked = to_check.len();
    let keys: Vec<String> = to_check.iter().map(|t| t.url.to_string()).collect();
    let tracker = Arc::new(Tracker::new(options.progress, to_check.len()));
    let checked = if to_check.is_empty() {
        Vec::new()
    } else {
        engine::check_all(to_check, options, &tracker)
    };
    tracker.close();
    for (key, result) in keys.into_iter().zip(checked) {
        if let Some(cache) = cache.as_mut() {
            cache.put(&key, &result);
        }
        results.insert(key, result);
    }
    if let Some(cache) = cache {
        // The cache only saves time: a folder that cannot be written costs the next run a
        // re-check, nothing more.
        let _ = cache.save();
    }
    results
}

/// EXT005 for a use whose fragment the fully read page does not have.
fn missing_fragment(use_: &Normalised<'_>, result: &Checked) -> Option<Diagnostic> {
    let fragment = use_.fragment.as_ref()?;
    let host = url::Url::parse(&use_.key)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_default();
    if external::fragment::always_present(fragment, &host)
        || result.fragments_found.contains(fragment)
        || !result.page_complete
    {
        return None;
    }
    let item = use_.item;
    Some(
        Diagnostic::new(
            &MISSING_EXTERNAL_FRAGMENT,
            &item.file,
            Some(item.location),
            format!(
                "fragment `#{fragment}` of {} is not on that page",
                describe(item)
            ),
        )
        .label("the page has no element with this id or name")
        .help("link to an id the page has (headings often change theirs), or drop the fragment"),
    )
}

fn report(
    use_: &Normalised<'_>,
    result: &Checked,
    failed: &mut BTreeSet<String>,
) -> Option<Diagnostic> {
    let item = use_.item;
    let what = describe(item);
    let new =
        |rule, message: String| Diagnostic::new(rule, &item.file, Some(item.location), message);
    Some(match &result.verdict {
        Verdict::Ok => {
            let diagnostic = missing_fragment(use_, result)?;
            failed.insert(use_.key.clone());
            diagnostic
        }
        Verdict::Redirected { to, status } => {
            let fixed = match &use_.fragment {
                Some(fragment) => format!("{to}#{fragment}"),
                None => to.clone(),
            };
            let diagnostic = new(
                &REDIRECTED_EXTERNAL_LINK,
                format!("{what} has moved permanently to `{fixed}`"),
            )
            .label(format!("answers {}", engine::status_text(*status)))
            .help(format!("link to `{fixed}`"));
            if item.template.is_none() {
                diagnostic.fix(fixed)
            } else {
                diagnostic
            }
        }
        Verdict::Broken { reason, .. } => new(
            &BROKEN_EXTERNAL_LINK,
            if item.asset {
                format!("missing external file {what} ({})", item.origin)
            } else {
                format!("broken link {what}")
            },
        )
            .label(reason.clone())
            .help("fix the URL, link to where the content lives now (an archived copy if it is gone), or remove the link"),
        Verdict::Timeout => new(
            &UNREACHABLE_EXTERNAL_LINK,
            format!("{what} did not answer in time"),
        )
        .severity(Severity::Warning)
        .label("timed out, after retries")
        .help("check it in a browser; a slow server may need a longer `--timeout`"),
        Verdict::Network { reason } => new(
            &UNREACHABLE_EXTERNAL_LINK,
            format!("{what} cannot be reached"),
        )
        .label(reason.clone())
        .help("check the host name; if the site is gone, link elsewhere or remove the link"),
        Verdict::Blocked { reason, .. } => new(
            &BLOCKED_EXTERNAL_LINK,
            format!("{what} could not be checked: the server refuses automated requests"),
        )
        .label(reason.clone())
        .help("check it in a browser; add it to `exclude` in `[external]` if it works"),
        Verdict::Private {
            host,
            address,
            what: kind,
            never,
        } => {
            let help = if *never {
                "link-local addresses (such as cloud metadata endpoints) are never requested"
            } else {
                "pass `--allow-private` to check links to local or intranet servers"
            };
            new(
                &PRIVATE_ADDRESS_LINK,
                format!("{what} not checked (private address)"),
            )
            .label(format!("`{host}` is {kind} ({address})"))
            .help(help)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mailto_addresses_are_checked_for_syntax() {
        assert_eq!(mailto_problem("mailto:a@example.org"), None);
        assert_eq!(
            mailto_problem("mailto:a@example.org,b@example.com?subject=Hi"),
            None
        );
        assert_eq!(mailto_problem("mailto:?subject=Hi"), None);
        assert_eq!(mailto_problem("mailto:"), Some("has no address".into()));
        assert!(mailto_problem("mailto:someone").is_some());
        assert!(mailto_problem("mailto:a@example").is_some());
        assert!(mailto_problem("mailto:a b@example.org").is_some());
    }

    #[test]
    fn tel_numbers_need_digits() {
        assert_eq!(tel_problem("tel:+1-201-555-0123"), None);
        assert_eq!(tel_problem("tel:%2B44%2020%207946%200000"), None);
        assert_eq!(tel_problem("tel:"), Some("has no number".into()));
        assert!(tel_problem("tel:call-us").is_some());
    }
}
