//! Everyday wordings a user expects the packs to get right
//! (`tests/data/probes/probes.tsv`, see its README): each rule fires, each
//! part shows, each sincere reply gets no error or warning, and a negated or
//! hypothetical wording shows no part it denies. And the probe sets of
//! session 15 (`tests/data/probes/sets/<tag>.tsv`, hundreds of wordings per
//! locale): the share each pack catches, and the share of near-miss traps
//! it flags, stay on the right side of the floors in `sets/floors.toml`;
//! and so do the fresh sets of sessions 22 to 25 (`fresh/`, `fresh2/` …
//! `fresh14/`), written before the pass they measure (`fresh9/`, `fresh10/`,
//! `fresh13/` and `fresh14/` name parts that must show, or must not,
//! instead of rules).

use std::collections::BTreeMap;

use meaculpa::eval::{ProbeCounts, score_probes};
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

#[test]
fn probe_sets_stay_above_their_floors() {
    check_set_floors("sets", 300, 100);
}

/// The fresh sets of session 22 (`tests/data/probes/fresh/`, their README)
/// were written by writers who had not read the packs, and scored before
/// the pass that widened `denial`, `passive-evasion` and `blame-vendor`:
/// they measure what that pass carried over to wordings it did not see.
#[test]
fn fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh", 135, 75);
}

/// The second fresh sets (session 23, `tests/data/probes/fresh2/`), written
/// the same way for `no-apology`, `blame-customer` and
/// `circumstance-excuse` before the pass that widened those three rules.
#[test]
fn second_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh2", 135, 75);
}

/// The third fresh sets (session 23, `tests/data/probes/fresh3/`), written
/// while the second pass over those three rules ran and never shown to it.
#[test]
fn third_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh3", 90, 45);
}

/// The fourth fresh sets (session 24, `tests/data/probes/fresh4/`), written
/// for `bolstering`, `feelings-apology`, `self-focus` and `vague-offense`
/// before the pass that widened those four rules.
#[test]
fn fourth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh4", 120, 80);
}

/// The fifth fresh sets (session 24, `tests/data/probes/fresh5/`), written
/// for the same four rules, never shown to the first pass over them, then
/// the tuning data of the second.
#[test]
fn fifth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh5", 80, 40);
}

/// The sixth fresh sets (session 24, `tests/data/probes/fresh6/`), written
/// for the same four rules while the first pass ran and never shown to
/// either pass.
#[test]
fn sixth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh6", 80, 40);
}

/// The seventh fresh sets (session 24, `tests/data/probes/fresh7/`), written
/// for `absolute-promise`, `thanks-instead-of-apology`, `intent-excuse` and
/// `dismissive-closure` before the pass that widened those four rules.
#[test]
fn seventh_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh7", 120, 80);
}

/// The eighth fresh sets (session 24, `tests/data/probes/fresh8/`), written
/// for the same four rules and never shown to the pass over them.
#[test]
fn eighth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh8", 80, 40);
}

/// The ninth fresh sets (session 25, `tests/data/probes/fresh9/`): wordings
/// that show the parts `explain`, `fix`, `compensate` and `empathize`, and
/// near misses that must not, written before the pass over those parts'
/// cues, then its tuning data.
#[test]
fn ninth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh9", 80, 40);
}

/// The tenth fresh sets (session 25, `tests/data/probes/fresh10/`), written
/// for the same four parts and never shown to the pass over them.
#[test]
fn tenth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh10", 80, 40);
}

/// The eleventh fresh sets (session 25, `tests/data/probes/fresh11/`):
/// wordings of `minimizing`, `blame-employee`, `unrealistic-eta` and
/// `hedged-commitment`, and near misses, written before the pass over those
/// four rules, then its tuning data.
#[test]
fn eleventh_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh11", 120, 80);
}

/// The twelfth fresh sets (session 25, `tests/data/probes/fresh12/`), written
/// for the same four rules and never shown to the pass over them.
#[test]
fn twelfth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh12", 80, 40);
}

/// The thirteenth fresh sets (session 25, `tests/data/probes/fresh13/`):
/// wordings that show the parts `take-responsibility`, `prevent` and
/// `follow-up`, and near misses, written before the pass over those parts'
/// cues, then its tuning data.
#[test]
fn thirteenth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh13", 60, 30);
}

/// The fourteenth fresh sets (session 25, `tests/data/probes/fresh14/`),
/// written for the same three parts and never shown to the pass over them.
#[test]
fn fourteenth_fresh_probe_sets_stay_above_their_floors() {
    check_set_floors("fresh14", 60, 30);
}

/// Scores every `<locale>.tsv` of `tests/data/probes/<dir>` against the
/// floors of its `floors.toml` (a floor per installed locale); each set
/// holds at least `min_firing` must-fire probes and `min_traps` traps.
fn check_set_floors(dir: &str, min_firing: usize, min_traps: usize) {
    let engine = Engine::new().expect("the embedded packs load");
    let dir = format!("{}/tests/data/probes/{dir}", env!("CARGO_MANIFEST_DIR"));
    let floors: BTreeMap<String, SetFloor> = toml::from_str(
        &std::fs::read_to_string(format!("{dir}/floors.toml")).expect("floors.toml"),
    )
    .expect("floors.toml parses");
    assert_eq!(floors.len(), 4, "a floor per installed locale");
    let mut failures = Vec::new();
    for (locale, floor) in &floors {
        let data = std::fs::read_to_string(format!("{dir}/{locale}.tsv")).expect("a probe set");
        let scores = score_probes(&engine, locale, &data, &format!("{locale}.tsv"))
            .unwrap_or_else(|e| panic!("{e}"));
        let total = scores.total();
        let ProbeCounts {
            caught,
            firing,
            flagged,
            traps,
        } = total;
        assert!(
            firing >= min_firing && traps >= min_traps,
            "{locale}: {firing} probes, {traps} traps"
        );
        let (caught_share, flagged_share) = (total.caught_share(), total.flagged_share());
        eprintln!(
            "{locale}: caught {caught}/{firing} ({caught_share:.3}), traps flagged {flagged}/{traps} ({flagged_share:.3})"
        );
        if caught_share < floor.min_caught || flagged_share > floor.max_false_alarms {
            failures.push(format!(
                "{locale}: caught {caught_share:.3} (floor {}), traps flagged {flagged_share:.3} (ceiling {})\n  {}",
                floor.min_caught,
                floor.max_false_alarms,
                scores.wrong.join("\n  ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_probe_set_counts_misses_and_flagged_traps() {
    let engine = Engine::new().expect("the embedded packs load");
    // A rule's probes and a part's (the report must show it, or must not),
    // in one file.
    let data = "# comment\nconditional-apology\t1\tSorry if you were upset.\n\
                conditional-apology\t1\tWe are sorry for the late delivery.\n\
                conditional-apology\t0\tIf you were charged twice, we will refund the second payment today.\n\
                conditional-apology\t0\tSorry if you were upset.\n\
                fix\t1\tWe have reversed the duplicate charge.\n\
                fix\t1\tThank you for your message.\n\
                fix\t0\tWe cannot refund this order.\n\
                fix\t0\tWe have refunded the second payment.\n";
    let scores = score_probes(&engine, "en", data, "t.tsv").unwrap();
    let one_of_each = ProbeCounts {
        caught: 1,
        firing: 2,
        flagged: 1,
        traps: 2,
    };
    for id in ["conditional-apology", "fix"] {
        assert_eq!(scores.per_id[id], one_of_each, "{id}: {:?}", scores.wrong);
    }
    assert_eq!(one_of_each.caught_share(), 0.5);
    assert_eq!(one_of_each.flagged_share(), 0.5);
    assert_eq!(
        scores.wrong,
        [
            "t.tsv:3: conditional-apology missed: We are sorry for the late delivery.",
            "t.tsv:5: conditional-apology flagged a trap: Sorry if you were upset.",
            "t.tsv:7: fix missed: Thank you for your message.",
            "t.tsv:9: fix flagged a trap: We have refunded the second payment."
        ]
    );
    // Bad lines are errors that name their line.
    let bad = score_probes(&engine, "en", "no-such-rule\t1\tHello.", "t.tsv").unwrap_err();
    assert_eq!(bad, "t.tsv:1: `no-such-rule` is neither a rule nor a part");
    let bad = score_probes(&engine, "en", "flippant\tyes\tOops!", "t.tsv").unwrap_err();
    assert!(bad.starts_with("t.tsv:1:"), "{bad}");
    let bad = score_probes(&engine, "en", "flippant Oops!", "t.tsv").unwrap_err();
    assert!(bad.starts_with("t.tsv:1:"), "{bad}");
}
