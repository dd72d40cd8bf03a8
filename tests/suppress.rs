//! Inline suppressions (`sitelint-disable…` comments, `data-proofer-ignore`) and the
//! unused-suppression rule (INPUT007): exact rule, file, line and column.

mod common;

use common::{f, findings, findings_except_a11y, fixture};

#[test]
fn unused_and_unknown_suppressions_are_reported_at_the_comment() {
    assert_eq!(
        findings(&fixture("unused-suppression"), &["unused-suppression"]),
        [
            f("INPUT007", "warning", "invalid.html", 2, 1),
            f("INPUT007", "warning", "invalid.html", 5, 1),
            f("INPUT007", "warning", "invalid.html", 8, 1),
            f("INPUT007", "warning", "jekyll/index.md", 7, 1),
        ]
    );
}

#[test]
fn a_suppression_whose_rule_is_not_selected_still_counts_as_used() {
    // Selecting only INPUT007 (as above) must not make valid.html's suppressions unused; and
    // selecting the suppressed rules too changes nothing.
    assert_eq!(
        findings(&fixture("unused-suppression"), &["INPUT007", "IMG", "LINK"]),
        [
            f("INPUT007", "warning", "invalid.html", 2, 1),
            f("INPUT007", "warning", "invalid.html", 5, 1),
            // The directive names `IMG01`, which is no rule: the finding stays.
            f("IMG001", "error", "invalid.html", 6, 11),
            f("INPUT007", "warning", "invalid.html", 8, 1),
            f("INPUT007", "warning", "jekyll/index.md", 7, 1),
        ]
    );
}

#[test]
fn every_finding_in_the_valid_files_is_suppressed() {
    let all = findings_except_a11y(&fixture("unused-suppression"));
    let in_valid: Vec<_> = all.iter().filter(|d| d.2.starts_with("valid")).collect();
    assert!(in_valid.is_empty(), "{in_valid:?}");
}

/// The same files without their directives: what the suppressions silence.
#[test]
fn without_the_directives_the_valid_files_have_findings() {
    let dir = tempfile::tempdir().unwrap();
    let source = fixture("unused-suppression");
    std::fs::copy(source.join("logo.png"), dir.path().join("logo.png")).unwrap();
    for name in ["valid.html", "valid-proofer.html"] {
        let text = std::fs::read_to_string(source.join(name)).unwrap();
        // Keep the line count: blank the directive comments, drop the attribute.
        let stripped: Vec<String> = text
            .lines()
            .map(|line| {
                if line.contains("sitelint-") {
                    String::new()
                } else {
                    line.replace(" data-proofer-ignore", "")
                }
            })
            .collect();
        std::fs::write(dir.path().join(name), stripped.join("\n")).unwrap();
    }
    std::fs::write(dir.path().join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    let mut found = findings_except_a11y(dir.path());
    found.retain(|d| d.0 != "LIC001" && d.0 != "LIC002");
    assert_eq!(
        found,
        [
            f("ASSET001", "error", "valid-proofer.html", 3, 16),
            f("IMG001", "error", "valid-proofer.html", 3, 16),
            f("LINK001", "error", "valid-proofer.html", 4, 12),
            f("ATTR002", "error", "valid-proofer.html", 4, 23),
            f("ASSET001", "error", "valid-proofer.html", 6, 11),
            f("IMG001", "error", "valid-proofer.html", 6, 11),
            f("IMG001", "error", "valid.html", 3, 11),
            f("ATTR001", "error", "valid.html", 6, 30),
            f("IMG001", "error", "valid.html", 6, 49),
            f("LINK001", "error", "valid.html", 9, 10),
            f("LINK001", "error", "valid.html", 10, 10),
            f("LINK002", "warning", "valid.html", 10, 10),
            f("ASSET001", "error", "valid.html", 14, 11),
            f("IMG001", "error", "valid.html", 14, 11),
        ]
    );
}

#[test]
fn messages_name_the_directive_and_suggest_the_rule_meant() {
    let outcome = common::run(&fixture("unused-suppression"), &["INPUT007"]);
    let texts: Vec<(String, String, String)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.message.clone(),
                d.label.clone().unwrap_or_default(),
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        texts[0],
        (
            "`sitelint-disable-next-line missing-alt-text` suppresses nothing".into(),
            "nothing to suppress on line 3".into(),
            "remove the comment, or move it next to the finding it is for".into()
        )
    );
    assert_eq!(
        texts[1].0,
        "`sitelint-disable-next-line IMG01` names no rule `IMG01`"
    );
    assert_eq!(texts[1].2, "did you mean `IMG001`?");
    assert_eq!(texts[2].1, "nothing to suppress in its region");
}
