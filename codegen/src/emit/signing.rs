//! Signing: the spec's schemes as a `SIGNING` static, the request's fields as sorted
//! `(name, text)` pairs, `sign` on validated requests only, and `verify` for bodies the
//! provider sends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{doc, ident};
use crate::model::{
    AmountUnit, BlankMeaning, Field, FieldsForm, Kind, Operation, PieceDef, SchemeDef,
    SignatureEncoding, SignaturePlace, Signing, SigningAlgorithm, Spec,
};

/// The module-level `SIGNING` static and `verify` function.
pub fn module_items(spec: &Spec) -> TokenStream {
    let Some(signing) = &spec.signing else {
        return TokenStream::new();
    };
    let schemes = match &signing.select {
        None => {
            let scheme = signing.schemes.first().map(scheme).unwrap_or_default();
            quote! { runtime::signing::Schemes::Fixed(#scheme) }
        }
        Some(select) => {
            let choosing = &select.field;
            let default = scheme(&signing.schemes[select.default]);
            let by_value = select.by_value.iter().map(|(value, i)| {
                let s = scheme(&signing.schemes[*i]);
                quote! { (#value, #s) }
            });
            quote! {
                runtime::signing::Schemes::Selected(runtime::signing::Selector {
                    field: #choosing,
                    default: #default,
                    by_value: &[ #( #by_value ),* ],
                })
            }
        }
    };
    let (place, placed) = match &signing.place {
        SignaturePlace::Field(field) => (
            quote! { runtime::signing::Placement::Field(#field) },
            format!("the signature goes in `{field}`"),
        ),
        SignaturePlace::Header { name, prefix } => (
            quote! { runtime::signing::Placement::Header { name: #name, prefix: #prefix } },
            if prefix.is_empty() {
                format!("the signature goes in the `{name}` header")
            } else {
                format!("the signature goes in the `{name}` header after `{prefix}`")
            },
        ),
    };
    let summary = format!(
        "How this page's messages are signed: {}; {placed}.",
        signing
            .schemes
            .iter()
            .map(describe)
            .collect::<Vec<_>>()
            .join("; or ")
    );
    let docs = doc([summary.as_str()]
        .into_iter()
        .chain(signing.note.as_deref()));
    let verify = match &signing.place {
        SignaturePlace::Field(_) => {
            let (params, extras) = header_params(signing);
            quote! {
                /// Verifies a body the provider sent (an answer or a callback) over every
                /// field that arrived, unknown ones included, in constant time.
                pub fn verify<'k>(
                    body: &[u8],
                    key: impl Into<runtime::signing::VerifyingKeyRef<'k>>,
                    #( #params ),*
                ) -> Result<(), runtime::signing::VerifyError> {
                    SIGNING.verify_json(body, &[ #( #extras ),* ], key)
                }
            }
        }
        SignaturePlace::Header { .. } => TokenStream::new(),
    };
    quote! {
        #docs
        pub static SIGNING: runtime::signing::Signing = runtime::signing::Signing {
            signature: #place,
            schemes: #schemes,
        };

        #verify
    }
}

/// `nonce: &str` parameters and `("nonce", nonce)` pairs for the signed headers.
fn header_params(signing: &Signing) -> (Vec<TokenStream>, Vec<TokenStream>) {
    signing
        .header_extras()
        .into_iter()
        .map(|name| {
            let param = ident(&heck::AsSnakeCase(name).to_string());
            (quote! { #param: &str }, quote! { (#name, #param) })
        })
        .unzip()
}

fn algorithm_name(a: SigningAlgorithm) -> &'static str {
    match a {
        SigningAlgorithm::RsaSha1 => "SHA1withRSA",
        SigningAlgorithm::RsaSha256 => "SHA256withRSA",
        SigningAlgorithm::Md5 => "MD5",
        SigningAlgorithm::Sha256 => "SHA-256",
        SigningAlgorithm::Sha512 => "SHA-512",
        SigningAlgorithm::HmacSha256 => "HMAC-SHA256",
        SigningAlgorithm::HmacSha512 => "HMAC-SHA512",
    }
}

fn encoding_ident(e: SignatureEncoding) -> proc_macro2::Ident {
    format_ident!(
        "{}",
        match e {
            SignatureEncoding::Base64 => "Base64",
            SignatureEncoding::HexLower => "HexLower",
            SignatureEncoding::HexUpper => "HexUpper",
            SignatureEncoding::Base64Url => "Base64Url",
            SignatureEncoding::Base64Hex => "Base64Hex",
        }
    )
}

/// The message in words, for the docs: `sorted pairs (without sign) & nonce=<nonce header>`.
fn describe(s: &SchemeDef) -> String {
    let parts: Vec<String> = s
        .parts
        .iter()
        .map(|p| {
            let value = match &p.piece {
                PieceDef::Fields { exclude, form, .. } => {
                    let what = match form {
                        FieldsForm::Pairs => "the sorted name=value pairs",
                        FieldsForm::Json => "the fields as a JSON object, keys sorted",
                    };
                    if exclude.is_empty() {
                        format!("<{what}>")
                    } else {
                        format!("<{what} without {}>", exclude.join(", "))
                    }
                }
                PieceDef::Body => "<the body>".into(),
                PieceDef::BodyDigest(d, e) => format!("<{d:?} of the body, {e:?}>"),
                PieceDef::Header(h) => format!("<{h} header>"),
                PieceDef::Method => "<method>".into(),
                PieceDef::Path => "<path>".into(),
                PieceDef::Secret => "<key>".into(),
                PieceDef::Text(t) => t.clone(),
            };
            format!("{}{value}", p.label)
        })
        .collect();
    format!(
        "`{}`: {} over `{}`",
        s.name,
        algorithm_name(s.algorithm),
        parts.join(&s.separator).escape_debug()
    )
}

fn scheme(s: &SchemeDef) -> TokenStream {
    let parts = s.parts.iter().map(|p| {
        let label = &p.label;
        let piece = match &p.piece {
            PieceDef::Fields {
                exclude,
                drop_null,
                drop_empty,
                drop_blank,
                form,
            } => {
                let form = match form {
                    FieldsForm::Pairs => quote! { runtime::signing::FieldsForm::Pairs },
                    FieldsForm::Json => quote! { runtime::signing::FieldsForm::Json },
                };
                let blank = match drop_blank {
                    Some(BlankMeaning::JavaTrim) => {
                        quote! { Some(runtime::signing::Blank::JavaTrim) }
                    }
                    Some(BlankMeaning::UnicodeWhiteSpace) => {
                        quote! { Some(runtime::signing::Blank::UnicodeWhiteSpace) }
                    }
                    None => quote! { None },
                };
                quote! {
                    runtime::signing::Piece::Fields(runtime::signing::Canonical {
                        exclude: &[ #( #exclude ),* ],
                        drop: runtime::signing::DropValues {
                            null: #drop_null,
                            empty: #drop_empty,
                            blank: #blank,
                        },
                        form: #form,
                    })
                }
            }
            PieceDef::Body => quote! { runtime::signing::Piece::Body },
            PieceDef::BodyDigest(d, e) => {
                let d = format_ident!("{}", format!("{d:?}"));
                let e = encoding_ident(*e);
                quote! {
                    runtime::signing::Piece::BodyDigest(
                        runtime::signing::Digest::#d,
                        runtime::signing::Encoding::#e,
                    )
                }
            }
            PieceDef::Header(h) => quote! { runtime::signing::Piece::Header(#h) },
            PieceDef::Method => quote! { runtime::signing::Piece::Method },
            PieceDef::Path => quote! { runtime::signing::Piece::Path },
            PieceDef::Secret => quote! { runtime::signing::Piece::Secret },
            PieceDef::Text(t) => quote! { runtime::signing::Piece::Text(#t) },
        };
        quote! { runtime::signing::Part { label: #label, piece: #piece } }
    });
    let separator = &s.separator;
    let algorithm = format_ident!("{}", format!("{:?}", s.algorithm));
    let encoding = encoding_ident(s.encoding);
    quote! {
        runtime::signing::Scheme {
            message: runtime::signing::Message {
                separator: #separator,
                parts: &[ #( #parts ),* ],
            },
            algorithm: runtime::signing::Algorithm::#algorithm,
            encoding: runtime::signing::Encoding::#encoding,
        }
    }
}

/// The `NumberText` of a number field's `value` as the wire writes it: an integer's
/// digits, an amount in its unit (main units with its currency's decimals, or minor
/// units), a numeric enum's code.
pub(super) fn number_text(op: &Operation, f: &Field, value: TokenStream) -> TokenStream {
    match &f.kind {
        Kind::Integer => quote! { runtime::text::NumberText::from_u64(#value) },
        // Only a valid request is written: its amount has at most its currency's decimals.
        Kind::Amount {
            unit: AmountUnit::Major,
            ..
        } => match f.currency_field() {
            Some(currency) => {
                let currency = ident(&op.fields[currency].rust);
                quote! { #value.major_text_in(self.#currency.decimals()).unwrap_or_else(|| #value.major_text()) }
            }
            None => quote! { #value.major_text() },
        },
        Kind::Amount {
            unit: AmountUnit::Minor,
            ..
        } => {
            quote! { runtime::text::NumberText::from_u64(#value.minor_units()) }
        }
        _ => quote! { runtime::text::NumberText::from_i64(#value.code()) },
    }
}

/// A field's text as the string to sign writes it: `(buffer statement, Option<&str> expr)`.
fn field_text(op: &Operation, f: &Field) -> (Option<TokenStream>, TokenStream) {
    let name = ident(&f.rust);
    let buffer = format_ident!("{}_text", f.rust);
    let to_text = |value: TokenStream| number_text(op, f, value);
    match &f.kind {
        Kind::Fixed(value) => (None, quote! { Some(#value) }),
        Kind::Signature => (None, quote! { None }),
        Kind::Text if f.secret && f.required => (None, quote! { Some(self.#name.expose()) }),
        Kind::Text if f.required => (None, quote! { Some(self.#name.as_str()) }),
        Kind::Text if f.secret => (
            None,
            quote! { self.#name.as_ref().map(runtime::wire::Secret::expose) },
        ),
        Kind::Text if f.empty_is_absent => (
            None,
            quote! { self.#name.as_deref().filter(|text| !text.is_empty()) },
        ),
        Kind::Text => (None, quote! { self.#name.as_deref() }),
        Kind::Boolean if f.required => {
            (None, quote! { Some(runtime::text::bool_text(self.#name)) })
        }
        Kind::Boolean => (None, quote! { self.#name.map(runtime::text::bool_text) }),
        Kind::Enum(e) if !op.enums[*e].numeric => {
            let ty = ident(&op.enums[*e].type_name);
            if f.required {
                (None, quote! { Some(self.#name.code()) })
            } else {
                (None, quote! { self.#name.map(#ty::code) })
            }
        }
        _ if f.required => {
            let text = to_text(quote! { self.#name });
            (
                Some(quote! { let #buffer = #text; }),
                quote! { Some(#buffer.as_str()) },
            )
        }
        _ => {
            // An integer's text is a function of the value itself: no closure around it.
            let text = match &f.kind {
                Kind::Integer => quote! { runtime::text::NumberText::from_u64 },
                _ => {
                    let text = to_text(quote! { value });
                    quote! { |value| #text }
                }
            };
            (
                Some(quote! { let #buffer = self.#name.map(#text); }),
                quote! { #buffer.as_ref().map(runtime::text::NumberText::as_str) },
            )
        }
    }
}

/// The `Signable` impl of a signed operation: the key kind, the signed headers and the
/// body's pairs in byte order of name.
pub fn operation_items(spec: &Spec, op: &Operation) -> TokenStream {
    let Some(signing) = spec.signing.as_ref().filter(|_| spec.signs(op)) else {
        return TokenStream::new();
    };
    let ty = ident(&op.type_name);
    let mut fields: Vec<&Field> = op.fields.iter().filter(|f| f.at_top()).collect();
    // The byte order of names, decided once here instead of sorting on every request.
    fields.sort_by(|a, b| a.wire.as_bytes().cmp(b.wire.as_bytes()));
    let reads_fields = signing.schemes.iter().any(|s| {
        s.parts
            .iter()
            .any(|p| matches!(p.piece, PieceDef::Fields { .. }))
    });
    // A field every scheme excludes is never written: leaving it out here spares the
    // runtime a name comparison per scheme for it on every signature.
    let (buffers, pairs): (Vec<_>, Vec<_>) = fields
        .iter()
        .filter(|f| reads_fields && !signing.never_signs(&f.wire))
        .map(|f| {
            let (buffer, text) = field_text(op, f);
            let wire = &f.wire;
            (buffer, quote! { (#wire, #text) })
        })
        .unzip();
    let buffers = buffers.into_iter().flatten();
    let selector = signing
        .select
        .as_ref()
        .and_then(|s| op.fields.iter().find(|f| f.at_top() && f.wire == s.field))
        .map(|f| {
            let text = field_text(op, f).1;
            quote! {
                fn selector(&self) -> Option<&str> {
                    #text
                }
            }
        });
    let signed_headers = signing.header_extras().into_iter().filter_map(|name| {
        op.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(super::headers::header_plan)
    });
    // A message that writes the fields as JSON tells `100` from `"100"` by these names
    // (sorted, like the pairs).
    let bare = signing
        .schemes
        .iter()
        .any(SchemeDef::writes_json_fields)
        .then(|| {
            let names = fields
                .iter()
                .filter(|f| super::serialize::is_bare_json(op, f))
                .map(|f| &f.wire);
            quote! {
                const BARE_JSON_FIELDS: &'static [&'static str] = &[ #( #names ),* ];
            }
        });
    let key = key_type(signing);
    quote! {
        impl runtime::Signable for #ty {
            type Key = #key;
            const SIGNING: &'static runtime::signing::Signing = &SIGNING;
            const SIGNED_HEADERS: &'static [runtime::wire::HeaderPlan] = &[ #( #signed_headers ),* ];
            #bare

            fn with_signing_pairs<R>(&self, f: impl FnOnce(&[runtime::signing::Pair<'_>]) -> R) -> R {
                #( #buffers )*
                f(&[ #( #pairs ),* ])
            }

            #selector
        }
    }
}

/// The key type a spec signs with: every scheme of a spec takes the same kind.
pub fn key_type(signing: &Signing) -> TokenStream {
    let rsa = signing.schemes.first().is_some_and(|s| {
        matches!(
            s.algorithm,
            SigningAlgorithm::RsaSha1 | SigningAlgorithm::RsaSha256
        )
    });
    if rsa {
        quote! { runtime::signing::MerchantPrivateKey }
    } else {
        quote! { runtime::signing::SharedSecret }
    }
}
