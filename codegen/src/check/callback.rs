//! Checks of the callback: its verification (the spec's signing, or a token header), its
//! headers, where its payout is, and the reply the provider expects.

use super::Checker;
use super::exchange::{DataContext, data_fields, documented};
use crate::load::at::At;
use crate::load::raw::RawCallback;
use crate::model::{CallbackDef, Signing};

/// Checks the spec's `callback` against its signing section (`signing` is `None` with
/// `signing_declared` when the section has problems of its own, already reported).
pub(crate) fn check_callback(
    c: &mut Checker<'_>,
    raw: &At<RawCallback>,
    signing: Option<&Signing>,
    signing_declared: bool,
    context: DataContext<'_>,
) -> Option<CallbackDef> {
    let fields = data_fields(
        c,
        &raw.fields,
        context,
        Some(raw.merchant_order_no.as_str()),
        raw.platform_order_no.as_deref().map(String::as_str),
    );
    documented(c, Some(&raw.merchant_order_no), &fields, "callback");
    documented(c, raw.platform_order_no.as_ref(), &fields, "callback");
    for (name, value) in &raw.headers {
        if http::HeaderName::from_bytes(name.as_bytes()).is_err() {
            c.error(
                name.pos(),
                format!("`{}` is not an HTTP header name", **name),
            );
        }
        if value.is_empty() || http::HeaderValue::from_str(value).is_err() {
            c.error(
                value.pos(),
                format!("`{}` is not a value an HTTP header can carry", **value),
            );
        }
    }
    if signing.is_none() && signing_declared {
        return None;
    }
    let signed_headers = signing.map(|s| s.header_extras()).unwrap_or_default();
    match (&raw.nonce_header, signed_headers.is_empty()) {
        (None, false) => {
            c.error(raw.merchant_order_no.pos(), format!(
                "the signature covers the {} header, but the callback names no `nonce_header` to read it from",
                signed_headers.join(", ")
            ));
        }
        (Some(h), true) => {
            c.error(
                h.pos(),
                "the signature covers no header: `nonce_header` has nothing to do",
            );
        }
        _ => {}
    }
    match (signing, &raw.token_header) {
        (None, None) => {
            c.error(
                raw.merchant_order_no.pos(),
                "a callback is verified with the spec's `signing`, and there is none",
            )
            .help = Some("for a provider that sends a token instead, add `token_header`".into());
            return None;
        }
        (Some(_), Some(token)) => {
            c.error(
                token.pos(),
                "the callback is verified by the spec's `signing`: a token header is not also read",
            );
            return None;
        }
        (None, Some(token)) if http::HeaderName::from_bytes(token.as_bytes()).is_err() => {
            c.error(
                token.pos(),
                format!("`{}` is not an HTTP header name", **token),
            );
            return None;
        }
        _ => {}
    }
    let reply_status = raw.reply.status.as_ref().map_or(200, |s| *s.get());
    if !(200..300).contains(&reply_status) {
        c.error(
            raw.reply.status.as_ref().map_or(raw.reply.pos(), At::pos),
            format!("a reply of HTTP {reply_status} tells the provider the callback failed: a reply is a 2xx"),
        );
    }
    if let (None, Some(body)) = (&raw.reply.content_type, &raw.reply.body)
        && !body.is_empty()
    {
        c.error(body.pos(), "a reply with a body needs its `content_type`");
    }
    let form = raw
        .content_type
        .as_ref()
        .is_some_and(|t| super::forms::is_form(t));
    if form {
        super::forms::check_form_callback(c, raw);
    }
    Some(CallbackDef {
        form,
        data: raw.data.as_ref().map(|d| d.get().clone()),
        token_header: raw.token_header.as_ref().map(|h| h.to_ascii_lowercase()),
        reply_status,
        doc: raw.doc.as_ref().map(|d| d.get().clone()),
        nonce_header: raw.nonce_header.as_ref().map(|h| h.get().clone()),
        fixed_headers: raw
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.get().clone()))
            .collect(),
        merchant_order_no: raw.merchant_order_no.get().clone(),
        platform_order_no: raw.platform_order_no.as_ref().map(|o| o.get().clone()),
        reply_content_type: raw.reply.content_type.as_ref().map(|t| t.get().clone()),
        reply_body: raw
            .reply
            .body
            .as_ref()
            .map(|b| b.get().clone())
            .unwrap_or_default(),
        fields,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    })
}
