//! Static knowledge about HTML element and attribute names, used by the
//! attribute-typo rule.
//!
//! Data sources (WHATWG HTML Living Standard):
//! - element names: <https://html.spec.whatwg.org/multipage/indices.html#elements-3>
//! - global attributes: <https://html.spec.whatwg.org/multipage/dom.html#global-attributes>
//! - element-specific attributes: the "Attributes" index table,
//!   <https://html.spec.whatwg.org/multipage/indices.html#attributes-3>
//! - event handler content attributes:
//!   <https://html.spec.whatwg.org/multipage/indices.html#ix-event-handlers>
//! - obsolete elements and attributes browsers still honour:
//!   <https://html.spec.whatwg.org/multipage/obsolete.html#non-conforming-features>
//!   and the presentational hints of
//!   <https://html.spec.whatwg.org/multipage/rendering.html#rendering>
//!
//! Last synced: 2026-12-03 (the spec tables were cross-checked against the
//! `html-element-attributes` 3.5.0 and `html-tag-names` 2.1.0 data sets, which
//! are scraped from the same index tables).
//!
//! Attributes come in three tiers:
//! - *current*: global attributes and the element-specific attributes of the
//!   spec's index. These are the only names [`suggest_attribute`] proposes.
//! - *legacy*: obsolete (but still parsed and rendered) attributes, plus a few
//!   attributes from neighbouring specifications and vendor attributes that
//!   widely copied embed snippets contain (`capture`, `controlslist`,
//!   `webkitallowfullscreen`, …). They are valid, but never suggested.
//! - *extra globals*: names accepted on every element but never suggested:
//!   the linked-data attributes of RDF in attributes (`property`, `typeof`,
//!   `content`, …; common on real sites through Open Graph and schema.org
//!   markup), CSS Shadow Parts (`part`, `exportparts`) and the obsolete global
//!   `contextmenu`.
//!
//! `svg` and `math` are known elements, but as roots of foreign (SVG/MathML)
//! content every attribute is accepted on them.

use strsim::damerau_levenshtein;

/// What the standard says about one element.
struct ElementSpec {
    /// Element-specific attributes from the spec's attribute index (sorted).
    current: &'static [&'static str],
    /// Obsolete, vendor or neighbouring-spec attributes (sorted): valid, never
    /// suggested.
    legacy: &'static [&'static str],
    /// Root of foreign content (`svg`, `math`): every attribute is accepted.
    foreign: bool,
}

const fn el(current: &'static [&'static str], legacy: &'static [&'static str]) -> ElementSpec {
    ElementSpec {
        current,
        legacy,
        foreign: false,
    }
}

const FOREIGN: ElementSpec = ElementSpec {
    current: &[],
    legacy: &[],
    foreign: true,
};

/// Defines `$list` (the names, for iteration) and `$test` (a `match`-based
/// membership test: far faster than a binary search over `&str`s).
macro_rules! name_set {
    ($(#[$meta:meta])* $list:ident, $test:ident, [$($name:literal),* $(,)?]) => {
        $(#[$meta])*
        const $list: &[&str] = &[$($name),*];

        fn $test(attribute: &str) -> bool {
            matches!(attribute, $($name)|*)
        }
    };
}

/// Defines `ELEMENT_NAMES` (sorted, for iteration) and `lookup` (a `match` on
/// the element name) from one table.
macro_rules! element_table {
    ($($name:literal => $spec:expr,)*) => {
        const ELEMENT_NAMES: &[&str] = &[$($name),*];

        fn lookup(element: &str) -> Option<&'static ElementSpec> {
            match element {
                $($name => Some(const { &$spec }),)*
                _ => None,
            }
        }
    };
}

name_set!(
    /// Global attributes (sorted): valid on every HTML element and suggestion
    /// candidates everywhere.
    GLOBAL_ATTRIBUTES,
    is_global_attribute,
    [
        "accesskey",
        "autocapitalize",
        "autocorrect",
        "autofocus",
        "class",
        "contenteditable",
        "dir",
        "draggable",
        "enterkeyhint",
        "hidden",
        "id",
        "inert",
        "inputmode",
        "is",
        "itemid",
        "itemprop",
        "itemref",
        "itemscope",
        "itemtype",
        "lang",
        "nonce",
        "popover",
        "role",
        "slot",
        "spellcheck",
        "style",
        "tabindex",
        "title",
        "translate",
        "writingsuggestions",
        "xml:lang",
        "xml:space",
        "xmlns",
    ]
);

name_set!(
    /// Names accepted on every HTML element that are never suggested (sorted):
    /// RDF-in-attributes names used by Open Graph and schema.org markup
    /// (`about`, `content`, `datatype`, `inlist`, `prefix`, `property`,
    /// `resource`, `typeof`, `vocab`), CSS Shadow Parts (`exportparts`,
    /// `part`) and the obsolete global `contextmenu`.
    #[cfg_attr(not(test), allow(dead_code))] // The list is read by tests; the match by the rule.
    EXTRA_GLOBAL_ATTRIBUTES,
    is_extra_global_attribute,
    [
        "about",
        "content",
        "contextmenu",
        "datatype",
        "exportparts",
        "inlist",
        "part",
        "prefix",
        "property",
        "resource",
        "typeof",
        "vocab",
    ]
);

const NONE: &[&str] = &[];
const ALIGN: &[&str] = &["align"];
const CITE: &[&str] = &["cite"];
const EDIT: &[&str] = &["cite", "datetime"];
const NAME: &[&str] = &["name"];
const FONT: &[&str] = &["color", "face", "size"];
const DATA_BINDING: &[&str] = &["datafld", "dataformatas", "datasrc"];
const TABLE_SECTION_LEGACY: &[&str] =
    &["align", "background", "char", "charoff", "height", "valign"];
const COL_CURRENT: &[&str] = &["span"];
const IMG_CURRENT: &[&str] = &[
    "alt",
    "crossorigin",
    "decoding",
    "fetchpriority",
    "height",
    "ismap",
    "loading",
    "referrerpolicy",
    "sizes",
    "src",
    "srcset",
    "usemap",
    "width",
];
const IMG_LEGACY: &[&str] = &[
    "align", "border", "datafld", "datasrc", "hspace", "longdesc", "lowsrc", "name", "vspace",
];

// Every known element (sorted by name, unique).
element_table! {
    "a" => el(
        &[
            "download",
            "href",
            "hreflang",
            "ping",
            "referrerpolicy",
            "rel",
            "target",
            "type",
        ],
        &[
            "charset", "coords", "datafld", "datasrc", "methods", "name", "rev", "shape", "urn",
        ],
    ),
    "abbr" => el(NONE, NONE),
    "acronym" => el(NONE, NONE),
    "address" => el(NONE, NONE),
    "applet" => el(
        NONE,
        &[
            "align",
            "alt",
            "archive",
            "code",
            "codebase",
            "datafld",
            "datasrc",
            "height",
            "hspace",
            "mayscript",
            "name",
            "object",
            "vspace",
            "width",
        ],
    ),
    "area" => el(
        &[
            "alt",
            "coords",
            "download",
            "href",
            "ping",
            "referrerpolicy",
            "rel",
            "shape",
            "target",
        ],
        &["hreflang", "nohref", "type"],
    ),
    "article" => el(NONE, NONE),
    "aside" => el(NONE, NONE),
    "audio" => el(
        &[
            "autoplay",
            "controls",
            "crossorigin",
            "loop",
            "muted",
            "preload",
            "src",
        ],
        &["controlslist", "disableremoteplayback"],
    ),
    "b" => el(NONE, NONE),
    "base" => el(&["href", "target"], NONE),
    "basefont" => el(NONE, FONT),
    "bdi" => el(NONE, NONE),
    "bdo" => el(NONE, NONE),
    "bgsound" => el(NONE, &["balance", "loop", "src", "volume"]),
    "big" => el(NONE, NONE),
    "blink" => el(NONE, NONE),
    "blockquote" => el(CITE, NONE),
    "body" => el(
        NONE,
        &[
            "alink",
            "background",
            "bgcolor",
            "bottommargin",
            "leftmargin",
            "link",
            "marginheight",
            "marginwidth",
            "rightmargin",
            "text",
            "topmargin",
            "vlink",
        ],
    ),
    "br" => el(NONE, &["clear"]),
    "button" => el(
        &[
            "command",
            "commandfor",
            "disabled",
            "form",
            "formaction",
            "formenctype",
            "formmethod",
            "formnovalidate",
            "formtarget",
            "name",
            "popovertarget",
            "popovertargetaction",
            "type",
            "value",
        ],
        DATA_BINDING,
    ),
    "canvas" => el(&["height", "width"], NONE),
    "caption" => el(NONE, ALIGN),
    "center" => el(NONE, NONE),
    "cite" => el(NONE, NONE),
    "code" => el(NONE, NONE),
    "col" => el(
        COL_CURRENT,
        &["align", "char", "charoff", "datafld", "valign", "width"],
    ),
    "colgroup" => el(
        COL_CURRENT,
        &["align", "char", "charoff", "valign", "width"],
    ),
    "data" => el(&["value"], NONE),
    "datalist" => el(NONE, NONE),
    "dd" => el(NONE, NONE),
    "del" => el(EDIT, NONE),
    "details" => el(&["name", "open"], NONE),
    "dfn" => el(NONE, NONE),
    "dialog" => el(&["closedby", "open"], NONE),
    "dir" => el(NONE, &["compact"]),
    "div" => el(NONE, &["align", "datafld", "dataformatas", "datasrc"]),
    "dl" => el(NONE, &["compact"]),
    "dt" => el(NONE, NONE),
    "em" => el(NONE, NONE),
    "embed" => el(
        &["height", "src", "type", "width"],
        &["align", "hspace", "name", "vspace"],
    ),
    "fieldset" => el(&["disabled", "form", "name"], &["align", "datafld"]),
    "figcaption" => el(NONE, NONE),
    "figure" => el(NONE, NONE),
    "font" => el(NONE, FONT),
    "footer" => el(NONE, NONE),
    "form" => el(
        &[
            "accept-charset",
            "action",
            "autocomplete",
            "enctype",
            "method",
            "name",
            "novalidate",
            "rel",
            "target",
        ],
        &["accept"],
    ),
    "frame" => el(
        NONE,
        &[
            "datafld",
            "datasrc",
            "frameborder",
            "longdesc",
            "marginheight",
            "marginwidth",
            "name",
            "noresize",
            "scrolling",
            "src",
        ],
    ),
    "frameset" => el(
        NONE,
        &["border", "cols", "frameborder", "framespacing", "rows"],
    ),
    "h1" => el(NONE, ALIGN),
    "h2" => el(NONE, ALIGN),
    "h3" => el(NONE, ALIGN),
    "h4" => el(NONE, ALIGN),
    "h5" => el(NONE, ALIGN),
    "h6" => el(NONE, ALIGN),
    "head" => el(NONE, &["profile"]),
    "header" => el(NONE, NONE),
    "hgroup" => el(NONE, NONE),
    "hr" => el(NONE, &["align", "color", "noshade", "size", "width"]),
    "html" => el(NONE, &["manifest", "version"]),
    "i" => el(NONE, NONE),
    "iframe" => el(
        &[
            "allow",
            "allowfullscreen",
            "height",
            "loading",
            "name",
            "referrerpolicy",
            "sandbox",
            "src",
            "srcdoc",
            "width",
        ],
        &[
            "align",
            "allowpaymentrequest",
            "allowtransparency",
            "allowusermedia",
            "datafld",
            "datasrc",
            "frameborder",
            "hspace",
            "longdesc",
            "marginheight",
            "marginwidth",
            "mozallowfullscreen",
            "scrolling",
            "vspace",
            "webkitallowfullscreen",
        ],
    ),
    // Obsolete: the parser turns `<image>` into `<img>`.
    "image" => el(IMG_CURRENT, IMG_LEGACY),
    "img" => el(IMG_CURRENT, IMG_LEGACY),
    "input" => el(
        &[
            "accept",
            "alpha",
            "alt",
            "autocomplete",
            "checked",
            "colorspace",
            "dirname",
            "disabled",
            "form",
            "formaction",
            "formenctype",
            "formmethod",
            "formnovalidate",
            "formtarget",
            "height",
            "list",
            "max",
            "maxlength",
            "min",
            "minlength",
            "multiple",
            "name",
            "pattern",
            "placeholder",
            "popovertarget",
            "popovertargetaction",
            "readonly",
            "required",
            "size",
            "src",
            "step",
            "switch",
            "type",
            "value",
            "width",
        ],
        &[
            "align",
            "capture",
            "datafld",
            "dataformatas",
            "datasrc",
            "hspace",
            "ismap",
            "usemap",
            "vspace",
            "webkitdirectory",
        ],
    ),
    "ins" => el(EDIT, NONE),
    "isindex" => el(NONE, &["action", "prompt"]),
    "kbd" => el(NONE, NONE),
    "keygen" => el(NONE, &["challenge", "disabled", "form", "keytype", "name"]),
    "label" => el(&["for"], &["datafld", "dataformatas", "datasrc", "form"]),
    "legend" => el(NONE, &["align", "datafld", "dataformatas", "datasrc"]),
    "li" => el(&["value"], &["type"]),
    "link" => el(
        &[
            "as",
            "blocking",
            "color",
            "crossorigin",
            "disabled",
            "fetchpriority",
            "href",
            "hreflang",
            "imagesizes",
            "imagesrcset",
            "integrity",
            "media",
            "referrerpolicy",
            "rel",
            "sizes",
            "type",
        ],
        &["charset", "methods", "rev", "target", "urn"],
    ),
    "listing" => el(NONE, NONE),
    "main" => el(NONE, NONE),
    "map" => el(NAME, NONE),
    "mark" => el(NONE, NONE),
    "marquee" => el(
        NONE,
        &[
            "behavior",
            "bgcolor",
            "datafld",
            "dataformatas",
            "datasrc",
            "direction",
            "height",
            "hspace",
            "loop",
            "scrollamount",
            "scrolldelay",
            "truespeed",
            "vspace",
            "width",
        ],
    ),
    "math" => FOREIGN,
    "menu" => el(NONE, &["compact", "label", "type"]),
    "menuitem" => el(
        NONE,
        &[
            "checked",
            "command",
            "default",
            "disabled",
            "icon",
            "label",
            "radiogroup",
            "type",
        ],
    ),
    "meta" => el(
        &["charset", "content", "http-equiv", "media", "name"],
        &["scheme"],
    ),
    "meter" => el(&["high", "low", "max", "min", "optimum", "value"], NONE),
    "multicol" => el(NONE, &["cols", "gutter", "width"]),
    "nav" => el(NONE, NONE),
    "nextid" => el(NONE, &["n"]),
    "nobr" => el(NONE, NONE),
    "noembed" => el(NONE, NONE),
    "noframes" => el(NONE, NONE),
    "noscript" => el(NONE, NONE),
    "object" => el(
        &["data", "form", "height", "name", "type", "width"],
        &[
            "align",
            "archive",
            "border",
            "classid",
            "code",
            "codebase",
            "codetype",
            "datafld",
            "dataformatas",
            "datasrc",
            "declare",
            "hspace",
            "standby",
            "typemustmatch",
            "usemap",
            "vspace",
        ],
    ),
    "ol" => el(&["reversed", "start", "type"], &["compact"]),
    "optgroup" => el(&["disabled", "label"], NONE),
    "option" => el(
        &["disabled", "label", "selected", "value"],
        &["dataformatas", "datasrc", "name"],
    ),
    "output" => el(&["for", "form", "name"], NONE),
    "p" => el(NONE, ALIGN),
    "param" => el(NONE, &["datafld", "name", "type", "value", "valuetype"]),
    "picture" => el(NONE, NONE),
    "plaintext" => el(NONE, NONE),
    "pre" => el(NONE, &["width"]),
    "progress" => el(&["max", "value"], NONE),
    "q" => el(CITE, NONE),
    "rb" => el(NONE, NONE),
    "rp" => el(NONE, NONE),
    "rt" => el(NONE, NONE),
    "rtc" => el(NONE, NONE),
    "ruby" => el(NONE, NONE),
    "s" => el(NONE, NONE),
    "samp" => el(NONE, NONE),
    "script" => el(
        &[
            "async",
            "blocking",
            "crossorigin",
            "defer",
            "fetchpriority",
            "integrity",
            "nomodule",
            "referrerpolicy",
            "src",
            "type",
        ],
        &["charset", "event", "for", "language"],
    ),
    "search" => el(NONE, NONE),
    "section" => el(NONE, NONE),
    "select" => el(
        &[
            "autocomplete",
            "disabled",
            "form",
            "multiple",
            "name",
            "required",
            "size",
        ],
        DATA_BINDING,
    ),
    "selectedcontent" => el(NONE, NONE),
    "slot" => el(NAME, NONE),
    "small" => el(NONE, NONE),
    "source" => el(
        &["height", "media", "sizes", "src", "srcset", "type", "width"],
        NONE,
    ),
    "spacer" => el(NONE, &["align", "height", "size", "type", "width"]),
    "span" => el(NONE, DATA_BINDING),
    "strike" => el(NONE, NONE),
    "strong" => el(NONE, NONE),
    "style" => el(&["blocking", "media"], &["type"]),
    "sub" => el(NONE, NONE),
    "summary" => el(NONE, NONE),
    "sup" => el(NONE, NONE),
    "svg" => FOREIGN,
    "table" => el(
        NONE,
        &[
            "align",
            "background",
            "bgcolor",
            "border",
            "bordercolor",
            "cellpadding",
            "cellspacing",
            "dataformatas",
            "datapagesize",
            "datasrc",
            "frame",
            "height",
            "rules",
            "summary",
            "width",
        ],
    ),
    "tbody" => el(NONE, TABLE_SECTION_LEGACY),
    "td" => el(
        &["colspan", "headers", "rowspan"],
        &[
            "abbr",
            "align",
            "axis",
            "background",
            "bgcolor",
            "char",
            "charoff",
            "height",
            "nowrap",
            "scope",
            "valign",
            "width",
        ],
    ),
    "template" => el(
        &[
            "shadowrootclonable",
            "shadowrootcustomelementregistry",
            "shadowrootdelegatesfocus",
            "shadowrootmode",
            "shadowrootserializable",
        ],
        NONE,
    ),
    "textarea" => el(
        &[
            "autocomplete",
            "cols",
            "dirname",
            "disabled",
            "form",
            "maxlength",
            "minlength",
            "name",
            "placeholder",
            "readonly",
            "required",
            "rows",
            "wrap",
        ],
        &["datafld", "datasrc"],
    ),
    "tfoot" => el(NONE, TABLE_SECTION_LEGACY),
    "th" => el(
        &["abbr", "colspan", "headers", "rowspan", "scope"],
        &[
            "align",
            "axis",
            "background",
            "bgcolor",
            "char",
            "charoff",
            "height",
            "nowrap",
            "valign",
            "width",
        ],
    ),
    "thead" => el(NONE, TABLE_SECTION_LEGACY),
    "time" => el(&["datetime"], NONE),
    "title" => el(NONE, NONE),
    "tr" => el(
        NONE,
        &[
            "align",
            "background",
            "bgcolor",
            "char",
            "charoff",
            "height",
            "valign",
        ],
    ),
    "track" => el(&["default", "kind", "label", "src", "srclang"], NONE),
    "tt" => el(NONE, NONE),
    "u" => el(NONE, NONE),
    "ul" => el(NONE, &["compact", "type"]),
    "var" => el(NONE, NONE),
    "video" => el(
        &[
            "autoplay",
            "controls",
            "crossorigin",
            "height",
            "loop",
            "muted",
            "playsinline",
            "poster",
            "preload",
            "src",
            "width",
        ],
        &[
            "controlslist",
            "disablepictureinpicture",
            "disableremoteplayback",
        ],
    ),
    "wbr" => el(NONE, NONE),
    "xmp" => el(NONE, NONE),

}

/// Attribute-name prefixes used by frameworks and templating languages.
const EXEMPT_PREFIXES: &[&str] = &[
    "data-",
    "aria-",
    "@",
    "#",
    "*",
    "[",
    "(",
    "v-",
    "x-",
    "ng-",
    "hx-",
    "data_",
    "wire:",
    "alpine",
    "sveltekit:",
    "on:",
    "bind:",
    "class:",
    "use:",
    "transition:",
    "up-",
    "turbo-",
    "stimulus",
    "_",
    "s-",
    "js-",
    "v_",
];

/// Membership in a small attribute list. `==` on `&str` compares lengths
/// first, which makes this linear scan cheaper than a binary search here.
fn list_contains(list: &[&str], name: &str) -> bool {
    list.contains(&name)
}

/// `on` followed by one or more ASCII letters (`onclick`, `onbeforeunload`).
fn is_event_handler(attribute: &str) -> bool {
    let bytes = attribute.as_bytes();
    bytes.len() > 2 && bytes.starts_with(b"on") && bytes[2..].iter().all(u8::is_ascii_alphabetic)
}

/// A custom data attribute (`data-` followed by at least one character).
fn is_custom_data(attribute: &str) -> bool {
    attribute.len() > 5 && attribute.starts_with("data-")
}

/// Valid on every HTML element, whatever the element.
fn is_universal(attribute: &str) -> bool {
    is_global_attribute(attribute)
        || is_event_handler(attribute)
        || is_custom_data(attribute)
        || is_extra_global_attribute(attribute)
}

/// True for every element name defined by the WHATWG HTML Living Standard,
/// plus obsolete elements browsers still parse. Input is lowercase ASCII.
pub(crate) fn is_known_element(element: &str) -> bool {
    lookup(element).is_some()
}

/// True when `attribute` (lowercase) is allowed on `element` (lowercase):
/// global attributes, event handlers, `data-*`, the element's attributes from
/// the spec index, and obsolete attributes still in use. Unknown elements
/// (custom elements, SVG/MathML children) and the foreign roots `svg` and
/// `math` accept everything.
pub(crate) fn is_valid_attribute(element: &str, attribute: &str) -> bool {
    let Some(spec) = lookup(element) else {
        return true;
    };
    spec.foreign
        || is_universal(attribute)
        || list_contains(spec.current, attribute)
        || list_contains(spec.legacy, attribute)
}

/// True when `attribute` is a valid attribute of at least one known element.
fn is_known_attribute(attribute: &str) -> bool {
    is_universal(attribute)
        || ELEMENT_NAMES
            .iter()
            .filter_map(|name| lookup(name))
            .any(|spec| {
                list_contains(spec.current, attribute) || list_contains(spec.legacy, attribute)
            })
}

/// Attributes that are never treated as typos whatever the element:
/// `data-*`, `aria-*`, framework and templating syntaxes, and any name that is
/// not made only of ASCII letters, digits and `-`.
pub(crate) fn is_exempt_attribute(attribute: &str) -> bool {
    if attribute.is_empty()
        || !attribute
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return true;
    }
    EXEMPT_PREFIXES
        .iter()
        .any(|prefix| crate::source::starts_with_ignoring_case(attribute, prefix))
}

/// Whether a candidate at `distance` from an attribute of `len` bytes starting
/// with `first` is close enough to be proposed.
///
/// Distance 1 is always close enough (the only distance allowed up to 4
/// characters). Distance 2 is only accepted when the attribute has at least 6
/// characters and keeps the candidate's first letter: at 5 characters two
/// edits turn ordinary words used as custom attributes into real attribute
/// names (`state`/`stage`/`scale` → `style`, `range` → `lang`, `route` →
/// `role`, `input` → `inert`, `false` → `value`), and real two-edit typos
/// almost never change the first letter (`option` → `action`, `router` →
/// `poster` are not typos).
fn accepts_distance(len: usize, first: u8, candidate: &str, distance: usize) -> bool {
    match distance {
        1 => true,
        2 => len >= 6 && candidate.as_bytes()[0] == first,
        _ => false,
    }
}

/// `attribute` is `candidate` followed by `-` or a digit (`title-2`,
/// `translate-x`, `target2`): a custom attribute named after a real one, not a
/// misspelling of it.
fn extends(attribute: &str, candidate: &str) -> bool {
    attribute.len() > candidate.len()
        && attribute.starts_with(candidate)
        && matches!(attribute.as_bytes()[candidate.len()], b'-' | b'0'..=b'9')
}

/// For an attribute that is neither valid on `element` nor exempt, the valid
/// attribute name (global or element-specific; event handlers and obsolete
/// attributes are never proposed) it is most likely a typo of.
///
/// Uses Damerau–Levenshtein distance: exactly 1 for attributes of up to 4
/// characters, at most 2 for longer ones (see [`accepts_distance`] for the
/// extra conditions on distance 2). Returns `None` for attributes of 2
/// characters or fewer, for names that are valid on some other element
/// (misplaced, not misspelt), and when the best distance is shared by several
/// candidates — unless exactly one of them is element-specific, which wins.
pub(crate) fn suggest_attribute(element: &str, attribute: &str) -> Option<&'static str> {
    if attribute.bytes().any(|b| b.is_ascii_uppercase()) {
        return suggest_attribute(element, &attribute.to_ascii_lowercase());
    }
    let len = attribute.len();
    if len <= 2
        || is_exempt_attribute(attribute)
        || is_valid_attribute(element, attribute)
        || is_known_attribute(attribute)
    {
        return None;
    }
    let spec = lookup(element)?;
    let max_distance = if len <= 4 { 1 } else { 2 };
    let first = attribute.as_bytes()[0];

    let mut best = usize::MAX;
    // (count, first name) of the candidates at the best distance.
    let mut specific: (usize, &'static str) = (0, "");
    let mut global: (usize, &'static str) = (0, "");
    let candidates = spec
        .current
        .iter()
        .map(|name| (*name, true))
        .chain(GLOBAL_ATTRIBUTES.iter().map(|name| (*name, false)));
    for (candidate, is_specific) in candidates {
        if candidate.len() < 2
            || candidate.len().abs_diff(len) > max_distance
            || extends(attribute, candidate)
        {
            continue;
        }
        let distance = damerau_levenshtein(attribute, candidate);
        if !accepts_distance(len, first, candidate, distance) || distance > best {
            continue;
        }
        if distance < best {
            best = distance;
            specific = (0, "");
            global = (0, "");
        }
        let slot = if is_specific {
            &mut specific
        } else {
            &mut global
        };
        if slot.0 == 0 {
            slot.1 = candidate;
        }
        slot.0 += 1;
    }
    match (specific.0, global.0) {
        (1, _) => Some(specific.1),
        (0, 1) => Some(global.1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_specs() -> impl Iterator<Item = (&'static str, &'static ElementSpec)> {
        ELEMENT_NAMES
            .iter()
            .map(|name| (*name, lookup(name).expect("every listed element resolves")))
    }

    fn all_lists() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
        all_specs().flat_map(|(name, spec)| [(name, spec.current), (name, spec.legacy)])
    }

    #[test]
    fn suggests_common_typos() {
        assert_eq!(suggest_attribute("a", "taget"), Some("target"));
        assert_eq!(suggest_attribute("a", "herf"), Some("href"));
        assert_eq!(suggest_attribute("img", "scr"), Some("src"));
        assert_eq!(suggest_attribute("img", "atl"), Some("alt"));
        assert_eq!(suggest_attribute("input", "tpye"), Some("type"));
        assert_eq!(suggest_attribute("div", "clas"), Some("class"));
        assert_eq!(suggest_attribute("div", "stlye"), Some("style"));
        assert_eq!(suggest_attribute("div", "tabindx"), Some("tabindex"));
        assert_eq!(suggest_attribute("img", "lodaing"), Some("loading"));
        assert_eq!(suggest_attribute("link", "intergity"), Some("integrity"));
        assert_eq!(
            suggest_attribute("script", "crossorign"),
            Some("crossorigin")
        );
        assert_eq!(suggest_attribute("div", "xmllang"), Some("xml:lang"));
    }

    #[test]
    fn comparison_is_case_insensitive() {
        assert_eq!(suggest_attribute("a", "HERF"), Some("href"));
        assert_eq!(suggest_attribute("div", "CLAS"), Some("class"));
    }

    #[test]
    fn element_specific_candidate_wins_a_tie_with_a_global() {
        // `tyle` is one edit from both `type` (input) and `style` (global).
        assert_eq!(suggest_attribute("input", "tyle"), Some("type"));
        // On a div only the global is a candidate.
        assert_eq!(suggest_attribute("div", "tyle"), Some("style"));
    }

    #[test]
    fn ambiguous_ties_give_no_suggestion() {
        // `ref` is one edit from both `href` and `rel` on a link.
        assert_eq!(suggest_attribute("a", "ref"), None);
        assert_eq!(suggest_attribute("link", "ref"), None);
        // `ids` is one edit from both `id` and `is`.
        assert_eq!(suggest_attribute("div", "ids"), None);
    }

    #[test]
    fn thresholds() {
        // Too short to judge.
        assert_eq!(suggest_attribute("div", "cl"), None);
        assert_eq!(suggest_attribute("img", "sr"), None);
        // Length <= 4 needs distance exactly 1.
        assert_eq!(suggest_attribute("div", "hide"), None);
        assert_eq!(suggest_attribute("div", "lng"), Some("lang"));
        // Longer attributes allow distance 2 (from 6 characters, same first letter).
        assert_eq!(suggest_attribute("a", "trget"), Some("target"));
        assert_eq!(suggest_attribute("a", "traget"), Some("target"));
        assert_eq!(suggest_attribute("a", "trgt"), None);
        assert_eq!(suggest_attribute("a", "tagrte"), Some("target"));
        assert_eq!(suggest_attribute("div", "hiddden"), Some("hidden"));
        assert_eq!(suggest_attribute("input", "plceholdr"), Some("placeholder"));
        assert_eq!(suggest_attribute("img", "lodng"), None);
        assert_eq!(suggest_attribute("div", "state"), None);
        assert_eq!(suggest_attribute("form", "option"), None);
        assert_eq!(suggest_attribute("video", "router"), None);
        assert_eq!(suggest_attribute("a", "tzrgzz"), None);
    }

    #[test]
    fn never_suggests_event_handlers_or_obsolete_names() {
        // `oncick` is itself event-handler shaped, hence valid.
        assert!(is_valid_attribute("div", "oncick"));
        assert_eq!(suggest_attribute("div", "oncick"), None);
        // `bgcolr` on a div: `bgcolor` is obsolete, so not proposed.
        assert_eq!(suggest_attribute("div", "bgcolr"), None);
        // `order` is one edit from the obsolete `border` on table.
        assert_eq!(suggest_attribute("table", "order"), None);
        assert_eq!(suggest_attribute("img", "bordr"), None);
    }

    #[test]
    fn misplaced_real_attributes_are_not_typos() {
        for element in ["a", "area", "form", "base"] {
            assert!(is_valid_attribute(element, "target"), "{element}");
        }
        assert!(!is_valid_attribute("div", "target"));
        assert_eq!(suggest_attribute("div", "target"), None);
        assert_eq!(suggest_attribute("div", "href"), None);
        assert_eq!(suggest_attribute("span", "src"), None);
        assert_eq!(suggest_attribute("div", "name"), None);
        assert_eq!(suggest_attribute("div", "color"), None);
    }

    #[test]
    fn custom_attributes_seen_in_the_wild_are_left_alone() {
        for attribute in [
            "map",
            "phase",
            "order",
            "stakeholder",
            "stakeholder-1",
            "action-area",
            "title",
            "toggle",
            "tooltip",
            "variant",
            "layout",
            "key",
            "ref",
            "lazy",
            "sort",
            "icon",
            "theme",
            "index",
            "delay",
            "offset",
            "effect",
            "visible",
            "active",
            "tab",
            "state",
            "stage",
            "store",
            "scale",
            "range",
            "route",
            "input",
            "flags",
            "items",
            "translate-x",
            "title-2",
            "style-dark",
            "target2",
        ] {
            assert_eq!(suggest_attribute("div", attribute), None, "{attribute}");
        }
        assert!(is_valid_attribute("div", "title"));
    }

    #[test]
    fn framework_attributes_are_exempt() {
        for attribute in [
            "data-bs-toggle",
            "aria-label",
            "xlink:href",
            "@click",
            ":class",
            "v-if",
            "v-bind:x",
            "th:text",
            "xml:lang",
            "#ref",
            "*ngif",
            "[value]",
            "(click)",
            "x-data",
            "ng-app",
            "hx-get",
            "data_id",
            "wire:model",
            "alpinejs",
            "sveltekit:prefetch",
            "on:click",
            "bind:value",
            "class:active",
            "use:action",
            "transition:fade",
            "up-target",
            "turbo-frame",
            "stimulus-controller",
            "_",
            "_on",
            "s-if",
            "js-toggle",
            "v_model",
            "x.y",
            "café",
            "a b",
            "DATA-FOO",
            "",
        ] {
            assert!(is_exempt_attribute(attribute), "{attribute:?}");
        }
        for attribute in ["href", "stakeholder-1", "taget", "map", "onclick"] {
            assert!(!is_exempt_attribute(attribute), "{attribute}");
        }
        assert_eq!(suggest_attribute("div", "x-clas"), None);
    }

    #[test]
    fn validity() {
        assert!(is_valid_attribute("img", "loading"));
        assert!(is_valid_attribute("img", "decoding"));
        assert!(is_valid_attribute("img", "fetchpriority"));
        for element in ["div", "a", "img", "body", "svg", "my-widget", "marquee"] {
            assert!(is_valid_attribute(element, "onclick"), "{element}");
            assert!(is_valid_attribute(element, "class"), "{element}");
            assert!(is_valid_attribute(element, "data-x"), "{element}");
        }
        assert!(!is_valid_attribute("div", "on"));
        assert!(!is_valid_attribute("div", "on-click"));
        assert!(is_valid_attribute("my-widget", "anything"));
        assert!(is_valid_attribute("svg", "viewbox"));
        assert!(is_valid_attribute("div", "align"));
        assert!(is_valid_attribute("td", "bgcolor"));
        assert!(is_valid_attribute("iframe", "frameborder"));
        assert!(is_valid_attribute("iframe", "allowfullscreen"));
        assert!(is_valid_attribute("iframe", "sandbox"));
        assert!(is_valid_attribute("iframe", "srcdoc"));
        assert!(is_valid_attribute("video", "playsinline"));
        assert!(is_valid_attribute("template", "shadowrootmode"));
        assert!(is_valid_attribute("dialog", "closedby"));
        assert!(is_valid_attribute("details", "name"));
        assert!(is_valid_attribute("input", "switch"));
        assert!(is_valid_attribute("button", "commandfor"));
        assert!(is_valid_attribute("button", "popovertargetaction"));
        assert!(is_valid_attribute("link", "imagesrcset"));
        assert!(is_valid_attribute("meta", "property"));
        assert!(is_valid_attribute("html", "xmlns"));
        assert!(is_valid_attribute("div", "xml:lang"));
        assert!(is_valid_attribute("image", "src"));
        assert!(!is_valid_attribute("div", "src"));
        assert!(!is_valid_attribute("span", "href"));
        assert!(!is_valid_attribute("img", "taget"));
    }

    #[test]
    fn known_elements() {
        for element in [
            "a",
            "div",
            "search",
            "hgroup",
            "template",
            "slot",
            "dialog",
            "selectedcontent",
            "svg",
            "math",
        ] {
            assert!(is_known_element(element), "{element}");
        }
        for element in [
            "acronym",
            "applet",
            "basefont",
            "bgsound",
            "big",
            "blink",
            "center",
            "dir",
            "font",
            "frame",
            "frameset",
            "isindex",
            "keygen",
            "listing",
            "marquee",
            "menuitem",
            "multicol",
            "nextid",
            "nobr",
            "noembed",
            "noframes",
            "plaintext",
            "rb",
            "rtc",
            "spacer",
            "strike",
            "tt",
            "xmp",
            "image",
        ] {
            assert!(is_known_element(element), "{element}");
        }
        for element in ["dvi", "my-widget", "path", "", "DIV"] {
            assert!(!is_known_element(element), "{element}");
        }
    }

    #[test]
    fn tables_are_sorted_lowercase_and_without_duplicates() {
        fn check_sorted(what: &str, list: &[&str]) {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{what}: {pair:?} unsorted or duplicated");
            }
        }
        check_sorted("globals", GLOBAL_ATTRIBUTES);
        check_sorted("extra globals", EXTRA_GLOBAL_ATTRIBUTES);
        check_sorted("elements", ELEMENT_NAMES);
        for element in ELEMENT_NAMES {
            assert!(
                element
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{element}"
            );
        }
        for (element, list) in all_lists() {
            check_sorted(element, list);
            for name in list {
                assert!(
                    name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                    "{element}: {name}"
                );
                assert!(
                    !is_universal(name) || *name == "content",
                    "{element}: {name} is global"
                );
                assert!(!is_event_handler(name), "{element}: {name}");
            }
        }
        for (element, spec) in all_specs() {
            for name in spec.current {
                assert!(
                    !spec.legacy.contains(name),
                    "{element}: {name} in both tiers"
                );
            }
            assert_eq!(spec.foreign, matches!(element, "svg" | "math"), "{element}");
        }
        for name in GLOBAL_ATTRIBUTES {
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b':'),
                "{name}"
            );
            assert!(!EXTRA_GLOBAL_ATTRIBUTES.contains(name), "{name}");
        }
    }
}
