//! A field's checks as the runtime's table (`runtime::rules::{text, number, map}`): one
//! call per field and run of checks, each check a `(rule id, check)` entry, instead of a
//! block of code per check. The runtime runs them in the table's order, so violations
//! come in the order the checks are listed.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::names::{bound, ident};
use crate::model::{AmountUnit, Check, Field, Kind, Spec, TimestampUnit};

/// One check of a field: an entry of the runtime's table, or code of its own.
pub enum Step<'a> {
    /// `(rule, check)` in the table of `field`'s kind.
    Table {
        field: &'a Field,
        rule: &'a str,
        check: TokenStream,
    },
    /// A check the table cannot state (it reads another field).
    Code(TokenStream),
}

/// The step of `check` on the view member of `field`, reported under `rule` with the
/// rule's words `why`.
pub fn step<'a>(
    spec: &Spec,
    field: &'a Field,
    check: &Check,
    rule: &'a str,
    why: Option<&str>,
) -> Step<'a> {
    // A map's checks other than its size apply to each of its values, as text.
    let each_value = field.kind == Kind::Map && !matches!(check, Check::Entries(_));
    let text = |variant: TokenStream| {
        if each_value {
            quote! { runtime::rules::MapCheck::Each(runtime::rules::TextCheck::#variant) }
        } else {
            quote! { runtime::rules::TextCheck::#variant }
        }
    };
    let number = |variant: TokenStream| quote! { runtime::rules::NumberCheck::#variant };
    let kind = if each_value { &Kind::Text } else { &field.kind };
    let check = match (check, kind) {
        (Check::CurrencyDecimals { binding, .. }, Kind::Amount { decimals, .. }) => {
            let (name, pointer) = (ident(&field.binding), &field.pointer);
            let currency = ident(binding);
            let why = option(why);
            return Step::Code(quote! {
                if let (Some(value), Some(currency)) = (v.#name, v.#currency) {
                    runtime::rules::currency_decimals(out, #pointer, #rule, #why, value.minor_units(), #decimals, currency.decimals(), currency.code());
                }
            });
        }
        (Check::CurrencyDecimals { .. }, _) => return Step::Code(TokenStream::new()),
        (Check::Mask(mask), _) => text(quote! { Mask(#mask) }),
        (Check::Entries(most), _) => {
            let most = *most as usize;
            quote! { runtime::rules::MapCheck::Entries(#most) }
        }
        (Check::Length { min, max }, Kind::Text) => {
            let (min, max) = (bound(*min), bound(*max));
            text(quote! { Length(#min, #max) })
        }
        (Check::Length { min, max }, _) => {
            let (min, max) = (bound(*min), bound(*max));
            number(quote! { Length(#min, #max) })
        }
        (Check::Charset(c), _) => {
            let set = format_ident!("{c:?}");
            text(quote! { Charset(runtime::rules::Charset::#set) })
        }
        (
            Check::Chars {
                ranges,
                text: shown,
            },
            _,
        ) => {
            let ranges = ranges.iter().map(|(a, b)| quote! { (#a, #b) });
            text(quote! { Chars(&[ #( #ranges ),* ], #shown) })
        }
        (Check::LengthOneOf(lengths), _) => {
            let lengths = lengths.iter().map(|n| *n as usize);
            text(quote! { LengthOneOf(&[ #( #lengths ),* ]) })
        }
        (Check::CheckDigit(algorithm), _) => {
            let algorithm = format_ident!("{}", format!("{algorithm:?}"));
            text(quote! { CheckDigit(runtime::rules::CheckDigit::#algorithm) })
        }
        (Check::Range { min, max } | Check::AmountRange { min, max }, _) => {
            let bound = |b: &Option<(u64, String)>| match b {
                Some((n, shown)) => quote! { Some((#n, #shown)) },
                None => quote! { None },
            };
            let (min, max) = (bound(min), bound(max));
            number(quote! { Range(#min, #max) })
        }
        (Check::StartsWith(prefix), _) => text(quote! { StartsWith(#prefix) }),
        (Check::InList(list), _) => {
            let table = ident(&spec.references[*list].ident);
            text(quote! { InList(&#table) })
        }
        (Check::NotBlank, _) => text(quote! { NotBlank }),
        (Check::PlainText, _) => text(quote! { PlainText }),
        (Check::Positive, _) => number(quote! { Positive }),
        (Check::Timestamp(unit), _) => {
            let unit = match unit {
                TimestampUnit::UnixSeconds => quote! { UnixSeconds },
                TimestampUnit::UnixMillis => quote! { UnixMillis },
            };
            number(quote! { Timestamp(runtime::rules::TimeUnit::#unit) })
        }
    };
    Step::Table { field, rule, check }
}

/// The calls of `steps`, in order: each run of table entries of one field is one call.
pub fn calls(steps: Vec<Step<'_>>, why: Option<&str>) -> Vec<TokenStream> {
    let mut out = Vec::new();
    let mut run: Vec<(&Field, &str, TokenStream)> = Vec::new();
    for step in steps {
        match step {
            Step::Table { field, rule, check } => {
                if run
                    .first()
                    .is_some_and(|(f, _, _)| !std::ptr::eq(*f, field))
                {
                    out.push(call(&std::mem::take(&mut run), why));
                }
                run.push((field, rule, check));
            }
            Step::Code(code) => {
                if !run.is_empty() {
                    out.push(call(&std::mem::take(&mut run), why));
                }
                out.push(code);
            }
        }
    }
    if !run.is_empty() {
        out.push(call(&run, why));
    }
    out
}

/// One call of the runtime's table for the checks of one field.
fn call(run: &[(&Field, &str, TokenStream)], why: Option<&str>) -> TokenStream {
    let Some((field, _, _)) = run.first() else {
        return TokenStream::new();
    };
    let (name, pointer) = (ident(&field.binding), &field.pointer);
    let why = option(why);
    let entries = run
        .iter()
        .map(|(_, rule, check)| quote! { (#rule, #check) });
    let (function, value) = match &field.kind {
        Kind::Map => (quote! { map }, quote! { v.#name }),
        Kind::Amount {
            unit: AmountUnit::Major,
            ..
        } => {
            // An amount whose currency a field chooses is sent with that currency's
            // decimals: its length is that text's.
            let len = match currency_binding(field) {
                Some(currency) => {
                    let currency = ident(currency);
                    quote! {
                        v.#currency
                            .and_then(|c| a.major_text_in(c.decimals()))
                            .map_or_else(|| a.major_text_len(), |text| text.len())
                    }
                }
                None => quote! { a.major_text_len() },
            };
            (
                quote! { number },
                quote! { v.#name.map(|a| runtime::rules::Number::new(a.minor_units(), #len)) },
            )
        }
        Kind::Amount {
            unit: AmountUnit::Minor,
            ..
        } => (
            quote! { number },
            quote! { v.#name.map(|a| runtime::rules::Number::whole(a.minor_units())) },
        ),
        Kind::Integer => (
            quote! { number },
            quote! { v.#name.map(runtime::rules::Number::whole) },
        ),
        _ => (quote! { text }, quote! { v.#name }),
    };
    quote! {
        runtime::rules::#function(out, #pointer, #why, #value, &[ #( #entries ),* ]);
    }
}

/// The view binding of the field that chooses an amount's currency, if one does.
fn currency_binding(field: &Field) -> Option<&str> {
    field.checks.iter().find_map(|c| match c {
        Check::CurrencyDecimals { binding, .. } => Some(binding.as_str()),
        _ => None,
    })
}

fn option(why: Option<&str>) -> TokenStream {
    match why {
        Some(w) => quote! { Some(#w) },
        None => quote! { None },
    }
}
