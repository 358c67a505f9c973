//! The JSON Schema of the spec format, derived from the raw spec types, for editors.

use crate::load::raw::RawSpec;

/// `specs/schema.json`: the schema of a spec file, pretty-printed, ending in a newline.
pub fn spec_schema() -> String {
    let schema = schemars::schema_for!(RawSpec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
