//! The [`Engine`]: loaded packs, detection and messages, and
//! [`Engine::lint`], which turns a text into a [`Report`] without any I/O.
//!
//! Flow: text → language (given, or detected among installed packs) → that
//! locale's [`RuleSet`](crate::rules::RuleSet) → findings and parts → score.

use std::path::PathBuf;

use fluent_bundle::FluentArgs;

use crate::detect::{Detection, Detector, Installed};
use crate::l10n::Localizer;
use crate::pack::{self, Ids, Pack, PackError, PackSource};
use crate::report::{self, Finding, Language, LanguageSource, Parts, Report};
use crate::rules::{MessageFacts, Origin};
use crate::text::Span;

/// Packs could not be loaded; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct EngineError {
    /// Each problem with its file, line and column.
    pub errors: Vec<PackError>,
}

/// Linting could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LintError {
    /// A pack's rules could not be compiled (for a lazily loaded pack).
    #[error("{0}")]
    Pack(EngineError),
    /// The requested locale has no pack.
    #[error("unknown locale `{requested}` (available: {})", .available.join(", "))]
    UnknownLocale {
        /// What was asked for.
        requested: String,
        /// Installed locales.
        available: Vec<String>,
    },
}

/// Options of one lint.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    /// The locale to lint in; `None` detects it.
    pub language: Option<String>,
    /// The customer's locale: a text (or its dominant language) in another
    /// language gets [`Report::expected_language`] set, a warning.
    pub expect_language: Option<String>,
}

impl LintOptions {
    /// Options that lint in `locale` without detection.
    pub fn language(locale: impl Into<String>) -> Self {
        LintOptions {
            language: Some(locale.into()),
            expect_language: None,
        }
    }
}

/// Builds an [`Engine`] from the embedded packs and pack directories.
#[derive(Debug, Clone)]
pub struct EngineBuilder {
    embedded: bool,
    dirs: Vec<PathBuf>,
}

/// Where a pack came from: the embedded packs load their rules lazily, from
/// the rule images made at build time (the test suite keeps them valid);
/// packs added at run time compile at once so their errors show before any
/// input is read.
struct Loaded {
    source: PackSource,
    lazy: bool,
}

impl EngineBuilder {
    /// Leaves out the embedded packs (only directories added are loaded).
    pub fn without_embedded(mut self) -> Self {
        self.embedded = false;
        self
    }

    /// Adds a directory of packs (`DIR/<tag>/pack.toml` …); a pack there
    /// replaces an embedded pack with the same id.
    pub fn pack_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.dirs.push(dir.into());
        self
    }

    /// Loads, validates and compiles every pack.
    pub fn build(self) -> Result<Engine, EngineError> {
        let ids = Ids::embedded().map_err(|e| EngineError { errors: vec![e] })?;
        let mut sources: Vec<Loaded> = if self.embedded {
            pack::embedded_sources()
                .into_iter()
                .map(|source| Loaded { source, lazy: true })
                .collect()
        } else {
            Vec::new()
        };
        for dir in &self.dirs {
            let found = if dir.join("pack.toml").is_file() {
                pack::read_pack(dir).map(|p| vec![p])
            } else {
                pack::read_dir(dir)
            };
            for source in found.map_err(|e| EngineError { errors: vec![e] })? {
                sources.retain(|s| s.source.id != source.id);
                sources.push(Loaded {
                    source,
                    lazy: false,
                });
            }
        }
        Engine::from_loaded(ids, sources)
    }
}

/// Loaded locale packs, ready to lint. `Send + Sync`: share one engine
/// between threads.
#[derive(Debug)]
pub struct Engine {
    ids: Ids,
    packs: Vec<Pack>,
    messages: Localizer,
    templates: Localizer,
    detector: Detector,
}

impl Engine {
    /// An engine with the embedded default packs.
    pub fn new() -> Result<Engine, EngineError> {
        Engine::builder().build()
    }

    /// A builder, starting from the embedded packs.
    pub fn builder() -> EngineBuilder {
        EngineBuilder {
            embedded: true,
            dirs: Vec::new(),
        }
    }

    /// An engine from exactly these pack sources (no embedded packs).
    pub fn from_pack_sources(sources: Vec<PackSource>) -> Result<Engine, EngineError> {
        let ids = Ids::embedded().map_err(|e| EngineError { errors: vec![e] })?;
        let loaded = sources
            .into_iter()
            .map(|source| Loaded {
                source,
                lazy: false,
            })
            .collect();
        Engine::from_loaded(ids, loaded)
    }

    fn from_loaded(ids: Ids, sources: Vec<Loaded>) -> Result<Engine, EngineError> {
        let mut errors = Vec::new();
        let mut packs = Vec::new();
        for Loaded { source, lazy } in sources {
            let loaded = if lazy {
                Pack::load_lazy(source, &ids)
            } else {
                Pack::load(source, &ids)
            };
            match loaded {
                Ok(p) => packs.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
        packs.sort_by(|a, b| a.id.cmp(&b.id));
        let mut localizer = |file: &str| {
            Localizer::new(&packs, file).unwrap_or_else(|mut e| {
                errors.append(&mut e);
                Localizer::new([], file).unwrap_or_else(|_| unreachable!("no packs, no errors"))
            })
        };
        let messages = localizer("messages.ftl");
        let templates = localizer("apology.ftl");
        if !errors.is_empty() {
            return Err(EngineError { errors });
        }
        if packs.is_empty() {
            return Err(EngineError {
                errors: vec![PackError::file("<packs>", "no locale packs are installed")],
            });
        }
        let detector = Detector::new(
            packs
                .iter()
                .map(|p| Installed {
                    code: p.id.clone(),
                    lang: p.whatlang,
                    script: p.script,
                    words: p.detect_words.iter().cloned().collect(),
                    alphabet: p
                        .alphabet
                        .as_ref()
                        .map(|a| a.chars().filter(|c| c.is_alphabetic()).collect()),
                    mixed_with: p.mixed_with.clone(),
                })
                .collect(),
        );
        Ok(Engine {
            ids,
            packs,
            messages,
            templates,
            detector,
        })
    }

    /// The installed packs, sorted by id.
    pub fn packs(&self) -> &[Pack] {
        &self.packs
    }

    /// The installed locale ids, sorted.
    pub fn locales(&self) -> Vec<String> {
        self.packs.iter().map(|p| p.id.clone()).collect()
    }

    /// The pack with id `locale`.
    pub fn pack(&self, locale: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == locale)
    }

    /// The stable ids and weights.
    pub fn ids(&self) -> &Ids {
        &self.ids
    }

    /// Finds the installed locale for a requested tag (`it`, `it-CH`, `fil`).
    pub fn resolve_locale(&self, requested: &str) -> Result<String, LintError> {
        if self.pack(requested).is_some() {
            return Ok(requested.to_owned());
        }
        self.messages
            .negotiate(requested)
            .filter(|l| self.pack(l).is_some())
            .ok_or_else(|| LintError::UnknownLocale {
                requested: requested.to_owned(),
                available: self.locales(),
            })
    }

    /// Detects the language of `text` among the installed locales.
    pub fn detect(&self, text: &str) -> Detection {
        self.detector.detect(text)
    }

    /// The installed locale `text` is closest to, with its margin (see
    /// [`Detector::closest_installed`]).
    pub fn closest_installed(&self, text: &str) -> Option<(String, f64)> {
        self.detector.closest_installed(text)
    }

    /// The lines of `locale`'s pack (patterns and regexes) that match rule
    /// or part `id` exactly at `span` of `text`: what made a finding, or
    /// showed a part, for whoever writes the pack. Empty when the finding
    /// comes from no pattern (an apology buried or repeated).
    pub fn origins(&self, locale: &str, text: &str, id: &str, span: Span) -> Vec<Origin> {
        self.pack(locale)
            .and_then(|p| p.rules().ok())
            .map(|rules| {
                rules
                    .origins_at(text, id, span)
                    .into_iter()
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Lints `text`: detects or takes its language, runs that locale's rules
    /// and part cues, and scores the result.
    ///
    /// ```
    /// use meaculpa::{Engine, LintOptions};
    ///
    /// let engine = Engine::new()?;
    /// let report = engine.lint("We're sorry if you were upset.", &LintOptions::language("en"))?;
    /// assert_eq!(report.findings[0].rule, "conditional-apology");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lint(&self, text: &str, options: &LintOptions) -> Result<Report, LintError> {
        if text.len() <= CHUNK_BYTES {
            return self.lint_whole(text, options).map(|(report, _)| report);
        }
        // A large input is linted a chunk of whole paragraphs at a time, so
        // memory stays bounded; the rules that judge a whole message
        // (no-apology, buried-apology, over-apologizing) then judge the
        // chunks' facts, merged per locale, as one message.
        let chunks = chunks(text, CHUNK_BYTES);
        let reports = self.lint_chunks(text, &chunks, options);
        let mut merge = Merge::new(self);
        for (chunk, report) in chunks.into_iter().zip(reports) {
            merge.add(chunk.start, chunk.end - chunk.start, report?);
        }
        merge.finish(options)
    }

    /// Lints the chunks of `text` on every core, returning the reports in
    /// chunk order.
    fn lint_chunks(
        &self,
        text: &str,
        chunks: &[Span],
        options: &LintOptions,
    ) -> Vec<Result<Piece, LintError>> {
        crate::parallel::map_in_order(chunks, |c| self.lint_whole(&text[c.range()], options))
    }

    /// Whether `rule` of `locale` judges a whole message.
    fn is_message_finding(&self, locale: &str, rule: &str) -> bool {
        self.pack(locale)
            .and_then(|p| p.rules().ok())
            .is_some_and(|rules| {
                rules
                    .rules()
                    .iter()
                    .position(|r| r.id == rule)
                    .is_some_and(|index| rules.is_message_rule(index))
            })
    }

    /// Lints one text in one piece: its report, and per locale that ran
    /// the facts its whole-message rules read.
    pub(crate) fn lint_whole(&self, text: &str, options: &LintOptions) -> Result<Piece, LintError> {
        let language = match &options.language {
            Some(requested) => Language {
                code: Some(self.resolve_locale(requested)?),
                source: LanguageSource::Given,
                confidence: 1.0,
                reason: None,
                segments: Vec::new(),
            },
            None => self.detect_language(text),
        };
        let expected_language = match &options.expect_language {
            Some(expected) => {
                let expected = self.resolve_locale(expected)?;
                (language.code.as_deref() != Some(expected.as_str())).then_some(expected)
            }
            None => None,
        };
        let mut parts = Parts::default();
        for id in self.ids.parts.keys() {
            parts.spans.insert(id.clone(), Vec::new());
        }
        let Some(pack) = language.code.as_deref().and_then(|c| self.pack(c)) else {
            let report = Report {
                language,
                findings: Vec::new(),
                parts,
                score: 0,
                expected_language,
            };
            return Ok((report, Vec::new()));
        };
        // Each language's rules run on its own paragraphs only.
        let mut locales: Vec<&Pack> = vec![pack];
        for (_, code) in &language.segments {
            if let Some(other) = code.as_deref().and_then(|c| self.pack(c))
                && !locales.iter().any(|p| p.id == other.id)
            {
                locales.push(other);
            }
        }
        let mut findings: Vec<Finding> = Vec::new();
        let mut facts = Vec::new();
        for locale in locales {
            let elsewhere: Vec<std::ops::Range<usize>> = language
                .segments
                .iter()
                .filter(|(_, code)| code.as_deref().unwrap_or(&pack.id) != locale.id)
                .map(|(span, _)| span.range())
                .collect();
            let rules = locale
                .rules()
                .map_err(|e| LintError::Pack(EngineError { errors: e.to_vec() }))?;
            let outcome = rules.run_excluding(text, &elsewhere);
            facts.push((locale.id.clone(), outcome.facts));
            findings.extend(outcome.hits.into_iter().map(|hit| Finding {
                rule: rules.rules()[hit.rule].id.clone(),
                severity: hit.severity,
                span: hit.span,
                locale: locale.id.clone(),
            }));
            for (id, spans) in outcome.parts {
                let entry = parts.spans.entry(id).or_default();
                entry.extend(spans);
                entry.sort();
            }
            parts.model.extend(outcome.model_parts);
        }
        // A part another language's cues showed is not the model's alone.
        parts
            .model
            .retain(|id, _| parts.spans.get(id).is_some_and(|s| s.len() == 1));
        sort_findings(&mut findings);
        let score = report::score(&findings, &parts, &self.ids.parts, &self.ids.penalties);
        let report = Report {
            language,
            findings,
            parts,
            score,
            expected_language,
        };
        Ok((report, facts))
    }

    /// Detects the language of a text: as a whole when it is one paragraph
    /// or all its paragraphs agree, else paragraph by paragraph, reporting
    /// the dominant language (most bytes) and each paragraph's language.
    fn detect_language(&self, text: &str) -> Language {
        let whole = |d: Detection| Language {
            code: d.code,
            source: LanguageSource::Detected,
            confidence: d.confidence,
            reason: d.reason,
            segments: Vec::new(),
        };
        let paragraphs = paragraphs(text);
        if paragraphs.len() < 2 {
            return whole(self.detect(text));
        }
        let mut segments: Vec<(Span, Option<String>)> = paragraphs
            .iter()
            .map(|span| {
                let body = span.text(text);
                let letters = body
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .take(MIN_SEGMENT_LETTERS)
                    .count();
                let code = if letters >= MIN_SEGMENT_LETTERS {
                    self.detect(body).code
                } else {
                    None
                };
                (*span, code)
            })
            .collect();
        let mut bytes: Vec<(String, usize)> = Vec::new();
        for (span, code) in &segments {
            if let Some(code) = code {
                match bytes.iter_mut().find(|(c, _)| c == code) {
                    Some(entry) => entry.1 += span.end - span.start,
                    None => bytes.push((code.clone(), span.end - span.start)),
                }
            }
        }
        bytes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if bytes.len() < 2 {
            return whole(self.detect(text));
        }
        let dominant = bytes[0].0.clone();
        let total: usize = bytes.iter().map(|(_, n)| n).sum();
        // A short paragraph (a greeting, a sign-off) belongs with the next
        // paragraph that has a language, or else with the previous one.
        let mut next: Option<String> = None;
        let mut follows: Vec<Option<String>> = vec![None; segments.len()];
        for (i, (_, code)) in segments.iter().enumerate().rev() {
            if code.is_some() {
                next.clone_from(code);
            }
            follows[i].clone_from(&next);
        }
        let mut previous: Option<String> = None;
        for ((_, code), follow) in segments.iter_mut().zip(follows) {
            if code.is_none() {
                *code = follow
                    .or_else(|| previous.clone())
                    .or_else(|| Some(dominant.clone()));
            }
            previous.clone_from(code);
        }
        Language {
            code: Some(dominant),
            source: LanguageSource::Detected,
            confidence: bytes[0].1 as f64 / total as f64,
            reason: None,
            segments,
        }
    }

    /// A message from the packs' `messages.ftl` in `ui_locale` (with
    /// fallback), or `None` when no pack has it.
    pub fn message(
        &self,
        ui_locale: &str,
        id: &str,
        attr: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> Option<String> {
        self.messages.message(ui_locale, id, attr, args)
    }

    /// The installed locale for a UI language request (`LANG` style), falling
    /// back to the reference locale.
    pub fn ui_locale(&self, requested: Option<&str>) -> String {
        requested
            .and_then(|r| self.messages.negotiate(r))
            .unwrap_or_else(|| crate::l10n::REFERENCE_LOCALE.to_owned())
    }

    /// The explanation and suggestions of a finding's rule in `ui_locale`.
    pub fn explain(&self, ui_locale: &str, rule: &str) -> (String, Vec<String>) {
        let id = format!("rule-{rule}");
        let explanation = self
            .message(ui_locale, &id, None, None)
            .unwrap_or_else(|| rule.to_owned());
        let suggestions = self
            .message(ui_locale, &id, Some("suggestion"), None)
            .into_iter()
            .collect();
        (explanation, suggestions)
    }

    /// The messages (`messages.ftl`) of every pack.
    pub fn localizer(&self) -> &Localizer {
        &self.messages
    }

    /// The apology templates (`apology.ftl`) of every pack.
    pub fn templates(&self) -> &Localizer {
        &self.templates
    }
}

/// The reports of a text's chunks, in order, becoming the text's report:
/// spans shifted to the whole text, languages weighed by bytes, and the
/// whole-message rules judging the chunks' facts merged per locale.
pub(crate) struct Merge<'e> {
    engine: &'e Engine,
    merged: Option<Report>,
    /// Each language seen and how many bytes it covered.
    languages: Vec<(Option<String>, usize)>,
    /// Per locale that ran, the facts of every chunk so far.
    message: Vec<(String, MessageFacts)>,
}

impl<'e> Merge<'e> {
    /// Nothing merged yet, for `engine`'s packs.
    pub(crate) fn new(engine: &'e Engine) -> Self {
        Merge {
            engine,
            merged: None,
            languages: Vec::new(),
            message: Vec::new(),
        }
    }

    /// Adds the piece linted from the `len` bytes at byte `start` of the
    /// text (pieces come in the order of the text).
    pub(crate) fn add(&mut self, start: usize, len: usize, (mut report, facts): Piece) {
        let engine = self.engine;
        report
            .findings
            .retain(|f| !engine.is_message_finding(&f.locale, &f.rule));
        for (locale, facts) in facts {
            let index = match self.message.iter().position(|(l, _)| *l == locale) {
                Some(index) => index,
                None => {
                    self.message.push((locale, MessageFacts::default()));
                    self.message.len() - 1
                }
            };
            self.message[index].1.append(&facts, start);
        }
        let shift = |s: &mut Span| {
            s.start += start;
            s.end += start;
        };
        report.findings.iter_mut().for_each(|f| shift(&mut f.span));
        report.parts.spans.values_mut().flatten().for_each(shift);
        report
            .language
            .segments
            .iter_mut()
            .for_each(|(s, _)| shift(s));
        match self
            .languages
            .iter_mut()
            .find(|(code, _)| *code == report.language.code)
        {
            Some(entry) => entry.1 += len,
            None => self.languages.push((report.language.code.clone(), len)),
        }
        match &mut self.merged {
            None => self.merged = Some(report),
            Some(all) => {
                all.findings.append(&mut report.findings);
                for (id, mut spans) in report.parts.spans {
                    all.parts.spans.entry(id).or_default().append(&mut spans);
                }
                all.parts.model.append(&mut report.parts.model);
                all.language.segments.append(&mut report.language.segments);
                all.expected_language = all.expected_language.take().or(report.expected_language);
            }
        }
    }

    /// The text's report: the whole-message rules' findings added, findings
    /// sorted, the dominant language chosen (when it was detected) and the
    /// score computed. With no piece added, the report of an empty text.
    pub(crate) fn finish(self, options: &LintOptions) -> Result<Report, LintError> {
        let Some(mut report) = self.merged else {
            return self
                .engine
                .lint_whole("", options)
                .map(|(report, _)| report);
        };
        for (locale, facts) in &self.message {
            let Some(rules) = self.engine.pack(locale).and_then(|p| p.rules().ok()) else {
                continue;
            };
            report
                .findings
                .extend(
                    rules
                        .message_hits(facts)
                        .into_iter()
                        .map(|(rule, span, severity)| Finding {
                            rule: rules.rules()[rule].id.clone(),
                            severity,
                            span,
                            locale: locale.clone(),
                        }),
                );
        }
        sort_findings(&mut report.findings);
        let mut languages = self.languages;
        languages.sort_by_key(|l| std::cmp::Reverse(l.1));
        if options.language.is_none()
            && let Some((code, _)) = languages.first()
        {
            report.language.code.clone_from(code);
        }
        let ids = &self.engine.ids;
        report.score = report::score(&report.findings, &report.parts, &ids.parts, &ids.penalties);
        Ok(report)
    }
}

/// A piece of a text linted alone: its report, and per locale that ran the
/// facts its whole-message rules read.
pub(crate) type Piece = (Report, Vec<(String, MessageFacts)>);

/// Inputs larger than this are linted in chunks of whole paragraphs.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// Splits `text` into spans of about `size` bytes that end after a blank
/// line (or a line end, or a char boundary, when a paragraph is huge).
pub(crate) fn chunks(text: &str, size: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = start + first_chunk(&text[start..], size);
        out.push(Span::new(start, end));
        start = end;
    }
    out
}

/// The length of the first chunk of `rest` (see [`chunks`]). It reads no
/// further than `size` bytes, so `rest` may be a prefix of the text as long
/// as it is longer than `size` bytes or is all that is left.
pub(crate) fn first_chunk(rest: &str, size: usize) -> usize {
    let limit = rest.floor_char_boundary(size);
    if limit >= rest.len() {
        return rest.len();
    }
    let window = &rest[..limit];
    let end = window
        .rfind("\n\n")
        .map(|i| i + 2)
        .or_else(|| window.rfind('\n').map(|i| i + 1))
        .filter(|&e| e > 0)
        .unwrap_or(limit.max(1));
    rest.floor_char_boundary(end)
        .max(rest.chars().next().map_or(1, char::len_utf8))
}

/// A paragraph needs this many letters to get its own language.
pub const MIN_SEGMENT_LETTERS: usize = 24;

/// The paragraphs of a text (separated by blank lines), as byte spans
/// without their surrounding blank lines.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
            continue;
        }
        start.get_or_insert(here);
        end = here + line.trim_end().len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// Findings in report order: by span, then rule id.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_the_text_and_end_at_paragraphs() {
        let text = "aaaa\n\nbbbb\n\ncccc é\nd";
        let spans = chunks(text, 8);
        assert_eq!(spans.first().map(|s| s.start), Some(0));
        assert_eq!(spans.last().map(|s| s.end), Some(text.len()));
        for pair in spans.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(&text[spans[0].range()], "aaaa\n\n");
        let one_line = "é".repeat(10);
        let spans = chunks(&one_line, 3);
        assert!(
            spans
                .iter()
                .all(|s| one_line.is_char_boundary(s.start) && one_line.is_char_boundary(s.end))
        );
    }

    /// `head`, filler paragraphs past the first chunk, then `tail` (each a
    /// paragraph), with the byte offset where `tail` starts.
    fn across_chunks(head: &str, tail: &str) -> (String, usize) {
        let filler = "The museum opens at nine and closes at five on weekdays.\n\n";
        let mut text = format!("{head}\n\n");
        text.push_str(&filler.repeat(CHUNK_BYTES / filler.len() + 10));
        let at = text.len();
        text.push_str(tail);
        (text, at)
    }

    fn findings_of<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
        report.findings.iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn a_message_in_chunks_is_judged_whole_by_the_message_rules() {
        let engine = Engine::new().unwrap();
        let en = LintOptions::language("en");
        let mistake = "We charged your card twice. We have refunded the second charge.";
        // The apology comes chunks after the mistake: no `no-apology`.
        let (text, _) = across_chunks(mistake, "We are sorry.\n");
        assert!(chunks(&text, CHUNK_BYTES).len() >= 2);
        let report = engine.lint(&text, &en).unwrap();
        assert!(
            findings_of(&report, "no-apology").is_empty(),
            "{:?}",
            report.findings
        );
        // Without it, the cues are those of the mistake's paragraph alone.
        let (text, _) = across_chunks(mistake, "The museum is closed on Mondays.\n");
        let alone = engine.lint(mistake, &en).unwrap();
        let whole = engine.lint(&text, &en).unwrap();
        let spans = |r: &Report| -> Vec<Span> {
            findings_of(r, "no-apology")
                .iter()
                .map(|f| f.span)
                .collect()
        };
        assert_eq!(spans(&whole), spans(&alone));
        assert_eq!(spans(&alone).len(), 2);
    }

    #[test]
    fn a_rule_that_presumes_a_mistake_shows_it_to_no_apology_across_chunks() {
        let engine = Engine::new().unwrap();
        let it = LintOptions::language("it");
        let fix = "Le spediamo un nuovo pacco domani.";
        let blame = "Il ritardo è colpa del corriere.\n";
        // The repair in the first chunk, the vendor blamed chunks later.
        let (text, at) = across_chunks(fix, blame);
        let report = engine.lint(&text, &it).unwrap();
        let missing = findings_of(&report, "no-apology");
        let vendor = findings_of(&report, "blame-vendor");
        assert_eq!(missing.len(), 1, "{:?}", report.findings);
        assert_eq!(vendor.len(), 1, "{:?}", report.findings);
        assert!(missing[0].span.start >= at);
        assert_eq!(missing[0].span, vendor[0].span);
        // An apology anywhere in the message keeps it quiet.
        let (text, _) = across_chunks(&format!("Ci scusiamo. {fix}"), blame);
        let report = engine.lint(&text, &it).unwrap();
        assert!(findings_of(&report, "no-apology").is_empty());
        assert_eq!(findings_of(&report, "blame-vendor").len(), 1);
    }

    #[test]
    fn anchors_in_different_chunks_are_counted_and_placed_in_one_message() {
        let engine = Engine::new().unwrap();
        let en = LintOptions::language("en");
        // One apology per chunk: the third is over-apologizing, once.
        let (two, _) = across_chunks("We are sorry about the delay.", "We are sorry again.\n\n");
        let (text, third) = across_chunks(&two, "We are sorry, truly.\n");
        let pieces = chunks(&text, CHUNK_BYTES);
        let chunk_of = |at: usize| pieces.iter().position(|c| c.range().contains(&at));
        assert_eq!(chunk_of(third), Some(2));
        let report = engine.lint(&text, &en).unwrap();
        let over = findings_of(&report, "over-apologizing");
        assert_eq!(over.len(), 1, "{:?}", report.findings);
        assert!(over[0].span.start >= third);
        assert!(over[0].span.text(&text).contains("sorry"));
        // The first apology after thousands of words is buried, once.
        let (text, at) = across_chunks("The museum is closed on Mondays.", "We are sorry.\n");
        let report = engine.lint(&text, &en).unwrap();
        let buried = findings_of(&report, "buried-apology");
        assert_eq!(buried.len(), 1, "{:?}", report.findings);
        assert!(buried[0].span.start >= at);
    }

    #[test]
    fn large_inputs_are_linted_in_chunks_with_spans_into_the_input() {
        let engine = Engine::new().unwrap();
        let paragraph = "The weather was fine and the shop opened at nine.\n\n";
        let mut text = paragraph.repeat(CHUNK_BYTES / paragraph.len() + 10);
        text.push_str("We're sorry if you were upset.\n");
        let report = engine.lint(&text, &LintOptions::language("en")).unwrap();
        let finding = report
            .findings
            .iter()
            .find(|f| f.rule == "conditional-apology")
            .expect("found past the first chunk");
        assert!(finding.span.text(&text).to_lowercase().contains("sorry"));
    }

    #[test]
    fn a_quotation_inside_a_sentence_is_skipped_without_splitting_it() {
        let engine = Engine::new().unwrap();
        let rules = |text: &str| -> Vec<String> {
            let report = engine.lint(text, &LintOptions::language("en")).unwrap();
            report.findings.into_iter().map(|f| f.rule).collect()
        };
        // The apology and its "but" are one sentence around the quoted name
        // (the courier being late is blame-vendor besides).
        let text = "We are sorry about the \"Express\" delivery, but the courier was late.";
        assert!(
            rules(text).contains(&"but-apology".to_owned()),
            "{:?}",
            rules(text)
        );
        // The quoted words themselves are still not the author's.
        assert!(rules("You wrote \"sorry if you were upset\" to us.").is_empty());
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }
}
