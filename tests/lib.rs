//! Helpers shared by the cross-crate test suite.

use std::path::PathBuf;

/// The workspace's `specs/` folder.
pub fn specs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// The folder of this crate.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The specs, checked; panics with the diagnostics when they have problems.
pub fn specs() -> Vec<payspec_codegen::model::Spec> {
    let (specs, _, diagnostics) = payspec_codegen::check_dir(&specs_dir());
    assert!(diagnostics.is_empty(), "{diagnostics}");
    specs
}

/// One valid example of a spec's operation, its body read as a JSON object: what the
/// tests that change one field of a body and read the verdict start from.
pub struct ValidBody {
    /// The spec's id.
    pub spec: String,
    /// The operation's name.
    pub op: String,
    /// The example's name.
    pub example: String,
    /// The example's body.
    pub body: serde_json::Map<String, serde_json::Value>,
}

/// Every valid example (one recorded with no violation) of every operation of every spec,
/// with the operation's model, for the field checks.
pub fn valid_bodies(
    specs: &[payspec_codegen::model::Spec],
) -> Vec<(&payspec_codegen::model::Operation, ValidBody)> {
    let mut bodies = Vec::new();
    for spec in specs {
        for op in &spec.operations {
            for example in op.examples.iter().filter(|e| e.violations.is_empty()) {
                if let Ok(serde_json::Value::Object(body)) = serde_json::from_str(&example.json) {
                    let valid = ValidBody {
                        spec: spec.id.clone(),
                        op: op.name.clone(),
                        example: example.name.clone(),
                        body,
                    };
                    bodies.push((op, valid));
                }
            }
        }
    }
    bodies
}

/// The SDK's registry entry of the spec `spec_id`.
pub fn spec_info(spec_id: &str) -> &'static payspec_sdk::runtime::SpecInfo {
    payspec_sdk::SPECS
        .iter()
        .find(|s| s.id == spec_id)
        .unwrap_or_else(|| panic!("the SDK has no spec {spec_id}"))
}

/// The SDK's registry entry of `spec_id`'s operation `op`.
pub fn operation_info(spec_id: &str, op: &str) -> &'static payspec_sdk::runtime::OperationInfo {
    spec_info(spec_id)
        .operations
        .iter()
        .find(|o| o.name == op)
        .unwrap_or_else(|| panic!("the SDK has no operation {op} in {spec_id}"))
}

/// Runs the SDK's generated decoder of `spec_id`'s operation `op` over `json`, and
/// returns the violations as sorted `(pointer, rule)` pairs.
pub fn verdict(spec_id: &str, op: &str, json: &[u8]) -> Vec<(String, String)> {
    let op = operation_info(spec_id, op);
    let mut got: Vec<(String, String)> = match op.validate_json(json) {
        Ok(()) => Vec::new(),
        Err(violations) => violations
            .iter()
            .map(|v| (v.path.to_string(), v.rule.to_string()))
            .collect(),
    };
    got.sort();
    got
}

/// The published example keys for a spec's scheme: TeemoPay's example RSA pair for RSA
/// schemes, the gateway's published secret for MD5 and HMAC.
pub fn example_keys(
    spec: &payspec_sdk::runtime::SpecInfo,
) -> (
    payspec_sdk::runtime::signing::SigningKey,
    payspec_sdk::runtime::signing::VerifyingKey,
) {
    use payspec_sdk::runtime::signing::{SigningKey, VerifyingKey};
    let fixture = |name: &str| {
        std::fs::read_to_string(
            tests_dir()
                .join("../generated-sdk/runtime/tests/fixtures/signing")
                .join(name),
        )
        .expect("fixture")
    };
    let rsa = spec
        .signing
        .and_then(|s| s.scheme_for(None).ok())
        .is_some_and(|scheme| scheme.algorithm.is_rsa());
    let (private, public) = if rsa {
        (
            fixture("teemopay-example-1024.pkcs8.pem"),
            fixture("teemopay-example-1024.spki.pem"),
        )
    } else {
        (GATEWAY_SECRET.to_string(), GATEWAY_SECRET.to_string())
    };
    (
        SigningKey::from_text(&private).expect("signing key"),
        VerifyingKey::from_text(&public).expect("verifying key"),
    )
}

/// The gateway's published example secret.
pub const GATEWAY_SECRET: &str = "2I9Q4nExEddsH6zo";

/// Puts `value` at a field name or a JSON Pointer (`/payload/payout/entity`) of the
/// object `body`, as a provider nests what it sends.
pub fn put(body: &mut serde_json::Value, place: &str, value: serde_json::Value) {
    let object = body.as_object_mut().expect("a JSON object");
    payspec_sdk::runtime::wire::insert_at(object, place, value);
}

/// Runs the `openssl` command with `input` on its standard input and returns what it
/// prints; `None` when it is not installed. Fails the test when it runs and fails.
pub fn openssl(args: &[&str], input: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(input).ok()?;
    let out = child.wait_with_output().ok()?;
    assert!(out.status.success(), "openssl {args:?} failed");
    Some(out.stdout)
}
