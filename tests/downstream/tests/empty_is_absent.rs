//! A required field whose empty value means absent: a built request and the same JSON
//! get the same verdict (`/memo required`), so an empty memo is never sent as if given.

use payspec_downstream::fixture_ww::CreatePayoutRequest;
use payspec_downstream::runtime::prelude::*;

#[path = "common/rules.rs"]
mod common;
use common::rules;

#[test]
fn an_empty_required_memo_is_refused_built_and_decoded_alike() {
    let missing = vec![("/memo".to_string(), "required".to_string())];
    let built = CreatePayoutRequest::builder()
        .order_no("ww-3")
        .memo("")
        .build();
    assert_eq!(rules(built.validate()), missing);
    assert_eq!(
        rules(CreatePayoutRequest::from_json(
            br#"{"order_no":"ww-3","memo":""}"#
        )),
        missing
    );
    // Sent twice, the last time empty: repeated, and missing.
    let mut repeated = missing.clone();
    repeated.insert(0, ("/memo".to_string(), "duplicate-key".to_string()));
    assert_eq!(
        rules(CreatePayoutRequest::from_json(
            br#"{"order_no":"ww-3","memo":"rent","memo":""}"#
        )),
        repeated
    );
    let given = CreatePayoutRequest::builder()
        .order_no("ww-3")
        .memo("rent")
        .build();
    assert_eq!(rules(given.validate()), Vec::<(String, String)>::new());
}
