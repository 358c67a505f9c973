//! Tests of the signing runtime: the published vectors byte for byte, a cross-check
//! against the OpenSSL command line, tampering, key loading and secrecy; with feature
//! `openssl`, the two RSA backends against each other.

#[cfg(feature = "openssl")]
mod backends;
mod base64_hex;
mod canonical;
mod common;
mod json_form;
mod keys;
mod messages;
mod openssl;
mod secrecy;
mod streamed;
mod tamper;
mod vectors;
