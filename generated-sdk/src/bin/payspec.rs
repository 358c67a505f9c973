//! `payspec`: the command line over the SDK's specs (`cargo payspec ...`).

fn main() -> std::process::ExitCode {
    payspec_runtime::cli::main(&payspec_sdk::REGISTRY)
}
