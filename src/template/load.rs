//! Loading what every page's rendering shares: layouts, includes and `_data`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::{parse, Entry, Library};
use crate::diagnostic::{Diagnostic, FileName};
use crate::parse::front_matter;
use crate::registry;
use crate::site::config::SiteConfig;
use crate::source::{load_text, LineIndex};

/// Blank the front matter of `text` (offsets kept) and return it with its parsed value.
fn split_front_matter(text: &str) -> (String, Value) {
    let Some(matter) = front_matter::find(text) else {
        return (text.to_string(), Value::Null);
    };
    let front = front_matter::parse_yaml(&text[matter.yaml.clone()]).unwrap_or(Value::Null);
    let mut bytes = text.as_bytes().to_vec();
    for byte in &mut bytes[matter.block.clone()] {
        if *byte != b'\n' && *byte != b'\r' {
            *byte = b' ';
        }
    }
    let body = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (body, front)
}

/// One `_data` file as a value; errors become diagnostics pointing into the file.
fn data_file(root: &Path, relative: &str, out: &mut Vec<Diagnostic>) -> Option<Value> {
    let extension = relative
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())?;
    let bytes = std::fs::read(root.join(relative)).ok()?;
    let text = load_text(bytes).text;
    let file = Arc::new(FileName {
        display: relative.to_string(),
        disk: root.join(relative),
    });
    match extension.as_str() {
        "yml" | "yaml" => match front_matter::parse_yaml(&text) {
            Ok(value) => Some(value),
            Err(error) => {
                let lines = LineIndex::new(&text);
                let offset = error.offset.unwrap_or(0).min(text.len());
                out.push(
                    Diagnostic::new(
                        &registry::INVALID_YAML,
                        &file,
                        Some(lines.location(offset..(offset + 1).min(text.len()))),
                        format!("invalid YAML in `{relative}`: {}", error.message),
                    )
                    .label("here")
                    .help("Jekyll cannot build the site; until this is fixed, `site.data` lacks this file"),
                );
                None
            }
        },
        "json" => serde_json::from_str(&text).ok(),
        "csv" | "tsv" => {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(if extension == "tsv" { b'\t' } else { b',' })
                .flexible(true)
                .from_reader(text.as_bytes());
            let headers = reader.headers().ok()?.clone();
            let rows = reader
                .records()
                .filter_map(Result::ok)
                .map(|record| {
                    Value::Object(
                        headers
                            .iter()
                            .zip(record.iter())
                            .map(|(h, v)| (h.to_string(), Value::String(v.to_string())))
                            .collect(),
                    )
                })
                .collect();
            Some(Value::Array(rows))
        }
        _ => None,
    }
}

/// Every file under `root/folder`, relative to `root`, sorted.
fn files_under(root: &Path, folder: &str) -> Vec<String> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<String> = ignore::WalkBuilder::new(&dir)
        .standard_filters(false)
        .follow_links(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            e.path()
                .strip_prefix(root)
                .ok()
                .map(|p| p.to_string_lossy().replace('\\', "/"))
        })
        .collect();
    files.sort();
    files
}

/// `site.data`: `_data/a/b.yml` becomes `data.a.b`.
fn load_data(root: &Path, out: &mut Vec<Diagnostic>) -> Value {
    let mut data = serde_json::Map::new();
    for relative in files_under(root, "_data") {
        let Some(value) = data_file(root, &relative, out) else {
            continue;
        };
        let inside = relative.trim_start_matches("_data/");
        let stem = inside.rsplit_once('.').map_or(inside, |(s, _)| s);
        let mut parts: Vec<&str> = stem.split('/').collect();
        let last = parts.pop().unwrap_or_default();
        let mut node = &mut data;
        for part in parts {
            let entry = node
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(serde_json::Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(serde_json::Map::new());
            }
            let Value::Object(map) = entry else {
                unreachable!("made an object above")
            };
            node = map;
        }
        node.insert(last.to_string(), value);
    }
    Value::Object(data)
}

/// Read the layouts (`_layouts/`), includes (`_includes/`, any extension) and `_data`.
pub(crate) fn load(
    root: &Path,
    site: &SiteConfig,
    config: &Value,
    lists: serde_json::Map<String, Value>,
    sources: HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Library {
    let mut templates = files_under(root, "_layouts");
    templates.extend(files_under(root, "_includes"));
    let entries = templates
        .iter()
        .filter_map(|relative| {
            let bytes = std::fs::read(root.join(relative)).ok()?;
            let text = load_text(bytes).text;
            let (text, front) = split_front_matter(&text);
            let template = parse::parse(&text);
            Some(Entry {
                path: relative.clone(),
                file: Arc::new(FileName {
                    display: relative.clone(),
                    disk: root.join(relative),
                }),
                text,
                template,
                front,
            })
        })
        .collect();
    let data = load_data(root, out);
    Library::new(site, config, data, lists, entries, sources)
}
