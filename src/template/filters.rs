//! Liquid's standard filters and Jekyll's URL and text filters, on known values. A filter we do
//! not know, or one whose result depends on something we do not model (`date`, `markdownify`),
//! makes the value undecidable (`None`), never a guess.

use serde_json::Value;

use super::render::to_text;
use super::Library;

fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Null => Some(0.0),
        _ => None,
    }
}

/// A number back as Liquid shows it: integers without `.0`.
fn from_number(value: f64, integer: bool) -> Value {
    #[allow(clippy::cast_possible_truncation)] // Guarded by the range check.
    if integer && value.fract() == 0.0 && value.abs() < 9.0e15 {
        return Value::from(value as i64);
    }
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

fn is_integer(value: &Value) -> bool {
    match value {
        Value::Number(n) => n.is_i64() || n.is_u64(),
        Value::String(s) => s.trim().parse::<i64>().is_ok(),
        Value::Null => true,
        _ => false,
    }
}

fn arithmetic(value: &Value, arg: &Value, op: fn(f64, f64) -> f64) -> Option<Value> {
    let integer = is_integer(value) && is_integer(arg);
    Some(from_number(op(number(value)?, number(arg)?), integer))
}

/// Jekyll's `slugify` in its default mode (`Jekyll::Utils.slugify`): runs of anything but
/// letters, marks and decimal digits (`[^\p{M}\p{L}\p{Nd}]+`) become one hyphen, none at the
/// ends, lowercase.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('-');
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

fn text(value: &Value) -> Option<String> {
    to_text(value)
}

fn arg_text(args: &[Option<Value>], index: usize) -> Option<String> {
    match args.get(index) {
        Some(Some(value)) => text(value),
        Some(None) => None,
        None => Some(String::new()),
    }
}

fn property<'v>(item: &'v Value, key: &str) -> Option<&'v Value> {
    item.as_object().and_then(|m| m.get(key))
}

/// Apply filter `name` to `value`; `None` when the result cannot be decided.
#[allow(clippy::too_many_lines)] // A flat table of filters.
pub(crate) fn apply_filter(
    name: &str,
    value: Value,
    args: &[Option<Value>],
    library: &Library,
) -> Option<Value> {
    let arg = |index: usize| -> Option<Value> {
        match args.get(index) {
            Some(Some(v)) => Some(v.clone()),
            Some(None) => None,
            None => Some(Value::Null),
        }
    };
    Some(match name {
        "relative_url" => Value::String(library.relative_url(&text(&value)?)),
        "absolute_url" => Value::String(library.absolute_url(&text(&value)?)),
        "append" => Value::String(text(&value)? + &arg_text(args, 0)?),
        "prepend" => Value::String(arg_text(args, 0)? + &text(&value)?),
        "downcase" => Value::String(text(&value)?.to_lowercase()),
        "upcase" => Value::String(text(&value)?.to_uppercase()),
        "capitalize" => {
            let t = text(&value)?;
            let mut chars = t.chars();
            Value::String(match chars.next() {
                Some(first) => {
                    first.to_uppercase().collect::<String>() + &chars.as_str().to_lowercase()
                }
                None => String::new(),
            })
        }
        "strip" => Value::String(text(&value)?.trim().to_string()),
        "lstrip" => Value::String(text(&value)?.trim_start().to_string()),
        "rstrip" => Value::String(text(&value)?.trim_end().to_string()),
        "strip_newlines" => Value::String(text(&value)?.replace(['\n', '\r'], "")),
        "remove" => Value::String(text(&value)?.replace(&arg_text(args, 0)?, "")),
        "remove_first" => Value::String(text(&value)?.replacen(&arg_text(args, 0)?, "", 1)),
        "replace" => Value::String(text(&value)?.replace(&arg_text(args, 0)?, &arg_text(args, 1)?)),
        "replace_first" => {
            Value::String(text(&value)?.replacen(&arg_text(args, 0)?, &arg_text(args, 1)?, 1))
        }
        "slugify" => Value::String(slugify(&text(&value)?)),
        "url_encode" | "cgi_escape" => {
            Value::String(url::form_urlencoded::byte_serialize(text(&value)?.as_bytes()).collect())
        }
        "uri_escape" => Value::String(
            percent_encoding::utf8_percent_encode(&text(&value)?, URI_ESCAPE).to_string(),
        ),
        "url_decode" => Value::String(
            percent_encoding::percent_decode_str(&text(&value)?.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned(),
        ),
        // Escaping changes only `&<>"'`, which a URL attribute decodes back.
        "escape" | "escape_once" | "xml_escape" | "h" => value,
        "default" => {
            let empty = match &value {
                Value::Null | Value::Bool(false) => true,
                Value::String(s) => s.is_empty(),
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.is_empty(),
                Value::Number(_) | Value::Bool(true) => false,
            };
            let allow_false = matches!(args.get(1), Some(Some(Value::Bool(true))));
            if empty && !(allow_false && value == Value::Bool(false)) {
                arg(0)?
            } else {
                value
            }
        }
        "size" => Value::from(match &value {
            Value::String(s) => s.chars().count(),
            Value::Array(a) => a.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        }),
        "split" => {
            let t = text(&value)?;
            let separator = arg_text(args, 0)?;
            let parts: Vec<Value> = if separator.is_empty() {
                t.chars().map(|c| Value::String(c.to_string())).collect()
            } else if separator == " " {
                t.split_whitespace()
                    .map(|p| Value::String(p.into()))
                    .collect()
            } else {
                // Ruby's String#split drops trailing empty fields.
                let mut parts: Vec<&str> = t.split(separator.as_str()).collect();
                while parts.last() == Some(&"") {
                    parts.pop();
                }
                parts.into_iter().map(|p| Value::String(p.into())).collect()
            };
            Value::Array(parts)
        }
        "join" => {
            let separator = match args.first() {
                None => " ".to_string(),
                Some(_) => arg_text(args, 0)?,
            };
            match value {
                Value::Array(items) => {
                    let texts: Option<Vec<String>> = items.iter().map(text).collect();
                    Value::String(texts?.join(&separator))
                }
                other => other,
            }
        }
        "first" => match value {
            Value::Array(items) => items.into_iter().next().unwrap_or(Value::Null),
            Value::String(s) => {
                Value::String(s.chars().next().map(String::from).unwrap_or_default())
            }
            _ => Value::Null,
        },
        "last" => match value {
            Value::Array(items) => items.into_iter().last().unwrap_or(Value::Null),
            Value::String(s) => {
                Value::String(s.chars().last().map(String::from).unwrap_or_default())
            }
            _ => Value::Null,
        },
        "reverse" => match value {
            Value::Array(mut items) => {
                items.reverse();
                Value::Array(items)
            }
            other => other,
        },
        "uniq" => match value {
            Value::Array(items) => {
                let mut out: Vec<Value> = Vec::new();
                for item in items {
                    if !out.contains(&item) {
                        out.push(item);
                    }
                }
                Value::Array(out)
            }
            other => other,
        },
        "compact" => match value {
            Value::Array(items) => {
                Value::Array(items.into_iter().filter(|v| !v.is_null()).collect())
            }
            other => other,
        },
        "concat" => match (value, arg(0)?) {
            (Value::Array(mut a), Value::Array(b)) => {
                a.extend(b);
                Value::Array(a)
            }
            _ => return None,
        },
        "push" => match value {
            Value::Array(mut items) => {
                items.push(arg(0)?);
                Value::Array(items)
            }
            _ => return None,
        },
        "map" => {
            let key = arg_text(args, 0)?;
            match value {
                Value::Array(items) => Value::Array(
                    items
                        .iter()
                        .map(|i| property(i, &key).cloned().unwrap_or(Value::Null))
                        .collect(),
                ),
                _ => return None,
            }
        }
        "where" => {
            let key = arg_text(args, 0)?;
            let wanted = args.get(1).cloned().unwrap_or(None);
            match value {
                Value::Array(items) => Value::Array(
                    items
                        .into_iter()
                        .filter(|item| {
                            let field = property(item, &key);
                            match &wanted {
                                Some(w) => field.is_some_and(|f| {
                                    f == w
                                        || text(f).is_some_and(|t| Some(t) == text(w))
                                        || f.as_array().is_some_and(|a| a.contains(w))
                                }),
                                None => {
                                    field.is_some_and(|f| !f.is_null() && f != &Value::Bool(false))
                                }
                            }
                        })
                        .collect(),
                ),
                _ => return None,
            }
        }
        "sort" | "sort_natural" => match value {
            Value::Array(mut items) => {
                let key = match args.first() {
                    Some(_) => Some(arg_text(args, 0)?),
                    None => None,
                };
                let natural = name == "sort_natural";
                let sort_key = |v: &Value| -> (u8, String, f64) {
                    let v = key
                        .as_ref()
                        .map_or(Some(v), |k| property(v, k))
                        .unwrap_or(&Value::Null);
                    match v {
                        Value::Number(n) => (0, String::new(), n.as_f64().unwrap_or(0.0)),
                        Value::Null => (2, String::new(), 0.0),
                        other => {
                            let t = text(other).unwrap_or_default();
                            (1, if natural { t.to_lowercase() } else { t }, 0.0)
                        }
                    }
                };
                items.sort_by(|a, b| {
                    let (a, b) = (sort_key(a), sort_key(b));
                    a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.total_cmp(&b.2))
                });
                Value::Array(items)
            }
            other => other,
        },
        "slice" => {
            let start = arg(0)?.as_i64()?;
            let length = match args.get(1) {
                Some(_) => arg(1)?.as_i64()?,
                None => 1,
            };
            let length = usize::try_from(length.max(0)).ok()?;
            match value {
                Value::Array(items) => {
                    let len = i64::try_from(items.len()).ok()?;
                    let begin =
                        usize::try_from(if start < 0 { len + start } else { start }.max(0)).ok()?;
                    Value::Array(items.into_iter().skip(begin).take(length).collect())
                }
                other => {
                    let t: Vec<char> = text(&other)?.chars().collect();
                    let len = i64::try_from(t.len()).ok()?;
                    let begin =
                        usize::try_from(if start < 0 { len + start } else { start }.max(0)).ok()?;
                    Value::String(t.iter().skip(begin).take(length).collect())
                }
            }
        }
        "truncate" => {
            let t = text(&value)?;
            let limit = usize::try_from(arg(0)?.as_i64().unwrap_or(50).max(0)).ok()?;
            let ellipsis = match args.get(1) {
                Some(_) => arg_text(args, 1)?,
                None => "...".to_string(),
            };
            if t.chars().count() <= limit {
                Value::String(t)
            } else {
                let keep = limit.saturating_sub(ellipsis.chars().count());
                Value::String(t.chars().take(keep).collect::<String>() + &ellipsis)
            }
        }
        "plus" => arithmetic(&value, &arg(0)?, |a, b| a + b)?,
        "minus" => arithmetic(&value, &arg(0)?, |a, b| a - b)?,
        "times" => arithmetic(&value, &arg(0)?, |a, b| a * b)?,
        "divided_by" => {
            let divisor = arg(0)?;
            if number(&divisor)? == 0.0 {
                return None;
            }
            let integer = is_integer(&value) && is_integer(&divisor);
            let quotient = number(&value)? / number(&divisor)?;
            from_number(if integer { quotient.floor() } else { quotient }, integer)
        }
        "modulo" => {
            let divisor = arg(0)?;
            if number(&divisor)? == 0.0 {
                return None;
            }
            arithmetic(&value, &divisor, f64::rem_euclid)?
        }
        "abs" => from_number(number(&value)?.abs(), is_integer(&value)),
        "floor" => from_number(number(&value)?.floor(), true),
        "ceil" => from_number(number(&value)?.ceil(), true),
        "round" => from_number(number(&value)?.round(), true),
        "at_least" => from_number(number(&value)?.max(number(&arg(0)?)?), is_integer(&value)),
        "at_most" => from_number(number(&value)?.min(number(&arg(0)?)?), is_integer(&value)),
        "strip_html" => {
            let t = text(&value)?;
            let mut out = String::new();
            let mut in_tag = false;
            for c in t.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            Value::String(out)
        }
        "jsonify" | "inspect" => Value::String(serde_json::to_string(&value).ok()?),
        "array_to_sentence_string" => match value {
            Value::Array(items) => {
                let texts: Vec<String> = items.iter().map(text).collect::<Option<_>>()?;
                Value::String(match texts.len() {
                    0 => String::new(),
                    1 => texts[0].clone(),
                    2 => format!("{} and {}", texts[0], texts[1]),
                    n => format!("{}, and {}", texts[..n - 1].join(", "), texts[n - 1]),
                })
            }
            other => other,
        },
        "number_of_words" => Value::from(text(&value)?.split_whitespace().count()),
        "newline_to_br" => Value::String(text(&value)?.replace('\n', "<br />\n")),
        // `date`, `markdownify`, `where_exp`, `group_by`, `sample`, plugin filters…
        _ => return None,
    })
}

/// Ruby's `URI.escape` (Jekyll's `uri_escape`) keeps reserved characters.
const URI_ESCAPE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_like_jekyll_default() {
        assert_eq!(slugify("The _config.yml file"), "the-config-yml-file");
        assert_eq!(slugify("  Hello, World!  "), "hello-world");
        assert_eq!(slugify("Café au lait"), "café-au-lait");
    }
}
