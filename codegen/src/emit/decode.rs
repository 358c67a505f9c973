//! Decoding: a request from JSON, reporting the same violations as `validate`, plus the
//! ones only JSON can have (wrong types, missing or unknown fields).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use super::validate::{check_ident, view_ident};

use crate::model::{AmountUnit, Kind, Operation, Spec, WireForm};

/// `Forms::STRING` / `NUMBER` / `BOTH` for a field.
fn forms(form: WireForm, accept_other: bool) -> TokenStream {
    let name = match (form, accept_other) {
        (_, true) => "BOTH",
        (WireForm::String, false) => "STRING",
        (WireForm::Number, false) => "NUMBER",
    };
    let name = format_ident!("{name}");
    quote! { runtime::decode::Forms::#name }
}

/// The `decode_checked` method of the request's `Request` impl.
pub fn decode_method(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let view = view_ident(op);
    let check_fn = check_ident(op);
    let reads = op.fields.iter().map(|f| {
        let name = ident(&f.rust);
        let (wire, pointer, required) = (&f.wire, &f.pointer, f.required);
        let forms = forms(f.wire_form, f.accept_other_form);
        match &f.kind {
            Kind::Text => quote! { let #name = d.text(#wire, #pointer, #required); },
            Kind::Integer => quote! { let #name = d.integer(#wire, #pointer, #required, #forms); },
            Kind::Boolean => quote! { let #name = d.boolean(#wire, #pointer, #required); },
            Kind::Amount { unit, .. } => {
                let currency = format_ident!("{}", heck::AsUpperCamelCase(&spec.currency).to_string());
                let unit = match unit {
                    AmountUnit::Major => quote! { runtime::decode::AmountUnit::Major },
                    AmountUnit::Minor => quote! { runtime::decode::AmountUnit::Minor },
                };
                quote! { let #name = d.amount::<#currency>(#wire, #pointer, #required, #unit, #forms); }
            }
            Kind::Enum(i) => {
                let def = &op.enums[*i];
                let enum_ty = ident(&def.type_name);
                let codes = def
                    .variants
                    .iter()
                    .map(|v| if def.numeric { v.code.clone() } else { format!("{:?}", v.code) })
                    .collect::<Vec<_>>()
                    .join(", ");
                if def.numeric {
                    quote! { let #name = d.int_enum(#wire, #pointer, #required, #forms, #enum_ty::from_code, #codes); }
                } else {
                    quote! { let #name = d.str_enum(#wire, #pointer, #required, #enum_ty::from_code, #codes); }
                }
            }
            Kind::Fixed(value) => quote! { d.fixed(#wire, #pointer, #required, #value); },
            Kind::Signature => quote! { let _signature = d.signature(#wire, #pointer); },
        }
    });
    let members: Vec<_> = op.fields.iter().filter(|f| f.in_struct()).collect();
    let view_init = super::validate::view_members(op).into_iter().map(|f| {
        let name = ident(&f.rust);
        match f.kind {
            Kind::Text => quote! { #name: #name.as_deref() },
            _ => quote! { #name },
        }
    });
    let required: Vec<_> = members
        .iter()
        .filter(|f| f.required)
        .map(|f| ident(&f.rust))
        .collect();
    let all: Vec<_> = members.iter().map(|f| ident(&f.rust)).collect();
    quote! {
            fn decode_checked(json: &[u8]) -> Result<Self, runtime::Violations> {
                let mut d = runtime::decode::Decoder::parse(json)?;
                #( #reads )*
                let mut out = d.finish();
                #check_fn(
                    &#view {
                        #( #view_init, )*
                        _lifetime: ::core::marker::PhantomData,
                    },
                    &mut out,
                );
                match ( #( #required, )* out.is_empty(), ) {
                    ( #( Some(#required), )* true, ) => Ok(#ty { #( #all ),* }),
                    _ => Err(out),
                }
            }
    }
}
