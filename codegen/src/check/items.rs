//! The items of an array field: a shape of their own, checked like a request's body
//! (fields, objects, enums, rules), whose violations the array's pointer prefixes.

use super::{Checker, fields, rules};
use crate::load::at::At;
use crate::load::raw::RawItems;
use crate::model::{Operation, OperationRole, Reference};

/// The item shape of array `wire` of operation `op`.
pub(super) fn check_items(
    c: &mut Checker<'_>,
    op: &str,
    wire: &At<String>,
    raw: &At<RawItems>,
    references: &[Reference],
) -> Operation {
    let (fields, enums) = fields::check_fields(c, &raw.fields, references, false);
    if raw.fields.is_empty() {
        c.error(
            raw.pos(),
            format!("the items of `{}` list no `fields`", **wire),
        );
    }
    // A refused name has its error; the item keeps the given one, as the spec is not
    // emitted with errors.
    let type_name = super::kinds::type_name(c, &raw.type_name, wire, "Item").unwrap_or_else(|| {
        raw.type_name
            .as_ref()
            .map_or_else(String::new, |n| n.get().clone())
    });
    let mut item = Operation {
        name: format!("{op}.{}", **wire),
        type_name,
        answer_type: String::new(),
        doc: None,
        method: String::new(),
        path: String::new(),
        content_type: None,
        role: OperationRole::Create,
        headers: Vec::new(),
        answer: None,
        fields,
        enums,
        rules: Vec::new(),
        examples: Vec::new(),
        arrays: Vec::new(),
    };
    item.rules = rules::check_rules(c, &raw.rules, &item, references);
    item
}
