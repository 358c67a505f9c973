//! Step 2, check: semantic checks over a raw spec, resolving it into the model.
//!
//! Every problem is recorded and checking goes on, so one run reports them all. A part
//! that is broken is left out of the model; the model of a spec with problems is never
//! emitted.

mod callback;
mod currency;
mod examples;
mod exchange;
mod fields;
mod forms;
mod headers;
mod items;
mod kinds;
mod message;
mod names;
mod references;
mod rules;
mod signing;
mod values;

use indexmap::IndexMap;

use crate::diagnostics::{Diagnostic, Pos};
use crate::load::LoadedSpec;
use crate::load::at::At;
use crate::load::raw::RawOperation;
use crate::model::{Header, Operation, Reference, Spec};
use headers::check_headers;
use names::{is_kebab, is_snake};
use references::check_references;

/// The spec language version this generator reads.
pub const SPEC_VERSION: u32 = 1;

/// Collects problems while checking one spec.
pub(crate) struct Checker<'d> {
    diags: &'d mut Vec<Diagnostic>,
    /// Fields already reported as broken: later references to them are not reported
    /// again, so one mistake gives one error.
    broken_fields: Vec<String>,
}

impl Checker<'_> {
    pub(crate) fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::at(pos, message));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }
}

/// Checks one loaded spec; returns its model when it has no problems.
pub fn check_spec(loaded: &LoadedSpec, diags: &mut Vec<Diagnostic>) -> Option<Spec> {
    let before = diags.len();
    let mut c = Checker {
        diags,
        broken_fields: Vec::new(),
    };
    let raw = &loaded.raw;

    if *raw.spec.get() != SPEC_VERSION {
        c.error(
            raw.spec.pos(),
            format!("unsupported spec version {}", raw.spec.get()),
        )
        .help = Some(format!("this generator reads `spec: {SPEC_VERSION}`"));
    }
    if !is_kebab(&raw.id) {
        c.error(
            raw.id.pos(),
            format!("spec id `{}` is not lowercase kebab-case", *raw.id),
        )
        .help = Some("write it like `teemopay-mx`".into());
    } else if names::NOT_EVEN_RAW.contains(&raw.id.replace('-', "_").as_str()) {
        c.error(
            raw.id.pos(),
            format!("spec id `{}` cannot name a Rust module", *raw.id),
        )
        .help = Some("write it like `teemopay-mx`".into());
    }
    check_code(
        &mut c,
        &raw.country,
        2,
        "country",
        "an ISO 3166-1 alpha-2 code like `MX`",
    );
    check_code(
        &mut c,
        &raw.currency,
        3,
        "currency",
        "an ISO 4217 code like `MXN`",
    );

    let headers = check_headers(&mut c, &raw.headers);
    let references = check_references(&mut c, loaded);
    let raw_signing = raw.signing.as_ref().and_then(|s| s.ok());
    let signing = raw_signing.and_then(|s| signing::check_signing(&mut c, s, &headers));
    let answers = raw
        .answers
        .as_ref()
        .and_then(|a| a.ok())
        .and_then(|a| exchange::check_answers(&mut c, a));
    let statuses = raw
        .statuses
        .as_ref()
        .and_then(|s| s.ok())
        .and_then(|s| exchange::check_statuses(&mut c, s));
    let currency_known = raw.operations.values().filter_map(|op| op.ok()).any(|op| {
        op.fields
            .values()
            .filter_map(|f| f.ok())
            .any(|f| *f.ty.get() == crate::load::raw::FieldType::Amount)
    });
    // From the raw section, so that a problem in `statuses` does not hide one here.
    let status_field = raw
        .statuses
        .as_ref()
        .and_then(|s| s.ok())
        .map(|s| s.field.get().clone());
    let data = exchange::DataContext {
        status_field: status_field.as_deref(),
        currency_known,
    };
    let callback = raw.callback.as_ref().and_then(|cb| cb.ok()).and_then(|cb| {
        callback::check_callback(&mut c, cb, signing.as_ref(), raw.signing.is_some(), data)
    });
    let mut operations = Vec::new();
    for (name, op) in &raw.operations {
        if !is_snake(name) {
            c.error(
                name.pos(),
                format!("operation name `{}` is not snake_case", **name),
            );
        }
        if let Some(raw_op) = op.ok()
            && let Some(op) = check_operation(&mut c, name, raw_op, &references, &headers, data)
        {
            if let (Some(answer), None) = (&raw_op.answer, &answers) {
                c.error(answer.pos(), format!("`{}` describes its answer, but the spec has no `answers` saying how to read one", **name));
            }
            // A signing section with problems of its own has reported them: what depends on
            // it is not checked again, so one mistake gives one error.
            if signing.is_some() || raw.signing.is_none() {
                let pair = signing.as_ref().zip(raw_signing);
                signing::check_operation_signing(&mut c, pair, &op, name, raw_op);
            }
            operations.push(op);
        }
    }
    if raw.operations.is_empty() {
        c.error(raw.id.pos(), "the spec declares no operation");
    }
    names::check_type_names(&mut c, &operations, raw.id.pos());
    names::check_builder_sizes(&mut c, &operations, raw.id.pos());

    if c.diags.len() > before {
        return None;
    }
    Some(Spec {
        id: raw.id.get().clone(),
        module: raw.id.replace('-', "_"),
        provider: raw.provider.get().clone(),
        country: raw.country.get().clone(),
        currency: raw.currency.get().clone(),
        title: raw.title.get().clone(),
        source: raw.source.get().clone(),
        file: loaded.display_path.clone(),
        notes: raw.notes.iter().map(|n| n.get().clone()).collect(),
        headers,
        references,
        signing,
        answers,
        statuses,
        callback,
        operations,
    })
}

fn check_code(c: &mut Checker<'_>, value: &At<String>, len: usize, what: &str, help: &str) {
    if value.len() != len || !value.chars().all(|ch| ch.is_ascii_uppercase()) {
        c.error(
            value.pos(),
            format!("{what} `{}` is not {len} uppercase letters", **value),
        )
        .help = Some(format!("write {help}"));
    }
}

/// The `{name}` placeholders of a path.
fn path_names(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}

/// The path of every field the spec declares, objects' fields included, sound or not.
fn field_paths(
    raw: &IndexMap<At<String>, crate::load::at::Item<crate::load::raw::RawField>>,
    prefix: &str,
    out: &mut Vec<String>,
) {
    for (wire, field) in raw {
        let path = format!("{prefix}{}", **wire);
        if let Some(field) = field.ok() {
            field_paths(&field.fields, &format!("{path}/"), out);
        }
        out.push(path);
    }
}

fn check_operation(
    c: &mut Checker<'_>,
    name: &At<String>,
    op: &At<RawOperation>,
    references: &[Reference],
    spec_headers: &[Header],
    data: exchange::DataContext<'_>,
) -> Option<Operation> {
    if !op.path.starts_with('/') {
        c.error(
            op.path.pos(),
            format!("path `{}` does not start with `/`", *op.path),
        );
    }
    let (fields, enums) = fields::check_fields(c, &op.fields, references, true);
    let is_get = *op.method.get() == crate::load::raw::Method::Get;
    for field in fields.iter().filter(|f| f.at_top()) {
        let pos = || {
            op.fields
                .keys()
                .find(|k| ***k == field.wire)
                .map_or(op.method.pos(), At::pos)
        };
        use crate::model::FieldLocation;
        let (kind, wire) = (&field.kind, &field.wire);
        match field.location {
            FieldLocation::Query if !is_get => {
                c.error(
                    pos(),
                    format!("`{wire}` is `in: query`, which only GET operations support"),
                )
                .help = Some("fields of a POST travel in its JSON body".into());
            }
            FieldLocation::Body if is_get => {
                c.error(
                    pos(),
                    format!("a GET request has no body: put `{wire}` `in: query` or `in: path`"),
                );
            }
            FieldLocation::Path if !op.path.contains(&format!("{{{wire}}}")) => {
                c.error(
                    pos(),
                    format!("`{wire}` is `in: path`, but the path has no `{{{wire}}}`"),
                );
            }
            FieldLocation::Path if !field.required => {
                c.error(pos(), format!("`{wire}` is in the path, so it is required"));
            }
            FieldLocation::Header if http::HeaderName::from_bytes(wire.as_bytes()).is_err() => {
                c.error(
                    pos(),
                    format!("`{wire}` is `in: header`, but is not an HTTP header name"),
                );
            }
            FieldLocation::Path | FieldLocation::Header
                if !matches!(
                    kind,
                    crate::model::Kind::Text
                        | crate::model::Kind::Integer
                        | crate::model::Kind::Enum(_)
                ) =>
            {
                c.error(pos(), format!("`{wire}` travels outside the body, so it must be text, an integer or an enum"));
            }
            FieldLocation::Query if matches!(kind, crate::model::Kind::Signature) => {
                c.error(pos(), "a signature travels in the body");
            }
            _ => {}
        }
    }
    for named in path_names(op.path.get()) {
        if !fields
            .iter()
            .any(|f| f.wire == named && f.location == crate::model::FieldLocation::Path)
        {
            c.error(
                op.path.pos(),
                format!("the path names `{{{named}}}`, but no field is `in: path` with that name"),
            );
        }
    }
    let headers = match &op.headers {
        Some(own) => check_headers(c, own),
        None => spec_headers.to_vec(),
    };
    let mut declared = Vec::new();
    field_paths(&op.fields, "", &mut declared);
    c.broken_fields = declared
        .into_iter()
        .filter(|path| !fields.iter().any(|f| f.path == *path))
        .collect();
    let mut operation = Operation {
        name: name.get().clone(),
        type_name: format!("{}Request", heck::AsUpperCamelCase(name.get())),
        answer_type: format!("{}Answer", heck::AsUpperCamelCase(name.get())),
        doc: op.doc.as_ref().map(|d| d.get().clone()),
        method: format!("{:?}", op.method.get()).to_uppercase(),
        path: op.path.get().clone(),
        content_type: op.content_type.as_ref().map(|t| t.get().clone()),
        role: *op.role.get(),
        headers,
        answer: op
            .answer
            .as_ref()
            .map(|a| exchange::check_answer(c, a, data)),
        fields,
        enums,
        rules: Vec::new(),
        examples: Vec::new(),
        arrays: Vec::new(),
    };
    currency::check_currency_fields(c, op, &mut operation);
    // Each array's item shape, in the order of the arrays' `item` indices.
    let broken = std::mem::take(&mut c.broken_fields);
    operation.arrays = op
        .fields
        .iter()
        .filter_map(|(wire, f)| Some((wire, f.ok()?)))
        .filter(|(wire, f)| {
            *f.ty.get() == crate::load::raw::FieldType::Array
                && operation
                    .fields
                    .iter()
                    .any(|g| g.at_top() && g.wire == ***wire)
        })
        .filter_map(|(wire, f)| {
            Some(items::check_items(
                c,
                &operation.name,
                wire,
                f.items.as_ref()?,
                references,
            ))
        })
        .collect();
    c.broken_fields = broken;
    if operation
        .content_type
        .as_deref()
        .is_some_and(forms::is_form)
    {
        forms::check_form_request(c, op, &operation);
    }
    operation.rules = rules::check_rules(c, &op.rules, &operation, references);
    operation.examples = examples::check_examples(c, &op.examples, &operation);
    Some(operation)
}
