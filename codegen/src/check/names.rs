//! Naming rules for ids, and uniqueness of the Rust names a spec produces.

use std::collections::BTreeMap;

use super::Checker;
use crate::diagnostics::Pos;
use crate::model::Operation;

/// Names a spec's types must not take: those the generated module defines itself, and
/// the prelude names the generated code uses unqualified (which keeps it readable).
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "Amount",
    "Currency",
    "Credentials",
    "CredentialsBuilder",
    "PayoutStatus",
    "PayoutCallback",
    "SPEC",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
];

/// Names no Rust item can take, not even written raw (`r#self` is refused).
pub(crate) const NOT_EVEN_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// `teemopay-mx`, `mx-banks`, `debit-card-length`
pub(crate) fn is_kebab(s: &str) -> bool {
    is_words(s, '-')
}

/// `create_payout`
pub(crate) fn is_snake(s: &str) -> bool {
    is_words(s, '_')
}

fn is_words(s: &str, sep: char) -> bool {
    !s.is_empty()
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split(sep).all(|w| {
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `DebitCard`
pub(crate) fn is_upper_camel(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && !NOT_EVEN_RAW.contains(&s)
}

/// A Rust field name: snake_case ASCII (keywords are written as raw identifiers).
pub(crate) fn is_rust_field(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !NOT_EVEN_RAW.contains(&s)
}

/// Every type name the spec generates must be unique within its module, with the items
/// generated from them: each struct's `{T}Builder` and its markers' module
/// `{t}_members`, each request's `{T}View` and its check function `check_{t}`.
pub(crate) fn check_type_names(c: &mut Checker<'_>, operations: &[Operation], spec_pos: Pos) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    // An array's item shape is a struct of the module too, with its enums and objects.
    for op in operations
        .iter()
        .flat_map(|op| std::iter::once(op).chain(&op.arrays))
    {
        let names = std::iter::once((
            op.type_name.as_str(),
            format!("the request of `{}`", op.name),
        ))
        .chain(op.answer.as_ref().map(|_| {
            (
                op.answer_type.as_str(),
                format!("the answer of `{}`", op.name),
            )
        }))
        .chain(op.enums.iter().map(|e| {
            (
                e.type_name.as_str(),
                format!("the enum of field `{}`", e.field),
            )
        }))
        .chain(op.objects().map(|(_, f, type_name)| {
            (
                type_name,
                format!("the object `{}` of `{}`", f.path, op.name),
            )
        }));
        let structs = std::iter::once(op.type_name.as_str())
            .chain(op.objects().map(|(_, _, type_name)| type_name));
        let mut derived: Vec<(String, String)> = Vec::new();
        for name in structs {
            let snake = heck::AsSnakeCase(name).to_string();
            derived.push((format!("{name}Builder"), format!("the builder of `{name}`")));
            derived.push((
                format!("mod {snake}_members"),
                format!("the builder markers of `{name}`"),
            ));
        }
        let snake = heck::AsSnakeCase(&op.type_name).to_string();
        derived.push((
            format!("{}View", op.type_name),
            format!("the view of `{}`", op.type_name),
        ));
        derived.push((
            format!("fn check_{snake}"),
            format!("the checks of `{}`", op.type_name),
        ));
        let names = names
            .map(|(name, what)| (name.to_string(), what))
            .chain(derived);
        for (name, what) in names {
            let name = name.as_str();
            // `S`, `S0`, `S1`, ...: the type parameters of the generated builders.
            let builder_parameter = name
                .strip_prefix('S')
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
            if RESERVED_TYPES.contains(&name) || builder_parameter {
                c.error(
                    spec_pos,
                    format!("{what} would be named `{name}`, which the generated module reserves"),
                )
                .help = Some("set `type_name` on the field".into());
            } else if let Some(first) = seen.get(name) {
                let shown = name.rsplit(' ').next().unwrap_or(name);
                c.error(
                    spec_pos,
                    format!("{what} and {first} would both be named `{shown}`"),
                )
                .help = Some("set `type_name` on the field".into());
            } else {
                seen.insert(name.to_string(), what);
            }
        }
    }
}

/// The most required members one struct may have: the runtime's builder tuples go up to
/// this size.
pub(crate) const MAX_REQUIRED_MEMBERS: usize = 32;

/// Every struct the spec generates (a request, an object, an array's item) has at most
/// [`MAX_REQUIRED_MEMBERS`] required members, which its builder can hold.
pub(crate) fn check_builder_sizes(c: &mut Checker<'_>, operations: &[Operation], spec_pos: Pos) {
    for op in operations
        .iter()
        .flat_map(|op| std::iter::once(op).chain(&op.arrays))
    {
        let levels = std::iter::once((None, op.type_name.as_str()))
            .chain(op.objects().map(|(i, _, type_name)| (Some(i), type_name)));
        for (of, type_name) in levels {
            let required = op
                .members(of)
                .filter(|(_, f)| f.in_struct() && f.required)
                .count();
            if required > MAX_REQUIRED_MEMBERS {
                c.error(
                    spec_pos,
                    format!(
                        "`{type_name}` has {required} required members; a generated builder holds at most {MAX_REQUIRED_MEMBERS}"
                    ),
                )
                .help = Some("group some of them in an object".into());
            }
        }
    }
}
