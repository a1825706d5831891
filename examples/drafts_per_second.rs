//! How many apologies a second one thread drafts, self-lint included: the
//! incident fixtures of every locale, in every register and channel, drafted
//! over and over for about a second each. `scripts/bench.sh` prints its line.
//!
//! Run: `cargo run --release --example drafts_per_second`.

use std::time::{Duration, Instant};

use meaculpa::Engine;
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};

/// The incident fixtures, by locale (their fields go into the text verbatim).
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

/// How long each locale is drafted for.
const BUDGET: Duration = Duration::from_secs(1);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let (mut all_drafts, mut all_time) = (0u32, Duration::ZERO);
    for (locale, facts) in INCIDENTS {
        let incident = Incident::parse(facts, locale)?;
        let mut jobs = Vec::new();
        for register in [Register::Formal, Register::Informal] {
            for channel in [Channel::Email, Channel::Chat, Channel::Social] {
                jobs.push(GenerateOptions {
                    locale: locale.to_owned(),
                    register,
                    channel,
                    seed: Some(1),
                });
            }
        }
        // The first draft compiles the locale's rules: not part of the rate.
        engine.generate(&incident, &jobs[0])?;
        let (mut drafts, start) = (0u32, Instant::now());
        while start.elapsed() < BUDGET {
            for options in &jobs {
                std::hint::black_box(engine.generate(&incident, options)?);
                drafts += 1;
            }
        }
        let elapsed = start.elapsed();
        println!(
            "{locale}: {:.0} drafts/s ({:.0} µs each)",
            f64::from(drafts) / elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1e6 / f64::from(drafts)
        );
        all_drafts += drafts;
        all_time += elapsed;
    }
    println!(
        "all: {:.0} drafts/s",
        f64::from(all_drafts) / all_time.as_secs_f64()
    );
    Ok(())
}
