//! What the fuzz targets share: one engine with the embedded packs.

use std::sync::OnceLock;

use meaculpa::Engine;

/// The engine with the embedded packs, loaded once per process.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new().expect("embedded packs load"))
}
