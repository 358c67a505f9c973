//! Keys as a scheme takes them: owned enums for a key of either family (what a key file
//! holds, auto-detected), and borrowed views that typed keys convert into.

use super::keys::{KeyError, KeyKind, MerchantPrivateKey, PlatformPublicKey, SharedSecret};
use super::pem::{self, Armor};

/// A key that signs: an RSA private key or a shared secret.
#[derive(Debug)]
pub enum SigningKey {
    /// RSA schemes.
    Rsa(MerchantPrivateKey),
    /// MD5 and HMAC schemes.
    Secret(SharedSecret),
}

/// A key that verifies: an RSA public key or a shared secret.
#[derive(Debug)]
pub enum VerifyingKey {
    /// RSA schemes.
    Rsa(PlatformPublicKey),
    /// MD5 and HMAC schemes.
    Secret(SharedSecret),
}

/// A borrowed signing key; `&MerchantPrivateKey`, `&SharedSecret` and `&SigningKey` convert
/// into it, so generated code can pass its typed key.
#[derive(Clone, Copy, Debug)]
pub enum SigningKeyRef<'a> {
    /// RSA schemes.
    Rsa(&'a MerchantPrivateKey),
    /// MD5 and HMAC schemes.
    Secret(&'a SharedSecret),
}

/// A borrowed verifying key; `&PlatformPublicKey`, `&SharedSecret` and `&VerifyingKey`
/// convert into it.
#[derive(Clone, Copy, Debug)]
pub enum VerifyingKeyRef<'a> {
    /// RSA schemes.
    Rsa(&'a PlatformPublicKey),
    /// MD5 and HMAC schemes.
    Secret(&'a SharedSecret),
}

/// Whatever a key file holds, detected from its text.
#[derive(Debug)]
pub enum AnyKey {
    /// An RSA private key.
    RsaPrivate(MerchantPrivateKey),
    /// An RSA public key.
    RsaPublic(PlatformPublicKey),
    /// Anything else: a shared secret.
    Secret(SharedSecret),
}

impl AnyKey {
    /// Detects a key file's content (for `payspec sign --key-file`):
    ///
    /// - PEM text: the first private-key block if any (RSA private key), else the first
    ///   public-key block (RSA public key); PEM holding neither is an error;
    /// - bare text that looks like base64 DER (at least 100 base64 characters starting
    ///   with `MI`, as every RSA key of 1024 bits or more does): an RSA private or public
    ///   key, and if it does not decode as either, an error (a damaged key is never
    ///   silently taken for a shared secret);
    /// - anything else: a shared secret, surrounding whitespace removed.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        match pem::parse(text)? {
            Armor::Blocks(blocks) => {
                if blocks.iter().any(|b| b.label.is_private()) {
                    MerchantPrivateKey::from_text(text).map(Self::RsaPrivate)
                } else if blocks.iter().any(|b| b.label.is_public()) {
                    PlatformPublicKey::from_text(text).map(Self::RsaPublic)
                } else {
                    Err(KeyError::NotRsa)
                }
            }
            Armor::Bare(bare) if pem::looks_like_bare_der(bare) => {
                match MerchantPrivateKey::from_text(bare) {
                    Ok(key) => Ok(Self::RsaPrivate(key)),
                    Err(KeyError::WrongKind {
                        found: KeyKind::RsaPublic,
                        ..
                    }) => PlatformPublicKey::from_text(bare).map(Self::RsaPublic),
                    Err(other) => Err(other),
                }
            }
            Armor::Bare(bare) => SharedSecret::from_text(bare).map(Self::Secret),
        }
    }

    /// What kind of key this is.
    pub fn kind(&self) -> KeyKind {
        match self {
            Self::RsaPrivate(_) => KeyKind::RsaPrivate,
            Self::RsaPublic(_) => KeyKind::RsaPublic,
            Self::Secret(_) => KeyKind::SharedSecret,
        }
    }

    /// The key as a signing key (an RSA public key cannot sign).
    pub fn into_signing(self) -> Result<SigningKey, KeyError> {
        match self {
            Self::RsaPrivate(key) => Ok(SigningKey::Rsa(key)),
            Self::Secret(secret) => Ok(SigningKey::Secret(secret)),
            Self::RsaPublic(_) => Err(KeyError::WrongKind {
                expected: KeyKind::RsaPrivate,
                found: KeyKind::RsaPublic,
            }),
        }
    }

    /// The key as a verifying key (an RSA private key is refused: verifying a platform's
    /// signature needs the platform's public key, not the merchant's private one).
    pub fn into_verifying(self) -> Result<VerifyingKey, KeyError> {
        match self {
            Self::RsaPublic(key) => Ok(VerifyingKey::Rsa(key)),
            Self::Secret(secret) => Ok(VerifyingKey::Secret(secret)),
            Self::RsaPrivate(_) => Err(KeyError::WrongKind {
                expected: KeyKind::RsaPublic,
                found: KeyKind::RsaPrivate,
            }),
        }
    }
}

impl SigningKey {
    /// Loads a signing key from a key file's text, detecting its kind (see
    /// [`AnyKey::from_text`]).
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        AnyKey::from_text(text)?.into_signing()
    }

    /// What kind of key this is.
    pub fn kind(&self) -> KeyKind {
        SigningKeyRef::from(self).kind()
    }
}

impl VerifyingKey {
    /// Loads a verifying key from a key file's text, detecting its kind (see
    /// [`AnyKey::from_text`]); in PEM text holding both a private and a public key, the
    /// public one is taken.
    pub fn from_text(text: &str) -> Result<Self, KeyError> {
        if let Armor::Blocks(blocks) = pem::parse(text)?
            && blocks.iter().any(|b| b.label.is_public())
        {
            return PlatformPublicKey::from_text(text).map(Self::Rsa);
        }
        AnyKey::from_text(text)?.into_verifying()
    }

    /// What kind of key this is.
    pub fn kind(&self) -> KeyKind {
        VerifyingKeyRef::from(self).kind()
    }
}

impl SigningKeyRef<'_> {
    /// What kind of key this is.
    pub fn kind(self) -> KeyKind {
        match self {
            Self::Rsa(_) => KeyKind::RsaPrivate,
            Self::Secret(_) => KeyKind::SharedSecret,
        }
    }
}

impl VerifyingKeyRef<'_> {
    /// What kind of key this is.
    pub fn kind(self) -> KeyKind {
        match self {
            Self::Rsa(_) => KeyKind::RsaPublic,
            Self::Secret(_) => KeyKind::SharedSecret,
        }
    }
}

impl<'a> From<&'a MerchantPrivateKey> for SigningKeyRef<'a> {
    fn from(key: &'a MerchantPrivateKey) -> Self {
        Self::Rsa(key)
    }
}

impl<'a> From<&'a SharedSecret> for SigningKeyRef<'a> {
    fn from(secret: &'a SharedSecret) -> Self {
        Self::Secret(secret)
    }
}

impl<'a> From<&'a SigningKey> for SigningKeyRef<'a> {
    fn from(key: &'a SigningKey) -> Self {
        match key {
            SigningKey::Rsa(key) => Self::Rsa(key),
            SigningKey::Secret(secret) => Self::Secret(secret),
        }
    }
}

impl<'a> From<&'a PlatformPublicKey> for VerifyingKeyRef<'a> {
    fn from(key: &'a PlatformPublicKey) -> Self {
        Self::Rsa(key)
    }
}

impl<'a> From<&'a SharedSecret> for VerifyingKeyRef<'a> {
    fn from(secret: &'a SharedSecret) -> Self {
        Self::Secret(secret)
    }
}

impl<'a> From<&'a VerifyingKey> for VerifyingKeyRef<'a> {
    fn from(key: &'a VerifyingKey) -> Self {
        match key {
            VerifyingKey::Rsa(key) => Self::Rsa(key),
            VerifyingKey::Secret(secret) => Self::Secret(secret),
        }
    }
}
