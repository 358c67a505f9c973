//! `payspec sign` and `payspec verify`: the generated signing code over JSON files.

use std::path::Path;
use std::process::ExitCode;

use crate::SpecInfo;
use crate::signing::{Fields, MessageInput, Placement, SigningKey, VerifyError, VerifyingKey};
use crate::spec_info::SignJsonError;
use crate::wire::{BodyError, BodyFormat};

use super::{input, usage_error};

/// The values of the headers the spec signs; a nonce is drawn when none is given.
fn header_values(
    spec: &SpecInfo,
    nonce: Option<&str>,
    draw: bool,
) -> Result<Vec<(&'static str, String)>, ExitCode> {
    let mut values = Vec::new();
    for name in spec.signed_headers {
        let value = match (*name, nonce) {
            ("nonce", Some(n)) => n.to_string(),
            ("nonce", None) if draw => {
                let n = crate::nonce::nonce(spec.nonce_length.unwrap_or(32));
                eprintln!("nonce: {n}");
                n
            }
            ("nonce", None) => {
                return Err(usage_error(&format!(
                    "{} signs the nonce header: pass --nonce",
                    spec.id
                )));
            }
            (other, _) => {
                return Err(usage_error(&format!(
                    "{} signs the `{other}` header, which this command cannot set",
                    spec.id
                )));
            }
        };
        values.push((*name, value));
    }
    Ok(values)
}

fn read_key(path: &Path) -> Result<String, ExitCode> {
    std::fs::read_to_string(path)
        .map_err(|e| usage_error(&format!("cannot read the key file {}: {e}", path.display())))
}

/// What signing and verifying both read: the key, the signed headers' values, the body.
type Inputs<K> = (K, Vec<(&'static str, String)>, Vec<u8>);

fn inputs<K, E: std::fmt::Display>(
    spec: &SpecInfo,
    key_file: &Path,
    parse_key: fn(&str) -> Result<K, E>,
    nonce: Option<&str>,
    draw_nonce: bool,
    file: &str,
) -> Result<Inputs<K>, ExitCode> {
    let key = parse_key(&read_key(key_file)?)
        .map_err(|e| usage_error(&format!("{}: {e}", key_file.display())))?;
    let headers = header_values(spec, nonce, draw_nonce)?;
    let body = input::read(file).map_err(|e| usage_error(&e))?;
    Ok((key, headers, body))
}

/// Signs a request; prints the body with its signature, or, when the signature travels in
/// a header, that header (`Name: value`), an empty line and the body, as HTTP writes them.
pub fn sign(
    spec: &'static SpecInfo,
    operation: Option<&str>,
    key_file: &Path,
    nonce: Option<&str>,
    explain: bool,
    file: &str,
) -> ExitCode {
    let op = match super::find_operation(spec, operation) {
        Ok(op) => op,
        Err(code) => return code,
    };
    if !op.is_signed() {
        return usage_error(&format!("{} {} is not signed", spec.id, op.name));
    }
    let (key, headers, body) =
        match inputs(spec, key_file, SigningKey::from_text, nonce, true, file) {
            Ok(inputs) => inputs,
            Err(code) => return code,
        };
    let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    match op.sign_json(&body, (&key).into(), &header_refs) {
        Ok(signed) => {
            if explain {
                eprintln!("string to sign: {}", signed.string_to_sign);
            }
            if let Some((name, value)) = &signed.signature_header {
                println!("{name}: {value}\n");
            }
            println!("{}", String::from_utf8_lossy(&signed.body));
            ExitCode::SUCCESS
        }
        Err(SignJsonError::Invalid(violations)) => super::print_violations(&violations),
        Err(e) => usage_error(&e.to_string()),
    }
}

/// Verifies a received body's signature.
pub fn verify(
    spec: &SpecInfo,
    key_file: &Path,
    nonce: Option<&str>,
    signature: Option<&str>,
    file: &str,
) -> ExitCode {
    let Some(signing) = spec.signing else {
        return usage_error(&format!("{} is not signed", spec.id));
    };
    let header = match (signing.signature, signature) {
        (Placement::Header { name, .. }, None) => {
            return usage_error(&format!(
                "{} signs in the `{name}` header: give its value with --signature",
                spec.id
            ));
        }
        (Placement::Field(field), Some(_)) => {
            return usage_error(&format!(
                "{} signs in the body's `{field}` field: --signature is for a header signature",
                spec.id
            ));
        }
        (_, given) => given,
    };
    let (key, headers, body) =
        match inputs(spec, key_file, VerifyingKey::from_text, nonce, false, file) {
            Ok(inputs) => inputs,
            Err(code) => return code,
        };
    let header_refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
    // The body as the provider sends it: its callback's format (JSON, or a form).
    let format = spec.callback.map_or(BodyFormat::Json, |c| c.body);
    let fields = match format.read(&body) {
        Ok(fields) => fields,
        // Repeated keys are a body that reads two ways: refused, as a forgery would be.
        Err(BodyError::DuplicateKeys(keys)) => {
            println!("invalid: {}", VerifyError::DuplicateKeys(keys));
            return ExitCode::from(1);
        }
        Err(e) => return usage_error(&e.to_string()),
    };
    let input = MessageInput {
        body: Some(&body),
        ..MessageInput::fields(Fields::Body(&fields), &header_refs)
    };
    match signing.verify_received(&fields, &input, header, &key) {
        Ok(()) => {
            eprintln!("valid: the signature matches");
            ExitCode::SUCCESS
        }
        Err(e @ (VerifyError::NotJsonObject | VerifyError::WrongKey { .. })) => {
            usage_error(&e.to_string())
        }
        Err(e) => {
            println!("invalid: {e}");
            ExitCode::from(1)
        }
    }
}
