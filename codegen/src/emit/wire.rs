//! The wire, sans-IO: the spec's answers, statuses and callback as statics, each
//! operation's request as an `http::Request` and its answer as an `Outcome`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::headers::{header_plan, values_fn};
use super::names::{doc, ident};
use crate::model::{Field, FieldLocation, Operation, OperationRole, Spec};

fn rejection(r: crate::model::Rejection) -> TokenStream {
    let name = format_ident!("{r:?}");
    quote! { runtime::wire::Rejection::#name }
}

fn state(s: crate::model::PayoutState) -> TokenStream {
    let name = format_ident!("{s:?}");
    quote! { runtime::wire::PayoutState::#name }
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
            quote! { runtime::wire::ResultCode { code: #code, rejection: #meaning, doc: #doc } }
        });
        let rejected_on = match &a.rejected_on {
            Some(statuses) => {
                quote! { runtime::wire::HttpStatuses::Only(&[ #( #statuses ),* ]) }
            }
            None => quote! { runtime::wire::HttpStatuses::Success },
        };
        let server_errors = match &a.server_error_quote {
            Some(quote) => quote! { Some(runtime::wire::UnlistedCodes { quote: #quote }) },
            None => quote! { None },
        };
        let unlisted = match &a.unlisted_quote {
            Some(quote) => quote! { Some(runtime::wire::UnlistedCodes { quote: #quote }) },
            None => quote! { None },
        };
        let accepted_by = if a.by_http_status {
            quote! { runtime::wire::AcceptedBy::HttpStatus }
        } else {
            quote! { runtime::wire::AcceptedBy::Code }
        };
        let heading = if a.by_http_status {
            format!(
                "How the provider answers: any 2xx means the call was accepted (not that the payout succeeded); a refusal's code is at `{code}`."
            )
        } else {
            format!(
                "How the provider answers: the result code is `{code}`; {} means the call was accepted (not that the payout succeeded).",
                accepted.join(" or ")
            )
        };
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
            pub static ENVELOPE: runtime::wire::Envelope = runtime::wire::Envelope {
                accepted_by: #accepted_by,
                code: #code,
                accepted: &[ #( #accepted ),* ],
                message: #message,
                data: #data,
                codes: &[ #( #codes ),* ],
                rejected_on: #rejected_on,
                unlisted: #unlisted,
                server_error_refusals: #server_errors,
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
            pub static STATUSES: runtime::wire::StatusTable = runtime::wire::StatusTable {
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
        let merchant = &cb.merchant_order_no;
        let fixed = cb.fixed_headers.iter().map(|(n, v)| quote! { (#n, #v) });
        let documented = cb.fields.iter().map(super::received::data_form);
        let order = option_str(cb.platform_order_no.as_deref());
        let (status, body) = (cb.reply_status, &cb.reply_body);
        let content_type = option_str(cb.reply_content_type.as_deref());
        let data = option_str(cb.data.as_deref());
        let token = option_str(cb.token_header.as_deref());
        let signing = if spec.signing.is_some() {
            quote! { Some(&SIGNING) }
        } else {
            quote! { None }
        };
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
            "The reply the provider expects (HTTP {status}{}); anything else and it sends the callback again.",
            match &cb.reply_content_type {
                Some(t) => format!(", `{t}`: `{body}`"),
                None => ", no body".to_string(),
            }
        );
        let reply_doc = super::names::doc([reply_doc.trim()]);
        let nonce = match &cb.nonce_header {
            Some(h) => format!(" The `{h}` header's value is part of the signed string."),
            None => String::new(),
        };
        let receive_doc = match &cb.token_header {
            Some(header) => format!(
                "Checks a callback's `{header}` header against the merchant's token (given as the key), in constant time, then reads it. A callback without the token is refused: do not act on it."
            ),
            None => format!(
                "Verifies a callback as received, over every field that arrived, with the platform's key, then reads it.{nonce} A callback that does not verify is refused: do not act on it."
            ),
        };
        let receive_doc = super::names::doc([receive_doc.trim()]);
        let callback_ty = format_ident!("{}", super::received::CALLBACK_TYPE);
        let body_format = if cb.form {
            quote! { runtime::wire::BodyFormat::Form }
        } else {
            quote! { runtime::wire::BodyFormat::Json }
        };
        let callback_struct = super::received::record_struct(
            super::received::CALLBACK_TYPE,
            "A verified callback: the fields the spec documents, typed, and every other field received.",
            &cb.fields,
        );
        items.extend(quote! {
            #callback_struct

            #docs
            pub static CALLBACK: runtime::wire::CallbackPlan = runtime::wire::CallbackPlan {
                signed_headers: &[ #( #signed ),* ],
                fixed_headers: &[ #( #fixed ),* ],
                body: #body_format,
                fields: &[ #( #documented ),* ],
                data: #data,
                token_header: #token,
                merchant_order_no: #merchant,
                platform_order_no: #order,
                reply_status: #status,
                reply_content_type: #content_type,
                reply_body: #body,
            };

            #receive_doc
            pub fn receive_callback<'k, B: AsRef<[u8]>>(
                request: &runtime::http::Request<B>,
                key: impl Into<runtime::signing::VerifyingKeyRef<'k>>,
            ) -> Result<#callback_ty, runtime::wire::CallbackError> {
                <#callback_ty as runtime::wire::SpecCallback>::receive(request, key)
            }

            #reply_doc
            pub fn callback_reply() -> runtime::http::Response<Vec<u8>> {
                CALLBACK.reply()
            }

            impl runtime::wire::SpecCallback for #callback_ty {
                const PLAN: &'static runtime::wire::CallbackPlan = &CALLBACK;
                const SIGNING: Option<&'static runtime::signing::Signing> = #signing;
                const STATUSES: Option<&'static runtime::wire::StatusTable> = #statuses;
            }
        });
    }
    items
}

/// The `Operation` impl of one operation: endpoint, role, headers, credentials, answer.
pub fn operation_items(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let headers = op.headers.iter().map(header_plan);
    let located = |location: FieldLocation| -> Vec<&Field> {
        op.fields
            .iter()
            .filter(|f| f.location == location)
            .collect()
    };
    let query_fn = values_fn(op, quote! { query_pairs }, &located(FieldLocation::Query));
    let header_fields_fn = values_fn(
        op,
        quote! { header_fields },
        &located(FieldLocation::Header),
    );
    let header_names = located(FieldLocation::Header)
        .into_iter()
        .map(|f| f.wire.clone())
        .collect::<Vec<_>>();
    let header_names = (!header_names.is_empty()).then(|| {
        quote! { const HEADER_FIELDS: &'static [&'static str] = &[ #( #header_names ),* ]; }
    });
    let path_fields_fn = values_fn(op, quote! { path_values }, &located(FieldLocation::Path));
    let (method, path) = (&op.method, &op.path);
    let content_type = option_str(op.content_type.as_deref());
    let role = match op.role {
        OperationRole::Create => quote! { runtime::Create },
        OperationRole::Query => quote! { runtime::Query },
    };
    let reading = match (&op.answer, &spec.answers) {
        (Some(answer), Some(_)) => {
            let (order, merchant) = (
                option_str(answer.platform_order_no.as_deref()),
                option_str(answer.merchant_order_no.as_deref()),
            );
            let list = answer.list;
            let answer_data = option_str(answer.data.as_deref());
            let statuses = if spec.statuses.is_some() {
                quote! { Some(&STATUSES) }
            } else {
                quote! { None }
            };
            let fields = answer.fields.iter().map(super::received::data_form);
            quote! {
                Some(runtime::operation::Reading {
                    envelope: &ENVELOPE,
                    shape: &runtime::wire::AnswerShape {
                        platform_order_no: #order,
                        merchant_order_no: #merchant,
                        list: #list,
                        data: #answer_data,
                        fields: &[ #( #fields ),* ],
                    },
                    statuses: #statuses,
                })
            }
        }
        _ => quote! { None },
    };
    let op_doc = answer_doc(op);
    let (answer_ty, answer_struct) = match (&op.answer, &spec.answers) {
        (Some(answer), Some(_)) => {
            let name = &op.answer_type;
            let heading = format!(
                "One payout of `{}`'s accepted answer: the fields the spec documents, typed, and every other field received.",
                op.name
            );
            let ty = format_ident!("{name}");
            let record = match super::received::same_as(spec, name) {
                Some(first) => super::received::record_alias(name, &heading, first),
                None => super::received::record_struct(name, &heading, &answer.fields),
            };
            (quote! { #ty }, record)
        }
        _ => (quote! { runtime::wire::Record }, TokenStream::new()),
    };
    let signed = spec.signs(op);
    let unsigned = (!signed).then(|| quote! { impl runtime::Unsigned for #ty {} });
    // A string to sign people read shows secret fields as `<secret>`.
    let secrets: Vec<TokenStream> = op
        .members(None)
        .map(|(_, f)| f)
        .filter(|f| f.secret)
        .map(|f| {
            let name = ident(&f.rust);
            if f.required {
                quote! { copy.#name = runtime::wire::Secret::new(runtime::signing::REDACTED_FIELD); }
            } else {
                quote! {
                    if copy.#name.is_some() {
                        copy.#name = Some(runtime::wire::Secret::new(runtime::signing::REDACTED_FIELD));
                    }
                }
            }
        })
        .collect();
    let redacted_fn = (!secrets.is_empty()).then(|| {
        quote! {
            fn redacted(&self) -> Option<Self> {
                let mut copy = self.clone();
                #( #secrets )*
                Some(copy)
            }
        }
    });
    quote! {
        #answer_struct

        #op_doc
        impl runtime::Operation for #ty {
            type Role = #role;
            type Credentials = Credentials;
            type Answer = #answer_ty;
            const METHOD: &'static str = #method;
            const PATH: &'static str = #path;
            const CONTENT_TYPE: Option<&'static str> = #content_type;
            const HEADERS: &'static [runtime::wire::HeaderPlan] = &[ #( #headers ),* ];
            const READING: Option<runtime::operation::Reading> = #reading;

            #header_names
            #query_fn
            #header_fields_fn
            #path_fields_fn
            #redacted_fn
        }

        #unsigned
    }
}

/// What the operation's accepted answer carries, as a doc comment on its impl.
fn answer_doc(op: &Operation) -> TokenStream {
    let Some(answer) = &op.answer else {
        return TokenStream::new();
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
    doc([
        "What the accepted answer carries; fields not listed are kept too.",
        listing.as_str(),
    ]
    .into_iter()
    .chain(answer.note.as_deref()))
}
