//! Human output: each finding as an annotated snippet (rustc style), then a
//! summary of language, parts and score. Colour only when asked (the CLI asks
//! when stdout is a terminal).

use std::io;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Linted, Style};
use crate::report::Severity;

/// `pattern: file:line:column: the pattern`, for `--show-patterns`.
fn origin_line(style: &Style<'_>, origin: &crate::rules::Origin) -> String {
    format!(
        "{}: {}:{}:{}: {}",
        style.ui("cli-pattern"),
        origin.file,
        origin.line,
        origin.column,
        origin.pattern
    )
}

/// Writes one lint report for people.
pub fn write_lint(
    out: &mut dyn io::Write,
    style: &Style<'_>,
    linted: &Linted<'_>,
    color: bool,
) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path = linted.path.unwrap_or("<stdin>");
    let report = linted.report;
    for finding in &report.findings {
        let (message, suggestions) = style.finding_messages(finding);
        let level = match finding.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Hint => Level::NOTE,
        };
        let title = level.primary_title(message).id(finding.rule.as_str());
        let (lines, start, line) = linted.text.lines(finding.span).unwrap_or_default();
        let local =
            finding.span.start.saturating_sub(start)..finding.span.end.saturating_sub(start);
        let snippet = Snippet::source(lines)
            .line_start(line)
            .path(path)
            .fold(true)
            .annotation(AnnotationKind::Primary.span(local));
        let mut group: Group<'_> = title.element(snippet);
        for suggestion in &suggestions {
            group = group.element(Level::HELP.message(suggestion.as_str()));
        }
        let origins: Vec<String> = style
            .origins(linted, Some(&finding.locale), &finding.rule, finding.span)
            .unwrap_or_default()
            .iter()
            .map(|o| origin_line(style, o))
            .collect();
        for origin in &origins {
            group = group.element(Level::NOTE.message(origin.as_str()));
        }
        writeln!(out, "{}\n", renderer.render(&[group]))?;
    }
    let language = match &report.language.code {
        Some(code) => format!(
            "{code} ({}, {:.2})",
            style.ui(match report.language.source {
                crate::report::LanguageSource::Given => "cli-language-given",
                crate::report::LanguageSource::Detected => "cli-language-detected",
            }),
            report.language.confidence
        ),
        None => format!(
            "{} ({})",
            style.ui("cli-language-unknown"),
            report.language.reason.as_deref().unwrap_or_default()
        ),
    };
    writeln!(out, "{path}: {}: {language}", style.ui("cli-language"))?;
    if let Some(expected) = &report.expected_language {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("expected", expected.clone());
        args.set("found", report.language.code.clone().unwrap_or_default());
        let message = style
            .engine
            .message(style.ui_locale, "cli-language-mismatch", None, Some(&args))
            .unwrap_or_else(|| format!("the reply is not in the customer's language ({expected})"));
        writeln!(out, "  warning: {message}")?;
    }
    let (present, missing): (Vec<_>, Vec<_>) = report
        .parts
        .spans
        .iter()
        .partition(|(_, spans)| !spans.is_empty());
    let names = |list: &[(&String, &Vec<crate::text::Span>)]| {
        if list.is_empty() {
            return style.ui("cli-parts-none");
        }
        list.iter()
            .map(|(id, _)| style.ui(&format!("part-{id}")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(
        out,
        "  {}: {}",
        style.ui("cli-parts-present"),
        names(&present)
    )?;
    if linted.show_patterns {
        // Each span's pack: its paragraph's language in a mixed text.
        for (id, spans) in &present {
            for &span in spans.iter() {
                if let Some(p) = report.parts.model.get(*id) {
                    writeln!(
                        out,
                        "    {} «{}»: {} ({p:.2})",
                        style.ui(&format!("part-{id}")),
                        linted.text.text(span).unwrap_or_default(),
                        style.ui("cli-part-model")
                    )?;
                    continue;
                }
                let locale = report.language.locale_at(span);
                for origin in style.origins(linted, locale, id, span).unwrap_or_default() {
                    writeln!(
                        out,
                        "    {} «{}»: {}",
                        style.ui(&format!("part-{id}")),
                        linted.text.text(span).unwrap_or_default(),
                        origin_line(style, &origin)
                    )?;
                }
            }
        }
    }
    writeln!(
        out,
        "  {}: {}",
        style.ui("cli-parts-missing"),
        names(&missing)
    )?;
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "  {}: {}/100 · {} · {} · {}",
        style.ui("cli-score"),
        report.score,
        style.ui_count("cli-errors", count(Severity::Error)),
        style.ui_count("cli-warnings", count(Severity::Warning)),
        style.ui_count("cli-hints", count(Severity::Hint)),
    )
}
