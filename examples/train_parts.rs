//! Trains a pack's part model (`locales/<tag>/parts.model`, see
//! `meaculpa::rules::model`) from labelled corpora.
//!
//! Run: `cargo run --release --example train_parts -- <tag> [CORPUS_DIR…]`
//! (default corpora: `meaculpa::eval::TRAINING_CORPORA`: `tests/corpus`,
//! `new-writers`, `new-writers-3`, `new-writers-4` and `new-writers-5`). A corpus whose `corpus.toml` says
//! `blind = true` is refused; of one that says `held_out = true`, only the
//! tuning split is read, so its held-out third stays an honest measure.
//!
//! For each part but `apologize` (left to the anchors, which the
//! `no-apology` rule reads) it fits a logistic regression over the features
//! of `model::for_each_feature` (present or not, scaled to unit length),
//! class-balanced, with an L2 penalty, on the texts the model reads (20 to
//! 2,000 words). Each part's threshold is chosen by five-fold
//! cross-validation: the lowest probability (in steps of 0.05 from 0.30) at
//! which the model alone is right at least [`TARGET_PRECISION`] of the time
//! on the folds left out (1: never, when no threshold is), then raised above
//! every example of the part's absence in the pack that the model reads.
//! The cues cannot judge the model here: they were tuned on these very
//! texts. A feature must occur in [`MIN_TEXTS`] texts or more to be kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use meaculpa::Engine;
use meaculpa::eval::{TRAINING_CORPORA, training_digest, tuning_entries};
use meaculpa::rules::model::PartModel;

/// How often the model alone must be right about a part, on texts it was
/// not fitted to.
const TARGET_PRECISION: f64 = 0.93;
/// Texts a feature must occur in to be kept.
const MIN_TEXTS: usize = 2;
/// The inverse of the L2 penalty's strength (as scikit-learn's `C`).
const C: f64 = 10.0;
/// Gradient steps per fit.
const STEPS: usize = 1_500;
/// Folds of the cross-validation.
const FOLDS: usize = 5;
/// Weights smaller than this (for every part) are left out of the file.
const MIN_WEIGHT: f32 = 0.005;

/// One training text: its feature rows (indices into the vocabulary), the
/// scale of its features, what its labels say per part (`None`: not
/// labelled for it) and what the cues say.
struct Text {
    rows: Vec<usize>,
    scale: f64,
    labelled: Vec<Option<bool>>,
    cued: Vec<bool>,
}

impl Text {
    fn has(&self, p: usize) -> bool {
        self.labelled[p] == Some(true)
    }
}

/// A text as read, before the vocabulary is chosen: its distinct
/// features, labels and cue parts (as in [`Text`]).
struct Sample {
    features: Vec<String>,
    labelled: Vec<Option<bool>>,
    cued: Vec<bool>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let tag = args
        .next()
        .ok_or("usage: train_parts <tag> [CORPUS_DIR…]")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = TRAINING_CORPORA.iter().map(|d| root.join(d)).collect();
    }
    let engine = Engine::new()?;
    let pack = engine.pack(&tag).ok_or_else(|| {
        format!(
            "no pack `{tag}` (installed: {})",
            engine.locales().join(", ")
        )
    })?;
    let rules = pack.rules().map_err(|e| format!("{e:?}"))?;
    let parts: Vec<String> = engine
        .ids()
        .parts
        .keys()
        .filter(|p| *p != "apologize")
        .cloned()
        .collect();

    // The training texts: their features, labels and cue parts.
    let mut raw: Vec<Sample> = Vec::new();
    let mut read_from = Vec::new();
    let mut all_entries = Vec::new();
    for dir in &dirs {
        let (entries, held_out) = tuning_entries(dir, &tag)?;
        let file = dir.join(format!("{tag}.jsonl"));
        read_from.push(format!(
            "{} ({} texts{})",
            file.strip_prefix(root).unwrap_or(&file).display(),
            entries.len(),
            if held_out { ", tuning split" } else { "" }
        ));
        all_entries.extend(entries);
    }
    for entry in &all_entries {
        let outcome = rules.run_excluding(&entry.text, &[]);
        let cued = parts
            .iter()
            .map(|p| {
                outcome.parts.get(p).is_some_and(|s| !s.is_empty())
                    && !outcome.model_parts.contains_key(p)
            })
            .collect();
        let labelled = parts
            .iter()
            .map(|p| Some(entry.parts.contains(p)))
            .collect();
        // A text the model does not read (too short or too long) is
        // no evidence for it.
        if let Some(features) = rules.model_features(&entry.text) {
            raw.push(Sample {
                features,
                labelled,
                cued,
            });
        }
    }
    let corpus_texts = raw.len();
    // The pack's own examples of a part's absence that the model reads
    // (most are lone sentences, which it does not) must stay clean: each
    // part's threshold passes the highest of their probabilities.
    let mut negatives: Vec<Vec<usize>> = vec![Vec::new(); parts.len()];
    for part in rules.parts() {
        let Some(p) = parts.iter().position(|id| *id == part.id) else {
            continue;
        };
        for e in &part.examples().negative {
            if let Some(features) = rules.model_features(&e.text) {
                negatives[p].push(raw.len());
                raw.push(Sample {
                    features,
                    labelled: vec![None; parts.len()],
                    cued: vec![false; parts.len()],
                });
            }
        }
    }
    let examples = raw.len() - corpus_texts;
    // The vocabulary: features in MIN_TEXTS corpus texts or more.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for sample in &raw[..corpus_texts] {
        for f in &sample.features {
            *counts.entry(f).or_default() += 1;
        }
    }
    let mut vocabulary: Vec<&str> = counts
        .iter()
        .filter(|&(_, &n)| n >= MIN_TEXTS)
        .map(|(&f, _)| f)
        .collect();
    vocabulary.sort_unstable();
    let index: HashMap<&str, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, &f)| (f, i))
        .collect();
    let texts: Vec<Text> = raw
        .iter()
        .map(|sample| Text {
            rows: sample
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect(),
            // The model scales by every distinct feature, kept or not.
            scale: 1.0 / (sample.features.len().max(1) as f64).sqrt(),
            labelled: sample.labelled.clone(),
            cued: sample.cued.clone(),
        })
        .collect();
    eprintln!(
        "{tag}: {corpus_texts} texts, {examples} part examples it reads; {} features kept of {}",
        vocabulary.len(),
        counts.len()
    );

    let mut header = format!(
        "The part model of the `{tag}` pack (see src/rules/model.rs). Written by\n\
         `cargo run --release --example train_parts -- {tag}`: do not edit by hand.\n\
         Trained on {corpus_texts} texts ({}).\n\
         Thresholds by {FOLDS}-fold cross-validation: the lowest at which the model alone is right\n\
         {TARGET_PRECISION} of the time or more (1.00: never). On the folds left out:\n",
        read_from.join(", ")
    );
    let digest = training_digest(&all_entries);
    let mut columns = Vec::new();
    let mut weights: Vec<Vec<f32>> = vec![Vec::new(); vocabulary.len()];
    for (p, part) in parts.iter().enumerate() {
        // Out-of-fold probabilities of the corpus texts (the examples,
        // labelled for no part, are in no fit).
        let corpus = &texts[..corpus_texts];
        let mut held = vec![0.0; corpus_texts];
        for fold in 0..FOLDS {
            let train: Vec<&Text> = corpus
                .iter()
                .enumerate()
                .filter(|(i, _)| i % FOLDS != fold)
                .map(|(_, t)| t)
                .collect();
            let (w, b) = fit(&train, p, vocabulary.len());
            for (i, text) in corpus.iter().enumerate().filter(|(i, _)| i % FOLDS == fold) {
                held[i] = probability(text, &w, b);
            }
        }
        let counts_at = |threshold: f64| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (text, &prob) in corpus.iter().zip(&held) {
                let predicted = text.cued[p] || prob > threshold;
                match (predicted, text.has(p)) {
                    (true, true) => tp += 1,
                    (true, false) => fp += 1,
                    (false, true) => fn_ += 1,
                    (false, false) => {}
                }
            }
            (tp, fp, fn_)
        };
        let cues = counts_at(2.0);
        // The cues were tuned on these very texts, so what the model adds
        // to them here says little: the threshold is where the model alone
        // is right often enough.
        let alone = |threshold: f64| {
            let (mut tp, mut fp) = (0, 0);
            for (text, &prob) in corpus.iter().zip(&held) {
                if prob > threshold {
                    if text.has(p) { tp += 1 } else { fp += 1 }
                }
            }
            (tp, fp)
        };
        let chosen = (6..20)
            .map(|i| f64::from(i) * 0.05)
            .find(|&t| {
                let (tp, fp) = alone(t);
                tp > 0 && tp as f64 / (tp + fp) as f64 >= TARGET_PRECISION
            })
            .unwrap_or(1.0);
        let all: Vec<&Text> = corpus.iter().collect();
        let (w, b) = fit(&all, p, vocabulary.len());
        let highest = negatives[p]
            .iter()
            .map(|&i| probability(&texts[i], &w, b))
            .fold(0.0, f64::max);
        let threshold = if chosen >= 1.0 || highest >= 0.99 {
            1.0
        } else {
            chosen.max((highest * 100.0).floor() / 100.0 + 0.01)
        };
        let (tp, fp) = alone(threshold);
        let with = counts_at(threshold);
        let figures = |(tp, fp, fn_): (usize, usize, usize)| {
            format!(
                "P {:.2} R {:.2}",
                tp as f64 / (tp + fp).max(1) as f64,
                tp as f64 / (tp + fn_).max(1) as f64
            )
        };
        header.push_str(&format!(
            "  {part}: threshold {threshold:.2}; the model alone P {:.2} ({tp} of {}); cues {} → with the model {}\n",
            tp as f64 / (tp + fp).max(1) as f64,
            tp + fp,
            figures(cues),
            figures(with)
        ));
        for (row, weight) in weights.iter_mut().zip(&w) {
            row.push(*weight as f32);
        }
        columns.push((part.clone(), b as f32, threshold as f32));
    }
    let features: Vec<(String, Vec<f32>)> = vocabulary
        .iter()
        .zip(weights)
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= MIN_WEIGHT))
        .map(|(f, w)| ((*f).to_owned(), w))
        .collect();
    // What a test recomputes to tell whether the corpus changed since.
    header.push_str(&format!("digest {digest}\n"));
    eprint!("{header}");
    eprintln!("{} features written", features.len());
    let out = root.join("locales").join(&tag).join("parts.model");
    std::fs::write(&out, PartModel::write(&header, &columns, &features))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The model's probability for `text` with weights `w` and bias `b`.
fn probability(text: &Text, w: &[f64], b: f64) -> f64 {
    let z = b + text.rows.iter().map(|&r| w[r]).sum::<f64>() * text.scale;
    1.0 / (1.0 + (-z).exp())
}

/// Fits part `p`'s logistic regression to `texts`: class-balanced log loss
/// plus an L2 penalty on the weights (not the bias), minimized by
/// accelerated gradient descent. Returns the weights and the bias.
fn fit(texts: &[&Text], p: usize, n: usize) -> (Vec<f64>, f64) {
    let texts: Vec<&Text> = texts
        .iter()
        .copied()
        .filter(|t| t.labelled[p].is_some())
        .collect();
    let total = texts.len() as f64;
    let positives = texts.iter().filter(|t| t.has(p)).count() as f64;
    if positives == 0.0 || positives == total {
        let b = if positives == 0.0 { -10.0 } else { 10.0 };
        return (vec![0.0; n], b);
    }
    let class = |yes: bool| {
        if yes {
            total / (2.0 * positives)
        } else {
            total / (2.0 * (total - positives))
        }
    };
    // Mean loss over texts; the penalty as scikit-learn's 1 / (2 C).
    let penalty = 1.0 / (C * total);
    let lipschitz = 0.25 * class(true).max(class(false)) + penalty;
    let step = 1.0 / lipschitz;
    let (mut w, mut b) = (vec![0.0; n], 0.0);
    let (mut w_prev, mut b_prev) = (w.clone(), b);
    let mut grad = vec![0.0; n];
    let mut look = vec![0.0; n];
    for k in 0..STEPS {
        // Nesterov's look-ahead point.
        let momentum = k as f64 / (k as f64 + 3.0);
        for i in 0..n {
            look[i] = w[i] + momentum * (w[i] - w_prev[i]);
        }
        let look_b = b + momentum * (b - b_prev);
        grad.iter_mut()
            .zip(&look)
            .for_each(|(g, x)| *g = penalty * x);
        let mut grad_b = 0.0;
        for text in &texts {
            let y = if text.has(p) { 1.0 } else { 0.0 };
            let z = look_b + text.rows.iter().map(|&r| look[r]).sum::<f64>() * text.scale;
            let residual = class(text.has(p)) * (1.0 / (1.0 + (-z).exp()) - y) / total;
            for &r in &text.rows {
                grad[r] += residual * text.scale;
            }
            grad_b += residual;
        }
        w_prev.clone_from(&w);
        b_prev = b;
        for i in 0..n {
            w[i] = look[i] - step * grad[i];
        }
        b = look_b - step * grad_b;
    }
    (w, b)
}
