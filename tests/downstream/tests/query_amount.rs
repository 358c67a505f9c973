//! An amount in a GET's query string is written as the body and the string to sign write
//! it: in its unit (minor units here), not as the amount's main-unit text.

use std::time::SystemTime;

use payspec_downstream::fixture_zz::{self, Amount, QueryPayoutRequest};
use payspec_downstream::runtime::prelude::*;

#[test]
fn a_minor_unit_amount_in_the_query_is_sent_in_minor_units() {
    let request = QueryPayoutRequest::builder()
        .order_no("zz-1")
        .min_amount(Amount::from_minor_units(10050))
        .build();
    let valid = request.validate().expect("valid");
    let wire = valid
        .to_http(
            &fixture_zz::Credentials::builder().build(),
            SystemTime::now(),
        )
        .expect("a request");
    let query = wire.uri().query().unwrap_or("").to_string();
    assert!(query.contains("min_amount=10050"), "query: {query}");
    assert!(!query.contains("100.50"), "query: {query}");
}
