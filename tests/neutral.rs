//! Ordinary prose that is not an apology must not produce error or warning
//! findings: each of the 1000 neutral sentences per language in
//! `tests/data/neutral/` (see its ATTRIBUTION.md) is linted on its own, in its
//! own locale.

use meaculpa::{Engine, LintOptions, Severity};

/// False alarms tolerated per 1000 sentences (issue 6 sets the goal at ≤ 1).
const MAX_FALSE_ALARMS: usize = 1;

fn false_alarms(locale: &str) -> Vec<String> {
    let engine = Engine::new().expect("embedded packs load");
    let path = format!(
        "{}/tests/data/neutral/{locale}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("neutral data is in the repository");
    let options = LintOptions::language(locale);
    let mut alarms = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let report = engine.lint(line, &options).expect("locale exists");
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
        {
            alarms.push(format!("{} «{}» in: {line}", f.rule, f.span.text(line)));
        }
    }
    alarms
}

fn check(locale: &str) {
    let alarms = false_alarms(locale);
    assert!(
        alarms.len() <= MAX_FALSE_ALARMS,
        "{} false alarms on neutral {locale} prose:\n{}",
        alarms.len(),
        alarms.join("\n")
    );
}

#[test]
fn english_prose_is_not_flagged() {
    check("en");
}

#[test]
fn italian_prose_is_not_flagged() {
    check("it");
}

#[test]
fn tagalog_prose_is_not_flagged() {
    check("tl");
}

#[test]
fn bulgarian_prose_is_not_flagged() {
    check("bg");
}

/// Neutral sentences (per 1000) on which the part model may show a part:
/// it reads only a text that apologizes or shows a part by its cues, so
/// prose that is no apology keeps its parts to what the cues see (without
/// that gate it showed `acknowledge` on 8–35% of them, by the prior of a
/// corpus of apologies).
const MAX_MODEL_PARTS: usize = 30;

#[test]
fn the_part_model_stays_quiet_on_prose_that_is_no_apology() {
    let engine = Engine::new().expect("embedded packs load");
    for locale in ["en", "it", "tl", "bg"] {
        let path = format!(
            "{}/tests/data/neutral/{locale}.txt",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("neutral data is in the repository");
        let options = LintOptions::language(locale);
        let shown: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter(|line| {
                let report = engine.lint(line, &options).expect("locale exists");
                !report.parts.model.is_empty()
            })
            .collect();
        assert!(
            shown.len() <= MAX_MODEL_PARTS,
            "{locale}: the part model showed parts on {} neutral sentences:\n{}",
            shown.len(),
            shown.join("\n")
        );
    }
}
