//! How much a finding harms an apology: the severity names shared by the
//! pack files, the JSON output and the rule compiler, which the build script
//! (`build/main.rs`) compiles too; so it lives apart from the report types.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How much a finding harms an apology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A style or quality issue.
    Hint,
    /// Weakens the apology.
    Warning,
    /// Reverses or cancels the apology.
    Error,
}

impl Severity {
    /// The lowercase name used in files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "hint" => Ok(Severity::Hint),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or hint)"
            )),
        }
    }
}
