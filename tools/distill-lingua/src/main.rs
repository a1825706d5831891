//! Distils lingua's character n-gram models (Apache-2.0, Peter M. Stahl) into
//! the compact model meaculpa's detector embeds: `data/langid-model/ngrams.txt`.
//!
//! For each language, the n-grams of each order (1–5 letters, inside words)
//! are ranked by their probability in running text (the product of lingua's
//! conditional probabilities along the n-gram) and the most frequent ones are
//! kept; the union over languages is written with, for every language, the
//! conditional log-probability lingua gives it (or none).
//!
//! Usage: `cargo run --release -- <path to data/langid-model/ngrams.txt>`

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use fst::Streamer;
use include_dir::Dir;

/// How many n-grams of each order (index = length) each language keeps.
const KEEP: [usize; 6] = [0, usize::MAX, usize::MAX, 4000, 4000, 3000];

fn languages() -> Vec<(&'static str, &'static Dir<'static>)> {
    vec![
        (
            "bg-bul",
            &lingua_bulgarian_language_model::BULGARIAN_MODELS_DIRECTORY,
        ),
        (
            "en-eng",
            &lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
        ),
        (
            "es-spa",
            &lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
        ),
        (
            "fr-fra",
            &lingua_french_language_model::FRENCH_MODELS_DIRECTORY,
        ),
        (
            "id-ind",
            &lingua_indonesian_language_model::INDONESIAN_MODELS_DIRECTORY,
        ),
        (
            "it-ita",
            &lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY,
        ),
        (
            "mk-mkd",
            &lingua_macedonian_language_model::MACEDONIAN_MODELS_DIRECTORY,
        ),
        ("ms", &lingua_malay_language_model::MALAY_MODELS_DIRECTORY),
        (
            "pt-por",
            &lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY,
        ),
        (
            "ru-rus",
            &lingua_russian_language_model::RUSSIAN_MODELS_DIRECTORY,
        ),
        (
            "sr-srp",
            &lingua_serbian_language_model::SERBIAN_MODELS_DIRECTORY,
        ),
        (
            "tl-tgl",
            &lingua_tagalog_language_model::TAGALOG_MODELS_DIRECTORY,
        ),
        (
            "uk-ukr",
            &lingua_ukrainian_language_model::UKRAINIAN_MODELS_DIRECTORY,
        ),
    ]
}

fn main() {
    let dest = std::env::args()
        .nth(1)
        .expect("usage: distill-lingua <output file>");
    let langs = languages();
    // Per language: gram → conditional ln p.
    let mut models: Vec<HashMap<String, f64>> = Vec::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    for (code, dir) in &langs {
        let file = dir.get_file("ngrams.fst").expect("lingua ships ngrams.fst");
        let map = fst::Map::new(file.contents()).expect("a valid fst");
        let mut model = HashMap::new();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            let gram = String::from_utf8(key.to_vec()).expect("UTF-8 n-grams");
            model.insert(gram, f64::from_bits(value));
        }
        // Probability in running text: the chain of conditionals.
        let mut by_order: Vec<Vec<(f64, &String)>> = vec![Vec::new(); 6];
        for gram in model.keys() {
            let chars: Vec<char> = gram.chars().collect();
            let mut joint = 0.0;
            for k in 1..=chars.len() {
                let prefix: String = chars[..k].iter().collect();
                joint += model.get(&prefix).copied().unwrap_or(-20.0);
            }
            if chars.len() < 6 {
                by_order[chars.len()].push((joint, gram));
            }
        }
        let mut counts = [0usize; 6];
        for (n, grams) in by_order.iter_mut().enumerate().skip(1) {
            grams.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            for (_, gram) in grams.iter().take(KEEP[n]) {
                kept.insert((*gram).clone());
                counts[n] += 1;
            }
        }
        eprintln!(
            "{code}: {} n-grams, kept per order {:?}",
            model.len(),
            &counts[1..]
        );
        models.push(model);
    }
    // The file: a header line of codes, then one line per n-gram: the gram
    // and, per language, -ln p × 10 rounded (0–254), or `-` when lingua
    // never saw it in that language.
    let mut out = String::new();
    writeln!(
        out,
        "{}",
        langs.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(" ")
    )
    .unwrap();
    for gram in &kept {
        out.push_str(gram);
        for model in &models {
            match model.get(gram) {
                Some(p) => write!(out, " {}", (-p * 10.0).round().clamp(0.0, 254.0) as u8).unwrap(),
                None => out.push_str(" -"),
            }
        }
        out.push('\n');
    }
    std::fs::write(&dest, out).expect("writable output");
    eprintln!("{} n-grams written to {dest}", kept.len());
}
