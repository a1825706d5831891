//! Arbitrary incident files (TOML or JSON) drafted in every locale, register
//! and channel: an error naming the problem or a draft without placeholders.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};

#[path = "shared.rs"]
mod shared;
use shared::engine;

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
