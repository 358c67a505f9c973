//! Nonces: random strings from the operating system's CSPRNG.

use rand_core::{OsRng, RngCore};

const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A fresh nonce of `len` characters from `[0-9a-zA-Z]`, drawn without bias.
pub fn nonce(len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        OsRng.fill_bytes(&mut buf);
        // 62 * 4 = 248: bytes at or above it are rejected so every character is equally likely.
        for b in buf.iter().filter(|b| **b < 248) {
            if out.len() == len {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(*b % 62)]));
        }
    }
    out
}

/// A nonce that does not have the spec's form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NonceError {
    /// Not the spec's length (in characters).
    #[error("the nonce must be {expected} characters, found {found}")]
    Length {
        /// The spec's length.
        expected: usize,
        /// The length given.
        found: usize,
    },
    /// A character outside `[0-9a-zA-Z]`.
    #[error("the nonce must be ASCII letters and digits only")]
    Alphabet,
}

/// Checks a nonce given by the caller against the spec's length: the provider refuses
/// any other, and an empty one would make every request replayable.
pub fn check(nonce: &str, len: usize) -> Result<(), NonceError> {
    let found = nonce.chars().count();
    if found != len {
        return Err(NonceError::Length {
            expected: len,
            found,
        });
    }
    if !nonce.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(NonceError::Alphabet);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_checked_against_the_spec() {
        assert_eq!(check(&nonce(32), 32), Ok(()));
        for (bad, found) in [("", 0), ("x", 1), (&*"a".repeat(5000), 5000)] {
            assert_eq!(
                check(bad, 32),
                Err(NonceError::Length {
                    expected: 32,
                    found
                })
            );
        }
        let spaced = format!("{} ", "a".repeat(31));
        assert_eq!(check(&spaced, 32), Err(NonceError::Alphabet));
        assert_eq!(check(&"é".repeat(32), 32), Err(NonceError::Alphabet));
    }

    #[test]
    fn nonces_have_the_length_and_alphabet_and_differ() {
        let a = nonce(32);
        let b = nonce(32);
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
    }
}
