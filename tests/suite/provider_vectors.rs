//! The worked signature examples the providers publish, reproduced byte for byte by the
//! shipped specs' own signing sections (not by a scheme written in the test): what the
//! spec says is what the provider computes.

use payspec_sdk::runtime::signing::{Fields, MessageInput, SharedSecret, Signing, VerifyError};
use payspec_sdk::{paystack_ng, razorpay_in};

fn verify(
    signing: &Signing,
    secret: &str,
    body: &[u8],
    signature: &str,
) -> Result<(), VerifyError> {
    let key = SharedSecret::new(secret).expect("secret");
    let input = MessageInput {
        body: Some(body),
        ..MessageInput::fields(Fields::None, &[])
    };
    signing
        .scheme_for(None)
        .expect("one scheme")
        .verify_message(&input, &key, signature)
}

#[test]
fn razorpayx_verifies_its_sdks_webhook_example() {
    // razorpay/razorpay-node test/utils/razorpay-utils.spec.js (the spec's note cites it).
    let body = br#"{"a":1,"b":2,"c":{"d":3}}"#;
    let signature = "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc";
    assert_eq!(
        verify(&razorpay_in::SIGNING, "123456", body, signature),
        Ok(())
    );
    assert_eq!(
        verify(&razorpay_in::SIGNING, "123456", body, "sdfafds"),
        Err(VerifyError::Malformed(
            payspec_sdk::runtime::signing::DecodeError {
                encoding: payspec_sdk::runtime::signing::Encoding::HexLower
            }
        ))
    );
    assert_eq!(
        verify(&razorpay_in::SIGNING, "654321", body, signature),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn paystack_verifies_its_sdks_webhook_example() {
    // PaystackOSS/paystack-php tests/Mock/EventTestDouble.php (the spec's note cites it).
    let body = br#"{"event":"just.testing","data":{"domain":"test","invoice_code":"INV_mn8lm53yl17w19r","amount":150000,"period_start":"2017-01-13T00:00:00.000Z","period_end":"2017-02-12T23:59:59.000Z","status":"success","paid":true,"paid_at":"2017-01-13T00:00:16.000Z","description":null,"authorization":{"authorization_code":"AUTH_1nv4LiD","bin":"506506","last4":"7777","exp_month":"06","exp_year":"2099","card_type":"mastercard DEBIT","bank":"Capital Corp","country_code":"NG","brand":"mastercard","reusable":true},"subscription":{"status":"active","subscription_code":"SUB_youwishiwas","email_token":"youwishitis","amount":150000,"cron_expression":"0 0 13 * *","next_payment_date":"2017-02-13T00:00:00.000Z","open_invoice":null},"customer":{"first_name":null,"last_name":null,"email":"free@free_basics.com","customer_code":"CUS_youwhistle","phone":null,"metadata":null,"risk_action":"default"},"transaction":{"reference":"someref","status":"success","amount":150000,"currency":"NGN"},"created_at":"2017-01-13T00:00:02.000Z"}}"#;
    let signature = "d955c6a79e1bc1e29aac57882ab71f8c2d93d8bf6f4fd51c3ce2fede2986124cafbe657fc7655b20e6a9d4e684bfa875bdd55e577015a9532e9543c9c11c81a9";
    let key = "sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    assert_eq!(verify(&paystack_ng::SIGNING, key, body, signature), Ok(()));
    assert_eq!(
        verify(
            &paystack_ng::SIGNING,
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            body,
            signature
        ),
        Err(VerifyError::Mismatch)
    );
}
