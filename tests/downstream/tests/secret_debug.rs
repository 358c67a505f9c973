//! A request signed from JSON does not show a secret field (fixture zz's PIN) in its
//! `Debug`, as a typed signed request does not.

use payspec_downstream::runtime::signing::{SharedSecret, SigningKeyRef};

#[test]
fn a_signed_json_does_not_show_a_secret_field_in_debug() {
    let spec = payspec_downstream::SPECS
        .iter()
        .find(|s| s.id == "fixture-zz")
        .expect("the form fixture");
    let op = spec
        .operations
        .iter()
        .find(|o| o.name == "create_payout")
        .expect("create");
    let secret = SharedSecret::new("fixture-platform-key").expect("secret");
    let json = br#"{"order_no":"zz-1","amount":"12.50","iban":"DE89370400440532013000","name":"Jo","notify_url":"http://127.0.0.1:1/n","pin":"246810"}"#;
    let signed = op
        .sign_json(json, SigningKeyRef::from(&secret), &[])
        .expect("signed");
    assert!(!signed.string_to_sign.contains("246810"));
    let debugged = format!("{signed:?}");
    let pin_bytes = b"246810"
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        !debugged.contains(&pin_bytes) && !debugged.contains("246810"),
        "the PIN is in Debug: {debugged}"
    );
    assert!(debugged.contains("bytes>"), "{debugged}");
}
