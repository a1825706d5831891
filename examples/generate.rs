//! The same incident — a card charged twice — drafted in all four languages,
//! formal e-mail and informal chat, each draft linted in its own locale.
//!
//! Run: `cargo run --example generate`.

use meaculpa::Engine;
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};

/// The incident's facts, written in each language (the fields go into the text verbatim).
const INCIDENTS: [(&str, &str); 4] = [
    (
        "en",
        include_str!("../tests/fixtures/incidents/en-double-charge.toml"),
    ),
    (
        "it",
        include_str!("../tests/fixtures/incidents/it-doppio-addebito.toml"),
    ),
    (
        "tl",
        include_str!("../tests/fixtures/incidents/tl-double-charge.toml"),
    ),
    (
        "bg",
        include_str!("../tests/fixtures/incidents/bg-dvojno-taksuvane.toml"),
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    for (locale, facts) in INCIDENTS {
        let incident = Incident::parse(facts, locale)?;
        for (register, channel) in [
            (Register::Formal, Channel::Email),
            (Register::Informal, Channel::Chat),
        ] {
            let options = GenerateOptions {
                locale: locale.to_owned(),
                register,
                channel,
                seed: Some(1),
            };
            let apology = engine.generate(&incident, &options)?;
            println!("── {locale}, {register}, {channel} ──\n{}\n", apology.text);
            let present: Vec<&str> = apology.parts.present().collect();
            println!(
                "parts: {} · findings: {}",
                present.join(", "),
                apology.findings.len()
            );
            for note in &apology.notes {
                println!("note for the writer: {}", note.render(&engine, "en"));
            }
            println!();
        }
    }
    Ok(())
}
