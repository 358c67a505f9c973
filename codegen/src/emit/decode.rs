//! Decoding: a request from JSON, reporting the same violations as `validate`, plus the
//! ones only JSON can have (wrong types, missing or unknown fields).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{bound, ident};
use super::validate::check_ident;
use super::view::{view_ident, view_members};

use crate::model::{AmountUnit, Field, Kind, Operation, Spec, WireForm};

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

/// The call that reads one field from the decoder `d`.
fn read_call(spec: &Spec, op: &Operation, f: &Field) -> TokenStream {
    let (wire, pointer, required) = (&f.wire, &f.pointer, f.required);
    let forms = forms(f.wire_form, f.accept_other_form);
    match &f.kind {
        Kind::Text if f.secret && f.empty_is_absent => {
            quote! { d.text_or_absent(#wire, #pointer, #required).map(runtime::wire::Secret::new) }
        }
        Kind::Text if f.secret => {
            quote! { d.text(#wire, #pointer, #required).map(runtime::wire::Secret::new) }
        }
        Kind::Text if f.empty_is_absent => quote! { d.text_or_absent(#wire, #pointer, #required) },
        Kind::Text => quote! { d.text(#wire, #pointer, #required) },
        Kind::Integer => quote! { d.integer(#wire, #pointer, #required, #forms) },
        Kind::Boolean => quote! { d.boolean(#wire, #pointer, #required) },
        Kind::Amount { unit, .. } => {
            let currency = format_ident!("{}", heck::AsUpperCamelCase(&spec.currency).to_string());
            let unit = match unit {
                AmountUnit::Major => quote! { runtime::decode::AmountUnit::Major },
                AmountUnit::Minor => quote! { runtime::decode::AmountUnit::Minor },
            };
            quote! { d.amount::<#currency>(#wire, #pointer, #required, #unit, #forms) }
        }
        Kind::Enum(i) => {
            let def = &op.enums[*i];
            let enum_ty = ident(&def.type_name);
            let codes = def
                .variants
                .iter()
                .map(|v| {
                    if def.numeric {
                        v.code.clone()
                    } else {
                        format!("{:?}", v.code)
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            if def.numeric {
                quote! { d.int_enum(#wire, #pointer, #required, #forms, #enum_ty::from_code, #codes) }
            } else {
                quote! { d.str_enum(#wire, #pointer, #required, #enum_ty::from_code, #codes) }
            }
        }
        Kind::Fixed(value) => quote! { d.fixed(#wire, #pointer, #required, #value) },
        Kind::Signature => quote! { d.signature(#wire, #pointer) },
        Kind::Object { .. } => quote! { d.object(#wire, #pointer, #required) },
        Kind::Map => quote! { d.map(#wire, #pointer, #required) },
        Kind::Array { item, min, max } => {
            let ty = ident(&op.arrays[*item].type_name);
            let (min, max) = (bound(*min), bound(*max));
            quote! { d.array::<#ty>(#wire, #pointer, #required, #min, #max) }
        }
    }
}

/// The decoder local of an object field's own fields.
fn decoder_ident(f: &Field) -> proc_macro2::Ident {
    format_ident!("in_{}", f.binding)
}

/// The reads of one struct's members (the body's, or an object's from its decoder), in
/// spec order; an object's members are read between its opening and its closing.
fn reads(spec: &Spec, op: &Operation, of: Option<usize>, out: &mut Vec<TokenStream>) {
    let within = of.map(|p| decoder_ident(&op.fields[p]));
    // A read from the body's decoder `d`, or from the object's, when it is there.
    let from = |read: TokenStream| match &within {
        None => read,
        Some(object) => quote! { #object.as_mut().and_then(|d| #read) },
    };
    for (i, f) in op.members(of) {
        let name = ident(&f.binding);
        let read = read_call(spec, op, f);
        match (&f.kind, &within) {
            (Kind::Object { .. }, _) => {
                let decoder = decoder_ident(f);
                let open = from(read);
                out.push(quote! { let mut #decoder = #open; });
                reads(spec, op, Some(i), out);
                let close = match &within {
                    None => quote! { d.close(#decoder) },
                    Some(object) => quote! { #object.as_mut().is_some_and(|d| d.close(#decoder)) },
                };
                out.push(quote! { let #name = #close; });
            }
            (Kind::Fixed(_), None) => out.push(quote! { #read; }),
            (Kind::Fixed(_), Some(object)) => {
                out.push(quote! { if let Some(d) = #object.as_mut() { #read; } })
            }
            (Kind::Signature, _) => out.push(quote! { let _signature = #read; }),
            _ => {
                let read = from(read);
                out.push(quote! { let #name = #read; });
            }
        }
    }
}

/// Builds each object's struct from its decoded members, innermost first: `None` when
/// the object is absent or a required member is missing (which is then a violation).
fn builds(op: &Operation) -> Vec<TokenStream> {
    let objects: Vec<_> = op.objects().collect();
    objects
        .into_iter()
        .rev()
        .map(|(i, f, type_name)| {
            let name = ident(&f.binding);
            let ty = ident(type_name);
            let members: Vec<&Field> = op
                .members(Some(i))
                .map(|(_, m)| m)
                .filter(|m| m.in_struct())
                .collect();
            let inits = members.iter().map(|m| {
                let (rust, binding) = (ident(&m.rust), ident(&m.binding));
                quote! { #rust: #binding }
            });
            let required: Vec<_> = members
                .iter()
                .filter(|m| m.required)
                .map(|m| ident(&m.binding))
                .collect();
            if required.is_empty() {
                quote! { let #name = #name.then(|| #ty { #( #inits ),* }); }
            } else {
                quote! {
                    let #name = match (#name, #( #required ),*) {
                        (true, #( Some(#required) ),*) => Some(#ty { #( #inits ),* }),
                        _ => None,
                    };
                }
            }
        })
        .collect()
}

/// The `decode_checked` method of the request's `Request` impl.
pub fn decode_method(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let view = view_ident(op);
    let check_fn = check_ident(op);
    let mut read = Vec::new();
    reads(spec, op, None, &mut read);
    let view_init = view_members(op).into_iter().map(|f| {
        let name = ident(&f.binding);
        match f.kind {
            Kind::Text if f.secret => {
                quote! { #name: #name.as_ref().map(runtime::wire::Secret::expose) }
            }
            Kind::Text => quote! { #name: #name.as_deref() },
            Kind::Map => quote! { #name: #name.as_ref() },
            Kind::Array { .. } => quote! { #name: #name.as_ref().map(|_| ()) },
            Kind::Object { .. } => quote! { #name: #name.then_some(()) },
            _ => quote! { #name },
        }
    });
    let builds = builds(op);
    let members: Vec<_> = op
        .members(None)
        .map(|(_, f)| f)
        .filter(|f| f.in_struct())
        .collect();
    let required: Vec<_> = members
        .iter()
        .filter(|f| f.required)
        .map(|f| ident(&f.rust))
        .collect();
    let all: Vec<_> = members.iter().map(|f| ident(&f.rust)).collect();
    quote! {
            fn decode_checked(json: &[u8]) -> Result<Self, runtime::Violations> {
                let mut d = runtime::decode::Decoder::parse(json)?;
                #( #read )*
                let mut out = d.finish();
                #check_fn(
                    &#view {
                        #( #view_init, )*
                        _lifetime: ::core::marker::PhantomData,
                    },
                    &mut out,
                );
                #( #builds )*
                match ( #( #required, )* out.is_empty(), ) {
                    ( #( Some(#required), )* true, ) => Ok(#ty { #( #all ),* }),
                    _ => Err(out),
                }
            }
    }
}
