//! Output URLs as Jekyll computes them (Jekyll 4: `Page#template`, `Document#url_placeholders`,
//! `Utils.add_permalink_suffix`, `URL#sanitize_url`, and the destination rule that appends the
//! output extension to an extensionless URL).

use serde_json::Value;

use super::config::{value_as_string, SiteConfig, MARKDOWN_EXTENSIONS};

/// The output extension of a source file (`.md` → `.html`, `.scss` → `.css`).
pub(crate) fn output_extension(extension: &str) -> String {
    let lower = extension.to_ascii_lowercase();
    if MARKDOWN_EXTENSIONS.contains(&lower.as_str()) {
        ".html".into()
    } else if lower == "scss" || lower == "sass" {
        ".css".into()
    } else if lower.is_empty() {
        String::new()
    } else {
        format!(".{extension}")
    }
}

/// Jekyll's `slugify` in `default` mode (or `pretty` mode, which keeps `._~!$&'()+,;=@`).
pub(crate) fn slugify(text: &str, pretty: bool, cased: bool) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut dash = false;
    for ch in text.chars() {
        let keep = ch.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(ch));
        if keep {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(ch);
        } else {
            dash = true;
        }
    }
    if cased {
        slug
    } else {
        slug.to_lowercase()
    }
}

/// `URL#sanitize_url`: leading slash, no `..` or `./` segments, no doubled slashes.
fn sanitize(url: &str) -> String {
    let with_slash = format!("/{url}").replace("..", "/").replace("./", "");
    let mut out = String::with_capacity(with_slash.len());
    for ch in with_slash.chars() {
        if ch == '/' && out.ends_with('/') {
            continue;
        }
        out.push(ch);
    }
    out
}

fn replace_placeholders(template: &str, placeholders: &[(&str, String)]) -> String {
    // Longest names first, so `:title` is not eaten by a shorter `:t…` name.
    let mut sorted: Vec<&(&str, String)> = placeholders.iter().collect();
    sorted.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        if let Some((name, value)) = sorted.iter().find(|(name, _)| after.starts_with(*name)) {
            out.push_str(value);
            rest = &after[name.len()..];
        } else {
            out.push(':');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn add_permalink_suffix(template: &str, style: &str) -> String {
    match style {
        "pretty" => format!("{template}/"),
        "date" | "ordinal" | "none" | "weekdate" => format!("{template}:output_ext"),
        custom => {
            let mut template = template.to_string();
            if custom.ends_with('/') {
                template.push('/');
            }
            if custom.ends_with(":output_ext") {
                template.push_str(":output_ext");
            }
            template
        }
    }
}

fn style_template(style: &str) -> Option<&'static str> {
    Some(match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        _ => return None,
    })
}

/// Split `dir/name.ext` into (`dir`, `name`, `ext`).
fn split_path(relative: &str) -> (&str, &str, &str) {
    let (dir, file) = relative.rsplit_once('/').unwrap_or(("", relative));
    let (base, extension) = match file.rsplit_once('.') {
        Some((base, extension)) if !base.is_empty() => (base, extension),
        _ => (file, ""),
    };
    (dir, base, extension)
}

/// URL of a page (a file outside collections, with front matter).
pub(crate) fn page_url(relative: &str, permalink: Option<&str>, site: &SiteConfig) -> String {
    let (dir, base, extension) = split_path(relative);
    let output_ext = output_extension(extension);
    let html = output_ext == ".html" || output_ext == ".htm";
    let template = match permalink {
        Some(permalink) => permalink.to_string(),
        None if !html => "/:path/:basename:output_ext".to_string(),
        None if base == "index" => "/:path/".to_string(),
        None => add_permalink_suffix("/:path/:basename", &site.permalink),
    };
    let placeholders = [
        ("path", dir.to_string()),
        ("basename", base.to_string()),
        ("output_ext", output_ext),
    ];
    sanitize(&replace_placeholders(&template, &placeholders))
}

/// URL of a collection document (`_name/…`), posts included.
pub(crate) fn document_url(
    relative: &str,
    collection: &str,
    collection_permalink: Option<&str>,
    front_matter: &serde_json::Map<String, Value>,
    site: &SiteConfig,
) -> String {
    let inside = relative.split_once('/').map_or(relative, |(_, rest)| rest);
    let (dir, base, extension) = split_path(inside);
    let output_ext = output_extension(extension);
    let mut name = base.to_string();
    let (mut year, mut month, mut day) = (String::new(), String::new(), String::new());
    if collection == "posts" {
        // `2024-01-31-title.md`: the date comes from the file name.
        let bytes = base.as_bytes();
        if bytes.len() > 11
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes[10] == b'-'
            && base[..4].bytes().all(|b| b.is_ascii_digit())
        {
            year = base[..4].to_string();
            month = base[5..7].to_string();
            day = base[8..10].to_string();
            name = base[11..].to_string();
        }
    }
    if let Some(date) = front_matter.get("date").and_then(value_as_string) {
        if date.len() >= 10 && date.as_bytes()[4] == b'-' {
            year = date[..4].to_string();
            month = date[5..7].to_string();
            day = date[8..10].to_string();
        }
    }
    let slug_source = front_matter
        .get("slug")
        .and_then(value_as_string)
        .unwrap_or_else(|| name.clone());
    let categories = match front_matter
        .get("categories")
        .or_else(|| front_matter.get("category"))
    {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(value_as_string)
            .map(|c| slugify(&c, false, false))
            .collect::<Vec<_>>()
            .join("/"),
        Some(Value::String(text)) => text
            .split_whitespace()
            .map(|c| slugify(c, false, false))
            .collect::<Vec<_>>()
            .join("/"),
        _ => String::new(),
    };
    let path = if dir.is_empty() {
        name.clone()
    } else {
        format!("{dir}/{name}")
    };
    let template = if let Some(permalink) = front_matter.get("permalink").and_then(value_as_string)
    {
        permalink
    } else if let Some(permalink) = collection_permalink {
        style_template(permalink).map_or_else(|| permalink.to_string(), str::to_string)
    } else if collection == "posts" {
        style_template(&site.permalink).map_or_else(|| site.permalink.clone(), str::to_string)
    } else {
        "/:collection/:path:output_ext".to_string()
    };
    let placeholders = [
        ("collection", collection.to_string()),
        ("path", path),
        ("name", slugify(&name, false, false)),
        ("title", slugify(&slug_source, true, true)),
        ("slug", slugify(&slug_source, false, false)),
        ("categories", categories),
        ("year", year.clone()),
        ("short_year", year.get(2..).unwrap_or_default().to_string()),
        ("month", month.clone()),
        ("i_month", month.trim_start_matches('0').to_string()),
        ("day", day.clone()),
        ("i_day", day.trim_start_matches('0').to_string()),
        ("output_ext", output_ext),
    ];
    sanitize(&replace_placeholders(&template, &placeholders))
}

/// The file Jekyll writes for a URL: `…/` → `…/index.html`; no extension → add the output one.
pub(crate) fn destination(url: &str, output_ext: &str) -> String {
    if url.ends_with('/') {
        format!(
            "{url}index{}",
            if output_ext.is_empty() {
                ".html"
            } else {
                output_ext
            }
        )
    } else if !output_ext.is_empty() && !url.ends_with(output_ext) {
        format!("{url}{output_ext}")
    } else {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(config: &serde_json::Value) -> SiteConfig {
        SiteConfig::jekyll(config, "", None)
    }

    #[test]
    fn pages_follow_the_permalink_style() {
        let date = site(&serde_json::json!({}));
        assert_eq!(page_url("about.md", None, &date), "/about.html");
        assert_eq!(page_url("index.md", None, &date), "/");
        assert_eq!(page_url("docs/index.html", None, &date), "/docs/");
        assert_eq!(page_url("docs/setup.md", None, &date), "/docs/setup.html");
        assert_eq!(page_url("css/main.scss", None, &date), "/css/main.css");
        let pretty = site(&serde_json::json!({"permalink": "pretty"}));
        assert_eq!(page_url("about.md", None, &pretty), "/about/");
        assert_eq!(
            page_url("404.html", Some("/404.html"), &pretty),
            "/404.html"
        );
        assert_eq!(
            page_url("a/b.md", Some("/:path/:basename/"), &pretty),
            "/a/b/"
        );
    }

    #[test]
    fn collections_and_posts() {
        let config = site(&serde_json::json!({}));
        let empty = serde_json::Map::new();
        assert_eq!(
            document_url(
                "_stakeholders/hr-systems.md",
                "stakeholders",
                Some("/stakeholder/:name"),
                &empty,
                &config
            ),
            "/stakeholder/hr-systems"
        );
        assert_eq!(
            document_url("_docs/a/B c.md", "docs", None, &empty, &config),
            "/docs/a/B c.html"
        );
        assert_eq!(
            document_url(
                "_posts/2024-01-31-Hello World.md",
                "posts",
                None,
                &empty,
                &config
            ),
            "/2024/01/31/Hello-World.html"
        );
        assert_eq!(
            destination("/stakeholder/hr-systems", ".html"),
            "/stakeholder/hr-systems.html"
        );
        assert_eq!(destination("/docs/", ".html"), "/docs/index.html");
        assert_eq!(destination("/404.html", ".html"), "/404.html");
    }

    #[test]
    fn slugify_modes() {
        assert_eq!(slugify("Hello, World!", false, false), "hello-world");
        assert_eq!(slugify("Hello, World!", true, true), "Hello,-World!");
    }
}
