//! What linting finds: findings, the parts of a sincere apology, the detected
//! language and the score. Plain data; turning it into prose or JSON is the
//! job of [`crate::output`] and [`crate::l10n`].
//!
//! # Score
//! The score (0–100) rewards the parts an apology has and subtracts for what
//! it does wrong:
//!
//! ```text
//! score = clamp(Σ weight(part present) − Σ penalty(severity of each rule that fired), 0, 100)
//! ```
//!
//! Part weights and penalties are data in `locales/ids.toml`. The weights sum to
//! 100 and follow Lewicki, Polin & Lount (2016): acknowledging responsibility
//! (`take-responsibility`, 25) and offering repair (`fix`, 25) count most;
//! `acknowledge` and `apologize` 10 each; `prevent` 8; `empathize`, `explain`
//! and `follow-up` 6 each; `compensate` 4. Each rule that fired takes off its
//! penalty once, whatever its number of findings: error 25, warning 10, hint 3.

use std::collections::BTreeMap;

use crate::text::Span;

pub use crate::severity::Severity;

/// One anti-pattern found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable rule id, such as `conditional-apology`.
    pub rule: String,
    /// Severity after context (a rule may soften to a hint).
    pub severity: Severity,
    /// Byte range of the offending words in the input.
    pub span: Span,
    /// Locale whose rule fired; its messages explain the finding.
    pub locale: String,
}

/// The language a report was made in.
#[derive(Debug, Clone, PartialEq)]
pub struct Language {
    /// The locale whose rules ran, or `None` when the language is unknown.
    pub code: Option<String>,
    /// How the locale was chosen.
    pub source: LanguageSource,
    /// Confidence in `[0, 1]` (1 when the caller gave the language).
    pub confidence: f64,
    /// Why the language is unknown, when it is.
    pub reason: Option<String>,
    /// For mixed text: each paragraph's span and language (`None` when it
    /// could not be told and followed its neighbours). Empty when the whole
    /// text is in one language.
    pub segments: Vec<(Span, Option<String>)>,
}

impl Language {
    /// The locale whose rules ran on the text at `span`: its paragraph's
    /// when the text was linted paragraph by paragraph, else the text's.
    pub fn locale_at(&self, span: Span) -> Option<&str> {
        self.segments
            .iter()
            .find(|(paragraph, _)| paragraph.start <= span.start && span.start < paragraph.end)
            .and_then(|(_, code)| code.as_deref())
            .or(self.code.as_deref())
    }
}

/// How a report's language was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageSource {
    /// Given by the caller.
    Given,
    /// Found by detection.
    Detected,
}

impl LanguageSource {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageSource::Given => "given",
            LanguageSource::Detected => "detected",
        }
    }
}

/// Whether each part of a sincere apology is present, and where.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parts {
    /// Part id → spans that showed it (empty when absent), in id order of
    /// `ids.toml` as loaded.
    pub spans: BTreeMap<String, Vec<Span>>,
    /// The parts that only the pack's part model showed (no cue did), with
    /// the model's probability; their span is the sentence that weighs most
    /// for them (see [`crate::rules::model`]).
    pub model: BTreeMap<String, f32>,
}

impl Parts {
    /// Whether part `id` is present.
    pub fn has(&self, id: &str) -> bool {
        self.spans.get(id).is_some_and(|s| !s.is_empty())
    }

    /// The ids of the parts present, in id order.
    pub fn present(&self) -> impl Iterator<Item = &str> {
        self.spans
            .iter()
            .filter(|(_, spans)| !spans.is_empty())
            .map(|(id, _)| id.as_str())
    }
}

/// The result of linting one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The language whose rules ran.
    pub language: Language,
    /// Findings, sorted by position then rule id.
    pub findings: Vec<Finding>,
    /// Parts of a sincere apology.
    pub parts: Parts,
    /// Score from 0 to 100 (see the module docs).
    pub score: u32,
    /// The customer's language when the text is not written in it (a
    /// warning, asked for with [`crate::LintOptions::expect_language`]).
    pub expected_language: Option<String>,
}

impl Report {
    /// The most severe finding's severity, if any; a reply in the wrong
    /// language counts as a warning.
    pub fn max_severity(&self) -> Option<Severity> {
        let mismatch = self.expected_language.as_ref().map(|_| Severity::Warning);
        self.findings
            .iter()
            .map(|f| f.severity)
            .chain(mismatch)
            .max()
    }
}

/// Computes the score from part weights and rule penalties.
pub(crate) fn score(
    findings: &[Finding],
    parts: &Parts,
    weights: &BTreeMap<String, u32>,
    penalties: &BTreeMap<Severity, u32>,
) -> u32 {
    let gained: u32 = weights
        .iter()
        .filter(|(id, _)| parts.has(id))
        .map(|(_, w)| *w)
        .sum();
    let mut worst: BTreeMap<&str, Severity> = BTreeMap::new();
    for f in findings {
        let entry = worst.entry(&f.rule).or_insert(f.severity);
        *entry = (*entry).max(f.severity);
    }
    let lost: u32 = worst
        .values()
        .map(|s| penalties.get(s).copied().unwrap_or(0))
        .sum();
    gained.saturating_sub(lost).min(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_adds_weights_and_counts_each_rule_once() {
        let weights: BTreeMap<String, u32> =
            [("apologize".to_string(), 10), ("fix".to_string(), 25)].into();
        let penalties: BTreeMap<Severity, u32> =
            [(Severity::Error, 25), (Severity::Hint, 3)].into();
        let mut parts = Parts::default();
        parts.spans.insert("fix".into(), vec![Span::new(0, 1)]);
        parts.spans.insert("apologize".into(), vec![]);
        let hint = |start| Finding {
            rule: "over-apologizing".into(),
            severity: Severity::Hint,
            span: Span::new(start, start + 1),
            locale: "en".into(),
        };
        assert_eq!(score(&[], &parts, &weights, &penalties), 25);
        assert_eq!(score(&[hint(0), hint(2)], &parts, &weights, &penalties), 22);
        let error = Finding {
            severity: Severity::Error,
            rule: "denial".into(),
            ..hint(0)
        };
        assert_eq!(score(&[error, hint(1)], &parts, &weights, &penalties), 0);
    }
}
