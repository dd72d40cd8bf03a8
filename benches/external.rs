//! External-link benchmark (issue 4): a built site with 2,000 unique URLs over 20 hosts, all
//! served by local servers on 127.0.0.1 (one port per host) that answer each request after
//! 50 ms. Prints the wall time of the external check against the bound
//! `ceil(URLs / per-host limit / hosts) × 50 ms` and the ratio. Nothing leaves the machine.
//! Run: `cargo bench --bench external` (`SITELINT_BENCH_URLS`, `SITELINT_BENCH_HOSTS` and
//! `SITELINT_BENCH_PER_HOST` override the sizes). lychee, when on PATH, is run on the same site.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use sitelint::check::{check, CheckOptions};
use sitelint::external::ExternalOptions;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const DELAY: Duration = Duration::from_millis(50);

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn answer(mut stream: tokio::net::TcpStream) {
    let mut buffer = [0u8; 4096];
    let mut request = Vec::new();
    // Keep-alive: answer every request on the connection, each after the delay.
    loop {
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => request.extend_from_slice(&buffer[..n]),
            }
        }
        let end = request
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(0)
            + 4;
        request.drain(..end);
        tokio::time::sleep(DELAY).await;
        let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        if stream.write_all(reply).await.is_err() {
            return;
        }
    }
}

/// Start `hosts` listeners on 127.0.0.1; their ports.
fn servers(hosts: usize) -> Vec<u16> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime for the bench servers");
        runtime.block_on(async move {
            let mut ports = Vec::new();
            for _ in 0..hosts {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a local port");
                ports.push(listener.local_addr().expect("bound").port());
                tokio::spawn(async move {
                    while let Ok((stream, _)) = listener.accept().await {
                        tokio::spawn(answer(stream));
                    }
                });
            }
            sender.send(ports).expect("the bench waits for the ports");
            std::future::pending::<()>().await;
        });
    });
    receiver.recv().expect("the servers start")
}

fn main() {
    let urls = setting("SITELINT_BENCH_URLS", 2000);
    let hosts = setting("SITELINT_BENCH_HOSTS", 20).max(1);
    let per_host = setting("SITELINT_BENCH_PER_HOST", 8).max(1);
    let ports = servers(hosts);
    let site = tempfile::tempdir().expect("a temporary folder");
    let mut page = String::from("<!doctype html><title>links</title>\n");
    for n in 0..urls {
        let port = ports[n % hosts];
        writeln!(page, "<a href=\"http://127.0.0.1:{port}/page/{n}\">{n}</a>").expect("a String");
    }
    std::fs::write(site.path().join("index.html"), &page).expect("the page is written");

    let mut options = CheckOptions::new(vec![site.path().to_path_buf()]);
    options.select = vec!["EXT".into()];
    options.external = Some(ExternalOptions {
        allow_private: true,
        cache: None,
        per_host,
        // The bound assumes every host is busy: no global limit below hosts × per-host, and no
        // interval between request starts (the default 50 ms alone would take
        // URLs / hosts × 50 ms).
        concurrency: hosts * per_host,
        host_interval: Duration::ZERO,
        ..ExternalOptions::default()
    });
    let started = Instant::now();
    let outcome = check(&options).expect("the bench site is readable");
    let elapsed = started.elapsed();
    let summary = &outcome.summary.external;
    assert_eq!(summary.checked, urls, "every URL is requested");
    assert_eq!(
        summary.verdicts.get("ok"),
        Some(&urls),
        "every URL answers 200"
    );
    let rounds = urls.div_ceil(per_host).div_ceil(hosts);
    let bound = DELAY * u32::try_from(rounds).unwrap_or(u32::MAX);
    // The bench prints its result; that is its whole job.
    #[allow(clippy::print_stdout)]
    {
        println!(
            "external: {urls} URLs over {hosts} hosts, {per_host} per host, {} ms per answer",
            DELAY.as_millis()
        );
        println!(
            "  sitelint {:.3} s, bound {:.3} s, ratio {:.2}",
            elapsed.as_secs_f64(),
            bound.as_secs_f64(),
            elapsed.as_secs_f64() / bound.as_secs_f64()
        );
    }
    let lychee = std::process::Command::new("lychee")
        .arg("--version")
        .output();
    #[allow(clippy::print_stdout)]
    match lychee {
        Ok(_) => {
            let started = Instant::now();
            let _ = std::process::Command::new("lychee")
                .args(["--no-progress", "--max-concurrency"])
                .arg((hosts * per_host).to_string())
                .arg(site.path().join("index.html"))
                .output();
            println!("  lychee   {:.3} s", started.elapsed().as_secs_f64());
        }
        Err(_) => println!("  lychee: not installed"),
    }
}
