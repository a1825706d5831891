//! Embeds the default locale packs (`locales/`) into the binary, so the tool
//! works with no files around it. Every file of every pack directory is
//! listed; adding a language is adding a directory, never Rust code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    build_ngram_model();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from(
        "/// Pack files as (`<tag>/<file>`, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("locales/ exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    dirs.sort_by_key(|e| e.file_name());
    for dir in dirs {
        println!("cargo:rerun-if-changed={}", dir.path().display());
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("pack directory is readable")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            println!("cargo:rerun-if-changed={}", file.path().display());
            writeln!(
                out,
                "    ({:?}, include_str!({:?})),",
                format!(
                    "{}/{}",
                    dir.file_name().to_string_lossy(),
                    file.file_name().to_string_lossy()
                ),
                file.path().display().to_string()
            )
            .expect("writing to a String cannot fail");
        }
    }
    out.push_str("];\n");
    writeln!(
        out,
        "/// The stable rule and part ids.\npub static IDS: &str = include_str!({:?});",
        root.join("ids.toml").display().to_string()
    )
    .expect("writing to a String cannot fail");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_packs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Longest character n-gram of the detection model.
const MAX_ORDER: usize = 4;
/// An n-gram must occur this often in some language to be kept.
const MIN_COUNT: u32 = 2;
/// Add-k smoothing of the n-gram counts.
const SMOOTHING: f64 = 0.5;
/// Log-probabilities are stored as `round(-ln p × QUANTUM)` in one byte.
const QUANTUM: f64 = 10.0;

/// Trains a character n-gram model for language detection from
/// `data/langid-train/<code>.txt` (see its ATTRIBUTION.md) and writes it to
/// `OUT_DIR/ngrams.bin`: a header (language count, codes, the log-probability
/// of an unseen n-gram per language and order), then one record per n-gram:
/// its length, its UTF-8 bytes, one quantized log-probability per language.
fn build_ngram_model() {
    use std::collections::HashMap;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/langid-train");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut codes = Vec::new();
    let mut counts: Vec<HashMap<String, u32>> = Vec::new();
    let mut totals: Vec<[f64; MAX_ORDER + 1]> = Vec::new();
    let mut distinct: Vec<[f64; MAX_ORDER + 1]> = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file)
            .expect("training text is UTF-8")
            .to_lowercase();
        let mut grams: HashMap<String, u32> = HashMap::new();
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            let chars: Vec<char> = std::iter::once(' ')
                .chain(word.chars())
                .chain(std::iter::once(' '))
                .collect();
            for n in 1..=MAX_ORDER {
                for window in chars.windows(n) {
                    if window.iter().all(|c| *c == ' ') {
                        continue;
                    }
                    *grams.entry(window.iter().collect()).or_default() += 1;
                }
            }
        }
        let mut total = [0.0; MAX_ORDER + 1];
        let mut kinds = [0.0; MAX_ORDER + 1];
        for (gram, count) in &grams {
            let n = gram.chars().count();
            total[n] += f64::from(*count);
            kinds[n] += 1.0;
        }
        codes.push(
            file.file_stem()
                .expect("a file name")
                .to_string_lossy()
                .into_owned(),
        );
        counts.push(grams);
        totals.push(total);
        distinct.push(kinds);
    }
    let quantize = |p: f64| (-p.ln() * QUANTUM).round().clamp(0.0, 255.0) as u8;
    let mut out: Vec<u8> = vec![codes.len() as u8];
    for code in &codes {
        out.push(code.len() as u8);
        out.extend(code.as_bytes());
    }
    for l in 0..codes.len() {
        for n in 1..=MAX_ORDER {
            out.push(quantize(
                SMOOTHING / (totals[l][n] + SMOOTHING * distinct[l][n]),
            ));
        }
    }
    let mut all: Vec<&String> = counts.iter().flat_map(|c| c.keys()).collect();
    all.sort();
    all.dedup();
    for gram in all {
        if counts
            .iter()
            .all(|c| c.get(gram).copied().unwrap_or(0) < MIN_COUNT)
        {
            continue;
        }
        let n = gram.chars().count();
        out.push(gram.len() as u8);
        out.extend(gram.as_bytes());
        for l in 0..codes.len() {
            let c = f64::from(counts[l].get(gram).copied().unwrap_or(0));
            out.push(quantize(
                (c + SMOOTHING) / (totals[l][n] + SMOOTHING * distinct[l][n]),
            ));
        }
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ngrams.bin");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
