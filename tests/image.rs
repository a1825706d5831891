//! The embedded packs' rules are read from rule images that `build.rs`
//! compiled when the binary was built; packs loaded from a directory are
//! compiled from their `rules.toml` at run time. Both must lint alike: every
//! example of every rule and part, and every text of both corpora, gives the
//! same report from the embedded packs as from the same packs read from
//! `locales/`, and each finding names the same pack lines.

use meaculpa::{Engine, LintOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct CorpusText {
    text: String,
}

/// The texts of `tests/corpus/<dir>/<locale>.jsonl`.
fn corpus(dir: &str, locale: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/corpus/{dir}{locale}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            serde_json::from_str::<CorpusText>(line)
                .unwrap_or_else(|e| panic!("{path}: {e}"))
                .text
        })
        .collect()
}

#[test]
fn embedded_rule_images_lint_as_the_packs_compiled_from_source() {
    let embedded = Engine::new().expect("the embedded packs load");
    let compiled = Engine::builder()
        .without_embedded()
        .pack_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/locales"))
        .build()
        .expect("the packs in locales/ load");
    let mut texts_checked = 0;
    for pack in compiled.packs() {
        let locale = pack.id.as_str();
        let rules = pack.rules().expect("packs read from a directory compile");
        let mut texts = corpus("", locale);
        texts.extend(corpus("new-writers/", locale));
        texts.extend(corpus("new-writers-2/", locale));
        texts.extend(corpus("new-writers-3/", locale));
        for examples in rules
            .rules()
            .iter()
            .map(|r| r.examples())
            .chain(rules.parts().iter().map(|p| p.examples()))
        {
            texts.extend(
                examples
                    .positive
                    .iter()
                    .chain(&examples.negative)
                    .map(|e| e.text.clone()),
            );
        }
        let options = LintOptions::language(locale);
        for text in &texts {
            let from_image = embedded.lint(text, &options).expect("lints");
            let from_source = compiled.lint(text, &options).expect("lints");
            assert_eq!(from_image, from_source, "{locale}: {text}");
            for finding in &from_image.findings {
                let lines = |engine: &Engine| -> Vec<(usize, usize, String)> {
                    engine
                        .origins(locale, text, &finding.rule, finding.span)
                        .into_iter()
                        .map(|o| (o.line, o.column, o.pattern))
                        .collect()
                };
                assert_eq!(lines(&embedded), lines(&compiled), "{locale}: {text}");
            }
            texts_checked += 1;
        }
    }
    assert!(
        texts_checked > 4_000,
        "only {texts_checked} texts were compared"
    );
}
