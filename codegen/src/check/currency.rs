//! Amounts whose currency a field chooses (`currency_field`): the field is a required
//! text enum of the body whose every code gives its decimals, at most the amount's own.

use super::Checker;
use crate::load::at::At;
use crate::load::raw::{AmountUnit, RawOperation};
use crate::model::{Check, Kind, Operation};

/// Resolves each amount's `currency_field` into its check, or reports why it cannot be.
pub(super) fn check_currency_fields(c: &mut Checker<'_>, raw: &RawOperation, op: &mut Operation) {
    for (wire, field) in raw.fields.iter().filter_map(|(w, f)| Some((w, f.ok()?))) {
        let Some(named) = &field.currency_field else {
            continue;
        };
        let Some(amount) = op
            .fields
            .iter()
            .position(|f| f.at_top() && f.wire == ***wire)
        else {
            continue;
        };
        let Kind::Amount { decimals, unit } = op.fields[amount].kind else {
            continue;
        };
        if unit != AmountUnit::Major {
            c.error(
                named.pos(),
                "`currency_field` needs an amount in main units: a minor unit is the chosen currency's own",
            );
            continue;
        }
        let currency = op
            .fields
            .iter()
            .position(|f| f.at_top() && f.wire == ***named);
        let Some(currency) = currency else {
            c.error(
                named.pos(),
                format!("no field named `{}` in `{}`", **named, op.name),
            );
            continue;
        };
        let chosen = &op.fields[currency];
        let codes = match chosen.kind {
            Kind::Enum(e) if !op.enums[e].numeric => &op.enums[e],
            _ => {
                c.error(
                    named.pos(),
                    format!("`{}` is not a string-enum field", **named),
                );
                continue;
            }
        };
        if !chosen.required {
            c.error(
                named.pos(),
                format!("`{}` chooses the currency, so it must be required", **named),
            );
        }
        for variant in &codes.variants {
            match variant.decimals {
                None => {
                    c.error(
                        named.pos(),
                        format!(
                            "currency `{}` of `{}` gives no `decimals`",
                            variant.code, **named
                        ),
                    );
                }
                Some(d) if d > decimals => {
                    c.error(
                        named.pos(),
                        format!(
                            "currency `{}` has {d} decimals, more than the amount's {decimals}",
                            variant.code
                        ),
                    )
                    .help = Some(
                        "the amount's `decimals` is the most any of its currencies has".into(),
                    );
                }
                Some(_) => {}
            }
        }
        let binding = chosen.binding.clone();
        op.fields[amount].checks.push(Check::CurrencyDecimals {
            field: currency,
            binding,
        });
    }
    // A currency's decimals mean something only where an amount names its field.
    for def in &op.enums {
        let named = op.fields.iter().any(|f| {
            f.checks.iter().any(|c| {
                matches!(c, Check::CurrencyDecimals { field, .. }
                    if matches!(op.fields[*field].kind, Kind::Enum(e) if std::ptr::eq(&op.enums[e], def)))
            })
        });
        if !named && def.variants.iter().any(|v| v.decimals.is_some()) {
            let at = raw
                .fields
                .iter()
                .find(|(w, _)| ***w == def.field)
                .map_or(raw.method.pos(), |(w, _)| At::pos(w));
            c.error(
                at,
                format!("`{}` gives its codes `decimals`, but no amount names it as its `currency_field`", def.field),
            );
        }
    }
}
