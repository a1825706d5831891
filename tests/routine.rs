//! Routine support replies are no apologies: an order confirmation, a
//! reminder, an answer to a question, a planned-maintenance notice, a polite
//! refusal, thanks for a review or condolences must not draw error or warning
//! findings. `tests/corpus/routine/` holds 150 such replies per language,
//! written for the project by native writers who never saw a pack (its
//! README); every third is held out from tuning. A CI check over a support
//! team's outbox lints far more of these than apologies.

use meaculpa::eval::{Split, parse_corpus};
use meaculpa::{Engine, LintOptions, Severity};

/// At most this many replies of a locale's 150 (and of its held-out 50) may
/// draw an error or warning finding: the counts of session 21, which cut
/// them from 26, 3, 16 and 27 (en, it, tl, bg; held out: 5, 0, 6, 5), and
/// of session 22 for English (a mistake named only in a question) and
/// Tagalog ("check-in 48 oras", a magazine's "March issue"), and of session 23
/// for Bulgarian (a travel time cut "вместо 3 дни … само 1 ден" is no
/// minimizing).
const CEILINGS: [(&str, usize, usize); 4] =
    [("en", 1, 0), ("it", 1, 0), ("tl", 2, 2), ("bg", 2, 2)];

#[test]
fn routine_replies_draw_no_error_or_warning_findings() {
    let engine = Engine::new().expect("the embedded packs load");
    let mut problems = Vec::new();
    for (locale, max_all, max_held_out) in CEILINGS {
        let path = format!(
            "{}/tests/corpus/routine/{locale}.jsonl",
            env!("CARGO_MANIFEST_DIR")
        );
        let text =
            std::fs::read_to_string(&path).expect("the routine replies are in the repository");
        let entries = parse_corpus(&text, &path).expect("the corpus parses");
        assert_eq!(entries.len(), 150, "{locale}: 150 routine replies");
        let options = LintOptions::language(locale);
        let (mut flagged, mut flagged_held_out) = (Vec::new(), 0);
        for entry in &entries {
            assert!(
                entry.rules.is_empty() && entry.parts.is_empty(),
                "{}: a routine reply is labelled with no rule and no part",
                entry.id
            );
            let report = engine
                .lint(&entry.text, &options)
                .expect("the locale exists");
            let alarms: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .map(|f| format!("{} «{}»", f.rule, f.span.text(&entry.text)))
                .collect();
            if !alarms.is_empty() {
                flagged_held_out += usize::from(Split::Holdout.contains(entry));
                flagged.push(format!("{}: {}", entry.id, alarms.join(", ")));
            }
        }
        if flagged.len() > max_all || flagged_held_out > max_held_out {
            problems.push(format!(
                "{locale}: {} replies flagged (at most {max_all}), {flagged_held_out} of the held-out third (at most {max_held_out}):\n  {}",
                flagged.len(),
                flagged.join("\n  ")
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
