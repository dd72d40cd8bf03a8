//! Every `--format`, byte for byte, on one small built site whose file names and contents
//! exercise the escaping of each format; SARIF is also validated against the official schema.

use std::path::Path;

use assert_cmd::Command;

/// A built site (no `_config.yml`) in a temporary folder, checked as `site` from that folder so
/// the output shows short relative paths.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("ok.png"), b"\x89PNG").unwrap();
    // A link to nothing, and a target typo (a finding with a fix).
    std::fs::write(
        site.join("index.html"),
        "<p><a href=\"gone.html\">gone</a>\n<a href=\"ok.png\" target=\"_blankk\">x</a>\n",
    )
    .unwrap();
    // A file name with every character a GitHub property must escape, and an emoji before the
    // finding on its line (one character, two UTF-16 code units).
    std::fs::write(
        site.join("100%,a:b.html"),
        "<p>😀 <img src=\"ok.png\"></p>\n",
    )
    .unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(["check", "--offline"])
        // The pages are fragments: accessibility findings (no `lang`, no `<title>`) would
        // drown the findings whose escaping these snapshots are about.
        .args(["--ignore", "A11Y"])
        .args(args)
        .arg("site")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

#[test]
fn concise_is_one_line_per_finding_and_a_count() {
    let dir = site();
    let (text, code) = run(dir.path(), &["--format", "concise"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        text,
        r"site: warning[LIC001] the project has no license: no LICENSE file and no page links to one
site/100%,a:b.html:1:16: error[IMG001] image `ok.png` has no `alt` attribute
site/index.html:1:13: error[LINK001] broken link `gone.html`
site/index.html:2:26: error[ATTR001] `_blankk` is not a browsing-context keyword
3 errors, 1 warning in 2 files; 2 files checked
"
    );
    let (quiet, _) = run(dir.path(), &["--format", "concise", "--quiet"]);
    assert_eq!(quiet.lines().count(), 4, "{quiet}");
    assert!(!quiet.contains("3 errors"), "{quiet}");
}

#[test]
fn github_annotations_are_byte_exact_and_escaped() {
    let dir = site();
    let (text, code) = run(dir.path(), &["--format", "github"]);
    assert_eq!(code, Some(1));
    // The project-level finding has no file; `%`, `,` and `:` in the file name are escaped as
    // property values; the help line is a `%0A`-escaped second line of the message.
    assert_eq!(
        text,
        r#"::warning title=LIC001 missing-license::the project has no license: no LICENSE file and no page links to one%0Ahelp: add a LICENSE file (https://choosealicense.com), and link it from the footer with `rel="license"`
::error file=site/100%25%2Ca%3Ab.html,line=1,col=16,endLine=1,endColumn=22,title=IMG001 missing-alt-text::image `ok.png` has no `alt` attribute%0Ahelp: describe the image in `alt="…"`, or use `alt=""` if it is decorative
::error file=site/index.html,line=1,col=13,endLine=1,endColumn=22,title=LINK001 broken-internal-link::broken link `gone.html`%0Ahelp: fix the path, or add the missing file
::error file=site/index.html,line=2,col=26,endLine=2,endColumn=33,title=ATTR001 invalid-target-value::`_blankk` is not a browsing-context keyword%0Ahelp: did you mean `_blank`?
"#
    );
}

#[test]
fn junit_has_one_failed_test_case_per_finding() {
    let dir = site();
    let (text, _) = run(dir.path(), &["--format", "junit"]);
    assert_eq!(
        text,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="sitelint" tests="4" failures="4" errors="0">
  <testsuite name="sitelint" tests="4" failures="4" errors="0" skipped="0">
    <testcase name="LIC001 site" classname="site" file="site">
      <failure message="the project has no license: no LICENSE file and no page links to one" type="warning">site: warning[LIC001] the project has no license: no LICENSE file and no page links to one&#10;help: add a LICENSE file (https://choosealicense.com), and link it from the footer with `rel=&quot;license&quot;`&#10;rule: https://github.com/sitelint/sitelint/blob/main/rules/missing-license.md</failure>
    </testcase>
    <testcase name="IMG001 site/100%,a:b.html:1:16" classname="site/100%,a:b.html" file="site/100%,a:b.html" line="1">
      <failure message="image `ok.png` has no `alt` attribute" type="error">site/100%,a:b.html:1:16: error[IMG001] image `ok.png` has no `alt` attribute&#10;help: describe the image in `alt=&quot;…&quot;`, or use `alt=&quot;&quot;` if it is decorative&#10;rule: https://github.com/sitelint/sitelint/blob/main/rules/missing-alt-text.md</failure>
    </testcase>
    <testcase name="LINK001 site/index.html:1:13" classname="site/index.html" file="site/index.html" line="1">
      <failure message="broken link `gone.html`" type="error">site/index.html:1:13: error[LINK001] broken link `gone.html`&#10;help: fix the path, or add the missing file&#10;rule: https://github.com/sitelint/sitelint/blob/main/rules/broken-internal-link.md</failure>
    </testcase>
    <testcase name="ATTR001 site/index.html:2:26" classname="site/index.html" file="site/index.html" line="2">
      <failure message="`_blankk` is not a browsing-context keyword" type="error">site/index.html:2:26: error[ATTR001] `_blankk` is not a browsing-context keyword&#10;help: did you mean `_blank`?&#10;rule: https://github.com/sitelint/sitelint/blob/main/rules/invalid-target-value.md</failure>
    </testcase>
  </testsuite>
</testsuites>
"#
    );
}

#[test]
fn junit_without_findings_is_one_passing_test_case() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("index.html"), "<p>fine</p>\n").unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    let (text, code) = run(dir.path(), &["--format", "junit", "--ignore", "LIC"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        text,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="sitelint" tests="1" failures="0" errors="0">
  <testsuite name="sitelint" tests="1" failures="0" errors="0" skipped="0">
    <testcase name="0 errors, 0 warnings; 1 file checked" classname="sitelint"/>
  </testsuite>
</testsuites>
"#
    );
}

#[test]
fn markdown_has_a_table_per_rule_and_the_findings() {
    let dir = site();
    let (text, _) = run(dir.path(), &["--format", "markdown"]);
    assert_eq!(
        text,
        r#"## sitelint

❌ 3 errors, 1 warning in 2 files; 2 files and 3 internal links checked.

| rule | errors | warnings | notes |
|---|---:|---:|---:|
| [ATTR001](https://github.com/sitelint/sitelint/blob/main/rules/invalid-target-value.md) invalid-target-value | 1 | 0 | 0 |
| [IMG001](https://github.com/sitelint/sitelint/blob/main/rules/missing-alt-text.md) missing-alt-text | 1 | 0 | 0 |
| [LIC001](https://github.com/sitelint/sitelint/blob/main/rules/missing-license.md) missing-license | 0 | 1 | 0 |
| [LINK001](https://github.com/sitelint/sitelint/blob/main/rules/broken-internal-link.md) broken-internal-link | 1 | 0 | 0 |

### Findings

- ⚠️ `site` **LIC001** the project has no license: no LICENSE file and no page links to one — add a LICENSE file (https://choosealicense.com), and link it from the footer with `rel="license"`
- ❌ `site/100%,a:b.html:1:16` **IMG001** image `ok.png` has no `alt` attribute — describe the image in `alt="…"`, or use `alt=""` if it is decorative
- ❌ `site/index.html:1:13` **LINK001** broken link `gone.html` — fix the path, or add the missing file
- ❌ `site/index.html:2:26` **ATTR001** `_blankk` is not a browsing-context keyword — did you mean `_blank`?
"#
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let dir = site();
    let (text, code) = run(dir.path(), &["--format", "sarif"]);
    assert_eq!(code, Some(1));
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // Formats (`uri`, `uri-reference`) are asserted. The official schema has one pattern (for
    // `language`, twice, with a stray `]`) that the validator's meta-schema check rejects as a
    // regular expression; we never emit `language`, so that pattern is replaced in memory by its
    // evident intent and the vendored file stays byte-identical to the published one.
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(schema_text.matches(broken).count(), 2);
    let schema: serde_json::Value =
        serde_json::from_str(&schema_text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#))
            .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The validator is not vacuous: a level SARIF does not define is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), sitelint::registry::RULES.len());
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for result in results {
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(rules[index]["helpUri"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{}.md", rules[index]["name"].as_str().unwrap())));
    }
    let image = &results[1]["locations"][0]["physicalLocation"];
    assert_eq!(image["artifactLocation"]["uri"], "site/100%25%2Ca:b.html");
    // `ok.png` starts at character 16, after an emoji that is two UTF-16 code units.
    assert_eq!(
        image["region"],
        serde_json::json!({"startLine": 1, "startColumn": 17, "endLine": 1, "endColumn": 23})
    );
    let fix = &results[3]["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(fix["insertedContent"]["text"], "_blank");
    assert_eq!(fix["deletedRegion"]["startColumn"], 26);
    assert_eq!(
        results[3]["fixes"][0]["description"]["text"],
        "replace `_blankk` with `_blank`"
    );
}

#[test]
fn a_sarif_fix_that_deletes_says_what_it_deletes() {
    // LINK004's fix empties `baseurl`: "replace with ``" said nothing.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/baseurl-cname-conflict");
    let (text, _) = run(&fixture, &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&text).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let link004 = results.iter().find(|r| r["ruleId"] == "LINK004").unwrap();
    assert_eq!(
        link004["fixes"][0]["description"]["text"],
        "delete `/docs-v2`"
    );
}

#[test]
fn output_writes_a_second_format_to_a_file() {
    let dir = site();
    let (text, code) = run(
        dir.path(),
        &["--format", "concise", "--quiet", "--output", "report.sarif"],
    );
    assert_eq!(code, Some(1));
    assert_eq!(text.lines().count(), 4, "{text}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("report.sarif")).unwrap()).unwrap();
    assert_eq!(report["version"], "2.1.0");
    assert_eq!(report["runs"][0]["results"].as_array().unwrap().len(), 4);

    run(
        dir.path(),
        &["--output", "summary.txt", "--output-format", "markdown"],
    );
    let summary = std::fs::read_to_string(dir.path().join("summary.txt")).unwrap();
    assert!(summary.starts_with("## sitelint\n"), "{summary}");

    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--offline",
            "--ignore",
            "A11Y",
            "--output",
            "report.unknown",
            "site",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("cannot tell the format of `report.unknown`"));
}

#[test]
fn human_snippet_headers_count_columns_in_characters() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<p>é—中文 <a href=\"missing.html\">x</a></p>\n",
    )
    .unwrap();
    let (text, _) = run(dir.path(), &["--select", "LINK001", "--color", "never"]);
    // Four characters before the link take nine bytes: both places say column 18.
    assert!(
        text.starts_with("LINK001(broken-internal-link) site/index.html:1:18\n"),
        "{text}"
    );
    assert!(text.contains("╭─[site/index.html:1:18]"), "{text}");
}
