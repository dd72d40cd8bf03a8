//! Parsers that keep byte positions: HTML, Markdown, front matter, Liquid masking, CSS, srcset;
//! and the heading-id sluggers of the Markdown engines (`slug`).

pub(crate) mod css;
pub(crate) mod front_matter;
pub(crate) mod html;
pub(crate) mod liquid;
pub(crate) mod markdown;
pub(crate) mod slug;
pub(crate) mod srcset;
pub(crate) mod tokenizer;
