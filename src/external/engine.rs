//! The HTTP side: one shared client on a small tokio runtime; a global limit on requests in
//! flight plus, per host, a limit and a minimum interval between request starts; HEAD first,
//! GET when HEAD is refused or a fragment must be found; bodies streamed and dropped as soon
//! as the fragments are found or the size cap is reached; retries with exponential backoff
//! and jitter; `Retry-After` honoured up to a cap; redirects followed by hand so that every
//! hop's address is checked and loops are seen.

use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderValue, ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use reqwest::Method;
use tokio::sync::Semaphore;
use url::{Host, Url};

use super::address::{self, GuardedResolver, Refusal};
use super::fragment::{self, Scanner};
use super::{blocks_bots, Checked, ExternalOptions, Target, Verdict};
use crate::report::progress::Tracker;

/// Per host: requests in flight, and when the next one may start.
struct HostGate {
    permits: Semaphore,
    next: Mutex<Instant>,
}

impl HostGate {
    async fn wait_turn(&self, interval: Duration) {
        let wait = {
            let mut next = self
                .next
                .lock()
                .expect("no code panics while holding the gate");
            let now = Instant::now();
            let start = (*next).max(now);
            *next = start + interval;
            start - now
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

struct Shared {
    client: reqwest::Client,
    options: ExternalOptions,
    global: Semaphore,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
    tracker: Arc<Tracker>,
}

impl Shared {
    fn gate(&self, host: &str) -> Arc<HostGate> {
        let mut hosts = self
            .hosts
            .lock()
            .expect("no code panics while holding the host map");
        Arc::clone(hosts.entry(host.to_string()).or_insert_with(|| {
            Arc::new(HostGate {
                permits: Semaphore::new(self.options.per_host),
                next: Mutex::new(Instant::now()),
            })
        }))
    }
}

/// What one exchange with a server gave.
#[derive(Debug)]
struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: Option<Duration>,
    found: Vec<String>,
    complete: bool,
}

/// Why an attempt failed, before retries decide.
enum Failure {
    Timeout,
    Network(String),
    Status(Answer),
}

fn client(options: &ExternalOptions) -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .user_agent(options.user_agent.clone())
        // A proxy would resolve names itself, past the private-address guard.
        .no_proxy()
        .dns_resolver(Arc::new(GuardedResolver {
            allow_private: options.allow_private,
        }))
        .pool_max_idle_per_host(options.per_host)
        .build()
}

/// Check every target; results in the targets' order.
pub(crate) fn check_all(
    targets: Vec<Target>,
    options: &ExternalOptions,
    tracker: &Arc<Tracker>,
) -> Vec<Checked> {
    let failed_all = |reason: String, count: usize| {
        vec![
            Checked {
                verdict: Verdict::Network { reason },
                fragments_found: Vec::new(),
                page_complete: false,
            };
            count
        ]
    };
    let count = targets.len();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return failed_all(format!("cannot start the HTTP runtime: {error}"), count),
    };
    let client = match runtime.block_on(async { client(options) }) {
        Ok(client) => client,
        Err(error) => return failed_all(format!("cannot set up the HTTP client: {error}"), count),
    };
    let shared = Arc::new(Shared {
        client,
        options: options.clone(),
        global: Semaphore::new(options.concurrency),
        hosts: Mutex::new(HashMap::new()),
        tracker: Arc::clone(tracker),
    });
    runtime.block_on(async move {
        let mut tasks = tokio::task::JoinSet::new();
        for (index, target) in targets.into_iter().enumerate() {
            let shared = Arc::clone(&shared);
            tasks.spawn(async move {
                let host = target.url.host_str().unwrap_or_default().to_string();
                shared.tracker.start(&host);
                let checked = follow(&shared, &target).await;
                let failed = !matches!(
                    checked.verdict,
                    Verdict::Ok | Verdict::Redirected { .. } | Verdict::Private { .. }
                );
                shared.tracker.finish(&host, failed);
                (index, checked)
            });
        }
        let mut results: Vec<Option<Checked>> = vec![None; count];
        while let Some(joined) = tasks.join_next().await {
            if let Ok((index, checked)) = joined {
                results[index] = Some(checked);
            }
        }
        results
            .into_iter()
            .map(|r| {
                r.unwrap_or(Checked {
                    verdict: Verdict::Network {
                        reason: "the check stopped unexpectedly".into(),
                    },
                    fragments_found: Vec::new(),
                    page_complete: false,
                })
            })
            .collect()
    })
}

fn verdict_only(verdict: Verdict) -> Checked {
    Checked {
        verdict,
        fragments_found: Vec::new(),
        page_complete: false,
    }
}

/// Follow `target` through its redirects to a verdict.
async fn follow(shared: &Shared, target: &Target) -> Checked {
    let options = &shared.options;
    let first_host = target.url.host_str().unwrap_or_default().to_string();
    let wanted: Vec<String> = target
        .fragments
        .iter()
        .filter(|f| !fragment::always_present(f, &first_host))
        .cloned()
        .collect();
    let mut url = target.url.clone();
    let mut seen = HashSet::from([url.to_string()]);
    let mut permanent: Option<u16> = None;
    let mut hops = 0;
    loop {
        if let Err(verdict) = guard(&url, options).await {
            return verdict_only(verdict);
        }
        let answer = match request(shared, &url, &wanted).await {
            Ok(answer) => answer,
            Err(verdict) => return verdict_only(verdict),
        };
        let status = answer.status;
        if let Some(location) = &answer.location {
            let next = match url.join(location.trim()) {
                Ok(mut next) if matches!(next.scheme(), "http" | "https") => {
                    next.set_fragment(None);
                    next
                }
                _ => {
                    return verdict_only(Verdict::Broken {
                        status: Some(status),
                        reason: format!("redirects to `{location}`, which cannot be requested"),
                    })
                }
            };
            if matches!(status, 301 | 308) && permanent.is_none() {
                permanent = Some(status);
            }
            hops += 1;
            if !seen.insert(next.to_string()) {
                return verdict_only(Verdict::Broken {
                    status: Some(status),
                    reason: format!("redirect loop: `{url}` leads back to `{next}`"),
                });
            }
            if hops > options.max_redirects {
                return verdict_only(Verdict::Broken {
                    status: Some(status),
                    reason: format!("more than {} redirects", options.max_redirects),
                });
            }
            url = next;
            continue;
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let after = if hops > 0 {
            format!(" (after redirects to `{url}`)")
        } else {
            String::new()
        };
        let verdict = if options.accepts(status) {
            match permanent {
                Some(status) => Verdict::Redirected {
                    to: url.to_string(),
                    status,
                },
                None => Verdict::Ok,
            }
        } else if status == 429 {
            Verdict::Blocked {
                status,
                reason: format!("rate limited (429 Too Many Requests) after retries{after}"),
            }
        } else if status == 999 || (matches!(status, 401 | 403) && blocks_bots(&host)) {
            Verdict::Blocked {
                status,
                reason: format!(
                    "`{host}` refuses automated clients ({}){after}",
                    status_text(status)
                ),
            }
        } else {
            Verdict::Broken {
                status: Some(status),
                reason: format!("the server answers {}{after}", status_text(status)),
            }
        };
        return Checked {
            verdict,
            fragments_found: answer.found,
            page_complete: answer.complete,
        };
    }
}

/// `404 Not Found`.
pub(crate) fn status_text(status: u16) -> String {
    match reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// Refuse hosts that are, or resolve to, addresses that may not be requested.
async fn guard(url: &Url, options: &ExternalOptions) -> Result<(), Verdict> {
    let host_text = url.host_str().unwrap_or_default().to_string();
    let refuse = |ip: IpAddr, refusal: Refusal| Verdict::Private {
        host: host_text.clone(),
        address: ip.to_string(),
        what: refusal.describe().to_string(),
        never: matches!(refusal, Refusal::Never(_)),
    };
    let addresses: Vec<SocketAddr> = match url.host() {
        Some(Host::Ipv4(ip)) => vec![SocketAddr::new(IpAddr::V4(ip), 0)],
        Some(Host::Ipv6(ip)) => vec![SocketAddr::new(IpAddr::V6(ip), 0)],
        Some(Host::Domain(domain)) => {
            let port = url.port_or_known_default().unwrap_or(443);
            match tokio::time::timeout(
                options.connect_timeout,
                tokio::net::lookup_host((domain, port)),
            )
            .await
            {
                Ok(Ok(found)) => found.collect(),
                Ok(Err(error)) => {
                    return Err(Verdict::Network {
                        reason: format!("DNS lookup of `{domain}` failed: {error}"),
                    })
                }
                Err(_) => return Err(Verdict::Timeout),
            }
        }
        None => Vec::new(),
    };
    match address::first_refused(&addresses, options.allow_private) {
        Some((ip, refusal)) => Err(refuse(ip, refusal)),
        None => Ok(()),
    }
}

/// One request with retries; `Err` is a final verdict.
async fn request(shared: &Shared, url: &Url, fragments: &[String]) -> Result<Answer, Verdict> {
    let options = &shared.options;
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    // Limits are per server: a host name with its port (other ports are other services).
    let gate = shared.gate(&match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.clone(),
    });
    let mut method = if fragments.is_empty() {
        Method::HEAD
    } else {
        Method::GET
    };
    let mut attempt = 0;
    loop {
        let result = {
            let _host_permit = gate
                .permits
                .acquire()
                .await
                .expect("the host semaphore is never closed");
            gate.wait_turn(options.host_interval).await;
            let _permit = shared
                .global
                .acquire()
                .await
                .expect("the global semaphore is never closed");
            tokio::time::timeout(
                options.timeout,
                exchange(shared, url, &method, fragments, &host),
            )
            .await
        };
        let failure = match result {
            Err(_) => Failure::Timeout,
            Ok(Err(error)) => classify(&error),
            Ok(Ok(answer)) => {
                // Some servers refuse HEAD, or answer it wrongly; GET says what a reader gets.
                if method == Method::HEAD && matches!(answer.status, 403 | 405 | 501) {
                    method = Method::GET;
                    continue;
                }
                let retryable = answer.status == 429
                    || ((500..600).contains(&answer.status) && !options.accepts(answer.status));
                if !retryable {
                    return Ok(answer);
                }
                Failure::Status(answer)
            }
        };
        if attempt >= options.retries {
            return match failure {
                Failure::Timeout => Err(Verdict::Timeout),
                Failure::Network(reason) => Err(Verdict::Network { reason }),
                Failure::Status(answer) => Ok(answer),
            };
        }
        let wait = match &failure {
            Failure::Status(Answer {
                retry_after: Some(wait),
                status,
                ..
            }) => {
                if *wait > options.max_retry_after {
                    return Err(Verdict::Blocked {
                        status: *status,
                        reason: format!(
                            "asks to retry after {} s, longer than the {} s allowed (`--max-retry-after`)",
                            wait.as_secs(),
                            options.max_retry_after.as_secs()
                        ),
                    });
                }
                *wait
            }
            _ => backoff(options.retry_wait, attempt),
        };
        attempt += 1;
        tokio::time::sleep(wait).await;
    }
}

/// `base × 2^attempt`, plus up to half as much again at random, so that many clients do not
/// retry in step.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let exponential = base.saturating_mul(1 << attempt.min(16));
    exponential + exponential.mul_f64(fastrand::f64() / 2.0)
}

/// `Retry-After`: seconds, or an HTTP date.
fn retry_after(value: &HeaderValue) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(
        date.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

fn classify(error: &reqwest::Error) -> Failure {
    if error.is_timeout() {
        return Failure::Timeout;
    }
    // The innermost cause says most (`connection reset by peer`, `invalid peer certificate`).
    let mut innermost: &dyn std::error::Error = error;
    while let Some(source) = innermost.source() {
        innermost = source;
    }
    let detail = innermost.to_string();
    let lower = detail.to_ascii_lowercase();
    let reason = if lower.contains("dns") || lower.contains("lookup") || lower.contains("resolves")
    {
        format!("DNS lookup failed: {detail}")
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        format!("TLS error: {detail}")
    } else if error.is_connect() {
        format!("cannot connect: {detail}")
    } else {
        format!("connection failed: {detail}")
    };
    if lower.contains("timed out") {
        return Failure::Timeout;
    }
    Failure::Network(reason)
}

/// Send one request and, for a page whose fragments are wanted, read just enough of it.
async fn exchange(
    shared: &Shared,
    url: &Url,
    method: &Method,
    fragments: &[String],
    host: &str,
) -> Result<Answer, reqwest::Error> {
    let mut request = shared.client.request(method.clone(), url.clone());
    for (name, value) in shared.options.headers_for(host) {
        request = request.header(name, value);
    }
    if *method == Method::GET {
        request = request.header(ACCEPT, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
    }
    let mut response = request.send().await?;
    let status = response.status().as_u16();
    let location = matches!(status, 301 | 302 | 303 | 307 | 308)
        .then(|| response.headers().get(LOCATION))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let retry_after = response.headers().get(RETRY_AFTER).and_then(retry_after);
    let mut answer = Answer {
        status,
        location,
        retry_after,
        found: Vec::new(),
        complete: false,
    };
    let html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.to_ascii_lowercase().contains("html"));
    if fragments.is_empty() || answer.location.is_some() || !shared.options.accepts(status) || !html
    {
        return Ok(answer);
    }
    let mut scanner = Scanner::new(fragments.iter().cloned());
    let mut read: u64 = 0;
    while let Some(chunk) = response.chunk().await? {
        read += chunk.len() as u64;
        if scanner.feed(&chunk) || read >= shared.options.max_body_size {
            answer.found = scanner.found().iter().cloned().collect();
            return Ok(answer);
        }
    }
    answer.found = scanner.found().iter().cloned().collect();
    answer.complete = true;
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_or_an_http_date() {
        assert_eq!(
            retry_after(&HeaderValue::from_static("120")),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let wait = retry_after(&HeaderValue::from_str(&later).unwrap()).unwrap();
        assert!(
            wait > Duration::from_secs(25) && wait <= Duration::from_secs(30),
            "{wait:?}"
        );
        let past = HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT");
        assert_eq!(retry_after(&past), Some(Duration::ZERO));
        assert_eq!(retry_after(&HeaderValue::from_static("soon")), None);
    }

    #[test]
    fn backoff_doubles_with_at_most_half_again_of_jitter() {
        let base = Duration::from_millis(100);
        for attempt in 0..4 {
            let wait = backoff(base, attempt);
            let floor = base * (1 << attempt);
            assert!(
                wait >= floor && wait <= floor.mul_f64(1.5),
                "{attempt}: {wait:?}"
            );
        }
    }
}
