//! LIC001 missing-license and LIC002 license-mismatch. A project's license is its LICENSE file
//! (identified by text) and whatever its pages claim (a `rel="license"` link or a link to a
//! known license deed). Detection: `crate::license`.

use std::path::Path;

use crate::check::whole_file;
use crate::diagnostic::{Diagnostic, FileName};
use crate::document::Facts;
use crate::license::{display_name, identify_license_text, is_license_file_name};
use crate::registry::{LICENSE_MISMATCH, MISSING_LICENSE};

/// The project's license files and, for each one identified, its SPDX id. Identification
/// builds a detection store (tens of milliseconds), so the caller runs this beside the map stage.
pub(crate) struct LicenseFiles {
    names: Vec<String>,
    identified: Vec<(String, &'static str)>,
}

pub(crate) fn identify_files(root: &Path) -> LicenseFiles {
    // Read from the folder itself: sites often `exclude:` LICENSE from the build.
    let mut names: Vec<String> = std::fs::read_dir(root)
        .map(|listing| {
            listing
                .flatten()
                .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| is_license_file_name(name))
                .collect()
        })
        .unwrap_or_default();
    names.sort_unstable();
    let identified = names
        .iter()
        .filter_map(|name| {
            let text = std::fs::read(root.join(name)).ok()?;
            let text = String::from_utf8_lossy(&text);
            identify_license_text(&text).map(|found| (name.clone(), found.spdx))
        })
        .collect();
    LicenseFiles { names, identified }
}

pub(crate) fn check(root: &Path, files: &LicenseFiles, all: &[Facts], out: &mut Vec<Diagnostic>) {
    let claims: Vec<_> = all
        .iter()
        .flat_map(|f| f.license_claims.iter().map(move |c| (f, c)))
        .collect();
    if files.names.is_empty() && claims.is_empty() {
        let file = std::sync::Arc::new(FileName {
            display: ".".into(),
            disk: root.to_path_buf(),
        });
        out.push(
            Diagnostic::new(&MISSING_LICENSE, &file, None, "the project has no license: no LICENSE file and no page links to one")
                .help("add a LICENSE file (https://choosealicense.com), and link it from the footer with `rel=\"license\"`"),
        );
        return;
    }
    let Some((first_file, first_spdx)) = files.identified.first() else {
        return;
    };
    let (first_file, first_spdx) = (first_file.as_str(), *first_spdx);
    for (facts, claim) in claims {
        if claim.spdx.is_empty() || files.identified.iter().any(|(_, spdx)| *spdx == claim.spdx) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &LICENSE_MISMATCH,
                &facts.file,
                Some(claim.location),
                format!(
                    "page claims {} but `{first_file}` is {}",
                    display_name(claim.spdx),
                    display_name(first_spdx)
                ),
            )
            .label(format!("links to the {} license", display_name(claim.spdx)))
            .help(format!(
                "make the claim match `{first_file}` ({first_spdx}), or change `{first_file}`; if content and code are licensed differently, say so in `{first_file}`"
            ))
            .related(whole_file(root, first_file, format!("`{first_file}` is {first_spdx}"))),
        );
    }
}
