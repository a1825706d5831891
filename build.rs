//! Embeds the default locale packs (`locales/`) into the binary, so the tool
//! works with no files around it. Every file of every pack directory is
//! listed; adding a language is adding a directory, never Rust code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from(
        "/// Pack files as (`<tag>/<file>`, contents).\npub static FILES: &[(&str, &str)] = &[\n",
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
