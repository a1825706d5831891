//! Benchmarks of the engine's stages: lint per locale (apology text and
//! neutral prose), detection, generation with its self-lint, loading the
//! embedded packs and reading a locale's rule image, and compiling a pack
//! from its files. Run with `cargo bench`; `scripts/bench.sh`
//! prints the end-to-end CLI figures.

use divan::{Bencher, black_box};
use meaculpa::generate::{GenerateOptions, Incident, IncidentSeverity};
use meaculpa::{Engine, LintOptions};

fn main() {
    divan::main();
}

fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

/// About 64 KiB of neutral prose of a locale, from the test data.
fn prose(locale: &str) -> String {
    let path = format!(
        "{}/tests/data/neutral/{locale}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("neutral data");
    let mut out = String::new();
    while out.len() < 64 * 1024 {
        out.push_str(&text);
    }
    out.truncate(out.floor_char_boundary(64 * 1024));
    out
}

const LOCALES: [&str; 4] = ["en", "it", "tl", "bg"];

#[divan::bench(args = LOCALES)]
fn lint_prose_64k(bencher: Bencher, locale: &str) {
    let text = prose(locale);
    let options = LintOptions::language(locale);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| engine().lint(black_box(&text), &options).unwrap());
}

#[divan::bench(args = LOCALES)]
fn lint_apology(bencher: Bencher, locale: &str) {
    let path = format!(
        "{}/examples/apology-{locale}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("example apology");
    let options = LintOptions::language(locale);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| engine().lint(black_box(&text), &options).unwrap());
}

#[divan::bench(args = LOCALES)]
fn detect_sentence(bencher: Bencher, locale: &str) {
    let text = prose(locale);
    let sentence = text.lines().nth(3).unwrap_or_default().to_owned();
    bencher
        .counter(divan::counter::BytesCount::new(sentence.len()))
        .bench(|| engine().detect(black_box(&sentence)));
}

#[divan::bench]
fn generate_email(bencher: Bencher) {
    let incident = Incident {
        customer: Some("Maria Rossi".into()),
        company: Some("Acme".into()),
        mistake: Some("we charged your card twice for order 1182".into()),
        impact: Some("you were short of money for three days".into()),
        fix: Some("we refunded the second charge today".into()),
        prevention: Some("we added a check that blocks duplicate charges".into()),
        severity: Some(IncidentSeverity::Moderate),
        ..Incident::default()
    };
    let options = GenerateOptions::new("en");
    bencher.bench(|| engine().generate(black_box(&incident), &options).unwrap());
}

#[divan::bench(sample_count = 10)]
fn load_embedded_packs() -> Engine {
    Engine::new().expect("embedded packs load")
}

/// What a cold start pays for its locale: loading the packs and reading one
/// locale's rules from the rule image made at build time (on first use).
#[divan::bench(args = LOCALES, sample_count = 10)]
fn load_and_read_locale(locale: &str) -> Engine {
    let engine = Engine::new().expect("embedded packs load");
    let pack = engine.pack(locale).expect("embedded locale");
    assert!(pack.rules().is_ok());
    engine
}

/// What a pack given at run time (`--packs`) pays: reading and compiling one
/// locale's files, as the build script does for the embedded packs.
#[divan::bench(args = LOCALES, sample_count = 10)]
fn load_and_compile_locale_from_source(locale: &str) -> Engine {
    Engine::builder()
        .without_embedded()
        .pack_dir(format!("{}/locales/{locale}", env!("CARGO_MANIFEST_DIR")))
        .build()
        .expect("the pack in locales/ loads")
}
