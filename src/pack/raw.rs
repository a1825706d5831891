//! The serde shapes of pack files, parsed strictly: every struct denies
//! unknown fields, and every string a contributor writes keeps its position so
//! validation errors can point at it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::report::Severity;

/// `locales/ids.toml`: the stable ids and score weights shared by every pack.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIds {
    /// Rule id → default severity.
    pub rules: BTreeMap<String, Severity>,
    /// Part id → score weight.
    pub parts: BTreeMap<String, u32>,
    /// Severity name → points taken off the score.
    pub penalties: BTreeMap<Severity, u32>,
}

/// `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    /// BCP 47 tag; must equal the directory name.
    pub id: Spanned<String>,
    /// Name of the language in itself.
    pub name: String,
    /// Locales to fall back to for messages, most preferred first.
    #[serde(default)]
    pub fallback: Vec<String>,
    /// The reference locale the pack is translated from.
    #[serde(default)]
    pub reference: Option<String>,
    /// Version of the pack's data.
    pub version: String,
    /// A partial pack may lack messages; they come from its fallbacks.
    #[serde(default)]
    pub partial: bool,
    /// How the language is recognized.
    pub detect: RawDetect,
    /// A sample incident in the pack's language: `meaculpa check` drafts it
    /// in every register and channel and lints the result.
    #[serde(default)]
    pub sample: Option<crate::generate::Incident>,
}

/// `[detect]` of `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDetect {
    /// The whatlang code of the language (ISO 639-3, such as `ita`, `tgl`).
    pub whatlang: Spanned<String>,
    /// The writing script, as whatlang names it (`Latin`, `Cyrillic`).
    pub script: Spanned<String>,
    /// Function words and apology anchors typical of the language: evidence
    /// for detection on short texts.
    #[serde(default)]
    pub words: Vec<String>,
    /// Every lowercase letter the language writes (with diacritics); words
    /// with other letters count against it.
    #[serde(default)]
    pub alphabet: Option<String>,
    /// Languages (pack ids) whose text this language's speakers mix their
    /// own words into (Taglish: Tagalog in English): a text detected as one
    /// of them that has enough of `words` counts as this language.
    #[serde(default)]
    pub mixed_with: Vec<Spanned<String>>,
}

/// `rules.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    /// Words left out before matching (Tagalog `po`, `ho`).
    #[serde(default)]
    pub skip: Vec<String>,
    /// Words that keep a negator right before them from negating in `!`
    /// guards (`don't worry`, `non solo`, `не само`).
    #[serde(default)]
    pub not_negating: Vec<Spanned<String>>,
    /// Chat spellings read as the word they stand for when matching
    /// (`nn = "non"`, `x = "per"`, `lng = "lang"`): patterns name the full
    /// word only. One word each side.
    #[serde(default)]
    pub aliases: BTreeMap<String, Spanned<String>>,
    /// How the author's own text is told apart from quoted text.
    #[serde(default)]
    pub segments: RawSegments,
    /// Named word classes: name → phrases (each a pattern).
    #[serde(default)]
    pub classes: BTreeMap<String, Vec<Spanned<String>>>,
    /// Anti-pattern rules.
    #[serde(default)]
    pub rule: Vec<RawRule>,
    /// Part id → cues.
    #[serde(default)]
    pub parts: BTreeMap<Spanned<String>, RawPart>,
}

/// `[segments]` of `rules.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegments {
    /// Opening and closing quotation marks; text between them is not linted.
    #[serde(default)]
    pub quote_pairs: Vec<(String, String)>,
    /// A line starting with one of these (after spaces) is quoted.
    #[serde(default)]
    pub quote_line_prefixes: Vec<String>,
    /// Regular expressions for a whole line that starts a quoted reply
    /// (`On … wrote:`); it and everything after it are not linted.
    #[serde(default)]
    pub reply_headers: Vec<Spanned<String>>,
    /// Regular expressions for a whole line that starts a signature or
    /// disclaimer; it and everything after it are not linted.
    #[serde(default)]
    pub signature_markers: Vec<Spanned<String>>,
    /// Words whose full stop does not end a sentence (`Sig`, `Dott`, `г`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

/// The closed set of rule kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    /// Patterns that flag a phrase (the default).
    #[default]
    Phrase,
    /// Fires when the text has at least `min` apology anchors.
    AnchorCount,
    /// Fires when the first apology anchor comes after `after_words` words.
    AnchorLate,
    /// Fires when a `when` cue is present and no apology anchor is.
    AnchorMissing,
}

/// How far from a finding (or a part's cue) its `unless` patterns are
/// looked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnlessScope {
    /// The finding's own sentence.
    #[default]
    Sentence,
    /// The finding's sentence and the one after it ("Your parcel was lost.
    /// That was our fault.").
    NextSentence,
    /// Anywhere in the text.
    Message,
}

/// Where the word class named by `near` must occur for a finding to count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NearScope {
    /// In the finding's sentence or the one before it.
    #[default]
    Adjacent,
    /// Anywhere in the text (an apology three sentences later still
    /// makes a hedge part of it).
    Message,
}

/// One `[[rule]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable rule id from `ids.toml`.
    pub id: Spanned<String>,
    /// Severity; the default from `ids.toml` when absent.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// Rule kind.
    #[serde(default)]
    pub kind: RawKind,
    /// Patterns (phrase rules).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Regular expressions over the original sentence text (escape hatch).
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
    /// Name of a word class that must match in the same or the previous sentence.
    #[serde(default)]
    pub near: Option<Spanned<String>>,
    /// Where `near`'s class must match (default: the same or the previous sentence).
    #[serde(default)]
    pub near_scope: NearScope,
    /// Patterns that, found in the same sentence, cancel the finding.
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// Where `unless` patterns are looked for (default: the same sentence).
    #[serde(default)]
    pub unless_scope: UnlessScope,
    /// Patterns that cancel the finding wherever they occur in the text (an
    /// ownership statement), beside `unless` in its own scope.
    #[serde(default)]
    pub unless_message: Vec<Spanned<String>>,
    /// Patterns that cancel the finding only inside its own clause: the part
    /// of its sentence between commas, semicolons, colons, dashes or
    /// brackets that holds it (a trap in one clause leaves the next alone).
    #[serde(default)]
    pub unless_clause: Vec<Spanned<String>>,
    /// Leave out a finding whose sentence is a question (ends with `?`): a
    /// question asks, it does not assert (`No error on our side?`).
    #[serde(default)]
    pub unless_question: bool,
    /// Patterns that, found in the same sentence, lower the finding to a hint.
    #[serde(default)]
    pub soften: Vec<Spanned<String>>,
    /// `anchor-count`: how many anchors are too many.
    #[serde(default)]
    pub min: Option<usize>,
    /// `anchor-late`: how many words before the first anchor are too many.
    #[serde(default)]
    pub after_words: Option<usize>,
    /// `anchor-late`: parts whose sentences before the first anchor are not
    /// counted toward `after_words` (owning the mistake first is no
    /// preamble).
    #[serde(default)]
    pub uncounted_parts: Vec<Spanned<String>>,
    /// `anchor-missing`: cues that the text is about a mistake.
    #[serde(default)]
    pub when: Vec<Spanned<String>>,
    /// `anchor-missing`: parts (such as `acknowledge`) whose presence also
    /// shows that the text is about a mistake.
    #[serde(default)]
    pub when_parts: Vec<Spanned<String>>,
    /// `anchor-missing`: with `when_parts`, one of these parts (such as
    /// `fix`) must be present too: the text answers someone about the mistake.
    #[serde(default)]
    pub with_parts: Vec<Spanned<String>>,
    /// `anchor-missing`: phrase rules of the pack whose findings show that
    /// the text is about a mistake (a vendor blamed, a failure told in the
    /// passive): one that fired, in a text with no apology, is enough.
    #[serde(default)]
    pub when_rules: Vec<Spanned<String>>,
    /// `anchor-missing`: phrase rules whose findings show by themselves
    /// that the text answers for a mistake (a vendor blamed, a harm
    /// minimized), with no part of `with_parts` beside them.
    #[serde(default)]
    pub when_rules_alone: Vec<Spanned<String>>,
    /// `anchor-missing`: phrase rules whose findings say the mistake was
    /// not ours (a denial, the customer blamed): beside one, the findings
    /// of `when_rules_alone` do not count.
    #[serde(default)]
    pub when_rules_unless: Vec<Spanned<String>>,
    /// `anchor-missing`: patterns; in a text where one of them matches (a
    /// text that speaks to its reader: "you", "po"), the parts the part
    /// model shows count toward `when_parts` and `with_parts` beside the
    /// parts cues show.
    #[serde(default)]
    pub model_parts_when: Vec<Spanned<String>>,
    /// `anchor-missing`, with `model_parts_when`: patterns one of which must
    /// match too before the model's parts count (words that say something
    /// went wrong: "wrong", "late", "грешка"). A routine reply speaks to its
    /// reader as well, and to the model an order confirmation reads like an
    /// acknowledgement.
    #[serde(default)]
    pub model_parts_also: Vec<Spanned<String>>,
    /// Parts whose cues anywhere in the text keep the rule quiet (as found,
    /// before the part's `unless_rules`): for `anchor-missing`, a part such
    /// as `apologize` that shows an apology in words the apology class
    /// lacks; for a phrase rule, a part such as `take-responsibility`.
    #[serde(default)]
    pub unless_parts: Vec<Spanned<String>>,
    /// Texts that must trigger the rule, the expected span marked `[[…]]`.
    #[serde(default)]
    pub trigger: Vec<Spanned<String>>,
    /// Texts that must not trigger the rule.
    #[serde(default)]
    pub clean: Vec<Spanned<String>>,
}

/// One `[parts.<id>]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    /// Patterns that show the part.
    #[serde(default)]
    pub cues: Vec<Spanned<String>>,
    /// Regular expressions that show the part (escape hatch).
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
    /// Patterns that, found in the same sentence, cancel a cue.
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// Where `unless` patterns are looked for (default: the same sentence).
    #[serde(default)]
    pub unless_scope: UnlessScope,
    /// Patterns that cancel a cue wherever they occur in the text.
    #[serde(default)]
    pub unless_message: Vec<Spanned<String>>,
    /// Rules of the pack whose findings cancel the cues in their sentence
    /// (an apology that is conditional is no apology).
    #[serde(default)]
    pub unless_rules: Vec<Spanned<String>>,
    /// Texts that show the part, the cue's span marked `[[…]]`.
    #[serde(default)]
    pub present: Vec<Spanned<String>>,
    /// Texts that do not show the part.
    #[serde(default)]
    pub absent: Vec<Spanned<String>>,
}

impl RawRule {
    /// The rule's lists written in the pattern language, each with its key
    /// (not `regex`, nor the examples).
    pub fn pattern_lists(&self) -> [(&'static str, &[Spanned<String>]); 8] {
        [
            ("patterns", &self.patterns),
            ("unless", &self.unless),
            ("unless_message", &self.unless_message),
            ("unless_clause", &self.unless_clause),
            ("soften", &self.soften),
            ("when", &self.when),
            ("model_parts_when", &self.model_parts_when),
            ("model_parts_also", &self.model_parts_also),
        ]
    }
}

impl RawPart {
    /// The part's lists written in the pattern language, each with its key
    /// (not `regex`, nor the examples).
    pub fn pattern_lists(&self) -> [(&'static str, &[Spanned<String>]); 3] {
        [
            ("cues", &self.cues),
            ("unless", &self.unless),
            ("unless_message", &self.unless_message),
        ]
    }
}
