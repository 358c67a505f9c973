//! The typed generated API end to end: Mexico's success then refund, and a gateway order
//! signed with HMAC-SHA256, queried over GET, and called back.

use payspec_sdk::prelude::*;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use payspec_sdk::runtime::wire::{PayoutState, StatusCode, Transition};
use serde_json::json;

use crate::support::{FIXTURES, GATEWAY_SECRET, Merchant, accepted, client, control, mock};

#[test]
fn mexico_success_then_refund_through_the_typed_api() {
    use payspec_sdk::runtime::signing::{MerchantPrivateKey, PlatformPublicKey};
    use payspec_sdk::teemopay_mx::{self, QueryPayoutRequest};

    let read = |f: &str| std::fs::read_to_string(format!("{FIXTURES}/{f}")).expect("key");
    let merchant_key =
        MerchantPrivateKey::from_text(&read("teemopay-example-1024.pkcs8.pem")).expect("key");
    let platform_key =
        PlatformPublicKey::from_text(&read("teemopay-example-1024.spki.pem")).expect("key");
    let transitions = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&transitions);
    let mut state = PayoutState::Processing;
    let merchant = Merchant::start(move |request| {
        let Ok(callback) = teemopay_mx::receive_callback(request, &platform_key) else {
            return http::Response::builder()
                .status(400)
                .body(Vec::new())
                .expect("response");
        };
        let reported = callback.status.state().expect("a known status");
        let transition = state.apply(reported);
        if let Transition::Applied(next) = transition {
            state = next;
        }
        log.lock().expect("log").push(transition);
        teemopay_mx::callback_reply()
    });
    let mock = mock();
    let client = client(&mock.base_url());

    let id = "mx-refund-1";
    let credentials = teemopay_mx::Credentials::builder()
        .app_code("merchant-app")
        .build();
    let signed = crate::support::mexican_payout(id, &merchant.url);
    let created = accepted(client.send(&signed, &credentials).expect("sent"), "create");
    let created = created.record().expect("one payout");
    assert!(created.platform_order_no.starts_with("MOCK"));
    assert_eq!(created.merchant_order_no, id);
    assert_eq!(created.status.state(), Some(PayoutState::Processing));

    for state in ["succeeded", "refunded", "refunded", "processing"] {
        let report = control(
            &client,
            json!({"spec": "teemopay-mx", "merchant_order_no": id, "state": state}),
        );
        assert_eq!(report["acknowledged"], true, "{state}: {report}");
        merchant.next();
        if state == "refunded" {
            // Each attempt signed afresh: a new nonce, as the provider requires.
            let query = || {
                QueryPayoutRequest::builder()
                    .merchant_order_no(id)
                    .build()
                    .validate()
                    .expect("valid")
                    .sign(&merchant_key)
            };
            let found = accepted(client.query(&credentials, query).expect("sent"), "query");
            let found = found.record().expect("one payout");
            assert_eq!(found.status, teemopay_mx::PayoutStatus::Refunded);
            assert_eq!(found.amount.minor_units(), 123_450);
        }
    }
    assert_eq!(
        *transitions.lock().expect("log"),
        [
            Transition::Applied(PayoutState::Succeeded),
            Transition::Applied(PayoutState::Refunded),
            Transition::Repeated,
            Transition::Impossible {
                from: PayoutState::Refunded,
                to: PayoutState::Processing
            },
        ]
    );
}

#[test]
fn gateway_hmac_order_typed_create_get_query_and_callback() {
    use payspec_sdk::gateway_id::{
        self, Amount, CreatePayoutRequest, QueryPayoutRequest, SignType,
    };
    use payspec_sdk::runtime::signing::SharedSecret;

    let secret = SharedSecret::new(GATEWAY_SECRET).expect("secret");
    let received = Arc::new(Mutex::new(None));
    let seen = Arc::clone(&received);
    let merchant = Merchant::start(move |request| {
        let verifying = SharedSecret::new(GATEWAY_SECRET).expect("secret");
        let callback = gateway_id::receive_callback(request, &verifying);
        let ok = callback.is_ok();
        *seen.lock().expect("seen") = Some(callback);
        if ok {
            gateway_id::callback_reply()
        } else {
            http::Response::builder()
                .status(400)
                .body(Vec::new())
                .expect("response")
        }
    });
    let mock = mock();
    let client = client(&mock.base_url());
    let id = "gw-hmac-1";
    let credentials = gateway_id::Credentials::builder()
        .authorization("merchant-authorization")
        .build();
    let signed = CreatePayoutRequest::builder()
        .platform_id("PF0001")
        .payout_cl_id(id)
        .amount("1000.00".parse::<Amount>().expect("amount"))
        .notify_url(merchant.url.clone())
        .bank_name("BCA")
        .name("Budi")
        .number("6216667451674374")
        .request_time(1_707_220_674)
        .sign_type(SignType::HmacSha256)
        .build()
        .validate()
        .expect("valid")
        .sign(&secret)
        .expect("signed");
    let created = accepted(client.send(&signed, &credentials).expect("sent"), "create");
    let query = QueryPayoutRequest::builder()
        .payout_cl_id(id)
        .build()
        .validate()
        .expect("valid");
    let request = query
        .to_http(&credentials, SystemTime::now())
        .expect("request");
    assert_eq!(request.method(), "GET");
    let found = accepted(
        client
            .query(&credentials, || Ok(query.clone()))
            .expect("sent"),
        "query",
    );
    let (found, created) = (&found.records[0], created.record().expect("one payout"));
    assert_eq!(found.platform_order_no, created.platform_order_no);
    assert_eq!(found.amount.minor_units(), 100_000);

    let report = control(
        &client,
        json!({"spec": "gateway-id", "merchant_order_no": id, "state": "succeeded"}),
    );
    assert_eq!(report["acknowledged"], true, "{report}");
    let callback = received.lock().expect("seen").take().expect("a callback");
    let callback = callback.expect("verified");
    assert_eq!(callback.sign_type.as_deref(), Some("HMAC-SHA256"));
    assert_eq!(callback.status.state(), Some(PayoutState::Succeeded));
    assert_eq!(callback.merchant_order_no, id);
}

#[test]
fn a_create_answered_with_a_500_is_sent_once_and_resolved_by_a_query() {
    use payspec_sdk::runtime::signing::MerchantPrivateKey;
    use payspec_sdk::runtime::wire::{Outcome, Unknown};
    use payspec_sdk::teemopay_pe::{self, CreatePayoutRequest, QueryPayoutRequest};

    let read = |f: &str| std::fs::read_to_string(format!("{FIXTURES}/{f}")).expect("key");
    let key = MerchantPrivateKey::from_text(&read("teemopay-example-1024.pkcs8.pem")).expect("key");
    let mock = mock();
    let client = client(&mock.base_url());
    let credentials = teemopay_pe::Credentials::builder().app_code("app").build();
    let example = crate::support::cases()
        .into_iter()
        .find(|c| c.spec.id == "teemopay-pe")
        .expect("a PE case");
    let id = "MOCK-500-typed-1";
    let body = example.create_body(id, None);
    let create = CreatePayoutRequest::from_json(&serde_json::to_vec(&body).expect("json"))
        .expect("valid")
        .sign(&key)
        .expect("signed");
    // `client.send` has no retry: the create goes out once, and its 500 is unknown.
    let outcome = client.send(&create, &credentials).expect("sent");
    assert_eq!(outcome, Outcome::Unknown(Unknown::ServerError(500)));
    let query = || {
        QueryPayoutRequest::builder()
            .merchant_order_no(id)
            .build()
            .validate()
            .expect("valid")
            .sign(&key)
    };
    let found = accepted(client.query(&credentials, query).expect("sent"), "query");
    assert_eq!(
        found.record().map(|r| r.merchant_order_no.as_str()),
        Some(id)
    );
    // Had the create been sent twice, the mock would have refused the second as a
    // duplicate; one order exists, found by the query.
    assert_eq!(found.records.len(), 1);
}

#[test]
fn a_transfer_to_a_bank_account_is_built_as_nested_structs_and_sent_as_nested_json() {
    use payspec_sdk::asaas_br::{
        Amount, BankAccount, BankAccountType, CreatePayoutRequest, Credentials, DestinationBank,
        OperationType,
    };

    let account = |cpf_cnpj: &str| {
        BankAccount::builder()
            .bank(DestinationBank::builder().code("237").build())
            .owner_name("Marcelo Almeida")
            .cpf_cnpj(cpf_cnpj)
            .agency("1263")
            .account("9999991")
            .account_digit("1")
            .bank_account_type(BankAccountType::Checking)
            .build()
    };
    let request = |account: BankAccount| {
        CreatePayoutRequest::builder()
            .value(Amount::from_minor_units(100_000))
            .operation_type(OperationType::Ted)
            .bank_account(account)
            .external_reference("asaas-account-1")
            .build()
    };
    // A CPF whose check digit does not match is refused at its pointer inside the object.
    let refused = request(account("52233424612"))
        .validate()
        .expect_err("a wrong check digit");
    let at: Vec<(&str, &str)> = refused
        .iter()
        .map(|v| (v.path.as_ref(), v.rule.as_ref()))
        .collect();
    assert_eq!(at, [("/bankAccount/cpfCnpj", "check-digit")]);

    let valid = request(account("52233424611")).validate().expect("valid");
    let credentials = Credentials::builder().api_key("asaas-api-key").build();
    let wire = valid
        .to_http(&credentials, SystemTime::now())
        .expect("a request");
    let body: serde_json::Value = serde_json::from_slice(wire.body()).expect("json");
    // Parsed from text: `json!` would write 1000.00 through a float, as 1000.0.
    let expected: serde_json::Value = serde_json::from_str(
        r#"{
            "value": 1000.00,
            "operationType": "TED",
            "externalReference": "asaas-account-1",
            "bankAccount": {
                "bank": { "code": "237" },
                "ownerName": "Marcelo Almeida",
                "cpfCnpj": "52233424611",
                "agency": "1263",
                "account": "9999991",
                "accountDigit": "1",
                "bankAccountType": "CONTA_CORRENTE"
            }
        }"#,
    )
    .expect("json");
    assert_eq!(body, expected);

    let mock = mock();
    let client = client(&mock.base_url());
    let created = accepted(client.send(&valid, &credentials).expect("sent"), "create");
    let created = created.record().expect("one transfer");
    assert_eq!(created.merchant_order_no, "asaas-account-1");
    assert_eq!(created.value.minor_units(), 100_000);
}
