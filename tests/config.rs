//! Config files: discovery, `--config`, `--isolated`, layering under flags, per-rule severity,
//! `extend-exclude`, and errors that point into the file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sitelint::check::{check, CheckOptions};
use sitelint::config::{resolve, Flags};

/// `root/site/` is a built site with a missing image without alt text (ASSET001 + IMG001 at
/// 1:11), a broken link in `drafts/old.html`, and a link from `index.html` to that draft.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("drafts")).unwrap();
    std::fs::write(
        site.join("index.html"),
        "<img src=\"x.png\">\n<a href=\"drafts/old.html\">old</a>\n",
    )
    .unwrap();
    std::fs::write(
        site.join("drafts/old.html"),
        "<a href=\"gone.html\">x</a>\n",
    )
    .unwrap();
    std::fs::write(site.join("LICENSE"), "CC0 1.0 Universal\n").unwrap();
    dir
}

/// `(code, severity, path, line, column)` of each finding after resolving settings, but for
/// the accessibility family (these pages are fragments without `lang` or `<title>`; the config
/// mechanics are the same for every rule).
fn findings(paths: &[PathBuf], flags: &Flags<'_>) -> Vec<(String, String, String, u32, u32)> {
    let settings = resolve(flags).unwrap();
    let mut options = CheckOptions::new(paths.to_vec());
    options.select = settings.select;
    options.ignore = settings.ignore;
    options.policy = settings.policy;
    check(&options)
        .unwrap()
        .diagnostics
        .iter()
        .filter(|d| d.rule.family() != "A11Y")
        .map(|d| {
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (
                d.rule.code.to_string(),
                d.severity.as_str().to_string(),
                d.file.display.clone(),
                line,
                column,
            )
        })
        .collect()
}

fn f(
    code: &str,
    severity: &str,
    path: &str,
    line: u32,
    column: u32,
) -> (String, String, String, u32, u32) {
    (code.into(), severity.into(), path.into(), line, column)
}

#[test]
fn a_config_above_the_checked_folder_is_discovered() {
    let dir = tree();
    std::fs::write(dir.path().join("sitelint.toml"), "select = [\"IMG\"]\n").unwrap();
    let paths = [dir.path().join("site")];
    assert_eq!(
        findings(
            &paths,
            &Flags {
                paths: &paths,
                ..Flags::default()
            }
        ),
        [f("IMG001", "error", "index.html", 1, 11)]
    );
}

#[test]
fn the_hidden_name_is_found_too_and_isolated_ignores_it() {
    let dir = tree();
    std::fs::write(
        dir.path().join("site/.sitelint.toml"),
        "ignore = [\"ASSET\", \"LINK\"]\n",
    )
    .unwrap();
    let paths = [dir.path().join("site")];
    assert_eq!(
        findings(
            &paths,
            &Flags {
                paths: &paths,
                ..Flags::default()
            }
        ),
        [f("IMG001", "error", "index.html", 1, 11)]
    );
    let isolated = findings(
        &paths,
        &Flags {
            paths: &paths,
            isolated: true,
            ..Flags::default()
        },
    );
    assert_eq!(
        isolated,
        [
            f("LINK001", "error", "drafts/old.html", 1, 10),
            f("ASSET001", "error", "index.html", 1, 11),
            f("IMG001", "error", "index.html", 1, 11),
        ]
    );
}

#[test]
fn explicit_config_layers_over_the_discovered_one_and_flags_win() {
    let dir = tree();
    std::fs::write(dir.path().join("sitelint.toml"), "select = [\"IMG\"]\n").unwrap();
    let extra = dir.path().join("ci.toml");
    std::fs::write(&extra, "[rules.IMG001]\nseverity = \"warning\"\n").unwrap();
    let paths = [dir.path().join("site")];
    let flags = Flags {
        paths: &paths,
        config: Some(&extra),
        ..Flags::default()
    };
    assert_eq!(
        findings(&paths, &flags),
        [f("IMG001", "warning", "index.html", 1, 11)]
    );
    // `--select` on the command line replaces the file's `select`.
    let select = ["ASSET001".to_string()];
    let flags = Flags {
        paths: &paths,
        config: Some(&extra),
        select: &select,
        ..Flags::default()
    };
    assert_eq!(
        findings(&paths, &flags),
        [f("ASSET001", "error", "index.html", 1, 11)]
    );
}

#[test]
fn severity_off_disables_a_rule_unless_the_command_line_selects_it() {
    let dir = tree();
    std::fs::write(
        dir.path().join("sitelint.toml"),
        "[rules.missing-alt-text]\nseverity = \"off\"\n[rules.broken-internal-link]\nseverity = \"info\"\n",
    )
    .unwrap();
    let paths = [dir.path().join("site")];
    assert_eq!(
        findings(
            &paths,
            &Flags {
                paths: &paths,
                ..Flags::default()
            }
        ),
        [
            f("LINK001", "info", "drafts/old.html", 1, 10),
            f("ASSET001", "error", "index.html", 1, 11),
        ]
    );
    let select = ["IMG001".to_string()];
    assert_eq!(
        findings(
            &paths,
            &Flags {
                paths: &paths,
                select: &select,
                ..Flags::default()
            }
        ),
        [f("IMG001", "error", "index.html", 1, 11)]
    );
}

#[test]
fn extend_exclude_hides_findings_but_links_to_excluded_files_still_resolve() {
    let dir = tree();
    std::fs::write(
        dir.path().join("sitelint.toml"),
        "extend-exclude = [\"site/drafts/**\"]\n",
    )
    .unwrap();
    let paths = [dir.path().join("site")];
    // No LINK001 in the draft, and `index.html`'s link to the draft is not broken.
    assert_eq!(
        findings(
            &paths,
            &Flags {
                paths: &paths,
                ..Flags::default()
            }
        ),
        [
            f("ASSET001", "error", "index.html", 1, 11),
            f("IMG001", "error", "index.html", 1, 11),
        ]
    );
}

#[test]
fn max_file_size_comes_from_the_file_unless_the_flag_is_given() {
    let dir = tree();
    std::fs::write(dir.path().join("sitelint.toml"), "max-file-size = 3\n").unwrap();
    let paths = [dir.path().join("site")];
    let settings = resolve(&Flags {
        paths: &paths,
        ..Flags::default()
    })
    .unwrap();
    assert_eq!(settings.max_file_size, Some(3));
    let settings = resolve(&Flags {
        paths: &paths,
        max_file_size: Some(9),
        ..Flags::default()
    })
    .unwrap();
    assert_eq!(settings.max_file_size, Some(9));
}

fn cli(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
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
fn an_unknown_key_is_an_error_pointing_into_the_file() {
    let dir = tree();
    std::fs::write(
        dir.path().join("sitelint.toml"),
        "select = [\"IMG\"]\nselct = []\n",
    )
    .unwrap();
    let (stdout, stderr, code) = cli(dir.path(), &["check", "--offline", "site"]);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("invalid config `sitelint.toml`: unknown field `selct`"),
        "{stderr}"
    );
    assert!(stderr.contains("[sitelint.toml:2:1]"), "{stderr}");
    assert!(stderr.contains("2 │ selct = []"), "{stderr}");
}

#[test]
fn bad_values_and_unknown_rules_point_at_the_value() {
    let dir = tree();
    let cases = [
        (
            "[rules.IMG001]\nseverity = \"warn\"\n",
            "unknown variant `warn`",
            "[sitelint.toml:2:12]",
        ),
        (
            "ignore = [\"IMG\", \"NOPE\"]\n",
            "no rule or family named `NOPE`",
            "[sitelint.toml:1:18]",
        ),
        (
            "[rules.missing-alt-txt]\n",
            "no rule named `missing-alt-txt`",
            "did you mean `missing-alt-text`?",
        ),
        (
            "extend-exclude = [\"a/{b\"]\n",
            "invalid glob `a/{b`",
            "[sitelint.toml:1:19]",
        ),
        (
            "max-file-size = \"big\"\n",
            "invalid type: string \"big\"",
            "[sitelint.toml:1:17]",
        ),
    ];
    for (text, message, place) in cases {
        std::fs::write(dir.path().join("sitelint.toml"), text).unwrap();
        let (_, stderr, code) = cli(dir.path(), &["check", "--offline", "site"]);
        assert_eq!(code, Some(2), "{text}");
        assert!(stderr.contains(message), "{text}: {stderr}");
        assert!(stderr.contains(place), "{text}: {stderr}");
    }
    // `--isolated` does not read it at all.
    let (_, _, code) = cli(dir.path(), &["check", "--offline", "--isolated", "site"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_missing_config_flag_file_exits_2() {
    let dir = tree();
    let (_, stderr, code) = cli(
        dir.path(),
        &["check", "--offline", "--config", "nope.toml", "site"],
    );
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cannot read config `nope.toml`"),
        "{stderr}"
    );
}

#[test]
fn the_example_config_parses_lists_every_key_and_changes_nothing() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("sitelint.example.toml");
    let loaded = sitelint::config::load(&example).unwrap();
    let text = &loaded.text;
    for key in [
        "select",
        "ignore",
        "extend-exclude",
        "max-file-size",
        "[rules.",
        "severity",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(key)),
            "`{key}` is not set in sitelint.example.toml"
        );
    }
    // Every setting line has a comment above it.
    let lines: Vec<&str> = text.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        if line.starts_with(|c: char| c.is_ascii_lowercase()) {
            let above = lines[..index].iter().rev().find(|l| !l.starts_with('['));
            assert!(
                above.is_some_and(|l| l.starts_with('#') || l.contains('=')),
                "{line}"
            );
        }
    }
    // It sets every key to its default: the demo site gives the same findings with it.
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ler-ecosystem-map-v2");
    let paths = [demo];
    let with = findings(
        &paths,
        &Flags {
            paths: &paths,
            config: Some(&example),
            isolated: true,
            ..Flags::default()
        },
    );
    let without = findings(
        &paths,
        &Flags {
            paths: &paths,
            isolated: true,
            ..Flags::default()
        },
    );
    assert_eq!(with, without);
    assert_eq!(with.len(), 11);
}

#[test]
fn the_readme_config_example_is_valid() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let block = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md has a toml example");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sitelint.toml");
    std::fs::write(&path, block).unwrap();
    let loaded = sitelint::config::load(&path).unwrap();
    assert!(loaded.config.extend_exclude.is_some());
}
