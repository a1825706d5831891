//! Any bytes, linted in every locale and with detection: never a panic, and
//! every span is a char-boundary range of the input. Read as a stream, the
//! same bytes give the same report, or the offset of their invalid UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meaculpa::LintOptions;

#[path = "shared.rs"]
mod shared;
use shared::engine;

fuzz_target!(|data: &[u8]| {
    let streamed = engine().lint_reader(data, &LintOptions::language("en"));
    let text = match std::str::from_utf8(data) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            assert!(matches!(streamed, Err(meaculpa::ReadError::InvalidUtf8 { offset: o }) if o == offset));
            return;
        }
    };
    let streamed = streamed.expect("UTF-8 lints");
    assert_eq!(streamed.report, engine().lint(text, &LintOptions::language("en")).expect("en lints"));
    for f in &streamed.report.findings {
        assert_eq!(streamed.excerpts.text(f.span), text.get(f.span.range()));
    }
    for language in [None, Some("en"), Some("it"), Some("tl"), Some("bg")] {
        let options = LintOptions { language: language.map(str::to_owned), ..LintOptions::default() };
        let report = engine().lint(text, &options).expect("known locales lint");
        for f in &report.findings {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
    }
});
