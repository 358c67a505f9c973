//! The wire, sans-IO: the spec's answers, statuses and callback as statics, each
//! operation's request as an `http::Request` and its answer as an `Outcome`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{doc, ident};
use crate::model::{
    FieldLocation, Header, HeaderSource, HeaderValue, Kind, Operation, OperationRole, Spec,
};

fn rejection(r: crate::model::Rejection) -> TokenStream {
    let name = format_ident!("{r:?}");
    quote! { crate::runtime::wire::Rejection::#name }
}

fn state(s: crate::model::PayoutState) -> TokenStream {
    let name = format_ident!("{s:?}");
    quote! { crate::runtime::wire::PayoutState::#name }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote! { Some(#v) },
        None => quote! { None },
    }
}

/// `ENVELOPE`, `STATUSES`, `CALLBACK`, `receive_callback` and `callback_reply`.
pub fn module_items(spec: &Spec) -> TokenStream {
    let mut items = TokenStream::new();
    if let Some(a) = &spec.answers {
        let (code, accepted) = (&a.code, &a.accepted);
        let (message, data) = (
            option_str(a.message.as_deref()),
            option_str(a.data.as_deref()),
        );
        let codes = a.codes.iter().map(|(code, meaning, doc)| {
            let meaning = rejection(*meaning);
            quote! { crate::runtime::wire::ResultCode { code: #code, rejection: #meaning, doc: #doc } }
        });
        let rejected_on = match &a.rejected_on {
            Some(statuses) => {
                quote! { crate::runtime::wire::HttpStatuses::Only(&[ #( #statuses ),* ]) }
            }
            None => quote! { crate::runtime::wire::HttpStatuses::Success },
        };
        let unlisted = match &a.unlisted_quote {
            Some(quote) => quote! { Some(crate::runtime::wire::UnlistedCodes { quote: #quote }) },
            None => quote! { None },
        };
        let heading = format!(
            "How the provider answers: the result code is `{code}`; {} means the call was accepted (not that the payout succeeded).",
            accepted.join(" or ")
        );
        let rule = match &a.unlisted_quote {
            Some(quote) => format!(
                "A code listed below is a rejection; so is any unlisted code, as the page says: \"{quote}\"."
            ),
            None => "Only a code listed below is a rejection; any other code is an unknown outcome: query, never assume failure.".to_string(),
        };
        let docs = doc([heading.as_str(), rule.as_str()]
            .into_iter()
            .chain(a.note.as_deref()));
        items.extend(quote! {
            #docs
            pub static ENVELOPE: crate::runtime::wire::Envelope = crate::runtime::wire::Envelope {
                code: #code,
                accepted: &[ #( #accepted ),* ],
                message: #message,
                data: #data,
                codes: &[ #( #codes ),* ],
                rejected_on: #rejected_on,
                unlisted: #unlisted,
            };
        });
    }
    if let Some(s) = &spec.statuses {
        let field = &s.field;
        let values = s.values.iter().map(|(code, name, st, _)| {
            let st = state(*st);
            quote! { (#code, #name, #st) }
        });
        let listing: Vec<String> = s
            .values
            .iter()
            .map(|(code, name, st, doc)| {
                format!(
                    "- `{code}` {name}: {st:?}{}",
                    doc.as_ref().map_or(String::new(), |d| format!(" ({d})"))
                )
            })
            .collect();
        let heading = format!(
            "The payout status codes in `{field}`; a code not listed is kept, never guessed."
        );
        let listing = listing.join("\n");
        let docs = doc([heading.as_str(), listing.as_str()]
            .into_iter()
            .chain(s.note.as_deref()));
        items.extend(quote! {
            #docs
            pub static STATUSES: crate::runtime::wire::StatusTable = crate::runtime::wire::StatusTable {
                field: #field,
                values: &[ #( #values ),* ],
            };
        });
    }
    if let Some(cb) = &spec.callback {
        let signed: Vec<TokenStream> = match (&spec.signing, &cb.nonce_header) {
            (Some(signing), Some(header)) => signing
                .header_extras()
                .into_iter()
                .map(|name| quote! { (#name, #header) })
                .collect(),
            _ => Vec::new(),
        };
        let merchant = &cb.merchant_order_id;
        let fixed = cb.fixed_headers.iter().map(|(n, v)| quote! { (#n, #v) });
        let documented = cb.fields.iter().map(|f| &f.name);
        let order = option_str(cb.order_id.as_deref());
        let (content_type, body) = (&cb.reply_content_type, &cb.reply_body);
        let statuses = if spec.statuses.is_some() {
            quote! { Some(&STATUSES) }
        } else {
            quote! { None }
        };
        let docs = doc(["The provider's callback of a payout's fate.".into()]
            .iter()
            .map(String::as_str)
            .chain(cb.doc.as_deref())
            .chain(cb.note.as_deref()));
        let reply_doc = format!(
            "The reply the provider expects (`{content_type}`: `{body}`); anything else and it sends the callback again."
        );
        let reply_doc = super::names::doc([reply_doc.trim()]);
        let nonce = match &cb.nonce_header {
            Some(h) => format!(" The `{h}` header's value is part of the signed string."),
            None => String::new(),
        };
        let receive_doc = format!(
            "Verifies a callback as received, over every field that arrived, with the platform's key, then reads it.{nonce} A callback that does not verify is refused: do not act on it."
        );
        let receive_doc = super::names::doc([receive_doc.trim()]);
        items.extend(quote! {
            #docs
            pub static CALLBACK: crate::runtime::wire::CallbackPlan = crate::runtime::wire::CallbackPlan {
                signed_headers: &[ #( #signed ),* ],
                fixed_headers: &[ #( #fixed ),* ],
                fields: &[ #( #documented ),* ],
                merchant_order_id: #merchant,
                order_id: #order,
                reply_content_type: #content_type,
                reply_body: #body,
            };

            #receive_doc
            pub fn receive_callback<'k, B: AsRef<[u8]>>(
                request: &http::Request<B>,
                key: impl Into<crate::runtime::signing::VerifyingKeyRef<'k>>,
            ) -> Result<crate::runtime::wire::Callback, crate::runtime::wire::CallbackError> {
                CALLBACK.receive(&SIGNING, #statuses, request.headers(), request.body().as_ref(), key)
            }

            #reply_doc
            pub fn callback_reply() -> http::Response<Vec<u8>> {
                CALLBACK.reply()
            }
        });
    }
    items
}

fn header_plan(h: &Header) -> TokenStream {
    let name = &h.name;
    let source = match &h.value {
        HeaderValue::Constant(v) => quote! { crate::runtime::wire::HeaderSource::Constant(#v) },
        HeaderValue::From { source, length } => match source {
            HeaderSource::UnixMillis => quote! { crate::runtime::wire::HeaderSource::UnixMillis },
            HeaderSource::UnixSeconds => quote! { crate::runtime::wire::HeaderSource::UnixSeconds },
            HeaderSource::Nonce => {
                let n = length.unwrap_or(32) as usize;
                quote! { crate::runtime::wire::HeaderSource::Nonce(#n) }
            }
            HeaderSource::AppCode => quote! { crate::runtime::wire::HeaderSource::AppCode },
            HeaderSource::Authorization => {
                quote! { crate::runtime::wire::HeaderSource::Authorization }
            }
        },
    };
    quote! { crate::runtime::wire::HeaderPlan { name: #name, source: #source } }
}

/// `HEADERS`, `ANSWER`, `read_answer` and `to_http` for one operation.
pub fn operation_items(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let headers = op.headers.iter().map(header_plan);
    let role = match op.role {
        OperationRole::Create => quote! { crate::runtime::OperationRole::Create },
        OperationRole::Query => quote! { crate::runtime::OperationRole::Query },
    };
    let query_fields: Vec<_> = op
        .fields
        .iter()
        .filter(|f| f.location == FieldLocation::Query)
        .collect();
    let query = query_fields.iter().map(|f| {
        let (wire, name) = (&f.wire, ident(&f.rust));
        let text = match &f.kind {
            Kind::Text => quote! { value.clone() },
            Kind::Enum(_) => quote! { value.code().to_string() },
            _ => quote! { value.to_string() },
        };
        if f.required {
            quote! { { let value = &self.#name; query.push((#wire, #text)); } }
        } else {
            quote! { if let Some(value) = &self.#name { query.push((#wire, #text)); } }
        }
    });
    let query_fn = if query_fields.is_empty() {
        quote! {
            /// No field travels in the URL's query string.
            fn query_pairs(&self) -> Vec<(&'static str, String)> {
                Vec::new()
            }
        }
    } else {
        quote! {
            /// The fields that travel in the URL's query string.
            fn query_pairs(&self) -> Vec<(&'static str, String)> {
                let mut query = Vec::new();
                #( #query )*
                query
            }
        }
    };
    let has_body = op.fields.iter().any(|f| f.location == FieldLocation::Body);
    let (method, path) = (&op.method, &op.path);
    let content_type = option_str(op.content_type.as_deref());
    let mut items = quote! {
        impl #ty {
            /// Creates or reads a payout: a create is never retried automatically.
            pub const ROLE: crate::runtime::OperationRole = #role;
            /// The request headers and where each value comes from.
            pub const HEADERS: &'static [crate::runtime::wire::HeaderPlan] = &[ #( #headers ),* ];

            #query_fn
        }
    };
    let parts = |signed_headers: TokenStream, body: TokenStream, request: TokenStream| {
        quote! {
            crate::runtime::wire::build_request(
                crate::runtime::wire::RequestParts {
                    method: #method,
                    path: #path,
                    content_type: #content_type,
                    headers: #ty::HEADERS,
                    signed_headers: #signed_headers,
                    query: #request.query_pairs(),
                    body: #body,
                },
                credentials,
                now,
            )
        }
    };
    let to_http_doc = " The request as sent: method, path (relative: the client adds its base URL), query, headers from their sources (the signed nonce, the time `now`, the credentials), body.";
    let to_http_doc = super::names::doc([to_http_doc.trim()]);
    // A signed operation is sent from its `Signed` form (the body carries the signature,
    // the headers the signed nonce); any other from its `Valid` form.
    let (target, build) = if op.signature_field().is_some() && spec.signing.is_some() {
        let build = parts(
            quote! { self.signed_headers() },
            quote! { Some(self.to_json()?) },
            quote! { self.request() },
        );
        (quote! { crate::runtime::Signed<#ty> }, build)
    } else {
        let body = if has_body {
            quote! { Some(serde_json::to_vec(&**self)?) }
        } else {
            quote! { None }
        };
        (
            quote! { crate::runtime::Valid<#ty> },
            parts(quote! { &[] }, body, quote! { self }),
        )
    };
    items.extend(quote! {
        impl #target {
            #to_http_doc
            pub fn to_http(
                &self,
                credentials: &crate::runtime::wire::Credentials,
                now: std::time::SystemTime,
            ) -> Result<http::Request<Vec<u8>>, crate::runtime::wire::WireError> {
                #build
            }
        }
    });
    if let (Some(answer), Some(_)) = (&op.answer, &spec.answers) {
        let (order, merchant) = (
            option_str(answer.order_id.as_deref()),
            option_str(answer.merchant_order_id.as_deref()),
        );
        let list = answer.list;
        let statuses = if spec.statuses.is_some() {
            quote! { Some(&STATUSES) }
        } else {
            quote! { None }
        };
        let fields: Vec<String> = answer
            .fields
            .iter()
            .map(|f| {
                format!(
                    "- `{}`{}{}",
                    f.name,
                    if f.nullable { " (may be null)" } else { "" },
                    f.doc.as_ref().map_or(String::new(), |d| format!(": {d}"))
                )
            })
            .collect();
        let listing = fields.join("\n");
        let docs = doc([
            "What the accepted answer carries; fields not listed are kept too.",
            listing.as_str(),
        ]
        .into_iter()
        .chain(answer.note.as_deref()));
        items.extend(quote! {
            impl #ty {
                #docs
                pub const ANSWER: crate::runtime::wire::AnswerShape = crate::runtime::wire::AnswerShape {
                    order_id: #order,
                    merchant_order_id: #merchant,
                    list: #list,
                };

                /// Reads the provider's answer: accepted (not: paid), rejected with the
                /// provider's code, or unknown (timeout, 5xx, empty or unreadable): query
                /// then, never assume failure.
                pub fn read_answer<B: AsRef<[u8]>>(response: &http::Response<B>) -> crate::runtime::wire::Outcome {
                    crate::runtime::wire::read_answer(
                        &ENVELOPE,
                        &Self::ANSWER,
                        #statuses,
                        response.status().as_u16(),
                        response.body().as_ref(),
                    )
                }
            }
        });
    }
    items
}
