//! IMG001 missing-alt-text and IMG002 file-name-alt-text.
//! <https://www.w3.org/WAI/WCAG22/Understanding/non-text-content.html>

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::parse::html::Element;
use crate::registry::{FILE_NAME_ALT_TEXT, MISSING_ALT_TEXT};

/// Does the element have a non-empty accessible name from ARIA or `title` (axe's `image-alt`
/// accepts these as the text alternative), or is it marked presentational?
fn has_other_name(element: &Element) -> bool {
    let non_empty = |name: &str| element.value(name).is_some_and(|v| !v.trim().is_empty());
    non_empty("aria-label")
        || non_empty("aria-labelledby")
        || non_empty("title")
        || element.value("role").is_some_and(|r| {
            r.eq_ignore_ascii_case("presentation") || r.eq_ignore_ascii_case("none")
        })
}

const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff", "jxl", "heic",
];

/// The file name of a URL (last path segment, no query or fragment).
fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or_default()
}

fn strip_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(base, _)| base)
}

/// Is `alt` just a file name: the image's own, or any `name.png`-shaped text?
fn is_file_name(alt: &str, src: Option<&str>) -> bool {
    let alt = alt.trim();
    if alt.is_empty() {
        return false;
    }
    if let Some(src) = src {
        let name = percent_encoding::percent_decode_str(file_name(src)).decode_utf8_lossy();
        if !name.is_empty()
            && (alt.eq_ignore_ascii_case(&name) || alt.eq_ignore_ascii_case(strip_extension(&name)))
            && (alt.contains(['-', '_', '.'])
                || !alt.contains(' ') && alt.chars().any(|c| c.is_ascii_digit()))
        {
            return true;
        }
    }
    !alt.contains(' ')
        && alt.rsplit_once('.').is_some_and(|(base, extension)| {
            !base.is_empty() && IMAGE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
        })
}

pub(crate) fn check(document: &Document<'_>, out: &mut Vec<Diagnostic>) {
    for element in &document.elements {
        if element.foreign {
            continue;
        }
        let what = match element.name.as_str() {
            "img" => "image",
            "area" if element.attribute("href").is_some() => "image map area",
            "input"
                if element
                    .value("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("image")) =>
            {
                "image button"
            }
            _ => continue,
        };
        let src = element.value("src");
        let src_text = src.map_or(String::new(), |s| format!(" `{s}`"));
        match element.attribute("alt") {
            None => {
                if has_other_name(element) {
                    continue;
                }
                let span = element
                    .attribute("src")
                    .map_or(element.span.clone(), crate::parse::html::Attribute::span);
                if document.is_templated(&element.span) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &MISSING_ALT_TEXT,
                        document.file,
                        Some(document.location(span)),
                        format!("{what}{src_text} has no `alt` attribute"),
                    )
                    .label("no text alternative")
                    .help(if element.name == "img" {
                        "describe the image in `alt=\"…\"`, or use `alt=\"\"` if it is decorative"
                    } else {
                        "add an `alt` attribute that says where the control leads or what it does"
                    }),
                );
            }
            Some(alt) => {
                let span = alt.span();
                if document.is_templated(&span) {
                    continue;
                }
                if !alt.value.is_empty() && alt.value.trim().is_empty() {
                    out.push(
                        Diagnostic::new(
                            &MISSING_ALT_TEXT,
                            document.file,
                            Some(document.location(span)),
                            format!("{what}{src_text} has an `alt` of only whitespace"),
                        )
                        .label("screen readers announce nothing useful here")
                        .help(
                            "describe the image, or use `alt=\"\"` (no space) if it is decorative",
                        )
                        .fix(""),
                    );
                } else if is_file_name(&alt.value, src) {
                    out.push(
                        Diagnostic::new(
                            &FILE_NAME_ALT_TEXT,
                            document.file,
                            Some(document.location(span)),
                            format!("`alt` text `{}` is a file name", alt.value),
                        )
                        .label("a file name is not a description")
                        .help(
                            "describe what the image shows, or use `alt=\"\"` if it is decorative",
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_file_name;

    #[test]
    fn file_name_alt_detection() {
        assert!(is_file_name("hero.png", Some("hero.png")));
        assert!(is_file_name("IMG_0042", Some("/photos/IMG_0042.jpg")));
        assert!(is_file_name("diagram.svg", None));
        assert!(!is_file_name("Team photo", Some("team.png")));
        assert!(!is_file_name("Logo", Some("logo.png")));
        assert!(!is_file_name("Version 2.0", None));
    }
}
