//! Regular expressions compiled only for a text they may match.
//!
//! A pack's regular expressions (a rule's or part's `regex`, the segmenter's
//! reply headers and signature markers) cost far more to compile than to run
//! on a short reply: the English ones took about 12 M instructions, a third
//! of a one-sentence lint from a cold start. When a pack is compiled, each
//! expression gets a gate: a set of literals (found by `regex_syntax`'s
//! literal extractor) one of which every match starts or ends with. The
//! expression is compiled the first time a text contains one of them, and a
//! text that contains none is not searched at all. Literals are found with
//! case folded away (`(?i)куриер` is one literal, `куриер`, not its 64 case
//! variants) and compared with the text in lowercase, so a gate of Cyrillic
//! or accented words holds whole stems, not their first few letters. An
//! expression with no such set (one that may start and end with
//! anything) is compiled on first use and runs on every text. On a long
//! input the gate retires once its scans have cost about a compilation
//! ([`GATE_BUDGET_BYTES`]).
//!
//! A text that passes the gate is first searched by a light compilation
//! (a Thompson NFA run by the bounded backtracker or the PikeVM: half the
//! cost of regex's full set of engines, which adds a reverse NFA and a lazy
//! DFA); once the light form has searched [`LIGHT_BUDGET_BYTES`], the full
//! one takes over. Both find the same matches.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use regex_automata::meta;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};
use serde::{Deserialize, Serialize};

/// A gate of more literals than this is not worth its scan: the expression
/// runs ungated.
pub const MAX_GATE_LITERALS: usize = 2000;

/// How many literals the extractor may list before it shortens them or
/// gives up. Case variants would multiply (`(?i)regards` alone is 128 of
/// them), but a letter whose variants all lowercase to it is one literal
/// letter by then ([`fold_cases`]); what still multiplies is a letter such
/// as `s`, whose variants include the long `ſ`. Only a pack's compilation
/// extracts; the literals are then cut to [`GATE_LITERAL_CHARS`] and put in
/// [`lowercase`].
const EXTRACT_LIMIT: usize = 50_000;

/// Literals are cut to this many characters (a prefix keeps its start, a
/// suffix its end): a few letters already make a text that holds none of
/// them rare, and short literals make a small searcher.
const GATE_LITERAL_CHARS: usize = 6;

/// The bytes the extractor may give a literal before it is cut to
/// [`GATE_LITERAL_CHARS`]: room for six characters of up to four bytes.
const GATE_LITERAL_BYTES: usize = 4 * GATE_LITERAL_CHARS;

/// Once the gate would have scanned more than this many bytes of texts,
/// the expression is compiled instead and the gate retired: a gate's scan
/// costs some ten to fifteen instructions a byte (more with a text to put
/// in lowercase), so this is about the cost of one compilation (one to
/// eight million instructions), and a long input pays at most twice the
/// cheaper of the two. A reply or a batch of short ones stays well under
/// it; a text longer than this (a chunk of a long input) is not scanned.
pub const GATE_BUDGET_BYTES: usize = 64 * 1024;

/// Until the gate has scanned this many bytes times its number of
/// literals, texts are searched for each literal in turn (`memmem`, a
/// fraction of an instruction a byte) rather than with an automaton (whose
/// construction costs a few hundred thousand instructions).
const NAIVE_GATE_WORK: usize = 1 << 20;

/// Once the light compilation of an expression has searched this many
/// bytes, or a text is longer, the full one is built. A reply or two is
/// searched by the light form alone; a batch of drafts (whose self-lint
/// searched 16 KiB lightly for 7% more instructions a draft over two
/// hundred) or a long input soon gets the full one, whose lazy DFA costs
/// a few instructions a byte where the PikeVM and the backtracker cost up
/// to a hundred.
pub const LIGHT_BUDGET_BYTES: usize = 4 * 1024;

/// A regular expression with its gate, compiled on first need. A rule
/// image holds its source and gate, nothing compiled.
#[derive(Debug, Serialize, Deserialize)]
pub struct GatedRegex {
    source: String,
    /// Sets of literals in [`lowercase`]: every match contains one literal
    /// of each set, so a text must hold one of each (in lowercase). Empty:
    /// no gate.
    gates: Vec<Vec<Vec<u8>>>,
    /// Each set's searcher, built on first use (`None` where one cannot be).
    #[serde(skip)]
    searchers: OnceLock<Vec<Option<AhoCorasick>>>,
    /// The expression, compiled with all of regex's engines on first use
    /// past the light form's budget (`None` if it does not compile, which a
    /// pack's compilation has already ruled out).
    #[serde(skip)]
    regex: OnceLock<Option<Regex>>,
    /// The light compilation, for the first texts that pass the gate.
    #[serde(skip)]
    light: OnceLock<Option<meta::Regex>>,
    /// Bytes the gate has scanned so far.
    #[serde(skip)]
    scanned: AtomicUsize,
    /// Bytes the light form has searched so far.
    #[serde(skip)]
    searched: AtomicUsize,
}

impl Clone for GatedRegex {
    fn clone(&self) -> Self {
        GatedRegex {
            source: self.source.clone(),
            gates: self.gates.clone(),
            searchers: self.searchers.clone(),
            regex: self.regex.clone(),
            light: self.light.clone(),
            scanned: AtomicUsize::new(self.scanned.load(Ordering::Relaxed)),
            searched: AtomicUsize::new(self.searched.load(Ordering::Relaxed)),
        }
    }
}

impl GatedRegex {
    /// Compiles the alternation of `alternatives` (each a complete
    /// expression, wrapped in a group if it holds a top-level `|`) and finds
    /// its gates. A single expression gets its best literal set and, when
    /// there is one, the best set found from its other end (a match of
    /// `sorry[^.]*:\)` holds `sorry` and `:)`); several get the union of
    /// each one's best set, or no gate if one has none.
    pub fn new(alternatives: &[&str]) -> Result<Self, regex::Error> {
        let gated = GatedRegex::uncompiled(alternatives);
        let regex = Regex::new(&gated.source)?;
        let _ = gated.regex.set(Some(regex));
        Ok(gated)
    }

    /// [`GatedRegex::new`] for alternatives already known to compile
    /// together (each group of an alternation compiled whole): nothing is
    /// compiled until a text passes the gate.
    pub fn uncompiled(alternatives: &[&str]) -> Self {
        let source = alternatives.join("|");
        let sets: Vec<Vec<LiteralSet>> = alternatives
            .iter()
            .map(|alternative| {
                regex_syntax::Parser::new()
                    .parse(alternative)
                    .map_or_else(|_| Vec::new(), |hir| literal_sets(&hir))
            })
            .collect();
        let gates = match sets.as_slice() {
            [one] => {
                let best = best_set(one.iter());
                // The best set found in another part of the match (not the
                // same literals seen from another end: `sorry`, `orry`).
                let other = best.and_then(|best| {
                    best_set(
                        one.iter()
                            .filter(|set| set.item != best.item && !set.overlaps(best)),
                    )
                });
                best.into_iter()
                    .chain(other)
                    .map(|set| set.literals.clone())
                    .collect()
            }
            _ => sets
                .iter()
                .map(|found| best_set(found.iter()).map(|set| set.literals.clone()))
                .collect::<Option<Vec<_>>>()
                .map(|each| each.concat())
                .filter(|union| union.len() <= MAX_GATE_LITERALS)
                .into_iter()
                .collect(),
        };
        GatedRegex {
            source,
            gates,
            searchers: OnceLock::new(),
            regex: OnceLock::new(),
            light: OnceLock::new(),
            scanned: AtomicUsize::new(0),
            searched: AtomicUsize::new(0),
        }
    }

    /// Whether either form of the expression has been compiled.
    #[cfg(test)]
    pub(crate) fn is_compiled(&self) -> bool {
        self.regex.get().is_some() || self.light.get().is_some()
    }

    /// The expression as written (with the flags compilation added).
    #[cfg(test)]
    fn as_str(&self) -> &str {
        &self.source
    }

    /// The first of `texts` where the light and the full compilation find
    /// different matches (gate aside), with both lists of matches.
    #[cfg(test)]
    #[allow(clippy::type_complexity)]
    pub(crate) fn forms_disagree<'t>(
        &self,
        texts: &[&'t str],
    ) -> Option<(&'t str, Vec<Range<usize>>, Vec<Range<usize>>)> {
        let light = light(&self.source).expect("compiles");
        let full = Regex::new(&self.source).expect("compiles");
        texts.iter().find_map(|&text| {
            let a: Vec<_> = light.find_iter(text).map(|m| m.range()).collect();
            let b: Vec<_> = full.find_iter(text).map(|m| m.range()).collect();
            (a != b).then_some((text, a, b))
        })
    }

    /// Whether `text` contains a literal of each of the gates' sets
    /// (always, without a gate): if not, the expression cannot match it.
    #[cfg(test)]
    fn may_match(&self, text: &str) -> bool {
        self.passes(text, self.scanned.load(Ordering::Relaxed))
    }

    /// [`GatedRegex::may_match`], the gate having scanned `spent` bytes
    /// before this text.
    fn passes(&self, text: &str, spent: usize) -> bool {
        if self.gates.is_empty() {
            return true;
        }
        // The literals are in lowercase: so must the text be.
        with_lowercase(text, |text| self.lowercase_passes(text, spent))
    }

    /// [`GatedRegex::passes`] for a text in [`lowercase`].
    fn lowercase_passes(&self, text: &[u8], spent: usize) -> bool {
        // While the texts are short, each is searched literal by literal:
        // building the automata would cost more than the searches.
        let work = spent.saturating_add(text.len());
        let literals: usize = self.gates.iter().map(Vec::len).sum();
        if work.saturating_mul(literals) <= NAIVE_GATE_WORK {
            return self.gates.iter().all(|set| {
                set.iter()
                    .any(|literal| memchr::memmem::find(text, literal).is_some())
            });
        }
        let searchers = self.searchers.get_or_init(|| {
            self.gates
                .iter()
                .map(|set| {
                    // An NFA: a gate is built for a text or two, and a DFA's
                    // construction would cost more than its scans save.
                    AhoCorasick::builder()
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .build(set)
                        .ok()
                })
                .collect()
        });
        searchers
            .iter()
            .all(|searcher| searcher.as_ref().is_none_or(|s| s.is_match(text)))
    }

    /// The full compilation.
    fn full(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
    }

    /// The compiled expression for `text` (and its parts), gate or not:
    /// the light form until it has searched [`LIGHT_BUDGET_BYTES`], then
    /// the full one.
    pub fn compiled(&self, text: &str) -> Option<Compiled<'_>> {
        if let Some(full) = self.regex.get() {
            return full.as_ref().map(Compiled::Full);
        }
        let searched = self.searched.fetch_add(text.len(), Ordering::Relaxed);
        if searched.saturating_add(text.len()) > LIGHT_BUDGET_BYTES {
            return self.full().map(Compiled::Full);
        }
        self.light
            .get_or_init(|| light(&self.source).ok())
            .as_ref()
            .map(Compiled::Light)
    }

    /// The compiled expression, if `text` passes the gate, to search `text`
    /// or parts of it. Once compiled in full, the expression's own literal
    /// search is as quick as the gate's, so the gate is no longer asked.
    pub fn for_text(&self, text: &str) -> Option<Compiled<'_>> {
        if self.gate_passes(text) {
            self.compiled(text)
        } else {
            None
        }
    }

    /// Whether `text` passes the gate: it may hold a match. (True once the
    /// expression is compiled in full, or the gate retired.)
    pub fn gate_passes(&self, text: &str) -> bool {
        if self.regex.get().is_some() {
            return true;
        }
        let spent = self.scanned.fetch_add(text.len(), Ordering::Relaxed);
        spent.saturating_add(text.len()) > GATE_BUDGET_BYTES || self.passes(text, spent)
    }

    /// The byte ranges of the matches in `text`, leftmost first, as
    /// [`Regex::find_iter`].
    pub fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = Range<usize>> + use<'_, 't> {
        self.for_text(text)
            .into_iter()
            .flat_map(move |regex| regex.find_iter(text))
    }

    /// Whether the expression matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text)
            .is_some_and(|regex| regex.is_match(text))
    }
}

/// The light compilation of `source`: a Thompson NFA for the bounded
/// backtracker and the PikeVM, without the reverse NFA and lazy DFA the
/// full one adds, nor a prefilter: finding the expression's literals for
/// one cost more than the few kilobytes the light form searches (the
/// gate has already found one of them in the text).
fn light(source: &str) -> Result<meta::Regex, Box<meta::BuildError>> {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .hybrid(false)
                .dfa(false)
                .onepass(false)
                .auto_prefilter(false),
        )
        .build(source)
        .map_err(Box::new)
}

/// A compiled [`GatedRegex`]: its light or its full form, which find the
/// same matches.
#[derive(Debug, Clone, Copy)]
pub enum Compiled<'r> {
    /// A Thompson NFA, run by the bounded backtracker or the PikeVM.
    Light(&'r meta::Regex),
    /// regex's own choice of engines.
    Full(&'r Regex),
}

impl<'r> Compiled<'r> {
    /// Whether the expression matches somewhere in `text`.
    pub fn is_match(self, text: &str) -> bool {
        match self {
            Compiled::Light(regex) => regex.is_match(text),
            Compiled::Full(regex) => regex.is_match(text),
        }
    }

    /// The byte ranges of the matches in `text`, leftmost first.
    pub fn find_iter<'t>(self, text: &'t str) -> Matches<'r, 't> {
        match self {
            Compiled::Light(regex) => Matches::Light(regex.find_iter(text)),
            Compiled::Full(regex) => Matches::Full(regex.find_iter(text)),
        }
    }
}

/// The matches of a [`Compiled`] expression, as byte ranges.
#[derive(Debug)]
pub enum Matches<'r, 't> {
    /// From the light form.
    Light(meta::FindMatches<'r, 't>),
    /// From the full form.
    Full(regex::Matches<'r, 't>),
}

impl Iterator for Matches<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        match self {
            Matches::Light(matches) => matches.next().map(|m| m.range()),
            Matches::Full(matches) => matches.next().map(|m| m.range()),
        }
    }
}

/// Two gate sets whose literals make more pairs than this are not
/// compared for a second gate (it is skipped): a user's expression with two
/// thousand literals at each end would cost millions of comparisons.
const MAX_OVERLAP_PAIRS: usize = 40_000;

/// How many items from each end of a concatenation [`literal_sets`] tries
/// as the start of a tail or the end of a head.
const MAX_SPLITS: usize = 24;

/// A set of literals one of which every match of an expression contains.
#[derive(Debug, Clone)]
struct LiteralSet {
    /// Lowercase up to ASCII, none containing another.
    literals: Vec<Vec<u8>>,
    /// The length of the shortest: the longer, the rarer a text holding one.
    shortest: usize,
    /// The item of the concatenation (0 for an expression that is none)
    /// the literals start in (a tail's prefixes) or end in (a head's
    /// suffixes).
    item: usize,
}

impl LiteralSet {
    /// Whether a literal of one set contains a literal of the other (or
    /// the sets are too large to compare cheaply: taken as overlapping).
    fn overlaps(&self, other: &LiteralSet) -> bool {
        if self.literals.len() * other.literals.len() > MAX_OVERLAP_PAIRS {
            return true;
        }
        self.literals.iter().any(|a| {
            other
                .literals
                .iter()
                .any(|b| contains(a, b) || contains(b, a))
        })
    }
}

/// The set with the longest shortest literal (the rarest in text), the
/// first of those on a tie.
fn best_set<'s>(sets: impl Iterator<Item = &'s LiteralSet>) -> Option<&'s LiteralSet> {
    sets.min_by_key(|set| std::cmp::Reverse(set.shortest))
}

/// The sets of literals one of which every match of `hir` contains, each
/// usable as a gate: those every match starts or ends with and, when
/// `hir` is a concatenation (inside any groups), those every match of one
/// of its tails starts with or of one of its heads ends with (a match of
/// `^[\s\p{P}]*sorry\s*,` need not start or end with a literal, yet
/// contains `sorry`). A set with an empty or one-letter literal (in nearly
/// every text) or more than [`MAX_GATE_LITERALS`] is left out.
fn literal_sets(hir: &Hir) -> Vec<LiteralSet> {
    let hir = &fold_cases(hir);
    let extract = |hir: &Hir, from_end: bool, item: usize| -> Option<LiteralSet> {
        let kind = if from_end {
            ExtractKind::Suffix
        } else {
            ExtractKind::Prefix
        };
        // Literals are cut as they are made: case variants of long ones
        // would exceed the limit and have all of them shortened.
        let mut seq = Extractor::new()
            .kind(kind)
            .limit_total(EXTRACT_LIMIT)
            .limit_literal_len(GATE_LITERAL_BYTES)
            .extract(hir);
        if from_end {
            seq.keep_last_bytes(GATE_LITERAL_BYTES);
        } else {
            seq.keep_first_bytes(GATE_LITERAL_BYTES);
        }
        seq.dedup();
        if !seq.is_finite() || seq.min_literal_len()? == 0 {
            return None;
        }
        // Each literal in lowercase, cut to whole characters; a literal that
        // is no text (a byte expression's) leaves the set out.
        let mut literals: Vec<String> = seq
            .literals()?
            .iter()
            .map(|literal| gate_literal(literal.as_bytes(), from_end))
            .collect::<Option<_>>()?;
        literals.sort_unstable();
        literals.dedup();
        // (Bounded before the quadratic step below.)
        if literals.len() > MAX_GATE_LITERALS
            || literals.iter().any(|l| {
                let mut chars = l.chars();
                chars.next().is_none_or(char::is_alphanumeric) && chars.next().is_none()
            })
        {
            return None;
        }
        let mut literals: Vec<Vec<u8>> = literals.into_iter().map(String::into_bytes).collect();
        // A text holding a literal holds every literal it contains: only the
        // shortest are needed.
        literals.sort_by_key(Vec::len);
        let mut kept: Vec<Vec<u8>> = Vec::new();
        for literal in literals {
            if !kept.iter().any(|k| contains(&literal, k)) {
                kept.push(literal);
            }
        }
        // Ranked by characters, not bytes: a Cyrillic letter takes two.
        let shortest = kept
            .iter()
            .map(|l| String::from_utf8_lossy(l).chars().count())
            .min()?;
        Some(LiteralSet {
            literals: kept,
            shortest,
            item,
        })
    };
    let mut inner = hir;
    while let HirKind::Capture(group) = inner.kind() {
        inner = &group.sub;
    }
    let HirKind::Concat(items) = inner.kind() else {
        return [extract(hir, false, 0), extract(hir, true, 0)]
            .into_iter()
            .flatten()
            .collect();
    };
    let mut sets = vec![extract(hir, false, 0), extract(hir, true, items.len() - 1)];
    // Each split copies a tail and a head: a long concatenation (a long
    // literal under `(?i)` is an item a letter) is split only near its ends.
    let splits = (1..items.len()).filter(|&i| i <= MAX_SPLITS || i + MAX_SPLITS >= items.len());
    for i in splits {
        sets.push(extract(&Hir::concat(items[i..].to_vec()), false, i));
        sets.push(extract(&Hir::concat(items[..i].to_vec()), true, i - 1));
    }
    sets.into_iter().flatten().collect()
}

/// `text` with each character in lowercase (`char::to_lowercase`, one
/// character at a time: no final-sigma rule), as gates compare texts and
/// literals.
pub fn lowercase(text: &str) -> String {
    let mut out = String::new();
    lowercase_into(text, &mut out);
    out
}

/// [`lowercase`] into `out`, which is emptied first.
fn lowercase_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

thread_local! {
    /// The last text a gate read and its [`lowercase`]: a text passes the
    /// gates of many expressions, one after another.
    static LOWERCASE: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
}

/// Calls `f` with `text` in [`lowercase`], put in lowercase once for the
/// gates that read it one after another.
fn with_lowercase<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    LOWERCASE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let (last, lower) = &mut *cell;
        if last != text {
            last.clear();
            last.push_str(text);
            lowercase_into(text, lower);
        }
        f(lower.as_bytes())
    })
}

/// A literal of a gate: `bytes` as found (a prefix when not `from_end`, a
/// suffix when it is) cut to at most [`GATE_LITERAL_CHARS`] whole
/// characters at its far end, in [`lowercase`]; `None` for bytes that are
/// not text.
fn gate_literal(bytes: &[u8], from_end: bool) -> Option<String> {
    let text = if from_end {
        // A suffix cut inside a character starts with the rest of it.
        let start = bytes
            .iter()
            .position(|&b| b & 0xC0 != 0x80)
            .unwrap_or(bytes.len());
        std::str::from_utf8(&bytes[start..]).ok()?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => text,
            // A prefix cut inside a character ends with part of it.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&bytes[..e.valid_up_to()]).ok()?
            }
            Err(_) => return None,
        }
    };
    let kept = if from_end {
        (text.char_indices().rev().nth(GATE_LITERAL_CHARS - 1)).map_or(text, |(at, _)| &text[at..])
    } else {
        (text.char_indices().nth(GATE_LITERAL_CHARS)).map_or(text, |(at, _)| &text[..at])
    };
    Some(lowercase(kept))
}

/// `hir` with each class that is one letter's case variants (`(?i)к` is
/// `[Кк]`) written as that letter in lowercase, when every variant
/// lowercases to it: the extractor then finds one literal where it would
/// list every case variant (two to the power of its letters), and a text
/// in [`lowercase`] holds it wherever the expression matches. A class
/// whose variants lowercase apart (`[Ssſ]`: the long s stays) is kept, and
/// its variants listed.
fn fold_cases(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => match one_letter(class) {
            Some(lower) => Hir::literal(lower.to_string().into_bytes()),
            None => hir.clone(),
        },
        HirKind::Class(Class::Bytes(class)) => {
            let bytes: Vec<u8> = class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .collect();
            match bytes.as_slice() {
                &[a, b] if a.is_ascii_alphabetic() && a.eq_ignore_ascii_case(&b) && a != b => {
                    Hir::literal([a.to_ascii_lowercase()])
                }
                _ => hir.clone(),
            }
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(fold_cases(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(fold_cases(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(items) => Hir::concat(items.iter().map(fold_cases).collect()),
        HirKind::Alternation(items) => Hir::alternation(items.iter().map(fold_cases).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) => hir.clone(),
    }
}

/// The lowercase letter whose simple case variants `class` is exactly,
/// when each of them lowercases to it alone.
fn one_letter(class: &ClassUnicode) -> Option<char> {
    let size: u32 = class
        .ranges()
        .iter()
        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
        .sum();
    // A letter has at most four case variants.
    if !(2..=4).contains(&size) {
        return None;
    }
    let first = class.ranges()[0].start();
    let mut variants = ClassUnicode::new([ClassUnicodeRange::new(first, first)]);
    variants.try_case_fold_simple().ok()?;
    if variants != *class {
        return None;
    }
    let lower = |c: char| {
        let mut all = c.to_lowercase();
        all.next().filter(|_| all.next().is_none())
    };
    let letter = lower(first)?;
    class
        .ranges()
        .iter()
        .flat_map(|r| r.start()..=r.end())
        .all(|c| lower(c) == Some(letter))
        .then_some(letter)
}

/// Whether `needle` occurs in `haystack` (an empty needle always does).
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated(source: &str) -> GatedRegex {
        GatedRegex::new(&[source]).unwrap()
    }

    #[test]
    fn a_gate_is_found_and_skips_texts_without_its_literals() {
        let regex = gated(r"(?i)(?-u:\b)sorry(?:\s*,\s*\p{L}+)?\s*[!.\u2026]");
        assert!(!regex.gates.is_empty());
        assert!(!regex.may_match("We apologise for the delay."));
        // `sorry` and a closing mark, not `sorry` and `orry`.
        assert_eq!(gated(r"(?i)sorry\s*!").gates.len(), 2);
        assert!(!gated(r"(?i)sorry\s*!").may_match("Sorry for the delay."));
        assert_eq!(regex.find_iter("We apologise.").count(), 0);
        // Case variants are in the gate.
        assert!(regex.may_match("SoRRy!"));
        assert_eq!(
            found(&regex, "Oh. Sorry, Jess! And sorry."),
            ["Sorry, Jess!", "sorry."]
        );
    }

    #[test]
    fn a_literal_inside_every_match_gates_it() {
        // Neither a prefix (any punctuation may lead) nor a suffix (`a`,
        // `i`: one letter) set, but every match contains `sorry`.
        let source =
            r"(?i)^(?-i:[\s\p{P}\p{S}])*(?:so |really )?sorry\s*[,:;-]\s*(?:a|one|i|we)(?-u:\b)";
        let regex = from_image(source);
        let gate = regex.gates.first().expect("a gate");
        assert!(gate.iter().any(|l| l.as_slice() == b"sorry"), "{gate:?}");
        assert!(!regex.may_match("We apologise for the delay."));
        assert!(nothing_compiled(&regex));
        let text = "“So sorry, one of our vans broke down.";
        assert_eq!(found(&regex, text), ["“So sorry, one"]);
        // The same gate inside a group.
        assert!(!gated(&format!("({source})")).gates.is_empty());
    }

    /// [`gated`], which must take less than five seconds.
    fn gated_within_seconds(source: &str) -> GatedRegex {
        let start = std::time::Instant::now();
        let regex = gated(source);
        let spent = start.elapsed();
        assert!(spent < std::time::Duration::from_secs(5), "{spent:?}");
        regex
    }

    #[test]
    fn a_long_literal_is_gated_quickly() {
        let long = format!("(?i)[\\s,]*{}!", "scusate ".repeat(1_000));
        assert!(!gated_within_seconds(&long).gates.is_empty());
    }

    #[test]
    fn wide_sets_at_both_ends_are_gated_quickly() {
        let words = |first: char| -> String {
            let words: Vec<String> = (0..1_500).map(|i| format!("{first}{i:04}x")).collect();
            words.join("|")
        };
        let source = format!("(?:{})[^.]*(?:{})", words('a'), words('z'));
        let regex = gated_within_seconds(&source);
        assert_eq!(regex.gates.len(), 1, "one set; comparing both was skipped");
    }

    #[test]
    fn a_text_must_hold_a_literal_from_each_end() {
        // Apology words start a match, an emoticon ends it: a sincere
        // apology without an emoticon is not searched.
        let regex = from_image(r"(?i)(?:извин|съжал)\w*[^.!?]{0,80}?(?:[:;]-?\)+|😅|🙈)");
        assert_eq!(regex.gates.len(), 2, "{:?}", regex.gates);
        assert!(!regex.may_match("Извиняваме се за забавянето на поръчката."));
        assert!(!regex.may_match("Опа :)"));
        assert!(nothing_compiled(&regex));
        let text = "Извинявай, стана грешка 😅";
        assert_eq!(found(&regex, text), [text]);
    }

    /// Whether neither form of the expression has been compiled.
    fn nothing_compiled(regex: &GatedRegex) -> bool {
        regex.regex.get().is_none() && regex.light.get().is_none()
    }

    /// The texts of the expression's matches in `text`.
    fn found<'t>(regex: &GatedRegex, text: &'t str) -> Vec<&'t str> {
        regex.find_iter(text).map(|m| &text[m]).collect()
    }

    /// A regex as a rule image holds it: nothing compiled.
    fn from_image(source: &str) -> GatedRegex {
        let bytes = postcard::to_allocvec(&gated(source)).unwrap();
        postcard::from_bytes(&bytes).unwrap()
    }

    #[test]
    fn the_light_form_searches_first_texts_and_the_full_one_takes_over() {
        let source = r"(?i)(?-u:\b)sorry(?:\s*,\s*(?-i:[^\s0-9,.!?;:\u2026])+)?\s*[!.\u2026]";
        let regex = from_image(source);
        let text = "Oh. Sorry, Jessé! And sorry… — SORRY.";
        let light = found(&regex, text);
        assert!(regex.light.get().is_some() && regex.regex.get().is_none());
        let expected: Vec<&str> = Regex::new(source)
            .unwrap()
            .find_iter(text)
            .map(|m| m.as_str())
            .collect();
        assert_eq!(light, expected);
        assert_eq!(light, ["Sorry, Jessé!", "sorry…", "SORRY."]);
        // Past the light form's budget the full compilation searches.
        let long = format!(
            "{}{text}",
            "Thanks for waiting. ".repeat(LIGHT_BUDGET_BYTES / 20 + 1)
        );
        let full = found(&regex, &long);
        assert!(regex.regex.get().is_some(), "compiled in full");
        assert_eq!(full, expected);
        assert!(matches!(regex.for_text(text), Some(Compiled::Full(_))));
    }

    #[test]
    fn short_and_long_texts_are_gated_alike() {
        let regex = gated(r"(?i)(?-u:\b)sorry\s*!");
        let filler = "We apologise for the delay. ".repeat(40_000);
        let literals: usize = regex.gates.iter().map(Vec::len).sum();
        assert!(
            filler.len() * literals > NAIVE_GATE_WORK,
            "the automaton's case"
        );
        for text in ["SORRY!", "Oh, sorry !"] {
            assert!(regex.may_match(text));
            assert!(regex.may_match(&format!("{filler}{text}")));
        }
        assert!(!regex.may_match("Sorr y!"));
        assert!(!regex.may_match(&filler));
    }

    #[test]
    fn a_regex_with_a_huge_literal_set_gets_no_oversized_gate() {
        let group = "(?:ab|cd|ef|gh|ij|kl|mn|op|qr|st)";
        for source in [
            format!("(?i){}", group.repeat(6)),
            format!(
                "(?i)(?:{})",
                (0..3000)
                    .map(|i| format!("w{i}"))
                    .collect::<Vec<_>>()
                    .join("|")
            ),
        ] {
            let started = std::time::Instant::now();
            let regex = gated(&source);
            assert!(regex.gates.iter().all(|g| g.len() <= MAX_GATE_LITERALS));
            // A guard against a blowup (an enumeration of every literal
            // would run for hours), not a speed figure: those are in
            // `benches/`. Milliseconds here; the bound leaves room for a
            // debug build on a loaded machine.
            assert!(started.elapsed() < std::time::Duration::from_secs(60));
        }
    }

    #[test]
    fn unicode_case_variants_pass_the_gate() {
        let regex = gated("(?i)(?:извинявай|извинете)\\s*!");
        assert!(regex.may_match("ИЗВИНЕТЕ!"));
        assert!(regex.is_match("Извинявай !"));
        assert!(!regex.is_match("Съжаляваме."));
        // Every simple case folding, not only lowercase and uppercase: the
        // long s folds to s.
        assert!(gated("(?i)sorry!").is_match("ſorry!"));
    }

    #[test]
    fn a_gate_of_cyrillic_words_holds_their_stems_in_lowercase() {
        let regex = from_image("(?i)(?:превозвач|производител)(?-i:\\p{L})*, който");
        let gate = regex.gates.first().expect("a gate");
        // Six letters of each word, not their first three (`пре`, `про`,
        // which begin many Bulgarian words) in eight case variants. (`в`
        // and `о` also fold to the old rounded and narrow forms `ᲀ` and
        // `ᲂ`, which stay apart in lowercase: those spellings are listed.)
        let literals: Vec<&str> = gate
            .iter()
            .map(|l| std::str::from_utf8(l).unwrap())
            .collect();
        assert!(
            literals.contains(&"превоз") && literals.contains(&"произв"),
            "{literals:?}"
        );
        assert!(
            literals.iter().all(|l| l.chars().count() == 6),
            "{literals:?}"
        );
        assert_eq!(literals.len(), 8, "{literals:?}");
        assert!(!regex.may_match("Преди това проверихме поръчката, която пристигна."));
        assert!(nothing_compiled(&regex));
        assert!(regex.may_match("ПРЕВОЗВАЧЪТ, който"));
        assert_eq!(
            found(&regex, "Превозвачът, който закъсня."),
            ["Превозвачът, който"]
        );
        assert_eq!(
            found(&regex, "пРоИзВоДиТеЛят, който"),
            ["пРоИзВоДиТеЛят, който"]
        );
    }

    #[test]
    fn texts_one_after_another_are_each_put_in_lowercase() {
        let regex = gated("(?i)извинете!");
        // Of the same length, one after the other: the lowercase kept from
        // the first is not the second's.
        for _ in 0..2 {
            assert!(regex.may_match("ИЗВИНЕТЕ!"));
            assert!(!regex.may_match("ИЗВИНЯВА!"));
        }
        assert_eq!(lowercase("ÀÉ İ Straße ΣΑΣ"), "àé i̇ straße σασ");
    }

    #[test]
    fn a_letter_whose_variants_lowercase_apart_keeps_them_listed() {
        // Σ lowercases to σ, but the final ς stays ς: both are in the gate.
        let regex = gated("(?i)λόγος!");
        assert!(regex.may_match("ΛΌΓΟΣ!") && regex.may_match("λόγος!"));
        assert!(regex.is_match("ΛΌΓΟΣ!") && regex.is_match("λόγοσ!"));
        assert!(!regex.may_match("λόγια!"));
    }

    proptest::proptest! {
        /// Whatever the case of its letters, a text the expression matches
        /// passes its gate.
        #[test]
        fn every_case_variant_of_a_match_passes_the_gate(
            word in 0usize..6,
            cases in proptest::collection::vec(0usize..4, 16),
            filler in "[a-zа-я ]{0,20}",
        ) {
            let words = ["извиняваме", "scusateci", "σοφίας", "sorry", "kelvin", "straße"];
            let source = format!("(?i)(?:{})!", words.join("|"));
            let regex = gated(&source);
            // Each letter as one of its simple case variants.
            let variant: String = words[word]
                .chars()
                .zip(cases.iter().cycle())
                .map(|(c, &pick)| {
                    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
                    class.case_fold_simple();
                    let all: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
                    all[pick % all.len()]
                })
                .collect();
            let text = format!("{filler}{variant}!");
            proptest::prop_assert!(Regex::new(&source).unwrap().is_match(&text));
            proptest::prop_assert!(regex.may_match(&text), "{text}");
        }
    }

    #[test]
    fn a_suffix_gates_when_the_prefix_is_open() {
        let regex = gated("(?i)^.+ wrote:$");
        assert!(!regex.gates.is_empty());
        assert!(!regex.may_match("Sorry if you were upset."));
        assert!(regex.is_match("On Monday, Ann WROTE:"));
    }

    #[test]
    fn an_open_alternative_leaves_the_whole_ungated() {
        let parts = ["(?:(?i)^-- ?$)", "(?:(?i)\\w+)"];
        let regex = GatedRegex::new(&parts).unwrap();
        assert!(regex.gates.is_empty());
        assert!(regex.may_match("anything"));
        // An alternation of gated parts has their union.
        let parts = ["(?:(?i)^-- ?$)", "(?:(?i)^.+ wrote:$)"];
        let regex = GatedRegex::new(&parts).unwrap();
        assert!(regex.may_match("--") && regex.may_match("Ann wrote:"));
        assert!(!regex.may_match("Thanks"));
    }

    #[test]
    fn the_gate_retires_once_it_has_scanned_a_compilation_s_worth() {
        let regex = gated(r"(?i)(?-u:\b)sorry\s*!");
        let bytes = postcard::to_allocvec(&regex).unwrap();
        let back: GatedRegex = postcard::from_bytes(&bytes).unwrap();
        let plain = "We apologise for the delay. ".repeat(1000);
        let mut scanned = 0;
        while scanned + plain.len() <= GATE_BUDGET_BYTES {
            assert!(back.for_text(&plain).is_none());
            scanned += plain.len();
        }
        assert!(back.regex.get().is_none() && back.light.get().is_none());
        assert!(back.for_text(&plain).is_some(), "compiled past the budget");
        // A text longer than the budget is not scanned at all.
        let fresh: GatedRegex = postcard::from_bytes(&bytes).unwrap();
        let long = plain.repeat(3);
        assert!(long.len() > GATE_BUDGET_BYTES);
        assert!(fresh.for_text(&long).is_some());
        assert!(fresh.searchers.get().is_none(), "no gate automaton built");
        assert!(back.is_match("Sorry!") && !back.is_match(&plain));
    }

    #[test]
    fn an_image_round_trip_keeps_the_gate_and_compiles_on_first_use() {
        let regex = gated(r"(?i)\d{1,3}\s?%\s+(?:refund|credit)");
        let bytes = postcard::to_allocvec(&regex).unwrap();
        let back: GatedRegex = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.as_str(), regex.as_str());
        assert_eq!(back.gates, regex.gates);
        assert!(back.regex.get().is_none());
        assert!(!back.is_match("a 20% discount"));
        assert!(back.regex.get().is_none(), "no literal, no compile");
        assert!(back.is_match("a 20% credit"));
    }
}
