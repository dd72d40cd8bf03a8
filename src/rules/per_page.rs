//! Findings on a composed page that are written in a layout or include: the same problem is
//! found once per page that uses the template, and reported once, at the template line, with
//! the number of pages affected and the first few of them.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, FileName, Related};
use crate::document::Facts;

/// How many affected pages a template finding names.
const PAGES_NAMED: usize = 3;

/// Place (file, offset), rule and message: one finding.
type Key = (String, u32, &'static str, String);

/// A finding and the pages (file, URL) it was found on.
type Group = (Diagnostic, Vec<(Arc<FileName>, String)>);

/// Template findings collected over all pages.
#[derive(Default)]
pub(crate) struct PerPage {
    groups: BTreeMap<Key, Group>,
}

impl PerPage {
    /// Report `diagnostic`, found on the page of `facts`: straight to `out` when written in the
    /// page itself, else collected with the others from the same template line.
    pub(crate) fn route(
        &mut self,
        diagnostic: Diagnostic,
        in_template: bool,
        facts: &Facts,
        out: &mut Vec<Diagnostic>,
    ) {
        if !in_template {
            out.push(diagnostic);
            return;
        }
        let key = (
            diagnostic.file.display.clone(),
            diagnostic.location.map_or(0, |l| l.start),
            diagnostic.rule.code,
            diagnostic.message.clone(),
        );
        self.groups
            .entry(key)
            .or_insert_with(|| (diagnostic, Vec::new()))
            .1
            .push((Arc::clone(&facts.file), facts.url.clone()));
    }

    /// Emit one diagnostic per template finding, labelled with the pages it affects.
    pub(crate) fn finish(self, out: &mut Vec<Diagnostic>) {
        for (_, (mut diagnostic, mut pages)) in self.groups {
            pages.sort_by(|a, b| a.0.display.cmp(&b.0.display));
            pages.dedup_by(|a, b| a.0.display == b.0.display);
            let count = pages.len();
            let on = if count == 1 {
                "on 1 page".to_string()
            } else {
                format!("on {count} pages")
            };
            diagnostic.label = Some(match diagnostic.label.take() {
                Some(label) if !label.is_empty() => format!("{label} ({on})"),
                _ => on,
            });
            for (file, url) in pages.iter().take(PAGES_NAMED) {
                diagnostic = diagnostic.related(Related {
                    file: Arc::clone(file),
                    location: None,
                    message: format!("a page it affects, served at `{url}`"),
                });
            }
            out.push(diagnostic);
        }
    }
}
