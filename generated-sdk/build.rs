//! Generates the SDK from `../specs` into `OUT_DIR`, like prost-build: every input is a
//! `rerun-if-changed`, unchanged output is not rewritten, and a broken spec fails the
//! build with every diagnostic.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let specs = manifest.join("../specs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // The folder itself, so that a new spec file triggers a rebuild too.
    println!("cargo:rerun-if-changed={}", specs.display());
    match payspec_codegen::generate(&specs) {
        Ok(output) => {
            for input in &output.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            if let Err(e) = payspec_codegen::write_if_changed(&out, &output.files) {
                eprintln!(
                    "error: cannot write the generated SDK to {}: {e}",
                    out.display()
                );
                std::process::exit(1);
            }
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            std::process::exit(1);
        }
    }
}
