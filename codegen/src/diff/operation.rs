//! The differences of operations: endpoints, request fields and their checks, enums,
//! rules, and what the accepted answer carries.

use super::exchange::data_fields;
use super::{Changes, Class, shape};
use crate::model::{Check, EnumDef, Field, Kind, Operation, Spec};

pub(super) fn operations(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    for a in &old.operations {
        let path = format!("operations.{}", a.name);
        match new.operations.iter().find(|o| o.name == a.name) {
            None => c.push(
                path,
                &[Class::Breaking],
                format!("the operation is removed, and `{}` with it", a.type_name),
            ),
            Some(b) => operation(c, &path, a, b),
        }
    }
    for b in new
        .operations
        .iter()
        .filter(|o| !old.operations.iter().any(|a| a.name == o.name))
    {
        c.push(
            format!("operations.{}", b.name),
            &[Class::Looser],
            format!("a new operation, `{}`", b.type_name),
        );
    }
}

fn operation(c: &mut Changes<'_>, at: &str, a: &Operation, b: &Operation) {
    if a.role != b.role {
        c.push(
            format!("{at}.role"),
            &[Class::Breaking, Class::Wire],
            format!("{:?} -> {:?}: what may be retried changed", a.role, b.role),
        );
    }
    if (&a.method, &a.path, &a.content_type) != (&b.method, &b.path, &b.content_type) {
        c.push(
            at,
            &[Class::Wire],
            format!("{} {} -> {} {}", a.method, a.path, b.method, b.path),
        );
    }
    if shape(&a.headers) != shape(&b.headers) {
        c.push(
            format!("{at}.headers"),
            &[Class::Wire],
            "the request headers changed",
        );
    }
    c.doc(&format!("{at}.doc"), a.doc.as_deref(), b.doc.as_deref());
    // Where a field is in the spec: an object's fields are under its own `fields`.
    let spec_path =
        |f: &crate::model::Field| format!("{at}.fields.{}", f.path.replace('/', ".fields."));
    for f in &a.fields {
        let path = spec_path(f);
        match b.field(&f.path) {
            None => c.push(
                path,
                &[Class::Breaking, Class::Stricter, Class::Wire],
                format!(
                    "`{}` is removed: a request that sends it is refused",
                    f.rust
                ),
            ),
            Some(g) => field(c, &path, (a, f), (b, g)),
        }
    }
    for g in b.fields.iter().filter(|g| a.field(&g.path).is_none()) {
        let path = spec_path(g);
        if g.required && g.in_struct() {
            c.push(
                path,
                &[Class::Breaking, Class::Stricter, Class::Wire],
                format!(
                    "a new required field `{}`: every builder must set it",
                    g.rust
                ),
            );
        } else {
            c.push(
                path,
                &[Class::Looser, Class::Wire],
                format!("a new optional field `{}`", g.rust),
            );
        }
    }
    rules(c, at, a, b);
    match (&a.answer, &b.answer) {
        (Some(x), Some(y)) => {
            data_fields(c, &format!("{at}.answer.fields"), &x.fields, &y.fields);
            if (x.list, &x.platform_order_no, &x.merchant_order_no)
                != (y.list, &y.platform_order_no, &y.merchant_order_no)
            {
                c.push(
                    format!("{at}.answer"),
                    &[Class::Breaking, Class::Wire],
                    "the answer's shape or order numbers changed",
                );
            }
            c.doc(
                &format!("{at}.answer.note"),
                x.note.as_deref(),
                y.note.as_deref(),
            );
        }
        (None, None) => {}
        _ => c.push(
            format!("{at}.answer"),
            &[Class::Breaking, Class::Wire],
            "the answer is documented or no longer documented",
        ),
    }
}

/// One field that both versions have.
fn field(
    c: &mut Changes<'_>,
    at: &str,
    (oa, a): (&Operation, &Field),
    (ob, b): (&Operation, &Field),
) {
    if a.rust != b.rust {
        c.push(
            at,
            &[Class::Breaking],
            format!("`{}` is renamed `{}`", a.rust, b.rust),
        );
    }
    match (a.required, b.required) {
        (false, true) => c.push(
            at,
            &[Class::Breaking, Class::Stricter],
            format!("`{}` is now required", b.rust),
        ),
        (true, false) => c.push(
            at,
            &[Class::Breaking, Class::Looser],
            format!("`{}` is now optional (its type becomes an Option)", b.rust),
        ),
        _ => {}
    }
    match (&a.kind, &b.kind) {
        (Kind::Enum(i), Kind::Enum(j)) => enumeration(c, at, &oa.enums[*i], &ob.enums[*j]),
        (Kind::Fixed(x), Kind::Fixed(y)) if x != y => c.push(
            at,
            &[Class::Stricter, Class::Wire],
            format!("the fixed value {x:?} -> {y:?}"),
        ),
        (x, y) if shape(x) != shape(y) && !matches!((x, y), (Kind::Fixed(_), Kind::Fixed(_))) => c
            .push(
                at,
                &[Class::Breaking, Class::Wire],
                format!("its kind {x:?} -> {y:?}"),
            ),
        _ => {}
    }
    if a.wire_form != b.wire_form || a.location != b.location {
        c.push(
            at,
            &[Class::Wire],
            "how it is written or where it travels changed",
        );
    }
    if a.secret != b.secret {
        c.push(
            at,
            &[Class::Breaking],
            "whether it holds a secret changed (its type becomes or stops being `Secret`)",
        );
    }
    if a.empty_is_absent != b.empty_is_absent {
        c.push(
            at,
            &[Class::Wire],
            "whether an empty value means the field is absent changed",
        );
    }
    if a.accept_other_form && !b.accept_other_form {
        c.push(
            at,
            &[Class::Stricter],
            "its other JSON form is no longer accepted",
        );
    } else if !a.accept_other_form && b.accept_other_form {
        c.push(at, &[Class::Looser], "its other JSON form is now accepted");
    }
    checks(c, at, &a.checks, &b.checks);
    c.doc(&format!("{at}.doc"), a.doc.as_deref(), b.doc.as_deref());
    c.doc(&format!("{at}.note"), a.note.as_deref(), b.note.as_deref());
}

fn checks(c: &mut Changes<'_>, at: &str, old: &[Check], new: &[Check]) {
    let length = |checks: &[Check]| {
        checks.iter().find_map(|k| match k {
            Check::Length { min, max } => Some((*min, *max)),
            _ => None,
        })
    };
    let (before, after) = (length(old), length(new));
    if before != after {
        let (min0, max0) = before.unwrap_or((None, None));
        let (min1, max1) = after.unwrap_or((None, None));
        let tighter = |x: Option<u32>, y: Option<u32>, lower: bool| match (x, y) {
            (None, Some(_)) => true,
            (Some(x), Some(y)) => {
                if lower {
                    y > x
                } else {
                    y < x
                }
            }
            _ => false,
        };
        let stricter = tighter(min0, min1, true) || tighter(max0, max1, false);
        let looser = tighter(min1, min0, true) || tighter(max1, max0, false);
        let what = format!("length {} -> {}", range(before), range(after));
        match (stricter, looser) {
            (true, true) => c.push(at, &[Class::Stricter, Class::Looser], what),
            (true, false) => c.push(at, &[Class::Stricter], what),
            _ => c.push(at, &[Class::Looser], what),
        }
    }
    let others = |checks: &[Check]| -> Vec<String> {
        checks
            .iter()
            .filter(|k| !matches!(k, Check::Length { .. }))
            .map(shape)
            .collect()
    };
    let (before, after) = (others(old), others(new));
    for added in after.iter().filter(|k| !before.contains(k)) {
        c.push(at, &[Class::Stricter], format!("a new check: {added}"));
    }
    for removed in before.iter().filter(|k| !after.contains(k)) {
        c.push(at, &[Class::Looser], format!("a check removed: {removed}"));
    }
}

fn range(length: Option<(Option<u32>, Option<u32>)>) -> String {
    match length {
        None => "any".into(),
        Some((min, max)) => format!(
            "{}..{}",
            min.map_or(String::new(), |n| n.to_string()),
            max.map_or(String::new(), |n| n.to_string())
        ),
    }
}

fn enumeration(c: &mut Changes<'_>, at: &str, a: &EnumDef, b: &EnumDef) {
    if a.type_name != b.type_name {
        c.push(
            at,
            &[Class::Breaking],
            format!("`{}` is renamed `{}`", a.type_name, b.type_name),
        );
    }
    for v in &a.variants {
        match b.variants.iter().find(|w| w.code == v.code) {
            None => c.push(
                format!("{at}.values.{}", v.code),
                &[Class::Breaking, Class::Stricter],
                format!(
                    "`{}::{}` is removed: its code is refused",
                    a.type_name, v.name
                ),
            ),
            Some(w) if w.name != v.name => c.push(
                format!("{at}.values.{}", v.code),
                &[Class::Breaking],
                format!("`{}::{}` is renamed `{}`", a.type_name, v.name, w.name),
            ),
            Some(w) => c.doc(
                &format!("{at}.values.{}.doc", v.code),
                v.doc.as_deref(),
                w.doc.as_deref(),
            ),
        }
    }
    for w in b
        .variants
        .iter()
        .filter(|w| !a.variants.iter().any(|v| v.code == w.code))
    {
        c.push(
            format!("{at}.values.{}", w.code),
            &[Class::Looser],
            format!("a new code, `{}::{}`", b.type_name, w.name),
        );
    }
}

/// Rules by id; a rule is compared by what it checks, its fields named by wire name and
/// its enum values by code (indices move when a field or value is added).
fn rules(c: &mut Changes<'_>, at: &str, a: &Operation, b: &Operation) {
    for r in &a.rules {
        let path = format!("{at}.rules.{}", r.id);
        match b.rules.iter().find(|s| s.id == r.id) {
            None => c.push(path, &[Class::Looser], "the rule is removed"),
            Some(s) => {
                if meaning(a, r) != meaning(b, s) {
                    c.push(
                        path.clone(),
                        &[Class::Stricter, Class::Looser],
                        "what the rule checks changed",
                    );
                }
                c.doc(&format!("{path}.doc"), Some(&r.doc), Some(&s.doc));
                c.doc(
                    &format!("{path}.note"),
                    r.note.as_deref(),
                    s.note.as_deref(),
                );
            }
        }
    }
    for s in b
        .rules
        .iter()
        .filter(|s| !a.rules.iter().any(|r| r.id == s.id))
    {
        c.push(
            format!("{at}.rules.{}", s.id),
            &[Class::Stricter],
            "a new rule",
        );
    }
}

/// A rule as text with names, not indices.
fn meaning(op: &Operation, rule: &crate::model::Rule) -> String {
    use crate::model::{Condition, ConstraintKind, Literal};
    let wire = |i: usize| op.fields.get(i).map_or("?", |f| f.path.as_str());
    let literal = |field: usize, l: &Literal| match (l, op.fields.get(field).map(|f| &f.kind)) {
        (Literal::Variant(v), Some(Kind::Enum(e))) => op.enums[*e]
            .variants
            .get(*v)
            .map_or("?".to_string(), |v| v.code.clone()),
        (Literal::Text(t), _) => t.clone(),
        _ => "?".to_string(),
    };
    let mut text = String::new();
    for condition in &rule.when {
        text.push_str(&match condition {
            Condition::OneOf { field, values } => {
                let values: Vec<String> = values.iter().map(|l| literal(*field, l)).collect();
                format!("when {} in {values:?}; ", wire(*field))
            }
            Condition::InList { field, list } => format!("when {} in list {list}; ", wire(*field)),
            Condition::Present { field, present } => {
                format!("when {} present={present}; ", wire(*field))
            }
        });
    }
    for constraint in &rule.then {
        let what = match &constraint.kind {
            ConstraintKind::Required => "required".to_string(),
            ConstraintKind::Absent => "absent".to_string(),
            ConstraintKind::Check(check) => shape(check),
            ConstraintKind::PrefixEqualsSuffixOf { other, chars } => {
                format!("prefix {chars} = suffix of {}", wire(*other))
            }
            ConstraintKind::PrefixInList { list, key, chars } => {
                format!("prefix {chars} in list {list} under {}", wire(*key))
            }
            ConstraintKind::NameInList { list, key } => {
                format!("the name list {list} gives {}", wire(*key))
            }
            ConstraintKind::Equals(value) => format!("equals {value:?}"),
            ConstraintKind::CharAt { position, one_of } => {
                format!("character {position} one of {one_of:?}")
            }
            ConstraintKind::LengthInList {
                list,
                key,
                attribute,
            } => {
                format!("a length list {list} gives {} as {attribute}", wire(*key))
            }
        };
        text.push_str(&format!("then {} {what}; ", wire(constraint.field)));
    }
    text
}
