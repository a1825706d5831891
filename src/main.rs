//! The `meaculpa` command line: flags → engine → formatter → exit code.
//!
//! Exit codes: 0 nothing at or above `--fail-on`; 1 findings at or above it;
//! 2 usage, input or pack errors (one clear line each on stderr). A closed
//! pipe on stdout is not an error.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow};
use clap::{Args, Parser, Subcommand, ValueEnum};
use meaculpa::generate::{Channel, GenerateOptions, Incident, Register};
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
        /// The customer's language: warn when a reply is not written in it.
        #[arg(long, value_name = "LOCALE")]
        expect_lang: Option<String>,
        /// Name, for each finding and part, the pack pattern that matched it
        /// (file:line:column), for whoever writes or tunes a pack.
        #[arg(long)]
        show_patterns: bool,
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
    /// Draft a sincere apology from incident facts (TOML or JSON).
    Generate {
        /// The incident file (TOML or JSON), or `-` for stdin.
        #[arg(long, value_name = "FILE")]
        incident: String,
        /// The locale to write in.
        #[arg(long)]
        locale: String,
        /// Register of address.
        #[arg(long, value_enum, default_value_t = RegisterArg::Formal)]
        register: RegisterArg,
        /// Channel.
        #[arg(long, value_enum, default_value_t = ChannelArg::Email)]
        channel: ChannelArg,
        /// Picks among phrasings; the same seed gives the same text.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Translation checks over locale packs (the embedded ones when no DIR or `--packs` is given).
    Check {
        /// Pack directories, or directories of packs.
        dirs: Vec<PathBuf>,
    },
    /// Scaffold a new locale pack from the reference pack, every message marked untranslated.
    NewLocale {
        /// BCP 47 tag of the new locale, such as `pt-BR`.
        tag: String,
        /// Where packs live.
        #[arg(long, default_value = "locales")]
        dir: PathBuf,
    },
    /// Compare an apology with its translation: parts lost, anti-patterns introduced.
    Compare {
        /// The source apology (a file or `-`).
        source: String,
        /// Its translation (a file or `-`).
        translation: String,
    },
    /// Measure the rules on a labelled corpus: precision, recall, F1, parts recall, false alarms.
    Eval {
        /// Directory of `<tag>.jsonl` corpora.
        #[arg(long, default_value = "tests/corpus")]
        corpus: PathBuf,
        /// Directory of `<tag>.txt` neutral sentences (one per line).
        #[arg(long, default_value = "tests/data/neutral")]
        neutral: PathBuf,
        /// Which texts to score: the tuning two thirds, the held-out third, or all.
        #[arg(long, value_enum, default_value_t = SplitArg::Holdout)]
        split: SplitArg,
        /// List every missed or wrongly flagged text (not of texts the corpus
        /// keeps from tuning: its held-out third or a blind set, `corpus.toml`).
        #[arg(long)]
        mistakes: bool,
        /// With `--mistakes`: list them even from texts kept from tuning (for
        /// an audit of the labels; a blind set read this way is spent).
        #[arg(long, requires = "mistakes")]
        peek: bool,
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
enum SplitArg {
    All,
    Tune,
    Holdout,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum RegisterArg {
    Formal,
    Informal,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ChannelArg {
    Email,
    Chat,
    Social,
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
    // Checking packs must work when they do not load.
    if let Command::Check { dirs } = &cli.command {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        // `--packs DIR` names packs to check too, as it names packs to load elsewhere.
        let dirs: Vec<PathBuf> = dirs.iter().chain(&cli.global.packs).cloned().collect();
        let code = check(&mut out, &dirs, cli.global.format)?;
        out.flush()?;
        return Ok(code);
    }
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
            expect_lang,
            show_patterns,
        } => lint(
            &engine,
            &style,
            &mut out,
            &files,
            (&lang, expect_lang.as_deref()),
            (fail_on, show_patterns),
            cli.global.format,
            color,
        )?,
        Command::Detect { files, per_line } => {
            detect(&engine, &mut out, &files, per_line, cli.global.format)?
        }
        Command::Generate {
            incident,
            locale,
            register,
            channel,
            seed,
        } => {
            let options = GenerateOptions {
                locale,
                register: match register {
                    RegisterArg::Formal => Register::Formal,
                    RegisterArg::Informal => Register::Informal,
                },
                channel: match channel {
                    ChannelArg::Email => Channel::Email,
                    ChannelArg::Chat => Channel::Chat,
                    ChannelArg::Social => Channel::Social,
                },
                seed,
            };
            generate(
                &engine,
                &style,
                &mut out,
                &incident,
                &options,
                cli.global.format,
            )?
        }
        Command::Check { .. } => unreachable!("handled before the engine loads"),
        Command::NewLocale { tag, dir } => new_locale(&engine, &mut out, &tag, &dir)?,
        Command::Compare {
            source,
            translation,
        } => compare(
            &engine,
            &style,
            &mut out,
            &source,
            &translation,
            cli.global.format,
        )?,
        Command::Eval {
            corpus,
            neutral,
            split,
            mistakes,
            peek,
        } => {
            let split = match split {
                SplitArg::All => meaculpa::eval::Split::All,
                SplitArg::Tune => meaculpa::eval::Split::Tune,
                SplitArg::Holdout => meaculpa::eval::Split::Holdout,
            };
            let protection = meaculpa::eval::Protection::read(&corpus).map_err(|e| anyhow!(e))?;
            if let Some(why) = protection.refuses(split).filter(|_| mistakes) {
                if !peek {
                    return Err(anyhow!(
                        "--mistakes would list texts of {} that are kept from tuning: {why} \
                         (--peek lists them anyway, for an audit of the labels)",
                        corpus.display()
                    ));
                }
                eprintln!("meaculpa: listing texts kept from tuning ({why})");
            }
            eval(
                &engine,
                &mut out,
                &corpus,
                &neutral,
                split,
                mistakes,
                cli.global.format,
            )?
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
    // The process ends next: the operating system takes the compiled packs
    // back at once, faster than freeing them one allocation at a time.
    std::mem::forget(engine);
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

/// Reads an input, or reports on stderr why it cannot be read (noting that
/// an input failed) so the other inputs still run.
fn read_or_report(path: &str, failed: &mut bool) -> Option<String> {
    match read_input(path) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("meaculpa: {e:#}");
            *failed = true;
            None
        }
    }
}

/// How many inputs are read and linted at a time when several are given:
/// on every core, then written in the order given, so output keeps flowing
/// and memory stays bounded.
const INPUT_WINDOW: usize = 64;

/// One input, read and linted.
enum InputOutcome {
    /// It could not be read (the error says why).
    Unreadable(anyhow::Error),
    /// Its report and the lines it points at (boxed: a report is large,
    /// and up to a window of outcomes wait in a vector), or why linting
    /// could not run.
    Read(Box<Result<meaculpa::Streamed, meaculpa::LintError>>),
}

/// Reads and lints one input as it is read (a long one never whole in
/// memory), naming the file and the byte offset of invalid UTF-8.
fn lint_input(engine: &Engine, path: &str, options: &LintOptions) -> InputOutcome {
    let linted = match open_input(path) {
        Ok(input) => engine.lint_reader(input, options),
        Err(e) => return InputOutcome::Unreadable(e),
    };
    let shown = shown_path(path).unwrap_or("<stdin>");
    match linted {
        Ok(streamed) => InputOutcome::Read(Box::new(Ok(streamed))),
        Err(meaculpa::ReadError::Lint(e)) => InputOutcome::Read(Box::new(Err(e))),
        Err(meaculpa::ReadError::InvalidUtf8 { offset }) => {
            InputOutcome::Unreadable(anyhow!("{shown}: invalid UTF-8 at byte {offset}"))
        }
        Err(e) => InputOutcome::Unreadable(anyhow!("cannot read {shown}: {e}")),
    }
}

/// Reads and lints `paths`, on every core when there are several; the
/// outcomes come in the order of `paths`.
fn lint_inputs(engine: &Engine, paths: &[String], options: &LintOptions) -> Vec<InputOutcome> {
    let one = |path: &String| lint_input(engine, path, options);
    // Standard input is read by the first `-` only, as in the order given.
    if paths.iter().any(|p| p == "-") {
        return paths.iter().map(one).collect();
    }
    meaculpa::parallel::map_in_order(paths, one)
}

/// An input to read as it goes: the file at `path`, or stdin for `-`.
fn open_input(path: &str) -> Result<Box<dyn BufRead>> {
    if path == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {path}"))?;
    Ok(Box::new(io::BufReader::new(file)))
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
    (lang, expect): (&str, Option<&str>),
    (fail_on, show_patterns): (FailOn, bool),
    format: Format,
    color: bool,
) -> Result<u8> {
    let mut options = if lang == "auto" {
        LintOptions::default()
    } else {
        LintOptions::language(engine.resolve_locale(lang)?)
    };
    options.expect_language = expect.map(|e| engine.resolve_locale(e)).transpose()?;
    let mut failed = false;
    let mut input_errors = false;
    let inputs = files
        .chunks(INPUT_WINDOW)
        .flat_map(|window| window.iter().zip(lint_inputs(engine, window, &options)));
    for (path, outcome) in inputs {
        let (text, report) = match outcome {
            InputOutcome::Unreadable(e) => {
                eprintln!("meaculpa: {e:#}");
                input_errors = true;
                continue;
            }
            InputOutcome::Read(linted) => {
                let linted = (*linted)?;
                (linted.excerpts, linted.report)
            }
        };
        failed |= report
            .max_severity()
            .is_some_and(|s| s >= fail_on.severity());
        let linted = Linted {
            path: shown_path(path),
            text: &text,
            report: &report,
            show_patterns,
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
        if per_line {
            if let Err(e) = detect_lines(engine, out, path, format) {
                eprintln!("meaculpa: {e:#}");
                input_errors = true;
            }
            continue;
        }
        let Some(text) = read_or_report(path, &mut input_errors) else {
            continue;
        };
        write_detection(out, path, None, &engine.detect(&text), format)?;
    }
    Ok(if input_errors { 2 } else { 0 })
}

/// Detects each non-blank line of an input as it is read (a long log is
/// never whole in memory); stops at the first line that is not UTF-8,
/// naming its byte offset, after writing the lines before it.
fn detect_lines(engine: &Engine, out: &mut dyn Write, path: &str, format: Format) -> Result<()> {
    let shown = shown_path(path).unwrap_or("<stdin>");
    let mut input = open_input(path)?;
    let mut line = Vec::new();
    let (mut number, mut offset) = (0, 0);
    loop {
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .with_context(|| format!("cannot read {shown}"))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let text = std::str::from_utf8(&line).map_err(|e| {
            anyhow!(
                "{shown}: invalid UTF-8 at byte {}",
                offset + e.valid_up_to()
            )
        })?;
        offset += read;
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if !text.trim().is_empty() {
            write_detection(out, path, Some(number), &engine.detect(text), format)?;
        }
    }
}

/// Writes one detection: of a whole input, or of its line `line`.
fn write_detection(
    out: &mut dyn Write,
    path: &str,
    line: Option<usize>,
    detection: &meaculpa::Detection,
    format: Format,
) -> Result<()> {
    match format {
        Format::Json => json::write_detect(out, shown_path(path), line, detection)?,
        Format::Text => {
            let place = match line {
                Some(n) => format!("{}:{n}", shown_path(path).unwrap_or("<stdin>")),
                None => shown_path(path).unwrap_or("<stdin>").to_owned(),
            };
            match &detection.code {
                Some(code) => writeln!(out, "{place}: {code} ({:.2})", detection.confidence)?,
                None => writeln!(
                    out,
                    "{place}: unknown ({})",
                    detection.reason.as_deref().unwrap_or_default()
                )?,
            }
        }
    }
    Ok(())
}

fn generate(
    engine: &Engine,
    style: &Style<'_>,
    out: &mut dyn Write,
    incident_path: &str,
    options: &GenerateOptions,
    format: Format,
) -> Result<u8> {
    let text = read_input(incident_path)?;
    let incident = Incident::parse(&text, shown_path(incident_path).unwrap_or("<stdin>"))?;
    let apology = engine.generate(&incident, options)?;
    match format {
        Format::Json => json::write_apology(out, style, &apology)?,
        Format::Text => {
            writeln!(out, "{}", apology.text)?;
            for note in &apology.notes {
                eprintln!(
                    "{}: {}",
                    style.ui("cli-note"),
                    note.render(engine, style.ui_locale)
                );
            }
            for finding in &apology.findings {
                let (message, _) = style.finding_messages(finding);
                eprintln!(
                    "{} [{}] «{}»: {message}",
                    finding.severity,
                    finding.rule,
                    finding.span.text(&apology.text)
                );
            }
        }
    }
    Ok(u8::from(
        apology
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error),
    ))
}

fn check(out: &mut dyn Write, dirs: &[PathBuf], format: Format) -> Result<u8> {
    let embedded = meaculpa::pack::embedded_sources();
    let mut sources = Vec::new();
    if dirs.is_empty() {
        sources = embedded.clone();
    }
    for dir in dirs {
        if dir.join("pack.toml").is_file() {
            sources.push(meaculpa::pack::read_pack(dir)?);
        } else {
            sources.extend(meaculpa::pack::read_dir(dir)?);
        }
    }
    let reference = sources
        .iter()
        .chain(&embedded)
        .find(|s| s.id == meaculpa::l10n::REFERENCE_LOCALE)
        .cloned()
        .context("the reference pack `en` is missing")?;
    let ids = meaculpa::pack::Ids::embedded()?;
    let results = meaculpa::check::check_packs(&sources, &reference, &ids);
    let mut failed = false;
    for result in &results {
        failed |= !result.errors.is_empty();
        match format {
            Format::Json => {
                let problems = |list: &[meaculpa::check::Problem]| {
                    list.iter()
                        .map(|p| {
                            serde_json::json!({
                                "file": p.file, "line": p.line, "column": p.column,
                                "check": p.check, "message": p.message,
                            })
                        })
                        .collect::<Vec<_>>()
                };
                let value = serde_json::json!({
                    "pack": result.pack,
                    "errors": problems(&result.errors),
                    "warnings": problems(&result.warnings),
                });
                serde_json::to_writer(&mut *out, &value)?;
                writeln!(out)?;
            }
            Format::Text => {
                for (label, list) in [("error", &result.errors), ("warning", &result.warnings)] {
                    for p in list {
                        if p.line == 0 {
                            writeln!(out, "{}: {label}[{}]: {}", p.file, p.check, p.message)?;
                        } else {
                            writeln!(
                                out,
                                "{}:{}:{}: {label}[{}]: {}",
                                p.file, p.line, p.column, p.check, p.message
                            )?;
                        }
                    }
                }
                let counted = |n: usize, what: &str| match n {
                    1 => format!("1 {what}"),
                    n => format!("{n} {what}s"),
                };
                writeln!(
                    out,
                    "pack {}: {}, {}",
                    result.pack,
                    counted(result.errors.len(), "error"),
                    counted(result.warnings.len(), "warning")
                )?;
            }
        }
    }
    Ok(u8::from(failed))
}

fn new_locale(
    engine: &Engine,
    out: &mut dyn Write,
    tag: &str,
    dir: &std::path::Path,
) -> Result<u8> {
    let langid: unic_langid::LanguageIdentifier = tag
        .parse()
        .map_err(|e| anyhow!("`{tag}` is not a valid BCP 47 language tag: {e}"))?;
    if langid != tag {
        return Err(anyhow!("`{tag}` is not in canonical form; use `{langid}`"));
    }
    let target = dir.join(tag);
    if target.exists() {
        return Err(anyhow!("{} already exists", target.display()));
    }
    let reference = engine
        .pack(meaculpa::l10n::REFERENCE_LOCALE)
        .context("the reference pack `en` is installed")?;
    let files = meaculpa::pack::scaffold(&reference.source, tag)?;
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create {}", target.display()))?;
    for (name, text) in &files {
        let path = target.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(out, "created {}", path.display())?;
    }
    writeln!(
        out,
        "Translate every message marked `meaculpa: untranslated`, write the patterns of rules.toml in the new language, then run `meaculpa check {}`.",
        target.display()
    )?;
    Ok(0)
}

fn compare(
    engine: &Engine,
    style: &Style<'_>,
    out: &mut dyn Write,
    source: &str,
    translation: &str,
    format: Format,
) -> Result<u8> {
    let source_text = read_input(source)?;
    let translation_text = read_input(translation)?;
    let comparison = meaculpa::compare::compare(engine, &source_text, &translation_text);
    match format {
        Format::Json => json::write_comparison(out, style, &comparison, &translation_text)?,
        Format::Text => {
            let code = |c: &Option<String>| {
                c.clone()
                    .unwrap_or_else(|| style.ui("cli-language-unknown"))
            };
            writeln!(
                out,
                "{}: {} → {}",
                style.ui("cli-language"),
                code(&comparison.source.language.code),
                code(&comparison.translation.language.code)
            )?;
            for part in &comparison.lost_parts {
                writeln!(
                    out,
                    "{}: {}",
                    style.ui("cli-part-lost"),
                    style.ui(&format!("part-{part}"))
                )?;
            }
            for f in &comparison.introduced {
                let (message, _) = style.finding_messages(f);
                writeln!(
                    out,
                    "{} [{}] «{}»: {message}",
                    f.severity,
                    f.rule,
                    f.span.text(&translation_text)
                )?;
            }
            writeln!(
                out,
                "{}: {} → {}",
                style.ui("cli-score"),
                comparison.source.score,
                comparison.translation.score
            )?;
        }
    }
    let worse = !comparison.lost_parts.is_empty()
        || comparison
            .introduced
            .iter()
            .any(|f| f.severity >= Severity::Warning);
    Ok(u8::from(worse))
}

fn eval(
    engine: &Engine,
    out: &mut dyn Write,
    corpus: &std::path::Path,
    neutral: &std::path::Path,
    split: meaculpa::eval::Split,
    mistakes: bool,
    format: Format,
) -> Result<u8> {
    let mut any = false;
    for locale in engine.locales() {
        let path = corpus.join(format!("{locale}.jsonl"));
        if !path.is_file() {
            continue;
        }
        any = true;
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let entries = meaculpa::eval::parse_corpus(&text, &path.display().to_string())
            .map_err(|e| anyhow!(e))?;
        let mut scores = meaculpa::eval::score(engine, &locale, &entries, split);
        let neutral_path = neutral.join(format!("{locale}.txt"));
        if let Ok(prose) = std::fs::read_to_string(&neutral_path) {
            scores.false_alarms_per_1000 = Some(meaculpa::eval::false_alarms_per_1000(
                engine, &locale, &prose,
            ));
        }
        let m = &scores.micro;
        let parts_all = scores.parts();
        match format {
            Format::Json => {
                // Per rule (with F1) and per part: the figures and their counts.
                let figures = |all: &std::collections::BTreeMap<String, meaculpa::eval::Counts>,
                               with_f1: bool| {
                    all.iter()
                        .map(|(id, c)| {
                            let mut v = serde_json::Map::new();
                            v.insert("precision".into(), c.precision().into());
                            v.insert("recall".into(), c.recall().into());
                            if with_f1 {
                                v.insert("f1".into(), c.f1().into());
                            }
                            v.insert("tp".into(), c.true_positives.into());
                            v.insert("fp".into(), c.false_positives.into());
                            v.insert("fn".into(), c.false_negatives.into());
                            (id.clone(), serde_json::Value::Object(v))
                        })
                        .collect::<serde_json::Map<String, serde_json::Value>>()
                };
                let rules = figures(&scores.rules, true);
                let parts = figures(&scores.per_part, false);
                let value = serde_json::json!({
                    "locale": locale, "split": format!("{split:?}").to_lowercase(), "texts": scores.texts,
                    "precision": m.precision(), "recall": m.recall(), "f1": m.f1(),
                    "parts_recall": parts_all.recall(), "parts_precision": parts_all.precision(),
                    "false_alarms_per_1000": scores.false_alarms_per_1000, "rules": rules,
                    "parts": parts,
                });
                serde_json::to_writer(&mut *out, &value)?;
                writeln!(out)?;
            }
            Format::Text => {
                writeln!(
                    out,
                    "{locale} ({:?}, {} texts): error+warning rules P {:.2} R {:.2} F1 {:.2} · parts recall {:.2} (precision {:.2}) · false alarms {}/1000 neutral sentences",
                    split,
                    scores.texts,
                    m.precision(),
                    m.recall(),
                    m.f1(),
                    parts_all.recall(),
                    parts_all.precision(),
                    scores
                        .false_alarms_per_1000
                        .map_or("n/a".to_owned(), |f| format!("{f:.1}")),
                )?;
                // Rules, then parts ("part <id>"; F1 only for rules), each
                // that was labelled or predicted at least once.
                let rules = scores.rules.iter().map(|(id, c)| (id.clone(), c, true));
                let parts = scores.per_part.iter();
                let parts = parts.map(|(id, c)| (format!("part {id}"), c, false));
                for (label, c, f1) in rules.chain(parts) {
                    if c.true_positives + c.false_positives + c.false_negatives == 0 {
                        continue;
                    }
                    let f1 = if f1 {
                        format!(" F1 {:.2}", c.f1())
                    } else {
                        String::new()
                    };
                    writeln!(
                        out,
                        "  {label:<26} P {:.2} R {:.2}{f1}  ({} tp, {} fp, {} fn)",
                        c.precision(),
                        c.recall(),
                        c.true_positives,
                        c.false_positives,
                        c.false_negatives
                    )?;
                }
                if mistakes {
                    for (id, rule, what) in &scores.mistakes {
                        writeln!(out, "    {id}: {rule} {what}")?;
                    }
                }
            }
        }
    }
    if !any {
        return Err(anyhow!(
            "no corpus files (<tag>.jsonl) found in {}",
            corpus.display()
        ));
    }
    Ok(0)
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
        let compiled = pack.rules().map_err(|e| {
            anyhow!(
                "cannot compile the rules of `{locale}`:\n{}",
                meaculpa::EngineError { errors: e.to_vec() }
            )
        })?;
        for rule in compiled.rules() {
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
            .and_then(|p| p.rules().ok())
            .and_then(|rules| rules.rules().iter().find(|r| r.id == id))
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
                    "trigger": rule.examples().positive.iter().map(|e| &e.text).collect::<Vec<_>>(),
                    "clean": rule.examples().negative.iter().map(|e| &e.text).collect::<Vec<_>>(),
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
                for e in &rule.examples().positive {
                    let span = e.span.map(|s| s.text(&e.text)).unwrap_or_default();
                    writeln!(out, "  ✗ {}   ← {span}", e.text)?;
                }
                for e in &rule.examples().negative {
                    writeln!(out, "  ✓ {}", e.text)?;
                }
            }
        }
    }
    Ok(0)
}
