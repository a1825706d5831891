//! Comparing an apology with its translation: the language of each, the
//! parts of a sincere apology the translation lost, and the anti-patterns it
//! introduced (rules that fire in the translation but not in the source).

use crate::lint::{Engine, LintOptions};
use crate::report::{Finding, Report};

/// What a translation kept, lost and added.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The source's report.
    pub source: Report,
    /// The translation's report.
    pub translation: Report,
    /// Parts present in the source and absent from the translation.
    pub lost_parts: Vec<String>,
    /// Findings of the translation whose rule does not fire in the source.
    pub introduced: Vec<Finding>,
}

/// Lints both texts (each in its detected language) and compares them.
pub fn compare(engine: &Engine, source: &str, translation: &str) -> Comparison {
    let auto = LintOptions::default();
    let lint = |text| {
        engine
            .lint(text, &auto)
            .unwrap_or_else(|_| unreachable!("detection never names an unknown locale"))
    };
    let source_report = lint(source);
    let translation_report = lint(translation);
    let lost_parts = source_report
        .parts
        .spans
        .keys()
        .filter(|id| source_report.parts.has(id) && !translation_report.parts.has(id))
        .cloned()
        .collect();
    let introduced = translation_report
        .findings
        .iter()
        .filter(|f| !source_report.findings.iter().any(|s| s.rule == f.rule))
        .cloned()
        .collect();
    Comparison {
        source: source_report,
        translation: translation_report,
        lost_parts,
        introduced,
    }
}
