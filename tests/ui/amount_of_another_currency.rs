// An amount in Peruvian soles cannot pay out in Mexico.
use payspec_sdk::teemopay_mx::{AccountType, CreatePayoutRequest};
use payspec_sdk::teemopay_pe;

fn main() {
    let _request = CreatePayoutRequest::builder()
        .merchant_order_no("order-1")
        .amount(teemopay_pe::Amount::from_minor_units(10_000))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .build();
}
