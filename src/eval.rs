//! Measuring rule quality on a labelled corpus: precision, recall and F1 per
//! rule and per locale, parts recall, and false alarms on neutral prose.
//!
//! The corpus is JSON Lines, one text per line (`tests/corpus/<tag>.jsonl`):
//! `{"id", "channel", "register", "text", "rules": [...], "parts": [...]}`,
//! where `rules` are the anti-patterns of the author's own text and `parts`
//! the parts of a sincere apology it has. A text whose id number is a
//! multiple of three belongs to the held-out split, kept aside while rules
//! are tuned on the rest.
//!
//! A corpus directory may say, in `corpus.toml`, which of its texts nobody
//! may read while tuning (`held_out`: the held-out third; `blind`: all of
//! them); `meaculpa eval --mistakes` then refuses to list them
//! ([`Protection::refuses`]).
//!
//! A probe set (`tests/data/probes/sets/<tag>.tsv`) is simpler: one wording
//! per line with the rule that must fire on it, or must not (a near-miss
//! trap), or the part it must show, or must not; scored by [`score_probes`].
//!
//! Rule scores count texts: a rule predicted on a text is a true positive
//! when the text is labelled with it. The headline ("micro") figures cover
//! the error and warning rules, with predictions of at least warning
//! severity, as the goal of the project states them.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::lint::{Engine, LintOptions};
use crate::report::Severity;

/// One labelled text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Unique id, `<tag>-<number>`.
    pub id: String,
    /// email, chat, social or statement.
    #[serde(default)]
    pub channel: Option<String>,
    /// formal or informal.
    #[serde(default)]
    pub register: Option<String>,
    /// The text.
    pub text: String,
    /// Anti-patterns present.
    #[serde(default)]
    pub rules: BTreeSet<String>,
    /// Parts present.
    #[serde(default)]
    pub parts: BTreeSet<String>,
}

/// Which texts of a corpus to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Every text.
    All,
    /// The texts rules may be tuned on (id number not a multiple of 3).
    Tune,
    /// The texts kept aside (id number a multiple of 3).
    Holdout,
}

impl Split {
    /// Whether `entry` belongs to the split.
    pub fn contains(self, entry: &Entry) -> bool {
        let number: u64 = entry
            .id
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        match self {
            Split::All => true,
            Split::Tune => !number.is_multiple_of(3),
            Split::Holdout => number.is_multiple_of(3),
        }
    }
}

/// What `corpus.toml` of a corpus directory keeps from being read while
/// rules are tuned: its figures may always be printed, its texts and
/// mistakes not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// The held-out third (ids that are multiples of 3) is the honest measure.
    #[serde(default)]
    pub held_out: bool,
    /// Every text is: a blind set by writers nobody tuned on.
    #[serde(default)]
    pub blind: bool,
}

impl Protection {
    /// Reads `corpus.toml` of `dir`; no file protects nothing.
    pub fn read(dir: &std::path::Path) -> Result<Protection, String> {
        let path = dir.join("corpus.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Protection::default()),
            Err(e) => Err(format!("cannot read {}: {e}", path.display())),
        }
    }

    /// Why listing the texts and mistakes of `split` would spend texts kept
    /// from tuning, if it would.
    pub fn refuses(self, split: Split) -> Option<&'static str> {
        if self.blind {
            Some("this corpus is a blind set: its texts are kept from tuning")
        } else if self.held_out && split != Split::Tune {
            Some("the held-out third is kept from tuning: list the mistakes of `--split tune`")
        } else {
            None
        }
    }
}

/// The corpora a pack's part model is trained on by default (relative to
/// the crate's root): `examples/train_parts.rs` reads them, and a test
/// checks that each model was trained on them as they are.
pub const TRAINING_CORPORA: [&str; 5] = [
    "tests/corpus",
    "tests/corpus/new-writers",
    "tests/corpus/new-writers-3",
    "tests/corpus/new-writers-4",
    "tests/corpus/new-writers-5",
];

/// The texts of locale `tag` in corpus directory `dir` that tuning may
/// read: all of them, or the tuning split of a corpus that keeps its
/// held-out third (with whether it does); an error for a blind set.
pub fn tuning_entries(dir: &std::path::Path, tag: &str) -> Result<(Vec<Entry>, bool), String> {
    let protection = Protection::read(dir)?;
    if protection.blind {
        return Err(format!(
            "{} is a blind set: nobody tunes on it",
            dir.display()
        ));
    }
    let split = if protection.held_out {
        Split::Tune
    } else {
        Split::All
    };
    let file = dir.join(format!("{tag}.jsonl"));
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let entries = parse_corpus(&text, &file.display().to_string())?;
    Ok((
        entries.into_iter().filter(|e| split.contains(e)).collect(),
        protection.held_out,
    ))
}

/// A digest of training texts and their part labels, in order: the part
/// model trainer writes it in a model's header (`# digest <hex>`), and a
/// test recomputes it, so that a model trained on a corpus that has since
/// changed is noticed.
pub fn training_digest<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> String {
    use crate::ngram::{FNV_OFFSET, fnv1a};
    let mut h = FNV_OFFSET;
    for entry in entries {
        h = fnv1a(h, entry.text.as_bytes());
        for part in &entry.parts {
            h = fnv1a(fnv1a(h, b"\0"), part.as_bytes());
        }
        h = fnv1a(h, b"\xff");
    }
    format!("{h:016x}")
}

/// The digest a part model's header records (see [`training_digest`]).
pub fn recorded_digest(model: &str) -> Option<&str> {
    model
        .lines()
        .take_while(|l| l.starts_with('#'))
        .find_map(|l| l.strip_prefix("# digest "))
        .map(str::trim)
}

/// Parses a JSON Lines corpus, naming the line of any error.
pub fn parse_corpus(text: &str, origin: &str) -> Result<Vec<Entry>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{origin}:{}: {e}", i + 1)))
        .collect()
}

/// Counts of one rule or part, or of a group of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and labelled.
    pub true_positives: usize,
    /// Predicted, not labelled.
    pub false_positives: usize,
    /// Labelled, not predicted.
    pub false_negatives: usize,
}

impl Counts {
    /// The counts of one text: labelled and predicted, or one without the
    /// other, or neither.
    pub fn of(labelled: bool, predicted: bool) -> Counts {
        Counts {
            true_positives: usize::from(labelled && predicted),
            false_positives: usize::from(!labelled && predicted),
            false_negatives: usize::from(labelled && !predicted),
        }
    }

    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall (1 when nothing was labelled).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

impl LocaleScores {
    /// All parts together: predicted present vs labelled present.
    pub fn parts(&self) -> Counts {
        let mut all = Counts::default();
        self.per_part.values().for_each(|&c| all.add(c));
        all
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The scores of one locale.
#[derive(Debug, Clone, Default)]
pub struct LocaleScores {
    /// Texts scored.
    pub texts: usize,
    /// Per rule, at any severity.
    pub rules: BTreeMap<String, Counts>,
    /// Error and warning rules together, predictions of at least warning.
    pub micro: Counts,
    /// Per part: predicted present vs labelled present.
    pub per_part: BTreeMap<String, Counts>,
    /// Error or warning findings per 1000 neutral sentences (if given).
    pub false_alarms_per_1000: Option<f64>,
    /// Labelled texts the rules or part cues missed or wrongly flagged: id,
    /// rule (or `part <id>`), what happened.
    pub mistakes: Vec<(String, String, &'static str)>,
}

/// Scores `entries` of one locale (linted in that locale).
pub fn score(engine: &Engine, locale: &str, entries: &[Entry], split: Split) -> LocaleScores {
    let options = LintOptions::language(locale);
    let strict: BTreeSet<&str> = engine
        .ids()
        .rules
        .iter()
        .filter(|(_, s)| **s >= Severity::Warning)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut scores = LocaleScores::default();
    for entry in entries.iter().filter(|e| split.contains(e)) {
        scores.texts += 1;
        let Ok(report) = engine.lint(&entry.text, &options) else {
            continue;
        };
        let any: BTreeSet<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        let serious: BTreeSet<&str> = report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| f.rule.as_str())
            .collect();
        // Counts the text for rule or part `key`, noting a mistake under `label`.
        let mut note = |counts: &mut BTreeMap<String, Counts>,
                        key: &str,
                        label: String,
                        (labelled, predicted): (bool, bool),
                        unlabelled: &'static str| {
            counts
                .entry(key.to_owned())
                .or_default()
                .add(Counts::of(labelled, predicted));
            match (labelled, predicted) {
                (false, true) => scores.mistakes.push((entry.id.clone(), label, unlabelled)),
                (true, false) => scores.mistakes.push((entry.id.clone(), label, "missed")),
                _ => {}
            }
        };
        for rule in engine.ids().rules.keys() {
            let labelled = entry.rules.contains(rule);
            let predicted = any.contains(rule.as_str());
            note(
                &mut scores.rules,
                rule,
                rule.clone(),
                (labelled, predicted),
                "false alarm",
            );
            if strict.contains(rule.as_str()) {
                let predicted = serious.contains(rule.as_str());
                scores.micro.add(Counts::of(labelled, predicted));
            }
        }
        for part in engine.ids().parts.keys() {
            let found = (entry.parts.contains(part), report.parts.has(part));
            let label = format!("part {part}");
            note(
                &mut scores.per_part,
                part,
                label,
                found,
                "shown but not labelled",
            );
        }
    }
    scores
}

/// Error or warning findings per 1000 lines of neutral prose in `locale`.
pub fn false_alarms_per_1000(engine: &Engine, locale: &str, neutral: &str) -> f64 {
    let options = LintOptions::language(locale);
    let mut lines = 0usize;
    let mut alarms = 0usize;
    for line in neutral.lines().filter(|l| !l.trim().is_empty()) {
        lines += 1;
        if let Ok(report) = engine.lint(line, &options) {
            alarms += report
                .findings
                .iter()
                .filter(|f| f.severity >= Severity::Warning)
                .count();
        }
    }
    if lines == 0 {
        return 0.0;
    }
    alarms as f64 * 1000.0 / lines as f64
}

/// How a probe set fared for one rule or part (or for all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProbeCounts {
    /// Must-fire probes the rule fired on (or must-show probes that showed
    /// the part).
    pub caught: usize,
    /// Must-fire (must-show) probes.
    pub firing: usize,
    /// Traps the rule fired on (or that showed the part).
    pub flagged: usize,
    /// Traps: near misses on which the rule must not fire (the part must
    /// not show).
    pub traps: usize,
}

impl ProbeCounts {
    /// The share of must-fire probes caught (1 with none).
    pub fn caught_share(&self) -> f64 {
        ratio(self.caught, self.firing)
    }

    /// The share of traps flagged (0 with none).
    pub fn flagged_share(&self) -> f64 {
        if self.traps == 0 {
            0.0
        } else {
            self.flagged as f64 / self.traps as f64
        }
    }

    fn add(&mut self, other: ProbeCounts) {
        self.caught += other.caught;
        self.firing += other.firing;
        self.flagged += other.flagged;
        self.traps += other.traps;
    }
}

/// A probe set's scores: per rule or part, and each probe on the wrong side
/// as `origin:line: id missed|flagged a trap: text`.
#[derive(Debug, Clone, Default)]
pub struct ProbeScores {
    /// Per rule or part id.
    pub per_id: BTreeMap<String, ProbeCounts>,
    /// The probes the packs got wrong, in file order.
    pub wrong: Vec<String>,
}

impl ProbeScores {
    /// All rules and parts together.
    pub fn total(&self) -> ProbeCounts {
        let mut all = ProbeCounts::default();
        self.per_id.values().for_each(|&c| all.add(c));
        all
    }
}

/// Lints each probe of a probe set in `locale` and counts, per rule or part,
/// the must-fire probes it caught and the traps it flagged. A line is
/// `<rule-id> TAB 1|0 TAB <text>` (`1`: the rule must fire; `0`: it must
/// not; `\n` in the text is a line break); a part id in place of the rule
/// id asks whether the report shows that part. `#` lines and blank lines
/// are skipped. A malformed line or an id that is neither a rule nor a part
/// is an error naming `origin:line`.
pub fn score_probes(
    engine: &Engine,
    locale: &str,
    data: &str,
    origin: &str,
) -> Result<ProbeScores, String> {
    let options = LintOptions::language(locale);
    let ids = engine.ids();
    let mut scores = ProbeScores::default();
    for (n, line) in data.lines().enumerate() {
        let at = format!("{origin}:{}", n + 1);
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let [id, want, text] = fields[..] else {
            return Err(format!(
                "{at}: expected <rule-or-part-id> TAB 1|0 TAB <text>"
            ));
        };
        let is_part = ids.parts.contains_key(id);
        if !is_part && !ids.rules.contains_key(id) {
            return Err(format!("{at}: `{id}` is neither a rule nor a part"));
        }
        let must_fire = match want {
            "1" => true,
            "0" => false,
            other => return Err(format!("{at}: `{other}` is neither 1 nor 0")),
        };
        let text = text.replace("\\n", "\n");
        let report = engine
            .lint(&text, &options)
            .map_err(|e| format!("{at}: {e}"))?;
        let fired = if is_part {
            report.parts.has(id)
        } else {
            report.findings.iter().any(|f| f.rule == id)
        };
        let counts = scores.per_id.entry(id.to_owned()).or_default();
        if must_fire {
            counts.firing += 1;
            counts.caught += usize::from(fired);
        } else {
            counts.traps += 1;
            counts.flagged += usize::from(fired);
        }
        if must_fire != fired {
            let what = if must_fire {
                "missed"
            } else {
                "flagged a trap"
            };
            scores.wrong.push(format!("{at}: {id} {what}: {text}"));
        }
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_text_or_label_changes_the_training_digest() {
        let corpus = parse_corpus(
            r#"{"id": "en-001", "text": "Sorry.", "rules": [], "parts": ["apologize"]}
{"id": "en-002", "text": "We fixed it.", "rules": [], "parts": ["fix"]}"#,
            "corpus.jsonl",
        )
        .unwrap();
        let digest = training_digest(&corpus);
        assert_eq!(digest.len(), 16);
        assert_eq!(
            training_digest(&corpus),
            digest,
            "the same texts, the same digest"
        );
        let mut relabelled = corpus.clone();
        relabelled[1].parts.insert("prevent".to_owned());
        assert_ne!(training_digest(&relabelled), digest);
        let mut edited = corpus.clone();
        edited[0].text.push('!');
        assert_ne!(training_digest(&edited), digest);
        assert_ne!(training_digest(corpus.iter().rev()), digest, "order counts");
        let model = format!("# a model\n# digest {digest}\nparts fix\n");
        assert_eq!(recorded_digest(&model), Some(digest.as_str()));
        assert_eq!(recorded_digest("parts fix\n# digest 00\n"), None);
    }

    #[test]
    fn protected_texts_are_refused_and_the_rest_allowed() {
        let none = Protection::default();
        let held_out = Protection {
            held_out: true,
            blind: false,
        };
        let blind = Protection {
            held_out: false,
            blind: true,
        };
        for split in [Split::All, Split::Tune, Split::Holdout] {
            assert!(none.refuses(split).is_none());
            assert!(blind.refuses(split).is_some());
        }
        assert!(held_out.refuses(Split::Tune).is_none());
        assert!(held_out.refuses(Split::Holdout).is_some());
        assert!(held_out.refuses(Split::All).is_some());
    }

    #[test]
    fn the_repository_corpora_say_what_they_protect() {
        let corpora = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus"));
        let main = Protection::read(corpora).unwrap();
        assert!(main.held_out && !main.blind);
        assert!(
            Protection::read(&corpora.join("new-writers-2"))
                .unwrap()
                .blind
        );
        // The second batch of writers is tuning data now.
        assert_eq!(
            Protection::read(&corpora.join("new-writers")).unwrap(),
            Protection::default()
        );
        let broken = tempfile::tempdir().unwrap();
        std::fs::write(broken.path().join("corpus.toml"), "blnd = true\n").unwrap();
        let error = Protection::read(broken.path()).unwrap_err();
        assert!(
            error.contains("corpus.toml") && error.contains("blnd"),
            "{error}"
        );
    }
}
