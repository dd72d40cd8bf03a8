//! `sitelint report` on `fixtures/report`: every count in the HTML report equals the JSON output
//! of `sitelint check` restricted to the accessibility rules (those with a `## WCAG` section);
//! the page is self-contained; the Markdown summary byte for byte; failures exit 2. The browser
//! test opens the report in headless Chromium.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

const FIXTURE: &str = "fixtures/report";

fn sitelint(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

/// The counts the report must show, computed from `sitelint check --format json`: keys as the
/// report's `data-key` attributes name them.
fn expected_counts(site: &str) -> BTreeMap<String, usize> {
    // `--offline`: tests never use the network (`report` never requests external URLs).
    let output = sitelint(&["check", "--offline", "--format", "json", site]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let bump = |counts: &mut BTreeMap<String, usize>, key: String| {
        *counts.entry(key).or_default() += 1;
    };
    let mut accessibility = 0;
    let mut files = Vec::new();
    let mut criteria = Vec::new();
    for diagnostic in json["diagnostics"].as_array().unwrap() {
        let rule = sitelint::registry::find(diagnostic["code"].as_str().unwrap()).unwrap();
        let wcag = rule.wcag();
        if wcag.is_empty() {
            continue;
        }
        accessibility += 1;
        let severity = match diagnostic["severity"].as_str().unwrap() {
            "error" => "errors",
            "warning" => "warnings",
            _ => "infos",
        };
        let path = diagnostic["path"].as_str().unwrap();
        bump(&mut counts, severity.to_string());
        bump(&mut counts, "total".to_string());
        bump(&mut counts, format!("file:{path}"));
        if severity != "infos" {
            bump(&mut counts, format!("file:{path}:{severity}"));
        }
        if !files.contains(&path.to_string()) {
            files.push(path.to_string());
        }
        let mut principles = Vec::new();
        for criterion in wcag {
            bump(&mut counts, format!("sc:{}", criterion.sc));
            if severity != "infos" {
                bump(&mut counts, format!("sc:{}:{severity}", criterion.sc));
            }
            if !criteria.contains(&criterion.sc) {
                criteria.push(criterion.sc);
            }
            let principle = criterion.principle.number();
            if !principles.contains(&principle) {
                principles.push(principle);
                bump(&mut counts, format!("principle:{principle}"));
                if severity != "infos" {
                    bump(&mut counts, format!("principle:{principle}:{severity}"));
                }
            }
        }
        let label = diagnostic["label"].as_str().unwrap_or("");
        if let Some(pages) = label
            .strip_suffix(" pages)")
            .or_else(|| label.strip_suffix(" page)"))
            .and_then(|l| l.rsplit_once("(on "))
        {
            // A file's "pages affected" is the most pages any one of its findings is on.
            let pages: usize = pages.1.parse().unwrap();
            let most = counts.entry(format!("file:{path}:pages")).or_default();
            *most = (*most).max(pages);
        }
    }
    assert!(accessibility > 0, "the fixture has accessibility findings");
    counts.insert("files".to_string(), files.len());
    counts.insert("criteria".to_string(), criteria.len());
    counts
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every `<data data-key="K" value="V">T</data>` in the page, checking that V and T agree.
fn shown_counts(html: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for piece in html.split("<data data-key=\"").skip(1) {
        let (key, rest) = piece.split_once('"').unwrap();
        let rest = rest.strip_prefix(" value=\"").unwrap();
        let (value, rest) = rest.split_once("\">").unwrap();
        let (text, _) = rest.split_once("</data>").unwrap();
        assert_eq!(value, text, "`{key}` shows {text} but its value is {value}");
        let previous = counts.insert(unescape(key), value.parse::<usize>().unwrap());
        assert!(previous.is_none(), "`{key}` is shown twice");
    }
    counts
}

/// The report's counts against the JSON's: every non-zero count the JSON implies is shown, with
/// the same value, and every count shown that the JSON does not imply is zero.
fn assert_counts_match(html: &str, site: &str) {
    let expected = expected_counts(site);
    let shown = shown_counts(html);
    for (key, value) in &expected {
        assert_eq!(shown.get(key), Some(value), "count `{key}`");
    }
    for (key, value) in &shown {
        if !expected.contains_key(key) {
            assert_eq!(*value, 0, "count `{key}` shown but not in the JSON");
        }
    }
}

fn write_report(dir: &Path, site: &str) -> (PathBuf, String) {
    let path = dir.join("report.html");
    let output = sitelint(&["report", site, "-o", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    (path, String::from_utf8(output.stderr).unwrap())
}

#[test]
fn html_report_counts_equal_the_json_restricted_to_accessibility_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (path, stderr) = write_report(dir.path(), FIXTURE);
    assert_eq!(
        stderr,
        format!(
            "wrote {}: 4 accessibility findings (3 errors, 1 warning) in 3 files of 4 checked\n",
            path.display()
        )
    );
    let html = std::fs::read_to_string(&path).unwrap();
    assert_counts_match(&html, FIXTURE);
    let expected = expected_counts(FIXTURE);
    // The fixture's own numbers, so a change to the fixture or the rules is seen here too.
    assert_eq!(expected["total"], 4);
    assert_eq!(expected["sc:1.1.1"], 3);
    assert_eq!(expected["file:_includes/footer.html:pages"], 2);
    // The broken link is not an accessibility finding.
    assert!(!html.contains("gone.html"));
    // Template findings say where they show.
    assert!(html.contains("Written in a layout or include; on these pages:"));
    assert!(html.contains("template, on 2 pages"));
}

/// The bundled demo site: template findings in two layouts and two includes, each on several
/// pages, and heading findings in many pages.
#[test]
fn demo_site_report_counts_equal_the_json() {
    let site = "fixtures/ler-ecosystem-map-v2";
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_report(dir.path(), site);
    let html = std::fs::read_to_string(path).unwrap();
    assert_counts_match(&html, site);
    assert!(expected_counts(site)["total"] > 10);
}

#[test]
fn html_report_is_self_contained_and_escapes_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_report(dir.path(), FIXTURE);
    let html = std::fs::read_to_string(path).unwrap();
    // One script, inline; nothing that loads anything.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script>\n"));
    // Quotes in text are escaped, so ` src="` and a `<` before a tag name are real markup.
    for needle in [
        " src=\"", "<link", "<img", "<iframe", "<object", "<embed", "<base", "<video", "<audio",
        "<source", "<svg", "<use",
    ] {
        assert!(!html.contains(needle), "the report contains `{needle}`");
    }
    let style = html.split_once("<style>").unwrap().1;
    let style = style.split_once("</style>").unwrap().0;
    assert!(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"));
    assert!(html.contains("default-src 'none'"));
    // The snippet of index.md line 7, with the comment's markup, quotes and `&` escaped.
    assert!(html.contains(
        "Our team: &lt;img src=&quot;<mark>/images/team.jpg</mark>&quot;&gt;&lt;!-- &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; &#39;quotes&#39; --&gt;"
    ));
    // Why it matters, from the rule doc.
    assert!(html.contains("<dt>Why it matters</dt><dd>Screen-reader users hear an image"));
}

/// The report is a page like any other: sitelint's own accessibility rules find nothing in it
/// (axe-core 4.x in Chromium agreed, light and dark, when this was written).
#[test]
fn html_report_passes_the_accessibility_rules_it_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_report(dir.path(), "fixtures/ler-ecosystem-map-v2");
    let output = sitelint(&[
        "check",
        "--offline",
        "--isolated",
        "--format",
        "concise",
        path.to_str().unwrap(),
    ]);
    let findings = String::from_utf8(output.stdout).unwrap();
    let accessibility: Vec<&str> = findings
        .lines()
        .filter(|line| {
            line.split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
                .and_then(|(code, _)| sitelint::registry::find(code))
                .is_some_and(|rule| !rule.wcag().is_empty())
        })
        .collect();
    assert!(accessibility.is_empty(), "{findings}");
}

#[test]
fn markdown_summary_byte_for_byte() {
    let output = sitelint(&["report", FIXTURE, "--format", "markdown", "-o", "-"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "wrote standard output: 4 accessibility findings (3 errors, 1 warning) in 3 files of 4 checked\n"
    );
    let markdown = String::from_utf8(output.stdout).unwrap();
    let checked = sitelint::registry::RULES
        .iter()
        .flat_map(|r| r.wcag())
        .map(|w| w.sc)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let expected = format!(
        r#"## Accessibility report

Site: `fixtures/report`

❌ **4 accessibility findings** (3 errors, 1 warning) in 3 files of 4 checked; 3 of {checked} WCAG success criteria checked have findings.

**Start with the templates:** 1 finding is in a layout or include, so it is on every page that uses the file (2 pages). Fixed there once, it is gone from all of them.

Counts are findings of the accessibility rules, as `sitelint check --format json` lists them. A problem written in a layout or include is one finding, at that file, on the pages shown. A finding counts under each criterion its rule checks.

### By WCAG success criterion

| success criterion | level | errors | warnings | findings |
|---|:-:|---:|---:|---:|
| **1 Perceivable** | | **2** | **1** | **3** |
| [1.1.1 Non-text Content](https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html) | A | 2 | 1 | 3 |
| **2 Operable** | | **1** | **0** | **1** |
| [2.4.4 Link Purpose (In Context)](https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html) | A | 1 | 0 | 1 |
| **3 Understandable** | | **0** | **0** | **0** |
| **4 Robust** | | **1** | **0** | **1** |
| [4.1.2 Name, Role, Value](https://www.w3.org/WAI/WCAG22/Understanding/name-role-value.html) | A | 1 | 0 | 1 |

{} other criteria checked without findings are not listed.

### Files

| file | errors | warnings | findings | pages affected |
|---|---:|---:|---:|---:|
| `_includes/footer.html` | 1 | 0 | 1 | template, on 2 |
| `_layouts/default.html` | 1 | 0 | 1 | 1 |
| `index.md` | 1 | 1 | 2 | 1 |

### Findings

- ❌ `_includes/footer.html:2:1` **A11Y001** link has no accessible name (WCAG 2.4.4, 4.1.2), on 2 pages — give the image an `alt` that says where the link goes, or add `aria-label` to the link
- ❌ `_layouts/default.html:7:19` **IMG001** image `/images/logo.svg` has no `alt` attribute (WCAG 1.1.1) — describe the image in `alt="…"`, or use `alt=""` if it is decorative
- ❌ `index.md:7:21` **IMG001** image `/images/team.jpg` has no `alt` attribute (WCAG 1.1.1) — describe the image in `alt="…"`, or use `alt=""` if it is decorative
- ⚠️ `index.md:11:35` **IMG002** `alt` text `chart.png` is a file name (WCAG 1.1.1) — describe what the image shows, or use `alt=""` if it is decorative
"#,
        checked - 3
    );
    assert_eq!(markdown, expected);
}

#[test]
fn report_failures_exit_2() {
    let output = sitelint(&["report", "fixtures/no-such-site", "-o", "-"]);
    assert_eq!(output.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let into_missing_folder = dir.path().join("missing/report.html");
    let output = sitelint(&[
        "report",
        FIXTURE,
        "-q",
        "-o",
        into_missing_folder.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr)
        .unwrap()
        .contains("report.html"));
}

/// Headless Chromium from Debian (`chromium`), or the browser `SITELINT_CHROMIUM` names (a
/// GitHub runner's `google-chrome`): required when `SITELINT_BROWSER_TESTS=1` (CI sets it),
/// else the test is skipped with a note when it is missing.
fn chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("SITELINT_CHROMIUM").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(named));
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("chromium"))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("SITELINT_BROWSER_TESTS").as_deref() != Ok("1"),
            "SITELINT_BROWSER_TESTS=1 but `chromium` is not on PATH (apt-get install chromium)"
        );
        // A skipped test says so in the test output (shown with `--nocapture`).
        #[allow(clippy::print_stdout)]
        {
            println!("note: skipping the browser test: `chromium` is not on PATH");
        }
    }
    found
}

/// Run Chromium headless on `page` with `args`, in a fresh profile, with nothing that reaches
/// the network; return its stdout and its console lines (`--enable-logging=stderr` prints
/// every console message, whatever its level, as `…:CONSOLE…`).
fn run_chromium(chromium: &Path, page: &Path, args: &[&str]) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    // Output goes to files, so a large DOM cannot fill a pipe while we wait.
    let stdout_path = profile.path().join("stdout");
    let stderr_path = profile.path().join("stderr");
    let mut child = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let stdout = String::from_utf8_lossy(&std::fs::read(&stdout_path).unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&std::fs::read(&stderr_path).unwrap()).into_owned();
    assert!(status.success(), "chromium failed ({status}):\n{stderr}");
    let console = stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (stdout, console)
}

#[test]
fn html_report_renders_in_chromium_without_console_messages() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = write_report(dir.path(), FIXTURE);
    // The DOM after the script ran: it marks the page when done, and changes no count.
    let (dom, console) = run_chromium(&chromium, &path, &["--dump-dom"]);
    assert!(console.is_empty(), "console messages: {console:#?}");
    assert!(
        dom.contains("data-script=\"ready\""),
        "the script did not finish"
    );
    assert!(dom.contains("all 4 shown"), "the filter did not count");
    assert_counts_match(&dom, FIXTURE);
    // A screenshot to look at (target/report-screenshot.png).
    let screenshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/report-screenshot.png");
    let _ = std::fs::remove_file(&screenshot);
    let (_, console) = run_chromium(
        &chromium,
        &path,
        &[
            "--window-size=1280,2200",
            &format!("--screenshot={}", screenshot.display()),
        ],
    );
    assert!(console.is_empty(), "console messages: {console:#?}");
    let png = std::fs::read(&screenshot).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
}
