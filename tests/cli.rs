//! Command-line behaviour: subcommands, exit statuses, determinism.

use assert_cmd::Command;

fn sitelint() -> Command {
    Command::cargo_bin("sitelint").unwrap()
}

fn fixture(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

#[test]
fn rules_lists_every_registered_rule_with_its_summary() {
    let output = sitelint().arg("rules").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(text.lines().count(), sitelint::registry::RULES.len());
    let line = text.lines().find(|l| l.starts_with("ATTR001")).unwrap();
    assert!(line.contains("invalid-target-value"), "{line}");
    assert!(line.contains("error"), "{line}");
    let summary = sitelint::registry::find("ATTR001").unwrap().summary();
    assert!(!summary.is_empty() && line.ends_with(summary), "{line}");
}

#[test]
fn explain_by_code_or_name_prints_the_header_and_the_doc() {
    for key in ["IMG001", "img001", "missing-alt-text"] {
        let output = sitelint().args(["explain", key]).output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            text.starts_with(
                "missing-alt-text (IMG001)\nfamily: IMG  severity: error  status: preview\n"
            ),
            "{text}"
        );
        assert!(text.contains("## What it does"), "{text}");
        // Sections stand apart: a blank line before each heading.
        assert!(text.contains(".\n\n## Why it matters\n"), "{text}");
    }
}

#[test]
fn unknown_rule_bad_flag_and_missing_path_exit_2() {
    let output = sitelint().args(["explain", "NOPE001"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no rule named `NOPE001`"));
    let output = sitelint()
        .args(["check", "--offline", "--select", "NOPE"])
        .arg(fixture("missing-license/site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        sitelint()
            .args(["check", "--offline", "--no-such-flag"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        sitelint()
            .args(["check", "--offline", "--jobs", "0"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
    let output = sitelint()
        .args(["check", "--offline", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot read `/definitely/not/here`"),
        "{stderr}"
    );
    // The system's reason once, in the message, and no internal error code above it.
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
    assert!(!stderr.contains("sitelint::"), "{stderr}");
}

#[test]
fn exit_status_follows_error_level_findings() {
    // Warnings only: exit 0.
    let output = sitelint()
        .args(["check", "--offline", "-q", "--ignore", "A11Y"])
        .arg(fixture("missing-license/site"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    // Errors: exit 1.
    let output = sitelint()
        .args(["check", "--offline", "-q"])
        .arg(fixture("backslash-in-url"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // Ignoring the failing rules makes it pass.
    let output = sitelint()
        .args(["check", "--offline", "-q", "--ignore", "LINK003,A11Y"])
        .arg(fixture("backslash-in-url"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn quiet_prints_findings_without_the_summary() {
    let output = sitelint()
        .args(["check", "--offline", "--quiet"])
        .arg(fixture("backslash-in-url"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("/fixtures/backslash-in-url/invalid.html:4:11"),
        "{text}"
    );
    assert!(!text.contains("errors,"), "{text}");
}

fn without_elapsed(json: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(json).unwrap();
    value["summary"]["elapsed_ms"] = serde_json::Value::Null;
    value
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let site = fixture("ler-ecosystem-map-v2");
    let one = sitelint()
        .args(["check", "--offline", "--format", "json", "--jobs", "1"])
        .arg(&site)
        .output()
        .unwrap();
    let four = sitelint()
        .args(["check", "--offline", "--format", "json", "--jobs", "4"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(without_elapsed(&one.stdout), without_elapsed(&four.stdout));
    let one = sitelint()
        .args(["check", "--offline", "--jobs", "1", "-q"])
        .arg(&site)
        .output()
        .unwrap();
    let four = sitelint()
        .args(["check", "--offline", "--jobs", "4", "-q"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(one.stdout, four.stdout);
}
