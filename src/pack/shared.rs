//! What pack loading shares with the rule compiler: a problem's place
//! ([`PackError`]), the stable ids, and strict TOML parsing. The build script
//! (`build/main.rs`) compiles this file with the rule compiler to make the
//! embedded packs' rule images, so it names nothing else of the crate.

use std::collections::BTreeMap;
use std::fmt;

use super::raw;
use crate::report::Severity;
use crate::text::LineIndex;

/// A problem in a pack file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackError {
    /// The file, as a path a user can open (`locales/it/rules.toml`).
    pub file: String,
    /// 1-based line (0 when the problem is about the whole file).
    pub line: usize,
    /// 1-based column in characters (0 when about the whole file).
    pub column: usize,
    /// What is wrong, and what was expected.
    pub message: String,
    /// The name of the check that found it (`syntax`, `unknown-key`,
    /// `unknown-rule`, `pattern`…), as `meaculpa check` reports it.
    pub check: &'static str,
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for PackError {}

impl PackError {
    /// An error about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        PackError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            check: "pack",
        }
    }

    /// The same error, named after the check that found it.
    pub fn with_check(mut self, check: &'static str) -> Self {
        self.check = check;
        self
    }

    /// An error at byte `offset` of `source`, the text of `file`.
    pub fn at(file: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let pos = LineIndex::new(source).position(offset);
        PackError {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
            message: message.into(),
            check: "pack",
        }
    }
}

/// The stable ids and weights of `locales/ids.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    /// Rule id → default severity.
    pub rules: BTreeMap<String, Severity>,
    /// Part id → score weight.
    pub parts: BTreeMap<String, u32>,
    /// Severity → points taken off the score.
    pub penalties: BTreeMap<Severity, u32>,
}

impl Ids {
    /// Parses `locales/ids.toml` (`source`, shown as `file`).
    pub(crate) fn parse(file: &str, source: &str) -> Result<Ids, PackError> {
        let raw: raw::RawIds = parse_toml(file, source)?;
        Ok(Ids {
            rules: raw.rules,
            parts: raw.parts,
            penalties: raw.penalties,
        })
    }
}

/// Parses TOML strictly, turning a serde error into a [`PackError`] at its place.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &str,
    source: &str,
) -> Result<T, PackError> {
    toml::from_str(source).map_err(|e| {
        let message = e.message().trim().to_owned();
        let check = if message.starts_with("unknown field") {
            "unknown-key"
        } else {
            "syntax"
        };
        match e.span() {
            Some(span) => PackError::at(file, source, span.start, message),
            None => PackError::file(file, message),
        }
        .with_check(check)
    })
}
