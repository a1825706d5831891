//! Language detection: which installed locale a text is written in, or an
//! explicit "unknown".
//!
//! A small pure function with named thresholds, in two layers:
//!
//! 1. A text without letters is unknown; only packs written in the text's
//!    script (whatlang's script detection) are candidates, so Cyrillic text
//!    is never automatically Bulgarian.
//! 2. **With the n-gram model** ([`crate::ngram`], distilled from lingua's
//!    models of the installed languages and their confusers: es, pt, fr, id,
//!    ms, ru, mk, sr, uk, with word frequencies from wordfreq), each
//!    candidate scores its average log-probability per n-gram, plus its
//!    words' log-probabilities ([`MODEL_WORD_WEIGHT`]), plus pack evidence;
//!    it must beat every modelled language without a pack by
//!    [`MODEL_MARGIN`] (plus [`MODEL_SHORT_TEXT_MARGIN`] divided by the
//!    number of words). A text of some length that no modelled language
//!    explains well ([`MODEL_FLOOR_SCORE`]), or whose words are mostly not
//!    the winner's common words ([`MODEL_KNOWN_SHARE`]), is unknown; a
//!    winner below [`MODEL_SURE_SCORE`] is checked by whatlang over all its
//!    languages, and when whatlang is reliable and names a language the
//!    model does not know, the text is unknown.
//! 3. **Without model data** for a candidate (a new pack for a language the
//!    model lacks), whatlang's per-language scores take the model's place,
//!    with the same pack evidence and an [`OPEN_SET_MARGIN`].
//!
//! Pack evidence: a bonus for the share of words that are the pack's
//! function words and apology anchors ([`WORD_WEIGHT`]), a penalty for the
//! share of words with letters outside the pack's alphabet
//! ([`ALPHABET_WEIGHT`]). Confidence is a logistic function of the winning
//! margin (0.5 means a tie). whatlang's per-language scores come from its
//! `dev` API, pinned in Cargo.lock.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use whatlang::dev::{RawLangInfo, raw_detect};
use whatlang::{Lang, Script};

use crate::text::normalize_into;

/// Weight of the share of words that are the pack's own function words.
pub const WORD_WEIGHT: f64 = 0.25;
/// Weight of the share of words with letters outside the pack's alphabet.
pub const ALPHABET_WEIGHT: f64 = 0.3;
/// How far the best candidate must score above the best language without a
/// pack. Scores are in whatlang's `[0, 1]` scale, where neighbours such as
/// Italian and Spanish differ by a few hundredths on a sentence.
pub const OPEN_SET_MARGIN: f64 = 0.0;
/// Without the n-gram model (whatlang's scores): turns a score margin into a
/// confidence, `1 / (1 + e^(-margin × scale))`.
pub const CONFIDENCE_SCALE: f64 = 60.0;
/// With the n-gram model: how far (average log-probability per n-gram) the
/// best candidate must score above the best modelled language without a
/// pack. Zero: an installed language must simply win.
pub const MODEL_MARGIN: f64 = 0.0;
/// With the n-gram model: added to the margin divided by the number of
/// words. Negative: on a word or two, an installed language that comes
/// within a whisker of a confuser still gets the benefit of the doubt (a
/// chat reply to a customer is more likely in the customer's language than
/// in a language with no pack); on a sentence it vanishes. Chosen on lines
/// 500–750 of the langid data (`examples/eval_langid.rs`).
pub const MODEL_SHORT_TEXT_MARGIN: f64 = -0.03;
/// With the n-gram model: weight of the word frequencies
/// ([`crate::ngram::Scores::words`]) beside the letters. Whole words tell
/// neighbours apart better than their letters (`sa`, `ng` are Tagalog,
/// `од` is Serbian and Macedonian, not Bulgarian), so they weigh more; on
/// lines 500–750 of the langid data the weights 3 to 8 did about equally
/// well, 1 noticeably worse.
pub const MODEL_WORD_WEIGHT: f64 = 5.0;
/// With the n-gram model: weight of the pack evidence.
pub const MODEL_EVIDENCE_WEIGHT: f64 = 1.0;
/// With the n-gram model: margin to confidence, `1 / (1 + e^-(slope ×
/// margin + intercept))`, as (slope, intercept) for a text of one word, of
/// two, and of three or more. Fitted (logistic regression of "the answer is
/// right" on the margin, over the answers given) on lines 500–750 of the
/// langid data, so that a confidence means what it says: of the single
/// words answered with 0.8, about eight in ten are right. The one fixed
/// slope used before had them right three times in ten at 0.55 and nine
/// times in ten at 0.999; on lines 750–1000 the expected calibration error
/// fell from 0.18 to 0.03 (words), 0.045 to 0.02 (pairs) and 0.005 to 0.004
/// (sentences), `examples/eval_langid.rs`. Refitted for one and two words
/// when the word lists grew to 30,000 words (0.030 / 0.018 / 0.005). Three
/// or more words keep the first fit: nearly all their answers are right, so
/// the unregularized fit's slope runs off.
pub const MODEL_CALIBRATION: [(f64, f64); 3] = [(2.89, -0.52), (5.67, -0.48), (7.38, 0.05)];
/// With the n-gram model: a text whose winning language scores at least
/// this (average log-probability per n-gram) is well explained by it, and
/// whatlang's guard is skipped. About the 15th percentile of sentences in
/// the four installed languages; texts in languages the model lacks score
/// lower (German, Dutch, Polish, Romanian, Turkish about −3.0 to −4.8),
/// except close kin such as Cebuano (about −2.4 as Tagalog).
pub const MODEL_SURE_SCORE: f64 = -2.6;
/// With the n-gram model: a text of at least [`MODEL_FLOOR_MIN_GRAMS`]
/// n-grams whose best language scores below this is unknown (below the 1st
/// percentile of sentences in the installed languages).
pub const MODEL_FLOOR_SCORE: f64 = -2.95;
/// See [`MODEL_FLOOR_SCORE`]: about twenty letters; shorter texts vary too much.
pub const MODEL_FLOOR_MIN_GRAMS: usize = 100;
/// With the n-gram model: a text of at least [`MODEL_KNOWN_MIN_WORDS`]
/// words is unknown when fewer than this share of them are in the winning
/// language's word list. On lines 500–750 of the langid data the lowest
/// share among sentences in the four installed languages was 0.44
/// (Tagalog; 1st percentiles 0.55–0.73); Danish or Catalan read as Italian
/// score about 0.35.
pub const MODEL_KNOWN_SHARE: f64 = 0.4;
/// See [`MODEL_KNOWN_SHARE`]: shorter texts are judged by their letters.
pub const MODEL_KNOWN_MIN_WORDS: usize = 4;
/// A text detected as a language another pack is mixed with (its
/// `[detect] mixed_with`: Tagalog with English) counts as that pack's
/// language when at least this many of its words are the pack's words, and
/// they make at least [`SWITCH_MIN_SHARE`] of them. Taglish ("We apologize
/// po for the double charge. Na-refund na po namin today.") is linted with
/// the Tagalog pack, which knows its English too. Two words, so one name or
/// stray word (`Ang`, a `PO` number) is not enough; on the langid data no
/// English sentence, pair or word has two Tagalog pack words, while one
/// sentence has one.
pub const SWITCH_MIN_WORDS: usize = 2;
/// See [`SWITCH_MIN_WORDS`]: one word in ten, so an English email that only
/// opens and closes with `po` stays English, for the English pack's rules.
pub const SWITCH_MIN_SHARE: f64 = 0.1;

/// Whatlang's guard against languages the model does not know only speaks
/// above this confidence (and when whatlang calls itself reliable).
pub const OPEN_SET_CONFIDENCE: f64 = 0.5;
/// Whatlang's guard does not overrule a winner whose pack words (function
/// words and apology anchors) make at least this share of the text's words:
/// whatlang weighs letters alone, and a Taglish chat reply with emoji,
/// English nouns and `haha` ("Hala sorry po, na-miss pala namin yung cake
/// niyo…", a third of its words Tagalog pack words) read to it as Javanese.
/// Of the langid sentences, 83% of the Tagalog and 66% of the English ones
/// reach it (8% of the Italian and 5% of the Bulgarian: their lists are
/// shorter); no answer on the 39,000 langid lines changed with it, and the
/// customer-service sentences in languages without a pack stay unknown
/// (`tests/detect.rs`).
pub const OPEN_SET_PACK_SHARE: f64 = 0.25;

/// Detection reads at most this many bytes of a text, cut at a space: about
/// 600 words, where one sentence already gets 99.5% of texts right (see the
/// README), so a long text costs no more than its beginning. A text whose
/// paragraphs are in different languages is detected paragraph by
/// paragraph by [`crate::Engine::lint`].
pub const MAX_DETECT_BYTES: usize = 4096;

/// The first [`MAX_DETECT_BYTES`] of `text`, ending before a whitespace
/// character when there is one (else at a character boundary).
fn sample(text: &str) -> &str {
    if text.len() <= MAX_DETECT_BYTES {
        return text;
    }
    let head = &text[..text.floor_char_boundary(MAX_DETECT_BYTES)];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    }
}

/// A locale and how likely it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Locale (pack id).
    pub code: String,
    /// Confidence in `[0, 1]`.
    pub confidence: f64,
}

/// The result of detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// The locale, or `None` when unknown.
    pub code: Option<String>,
    /// Confidence in the answer, `[0, 1]`.
    pub confidence: f64,
    /// Installed locales considered, best first.
    pub candidates: Vec<Candidate>,
    /// Why the answer is unknown.
    pub reason: Option<String>,
}

impl Detection {
    fn unknown(reason: impl Into<String>) -> Self {
        Detection {
            code: None,
            confidence: 0.0,
            candidates: Vec::new(),
            reason: Some(reason.into()),
        }
    }
}

/// One installed language as detection sees it.
#[derive(Debug, Clone)]
pub struct Installed {
    /// Pack id.
    pub code: String,
    /// whatlang language.
    pub lang: Lang,
    /// Writing script.
    pub script: Script,
    /// Normalized function words and apology anchors of the language.
    pub words: FxHashSet<String>,
    /// Lowercase letters the language writes, if the pack lists them.
    pub alphabet: Option<Alphabet>,
    /// Languages (pack ids) whose text with enough of `words` in it is this
    /// language, code-switched ([`SWITCH_MIN_WORDS`], [`SWITCH_MIN_SHARE`]).
    pub mixed_with: Vec<String>,
}

impl Installed {
    /// An installed language with no pack evidence.
    pub fn new(code: impl Into<String>, lang: Lang, script: Script) -> Self {
        Installed {
            code: code.into(),
            lang,
            script,
            words: FxHashSet::default(),
            alphabet: None,
            mixed_with: Vec::new(),
        }
    }
}

/// The letters a language writes: a bitmap below U+0600 (Latin, Greek,
/// Cyrillic), a sorted list above; each look-up is constant time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Alphabet {
    low: [u64; ALPHABET_LOW_WORDS],
    high: Vec<char>,
}

/// 64-letter words of [`Alphabet`]'s bitmap: U+0000–U+05FF.
const ALPHABET_LOW_WORDS: usize = 24;

impl Alphabet {
    /// Whether the alphabet has `c`.
    pub fn contains(&self, c: char) -> bool {
        let (word, bit) = bitmap_place(c);
        match self.low.get(word) {
            Some(bits) => bits & bit != 0,
            None => self.high.binary_search(&c).is_ok(),
        }
    }
}

/// Where `c` sits in [`Alphabet`]'s bitmap: its 64-bit word and its bit
/// (the word lies past the bitmap for characters above it).
fn bitmap_place(c: char) -> (usize, u64) {
    let code = c as usize;
    (code / 64, 1 << (code % 64))
}

impl FromIterator<char> for Alphabet {
    fn from_iter<I: IntoIterator<Item = char>>(letters: I) -> Self {
        let mut alphabet = Alphabet::default();
        for c in letters {
            let (word, bit) = bitmap_place(c);
            match alphabet.low.get_mut(word) {
                Some(bits) => *bits |= bit,
                None => alphabet.high.push(c),
            }
        }
        alphabet.high.sort_unstable();
        alphabet.high.dedup();
        alphabet
    }
}

/// Upper edges of the confidence bins of [`calibration_error`].
const CALIBRATION_BINS: [f64; 8] = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, f64::INFINITY];

/// How far confidences are from what they promise: the expected calibration
/// error of `answers` (each a confidence and whether the answer was right).
/// Per confidence bin (0–0.5, 0.5–0.6, …, 0.95–0.99, 0.99–1), the gap
/// between the mean confidence and the share of right answers, weighted by
/// the bin's share of the answers; 0 for no answers.
pub fn calibration_error(answers: &[(f64, bool)]) -> f64 {
    let mut bins = [(0.0, 0usize, 0usize); CALIBRATION_BINS.len()];
    for &(confidence, right) in answers {
        let bin = CALIBRATION_BINS
            .iter()
            .position(|&edge| confidence < edge)
            .unwrap_or(CALIBRATION_BINS.len() - 1);
        bins[bin].0 += confidence;
        bins[bin].1 += usize::from(right);
        bins[bin].2 += 1;
    }
    let total = answers.len().max(1) as f64;
    bins.iter()
        .filter(|(_, _, n)| *n > 0)
        .map(|&(sum, right, _)| (sum - right as f64).abs() / total)
        .sum()
}

/// Detects among the installed locales.
#[derive(Debug, Clone)]
pub struct Detector {
    installed: Vec<Installed>,
    /// Every installed language's pack words, merged: a normalized word →
    /// which languages list it (bit `i` for `installed[i]`), so that each
    /// word of a text is looked up once rather than once per candidate.
    /// `None` past [`MERGED_MAX`] languages, where each set is asked.
    /// Built on the first detection: linting in a given language never
    /// detects, and should not pay for it at start-up.
    merged_words: OnceLock<Option<FxHashMap<String, u64>>>,
}

/// The most installed languages [`Detector::merged_words`] indexes (one bit each).
const MERGED_MAX: usize = 64;

impl Detector {
    /// A detector over these installed languages.
    pub fn new(installed: Vec<Installed>) -> Self {
        Detector {
            installed,
            merged_words: OnceLock::new(),
        }
    }

    /// [`Detector::merged_words`], built on first use.
    fn merged_words(&self) -> Option<&FxHashMap<String, u64>> {
        self.merged_words
            .get_or_init(|| {
                (self.installed.len() <= MERGED_MAX).then(|| {
                    let mut merged: FxHashMap<String, u64> = FxHashMap::default();
                    for (i, language) in self.installed.iter().enumerate() {
                        for word in &language.words {
                            *merged.entry(word.clone()).or_default() |= 1 << i;
                        }
                    }
                    merged
                })
            })
            .as_ref()
    }

    /// For each installed language (in order), how many of `words` are
    /// its pack words.
    fn pack_word_hits(&self, words: &TextWords) -> Vec<usize> {
        let mut hits = vec![0; self.installed.len()];
        match self.merged_words() {
            Some(merged) => {
                for word in words.normalized() {
                    let mut languages = merged.get(word).copied().unwrap_or(0);
                    while languages != 0 {
                        hits[languages.trailing_zeros() as usize] += 1;
                        languages &= languages - 1;
                    }
                }
            }
            None => {
                for (count, language) in hits.iter_mut().zip(&self.installed) {
                    *count = words
                        .normalized()
                        .filter(|w| language.words.contains(*w))
                        .count();
                }
            }
        }
        hits
    }

    /// The installed locale `text` is closest to by the n-gram model, and
    /// by how much it beats the runner-up (average log-probability per
    /// n-gram). A cheap check for short fields known to be one of the
    /// installed languages; `None` without letters or model data.
    pub fn closest_installed(&self, text: &str) -> Option<(String, f64)> {
        let model = crate::ngram::model()?;
        let scores = model.scores(text);
        if scores.grams == 0 {
            return None;
        }
        let scores = combined(&scores);
        let mut ranked: Vec<(f64, &str)> = self
            .installed
            .iter()
            .filter_map(|i| Some((scores[model_column(model, &i.code)?], i.code.as_str())))
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best, code) = *ranked.first()?;
        let margin = ranked.get(1).map_or(f64::INFINITY, |r| best - r.0);
        Some((code.to_owned(), margin))
    }

    /// Detects the language of `text`.
    pub fn detect(&self, text: &str) -> Detection {
        let text = sample(text);
        if !text.chars().any(crate::ngram::is_letter) {
            return Detection::unknown("the text has no letters");
        }
        let Some(script) = whatlang::detect_script(text) else {
            return Detection::unknown("no writing script could be recognized");
        };
        let candidates: Vec<(usize, &Installed)> = self
            .installed
            .iter()
            .enumerate()
            .filter(|(_, i)| i.script == script)
            .collect();
        if candidates.is_empty() {
            return Detection::unknown(format!(
                "no installed locale is written in {} script",
                script.name()
            ));
        }
        let words = TextWords::new(text);
        let hits = self.pack_word_hits(&words);
        if let Some(model) = crate::ngram::model()
            && candidates
                .iter()
                .all(|(_, c)| model_column(model, &c.code).is_some())
        {
            let detection = self.detect_with_model(model, text, &candidates, &words, &hits);
            return self.code_switched(detection, &words, &hits);
        }
        let scores = whatlang_scores(text);
        let ranked: Vec<(f64, &Installed)> = candidates
            .iter()
            .map(|&(i, c)| {
                let base = scores.get(&c.lang).copied().unwrap_or(0.0);
                (base + evidence(c, &words, hits[i]), c)
            })
            .collect();
        let competitor = scores
            .iter()
            .filter(|(lang, _)| !self.installed.iter().any(|i| i.lang == **lang))
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(lang, score)| (format!("{} ({})", lang.eng_name(), lang.code()), *score));
        let detection = decide(ranked, competitor, OPEN_SET_MARGIN, (CONFIDENCE_SCALE, 0.0));
        self.code_switched(detection, &words, &hits)
    }

    /// `detection`, or the installed language mixed into it
    /// ([`SWITCH_MIN_WORDS`]): the one with the most of its words in the
    /// text, put first among the candidates. It keeps the confidence of the
    /// reading it replaces (how sure the detector is that the text is
    /// English, or English with Tagalog in it): the switch is a rule about
    /// words the text certainly has, not a further guess.
    fn code_switched(
        &self,
        mut detection: Detection,
        words: &TextWords,
        hits: &[usize],
    ) -> Detection {
        let Some(read_as) = detection.code.as_deref() else {
            return detection;
        };
        let switched = self
            .installed
            .iter()
            .zip(hits)
            .filter(|&(language, &hits)| {
                language.mixed_with.iter().any(|m| m == read_as)
                    && hits >= SWITCH_MIN_WORDS
                    && hits as f64 >= SWITCH_MIN_SHARE * words.len() as f64
            })
            .max_by_key(|&(_, &hits)| hits);
        let Some((language, _)) = switched else {
            return detection;
        };
        let confidence = detection.confidence;
        detection
            .candidates
            .retain(|candidate| candidate.code != language.code);
        detection.candidates.insert(
            0,
            Candidate {
                code: language.code.clone(),
                confidence,
            },
        );
        detection.code = Some(language.code.clone());
        detection
    }
}

impl Detector {
    /// Detection by the n-gram model: the installed candidates against the
    /// model's other languages, plus whatlang's guard for languages the model
    /// does not know.
    fn detect_with_model(
        &self,
        model: &crate::ngram::Model,
        text: &str,
        candidates: &[(usize, &Installed)],
        words: &TextWords,
        hits: &[usize],
    ) -> Detection {
        let all = model.scores(text);
        if all.grams == 0 {
            return Detection::unknown("the text has no letters");
        }
        let scores = combined(&all);
        let installed_columns: Vec<usize> = self
            .installed
            .iter()
            .filter_map(|i| model_column(model, &i.code))
            .collect();
        let ranked: Vec<(f64, &Installed)> = candidates
            .iter()
            .filter_map(|&(i, c)| {
                let column = model_column(model, &c.code)?;
                Some((
                    scores[column] + MODEL_EVIDENCE_WEIGHT * evidence(c, words, hits[i]),
                    c,
                ))
            })
            .collect();
        let competitor = scores
            .iter()
            .enumerate()
            .filter(|(j, _)| !installed_columns.contains(j))
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(j, score)| (format!("`{}`", model.languages[j]), *score));
        // On a word or two the margin gives an installed language the benefit of the doubt.
        let margin = MODEL_MARGIN + MODEL_SHORT_TEXT_MARGIN / words.len().max(1) as f64;
        let calibration = MODEL_CALIBRATION[words.len().clamp(1, MODEL_CALIBRATION.len()) - 1];
        let detection = decide(ranked, competitor, margin, calibration);
        if detection.code.is_none() {
            return detection;
        }
        let winner = detection
            .code
            .as_deref()
            .and_then(|code| model_column(model, code));
        let best = winner.map_or(f64::NEG_INFINITY, |column| all.letters[column]);
        // A longer text every modelled language explains poorly is in a
        // language the model does not know.
        if all.grams >= MODEL_FLOOR_MIN_GRAMS && best < MODEL_FLOOR_SCORE {
            return Detection::unknown(
                "the text reads like none of the languages the detector knows",
            );
        }
        // Real text in a language uses mostly its common words; a text whose
        // winner knows few of them is in a language the model lacks.
        if let Some(column) = winner
            && all.word_count >= MODEL_KNOWN_MIN_WORDS
            && (all.known[column] as f64) < MODEL_KNOWN_SHARE * all.word_count as f64
        {
            return Detection::unknown(format!(
                "few of the text's words are common `{}` words",
                model.languages[column]
            ));
        }
        // Only a doubtful accepted text needs whatlang's (slower) look at
        // the languages the model does not know.
        let winner_share = detection
            .code
            .as_deref()
            .and_then(|code| self.installed.iter().position(|i| i.code == code))
            .map_or(0.0, |i| hits[i] as f64 / words.len().max(1) as f64);
        if best < MODEL_SURE_SCORE
            && winner_share < OPEN_SET_PACK_SHARE
            && let Some(info) = whatlang::detect(text)
            && info.is_reliable()
            && info.confidence() >= OPEN_SET_CONFIDENCE
            && !self.installed.iter().any(|i| i.lang == info.lang())
            && !model.whatlang.contains(&Some(info.lang()))
        {
            return Detection::unknown(format!(
                "the text looks like {} ({}), which has no installed locale",
                info.lang().eng_name(),
                info.lang().code()
            ));
        }
        detection
    }
}

/// Each language's letter score plus its weighted word score.
fn combined(scores: &crate::ngram::Scores) -> Vec<f64> {
    scores
        .letters
        .iter()
        .zip(&scores.words)
        .map(|(letters, words)| letters + MODEL_WORD_WEIGHT * words)
        .collect()
}

/// The verdict over ranked candidates (score, language): the best one,
/// unless the best language without a pack (`competitor`: its name and
/// score) comes within `margin` of it; confidences from the margin over the
/// best rival, by `calibration` (slope, intercept).
fn decide(
    mut ranked: Vec<(f64, &Installed)>,
    competitor: Option<(String, f64)>,
    margin: f64,
    calibration: (f64, f64),
) -> Detection {
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let Some(&(best_score, best)) = ranked.first() else {
        return Detection::unknown("no installed locale can be scored");
    };
    let runner_up = ranked.get(1).map_or(f64::NEG_INFINITY, |r| r.0);
    let rival = competitor
        .as_ref()
        .map_or(f64::NEG_INFINITY, |c| c.1)
        .max(runner_up);
    let candidates: Vec<Candidate> = ranked
        .iter()
        .map(|(score, c)| Candidate {
            code: c.code.clone(),
            confidence: confidence(*score, rival, calibration),
        })
        .collect();
    if let Some((name, score)) = competitor
        && best_score - score < margin
    {
        return Detection {
            code: None,
            confidence: 0.0,
            candidates,
            reason: Some(format!(
                "the text looks like {name}, which has no installed locale"
            )),
        };
    }
    Detection {
        code: Some(best.code.clone()),
        confidence: confidence(best_score, rival, calibration),
        candidates,
        reason: None,
    }
}

/// The model column of a pack, by the language subtag of its id (`pt-BR` → `pt`).
fn model_column(model: &crate::ngram::Model, code: &str) -> Option<usize> {
    let language = code.split(['-', '_']).next().unwrap_or(code);
    model.languages.iter().position(|l| *l == language)
}

/// The confidence of a score against its best rival: a logistic function of
/// the margin, `calibration` (slope, intercept); 1 when there is no rival.
/// To three decimals.
fn confidence(score: f64, rival: f64, (slope, intercept): (f64, f64)) -> f64 {
    if !rival.is_finite() {
        return 1.0;
    }
    round(1.0 / (1.0 + (-(score - rival) * slope - intercept).exp()))
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Pack evidence for one candidate whose pack words are `hits` of `words`
/// ([`Detector::pack_word_hits`]): the function-word bonus minus the
/// foreign-letter penalty.
fn evidence(candidate: &Installed, words: &TextWords, hits: usize) -> f64 {
    let mut total = 0.0;
    if words.is_empty() {
        return total;
    }
    let count = words.len() as f64;
    if !candidate.words.is_empty() {
        total += WORD_WEIGHT * hits as f64 / count;
    }
    if let Some(alphabet) = &candidate.alphabet {
        let foreign = words
            .lowercase()
            .filter(|w| w.chars().any(|c| !alphabet.contains(c)))
            .count();
        total -= ALPHABET_WEIGHT * foreign as f64 / count;
    }
    total
}

/// The words of a text (runs of letters), lowercased and in the matching
/// form pack words are written in, kept in two buffers rather than a string
/// per word.
struct TextWords {
    lowercase: String,
    normalized: String,
    /// Per word, where it ends in `lowercase` and in `normalized`.
    ends: Vec<(usize, usize)>,
}

impl TextWords {
    fn new(text: &str) -> Self {
        let mut words = TextWords {
            lowercase: String::with_capacity(text.len()),
            normalized: String::with_capacity(text.len()),
            ends: Vec::new(),
        };
        for word in text
            .split(|c: char| !crate::ngram::is_letter(c))
            .filter(|w| !w.is_empty())
        {
            let from = words.lowercase.len();
            if word.is_ascii() {
                words
                    .lowercase
                    .extend(word.chars().map(|c| c.to_ascii_lowercase()));
                words.normalized.push_str(&words.lowercase[from..]);
            } else {
                words.lowercase.push_str(&word.to_lowercase());
                normalize_into(&words.lowercase[from..], &mut words.normalized);
            }
            words
                .ends
                .push((words.lowercase.len(), words.normalized.len()));
        }
        words
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Each word, lowercased.
    fn lowercase(&self) -> impl Iterator<Item = &str> {
        pieces(&self.lowercase, self.ends.iter().map(|e| e.0))
    }

    /// Each word in matching form.
    fn normalized(&self) -> impl Iterator<Item = &str> {
        pieces(&self.normalized, self.ends.iter().map(|e| e.1))
    }
}

/// The consecutive pieces of `buffer` that end at `ends`.
fn pieces<'b>(
    buffer: &'b str,
    ends: impl Iterator<Item = usize> + Clone + 'b,
) -> impl Iterator<Item = &'b str> {
    let starts = std::iter::once(0).chain(ends.clone());
    starts.zip(ends).map(|(from, to)| &buffer[from..to])
}

/// whatlang's score for every language of the text's script.
fn whatlang_scores(text: &str) -> HashMap<Lang, f64> {
    match raw_detect(text).lang_info {
        Some(RawLangInfo::MultiScript(outcome)) => outcome.scores.into_iter().collect(),
        Some(RawLangInfo::OneScript(lang)) | Some(RawLangInfo::Mandarin(lang)) => {
            [(lang, 1.0)].into()
        }
        None => HashMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_error_is_the_weighted_gap_between_confidence_and_accuracy() {
        assert_eq!(calibration_error(&[]), 0.0);
        assert_eq!(calibration_error(&[(1.0, true), (1.0, true)]), 0.0);
        // One bin at 0.9 with half right, one at 0.55 all right: 0.4 and
        // 0.45, each over half the answers.
        let answers = [(0.9, true), (0.9, false), (0.55, true), (0.55, true)];
        assert!((calibration_error(&answers) - (0.4 + 0.45) / 2.0).abs() < 1e-12);
    }

    #[test]
    fn alphabets_hold_exactly_their_letters() {
        let alphabet: Alphabet = "abcàèéжщ\u{1E0D}ñ".chars().collect();
        for c in "abcàèéжщ\u{1E0D}ñ".chars() {
            assert!(alphabet.contains(c), "{c}");
        }
        for c in "dzÀюы\u{1E0C}ß".chars() {
            assert!(!alphabet.contains(c), "{c}");
        }
    }

    fn detector() -> Detector {
        Detector::new(vec![
            Installed::new("en", Lang::Eng, Script::Latin),
            Installed::new("it", Lang::Ita, Script::Latin),
            Installed::new("bg", Lang::Bul, Script::Cyrillic),
        ])
    }

    #[test]
    fn merged_pack_words_count_as_each_pack_counts_them() {
        let with_words = |code: &str, lang: Lang, words: &[&str]| Installed {
            words: words.iter().map(|w| w.to_string()).collect(),
            ..Installed::new(code, lang, Script::Latin)
        };
        let installed = vec![
            with_words("en", Lang::Eng, &["we", "sorry", "the"]),
            with_words("it", Lang::Ita, &["ci", "scusiamo", "il"]),
            with_words("tl", Lang::Tgl, &["po", "sorry", "ang"]),
            with_words("es", Lang::Spa, &[]),
        ];
        let merged = Detector::new(installed.clone());
        assert!(merged.merged_words().is_some());
        let each = Detector {
            installed,
            merged_words: OnceLock::from(None),
        };
        for text in [
            "Sorry po, we fixed the order.",
            "Ci scusiamo per il ritardo: sorry!",
            "",
            "nothing listed here",
        ] {
            let words = TextWords::new(text);
            assert_eq!(
                merged.pack_word_hits(&words),
                each.pack_word_hits(&words),
                "{text}"
            );
        }
        let words = TextWords::new("Sorry po, we fixed the order.");
        assert_eq!(merged.pack_word_hits(&words), vec![3, 0, 2, 0]);
        // Past one bit per language, each pack's set is asked.
        let many: Vec<Installed> = (0..=MERGED_MAX)
            .map(|i| with_words(&format!("x{i}"), Lang::Eng, &["sorry"]))
            .collect();
        let many = Detector::new(many);
        assert!(many.merged_words().is_none());
        assert_eq!(many.pack_word_hits(&words), vec![1; MERGED_MAX + 1]);
    }

    #[test]
    fn detects_installed_languages() {
        let d = detector();
        assert_eq!(
            d.detect("Ci scusiamo per il ritardo nella consegna del suo ordine.")
                .code
                .as_deref(),
            Some("it")
        );
        assert_eq!(
            d.detect("Извиняваме се за забавянето на Вашата пратка.")
                .code
                .as_deref(),
            Some("bg")
        );
    }

    #[test]
    fn a_long_text_is_detected_from_its_beginning() {
        // Two-byte letters, so the cut must find a character boundary.
        let bulgarian = "Извиняваме се за забавянето на Вашата пратка. ".repeat(200);
        let head = sample(&bulgarian);
        assert!(head.len() <= MAX_DETECT_BYTES && bulgarian.starts_with(head));
        assert!(bulgarian[head.len()..].starts_with(' '), "cut at a space");
        let italian = "Ci scusiamo per il ritardo nella consegna del suo ordine. ";
        let text = format!("{bulgarian}{}", italian.repeat(400));
        assert_eq!(sample(&text), head);
        let d = detector();
        assert_eq!(d.detect(&text), d.detect(head));
        assert_eq!(d.detect(&text).code.as_deref(), Some("bg"));
        // One long word whose letters straddle the limit: cut before it.
        let word = format!("a{}", "я".repeat(MAX_DETECT_BYTES));
        assert_eq!(sample(&word).len(), MAX_DETECT_BYTES - 1);
    }

    #[test]
    fn unknown_for_other_scripts_languages_and_no_letters() {
        let d = detector();
        assert_eq!(d.detect("1234 !!").code, None);
        let greek = d.detect("Ζητούμε συγγνώμη για την καθυστέρηση της παραγγελίας σας.");
        assert_eq!(greek.code, None);
        assert!(greek.reason.unwrap().contains("Greek"));
        let russian =
            d.detect("Приносим извинения за задержку вашего заказа, мы уже всё исправили.");
        assert_eq!(
            russian.code, None,
            "Cyrillic is not automatically Bulgarian"
        );
        let spanish = d.detect("Lamentamos mucho el retraso en la entrega de su pedido.");
        assert_eq!(spanish.code, None);
    }

    #[test]
    fn pack_words_decide_between_neighbours() {
        let mut tagalog = Installed::new("tl", Lang::Tgl, Script::Latin);
        tagalog.words = ["po", "namin", "ang", "sa", "na"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let d = Detector::new(vec![
            Installed::new("en", Lang::Eng, Script::Latin),
            tagalog,
        ]);
        assert_eq!(
            d.detect("Sorry po sa delay, na-refund na namin ang payment")
                .code
                .as_deref(),
            Some("tl")
        );
    }

    #[test]
    fn english_with_enough_words_of_a_mixed_in_pack_counts_as_its_language() {
        let tagalog = |mixed_with: &[&str]| Installed {
            words: ["po", "namin", "ang", "ng", "sa", "pero", "din"]
                .iter()
                .map(|w| w.to_string())
                .collect(),
            mixed_with: mixed_with.iter().map(|m| m.to_string()).collect(),
            ..Installed::new("tl", Lang::Tgl, Script::Latin)
        };
        let english = || Installed::new("en", Lang::Eng, Script::Latin);
        let d = Detector::new(vec![english(), tagalog(&["en"])]);
        let taglish = "Sorry for the inconvenience po, if there was any mistake on our side. \
                       Pero kasalanan din po ng courier.";
        // Read as English without the switch (the same pack, not mixed in).
        let plain = Detector::new(vec![english(), tagalog(&[])]).detect(taglish);
        assert_eq!(plain.code.as_deref(), Some("en"));
        let switched = d.detect(taglish);
        assert_eq!(switched.code.as_deref(), Some("tl"));
        assert_eq!(switched.candidates[0].code, "tl");
        assert_eq!(switched.confidence, plain.confidence);
        assert_eq!(switched.candidates.len(), plain.candidates.len());
        // One Tagalog word is not enough, nor two in a long English text.
        for english_text in [
            "Sorry for the inconvenience po, we will check your account today.",
            &format!(
                "Good morning po. {} Thank you po.",
                "We have refunded the second charge and checked every order on your account. "
                    .repeat(2)
            ),
        ] {
            let words = TextWords::new(english_text);
            assert!(d.pack_word_hits(&words)[1] >= 1, "{english_text}");
            assert_eq!(
                d.detect(english_text).code.as_deref(),
                Some("en"),
                "{english_text}"
            );
        }
        // A language not named in `mixed_with` is not switched.
        let italian = |mixed_with: &[&str]| {
            Detector::new(vec![
                Installed::new("it", Lang::Ita, Script::Latin),
                tagalog(mixed_with),
            ])
        };
        let text = "Ci scusiamo po per il ritardo nella consegna, sa.";
        assert_eq!(italian(&["en"]).detect(text).code.as_deref(), Some("it"));
        assert_eq!(italian(&["en"]).detect(text), italian(&[]).detect(text));
    }
}
