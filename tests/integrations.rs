//! The files other tools read: `action.yml` (GitHub Actions), `.pre-commit-hooks.yaml`
//! (pre-commit) and the release workflow. They parse, every input the action uses is declared,
//! and every sitelint command line in them is one the CLI accepts.

use std::collections::BTreeSet;
use std::path::Path;

use clap::Parser;
use serde_json::Value;
use sitelint::cli::Cli;

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).unwrap()
}

fn yaml(relative: &str) -> Value {
    serde_saphyr::from_str::<Value>(&read(relative))
        .unwrap_or_else(|e| panic!("{relative} does not parse: {e}"))
}

/// Names `prefix.NAME` used inside `${{ … }}` expressions.
fn referenced(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for expression in text.split("${{").skip(1) {
        let expression = expression.split("}}").next().unwrap_or_default();
        for (index, _) in expression.match_indices(prefix) {
            let before = expression[..index].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_') {
                continue;
            }
            let name: String = expression[index + prefix.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

/// Parse a `sitelint check …` command line as the CLI would, with shell variables replaced by
/// placeholders.
fn assert_cli_accepts(words: &[&str], context: &str) {
    let mut args: Vec<String> = vec!["sitelint".into()];
    for word in words {
        if *word == "\"$@\"" {
            args.push("site".into());
        } else if word.starts_with("\"$") {
            args.push("file.out".into());
        } else {
            args.push((*word).to_string());
        }
    }
    if let Err(error) = Cli::try_parse_from(&args) {
        panic!("{context}: `{}` is rejected: {error}", args.join(" "));
    }
}

#[test]
fn action_inputs_used_are_declared_and_declared_inputs_are_used() {
    let text = read("action.yml");
    let action = yaml("action.yml");
    let declared: BTreeSet<String> = action["inputs"]
        .as_object()
        .expect("action.yml has inputs")
        .keys()
        .cloned()
        .collect();
    let used = referenced(&text, "inputs.");
    assert!(!used.is_empty());
    let undeclared: Vec<_> = used.difference(&declared).collect();
    assert!(
        undeclared.is_empty(),
        "used but not declared: {undeclared:?}"
    );
    let unused: Vec<_> = declared.difference(&used).collect();
    assert!(unused.is_empty(), "declared but never used: {unused:?}");
    for input in ["args", "version", "fail-on", "sarif-file"] {
        assert!(declared.contains(input), "input `{input}` is missing");
        assert!(
            action["inputs"][input]["description"].is_string(),
            "input `{input}` has no description"
        );
    }
}

#[test]
fn action_is_a_composite_whose_steps_and_outputs_fit_together() {
    let text = read("action.yml");
    let action = yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let ids: BTreeSet<String> = steps
        .iter()
        .filter_map(|s| s["id"].as_str().map(str::to_string))
        .collect();
    for step in steps {
        // Composite actions require a shell on every `run` step.
        if step.get("run").is_some() {
            assert!(step["shell"].is_string(), "step without shell: {step}");
        }
    }
    let used = referenced(&text, "steps.");
    let unknown: Vec<_> = used.difference(&ids).collect();
    assert!(
        unknown.is_empty(),
        "steps referenced but not defined: {unknown:?}"
    );
    assert_eq!(
        action["outputs"]["exit_code"]["value"],
        "${{ steps.run.outputs.exit_code }}"
    );
    // Every sitelint command line in the scripts is one the CLI accepts; annotations come
    // from `--format github`.
    let mut commands = 0;
    for step in steps {
        for line in step["run"].as_str().unwrap_or_default().lines() {
            let line = line.trim();
            if let Some(rest) = line.strip_prefix("sitelint check ") {
                let words: Vec<&str> = rest
                    .split_whitespace()
                    .take_while(|w| *w != "|" && *w != ">")
                    .collect();
                assert_cli_accepts(
                    &["check"].into_iter().chain(words).collect::<Vec<_>>(),
                    line,
                );
                commands += 1;
            }
        }
    }
    assert_eq!(commands, 2);
    assert!(text.contains("sitelint check --format github"));
    assert!(text.contains("$GITHUB_STEP_SUMMARY"));
}

#[test]
fn release_builds_every_target_the_action_downloads() {
    let action = read("action.yml");
    let release = yaml(".github/workflows/release.yml");
    assert!(release["on"]["push"]["tags"].is_array());
    let targets: BTreeSet<String> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap().to_string())
        .collect();
    let mut wanted = BTreeSet::new();
    for line in action.lines() {
        if let Some((_, target)) = line.split_once(") target=") {
            let target = target.trim_end_matches(" ;;").trim();
            if !target.is_empty() && target != "\"\"" {
                wanted.insert(target.to_string());
            }
        }
    }
    assert_eq!(wanted, targets);
    for os in ["linux", "apple-darwin", "windows"] {
        assert!(targets.iter().any(|t| t.contains(os)), "no {os} build");
    }
    // The test workflow of the action parses too.
    let test = yaml(".github/workflows/test-action.yml");
    assert!(test["jobs"]["action"]["steps"].is_array());
}

#[test]
fn pre_commit_hooks_check_staged_pages_and_the_whole_site_offline() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    let by_id = |id: &str| {
        hooks
            .iter()
            .find(|h| h["id"] == id)
            .unwrap_or_else(|| panic!("no hook `{id}`"))
    };
    let staged = by_id("sitelint");
    assert_eq!(staged["types_or"], serde_json::json!(["html", "markdown"]));
    assert_eq!(staged["require_serial"], true);
    assert_ne!(staged["pass_filenames"], false);
    let site = by_id("sitelint-site");
    assert_eq!(site["pass_filenames"], false);
    for hook in [staged, site] {
        let entry = hook["entry"].as_str().unwrap();
        assert!(entry.contains("--offline"), "{entry}");
        assert_eq!(hook["language"], "rust");
        let words: Vec<&str> = entry.split_whitespace().skip(1).collect();
        assert_cli_accepts(&words, entry);
    }
}

/// Run the action's `Run sitelint` step script with bash, as the runner would, against `site`.
fn run_step(site: &Path, fail_on: &str, sarif: bool) -> (i32, String, String, String) {
    let action = yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "run")
        .unwrap();
    let script = step["run"].as_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let output_file = dir.path().join("output");
    let summary_file = dir.path().join("summary");
    let binary = Path::new(env!("CARGO_BIN_EXE_sitelint"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let sarif_path = dir.path().join("out.sarif");
    let output = std::process::Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(site)
        .env("PATH", path)
        .env("ARGS", ". --ignore LIC --offline")
        .env("FAIL_ON", fail_on)
        .env(
            "SARIF_FILE",
            if sarif {
                sarif_path.to_str().unwrap()
            } else {
                ""
            },
        )
        .env("SUMMARY", "true")
        .env("RUNNER_TEMP", dir.path())
        .env("GITHUB_OUTPUT", &output_file)
        .env("GITHUB_STEP_SUMMARY", &summary_file)
        .output()
        .unwrap();
    if sarif {
        let log: Value = serde_json::from_slice(&std::fs::read(&sarif_path).unwrap()).unwrap();
        assert_eq!(log["version"], "2.1.0");
    }
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        std::fs::read_to_string(&output_file).unwrap_or_default(),
        std::fs::read_to_string(&summary_file).unwrap_or_default(),
    )
}

#[test]
fn action_run_step_annotates_summarises_and_fails_as_configured() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/ler-ecosystem-map-v2");
    let (code, stdout, outputs, summary) = run_step(&demo, "error", true);
    assert_eq!(code, 1);
    assert_eq!(outputs, "exit_code=1\n");
    // The four link and attribute errors, the two license badges without a link name and
    // the 404 page's empty title.
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("::error ")).count(),
        7
    );
    assert!(
        stdout.contains("::error file=about.md,line=33,col=58,"),
        "{stdout}"
    );
    assert!(summary.starts_with("## sitelint\n"), "{summary}");
    assert!(summary.contains("| [ATTR001]"), "{summary}");
    let (code, _, outputs, _) = run_step(&demo, "never", false);
    assert_eq!((code, outputs.as_str()), (0, "exit_code=1\n"));

    // Only warnings: `error` passes, `warning` fails.
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("a b.png"), b"\x89PNG").unwrap();
    std::fs::write(
        site.path().join("index.html"),
        "<!doctype html>\n<html lang=\"en\"><title>T</title>\n<main><h1>T</h1><img src=\"a b.png\" alt=\"A\"></main>\n",
    )
    .unwrap();
    let (code, stdout, outputs, _) = run_step(site.path(), "error", false);
    assert_eq!((code, outputs.as_str()), (0, "exit_code=0\n"), "{stdout}");
    assert!(
        stdout.starts_with("::warning file=index.html,line=3,col=27,"),
        "{stdout}"
    );
    let (code, _, _, _) = run_step(site.path(), "warning", false);
    assert_eq!(code, 1);
    let (code, _, _, _) = run_step(site.path(), "sometimes", false);
    assert_eq!(code, 2);
}
