//! `--fix` and `--diff`: apply the safe replacements findings carry.
//!
//! Only rules whose replacement cannot change what a reader gets beyond the evident intent are
//! applied: target keyword typos (ATTR001), attribute-name typos (ATTR002), unencoded
//! whitespace (LINK002) and backslashes (LINK003) in URLs written literally, and a link or
//! asset path whose letter case differs from the file's (LINK001, ASSET001), applied only when
//! the text at the span differs from the replacement in letter case alone. Edits are byte
//! splices into the file as it is on disk: a UTF-8 byte order mark and line endings (the
//! replacements never contain one) are kept, and nothing outside the spans changes. A file that
//! is not valid UTF-8 is left alone, since spans index its lossily decoded text. Each file is
//! written to a temporary file beside it and renamed over it, so it is never half written.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::Outcome;
use crate::error::Error;

/// Rules whose fixes `--fix` applies.
pub const SAFE_RULES: &[&str] = &[
    "ATTR001", "ATTR002", "LINK002", "LINK003", "LINK001", "ASSET001",
];

/// Rules whose fix is applied only when it changes letter case alone.
const CASE_ONLY_RULES: &[&str] = &["LINK001", "ASSET001"];

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A replacement: byte range in the loaded text, and the new text.
type Edit<'a> = (usize, usize, &'a str, bool);

/// The fixes of one file.
#[derive(Debug)]
pub struct FileFix {
    /// The file on disk.
    pub disk: PathBuf,
    /// The path users see.
    pub shown: String,
    /// Its bytes before.
    pub original: Vec<u8>,
    /// Its bytes after.
    pub fixed: Vec<u8>,
    /// How many findings this fixes.
    pub count: usize,
}

/// Work out the fixed contents of every file with safe fixes.
pub fn plan(outcome: &Outcome) -> Result<Vec<FileFix>, Error> {
    let mut by_file: BTreeMap<&Path, (String, Vec<Edit<'_>>)> = BTreeMap::new();
    for diagnostic in &outcome.diagnostics {
        let (Some(fix), Some(location)) = (&diagnostic.fix, diagnostic.location) else {
            continue;
        };
        if !SAFE_RULES.contains(&diagnostic.rule.code) {
            continue;
        }
        by_file
            .entry(diagnostic.file.disk.as_path())
            .or_insert_with(|| (crate::report::shown(&diagnostic.file), Vec::new()))
            .1
            .push((
                location.start as usize,
                location.end as usize,
                fix.replacement.as_str(),
                CASE_ONLY_RULES.contains(&diagnostic.rule.code),
            ));
    }
    let mut plans = Vec::new();
    for (disk, (shown, mut edits)) in by_file {
        let original = std::fs::read(disk).map_err(|reason| Error::Fix {
            path: disk.to_path_buf(),
            reason,
        })?;
        let offset = if original.starts_with(BOM) {
            BOM.len()
        } else {
            0
        };
        let Ok(text) = std::str::from_utf8(&original[offset..]) else {
            continue;
        };
        edits.sort_unstable();
        edits.dedup();
        let mut fixed = original[..offset].to_vec();
        let mut cursor = 0;
        let mut count = 0;
        for (start, end, replacement, case_only) in edits {
            // Overlapping edits (two findings on one span): the first wins; the next run of the
            // checker reports what is left.
            if start < cursor
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            if case_only && text[start..end].to_lowercase() != replacement.to_lowercase() {
                continue;
            }
            fixed.extend_from_slice(&text.as_bytes()[cursor..start]);
            fixed.extend_from_slice(replacement.as_bytes());
            cursor = end;
            count += 1;
        }
        fixed.extend_from_slice(&text.as_bytes()[cursor..]);
        if fixed != original {
            plans.push(FileFix {
                disk: disk.to_path_buf(),
                shown,
                original,
                fixed,
                count,
            });
        }
    }
    Ok(plans)
}

/// Write every planned file (temporary file beside it, then rename).
pub fn write(plans: &[FileFix]) -> Result<(), Error> {
    for plan in plans {
        let failed = |reason| Error::Fix {
            path: plan.disk.clone(),
            reason,
        };
        // Write through a symbolic link to the file it names, not over the link.
        let target = std::fs::canonicalize(&plan.disk).map_err(failed)?;
        // Refuse to overwrite a file changed since it was read for this run.
        let current = std::fs::read(&target).map_err(failed)?;
        if current != plan.original {
            return Err(failed(std::io::Error::other(
                "the file changed while sitelint was checking it; run again",
            )));
        }
        let permissions = std::fs::metadata(&target).map_err(failed)?.permissions();
        let mut name = std::ffi::OsString::from(".");
        name.push(target.file_name().unwrap_or_default());
        name.push(format!(".sitelint-fix-{}", std::process::id()));
        let temporary = target.with_file_name(name);
        let result = std::fs::write(&temporary, &plan.fixed)
            .and_then(|()| std::fs::set_permissions(&temporary, permissions))
            .and_then(|()| std::fs::rename(&temporary, &target));
        if let Err(error) = result {
            let _ = std::fs::remove_file(&temporary);
            return Err(failed(error));
        }
    }
    Ok(())
}

/// Print the planned changes as a unified diff.
pub fn diff(plans: &[FileFix], out: &mut dyn Write) -> std::io::Result<()> {
    for plan in plans {
        let before = String::from_utf8_lossy(&plan.original);
        let after = String::from_utf8_lossy(&plan.fixed);
        let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_ref());
        write!(
            out,
            "{}",
            diff.unified_diff()
                .context_radius(3)
                .header(&format!("a/{}", plan.shown), &format!("b/{}", plan.shown))
        )?;
    }
    Ok(())
}
