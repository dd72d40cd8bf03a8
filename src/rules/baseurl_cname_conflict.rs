//! LINK004 baseurl-cname-conflict: a `CNAME` file serves the site at `/` of a custom domain, so
//! a non-empty `baseurl` makes every `relative_url` and `{{ site.baseurl }}` link point under a
//! path that does not exist there.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, FileName};
use crate::registry::BASEURL_CNAME_CONFLICT as RULE;
use crate::site::config::SiteConfig;
use crate::source::LineIndex;

pub(crate) fn check(
    site: &SiteConfig,
    config: &Arc<FileName>,
    config_text: &str,
    out: &mut Vec<Diagnostic>,
) {
    let (Some(cname), false) = (&site.cname, site.baseurl.is_empty()) else {
        return;
    };
    let location = site
        .baseurl_span
        .clone()
        .map(|span| LineIndex::new(config_text).location(span));
    out.push(
        Diagnostic::new(
            &RULE,
            config,
            location,
            format!(
                "`baseurl` is `{}` but `CNAME` serves the site at `/` on `{cname}`",
                site.baseurl
            ),
        )
        .label("links built with this baseurl point under a path the custom domain does not have")
        .help(
            "set `baseurl: \"\"` (a custom domain serves the site at its root), or remove `CNAME`",
        )
        .fix("")
        .related(crate::check::whole_file(
            config.disk.parent().unwrap_or(std::path::Path::new(".")),
            "CNAME",
            format!("`CNAME` puts the site on `{cname}`"),
        )),
    );
}
