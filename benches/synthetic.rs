//! Synthetic-site benchmark: generates a deterministic built site of N pages (default 10,000;
//! `SITELINT_BENCH_PAGES` overrides), checks it several times with every rule, and prints the
//! median wall time, pages per second and MB per second. Run: `cargo bench --bench synthetic`.
//!
//! `cargo bench --bench synthetic -- --generate DIR --pages N` only writes the site into DIR
//! (the same bytes every time) and prints its size; `scripts/bench` uses it to build the
//! 1k/10k/100k corpora it compares sitelint, hyperlink and lychee on.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (no `rand` needed): xorshift64*.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }
}

const WORDS: &[&str] = &[
    "static",
    "site",
    "link",
    "anchor",
    "image",
    "render",
    "layout",
    "build",
    "parse",
    "check",
    "fast",
    "page",
    "section",
    "guide",
    "reference",
];

fn page(index: usize, pages: usize, rng: &mut Rng) -> String {
    let mut html = String::with_capacity(6000);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page {index}</title>\
         <link rel=\"stylesheet\" href=\"../../assets/site.css\"><script src=\"../../assets/app.js\"></script></head>\n<body>\n\
         <nav><a href=\"../../index.html\">Home</a> <a href=\"https://example.com/\" target=\"_blank\">External</a></nav>\n<main>\n"
    );
    for section in 0..8 {
        let _ = write!(html, "<h2 id=\"s{section}\">Section {section}</h2>\n<p>");
        for _ in 0..40 {
            html.push_str(WORDS[rng.below(WORDS.len())]);
            html.push(' ');
        }
        let target = rng.below(pages);
        let _ = write!(
            html,
            "<a href=\"../../p{}/{}/page{target}.html#s{}\">see page {target}</a>",
            target % 100,
            target / 100 % 10,
            rng.below(8)
        );
        let image = rng.below(50);
        let _ = write!(
            html,
            " <img src=\"../../assets/img{image}.png\" alt=\"Figure {image}\" loading=\"lazy\">"
        );
        // Same-page fragments (1 in 4 sections), about 1 in 200 links and images broken, 1 in
        // 300 fragments missing, and an occasional typo.
        if rng.below(4) == 0 {
            let _ = write!(html, " <a href=\"#s{}\">up</a>", rng.below(8));
        }
        if rng.below(300) == 0 {
            html.push_str(" <a href=\"../../index.html#gone\">gone</a>");
        }
        if rng.below(200) == 0 {
            html.push_str(" <a href=\"missing-page.html\">broken</a>");
        }
        if rng.below(400) == 0 {
            html.push_str(
                " <a href=\"#\" target=\"_blnak\">typo</a> <img src=\"../../assets/nope.png\">",
            );
        }
        html.push_str("</p>\n");
    }
    html.push_str("</main>\n<footer><a rel=\"license\" href=\"https://opensource.org/licenses/MIT\">MIT</a></footer>\n</body></html>\n");
    html
}

fn generate(root: &Path, pages: usize) -> u64 {
    let mut rng = Rng(0x5EED_5EED_5EED_5EED);
    let mut bytes = 0u64;
    std::fs::create_dir_all(root.join("assets")).unwrap();
    std::fs::write(
        root.join("assets/site.css"),
        "body { background: url(img0.png) }\n",
    )
    .unwrap();
    std::fs::write(root.join("assets/app.js"), "console.log(1)\n").unwrap();
    for image in 0..50 {
        std::fs::write(root.join(format!("assets/img{image}.png")), b"png").unwrap();
    }
    std::fs::write(
        root.join("index.html"),
        "<!doctype html><title>Home</title><h1>Home</h1>\n",
    )
    .unwrap();
    std::fs::write(root.join("LICENSE"), "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software\n").unwrap();
    for index in 0..pages {
        let dir = root.join(format!("p{}/{}", index % 100, index / 100 % 10));
        std::fs::create_dir_all(&dir).unwrap();
        let html = page(index, pages, &mut rng);
        bytes += html.len() as u64;
        std::fs::write(dir.join(format!("page{index}.html")), html).unwrap();
    }
    bytes
}

/// `--generate DIR [--pages N]`: write the site and exit, for `scripts/bench`.
fn generate_only(args: &[String]) -> bool {
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    let Some(dir) = value("--generate") else {
        return false;
    };
    let pages = value("--pages").map_or(10_000, |p| p.parse().expect("--pages takes a number"));
    let root = Path::new(dir);
    assert!(
        !root.exists() || std::fs::read_dir(root).unwrap().next().is_none(),
        "--generate wants a new or empty folder"
    );
    let bytes = generate(root, pages);
    #[allow(clippy::print_stdout)] // The harness reads the size.
    {
        println!("{pages} pages, {bytes} bytes of HTML in {dir}");
    }
    true
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments select the generate-only mode.
    let args: Vec<String> = std::env::args().collect();
    if generate_only(&args) {
        return;
    }
    let pages: usize = std::env::var("SITELINT_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let runs: usize = std::env::var("SITELINT_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let dir = tempfile::tempdir().unwrap();
    let bytes = generate(dir.path(), pages);
    let options = sitelint::check::CheckOptions::new(vec![dir.path().to_path_buf()]);
    // Warm the page cache once.
    let first = sitelint::check::check(&options).unwrap();
    let mut times: Vec<Duration> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let outcome = sitelint::check::check(&options).unwrap();
        times.push(started.elapsed());
        assert_eq!(outcome.diagnostics.len(), first.diagnostics.len());
    }
    times.sort();
    let median = times[times.len() / 2];
    let seconds = median.as_secs_f64();
    #[allow(clippy::cast_precision_loss)] // Page and byte counts are far below 2^52.
    let (pages_per_second, megabytes_per_second) =
        (pages as f64 / seconds, bytes as f64 / 1e6 / seconds);
    #[allow(clippy::print_stdout, clippy::cast_precision_loss)] // A bench prints its result.
    {
        println!(
            "synthetic site: {pages} pages, {:.1} MB, {} findings, {} threads",
            bytes as f64 / 1e6,
            first.diagnostics.len(),
            rayon::current_num_threads()
        );
        println!(
            "median of {runs} runs: {:.1} ms  →  {pages_per_second:.0} pages/s, {megabytes_per_second:.1} MB/s",
            seconds * 1000.0
        );
    }
}
