//! Every registered rule has a document with the standard headings, every document a rule, and
//! each `invalid` example gives exactly one diagnostic of its rule while each `valid` one gives none.

mod common;

use std::path::Path;

use sitelint::registry::RULES;

const HEADINGS: [&str; 5] = [
    "## What it does",
    "## Why it matters",
    "## Examples",
    "## Options",
    "## References",
];

#[test]
fn every_rule_has_a_doc_with_the_standard_headings_and_every_doc_a_rule() {
    for rule in RULES {
        let mut last = 0;
        for heading in HEADINGS {
            let position = rule
                .doc
                .find(heading)
                .unwrap_or_else(|| panic!("{}: no `{heading}`", rule.name));
            assert!(position >= last, "{}: `{heading}` out of order", rule.name);
            last = position;
        }
        assert!(
            !rule.summary().is_empty() && rule.summary() != "TODO",
            "{}: no summary",
            rule.name
        );
    }
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(docs).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name
            .strip_suffix(".md")
            .expect("only Markdown docs in rules/");
        assert!(
            sitelint::registry::find(stem).is_some(),
            "rules/{name} documents no rule"
        );
    }
}

/// Fenced blocks with an info string such as `html invalid`, or `html invalid online` for
/// an example whose verdict depends on a server's answer.
fn examples(doc: &str) -> Vec<(String, String, String, bool)> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let words: Vec<&str> = info.split_whitespace().collect();
        let mut body = String::new();
        for inner in lines.by_ref() {
            if inner.starts_with("```") {
                break;
            }
            body.push_str(inner);
            body.push('\n');
        }
        let (language, verdict, online) = match words.as_slice() {
            [language, verdict] => (*language, *verdict, false),
            [language, verdict, "online"] => (*language, *verdict, true),
            _ => continue,
        };
        if matches!(verdict, "valid" | "invalid") {
            out.push((language.to_string(), verdict.to_string(), body, online));
        }
    }
    out
}

#[test]
fn doc_examples_behave_as_they_say() {
    let license = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/license-mismatch/valid/LICENSE"),
    )
    .unwrap();
    for rule in RULES {
        for (index, (language, verdict, body, online)) in examples(rule.doc).into_iter().enumerate()
        {
            // Tests never reach the internet, so an `online` example's verdict (which depends
            // on what a real server answers) is not run here; tests/external.rs covers each
            // such rule against a local server. Only rules that need the network may have them,
            // and offline they must give nothing.
            let expected = if online {
                assert!(
                    sitelint::registry::needs_network(rule),
                    "{}: example {index} is `online` but the rule works offline",
                    rule.name
                );
                0
            } else {
                usize::from(verdict == "invalid")
            };
            let dir = tempfile::tempdir().unwrap();
            std::fs::write(dir.path().join("LICENSE"), &license).unwrap();
            match language.as_str() {
                "html" => std::fs::write(dir.path().join("index.html"), &body).unwrap(),
                "markdown" | "md" => {
                    std::fs::write(dir.path().join("_config.yml"), "").unwrap();
                    std::fs::write(dir.path().join("index.md"), format!("---\n---\n{body}"))
                        .unwrap();
                }
                other => panic!(
                    "{}: example {index} has unsupported language `{other}`",
                    rule.name
                ),
            }
            let count = common::run(dir.path(), &[rule.code]).diagnostics.len();
            assert_eq!(
                count, expected,
                "{}: example {index} ({verdict}) gave {count} diagnostics:\n{body}",
                rule.name
            );
        }
    }
}

/// The `## WCAG` convention (`- 1.1.1 Non-text Content (A)`, one bullet per success criterion)
/// is what makes a rule an accessibility rule for `sitelint report`: a line off the convention
/// would silently drop the rule from the report, so it fails here.
#[test]
fn wcag_sections_follow_the_convention() {
    for rule in RULES {
        let parsed = sitelint::rule_doc::wcag_section(rule.doc);
        for line in &parsed {
            assert!(
                line.is_ok(),
                "{}: `## WCAG` line {line:?} is not `- 1.1.1 Non-text Content (A)`",
                rule.name
            );
        }
        let has_heading = rule.doc.lines().any(|l| l.trim_end() == "## WCAG");
        assert_eq!(
            has_heading,
            !parsed.is_empty(),
            "{}: a `## WCAG` heading needs at least one criterion",
            rule.name
        );
        if rule.family() == "A11Y" || rule.family() == "IMG" {
            assert!(
                !rule.wcag().is_empty(),
                "{}: no `## WCAG` section",
                rule.name
            );
        }
    }
}
