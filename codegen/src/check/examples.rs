//! Checks of request examples: the JSON parses and the expected verdict names real rules.

use super::Checker;
use crate::load::at::Item;
use crate::load::raw::RawExample;
use crate::model::{Example, Operation};

/// Rule ids the generated decoder and field checks report.
pub const FIELD_RULE_IDS: &[&str] = &[
    "json",
    "duplicate-key",
    "required",
    "type",
    "unknown-field",
    "length",
    "charset",
    "starts-with",
    "fixed",
    "enum",
    "amount",
    "in-list",
    "control-char",
    "amount-positive",
    "amount-range",
    "range",
    "entries",
    "items",
    "mask",
    "chars",
    "check-digit",
    "timestamp",
];

/// Checks an operation's examples.
pub(crate) fn check_examples(
    c: &mut Checker<'_>,
    raw: &[Item<RawExample>],
    op: &Operation,
) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for example in raw.iter().filter_map(Item::ok) {
        if examples.iter().any(|e| e.name == **example.name) {
            c.error(
                example.name.pos(),
                format!("duplicate example name `{}`", *example.name),
            );
        }
        match serde_json::from_str::<serde_json::Value>(&example.json) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => {
                c.error(example.json.pos(), "the example's JSON is not an object");
            }
            Err(e) => {
                c.error(example.json.pos(), format!("the example is not JSON: {e}"))
                    .help =
                    Some("line and column in the note are counted inside the `json` text".into());
            }
        }
        let mut violations = Vec::new();
        for v in example.violations.iter().filter_map(Item::ok) {
            if !v.path.is_empty() && !v.path.starts_with('/') {
                c.error(v.path.pos(), format!("`{}` is not a JSON Pointer", *v.path))
                    .help =
                    Some("write `/fieldName`, or an empty string for the whole body".into());
            }
            // An array's items have rules of their own.
            let known = FIELD_RULE_IDS.contains(&v.rule.as_str())
                || op
                    .rules
                    .iter()
                    .chain(op.arrays.iter().flat_map(|item| &item.rules))
                    .any(|r| r.id == **v.rule);
            if !known {
                let ids: Vec<&str> = op.rules.iter().map(|r| r.id.as_str()).collect();
                c.error(v.rule.pos(), format!("no rule `{}`", *v.rule)).help = Some(format!(
                    "field rules: {}; this operation's rules: {}",
                    FIELD_RULE_IDS.join(", "),
                    if ids.is_empty() {
                        "none".into()
                    } else {
                        ids.join(", ")
                    }
                ));
            }
            violations.push((v.path.get().clone(), v.rule.get().clone()));
        }
        violations.sort();
        examples.push(Example {
            name: example.name.get().clone(),
            doc: example.doc.as_ref().map(|d| d.get().clone()),
            json: example.json.get().clone(),
            violations,
        });
    }
    examples
}
