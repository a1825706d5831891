//! What the translation checks need to know about one Fluent file: its
//! messages and terms, the variables, references, functions and plural
//! variant keys each uses, where each sits in the file, and its syntax
//! errors. Built from fluent-syntax's parser, which keeps comments (the
//! `untranslated` marker lives in a message's comment).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use fluent_syntax::parser;

use crate::text::LineIndex;

/// The comment that marks a message as not yet translated.
pub const UNTRANSLATED_MARK: &str = "meaculpa: untranslated";

/// Where something is in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// What a value or attribute pattern uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Variables placed in the text (`{ $name }`).
    pub placed: BTreeSet<String>,
    /// Variables only used as selectors.
    pub selectors: BTreeSet<String>,
    /// Referenced messages (`{ other }`, `{ other.attr }`).
    pub messages: BTreeSet<String>,
    /// Referenced terms (`{ -term }`).
    pub terms: BTreeSet<String>,
    /// Called functions (`NUMBER`).
    pub functions: BTreeSet<String>,
    /// Variant keys that are identifiers, with whether a number-like
    /// selector (a variable or NUMBER()) chooses them.
    pub plural_keys: BTreeSet<String>,
    /// Duplicate variant keys found.
    pub duplicate_keys: Vec<String>,
    /// The plain text, for the untranslated-copy check.
    pub text: String,
}

impl Usage {
    /// Every variable, placed or selecting.
    pub fn variables(&self) -> BTreeSet<String> {
        self.placed.union(&self.selectors).cloned().collect()
    }
}

/// One message or term.
#[derive(Debug, Clone, Default)]
pub struct Unit {
    /// Id (terms keep their leading `-`).
    pub id: String,
    /// Where its id is written.
    pub place: Place,
    /// Its value, if it has one.
    pub value: Option<Usage>,
    /// Its attributes.
    pub attributes: BTreeMap<String, Usage>,
    /// Whether its comment marks it untranslated.
    pub untranslated: bool,
}

/// A parsed Fluent file.
#[derive(Debug, Clone, Default)]
pub struct FtlFile {
    /// Messages and terms in file order.
    pub units: Vec<Unit>,
    /// Syntax errors: place and description.
    pub syntax_errors: Vec<(Place, String)>,
    /// Stray characters: place and the character.
    pub stray: Vec<(Place, char)>,
}

impl FtlFile {
    /// Parses `source`.
    pub fn parse(source: &str) -> FtlFile {
        let lines = LineIndex::new(source);
        let place = |offset: usize| {
            let p = lines.position(offset);
            Place {
                line: p.line,
                column: p.column,
            }
        };
        let (resource, errors) = match parser::parse(source) {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        let mut file = FtlFile::default();
        for e in errors {
            file.syntax_errors
                .push((place(e.pos.start), e.kind.to_string()));
        }
        for (offset, c) in source.char_indices() {
            if matches!(c, '\u{2068}' | '\u{2069}' | '\u{FFFD}') {
                file.stray.push((place(offset), c));
            }
        }
        let id_places = id_offsets(source);
        for entry in resource.body {
            let (id, value, attributes, comment) = match entry {
                Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes, m.comment),
                Entry::Term(t) => (
                    format!("-{}", t.id.name),
                    Some(t.value),
                    t.attributes,
                    t.comment,
                ),
                _ => continue,
            };
            let offset = id_places
                .iter()
                .find(|(name, _)| *name == id)
                .map_or(0, |(_, o)| *o);
            let untranslated = comment
                .as_ref()
                .is_some_and(|c| c.content.iter().any(|l| l.contains(UNTRANSLATED_MARK)));
            let mut unit = Unit {
                id,
                place: place(offset),
                value: value.as_ref().map(usage),
                untranslated,
                ..Unit::default()
            };
            for attribute in &attributes {
                unit.attributes
                    .insert(attribute.id.name.to_owned(), usage(&attribute.value));
            }
            file.units.push(unit);
        }
        // The same id written twice: report each later place.
        let mut seen: Vec<(&str, usize)> = Vec::new();
        let mut duplicates = Vec::new();
        for (name, offset) in &id_places {
            if seen.iter().any(|(n, _)| n == name) {
                duplicates.push((name.clone(), *offset));
            } else {
                seen.push((name, *offset));
            }
        }
        for (name, offset) in duplicates {
            if let Some(unit) = file.units.iter().rev().find(|u| u.id == name) {
                let mut copy = unit.clone();
                copy.place = place(offset);
                copy.id = format!("{name}\u{0}duplicate");
                file.units.push(copy);
            }
        }
        file
    }

    /// Units that repeat an earlier id of this file, with the id.
    pub fn duplicates(&self) -> impl Iterator<Item = (&str, Place)> {
        self.units
            .iter()
            .filter_map(|u| u.id.strip_suffix("\u{0}duplicate").map(|id| (id, u.place)))
    }

    /// Units with their real ids (no duplicate copies).
    pub fn unique_units(&self) -> impl Iterator<Item = &Unit> {
        self.units
            .iter()
            .filter(|u| !u.id.ends_with("\u{0}duplicate"))
    }

    /// The unit with `id`.
    pub fn get(&self, id: &str) -> Option<&Unit> {
        self.unique_units().find(|u| u.id == id)
    }
}

/// Every `id =` at the start of a line, with its byte offset.
fn id_offsets(source: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some(first) = line.chars().next() else {
            continue;
        };
        if !(first.is_ascii_alphabetic() || first == '-') {
            continue;
        }
        let id: String = line
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if line[id.len()..].trim_start().starts_with('=') {
            out.push((id, start));
        }
    }
    out
}

fn usage(pattern: &Pattern<&str>) -> Usage {
    let mut u = Usage::default();
    walk_pattern(pattern, &mut u);
    u
}

fn walk_pattern(pattern: &Pattern<&str>, u: &mut Usage) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => u.text.push_str(value),
            PatternElement::Placeable { expression } => walk_expression(expression, u),
        }
    }
}

fn walk_expression(expression: &Expression<&str>, u: &mut Usage) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, u, false),
        Expression::Select { selector, variants } => {
            walk_inline(selector, u, true);
            let numeric = matches!(
                selector,
                InlineExpression::VariableReference { .. }
                    | InlineExpression::FunctionReference { .. }
            );
            let mut keys = BTreeSet::new();
            for variant in variants {
                let key = match &variant.key {
                    VariantKey::Identifier { name } => {
                        if numeric && PLURAL_CATEGORIES.contains(name) {
                            u.plural_keys.insert((*name).to_owned());
                        }
                        (*name).to_owned()
                    }
                    VariantKey::NumberLiteral { value } => (*value).to_owned(),
                };
                if !keys.insert(key.clone()) {
                    u.duplicate_keys.push(key);
                }
                walk_pattern(&variant.value, u);
            }
        }
    }
}

/// CLDR plural category names.
pub const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn walk_inline(inline: &InlineExpression<&str>, u: &mut Usage, selector: bool) {
    match inline {
        InlineExpression::VariableReference { id } => {
            if selector {
                u.selectors.insert(id.name.to_owned());
            } else {
                u.placed.insert(id.name.to_owned());
            }
        }
        InlineExpression::MessageReference { id, .. } => {
            u.messages.insert(id.name.to_owned());
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            u.terms.insert(format!("-{}", id.name));
            if let Some(args) = arguments {
                for a in &args.positional {
                    walk_inline(a, u, selector);
                }
                for a in &args.named {
                    walk_inline(&a.value, u, selector);
                }
            }
        }
        InlineExpression::FunctionReference { id, arguments } => {
            u.functions.insert(id.name.to_owned());
            for a in &arguments.positional {
                walk_inline(a, u, selector);
            }
            for a in &arguments.named {
                walk_inline(&a.value, u, selector);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, u),
        InlineExpression::StringLiteral { value } => u.text.push_str(value),
        InlineExpression::NumberLiteral { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_variables_references_and_places() {
        let ftl = "# meaculpa: untranslated\nhello = Hi { $name }, { -brand } { other }\n    .title = { NUMBER($n) ->\n        [one] one\n       *[other] { $n } items\n    }\n-brand = Acme\nhello = again\n";
        let file = FtlFile::parse(ftl);
        let hello = file.get("hello").unwrap();
        assert!(hello.untranslated);
        assert_eq!(hello.place, Place { line: 2, column: 1 });
        let value = hello.value.as_ref().unwrap();
        assert!(value.placed.contains("name"));
        assert!(value.terms.contains("-brand"));
        assert!(value.messages.contains("other"));
        let title = &hello.attributes["title"];
        assert!(title.functions.contains("NUMBER"));
        assert!(title.plural_keys.contains("one"));
        assert!(title.variables().contains("n"));
        let dups: Vec<_> = file.duplicates().collect();
        assert_eq!(dups, [("hello", Place { line: 8, column: 1 })]);
    }

    #[test]
    fn syntax_errors_and_stray_marks_have_places() {
        let file = FtlFile::parse("ok = fine\nbad = { $\nmark = a\u{2068}b\n");
        assert_eq!(file.syntax_errors.len(), 1);
        assert_eq!(file.syntax_errors[0].0.line, 2);
        assert_eq!(file.stray, [(Place { line: 3, column: 9 }, '\u{2068}')]);
    }
}
