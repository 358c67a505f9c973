//! Serialization: the request as the provider expects it on the wire, in the page's
//! field order, with fixed values filled in. The signature is added by signing.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::ident;
use crate::model::{AmountUnit, Field, FieldLocation, Kind, Operation, WireForm};

/// The member a field's value is written as: `value` is the field itself (a place such
/// as `self.amount`), or a reference to it when `by_ref`.
fn member_expr(op: &Operation, f: &Field, value: TokenStream, by_ref: bool) -> TokenStream {
    let (reference, copied) = if by_ref {
        (value.clone(), quote! { *#value })
    } else {
        (quote! { &#value }, value.clone())
    };
    // An amount in the currency a field chooses is written with that currency's decimals;
    // one with more digits than they show is an error, never rounded.
    if let Some(currency) = f.currency_field() {
        let currency = ident(&op.fields[currency].rust);
        let why = "an amount with more decimals than its currency has";
        return match f.wire_form {
            WireForm::Number => quote! {
                runtime::wire::Member::number_or(#value.major_number_in(self.#currency.decimals()), #why)
            },
            WireForm::String => quote! {
                runtime::wire::Member::digits_or(#value.major_text_in(self.#currency.decimals()), #why)
            },
        };
    }
    let digits = |n: TokenStream| quote! { runtime::wire::Member::Digits(#n) };
    match (&f.kind, f.wire_form) {
        (Kind::Text, _) if f.secret => quote! { runtime::wire::Member::Text(#value.expose()) },
        (Kind::Text, _) => quote! { runtime::wire::Member::Text(#reference) },
        (Kind::Integer, WireForm::Number) => quote! { runtime::wire::Member::Unsigned(#copied) },
        (Kind::Integer, WireForm::String) => {
            digits(quote! { runtime::text::NumberText::from_u64(#copied) })
        }
        (Kind::Boolean, _) => quote! { runtime::wire::Member::Boolean(#copied) },
        (
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            },
            WireForm::Number,
        ) => quote! { runtime::wire::Member::Unsigned(#value.minor_units()) },
        (
            Kind::Amount {
                unit: AmountUnit::Minor,
                ..
            },
            WireForm::String,
        ) => digits(quote! { runtime::text::NumberText::from_u64(#value.minor_units()) }),
        (
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            },
            WireForm::Number,
        ) => quote! {
            runtime::wire::Member::number_or(#value.major_number(), "an amount that is not a JSON number")
        },
        (
            Kind::Amount {
                unit: AmountUnit::Major,
                ..
            },
            WireForm::String,
        ) => digits(quote! { #value.major_text() }),
        (Kind::Enum(i), form) => match (op.enums[*i].numeric, form) {
            (true, WireForm::String) => {
                digits(quote! { runtime::text::NumberText::from_i64(#value.code()) })
            }
            (true, WireForm::Number) => quote! { runtime::wire::Member::Integer(#value.code()) },
            (false, _) => quote! { runtime::wire::Member::Text(#value.code()) },
        },
        (Kind::Fixed(v), _) => quote! { runtime::wire::Member::Text(#v) },
        // Not a member: `serialize_members` leaves it out, and signing adds it. Were a
        // change to reach here, the generated code would not compile, rather than send
        // an empty signature.
        (Kind::Signature, _) => quote! {
            compile_error!("payspec: the signature field is not a member of the body")
        },
        (Kind::Map, _) => quote! { runtime::wire::Member::Map(#reference) },
        (Kind::Object { .. } | Kind::Array { .. }, _) => {
            quote! { runtime::wire::Member::Nested(#reference) }
        }
    }
}

/// Whether the body writes the field's value bare, as a JSON number or boolean, rather than
/// as a string: the JSON forms `member_expr` gives (a message that signs the fields as a
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

/// `impl WireMembers` for one struct, its members in spec order, and its `Serialize`,
/// which writes them as a JSON object.
fn serialize_members(op: &Operation, type_name: &str, of: Option<usize>) -> TokenStream {
    let ty = ident(type_name);
    let members = op
        .members(of)
        .map(|(_, f)| f)
        // Path and header fields travel outside the body.
        .filter(|f| {
            !matches!(f.kind, Kind::Signature)
                && !matches!(f.location, FieldLocation::Path | FieldLocation::Header)
        })
        .collect::<Vec<_>>();
    let capacity = members.len();
    // Each member as `(always, entry)`: an entry is the pair, or an `if` that pushes it.
    let entries = members.iter().map(|f| {
        let wire = &f.wire;
        let name = ident(&f.rust);
        match (&f.kind, f.required) {
            (Kind::Fixed(_), _) => (true, {
                let v = member_expr(op, f, quote! {}, false);
                quote! { (#wire, #v) }
            }),
            (_, true) => (true, {
                let v = member_expr(op, f, quote! { self.#name }, false);
                quote! { (#wire, #v) }
            }),
            // An empty value that means absent is not sent.
            (_, false) if f.empty_is_absent => {
                let v = member_expr(op, f, quote! { value }, true);
                let text = if f.secret {
                    quote! { v.expose() }
                } else {
                    quote! { v }
                };
                (
                    false,
                    quote! {
                        if let Some(value) = self.#name.as_ref().filter(|v| !#text.is_empty()) {
                            members.push((#wire, #v));
                        }
                    },
                )
            }
            (_, false) => {
                let v = member_expr(op, f, quote! { value }, true);
                (
                    false,
                    quote! {
                        if let Some(value) = &self.#name {
                            members.push((#wire, #v));
                        }
                    },
                )
            }
        }
    });
    let entries = entries.collect::<Vec<_>>();
    // The members before the first optional one are written as one list (all of them
    // when none is optional); a list of one would only be a push.
    let leading = match entries.iter().take_while(|(always, _)| *always).count() {
        1 if entries.len() > 1 => 0,
        n => n,
    };
    let first = entries[..leading].iter().map(|(_, e)| e);
    let rest = entries[leading..].iter().map(|(always, e)| {
        if *always {
            quote! { members.push(#e); }
        } else {
            e.clone()
        }
    });
    let body = if leading == entries.len() {
        // Also a request whose fields all travel outside the body: an empty object.
        quote! { vec![ #( #first ),* ] }
    } else {
        let first = (leading > 0).then(|| quote! { members.extend([ #( #first ),* ]); });
        quote! {
            let mut members = Vec::with_capacity(#capacity);
            #first
            #( #rest )*
            members
        }
    };
    quote! {
        impl runtime::wire::WireMembers for #ty {
            fn wire_members(&self) -> Vec<(&'static str, runtime::wire::Member<'_>)> {
                #body
            }
        }
        impl runtime::serde::Serialize for #ty {
            fn serialize<S: runtime::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                runtime::wire::serialize_members(self, serializer)
            }
        }
    }
}
