//! Checks of the rest of the exchange: answers, statuses, callbacks, and what each
//! operation's answer carries.

use indexmap::IndexMap;

use super::Checker;
use super::names::is_rust_field;
use super::names::is_upper_camel;
use crate::load::at::{At, Item};
use crate::load::raw::{
    AmountUnit, DataType, RawAnswer, RawAnswers, RawDataField, RawStatuses, WireForm,
};
use crate::model::{AnswerDef, Answers, DataField, DataKind, Statuses};

/// Checks the spec's `answers`.
pub(crate) fn check_answers(c: &mut Checker<'_>, raw: &At<RawAnswers>) -> Option<Answers> {
    let by_http_status = raw
        .accepted_by
        .as_ref()
        .is_some_and(|a| *a.get() == crate::load::raw::AcceptedBy::HttpStatus);
    if by_http_status {
        if let Some(first) = raw.accepted.first() {
            c.error(
                first.pos(),
                "with `accepted_by: http-status` any 2xx is accepted: `accepted` lists nothing",
            );
        }
        if raw.rejected_on.is_none() {
            c.error(
                raw.code.pos(),
                "with `accepted_by: http-status`, `rejected_on` lists the HTTP statuses whose documented codes are refusals",
            );
        }
    } else if raw.accepted.is_empty() {
        c.error(
            raw.code.pos(),
            "`accepted` lists no code: no answer could ever be accepted",
        );
        return None;
    }
    for place in [Some(&raw.code), raw.message.as_ref(), raw.data.as_ref()]
        .into_iter()
        .flatten()
    {
        if place.is_empty() || (place.starts_with('/') && place.len() == 1) {
            c.error(place.pos(), "an empty field name or pointer names nothing");
        }
    }
    let mut codes = Vec::new();
    for (code, meaning) in &raw.codes {
        let Some(meaning) = meaning.ok() else {
            continue;
        };
        if raw.accepted.iter().any(|a| **a == **code) {
            c.error(
                code.pos(),
                format!("`{}` is both accepted and a rejection", **code),
            );
        }
        codes.push((
            code.get().clone(),
            *meaning.meaning.get(),
            meaning.doc.get().clone(),
        ));
    }
    if let Some(statuses) = &raw.rejected_on {
        if statuses.is_empty() {
            c.error(
                raw.code.pos(),
                "`rejected_on` lists no HTTP status: leave it out for any 2xx",
            );
        }
        let server_errors = raw.server_error_refusals.is_some();
        for status in statuses {
            let allowed = if server_errors { 100..600 } else { 100..500 };
            if !allowed.contains(&**status) {
                c.error(
                    status.pos(),
                    format!(
                        "HTTP {} cannot carry a rejection: 5xx answers are unknown outcomes, and a status is 100 to 499",
                        **status
                    ),
                )
                .help = server_errors.then_some(()).map_or_else(
                    || Some("only where the page says refusals come with a 5xx: add `server_error_refusals: { quote }`".into()),
                    |()| None,
                );
            }
        }
        if let Some(quote) = &raw.server_error_refusals
            && !statuses.iter().any(|s| (500..600).contains(&**s))
        {
            c.error(
                quote.pos(),
                "`server_error_refusals` says refusals come with a 5xx, but `rejected_on` lists none",
            );
        }
    }
    if let Some(refusals) = &raw.server_error_refusals {
        if refusals.quote.trim().is_empty() {
            c.error(
                refusals.quote.pos(),
                "`server_error_refusals` needs the page's own words: a 5xx is a refusal only where the page says so",
            );
        }
        if raw.rejected_on.is_none() {
            c.error(
                refusals.pos(),
                "`server_error_refusals` needs `rejected_on` listing the 5xx statuses",
            );
        }
    }
    if let Some(unlisted) = &raw.unlisted_codes
        && unlisted.quote.trim().is_empty()
    {
        c.error(
            unlisted.quote.pos(),
            "`unlisted_codes` needs the page's own words: an unlisted code is a rejection only where the page says so",
        );
    }
    Some(Answers {
        by_http_status,
        rejected_on: raw
            .rejected_on
            .as_ref()
            .map(|s| s.iter().map(|s| *s.get()).collect()),
        unlisted_quote: raw.unlisted_codes.as_ref().map(|u| u.quote.get().clone()),
        server_error_quote: raw
            .server_error_refusals
            .as_ref()
            .map(|u| u.quote.get().clone()),
        code: raw.code.get().clone(),
        accepted: raw.accepted.iter().map(|a| a.get().clone()).collect(),
        message: raw.message.as_ref().map(|m| m.get().clone()),
        data: raw.data.as_ref().map(|d| d.get().clone()),
        codes,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    })
}

/// Checks the spec's `statuses`.
pub(crate) fn check_statuses(c: &mut Checker<'_>, raw: &At<RawStatuses>) -> Option<Statuses> {
    let before = c.diags.len();
    let mut values: Vec<(String, String, crate::model::PayoutState, Option<String>)> = Vec::new();
    let numeric = raw.values.keys().all(|code| code.parse::<i64>().is_ok());
    for (code, status) in &raw.values {
        let Some(status) = status.ok() else { continue };
        if code.is_empty() || code.trim() != code.as_str() {
            c.error(
                code.pos(),
                "a status code is not empty and has no white space around it",
            );
            continue;
        }
        if !numeric && code.parse::<i64>().is_ok() {
            c.error(
                code.pos(),
                format!("status code `{}` is a number among text codes: the codes are all whole numbers, or all text", **code),
            );
        }
        let same = |v: &(String, String, crate::model::PayoutState, Option<String>)| {
            if numeric {
                v.0.parse::<i64>().ok() == code.parse::<i64>().ok()
            } else {
                v.0 == **code
            }
        };
        if values.iter().any(same) {
            c.error(code.pos(), format!("duplicate status code `{}`", **code));
        }
        if *status.name == "Unlisted" {
            c.error(
                status.name.pos(),
                "`Unlisted` is the status enum's variant for codes the spec does not list",
            );
        } else if !is_upper_camel(&status.name) {
            c.error(
                status.name.pos(),
                format!("`{}` is not an UpperCamelCase name", *status.name),
            );
        } else if values.iter().any(|v| v.1 == **status.name) {
            c.error(
                status.name.pos(),
                format!("duplicate status name `{}`", *status.name),
            );
        }
        values.push((
            code.get().clone(),
            status.name.get().clone(),
            *status.state.get(),
            status.doc.as_ref().map(|d| d.get().clone()),
        ));
    }
    if values.is_empty() {
        c.error(raw.field.pos(), "`statuses` lists no code");
    }
    (c.diags.len() == before).then(|| Statuses {
        field: raw.field.get().clone(),
        values,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    })
}

/// What reading a data field depends on elsewhere in the spec.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DataContext<'a> {
    /// The field `statuses` names.
    pub status_field: Option<&'a str>,
    /// Whether a request field states the currency's decimals (an amount's type needs
    /// them).
    pub currency_known: bool,
}

/// The documented fields of an answer or callback, each with its member name and kind;
/// `merchant` and `platform` are the fields holding the order numbers.
pub(super) fn data_fields(
    c: &mut Checker<'_>,
    raw: &IndexMap<At<String>, Item<RawDataField>>,
    context: DataContext<'_>,
    merchant: Option<&str>,
    platform: Option<&str>,
) -> Vec<DataField> {
    let mut fields: Vec<DataField> = Vec::new();
    for (name, field) in raw {
        let Some(f) = field.ok() else { continue };
        let rust = if Some(name.as_str()) == merchant {
            "merchant_order_no".to_string()
        } else if Some(name.as_str()) == platform {
            "platform_order_no".to_string()
        } else if let Some(rust_name) = &f.rust_name {
            rust_name.get().clone()
        } else {
            heck::AsSnakeCase(name.get()).to_string()
        };
        let at = f.rust_name.as_ref().map_or(name.pos(), |r| r.pos());
        if !is_rust_field(&rust) || rust == "extra" {
            c.error(
                at,
                format!("field `{}` has no usable Rust name (`{rust}`)", **name),
            )
            .help = Some(
                "set `rust_name` (snake_case, not `extra`, which holds the undocumented fields)"
                    .into(),
            );
            continue;
        }
        if let Some(other) = fields.iter().find(|o| o.rust == rust) {
            c.error(
                at,
                format!(
                    "fields `{}` and `{}` would both be named `{rust}` in Rust",
                    other.name, **name
                ),
            )
            .help = Some("set `rust_name` on one of them".into());
            continue;
        }
        let Some(kind) = data_kind(c, name, f, context) else {
            continue;
        };
        let form = match (f.ty.get(), &f.wire) {
            (DataType::String, _) => WireForm::String,
            (DataType::Number, _) => WireForm::Number,
            (DataType::Amount, wire) => wire.as_ref().map_or(WireForm::String, |w| *w.get()),
        };
        fields.push(DataField {
            name: name.get().clone(),
            rust,
            form,
            kind,
            doc: f.doc.as_ref().map(|d| d.get().clone()),
            nullable: f.nullable.as_ref().is_some_and(|n| *n.get()),
        });
    }
    fields
}

fn data_kind(
    c: &mut Checker<'_>,
    name: &At<String>,
    f: &RawDataField,
    context: DataContext<'_>,
) -> Option<DataKind> {
    let amount = *f.ty.get() == DataType::Amount;
    for (present, key) in [
        (f.wire.as_ref().map(At::pos), "wire"),
        (f.unit.as_ref().map(At::pos), "unit"),
    ] {
        if let (Some(pos), false) = (present, amount) {
            c.error(pos, format!("`{key}` is only for `type: amount`"));
        }
    }
    let status = context.status_field == Some(name.as_str());
    if let Some((code, _)) = f.codes.first()
        && (amount || status)
    {
        c.error(
            code.pos(),
            format!(
                "`codes` is for codes; `{}` is {}",
                **name,
                if status {
                    "the status, whose codes `statuses` lists"
                } else {
                    "an amount"
                }
            ),
        );
        return None;
    }
    if status {
        if amount {
            c.error(
                f.ty.pos(),
                format!("`{}` is the status `statuses` names, not an amount", **name),
            );
            return None;
        }
        return Some(DataKind::Status);
    }
    match f.ty.get() {
        DataType::Amount => {
            let (Some(wire), Some(unit)) = (&f.wire, &f.unit) else {
                c.error(
                    f.ty.pos(),
                    format!(
                        "amount `{}` needs `wire` (string or number) and `unit` (major or minor)",
                        **name
                    ),
                );
                return None;
            };
            if !context.currency_known {
                c.error(f.ty.pos(), format!("amount `{}` is counted in the currency's decimals, which only a request's amount field states", **name));
                return None;
            }
            if *wire.get() == WireForm::String && *unit.get() == AmountUnit::Minor {
                c.error(
                    unit.pos(),
                    "an amount in a JSON string is read in main units: write `unit: major`",
                );
                return None;
            }
            Some(DataKind::Amount(*unit.get()))
        }
        _ if !f.codes.is_empty() => {
            let mut codes: Vec<(String, String)> = Vec::new();
            for (code, meaning) in &f.codes {
                if code.trim().is_empty() || code.trim() != code.as_str() {
                    c.error(code.pos(), format!("`{}` is not a code", **code));
                } else if codes.iter().any(|(c, _)| c == code.get()) {
                    c.error(code.pos(), format!("code `{}` is listed twice", **code));
                } else {
                    codes.push((code.get().clone(), meaning.get().clone()));
                }
            }
            Some(DataKind::Code(codes))
        }
        DataType::String => Some(DataKind::Text),
        DataType::Number => Some(DataKind::Integer),
    }
}

/// A named field must be among the documented ones, when any are documented.
pub(super) fn documented(
    c: &mut Checker<'_>,
    name: Option<&At<String>>,
    fields: &[DataField],
    what: &str,
) {
    if let Some(name) = name
        && !fields.is_empty()
        && !fields.iter().any(|f| f.name == **name)
    {
        c.error(
            name.pos(),
            format!("`{}` is not among the {what}'s documented fields", **name),
        );
    }
}

/// Checks an operation's `answer`.
pub(crate) fn check_answer(
    c: &mut Checker<'_>,
    raw: &At<RawAnswer>,
    context: DataContext<'_>,
) -> AnswerDef {
    let fields = data_fields(
        c,
        &raw.fields,
        context,
        raw.merchant_order_no.as_deref().map(String::as_str),
        raw.platform_order_no.as_deref().map(String::as_str),
    );
    documented(c, raw.platform_order_no.as_ref(), &fields, "answer");
    documented(c, raw.merchant_order_no.as_ref(), &fields, "answer");
    AnswerDef {
        platform_order_no: raw.platform_order_no.as_ref().map(|o| o.get().clone()),
        merchant_order_no: raw.merchant_order_no.as_ref().map(|o| o.get().clone()),
        list: raw.list.as_ref().is_some_and(|l| *l.get()),
        data: raw.data.as_ref().map(|d| d.get().clone()),
        fields,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    }
}
