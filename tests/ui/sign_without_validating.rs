#![allow(unused_imports)] // the traits in scope, and still no `sign` before `validate`
// Only a validated request can be signed.
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::SharedSecret;
use payspec_sdk::gateway_id::{Amount, CreatePayoutRequest};

fn main() {
    let request = CreatePayoutRequest::builder()
        .platform_id("PF0002")
        .payout_cl_id("DEVPOT00143538")
        .amount(Amount::from_minor_units(5_000_000))
        .bank_name("BCA")
        .name("test_name")
        .number("4088748280272397")
        .request_time(1_595_504_997)
        .build();
    let secret = SharedSecret::new("secret").expect("secret");
    let _signed = request.sign(&secret);
}
