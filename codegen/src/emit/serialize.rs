//! Serialization: the request as the provider expects it on the wire, in the page's
//! field order, with fixed values filled in. The signature is added by signing.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::{AmountUnit, Field, FieldLocation, Kind, Operation, WireForm};

fn value_expr(op: &Operation, f: &Field, value: TokenStream) -> TokenStream {
    // An amount in the currency a field chooses is written with that currency's decimals;
    // one with more digits than they show is an error, never rounded.
    if let Some(currency) = f.currency_field() {
        let currency = ident(&op.fields[currency].rust);
        let written = match f.wire_form {
            WireForm::Number => quote! { #value.major_number_in(self.#currency.decimals()) },
            WireForm::String => quote! {
                #value.major_text_in(self.#currency.decimals()).map(|text| text.as_str().to_owned())
            },
        };
        return quote! {
            &#written.ok_or_else(|| {
                <S::Error as runtime::serde::ser::Error>::custom("an amount with more decimals than its currency has")
            })?
        };
    }
    match (&f.kind, f.wire_form) {
        (Kind::Text, _) if f.secret => quote! { #value.expose() },
        (Kind::Text, _) => value,
        (Kind::Integer, WireForm::Number) => value,
        (Kind::Boolean, _) => value,
        (Kind::Integer, WireForm::String) => quote! { &#value.to_string() },
        (
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            },
            WireForm::Number,
        ) => quote! { &#value.minor_units() },
        (
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            },
            WireForm::String,
        ) => quote! { &#value.minor_units().to_string() },
        (
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            },
            WireForm::Number,
        ) => quote! {
            &#value.major_number().ok_or_else(|| {
                <S::Error as runtime::serde::ser::Error>::custom("an amount that is not a JSON number")
            })?
        },
        (
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            },
            WireForm::String,
        ) => quote! { &#value.to_string() },
        (Kind::Enum(i), form) => {
            let numeric = op.enums[*i].numeric;
            match (numeric, form) {
                (true, WireForm::String) => quote! { &#value.code().to_string() },
                _ => quote! { &#value.code() },
            }
        }
        (Kind::Fixed(v), _) => quote! { #v },
        (Kind::Signature, _) => quote! { "" },
        (Kind::Object { .. } | Kind::Map | Kind::Array { .. }, _) => value,
    }
}

/// Whether the body writes the field's value bare, as a JSON number or boolean, rather than
/// as a string: the JSON forms `value_expr` gives (a message that signs the fields as a
/// JSON object writes each value the same way).
pub fn is_bare_json(op: &Operation, f: &Field) -> bool {
    match (&f.kind, f.wire_form) {
        (Kind::Boolean, _) => true,
        (Kind::Integer | Kind::Amount { .. }, WireForm::Number) => true,
        (Kind::Enum(i), WireForm::Number) => op.enums[*i].numeric,
        _ => false,
    }
}

/// Emits `impl Serialize` for the request.
pub fn serialize(op: &Operation) -> TokenStream {
    serialize_members(op, &op.type_name, None)
}

/// Emits `impl Serialize` for the struct of the object field with this index.
pub fn serialize_object(op: &Operation, index: usize) -> TokenStream {
    match &op.fields[index].kind {
        Kind::Object { type_name } => serialize_members(op, type_name, Some(index)),
        _ => TokenStream::new(),
    }
}

/// `impl Serialize` for one struct: its members in spec order, as a JSON object.
fn serialize_members(op: &Operation, type_name: &str, of: Option<usize>) -> TokenStream {
    let ty = ident(type_name);
    let entries = op
        .members(of)
        .map(|(_, f)| f)
        // Path and header fields travel outside the body.
        .filter(|f| {
            !matches!(f.kind, Kind::Signature)
                && !matches!(f.location, FieldLocation::Path | FieldLocation::Header)
        })
        .map(|f| {
            let wire = &f.wire;
            let name = ident(&f.rust);
            match (&f.kind, f.required) {
                (Kind::Fixed(_), _) => {
                    let v = value_expr(op, f, quote! {});
                    quote! { map.serialize_entry(#wire, #v)?; }
                }
                (_, true) => {
                    let v = value_expr(op, f, quote! { &self.#name });
                    quote! { map.serialize_entry(#wire, #v)?; }
                }
                // An empty value that means absent is not sent.
                (_, false) if f.empty_is_absent => {
                    let v = value_expr(op, f, quote! { value });
                    let text = if f.secret {
                        quote! { v.expose() }
                    } else {
                        quote! { v }
                    };
                    quote! {
                        if let Some(value) = self.#name.as_ref().filter(|v| !#text.is_empty()) {
                            map.serialize_entry(#wire, #v)?;
                        }
                    }
                }
                (_, false) => {
                    let v = value_expr(op, f, quote! { value });
                    quote! {
                        if let Some(value) = &self.#name {
                            map.serialize_entry(#wire, #v)?;
                        }
                    }
                }
            }
        })
        .collect::<Vec<_>>();
    // A request whose fields all travel outside the body writes an empty object.
    let binding = if entries.is_empty() {
        quote! { let map }
    } else {
        quote! { let mut map }
    };
    quote! {
        impl runtime::serde::Serialize for #ty {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use runtime::serde::ser::SerializeMap as _;
                #binding = serializer.serialize_map(None)?;
                #( #entries )*
                map.end()
            }
        }
    }
}
