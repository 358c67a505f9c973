//! Reading bytes eight at a time: the tests that look for a kind of byte anywhere in a
//! text (outside printable ASCII, needing a JSON escape) run over 64-bit words instead of
//! bytes, most texts being a few words long.

/// `0x01` in every byte.
pub(crate) const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x80` in every byte.
pub(crate) const TOPS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The OR of `test` over every word of `bytes`, little-endian. The last bytes are one
/// more word: the word ending at the end (some bytes read twice, which an "any" test
/// does not mind), or, for a text shorter than a word, the bytes padded with `pad`, a
/// byte the test does not flag.
pub(crate) fn any_word(bytes: &[u8], pad: u8, test: impl Fn(u64) -> u64) -> u64 {
    let (words, rest) = bytes.as_chunks::<8>();
    let mut found = 0;
    for word in words {
        found |= test(u64::from_le_bytes(*word));
    }
    let last = match bytes.last_chunk::<8>() {
        Some(word) => u64::from_le_bytes(*word),
        None => short_word(rest, pad),
    };
    found | test(last)
}

/// The bytes of a text shorter than a word as one word: four to seven bytes as two
/// overlapping halves (some read twice), fewer as the first, middle and last byte with
/// `pad` above them. Built from fixed-size reads: copied into a padded buffer and read
/// back, the word's load waits for the copy's smaller stores, which cost more than the
/// test.
fn short_word(bytes: &[u8], pad: u8) -> u64 {
    let len = bytes.len();
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32;
    }
    match bytes {
        [] => u64::from(pad) * ONES,
        // One to three bytes: the first, the middle and the last, then the padding.
        [first, ..] => {
            let three = u64::from(*first)
                | u64::from(bytes[len / 2]) << 8
                | u64::from(bytes[len - 1]) << 16;
            three | (u64::from(pad) * ONES) << 24
        }
    }
}

/// Checks that `test` of a text agrees with `flags` of each byte, for every byte at every
/// position of texts of up to 19 bytes, the others `a`: in a whole word, in the last
/// word read twice, and in a word padded.
#[cfg(test)]
pub(crate) fn agrees_at_every_position(test: impl Fn(&[u8]) -> bool, flags: impl Fn(u8) -> bool) {
    for len in 0..20 {
        for at in 0..len {
            for byte in 0..=255u8 {
                let mut bytes = vec![b'a'; len];
                bytes[at] = byte;
                assert_eq!(test(&bytes), flags(byte), "{byte:#x} at {at} of {len}");
            }
        }
    }
}
