//! What a rule image holds as blocks of bytes, read where they lie in the
//! binary instead of decoded: [`StringMap`], a map from strings to
//! numbers, [`Words`], a run of `u32`s, and [`U32s`], a list that is a
//! vector while a pack compiles and words once read.
//!
//! A pack's atom table maps every word its patterns name (thousands) to a
//! number. Decoded into a hash map of owned strings, it was the largest
//! single cost of loading a pack: an allocation per word, and the pages
//! they touch. Frozen into an open-addressing table of little-endian words
//! with the strings end to end, it is read where it lies in the binary.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map from strings to numbers: a hash map while a pack compiles, a block
/// of bytes once read from a rule image.
#[derive(Debug, Clone)]
pub enum StringMap {
    /// Being built (a pack compiled in this process).
    Building(FxHashMap<String, u32>),
    /// Read from a rule image (see [`freeze`]).
    Frozen(Frozen),
}

/// A frozen map: its words (see [`freeze`]), read in place, its table of
/// cells included (each the high half of a key's hash, and above it 1 + the
/// key's index; 0 for an empty cell), read as little-endian `u64`s.
#[derive(Debug, Clone)]
pub struct Frozen {
    words: Words,
    /// The table's cells, where they lie in the words; none when the table
    /// is not a power of two long (no map [`freeze`] writes).
    cells: Cow<'static, [[u8; 8]]>,
    /// The number of keys.
    n: usize,
    /// Where the values and the offsets start (in words), and the keys'
    /// text (in bytes).
    values: usize,
    offsets: usize,
    text: usize,
}

impl Frozen {
    fn new(words: Words) -> Self {
        let size = words.get(0) as usize;
        let n = words.get(1) as usize;
        let values = 2 + size * 2;
        let offsets = values + n;
        let table = 8..8 + size * 8;
        let cells = match &words.0 {
            _ if !size.is_power_of_two() => Cow::Borrowed(&[][..]),
            Cow::Borrowed(bytes) => {
                Cow::Borrowed(bytes.get(table).map_or(&[][..], |t| t.as_chunks::<8>().0))
            }
            Cow::Owned(bytes) => Cow::Owned(
                bytes
                    .get(table)
                    .map_or(Vec::new(), |t| t.as_chunks::<8>().0.to_vec()),
            ),
        };
        Frozen {
            words,
            cells,
            n,
            values,
            offsets,
            text: (offsets + n + 1) * 4,
        }
    }

    /// The `i`-th key's bytes.
    fn key(&self, i: usize) -> Option<&[u8]> {
        let (from, to) = (
            self.words.get(self.offsets + i) as usize,
            self.words.get(self.offsets + i + 1) as usize,
        );
        self.words.0.get(self.text + from..self.text + to)
    }

    /// The `i`-th key's number.
    fn value(&self, i: usize) -> u32 {
        self.words.get(self.values + i)
    }

    #[inline]
    fn get(&self, key: &str) -> Option<u32> {
        self.get_hashed(key, hash(key.as_bytes()))
    }

    /// [`Frozen::get`] for a key whose [`hash`] is `h`.
    #[inline(always)]
    fn get_hashed(&self, key: &str, h: u64) -> Option<u32> {
        let cells: &[[u8; 8]] = &self.cells;
        if cells.is_empty() {
            return None;
        }
        let high = h >> 32;
        let mask = cells.len() - 1;
        let mut cell = h as usize & mask;
        for _ in 0..cells.len() {
            let entry = u64::from_le_bytes(cells[cell]);
            if entry == 0 {
                return None;
            }
            if entry & 0xffff_ffff == high {
                let i = (entry >> 32) as usize - 1;
                if self.key(i) == Some(key.as_bytes()) {
                    return Some(self.value(i));
                }
            }
            cell = (cell + 1) & mask;
        }
        None
    }

    fn thaw(&self) -> FxHashMap<String, u32> {
        (0..self.n)
            .filter_map(|i| {
                let key = std::str::from_utf8(self.key(i)?).ok()?;
                Some((key.to_owned(), self.value(i)))
            })
            .collect()
    }
}

/// A list of `u32`s: a vector while a pack compiles, [`Words`] read in
/// place once read from a rule image (a list that changes is thawed first).
#[derive(Debug, Clone)]
pub enum U32s {
    /// Being built (a pack compiled in this process).
    Building(Vec<u32>),
    /// Read from a rule image.
    Frozen(Words),
}

impl U32s {
    /// Where the numbers lie when they are read in place from a rule image
    /// (see [`StringMap::image_address`]); `None` once changed in this process.
    pub fn image_address(&self) -> Option<usize> {
        match self {
            U32s::Frozen(words) => words.image_address(),
            U32s::Building(_) => None,
        }
    }

    /// The `i`-th number, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u32> {
        match self {
            U32s::Building(list) => list.get(i).copied(),
            U32s::Frozen(words) => (i < words.len()).then(|| words.get(i)),
        }
    }

    /// How many numbers there are.
    pub fn len(&self) -> usize {
        match self {
            U32s::Building(list) => list.len(),
            U32s::Frozen(words) => words.len(),
        }
    }

    /// The list as a vector to change, thawed if it was frozen.
    fn building(&mut self) -> &mut Vec<u32> {
        if let U32s::Frozen(words) = self {
            *self = U32s::Building(words.from(0).collect());
        }
        match self {
            U32s::Building(list) => list,
            U32s::Frozen(_) => unreachable!("thawed just above"),
        }
    }

    /// Appends `value`.
    pub fn push(&mut self, value: u32) {
        self.building().push(value);
    }

    /// Sets the `i`-th number (which must exist) to `value`.
    pub fn set(&mut self, i: usize, value: u32) {
        self.building()[i] = value;
    }
}

impl Default for U32s {
    fn default() -> Self {
        U32s::Building(Vec::new())
    }
}

impl Serialize for U32s {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        match self {
            U32s::Building(list) => Words::of(list).serialize(out),
            U32s::Frozen(words) => words.serialize(out),
        }
    }
}

impl<'de: 'static> Deserialize<'de> for U32s {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        Words::deserialize(input).map(U32s::Frozen)
    }
}

impl Default for StringMap {
    fn default() -> Self {
        StringMap::Building(FxHashMap::default())
    }
}

/// Little-endian `u32`s, borrowed from a rule image (or made in this
/// process): a list that costs nothing to load however long it is.
#[derive(Debug, Clone, Default)]
pub struct Words(Cow<'static, [u8]>);

impl Words {
    /// The words `list`.
    pub fn of(list: &[u32]) -> Self {
        Words(Cow::Owned(le_bytes(list)))
    }

    /// The words `bytes` holds, read in place.
    pub fn in_place(bytes: &'static [u8]) -> Self {
        Words(Cow::Borrowed(bytes))
    }

    /// Every word, in order (a trailing part-word is left out).
    pub fn iter(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        self.0
            .as_chunks::<4>()
            .0
            .iter()
            .map(|&b| u32::from_le_bytes(b))
    }

    /// `lists` laid out as words: their number `n`, `n + 1` offsets, then
    /// the lists end to end ([`Words::list`] reads one back).
    pub fn of_lists(lists: &[Vec<u32>]) -> Self {
        let mut words = vec![lists.len() as u32, 0];
        let mut end = 0;
        for list in lists {
            end += list.len() as u32;
            words.push(end);
        }
        words.extend(lists.iter().flatten());
        Words::of(&words)
    }

    /// The `i`-th list of words made by [`Words::of_lists`] (empty past the
    /// last).
    pub fn list(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        let n = self.get(0) as usize;
        let (from, to) = if i < n {
            (self.get(1 + i) as usize, self.get(2 + i) as usize)
        } else {
            (0, 0)
        };
        (from..to).map(move |j| self.get(2 + n + j))
    }

    /// Where the words lie when they are borrowed for the whole process
    /// (a rule image's): `None` for words made in this process, whose
    /// place a later list may take.
    pub fn image_address(&self) -> Option<usize> {
        match &self.0 {
            Cow::Borrowed(bytes) => Some(bytes.as_ptr() as usize),
            Cow::Owned(_) => None,
        }
    }

    /// The `i`-th word (0 past the end).
    #[inline]
    pub fn get(&self, i: usize) -> u32 {
        word(&self.0, i)
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.0.len() / 4
    }

    /// The words from the `i`-th on.
    pub fn from(&self, i: usize) -> impl Iterator<Item = u32> + '_ {
        (i..self.len()).map(|j| self.get(j))
    }

    /// The bytes, as a rule image holds them.
    #[cfg(test)]
    pub fn bytes(&self) -> &Cow<'static, [u8]> {
        &self.0
    }
}

impl Serialize for Words {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        serde_bytes::serialize(&*self.0, out)
    }
}

impl<'de: 'static> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        let bytes: &'de [u8] = serde_bytes::deserialize(input)?;
        Ok(Words(Cow::Borrowed(bytes)))
    }
}

/// A 64-bit hash of `bytes`, the same on every platform (the build script
/// freezes what the binary reads): eight bytes at a time, multiplied in.
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    // The last bytes, little-endian, without a call to copy them.
    let tail = chunks
        .remainder()
        .iter()
        .rev()
        .fold(0u64, |t, &b| t << 8 | u64::from(b));
    h = (h.rotate_left(5) ^ tail).wrapping_mul(K);
    h ^ (h >> 29)
}

/// `list` as little-endian bytes.
pub(crate) fn le_bytes(list: &[u32]) -> Vec<u8> {
    list.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The `i`-th little-endian `u32` of `bytes` (0 past the end, which a
/// frozen map written by [`freeze`] never reaches).
fn word(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Lays `map` out as bytes, all `u32` little-endian: the table's size
/// (a power of two, at least twice the number of keys), the number of
/// keys `n`, the table (per cell, the high half of the hash of the key
/// there, then 1 + its index, 0 for an empty cell: most lookups are of
/// strings that are not keys, and the hash halves turn them away without
/// comparing strings), the `n` values, the `n + 1` offsets of the keys in
/// the text that follows, then the keys end to end.
pub fn freeze(map: &FxHashMap<String, u32>) -> Vec<u8> {
    let mut keys: Vec<(&String, &u32)> = map.iter().collect();
    // Sorted, so the same map always freezes to the same bytes.
    keys.sort();
    let n = keys.len();
    let size = (n * 2).next_power_of_two().max(2);
    let mut table = vec![0u32; size * 2];
    for (i, (key, _)) in keys.iter().enumerate() {
        let h = hash(key.as_bytes());
        let mut cell = h as usize & (size - 1);
        while table[cell * 2 + 1] != 0 {
            cell = (cell + 1) & (size - 1);
        }
        table[cell * 2] = (h >> 32) as u32;
        table[cell * 2 + 1] = i as u32 + 1;
    }
    let mut words: Vec<u32> = vec![size as u32, n as u32];
    words.extend_from_slice(&table);
    words.extend(keys.iter().map(|&(_, &value)| value));
    let mut offset = 0u32;
    words.push(0);
    for (key, _) in &keys {
        offset += key.len() as u32;
        words.push(offset);
    }
    let mut out = le_bytes(&words);
    for (key, _) in &keys {
        out.extend_from_slice(key.as_bytes());
    }
    out
}

impl StringMap {
    /// Where the map lies when it is read in place from a rule image (whose
    /// bytes live as long as the process): an identity no other map has.
    pub fn image_address(&self) -> Option<usize> {
        match self {
            StringMap::Frozen(frozen) => frozen.words.image_address(),
            StringMap::Building(_) => None,
        }
    }

    /// The number `key` maps to.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        match self {
            StringMap::Building(map) => map.get(key).copied(),
            StringMap::Frozen(frozen) => frozen.get(key),
        }
    }

    /// The number `key`, whose [`hash`] is `h`, maps to: for a caller that
    /// needs the hash too.
    #[inline]
    pub fn get_hashed(&self, key: &str, h: u64) -> Option<u32> {
        match self {
            StringMap::Building(map) => map.get(key).copied(),
            StringMap::Frozen(frozen) => frozen.get_hashed(key, h),
        }
    }

    /// Maps `key` to `value` (a frozen map is thawed first).
    pub fn insert(&mut self, key: &str, value: u32) {
        if let StringMap::Frozen(frozen) = self {
            *self = StringMap::Building(frozen.thaw());
        }
        if let StringMap::Building(map) = self {
            map.insert(key.to_owned(), value);
        }
    }

    /// Every key and its number, in no particular order.
    #[cfg(test)]
    pub fn entries(&self) -> Vec<(String, u32)> {
        match self {
            StringMap::Building(map) => map.iter().map(|(k, &v)| (k.clone(), v)).collect(),
            StringMap::Frozen(frozen) => frozen.thaw().into_iter().collect(),
        }
    }
}

impl Serialize for StringMap {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        match self {
            StringMap::Building(map) => Words(Cow::Owned(freeze(map))).serialize(out),
            StringMap::Frozen(frozen) => frozen.words.serialize(out),
        }
    }
}

impl<'de: 'static> Deserialize<'de> for StringMap {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        Words::deserialize(input).map(|words| StringMap::Frozen(Frozen::new(words)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frozen(pairs: &[(&str, u32)]) -> StringMap {
        let mut map = StringMap::default();
        for &(k, v) in pairs {
            map.insert(k, v);
        }
        let image = postcard::to_allocvec(&map).unwrap().leak();
        postcard::from_bytes(image).unwrap()
    }

    #[test]
    fn a_frozen_map_answers_as_the_map_it_was() {
        let words: Vec<String> = (0..500).map(|i| format!("w{i}ö")).collect();
        let pairs: Vec<(&str, u32)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i as u32 * 3))
            .collect();
        let map = frozen(&pairs);
        assert!(matches!(&map, StringMap::Frozen(f) if matches!(f.words.0, Cow::Borrowed(_))));
        for &(k, v) in &pairs {
            assert_eq!(map.get(k), Some(v), "{k}");
        }
        for absent in ["", "w500ö", "w1", "ö", "w10öx"] {
            assert_eq!(map.get(absent), None, "{absent}");
        }
        let mut entries = map.entries();
        entries.sort();
        assert_eq!(entries.len(), 500);
    }

    #[test]
    fn an_empty_map_and_a_thawed_one_work() {
        let mut map = frozen(&[]);
        assert_eq!(map.get("scusa"), None);
        map.insert("scusa", 7);
        assert_eq!(map.get("scusa"), Some(7));
        let mut again = frozen(&[("извинете", 1)]);
        again.insert("прости", 2);
        assert_eq!(
            (again.get("извинете"), again.get("прости")),
            (Some(1), Some(2))
        );
    }

    #[test]
    fn words_read_back_in_place() {
        let list = [0, 1, u32::MAX, 70_000];
        let image = postcard::to_allocvec(&Words::of(&list)).unwrap().leak();
        let words: Words = postcard::from_bytes(image).unwrap();
        assert!(matches!(words.bytes(), Cow::Borrowed(_)));
        assert_eq!(
            (words.get(2), words.get(3), words.get(4)),
            (u32::MAX, 70_000, 0)
        );
        assert_eq!(words.from(1).collect::<Vec<_>>(), [1, u32::MAX, 70_000]);
        assert_eq!(words.from(9).count(), 0);
        let lists = Words::of_lists(&[vec![4, 5], vec![], vec![6]]);
        let read = |i| lists.list(i).collect::<Vec<_>>();
        assert_eq!(
            (read(0), read(1), read(2), read(3)),
            (vec![4, 5], vec![], vec![6], vec![])
        );
    }

    #[test]
    fn a_list_reads_back_in_place_and_thaws_to_change() {
        let mut list = U32s::default();
        for v in [3, 0, u32::MAX] {
            list.push(v);
        }
        let image = postcard::to_allocvec(&list).unwrap().leak();
        let mut read: U32s = postcard::from_bytes(image).unwrap();
        assert!(matches!(&read, U32s::Frozen(w) if matches!(w.bytes(), Cow::Borrowed(_))));
        assert_eq!(
            (read.len(), read.get(0), read.get(2), read.get(3)),
            (3, Some(3), Some(u32::MAX), None)
        );
        read.set(1, 9);
        read.push(4);
        assert!(matches!(read, U32s::Building(_)));
        assert_eq!(
            (0..5).map(|i| read.get(i)).collect::<Vec<_>>(),
            [Some(3), Some(9), Some(u32::MAX), Some(4), None]
        );
    }

    #[test]
    fn the_hash_does_not_depend_on_the_platform() {
        // Explicit 64-bit arithmetic (the build script and the binary must
        // agree, whatever their word size): the same bytes, the same hash.
        assert_eq!(hash(b"scusa"), hash("scusa".as_bytes()));
        assert_ne!(hash(b"sorry"), hash(b"sorrz"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgh\0"));
    }
}
