//! Which spec and operation a request is for, and the request's fields as JSON.
//!
//! Routing is by method and path; specs that share a path (the four TeemoPay countries
//! all post to `/api/pay/payout/create/v1`) are told apart by their constant headers
//! (`country: MX`), exactly as the provider tells them apart.

use serde_json::{Map, Value};

use crate::wire::HeaderSource;
use crate::{OperationInfo, SpecInfo};

/// Where a request goes.
#[derive(Debug)]
pub(super) enum Route {
    /// One operation of one spec.
    Endpoint(&'static SpecInfo, &'static OperationInfo),
    /// No spec has this method and path.
    NotFound,
    /// Several specs have it, and the constant headers do not tell which.
    Ambiguous(Vec<&'static str>),
}

/// The operation a request is for.
pub(super) fn route(specs: &[&'static SpecInfo], request: &http::Request<Vec<u8>>) -> Route {
    let path = request.uri().path();
    let candidates: Vec<_> = specs
        .iter()
        .flat_map(|spec| spec.operations.iter().map(move |op| (*spec, op)))
        .filter(|(_, op)| {
            op.method == request.method().as_str() && path_values(op.path, path).is_some()
        })
        .collect();
    if let [(spec, op)] = candidates.as_slice() {
        return Route::Endpoint(spec, op);
    }
    let matching: Vec<_> = candidates
        .iter()
        .filter(|(_, op)| constants_match(op, request.headers()))
        .collect();
    match matching.as_slice() {
        [(spec, op)] => Route::Endpoint(spec, op),
        [] if candidates.is_empty() => Route::NotFound,
        [] => Route::Ambiguous(candidates.iter().map(|(s, _)| s.id).collect()),
        several => Route::Ambiguous(several.iter().map(|(s, _)| s.id).collect()),
    }
}

/// The values a request path gives a template's `{name}` segments, if it matches.
pub(super) fn path_values(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let (mut want, mut got) = (template.split('/'), path.split('/'));
    let mut values = Vec::new();
    loop {
        match (want.next(), got.next()) {
            (None, None) => return Some(values),
            (Some(w), Some(g)) => match w.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                Some(name) if !g.is_empty() => {
                    let value = percent_encoding::percent_decode_str(g).decode_utf8().ok()?;
                    values.push((name.to_string(), value.into_owned()));
                }
                Some(_) => return None,
                None if w == g => {}
                None => return None,
            },
            _ => return None,
        }
    }
}

/// Whether every constant header of the operation came with its value.
pub(super) fn constants_match(op: &OperationInfo, headers: &http::HeaderMap) -> bool {
    op.headers.iter().all(|h| match h.source {
        HeaderSource::Constant(value) => header(headers, h.name) == Some(value),
        _ => true,
    })
}

/// A header's value as text.
pub(super) fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A request's fields: the JSON body, plus the operation's query-string fields as strings
/// (the decoder accepts digits in a string where a number is expected, as the pages'
/// examples need).
#[derive(Debug)]
pub(super) struct Fields {
    /// The fields.
    pub object: Map<String, Value>,
    /// The bytes to validate: the body as received, or the fields written as JSON when
    /// some came in the query string.
    pub json: Vec<u8>,
}

/// Why a request's fields could not be read.
#[derive(Debug)]
pub(super) enum FieldsError {
    /// The body is not a JSON object.
    NotJson(String),
}

/// Reads the fields of a request to `op`.
pub(super) fn fields(
    op: &OperationInfo,
    request: &http::Request<Vec<u8>>,
) -> Result<Fields, FieldsError> {
    let body = request.body();
    let format = crate::wire::BodyFormat::of(op.content_type);
    let mut object = if body.iter().all(u8::is_ascii_whitespace) {
        Map::new()
    } else if format == crate::wire::BodyFormat::Form {
        // A form's fields as text, validated as the JSON object they make.
        format
            .read(body)
            .map_err(|e| FieldsError::NotJson(e.to_string()))?
    } else {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(object)) => object,
            Ok(_) => return Err(FieldsError::NotJson("the body is not a JSON object".into())),
            Err(e) => return Err(FieldsError::NotJson(format!("the body is not JSON: {e}"))),
        }
    };
    let outside_body = format == crate::wire::BodyFormat::Form;
    let query = request.uri().query().unwrap_or("");
    let mut outside_body = outside_body;
    for (name, value) in path_values(op.path, request.uri().path()).unwrap_or_default() {
        object.insert(name, Value::String(value));
        outside_body = true;
    }
    for name in op.header_fields {
        if let Some(value) = header(request.headers(), name) {
            object.insert((*name).to_string(), Value::String(value.to_string()));
            outside_body = true;
        }
    }
    if !outside_body && (op.query_fields.is_empty() || query.is_empty()) {
        let json = if object.is_empty() {
            b"{}".to_vec()
        } else {
            body.clone()
        };
        return Ok(Fields { object, json });
    }
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        object.insert(name.into_owned(), Value::String(value.into_owned()));
    }
    let json = serde_json::to_vec(&object).unwrap_or_default();
    Ok(Fields { object, json })
}

/// A field's value as text (a string, or a number's exact text).
pub(super) fn text(object: &Map<String, Value>, field: &str) -> Option<String> {
    match object.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
