//! The control endpoint `POST /_mock/callback`: a test moves an order to a state, and the
//! mock sends the spec's callback to the merchant as the provider would, then reports
//! what the merchant answered.
//!
//! ```json
//! {"spec": "teemopay-mx", "merchant_order_no": "order-1", "state": "succeeded"}
//! ```
//!
//! `state` is one of `pending`, `processing`, `succeeded`, `failed`, `refunded`,
//! `partially-refunded`; the mock does not police transitions, so a test can send a
//! refund after a success, repeat a callback, or send an impossible one. The callback
//! goes to the optional `url`, else to the order's own callback URL (the create request's
//! field whose name contains `callback` or `notify`: `callbackUrl`, `notify_url`).
//!
//! The callback carries the callback plan's merchant and platform order numbers, the
//! status code the spec gives the state, the create request's `amount`, and the field
//! that chose the signing scheme if the create request had one (the gateway's
//! `sign_type`). It is signed with the platform's key over every field, with a fresh value
//! for each signed header (the nonce). Its headers are the create operation's constants
//! (`country`), its timestamps, the signed headers, and the merchant's application code
//! under the create header's name in camelCase (`app_code` becomes `appCode`, as
//! TeemoPay's callback page spells it).
//!
//! The answer: `{"sent": true, "http_status": 200, "reply": "SUCCESS", "expected_reply":
//! "SUCCESS", "acknowledged": true, "state": "succeeded", "status": 2}`, or `"sent":
//! false` with an `error` (HTTP 502) when the merchant could not be reached.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::answer;
use super::provider::{Provider, status_code};
use super::store::Order;
use crate::client::blocking::Client;
use crate::signing::{Fields, MessageInput, Placement, Schemes, SigningKey};
use crate::wire::{AnswerShape, BodyFormat, CallbackPlan, HeaderSource, PayoutState, Unknown};
use crate::{OperationRole, SpecInfo};

/// The control endpoint's path.
pub const CALLBACK_PATH: &str = "/_mock/callback";

/// Handles a control request.
pub(super) fn control(
    provider: &Provider,
    client: &Client,
    request: &http::Request<Vec<u8>>,
) -> http::Response<Vec<u8>> {
    if request.method() != http::Method::POST || request.uri().path() != CALLBACK_PATH {
        return error(404, format!("the control endpoint is POST {CALLBACK_PATH}"));
    }
    let Ok(Value::Object(ask)) = serde_json::from_slice::<Value>(request.body()) else {
        return error(400, "the body must be a JSON object".into());
    };
    let field = |name: &str| ask.get(name).and_then(Value::as_str);
    let Some(spec) = provider
        .specs
        .iter()
        .copied()
        .find(|s| Some(s.id) == field("spec"))
    else {
        return error(404, "`spec` names no spec".into());
    };
    let Some(state) = field("state").and_then(parse_state) else {
        return error(400, "`state` must be pending, processing, succeeded, failed, refunded or partially-refunded".into());
    };
    let Some(merchant_order_no) = field("merchant_order_no") else {
        return error(400, "`merchant_order_no` is missing".into());
    };
    let Some(plan) = spec.callback else {
        return error(400, format!("{} documents no callback", spec.id));
    };
    let Some(order) = provider.store.set_state(spec.id, merchant_order_no, state) else {
        return error(404, format!("{} has no order {merchant_order_no}", spec.id));
    };
    let Some(url) = field("url")
        .map(str::to_string)
        .or_else(|| callback_url(&order.request))
    else {
        return error(400, "the order has no callback URL: give `url`".into());
    };
    let Some(key) = provider.keys.platform(spec.id) else {
        return error(500, format!("no platform key for {}", spec.id));
    };
    let (record, mut headers) = callback_parts(spec, plan, &order);
    let body = match authenticate(spec, plan, record, &mut headers, key) {
        Ok(body) => body,
        Err(why) => return error(500, why),
    };
    let content_type = match plan.body {
        BodyFormat::Json => "application/json",
        BodyFormat::Form => "application/x-www-form-urlencoded",
    };
    headers.push(("content-type".into(), content_type.into()));
    let sent = send(client, &url, headers, body);
    let mut report = json!({
        "state": state.to_string(),
        "status": status_code(spec, state).map(|(_, code)| code),
        "expected_reply": plan.reply_body,
    });
    match sent {
        Ok(reply) => {
            let text = String::from_utf8_lossy(reply.body()).into_owned();
            report["sent"] = Value::Bool(true);
            report["http_status"] = Value::from(reply.status().as_u16());
            report["acknowledged"] = Value::Bool(
                reply.status().as_u16() == plan.reply_status && acknowledged(plan, &text),
            );
            report["reply"] = Value::String(text);
            answer::json(200, &report)
        }
        Err(why) => {
            report["sent"] = Value::Bool(false);
            report["error"] = Value::String(why);
            answer::json(502, &report)
        }
    }
}

/// The callback's bytes, signed as the spec signs (a body field, or a header over the
/// bytes) or carrying the merchant's token; the payout's record placed where the spec's
/// `data` says.
fn authenticate(
    spec: &SpecInfo,
    plan: &CallbackPlan,
    mut record: Map<String, Value>,
    headers: &mut Vec<(String, String)>,
    key: &SigningKey,
) -> Result<Vec<u8>, String> {
    let extras: Vec<(String, String)> = headers
        .iter()
        .filter_map(|(h, v)| {
            let (name, _) = plan.signed_headers.iter().find(|(_, header)| header == h)?;
            Some(((*name).to_string(), v.clone()))
        })
        .collect();
    let extras: Vec<(&str, &str)> = extras
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signing = match (spec.signing, plan.token_header) {
        (_, Some(header)) => {
            let SigningKey::Secret(token) = key else {
                return Err("a callback token is a shared secret".into());
            };
            headers.push((header.to_string(), token.expose().to_string()));
            return to_bytes(plan, &nest(plan, record));
        }
        (Some(signing), None) => signing,
        (None, None) => return Err(format!("{} says no way to verify its callbacks", spec.id)),
    };
    match signing.signature {
        Placement::Field(_) => {
            signing
                .sign_body(&mut record, &extras, key)
                .map_err(|e| format!("cannot sign the callback: {e}"))?;
            to_bytes(plan, &nest(plan, record))
        }
        Placement::Header { name, prefix } => {
            let body = nest(plan, record);
            let bytes = to_bytes(plan, &body)?;
            let input = MessageInput {
                body: Some(&bytes),
                ..MessageInput::fields(Fields::Body(&body), &extras)
            };
            let signature = signing
                .scheme_for_body(&body)
                .map_err(|e| e.to_string())?
                .sign_message(&input, key)
                .map_err(|e| format!("cannot sign the callback: {e}"))?;
            headers.push((name.to_string(), format!("{prefix}{signature}")));
            Ok(bytes)
        }
    }
}

/// The record where the callback's `data` puts it.
fn nest(plan: &CallbackPlan, record: Map<String, Value>) -> Map<String, Value> {
    match plan.data {
        None => record,
        Some(place) => {
            let mut body = Map::new();
            crate::wire::insert_at(&mut body, place, Value::Object(record));
            body
        }
    }
}

/// The callback's bytes in the spec's format (a form's values are the fields' text).
fn to_bytes(plan: &CallbackPlan, body: &Map<String, Value>) -> Result<Vec<u8>, String> {
    plan.body.write(body).map_err(|e| e.to_string())
}

/// The callback's body (unsigned) and headers.
fn callback_parts(
    spec: &SpecInfo,
    plan: &CallbackPlan,
    order: &Order,
) -> (Map<String, Value>, Vec<(String, String)>) {
    let shape = AnswerShape {
        platform_order_no: plan.platform_order_no,
        merchant_order_no: Some(plan.merchant_order_no),
        list: false,
        data: None,
        fields: plan.fields,
    };
    let mut body = super::provider::record(spec, Some(&shape), order);
    if let Some(Schemes::Selected(selector)) = spec.signing.map(|s| &s.schemes)
        && let Some(chosen) = order.request.get(selector.field)
    {
        body.insert(selector.field.into(), chosen.clone());
    }
    let mut headers = Vec::new();
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let create = spec
        .operations
        .iter()
        .find(|op| op.role == OperationRole::Create);
    for plan_header in create.map_or(&[][..], |op| op.headers) {
        let value = match plan_header.source {
            HeaderSource::Constant(value) => value.to_string(),
            HeaderSource::UnixMillis => since_epoch.as_millis().to_string(),
            HeaderSource::UnixSeconds => since_epoch.as_secs().to_string(),
            HeaderSource::Iso8601 => {
                humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
            }
            HeaderSource::RequestId => uuid::Uuid::new_v4().to_string(),
            HeaderSource::AppCode => match &order.app_code {
                Some(code) => {
                    headers.push((camel_case(plan_header.name), code.clone()));
                    continue;
                }
                None => continue,
            },
            // The callback's own signed headers are added below; no authorization is sent.
            HeaderSource::Nonce(_)
            | HeaderSource::Authorization
            | HeaderSource::KeyId
            | HeaderSource::ApiKey
            | HeaderSource::Bearer
            | HeaderSource::Basic
            | HeaderSource::BasicApiKey => continue,
        };
        headers.push((plan_header.name.to_string(), value));
    }
    for (_, header) in plan.signed_headers {
        let nonce = crate::nonce::nonce(spec.nonce_length.unwrap_or(32));
        headers.push(((*header).to_string(), nonce));
    }
    (body, headers)
}

/// POSTs the callback.
fn send(
    client: &Client,
    url: &str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
) -> Result<http::Response<Vec<u8>>, String> {
    let mut request = http::Request::builder().method("POST").uri(url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let request = request
        .body(body)
        .map_err(|e| format!("cannot build the callback to {url}: {e}"))?;
    client.exchange(&request).map_err(|why| match why {
        Unknown::Timeout => format!("{url} did not answer in time"),
        Unknown::Transport(reason) => reason,
        other => format!("{other:?}"),
    })
}

/// Whether the merchant's reply is the one the provider expects (JSON compared as JSON).
fn acknowledged(plan: &CallbackPlan, reply: &str) -> bool {
    if plan.reply_content_type.is_some_and(|t| t.contains("json")) {
        let parse = |text: &str| serde_json::from_str::<Value>(text).ok();
        parse(reply).is_some() && parse(reply) == parse(plan.reply_body)
    } else {
        reply.trim() == plan.reply_body
    }
}

/// The order's callback URL: the create request's field naming one.
fn callback_url(request: &Map<String, Value>) -> Option<String> {
    request.iter().find_map(|(name, value)| {
        let name = name.to_ascii_lowercase();
        let named = name.contains("callback") || name.contains("notify");
        match value {
            Value::String(url) if named && !url.is_empty() => Some(url.clone()),
            _ => None,
        }
    })
}

fn parse_state(text: &str) -> Option<PayoutState> {
    Some(match text.to_ascii_lowercase().replace('_', "-").as_str() {
        "pending" => PayoutState::Pending,
        "processing" => PayoutState::Processing,
        "succeeded" | "success" => PayoutState::Succeeded,
        "failed" => PayoutState::Failed,
        "refunded" => PayoutState::Refunded,
        "partially-refunded" => PayoutState::PartiallyRefunded,
        _ => return None,
    })
}

/// `app_code` -> `appCode`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' || c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn error(status: u16, message: String) -> http::Response<Vec<u8>> {
    answer::json(status, &json!({ "error": message }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_states_and_urls() {
        assert_eq!(camel_case("app_code"), "appCode");
        assert_eq!(camel_case("country"), "country");
        assert_eq!(
            parse_state("partially_refunded"),
            Some(PayoutState::PartiallyRefunded)
        );
        assert_eq!(parse_state("paid"), None);
        let request = json!({"amount": "1", "notify_url": "http://127.0.0.1:1/n"});
        let Value::Object(request) = request else {
            panic!()
        };
        assert_eq!(
            callback_url(&request).as_deref(),
            Some("http://127.0.0.1:1/n")
        );
    }
}
