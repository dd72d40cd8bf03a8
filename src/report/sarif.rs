//! `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads.
//!
//! Hand-written with `serde_json` rather than the `serde-sarif` crate: we emit about fifteen
//! properties, and that crate brings a generated model of the whole standard plus builder and URI
//! crates. `tests/formats.rs` validates the output against the official schema.
//!
//! Columns: SARIF's default `columnKind` is `utf16CodeUnits`, which is what GitHub and VS Code
//! count; our locations count characters, so columns are converted from the byte offsets
//! (they differ on lines with characters outside the Basic Multilingual Plane, such as emoji).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::check::Outcome;
use crate::diagnostic::{FileName, Severity};
use crate::registry::{self, RuleMeta};
use crate::source::{load_text, Location};

use super::shown;

/// The schema URI SARIF viewers recognise.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: each segment percent-encoded (a space is `%20`).
fn uri(file: &FileName) -> Value {
    let path = shown(file);
    let encode =
        |segment: &str| percent_encoding::utf8_percent_encode(segment, URI_SEGMENT).to_string();
    if file.disk.is_absolute() {
        let trimmed = path.trim_start_matches('/');
        let encoded: Vec<String> = trimmed.split('/').map(encode).collect();
        json!({ "uri": format!("file:///{}", encoded.join("/")) })
    } else {
        let encoded: Vec<String> = path.split('/').map(encode).collect();
        json!({ "uri": encoded.join("/"), "uriBaseId": "%SRCROOT%" })
    }
}

/// Characters a URI path segment keeps as they are (RFC 3986 unreserved, plus `:` for drive
/// letters); everything else is percent-encoded.
const URI_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b':');

/// Texts of the files findings are in, to count UTF-16 columns.
#[derive(Default)]
struct Texts {
    cache: HashMap<PathBuf, Option<Arc<String>>>,
}

impl Texts {
    fn get(&mut self, path: &PathBuf) -> Option<Arc<String>> {
        self.cache
            .entry(path.clone())
            .or_insert_with(|| {
                std::fs::read(path)
                    .ok()
                    .map(|bytes| Arc::new(load_text(bytes).text))
            })
            .clone()
    }

    /// 1-based UTF-16 column of byte `offset`, when the file still has that offset.
    fn utf16_column(&mut self, path: &PathBuf, offset: u32) -> Option<u32> {
        let text = self.get(path)?;
        let offset = offset as usize;
        let line = text.get(..offset)?;
        let start = line.rfind('\n').map_or(0, |n| n + 1);
        u32::try_from(line[start..].encode_utf16().count() + 1).ok()
    }

    fn region(&mut self, path: &PathBuf, location: Location) -> Value {
        let start = self
            .utf16_column(path, location.start)
            .unwrap_or(location.column);
        let end = self
            .utf16_column(path, location.end)
            .unwrap_or(location.end_column);
        json!({
            "startLine": location.line,
            "startColumn": start,
            "endLine": location.end_line,
            "endColumn": end,
        })
    }
}

fn rule_descriptor(rule: &RuleMeta) -> Value {
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary() },
        // Viewers that render Markdown (GitHub) show the whole rule document; plain-text viewers
        // get the summary and where to read more.
        "help": {
            "text": format!("{}\n\n{}", rule.summary(), rule.doc_url()),
            "markdown": rule.doc,
        },
        "helpUri": rule.doc_url(),
        "defaultConfiguration": { "level": level(rule.default_severity) },
        "properties": { "tags": [rule.family()] },
    })
}

pub(crate) fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let mut texts = Texts::default();
    let rules: Vec<Value> = registry::RULES.iter().map(|r| rule_descriptor(r)).collect();
    let results: Vec<Value> = outcome
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let index = registry::RULES
                .iter()
                .position(|r| r.code == diagnostic.rule.code);
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut physical = json!({ "artifactLocation": uri(&diagnostic.file) });
            if let Some(location) = diagnostic.location {
                physical["region"] = texts.region(&diagnostic.file.disk, location);
            }
            let mut result = json!({
                "ruleId": diagnostic.rule.code,
                "level": level(diagnostic.severity),
                "message": { "text": text },
                "locations": [{ "physicalLocation": physical }],
            });
            if let Some(index) = index {
                result["ruleIndex"] = json!(index);
            }
            if !diagnostic.related.is_empty() {
                let related: Vec<Value> = diagnostic
                    .related
                    .iter()
                    .enumerate()
                    .map(|(id, related)| {
                        let mut physical = json!({ "artifactLocation": uri(&related.file) });
                        if let Some(location) = related.location {
                            physical["region"] = texts.region(&related.file.disk, location);
                        }
                        json!({
                            "id": id,
                            "physicalLocation": physical,
                            "message": { "text": related.message },
                        })
                    })
                    .collect();
                result["relatedLocations"] = Value::Array(related);
            }
            if let (Some(fix), Some(location)) = (&diagnostic.fix, diagnostic.location) {
                let text = texts.get(&diagnostic.file.disk);
                let written = text.as_deref().and_then(|t| t.get(location.range()));
                let description = match (written, fix.replacement.is_empty()) {
                    (Some(written), true) => format!("delete `{written}`"),
                    (None, true) => "delete the marked text".to_string(),
                    (Some(written), false) => {
                        format!("replace `{written}` with `{}`", fix.replacement)
                    }
                    (None, false) => format!("replace with `{}`", fix.replacement),
                };
                result["fixes"] = json!([{
                    "description": { "text": description },
                    "artifactChanges": [{
                        "artifactLocation": uri(&diagnostic.file),
                        "replacements": [{
                            "deletedRegion": texts.region(&diagnostic.file.disk, location),
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "sitelint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/sitelint/sitelint",
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
