//! Shell niceties: completion scripts, man pages, `--color`.

use assert_cmd::Command;

fn sitelint() -> Command {
    Command::cargo_bin("sitelint").unwrap()
}

fn stdout(args: &[&str]) -> String {
    let output = sitelint().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completion_scripts_cover_subcommands_and_check_flags() {
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("_sitelint()"), "{bash}");
    for word in [
        "check",
        "explain",
        "--output-format",
        "--isolated",
        "concise",
    ] {
        assert!(bash.contains(word), "bash completion lacks `{word}`");
    }
    for (shell, marker) in [
        ("zsh", "#compdef sitelint"),
        ("fish", "complete -c sitelint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[sitelint]"),
    ] {
        let script = stdout(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(script.contains("isolated"), "{shell}");
    }
    let output = sitelint().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn man_pages_are_generated_for_the_tool_and_each_command() {
    let main = stdout(&["man"]);
    assert!(main.contains(".TH sitelint 1"), "{main}");
    assert!(main.contains("sitelint\\-check(1)"), "{main}");
    let check = stdout(&["man", "check"]);
    assert!(
        check.contains(".TH sitelint-check 1  \"sitelint-check 0.1"),
        "{check}"
    );
    assert!(check.contains("\\fB\\-\\-isolated\\fR"), "{check}");
    assert!(check.contains("\\fB\\-\\-output\\-format\\fR"), "{check}");
    let output = sitelint().args(["man", "nope"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no command named `nope`"));
}

fn human(color: Option<&str>, no_color: bool) -> String {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/missing-alt-text");
    let mut command = sitelint();
    command.args(["check", "--offline"]).arg(&site);
    if let Some(color) = color {
        command.args(["--color", color]);
    }
    if no_color {
        command.env("NO_COLOR", "1");
    } else {
        command.env_remove("NO_COLOR");
    }
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

#[test]
fn color_is_off_off_a_terminal_on_when_forced_and_never_when_refused() {
    // Tests run with stdout piped: `auto` means no colour.
    assert!(!human(None, false).contains('\u{1b}'));
    assert!(!human(Some("auto"), false).contains('\u{1b}'));
    assert!(human(Some("always"), false).contains("\u{1b}["));
    // An explicit `--color always` wins over `NO_COLOR`, as no-color.org allows.
    assert!(human(Some("always"), true).contains("\u{1b}["));
    assert!(!human(Some("never"), false).contains('\u{1b}'));
    // Same findings either way.
    let plain = human(Some("never"), false);
    assert!(plain.contains("IMG001(missing-alt-text)"), "{plain}");
}
