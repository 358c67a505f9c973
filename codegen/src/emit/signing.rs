//! Signing: the spec's schemes as a `SIGNING` static, the request's fields as sorted
//! `(name, text)` pairs, `sign` on validated requests only, and `verify` for bodies the
//! provider sends.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{doc, ident};
use crate::model::{
    AmountUnit, AppendDef, BlankMeaning, Field, HeaderSource, HeaderValue, Kind, Operation,
    SchemeDef, SignatureEncoding, Signing, SigningAlgorithm, Spec,
};

/// The module-level `SIGNING` static and `verify` function.
pub fn module_items(spec: &Spec) -> TokenStream {
    let Some(signing) = &spec.signing else {
        return TokenStream::new();
    };
    let field = &signing.field;
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
    let summary = format!(
        "How this page's bodies are signed: {}; the signature goes in `{field}`.",
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
    let (params, extras) = header_params(signing);
    quote! {
        #docs
        pub static SIGNING: runtime::signing::Signing = runtime::signing::Signing {
            signature_field: #field,
            schemes: #schemes,
        };

        /// Verifies a body the provider sent (an answer or a callback) over every field
        /// that arrived, unknown ones included, in constant time.
        pub fn verify<'k>(
            body: &[u8],
            key: impl Into<runtime::signing::VerifyingKeyRef<'k>>,
            #( #params ),*
        ) -> Result<(), runtime::signing::VerifyError> {
            SIGNING.verify_json(body, &[ #( #extras ),* ], key)
        }
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

fn describe(s: &SchemeDef) -> String {
    let algorithm = match s.algorithm {
        SigningAlgorithm::RsaSha1 => "SHA1withRSA",
        SigningAlgorithm::RsaSha256 => "SHA256withRSA",
        SigningAlgorithm::Md5 => "MD5",
        SigningAlgorithm::HmacSha256 => "HMAC-SHA256",
    };
    let appended: Vec<String> = s
        .append
        .iter()
        .map(|a| match a {
            AppendDef::Header(h) => format!("&{h}=<{h} header>"),
            AppendDef::Secret => "&<key>".into(),
            AppendDef::NamedSecret(n) => format!("&{n}=<key>"),
        })
        .collect();
    format!(
        "`{}`: {algorithm} over the sorted name=value pairs (without {}){}",
        s.name,
        s.exclude.join(", "),
        if appended.is_empty() {
            String::new()
        } else {
            format!(" followed by {}", appended.join(""))
        }
    )
}

fn scheme(s: &SchemeDef) -> TokenStream {
    let exclude = &s.exclude;
    let (null, empty) = (s.drop_null, s.drop_empty);
    let blank = match s.drop_blank {
        Some(BlankMeaning::JavaTrim) => {
            quote! { Some(runtime::signing::Blank::JavaTrim) }
        }
        Some(BlankMeaning::UnicodeWhiteSpace) => {
            quote! { Some(runtime::signing::Blank::UnicodeWhiteSpace) }
        }
        None => quote! { None },
    };
    let append = s.append.iter().map(|a| match a {
        AppendDef::Header(h) => quote! { runtime::signing::Append::Extra(#h) },
        AppendDef::Secret => quote! { runtime::signing::Append::Secret },
        AppendDef::NamedSecret(n) => quote! { runtime::signing::Append::NamedSecret(#n) },
    });
    let algorithm = format_ident!(
        "{}",
        match s.algorithm {
            SigningAlgorithm::RsaSha1 => "RsaSha1",
            SigningAlgorithm::RsaSha256 => "RsaSha256",
            SigningAlgorithm::Md5 => "Md5",
            SigningAlgorithm::HmacSha256 => "HmacSha256",
        }
    );
    let encoding = format_ident!(
        "{}",
        match s.encoding {
            SignatureEncoding::Base64 => "Base64",
            SignatureEncoding::HexLower => "HexLower",
            SignatureEncoding::HexUpper => "HexUpper",
        }
    );
    quote! {
        runtime::signing::Scheme {
            canonical: runtime::signing::Canonical {
                exclude: &[ #( #exclude ),* ],
                drop: runtime::signing::DropValues { null: #null, empty: #empty, blank: #blank },
                append: &[ #( #append ),* ],
            },
            algorithm: runtime::signing::Algorithm::#algorithm,
            encoding: runtime::signing::Encoding::#encoding,
        }
    }
}

/// A field's text as the string to sign writes it: `(buffer statement, Option<&str> expr)`.
fn field_text(op: &Operation, f: &Field) -> (Option<TokenStream>, TokenStream) {
    let name = ident(&f.rust);
    let buffer = format_ident!("{}_text", f.rust);
    let to_text = |value: TokenStream| -> TokenStream {
        match &f.kind {
            Kind::Integer => quote! { runtime::text::NumberText::from_u64(#value) },
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            } => quote! { #value.major_text() },
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            } => {
                quote! { runtime::text::NumberText::from_u64(#value.minor_units()) }
            }
            _ => quote! { runtime::text::NumberText::from_i64(#value.code()) },
        }
    };
    match &f.kind {
        Kind::Fixed(value) => (None, quote! { Some(#value) }),
        Kind::Signature => (None, quote! { None }),
        Kind::Text if f.required => (None, quote! { Some(self.#name.as_str()) }),
        Kind::Text => (None, quote! { self.#name.as_deref() }),
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
            let text = to_text(quote! { value });
            (
                Some(quote! { let #buffer = self.#name.map(|value| #text); }),
                quote! { #buffer.as_deref() },
            )
        }
    }
}

/// The `Signable` impl of a signed operation: the key kind, the signed nonce header and
/// the body's pairs in byte order of name.
pub fn operation_items(spec: &Spec, op: &Operation) -> TokenStream {
    let (Some(signing), Some(_)) = (&spec.signing, op.signature_field()) else {
        return TokenStream::new();
    };
    let ty = ident(&op.type_name);
    let mut fields: Vec<&Field> = op.fields.iter().collect();
    // The byte order of names, decided once here instead of sorting on every request.
    fields.sort_by(|a, b| a.wire.as_bytes().cmp(b.wire.as_bytes()));
    let (buffers, pairs): (Vec<_>, Vec<_>) = fields
        .iter()
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
        .and_then(|s| op.fields.iter().find(|f| f.wire == s.field))
        .map(|f| {
            let text = field_text(op, f).1;
            quote! {
                fn selector(&self) -> Option<&str> {
                    #text
                }
            }
        });
    let nonce = signing
        .header_extras()
        .into_iter()
        .find_map(|name| {
            let header = op.headers.iter().find(|h| h.name == name)?;
            match &header.value {
                HeaderValue::From {
                    source: HeaderSource::Nonce,
                    length,
                } => {
                    let len = length.unwrap_or(32) as usize;
                    Some(quote! { Some((#name, #len)) })
                }
                _ => None,
            }
        })
        .unwrap_or_else(|| quote! { None });
    let key = key_type(signing);
    quote! {
        impl runtime::Signable for #ty {
            type Key = #key;
            const SIGNING: &'static runtime::signing::Signing = &SIGNING;
            const NONCE: Option<(&'static str, usize)> = #nonce;

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
