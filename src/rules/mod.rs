//! A locale's compiled rules: anchors, anti-pattern rules and part cues, and
//! running them over one text.
//!
//! Compilation validates a pack's raw `rules.toml` into immutable programs
//! (see [`pattern`]) that share one atom table. Linting a text flows one
//! way: segmenter (what is not the author's) → words and sentences → each
//! distinct word looked up once in the atom table → apology anchors → the
//! rules whose first words appeared → findings and parts.
//!
//! Rule kinds are a closed set: `phrase` (patterns, optionally only near an
//! apology anchor, cancelled by `unless`, lowered to a hint by `soften`), and
//! three structural kinds driven by the anchor class: `anchor-count`
//! (too many apologies), `anchor-late` (the apology is buried) and
//! `anchor-missing` (a mistake is discussed with no apology; each cue of the
//! mistake is a finding).

mod frozen;
pub mod gated;
mod lazy;
pub mod model;
pub mod pattern;
mod varint;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::pack::raw::{NearScope, RawKind, RawRules, RawSegments, UnlessScope};
use crate::pack::{Ids, PackError};
use crate::report::Severity;
use crate::segment::Segmenter;
use crate::text::{Analysis, Span};
use gated::GatedRegex;
use lazy::Lazy;
use pattern::{AtomTable, Compiler, Program, ProgramIndex, Programs, WordAtoms, WordMatch};

/// The word class every pack must define: its phrases are apology anchors.
pub const ANCHOR_CLASS: &str = "apology";

/// A text a rule or part carries as its own test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    /// The text, with the `[[…]]` marks removed.
    pub text: String,
    /// The marked span, if any.
    pub span: Option<Span>,
    /// Where the example is written: file, line, column.
    pub place: (String, usize, usize),
}

/// A rule's or part's examples.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Examples {
    /// Texts that must trigger the rule (or show the part).
    pub positive: Vec<Example>,
    /// Texts that must not.
    pub negative: Vec<Example>,
}

/// Patterns, regular expressions and the context that gates them.
#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
struct Matcher {
    patterns: Programs,
    regexes: Vec<GatedRegex>,
    /// Where each pattern, then each regex, is written in the pack.
    origins: Lazy<Vec<Origin>>,
    near: Option<String>,
    near_scope: NearScope,
    unless: Programs,
    unless_scope: UnlessScope,
    /// Cancel wherever they match in the text.
    unless_message: Programs,
    /// Cancel only inside the clause of the finding.
    unless_clause: Programs,
    /// Cancel in a sentence that is a question.
    unless_question: bool,
    soften: Programs,
}

/// When parts or other rules, not cues, show an `anchor-missing` rule's
/// text is about a mistake: one part of `when` or a finding of one of the
/// phrase rules `rules`, and, if `with` is not empty, one part of `with`;
/// or a finding of one of `rules_alone` in a text with none of
/// `rules_unless`.
#[derive(Debug, Default, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
struct PartGate {
    when: Vec<String>,
    with: Vec<String>,
    /// Indices in [`RuleSet::rules`].
    rules: Vec<usize>,
    /// Rules (indices) whose findings show it with no part of `with`.
    rules_alone: Vec<usize>,
    /// Rules (indices) whose findings keep those of `rules_alone` from
    /// counting.
    rules_unless: Vec<usize>,
    /// Where one of these matches, the parts the part model shows count
    /// for `when` and `with` too.
    model_when: Programs,
    /// When not empty, one of these must match as well, outside a question,
    /// for the model's parts to count.
    model_also: Programs,
}

#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
enum RuleKind {
    Phrase(Matcher),
    AnchorCount(usize),
    /// After how many words, not counting the sentences of these parts.
    AnchorLate(usize, Vec<String>),
    AnchorMissing(Matcher, Box<PartGate>),
}

/// One compiled anti-pattern rule.
#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Rule {
    /// Stable rule id.
    pub id: String,
    /// Severity when it fires (a `soften` cue lowers it to a hint).
    pub severity: Severity,
    examples: Lazy<Examples>,
    kind: RuleKind,
    /// For a phrase or `anchor-missing` rule: parts whose cues anywhere in
    /// the text keep it quiet (as found, before any part's `unless_rules`:
    /// even a conditional apology is an apology).
    unless_parts: Vec<String>,
}

/// One compiled part cue set.
#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Part {
    /// Part id.
    pub id: String,
    examples: Lazy<Examples>,
    matcher: Matcher,
    /// Indices (in [`RuleSet::rules`]) of the rules whose findings cancel
    /// the cues in their sentence.
    unless_rules: Vec<usize>,
}

impl Rule {
    /// Its examples (decoded from the rule image when first asked for).
    pub fn examples(&self) -> &Examples {
        self.examples.get()
    }
}

impl Part {
    /// Its examples (decoded from the rule image when first asked for).
    pub fn examples(&self) -> &Examples {
        self.examples.get()
    }
}

/// Where a pattern or regex is written in its pack: what
/// [`RuleSet::origins_at`] names for a finding or a part's span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The pack file, as pack errors name it.
    pub file: String,
    /// Line of the pattern's first character, from 1.
    pub line: usize,
    /// Its column in characters, from 1.
    pub column: usize,
    /// The pattern (or regex) as written.
    pub pattern: String,
}

/// A rule that fired at a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
    /// Severity after context.
    pub severity: Severity,
    /// Where.
    pub span: Span,
}

/// What a locale's rules found in one text.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Rules that fired, sorted by position.
    pub hits: Vec<Hit>,
    /// Part id → spans that showed it.
    pub parts: BTreeMap<String, Vec<Span>>,
    /// The parts that only the part model showed, with its probability
    /// (their span is the sentence that weighs most for them).
    pub model_parts: BTreeMap<String, f32>,
    /// What the rules that judge a whole message (`anchor-count`,
    /// `anchor-late`, `anchor-missing`) read: a message linted in pieces is
    /// judged by [`RuleSet::message_hits`] over the pieces' facts, merged.
    pub facts: MessageFacts,
}

/// What the rules that judge a whole message read of one text, or of a
/// message's pieces merged in order with [`MessageFacts::append`].
#[derive(Debug, Clone, Default)]
pub struct MessageFacts {
    /// The apology anchors: each one's span and word index, in order.
    anchors: Vec<(Span, usize)>,
    /// How many words the text has.
    words: usize,
    /// Per `anchor-late` rule (by index), how many of the words before the
    /// first anchor (all the words, while there is none) lie in sentences
    /// of its `uncounted_parts`.
    uncounted: BTreeMap<usize, usize>,
    /// Per rule (by index), for `anchor-missing` rules: what it saw, or
    /// `None` once it is kept quiet (an anchor, or a part of its `unless_parts`).
    missing: BTreeMap<usize, Option<MissingFacts>>,
}

/// What an `anchor-missing` rule saw in a text with no apology.
#[derive(Debug, Clone, Default)]
struct MissingFacts {
    /// Each cue of the mistake, with its severity.
    cues: Vec<(Span, Severity)>,
    /// The first span of its `when_parts`, if one showed.
    when: Option<Span>,
    /// Whether one of its `with_parts` showed (or it has none).
    with: bool,
    /// The first finding of one of its `when_rules`.
    by_rule: Option<Span>,
    /// The first finding of one of its `when_rules_alone`, in a text with
    /// no finding of its `when_rules_unless`.
    alone: Option<Span>,
}

impl MessageFacts {
    /// Every span a whole-message rule may report from these facts.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        let missing = self.missing.values().flatten().flat_map(|m| {
            m.cues
                .iter()
                .map(|&(s, _)| s)
                .chain(m.when)
                .chain(m.by_rule)
                .chain(m.alone)
        });
        self.anchors.iter().map(|&(s, _)| s).chain(missing)
    }

    /// Adds the facts of the next piece of the message, which starts at
    /// byte `offset` of the message.
    pub fn append(&mut self, next: &MessageFacts, offset: usize) {
        let shift = |s: Span| Span::new(s.start + offset, s.end + offset);
        let words = self.words;
        // Words set aside count up to the first anchor, wherever it is.
        if self.anchors.is_empty() {
            for (&rule, &uncounted) in &next.uncounted {
                *self.uncounted.entry(rule).or_default() += uncounted;
            }
        }
        self.anchors
            .extend(next.anchors.iter().map(|&(s, w)| (shift(s), w + words)));
        self.words += next.words;
        for (&rule, seen) in &next.missing {
            let merged = self
                .missing
                .entry(rule)
                .or_insert_with(|| Some(MissingFacts::default()));
            match (merged.as_mut(), seen) {
                (Some(all), Some(seen)) => {
                    all.cues
                        .extend(seen.cues.iter().map(|&(s, v)| (shift(s), v)));
                    all.when = all.when.or(seen.when.map(shift));
                    all.with |= seen.with;
                    all.by_rule = all.by_rule.or(seen.by_rule.map(shift));
                    all.alone = all.alone.or(seen.alone.map(shift));
                }
                _ => *merged = None,
            }
        }
    }
}

/// A set of a few words looked up for every word of a text (a pack's
/// `skip` words): a word whose length or first byte no member has is turned
/// away before it is hashed, so a pack pays for its set only on the words
/// that look like a member (an English text and `po`).
#[derive(Debug, Default, Serialize, Deserialize)]
struct QuickSet {
    /// Bit `n` for a member of `n` bytes (bit 63 for every longer one).
    lengths: u64,
    /// Bit `b % 64` of `firsts[b / 64]` for a member whose first byte is `b`.
    firsts: [u64; 4],
    /// Hashed with Fx, not SipHash.
    words: FxHashSet<String>,
}

impl QuickSet {
    fn contains(&self, word: &str) -> bool {
        let length = 1u64 << word.len().min(63);
        let first = word
            .as_bytes()
            .first()
            .is_none_or(|&b| self.firsts[usize::from(b / 64)] & (1 << (b % 64)) != 0);
        self.lengths & length != 0 && first && self.words.contains(word)
    }
}

impl FromIterator<String> for QuickSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = QuickSet::default();
        for word in words {
            set.lengths |= 1 << word.len().min(63);
            if let Some(&b) = word.as_bytes().first() {
                set.firsts[usize::from(b / 64)] |= 1 << (b % 64);
            }
            set.words.insert(word);
        }
        set
    }
}

/// A locale's compiled rules. They serialize (with `postcard`) into the
/// image the build script makes of each embedded pack, read back instead of
/// compiling the pack again.
#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct RuleSet {
    atoms: AtomTable,
    index: ProgramIndex,
    /// Looked up for every word of a text.
    skip: QuickSet,
    /// A text word (normalized) → the word it is matched as.
    aliases: FxHashMap<String, String>,
    abbreviations: FxHashSet<String>,
    segmenter: Segmenter,
    /// By name; ordered, so a pack's rule image is the same from build to build.
    classes: BTreeMap<String, Program>,
    rules: Vec<Rule>,
    parts: Vec<Part>,
    /// The pack's part model (`parts.model`), if it has one.
    model: Option<model::PartModel>,
}

struct Context<'a> {
    file: &'a str,
    source: &'a str,
    lines: crate::text::LineIndex<'a>,
    errors: Vec<PackError>,
}

impl Context<'_> {
    fn error(&mut self, check: &'static str, at: &Spanned<impl Sized>, message: impl Into<String>) {
        self.errors.push(
            PackError::at(self.file, self.source, at.span().start, message).with_check(check),
        );
    }

    /// Whether `part` is a part id of `ids`; if not, reports it as
    /// "`what` `part` (known: …)".
    fn known_part(&mut self, ids: &Ids, part: &Spanned<String>, what: &str) -> bool {
        if ids.parts.contains_key(part.get_ref()) {
            return true;
        }
        let known: Vec<&str> = ids.parts.keys().map(String::as_str).collect();
        self.error(
            "unknown-part",
            part,
            format!("{what} `{}` (known: {})", part.get_ref(), known.join(", ")),
        );
        false
    }

    fn error_at(&mut self, check: &'static str, offset: usize, message: impl Into<String>) {
        self.errors
            .push(PackError::at(self.file, self.source, offset, message).with_check(check));
    }
}

impl RuleSet {
    /// Validates and compiles a pack's `rules.toml` (`source` is its text,
    /// `file` its shown path), collecting every problem.
    pub fn compile(
        raw: RawRules,
        ids: &Ids,
        file: &str,
        source: &str,
    ) -> Result<RuleSet, Vec<PackError>> {
        let mut cx = Context {
            file,
            source,
            lines: crate::text::LineIndex::new(source),
            errors: Vec::new(),
        };
        let segmenter = compile_segments(&raw.segments, &mut cx);
        let class_phrases: HashMap<String, Vec<String>> = raw
            .classes
            .iter()
            .map(|(name, phrases)| {
                (
                    name.clone(),
                    phrases.iter().map(|p| p.get_ref().clone()).collect(),
                )
            })
            .collect();
        let mut atoms = AtomTable::default();
        let mut classes = BTreeMap::new();
        // One compiler for the whole pack: each word class is parsed once,
        // however many rules use it.
        let mut compiler = Compiler::new(&mut atoms, &class_phrases);
        // Before any pattern: the `!` guards read them when they are parsed.
        for word in &raw.not_negating {
            if let Err(e) = compiler.add_not_negating(word.get_ref()) {
                cx.error("pattern", word, format!("`not_negating`: {}", e.message));
            }
        }
        let aliases = compile_aliases(&raw.aliases, &mut cx);
        {
            for (name, phrases) in &raw.classes {
                if phrases.is_empty() {
                    cx.errors.push(PackError::file(
                        file,
                        format!("word class `{name}` has no phrases"),
                    ));
                }
                // Compile each phrase alone first, so an error points at it.
                let mut ok = true;
                for phrase in phrases {
                    if let Err(e) = compiler.compile(phrase.get_ref()) {
                        cx.error_at(
                            "pattern",
                            phrase.span().start + 1 + e.offset,
                            format!("in word class `{name}`: {}", e.message),
                        );
                        ok = false;
                    }
                }
                if ok && let Ok(program) = compiler.compile(&format!("${name}")) {
                    classes.insert(name.clone(), program);
                }
            }
        }
        if !raw.classes.contains_key(ANCHOR_CLASS) {
            cx.errors.push(PackError::file(
                file,
                format!(
                    "the pack must define the word class `{ANCHOR_CLASS}` (its apology anchors)"
                ),
            ));
        }
        let mut rules = Vec::new();
        let mut seen_rules: HashSet<String> = HashSet::new();
        // `anchor-missing` rules (by index) and the rules their `when_rules`,
        // `when_rules_alone` and `when_rules_unless` name.
        type Named = Vec<Spanned<String>>;
        let mut gating_rules: Vec<(usize, [Named; 3])> = Vec::new();
        for raw_rule in raw.rule {
            let id = raw_rule.id.get_ref().clone();
            let Some(default_severity) = ids.rules.get(&id) else {
                let known: Vec<&str> = ids.rules.keys().map(String::as_str).collect();
                cx.error(
                    "unknown-rule",
                    &raw_rule.id,
                    format!("unknown rule id `{id}` (known: {})", known.join(", ")),
                );
                continue;
            };
            if !seen_rules.insert(id.clone()) {
                cx.error(
                    "duplicate-rule",
                    &raw_rule.id,
                    format!("rule `{id}` is defined twice"),
                );
                continue;
            }
            let kind = match raw_rule.kind {
                RawKind::Phrase => {
                    let matcher = compile_matcher(
                        &mut compiler,
                        &mut cx,
                        &raw_rule.patterns,
                        &raw_rule.regex,
                        (raw_rule.near.as_ref(), raw_rule.near_scope),
                        Unless::of_rule(&raw_rule),
                        &raw_rule.soften,
                        &classes,
                    );
                    if raw_rule.patterns.is_empty() && raw_rule.regex.is_empty() {
                        cx.error(
                            "rules",
                            &raw_rule.id,
                            format!("rule `{id}` has no patterns"),
                        );
                    }
                    RuleKind::Phrase(matcher)
                }
                RawKind::AnchorCount => match raw_rule.min {
                    Some(min) if min >= 2 => RuleKind::AnchorCount(min),
                    _ => {
                        cx.error(
                            "rules",
                            &raw_rule.id,
                            "kind `anchor-count` needs `min` of at least 2",
                        );
                        continue;
                    }
                },
                RawKind::AnchorLate => match raw_rule.after_words {
                    Some(n) if n >= 1 => {
                        for part in &raw_rule.uncounted_parts {
                            cx.known_part(ids, part, "`uncounted_parts` names the unknown part");
                        }
                        let parts = raw_rule
                            .uncounted_parts
                            .iter()
                            .map(|p| p.get_ref().clone())
                            .collect();
                        RuleKind::AnchorLate(n, parts)
                    }
                    _ => {
                        cx.error(
                            "rules",
                            &raw_rule.id,
                            "kind `anchor-late` needs `after_words` of at least 1",
                        );
                        continue;
                    }
                },
                RawKind::AnchorMissing => {
                    if raw_rule.when.is_empty()
                        && raw_rule.when_parts.is_empty()
                        && raw_rule.when_rules.is_empty()
                        && raw_rule.when_rules_alone.is_empty()
                    {
                        cx.error(
                            "rules",
                            &raw_rule.id,
                            "kind `anchor-missing` needs `when` cues, `when_parts`, `when_rules` \
                             or `when_rules_alone`",
                        );
                    }
                    // Resolved once every rule is known: a rule may name
                    // one defined after it.
                    gating_rules.push((
                        rules.len(),
                        [
                            raw_rule.when_rules.clone(),
                            raw_rule.when_rules_alone.clone(),
                            raw_rule.when_rules_unless.clone(),
                        ],
                    ));
                    for part in raw_rule.when_parts.iter().chain(&raw_rule.with_parts) {
                        cx.known_part(ids, part, "`when_parts`/`with_parts` name the unknown part");
                    }
                    let names = |list: &[Spanned<String>]| -> Vec<String> {
                        list.iter().map(|p| p.get_ref().clone()).collect()
                    };
                    let mut programs = |list: &[Spanned<String>]| {
                        Programs::new(
                            list.iter()
                                .filter_map(|p| compile_pattern(&mut compiler, &mut cx, p))
                                .collect(),
                        )
                    };
                    let model_when = programs(&raw_rule.model_parts_when);
                    let model_also = programs(&raw_rule.model_parts_also);
                    if raw_rule.model_parts_when.is_empty()
                        && let Some(first) = raw_rule.model_parts_also.first()
                    {
                        cx.error(
                            "rules",
                            first,
                            "`model_parts_also` narrows `model_parts_when`, which the rule does not set",
                        );
                    }
                    let when_parts = PartGate {
                        when: names(&raw_rule.when_parts),
                        with: names(&raw_rule.with_parts),
                        rules: Vec::new(),
                        rules_alone: Vec::new(),
                        rules_unless: Vec::new(),
                        model_when,
                        model_also,
                    };
                    RuleKind::AnchorMissing(
                        compile_matcher(
                            &mut compiler,
                            &mut cx,
                            &raw_rule.when,
                            &raw_rule.regex,
                            (None, NearScope::Adjacent),
                            Unless::of_rule(&raw_rule),
                            &[],
                            &classes,
                        ),
                        Box::new(when_parts),
                    )
                }
            };
            if let Some(first) = raw_rule.uncounted_parts.first()
                && !matches!(kind, RuleKind::AnchorLate(..))
            {
                cx.error(
                    "rules",
                    first,
                    "`uncounted_parts` only applies to kind `anchor-late`",
                );
            }
            // Phrase and anchor-missing rules read `unless_parts`.
            let reads_parts = matches!(kind, RuleKind::Phrase(_) | RuleKind::AnchorMissing(..));
            if reads_parts {
                for part in &raw_rule.unless_parts {
                    cx.known_part(ids, part, "`unless_parts` names the unknown part");
                }
            }
            if !matches!(kind, RuleKind::AnchorMissing(..)) {
                let unless_parts: &[Spanned<String>] = if reads_parts {
                    &[]
                } else {
                    &raw_rule.unless_parts
                };
                for (key, list) in [
                    ("when", raw_rule.when.as_slice()),
                    ("when_parts", raw_rule.when_parts.as_slice()),
                    ("with_parts", raw_rule.with_parts.as_slice()),
                    ("when_rules", raw_rule.when_rules.as_slice()),
                    ("when_rules_alone", raw_rule.when_rules_alone.as_slice()),
                    ("when_rules_unless", raw_rule.when_rules_unless.as_slice()),
                    ("model_parts_when", raw_rule.model_parts_when.as_slice()),
                    ("model_parts_also", raw_rule.model_parts_also.as_slice()),
                    ("unless_parts", unless_parts),
                ] {
                    if let Some(first) = list.first() {
                        cx.error(
                            "rules",
                            first,
                            if key == "unless_parts" {
                                format!("`{key}` applies to phrase rules and kind `anchor-missing`")
                            } else {
                                format!("`{key}` only applies to kind `anchor-missing`")
                            },
                        );
                    }
                }
            }
            let examples = Examples {
                positive: parse_examples(&raw_rule.trigger, true, &mut cx),
                negative: parse_examples(&raw_rule.clean, false, &mut cx),
            };
            let unless_parts = if reads_parts {
                raw_rule
                    .unless_parts
                    .iter()
                    .map(|p| p.get_ref().clone())
                    .collect()
            } else {
                Vec::new()
            };
            rules.push(Rule {
                id,
                severity: raw_rule.severity.unwrap_or(*default_severity),
                examples: Lazy::new(examples),
                kind,
                unless_parts,
            });
        }
        for (index, [when, alone, unless]) in gating_rules {
            let gate_rules = phrase_rules(&rules, "when_rules", &when, &mut cx);
            let rules_alone = phrase_rules(&rules, "when_rules_alone", &alone, &mut cx);
            let rules_unless = phrase_rules(&rules, "when_rules_unless", &unless, &mut cx);
            if let Some(RuleKind::AnchorMissing(_, gate)) =
                rules.get_mut(index).map(|r| &mut r.kind)
            {
                gate.rules = gate_rules;
                gate.rules_alone = rules_alone;
                gate.rules_unless = rules_unless;
            }
        }
        let mut parts = Vec::new();
        for (id, raw_part) in raw.parts {
            if !cx.known_part(ids, &id, "unknown part id") {
                continue;
            }
            if raw_part.cues.is_empty() && raw_part.regex.is_empty() {
                cx.error(
                    "part-cues",
                    &id,
                    format!("part `{}` has no cues", id.get_ref()),
                );
            }
            let matcher = compile_matcher(
                &mut compiler,
                &mut cx,
                &raw_part.cues,
                &raw_part.regex,
                (None, NearScope::Adjacent),
                Unless {
                    sentence: &raw_part.unless,
                    scope: raw_part.unless_scope,
                    message: &raw_part.unless_message,
                    clause: &[],
                    question: false,
                },
                &[],
                &classes,
            );
            let mut unless_rules = Vec::new();
            for rule_id in &raw_part.unless_rules {
                match rules.iter().position(|r: &Rule| &r.id == rule_id.get_ref()) {
                    Some(index) => unless_rules.push(index),
                    None => {
                        let known: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
                        cx.error(
                            "part-unless-rules",
                            rule_id,
                            format!(
                                "`unless_rules` names `{}`, which is not a rule of this pack (rules: {})",
                                rule_id.get_ref(),
                                known.join(", ")
                            ),
                        );
                    }
                }
            }
            if !unless_rules.is_empty()
                && let Some(gated) = rules.iter().find(|r| match &r.kind {
                    RuleKind::AnchorMissing(_, gate) => gate
                        .when
                        .iter()
                        .chain(&gate.with)
                        .any(|p| p == id.get_ref()),
                    _ => false,
                })
            {
                cx.error(
                    "part-unless-rules",
                    &id,
                    format!(
                        "part `{}` has `unless_rules`, so it is only known after the rules ran \
                         and cannot gate rule `{}` (`when_parts`/`with_parts`)",
                        id.get_ref(),
                        gated.id
                    ),
                );
            }
            parts.push(Part {
                id: id.get_ref().clone(),
                unless_rules,
                examples: Lazy::new(Examples {
                    positive: parse_examples(&raw_part.present, true, &mut cx),
                    negative: parse_examples(&raw_part.absent, false, &mut cx),
                }),
                matcher,
            });
        }
        // The compiler borrows the atom table, which the index reads next.
        drop(compiler);
        if !cx.errors.is_empty() {
            return Err(cx.errors);
        }
        let index = {
            let matchers = rules
                .iter()
                .filter_map(|r| match &r.kind {
                    RuleKind::Phrase(m) | RuleKind::AnchorMissing(m, _) => Some(m),
                    _ => None,
                })
                .chain(parts.iter().map(|p| &p.matcher));
            let programs = matchers
                .flat_map(|m| {
                    m.patterns
                        .all()
                        .iter()
                        .chain(m.unless.all())
                        .chain(m.unless_message.all())
                        .chain(m.unless_clause.all())
                        .chain(m.soften.all())
                })
                .chain(
                    rules
                        .iter()
                        .filter_map(|r| match &r.kind {
                            RuleKind::AnchorMissing(_, gate) => Some(gate),
                            _ => None,
                        })
                        .flat_map(|gate| gate.model_when.all().iter().chain(gate.model_also.all())),
                )
                .chain(classes.values());
            ProgramIndex::new(&atoms, programs)
        };
        Ok(RuleSet {
            atoms,
            index,
            skip: raw.skip.iter().map(|w| crate::text::normalize(w)).collect(),
            aliases,
            abbreviations: raw
                .segments
                .abbreviations
                .iter()
                .map(|w| crate::text::normalize(w.trim_end_matches('.')))
                .collect(),
            segmenter,
            classes,
            rules,
            parts,
            model: None,
        })
    }

    /// The set as a rule image: what the build script embeds for each
    /// default pack.
    #[allow(dead_code, reason = "the build script (build/main.rs) calls it")]
    pub(crate) fn to_image(&self) -> Result<Vec<u8>, postcard::Error> {
        lazy::write_image(self)
    }

    /// Reads a rule image made by [`RuleSet::to_image`] in the same build of
    /// the crate (the layout is this build's types, not a stable format).
    /// The set borrows what it decodes only when first used (`rules::lazy`),
    /// so the image is one embedded in the binary.
    pub(crate) fn from_image(image: &'static [u8]) -> Result<RuleSet, postcard::Error> {
        lazy::read_image(image)
    }

    /// The rules, in pack order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The part cue sets, in id order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The number of distinct words and prefixes in the locale's atom table.
    pub fn atom_count(&self) -> usize {
        self.atoms.len()
    }

    /// Runs every rule and part cue over `text`.
    pub fn run(&self, text: &str) -> Outcome {
        self.run_excluding(text, &[])
    }

    /// Runs over `text` leaving out the byte ranges `other` as well as what
    /// the segmenter finds is not the author's (used for paragraphs in
    /// another language).
    pub fn run_excluding(&self, text: &str, other: &[std::ops::Range<usize>]) -> Outcome {
        let (excluded, analysis, words) = self.prepare(text, other);
        let mut run = Run {
            set: self,
            excluded: &excluded,
            text,
            analysis: &analysis,
            words: &words,
            class_sentences: HashMap::new(),
        };
        let anchors = run.class_matches(ANCHOR_CLASS);
        // Rules `near` the apology class read the anchors' sentences: found
        // once here rather than by matching the class a second time.
        run.note_sentences(ANCHOR_CLASS, &anchors);
        let mut parts: BTreeMap<String, Vec<Span>> = BTreeMap::new();
        for part in &self.parts {
            let mut spans = Vec::new();
            run.matcher(&part.matcher, Severity::Hint, &mut spans);
            let mut spans: Vec<Span> = spans.into_iter().map(|(s, _)| s).collect();
            spans.sort();
            spans.dedup();
            parts.insert(part.id.clone(), spans);
        }
        let mut facts = MessageFacts {
            anchors: anchors
                .iter()
                .map(|m| (analysis.span(m.start, m.end - 1), m.start))
                .collect(),
            words: analysis.words().len(),
            uncounted: BTreeMap::new(),
            missing: BTreeMap::new(),
        };
        // Sentences that show an `anchor-late` rule's uncounted parts are
        // no preamble: their words before the first anchor are set aside.
        let first_sentence = anchors
            .first()
            .map_or(usize::MAX, |m| analysis.sentence_of(m.start));
        for (index, rule) in self.rules.iter().enumerate() {
            let RuleKind::AnchorLate(_, uncounted) = &rule.kind else {
                continue;
            };
            let sentences: BTreeSet<usize> = uncounted
                .iter()
                .filter_map(|p| parts.get(p))
                .flatten()
                .filter_map(|span| analysis.sentence_at(span.start))
                .filter(|&sentence| sentence < first_sentence)
                .collect();
            let words = sentences
                .iter()
                .map(|&i| analysis.sentences()[i].words.len())
                .sum();
            facts.uncounted.insert(index, words);
        }
        // The first span of the first of `names` to show, as found (before
        // any part's `unless_rules`).
        let shown = |names: &[String]| {
            names
                .iter()
                .filter_map(|p| parts.get(p).and_then(|s| s.first()))
                .min()
                .copied()
        };
        // Phrase rules first: an `anchor-missing` rule reads their findings.
        let mut hits = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            let RuleKind::Phrase(matcher) = &rule.kind else {
                continue;
            };
            let mut spans = Vec::new();
            if shown(&rule.unless_parts).is_none() {
                run.matcher(matcher, rule.severity, &mut spans);
            }
            hits.extend(rule_hits(index, spans));
        }
        // The parts the model shows in a text no cue showed them in, asked
        // for once, by the first `anchor-missing` rule whose
        // `model_parts_when` matches (with its cue parts, what the gate
        // reads); kept with which parts had no cue, for the end.
        let mut model_view: Option<(Vec<bool>, Vec<model::ModelShow>)> = None;
        for (index, rule) in self.rules.iter().enumerate() {
            let RuleKind::AnchorMissing(matcher, gate) = &rule.kind else {
                continue;
            };
            // `unless_message` quiets the rule in the whole message, whatever
            // shows the mistake (a cue, a part, another rule's finding): a
            // weak apology that is no `apologize` cue ("ikinalulungkot namin").
            let quiet = !anchors.is_empty()
                || shown(&rule.unless_parts).is_some()
                || (!matcher.unless_message.is_empty()
                    && run.matches_anywhere(&matcher.unless_message));
            let seen = (!quiet).then(|| {
                // Every cue of the mistake is kept; the score counts the rule once.
                let mut cues = Vec::new();
                run.matcher(matcher, rule.severity, &mut cues);
                let by_model = !gate.model_when.is_empty()
                    && run.matches_anywhere(&gate.model_when)
                    && (gate.model_also.is_empty()
                        || run.matches_outside_questions(&gate.model_also));
                let model = by_model.then(|| {
                    &model_view
                        .get_or_insert_with(|| {
                            let shows = self.model_shows(&analysis, !anchors.is_empty(), &parts);
                            (uncued(&parts), shows)
                        })
                        .1
                });
                // The first span of the first of `names` to show, by cue or
                // (when the gate reads it) by the model.
                let gate_shown = |names: &[String]| {
                    let by_model = model
                        .into_iter()
                        .flatten()
                        .filter(|show| names.contains(&show.part))
                        .map(|show| show.span)
                        .min();
                    shown(names).into_iter().chain(by_model).min()
                };
                let first_of = |rules: &[usize]| {
                    hits.iter()
                        .filter(|hit| rules.contains(&hit.rule))
                        .map(|hit| hit.span)
                        .min()
                };
                MissingFacts {
                    cues,
                    when: gate_shown(&gate.when),
                    with: gate.with.is_empty() || gate_shown(&gate.with).is_some(),
                    by_rule: first_of(&gate.rules),
                    // A reply that says the mistake was not ours presumes none.
                    alone: first_of(&gate.rules_alone)
                        .filter(|_| first_of(&gate.rules_unless).is_none()),
                }
            });
            facts.missing.insert(index, seen);
        }
        let mut message: BTreeMap<usize, Vec<(Span, Severity)>> = BTreeMap::new();
        for (rule, span, severity) in self.message_hits(&facts) {
            message.entry(rule).or_default().push((span, severity));
        }
        for (index, spans) in message {
            hits.extend(rule_hits(index, spans));
        }
        hits.sort_by(|a, b| {
            (a.span.start, a.span.end, &self.rules[a.rule].id).cmp(&(
                b.span.start,
                b.span.end,
                &self.rules[b.rule].id,
            ))
        });
        // A cue in a sentence where a rule fired that says it is no such
        // part (a conditional apology is no apology) does not count.
        for part in self.parts.iter().filter(|p| !p.unless_rules.is_empty()) {
            if let Some(spans) = parts.get_mut(&part.id) {
                spans.retain(|span| {
                    let sentence = analysis.sentence_at(span.start);
                    !hits.iter().any(|hit| {
                        part.unless_rules.contains(&hit.rule)
                            && analysis.sentence_at(hit.span.start) == sentence
                    })
                });
            }
        }
        // The model's view for the gate answers here too when the parts'
        // `unless_rules` emptied no part.
        let shows = match model_view {
            Some((before, shows)) if before == uncued(&parts) => shows,
            _ => self.model_shows(&analysis, !facts.anchors.is_empty(), &parts),
        };
        let mut model_parts = BTreeMap::new();
        for show in shows {
            parts.insert(show.part.clone(), vec![show.span]);
            model_parts.insert(show.part, show.probability);
        }
        Outcome {
            hits,
            parts,
            model_parts,
            facts,
        }
    }

    /// The part model's view of `analysis`, for the parts no cue showed,
    /// in a text that is an apology (`apology`) or answers for a mistake
    /// (a cue showed a part): it completes an apology, it does not tell
    /// whether a text is one (on other prose it would see the parts nearly
    /// every apology has).
    fn model_shows(
        &self,
        analysis: &Analysis,
        apology: bool,
        parts: &BTreeMap<String, Vec<Span>>,
    ) -> Vec<model::ModelShow> {
        let answers = apology || parts.values().any(|s| !s.is_empty());
        match self.model.as_ref().filter(|_| answers) {
            Some(model) => {
                let empty = |p: &str| parts.get(p).is_none_or(Vec::is_empty);
                model.show(analysis, |i| self.word(analysis, i), empty)
            }
            None => Vec::new(),
        }
    }

    /// Gives the rules a part model (or takes it away).
    pub fn set_model(&mut self, model: Option<model::PartModel>) {
        self.model = model;
    }

    /// The distinct features the part model reads in the author's words of
    /// `text`, sorted (see [`model::features`]); `None` for a text it does
    /// not read ([`model::reads`]). What a trainer counts.
    pub fn model_features(&self, text: &str) -> Option<Vec<String>> {
        let (_, analysis, _) = self.prepare(text, &[]);
        model::reads(analysis.words().len())
            .then(|| model::features(&analysis, |i| self.word(&analysis, i)))
    }

    /// Word `i` of `analysis` as the rules match it: its normalized form,
    /// or the word that form is an alias of.
    fn word<'a>(&'a self, analysis: &'a Analysis, i: usize) -> &'a str {
        self.alias(analysis.norm(i))
    }

    /// The word a normalized `word` stands for (`[aliases]`), or itself.
    fn alias<'a>(&'a self, word: &'a str) -> &'a str {
        self.aliases.get(word).map_or(word, String::as_str)
    }

    /// The author's words of `text`, leaving out what the segmenter finds
    /// is not theirs and the ranges `other`: the excluded ranges (sorted,
    /// merged), the words and sentences, and the atoms of each word.
    fn prepare(
        &self,
        text: &str,
        other: &[std::ops::Range<usize>],
    ) -> (Vec<std::ops::Range<usize>>, Analysis, WordAtoms) {
        let mut excluded = self.segmenter.excluded(text);
        if !other.is_empty() {
            excluded.extend(other.iter().cloned());
            excluded.sort_by_key(|r| r.start);
            let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(excluded.len());
            for r in excluded {
                match merged.last_mut() {
                    Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                    _ => merged.push(r),
                }
            }
            excluded = merged;
        }
        let analysis =
            Analysis::with_abbreviations(text, &excluded, &|w| self.skip.contains(w), &|w| {
                self.abbreviations.contains(w)
            });
        let mut words = self.atoms.classify_aliased(
            (0..analysis.words().len()).map(|i| analysis.norm(i)),
            |word| self.alias(word),
        );
        self.index.mark(&mut words);
        (excluded, analysis, words)
    }

    /// The patterns and regexes of rule or part `id` that match exactly
    /// `span` of `text`: which lines of the pack made a finding or showed a
    /// part. Context (`near`, `unless`, `soften`) is not consulted: it
    /// decides whether a match counts, not which pattern made it. Only the
    /// line holding the span is read (no match crosses a line).
    pub fn origins_at(&self, text: &str, id: &str, span: Span) -> Vec<&Origin> {
        let matcher = self
            .rules
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| match &r.kind {
                RuleKind::Phrase(m) | RuleKind::AnchorMissing(m, _) => Some(m),
                _ => None,
            })
            .or_else(|| self.parts.iter().find(|p| p.id == id).map(|p| &p.matcher));
        let (Some(matcher), Some(_)) = (matcher, text.get(span.range())) else {
            return Vec::new();
        };
        let from = text[..span.start].rfind('\n').map_or(0, |n| n + 1);
        let to = text[span.end..]
            .find('\n')
            .map_or(text.len(), |n| span.end + n);
        let line = &text[from..to];
        let wanted = Span::new(span.start - from, span.end - from);
        let (excluded, analysis, words) = self.prepare(line, &[]);
        let run = Run {
            set: self,
            excluded: &excluded,
            text: line,
            analysis: &analysis,
            words: &words,
            class_sentences: HashMap::new(),
        };
        let mut out = Vec::new();
        let origins = matcher.origins.get();
        for (program, origin) in matcher.patterns.all().iter().zip(origins) {
            let mut found = false;
            run.each_match(program, None, |_, m| {
                found |= m.end > m.start && analysis.span(m.start, m.end - 1) == wanted;
            });
            if found {
                out.push(origin);
            }
        }
        let regex_origins = &origins[matcher.patterns.len()..];
        for (regex, origin) in matcher.regexes.iter().zip(regex_origins) {
            if regex
                .find_iter(line)
                .any(|m| Span::new(m.start, m.end) == wanted)
            {
                out.push(origin);
            }
        }
        out
    }

    /// Whether the rule judges a whole message (`anchor-count`,
    /// `anchor-late`, `anchor-missing`) rather than phrases.
    pub fn is_message_rule(&self, rule: usize) -> bool {
        self.rules
            .get(rule)
            .is_some_and(|r| !matches!(r.kind, RuleKind::Phrase(_)))
    }

    /// The findings of the rules that judge a whole message, from the
    /// message's facts: (rule index, span, severity).
    pub fn message_hits(&self, facts: &MessageFacts) -> Vec<(usize, Span, Severity)> {
        let mut out = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            match &rule.kind {
                RuleKind::Phrase(_) => {}
                RuleKind::AnchorCount(min) => {
                    if let Some(&(span, _)) = facts.anchors.get(min - 1) {
                        out.push((index, span, rule.severity));
                    }
                }
                RuleKind::AnchorLate(after, _) => {
                    let uncounted = facts.uncounted.get(&index).copied().unwrap_or(0);
                    if let Some(&(span, word)) = facts.anchors.first()
                        && word.saturating_sub(uncounted) >= *after
                    {
                        out.push((index, span, rule.severity));
                    }
                }
                RuleKind::AnchorMissing(..) => {
                    let Some(Some(seen)) = facts.missing.get(&index) else {
                        continue;
                    };
                    if !facts.anchors.is_empty() {
                        continue;
                    }
                    out.extend(
                        without_overlaps(seen.cues.clone())
                            .into_iter()
                            .map(|(span, severity)| (index, span, severity)),
                    );
                    // Without a cue, a part that admits the mistake
                    // (naming it, owning it) shows it too: its first span;
                    // failing that, a rule's finding that presumes a
                    // mistake (a circumstance blamed): its span; both with
                    // a part that answers for it. A finding that presumes
                    // one by itself (a vendor blamed) needs no such part.
                    if !seen.cues.is_empty() {
                        continue;
                    }
                    let first = seen.when.or(seen.by_rule).filter(|_| seen.with);
                    if let Some(first) = first.or(seen.alone) {
                        out.push((index, first, rule.severity));
                    }
                }
            }
        }
        out
    }
}

struct Run<'a> {
    set: &'a RuleSet,
    excluded: &'a [std::ops::Range<usize>],
    text: &'a str,
    analysis: &'a Analysis,
    words: &'a WordAtoms,
    class_sentences: HashMap<String, Vec<bool>>,
}

impl Run<'_> {
    fn class_matches(&self, class: &str) -> Vec<WordMatch> {
        let mut out = Vec::new();
        if let Some(program) = self.set.classes.get(class)
            && program.may_match(self.words)
        {
            self.each_match(program, None, |_, m| out.push(m));
        }
        out
    }

    /// Calls `found` with each non-overlapping match of `program` (and its
    /// sentence), never crossing a sentence, in sentences allowed by `near`.
    fn each_match(
        &self,
        program: &Program,
        near: Option<&[bool]>,
        mut found: impl FnMut(usize, WordMatch),
    ) {
        let sentences = self.analysis.sentences();
        let sentence_of = |word: usize| self.analysis.sentence_of(word);
        // One pass over the text; with `near`, only the sentences next to an
        // anchor (usually a handful) may hold a match.
        let allowed = |sentence: usize| near_allows(near, sentence);
        program.for_each_match(
            self.words,
            0..self.words.len(),
            |start| {
                let sentence = sentence_of(start);
                allowed(sentence).then(|| sentences[sentence].words.clone())
            },
            |start, m| found(sentence_of(start), m),
        );
    }

    /// The words of the clause (or run of clauses) of sentence `words` that
    /// `span` lies in: bounded by the clause marks between two words
    /// (`,` `;` `:` `(` `)` and dashes) before and after it.
    fn clause_of(&self, words: std::ops::Range<usize>, span: Span) -> std::ops::Range<usize> {
        let all = self.analysis.words();
        let breaks_after = |i: usize| {
            let (Some(word), Some(next)) = (all.get(i), all.get(i + 1)) else {
                return true;
            };
            self.text
                .get(word.span.end..next.span.start)
                .is_some_and(|gap| {
                    gap.contains([',', ';', ':', '(', ')', '–', '—']) || gap.contains(" - ")
                })
        };
        let first = (words.start..words.end)
            .find(|&i| all[i].span.end > span.start)
            .unwrap_or(words.start);
        let last = (first..words.end)
            .take_while(|&i| all[i].span.start < span.end)
            .last()
            .unwrap_or(first);
        let start = (words.start..first)
            .rev()
            .find(|&i| breaks_after(i))
            .map_or(words.start, |i| i + 1);
        let end = (last..words.end)
            .find(|&i| breaks_after(i))
            .map_or(words.end, |i| i + 1);
        start..end
    }

    /// Whether sentence `index` is a question: a `?` follows its last word
    /// before the next sentence starts.
    fn asks(&self, index: usize) -> bool {
        let words = self.analysis.words();
        let Some(last) = self.analysis.sentences()[index].words.end.checked_sub(1) else {
            return false;
        };
        self.text
            .get(words[last].span.end..self.sentence_end(index))
            .is_some_and(|tail| tail.contains(['?', '？']))
    }

    /// Where sentence `index` ends: at the next one's first word, so the
    /// punctuation and emoji after its last word belong to it.
    fn sentence_end(&self, index: usize) -> usize {
        match self.analysis.sentences().get(index + 1) {
            Some(next) => self.analysis.words()[next.words.start].span.start,
            None => self.text.len(),
        }
    }

    /// Whether one of `programs` matches anywhere in the text (one pass
    /// over it, each match inside a sentence of its own).
    fn matches_anywhere(&self, programs: &Programs) -> bool {
        self.matches_in(programs, |_| true)
    }

    /// Whether one of `programs` matches in a sentence that does not ask a
    /// question: "Made a mistake in a passenger name?" or "Parcel arrived
    /// damaged?" says nothing went wrong.
    fn matches_outside_questions(&self, programs: &Programs) -> bool {
        self.matches_in(programs, |sentence| !self.asks(sentence))
    }

    /// Whether one of `programs` matches in a sentence that `keep` accepts.
    fn matches_in(&self, programs: &Programs, keep: impl Fn(usize) -> bool) -> bool {
        self.words.live(programs).any(|p| {
            let mut matched = false;
            self.each_match(p, None, |sentence, _| matched |= keep(sentence));
            matched
        })
    }

    /// Which sentences hold a phrase of `class`.
    fn sentences_with(&mut self, class: &str) -> &[bool] {
        if !self.class_sentences.contains_key(class) {
            let matches = self.class_matches(class);
            self.note_sentences(class, &matches);
        }
        &self.class_sentences[class]
    }

    /// Records the sentences of `matches`, all the matches of `class`.
    fn note_sentences(&mut self, class: &str, matches: &[WordMatch]) {
        let mut flags = vec![false; self.analysis.sentences().len()];
        for m in matches {
            flags[self.analysis.sentence_of(m.start)] = true;
        }
        self.class_sentences.insert(class.to_owned(), flags);
    }

    fn matcher(&mut self, matcher: &Matcher, severity: Severity, out: &mut Vec<(Span, Severity)>) {
        // Each program's prefilter runs once.
        let live: Vec<&Program> = self.words.live(&matcher.patterns).collect();
        if live.is_empty() && matcher.regexes.is_empty() {
            return;
        }
        let near: Option<Vec<bool>> = matcher.near.as_deref().map(|class| {
            let flags = self.sentences_with(class).to_vec();
            match matcher.near_scope {
                NearScope::Adjacent => flags,
                NearScope::Message => vec![flags.contains(&true); flags.len()],
            }
        });
        let near = near.as_deref();
        // Sentence → spans found in it.
        let mut found: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
        for program in live {
            self.each_match(program, near, |sentence, m| {
                if m.end > m.start {
                    found
                        .entry(sentence)
                        .or_default()
                        .push(self.analysis.span(m.start, m.end - 1));
                }
            });
        }
        for regex in &matcher.regexes {
            for m in regex.find_iter(self.text) {
                if m.is_empty()
                    || self
                        .excluded
                        .iter()
                        .any(|r| r.start < m.end && m.start < r.end)
                {
                    continue;
                }
                let Some(sentence) = self.analysis.sentence_at(m.start) else {
                    continue;
                };
                if m.end <= self.sentence_end(sentence) && near_allows(near, sentence) {
                    found
                        .entry(sentence)
                        .or_default()
                        .push(Span::new(m.start, m.end));
                }
            }
        }
        let sentences = self.analysis.sentences();
        let matches_in = |programs: &Programs, sentence: usize| {
            let words = sentences[sentence].words.clone();
            self.words
                .live(programs)
                .any(|p| p.is_match(self.words, words.clone()))
        };
        let anywhere = |programs: &Programs| self.matches_anywhere(programs);
        let mut unless_anywhere: Option<bool> = None;
        let owned_anywhere = !found.is_empty()
            && !matcher.unless_message.is_empty()
            && anywhere(&matcher.unless_message);
        for (sentence, spans) in found {
            let cancelled = match matcher.unless_scope {
                UnlessScope::Sentence => matches_in(&matcher.unless, sentence),
                UnlessScope::NextSentence => {
                    matches_in(&matcher.unless, sentence)
                        || (sentence + 1 < sentences.len()
                            && matches_in(&matcher.unless, sentence + 1))
                }
                UnlessScope::Message => {
                    *unless_anywhere.get_or_insert_with(|| anywhere(&matcher.unless))
                }
            };
            if cancelled || owned_anywhere || (matcher.unless_question && self.asks(sentence)) {
                continue;
            }
            let severity = if matches_in(&matcher.soften, sentence) {
                Severity::Hint
            } else {
                severity
            };
            let words = sentences[sentence].words.clone();
            let in_clause = |span: &Span| {
                let clause = self.clause_of(words.clone(), *span);
                self.words
                    .live(&matcher.unless_clause)
                    .any(|p| p.is_match(self.words, clause.clone()))
            };
            out.extend(
                spans
                    .into_iter()
                    .filter(|s| matcher.unless_clause.is_empty() || !in_clause(s))
                    .map(|s| (s, severity)),
            );
        }
    }
}

/// The hits of rule `rule` (by index): its spans, kept as
/// [`without_overlaps`] keeps them.
fn rule_hits(rule: usize, spans: Vec<(Span, Severity)>) -> impl Iterator<Item = Hit> {
    without_overlaps(spans)
        .into_iter()
        .map(move |(span, severity)| Hit {
            rule,
            severity,
            span,
        })
}

/// One rule's spans in order, of those starting together the shortest (spans
/// mark the least that shows the problem), and none overlapping one kept
/// before it.
fn without_overlaps(mut spans: Vec<(Span, Severity)>) -> Vec<(Span, Severity)> {
    spans.sort_by_key(|(s, _)| (s.start, s.end));
    let mut last_end = 0;
    spans.retain(|(span, _)| {
        let keep = span.start >= last_end;
        if keep {
            last_end = span.end;
        }
        keep
    });
    spans
}

/// Whether `near` (which sentences hold the rule's `near` class; `None`
/// when it has none) lets a finding stand in `sentence`: the class is in
/// it or in the sentence before.
fn near_allows(near: Option<&[bool]>, sentence: usize) -> bool {
    near.is_none_or(|flags| flags[sentence] || (sentence > 0 && flags[sentence - 1]))
}

/// Which parts (in id order) no cue showed: all that
/// [`RuleSet::model_shows`] reads of them.
fn uncued(parts: &BTreeMap<String, Vec<Span>>) -> Vec<bool> {
    parts.values().map(Vec::is_empty).collect()
}

/// Compiles one pattern of the pack, an error in it reported at its place.
fn compile_pattern(
    compiler: &mut Compiler<'_>,
    cx: &mut Context<'_>,
    pattern: &Spanned<String>,
) -> Option<Program> {
    match compiler.compile(pattern.get_ref()) {
        Ok(program) => Some(program),
        Err(e) => {
            cx.error_at(
                "pattern",
                pattern.span().start + 1 + e.offset,
                format!("pattern `{}`: {}", pattern.get_ref(), e.message),
            );
            None
        }
    }
}

/// The patterns that cancel a matcher's matches, by where they look.
struct Unless<'a> {
    /// In the match's sentence (or `scope`).
    sentence: &'a [Spanned<String>],
    scope: UnlessScope,
    /// Anywhere in the text.
    message: &'a [Spanned<String>],
    /// In the match's clause.
    clause: &'a [Spanned<String>],
    /// Whether a question cancels.
    question: bool,
}

impl<'a> Unless<'a> {
    /// A rule's cancelling patterns, by where they look.
    fn of_rule(raw: &'a crate::pack::raw::RawRule) -> Self {
        Unless {
            sentence: &raw.unless,
            scope: raw.unless_scope,
            message: &raw.unless_message,
            clause: &raw.unless_clause,
            question: raw.unless_question,
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn compile_matcher(
    compiler: &mut Compiler<'_>,
    cx: &mut Context<'_>,
    patterns: &[Spanned<String>],
    regexes: &[Spanned<String>],
    (near, near_scope): (Option<&Spanned<String>>, NearScope),
    unless: Unless<'_>,
    soften: &[Spanned<String>],
    classes: &BTreeMap<String, Program>,
) -> Matcher {
    let mut compile = |p: &Spanned<String>, cx: &mut Context<'_>| compile_pattern(compiler, cx, p);
    let mut origins = Vec::with_capacity(patterns.len() + regexes.len());
    let mut origin = |p: &Spanned<String>, cx: &Context<'_>| {
        // The pattern's first character, inside its quotes.
        let at = cx.lines.position(p.span().start + 1);
        origins.push(Origin {
            file: cx.file.to_owned(),
            line: at.line,
            column: at.column,
            pattern: p.get_ref().clone(),
        });
    };
    let mut patterns_c = Vec::with_capacity(patterns.len());
    for pattern in patterns {
        if let Some(program) = compile(pattern, cx) {
            origin(pattern, cx);
            patterns_c.push(program);
        }
    }
    let mut compile_all = |list: &[Spanned<String>], cx: &mut Context<'_>| -> Vec<Program> {
        list.iter().filter_map(|p| compile(p, cx)).collect()
    };
    let unless_c = compile_all(unless.sentence, cx);
    let unless_message_c = compile_all(unless.message, cx);
    let unless_clause_c = compile_all(unless.clause, cx);
    let soften_c = compile_all(soften, cx);
    let regexes_c = regexes
        .iter()
        .filter_map(
            |r| match GatedRegex::new(&[&format!("(?i){}", r.get_ref())]) {
                Ok(regex) => {
                    origin(r, cx);
                    Some(regex)
                }
                Err(e) => {
                    cx.error("regex", r, format!("invalid regular expression: {e}"));
                    None
                }
            },
        )
        .collect();
    if let Some(class) = near
        && !classes.contains_key(class.get_ref())
    {
        cx.error(
            "unknown-class",
            class,
            format!("`near` names the unknown word class `{}`", class.get_ref()),
        );
    }
    Matcher {
        patterns: Programs::new(patterns_c),
        regexes: regexes_c,
        origins: Lazy::new(origins),
        near: near.map(|c| c.get_ref().clone()),
        near_scope,
        unless: Programs::new(unless_c),
        unless_scope: unless.scope,
        unless_message: Programs::new(unless_message_c),
        unless_clause: Programs::new(unless_clause_c),
        unless_question: unless.question,
        soften: Programs::new(soften_c),
    }
}

/// The indices of the phrase rules `names` (the list under `key`), each
/// name that is not one reported.
fn phrase_rules(
    rules: &[Rule],
    key: &str,
    names: &[Spanned<String>],
    cx: &mut Context<'_>,
) -> Vec<usize> {
    let mut found_rules = Vec::new();
    for name in names {
        match rules.iter().position(|r| &r.id == name.get_ref()) {
            Some(i) if matches!(rules[i].kind, RuleKind::Phrase(_)) => found_rules.push(i),
            found => {
                let phrase: Vec<&str> = rules
                    .iter()
                    .filter(|r| matches!(r.kind, RuleKind::Phrase(_)))
                    .map(|r| r.id.as_str())
                    .collect();
                cx.error(
                    "when-rules",
                    name,
                    format!(
                        "`{key}` names `{}`, which is {} (phrase rules: {})",
                        name.get_ref(),
                        if found.is_some() {
                            "not a phrase rule"
                        } else {
                            "not a rule of this pack"
                        },
                        phrase.join(", ")
                    ),
                );
            }
        }
    }
    found_rules
}

/// `[aliases]`: each side one word, in matching form; an alias never
/// stands for another alias.
fn compile_aliases(
    raw: &BTreeMap<String, Spanned<String>>,
    cx: &mut Context<'_>,
) -> FxHashMap<String, String> {
    let one_word = |text: &str| match crate::text::normalized_words(text).as_slice() {
        [word] => Some(word.clone()),
        _ => None,
    };
    let mut aliases = FxHashMap::default();
    for (alias, word) in raw {
        match (one_word(alias), one_word(word.get_ref())) {
            (Some(from), Some(to)) if from != to => {
                aliases.insert(from, to);
            }
            (Some(_), Some(_)) => {
                cx.error("aliases", word, format!("`{alias}` is an alias of itself"))
            }
            _ => cx.error(
                "aliases",
                word,
                format!(
                    "`{alias} = \"{}\"`: an alias and the word it stands for are one word each",
                    word.get_ref()
                ),
            ),
        }
    }
    for (alias, word) in raw {
        if one_word(word.get_ref()).is_some_and(|to| aliases.contains_key(&to)) {
            cx.error(
                "aliases",
                word,
                format!(
                    "`{alias}` stands for `{}`, itself an alias: name the full word",
                    word.get_ref()
                ),
            );
        }
    }
    aliases
}

fn compile_segments(raw: &RawSegments, cx: &mut Context<'_>) -> Segmenter {
    // Each expression is checked alone (for an error that points at it),
    // then all are compiled as one.
    let mut parts = Vec::new();
    for r in raw.reply_headers.iter().chain(&raw.signature_markers) {
        let pattern = format!("(?i){}", r.get_ref());
        match regex_syntax::Parser::new().parse(&pattern) {
            Ok(_) => parts.push(format!("(?:{pattern})")),
            Err(e) => cx.error("regex", r, format!("invalid regular expression: {e}")),
        }
    }
    let cut_line = if parts.is_empty() {
        None
    } else {
        let alternatives: Vec<&str> = parts.iter().map(String::as_str).collect();
        match GatedRegex::new(&alternatives) {
            Ok(regex) => Some(regex),
            Err(e) => {
                if let Some(first) = raw
                    .reply_headers
                    .iter()
                    .chain(&raw.signature_markers)
                    .next()
                {
                    cx.error("regex", first, format!("the reply-header and signature expressions do not compile together: {e}"));
                }
                None
            }
        }
    };
    // The reply headers and the signature markers also apart, each with
    // its own gate (when every expression was valid, `parts` holds the
    // headers', then the markers'; they compiled together above).
    let headers = raw.reply_headers.len();
    let all_valid = parts.len() == headers + raw.signature_markers.len();
    let groups =
        if cut_line.is_some() && all_valid && headers > 0 && !raw.signature_markers.is_empty() {
            let (reply, signature) = parts.split_at(headers);
            [reply, signature]
                .map(|group| {
                    let alternatives: Vec<&str> = group.iter().map(String::as_str).collect();
                    GatedRegex::uncompiled(&alternatives)
                })
                .into()
        } else {
            Vec::new()
        };
    Segmenter::new(
        raw.quote_pairs.clone(),
        raw.quote_line_prefixes.clone(),
        cut_line,
    )
    .with_groups(groups)
}

/// Parses examples, where `[[` and `]]` mark the expected span.
fn parse_examples(list: &[Spanned<String>], marked: bool, cx: &mut Context<'_>) -> Vec<Example> {
    let mut out = Vec::new();
    for item in list {
        let raw = item.get_ref();
        let pos = cx.lines.position(item.span().start);
        let place = (cx.file.to_owned(), pos.line, pos.column);
        let (open, first_open) = doubled(raw, b'[');
        let (close, first_close) = doubled(raw, b']');
        let span = match (open, close) {
            (0, 0) => None,
            (1, 1) => {
                let start = first_open.unwrap_or(0);
                let end = first_close.unwrap_or(0);
                if end < start {
                    cx.error("example", item, "`]]` comes before `[[`");
                    continue;
                }
                Some(Span::new(start, end - 2))
            }
            _ => {
                cx.error("example", item, "an example may mark one span, as `[[…]]`");
                continue;
            }
        };
        if span.is_some() && !marked {
            cx.error(
                "example",
                item,
                "a `clean` or `absent` example must not mark a span",
            );
            continue;
        }
        if span.is_none() && marked {
            cx.error(
                "example",
                item,
                "mark the expected span of this example as `[[…]]`",
            );
            continue;
        }
        // Unmarked examples (half of them) are taken as written.
        let text = if span.is_some() {
            raw.replacen("[[", "", 1).replacen("]]", "", 1)
        } else {
            raw.clone()
        };
        out.push(Example { text, span, place });
    }
    out
}

/// How many times `byte` occurs doubled in `text` (non-overlapping, as
/// `str::matches` counts them), and where the first pair starts.
fn doubled(text: &str, byte: u8) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let (mut count, mut first, mut i) = (0, None, 0);
    while i + 1 < bytes.len() {
        if bytes[i] == byte && bytes[i + 1] == byte {
            count += 1;
            first.get_or_insert(i);
            i += 2;
        } else {
            i += 1;
        }
    }
    (count, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_set_holds_exactly_its_members() {
        let long = "a".repeat(70);
        let members = ["po", "ho", "pong", "ѝ", "", long.as_str()];
        let set: QuickSet = members.iter().map(|w| w.to_string()).collect();
        for word in members {
            assert!(set.contains(word), "{word:?}");
        }
        let other_long = "b".repeat(70);
        for word in [
            "pa",
            "we",
            "poh",
            "p",
            "pongs",
            "и",
            "oh",
            "PO",
            &other_long,
            &"a".repeat(64),
        ] {
            assert!(!set.contains(word), "{word:?}");
        }
        let empty = QuickSet::default();
        assert!(!empty.contains("po") && !empty.contains(""));
    }

    #[test]
    fn every_embedded_regex_finds_the_same_in_its_light_and_full_forms() {
        let engine = crate::Engine::new().expect("the embedded packs load");
        let mut compared = 0;
        for locale in engine.locales() {
            let set = engine
                .pack(&locale)
                .and_then(|p| p.rules().ok())
                .expect("embedded rules");
            let examples: Vec<&str> = set
                .rules
                .iter()
                .map(Rule::examples)
                .chain(set.parts.iter().map(Part::examples))
                .flat_map(|e| e.positive.iter().chain(&e.negative))
                .map(|e| e.text.as_str())
                .collect();
            let matchers = set
                .rules
                .iter()
                .filter_map(|rule| match &rule.kind {
                    RuleKind::Phrase(m) | RuleKind::AnchorMissing(m, _) => Some(m),
                    _ => None,
                })
                .chain(set.parts.iter().map(|part| &part.matcher));
            for regex in matchers.flat_map(|m| &m.regexes) {
                if let Some((text, light, full)) = regex.forms_disagree(&examples) {
                    panic!("{locale}: {regex:?} on {text:?}: light {light:?}, full {full:?}");
                }
                compared += examples.len();
            }
        }
        assert!(compared > 10_000, "only {compared} comparisons");
    }
}
