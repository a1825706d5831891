//! Every pack explains every rule and names every part in its own language:
//! `rule-<id>` with a `.suggestion`, `part-<id>`, and every `cli-*` string of
//! the reference pack, each rendering without Fluent errors or placeholders.

use meaculpa::Engine;

#[test]
fn every_pack_has_every_message_in_its_own_bundle() {
    let engine = Engine::new().expect("embedded packs load");
    let reference = engine.pack("en").expect("the reference pack is installed");
    let cli_ids: Vec<String> = reference
        .source
        .file("messages.ftl")
        .expect("en has messages")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(id, _)| id.trim().to_owned()))
        .filter(|id| id.starts_with("cli-"))
        .collect();
    assert!(
        cli_ids.len() >= 10,
        "the reference pack defines the CLI strings"
    );
    let l10n = engine.localizer();
    let mut args = fluent_bundle::FluentArgs::new();
    for name in ["field", "detected", "expected", "found"] {
        args.set(name, "x");
    }
    args.set("count", 2);
    let mut missing = Vec::new();
    for pack in engine.packs() {
        let mut wanted: Vec<(String, Option<&str>)> = Vec::new();
        for rule in engine.ids().rules.keys() {
            wanted.push((format!("rule-{rule}"), None));
            wanted.push((format!("rule-{rule}"), Some("suggestion")));
        }
        for part in engine.ids().parts.keys() {
            wanted.push((format!("part-{part}"), None));
        }
        for id in &cli_ids {
            wanted.push((id.clone(), None));
        }
        for (id, attr) in wanted {
            match l10n.render_in(&pack.id, &id, attr, Some(&args)) {
                Some(text)
                    if !text.trim().is_empty()
                        && !text.contains("{$")
                        && !text.contains('\u{2068}') => {}
                other => missing.push(format!(
                    "{}: {id}{} → {other:?}",
                    pack.id,
                    attr.map(|a| format!(".{a}")).unwrap_or_default()
                )),
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing or broken messages:\n{}",
        missing.join("\n")
    );
}

#[test]
fn counts_in_the_summary_take_their_languages_plural() {
    let engine = Engine::new().expect("embedded packs load");
    let l10n = engine.localizer();
    let render = |locale: &str, id: &str, count: u32| {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("count", count);
        l10n.render_in(locale, id, None, Some(&args))
    };
    for (locale, id, one, many) in [
        ("en", "cli-errors", "1 error", "3 errors"),
        ("en", "cli-hints", "1 hint", "0 hints"),
        ("it", "cli-warnings", "1 avviso", "2 avvisi"),
        ("bg", "cli-errors", "1 грешка", "5 грешки"),
        ("tl", "cli-warnings", "1 babala", "4 babala"),
    ] {
        assert_eq!(render(locale, id, 1).as_deref(), Some(one), "{locale} {id}");
        let n: u32 = many.split(' ').next().unwrap().parse().unwrap();
        assert_eq!(
            render(locale, id, n).as_deref(),
            Some(many),
            "{locale} {id}"
        );
    }
}
