//! Properties that hold for any input: linting never panics; every span lies
//! on char boundaries inside the input and its text is the input's slice;
//! findings are sorted and deterministic; many threads get the same result
//! from one shared engine.

use std::sync::OnceLock;

use meaculpa::{Engine, LintOptions, Report};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

/// Text that mixes apology words of every locale with odd characters.
fn texty() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "sorry",
        "if",
        "but",
        "we",
        "apologize",
        "any",
        "inconvenience",
        "oops",
        "the",
        "courier",
        "Mi",
        "dispiace",
        "se",
        "ma",
        "ci",
        "scusiamo",
        "eventuali",
        "disagi",
        "Pasensya",
        "na",
        "po",
        "kung",
        "pero",
        "sorry",
        "Съжаляваме",
        "ако",
        "но",
        "извиняваме",
        "се",
        "куриера",
        ",",
        ".",
        "!",
        "?",
        "\n",
        "\n\n",
        "> ",
        "\"",
        "«",
        "»",
        "„",
        "“",
        "\u{00AD}",
        "\u{200B}",
        "é",
        "ё",
        "1182",
        "20",
        "minutes",
        "—",
        "'",
        "’",
        "\r\n",
        "\t",
        "🙂",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

fn check_report(text: &str, report: &Report) {
    let mut last = (0, 0);
    for f in &report.findings {
        assert!(f.span.start < f.span.end, "non-empty span");
        assert!(f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        assert!((f.span.start, f.span.end) >= last, "findings are sorted");
        last = (f.span.start, f.span.end);
    }
    for spans in report.parts.spans.values() {
        for s in spans {
            assert!(
                s.end <= text.len()
                    && text.is_char_boundary(s.start)
                    && text.is_char_boundary(s.end)
            );
        }
    }
    assert!(report.score <= 100);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_string_lints_without_panic(text in any::<String>()) {
        for lang in [None, Some("en"), Some("it"), Some("tl"), Some("bg")] {
            let options = LintOptions { language: lang.map(str::to_owned), ..LintOptions::default() };
            let report = engine().lint(&text, &options).unwrap();
            check_report(&text, &report);
        }
    }

    #[test]
    fn apology_like_text_gives_valid_sorted_deterministic_reports(text in texty()) {
        for lang in ["en", "it", "tl", "bg"] {
            let options = LintOptions::language(lang);
            let first = engine().lint(&text, &options).unwrap();
            check_report(&text, &first);
            prop_assert_eq!(&first, &engine().lint(&text, &options).unwrap());
        }
    }
}

#[test]
fn threads_sharing_one_engine_agree() {
    let texts = [
        "We're sorry if you were upset, but the courier lost it.",
        "Ci scusiamo per l'eventuale disagio, ma il corriere ha sbagliato.",
        "Pasensya na po kung na-offend kayo, pero hindi po namin kasalanan.",
        "Съжаляваме, ако сте останали с погрешно впечатление, но вината е на куриера.",
    ];
    let expected: Vec<Report> = texts
        .iter()
        .map(|t| engine().lint(t, &LintOptions::default()).unwrap())
        .collect();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                for _ in 0..25 {
                    for (text, want) in texts.iter().zip(&expected) {
                        assert_eq!(&engine().lint(text, &LintOptions::default()).unwrap(), want);
                    }
                }
            });
        }
    });
}
