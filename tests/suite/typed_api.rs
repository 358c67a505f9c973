//! The typed API: build, validate, serialize, decode back; enums and amounts are exact.

use payspec_sdk::prelude::*;
use payspec_sdk::teemopay_mx::{AccountType, Amount, CreatePayoutRequest};
use payspec_sdk::{gateway_id, teemopay_pe};

fn clabe_request(bank_account: &str) -> CreatePayoutRequest {
    CreatePayoutRequest::builder()
        .merchant_order_no("order-1")
        .amount("1234.50".parse::<Amount>().expect("amount"))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account(bank_account)
        .real_name("John Doe")
        .id_card_number("1234567890")
        .build()
}

#[test]
fn a_built_request_validates_serializes_and_decodes_back() {
    let valid = clabe_request("012180001234567891")
        .validate()
        .expect("valid");
    let json = serde_json::to_value(&*valid).expect("serialize");
    assert_eq!(
        json["accountType"],
        serde_json::json!(40),
        "int enum written as a JSON number"
    );
    assert_eq!(
        json["amount"],
        serde_json::json!("1234.50"),
        "amount written as exact text"
    );
    assert!(
        json.get("callbackUrl").is_none(),
        "absent optional fields are left out"
    );
    let decoded =
        CreatePayoutRequest::from_json(&serde_json::to_vec(&json).expect("bytes")).expect("valid");
    assert_eq!(*decoded, *valid);
}

#[test]
fn validation_reports_rule_violations_with_paths() {
    let violations = clabe_request("646180001234567891")
        .validate()
        .expect_err("wrong prefix");
    let got: Vec<(&str, &str)> = violations
        .iter()
        .map(|v| (v.path.as_ref(), v.rule.as_ref()))
        .collect();
    assert_eq!(got, [("/bankAccount", "clabe-bank-prefix")]);
    assert!(
        violations.iter().all(|v| v.message.contains("012")),
        "{violations}"
    );
}

#[test]
fn changing_a_validated_request_means_validating_again() {
    let valid = clabe_request("012180001234567891")
        .validate()
        .expect("valid");
    let mut request = valid.into_inner();
    request.bank_account = "1".into();
    assert!(request.validate().is_err());
}

#[test]
fn enums_map_codes_both_ways() {
    for value in AccountType::ALL {
        assert_eq!(AccountType::from_code(value.code()), Some(value));
    }
    assert_eq!(AccountType::from_code(701), None);
    assert_eq!(
        teemopay_pe::IdType::from_code("DNI"),
        Some(teemopay_pe::IdType::Dni)
    );
}

#[test]
fn fixed_values_are_filled_in_and_minor_units_are_numbers() {
    let request = gateway_id::CreatePayoutRequest::builder()
        .platform_id("PF0002")
        .payout_cl_id("DEVPOT00143538")
        .amount(gateway_id::Amount::from_minor_units(5_000_000))
        .bank_name("BCA")
        .name("test_name")
        .number("4088748280272397")
        .request_time(1_595_504_997)
        .build();
    let json = serde_json::to_value(&*request.validate().expect("valid")).expect("serialize");
    assert_eq!(json["service_id"], "SVC0004");
    assert_eq!(json["currency"], "idr");
    assert_eq!(json["amount"], serde_json::json!(5_000_000));
    assert_eq!(
        gateway_id::Amount::from_minor_units(5_000_000).to_string(),
        "50000.00"
    );
}
