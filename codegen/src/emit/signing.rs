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
            quote! { crate::runtime::signing::Schemes::Fixed(#scheme) }
        }
        Some(select) => {
            let choosing = &select.field;
            let default = scheme(&signing.schemes[select.default]);
            let by_value = select.by_value.iter().map(|(value, i)| {
                let s = scheme(&signing.schemes[*i]);
                quote! { (#value, #s) }
            });
            quote! {
                crate::runtime::signing::Schemes::Selected(crate::runtime::signing::Selector {
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
        pub static SIGNING: crate::runtime::signing::Signing = crate::runtime::signing::Signing {
            signature_field: #field,
            schemes: #schemes,
        };

        /// Verifies a body the provider sent (an answer or a callback) over every field
        /// that arrived, unknown ones included, in constant time.
        pub fn verify<'k>(
            body: &[u8],
            key: impl Into<crate::runtime::signing::VerifyingKeyRef<'k>>,
            #( #params ),*
        ) -> Result<(), crate::runtime::signing::VerifyError> {
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
            quote! { Some(crate::runtime::signing::Blank::JavaTrim) }
        }
        Some(BlankMeaning::UnicodeWhiteSpace) => {
            quote! { Some(crate::runtime::signing::Blank::UnicodeWhiteSpace) }
        }
        None => quote! { None },
    };
    let append = s.append.iter().map(|a| match a {
        AppendDef::Header(h) => quote! { crate::runtime::signing::Append::Extra(#h) },
        AppendDef::Secret => quote! { crate::runtime::signing::Append::Secret },
        AppendDef::NamedSecret(n) => quote! { crate::runtime::signing::Append::NamedSecret(#n) },
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
        crate::runtime::signing::Scheme {
            canonical: crate::runtime::signing::Canonical {
                exclude: &[ #( #exclude ),* ],
                drop: crate::runtime::signing::DropValues { null: #null, empty: #empty, blank: #blank },
                append: &[ #( #append ),* ],
            },
            algorithm: crate::runtime::signing::Algorithm::#algorithm,
            encoding: crate::runtime::signing::Encoding::#encoding,
        }
    }
}

/// A field's text as the string to sign writes it: `(buffer statement, Option<&str> expr)`.
fn field_text(op: &Operation, f: &Field) -> (Option<TokenStream>, TokenStream) {
    let name = ident(&f.rust);
    let buffer = format_ident!("{}_text", f.rust);
    let to_text = |value: TokenStream| -> TokenStream {
        match &f.kind {
            Kind::Integer => quote! { crate::runtime::text::NumberText::from_u64(#value) },
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            } => quote! { #value.major_text() },
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            } => {
                quote! { crate::runtime::text::NumberText::from_u64(#value.minor_units()) }
            }
            _ => quote! { crate::runtime::text::NumberText::from_i64(#value.code()) },
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

/// `signing_pairs`, `sign` and `string_to_sign` for a signed operation.
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
    let selector = match signing
        .select
        .as_ref()
        .and_then(|s| op.fields.iter().find(|f| f.wire == s.field))
    {
        Some(f) => field_text(op, f).1,
        None => quote! { None },
    };
    let (params, extras) = header_params(signing);
    let args: Vec<TokenStream> = signing
        .header_extras()
        .into_iter()
        .map(|name| {
            let param = ident(&heck::AsSnakeCase(name).to_string());
            quote! { #param }
        })
        .collect();
    // A signed nonce header must have the spec's form before anything is signed with it.
    let nonce_checks: Vec<TokenStream> = signing
        .header_extras()
        .into_iter()
        .filter_map(|name| {
            let header = op.headers.iter().find(|h| h.name == name)?;
            let HeaderValue::From {
                source: HeaderSource::Nonce,
                length,
            } = &header.value
            else {
                return None;
            };
            let len = length.unwrap_or(32) as usize;
            let param = ident(&heck::AsSnakeCase(name).to_string());
            Some(quote! { crate::runtime::nonce::check(#param, #len)?; })
        })
        .collect();
    let owned_extras = signing.header_extras().into_iter().map(|name| {
        let param = ident(&heck::AsSnakeCase(name).to_string());
        quote! { (#name, #param.to_owned()) }
    });
    let sign_doc = format!(
        " Signs the validated request with the spec's scheme{}. Only a validated request can be \
         signed; the result carries the body with `{}` set.",
        if args.is_empty() {
            String::new()
        } else {
            format!(
                " (the {} header values are part of the signed string)",
                signing.header_extras().join(", ")
            )
        },
        signing.field
    );
    let sign_doc = super::names::doc([sign_doc.trim()]);
    quote! {
        impl #ty {
            /// Calls `f` with the body's `(wire name, text)` pairs in byte order of name, as
            /// the string to sign takes them; absent optional fields are `None`.
            fn signing_pairs<R>(&self, f: impl FnOnce(&[crate::runtime::signing::Pair<'_>]) -> R) -> R {
                #( #buffers )*
                f(&[ #( #pairs ),* ])
            }

            fn signing_scheme(&self) -> Result<&'static crate::runtime::signing::Scheme, crate::runtime::signing::SelectError> {
                SIGNING.scheme_for(#selector)
            }
        }

        impl crate::runtime::Valid<#ty> {
            #sign_doc
            pub fn sign<'k>(
                self,
                key: impl Into<crate::runtime::signing::SigningKeyRef<'k>>,
                #( #params ),*
            ) -> Result<crate::runtime::Signed<#ty>, crate::runtime::signing::SignError> {
                let signature = self.signature(key, #( #args ),*)?;
                Ok(crate::runtime::Signed::new(self, SIGNING.signature_field, signature, vec![ #( #owned_extras ),* ]))
            }

            /// The signature alone, as [`Self::sign`] would set it.
            pub fn signature<'k>(
                &self,
                key: impl Into<crate::runtime::signing::SigningKeyRef<'k>>,
                #( #params ),*
            ) -> Result<String, crate::runtime::signing::SignError> {
                #( #nonce_checks )*
                let scheme = self.signing_scheme()?;
                self.signing_pairs(|pairs| scheme.sign_sorted(pairs, &[ #( #extras ),* ], key))
            }

            /// The exact string [`Self::sign`] signs, with any secret redacted: for
            /// debugging a signature the provider rejects.
            pub fn string_to_sign(&self, #( #params ),*) -> Result<String, crate::runtime::signing::SignError> {
                #( #nonce_checks )*
                let scheme = self.signing_scheme()?;
                Ok(self.signing_pairs(|pairs| scheme.string_to_sign_redacted(pairs, &[ #( #extras ),* ]))?)
            }
        }
    }
}

/// The `sign_json` entry of an operation's info.
pub fn sign_json(spec: &Spec, op: &Operation) -> TokenStream {
    let (Some(signing), Some(_)) = (&spec.signing, op.signature_field()) else {
        return quote! { None };
    };
    let ty = ident(&op.type_name);
    let names = signing.header_extras();
    let lookups = names.iter().map(|name| {
        let param = ident(&heck::AsSnakeCase(name).to_string());
        quote! { let #param = crate::runtime::spec_info::signed_header(headers, #name)?; }
    });
    let args: Vec<_> = names
        .iter()
        .map(|name| ident(&heck::AsSnakeCase(name).to_string()))
        .collect();
    let headers = if names.is_empty() {
        format_ident!("_headers")
    } else {
        format_ident!("headers")
    };
    quote! {
        Some(|json, key, #headers| {
            let valid = #ty::from_json(json).map_err(crate::runtime::spec_info::SignJsonError::Invalid)?;
            #( #lookups )*
            let string_to_sign = valid.string_to_sign(#( #args ),*)?;
            let body = valid.sign(key, #( #args ),*)?.to_json()?;
            Ok(crate::runtime::spec_info::SignedJson { body, string_to_sign })
        })
    }
}
