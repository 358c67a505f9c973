//! The `payspec` command line over this crate's own specs.

fn main() -> std::process::ExitCode {
    payspec_runtime::cli::main(&payspec_downstream::REGISTRY)
}
