//! Everyday wordings a user expects the packs to get right
//! (`tests/data/probes/probes.tsv`, see its README): each rule fires, each
//! part shows, each sincere reply gets no error or warning, and a negated or
//! hypothetical wording shows no part it denies.

use meaculpa::{Engine, LintOptions, Severity};

#[test]
fn everyday_wordings_are_caught_and_sincere_replies_stay_clean() {
    let engine = Engine::new().expect("the embedded packs load");
    let data = include_str!("data/probes/probes.tsv");
    let mut failures = Vec::new();
    let mut total = 0;
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        let [locale, kind, id, text] = fields[..] else {
            panic!("locale<TAB>kind<TAB>id<TAB>text: {line}");
        };
        total += 1;
        let report = engine
            .lint(text, &LintOptions::language(locale))
            .expect("a probe lints");
        let ok = match kind {
            "rule" => report.findings.iter().any(|f| f.rule == id),
            "part" => report.parts.has(id),
            "absent" => !report.parts.has(id),
            "clean" => report
                .findings
                .iter()
                .all(|f| f.severity < Severity::Warning),
            other => panic!("unknown probe kind `{other}` in: {line}"),
        };
        if !ok {
            let found: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
            failures.push(format!(
                "{locale} {kind} {id}: {text}  (findings: {found:?})"
            ));
        }
    }
    assert!(total >= 120, "{total} probes");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
