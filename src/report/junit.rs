//! `--format junit`: `JUnit` XML, the test-report format CI systems (GitLab, Jenkins, Azure) show.
//!
//! One `<testcase>` per finding, failed, named after the rule and place; a run without findings
//! is one passing test case, so the report is never empty. Written by hand: the document is
//! four element types, and the escaper below is the only XML subtlety.

use std::io::Write;

use crate::check::Outcome;

use super::{counts, shown};

/// Escape text for XML attribute values and content. Characters XML 1.0 cannot carry at all
/// (control characters other than tab, newline, carriage return) become U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            // Attribute values normalise raw line breaks to spaces; keep them as references.
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push('\t'),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                escaped.push('\u{FFFD}');
            }
            c => escaped.push(c),
        }
    }
    escaped
}

pub(crate) fn render(outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let findings = outcome.diagnostics.len();
    let tests = findings.max(1);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="sitelint" tests="{tests}" failures="{findings}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="sitelint" tests="{tests}" failures="{findings}" errors="0" skipped="0">"#
    )?;
    if findings == 0 {
        writeln!(
            out,
            r#"    <testcase name="{}" classname="sitelint"/>"#,
            escape(&counts(outcome))
        )?;
    }
    for diagnostic in &outcome.diagnostics {
        let path = shown(&diagnostic.file);
        let place = match diagnostic.location {
            Some(l) => format!("{path}:{}:{}", l.line, l.column),
            None => path.clone(),
        };
        let mut body = format!(
            "{place}: {}[{}] {}",
            diagnostic.severity.as_str(),
            diagnostic.rule.code,
            diagnostic.message
        );
        if let Some(help) = &diagnostic.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        body.push_str("\nrule: ");
        body.push_str(&diagnostic.rule.doc_url());
        writeln!(
            out,
            r#"    <testcase name="{}" classname="{}" file="{}"{}>"#,
            escape(&format!("{} {place}", diagnostic.rule.code)),
            escape(&path),
            escape(&path),
            diagnostic
                .location
                .map_or(String::new(), |l| format!(r#" line="{}""#, l.line)),
        )?;
        writeln!(
            out,
            r#"      <failure message="{}" type="{}">{}</failure>"#,
            escape(&diagnostic.message),
            diagnostic.severity.as_str(),
            escape(&body)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}&#10;"
        );
    }
}
