//! Key material in wrappers that never print it: the merchant's RSA private key, the
//! platform's RSA public key, and a shared secret (MD5 / HMAC schemes).
//!
//! Loading is tolerant of how keys are handed out (PEM with or without the BEGIN/END
//! lines, PKCS#8 or PKCS#1, line breaks anywhere) and strict about what they are: an RSA
//! key of 1024 to 4096 bits. No error ever contains any part of the input.

use std::fmt;

use rsa::pkcs1::{DecodeRsaPrivateKey as _, DecodeRsaPublicKey as _};
use rsa::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
use rsa::traits::PublicKeyParts as _;
use rsa::{RsaPrivateKey, RsaPublicKey};
use secrecy::{ExposeSecret as _, SecretString};
use zeroize::Zeroize as _;

#[cfg(feature = "openssl")]
use super::openssl_rsa::{OpenSslPrivate, OpenSslPublic};
use super::pem::{self, Armor, Label};

/// The smallest RSA modulus accepted, in bits (TeemoPay issues 1024-bit keys).
pub const MIN_RSA_BITS: usize = 1024;
/// The largest RSA modulus accepted, in bits.
pub const MAX_RSA_BITS: usize = 4096;

/// What kind of key something is, or a scheme needs (for error messages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// An RSA private key (signs).
    RsaPrivate,
    /// An RSA public key (verifies).
    RsaPublic,
    /// A shared secret text (MD5 and HMAC schemes, both ways).
    SharedSecret,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::RsaPrivate => "an RSA private key",
            Self::RsaPublic => "an RSA public key",
            Self::SharedSecret => "a shared secret",
        })
    }
}

/// The encodings an RSA key can arrive in (named in errors).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyFormat {
    /// PKCS#8 `PrivateKeyInfo` (`BEGIN PRIVATE KEY`, or TeemoPay's bare base64).
    Pkcs8,
    /// PKCS#1 `RSAPrivateKey` (`BEGIN RSA PRIVATE KEY`).
    Pkcs1Private,
    /// X.509 `SubjectPublicKeyInfo` (`BEGIN PUBLIC KEY`).
    Spki,
    /// PKCS#1 `RSAPublicKey` (`BEGIN RSA PUBLIC KEY`).
    Pkcs1Public,
}

impl fmt::Display for KeyFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pkcs8 => "PKCS#8 private key",
            Self::Pkcs1Private => "PKCS#1 RSA private key",
            Self::Spki => "SubjectPublicKeyInfo public key",
            Self::Pkcs1Public => "PKCS#1 RSA public key",
        })
    }
}

/// Why key text could not be loaded. Never contains any part of the key text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Nothing but whitespace was given.
    #[error("the key is empty")]
    Empty,
    /// A `-----BEGIN …-----` line without its matching `-----END …-----` line.
    #[error("a PEM block is not closed by a matching `-----END ...-----` line")]
    UnterminatedPem,
    /// The body is not base64 once armor and whitespace are removed.
    #[error("the key is not base64 (after removing the PEM armor and whitespace)")]
    NotBase64,
    /// A passphrase-protected key.
    #[error("encrypted private keys are not supported: export the key without a passphrase")]
    Encrypted,
    /// The base64 decoded, but not into the expected structure.
    #[error("the key does not decode as a {0} (truncated, corrupted, or a different kind of key?)")]
    Malformed(KeyFormat),
    /// A well-formed key of another algorithm (EC, Ed25519…).
    #[error("the key is not an RSA key")]
    NotRsa,
    /// An RSA modulus outside the supported range.
    #[error(
        "RSA keys of {bits} bits are not supported ({MIN_RSA_BITS} to {MAX_RSA_BITS} bits are)"
    )]
    UnsupportedSize {
        /// The modulus size found.
        bits: usize,
    },
    /// A key the `rsa` crate loaded that OpenSSL refused (feature `openssl` only).
    #[error("OpenSSL could not load the RSA key")]
    Backend,
    /// PEM text whose blocks hold none of the wanted kind.
    #[error("expected {expected}, but the PEM text holds `{found}`")]
    WrongPemLabel {
        /// What was wanted.
        expected: KeyKind,
        /// The label of the first block found (a fixed phrase for unknown labels).
        found: &'static str,
    },
    /// A key of another kind than the one needed (e.g. a public key given to sign).
    #[error("expected {expected}, but the key file holds {found}")]
    WrongKind {
        /// What was wanted.
        expected: KeyKind,
        /// What the text holds.
        found: KeyKind,
    },
}

/// The merchant's RSA private key, used to sign requests (TeemoPay: 1024-bit, PKCS#8).
///
/// Its `Debug` prints `MerchantPrivateKey(<redacted>)`; it has no `Display`; the key is
/// wiped from memory when dropped.
pub struct MerchantPrivateKey {
    /// Boxed: the key with its precomputed values is large, and enums hold this type.
    key: Box<RsaPrivateKey>,
    /// The same key in OpenSSL, made once at load: the one that signs.
    #[cfg(feature = "openssl")]
    openssl: OpenSslPrivate,
}

impl MerchantPrivateKey {
    /// Loads a private key from PEM (`BEGIN PRIVATE KEY` or `BEGIN RSA PRIVATE KEY`) or from
    /// bare base64 (PKCS#8 or PKCS#1 DER), whitespace and line breaks anywhere. In PEM text
    /// holding several blocks (a private and a public key), the first private one is used.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let key = match pem::parse(text)? {
            Armor::Bare(bare) => {
                let der = pem::decode_body(bare)?;
                RsaPrivateKey::from_pkcs8_der(&der)
                    .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
                    .map_err(|_| bare_private_error(&der))?
            }
            Armor::Blocks(blocks) => {
                let block = blocks
                    .iter()
                    .find(|b| b.label.is_private())
                    .ok_or_else(|| {
                        wrong_label(KeyKind::RsaPrivate, blocks.first().map(|b| b.label))
                    })?;
                let der = pem::decode_body(block.body)?;
                match block.label {
                    Label::Pkcs1Private => RsaPrivateKey::from_pkcs1_der(&der)
                        .map_err(|_| KeyError::Malformed(KeyFormat::Pkcs1Private))?,
                    Label::EncryptedPrivate => return Err(KeyError::Encrypted),
                    _ => RsaPrivateKey::from_pkcs8_der(&der).map_err(|_| pkcs8_error(&der))?,
                }
            }
        };
        check_bits(key.n().bits())?;
        Ok(Self {
            #[cfg(feature = "openssl")]
            openssl: OpenSslPrivate::from_rsa(&key)?,
            key: Box::new(key),
        })
    }

    /// The size of the modulus in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    /// The matching public key (to check a key pair, or to verify one's own signatures).
    pub fn to_public_key(&self) -> PlatformPublicKey {
        PlatformPublicKey {
            key: self.key.to_public_key(),
            #[cfg(feature = "openssl")]
            openssl: self.openssl.public(),
        }
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        &self.key
    }

    #[cfg(feature = "openssl")]
    pub(crate) fn openssl(&self) -> &OpenSslPrivate {
        &self.openssl
    }
}

impl fmt::Debug for MerchantPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MerchantPrivateKey(<redacted>)")
    }
}

/// The platform's RSA public key, used to verify its callbacks and answers.
///
/// Not secret, but kept in the same style: `Debug` shows only its size.
#[derive(Clone, PartialEq, Eq)]
pub struct PlatformPublicKey {
    key: RsaPublicKey,
    /// The same key in OpenSSL, made once at load: the one that verifies.
    #[cfg(feature = "openssl")]
    openssl: OpenSslPublic,
}

impl PlatformPublicKey {
    /// Loads a public key from PEM (`BEGIN PUBLIC KEY` or `BEGIN RSA PUBLIC KEY`) or from
    /// bare base64 (SubjectPublicKeyInfo or PKCS#1 DER), whitespace anywhere. In PEM text
    /// holding several blocks, the first public one is used.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        let key = match pem::parse(text)? {
            Armor::Bare(bare) => {
                let der = pem::decode_body(bare)?;
                RsaPublicKey::from_public_key_der(&der)
                    .or_else(|_| RsaPublicKey::from_pkcs1_der(&der))
                    .map_err(|_| bare_public_error(&der))?
            }
            Armor::Blocks(blocks) => {
                let block = blocks.iter().find(|b| b.label.is_public()).ok_or_else(|| {
                    wrong_label(KeyKind::RsaPublic, blocks.first().map(|b| b.label))
                })?;
                let der = pem::decode_body(block.body)?;
                if block.label == Label::Pkcs1Public {
                    RsaPublicKey::from_pkcs1_der(&der)
                        .map_err(|_| KeyError::Malformed(KeyFormat::Pkcs1Public))?
                } else {
                    RsaPublicKey::from_public_key_der(&der).map_err(|_| spki_error(&der))?
                }
            }
        };
        check_bits(key.n().bits())?;
        Ok(Self {
            #[cfg(feature = "openssl")]
            openssl: OpenSslPublic::from_rsa(&key)?,
            key,
        })
    }

    /// The size of the modulus in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        &self.key
    }

    #[cfg(feature = "openssl")]
    pub(crate) fn openssl(&self) -> &OpenSslPublic {
        &self.openssl
    }
}

impl fmt::Debug for PlatformPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PlatformPublicKey(<{}-bit RSA>)", self.bits())
    }
}

/// A secret text shared with the platform (the gateway's "platform key"): appended to the
/// string for MD5, or the HMAC key. `Debug` prints `SharedSecret(<redacted>)`; wiped on drop.
pub struct SharedSecret {
    secret: SecretString,
}

impl SharedSecret {
    /// Wraps the secret exactly as given (no trimming). Empty text is an error. A given
    /// `String` is wiped once copied into the wrapper.
    pub fn new(secret: impl Into<String>) -> Result<Self, KeyError> {
        let mut given: String = secret.into();
        if given.is_empty() {
            return Err(KeyError::Empty);
        }
        // Copy into an exactly-sized box (`From<String>` may reallocate to shrink, leaving
        // the old buffer unwiped), then wipe the given buffer, spare capacity included.
        let secret = SecretString::from(given.as_str());
        given.zeroize();
        Ok(Self { secret })
    }

    /// Reads a secret from a file's text: surrounding whitespace (the final newline) is
    /// removed, the rest kept exactly.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        Self::new(text.trim())
    }

    /// The secret's bytes, for the runtime's own use only.
    pub(crate) fn expose(&self) -> &str {
        self.secret.expose_secret()
    }
}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedSecret(<redacted>)")
    }
}

fn check_bits(bits: usize) -> Result<(), KeyError> {
    if (MIN_RSA_BITS..=MAX_RSA_BITS).contains(&bits) {
        Ok(())
    } else {
        Err(KeyError::UnsupportedSize { bits })
    }
}

fn wrong_label(expected: KeyKind, found: Option<Label>) -> KeyError {
    match found {
        Some(label) => KeyError::WrongPemLabel {
            expected,
            found: label.describe(),
        },
        None => KeyError::Empty,
    }
}

/// Whether DER is a PKCS#8 / SPKI structure for another algorithm than RSA.
fn is_other_algorithm_pkcs8(der: &[u8]) -> bool {
    rsa::pkcs8::PrivateKeyInfo::try_from(der)
        .is_ok_and(|info| info.algorithm.oid != rsa::pkcs1::ALGORITHM_OID)
}

fn is_other_algorithm_spki(der: &[u8]) -> bool {
    rsa::pkcs8::SubjectPublicKeyInfoRef::try_from(der)
        .is_ok_and(|info| info.algorithm.oid != rsa::pkcs1::ALGORITHM_OID)
}

fn pkcs8_error(der: &[u8]) -> KeyError {
    if is_other_algorithm_pkcs8(der) {
        KeyError::NotRsa
    } else {
        KeyError::Malformed(KeyFormat::Pkcs8)
    }
}

fn spki_error(der: &[u8]) -> KeyError {
    if is_other_algorithm_spki(der) {
        KeyError::NotRsa
    } else {
        KeyError::Malformed(KeyFormat::Spki)
    }
}

fn bare_private_error(der: &[u8]) -> KeyError {
    if is_other_algorithm_pkcs8(der) {
        KeyError::NotRsa
    } else if RsaPublicKey::from_public_key_der(der).is_ok()
        || RsaPublicKey::from_pkcs1_der(der).is_ok()
    {
        KeyError::WrongKind {
            expected: KeyKind::RsaPrivate,
            found: KeyKind::RsaPublic,
        }
    } else {
        KeyError::Malformed(KeyFormat::Pkcs8)
    }
}

fn bare_public_error(der: &[u8]) -> KeyError {
    if is_other_algorithm_spki(der) {
        KeyError::NotRsa
    } else if rsa::pkcs8::PrivateKeyInfo::try_from(der).is_ok()
        || rsa::pkcs1::RsaPrivateKey::try_from(der).is_ok()
    {
        KeyError::WrongKind {
            expected: KeyKind::RsaPublic,
            found: KeyKind::RsaPrivate,
        }
    } else {
        KeyError::Malformed(KeyFormat::Spki)
    }
}
