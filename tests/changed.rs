//! `--changed-since REF`: only findings in files changed since REF, links still resolved
//! against the whole site.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn concise(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .args([
            "check",
            "--offline",
            "--format",
            "concise",
            "--ignore",
            "A11Y",
        ])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code(),
    )
}

#[test]
fn only_findings_in_changed_and_untracked_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let site = root.join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    // An old defect in a file the change does not touch.
    std::fs::write(site.join("old.html"), "<a href=\"gone.html\">x</a>\n").unwrap();
    std::fs::write(site.join("page.html"), "<p>fine</p>\n").unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    git(root, &["tag", "base"]);
    // Changed since `base`: a committed edit, an unstaged edit, an untracked file. The link to
    // old.html resolves although old.html is not among them.
    std::fs::write(
        site.join("page.html"),
        "<p>fine</p>\n<a href=\"old.html\" target=\"_blnak\">old</a>\n",
    )
    .unwrap();
    git(root, &["commit", "-q", "-am", "edit"]);
    std::fs::write(
        site.join("page.html"),
        "<p>fine</p>\n<a href=\"old.html\" target=\"_blnak\">old</a>\n<img src=\"old.html\">\n",
    )
    .unwrap();
    std::fs::write(site.join("new.html"), "<a href=\"nope.html\">n</a>\n").unwrap();

    let (all, _, _) = concise(root, &["--quiet", "site"]);
    assert_eq!(all.lines().count(), 4, "{all}");
    let (text, stderr, code) = concise(root, &["--changed-since", "base", "site"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(
        text,
        "site/new.html:1:10: error[LINK001] broken link `nope.html`\n\
         site/page.html:2:28: error[ATTR001] `_blnak` is not a browsing-context keyword\n\
         site/page.html:3:11: error[IMG001] image `old.html` has no `alt` attribute\n\
         3 errors, 0 warnings in 2 files; 3 files checked\n"
    );
    // From inside the site folder, with HEAD: only the uncommitted changes.
    let (text, _, _) = concise(&site, &["--quiet", "--changed-since", "HEAD", "."]);
    assert_eq!(
        text,
        "new.html:1:10: error[LINK001] broken link `nope.html`\n\
         page.html:2:28: error[ATTR001] `_blnak` is not a browsing-context keyword\n\
         page.html:3:11: error[IMG001] image `old.html` has no `alt` attribute\n"
    );
}

#[test]
fn an_unknown_ref_or_no_repository_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<p>x</p>\n").unwrap();
    let (_, stderr, code) = concise(dir.path(), &["--changed-since", "main", "."]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cannot list the files changed since `main`"),
        "{stderr}"
    );
    git(dir.path(), &["init", "-q"]);
    let (_, stderr, code) = concise(dir.path(), &["--changed-since", "no-such-ref", "."]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no-such-ref"), "{stderr}");
}
