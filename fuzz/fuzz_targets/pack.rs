//! Arbitrary rules.toml and messages.ftl in a user pack: loading reports
//! errors or succeeds, never panics; a pack that loads can lint.
#![no_main]

use libfuzzer_sys::fuzz_target;
use meaculpa::pack::PackSource;
use meaculpa::{Engine, LintOptions};

const MANIFEST: &str = "id = \"eo\"\nname = \"Esperanto\"\nversion = \"0\"\n[detect]\nwhatlang = \"epo\"\nscript = \"Latin\"\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The input is rules.toml, then messages.ftl after a NUL byte.
    let (rules, messages) = text.split_once('\0').unwrap_or((text, ""));
    let files = [
        ("pack.toml", MANIFEST),
        ("rules.toml", rules),
        ("messages.ftl", messages),
        ("apology.ftl", messages),
    ];
    let source = PackSource::from_files("eo", "fuzz/eo", files);
    if let Ok(engine) = Engine::from_pack_sources(vec![source]) {
        let _ = engine.lint("Ni bedaŭras se vi koleris, sed ni riparis ĝin.", &LintOptions::language("eo"));
    }
});
