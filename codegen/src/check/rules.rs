//! Checks of conditional and cross-field rules: every name they use must resolve.

use super::Checker;
use super::fields::{kind_name, length_check, reference_index};
use super::names::is_kebab;
use crate::load::at::{At, Item};
use crate::load::raw::{RawCondition, RawConstraint, RawRule};
use crate::model::{
    Check, Condition, Constraint, ConstraintKind, Kind, Literal, Operation, Reference, Rule,
};

/// Checks an operation's rules against its fields and the spec's reference lists.
pub(crate) fn check_rules(
    c: &mut Checker<'_>,
    raw: &[Item<RawRule>],
    op: &Operation,
    references: &[Reference],
) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for rule in raw.iter().filter_map(Item::ok) {
        let before = c.diags.len();
        if !is_kebab(&rule.id) {
            c.error(
                rule.id.pos(),
                format!("rule id `{}` is not kebab-case", *rule.id),
            );
        } else if rules.iter().any(|r| r.id == **rule.id) {
            c.error(rule.id.pos(), format!("duplicate rule id `{}`", *rule.id));
        }
        let when: Vec<Condition> = rule
            .when
            .iter()
            .filter_map(Item::ok)
            .filter_map(|w| condition(c, w, op, references))
            .collect();
        let mut then = Vec::new();
        for item in rule.then.iter().filter_map(Item::ok) {
            then.extend(constraints(c, item, op, references));
        }
        if rule.then.is_empty() {
            c.error(
                rule.id.pos(),
                format!("rule `{}` has no `then` constraint", *rule.id),
            );
        }
        if c.diags.len() == before {
            rules.push(Rule {
                id: rule.id.get().clone(),
                doc: rule.doc.get().clone(),
                note: rule.note.as_ref().map(|n| n.get().clone()),
                when,
                then,
            });
        }
    }
    rules
}

/// Resolves a field name used by a rule, reporting an unknown one with the known names.
fn field_index(c: &mut Checker<'_>, name: &At<String>, op: &Operation) -> Option<usize> {
    let found = op
        .fields
        .iter()
        .position(|f| f.path == **name && f.in_struct());
    if found.is_none() && !c.broken_fields.contains(name.get()) {
        let d = c.error(
            name.pos(),
            format!("no field named `{}` in `{}`", **name, op.name),
        );
        let similar: Vec<&str> = op
            .fields
            .iter()
            .filter(|f| strsim::levenshtein(&f.path.to_lowercase(), &name.to_lowercase()) <= 2)
            .map(|f| f.path.as_str())
            .collect();
        if let Some(first) = similar.first() {
            d.help = Some(format!("did you mean `{first}`?"));
        }
    }
    found
}

fn condition(
    c: &mut Checker<'_>,
    raw: &At<RawCondition>,
    op: &Operation,
    references: &[Reference],
) -> Option<Condition> {
    let field = field_index(c, &raw.field, op)?;
    let given = [
        raw.equals.is_some(),
        !raw.one_of.is_empty(),
        raw.in_list.is_some(),
        raw.present.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        c.error(
            raw.pos(),
            "a condition needs exactly one of `equals`, `one_of`, `in_list`, `present`",
        );
        return None;
    }
    if let Some(list) = &raw.in_list {
        if op.fields[field].kind != Kind::Text {
            c.error(
                list.pos(),
                format!(
                    "`in_list` conditions apply only to text fields, and `{}` is not one",
                    *raw.field
                ),
            );
            return None;
        }
        return Some(Condition::InList {
            field,
            list: reference_index(c, list, references)?,
        });
    }
    if let Some(present) = &raw.present {
        return Some(Condition::Present {
            field,
            present: *present.get(),
        });
    }
    let texts: Vec<&At<String>> = raw.equals.iter().chain(raw.one_of.iter()).collect();
    let mut values = Vec::new();
    for text in texts {
        values.push(literal(c, text, field, op)?);
    }
    Some(Condition::OneOf { field, values })
}

/// An enum variant (by name or code) or a text, as the field's kind requires.
fn literal(
    c: &mut Checker<'_>,
    text: &At<String>,
    field: usize,
    op: &Operation,
) -> Option<Literal> {
    let f = &op.fields[field];
    match &f.kind {
        Kind::Enum(e) => {
            let def = &op.enums[*e];
            let found = def
                .variants
                .iter()
                .position(|v| v.name == **text || v.code == **text);
            if found.is_none() {
                let names: Vec<String> = def
                    .variants
                    .iter()
                    .map(|v| format!("{} ({})", v.name, v.code))
                    .collect();
                c.error(
                    text.pos(),
                    format!("`{}` is not a value of `{}`", **text, f.wire),
                )
                .help = Some(format!("values: {}", names.join(", ")));
            }
            found.map(Literal::Variant)
        }
        Kind::Text => Some(Literal::Text(text.get().clone())),
        other => {
            c.error(
                text.pos(),
                format!(
                    "conditions on {} fields are not supported",
                    kind_name(other)
                ),
            );
            None
        }
    }
}

fn constraints(
    c: &mut Checker<'_>,
    raw: &At<RawConstraint>,
    op: &Operation,
    references: &[Reference],
) -> Vec<Constraint> {
    let Some(field) = field_index(c, &raw.field, op) else {
        return Vec::new();
    };
    let before = c.diags.len();
    let kind = &op.fields[field].kind;
    let text_only = |c: &mut Checker<'_>, pos, key: &str| {
        if *kind != Kind::Text {
            c.error(
                pos,
                format!(
                    "`{key}` applies only to text fields, and `{}` is {}",
                    *raw.field,
                    kind_name(kind)
                ),
            );
            return false;
        }
        true
    };
    let mut out = Vec::new();
    let mut push = |kind: ConstraintKind| out.push(Constraint { field, kind });
    if raw.required.as_ref().is_some_and(|r| *r.get()) {
        push(ConstraintKind::Required);
    }
    if let Some(absent) = &raw.absent {
        if !*absent.get() {
            c.error(absent.pos(), "`absent: false` requires nothing")
                .help = Some("write `absent: true`, or `required: true`".into());
        } else if raw.required.as_ref().is_some_and(|r| *r.get()) {
            c.error(absent.pos(), "a field cannot be both required and absent");
        } else {
            push(ConstraintKind::Absent);
        }
    }
    if let Some(range) = super::values::amount_range(c, &raw.minimum, &raw.maximum, kind) {
        push(ConstraintKind::Check(range));
    }
    if (raw.length.is_some() || raw.min.is_some() || raw.max.is_some())
        && let Some(check) = length_check(c, &raw.length, &raw.min, &raw.max)
    {
        check_within_field(c, raw, &check, &op.fields[field].checks);
        push(ConstraintKind::Check(check));
    }
    if let Some(charset) = &raw.charset
        && text_only(c, charset.pos(), "charset")
    {
        push(ConstraintKind::Check(Check::Charset(*charset.get())));
    }
    if let Some(algorithm) = &raw.check_digit
        && text_only(c, algorithm.pos(), "check_digit")
    {
        push(ConstraintKind::Check(Check::CheckDigit(*algorithm.get())));
    }
    if let Some(mask) = &raw.mask
        && text_only(c, mask.pos(), "mask")
        && let Some(check) = super::values::mask_check(c, mask)
    {
        push(ConstraintKind::Check(check));
    }
    if let Some(prefix) = &raw.starts_with
        && text_only(c, prefix.pos(), "starts_with")
    {
        push(ConstraintKind::Check(Check::StartsWith(
            prefix.get().clone(),
        )));
    }
    if let Some(list) = &raw.in_list
        && text_only(c, list.pos(), "in_list")
        && let Some(i) = super::fields::complete_reference(c, list, references)
    {
        push(ConstraintKind::Check(Check::InList(i)));
    }
    if let Some(m) = &raw.prefix_equals_suffix_of
        && text_only(c, m.pos(), "prefix_equals_suffix_of")
    {
        let other = field_index(c, &m.field, op);
        if *m.chars.get() == 0 {
            c.error(m.chars.pos(), "`chars` must be at least 1");
        } else if let Some(other) = other {
            push(ConstraintKind::PrefixEqualsSuffixOf {
                other,
                chars: *m.chars.get(),
            });
        }
    }
    if let Some(p) = &raw.prefix_in_list
        && text_only(c, p.pos(), "prefix_in_list")
    {
        let list = reference_index(c, &p.list, references);
        let key = field_index(c, &p.key, op);
        if *p.chars.get() == 0 {
            c.error(p.chars.pos(), "`chars` must be at least 1");
        } else if let (Some(list), Some(key)) = (list, key) {
            push(ConstraintKind::PrefixInList {
                list,
                key,
                chars: *p.chars.get(),
            });
        }
    }
    if let Some(n) = &raw.name_in_list
        && text_only(c, n.pos(), "name_in_list")
    {
        let list = reference_index(c, &n.list, references);
        let key = field_index(c, &n.key, op);
        if let (Some(list), Some(key)) = (list, key) {
            if references[list].entries.iter().all(|e| e.name.is_none()) {
                c.error(n.list.pos(), format!("`{}` gives no entry a name", *n.list));
            } else {
                push(ConstraintKind::NameInList { list, key });
            }
        }
    }
    if let Some(value) = &raw.equals
        && text_only(c, value.pos(), "equals")
    {
        if value.trim().is_empty() {
            c.error(value.pos(), "`equals` needs a value that is not blank");
        } else {
            push(ConstraintKind::Equals(value.get().clone()));
        }
    }
    if let Some(at) = &raw.char_at
        && text_only(c, at.pos(), "char_at")
    {
        if *at.position.get() == 0 {
            c.error(at.position.pos(), "`position` counts from 1");
        } else if at.one_of.is_empty() {
            c.error(at.one_of.pos(), "`one_of` lists no character");
        } else {
            push(ConstraintKind::CharAt {
                position: *at.position.get(),
                one_of: at.one_of.get().clone(),
            });
        }
    }
    if let Some(l) = &raw.length_in_list
        && text_only(c, l.pos(), "length_in_list")
    {
        let list = reference_index(c, &l.list, references);
        let key = field_index(c, &l.key, op);
        if let (Some(list), Some(key)) = (list, key) {
            let attribute = l.attribute.get();
            let values: Vec<&str> = references[list]
                .entries
                .iter()
                .flat_map(|e| &e.attributes)
                .filter(|(name, _)| name == attribute)
                .map(|(_, v)| v.as_str())
                .collect();
            let lengths_ok = |v: &str| v.split('|').all(|n| n.parse::<u32>().is_ok_and(|n| n > 0));
            if values.is_empty() {
                c.error(
                    l.attribute.pos(),
                    format!("no entry of `{}` has the attribute `{attribute}`", *l.list),
                );
            } else if let Some(bad) = values.iter().find(|v| !lengths_ok(v)) {
                c.error(
                    l.attribute.pos(),
                    format!(
                        "`{attribute}` of `{}` is {bad:?}, not lengths such as \"14|13\"",
                        *l.list
                    ),
                );
            } else {
                push(ConstraintKind::LengthInList {
                    list,
                    key,
                    attribute: attribute.clone(),
                });
            }
        }
    }
    // A constraint whose keys were all refused above has had its error.
    let asked = raw.required.is_some() || raw.absent.is_some() || c.diags.len() > before;
    if out.is_empty() && !asked {
        c.error(
            raw.pos(),
            format!("the constraint on `{}` requires nothing", *raw.field),
        );
    }
    out
}

/// A rule's length must fit inside the field's own length, or it can never hold.
fn check_within_field(c: &mut Checker<'_>, raw: &At<RawConstraint>, rule: &Check, field: &[Check]) {
    let (
        Check::Length {
            min: Some(rule_min),
            ..
        },
        Some(Check::Length {
            max: Some(field_max),
            ..
        }),
    ) = (
        rule,
        field.iter().find(|f| matches!(f, Check::Length { .. })),
    )
    else {
        return;
    };
    if rule_min > field_max {
        let pos = raw
            .length
            .as_ref()
            .map(At::pos)
            .or(raw.min.as_ref().map(At::pos))
            .unwrap_or(raw.pos());
        c.error(pos, format!("the rule asks for at least {rule_min} characters but `{}` allows at most {field_max}", *raw.field));
    }
}
