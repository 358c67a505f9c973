// A create is sent once: the retrying `query` takes only query operations.
use payspec_sdk::client::blocking::Client;
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::MerchantPrivateKey;
use payspec_sdk::teemopay_pe::{CreatePayoutRequest, Credentials};

fn retry(
    client: &Client,
    create: &CreatePayoutRequest,
    key: &MerchantPrivateKey,
    credentials: &Credentials,
) {
    let _ = client.query(credentials, || {
        create.clone().validate().expect("valid").sign(key)
    });
}

fn main() {}
