//! External links against a server these tests start on 127.0.0.1 (a small hand-rolled HTTP/1.1
//! server on a tokio `TcpListener`: raw TCP is needed anyway for resets and endless bodies).
//! Nothing here, or anywhere in the tests, sends traffic anywhere else. Timeouts and waits are
//! short, so the whole file runs in a few seconds.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use common::{f, Finding};
use sitelint::check::{check, CheckOptions, Outcome};
use sitelint::external::ExternalOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Requests seen, as `METHOD /path`, and headers of the last request per path.
#[derive(Default)]
struct Log {
    hits: HashMap<String, usize>,
    headers: HashMap<String, String>,
}

struct Server {
    port: u16,
    log: Arc<Mutex<Log>>,
}

impl Server {
    fn start() -> Self {
        let log = Arc::new(Mutex::new(Log::default()));
        let (sender, receiver) = std::sync::mpsc::channel();
        let shared = Arc::clone(&log);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
                sender.send(listener.local_addr().unwrap().port()).unwrap();
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    tokio::spawn(serve(stream, Arc::clone(&shared)));
                }
            });
        });
        let port = receiver.recv().unwrap();
        Self { port, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn hits(&self, request: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .hits
            .get(request)
            .copied()
            .unwrap_or(0)
    }

    fn total_hits(&self) -> usize {
        self.log.lock().unwrap().hits.values().sum()
    }
}

fn big_page(id: &str) -> Vec<u8> {
    let mut page = b"<!doctype html><title>big</title>".to_vec();
    for n in 0..40_000 {
        writeln!(page, "<p class=\"filler\">paragraph {n}</p>").unwrap();
    }
    write!(page, "<h2 id=\"{id}\">Deep</h2></html>").unwrap();
    page
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn brotli_compress(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        writer.write_all(bytes).unwrap();
    }
    out
}

/// What the server does for one request.
enum Reply {
    Answer(&'static str, Vec<(&'static str, String)>, Vec<u8>),
    /// Answer after five seconds (beyond every timeout here).
    Slow,
    /// Reset the connection without answering.
    Hang,
    /// A 200 whose body never ends.
    Endless,
}

fn html() -> (&'static str, String) {
    ("Content-Type", "text/html; charset=utf-8".to_string())
}

fn status(status: &'static str) -> Reply {
    Reply::Answer(status, Vec::new(), Vec::new())
}

fn redirect(status: &'static str, to: &str) -> Reply {
    Reply::Answer(status, vec![("Location", to.to_string())], Vec::new())
}

/// The routes; `any` counts this path's requests so far (this one included).
fn route(head: bool, path: &str, any: usize) -> Reply {
    match path {
        "/ok" => Reply::Answer("200 OK", vec![html()], b"<p>ok</p>".to_vec()),
        "/410" => status("410 Gone"),
        "/flaky" | "/rate" if any > 1 => status("200 OK"),
        "/flaky" => status("500 Internal Server Error"),
        "/always-500" => status("503 Service Unavailable"),
        "/r1" => redirect("301 Moved Permanently", "/r2"),
        "/r2" => redirect("308 Permanent Redirect", "/ok"),
        "/temporary" => redirect("302 Found", "/ok"),
        "/loop-a" => redirect("301 Moved Permanently", "/loop-b"),
        "/loop-b" => redirect("301 Moved Permanently", "/loop-a"),
        "/to-metadata" => redirect(
            "301 Moved Permanently",
            "http://169.254.169.254/latest/meta-data/",
        ),
        "/rate" => Reply::Answer(
            "429 Too Many Requests",
            vec![("Retry-After", "1".into())],
            Vec::new(),
        ),
        "/rate-long" => Reply::Answer(
            "429 Too Many Requests",
            vec![("Retry-After", "3600".into())],
            Vec::new(),
        ),
        "/bots" => status("999 Request denied"),
        "/no-head" if head => status("405 Method Not Allowed"),
        "/no-head" => Reply::Answer("200 OK", vec![html()], b"<p>GET only</p>".to_vec()),
        "/slow" => Reply::Slow,
        "/reset" => Reply::Hang,
        "/endless" => Reply::Endless,
        "/big" => Reply::Answer("200 OK", vec![html()], big_page("deep")),
        "/gzip" => Reply::Answer(
            "200 OK",
            vec![html(), ("Content-Encoding", "gzip".into())],
            gzip(&big_page("zipped")),
        ),
        "/brotli" => Reply::Answer(
            "200 OK",
            vec![html(), ("Content-Encoding", "br".into())],
            brotli_compress(&big_page("squeezed")),
        ),
        "/readme" => Reply::Answer(
            "200 OK",
            vec![html()],
            b"<article><h2 id=\"user-content-install\">Install</h2></article>".to_vec(),
        ),
        _ => status("404 Not Found"),
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Log>>) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request).into_owned();
    let mut words = text.split_whitespace();
    let method = words.next().unwrap_or_default().to_string();
    let path = words.next().unwrap_or_default().to_string();
    let head = method == "HEAD";
    let any = {
        let mut log = log.lock().unwrap();
        *log.hits.entry(format!("{method} {path}")).or_default() += 1;
        log.headers.insert(path.clone(), text.clone());
        let suffix = format!(" {path}");
        log.hits
            .iter()
            .filter(|(k, _)| k.ends_with(&suffix))
            .map(|(_, v)| v)
            .sum::<usize>()
    };
    let (status, headers, body) = match route(head, &path, any) {
        Reply::Answer(status, headers, body) => (status, headers, body),
        Reply::Slow => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            ("200 OK", Vec::new(), Vec::new())
        }
        Reply::Hang => {
            // SO_LINGER 0: closing sends a TCP reset rather than an orderly FIN.
            let _ = stream.set_zero_linger();
            drop(stream);
            return;
        }
        Reply::Endless => {
            let _ = stream
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
                )
                .await;
            let chunk = b"<p>more and more</p>\n".repeat(512);
            let started = Instant::now();
            // Until the client hangs up (bounded, so a broken client cannot keep the test
            // server busy for long).
            while !head && started.elapsed() < Duration::from_secs(30) {
                if stream.write_all(&chunk).await.is_err() {
                    break;
                }
            }
            return;
        }
    };
    let mut text = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        let _ = write!(text, "{name}: {value}\r\n");
    }
    text.push_str("\r\n");
    let _ = stream.write_all(text.as_bytes()).await;
    if !head {
        let _ = stream.write_all(&body).await;
    }
    let _ = stream.shutdown().await;
}

/// Fast settings: short timeouts and waits, no cache, loopback allowed.
fn options() -> ExternalOptions {
    ExternalOptions {
        timeout: Duration::from_millis(800),
        connect_timeout: Duration::from_millis(500),
        retries: 1,
        retry_wait: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
        host_interval: Duration::ZERO,
        allow_private: true,
        cache: None,
        ..ExternalOptions::default()
    }
}

fn site(pages: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in pages {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn run(root: &Path, external: ExternalOptions) -> Outcome {
    let mut options = CheckOptions::new(vec![root.to_path_buf()]);
    options.select = vec!["EXT".into()];
    options.external = Some(external);
    check(&options).unwrap()
}

fn flat(outcome: &Outcome) -> Vec<Finding> {
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (
                d.rule.code,
                d.severity.as_str(),
                d.file.display.clone(),
                line,
                column,
            )
        })
        .collect()
}

fn message(outcome: &Outcome, line: u32) -> (String, String, String) {
    let d = outcome
        .diagnostics
        .iter()
        .find(|d| d.location.unwrap().line == line)
        .unwrap_or_else(|| panic!("no finding on line {line}"));
    (
        d.message.clone(),
        d.label.clone().unwrap_or_default(),
        d.help.clone().unwrap_or_default(),
    )
}

#[test]
#[allow(clippy::too_many_lines)] // One page with every verdict, and what each finding says.
fn each_verdict_is_reported_at_the_url() {
    let server = Server::start();
    let u = |p: &str| server.url(p);
    let page = format!(
        r#"<a href="{}">ok</a>
<a href="{}">gone</a>
<a href="{}">gone for good</a>
<a href="{}">fails once, then works</a>
<a href="{}">always 503</a>
<a href="{}">two permanent hops</a>
<a href="{}">temporary</a>
<a href="{}">loop</a>
<a href="{}">rate limited once</a>
<a href="{}">rate limited for an hour</a>
<a href="{}">999</a>
<a href="{}">HEAD refused</a>
<a href="{}">slow</a>
<a href="{}">reset</a>
<a href="{}">redirect to metadata</a>
<a href="mailto:team.example.org">mail</a> <a href="tel:">call</a> <a href="mailto:a@example.org">fine</a>
"#,
        u("/ok"),
        u("/404"),
        u("/410"),
        u("/flaky"),
        u("/always-500"),
        u("/r1"),
        u("/temporary"),
        u("/loop-a"),
        u("/rate"),
        u("/rate-long"),
        u("/bots"),
        u("/no-head"),
        u("/slow"),
        u("/reset"),
        u("/to-metadata"),
    );
    let dir = site(&[("index.html", page)]);
    let started = Instant::now();
    let outcome = run(dir.path(), options());
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        flat(&outcome),
        [
            f("EXT001", "error", "index.html", 2, 10),
            f("EXT001", "error", "index.html", 3, 10),
            f("EXT001", "error", "index.html", 5, 10),
            f("EXT002", "info", "index.html", 6, 10),
            f("EXT001", "error", "index.html", 8, 10),
            f("EXT004", "warning", "index.html", 10, 10),
            f("EXT004", "warning", "index.html", 11, 10),
            f("EXT003", "warning", "index.html", 13, 10),
            f("EXT003", "error", "index.html", 14, 10),
            f("EXT008", "info", "index.html", 15, 10),
            f("EXT006", "error", "index.html", 16, 10),
            f("EXT007", "error", "index.html", 16, 53),
        ]
    );
    let (text, label, _) = message(&outcome, 2);
    assert_eq!(text, format!("broken link `{}`", u("/404")));
    assert_eq!(label, "the server answers 404 Not Found");
    let (text, label, help) = message(&outcome, 6);
    assert_eq!(
        text,
        format!("`{}` has moved permanently to `{}`", u("/r1"), u("/ok"))
    );
    assert_eq!(label, "answers 301 Moved Permanently");
    assert_eq!(help, format!("link to `{}`", u("/ok")));
    let redirect = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "EXT002")
        .unwrap();
    assert_eq!(redirect.fix.as_ref().unwrap().replacement, u("/ok"));
    assert!(
        message(&outcome, 8).1.starts_with("redirect loop"),
        "{:?}",
        message(&outcome, 8)
    );
    assert!(
        message(&outcome, 10).1.contains("retry after 3600 s"),
        "{:?}",
        message(&outcome, 10)
    );
    let (text, label, _) = message(&outcome, 14);
    assert_eq!(text, format!("`{}` cannot be reached", u("/reset")));
    assert!(
        label.contains("reset") || label.contains("closed"),
        "{label}"
    );
    let (text, label, _) = message(&outcome, 13);
    assert_eq!(text, format!("`{}` did not answer in time", u("/slow")));
    assert_eq!(label, "timed out, after retries");
    let (text, label, _) = message(&outcome, 15);
    assert_eq!(
        text,
        format!("`{}` not checked (private address)", u("/to-metadata"))
    );
    assert_eq!(
        label,
        "`169.254.169.254` is a link-local address (169.254.169.254)"
    );
    // Retries: the flaky URL was asked twice, the rate-limited one waited and was asked twice;
    // HEAD refused, then GET.
    assert_eq!(server.hits("HEAD /flaky"), 2);
    assert_eq!(server.hits("HEAD /rate"), 2);
    assert_eq!(server.hits("HEAD /rate-long"), 1);
    assert_eq!(
        server.hits("HEAD /no-head") + server.hits("GET /no-head"),
        2
    );
    let summary = &outcome.summary.external;
    assert_eq!(summary.urls, 15);
    assert_eq!(summary.checked, 15);
    assert_eq!(summary.failed, 8);
    assert_eq!(summary.verdicts["ok"], 5);
    assert_eq!(summary.verdicts["broken"], 4);
    assert_eq!(summary.verdicts["blocked"], 2);
}

#[test]
fn each_url_is_requested_once_and_reported_at_every_use() {
    let server = Server::start();
    let port = server.port;
    let a = format!(
        "<a href=\"http://127.0.0.1:{port}/404\">x</a>\n<a href=\"HTTP://127.0.0.1:{port}/404#part\">y</a>\n<a href=\"http://127.0.0.1:{port}/ok\">z</a>\n"
    );
    let b = format!("<p>\n<a href=\"http://127.0.0.1:{port}/404\">again</a> <a href=\"http://127.0.0.1:{port}/ok\">fine</a>\n");
    let dir = site(&[("a.html", a), ("b.html", b)]);
    let outcome = run(dir.path(), options());
    assert_eq!(
        flat(&outcome),
        [
            f("EXT001", "error", "a.html", 1, 10),
            f("EXT001", "error", "a.html", 2, 10),
            f("EXT001", "error", "b.html", 2, 10),
        ]
    );
    // `/404#part` needs the page (GET); the plain uses share that one request.
    assert_eq!(server.hits("GET /404") + server.hits("HEAD /404"), 1);
    assert_eq!(server.hits("HEAD /ok"), 1);
    assert_eq!(outcome.summary.external.urls, 2);
    assert_eq!(outcome.summary.external_links, 5);
}

#[test]
fn fragments_are_looked_for_in_large_and_compressed_pages() {
    let server = Server::start();
    let u = |p: &str| server.url(p);
    let page = format!(
        "<a href=\"{}#deep\">1</a>\n<a href=\"{}#absent\">2</a>\n<a href=\"{}#zipped\">3</a>\n<a href=\"{}#squeezed\">4</a>\n<a href=\"{}#nope\">5</a>\n<a href=\"{}#install\">6</a>\n<a href=\"{}#top\">7</a>\n<a href=\"{}#gone\">8</a>\n",
        u("/big"),
        u("/big"),
        u("/gzip"),
        u("/brotli"),
        u("/brotli"),
        u("/readme"),
        u("/ok"),
        u("/r1"),
    );
    let dir = site(&[("index.html", page)]);
    let outcome = run(dir.path(), options());
    assert_eq!(
        flat(&outcome),
        [
            f("EXT005", "warning", "index.html", 2, 10),
            f("EXT005", "warning", "index.html", 5, 10),
            f("EXT002", "info", "index.html", 8, 10),
            f("EXT005", "warning", "index.html", 8, 10),
        ]
    );
    let (text, _, _) = message(&outcome, 2);
    assert_eq!(
        text,
        format!(
            "fragment `#absent` of `{}#absent` is not on that page",
            u("/big")
        )
    );
    // `#top` needs no page: HEAD was enough.
    assert_eq!(server.hits("HEAD /ok"), 1);
    let compressed = server.log.lock().unwrap().headers["/gzip"].to_ascii_lowercase();
    let accepted = compressed
        .lines()
        .find(|l| l.starts_with("accept-encoding:"))
        .unwrap_or_default();
    assert!(
        accepted.contains("gzip") && accepted.contains("br"),
        "{compressed}"
    );
}

#[test]
fn an_endless_body_is_read_only_up_to_the_cap() {
    let server = Server::start();
    let page = format!("<a href=\"{}#never\">stream</a>\n", server.url("/endless"));
    let dir = site(&[("index.html", page)]);
    let started = Instant::now();
    let outcome = run(
        dir.path(),
        ExternalOptions {
            max_body_size: 256 * 1024,
            timeout: Duration::from_secs(5),
            ..options()
        },
    );
    // Not judged: only part of the page was read.
    assert_eq!(flat(&outcome), []);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(outcome.summary.external.verdicts["ok"], 1);
}

#[test]
fn private_addresses_are_not_requested_without_the_flag() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">local</a>\n<a href=\"http://169.254.169.254/\">metadata</a>\n",
        server.url("/ok")
    );
    let dir = site(&[("index.html", page)]);
    let outcome = run(
        dir.path(),
        ExternalOptions {
            allow_private: false,
            ..options()
        },
    );
    assert_eq!(
        flat(&outcome),
        [
            f("EXT008", "info", "index.html", 1, 10),
            f("EXT008", "info", "index.html", 2, 10),
        ]
    );
    assert_eq!(
        message(&outcome, 1).1,
        "`127.0.0.1` is a loopback address (127.0.0.1)"
    );
    assert_eq!(
        message(&outcome, 1).2,
        "pass `--allow-private` to check links to local or intranet servers"
    );
    // Even with the flag, link-local is refused.
    let outcome = run(dir.path(), options());
    assert_eq!(flat(&outcome), [f("EXT008", "info", "index.html", 2, 10)]);
    assert_eq!(server.total_hits(), 1);
}

#[test]
fn the_cache_answers_successes_and_failures_are_checked_again() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">ok</a>\n<a href=\"{}\">gone</a>\n",
        server.url("/ok"),
        server.url("/404")
    );
    let dir = site(&[("index.html", page)]);
    let cache = tempfile::tempdir().unwrap();
    let cached = || ExternalOptions {
        cache: Some(cache.path().join("c")),
        ..options()
    };
    let first = run(dir.path(), cached());
    assert_eq!(
        (
            first.summary.external.checked,
            first.summary.external.cached
        ),
        (2, 0)
    );
    let second = run(dir.path(), cached());
    assert_eq!(
        (
            second.summary.external.checked,
            second.summary.external.cached
        ),
        (1, 1)
    );
    assert_eq!(flat(&second), [f("EXT001", "error", "index.html", 2, 10)]);
    assert_eq!(server.hits("HEAD /ok"), 1);
    assert_eq!(server.hits("HEAD /404"), 2);
    // Expired entries are checked again.
    let expired = run(
        dir.path(),
        ExternalOptions {
            cache_max_age: Duration::ZERO,
            ..cached()
        },
    );
    assert_eq!(expired.summary.external.cached, 0);
    // Written atomically: no temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(cache.path().join("c"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn exclude_remap_and_per_host_headers_apply() {
    let server = Server::start();
    let page = "<a href=\"https://moved.example/ok\">remapped</a>\n<a href=\"https://skip.example/x\">excluded</a>\n";
    let dir = site(&[("index.html", page.to_string())]);
    let mut external = options();
    external.remap.push((
        regex::Regex::new("^https://moved\\.example/(.*)$").unwrap(),
        format!("http://127.0.0.1:{}/$1", server.port),
    ));
    external
        .exclude
        .push(regex::Regex::new("skip\\.example").unwrap());
    external
        .headers
        .insert("127.0.0.1".into(), vec![("X-Test".into(), "yes".into())]);
    external.github_token = Some("secret-token".into());
    let outcome = run(dir.path(), external);
    assert_eq!(flat(&outcome), []);
    assert_eq!(outcome.summary.external.excluded, 1);
    assert_eq!(server.hits("HEAD /ok"), 1);
    let request = server.log.lock().unwrap().headers["/ok"].to_ascii_lowercase();
    assert!(request.contains("x-test: yes"), "{request}");
    assert!(
        !request.contains("secret-token"),
        "the GitHub token went to another host"
    );
}

fn cli(dir: &Path, args: &[&str]) -> (serde_json::Value, Option<i32>) {
    let (report, _, code) = cli_with(dir, args, &[]);
    (report, code)
}

fn cli_with(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> (serde_json::Value, String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        // The project's tests run with SITELINT_OFFLINE=1 (.cargo/config.toml); this one checks
        // online, against its own server on 127.0.0.1.
        .map(|mut command| {
            command.env_remove("SITELINT_OFFLINE");
            command
        })
        .unwrap()
        .current_dir(dir)
        .env_remove("CI")
        .envs(env.iter().copied())
        .env_remove("GITHUB_TOKEN")
        .args(["check", "--format", "json", "--select", "EXT"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{stderr}"));
    (report, stderr, output.status.code())
}

#[test]
fn the_cli_checks_by_default_and_offline_requests_nothing() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">gone</a>\n<a href=\"{}\">ok</a>\n",
        server.url("/404"),
        server.url("/ok")
    );
    let dir = site(&[("index.html", page)]);
    let (report, code) = cli(dir.path(), &["--offline"]);
    assert_eq!(code, Some(0));
    assert_eq!(server.total_hits(), 0);
    assert_eq!(report["summary"]["external"]["offline"], true);
    assert_eq!(report["summary"]["external"]["urls"], 2);

    let (report, code) = cli(
        dir.path(),
        &["--allow-private", "--timeout", "2", "--retries", "0"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(report["diagnostics"][0]["code"], "EXT001");
    assert_eq!(report["diagnostics"][0]["line"], 1);
    let external = &report["summary"]["external"];
    assert_eq!(external["checked"], 2);
    assert_eq!(external["failed"], 1);
    assert_eq!(external["verdicts"]["broken"], 1);
    assert_eq!(external["offline"], false);
    // The default cache is in the current folder: the second run asks only the failure.
    assert!(dir.path().join(".sitelint-cache/external.json").is_file());
    let (report, _) = cli(dir.path(), &["--allow-private"]);
    assert_eq!(report["summary"]["external"]["cached"], 1);
    assert_eq!(server.hits("HEAD /ok"), 1);

    // Without `--allow-private`, loopback is not requested.
    let (report, code) = cli(dir.path(), &["--no-cache"]);
    assert_eq!(code, Some(0));
    assert_eq!(report["summary"]["external"]["verdicts"]["private"], 2);
    assert_eq!(server.hits("HEAD /404"), 2);
}

/// A rule's fixture folder copied to a temporary site, with `SERVER` replaced by the local
/// server's address (`127.0.0.1:PORT`).
fn fixture(rule: &str, server: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::fixture(rule)).unwrap() {
        let entry = entry.unwrap();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let text = text.replace("SERVER", &format!("127.0.0.1:{}", server.port));
        std::fs::write(dir.path().join(entry.file_name()), text).unwrap();
    }
    dir
}

fn fixture_findings(rule: &str, external: ExternalOptions) -> Vec<Finding> {
    let server = Server::start();
    let dir = fixture(rule, &server);
    let mut options = CheckOptions::new(vec![dir.path().to_path_buf()]);
    options.select = vec![rule.into()];
    options.external = Some(external);
    flat(&check(&options).unwrap())
}

#[test]
fn fixtures_of_the_external_rules() {
    // Each runs against its own local server; the slow ones overlap on separate threads.
    let cases: Vec<(&str, ExternalOptions, Vec<Finding>)> = vec![
        (
            "broken-external-link",
            options(),
            vec![
                f("EXT001", "error", "invalid.html", 4, 10),
                f("EXT001", "error", "invalid.html", 6, 10),
                f("EXT001", "error", "invalid.html", 8, 10),
                f("EXT001", "error", "invalid.html", 10, 10),
            ],
        ),
        (
            "redirected-external-link",
            options(),
            vec![f("EXT002", "info", "invalid.html", 4, 10)],
        ),
        (
            "unreachable-external-link",
            options(),
            vec![
                f("EXT003", "warning", "invalid.html", 4, 10),
                f("EXT003", "error", "invalid.html", 6, 10),
            ],
        ),
        (
            "blocked-external-link",
            options(),
            vec![
                f("EXT004", "warning", "invalid.html", 4, 10),
                f("EXT004", "warning", "invalid.html", 6, 10),
            ],
        ),
        (
            "missing-external-fragment",
            options(),
            vec![
                f("EXT005", "warning", "invalid.html", 4, 10),
                f("EXT005", "warning", "invalid.html", 6, 10),
            ],
        ),
        (
            "invalid-mailto-link",
            options(),
            vec![
                f("EXT006", "error", "invalid.html", 4, 10),
                f("EXT006", "error", "invalid.html", 6, 10),
                f("EXT006", "error", "invalid.html", 8, 10),
            ],
        ),
        (
            "invalid-tel-link",
            options(),
            vec![
                f("EXT007", "error", "invalid.html", 3, 10),
                f("EXT007", "error", "invalid.html", 5, 10),
            ],
        ),
        (
            // Without `--allow-private` nothing in invalid.html is requested at all.
            "private-address-link",
            ExternalOptions {
                allow_private: false,
                ..options()
            },
            vec![
                f("EXT008", "info", "invalid.html", 4, 10),
                f("EXT008", "info", "invalid.html", 6, 10),
                f("EXT008", "info", "invalid.html", 8, 10),
                f("EXT008", "info", "invalid.html", 10, 10),
                f("EXT008", "info", "valid.html", 4, 10),
            ],
        ),
    ];
    let handles: Vec<_> = cases
        .into_iter()
        .map(|(rule, external, expected)| {
            std::thread::spawn(move || (rule, fixture_findings(rule, external), expected))
        })
        .collect();
    for handle in handles {
        let (rule, found, expected) = handle.join().unwrap();
        assert_eq!(found, expected, "{rule}");
    }
}

#[test]
fn loopback_is_checked_with_allow_private() {
    // valid.html alone: invalid.html has a private-range address, which must never be
    // requested from a test.
    let server = Server::start();
    let dir = fixture("private-address-link", &server);
    std::fs::remove_file(dir.path().join("invalid.html")).unwrap();
    let outcome = run(dir.path(), options());
    assert_eq!(flat(&outcome), []);
    assert_eq!(server.hits("HEAD /ok"), 1);
}

#[test]
fn assets_forms_and_suppressions() {
    let server = Server::start();
    let u = |p: &str| server.url(p);
    let page = format!(
        "<img src=\"{}\" alt=\"gone\">\n<form action=\"{}\"></form>\n<!-- sitelint-disable-next-line EXT001: known, reported upstream -->\n<a href=\"{}\">suppressed</a>\n",
        u("/404"),
        u("/410"),
        u("/404"),
    );
    let dir = site(&[("index.html", page)]);
    let mut options = CheckOptions::new(vec![dir.path().to_path_buf()]);
    options.external = Some(self::options());
    let outcome = check(&options).unwrap();
    // The page is a fragment: its accessibility findings (no `lang`, no `<title>`) are not
    // what this test is about.
    let found: Vec<Finding> = flat(&outcome)
        .into_iter()
        .filter(|f| f.0 != "LIC001" && !f.0.starts_with("A11Y"))
        .collect();
    assert_eq!(found, [f("EXT001", "error", "index.html", 1, 11)]);
    assert_eq!(
        outcome
            .diagnostics
            .iter()
            .find(|d| d.rule.code == "EXT001")
            .unwrap()
            .message,
        format!("missing external file `{}` (img src)", u("/404"))
    );
    // The form's action is not requested.
    assert_eq!(server.hits("HEAD /410") + server.hits("GET /410"), 0);
    // Offline, the suppression cannot be judged, so it is not reported unused.
    let offline = check(&CheckOptions::new(vec![dir.path().to_path_buf()])).unwrap();
    assert!(
        offline
            .diagnostics
            .iter()
            .all(|d| d.rule.code == "LIC001" || d.rule.family() == "A11Y"),
        "{:?}",
        offline
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
}

#[test]
fn external_settings_come_from_the_config_file() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">gone</a>\n<a href=\"{}\">old</a>\n",
        server.url("/404"),
        server.url("/r1")
    );
    let dir = site(&[
        ("index.html", page),
        (
            "sitelint.toml",
            "[external]\nexclude = [\"/404$\"]\nallow-private = true\nretries = 0\ncache = \"cache-here\"\n".into(),
        ),
    ]);
    let (report, code) = cli(dir.path(), &[]);
    assert_eq!(code, Some(0));
    assert_eq!(report["summary"]["external"]["excluded"], 1);
    assert_eq!(report["diagnostics"][0]["code"], "EXT002");
    assert_eq!(server.hits("HEAD /404"), 0);
    assert!(dir.path().join("cache-here/external.json").is_file());
    // A bad regular expression stops the run and points into the file.
    std::fs::write(
        dir.path().join("sitelint.toml"),
        "[external]\nexclude = [\"(\"]\n",
    )
    .unwrap();
    let output = Command::cargo_bin("sitelint")
        // The project's tests run with SITELINT_OFFLINE=1 (.cargo/config.toml); this one checks
        // online, against its own server on 127.0.0.1.
        .map(|mut command| {
            command.env_remove("SITELINT_OFFLINE");
            command
        })
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid regular expression `(`"),
        "{stderr}"
    );
    assert!(stderr.contains("sitelint.toml:2:"), "{stderr}");
}

#[test]
fn nothing_is_requested_when_no_network_rule_is_selected() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">gone</a>\n<a href=\"tel:\">call</a>\n",
        server.url("/404")
    );
    let dir = site(&[("index.html", page)]);
    let mut options = CheckOptions::new(vec![dir.path().to_path_buf()]);
    options.select = vec!["LINK".into(), "EXT007".into()];
    options.external = Some(self::options());
    let outcome = check(&options).unwrap();
    assert_eq!(flat(&outcome), [f("EXT007", "error", "index.html", 2, 10)]);
    assert!(outcome.summary.external.offline);
    assert_eq!(server.total_hits(), 0);
}

#[test]
fn progress_is_a_plain_line_in_ci_and_nothing_when_quiet() {
    let server = Server::start();
    let page = format!(
        "<a href=\"{}\">gone</a>\n<a href=\"{}\">ok</a>\n",
        server.url("/404"),
        server.url("/ok")
    );
    let dir = site(&[("index.html", page)]);
    let ci = [("CI", "true")];
    let (_, stderr, _) = cli_with(dir.path(), &["--allow-private", "--no-cache"], &ci);
    assert_eq!(stderr, "sitelint: external links 2/2 checked, 1 failed\n");
    let (_, stderr, _) = cli_with(dir.path(), &["--allow-private", "--no-cache", "-q"], &ci);
    assert_eq!(stderr, "");
}

#[test]
fn two_runs_can_share_a_cache() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let sites: Vec<_> = ["/ok", "/temporary", "/r1"]
        .iter()
        .map(|path| {
            site(&[(
                "index.html",
                format!("<a href=\"{}\">x</a>\n", server.url(path)),
            )])
        })
        .collect();
    let runs: Vec<_> = sites
        .iter()
        .map(|dir| {
            let root = dir.path().to_path_buf();
            let folder = cache.path().join("shared");
            std::thread::spawn(move || {
                run(
                    &root,
                    ExternalOptions {
                        cache: Some(folder),
                        ..options()
                    },
                )
            })
        })
        .collect();
    for handle in runs {
        handle.join().unwrap();
    }
    let text = std::fs::read_to_string(cache.path().join("shared/external.json")).unwrap();
    let stored: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(!stored["entries"].as_object().unwrap().is_empty(), "{text}");
    let leftovers = std::fs::read_dir(cache.path().join("shared"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn shards_request_their_pages_urls_and_merge_counts_each_url_once() {
    let server = Server::start();
    let (gone, ok) = (server.url("/404"), server.url("/ok"));
    let pages: Vec<(String, String)> = (0..4)
        .map(|i| {
            (
                format!("p{i}.html"),
                format!("<a href=\"{gone}\">gone</a>\n<a href=\"{ok}\">ok</a>\n"),
            )
        })
        .collect();
    let borrowed: Vec<(&str, String)> = pages
        .iter()
        .map(|(name, text)| (name.as_str(), text.clone()))
        .collect();
    let dir = site(&borrowed);
    let online = [
        "--allow-private",
        "--timeout",
        "2",
        "--retries",
        "0",
        "--no-cache",
    ];
    let (whole, _, _) = cli_with(dir.path(), &online, &[]);
    let mut reports = Vec::new();
    for index in 1..=2 {
        let shard = format!("{index}/2");
        let mut args = online.to_vec();
        args.extend(["--shard", shard.as_str()]);
        let (report, _, _) = cli_with(dir.path(), &args, &[]);
        let path = dir.path().join(format!("shard-{index}.json"));
        std::fs::write(&path, report.to_string()).unwrap();
        reports.push(path);
    }
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["merge", "--root", ".", "--format", "json"])
        .args(&reports)
        .output()
        .unwrap();
    let merged: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    // Each page's uses of the broken URL are reported once, by the shard that owns the page.
    assert_eq!(merged["diagnostics"], whole["diagnostics"]);
    assert_eq!(whole["diagnostics"].as_array().unwrap().len(), 4);
    // Two unique URLs, whichever shards saw them.
    assert_eq!(merged["summary"]["external"], whole["summary"]["external"]);
    assert_eq!(merged["summary"]["external"]["urls"], 2);
    assert_eq!(merged["summary"]["external"]["failed"], 1);
}

#[test]
#[allow(clippy::format_collect)] // A few lines of test input.
fn when_no_host_answers_one_warning_says_the_network_is_down() {
    // A port nobody listens on, on three loopback hosts: every connection is refused, as
    // every lookup fails on a machine without network.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let page: String = ["127.0.0.1", "127.0.0.2", "127.0.0.3"]
        .iter()
        .map(|host| format!("<a href=\"http://{host}:{port}/x\">x</a>\n"))
        .collect();
    let dir = site(&[("index.html", page)]);
    let outcome = run(dir.path(), options());
    assert_eq!(
        flat(&outcome),
        [f("EXT003", "warning", "index.html", 1, 10)]
    );
    assert!(
        outcome.diagnostics[0]
            .message
            .starts_with("none of the 3 external URLs could be reached, on any of 3 hosts"),
        "{}",
        outcome.diagnostics[0].message
    );
    assert_eq!(outcome.summary.external.failed, 3);
    // Two hosts down is two broken links, not a network outage.
    let two: String = ["127.0.0.1", "127.0.0.2"]
        .iter()
        .map(|host| format!("<a href=\"http://{host}:{port}/x\">x</a>\n"))
        .collect();
    let dir = site(&[("index.html", two)]);
    let found = flat(&run(dir.path(), options()));
    assert_eq!(
        found,
        [
            f("EXT003", "error", "index.html", 1, 10),
            f("EXT003", "error", "index.html", 2, 10),
        ]
    );
}

#[test]
fn offline_every_use_counts_and_every_contact_link_is_checked() {
    // Offline, a page's repeated uses of one URL are kept once with a count: the counts, the
    // unique URLs and the per-use `mailto:` findings must not change with it.
    let a = "<a href=\"https://example.org/x\">1</a> <a href=\"https://example.org/x\">2</a>\n\
             <a href=\"https://example.org/x\">3</a>\n\
             <form action=\"https://example.org/x\"></form>\n\
             <a href=\"mailto:\">bad</a> <a href=\"mailto:\">bad again</a>\n\
             <a href=\"https://example.org/y#part\">y</a>\n\
             <form action=\"https://example.org/posted\"></form>\n"
        .to_string();
    let b = "<a href=\"https://example.org/x\">x</a>\n".to_string();
    let dir = site(&[("a.html", a), ("b.html", b)]);
    let outcome = check(&CheckOptions::new(vec![dir.path().to_path_buf()])).unwrap();
    let found: Vec<Finding> = flat(&outcome)
        .into_iter()
        .filter(|f| f.0.starts_with("EXT"))
        .collect();
    assert_eq!(
        found,
        [
            f("EXT006", "error", "a.html", 4, 10),
            f("EXT006", "error", "a.html", 4, 36),
        ]
    );
    // Three links, two forms and `y` on a.html, one link on b.html; `mailto:` is not counted,
    // and a URL only posted to is not one to request.
    assert_eq!(outcome.summary.external_links, 7);
    assert_eq!(outcome.summary.external.urls, 2);
    assert!(outcome.summary.external.offline);
    // Only b.html asked for: only its use counts.
    let only = check(&CheckOptions::new(vec![dir.path().join("b.html")])).unwrap();
    assert_eq!(only.summary.external_links, 1);
    assert_eq!(only.summary.external.urls, 1);
}
