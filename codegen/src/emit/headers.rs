//! Headers and the values outside the body: each header's source as a `HeaderPlan`, the
//! fields that travel as headers or in the path, and the spec's `Credentials`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builder::{Member, builder};
use super::names::ident;
use crate::model::{Field, Header, HeaderSource, HeaderValue, Kind, Operation, Spec};

/// A header's `HeaderPlan`: its name and where its value comes from.
pub(super) fn header_plan(h: &Header) -> TokenStream {
    let name = &h.name;
    let source = match &h.value {
        HeaderValue::Constant(v) => quote! { runtime::wire::HeaderSource::Constant(#v) },
        HeaderValue::From {
            source: HeaderSource::Nonce,
            length,
            ..
        } => {
            let n = length.unwrap_or(32) as usize;
            quote! { runtime::wire::HeaderSource::Nonce(#n) }
        }
        HeaderValue::From { source, .. } => {
            let variant = format_ident!("{}", format!("{source:?}"));
            quote! { runtime::wire::HeaderSource::#variant }
        }
    };
    quote! { runtime::wire::HeaderPlan { name: #name, source: #source } }
}

/// `fn <name>(&self) -> Vec<(&'static str, String)>`: the fields' wire names and texts,
/// an amount's as the body and the string to sign write it (in its unit).
pub(super) fn values_fn(op: &Operation, name: TokenStream, fields: &[&Field]) -> TokenStream {
    if fields.is_empty() {
        return TokenStream::new();
    }
    let pushes = fields.iter().map(|f| {
        let (wire, field) = (&f.wire, ident(&f.rust));
        let text = match &f.kind {
            Kind::Text => quote! { value.clone() },
            Kind::Enum(_) => quote! { value.code().to_string() },
            Kind::Amount { .. } => {
                let text = super::signing::number_text(op, f, quote! { value });
                quote! { #text.to_string() }
            }
            _ => quote! { value.to_string() },
        };
        if f.required {
            quote! { { let value = &self.#field; values.push((#wire, #text)); } }
        } else {
            quote! { if let Some(value) = &self.#field { values.push((#wire, #text)); } }
        }
    });
    quote! {
        fn #name(&self) -> Vec<(&'static str, String)> {
            let mut values = Vec::new();
            #( #pushes )*
            values
        }
    }
}

/// The spec's `Credentials`: exactly the values its requests' headers need, all
/// required, so a request cannot be sent without them.
pub fn credentials(spec: &Spec) -> TokenStream {
    let mut needed: Vec<&str> = Vec::new();
    for h in spec
        .headers
        .iter()
        .chain(spec.operations.iter().flat_map(|o| &o.headers))
    {
        let HeaderValue::From { source, .. } = &h.value else {
            continue;
        };
        let names: &[&str] = match source {
            HeaderSource::AppCode => &["app_code"],
            HeaderSource::Authorization => &["authorization"],
            HeaderSource::KeyId => &["key_id"],
            HeaderSource::ApiKey | HeaderSource::Bearer | HeaderSource::BasicApiKey => &["api_key"],
            HeaderSource::Basic => &["key_id", "api_key"],
            _ => &[],
        };
        for name in names {
            if !needed.contains(name) {
                needed.push(name);
            }
        }
    }
    // Public values first, then secrets, in a fixed order.
    let order = ["app_code", "key_id", "authorization", "api_key"];
    needed.sort_by_key(|n| order.iter().position(|o| o == n));
    let fields = needed.iter().map(|n| match *n {
        "app_code" => quote! {
            /// The merchant's application code.
            pub app_code: String
        },
        "key_id" => quote! {
            /// The merchant's key id or client id.
            pub key_id: String
        },
        "authorization" => quote! {
            /// The merchant's authorization id (never shown by `Debug`).
            pub authorization: runtime::wire::Secret
        },
        _ => quote! {
            /// The merchant's API key (never shown by `Debug`).
            pub api_key: runtime::wire::Secret
        },
    });
    let built: Vec<Member> = needed
        .iter()
        .map(|n| Member {
            name: format_ident!("{n}"),
            ty: match *n {
                "app_code" | "key_id" => quote! { String },
                _ => quote! { runtime::wire::Secret },
            },
            required: true,
            into: true,
        })
        .collect();
    let builder = builder("Credentials", &built);
    let methods = needed.iter().map(|n| match *n {
        "app_code" => quote! {
            fn app_code(&self) -> Option<&str> {
                Some(&self.app_code)
            }
        },
        "key_id" => quote! {
            fn key_id(&self) -> Option<&str> {
                Some(&self.key_id)
            }
        },
        "authorization" => quote! {
            fn authorization(&self) -> Option<&str> {
                Some(self.authorization.expose())
            }
        },
        _ => quote! {
            fn api_key(&self) -> Option<&str> {
                Some(self.api_key.expose())
            }
        },
    });
    quote! {
        /// What the provider issued to the merchant that this spec's requests carry.
        #[derive(Debug, Clone)]
        pub struct Credentials {
            #( #fields, )*
        }

        #builder

        impl runtime::wire::CredentialSource for Credentials {
            #( #methods )*
        }
    }
}
