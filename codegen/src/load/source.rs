//! Where specs are read from: a folder on disk (build scripts, the CLI), or files held in
//! memory (tools and tests that have the specs as strings).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Folder names under `specs/` that hold data, not specs.
const DATA_DIR: &str = "reference";
/// The file a provider's specs share (`specs/teemopay/provider.yaml`): not a spec itself.
const PROVIDER_FILE: &str = "provider.yaml";

/// A tree of spec files and their reference lists.
#[derive(Debug, Clone)]
pub enum SpecSource {
    /// The folder on disk.
    Dir(PathBuf),
    /// Files by path relative to the specs folder (`acme/mx.yaml`,
    /// `acme/reference/banks.yaml`), with their text.
    Memory(BTreeMap<PathBuf, String>),
}

impl SpecSource {
    /// The name diagnostics show for the root (`specs`).
    pub fn root_name(&self) -> String {
        match self {
            SpecSource::Dir(dir) => dir
                .file_name()
                .map_or("specs".into(), |n| n.to_string_lossy().into_owned()),
            SpecSource::Memory(_) => "specs".into(),
        }
    }

    /// Where the root is, for messages.
    pub fn describe(&self) -> String {
        match self {
            SpecSource::Dir(dir) => dir.display().to_string(),
            SpecSource::Memory(_) => "the in-memory specs".into(),
        }
    }

    /// Every spec file, in path order; folders named `reference` hold data and are
    /// skipped.
    pub fn spec_files(&self, diags: &mut Diagnostics) -> Vec<PathBuf> {
        let mut found = Vec::new();
        match self {
            SpecSource::Dir(dir) => collect_yaml(dir, &mut found, diags),
            SpecSource::Memory(files) => found.extend(
                files
                    .keys()
                    .filter(|p| is_yaml(p) && !p.components().any(|c| c.as_os_str() == DATA_DIR))
                    .cloned(),
            ),
        }
        found.sort();
        found
    }

    /// A file's path relative to the root, with `/` separators.
    pub fn relative(&self, path: &Path) -> String {
        let relative = match self {
            SpecSource::Dir(dir) => path.strip_prefix(dir).unwrap_or(path),
            SpecSource::Memory(_) => path,
        };
        relative.to_string_lossy().replace('\\', "/")
    }

    /// Whether a file exists.
    pub fn is_file(&self, path: &Path) -> bool {
        match self {
            SpecSource::Dir(_) => path.is_file(),
            SpecSource::Memory(files) => files.contains_key(&normalize(path)),
        }
    }

    /// A file's text.
    pub fn read(&self, path: &Path) -> std::io::Result<String> {
        match self {
            SpecSource::Dir(_) => std::fs::read_to_string(path),
            SpecSource::Memory(files) => files.get(&normalize(path)).cloned().ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such in-memory file")
            }),
        }
    }

    /// Whether its files are on disk (and cargo should watch them).
    pub fn on_disk(&self) -> bool {
        matches!(self, SpecSource::Dir(_))
    }
}

/// A spec file: YAML, and not a provider file.
fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
        && path.file_name().is_some_and(|n| n != PROVIDER_FILE)
}

/// `acme/./reference/x.yaml` and `acme/sub/../reference/x.yaml` as `acme/reference/x.yaml`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn collect_yaml(dir: &Path, found: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.items.push(Diagnostic::nowhere(format!(
                "cannot read {}: {e}",
                dir.display()
            )));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != DATA_DIR) {
                collect_yaml(&path, found, diags);
            }
        } else if is_yaml(&path) {
            found.push(path);
        }
    }
}
