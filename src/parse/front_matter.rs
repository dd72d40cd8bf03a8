//! YAML front matter: find it (as Jekyll does: `---` on the very first line, closed by `---` or
//! `...` on a line of its own) and parse it with serde-saphyr, whose errors carry positions.

use std::ops::Range;

/// Where a file's front matter is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// Byte range of the YAML between the fences.
    pub yaml: Range<usize>,
    /// Byte range of the whole block, fences included.
    pub block: Range<usize>,
}

/// Jekyll's rule: the file starts with `---` (optionally followed by spaces) and a newline.
pub(crate) fn find(text: &str) -> Option<FrontMatter> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_line_end + 1;
    let mut line_start = yaml_start;
    while line_start <= text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| i + line_start);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            let block_end = (line_end + 1).min(text.len());
            return Some(FrontMatter {
                yaml: yaml_start..line_start,
                block: 0..block_end,
            });
        }
        if line_end >= text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    None
}

/// A YAML error with the byte offset (into the parsed text) it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    pub message: String,
    pub offset: Option<usize>,
}

/// Parse YAML into a JSON-like value (an empty document is an empty mapping).
pub(crate) fn parse_yaml(yaml: &str) -> Result<serde_json::Value, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    match serde_saphyr::from_str::<serde_json::Value>(yaml) {
        Ok(serde_json::Value::Null) => Ok(serde_json::Value::Object(serde_json::Map::new())),
        Ok(value) => Ok(value),
        Err(error) => {
            let offset = error.location().and_then(|location| {
                offset_of(
                    yaml,
                    usize::try_from(location.line()).ok()?,
                    usize::try_from(location.column()).ok()?,
                )
            });
            Err(YamlError {
                message: first_line_of_error(&error.to_string()),
                offset,
            })
        }
    }
}

/// serde-saphyr's Display adds a source snippet after the first line; we render our own.
fn first_line_of_error(rendered: &str) -> String {
    let line = rendered.lines().next().unwrap_or("invalid YAML").trim();
    // Drop a leading "error: line X column Y: " (the line counts from the start of the YAML,
    // not of the file, so it contradicts our own location) ...
    let line = line.strip_prefix("error: ").unwrap_or(line);
    let line = match line
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
    {
        Some((position, rest)) if position.contains(" column ") => rest,
        _ => line,
    };
    // ... and a trailing " at line X column Y" for the same reason.
    let line = match line.find(" at line ") {
        Some(index) => &line[..index],
        None => line,
    };
    line.trim_end_matches('.').to_string()
}

/// Byte offset of 1-based (line, column-in-characters).
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let line_text = &text[start..];
    let within = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or_else(
            || line_text.find('\n').unwrap_or(line_text.len()),
            |(i, _)| i,
        );
    Some(start + within)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_front_matter_with_crlf_and_dots() {
        let text = "---\r\ntitle: x\r\n...\r\nbody";
        let fm = find(text).unwrap();
        assert_eq!(&text[fm.yaml.clone()], "title: x\r\n");
        assert_eq!(&text[fm.block.end..], "body");
        assert!(find("--- \ntitle: x\n").is_none());
        assert!(find("body\n---\n").is_none());
        let empty = find("---\n---\n").unwrap();
        assert_eq!(empty.yaml, 4..4);
    }

    #[test]
    fn yaml_errors_point_into_the_yaml() {
        let yaml = "title: ok\nlayout: [unclosed\n";
        let error = parse_yaml(yaml).unwrap_err();
        assert!(error.offset.is_some(), "{error:?}");
        assert!(!error.message.is_empty());
        let value = parse_yaml("title: Hello\npermalink: /x/\n").unwrap();
        assert_eq!(value["permalink"], "/x/");
    }

    #[test]
    fn error_messages_carry_no_position_of_their_own() {
        let error = parse_yaml("title: ok\nlayout: \"open\n").unwrap_err();
        assert!(!error.message.contains("line "), "{}", error.message);
        assert!(!error.message.starts_with("error:"), "{}", error.message);
        assert_eq!(
            first_line_of_error("error: line 2 column 8: unclosed quote"),
            "unclosed quote"
        );
    }
}
