//! Step 4, emit: the model to Rust tokens, one emitter per artifact. The emitted code
//! states the spec's facts and implements the runtime's traits on its own types; it names
//! the runtime crate through one path, given here and aliased as `runtime` at the top of
//! every generated module.

mod builder;
mod decode;
mod example;
mod headers;
mod names;
mod received;
mod serialize;
mod signing;
mod table;
mod types;
mod validate;
mod view;
mod wire;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Kind, Operation, Spec};
use names::{doc, ident};

/// The runtime path generated code names unless told otherwise.
pub const DEFAULT_RUNTIME: &str = "::payspec_runtime";

/// How the emitted code names what it uses.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The absolute path of the runtime crate (`::payspec_runtime`).
    pub runtime: &'a syn::Path,
    /// The name the crate including the code is used by (`payspec_sdk`), for the usage
    /// example of each module; without it, no example.
    pub crate_name: Option<&'a str>,
}

/// The tokens of one spec's module.
pub fn spec_module(spec: &Spec, options: Options<'_>) -> TokenStream {
    let runtime_path = options.runtime;
    let runtime = quote! { #runtime_path };
    let module = ident(&spec.module);
    let heading = format!(
        "{} — {} ({}, {}).",
        spec.provider, spec.title, spec.country, spec.currency
    );
    let origin = format!("Generated from `{}`; source: {}.", spec.file, spec.source);
    let notes = (!spec.notes.is_empty()).then(|| {
        let mut text = String::from("# Notes on the page\n");
        for note in &spec.notes {
            text.push_str(&format!("\n- {}", note.trim().replace('\n', "\n  ")));
        }
        text
    });
    // Inner docs, so that their links resolve inside the module.
    let mut lines = names::doc_lines([heading.as_str(), origin.as_str()]);
    lines.extend(names::raw_lines(&contents(spec)));
    if let Some(notes) = &notes {
        lines.push(String::new());
        lines.extend(names::doc_lines([notes.as_str()]));
    }
    if let Some(krate) = options.crate_name {
        let path = runtime.to_string().replace(' ', "");
        lines.extend(example::module_example(spec, krate, &path));
    }
    let info = spec_info(spec);
    let currency = currency(spec);
    let references = spec.references.iter().map(types::reference);
    let signing = signing::module_items(spec);
    let wire = wire::module_items(spec);
    let status = received::status_enum(spec);
    let credentials = headers::credentials(spec);
    let operations = spec.operations.iter().map(|op| operation(spec, op));
    quote! {
        pub mod #module {
            #( #![doc = #lines] )*
            use #runtime as runtime;

            #info
            #credentials
            #currency
            #( #references )*
            #signing
            #wire
            #status
            #( #operations )*
        }
    }
}

/// What the module holds, in Rust terms: one line per type a user touches.
fn contents(spec: &Spec) -> String {
    let mut lines = vec!["# In this module\n".to_string()];
    for op in &spec.operations {
        let role = match op.role {
            crate::model::OperationRole::Create => "sent once: a create is never retried",
            crate::model::OperationRole::Query => "retried while unknown, signed afresh",
        };
        let what = op.doc.as_deref().unwrap_or(&op.name);
        let what = what
            .split(". ")
            .next()
            .unwrap_or(what)
            .trim_end_matches('.');
        let mut line = format!(
            "- [`{}`]: {what} (`{} {}`; {role}).",
            op.type_name, op.method, op.path
        );
        if op.answer.is_some() && spec.answers.is_some() {
            line.push_str(&format!(" Its accepted answer: [`{}`].", op.answer_type));
        }
        lines.push(line);
    }
    if spec.callback.is_some() {
        lines.push(
            "- [`PayoutCallback`]: the provider's callback, verified and read by \
             [`receive_callback`]; answer it with [`callback_reply`]."
                .into(),
        );
    }
    if spec.statuses.is_some() {
        lines.push("- [`PayoutStatus`]: a payout's status as the provider reports it.".into());
    }
    lines.push("- [`Credentials`]: what the provider issued that the requests carry.".into());
    if spec
        .operations
        .iter()
        .flat_map(|op| {
            op.fields
                .iter()
                .chain(op.arrays.iter().flat_map(|a| &a.fields))
        })
        .any(|f| matches!(f.kind, Kind::Amount { .. }))
    {
        lines.push(format!(
            "- [`Amount`]: an amount of {}, exact.",
            spec.currency
        ));
    }
    lines.join("\n")
}

fn spec_info(spec: &Spec) -> TokenStream {
    let (id, provider, country, currency, title, file) = (
        &spec.id,
        &spec.provider,
        &spec.country,
        &spec.currency,
        &spec.title,
        &spec.file,
    );
    let signing = match spec.signing {
        Some(_) => quote! { Some(&SIGNING) },
        None => quote! { None },
    };
    let present = |yes: bool, name: &str| {
        let name = format_ident!("{name}");
        if yes {
            quote! { Some(&#name) }
        } else {
            quote! { None }
        }
    };
    let envelope = present(spec.answers.is_some(), "ENVELOPE");
    let statuses = present(spec.statuses.is_some(), "STATUSES");
    let callback = present(spec.callback.is_some(), "CALLBACK");
    let signed_headers = spec
        .signing
        .as_ref()
        .map(|s| s.header_extras())
        .unwrap_or_default();
    let nonce_length = spec.headers.iter().find_map(|h| match &h.value {
        crate::model::HeaderValue::From {
            source: crate::model::HeaderSource::Nonce,
            length: Some(n),
            ..
        } => Some(*n as usize),
        _ => None,
    });
    let nonce_length = match nonce_length {
        Some(n) => quote! { Some(#n) },
        None => quote! { None },
    };
    let operations = spec.operations.iter().map(|op| {
        let name = &op.name;
        let ty = ident(&op.type_name);
        let query_fields = op
            .fields
            .iter()
            .filter(|f| f.location == crate::model::FieldLocation::Query)
            .map(|f| &f.wire);
        let entry = if spec.signs(op) {
            quote! { signed }
        } else {
            quote! { unsigned }
        };
        quote! { runtime::OperationInfo::#entry::<#ty>(#name, &[ #( #query_fields ),* ]) }
    });
    quote! {
        /// What this module was generated from.
        pub static SPEC: runtime::SpecInfo = runtime::SpecInfo {
            id: #id,
            provider: #provider,
            country: #country,
            currency: #currency,
            title: #title,
            file: #file,
            signing: #signing,
            envelope: #envelope,
            statuses: #statuses,
            callback: #callback,
            signed_headers: &[ #( #signed_headers ),* ],
            nonce_length: #nonce_length,
            operations: &[ #( #operations ),* ],
        };
    }
}

/// The spec's currency marker and `Amount` alias, when any field is an amount.
fn currency(spec: &Spec) -> TokenStream {
    let decimals = spec
        .operations
        .iter()
        .flat_map(|op| {
            op.fields
                .iter()
                .chain(op.arrays.iter().flat_map(|a| &a.fields))
        })
        .find_map(|f| match f.kind {
            Kind::Amount { decimals, .. } => Some(decimals),
            _ => None,
        });
    let Some(decimals) = decimals else {
        return TokenStream::new();
    };
    let marker = format_ident!("{}", heck::AsUpperCamelCase(&spec.currency).to_string());
    let code = &spec.currency;
    let marker_doc =
        doc([
            format!("{code} as this page counts it: amounts with at most {decimals} decimals.")
                .as_str(),
        ]);
    let amount_doc =
        doc([format!("An amount of {code}, exact (whole minor units, never a float).").as_str()]);
    quote! {
        #marker_doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #marker {}

        impl runtime::Currency for #marker {
            const CODE: &'static str = #code;
            const DECIMALS: u32 = #decimals;
        }

        #amount_doc
        pub type Amount = runtime::Money<#marker>;
    }
}

/// The struct and `Serialize` of each object field of one body level, in spec order.
fn objects(op: &Operation) -> Vec<TokenStream> {
    op.objects()
        .map(|(i, _, _)| {
            let object = types::object_struct(op, i);
            let serialize = serialize::serialize_object(op, i);
            quote! { #object #serialize }
        })
        .collect()
}

/// One array's item type: its enums, struct, objects, checks, decoder and `Serialize`,
/// as a request body's are (an item is a `Request` of its own).
fn item_type(spec: &Spec, item: &Operation, pointer: &str) -> TokenStream {
    let ty = ident(&item.type_name);
    let enums = item.enums.iter().map(types::enumeration);
    let item_struct = types::item_struct(item, pointer);
    let objects = objects(item);
    let validate = validate::validator(spec, item);
    let check = validate::check_method(item);
    let decode = decode::decode_method(spec, item);
    let serialize = serialize::serialize(item);
    quote! {
        #( #enums )*
        #item_struct
        #( #objects )*
        #validate

        impl runtime::Request for #ty {
            #check
            #decode
        }

        #serialize
    }
}

fn operation(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let enums = op.enums.iter().map(types::enumeration);
    let items: Vec<TokenStream> = op
        .members(None)
        .filter_map(|(_, f)| match f.kind {
            Kind::Array { item, .. } => Some(item_type(spec, &op.arrays[item], &f.pointer)),
            _ => None,
        })
        .collect();
    let request = types::request_struct(op);
    let objects = objects(op);
    let validate = validate::validator(spec, op);
    let check = validate::check_method(op);
    let decode = decode::decode_method(spec, op);
    let serialize = serialize::serialize(op);
    let signing = signing::operation_items(spec, op);
    let wire = wire::operation_items(spec, op);
    quote! {
        #( #enums )*
        #( #items )*
        #request
        #( #objects )*
        #validate

        impl runtime::Request for #ty {
            #check
            #decode
        }

        #serialize
        #signing
        #wire
    }
}

/// The index file: includes every spec's module and lists them.
pub fn index(modules: &[(String, String)], runtime: &syn::Path) -> TokenStream {
    let includes = modules.iter().map(|(_, file)| {
        quote! { include!(concat!(env!("OUT_DIR"), "/", #file)); }
    });
    let specs = modules.iter().map(|(module, _)| {
        let m = ident(module);
        quote! { &#m::SPEC }
    });
    let sources = modules.iter().map(|(module, file)| {
        quote! { (#module, include_str!(concat!(env!("OUT_DIR"), "/", #file))) }
    });
    quote! {
        #( #includes )*

        /// Every spec the SDK was generated from, in id order.
        pub static SPECS: &[&#runtime::SpecInfo] = &[ #( #specs ),* ];

        /// The generated source of each spec's module, by module name.
        pub static GENERATED_SOURCES: &[(&str, &str)] = &[ #( #sources ),* ];

        /// Every spec and its generated source, for tools (`payspec_runtime::cli::main`).
        pub static REGISTRY: #runtime::Registry = #runtime::Registry {
            specs: SPECS,
            sources: GENERATED_SOURCES,
        };
    }
}
