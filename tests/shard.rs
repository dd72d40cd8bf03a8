//! `check --shard I/N` and `merge`: the shards together find exactly what one run finds, and
//! merging their JSON reports gives the unsharded report byte for byte (except `elapsed_ms`).

mod common;

use std::path::Path;

use assert_cmd::Command;
use sitelint::check::{check, CheckOptions};
use sitelint::shard::Shard;

/// `(code, path, line, column, message)` of each finding, sorted.
type Found = Vec<(String, String, u32, u32, String)>;

fn flatten(diagnostics: &[sitelint::diagnostic::Diagnostic]) -> Found {
    let mut found: Found = diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (
                d.rule.code.to_string(),
                d.file.display.clone(),
                line,
                column,
                d.message.clone(),
            )
        })
        .collect();
    found.sort();
    found
}

/// The findings of every shard together, and the findings each shard leaves to the vote of all.
fn union_of_shards(site: &Path, total: usize) -> Found {
    let mut union = Found::new();
    let mut votes: Vec<Found> = Vec::new();
    for index in 1..=total {
        let mut options = CheckOptions::new(vec![site.to_path_buf()]);
        options.shard = Some(Shard { index, total });
        let outcome = check(&options).unwrap();
        union.extend(flatten(&outcome.diagnostics));
        votes.push(flatten(&outcome.shard.expect("a sharded run").unanimous));
    }
    // Kept when every shard found it (no license anywhere).
    for vote in &votes[0] {
        if votes.iter().all(|v| v.contains(vote)) {
            union.push(vote.clone());
        }
    }
    union.sort();
    union
}

#[test]
fn shards_of_a_built_site_find_exactly_what_one_run_finds() {
    // Links and fragments across pages (`docs.html#instal` from `index.html`), a missing
    // license: whichever shard a page lands in, its links resolve against the whole site.
    for site in [
        "missing-fragment/built",
        "built-agreement/built",
        "broken-internal-link/built",
    ] {
        let site = common::fixture(site);
        let whole = flatten(
            &check(&CheckOptions::new(vec![site.clone()]))
                .unwrap()
                .diagnostics,
        );
        assert!(!whole.is_empty());
        for total in [1, 2, 3, 7] {
            assert_eq!(
                union_of_shards(&site, total),
                whole,
                "{} in {total} shards",
                site.display()
            );
        }
    }
}

#[test]
fn each_page_is_checked_by_exactly_one_shard() {
    let site = common::fixture("ler-ecosystem-map-v2");
    let whole = check(&CheckOptions::new(vec![site.clone()])).unwrap();
    let mut files = 0;
    for index in 1..=3 {
        let mut options = CheckOptions::new(vec![site.clone()]);
        options.shard = Some(Shard { index, total: 3 });
        files += check(&options).unwrap().summary.files;
    }
    assert_eq!(files, whole.summary.files);
}

fn sitelint(dir: &Path, args: &[&str]) -> (String, Option<i32>) {
    let output = Command::cargo_bin("sitelint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code(),
    )
}

fn without_elapsed(text: &str) -> String {
    text.lines()
        .filter(|line| !line.contains("\"elapsed_ms\""))
        .map(|line| {
            // `human` ends its summary line with the time.
            line.rsplit_once("; ")
                .filter(|(_, tail)| tail.ends_with(" ms"))
                .map_or(line, |(head, _)| head)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn merged_shard_reports_equal_the_unsharded_report_in_every_format() {
    // The demo site: a Jekyll site whose layout and include findings are found on pages of
    // every shard (`… (on 17 pages)`), with a license mismatch and suppressions.
    let fixtures = common::fixture("");
    let reports = tempfile::tempdir().unwrap();
    let site = "ler-ecosystem-map-v2";
    let mut paths = Vec::new();
    for index in 1..=3 {
        let shard = format!("{index}/3");
        let (json, status) = sitelint(
            &fixtures,
            &[
                "check",
                "--offline",
                site,
                "--shard",
                &shard,
                "--format",
                "json",
            ],
        );
        assert!(matches!(status, Some(0 | 1)), "{json}");
        let path = reports.path().join(format!("{index}.json"));
        std::fs::write(&path, json).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    for format in [
        "json", "concise", "human", "sarif", "junit", "markdown", "github",
    ] {
        let (whole, whole_status) =
            sitelint(&fixtures, &["check", "--offline", site, "--format", format]);
        let mut args = vec!["merge", "--root", site, "--format", format];
        args.extend(paths.iter().map(String::as_str));
        let (merged, merged_status) = sitelint(&fixtures, &args);
        assert_eq!(
            without_elapsed(&merged),
            without_elapsed(&whole),
            "--format {format}"
        );
        assert_eq!(merged_status, whole_status);
    }
}

#[test]
fn merge_refuses_an_incomplete_set_of_shards() {
    let fixtures = common::fixture("");
    let reports = tempfile::tempdir().unwrap();
    let (json, _) = sitelint(
        &fixtures,
        &[
            "check",
            "missing-fragment/built",
            "--shard",
            "1/2",
            "--format",
            "json",
        ],
    );
    let path = reports.path().join("1.json");
    std::fs::write(&path, json).unwrap();
    let (_, status) = sitelint(&fixtures, &["merge", path.to_str().unwrap()]);
    assert_eq!(status, Some(2));
    let (_, status) = sitelint(&fixtures, &["check", ".", "--shard", "3/2"]);
    assert_eq!(status, Some(2));
}
