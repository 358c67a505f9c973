//! Checks of reference lists: kebab-case names, entries sorted by key for binary
//! search, and a source naming a commit and a date.

use super::Checker;
use super::names::is_kebab;
use crate::load::LoadedSpec;
use crate::model::{Reference, ReferenceEntry};

/// The spec's reference lists, resolved from their data files.
pub(super) fn check_references(c: &mut Checker<'_>, loaded: &LoadedSpec) -> Vec<Reference> {
    let mut references = Vec::new();
    for (name, reference) in &loaded.raw.reference {
        if !is_kebab(name) {
            c.error(
                name.pos(),
                format!("reference list name `{}` is not kebab-case", **name),
            );
        }
        let Some(reference) = reference.ok() else {
            continue;
        };
        let Some(data) = loaded.references.get(name.get()) else {
            continue;
        };
        let mut entries: Vec<ReferenceEntry> = data
            .data
            .entries
            .iter()
            .filter_map(|(key, entry)| {
                let entry = entry.ok()?;
                Some(ReferenceEntry {
                    key: key.get().clone(),
                    name: entry.name.as_ref().map(|n| n.get().clone()),
                    values: entry.values.iter().map(|v| v.get().clone()).collect(),
                    attributes: entry
                        .attributes
                        .iter()
                        .map(|(k, v)| (k.get().clone(), v.get().clone()))
                        .collect(),
                })
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        let source = data.data.source.as_ref().map(|source| {
            let commit = source.commit.get();
            if commit.len() < 7 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
                c.error(
                    source.commit.pos(),
                    format!("`{commit}` is not a commit (hexadecimal, at least 7 digits)"),
                );
            }
            let date = source.date.get();
            let date_ok = date.len() == 10
                && date.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                });
            if !date_ok {
                c.error(
                    source.date.pos(),
                    format!("`{date}` is not a date `YYYY-MM-DD`"),
                );
            }
            format!(
                "{} {} at {} ({})",
                source.repository.get(),
                source.path.get(),
                commit,
                date
            )
        });
        references.push(Reference {
            name: name.get().clone(),
            ident: name.to_uppercase().replace('-', "_"),
            doc: reference.doc.as_ref().map(|d| d.get().clone()),
            source,
            complete: data.data.complete.as_ref().is_some_and(|c| *c.get()),
            entries,
        });
    }
    references
}
