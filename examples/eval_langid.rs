//! Language-identification evaluation: meaculpa's detector beside whatlang run
//! the two baseline ways, on the langid test data (single words, word pairs,
//! sentences; 1000 lines per language and class).
//!
//! Run: `cargo run --release --example eval_langid -- [DATA_DIR] [--packs DIR] [--lines A..B]`
//! (default `../shared/data/langid`, the embedded packs, all lines; the
//! detector's thresholds were set on `--lines 500..750`, and the README
//! reports `--lines 750..1000`, which no choice looked at). Accuracy is measured on it, tl, bg, en;
//! false accepts are texts in es, pt, fr, id, ms, ru, mk, sr, uk that a
//! detector assigns to one of the four. Speed is measured on the sentences
//! (the fastest of three passes over all thirteen languages). Calibration:
//! the expected calibration error of the confidences of the answers given
//! (confidence bins 0–0.5, 0.5–0.6, …, 0.95–0.99, 0.99–1; per bin, the gap
//! between the mean confidence and the share of right answers, weighted by
//! the bin's size; a confuser text given any answer is a wrong answer).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use meaculpa::Engine;
use whatlang::{Detector, Lang};

const TARGETS: [(&str, Lang); 4] = [
    ("it", Lang::Ita),
    ("tl", Lang::Tgl),
    ("bg", Lang::Bul),
    ("en", Lang::Eng),
];
const CONFUSERS: [&str; 9] = ["es", "pt", "fr", "id", "ms", "ru", "mk", "sr", "uk"];
const CLASSES: [&str; 3] = ["single-words", "word-pairs", "sentences"];

fn code_of(lang: Lang) -> Option<&'static str> {
    TARGETS.iter().find(|(_, l)| *l == lang).map(|(c, _)| *c)
}

const USAGE: &str = "usage: eval_langid [DATA_DIR] [--packs DIR] [--lines A..B] [--sweep]\n\
    DATA_DIR holds single-words/, word-pairs/ and sentences/ with one <lang>.txt each \
    (default ../shared/data/langid); --sweep also prints, for single words and word pairs, \
    the accuracy and false accepts of answering the best installed language whenever its \
    confidence reaches a threshold (the trade-off the detector's margin picks one point of)";

fn read_lines(dir: &Path, class: &str, lang: &str) -> Result<Vec<String>, String> {
    let path = dir.join(class).join(format!("{lang}.txt"));
    let (from, to) = LINES.get().copied().unwrap_or((0, usize::MAX));
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(text
        .lines()
        .enumerate()
        .filter(|(i, l)| *i >= from && *i < to && !l.trim().is_empty())
        .map(|(_, l)| l.to_owned())
        .collect())
}

static LINES: std::sync::OnceLock<(usize, usize)> = std::sync::OnceLock::new();

struct Row {
    name: &'static str,
    accuracy: [f64; 3],
    false_accepts: [f64; 3],
    calibration_error: [f64; 3],
    mb_per_s: f64,
}

/// A detector under test: the code of its answer and its confidence.
type Detect<'a> = &'a dyn Fn(&str) -> Option<(String, f64)>;

fn evaluate(name: &'static str, dir: &Path, detect: Detect<'_>) -> Result<Row, String> {
    let mut accuracy = [0.0; 3];
    let mut false_accepts = [0.0; 3];
    let mut calibration = [0.0; 3];
    let mut mb_per_s = 0.0;
    for (i, class) in CLASSES.iter().enumerate() {
        let (mut right, mut total) = (0usize, 0usize);
        let mut answers = Vec::new();
        for (code, _) in TARGETS {
            for line in read_lines(dir, class, code)? {
                total += 1;
                if let Some((answer, confidence)) = detect(&line) {
                    right += usize::from(answer == code);
                    answers.push((confidence, answer == code));
                }
            }
        }
        accuracy[i] = right as f64 / total as f64;
        let (mut accepted, mut total) = (0usize, 0usize);
        for code in CONFUSERS {
            for line in read_lines(dir, class, code)? {
                total += 1;
                if let Some((_, confidence)) = detect(&line) {
                    accepted += 1;
                    answers.push((confidence, false));
                }
            }
        }
        false_accepts[i] = accepted as f64 / total as f64;
        calibration[i] = meaculpa::detect::calibration_error(&answers);
        if *class == "sentences" {
            let mut all = Vec::new();
            for code in TARGETS.iter().map(|(c, _)| *c).chain(CONFUSERS) {
                all.extend(read_lines(dir, class, code)?);
            }
            let bytes: usize = all.iter().map(String::len).sum();
            // The fastest of three passes: on a shared machine the slower
            // ones measure the neighbours as much as the detector.
            let mut fastest = f64::INFINITY;
            for _ in 0..3 {
                let start = Instant::now();
                let mut sink = 0usize;
                for line in &all {
                    sink += usize::from(detect(line).is_some());
                }
                std::hint::black_box(sink);
                fastest = fastest.min(start.elapsed().as_secs_f64());
            }
            mb_per_s = bytes as f64 / 1e6 / fastest;
        }
    }
    Ok(Row {
        name,
        accuracy,
        false_accepts,
        calibration_error: calibration,
        mb_per_s,
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_langid: {e}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut dir = PathBuf::from("../shared/data/langid");
    let mut sweep_too = false;
    let mut builder = Engine::builder();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            "--packs" => {
                let packs = args.next().ok_or("--packs wants a directory")?;
                builder = builder.without_embedded().pack_dir(packs);
            }
            "--lines" => {
                let range = args.next().unwrap_or_default();
                let bounds = range
                    .split_once("..")
                    .and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)))
                    .filter(|(a, b): &(usize, usize)| a < b)
                    .ok_or_else(|| format!("--lines wants A..B with A < B, not `{range}`"))?;
                LINES.set(bounds).ok();
            }
            "--sweep" => sweep_too = true,
            flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`")),
            _ => dir = PathBuf::from(arg),
        }
    }
    let engine = builder.build().map_err(|e| e.to_string())?;
    let restricted = Detector::with_allowlist(TARGETS.iter().map(|(_, l)| *l).collect());
    let rows = [
        evaluate("whatlang, all languages", &dir, &|t| {
            let info = whatlang::detect(t)?;
            Some((code_of(info.lang())?.to_owned(), info.confidence()))
        })?,
        evaluate("whatlang, only the 4", &dir, &|t| {
            let info = restricted.detect(t)?;
            Some((code_of(info.lang())?.to_owned(), info.confidence()))
        })?,
        evaluate("meaculpa", &dir, &|t| {
            let detection = engine.detect(t);
            Some((detection.code?, detection.confidence))
        })?,
    ];
    println!(
        "| detector | words | word pairs | sentences | false accepts (words / pairs / sentences) | calibration error (words / pairs / sentences) | speed (sentences) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.1}% | {:.1}% | {:.1}% | {:.1}% / {:.1}% / {:.1}% | {:.3} / {:.3} / {:.3} | {:.1} MB/s |",
            r.name,
            r.accuracy[0] * 100.0,
            r.accuracy[1] * 100.0,
            r.accuracy[2] * 100.0,
            r.false_accepts[0] * 100.0,
            r.false_accepts[1] * 100.0,
            r.false_accepts[2] * 100.0,
            r.calibration_error[0],
            r.calibration_error[1],
            r.calibration_error[2],
            r.mb_per_s
        );
    }
    if sweep_too {
        sweep(&dir, &engine)?;
    }
    Ok(())
}

/// Confidence thresholds of [`sweep`].
const THRESHOLDS: [f64; 9] = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6];

/// For single words and word pairs: the accuracy and false accepts of
/// answering the best installed candidate whenever its confidence reaches
/// each of [`THRESHOLDS`], whether or not the detector answered (its
/// confidence is the calibrated margin over the best rival, a language
/// without a pack included, so each threshold is one margin, and the
/// detector's own answers are one point of the curve).
fn sweep(dir: &Path, engine: &Engine) -> Result<(), String> {
    // The detector's answer, and its best installed candidate with that
    // candidate's confidence: one detection serves both.
    let detect = |text: &str| {
        let detection = engine.detect(text);
        let best = detection
            .candidates
            .first()
            .map(|c| (c.code.clone(), c.confidence));
        (detection.code, best)
    };
    println!();
    println!(
        "| class | detector's answers | {} |",
        THRESHOLDS.map(|t| format!("≥ {t}")).join(" | ")
    );
    println!("|---|---|{}", "---|".repeat(THRESHOLDS.len()));
    for class in &CLASSES[..2] {
        let (mut right, mut accepted) = ([0usize; THRESHOLDS.len()], [0usize; THRESHOLDS.len()]);
        let (mut own_right, mut own_accepted, mut targets, mut confusers) = (0, 0, 0, 0);
        for (code, _) in TARGETS {
            for line in read_lines(dir, class, code)? {
                targets += 1;
                let (own, best) = detect(&line);
                own_right += usize::from(own.as_deref() == Some(code));
                if let Some((answer, confidence)) = best {
                    for (i, t) in THRESHOLDS.iter().enumerate() {
                        right[i] += usize::from(confidence >= *t && answer == code);
                    }
                }
            }
        }
        for code in CONFUSERS {
            for line in read_lines(dir, class, code)? {
                confusers += 1;
                let (own, best) = detect(&line);
                own_accepted += usize::from(own.is_some());
                if let Some((_, confidence)) = best {
                    for (i, t) in THRESHOLDS.iter().enumerate() {
                        accepted[i] += usize::from(confidence >= *t);
                    }
                }
            }
        }
        let share = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
        let cells: Vec<String> = (0..THRESHOLDS.len())
            .map(|i| {
                format!(
                    "{:.1}% / {:.1}%",
                    share(right[i], targets),
                    share(accepted[i], confusers)
                )
            })
            .collect();
        println!(
            "| {class} (right / false accepts) | {:.1}% / {:.1}% | {} |",
            share(own_right, targets),
            share(own_accepted, confusers),
            cells.join(" | ")
        );
    }
    Ok(())
}
