//! Arbitrary incident files (TOML or JSON) drafted in every locale, register
//! and channel: an error naming the problem or a draft without placeholders.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use meaculpa::Engine;
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(incident) = Incident::parse(text, "fuzz") else { return };
    for locale in ["en", "it", "tl", "bg"] {
        for register in [Register::Formal, Register::Informal] {
            for channel in [Channel::Email, Channel::Chat, Channel::Social] {
                let options = GenerateOptions { locale: locale.into(), register, channel, seed: Some(0) };
                if let Ok(apology) = engine().generate(&incident, &options) {
                    assert!(!apology.text.contains("{$") && !apology.text.contains('\u{2068}'));
                }
            }
        }
    }
});
