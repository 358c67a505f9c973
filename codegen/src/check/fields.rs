//! Checks of a request's fields: kinds, lengths, character classes, enums, amounts.

use indexmap::IndexMap;

use super::Checker;
use super::names::{is_rust_field, is_upper_camel};
use crate::diagnostics::Pos;
use crate::load::at::{At, Item};
use crate::load::raw::{FieldType, RawField, WireForm};
use crate::model::{EnumDef, Field, Kind, Reference, Variant};

pub(crate) use super::values::{complete_reference, length_check, reference_index};
use super::values::{implied_checks, value_checks};

/// The largest amount decimals supported: minor units are counted in a `u64`.
const MAX_DECIMALS: u32 = 6;

/// Checks the fields of one operation; returns the fields that are sound and their enums.
/// An object's fields follow it, so `Operation::fields` lists the body in pre-order.
pub(crate) fn check_fields(
    c: &mut Checker<'_>,
    raw: &IndexMap<At<String>, Item<RawField>>,
    references: &[Reference],
) -> (Vec<Field>, Vec<EnumDef>) {
    let mut acc = Checked {
        fields: Vec::new(),
        enums: Vec::new(),
        signature: None,
    };
    check_members(c, raw, references, None, &mut acc);
    (acc.fields, acc.enums)
}

/// What checking the fields has produced so far.
struct Checked {
    fields: Vec<Field>,
    enums: Vec<EnumDef>,
    signature: Option<Pos>,
}

/// Checks the members of one struct: the body's (`parent` `None`) or an object's.
fn check_members(
    c: &mut Checker<'_>,
    raw: &IndexMap<At<String>, Item<RawField>>,
    references: &[Reference],
    parent: Option<usize>,
    acc: &mut Checked,
) {
    for (wire, field) in raw {
        let Some(field) = field.ok() else { continue };
        if wire.is_empty() {
            c.error(wire.pos(), "a field needs a non-empty wire name");
            continue;
        }
        if wire.contains('/') {
            c.error(
                wire.pos(),
                format!("field `{}` has a `/` in its name", **wire),
            )
            .help = Some("`/` separates the names of a field's path (`bankAccount/agency`)".into());
            continue;
        }
        let rust = match &field.rust_name {
            Some(name) if !is_rust_field(name) => {
                c.error(
                    name.pos(),
                    format!("`{}` is not a snake_case Rust name", **name),
                );
                continue;
            }
            Some(name) => name.get().clone(),
            None => heck::AsSnakeCase(wire.get()).to_string(),
        };
        if !is_rust_field(&rust) {
            c.error(
                wire.pos(),
                format!("field `{}` has no usable Rust name", **wire),
            )
            .help = Some("set `rust_name`".into());
            continue;
        }
        let up = parent.map(|p| &acc.fields[p]);
        let path = up.map_or(wire.get().clone(), |p| format!("{}/{}", p.path, **wire));
        let binding = up.map_or(rust.clone(), |p| format!("{}_{rust}", p.binding));
        let pointer = format!(
            "{}/{}",
            up.map_or("", |p| p.pointer.as_str()),
            wire.replace('~', "~0").replace('/', "~1")
        );
        let sibling = acc
            .fields
            .iter()
            .find(|f| f.parent == parent && f.rust == rust);
        if let Some(other) = sibling {
            c.error(
                wire.pos(),
                format!(
                    "fields `{}` and `{}` would both be named `{rust}` in Rust",
                    other.wire, **wire
                ),
            )
            .help = Some("set `rust_name` on one of them".into());
            continue;
        }
        if let Some(other) = acc.fields.iter().find(|f| f.binding == binding) {
            c.error(
                wire.pos(),
                format!(
                    "fields `{}` and `{path}` would both be named `{binding}` in the generated checks",
                    other.path
                ),
            )
            .help = Some("set `rust_name` on one of them".into());
            continue;
        }
        if *field.ty.get() == FieldType::Signature {
            if parent.is_some() {
                c.error(
                    field.ty.pos(),
                    "the signature is a field of the body, not of an object in it",
                );
                continue;
            }
            if let Some(first) = acc.signature {
                c.error(wire.pos(), "a request has at most one signature field")
                    .notes
                    .push(format!("the first is at line {}", first.line));
            }
            acc.signature = Some(wire.pos());
        }
        if !field.fields.is_empty() && *field.ty.get() != FieldType::Object {
            let first = field.fields.keys().next().map_or(wire.pos(), At::pos);
            c.error(first, "`fields` applies only to object fields");
            continue;
        }
        let kind = match check_kind(c, wire, field, &mut acc.enums) {
            Some(kind) => kind,
            None => continue,
        };
        let mut checks = value_checks(c, field, &kind, references);
        let required = field.required.as_ref().is_some_and(|r| *r.get());
        checks.extend(implied_checks(field, &kind, required));
        if let (Kind::Fixed(value), Some(fixed)) = (&kind, &field.fixed)
            && value.trim().is_empty()
        {
            c.error(
                fixed.pos(),
                "a fixed value must not be empty or blank: the string to sign would drop it",
            );
        }
        let wire_form = field.wire.as_ref().map_or(WireForm::String, |w| *w.get());
        for form in &field.accept {
            if *form.get() == wire_form {
                c.error(form.pos(), "`accept` lists the field's own wire form")
                    .help = Some("`accept` names only the other forms tolerated on input".into());
            } else if matches!(kind, Kind::Text | Kind::Fixed(_)) {
                // Decoding reads text only from a JSON string: an accepted number would be
                // refused all the same, so the spec would promise what the SDK does not do.
                c.error(
                    form.pos(),
                    "`accept` applies to numbers, codes and amounts; a text field is read only from a JSON string",
                );
            }
        }
        if wire_form == WireForm::Number
            && matches!(kind, Kind::Text | Kind::Fixed(_))
            && let Some(w) = &field.wire
        {
            c.error(w.pos(), "a text field cannot be written as a JSON number");
        }
        let location = field
            .location
            .as_ref()
            .map_or(crate::model::FieldLocation::Body, |l| *l.get());
        if parent.is_some() && location != crate::model::FieldLocation::Body {
            let at = field.location.as_ref().map_or(wire.pos(), At::pos);
            c.error(
                at,
                "a field of an object travels in the body, inside its object",
            )
            .help =
                Some("only the body's own fields can be `in: query`, `path` or `header`".into());
            continue;
        }
        let secret = field.secret.as_ref().is_some_and(|s| *s.get());
        if secret {
            check_secret(c, field, location);
            if parent.is_some() {
                c.error(
                    field.ty.pos(),
                    "a secret is a field of the body, not of an object in it",
                );
            }
        }
        let is_object = matches!(kind, Kind::Object { .. });
        acc.fields.push(Field {
            wire: wire.get().clone(),
            rust,
            path,
            pointer,
            parent,
            binding,
            doc: field.doc.as_ref().map(|d| d.get().clone()),
            note: field.note.as_ref().map(|d| d.get().clone()),
            required,
            kind,
            wire_form,
            accept_other_form: !field.accept.is_empty(),
            checks,
            location,
            empty_is_absent: field.empty_is_absent.as_ref().is_some_and(|e| *e.get()),
            secret,
        });
        if is_object {
            let index = acc.fields.len() - 1;
            let before = acc.fields.len();
            check_members(c, &field.fields, references, Some(index), acc);
            if acc.fields.len() == before && field.fields.is_empty() {
                c.error(
                    field.ty.pos(),
                    format!("object `{}` lists no `fields`", **wire),
                );
            }
        }
    }
}

/// A secret's checks must not show its characters in a violation's message, and it
/// travels only in the body.
fn check_secret(c: &mut Checker<'_>, field: &At<RawField>, location: crate::model::FieldLocation) {
    let revealing = [
        ("charset", field.charset.as_ref().map(At::pos)),
        ("chars", field.chars.as_ref().map(At::pos)),
        ("mask", field.mask.as_ref().map(At::pos)),
        ("starts_with", field.starts_with.as_ref().map(At::pos)),
        ("in_list", field.in_list.as_ref().map(At::pos)),
        ("check_digit", field.check_digit.as_ref().map(At::pos)),
    ];
    for (key, pos) in revealing {
        if let Some(pos) = pos {
            c.error(
                pos,
                format!("`{key}` cannot check a secret: its violation would show the secret's characters"),
            )
            .help = Some("a secret's length is checked (`length`, `min`, `max`, `lengths`)".into());
        }
    }
    if location != crate::model::FieldLocation::Body {
        let pos = field.location.as_ref().map_or(field.ty.pos(), At::pos);
        c.error(
            pos,
            "a secret travels in the body, not in a URL or a header the SDK logs",
        );
    }
}

/// The field's kind, with the keys that only some kinds take checked.
fn check_kind(
    c: &mut Checker<'_>,
    wire: &At<String>,
    field: &At<RawField>,
    enums: &mut Vec<EnumDef>,
) -> Option<Kind> {
    let ty = *field.ty.get();
    let is_enum = matches!(ty, FieldType::IntEnum | FieldType::StringEnum);
    let mut ok = true;
    let mut only = |present: Option<Pos>, key: &str, allowed: bool, kinds: &str| {
        if let (Some(pos), false) = (present, allowed) {
            c.error(pos, format!("`{key}` applies only to {kinds} fields"));
            ok = false;
        }
    };
    only(
        field.values.keys().next().map(|k| k.pos()),
        "values",
        is_enum,
        "enum",
    );
    only(
        field.type_name.as_ref().map(At::pos),
        "type_name",
        is_enum || ty == FieldType::Object,
        "enum and object",
    );
    only(
        field.decimals.as_ref().map(At::pos),
        "decimals",
        ty == FieldType::Amount,
        "amount",
    );
    only(
        field.unit.as_ref().map(At::pos),
        "unit",
        ty == FieldType::Amount,
        "amount",
    );
    only(
        field.fixed.as_ref().map(At::pos),
        "fixed",
        ty == FieldType::String,
        "string",
    );
    only(
        field.allow_control_chars.as_ref().map(At::pos),
        "allow_control_chars",
        matches!(ty, FieldType::String | FieldType::Map),
        "string and map",
    );
    only(
        field.secret.as_ref().map(At::pos),
        "secret",
        ty == FieldType::String && field.fixed.is_none(),
        "free text",
    );
    only(
        field.empty_is_absent.as_ref().map(At::pos),
        "empty_is_absent",
        ty == FieldType::String && field.fixed.is_none(),
        "free text",
    );
    only(
        field.max_entries.as_ref().map(At::pos),
        "max_entries",
        ty == FieldType::Map,
        "map",
    );
    only(
        field.allow_zero.as_ref().map(At::pos),
        "allow_zero",
        ty == FieldType::Amount,
        "amount",
    );
    only(
        field.timestamp.as_ref().map(At::pos),
        "timestamp",
        ty == FieldType::Integer,
        "integer",
    );
    only(
        field.charset.as_ref().map(At::pos),
        "charset",
        ty == FieldType::String,
        "string",
    );
    only(
        field.starts_with.as_ref().map(At::pos),
        "starts_with",
        ty == FieldType::String,
        "string",
    );
    only(
        field.in_list.as_ref().map(At::pos),
        "in_list",
        ty == FieldType::String,
        "string",
    );
    // Objects and maps take none of the value keys; a map's values are text whose
    // length `min`, `max` (and `length`) bound.
    let container = match ty {
        FieldType::Map => Some((
            "a map",
            "a map's values are text: `min` and `max` bound their length, `max_entries` the pairs",
        )),
        FieldType::Object => Some(("an object", "put value checks on the object's own `fields`")),
        _ => None,
    };
    if let Some((what, help)) = container {
        let object = ty == FieldType::Object;
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
        FieldType::Object => {
            let type_name = match &field.type_name {
                Some(name) if !is_upper_camel(name) => {
                    c.error(
                        name.pos(),
                        format!("`{}` is not an UpperCamelCase type name", **name),
                    );
                    return None;
                }
                Some(name) => name.get().clone(),
                None => heck::AsUpperCamelCase(wire.get()).to_string(),
            };
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
    let type_name = match &field.type_name {
        Some(name) if !is_upper_camel(name) => {
            c.error(
                name.pos(),
                format!("`{}` is not an UpperCamelCase type name", **name),
            );
            return None;
        }
        Some(name) => name.get().clone(),
        None => heck::AsUpperCamelCase(wire.get()).to_string(),
    };
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
    }
}
