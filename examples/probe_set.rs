//! Scores a probe set against the packs: per rule, how many of the wordings
//! that must fire it do, and how many near-miss traps it wrongly flags; per
//! part, how many wordings that must show it do, and how many traps show it
//! (`meaculpa::eval::score_probes`; the format is in
//! `tests/data/probes/README.md`). The loop of a probe-driven pass: write
//! probes a support writer of the language would write, score them, widen
//! the pack, score again.
//!
//! Run: `cargo run --release --example probe_set -- <tag> <probes.tsv>
//! [--packs DIR] [--list]` (`--packs`: a pack, or a directory of packs, that
//! replaces the embedded one; `--list`: print every probe on the wrong side).

use std::process::ExitCode;

use meaculpa::Engine;
use meaculpa::eval::score_probes;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("probe_set: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let (mut packs, mut list) = (None, false);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--packs" => packs = Some(args.next().ok_or("--packs needs a directory")?),
            "--list" => list = true,
            _ => positional.push(arg),
        }
    }
    let [tag, path] = &positional[..] else {
        return Err("usage: probe_set <tag> <probes.tsv> [--packs DIR] [--list]".to_owned());
    };
    let mut builder = Engine::builder();
    if let Some(dir) = packs {
        builder = builder.pack_dir(dir);
    }
    let engine = builder.build().map_err(|e| e.to_string())?;
    let data = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let scores = score_probes(&engine, tag, &data, path)?;
    for (id, counts) in &scores.per_id {
        println!(
            "{id:28} caught {}/{}  traps flagged {}/{}",
            counts.caught, counts.firing, counts.flagged, counts.traps
        );
    }
    let total = scores.total();
    println!(
        "total: caught {}/{} ({:.2}), traps flagged {}/{}",
        total.caught,
        total.firing,
        total.caught_share(),
        total.flagged,
        total.traps
    );
    if list {
        for line in &scores.wrong {
            println!("{line}");
        }
    }
    Ok(())
}
