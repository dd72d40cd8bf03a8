//! Bad input: every case gets a clear diagnostic at the right place, the rest of the site is still
//! checked, and nothing panics or hangs. Sites are built in temporary folders because several
//! cases (symlink loops, FIFOs, unreadable files) cannot live in a repository.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use common::{f, findings_except_a11y, Finding};

/// A known defect every site below carries, to prove the other files were still checked.
const CANARY: &str = "<p><a href=\"https://example.org/\" target=\"_blankk\">canary</a></p>\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("index.html"), CANARY).unwrap();
    fs::write(dir.path().join("LICENSE"), "MIT License\n\nCopyright (c) 2026 Test\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \"Software\"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n").unwrap();
    dir
}

fn canary() -> Finding {
    f("ATTR001", "error", "index.html", 1, 43)
}

fn sitelint() -> Command {
    let mut command = Command::cargo_bin("sitelint").expect("binary");
    // Nothing here may hang: a hang is a failure, not a stuck CI job.
    command.timeout(Duration::from_secs(60));
    command
}

#[test]
fn invalid_utf8_is_read_lossily_and_its_first_bad_byte_located() {
    let dir = site();
    fs::write(
        dir.path().join("latin1.html"),
        b"<p>ok</p>\n<p>caf\xe9</p>\n<a href=\"x\" target=\"_blnak\">x</a>\n",
    )
    .unwrap();
    fs::write(dir.path().join("x.html"), "").unwrap();
    assert_eq!(
        findings_except_a11y(dir.path()),
        vec![
            canary(),
            f("INPUT002", "warning", "latin1.html", 2, 7),
            // The rest of the file is still checked, at the right columns.
            f("ATTR001", "error", "latin1.html", 3, 21),
        ]
    );
}

#[test]
fn binary_and_utf16_files_are_skipped_with_a_note() {
    let dir = site();
    fs::write(
        dir.path().join("logo.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "<a target=\"_blankk\">"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    fs::write(dir.path().join("wide.html"), utf16).unwrap();
    let outcome = common::run_except(dir.path(), &["A11Y"]);
    let messages: Vec<(String, String, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.display.clone(),
                d.message.clone(),
                d.severity.as_str(),
            )
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "index.html".into(),
                "`_blankk` is not a browsing-context keyword".into(),
                "error"
            ),
            (
                "logo.html".into(),
                "`logo.html` looks binary (it contains NUL bytes): not checked".into(),
                "info"
            ),
            (
                "wide.html".into(),
                "`wide.html` is UTF-16LE encoded: not checked".into(),
                "warning"
            ),
        ]
    );
}

#[test]
fn files_over_the_size_limit_are_skipped_without_being_read() {
    let dir = site();
    let mut big = String::from("<a target=\"_blankk\">");
    big.push_str(&"x".repeat(3 << 20));
    fs::write(dir.path().join("big.html"), &big).unwrap();
    let output = sitelint()
        .args([
            "check",
            "--offline",
            "--format",
            "json",
            "--max-file-size",
            "2",
            "--ignore",
            "A11Y",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the canary is an error");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<(&str, &str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            (
                "INPUT003",
                "big.html",
                "`big.html` is 4 MiB, over the 2 MiB limit: not checked"
            ),
            (
                "ATTR001",
                "index.html",
                "`_blankk` is not a browsing-context keyword"
            ),
        ]
    );
}

#[test]
fn a_huge_single_line_keeps_exact_columns() {
    let dir = site();
    let mut line = "<span></span>".repeat(200_000);
    // `<a href="/" target="` is 20 characters; the value starts at the 21st.
    let column = line.chars().count() + 20;
    line.push_str("<a href=\"/\" target=\"_blankk\">end</a>\n");
    fs::write(dir.path().join("long.html"), line).unwrap();
    assert_eq!(
        findings_except_a11y(dir.path()),
        vec![
            canary(),
            f(
                "ATTR001",
                "error",
                "long.html",
                1,
                u32::try_from(column + 1).unwrap()
            )
        ]
    );
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let dir = site();
    let depth = 100_000;
    let html = format!(
        "{}<img src=\"a.png\">{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    fs::write(dir.path().join("deep.html"), html).unwrap();
    fs::write(dir.path().join("a.png"), b"\x89PNG").unwrap();
    let markdown = format!("{}[x](missing.html)\n", "> ".repeat(10_000));
    fs::write(dir.path().join("deep.md"), markdown).unwrap();
    let mut list = String::new();
    for depth in 0..5_000 {
        list.push_str(&"  ".repeat(depth));
        list.push_str("- item\n");
    }
    list.push_str(&"  ".repeat(5_000));
    list.push_str("- [x](gone.html)\n");
    fs::write(dir.path().join("list.md"), list).unwrap();
    // A folder without `_config.yml` is checked as plain Markdown too (README-style docs).
    let found = findings_except_a11y(dir.path());
    assert_eq!(
        found,
        vec![
            // At the `src` value: `<img src="` is 10 characters after the 500,000 of the divs.
            f("IMG001", "error", "deep.html", 1, 500_011),
            f("LINK001", "error", "deep.md", 1, 20_005),
            canary(),
            f("LINK001", "error", "list.md", 5_001, 10_007),
        ]
    );
}

#[test]
fn unterminated_constructs_do_not_panic() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: t\n").unwrap();
    let cases = [
        ("a.html", "<a href=\"missing.html"),
        ("b.html", "<!-- never closed <a href=\"missing.html\">"),
        ("c.html", "<script>var a = '<a href=\"missing.html\">'"),
        (
            "d.md",
            "---\ntitle: x\n---\n{% raw %}<a href=\"missing.html\">",
        ),
        ("e.md", "---\ntitle: x\n---\n[never closed](missing.html"),
        (
            "f.md",
            "---\ntitle: never closed front matter\n[x](missing.html)\n",
        ),
        ("g.md", "---\n---\n```\n[in a fence](missing.html)\n"),
        (
            "h.html",
            "---\n---\n<a href=\"{{ site.baseurl\">x</a><a href=\"{% if\">y</a>",
        ),
        // No front matter: Jekyll copies it as is, so `{{` is text and the link is literal.
        ("k.html", "<a href=\"{{ site.baseurl }}/\">x</a>"),
        ("i.html", "<a href=\"/x.html\"\u{0}>nul in markup</a>"),
        (
            "j.md",
            "---\n---\n<a href=\"/index.html\" target=\"_blankk\">ok</a> {{ unterminated",
        ),
    ];
    for (name, text) in cases {
        fs::write(dir.path().join(name), text).unwrap();
    }
    fs::write(dir.path().join("index.html"), "<p>home</p>").unwrap();
    let found = findings_except_a11y(dir.path());
    // No panic (a panic in a worker would abort the test); nothing inside a comment, a script,
    // raw text, a fence or an unclosed Markdown link is taken for a link; unclosed Liquid is
    // reported where it opens and hides nothing before it.
    assert_eq!(
        found,
        vec![
            f("LIC001", "warning", ".", 0, 0),
            f("INPUT006", "error", "d.md", 4, 1),
            f("INPUT006", "error", "h.html", 3, 10),
            f("INPUT003", "info", "i.html", 0, 0),
            f("ATTR001", "error", "j.md", 3, 31),
            f("INPUT006", "error", "j.md", 3, 47),
            f("LINK001", "error", "k.html", 1, 10),
            f("LINK002", "warning", "k.html", 1, 10),
        ]
    );
}

#[test]
fn broken_front_matter_points_into_the_yaml_and_the_page_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("_config.yml"), "title: t\n").unwrap();
    fs::write(dir.path().join("LICENSE.md"), "CC0 1.0 Universal\n").unwrap();
    fs::write(
        dir.path().join("page.md"),
        "---\ntitle: ok\nlayout: [unclosed\n---\n\n<a href=\"/\" target=\"_blnak\">x</a>\n",
    )
    .unwrap();
    fs::write(dir.path().join("list.md"), "---\n- a\n- b\n---\n\ntext\n").unwrap();
    fs::write(dir.path().join("empty.md"), "---\n---\n\ntext\n").unwrap();
    fs::write(dir.path().join("index.html"), "<p>home</p>").unwrap();
    let found = findings_except_a11y(dir.path());
    assert_eq!(
        found,
        vec![
            f("INPUT004", "error", "list.md", 2, 1),
            // At the `[` that is never closed.
            f("INPUT004", "error", "page.md", 3, 9),
            f("ATTR001", "error", "page.md", 6, 21),
        ]
    );
    // The page lost its layout to the YAML error: no page-level accessibility findings (no
    // `<title>`, no `lang`) pile onto it.
    let page_level: Vec<Finding> = common::findings(dir.path(), &["A11Y"])
        .into_iter()
        .filter(|found| found.2 == "page.md")
        .collect();
    assert_eq!(page_level, []);
}

#[test]
fn broken_config_points_into_the_yaml_and_defaults_are_used() {
    let dir = site();
    fs::write(
        dir.path().join("_config.yml"),
        "title: t\nbaseurl: \"/x\nexclude: [a\n",
    )
    .unwrap();
    let found = findings_except_a11y(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "INPUT004");
    assert_eq!(found[0].2, "_config.yml");
    assert!(
        found[0].3 >= 2,
        "points into the YAML, not at line 1: {found:?}"
    );
    assert_eq!(found[1], canary());

    for (text, what) in [("- a\n- b\n", "a list"), ("just text\n", "a string")] {
        fs::write(dir.path().join("_config.yml"), text).unwrap();
        let outcome = common::run_except(dir.path(), &["A11Y"]);
        let config = &outcome.diagnostics[0];
        assert_eq!(config.rule.code, "INPUT004");
        assert_eq!(
            config.message,
            format!("`_config.yml` must be a mapping of settings, but it is {what}")
        );
        let location = config.location.unwrap();
        assert_eq!((location.line, location.column), (1, 1));
    }
    // An empty configuration is valid: Jekyll's defaults.
    fs::write(dir.path().join("_config.yml"), "# nothing yet\n").unwrap();
    assert_eq!(findings_except_a11y(dir.path()), vec![canary()]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_reported_and_the_walk_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = site();
    fs::create_dir(dir.path().join("docs")).unwrap();
    fs::write(
        dir.path().join("docs/page.html"),
        "<a href=\"../index.html\">up</a>",
    )
    .unwrap();
    symlink("..", dir.path().join("docs/loop")).unwrap();
    symlink("nowhere.html", dir.path().join("dangling.html")).unwrap();
    let outcome = common::run_except(dir.path(), &["A11Y"]);
    let found: Vec<(&str, String, String)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.file.display.clone(), d.message.clone()))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, "INPUT001");
    assert_eq!(found[0].1, "dangling.html");
    assert!(
        found[0].2.starts_with("cannot read `dangling.html`"),
        "{found:#?}"
    );
    assert_eq!(
        (found[1].0, found[1].1.as_str(), found[1].2.as_str()),
        (
            "INPUT005",
            "docs/loop",
            "symbolic link `docs/loop` points back into a folder that contains it: not followed"
        )
    );
    assert_eq!(found[2].0, "ATTR001");
    assert_eq!(outcome.summary.files, 2);
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_and_never_block() {
    use std::os::unix::fs::symlink;
    let dir = site();
    let fifo = dir.path().join("pipe.html");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo is needed for this test");
    symlink("/dev/zero", dir.path().join("zero.html")).unwrap();
    let output = sitelint()
        .args(["check", "--offline", "--format", "json", "--ignore", "A11Y"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 1, "{json}");
    assert_eq!(json["summary"]["files"], 1);
}

/// Root reads anything, so permissions cannot make a file unreadable in every CI; a file whose
/// `read` fails (Linux's `/proc/self/mem` at offset 0 gives EIO) can.
#[cfg(target_os = "linux")]
#[test]
fn unreadable_files_are_errors_and_the_rest_is_checked() {
    use std::os::unix::fs::symlink;
    let dir = site();
    symlink("/proc/self/mem", dir.path().join("mem.html")).unwrap();
    // The file exists: a link to it is not broken (its reading error is the finding).
    fs::write(dir.path().join("link.html"), "<a href=\"mem.html\">m</a>\n").unwrap();
    let outcome = common::run_except(dir.path(), &["A11Y"]);
    let found: Vec<(&str, String, String)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.file.display.clone(), d.message.clone()))
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].0, "ATTR001");
    assert_eq!((found[1].0, found[1].1.as_str()), ("INPUT001", "mem.html"));
    assert!(
        found[1].2.starts_with("cannot read `mem.html`: "),
        "{found:#?}"
    );

    // The exit status says the run found an error; the tool itself did its job.
    let status = sitelint()
        .args(["check", "--offline"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
}

#[test]
fn bom_and_crlf_do_not_shift_columns() {
    let dir = site();
    fs::write(
        dir.path().join("windows.html"),
        "\u{feff}<p>one</p>\r\n<p>two</p>\r\n<a href=\"/\" target=\"_blnak\">x</a>\r\n",
    )
    .unwrap();
    assert_eq!(
        findings_except_a11y(dir.path()),
        vec![canary(), f("ATTR001", "error", "windows.html", 3, 21)]
    );
}

#[test]
fn a_missing_root_is_exit_2_with_a_clear_message() {
    let output = sitelint()
        .args(["check", "--offline", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/definitely/not/here"), "{stderr}");
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let site = common::fixture("ler-ecosystem-map-v2");
    let run = |jobs: &str| {
        let output = sitelint()
            .args(["check", "--offline", "--format", "json", "--jobs", jobs])
            .arg(&site)
            .output()
            .unwrap();
        let mut json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["summary"]["elapsed_ms"] = serde_json::Value::Null;
        json
    };
    let one = run("1");
    // The 11 link, attribute and license findings (tests/real_site.rs) and 30 accessibility
    // ones (tests/a11y.rs).
    assert_eq!(one["diagnostics"].as_array().unwrap().len(), 41);
    for _ in 0..3 {
        assert_eq!(run("2"), one);
        assert_eq!(run("8"), one);
    }
}

#[cfg(unix)]
#[test]
fn non_utf8_file_names_are_named_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = site();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.html");
    fs::write(dir.path().join(name), "<a target=\"_blankk\">x</a>").unwrap();
    let found = findings_except_a11y(dir.path());
    assert_eq!(
        found,
        vec![f("ATTR001", "error", "caf\u{FFFD}.html", 1, 12), canary()]
    );
    // The human report can still open it to show the snippet.
    let output = sitelint()
        .args(["check", "--offline"])
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("_blankk"), "{stdout}");
    let _ = Path::new("unused");
}
