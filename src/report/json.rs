//! `--format json`: a stable, versioned schema (documented in README.md).

use std::io::Write;

use serde::Serialize;

use crate::check::{Outcome, Summary};
use crate::diagnostic::Diagnostic;

/// Version of the JSON schema; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Related<'a> {
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    rule: &'static str,
    code: &'static str,
    severity: &'static str,
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    message: &'a str,
    label: Option<&'a str>,
    help: Option<&'a str>,
    fix: Option<&'a str>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<Item<'a>>,
    summary: &'a Summary,
    /// Only with `--shard`: what `sitelint merge` needs beyond the findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    shard: Option<Shard<'a>>,
}

#[derive(Serialize)]
struct Shard<'a> {
    index: usize,
    total: usize,
    unanimous: Vec<Item<'a>>,
    template_external: &'a [(String, u32, String)],
    external_urls: &'a std::collections::BTreeMap<String, crate::rules::external_links::UrlOutcome>,
}

fn item(diagnostic: &Diagnostic) -> Item<'_> {
    let location = diagnostic.location;
    Item {
        rule: diagnostic.rule.name,
        code: diagnostic.rule.code,
        severity: diagnostic.severity.as_str(),
        path: &diagnostic.file.display,
        line: location.map(|l| l.line),
        column: location.map(|l| l.column),
        end_line: location.map(|l| l.end_line),
        end_column: location.map(|l| l.end_column),
        message: &diagnostic.message,
        label: diagnostic.label.as_deref(),
        help: diagnostic.help.as_deref(),
        fix: diagnostic.fix.as_ref().map(|f| f.replacement.as_str()),
        related: diagnostic
            .related
            .iter()
            .map(|r| Related {
                path: &r.file.display,
                line: r.location.map(|l| l.line),
                column: r.location.map(|l| l.column),
                message: &r.message,
            })
            .collect(),
    }
}

pub(crate) fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let report = Report {
        version: SCHEMA_VERSION,
        diagnostics: outcome.diagnostics.iter().map(item).collect(),
        summary: &outcome.summary,
        shard: outcome.shard.as_ref().map(|shard| Shard {
            index: shard.index,
            total: shard.total,
            unanimous: shard.unanimous.iter().map(item).collect(),
            template_external: &shard.template_external,
            external_urls: &shard.external_urls,
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
