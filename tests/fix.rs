//! `--fix` and `--diff`: the safe fixes are applied exactly, encoding, BOM, line endings and
//! permissions are kept, nothing else changes, and a second run changes nothing.

use std::path::Path;

use assert_cmd::Command;

fn sitelint(dir: &Path, args: &[&str]) -> (String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(["check", "--offline"])
        // No accessibility rule has a fix; their findings would only pad these snapshots.
        .args(["--ignore", "A11Y"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn fix_repairs_the_real_sites_typos_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ler-ecosystem-map-v2");
    copy_dir(&demo, &dir.path().join("site"));
    let before = std::fs::read_to_string(demo.join("about.md")).unwrap();

    let (text, code) = sitelint(dir.path(), &["--fix", "--format", "concise", "site"]);
    // What is left has no fix: baseurl/CNAME, the license claims, the navigation's
    // Stakeholders and Guidance entries and a resource without a URL (a broken link and two
    // empty ones, data to fill in).
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.ends_with(
            "1 error, 6 warnings in 6 files; 27 files checked\nfixed 4 findings in 1 file\n"
        ),
        "{text}"
    );
    let after = std::fs::read_to_string(dir.path().join("site/about.md")).unwrap();
    let expected = before
        .replacen("target=\"_blankk\"", "target=\"_blank\"", 1)
        .replacen("target=\"_blnak\"", "target=\"_blank\"", 1)
        .replacen("LOGO-ASPENUPSKILL .jpeg", "LOGO-ASPENUPSKILL%20.jpeg", 1)
        .replacen(" taget=\"_blank\"", " target=\"_blank\"", 1);
    assert_ne!(expected, before);
    assert_eq!(after, expected);

    // A second check reports none of them.
    let (json, _) = sitelint(dir.path(), &["--format", "json", "site"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["LINK004", "LIC002", "LINK001", "LINK005", "LIC002", "LIC002", "LINK005"]
    );

    // Idempotent: a second --fix writes nothing.
    let (text, code) = sitelint(dir.path(), &["--fix", "--format", "concise", "site"]);
    assert_eq!(code, Some(1));
    assert!(text.ends_with("fixed 0 findings in 0 files\n"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site/about.md")).unwrap(),
        expected
    );
    let (diff, code) = sitelint(dir.path(), &["--diff", "site"]);
    assert_eq!((diff.as_str(), code), ("", Some(0)));
}

/// A built site with one page whose bytes exercise BOM and CRLF handling.
fn bom_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("x.html"), "<p>x</p>\n").unwrap();
    std::fs::write(
        site.join("index.html"),
        b"\xEF\xBB\xBF<a href=\"x.html\" target=\"_blnak\">\xC3\xA9</a>\r\n\
          <a taget=\"_top\" href=\"x.html\">b</a>\r\n\
          <img src=\"x.html\" alt=\" \">\r\n",
    )
    .unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    dir
}

#[test]
fn fix_keeps_the_bom_and_crlf_and_leaves_unsafe_fixes_alone() {
    let dir = bom_site();
    let (_, code) = sitelint(dir.path(), &["--fix", "site"]);
    // The whitespace-only alt (IMG001) has a suggested fix but is not a safe one: still an error.
    assert_eq!(code, Some(1));
    assert_eq!(
        std::fs::read(dir.path().join("site/index.html")).unwrap(),
        b"\xEF\xBB\xBF<a href=\"x.html\" target=\"_blank\">\xC3\xA9</a>\r\n\
          <a target=\"_top\" href=\"x.html\">b</a>\r\n\
          <img src=\"x.html\" alt=\" \">\r\n"
    );
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = bom_site();
    let before = std::fs::read(dir.path().join("site/index.html")).unwrap();
    let (diff, code) = sitelint(dir.path(), &["--diff", "site"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        diff,
        "--- a/site/index.html\n+++ b/site/index.html\n@@ -1,3 +1,3 @@\n\
         -\u{feff}<a href=\"x.html\" target=\"_blnak\">é</a>\r\n\
         -<a taget=\"_top\" href=\"x.html\">b</a>\r\n\
         +\u{feff}<a href=\"x.html\" target=\"_blank\">é</a>\r\n\
         +<a target=\"_top\" href=\"x.html\">b</a>\r\n \
         <img src=\"x.html\" alt=\" \">\r\n"
    );
    assert_eq!(
        std::fs::read(dir.path().join("site/index.html")).unwrap(),
        before
    );
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .args([
            "check",
            "--offline",
            "--ignore",
            "A11Y",
            "--fix",
            "--diff",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_file_that_is_not_utf8_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let bytes = b"<a href=\"index.html\" target=\"_blnak\">\xFF</a>\n";
    std::fs::write(site.join("index.html"), bytes).unwrap();
    let (_, code) = sitelint(dir.path(), &["--fix", "site"]);
    assert_eq!(code, Some(1));
    assert_eq!(std::fs::read(site.join("index.html")).unwrap(), bytes);
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_writes_through_symbolic_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = bom_site();
    let real = dir.path().join("real.html");
    std::fs::rename(dir.path().join("site/index.html"), &real).unwrap();
    std::os::unix::fs::symlink(&real, dir.path().join("site/index.html")).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let (_, code) = sitelint(dir.path(), &["--fix", "site"]);
    assert_eq!(code, Some(1));
    let link = dir.path().join("site/index.html");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(
        text.contains("target=\"_blank\"") && text.contains("<a target=\"_top\""),
        "{text}"
    );
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn fix_corrects_letter_case_only_where_that_is_the_whole_change() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("Images")).unwrap();
    std::fs::write(site.join("Images/Logo.png"), b"\x89PNG").unwrap();
    std::fs::write(site.join("About.html"), "<p id=\"team\">about</p>\n").unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    std::fs::write(
        site.join("index.html"),
        // Fixed: case only, fragment kept. Not fixed: a different folder case (the suggestion
        // is root-relative, more than a case change) and a character reference in the URL.
        "<a href=\"about.html#team\">a</a>\n\
         <img src=\"Images/logo.png\" alt=\"L\">\n\
         <img src=\"images/logo.png?v=1\" alt=\"L\">\n\
         <a href=\"a&#98;out.html\">x</a>\n",
    )
    .unwrap();
    let (text, code) = sitelint(dir.path(), &["--fix", "--format", "concise", "site"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "<a href=\"About.html#team\">a</a>\n\
         <img src=\"Images/Logo.png\" alt=\"L\">\n\
         <img src=\"images/logo.png?v=1\" alt=\"L\">\n\
         <a href=\"a&#98;out.html\">x</a>\n"
    );
    assert_eq!(
        text,
        "site/index.html:3:11: error[ASSET001] missing file `images/logo.png?v=1` (img src)\n\
         site/index.html:4:10: error[LINK001] broken link `about.html`\n\
         2 errors, 0 warnings in 1 file; 2 files checked\n\
         fixed 2 findings in 1 file\n"
    );
}

#[test]
fn a_misspelled_attribute_the_element_already_has_is_reported_without_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let page = "<a href=\"x.html\" herf=\"y.html\">x</a>\n<a herf=\"x.html\">y</a>\n";
    std::fs::write(site.join("index.html"), page).unwrap();
    std::fs::write(site.join("x.html"), "").unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    let (text, code) = sitelint(dir.path(), &["--fix", "--format", "concise", "site"]);
    assert_eq!(code, Some(1), "{text}");
    // Only the second `herf` becomes `href`: the first would duplicate the element's `href`.
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "<a href=\"x.html\" herf=\"y.html\">x</a>\n<a href=\"x.html\">y</a>\n"
    );
    assert!(
        text.starts_with("site/index.html:1:18: error[ATTR002] `<a>` has no attribute `herf`\n"),
        "{text}"
    );
}
