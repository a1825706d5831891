//! Language detection: which installed locale a text is written in, or an
//! explicit "unknown".
//!
//! A small pure function over whatlang with named thresholds:
//! 1. A text with fewer than [`MIN_LETTERS`] letters is unknown.
//! 2. The text's script must be the script of an installed pack (Cyrillic
//!    text is only a candidate for Cyrillic packs).
//! 3. Open-set guard: whatlang over *all* its languages; when it is reliable
//!    and names a language with no installed pack, the text is unknown rather
//!    than forced into the nearest installed one (Russian is not Bulgarian).
//! 4. Otherwise whatlang restricted to the candidate packs picks the locale;
//!    below [`MIN_CONFIDENCE`] the answer is unknown.

use whatlang::{Detector as Whatlang, Lang, Script};

/// Fewer letters than this cannot be told apart.
pub const MIN_LETTERS: usize = 2;
/// Restricted detection below this confidence is reported as unknown.
pub const MIN_CONFIDENCE: f64 = 0.02;
/// The open-set guard only overrules when whatlang's unrestricted answer has
/// at least this confidence (and whatlang calls it reliable).
pub const OPEN_SET_CONFIDENCE: f64 = 0.5;

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
        let letters = text
            .chars()
            .filter(|c| c.is_alphabetic())
            .take(MIN_LETTERS)
            .count();
        if letters < MIN_LETTERS {
            return Detection::unknown("the text has too few letters to tell its language");
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
        if let Some(open) = whatlang::detect(text)
            && open.is_reliable()
            && open.confidence() >= OPEN_SET_CONFIDENCE
            && !self.installed.iter().any(|i| i.lang == open.lang())
        {
            return Detection::unknown(format!(
                "the text looks like {} ({}), which has no installed locale",
                open.lang().eng_name(),
                open.lang().code()
            ));
        }
        let detector = Whatlang::with_allowlist(candidates.iter().map(|c| c.lang).collect());
        let Some(info) = detector.detect(text) else {
            return Detection::unknown("the language could not be told");
        };
        let mut ranked: Vec<Candidate> = candidates
            .iter()
            .map(|c| Candidate {
                code: c.code.clone(),
                confidence: if c.lang == info.lang() {
                    info.confidence()
                } else {
                    0.0
                },
            })
            .collect();
        ranked.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        let Some(best) = ranked.first().cloned() else {
            return Detection::unknown("the language could not be told");
        };
        if best.confidence < MIN_CONFIDENCE {
            return Detection {
                reason: Some("confidence too low".into()),
                code: None,
                confidence: best.confidence,
                candidates: ranked,
            };
        }
        Detection {
            code: Some(best.code),
            confidence: best.confidence,
            candidates: ranked,
            reason: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        let installed = [
            ("en", Lang::Eng, Script::Latin),
            ("it", Lang::Ita, Script::Latin),
            ("bg", Lang::Bul, Script::Cyrillic),
        ];
        Detector::new(
            installed
                .iter()
                .map(|(c, l, s)| Installed {
                    code: c.to_string(),
                    lang: *l,
                    script: *s,
                })
                .collect(),
        )
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
    fn unknown_for_other_scripts_and_too_little_text() {
        let d = detector();
        assert_eq!(d.detect("1234 !!").code, None);
        let greek = d.detect("Ζητούμε συγγνώμη για την καθυστέρηση της παραγγελίας σας.");
        assert_eq!(greek.code, None);
        assert!(greek.reason.unwrap().contains("Greek"));
    }
}
