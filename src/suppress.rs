//! Inline suppressions, collected per file while parsing and applied as a filter over the
//! site's findings (so they cover site rules such as broken links too):
//!
//! - `<!-- sitelint-disable-next-line RULE[, RULE] -->` (alias `sitelint-ignore`): findings
//!   on the line after the comment;
//! - `<!-- sitelint-disable RULE -->` … `<!-- sitelint-enable -->`: findings in between
//!   (`sitelint-enable RULE` ends only the regions naming RULE; no enable: to the end of file);
//! - no RULE: every rule. RULE is a code (`IMG001`), a name (`missing-alt-text`) or a family
//!   (`IMG`). A reason may follow a colon: `sitelint-disable-next-line IMG001: decorative`;
//! - `data-proofer-ignore` on an element (html-proofer's and htmltest's marker): findings inside
//!   the element, its attributes and descendants.
//!
//! A comment directive that suppresses nothing, or names no rule that exists, is reported as
//! `unused-suppression` (INPUT007). Unused is judged against every finding the rules made,
//! before `--select`/`--ignore`, so the verdict does not depend on the selection.
//! `data-proofer-ignore` is never reported unused: other tools may still read it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, FileName};
use crate::parse::html::Comment;
use crate::registry;
use crate::source::{LineIndex, Location};

/// What a directive covers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// Findings starting on this 1-based line.
    Line(u32),
    /// Findings starting in this byte range.
    Bytes(Range<usize>),
}

#[derive(Debug)]
struct Directive {
    /// The directive as written, for messages (`sitelint-disable-next-line IMG001`).
    written: String,
    scope: Scope,
    /// Selectors; `None`: every rule.
    rules: Option<Vec<String>>,
    /// Names that are no rule, code or family.
    unknown: Vec<String>,
    location: Location,
}

impl Directive {
    fn covers(&self, diagnostic: &Diagnostic, location: Location) -> bool {
        let in_scope = match &self.scope {
            Scope::Line(line) => location.line == *line,
            Scope::Bytes(range) => range.contains(&(location.start as usize)),
        };
        in_scope
            && self.rules.as_ref().is_none_or(|rules| {
                rules
                    .iter()
                    .any(|r| registry::selector_matches(r, diagnostic.rule))
            })
    }
}

/// The suppressions of one file.
#[derive(Debug)]
pub(crate) struct FileSuppressions {
    file: Arc<FileName>,
    directives: Vec<Directive>,
    /// Byte ranges of elements with `data-proofer-ignore`.
    ignored: Vec<Range<usize>>,
}

enum Keyword {
    NextLine,
    Disable,
    Enable,
}

/// Split `IMG001, LINK002: reason` into rule names.
fn rule_names(rest: &str) -> Vec<String> {
    let rules = rest.split_once(':').map_or(rest, |(rules, _reason)| rules);
    rules
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn parse(comment: &str) -> Option<(Keyword, &'static str, Vec<String>)> {
    let text = comment.trim();
    // Longest keyword first: `sitelint-disable` is a prefix of `sitelint-disable-next-line`.
    for (keyword, kind) in [
        ("sitelint-disable-next-line", Keyword::NextLine),
        ("sitelint-ignore", Keyword::NextLine),
        ("sitelint-disable", Keyword::Disable),
        ("sitelint-enable", Keyword::Enable),
    ] {
        if let Some(rest) = text.strip_prefix(keyword) {
            if rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
                return Some((kind, keyword, rule_names(rest)));
            }
        }
    }
    None
}

/// Collect a file's directives from its comments, and its ignored elements.
pub(crate) fn collect(
    file: &Arc<FileName>,
    comments: &[Comment],
    ignored: Vec<Range<usize>>,
    lines: &LineIndex<'_>,
    text_len: usize,
) -> Option<FileSuppressions> {
    let mut directives: Vec<Directive> = Vec::new();
    // Indexes of open `sitelint-disable` regions.
    let mut open: Vec<usize> = Vec::new();
    for comment in comments {
        let Some((keyword, written, names)) = parse(&comment.text) else {
            continue;
        };
        let (known, unknown): (Vec<String>, Vec<String>) = names.into_iter().partition(|name| {
            registry::RULES
                .iter()
                .any(|rule| registry::selector_matches(name, rule))
        });
        let rules = (!known.is_empty() || !unknown.is_empty()).then_some(known);
        let written = match &rules {
            None => written.to_string(),
            Some(_) => format!(
                "{written} {}",
                rules
                    .iter()
                    .flatten()
                    .chain(&unknown)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let location = lines.location(comment.span.clone());
        match keyword {
            Keyword::NextLine => directives.push(Directive {
                written,
                scope: Scope::Line(location.end_line + 1),
                rules,
                unknown,
                location,
            }),
            Keyword::Disable => {
                open.push(directives.len());
                directives.push(Directive {
                    written,
                    scope: Scope::Bytes(comment.span.end..text_len),
                    rules,
                    unknown,
                    location,
                });
            }
            Keyword::Enable => {
                open.retain(|&index| {
                    let directive = &mut directives[index];
                    let ends = match (&rules, &directive.rules) {
                        (None, _) => true,
                        (Some(names), Some(region)) => {
                            names.iter().any(|n| region.iter().any(|r| r == n))
                        }
                        (Some(_), None) => false,
                    };
                    if ends {
                        if let Scope::Bytes(range) = &mut directive.scope {
                            range.end = comment.span.start;
                        }
                    }
                    !ends
                });
            }
        }
    }
    (!directives.is_empty() || !ignored.is_empty()).then(|| FileSuppressions {
        file: Arc::clone(file),
        directives,
        ignored,
    })
}

/// The rule code or name nearest to a misspelt one (at most two edits away).
fn closest_rule(name: &str) -> Option<&'static str> {
    registry::RULES
        .iter()
        .flat_map(|rule| [rule.code, rule.name])
        .map(|candidate| {
            (
                strsim::damerau_levenshtein(
                    &name.to_ascii_lowercase(),
                    &candidate.to_ascii_lowercase(),
                ),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Remove suppressed findings and report directives that suppressed nothing.
///
/// `offline`: external URLs were not requested, so a directive naming only rules that need the
/// network cannot be judged unused.
pub(crate) fn apply(files: &[FileSuppressions], offline: bool, diagnostics: &mut Vec<Diagnostic>) {
    if files.is_empty() {
        return;
    }
    let by_path: HashMap<&Path, usize> = files
        .iter()
        .enumerate()
        .map(|(index, f)| (f.file.disk.as_path(), index))
        .collect();
    let mut used: Vec<Vec<bool>> = files
        .iter()
        .map(|f| vec![false; f.directives.len()])
        .collect();
    diagnostics.retain(|diagnostic| {
        let (Some(location), Some(&index)) = (
            diagnostic.location,
            by_path.get(diagnostic.file.disk.as_path()),
        ) else {
            return true;
        };
        let file = &files[index];
        if file
            .ignored
            .iter()
            .any(|range| range.contains(&(location.start as usize)))
        {
            return false;
        }
        let mut keep = true;
        for (number, directive) in file.directives.iter().enumerate() {
            if directive.covers(diagnostic, location) {
                used[index][number] = true;
                keep = false;
            }
        }
        keep
    });
    for (file, used) in files.iter().zip(used) {
        for (directive, used) in file.directives.iter().zip(used) {
            for name in &directive.unknown {
                let help = match closest_rule(name) {
                    Some(rule) => format!("did you mean `{rule}`?"),
                    None => "name rules by code (`IMG001`), name (`missing-alt-text`) or family (`IMG`); `sitelint rules` lists them".to_string(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        &registry::UNUSED_SUPPRESSION,
                        &file.file,
                        Some(directive.location),
                        format!("`{}` names no rule `{name}`", directive.written),
                    )
                    .label("in this comment")
                    .help(help),
                );
            }
            let undecidable = offline
                && directive.rules.as_ref().is_some_and(|rules| {
                    !rules.is_empty()
                        && rules.iter().all(|selector| {
                            registry::RULES.iter().any(|rule| {
                                registry::needs_network(rule)
                                    && registry::selector_matches(selector, rule)
                            })
                        })
                });
            if !used && !undecidable && directive.rules.as_ref().is_none_or(|r| !r.is_empty()) {
                let what = match directive.scope {
                    Scope::Line(line) => format!("on line {line}"),
                    Scope::Bytes(_) => "in its region".to_string(),
                };
                diagnostics.push(
                    Diagnostic::new(
                        &registry::UNUSED_SUPPRESSION,
                        &file.file,
                        Some(directive.location),
                        format!("`{}` suppresses nothing", directive.written),
                    )
                    .label(format!("nothing to suppress {what}"))
                    .help("remove the comment, or move it next to the finding it is for"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_parse_with_lists_reasons_and_the_longest_keyword() {
        let (_, keyword, names) =
            parse(" sitelint-disable-next-line IMG001, LINK002: why ").unwrap();
        assert_eq!(keyword, "sitelint-disable-next-line");
        assert_eq!(names, ["IMG001", "LINK002"]);
        let (_, keyword, names) = parse("sitelint-disable").unwrap();
        assert_eq!(keyword, "sitelint-disable");
        assert!(names.is_empty());
        assert!(parse("sitelint-disabled IMG001").is_none());
        assert!(parse("a comment about sitelint-disable").is_none());
    }
}
