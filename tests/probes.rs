//! Everyday wordings a user expects the packs to get right
//! (`tests/data/probes/probes.tsv`, see its README): each rule fires, each
//! part shows, each sincere reply gets no error or warning, and a negated or
//! hypothetical wording shows no part it denies. And the probe sets of
//! session 15 (`tests/data/probes/sets/<tag>.tsv`, hundreds of wordings per
//! locale): the share each pack catches, and the share of near-miss traps
//! it flags, stay on the right side of the floors in `sets/floors.toml`.

use std::collections::BTreeMap;

use meaculpa::{Engine, LintOptions, Severity};
use serde::Deserialize;

#[test]
fn everyday_wordings_are_caught_and_sincere_replies_stay_clean() {
    let engine = Engine::new().expect("the embedded packs load");
    let data = include_str!("data/probes/probes.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        let [locale, kind, id, text] = fields[..] else {
            panic!("locale<TAB>kind<TAB>id<TAB>text: {line}");
        };
        total += 1;
        let report = engine
            .lint(text, &LintOptions::language(locale))
            .expect("a probe lints");
        let ok = match kind {
            "rule" => report.findings.iter().any(|f| f.rule == id),
            "part" => report.parts.has(id),
            "absent" => !report.parts.has(id),
            "clean" => report
                .findings
                .iter()
                .all(|f| f.severity < Severity::Warning),
            other => panic!("unknown probe kind `{other}` in: {line}"),
        };
        if !ok {
            let found: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            failures.push(format!(
                "{locale} {kind} {id}: {text}  (findings: {found:?})"
            ));
        }
    }
    assert!(total >= 120, "{total} probes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What a locale's probe set must keep: the share of its must-fire probes
/// whose rule fires, and at most this share of its traps flagged.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SetFloor {
    min_caught: f64,
    max_false_alarms: f64,
}

/// A probe set's figures: (must-fire probes caught, must-fire probes),
/// (traps flagged, traps), and a line per probe on the wrong side.
fn score_set(
    engine: &Engine,
    locale: &str,
    data: &str,
) -> ((usize, usize), (usize, usize), Vec<String>) {
    let (mut caught, mut firing, mut flagged, mut traps) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let [rule, want, text] = fields[..] else {
            panic!("{locale}.tsv:{}: rule<TAB>1|0<TAB>text", n + 1);
        };
        assert!(
            engine.ids().rules.contains_key(rule),
            "{locale}.tsv:{}: unknown rule `{rule}`",
            n + 1
        );
        let text = text.replace("\\n", "\n");
        let report = engine
            .lint(&text, &LintOptions::language(locale))
            .expect("a probe lints");
        let fired = report.findings.iter().any(|f| f.rule == rule);
        match want {
            "1" => {
                firing += 1;
                caught += usize::from(fired);
                if !fired {
                    wrong.push(format!("{locale}.tsv:{}: {rule} missed: {text}", n + 1));
                }
            }
            "0" => {
                traps += 1;
                flagged += usize::from(fired);
                if fired {
                    wrong.push(format!(
                        "{locale}.tsv:{}: {rule} flagged a trap: {text}",
                        n + 1
                    ));
                }
            }
            other => panic!("{locale}.tsv:{}: `{other}` is neither 1 nor 0", n + 1),
        }
    }
    ((caught, firing), (flagged, traps), wrong)
}

#[test]
fn probe_sets_stay_above_their_floors() {
    let engine = Engine::new().expect("the embedded packs load");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/probes/sets");
    let floors: BTreeMap<String, SetFloor> = toml::from_str(
        &std::fs::read_to_string(format!("{dir}/floors.toml")).expect("floors.toml"),
    )
    .expect("floors.toml parses");
    assert_eq!(floors.len(), 4, "a floor per installed locale");
    let mut failures = Vec::new();
    for (locale, floor) in &floors {
        let data = std::fs::read_to_string(format!("{dir}/{locale}.tsv")).expect("a probe set");
        let ((caught, firing), (flagged, traps), wrong) = score_set(&engine, locale, &data);
        assert!(
            firing >= 300 && traps >= 100,
            "{locale}: {firing} probes, {traps} traps"
        );
        let caught_share = caught as f64 / firing as f64;
        let flagged_share = flagged as f64 / traps as f64;
        eprintln!(
            "{locale}: caught {caught}/{firing} ({caught_share:.3}), traps flagged {flagged}/{traps} ({flagged_share:.3})"
        );
        if caught_share < floor.min_caught || flagged_share > floor.max_false_alarms {
            failures.push(format!(
                "{locale}: caught {caught_share:.3} (floor {}), traps flagged {flagged_share:.3} (ceiling {})\n  {}",
                floor.min_caught,
                floor.max_false_alarms,
                wrong.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_probe_set_counts_misses_and_flagged_traps() {
    let engine = Engine::new().expect("the embedded packs load");
    let data = "# comment\nconditional-apology\t1\tSorry if you were upset.\n\
                conditional-apology\t1\tWe are sorry for the late delivery.\n\
                conditional-apology\t0\tIf you were charged twice, we will refund the second payment today.\n\
                conditional-apology\t0\tSorry if you were upset.\n";
    let ((caught, firing), (flagged, traps), wrong) = score_set(&engine, "en", data);
    assert_eq!((caught, firing, flagged, traps), (1, 2, 1, 2), "{wrong:?}");
    assert_eq!(wrong.len(), 2);
}
