//! The `meaculpa` command line: flags → engine → formatter → exit code.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it;
//! 2 usage, input or pack errors (one clear line each on stderr). A closed
//! pipe on stdout is not an error.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Parser, Subcommand, ValueEnum};
use meaculpa::output::{Linted, Style, human, json};
use meaculpa::{Engine, LintOptions, Severity};

/// Check apologies to customers for anti-patterns and missing parts, in their language.
#[derive(Parser, Debug)]
#[command(name = "meaculpa", version, about)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Debug)]
struct Global {
    /// Add or override locale packs from DIR (a pack, or a directory of packs).
    #[arg(long, value_name = "DIR", global = true)]
    packs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    format: Format,
    /// Language of messages (default: from LC_ALL, LC_MESSAGES or LANG; fallback en).
    #[arg(long, value_name = "LOCALE", global = true)]
    ui_lang: Option<String>,
    /// When to use colours in text output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint apologies: findings, parts present and a score.
    Lint {
        /// Files to lint, or `-` for stdin.
        #[arg(required = true)]
        files: Vec<String>,
        /// The language: `auto` detects it.
        #[arg(long, default_value = "auto")]
        lang: String,
        /// Exit with 1 when a finding has at least this severity.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
    },
    /// Print the language of each input.
    Detect {
        /// Files, or `-` for stdin.
        #[arg(required = true)]
        files: Vec<String>,
        /// Treat each line as its own text.
        #[arg(long)]
        per_line: bool,
    },
    /// List the rules of a locale (all locales when none is given).
    Rules {
        /// Locale whose rules to list.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Explain one rule, with its examples.
    Explain {
        /// Rule id, such as `conditional-apology`.
        id: String,
        /// Show the examples of this locale only.
        #[arg(long)]
        lang: Option<String>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FailOn {
    Error,
    Warning,
    Hint,
}

impl FailOn {
    fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Hint => Severity::Hint,
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if e.downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("meaculpa: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let mut builder = Engine::builder();
    for dir in &cli.global.packs {
        builder = builder.pack_dir(dir);
    }
    let engine = builder
        .build()
        .map_err(|e| anyhow!("cannot load locale packs:\n{e}"))?;
    let requested_ui = cli.global.ui_lang.clone().or_else(|| {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
    });
    let ui_locale = engine.ui_locale(requested_ui.as_deref());
    let style = Style {
        engine: &engine,
        ui_locale: &ui_locale,
    };
    let color = match cli.global.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Lint {
            files,
            lang,
            fail_on,
        } => lint(
            &engine,
            &style,
            &mut out,
            &files,
            &lang,
            fail_on,
            cli.global.format,
            color,
        )?,
        Command::Detect { files, per_line } => {
            detect(&engine, &mut out, &files, per_line, cli.global.format)?
        }
        Command::Rules { lang } => rules(
            &engine,
            &style,
            &mut out,
            lang.as_deref(),
            cli.global.format,
        )?,
        Command::Explain { id, lang } => explain(
            &engine,
            &style,
            &mut out,
            &id,
            lang.as_deref(),
            cli.global.format,
        )?,
    };
    out.flush()?;
    Ok(code)
}

/// Reads an input file (or stdin for `-`) as UTF-8, naming the file and the
/// byte offset of the first invalid sequence.
fn read_input(path: &str) -> Result<String> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .context("cannot read stdin")?;
        buf
    } else {
        std::fs::read(path).with_context(|| format!("cannot read {path}"))?
    };
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{}: invalid UTF-8 at byte {}",
            shown_path(path).unwrap_or("<stdin>"),
            e.utf8_error().valid_up_to()
        )
    })
}

fn shown_path(path: &str) -> Option<&str> {
    (path != "-").then_some(path)
}

#[allow(clippy::too_many_arguments)]
fn lint(
    engine: &Engine,
    style: &Style<'_>,
    out: &mut dyn Write,
    files: &[String],
    lang: &str,
    fail_on: FailOn,
    format: Format,
    color: bool,
) -> Result<u8> {
    let options = if lang == "auto" {
        LintOptions::default()
    } else {
        LintOptions::language(engine.resolve_locale(lang)?)
    };
    let mut failed = false;
    let mut input_errors = false;
    for path in files {
        let text = match read_input(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("meaculpa: {e:#}");
                input_errors = true;
                continue;
            }
        };
        let report = engine.lint(&text, &options)?;
        failed |= report
            .max_severity()
            .is_some_and(|s| s >= fail_on.severity());
        let linted = Linted {
            path: shown_path(path),
            text: &text,
            report: &report,
        };
        match format {
            Format::Json => json::write_lint(out, style, &linted)?,
            Format::Text => human::write_lint(out, style, &linted, color)?,
        }
    }
    Ok(if input_errors { 2 } else { u8::from(failed) })
}

fn detect(
    engine: &Engine,
    out: &mut dyn Write,
    files: &[String],
    per_line: bool,
    format: Format,
) -> Result<u8> {
    let mut input_errors = false;
    for path in files {
        let text = match read_input(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("meaculpa: {e:#}");
                input_errors = true;
                continue;
            }
        };
        let texts: Vec<(Option<usize>, &str)> = if per_line {
            text.lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, l)| (Some(i + 1), l))
                .collect()
        } else {
            vec![(None, text.as_str())]
        };
        for (line, t) in texts {
            let detection = engine.detect(t);
            match format {
                Format::Json => json::write_detect(out, shown_path(path), line, &detection)?,
                Format::Text => {
                    let place = match line {
                        Some(n) => format!("{}:{n}", shown_path(path).unwrap_or("<stdin>")),
                        None => shown_path(path).unwrap_or("<stdin>").to_owned(),
                    };
                    match &detection.code {
                        Some(code) => {
                            writeln!(out, "{place}: {code} ({:.2})", detection.confidence)?
                        }
                        None => writeln!(
                            out,
                            "{place}: unknown ({})",
                            detection.reason.as_deref().unwrap_or_default()
                        )?,
                    }
                }
            }
        }
    }
    Ok(if input_errors { 2 } else { 0 })
}

fn rules(
    engine: &Engine,
    style: &Style<'_>,
    out: &mut dyn Write,
    lang: Option<&str>,
    format: Format,
) -> Result<u8> {
    let locales = match lang {
        Some(l) => vec![engine.resolve_locale(l)?],
        None => engine.locales(),
    };
    for locale in &locales {
        let pack = engine.pack(locale).context("resolved locales exist")?;
        for rule in pack.rules.rules() {
            let (explanation, _) = engine.explain(style.ui_locale, &rule.id);
            match format {
                Format::Json => {
                    serde_json::to_writer(
                        &mut *out,
                        &serde_json::json!({
                            "locale": locale,
                            "rule": rule.id,
                            "severity": rule.severity.as_str(),
                            "message": explanation,
                        }),
                    )?;
                    writeln!(out)?;
                }
                Format::Text => writeln!(
                    out,
                    "{locale}\t{}\t{}\t{explanation}",
                    rule.id, rule.severity
                )?,
            }
        }
    }
    Ok(0)
}

fn explain(
    engine: &Engine,
    style: &Style<'_>,
    out: &mut dyn Write,
    id: &str,
    lang: Option<&str>,
    format: Format,
) -> Result<u8> {
    if !engine.ids().rules.contains_key(id) {
        let known: Vec<&str> = engine.ids().rules.keys().map(String::as_str).collect();
        return Err(anyhow!("unknown rule `{id}` (known: {})", known.join(", ")));
    }
    let locales = match lang {
        Some(l) => vec![engine.resolve_locale(l)?],
        None => engine.locales(),
    };
    let (explanation, suggestions) = engine.explain(style.ui_locale, id);
    let mut examples = Vec::new();
    for locale in &locales {
        let Some(rule) = engine
            .pack(locale)
            .and_then(|p| p.rules.rules().iter().find(|r| r.id == id))
        else {
            continue;
        };
        examples.push((locale.clone(), rule));
    }
    match format {
        Format::Json => {
            let value = serde_json::json!({
                "rule": id,
                "message": explanation,
                "suggestions": suggestions,
                "examples": examples.iter().map(|(locale, rule)| serde_json::json!({
                    "locale": locale,
                    "severity": rule.severity.as_str(),
                    "trigger": rule.examples.positive.iter().map(|e| &e.text).collect::<Vec<_>>(),
                    "clean": rule.examples.negative.iter().map(|e| &e.text).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            serde_json::to_writer(&mut *out, &value)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "{id}: {explanation}")?;
            for s in &suggestions {
                writeln!(out, "  {}: {s}", style.ui("cli-suggestion"))?;
            }
            for (locale, rule) in &examples {
                writeln!(out, "\n[{locale}] {}", rule.severity)?;
                for e in &rule.examples.positive {
                    let span = e.span.map(|s| s.text(&e.text)).unwrap_or_default();
                    writeln!(out, "  ✗ {}   ← {span}", e.text)?;
                }
                for e in &rule.examples.negative {
                    writeln!(out, "  ✓ {}", e.text)?;
                }
            }
        }
    }
    Ok(0)
}
