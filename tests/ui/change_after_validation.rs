// A validated request cannot be changed without validating again.
use payspec_sdk::prelude::*;
use payspec_sdk::teemopay_mx::{AccountType, Amount, CreatePayoutRequest};

fn main() {
    let request = CreatePayoutRequest::builder()
        .merchant_order_no("order-1")
        .amount(Amount::from_minor_units(10_000))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .build();
    let valid = request.validate().expect("valid");
    valid.bank_account = "1".to_string();
}
