//! Parsers that keep byte positions: HTML, Markdown, front matter, Liquid masking, CSS, srcset.

pub(crate) mod css;
pub(crate) mod front_matter;
pub(crate) mod html;
pub(crate) mod liquid;
pub(crate) mod markdown;
pub(crate) mod srcset;
