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
//!
//! After the heap comes a pool of number lists ([`PooledList`]), each
//! distinct list once: a class's atoms go into every program that names
//! it (in its sets, its guards and its pivots), and a program woken for the
//! first time copies them from the pool instead of decoding its own copy
//! number by number.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::frozen::{Words, le_bytes};

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
    /// The pool of the image the value was read from, which its lists
    /// name.
    pool: &'static [u8],
}

impl<T> Lazy<T> {
    /// A value that is already there.
    pub fn new(value: T) -> Self {
        Lazy {
            value: OnceLock::from(Box::new(value)),
            image: &[],
            pool: &[],
        }
    }
}

impl<T> Lazy<T> {
    /// Whether the value has been decoded (or was made in this process).
    #[cfg(test)]
    pub fn is_decoded(&self) -> bool {
        self.value.get().is_some()
    }
}

impl<T: Deserialize<'static>> Lazy<T> {
    /// The value, decoded on first use.
    pub fn get(&self) -> &T {
        self.value.get_or_init(|| {
            let _pool = PoolGuard::reading(self.pool);
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
    /// While [`write_image`] runs: the pool lists go to.
    static POOL_WRITING: RefCell<Option<PoolWriter>> = const { RefCell::new(None) };
    /// While an image or a value of it is read: the pool its lists name.
    static POOL_READING: Cell<Option<&'static [u8]>> = const { Cell::new(None) };
}

/// The pool of an image being written: the lists end to end as
/// little-endian `u32`s, and where each distinct list starts (in `u32`s).
#[derive(Default)]
struct PoolWriter {
    words: Vec<u8>,
    starts: HashMap<Vec<u32>, u32>,
}

/// Restores the heap slots when an image read or write ends, even by a panic.
struct HeapGuard;

impl Drop for HeapGuard {
    fn drop(&mut self) {
        WRITING.with(|w| w.borrow_mut().take());
        READING.with(|r| r.set(None));
        POOL_WRITING.with(|w| w.borrow_mut().take());
        POOL_READING.with(|r| r.set(None));
    }
}

/// Sets the pool lists are read from while a value decodes, and puts back
/// the one before when it is dropped.
struct PoolGuard(Option<&'static [u8]>);

impl PoolGuard {
    fn reading(pool: &'static [u8]) -> Self {
        PoolGuard(POOL_READING.with(|r| r.replace(Some(pool))))
    }
}

impl Drop for PoolGuard {
    fn drop(&mut self) {
        POOL_READING.with(|r| r.set(self.0));
    }
}

/// Encodes `value` as an image: a little-endian `u32` length, the structure
/// (postcard), another length, the heap of its [`Lazy`] values' encodings,
/// then the pool of its [`PooledList`]s.
pub fn write_image<T: Serialize>(value: &T) -> Result<Vec<u8>, postcard::Error> {
    let _guard = HeapGuard;
    WRITING.with(|w| *w.borrow_mut() = Some(Vec::new()));
    POOL_WRITING.with(|w| *w.borrow_mut() = Some(PoolWriter::default()));
    let structure = postcard::to_allocvec(value)?;
    let heap = WRITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
    let pool = POOL_WRITING
        .with(|w| w.borrow_mut().take())
        .unwrap_or_default()
        .words;
    let length =
        |part: &[u8]| u32::try_from(part.len()).map_err(|_| postcard::Error::SerializeBufferFull);
    let mut image = Vec::with_capacity(8 + structure.len() + heap.len() + pool.len());
    image.extend(length(&structure)?.to_le_bytes());
    image.extend(structure);
    image.extend(length(&heap)?.to_le_bytes());
    image.extend(heap);
    image.extend(pool);
    Ok(image)
}

/// Splits a length-prefixed part off the front of `bytes`.
fn split_part(bytes: &'static [u8]) -> Result<(&'static [u8], &'static [u8]), postcard::Error> {
    let (length, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or(postcard::Error::DeserializeUnexpectedEnd)?;
    let length = u32::from_le_bytes(*length) as usize;
    if length > rest.len() {
        return Err(postcard::Error::DeserializeUnexpectedEnd);
    }
    Ok(rest.split_at(length))
}

/// Decodes an image made by [`write_image`]; its [`Lazy`] values borrow
/// their encodings from its heap, and its lists from its pool.
pub fn read_image<T: Deserialize<'static>>(image: &'static [u8]) -> Result<T, postcard::Error> {
    let (structure, rest) = split_part(image)?;
    let (heap, pool) = split_part(rest)?;
    let _guard = HeapGuard;
    READING.with(|r| r.set(Some(heap)));
    POOL_READING.with(|r| r.set(Some(pool)));
    postcard::from_bytes(structure)
}

impl<T: Serialize + Deserialize<'static>> Serialize for Lazy<T> {
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
            pool: POOL_READING.with(Cell::get).unwrap_or_default(),
        })
    }
}

/// A list of numbers that an image keeps once in its pool however many
/// values hold it; outside an image it is encoded inline.
#[derive(Debug, Clone)]
pub enum PooledList {
    /// Read in place from an image's pool.
    Pooled(Words),
    /// Made in this process, or read from an inline encoding.
    Owned(Vec<u32>),
}

/// How a [`PooledList`] is encoded.
#[derive(Serialize, Deserialize)]
enum StoredList {
    /// [`varint`](super::varint) bytes.
    Inline(#[serde(with = "serde_bytes")] Vec<u8>),
    /// Where the list starts in the pool and its length, in `u32`s.
    Pooled(u32, u32),
}

impl PooledList {
    /// How many numbers the list has.
    pub fn len(&self) -> usize {
        match self {
            PooledList::Pooled(words) => words.len(),
            PooledList::Owned(list) => list.len(),
        }
    }

    /// Appends the numbers to `out`.
    pub fn extend_into(&self, out: &mut Vec<u32>) {
        match self {
            PooledList::Pooled(words) => out.extend(words.iter()),
            PooledList::Owned(list) => out.extend_from_slice(list),
        }
    }

    /// The numbers as a shared slice, copied once.
    pub fn to_shared(&self) -> std::sync::Arc<[u32]> {
        match self {
            PooledList::Pooled(words) => words.iter().collect(),
            PooledList::Owned(list) => list.as_slice().into(),
        }
    }

    /// The numbers.
    pub fn to_vec(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len());
        self.extend_into(&mut out);
        out
    }
}

/// Encodes `list` as a [`PooledList`] would be.
pub fn serialize_pooled<S: Serializer>(list: &[u32], out: S) -> Result<S::Ok, S::Error> {
    let place = POOL_WRITING.with(|w| {
        let mut writer = w.borrow_mut();
        let writer = writer.as_mut()?;
        if let Some(&start) = writer.starts.get(list) {
            return Some(Ok(start));
        }
        let start = u32::try_from(writer.words.len() / 4);
        if let Ok(start) = start {
            writer.words.extend(le_bytes(list));
            writer.starts.insert(list.to_vec(), start);
        }
        Some(start)
    });
    match place {
        None => StoredList::Inline(super::varint::encode_list(list)).serialize(out),
        Some(Ok(start)) => StoredList::Pooled(start, list.len() as u32).serialize(out),
        Some(Err(_)) => Err(serde::ser::Error::custom("a rule image pool past 16 GiB")),
    }
}

impl Serialize for PooledList {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        match self {
            PooledList::Owned(list) => serialize_pooled(list, out),
            PooledList::Pooled(_) => serialize_pooled(&self.to_vec(), out),
        }
    }
}

impl<'de> Deserialize<'de> for PooledList {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        match StoredList::deserialize(input)? {
            StoredList::Inline(bytes) => super::varint::decode_list(&bytes)
                .map(PooledList::Owned)
                .ok_or_else(|| serde::de::Error::custom("a malformed number list")),
            StoredList::Pooled(start, length) => {
                let pool = POOL_READING
                    .with(Cell::get)
                    .ok_or_else(|| serde::de::Error::custom("a pooled list outside an image"))?;
                let (start, length) = (start as usize * 4, length as usize * 4);
                pool.get(start..start.saturating_add(length))
                    .map(|bytes| PooledList::Pooled(Words::in_place(bytes)))
                    .ok_or_else(|| serde::de::Error::custom("a list past the end of the pool"))
            }
        }
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

    #[derive(Debug, Serialize, Deserialize)]
    #[serde(bound(deserialize = "'de: 'static"))]
    struct Lists {
        values: Vec<Lazy<Vec<PooledList>>>,
    }

    #[test]
    fn a_list_held_by_many_values_is_in_the_pool_once() {
        let class: Vec<u32> = (1000..1400).collect();
        let lists = Lists {
            values: (0..5)
                .map(|i| {
                    Lazy::new(vec![
                        PooledList::Owned(class.clone()),
                        PooledList::Owned(vec![i, 7, 3]),
                    ])
                })
                .collect(),
        };
        let image = write_image(&lists).unwrap().leak();
        // The class's 400 numbers once, four bytes each, and each small list.
        let (_, rest) = split_part(image).unwrap();
        let (_, pool) = split_part(rest).unwrap();
        assert_eq!(pool.len(), 4 * (400 + 5 * 3));
        let read: Lists = read_image(image).unwrap();
        for (i, value) in read.values.iter().enumerate() {
            let value = value.get();
            assert!(matches!(value[0], PooledList::Pooled(_)));
            assert_eq!(value[0].to_vec(), class);
            assert_eq!(value[1].to_vec(), vec![i as u32, 7, 3]);
            assert_eq!(value[1].len(), 3);
        }
        // Outside an image a list is encoded inline and reads back owned.
        let inline = postcard::to_allocvec(&PooledList::Owned(class.clone())).unwrap();
        let back: PooledList = postcard::from_bytes(&inline).unwrap();
        assert!(matches!(back, PooledList::Owned(_)));
        assert_eq!(back.to_vec(), class);
    }

    #[test]
    fn a_pooled_list_read_without_its_pool_or_past_it_is_an_error() {
        let place = postcard::to_allocvec(&StoredList::Pooled(0, 3)).unwrap();
        assert!(postcard::from_bytes::<PooledList>(&place).is_err());
        let pool: &'static [u8] = &[1, 0, 0, 0, 2, 0, 0, 0];
        let _reading = PoolGuard::reading(pool);
        assert!(postcard::from_bytes::<PooledList>(&place).is_err());
        let within = postcard::to_allocvec(&StoredList::Pooled(1, 1)).unwrap();
        let list: PooledList = postcard::from_bytes(&within).unwrap();
        assert_eq!(list.to_vec(), vec![2]);
        // A malformed inline list.
        let inline = postcard::to_allocvec(&StoredList::Inline(vec![0x80])).unwrap();
        assert!(postcard::from_bytes::<PooledList>(&inline).is_err());
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
