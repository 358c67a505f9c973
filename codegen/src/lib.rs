//! payspec's generator: payout-provider specs (YAML) in, a typed Rust SDK out.
//!
//! The pipeline, one module per step:
//! [`load`] (YAML to raw structs with positions) -> [`check`] (semantic checks, resolving
//! into the [`model`]) -> [`emit`] (tokens per artifact) -> [`format`](mod@format) (prettyplease, an
//! `@generated` header). Every problem of every spec is reported together as
//! [`Diagnostics`]; nothing panics on a bad spec.

mod cache;
pub mod check;
mod config;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod format;
pub mod load;
pub mod model;
mod parallel;
pub mod schema;

use std::path::{Path, PathBuf};

pub use config::Config;
pub use diagnostics::{Diagnostic, Diagnostics};

/// A generated Rust file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name (`teemopay_mx.rs`).
    pub name: String,
    /// Formatted Rust source.
    pub contents: String,
}

/// What one run produced.
#[derive(Debug, Clone)]
pub struct Output {
    /// The resolved specs, in id order.
    pub specs: Vec<model::Spec>,
    /// One file per spec, then the index `specs.rs` that includes them.
    pub files: Vec<GeneratedFile>,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// Loads and checks every spec under `specs_dir`: the models, the files read, and every
/// problem found.
pub fn check_dir(specs_dir: &Path) -> (Vec<model::Spec>, Vec<PathBuf>, Diagnostics) {
    check_source(&load::SpecSource::Dir(specs_dir.to_path_buf()))
}

/// [`check_dir`] over any [`load::SpecSource`] (a folder, or files in memory).
pub fn check_source(source: &load::SpecSource) -> (Vec<model::Spec>, Vec<PathBuf>, Diagnostics) {
    check_providers(source, None)
}

/// [`check_source`] of the specs of some providers only (the top folders of the specs
/// folder: `teemopay`, `gateway`); `None`: all.
fn check_providers(
    source: &load::SpecSource,
    providers: Option<&[String]>,
) -> (Vec<model::Spec>, Vec<PathBuf>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let root_name = source.root_name();
    let files: Vec<PathBuf> = source
        .spec_files(&mut diags)
        .into_iter()
        .filter(|path| {
            let relative = source.relative(path);
            let provider = relative.split('/').next().unwrap_or_default();
            providers.is_none_or(|chosen| chosen.iter().any(|p| p == provider))
        })
        .collect();
    // The spec files are parsed on every core, then loaded in path order (a spec's
    // provider file and reference lists are read in its turn), then checked on every
    // core; their problems are reported in path order.
    let files: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|path| {
            let display = format!("{root_name}/{}", source.relative(&path));
            (path, display)
        })
        .collect();
    let parsed = load::parse_specs(source, &files, &mut diags);
    let mut inputs = Vec::new();
    let mut provider_files = load::ProviderFiles::default();
    let mut loaded = Vec::new();
    for ((path, display), parsed) in files.into_iter().zip(parsed) {
        inputs.push(path.clone());
        let Some(spec) = parsed.and_then(|parsed| {
            load::load_parsed_spec(
                source,
                &path,
                display,
                parsed,
                &mut provider_files,
                &mut diags,
            )
        }) else {
            continue;
        };
        inputs.extend(spec.references.values().map(|r| r.path.clone()));
        inputs.extend(spec.provider_file.clone());
        loaded.push(spec);
    }
    let checked = parallel::map(&loaded, |loaded| {
        let mut found = Vec::new();
        let spec = check::check_spec(loaded, &mut found);
        (spec.map(|spec| (spec, loaded.raw.id.pos())), found)
    });
    let mut specs = Vec::new();
    for (spec, found) in checked {
        specs.extend(spec);
        diags.items.extend(found);
    }
    specs.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for pair in specs.windows(2) {
        if pair[0].0.id == pair[1].0.id {
            diags.items.push(
                Diagnostic::at(
                    pair[1].1,
                    format!("spec id `{}` is used twice", pair[1].0.id),
                )
                .note(format!("also used by {}", pair[0].0.file)),
            );
        }
    }
    if specs.is_empty() && diags.is_empty() && providers.is_none_or(|p| !p.is_empty()) {
        diags.items.push(Diagnostic::nowhere(format!(
            "no spec found under {}",
            source.describe()
        )));
    }
    diags.sort();
    if !source.on_disk() {
        inputs.clear();
    }
    (specs.into_iter().map(|(s, _)| s).collect(), inputs, diags)
}

/// Runs the whole pipeline over `specs_dir`, for generated code that names the runtime
/// as `::payspec_runtime`; [`Config`] sets the rest.
pub fn generate(specs_dir: &Path) -> Result<Output, Diagnostics> {
    Config::new().specs_dir(specs_dir).generate()
}

/// How the generated modules name the runtime (an absolute path, already checked) and
/// the crate their usage examples use.
#[derive(Clone, Copy)]
struct Naming<'a> {
    runtime: &'a str,
    crate_name: Option<&'a str>,
}

fn generate_from(
    source: &load::SpecSource,
    providers: Option<&[String]>,
    naming: Naming<'_>,
    cache: Option<&cache::Cache>,
) -> Result<Output, Diagnostics> {
    let (specs, inputs, mut diags) = check_providers(source, providers);
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut files = Vec::new();
    let mut modules = Vec::new();
    let generated = parallel::map(&specs, |spec| {
        let name = format!("{}.rs", spec.module);
        let contents = match cache.and_then(|c| c.reuse(spec, &name)) {
            Some(kept) => Ok(kept),
            None => module_source(spec, naming),
        };
        (name, contents)
    });
    for (spec, (name, generated)) in specs.iter().zip(generated) {
        match generated {
            Ok(contents) => files.push(GeneratedFile {
                name: name.clone(),
                contents,
            }),
            Err(e) => diags.items.push(Diagnostic::nowhere(format!(
                "internal error: the code generated for {} does not parse: {e}",
                spec.file
            ))),
        }
        modules.push((spec.module.clone(), name));
    }
    let index = syn::parse_str::<syn::Path>(naming.runtime)
        .and_then(|runtime| format::format_file(emit::index(&modules, &runtime), "every spec"));
    match index {
        Ok(contents) => files.push(GeneratedFile {
            name: "specs.rs".into(),
            contents,
        }),
        Err(e) => diags.items.push(Diagnostic::nowhere(format!(
            "internal error: the index does not parse: {e}"
        ))),
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Output {
        specs,
        files,
        inputs,
    })
}

/// One spec's module, formatted. Runs on any thread: it makes its own tokens.
fn module_source(spec: &model::Spec, naming: Naming<'_>) -> Result<String, syn::Error> {
    let runtime = syn::parse_str::<syn::Path>(naming.runtime)?;
    let options = emit::Options {
        runtime: &runtime,
        crate_name: naming.crate_name,
    };
    format::format_file(emit::spec_module(spec, options), &spec.file)
}

/// Writes each file into `dir` unless it already has exactly that content, so that
/// unchanged output does not trigger recompilation.
pub fn write_if_changed(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in files {
        let path = dir.join(&file.name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents)?;
        }
    }
    Ok(())
}
