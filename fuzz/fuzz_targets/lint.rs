//! Any bytes, linted in every locale and with detection: never a panic, and
//! every span is a char-boundary range of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meaculpa::LintOptions;

#[path = "shared.rs"]
mod shared;
use shared::engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for language in [None, Some("en"), Some("it"), Some("tl"), Some("bg")] {
        let options = LintOptions { language: language.map(str::to_owned), ..LintOptions::default() };
        let report = engine().lint(text, &options).expect("known locales lint");
        for f in &report.findings {
            assert!(f.span.start < f.span.end && f.span.end <= text.len());
            assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        }
    }
});
