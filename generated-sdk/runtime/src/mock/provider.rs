//! The provider's side of create and query, sans-IO: an `http::Request` in, an
//! `http::Response` (and how long to hold it) out. Everything it knows about a provider
//! comes from the generated `SpecInfo`: routing, validation, signature, envelope, codes,
//! statuses. There is no per-provider code.

use std::time::Duration;

use serde_json::{Map, Value};

use super::answer::{self, MOCK_NOT_FOUND, code_for};
use super::config::Keys;
use super::fault::Fault;
use super::route::{self, Fields, FieldsError, Route};
use super::store::{Order, Store, StoreError};
use crate::signing::{self, MessageInput, Placement, SigningKey};
use crate::wire::{AnswerShape, BodyFormat, Envelope, HeaderSource, PayoutState, Rejection};
use crate::{OperationInfo, OperationRole, SpecInfo};

/// A response, and how long to hold it first.
#[derive(Debug)]
pub(super) struct Reply {
    /// Hold the response this long (the delay fault).
    pub delay: Option<Duration>,
    /// The response.
    pub response: http::Response<Vec<u8>>,
}

impl From<http::Response<Vec<u8>>> for Reply {
    fn from(response: http::Response<Vec<u8>>) -> Self {
        Reply {
            delay: None,
            response,
        }
    }
}

/// The simulated provider: every spec's keys and the orders it accepted.
#[derive(Debug)]
pub(super) struct Provider {
    /// The specs it serves.
    pub specs: &'static [&'static SpecInfo],
    pub keys: Keys,
    pub store: Store,
    pub delay: Duration,
}

/// A request to a known operation, its fields read.
struct Call<'r> {
    spec: &'static SpecInfo,
    op: &'static OperationInfo,
    envelope: &'static Envelope,
    request: &'r http::Request<Vec<u8>>,
    fields: Fields,
}

impl Provider {
    /// Answers a request to one of the specs' endpoints.
    pub fn handle(&self, request: &http::Request<Vec<u8>>) -> Reply {
        let (spec, op) = match route::route(self.specs, request) {
            Route::Endpoint(spec, op) => (spec, op),
            Route::NotFound => {
                return answer::text(404, "no spec has this method and path\n").into();
            }
            Route::Ambiguous(ids) => {
                let message = format!(
                    "several specs share this endpoint ({}); their constant headers tell them apart\n",
                    ids.join(", ")
                );
                return answer::text(400, &message).into();
            }
        };
        // A spec that documents no answer is still served: the SDK reads every answer to
        // it as unknown, so any plain form will do.
        let envelope = spec.envelope.unwrap_or(&answer::UNDOCUMENTED);
        let reject = |rejection, message: &str| {
            Reply::from(answer::rejected(
                envelope,
                code_for(spec, rejection),
                message,
            ))
        };
        let fields = match route::fields(op, request) {
            Ok(fields) => fields,
            Err(FieldsError::NotJson(why)) => return reject(Rejection::InvalidJson, &why),
        };
        if let Err(violations) = op.validate_json(&fields.json) {
            return reject(Rejection::InvalidParameters, &violations.to_string());
        }
        if let Err(why) = check_headers(op, request.headers()) {
            return reject(Rejection::InvalidParameters, &why);
        }
        if let Err(why) = self.verify(spec, op, request) {
            return reject(Rejection::BadSignature, &why);
        }
        let call = Call {
            spec,
            op,
            envelope,
            request,
            fields,
        };
        match op.role {
            OperationRole::Create => self.create(call),
            OperationRole::Query => self.query(call),
        }
    }

    /// Verifies a signed operation's body with the merchant's key, the signed header
    /// values (the nonce) taken from the request's headers.
    fn verify(
        &self,
        spec: &SpecInfo,
        op: &OperationInfo,
        request: &http::Request<Vec<u8>>,
    ) -> Result<(), String> {
        let Some(signing) = spec.signing.filter(|_| op.is_signed()) else {
            return Ok(());
        };
        let key = self
            .keys
            .merchant(spec.id)
            .ok_or("the mock has no key for this spec")?;
        let mut extras = Vec::with_capacity(spec.signed_headers.len());
        for name in spec.signed_headers {
            let value = route::header(request.headers(), name)
                .ok_or_else(|| format!("the signed `{name}` header is missing"))?;
            extras.push((*name, value));
        }
        // Over the fields as they arrived (a JSON object, or a form's text), the bytes,
        // and, for a header signature, the method and the path as sent.
        let body = request.body();
        let fields = if body.iter().all(u8::is_ascii_whitespace) {
            Map::new()
        } else {
            BodyFormat::of(op.content_type)
                .read(body)
                .map_err(|e| e.to_string())?
        };
        let Placement::Header { name, .. } = signing.signature else {
            let input = MessageInput {
                body: Some(body),
                ..MessageInput::fields(signing::Fields::Body(&fields), &extras)
            };
            return signing
                .verify_received(&fields, &input, None, key)
                .map_err(|e| e.to_string());
        };
        let input = MessageInput {
            fields: signing::Fields::Body(&fields),
            body: Some(body),
            headers: &extras,
            method: Some(request.method().as_str()),
            path: Some(request.uri().path()),
        };
        let signature = route::header(request.headers(), name);
        signing
            .verify_received(&fields, &input, signature, key)
            .map_err(|e| e.to_string())
    }

    fn create(&self, call: Call<'_>) -> Reply {
        let Call {
            spec,
            op,
            envelope,
            request,
            fields,
        } = call;
        // The field the spec's answers and callback name; a spec naming none gets a
        // number of the mock's own (and no duplicate check: nothing says what repeats).
        let merchant_order_no = match merchant_order_field(spec) {
            None => self.store.fresh_reference(spec),
            Some(field) => match route::text(&fields.object, field) {
                Some(number) => number,
                None => {
                    let message = "the request has no merchant order number";
                    return answer::rejected(
                        envelope,
                        code_for(spec, Rejection::InvalidParameters),
                        message,
                    )
                    .into();
                }
            },
        };
        let mut stored = fields.object;
        if let Some(field) = spec.signing.and_then(|s| s.signature_field()) {
            stored.remove(field);
        }
        let app_code = op
            .headers
            .iter()
            .find(|h| h.source == HeaderSource::AppCode)
            .and_then(|h| route::header(request.headers(), h.name))
            .map(str::to_string);
        let order = match self
            .store
            .insert(spec, &merchant_order_no, stored, app_code)
        {
            Ok(order) => order,
            Err(StoreError::Duplicate) => {
                let code = code_for(spec, Rejection::DuplicateOrder);
                let message = format!("duplicate merchant order number {merchant_order_no}");
                return answer::rejected(envelope, code, &message).into();
            }
            Err(StoreError::Full) => return answer::text(503, "the mock's store is full\n").into(),
        };
        let payload = payload(spec, op.answer, &[order], self.keys.platform(spec.id));
        let accepted = answer::accepted(envelope, op.answer, payload);
        // The order is remembered: a fault only loses its answer.
        match Fault::of(&merchant_order_no) {
            None => accepted.into(),
            Some(Fault::Delay) => Reply {
                delay: Some(self.delay),
                response: accepted,
            },
            Some(Fault::ServerError) => answer::text(500, "Internal Server Error\n").into(),
            Some(Fault::Empty) => answer::text(200, "").into(),
            Some(Fault::Garbage) => answer::text(200, "<html>oops").into(),
        }
    }

    fn query(&self, call: Call<'_>) -> Reply {
        let Call {
            spec,
            op,
            envelope,
            fields,
            ..
        } = call;
        let merchant_order_no =
            merchant_order_field(spec).and_then(|field| route::text(&fields.object, field));
        let platform_order_no =
            order_field(spec, op.answer).and_then(|field| route::text(&fields.object, field));
        let orders = self.store.find(
            spec.id,
            merchant_order_no.as_deref(),
            platform_order_no.as_deref(),
        );
        let list = op.answer.is_some_and(|a| a.list);
        if !list && orders.is_empty() {
            return answer::rejected(envelope, MOCK_NOT_FOUND, "order not found").into();
        }
        let key = self.keys.platform(spec.id);
        answer::accepted(envelope, op.answer, payload(spec, op.answer, &orders, key)).into()
    }
}

/// Every header the operation sends must have come, constants with their value.
fn check_headers(op: &OperationInfo, headers: &http::HeaderMap) -> Result<(), String> {
    for plan in op.headers {
        match (plan.source, route::header(headers, plan.name)) {
            (_, None | Some("")) => return Err(format!("the `{}` header is missing", plan.name)),
            (HeaderSource::Constant(value), Some(got)) if got != value => {
                return Err(format!("the `{}` header must be {value}", plan.name));
            }
            _ => {}
        }
    }
    Ok(())
}

/// The answer's payload: one record, or a list of them. A record whose documented
/// fields include the signature is signed with the platform's key, as the provider signs
/// it (the gateway's query records).
fn payload(
    spec: &SpecInfo,
    shape: Option<&AnswerShape>,
    orders: &[Order],
    key: Option<&SigningKey>,
) -> Value {
    let signed = |order: &Order| {
        let mut fields = record(spec, shape, order);
        if let (Some(signing), Some(shape), Some(key)) = (spec.signing, shape, key)
            && spec.signed_headers.is_empty()
            && shape
                .fields
                .iter()
                .any(|(name, _)| Some(*name) == signing.signature_field())
        {
            // Unsigned if the record cannot be signed: the client then reads it as unknown.
            let _ = signing.sign_body(&mut fields, &[], key);
        }
        Value::Object(fields)
    };
    match (shape.is_some_and(|s| s.list), orders) {
        (true, _) => Value::Array(orders.iter().map(signed).collect()),
        (false, [one]) => signed(one),
        (false, _) => Value::Null,
    }
}

/// An order as the provider describes it: its numbers, status code and amount, under
/// the field names of the answer (or callback) shape.
pub(super) fn record(
    spec: &SpecInfo,
    shape: Option<&AnswerShape>,
    order: &Order,
) -> Map<String, Value> {
    let mut fields = Map::new();
    if let Some(field) = shape.and_then(|s| s.platform_order_no) {
        fields.insert(field.into(), Value::String(order.platform_order_no.clone()));
    }
    if let Some(field) = shape.and_then(|s| s.merchant_order_no) {
        fields.insert(field.into(), Value::String(order.merchant_order_no.clone()));
    }
    if let Some(amount) = order.request.get("amount") {
        fields.insert("amount".into(), amount.clone());
    }
    if let Some((field, code)) = status_code(spec, order.state) {
        fields.insert(field.into(), code);
    }
    // Every other documented field, so that typed answers and callbacks read: what the
    // request sent under the same name and in the same JSON form (Asaas's `value`,
    // `description`), else a placeholder that says the mock knows no real value.
    for (name, form) in shape.map_or(&[][..], |s| s.fields) {
        let excluded = spec
            .signing
            .is_some_and(|s| s.signature_field() == Some(*name) || scheme_excludes(s, name));
        if excluded || fields.contains_key(*name) {
            continue;
        }
        let placeholder = form.placeholder(name);
        let value = match order.request.get(*name) {
            Some(sent) if same_form(sent, &placeholder) => sent.clone(),
            _ => placeholder,
        };
        fields.insert((*name).to_string(), value);
    }
    fields
}

/// Whether two values are the same JSON form: both text, both numbers or both booleans.
fn same_form(a: &Value, b: &Value) -> bool {
    matches!(
        (a, b),
        (Value::String(_), Value::String(_))
            | (Value::Number(_), Value::Number(_))
            | (Value::Bool(_), Value::Bool(_))
    )
}

/// Whether a field is one the signing scheme leaves out (the selector, the signature).
fn scheme_excludes(signing: &crate::signing::Signing, name: &str) -> bool {
    signing
        .scheme_for(None)
        .is_ok_and(|scheme| scheme.canonical().is_some_and(|c| c.excludes(name)))
}

/// The status field and the code the spec gives a state.
pub(super) fn status_code(spec: &SpecInfo, state: PayoutState) -> Option<(&'static str, Value)> {
    let statuses = spec.statuses?;
    Some((statuses.field, statuses.code_of(state)?))
}

/// The request field with the merchant's order number: the callback's name for it (the
/// same in requests), else any answer's.
pub(super) fn merchant_order_field(spec: &SpecInfo) -> Option<&'static str> {
    spec.callback.map(|c| c.merchant_order_no).or_else(|| {
        spec.operations
            .iter()
            .find_map(|op| op.answer.and_then(|a| a.merchant_order_no))
    })
}

/// The request field with the platform's order number (the gateway's query by
/// `payout_id`).
fn order_field(spec: &SpecInfo, shape: Option<&AnswerShape>) -> Option<&'static str> {
    shape
        .and_then(|a| a.platform_order_no)
        .or_else(|| spec.callback.and_then(|c| c.platform_order_no))
}
