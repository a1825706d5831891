//! Runs every example of every rule and part of every locale pack in
//! `locales/`: a `trigger` example must produce a finding of its rule exactly
//! at the marked span, a `clean` example must produce none; a `present`
//! example must show its part at the marked span, an `absent` one must not
//! show it. Also checks that every pack covers every rule id with at least
//! three examples each way, and every part with cues and examples.
//!
//! Set `MEACULPA_PACK=it` to check only one pack while working on it.

use meaculpa::rules::Example;
use meaculpa::{Engine, LintOptions};

/// Each rule needs at least this many examples that must trigger, and as many that must not.
const MIN_EXAMPLES: usize = 3;

fn engine() -> Engine {
    Engine::builder()
        .without_embedded()
        .pack_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
        .build()
        .unwrap_or_else(|e| panic!("packs in locales/ must load:\n{e}"))
}

fn place(e: &Example) -> String {
    format!("{}:{}:{}", e.place.0, e.place.1, e.place.2)
}

#[test]
fn every_example_of_every_pack_behaves() {
    let engine = engine();
    let only = std::env::var("MEACULPA_PACK").ok();
    let mut failures = Vec::new();
    let mut checked = 0;
    for pack in engine.packs() {
        if only.as_deref().is_some_and(|o| o != pack.id) {
            continue;
        }
        let options = LintOptions::language(pack.id.clone());
        for rule_id in engine.ids().rules.keys() {
            let Some(rule) = pack.rules.rules().iter().find(|r| &r.id == rule_id) else {
                failures.push(format!("{}: rule `{rule_id}` is missing", pack.id));
                continue;
            };
            if rule.examples.positive.len() < MIN_EXAMPLES
                || rule.examples.negative.len() < MIN_EXAMPLES
            {
                failures.push(format!(
                    "{}: rule `{rule_id}` has {} trigger and {} clean examples (at least {MIN_EXAMPLES} each)",
                    pack.id,
                    rule.examples.positive.len(),
                    rule.examples.negative.len()
                ));
            }
            for example in &rule.examples.positive {
                checked += 1;
                let report = engine.lint(&example.text, &options).expect("locale exists");
                let expected = example.span.expect("trigger examples mark a span");
                let spans: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| &f.rule == rule_id)
                    .map(|f| f.span)
                    .collect();
                if !spans.contains(&expected) {
                    let got: Vec<&str> = spans.iter().map(|s| s.text(&example.text)).collect();
                    failures.push(format!(
                        "{}: `{rule_id}` must fire on «{}», found {:?} in «{}»",
                        place(example),
                        expected.text(&example.text),
                        got,
                        example.text
                    ));
                }
            }
            for example in &rule.examples.negative {
                checked += 1;
                let report = engine.lint(&example.text, &options).expect("locale exists");
                for f in report.findings.iter().filter(|f| &f.rule == rule_id) {
                    failures.push(format!(
                        "{}: `{rule_id}` must not fire, but fired on «{}» in «{}»",
                        place(example),
                        f.span.text(&example.text),
                        example.text
                    ));
                }
            }
        }
        for part_id in engine.ids().parts.keys() {
            let Some(part) = pack.rules.parts().iter().find(|p| &p.id == part_id) else {
                failures.push(format!("{}: part `{part_id}` has no cues", pack.id));
                continue;
            };
            if part.examples.positive.is_empty() || part.examples.negative.is_empty() {
                failures.push(format!(
                    "{}: part `{part_id}` needs `present` and `absent` examples",
                    pack.id
                ));
            }
            for example in &part.examples.positive {
                checked += 1;
                let report = engine.lint(&example.text, &options).expect("locale exists");
                let expected = example.span.expect("present examples mark a span");
                let spans = &report.parts.spans[part_id];
                if !spans.contains(&expected) {
                    let got: Vec<&str> = spans.iter().map(|s| s.text(&example.text)).collect();
                    failures.push(format!(
                        "{}: part `{part_id}` must be shown by «{}», found {:?} in «{}»",
                        place(example),
                        expected.text(&example.text),
                        got,
                        example.text
                    ));
                }
            }
            for example in &part.examples.negative {
                checked += 1;
                let report = engine.lint(&example.text, &options).expect("locale exists");
                for span in &report.parts.spans[part_id] {
                    failures.push(format!(
                        "{}: part `{part_id}` must be absent, but «{}» showed it in «{}»",
                        place(example),
                        span.text(&example.text),
                        example.text
                    ));
                }
            }
        }
    }
    assert!(checked > 0, "no examples were checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} example checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
