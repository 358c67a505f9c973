//! An array of objects in a request body (the fixture `fixture-yy`): items built as
//! structs, checked at their own pointers whether built or decoded, and written as a
//! JSON array; and an amount whose currency a field chooses, checked and written with
//! that currency's decimals.

use std::time::SystemTime;

use payspec_downstream::fixture_yy::{
    Amount, CreatePayoutRequest, Credentials, PayoutCurrency, Split, SplitKind,
};
use payspec_downstream::runtime::prelude::*;

fn split(iban: &str, cents: u64, kind: SplitKind, wallet: Option<&str>) -> Split {
    Split::builder()
        .iban(iban)
        .amount(Amount::from_minor_units(cents))
        .kind(kind)
        .maybe_wallet(wallet.map(str::to_string))
        .build()
}

#[path = "common/rules.rs"]
mod common;
use common::rules as verdict;

#[test]
fn a_built_request_and_the_same_json_get_the_same_violations_at_the_items_pointers() {
    let built = CreatePayoutRequest::builder()
        .reference("yy-9")
        .currency(PayoutCurrency::Eur)
        .total(Amount::from_minor_units(1250))
        .splits(vec![
            split("DE89", 1000, SplitKind::Bank, None),
            split("NL91ABNA0417164300", 250, SplitKind::Wallet, None),
        ])
        .build();
    let expected = vec![
        ("/splits/0/iban".to_string(), "length".to_string()),
        (
            "/splits/1/wallet".to_string(),
            "wallet-needs-id".to_string(),
        ),
    ];
    assert_eq!(verdict(built.clone().validate()), expected);
    let json = payspec_downstream::runtime::serde_json::to_vec(&built).expect("json");
    assert_eq!(verdict(CreatePayoutRequest::from_json(&json)), expected);

    let none = CreatePayoutRequest::builder()
        .reference("yy-10")
        .currency(PayoutCurrency::Eur)
        .total(Amount::from_minor_units(1250))
        .splits(Vec::new())
        .build();
    assert_eq!(
        verdict(none.validate()),
        vec![("/splits".to_string(), "items".to_string())]
    );
}

#[test]
fn a_valid_request_is_sent_as_a_json_array_of_its_items() {
    let valid = CreatePayoutRequest::builder()
        .reference("yy-11")
        .currency(PayoutCurrency::Jpy)
        .total(Amount::from_minor_units(125_000))
        .splits(vec![
            split("DE89370400440532013000", 1000, SplitKind::Bank, None),
            split("NL91ABNA0417164300", 250, SplitKind::Wallet, Some("w-7")),
        ])
        .build()
        .validate()
        .expect("valid");
    let credentials = Credentials::builder().api_key("key").build();
    let request = valid
        .to_http(&credentials, SystemTime::now())
        .expect("a request");
    assert_eq!(
        String::from_utf8(request.body().clone()).expect("text"),
        r#"{"reference":"yy-11","currency":"JPY","total":1250,"splits":[{"iban":"DE89370400440532013000","amount":1000,"kind":"BANK"},{"iban":"NL91ABNA0417164300","amount":250,"kind":"WALLET","wallet":"w-7"}]}"#
    );
}

#[test]
fn an_amount_is_checked_and_written_with_the_decimals_of_the_currency_chosen() {
    let request = |currency, cents| {
        CreatePayoutRequest::builder()
            .reference("yy-12")
            .currency(currency)
            .total(Amount::from_minor_units(cents))
            .splits(vec![split(
                "DE89370400440532013000",
                1,
                SplitKind::Bank,
                None,
            )])
            .build()
    };
    // 1000.50 yen cannot be: yen have no decimals.
    assert_eq!(
        verdict(request(PayoutCurrency::Jpy, 100_050).validate()),
        vec![("/total".to_string(), "amount".to_string())]
    );
    // Never rounded: written, it is an error, not 1000 or 1001 yen.
    assert!(
        payspec_downstream::runtime::serde_json::to_vec(&request(PayoutCurrency::Jpy, 100_050))
            .is_err()
    );
    // Its length is that of the text sent: 1234567 yen is seven characters, though the
    // amount type counts two decimals (1234567.00, ten); 12345.67 euros is eight.
    assert_eq!(
        verdict(request(PayoutCurrency::Jpy, 123_456_700).validate()),
        Vec::<(String, String)>::new()
    );
    assert_eq!(
        verdict(request(PayoutCurrency::Eur, 1_234_567).validate()),
        vec![("/total".to_string(), "length".to_string())]
    );
    let euros =
        payspec_downstream::runtime::serde_json::to_vec(&request(PayoutCurrency::Eur, 100_050))
            .expect("json");
    assert!(
        String::from_utf8(euros)
            .expect("text")
            .contains(r#""total":1000.50"#),
        "euros keep their two decimals"
    );
}
