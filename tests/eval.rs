//! Rule quality on the labelled corpora (`tests/corpus/` and the batches of
//! new writers beside it: `new-writers/`, the blind sets `new-writers-2/` and
//! `new-writers-6/`, `new-writers-3/` with its held-out third, and the part
//! models' training sets `new-writers-4/` and `new-writers-5/`, and
//! `new-writers-7/` with its held-out third; see their READMEs): per
//! locale, the micro precision and recall of error and warning rules, the
//! parts recall on each split named in the corpus's `floor.toml`, and false
//! alarms on neutral prose, must not drop below the floors recorded there.
//! Raise a floor when the rules get better.

use std::collections::BTreeMap;

use meaculpa::Engine;
use meaculpa::eval::{Split, false_alarms_per_1000, parse_corpus, score};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Floor {
    precision: f64,
    recall: f64,
    parts_recall: f64,
    /// How often a part the report shows is labelled: the cues' and the
    /// part model's (`parts.model`) guesses together.
    parts_precision: f64,
    max_false_alarms_per_1000: f64,
}

#[test]
fn corpus_figures_stay_above_their_floors() {
    check_floors(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"), 60);
}

#[test]
fn new_writers_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers"),
        40,
    );
}

#[test]
fn blind_set_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-2"),
        40,
    );
}

#[test]
fn third_batch_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-3"),
        40,
    );
}

#[test]
fn fourth_batch_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-4"),
        60,
    );
}

#[test]
fn second_blind_set_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-6"),
        60,
    );
}

#[test]
fn fifth_batch_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-5"),
        60,
    );
}

#[test]
fn seventh_batch_figures_stay_above_their_floors() {
    check_floors(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/new-writers-7"),
        60,
    );
}

/// Scores the corpus in `dir` (`<locale>.jsonl`, each at least `min_texts`
/// texts) against its `floor.toml`.
fn check_floors(dir: &str, min_texts: usize) {
    let floors: BTreeMap<String, BTreeMap<String, Floor>> =
        toml::from_str(&std::fs::read_to_string(format!("{dir}/floor.toml")).unwrap()).unwrap();
    let engine = Engine::new().expect("embedded packs load");
    let mut problems = Vec::new();
    let mut table = Vec::new();
    for (locale, splits) in &floors {
        let path = format!("{dir}/{locale}.jsonl");
        let entries = parse_corpus(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        assert!(
            entries.len() >= min_texts,
            "{locale}: at least {min_texts} texts"
        );
        let neutral = std::fs::read_to_string(format!(
            "{}/tests/data/neutral/{locale}.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let alarms = false_alarms_per_1000(&engine, locale, &neutral);
        for (split_name, floor) in splits {
            let split = match split_name.as_str() {
                "holdout" => Split::Holdout,
                "tune" => Split::Tune,
                "all" => Split::All,
                other => panic!("unknown split {other}"),
            };
            let s = score(&engine, locale, &entries, split);
            let (p, r, parts) = (s.micro.precision(), s.micro.recall(), s.parts().recall());
            let parts_precision = s.parts().precision();
            table.push(format!(
                "{locale} {split_name}: P {p:.3} R {r:.3} parts {parts:.3} (P {parts_precision:.3}) alarms {alarms:.1}"
            ));
            for (name, value, min) in [
                ("precision", p, floor.precision),
                ("recall", r, floor.recall),
                ("parts recall", parts, floor.parts_recall),
                ("parts precision", parts_precision, floor.parts_precision),
            ] {
                if value + 1e-9 < min {
                    problems.push(format!(
                        "{locale} {split_name}: {name} {value:.3} is below its floor {min:.3}"
                    ));
                }
            }
            if alarms > floor.max_false_alarms_per_1000 {
                problems.push(format!(
                    "{locale}: {alarms:.1} false alarms per 1000 neutral sentences (at most {})",
                    floor.max_false_alarms_per_1000
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\n{}",
        problems.join("\n"),
        table.join("\n")
    );
}

/// Every pack's part model was trained on the training corpora as they are
/// now: a corpus text or label changed since shows here, with the command
/// that retrains the model.
#[test]
fn part_models_are_trained_on_the_corpora_as_they_are() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    let mut models = 0;
    for entry in std::fs::read_dir(root.join("locales")).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(model) = std::fs::read_to_string(dir.join("parts.model")) else {
            continue;
        };
        models += 1;
        let tag = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let mut entries = Vec::new();
        for corpus in meaculpa::eval::TRAINING_CORPORA {
            entries.extend(
                meaculpa::eval::tuning_entries(&root.join(corpus), &tag)
                    .unwrap()
                    .0,
            );
        }
        let digest = meaculpa::eval::training_digest(&entries);
        let recorded = meaculpa::eval::recorded_digest(&model);
        if recorded != Some(digest.as_str()) {
            stale.push(format!(
                "{tag}: trained on {recorded:?}, the corpora are now {digest}: run \
                 `cargo run --release --example train_parts -- {tag}`"
            ));
        }
    }
    assert_eq!(models, 4, "every embedded pack has a part model");
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

/// An example this many words long or longer that a corpus text contains
/// word for word was taken from the corpus. Shorter stock phrases ("Salamat
/// po sa inyong pasensya at pag-unawa.") are written alike by anyone.
const MIN_COPIED_WORDS: usize = 10;

/// No example of a pack (rule or part, either way) is a sentence of a
/// corpus text: the corpora measure the rules on text their writers did not
/// see, which a pack example copied from one would undo.
#[test]
fn no_pack_example_is_taken_from_a_corpus() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::builder()
        .without_embedded()
        .pack_dir(root.join("locales"))
        .build()
        .expect("packs in locales/ load");
    // Lowercased words, one space apart, with a space at each end.
    let words = |text: &str| {
        let lower = text.to_lowercase();
        let list: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        (format!(" {} ", list.join(" ")), list.len())
    };
    let mut corpora = vec![root.join("tests/corpus")];
    for entry in std::fs::read_dir(root.join("tests/corpus")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            corpora.push(path);
        }
    }
    let mut copied = Vec::new();
    let mut checked = 0;
    for pack in engine.packs() {
        let mut texts = Vec::new();
        for dir in &corpora {
            let path = dir.join(format!("{}.jsonl", pack.id));
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let origin = path.display().to_string();
            for entry in parse_corpus(&text, &origin).unwrap() {
                texts.push((entry.id, words(&entry.text).0));
            }
        }
        let rules = pack.rules().expect("packs in locales/ compile");
        let examples = rules
            .rules()
            .iter()
            .map(|r| r.examples())
            .chain(rules.parts().iter().map(|p| p.examples()));
        for example in examples.flat_map(|e| e.positive.iter().chain(&e.negative)) {
            let (example_words, count) = words(&example.text);
            if count < MIN_COPIED_WORDS {
                continue;
            }
            checked += 1;
            for (id, text) in &texts {
                if text.contains(&example_words) {
                    let (file, line, column) = &example.place;
                    copied.push(format!("{file}:{line}:{column}: is in corpus text {id}"));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} examples were long enough");
    assert!(copied.is_empty(), "{}", copied.join("\n"));
}
