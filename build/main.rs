//! The build script. It embeds the default locale packs (`locales/`) into
//! the binary, so the tool works with no files around it (every file of
//! every pack directory is listed; adding a language is adding a directory,
//! never Rust code); compiles each pack's rules into an image the crate
//! reads back instead of compiling them at run time; and lays out the
//! detection model (`data/langid-model/`) as hash tables the detector reads
//! in place ([`model`]).
//!
//! The rule compiler is the crate's own: its source files are compiled into
//! this script too, so the types serialized here are the ones the crate
//! deserializes.

use std::fmt::Write as _;
use std::path::Path;

mod model;

#[allow(dead_code)]
#[path = "../src/rules/mod.rs"]
mod rules;
#[allow(dead_code)]
#[path = "../src/segment.rs"]
mod segment;
#[allow(dead_code)]
#[path = "../src/severity.rs"]
mod severity;
#[allow(dead_code)]
#[path = "../src/text.rs"]
mod text;

/// The parts of the crate's `pack` module the rule compiler uses.
#[allow(dead_code)]
mod pack;

/// What the rule compiler uses of the crate's `report` module.
mod report {
    pub use crate::severity::Severity;
}

/// What `src/pack/raw.rs` names of the crate's `generate` module: only a
/// pack manifest holds an incident, and this script reads no manifest.
mod generate {
    pub type Incident = serde::de::IgnoredAny;
}

fn main() {
    model::build_ngram_model();
    model::build_word_model();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from(
        "/// Pack files as (`<tag>/<file>`, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    let ids = std::fs::read_to_string(root.join("ids.toml")).expect("locales/ids.toml is readable");
    // Broken ids make no images: the crate then reports them when it loads.
    let ids = pack::Ids::parse("<embedded>/ids.toml", &ids).ok();
    let mut images = String::from(
        "/// Rule images (`<tag>`, postcard bytes) of the packs whose rules compiled\n\
         /// when the binary was built.\npub static RULE_IMAGES: &[(&str, &[u8])] = &[\n",
    );
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("locales/ exists")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    dirs.sort_by_key(|e| e.file_name());
    for dir in dirs {
        println!("cargo:rerun-if-changed={}", dir.path().display());
        let mut files: Vec<_> = std::fs::read_dir(dir.path())
            .expect("pack directory is readable")
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        files.sort_by_key(|e| e.file_name());
        let id = dir.file_name().to_string_lossy().into_owned();
        if let Some(image) = ids
            .as_ref()
            .and_then(|ids| rule_image(&id, &dir.path(), ids))
        {
            writeln!(
                images,
                "    ({id:?}, include_bytes!({:?})),",
                image.display().to_string()
            )
            .expect("writing to a String cannot fail");
        }
        for file in files {
            println!("cargo:rerun-if-changed={}", file.path().display());
            writeln!(
                out,
                "    ({:?}, include_str!({:?})),",
                format!(
                    "{}/{}",
                    dir.file_name().to_string_lossy(),
                    file.file_name().to_string_lossy()
                ),
                file.path().display().to_string()
            )
            .expect("writing to a String cannot fail");
        }
    }
    out.push_str("];\n");
    out.push_str(&images);
    out.push_str("];\n");
    writeln!(
        out,
        "/// The stable rule and part ids.\npub static IDS: &str = include_str!({:?});",
        root.join("ids.toml").display().to_string()
    )
    .expect("writing to a String cannot fail");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_packs.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}

/// Compiles the rules of pack `id` (directory `dir`) against the stable ids
/// `ids` into `OUT_DIR/rules-<id>.bin` and returns its path. A pack whose
/// rules do not compile gets no image: the crate then compiles it at run
/// time and reports each problem at its place, as for any pack.
fn rule_image(id: &str, dir: &Path, ids: &pack::Ids) -> Option<std::path::PathBuf> {
    let source = std::fs::read_to_string(dir.join("rules.toml")).ok()?;
    // The name the crate gives the embedded file, which pattern origins and
    // example places carry.
    let file = format!("<embedded>/{id}/rules.toml");
    let raw = pack::parse_toml::<pack::raw::RawRules>(&file, &source).ok()?;
    let mut rules = rules::RuleSet::compile(raw, ids, &file, &source).ok()?;
    let model_file = dir.join(rules::model::MODEL_FILE);
    if let Ok(text) = std::fs::read_to_string(&model_file) {
        let shown = format!("<embedded>/{id}/{}", rules::model::MODEL_FILE);
        rules.set_model(Some(
            rules::model::PartModel::parse(&shown, &text, ids).ok()?,
        ));
    }
    let image = rules.to_image().expect("a compiled rule set serializes");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join(format!("rules-{id}.bin"));
    std::fs::write(&dest, image).expect("OUT_DIR is writable");
    Some(dest)
}
