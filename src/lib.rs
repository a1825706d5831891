//! meaculpa: check and draft apologies to customers, in the customer's language.
//!
//! An [`Engine`] holds locale packs (rules, part cues and messages as data in
//! `locales/<tag>/`). [`Engine::lint`] detects a text's language, flags the
//! anti-patterns of that locale (the "if" and "but" apology, blaming the
//! customer or a vendor, denial, minimizing…) with byte spans, and reports
//! which parts of a sincere apology are present, with a score.
//!
//! ```
//! use meaculpa::{Engine, LintOptions};
//!
//! let engine = Engine::new()?;
//! let report = engine.lint(
//!     "Mi dispiace se ha avuto problemi con l'ordine.",
//!     &LintOptions::default(),
//! )?;
//! assert_eq!(report.language.code.as_deref(), Some("it"));
//! assert!(report.findings.iter().any(|f| f.rule == "conditional-apology"));
//! // A conditional apology is no apology.
//! assert!(!report.parts.has("apologize"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Data flows one way: `text` → [`segment`] (what is the author's) →
//! [`text`] (words, sentences) → [`detect`] → [`rules`] → [`report`]; the
//! [`output`] formatters write reports to any `io::Write`. The library never
//! prints.

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod compare;
pub mod detect;
pub mod eval;
pub mod excerpt;
pub mod generate;
pub mod l10n;
pub mod lint;
pub mod ngram;
pub mod output;
pub mod pack;
pub mod parallel;
pub mod report;
pub mod rules;
pub mod segment;
mod severity;
pub mod stream;
pub mod text;

pub use detect::Detection;
pub use generate::{Apology, GenerateError, GenerateOptions, Incident};
pub use lint::{Engine, EngineBuilder, EngineError, LintError, LintOptions};
pub use report::{Finding, Language, Parts, Report, Severity};
pub use stream::{ReadError, Streamed};
pub use text::Span;
