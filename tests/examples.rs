//! Runs every example of every rule and part of every locale pack in
//! `locales/` (through [`meaculpa::check::example_failures`]): a `trigger`
//! example must produce a finding of its rule exactly at the marked span, a
//! `clean` example none; a `present` example must show its part at the marked
//! span, an `absent` one must not. Also checks that every pack covers every
//! rule id with at least three examples each way, and every part with
//! examples both ways.
//!
//! Set `MEACULPA_PACK=it` to check only one pack while working on it.

use meaculpa::Engine;
use meaculpa::check::example_failures;

/// Each rule needs at least this many examples that must trigger, and as many that must not.
const MIN_EXAMPLES: usize = 3;

#[test]
fn every_example_of_every_pack_behaves() {
    let engine = Engine::builder()
        .without_embedded()
        .pack_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
        .build()
        .unwrap_or_else(|e| panic!("packs in locales/ must load:\n{e}"));
    let only = std::env::var("MEACULPA_PACK").ok();
    let mut failures = Vec::new();
    let mut examples = 0;
    for pack in engine.packs() {
        if only.as_deref().is_some_and(|o| o != pack.id) {
            continue;
        }
        let rules = pack
            .rules()
            .expect("packs loaded from a directory are compiled");
        for rule_id in engine.ids().rules.keys() {
            let Some(rule) = rules.rules().iter().find(|r| &r.id == rule_id) else {
                failures.push(format!("{}: rule `{rule_id}` is missing", pack.id));
                continue;
            };
            let (trigger, clean) = (
                rule.examples().positive.len(),
                rule.examples().negative.len(),
            );
            examples += trigger + clean;
            if trigger < MIN_EXAMPLES || clean < MIN_EXAMPLES {
                failures.push(format!(
                    "{}: rule `{rule_id}` has {trigger} trigger and {clean} clean examples (at least {MIN_EXAMPLES} each)",
                    pack.id
                ));
            }
        }
        for part_id in engine.ids().parts.keys() {
            match rules.parts().iter().find(|p| &p.id == part_id) {
                Some(part)
                    if !part.examples().positive.is_empty()
                        && !part.examples().negative.is_empty() =>
                {
                    examples += part.examples().positive.len() + part.examples().negative.len();
                }
                _ => failures.push(format!(
                    "{}: part `{part_id}` needs cues, `present` and `absent` examples",
                    pack.id
                )),
            }
        }
        for failure in example_failures(rules) {
            let (file, line, column) = &failure.place;
            failures.push(format!("{file}:{line}:{column}: {}", failure.message));
        }
    }
    assert!(examples > 0, "no examples were checked");
    assert!(
        failures.is_empty(),
        "{} problems in {examples} examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
