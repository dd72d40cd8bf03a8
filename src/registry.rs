//! The single list of rules. The CLI (`rules`, `explain`), the docs test and the checker all read it.

use crate::diagnostic::Severity;

/// Where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One file at a time, in parallel.
    Document,
    /// The merged site: links resolve across files.
    Site,
    /// The project as a whole (configuration, license).
    Project,
}

/// How settled a rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// New; its behaviour may still change.
    Preview,
    /// Settled.
    Stable,
}

/// Everything about a rule except its code.
#[derive(Debug)]
pub struct RuleMeta {
    /// Short stable code (`IMG001`); never reused.
    pub code: &'static str,
    /// kebab-case name of the problem it flags.
    pub name: &'static str,
    /// Scope of the check.
    pub scope: Scope,
    /// Severity unless the rule decides per case.
    pub default_severity: Severity,
    /// Preview or stable.
    pub status: Status,
    /// The Markdown document in `rules/`.
    pub doc: &'static str,
}

impl RuleMeta {
    /// The family: the letters of the code (`IMG` for `IMG001`).
    pub fn family(&self) -> &'static str {
        self.code.trim_end_matches(|c: char| c.is_ascii_digit())
    }

    /// The one-line summary: the first line under `## What it does`.
    pub fn summary(&self) -> &'static str {
        let mut lines = self.doc.lines();
        while let Some(line) = lines.next() {
            if line.trim() == "## What it does" {
                return lines.find(|l| !l.trim().is_empty()).unwrap_or("").trim();
            }
        }
        ""
    }

    /// Where the rule's documentation lives on the web.
    pub fn doc_url(&self) -> String {
        format!(
            "https://github.com/sitelint/sitelint/blob/main/rules/{}.md",
            self.name
        )
    }
}

impl PartialEq for RuleMeta {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

macro_rules! rule {
    ($ident:ident, $code:literal, $name:literal, $scope:ident, $severity:ident) => {
        pub(crate) static $ident: RuleMeta = RuleMeta {
            code: $code,
            name: $name,
            scope: Scope::$scope,
            default_severity: Severity::$severity,
            status: Status::Preview,
            doc: include_str!(concat!("../rules/", $name, ".md")),
        };
    };
}

rule!(
    BROKEN_INTERNAL_LINK,
    "LINK001",
    "broken-internal-link",
    Site,
    Error
);
rule!(
    WHITESPACE_IN_URL,
    "LINK002",
    "whitespace-in-url",
    Document,
    Warning
);
rule!(
    BACKSLASH_IN_URL,
    "LINK003",
    "backslash-in-url",
    Document,
    Error
);
rule!(
    BASEURL_CNAME_CONFLICT,
    "LINK004",
    "baseurl-cname-conflict",
    Project,
    Warning
);
rule!(
    EMPTY_LINK_TARGET,
    "LINK005",
    "empty-link-target",
    Site,
    Warning
);
rule!(MISSING_FRAGMENT, "FRAG001", "missing-fragment", Site, Error);
rule!(DUPLICATE_ID, "FRAG002", "duplicate-id", Site, Warning);
rule!(MISSING_INCLUDE, "TPL001", "missing-include", Site, Error);
rule!(
    MISSING_LINK_TARGET,
    "TPL002",
    "missing-link-target",
    Site,
    Error
);
rule!(MISSING_ASSET, "ASSET001", "missing-asset", Site, Error);
rule!(
    MISSING_ALT_TEXT,
    "IMG001",
    "missing-alt-text",
    Document,
    Error
);
rule!(
    FILE_NAME_ALT_TEXT,
    "IMG002",
    "file-name-alt-text",
    Document,
    Warning
);
rule!(
    INVALID_TARGET_VALUE,
    "ATTR001",
    "invalid-target-value",
    Document,
    Error
);
rule!(
    MISSPELLED_ATTRIBUTE,
    "ATTR002",
    "misspelled-attribute",
    Document,
    Error
);
rule!(
    MISSING_LICENSE,
    "LIC001",
    "missing-license",
    Project,
    Warning
);
rule!(
    LICENSE_MISMATCH,
    "LIC002",
    "license-mismatch",
    Project,
    Warning
);
rule!(
    BROKEN_EXTERNAL_LINK,
    "EXT001",
    "broken-external-link",
    Site,
    Error
);
rule!(
    REDIRECTED_EXTERNAL_LINK,
    "EXT002",
    "redirected-external-link",
    Site,
    Info
);
rule!(
    UNREACHABLE_EXTERNAL_LINK,
    "EXT003",
    "unreachable-external-link",
    Site,
    Error
);
rule!(
    BLOCKED_EXTERNAL_LINK,
    "EXT004",
    "blocked-external-link",
    Site,
    Warning
);
rule!(
    MISSING_EXTERNAL_FRAGMENT,
    "EXT005",
    "missing-external-fragment",
    Site,
    Warning
);
rule!(
    INVALID_MAILTO_LINK,
    "EXT006",
    "invalid-mailto-link",
    Site,
    Error
);
rule!(INVALID_TEL_LINK, "EXT007", "invalid-tel-link", Site, Error);
rule!(
    PRIVATE_ADDRESS_LINK,
    "EXT008",
    "private-address-link",
    Site,
    Info
);
rule!(
    UNREADABLE_FILE,
    "INPUT001",
    "unreadable-file",
    Document,
    Error
);
rule!(INVALID_UTF8, "INPUT002", "invalid-utf8", Document, Warning);
rule!(SKIPPED_FILE, "INPUT003", "skipped-file", Document, Info);
rule!(INVALID_YAML, "INPUT004", "invalid-yaml", Document, Error);
rule!(SYMLINK_LOOP, "INPUT005", "symlink-loop", Document, Warning);
rule!(
    UNCLOSED_LIQUID,
    "INPUT006",
    "unclosed-liquid",
    Document,
    Error
);
rule!(
    UNUSED_SUPPRESSION,
    "INPUT007",
    "unused-suppression",
    Document,
    Warning
);

/// Every rule, in code order within families.
pub static RULES: &[&RuleMeta] = &[
    &BROKEN_INTERNAL_LINK,
    &WHITESPACE_IN_URL,
    &BACKSLASH_IN_URL,
    &BASEURL_CNAME_CONFLICT,
    &EMPTY_LINK_TARGET,
    &MISSING_FRAGMENT,
    &DUPLICATE_ID,
    &MISSING_INCLUDE,
    &MISSING_LINK_TARGET,
    &MISSING_ASSET,
    &MISSING_ALT_TEXT,
    &FILE_NAME_ALT_TEXT,
    &INVALID_TARGET_VALUE,
    &MISSPELLED_ATTRIBUTE,
    &MISSING_LICENSE,
    &LICENSE_MISMATCH,
    &BROKEN_EXTERNAL_LINK,
    &REDIRECTED_EXTERNAL_LINK,
    &UNREACHABLE_EXTERNAL_LINK,
    &BLOCKED_EXTERNAL_LINK,
    &MISSING_EXTERNAL_FRAGMENT,
    &INVALID_MAILTO_LINK,
    &INVALID_TEL_LINK,
    &PRIVATE_ADDRESS_LINK,
    &UNREADABLE_FILE,
    &INVALID_UTF8,
    &SKIPPED_FILE,
    &INVALID_YAML,
    &SYMLINK_LOOP,
    &UNCLOSED_LIQUID,
    &UNUSED_SUPPRESSION,
];

/// Rules whose findings need requests to other servers (none under `--offline`).
pub fn needs_network(rule: &RuleMeta) -> bool {
    rule.family() == "EXT" && !matches!(rule.code, "EXT006" | "EXT007")
}

/// Find a rule by code (case-insensitive) or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(key) || rule.name == key)
}

/// Does `selector` (a code, a name, a family such as `LINK`, or `ALL`) pick `rule`?
pub fn selector_matches(selector: &str, rule: &RuleMeta) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || rule.code.eq_ignore_ascii_case(selector)
        || rule.name == selector
        || rule.family().eq_ignore_ascii_case(selector)
}
