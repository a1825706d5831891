//! The contributor pattern language, compiled to small backtracking programs
//! over words.
//!
//! A pattern is a sequence of items separated by spaces:
//!
//! | item | matches |
//! |---|---|
//! | `sorry` | the word `sorry`, any case and accents (`perche` matches `perché`) |
//! | `scus*` | any word that starts with `scus` |
//! | `l'eventuale`, `na-offend` | the words `l eventuale`, `na offend` (apostrophes and hyphens split words) |
//! | `(if \| in case)` | one of the alternatives; each may hold several items |
//! | `item?` | the item or nothing (greedy) |
//! | `...` / `...N` | a gap of 0 to 4 (or 0 to N, at most 12) words |
//! | `$class` | any phrase of a word class defined in the pack (`$apology`) |
//! | `#num` | a word made of digits |
//! | `[` … `]` | the part of the match reported as the finding's span |
//!
//! Words are matched through one [`AtomTable`] per locale: every literal
//! word, prefix and ending of every pattern becomes an atom, kept in one hash
//! table, and each distinct word of a text is looked up once (itself, and its
//! leading and trailing bytes at each length a prefix or ending atom has) to
//! learn which atoms it satisfies. Programs then only compare atom ids.

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::frozen::{StringMap, U32s, Words};
use super::lazy::{Lazy, PooledList};
use super::varint;
use crate::text::each_normalized_word;

/// Longest gap a pattern may ask for.
pub const MAX_GAP: usize = 12;
/// Instructions one match attempt may run before it gives up: bounded gaps
/// keep real patterns far below it, and a pathological pattern in a user
/// pack (`a ...12 a ...12 a ...12 …`) cannot make linting hang.
pub const STEP_BUDGET: usize = 20_000;
/// Gap length of a bare `...`.
pub const DEFAULT_GAP: usize = 4;

/// Identifies one literal word, prefix or suffix inside a locale's [`AtomTable`].
pub type AtomId = u32;

/// How a pattern word matches a text's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Affix {
    /// The whole word (`scusa`).
    Exact,
    /// Its beginning (`scus*`: scusa, scusate, scusiamo).
    Prefix,
    /// Its ending (`*eremo`: faremo, verificheremo).
    Suffix,
}

/// The fewest characters a suffix (`*eremo`) may have.
pub const MIN_SUFFIX_CHARS: usize = 2;

/// A compile error inside one pattern, with the character offset it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// Byte offset inside the pattern text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// One instruction of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Inst {
    /// The word must satisfy the atom.
    Atom(AtomId),
    /// The word must satisfy one atom of the set (consecutive one-word
    /// alternatives, checked at once instead of one branch each).
    Set(u32),
    /// The word must be all digits.
    Num,
    /// Any word.
    Any,
    /// Try the first target, then the second.
    Split(u32, u32),
    /// Continue at the target.
    Jump(u32),
    /// Record the start (0) or end (1) of the reported span.
    Save(u8),
    /// A run of [`Inst::Split`]s, each one's second target the next (the
    /// branches of an alternative), entered at its `.1`-th split: the
    /// branches whose guard the word passes are found by a lookup in the
    /// [`Chain`] (`.0`) instead of testing every guard in turn.
    Chain(u32, u32),
    /// None of the (up to) `look.window` words before this point in the
    /// sentence (`!(not|never)`, `!3(hindi|di)`), or after it with
    /// `look.ahead` (`!>(fee|payment)`), satisfies an atom of the first set,
    /// unless the word after that one satisfies one of the second (the
    /// pack's `not_negating`, if it has any: "don't worry").
    Not(u32, Look, Option<u32>),
    /// Like [`Inst::Not`] for phrases: none of the `.1` phrases from
    /// [`Code::phrases`]`[.0]` on starts among the words read ahead, or
    /// ends among those read back.
    NotPhrase(u32, u32, Look),
    /// The pattern matched.
    Match,
}

/// A compiled pattern: its number and its code. A program read from a
/// rule image keeps its code encoded until a text first wakes it (most
/// programs of a pack never run on a given text), so loading a pack costs
/// little more than reading the image.
#[derive(Debug, Clone, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Program {
    /// This program's number in its [`AtomTable`] (see [`ProgramIndex`]).
    index: u32,
    /// What its code's [`Code::may_match`] checks first, readable without
    /// decoding the code.
    filter: Filter,
    code: Lazy<Code>,
}

/// The programs of one list of a rule (its patterns, its `unless`
/// patterns…), kept encoded in a rule image until a text wakes one of them:
/// reading an image then costs little more than its lists' places, where
/// it had decoded every program's number, filter and place (0.7 M of the
/// 5.9 M instructions a one-sentence lint costs in English).
#[derive(Debug, Serialize, Deserialize)]
// Lazy parts borrow the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct Programs {
    /// The first program's number, when the programs' numbers follow one
    /// another (a rule's lists are compiled in a row): whether any is woken
    /// is then read from the text's candidates without decoding the list.
    first: Option<u32>,
    count: u32,
    list: Lazy<Vec<Program>>,
}

impl Default for Programs {
    /// No programs.
    fn default() -> Self {
        Programs::new(Vec::new())
    }
}

impl Programs {
    /// The list `programs`.
    pub fn new(programs: Vec<Program>) -> Self {
        let first = programs.first().map(|p| p.index);
        let contiguous = programs
            .iter()
            .zip(0..)
            .all(|(p, i)| Some(p.index) == first.map(|f| f + i));
        Programs {
            first: first.filter(|_| contiguous),
            count: programs.len() as u32,
            list: Lazy::new(programs),
        }
    }

    /// The programs, decoded on first use.
    pub fn all(&self) -> &[Program] {
        self.list.get()
    }

    /// How many programs there are.
    pub fn len(&self) -> usize {
        self.count as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Sets of atoms larger than this stay out of a [`Filter`]: a class such as
/// a pack's apology anchors is in many programs, and a text that wakes a
/// program usually has one of its words anyway.
const FILTER_MAX_SET: usize = 16;

/// A text of at most this many words (a reply, a draft) looks for a
/// program's starts from its rarest-looking mandatory item
/// ([`Code::short_pivot`]) instead of its rarest in the text (see
/// [`Code::starts`]).
const SHORT_TEXT_WORDS: usize = 256;

/// Marks a [`Filter`] set that a number also satisfies.
const FILTER_NUM: u32 = 1 << 31;

/// The cheap part of a program's "can it match here" test, kept apart from
/// its code: a word the program names (the rarest key of the
/// [`ProgramIndex`]) wakes it in many texts it cannot match, as its other
/// mandatory words are missing (of the 193 programs one English sentence
/// woke, 187), and deciding that from the filter spares decoding their code.
///
/// Little-endian `u32` words: the number of required atoms and those atoms,
/// then each small mandatory set (the first word's, and each pivot's) as its
/// length (plus [`FILTER_NUM`]) and its atoms. Read in place from a rule
/// image.
#[derive(Debug, Clone, Serialize, Deserialize)]
// Read in place from the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
struct Filter(Words);

impl Filter {
    fn of(required: &[AtomId], first: (&[AtomId], bool), pivots: &[Pivot]) -> Self {
        let mut words: Vec<u32> = Vec::new();
        words.push(required.len() as u32);
        words.extend_from_slice(required);
        let sets = std::iter::once(first)
            .chain(pivots.iter().map(|p| (&*p.atoms, p.num)))
            .filter(|(atoms, _)| atoms.len() <= FILTER_MAX_SET);
        for (atoms, num) in sets {
            words.push(atoms.len() as u32 | if num { FILTER_NUM } else { 0 });
            words.extend_from_slice(atoms);
        }
        Filter(Words::of(&words))
    }

    /// False when the text lacks a required atom, or every atom (and, if it
    /// takes one, a number) of one of the sets.
    /// A set is read only up to its first atom the text has: the next
    /// set's place is known from the header.
    fn passes(&self, words: &WordAtoms) -> bool {
        let filter = &self.0;
        let len = filter.len();
        let present = |i: usize| words.present(filter.get(i));
        let mut at = (filter.get(0) as usize).saturating_add(1);
        if !(1..at.min(len)).all(present) {
            return false;
        }
        while at < len {
            let header = filter.get(at);
            let end = at
                .saturating_add(1)
                .saturating_add((header & !FILTER_NUM) as usize);
            let found = (header & FILTER_NUM != 0 && !words.numbers.is_empty())
                || (at + 1..end.min(len)).any(present);
            if !found {
                return false;
            }
            at = end;
        }
        true
    }
}

/// What a [`Program`] runs: what tells where a match may start, and the
/// instructions that try a start.
#[derive(Debug, Clone, Serialize, Deserialize)]
// The body borrows the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
struct Code {
    /// Kept encoded until a start passes [`Code::required_within`] and
    /// [`Code::pivots_within`]: of the programs a reply wakes, most find
    /// no such start (36 of the 282 the Italian example ran reached one),
    /// and the instructions and their sets are most of a program's code.
    body: Lazy<Body>,
    /// Atoms one of which the first word must satisfy.
    #[serde(with = "varint::list")]
    first: Vec<AtomId>,
    /// The number of `first` among the table's shared sets
    /// ([`AtomTable::set_id`]) when it is larger than [`FILTER_MAX_SET`],
    /// else `u32::MAX`.
    first_set: u32,
    /// The first word may be a number.
    first_num: bool,
    /// Atoms every match contains: a start is only tried when each of them
    /// occurs later in the same sentence.
    #[serde(with = "varint::list")]
    required: Vec<AtomId>,
    /// Mandatory items of the pattern a search can be driven by; in a text
    /// of more than [`SHORT_TEXT_WORDS`] words, the one whose words are
    /// rarest in the text is chosen at run time.
    pivots: Vec<Pivot>,
    /// The pivot a short text is searched from: the rarest-looking
    /// ([`AtomTable::rarity`]), chosen when the pattern is compiled.
    short_pivot: u32,
}

/// The instructions of a [`Code`] and what they name.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Body {
    #[serde(with = "inst_bytes")]
    insts: Vec<Inst>,
    /// The atom sets of [`Inst::Set`] and [`Inst::Not`], each sorted.
    sets: AtomLists,
    /// For each [`Inst::Split`], the atoms (sorted) one of which the next
    /// word must satisfy for its first branch to go anywhere; `None` when
    /// that branch may take any word or match without one. A failing guard
    /// skips the branch in one step instead of walking into it.
    guards: AtomLists,
    /// The runs of splits that became [`Inst::Chain`]s.
    chains: Vec<Chain>,
    /// The word sequences of [`Inst::NotPhrase`], one atom per word.
    phrases: Vec<Vec<AtomId>>,
}

/// Lists of atoms, some of which may be absent: each distinct list once,
/// end to end in one vector (a program has dozens: one allocation instead
/// of one each; a guard often repeats a set, such as a class's words, and
/// is kept once).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(try_from = "AtomListsImage", into = "AtomListsImage")]
struct AtomLists {
    atoms: Vec<AtomId>,
    /// Where each distinct list ends in `atoms` (it starts where the one
    /// before ended).
    ends: Vec<u32>,
    /// For each list, one more than the number of its distinct list, or
    /// [`ABSENT_LIST`]: four bytes a list, and a program has a guard list
    /// per instruction.
    slots: Vec<u32>,
}

/// [`AtomLists`] in a rule image: its distinct lists in the image's pool
/// (a class's words are in many programs' sets and guards).
#[derive(Serialize, Deserialize)]
struct AtomListsImage {
    lists: Vec<PooledList>,
    #[serde(with = "varint::list")]
    slots: Vec<u32>,
}

impl From<AtomLists> for AtomListsImage {
    fn from(lists: AtomLists) -> Self {
        let mut start = 0;
        let pooled = lists
            .ends
            .iter()
            .map(|&end| {
                let list = lists.atoms[start as usize..end as usize].to_vec();
                start = end;
                PooledList::Owned(list)
            })
            .collect();
        AtomListsImage {
            lists: pooled,
            slots: lists.slots,
        }
    }
}

impl TryFrom<AtomListsImage> for AtomLists {
    type Error = String;

    fn try_from(image: AtomListsImage) -> Result<Self, String> {
        if let Some(&slot) = image
            .slots
            .iter()
            .find(|&&s| s as usize > image.lists.len())
        {
            return Err(format!(
                "an atom list slot names list {slot} of {}",
                image.lists.len()
            ));
        }
        let mut out = AtomLists {
            atoms: Vec::with_capacity(image.lists.iter().map(PooledList::len).sum()),
            ends: Vec::with_capacity(image.lists.len()),
            slots: image.slots,
        };
        for list in &image.lists {
            list.extend_into(&mut out.atoms);
            out.ends.push(out.atoms.len() as u32);
        }
        Ok(out)
    }
}

/// Marks an absent list in [`AtomLists::slots`].
const ABSENT_LIST: u32 = 0;

impl AtomLists {
    fn of(lists: &[Vec<AtomId>]) -> Self {
        Self::of_optional(lists.iter().map(|l| Some(l.as_slice())))
    }

    fn of_optional<'a>(lists: impl Iterator<Item = Option<&'a [AtomId]>>) -> Self {
        let mut out = AtomLists::default();
        let mut seen: HashMap<&[AtomId], u32> = HashMap::new();
        for list in lists {
            let slot = list.map_or(ABSENT_LIST, |list| {
                *seen.entry(list).or_insert_with(|| {
                    out.atoms.extend_from_slice(list);
                    out.ends.push(out.atoms.len() as u32);
                    out.ends.len() as u32
                })
            });
            out.slots.push(slot);
        }
        out
    }

    fn optional(&self, i: usize) -> Option<&[AtomId]> {
        let slot = self.slots[i];
        if slot == ABSENT_LIST {
            return None;
        }
        let k = slot as usize - 1;
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j]);
        Some(&self.atoms[start as usize..self.ends[k] as usize])
    }

    fn get(&self, i: usize) -> &[AtomId] {
        self.optional(i).unwrap_or(&[])
    }
}

/// A run of splits `Split(branch[0], s1)`, `s1 = Split(branch[1], s2)`, …,
/// `Split(branch[n-1], last)`: tried in that order, then `last`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Chain {
    /// Each split's position: its guard is in [`Code::guards`].
    #[serde(with = "varint::list")]
    splits: Vec<u32>,
    /// The first target of each split.
    #[serde(with = "varint::list")]
    branches: Vec<u32>,
    /// Where the run goes when no branch matched.
    last: usize,
    /// The splits' guards by atom, made the first time the chain runs (most
    /// chains of a pack never run on a given text).
    #[serde(skip)]
    lookup: OnceLock<ChainLookup>,
}

/// The guards of a [`Chain`]'s splits, by atom.
#[derive(Debug, Clone)]
struct ChainLookup {
    /// (atom, split) for every atom of every split's guard, sorted: the
    /// splits whose branch a word satisfying that atom may enter.
    keyed: Vec<(AtomId, u32)>,
    /// The splits without a guard, ascending: always tried.
    open: Vec<u32>,
}

thread_local! {
    /// Candidate lists of [`Chain`] visits, kept for the next visit on this
    /// thread instead of allocated anew each time.
    static SPARE_LISTS: std::cell::RefCell<Vec<Vec<u32>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs of at least this many splits become a [`Chain`]: on shorter ones,
/// testing each guard is as quick as the lookup.
const MIN_CHAIN: usize = 6;

impl Chain {
    /// The splits from `from` on whose branch may match at word `at`
    /// (`None` when there is no word left), ascending, into `out`.
    fn candidates(
        &self,
        guards: &AtomLists,
        words: &WordAtoms,
        at: Option<usize>,
        from: u32,
        out: &mut Vec<u32>,
    ) {
        let lookup = self.lookup.get_or_init(|| {
            let mut lookup = ChainLookup {
                keyed: Vec::new(),
                open: Vec::new(),
            };
            for (j, &split) in self.splits.iter().enumerate() {
                match guards.optional(split as usize) {
                    Some(guard) => lookup.keyed.extend(guard.iter().map(|&a| (a, j as u32))),
                    None => lookup.open.push(j as u32),
                }
            }
            // Runs of one split's atoms, each sorted: a stable sort by
            // atom merges them and keeps each atom's splits ascending.
            lookup.keyed.sort_by_key(|&(atom, _)| atom);
            lookup
        });
        out.clear();
        out.extend(lookup.open.iter().copied().filter(|&j| j >= from));
        if let Some(at) = at {
            for &atom in words.of(at) {
                let lo = lookup.keyed.partition_point(|&(a, _)| a < atom);
                out.extend(
                    lookup.keyed[lo..]
                        .iter()
                        .take_while(|&&(a, _)| a == atom)
                        .map(|&(_, j)| j)
                        .filter(|&j| j >= from),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// Turns each run of at least [`MIN_CHAIN`] splits (each one's second
/// target the next split) into [`Inst::Chain`]s, one per split of the run,
/// so a match may still enter the run at any of them.
fn build_chains(insts: &mut [Inst], taken: &mut Visited) -> Vec<Chain> {
    let mut chains = Vec::new();
    taken.walk += 1;
    let mut run = Vec::new();
    for head in 0..insts.len() {
        if taken.marks[head] == taken.walk || !matches!(insts[head], Inst::Split(..)) {
            continue;
        }
        run.clear();
        let mut pc = head;
        while let Inst::Split(_, next) = insts[pc] {
            if taken.marks[pc] == taken.walk {
                break;
            }
            taken.marks[pc] = taken.walk;
            run.push(pc);
            pc = next as usize;
        }
        if run.len() < MIN_CHAIN {
            continue;
        }
        let id = chains.len() as u32;
        let mut chain = Chain {
            splits: Vec::with_capacity(run.len()),
            branches: Vec::with_capacity(run.len()),
            last: pc,
            lookup: OnceLock::new(),
        };
        for (j, &at) in run.iter().enumerate() {
            let Inst::Split(branch, _) = insts[at] else {
                unreachable!("a run holds splits only")
            };
            chain.splits.push(at as u32);
            chain.branches.push(branch);
            insts[at] = Inst::Chain(id, j as u32);
        }
        chains.push(chain);
    }
    chains
}

/// A mandatory top-level item: its possible first words, and how many words
/// of the match may come before it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pivot {
    /// Sorted; shared, as a class's pivot goes into every pattern naming it.
    #[serde(with = "atom_bytes")]
    atoms: Arc<[AtomId]>,
    num: bool,
    min_before: usize,
    max_before: usize,
    /// The pivot is the program's first word (same atoms, nothing before
    /// it): each of its words is a start without checking the first atoms.
    is_first: bool,
    /// The number of `atoms` among the table's distinct sets of more than
    /// one atom (see [`AtomTable::set_id`]), `u32::MAX` for one atom: a
    /// text counts a set's words once, however many programs share it.
    set: u32,
}

/// A pivot's atoms in a rule image's pool (a class's pivot may hold
/// hundreds of atoms, and is in every pattern naming the class).
mod atom_bytes {
    use std::sync::Arc;

    use serde::{Deserialize, Deserializer, Serializer};

    use super::AtomId;
    use crate::rules::lazy::{PooledList, serialize_pooled};

    pub fn serialize<S: Serializer>(atoms: &Arc<[AtomId]>, out: S) -> Result<S::Ok, S::Error> {
        serialize_pooled(atoms, out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Arc<[AtomId]>, D::Error> {
        PooledList::deserialize(input).map(|list| list.to_shared())
    }
}

/// A program's instructions in a rule image as one byte string, read back
/// by one match per instruction instead of serde's enum protocol: their
/// number, then for each a kind byte (with a negation's direction and
/// whether it has a second set) and its operands, all numbers
/// [`varint`](super::varint) integers.
mod inst_bytes {
    use std::borrow::Cow;

    use serde::{Deserializer, Serializer};

    use super::{Inst, Look};
    use crate::rules::varint::{Reader, put};

    const ATOM: u8 = 0;
    const SET: u8 = 1;
    const NUM: u8 = 2;
    const ANY: u8 = 3;
    const SPLIT: u8 = 4;
    const JUMP: u8 = 5;
    const SAVE: u8 = 6;
    const CHAIN: u8 = 7;
    const NOT: u8 = 8;
    const NOT_PHRASE: u8 = 9;
    const MATCH: u8 = 10;
    /// The kind's bits of a kind byte.
    const KIND: u8 = 0x1f;
    /// A negation reads ahead.
    const AHEAD: u8 = 0x20;
    /// A `Not` has its second set.
    const UNLESS: u8 = 0x40;

    fn encode(inst: &Inst, out: &mut Vec<u8>) {
        let ahead = |look: Look| if look.ahead { AHEAD } else { 0 };
        let (kind, operands): (u8, &[u32]) = match *inst {
            Inst::Atom(a) => (ATOM, &[a]),
            Inst::Set(a) => (SET, &[a]),
            Inst::Num => (NUM, &[]),
            Inst::Any => (ANY, &[]),
            Inst::Split(a, b) => (SPLIT, &[a, b]),
            Inst::Jump(a) => (JUMP, &[a]),
            Inst::Save(a) => (SAVE, &[u32::from(a)]),
            Inst::Chain(a, b) => (CHAIN, &[a, b]),
            Inst::Not(a, look, Some(b)) => {
                (NOT | ahead(look) | UNLESS, &[a, u32::from(look.window), b])
            }
            Inst::Not(a, look, None) => (NOT | ahead(look), &[a, u32::from(look.window)]),
            Inst::NotPhrase(a, b, look) => {
                (NOT_PHRASE | ahead(look), &[a, b, u32::from(look.window)])
            }
            Inst::Match => (MATCH, &[]),
        };
        out.push(kind);
        for &operand in operands {
            put(out, operand);
        }
    }

    /// The next instruction of `reader`, which has just read `kind`.
    #[inline(always)]
    fn decode(kind: u8, reader: &mut Reader<'_>) -> Option<Inst> {
        let look = |window: u32| {
            Some(Look {
                window: u8::try_from(window).ok()?,
                ahead: kind & AHEAD != 0,
            })
        };
        Some(match kind & KIND {
            ATOM => Inst::Atom(reader.next()?),
            SET => Inst::Set(reader.next()?),
            NUM => Inst::Num,
            ANY => Inst::Any,
            SPLIT => Inst::Split(reader.next()?, reader.next()?),
            JUMP => Inst::Jump(reader.next()?),
            SAVE => Inst::Save(u8::try_from(reader.next()?).ok()?),
            CHAIN => Inst::Chain(reader.next()?, reader.next()?),
            NOT => {
                let set = reader.next()?;
                let look = look(reader.next()?)?;
                let unless = if kind & UNLESS != 0 {
                    Some(reader.next()?)
                } else {
                    None
                };
                Inst::Not(set, look, unless)
            }
            NOT_PHRASE => {
                let (first, count) = (reader.next()?, reader.next()?);
                Inst::NotPhrase(first, count, look(reader.next()?)?)
            }
            MATCH => Inst::Match,
            _ => return None,
        })
    }

    pub fn serialize<S: Serializer>(insts: &[Inst], out: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::with_capacity(insts.len() * 3);
        put(&mut bytes, insts.len() as u32);
        for inst in insts {
            encode(inst, &mut bytes);
        }
        serde_bytes::serialize(&bytes, out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<Inst>, D::Error> {
        let bytes: Cow<'de, [u8]> = serde_bytes::deserialize(input)?;
        let malformed = || serde::de::Error::custom("a malformed instruction");
        let mut reader = Reader::new(&bytes);
        let count = reader.next().ok_or_else(malformed)? as usize;
        // Each instruction takes at least a byte.
        if count > bytes.len() {
            return Err(malformed());
        }
        let mut insts = Vec::with_capacity(count);
        for _ in 0..count {
            let kind = reader.byte().ok_or_else(malformed)?;
            insts.push(decode(kind, &mut reader).ok_or_else(malformed)?);
        }
        if reader.byte().is_some() {
            return Err(malformed());
        }
        Ok(insts)
    }
}

/// Where a program matched, in word indices (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordMatch {
    /// First word of the reported span.
    pub start: usize,
    /// One past the last word of the reported span.
    pub end: usize,
}

/// The words of a text as the matcher sees them: for each word, the atoms it
/// satisfies and whether it is a number.
#[derive(Debug, Default)]
pub struct WordAtoms {
    offsets: Vec<u32>,
    atoms: Vec<AtomId>,
    numeric: Vec<bool>,
    /// The atoms that occur in the text, ascending; `posting_bounds[i]..
    /// posting_bounds[i + 1]` is where the words of `present_atoms[i]` lie
    /// in `posting_words` (ascending). Sized by the text, not by the pack.
    present_atoms: Vec<AtomId>,
    /// For every atom of the table, its index in `present_atoms`, or
    /// `u32::MAX`: constant-time lookups for the matcher.
    posting_of: Vec<u32>,
    posting_bounds: Vec<u32>,
    posting_words: Vec<u32>,
    /// The words that are numbers, ascending.
    numbers: Vec<u32>,
    /// Per program (by its index), which of its [`ProgramIndex`] keys the
    /// text has, as found by [`ProgramIndex::mark`]: it may match only with
    /// all of them ([`ALL_KEYS`]); empty means every program may.
    candidates: Vec<u8>,
    /// Per shared set of the table ([`AtomTable::set_id`]), how many words
    /// of the text satisfy one of its atoms, once counted; `u32::MAX` until
    /// then, or [`PRESENT_UNCOUNTED`] once some word was found to.
    set_words: Vec<Cell<u32>>,
}

/// In [`WordAtoms::set_words`]: some word satisfies the set, and how many
/// is not known yet (a presence test stops at the first atom found).
const PRESENT_UNCOUNTED: u32 = u32::MAX - 1;

thread_local! {
    /// Emptied [`WordAtoms::posting_of`] tables (every entry `u32::MAX`),
    /// one per table size, kept for the next text this thread classifies:
    /// a short text (a draft's self-lint) would otherwise fill a table the
    /// size of the pack's atom table to mark its few dozen atoms.
    static SPARE_POSTINGS: std::cell::RefCell<Vec<Vec<u32>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// At most this many spare tables per thread (one per locale linted).
const SPARE_POSTINGS_MAX: usize = 8;

/// A `posting_of` table of `len` entries, all `u32::MAX`.
fn empty_postings(len: usize) -> Vec<u32> {
    SPARE_POSTINGS
        .with_borrow_mut(|spares| {
            let at = spares.iter().position(|t| t.len() == len)?;
            Some(spares.swap_remove(at))
        })
        .unwrap_or_else(|| vec![u32::MAX; len])
}

impl Drop for WordAtoms {
    /// Empties the `posting_of` table (only the present atoms' entries
    /// were set) and keeps it for the next text.
    fn drop(&mut self) {
        let mut table = std::mem::take(&mut self.posting_of);
        if table.is_empty() {
            return;
        }
        for &atom in &self.present_atoms {
            if let Some(entry) = table.get_mut(atom as usize) {
                *entry = u32::MAX;
            }
        }
        // (`try_with`: a thread being torn down has no spares to keep.)
        let _ = SPARE_POSTINGS.try_with(|spares| {
            let mut spares = spares.borrow_mut();
            if spares.len() < SPARE_POSTINGS_MAX {
                spares.push(table);
            }
        });
    }
}

impl WordAtoms {
    fn has(&self, word: usize, atom: AtomId) -> bool {
        self.of(word).contains(&atom)
    }

    /// The atoms word `word` satisfies.
    fn of(&self, word: usize) -> &[AtomId] {
        &self.atoms[self.offsets[word] as usize..self.offsets[word + 1] as usize]
    }

    /// Whether word `word` satisfies one atom of the sorted `set`.
    fn has_any(&self, word: usize, set: &[AtomId]) -> bool {
        self.of(word).iter().any(|a| set.binary_search(a).is_ok())
    }

    /// Whether any word of the text satisfies `atom`.
    pub fn present(&self, atom: AtomId) -> bool {
        self.posting_of
            .get(atom as usize)
            .is_some_and(|&i| i != u32::MAX)
    }

    /// Whether walking the text's atoms, each searched for in a sorted
    /// list of `len` atoms, beats looking each of those up (a constant-time
    /// step, several times cheaper than a binary search).
    fn walk_present(&self, len: usize) -> bool {
        self.present_atoms.len() * 8 < len
    }

    /// Whether any atom of the sorted `atoms` occurs in the text, walking
    /// whichever list is cheaper.
    fn any_present(&self, atoms: &[AtomId]) -> bool {
        if self.walk_present(atoms.len()) {
            self.present_atoms
                .iter()
                .any(|atom| atoms.binary_search(atom).is_ok())
        } else {
            atoms.iter().any(|&atom| self.present(atom))
        }
    }

    /// Calls `found` with the posting list of each atom of the sorted
    /// `atoms` that occurs in the text (in atom order), walking whichever
    /// list is cheaper.
    fn each_present(&self, atoms: &[AtomId], mut found: impl FnMut(&[u32])) {
        if self.walk_present(atoms.len()) {
            for (i, atom) in self.present_atoms.iter().enumerate() {
                if atoms.binary_search(atom).is_ok() {
                    found(self.posting_at(i));
                }
            }
        } else {
            for &atom in atoms {
                let list = self.posting(atom);
                if !list.is_empty() {
                    found(list);
                }
            }
        }
    }

    /// How many of the text's words satisfy an atom of `pivot` (numbers
    /// included when it may be one), counted once per text for each set.
    fn occurrences(&self, pivot: &Pivot) -> usize {
        let numbers = if pivot.num { self.numbers.len() } else { 0 };
        let words = match *pivot.atoms {
            [atom] => self.posting(atom).len(),
            _ => self.set_count(pivot.set, &pivot.atoms),
        };
        numbers + words
    }

    /// How many of the text's words satisfy an atom of the sorted `atoms`,
    /// the table's set number `set` (`u32::MAX` for a set of its own,
    /// counted every time), counted once per text for each set.
    fn set_count(&self, set: u32, atoms: &[AtomId]) -> usize {
        let memo = self.set_words.get(set as usize);
        if let Some(count) = memo.map(Cell::get).filter(|&c| c < PRESENT_UNCOUNTED) {
            return count as usize;
        }
        let mut total = 0;
        self.each_present(atoms, |list| total += list.len());
        if let Some(memo) = memo {
            // Below the markers (a text has far fewer words than that).
            let below = PRESENT_UNCOUNTED - 1;
            memo.set(u32::try_from(total).map_or(below, |t| t.min(below)));
        }
        total
    }

    /// Whether some word satisfies an atom of the sorted `atoms`, the
    /// table's set number `set`: a shared set (a class's first words or
    /// pivot, in every pattern naming the class) is counted once per text,
    /// a set of its own searched until its first atom found.
    fn set_present(&self, set: u32, atoms: &[AtomId]) -> bool {
        let Some(memo) = self.set_words.get(set as usize) else {
            return self.any_present(atoms);
        };
        match memo.get() {
            u32::MAX => {
                let present = self.any_present(atoms);
                memo.set(if present { PRESENT_UNCOUNTED } else { 0 });
                present
            }
            known => known > 0,
        }
    }

    /// Whether some word of the text satisfies `pivot` ([`WordAtoms::set_present`]).
    fn pivot_present(&self, pivot: &Pivot) -> bool {
        if pivot.num && !self.numbers.is_empty() {
            return true;
        }
        self.set_present(pivot.set, &pivot.atoms)
    }

    /// The words that satisfy `atom`, ascending.
    fn posting(&self, atom: AtomId) -> &[u32] {
        match self.posting_of.get(atom as usize) {
            Some(&i) if i != u32::MAX => self.posting_at(i as usize),
            _ => &[],
        }
    }

    /// The words of `present_atoms[i]`, ascending.
    fn posting_at(&self, i: usize) -> &[u32] {
        &self.posting_words[self.posting_bounds[i] as usize..self.posting_bounds[i + 1] as usize]
    }

    /// The programs of `programs` that may match this text
    /// ([`Program::may_match`]), in order. When their indices are
    /// consecutive (a rule's are: they are compiled one after another), a
    /// look at the window of [`ProgramIndex::mark`]'s flags skips the
    /// programs no word of the text woke before any is tested, and a list
    /// none of whose programs it woke is not even decoded.
    pub fn live<'p>(&'p self, programs: &'p Programs) -> impl Iterator<Item = &'p Program> + 'p {
        let window = programs.first.and_then(|first| {
            let first = first as usize;
            self.candidates.get(first..first + programs.len())
        });
        let programs: &[Program] = if window.is_some_and(|keys| !keys.contains(&ALL_KEYS)) {
            &[]
        } else {
            programs.all()
        };
        programs
            .iter()
            .enumerate()
            .filter(move |&(i, _)| window.is_none_or(|woken| woken[i] == ALL_KEYS))
            .map(|(_, p)| p)
            .filter(move |p| p.may_match(self))
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.numeric.len()
    }

    /// Whether the text has no words.
    pub fn is_empty(&self) -> bool {
        self.numeric.is_empty()
    }
}

/// The part of an ascending posting list inside `range`.
fn within<'l>(list: &'l [u32], range: &std::ops::Range<usize>) -> impl Iterator<Item = usize> + 'l {
    let from = list.partition_point(|&w| (w as usize) < range.start);
    // An empty or inverted range (a pivot past the end) holds nothing.
    let to = list
        .partition_point(|&w| (w as usize) < range.end)
        .max(from);
    list[from..to].iter().map(|&w| w as usize)
}

/// Every literal word, prefix and ending used by a locale's patterns, in one
/// table.
///
/// A word of a text satisfies an exact atom equal to it, every prefix atom it
/// starts with and every ending atom it ends with. All are found by hash
/// lookups: the word itself, and its leading and trailing bytes at each
/// length some prefix or ending atom has (a handful of lengths), so the
/// table costs nothing to build beyond interning.
#[derive(Debug, Default, Serialize, Deserialize)]
// The string map borrows the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct AtomTable {
    /// For each distinct string (by slot), its length in bytes.
    string_lengths: U32s,
    /// For each atom id, the slot of its string.
    atom_strings: U32s,
    /// For each distinct string, three numbers: its exact, prefix and
    /// suffix atoms ([`NO_ATOM`] for none). The three lists are read in
    /// place from a rule image.
    kinds: U32s,
    /// Each distinct string and its slot (read in place from an image).
    slots: StringMap,
    /// The distinct byte lengths of prefix atoms, ascending.
    prefix_lengths: Vec<usize>,
    /// The distinct byte lengths of suffix atoms, ascending.
    suffix_lengths: Vec<usize>,
    atom_count: u32,
    /// How many programs were compiled against this table.
    program_count: u32,
    /// The distinct atom sets of the programs' pivots, numbered: only
    /// while compiling (a table read from a rule image has only their
    /// number, `set_count`).
    #[serde(skip)]
    sets: FxHashMap<Arc<[AtomId]>, u32>,
    /// How many distinct atom sets the programs' pivots have.
    set_count: u32,
}

/// In [`AtomTable::kinds`]: a string that is not an atom of that kind.
const NO_ATOM: AtomId = u32::MAX;

impl AtomTable {
    fn intern(&mut self, word: &str, affix: Affix) -> AtomId {
        let slot = match self.slots.get(word) {
            Some(slot) => slot as usize,
            None => {
                let slot = self.string_lengths.len();
                self.string_lengths.push(word.len() as u32);
                for _ in 0..3 {
                    self.kinds.push(NO_ATOM);
                }
                self.slots.insert(word, slot as u32);
                slot
            }
        };
        if let Some(id) = self.kind(slot, affix) {
            return id;
        }
        let id = self.atom_count;
        self.atom_count += 1;
        self.kinds.set(slot * 3 + affix as usize, id);
        self.atom_strings.push(slot as u32);
        let lengths = match affix {
            Affix::Exact => None,
            Affix::Prefix => Some(&mut self.prefix_lengths),
            Affix::Suffix => Some(&mut self.suffix_lengths),
        };
        if let Some(lengths) = lengths
            && let Err(at) = lengths.binary_search(&word.len())
        {
            lengths.insert(at, word.len());
        }
        id
    }

    /// A guess at how rare in text a word satisfying one of `atoms` is,
    /// higher for rarer: long words are rarer than short ones, and a set
    /// of few words rarer than a set of many.
    fn rarity(&self, atoms: &[AtomId]) -> usize {
        let shortest = atoms
            .iter()
            .filter_map(|&a| Some((a, self.atom_strings.get(a as usize)? as usize)))
            .map(|(atom, slot)| {
                // An ending is shared by many words: count it half.
                let suffix = self.kind(slot, Affix::Suffix) == Some(atom);
                self.string_lengths.get(slot).unwrap_or(0) as usize >> usize::from(suffix)
            })
            .min()
            .unwrap_or(0);
        (shortest * 64).saturating_sub(atoms.len().min(63))
    }

    /// The shared copy of the atom set `atoms` and its number: equal sets
    /// (a class's pivot in every pattern naming it, the same alternatives in
    /// several patterns) get one number.
    fn set_id(&mut self, atoms: &Arc<[AtomId]>) -> (Arc<[AtomId]>, u32) {
        if let Some((shared, &id)) = self.sets.get_key_value(atoms) {
            return (shared.clone(), id);
        }
        let id = self.set_count;
        self.set_count += 1;
        self.sets.insert(atoms.clone(), id);
        (atoms.clone(), id)
    }

    /// The atom of kind `affix` whose string is in `slot`, if there is one.
    #[inline]
    fn kind(&self, slot: usize, affix: Affix) -> Option<AtomId> {
        self.kinds
            .get(slot * 3 + affix as usize)
            .filter(|&atom| atom != NO_ATOM)
    }

    /// Number of distinct atoms.
    pub fn len(&self) -> usize {
        self.atom_count as usize
    }

    /// Whether the table has no atoms.
    pub fn is_empty(&self) -> bool {
        self.atom_count == 0
    }

    /// Reports every atom `word` satisfies: prefix atoms that start it
    /// (shortest first), the exact atom equal to it, then suffix atoms that
    /// end it (shortest first).
    fn atoms_of(&self, word: &str, mut found: impl FnMut(AtomId)) {
        for &length in &self.prefix_lengths {
            if length > word.len() {
                break;
            }
            if !word.is_char_boundary(length) {
                continue;
            }
            if let Some(slot) = self.slots.get(&word[..length]).map(|s| s as usize)
                && let Some(atom) = self.kind(slot, Affix::Prefix)
            {
                found(atom);
            }
        }
        if let Some(slot) = self.slots.get(word).map(|s| s as usize)
            && let Some(atom) = self.kind(slot, Affix::Exact)
        {
            found(atom);
        }
        for &length in &self.suffix_lengths {
            if length > word.len() {
                break;
            }
            let start = word.len() - length;
            if !word.is_char_boundary(start) {
                continue;
            }
            if let Some(slot) = self.slots.get(&word[start..]).map(|s| s as usize)
                && let Some(atom) = self.kind(slot, Affix::Suffix)
            {
                found(atom);
            }
        }
    }

    /// Pushes onto `found` the atoms `word` satisfies (as
    /// [`AtomTable::atoms_of`] reports them), each once.
    fn push_atoms_of(&self, word: &str, found: &mut Vec<AtomId>) {
        let from = found.len();
        self.atoms_of(word, |atom| {
            if !found[from..].contains(&atom) {
                found.push(atom);
            }
        });
    }

    /// An identity of a table read in place from a rule image, which no
    /// other table shares and which lasts as long as the process; `None`
    /// for a table built (or changed) in this process.
    fn image_identity(&self) -> Option<(usize, usize)> {
        self.slots.image_address().zip(self.kinds.image_address())
    }

    /// Looks up every word of a text (given by its normalized forms).
    pub fn classify<'w>(&self, words: impl Iterator<Item = &'w str>) -> WordAtoms {
        self.classify_aliased(words, |word| word)
    }

    /// [`AtomTable::classify`], each distinct word read as `alias` gives it
    /// (a pack's `[aliases]`): asked once per distinct word, not per word.
    pub fn classify_aliased<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
        alias: impl Fn(&'w str) -> &'w str,
    ) -> WordAtoms {
        let mut out = WordAtoms {
            offsets: vec![0],
            atoms: Vec::new(),
            numeric: Vec::new(),
            present_atoms: Vec::new(),
            posting_of: Vec::new(),
            posting_bounds: Vec::new(),
            posting_words: Vec::new(),
            numbers: Vec::new(),
            candidates: Vec::new(),
            set_words: Vec::new(),
        };
        // Texts repeat their words: each distinct word is looked up
        // once, and its atoms are copied from here afterwards.
        // Sized for a text's distinct words (about a quarter of its words),
        // so the map is not grown a dozen times on a long text.
        let mut seen: FxHashMap<&'w str, (u32, u32, bool)> =
            FxHashMap::with_capacity_and_hasher(words.size_hint().0 / 4, Default::default());
        let mut found: Vec<AtomId> = Vec::new();
        // A short text (a reply, a draft) shares most of its words with the
        // texts before it: they are looked up in this thread's cache of the
        // table's words first.
        let short = words.size_hint().1.is_some_and(|n| n <= CACHED_TEXT_WORDS);
        let mut cache = self.image_identity().filter(|_| short).map(WordCache::take);
        for (index, word) in words.enumerate() {
            let index = index as u32;
            let (from, to, numeric) = *seen.entry(word).or_insert_with(|| {
                let word = alias(word);
                let from = found.len() as u32;
                match cache.as_mut() {
                    Some(cache) => cache.push_atoms_of(self, word, &mut found),
                    None => self.push_atoms_of(word, &mut found),
                }
                let numeric = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
                (from, found.len() as u32, numeric)
            });
            out.atoms
                .extend_from_slice(&found[from as usize..to as usize]);
            if numeric {
                out.numbers.push(index);
            }
            out.numeric.push(numeric);
            out.offsets.push(out.atoms.len() as u32);
        }
        // Postings, grouped by atom (ascending) and in word order within
        // each: a counting sort over the atoms that occur.
        found.sort_unstable();
        found.dedup();
        out.present_atoms = found;
        out.posting_of = empty_postings(self.len());
        for (i, &atom) in out.present_atoms.iter().enumerate() {
            out.posting_of[atom as usize] = i as u32;
        }
        let mut bounds = vec![0u32; out.present_atoms.len() + 1];
        for &atom in &out.atoms {
            bounds[out.posting_of[atom as usize] as usize + 1] += 1;
        }
        for i in 1..bounds.len() {
            bounds[i] += bounds[i - 1];
        }
        let mut next = bounds.clone();
        out.posting_words = vec![0; out.atoms.len()];
        for word in 0..out.numeric.len() {
            let (from, to) = (out.offsets[word] as usize, out.offsets[word + 1] as usize);
            for &atom in &out.atoms[from..to] {
                let slot = &mut next[out.posting_of[atom as usize] as usize];
                out.posting_words[*slot as usize] = word as u32;
                *slot += 1;
            }
        }
        out.posting_bounds = bounds;
        out.set_words = vec![Cell::new(u32::MAX); self.set_count as usize];
        if let Some(cache) = cache {
            cache.put_back();
        }
        out
    }
}

/// A text of at most this many words looks its words up in the thread's
/// [`WordCache`] of the table first.
const CACHED_TEXT_WORDS: usize = 1024;
/// The most words a [`WordCache`] keeps (about a megabyte); past it, words
/// are looked up as if it were not there.
const CACHED_WORDS_MAX: usize = 1 << 14;
/// The most tables (locales) whose words a thread keeps.
const CACHED_TABLES_MAX: usize = 8;

thread_local! {
    /// Per table read from a rule image, the atoms of the words this
    /// thread has looked up in it.
    static WORD_CACHES: std::cell::RefCell<Vec<WordCache>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The atoms of words looked up before in one table
/// ([`AtomTable::image_identity`]): a word's atoms depend on the table
/// alone, and the words of replies and drafts repeat from one text to the
/// next, where each lookup tries every prefix and ending length.
struct WordCache {
    table: (usize, usize),
    /// The thread has looked up a text's words in this table before: a
    /// process that lints one text (the CLI on one reply) keeps nothing.
    warm: bool,
    /// Word → where its atoms lie in `atoms`.
    index: FxHashMap<Box<str>, (u32, u32)>,
    atoms: Vec<AtomId>,
}

impl WordCache {
    /// This thread's cache of `table`, taken out until [`WordCache::put_back`]
    /// (empty, and keeping nothing, the first time).
    fn take(table: (usize, usize)) -> Self {
        WORD_CACHES
            .with_borrow_mut(|caches| {
                let at = caches.iter().position(|c| c.table == table)?;
                Some(caches.swap_remove(at))
            })
            .unwrap_or_else(|| WordCache {
                table,
                warm: false,
                index: FxHashMap::default(),
                atoms: Vec::new(),
            })
    }

    /// Keeps the cache for the thread's next text (dropping the oldest
    /// table's past [`CACHED_TABLES_MAX`]).
    fn put_back(mut self) {
        self.warm = true;
        WORD_CACHES.with_borrow_mut(|caches| {
            if caches.len() >= CACHED_TABLES_MAX {
                caches.remove(0);
            }
            caches.push(self);
        });
    }

    /// [`AtomTable::push_atoms_of`] through the cache.
    fn push_atoms_of(&mut self, table: &AtomTable, word: &str, found: &mut Vec<AtomId>) {
        if let Some(&(from, to)) = self.index.get(word) {
            found.extend_from_slice(&self.atoms[from as usize..to as usize]);
            return;
        }
        let start = found.len();
        table.push_atoms_of(word, found);
        if self.warm && self.index.len() < CACHED_WORDS_MAX {
            let from = self.atoms.len() as u32;
            self.atoms.extend_from_slice(&found[start..]);
            self.index
                .insert(word.into(), (from, self.atoms.len() as u32));
        }
    }
}

/// Which programs a text's atoms can wake: each program is keyed by the
/// three rarest-looking things every match contains (a required atom, or
/// the atoms of a mandatory item, one of which every match contains), and
/// a text only checks the programs it has all keys of instead of every
/// program of the locale. A program with fewer such things is keyed by the
/// last of them again; one with none, by the atoms its first word may be.
/// A mandatory item of more than [`FILTER_MAX_SET`] atoms keys only a
/// program that has no smaller one (it would add a posting per atom).
#[derive(Debug, Default, Serialize, Deserialize)]
// The postings are read in place from the image, which is in the binary.
#[serde(bound(deserialize = "'de: 'static"))]
pub struct ProgramIndex {
    /// Atom → the programs keyed by it ([`Words::of_lists`], read in
    /// place), each as its number shifted left by [`KEY_BITS`], or-ed with
    /// the keys ([`FIRST_KEY`], [`SECOND_KEY`], [`THIRD_KEY`]) the atom
    /// stands for.
    by_atom: Words,
    /// Programs that may start with a number: always checked.
    always: Vec<u32>,
    count: usize,
}

/// The bit of a program's rarest key in [`ProgramIndex`] postings and
/// [`WordAtoms::candidates`].
const FIRST_KEY: u8 = 1;
/// The bit of its second rarest key.
const SECOND_KEY: u8 = 2;
/// The bit of its third rarest key.
const THIRD_KEY: u8 = 4;
/// All keys: the program may match.
const ALL_KEYS: u8 = FIRST_KEY | SECOND_KEY | THIRD_KEY;
/// How far a program's number is shifted in a posting, past its key bits.
const KEY_BITS: u32 = 3;

impl ProgramIndex {
    /// An index over `programs`, all compiled against `atoms`.
    pub fn new<'p>(atoms: &AtomTable, programs: impl Iterator<Item = &'p Program>) -> Self {
        let mut by_atom: Vec<Vec<u32>> = vec![Vec::new(); atoms.len()];
        let mut always = Vec::new();
        let count = atoms.program_count as usize;
        let mut seen = vec![false; count];
        for program in programs {
            if let Some(flag) = seen.get_mut(program.index as usize) {
                *flag = true;
            }
            let (code, number) = (program.code(), program.index);
            let mut key = |set: &[AtomId], bits: u8| {
                for &atom in set {
                    let list = &mut by_atom[atom as usize];
                    let entry = number << KEY_BITS | u32::from(bits);
                    // An atom in several keys stands for each.
                    match list.last_mut() {
                        Some(last) if *last >> KEY_BITS == number => *last |= entry,
                        _ => list.push(entry),
                    }
                }
            };
            // Every required atom, and every mandatory item's atoms (one
            // of which every match has), rarest-looking first.
            let mut items: Vec<&[AtomId]> = code
                .required
                .iter()
                .map(std::slice::from_ref)
                .chain(
                    code.pivots
                        .iter()
                        .filter(|p| !p.num && !p.atoms.is_empty())
                        .map(|p| &*p.atoms),
                )
                .collect();
            items.sort_by_key(|set| std::cmp::Reverse(atoms.rarity(set)));
            items.dedup();
            match items.as_slice() {
                [] if code.first_num || code.first.is_empty() => always.push(number),
                [] => key(&code.first, ALL_KEYS),
                [only] => key(only, ALL_KEYS),
                [rarest, second, ..] if second.len() > FILTER_MAX_SET => key(rarest, ALL_KEYS),
                [rarest, second, rest @ ..] => {
                    key(rarest, FIRST_KEY);
                    match rest.first().filter(|third| third.len() <= FILTER_MAX_SET) {
                        Some(third) => {
                            key(second, SECOND_KEY);
                            key(third, THIRD_KEY);
                        }
                        None => key(second, SECOND_KEY | THIRD_KEY),
                    }
                }
            }
        }
        // A program left out of `programs` is never skipped.
        always.extend((0..count as u32).filter(|&i| !seen[i as usize]));
        ProgramIndex {
            by_atom: Words::of_lists(&by_atom),
            always,
            count,
        }
    }

    /// Marks in `words` the programs its atoms can wake.
    pub fn mark(&self, words: &mut WordAtoms) {
        let mut candidates = vec![0u8; self.count];
        for &program in &self.always {
            candidates[program as usize] = ALL_KEYS;
        }
        for &atom in &words.present_atoms {
            for entry in self.by_atom.list(atom as usize) {
                if let Some(keys) = candidates.get_mut((entry >> KEY_BITS) as usize) {
                    *keys |= (entry & u32::from(ALL_KEYS)) as u8;
                }
            }
        }
        words.candidates = candidates;
    }
}

/// Compiles patterns of one locale, resolving `$class` references.
pub struct Compiler<'a> {
    atoms: &'a mut AtomTable,
    /// The pack's `not_negating` words (sorted atoms).
    not_negating: Vec<AtomId>,
    classes: &'a HashMap<String, Vec<String>>,
    resolving: Vec<String>,
    /// Classes already parsed: a class is parsed once however often it is used.
    parsed: HashMap<String, Node>,
}

/// A parsed pattern before it becomes a program.
#[derive(Debug, Clone)]
enum Node {
    Word(AtomId),
    Num,
    Gap(usize),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Opt(Box<Node>),
    Focus(usize),
    /// `!N(a|b)`: none of the `N` words before this point (`!>N(a|b)`:
    /// after it) is one of these; it matches no word itself.
    Not(NotItem),
    /// A word class: its phrases as one alternative, worked out once.
    Class(Rc<ClassNode>),
}

/// Which words beside a point a negation item reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Look {
    /// How many words (at most [`MAX_GAP`]).
    window: u8,
    /// The words after the point (`!>`) rather than before it (`!`).
    ahead: bool,
}

impl Look {
    /// The words read from word `at`, inside the words `sentence`.
    fn read(self, at: usize, sentence: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        let window = usize::from(self.window);
        if self.ahead {
            at..(at + window).min(sentence.end)
        } else {
            at.saturating_sub(window).max(sentence.start)..at
        }
    }
}

/// What a negation item looks for.
#[derive(Debug, Clone)]
struct NotItem {
    /// The negators (sorted).
    atoms: Vec<AtomId>,
    /// Negating phrases of several words, one atom per word.
    phrases: Vec<Vec<AtomId>>,
    /// Which words it reads.
    look: Look,
    /// Words that keep a negator right before them from negating (sorted).
    except: Vec<AtomId>,
}

/// A word class as every pattern that uses it sees it. Its phrases are
/// parsed once, and what each pattern's compilation needs to know of them
/// (span marks, bounds, first and required atoms, instructions) is worked
/// out once too, instead of once per pattern that names the class.
#[derive(Debug)]
struct ClassNode {
    focus_marks: usize,
    can_be_empty: bool,
    length_bounds: (usize, usize),
    /// As [`collect_first`] finds them (unsorted), `None` when any word
    /// may come first.
    first: Option<(Vec<AtomId>, bool)>,
    required: Vec<AtomId>,
    /// Atoms one of which every phrase of the class contains (see
    /// [`deep_pivot`]), if each phrase has such an item.
    pivot: Option<Pivot>,
    /// The class's instructions, emitted at position 0 with its sets
    /// numbered from 0; [`Emitter::emit`] copies them in, moved.
    block: Emitter,
}

impl ClassNode {
    fn new(alternatives: Node, rarity: &dyn Fn(&[AtomId]) -> usize) -> Self {
        let mut block = Emitter::default();
        block.emit(&alternatives);
        let mut first = Vec::new();
        let first = collect_first(&alternatives, &mut first).map(|num| (first, num));
        ClassNode {
            focus_marks: count_focus(&alternatives),
            can_be_empty: can_be_empty(&alternatives),
            length_bounds: length_bounds(&alternatives),
            first,
            required: required_atoms(&alternatives),
            pivot: deep_pivot(&alternatives, rarity),
            block,
        }
    }
}

impl<'a> Compiler<'a> {
    /// A compiler that adds atoms to `atoms` and reads `classes` (name →
    /// the class's phrases, each a pattern).
    pub fn new(atoms: &'a mut AtomTable, classes: &'a HashMap<String, Vec<String>>) -> Self {
        Compiler {
            atoms,
            not_negating: Vec::new(),
            classes,
            resolving: Vec::new(),
            parsed: HashMap::new(),
        }
    }

    /// Adds a word that keeps a negator right before it from negating
    /// (`don't worry`, `non solo`, `не само`): every `!` guard compiled
    /// afterwards passes over such a negator. It must be one word.
    pub fn add_not_negating(&mut self, word: &str) -> Result<(), PatternError> {
        let Node::Word(atom) = self.word(word, Affix::Exact, 0)? else {
            return Err(PatternError {
                offset: 0,
                message: format!("`{word}` is not one word"),
            });
        };
        if let Err(at) = self.not_negating.binary_search(&atom) {
            self.not_negating.insert(at, atom);
        }
        Ok(())
    }

    /// Compiles one pattern.
    pub fn compile(&mut self, pattern: &str) -> Result<Program, PatternError> {
        let node = self.parse(pattern)?;
        let focus_marks = count_focus(&node);
        if focus_marks != 0 && focus_marks != 2 {
            return Err(PatternError {
                offset: 0,
                message: "`[` and `]` must appear once each, around the reported words".into(),
            });
        }
        if can_be_empty(&node) {
            return Err(PatternError {
                offset: 0,
                message: "the pattern can match no words at all".into(),
            });
        }
        if starts_or_ends_with_gap(&node) {
            return Err(PatternError {
                offset: 0,
                message: "a pattern cannot start or end with a gap `...`".into(),
            });
        }
        let mut out = Emitter::default();
        if focus_marks == 0 {
            out.insts.push(Inst::Save(0));
        }
        out.emit(&node);
        if focus_marks == 0 {
            out.insts.push(Inst::Save(1));
        }
        out.insts.push(Inst::Match);
        let Emitter {
            mut insts,
            sets,
            phrases,
        } = out;
        // One visited buffer for every split's walk: a walk marks what it
        // visits with its own number, so nothing is cleared between walks.
        let mut seen = Visited {
            marks: vec![0; insts.len()],
            walk: 0,
        };
        let mut walked = Vec::new();
        let guards: Vec<Option<Vec<AtomId>>> = insts
            .iter()
            .map(|inst| match *inst {
                Inst::Split(a, _) => {
                    let mut any = false;
                    walked.clear();
                    seen.walk += 1;
                    first_set(&insts, &sets, a as usize, &mut walked, &mut any, &mut seen);
                    (!any).then(|| {
                        walked.sort_unstable();
                        walked.dedup();
                        walked.clone()
                    })
                }
                _ => None,
            })
            .collect();
        let mut first = Vec::new();
        let mut first_num = false;
        seen.walk += 1;
        first_set(&insts, &sets, 0, &mut first, &mut first_num, &mut seen);
        first.sort_unstable();
        first.dedup();
        let first_set = if first.len() > FILTER_MAX_SET {
            self.atoms.set_id(&Arc::from(first.as_slice())).1
        } else {
            u32::MAX
        };
        let chains = build_chains(&mut insts, &mut seen);
        let required = required_atoms(&node);
        let index = self.atoms.program_count;
        self.atoms.program_count += 1;
        let mut pivots = pivots(&node, &|set: &[AtomId]| self.atoms.rarity(set));
        for pivot in pivots.iter_mut().filter(|p| p.atoms.len() > 1) {
            (pivot.atoms, pivot.set) = self.atoms.set_id(&pivot.atoms);
        }
        for pivot in &mut pivots {
            pivot.is_first = pivot.max_before == 0
                && pivot.num == first_num
                && *pivot.atoms == *first.as_slice();
        }
        // The first of the rarest-looking, a word's own pivot before a
        // deeper one that looks as rare.
        let short_pivot = pivots
            .iter()
            .enumerate()
            .max_by_key(|&(i, p)| (self.atoms.rarity(&p.atoms), std::cmp::Reverse(i)))
            .map_or(0, |(i, _)| i as u32);
        Ok(Program {
            index,
            filter: Filter::of(&required, (&first, first_num), &pivots),
            code: Lazy::new(Code {
                body: Lazy::new(Body {
                    insts,
                    sets: AtomLists::of(&sets),
                    guards: AtomLists::of_optional(guards.iter().map(Option::as_deref)),
                    chains,
                    phrases,
                }),
                first,
                first_set,
                first_num,
                required,
                pivots,
                short_pivot,
            }),
        })
    }

    /// The item after `!` (or `!>`): a word or a group of single words,
    /// none of which may come in the words `look` reads.
    fn not(
        &mut self,
        tokens: &[(usize, Tok<'_>)],
        pos: &mut usize,
        pattern: &str,
        look: Look,
        offset: usize,
    ) -> Result<Node, PatternError> {
        let wrong = || {
            PatternError {
            offset,
            message: "`!` must be followed by a word (`!not`), a group of words or phrases (`!(not|never|by no means)`) or a class of single words (`!$negator`)".into(),
        }
        };
        let node = match tokens.get(*pos) {
            Some(&(at, Tok::Word(word, affix))) => {
                *pos += 1;
                self.word(word, affix, at)?
            }
            Some(&(at, Tok::Class(name))) => {
                *pos += 1;
                // A class of single words (`negator = ["not", "never"]`) is
                // one atom or one set once emitted.
                let Node::Class(class) = self.class(name, at)? else {
                    return Err(wrong());
                };
                return match class.block.insts.as_slice() {
                    [Inst::Atom(atom)] => Ok(self.not_item(vec![*atom], Vec::new(), look)),
                    [Inst::Set(set)] => {
                        let atoms = class.block.sets[*set as usize].clone();
                        Ok(self.not_item(atoms, Vec::new(), look))
                    }
                    _ => Err(PatternError {
                        offset: at,
                        message: format!("`!${name}` needs a class of single words"),
                    }),
                };
            }
            Some(&(at, Tok::Open)) => self.group(tokens, pos, pattern, at)?,
            _ => return Err(wrong()),
        };
        // One word, or a phrase of several (`!>(as planned)`).
        let words = |node: &Node| match node {
            Node::Word(atom) => Ok(vec![*atom]),
            Node::Seq(items) => items
                .iter()
                .map(|item| match item {
                    Node::Word(atom) => Ok(*atom),
                    _ => Err(wrong()),
                })
                .collect::<Result<Vec<_>, _>>(),
            _ => Err(wrong()),
        };
        let alternatives = match &node {
            Node::Alt(alternatives) => alternatives
                .iter()
                .map(words)
                .collect::<Result<Vec<_>, _>>()?,
            other => vec![words(other)?],
        };
        let (mut atoms, mut phrases) = (Vec::new(), Vec::new());
        for alternative in alternatives {
            match *alternative.as_slice() {
                [atom] => atoms.push(atom),
                _ => phrases.push(alternative),
            }
        }
        atoms.sort_unstable();
        atoms.dedup();
        phrases.sort_unstable();
        phrases.dedup();
        Ok(self.not_item(atoms, phrases, look))
    }

    /// The group `( … )` whose `(` is at token `*pos` (byte `offset`).
    fn group(
        &mut self,
        tokens: &[(usize, Tok<'_>)],
        pos: &mut usize,
        pattern: &str,
        offset: usize,
    ) -> Result<Node, PatternError> {
        *pos += 1;
        let inner = self.parse_alt(tokens, pos, pattern)?;
        match tokens.get(*pos) {
            Some((_, Tok::Close)) => *pos += 1,
            _ => {
                return Err(PatternError {
                    offset,
                    message: "`(` is never closed".into(),
                });
            }
        }
        Ok(inner)
    }

    /// A negation item for the sorted negators `atoms` and the negating
    /// phrases `phrases`.
    fn not_item(&self, atoms: Vec<AtomId>, phrases: Vec<Vec<AtomId>>, look: Look) -> Node {
        Node::Not(NotItem {
            atoms,
            phrases,
            look,
            except: self.not_negating.clone(),
        })
    }

    fn parse(&mut self, pattern: &str) -> Result<Node, PatternError> {
        let tokens = lex(pattern)?;
        let mut pos = 0;
        let node = self.parse_alt(&tokens, &mut pos, pattern)?;
        if pos < tokens.len() {
            return Err(PatternError {
                offset: tokens[pos].0,
                message: "unbalanced `)`".into(),
            });
        }
        Ok(node)
    }

    fn parse_alt(
        &mut self,
        tokens: &[(usize, Tok<'_>)],
        pos: &mut usize,
        pattern: &str,
    ) -> Result<Node, PatternError> {
        let mut alternatives = vec![self.parse_seq(tokens, pos, pattern)?];
        while let Some((offset, Tok::Bar)) = tokens.get(*pos) {
            let offset = *offset;
            *pos += 1;
            alternatives.push(self.parse_seq(tokens, pos, pattern)?);
            // The first alternative is checked with the second, each later one as it comes.
            let first_empty = alternatives.len() == 2 && can_be_empty(&alternatives[0]);
            if first_empty || alternatives.last().is_some_and(can_be_empty) {
                return Err(PatternError {
                    offset,
                    message: "an alternative can match no words, which makes the whole group optional; write `(a|b)?` for an optional group, or `word*` for a word with endings".into(),
                });
            }
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Seq(Vec::new()))
        } else {
            Node::Alt(alternatives)
        })
    }

    fn parse_seq(
        &mut self,
        tokens: &[(usize, Tok<'_>)],
        pos: &mut usize,
        pattern: &str,
    ) -> Result<Node, PatternError> {
        // Most sequences (the alternatives of a group) are one item: it
        // is only put in a vector when a second one follows.
        let mut single: Option<Node> = None;
        let mut items = Vec::new();
        while let Some((offset, tok)) = tokens.get(*pos) {
            let offset = *offset;
            let item = match tok {
                Tok::Bar | Tok::Close => break,
                Tok::Open => self.group(tokens, pos, pattern, offset)?,
                Tok::Word(word, affix) => {
                    *pos += 1;
                    self.word(word, *affix, offset)?
                }
                Tok::Class(name) => {
                    *pos += 1;
                    self.class(name, offset)?
                }
                Tok::Num => {
                    *pos += 1;
                    Node::Num
                }
                Tok::Gap(n) => {
                    *pos += 1;
                    Node::Gap(*n)
                }
                Tok::FocusOpen => {
                    *pos += 1;
                    Node::Focus(0)
                }
                Tok::FocusClose => {
                    *pos += 1;
                    Node::Focus(1)
                }
                Tok::Not(look) => {
                    *pos += 1;
                    self.not(tokens, pos, pattern, *look, offset)?
                }
                Tok::Question => {
                    return Err(PatternError {
                        offset,
                        message: "`?` must follow a word or a group".into(),
                    });
                }
            };
            let item = if let Some((_, Tok::Question)) = tokens.get(*pos) {
                *pos += 1;
                if matches!(item, Node::Gap(_) | Node::Focus(_) | Node::Not(..)) {
                    return Err(PatternError {
                        offset,
                        message: "`?` cannot follow a gap, a span mark or `!`".into(),
                    });
                }
                Node::Opt(Box::new(item))
            } else {
                item
            };
            match single.take() {
                None if items.is_empty() => single = Some(item),
                None => items.push(item),
                Some(first) => {
                    items.reserve(4);
                    items.push(first);
                    items.push(item);
                }
            }
        }
        if let Some(item) = single {
            return Ok(item);
        }
        if items.is_empty() {
            let offset = tokens.get(*pos).map_or(pattern.len(), |t| t.0);
            return Err(PatternError {
                offset,
                message: "empty alternative or pattern".into(),
            });
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::Seq(Vec::new()))
        } else {
            Node::Seq(items)
        })
    }

    fn word(&mut self, word: &str, affix: Affix, offset: usize) -> Result<Node, PatternError> {
        if affix == Affix::Suffix && word.chars().count() < MIN_SUFFIX_CHARS {
            return Err(PatternError {
                offset,
                message: format!("a suffix (`*{word}`) needs at least {MIN_SUFFIX_CHARS} letters"),
            });
        }
        // Most pattern words are already in matching form.
        if !word.is_empty()
            && word
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return Ok(Node::Word(self.atoms.intern(word, affix)));
        }
        // Split and normalized as a text's words are; only the first part
        // keeps a suffix mark and only the last a prefix mark.
        let mut parts: Vec<String> = Vec::new();
        each_normalized_word(word, |w| parts.push(w.to_owned()));
        if parts.is_empty() {
            return Err(PatternError {
                offset,
                message: format!("`{word}` holds no letters or digits"),
            });
        }
        let last = parts.len() - 1;
        let nodes: Vec<Node> = parts
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let affix = match affix {
                    Affix::Prefix if i == last => Affix::Prefix,
                    Affix::Suffix if i == 0 => Affix::Suffix,
                    _ => Affix::Exact,
                };
                Node::Word(self.atoms.intern(part, affix))
            })
            .collect();
        Ok(if nodes.len() == 1 {
            nodes.into_iter().next().unwrap_or(Node::Seq(Vec::new()))
        } else {
            Node::Seq(nodes)
        })
    }

    fn class(&mut self, name: &str, offset: usize) -> Result<Node, PatternError> {
        let Some(phrases) = self.classes.get(name) else {
            let mut known: Vec<&String> = self.classes.keys().collect();
            known.sort();
            let known: Vec<String> = known.iter().map(|k| format!("${k}")).collect();
            return Err(PatternError {
                offset,
                message: format!(
                    "unknown word class `${name}` (the pack defines: {})",
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ),
            });
        };
        if let Some(node) = self.parsed.get(name) {
            return Ok(node.clone());
        }
        if self.resolving.iter().any(|n| n == name) {
            return Err(PatternError {
                offset,
                message: format!("word class `${name}` refers to itself"),
            });
        }
        self.resolving.push(name.to_owned());
        let mut alternatives = Vec::with_capacity(phrases.len());
        for phrase in phrases {
            let node = self.parse(phrase).map_err(|e| PatternError {
                offset,
                message: format!("in word class `${name}`, phrase `{phrase}`: {}", e.message),
            })?;
            alternatives.push(node);
        }
        self.resolving.pop();
        let atoms = &*self.atoms;
        let rarity = |set: &[AtomId]| atoms.rarity(set);
        let node = Node::Class(Rc::new(ClassNode::new(Node::Alt(alternatives), &rarity)));
        self.parsed.insert(name.to_owned(), node.clone());
        Ok(node)
    }
}

/// A token of a pattern; words and class names borrow from its text.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'p> {
    Word(&'p str, Affix),
    Class(&'p str),
    Num,
    Gap(usize),
    Open,
    Close,
    Bar,
    Question,
    FocusOpen,
    FocusClose,
    /// `!` or `!>` and its window (`!3`: three words back; `!>2`: two
    /// ahead; `!`: one back).
    Not(Look),
}

/// The words a pattern names (with or without a prefix or ending mark),
/// in matching form, as its compilation reads them; none when it does not
/// parse. Class and built-in names and `!` windows are not words.
pub fn pattern_words(pattern: &str) -> Vec<String> {
    let mut words = Vec::new();
    for (_, tok) in lex(pattern).unwrap_or_default() {
        if let Tok::Word(word, _) = tok {
            each_normalized_word(word, |w| words.push(w.to_owned()));
        }
    }
    words
}

fn lex(pattern: &str) -> Result<Vec<(usize, Tok<'_>)>, PatternError> {
    // Where the word starting at `from` ends: at a space, a delimiter, or
    // a gap's dots.
    let word_end = |from: usize| {
        pattern[from..]
            .find(|d: char| {
                d.is_whitespace()
                    || matches!(
                        d,
                        '(' | ')' | '|' | '?' | '[' | ']' | '$' | '#' | '.' | '…' | '!'
                    )
            })
            .map_or(pattern.len(), |n| from + n)
    };
    let mut tokens = Vec::with_capacity(pattern.len() / 4);
    let mut i = 0;
    while let Some(c) = pattern[i..].chars().next() {
        match c {
            c if c.is_whitespace() => i += c.len_utf8(),
            '(' | ')' | '|' | '?' | '[' | ']' => {
                tokens.push((
                    i,
                    match c {
                        '(' => Tok::Open,
                        ')' => Tok::Close,
                        '|' => Tok::Bar,
                        '?' => Tok::Question,
                        '[' => Tok::FocusOpen,
                        _ => Tok::FocusClose,
                    },
                ));
                i += 1;
            }
            '.' | '…' => {
                let start = i;
                let mut dots = 0;
                while let Some(d) = pattern[i..].chars().next() {
                    match d {
                        '.' => dots += 1,
                        '…' => dots += 3,
                        _ => break,
                    }
                    i += d.len_utf8();
                }
                if dots != 3 {
                    return Err(PatternError {
                        offset: start,
                        message: "a gap is written `...` or `...N`".into(),
                    });
                }
                let n = count_after(pattern, &mut i, DEFAULT_GAP).ok_or_else(|| PatternError {
                    offset: start,
                    message: format!("a gap must be between 1 and {MAX_GAP} words"),
                })?;
                tokens.push((start, Tok::Gap(n)));
            }
            '!' => {
                let start = i;
                i += 1;
                let ahead = pattern[i..].starts_with('>');
                i += usize::from(ahead);
                let window = count_after(pattern, &mut i, 1).ok_or_else(|| PatternError {
                    offset: start,
                    message: if ahead {
                        format!("`!>N` looks ahead between 1 and {MAX_GAP} words")
                    } else {
                        format!("`!N` looks back between 1 and {MAX_GAP} words")
                    },
                })?;
                // (`count_after` keeps it within MAX_GAP.)
                let window = u8::try_from(window).unwrap_or(u8::MAX);
                tokens.push((start, Tok::Not(Look { window, ahead })));
            }
            '$' | '#' => {
                let start = i + 1;
                let end = pattern[start..]
                    .find(|d: char| !(d.is_alphanumeric() || d == '_' || d == '-'))
                    .map_or(pattern.len(), |n| start + n);
                let name = &pattern[start..end];
                let at = i;
                i = end;
                if c == '#' {
                    if name != "num" {
                        return Err(PatternError {
                            offset: at,
                            message: format!("unknown built-in `#{name}` (known: #num)"),
                        });
                    }
                    tokens.push((at, Tok::Num));
                } else if name.is_empty() {
                    return Err(PatternError {
                        offset: at,
                        message: "`$` must be followed by a class name".into(),
                    });
                } else {
                    tokens.push((at, Tok::Class(name)));
                }
            }
            _ => {
                let end = word_end(i + c.len_utf8());
                let mut word = &pattern[i..end];
                let at = i;
                i = end;
                let affix = if let Some(stem) = word.strip_suffix('*') {
                    word = stem;
                    Affix::Prefix
                } else if let Some(ending) = word.strip_prefix('*') {
                    word = ending;
                    Affix::Suffix
                } else {
                    Affix::Exact
                };
                if word.contains('*') {
                    return Err(PatternError {
                        offset: at,
                        message: "`*` may only end a word (`scus*`) or start one (`*eremo`)".into(),
                    });
                }
                tokens.push((at, Tok::Word(word, affix)));
            }
        }
    }
    Ok(tokens)
}

/// The word count written at byte `*i` (`3` of `...3` or `!3`), or
/// `default` when none is; `None` when it is 0 or above [`MAX_GAP`]. Moves
/// `*i` past the digits.
fn count_after(pattern: &str, i: &mut usize, default: usize) -> Option<usize> {
    let digits_end = pattern[*i..]
        .find(|d: char| !d.is_ascii_digit())
        .map_or(pattern.len(), |n| *i + n);
    let digits = &pattern[*i..digits_end];
    *i = digits_end;
    let n = if digits.is_empty() {
        default
    } else {
        digits.parse().unwrap_or(usize::MAX)
    };
    (1..=MAX_GAP).contains(&n).then_some(n)
}

/// The fewest and most words `node` can match.
fn length_bounds(node: &Node) -> (usize, usize) {
    match node {
        Node::Word(_) | Node::Num => (1, 1),
        Node::Gap(n) => (0, *n),
        Node::Focus(_) | Node::Not(..) => (0, 0),
        Node::Opt(inner) => (0, length_bounds(inner).1),
        Node::Seq(items) => items
            .iter()
            .map(length_bounds)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Node::Alt(alternatives) => alternatives
            .iter()
            .map(length_bounds)
            .fold((usize::MAX, 0), |a, b| (a.0.min(b.0), a.1.max(b.1))),
        Node::Class(class) => class.length_bounds,
    }
}

/// The atoms the first word of a match of `node` may satisfy, and whether it
/// may be a number; `None` when any word may come first.
fn first_atoms(node: &Node) -> Option<(Vec<AtomId>, bool)> {
    let mut atoms = Vec::new();
    let num = collect_first(node, &mut atoms)?;
    atoms.sort_unstable();
    atoms.dedup();
    Some((atoms, num))
}

/// Adds to `atoms` those the first word of a match of `node` may satisfy
/// (unsorted), returning whether it may be a number; `None` when any word
/// may come first.
fn collect_first(node: &Node, atoms: &mut Vec<AtomId>) -> Option<bool> {
    match node {
        Node::Word(atom) => {
            atoms.push(*atom);
            Some(false)
        }
        Node::Num => Some(true),
        Node::Gap(_) => None,
        Node::Focus(_) | Node::Not(..) => Some(false),
        Node::Opt(inner) => collect_first(inner, atoms),
        Node::Alt(alternatives) => {
            let mut num = false;
            for a in alternatives.iter() {
                num |= collect_first(a, atoms)?;
            }
            Some(num)
        }
        Node::Seq(items) => {
            let mut num = false;
            for item in items {
                num |= collect_first(item, atoms)?;
                if !can_be_empty(item) {
                    break;
                }
            }
            Some(num)
        }
        Node::Class(class) => {
            let (first, num) = class.first.as_ref()?;
            atoms.extend_from_slice(first);
            Some(*num)
        }
    }
}

/// The mandatory top-level items of `node` a search can be driven by: each
/// item's first words, and for an item with alternatives (a class, `(a|b)`)
/// also the [`deep_pivot`] inside it, when it differs.
fn pivots(node: &Node, rarity: &dyn Fn(&[AtomId]) -> usize) -> Vec<Pivot> {
    let items: Vec<&Node> = match node {
        Node::Seq(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut out: Vec<Pivot> = Vec::new();
    let (mut min_before, mut max_before) = (0, 0);
    for item in items {
        if !can_be_empty(item)
            && let Some((atoms, num)) = first_atoms(item)
        {
            // Words, numbers and alternatives of single words are their
            // own deep pivot.
            let deep = match item {
                Node::Alt(alternatives)
                    if alternatives
                        .iter()
                        .all(|a| matches!(a, Node::Word(_) | Node::Num)) =>
                {
                    None
                }
                Node::Alt(_) | Node::Class(_) | Node::Seq(_) => {
                    deep_pivot(item, rarity).filter(|d| *d.atoms != *atoms || d.num != num)
                }
                _ => None,
            };
            out.push(Pivot {
                atoms: atoms.into(),
                num,
                min_before,
                max_before,
                is_first: false,
                set: u32::MAX,
            });
            if let Some(deep) = deep {
                out.push(Pivot {
                    min_before: min_before + deep.min_before,
                    max_before: max_before + deep.max_before,
                    ..deep
                });
            }
        }
        let (lo, hi) = length_bounds(item);
        min_before += lo;
        max_before += hi;
    }
    out
}

/// Atoms one of which every match of `node` contains, found between
/// `min_before` and `max_before` words after the match's start: for a
/// sequence, the rarest such item of its mandatory items (by `rarity`); for
/// alternatives, the union of each alternative's own. A class whose phrases
/// all start with common words (`we`, `i`) but each hold a rare one
/// (`sorry`, `apologi*`, `regret`) is then searched from the rare ones.
/// `None` when some way of matching `node` has no such item.
fn deep_pivot(node: &Node, rarity: &dyn Fn(&[AtomId]) -> usize) -> Option<Pivot> {
    match node {
        Node::Word(atom) => Some(Pivot {
            atoms: Arc::from([*atom]),
            num: false,
            min_before: 0,
            max_before: 0,
            is_first: false,
            set: u32::MAX,
        }),
        Node::Num => Some(Pivot {
            atoms: Arc::from([]),
            num: true,
            min_before: 0,
            max_before: 0,
            is_first: false,
            set: u32::MAX,
        }),
        Node::Gap(_) | Node::Opt(_) | Node::Focus(_) | Node::Not(..) => None,
        Node::Seq(items) => {
            let mut best: Option<(usize, Pivot)> = None;
            let (mut min_before, mut max_before) = (0, 0);
            for item in items {
                // A word is scored before its pivot is made: most are not the best.
                let word_score = match item {
                    Node::Word(atom) => Some(rarity(&[*atom])),
                    _ => None,
                };
                let better = |score: usize| best.as_ref().is_none_or(|(b, _)| score > *b);
                if word_score.is_none_or(better)
                    && let Some(pivot) = deep_pivot(item, rarity)
                {
                    // Numbers are about as rare as a four-letter word.
                    let score = if pivot.num {
                        4 * 64
                    } else {
                        word_score.unwrap_or_else(|| rarity(&pivot.atoms))
                    };
                    if better(score) {
                        let shifted = Pivot {
                            min_before: min_before + pivot.min_before,
                            max_before: max_before + pivot.max_before,
                            ..pivot
                        };
                        best = Some((score, shifted));
                    }
                }
                let (lo, hi) = length_bounds(item);
                min_before += lo;
                max_before += hi;
            }
            best.map(|(_, pivot)| pivot)
        }
        Node::Alt(alternatives) => {
            if alternatives.is_empty() {
                return None;
            }
            let mut atoms: Vec<AtomId> = Vec::new();
            let (mut num, mut min_before, mut max_before) = (false, usize::MAX, 0);
            for alternative in alternatives {
                let pivot = deep_pivot(alternative, rarity)?;
                atoms.extend_from_slice(&pivot.atoms);
                num |= pivot.num;
                min_before = min_before.min(pivot.min_before);
                max_before = max_before.max(pivot.max_before);
            }
            atoms.sort_unstable();
            atoms.dedup();
            Some(Pivot {
                atoms: atoms.into(),
                num,
                min_before,
                max_before,
                is_first: false,
                set: u32::MAX,
            })
        }
        Node::Class(class) => class.pivot.clone(),
    }
}

/// Atoms that every match of `node` must contain, sorted.
fn required_atoms(node: &Node) -> Vec<AtomId> {
    let mut all = Vec::new();
    add_required(node, &mut all);
    all.sort_unstable();
    all.dedup();
    all
}

/// Adds to `out` the atoms every match of `node` contains (unsorted, maybe
/// repeated): a sequence's items' atoms all go into one list.
fn add_required(node: &Node, out: &mut Vec<AtomId>) {
    match node {
        Node::Word(atom) => out.push(*atom),
        Node::Seq(items) => items.iter().for_each(|item| add_required(item, out)),
        Node::Alt(alternatives) => {
            let mut sets = alternatives.iter().map(required_atoms);
            let mut common = sets.next().unwrap_or_default();
            for set in sets {
                if common.is_empty() {
                    break;
                }
                common.retain(|a| set.binary_search(a).is_ok());
            }
            out.extend_from_slice(&common);
        }
        Node::Class(class) => out.extend_from_slice(&class.required),
        Node::Num | Node::Gap(_) | Node::Opt(_) | Node::Focus(_) | Node::Not(..) => {}
    }
}

fn count_focus(node: &Node) -> usize {
    match node {
        Node::Focus(_) => 1,
        Node::Seq(items) => items.iter().map(count_focus).sum(),
        Node::Alt(items) => items.iter().map(count_focus).sum::<usize>() * 3,
        Node::Opt(inner) => count_focus(inner) * 3,
        Node::Class(class) => class.focus_marks,
        _ => 0,
    }
}

fn can_be_empty(node: &Node) -> bool {
    match node {
        Node::Word(_) | Node::Num => false,
        Node::Gap(_) | Node::Opt(_) | Node::Focus(_) | Node::Not(..) => true,
        Node::Seq(items) => items.iter().all(can_be_empty),
        Node::Alt(items) => items.iter().any(can_be_empty),
        Node::Class(class) => class.can_be_empty,
    }
}

fn starts_or_ends_with_gap(node: &Node) -> bool {
    let Node::Seq(items) = node else {
        return matches!(node, Node::Gap(_));
    };
    let solid = |n: &&Node| !matches!(n, Node::Focus(_) | Node::Not(..));
    matches!(items.iter().find(solid), Some(Node::Gap(_)))
        || matches!(items.iter().rev().find(solid), Some(Node::Gap(_)))
}

/// Turns a parsed pattern into instructions.
#[derive(Debug, Default)]
struct Emitter {
    insts: Vec<Inst>,
    sets: Vec<Vec<AtomId>>,
    phrases: Vec<Vec<AtomId>>,
}

impl Emitter {
    fn emit(&mut self, node: &Node) {
        match node {
            Node::Word(atom) => self.insts.push(Inst::Atom(*atom)),
            Node::Num => self.insts.push(Inst::Num),
            Node::Focus(which) => self.insts.push(Inst::Save(*which as u8)),
            Node::Not(item) => {
                if !item.atoms.is_empty() {
                    let set = self.sets.len() as u32;
                    self.sets.push(item.atoms.clone());
                    let except = (!item.except.is_empty()).then(|| {
                        self.sets.push(item.except.clone());
                        set + 1
                    });
                    self.insts.push(Inst::Not(set, item.look, except));
                }
                if !item.phrases.is_empty() {
                    let first = self.phrases.len() as u32;
                    self.phrases.extend(item.phrases.iter().cloned());
                    let count = item.phrases.len() as u32;
                    self.insts.push(Inst::NotPhrase(first, count, item.look));
                }
            }
            Node::Seq(items) => items.iter().for_each(|item| self.emit(item)),
            Node::Class(class) => {
                // The same instructions emitting the class here would give:
                // targets and set numbers move by where the block lands.
                let base = self.insts.len() as u32;
                let first_set = self.sets.len() as u32;
                let first_phrase = self.phrases.len() as u32;
                self.insts
                    .extend(class.block.insts.iter().map(|inst| match *inst {
                        Inst::Split(a, b) => Inst::Split(a + base, b + base),
                        Inst::Jump(a) => Inst::Jump(a + base),
                        Inst::Set(s) => Inst::Set(s + first_set),
                        Inst::Not(s, look, except) => {
                            Inst::Not(s + first_set, look, except.map(|e| e + first_set))
                        }
                        Inst::NotPhrase(p, n, look) => Inst::NotPhrase(p + first_phrase, n, look),
                        ref other => other.clone(),
                    }));
                self.sets.extend(class.block.sets.iter().cloned());
                self.phrases.extend(class.block.phrases.iter().cloned());
            }
            Node::Gap(n) => {
                // Shortest first: each step may stop before taking one more word.
                let mut splits = Vec::with_capacity(*n);
                for _ in 0..*n {
                    splits.push(self.insts.len());
                    self.insts.push(Inst::Split(0, 0));
                    self.insts.push(Inst::Any);
                }
                let end = self.insts.len();
                for at in splits {
                    self.insts[at] = split_to(end, at + 1);
                }
            }
            Node::Opt(inner) => {
                let split = self.insts.len();
                self.insts.push(Inst::Split(0, 0));
                self.emit(inner);
                self.insts[split] = split_to(split + 1, self.insts.len());
            }
            Node::Alt(alternatives) => {
                // Runs of one-word alternatives become one set; the order of
                // the branches (and so which match wins) is unchanged.
                let mut branches: Vec<Branch<'_>> = Vec::new();
                for alternative in alternatives.iter() {
                    match (alternative, branches.last_mut()) {
                        (Node::Word(atom), Some(Branch::Set(set))) => set.push(*atom),
                        (Node::Word(atom), _) => branches.push(Branch::Set(vec![*atom])),
                        (other, _) => branches.push(Branch::Node(other)),
                    }
                }
                let mut jumps = Vec::new();
                let count = branches.len();
                for (i, branch) in branches.into_iter().enumerate() {
                    let split = (i + 1 < count).then(|| {
                        self.insts.push(Inst::Split(0, 0));
                        self.insts.len() - 1
                    });
                    match branch {
                        Branch::Set(set) if set.len() == 1 => self.insts.push(Inst::Atom(set[0])),
                        Branch::Set(mut set) => {
                            set.sort_unstable();
                            set.dedup();
                            self.insts.push(Inst::Set(self.sets.len() as u32));
                            self.sets.push(set);
                        }
                        Branch::Node(node) => self.emit(node),
                    }
                    if let Some(split) = split {
                        jumps.push(self.insts.len());
                        self.insts.push(Inst::Jump(0));
                        self.insts[split] = split_to(split + 1, self.insts.len());
                    }
                }
                let end = self.insts.len();
                for at in jumps {
                    self.insts[at] = Inst::Jump(end as u32);
                }
            }
        }
    }
}

/// A split to instructions `a` then `b` (a program's instructions are far
/// fewer than `u32::MAX`: patterns are size-limited).
fn split_to(a: usize, b: usize) -> Inst {
    Inst::Split(a as u32, b as u32)
}

/// One branch of an alternative while it is emitted.
enum Branch<'n> {
    Set(Vec<AtomId>),
    Node(&'n Node),
}

/// The instructions one walk of [`first_set`] (or [`build_chains`]) has
/// visited: those marked with the walk's number.
struct Visited {
    marks: Vec<u32>,
    walk: u32,
}

fn first_set(
    insts: &[Inst],
    sets: &[Vec<AtomId>],
    pc: usize,
    atoms: &mut Vec<AtomId>,
    num: &mut bool,
    seen: &mut Visited,
) {
    if seen.marks[pc] == seen.walk {
        return;
    }
    seen.marks[pc] = seen.walk;
    match insts[pc] {
        Inst::Atom(a) => atoms.push(a),
        Inst::Set(s) => atoms.extend_from_slice(&sets[s as usize]),
        Inst::Num => *num = true,
        // Unreachable for valid patterns (no leading gap, never empty).
        Inst::Any | Inst::Match => *num = true,
        Inst::Split(a, b) => {
            first_set(insts, sets, a as usize, atoms, num, seen);
            first_set(insts, sets, b as usize, atoms, num, seen);
        }
        Inst::Jump(a) => first_set(insts, sets, a as usize, atoms, num, seen),
        Inst::Save(_) | Inst::Not(..) | Inst::NotPhrase(..) => {
            first_set(insts, sets, pc + 1, atoms, num, seen)
        }
        // Chains are made after every walk.
        Inst::Chain(..) => *num = true,
    }
}

impl Program {
    /// The program's code, decoded from its rule image on first use.
    fn code(&self) -> &Code {
        self.code.get()
    }

    /// Whether the program can match anywhere in a text with these words.
    pub fn may_match(&self, words: &WordAtoms) -> bool {
        words
            .candidates
            .get(self.index as usize)
            .is_none_or(|&keys| keys == ALL_KEYS)
            && self.filter.passes(words)
            && self.code().may_match_beyond_filter(words)
    }

    /// Calls `found(start, match)` with every non-overlapping match starting
    /// inside the words `range`, leftmost first; a match starting at word
    /// `start` stays inside `sentence(start)` (the words of its sentence),
    /// and none starts where `sentence` gives `None`.
    pub fn for_each_match(
        &self,
        words: &WordAtoms,
        range: std::ops::Range<usize>,
        sentence: impl Fn(usize) -> Option<std::ops::Range<usize>>,
        found: impl FnMut(usize, WordMatch),
    ) {
        self.code().for_each_match(words, range, sentence, found);
    }

    /// Whether the program matches starting anywhere inside `range`.
    pub fn is_match(&self, words: &WordAtoms, range: std::ops::Range<usize>) -> bool {
        self.code().is_match(words, range)
    }
}

impl Code {
    /// Everything the code requires of a text, the filter's part included
    /// (what the filter's test is checked against).
    #[cfg(test)]
    fn may_match(&self, words: &WordAtoms) -> bool {
        self.required.iter().all(|&a| words.present(a))
            && (self.first_num || words.any_present(&self.first))
            && self.pivots.iter().all(|p| words.pivot_present(p))
    }

    /// [`Code::may_match`] less what the program's [`Filter`] has checked
    /// (the required atoms and the sets of at most [`FILTER_MAX_SET`]).
    fn may_match_beyond_filter(&self, words: &WordAtoms) -> bool {
        let large = |len: usize| len > FILTER_MAX_SET;
        (self.first_num
            || !large(self.first.len())
            || words.set_present(self.first_set, &self.first))
            // Every mandatory item must be somewhere in the text.
            && self
                .pivots
                .iter()
                .all(|p| !large(p.atoms.len()) || words.pivot_present(p))
    }

    /// Whether every required atom occurs in the words `start..limit`.
    fn required_within(&self, words: &WordAtoms, start: usize, limit: usize) -> bool {
        self.required.iter().all(|&atom| {
            let list = words.posting(atom);
            let at = list.partition_point(|&w| (w as usize) < start);
            list.get(at).is_some_and(|&w| (w as usize) < limit)
        })
    }

    /// Whether each mandatory item ([`Code::pivots`]) has a word where a
    /// match starting at `start` would reach it: between its fewest and
    /// most words after the start, before `limit`. Most starts fail here,
    /// in a few lookups, instead of inside [`Code::step`].
    fn pivots_within(&self, words: &WordAtoms, start: usize, limit: usize) -> bool {
        self.pivots.iter().all(|pivot| {
            let from = start + pivot.min_before;
            let to = (start + pivot.max_before + 1).min(limit);
            (from..to).any(|w| (pivot.num && words.numeric[w]) || words.has_any(w, &pivot.atoms))
        })
    }

    /// The words inside `range` where a match may start (ascending): those
    /// that satisfy one of the program's first atoms. A match lies inside
    /// one sentence, so a start is only looked for in the sentence of the
    /// mandatory word it would reach: `sentence_start(word)` is the first
    /// word of `word`'s sentence, or `None` when no match may start there.
    fn starts(
        &self,
        words: &WordAtoms,
        range: std::ops::Range<usize>,
        sentence_start: impl Fn(usize) -> Option<usize>,
    ) -> Vec<usize> {
        let occurrences = |p: &Pivot| words.occurrences(p);
        // With one pivot there is nothing to choose, and in a short text
        // any pivot has few words: counting each one's would cost more
        // (pack-sized tables read at random) than the starts it spares, so
        // the one that looked rarest when compiled is taken. Every pivot is
        // mandatory, so each gives every start a match can have: the
        // choice changes the work, never the matches.
        let pivot = match self.pivots.as_slice() {
            [] => return Vec::new(),
            [only] => only,
            all if words.len() <= SHORT_TEXT_WORDS => {
                all.get(self.short_pivot as usize).unwrap_or(&all[0])
            }
            all => all.iter().min_by_key(|p| occurrences(p)).unwrap_or(&all[0]),
        };
        // Where the pivot may be, given where a match may start.
        let widened = range.start + pivot.min_before..range.end;
        let mut hits: Vec<usize> = Vec::new();
        let mut lists = 0;
        words.each_present(&pivot.atoms, |list| {
            lists += 1;
            hits.extend(within(list, &widened));
        });
        if pivot.num {
            lists += 1;
            hits.extend(within(&words.numbers, &widened));
        }
        // Taken in order, the hits' windows of starts ascend, so each start
        // is checked once and the result comes out sorted and distinct (one
        // posting list already is).
        if lists > 1 {
            hits.sort_unstable();
            hits.dedup();
        }
        if pivot.is_first {
            return hits;
        }
        let mut out: Vec<usize> = Vec::with_capacity(hits.len());
        let mut unchecked = range.start;
        for hit in hits {
            let Some(floor) = sentence_start(hit) else {
                continue;
            };
            let lowest = hit
                .saturating_sub(pivot.max_before)
                .max(unchecked)
                .max(floor);
            let highest = hit - pivot.min_before;
            for start in lowest..=highest {
                if (self.first_num && words.numeric[start]) || words.has_any(start, &self.first) {
                    out.push(start);
                }
            }
            unchecked = unchecked.max(highest + 1);
        }
        out
    }

    /// See [`Program::for_each_match`].
    fn for_each_match(
        &self,
        words: &WordAtoms,
        range: std::ops::Range<usize>,
        sentence: impl Fn(usize) -> Option<std::ops::Range<usize>>,
        mut found: impl FnMut(usize, WordMatch),
    ) {
        let mut next = range.start;
        let sentence_start = |word| sentence(word).map(|s| s.start);
        for start in self.starts(words, range, sentence_start) {
            if start < next {
                continue;
            }
            let Some(sentence) = sentence(start) else {
                continue;
            };
            if let Some((end, m)) = self.run_at(words, start, &sentence) {
                found(start, m);
                next = end.max(start + 1);
            }
        }
    }

    /// See [`Program::is_match`].
    fn is_match(&self, words: &WordAtoms, range: std::ops::Range<usize>) -> bool {
        self.starts(words, range.clone(), |_| Some(range.start))
            .into_iter()
            .any(|s| self.run_at(words, s, &range).is_some())
    }

    /// The match starting at word `start` inside the words `sentence`.
    fn run_at(
        &self,
        words: &WordAtoms,
        start: usize,
        sentence: &std::ops::Range<usize>,
    ) -> Option<(usize, WordMatch)> {
        if !self.required_within(words, start, sentence.end)
            || !self.pivots_within(words, start, sentence.end)
        {
            return None;
        }
        let mut saves = [start, start];
        let mut budget = STEP_BUDGET;
        let end = self
            .body
            .get()
            .step(words, 0, start, sentence, &mut saves, &mut budget)?;
        Some((
            end,
            WordMatch {
                start: saves[0],
                end: saves[1],
            },
        ))
    }
}

impl Body {
    /// Runs the instructions from `pc` with word `at` next, inside the
    /// words `sentence`: where the match ends, or `None`.
    fn step(
        &self,
        words: &WordAtoms,
        mut pc: usize,
        mut at: usize,
        sentence: &std::ops::Range<usize>,
        saves: &mut [usize; 2],
        budget: &mut usize,
    ) -> Option<usize> {
        let limit = sentence.end;
        loop {
            // A pathological pattern (many gaps) gives up rather than hang.
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            match self.insts[pc] {
                Inst::Atom(a) => {
                    if at >= limit || !words.has(at, a) {
                        return None;
                    }
                    at += 1;
                    pc += 1;
                }
                Inst::Set(s) => {
                    if at >= limit || !words.has_any(at, self.sets.get(s as usize)) {
                        return None;
                    }
                    at += 1;
                    pc += 1;
                }
                Inst::Num => {
                    if at >= limit || !words.numeric[at] {
                        return None;
                    }
                    at += 1;
                    pc += 1;
                }
                Inst::Any => {
                    if at >= limit {
                        return None;
                    }
                    at += 1;
                    pc += 1;
                }
                Inst::Split(a, b) => {
                    if let Some(guard) = self.guards.optional(pc)
                        && (at >= limit || !words.has_any(at, guard))
                    {
                        pc = b as usize;
                        continue;
                    }
                    let before = *saves;
                    if let Some(end) = self.step(words, a as usize, at, sentence, saves, budget) {
                        return Some(end);
                    }
                    *saves = before;
                    pc = b as usize;
                }
                Inst::Jump(a) => pc = a as usize,
                Inst::Chain(id, from) => {
                    // As the splits `from..` would run one by one: each
                    // costs a step whether or not its branch is entered.
                    let chain = &self.chains[id as usize];
                    // A list from this thread's spares: chains are visited
                    // at many words, and a nested visit takes its own.
                    let mut candidates = SPARE_LISTS.with_borrow_mut(Vec::pop).unwrap_or_default();
                    let word = (at < limit).then_some(at);
                    chain.candidates(&self.guards, words, word, from, &mut candidates);
                    // The split at `from` was paid for above.
                    let mut paid = from as usize + 1;
                    // `Some(x)`: the visit ends, and the step returns `x`.
                    let mut ended = None;
                    for &j in &candidates {
                        let owed = j as usize + 1 - paid;
                        if *budget < owed {
                            ended = Some(None);
                            break;
                        }
                        *budget -= owed;
                        paid = j as usize + 1;
                        let before = *saves;
                        let branch = chain.branches[j as usize] as usize;
                        if let Some(end) = self.step(words, branch, at, sentence, saves, budget) {
                            ended = Some(Some(end));
                            break;
                        }
                        *saves = before;
                    }
                    SPARE_LISTS.with_borrow_mut(|spares| spares.push(candidates));
                    if let Some(end) = ended {
                        return end;
                    }
                    let owed = chain.branches.len() - paid;
                    if *budget < owed {
                        return None;
                    }
                    *budget -= owed;
                    pc = chain.last;
                }
                Inst::Not(s, look, except) => {
                    let set = self.sets.get(s as usize);
                    // A negator right before a `not_negating` word does not negate.
                    let excepted = |w: usize| {
                        except.is_some_and(|e| {
                            w + 1 < words.len() && words.has_any(w + 1, self.sets.get(e as usize))
                        })
                    };
                    let negates = |w: usize| words.has_any(w, set) && !excepted(w);
                    if look.read(at, sentence).any(negates) {
                        return None;
                    }
                    pc += 1;
                }
                Inst::NotPhrase(first, count, look) => {
                    let phrases = &self.phrases[first as usize..(first + count) as usize];
                    // Whether `phrase` lies at words `from..` inside the sentence.
                    let lies_at = |phrase: &[AtomId], from: usize| {
                        from >= sentence.start
                            && from + phrase.len() <= sentence.end
                            && phrase
                                .iter()
                                .enumerate()
                                .all(|(k, &a)| words.has(from + k, a))
                    };
                    // Ahead a phrase starts among the words read; back it ends there.
                    let negated = phrases.iter().any(|phrase| {
                        look.read(at, sentence).any(|w| {
                            let from = if look.ahead {
                                Some(w)
                            } else {
                                (w + 1).checked_sub(phrase.len())
                            };
                            from.is_some_and(|from| lies_at(phrase, from))
                        })
                    });
                    if negated {
                        return None;
                    }
                    pc += 1;
                }
                Inst::Save(i) => {
                    saves[usize::from(i)] = at;
                    pc += 1;
                }
                Inst::Match => return Some(at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    #[test]
    fn atom_lists_keep_a_repeated_list_once_and_refuse_a_slot_past_them() {
        let lists = AtomLists::of_optional(
            [Some(&[1, 2][..]), None, Some(&[1, 2][..]), Some(&[7][..])].into_iter(),
        );
        assert_eq!(lists.atoms, [1, 2, 7]);
        let bytes = postcard::to_allocvec(&lists).unwrap();
        let back: AtomLists = postcard::from_bytes(&bytes).unwrap();
        let read: Vec<Option<&[AtomId]>> = (0..4).map(|i| back.optional(i)).collect();
        assert_eq!(
            read,
            [Some(&[1, 2][..]), None, Some(&[1, 2][..]), Some(&[7][..])]
        );
        let forged = AtomListsImage {
            lists: vec![PooledList::Owned(vec![1, 2])],
            slots: vec![0, 1, 2],
        };
        let bytes = postcard::to_allocvec(&forged).unwrap();
        assert!(postcard::from_bytes::<AtomLists>(&bytes).is_err());
    }

    #[test]
    fn every_instruction_reads_back_as_written() {
        let look = |window, ahead| Look { window, ahead };
        let insts = vec![
            Inst::Atom(0),
            Inst::Atom(u32::MAX),
            Inst::Set(300),
            Inst::Num,
            Inst::Any,
            Inst::Split(1, 70_000),
            Inst::Jump(129),
            Inst::Save(1),
            Inst::Chain(5, 2),
            Inst::Not(9, look(3, false), None),
            Inst::Not(9, look(u8::MAX, true), Some(12)),
            Inst::NotPhrase(4, 2, look(2, true)),
            Inst::Match,
        ];
        #[derive(Serialize, Deserialize)]
        struct Insts(#[serde(with = "inst_bytes")] Vec<Inst>);
        let bytes = postcard::to_allocvec(&Insts(insts.clone())).unwrap();
        let back: Insts = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.0, insts);
        // One instruction whose kind is unknown, one cut short, one too
        // many, and a window past a byte.
        let read = |raw: &[u8]| {
            postcard::from_bytes::<Insts>(
                &postcard::to_allocvec(&serde_bytes::Bytes::new(raw)).unwrap(),
            )
            .map(|i| i.0)
        };
        assert_eq!(read(&[1, 10]), Ok(vec![Inst::Match]));
        assert!(read(&[1, 31]).is_err());
        assert!(read(&[1, 4, 1]).is_err());
        assert!(read(&[1, 10, 10]).is_err());
        assert!(read(&[1, 8, 1, 0x80, 0x02]).is_err());
    }
    use crate::text::Analysis;

    fn find(patterns: &[&str], classes: &[(&str, &[&str])], text: &str) -> Vec<String> {
        find_with(&[], patterns, classes, text)
    }

    /// [`find`] with a pack's `not_negating` words.
    fn find_with(
        not_negating: &[&str],
        patterns: &[&str],
        classes: &[(&str, &[&str])],
        text: &str,
    ) -> Vec<String> {
        let classes: HashMap<String, Vec<String>> = classes
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        let mut atoms = AtomTable::default();
        let programs: Vec<Program> = {
            let mut compiler = Compiler::new(&mut atoms, &classes);
            for word in not_negating {
                compiler.add_not_negating(word).unwrap();
            }
            patterns
                .iter()
                .map(|p| compiler.compile(p).unwrap())
                .collect()
        };
        let analysis = Analysis::new(text, &[], &|_| false);
        let words = atoms.classify((0..analysis.words().len()).map(|i| analysis.norm(i)));
        let mut out = Vec::new();
        for program in &programs {
            let mut matches = Vec::new();
            for sentence in analysis.sentences() {
                program.for_each_match(
                    &words,
                    sentence.words.clone(),
                    |_| Some(sentence.words.clone()),
                    |_, m| matches.push(m),
                );
            }
            for m in matches {
                out.push(analysis.span(m.start, m.end - 1).text(text).to_owned());
            }
        }
        out
    }

    /// `pattern` compiled against a table of its own.
    fn compiled(pattern: &str) -> (AtomTable, Program) {
        let mut atoms = AtomTable::default();
        let program = Compiler::new(&mut atoms, &HashMap::new())
            .compile(pattern)
            .unwrap();
        (atoms, program)
    }

    /// The matcher's view of `text`'s words, classified against `atoms`.
    fn classified(atoms: &AtomTable, text: &str) -> WordAtoms {
        let analysis = Analysis::new(text, &[], &|_| false);
        atoms.classify((0..analysis.words().len()).map(|i| analysis.norm(i)))
    }

    /// Whether `pattern`'s filter, and its code's own test, let a text
    /// with `text`'s words through.
    fn filtered(pattern: &str, text: &str) -> (bool, bool) {
        let (atoms, program) = compiled(pattern);
        let words = classified(&atoms, text);
        (
            program.filter.passes(&words),
            program.code().may_match(&words),
        )
    }

    #[test]
    fn a_list_of_programs_none_of_which_a_text_wakes_stays_encoded() {
        let mut atoms = AtomTable::default();
        let aliases = HashMap::new();
        let mut compiler = Compiler::new(&mut atoms, &aliases);
        let list = ["sorry for the delay", "we apologize"]
            .map(|pattern| compiler.compile(pattern).unwrap())
            .into_iter()
            .collect();
        let programs = Programs::new(list);
        let index = ProgramIndex::new(&atoms, programs.all().iter());
        let image = crate::rules::lazy::write_image(&programs).unwrap().leak();
        let woken = |text: &str| {
            let read: Programs = crate::rules::lazy::read_image(image).unwrap();
            let mut words = classified(&atoms, text);
            index.mark(&mut words);
            let live = words.live(&read).count();
            (live, read.list.is_decoded())
        };
        assert_eq!(woken("Thanks for your order."), (0, false));
        assert_eq!(woken("We apologize."), (1, true));
        // Numbers that do not follow one another: decoded to be asked.
        let apart = Programs::new(vec![compiled("sorry").1, compiled("oops").1]);
        assert_eq!(apart.first, None);
    }

    #[test]
    fn a_program_decodes_its_instructions_only_for_a_start_in_reach() {
        let (atoms, program) = compiled("(we|i) ...1 refunded (your|the) (fee|charge)");
        let image = crate::rules::lazy::write_image(&program).unwrap().leak();
        let program: Program = crate::rules::lazy::read_image(image).unwrap();
        let sentence = |words: &WordAtoms| {
            let all = 0..words.len();
            move |_| Some(all.clone())
        };
        // Every word is there, but `refunded` is three words past `we`.
        let words = classified(&atoms, "We have already refunded the fee.");
        let mut found = Vec::new();
        program.for_each_match(&words, 0..words.len(), sentence(&words), |s, m| {
            found.push((s, m))
        });
        assert!(found.is_empty());
        assert!(program.code.is_decoded() && !program.code().body.is_decoded());
        // In reach: the instructions are decoded, and match.
        let words = classified(&atoms, "We have refunded the fee.");
        program.for_each_match(&words, 0..words.len(), sentence(&words), |s, m| {
            found.push((s, m))
        });
        assert_eq!(found, [(0, WordMatch { start: 0, end: 5 })]);
        assert!(program.code().body.is_decoded());
    }

    #[test]
    fn a_short_text_finds_what_a_long_one_does_from_any_pivot() {
        // Several mandatory items: a short text starts from the one that
        // looked rarest when compiled, a long one from the rarest in it.
        let patterns = [
            "(we|i) ...3 (refunded|credited) (your|the) (fee|charge|#num)",
            "the ...2 (delay|wait) ...4 (was|is) (our|my) (fault|mistake)",
            "sorry ...4 (the|your) (delay|wait)",
            // The first mandatory item is not the first word.
            "(please|kindly)? accept ...3 (apology|apologies)",
        ];
        let short = "We know the wait was long. We refunded the fee, and I credited the 20. \
                     The delay on the order was our fault. Sorry for the wait. \
                     The wait is my mistake; the fee we refunded was the charge. \
                     Please accept our apology, and accept the apologies of the team.";
        let filler = " and so on".repeat(SHORT_TEXT_WORDS);
        let long = format!("{short}\nThe end{filler}.");
        let words = |text: &str| Analysis::new(text, &[], &|_| false).words().len();
        assert!(words(short) <= SHORT_TEXT_WORDS && words(&long) > SHORT_TEXT_WORDS);
        let found = find(&patterns, &[], short);
        assert_eq!(
            found,
            [
                "We refunded the fee",
                "I credited the 20",
                "The delay on the order was our fault",
                "The wait is my mistake",
                "Sorry for the wait",
                "Please accept our apology",
                "accept the apologies"
            ]
        );
        assert_eq!(find(&patterns, &[], &long), found);
    }

    #[test]
    fn the_filter_stops_what_the_code_would_and_never_more() {
        let pattern = "(we|i) ...3 (refunded|credited) (your|the) (fee|charge|#num)";
        // A mandatory set missing: both stop it, without the code decoded.
        assert_eq!(filtered(pattern, "We refunded you."), (false, false));
        // A number satisfies the last set.
        assert_eq!(filtered(pattern, "We credited the 20 euros."), (true, true));
        assert_eq!(filtered(pattern, "I refunded the fee."), (true, true));
        // A set is read up to its first atom the text has; the next set is
        // still found where its header says, here a last set that fails.
        let sets = "(we|i) (refunded|credited) (your|the) (fee|charge)";
        assert_eq!(filtered(sets, "We refunded your fee."), (true, true));
        assert_eq!(filtered(sets, "We refunded your money."), (false, false));
        assert_eq!(filtered(sets, "I credited the charge."), (true, true));
        // Required atoms.
        assert_eq!(
            filtered("sorry for (the|your) wait", "Sorry, no."),
            (false, false)
        );
        // A set larger than FILTER_MAX_SET is left to the code.
        let big: Vec<String> = (0..=FILTER_MAX_SET).map(|i| format!("w{i}x")).collect();
        let pattern = format!("sorry ({})", big.join("|"));
        assert_eq!(filtered(&pattern, "sorry indeed"), (true, false));
        // An image round trip reads the filter in place.
        let (_, program) = compiled("sorry for (the|your) wait");
        let image = postcard::to_allocvec(&program).unwrap().leak();
        let read: Program = postcard::from_bytes(image).unwrap();
        assert!(matches!(read.filter.0.bytes(), Cow::Borrowed(_)));
        assert_eq!(read.filter.0.bytes(), program.filter.0.bytes());
    }

    #[test]
    fn an_instruction_takes_sixteen_bytes() {
        // A decoded program is mostly instructions, and a long text wakes
        // thousands of programs: their size is the engine's memory.
        assert!(
            std::mem::size_of::<Inst>() <= 16,
            "{}",
            std::mem::size_of::<Inst>()
        );
    }

    #[test]
    fn an_image_table_looks_words_up_through_the_thread_cache() {
        let mut atoms = AtomTable::default();
        let classes = HashMap::new();
        let mut compiler = Compiler::new(&mut atoms, &classes);
        for pattern in ["sorry for (the|your) wait", "apolog* ...3 delay", "*ness"] {
            compiler.compile(pattern).unwrap();
        }
        assert_eq!(
            atoms.image_identity(),
            None,
            "a table built here is not cached"
        );
        let image = postcard::to_allocvec(&atoms).unwrap().leak();
        let read: AtomTable = postcard::from_bytes(image).unwrap();
        let identity = read.image_identity().expect("read in place");
        let view = |words: &WordAtoms| {
            (
                words.offsets.clone(),
                words.atoms.clone(),
                words.present_atoms.clone(),
                words.posting_words.clone(),
            )
        };
        let texts = [
            "Sorry for the wait, we apologise for the delay.",
            "Your wait: sorry! Apologies, the delay was our carelessness.",
            "Sorry for the wait, we apologise for the delay.",
        ];
        for (i, text) in texts.iter().enumerate() {
            let cached = classified(&read, text);
            assert_eq!(view(&cached), view(&classified(&atoms, text)), "{text}");
            if i == 0 {
                // The thread's first text of the table keeps nothing.
                let cache = WordCache::take(identity);
                assert!(cache.warm && cache.index.is_empty());
                cache.put_back();
            }
        }
        // The words are kept for the next text (from the thread's second
        // text on), with the atoms they have.
        let cache = WordCache::take(identity);
        assert!(cache.warm);
        assert!(cache.index.contains_key("apologies") && cache.index.contains_key("wait"));
        let mut found = Vec::new();
        let mut full = cache;
        full.push_atoms_of(&read, "apologies", &mut found);
        let mut direct = Vec::new();
        read.push_atoms_of("apologies", &mut direct);
        assert_eq!(found, direct);
        assert!(!found.is_empty());
        // A full cache still answers, without keeping the new word.
        while full.index.len() < CACHED_WORDS_MAX {
            let filler = format!("filler{}", full.index.len());
            full.index.insert(filler.into(), (0, 0));
        }
        let mut unseen = Vec::new();
        full.push_atoms_of(&read, "happiness", &mut unseen);
        let mut expected = Vec::new();
        read.push_atoms_of("happiness", &mut expected);
        assert_eq!(unseen, expected);
        assert!(!unseen.is_empty() && !full.index.contains_key("happiness"));
    }

    #[test]
    fn a_kept_posting_table_forgets_the_last_text() {
        let (atoms, program) = compiled("sorry for (the|your) wait");
        let classify = |text: &str| classified(&atoms, text);
        let first = classify("Sorry for the wait.");
        assert!(program.is_match(&first, 0..first.len()));
        drop(first);
        // The second text takes the first one's table, emptied.
        let second = classify("Thanks for your wait.");
        assert!(!program.is_match(&second, 0..second.len()));
        assert!(!program.may_match(&second));
        let mut sorry = Vec::new();
        atoms.atoms_of("sorry", |atom| sorry.push(atom));
        assert!(!sorry.is_empty());
        assert!(sorry.iter().all(|&atom| !second.present(atom)));
    }

    #[test]
    fn a_program_wakes_only_when_the_text_has_all_its_keys() {
        let classes = HashMap::new();
        let mut atoms = AtomTable::default();
        let mut compiler = Compiler::new(&mut atoms, &classes);
        let two = compiler.compile("we ... regret (the|this) delay").unwrap();
        let one = compiler.compile("sorry").unwrap();
        let index = ProgramIndex::new(&atoms, [&two, &one].into_iter());
        let woken = |text: &str| {
            let mut words = classified(&atoms, text);
            index.mark(&mut words);
            [&two, &one].map(|p| words.candidates[p.index as usize] == ALL_KEYS)
        };
        // "regret", "delay" and "the" or "this" are its rarest-looking
        // items (the longest words; "we" is shorter): any two are not enough.
        assert_eq!(woken("We regret the trouble."), [false, false]);
        assert_eq!(woken("Sorry for the delay."), [false, true]);
        assert_eq!(woken("We regret a delay."), [false, false]);
        // All three keys wake it ("we", left to the filter, is missing).
        assert_eq!(woken("This delay, they regret it."), [true, false]);
        assert_eq!(woken("The delay: we regret it. Sorry."), [true, true]);
        // A program with one key wakes on it.
        assert_eq!(woken("sorry"), [false, true]);
    }

    #[test]
    fn a_start_is_dropped_when_a_mandatory_item_cannot_lie_in_reach() {
        let (atoms, program) = compiled("we ... (regret|apologise) the delay");
        let code = program.code();
        let classify = |text: &str| classified(&atoms, text);
        // Every item within reach of the start: the start is tried.
        let near = classify("We truly regret the delay");
        assert!(code.pivots_within(&near, 0, near.len()));
        assert!(program.is_match(&near, 0..near.len()));
        // "regret" lies past the gap's four words: no match, and the start
        // is dropped before the program runs.
        let far = classify("We a b c d e regret the delay");
        assert!(!code.pivots_within(&far, 0, far.len()));
        assert!(!program.is_match(&far, 0..far.len()));
        // The sentence ends before the last item could: dropped as well.
        assert!(!code.pivots_within(&near, 0, 4));
        // The same words without the gap's room: still in reach.
        let tight = classify("We apologise the delay");
        assert!(code.pivots_within(&tight, 0, tight.len()));
        assert!(program.is_match(&tight, 0..tight.len()));
    }

    fn error(pattern: &str) -> String {
        let classes = HashMap::new();
        let mut atoms = AtomTable::default();
        Compiler::new(&mut atoms, &classes)
            .compile(pattern)
            .unwrap_err()
            .message
    }

    #[test]
    fn long_alternatives_keep_their_order_and_backtracking() {
        // Seven branches: a chain, where the branches a word may enter are
        // looked up rather than each guard tested in turn.
        let p = ["(a b c|a b|x y|p q|r s|t u|a) c"];
        let classes = HashMap::new();
        let mut atoms = AtomTable::default();
        let program = Compiler::new(&mut atoms, &classes).compile(p[0]).unwrap();
        assert_eq!(program.code().body.get().chains.len(), 1);
        assert_eq!(program.code().body.get().chains[0].branches.len(), 6);
        assert_eq!(find(&p, &[], "a b c c"), ["a b c c"]);
        // The first branch matches but the pattern fails after it: the next
        // branch that fits is taken, then the last.
        assert_eq!(find(&p, &[], "a b c"), ["a b c"]);
        assert_eq!(find(&p, &[], "a c"), ["a c"]);
        assert_eq!(find(&p, &[], "t u c"), ["t u c"]);
        assert!(find(&p, &[], "t c").is_empty());
        // Entered in the middle of the run (after an optional word whose
        // split leads into it), with a branch that has no guard (a number
        // may start it), tried whatever the next word.
        let p = ["z (k)? (a b|c d|e f|g h|i j|#num o|m n) w"];
        assert_eq!(find(&p, &[], "z k i j w"), ["z k i j w"]);
        assert_eq!(find(&p, &[], "z m n w"), ["z m n w"]);
        assert_eq!(find(&p, &[], "z 5 o w"), ["z 5 o w"]);
        assert!(find(&p, &[], "z q w").is_empty());
        assert!(find(&p, &[], "z k").is_empty());
        // A run may end the sentence.
        let p = ["z (a b|c d|e f|g h|i j|#num|m n)"];
        assert_eq!(find(&p, &[], "z 7"), ["z 7"]);
        assert_eq!(find(&p, &[], "z m n"), ["z m n"]);
        assert!(find(&p, &[], "z q").is_empty());
        assert!(find(&p, &[], "z").is_empty());
    }

    #[test]
    fn words_alternatives_options_and_prefixes() {
        let p = ["(we are|we're|i am) very? sorr*"];
        assert_eq!(find(&p, &[], "Yes, WE'RE sorry."), ["WE'RE sorry"]);
        assert_eq!(
            find(&p, &[], "I am very sorrowful"),
            ["I am very sorrowful"]
        );
        assert!(find(&p, &[], "we were sorry").is_empty());
    }

    #[test]
    fn suffixes_match_word_endings() {
        // The Italian first-person plural future, whatever the verb.
        let p = ["d ora in poi *eremo"];
        assert_eq!(
            find(&p, &[], "D'ora in poi verificheremo ogni ordine."),
            ["D'ora in poi verificheremo"]
        );
        assert_eq!(
            find(&p, &[], "D'ora in poi manderemo un avviso."),
            ["D'ora in poi manderemo"]
        );
        assert!(find(&p, &[], "D'ora in poi faremo meglio.").is_empty());
        assert_eq!(find(&p, &[], "D'ora in poi eremo"), ["D'ora in poi eremo"]);
        // Endings are matched accent-insensitively, as whole words are.
        let p = ["*ността"];
        assert_eq!(find(&p, &[], "Отговорността е наша."), ["Отговорността"]);
        // A word may carry a prefix and a suffix atom at once.
        let p = ["re* *ed"];
        assert!(find(&p, &[], "We refunded").is_empty());
        assert_eq!(find(&p, &[], "refunded replaced"), ["refunded replaced"]);
    }

    #[test]
    fn gaps_are_bounded_and_shortest() {
        let p = ["sorry ...2 if"];
        assert_eq!(find(&p, &[], "sorry for us if"), ["sorry for us if"]);
        assert!(find(&p, &[], "sorry for all of us if").is_empty());
    }

    #[test]
    fn classes_focus_and_numbers() {
        let classes: &[(&str, &[&str])] = &[("apology", &["sorry", "we apologi*"])];
        let p = ["$apology ...3 [if]", "in #num minutes"];
        assert_eq!(find(&p, classes, "We apologise, if so"), ["if"]);
        assert_eq!(find(&p, classes, "fixed in 20 minutes"), ["in 20 minutes"]);
    }

    #[test]
    fn matches_ignore_accents_and_do_not_cross_sentences() {
        assert_eq!(find(&["perche"], &[], "Perché no"), ["Perché"]);
        assert!(find(&["sorry if"], &[], "Sorry. If you").is_empty());
    }

    #[test]
    fn alternatives_are_searched_from_their_rarest_words() {
        let phrases = [
            "(we|i) (are|am|re|m) sorry",
            "(we|i) regret",
            "(my|our) bad",
        ];
        let classes = HashMap::from([(
            "apology".to_owned(),
            phrases.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        )]);
        let mut atoms = AtomTable::default();
        let program = Compiler::new(&mut atoms, &classes)
            .compile("oh $apology")
            .unwrap();
        let entries = atoms.slots.entries();
        let words = |pivot: &Pivot| -> Vec<&str> {
            let mut words: Vec<&str> = pivot
                .atoms
                .iter()
                .map(|&a| {
                    let slot = atoms.atom_strings.get(a as usize).unwrap();
                    let (word, _) = entries.iter().find(|&&(_, s)| s == slot).unwrap();
                    word.as_str()
                })
                .collect();
            words.sort_unstable();
            words
        };
        // Besides each item's first words, the class is searched from the
        // rare word each phrase has, one to three words into the match.
        let deep = program
            .code()
            .pivots
            .iter()
            .find(|p| words(p) == ["bad", "regret", "sorry"])
            .expect("a pivot of the phrases' rare words");
        assert_eq!((deep.min_before, deep.max_before), (2, 3));
        let text = "Oh we are sorry. Oh I regret it. Oh my bad. Oh we are late.";
        let spans = find(&["oh $apology"], &[("apology", &phrases)], text);
        assert_eq!(spans, ["Oh we are sorry", "Oh I regret", "Oh my bad"]);
    }

    #[test]
    fn a_pathological_pattern_gives_up_instead_of_hanging() {
        // `b c` never occur together, but both occur, so every start is tried.
        let pattern = "a ...12 a ...12 a ...12 a ...12 a ...12 a ...12 a ...12 b c";
        let text = format!("{}b x c", "a ".repeat(200));
        let started = std::time::Instant::now();
        assert!(find(&[pattern], &[], &text).is_empty());
        // A hang guard (every start tried to the end would take hours), not
        // a speed figure; the bound leaves room for a loaded machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
    }

    #[test]
    fn bad_patterns_are_explained() {
        assert!(error("(a|b").contains("never closed"));
        assert!(error("... a").contains("gap"));
        assert!(error("a?").contains("no words"));
        assert!(error("$nope x").contains("unknown word class"));
        assert!(error("a ...99 b").contains("between 1 and"));
        assert!(error("a [b").contains("`[` and `]`"));
        assert!(error("a) b").contains("unbalanced"));
        assert!(error("#foo").contains("unknown built-in"));
        assert!(error("x (a|bs?)").contains("can match no words"));
        assert!(error("*a").contains("at least 2 letters"));
        assert!(error("a*b").contains("may only end a word"));
        assert!(error("!a").contains("no words"));
        assert!(error("!(a (b|c)) d").contains("group of words or phrases"));
        assert!(error("!(a|b d").contains("never closed"));
        assert!(error("!#num d").contains("`!` must be followed"));
        assert!(error("!$x d").contains("unknown word class"));
        assert!(error("!0a b").contains("between 1 and"));
        assert!(error("!13a b").contains("between 1 and"));
        assert!(error("b !a?").contains("cannot follow"));
        assert!(error("a !>13b").contains("looks ahead between 1 and"));
        assert!(error("!>a").contains("no words"));
        assert!(error("a !>").contains("`!` must be followed"));
    }

    #[test]
    fn a_negation_may_be_a_phrase() {
        // Ahead: the phrase starts among the words read.
        let p = ["we [sent it] !>3(as planned|on schedule|anyway)"];
        assert_eq!(find(&p, &[], "We sent it late."), ["sent it"]);
        assert!(find(&p, &[], "We sent it as planned.").is_empty());
        assert!(find(&p, &[], "We sent it, quite frankly, on schedule.").is_empty());
        assert!(find(&p, &[], "We sent it anyway.").is_empty());
        // Its words must come together, and inside the window.
        assert_eq!(find(&p, &[], "We sent it as you planned."), ["sent it"]);
        assert_eq!(
            find(&p, &[], "We sent it late and early on schedule."),
            ["sent it"]
        );
        assert_eq!(find(&p, &[], "We sent it as. Planned."), ["sent it"]);
        // Back: the phrase ends among the words read, and may start before them.
        let p = ["!2(by no means|hardly) [late]"];
        assert_eq!(find(&p, &[], "It was late."), ["late"]);
        assert!(find(&p, &[], "It was by no means late.").is_empty());
        assert!(find(&p, &[], "It was hardly late.").is_empty());
        assert_eq!(find(&p, &[], "By no means. It was late."), ["late"]);
        // Inside a class, used by a pattern.
        let classes: &[(&str, &[&str])] = &[("late", &["late !>2(as agreed)"])];
        let p = ["(we|it) (was|were) [$late]"];
        assert_eq!(find(&p, classes, "It was late again."), ["late"]);
        assert!(find(&p, classes, "It was late as agreed.").is_empty());
        // Anything but words in a negated group is an error.
        assert!(error("a !(b ...2 c)").contains("a group of words or phrases"));
    }

    #[test]
    fn a_negation_looks_ahead_inside_the_sentence() {
        // At the end of a pattern: the words right after the match.
        let p = ["a [one off] !>2(payment|fee|charge)"];
        assert_eq!(find(&p, &[], "It was a one-off, honestly."), ["one-off"]);
        assert!(find(&p, &[], "It was a one-off payment.").is_empty());
        assert!(find(&p, &[], "It is a one-off admin fee.").is_empty());
        assert_eq!(
            find(&p, &[], "It is a one-off admin error fee."),
            ["one-off"],
            "only two words ahead are read"
        );
        // The next sentence does not count.
        assert_eq!(find(&p, &[], "A one-off. Payment follows."), ["one-off"]);
        // Inside a pattern: the words the pattern goes on to match count too.
        let p = ["kaya !>(namin|ko) [na oversell]"];
        assert_eq!(
            find(&p, &[], "Sobrang dami kaya na-oversell."),
            ["na-oversell"]
        );
        let p = ["[kaya] !>(namin|ko)"];
        assert_eq!(find(&p, &[], "Maraming order kaya naantala."), ["kaya"]);
        assert!(find(&p, &[], "Kaya namin itong ayusin.").is_empty());
        // A class of single words, and the pack's `not_negating` exception.
        let classes: &[(&str, &[&str])] = &[("neg", &["not", "never"])];
        let p = ["[was] !>$neg"];
        assert_eq!(find(&p, classes, "It was late."), ["was"]);
        assert!(find(&p, classes, "It was not late.").is_empty());
        assert_eq!(
            find_with(&["only"], &p, classes, "It was not only late."),
            ["was"]
        );
    }

    #[test]
    fn a_negator_before_a_not_negating_word_does_not_negate() {
        let classes: &[(&str, &[&str])] = &[("fix", &["!4(not|t) fix"])];
        let p = ["we ll $fix it", "!2(non|не) (rimborsato|върнахме)"];
        let except = ["worry", "solo", "само"];
        let text = "Don't worry, we'll fix it.";
        assert!(find(&p, classes, text).is_empty());
        assert_eq!(find_with(&except, &p, classes, text), ["we'll fix it"]);
        // A real negation still negates.
        assert!(find_with(&except, &p, classes, "We won't fix it.").is_empty());
        assert_eq!(
            find_with(&except, &p, classes, "Non solo rimborsato: anche un buono."),
            ["rimborsato"]
        );
        assert_eq!(
            find_with(&except, &p, classes, "Не само върнахме сумата."),
            ["върнахме"]
        );
        assert!(find_with(&except, &p, classes, "Non abbiamo rimborsato.").is_empty());
    }

    #[test]
    fn a_negation_looks_back_inside_the_sentence() {
        let p = ["!(non|mai) è stato [danneggiato]"];
        assert_eq!(
            find(&p, &[], "Il pacco è stato danneggiato."),
            ["danneggiato"]
        );
        assert!(find(&p, &[], "Il pacco non è stato danneggiato.").is_empty());
        // The sentence before does not count.
        assert_eq!(
            find(&p, &[], "Non lo so. È stato danneggiato."),
            ["danneggiato"]
        );
        // A window: `hindi` four words before the repair.
        let text = "Hindi na po namin maibabalik ang bayad.";
        assert_eq!(
            find(&["!3(hindi|di) maibabalik"], &[], text),
            ["maibabalik"]
        );
        assert!(find(&["!4(hindi|di) maibabalik"], &[], text).is_empty());
        // Inside a word class and after other items, with prefixes.
        let classes: &[(&str, &[&str])] = &[("fixed", &["!not* fixed", "repaired"])];
        let p = ["we ...2 $fixed it"];
        assert_eq!(
            find(&p, classes, "We have now fixed it."),
            ["We have now fixed it"]
        );
        assert!(find(&p, classes, "We have not fixed it.").is_empty());
        assert!(find(&p, classes, "We have nothing fixed it.").is_empty());
        assert_eq!(
            find(&p, classes, "We have not repaired it."),
            ["We have not repaired it"]
        );
        // A class of single words after `!`; a class of phrases is refused.
        let classes: &[(&str, &[&str])] = &[
            ("neg", &["not", "never", "no*"]),
            ("phrase", &["no longer"]),
        ];
        let p = ["!2$neg refunded"];
        assert_eq!(find(&p, classes, "We refunded you."), ["refunded"]);
        assert!(find(&p, classes, "We have not refunded you.").is_empty());
        assert!(find(&p, classes, "We nowhere refunded you.").is_empty());
        let mut atoms = AtomTable::default();
        let classes: HashMap<String, Vec<String>> = classes
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        let error = Compiler::new(&mut atoms, &classes)
            .compile("!$phrase refunded")
            .unwrap_err();
        assert!(
            error.message.contains("class of single words"),
            "{}",
            error.message
        );
    }
}

/// The matcher's shortcuts (the program index's keys, the filter, the
/// pivots that choose and prune starts) against the plain backtracking
/// run at every word: random patterns over a small vocabulary, on random
/// texts over the same words, must match the same spans.
#[cfg(test)]
mod shortcuts {
    use proptest::prelude::*;

    use super::*;
    use crate::text::Analysis;

    const WORDS: [&str; 9] = [
        "we", "are", "sorry", "for", "the", "delay", "if", "not", "regret",
    ];

    /// A class whose phrases start with common words and hold a rarer one
    /// (its own pivot, deep inside).
    fn classes() -> HashMap<String, Vec<String>> {
        let phrases = ["sorry", "we are sorry", "we regret", "sorry for the delay"];
        HashMap::from([("ap".to_owned(), phrases.map(str::to_owned).to_vec())])
    }

    fn word() -> impl Strategy<Value = String> {
        prop::sample::select(&WORDS[..]).prop_map(str::to_owned)
    }

    /// One item of a pattern after its first: words, affixes, digits,
    /// alternatives, options, gaps, negations, a class and a reported span.
    fn item() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => word(),
            1 => word().prop_map(|w| format!("{}*", &w[..w.len().min(2)])),
            1 => word().prop_map(|w| format!("*{}", &w[w.len().saturating_sub(2)..])),
            1 => Just("#num".to_owned()),
            2 => (word(), word(), word()).prop_map(|(a, b, c)| format!("({a}|{b} {c})")),
            2 => word().prop_map(|w| format!("{w}?")),
            2 => prop::sample::select(&["...", "...1", "...2", "...6"][..]).prop_map(str::to_owned),
            1 => word().prop_map(|w| format!("!({w})")),
            1 => word().prop_map(|w| format!("!>2({w})")),
            2 => Just("$ap".to_owned()),
            1 => (word(), word()).prop_map(|(a, b)| format!("[{a} {b}]")),
        ]
    }

    fn pattern() -> impl Strategy<Value = String> {
        (
            prop_oneof![
                word(),
                (word(), word()).prop_map(|(a, b)| format!("({a}|{b})")),
                Just("$ap".to_owned()),
            ],
            prop::collection::vec(item(), 0..5),
        )
            .prop_map(|(first, rest)| {
                let mut all = vec![first];
                all.extend(rest);
                all.join(" ")
            })
    }

    fn text() -> impl Strategy<Value = String> {
        let token = prop_oneof![6 => word(), 1 => Just("42".to_owned()), 1 => Just(".".to_owned())];
        prop::collection::vec(token, 0..24).prop_map(|tokens| tokens.join(" "))
    }

    /// Every match, leftmost first and without overlaps, from a run of
    /// the program's code at every word of every sentence.
    fn plain(code: &Code, words: &WordAtoms, analysis: &Analysis) -> Vec<WordMatch> {
        let mut out = Vec::new();
        for sentence in analysis.sentences() {
            let mut next = sentence.words.start;
            for start in sentence.words.clone() {
                if start < next {
                    continue;
                }
                let mut saves = [start, start];
                let mut budget = STEP_BUDGET;
                if let Some(end) =
                    code.body
                        .get()
                        .step(words, 0, start, &sentence.words, &mut saves, &mut budget)
                {
                    out.push(WordMatch {
                        start: saves[0],
                        end: saves[1],
                    });
                    next = end.max(start + 1);
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn the_shortcuts_lose_no_match(patterns in prop::collection::vec(pattern(), 1..4), text in text()) {
            let mut atoms = AtomTable::default();
            let classes = classes();
            let mut compiler = Compiler::new(&mut atoms, &classes);
            let programs: Vec<Program> = patterns
                .iter()
                .filter_map(|p| compiler.compile(p).ok())
                .collect();
            prop_assume!(!programs.is_empty());
            let index = ProgramIndex::new(&atoms, programs.iter());
            let analysis = Analysis::new(&text, &[], &|_| false);
            let mut words = atoms.classify((0..analysis.words().len()).map(|i| analysis.norm(i)));
            index.mark(&mut words);
            for program in &programs {
                let mut found = Vec::new();
                if program.may_match(&words) {
                    program.for_each_match(
                        &words,
                        0..words.len(),
                        |w| Some(analysis.sentences()[analysis.sentence_of(w)].words.clone()),
                        |_, m| found.push(m),
                    );
                }
                prop_assert_eq!(found, plain(program.code(), &words, &analysis));
            }
        }
    }
}
