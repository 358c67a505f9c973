//! Generates this crate's SDK from its own `specs/`, as any merchant's crate would.

fn main() {
    payspec_codegen::Config::new()
        .specs_dir("specs")
        .run_in_build_script();
}
