//! The registry's entry points, which work on JSON over every spec, agree with the specs:
//! an operation is signed there exactly when its spec signs it, a valid example of a
//! signed one signs with the spec's example key, and any body of an unsigned one is
//! refused as unsigned, never signed.

use payspec_sdk::runtime::spec_info::SignJsonError;
use payspec_tests::{example_keys, operation_info, spec_info, specs};

#[test]
fn an_operation_signs_from_json_exactly_when_its_spec_signs_it() {
    let (mut signed, mut unsigned) = (0, 0);
    for spec in specs() {
        let info = spec_info(&spec.id);
        let (key, _) = example_keys(info);
        let nonce = info
            .nonce_length
            .map(payspec_sdk::runtime::nonce::nonce)
            .unwrap_or_default();
        let headers: Vec<(&str, &str)> = info
            .signed_headers
            .iter()
            .map(|name| (*name, nonce.as_str()))
            .collect();
        for op in &spec.operations {
            let entry = operation_info(&spec.id, &op.name);
            let at = format!("{} {}", spec.id, op.name);
            assert_eq!(entry.is_signed(), spec.signs(op), "{at}");
            // A body that is not a request: invalid when signed, unsigned otherwise.
            let refused = entry.sign_json(b"[]", (&key).into(), &headers);
            if spec.signs(op) {
                assert!(
                    matches!(refused, Err(SignJsonError::Invalid(_))),
                    "{at}: {refused:?}"
                );
            } else {
                assert!(
                    matches!(refused, Err(SignJsonError::Unsigned(_))),
                    "{at}: {refused:?}"
                );
            }
            let Some(example) = op.examples.iter().find(|e| e.violations.is_empty()) else {
                continue;
            };
            let result = entry.sign_json(example.json.as_bytes(), (&key).into(), &headers);
            if spec.signs(op) {
                let signed_json = result.unwrap_or_else(|e| panic!("{at}: {e}"));
                assert!(!signed_json.string_to_sign.is_empty(), "{at}");
                signed += 1;
            } else {
                assert!(
                    matches!(result, Err(SignJsonError::Unsigned(name)) if name == op.name),
                    "{at}: {result:?}"
                );
                unsigned += 1;
            }
        }
    }
    assert!(
        signed > 0 && unsigned > 0,
        "{signed} signed, {unsigned} unsigned"
    );
}
