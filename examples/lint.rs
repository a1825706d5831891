//! Lint apologies with the library: detect the language, list findings with
//! their explanations, and show which parts of a sincere apology are present.
//!
//! Run: `cargo run --example lint` (or pass your own text as arguments).

use meaculpa::{Engine, LintOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::new()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts = if args.is_empty() {
        vec![
            "We're sorry if you were upset, but the courier lost your parcel.".to_owned(),
            "Ci dispiace per l'eventuale disagio.".to_owned(),
            "Извиняваме се, но вината е на куриера.".to_owned(),
            "Pasensya na po kung na-offend kayo.".to_owned(),
        ]
    } else {
        vec![args.join(" ")]
    };
    for text in &texts {
        let report = engine.lint(text, &LintOptions::default())?;
        println!("{text}");
        println!(
            "  language: {} · score {}/100",
            report.language.code.as_deref().unwrap_or("unknown"),
            report.score
        );
        for finding in &report.findings {
            let (message, suggestions) = engine.explain("en", &finding.rule);
            println!(
                "  {} {} «{}»: {message}",
                finding.severity,
                finding.rule,
                finding.span.text(text)
            );
            for s in suggestions {
                println!("    → {s}");
            }
        }
        let present: Vec<&str> = report.parts.present().collect();
        println!("  parts present: {}", present.join(", "));
    }
    Ok(())
}
