//! Compact encodings of a program's number lists in a rule image, read back
//! by a tight loop instead of serde's protocol.
//!
//! Waking a program decodes its code. Through serde's sequence protocol a
//! number cost dozens of instructions, and a program naming a class carries
//! the class's atoms in its sets and guards: decoding was over half of a
//! cold lint of a one-page reply. Here a list is one byte string: each
//! number is the zigzag difference from the one before (sorted lists, the
//! usual kind, give small steps), written as a LEB128 variable-length
//! integer (seven bits a byte, low bits first, the high bit set on every
//! byte but a number's last). Plain `u32`s would read faster still, but
//! made the binary a third larger.

use std::borrow::Cow;

use serde::{Deserializer, Serializer};

/// Appends `value` as a LEB128 integer.
pub fn put(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads LEB128 integers from a byte string.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    /// The next integer; `None` at the end, or for a truncated integer or
    /// one past `u32::MAX`.
    #[inline(always)]
    pub fn next(&mut self) -> Option<u32> {
        match *self.bytes {
            [first, ref rest @ ..] if first < 0x80 => {
                self.bytes = rest;
                Some(u32::from(first))
            }
            // Atoms and jump targets mostly take two bytes.
            [first, second, ref rest @ ..] if second < 0x80 => {
                self.bytes = rest;
                Some(u32::from(first & 0x7f) | (u32::from(second) << 7))
            }
            _ => self.next_long(),
        }
    }

    /// [`Reader::next`] for an integer of more than two bytes.
    #[inline(never)]
    fn next_long(&mut self) -> Option<u32> {
        let mut value = 0u32;
        for (i, &byte) in self.bytes.iter().enumerate().take(5) {
            let bits = u32::from(byte & 0x7f);
            // The fifth byte holds only the top four bits, and is the last.
            if i == 4 && byte > 0x0f {
                return None;
            }
            value |= bits << (7 * i);
            if byte < 0x80 {
                self.bytes = &self.bytes[i + 1..];
                return Some(value);
            }
        }
        None
    }

    /// The next byte as it is.
    #[inline(always)]
    pub fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }
}

/// `list` as zigzag differences, each a LEB128 integer.
pub fn encode_list(list: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut previous = 0u32;
    for &value in list {
        let step = value.wrapping_sub(previous) as i32;
        put(&mut out, ((step << 1) ^ (step >> 31)) as u32);
        previous = value;
    }
    out
}

/// The list [`encode_list`] made; `None` for bytes it cannot have made.
pub fn decode_list(bytes: &[u8]) -> Option<Vec<u32>> {
    // Each number ends with the one byte of it below 0x80.
    let count: usize = bytes.iter().map(|&b| usize::from(b < 0x80)).sum();
    let mut list = Vec::with_capacity(count);
    let mut previous = 0u32;
    let mut at = 0;
    for _ in 0..count {
        // A one-byte number is read here, without a reader: one reader
        // over the whole list cost 1% more on a cold lint of a reply.
        let zigzag = match bytes.get(at) {
            Some(&byte) if byte < 0x80 => {
                at += 1;
                u32::from(byte)
            }
            _ => {
                let mut reader = Reader::new(bytes.get(at..)?);
                let value = reader.next()?;
                at = bytes.len() - reader.bytes.len();
                value
            }
        };
        let step = ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32);
        previous = previous.wrapping_add(step as u32);
        list.push(previous);
    }
    // Every byte belongs to a number: a last byte above 0x7f ends none.
    (at == bytes.len()).then_some(list)
}

/// `#[serde(with = "varint::list")]` for a `Vec<u32>` field.
pub mod list {
    use super::*;

    /// Writes the list as one byte string.
    pub fn serialize<S: Serializer>(list: &[u32], out: S) -> Result<S::Ok, S::Error> {
        serde_bytes::serialize(&encode_list(list), out)
    }

    /// Reads a list [`serialize`] wrote.
    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<u32>, D::Error> {
        let bytes: Cow<'de, [u8]> = serde_bytes::deserialize(input)?;
        decode_list(&bytes).ok_or_else(|| serde::de::Error::custom("a malformed number list"))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_sorted_list_takes_a_byte_a_step() {
        let list: Vec<u32> = (1000..1100).collect();
        // The first number is a difference of 1000 (two bytes), then steps of 1.
        assert_eq!(encode_list(&list).len(), 2 + 99);
        assert_eq!(decode_list(&encode_list(&list)), Some(list));
    }

    #[test]
    fn extremes_round_trip() {
        let list = vec![u32::MAX, 0, 1 << 31, (1 << 31) | 7, 0, u32::MAX, 5];
        assert_eq!(decode_list(&encode_list(&list)), Some(list));
        assert_eq!(decode_list(&[]), Some(Vec::new()));
    }

    #[test]
    fn malformed_bytes_are_refused() {
        // A number cut short.
        assert_eq!(decode_list(&[0x80]), None);
        assert_eq!(decode_list(&[0x02, 0xff, 0xff]), None);
        // Past u32::MAX: a fifth byte above 0x0f, or a sixth byte.
        assert_eq!(Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x10]).next(), None);
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x8f, 0x01]).next(),
            None
        );
        assert_eq!(
            Reader::new(&[0xff, 0xff, 0xff, 0xff, 0x0f]).next(),
            Some(u32::MAX)
        );
    }

    proptest! {
        #[test]
        fn any_list_round_trips(list in proptest::collection::vec(any::<u32>(), 0..200)) {
            prop_assert_eq!(decode_list(&encode_list(&list)), Some(list));
        }

        #[test]
        fn any_bytes_decode_or_are_refused_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            if let Some(list) = decode_list(&bytes) {
                // What decodes encodes back to the same bytes unless the
                // input used a longer form than needed.
                prop_assert!(encode_list(&list).len() <= bytes.len());
            }
        }
    }
}
