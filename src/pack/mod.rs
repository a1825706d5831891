//! Reading and validating locale packs.
//!
//! A pack is a directory `locales/<tag>/` with `pack.toml`, `rules.toml`,
//! `messages.ftl` and `apology.ftl`. Loading flows one way: files → strict
//! serde types ([`raw`], unknown keys rejected) → validation and compilation
//! ([`crate::rules::RuleSet`]) → an immutable [`Pack`]. Every problem is a
//! [`PackError`] that names the file, line and column; loading collects all of
//! them rather than stopping at the first.
//!
//! The default packs are embedded in the binary by the build script
//! (`build/main.rs`), each with its rules compiled into a rule image that
//! loading reads instead of `rules.toml` (`RuleSet::from_image`); a
//! directory of packs given at run time adds to them or replaces a pack with
//! the same id, and its rules are compiled when it loads.

pub mod raw;
mod shared;

pub use shared::{Ids, PackError, parse_toml};

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::rules::RuleSet;
use crate::rules::model::{MODEL_FILE, PartModel};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_packs.rs"));
}

/// The files every pack must have.
pub const PACK_FILES: [&str; 4] = ["pack.toml", "rules.toml", "messages.ftl", "apology.ftl"];

/// The files a pack may have besides: its part model
/// ([`crate::rules::model`]).
pub const OPTIONAL_FILES: [&str; 1] = [MODEL_FILE];

/// The text of a pack's files, before parsing.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// The pack's directory name, which is its id.
    pub id: String,
    /// How to show the directory in messages (`locales/it`, `<embedded>/it`).
    pub dir: String,
    /// File name → contents: borrowed from the binary for the embedded
    /// packs, so starting up copies none of them.
    pub files: BTreeMap<String, Cow<'static, str>>,
}

impl PackSource {
    /// A pack from files held in memory: (file name, contents) pairs, as
    /// `Engine::from_pack_sources` takes them.
    ///
    /// ```
    /// use meaculpa::pack::PackSource;
    ///
    /// let source = PackSource::from_files("eo", "my-packs/eo", [("pack.toml", "id = \"eo\"")]);
    /// assert_eq!(source.file("pack.toml").unwrap(), "id = \"eo\"");
    /// assert!(source.file("rules.toml").is_err());
    /// ```
    pub fn from_files<N: Into<String>, T: Into<String>>(
        id: impl Into<String>,
        dir: impl Into<String>,
        files: impl IntoIterator<Item = (N, T)>,
    ) -> Self {
        PackSource {
            id: id.into(),
            dir: dir.into(),
            files: files
                .into_iter()
                .map(|(name, text)| (name.into(), Cow::Owned(text.into())))
                .collect(),
        }
    }

    /// The shown path of one file of the pack.
    pub fn path(&self, file: &str) -> String {
        format!("{}/{}", self.dir, file)
    }

    /// The contents of a required file, or an error naming it.
    pub fn file(&self, name: &str) -> Result<&str, PackError> {
        self.files.get(name).map(|text| &**text).ok_or_else(|| {
            PackError::file(self.path(name), "missing file").with_check("missing-file")
        })
    }
}

impl Ids {
    /// The ids embedded in the binary (parsed once per process: loading
    /// and every embedded pack's rule image compare against them).
    pub fn embedded() -> Result<Ids, PackError> {
        static EMBEDDED: OnceLock<Result<Ids, PackError>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Ids::parse("<embedded>/ids.toml", embedded::IDS))
            .clone()
    }
}

/// A loaded, validated locale pack.
#[derive(Debug)]
pub struct Pack {
    /// BCP 47 tag.
    pub id: String,
    /// Name of the language in itself.
    pub name: String,
    /// Locales to fall back to for messages.
    pub fallback: Vec<String>,
    /// Whether the pack may lack messages.
    pub partial: bool,
    /// Version of the pack's data.
    pub version: String,
    /// whatlang code of the language.
    pub whatlang: whatlang::Lang,
    /// Writing script of the language.
    pub script: whatlang::Script,
    /// Normalized function words and anchors used as detection evidence.
    pub detect_words: Vec<String>,
    /// Lowercase letters of the language, if listed.
    pub alphabet: Option<String>,
    /// Packs whose text mixed with this language's words counts as this
    /// language (`[detect] mixed_with`).
    pub mixed_with: Vec<String>,
    /// Compiled rules, anchors and part cues: compiled at load, or on first
    /// use for packs loaded lazily (see [`Pack::load_lazy`]), when an
    /// embedded pack reads them from its rule image instead.
    rules: std::sync::OnceLock<Result<RuleSet, Vec<PackError>>>,
    /// The stable ids, kept for a lazy compilation.
    ids: Ids,
    /// Whether the pack compiles on first use (the embedded packs).
    lazy: bool,
    /// A sample incident in the pack's language, if the pack has one.
    pub sample: Option<crate::generate::Incident>,
    /// The source the pack came from.
    pub source: PackSource,
}

impl Pack {
    /// Parses and validates a pack, compiling its rules now; collects every
    /// problem found.
    pub fn load(source: PackSource, ids: &Ids) -> Result<Pack, Vec<PackError>> {
        Pack::read(source, ids, true)
    }

    /// Like [`Pack::load`], but compiles the rules only when first used
    /// (for the embedded packs, whose rules the test suite keeps valid): a
    /// run that lints in one language compiles one pack, or, for an embedded
    /// pack as it was built, reads its rule image.
    pub fn load_lazy(source: PackSource, ids: &Ids) -> Result<Pack, Vec<PackError>> {
        Pack::read(source, ids, false)
    }

    /// Whether the pack's rules and messages are built on first use.
    pub fn is_lazy(&self) -> bool {
        self.lazy
    }

    /// The compiled rules, compiled (or read from the pack's rule image) on
    /// first use.
    pub fn rules(&self) -> Result<&RuleSet, &[PackError]> {
        self.rules
            .get_or_init(|| compile_rules(&self.source, &self.ids))
            .as_ref()
            .map_err(Vec::as_slice)
    }

    fn read(source: PackSource, ids: &Ids, compile: bool) -> Result<Pack, Vec<PackError>> {
        let mut errors = Vec::new();
        for name in PACK_FILES {
            if let Err(e) = source.file(name) {
                errors.push(e);
            }
        }
        for name in source.files.keys() {
            if !PACK_FILES.contains(&name.as_str()) && !OPTIONAL_FILES.contains(&name.as_str()) {
                errors.push(PackError::file(
                    source.path(name),
                    format!(
                        "unexpected file in a pack (expected: {}; optional: {})",
                        PACK_FILES.join(", "),
                        OPTIONAL_FILES.join(", ")
                    ),
                ));
            }
        }
        let manifest_file = source.path("pack.toml");
        let manifest = source.file("pack.toml").ok().and_then(|text| {
            match parse_toml::<raw::RawManifest>(&manifest_file, text) {
                Ok(m) => Some((m, text)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        });
        let mut detect = None;
        if let Some((m, text)) = &manifest {
            if m.id.get_ref() != &source.id {
                errors.push(PackError::at(
                    &manifest_file,
                    text,
                    m.id.span().start,
                    format!(
                        "id `{}` does not match the pack directory `{}`",
                        m.id.get_ref(),
                        source.id
                    ),
                ));
            }
            if let Err(e) = m.id.get_ref().parse::<unic_langid::LanguageIdentifier>() {
                errors.push(PackError::at(
                    &manifest_file,
                    text,
                    m.id.span().start,
                    format!("`{}` is not a valid BCP 47 tag: {e}", m.id.get_ref()),
                ));
            }
            let lang = whatlang::Lang::from_code(m.detect.whatlang.get_ref());
            let script = parse_script(m.detect.script.get_ref());
            if lang.is_none() {
                errors.push(PackError::at(
                    &manifest_file,
                    text,
                    m.detect.whatlang.span().start,
                    format!(
                        "unknown whatlang code `{}` (an ISO 639-3 code such as ita, tgl, bul, eng)",
                        m.detect.whatlang.get_ref()
                    ),
                ));
            }
            if script.is_none() {
                errors.push(PackError::at(
                    &manifest_file,
                    text,
                    m.detect.script.span().start,
                    format!(
                        "unknown script `{}` (such as Latin, Cyrillic, Greek, Arabic)",
                        m.detect.script.get_ref()
                    ),
                ));
            }
            for other in &m.detect.mixed_with {
                let problem = if other.get_ref() == &source.id {
                    Some("is the pack itself".to_owned())
                } else {
                    (other.get_ref().parse::<unic_langid::LanguageIdentifier>())
                        .err()
                        .map(|e| format!("is not a valid BCP 47 tag: {e}"))
                };
                if let Some(problem) = problem {
                    errors.push(PackError::at(
                        &manifest_file,
                        text,
                        other.span().start,
                        format!("`mixed_with` entry `{}` {problem}", other.get_ref()),
                    ));
                }
            }
            detect = lang.zip(script);
        }
        let rules = std::sync::OnceLock::new();
        if compile {
            match compile_rules(&source, ids) {
                Ok(compiled) => {
                    let _ = rules.set(Ok(compiled));
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        match (manifest, detect) {
            (Some((m, _)), Some((whatlang, script))) if errors.is_empty() => Ok(Pack {
                id: source.id.clone(),
                name: m.name,
                fallback: m.fallback,
                partial: m.partial,
                version: m.version,
                whatlang,
                script,
                detect_words: m
                    .detect
                    .words
                    .iter()
                    .map(|w| crate::text::normalize(w))
                    .collect(),
                alphabet: m.detect.alphabet.map(|a| a.to_lowercase()),
                mixed_with: m
                    .detect
                    .mixed_with
                    .into_iter()
                    .map(toml::Spanned::into_inner)
                    .collect(),
                rules,
                ids: ids.clone(),
                lazy: !compile,
                sample: m.sample,
                source,
            }),
            _ => Err(errors),
        }
    }
}

/// Parses and compiles a pack's `rules.toml`, or reads the rule image the
/// build script made of it.
fn compile_rules(source: &PackSource, ids: &Ids) -> Result<RuleSet, Vec<PackError>> {
    // An image that fails to read (it never should: it is this build's own)
    // costs only the time to compile the rules again.
    if let Some(rules) = embedded_image(source, ids).and_then(|i| RuleSet::from_image(i).ok()) {
        return Ok(rules);
    }
    let rules_file = source.path("rules.toml");
    let text = source.file("rules.toml").map_err(|e| vec![e])?;
    let raw = parse_toml::<raw::RawRules>(&rules_file, text).map_err(|e| vec![e])?;
    let compiled = RuleSet::compile(raw, ids, &rules_file, text);
    let model = read_model(source, ids);
    match (compiled, model) {
        (Ok(mut rules), Ok(model)) => {
            rules.set_model(model);
            Ok(rules)
        }
        (Err(mut errors), Err(mut more)) => {
            errors.append(&mut more);
            Err(errors)
        }
        (Err(errors), _) | (_, Err(errors)) => Err(errors),
    }
}

/// Reads a pack's part model (`parts.model`), if it has one.
fn read_model(source: &PackSource, ids: &Ids) -> Result<Option<PartModel>, Vec<PackError>> {
    let Some(text) = source.files.get(MODEL_FILE) else {
        return Ok(None);
    };
    PartModel::parse(&source.path(MODEL_FILE), text, ids).map(Some)
}

/// The rule image the build script compiled for `source`, when `source` is an
/// embedded pack with its rules as embedded, loaded with the embedded ids.
fn embedded_image(source: &PackSource, ids: &Ids) -> Option<&'static [u8]> {
    let (_, image) = embedded::RULE_IMAGES
        .iter()
        .find(|(id, _)| *id == source.id)?;
    let embedded_file = |name: &str| {
        embedded::FILES
            .iter()
            .find(|(path, _)| {
                path.strip_suffix(name)
                    .and_then(|dir| dir.strip_suffix('/'))
                    == Some(source.id.as_str())
            })
            .map(|(_, text)| *text)
    };
    let embedded_rules = embedded_file("rules.toml")?;
    let same_model = match (source.files.get(MODEL_FILE), embedded_file(MODEL_FILE)) {
        (Some(a), Some(b)) => same_text(a, b),
        (None, None) => true,
        _ => false,
    };
    let as_embedded = source.dir == format!("<embedded>/{}", source.id)
        && same_text(source.file("rules.toml").ok()?, embedded_rules)
        && same_model
        && *ids == Ids::embedded().ok()?;
    as_embedded.then_some(*image)
}

/// Whether `a` and `b` hold the same text; without reading it when they are
/// the same bytes (an embedded file, borrowed).
fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

fn parse_script(name: &str) -> Option<whatlang::Script> {
    whatlang::Script::all()
        .iter()
        .copied()
        .find(|s| s.name().eq_ignore_ascii_case(name))
}

/// The packs embedded in the binary.
pub fn embedded_sources() -> Vec<PackSource> {
    let mut packs: BTreeMap<&str, PackSource> = BTreeMap::new();
    for (path, text) in embedded::FILES {
        let Some((id, file)) = path.split_once('/') else {
            continue;
        };
        packs
            .entry(id)
            .or_insert_with(|| PackSource {
                id: id.to_owned(),
                dir: format!("<embedded>/{id}"),
                files: BTreeMap::new(),
            })
            .files
            .insert(file.to_owned(), Cow::Borrowed(*text));
    }
    packs.into_values().collect()
}

/// Reads every pack directory inside `dir` (each subdirectory is a pack).
pub fn read_dir(dir: &Path) -> Result<Vec<PackSource>, PackError> {
    let shown = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| PackError::file(&shown, format!("cannot read the pack directory: {e}")))?;
    let mut packs = Vec::new();
    let mut dirs: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for path in dirs {
        packs.push(read_pack(&path)?);
    }
    if packs.is_empty() {
        return Err(PackError::file(
            shown,
            "no pack directories found (expected subdirectories such as it/ with pack.toml)",
        ));
    }
    Ok(packs)
}

/// Reads one pack directory.
pub fn read_pack(path: &Path) -> Result<PackSource, PackError> {
    let shown = path.display().to_string();
    let id = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| PackError::file(&shown, "a pack directory name must be a BCP 47 tag"))?
        .to_owned();
    let mut files = BTreeMap::new();
    let entries = std::fs::read_dir(path)
        .map_err(|e| PackError::file(&shown, format!("cannot read the pack directory: {e}")))?;
    for entry in entries.filter_map(Result::ok) {
        let file_path = entry.path();
        if !file_path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let shown_file = file_path.display().to_string();
        let bytes = std::fs::read(&file_path)
            .map_err(|e| PackError::file(&shown_file, format!("cannot read: {e}")))?;
        if bytes.len() > MAX_PACK_FILE_BYTES {
            return Err(PackError::file(
                &shown_file,
                format!(
                    "file is {} bytes; pack files may be at most {} bytes",
                    bytes.len(),
                    MAX_PACK_FILE_BYTES
                ),
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            PackError::file(
                &shown_file,
                format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
            )
        })?;
        files.insert(name, Cow::Owned(text));
    }
    Ok(PackSource {
        id,
        dir: shown,
        files,
    })
}

/// Largest pack file accepted (a guard against loading a wrong file).
pub const MAX_PACK_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The files of a new pack `tag` scaffolded from the `reference` pack: its
/// messages and templates copied with every message marked
/// `meaculpa: untranslated` (so `meaculpa check` fails until a translator
/// finishes), its rules copied for the translator to rewrite, and a manifest
/// whose detection settings must be filled in.
pub fn scaffold(reference: &PackSource, tag: &str) -> Result<Vec<(String, String)>, PackError> {
    let mut files = Vec::new();
    let manifest = format!(
        "id = \"{tag}\"\nname = \"{tag}\"  # the language's name in itself\nfallback = [\"{}\"]\nversion = \"0.0.1\"\n\n[detect]\n# The whatlang (ISO 639-3) code of the language, such as \"por\" for Portuguese.\nwhatlang = \"\"\n# The script as whatlang names it: Latin, Cyrillic, Greek, Arabic, …\nscript = \"Latin\"\n",
        reference.id
    );
    files.push(("pack.toml".to_owned(), manifest));
    let rules = reference.file("rules.toml")?;
    files.push((
        "rules.toml".to_owned(),
        format!(
            "# Scaffolded from the `{}` pack: rewrite every class, pattern and example in the new\n# language (see CONTRIBUTING.md), then run `meaculpa check`.\n{rules}",
            reference.id
        ),
    ));
    for name in ["messages.ftl", "apology.ftl"] {
        let text = reference.file(name)?;
        let mut out = String::with_capacity(text.len() * 2);
        for line in text.split_inclusive('\n') {
            let starts_message = line
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
                && line.contains('=');
            if starts_message {
                out.push_str("# meaculpa: untranslated\n");
            }
            out.push_str(line);
        }
        files.push((name.to_owned(), out));
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_pack_reads_its_rules_from_an_image() {
        let ids = Ids::embedded().expect("embedded ids parse");
        let sources = embedded_sources();
        assert_eq!(sources.len(), embedded::RULE_IMAGES.len());
        for source in &sources {
            let image = embedded_image(source, &ids)
                .unwrap_or_else(|| panic!("{}: no rule image", source.id));
            if let Err(e) = RuleSet::from_image(image) {
                panic!("{}: the rule image does not read: {e}", source.id);
            }
        }
    }

    #[test]
    fn a_pack_unlike_the_embedded_one_compiles_its_rules() {
        let ids = Ids::embedded().expect("embedded ids parse");
        let mut source = embedded_sources().remove(0);
        assert!(embedded_image(&source, &ids).is_some());
        // Other ids.
        let mut other = ids.clone();
        other.parts.insert("another-part".to_owned(), 1);
        assert!(embedded_image(&source, &other).is_none());
        // The same pack read from another place.
        let mut moved = source.clone();
        moved.dir = format!("locales/{}", source.id);
        assert!(embedded_image(&moved, &ids).is_none());
        // Changed rules.
        let changed = format!("{}\n# changed\n", source.file("rules.toml").unwrap());
        source
            .files
            .insert("rules.toml".to_owned(), Cow::Owned(changed));
        assert!(embedded_image(&source, &ids).is_none());
    }
}
