//! A tolerant reader of key text: PEM armor (`-----BEGIN …-----`) or bare base64, as
//! providers' dashboards show it (TeemoPay shows the bare base64 of a PKCS#8 key).
//!
//! Nothing here ever copies key material into an error: errors name only the structure
//! that was expected or found (by a fixed set of labels).

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use zeroize::Zeroizing;

use super::keys::KeyError;

/// Standard alphabet; padding may be present or absent (dashboards sometimes drop it).
const BASE64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The PEM labels this runtime knows. Any other label is reported as `Other`, never echoed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// `PRIVATE KEY`: PKCS#8 `PrivateKeyInfo`.
    Pkcs8Private,
    /// `RSA PRIVATE KEY`: PKCS#1 `RSAPrivateKey`.
    Pkcs1Private,
    /// `ENCRYPTED PRIVATE KEY`: PKCS#8 encrypted; not supported.
    EncryptedPrivate,
    /// `PUBLIC KEY`: X.509 `SubjectPublicKeyInfo`.
    SpkiPublic,
    /// `RSA PUBLIC KEY`: PKCS#1 `RSAPublicKey`.
    Pkcs1Public,
    /// A label this runtime does not read (certificates, EC keys…).
    Other,
}

impl Label {
    fn from_text(label: &str) -> Self {
        match label.trim() {
            "PRIVATE KEY" => Self::Pkcs8Private,
            "RSA PRIVATE KEY" => Self::Pkcs1Private,
            "ENCRYPTED PRIVATE KEY" => Self::EncryptedPrivate,
            "PUBLIC KEY" => Self::SpkiPublic,
            "RSA PUBLIC KEY" => Self::Pkcs1Public,
            _ => Self::Other,
        }
    }

    /// The label as written in PEM, or a neutral phrase for unknown ones.
    pub(crate) const fn describe(self) -> &'static str {
        match self {
            Self::Pkcs8Private => "PRIVATE KEY",
            Self::Pkcs1Private => "RSA PRIVATE KEY",
            Self::EncryptedPrivate => "ENCRYPTED PRIVATE KEY",
            Self::SpkiPublic => "PUBLIC KEY",
            Self::Pkcs1Public => "RSA PUBLIC KEY",
            Self::Other => "(a label that is not an RSA key)",
        }
    }

    pub(crate) const fn is_private(self) -> bool {
        matches!(
            self,
            Self::Pkcs8Private | Self::Pkcs1Private | Self::EncryptedPrivate
        )
    }

    pub(crate) const fn is_public(self) -> bool {
        matches!(self, Self::SpkiPublic | Self::Pkcs1Public)
    }
}

/// One armored block: its label and the text between the BEGIN and END lines.
#[derive(Clone, Copy)]
pub(crate) struct Block<'a> {
    pub(crate) label: Label,
    pub(crate) body: &'a str,
}

/// What the key text turned out to be.
pub(crate) enum Armor<'a> {
    /// One or more `-----BEGIN …-----` blocks, in the order they appear.
    Blocks(Vec<Block<'a>>),
    /// No armor at all: the whole text is (presumably) base64.
    Bare(&'a str),
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Splits key text into PEM blocks, or reports it as bare.
///
/// Tolerates CRLF, indentation, text around the blocks (e.g. openssl's "Bag Attributes")
/// and armor and body run together on one line.
pub(crate) fn parse(text: &str) -> Result<Armor<'_>, KeyError> {
    if !text.contains(BEGIN) {
        if text.contains(END) {
            return Err(KeyError::UnterminatedPem);
        }
        return Ok(Armor::Bare(text));
    }
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let label_end = after_begin.find(DASHES).ok_or(KeyError::UnterminatedPem)?;
        let label_text = &after_begin[..label_end];
        let body_and_rest = &after_begin[label_end + DASHES.len()..];
        // The END line must carry the same label.
        let end_at = body_and_rest.find(END).ok_or(KeyError::UnterminatedPem)?;
        let after_end = &body_and_rest[end_at + END.len()..];
        let end_label_len = after_end.find(DASHES).ok_or(KeyError::UnterminatedPem)?;
        if after_end[..end_label_len].trim() != label_text.trim() {
            return Err(KeyError::UnterminatedPem);
        }
        blocks.push(Block {
            label: Label::from_text(label_text),
            body: &body_and_rest[..end_at],
        });
        rest = &after_end[end_label_len + DASHES.len()..];
    }
    Ok(Armor::Blocks(blocks))
}

/// Decodes the base64 body of a block (or bare text) into DER bytes that are wiped on drop.
///
/// Removes ASCII whitespace and the two-character sequences `\n` / `\r` (keys pasted into
/// JSON or environment variables often carry them literally); base64 has no backslash, so
/// this cannot change a valid body. A body with PEM headers (`Proc-Type: 4,ENCRYPTED`) is
/// an encrypted traditional key.
pub(crate) fn decode_body(body: &str) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    if body.contains(':') {
        return Err(if body.contains("ENCRYPTED") {
            KeyError::Encrypted
        } else {
            KeyError::NotBase64
        });
    }
    let mut compact = Zeroizing::new(String::with_capacity(body.len()));
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == '\\' && matches!(chars.peek(), Some('n' | 'r')) {
            chars.next();
            continue;
        }
        compact.push(c);
    }
    if compact.is_empty() {
        return Err(KeyError::Empty);
    }
    let mut der = Zeroizing::new(Vec::with_capacity(compact.len() / 4 * 3 + 3));
    BASE64_LENIENT
        .decode_vec(compact.as_bytes(), &mut der)
        .map_err(|_| KeyError::NotBase64)?;
    Ok(der)
}

/// Whether bare text looks like it was meant to be a base64 DER key rather than a shared
/// secret: long, base64 only, and starting with `MI` (a DER SEQUENCE with a long length,
/// which every RSA key of 1024 bits or more is).
pub(crate) fn looks_like_bare_der(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.len() >= 100
        && trimmed.starts_with("MI")
        && trimmed.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') || b.is_ascii_whitespace()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_in_order_with_text_around() {
        let text = "Bag Attributes\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\r\n\
                    -----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----";
        let Ok(Armor::Blocks(blocks)) = parse(text) else {
            panic!("expected blocks");
        };
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, Label::Pkcs8Private);
        assert_eq!(blocks[1].label, Label::SpkiPublic);
        assert_eq!(blocks[1].body, "AAAA");
    }

    #[test]
    fn unterminated_and_mismatched_blocks_are_errors() {
        assert!(matches!(
            parse("-----BEGIN PRIVATE KEY-----\nAAAA\n"),
            Err(KeyError::UnterminatedPem)
        ));
        assert!(matches!(
            parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
            Err(KeyError::UnterminatedPem)
        ));
        assert!(matches!(
            parse("AAAA\n-----END PUBLIC KEY-----"),
            Err(KeyError::UnterminatedPem)
        ));
    }

    #[test]
    fn body_decoding_tolerates_whitespace_escapes_and_missing_padding() {
        let der = decode_body(" QUJD\\nREVG\r\n Rw ").map(|d| d.to_vec());
        assert_eq!(der.ok(), Some(b"ABCDEFG".to_vec()));
        assert!(matches!(
            decode_body("Proc-Type: 4,ENCRYPTED\n\nAAAA"),
            Err(KeyError::Encrypted)
        ));
        assert!(matches!(decode_body("!!!!"), Err(KeyError::NotBase64)));
        assert!(matches!(decode_body(" \n "), Err(KeyError::Empty)));
    }
}
