// Building a request without a required field (`bankAccount`) does not compile.
use payspec_sdk::teemopay_mx::{AccountType, Amount, CreatePayoutRequest};

fn main() {
    let _request = CreatePayoutRequest::builder()
        .merchant_order_no("order-1")
        .amount(Amount::from_minor_units(10_000))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .real_name("John Doe")
        .id_card_number("1234567890")
        .build();
}
