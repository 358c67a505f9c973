//! Settings of a generator run, as a builder (like prost-build's `Config`), so that any
//! crate's `build.rs` can generate an SDK from its own specs.

use std::path::{Path, PathBuf};

use crate::cache::Cache;
use crate::load::SpecSource;
use crate::{Diagnostic, Diagnostics, Output};

/// What to generate from, and how generated code names the runtime.
///
/// ```no_run
/// // build.rs of a crate with its own `specs/` folder, depending on payspec-runtime:
/// payspec_codegen::Config::new()
///     .specs_dir("specs")
///     .run_in_build_script();
/// // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/specs.rs"));
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    source: SpecSource,
    providers: Option<Vec<String>>,
    runtime: String,
    crate_name: Option<String>,
    out_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            source: SpecSource::Dir(PathBuf::from("specs")),
            providers: None,
            crate_name: None,
            runtime: crate::emit::DEFAULT_RUNTIME.to_string(),
            out_dir: None,
        }
    }
}

impl Config {
    /// Specs from `specs/`, runtime `::payspec_runtime`, output to `OUT_DIR`.
    pub fn new() -> Self {
        Self::default()
    }

    /// The folder of specs (and their reference lists).
    pub fn specs_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.source = SpecSource::Dir(dir.as_ref().to_path_buf());
        self
    }

    /// A spec (or reference) file held in memory, by its path relative to the specs
    /// folder (`acme/mx.yaml`; its lists at `acme/reference/banks.yaml`), for tools and
    /// tests that have specs as strings. Once one is given, only in-memory files are read.
    ///
    /// ```
    /// let spec = "spec: 1\nid: acme-mx\nprovider: Acme\ncountry: MX\ncurrency: MXN\n\
    ///             title: Create a payout\nsource: a test\noperations:\n  create_payout:\n    \
    ///             method: POST\n    path: /payout\n    role: create\n    fields:\n      \
    ///             id: { type: string, required: true, max: 32 }\n";
    /// let output = payspec_codegen::Config::new()
    ///     .spec_text("acme/mx.yaml", spec)
    ///     .generate()
    ///     .expect("a valid spec");
    /// assert!(output.files.iter().any(|f| f.name == "acme_mx.rs"));
    /// ```
    pub fn spec_text(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> Self {
        let mut files = match self.source {
            SpecSource::Memory(files) => files,
            SpecSource::Dir(_) => Default::default(),
        };
        files.insert(path.as_ref().to_path_buf(), text.into());
        self.source = SpecSource::Memory(files);
        self
    }

    /// Generates only these providers' specs (the top folders of the specs folder:
    /// `teemopay`, `gateway`); by default, every spec.
    pub fn providers<S: Into<String>>(mut self, providers: impl IntoIterator<Item = S>) -> Self {
        self.providers = Some(providers.into_iter().map(Into::into).collect());
        self
    }

    /// For a build script of a crate with a cargo feature per provider, named after its
    /// folder (`teemopay = []`): generates the providers whose feature is on, or every one
    /// when the feature `all-providers` is on (a provider added to the folder is then
    /// compiled before it has a feature of its own).
    pub fn providers_from_features(self) -> Self {
        let on = |feature: &str| {
            let name = feature.to_uppercase().replace('-', "_");
            std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some()
        };
        if on("all-providers") {
            return self;
        }
        let folders: Vec<String> = match &self.source {
            SpecSource::Dir(dir) => std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect(),
            SpecSource::Memory(files) => files
                .keys()
                .filter_map(|p| p.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect(),
        };
        let chosen: Vec<String> = folders.into_iter().filter(|f| on(f)).collect();
        self.providers(chosen)
    }

    /// The absolute path generated code names the runtime by (`::payspec_runtime`, or
    /// `::my_sdk::runtime` for a crate that re-exports it).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime = path.into();
        self
    }

    /// The name the crate that includes the generated code is used by (`payspec_sdk`):
    /// each module then gets a usage example that runs as a doc-test of that crate.
    /// [`Config::run_in_build_script`] takes the building package's name unless told.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into().replace('-', "_"));
        self
    }

    /// Where [`Config::write`] puts the files (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Runs the pipeline: one file per spec and the index `specs.rs`, or every problem.
    pub fn generate(&self) -> Result<Output, Diagnostics> {
        self.generate_with(None)
    }

    fn generate_with(&self, cache: Option<&Cache>) -> Result<Output, Diagnostics> {
        self.runtime_syn_path()?;
        let naming = crate::Naming {
            runtime: &self.runtime,
            crate_name: self.crate_name.as_deref(),
        };
        crate::generate_from(&self.source, self.providers.as_deref(), naming, cache)
    }

    /// Generates and writes the files that changed into the output folder; returns what
    /// was generated. A module the folder already holds from the same spec and generator
    /// is read back rather than generated again (the same bytes, sooner).
    pub fn write(&self) -> Result<Output, Diagnostics> {
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    Diagnostics::from(Diagnostic::nowhere(
                        "no output folder: set `out_dir`, or run from a build script (OUT_DIR)",
                    ))
                })?,
        };
        let cache = Cache::open(&dir, &[Some(&self.runtime), self.crate_name.as_deref()]);
        let output = self.generate_with(cache.as_ref())?;
        let written = cache
            .as_ref()
            .map_or(Ok(()), Cache::invalidate)
            .and_then(|()| crate::write_if_changed(&dir, &output.files))
            .and_then(|()| cache.as_ref().map_or(Ok(()), Cache::save));
        written.map_err(|e| {
            Diagnostics::from(Diagnostic::nowhere(format!(
                "cannot write the generated SDK to {}: {e}",
                dir.display()
            )))
        })?;
        Ok(output)
    }

    /// For `build.rs`: writes the files, asks cargo to rerun when any input changes, and
    /// on a broken spec prints every diagnostic and fails the build.
    pub fn run_in_build_script(&self) {
        let mut config = self.clone();
        if config.crate_name.is_none()
            && let Ok(name) = std::env::var("CARGO_PKG_NAME")
        {
            config = config.crate_name(name);
        }
        config.run_and_report();
    }

    fn run_and_report(&self) {
        // The folder itself, so that a new spec file triggers a rebuild too.
        if let SpecSource::Dir(dir) = &self.source {
            println!("cargo:rerun-if-changed={}", dir.display());
        }
        match self.write() {
            Ok(output) => {
                for input in &output.inputs {
                    println!("cargo:rerun-if-changed={}", input.display());
                }
            }
            Err(diagnostics) => {
                eprintln!("{diagnostics}");
                std::process::exit(1);
            }
        }
    }

    fn runtime_syn_path(&self) -> Result<syn::Path, Diagnostics> {
        match syn::parse_str::<syn::Path>(&self.runtime) {
            Ok(path) if path.leading_colon.is_some() || self.runtime.starts_with("crate::") => {
                Ok(path)
            }
            _ => Err(Diagnostics::from(Diagnostic::nowhere(format!(
                "the runtime path `{}` must be an absolute Rust path (`::payspec_runtime`)",
                self.runtime
            )))),
        }
    }
}
