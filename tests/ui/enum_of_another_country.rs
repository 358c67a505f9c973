// A Korean account type cannot go into a Mexican request.
use payspec_sdk::teemopay_kr;
use payspec_sdk::teemopay_mx::{Amount, CreatePayoutRequest};

fn main() {
    let _request = CreatePayoutRequest::builder()
        .merchant_order_no("order-1")
        .amount(Amount::from_minor_units(10_000))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(teemopay_kr::AccountType::BankTransfer)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .build();
}
