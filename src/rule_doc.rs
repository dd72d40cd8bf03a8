//! Reading structure out of a rule's document (`rules/<name>.md`): its sections, the first
//! paragraph of "Why it matters", an approximation note, and the WCAG success criteria.
//!
//! The WCAG convention: directly under a `## WCAG` heading, one bullet per success criterion,
//! `- 1.1.1 Non-text Content (A)`: the criterion's number, its name, and its level in
//! parentheses (`A`, `AA` or `AAA`). A rule whose doc has such a section is an accessibility
//! rule; `sitelint report` picks it up from there, with no list of rules to keep in step.

use std::fmt;

/// A WCAG principle: the first digit of a success criterion's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Principle {
    /// 1: information and components must be presentable in ways users can perceive.
    Perceivable,
    /// 2: components and navigation must be operable.
    Operable,
    /// 3: information and operation must be understandable.
    Understandable,
    /// 4: content must work with assistive technologies.
    Robust,
}

impl Principle {
    /// Every principle, in WCAG's order.
    pub const ALL: [Principle; 4] = [
        Principle::Perceivable,
        Principle::Operable,
        Principle::Understandable,
        Principle::Robust,
    ];

    /// Its number (1–4).
    pub fn number(self) -> u8 {
        match self {
            Principle::Perceivable => 1,
            Principle::Operable => 2,
            Principle::Understandable => 3,
            Principle::Robust => 4,
        }
    }

    /// Its name (`Perceivable`).
    pub fn name(self) -> &'static str {
        match self {
            Principle::Perceivable => "Perceivable",
            Principle::Operable => "Operable",
            Principle::Understandable => "Understandable",
            Principle::Robust => "Robust",
        }
    }

    fn from_digit(digit: &str) -> Option<Self> {
        Some(match digit {
            "1" => Principle::Perceivable,
            "2" => Principle::Operable,
            "3" => Principle::Understandable,
            "4" => Principle::Robust,
            _ => return None,
        })
    }
}

/// A conformance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Level A: the minimum.
    A,
    /// Level AA: what most laws and policies require.
    AA,
    /// Level AAA.
    AAA,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::A => "A",
            Level::AA => "AA",
            Level::AAA => "AAA",
        })
    }
}

/// One WCAG success criterion a rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wcag {
    /// Its number, `1.1.1`.
    pub sc: &'static str,
    /// Its name, `Non-text Content`.
    pub name: &'static str,
    /// Its level.
    pub level: Level,
    /// Its principle (from the number's first digit).
    pub principle: Principle,
}

impl Wcag {
    /// The number as integers, for sorting `1.4.10` after `1.4.3`.
    pub fn sort_key(&self) -> Vec<u32> {
        self.sc
            .split('.')
            .map(|part| part.parse().unwrap_or(u32::MAX))
            .collect()
    }

    /// The W3C "Understanding" page of the criterion (WCAG 2.2), whose file name is the
    /// criterion's name in lower case with words joined by `-`.
    pub fn understanding_url(&self) -> String {
        let mut slug = String::new();
        for word in self
            .name
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
        {
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word.to_ascii_lowercase());
        }
        format!("https://www.w3.org/WAI/WCAG22/Understanding/{slug}.html")
    }
}

/// The lines of the section under `heading` (`## Why it matters`), up to the next `## `.
pub(crate) fn section<'a>(doc: &'a str, heading: &str) -> Vec<&'a str> {
    let mut lines = doc.lines();
    for line in lines.by_ref() {
        if line.trim_end() == heading {
            return lines
                .take_while(|l| !l.starts_with("## "))
                .collect::<Vec<_>>();
        }
    }
    Vec::new()
}

/// Paragraphs of a section: runs of non-blank lines, joined with spaces.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    lines
        .split(|l| l.trim().is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| p.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "))
        .collect()
}

/// The first paragraph under `## Why it matters`, or `None`.
pub fn why_it_matters(doc: &str) -> Option<String> {
    paragraphs(&section(doc, "## Why it matters"))
        .into_iter()
        .next()
}

/// A paragraph of "Why it matters" saying the rule approximates (it sees no CSS or scripts),
/// or `None`.
pub fn approximation(doc: &str) -> Option<String> {
    paragraphs(&section(doc, "## Why it matters"))
        .into_iter()
        .find(|p| p.to_ascii_lowercase().contains("approximat"))
}

/// One bullet of a `## WCAG` section: `- 1.1.1 Non-text Content (A)`.
fn parse_line(line: &'static str) -> Option<Wcag> {
    let rest = line.trim().strip_prefix("- ")?.trim();
    let (sc, rest) = rest.split_once(' ')?;
    let parts: Vec<&str> = sc.split('.').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let principle = Principle::from_digit(parts[0])?;
    let rest = rest.trim().strip_suffix(')')?;
    let (name, level) = rest.rsplit_once('(')?;
    let level = match level {
        "A" => Level::A,
        "AA" => Level::AA,
        "AAA" => Level::AAA,
        _ => return None,
    };
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    Some(Wcag {
        sc,
        name,
        level,
        principle,
    })
}

/// Every non-blank line of the doc's `## WCAG` section, parsed: `Err` holds a line that does
/// not follow the convention (the docs test rejects those).
pub fn wcag_section(doc: &'static str) -> Vec<Result<Wcag, &'static str>> {
    section(doc, "## WCAG")
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_line(l).ok_or(l))
        .collect()
}

/// The success criteria of the doc's `## WCAG` section (lines that do not parse are left out).
pub fn wcag(doc: &'static str) -> Vec<Wcag> {
    wcag_section(doc).into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "## What it does\nFlags things.\n## Why it matters\nFirst `line`\ncontinues.\n\nAn approximation: no CSS.\n## WCAG\n- 1.1.1 Non-text Content (A)\n\n- 2.4.4 Link Purpose (In Context) (A)\n- 1.4.10 Reflow (AA)\n## Examples\n- 9.9.9 Not WCAG (A)\n";

    #[test]
    fn wcag_bullets_parse_with_principle_from_the_first_digit() {
        let criteria = wcag(DOC);
        assert_eq!(criteria.len(), 3);
        assert_eq!(
            criteria[0],
            Wcag {
                sc: "1.1.1",
                name: "Non-text Content",
                level: Level::A,
                principle: Principle::Perceivable
            }
        );
        assert_eq!(criteria[1].name, "Link Purpose (In Context)");
        assert_eq!(criteria[1].principle, Principle::Operable);
        assert_eq!(criteria[2].level, Level::AA);
        assert!(criteria[2].sort_key() > criteria[0].sort_key());
    }

    #[test]
    fn lines_off_the_convention_are_errors_and_other_sections_are_ignored() {
        let doc = "## WCAG\n- 1.1.1 Non-text Content\n- 5.1.1 Nothing (A)\n- 1.1 Short (A)\n- 1.1.1 (A)\n- 1.1.1 Name (B)\n* 1.1.1 Star (A)\n- 4.1.2 Name, Role, Value (A)\n";
        let parsed = wcag_section(doc);
        assert_eq!(parsed.len(), 7);
        assert_eq!(parsed.iter().filter(|p| p.is_err()).count(), 6);
        assert_eq!(wcag(doc)[0].principle, Principle::Robust);
        assert!(wcag("## What it does\nNothing.\n").is_empty());
    }

    #[test]
    fn why_it_matters_is_the_first_paragraph_and_the_approximation_note_is_found() {
        assert_eq!(
            why_it_matters(DOC).as_deref(),
            Some("First `line` continues.")
        );
        assert_eq!(
            approximation(DOC).as_deref(),
            Some("An approximation: no CSS.")
        );
        assert_eq!(why_it_matters("## What it does\nx\n"), None);
    }

    #[test]
    fn understanding_urls_follow_the_w3c_file_names() {
        let wcag = wcag(DOC);
        assert_eq!(
            wcag[0].understanding_url(),
            "https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html"
        );
        assert_eq!(
            wcag[1].understanding_url(),
            "https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context.html"
        );
    }
}
