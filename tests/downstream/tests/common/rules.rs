//! A validation's verdict as the downstream tests compare it.

use payspec_downstream::runtime::Violations;

/// The violations of `result` as sorted `(pointer, rule)` pairs; none for `Ok`.
pub fn rules<T>(result: Result<T, Violations>) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = match result {
        Ok(_) => Vec::new(),
        Err(violations) => violations
            .iter()
            .map(|v| (v.path.to_string(), v.rule.to_string()))
            .collect(),
    };
    found.sort();
    found
}
