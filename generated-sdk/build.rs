//! Generates the SDK from `../specs` into `OUT_DIR`, like prost-build: every input is a
//! `rerun-if-changed`, unchanged output is not rewritten, and a broken spec fails the
//! build with every diagnostic. Only the providers whose feature is on are generated
//! (`all-providers`, the default, is every one).

fn main() {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    payspec_codegen::Config::new()
        .specs_dir(std::path::Path::new(&manifest).join("../specs"))
        .providers_from_features()
        .run_in_build_script();
}
