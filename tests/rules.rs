//! Every rule against its fixtures: exact rule, severity, file, line and column.
//! Each fixture folder is a small site; `invalid*` files must trigger the rule, `valid*` not.

mod common;

use common::{f, findings, fixture, run};

#[test]
fn invalid_target_value_in_html() {
    assert_eq!(
        findings(&fixture("invalid-target-value"), &["invalid-target-value"]),
        [
            f("ATTR001", "error", "invalid.html", 4, 21),
            f("ATTR001", "error", "invalid.html", 6, 21),
            f("ATTR001", "error", "invalid.html", 8, 18),
            f("ATTR001", "warning", "invalid.html", 10, 21),
            f("ATTR001", "error", "invalid.html", 12, 24),
            f("ATTR001", "error", "invalid.html", 14, 15),
        ]
    );
}

#[test]
fn invalid_target_value_suggests_the_keyword() {
    let outcome = run(&fixture("invalid-target-value"), &["ATTR001"]);
    let helps: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| d.help.clone().unwrap_or_default())
        .collect();
    assert_eq!(helps[0], "did you mean `_blank`?");
    assert_eq!(helps[1], "did you mean `_blank`?");
    assert_eq!(helps[3], "did you mean `_blank`?");
    assert_eq!(helps[4], "use one of `_blank`, `_self`, `_parent`, `_top`");
    assert_eq!(helps[5], "did you mean `_top`?");
    assert_eq!(
        outcome.diagnostics[0].fix.as_ref().unwrap().replacement,
        "_blank"
    );
}

#[test]
fn invalid_target_value_in_jekyll_markdown_and_layouts() {
    // The templated target is skipped; layouts are checked for per-element rules.
    assert_eq!(
        findings(&fixture("invalid-target-value/jekyll"), &["ATTR001"]),
        [
            f("ATTR001", "error", "_layouts/default.html", 4, 83),
            f("ATTR001", "error", "index.md", 7, 44),
        ]
    );
}

#[test]
fn misspelled_attribute() {
    assert_eq!(
        findings(&fixture("misspelled-attribute"), &["misspelled-attribute"]),
        [
            f("ATTR002", "error", "invalid.html", 4, 24),
            f("ATTR002", "error", "invalid.html", 7, 13),
            f("ATTR002", "error", "invalid.html", 9, 6),
            f("ATTR002", "error", "invalid.html", 9, 18),
            f("ATTR002", "error", "invalid.html", 11, 8),
            f("ATTR002", "error", "invalid.html", 12, 6),
        ]
    );
    let outcome = run(&fixture("misspelled-attribute"), &["ATTR002"]);
    let helps: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| d.help.clone().unwrap())
        .collect();
    assert_eq!(
        helps,
        [
            "did you mean `href`?",
            "did you mean `target`?",
            "did you mean `src`?",
            "did you mean `alt`?",
            "did you mean `type`?",
            "did you mean `class`?"
        ]
    );
}

#[test]
fn missing_alt_text() {
    assert_eq!(
        findings(&fixture("missing-alt-text"), &["missing-alt-text"]),
        [
            f("IMG001", "error", "invalid.html", 4, 11),
            f("IMG001", "error", "invalid.html", 6, 26),
            f("IMG001", "error", "invalid.html", 8, 15),
            f("IMG001", "error", "invalid.html", 10, 26),
        ]
    );
}

#[test]
fn file_name_alt_text() {
    assert_eq!(
        findings(&fixture("file-name-alt-text"), &["file-name-alt-text"]),
        [
            f("IMG002", "warning", "invalid.html", 4, 33),
            f("IMG002", "warning", "invalid.html", 6, 37),
        ]
    );
}

#[test]
fn whitespace_in_url() {
    let outcome = run(
        &fixture("whitespace-in-url"),
        &["LINK002", "LINK001", "ASSET001"],
    );
    let found: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                d.file.display.as_str(),
                d.location.unwrap().line,
                d.location.unwrap().column,
            )
        })
        .collect();
    // The file with a space exists: only the encoding is reported, never a missing asset.
    assert_eq!(
        found,
        [
            ("LINK002", "invalid.html", 4, 11),
            ("LINK002", "invalid.html", 6, 10)
        ]
    );
    assert_eq!(
        outcome.diagnostics[0].fix.as_ref().unwrap().replacement,
        "./images/LOGO%20ASPEN.jpeg"
    );
}

#[test]
fn backslash_in_url() {
    assert_eq!(
        findings(&fixture("backslash-in-url"), &["backslash-in-url"]),
        [
            f("LINK003", "error", "invalid.html", 4, 11),
            f("LINK003", "error", "invalid.html", 5, 10)
        ]
    );
}

#[test]
fn broken_internal_link_in_jekyll_sources() {
    assert_eq!(
        findings(
            &fixture("broken-internal-link/jekyll"),
            &["LINK001", "ASSET001"]
        ),
        [
            f("LINK001", "error", "_docs/setup.md", 5, 41),
            // Written in the include, broken on both pages whose layout uses it.
            f("LINK001", "error", "_includes/nav.html", 2, 15),
            f("LINK001", "error", "about.md", 9, 10),
            f("LINK001", "error", "guides/install.md", 6, 15),
            f("LINK001", "error", "index.md", 15, 9),
            f("LINK001", "error", "index.md", 18, 10),
            f("LINK001", "error", "index.md", 21, 10),
            f("LINK001", "error", "index.md", 24, 10),
        ]
    );
    let outcome = run(&fixture("broken-internal-link/jekyll"), &["LINK001"]);
    let helps: Vec<_> = outcome
        .diagnostics
        .iter()
        .map(|d| d.help.clone().unwrap())
        .collect();
    assert_eq!(helps[4], "did you mean `docs/setup`?");
    assert!(
        helps[5].starts_with("did you mean `/handbook/docs/setup`?"),
        "{}",
        helps[5]
    );
    assert!(helps[6].contains("letter case must match"), "{}", helps[6]);
    assert!(outcome.diagnostics[7]
        .message
        .contains("evaluates to `/handbook/abut/`"));
    let nav = &outcome.diagnostics[1];
    assert_eq!(
        nav.label.as_deref(),
        Some("the site serves nothing at `/handbook/about/not-resolved-here.html` (on 2 pages)")
    );
    let pages: Vec<&str> = nav
        .related
        .iter()
        .map(|r| r.file.display.as_str())
        .collect();
    assert_eq!(pages, ["about.md", "index.md"]);
    // `{{ page.next }}` cannot be evaluated statically: counted, not reported.
    assert_eq!(outcome.summary.templated_skipped, 1);
}

#[test]
fn broken_internal_link_in_a_built_site() {
    assert_eq!(
        findings(&fixture("broken-internal-link/built"), &["LINK001"]),
        [
            f("LINK001", "error", "index.html", 9, 10),
            f("LINK001", "error", "index.html", 10, 14),
            f("LINK001", "error", "index.html", 11, 10),
            f("LINK001", "error", "sub/index.html", 1, 74),
        ]
    );
}

#[test]
fn missing_asset() {
    assert_eq!(
        findings(&fixture("missing-asset"), &["ASSET001", "LINK001"]),
        [
            f("ASSET001", "error", "css/site.css", 5, 31),
            f("ASSET001", "error", "index.html", 17, 11),
            f("ASSET001", "error", "index.html", 18, 44),
            f("ASSET001", "error", "index.html", 19, 14),
            f("ASSET001", "error", "index.html", 20, 30),
            f("ASSET001", "error", "index.html", 21, 30),
            f("ASSET001", "error", "index.html", 22, 37),
            f("ASSET001", "error", "index.html", 23, 13),
            f("ASSET001", "error", "index.html", 24, 26),
        ]
    );
}

#[test]
fn baseurl_cname_conflict() {
    assert_eq!(
        findings(&fixture("baseurl-cname-conflict/site"), &["LINK004"]),
        [f("LINK004", "warning", "_config.yml", 2, 11)]
    );
    assert_eq!(
        findings(&fixture("baseurl-cname-conflict/valid"), &["LINK004"]),
        []
    );
}

#[test]
fn license_mismatch() {
    assert_eq!(
        findings(&fixture("license-mismatch/site"), &["LIC"]),
        [
            f("LIC002", "warning", "about.md", 4, 22),
            f("LIC002", "warning", "index.html", 7, 41)
        ]
    );
    let outcome = run(&fixture("license-mismatch/site"), &["LIC002"]);
    assert_eq!(
        outcome.diagnostics[1].message,
        "page claims CC BY-SA 4.0 but `LICENSE` is MIT"
    );
    assert_eq!(outcome.diagnostics[1].related[0].file.display, "LICENSE");
    assert_eq!(findings(&fixture("license-mismatch/valid"), &["LIC"]), []);
}

#[test]
fn missing_license() {
    assert_eq!(
        findings(&fixture("missing-license/site"), &["LIC"]),
        [f("LIC001", "warning", ".", 0, 0)]
    );
    assert_eq!(findings(&fixture("missing-license/valid"), &["LIC"]), []);
}

#[test]
fn template_links_are_checked_for_every_page_that_uses_them() {
    let site = fixture("broken-internal-link/templates");
    assert_eq!(
        findings(&site, &["LINK001", "ASSET001"]),
        [
            // `{{ base }}` comes from an include, `include.image` from the loop: each page and
            // card is checked; the missing card is reported once per distinct value.
            f("ASSET001", "error", "_includes/card.html", 1, 19),
            f("ASSET001", "error", "_includes/card.html", 1, 19),
            // A relative path in a footer: fine on `/index.html`, broken on `/guide/setup.html`.
            f("ASSET001", "error", "_includes/footer.html", 3, 13),
            // Inside `{% if site.github %}` (undecidable): the branch is still checked.
            f("LINK001", "error", "index.md", 5, 30),
            // A loop over a collection (`site.guide`), each document with its URL.
            f("LINK001", "error", "index.md", 9, 37),
        ]
    );
    let loop_link = run(&site, &["LINK001"]);
    assert_eq!(
        loop_link.diagnostics[1].message,
        "broken link `{{ doc.url }}.html` (evaluates to `/guide/setup.html.html` for doc `Setup`)"
    );
    let outcome = run(&site, &["ASSET001"]);
    let messages: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "missing file `{{ base }}/images/{{ include.image }}` (evaluates to `../images/missing.svg` for card `Missing`) (img src)",
            "missing file `{{ base }}/images/{{ include.image }}` (evaluates to `./images/missing.svg` for card `Missing`) (img src)",
            "missing file `./images/logo.png` (img src)",
        ]
    );
    let footer = &outcome.diagnostics[2];
    assert_eq!(
        footer.label.as_deref(),
        Some("the site serves nothing at `/guide/images/logo.png` (on 1 page)")
    );
    assert_eq!(footer.related[0].file.display, "_guide/setup.md");
    assert_eq!(
        footer.related[0].message,
        "a page it affects, served at `/guide/setup.html`"
    );
    // The one URL whose value depends on something not modelled (a date) is listed, not guessed.
    assert_eq!(outcome.summary.templated_skipped, 1);
    let skipped = &outcome.summary.unevaluated[0];
    assert_eq!(
        (
            skipped.path.as_str(),
            skipped.line,
            skipped.column,
            skipped.liquid.as_str()
        ),
        (
            "_includes/footer.html",
            5,
            12,
            "{{ page.date | date: '%Y' }}"
        )
    );
}

#[test]
fn empty_link_target() {
    let site = fixture("empty-link-target/site");
    assert_eq!(
        findings(&site, &["empty-link-target"]),
        [
            f("LINK005", "warning", "_includes/menu.html", 3, 12),
            f("LINK005", "warning", "index.md", 5, 42),
        ]
    );
    let outcome = run(&site, &["LINK005"]);
    assert_eq!(
        outcome.diagnostics[0].message,
        "`{{ item.url }}` evaluates to an empty `a href` for item `Guides`"
    );
    assert_eq!(
        outcome.diagnostics[0].label.as_deref(),
        Some("links to the page itself (on 2 pages)")
    );
    assert_eq!(outcome.diagnostics[1].message, "empty `a href`");
}

#[test]
fn missing_fragment_in_jekyll_sources() {
    let site = fixture("missing-fragment/jekyll");
    assert_eq!(
        findings(&site, &["missing-fragment"]),
        [
            // The layout's skip link: `<main id="main">` exists on the home page only.
            f("FRAG001", "error", "_layouts/default.html", 3, 35),
            f("FRAG001", "error", "index.md", 26, 8),
            f("FRAG001", "error", "index.md", 29, 13),
            f("FRAG001", "error", "index.md", 32, 10),
        ]
    );
    let outcome = run(&site, &["FRAG001"]);
    let d = &outcome.diagnostics;
    assert_eq!(
        d[0].label.as_deref(),
        Some("no element has this id (on 1 page)")
    );
    assert_eq!(d[0].related[0].file.display, "about.md");
    assert_eq!(d[1].message, "`#Getting-Started` is not an id on this page");
    assert_eq!(
        d[1].help.as_deref(),
        Some("did you mean `#getting-started`?")
    );
    assert_eq!(d[1].fix.as_ref().unwrap().replacement, "#getting-started");
    assert_eq!(d[3].message, "`#tema` is not an id on `/about.html`");
    assert_eq!(d[3].fix.as_ref().unwrap().replacement, "/about.html#team");
    // Every fragment of the fixture was decided (the 9 valid ones included).
    assert_eq!(outcome.summary.fragments_checked, 13);
    assert_eq!(outcome.summary.fragments_unchecked, 0);
}

#[test]
fn missing_fragment_in_a_built_site_and_plain_markdown() {
    assert_eq!(
        findings(&fixture("missing-fragment/built"), &["FRAG001"]),
        [
            f("FRAG001", "error", "docs.html", 3, 45),
            // Ids inside <template> are inert.
            f("FRAG001", "error", "index.html", 9, 13),
            f("FRAG001", "error", "index.html", 11, 13),
        ]
    );
    // A folder of Markdown without `_config.yml`: GitHub's heading ids (`emoji--party`, `-1`).
    assert_eq!(
        findings(&fixture("missing-fragment/markdown"), &["FRAG001"]),
        [
            f("FRAG001", "error", "README.md", 11, 25),
            f("FRAG001", "error", "README.md", 11, 57),
        ]
    );
}

#[test]
fn duplicate_id() {
    assert_eq!(
        findings(&fixture("duplicate-id"), &["duplicate-id"]),
        [
            f("FRAG002", "warning", "invalid.html", 6, 14),
            f("FRAG002", "warning", "invalid.html", 7, 10),
        ]
    );
    let outcome = run(&fixture("duplicate-id"), &["FRAG002"]);
    let first = &outcome.diagnostics[0].related[0];
    assert_eq!(first.location.map(|l| (l.line, l.column)), Some((4, 14)));
}

#[test]
fn missing_include() {
    let site = fixture("missing-include/site");
    assert_eq!(
        findings(&site, &["missing-include"]),
        [
            f("TPL001", "error", "_layouts/default.html", 6, 1),
            f("TPL001", "error", "index.md", 7, 1),
        ]
    );
    let outcome = run(&site, &["TPL001"]);
    assert_eq!(
        outcome.diagnostics[0].message,
        "included file `_includes/foter.html` does not exist"
    );
    assert_eq!(
        outcome.diagnostics[0].label.as_deref(),
        Some("Jekyll stops the build here (on 2 pages)")
    );
    assert_eq!(
        outcome.diagnostics[1].message,
        "included file `snippet.md` does not exist"
    );
}

#[test]
fn missing_link_target() {
    let site = fixture("missing-link-target/site");
    assert_eq!(
        findings(&site, &["missing-link-target"]),
        [
            f("TPL002", "error", "index.md", 7, 9),
            f("TPL002", "error", "index.md", 10, 9),
        ]
    );
    // The tags that name existing files give their URLs, which are then checked as links.
    let outcome = run(&site, &["LINK001"]);
    assert!(outcome.diagnostics.is_empty());
    assert_eq!(outcome.summary.links_checked, 2);
}

#[test]
fn base_href_changes_what_relative_links_and_fragments_resolve_against() {
    let site = fixture("broken-internal-link/base");
    assert_eq!(
        findings(&site, &["LINK001", "FRAG001"]),
        [
            f("LINK001", "error", "index.html", 9, 10),
            f("FRAG001", "error", "index.html", 11, 10),
        ]
    );
    let outcome = run(&site, &["FRAG001"]);
    assert_eq!(
        outcome.diagnostics[0].message,
        "`#home-intro` is not an id on `/docs/index.html`"
    );
    assert!(outcome.diagnostics[0]
        .help
        .as_deref()
        .unwrap()
        .starts_with("`<base href=\"/docs/\">` makes `#` links point at `/docs/index.html`"));
}

#[test]
fn invalid_mailto_and_tel_links_are_found_offline() {
    // The library checks offline by default: these need no request.
    assert_eq!(
        findings(&fixture("invalid-mailto-link"), &["invalid-mailto-link"]),
        [
            f("EXT006", "error", "invalid.html", 4, 10),
            f("EXT006", "error", "invalid.html", 6, 10),
            f("EXT006", "error", "invalid.html", 8, 10),
        ]
    );
    assert_eq!(
        findings(&fixture("invalid-tel-link"), &["EXT007"]),
        [
            f("EXT007", "error", "invalid.html", 3, 10),
            f("EXT007", "error", "invalid.html", 5, 10),
        ]
    );
    let outcome = run(&fixture("invalid-mailto-link"), &["EXT006"]);
    assert_eq!(
        outcome.diagnostics[0].message,
        "`mailto:team.example.org` has an invalid address `team.example.org`"
    );
}

#[test]
fn external_urls_are_not_requested_offline() {
    // A link to a server that does not exist gives nothing offline, and is counted.
    let outcome = run(&fixture("broken-external-link"), &["EXT"]);
    assert!(outcome.diagnostics.is_empty());
    assert!(outcome.summary.external.offline);
    assert_eq!(outcome.summary.external.urls, 7);
    assert_eq!(outcome.summary.external.checked, 0);
}

#[test]
fn files_written_by_jekyll_feed_and_jekyll_sitemap_exist() {
    let page = "---\n---\n<link href=\"{{ '/feed.xml' | relative_url }}\" rel=\"alternate\">\n\
                <a href=\"{{ site.baseurl }}/sitemap.xml\">sitemap</a> <a href=\"/blog/robots.txt\">robots</a>\n";
    let with = |plugins: &str| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("_config.yml"),
            format!("baseurl: /blog\n{plugins}"),
        )
        .unwrap();
        std::fs::write(dir.path().join("index.html"), page).unwrap();
        findings(dir.path(), &["LINK001", "ASSET001"])
    };
    assert_eq!(with("plugins:\n  - jekyll-feed\n  - jekyll-sitemap\n"), []);
    assert_eq!(
        with(""),
        [
            f("LINK001", "error", "index.html", 3, 13),
            f("LINK001", "error", "index.html", 4, 10),
            f("LINK001", "error", "index.html", 4, 63),
        ]
    );
}

#[test]
fn kramdown_attribute_lists_are_checked_as_attributes_of_their_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "title: t\n").unwrap();
    std::fs::write(
        dir.path().join("index.md"),
        "---\n---\n[Open](https://example.com){:target=\"_blnak\"} and \
         [Two](https://example.org){: taget=\"_blank\" .btn} ![i](i.png){:width=\"10\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("i.png"), b"\x89PNG").unwrap();
    assert_eq!(
        findings(dir.path(), &["ATTR"]),
        [
            f("ATTR001", "error", "index.md", 3, 38),
            f("ATTR002", "error", "index.md", 3, 80),
        ]
    );
    let outcome = run(dir.path(), &["ATTR001"]);
    assert_eq!(
        outcome.diagnostics[0].fix.as_ref().unwrap().replacement,
        "_blank"
    );
}

#[test]
fn a_fragment_is_judged_against_the_page_its_path_serves() {
    // `a.md` and `a.html` both become `/a.html`; the Markdown page is what the map keeps, so a
    // link to `a.html#y` from `a.html` itself is judged against `a.md`'s ids (`x`).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("_config.yml"), "").unwrap();
    std::fs::write(dir.path().join("a.md"), "---\n---\n# X\n").unwrap();
    std::fs::write(
        dir.path().join("a.html"),
        "---\n---\n<p id=\"y\">y</p>\n<a href=\"a.html#y\">x</a>\n",
    )
    .unwrap();
    assert_eq!(
        findings(dir.path(), &["FRAG001"]),
        [f("FRAG001", "error", "a.html", 4, 10)]
    );
    let outcome = run(dir.path(), &["FRAG001"]);
    assert_eq!(
        outcome.diagnostics[0].message,
        "`#y` is not an id on `/a.html`"
    );
    assert_eq!(
        outcome.diagnostics[0].help.as_deref(),
        Some("did you mean `#x`?")
    );
}

#[test]
fn a_folder_without_pages_is_a_warning_not_a_clean_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), b"\x89PNG").unwrap();
    // No LICENSE either: only the missing pages are reported.
    assert_eq!(
        findings(dir.path(), &[]),
        [f("INPUT008", "warning", ".", 0, 0)]
    );
    std::fs::write(dir.path().join("index.html"), "<p>home</p>\n").unwrap();
    assert_eq!(findings(dir.path(), &["INPUT008"]), []);
}
