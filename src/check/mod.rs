//! Translation checks over locale packs, the checks compare-locales,
//! moz-fluent-linter, Weblate and i18n-embed-fl run, plus those none of them
//! has: `$variable` parity per message, rule examples that must behave, and
//! templates that must draft an apology that lints clean in its own locale.
//!
//! Every problem has a file, a line, a column, a check name and a message;
//! checking collects them all rather than stopping at the first. Flow: pack
//! files → Fluent analysis ([`fluent`]) compared with the reference pack →
//! strict loading (schema, ids, patterns) → rule examples → drafting the
//! pack's sample incident in every register and channel.

pub mod fluent;

use std::collections::{BTreeMap, BTreeSet};

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::generate::{Channel, GenerateOptions, Register};
use crate::lint::Engine;
use crate::pack::{Ids, Pack, PackSource};
use crate::report::Severity;
use crate::rules::{Examples, RuleSet};
use fluent::{FtlFile, Place, Usage};

/// Fluent functions the engine provides.
pub const KNOWN_FUNCTIONS: [&str; 2] = ["NUMBER", "DATETIME"];
/// The file of apology templates, whose messages all receive every incident variable.
pub const TEMPLATE_FILE: &str = "apology.ftl";
/// Fluent files compared with the reference pack.
pub const FLUENT_FILES: [&str; 2] = ["messages.ftl", "apology.ftl"];
/// A message whose text equals the reference's and has at least this many
/// letters is reported as an untranslated copy.
pub const UNTRANSLATED_MIN_LETTERS: usize = 12;

/// One problem found in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as a path a user can open.
    pub file: String,
    /// 1-based line (0 when about the whole file).
    pub line: usize,
    /// 1-based column (0 when about the whole file).
    pub column: usize,
    /// The check that found it (`missing-message`, `variable-parity`…).
    pub check: &'static str,
    /// What is wrong.
    pub message: String,
}

/// The result of checking one pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackCheck {
    /// The pack id.
    pub pack: String,
    /// Problems that make the pack wrong.
    pub errors: Vec<Problem>,
    /// Problems worth a look.
    pub warnings: Vec<Problem>,
}

struct Collector<'a> {
    source: &'a PackSource,
    out: PackCheck,
}

impl Collector<'_> {
    fn push(
        &mut self,
        severity: Severity,
        file: &str,
        place: Place,
        check: &'static str,
        message: String,
    ) {
        let problem = Problem {
            file: self.source.path(file),
            line: place.line,
            column: place.column,
            check,
            message,
        };
        match severity {
            Severity::Error => self.out.errors.push(problem),
            _ => self.out.warnings.push(problem),
        }
    }

    fn error(&mut self, file: &str, place: Place, check: &'static str, message: String) {
        self.push(Severity::Error, file, place, check, message);
    }

    fn warning(&mut self, file: &str, place: Place, check: &'static str, message: String) {
        self.push(Severity::Warning, file, place, check, message);
    }
}

/// Checks `packs` against the `reference` pack (normally `en`), using the
/// stable `ids`. The reference pack itself is checked too when it is in `packs`.
pub fn check_packs(packs: &[PackSource], reference: &PackSource, ids: &Ids) -> Vec<PackCheck> {
    packs
        .iter()
        .map(|p| check_pack(p, reference, ids))
        .collect()
}

fn check_pack(source: &PackSource, reference: &PackSource, ids: &Ids) -> PackCheck {
    let mut c = Collector {
        source,
        out: PackCheck {
            pack: source.id.clone(),
            ..PackCheck::default()
        },
    };
    let is_reference = source.id == reference.id;
    let partial = source
        .file("pack.toml")
        .ok()
        .and_then(|t| toml::from_str::<toml::Table>(t).ok())
        .and_then(|t| t.get("partial").and_then(toml::Value::as_bool))
        .unwrap_or(false);
    let categories = plural_categories(&source.id);
    let mut ids_by_file: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for file in FLUENT_FILES {
        // A missing file is reported by loading, below.
        let Ok(text) = source.file(file) else {
            continue;
        };
        let ftl = FtlFile::parse(text);
        let reference_ftl = reference.file(file).ok().map(FtlFile::parse);
        check_fluent(
            &mut c,
            file,
            &ftl,
            reference_ftl.as_ref().filter(|_| !is_reference),
            partial,
            categories.as_ref(),
        );
        ids_by_file.insert(file, ftl.unique_units().map(|u| u.id.clone()).collect());
    }
    if let (Some(a), Some(b)) = (
        ids_by_file.get("messages.ftl"),
        ids_by_file.get("apology.ftl"),
    ) {
        for id in a.intersection(b) {
            let place = source
                .file("apology.ftl")
                .ok()
                .and_then(|t| FtlFile::parse(t).get(id).map(|u| u.place))
                .unwrap_or_default();
            c.error(
                "apology.ftl",
                place,
                "duplicate-id",
                format!("`{id}` is also defined in messages.ftl"),
            );
        }
    }
    match Pack::load(source.clone(), ids) {
        Err(errors) => {
            for e in errors {
                let problem = Problem {
                    file: e.file,
                    line: e.line,
                    column: e.column,
                    check: e.check,
                    message: e.message,
                };
                c.out.errors.push(problem);
            }
        }
        Ok(pack) => {
            if let Ok(text) = source.file("rules.toml")
                && let Ok(raw) = toml::from_str::<crate::pack::raw::RawRules>(text)
            {
                let lines = crate::text::LineIndex::new(text);
                check_regex_boundaries(&mut c, &raw, &lines);
                check_shadowed_aliases(&mut c, &raw, &lines);
                check_duplicate_entries(&mut c, &raw, &lines);
            }
            check_rules(&mut c, &pack, ids, ids_by_file.get("messages.ftl"), partial);
            check_templates(&mut c, &pack, reference);
        }
    }
    c.out
}

/// Warns of pack regexes with a Unicode word boundary (`\b`, the default).
/// The regex engine's fast matchers cannot decide one next to a non-ASCII
/// byte and hand the search to its slowest one: on Italian prose such a
/// regex ran 550 times slower than with `(?-u:\b)`. Next to ASCII letters
/// and digits, `(?-u:\b)` means the same; next to Cyrillic a leading
/// literal often needs no boundary at all.
fn check_regex_boundaries(
    c: &mut Collector<'_>,
    raw: &crate::pack::raw::RawRules,
    lines: &crate::text::LineIndex<'_>,
) {
    let regexes = raw
        .rule
        .iter()
        .flat_map(|r| &r.regex)
        .chain(raw.parts.values().flat_map(|p| &p.regex));
    for regex in regexes {
        let unicode_boundary = regex_syntax::Parser::new()
            .parse(regex.get_ref())
            .is_ok_and(|hir| hir.properties().look_set().contains_word_unicode());
        if unicode_boundary {
            let at = lines.position(regex.span().start);
            c.warning(
                "rules.toml",
                Place {
                    line: at.line,
                    column: at.column,
                },
                "slow-regex",
                "a Unicode word boundary makes the regex engine fall back to its slowest matcher on text with non-ASCII letters (hundreds of times slower): write `(?-u:\\b)` next to ASCII letters and digits, or drop a boundary before a leading literal".into(),
            );
        }
    }
}

/// A text word that is an alias is matched as the word it stands for, so a
/// pattern, cue or class phrase that names the alias itself can never match
/// it there.
fn check_shadowed_aliases(
    c: &mut Collector<'_>,
    raw: &crate::pack::raw::RawRules,
    lines: &crate::text::LineIndex<'_>,
) {
    if raw.aliases.is_empty() {
        return;
    }
    let aliases: BTreeMap<String, &str> = raw
        .aliases
        .iter()
        .map(|(alias, word)| (crate::text::normalize(alias), word.get_ref().as_str()))
        .collect();
    let rules = raw
        .rule
        .iter()
        .flat_map(|r| r.pattern_lists().into_iter().flat_map(|(_, list)| list));
    let parts = raw
        .parts
        .values()
        .flat_map(|p| p.pattern_lists().into_iter().flat_map(|(_, list)| list));
    let classes = raw.classes.values().flatten();
    for pattern in rules.chain(parts).chain(classes) {
        let shadowed = crate::rules::pattern::pattern_words(pattern.get_ref())
            .into_iter()
            .find_map(|w| aliases.get(&w).map(|word| (w, *word)));
        if let Some((alias, word)) = shadowed {
            let at = lines.position(pattern.span().start);
            c.warning(
                "rules.toml",
                Place {
                    line: at.line,
                    column: at.column,
                },
                "shadowed-alias",
                format!("`{alias}` is an alias of `{word}` (`[aliases]`), so a text word `{alias}` is matched as `{word}` and this pattern's `{alias}` never matches it: write `{word}`"),
            );
        }
    }
}

/// An entry written twice in one list (a class, a rule's `patterns` or
/// `unless`, a part's `cues`, an example list) changes nothing, since each
/// list is a set, but it hides what the list holds and tends to drift apart
/// when one copy is edited. Entries are compared with case and runs of
/// spaces folded (regexes exactly).
fn check_duplicate_entries(
    c: &mut Collector<'_>,
    raw: &crate::pack::raw::RawRules,
    lines: &crate::text::LineIndex<'_>,
) {
    let mut check_list = |what: String, list: &[toml::Spanned<String>], fold: bool| {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for entry in list {
            let key = if fold {
                entry
                    .get_ref()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            } else {
                entry.get_ref().clone()
            };
            let at = lines.position(entry.span().start);
            if let Some(first) = seen.get(&key) {
                c.warning(
                    "rules.toml",
                    Place {
                        line: at.line,
                        column: at.column,
                    },
                    "duplicate-entry",
                    format!(
                        "`{}` is already in {what} (line {first}): a list is a set, so drop this copy",
                        entry.get_ref()
                    ),
                );
            } else {
                seen.insert(key, at.line);
            }
        }
    };
    for (name, phrases) in &raw.classes {
        check_list(format!("class `{name}`"), phrases, true);
    }
    for rule in &raw.rule {
        let id = rule.id.get_ref();
        let examples: [(&str, &[_]); 2] = [("trigger", &rule.trigger), ("clean", &rule.clean)];
        for (field, list) in rule.pattern_lists().into_iter().chain(examples) {
            check_list(format!("`{field}` of rule `{id}`"), list, true);
        }
        check_list(format!("`regex` of rule `{id}`"), &rule.regex, false);
    }
    for (part, p) in &raw.parts {
        let part = part.get_ref();
        let examples: [(&str, &[_]); 2] = [("present", &p.present), ("absent", &p.absent)];
        for (field, list) in p.pattern_lists().into_iter().chain(examples) {
            check_list(format!("`{field}` of part `{part}`"), list, true);
        }
        check_list(format!("`regex` of part `{part}`"), &p.regex, false);
    }
}

/// The CLDR plural categories of a locale, found by asking its rules about
/// a spread of numbers.
pub fn plural_categories(locale: &str) -> Option<BTreeSet<&'static str>> {
    let langid: LanguageIdentifier = locale.parse().ok()?;
    let rules = PluralRules::create(langid, PluralRuleType::CARDINAL).ok()?;
    let mut found = BTreeSet::new();
    let samples = (0..=200u32)
        .map(f64::from)
        .chain([0.5, 1.5, 2.5, 0.1, 1.1, 1_000_000.0]);
    for n in samples {
        if let Ok(category) = rules.select(n) {
            found.insert(match category {
                PluralCategory::ZERO => "zero",
                PluralCategory::ONE => "one",
                PluralCategory::TWO => "two",
                PluralCategory::FEW => "few",
                PluralCategory::MANY => "many",
                PluralCategory::OTHER => "other",
            });
        }
    }
    Some(found)
}

fn check_fluent(
    c: &mut Collector<'_>,
    file: &str,
    ftl: &FtlFile,
    reference: Option<&FtlFile>,
    partial: bool,
    categories: Option<&BTreeSet<&'static str>>,
) {
    for (place, message) in &ftl.syntax_errors {
        c.error(file, *place, "syntax", message.clone());
    }
    for (place, ch) in &ftl.stray {
        c.error(
            file,
            *place,
            "stray-character",
            format!("stray {:?} (U+{:04X}) in the text", ch, u32::from(*ch)),
        );
    }
    for (id, place) in ftl.duplicates() {
        c.error(
            file,
            place,
            "duplicate-id",
            format!("`{id}` is defined more than once"),
        );
    }
    let defined: BTreeSet<&str> = ftl.unique_units().map(|u| u.id.as_str()).collect();
    for unit in ftl.unique_units() {
        if unit.untranslated {
            c.error(
                file,
                unit.place,
                "untranslated",
                format!("`{}` is marked untranslated", unit.id),
            );
        }
        for (name, usage) in patterns_of(unit) {
            for m in &usage.messages {
                if !defined.contains(m.as_str()) {
                    c.error(
                        file,
                        unit.place,
                        "unresolved-reference",
                        format!("{name} refers to the unknown message `{m}`"),
                    );
                }
            }
            for t in &usage.terms {
                if !defined.contains(t.as_str()) {
                    c.error(
                        file,
                        unit.place,
                        "unresolved-reference",
                        format!("{name} refers to the unknown term `{t}`"),
                    );
                }
            }
            for f in &usage.functions {
                if !KNOWN_FUNCTIONS.contains(&f.as_str()) {
                    c.error(
                        file,
                        unit.place,
                        "unknown-function",
                        format!(
                            "{name} calls `{f}` (known functions: {})",
                            KNOWN_FUNCTIONS.join(", ")
                        ),
                    );
                }
            }
            for key in &usage.duplicate_keys {
                c.error(
                    file,
                    unit.place,
                    "duplicate-variant",
                    format!("{name} has the variant `[{key}]` twice"),
                );
            }
            if let Some(categories) = categories {
                for key in &usage.plural_keys {
                    if !categories.contains(key.as_str()) {
                        c.error(
                            file,
                            unit.place,
                            "plural-category",
                            format!(
                                "{name} has the variant `[{key}]`, not a plural category of `{}` ({})",
                                c.source.id,
                                categories.iter().copied().collect::<Vec<_>>().join(", ")
                            ),
                        );
                    }
                }
            }
            if usage.text.trim().is_empty()
                && usage.variables().is_empty()
                && usage.messages.is_empty()
                && usage.terms.is_empty()
            {
                c.warning(file, unit.place, "empty-value", format!("{name} is empty"));
            }
        }
    }
    let Some(reference) = reference else { return };
    let shared_variables: BTreeSet<String> = reference
        .unique_units()
        .flat_map(|u| {
            patterns_of(u)
                .into_iter()
                .flat_map(|(_, usage)| usage.variables())
        })
        .collect();
    // Templates come in families of phrasings (`fix-1`, `fix-2`…) whose size
    // differs between languages: a family must exist, not each member.
    let key = |id: &str| -> String {
        if file == TEMPLATE_FILE {
            template_family(id).to_owned()
        } else {
            id.to_owned()
        }
    };
    let translated: BTreeSet<String> = ftl.unique_units().map(|u| key(&u.id)).collect();
    let original_keys: BTreeSet<String> = reference.unique_units().map(|u| key(&u.id)).collect();
    for id in original_keys.difference(&translated) {
        let what = if file == TEMPLATE_FILE {
            "template family"
        } else {
            "message"
        };
        let message = format!("the {what} `{id}` of the reference pack is missing");
        if partial {
            c.warning(file, Place::default(), "missing-message", message);
        } else {
            c.error(file, Place::default(), "missing-message", message);
        }
    }
    for unit in ftl.unique_units() {
        if !original_keys.contains(&key(&unit.id)) {
            c.warning(
                file,
                unit.place,
                "obsolete-message",
                format!("`{}` is not in the reference pack", unit.id),
            );
            continue;
        }
        let Some(original) = reference.get(&unit.id).or_else(|| {
            // An extra phrasing is compared with the family's first one.
            reference.get(&format!("{}-1", key(&unit.id)))
        }) else {
            continue;
        };
        match (&original.value, &unit.value) {
            (Some(_), None) => c.error(
                file,
                unit.place,
                "value-parity",
                format!("`{}` has no value, but the reference has one", unit.id),
            ),
            (None, Some(_)) => c.error(
                file,
                unit.place,
                "value-parity",
                format!("`{}` has a value, but the reference has none", unit.id),
            ),
            _ => {}
        }
        for name in original.attributes.keys() {
            if !unit.attributes.contains_key(name) {
                c.error(
                    file,
                    unit.place,
                    "attribute-parity",
                    format!("`{}` lacks the attribute `.{name}`", unit.id),
                );
            }
        }
        for name in unit.attributes.keys() {
            if !original.attributes.contains_key(name) {
                c.warning(
                    file,
                    unit.place,
                    "attribute-parity",
                    format!(
                        "`{}` has the attribute `.{name}`, which the reference lacks",
                        unit.id
                    ),
                );
            }
        }
        let originals: BTreeMap<String, &Usage> = patterns_of(original).into_iter().collect();
        for (name, usage) in patterns_of(unit) {
            let Some(source_usage) = originals.get(&name) else {
                continue;
            };
            // Templates all receive every incident variable; messages only their own.
            let known = if file == TEMPLATE_FILE {
                &shared_variables | &source_usage.variables()
            } else {
                source_usage.variables()
            };
            for v in usage.variables().difference(&known) {
                c.error(
                    file,
                    unit.place,
                    "variable-parity",
                    format!("{name} uses `${v}`, which the reference never provides"),
                );
            }
            for v in source_usage.placed.difference(&usage.variables()) {
                c.error(
                    file,
                    unit.place,
                    "variable-parity",
                    format!("{name} drops `${v}`, which the reference shows"),
                );
            }
            let letters = usage.text.chars().filter(|ch| ch.is_alphabetic()).count();
            if !unit.untranslated
                && letters >= UNTRANSLATED_MIN_LETTERS
                && usage.text.trim() == source_usage.text.trim()
            {
                c.warning(
                    file,
                    unit.place,
                    "untranslated-copy",
                    format!("{name} is the same text as in the reference"),
                );
            }
        }
    }
}

/// The family of a template id: `fix-2` → `fix` (ids without a number stay).
fn template_family(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((family, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => family,
        _ => id,
    }
}

/// The value and attributes of a unit, named for messages.
fn patterns_of(unit: &fluent::Unit) -> Vec<(String, &Usage)> {
    let mut out = Vec::new();
    if let Some(v) = &unit.value {
        out.push((format!("`{}`", unit.id), v));
    }
    for (name, usage) in &unit.attributes {
        out.push((format!("`{}.{name}`", unit.id), usage));
    }
    out
}

fn check_rules(
    c: &mut Collector<'_>,
    pack: &Pack,
    ids: &Ids,
    messages: Option<&BTreeSet<String>>,
    partial: bool,
) {
    let file = "rules.toml";
    // `Pack::load` compiled the rules; their errors were reported already.
    let Ok(rules) = pack.rules() else {
        return;
    };
    let rule_ids: BTreeSet<&str> = rules.rules().iter().map(|r| r.id.as_str()).collect();
    for id in ids.rules.keys() {
        if !rule_ids.contains(id.as_str()) {
            c.warning(
                file,
                Place::default(),
                "missing-rule",
                format!("the pack has no rule `{id}`"),
            );
        }
    }
    let part_ids: BTreeSet<&str> = rules.parts().iter().map(|p| p.id.as_str()).collect();
    for id in ids.parts.keys() {
        if !part_ids.contains(id.as_str()) {
            c.error(
                file,
                Place::default(),
                "part-cues",
                format!("the pack has no cues for the part `{id}`"),
            );
        }
    }
    if !partial && let Some(messages) = messages {
        let wanted = rule_ids
            .iter()
            .map(|id| format!("rule-{id}"))
            .chain(part_ids.iter().map(|id| format!("part-{id}")));
        for id in wanted {
            if !messages.contains(&id) {
                c.error(
                    "messages.ftl",
                    Place::default(),
                    "missing-rule-message",
                    format!("no message `{id}`"),
                );
            }
        }
    }
    for failure in example_failures(rules) {
        let (path, line, column) = &failure.place;
        c.out.errors.push(Problem {
            file: path.clone(),
            line: *line,
            column: *column,
            check: "example",
            message: failure.message,
        });
    }
}

/// An example that does not behave as it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// Where the example is written: file, line, column.
    pub place: (String, usize, usize),
    /// What went wrong.
    pub message: String,
}

/// Runs every example of every rule and part of a rule set: a trigger must
/// fire exactly at its marked span, a clean example must not fire; a present
/// example must show its part at the marked span, an absent one must not.
pub fn example_failures(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let mut run = |kind: &str,
                   id: &str,
                   examples: &Examples,
                   spans_of: &dyn Fn(&str) -> Vec<crate::text::Span>| {
        for e in &examples.positive {
            let spans = spans_of(&e.text);
            if let Some(expected) = e.span
                && !spans.contains(&expected)
            {
                let got: Vec<&str> = spans.iter().map(|s| s.text(&e.text)).collect();
                failures.push(ExampleFailure {
                    place: e.place.clone(),
                    message: format!(
                        "{kind} `{id}` must match «{}», found {got:?} in «{}»",
                        expected.text(&e.text),
                        e.text
                    ),
                });
            }
        }
        for e in &examples.negative {
            for span in spans_of(&e.text) {
                failures.push(ExampleFailure {
                    place: e.place.clone(),
                    message: format!(
                        "{kind} `{id}` must not match, but matched «{}» in «{}»",
                        span.text(&e.text),
                        e.text
                    ),
                });
            }
        }
    };
    for (index, rule) in rules.rules().iter().enumerate() {
        run("rule", &rule.id, rule.examples(), &|text| {
            rules
                .run(text)
                .hits
                .into_iter()
                .filter(|h| h.rule == index)
                .map(|h| h.span)
                .collect()
        });
    }
    for part in rules.parts() {
        run("part", &part.id, part.examples(), &|text| {
            rules.run(text).parts.remove(&part.id).unwrap_or_default()
        });
    }
    failures
}

fn check_templates(c: &mut Collector<'_>, pack: &Pack, reference: &PackSource) {
    let file = "apology.ftl";
    let Some(sample) = &pack.sample else {
        c.warning(
            "pack.toml",
            Place::default(),
            "no-sample",
            "no `[sample]` incident: templates cannot be checked".into(),
        );
        return;
    };
    let mut sources = vec![pack.source.clone()];
    if reference.id != pack.id {
        sources.push(reference.clone());
    }
    let engine = match Engine::from_pack_sources(sources) {
        Ok(e) => e,
        Err(e) => {
            for error in e.errors {
                c.out.errors.push(Problem {
                    file: error.file,
                    line: error.line,
                    column: error.column,
                    check: error.check,
                    message: error.message,
                });
            }
            return;
        }
    };
    for register in [Register::Formal, Register::Informal] {
        for channel in [Channel::Email, Channel::Chat, Channel::Social] {
            let options = GenerateOptions {
                locale: pack.id.clone(),
                register,
                channel,
                seed: Some(0),
            };
            let case = format!("the sample incident ({register}, {channel})");
            match engine.generate(sample, &options) {
                Err(e) => c.error(file, Place::default(), "template", format!("{case}: {e}")),
                Ok(apology) => {
                    for f in apology
                        .findings
                        .iter()
                        .filter(|f| f.severity >= Severity::Warning)
                    {
                        c.error(
                            file,
                            Place::default(),
                            "self-lint",
                            format!(
                                "{case} draws `{}` on «{}»",
                                f.rule,
                                f.span.text(&apology.text)
                            ),
                        );
                    }
                    let detected = engine.detect(&apology.text).code;
                    if detected.as_deref() != Some(pack.id.as_str()) {
                        c.error(
                            file,
                            Place::default(),
                            "self-detect",
                            format!(
                                "{case} is detected as {}",
                                detected.as_deref().unwrap_or("unknown")
                            ),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_categories_come_from_cldr() {
        let cats = |l: &str| {
            plural_categories(l)
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(cats("en"), "one,other");
        assert_eq!(cats("tl"), "one,other");
        assert_eq!(cats("bg"), "one,other");
        assert_eq!(cats("it"), "one,other");
    }
}
