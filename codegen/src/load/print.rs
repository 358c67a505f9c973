//! A spec resolved over its provider file, written back as YAML (`payspec expand
//! --resolved`): what the generator reads, as one file. Plain scalars stay plain (so
//! `true` and `32` keep their meaning); every other scalar is written double-quoted.

use std::path::Path;

use marked_yaml::Node;
use marked_yaml::types::MarkedScalarNode;

use super::{ProviderFiles, SpecSource};
use crate::diagnostics::Diagnostics;

/// The spec at `path` of `source`, merged over its provider file, as YAML text.
pub fn resolved_yaml(source: &SpecSource, path: &Path) -> Result<String, Diagnostics> {
    let mut diags = Diagnostics::default();
    let display = format!("{}/{}", source.root_name(), source.relative(path));
    let resolved = super::parse_file(source, path, display, &mut diags).and_then(|(_, node)| {
        super::provider::resolve(
            node,
            path,
            source,
            &mut ProviderFiles::default(),
            &mut diags,
        )
    });
    match resolved {
        Some((node, _)) if diags.is_empty() => {
            let mut out = String::new();
            write_node(&node, 0, &mut out);
            Ok(out)
        }
        _ => Err(diags),
    }
}

fn write_node(node: &Node, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Scalar(scalar) => {
            out.push_str(&pad);
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
        Node::Mapping(mapping) => {
            for (key, value) in mapping.iter() {
                out.push_str(&format!("{pad}{}:", scalar_text(key)));
                write_value(value, indent, out);
            }
        }
        Node::Sequence(sequence) => {
            for item in sequence.iter() {
                out.push_str(&format!("{pad}-"));
                write_value(item, indent, out);
            }
        }
    }
}

/// A value after `key:` or `-`: inline when it is a scalar or empty, else on the lines
/// below, indented.
fn write_value(value: &Node, indent: usize, out: &mut String) {
    match value {
        Node::Scalar(scalar) => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
        Node::Mapping(m) if m.is_empty() => out.push_str(" {}\n"),
        Node::Sequence(s) if s.is_empty() => out.push_str(" []\n"),
        nested => {
            out.push('\n');
            write_node(nested, indent + 2, out);
        }
    }
}

/// A scalar as YAML: plain when it was plain and reads back the same, else quoted.
fn scalar_text(scalar: &MarkedScalarNode) -> String {
    let text = scalar.as_str();
    if scalar.may_coerce() && plain_is_safe(text) {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}

fn plain_is_safe(text: &str) -> bool {
    !text.is_empty()
        && text.trim() == text
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.contains('\n')
}
