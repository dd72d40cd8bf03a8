//! `--changed-since REF`: report only findings located in files that git says changed since
//! REF (committed, staged, unstaged or untracked), while the whole site is still read, so links
//! into unchanged pages resolve. For pull requests on large sites:
//! `sitelint check --changed-since origin/main`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check::Outcome;
use crate::diagnostic::Severity;
use crate::error::Error;

fn git(folder: &Path, args: &[&str], reference: &str) -> Result<Vec<u8>, Error> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(args)
        .output()
        .map_err(|error| Error::ChangedSince {
            reference: reference.to_string(),
            message: format!("cannot run git: {error}"),
        })?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(Error::ChangedSince {
            reference: reference.to_string(),
            message: message.lines().next().unwrap_or("git failed").to_string(),
        });
    }
    Ok(output.stdout)
}

/// Absolute paths of files changed since a git REF.
#[derive(Debug, Clone, Default)]
pub struct ChangedFiles(HashSet<PathBuf>);

/// The files changed since `reference` in the git work tree holding `start`.
pub fn changed_files(start: &Path, reference: &str) -> Result<ChangedFiles, Error> {
    let absolute = std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf());
    let folder = if absolute.is_dir() {
        absolute
    } else {
        absolute
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top = git(&folder, &["rev-parse", "--show-toplevel"], reference)?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    // `--end-of-options` keeps a REF such as `--output=x` from being read as an option.
    let changed = git(
        &folder,
        &[
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--end-of-options",
            reference,
            "--",
        ],
        reference,
    )?;
    let untracked = git(
        &folder,
        &[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
            ":/",
        ],
        reference,
    )?;
    Ok(ChangedFiles(
        changed
            .split(|b| *b == 0)
            .chain(untracked.split(|b| *b == 0))
            .filter(|name| !name.is_empty())
            .map(|name| top.join(String::from_utf8_lossy(name).as_ref()))
            .collect(),
    ))
}

/// Keep only findings located in `changed` files, and recount the summary.
pub fn retain(outcome: &mut Outcome, changed: &ChangedFiles) {
    let changed = &changed.0;
    outcome.diagnostics.retain(|d| {
        let disk = std::path::absolute(&d.file.disk).unwrap_or_else(|_| d.file.disk.clone());
        // git names files by their real path; a site reached through a symbolic link too.
        changed.contains(&disk)
            || std::fs::canonicalize(&disk).is_ok_and(|real| changed.contains(&real))
    });
    let summary = &mut outcome.summary;
    summary.errors = 0;
    summary.warnings = 0;
    summary.infos = 0;
    for diagnostic in &outcome.diagnostics {
        match diagnostic.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
}
