//! Shared test helpers: run a check through the library and flatten findings.

#![allow(dead_code)] // Each test crate uses a subset.

use std::path::{Path, PathBuf};

use sitelint::check::{check, CheckOptions, Outcome};

/// `(code, severity, path, line, column)` of one finding; line/column 0 when it has none.
pub type Finding = (&'static str, &'static str, String, u32, u32);

pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

pub fn run(path: &Path, select: &[&str]) -> Outcome {
    let mut options = CheckOptions::new(vec![path.to_path_buf()]);
    options.select = select.iter().map(|s| (*s).to_string()).collect();
    check(&options).expect("the fixture exists")
}

/// Every rule but the `ignore`d ones (codes, names or families).
pub fn run_except(path: &Path, ignore: &[&str]) -> Outcome {
    let mut options = CheckOptions::new(vec![path.to_path_buf()]);
    options.ignore = ignore.iter().map(|s| (*s).to_string()).collect();
    check(&options).expect("the fixture exists")
}

pub fn findings(path: &Path, select: &[&str]) -> Vec<Finding> {
    flatten(&run(path, select))
}

/// Findings of every rule but the accessibility ones: for tests about input handling and
/// links, whose minimal pages (no `<html lang>`, no `<title>`) would otherwise be all about
/// accessibility. The accessibility rules still run on them (so bad input reaches them too).
pub fn findings_except_a11y(path: &Path) -> Vec<Finding> {
    flatten(&run_except(path, &["A11Y"]))
}

fn flatten(outcome: &Outcome) -> Vec<Finding> {
    outcome
        .diagnostics
        .iter()
        .map(|d| {
            let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
            (
                d.rule.code,
                d.severity.as_str(),
                d.file.display.clone(),
                line,
                column,
            )
        })
        .collect()
}

pub fn f(
    code: &'static str,
    severity: &'static str,
    path: &str,
    line: u32,
    column: u32,
) -> Finding {
    (code, severity, path.to_string(), line, column)
}
