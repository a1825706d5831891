//! Language detection: which installed locale a text is written in, or an
//! explicit "unknown".
//!
//! A small pure function over whatlang's statistics plus evidence the packs
//! supply, with named thresholds:
//!
//! 1. A text without letters is unknown.
//! 2. Only packs written in the text's script are candidates (Cyrillic text
//!    is never automatically Bulgarian: Russian, Ukrainian, Serbian and
//!    Macedonian compete with it below).
//! 3. whatlang scores the text against *all* its languages of that script
//!    (trigrams and alphabet). Each candidate's score gets pack evidence: a
//!    bonus for the share of words that are the pack's function words and
//!    apology anchors ([`WORD_WEIGHT`]), a penalty for the share of words
//!    with letters outside the pack's alphabet ([`ALPHABET_WEIGHT`]).
//! 4. Open-set guard: the best candidate must beat the best language with no
//!    installed pack by [`OPEN_SET_MARGIN`]; otherwise the text is unknown,
//!    rather than linted with the wrong rules.
//! 5. Confidence is a logistic function of the winning margin
//!    ([`CONFIDENCE_SCALE`]), so 0.5 means a tie.
//!
//! whatlang's per-language scores come from its `dev` API, pinned in
//! Cargo.lock.

use std::collections::{HashMap, HashSet};

use whatlang::dev::{RawLangInfo, raw_detect};
use whatlang::{Lang, Script};

use crate::text::normalized_words;

/// Weight of the share of words that are the pack's own function words.
pub const WORD_WEIGHT: f64 = 0.25;
/// Weight of the share of words with letters outside the pack's alphabet.
pub const ALPHABET_WEIGHT: f64 = 0.3;
/// How far the best candidate must score above the best language without a
/// pack. Scores are in whatlang's `[0, 1]` scale, where neighbours such as
/// Italian and Spanish differ by a few hundredths on a sentence.
pub const OPEN_SET_MARGIN: f64 = 0.0;
/// Turns a score margin into a confidence: `1 / (1 + e^(-margin × scale))`.
pub const CONFIDENCE_SCALE: f64 = 60.0;

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
    pub words: HashSet<String>,
    /// Lowercase letters the language writes, if the pack lists them.
    pub alphabet: Option<HashSet<char>>,
}

impl Installed {
    /// An installed language with no pack evidence.
    pub fn new(code: impl Into<String>, lang: Lang, script: Script) -> Self {
        Installed {
            code: code.into(),
            lang,
            script,
            words: HashSet::new(),
            alphabet: None,
        }
    }
}

/// Detects among the installed locales.
#[derive(Debug, Clone)]
pub struct Detector {
    installed: Vec<Installed>,
}

impl Detector {
    /// A detector over these installed languages.
    pub fn new(installed: Vec<Installed>) -> Self {
        Detector { installed }
    }

    /// Detects the language of `text`.
    pub fn detect(&self, text: &str) -> Detection {
        if !text.chars().any(char::is_alphabetic) {
            return Detection::unknown("the text has no letters");
        }
        let Some(script) = whatlang::detect_script(text) else {
            return Detection::unknown("no writing script could be recognized");
        };
        let candidates: Vec<&Installed> = self
            .installed
            .iter()
            .filter(|i| i.script == script)
            .collect();
        if candidates.is_empty() {
            return Detection::unknown(format!(
                "no installed locale is written in {} script",
                script.name()
            ));
        }
        let scores = whatlang_scores(text);
        let words: Vec<String> = normalized_words(text)
            .into_iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        let raw_words: Vec<String> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut ranked: Vec<(f64, &Installed)> = candidates
            .iter()
            .map(|c| {
                let base = scores.get(&c.lang).copied().unwrap_or(0.0);
                (base + evidence(c, &words, &raw_words), *c)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        let competitor = scores
            .iter()
            .filter(|(lang, _)| !self.installed.iter().any(|i| i.lang == **lang))
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(lang, score)| (*lang, *score));
        let (best_score, best) = ranked[0];
        let runner_up = ranked.get(1).map_or(f64::NEG_INFINITY, |r| r.0);
        let rival = competitor.map_or(f64::NEG_INFINITY, |c| c.1).max(runner_up);
        let confidence_of = |score: f64| {
            let margin = if rival.is_finite() {
                score - rival
            } else {
                1.0
            };
            1.0 / (1.0 + (-margin * CONFIDENCE_SCALE).exp())
        };
        let candidates: Vec<Candidate> = ranked
            .iter()
            .map(|(score, c)| Candidate {
                code: c.code.clone(),
                confidence: round(confidence_of(*score)),
            })
            .collect();
        if let Some((lang, score)) = competitor
            && best_score - score < OPEN_SET_MARGIN
        {
            return Detection {
                code: None,
                confidence: 0.0,
                candidates,
                reason: Some(format!(
                    "the text looks like {} ({}), which has no installed locale",
                    lang.eng_name(),
                    lang.code()
                )),
            };
        }
        Detection {
            code: Some(best.code.clone()),
            confidence: round(confidence_of(best_score)),
            candidates,
            reason: None,
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Pack evidence for one candidate: the function-word bonus minus the
/// foreign-letter penalty.
fn evidence(candidate: &Installed, words: &[String], raw_words: &[String]) -> f64 {
    let mut total = 0.0;
    if !words.is_empty() && !candidate.words.is_empty() {
        let hits = words
            .iter()
            .filter(|w| candidate.words.contains(w.as_str()))
            .count();
        total += WORD_WEIGHT * hits as f64 / words.len() as f64;
    }
    if let Some(alphabet) = &candidate.alphabet
        && !raw_words.is_empty()
    {
        let foreign = raw_words
            .iter()
            .filter(|w| w.chars().any(|c| !alphabet.contains(&c)))
            .count();
        total -= ALPHABET_WEIGHT * foreign as f64 / raw_words.len() as f64;
    }
    total
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

    fn detector() -> Detector {
        Detector::new(vec![
            Installed::new("en", Lang::Eng, Script::Latin),
            Installed::new("it", Lang::Ita, Script::Latin),
            Installed::new("bg", Lang::Bul, Script::Cyrillic),
        ])
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
}
