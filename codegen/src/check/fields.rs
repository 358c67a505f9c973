//! Checks of a request's fields: names, paths and where they travel, each field's kind
//! (`kinds.rs`) and value checks (`values.rs`), objects' fields in turn.

use indexmap::IndexMap;

use super::Checker;
use super::kinds::check_kind;
use super::names::is_rust_field;
use crate::diagnostics::Pos;
use crate::load::at::{At, Item};
use crate::load::raw::{FieldType, RawField, WireForm};
use crate::model::{EnumDef, Field, Kind, Reference};

pub(crate) use super::kinds::kind_name;
pub(crate) use super::values::{complete_reference, length_check, reference_index};
use super::values::{implied_checks, value_checks};

/// Checks the fields of one operation; returns the fields that are sound and their enums.
/// An object's fields follow it, so `Operation::fields` lists the body in pre-order.
pub(crate) fn check_fields(
    c: &mut Checker<'_>,
    raw: &IndexMap<At<String>, Item<RawField>>,
    references: &[Reference],
    allow_arrays: bool,
) -> (Vec<Field>, Vec<EnumDef>) {
    let mut acc = Checked {
        fields: Vec::new(),
        enums: Vec::new(),
        signature: None,
        arrays: 0,
        allow_arrays,
    };
    check_members(c, raw, references, None, &mut acc);
    (acc.fields, acc.enums)
}

/// What checking the fields has produced so far.
struct Checked {
    fields: Vec<Field>,
    enums: Vec<EnumDef>,
    signature: Option<Pos>,
    /// Array fields so far: the next one's item index.
    arrays: usize,
    /// Whether arrays may appear (the body's own fields; not an item's).
    allow_arrays: bool,
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
        if let (Some(items), false) = (&field.items, *field.ty.get() == FieldType::Array) {
            c.error(items.pos(), "`items` applies only to array fields");
            continue;
        }
        if !field.fields.is_empty() && *field.ty.get() != FieldType::Object {
            let first = field.fields.keys().next().map_or(wire.pos(), At::pos);
            c.error(first, "`fields` applies only to object fields");
            continue;
        }
        let kind = match check_kind(c, wire, field, &mut acc.enums) {
            Some(Kind::Array { min, max, .. }) => {
                if parent.is_some() || !acc.allow_arrays {
                    c.error(
                        field.ty.pos(),
                        "an array is a field of the body itself, not of an object or an item",
                    );
                    continue;
                }
                if field.items.is_none() {
                    c.error(
                        field.ty.pos(),
                        format!("array `{}` says no `items`", **wire),
                    );
                    continue;
                }
                if let (Some(a), Some(b), Some(at)) = (min, max, &field.max_items)
                    && a > b
                {
                    c.error(at.pos(), "`max_items` is below `min_items`");
                }
                acc.arrays += 1;
                Kind::Array {
                    item: acc.arrays - 1,
                    min,
                    max,
                }
            }
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
