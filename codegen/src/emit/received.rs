//! What the provider sends, typed: the status enum, each operation's answer struct and
//! the callback struct, each read by the runtime's field reader.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{doc, ident};
use crate::model::{AmountUnit, DataField, DataKind, Spec, WireForm};

/// The status enum's name.
pub const STATUS_TYPE: &str = "PayoutStatus";
/// The callback struct's name.
pub const CALLBACK_TYPE: &str = "PayoutCallback";

/// `PayoutStatus`: one variant per documented code, and `Unlisted` for any other.
pub fn status_enum(spec: &Spec) -> TokenStream {
    let Some(statuses) = &spec.statuses else {
        return TokenStream::new();
    };
    let ty = format_ident!("{STATUS_TYPE}");
    let variants = statuses.values.iter().map(|(code, name, state, text)| {
        let variant = ident(name);
        let line = format!(
            "`{code}`: {}, {state:?} in the SDK's terms.",
            text.as_deref().unwrap_or(name)
        );
        let docs = doc([line.as_str()]);
        quote! { #docs #variant }
    });
    let numeric = statuses
        .values
        .iter()
        .all(|(code, ..)| code.parse::<i64>().is_ok());
    let from = statuses.values.iter().map(|(_, name, _, _)| {
        let variant = ident(name);
        quote! { Some(#name) => Some(Self::#variant) }
    });
    let to = statuses.values.iter().map(|(code, name, _, _)| {
        let variant = ident(name);
        quote! { Self::#variant => #code.to_string() }
    });
    let heading = format!(
        "A payout's status as `{}` reports it. `state()` (trait `StatusCode`) says what it means.",
        statuses.field
    );
    let docs = doc([heading.as_str()]);
    let (derives, unlisted, unlisted_from) = if numeric {
        (
            quote! { #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)] },
            quote! { Unlisted(i64) },
            quote! { _ => runtime::wire::unlisted_number(&status.code).map(Self::Unlisted) },
        )
    } else {
        (
            quote! { #[derive(Debug, Clone, PartialEq, Eq, Hash)] },
            quote! { Unlisted(String) },
            quote! { _ => Some(Self::Unlisted(status.code.clone())) },
        )
    };
    quote! {
        #docs
        #derives
        pub enum #ty {
            #( #variants, )*
            /// A code the spec does not list, kept as received: its meaning is never guessed.
            #unlisted,
        }

        impl runtime::wire::StatusCode for #ty {
            const TABLE: &'static runtime::wire::StatusTable = &STATUSES;

            fn from_status(status: &runtime::wire::Status) -> Option<Self> {
                match status.name {
                    #( #from, )*
                    #unlisted_from,
                }
            }

            fn code(&self) -> String {
                match self {
                    #( #to, )*
                    Self::Unlisted(code) => code.to_string(),
                }
            }
        }
    }
}

/// The records a spec reads, in the order they are emitted: the callback, then each
/// operation's accepted answer.
fn records(spec: &Spec) -> Vec<(&str, &[DataField])> {
    let callback = spec
        .callback
        .iter()
        .map(|cb| (CALLBACK_TYPE, cb.fields.as_slice()));
    let answers = spec
        .operations
        .iter()
        .filter(|_| spec.answers.is_some())
        .filter_map(|op| {
            Some((
                op.answer_type.as_str(),
                op.answer.as_ref()?.fields.as_slice(),
            ))
        });
    callback.chain(answers).collect()
}

/// The record emitted before `name` with exactly its fields (docs included), if any:
/// identical records are one struct, and the later names are aliases of it.
pub fn same_as<'s>(spec: &'s Spec, name: &str) -> Option<&'s str> {
    let records = records(spec);
    let (_, fields) = records.iter().find(|(n, _)| *n == name)?;
    let (first, _) = records.iter().find(|(_, f)| f == fields)?;
    (*first != name).then_some(*first)
}

/// `pub type Name = First;`: a record read exactly as an earlier one.
pub fn record_alias(name: &str, heading: &str, first: &str) -> TokenStream {
    let (ty, first_ty) = (ident(name), ident(first));
    let docs = doc([heading]);
    // Generated Markdown with a link, not spec text: not escaped.
    let same =
        format!(" The page documents the same fields as [`{first}`]'s, so it is that struct.");
    quote! {
        #docs
        #[doc = ""]
        #[doc = #same]
        pub type #ty = #first_ty;
    }
}

/// A struct of the documented fields and `extra`, and its reader.
pub fn record_struct(name: &str, heading: &str, fields: &[DataField]) -> TokenStream {
    let ty = ident(name);
    let members_docs = fields.iter().map(|f| {
        let member = ident(&f.rust);
        let value = value_type(&f.kind);
        let ty = if f.nullable {
            quote! { Option<#value> }
        } else {
            value
        };
        let wire = format!(
            "Wire: `{}`{}.",
            f.name,
            if f.nullable {
                ", may be null or absent"
            } else {
                ""
            }
        );
        let docs = doc(f.doc.as_deref().into_iter().chain([wire.as_str()]));
        quote! { #docs pub #member: #ty }
    });
    let tables: Vec<TokenStream> = fields
        .iter()
        .filter_map(|f| {
            let DataKind::Code(codes) = &f.kind else {
                return None;
            };
            let name = meanings_const(f);
            let codes = codes
                .iter()
                .map(|(code, meaning)| quote! { (#code, #meaning) });
            let docs = doc([format!(
                "The codes of `{}` the page documents, with their meanings.",
                f.name
            )
            .as_str()]);
            Some(quote! {
                #docs
                pub const #name: runtime::wire::CodeTable = &[ #( #codes ),* ];
            })
        })
        .collect();
    let tables = (!tables.is_empty()).then(|| quote! { impl #ty { #( #tables )* } });
    let reads = fields.iter().map(|f| {
        let (member, wire) = (ident(&f.rust), &f.name);
        let (form, value) = (form(f), value_type(&f.kind));
        let how = if f.nullable {
            quote! { optional }
        } else {
            quote! { required }
        };
        quote! { let #member = r.#how::<#value>(#wire, #form); }
    });
    let members: Vec<_> = fields.iter().map(|f| ident(&f.rust)).collect();
    let required: Vec<_> = fields
        .iter()
        .filter(|f| !f.nullable)
        .map(|f| ident(&f.rust))
        .collect();
    // One match over every value read, so that a failure has one path out (a `?` per
    // field would drop what came before it, once per field).
    let build = if required.is_empty() {
        quote! { Ok(Self { #( #members, )* extra: r.finish()? }) }
    } else {
        quote! {
            match (r.finish(), #( #required ),*) {
                (Ok(extra), #( Some(#required) ),*) => Ok(Self { #( #members, )* extra }),
                (finished, ..) => Err(runtime::wire::read_failure(finished)),
            }
        }
    };
    let docs = doc([heading]);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #ty {
            #( #members_docs, )*
            /// The fields the spec does not document, as received.
            pub extra: runtime::serde_json::Map<String, runtime::serde_json::Value>,
        }

        #tables

        impl runtime::wire::FromFields for #ty {
            fn from_fields(
                fields: runtime::serde_json::Map<String, runtime::serde_json::Value>,
            ) -> Result<Self, runtime::wire::ReadError> {
                let mut r = runtime::wire::FieldReader::new(fields);
                #( #reads )*
                #build
            }
        }
    }
}

fn value_type(kind: &DataKind) -> TokenStream {
    match kind {
        DataKind::Text => quote! { String },
        DataKind::Integer => quote! { i64 },
        DataKind::Amount(_) => quote! { Amount },
        DataKind::Status => {
            let ty = format_ident!("{STATUS_TYPE}");
            quote! { #ty }
        }
        DataKind::Code(_) => quote! { runtime::wire::Code },
    }
}

/// `ERROR_CODE_MEANINGS`: the associated constant with a code field's documented codes.
fn meanings_const(f: &DataField) -> proc_macro2::Ident {
    format_ident!("{}_MEANINGS", heck::AsShoutySnakeCase(&f.rust).to_string())
}

fn form(f: &DataField) -> TokenStream {
    match &f.kind {
        DataKind::Amount(AmountUnit::Major) => quote! { runtime::wire::AmountUnit::Major },
        DataKind::Amount(AmountUnit::Minor) => quote! { runtime::wire::AmountUnit::Minor },
        // The table is the struct's constant, written once.
        DataKind::Code(_) => {
            let table = meanings_const(f);
            quote! { Self::#table }
        }
        _ => quote! { () },
    }
}

/// `("name", DataForm::String)` for a documented answer or callback field (what the mock
/// sends, and which fields a callback may leave unsigned).
pub fn data_form(f: &DataField) -> TokenStream {
    let name = &f.name;
    let form = match (&f.kind, f.form) {
        (DataKind::Amount(_), WireForm::String) => quote! { AmountString },
        (DataKind::Amount(AmountUnit::Major), _) => {
            quote! { AmountNumber(runtime::wire::AmountUnit::Major) }
        }
        (DataKind::Amount(AmountUnit::Minor), _) => {
            quote! { AmountNumber(runtime::wire::AmountUnit::Minor) }
        }
        (_, WireForm::String) => quote! { String },
        (_, WireForm::Number) => quote! { Number },
    };
    quote! { (#name, runtime::wire::DataForm::#form) }
}
