//! How signature bytes are written as text: standard base64 (RSA), hex (digests), and the
//! base64 of a digest's hex text (`base64(hex(hmac))`, which some providers write).

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// The text encoding of a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Standard base64 with padding (TeemoPay: 172 characters for a 1024-bit key).
    Base64,
    /// Lowercase hexadecimal (the gateway's MD5 and HMAC).
    HexLower,
    /// Uppercase hexadecimal.
    HexUpper,
    /// URL-safe base64 (`-` and `_`) without padding (RFC 4648 section 5).
    Base64Url,
    /// Standard base64 with padding of the lowercase hexadecimal text of the bytes:
    /// `base64(hex(hmac_sha256(...)))`, 88 characters for a SHA-256 MAC. Only for digests
    /// and MACs, whose hex text is what the provider encodes; an RSA signature is not
    /// written this way ([`Scheme::check`](super::Scheme::check) refuses it).
    Base64Hex,
}

/// Why a received signature could not be decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the signature is not valid {encoding} text")]
pub struct DecodeError {
    /// The encoding that was expected.
    pub encoding: Encoding,
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Base64 => "base64",
            Self::HexLower => "lowercase hex",
            Self::HexUpper => "uppercase hex",
            Self::Base64Url => "base64url",
            Self::Base64Hex => "base64 of lowercase hex",
        })
    }
}

/// Encodes with padding; decodes with or without it.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Encodes without padding; decodes with or without it.
const BASE64_URL: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The two digits of every byte, so a byte is written with one lookup.
type HexPairs = [[u8; 2]; 256];

const fn hex_pairs(digits: &[u8; 16]) -> HexPairs {
    let mut pairs = [[0; 2]; 256];
    let mut b = 0;
    while b < 256 {
        pairs[b] = [digits[b >> 4], digits[b & 0x0f]];
        b += 1;
    }
    pairs
}

static HEX_LOWER: HexPairs = hex_pairs(b"0123456789abcdef");
static HEX_UPPER: HexPairs = hex_pairs(b"0123456789ABCDEF");

impl Encoding {
    /// Writes bytes as text.
    pub fn encode(self, bytes: &[u8]) -> String {
        match self {
            Self::Base64 => BASE64.encode(bytes),
            Self::HexLower => with_hex(bytes, &HEX_LOWER, str::to_owned),
            Self::HexUpper => with_hex(bytes, &HEX_UPPER, str::to_owned),
            Self::Base64Url => BASE64_URL.encode(bytes),
            Self::Base64Hex => with_hex(bytes, &HEX_LOWER, |hex| BASE64.encode(hex)),
        }
    }

    /// Whether this encoding writes a digest's or MAC's hex text rather than the bytes
    /// themselves (so it does not apply to an RSA signature).
    pub const fn is_digest_text(self) -> bool {
        matches!(self, Self::Base64Hex)
    }

    /// Reads text back into bytes. Hex is read in either case (the bytes are what is
    /// compared); base64 with or without padding; `base64-hex` as base64 whose content
    /// is hex text, read the same way. Surrounding whitespace is not accepted.
    pub fn decode(self, text: &str) -> Result<Vec<u8>, DecodeError> {
        let error = DecodeError { encoding: self };
        match self {
            Self::Base64 => BASE64.decode(text).map_err(|_| error),
            Self::Base64Url => BASE64_URL.decode(text).map_err(|_| error),
            Self::HexLower | Self::HexUpper => unhex(text).ok_or(error),
            Self::Base64Hex => {
                let hex_text = BASE64.decode(text).map_err(|_| error)?;
                std::str::from_utf8(&hex_text)
                    .ok()
                    .and_then(unhex)
                    .ok_or(error)
            }
        }
    }
}

/// Calls `f` with the hex text of `bytes`, written on the stack (a SHA-512 digest, the
/// longest, is 128 digits), so that the text is copied once, into what `f` makes.
fn with_hex<R>(bytes: &[u8], digits: &HexPairs, f: impl FnOnce(&str) -> R) -> R {
    let mut stack = [0; 128];
    let mut heap = Vec::new();
    let text = match stack.get_mut(..2 * bytes.len()) {
        Some(text) => text,
        None => {
            heap.resize(2 * bytes.len(), 0);
            &mut heap[..]
        }
    };
    for (pair, &b) in text.as_chunks_mut::<2>().0.iter_mut().zip(bytes) {
        *pair = digits[usize::from(b)];
    }
    // Hex digits are ASCII, so this never falls back.
    f(std::str::from_utf8(text).unwrap_or_default())
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_in_both_cases() {
        let bytes = [0x00, 0x0f, 0xa5, 0xff];
        assert_eq!(Encoding::HexLower.encode(&bytes), "000fa5ff");
        assert_eq!(Encoding::HexUpper.encode(&bytes), "000FA5FF");
        assert_eq!(
            Encoding::HexLower.decode("000FA5ff").ok(),
            Some(bytes.to_vec())
        );
        assert!(Encoding::HexLower.decode("abc").is_err());
        assert!(Encoding::HexLower.decode("zz").is_err());
    }

    #[test]
    fn hex_of_any_length_matches_formatting() {
        // 64 bytes fill the stack buffer exactly; 65 and an RSA-2048 signature's 256 do not.
        for len in [0, 1, 63, 64, 65, 128, 256] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let lower: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let upper: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
            assert_eq!(Encoding::HexLower.encode(&bytes), lower, "{len} bytes");
            assert_eq!(Encoding::HexUpper.encode(&bytes), upper, "{len} bytes");
        }
    }

    #[test]
    fn base64_pads_and_reads_without_padding() {
        assert_eq!(Encoding::Base64.encode(b"ab"), "YWI=");
        assert_eq!(Encoding::Base64.decode("YWI").ok(), Some(b"ab".to_vec()));
        assert!(Encoding::Base64.decode("Y W I=").is_err());
    }

    #[test]
    fn base64_hex_is_the_base64_of_the_lowercase_hex_text() {
        // "00ff" in base64 is "MDBmZg==" (RFC 4648's alphabet, by hand: "00f" -> "MDBm").
        assert_eq!(Encoding::Base64Hex.encode(&[0x00, 0xff]), "MDBmZg==");
        assert_eq!(
            Encoding::Base64Hex.decode("MDBmZg==").ok(),
            Some(vec![0x00, 0xff])
        );
        // Base64 of text that is not hex ("zz"), of an odd number of hex digits ("00f"),
        // and text that is not base64.
        for bad in ["eno=", "MDBm", "MDBmZg=!"] {
            assert!(Encoding::Base64Hex.decode(bad).is_err(), "{bad}");
        }
    }
}
