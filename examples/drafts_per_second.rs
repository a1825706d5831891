//! How many apologies a second one thread drafts, self-lint included: every
//! incident fixture (`tests/fixtures/incidents/<locale>-*.toml`), in every
//! register and channel, drafted over and over for about a second per
//! locale. `scripts/bench.sh` prints its lines.
//!
//! Run: `cargo run --release --example drafts_per_second`.

use std::time::{Duration, Instant};

use meaculpa::Engine;
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};

/// How long each locale is drafted for.
const BUDGET: Duration = Duration::from_secs(1);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let (mut all_drafts, mut all_time) = (0u32, Duration::ZERO);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/incidents");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for locale in ["en", "it", "tl", "bg"] {
        let mut jobs = Vec::new();
        for file in &files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if !name.starts_with(&format!("{locale}-")) {
                continue;
            }
            let incident = Incident::parse(&std::fs::read_to_string(file)?, name)?;
            for register in [Register::Formal, Register::Informal] {
                for channel in [Channel::Email, Channel::Chat, Channel::Social] {
                    let options = GenerateOptions {
                        locale: locale.to_owned(),
                        register,
                        channel,
                        seed: Some(1),
                    };
                    jobs.push((incident.clone(), options));
                }
            }
        }
        // The first draft compiles the locale's rules: not part of the rate.
        let Some((incident, options)) = jobs.first() else {
            continue;
        };
        engine.generate(incident, options)?;
        let (mut drafts, start) = (0u32, Instant::now());
        while start.elapsed() < BUDGET {
            for (incident, options) in &jobs {
                std::hint::black_box(engine.generate(incident, options)?);
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
