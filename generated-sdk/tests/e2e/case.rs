//! Each spec's case as the end-to-end tests drive it: a valid create from the spec's own
//! examples, the keys, and requests built and signed through the generated entry points.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use payspec_sdk::runtime::signing::{Schemes, SharedSecret, SigningKey, VerifyingKey};
use payspec_sdk::runtime::wire::{RequestParts, build_request};
use payspec_sdk::runtime::{OperationInfo, OperationRole, SpecInfo};
use serde_json::{Map, Value};

use super::{GATEWAY_SECRET, credentials, read};

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
    /// The headers the spec signs, each with the same fresh nonce.
    fn signed_header_values(&self) -> Vec<(&'static str, String)> {
        let nonce = payspec_sdk::runtime::nonce::nonce(self.spec.nonce_length.unwrap_or(32));
        self.spec
            .signed_headers
            .iter()
            .map(|name| (*name, nonce.clone()))
            .collect()
    }

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
        let signed_headers = self.signed_header_values();
        let (payload, query) = if op.is_signed() {
            let extras: Vec<(&str, &str)> = signed_headers
                .iter()
                .map(|(n, v)| (*n, v.as_str()))
                .collect();
            let signed = op
                .sign_json(&json, key.into(), &extras)
                .expect("valid and signed");
            (Some(signed.body), Vec::new())
        } else {
            op.validate_json(&json).expect("valid");
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
        if !op.is_signed() {
            let payload = serde_json::to_vec(&body).expect("json");
            let mut request = self.build(op, &[], Some(payload), Vec::new());
            outside_body(op, &body, &mut request);
            return request;
        }
        let signed_headers = self.signed_header_values();
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
