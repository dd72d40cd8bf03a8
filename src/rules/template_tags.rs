//! TPL001 missing-include and TPL002 missing-link-target: Liquid tags that name a file Jekyll
//! cannot find. Both stop the build ("Could not locate the included file", "Could not find
//! document … in tag 'link'"), so the whole site fails to publish.

use std::collections::HashSet;
use std::sync::Arc;

use super::per_page::PerPage;
use crate::diagnostic::{Diagnostic, FileName};
use crate::document::Facts;
use crate::registry::{MISSING_INCLUDE, MISSING_LINK_TARGET};
use crate::source::Location;

/// What a tag names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TagTarget {
    /// `{% include x %}` / `{% include_relative x %}` that the renderer could not find: the
    /// path it looked for.
    Include(String),
    /// `{% link path %}`.
    Link(String),
    /// `{% post_url name %}`.
    PostUrl(String),
}

/// A tag on a rendered page, and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct TagUse {
    pub target: TagTarget,
    pub location: Location,
    /// A layout or include, when the tag is not in the page itself.
    pub written_in: Option<Arc<FileName>>,
}

/// Is `name` (`2024-01-02-hello`, or `folder/2024-01-02-hello`) a post under any `_posts/`?
fn post_exists(sources: &HashSet<String>, name: &str) -> bool {
    let name = name.trim().trim_start_matches('/');
    sources.iter().any(|path| {
        let Some((folder, file)) = path.rsplit_once('/') else {
            return false;
        };
        let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
        let in_posts =
            folder == "_posts" || folder.starts_with("_posts/") || folder.contains("/_posts");
        if !in_posts {
            return false;
        }
        match name.rsplit_once('/') {
            Some((sub, wanted)) => wanted == stem && folder.ends_with(sub),
            None => name == stem,
        }
    })
}

pub(crate) fn check(all: &[Facts], sources: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let mut shared = PerPage::default();
    let mut seen = HashSet::new();
    for facts in all {
        for tag in &facts.tags {
            let file = tag.written_in.as_ref().unwrap_or(&facts.file);
            let diagnostic = match &tag.target {
                TagTarget::Include(path) => Diagnostic::new(
                    &MISSING_INCLUDE,
                    file,
                    Some(tag.location),
                    format!("included file `{path}` does not exist"),
                )
                .label("Jekyll stops the build here")
                .help("create the file, or fix the name (includes are looked up in `_includes/`; `include_relative` is relative to this file)"),
                TagTarget::Link(path) => {
                    let path = path.trim().trim_start_matches('/');
                    if path.contains("{{") || sources.contains(path) {
                        continue;
                    }
                    Diagnostic::new(
                        &MISSING_LINK_TARGET,
                        file,
                        Some(tag.location),
                        format!("`{{% link {path} %}}` names no source file"),
                    )
                    .label("Jekyll stops the build here")
                    .help("give the path of the source file from the site root, with its extension (`docs/setup.md`)")
                }
                TagTarget::PostUrl(name) => {
                    if name.contains("{{") || post_exists(sources, name) {
                        continue;
                    }
                    Diagnostic::new(
                        &MISSING_LINK_TARGET,
                        file,
                        Some(tag.location),
                        format!("`{{% post_url {} %}}` names no post", name.trim()),
                    )
                    .label("Jekyll stops the build here")
                    .help("give the post's file name without extension (`2024-01-02-hello`), as it is in `_posts/`")
                }
            };
            // A page can render one tag several times (a loop): report each place once.
            let key = (
                file.display.clone(),
                tag.location.start,
                facts.file.display.clone(),
            );
            if seen.insert(key) {
                shared.route(diagnostic, tag.written_in.is_some(), facts, out);
            }
        }
    }
    shared.finish(out);
}
