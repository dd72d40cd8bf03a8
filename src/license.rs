//! License detection: recognise license files by name, identify the SPDX license of a
//! license file's text, and map license URLs (`rel="license"` links, deeds, license pages)
//! to SPDX identifiers.
//!
//! Text identification tries, in order:
//!
//! 1. an explicit `SPDX-License-Identifier: X` line (a single id, not an expression);
//! 2. a full-text match against an askalono-style [`Store`] holding only the texts of the
//!    licenses in [`STORE_LICENSES`] (the store is built lazily, once, on first use);
//! 3. for short notices (up to 400 words), a few well-known phrases ("Licensed under the
//!    Apache License, Version 2.0", "GNU General Public License ... version 3", "Creative
//!    Commons Attribution 4.0 International", "CC0 1.0 Universal", "MIT License" as the
//!    first line, ...) and license URLs found in the text; for longer texts the store did
//!    not match, the same phrases in the title (the first 40 words) only, which names the
//!    CC 1.0–2.5 and GFDL texts that the store leaves out.
//!
//! Conflicting findings (two different licenses named) give `None`.
//!
//! Step 2 compares word bigrams (a Dice coefficient), so copyright lines, hard wraps at any
//! width and Markdown or HTML formatting (stripped first) barely move the score.

use std::borrow::Cow;
use std::sync::OnceLock;

use spdx::detection::{Store, TextData};

/// Result of identifying a license text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Identified {
    /// SPDX identifier, e.g. `CC-BY-4.0`.
    pub spdx: &'static str,
    /// Human name, e.g. `CC BY 4.0` (see [`display_name`]).
    pub name: &'static str,
    /// Confidence in `0.0..=1.0`: the full-text similarity score, [`TAG_CONFIDENCE`] for an
    /// explicit SPDX tag or [`PHRASE_CONFIDENCE`] for a short-notice phrase.
    pub confidence: f32,
}

/// Minimum full-text similarity accepted as an identification.
///
/// Chosen from the tests: the texts of the store match themselves at 1.0 and realistic
/// variants stay well above (copyright lines and rewrapping 0.97+, CC legal code as Markdown
/// 0.9+, Apache without its appendix 0.94, MIT after a paragraph of preamble 0.88), while
/// prose and short notices score below 0.1. Licenses outside the store mostly score below
/// 0.8; the close relatives that did not were added to the store (see [`STORE_LICENSES`]).
const MATCH_THRESHOLD: f32 = 0.8;

/// Below the threshold but above this score, the text may be a license surrounded by other
/// text (a preamble, a second license): the best-matching line range is searched for.
const OPTIMIZE_FLOOR: f32 = 0.3;

/// Confidence reported for an explicit `SPDX-License-Identifier` line.
const TAG_CONFIDENCE: f32 = 1.0;

/// Confidence reported for a short notice or a title recognised by phrase or URL.
const PHRASE_CONFIDENCE: f32 = 0.9;

/// Texts longer than this are cut before full-text matching (license texts are below
/// 40 KiB; a larger file is a bundle that would not reach the threshold anyway).
const MAX_MATCHED_BYTES: usize = 256 * 1024;

/// Licenses whose full texts are in the matching store.
///
/// The first part is the candidate list, with CC BY-NC-ND 4.0 to complete the CC 4.0 family.
/// The second part are near relatives that would
/// otherwise be reported, wrongly and above the threshold, as a candidate: the non-commercial
/// and no-derivatives CC 3.0 licenses score 0.92–0.97 against CC BY 3.0, LGPL 2.0 0.89
/// against LGPL 2.1, BSD 4-Clause 0.91 against BSD 3-Clause, X11 0.85 and JSON 0.97 against
/// MIT, EPL 1.0 0.80 against EPL 2.0, OFL 1.0 0.81 against OFL 1.1, BSD-3-Clause-Clear 0.90
/// against BSD 3-Clause. Rarer relatives that still score above the threshold are reported
/// as their candidate (SSPL 1.0 as AGPL 3.0 at 0.89, the BSD and MIT variants of the SPDX
/// list as BSD or MIT): each added text costs build time.
const STORE_LICENSES: &[&str] = &[
    "CC0-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-NC-SA-4.0",
    "CC-BY-ND-4.0",
    "CC-BY-NC-ND-4.0",
    "CC-BY-3.0",
    "CC-BY-SA-3.0",
    "MIT",
    "MIT-0",
    "ISC",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    "GPL-2.0-only",
    "GPL-3.0-only",
    "LGPL-2.1-only",
    "LGPL-3.0-only",
    "AGPL-3.0-only",
    "MPL-2.0",
    "Unlicense",
    "BSL-1.0",
    "Zlib",
    "WTFPL",
    "EPL-2.0",
    "OFL-1.1",
    // Near relatives, see above.
    "CC-BY-NC-3.0",
    "CC-BY-ND-3.0",
    "CC-BY-NC-SA-3.0",
    "CC-BY-NC-ND-3.0",
    "LGPL-2.0-only",
    "BSD-4-Clause",
    "X11",
    "EPL-1.0",
    "OFL-1.0",
    "JSON",
    "BSD-3-Clause-Clear",
];

/// Human names, by SPDX id.
const DISPLAY_NAMES: &[(&str, &str)] = &[
    ("CC0-1.0", "CC0 1.0"),
    ("CC-BY-1.0", "CC BY 1.0"),
    ("CC-BY-2.0", "CC BY 2.0"),
    ("CC-BY-2.5", "CC BY 2.5"),
    ("CC-BY-3.0", "CC BY 3.0"),
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-1.0", "CC BY-SA 1.0"),
    ("CC-BY-SA-2.0", "CC BY-SA 2.0"),
    ("CC-BY-SA-2.5", "CC BY-SA 2.5"),
    ("CC-BY-SA-3.0", "CC BY-SA 3.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-NC-1.0", "CC BY-NC 1.0"),
    ("CC-BY-NC-2.0", "CC BY-NC 2.0"),
    ("CC-BY-NC-2.5", "CC BY-NC 2.5"),
    ("CC-BY-NC-3.0", "CC BY-NC 3.0"),
    ("CC-BY-NC-4.0", "CC BY-NC 4.0"),
    ("CC-BY-NC-SA-1.0", "CC BY-NC-SA 1.0"),
    ("CC-BY-NC-SA-2.0", "CC BY-NC-SA 2.0"),
    ("CC-BY-NC-SA-2.5", "CC BY-NC-SA 2.5"),
    ("CC-BY-NC-SA-3.0", "CC BY-NC-SA 3.0"),
    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
    ("CC-BY-ND-1.0", "CC BY-ND 1.0"),
    ("CC-BY-ND-2.0", "CC BY-ND 2.0"),
    ("CC-BY-ND-2.5", "CC BY-ND 2.5"),
    ("CC-BY-ND-3.0", "CC BY-ND 3.0"),
    ("CC-BY-ND-4.0", "CC BY-ND 4.0"),
    ("CC-BY-NC-ND-1.0", "CC BY-NC-ND 1.0"),
    ("CC-BY-NC-ND-2.0", "CC BY-NC-ND 2.0"),
    ("CC-BY-NC-ND-2.5", "CC BY-NC-ND 2.5"),
    ("CC-BY-NC-ND-3.0", "CC BY-NC-ND 3.0"),
    ("CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0"),
    ("MIT", "MIT"),
    ("MIT-0", "MIT No Attribution"),
    ("X11", "X11"),
    ("ISC", "ISC"),
    ("0BSD", "BSD Zero Clause"),
    ("BSD-2-Clause", "BSD 2-Clause"),
    ("BSD-3-Clause", "BSD 3-Clause"),
    ("BSD-4-Clause", "BSD 4-Clause"),
    ("Apache-1.1", "Apache 1.1"),
    ("Apache-2.0", "Apache 2.0"),
    ("GPL-1.0-only", "GPL 1.0"),
    ("GPL-1.0-or-later", "GPL 1.0 or later"),
    ("GPL-2.0-only", "GPL 2.0"),
    ("GPL-2.0-or-later", "GPL 2.0 or later"),
    ("GPL-3.0-only", "GPL 3.0"),
    ("GPL-3.0-or-later", "GPL 3.0 or later"),
    ("LGPL-2.0-only", "LGPL 2.0"),
    ("LGPL-2.0-or-later", "LGPL 2.0 or later"),
    ("LGPL-2.1-only", "LGPL 2.1"),
    ("LGPL-2.1-or-later", "LGPL 2.1 or later"),
    ("LGPL-3.0-only", "LGPL 3.0"),
    ("LGPL-3.0-or-later", "LGPL 3.0 or later"),
    ("AGPL-3.0-only", "AGPL 3.0"),
    ("AGPL-3.0-or-later", "AGPL 3.0 or later"),
    ("GFDL-1.1-only", "GFDL 1.1"),
    ("GFDL-1.1-or-later", "GFDL 1.1 or later"),
    ("GFDL-1.2-only", "GFDL 1.2"),
    ("GFDL-1.2-or-later", "GFDL 1.2 or later"),
    ("GFDL-1.3-only", "GFDL 1.3"),
    ("GFDL-1.3-or-later", "GFDL 1.3 or later"),
    ("MPL-1.1", "MPL 1.1"),
    ("MPL-2.0", "MPL 2.0"),
    ("EPL-1.0", "EPL 1.0"),
    ("EPL-2.0", "EPL 2.0"),
    ("Unlicense", "The Unlicense"),
    ("BSL-1.0", "Boost Software License 1.0"),
    ("Zlib", "zlib"),
    ("WTFPL", "WTFPL"),
    ("OFL-1.0", "SIL Open Font License 1.0"),
    ("OFL-1.1", "SIL Open Font License 1.1"),
    ("JSON", "JSON License"),
    ("BSD-3-Clause-Clear", "BSD 3-Clause Clear"),
];

/// Deprecated bare GNU ids, with their `-only` and `-or-later` forms. A bare `GPL-3.0` (an
/// SPDX tag, an OSI or choosealicense URL) is read as `-only`, a trailing `+` as `-or-later`.
const GNU_IDS: &[(&str, &str, &str)] = &[
    ("GPL-1.0", "GPL-1.0-only", "GPL-1.0-or-later"),
    ("GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later"),
    ("GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later"),
    ("LGPL-2.0", "LGPL-2.0-only", "LGPL-2.0-or-later"),
    ("LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later"),
    ("LGPL-3.0", "LGPL-3.0-only", "LGPL-3.0-or-later"),
    ("AGPL-1.0", "AGPL-1.0-only", "AGPL-1.0-or-later"),
    ("AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later"),
    ("GFDL-1.1", "GFDL-1.1-only", "GFDL-1.1-or-later"),
    ("GFDL-1.2", "GFDL-1.2-only", "GFDL-1.2-or-later"),
    ("GFDL-1.3", "GFDL-1.3-only", "GFDL-1.3-or-later"),
];

// ---------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------

/// Base names of license files.
const LICENSE_STEMS: &[&str] = &["unlicense", "license", "licence", "copying", "copyright"];

/// Extensions a license file may carry.
const LICENSE_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "rst", "html", "htm"];

/// Extensions that make a `LICENSE-...` name a program or data file, not a license text.
const NON_LICENSE_EXTENSIONS: &[&str] = &[
    "js", "mjs", "cjs", "jsx", "ts", "tsx", "json", "json5", "yml", "yaml", "toml", "xml", "css",
    "scss", "sass", "less", "py", "rb", "rs", "go", "java", "php", "sh", "bat", "ps1", "lock",
    "map", "cfg", "ini", "conf", "csv", "svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "pdf",
    "zip", "gz", "tgz", "exe", "dll", "so", "wasm", "vue", "svelte", "astro", "njk", "hbs",
    "liquid", "erb", "tmpl", "tpl",
];

/// License names that may come before the stem, as in `MIT-LICENSE` or `APACHE-LICENSE-2.0`.
const LICENSE_PREFIXES: &[&str] = &[
    "mit", "apache", "bsd", "gpl", "lgpl", "agpl", "mpl", "isc", "cc0", "cc-by", "cc-by-sa",
];

/// True for the usual names of a project's license file, case-insensitive: `LICENSE`,
/// `LICENCE`, `COPYING`, `COPYRIGHT`, `UNLICENSE`, with or without an extension (`.md`,
/// `.txt`, `.markdown`, `.rst`, `.html`) and with a suffix such as `LICENSE-MIT`,
/// `LICENSE-APACHE`, `LICENSE.MIT`, `COPYING.LESSER`, `LICENSE_MIT`, `COPYING3`; also
/// `MIT-LICENSE` and the like. Plural names (`LICENSES.md`, `licenses.json`: usually lists of
/// third-party licenses) and program or data files (`license-checker.js`) are not.
pub(crate) fn is_license_file_name(file_name: &str) -> bool {
    let name = file_name.to_ascii_lowercase();
    let mut name = name.as_str();
    if let Some((base, ext)) = name.rsplit_once('.') {
        if LICENSE_EXTENSIONS.contains(&ext) {
            name = base;
        } else if NON_LICENSE_EXTENSIONS.contains(&ext) {
            return false;
        }
    }
    for prefix in LICENSE_PREFIXES {
        if let Some(rest) = name.strip_prefix(prefix) {
            if let Some(rest) = rest.strip_prefix(['-', '_', '.']) {
                if is_license_stem_and_suffix(rest) {
                    return true;
                }
            }
        }
    }
    is_license_stem_and_suffix(name)
}

/// `name` (lowercase, doc extension removed) is a stem, optionally followed by digits
/// (`copying3`) or by a separator and a tag of letters, digits, `-`, `_` and `.`.
fn is_license_stem_and_suffix(name: &str) -> bool {
    LICENSE_STEMS.iter().any(|stem| {
        let Some(rest) = name.strip_prefix(stem) else {
            return false;
        };
        if rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit()) {
            return true;
        }
        rest.strip_prefix(['-', '_', '.']).is_some_and(|tag| {
            !tag.is_empty()
                && tag
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
    })
}

// ---------------------------------------------------------------------------------------
// Names and ids
// ---------------------------------------------------------------------------------------

/// Human name for an SPDX id ("CC BY 4.0", "CC0 1.0", "MIT", "Apache 2.0", ...), or the id
/// itself when unknown.
pub(crate) fn display_name(spdx: &str) -> &str {
    DISPLAY_NAMES
        .iter()
        .find(|(id, _)| *id == spdx)
        .map_or(spdx, |(_, name)| name)
}

/// The SPDX id spelled `name` (case-insensitive), as a static string; deprecated bare GNU
/// ids become their explicit `-only` / `-or-later` forms.
fn resolve_id(name: &str) -> Option<&'static str> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let (base, or_later) = match name.strip_suffix('+') {
        Some(base) => (base, true),
        None => (name, false),
    };
    if let Some((_, only, later)) = GNU_IDS
        .iter()
        .find(|(bare, _, _)| bare.eq_ignore_ascii_case(base))
    {
        return Some(if or_later { later } else { only });
    }
    spdx::identifiers::LICENSES
        .iter()
        .find(|license| license.name.eq_ignore_ascii_case(name))
        .map(|license| license.name)
}

// ---------------------------------------------------------------------------------------
// Text identification
// ---------------------------------------------------------------------------------------

/// Identify the SPDX license of a license file's text; `None` when nothing reaches the
/// confidence threshold.
pub(crate) fn identify_license_text(text: &str) -> Option<Identified> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return None;
    }
    if let Some(id) = spdx_tag(text) {
        return Some(identified(id, TAG_CONFIDENCE));
    }
    let cleaned = clean_text(text);
    if let Some(found) = match_full_text(&cleaned) {
        return Some(found);
    }
    notice_license(text, &cleaned).map(|id| identified(id, PHRASE_CONFIDENCE))
}

fn identified(spdx: &'static str, confidence: f32) -> Identified {
    Identified {
        spdx,
        name: display_name(spdx),
        confidence,
    }
}

/// The id of the `SPDX-License-Identifier:` lines of `text`, when they all name the same
/// single license (expressions such as `MIT OR Apache-2.0` are not a single license).
fn spdx_tag(text: &str) -> Option<&'static str> {
    const TAG: &str = "spdx-license-identifier:";
    let mut found: Option<&'static str> = None;
    for line in text.lines() {
        let lower = line.to_ascii_lowercase();
        let Some(at) = lower.find(TAG) else {
            continue;
        };
        // ASCII lowercasing keeps byte offsets.
        let rest = &line[at + TAG.len()..];
        let mut words = rest.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if words.next().is_some_and(|word| {
            let word = word.trim_start_matches('(');
            ["or", "and", "with"]
                .iter()
                .any(|op| word.eq_ignore_ascii_case(op))
        }) {
            return None;
        }
        let first = first
            .trim_end_matches("-->")
            .trim_end_matches("*/")
            .trim_matches(|c: char| "()\"'`,;".contains(c));
        let id = resolve_id(first)?;
        match found {
            Some(previous) if previous != id => return None,
            _ => found = Some(id),
        }
    }
    found
}

/// The matching store, built on first use.
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(build_store)
}

/// The text of an SPDX license, from the `spdx` crate.
fn license_text(id: &str) -> Option<&'static str> {
    spdx::text::LICENSE_TEXTS
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| *text)
}

/// Builds the store, preprocessing the texts on up to four threads (the preprocessing of the
/// ~480 KiB of texts dominates the build time).
fn build_store() -> Store {
    let mut texts: Vec<(&'static str, &'static str)> = STORE_LICENSES
        .iter()
        .filter_map(|id| license_text(id).map(|text| (*id, text)))
        .collect();
    // Largest first, dealt round-robin, for balanced workers.
    texts.sort_by_key(|(_, text)| std::cmp::Reverse(text.len()));
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 4);
    let prepare = |worker: usize| -> Vec<(&'static str, TextData)> {
        texts
            .iter()
            .skip(worker)
            .step_by(workers)
            .map(|(id, text)| (*id, TextData::new(text).without_text()))
            .collect()
    };
    let prepared: Vec<(&'static str, TextData)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers)
            .map(|worker| {
                std::thread::Builder::new()
                    .name("license-store".into())
                    .spawn_scoped(scope, move || prepare(worker))
                    .map_err(|_| worker)
            })
            .collect();
        let mut prepared = prepare(0);
        for handle in handles {
            match handle {
                Ok(handle) => prepared.extend(
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                ),
                // No thread to be had: do that share here.
                Err(worker) => prepared.extend(prepare(worker)),
            }
        }
        prepared
    });
    let mut store = Store::new();
    for (id, data) in prepared {
        store.add_license(id.to_owned(), data);
    }
    store
}

/// The store entry `name` as a static id.
fn store_id(name: &str) -> Option<&'static str> {
    STORE_LICENSES.iter().find(|id| **id == name).copied()
}

/// Full-text match against the store; when the whole text falls short, the best-matching
/// line range is tried (a license with a preamble or followed by other text).
fn match_full_text(cleaned: &str) -> Option<Identified> {
    let mut end = cleaned.len().min(MAX_MATCHED_BYTES);
    while !cleaned.is_char_boundary(end) {
        end -= 1;
    }
    let data = TextData::new(&cleaned[..end]);
    let store = store();
    let best = store.analyze(&data);
    if best.score >= MATCH_THRESHOLD {
        return Some(identified(store_id(best.name)?, best.score));
    }
    if best.score < OPTIMIZE_FLOOR {
        return None;
    }
    let (region, _) = data.optimize_bounds(best.data);
    let best = store.analyze(&region);
    if best.score < MATCH_THRESHOLD {
        return None;
    }
    Some(identified(store_id(best.name)?, best.score))
}

/// Text prepared for matching: HTML tags and Markdown markup removed.
fn clean_text(text: &str) -> String {
    let text: Cow<'_, str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let text = if looks_like_html(&text) {
        Cow::Owned(strip_html(&text))
    } else {
        text
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        strip_markdown_line(line, &mut out);
        out.push('\n');
    }
    out
}

fn looks_like_html(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    ["<!doctype html", "<html", "<body", "<p>", "<div", "<br"]
        .iter()
        .any(|marker| head.contains(marker))
}

/// Removes tags (block tags become line breaks), comments, scripts and styles, and decodes
/// the common character references.
fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let closing = rest[1..gt].starts_with('/');
        let tag = rest[1..gt].trim_start_matches('/').to_ascii_lowercase();
        let tag_name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let is_tag = tag_name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!');
        if !is_tag {
            // A `<` that starts no tag, as in `a < b`: kept.
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        rest = &rest[gt + 1..];
        if matches!(tag_name, "script" | "style") && !closing {
            let close = format!("</{tag_name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower
                .find(&close)
                .and_then(|at| rest[at..].find('>').map(|gt| &rest[at + gt + 1..]))
                .unwrap_or("");
        } else if is_block_tag(tag_name) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// Tags that end a line of text.
fn is_block_tag(name: &str) -> bool {
    const BLOCK_TAGS: &str =
        "p br div li ul ol h1 h2 h3 h4 h5 h6 pre tr hr blockquote section article dd dt title";
    BLOCK_TAGS.split(' ').any(|tag| tag == name)
}

/// Decodes the character references common in license pages.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .map(|end| &rest[1..=end]);
        let decoded = entity.and_then(|entity| match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" | "ldquo" | "rdquo" => Some('"'),
            "apos" | "lsquo" | "rsquo" => Some('\''),
            "nbsp" => Some(' '),
            "copy" => Some('©'),
            "ndash" => Some('–'),
            "mdash" => Some('—'),
            _ => {
                let number = entity.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        if let (Some(entity), Some(c)) = (entity, decoded) {
            out.push(c);
            rest = &rest[entity.len() + 2..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Appends `line` to `out` without Markdown block markers (headings, quotes, rules, link
/// definitions) and inline markup (emphasis, links, images, code spans).
fn strip_markdown_line(line: &str, out: &mut String) {
    let mut s = line.trim();
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && s[hashes..].chars().next().is_none_or(char::is_whitespace) {
        s = s[hashes..].trim_matches(|c: char| c == '#' || c.is_whitespace());
    }
    // Thematic breaks and setext underlines.
    if s.len() >= 3
        && s.bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'*' | b'_' | b' '))
    {
        return;
    }
    // Link reference definitions: `[id]: https://...`.
    if s.starts_with('[') && s.contains("]:") && !s.contains("](") {
        let label_end = s.find("]:").unwrap_or(0);
        if !s[..label_end].contains(' ') || s[label_end + 2..].trim_start().starts_with("http") {
            return;
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '*' | '_' | '`' => {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let next = chars.get(i + 1).copied();
                let inside_word = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                if inside_word && c == '_' {
                    out.push(c);
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => {}
            ']' if chars.get(i + 1) == Some(&'(') => {
                // `[text](target)`: keep the text, drop the target.
                match chars[i + 2..].iter().position(|&c| c == ')') {
                    Some(close) => i += close + 2,
                    None => out.push(c),
                }
            }
            '[' if chars[i + 1..]
                .iter()
                .take_while(|&&c| c != '[')
                .any(|&c| c == ']') => {}
            _ => out.push(c),
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------------------
// Short notices
// ---------------------------------------------------------------------------------------

/// First lines (normalised) that name a license, as in GitHub's license templates.
const FIRST_LINES: &[(&str, &str)] = &[
    ("mit license", "MIT"),
    ("the mit license", "MIT"),
    ("the mit license mit", "MIT"),
    ("mit license mit", "MIT"),
    ("the mit license expat", "MIT"),
    ("mit no attribution", "MIT-0"),
    ("isc license", "ISC"),
    ("the isc license", "ISC"),
    ("the unlicense", "Unlicense"),
    ("zlib license", "Zlib"),
    ("bsd zero clause license", "0BSD"),
    ("bsd 2 clause license", "BSD-2-Clause"),
    ("bsd 3 clause license", "BSD-3-Clause"),
    ("do what the fuck you want to public license", "WTFPL"),
];

/// Phrases (normalised, matched on word boundaries) of short license notices.
const PHRASES: &[(&str, &str)] = &[
    ("apache license version 2 0", "Apache-2.0"),
    ("apache license v2 0", "Apache-2.0"),
    ("apache license 2 0", "Apache-2.0"),
    ("apache 2 0 license", "Apache-2.0"),
    ("mozilla public license v 2 0", "MPL-2.0"),
    ("mozilla public license version 2 0", "MPL-2.0"),
    ("mozilla public license 2 0", "MPL-2.0"),
    ("eclipse public license v 2 0", "EPL-2.0"),
    ("eclipse public license version 2 0", "EPL-2.0"),
    ("eclipse public license 2 0", "EPL-2.0"),
    ("boost software license version 1 0", "BSL-1.0"),
    ("boost software license 1 0", "BSL-1.0"),
    ("sil open font license version 1 1", "OFL-1.1"),
    ("open font license version 1 1", "OFL-1.1"),
    ("sil open font license 1 1", "OFL-1.1"),
    ("cc0 1 0", "CC0-1.0"),
    ("creative commons zero", "CC0-1.0"),
    ("licensed under the mit license", "MIT"),
    ("released under the mit license", "MIT"),
    ("distributed under the mit license", "MIT"),
    ("under the terms of the mit license", "MIT"),
    ("licensed under the isc license", "ISC"),
    (
        "this is free and unencumbered software released into the public domain",
        "Unlicense",
    ),
];

/// Texts of at most this many words are notices: all of their phrases and URLs count.
const NOTICE_WORDS: usize = 400;

/// In a longer text (a full license that the store did not match) only the title, within
/// the first this many words, counts: deeper in, licenses name others in passing (the GFDL
/// names CC BY-SA 3.0, the FSL names Apache 2.0).
const TITLE_WORDS: usize = 40;

/// The license a short notice or a title names, by the first line, phrases and license
/// URLs; `None` when nothing is found or the findings disagree.
fn notice_license(raw: &str, cleaned: &str) -> Option<&'static str> {
    let mut hits: Vec<&'static str> = Vec::new();
    let first_line = cleaned.lines().map(normalize_words).find(|l| !l.is_empty());
    if let Some(first_line) = first_line {
        if let Some((_, id)) = FIRST_LINES.iter().find(|(line, _)| *line == first_line) {
            hits.push(id);
        }
    }
    let words = normalize_words(cleaned);
    let is_notice = words.split(' ').count() <= NOTICE_WORDS;
    let words = match words.match_indices(' ').nth(TITLE_WORDS - 1) {
        Some((at, _)) if !is_notice => &words[..at],
        _ => &words[..],
    };
    let padded = format!(" {words} ");
    for (phrase, id) in PHRASES {
        if padded.contains(&format!(" {phrase} ")) {
            hits.push(id);
        }
    }
    let tokens: Vec<&str> = words.split(' ').collect();
    hits.extend(gnu_notices(&tokens));
    hits.extend(cc_notices(&tokens));
    if is_notice {
        hits.extend(urls_in(raw).filter_map(license_from_url));
    }
    hits.sort_unstable();
    hits.dedup();
    match hits.as_slice() {
        [id] => Some(id),
        _ => None,
    }
}

/// Lowercase alphanumeric words separated by single spaces.
fn normalize_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// "GNU [Lesser|Library|Affero] General Public License ... version N[.M]" and "GNU Free
/// Documentation License ... version 1.N" notices, as the `-only` id of that version.
///
/// A notice's "or (at your option) any later version" is not carried over into an
/// `-or-later` id on purpose: the full texts, the candidates and the gnu.org URLs all name a
/// GNU license by its version (`GPL-3.0-only`), and ids are compared for equality (a LICENSE
/// notice against the gnu.org link of a page), so the notice must use the same id. Only an
/// explicit `SPDX-License-Identifier: GPL-3.0-or-later` gives `-or-later`.
fn gnu_notices(tokens: &[&str]) -> Vec<&'static str> {
    const WINDOW: usize = 40;
    let mut hits = Vec::new();
    for (i, _) in tokens.iter().enumerate().filter(|(_, t)| **t == "gnu") {
        let mut j = i + 1;
        let family = match tokens.get(j) {
            Some(&"lesser") => "LGPL",
            Some(&"library") => "LGPL-lib",
            Some(&"affero") => "AGPL",
            Some(&"free") => "GFDL",
            _ => "GPL",
        };
        if family != "GPL" {
            j += 1;
        }
        let name: &[&str] = if family == "GFDL" {
            &["documentation", "license"]
        } else {
            &["general", "public", "license"]
        };
        if !tokens[j.min(tokens.len())..].starts_with(name) {
            continue;
        }
        j += name.len();
        let window = &tokens[j..(j + WINDOW).min(tokens.len())];
        let Some(v) = window.iter().position(|t| *t == "version") else {
            continue;
        };
        let major = window.get(v + 1).copied();
        let minor = window.get(v + 2).copied();
        let base = match (family, major, minor) {
            ("GPL", Some("1"), _) => "GPL-1.0",
            ("GPL", Some("2"), _) => "GPL-2.0",
            ("GPL", Some("3"), _) => "GPL-3.0",
            ("LGPL", Some("2"), Some("1")) => "LGPL-2.1",
            ("LGPL", Some("3"), _) => "LGPL-3.0",
            ("LGPL-lib", Some("2"), _) => "LGPL-2.0",
            ("AGPL", Some("3"), _) => "AGPL-3.0",
            ("GFDL", Some("1"), Some("1")) => "GFDL-1.1",
            ("GFDL", Some("1"), Some("2")) => "GFDL-1.2",
            ("GFDL", Some("1"), Some("3")) => "GFDL-1.3",
            _ => continue,
        };
        hits.extend(resolve_id(base));
    }
    hits
}

/// Jurisdictions of ported CC licenses known to SPDX, as named after the version.
const CC_JURISDICTIONS: &[(&[&str], &str)] = &[
    (&["united", "states"], "US"),
    (&["germany"], "DE"),
    (&["deutschland"], "DE"),
    (&["austria"], "AT"),
    (&["österreich"], "AT"),
    (&["australia"], "AU"),
    (&["netherlands"], "NL"),
    (&["nederland"], "NL"),
    (&["england", "and", "wales"], "UK"),
    (&["uk", "england", "and", "wales"], "UK"),
    (&["france"], "FR"),
    (&["japan"], "JP"),
    (&["igo"], "IGO"),
];

/// "Creative Commons Attribution\[-`NonCommercial`\]\[-`ShareAlike`|-`NoDerivatives`\] X.Y"
/// and "CC BY\[-NC\]\[-SA|-ND\] X.Y" notices (with a jurisdiction when SPDX knows the port).
fn cc_notices(tokens: &[&str]) -> Vec<&'static str> {
    let mut hits = Vec::new();
    for i in 0..tokens.len() {
        let mut j = if tokens[i..].starts_with(&["creative", "commons", "attribution"]) {
            i + 3
        } else if tokens[i..].starts_with(&["cc", "by"]) {
            i + 2
        } else {
            continue;
        };
        let (mut nc, mut sa, mut nd) = (false, false, false);
        loop {
            match (tokens.get(j).copied(), tokens.get(j + 1).copied()) {
                (Some("noncommercial" | "nc"), _) => nc = true,
                (Some("non"), Some("commercial")) => {
                    nc = true;
                    j += 1;
                }
                (Some("sharealike" | "sa"), _) => sa = true,
                (Some("share"), Some("alike")) => {
                    sa = true;
                    j += 1;
                }
                (Some("noderivatives" | "noderivs" | "nd"), _) => nd = true,
                (Some("no"), Some("derivatives" | "derivs")) => {
                    nd = true;
                    j += 1;
                }
                _ => break,
            }
            j += 1;
        }
        let (Some(major), Some(minor)) = (tokens.get(j), tokens.get(j + 1)) else {
            continue;
        };
        if !matches!(*major, "1" | "2" | "3" | "4") || !matches!(*minor, "0" | "5") {
            continue;
        }
        let id = format!(
            "CC-BY{}{}{}-{major}.{minor}",
            if nc { "-NC" } else { "" },
            if sa { "-SA" } else { "" },
            if nd { "-ND" } else { "" },
        );
        let after = &tokens[(j + 2).min(tokens.len())..];
        let ported = CC_JURISDICTIONS
            .iter()
            .find(|(words, _)| after.starts_with(words))
            .and_then(|(_, code)| resolve_id(&format!("{id}-{code}")));
        hits.extend(ported.or_else(|| resolve_id(&id)));
    }
    hits
}

/// `http(s)://` URLs in `text`.
fn urls_in(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("http").filter_map(move |(at, _)| {
        let rest = &text[at..];
        if !(rest.starts_with("http://") || rest.starts_with("https://")) {
            return None;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || "<>\"'`()[]{}".contains(c))
            .unwrap_or(rest.len());
        Some(rest[..end].trim_end_matches(['.', ',', ';', ':']))
    })
}

// ---------------------------------------------------------------------------------------
// URLs
// ---------------------------------------------------------------------------------------

/// Map a URL a web page links to as its license (a `rel="license"` link or a link to a
/// known license deed) to an SPDX id. Scheme, `www.`, trailing slash, `legalcode` and
/// `deed.xx` suffixes, `.html`/`.php`/`.txt` and query or fragment do not matter.
pub(crate) fn license_from_url(url: &str) -> Option<&'static str> {
    let (host, segments) = split_url(url)?;
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match host {
        "creativecommons.org" => creative_commons_url(&segments),
        "opensource.org" => match segments.as_slice() {
            ["licenses" | "license", name, ..] => osi_license(name),
            _ => None,
        },
        "apache.org" => match segments.as_slice() {
            ["licenses", name, ..] => match strip_file_suffix(name) {
                "license-2.0" => Some("Apache-2.0"),
                "license-1.1" => Some("Apache-1.1"),
                "license-1.0" => Some("Apache-1.0"),
                _ => None,
            },
            _ => None,
        },
        "gnu.org" => match segments.as_slice() {
            ["licenses", .., name] => gnu_license(name),
            _ => None,
        },
        "mozilla.org" => {
            let at = segments.iter().position(|s| *s == "mpl")?;
            match segments.get(at + 1).map(|s| strip_file_suffix(s)) {
                Some("2.0") => Some("MPL-2.0"),
                Some("1.1") => Some("MPL-1.1"),
                Some("1.0") => Some("MPL-1.0"),
                Some(name) => resolve_id(name).filter(|id| id.starts_with("MPL-")),
                None => None,
            }
        }
        "unlicense.org" => Some("Unlicense"),
        "wtfpl.net" => Some("WTFPL"),
        "openfontlicense.org" => Some("OFL-1.1"),
        "scripts.sil.org" => segments
            .first()
            .is_some_and(|s| s.starts_with("ofl"))
            .then_some("OFL-1.1"),
        "boost.org" => segments
            .last()
            .is_some_and(|s| strip_file_suffix(s) == "license_1_0")
            .then_some("BSL-1.0"),
        "eclipse.org" => match segments.as_slice() {
            ["legal", name, ..] => match strip_file_suffix(name) {
                "epl-2.0" => Some("EPL-2.0"),
                "epl-v10" | "epl-1.0" => Some("EPL-1.0"),
                _ => None,
            },
            _ => None,
        },
        "choosealicense.com" | "spdx.org" => match segments.as_slice() {
            ["licenses", name, ..] => resolve_id(strip_file_suffix(name)),
            _ => None,
        },
        "mit-license.org" => Some("MIT"),
        _ if host.ends_with(".mit-license.org") => Some("MIT"),
        _ => None,
    }
}

/// Lowercase host (without user, port or trailing dot) and lowercase non-empty path
/// segments of an absolute (`http`, `https`, protocol-relative) or scheme-less URL.
fn split_url(url: &str) -> Option<(String, Vec<String>)> {
    let url = url.trim();
    // Every link on every page comes here: the scheme is matched without lowercasing the URL,
    // and only a license host's path is lowercased and split.
    let scheme = |prefix: &str| crate::source::strip_prefix_ignoring_case(url, prefix);
    let rest = if let Some(rest) = scheme("https://") {
        rest
    } else if let Some(rest) = scheme("http://") {
        rest
    } else if let Some(rest) = url.strip_prefix("//") {
        rest
    } else if url.starts_with('/') || url.starts_with('.') {
        return None;
    } else {
        url
    };
    // Most links are relative paths (`struct.Foo.html`): every known host ends in `.org`,
    // `.net` or `.com`, which its authority then holds. (A check per link of every page.)
    let authority_end = memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
    let authority = &rest.as_bytes()[..authority_end];
    let holds_known_tld = memchr::memchr_iter(b'.', authority).any(|dot| {
        // `| 0x20` lowercases a letter, and makes no other byte one.
        authority.get(dot + 1..dot + 4).is_some_and(|tld| {
            let tld = [tld[0] | 0x20, tld[1] | 0x20, tld[2] | 0x20];
            matches!(&tld, b"org" | b"net" | b"com")
        })
    });
    if !holds_known_tld || (rest.len() == url.len() && url.contains("://")) {
        return None;
    }
    // The authority ends at the first `/`, `?` or `#`; the path, at the first `?` or `#`.
    // Sliced by byte positions: pages link to `doc.rust-lang.org` and the like thousands of
    // times, and splitting with patterns was most of this function's time.
    let authority = &rest[..authority_end];
    let path = match rest.as_bytes().get(authority_end) {
        Some(b'/') => {
            let path = &rest[authority_end + 1..];
            let end = path
                .bytes()
                .position(|b| matches!(b, b'?' | b'#'))
                .unwrap_or(path.len());
            &path[..end]
        }
        _ => "",
    };
    let host = match authority.bytes().rposition(|b| b == b'@') {
        Some(at) => &authority[at + 1..],
        None => authority,
    };
    let host = match host.bytes().position(|b| b == b':') {
        Some(colon) => &host[..colon],
        None => host,
    };
    let host = host.trim_end_matches('.');
    let bare = match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => &host[4..],
        _ => host,
    };
    let mit = ".mit-license.org";
    let known = LICENSE_HOSTS.iter().any(|h| h.eq_ignore_ascii_case(bare))
        || bare
            .len()
            .checked_sub(mit.len())
            .and_then(|at| bare.get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(mit));
    if host.is_empty() || !known {
        return None;
    }
    let host = host.to_ascii_lowercase();
    let segments = path
        .to_ascii_lowercase()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    Some((host, segments))
}

/// The hosts [`license_from_url`] knows (without `www.`; and any `*.mit-license.org`).
const LICENSE_HOSTS: &[&str] = &[
    "creativecommons.org",
    "opensource.org",
    "apache.org",
    "gnu.org",
    "mozilla.org",
    "unlicense.org",
    "wtfpl.net",
    "openfontlicense.org",
    "scripts.sil.org",
    "boost.org",
    "eclipse.org",
    "choosealicense.com",
    "spdx.org",
    "mit-license.org",
];

/// `name` without a page suffix (`.html`, `.php`, `.txt`, ...).
fn strip_file_suffix(name: &str) -> &str {
    let mut name = name;
    while let Some(stripped) = [
        ".html", ".htm", ".php", ".txt", ".md", ".json", ".xml", ".rdf",
    ]
    .iter()
    .find_map(|suffix| name.strip_suffix(suffix))
    {
        name = stripped;
    }
    name
}

/// `creativecommons.org/licenses/<kind>/<version>[/<jurisdiction>][/...]` and
/// `creativecommons.org/publicdomain/zero/1.0`. The public domain mark is not a license.
fn creative_commons_url(segments: &[&str]) -> Option<&'static str> {
    match segments {
        ["publicdomain", "zero", "1.0", ..] => Some("CC0-1.0"),
        ["licenses", kind, version, rest @ ..] => {
            let kind = match *kind {
                "by-nd-nc" => "by-nc-nd",
                "by" | "by-sa" | "by-nc" | "by-nd" | "by-nc-sa" | "by-nc-nd" | "sa" | "nc"
                | "nd" | "nc-sa" => kind,
                _ => return None,
            };
            let version_ok = version.len() == 3
                && version.as_bytes()[1] == b'.'
                && version.bytes().filter(u8::is_ascii_digit).count() == 2;
            if !version_ok {
                return None;
            }
            let base = format!("CC-{}-{version}", kind.to_ascii_uppercase());
            // A ported license (`3.0/de/`) known to SPDX; otherwise the unported one.
            let ported = rest.first().filter(|jurisdiction| {
                (jurisdiction.len() == 2 || **jurisdiction == "igo")
                    && jurisdiction.bytes().all(|b| b.is_ascii_alphabetic())
            });
            ported
                .and_then(|jurisdiction| resolve_id(&format!("{base}-{jurisdiction}")))
                .or_else(|| resolve_id(&base))
        }
        _ => None,
    }
}

/// `opensource.org/licenses/<name>`: SPDX ids (any case, also the 2023 `apache-2-0` slugs)
/// and the old `*-license.php` pages.
fn osi_license(name: &str) -> Option<&'static str> {
    let name = strip_file_suffix(name);
    let name = name.strip_suffix("-license").unwrap_or(name);
    match name {
        "mit" => return Some("MIT"),
        "apache2.0" | "apache" => return Some("Apache-2.0"),
        "isc" => return Some("ISC"),
        "zlib" => return Some("Zlib"),
        "mozilla1.1" => return Some("MPL-1.1"),
        "eclipse-1.0" => return Some("EPL-1.0"),
        // Version-less `bsd-license`, `gpl-license`, `lgpl-license`: ambiguous.
        "bsd" | "gpl" | "lgpl" => return None,
        _ => {}
    }
    resolve_id(name).or_else(|| resolve_id(&dotted_versions(name)))
}

/// `apache-2-0` → `apache-2.0`: a hyphen between two digits becomes a dot.
fn dotted_versions(name: &str) -> String {
    let bytes = name.as_bytes();
    name.char_indices()
        .map(|(i, c)| {
            let between_digits = c == '-'
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if between_digits {
                '.'
            } else {
                c
            }
        })
        .collect()
}

/// `gnu.org/licenses/[old-licenses/]<name>[.<lang>].html`.
fn gnu_license(name: &str) -> Option<&'static str> {
    let mut name = strip_file_suffix(name);
    // A language suffix: `gpl-3.0.en`, `gpl-3.0.pt-br`.
    if let Some((base, lang)) = name.rsplit_once('.') {
        if lang.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-') {
            name = base;
        }
    }
    let name = name.strip_suffix("-standalone").unwrap_or(name);
    match name {
        // The unversioned pages show the current versions.
        "gpl" => Some("GPL-3.0-only"),
        "lgpl" => Some("LGPL-3.0-only"),
        "agpl" => Some("AGPL-3.0-only"),
        "fdl" => Some("GFDL-1.3-only"),
        _ if name.starts_with("fdl-") => resolve_id(&format!("g{name}")),
        _ if ["gpl-", "lgpl-", "agpl-"]
            .iter()
            .any(|family| name.starts_with(family)) =>
        {
            resolve_id(name)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(id: &str) -> &'static str {
        license_text(id).unwrap_or_else(|| panic!("no SPDX text for {id}"))
    }

    fn identify(text: &str) -> Option<&'static str> {
        identify_license_text(text).map(|found| found.spdx)
    }

    /// Re-wraps every paragraph of `text` at `width` columns.
    fn rewrap(text: &str, width: usize) -> String {
        let mut out = String::new();
        for paragraph in text.split("\n\n") {
            let mut column = 0;
            for word in paragraph.split_whitespace() {
                if column > 0 && column + 1 + word.len() > width {
                    out.push('\n');
                    column = 0;
                } else if column > 0 {
                    out.push(' ');
                    column += 1;
                }
                out.push_str(word);
                column += word.len();
            }
            out.push_str("\n\n");
        }
        out
    }

    /// Renders a CC 4.0 legal code as Markdown, the way projects commit it: `#` headings,
    /// bold section titles and defined terms, list items, a site-specific preamble.
    fn markdown_cc(text: &str) -> String {
        let mut out = String::from("# License\n\n");
        out.push_str("The content of this site is licensed under the license below.\n\n");
        let mut lines = text.lines();
        if let Some(title) = lines.next() {
            out.push_str("## ");
            out.push_str(title);
            out.push('\n');
        }
        for line in lines {
            let line = line.trim();
            if line.starts_with("Section ") {
                out.push_str("\n### **");
                out.push_str(line);
                out.push_str("**\n\n");
            } else if line.ends_with("Public License") && line.len() < 90 {
                out.push_str("\n## ");
                out.push_str(line);
                out.push_str("\n\n");
            } else if let Some((marker, rest)) = line
                .split_once(char::is_whitespace)
                .filter(|(marker, _)| marker.len() <= 5 && marker.ends_with('.'))
            {
                let mut words = rest.trim_start().splitn(3, ' ');
                let first = words.next().unwrap_or("");
                let second = words.next().unwrap_or("");
                let tail = words.next().unwrap_or("");
                out.push_str(
                    &["  ", marker, " __", first, " ", second, "__ ", tail, "\n"].concat(),
                );
            } else {
                out.push_str(&rewrap(line, 80));
            }
        }
        out
    }

    #[test]
    fn every_store_license_identifies_its_own_text() {
        for id in STORE_LICENSES {
            let found =
                identify_license_text(text_of(id)).unwrap_or_else(|| panic!("{id} not identified"));
            assert_eq!(found.spdx, *id);
            assert!(found.confidence > 0.99, "{id}: {}", found.confidence);
            assert_eq!(found.name, display_name(id));
        }
    }

    #[test]
    fn mit_with_copyright_rewrapped_at_72_columns() {
        let body = text_of("MIT")
            .replace("Copyright (c) <year> <copyright holders>", "")
            .replace("MIT License", "");
        let text = format!(
            "MIT License\n\nCopyright (c) 2024 Jane Doe\n\n{}",
            rewrap(&body, 72)
        );
        let found = identify_license_text(&text).expect("MIT identified");
        assert_eq!(found.spdx, "MIT");
        assert_eq!(found.name, "MIT");
        assert!(found.confidence > 0.95, "{}", found.confidence);
        // Without the title line, and wrapped at 60.
        let text = format!("Copyright (c) 2024 Jane Doe\n\n{}", rewrap(&body, 60));
        assert_eq!(identify(&text), Some("MIT"));
    }

    #[test]
    fn bsd_3_clause_with_holder_names() {
        let text = text_of("BSD-3-Clause")
            .replace(
                "Copyright (c) <year> <owner>.",
                "Copyright (c) 2019-2024, The Example Project Authors\nCopyright (c) 2018, ACME Corp.\nAll rights reserved.",
            )
            .replace("the copyright holder", "ACME Corp.");
        assert_eq!(identify(&rewrap(&text, 79)), Some("BSD-3-Clause"));
        let two = text_of("BSD-2-Clause").replace("<year> <owner>", "2024 Jane Doe");
        assert_eq!(identify(&two), Some("BSD-2-Clause"));
    }

    #[test]
    fn apache_with_and_without_appendix() {
        let full = text_of("Apache-2.0");
        assert!(full.contains("APPENDIX"));
        let found = identify_license_text(&rewrap(full, 80)).expect("Apache identified");
        assert_eq!(found.spdx, "Apache-2.0");
        assert_eq!(found.name, "Apache 2.0");
        let (terms, _) = full
            .split_once("END OF TERMS AND CONDITIONS")
            .expect("terms end");
        let indented: String = terms.lines().flat_map(|l| ["   ", l, "\n"]).collect();
        assert_eq!(identify(&indented), Some("Apache-2.0"));
    }

    #[test]
    fn cc0_legal_code_file() {
        // The CC0 text as projects commit it (`Creative Commons Legal Code\n\nCC0 1.0
        // Universal`, hard-wrapped at 78), from the shared corpus when present.
        let shared = std::fs::read_to_string("/work/shared/corpora/ler-ecosystem-map-v2/LICENSE")
            .ok()
            .filter(|text| text.starts_with("Creative Commons Legal Code\n\nCC0 1.0 Universal"));
        let text = shared.unwrap_or_else(|| rewrap(text_of("CC0-1.0"), 78));
        assert!(text.starts_with("Creative Commons Legal Code\n\nCC0 1.0 Universal"));
        let found = identify_license_text(&text).expect("CC0 identified");
        assert_eq!(found.spdx, "CC0-1.0");
        assert_eq!(found.name, "CC0 1.0");
        assert!(found.confidence > 0.95, "{}", found.confidence);
    }

    #[test]
    fn cc_4_legal_codes_as_markdown() {
        for id in [
            "CC-BY-4.0",
            "CC-BY-SA-4.0",
            "CC-BY-NC-4.0",
            "CC-BY-NC-SA-4.0",
            "CC-BY-ND-4.0",
            "CC-BY-NC-ND-4.0",
        ] {
            let markdown = markdown_cc(text_of(id));
            assert!(markdown.contains("### **Section 1"), "{markdown}");
            assert!(markdown.contains("__Adapted Material__"), "{markdown}");
            let found = identify_license_text(&markdown)
                .unwrap_or_else(|| panic!("{id} as Markdown not identified"));
            assert_eq!(found.spdx, id);
            assert!(found.confidence > 0.9, "{id}: {}", found.confidence);
        }
        let found = identify_license_text(&markdown_cc(text_of("CC-BY-4.0"))).unwrap();
        assert_eq!(found.name, "CC BY 4.0");
    }

    #[test]
    fn license_inside_other_text() {
        // README-like license files: a preamble, then the license text, maybe more prose.
        let preamble = "# Example site\n\nThis repository holds the sources of the example \
            site, its theme, the build scripts and the deployment configuration. The code \
            below is offered under the following terms; the photographs in `assets/photos` \
            belong to their authors and are used with permission.\n\n";
        let mit = text_of("MIT").replace("<year> <copyright holders>", "2024 Jane Doe");
        assert_eq!(identify(&format!("{preamble}{mit}")), Some("MIT"));
        // Too much other text for the whole to match: the license's line range is found.
        let text = format!("{}{mit}", preamble.repeat(3));
        let found = identify_license_text(&text).expect("MIT found inside");
        assert_eq!(found.spdx, "MIT");
        assert!(found.confidence > 0.95, "{}", found.confidence);
        let isc = text_of("ISC").replace("<year> <owner>", "2024 Jane Doe");
        let text = format!("{}{isc}\n\n{}", preamble.repeat(2), preamble.repeat(2));
        assert_eq!(identify(&text), Some("ISC"));
    }

    #[test]
    fn html_license_page() {
        let body = text_of("BSD-2-Clause")
            .replace("<year> <owner>", "2024 Jane Doe")
            .split("\n\n")
            .flat_map(|p| {
                [
                    "<p>".to_owned(),
                    p.replace('"', "&quot;"),
                    "</p>\n".to_owned(),
                ]
            })
            .collect::<String>();
        let html = format!(
            "<!DOCTYPE html>\n<html><head><title>License</title>\
             <style>p {{ margin: 0 }}</style></head><body>\n<h1>License</h1>\n{body}</body></html>"
        );
        assert_eq!(identify(&html), Some("BSD-2-Clause"));
    }

    #[test]
    fn near_relatives_are_not_reported_as_candidates() {
        for id in [
            "CC-BY-NC-3.0",
            "CC-BY-ND-3.0",
            "CC-BY-NC-SA-3.0",
            "CC-BY-NC-ND-3.0",
            "LGPL-2.0-only",
            "BSD-4-Clause",
            "X11",
            "EPL-1.0",
            "OFL-1.0",
            "JSON",
            "BSD-3-Clause-Clear",
        ] {
            assert_eq!(identify(text_of(id)), Some(id));
        }
        // Not in the store: named by their titles, or not identified; never a neighbour.
        for (id, expected) in [
            ("CC-BY-2.0", Some("CC-BY-2.0")),
            ("CC-BY-SA-2.5", Some("CC-BY-SA-2.5")),
            ("CC-BY-NC-SA-2.0", Some("CC-BY-NC-SA-2.0")),
            ("CC-BY-3.0-US", Some("CC-BY-3.0-US")),
            ("GFDL-1.3-only", Some("GFDL-1.3-only")),
            ("GFDL-1.2-only", Some("GFDL-1.2-only")),
            ("GPL-1.0-only", Some("GPL-1.0-only")),
            ("Apache-1.1", None),
            ("MPL-1.1", None),
            ("CDDL-1.0", None),
            ("Artistic-2.0", None),
        ] {
            assert_eq!(identify(text_of(id)), expected, "{id}");
        }
    }

    #[test]
    fn spdx_identifier_line() {
        let found = identify_license_text("SPDX-License-Identifier: MIT\n").expect("tag");
        assert_eq!(
            found,
            Identified {
                spdx: "MIT",
                name: "MIT",
                confidence: TAG_CONFIDENCE
            }
        );
        assert_eq!(
            identify("Some notes.\n\n<!-- SPDX-License-Identifier: CC-BY-SA-4.0 -->\n"),
            Some("CC-BY-SA-4.0")
        );
        assert_eq!(
            identify("/* SPDX-License-Identifier: GPL-3.0-or-later */"),
            Some("GPL-3.0-or-later")
        );
        assert_eq!(
            identify("# spdx-license-identifier: apache-2.0"),
            Some("Apache-2.0")
        );
        assert_eq!(
            identify("SPDX-License-Identifier: GPL-2.0+"),
            Some("GPL-2.0-or-later")
        );
        // Expressions and unknown ids are not a single license.
        assert_eq!(identify("SPDX-License-Identifier: MIT OR Apache-2.0"), None);
        assert_eq!(
            identify("SPDX-License-Identifier: LicenseRef-Proprietary"),
            None
        );
    }

    #[test]
    fn short_notices() {
        let apache = "Copyright 2024 Example Corp.\n\n\
            Licensed under the Apache License, Version 2.0 (the \"License\");\n\
            you may not use this file except in compliance with the License.\n\
            You may obtain a copy of the License at\n\n    \
            http://www.apache.org/licenses/LICENSE-2.0\n\n\
            Unless required by applicable law or agreed to in writing, software\n\
            distributed under the License is distributed on an \"AS IS\" BASIS,\n\
            WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n";
        let found = identify_license_text(apache).expect("Apache notice");
        assert_eq!(found.spdx, "Apache-2.0");
        assert!((found.confidence - PHRASE_CONFIDENCE).abs() < f32::EPSILON);

        let gpl = "This program is free software: you can redistribute it and/or modify\n\
            it under the terms of the GNU General Public License as published by\n\
            the Free Software Foundation, either version 3 of the License, or\n\
            (at your option) any later version.\n\n\
            This program is distributed in the hope that it will be useful,\n\
            but WITHOUT ANY WARRANTY; without even the implied warranty of\n\
            MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the\n\
            GNU General Public License for more details.\n\n\
            You should have received a copy of the GNU General Public License\n\
            along with this program.  If not, see <https://www.gnu.org/licenses/>.\n";
        // "or (at your option) any later version": still the version-3 id, as the gnu.org
        // URL of the license gives.
        assert_eq!(identify(gpl), Some("GPL-3.0-only"));
        assert_eq!(
            identify("Licensed under the GNU General Public License, version 2."),
            Some("GPL-2.0-only")
        );
        assert_eq!(
            identify("GNU Lesser General Public License version 2.1 or later"),
            Some("LGPL-2.1-only")
        );
        assert_eq!(
            identify(
                "This work is licensed under the GNU Affero General Public License version 3."
            ),
            Some("AGPL-3.0-only")
        );

        let cc = "This work is licensed under a Creative Commons Attribution 4.0 \
            International License.\nTo view a copy of this license, visit \
            http://creativecommons.org/licenses/by/4.0/ or send a letter to Creative \
            Commons, PO Box 1866, Mountain View, CA 94042, USA.";
        assert_eq!(identify(cc), Some("CC-BY-4.0"));
        assert_eq!(
            identify("Text and images: Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International."),
            Some("CC-BY-NC-SA-4.0")
        );
        assert_eq!(
            identify("Content is licensed CC BY-SA 3.0."),
            Some("CC-BY-SA-3.0")
        );
        assert_eq!(
            identify("## CC0 1.0 Universal\n\nNo rights reserved."),
            Some("CC0-1.0")
        );
        assert_eq!(
            identify("MIT License\n\nCopyright (c) 2024 Jane Doe\n\nSee the website."),
            Some("MIT")
        );
        assert_eq!(
            identify("# The MIT License (MIT)\n\nSee below."),
            Some("MIT")
        );
        assert_eq!(
            identify("This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0."),
            Some("MPL-2.0")
        );
        // Two different licenses named: no single answer.
        assert_eq!(
            identify("Code: Apache License, Version 2.0. Content: CC BY 4.0."),
            None
        );
        // The MIT License named in passing, not as the first line.
        assert_eq!(identify("We like the MIT License a lot."), None);
    }

    #[test]
    fn prose_and_empty_text_are_not_licenses() {
        assert_eq!(identify(""), None);
        assert_eq!(identify("  \n\t\n"), None);
        let prose = "The quick brown fox jumps over the lazy dog. Our site collects recipes \
            from around the world, tested in a small kitchen in Lisbon. Every page lists the \
            ingredients, the time it takes and the tools you need; photographs show each \
            step. We publish a new recipe every Friday and answer questions by email. \
            Thank you for reading, and happy cooking!\n\nCopyright 2024 Jane Doe.";
        assert_eq!(identify(prose), None);
        assert_eq!(identify(&prose.repeat(40)), None);
        let readme = "# sitelint\n\nA fast linter for static websites: links, assets, alt text, \
            attribute typos and licenses, at the source line.\n\n## Install\n\n```\ncargo \
            install sitelint\n```\n";
        assert_eq!(identify(readme), None);
    }

    /// URLs and the license each one names.
    const URL_CASES: &[(&str, Option<&str>)] = &[
        (
            "https://creativecommons.org/licenses/by/4.0/",
            Some("CC-BY-4.0"),
        ),
        (
            "http://creativecommons.org/licenses/by-sa/4.0/legalcode",
            Some("CC-BY-SA-4.0"),
        ),
        (
            "https://creativecommons.org/licenses/by/4.0/deed.de",
            Some("CC-BY-4.0"),
        ),
        (
            "https://creativecommons.org/licenses/by-nc/4.0",
            Some("CC-BY-NC-4.0"),
        ),
        (
            "//creativecommons.org/licenses/by-nc-sa/4.0/legalcode.txt",
            Some("CC-BY-NC-SA-4.0"),
        ),
        (
            "https://creativecommons.org/licenses/by-nd/4.0/",
            Some("CC-BY-ND-4.0"),
        ),
        (
            "https://creativecommons.org/licenses/by-nc-nd/4.0/?ref=chooser",
            Some("CC-BY-NC-ND-4.0"),
        ),
        (
            "http://creativecommons.org/licenses/by-sa/3.0/",
            Some("CC-BY-SA-3.0"),
        ),
        (
            "https://creativecommons.org/licenses/by/3.0/deed.en_US",
            Some("CC-BY-3.0"),
        ),
        (
            "https://creativecommons.org/licenses/by-nc-sa/2.0/",
            Some("CC-BY-NC-SA-2.0"),
        ),
        (
            "https://creativecommons.org/licenses/by/2.5/",
            Some("CC-BY-2.5"),
        ),
        (
            "https://creativecommons.org/licenses/by-sa/1.0/",
            Some("CC-BY-SA-1.0"),
        ),
        (
            "https://creativecommons.org/licenses/by/3.0/de/",
            Some("CC-BY-3.0-DE"),
        ),
        (
            "https://creativecommons.org/licenses/by/3.0/es/",
            Some("CC-BY-3.0"),
        ),
        (
            "HTTPS://WWW.CreativeCommons.org/Licenses/BY/4.0/#legalcode",
            Some("CC-BY-4.0"),
        ),
        (
            "https://creativecommons.org/publicdomain/zero/1.0/",
            Some("CC0-1.0"),
        ),
        (
            "http://creativecommons.org/publicdomain/zero/1.0/legalcode",
            Some("CC0-1.0"),
        ),
        ("https://creativecommons.org/publicdomain/mark/1.0/", None),
        ("https://creativecommons.org/licenses/", None),
        ("https://creativecommons.org/licenses/by/9.9/", None),
        ("https://opensource.org/licenses/MIT", Some("MIT")),
        ("https://opensource.org/license/mit", Some("MIT")),
        ("https://opensource.org/license/mit/", Some("MIT")),
        (
            "http://www.opensource.org/licenses/mit-license.php",
            Some("MIT"),
        ),
        (
            "https://opensource.org/licenses/Apache-2.0",
            Some("Apache-2.0"),
        ),
        (
            "https://opensource.org/license/apache-2-0",
            Some("Apache-2.0"),
        ),
        (
            "https://opensource.org/licenses/BSD-3-Clause",
            Some("BSD-3-Clause"),
        ),
        (
            "https://opensource.org/licenses/BSD-2-Clause",
            Some("BSD-2-Clause"),
        ),
        ("https://opensource.org/licenses/MPL-2.0", Some("MPL-2.0")),
        ("https://opensource.org/licenses/ISC", Some("ISC")),
        (
            "https://opensource.org/licenses/GPL-3.0",
            Some("GPL-3.0-only"),
        ),
        (
            "https://opensource.org/licenses/LGPL-2.1",
            Some("LGPL-2.1-only"),
        ),
        (
            "https://opensource.org/license/gpl-2-0",
            Some("GPL-2.0-only"),
        ),
        ("https://opensource.org/licenses/0BSD", Some("0BSD")),
        ("https://opensource.org/licenses/", None),
        (
            "https://www.apache.org/licenses/LICENSE-2.0",
            Some("Apache-2.0"),
        ),
        (
            "http://www.apache.org/licenses/LICENSE-2.0.html",
            Some("Apache-2.0"),
        ),
        (
            "https://www.apache.org/licenses/LICENSE-2.0.txt",
            Some("Apache-2.0"),
        ),
        (
            "https://www.gnu.org/licenses/gpl-3.0.html",
            Some("GPL-3.0-only"),
        ),
        (
            "https://www.gnu.org/licenses/gpl-3.0.en.html",
            Some("GPL-3.0-only"),
        ),
        ("https://www.gnu.org/licenses/gpl-3.0", Some("GPL-3.0-only")),
        (
            "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html",
            Some("GPL-2.0-only"),
        ),
        (
            "https://www.gnu.org/licenses/gpl-2.0.html",
            Some("GPL-2.0-only"),
        ),
        (
            "https://www.gnu.org/licenses/lgpl-3.0.html",
            Some("LGPL-3.0-only"),
        ),
        (
            "https://www.gnu.org/licenses/old-licenses/lgpl-2.1.en.html",
            Some("LGPL-2.1-only"),
        ),
        (
            "https://www.gnu.org/licenses/agpl-3.0.html",
            Some("AGPL-3.0-only"),
        ),
        (
            "https://www.gnu.org/licenses/fdl-1.3.html",
            Some("GFDL-1.3-only"),
        ),
        ("https://www.gnu.org/licenses/", None),
        ("https://www.gnu.org/licenses/gpl-faq.html", None),
        ("https://www.mozilla.org/MPL/2.0/", Some("MPL-2.0")),
        ("https://mozilla.org/MPL/2.0", Some("MPL-2.0")),
        ("https://www.mozilla.org/en-US/MPL/2.0/", Some("MPL-2.0")),
        ("https://unlicense.org/", Some("Unlicense")),
        ("http://unlicense.org", Some("Unlicense")),
        ("https://choosealicense.com/licenses/mit/", Some("MIT")),
        (
            "https://choosealicense.com/licenses/cc-by-4.0/",
            Some("CC-BY-4.0"),
        ),
        (
            "https://choosealicense.com/licenses/gpl-3.0/",
            Some("GPL-3.0-only"),
        ),
        ("https://choosealicense.com/licenses/", None),
        ("https://spdx.org/licenses/MIT.html", Some("MIT")),
        (
            "https://spdx.org/licenses/CC-BY-SA-4.0.html",
            Some("CC-BY-SA-4.0"),
        ),
        ("https://spdx.org/licenses/Apache-2.0", Some("Apache-2.0")),
        ("https://spdx.org/licenses/NotALicense.html", None),
        ("https://www.boost.org/LICENSE_1_0.txt", Some("BSL-1.0")),
        ("https://www.eclipse.org/legal/epl-2.0/", Some("EPL-2.0")),
        ("https://openfontlicense.org", Some("OFL-1.1")),
        ("http://www.wtfpl.net/", Some("WTFPL")),
        ("https://jane.mit-license.org/", Some("MIT")),
        ("creativecommons.org/licenses/by/4.0", Some("CC-BY-4.0")),
        ("https://example.com/license", None),
        ("https://github.com/example/site/blob/main/LICENSE", None),
        ("/license.html", None),
        ("mailto:jane@example.com", None),
        ("ftp://creativecommons.org/licenses/by/4.0/", None),
        ("", None),
    ];

    #[test]
    fn license_urls() {
        for (url, expected) in URL_CASES {
            assert_eq!(license_from_url(url), *expected, "{url}");
        }
    }

    #[test]
    fn license_file_names() {
        for name in [
            "LICENSE",
            "license",
            "license.md",
            "LICENSE.txt",
            "LICENCE.txt",
            "License.markdown",
            "LICENSE.rst",
            "license.html",
            "COPYING",
            "COPYING.LESSER",
            "COPYING.txt",
            "COPYING3",
            "COPYRIGHT",
            "copyright.md",
            "UNLICENSE",
            "unlicense.txt",
            "LICENSE-MIT",
            "LICENSE-APACHE",
            "LICENSE.MIT",
            "LICENSE_MIT",
            "LICENSE-APACHE-2.0.txt",
            "LICENSE.CC-BY-4.0.md",
            "MIT-LICENSE",
            "mit-license.txt",
        ] {
            assert!(is_license_file_name(name), "{name}");
        }
        for name in [
            "README.md",
            "licenses.json",
            "LICENSES.md",
            "license-checker.js",
            "license.json",
            "license.php",
            "license.png",
            "licenses",
            "licensed.md",
            "unlicensed",
            "copyrights.txt",
            "my-license.txt",
            "LICENSE-",
            "index.html",
            "",
        ] {
            assert!(!is_license_file_name(name), "{name}");
        }
    }

    #[test]
    fn display_names() {
        assert_eq!(display_name("CC-BY-4.0"), "CC BY 4.0");
        assert_eq!(display_name("CC-BY-NC-SA-4.0"), "CC BY-NC-SA 4.0");
        assert_eq!(display_name("CC0-1.0"), "CC0 1.0");
        assert_eq!(display_name("MIT"), "MIT");
        assert_eq!(display_name("Apache-2.0"), "Apache 2.0");
        assert_eq!(display_name("LicenseRef-Mine"), "LicenseRef-Mine");
        for id in STORE_LICENSES {
            assert_ne!(display_name(id), "", "{id}");
            assert!(
                DISPLAY_NAMES.iter().any(|(known, _)| known == id),
                "{id} has no display name"
            );
        }
    }

    #[test]
    fn ids_resolve_case_insensitively() {
        assert_eq!(resolve_id("mit"), Some("MIT"));
        assert_eq!(resolve_id("cc-by-sa-4.0"), Some("CC-BY-SA-4.0"));
        assert_eq!(resolve_id("gpl-3.0"), Some("GPL-3.0-only"));
        assert_eq!(resolve_id("LGPL-2.1+"), Some("LGPL-2.1-or-later"));
        assert_eq!(resolve_id("nope"), None);
        assert_eq!(resolve_id(""), None);
    }
}
