//! The usage example of a generated module: a doc-test that decodes the spec's own valid
//! example, shows what signing covers, what a missing field gives, and how an answer reads.

use serde_json::{Map, Value};

use crate::model::{OperationRole, Spec};

/// The doc lines of a `# Example` section, or none when the spec has no valid example
/// of its create operation. `krate` is the name the including crate is used by
/// (`payspec_sdk`), `runtime` the runtime's path.
pub fn module_example(spec: &Spec, krate: &str, runtime: &str) -> Vec<String> {
    match example_lines(spec, krate, runtime) {
        Some(lines) => super::names::raw_lines(&lines.join("\n")),
        None => Vec::new(),
    }
}

fn example_lines(spec: &Spec, krate: &str, runtime: &str) -> Option<Vec<String>> {
    let op = spec
        .operations
        .iter()
        .find(|op| op.role == OperationRole::Create)?;
    let example = op.examples.iter().find(|e| e.violations.is_empty())?;
    let body: Map<String, Value> = serde_json::from_str(&example.json).ok()?;
    // A required text field the example gives: its value is in what is signed, and
    // without it the request is refused.
    let (field, value) = op.fields.iter().filter(|f| f.at_top()).find_map(|f| {
        let value = body.get(&f.wire)?.as_str()?;
        (f.required && f.in_struct() && !value.is_empty()).then(|| (f.wire.clone(), value))
    })?;
    let mut without = body.clone();
    without.remove(&field);
    let compact = |m: &Map<String, Value>| serde_json::to_string(m).ok();
    let (json, without) = (compact(&body)?, compact(&without)?);
    let module = format!("{krate}::{}", spec.module);
    let ty = &op.type_name;
    let runtime = runtime.trim_start_matches("::");
    let mut lines = vec![
        "# Example".to_string(),
        String::new(),
        "```".to_string(),
        format!("use {runtime}::prelude::*;"),
        format!("use {module}::{ty};"),
        String::new(),
        format!(
            "// The spec's example `{}`: it passes every rule.",
            example.name
        ),
        format!("let json = {};", bytes_literal(&json)),
        format!("let valid = {ty}::from_json(json).expect(\"valid\");"),
    ];
    if spec.signs(op) {
        let nonce = match spec.signing.as_ref().map(|s| s.header_extras().is_empty()) {
            Some(false) => "Some(\"0123456789abcdef0123456789abcdef\")",
            _ => "None",
        };
        lines.extend([
            String::new(),
            "// What the signature covers; `valid.sign(&key)` signs it with the key the".into(),
            "// spec's scheme takes (drawing a fresh nonce where the scheme has one).".into(),
            format!("let covered = valid.string_to_sign({nonce}).expect(\"signable\");"),
            format!("assert!(covered.contains({value:?}));"),
        ]);
    }
    lines.extend([
        String::new(),
        format!("// Without `{field}`, the request is refused with every violation at its"),
        "// JSON Pointer.".into(),
        format!(
            "let violations = {ty}::from_json({}).expect_err(\"invalid\");",
            bytes_literal(&without)
        ),
        format!(
            "assert!(violations.iter().any(|v| v.path == \"/{field}\" && v.rule == \"required\"));"
        ),
    ]);
    if let Some(answers) = &spec.answers
        && let Some((code, _, _)) = answers.codes.first()
    {
        let (status, answer) = refusal(answers, code);
        lines.extend([
            String::new(),
            format!("// An answer with code {code}, which the page documents as a refusal."),
            format!("let answer = {runtime}::http::Response::builder()"),
            format!("    .status({status})"),
            format!("    .body({}.to_vec())", bytes_literal(&answer)),
            "    .expect(\"a response\");".into(),
            format!("let outcome = {ty}::read_answer(&answer);"),
            format!("assert!(matches!(outcome, {runtime}::wire::Outcome::Rejected(_)));"),
        ]);
    }
    lines.push("```".into());
    Some(lines)
}

/// `text` as a `&[u8]` literal: a raw byte string when it is ASCII, else a raw string's
/// bytes (a byte string cannot hold `é`).
fn bytes_literal(text: &str) -> String {
    if text.is_ascii() {
        format!("br##\"{text}\"##")
    } else {
        format!("r##\"{text}\"##.as_bytes()")
    }
}

/// A refusal with `code` as the spec's answers carry it: the code where `answers.code`
/// puts it (a name or a JSON Pointer), on the first status refusals come with.
fn refusal(answers: &crate::model::Answers, code: &str) -> (u16, String) {
    let status = match &answers.rejected_on {
        Some(statuses) if !statuses.contains(&200) => statuses.first().copied().unwrap_or(400),
        _ => 200,
    };
    let mut value = serde_json::Value::String(code.to_string());
    let place = answers.code.as_str();
    let segments: Vec<&str> = match place.strip_prefix('/') {
        Some(pointer) => pointer.split('/').collect(),
        None => vec![place],
    };
    for segment in segments.iter().rev() {
        value = match segment.parse::<usize>() {
            Ok(index) => {
                let mut items = vec![serde_json::Value::Null; index];
                items.push(value);
                serde_json::Value::Array(items)
            }
            Err(_) => serde_json::json!({ segment.replace("~1", "/").replace("~0", "~"): value }),
        };
    }
    (status, value.to_string())
}
