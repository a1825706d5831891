//! [`Lazy`]: a value a rule image keeps encoded until it is first used, and
//! the image layout that keeps those values out of the way.
//!
//! Loading a pack from its image decodes what every lint needs (the atom
//! table, the program index, the rules' structure) and leaves encoded what a
//! given text may never reach: each program's code (most programs of a pack
//! are never woken by a given text), the pack lines behind each pattern and
//! the rules' examples.
//!
//! An image ([`write_image`]) is the structure followed by a heap of those
//! encoded values, which the structure names by offset and length: reading
//! the structure touches only its own pages of the binary (about a fifth of
//! an image), not every page the encoded values lie on.

use std::cell::{Cell, RefCell};
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
    /// Boxed: a structure holds many values never decoded, and an empty
    /// cell the size of a pointer rather than of the value keeps it small.
    value: OnceLock<Box<T>>,
    /// The encoded value; empty for a value made in this process.
    image: &'static [u8],
}

impl<T> Lazy<T> {
    /// A value that is already there.
    pub fn new(value: T) -> Self {
        Lazy {
            value: OnceLock::from(Box::new(value)),
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
            Box::new(
                postcard::from_bytes(self.image)
                    .unwrap_or_else(|e| panic!("a rule image of this build does not decode: {e}")),
            )
        })
    }
}

thread_local! {
    /// While [`write_image`] runs: the heap the encoded values go to.
    static WRITING: RefCell<Option<Vec<u8>>> = const { RefCell::new(None) };
    /// While [`read_image`] runs: the heap the encoded values are read from.
    static READING: Cell<Option<&'static [u8]>> = const { Cell::new(None) };
}

/// Restores the heap slots when an image read or write ends, even by a panic.
struct HeapGuard;

impl Drop for HeapGuard {
    fn drop(&mut self) {
        WRITING.with(|w| w.borrow_mut().take());
        READING.with(|r| r.set(None));
    }
}

/// Encodes `value` as an image: a little-endian `u32` length, the structure
/// (postcard), then the heap of its [`Lazy`] values' encodings.
pub fn write_image<T: Serialize>(value: &T) -> Result<Vec<u8>, postcard::Error> {
    let _guard = HeapGuard;
    WRITING.with(|w| *w.borrow_mut() = Some(Vec::new()));
    let structure = postcard::to_allocvec(value)?;
    let heap = WRITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
    let length =
        u32::try_from(structure.len()).map_err(|_| postcard::Error::SerializeBufferFull)?;
    let mut image = Vec::with_capacity(4 + structure.len() + heap.len());
    image.extend(length.to_le_bytes());
    image.extend(structure);
    image.extend(heap);
    Ok(image)
}

/// Decodes an image made by [`write_image`]; its [`Lazy`] values borrow
/// their encodings from its heap.
pub fn read_image<T: Deserialize<'static>>(image: &'static [u8]) -> Result<T, postcard::Error> {
    let (length, rest) = image
        .split_first_chunk::<4>()
        .ok_or(postcard::Error::DeserializeUnexpectedEnd)?;
    let length = u32::from_le_bytes(*length) as usize;
    if length > rest.len() {
        return Err(postcard::Error::DeserializeUnexpectedEnd);
    }
    let (structure, heap) = rest.split_at(length);
    let _guard = HeapGuard;
    READING.with(|r| r.set(Some(heap)));
    postcard::from_bytes(structure)
}

impl<T: Serialize + DeserializeOwned> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        // A value's own encoding keeps any value inside it inline. (An
        // error ends the whole image: the heap taken out is not put back.)
        let heap = WRITING.with(|w| w.borrow_mut().take());
        let bytes = postcard::to_allocvec(self.get()).map_err(serde::ser::Error::custom)?;
        let Some(mut heap) = heap else {
            return serde_bytes::serialize(&bytes, out);
        };
        let place = (u32::try_from(heap.len()), u32::try_from(bytes.len()));
        heap.extend(bytes);
        WRITING.with(|w| *w.borrow_mut() = Some(heap));
        match place {
            (Ok(at), Ok(length)) => (at, length).serialize(out),
            _ => Err(serde::ser::Error::custom("a rule image heap past 4 GiB")),
        }
    }
}

impl<'de: 'static, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        let image = match READING.with(Cell::get) {
            Some(heap) => {
                let (at, length) = <(u32, u32)>::deserialize(input)?;
                let (at, length) = (at as usize, length as usize);
                heap.get(at..at.saturating_add(length)).ok_or_else(|| {
                    serde::de::Error::custom("a value past the end of the rule image's heap")
                })?
            }
            None => serde_bytes::deserialize(input)?,
        };
        Ok(Lazy {
            value: OnceLock::new(),
            image,
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

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(bound(deserialize = "'de: 'static"))]
    struct Holder {
        name: String,
        values: Vec<Lazy<Vec<String>>>,
    }

    fn holder() -> Holder {
        Holder {
            name: "scuse".into(),
            values: (0..3)
                .map(|i| Lazy::new(vec![format!("ci scusiamo {i}"); 40]))
                .collect(),
        }
    }

    #[test]
    fn an_image_keeps_its_encoded_values_after_the_structure() {
        let image = write_image(&holder()).unwrap().leak();
        let length = u32::from_le_bytes(image[..4].try_into().unwrap()) as usize;
        let structure = &image[4..4 + length];
        assert!(
            structure.len() < 32,
            "the structure holds only places: {structure:?}"
        );
        let read: Holder = read_image(image).unwrap();
        assert_eq!(read.name, "scuse");
        for (i, value) in read.values.iter().enumerate() {
            assert!(
                value.value.get().is_none(),
                "decoded before it was asked for"
            );
            assert_eq!(value.get(), &vec![format!("ci scusiamo {i}"); 40]);
        }
        // Outside an image, a value is encoded inline again.
        let inline = postcard::to_allocvec(&holder()).unwrap();
        assert!(inline.len() > image.len() - 4 - length);
    }

    #[test]
    fn a_cut_or_forged_image_is_an_error() {
        let image = write_image(&holder()).unwrap().leak();
        assert!(read_image::<Holder>(&image[..3]).is_err());
        // The structure's length claims more than there is.
        let mut long = image.to_vec();
        long[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_image::<Holder>(long.leak()).is_err());
        // The heap is cut short: a value's place lies past its end.
        assert!(read_image::<Holder>(&image[..image.len() - 10]).is_err());
    }
}
