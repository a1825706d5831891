//! The part model: one linear classifier per part of a sincere apology
//! (logistic regression over the words and word pairs of a text), which a
//! pack may ship as `parts.model` beside its rules.
//!
//! Cues find a part by its phrasing, and writers word some parts too freely
//! for any list of phrasings: "the parcel is on its way to you again" is a
//! fix, "we've moved the check to before dispatch" a prevention. The model
//! reads the whole text instead: each of its words and each pair of
//! neighbouring words in one sentence is a feature, present or not, and a
//! part's probability is the logistic of its bias plus the weights of the
//! features present, each scaled by one over the square root of their
//! number. A part the cues did not show is added when its probability
//! passes the part's threshold, with the sentence whose features weigh most
//! for it as the span. The rule set asks the model only about a text that
//! apologizes or shows a part by its cues: trained on apologies, the model
//! completes one, and on other prose it would see the parts nearly every
//! apology has.
//!
//! The model is trained from a labelled corpus by
//! `cargo run --release --example train_parts -- <tag>`, which chooses each
//! threshold by cross-validation so that cues and model together keep their
//! precision. It is data: a contributor's pack gets one by training, and a
//! pack without one is read with its cues alone.
//!
//! File format (`parts.model`, UTF-8, one record per line, `#` comments):
//!
//! ```text
//! parts acknowledge fix          # the parts it scores, in column order
//! bias -1.52 -0.80               # per part
//! threshold 0.75 0.80            # per part: the probability to pass
//! f sorry -0.013 0.210           # a feature (one word) and its weights
//! f on its 0.001 0.402           # a pair (two words)
//! ```

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::frozen::{StringMap, U32s};
use crate::pack::{Ids, PackError};
use crate::text::{Analysis, Span};

/// The file a pack's part model is read from.
pub const MODEL_FILE: &str = "parts.model";

/// Texts with fewer words are left to the cues. The model is fitted to
/// whole messages (nearly all of 20 to 600 words), where a part is one
/// sentence among several; a lone sentence is another kind of text, on
/// which the weights of a message's usual words would speak for parts it
/// does not have (a pack's examples are such sentences).
pub const MIN_WORDS: usize = 20;

/// Texts with more words are left to the cues: over a long document nearly
/// every part's words turn up somewhere.
pub const MAX_WORDS: usize = 2_000;

/// Whether the model reads a text of `words` author's words.
pub fn reads(words: usize) -> bool {
    (MIN_WORDS..=MAX_WORDS).contains(&words)
}

/// A part the model scores: its id, bias and threshold (as a logit, so a
/// text's score is compared without computing its logistic).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ModelPart {
    id: String,
    bias: f32,
    threshold: f32,
}

/// A pack's part model (see the module docs).
#[derive(Debug, Serialize, Deserialize)]
// Frozen tables borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct PartModel {
    parts: Vec<ModelPart>,
    /// Feature → row of [`PartModel::weights`].
    features: StringMap,
    /// Row-major: per feature, one weight per part (as `f32` bits).
    weights: U32s,
}

/// A part the model shows in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelShow {
    /// The part id.
    pub part: String,
    /// The model's probability that the text has the part.
    pub probability: f32,
    /// The sentence whose features weigh most for the part.
    pub span: Span,
}

/// Calls `each(feature, sentence)` for every feature of the author's words
/// of `analysis` (read as `word(i)` gives them): each word, and each pair
/// of neighbouring words in one sentence joined by a space. Training and
/// scoring both read features through this one function.
pub fn for_each_feature<'a>(
    analysis: &'a Analysis,
    word: impl Fn(usize) -> &'a str,
    mut each: impl FnMut(&str, usize),
) {
    let mut pair = String::new();
    // A word the file format cannot hold (empty, or with a space or `#`)
    // is no feature, and no pair spans it.
    let usable = |w: &str| !w.is_empty() && !w.contains(|c: char| c == '#' || c.is_whitespace());
    let mut previous: Option<(&str, usize)> = None;
    for i in 0..analysis.words().len() {
        let this = word(i);
        let sentence_of_word = analysis.sentence_of(i);
        if !usable(this) {
            previous = None;
            continue;
        }
        each(this, sentence_of_word);
        if let Some((before, sentence)) = previous
            && sentence == sentence_of_word
        {
            pair.clear();
            pair.push_str(before);
            pair.push(' ');
            pair.push_str(this);
            each(&pair, sentence_of_word);
        }
        previous = Some((this, sentence_of_word));
    }
}

impl PartModel {
    /// Parses `source`, the text of `file`; every problem names its line
    /// and column.
    pub fn parse(file: &str, source: &str, ids: &Ids) -> Result<PartModel, Vec<PackError>> {
        let mut errors = Vec::new();
        let mut parts: Vec<ModelPart> = Vec::new();
        let (mut biases, mut thresholds): (Option<Vec<f32>>, Option<Vec<f32>>) = (None, None);
        let mut features = StringMap::default();
        let mut weights = U32s::default();
        let mut rows = 0u32;
        let mut seen = std::collections::HashSet::new();
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            let at = offset;
            offset += line.len();
            let content = line.split('#').next().unwrap_or("");
            // The line's words, with their byte offsets in the line.
            let tokens: Vec<(usize, &str)> = content
                .split([' ', '\t', '\r', '\n'])
                .scan(0, |pos, t| {
                    let start = *pos;
                    *pos += t.len() + 1;
                    Some((start, t))
                })
                .filter(|(_, t)| !t.is_empty())
                .collect();
            let Some(&(_, key)) = tokens.first() else {
                continue;
            };
            let mut error = |column: usize, message: String| {
                errors.push(PackError::at(file, source, at + column, message).with_check("model"));
            };
            // The last `parts.len()` words as numbers; the words between
            // the key and them.
            let numbers = |tokens: &[(usize, &str)]| -> Result<(Vec<f32>, usize), (usize, String)> {
                let count = parts.len();
                let Some(first) = tokens.len().checked_sub(count).filter(|&f| f >= 1) else {
                    return Err((0, format!("expected {count} numbers after `{key}`")));
                };
                let values = tokens[first..]
                    .iter()
                    .map(|&(column, t)| match t.parse::<f32>() {
                        Ok(v) if v.is_finite() => Ok(v),
                        _ => Err((column, format!("`{t}` is not a number"))),
                    })
                    .collect::<Result<Vec<f32>, _>>()?;
                Ok((values, first))
            };
            match key {
                "parts" => {
                    for &(column, id) in &tokens[1..] {
                        if !ids.parts.contains_key(id) {
                            let known: Vec<&str> = ids.parts.keys().map(String::as_str).collect();
                            error(
                                column,
                                format!("unknown part `{id}` (known: {})", known.join(", ")),
                            );
                        } else if parts.iter().any(|p| p.id == id) {
                            error(column, format!("part `{id}` is listed twice"));
                        } else {
                            parts.push(ModelPart {
                                id: id.to_owned(),
                                bias: 0.0,
                                threshold: 0.0,
                            });
                        }
                    }
                }
                _ if parts.is_empty() => error(0, "the `parts` line must come first".to_owned()),
                "bias" | "threshold" => match numbers(&tokens) {
                    Ok((values, 1)) => {
                        let slot = if key == "bias" {
                            &mut biases
                        } else {
                            &mut thresholds
                        };
                        if slot.replace(values).is_some() {
                            error(0, format!("`{key}` is given twice"));
                        }
                    }
                    Ok((_, first)) => error(
                        tokens[1].0,
                        format!(
                            "expected {} numbers, found {} words",
                            parts.len(),
                            tokens.len() - 1 - (first - 1)
                        ),
                    ),
                    Err((column, message)) => error(column, message),
                },
                "f" => match numbers(&tokens) {
                    Ok((_, 1)) => error(
                        0,
                        "a feature line names a word before its weights".to_owned(),
                    ),
                    Ok((values, first)) if first <= 3 => {
                        let feature = tokens[1..first]
                            .iter()
                            .map(|(_, t)| *t)
                            .collect::<Vec<_>>()
                            .join(" ");
                        if seen.insert(feature.clone()) {
                            features.insert(&feature, rows);
                            rows += 1;
                            values.iter().for_each(|v| weights.push(v.to_bits()));
                        } else {
                            error(tokens[1].0, format!("feature `{feature}` is given twice"));
                        }
                    }
                    Ok(_) => error(tokens[1].0, "a feature is one word or two".to_owned()),
                    Err((column, message)) => error(column, message),
                },
                _ => error(
                    0,
                    format!("unknown record `{key}` (known: parts, bias, threshold, f)"),
                ),
            }
        }
        match (biases, thresholds) {
            (Some(biases), Some(thresholds)) => {
                for ((part, bias), threshold) in parts.iter_mut().zip(biases).zip(thresholds) {
                    if !(0.0..=1.0).contains(&threshold) {
                        errors.push(
                            PackError::file(
                                file,
                                format!("the threshold of `{}` is not a probability", part.id),
                            )
                            .with_check("model"),
                        );
                    }
                    part.bias = bias;
                    // Probability → logit (1 → infinity: never passed).
                    part.threshold = (threshold / (1.0 - threshold)).ln();
                }
            }
            _ if errors.is_empty() => errors.push(
                PackError::file(
                    file,
                    "a model needs its `parts`, `bias` and `threshold` lines",
                )
                .with_check("model"),
            ),
            _ => {}
        }
        if errors.is_empty() {
            Ok(PartModel {
                parts,
                features,
                weights,
            })
        } else {
            Err(errors)
        }
    }

    /// Writes a model in the format [`PartModel::parse`] reads: `header`
    /// (comment lines), the parts with their biases and thresholds
    /// (probabilities), and each feature's weights, in the order given.
    pub fn write(
        header: &str,
        parts: &[(String, f32, f32)],
        features: &[(String, Vec<f32>)],
    ) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for line in header.lines() {
            let _ = writeln!(out, "# {line}");
        }
        let column = |f: &dyn Fn(&(String, f32, f32)) -> String| {
            parts.iter().map(f).collect::<Vec<_>>().join(" ")
        };
        let _ = writeln!(out, "parts {}", column(&|p| p.0.clone()));
        let _ = writeln!(out, "bias {}", column(&|p| format!("{:.4}", p.1)));
        let _ = writeln!(out, "threshold {}", column(&|p| format!("{:.2}", p.2)));
        for (feature, weights) in features {
            let weights: Vec<String> = weights.iter().map(|w| format!("{w:.4}")).collect();
            let _ = writeln!(out, "f {feature} {}", weights.join(" "));
        }
        out
    }

    /// The ids of the parts the model scores.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().map(|p| p.id.as_str())
    }

    /// The weight of row `row` for part `part`.
    #[inline]
    fn weight(&self, row: usize, part: usize) -> f32 {
        f32::from_bits(self.weights.get(row * self.parts.len() + part).unwrap_or(0))
    }

    /// The parts the model shows in the author's words of `analysis` (read
    /// as `word(i)` gives them), among those `wanted` lets through; none
    /// for a text it does not read ([`reads`]).
    pub fn show<'a>(
        &self,
        analysis: &'a Analysis,
        word: impl Fn(usize) -> &'a str,
        wanted: impl Fn(&str) -> bool,
    ) -> Vec<ModelShow> {
        let n_words = analysis.words().len();
        // A part at threshold 1 is never shown: not worth reading for.
        let asked = |p: &ModelPart| p.threshold.is_finite() && wanted(&p.id);
        if !reads(n_words) || !self.parts.iter().any(asked) {
            return Vec::new();
        }
        // Every feature (its hash), with its row when the model has it and
        // its sentence.
        let mut seen: Vec<(u64, Option<u32>, usize)> = Vec::with_capacity(n_words * 2);
        for_each_feature(analysis, word, |feature, sentence| {
            let h = super::frozen::hash(feature.as_bytes());
            seen.push((h, self.features.get_hashed(feature, h), sentence));
        });
        let mut unique: Vec<(u64, Option<u32>)> = seen.iter().map(|&(h, r, _)| (h, r)).collect();
        unique.sort_unstable();
        unique.dedup();
        let scale = 1.0 / (unique.len() as f64).sqrt();
        let mut shows = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            if !asked(part) {
                continue;
            }
            // In f64: no number of f32 weights overflows it.
            let sum: f64 = unique
                .iter()
                .filter_map(|&(_, row)| row)
                .map(|row| f64::from(self.weight(row as usize, p)))
                .sum();
            let z = f64::from(part.bias) + sum * scale;
            if z.is_nan() || z <= f64::from(part.threshold) {
                continue;
            }
            let Some(span) = self.best_sentence(analysis, &seen, p) else {
                continue;
            };
            shows.push(ModelShow {
                part: part.id.clone(),
                probability: (1.0 / (1.0 + (-z).exp())) as f32,
                span,
            });
        }
        shows
    }

    /// The span of the sentence whose features (each counted once per
    /// sentence) weigh most for part `p`.
    fn best_sentence(
        &self,
        analysis: &Analysis,
        seen: &[(u64, Option<u32>, usize)],
        p: usize,
    ) -> Option<Span> {
        let mut by_sentence: Vec<(usize, u32)> = seen
            .iter()
            .filter_map(|&(_, row, sentence)| row.map(|r| (sentence, r)))
            .collect();
        by_sentence.sort_unstable();
        by_sentence.dedup();
        let mut best: Option<(f64, usize)> = None;
        for group in by_sentence.chunk_by(|a, b| a.0 == b.0) {
            let weight: f64 = group
                .iter()
                .map(|&(_, r)| f64::from(self.weight(r as usize, p)))
                .sum();
            if best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, group[0].0));
            }
        }
        let (_, sentence) = best?;
        let words = analysis.sentences().get(sentence)?.words.clone();
        Some(analysis.span(words.start, words.end.checked_sub(1)?))
    }
}

/// The distinct features of the author's words of `analysis`, sorted: what
/// a trainer counts.
pub fn features<'a>(analysis: &'a Analysis, word: impl Fn(usize) -> &'a str) -> Vec<String> {
    let mut all = BTreeSet::new();
    for_each_feature(analysis, word, |feature, _| {
        if !all.contains(feature) {
            all.insert(feature.to_owned());
        }
    });
    all.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Ids {
        Ids::embedded().expect("the embedded ids parse")
    }

    fn analysis(text: &str) -> Analysis {
        Analysis::new(text, &[], &|_| false)
    }

    /// A model that reads "refund" (and "your refund") as a fix.
    const REFUND: &str = "# a test model\n\
        parts fix prevent\n\
        bias -3.0 -3.0\n\
        threshold 0.5 1\n\
        f refund 40.0 0.0\n\
        f your refund 10.0 0.0\n";

    /// `n` filler words, as sentences of five.
    fn filler(n: usize) -> String {
        (0..n)
            .map(|i| match i % 5 {
                0 => "Word",
                4 => "word.",
                _ => "word",
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_model_shows_a_part_at_the_sentence_that_weighs_most() {
        let model = PartModel::parse("parts.model", REFUND, &ids()).unwrap();
        assert_eq!(model.parts().collect::<Vec<_>>(), ["fix", "prevent"]);
        let text = format!("{} We sent your refund today. {}", filler(10), filler(10));
        let a = analysis(&text);
        let shows = model.show(&a, |i| a.norm(i), |_| true);
        assert_eq!(shows.len(), 1, "{shows:?}");
        assert_eq!(shows[0].part, "fix");
        assert_eq!(shows[0].span.text(&text), "We sent your refund today");
        assert!(shows[0].probability > 0.5 && shows[0].probability < 1.0);
        // A part the caller has shown already is not asked for.
        assert!(model.show(&a, |i| a.norm(i), |p| p != "fix").is_empty());
        // Without the word, only the bias speaks: no part.
        let plain = format!("{} We sent your parcel today. {}", filler(10), filler(10));
        let a = analysis(&plain);
        assert!(model.show(&a, |i| a.norm(i), |_| true).is_empty());
    }

    #[test]
    fn a_model_reads_messages_only() {
        let model = PartModel::parse("parts.model", REFUND, &ids()).unwrap();
        for text in [
            "We sent your refund today.".to_owned(),
            format!("{} refund.", filler(MAX_WORDS)),
            String::new(),
        ] {
            let a = analysis(&text);
            assert!(!reads(a.words().len()));
            assert!(model.show(&a, |i| a.norm(i), |_| true).is_empty());
        }
        assert!(reads(MIN_WORDS) && reads(MAX_WORDS));
    }

    #[test]
    fn weights_that_overflow_show_no_part() {
        let source = "parts fix\nbias 0\nthreshold 0.5\nf sent 3e38\nf your 3e38\nf today -3e38\nf we -3e38\n";
        let model = PartModel::parse("parts.model", source, &ids()).unwrap();
        let text = format!("{} We sent your refund today. {}", filler(10), filler(10));
        let a = analysis(&text);
        assert!(model.show(&a, |i| a.norm(i), |_| true).is_empty());
    }

    #[test]
    fn features_are_words_and_pairs_within_a_sentence() {
        let a = analysis("We're sorry. The parcel #12 is late!");
        let features = features(&a, |i| a.norm(i));
        assert!(features.contains(&"sorry".to_owned()), "{features:?}");
        assert!(features.contains(&"the parcel".to_owned()), "{features:?}");
        assert!(features.contains(&"is late".to_owned()), "{features:?}");
        // No pair crosses a sentence end.
        assert!(
            !features.iter().any(|f| f.ends_with(" the")),
            "{features:?}"
        );
        // Nothing the file format cannot hold.
        assert!(features.iter().all(|f| !f.contains('#') && !f.is_empty()));
    }

    #[test]
    fn a_written_model_reads_back() {
        let parts = [
            ("fix".to_owned(), -1.5, 0.75),
            ("prevent".to_owned(), 0.25, 1.0),
        ];
        let features = [
            ("refund".to_owned(), vec![1.25, -0.5]),
            ("on its".to_owned(), vec![0.0, 2.0]),
        ];
        let text = PartModel::write("trained for a test\nsecond line", &parts, &features);
        assert!(text.starts_with("# trained for a test\n# second line\n"));
        let model = PartModel::parse("parts.model", &text, &ids()).unwrap();
        assert_eq!(model.parts().collect::<Vec<_>>(), ["fix", "prevent"]);
        assert_eq!(model.features.get("on its"), Some(1));
        assert_eq!(model.weight(0, 0), 1.25);
        assert_eq!(model.weight(1, 1), 2.0);
        assert_eq!(model.parts[0].bias, -1.5);
        assert!((model.parts[0].threshold - 3f32.ln()).abs() < 1e-6);
        assert_eq!(model.parts[1].threshold, f32::INFINITY);
    }

    #[test]
    fn a_broken_model_names_each_problem_at_its_line_and_column() {
        let errors = |source: &str| -> Vec<(usize, usize, String)> {
            PartModel::parse("parts.model", source, &ids())
                .unwrap_err()
                .into_iter()
                .map(|e| (e.line, e.column, e.message))
                .collect()
        };
        let found = errors(
            "parts fix remorse\nbias 1\nthreshold 0.5\nf refund x\nf a b c 1\nf refund 1\nf refund 2\nnoise 1\n",
        );
        let at: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(at, [(1, 11), (4, 10), (5, 3), (7, 3), (8, 1)], "{found:?}");
        assert!(found[0].2.contains("unknown part `remorse`"), "{found:?}");
        assert!(
            found[0].2.contains("acknowledge"),
            "the known parts are listed: {found:?}"
        );
        assert!(found[1].2.contains("`x` is not a number"));
        assert!(found[2].2.contains("one word or two"));
        assert!(found[3].2.contains("given twice"));
        assert!(found[4].2.contains("unknown record `noise`"));
        let found = errors("f refund 1\n");
        assert!(
            found[0].2.contains("`parts` line must come first"),
            "{found:?}"
        );
        let found = errors("parts fix\nbias 1\n");
        assert!(
            found[0]
                .2
                .contains("needs its `parts`, `bias` and `threshold`"),
            "{found:?}"
        );
        let found = errors("parts fix\nbias 1\nthreshold 1.5\n");
        assert!(found[0].2.contains("not a probability"), "{found:?}");
        let found = errors("parts fix\nbias inf\nthreshold 0.5\n");
        assert!(found[0].2.contains("`inf` is not a number"), "{found:?}");
    }
}
