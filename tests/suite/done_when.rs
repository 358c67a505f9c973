//! The cases the issue names, each rejected with the right path and rule, beside a
//! conforming request that passes.

use payspec_tests::verdict;
use serde_json::{Value, json};

fn with(base: &Value, changes: &[(&str, Value)]) -> Vec<u8> {
    let mut body = base.clone();
    for (key, value) in changes {
        body[*key] = value.clone();
    }
    serde_json::to_vec(&body).expect("json")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn mx_clabe_prefix_must_match_the_bank_code() {
    let base = json!({"merchantOrderNo": "M1", "amount": "100.00", "bankCode": "40012", "bankName": "BBVA MEXICO",
        "accountType": 40, "bankAccount": "012180001234567891", "realName": "John Doe", "idCardNumber": "1234567890"});
    assert_eq!(
        verdict("teemopay-mx", "create_payout", &with(&base, &[])),
        pairs(&[])
    );
    let wrong = with(&base, &[("bankAccount", json!("646180001234567891"))]);
    assert_eq!(
        verdict("teemopay-mx", "create_payout", &wrong),
        pairs(&[("/bankAccount", "clabe-bank-prefix")])
    );
}

#[test]
fn pe_dni_has_8_digits() {
    let base = json!({"merchantOrderNo": "P1", "amount": "100.00", "bankCode": "2", "bankName": "INTERBANK",
        "accountType": 101, "bankAccount": "1234567899276", "cciNumber": "12345678901203910293", "realName": "TEEMO",
        "idCardNumber": "12345678", "idType": "DNI"});
    assert_eq!(
        verdict("teemopay-pe", "create_payout", &with(&base, &[])),
        pairs(&[])
    );
    let nine = with(&base, &[("idCardNumber", json!("123456789"))]);
    assert_eq!(
        verdict("teemopay-pe", "create_payout", &nine),
        pairs(&[("/idCardNumber", "id-card-number-dni")])
    );
}

/// Indonesia's phone: its older page made the 701 transfer account an 11-digit phone; the
/// current page (bank transfer 501) has a phone of 10 to 13 digits starting with 08.
#[test]
fn id_phone_has_10_to_13_digits_starting_with_08() {
    let base = json!({"merchantOrderNo": "I1", "amount": "1000", "bankCode": "0007", "bankName": "Bank BCA",
        "accountType": 501, "bankAccount": "1234567890", "realName": "Budi", "phone": "08123456789",
        "email": "budi@example.com"});
    assert_eq!(
        verdict("teemopay-id", "create_payout", &with(&base, &[])),
        pairs(&[])
    );
    let short = with(&base, &[("phone", json!("081234567"))]);
    assert_eq!(
        verdict("teemopay-id", "create_payout", &short),
        pairs(&[("/phone", "length")])
    );
    let international = with(&base, &[("phone", json!("628123456789"))]);
    assert_eq!(
        verdict("teemopay-id", "create_payout", &international),
        pairs(&[("/phone", "starts-with")])
    );
}

#[test]
fn kr_real_name_has_at_least_2_characters() {
    let base = json!({"merchantOrderNo": "K1", "amount": "1000", "bankCode": "088", "bankName": "Shinhan Bank",
        "accountType": 801, "bankAccount": "12345678998765", "realName": "KIM MINSU", "idType": "RRN"});
    assert_eq!(
        verdict("teemopay-kr", "create_payout", &with(&base, &[])),
        pairs(&[])
    );
    let one = with(&base, &[("realName", json!("K"))]);
    assert_eq!(
        verdict("teemopay-kr", "create_payout", &one),
        pairs(&[("/realName", "length")])
    );
}

#[test]
fn gateway_currency_is_fixed_to_idr() {
    let base = json!({"platform_id": "PF0002", "service_id": "SVC0004", "payout_cl_id": "DEVPOT00143538",
        "amount": 50000, "currency": "idr", "bank_name": "BCA", "name": "test_name", "number": "4088748280272397",
        "request_time": 1595504997, "sign": "0123456789abcdef0123456789abcdef"});
    assert_eq!(
        verdict("gateway-id", "create_payout", &with(&base, &[])),
        pairs(&[])
    );
    let usd = with(&base, &[("currency", json!("usd"))]);
    assert_eq!(
        verdict("gateway-id", "create_payout", &usd),
        pairs(&[("/currency", "fixed")])
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let body = json!({"amount": "1.001", "accountType": 9, "bankAccount": "x", "extra": true});
    let got = verdict(
        "teemopay-mx",
        "create_payout",
        &serde_json::to_vec(&body).expect("json"),
    );
    let rules: Vec<&str> = got.iter().map(|(_, r)| r.as_str()).collect();
    for rule in ["amount", "enum", "required", "unknown-field"] {
        assert!(rules.contains(&rule), "{rule} missing from {got:?}");
    }
    assert!(got.len() >= 8, "expected every problem, got {got:?}");
}

#[test]
fn not_json_and_not_an_object_are_root_violations() {
    assert_eq!(
        verdict("teemopay-mx", "create_payout", b"{"),
        pairs(&[("", "json")])
    );
    assert_eq!(
        verdict("teemopay-mx", "create_payout", b"[]"),
        pairs(&[("", "json")])
    );
}

/// A field that was sent with the wrong type is reported as its type, not also as
/// missing by a rule that requires it (Peru's cciNumber for a savings account).
#[test]
fn a_wrong_typed_field_a_rule_requires_is_not_also_missing() {
    let base = json!({"merchantOrderNo": "P1", "amount": "100.00", "bankCode": "2", "bankName": "INTERBANK",
        "accountType": 101, "bankAccount": "1234567899276", "cciNumber": 12345678901203910293u128, "realName": "TEEMO",
        "idCardNumber": "12345678", "idType": "DNI"});
    assert_eq!(
        verdict("teemopay-pe", "create_payout", &with(&base, &[])),
        pairs(&[("/cciNumber", "type")])
    );
    let missing = with(&base, &[("cciNumber", serde_json::Value::Null)]);
    assert_eq!(
        verdict("teemopay-pe", "create_payout", &missing),
        pairs(&[("/cciNumber", "cci-number-required")])
    );
}
