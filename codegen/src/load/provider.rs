//! Provider files: what every country of a provider shares (headers with the country as
//! a parameter, signing, answers, statuses, the callback, the query), written once. A
//! spec names its provider file with `extends:`; its own keys merge over the file's,
//! mapping by mapping, and a value it replaces must be listed under `overrides:`, so that
//! nothing is replaced by accident. Every node keeps the file and line it was written
//! at, so a diagnostic points at the fact, wherever it is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use marked_yaml::Node;
use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};

use super::SpecSource;
use crate::diagnostics::{Diagnostic, Diagnostics, Pos};

/// The provider files parsed so far in a run, each parsed (and its problems reported)
/// once however many specs extend it.
#[derive(Debug, Default)]
pub struct ProviderFiles {
    parsed: HashMap<PathBuf, Option<Node>>,
}

/// The spec's keys that name its provider file and what it replaces in it.
const EXTENDS: &str = "extends";
const OVERRIDES: &str = "overrides";
/// The spec's top-level values a provider file may use as `${name}`.
const PARAMETERS: &[&str] = &["id", "country", "currency"];

/// A spec merged over its provider file, and that file's path; the spec as it is when it
/// extends nothing. `None` when the merge has problems (reported).
pub(super) fn resolve(
    spec: Node,
    spec_path: &Path,
    source: &SpecSource,
    files: &mut ProviderFiles,
    diags: &mut Diagnostics,
) -> Option<(Node, Option<PathBuf>)> {
    let Node::Mapping(mut spec) = spec else {
        return Some((spec, None));
    };
    let Some(extends) = spec.remove(EXTENDS) else {
        if let Some(overrides) = spec.get_node(OVERRIDES) {
            diags.items.push(Diagnostic::at(
                pos(overrides),
                "`overrides` replaces values of a provider file, and the spec has no `extends`",
            ));
            return None;
        }
        return Some((Node::Mapping(spec), None));
    };
    let Some(name) = extends.as_scalar() else {
        diags.items.push(Diagnostic::at(
            pos(&extends),
            "`extends` is the provider file's path",
        ));
        return None;
    };
    let path = spec_path
        .parent()
        .unwrap_or(Path::new("."))
        .join(name.as_str());
    if !source.is_file(&path) {
        diags.items.push(
            Diagnostic::at(
                pos(&extends),
                format!("provider file `{}` not found", name.as_str()),
            )
            .help("a provider file lives beside the specs that extend it (`provider.yaml`)"),
        );
        return None;
    }
    let provider = match files.parsed.get(&path) {
        Some(parsed) => parsed.clone(),
        None => {
            let display = format!("{}/{}", source.root_name(), source.relative(&path));
            let parsed = super::parse_file(source, &path, display, diags).map(|(_, node)| node);
            files.parsed.insert(path.clone(), parsed.clone());
            parsed
        }
    }?;
    let Node::Mapping(mut provider) = provider else {
        diags.items.push(Diagnostic::at(
            pos(&provider),
            "a provider file must be a YAML mapping",
        ));
        return None;
    };
    let before = diags.items.len();
    substitute(&mut provider, &spec, diags);
    let overrides = overrides(spec.remove(OVERRIDES), diags);
    let mut used = vec![false; overrides.len()];
    merge(&mut spec, &provider, "", &overrides, &mut used, diags);
    for ((path, at), used) in overrides.iter().zip(&used) {
        if !used {
            let why = if defines(&provider, path) {
                "which this spec does not write: there is nothing to replace"
            } else {
                "which the provider file does not define"
            };
            diags.items.push(Diagnostic::at(
                *at,
                format!("`overrides` lists `{path}`, {why}"),
            ));
        }
    }
    (diags.items.len() == before).then_some((Node::Mapping(spec), Some(path)))
}

/// Whether the provider file has a value at the dotted `path`.
fn defines(provider: &MarkedMappingNode, path: &str) -> bool {
    let mut parts = path.split('.');
    let Some(first) = parts.next() else {
        return false;
    };
    let mut node = provider.get_node(first);
    for part in parts {
        node = node
            .and_then(Node::as_mapping)
            .and_then(|m| m.get_node(part));
    }
    node.is_some()
}

fn pos(node: &Node) -> Pos {
    node.span().start().map_or(
        Pos {
            source: 0,
            line: 1,
            column: 1,
        },
        Pos::of_marker,
    )
}

fn key_pos(key: &MarkedScalarNode) -> Pos {
    key.span().start().map_or(
        Pos {
            source: 0,
            line: 1,
            column: 1,
        },
        Pos::of_marker,
    )
}

/// The dotted paths the spec replaces (`answers.note`), with where each is listed.
fn overrides(node: Option<Node>, diags: &mut Diagnostics) -> Vec<(String, Pos)> {
    let Some(node) = node else {
        return Vec::new();
    };
    let Some(list) = node.as_sequence() else {
        diags.items.push(Diagnostic::at(
            pos(&node),
            "`overrides` is a list of dotted paths (`answers.note`)",
        ));
        return Vec::new();
    };
    list.iter()
        .filter_map(|item| match item.as_scalar() {
            Some(path) => Some((path.as_str().to_string(), pos(item))),
            None => {
                diags
                    .items
                    .push(Diagnostic::at(pos(item), "an override is a dotted path"));
                None
            }
        })
        .collect()
}

/// Puts the spec's `${country}` (and `${id}`, `${currency}`) into the provider's text.
fn substitute(provider: &mut MarkedMappingNode, spec: &MarkedMappingNode, diags: &mut Diagnostics) {
    let values: Vec<(&str, Option<&str>)> = PARAMETERS
        .iter()
        .map(|name| (*name, spec.get_scalar(name).map(|s| s.as_str())))
        .collect();
    for (_, node) in provider.iter_mut() {
        substitute_node(node, &values, diags);
    }
}

fn substitute_node(node: &mut Node, values: &[(&str, Option<&str>)], diags: &mut Diagnostics) {
    match node {
        Node::Mapping(mapping) => {
            for (_, child) in mapping.iter_mut() {
                substitute_node(child, values, diags);
            }
        }
        Node::Sequence(sequence) => {
            for child in sequence.iter_mut() {
                substitute_node(child, values, diags);
            }
        }
        Node::Scalar(scalar) => {
            let text = scalar.as_str();
            if !text.contains("${") {
                return;
            }
            let mut out = String::new();
            let mut rest = text;
            while let Some(start) = rest.find("${") {
                out.push_str(&rest[..start]);
                let Some(end) = rest[start..].find('}') else {
                    break;
                };
                let name = &rest[start + 2..start + end];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, Some(value))) => out.push_str(value),
                    _ => {
                        diags.items.push(Diagnostic::at(
                            key_pos(scalar),
                            format!(
                                "`${{{name}}}` is not a parameter a provider file can use (the spec's {})",
                                PARAMETERS.join(", ")
                            ),
                        ));
                        return;
                    }
                }
                rest = &rest[start + end + 1..];
            }
            out.push_str(rest);
            let mut replaced = MarkedScalarNode::new(*scalar.span(), out);
            replaced.set_coerce(scalar.may_coerce());
            *scalar = replaced;
        }
    }
}

/// Merges `base` (the provider's) under `over` (the spec's). The keys only the spec has
/// come first, in its order (its own operations before the provider's query), then the
/// provider's keys in the provider's order (the page's field order), each with the value
/// merged: mappings both have are merged, and any other value both have is the spec's
/// only if `overrides` lists its path.
fn merge(
    over: &mut MarkedMappingNode,
    base: &MarkedMappingNode,
    prefix: &str,
    overrides: &[(String, Pos)],
    used: &mut [bool],
    diags: &mut Diagnostics,
) {
    for (key, value) in base.iter() {
        let path = if prefix.is_empty() {
            key.as_str().to_string()
        } else {
            format!("{prefix}.{}", key.as_str())
        };
        let listed = overrides.iter().position(|(p, _)| *p == path);
        let Some((spec_key, mut mine)) = over.remove_entry(key.as_str()) else {
            over.insert(key.clone(), value.clone());
            continue;
        };
        match (listed, &mut mine, value) {
            (Some(i), _, _) => used[i] = true,
            (None, Node::Mapping(mine), Node::Mapping(theirs)) => {
                merge(mine, theirs, &path, overrides, used, diags);
            }
            (None, _, _) => diags.items.push(
                Diagnostic::at(
                    key_pos(&spec_key),
                    format!("`{path}` is written in the provider file too"),
                )
                .note(format!(
                    "the provider file writes it at line {}, column {}",
                    key_pos(key).line,
                    key_pos(key).column
                ))
                .help(format!(
                    "to replace it for this spec, list `{path}` under `overrides`; otherwise remove it here"
                )),
            ),
        }
        over.insert(spec_key, mine);
    }
}
