//! What the end-to-end tests share: each spec's case (a valid create from the spec's own
//! examples, the keys), requests built and signed through the generated entry points, a
//! client, and a small merchant server that receives callbacks.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use payspec_sdk::client::blocking::Client;
use payspec_sdk::mock::{Config, Server, code_for};
use payspec_sdk::runtime::signing::{Schemes, SharedSecret, SigningKey, VerifyingKey};
use payspec_sdk::runtime::wire::{
    Accepted, Credentials, Outcome, Rejection, RequestParts, Unknown, build_request,
};
use payspec_sdk::runtime::{OperationInfo, OperationRole, SpecInfo};
use serde_json::{Map, Value};

#[path = "merchant.rs"]
mod merchant;
// Not every suite that shares this file receives callbacks.
#[allow(unused_imports)]
pub use merchant::Merchant;

pub const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/runtime/tests/fixtures/signing"
);
pub const GATEWAY_SECRET: &str = "2I9Q4nExEddsH6zo";
/// The client's timeout in these tests. The delay fault holds its answer sixty times
/// longer, so that however loaded the machine the client gives up first: the verdict does
/// not depend on timing. Stopping the mock wakes a held answer, so no test waits for it.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(1);
pub const DELAY: Duration = Duration::from_secs(60);

/// A mock provider on a free loopback port, its delay fault past the client's timeout.
pub fn mock() -> Server {
    Server::start(Config::new(payspec_sdk::SPECS).delay(DELAY)).expect("the mock starts")
}

/// The accepted answer, or a panic naming what was expected.
pub fn accepted<R: std::fmt::Debug>(outcome: Outcome<Accepted<R>>, what: &str) -> Accepted<R> {
    match outcome {
        Outcome::Accepted(accepted) => accepted,
        other => panic!("{what}: expected accepted, got {other:?}"),
    }
}

/// The verdict on a call the mock refused: `Rejected` with the meaning where the spec
/// documents the code; where it does not (TeemoPay documents only 425), the mock's own
/// code is one the SDK cannot know, so the outcome is unknown, carrying that code.
pub fn assert_rejected(outcome: Outcome, spec: &SpecInfo, rejection: Rejection) {
    let code = code_for(spec, rejection);
    if spec.envelope.and_then(|e| e.code_for(rejection)).is_some() {
        let Outcome::Rejected(rejected) = outcome else {
            panic!(
                "{}: expected rejected ({rejection:?}), got {outcome:?}",
                spec.id
            )
        };
        assert_eq!(rejected.code, code, "{}", spec.id);
        assert_eq!(rejected.rejection, Some(rejection), "{}", spec.id);
    } else {
        // Undocumented on a 2xx where a code accepts; on a refusal status where the HTTP
        // status accepts.
        let carried = match &outcome {
            Outcome::Unknown(Unknown::UndocumentedCode { code, .. }) => Some(code.as_str()),
            Outcome::Unknown(Unknown::UnexpectedStatus { code, .. }) => code.as_deref(),
            _ => None,
        };
        assert_eq!(
            carried,
            Some(code),
            "{}: an undocumented code must be unknown, got {outcome:?}",
            spec.id
        );
    }
}

/// A Mexican CLABE payout of 1234.50 to the account of the page's example, built,
/// validated and signed through the typed API with TeemoPay's example key.
pub fn mexican_payout(
    merchant_order_no: &str,
    callback_url: &str,
) -> payspec_sdk::runtime::Signed<payspec_sdk::teemopay_mx::CreatePayoutRequest> {
    use payspec_sdk::prelude::*;
    use payspec_sdk::teemopay_mx::{AccountType, Amount, CreatePayoutRequest};
    let key = payspec_sdk::runtime::signing::MerchantPrivateKey::from_text(&read(
        "teemopay-example-1024.pkcs8.pem",
    ))
    .expect("key");
    CreatePayoutRequest::builder()
        .merchant_order_no(merchant_order_no)
        .amount("1234.50".parse::<Amount>().expect("amount"))
        .bank_code("40012")
        .bank_name("BBVA MEXICO")
        .account_type(AccountType::Clabe)
        .bank_account("012180001234567891")
        .real_name("John Doe")
        .id_card_number("1234567890")
        .callback_url(callback_url)
        .build()
        .validate()
        .expect("valid")
        .sign(&key)
        .expect("signed")
}

/// One spec as the tests drive it.
pub struct Case {
    pub spec: &'static SpecInfo,
    pub create: &'static OperationInfo,
    pub query: &'static OperationInfo,
    /// A valid create request from the spec's examples, without its signature.
    pub example: Map<String, Value>,
    /// The required fields of the query's first valid example that name no order (an
    /// account number the query also takes), to start every query from.
    pub query_given: Map<String, Value>,
    /// The merchant's key (what the mock verifies with by default).
    pub key: SigningKey,
    /// Some other key of the same kind.
    pub wrong_key: SigningKey,
    rsa: bool,
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{path}")).expect("fixture")
}

/// Whether a spec's query finds a payout by the merchant's order number (in its path,
/// query string or body), so that an unknown create can be resolved by querying. A spec
/// whose query takes only the platform's number cannot (Asaas: after an unknown create
/// the merchant reconciles through the provider's list or its webhooks).
pub fn queries_by_merchant_order_no(spec: &SpecInfo) -> bool {
    let (Some(callback), Some(query)) = (
        spec.callback,
        spec.operations
            .iter()
            .find(|op| op.role == OperationRole::Query),
    ) else {
        return false;
    };
    let field = callback.merchant_order_no;
    query.method != "GET"
        || query.query_fields.contains(&field)
        || path_names(query.path).contains(&field)
}

/// The `{name}` segments of a path.
pub fn path_names(path: &'static str) -> Vec<&'static str> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .collect()
}

/// Every spec's case whose query finds a payout by the merchant's order number, in
/// `SPECS` order.
pub fn cases() -> Vec<Case> {
    all_cases()
        .into_iter()
        .filter(|case| queries_by_merchant_order_no(case.spec))
        .collect()
}

/// Every spec's case, in `SPECS` order.
pub fn all_cases() -> Vec<Case> {
    let specs_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs");
    let (models, _, diagnostics) = payspec_codegen::check_dir(std::path::Path::new(specs_dir));
    assert!(diagnostics.is_empty(), "{diagnostics}");
    payspec_sdk::SPECS
        .iter()
        .map(|spec| {
            let op = |role| {
                spec.operations
                    .iter()
                    .find(|op| op.role == role)
                    .expect("every spec creates and queries")
            };
            let create = op(OperationRole::Create);
            let model = models.iter().find(|m| m.id == spec.id).expect("model");
            let example = model
                .operations
                .iter()
                .find(|o| o.name == create.name)
                .and_then(|o| o.examples.iter().find(|e| e.violations.is_empty()))
                .expect("a valid create example");
            let mut example: Map<String, Value> =
                serde_json::from_str(&example.json).expect("object");
            example.remove("sign");
            let query_op = op(OperationRole::Query);
            let query_model = model.operations.iter().find(|o| o.name == query_op.name);
            let orders = [
                spec.callback.map(|c| c.merchant_order_no),
                spec.callback.and_then(|c| c.platform_order_no),
            ];
            let query_given = query_model
                .and_then(|o| {
                    let given = o.examples.iter().find(|e| e.violations.is_empty())?;
                    let given: Map<String, Value> = serde_json::from_str(&given.json).ok()?;
                    Some(
                        given
                            .into_iter()
                            .filter(|(name, _)| {
                                o.field(name).is_some_and(|f| f.required && f.in_struct())
                                    && !orders.contains(&Some(name.as_str()))
                                    && !path_names(query_op.path).contains(&name.as_str())
                            })
                            .collect(),
                    )
                })
                .unwrap_or_default();
            let rsa = match spec.signing.map(|s| &s.schemes) {
                Some(Schemes::Fixed(scheme)) => scheme.algorithm.is_rsa(),
                Some(Schemes::Selected(selector)) => selector.default.algorithm.is_rsa(),
                None => false,
            };
            let (key, wrong_key) = if rsa {
                (
                    SigningKey::from_text(&read("teemopay-example-1024.pkcs8.pem")),
                    SigningKey::from_text(&read("test-2048.pkcs8.pem")),
                )
            } else {
                let secret = |s: &str| SharedSecret::new(s).expect("secret");
                (
                    Ok(SigningKey::Secret(secret(GATEWAY_SECRET))),
                    Ok(SigningKey::Secret(secret("not-the-merchant-secret"))),
                )
            };
            Case {
                spec,
                create,
                query: op(OperationRole::Query),
                example,
                query_given,
                key: key.expect("key"),
                wrong_key: wrong_key.expect("key"),
                rsa,
            }
        })
        .collect()
}

impl Case {
    /// The platform's key, to verify callbacks (the mock signs with the example pair; a
    /// token-checked callback carries the example secret as its token).
    pub fn platform(&self) -> VerifyingKey {
        if self.rsa {
            VerifyingKey::from_text(&read("teemopay-example-1024.spki.pem")).expect("key")
        } else {
            VerifyingKey::Secret(SharedSecret::new(GATEWAY_SECRET).expect("secret"))
        }
    }

    /// The example's callback URL field, if it has one.
    pub fn callback_field(&self) -> Option<String> {
        self.example
            .keys()
            .find(|k| {
                let k = k.to_ascii_lowercase();
                k.contains("callback") || k.contains("notify")
            })
            .cloned()
    }

    /// The request field with the merchant's order number.
    pub fn merchant_field(&self) -> &'static str {
        self.spec.callback.expect("callback").merchant_order_no
    }

    /// A unique merchant order number with this prefix, in lowercase letters, digits and
    /// hyphens and at least 16 characters, which every shipped spec's order number allows
    /// (Paystack's references are 16 to 50 of `a-z0-9_-`).
    pub fn order_number(&self, prefix: &str) -> String {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        format!("{prefix}{}{n:012}", self.spec.country).to_ascii_lowercase()
    }

    /// The example with this merchant order number and, where the example has one, this
    /// callback URL.
    pub fn create_body(
        &self,
        merchant_order_no: &str,
        callback: Option<&str>,
    ) -> Map<String, Value> {
        let mut body = self.example.clone();
        body.insert(self.merchant_field().into(), merchant_order_no.into());
        if let (Some(url), Some(field)) = (callback, self.callback_field()) {
            body.insert(field, url.into());
        }
        body
    }

    /// The query of one payout as the spec's query takes it: the merchant's order number,
    /// and where its path names another field, the platform's (from the create's answer).
    pub fn query_body_for(
        &self,
        merchant_order_no: &str,
        platform_order_no: &str,
    ) -> Map<String, Value> {
        let merchant = self.merchant_field();
        let mut body = self.query_given.clone();
        let names = path_names(self.query.path);
        for name in &names {
            let value = if *name == merchant {
                merchant_order_no
            } else {
                platform_order_no
            };
            body.insert((*name).into(), value.into());
        }
        if self.query.method != "GET" || self.query.query_fields.contains(&merchant) {
            body.insert(merchant.into(), merchant_order_no.into());
        }
        body
    }

    /// The query for one merchant order number.
    pub fn query_body(&self, merchant_order_no: &str) -> Map<String, Value> {
        let mut body = self.query_given.clone();
        body.insert(self.merchant_field().into(), merchant_order_no.into());
        body
    }

    /// `body` as `op` sends it: validated and signed with `key` through the generated
    /// `sign_json`, or for an unsigned query its fields in the query string.
    pub fn request(
        &self,
        op: &'static OperationInfo,
        body: &Map<String, Value>,
        key: &SigningKey,
    ) -> http::Request<Vec<u8>> {
        let json = serde_json::to_vec(body).expect("json");
        let nonce = payspec_sdk::runtime::nonce::nonce(self.spec.nonce_length.unwrap_or(32));
        let signed_headers: Vec<(&'static str, String)> = self
            .spec
            .signed_headers
            .iter()
            .map(|name| (*name, nonce.clone()))
            .collect();
        let (payload, query) = match op.sign_json {
            Some(sign) => {
                let extras: Vec<(&str, &str)> = signed_headers
                    .iter()
                    .map(|(n, v)| (*n, v.as_str()))
                    .collect();
                let signed = sign(&json, key.into(), &extras).expect("valid and signed");
                (Some(signed.body), Vec::new())
            }
            None => {
                (op.validate_json)(&json).expect("valid");
                let query = op
                    .query_fields
                    .iter()
                    .filter_map(|f| Some((*f, text(body.get(*f)?))))
                    .collect();
                let payload = (op.method != "GET").then(|| {
                    let mut inside = body.clone();
                    for outside in path_names(op.path).iter().chain(op.header_fields) {
                        inside.remove(*outside);
                    }
                    serde_json::to_vec(&inside).expect("json")
                });
                (payload, query)
            }
        };
        let mut request = self.build(op, &signed_headers, payload, query);
        outside_body(op, body, &mut request);
        request
    }

    /// `body` signed over every field as it is (sent as it is where the spec signs no
    /// request), without validation: to send what the generated API would refuse to build.
    pub fn signed_unchecked(
        &self,
        op: &'static OperationInfo,
        mut body: Map<String, Value>,
    ) -> http::Request<Vec<u8>> {
        if op.sign_json.is_none() {
            let payload = serde_json::to_vec(&body).expect("json");
            let mut request = self.build(op, &[], Some(payload), Vec::new());
            outside_body(op, &body, &mut request);
            return request;
        }
        let nonce = payspec_sdk::runtime::nonce::nonce(self.spec.nonce_length.unwrap_or(32));
        let signed_headers: Vec<(&'static str, String)> = self
            .spec
            .signed_headers
            .iter()
            .map(|name| (*name, nonce.clone()))
            .collect();
        let extras: Vec<(&str, &str)> = signed_headers
            .iter()
            .map(|(n, v)| (*n, v.as_str()))
            .collect();
        let signing = self.spec.signing.expect("signed");
        signing
            .sign_body(&mut body, &extras, &self.key)
            .expect("signed");
        let payload = serde_json::to_vec(&body).expect("json");
        self.build(op, &signed_headers, Some(payload), Vec::new())
    }

    fn build(
        &self,
        op: &'static OperationInfo,
        signed_headers: &[(&'static str, String)],
        body: Option<Vec<u8>>,
        query: Vec<(&'static str, String)>,
    ) -> http::Request<Vec<u8>> {
        build_request(
            RequestParts {
                method: op.method,
                path: op.path,
                content_type: op.content_type,
                headers: op.headers,
                signed_headers,
                signature_header: None,
                header_fields: Vec::new(),
                path_values: Vec::new(),
                query,
                body,
            },
            &credentials(),
            SystemTime::now(),
        )
        .expect("request")
    }
}

/// Puts the path and header fields of `body` where `op` sends them.
fn outside_body(
    op: &OperationInfo,
    body: &Map<String, Value>,
    request: &mut http::Request<Vec<u8>>,
) {
    let mut path = op.path.to_string();
    for name in path_names(op.path) {
        if let Some(value) = body.get(name) {
            path = path.replace(&format!("{{{name}}}"), &text(value));
        }
    }
    if path != op.path {
        *request.uri_mut() = path.parse().expect("a path");
    }
    for name in op.header_fields {
        if let Some(value) = body.get(*name) {
            request.headers_mut().insert(
                *name,
                http::HeaderValue::from_str(&text(value)).expect("a header value"),
            );
        }
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn credentials() -> Credentials {
    Credentials::new()
        .app_code("merchant-app")
        .authorization("merchant-authorization")
        .key_id("merchant-key-id")
        .api_key("merchant-api-key")
}

/// Mexico's operation of `role` (the specs share the client's rules; one is enough).
pub fn mx_operation(role: OperationRole) -> &'static OperationInfo {
    payspec_sdk::teemopay_mx::SPEC
        .operations
        .iter()
        .find(|op| op.role == role)
        .expect("Mexico creates and queries")
}

/// The client under test: a short timeout, quick query retries.
pub fn client(base_url: &str) -> Client {
    Client::builder(base_url)
        .timeout(CLIENT_TIMEOUT)
        .query_retries(2)
        .retry_pause(Duration::from_millis(50))
        .no_proxy()
        .build()
        .expect("client")
}

/// POSTs a control request to the mock; its JSON answer.
pub fn control(client: &Client, body: Value) -> Value {
    let request = http::Request::builder()
        .method("POST")
        .uri(payspec_sdk::mock::CALLBACK_PATH)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&body).expect("json"))
        .expect("request");
    let slow = Client::builder(client.base_url())
        .timeout(Duration::from_secs(10))
        .no_proxy()
        .build()
        .expect("client");
    let response = slow.exchange(&request).expect("the mock answers");
    serde_json::from_slice(response.body()).expect("a JSON report")
}
