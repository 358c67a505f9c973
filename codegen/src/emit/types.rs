//! Types: reference lists, enums, and the request struct with its typestate builder
//! (`builder.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::{Member, builder};
use super::names::{doc, ident};
use crate::model::{
    AmountUnit, Check, EnumDef, Field, Kind, Operation, Reference, TimestampUnit, WireForm,
};

/// A reference list as a sorted static table.
pub fn reference(r: &Reference) -> TokenStream {
    let name_ident = ident(&r.ident);
    let name = &r.name;
    let heading = format!("Reference list `{name}`.");
    let provenance = format!(
        "{} entries, from {}; {}.",
        r.entries.len(),
        r.source
            .as_deref()
            .unwrap_or("a source the file does not give"),
        if r.complete {
            "the provider's whole list"
        } else {
            "not the whole list: only checks that skip a missing entry use it"
        }
    );
    let docs = doc([heading.as_str()]
        .into_iter()
        .chain(r.doc.as_deref())
        .chain([provenance.as_str()]));
    let entries = r.entries.iter().map(|e| {
        let key = &e.key;
        let values = &e.values;
        quote! { (#key, &[ #( #values ),* ]) }
    });
    let names = r.entries.iter().map(|e| e.name.as_deref().unwrap_or(""));
    let attributes = r.entries.iter().map(|e| {
        let pairs = e.attributes.iter().map(|(k, v)| quote! { (#k, #v) });
        quote! { &[ #( #pairs ),* ] }
    });
    quote! {
        #docs
        pub static #name_ident: runtime::RefTable = runtime::RefTable {
            name: #name,
            entries: &[ #( #entries ),* ],
            names: &[ #( #names ),* ],
            attributes: &[ #( #attributes ),* ],
        };
    }
}

/// An enum with its codes.
pub fn enumeration(e: &EnumDef) -> TokenStream {
    let ty = ident(&e.type_name);
    let heading = format!("Codes of `{}`.", e.field);
    let docs = doc([heading.as_str()].into_iter().chain(e.doc.as_deref()));
    let variants = e.variants.iter().map(|v| {
        let name = ident(&v.name);
        let code_line = format!("Code `{}`.", v.code);
        let docs = doc(v.doc.as_deref().into_iter().chain([code_line.as_str()]));
        quote! { #docs #name }
    });
    let all = e.variants.iter().map(|v| ident(&v.name));
    let count = e.variants.len();
    let (code_ty, codes, from_code_arg) = if e.numeric {
        let codes: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|v| {
                let n: i64 = v.code.parse().unwrap_or_default();
                quote! { #n }
            })
            .collect();
        (quote! { i64 }, codes, quote! { code: i64 })
    } else {
        let codes: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|v| {
                let s = &v.code;
                quote! { #s }
            })
            .collect();
        (quote! { &'static str }, codes, quote! { code: &str })
    };
    let names: Vec<_> = e.variants.iter().map(|v| ident(&v.name)).collect();
    // A currency field's codes: each currency's decimals.
    let decimals_fn = e
        .variants
        .iter()
        .map(|v| v.decimals)
        .collect::<Option<Vec<u32>>>()
        .map(|decimals| {
            quote! {
                /// The currency's decimals: how many digits its main unit has after the point.
                pub const fn decimals(self) -> u32 {
                    match self {
                        #( #ty::#names => #decimals, )*
                    }
                }
            }
        });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ty {
            #( #variants, )*
        }

        impl #ty {
            /// Every value, in the page's order.
            pub const ALL: [#ty; #count] = [ #( #ty::#all ),* ];

            /// The code sent on the wire.
            pub const fn code(self) -> #code_ty {
                match self {
                    #( #ty::#names => #codes, )*
                }
            }

            #decimals_fn

            /// The value with this code, if the page lists it.
            pub fn from_code(#from_code_arg) -> Option<#ty> {
                match code {
                    #( #codes => Some(#ty::#names), )*
                    _ => None,
                }
            }
        }
    }
}

/// The Rust type of a struct field, without the `Option` of optional fields.
pub fn value_type(op: &Operation, field: &Field) -> TokenStream {
    match &field.kind {
        Kind::Text if field.secret => quote! { runtime::wire::Secret },
        Kind::Text => quote! { String },
        Kind::Integer => quote! { u64 },
        Kind::Boolean => quote! { bool },
        Kind::Amount { .. } => quote! { Amount },
        Kind::Enum(i) => {
            let ty = ident(&op.enums[*i].type_name);
            quote! { #ty }
        }
        Kind::Object { type_name } => {
            let ty = ident(type_name);
            quote! { #ty }
        }
        Kind::Map => quote! { ::std::collections::BTreeMap<String, String> },
        Kind::Array { item, .. } => {
            let ty = ident(&op.arrays[*item].type_name);
            quote! { Vec<#ty> }
        }
        Kind::Fixed(_) | Kind::Signature => quote! { () },
    }
}

/// What a field's documentation says about its wire form and checks.
fn wire_summary(op: &Operation, field: &Field) -> String {
    let form = match field.wire_form {
        WireForm::String => "a JSON string",
        WireForm::Number => "a JSON number",
    };
    let form = match field.kind {
        Kind::Array { .. } => "a JSON array of objects",
        Kind::Boolean => "a JSON boolean",
        Kind::Object { .. } => "a JSON object",
        Kind::Map => "a JSON object of text values",
        _ => form,
    };
    let mut facts = vec![format!("Wire: `{}`, {form}", field.wire)];
    if field.accept_other_form {
        facts.push("the other JSON form is accepted on input".into());
    }
    match &field.kind {
        Kind::Amount {
            decimals,
            unit: AmountUnit::Major,
        } => facts.push(format!("main units, at most {decimals} decimals")),
        Kind::Amount {
            decimals,
            unit: AmountUnit::Minor,
        } => facts.push(format!("minor units (1/10^{decimals} of the main unit)")),
        Kind::Enum(i) => {
            let codes: Vec<String> = op.enums[*i]
                .variants
                .iter()
                .map(|v| format!("`{}`", v.code))
                .collect();
            facts.push(format!("codes {}", codes.join(", ")));
        }
        _ => {}
    }
    for check in &field.checks {
        facts.push(match check {
            Check::Length {
                min: Some(a),
                max: Some(b),
            } if a == b => format!("exactly {a} characters"),
            Check::Length {
                min: Some(a),
                max: Some(b),
            } => format!("{a} to {b} characters"),
            Check::Length {
                min: Some(a),
                max: None,
            } => format!("at least {a} characters"),
            Check::Length {
                min: None,
                max: Some(b),
            } => format!("at most {b} characters"),
            Check::Length { .. } => continue,
            Check::Charset(c) => format!("characters: {c:?}"),
            Check::Chars { text, .. } => format!("characters: `{text}`"),
            Check::CheckDigit(a) => format!("a valid {a:?} check digit"),
            Check::Entries(n) => format!("at most {n} pairs"),
            Check::CurrencyDecimals { field, .. } => format!(
                "in the currency `{}` chooses, with that currency's decimals",
                op.fields[*field].wire
            ),
            Check::Mask(m) => format!("shaped `{m}`"),
            Check::LengthOneOf(lengths) => format!(
                "{} characters",
                lengths
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
            Check::AmountRange { min, max } | Check::Range { min, max } => match (min, max) {
                (Some((_, a)), Some((_, b))) => format!("from {a} to {b}"),
                (Some((_, a)), None) => format!("at least {a}"),
                (None, Some((_, b))) => format!("at most {b}"),
                (None, None) => continue,
            },
            Check::StartsWith(p) => format!("starts with `{p}`"),
            Check::InList(_) => "listed in a reference list".into(),
            Check::NotBlank => "not blank".into(),
            Check::PlainText => "no control characters".into(),
            Check::Positive => "above zero".into(),
            Check::Timestamp(TimestampUnit::UnixSeconds) => "Unix seconds".into(),
            Check::Timestamp(TimestampUnit::UnixMillis) => "Unix milliseconds".into(),
        });
    }
    facts.push(if field.required {
        "required".into()
    } else {
        "optional".into()
    });
    format!("{}.", facts.join("; "))
}

/// The members of one struct (the request's, or an object's) and how its builder sets
/// them: fixed values and the signature are not members, the SDK fills them in.
fn members(op: &Operation, of: Option<usize>) -> (Vec<TokenStream>, Vec<Member>, TokenStream) {
    let in_struct: Vec<&Field> = op
        .members(of)
        .map(|(_, f)| f)
        .filter(|f| f.in_struct())
        .collect();
    let fields = in_struct
        .iter()
        .map(|f| {
            let name = ident(&f.rust);
            let value = value_type(op, f);
            let summary = wire_summary(op, f);
            let note = f.note.as_ref().map(|n| format!("Note: {n}"));
            let docs = doc(f
                .doc
                .as_deref()
                .into_iter()
                .chain([summary.as_str()])
                .chain(note.as_deref()));
            let ty = if f.required {
                value
            } else {
                quote! { Option<#value> }
            };
            quote! { #docs pub #name: #ty }
        })
        .collect();
    let built = in_struct
        .iter()
        .map(|f| Member {
            name: ident(&f.rust),
            ty: value_type(op, f),
            required: f.required,
            into: matches!(f.kind, Kind::Text),
        })
        .collect();
    let fixed: Vec<String> = op
        .members(of)
        .filter_map(|(_, f)| match &f.kind {
            Kind::Fixed(v) => Some(format!("`{}` is always `{v}`", f.wire)),
            Kind::Signature => Some(format!("`{}` is set by signing", f.wire)),
            _ => None,
        })
        .collect();
    let fixed_doc = (!fixed.is_empty())
        .then(|| format!("Not members, filled in by the SDK: {}.", fixed.join("; ")));
    (fields, built, doc(fixed_doc.as_deref()))
}

/// The request struct, with a typestate builder: a missing required field is a compile
/// error.
pub fn request_struct(op: &Operation) -> TokenStream {
    let endpoint = format!("`{} {}`", op.method, op.path);
    let docs = doc(op.doc.as_deref().into_iter().chain([endpoint.as_str()]));
    built_struct(op, &op.type_name, docs, None)
}

/// The struct of an object field, with its own builder.
pub fn object_struct(op: &Operation, index: usize) -> TokenStream {
    let field = &op.fields[index];
    let Kind::Object { type_name } = &field.kind else {
        return TokenStream::new();
    };
    let heading = format!("The object `{}` of `{}`.", field.pointer, op.type_name);
    let docs = doc([heading.as_str()].into_iter().chain(field.doc.as_deref()));
    built_struct(op, type_name, docs, Some(index))
}

/// The struct of one item of an array field (`item`, the array's item shape).
pub fn item_struct(item: &Operation, pointer: &str) -> TokenStream {
    let heading = format!("One item of `{pointer}`.");
    built_struct(item, &item.type_name, doc([heading.as_str()]), None)
}

/// A struct of one level of the body (the request's members, or an object's), and its
/// builder.
fn built_struct(
    op: &Operation,
    type_name: &str,
    docs: TokenStream,
    of: Option<usize>,
) -> TokenStream {
    let ty = ident(type_name);
    let (fields, built, fixed_doc) = members(op, of);
    let builder = builder(type_name, &built);
    quote! {
        #docs
        ///
        #fixed_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct #ty {
            #( #fields, )*
        }

        #builder
    }
}
