//! The command line as users and CI see it: the JSON shape of DESIGN.md, exit
//! codes 0/1/2, and the exact error lines for bad input and broken packs.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_meaculpa");

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may exit before it reads its input (an unknown locale is
    // refused first); a closed pipe is then no failure of the test.
    if let Err(e) = child.stdin.take().expect("stdin is piped").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect()
}

const PART_IDS: [&str; 9] = [
    "acknowledge",
    "apologize",
    "take-responsibility",
    "empathize",
    "explain",
    "fix",
    "prevent",
    "compensate",
    "follow-up",
];

#[test]
fn lint_json_has_the_design_shape() {
    let text = "We're sorry if you were upset by the delay. We have refunded the delivery fee.";
    let o = run(
        &["lint", "--format", "json", "--lang", "en", "-"],
        text.as_bytes(),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "an error finding fails by default"
    );
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "path",
            "language",
            "findings",
            "parts",
            "part_spans",
            "score"
        ]
    );
    assert_eq!(v["path"], Value::Null);
    assert_eq!(v["language"]["code"], "en");
    assert_eq!(v["language"]["source"], "given");
    assert_eq!(v["language"]["confidence"], 1.0);
    let finding = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "conditional-apology")
        .expect("the conditional apology is found");
    let keys: Vec<&str> = finding
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["rule", "severity", "span", "text", "message", "suggestions"]
    );
    assert_eq!(finding["severity"], "error");
    let (start, end) = (
        finding["span"]["start"].as_u64().unwrap() as usize,
        finding["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(finding["text"], &text[start..end]);
    assert_eq!(finding["span"]["line"], 1);
    assert_eq!(finding["span"]["column"], start as u64 + 1);
    assert!(!finding["message"].as_str().unwrap().is_empty());
    assert!(!finding["suggestions"].as_array().unwrap().is_empty());
    let parts = v["parts"].as_object().unwrap();
    assert_eq!(parts.len(), 9);
    for id in PART_IDS {
        assert!(parts[id].is_boolean(), "part {id} is a boolean");
    }
    assert_eq!(parts["fix"], true);
    let spans = v["part_spans"].as_object().unwrap();
    assert!(
        spans.keys().all(|k| parts[k] == true),
        "only present parts have spans"
    );
    assert!(spans.contains_key("fix"));
    assert!(v["score"].as_u64().unwrap() <= 100);
}

#[test]
fn columns_count_characters_and_lines_start_at_one() {
    let text = "Ciao,\n\nÈ colpa nostra, ma ci dispiace se ha avuto problemi.";
    let o = run(
        &["lint", "--format", "json", "--lang", "it", "-"],
        text.as_bytes(),
    );
    let v = &json_lines(&o)[0];
    let finding = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "conditional-apology")
        .expect("the conditional apology is found");
    let start = finding["span"]["start"].as_u64().unwrap() as usize;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(finding["span"]["line"], 3);
    assert_eq!(
        finding["span"]["column"],
        text[line_start..start].chars().count() as u64 + 1
    );
}

#[test]
fn a_sincere_apology_exits_zero_and_each_input_gets_a_line() {
    let example = format!("{}/examples/apology-en.txt", env!("CARGO_MANIFEST_DIR"));
    let o = run(&["lint", "--format", "json", &example, &example], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], example.as_str());
    assert_eq!(lines[0]["language"]["source"], "detected");
}

#[test]
fn fail_on_warning_turns_warnings_into_failure() {
    let text = "We apologize for any inconvenience this may have caused.";
    let default = run(&["lint", "--lang", "en", "-"], text.as_bytes());
    let strict = run(
        &["lint", "--lang", "en", "--fail-on", "warning", "-"],
        text.as_bytes(),
    );
    assert_eq!(default.status.code(), Some(0));
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn empty_input_is_a_clean_report() {
    let o = run(&["lint", "--format", "json", "-"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v = &json_lines(&o)[0];
    assert_eq!(v["language"]["code"], Value::Null);
    assert!(v["language"]["reason"].is_string());
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn unknown_language_gives_null_code_and_no_findings() {
    let text = "Ζητούμε συγγνώμη αν αναστατωθήκατε από την καθυστέρηση της παραγγελίας.";
    let o = run(&["lint", "--format", "json", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let v = &json_lines(&o)[0];
    assert_eq!(v["language"]["code"], Value::Null);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn invalid_utf8_names_the_input_and_byte_offset() {
    let o = run(&["lint", "-"], b"Sorry \xff\xfe for that");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "meaculpa: <stdin>: invalid UTF-8 at byte 6\n");
}

#[test]
fn a_missing_file_is_reported_and_the_other_inputs_still_run() {
    let example = format!("{}/examples/apology-en.txt", env!("CARGO_MANIFEST_DIR"));
    let o = run(
        &["lint", "--format", "json", "no-such-file.txt", &example],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("meaculpa: cannot read no-such-file.txt: "),
        "{}",
        stderr(&o)
    );
    assert_eq!(json_lines(&o).len(), 1, "the readable file is still linted");
}

#[test]
fn an_unknown_locale_lists_the_available_ones() {
    let o = run(&["lint", "--lang", "xx", "-"], b"Sorry.");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "meaculpa: unknown locale `xx` (available: bg, en, it, tl)\n"
    );
}

#[test]
fn regional_and_alias_tags_find_their_pack() {
    for (tag, code) in [
        ("it-CH", "it"),
        ("fil", "tl"),
        ("fil-PH", "tl"),
        ("en-GB", "en"),
    ] {
        let o = run(&["lint", "--format", "json", "--lang", tag, "-"], b"ok");
        assert_eq!(o.status.code(), Some(0), "{tag}: {}", stderr(&o));
        assert_eq!(json_lines(&o)[0]["language"]["code"], code, "{tag}");
    }
}

#[test]
fn a_pack_with_an_unknown_key_is_an_error_with_its_place() {
    let o = run(
        &["lint", "--packs", &fixture("packs/unknown-key"), "-"],
        b"x",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let file = fixture("packs/unknown-key/eo/rules.toml");
    assert!(
        err.contains(&format!("{file}:8:1: unknown field `patern`")),
        "{err}"
    );
}

#[test]
fn a_pack_with_a_bad_pattern_points_into_the_pattern() {
    let o = run(
        &["lint", "--packs", &fixture("packs/bad-pattern"), "-"],
        b"x",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let file = fixture("packs/bad-pattern/eo/rules.toml");
    assert!(
        err.contains(&format!(
            "{file}:6:28: pattern `$apology ...2 (se|kvankam`: `(` is never closed"
        )),
        "{err}"
    );
}

#[test]
fn a_pack_with_broken_fluent_names_the_file_and_line() {
    let o = run(&["lint", "--packs", &fixture("packs/bad-ftl"), "-"], b"x");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let file = fixture("packs/bad-ftl/eo/messages.ftl");
    assert!(err.contains(&format!("{file}:1:")), "{err}");
    assert!(err.contains("Fluent syntax"), "{err}");
}

#[test]
fn an_added_pack_is_used_and_detected_by_its_tag() {
    let o = run(
        &[
            "lint",
            "--format",
            "json",
            "--packs",
            &fixture("packs/minimal"),
            "--lang",
            "eo",
            "--ui-lang",
            "eo",
            "-",
        ],
        "Ni bedaŭras se vi koleris.".as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = &json_lines(&o)[0];
    assert_eq!(v["findings"][0]["rule"], "conditional-apology");
    assert_eq!(v["findings"][0]["text"], "bedaŭras se");
    assert_eq!(v["findings"][0]["message"], "Kondiĉa pardonpeto.");
}

#[test]
fn ui_language_comes_from_the_flag_or_lang() {
    let text = "Ci scusiamo se ha avuto problemi.";
    let english = run(
        &[
            "lint",
            "--format",
            "json",
            "--lang",
            "it",
            "--ui-lang",
            "en",
            "-",
        ],
        text.as_bytes(),
    );
    let italian = run(
        &[
            "lint",
            "--format",
            "json",
            "--lang",
            "it",
            "--ui-lang",
            "it",
            "-",
        ],
        text.as_bytes(),
    );
    let m_en = json_lines(&english)[0]["findings"][0]["message"].clone();
    let m_it = json_lines(&italian)[0]["findings"][0]["message"].clone();
    assert_ne!(m_en, m_it, "messages follow --ui-lang");
    let mut child = Command::new(BIN)
        .args(["lint", "--format", "json", "--lang", "it", "-"])
        .env("LANG", "it_IT.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let from_env = child.wait_with_output().unwrap();
    assert_eq!(json_lines(&from_env)[0]["findings"][0]["message"], m_it);
}

#[test]
fn text_output_is_an_annotated_snippet_without_colour_when_piped() {
    let o = run(
        &["lint", "--lang", "en", "-"],
        b"We're sorry if you were upset.",
    );
    let out = stdout(&o);
    assert!(out.contains("error[conditional-apology]"), "{out}");
    assert!(out.contains("--> <stdin>:1:"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape codes when piped");
}

#[test]
fn detect_prints_the_language_per_line() {
    let text = "Ci scusiamo per il ritardo nella consegna del suo ordine.\nИзвиняваме се за забавянето на Вашата поръчка.\n";
    let o = run(
        &["detect", "--per-line", "--format", "json", "-"],
        text.as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["code"], "it");
    assert_eq!(lines[1]["code"], "bg");
    assert!(lines[1]["candidates"].is_array());
}

#[test]
fn detect_per_line_reads_as_it_goes_and_names_the_first_invalid_byte() {
    // Windows line ends and blank lines as `str::lines` reads them; the
    // lines before an invalid one are answered, then the error and exit 2.
    let mut input =
        b"Ci scusiamo per il ritardo nella consegna.\r\n\r\nSorry for the delay with your order.\n"
            .to_vec();
    let bad = input.len() + 4;
    input.extend_from_slice(b"bad \xFF line\nnever read\n");
    let o = run(&["detect", "--per-line", "--format", "json", "-"], &input);
    assert_eq!(o.status.code(), Some(2));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["line"].as_u64(), lines[0]["code"].as_str()),
        (Some(1), Some("it"))
    );
    assert_eq!(
        (lines[1]["line"].as_u64(), lines[1]["code"].as_str()),
        (Some(3), Some("en"))
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("invalid UTF-8 at byte {bad}")),
        "{err}"
    );
}

#[test]
fn rules_and_explain_list_every_rule() {
    let o = run(&["rules", "--lang", "bg", "--format", "json"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json_lines(&o).len(), 24);
    let o = run(&["explain", "no-apology", "--lang", "tl"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("no-apology: "));
    let o = run(&["explain", "no-such-rule"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("meaculpa: unknown rule `no-such-rule` (known: "));
}

#[test]
fn expect_lang_warns_when_the_reply_is_in_another_language() {
    let text = "We are sorry that we charged your card twice. We refunded the second charge today.";
    let plain = run(&["lint", "--expect-lang", "it", "-"], text.as_bytes());
    assert_eq!(
        plain.status.code(),
        Some(0),
        "a warning does not fail by default"
    );
    assert!(stdout(&plain).contains("warning: "), "{}", stdout(&plain));
    let strict = run(
        &[
            "lint",
            "--expect-lang",
            "it",
            "--fail-on",
            "warning",
            "--format",
            "json",
            "-",
        ],
        text.as_bytes(),
    );
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(json_lines(&strict)[0]["expected_language"], "it");
    let same = run(
        &[
            "lint",
            "--expect-lang",
            "en",
            "--fail-on",
            "warning",
            "--format",
            "json",
            "-",
        ],
        text.as_bytes(),
    );
    assert_eq!(same.status.code(), Some(0));
    assert!(json_lines(&same)[0].get("expected_language").is_none());
}

#[test]
fn a_taglish_reply_is_in_the_language_of_a_tagalog_customer() {
    let text = "We apologize po for the double charge. Na-refund na po namin today.";
    let args = |lang| {
        [
            "lint",
            "--expect-lang",
            lang,
            "--fail-on",
            "warning",
            "--format",
            "json",
            "-",
        ]
    };
    let tagalog = run(&args("tl"), text.as_bytes());
    assert_eq!(tagalog.status.code(), Some(0), "{}", stdout(&tagalog));
    let report = &json_lines(&tagalog)[0];
    assert_eq!(report["language"]["code"], "tl");
    // The Tagalog pack reads the Tagalog clause: the refund is a fix.
    assert_eq!(report["parts"]["fix"], true);
    let english = run(&args("en"), text.as_bytes());
    assert_eq!(english.status.code(), Some(1));
    assert_eq!(json_lines(&english)[0]["expected_language"], "en");
}

#[test]
fn mixed_text_is_detected_per_paragraph_and_each_paragraph_uses_its_rules() {
    let text = "Dear Maria,\n\nWe are sorry if you were upset by the delay of your order.\n\nCi dispiace se ha avuto problemi con la consegna del suo ordine.\n";
    let o = run(&["lint", "--format", "json", "-"], text.as_bytes());
    let v = &json_lines(&o)[0];
    let segments = v["language"]["segments"]
        .as_array()
        .expect("segments are reported");
    let codes: Vec<&str> = segments
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["en", "en", "it"]);
    let texts: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "conditional-apology")
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with("We are sorry")),
        "{texts:?}"
    );
    assert!(texts.contains(&"Ci dispiace se"), "{texts:?}");
}

#[test]
fn generate_drafts_text_and_json_and_names_missing_fields() {
    let incident = fixture("incidents/en-double-charge.toml");
    let o = run(
        &[
            "generate",
            "--incident",
            &incident,
            "--locale",
            "en",
            "--seed",
            "1",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("we charged your card twice for order 1182"));
    let o = run(
        &[
            "generate",
            "--incident",
            &incident,
            "--locale",
            "en",
            "--channel",
            "social",
            "--format",
            "json",
        ],
        b"",
    );
    let v = &json_lines(&o)[0];
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "locale", "register", "channel", "text", "parts", "findings", "notes"
        ]
    );
    assert_eq!(v["channel"], "social");
    assert!(v["text"].as_str().unwrap().chars().count() <= 280);
    let o = run(
        &["generate", "--incident", "-", "--locale", "en"],
        b"company = \"Acme\"\nseverity = \"minor\"\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "meaculpa: the incident has no `mistake` (required: company, mistake, fix, prevention, severity)\n"
    );
    let o = run(
        &["generate", "--incident", "-", "--locale", "xx"],
        b"company = \"Acme\"\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown locale `xx` (available: bg, en, it, tl)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn check_passes_the_embedded_packs_and_fails_a_broken_one() {
    let o = run(&["check", "--format", "json"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let packs: Vec<String> = json_lines(&o)
        .iter()
        .map(|v| v["pack"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(packs, ["bg", "en", "it", "tl"]);
    // A pack given as a directory or with `--packs` is what gets checked.
    for args in [
        vec!["check".to_owned(), fixture("packs/unknown-key")],
        vec![
            "check".to_owned(),
            "--packs".to_owned(),
            fixture("packs/unknown-key"),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args, b"");
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stdout(&o).contains("rules.toml:8:1: error[unknown-key]: unknown field `patern`"),
            "{}",
            stdout(&o)
        );
    }
}

#[test]
fn new_locale_scaffolds_a_pack_that_fails_check_until_translated() {
    let dir = tempfile::tempdir().unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let o = run(&["new-locale", "pt-BR", "--dir", dir_arg], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for file in ["pack.toml", "rules.toml", "messages.ftl", "apology.ftl"] {
        assert!(
            dir.path().join("pt-BR").join(file).is_file(),
            "{file} is created"
        );
    }
    let o = run(&["check", dir.path().join("pt-BR").to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[untranslated]"), "{}", stdout(&o));
    let again = run(&["new-locale", "pt-BR", "--dir", dir_arg], b"");
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing pack is never overwritten"
    );
    let bad = run(&["new-locale", "not a tag", "--dir", dir_arg], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("is not a valid BCP 47 language tag"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn compare_reports_lost_parts_and_introduced_anti_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("en.txt");
    let translation = dir.path().join("it.txt");
    std::fs::write(&source, "We are sorry that we charged you twice. It was our mistake. We refunded the second charge today.").unwrap();
    std::fs::write(&translation, "Ci scusiamo per l'eventuale disagio.").unwrap();
    let o = run(
        &[
            "compare",
            "--format",
            "json",
            source.to_str().unwrap(),
            translation.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let v = &json_lines(&o)[0];
    assert_eq!(v["source"]["code"], "en");
    assert_eq!(v["translation"]["code"], "it");
    let lost: Vec<&str> = v["lost_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        lost.contains(&"fix") && lost.contains(&"take-responsibility"),
        "{lost:?}"
    );
    let introduced: Vec<&str> = v["introduced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(introduced.contains(&"hedged-regret"), "{introduced:?}");
}

#[test]
fn show_patterns_names_the_pack_lines_that_matched() {
    let text = "We're sorry if you were upset by the delay. We have refunded the delivery fee.";
    let o = run(
        &[
            "lint",
            "--format",
            "json",
            "--lang",
            "en",
            "--show-patterns",
            "-",
        ],
        text.as_bytes(),
    );
    let v = &json_lines(&o)[0];
    let source = std::fs::read_to_string(format!(
        "{}/locales/en/rules.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let lines: Vec<&str> = source.lines().collect();
    // Each origin points at its pattern: the text at line:column starts
    // with what the pattern starts with.
    let points_at_its_pattern = |origin: &Value| {
        assert!(
            origin["file"].as_str().unwrap().ends_with("en/rules.toml"),
            "{origin}"
        );
        let line = lines[origin["line"].as_u64().unwrap() as usize - 1];
        let at: String = line
            .chars()
            .skip(origin["column"].as_u64().unwrap() as usize - 1)
            .collect();
        let pattern: String = origin["pattern"]
            .as_str()
            .unwrap()
            .chars()
            .take(8)
            .collect();
        assert!(at.starts_with(&pattern), "{line} / {origin}");
    };
    let findings = v["findings"].as_array().unwrap();
    let conditional = findings
        .iter()
        .find(|f| f["rule"] == "conditional-apology")
        .expect("the conditional apology is found");
    let origins = conditional["patterns"].as_array().unwrap();
    assert!(!origins.is_empty(), "{conditional}");
    origins.iter().for_each(points_at_its_pattern);
    // One list of origins per span of each present part.
    let part_spans = v["part_spans"].as_object().unwrap();
    let part_patterns = v["part_patterns"].as_object().unwrap();
    assert_eq!(
        part_spans.keys().collect::<Vec<_>>(),
        part_patterns.keys().collect::<Vec<_>>()
    );
    for (part, spans) in part_spans {
        let lists = part_patterns[part].as_array().unwrap();
        assert_eq!(lists.len(), spans.as_array().unwrap().len(), "{part}");
        lists
            .iter()
            .flat_map(|l| l.as_array().unwrap())
            .for_each(points_at_its_pattern);
    }
    assert!(
        !part_patterns["fix"][0].as_array().unwrap().is_empty(),
        "{part_patterns:?}"
    );
    // People get a note under each finding.
    let o = run(
        &["lint", "--lang", "en", "--show-patterns", "-"],
        text.as_bytes(),
    );
    let out = stdout(&o);
    assert!(out.contains("= note: pattern: "), "{out}");
    assert!(out.contains("en/rules.toml:"), "{out}");
}

#[test]
fn show_patterns_names_each_paragraphs_own_pack_in_a_mixed_text() {
    let text = "We are sorry: we charged you twice for your March order, and we have refunded the second charge today.\n\n\
                Ci scusiamo: le abbiamo addebitato due volte l'ordine di marzo e abbiamo già rimborsato il secondo addebito.\n";
    let italian_from = text.find("Ci scusiamo").unwrap() as u64;
    let o = run(
        &["lint", "--format", "json", "--show-patterns", "-"],
        text.as_bytes(),
    );
    let v = &json_lines(&o)[0];
    let segments = v["language"]["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 2, "{v}");
    let part_spans = v["part_spans"].as_object().unwrap();
    let part_patterns = v["part_patterns"].as_object().unwrap();
    let mut seen = [false; 2];
    for (part, spans) in part_spans {
        for (span, origins) in spans
            .as_array()
            .unwrap()
            .iter()
            .zip(part_patterns[part].as_array().unwrap())
        {
            let italian = span["start"].as_u64().unwrap() >= italian_from;
            let pack = if italian {
                "it/rules.toml"
            } else {
                "en/rules.toml"
            };
            let origins = origins.as_array().unwrap();
            assert!(!origins.is_empty(), "{part} {span}: no pattern");
            for origin in origins {
                assert!(
                    origin["file"].as_str().unwrap().ends_with(pack),
                    "{part} {span}: {origin}"
                );
            }
            seen[usize::from(italian)] = true;
        }
    }
    assert_eq!(seen, [true, true], "parts in both paragraphs");
}

#[test]
fn several_inputs_are_reported_in_the_order_given_with_unreadable_ones_named() {
    // More inputs than one batch (64), linted on every core, with texts
    // whose findings differ: each report must follow its own path.
    let dir = tempfile::tempdir().unwrap();
    let texts = [
        "We are sorry if you were upset.",
        "Mistakes were made with your order.",
        "We are sorry: we charged you twice, and we have refunded the second charge today.",
    ];
    let mut args: Vec<String> = ["lint", "--lang", "en", "--format", "json"]
        .iter()
        .map(|a| a.to_string())
        .collect();
    let mut expected = Vec::new();
    for i in 0..150 {
        let path = dir.path().join(format!("{i:03}.txt"));
        std::fs::write(&path, texts[i % texts.len()]).unwrap();
        args.push(path.to_str().unwrap().to_owned());
        expected.push((path.to_str().unwrap().to_owned(), i % texts.len()));
        if i == 70 {
            args.push(dir.path().join("missing.txt").to_str().unwrap().to_owned());
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run(&args, b"");
    assert_eq!(o.status.code(), Some(2), "an unreadable input: exit 2");
    assert!(stderr(&o).contains("missing.txt"), "{}", stderr(&o));
    let reports = json_lines(&o);
    assert_eq!(reports.len(), expected.len());
    // The first text of each kind gives the rules every report of its kind
    // must give again.
    let rules = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let firsts: Vec<Vec<String>> = reports[..texts.len()].iter().map(rules).collect();
    assert_ne!(firsts[0], firsts[1]);
    assert_ne!(firsts[1], firsts[2]);
    for (report, (path, kind)) in reports.iter().zip(&expected) {
        assert_eq!(report["path"].as_str(), Some(path.as_str()));
        assert_eq!(rules(report), firsts[*kind], "{path}");
    }
}

#[test]
fn eval_lists_no_mistakes_of_texts_kept_from_tuning() {
    let corpus = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let blind = format!("{corpus}/new-writers-2");
    // A small tuning corpus keeps the run short.
    let dir = tempfile::tempdir().unwrap();
    let tune = r#"{"id": "en-1", "text": "Sorry if you were upset.", "rules": ["conditional-apology"], "parts": []}"#;
    std::fs::write(dir.path().join("en.jsonl"), format!("{tune}\n")).unwrap();
    for args in [
        ["--corpus", corpus.as_str(), "--split", "holdout"],
        ["--corpus", corpus.as_str(), "--split", "all"],
        ["--corpus", blind.as_str(), "--split", "tune"],
    ] {
        let mut all = vec!["eval"];
        all.extend(&args);
        all.push("--mistakes");
        let o = run(&all, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("kept from tuning"), "{}", stderr(&o));
        assert!(stdout(&o).is_empty(), "{args:?} printed {}", stdout(&o));
    }
    // A corpus with no corpus.toml protects nothing; figures are always allowed.
    let path = dir.path().to_str().unwrap();
    let o = run(
        &["eval", "--corpus", path, "--split", "all", "--mistakes"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["eval", "--corpus", &blind, "--split", "all"], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("80 texts"), "{}", stdout(&o));
}

#[test]
fn a_pack_with_a_broken_part_model_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("en");
    std::fs::create_dir(&pack).unwrap();
    let locales = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en");
    for name in ["pack.toml", "rules.toml", "messages.ftl", "apology.ftl"] {
        std::fs::copy(format!("{locales}/{name}"), pack.join(name)).unwrap();
    }
    let model = pack.join("parts.model");
    std::fs::write(
        &model,
        "# broken\nparts fix\nbias -1\nthreshold 0.5\nf refund 1.5\nf refund x\n",
    )
    .unwrap();
    let o = run(
        &["lint", "--packs", dir.path().to_str().unwrap(), "-"],
        b"We're sorry.",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let shown = model.display().to_string();
    assert!(
        err.contains(&format!("{shown}:6:10: `x` is not a number")),
        "{err}"
    );
    // Mended, the same pack loads and its model speaks for `fix`.
    std::fs::write(&model, "parts fix\nbias -3\nthreshold 0.5\nf zorbled 40\n").unwrap();
    // An apology (the model completes one), and a fix no cue knows.
    let text = "Hi Ann, we're sorry about the mix-up with the order you placed last week. \
                We checked it today and we zorbled the whole thing this morning.";
    let packs = dir.path().to_str().unwrap();
    let lint_with = |extra: &str| {
        run(
            &["lint", "--packs", packs, "--lang", "en", extra, "-"],
            text.as_bytes(),
        )
    };
    let lint = || json_lines(&lint_with("--format=json")).remove(0);
    let v = lint();
    assert_eq!(v["parts"]["fix"], true, "{v}");
    let probability = v["model_parts"]["fix"].as_f64().unwrap();
    assert!(probability > 0.5 && probability <= 1.0, "{v}");
    assert!(v["model_parts"].get("acknowledge").is_none(), "{v}");
    // The human report says which parts the model showed.
    let o = lint_with("--show-patterns");
    let human = stdout(&o);
    assert!(
        human.contains("«We checked it today and we zorbled the whole thing this morning»: part model, probability"),
        "{human}"
    );
    let span = &v["part_spans"]["fix"][0];
    let (start, end) = (
        span["start"].as_u64().unwrap() as usize,
        span["end"].as_u64().unwrap() as usize,
    );
    assert!(
        text[start..end].starts_with("We checked it today"),
        "{}",
        &text[start..end]
    );
    // Without the model, no cue shows it.
    std::fs::remove_file(&model).unwrap();
    assert_eq!(lint()["parts"]["fix"], false);
}
