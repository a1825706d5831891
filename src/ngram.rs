//! A character n-gram language model (orders 1–4, naive Bayes) for
//! detection on short texts, where whatlang's 300 trigrams per language are
//! too few to tell neighbours apart.
//!
//! `build.rs` trains it from `data/langid-train/` (the four installed
//! languages and their usual confusers: Spanish, Portuguese, French,
//! Indonesian, Malay, Russian, Macedonian, Serbian, Ukrainian) and embeds it
//! (about 1 MB); it is decoded on first use. Scores are average natural-log
//! probabilities per n-gram, comparable across languages for one text.

use std::sync::OnceLock;

const BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ngrams.bin"));
/// Longest n-gram; must match `build.rs`.
const MAX_ORDER: usize = 4;
/// Inverse of the quantization step of stored log-probabilities.
const QUANTUM: f64 = 10.0;

/// The decoded model.
#[derive(Debug)]
pub struct Model {
    /// Language codes (ISO 639-1), in column order.
    pub languages: Vec<&'static str>,
    /// The whatlang language of each column, where whatlang knows it.
    pub whatlang: Vec<Option<whatlang::Lang>>,
    /// Per language and order (1-based), the log-probability of an unseen n-gram.
    unseen: Vec<[f64; MAX_ORDER + 1]>,
    /// Hash of an n-gram's UTF-8 bytes → offset of its row of quantized
    /// log-probabilities in `BLOB` (a 64-bit hash over ~60,000 n-grams).
    rows: rustc_hash::FxHashMap<u64, usize>,
}

/// The embedded model, decoded once.
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL.get_or_init(|| decode(BLOB)).as_ref()
}

fn decode(blob: &'static [u8]) -> Option<Model> {
    let mut at = 0;
    let byte = |at: &mut usize| -> Option<u8> {
        let b = *blob.get(*at)?;
        *at += 1;
        Some(b)
    };
    let count = usize::from(byte(&mut at)?);
    let mut languages = Vec::with_capacity(count);
    let mut whatlang = Vec::with_capacity(count);
    for _ in 0..count {
        let len = usize::from(byte(&mut at)?);
        let name = std::str::from_utf8(blob.get(at..at + len)?).ok()?;
        at += len;
        // Training files are named `<ISO 639-1>-<whatlang code>`.
        let (code, lang) = name.split_once('-').unwrap_or((name, ""));
        languages.push(code);
        whatlang.push(whatlang::Lang::from_code(lang));
    }
    let mut unseen = Vec::with_capacity(count);
    for _ in 0..count {
        let mut row = [0.0; MAX_ORDER + 1];
        for slot in row.iter_mut().skip(1) {
            *slot = -f64::from(byte(&mut at)?) / QUANTUM;
        }
        unseen.push(row);
    }
    let mut rows = rustc_hash::FxHashMap::default();
    while at < blob.len() {
        let len = usize::from(byte(&mut at)?);
        let gram = std::str::from_utf8(blob.get(at..at + len)?).ok()?;
        at += len;
        rows.insert(hash(gram.as_bytes()), at);
        at += count;
    }
    Some(Model {
        languages,
        whatlang,
        unseen,
        rows,
    })
}

impl Model {
    /// The average log-probability per n-gram of `text` in each language
    /// (column order of [`Model::languages`]), and the number of n-grams.
    pub fn scores(&self, text: &str) -> (Vec<f64>, usize) {
        let mut sums = vec![0.0; self.languages.len()];
        let mut grams = 0usize;
        let lower = text.to_lowercase();
        let mut chars: Vec<char> = Vec::with_capacity(32);
        let mut gram = [0u8; 4 * MAX_ORDER];
        for word in lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            chars.clear();
            chars.push(' ');
            chars.extend(word.chars());
            chars.push(' ');
            for n in 1..=MAX_ORDER {
                for window in chars.windows(n) {
                    if window.iter().all(|c| *c == ' ') {
                        continue;
                    }
                    let mut len = 0;
                    for c in window {
                        len += c.encode_utf8(&mut gram[len..]).len();
                    }
                    grams += 1;
                    match self.rows.get(&hash(&gram[..len])) {
                        Some(&offset) => {
                            for (l, sum) in sums.iter_mut().enumerate() {
                                *sum -= f64::from(BLOB[offset + l]) / QUANTUM;
                            }
                        }
                        None => {
                            for (l, sum) in sums.iter_mut().enumerate() {
                                *sum += self.unseen[l][n];
                            }
                        }
                    }
                }
            }
        }
        if grams > 0 {
            for sum in &mut sums {
                *sum /= grams as f64;
            }
        }
        (sums, grams)
    }
}

/// The hash an n-gram is stored under.
fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_tells_neighbours_apart() {
        let model = model().expect("the embedded model decodes");
        assert!(model.languages.contains(&"it") && model.languages.contains(&"es"));
        let best = |text: &str| {
            let (scores, _) = model.scores(text);
            let i = scores
                .iter()
                .enumerate()
                .max_by(|a, b| a.1.total_cmp(b.1))
                .map(|(i, _)| i)
                .unwrap();
            model.languages[i]
        };
        assert_eq!(best("ci scusiamo per il ritardo"), "it");
        assert_eq!(best("lamentamos mucho el retraso"), "es");
        assert_eq!(best("humihingi kami ng paumanhin"), "tl");
        assert_eq!(best("извиняваме се за забавянето"), "bg");
        assert_eq!(best("приносим извинения за задержку"), "ru");
    }
}
