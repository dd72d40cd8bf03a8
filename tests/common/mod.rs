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

pub fn findings(path: &Path, select: &[&str]) -> Vec<Finding> {
    run(path, select)
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
