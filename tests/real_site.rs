//! The real Jekyll site the project started from (a copy in fixtures/): exactly its real
//! defects, nothing false, exit status 1. Its accessibility findings are in tests/a11y.rs.

use assert_cmd::Command;
use serde_json::Value;

fn site() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ler-ecosystem-map-v2")
}

#[test]
fn reports_exactly_the_real_defects() {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .args(["check", "--offline", "--format", "json", "--ignore", "A11Y"])
        .arg(site())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = [
        ("LINK004", "warning", "_config.yml", 27, 11),
        ("LIC002", "warning", "_includes/footer.html", 15, 16),
        // Written once in the navigation include, evaluated for each page and loop item.
        ("LINK001", "error", "_includes/navigation.html", 18, 58),
        ("LINK005", "warning", "_includes/navigation.html", 29, 58),
        (
            "LIC002",
            "warning",
            "_includes/stakeholder-footer.html",
            15,
            16,
        ),
        ("ATTR001", "error", "about.md", 33, 58),
        ("ATTR001", "error", "about.md", 55, 59),
        ("LINK002", "warning", "about.md", 63, 73),
        ("ATTR002", "error", "about.md", 80, 54),
        ("LIC002", "warning", "about.md", 90, 61),
        // A resource in `_data/resources-list.yml` without a `url`. kramdown keeps the page's
        // tab-indented HTML after a blank line as HTML, so the link is on the page.
        ("LINK005", "warning", "resources.md", 22, 21),
    ];
    let expected: Vec<(String, String, String, u64, u64)> = expected
        .iter()
        .map(|(c, s, p, l, col)| ((*c).into(), (*s).into(), (*p).into(), *l, *col))
        .collect();
    assert_eq!(found, expected);

    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics[5]["help"], "did you mean `_blank`?");
    assert_eq!(diagnostics[6]["help"], "did you mean `_blank`?");
    assert_eq!(diagnostics[8]["help"], "did you mean `target`?");
    assert_eq!(diagnostics[7]["fix"], "./images/LOGO-ASPENUPSKILL%20.jpeg");
    assert_eq!(
        diagnostics[9]["message"],
        "page claims CC BY 4.0 but `LICENSE` is CC0 1.0"
    );
    assert_eq!(diagnostics[9]["related"][0]["path"], "LICENSE");
    assert_eq!(diagnostics[0]["related"][0]["path"], "CNAME");
    // Columns are 1-based characters; end column is exclusive.
    assert_eq!(diagnostics[5]["end_line"], 33);
    assert_eq!(diagnostics[5]["end_column"], 65);

    // The navigation's Stakeholders entry has no `url`: `{{ site.baseurl }}` alone, which the
    // custom domain does not serve. Reported once, for all 17 pages that include it.
    let nav = &diagnostics[2];
    assert_eq!(
        nav["message"],
        "broken link `{{ site.baseurl }}{{ item.url }}` (evaluates to `/ler-ecosystem-map-v2` for item `Stakeholders`)"
    );
    assert_eq!(nav["end_column"], 90);
    assert!(
        nav["help"]
            .as_str()
            .unwrap()
            .contains("baseurl-cname-conflict"),
        "{nav}"
    );
    assert_eq!(nav["related"].as_array().unwrap().len(), 3);
    assert_eq!(nav["related"][0]["path"], "404.html");
    // The Guidance entry has no `url` either: an empty href, a link to the page itself.
    assert_eq!(
        diagnostics[3]["message"],
        "`{{ item.url }}` evaluates to an empty `a href` for item `Guidance`"
    );
    assert_eq!(
        diagnostics[10]["message"],
        "`{{ site.url }}` evaluates to an empty `a href` for item `On Learning and Advocacy`, site `Building a Skills-Based Talent Marketplace Verifiable Credentials Wallets for Learning and Employment`"
    );

    let summary = &report["summary"];
    assert_eq!(summary["errors"], 4);
    assert_eq!(summary["warnings"], 7);
    // Every page's internal links and assets were resolved in the context of each page, with
    // its layout and includes (`{{ base }}` from `_includes/base.html`, the stakeholder pages'
    // `../images/` footer, `/stakeholder/{{ entry.url }}`): none of them is reported.
    assert!(
        summary["links_checked"].as_u64().unwrap() >= 700,
        "{summary}"
    );
    // Every Liquid URL on this site could be decided.
    assert_eq!(summary["templated_skipped"], 0, "{summary}");
    assert_eq!(summary["unevaluated"], serde_json::json!([]));
}

#[test]
fn human_output_points_at_the_source_line() {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .args(["check", "--offline", "--ignore", "A11Y"])
        .arg(site())
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    // Paths are the site root as typed, joined with the file: openable from the current folder.
    let expected = format!(
        "ATTR001(invalid-target-value) {}:33:58",
        site().join("about.md").display()
    );
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("help: did you mean `_blank`?"), "{text}");
    assert!(text.contains("✖ 4 errors, 7 warnings"), "{text}");
}

#[test]
fn a_single_file_is_checked_in_the_context_of_its_site() {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .args(["check", "--offline", "--format", "json", "--ignore", "A11Y"])
        .arg(site().join("index.md"))
        .output()
        .unwrap();
    // index.md links to `stakeholder/<name>` (a collection permalink): all resolve.
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        0,
        "{report}"
    );
    assert!(report["summary"]["links_checked"].as_u64().unwrap() > 20);
}

#[test]
fn a_file_named_from_inside_its_site_or_a_subfolder_is_checked_in_that_site() {
    let run = |dir: &std::path::Path, file: &str| {
        let output = Command::cargo_bin("sitelint")
            .unwrap()
            .current_dir(dir)
            .args(["check", "--offline", "--format", "json", "--ignore", "A11Y"])
            .arg(file)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        let found: Vec<(String, u64)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        (found, report["summary"]["files"].as_u64().unwrap())
    };
    let expected: Vec<(String, u64)> = [
        ("ATTR001", 33),
        ("ATTR001", 55),
        ("LINK002", 63),
        ("ATTR002", 80),
        ("LIC002", 90),
    ]
    .iter()
    .map(|(c, l)| ((*c).to_string(), *l))
    .collect();
    // The site is the folder with `_config.yml` above the file, however the file is named.
    for name in ["about.md", "./about.md"] {
        assert_eq!(run(&site(), name), (expected.clone(), 27), "{name}");
    }
    assert_eq!(
        run(&site().join("_includes"), "../about.md"),
        (expected, 27)
    );
}
