//! [`Lazy`]: a value a rule image keeps encoded until it is first used.
//!
//! Loading a pack from its image decodes what every lint needs (the atom
//! table, the program index, the rules' structure) and leaves encoded what a
//! given text may never reach: each program's code (most programs of a pack
//! are never woken by a given text), the pack lines behind each pattern and
//! the rules' examples.

use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value that a rule image holds encoded (postcard) until [`Lazy::get`]
/// first asks for it; a value made in this process is there from the start.
///
/// The encoded bytes are borrowed from the image, which is part of the
/// binary: a value never asked for is never copied, nor even read from
/// disk. So a `Lazy` is only read from a `'static` image.
#[derive(Debug, Clone)]
pub struct Lazy<T> {
    value: OnceLock<T>,
    /// The encoded value; empty for a value made in this process.
    image: &'static [u8],
}

impl<T> Lazy<T> {
    /// A value that is already there.
    pub fn new(value: T) -> Self {
        Lazy {
            value: OnceLock::from(value),
            image: &[],
        }
    }
}

impl<T: DeserializeOwned> Lazy<T> {
    /// The value, decoded on first use.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            // The image was written by this build's own build script from
            // these very types: it cannot fail to decode short of a bug.
            postcard::from_bytes(self.image)
                .unwrap_or_else(|e| panic!("a rule image of this build does not decode: {e}"))
        })
    }
}

impl<T: Serialize + DeserializeOwned> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        let bytes = postcard::to_allocvec(self.get()).map_err(serde::ser::Error::custom)?;
        serde_bytes::serialize(&bytes, out)
    }
}

impl<'de: 'static, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        Ok(Lazy {
            value: OnceLock::new(),
            image: serde_bytes::deserialize(input)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_back_from_its_encoding_when_first_asked_for() {
        let made = Lazy::new(vec![(String::from("scusa"), 3u32)]);
        let image = postcard::to_allocvec(&made).unwrap().leak();
        let read: Lazy<Vec<(String, u32)>> = postcard::from_bytes(image).unwrap();
        assert!(
            read.value.get().is_none(),
            "decoded before it was asked for"
        );
        assert_eq!(read.get(), made.get());
    }
}
