//! The view the checks read: every member of the request, borrowed and optional, so
//! that the same checks run on a built request (members read through its objects) and
//! on a partly decoded one.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use crate::model::{Condition, ConstraintKind, Field, Kind, Operation};

/// The view type's name.
pub fn view_ident(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}View", op.type_name)
}

/// The members the checks read: fields with checks of their own or named by a rule.
/// The view holds only these, so it has no member nobody reads.
pub fn view_members(op: &Operation) -> Vec<&Field> {
    let mut used = vec![false; op.fields.len()];
    for (i, f) in op.fields.iter().enumerate() {
        used[i] |= !f.checks.is_empty();
        // An amount whose currency a field chooses reads that field.
        if let Some(currency) = f.currency_field() {
            used[currency] = true;
        }
    }
    for rule in &op.rules {
        for c in &rule.when {
            match c {
                Condition::OneOf { field, .. }
                | Condition::InList { field, .. }
                | Condition::Present { field, .. } => used[*field] = true,
            }
        }
        for c in &rule.then {
            used[c.field] = true;
            match c.kind {
                ConstraintKind::PrefixEqualsSuffixOf { other, .. } => used[other] = true,
                ConstraintKind::PrefixInList { key, .. }
                | ConstraintKind::NameInList { key, .. } => used[key] = true,
                _ => {}
            }
        }
    }
    op.fields
        .iter()
        .zip(used)
        .filter(|(f, used)| *used && f.in_struct())
        .map(|(f, _)| f)
        .collect()
}

/// The view's member type for a field: every member optional, borrowed where cheap.
pub(super) fn view_type(op: &Operation, field: &Field) -> TokenStream {
    match &field.kind {
        Kind::Text => quote! { Option<&'a str> },
        // Rules only ask whether an object is there.
        Kind::Object { .. } | Kind::Array { .. } => quote! { Option<()> },
        Kind::Map => quote! { Option<&'a ::std::collections::BTreeMap<String, String>> },
        other => {
            let value = super::types::value_type(op, field);
            debug_assert!(!matches!(other, Kind::Fixed(_) | Kind::Signature));
            quote! { Option<#value> }
        }
    }
}

/// Where a member is in a built request.
enum Place {
    /// A place that is surely there (`self.bank_account.agency`).
    Sure(TokenStream),
    /// A place of an optional member (`self.description`: an `Option<T>`).
    Optional(TokenStream),
    /// Behind an optional object: an `Option<&T>` of the member's value.
    Behind(TokenStream),
}

impl Place {
    /// The place as an `Option<&T>`.
    fn as_option(&self) -> TokenStream {
        match self {
            Place::Sure(at) => quote! { Some(&#at) },
            Place::Optional(at) => quote! { #at.as_ref() },
            Place::Behind(at) => at.clone(),
        }
    }
}

/// Where the field with this index is in `self`.
fn place(op: &Operation, index: usize) -> Place {
    let f = &op.fields[index];
    let name = ident(&f.rust);
    let parent = f
        .parent
        .map_or(Place::Sure(quote! { self }), |p| place(op, p));
    match (parent, f.required) {
        (Place::Sure(at), true) => Place::Sure(quote! { #at.#name }),
        (Place::Sure(at), false) => Place::Optional(quote! { #at.#name }),
        (parent, true) => {
            let at = parent.as_option();
            Place::Behind(quote! { #at.map(|o| &o.#name) })
        }
        (parent, false) => {
            let at = parent.as_option();
            Place::Behind(quote! { #at.and_then(|o| o.#name.as_ref()) })
        }
    }
}

/// The view member's value, read from a built request: for an optional field whose empty
/// value means absent, `""` is `None`. A required one keeps `""`, for its not-blank check
/// to report it as `required`, as decoding does.
pub(super) fn view_value(op: &Operation, f: &Field) -> TokenStream {
    let value = member_value(op, f);
    if f.empty_is_absent && !f.required {
        quote! { #value.filter(|text| !text.is_empty()) }
    } else {
        value
    }
}

/// The view member's value as the built request holds it.
fn member_value(op: &Operation, f: &Field) -> TokenStream {
    let index = op
        .fields
        .iter()
        .position(|g| std::ptr::eq(g, f))
        .unwrap_or_default();
    let object = matches!(f.kind, Kind::Object { .. } | Kind::Array { .. });
    let text = matches!(f.kind, Kind::Text);
    let map = matches!(f.kind, Kind::Map);
    // A secret's text is read through `expose`, only by the checks.
    if f.secret {
        return match place(op, index) {
            Place::Sure(at) => quote! { Some(#at.expose()) },
            other => {
                let at = other.as_option();
                quote! { #at.map(runtime::wire::Secret::expose) }
            }
        };
    }
    match f.parent.map(|p| place(op, p)) {
        None | Some(Place::Sure(_)) => match place(op, index) {
            Place::Sure(_) if object => quote! { Some(()) },
            Place::Sure(at) if text => quote! { Some(#at.as_str()) },
            Place::Sure(at) if map => quote! { Some(&#at) },
            Place::Optional(at) if map => quote! { #at.as_ref() },
            Place::Sure(at) => quote! { Some(#at) },
            Place::Optional(at) if object => quote! { #at.as_ref().map(|_| ()) },
            Place::Optional(at) if text => quote! { #at.as_deref() },
            Place::Optional(at) | Place::Behind(at) => quote! { #at },
        },
        // Behind an optional object: read the member from the object, when it is there.
        Some(parent) => {
            let at = parent.as_option();
            let name = ident(&f.rust);
            match (f.required, object, text) {
                (true, true, _) => quote! { #at.map(|_| ()) },
                (false, true, _) => quote! { #at.and_then(|o| o.#name.as_ref()).map(|_| ()) },
                (true, _, true) => quote! { #at.map(|o| o.#name.as_str()) },
                (false, _, true) => quote! { #at.and_then(|o| o.#name.as_deref()) },
                (true, _, false) if map => quote! { #at.map(|o| &o.#name) },
                (false, _, false) if map => quote! { #at.and_then(|o| o.#name.as_ref()) },
                (true, _, false) => quote! { #at.map(|o| o.#name) },
                (false, _, false) => quote! { #at.and_then(|o| o.#name) },
            }
        }
    }
}
