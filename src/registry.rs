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

    /// The WCAG success criteria the rule checks, from its doc's `## WCAG` section (see
    /// [`crate::rule_doc`]); empty for rules that are not about accessibility.
    pub fn wcag(&self) -> Vec<crate::rule_doc::Wcag> {
        crate::rule_doc::wcag(self.doc)
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

rule!(
    LINK_WITHOUT_NAME,
    "A11Y001",
    "link-without-name",
    Document,
    Error
);
rule!(
    BUTTON_WITHOUT_NAME,
    "A11Y002",
    "button-without-name",
    Document,
    Error
);
rule!(
    INPUT_BUTTON_WITHOUT_NAME,
    "A11Y003",
    "input-button-without-name",
    Document,
    Error
);
rule!(
    FORM_FIELD_WITHOUT_LABEL,
    "A11Y004",
    "form-field-without-label",
    Document,
    Error
);
rule!(
    FORM_FIELD_MULTIPLE_LABELS,
    "A11Y005",
    "form-field-multiple-labels",
    Document,
    Warning
);
rule!(
    FRAME_WITHOUT_TITLE,
    "A11Y006",
    "frame-without-title",
    Document,
    Error
);
rule!(
    DUPLICATE_FRAME_TITLE,
    "A11Y007",
    "duplicate-frame-title",
    Document,
    Warning
);
rule!(
    MISSING_HTML_LANG,
    "A11Y008",
    "missing-html-lang",
    Document,
    Error
);
rule!(
    INVALID_HTML_LANG,
    "A11Y009",
    "invalid-html-lang",
    Document,
    Error
);
rule!(INVALID_LANG, "A11Y010", "invalid-lang", Document, Error);
rule!(
    MISSING_DOCUMENT_TITLE,
    "A11Y011",
    "missing-document-title",
    Document,
    Error
);
rule!(ZOOM_DISABLED, "A11Y012", "zoom-disabled", Document, Error);
rule!(
    META_REFRESH_DELAY,
    "A11Y013",
    "meta-refresh-delay",
    Document,
    Error
);
rule!(MISSING_H1, "A11Y014", "missing-h1", Document, Warning);
rule!(
    MISSING_MAIN_LANDMARK,
    "A11Y015",
    "missing-main-landmark",
    Document,
    Warning
);
rule!(
    DUPLICATE_LANDMARK,
    "A11Y016",
    "duplicate-landmark",
    Document,
    Warning
);
rule!(
    SKIPPED_HEADING_LEVEL,
    "A11Y017",
    "skipped-heading-level",
    Document,
    Warning
);
rule!(EMPTY_HEADING, "A11Y018", "empty-heading", Document, Warning);
rule!(
    INVALID_LIST_CHILD,
    "A11Y019",
    "invalid-list-child",
    Document,
    Error
);
rule!(
    ORPHAN_LIST_ITEM,
    "A11Y020",
    "orphan-list-item",
    Document,
    Error
);
rule!(
    INVALID_DEFINITION_LIST_CHILD,
    "A11Y021",
    "invalid-definition-list-child",
    Document,
    Error
);
rule!(
    ORPHAN_DEFINITION_ITEM,
    "A11Y022",
    "orphan-definition-item",
    Document,
    Error
);
rule!(
    DUPLICATE_ARIA_ID,
    "A11Y023",
    "duplicate-aria-id",
    Document,
    Error
);
rule!(
    NESTED_INTERACTIVE,
    "A11Y024",
    "nested-interactive",
    Document,
    Error
);
rule!(
    POSITIVE_TABINDEX,
    "A11Y025",
    "positive-tabindex",
    Document,
    Warning
);
rule!(INVALID_SCOPE, "A11Y026", "invalid-scope", Document, Warning);
rule!(
    INVALID_HEADERS_ATTR,
    "A11Y027",
    "invalid-headers-attr",
    Document,
    Error
);
rule!(
    HEADER_WITHOUT_DATA_CELLS,
    "A11Y028",
    "header-without-data-cells",
    Document,
    Warning
);
rule!(
    UNKNOWN_ARIA_ATTRIBUTE,
    "A11Y029",
    "unknown-aria-attribute",
    Document,
    Error
);
rule!(
    INVALID_ARIA_VALUE,
    "A11Y030",
    "invalid-aria-value",
    Document,
    Error
);
rule!(UNKNOWN_ROLE, "A11Y031", "unknown-role", Document, Error);
rule!(
    DISALLOWED_ARIA_ATTRIBUTE,
    "A11Y032",
    "disallowed-aria-attribute",
    Document,
    Error
);
rule!(
    MISSING_REQUIRED_ARIA,
    "A11Y033",
    "missing-required-aria",
    Document,
    Error
);
rule!(HIDDEN_BODY, "A11Y034", "hidden-body", Document, Error);
rule!(
    FOCUSABLE_IN_HIDDEN,
    "A11Y035",
    "focusable-in-hidden",
    Document,
    Warning
);
rule!(
    SVG_WITHOUT_NAME,
    "A11Y036",
    "svg-without-name",
    Document,
    Error
);
rule!(
    ROLE_IMG_WITHOUT_NAME,
    "A11Y037",
    "role-img-without-name",
    Document,
    Error
);
rule!(
    OBJECT_WITHOUT_ALT,
    "A11Y038",
    "object-without-alt",
    Document,
    Error
);
rule!(BLINK_ELEMENT, "A11Y039", "blink-element", Document, Error);
rule!(
    MARQUEE_ELEMENT,
    "A11Y040",
    "marquee-element",
    Document,
    Error
);
rule!(
    SERVER_SIDE_IMAGE_MAP,
    "A11Y041",
    "server-side-image-map",
    Document,
    Warning
);
rule!(
    INVALID_AUTOCOMPLETE,
    "A11Y042",
    "invalid-autocomplete",
    Document,
    Error
);
rule!(
    DUPLICATE_ACCESSKEY,
    "A11Y043",
    "duplicate-accesskey",
    Document,
    Warning
);

rule!(NO_PAGES, "INPUT008", "no-pages", Site, Warning);

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
    &NO_PAGES,
    &LINK_WITHOUT_NAME,
    &BUTTON_WITHOUT_NAME,
    &INPUT_BUTTON_WITHOUT_NAME,
    &FORM_FIELD_WITHOUT_LABEL,
    &FORM_FIELD_MULTIPLE_LABELS,
    &FRAME_WITHOUT_TITLE,
    &DUPLICATE_FRAME_TITLE,
    &MISSING_HTML_LANG,
    &INVALID_HTML_LANG,
    &INVALID_LANG,
    &MISSING_DOCUMENT_TITLE,
    &ZOOM_DISABLED,
    &META_REFRESH_DELAY,
    &MISSING_H1,
    &MISSING_MAIN_LANDMARK,
    &DUPLICATE_LANDMARK,
    &SKIPPED_HEADING_LEVEL,
    &EMPTY_HEADING,
    &INVALID_LIST_CHILD,
    &ORPHAN_LIST_ITEM,
    &INVALID_DEFINITION_LIST_CHILD,
    &ORPHAN_DEFINITION_ITEM,
    &DUPLICATE_ARIA_ID,
    &NESTED_INTERACTIVE,
    &POSITIVE_TABINDEX,
    &INVALID_SCOPE,
    &INVALID_HEADERS_ATTR,
    &HEADER_WITHOUT_DATA_CELLS,
    &UNKNOWN_ARIA_ATTRIBUTE,
    &INVALID_ARIA_VALUE,
    &UNKNOWN_ROLE,
    &DISALLOWED_ARIA_ATTRIBUTE,
    &MISSING_REQUIRED_ARIA,
    &HIDDEN_BODY,
    &FOCUSABLE_IN_HIDDEN,
    &SVG_WITHOUT_NAME,
    &ROLE_IMG_WITHOUT_NAME,
    &OBJECT_WITHOUT_ALT,
    &BLINK_ELEMENT,
    &MARQUEE_ELEMENT,
    &SERVER_SIDE_IMAGE_MAP,
    &INVALID_AUTOCOMPLETE,
    &DUPLICATE_ACCESSKEY,
];

/// Other names a rule answers to: the axe-core rule ids of the accessibility rules (so
/// `--select link-name` works for people coming from axe), and rules folded into others.
pub static ALIASES: &[(&str, &str)] = &[
    ("link-name", "A11Y001"),
    ("button-name", "A11Y002"),
    ("input-button-name", "A11Y003"),
    ("label", "A11Y004"),
    ("select-name", "A11Y004"),
    ("form-field-multiple-labels", "A11Y005"),
    ("frame-title", "A11Y006"),
    ("frame-title-unique", "A11Y007"),
    ("html-has-lang", "A11Y008"),
    ("html-lang-valid", "A11Y009"),
    ("valid-lang", "A11Y010"),
    ("document-title", "A11Y011"),
    ("meta-viewport", "A11Y012"),
    ("meta-refresh", "A11Y013"),
    ("page-has-heading-one", "A11Y014"),
    ("landmark-one-main", "A11Y015"),
    ("landmark-no-duplicate-main", "A11Y016"),
    ("heading-order", "A11Y017"),
    ("empty-heading", "A11Y018"),
    ("list", "A11Y019"),
    ("listitem", "A11Y020"),
    ("definition-list", "A11Y021"),
    ("dlitem", "A11Y022"),
    ("duplicate-id-aria", "A11Y023"),
    ("nested-interactive", "A11Y024"),
    ("tabindex", "A11Y025"),
    ("scope-attr-valid", "A11Y026"),
    ("td-headers-attr", "A11Y027"),
    ("th-has-data-cells", "A11Y028"),
    ("aria-valid-attr", "A11Y029"),
    ("aria-valid-attr-value", "A11Y030"),
    ("aria-roles", "A11Y031"),
    ("aria-allowed-attr", "A11Y032"),
    ("aria-required-attr", "A11Y033"),
    ("aria-hidden-body", "A11Y034"),
    ("aria-hidden-focus", "A11Y035"),
    ("svg-img-alt", "A11Y036"),
    ("role-img-alt", "A11Y037"),
    ("object-alt", "A11Y038"),
    ("blink", "A11Y039"),
    ("marquee", "A11Y040"),
    ("server-side-image-map", "A11Y041"),
    ("autocomplete-valid", "A11Y042"),
    ("accesskeys", "A11Y043"),
    ("landmark-no-duplicate-banner", "A11Y016"),
    ("landmark-no-duplicate-contentinfo", "A11Y016"),
    ("image-alt", "IMG001"),
    ("input-image-alt", "IMG001"),
    ("area-alt", "IMG001"),
];

/// The code an alias stands for.
fn alias(key: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, code)| *code)
}

/// Rules whose findings need requests to other servers (none under `--offline`).
pub fn needs_network(rule: &RuleMeta) -> bool {
    rule.family() == "EXT" && !matches!(rule.code, "EXT006" | "EXT007")
}

/// Find a rule by code (case-insensitive), name or alias.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(key) || rule.name == key)
        .or_else(|| alias(key).and_then(find))
}

/// Does `selector` (a code, a name, a family such as `LINK`, or `ALL`) pick `rule`?
pub fn selector_matches(selector: &str, rule: &RuleMeta) -> bool {
    selector.eq_ignore_ascii_case("ALL")
        || rule.code.eq_ignore_ascii_case(selector)
        || rule.name == selector
        || rule.family().eq_ignore_ascii_case(selector)
        || alias(selector) == Some(rule.code)
}
