//! Formatters: reports to JSON Lines (the contract of DESIGN.md) or to
//! annotated snippets for people. They write to any `io::Write` and render
//! messages through the engine's localizer in the UI locale.

pub mod human;
pub mod json;

use crate::excerpt::Excerpts;
use crate::lint::Engine;
use crate::report::Finding;

/// One linted input, ready to be written.
#[derive(Debug, Clone, Copy)]
pub struct Linted<'a> {
    /// The input's path, `None` for stdin.
    pub path: Option<&'a str>,
    /// The lines of the input its report points at (all a writer reads
    /// of the input: see [`Excerpts::of_report`]).
    pub text: &'a Excerpts,
    /// Its report.
    pub report: &'a crate::report::Report,
    /// Name, for each finding and part span, the pack lines that matched
    /// it (see [`Engine::origins`]).
    pub show_patterns: bool,
}

/// How findings are rendered: the engine for messages and the UI locale.
#[derive(Debug, Clone, Copy)]
pub struct Style<'a> {
    /// The engine whose packs hold the messages.
    pub engine: &'a Engine,
    /// The locale messages are shown in.
    pub ui_locale: &'a str,
}

impl Style<'_> {
    /// The explanation and suggestions of a finding.
    pub fn finding_messages(&self, finding: &Finding) -> (String, Vec<String>) {
        self.engine.explain(self.ui_locale, &finding.rule)
    }

    /// The pack lines behind `span` of rule or part `id`, when `linted`
    /// asks for them (`None` otherwise).
    pub fn origins(
        &self,
        linted: &Linted<'_>,
        locale: Option<&str>,
        id: &str,
        span: crate::text::Span,
    ) -> Option<Vec<crate::rules::Origin>> {
        let locale = locale?;
        if !linted.show_patterns {
            return None;
        }
        // A pattern matches within a line: the span's lines are enough.
        let Some((lines, start, _)) = linted.text.lines(span) else {
            return Some(Vec::new());
        };
        let local = crate::text::Span::new(span.start - start, span.end - start);
        Some(self.engine.origins(locale, lines, id, local))
    }

    /// A UI string by message id, or the id itself if no pack has it.
    pub fn ui(&self, id: &str) -> String {
        self.engine
            .message(self.ui_locale, id, None, None)
            .unwrap_or_else(|| id.to_owned())
    }

    /// A UI string that counts something (`$count`), in the plural form
    /// the UI language uses for `count`; the number and the id if no pack
    /// has it.
    pub fn ui_count(&self, id: &str, count: usize) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("count", count);
        self.engine
            .message(self.ui_locale, id, None, Some(&args))
            .unwrap_or_else(|| format!("{count} {id}"))
    }
}
