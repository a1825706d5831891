//! JSON Lines output: one object per input, in the shapes DESIGN.md fixes.

use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use super::{Linted, Style};
use crate::detect::Detection;
use crate::excerpt::Excerpts;
use crate::text::{Position, Span};

/// A span with its line and column.
#[derive(Debug, Serialize)]
pub struct SpanJson {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
}

impl SpanJson {
    fn new(span: Span, lines: &Excerpts) -> Self {
        // Every span written is kept; line 0 would mark a bug.
        let pos = lines
            .position(span)
            .unwrap_or(Position { line: 0, column: 0 });
        SpanJson {
            start: span.start,
            end: span.end,
            line: pos.line,
            column: pos.column,
        }
    }
}

#[derive(Serialize)]
struct LanguageJson<'a> {
    code: Option<&'a str>,
    source: &'static str,
    confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    segments: Vec<SegmentJson<'a>>,
}

#[derive(Serialize)]
struct SegmentJson<'a> {
    start: usize,
    end: usize,
    code: Option<&'a str>,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    rule: &'a str,
    severity: &'static str,
    span: SpanJson,
    text: &'a str,
    message: String,
    suggestions: Vec<String>,
    /// With `--show-patterns`: the pack lines that matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    patterns: Option<Vec<OriginJson>>,
}

/// Where a pattern is written in its pack.
#[derive(Serialize)]
struct OriginJson {
    file: String,
    line: usize,
    column: usize,
    pattern: String,
}

impl From<crate::rules::Origin> for OriginJson {
    fn from(o: crate::rules::Origin) -> Self {
        OriginJson {
            file: o.file,
            line: o.line,
            column: o.column,
            pattern: o.pattern,
        }
    }
}

/// The pack lines behind `span` of `id`, as JSON, when asked for.
fn origins_json(
    style: &Style<'_>,
    linted: Option<&Linted<'_>>,
    locale: Option<&str>,
    id: &str,
    span: Span,
) -> Option<Vec<OriginJson>> {
    let origins = style.origins(linted?, locale, id, span)?;
    Some(origins.into_iter().map(OriginJson::from).collect())
}

#[derive(Serialize)]
struct LintJson<'a> {
    path: Option<&'a str>,
    language: LanguageJson<'a>,
    findings: Vec<FindingJson<'a>>,
    parts: BTreeMap<&'a str, bool>,
    part_spans: BTreeMap<&'a str, Vec<SpanJson>>,
    /// With `--show-patterns`: for each span of `part_spans`, the pack
    /// lines that matched it.
    #[serde(skip_serializing_if = "Option::is_none")]
    part_patterns: Option<BTreeMap<&'a str, Vec<Vec<OriginJson>>>>,
    /// The parts only the pack's part model showed, with its probability.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    model_parts: BTreeMap<&'a str, f32>,
    score: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_language: Option<&'a str>,
}

/// The findings of a text, with their messages in the UI locale.
fn findings_json<'a>(
    style: &Style<'_>,
    findings: &'a [crate::report::Finding],
    text: &'a Excerpts,
    linted: Option<&Linted<'_>>,
) -> Vec<FindingJson<'a>> {
    findings
        .iter()
        .map(|f| {
            let (message, suggestions) = style.finding_messages(f);
            FindingJson {
                rule: &f.rule,
                severity: f.severity.as_str(),
                span: SpanJson::new(f.span, text),
                text: text.text(f.span).unwrap_or_default(),
                message,
                suggestions,
                patterns: origins_json(style, linted, Some(&f.locale), &f.rule, f.span),
            }
        })
        .collect()
}

/// Writes one lint report as a line of JSON.
pub fn write_lint(
    out: &mut dyn io::Write,
    style: &Style<'_>,
    linted: &Linted<'_>,
) -> io::Result<()> {
    let report = linted.report;
    let lines = linted.text;
    let findings = findings_json(style, &report.findings, lines, Some(linted));
    let part_patterns = linted.show_patterns.then(|| {
        report
            .parts
            .spans
            .iter()
            .filter(|(_, spans)| !spans.is_empty())
            .map(|(id, spans)| {
                let origins = spans
                    .iter()
                    .map(|&s| {
                        let locale = report.language.locale_at(s);
                        origins_json(style, Some(linted), locale, id, s).unwrap_or_default()
                    })
                    .collect();
                (id.as_str(), origins)
            })
            .collect()
    });
    let value = LintJson {
        path: linted.path,
        language: LanguageJson {
            code: report.language.code.as_deref(),
            source: report.language.source.as_str(),
            confidence: round(report.language.confidence),
            reason: report.language.reason.as_deref(),
            segments: report
                .language
                .segments
                .iter()
                .map(|(span, code)| SegmentJson {
                    start: span.start,
                    end: span.end,
                    code: code.as_deref(),
                })
                .collect(),
        },
        findings,
        parts: report
            .parts
            .spans
            .iter()
            .map(|(id, spans)| (id.as_str(), !spans.is_empty()))
            .collect(),
        part_spans: report
            .parts
            .spans
            .iter()
            .filter(|(_, spans)| !spans.is_empty())
            .map(|(id, spans)| {
                (
                    id.as_str(),
                    spans.iter().map(|s| SpanJson::new(*s, lines)).collect(),
                )
            })
            .collect(),
        part_patterns,
        model_parts: report
            .parts
            .model
            .iter()
            .map(|(id, &p)| (id.as_str(), (p * 1000.0).round() / 1000.0))
            .collect(),
        score: report.score,
        expected_language: report.expected_language.as_deref(),
    };
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

#[derive(Serialize)]
struct CandidateJson<'a> {
    code: &'a str,
    confidence: f64,
}

#[derive(Serialize)]
struct DetectJson<'a> {
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    code: Option<&'a str>,
    confidence: f64,
    candidates: Vec<CandidateJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

/// Writes one detection as a line of JSON (`line` with `--per-line`).
pub fn write_detect(
    out: &mut dyn io::Write,
    path: Option<&str>,
    line: Option<usize>,
    detection: &Detection,
) -> io::Result<()> {
    let value = DetectJson {
        path,
        line,
        code: detection.code.as_deref(),
        confidence: round(detection.confidence),
        candidates: detection
            .candidates
            .iter()
            .map(|c| CandidateJson {
                code: &c.code,
                confidence: round(c.confidence),
            })
            .collect(),
        reason: detection.reason.as_deref(),
    };
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

/// Confidences are shown with two decimals.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
struct NoteJson<'a> {
    #[serde(flatten)]
    note: &'a crate::generate::Note,
    message: String,
}

#[derive(Serialize)]
struct ApologyJson<'a> {
    locale: &'a str,
    register: &'static str,
    channel: &'static str,
    text: &'a str,
    parts: BTreeMap<&'a str, bool>,
    findings: Vec<FindingJson<'a>>,
    notes: Vec<NoteJson<'a>>,
}

/// Writes a drafted apology as a line of JSON.
pub fn write_apology(
    out: &mut dyn io::Write,
    style: &Style<'_>,
    apology: &crate::generate::Apology,
) -> io::Result<()> {
    let lines = Excerpts::new(&apology.text, apology.findings.iter().map(|f| f.span));
    let value = ApologyJson {
        locale: &apology.locale,
        register: apology.register.as_str(),
        channel: apology.channel.as_str(),
        text: &apology.text,
        parts: crate::generate::parts_present(&apology.parts),
        findings: findings_json(style, &apology.findings, &lines, None),
        notes: apology
            .notes
            .iter()
            .map(|note| NoteJson {
                note,
                message: note.render(style.engine, style.ui_locale),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

/// Writes a comparison of an apology and its translation as a line of JSON.
pub fn write_comparison(
    out: &mut dyn io::Write,
    style: &Style<'_>,
    comparison: &crate::compare::Comparison,
    translation: &str,
) -> io::Result<()> {
    let lines = Excerpts::new(translation, comparison.introduced.iter().map(|f| f.span));
    let value = serde_json::json!({
        "source": {
            "code": comparison.source.language.code,
            "parts": crate::generate::parts_present(&comparison.source.parts),
            "score": comparison.source.score,
        },
        "translation": {
            "code": comparison.translation.language.code,
            "parts": crate::generate::parts_present(&comparison.translation.parts),
            "score": comparison.translation.score,
        },
        "lost_parts": comparison.lost_parts,
        "introduced": comparison.introduced.iter().map(|f| {
            let (message, suggestions) = style.finding_messages(f);
            serde_json::json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "span": SpanJson::new(f.span, &lines),
                "text": lines.text(f.span).unwrap_or_default(),
                "message": message,
                "suggestions": suggestions,
            })
        }).collect::<Vec<_>>(),
    });
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}
