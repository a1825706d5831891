//! Lays out the detection model (`data/langid-model/`) as the hash tables
//! `src/ngram.rs` reads in place.

use std::path::Path;

/// Longest character n-gram of the detection model; must match `src/ngram.rs`.
const MAX_ORDER: usize = 5;
/// An n-gram a language's model never saw scores this many tenths of a nat
/// below the least likely n-gram of that order the language has.
const UNSEEN_PENALTY: u32 = 10;

/// A row's byte for a language lingua never saw the n-gram in.
const ABSENT: u8 = 255;

/// The 64-bit FNV-1a hash of an n-gram's UTF-8 bytes; must match `src/ngram.rs`.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Turns `data/langid-model/ngrams.txt` (distilled from lingua's models by
/// `tools/distill-lingua`; see the ATTRIBUTION.md beside it) into
/// `OUT_DIR/ngrams.bin`, which the detector reads in place:
/// - the language count and codes (`<ISO 639-1>-<whatlang code>`);
/// - per language and order 1–5, the score of an unseen n-gram;
/// - `bits`, then 2^bits slots of (u32 fingerprint, u32 row), little-endian,
///   an open-addressing table keyed by the n-gram's FNV-1a hash (fingerprint 0 = empty);
/// - the rows: per n-gram, one byte per language, −ln p × 10, or 255 when
///   the language never has it (the detector then backs off to a shorter
///   n-gram); then 16 bytes of padding.
pub fn build_ngram_model() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/langid-model/ngrams.txt");
    println!("cargo:rerun-if-changed={}", file.display());
    let text = std::fs::read_to_string(&file).expect("data/langid-model/ngrams.txt is readable");
    let mut lines = text.lines();
    let codes: Vec<&str> = lines.next().expect("a header line").split(' ').collect();
    let count = codes.len();
    let mut grams: Vec<(&str, Vec<Option<u8>>)> = Vec::new();
    for line in lines {
        let mut fields = line.split(' ');
        let gram = fields.next().expect("an n-gram");
        let row: Vec<Option<u8>> = fields.map(|f| f.parse().ok()).collect();
        assert_eq!(row.len(), count, "a score per language for {gram:?}");
        grams.push((gram, row));
    }
    // Unseen scores: below the least likely stored n-gram of each order.
    let mut unseen = vec![[0u8; MAX_ORDER + 1]; count];
    for (gram, row) in &grams {
        let n = gram.chars().count().min(MAX_ORDER);
        for (l, value) in row.iter().enumerate() {
            if let Some(v) = value {
                unseen[l][n] = unseen[l][n].max(*v);
            }
        }
    }
    for row in &mut unseen {
        for v in row.iter_mut() {
            *v = (u32::from(*v) + UNSEEN_PENALTY).min(254) as u8;
        }
    }
    // A load factor of at most 0.6 keeps probe chains short.
    let mut bits = 1;
    while (1usize << bits) * 3 < grams.len() * 5 {
        bits += 1;
    }
    let mask = (1usize << bits) - 1;
    let mut slots = vec![(0u32, 0u32); 1 << bits];
    let mut rows: Vec<u8> = Vec::with_capacity(grams.len() * count);
    for (index, (gram, row)) in grams.iter().enumerate() {
        let h = fnv(gram.as_bytes());
        let fingerprint = ((h >> 32) as u32) | 1;
        let mut slot = (h as usize) & mask;
        while slots[slot].0 != 0 {
            slot = (slot + 1) & mask;
        }
        slots[slot] = (fingerprint, index as u32);
        rows.extend(row.iter().map(|v| v.unwrap_or(ABSENT)));
    }
    let mut out: Vec<u8> = vec![count as u8];
    for code in &codes {
        out.push(code.len() as u8);
        out.extend(code.as_bytes());
    }
    for row in &unseen {
        out.extend(&row[1..]);
    }
    out.push(bits as u8);
    for (fingerprint, row) in slots {
        out.extend(fingerprint.to_le_bytes());
        out.extend(row.to_le_bytes());
    }
    out.extend(rows);
    // Padding: the detector reads every row as 16 bytes (its lane width).
    out.extend([0u8; 16]);
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ngrams.bin");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// A word a language's list lacks scores this many tenths of a nat below
/// the least frequent word the list keeps.
const WORD_UNSEEN_PENALTY: u32 = 25;

/// The key of `word`'s entry in the word table of the language in
/// `column`; must match `src/ngram.rs`.
fn word_key(word_hash: u64, column: usize) -> u64 {
    let mut k = (word_hash ^ (column as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k
}

/// Slots per bucket of the word table; must match `src/ngram.rs`.
const WORD_BUCKET: usize = 4;

/// Levels a word's score is quantized to (4 bits of a slot); must match `src/ngram.rs`.
const WORD_LEVELS: usize = 16;

/// The fingerprint of a word-table key: 1–4095, from the key's low bits,
/// which [`word_buckets`] (the high bits) does not use, so two keys of one
/// bucket share a fingerprint only by chance (1 in 4095); must match
/// `src/ngram.rs`.
fn word_fingerprint(key: u64) -> u16 {
    ((key & 0xffff_ffff) % 4095 + 1) as u16
}

/// The two buckets (of `buckets`) where the entry with `key` may live;
/// must match `src/ngram.rs`.
fn word_buckets(key: u64, buckets: usize) -> [usize; 2] {
    let second = key.rotate_left(32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    [
        ((u128::from(key) * buckets as u128) >> 64) as usize,
        ((u128::from(second) * buckets as u128) >> 64) as usize,
    ]
}

/// Places `entries` (key, slot value) in a two-choice table of buckets of
/// [`WORD_BUCKET`] slots (cuckoo hashing: an entry may push an occupant to
/// its other bucket), or `None` when they do not fit.
fn cuckoo(entries: &[(u64, u16)], buckets: usize) -> Option<Vec<u16>> {
    let mut slots = vec![(0u64, 0u16); buckets * WORD_BUCKET];
    // A fixed-seed xorshift picks which occupant to push: the build is reproducible.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for &(key, value) in entries {
        let mut moving = (key, value);
        let mut placed = false;
        for _ in 0..1000 {
            let choices = word_buckets(moving.0, buckets);
            if let Some(free) = choices
                .iter()
                .flat_map(|b| b * WORD_BUCKET..(b + 1) * WORD_BUCKET)
                .find(|&i| slots[i].1 == 0)
            {
                slots[free] = moving;
                placed = true;
                break;
            }
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let bucket = choices[(seed & 1) as usize];
            let victim = bucket * WORD_BUCKET + (seed >> 1) as usize % WORD_BUCKET;
            std::mem::swap(&mut slots[victim], &mut moving);
        }
        if !placed {
            return None;
        }
    }
    Some(slots.into_iter().map(|(_, value)| value).collect())
}

/// Turns `data/langid-model/words.txt` (the most frequent words of each
/// language of the n-gram model, distilled from wordfreq by
/// `tools/distill-wordfreq`) into `OUT_DIR/words.bin`:
/// - per language, in the column order of `ngrams.txt`, the score of a word
///   its list lacks; then per language the scripts of its words (bit 0
///   Latin, bit 1 Cyrillic); then per language the [`WORD_LEVELS`] scores
///   (−ln p × 10) its levels stand for, evenly spaced from its most to its
///   least frequent word;
/// - then little-endian u16 slots, in buckets of [`WORD_BUCKET`], of a
///   two-choice table keyed by [`word_key`] (see [`word_buckets`]): a
///   12-bit fingerprint ([`word_fingerprint`]; 0 = empty) above the 4-bit
///   level of the word's score in that language.
pub fn build_word_model() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/langid-model");
    let file = dir.join("words.txt");
    println!("cargo:rerun-if-changed={}", file.display());
    let header = std::fs::read_to_string(dir.join("ngrams.txt")).expect("ngrams.txt is readable");
    let codes: Vec<&str> = header
        .lines()
        .next()
        .expect("a header line")
        .split(' ')
        .map(|c| c.split('-').next().unwrap_or(c))
        .collect();
    let text = std::fs::read_to_string(&file).expect("data/langid-model/words.txt is readable");
    let mut words: Vec<(u64, usize, u8)> = Vec::new();
    let mut least = vec![0u8; codes.len()];
    let mut most = vec![u8::MAX; codes.len()];
    // Per language, the scripts its words are written in: 1 Latin, 2 Cyrillic.
    let mut scripts = vec![0u8; codes.len()];
    for line in text.lines() {
        let mut fields = line.split(' ');
        let (Some(code), Some(word), Some(score)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("words.txt: `<language> <word> <score>` expected, got {line:?}");
        };
        let column = codes
            .iter()
            .position(|c| *c == code)
            .unwrap_or_else(|| panic!("words.txt: `{code}` is not a language of ngrams.txt"));
        let score: u8 = score.parse().expect("words.txt: a score of 0–254");
        least[column] = least[column].max(score);
        most[column] = most[column].min(score);
        scripts[column] |= if word.chars().any(|c| ('\u{400}'..='\u{52F}').contains(&c)) {
            2
        } else {
            1
        };
        words.push((word_key(fnv(word.as_bytes()), column), column, score));
    }
    // A language's levels step evenly from its most to its least frequent word.
    let step: Vec<f64> = (0..codes.len())
        .map(|l| f64::from(least[l].saturating_sub(most[l])) / (WORD_LEVELS - 1) as f64)
        .collect();
    let level = |column: usize, score: u8| -> u16 {
        if step[column] == 0.0 {
            return 0;
        }
        (f64::from(score - most[column]) / step[column]).round() as u16
    };
    let entries: Vec<(u64, u16)> = words
        .iter()
        .map(|&(key, column, score)| (key, (word_fingerprint(key) << 4) | level(column, score)))
        .collect();
    // Two choices of four slots fill about 95% of a table; start at 92%
    // and grow until every word has a place.
    let mut buckets = entries.len() * 100 / 92 / WORD_BUCKET + 1;
    let slots = loop {
        if let Some(slots) = cuckoo(&entries, buckets) {
            break slots;
        }
        buckets += buckets / 50 + 1;
    };
    let mut out: Vec<u8> = least
        .iter()
        .map(|&v| (u32::from(v) + WORD_UNSEEN_PENALTY).min(254) as u8)
        .collect();
    out.extend(&scripts);
    for column in 0..codes.len() {
        for l in 0..WORD_LEVELS {
            out.push((f64::from(most[column]) + l as f64 * step[column]).round() as u8);
        }
    }
    for slot in slots {
        out.extend(slot.to_le_bytes());
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("words.bin");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
