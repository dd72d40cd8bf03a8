//! Accessibility rules: exact findings on fixture pages (one built site with a page per group
//! of rules, one Jekyll site whose layout and include are shared by several pages) and on the
//! real Jekyll site the project started from.

mod common;

use common::{f, findings, fixture, run};

#[test]
fn built_pages_give_exactly_one_finding_per_planted_problem() {
    assert_eq!(
        findings(&fixture("a11y/built"), &["A11Y"]),
        [
            f("A11Y029", "error", "aria.html", 7, 22),
            f("A11Y030", "error", "aria.html", 8, 19),
            f("A11Y031", "error", "aria.html", 9, 12),
            f("A11Y032", "error", "aria.html", 10, 31),
            f("A11Y033", "error", "aria.html", 11, 12),
            f("A11Y035", "warning", "aria.html", 13, 25),
            f("A11Y009", "error", "bad-lang.html", 2, 13),
            f("A11Y010", "error", "bad-lang.html", 5, 25),
            // Cases compared with axe-core 4.14: what it accepts (local-use and private
            // language tags, items by role, hidden children, presentational lists, empty data
            // cells, hidden labels, placeholders, frames out of the tab order) gives nothing.
            f("A11Y012", "error", "edge.html", 4, 32),
            f("A11Y030", "error", "edge.html", 16, 33),
            f("A11Y033", "error", "edge.html", 17, 12),
            f("A11Y025", "warning", "edge.html", 18, 27),
            f("A11Y027", "error", "edge.html", 19, 46),
            f("A11Y001", "error", "edge.html", 20, 1),
            f("A11Y003", "error", "edge.html", 21, 1),
            f("A11Y021", "error", "edge.html", 22, 1),
            // `aria-hidden` on the body hides the `<h1>` and `<main>` too (as axe-core finds).
            f("A11Y014", "warning", "hidden-body.html", 4, 1),
            f("A11Y015", "warning", "hidden-body.html", 4, 1),
            f("A11Y034", "error", "hidden-body.html", 4, 20),
            f("A11Y016", "warning", "landmarks.html", 6, 1),
            f("A11Y016", "warning", "landmarks.html", 10, 1),
            f("A11Y016", "warning", "landmarks.html", 12, 1),
            f("A11Y001", "error", "names.html", 7, 1),
            f("A11Y001", "error", "names.html", 9, 1),
            f("A11Y002", "error", "names.html", 12, 1),
            f("A11Y003", "error", "names.html", 14, 1),
            f("A11Y004", "error", "names.html", 16, 1),
            f("A11Y005", "warning", "names.html", 17, 70),
            f("A11Y006", "error", "names.html", 19, 1),
            f("A11Y007", "warning", "names.html", 21, 29),
            f("A11Y036", "error", "names.html", 22, 1),
            f("A11Y037", "error", "names.html", 24, 13),
            f("A11Y038", "error", "names.html", 25, 1),
            f("A11Y008", "error", "no-lang.html", 2, 1),
            f("A11Y012", "error", "no-title.html", 4, 32),
            f("A11Y013", "error", "no-title.html", 5, 37),
            f("A11Y011", "error", "no-title.html", 7, 1),
            f("A11Y014", "warning", "no-title.html", 7, 1),
            f("A11Y015", "warning", "no-title.html", 7, 1),
            f("A11Y017", "warning", "structure.html", 7, 1),
            f("A11Y018", "warning", "structure.html", 8, 1),
            f("A11Y019", "error", "structure.html", 9, 17),
            f("A11Y020", "error", "structure.html", 10, 6),
            f("A11Y021", "error", "structure.html", 11, 37),
            f("A11Y022", "error", "structure.html", 12, 6),
            f("A11Y023", "error", "structure.html", 13, 71),
            f("A11Y024", "error", "structure.html", 14, 29),
            f("A11Y025", "warning", "structure.html", 15, 28),
            f("A11Y026", "warning", "structure.html", 16, 23),
            f("A11Y027", "error", "structure.html", 16, 62),
            f("A11Y028", "warning", "structure.html", 17, 12),
            f("A11Y039", "error", "structure.html", 18, 4),
            f("A11Y040", "error", "structure.html", 18, 24),
            f("A11Y041", "warning", "structure.html", 19, 45),
            f("A11Y042", "error", "structure.html", 20, 35),
            f("A11Y043", "warning", "structure.html", 21, 63),
            f("A11Y021", "error", "structure.html", 22, 1),
        ]
    );
}

#[test]
fn suggestions_name_the_real_attribute_and_role() {
    let outcome = run(&fixture("a11y/built/aria.html"), &["A11Y029", "A11Y031"]);
    let helps: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.help.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(
        helps,
        ["did you mean `aria-labelledby`?", "did you mean `button`?"]
    );
}

/// Rule, file, line, column, label and the pages named of one finding.
type Placed<'a> = (&'a str, &'a str, u32, u32, &'a str, Vec<&'a str>);

#[test]
fn template_findings_are_reported_once_with_the_pages_they_affect() {
    let outcome = run(&fixture("a11y/jekyll"), &["A11Y"]);
    let found: Vec<Placed<'_>> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let location = d.location.unwrap();
            (
                d.rule.code,
                d.file.display.as_str(),
                location.line,
                location.column,
                d.label.as_deref().unwrap_or_default(),
                d.related.iter().map(|r| r.file.display.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // The footer's `<h3>` follows the page's `<h1>` only on about.md (index.md has an
            // `<h2>` in between).
            (
                "A11Y017",
                "_includes/footer.html",
                2,
                1,
                "level 2 skipped (on 1 page)",
                vec!["about.md"]
            ),
            // The license badge link: its image has `alt=""`. index.md's own links that pair a
            // decorative image with text (Markdown and raw HTML) have a name.
            (
                "A11Y001",
                "_includes/footer.html",
                3,
                1,
                "its only content is an image with empty `alt`: the link has no name (on 2 pages)",
                vec!["about.md", "index.md"],
            ),
            // about.md has no `title:`: the layout's `<title>{{ page.title }}</title>` is empty
            // there, and only there.
            (
                "A11Y011",
                "_layouts/default.html",
                4,
                1,
                "`<title>` is empty (on 1 page)",
                vec!["about.md"]
            ),
            (
                "A11Y015",
                "_layouts/default.html",
                6,
                1,
                "screen-reader users cannot jump to the main content (on 2 pages)",
                vec!["about.md", "index.md"],
            ),
            // A page without a layout is served as a fragment: no `<html>`, `<title>`, `<h1>`
            // or `<main>`.
            (
                "A11Y008",
                "plain.html",
                3,
                1,
                "no `<html>` element: the page's language is unknown",
                vec![]
            ),
            (
                "A11Y011",
                "plain.html",
                3,
                1,
                "tabs, bookmarks and screen readers have no name for this page",
                vec![]
            ),
            (
                "A11Y014",
                "plain.html",
                3,
                1,
                "no `<h1>` on this page",
                vec![]
            ),
            (
                "A11Y015",
                "plain.html",
                3,
                1,
                "screen-reader users cannot jump to the main content",
                vec![]
            ),
        ]
    );
}

#[test]
fn axe_ids_select_the_rules() {
    let by_axe = findings(
        &fixture("a11y/built"),
        &["link-name", "landmark-no-duplicate-banner"],
    );
    let by_code = findings(&fixture("a11y/built"), &["A11Y001", "A11Y016"]);
    assert_eq!(by_axe, by_code);
    assert_eq!(by_axe.len(), 6);
}

#[test]
#[allow(clippy::too_many_lines)] // The list of expected findings, one per line.
fn the_real_site_has_exactly_these_accessibility_findings() {
    let expected = [
        ("A11Y001", "error", "_includes/footer.html", 15, 7),
        ("A11Y017", "warning", "_includes/footer.html", 22, 105),
        (
            "A11Y001",
            "error",
            "_includes/stakeholder-footer.html",
            15,
            7,
        ),
        ("A11Y011", "error", "_layouts/default.html", 10, 5),
        ("A11Y015", "warning", "_layouts/default.html", 22, 3),
        ("A11Y015", "warning", "_layouts/stakeholder.html", 22, 3),
        (
            "A11Y017",
            "warning",
            "_stakeholders/career-navigators.md",
            23,
            6,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/career-navigators.md",
            39,
            9,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/credentialing-organizations.md",
            26,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/credentialing-organizations.md",
            44,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/data-standards-organizations.md",
            26,
            1,
        ),
        ("A11Y017", "warning", "_stakeholders/employers.md", 26, 1),
        ("A11Y017", "warning", "_stakeholders/employers.md", 44, 1),
        ("A11Y017", "warning", "_stakeholders/funders.md", 26, 1),
        ("A11Y017", "warning", "_stakeholders/funders.md", 44, 1),
        ("A11Y017", "warning", "_stakeholders/governance.md", 26, 1),
        ("A11Y017", "warning", "_stakeholders/governance.md", 44, 1),
        ("A11Y017", "warning", "_stakeholders/hr-systems.md", 26, 1),
        ("A11Y017", "warning", "_stakeholders/hr-systems.md", 44, 1),
        (
            "A11Y017",
            "warning",
            "_stakeholders/learners-earners.md",
            26,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/learners-earners.md",
            44,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/ler-technology-providers.md",
            26,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/ler-technology-providers.md",
            44,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/supporting-systems.md",
            26,
            1,
        ),
        (
            "A11Y017",
            "warning",
            "_stakeholders/supporting-systems.md",
            44,
            1,
        ),
        ("A11Y017", "warning", "glossary.md", 20, 5),
        ("A11Y017", "warning", "index.md", 19, 8),
        ("A11Y017", "warning", "index.md", 110, 6),
        ("A11Y017", "warning", "lers-explained.md", 45, 13),
        ("A11Y017", "warning", "resources.md", 19, 5),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(code, severity, path, line, column)| f(code, severity, path, *line, *column))
        .collect();
    assert_eq!(
        findings(&fixture("ler-ecosystem-map-v2"), &["A11Y"]),
        expected
    );
    // The license badge links in both footers: one finding per include, with the page count.
    let outcome = run(&fixture("ler-ecosystem-map-v2"), &["A11Y001", "A11Y011"]);
    let labels: Vec<(&str, &str)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.file.display.as_str(),
                d.label.as_deref().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            (
                "_includes/footer.html",
                "its only content is an image with empty `alt`: the link has no name (on 7 pages)"
            ),
            (
                "_includes/stakeholder-footer.html",
                "its only content is an image with empty `alt`: the link has no name (on 10 pages)"
            ),
            ("_layouts/default.html", "`<title>` is empty (on 1 page)"),
        ]
    );
    // The empty title is the 404 page's, which has no `title:` in its front matter.
    assert_eq!(outcome.diagnostics[2].related[0].file.display, "404.html");
}
