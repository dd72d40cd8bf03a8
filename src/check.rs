//! The pipeline: find the site, walk it, parse and check every file in parallel (map), merge
//! the facts into a site model (reduce), run the site rules, sort.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, FileName, Related};
use crate::document::{Document, Facts, FileKind, ReferenceCollector};
use crate::error::Error;
use crate::parse::{front_matter, html, liquid, markdown};
use crate::registry;
use crate::rules::template_tags::{TagTarget, TagUse};
use crate::rules::{a11y, fragments};
use crate::site::config::{value_as_string, SiteConfig, MARKDOWN_EXTENSIONS};
use crate::site::model::SiteModel;
use crate::site::{urls, Mode};
use crate::source::{load_text, looks_binary, LineIndex};

/// Files larger than this are skipped with a diagnostic (a generated page this big is almost
/// always a data dump, and offsets are 32-bit).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files or folders; a folder with `_config.yml` is a Jekyll site.
    pub paths: Vec<PathBuf>,
    /// Skip files larger than this many bytes.
    pub max_file_size: u64,
    /// Report only rules matching one of these selectors (code, name, family, `ALL`); empty: all.
    pub select: Vec<String>,
    /// Never report rules matching these selectors.
    pub ignore: Vec<String>,
    /// Severity overrides and excluded files (from config files).
    pub policy: crate::config::Policy,
    /// How to check external URLs; `None`: offline (nothing is requested; `mailto:` and `tel:`
    /// links are still checked). The library defaults to offline, the CLI to checking.
    pub external: Option<crate::external::ExternalOptions>,
    /// Check only this share of the files (`--shard I/N`).
    pub shard: Option<crate::shard::Shard>,
}

impl CheckOptions {
    /// Options for checking `paths` with every rule and default limits.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        Self {
            paths,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            select: Vec::new(),
            ignore: Vec::new(),
            policy: crate::config::Policy::default(),
            external: None,
            shard: None,
        }
    }

    /// Does the rule run: picked by `select` (or no `select`) and not by `ignore`?
    pub fn enabled(&self, rule: &registry::RuleMeta) -> bool {
        (self.select.is_empty()
            || self
                .select
                .iter()
                .any(|s| registry::selector_matches(s, rule)))
            && !self
                .ignore
                .iter()
                .any(|s| registry::selector_matches(s, rule))
    }
}

/// Counts shown in the summary line and the JSON summary.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Summary {
    /// Files parsed and checked.
    pub files: usize,
    /// Internal links and asset references resolved against the site.
    pub links_checked: usize,
    /// External `http(s)` URLs seen, once per place written.
    pub external_links: usize,
    /// What external checking found: unique URLs, checked, cached, excluded, failed, by verdict.
    pub external: crate::rules::external_links::ExternalSummary,
    /// URLs containing Liquid that could not be evaluated statically.
    pub templated_skipped: usize,
    /// Each of them, once per place written.
    pub unevaluated: Vec<UnevaluatedUrl>,
    /// `#fragment`s of internal links checked against the ids of their page.
    pub fragments_checked: usize,
    /// Fragments not checked: part of the target page could not be decided.
    pub fragments_unchecked: usize,
    /// Findings by severity.
    pub errors: usize,
    /// Findings by severity.
    pub warnings: usize,
    /// Findings by severity.
    pub infos: usize,
    /// Wall time in milliseconds.
    pub elapsed_ms: u128,
}

/// Outside Jekyll sources nothing is rendered, so templates' own counts stand.
fn cx_library_absent(site: &SiteConfig) -> bool {
    site.mode != Mode::Jekyll
}

/// A URL made by Liquid that could not be decided, so was not checked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnevaluatedUrl {
    /// File, relative to the site root.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// The Liquid that could not be decided.
    pub liquid: String,
}

/// Result of a check.
#[derive(Debug)]
pub struct Outcome {
    /// Sorted findings.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub summary: Summary,
    /// With `--shard`: what `merge` needs beyond the findings.
    pub shard: Option<crate::shard::ShardReport>,
}

/// One site to check, and which of its files to report on (`None`: all).
struct SiteJob {
    root: PathBuf,
    only: Option<Vec<PathBuf>>,
}

/// Walk up from `start` to the nearest folder with `_config.yml`.
fn jekyll_root_above(start: &Path) -> Option<PathBuf> {
    let mut current = Some(start);
    while let Some(dir) = current {
        if dir.join("_config.yml").is_file() || dir.join("_config.yaml").is_file() {
            return Some(dir.to_path_buf());
        }
        current = dir.parent();
    }
    None
}

/// The site a path belongs to: a Jekyll root above it, else the folder itself (a built site),
/// or for a lone file, the nearest git work tree above it, else its folder.
fn site_of(path: &Path) -> Result<SiteJob, Error> {
    let metadata = std::fs::metadata(path).map_err(|reason| Error::Root {
        path: path.to_path_buf(),
        reason,
    })?;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    if metadata.is_dir() {
        if let Some(root) = jekyll_root_above(&absolute) {
            if root == absolute {
                return Ok(SiteJob {
                    root: path.to_path_buf(),
                    only: None,
                });
            }
            return Ok(SiteJob {
                root: relative_like(path, &absolute, &root),
                only: Some(vec![path.to_path_buf()]),
            });
        }
        return Ok(SiteJob {
            root: path.to_path_buf(),
            only: None,
        });
    }
    let parent = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
    let root = jekyll_root_above(&parent).unwrap_or_else(|| built_root_above(&parent));
    Ok(SiteJob {
        root: relative_like(path, &absolute, &root),
        only: Some(vec![path.to_path_buf()]),
    })
}

/// The root of the built site a lone file sits in: the topmost folder above it (not beyond the
/// git work tree, or the current folder when there is none) that has an `index.html` or a
/// `.nojekyll`; the file's own folder when none has.
fn built_root_above(start: &Path) -> PathBuf {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::path::absolute(d).ok());
    let mut best = start.to_path_buf();
    let mut current = Some(start);
    while let Some(dir) = current {
        if ["index.html", "index.htm", ".nojekyll"]
            .iter()
            .any(|name| dir.join(name).exists())
        {
            best = dir.to_path_buf();
        }
        let at_limit = dir.join(".git").exists() || cwd.as_deref() == Some(dir);
        if at_limit {
            break;
        }
        current = dir.parent();
    }
    best
}

/// Express `root` (an ancestor of `absolute`) in the same style as the user's `path` (relative
/// paths stay relative), so diagnostics print paths the user recognises.
fn relative_like(path: &Path, absolute: &Path, root: &Path) -> PathBuf {
    if path.is_absolute() {
        return root.to_path_buf();
    }
    let depth = absolute
        .strip_prefix(root)
        .map_or(0, |rest| rest.components().count());
    let mut result = path.to_path_buf();
    for _ in 0..depth {
        result = if result.as_os_str().is_empty() || result == Path::new(".") {
            // Going above the current folder: `..`.
            PathBuf::from("..")
        } else if result.file_name().is_none() {
            // Already `..` (or `../..`): one more.
            result.join("..")
        } else {
            match result.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
                _ => PathBuf::from("."),
            }
        };
    }
    result
}

/// Run a check.
#[allow(clippy::too_many_lines)] // Sites, then external URLs over all of them, then the filters.
pub fn check(options: &CheckOptions) -> Result<Outcome, Error> {
    let started = Instant::now();
    let mut jobs: BTreeMap<PathBuf, Option<Vec<PathBuf>>> = BTreeMap::new();
    for path in &options.paths {
        let job = site_of(path)?;
        match (jobs.get_mut(&job.root), job.only) {
            (Some(existing), Some(only)) => {
                if let Some(list) = existing {
                    list.extend(only);
                }
            }
            (Some(existing), None) => *existing = None,
            (None, only) => {
                jobs.insert(job.root, only);
            }
        }
    }
    let mut diagnostics = Vec::new();
    let mut summary = Summary::default();
    let mut shard = options.shard.map(|s| crate::shard::ShardReport {
        index: s.index,
        total: s.total,
        ..crate::shard::ShardReport::default()
    });
    let mut sites = Vec::new();
    let mut uses = Vec::new();
    let mut tally = crate::rules::external_links::Tally::default();
    for (index, (root, only)) in jobs.into_iter().enumerate() {
        let job = SiteJob { root, only };
        let mut site = check_site(&job, options, &mut summary, options.shard.is_some());
        // Only the requested files' URLs are checked.
        let mut external = std::mem::take(&mut site.external);
        external.retain(|item| wanted(job.only.as_deref(), &item.file.disk));
        for item in &mut external {
            item.site = index;
        }
        tally.absorb(std::mem::take(&mut site.tally));
        if uses.is_empty() {
            uses = external;
        } else {
            uses.append(&mut external);
        }
        sites.push((job, site));
    }
    // External URLs: deduplicated across every site, each checked once.
    summary.external_links = uses
        .iter()
        .filter(|u| {
            let url = u.url.trim_start();
            !crate::source::starts_with_ignoring_case(url, "mailto:")
                && !crate::source::starts_with_ignoring_case(url, "tel:")
        })
        .count()
        + usize::try_from(tally.uses()).unwrap_or(usize::MAX);
    let requests = requests(options);
    let mut external = Vec::new();
    summary.external = crate::rules::external_links::check(&uses, &tally, requests, &mut external);
    if let Some(shard) = shard.as_mut() {
        shard.external_urls = summary.external.per_url.clone();
    }
    for (index, diagnostic) in external {
        if let Some((_, site)) = sites.get_mut(index) {
            site.diagnostics.push(diagnostic);
        }
    }
    for (job, mut site) in sites {
        crate::suppress::apply(
            &site.suppressions,
            requests.is_none(),
            &mut site.diagnostics,
        );
        if let Some(shard) = shard.as_mut() {
            // What holds only if every shard finds it: no license anywhere, a suppression in a
            // layout or include that none of the shards' pages used.
            let (unanimous, rest): (Vec<Diagnostic>, Vec<Diagnostic>) =
                std::mem::take(&mut site.diagnostics)
                    .into_iter()
                    .partition(|d| {
                        d.rule.code == registry::MISSING_LICENSE.code
                            || d.rule.code == registry::NO_PAGES.code
                            || (d.rule.code == registry::UNUSED_SUPPRESSION.code
                                && site.templates.contains(&d.file.display))
                    });
            site.diagnostics = rest;
            shard.unanimous.extend(unanimous);
            shard
                .template_external
                .extend(std::mem::take(&mut site.template_external));
        }
        // Keep only findings in the requested files.
        site.diagnostics
            .retain(|d| wanted(job.only.as_deref(), &d.file.disk));
        diagnostics.extend(site.diagnostics);
    }
    if let Some(shard) = &mut shard {
        shard.unanimous.retain(|d| options.enabled(d.rule));
        options.policy.apply(&mut shard.unanimous);
        shard
            .unanimous
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    diagnostics.retain(|d| options.enabled(d.rule));
    options.policy.apply(&mut diagnostics);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    for diagnostic in &diagnostics {
        match diagnostic.severity {
            crate::diagnostic::Severity::Error => summary.errors += 1,
            crate::diagnostic::Severity::Warning => summary.warnings += 1,
            crate::diagnostic::Severity::Info => summary.infos += 1,
        }
    }
    summary.elapsed_ms = started.elapsed().as_millis();
    Ok(Outcome {
        diagnostics,
        summary,
        shard,
    })
}

/// How external URLs are checked: `None` offline, or when no rule that needs a request is
/// selected.
fn requests(options: &CheckOptions) -> Option<&crate::external::ExternalOptions> {
    options.external.as_ref().filter(|_| {
        registry::RULES
            .iter()
            .any(|rule| registry::needs_network(rule) && options.enabled(rule))
    })
}

/// How a walked file takes part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// Read, parse, check; Jekyll decides page or static by its front matter.
    Parse,
    /// A layout or include.
    Template,
    /// A collection document (`_posts`, `_stakeholders`, …) of a collection with output.
    Document,
    /// A file that is only served (an image, a font).
    Static,
    /// Jekyll: a non-HTML text file that is a page only if it has front matter.
    Probe,
}

fn extension_of(relative: &str) -> String {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_html(extension: &str) -> bool {
    matches!(extension, "html" | "htm" | "xhtml")
}

fn is_markdown(extension: &str) -> bool {
    MARKDOWN_EXTENSIONS.contains(&extension)
}

fn classify(relative: &str, site: &SiteConfig) -> Option<Role> {
    let extension = extension_of(relative);
    let parseable = is_html(&extension) || is_markdown(&extension) || extension == "css";
    if site.mode == Mode::Built {
        return Some(if parseable { Role::Parse } else { Role::Static });
    }
    let first = relative.split('/').next().unwrap_or_default();
    if first.starts_with('_') {
        if first == "_layouts" || first == "_includes" {
            return (is_html(&extension) || is_markdown(&extension)).then_some(Role::Template);
        }
        if let Some(collection) = site.collection_of(relative) {
            if collection.output
                && relative.contains('/')
                && (is_html(&extension) || is_markdown(&extension))
            {
                return Some(Role::Document);
            }
            return None;
        }
        return None;
    }
    if site.is_excluded(relative) {
        return None;
    }
    if parseable {
        Some(Role::Parse)
    } else if matches!(
        extension.as_str(),
        "xml"
            | "txt"
            | "json"
            | "rss"
            | "atom"
            | "scss"
            | "sass"
            | "js"
            | "webmanifest"
            | "csv"
            | "ics"
            | "svg"
            | "yml"
            | "yaml"
    ) {
        Some(Role::Probe)
    } else {
        Some(Role::Static)
    }
}

/// A Jekyll page's or document's settings (defaults, then front matter, then `collection`) and
/// its URL; `None` when it has `published: false`.
pub(crate) fn jekyll_identity(
    relative: &str,
    document: bool,
    front: &serde_json::Map<String, serde_json::Value>,
    site: &SiteConfig,
) -> Option<(serde_json::Map<String, serde_json::Value>, String)> {
    let collection = if document {
        site.collection_of(relative)
    } else {
        None
    };
    let kind_name = collection.map_or("pages", |c| c.name.as_str());
    let mut values = site.defaults_for(relative, kind_name);
    values.extend(front.clone());
    if let Some(collection) = collection {
        values.insert("collection".into(), collection.name.clone().into());
    }
    if values.get("published").and_then(serde_json::Value::as_bool) == Some(false) {
        return None;
    }
    let permalink = values.get("permalink").and_then(value_as_string);
    let url = match collection {
        Some(collection) => urls::document_url(
            relative,
            &collection.name,
            collection.permalink.as_deref(),
            &values,
            site,
        ),
        None => urls::page_url(relative, permalink.as_deref(), site),
    };
    Some((values, url))
}

/// `site.pages`, `site.html_pages`, `site.documents`, `site.collections` and `site.<label>` for
/// every collection: each page or document as Liquid sees it (front matter, `url`, `path`,
/// `name`, …). Read before the map stage because any page may loop over the others; only the
/// front matter of each file is parsed here. Read errors are reported by the map stage.
fn site_lists(
    entries: &[(String, PathBuf, Role)],
    site: &SiteConfig,
    max_file_size: u64,
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let items: Vec<(Option<String>, Value)> = entries
        .par_iter()
        .filter(|(relative, _, role)| {
            matches!(role, Role::Parse | Role::Document)
                && (is_html(&extension_of(relative)) || is_markdown(&extension_of(relative)))
        })
        .filter_map(|(relative, disk, role)| {
            let Ok(Read::Bytes(bytes)) = read_limited(disk, false, max_file_size) else {
                return None;
            };
            let text = load_text(bytes).text;
            let matter = front_matter::find(&text);
            if matter.is_none() && *role != Role::Document {
                return None; // A static file, copied as is.
            }
            let front = matter
                .and_then(|m| front_matter::parse_yaml(&text[m.yaml]).ok())
                .and_then(|v| match v {
                    Value::Object(map) => Some(map),
                    _ => None,
                })
                .unwrap_or_default();
            let (mut values, url) =
                jekyll_identity(relative, *role == Role::Document, &front, site)?;
            let name = relative.rsplit('/').next().unwrap_or(relative).to_string();
            let stem = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(s, _)| s)
                .to_string();
            let collection = values
                .get("collection")
                .and_then(Value::as_str)
                .map(str::to_string);
            if collection.is_some() && !values.contains_key("title") {
                // Jekyll titles a document without one from its slug: `hr-systems` → `Hr Systems`.
                let title: Vec<String> = stem
                    .split('-')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
                    })
                    .collect();
                values.insert("title".into(), title.join(" ").into());
            }
            values.insert("url".into(), url.into());
            values.insert("path".into(), relative.clone().into());
            values.insert("name".into(), name.into());
            values.insert("slug".into(), stem.into());
            Some((collection, Value::Object(values)))
        })
        .collect();
    let mut lists = serde_json::Map::new();
    let mut pages = Vec::new();
    let mut html_pages = Vec::new();
    let mut documents = Vec::new();
    let mut by_collection: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for collection in site.collection_labels() {
        by_collection.entry(collection).or_default();
    }
    for (collection, item) in items {
        if let Some(label) = collection {
            documents.push(item.clone());
            by_collection.entry(label).or_default().push(item);
            continue;
        }
        let html = item.get("url").and_then(Value::as_str).is_some_and(|u| {
            u.ends_with('/')
                || std::path::Path::new(u)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("html"))
        });
        if html {
            html_pages.push(item.clone());
        }
        pages.push(item);
    }
    let collections: Vec<Value> = by_collection
        .iter()
        .map(|(label, docs)| {
            serde_json::json!({
                "label": label,
                "docs": docs,
                "output": site.collections.iter().any(|c| &c.name == label && c.output) || label == "posts",
                "relative_directory": format!("_{label}"),
            })
        })
        .collect();
    for (label, docs) in by_collection {
        lists.insert(label, Value::Array(docs));
    }
    lists.insert("pages".into(), Value::Array(pages));
    lists.insert("html_pages".into(), Value::Array(html_pages));
    lists.insert("documents".into(), Value::Array(documents));
    lists.insert("collections".into(), Value::Array(collections));
    lists
}

/// What the map stage yields for one file.
#[derive(Default)]
struct FileOutcome {
    diagnostics: Vec<Diagnostic>,
    facts: Option<Facts>,
    served: Option<String>,
    markdown_source: Option<(String, String)>,
    parsed: bool,
    suppressions: Option<crate::suppress::FileSuppressions>,
    /// With `--shard`: another shard's file, read only for what the whole site needs.
    foreign: bool,
}

struct SiteContext<'a> {
    library: Option<&'a crate::template::Library>,
    site: &'a SiteConfig,
    max_file_size: u64,
    /// Some accessibility rule is selected: build each page's tree (skipped otherwise, which
    /// `--ignore A11Y` makes faster).
    accessibility: bool,
    /// Every served path, when known before the pages are read (a built site): each page's
    /// references are then resolved as soon as it is read, and not kept.
    model: Option<&'a SiteModel>,
    /// No external URL is requested: a page's repeated uses of one are kept once.
    offline: bool,
    /// The files asked for (`None`: all).
    only: Option<&'a [PathBuf]>,
    /// Offline, the `http(s)` URLs written in the requested pages, added as each is resolved.
    tally: std::sync::Mutex<crate::rules::external_links::Tally>,
}

impl SiteContext<'_> {
    /// Resolve a page's references, adding its `http(s)` URLs to the site's tally.
    fn resolve(&self, facts: &mut Facts, model: &SiteModel) {
        crate::rules::resolve(facts, model, self.site, self.offline);
        let Some(resolved) = facts.resolved.as_mut() else {
            return;
        };
        let page = std::mem::take(&mut resolved.tally);
        if !page.is_empty() && wanted(self.only, &facts.file.disk) {
            let mut tally = self
                .tally
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            crate::rules::broken_links::TalliedUrl::add_all(page, &mut tally);
        }
    }
}

fn file_name(root: &Path, relative: &str) -> Arc<FileName> {
    Arc::new(FileName {
        display: relative.to_string(),
        disk: root.join(relative),
    })
}

/// What reading a file gave.
enum Read {
    /// Its contents.
    Bytes(Vec<u8>),
    /// A probed file (`.xml`, `.txt`, …) that does not start with front matter: Jekyll copies it.
    NoFrontMatter,
    /// Over the size limit (its size in bytes): not read.
    TooLarge(u64),
}

/// Reads a file once, without reading more than the limit (a multi-GiB file costs nothing) and,
/// for probed files, without reading more than the five bytes that decide whether it is a page.
fn read_limited(path: &Path, probe: bool, max: u64) -> std::io::Result<Read> {
    use std::io::Read as _;
    let mut handle = std::fs::File::open(path)?;
    let size = handle.metadata()?.len();
    if probe {
        let mut head = [0u8; 5];
        let mut filled = 0;
        while filled < head.len() {
            match handle.read(&mut head[filled..])? {
                0 => break,
                n => filled += n,
            }
        }
        let head = &head[..filled];
        if !(head.starts_with(b"---\n") || head.starts_with(b"---\r\n")) {
            return Ok(Read::NoFrontMatter);
        }
        if size > max {
            return Ok(Read::TooLarge(size));
        }
        let mut bytes = head.to_vec();
        handle
            .take(max + 1 - head.len() as u64)
            .read_to_end(&mut bytes)?;
        return Ok(limit(bytes, max));
    }
    if size > max {
        return Ok(Read::TooLarge(size));
    }
    // `take` guards against a file that grows while it is read (a log, a FIFO-like special file).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    handle.take(max + 1).read_to_end(&mut bytes)?;
    Ok(limit(bytes, max))
}

fn limit(bytes: Vec<u8>, max: u64) -> Read {
    if bytes.len() as u64 > max {
        Read::TooLarge(bytes.len() as u64)
    } else {
        Read::Bytes(bytes)
    }
}

/// The name of a UTF-16 encoding when the bytes start with its byte order mark.
fn utf16_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16BE"),
        _ => None,
    }
}

#[allow(clippy::too_many_lines)] // One linear story per file; splitting it hides the order.
fn process(relative: &str, disk: &Path, role: Role, cx: &SiteContext<'_>) -> FileOutcome {
    // The disk path comes from the walk, not from `relative`: a file name that is not UTF-8 is
    // displayed lossily but must still be opened by its real name.
    let file = Arc::new(FileName {
        display: relative.to_string(),
        disk: disk.to_path_buf(),
    });
    let mut outcome = FileOutcome::default();
    let extension = extension_of(relative);
    let bytes = match read_limited(&file.disk, role == Role::Probe, cx.max_file_size) {
        Ok(Read::Bytes(bytes)) => bytes,
        Ok(Read::NoFrontMatter) => {
            outcome.served = Some(format!("/{relative}"));
            return outcome;
        }
        Ok(Read::TooLarge(size)) => {
            outcome.served = Some(format!("/{relative}"));
            outcome.diagnostics.push(
                Diagnostic::new(
                    &registry::SKIPPED_FILE,
                    &file,
                    None,
                    format!(
                        "`{relative}` is {} MiB, over the {} MiB limit: not checked",
                        size.div_ceil(1 << 20),
                        cx.max_file_size >> 20
                    ),
                )
                .severity(crate::diagnostic::Severity::Warning)
                .help("raise the limit with `--max-file-size`, or exclude the file"),
            );
            return outcome;
        }
        Err(error) => {
            outcome.diagnostics.push(
                Diagnostic::new(
                    &registry::UNREADABLE_FILE,
                    &file,
                    None,
                    format!("cannot read `{relative}`: {error}"),
                )
                .help("check the file's permissions; the rest of the site was still checked"),
            );
            return outcome;
        }
    };
    if let Some(encoding) = utf16_bom(&bytes) {
        outcome.served = Some(format!("/{relative}"));
        outcome.diagnostics.push(
            Diagnostic::new(
                &registry::SKIPPED_FILE,
                &file,
                None,
                format!("`{relative}` is {encoding} encoded: not checked"),
            )
            .severity(crate::diagnostic::Severity::Warning)
            .help("save it as UTF-8; browsers and Jekyll expect UTF-8"),
        );
        return outcome;
    }
    if looks_binary(&bytes) {
        outcome.served = Some(format!("/{relative}"));
        outcome.diagnostics.push(
            Diagnostic::new(
                &registry::SKIPPED_FILE,
                &file,
                None,
                format!("`{relative}` looks binary (it contains NUL bytes): not checked"),
            )
            .help(
                "if it is not meant to be a text file, rename it so its extension says what it is",
            ),
        );
        return outcome;
    }
    let loaded = load_text(bytes);
    let text = loaded.text.as_str();
    let lines = LineIndex::new(text);
    if let Some(offset) = loaded.first_invalid {
        outcome.diagnostics.push(
            Diagnostic::new(
                &registry::INVALID_UTF8,
                &file,
                Some(lines.location(offset..offset)),
                "file is not valid UTF-8; invalid bytes were read as `\u{FFFD}`",
            )
            .label("first invalid byte")
            .help("save the file as UTF-8"),
        );
    }

    let jekyll = cx.site.mode == Mode::Jekyll;
    // Jekyll's Markdown is kramdown's unless `markdown:` names a CommonMark converter.
    let kramdown = jekyll && cx.site.heading_ids != crate::site::config::HeadingIds::Github;
    let matter = if jekyll {
        front_matter::find(text)
    } else {
        None
    };
    let mut front: serde_json::Map<String, serde_json::Value> = serde_json::Map::new();
    // Front matter that does not parse: the page loses its layout, so page-level findings
    // (no `<title>`, no `lang`) would only repeat the YAML error.
    let mut front_matter_broken = false;
    if let Some(matter) = &matter {
        match front_matter::parse_yaml(&text[matter.yaml.clone()]) {
            Ok(serde_json::Value::Object(map)) => front = map,
            // `---` immediately followed by `---` (or only comments): valid, no settings.
            Ok(serde_json::Value::Null) => {}
            Ok(_) => outcome.diagnostics.push(
                Diagnostic::new(
                    &registry::INVALID_YAML,
                    &file,
                    Some(lines.location(matter.yaml.clone())),
                    "front matter is not a mapping of keys to values",
                )
                .help("write front matter as `key: value` lines"),
            ),
            Err(error) => {
                front_matter_broken = true;
                let offset = matter.yaml.start + error.offset.unwrap_or(0);
                outcome.diagnostics.push(
                    Diagnostic::new(
                        &registry::INVALID_YAML,
                        &file,
                        Some(lines.location(offset..offset + 1)),
                        format!("invalid YAML front matter: {}", error.message),
                    )
                    .label("here")
                    .help("Jekyll fails to build this page; fix the YAML (quote values that contain `:` or start with `{`, `[`, `*`, `&`)"),
                );
            }
        }
    }

    // Decide what the file is.
    let mut kind = FileKind::Page;
    let mut render_liquid = jekyll;
    let mut page_values = serde_json::Map::new();
    let url: String;
    match role {
        Role::Template => {
            kind = FileKind::Template;
            url = format!("/{relative}");
        }
        Role::Document | Role::Parse | Role::Probe
            if jekyll && (matter.is_some() || role == Role::Document) =>
        {
            let identity = jekyll_identity(relative, role == Role::Document, &front, cx.site);
            if let Some((values, page_url)) = identity {
                url = page_url;
                page_values = values;
                let output_ext = urls::output_extension(&extension);
                outcome.served = Some(urls::destination(&url, &output_ext));
                if is_markdown(&extension) {
                    outcome.markdown_source = Some((relative.to_string(), url.clone()));
                }
                if extension == "css" {
                    kind = FileKind::Stylesheet;
                }
                if role == Role::Probe {
                    // A feed or data file rendered by Liquid: served, not parsed as HTML.
                    outcome.parsed = false;
                    return outcome;
                }
            } else {
                // `published: false`: not built, but its per-element rules still run.
                kind = FileKind::Template;
                url = format!("/{relative}");
            }
        }
        _ => {
            // Built site, or a Jekyll file without front matter: copied as is.
            render_liquid = false;
            url = format!("/{relative}");
            outcome.served = Some(url.clone());
            if jekyll && is_markdown(&extension) {
                // Served as raw Markdown text, not rendered: nothing in it is a link.
                return outcome;
            }
            if extension == "css" {
                kind = FileKind::Stylesheet;
            }
        }
    }
    outcome.parsed = true;

    // Mask front matter and Liquid, keeping offsets.
    // A copy only when something is masked (a built page is read as it is).
    let body: std::borrow::Cow<'_, str> = match &matter {
        Some(matter) => {
            let mut bytes = text.as_bytes().to_vec();
            for byte in &mut bytes[matter.block.clone()] {
                if *byte != b'\n' && *byte != b'\r' {
                    *byte = b' ';
                }
            }
            std::borrow::Cow::Owned(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )
        }
        None => std::borrow::Cow::Borrowed(text),
    };
    let masked_source = if render_liquid {
        body.to_string()
    } else {
        String::new()
    };
    let masked = if render_liquid {
        liquid::mask(&body)
    } else {
        liquid::Masked {
            text: body,
            ranges: Vec::new(),
            unclosed: None,
        }
    };
    if let Some((span, closer)) = &masked.unclosed {
        let opener = &text[span.clone()];
        outcome.diagnostics.push(
            Diagnostic::new(
                &registry::UNCLOSED_LIQUID,
                &file,
                Some(lines.location(span.clone())),
                format!("`{opener}` is never closed by `{closer}`: Jekyll stops the build here"),
            )
            .label(format!("no `{closer}` after this"))
            .help(format!(
                "add the missing `{closer}`; until then nothing after it in this file is checked"
            )),
        );
    }

    let mut collector = ReferenceCollector {
        text,
        lines: &lines,
        liquid: &masked,
        site: cx.site,
        references: Vec::new(),
        license_claims: Vec::new(),
        templated_skipped: 0,
        output: None,
        skipped: Vec::new(),
    };
    let html_input;
    let mut elements = Vec::new();
    let mut headings = Vec::new();
    let mut a11y_found = Vec::new();
    let mut as_written = None;
    if kind == FileKind::Stylesheet {
        let whole = 0..masked.text.len();
        collector.css(&masked.text, 0, true, whole);
    } else {
        let mut markdown_scan = None;
        // kramdown attribute lists (`{:target="_blank"}`): checked as attributes of the
        // elements they are written on.
        let mut attribute_lists = Vec::new();
        let input = if is_markdown(&extension) {
            let mut scan = markdown::scan(&masked.text, kramdown);
            collector.markdown(&scan.links);
            html_input = markdown::hide(&masked.text, &scan.hidden);
            headings = std::mem::take(&mut scan.headings);
            attribute_lists = std::mem::take(&mut scan.attribute_lists);
            markdown_scan = Some(scan);
            html_input.as_str()
        } else {
            &*masked.text
        };
        let mut scan = html::scan(input);
        collector.html(&scan);
        let rendered_later = cx.library.is_some() && render_liquid && kind == FileKind::Page;
        if kind == FileKind::Page && !rendered_later && cx.accessibility {
            // A page served as written (a built site, or Markdown documentation): its tree is
            // built once the per-element rules are done with the elements (moved, not copied).
            as_written = Some((std::mem::take(&mut scan.events), markdown_scan));
        }
        outcome.suppressions = crate::suppress::collect(
            &file,
            &scan.comments,
            std::mem::take(&mut scan.ignored),
            &lines,
            text.len(),
        );
        elements = scan.elements;
        elements.append(&mut attribute_lists);
    }
    let references = std::mem::take(&mut collector.references);
    let license_claims = std::mem::take(&mut collector.license_claims);
    let mut templated_skipped = collector.templated_skipped;
    let mut skipped = Vec::new();
    let has_ids = kind == FileKind::Page && (is_html(&extension) || is_markdown(&extension));
    let mut ids_complete = true;
    let mut ids = Vec::new();
    let mut tags = Vec::new();
    let mut base = crate::document::base_href(&elements);
    if has_ids {
        let mut found = fragments::element_ids(&elements);
        found.extend(fragments::heading_ids(&headings, &cx.site.heading_ids));
        for (id, span) in found {
            if masked.overlaps(&span) {
                ids_complete = false;
                continue;
            }
            ids.push(fragments::PageId {
                id,
                location: lines.location(span),
                written_in: None,
                speculative: false,
            });
        }
    }
    // A Jekyll page: render it with its layouts and includes, and take its references from
    // what it is served as (each mapped back to the line that wrote it).
    let mut served_references = None;
    if let (Some(library), true, FileKind::Page) = (cx.library, render_liquid, kind) {
        if extension != "css" {
            let mut page = page_values;
            page.insert("url".into(), url.clone().into());
            page.insert("path".into(), relative.into());
            page.insert(
                "name".into(),
                relative.rsplit('/').next().unwrap_or(relative).into(),
            );
            let page = serde_json::Value::Object(page);
            // Rendering works on the text with its front matter blanked (offsets kept).
            let body = &masked_source;
            let template = crate::template::parse::parse(body);
            let composed = crate::template::compose(library, &page, relative, body, &template);
            let mut collected = Vec::new();
            let mut part_bases = Vec::new();
            let mut part_tokens = Vec::new();
            // The page's own part, when Markdown: its text with code and link destinations
            // hidden, which the part's tokens borrow until the tree is built.
            let mut first_markdown = None;
            let mut first_hidden = String::new();
            if let (Some(part), true) = (composed.parts.first(), is_markdown(&extension)) {
                let markdown_scan = markdown::scan(&part.text, kramdown);
                first_hidden = markdown::hide(&part.text, &markdown_scan.hidden);
                first_markdown = Some(markdown_scan);
            }
            templated_skipped = 0;
            ids.clear();
            ids_complete = true;
            for part in &composed.parts {
                let mut collector = ReferenceCollector {
                    text: &part.text,
                    lines: &lines,
                    liquid: &liquid::Masked::default(),
                    site: cx.site,
                    references: Vec::new(),
                    license_claims: Vec::new(),
                    templated_skipped: 0,
                    output: Some(crate::document::OutputMap {
                        rendered: part,
                        library,
                        page_file: &file,
                        page_text: text,
                        lines: std::collections::HashMap::new(),
                    }),
                    skipped: Vec::new(),
                };
                let (part_headings, scan, part_markdown) = match first_markdown.take() {
                    Some(mut markdown_scan) => {
                        collector.markdown(&markdown_scan.links);
                        let headings = std::mem::take(&mut markdown_scan.headings);
                        (headings, html::scan(&first_hidden), Some(markdown_scan))
                    }
                    None => (Vec::new(), html::scan(&part.text), None),
                };
                collector.html(&scan);
                let unknown: Vec<usize> = part
                    .segments
                    .iter()
                    .filter(|s| matches!(s.origin, crate::template::Origin::Unknown { .. }))
                    .map(|s| s.out.start)
                    .collect();
                part_bases.push(crate::document::base_href(&scan.elements));
                if has_ids {
                    if !crate::template::fully_known(part, library, text) {
                        ids_complete = false;
                    }
                    let mut found = fragments::element_ids(&scan.elements);
                    found.extend(fragments::heading_ids(&part_headings, &cx.site.heading_ids));
                    let output = collector.output.as_mut().expect("set above");
                    for (id, span) in found {
                        let speculative = part
                            .speculative
                            .iter()
                            .any(|r| r.start <= span.start && span.end <= r.end);
                        match crate::template::map_span(part, &span) {
                            Some(
                                crate::template::Mapped::Exact { file, span }
                                | crate::template::Mapped::Evaluated { file, span, .. },
                            ) => {
                                let (_, written_in, _, location) =
                                    output.locate(file, span, &lines);
                                ids.push(fragments::PageId {
                                    id,
                                    location,
                                    written_in,
                                    speculative,
                                });
                            }
                            _ => ids_complete = false,
                        }
                    }
                }
                let output = collector.output.as_mut().expect("set above");
                for (file_ref, span, path) in &part.missing_includes {
                    let (_, written_in, _, location) =
                        output.locate(*file_ref, span.clone(), &lines);
                    tags.push(TagUse {
                        target: TagTarget::Include(path.clone()),
                        location,
                        written_in,
                    });
                }
                for (file_ref, span, path, post) in &part.link_tags {
                    let (_, written_in, _, location) =
                        output.locate(*file_ref, span.clone(), &lines);
                    tags.push(TagUse {
                        target: if *post {
                            TagTarget::PostUrl(path.clone())
                        } else {
                            TagTarget::Link(path.clone())
                        },
                        location,
                        written_in,
                    });
                }
                collected.append(&mut collector.references);
                templated_skipped += collector.templated_skipped;
                skipped.append(&mut collector.skipped);
                if cx.accessibility {
                    let mut tokens = a11y::PartTokens::new(
                        scan.elements,
                        scan.events,
                        part_markdown.as_ref(),
                        &unknown,
                    );
                    tokens.content_at = part.content_at;
                    part_tokens.push(tokens);
                }
            }
            served_references = Some(collected);
            // Accessibility: the page as served, each finding at the line that wrote it.
            if cx.accessibility {
                let tree = a11y::Tree::build(part_tokens);
                let mut maps: Vec<crate::document::OutputMap<'_>> = composed
                    .parts
                    .iter()
                    .map(|part| crate::document::OutputMap {
                        rendered: part,
                        library,
                        page_file: &file,
                        page_text: text,
                        lines: std::collections::HashMap::new(),
                    })
                    .collect();
                for finding in a11y::check(&tree, !front_matter_broken) {
                    let node = &tree.nodes[finding.node];
                    if finding.node == 0 {
                        a11y_found.push((
                            a11y_diagnostic(&finding, &file, lines.location(0..0)),
                            false,
                        ));
                        continue;
                    }
                    let span = finding
                        .span
                        .clone()
                        .unwrap_or_else(|| node.element.span.clone());
                    let map = &mut maps[node.part];
                    if let Some(
                        crate::template::Mapped::Exact { file: source, span }
                        | crate::template::Mapped::Evaluated {
                            file: source, span, ..
                        },
                    ) = crate::template::map_span(map.rendered, &span)
                    {
                        let (found_in, written_in, _, location) = map.locate(source, span, &lines);
                        a11y_found.push((
                            a11y_diagnostic(&finding, &found_in, location),
                            written_in.is_some(),
                        ));
                    }
                }
            }
            // In document order the outermost layout (its `<head>`) comes first, the page's
            // own content last.
            base = part_bases.into_iter().rev().flatten().next();
        }
    }
    let document = Document {
        file: &file,
        text,
        lines: &lines,
        elements,
        liquid: &masked,
    };
    crate::rules::check_document(&document, &references, &mut outcome.diagnostics);
    if let Some((events, markdown_scan)) = as_written {
        let tree = a11y::Tree::build(vec![a11y::PartTokens::new(
            document.elements,
            events,
            markdown_scan.as_ref(),
            &[],
        )]);
        for finding in a11y::check(&tree, is_html(&extension)) {
            let node = &tree.nodes[finding.node];
            let at = finding
                .span
                .clone()
                .unwrap_or_else(|| node.element.span.clone());
            a11y_found.push((a11y_diagnostic(&finding, &file, lines.location(at)), false));
        }
    }
    let rendered = served_references.is_some();
    // Facts live until the end of the run (100k pages): no spare capacity. Resolved right away
    // (a built site), the references are dropped and the ids compacted: no copy to shrink them.
    let mut references = served_references.take().unwrap_or(references);
    if cx.model.is_none() {
        references.shrink_to_fit();
        ids.shrink_to_fit();
    }
    let mut facts = Facts {
        file,
        skipped,
        rendered,
        served: outcome.served.clone(),
        has_ids,
        ids,
        id_names: fragments::IdNames::default(),
        ids_complete,
        tags,
        base,
        kind,
        url,
        references,
        pending_fragments: Vec::new(),
        resolved: None,
        license_claims,
        templated_skipped,
        a11y: a11y_found,
    };
    if let Some(model) = cx.model {
        cx.resolve(&mut facts, model);
    }
    outcome.facts = Some(facts);
    outcome
}

/// The diagnostic of an accessibility finding at `location` of `file`.
fn a11y_diagnostic(
    finding: &a11y::Finding,
    file: &Arc<FileName>,
    location: crate::source::Location,
) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::new(finding.rule, file, Some(location), finding.message.clone());
    diagnostic.label.clone_from(&finding.label);
    diagnostic.help.clone_from(&finding.help);
    if let Some(severity) = finding.severity {
        diagnostic = diagnostic.severity(severity);
    }
    diagnostic
}

/// Is the file at `disk` one of the requested files (`None`: every file is)?
fn wanted(only: Option<&[PathBuf]>, disk: &Path) -> bool {
    let Some(only) = only else {
        return true;
    };
    let disk = std::path::absolute(disk).unwrap_or_else(|_| disk.to_path_buf());
    only.iter().any(|p| {
        let wanted = std::path::absolute(p).unwrap_or_else(|_| p.clone());
        disk.starts_with(wanted)
    })
}

/// A site's findings before suppressions and the file filter, which wait for external checking
/// (run once over every site).
struct SiteResult {
    diagnostics: Vec<Diagnostic>,
    suppressions: Vec<crate::suppress::FileSuppressions>,
    external: Vec<crate::rules::external_links::ExternalUse>,
    /// Offline, the `http(s)` URLs written in the (requested) pages themselves.
    tally: crate::rules::external_links::Tally,
    /// With `--shard`: the site's layouts and includes, and the external URLs written in them
    /// (file, offset, URL), which `merge` counts once over all shards.
    templates: Vec<String>,
    template_external: Vec<(String, u32, String)>,
}

#[allow(clippy::too_many_lines)] // The site stage in order: config, walk, map, reduce, site rules.
fn check_site(
    job: &SiteJob,
    options: &CheckOptions,
    summary: &mut Summary,
    sharded: bool,
) -> SiteResult {
    let root = job.root.as_path();
    let mut site_diagnostics = Vec::new();
    // Configuration.
    let config_name = ["_config.yml", "_config.yaml"]
        .into_iter()
        .find(|name| root.join(name).is_file());
    let (site, config_value) = match config_name {
        Some(name) => {
            let file = file_name(root, name);
            let (value, text) = match std::fs::read(&file.disk) {
                Ok(bytes) => {
                    let loaded = load_text(bytes);
                    match front_matter::parse_yaml(&loaded.text) {
                        Ok(value @ (serde_json::Value::Object(_) | serde_json::Value::Null)) => {
                            (value, loaded.text)
                        }
                        Ok(other) => {
                            let lines = LineIndex::new(&loaded.text);
                            let start = loaded.text.len() - loaded.text.trim_start().len();
                            let end = loaded.text[start..]
                                .find('\n')
                                .map_or(loaded.text.len(), |n| start + n);
                            let found = match other {
                                serde_json::Value::Array(_) => "a list",
                                serde_json::Value::String(_) => "a string",
                                serde_json::Value::Number(_) => "a number",
                                _ => "a single value",
                            };
                            site_diagnostics.push(
                                Diagnostic::new(
                                    &registry::INVALID_YAML,
                                    &file,
                                    Some(lines.location(start..end)),
                                    format!("`{name}` must be a mapping of settings, but it is {found}"),
                                )
                                .label("expected `key: value` lines")
                                .help("Jekyll cannot build the site; until this is fixed, sitelint uses Jekyll's defaults"),
                            );
                            (serde_json::Value::Null, loaded.text)
                        }
                        Err(error) => {
                            let lines = LineIndex::new(&loaded.text);
                            let offset = error.offset.unwrap_or(0);
                            site_diagnostics.push(
                                Diagnostic::new(
                                    &registry::INVALID_YAML,
                                    &file,
                                    Some(lines.location(offset..(offset + 1).min(loaded.text.len()))),
                                    format!("invalid YAML in `{name}`: {}", error.message),
                                )
                                .label("here")
                                .help("Jekyll cannot build the site; until this is fixed, sitelint uses Jekyll's defaults"),
                            );
                            (serde_json::Value::Null, loaded.text)
                        }
                    }
                }
                Err(error) => {
                    site_diagnostics.push(Diagnostic::new(
                        &registry::UNREADABLE_FILE,
                        &file,
                        None,
                        format!("cannot read `{name}`: {error}"),
                    ));
                    (serde_json::Value::Null, String::new())
                }
            };
            let cname = crate::site::config::read_cname(root);
            let site = SiteConfig::jekyll(&value, &text, cname);
            crate::rules::baseurl_cname_conflict::check(&site, &file, &text, &mut site_diagnostics);
            (site, value)
        }
        None => (SiteConfig::built(), serde_json::Value::Null),
    };

    // Walk.
    let mut entries: Vec<(String, PathBuf, Role)> = Vec::new();
    let mut walker = ignore::WalkBuilder::new(root);
    walker
        .hidden(false)
        .git_ignore(false)
        .git_global(false)
        .git_exclude(false)
        .ignore(false)
        .parents(false)
        .follow_links(true)
        .add_custom_ignore_filename(".sitelintignore");
    let prune_site = site.clone();
    let prune_root = root.to_path_buf();
    walker.filter_entry(move |entry| {
        // Every file comes here: the name first, the path only for folders.
        if entry.depth() == 0 {
            return true;
        }
        let name = entry.file_name();
        if name == ".git" || name == ".sitelint-cache" {
            return false;
        }
        if !entry.file_type().is_some_and(|t| t.is_dir()) {
            return true;
        }
        let Ok(relative) = entry.path().strip_prefix(&prune_root) else {
            return true;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        relative.is_empty() || !prune_site.is_excluded(&relative)
    });
    for result in walker.build() {
        match result {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let Ok(relative) = entry.path().strip_prefix(root) else {
                    continue;
                };
                let relative = relative.to_string_lossy().replace('\\', "/");
                if let Some(role) = classify(&relative, &site) {
                    entries.push((relative, entry.path().to_path_buf(), role));
                }
            }
            Err(error) => walk_error(root, &error, &mut site_diagnostics),
        }
    }
    entries.sort();

    // Layouts, includes, `_data` and the page lists (`site.pages`, collections), shared by
    // every page's rendering.
    let library = (site.mode == Mode::Jekyll).then(|| {
        let sources = entries
            .iter()
            .map(|(relative, _, _)| relative.clone())
            .collect();
        let lists = site_lists(&entries, &site, options.max_file_size);
        crate::template::load::load(
            root,
            &site,
            &config_value,
            lists,
            sources,
            &mut site_diagnostics,
        )
    });

    // Findings about the configuration, the walk and the layouts are the same on every shard:
    // the first reports them.
    if options.shard.is_some_and(|s| s.index != 1) {
        site_diagnostics.clear();
    }

    // A built site serves each file at its path: the model is known before any page is read.
    let early_model = (site.mode == Mode::Built).then(|| {
        let mut model = SiteModel::new(&site);
        for generated in &site.generated {
            model.add(generated.clone());
        }
        for (relative, _, _) in &entries {
            model.add(format!("/{relative}"));
        }
        model
    });

    // Map.
    let cx = SiteContext {
        model: early_model.as_ref(),
        offline: requests(options).is_none(),
        library: library.as_ref(),
        site: &site,
        max_file_size: options.max_file_size,
        accessibility: registry::RULES
            .iter()
            .any(|rule| rule.family() == "A11Y" && options.enabled(rule)),
        only: job.only.as_deref(),
        tally: std::sync::Mutex::default(),
    };
    // With `--shard I/N`, files other than static ones are dealt out round-robin in path order.
    // Every shard reads every layout and include (their suppressions apply to all pages); another
    // shard's file is only read for the served path in a Jekyll site.
    let owned: Vec<bool> = {
        let mut position = 0usize;
        entries
            .iter()
            .map(|(_, _, role)| {
                let Some(shard) = options.shard else {
                    return true;
                };
                if *role == Role::Static {
                    return true;
                }
                position += 1;
                shard.owns(position - 1)
            })
            .collect()
    };
    let (outcomes, license_files): (Vec<FileOutcome>, _) = rayon::join(
        || {
            entries
                .par_iter()
                .zip(&owned)
                // Pieces of at most 8 files: rayon otherwise stops splitting once each core has
                // work, and the core whose last piece held the heavy pages (rustdoc's source
                // pages) worked on alone for a tenth of the run.
                .with_max_len(8)
                .map(|((relative, disk, role), own)| {
                    if *role == Role::Static {
                        FileOutcome {
                            served: Some(format!("/{relative}")),
                            ..FileOutcome::default()
                        }
                    } else if *own || *role == Role::Template {
                        let mut outcome = process(relative, disk, *role, &cx);
                        outcome.foreign = !*own;
                        outcome
                    } else if site.mode == Mode::Built {
                        FileOutcome {
                            served: Some(format!("/{relative}")),
                            foreign: true,
                            ..FileOutcome::default()
                        }
                    } else {
                        FileOutcome {
                            foreign: true,
                            ..process(relative, disk, *role, &cx)
                        }
                    }
                })
                .collect()
        },
        || crate::rules::license::identify_files(root),
    );

    // Reduce.
    let mut late_model = early_model.is_none().then(|| {
        let mut model = SiteModel::new(&site);
        for generated in &site.generated {
            model.add(generated.clone());
        }
        model
    });
    let mut all_facts = Vec::new();
    let mut suppressions = Vec::new();
    // Pages of other shards that links here point into: their ids only.
    let mut fragment_targets = Vec::new();
    let mut parsed_here = 0usize;
    for outcome in outcomes {
        if let Some(model) = late_model.as_mut() {
            if let Some(served) = outcome.served.clone() {
                model.add(served);
            }
            if let Some((source, url)) = outcome.markdown_source.clone() {
                model.add_markdown_source(source, url);
            }
        }
        if outcome.foreign {
            match outcome.facts {
                Some(facts) if facts.kind == FileKind::Template => {
                    suppressions.extend(outcome.suppressions);
                }
                Some(mut facts) => {
                    if facts.resolved.is_none() {
                        fragments::compact_ids(&mut facts);
                    }
                    fragment_targets.push(facts);
                }
                None => {}
            }
            continue;
        }
        site_diagnostics.extend(outcome.diagnostics);
        if outcome.parsed {
            summary.files += 1;
            parsed_here += 1;
        }
        if let Some(facts) = outcome.facts {
            all_facts.push(facts);
        }
        suppressions.extend(outcome.suppressions);
    }

    let Some(model) = late_model.as_ref().or(early_model.as_ref()) else {
        unreachable!("one of the two models is made")
    };
    // Pages read before the model was complete (Jekyll sources) are resolved now.
    all_facts
        .par_iter_mut()
        .filter(|facts| facts.resolved.is_none())
        .for_each(|facts| cx.resolve(facts, model));

    if options.shard.is_some() && site.mode == Mode::Built {
        let wanted = fragments::target_pages(&all_facts);
        fragment_targets = entries
            .par_iter()
            .zip(&owned)
            .filter(|((relative, _, role), own)| {
                !**own && *role != Role::Static && wanted.contains(&format!("/{relative}"))
            })
            .filter_map(|((relative, disk, role), _)| process(relative, disk, *role, &cx).facts)
            .collect();
    }

    // Site rules: each page's findings, then links into other pages' fragments. Findings
    // written in a layout or include are reported once, with the pages they affect.
    let mut per_page = crate::rules::per_page::PerPage::default();
    let mut external = Vec::new();
    for facts in &mut all_facts {
        let Some(resolved) = facts.resolved.take() else {
            continue;
        };
        for (diagnostic, in_template) in resolved.findings {
            per_page.route(diagnostic, in_template, facts, &mut site_diagnostics);
        }
        summary.links_checked += resolved.links_checked;
        summary.fragments_checked += resolved.fragments.checked;
        summary.fragments_unchecked += resolved.fragments.undecided;
        external.push(resolved.external);
    }
    let cross = fragments::check_cross(
        &all_facts,
        &fragment_targets,
        &mut per_page,
        &mut site_diagnostics,
    );
    summary.fragments_checked += cross.checked;
    summary.fragments_unchecked += cross.undecided;
    let (external, template_external) = crate::rules::broken_links::external_uses(external);
    if site.mode == Mode::Jekyll {
        let sources = entries
            .iter()
            .map(|(relative, _, _)| relative.clone())
            .collect();
        crate::rules::template_tags::check(&all_facts, &sources, &mut site_diagnostics);
    }
    // Rendered pages list what they skipped (once per place written); the rest only count.
    let mut unevaluated = BTreeMap::new();
    for facts in &all_facts {
        if facts.rendered {
            for skipped in &facts.skipped {
                unevaluated
                    .entry((skipped.file.display.clone(), skipped.location.start))
                    .or_insert_with(|| UnevaluatedUrl {
                        path: skipped.file.display.clone(),
                        line: skipped.location.line,
                        column: skipped.location.column,
                        liquid: skipped.liquid.clone(),
                    });
            }
        } else if facts.kind != FileKind::Template || cx_library_absent(&site) {
            // A layout's or include's Liquid is evaluated in the pages that use it.
            summary.templated_skipped += facts.templated_skipped as usize;
        }
    }
    summary.templated_skipped += unevaluated.len();
    summary.unevaluated.extend(unevaluated.into_values());
    for facts in &mut all_facts {
        for (diagnostic, in_template) in std::mem::take(&mut facts.a11y) {
            per_page.route(diagnostic, in_template, facts, &mut site_diagnostics);
        }
    }
    per_page.finish(&mut site_diagnostics);
    if parsed_here == 0 {
        // A mistyped or empty folder must not pass as a clean site; its missing license would
        // only add noise.
        let file = Arc::new(FileName {
            display: ".".into(),
            disk: root.to_path_buf(),
        });
        site_diagnostics.push(
            Diagnostic::new(
                &registry::NO_PAGES,
                &file,
                None,
                format!("found no page to check in `{}`", root.display()),
            )
            .help("sitelint checks `.html`, `.htm` and Markdown files (in a Jekyll site, those with front matter); is the path right?"),
        );
    }
    // A shard without pages of its own still votes on the site's license (`merge` keeps a
    // missing license only when every shard finds it).
    if parsed_here > 0 || sharded {
        crate::rules::license::check(root, &license_files, &all_facts, &mut site_diagnostics);
    }
    // Freed on every core: a large site's facts took 60 ms to free on one (rustdoc).
    all_facts.into_par_iter().for_each(drop);
    SiteResult {
        diagnostics: site_diagnostics,
        suppressions,
        external,
        tally: cx
            .tally
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
        templates: if sharded {
            entries
                .iter()
                .filter(|(_, _, role)| *role == Role::Template)
                .map(|(relative, _, _)| relative.clone())
                .collect()
        } else {
            Vec::new()
        },
        template_external,
    }
}

fn walk_error(root: &Path, error: &ignore::Error, out: &mut Vec<Diagnostic>) {
    let mut path: Option<&Path> = None;
    let mut is_loop = false;
    let mut current = Some(error);
    while let Some(e) = current {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p);
                current = Some(err);
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = Some(err);
            }
            ignore::Error::Loop { child, .. } => {
                path = Some(child);
                is_loop = true;
                current = None;
            }
            _ => current = None,
        }
    }
    let relative = path.and_then(|p| p.strip_prefix(root).ok()).map_or_else(
        || ".".to_string(),
        |p| p.to_string_lossy().replace('\\', "/"),
    );
    let file = file_name(root, &relative);
    if is_loop {
        out.push(
            Diagnostic::new(&registry::SYMLINK_LOOP, &file, None, format!("symbolic link `{relative}` points back into a folder that contains it: not followed"))
                .help("remove the link, or make it point outside its own parent folders"),
        );
    } else {
        out.push(
            Diagnostic::new(
                &registry::UNREADABLE_FILE,
                &file,
                None,
                format!("cannot read `{relative}`: {error}"),
            )
            .help("check permissions; the rest of the site was still checked"),
        );
    }
}

/// A related location: the first line of a file.
pub(crate) fn whole_file(root: &Path, relative: &str, message: String) -> Related {
    Related {
        file: file_name(root, relative),
        location: None,
        message,
    }
}
