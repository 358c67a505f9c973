//! Step 1, load: YAML files to raw spec structs, every node with its position.

pub mod at;
mod print;
mod provider;
pub mod raw;
mod source;

pub use print::resolved_yaml;
pub use provider::ProviderFiles;
pub use source::SpecSource;

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use marked_yaml::{LoaderOptions, Node};
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Pos};
use at::{At, Item};
use raw::{RawField, RawReferenceData, RawSpec};

/// A spec file as loaded: its raw content and the reference lists it names.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The file's path as shown to people (`specs/teemopay/mx.yaml`).
    pub display_path: String,
    /// The file's path on disk.
    pub path: PathBuf,
    /// The raw spec.
    pub raw: RawSpec,
    /// The reference lists the spec names that loaded, by list name.
    pub references: IndexMap<String, LoadedReference>,
    /// The provider file it extends, if any.
    pub provider_file: Option<PathBuf>,
}

/// A reference data file as loaded.
#[derive(Debug)]
pub struct LoadedReference {
    /// The file's path on disk.
    pub path: PathBuf,
    /// Its content.
    pub data: RawReferenceData,
}

/// Loads one spec file and the reference files it names. Problems go to `diags`; `None`
/// when the file could not be read as a spec at all.
pub fn load_spec(
    source: &SpecSource,
    path: &Path,
    display_path: String,
    providers: &mut ProviderFiles,
    diags: &mut Diagnostics,
) -> Option<LoadedSpec> {
    let parsed = parse_file(source, path, display_path.clone(), diags)?;
    load_parsed_spec(source, path, display_path, parsed, providers, diags)
}

/// Reads spec files and parses them on every core: each spec's node (with its source's
/// index), `None` where the file could not be read or parsed (reported). The files are
/// registered in order, to be reported in their turn ([`load_parsed_spec`] ranks them).
pub fn parse_specs(
    source: &SpecSource,
    files: &[(PathBuf, String)],
    diags: &mut Diagnostics,
) -> Vec<Option<(usize, Node)>> {
    let texts: Vec<Option<(usize, String)>> = files
        .iter()
        .map(|(path, display)| match source.read(path) {
            Ok(text) => Some((diags.sources.add_ahead(display.clone(), text.clone()), text)),
            Err(e) => {
                diags
                    .items
                    .push(Diagnostic::nowhere(format!("cannot read {display}: {e}")));
                None
            }
        })
        .collect();
    let parsed = crate::parallel::map(&texts, |text| {
        let (id, text) = text.as_ref()?;
        let options = LoaderOptions::default().error_on_duplicate_keys(true);
        Some((
            *id,
            marked_yaml::parse_yaml_with_options(*id, text, options),
        ))
    });
    parsed
        .into_iter()
        .map(|parsed| match parsed? {
            (id, Ok(node)) => Some((id, node)),
            (id, Err(e)) => {
                diags.sources.rank(id);
                diags.items.push(load_error(id, e));
                None
            }
        })
        .collect()
}

/// [`load_spec`] of a spec file parsed ahead ([`parse_specs`]), whose source is `id`.
pub fn load_parsed_spec(
    source: &SpecSource,
    path: &Path,
    display_path: String,
    (id, node): (usize, Node),
    providers: &mut ProviderFiles,
    diags: &mut Diagnostics,
) -> Option<LoadedSpec> {
    diags.sources.rank(id);
    let (node, provider_file) = provider::resolve(node, path, source, providers, diags)?;
    let raw = deserialize::<RawSpec>(&node, diags, report_spec_items)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let display_dir = display_path
        .rsplit_once('/')
        .map_or("", |(d, _)| d)
        .to_string();
    let mut references = IndexMap::new();
    for (name, item) in &raw.reference {
        let Some(reference) = item.ok() else { continue };
        let file = dir.join(reference.file.get());
        let display = if display_dir.is_empty() {
            reference.file.get().clone()
        } else {
            format!("{display_dir}/{}", reference.file.get())
        };
        if !source.is_file(&file) {
            diags.items.push(
                Diagnostic::at(
                    reference.file.pos(),
                    format!("reference file `{display}` not found"),
                )
                .help("reference files live beside the spec, under `reference/`"),
            );
            continue;
        }
        if let Some(data) = parse_file(source, &file, display, diags)
            .and_then(|(_, node)| deserialize(&node, diags, report_reference_items))
        {
            references.insert(name.get().clone(), LoadedReference { path: file, data });
        }
    }
    Some(LoadedSpec {
        display_path,
        path: path.to_path_buf(),
        raw,
        references,
        provider_file,
    })
}

/// Reads and parses one YAML file: its source id (for positions) and its node.
fn parse_file(
    source: &SpecSource,
    path: &Path,
    display_path: String,
    diags: &mut Diagnostics,
) -> Option<(usize, Node)> {
    let text = match source.read(path) {
        Ok(text) => text,
        Err(e) => {
            diags.items.push(Diagnostic::nowhere(format!(
                "cannot read {display_path}: {e}"
            )));
            return None;
        }
    };
    let id = diags.sources.add(display_path, text);
    let text = diags.sources.text(id).to_string();
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    match marked_yaml::parse_yaml_with_options(id, &text, options) {
        Ok(node) => Some((id, node)),
        Err(e) => {
            diags.items.push(load_error(id, e));
            None
        }
    }
}

/// Deserializes a parsed file, then diagnoses each broken item.
fn deserialize<T: DeserializeOwned>(
    node: &Node,
    diags: &mut Diagnostics,
    report_items: fn(&T, &Node, &mut Vec<Diagnostic>),
) -> Option<T> {
    match marked_yaml::from_node::<T>(node) {
        Ok(value) => {
            report_items(&value, node, &mut diags.items);
            Some(value)
        }
        Err(e) => {
            let source = node.span().start().map_or(0, |m| m.source());
            let pos = e.start_mark().map_or(
                Pos {
                    source,
                    line: 1,
                    column: 1,
                },
                |m| Pos::of_marker(&m),
            );
            diags
                .items
                .push(Diagnostic::at(pos, describe(&e.to_string())));
            None
        }
    }
}

fn load_error(source: usize, e: marked_yaml::LoadError) -> Diagnostic {
    use marked_yaml::LoadError::*;
    let at = |m: &marked_yaml::Marker| Pos::of_marker(m);
    match &e {
        TopLevelMustBeMapping(m) => Diagnostic::at(at(m), "a spec must be a YAML mapping"),
        TopLevelMustBeSequence(m) => Diagnostic::at(at(m), "expected a YAML sequence"),
        UnexpectedAnchor(m) => Diagnostic::at(at(m), "YAML anchors and aliases are not supported")
            .help("write the value out; specs are read by people, so repetition is fine"),
        MappingKeyMustBeScalar(m) => Diagnostic::at(at(m), "mapping keys must be plain scalars"),
        UnexpectedTag(m) => Diagnostic::at(at(m), "YAML tags are not supported"),
        ScanError(m, err) => Diagnostic::at(at(m), format!("invalid YAML: {}", scan_message(err))),
        DuplicateKey(inner) => {
            let first = inner.prev_key.span().start().map(&at);
            let mut d = Diagnostic::at(
                inner.key.span().start().map_or(
                    Pos {
                        source,
                        line: 1,
                        column: 1,
                    },
                    at,
                ),
                format!("duplicate key `{}`", inner.key.as_str()),
            );
            if let Some(first) = first {
                d = d.note(format!(
                    "first defined at line {}, column {}",
                    first.line, first.column
                ));
            }
            d
        }
    }
}

/// The scanner's message without its own position prefix (the diagnostic carries it).
fn scan_message(err: &impl std::fmt::Display) -> String {
    let text = err.to_string();
    match text.split_once(" at ") {
        Some((msg, _)) => msg.to_string(),
        None => text,
    }
}

/// Rewords serde's messages in the spec's terms.
fn describe(message: &str) -> String {
    message
        .replace("Unknown field", "unknown key")
        .replace("missing field", "missing key")
}

/// Re-deserializes the node a broken item came from, alone, to learn what is wrong with it.
fn diagnose<T: DeserializeOwned>(root: &Node, pos: Pos, out: &mut Vec<Diagnostic>) {
    let Some(node) = find_node(root, pos) else {
        out.push(Diagnostic::at(pos, "malformed entry"));
        return;
    };
    match marked_yaml::from_node::<T>(node) {
        Ok(_) => out.push(Diagnostic::at(pos, "malformed entry")),
        Err(e) => {
            let at = e.start_mark().map_or(pos, |m| Pos::of_marker(&m));
            out.push(Diagnostic::at(at, describe(&e.into_inner().to_string())));
        }
    }
}

/// The outermost node that starts at `pos`.
fn find_node(node: &Node, pos: Pos) -> Option<&Node> {
    if Pos::of_span(node.span()) == pos {
        return Some(node);
    }
    match node {
        Node::Scalar(_) => None,
        Node::Mapping(map) => map.values().find_map(|v| find_node(v, pos)),
        Node::Sequence(seq) => seq.iter().find_map(|v| find_node(v, pos)),
    }
}

fn broken<T: DeserializeOwned>(item: &Item<T>, root: &Node, out: &mut Vec<Diagnostic>) {
    if let Item::Broken(pos) = item {
        diagnose::<T>(root, *pos, out);
    }
}

fn report_spec_items(spec: &RawSpec, root: &Node, out: &mut Vec<Diagnostic>) {
    if let Some(signing) = &spec.signing {
        broken(signing, root, out);
        if let Some(signing) = signing.ok() {
            signing.schemes.values().for_each(|s| broken(s, root, out));
        }
    }
    spec.headers.values().for_each(|h| broken(h, root, out));
    if let Some(answers) = &spec.answers {
        broken(answers, root, out);
        if let Some(answers) = answers.ok() {
            answers.codes.values().for_each(|c| broken(c, root, out));
        }
    }
    if let Some(statuses) = &spec.statuses {
        broken(statuses, root, out);
        if let Some(statuses) = statuses.ok() {
            statuses.values.values().for_each(|v| broken(v, root, out));
        }
    }
    if let Some(callback) = &spec.callback {
        broken(callback, root, out);
        if let Some(callback) = callback.ok() {
            callback.fields.values().for_each(|f| broken(f, root, out));
        }
    }
    spec.reference.values().for_each(|r| broken(r, root, out));
    for op in spec.operations.values() {
        broken(op, root, out);
        let Some(op) = op.ok() else { continue };
        op.headers
            .iter()
            .flat_map(|h| h.values())
            .for_each(|h| broken(h, root, out));
        if let Some(answer) = &op.answer {
            answer.fields.values().for_each(|f| broken(f, root, out));
        }
        report_field_items(&op.fields, root, out);
        for rule in &op.rules {
            broken(rule, root, out);
            if let Some(rule) = rule.ok() {
                rule.when.iter().for_each(|c| broken(c, root, out));
                rule.then.iter().for_each(|c| broken(c, root, out));
            }
        }
        for example in &op.examples {
            broken(example, root, out);
            if let Some(example) = example.ok() {
                example.violations.iter().for_each(|v| broken(v, root, out));
            }
        }
    }
}

/// A request's fields, and the fields of its objects, at every depth.
fn report_field_items(
    fields: &IndexMap<At<String>, Item<RawField>>,
    root: &Node,
    out: &mut Vec<Diagnostic>,
) {
    for field in fields.values() {
        broken(field, root, out);
        if let Some(field) = field.ok() {
            field.values.values().for_each(|v| broken(v, root, out));
            report_field_items(&field.fields, root, out);
            if let Some(items) = field.items.as_ref() {
                report_field_items(&items.fields, root, out);
                for rule in &items.rules {
                    broken(rule, root, out);
                    if let Some(rule) = rule.ok() {
                        rule.when.iter().for_each(|c| broken(c, root, out));
                        rule.then.iter().for_each(|c| broken(c, root, out));
                    }
                }
            }
        }
    }
}

fn report_reference_items(data: &RawReferenceData, root: &Node, out: &mut Vec<Diagnostic>) {
    data.entries.values().for_each(|e| broken(e, root, out));
}
