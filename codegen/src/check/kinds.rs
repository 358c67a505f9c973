//! A field's kind: the keys only some kinds take, amounts, enums and their codes,
//! objects' type names.

use super::Checker;
use super::names::is_upper_camel;
use crate::diagnostics::Pos;
use crate::load::at::At;
use crate::load::raw::{FieldType, RawField};
use crate::model::{EnumDef, Kind, Variant};

/// The largest amount decimals supported: minor units are counted in a `u64`.
const MAX_DECIMALS: u32 = 6;

/// The field's kind, with the keys that only some kinds take checked.
pub(super) fn check_kind(
    c: &mut Checker<'_>,
    wire: &At<String>,
    field: &At<RawField>,
    enums: &mut Vec<EnumDef>,
) -> Option<Kind> {
    let ty = *field.ty.get();
    let is_enum = matches!(ty, FieldType::IntEnum | FieldType::StringEnum);
    let mut ok = true;
    fn pos<T>(key: &Option<At<T>>) -> Option<Pos> {
        key.as_ref().map(At::pos)
    }
    let (string, amount) = (ty == FieldType::String, ty == FieldType::Amount);
    let free_text = string && field.fixed.is_none();
    // Keys that only some kinds take: (where the key is, its name, whether this kind
    // takes it, the kinds that do).
    let kind_keys: [(Option<Pos>, &str, bool, &str); 17] = [
        (
            field.values.keys().next().map(|k| k.pos()),
            "values",
            is_enum,
            "enum",
        ),
        (
            pos(&field.type_name),
            "type_name",
            is_enum || ty == FieldType::Object,
            "enum and object",
        ),
        (pos(&field.decimals), "decimals", amount, "amount"),
        (pos(&field.unit), "unit", amount, "amount"),
        (
            pos(&field.currency_field),
            "currency_field",
            amount,
            "amount",
        ),
        (pos(&field.fixed), "fixed", string, "string"),
        (
            pos(&field.allow_control_chars),
            "allow_control_chars",
            string || ty == FieldType::Map,
            "string and map",
        ),
        (pos(&field.secret), "secret", free_text, "free text"),
        (
            pos(&field.empty_is_absent),
            "empty_is_absent",
            free_text,
            "free text",
        ),
        (
            pos(&field.max_entries),
            "max_entries",
            ty == FieldType::Map,
            "map",
        ),
        (
            pos(&field.min_items),
            "min_items",
            ty == FieldType::Array,
            "array",
        ),
        (
            pos(&field.max_items),
            "max_items",
            ty == FieldType::Array,
            "array",
        ),
        (pos(&field.allow_zero), "allow_zero", amount, "amount"),
        (
            pos(&field.timestamp),
            "timestamp",
            ty == FieldType::Integer,
            "integer",
        ),
        (pos(&field.charset), "charset", string, "string"),
        (pos(&field.starts_with), "starts_with", string, "string"),
        (pos(&field.in_list), "in_list", string, "string"),
    ];
    for (present, key, allowed, kinds) in kind_keys {
        if let (Some(at), false) = (present, allowed) {
            c.error(at, format!("`{key}` applies only to {kinds} fields"));
            ok = false;
        }
    }
    // Objects and maps take none of the value keys; a map's values are text whose
    // length `min`, `max` (and `length`) bound.
    let container = match ty {
        FieldType::Map => Some((
            "a map",
            "a map's values are text: `min` and `max` bound their length, `max_entries` the pairs",
        )),
        FieldType::Object => Some(("an object", "put value checks on the object's own `fields`")),
        FieldType::Array => Some(("an array", "put value checks on the fields of its `items`")),
        _ => None,
    };
    if let Some((what, help)) = container {
        let object = ty != FieldType::Map;
        let value_keys = [
            ("wire", field.wire.as_ref().map(At::pos)),
            ("accept", field.accept.first().map(At::pos)),
            (
                "length",
                field.length.as_ref().map(At::pos).filter(|_| object),
            ),
            ("min", field.min.as_ref().map(At::pos).filter(|_| object)),
            ("max", field.max.as_ref().map(At::pos).filter(|_| object)),
            ("chars", field.chars.as_ref().map(At::pos)),
            ("lengths", field.lengths.as_ref().map(At::pos)),
            ("check_digit", field.check_digit.as_ref().map(At::pos)),
            ("minimum", field.minimum.as_ref().map(At::pos)),
            ("maximum", field.maximum.as_ref().map(At::pos)),
        ];
        for (key, pos) in value_keys {
            if let Some(pos) = pos {
                c.error(pos, format!("`{key}` does not apply to {what}"))
                    .help = Some(help.into());
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    Some(match ty {
        FieldType::Map => Kind::Map,
        // Its item shape is checked by the operation, which knows its index.
        FieldType::Array => Kind::Array {
            item: usize::MAX,
            min: field.min_items.as_ref().map(|m| *m.get()),
            max: field.max_items.as_ref().map(|m| *m.get()),
        },
        FieldType::Object => {
            let type_name = type_name(c, &field.type_name, wire, "")?;
            Kind::Object { type_name }
        }
        FieldType::String => match &field.fixed {
            Some(value) => Kind::Fixed(value.get().clone()),
            None => Kind::Text,
        },
        FieldType::Integer => Kind::Integer,
        FieldType::Boolean => Kind::Boolean,
        FieldType::Signature => Kind::Signature,
        FieldType::Amount => {
            let (Some(decimals), Some(unit)) = (&field.decimals, &field.unit) else {
                c.error(
                    field.ty.pos(),
                    format!("amount `{}` needs `decimals` and `unit`", **wire),
                )
                .help = Some("for example `decimals: 2` and `unit: major` for \"100.50\"".into());
                return None;
            };
            if *decimals.get() > MAX_DECIMALS {
                c.error(
                    decimals.pos(),
                    format!("at most {MAX_DECIMALS} decimals are supported"),
                );
                return None;
            }
            Kind::Amount {
                decimals: *decimals.get(),
                unit: *unit.get(),
            }
        }
        FieldType::IntEnum | FieldType::StringEnum => {
            let def = check_enum(c, wire, field, ty == FieldType::IntEnum)?;
            enums.push(def);
            Kind::Enum(enums.len() - 1)
        }
    })
}

/// The Rust type name a field's enum, object or items get: the spec's `type_name`, which
/// must be UpperCamelCase, or the wire name's UpperCamelCase with `suffix`.
pub(super) fn type_name(
    c: &mut Checker<'_>,
    given: &Option<At<String>>,
    wire: &At<String>,
    suffix: &str,
) -> Option<String> {
    match given {
        Some(name) if !is_upper_camel(name) => {
            c.error(
                name.pos(),
                format!("`{}` is not an UpperCamelCase type name", **name),
            );
            None
        }
        Some(name) => Some(name.get().clone()),
        None => Some(format!("{}{suffix}", heck::AsUpperCamelCase(wire.get()))),
    }
}

fn check_enum(
    c: &mut Checker<'_>,
    wire: &At<String>,
    field: &At<RawField>,
    numeric: bool,
) -> Option<EnumDef> {
    if field.values.is_empty() {
        c.error(
            field.ty.pos(),
            format!("enum `{}` lists no `values`", **wire),
        );
        return None;
    }
    let type_name = type_name(c, &field.type_name, wire, "")?;
    let mut variants: Vec<Variant> = Vec::new();
    let mut codes: Vec<(i64, Pos)> = Vec::new();
    let before = c.diags.len();
    for (code, value) in &field.values {
        let Some(value) = value.ok() else { continue };
        if numeric {
            match code.parse::<i64>() {
                Ok(n) => match codes.iter().find(|(m, _)| *m == n) {
                    Some((_, first)) => {
                        c.error(code.pos(), format!("duplicate enum code {n}"))
                            .notes
                            .push(format!("first listed at line {}", first.line));
                    }
                    None => codes.push((n, code.pos())),
                },
                Err(_) => {
                    c.error(
                        code.pos(),
                        format!("`{}` is not a whole-number code", **code),
                    );
                }
            }
        }
        let name = match &value.name {
            Some(name) => name.get().clone(),
            None if !numeric => heck::AsUpperCamelCase(code.get()).to_string(),
            None => {
                c.error(
                    value.pos(),
                    format!("numeric code {} needs a `name`", **code),
                );
                continue;
            }
        };
        if !is_upper_camel(&name) {
            c.error(
                value.name.as_ref().map_or(code.pos(), At::pos),
                format!("variant name `{name}` is not UpperCamelCase"),
            );
            continue;
        }
        if variants.iter().any(|v| v.name == name) {
            c.error(
                value.name.as_ref().map_or(code.pos(), At::pos),
                format!("duplicate variant name `{name}`"),
            );
            continue;
        }
        let code = match code.parse::<i64>() {
            Ok(n) if numeric => n.to_string(),
            _ => code.get().clone(),
        };
        variants.push(Variant {
            name,
            code,
            doc: value.doc.as_ref().map(|d| d.get().clone()),
            decimals: value.decimals.as_ref().map(|d| *d.get()),
        });
    }
    if c.diags.len() > before {
        return None;
    }
    Some(EnumDef {
        type_name,
        field: wire.get().clone(),
        numeric,
        doc: field.doc.as_ref().map(|d| d.get().clone()),
        variants,
    })
}

pub(crate) fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Text => "text",
        Kind::Integer => "integer",
        Kind::Boolean => "boolean",
        Kind::Amount { .. } => "amount",
        Kind::Enum(_) => "enum",
        Kind::Fixed(_) => "fixed-value",
        Kind::Signature => "signature",
        Kind::Object { .. } => "object",
        Kind::Map => "map",
        Kind::Array { .. } => "array",
    }
}
