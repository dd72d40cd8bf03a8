//! Source mode and built mode agree: the fixture Jekyll site under `fixtures/built-agreement/`
//! was built once with Jekyll 4.3 (`jekyll build -s source -d built`, committed; the test does
//! not need Jekyll). Every finding on the built output has a finding on the sources for the
//! same problem, located at the source line to edit, and the sources leave nothing undecided.

mod common;

use std::collections::BTreeSet;

use common::{f, findings, fixture, run};

/// A finding as both modes describe it: the rule and what is wrong, without where.
fn problems(path: &str) -> BTreeSet<(String, String)> {
    let mut options = sitelint::check::CheckOptions::new(vec![fixture(path)]);
    options.ignore = vec!["LIC".into()];
    let outcome = sitelint::check::check(&options).unwrap();
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let what = match d.rule.code {
                // Links and assets: the path the browser asks for (the written form differs:
                // Liquid in the sources, its value in the output).
                "LINK001" | "ASSET001" => d
                    .label
                    .as_deref()
                    .unwrap_or_default()
                    .split(" (on ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                _ => d.message.clone(),
            };
            (d.rule.code.to_string(), what)
        })
        .collect()
}

#[test]
fn every_built_finding_has_its_source_finding() {
    let built = problems("built-agreement/built");
    let source = problems("built-agreement/source");
    // Six link, asset, fragment and attribute problems, and the docs pages' missing `<h1>`
    // (reported on each built page, and once at the layout line in the sources).
    assert_eq!(built.len(), 7, "{built:#?}");
    assert_eq!(built, source);
}

#[test]
fn source_findings_point_at_the_lines_to_edit() {
    let site = fixture("built-agreement/source");
    assert_eq!(
        findings(&site, &["LINK", "ASSET", "FRAG", "ATTR"]),
        [
            f("ASSET001", "error", "_includes/footer.html", 1, 82),
            f("LINK001", "error", "_includes/nav.html", 1, 46),
            f("FRAG001", "error", "docs/index.md", 7, 49),
            f("ASSET001", "error", "docs/setup.md", 7, 12),
            f("LINK001", "error", "index.md", 9, 10),
            f("ATTR001", "error", "index.md", 9, 37),
        ]
    );
    let outcome = run(&site, &[]);
    assert_eq!(outcome.summary.templated_skipped, 0);
    // Both modes resolve the same links, and the same fragments.
    let built = run(&fixture("built-agreement/built"), &[]);
    assert_eq!(outcome.summary.links_checked, built.summary.links_checked);
    assert_eq!(
        outcome.summary.fragments_checked,
        built.summary.fragments_checked
    );
}
