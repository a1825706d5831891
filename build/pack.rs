//! The parts of the crate's `pack` module the rule compiler uses: the raw
//! pack shapes, errors, ids and TOML parsing (not pack loading).

#[path = "../src/pack/raw.rs"]
pub mod raw;
#[path = "../src/pack/shared.rs"]
mod shared;

pub use shared::{Ids, PackError, parse_toml};
