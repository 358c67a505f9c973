// The key follows the spec's scheme: TeemoPay signs with RSA, not a shared secret.
use payspec_sdk::prelude::*;
use payspec_sdk::runtime::signing::SharedSecret;
use payspec_sdk::teemopay_mx::CreatePayoutRequest;

fn sign(request: CreatePayoutRequest) {
    let secret = SharedSecret::new("secret").expect("secret");
    let _signed = request.validate().expect("valid").sign(&secret);
}

fn main() {}
