//! Validation: a borrowed view of the request and one function that runs every field
//! check and rule over it. `validate` and `from_json` share it, so both report the same
//! violations for the same content.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::ident;
use crate::model::{
    AmountUnit, Check, Condition, ConstraintKind, Field, Kind, Literal, Operation, Spec,
    TimestampUnit,
};

/// The view type's name.
pub fn view_ident(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}View", op.type_name)
}

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

/// The members the checks read: fields with checks of their own or named by a rule.
/// The view holds only these, so it has no member nobody reads.
pub fn view_members(op: &Operation) -> Vec<&Field> {
    let mut used = vec![false; op.fields.len()];
    for (i, f) in op.fields.iter().enumerate() {
        used[i] = !f.checks.is_empty();
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
fn view_type(op: &Operation, field: &Field) -> TokenStream {
    match &field.kind {
        Kind::Text => quote! { Option<&'a str> },
        // Rules only ask whether an object is there.
        Kind::Object { .. } => quote! { Option<()> },
        Kind::Map => quote! { Option<&'a ::std::collections::BTreeMap<String, String>> },
        other => {
            let value = super::types::value_type(op, field);
            debug_assert!(!matches!(other, Kind::Fixed(_) | Kind::Signature));
            quote! { Option<#value> }
        }
    }
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
    let field_checks: Vec<TokenStream> = members
        .iter()
        .flat_map(|f| {
            f.checks
                .iter()
                .map(move |c| check_call(spec, f, c, c.rule_id(), None))
        })
        .collect();
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
        let constraints = rule.then.iter().map(|c| {
            let field = &op.fields[c.field];
            let name = ident(&field.binding);
            let pointer = &field.pointer;
            let why = why.map(|w| quote! { Some(#w) });
            match &c.kind {
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
                ConstraintKind::Check(check) => check_call(spec, field, check, id, Some(rule.doc.as_str())),
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
            }
        });
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

/// The view member's value, read from a built request: for a field whose empty value
/// means absent, `""` is `None`.
fn view_value(op: &Operation, f: &Field) -> TokenStream {
    let value = member_value(op, f);
    if f.empty_is_absent {
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
    let object = matches!(f.kind, Kind::Object { .. });
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

/// A call of the runtime check for `check` on the view member of `field`.
fn check_call(
    spec: &Spec,
    field: &Field,
    check: &Check,
    rule: &str,
    why: Option<&str>,
) -> TokenStream {
    let name = ident(&field.binding);
    let pointer = &field.pointer;
    let why = match why {
        Some(w) => quote! { Some(#w) },
        None => quote! { None },
    };
    let opt = |n: Option<u32>| match n {
        Some(n) => {
            let n = n as usize;
            quote! { Some(#n) }
        }
        None => quote! { None },
    };
    // A map's checks other than its size apply to each of its values, as text.
    let each_value = field.kind == Kind::Map && !matches!(check, Check::Entries(_));
    let kind = if each_value { &Kind::Text } else { &field.kind };
    let call = match (check, kind) {
        (Check::Mask(mask), _) => {
            quote! { runtime::rules::mask(out, #pointer, #rule, #why, value, #mask) }
        }
        (Check::Entries(most), _) => {
            let most = *most as usize;
            quote! { runtime::rules::entries(out, #pointer, #rule, #why, value.len(), #most) }
        }
        (Check::Length { min, max }, Kind::Text) => {
            let (min, max) = (opt(*min), opt(*max));
            quote! { runtime::rules::length(out, #pointer, #rule, #why, value, #min, #max) }
        }
        (Check::Length { min, max }, kind) => {
            let (min, max) = (opt(*min), opt(*max));
            let len = match kind {
                Kind::Amount {
                    unit: AmountUnit::Major,
                    ..
                } => quote! { value.major_text_len() },
                Kind::Amount {
                    unit: AmountUnit::Minor,
                    ..
                } => {
                    quote! { runtime::amount::decimal_digits(value.minor_units()) }
                }
                _ => quote! { runtime::amount::decimal_digits(value) },
            };
            quote! { runtime::rules::length_of(out, #pointer, #rule, #why, #len, #min, #max) }
        }
        (Check::Charset(c), _) => {
            let set = format_ident!("{c:?}");
            quote! { runtime::rules::charset(out, #pointer, #rule, #why, value, runtime::rules::Charset::#set) }
        }
        (Check::Chars { ranges, text }, _) => {
            let ranges = ranges.iter().map(|(a, b)| quote! { (#a, #b) });
            quote! { runtime::rules::chars(out, #pointer, #rule, #why, value, &[ #( #ranges ),* ], #text) }
        }
        (Check::LengthOneOf(lengths), _) => {
            let lengths = lengths.iter().map(|n| *n as usize);
            quote! { runtime::rules::length_one_of(out, #pointer, #rule, #why, value, &[ #( #lengths ),* ]) }
        }
        (Check::CheckDigit(algorithm), _) => {
            let algorithm = format_ident!("{}", format!("{algorithm:?}"));
            quote! { runtime::rules::check_digit(out, #pointer, #rule, #why, value, runtime::rules::CheckDigit::#algorithm) }
        }
        (Check::Range { min, max }, _) => {
            let bound = |b: &Option<(u64, String)>| match b {
                Some((n, text)) => quote! { Some((#n, #text)) },
                None => quote! { None },
            };
            let (min, max) = (bound(min), bound(max));
            quote! { runtime::rules::in_range(out, #pointer, #rule, #why, value, #min, #max) }
        }
        (Check::AmountRange { min, max }, _) => {
            let bound = |b: &Option<(u64, String)>| match b {
                Some((minor, text)) => quote! { Some((#minor, #text)) },
                None => quote! { None },
            };
            let (min, max) = (bound(min), bound(max));
            quote! { runtime::rules::in_range(out, #pointer, #rule, #why, value.minor_units(), #min, #max) }
        }
        (Check::StartsWith(prefix), _) => {
            quote! { runtime::rules::starts_with(out, #pointer, #rule, #why, value, #prefix) }
        }
        (Check::InList(list), _) => {
            let table = ident(&spec.references[*list].ident);
            quote! { runtime::rules::in_list(out, #pointer, #rule, #why, value, &#table) }
        }
        (Check::NotBlank, _) => {
            quote! { runtime::rules::not_blank(out, #pointer, #rule, #why, value) }
        }
        (Check::PlainText, _) => {
            quote! { runtime::rules::plain_text(out, #pointer, #rule, #why, value) }
        }
        (Check::Positive, _) => {
            quote! { runtime::rules::positive(out, #pointer, #rule, #why, value.minor_units()) }
        }
        (Check::Timestamp(unit), _) => {
            let unit = match unit {
                TimestampUnit::UnixSeconds => {
                    quote! { runtime::rules::TimeUnit::UnixSeconds }
                }
                TimestampUnit::UnixMillis => quote! { runtime::rules::TimeUnit::UnixMillis },
            };
            quote! { runtime::rules::timestamp(out, #pointer, #rule, #why, value, #unit) }
        }
    };
    if each_value {
        return quote! {
            if let Some(map) = v.#name {
                runtime::rules::each_value(out, #pointer, map, |out, value| #call);
            }
        };
    }
    quote! {
        if let Some(value) = v.#name {
            #call;
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
    quote! {
        fn check(&self) -> Result<(), runtime::Violations> {
            let mut out = runtime::Violations::new();
            #check_fn(&self.view(), &mut out);
            out.into_result()
        }
    }
}
