//! `meaculpa check`: a fixture per check (`tests/fixtures/check/cases.toml`)
//! breaks a copy of a small valid pack in one way and must get exactly the
//! expected problem with its place; the valid pack and the embedded packs
//! pass; a pack broken in several ways at once gets every problem reported.

use std::path::Path;

use meaculpa::check::{PackCheck, Problem, check_packs};
use meaculpa::pack::{Ids, read_pack};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    check: String,
    file: String,
    find: String,
    replace: String,
    expect: String,
}

fn fixtures() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check"))
}

/// Copies base/eo into a temporary directory, applying `edits`.
fn broken_copy(edits: &[(&str, &str, &str)]) -> (tempfile::TempDir, PackCheck) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let target = dir.path().join("eo");
    std::fs::create_dir(&target).unwrap();
    for entry in std::fs::read_dir(fixtures().join("base/eo")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut text = std::fs::read_to_string(entry.path()).unwrap();
        for (file, find, replace) in edits {
            if *file == name {
                assert!(text.contains(find), "the fixture {name} contains {find:?}");
                text = text.replacen(find, replace, 1);
            }
        }
        std::fs::write(target.join(&name), text).unwrap();
    }
    let result = check(&target);
    (dir, result)
}

fn check(pack: &Path) -> PackCheck {
    let reference = read_pack(&fixtures().join("base/en")).unwrap();
    let source = read_pack(pack).unwrap();
    let ids = Ids::embedded().unwrap();
    check_packs(&[source], &reference, &ids).pop().unwrap()
}

/// A problem as the CLI prints it, with the path made relative to `root`.
fn show(p: &Problem, level: &str, root: &Path) -> String {
    let file = p
        .file
        .strip_prefix(&format!("{}/", root.display()))
        .unwrap_or(&p.file);
    if p.line == 0 {
        format!("{file}: {level}[{}]: {}", p.check, p.message)
    } else {
        format!(
            "{file}:{}:{}: {level}[{}]: {}",
            p.line, p.column, p.check, p.message
        )
    }
}

fn all(result: &PackCheck, root: &Path) -> Vec<String> {
    result
        .errors
        .iter()
        .map(|p| show(p, "error", root))
        .chain(result.warnings.iter().map(|p| show(p, "warning", root)))
        .collect()
}

#[test]
fn the_valid_fixture_pack_passes() {
    let result = check(&fixtures().join("base/eo"));
    let shown = all(&result, &fixtures().join("base"));
    assert!(result.errors.is_empty(), "{shown:#?}");
}

#[test]
fn each_check_reports_its_broken_pack_exactly() {
    let text = std::fs::read_to_string(fixtures().join("cases.toml")).unwrap();
    let cases: Cases = toml::from_str(&text).unwrap();
    let mut failures = Vec::new();
    for case in &cases.case {
        let (dir, result) = broken_copy(&[(&case.file, &case.find, &case.replace)]);
        let shown = all(&result, dir.path());
        if !shown.contains(&case.expect) {
            failures.push(format!(
                "{}: expected\n  {}\ngot\n  {}",
                case.check,
                case.expect,
                shown.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_pack_broken_in_several_ways_gets_every_problem() {
    let (dir, result) = broken_copy(&[
        ("apology.ftl", "{ $fix }", "{ $fixed }"),
        ("messages.ftl", "part-apologize = pardonpeti\n", ""),
        (
            "messages.ftl",
            "cli-items",
            "rule-conditional-apology = duoble\ncli-items",
        ),
        ("messages.ftl", "La pardonpeto", "{ La pardonpeto"),
        (
            "rules.toml",
            "patterns = [\"$apology se\"]",
            "patterns = [\"$apology se\"]\npatern = 1",
        ),
    ]);
    let shown = all(&result, dir.path()).join("\n");
    for check in [
        "variable-parity",
        "missing-message",
        "duplicate-id",
        "syntax",
        "unknown-key",
    ] {
        assert!(
            shown.contains(&format!("[{check}]")),
            "`{check}` is reported:\n{shown}"
        );
    }
    assert!(
        result
            .errors
            .iter()
            .all(|p| p.line > 0 || p.file.ends_with(".ftl")),
        "{shown}"
    );
}

#[test]
fn mixed_with_names_other_packs_by_valid_tags() {
    let (dir, result) = broken_copy(&[(
        "pack.toml",
        "script = \"Latin\"\n",
        "script = \"Latin\"\nmixed_with = [\"en\", \"eo\", \"en_US!\"]\n",
    )]);
    let shown = all(&result, dir.path()).join("\n");
    assert!(
        shown
            .contains("eo/pack.toml:9:21: error[pack]: `mixed_with` entry `eo` is the pack itself"),
        "{shown}"
    );
    assert!(
        shown.contains(
            "eo/pack.toml:9:27: error[pack]: `mixed_with` entry `en_US!` is not a valid BCP 47 tag"
        ),
        "{shown}"
    );
    assert!(!shown.contains("entry `en`"), "{shown}");
    // A pack mixed with another is a valid pack.
    let (_dir, result) = broken_copy(&[(
        "pack.toml",
        "script = \"Latin\"\n",
        "script = \"Latin\"\nmixed_with = [\"en\"]\n",
    )]);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
}

#[test]
fn a_scaffolded_locale_fails_until_translated() {
    let dir = tempfile::tempdir().unwrap();
    let reference = read_pack(&fixtures().join("base/en")).unwrap();
    let files = meaculpa::pack::scaffold(&reference, "pt-BR").unwrap();
    let target = dir.path().join("pt-BR");
    std::fs::create_dir(&target).unwrap();
    for (name, text) in files {
        std::fs::write(target.join(name), text).unwrap();
    }
    let result = check(&target);
    let shown = all(&result, dir.path()).join("\n");
    assert!(
        shown.contains("error[untranslated]: `part-apologize` is marked untranslated"),
        "{shown}"
    );
    assert!(shown.contains("unknown whatlang code"), "{shown}");
}
