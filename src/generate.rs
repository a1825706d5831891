//! Drafting a sincere apology from incident facts with a locale's Fluent
//! templates (`apology.ftl`), then linting the draft with the same engine.
//!
//! Flow: [`Incident`] (validated: required fields named when missing;
//! control, bidi and invisible characters removed) + [`GenerateOptions`]
//! (locale, register, channel, seed) → one Fluent message per part, in the
//! order greeting, acknowledge, apologize, take-responsibility, (severe
//! note), empathize, explain, fix, prevent, compensate, follow-up, contact,
//! closing, signature → text → [`Engine::lint`] in its own locale →
//! [`Apology`] with its parts, findings and notes for the writer.
//!
//! # Template conventions
//! Each part is a family of messages `<part>-1`, `<part>-2`, …: several
//! phrasings, one picked per draft by a seeded generator (the same seed and
//! incident give the same text). Every message receives the incident fields
//! as variables (`$customer`, `$company`, `$mistake`, `$impact`, `$cause`,
//! `$fix`, `$prevention`, `$compensation`, `$contact`, `$agent`,
//! `$follow_up_hours` as a number, `$first_name`) and the selectors
//! `$register` (`formal`, `informal`), `$channel` (`email`, `chat`,
//! `social`), `$severity` (`minor`, `moderate`, `severe`), `$named` (`yes`
//! when the customer is named), `$signed` (`yes` with an agent) and `$hours`
//! (`yes` with `follow_up_hours`).
//! The social channel uses one family, `social-N`: a whole public reply
//! without private details. Registers and channels are Fluent selectors
//! inside the messages, never duplicated files.

use std::collections::BTreeMap;
use std::fmt;

use fluent_bundle::{FluentArgs, FluentValue};
use serde::{Deserialize, Serialize};

use crate::lint::{Engine, LintError, LintOptions};
use crate::report::{Finding, Parts};

/// How serious the incident was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IncidentSeverity {
    /// A small inconvenience.
    Minor,
    /// Real harm, such as money or time lost.
    Moderate,
    /// Serious harm; drafts get a note to seek legal review.
    Severe,
}

impl IncidentSeverity {
    fn as_str(self) -> &'static str {
        match self {
            IncidentSeverity::Minor => "minor",
            IncidentSeverity::Moderate => "moderate",
            IncidentSeverity::Severe => "severe",
        }
    }
}

/// The facts of an incident, in the target language (DESIGN.md "Incident").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The customer's name (optional; the greeting falls back to a neutral one).
    #[serde(default)]
    pub customer: Option<String>,
    /// The company apologizing (required).
    #[serde(default)]
    pub company: Option<String>,
    /// What went wrong, in the customer's words (required).
    #[serde(default)]
    pub mistake: Option<String>,
    /// What it cost the customer (optional).
    #[serde(default)]
    pub impact: Option<String>,
    /// Why it happened, one short sentence (optional).
    #[serde(default)]
    pub cause: Option<String>,
    /// What has been done to put it right (required).
    #[serde(default)]
    pub fix: Option<String>,
    /// What stops it happening again (required).
    #[serde(default)]
    pub prevention: Option<String>,
    /// A proportionate gesture (optional).
    #[serde(default)]
    pub compensation: Option<String>,
    /// minor | moderate | severe (required).
    #[serde(default)]
    pub severity: Option<IncidentSeverity>,
    /// Where the customer can reach a person (optional).
    #[serde(default)]
    pub contact: Option<String>,
    /// Who signs (optional).
    #[serde(default)]
    pub agent: Option<String>,
    /// Within how many hours the customer hears from us again (optional).
    #[serde(default)]
    pub follow_up_hours: Option<u32>,
}

/// Register of address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Register {
    /// Lei, Вие, po/kayo, formal English.
    #[default]
    Formal,
    /// tu, ти, ikaw, warm English.
    Informal,
}

impl Register {
    /// The name used in templates and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Register::Formal => "formal",
            Register::Informal => "informal",
        }
    }
}

/// Where the apology is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A full letter.
    #[default]
    Email,
    /// A short chat reply.
    Chat,
    /// A public reply of at most [`SOCIAL_MAX_CHARS`] characters.
    Social,
}

impl Channel {
    /// The name used in templates and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Chat => "chat",
            Channel::Social => "social",
        }
    }
}

/// Longest public reply, in characters.
pub const SOCIAL_MAX_CHARS: usize = 280;

/// Below this many words a free-text field is too short to check its language.
const MIN_WORDS_FOR_LANGUAGE_CHECK: usize = 4;
/// A field is reported as another language only when the n-gram model
/// prefers that language by at least this margin (average log-probability
/// per n-gram).
const LANGUAGE_MISMATCH_MARGIN: f64 = 0.15;
/// On a minor incident, a compensation naming at least this percentage is
/// out of proportion.
const MINOR_MAX_PERCENT: u32 = 30;
/// On a minor incident, a compensation naming at least this amount is out of proportion.
const MINOR_MAX_AMOUNT: u32 = 100;

/// How to draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Target locale (`it`, `it-CH`, `fil`…).
    pub locale: String,
    /// Register of address.
    pub register: Register,
    /// Channel.
    pub channel: Channel,
    /// Picks among phrasings; `None` derives it from the incident.
    pub seed: Option<u64>,
}

impl GenerateOptions {
    /// Formal e-mail in `locale`.
    pub fn new(locale: impl Into<String>) -> Self {
        GenerateOptions {
            locale: locale.into(),
            register: Register::Formal,
            channel: Channel::Email,
            seed: None,
        }
    }
}

/// A note for the writer, never part of the customer's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Note {
    /// A severe incident: have the draft reviewed by legal before sending.
    LegalReview,
    /// The compensation looks large for a minor incident.
    OverCompensation,
    /// A free-text field seems to be in another language.
    LanguageMismatch {
        /// The incident field.
        field: String,
        /// The language it seems to be in.
        detected: String,
    },
}

impl Note {
    /// The Fluent message id (in `messages.ftl`) explaining the note.
    pub fn message_id(&self) -> &'static str {
        match self {
            Note::LegalReview => "note-legal-review",
            Note::OverCompensation => "note-over-compensation",
            Note::LanguageMismatch { .. } => "note-language-mismatch",
        }
    }

    /// The note in `ui_locale`.
    pub fn render(&self, engine: &Engine, ui_locale: &str) -> String {
        let mut args = FluentArgs::new();
        if let Note::LanguageMismatch { field, detected } = self {
            args.set("field", field.clone());
            args.set("detected", detected.clone());
        }
        engine
            .message(ui_locale, self.message_id(), None, Some(&args))
            .unwrap_or_else(|| self.message_id().to_owned())
    }
}

/// A drafted apology, linted in its own locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Apology {
    /// The locale it is written in.
    pub locale: String,
    /// Register used.
    pub register: Register,
    /// Channel drafted for.
    pub channel: Channel,
    /// The customer's text.
    pub text: String,
    /// Parts of a sincere apology the linter sees in it.
    pub parts: Parts,
    /// What the linter found in it (empty for a good template set).
    pub findings: Vec<Finding>,
    /// Notes for the writer.
    pub notes: Vec<Note>,
}

/// Why no apology could be drafted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GenerateError {
    /// A required incident field is missing or empty.
    #[error("the incident has no `{0}` (required: company, mistake, fix, prevention, severity)")]
    MissingField(&'static str),
    /// The incident file could not be parsed.
    #[error("{0}")]
    Incident(String),
    /// The locale is not installed.
    #[error(transparent)]
    Locale(#[from] LintError),
    /// A template is missing or did not format cleanly.
    #[error("apology.ftl of `{locale}`: {message}")]
    Template {
        /// The locale.
        locale: String,
        /// What is wrong.
        message: String,
    },
}

impl Incident {
    /// Parses an incident from TOML or JSON text (JSON when it starts with `{`).
    pub fn parse(text: &str, origin: &str) -> Result<Incident, GenerateError> {
        if text.trim_start().starts_with('{') {
            serde_json::from_str(text).map_err(|e| {
                GenerateError::Incident(format!("{origin}:{}:{}: {e}", e.line(), e.column()))
            })
        } else {
            toml::from_str(text).map_err(|e| {
                let place = e
                    .span()
                    .map(|s| {
                        let p = crate::text::LineIndex::new(text).position(s.start);
                        format!("{origin}:{}:{}", p.line, p.column)
                    })
                    .unwrap_or_else(|| origin.to_owned());
                GenerateError::Incident(format!("{place}: {}", e.message().trim()))
            })
        }
    }

    /// The incident with every free-text field cleaned: control, bidi and
    /// invisible characters removed, spaces collapsed, a final full stop
    /// dropped; empty fields become absent.
    pub fn sanitized(&self) -> Incident {
        let clean =
            |field: &Option<String>| field.as_deref().map(sanitize).filter(|s| !s.is_empty());
        Incident {
            customer: clean(&self.customer),
            company: clean(&self.company),
            mistake: clean(&self.mistake),
            impact: clean(&self.impact),
            cause: clean(&self.cause),
            fix: clean(&self.fix),
            prevention: clean(&self.prevention),
            compensation: clean(&self.compensation),
            severity: self.severity,
            contact: clean(&self.contact),
            agent: clean(&self.agent),
            follow_up_hours: self.follow_up_hours,
        }
    }

    fn text_fields(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("mistake", self.mistake.as_deref()),
            ("impact", self.impact.as_deref()),
            ("cause", self.cause.as_deref()),
            ("fix", self.fix.as_deref()),
            ("prevention", self.prevention.as_deref()),
            ("compensation", self.compensation.as_deref()),
        ]
    }
}

fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if crate::text::is_invisible(c) {
            continue;
        }
        if c.is_control() || c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim();
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed).trim_end();
    trimmed.to_owned()
}

impl fmt::Display for Register {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

struct Drafter<'a> {
    engine: &'a Engine,
    locale: &'a str,
    args: FluentArgs<'a>,
    rng: fastrand::Rng,
}

impl Drafter<'_> {
    /// Formats one phrasing of the part family `family`, chosen by the seed.
    fn part(&mut self, family: &str) -> Result<String, GenerateError> {
        let templates = self.engine.templates();
        let count = (1..)
            .take_while(|n| templates.has_message(self.locale, &format!("{family}-{n}")))
            .count();
        if count == 0 {
            return Err(GenerateError::Template {
                locale: self.locale.to_owned(),
                message: format!("no message `{family}-1`"),
            });
        }
        let id = format!("{family}-{}", self.rng.usize(1..=count));
        let text = templates
            .render_in(self.locale, &id, None, Some(&self.args))
            .ok_or_else(|| GenerateError::Template {
                locale: self.locale.to_owned(),
                message: format!("message `{id}` does not format without errors"),
            })?;
        Ok(text.trim().to_owned())
    }
}

impl Engine {
    /// Drafts an apology for `incident` and lints it in its own locale.
    ///
    /// ```
    /// use meaculpa::generate::{GenerateOptions, Incident, IncidentSeverity};
    ///
    /// let engine = meaculpa::Engine::new()?;
    /// let incident = Incident {
    ///     customer: Some("Maria Rossi".into()),
    ///     company: Some("Acme".into()),
    ///     mistake: Some("we charged your card twice for order 1182".into()),
    ///     fix: Some("we refunded the second charge today".into()),
    ///     prevention: Some("we added a check that blocks duplicate charges".into()),
    ///     severity: Some(IncidentSeverity::Moderate),
    ///     ..Incident::default()
    /// };
    /// let apology = engine.generate(&incident, &GenerateOptions::new("en"))?;
    /// assert!(apology.text.contains("we charged your card twice for order 1182"));
    /// assert!(apology.findings.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate(
        &self,
        incident: &Incident,
        options: &GenerateOptions,
    ) -> Result<Apology, GenerateError> {
        let locale = self.resolve_locale(&options.locale)?;
        let incident = incident.sanitized();
        let company = incident
            .company
            .as_deref()
            .ok_or(GenerateError::MissingField("company"))?;
        incident
            .mistake
            .as_deref()
            .ok_or(GenerateError::MissingField("mistake"))?;
        incident
            .fix
            .as_deref()
            .ok_or(GenerateError::MissingField("fix"))?;
        incident
            .prevention
            .as_deref()
            .ok_or(GenerateError::MissingField("prevention"))?;
        let severity = incident
            .severity
            .ok_or(GenerateError::MissingField("severity"))?;

        let mut args = FluentArgs::new();
        for (name, value) in [
            ("customer", incident.customer.as_deref()),
            ("company", Some(company)),
            ("contact", incident.contact.as_deref()),
            ("agent", incident.agent.as_deref()),
        ]
        .into_iter()
        .chain(incident.text_fields())
        {
            args.set(name, value.unwrap_or_default().to_owned());
        }
        args.set(
            "follow_up_hours",
            FluentValue::from(incident.follow_up_hours.unwrap_or(0)),
        );
        args.set("register", options.register.as_str());
        args.set("channel", options.channel.as_str());
        args.set("severity", severity.as_str());
        args.set(
            "named",
            if incident.customer.is_some() {
                "yes"
            } else {
                "no"
            },
        );
        args.set(
            "hours",
            if incident.follow_up_hours.is_some() {
                "yes"
            } else {
                "no"
            },
        );
        args.set(
            "signed",
            if incident.agent.is_some() {
                "yes"
            } else {
                "no"
            },
        );
        let first_name = incident
            .customer
            .as_deref()
            .and_then(|c| c.split_whitespace().next())
            .unwrap_or_default()
            .to_owned();
        args.set("first_name", first_name);
        let seed = options.seed.unwrap_or_else(|| seed_of(&incident, options));
        let mut drafter = Drafter {
            engine: self,
            locale: &locale,
            args,
            rng: fastrand::Rng::with_seed(seed),
        };
        let text = match options.channel {
            Channel::Social => drafter.part("social")?,
            Channel::Email | Channel::Chat => {
                let mut paragraphs: Vec<Vec<String>> = Vec::new();
                let mut add =
                    |paragraph: &[&str], drafter: &mut Drafter<'_>| -> Result<(), GenerateError> {
                        let mut sentences = Vec::new();
                        for family in paragraph {
                            sentences.push(drafter.part(family)?);
                        }
                        sentences.retain(|s| !s.is_empty());
                        if !sentences.is_empty() {
                            paragraphs.push(sentences);
                        }
                        Ok(())
                    };
                add(&["greeting"], &mut drafter)?;
                let mut opening = vec!["acknowledge", "apologize", "responsibility"];
                if severity == IncidentSeverity::Severe {
                    opening.push("severe");
                }
                add(&opening, &mut drafter)?;
                let mut context = Vec::new();
                if incident.impact.is_some() {
                    context.push("empathize");
                }
                if incident.cause.is_some() {
                    context.push("explain");
                }
                add(&context, &mut drafter)?;
                let mut repair = vec!["fix", "prevent"];
                if incident.compensation.is_some() {
                    repair.push("compensate");
                }
                add(&repair, &mut drafter)?;
                let mut follow = vec!["follow-up"];
                if incident.contact.is_some() {
                    follow.push("contact");
                }
                add(&follow, &mut drafter)?;
                add(&["closing"], &mut drafter)?;
                let separator = match options.channel {
                    Channel::Email => "\n\n",
                    _ => "\n",
                };
                let mut text = paragraphs
                    .iter()
                    .map(|p| p.join(" "))
                    .collect::<Vec<_>>()
                    .join(separator);
                if options.channel == Channel::Chat {
                    // A chat greeting shares the first line with the message.
                    if let Some((greeting, rest)) = text.split_once('\n') {
                        text = format!("{greeting} {rest}");
                    }
                }
                text
            }
        };
        check_text(&locale, &text)?;
        if options.channel == Channel::Social && text.chars().count() > SOCIAL_MAX_CHARS {
            return Err(GenerateError::Template {
                locale: locale.clone(),
                message: format!(
                    "the social reply has {} characters; at most {SOCIAL_MAX_CHARS} are allowed",
                    text.chars().count()
                ),
            });
        }
        let report = self.lint(&text, &LintOptions::language(locale.clone()))?;
        let mut notes = Vec::new();
        if severity == IncidentSeverity::Severe {
            notes.push(Note::LegalReview);
        }
        if severity == IncidentSeverity::Minor
            && incident
                .compensation
                .as_deref()
                .is_some_and(is_large_compensation)
        {
            notes.push(Note::OverCompensation);
        }
        for (field, value) in incident.text_fields() {
            let Some(value) = value else { continue };
            if value.split_whitespace().count() < MIN_WORDS_FOR_LANGUAGE_CHECK {
                continue;
            }
            // The fields are in one of the installed languages, so the n-gram
            // model alone can tell which, without the open-set guard.
            if let Some((code, margin)) = self.closest_installed(value)
                && code != locale
                && margin >= LANGUAGE_MISMATCH_MARGIN
            {
                notes.push(Note::LanguageMismatch {
                    field: field.to_owned(),
                    detected: code,
                });
            }
        }
        Ok(Apology {
            locale,
            register: options.register,
            channel: options.channel,
            text,
            parts: report.parts,
            findings: report.findings,
            notes,
        })
    }
}

/// Refuses text that still carries template syntax or isolation marks.
fn check_text(locale: &str, text: &str) -> Result<(), GenerateError> {
    let bad = ["{$", "{ $", "\u{2068}", "\u{2069}", "\u{FFFD}"]
        .iter()
        .find(|b| text.contains(*b));
    match bad {
        Some(b) => Err(GenerateError::Template {
            locale: locale.to_owned(),
            message: format!("the draft contains {b:?}, an unresolved placeholder or mark"),
        }),
        None => Ok(()),
    }
}

/// Whether a compensation names a large percentage or amount.
fn is_large_compensation(text: &str) -> bool {
    let mut numbers = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            let percent = c == '%' || (c == ' ' && chars.peek() == Some(&'%'));
            numbers.push((current.parse::<u32>().unwrap_or(u32::MAX), percent));
            current.clear();
        }
    }
    if !current.is_empty() {
        numbers.push((current.parse::<u32>().unwrap_or(u32::MAX), false));
    }
    numbers.iter().any(|&(n, percent)| {
        if percent {
            n >= MINOR_MAX_PERCENT
        } else {
            n >= MINOR_MAX_AMOUNT
        }
    })
}

/// A seed derived from the incident, so the same facts give the same draft.
fn seed_of(incident: &Incident, options: &GenerateOptions) -> u64 {
    // FNV-1a over the serialized facts: stable across runs and platforms.
    let facts =
        serde_json::to_string(&(incident, options.register, options.channel)).unwrap_or_default();
    crate::ngram::fnv1a(crate::ngram::FNV_OFFSET, facts.as_bytes())
}

/// The parts of a draft as `id → present`, for JSON.
pub fn parts_present(parts: &Parts) -> BTreeMap<&str, bool> {
    parts
        .spans
        .iter()
        .map(|(id, spans)| (id.as_str(), !spans.is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing_removes_controls_bidi_and_final_stop() {
        assert_eq!(
            sanitize("  we\u{202E} charged\ttwice\u{0007}.  "),
            "we charged twice"
        );
        assert_eq!(sanitize("\u{200B}"), "");
    }

    #[test]
    fn large_compensation_is_recognized() {
        assert!(is_large_compensation("a 50% discount"));
        assert!(is_large_compensation("uno sconto del 40 %"));
        assert!(is_large_compensation("a €150 voucher"));
        assert!(!is_large_compensation("a 10% discount on your next order"));
        assert!(!is_large_compensation("free shipping"));
    }

    #[test]
    fn incidents_parse_from_toml_and_json_with_places() {
        let toml = "company = \"Acme\"\nseverity = \"moderate\"\n";
        assert_eq!(
            Incident::parse(toml, "i.toml").unwrap().company.as_deref(),
            Some("Acme")
        );
        let json = r#"{"company":"Acme","severity":"severe"}"#;
        assert_eq!(
            Incident::parse(json, "i.json").unwrap().severity,
            Some(IncidentSeverity::Severe)
        );
        let err = Incident::parse("company = \"Acme\"\nmistak = \"x\"\n", "i.toml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("i.toml:2:1: unknown field `mistak`"),
            "{err}"
        );
    }
}
