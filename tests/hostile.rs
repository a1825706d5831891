//! Hostile input gets a clear outcome, never a panic or a hang: NUL bytes,
//! binary files and invalid UTF-8, a 100 MB file, a 10 MB single line,
//! invisible characters and homoglyphs inside trigger words, oversized pack
//! files, self-referencing and deeply nested Fluent messages, and a
//! pathological pattern in a user pack.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use meaculpa::{Engine, LintOptions};

const BIN: &str = env!("CARGO_BIN_EXE_meaculpa");

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may exit before it reads its input (a broken pack is
    // refused first); a closed pipe is then no failure of the test.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn minimal_pack_copy(edit: impl Fn(&std::path::Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("eo");
    std::fs::create_dir(&target).unwrap();
    let source = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/packs/minimal/eo"
    );
    for entry in std::fs::read_dir(source).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), target.join(entry.file_name())).unwrap();
    }
    edit(&target);
    dir
}

/// Lints an Esperanto conditional apology as JSON with the pack copy in
/// `dir`, messages in Esperanto, and returns the message of the finding it
/// must get (exit status 1).
fn conditional_apology_message(dir: &tempfile::TempDir) -> String {
    let o = run(
        &[
            "lint",
            "--packs",
            dir.path().to_str().unwrap(),
            "--lang",
            "eo",
            "--ui-lang",
            "eo",
            "--format",
            "json",
            "-",
        ],
        "Ni bedaŭras se vi koleris.".as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let finding = &report["findings"][0];
    assert_eq!(finding["rule"], "conditional-apology");
    finding["message"].as_str().unwrap().to_owned()
}

#[test]
fn nul_bytes_are_just_characters() {
    let o = run(
        &["lint", "--lang", "en", "--format", "json", "-"],
        b"We're sorry if\0 you were upset.\0\0",
    );
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"rule\":\"conditional-apology\""));
}

#[test]
fn a_binary_file_is_refused_with_its_byte_offset() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let o = run(&["lint", "-"], png);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "meaculpa: <stdin>: invalid UTF-8 at byte 0\n"
    );
}

#[test]
fn invalid_utf8_after_good_text_is_refused_with_its_byte_offset() {
    let mut bytes = b"We are sorry for the delay.\n".repeat(1000);
    let at = bytes.len();
    bytes.extend_from_slice(b"caf\xE9 \xF0\x9F\x98");
    let o = run(&["lint", "--lang", "en", "-"], &bytes);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!("meaculpa: <stdin>: invalid UTF-8 at byte {}\n", at + 3)
    );
}

#[test]
fn a_100_mb_file_is_linted_with_findings_at_both_ends() {
    // 100 MB of prose with a trigger at the start and at the end.
    let paragraph = "The shop opened at nine and closed at five every day of the week. \
                     Customers came from the whole valley to buy bread and coffee.\n\n";
    let mut text = String::with_capacity(100 * 1024 * 1024 + 200);
    text.push_str("We're sorry if you were upset.\n\n");
    while text.len() < 100 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    text.push_str("Mistakes were made.\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).unwrap();
    let started = Instant::now();
    let o = run(
        &[
            "lint",
            "--lang",
            "en",
            "--format",
            "json",
            path.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(600));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<(&str, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["span"]["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(rules.contains(&("conditional-apology", 0)), "{rules:?}");
    let end = (text.len() - "Mistakes were made.\n".len()) as u64;
    assert!(rules.contains(&("passive-evasion", end)), "{rules:?}");
}

#[test]
fn a_10_mb_single_line_is_linted_in_chunks() {
    let engine = Engine::new().unwrap();
    let mut text = "the shop opened at nine and closed at five, ".repeat(240_000);
    text.push_str("and we're sorry if you were upset.");
    assert!(text.len() > 10 * 1024 * 1024);
    let started = Instant::now();
    let report = engine.lint(&text, &LintOptions::language("en")).unwrap();
    assert!(started.elapsed() < Duration::from_secs(300));
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == "conditional-apology")
        .expect("found at the end");
    assert!(text.is_char_boundary(finding.span.start) && finding.span.end <= text.len());
}

/// Asserts that `rule` fires on each `(locale, text)`.
fn assert_fires(rule: &str, cases: &[(&str, &str)]) {
    let engine = Engine::new().unwrap();
    for (locale, text) in cases {
        let report = engine.lint(text, &LintOptions::language(*locale)).unwrap();
        assert!(
            report.findings.iter().any(|f| f.rule == rule),
            "{text:?} hides its trigger from `{rule}`: {:?}",
            report.findings
        );
    }
}

#[test]
fn invisible_characters_cannot_hide_a_trigger() {
    assert_fires(
        "conditional-apology",
        &[
            ("en", "We're sor\u{00AD}ry i\u{200B}f you were upset."),
            ("en", "We're so\u{200D}rry\u{2060} if you were upset."),
            ("en", "We're \u{FEFF}sorry   if\tyou were upset."),
        ],
    );
}

#[test]
fn homoglyphs_cannot_hide_a_trigger() {
    // Cyrillic о and а inside English words, a Latin e inside a Bulgarian one.
    assert_fires(
        "conditional-apology",
        &[
            ("en", "We're s\u{043E}rry if you were upset."),
            ("en", "We \u{0430}pologize if anyone was offended."),
            ("bg", "Съжаляваме, ако сте с\u{0065} почувствали засегнати."),
        ],
    );
    assert_fires("passive-evasion", &[("en", "Mistakes were m\u{0430}de.")]);
}

#[test]
fn a_10_mb_rules_file_is_refused_with_the_limit() {
    let dir = minimal_pack_copy(|pack| {
        let mut big = std::fs::read_to_string(pack.join("rules.toml")).unwrap();
        big.push_str(&"# filler line of a generated rules file\n".repeat(300_000));
        assert!(big.len() > 10 * 1024 * 1024);
        std::fs::write(pack.join("rules.toml"), big).unwrap();
    });
    let o = run(
        &["lint", "--packs", dir.path().to_str().unwrap(), "-"],
        b"x",
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("rules.toml") && stderr.contains("pack files may be at most"),
        "{stderr}"
    );
}

#[test]
fn deeply_nested_messages_do_not_overflow() {
    // The finding's message refers to a chain of 5,000 messages.
    let dir = minimal_pack_copy(|pack| {
        let mut ftl = std::fs::read_to_string(pack.join("messages.ftl")).unwrap();
        ftl = ftl.replace(
            "rule-conditional-apology =",
            "rule-conditional-apology = { nest-0 }\nold-conditional-apology =",
        );
        for i in 0..5000 {
            ftl.push_str(&format!("nest-{i} = {{ nest-{} }}\n", i + 1));
        }
        ftl.push_str("nest-5000 = deep\n");
        std::fs::write(pack.join("messages.ftl"), ftl).unwrap();
    });
    let message = conditional_apology_message(&dir);
    assert!(
        !message.is_empty() && !message.contains('{'),
        "the message resolves or falls back: {message}"
    );
}

#[test]
fn an_oversized_pack_file_is_refused() {
    let dir = minimal_pack_copy(|pack| {
        let mut big = std::fs::read_to_string(pack.join("messages.ftl")).unwrap();
        big.push_str(&"# filler\n".repeat(500_000));
        std::fs::write(pack.join("messages.ftl"), big).unwrap();
    });
    let o = run(
        &["lint", "--packs", dir.path().to_str().unwrap(), "-"],
        b"x",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("pack files may be at most"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn self_referencing_messages_fall_back_instead_of_looping() {
    let dir = minimal_pack_copy(|pack| {
        std::fs::write(
            pack.join("messages.ftl"),
            "rule-conditional-apology = { rule-conditional-apology }\n    .suggestion = { part-apologize }\npart-apologize = { rule-conditional-apology }\n",
        )
        .unwrap();
    });
    let message = conditional_apology_message(&dir);
    assert!(
        !message.is_empty() && !message.contains('{'),
        "the message falls back to English: {message}"
    );
}

#[test]
fn a_pathological_user_pattern_does_not_hang() {
    let dir = minimal_pack_copy(|pack| {
        let rules = std::fs::read_to_string(pack.join("rules.toml")).unwrap().replace(
            "patterns = [\"$apology ...2 se\"]",
            "patterns = [\"$apology ...2 se\", \"a ...12 a ...12 a ...12 a ...12 a ...12 a ...12 a ...12 b c\"]",
        );
        std::fs::write(pack.join("rules.toml"), rules).unwrap();
    });
    let text = format!("{}b x c", "a ".repeat(3000));
    let started = Instant::now();
    let o = run(
        &[
            "lint",
            "--packs",
            dir.path().to_str().unwrap(),
            "--lang",
            "eo",
            "-",
        ],
        text.as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(60));
}
