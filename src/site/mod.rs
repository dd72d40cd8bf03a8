//! The site: its settings, every file's output URL, and link resolution.

pub(crate) mod config;
pub(crate) mod model;
pub(crate) mod urls;

pub use config::Mode;
