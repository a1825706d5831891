//! Held-out sentences (`tests/data/heldout/<tag>.toml`), written without
//! looking at the packs' rules: each rule must fire on fresh realistic
//! sentences in every language, and sincere apologies must draw no error or
//! warning and be detected as their own language.

use std::collections::BTreeMap;

use meaculpa::{Engine, LintOptions, Severity};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeldOut {
    case: Vec<Case>,
    sincere: Vec<Sincere>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    rule: String,
    text: String,
    phrase: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Sincere {
    text: String,
}

const LOCALES: [&str; 4] = ["en", "it", "tl", "bg"];
/// Share of held-out cases that must fire on the expected phrase.
const MIN_RECALL: f64 = 0.9;

fn load(locale: &str) -> HeldOut {
    let path = format!(
        "{}/tests/data/heldout/{locale}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("held-out data is in the repository");
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_rule_fires_on_held_out_sentences_in_every_language() {
    let engine = Engine::new().expect("embedded packs load");
    let mut problems = Vec::new();
    let mut summary = Vec::new();
    for locale in LOCALES {
        let data = load(locale);
        let options = LintOptions::language(locale);
        let mut fired_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        let mut misses = Vec::new();
        for case in &data.case {
            let at = case
                .text
                .find(&case.phrase)
                .expect("the phrase is in the text");
            let phrase = at..at + case.phrase.len();
            let report = engine.lint(&case.text, &options).expect("locale exists");
            let fired = report.findings.iter().any(|f| {
                f.rule == case.rule && f.span.start < phrase.end && phrase.start < f.span.end
            });
            let entry = fired_by_rule.entry(case.rule.as_str()).or_default();
            if fired {
                *entry += 1;
            } else {
                let got: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| format!("{} «{}»", f.rule, f.span.text(&case.text)))
                    .collect();
                misses.push(format!(
                    "{locale} {}: «{}» missed in «{}» (found {got:?})",
                    case.rule, case.phrase, case.text
                ));
            }
        }
        for rule in engine.ids().rules.keys() {
            if fired_by_rule.get(rule.as_str()).copied().unwrap_or(0) == 0 {
                problems.push(format!(
                    "{locale}: `{rule}` fired on none of its held-out sentences"
                ));
            }
        }
        let recall = (data.case.len() - misses.len()) as f64 / data.case.len() as f64;
        summary.push(format!(
            "{locale}: {}/{} held-out cases fire ({:.0}%)",
            data.case.len() - misses.len(),
            data.case.len(),
            recall * 100.0
        ));
        if recall < MIN_RECALL {
            problems.push(format!(
                "{locale}: held-out recall {recall:.2} is below {MIN_RECALL}"
            ));
        }
        problems.extend(misses.into_iter().map(|m| format!("  (miss) {m}")));
    }
    let failing = problems.iter().any(|p| !p.starts_with("  (miss)"));
    assert!(!failing, "{}\n{}", summary.join("\n"), problems.join("\n"));
}

#[test]
fn sincere_held_out_apologies_draw_no_error_or_warning() {
    let engine = Engine::new().expect("embedded packs load");
    let mut problems = Vec::new();
    for locale in LOCALES {
        for sincere in load(locale).sincere {
            let report = engine
                .lint(&sincere.text, &LintOptions::default())
                .expect("auto never fails");
            if report.language.code.as_deref() != Some(locale) {
                problems.push(format!(
                    "{locale}: detected as {:?}: {}",
                    report.language.code, sincere.text
                ));
                continue;
            }
            for f in report
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
            {
                problems.push(format!(
                    "{locale}: {} «{}» in: {}",
                    f.rule,
                    f.span.text(&sincere.text),
                    sincere.text
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
