//! A character n-gram language model (orders 1–5, naive Bayes) with word
//! frequencies, for detection on short texts, where whatlang's 300 trigrams
//! per language are too few to tell neighbours apart.
//!
//! The n-grams and their conditional probabilities come from lingua's models
//! (distilled by `tools/distill-lingua` into `data/langid-model/`, see its
//! ATTRIBUTION.md) for the four installed languages and their usual
//! confusers: Spanish, Portuguese, French, Indonesian, Malay, Russian,
//! Macedonian, Serbian, Ukrainian. `build/model.rs` lays them out as a hash table
//! the detector reads in place: nothing is decoded at start-up. Scores are
//! average natural-log probabilities per n-gram, comparable across languages
//! for one text.
//!
//! Beside the letters, each language's 30,000 most frequent words (from
//! wordfreq's data, distilled by `tools/distill-wordfreq`) give every word
//! its log-probability in each language; a word a language's list lacks
//! scores below the list's rarest word. Whole words separate neighbours
//! whose letters look alike (Bulgarian and Macedonian, Italian and
//! Spanish).

use std::sync::OnceLock;

const BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ngrams.bin"));
const WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.bin"));
/// Longest n-gram; must match `build/model.rs`.
const MAX_ORDER: usize = 5;
/// The most languages the model may hold (the width of the scoring lanes).
const LANES: usize = 16;
/// A row's byte for a language that never has the n-gram; must match `build/model.rs`.
const ABSENT: u8 = 255;
/// Slots per bucket of the word table; must match `build/model.rs`.
const WORD_BUCKET: usize = 4;
/// Levels a word's score is quantized to; must match `build/model.rs`.
const WORD_LEVELS: usize = 16;
/// Inverse of the quantization step of stored log-probabilities.
const QUANTUM: f64 = 10.0;
/// A text is judged on at most this many n-grams (about 120 letters):
/// enough to tell any two modelled languages apart, and it keeps detection
/// of long paragraphs fast.
const MAX_GRAMS: usize = 600;

/// The embedded model.
#[derive(Debug)]
pub struct Model {
    /// Language codes (ISO 639-1), in column order.
    pub languages: Vec<&'static str>,
    /// The whatlang language of each column, where whatlang knows it.
    pub whatlang: Vec<Option<whatlang::Lang>>,
    /// Per language and order (1-based), the quantized score of an unseen n-gram.
    unseen: Vec<[u8; MAX_ORDER + 1]>,
    /// `2^bits - 1`.
    mask: usize,
    /// The table: (fingerprint, row) pairs of 8 bytes.
    slots: &'static [u8],
    /// One byte per language per n-gram.
    rows: &'static [u8],
    /// Per language, the quantized score of a word its list lacks.
    word_unseen: [u8; LANES],
    /// Per language, the scripts its word list is written in (bit 0 Latin,
    /// bit 1 Cyrillic): a word is looked up only in the lists of its script.
    word_scripts: [u8; LANES],
    /// Per language, the quantized score each of its word levels stands for.
    word_levels: [[u8; WORD_LEVELS]; LANES],
    /// The word table: buckets of [`WORD_BUCKET`] u16 slots of (12-bit
    /// fingerprint, 4-bit level); a word is in one of two buckets.
    word_slots: &'static [u8],
}

/// A text's scores in each language of the model (column order of
/// [`Model::languages`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// Average natural-log probability per n-gram.
    pub letters: Vec<f64>,
    /// The words' natural-log probabilities under each language's word
    /// frequencies, summed and divided by the number of n-grams (so that it
    /// adds to [`Scores::letters`] on the same scale).
    pub words: Vec<f64>,
    /// The number of n-grams scored.
    pub grams: usize,
    /// The number of words scored.
    pub word_count: usize,
    /// Per language, how many of those words its word list has.
    pub known: Vec<usize>,
}

/// The embedded model, read once.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| read(BLOB, WORDS)).as_ref()
}

fn read(blob: &'static [u8], words: &'static [u8]) -> Option<Model> {
    let mut at = 0;
    let byte = |at: &mut usize| -> Option<u8> {
        let b = *blob.get(*at)?;
        *at += 1;
        Some(b)
    };
    let count = usize::from(byte(&mut at)?);
    if count > LANES {
        return None;
    }
    let mut languages = Vec::with_capacity(count);
    let mut whatlang = Vec::with_capacity(count);
    for _ in 0..count {
        let len = usize::from(byte(&mut at)?);
        let name = std::str::from_utf8(blob.get(at..at + len)?).ok()?;
        at += len;
        // Languages are named `<ISO 639-1>-<whatlang code>`.
        let (code, lang) = name.split_once('-').unwrap_or((name, ""));
        languages.push(code);
        whatlang.push(whatlang::Lang::from_code(lang));
    }
    let mut unseen = Vec::with_capacity(count);
    for _ in 0..count {
        let mut row = [0; MAX_ORDER + 1];
        for slot in row.iter_mut().skip(1) {
            *slot = byte(&mut at)?;
        }
        unseen.push(row);
    }
    let bits = u32::from(byte(&mut at)?);
    let table = 8usize.checked_mul(1 << bits)?;
    let slots = blob.get(at..at + table)?;
    let rows = blob.get(at + table..)?;
    let mut word_unseen = [0u8; LANES];
    word_unseen[..count].copy_from_slice(words.get(..count)?);
    let mut word_scripts = [0u8; LANES];
    word_scripts[..count].copy_from_slice(words.get(count..2 * count)?);
    let mut word_levels = [[0u8; WORD_LEVELS]; LANES];
    for (l, levels) in word_levels.iter_mut().enumerate().take(count) {
        let at = 2 * count + l * WORD_LEVELS;
        levels.copy_from_slice(words.get(at..at + WORD_LEVELS)?);
    }
    let word_slots = words.get(2 * count + count * WORD_LEVELS..)?;
    if word_slots.is_empty() || word_slots.len() % (2 * WORD_BUCKET) != 0 {
        return None;
    }
    Some(Model {
        languages,
        whatlang,
        unseen,
        mask: (1 << bits) - 1,
        slots,
        rows,
        word_unseen,
        word_scripts,
        word_levels,
        word_slots,
    })
}

/// The start of a 64-bit FNV-1a hash; must match `build/model.rs`.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// The multiplier of a 64-bit FNV-1a hash; must match `build/model.rs`.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// `h` extended by `bytes` (64-bit FNV-1a, from [`FNV_OFFSET`]): the same on
/// every platform and every Rust release, for whatever the crate must hash
/// stably (n-grams, a draft's seed, a training corpus's digest).
#[inline]
pub(crate) fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(FNV_PRIME))
}

/// `h` extended by the UTF-8 bytes of `c` (FNV-1a): n-grams and words are
/// hashed a letter at a time, as `build/model.rs` hashes their bytes.
fn fnv_char(h: u64, c: char) -> u64 {
    if c.is_ascii() {
        return (h ^ u64::from(c as u8)).wrapping_mul(FNV_PRIME);
    }
    fnv1a(h, c.encode_utf8(&mut [0u8; 4]).as_bytes())
}

/// The key of a word's entry in the word table of the language in
/// `column`; must match `build/model.rs`.
fn word_key(word_hash: u64, column: usize) -> u64 {
    let mut k = (word_hash ^ (column as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k
}

/// The fingerprint of a word-table key: 1–4095, from the key's low bits,
/// which choose no bucket; must match `build/model.rs`.
fn word_fingerprint(key: u64) -> u16 {
    ((key & 0xffff_ffff) % 4095 + 1) as u16
}

impl Model {
    /// The row of the n-gram with hash `h`, if the model has it, as
    /// [`LANES`] bytes: the lanes past the model's languages hold whatever
    /// follows (the next row, or the padding `build/model.rs` adds) and are never
    /// read. A fixed width makes the copy one vector load.
    fn row(&self, h: u64) -> Option<&'static [u8; LANES]> {
        let fingerprint = ((h >> 32) as u32) | 1;
        let mut slot = (h as usize) & self.mask;
        loop {
            let at = slot * 8;
            let stored = u32::from_le_bytes(self.slots.get(at..at + 4)?.try_into().ok()?);
            if stored == 0 {
                return None;
            }
            if stored == fingerprint {
                let row = u32::from_le_bytes(self.slots.get(at + 4..at + 8)?.try_into().ok()?);
                let from = row as usize * self.languages.len();
                return self.rows.get(from..from + LANES)?.try_into().ok();
            }
            slot = (slot + 1) & self.mask;
        }
    }

    /// The quantized score of the word with FNV-1a hash `h` in the language
    /// in `column`, if its list has the word: one look in each of the two
    /// buckets the word may be in.
    fn word(&self, h: u64, column: usize) -> Option<u8> {
        let key = word_key(h, column);
        let fingerprint = word_fingerprint(key);
        let buckets = self.word_slots.len() / (2 * WORD_BUCKET);
        let second = key.rotate_left(32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        for mixed in [key, second] {
            let bucket = ((u128::from(mixed) * buckets as u128) >> 64) as usize;
            let at = bucket * 2 * WORD_BUCKET;
            for slot in self
                .word_slots
                .get(at..at + 2 * WORD_BUCKET)?
                .chunks_exact(2)
            {
                let stored = u16::from_le_bytes(slot.try_into().ok()?);
                if stored >> 4 == fingerprint {
                    return Some(self.word_levels[column][usize::from(stored & 0xf)]);
                }
            }
        }
        None
    }

    /// The scores of `text` in each language.
    pub fn scores(&self, text: &str) -> Scores {
        let n = self.languages.len();
        // Fixed-width lanes let the per-language loops vectorize.
        let mut unseen = [0u8; LANES];
        for (slot, row) in unseen.iter_mut().zip(&self.unseen) {
            *slot = row[1];
        }
        // Sums of quantized scores (tenths of a nat, negated).
        let mut sums = [0u32; LANES];
        let mut current = [0u8; LANES];
        let mut grams = 0usize;
        let mut word_sums = [0u32; LANES];
        let mut known = [0usize; LANES];
        let mut word_count = 0usize;
        let mut chars: Vec<char> = Vec::with_capacity(32);
        // Names and brands in another script (`Bluetooth` in Bulgarian)
        // say nothing about the language: only the main script counts.
        let main = main_script(text);
        let script_bit = 1u8 << main;
        'words: for word in text
            .split(|c: char| !is_letter(c))
            .filter(|w| w.chars().next().is_some_and(|c| script(c) == main))
        {
            chars.clear();
            chars.extend(word.chars().map(lower));
            let h = chars.iter().fold(FNV_OFFSET, |h, &c| fnv_char(h, c));
            word_count += 1;
            for (l, sum) in word_sums.iter_mut().enumerate().take(n) {
                // A list in another script cannot have the word.
                let listed = if self.word_scripts[l] & script_bit != 0 {
                    self.word(h, l)
                } else {
                    None
                };
                known[l] += usize::from(listed.is_some());
                *sum += u32::from(listed.unwrap_or(self.word_unseen[l]));
            }
            for start in 0..chars.len() {
                // Each language scores the longest n-gram from `start` it
                // knows (lingua's back-off): `current` holds what the
                // shorter ones gave; an unknown letter costs the unseen score.
                let mut h = FNV_OFFSET;
                for (order, &c) in chars[start..].iter().take(MAX_ORDER).enumerate() {
                    h = fnv_char(h, c);
                    let stored = self.row(h).copied().unwrap_or([ABSENT; LANES]);
                    // Chosen once per n-gram, so the lanes below vectorize.
                    let fallback = if order == 0 { unseen } else { current };
                    for l in 0..LANES {
                        current[l] = if stored[l] != ABSENT {
                            stored[l]
                        } else {
                            fallback[l]
                        };
                        sums[l] += u32::from(current[l]);
                    }
                    grams += 1;
                }
                if grams >= MAX_GRAMS {
                    break 'words;
                }
            }
        }
        let scale = if grams > 0 {
            grams as f64 * QUANTUM
        } else {
            1.0
        };
        Scores {
            letters: sums[..n].iter().map(|&s| -f64::from(s) / scale).collect(),
            words: word_sums[..n]
                .iter()
                .map(|&s| -f64::from(s) / scale)
                .collect(),
            grams,
            word_count,
            known: known[..n].to_vec(),
        }
    }
}

/// Whether `c` is a letter (`char::is_alphabetic`), with fast paths for
/// ASCII, Latin-1 and basic Cyrillic.
pub(crate) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{400}'..='\u{45F}' => true,
        '\u{C0}'..='\u{FF}' => c != '\u{D7}' && c != '\u{F7}',
        _ => c.is_alphabetic(),
    }
}

/// The lowercase form of a letter (one character; the rare letters whose
/// lowercase is longer keep their first character).
fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{410}'..='\u{42F}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        '\u{400}'..='\u{40F}' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        _ if c.is_ascii() || ('\u{430}'..='\u{45F}').contains(&c) => c,
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// A coarse script class of a letter: Latin, Cyrillic or other.
fn script(c: char) -> u8 {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => 0,
        c if crate::text::is_cyrillic(c) => 1,
        _ => 2,
    }
}

/// The script class most letters of `text` (its first 2,000 bytes) are in.
fn main_script(text: &str) -> u8 {
    let head = &text[..text.floor_char_boundary(2000)];
    let mut counts = [0usize; 3];
    for c in head.chars().filter(|&c| is_letter(c)) {
        counts[usize::from(script(c))] += 1;
    }
    (0..3u8)
        .max_by_key(|&i| (counts[usize::from(i)], std::cmp::Reverse(i)))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The language with the highest of `scores`.
    fn best_language(model: &Model, scores: &[f64]) -> &'static str {
        let i = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap();
        model.languages[i]
    }

    #[test]
    fn the_model_tells_neighbours_apart() {
        let model = model().expect("the embedded model decodes");
        assert!(model.languages.contains(&"it") && model.languages.contains(&"es"));
        let best = |text: &str| best_language(model, &model.scores(text).letters);
        assert_eq!(best("ci scusiamo per il ritardo"), "it");
        assert_eq!(best("lamentamos mucho el retraso"), "es");
        assert_eq!(best("humihingi kami ng paumanhin"), "tl");
        assert_eq!(best("извиняваме се за забавянето"), "bg");
        assert_eq!(best("приносим извинения за задержку"), "ru");
    }

    #[test]
    fn the_word_lists_know_each_languages_words() {
        let model = model().expect("the embedded model decodes");
        let best_by_words = |text: &str| best_language(model, &model.scores(text).words);
        assert_eq!(best_by_words("pasensya na po sa abala"), "tl");
        assert_eq!(best_by_words("grazie della pazienza"), "it");
        assert_eq!(best_by_words("obrigado pela paciência"), "pt");
        assert_eq!(best_by_words("благодарим за търпението"), "bg");
        assert_eq!(best_by_words("шта је то и где је"), "sr");
        // A Latin word is never looked up in a Cyrillic list: for Bulgarian
        // the common `sa` is as unknown as `zq`.
        let bg = model.languages.iter().position(|l| *l == "bg").unwrap();
        let tl = model.languages.iter().position(|l| *l == "tl").unwrap();
        let (common, unknown) = (model.scores("sa"), model.scores("zq"));
        assert_eq!(common.words[bg], unknown.words[bg]);
        assert!(common.words[tl] > unknown.words[tl]);
    }
}
