//! Results on disk (`<cache>/external.json`), so a second run within the maximum age requests
//! nothing that worked last time. Only successes are stored: failures are checked again. Two
//! runs may share the folder: each merges its results into what is on disk just before writing,
//! and writes a temporary file that it renames over the old one (atomic on one file system).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Checked;

const FILE: &str = "external.json";
const VERSION: u32 = 1;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Entry {
    /// Seconds since the Unix epoch.
    checked_at: u64,
    result: Checked,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Stored {
    version: u32,
    entries: BTreeMap<String, Entry>,
}

/// The cache of one run.
#[derive(Debug)]
pub(crate) struct Cache {
    folder: PathBuf,
    max_age: Duration,
    stored: Stored,
    fresh: BTreeMap<String, Entry>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn read(folder: &Path) -> Stored {
    std::fs::read(folder.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
        .filter(|stored| stored.version == VERSION)
        .unwrap_or_default()
}

impl Cache {
    /// Open the cache in `folder` (a missing or unreadable file is an empty cache).
    pub(crate) fn open(folder: &Path, max_age: Duration) -> Self {
        Self {
            folder: folder.to_path_buf(),
            max_age,
            stored: read(folder),
            fresh: BTreeMap::new(),
        }
    }

    /// A fresh stored result for `url` that answers every fragment in `wanted`.
    pub(crate) fn get(&self, url: &str, wanted: &[String]) -> Option<Checked> {
        let entry = self.stored.entries.get(url)?;
        let age = now().saturating_sub(entry.checked_at);
        if age >= self.max_age.as_secs() || !entry.result.verdict.cacheable() {
            return None;
        }
        wanted
            .iter()
            .all(|f| entry.result.fragments_found.contains(f))
            .then(|| entry.result.clone())
    }

    /// Remember a result of this run (failures are not stored).
    pub(crate) fn put(&mut self, url: &str, result: &Checked) {
        if result.verdict.cacheable() {
            self.fresh.insert(
                url.to_string(),
                Entry {
                    checked_at: now(),
                    result: result.clone(),
                },
            );
        }
    }

    /// Merge this run's results into the file on disk, atomically.
    pub(crate) fn save(self) -> std::io::Result<()> {
        if self.fresh.is_empty() {
            return Ok(());
        }
        std::fs::create_dir_all(&self.folder)?;
        let ignore = self.folder.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# sitelint's cache of external link results\n*\n")?;
        }
        // Another run may have written since this one read: start from what is there now.
        let mut stored = read(&self.folder);
        stored.version = VERSION;
        let limit = now().saturating_sub(self.max_age.as_secs());
        stored.entries.retain(|_, entry| entry.checked_at >= limit);
        stored.entries.extend(self.fresh);
        let text = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        let temporary = self.folder.join(format!(
            ".{FILE}.{}.{}.tmp",
            std::process::id(),
            fastrand::u64(..)
        ));
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, self.folder.join(FILE)).inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })
    }
}
