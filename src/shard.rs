//! Scale-out: `check --shard I/N` checks a deterministic share of a site's files, and `merge`
//! combines the JSON reports of the N shards into the report one unsharded run gives.
//!
//! Every shard walks the whole site, so links resolve against every served file, and reads all
//! layouts and includes (their suppressions apply to findings on any page). Files are dealt out
//! round-robin in path order; a shard parses its own files, and also the pages its links'
//! fragments point into (for their ids only). What one shard cannot decide alone it leaves to
//! `merge`, in the report's `shard` object:
//! - a finding written in a layout or include (`… (on N pages)`) is found by every shard with a
//!   page using it: merge adds the page counts and keeps the first pages named;
//! - findings about absence (`missing-license`, an unused suppression in a layout or include)
//!   are listed under `shard.unanimous` and kept only when every shard reports them;
//! - external URLs written in layouts and includes are listed by place, to count each once.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::check::{Outcome, Summary, UnevaluatedUrl};
use crate::diagnostic::{Diagnostic, FileName, Fix, Related, Severity};
use crate::error::Error;
use crate::source::{load_text, Location};

/// Shard `index` (1-based) of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1 ..= total.
    pub index: usize,
    /// Number of shards.
    pub total: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (index, total) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not I/N (such as 2/4)"))?;
        let index: usize = index
            .trim()
            .parse()
            .map_err(|_| format!("`{index}` is not a shard number"))?;
        let total: usize = total
            .trim()
            .parse()
            .map_err(|_| format!("`{total}` is not a number of shards"))?;
        if total == 0 || index == 0 || index > total {
            return Err(format!("shard {index}/{total}: I must be from 1 to N"));
        }
        Ok(Self { index, total })
    }
}

impl Shard {
    /// Does this shard own the `position`-th file (0-based, in path order)?
    pub(crate) fn owns(self, position: usize) -> bool {
        position % self.total == self.index - 1
    }
}

/// What a shard reports beyond its findings, for `merge`.
#[derive(Debug, Default)]
pub struct ShardReport {
    /// Which shard.
    pub index: usize,
    /// Of how many.
    pub total: usize,
    /// Findings that hold for the site only if every shard finds them.
    pub unanimous: Vec<Diagnostic>,
    /// External URLs written in layouts and includes: (file, byte offset, URL), each counted
    /// once however many shards saw it.
    pub template_external: Vec<(String, u32, String)>,
    /// Every unique external URL this shard saw, and how it was decided: `merge` counts each
    /// URL once over all shards.
    pub external_urls: std::collections::BTreeMap<String, crate::rules::external_links::UrlOutcome>,
}

/// The page count a layout or include finding ends its label with (`… (on 17 pages)`, or the
/// whole label `on 1 page`): the text before and after the count, and the count.
fn page_count(label: &str) -> Option<(&str, usize, &str)> {
    let (body, close) = match label.strip_suffix(')') {
        Some(body) => (body, ")"),
        None => (label, ""),
    };
    let rest = body
        .strip_suffix(" pages")
        .or_else(|| body.strip_suffix(" page"))?;
    let on = rest.rfind("on ")?;
    let count = rest[on + 3..].parse().ok()?;
    let prefix = &label[..on];
    let fits = if close.is_empty() {
        prefix.is_empty()
    } else {
        prefix.ends_with('(')
    };
    fits.then_some((prefix, count, close))
}

fn with_count(prefix: &str, count: usize, close: &str) -> String {
    let pages = if count == 1 { "page" } else { "pages" };
    format!("{prefix}on {count} {pages}{close}")
}

/// The message `PerPage` gives the pages it names.
const AFFECTED_PAGE: &str = "a page it affects, served at";

/// Reads the sources that reports point into, to turn line and column back into byte offsets
/// (the human and SARIF formats quote the source).
struct Sources {
    root: PathBuf,
    texts: HashMap<String, Option<String>>,
}

impl Sources {
    fn file(&self, path: &str) -> Arc<FileName> {
        Arc::new(FileName {
            display: path.to_string(),
            disk: if path == "." {
                self.root.clone()
            } else {
                self.root.join(path)
            },
        })
    }

    /// Byte offset of a 1-based line and character column in `path`.
    fn offset(&mut self, path: &str, line: u32, column: u32) -> u32 {
        let root = &self.root;
        let text = self.texts.entry(path.to_string()).or_insert_with(|| {
            std::fs::read(root.join(path))
                .ok()
                .map(|bytes| load_text(bytes).text)
        });
        let Some(text) = text else { return 0 };
        let mut offset = 0;
        for (number, content) in text.split_inclusive('\n').enumerate() {
            if number + 1 == line as usize {
                let within: usize = content
                    .chars()
                    .take(column.saturating_sub(1) as usize)
                    .map(char::len_utf8)
                    .sum();
                return u32::try_from(offset + within).unwrap_or(u32::MAX);
            }
            offset += content.len();
        }
        u32::try_from(offset).unwrap_or(u32::MAX)
    }

    fn location(&mut self, path: &str, item: &Value) -> Option<Location> {
        let number = |key: &str| {
            item.get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
        };
        let (line, column) = (number("line")?, number("column")?);
        let (end_line, end_column) = (
            number("end_line").unwrap_or(line),
            number("end_column").unwrap_or(column),
        );
        Some(Location {
            start: self.offset(path, line, column),
            end: self.offset(path, end_line, end_column),
            line,
            column,
            end_line,
            end_column,
        })
    }
}

/// The items of the array at `key` (none when absent).
fn array<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn text<'a>(item: &'a Value, key: &str) -> Option<&'a str> {
    item.get(key).and_then(Value::as_str)
}

fn diagnostic(item: &Value, sources: &mut Sources, origin: &Path) -> Result<Diagnostic, Error> {
    let bad = |what: &str| Error::Merge {
        path: origin.to_path_buf(),
        message: format!("a diagnostic has no valid `{what}`"),
    };
    let code = text(item, "code").ok_or_else(|| bad("code"))?;
    let rule = crate::registry::find(code).ok_or_else(|| bad("code"))?;
    let severity = match text(item, "severity") {
        Some("error") => Severity::Error,
        Some("warning") => Severity::Warning,
        Some("info") => Severity::Info,
        _ => return Err(bad("severity")),
    };
    let path = text(item, "path").ok_or_else(|| bad("path"))?;
    let location = sources.location(path, item);
    let mut related = Vec::new();
    for other in array(item, "related") {
        let other_path = text(other, "path").ok_or_else(|| bad("related.path"))?;
        related.push(Related {
            file: sources.file(other_path),
            location: sources.location(other_path, other),
            message: text(other, "message").unwrap_or_default().to_string(),
        });
    }
    Ok(Diagnostic {
        rule,
        severity,
        file: sources.file(path),
        location,
        message: text(item, "message")
            .ok_or_else(|| bad("message"))?
            .to_string(),
        label: text(item, "label").map(str::to_string),
        help: text(item, "help").map(str::to_string),
        fix: text(item, "fix").map(|replacement| Fix {
            replacement: replacement.to_string(),
        }),
        related,
    })
}

/// Place and text of a finding: equal keys from different shards are the same finding.
type Key = (String, u32, u32, &'static str, String);

fn key(d: &Diagnostic) -> Key {
    let (line, column) = d.location.map_or((0, 0), |l| (l.line, l.column));
    (
        d.file.display.clone(),
        line,
        column,
        d.rule.code,
        d.message.clone(),
    )
}

fn count(summary: &Value, key: &str) -> usize {
    summary
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
}

/// Combine the `--format json` reports of `sitelint check --shard I/N` (I = 1..N) into one
/// outcome. `root` is the site folder as it was passed to `check` (for paths and snippets).
#[allow(clippy::too_many_lines)] // One pass per part of the report, in order.
pub fn merge(paths: &[PathBuf], root: &Path) -> Result<Outcome, Error> {
    let mut sources = Sources {
        root: root.to_path_buf(),
        texts: HashMap::new(),
    };
    let mut total = None;
    let mut seen = BTreeSet::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut aggregated: BTreeMap<Key, usize> = BTreeMap::new();
    let mut unanimous: BTreeMap<Key, (Diagnostic, usize)> = BTreeMap::new();
    let mut template_external = BTreeSet::new();
    let mut external_urls: BTreeMap<String, crate::rules::external_links::UrlOutcome> =
        BTreeMap::new();
    let mut all_offline = true;
    // A finding outside a layout or include belongs to one shard's page; one that two shards
    // report identically (an external URL written in a layout) is one finding.
    let mut single: BTreeSet<Key> = BTreeSet::new();
    let mut unevaluated: BTreeMap<(String, u32, u32), UnevaluatedUrl> = BTreeMap::new();
    let mut summary = Summary::default();
    let mut per_page_skipped = 0usize;
    for path in paths {
        let failed = |message: String| Error::Merge {
            path: path.clone(),
            message,
        };
        let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
        let report: Value =
            serde_json::from_slice(&bytes).map_err(|e| failed(format!("not JSON: {e}")))?;
        let shard = report.get("shard").ok_or_else(|| {
            failed(
                "no `shard` object: write it with `sitelint check --shard I/N --format json`"
                    .into(),
            )
        })?;
        let (index, of) = (count(shard, "index"), count(shard, "total"));
        if *total.get_or_insert(of) != of || !seen.insert(index) {
            return Err(failed(format!(
                "shard {index}/{of} does not fit the other reports"
            )));
        }
        for item in array(&report, "diagnostics") {
            let diagnostic = diagnostic(item, &mut sources, path)?;
            // A layout's or include's finding, seen on this shard's pages.
            let pages = diagnostic.label.as_deref().and_then(page_count);
            if let Some((_, pages, _)) = pages {
                let key = key(&diagnostic);
                if let Some(&at) = aggregated.get(&key) {
                    let merged: &mut Diagnostic = &mut diagnostics[at];
                    let label = merged.label.clone().unwrap_or_default();
                    let (prefix, before, close) = page_count(&label).unwrap_or(("", 0, ""));
                    merged.label = Some(with_count(prefix, before + pages, close));
                    // Other related places first, then the first pages by path.
                    let (mut named, others): (Vec<Related>, Vec<Related>) = merged
                        .related
                        .drain(..)
                        .chain(diagnostic.related)
                        .partition(|r| r.message.starts_with(AFFECTED_PAGE));
                    let mut kept: Vec<Related> = Vec::new();
                    for other in others {
                        if !kept.iter().any(|k| {
                            k.file.display == other.file.display && k.message == other.message
                        }) {
                            kept.push(other);
                        }
                    }
                    named.sort_by(|a, b| a.file.display.cmp(&b.file.display));
                    named.dedup_by(|a, b| a.file.display == b.file.display);
                    named.truncate(3);
                    kept.extend(named);
                    merged.related = kept;
                    continue;
                }
                aggregated.insert(key, diagnostics.len());
            } else if !single.insert(key(&diagnostic)) {
                continue;
            }
            diagnostics.push(diagnostic);
        }
        for item in array(shard, "unanimous") {
            let diagnostic = diagnostic(item, &mut sources, path)?;
            unanimous
                .entry(key(&diagnostic))
                .or_insert((diagnostic, 0))
                .1 += 1;
        }
        for place in array(shard, "template_external") {
            template_external.insert(place.to_string());
        }
        if let Some(urls) = shard.get("external_urls").and_then(Value::as_object) {
            for (url, outcome) in urls {
                if let Ok(outcome) = serde_json::from_value(outcome.clone()) {
                    // The first shard's word on a URL stands (every shard decides it alike).
                    external_urls.entry(url.clone()).or_insert(outcome);
                }
            }
        }
        all_offline &= report
            .get("summary")
            .and_then(|s| s.get("external"))
            .and_then(|e| e.get("offline"))
            .and_then(Value::as_bool)
            .unwrap_or(true);
        let part = report.get("summary").cloned().unwrap_or(Value::Null);
        summary.files += count(&part, "files");
        summary.links_checked += count(&part, "links_checked");
        summary.external_links += count(&part, "external_links");
        summary.fragments_checked += count(&part, "fragments_checked");
        summary.fragments_unchecked += count(&part, "fragments_unchecked");
        let listed = part
            .get("unevaluated")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        per_page_skipped += count(&part, "templated_skipped").saturating_sub(listed);
        for item in array(&part, "unevaluated") {
            let number = |key: &str| {
                item.get(key)
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
                    .unwrap_or(0)
            };
            let path = text(item, "path").unwrap_or_default().to_string();
            let (line, column) = (number("line"), number("column"));
            unevaluated
                .entry((path.clone(), line, column))
                .or_insert_with(|| UnevaluatedUrl {
                    path,
                    line,
                    column,
                    liquid: text(item, "liquid").unwrap_or_default().to_string(),
                });
        }
        summary.elapsed_ms = summary.elapsed_ms.max(u128::from(
            part.get("elapsed_ms").and_then(Value::as_u64).unwrap_or(0),
        ));
        // Template URLs each shard counted: counted again below, once.
        let template_places = shard
            .get("template_external")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        summary.external_links = summary.external_links.saturating_sub(template_places);
    }
    let total = total.unwrap_or(0);
    if seen.len() != total || total == 0 {
        let missing: Vec<String> = (1..=total)
            .filter(|i| !seen.contains(i))
            .map(|i| format!("{i}/{total}"))
            .collect();
        return Err(Error::Merge {
            path: paths.first().cloned().unwrap_or_default(),
            message: format!("reports of shard {} are missing", missing.join(", ")),
        });
    }
    diagnostics.extend(
        unanimous
            .into_values()
            .filter(|(_, shards)| *shards == total)
            .map(|(diagnostic, _)| diagnostic),
    );
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for diagnostic in &diagnostics {
        match diagnostic.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    summary.external_links += template_external.len();
    summary.external.per_url = external_urls;
    summary.external.recount();
    summary.external.offline = all_offline;
    summary.templated_skipped = per_page_skipped + unevaluated.len();
    summary.unevaluated = unevaluated.into_values().collect();
    Ok(Outcome {
        diagnostics,
        summary,
        shard: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_parses_one_based_index_and_total() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, total: 4 }));
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn page_counts_are_read_back_from_labels() {
        assert_eq!(
            page_count("broken here (on 17 pages)"),
            Some(("broken here (", 17, ")"))
        );
        assert_eq!(page_count("on 1 page"), Some(("", 1, "")));
        assert_eq!(page_count("see the docs on 1 page"), None);
        assert_eq!(page_count("no element has this id"), None);
        assert_eq!(with_count("x (", 2, ")"), "x (on 2 pages)");
    }
}
