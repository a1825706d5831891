//! Any text through language detection: never a panic, confidences in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "shared.rs"]
mod shared;
use shared::engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let detection = engine().detect(text);
    assert!((0.0..=1.0).contains(&detection.confidence));
});
