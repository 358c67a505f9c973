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
    let type_name = match &raw.type_name {
        Some(name) if !super::names::is_upper_camel(name) => {
            c.error(
                name.pos(),
                format!("`{}` is not an UpperCamelCase type name", **name),
            );
            name.get().clone()
        }
        Some(name) => name.get().clone(),
        None => format!("{}Item", heck::AsUpperCamelCase(wire.get())),
    };
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
