//! Validation: one function that runs every field check and rule over the request's
//! view (`view.rs`). `validate` and `from_json` share it, so both report the same
//! violations for the same content.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{bound, ident};
use super::table::{Step, calls, step};
use super::view::{view_ident, view_members, view_type, view_value};
use crate::model::{Condition, ConstraintKind, Kind, Literal, Operation, Spec};

/// The check function's name.
pub fn check_ident(op: &Operation) -> proc_macro2::Ident {
    format_ident!("check_{}", heck::AsSnakeCase(&op.type_name).to_string())
}

/// The name of the function that checks one rule.
fn rule_ident(op: &Operation, rule: &str) -> proc_macro2::Ident {
    format_ident!(
        "check_{}_{}",
        heck::AsSnakeCase(&op.type_name).to_string(),
        heck::AsSnakeCase(rule).to_string()
    )
}

/// Emits the view, the check function and `check`/`validate`.
pub fn validator(spec: &Spec, op: &Operation) -> TokenStream {
    let ty = ident(&op.type_name);
    let view = view_ident(op);
    let check_fn = check_ident(op);
    let members = view_members(op);
    let view_fields = members.iter().map(|f| {
        let name = ident(&f.binding);
        let t = view_type(op, f);
        quote! { #name: #t }
    });
    let view_init = members.iter().map(|f| {
        let name = ident(&f.binding);
        let value = view_value(op, f);
        quote! { #name: #value }
    });
    let field_checks = calls(
        members
            .iter()
            .flat_map(|f| {
                f.checks
                    .iter()
                    .map(move |c| step(spec, f, c, c.rule_id(), None))
            })
            .collect(),
        None,
    );
    let field_checks_empty = field_checks.is_empty();
    let rules = op.rules.iter().map(|rule| {
        let id = rule.id.as_str();
        let why = Some(rule.doc.as_str());
        let conditions: Vec<TokenStream> = rule.when.iter().map(|c| condition(spec, op, c)).collect();
        let guard = match rule.when.as_slice() {
            [] => None,
            // A lone presence condition, negated the way clippy wants it written.
            [Condition::Present { field, present }] => {
                let name = ident(&op.fields[*field].binding);
                Some(if *present {
                    quote! { if v.#name.is_none() { return; } }
                } else {
                    quote! { if v.#name.is_some() { return; } }
                })
            }
            _ => Some(quote! { if !(#( #conditions )&&*) { return; } }),
        };
        let steps = rule.then.iter().map(|c| {
            let field = &op.fields[c.field];
            let name = ident(&field.binding);
            let pointer = &field.pointer;
            let why = why.map(|w| quote! { Some(#w) });
            Step::Code(match &c.kind {
                ConstraintKind::Required => quote! {
                    if v.#name.is_none() {
                        runtime::rules::required(out, #pointer, #id, #why);
                    }
                },
                ConstraintKind::Absent => quote! {
                    if v.#name.is_some() {
                        runtime::rules::absent(out, #pointer, #id, #why);
                    }
                },
                ConstraintKind::Check(check) => return step(spec, field, check, id, Some(rule.doc.as_str())),
                ConstraintKind::PrefixEqualsSuffixOf { other, chars } => {
                    let other = &op.fields[*other];
                    let other_name = ident(&other.binding);
                    let other_wire = &other.wire;
                    let n = *chars as usize;
                    quote! {
                        if let (Some(value), Some(other)) = (v.#name, v.#other_name) {
                            runtime::rules::prefix_equals_suffix_of(out, #pointer, #id, #why, value, #other_wire, other, #n);
                        }
                    }
                }
                ConstraintKind::PrefixInList { list, key, chars } => {
                    let table = ident(&spec.references[*list].ident);
                    let key = ident(&op.fields[*key].binding);
                    let n = *chars as usize;
                    quote! {
                        if let (Some(value), Some(key)) = (v.#name, v.#key) {
                            runtime::rules::prefix_in_list(out, #pointer, #id, #why, value, key, &#table, #n);
                        }
                    }
                }
                ConstraintKind::Equals(expected) => quote! {
                    if let Some(value) = v.#name {
                        runtime::rules::equals(out, #pointer, #id, #why, value, #expected);
                    }
                },
                ConstraintKind::CharAt { position, one_of } => {
                    let position = *position as usize;
                    quote! {
                        if let Some(value) = v.#name {
                            runtime::rules::char_at(out, #pointer, #id, #why, value, #position, #one_of);
                        }
                    }
                }
                ConstraintKind::LengthInList { list, key, attribute } => {
                    let table = ident(&spec.references[*list].ident);
                    let key_wire = &op.fields[*key].wire;
                    let key = ident(&op.fields[*key].binding);
                    quote! {
                        if let (Some(value), Some(key)) = (v.#name, v.#key) {
                            runtime::rules::length_in_list(out, #pointer, #id, #why, value, #key_wire, key, &#table, #attribute);
                        }
                    }
                }
                ConstraintKind::NameInList { list, key } => {
                    let table = ident(&spec.references[*list].ident);
                    let key_wire = &op.fields[*key].wire;
                    let key = ident(&op.fields[*key].binding);
                    quote! {
                        if let (Some(value), Some(key)) = (v.#name, v.#key) {
                            runtime::rules::name_in_list(out, #pointer, #id, #why, value, #key_wire, key, &#table);
                        }
                    }
                }
            })
        }).collect();
        let constraints = calls(steps, Some(rule.doc.as_str()));
        let rule_fn = rule_ident(op, id);
        let comment = format!("Rule `{id}`: {}", rule.doc.trim());
        let comment = super::names::doc([comment.as_str()]);
        quote! {
            #comment
            fn #rule_fn(v: &#view<'_>, out: &mut runtime::Violations) {
                #guard
                #( #constraints )*
            }
        }
    });
    let rule_fns: Vec<TokenStream> = rules.collect();
    let rule_calls = op.rules.iter().map(|r| {
        let f = rule_ident(op, &r.id);
        quote! { #f(v, out); }
    });
    // An operation with nothing to check takes its arguments unused, without a warning.
    let params = if op.rules.is_empty() && field_checks_empty {
        quote! { _v: &#view<'_>, _out: &mut runtime::Violations }
    } else {
        quote! { v: &#view<'_>, out: &mut runtime::Violations }
    };
    let check_doc = format!(
        "Runs every field check and rule of `{}` over `v`.",
        op.type_name
    );
    let check_doc = super::names::doc([check_doc.trim()]);
    quote! {
        /// Every member of the request, borrowed and optional, so that the same checks
        /// run on a built request and on a partly decoded one.
        #[derive(Clone, Copy)]
        struct #view<'a> {
            #( #view_fields, )*
            _lifetime: ::core::marker::PhantomData<&'a ()>,
        }

        #check_doc
        fn #check_fn(#params) {
            #( #field_checks )*
            #( #rule_calls )*
        }

        #( #rule_fns )*

        impl #ty {
            fn view(&self) -> #view<'_> {
                #view {
                    #( #view_init, )*
                    _lifetime: ::core::marker::PhantomData,
                }
            }
        }
    }
}

/// A rule condition over the view.
fn condition(spec: &Spec, op: &Operation, c: &Condition) -> TokenStream {
    match c {
        Condition::OneOf { field, values } => {
            let f = &op.fields[*field];
            let name = ident(&f.binding);
            let patterns = values.iter().map(|value| match (value, &f.kind) {
                (Literal::Variant(i), Kind::Enum(e)) => {
                    let def = &op.enums[*e];
                    let ty = ident(&def.type_name);
                    let variant = ident(&def.variants[*i].name);
                    quote! { #ty::#variant }
                }
                (Literal::Text(t), _) => quote! { #t },
                (Literal::Variant(_), _) => quote! { _ },
            });
            quote! { matches!(v.#name, Some( #( #patterns )|* )) }
        }
        Condition::InList { field, list } => {
            let name = ident(&op.fields[*field].binding);
            let table = ident(&spec.references[*list].ident);
            quote! { v.#name.is_some_and(|key| #table.contains(key)) }
        }
        Condition::Present { field, present } => {
            let name = ident(&op.fields[*field].binding);
            if *present {
                quote! { v.#name.is_some() }
            } else {
                quote! { v.#name.is_none() }
            }
        }
    }
}

/// The `check` method of the request's `Request` impl.
pub fn check_method(op: &Operation) -> TokenStream {
    let check_fn = check_ident(op);
    // A built request's arrays: their size, and each item's own checks under its index
    // (a decoded one had them when its items were decoded).
    let arrays = op.members(None).filter_map(|(_, f)| {
        let Kind::Array { min, max, .. } = f.kind else {
            return None;
        };
        let (name, pointer) = (ident(&f.rust), &f.pointer);
        let (min, max) = (bound(min), bound(max));
        Some(if f.required {
            quote! { runtime::rules::items(&mut out, #pointer, &self.#name, #min, #max); }
        } else {
            quote! {
                if let Some(items) = &self.#name {
                    runtime::rules::items(&mut out, #pointer, items, #min, #max);
                }
            }
        })
    });
    quote! {
        fn check(&self) -> Result<(), runtime::Violations> {
            let mut out = runtime::Violations::new();
            #check_fn(&self.view(), &mut out);
            #( #arrays )*
            out.into_result()
        }
    }
}
