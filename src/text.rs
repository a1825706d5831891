//! Input text: byte spans, line/column positions, and the word and sentence
//! analysis every matcher works on.
//!
//! The analysis never copies the input. Each [`Word`] keeps the byte range it
//! covers in the input as given, and a normalized form used for matching:
//! lowercased, compatibility-decomposed with combining marks removed (so
//! matching is case- and accent-insensitive), with invisible characters
//! (zero-width spaces and joiners, soft hyphens, bidi controls) dropped so they
//! cannot hide a phrase. Apostrophes and hyphens separate words, so `l'eventuale`
//! is the two words `l` and `eventuale`, and `na-offend` is `na` and `offend`.
//!
//! Sentences end after `.`, `!`, `?`, `…` (followed by space or the end) and at
//! every line break. Text excluded by the segmenter (quoted customer text) is
//! never matched: whole quoted lines end a sentence, and a quotation inside a
//! line of the author's text becomes one placeholder word that only a gap
//! (`...N`) can cross, so the sentence around it stays one sentence.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A byte range into the input as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// The span as a `Range<usize>`.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers in `input`.
    pub fn text(self, input: &str) -> &str {
        &input[self.range()]
    }
}

/// A 1-based line and a 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column in characters (Unicode scalar values), starting at 1.
    pub column: usize,
}

/// Maps byte offsets of one text to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    breaks: LineBreaks,
}

impl<'t> LineIndex<'t> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'t str) -> Self {
        LineIndex {
            text,
            breaks: LineBreaks::of(text),
        }
    }

    /// The position of byte `offset` (clamped to the text).
    pub fn position(&self, offset: usize) -> Position {
        let (line, chars) = self.breaks.locate(self.text, offset);
        Position {
            line: line + 1,
            column: chars + 1,
        }
    }
}

/// Where the lines of a text after its first one start: the offsets just
/// after its line breaks.
#[derive(Debug, Clone)]
pub(crate) struct LineBreaks(Vec<usize>);

impl LineBreaks {
    /// The line breaks of `text`.
    pub(crate) fn of(text: &str) -> Self {
        // `match_indices` of one byte searches with memchr, not byte by byte.
        LineBreaks(text.match_indices('\n').map(|(i, _)| i + 1).collect())
    }

    /// For byte `offset` of `text` (the text these breaks are of, the
    /// offset clamped to it): how many line breaks come before it, and how
    /// many characters lie between its line's start and it.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset);
        let line = self.0.partition_point(|&b| b <= offset);
        let start = line.checked_sub(1).map_or(0, |i| self.0[i]);
        (line, text[start..offset].chars().count())
    }
}

/// A word of the input: its byte span and its normalized form.
#[derive(Debug, Clone)]
pub struct Word {
    /// Where the word is in the input.
    pub span: Span,
    /// Range of the normalized form inside [`Analysis::normalized`].
    norm: Range<usize>,
}

/// A sentence: a run of consecutive words.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Indices of its words in [`Analysis::words`].
    pub words: Range<usize>,
}

/// The words and sentences of the author's part of a text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    words: Vec<Word>,
    /// The sentence of each word, apart from [`Word`]: the matcher asks it
    /// of words all over a long text, and four bytes a word stay in cache
    /// where the whole words would not.
    word_sentences: Vec<u32>,
    sentences: Vec<Sentence>,
    normalized: String,
}

impl Analysis {
    /// Splits `input` into words and sentences, leaving out every byte range
    /// in `excluded` (sorted, non-overlapping) and every word whose
    /// normalized form is in `skip` (such as the Tagalog particles `po`, `ho`).
    pub fn new(input: &str, excluded: &[Range<usize>], skip: &dyn Fn(&str) -> bool) -> Self {
        Analysis::with_abbreviations(input, excluded, skip, &|_| false)
    }

    /// Like [`Analysis::new`], where a full stop right after a word for
    /// which `abbreviation` holds (`sig`, `dott`, `mr`) does not end the
    /// sentence.
    pub fn with_abbreviations(
        input: &str,
        excluded: &[Range<usize>],
        skip: &dyn Fn(&str) -> bool,
        abbreviation: &dyn Fn(&str) -> bool,
    ) -> Self {
        // About one word in six bytes of prose: sized once, not regrown
        // (up to the size of a lint chunk; a larger input grows as before).
        let mut analysis = Analysis {
            words: Vec::with_capacity((input.len() / 6).min(1 << 16)),
            word_sentences: Vec::with_capacity((input.len() / 6).min(1 << 16)),
            sentences: Vec::new(),
            normalized: String::with_capacity(input.len().min(1 << 20)),
        };
        let mut builder = Builder {
            analysis: &mut analysis,
            word_start: None,
            norm_start: 0,
            word_ascii: true,
            sentence_open: false,
        };
        let bytes = input.as_bytes();
        let mut excluded = excluded.iter().peekable();
        let mut i = 0;
        while i < input.len() {
            let next_excluded = excluded.peek().map_or(usize::MAX, |r| r.start);
            if i >= next_excluded {
                let range = excluded.next().map_or(i..i, Range::clone);
                builder.end_word(i, skip);
                if is_inline(input, &range) {
                    builder.placeholder(range.clone());
                } else {
                    builder.end_sentence();
                }
                // On past the character at `i` and the rest of the range.
                let after = input[i..].chars().next().map_or(1, char::len_utf8);
                i = input.ceil_char_boundary((i + after).max(range.end));
                continue;
            }
            // A run of ASCII letters and digits, most of any text, goes
            // straight in (up to the next excluded range).
            if bytes[i].is_ascii_alphanumeric() {
                let limit = next_excluded.min(input.len());
                let end = bytes[i..limit]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(limit, |n| i + n);
                builder.push_ascii_run(i, &input[i..end]);
                i = end;
                continue;
            }
            // Other ASCII (spaces, commas, quotes…) only ends a word,
            // unless it may end a sentence.
            if bytes[i].is_ascii() && !matches!(bytes[i], b'.' | b'!' | b'?' | b'\n' | b'\r') {
                builder.end_word(i, skip);
                i += 1;
                continue;
            }
            // A run of Cyrillic letters that are their own normalized
            // form, most of a Bulgarian text, goes straight in too.
            let end = plain_cyrillic_end(bytes, i, next_excluded.min(input.len()));
            if end > i {
                builder.push_plain_run(i, &input[i..end]);
                i = end;
                continue;
            }
            let Some(c) = input[i..].chars().next() else {
                break;
            };
            let next = i + c.len_utf8();
            // Cyrillic letters first: no invisible character is one.
            if is_cyrillic(c) && is_word_char(c) {
                builder.push_char(i, c);
                i = next;
                continue;
            }
            if is_invisible(c) {
                i = next;
                continue;
            }
            if is_word_char(c) {
                builder.push_char(i, c);
                i = next;
                continue;
            }
            builder.end_word(i, skip);
            let next_is_space = input[next..].chars().next().is_none_or(char::is_whitespace);
            let after_abbreviation = c == '.'
                && builder
                    .analysis
                    .words
                    .last()
                    .filter(|w| w.span.end == i)
                    .is_some_and(|w| abbreviation(&builder.analysis.normalized[w.norm.clone()]));
            if c == '\n'
                || c == '\r'
                || (is_terminator(c)
                    && next_is_space
                    && !after_abbreviation
                    && !continues_lowercase(c, &input[i..]))
                || (is_emoji(c) && capital_follows(&input[next..]))
            {
                builder.end_sentence();
            }
            i = next;
        }
        builder.end_word(input.len(), skip);
        builder.end_sentence();
        analysis
    }

    /// All words, in input order.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The index of the sentence word `index` belongs to.
    pub fn sentence_of(&self, index: usize) -> usize {
        self.word_sentences[index] as usize
    }

    /// All sentences, in input order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The normalized form of word `index`.
    pub fn norm(&self, index: usize) -> &str {
        &self.normalized[self.words[index].norm.clone()]
    }

    /// The bytes sentence `index` covers, from its first word to its last.
    pub fn sentence_span(&self, index: usize) -> Span {
        let words = &self.sentences[index].words;
        self.span(words.start, words.end - 1)
    }

    /// The last sentence starting at or before byte `offset`, if any: the
    /// sentence whose text, with the punctuation after it, holds `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let index = self
            .sentences
            .partition_point(|s| self.words[s.words.start].span.start <= offset);
        index.checked_sub(1)
    }

    /// The input span from the start of word `first` to the end of word `last`.
    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.words[first].span.start, self.words[last].span.end)
    }
}

struct Builder<'a> {
    analysis: &'a mut Analysis,
    word_start: Option<usize>,
    norm_start: usize,
    /// The open word has had only ASCII characters: no homoglyph to fold.
    word_ascii: bool,
    sentence_open: bool,
}

impl Builder<'_> {
    /// Starts a word at byte `at` unless one is open.
    fn begin_word(&mut self, at: usize) {
        if self.word_start.is_none() {
            self.word_start = Some(at);
            self.norm_start = self.analysis.normalized.len();
            self.word_ascii = true;
        }
    }

    /// [`Builder::push_char`] for a run of ASCII letters and digits starting
    /// at byte `at`.
    fn push_ascii_run(&mut self, at: usize, run: &str) {
        self.begin_word(at);
        let from = self.analysis.normalized.len();
        self.analysis.normalized.push_str(run);
        self.analysis.normalized[from..].make_ascii_lowercase();
    }

    /// Non-ASCII letters that are already normalized
    /// ([`plain_cyrillic_end`]), copied as they are.
    fn push_plain_run(&mut self, at: usize, run: &str) {
        self.begin_word(at);
        self.word_ascii = false;
        self.analysis.normalized.push_str(run);
    }

    fn push_char(&mut self, at: usize, c: char) {
        self.begin_word(at);
        self.word_ascii &= c.is_ascii();
        normalize_char_into(c, &mut self.analysis.normalized);
    }

    fn end_word(&mut self, end: usize, skip: &dyn Fn(&str) -> bool) {
        let Some(start) = self.word_start.take() else {
            return;
        };
        if !self.word_ascii {
            fold_homoglyphs(&mut self.analysis.normalized, self.norm_start);
        }
        let norm = self.norm_start..self.analysis.normalized.len();
        if norm.is_empty() || skip(&self.analysis.normalized[norm.clone()]) {
            self.analysis.normalized.truncate(self.norm_start);
            return;
        }
        self.analysis.words.push(Word {
            span: Span::new(start, end),
            norm,
        });
        self.push_sentence_of_word();
        self.sentence_open = true;
    }

    /// Stands one word in for an excluded inline span: it satisfies nothing
    /// but a gap, and the sentence goes on around it.
    fn placeholder(&mut self, span: Range<usize>) {
        let at = self.analysis.normalized.len();
        self.analysis.words.push(Word {
            span: Span::new(span.start, span.end),
            norm: at..at,
        });
        self.push_sentence_of_word();
        self.sentence_open = true;
    }

    /// Records the sentence of the word just pushed: the one still open.
    fn push_sentence_of_word(&mut self) {
        // A text with 2^32 sentences would need far more memory than its
        // words' analysis can have; saturating keeps it from wrapping.
        let sentence = u32::try_from(self.analysis.sentences.len()).unwrap_or(u32::MAX);
        self.analysis.word_sentences.push(sentence);
    }

    fn end_sentence(&mut self) {
        if !self.sentence_open {
            return;
        }
        let first = self
            .analysis
            .sentences
            .last()
            .map_or(0, |s: &Sentence| s.words.end);
        self.analysis.sentences.push(Sentence {
            words: first..self.analysis.words.len(),
        });
        self.sentence_open = false;
    }
}

/// Whether the excluded `range` of `input` lies inside a line of the
/// author's own text (a quotation in mid-sentence: `the „Premium“ plan`),
/// rather than being whole lines (a quoted reply, another paragraph).
fn is_inline(input: &str, range: &Range<usize>) -> bool {
    // Back to the nearest character that is not a space: text of the same
    // line means inline (a scan, not a search back to the line's start, which
    // would cost a whole line per quotation on a long single line).
    let text_before = input[..range.start]
        .chars()
        .rev()
        .find(|c| *c == '\n' || !c.is_whitespace())
        .is_some_and(|c| c != '\n');
    text_before && !input[range.clone()].contains('\n')
}

/// Whether `c` is in the Cyrillic blocks (U+0400–U+052F).
pub fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{52F}').contains(&c)
}

/// Lowercase Cyrillic letters that look like Latin ones, and those Latin ones.
const HOMOGLYPHS: [(char, char); 12] = [
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('һ', 'h'),
    ('ԁ', 'd'),
];

/// A word that mixes Latin and Cyrillic letters (`sоrry` with a Cyrillic
/// `о`, `извинявамe` with a Latin `e`) is written in the script most of its
/// letters are in: the other script's look-alikes are replaced, so a
/// homoglyph cannot hide a trigger. Words whose other-script letters are
/// not all look-alikes, and words split evenly, are left as they are.
/// `normalized[from..]` is the word.
fn fold_homoglyphs(normalized: &mut String, from: usize) {
    let word = &normalized[from..];
    // Without a Latin letter (in UTF-8 a byte `a`–`z` is one) or without
    // anything else there is nothing to fold: most words end here.
    if word.is_ascii() || !word.bytes().any(|b| b.is_ascii_lowercase()) {
        return;
    }
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in word.chars() {
        match c {
            'a'..='z' => latin += 1,
            c if is_cyrillic(c) => cyrillic += 1,
            _ => {}
        }
    }
    // A tie says nothing about which script the word is in.
    if latin == 0 || cyrillic == 0 || latin == cyrillic {
        return;
    }
    let to_latin = latin > cyrillic;
    let swap = |c: char| -> Option<char> {
        HOMOGLYPHS.iter().find_map(|&(cyr, lat)| {
            if to_latin {
                (c == cyr).then_some(lat)
            } else {
                (c == lat).then_some(cyr)
            }
        })
    };
    let foreign = |c: char| {
        if to_latin {
            is_cyrillic(c)
        } else {
            c.is_ascii_lowercase()
        }
    };
    if word
        .chars()
        .filter(|&c| foreign(c))
        .any(|c| swap(c).is_none())
    {
        return;
    }
    let folded: String = word
        .chars()
        .map(|c| if foreign(c) { swap(c).unwrap_or(c) } else { c })
        .collect();
    normalized.truncate(from);
    normalized.push_str(&folded);
}

/// Appends the matching form of `c`: compatibility decomposition without
/// combining marks, lowercased.
fn normalize_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Latin-1, Latin Extended, Greek and Cyrillic, the letters of most
    // packs: looked up instead of decomposed each time.
    let index = c as usize - 0x80;
    if let Some(block) = NORMALIZED_BLOCKS.get(index / NORMALIZED_BLOCK) {
        let forms = block.get_or_init(|| {
            let first = (0x80 + index / NORMALIZED_BLOCK * NORMALIZED_BLOCK) as u32;
            (first..first + NORMALIZED_BLOCK as u32)
                .map(|code| {
                    let mut form = String::new();
                    if let Some(c) = char::from_u32(code) {
                        normalize_char_slow(c, &mut form);
                    }
                    form
                })
                .collect()
        });
        out.push_str(&forms[index % NORMALIZED_BLOCK]);
        return;
    }
    normalize_char_slow(c, out);
}

/// Characters per block of [`NORMALIZED_BLOCKS`].
const NORMALIZED_BLOCK: usize = 64;

/// The normalized forms of U+0080..U+0540 in blocks of 64 characters, each
/// computed on first use: a run (or a text) in one language decomposes the
/// few blocks its letters are in, not all 1,200 characters.
static NORMALIZED_BLOCKS: [std::sync::OnceLock<Box<[String]>>; 19] =
    [const { std::sync::OnceLock::new() }; 19];

fn normalize_char_slow(c: char, out: &mut String) {
    decompose_compatible(c, |d| {
        if !is_combining_mark(d) && !is_invisible(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// The normalized matching form of a whole string (used for pattern words).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// Appends the normalized form of `text` ([`normalize`]) to `out`.
pub fn normalize_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if !is_invisible(c) {
            normalize_char_into(c, out);
        }
    }
}

/// Splits a phrase into its normalized words, the way [`Analysis`] does.
pub fn normalized_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_normalized_word(text, |w| out.push(w.to_owned()));
    out
}

/// Calls `found` with each normalized word of a phrase, as
/// [`normalized_words`] lists them, without building an [`Analysis`] (pattern
/// words are split this way by the thousand when a pack compiles).
pub fn each_normalized_word(text: &str, mut found: impl FnMut(&str)) {
    // The steps of `Analysis::with_abbreviations` and `Builder::end_word`
    // for one phrase with nothing excluded or skipped.
    let mut norm = String::new();
    let mut in_word = false;
    let mut end_word = |norm: &mut String| {
        fold_homoglyphs(norm, 0);
        if !norm.is_empty() {
            found(norm);
        }
        norm.clear();
    };
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if is_word_char(c) {
            normalize_char_into(c, &mut norm);
            in_word = true;
        } else if in_word {
            end_word(&mut norm);
            in_word = false;
        }
    }
    if in_word {
        end_word(&mut norm);
    }
}

/// Letters, digits and combining marks make words.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Cyrillic is all letters and marks but the thousands sign: answered
    // without walking Unicode's tables, since Bulgarian text is nearly all
    // Cyrillic (`word_chars_agree_with_unicode` checks the shortcut).
    if is_cyrillic(c) {
        return c != '\u{482}';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The end of the run of lowercase Cyrillic letters `а`–`я` but `й` from
/// byte `from` (before `limit`): letters that are their own normalized form
/// (`й` loses its breve, as every accent is dropped). In UTF-8 they are
/// `D0 B0`–`D0 BF` and `D1 80`–`D1 8F`.
fn plain_cyrillic_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    let mut i = from;
    while i + 2 <= limit {
        let plain = match bytes[i] {
            0xD0 => (0xB0..=0xBF).contains(&bytes[i + 1]) && bytes[i + 1] != 0xB9,
            0xD1 => (0x80..=0x8F).contains(&bytes[i + 1]),
            _ => false,
        };
        if !plain {
            break;
        }
        i += 2;
    }
    i
}

/// A full stop that ends an abbreviation rather than a sentence: the next
/// word starts with a lowercase letter or a digit (`n. 1182`, `20 мин. интернетът`).
fn continues_lowercase(c: char, rest: &str) -> bool {
    if c != '.' {
        return false;
    }
    let next = rest[1..]
        .trim_start_matches([' ', '\t', '\u{a0}'])
        .chars()
        .next();
    next.is_some_and(|n| n.is_lowercase() || n.is_ascii_digit())
}

/// An emoji (the pictographic blocks): chat writers end a sentence with one
/// instead of a full stop (`la taglia era piccola 😅 Comunque il reso è gratuito`).
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}')
}

/// Whether the next word after spaces (and further emoji) starts with a
/// capital letter: what makes an emoji end a sentence.
fn capital_follows(rest: &str) -> bool {
    rest.chars()
        .find(|&c| !c.is_whitespace() && !is_emoji(c) && c != '\u{FE0F}' && !is_invisible(c))
        .is_some_and(char::is_uppercase)
}

/// Sentence terminators.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '？' | '！')
}

/// Characters that render as nothing and must not split or hide a word.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        normalized_words(text)
    }

    #[test]
    fn normalizes_case_accents_and_invisible_characters() {
        assert_eq!(words("Perché È"), ["perche", "e"]);
        assert_eq!(words("so\u{00AD}r\u{200B}ry"), ["sorry"]);
        assert_eq!(
            words("l'eventuale na-offend"),
            ["l", "eventuale", "na", "offend"]
        );
        assert_eq!(words("Съжаляваме, ако"), ["съжаляваме", "ако"]);
    }

    #[test]
    fn excluded_ranges_cut_runs_of_ascii_letters() {
        // A range may start inside a run of letters (a caller's range, not
        // only the segmenter's quotations): the word ends where it starts,
        // the range becomes one placeholder, and reading resumes after it.
        let input = "Abcdefgh ij";
        let quoted = vec![Range { start: 3, end: 5 }];
        let analysis = Analysis::new(input, &quoted, &|_| false);
        let spans: Vec<&str> = analysis
            .words()
            .iter()
            .map(|w| w.span.text(input))
            .collect();
        assert_eq!(spans, ["Abc", "de", "fgh", "ij"]);
        assert_eq!(analysis.norm(0), "abc");
        assert_eq!(analysis.norm(1), "");
        assert_eq!(analysis.sentences().len(), 1);
        // An empty range still skips the character it stands on.
        let analysis = Analysis::new("abc déf", &[1..1, 5..5], &|_| false);
        let norms: Vec<&str> = (0..analysis.words().len())
            .map(|i| analysis.norm(i))
            .collect();
        assert_eq!(norms, ["a", "", "c", "d", "", "f"]);
    }

    #[test]
    fn homoglyphs_take_the_script_of_their_word() {
        // Cyrillic о and с inside English words, a Latin e inside Bulgarian ones.
        assert_eq!(
            words("Sоrry for the сharge"),
            ["sorry", "for", "the", "charge"]
        );
        assert_eq!(words("извинявамe сeрдечно"), ["извиняваме", "сердечно"]);
        // Real words of either script, and mixed words with letters that
        // are no look-alikes, stay as they are.
        assert_eq!(words("Москва London"), ["москва", "london"]);
        assert_eq!(words("iPhoneЖ"), ["iphoneж"]);
    }

    #[test]
    fn plain_cyrillic_letters_are_their_own_normalized_form() {
        for c in ('\u{400}'..='\u{4FF}').chain('a'..='z') {
            let mut form = String::new();
            normalize_char_slow(c, &mut form);
            let mut bytes = [0; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            let plain = plain_cyrillic_end(encoded, 0, encoded.len()) == encoded.len();
            assert_eq!(plain, ('а'..='я').contains(&c) && c != 'й', "{c:?}");
            if plain {
                assert_eq!(form, c.to_string(), "{c:?}");
                assert!(is_word_char(c) && !is_invisible(c), "{c:?}");
            }
        }
        // A run stops at the first other letter, and at the limit.
        let text = "писмото ѝ".as_bytes();
        assert_eq!(plain_cyrillic_end(text, 0, text.len()), "писмото".len());
        assert_eq!(plain_cyrillic_end(text, 0, 3), 2);
        let text = "Вие".as_bytes();
        assert_eq!(plain_cyrillic_end(text, 0, text.len()), 0);
        assert_eq!(
            normalized_words("Извинявайте, моля"),
            ["извиняваите", "моля"]
        );
        assert_eq!(normalized_words("ЙОАН йога"), ["иоан", "иога"]);
    }

    #[test]
    fn word_chars_agree_with_unicode() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_combining_mark(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn phrase_words_split_like_an_analysis() {
        for phrase in [
            "Perché È l'eventuale",
            "so\u{00AD}r\u{200B}ry, na-offend",
            "Sоrry извинявамe iPhoneЖ",
            "\u{301}a \u{301} x\u{301}",
            "",
        ] {
            let analysis = Analysis::new(phrase, &[], &|_| false);
            let expected: Vec<&str> = (0..analysis.words().len())
                .map(|i| analysis.norm(i))
                .collect();
            assert_eq!(normalized_words(phrase), expected, "{phrase}");
        }
    }

    #[test]
    fn word_spans_point_into_the_input() {
        let text = "Ci scu\u{00AD}siamo.";
        let analysis = Analysis::new(text, &[], &|_| false);
        let w = &analysis.words()[1];
        assert_eq!(w.span.text(text), "scu\u{00AD}siamo");
        assert_eq!(analysis.norm(1), "scusiamo");
    }

    #[test]
    fn sentences_break_at_terminators_and_lines_not_inside_numbers() {
        let analysis = Analysis::new("Sorry. We fixed 3.5 items\nThanks", &[], &|_| false);
        let counts: Vec<usize> = analysis.sentences().iter().map(|s| s.words.len()).collect();
        assert_eq!(counts, [1, 5, 1]);
        let analysis = Analysis::new(
            "Order n. 1182 is late. До 20 мин. интернетът ще работи.",
            &[],
            &|_| false,
        );
        assert_eq!(analysis.sentences().len(), 2);
        let analysis = Analysis::with_abbreviations(
            "Gentile Sig. Rossi, ci scusiamo.",
            &[],
            &|_| false,
            &|w| w == "sig",
        );
        assert_eq!(analysis.sentences().len(), 1);
        // An emoji ends a sentence when a capital follows, not inside one.
        let analysis = Analysis::new(
            "La taglia era piccola 😅 Comunque il reso è gratuito 🙏",
            &[],
            &|_| false,
        );
        assert_eq!(analysis.sentences().len(), 2);
        let analysis = Analysis::new("Grazie 🙏 davvero, a presto ❤️ Anna", &[], &|_| false);
        assert_eq!(analysis.sentences().len(), 2);
        let analysis = Analysis::new("Il pacco 📦 arriva domani", &[], &|_| false);
        assert_eq!(analysis.sentences().len(), 1);
    }

    #[test]
    fn excluded_ranges_are_skipped_inline_quotes_keep_their_sentence() {
        let words = |analysis: &Analysis| -> Vec<String> {
            (0..analysis.words().len())
                .map(|i| analysis.norm(i).to_owned())
                .collect()
        };
        // A quotation inside the author's line: one placeholder word, one sentence.
        let text = "We said \"sorry if\" then";
        let start = text.find('"').unwrap();
        let end = text.rfind('"').unwrap() + 1;
        #[allow(clippy::single_range_in_vec_init)]
        let inline = Analysis::new(text, &[start..end], &|_| false);
        assert_eq!(words(&inline), ["we", "said", "", "then"]);
        assert_eq!(inline.words()[2].span, Span::new(start, end));
        assert_eq!(inline.sentences().len(), 1);
        // A quoted line ends the sentence and leaves nothing behind.
        let text = "We said\n> sorry if\nthen";
        let start = text.find('>').unwrap();
        let end = text.rfind('\n').unwrap();
        #[allow(clippy::single_range_in_vec_init)]
        let lines = Analysis::new(text, &[start..end], &|_| false);
        assert_eq!(words(&lines), ["we", "said", "then"]);
        assert_eq!(lines.sentences().len(), 2);
    }

    #[test]
    fn skipped_words_are_left_out() {
        let analysis = Analysis::new("Sorry po talaga", &[], &|w| w == "po");
        assert_eq!(analysis.words().len(), 2);
    }

    #[test]
    fn line_index_counts_characters() {
        let text = "ab\nçé x";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(index.position(x), Position { line: 2, column: 4 });
    }
}
