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

/// Runs the SDK's generated decoder of `spec_id`'s operation `op` over `json`, and
/// returns the violations as sorted `(pointer, rule)` pairs.
pub fn verdict(spec_id: &str, op: &str, json: &[u8]) -> Vec<(String, String)> {
    let spec = payspec_sdk::SPECS
        .iter()
        .find(|s| s.id == spec_id)
        .unwrap_or_else(|| panic!("no spec {spec_id}"));
    let op = spec
        .operations
        .iter()
        .find(|o| o.name == op)
        .unwrap_or_else(|| panic!("no operation {op}"));
    let mut got: Vec<(String, String)> = match (op.validate_json)(json) {
        Ok(()) => Vec::new(),
        Err(violations) => violations
            .iter()
            .map(|v| (v.path.to_string(), v.rule.to_string()))
            .collect(),
    };
    got.sort();
    got
}
