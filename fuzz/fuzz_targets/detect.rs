//! Any text through language detection: never a panic, confidences in [0, 1].
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use meaculpa::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let detection = engine().detect(text);
    assert!((0.0..=1.0).contains(&detection.confidence));
});
