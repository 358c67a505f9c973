//! The `payspec` command line over any crate's generated specs (feature `cli`): a crate's
//! binary is `payspec_runtime::cli::main(&REGISTRY)` over its own registry. Every command
//! runs the generated code (or, for `check`, the generator itself); nothing here
//! interprets specs.

mod answer;
mod diff;
mod input;
mod mock;
mod sign;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::{OperationInfo, Registry, SpecInfo};
use clap::{Parser, Subcommand};

/// Typed payout requests generated from provider specs.
#[derive(Parser)]
#[command(name = "payspec", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One line per spec: id, provider, country, method and path.
    List,
    /// Validate a request body (JSON); exit 0 when valid, 1 with one line per violation.
    Validate {
        /// The spec id (`teemopay-mx`).
        id: String,
        /// The request file, or `-` (the default) for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// The operation, when the spec has several (default: the first).
        #[arg(long)]
        operation: Option<String>,
    },
    /// Check the specs in DIR (default `specs`) and print every problem; exit 1 on any.
    Check {
        /// The specs folder.
        #[arg(default_value = "specs")]
        dir: PathBuf,
    },
    /// Print the generated Rust of one spec, or with `--resolved` the spec itself merged
    /// over its provider file, as the generator reads it.
    Expand {
        /// The spec id.
        id: String,
        /// Print the resolved spec (YAML) instead of the generated Rust.
        #[arg(long)]
        resolved: bool,
        /// The specs folder, for `--resolved`.
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
    },
    /// Print the JSON Schema of the spec format (`specs/schema.json`).
    Schema,
    /// Classify every change between two versions of the specs (breaking, stricter,
    /// looser, wire, documentation) and the version bump it implies; exit 1 when a change
    /// of a `--fail-on` class is found, 2 on bad input.
    Diff {
        /// The old specs: a folder, or `git:REV` for the new folder at a git revision.
        old: String,
        /// The new specs folder.
        #[arg(default_value = "specs")]
        new: PathBuf,
        /// Print JSON instead of one line per change.
        #[arg(long)]
        json: bool,
        /// The classes that make the exit code 1 (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "breaking,stricter,wire")]
        fail_on: Vec<String>,
    },
    /// Validate and sign a request; print it with its signature set (a signature that
    /// travels in a header: that header, an empty line, then the body). Exit 1 with the
    /// violations when it is invalid.
    Sign {
        /// The spec id.
        id: String,
        /// The merchant's private key (PEM, or bare base64) or the shared secret.
        #[arg(long)]
        key_file: PathBuf,
        /// The nonce header's value (default: a fresh one, printed to stderr).
        #[arg(long)]
        nonce: Option<String>,
        /// Print the exact string signed to stderr (any secret redacted).
        #[arg(long)]
        explain: bool,
        /// The operation, when the spec has several (default: the first).
        #[arg(long)]
        operation: Option<String>,
        /// The request file, or `-` for standard input.
        #[arg(default_value = "-")]
        file: String,
    },
    /// Serve every spec's endpoints on loopback as a mock provider, until Ctrl-C.
    Mock {
        /// The address to listen on (loopback; port 0 picks a free one, printed on stdout).
        #[arg(long, default_value = "127.0.0.1:8787")]
        addr: std::net::SocketAddr,
        /// SPEC_OR_PROVIDER=FILE: the merchant's public key or shared secret, to verify
        /// requests (repeatable; default: the published example keys).
        #[arg(long = "merchant-key", value_name = "SPEC_OR_PROVIDER=FILE")]
        merchant_keys: Vec<String>,
        /// SPEC_OR_PROVIDER=FILE: the platform's private key or shared secret, to sign
        /// callbacks (repeatable; default: the published example keys).
        #[arg(long = "platform-key", value_name = "SPEC_OR_PROVIDER=FILE")]
        platform_keys: Vec<String>,
        /// How long the `MOCK-DELAY-` fault holds its answer, in milliseconds.
        #[arg(long, default_value_t = 3000)]
        delay_ms: u64,
        /// Allow an address other than loopback.
        #[arg(long)]
        allow_non_loopback: bool,
    },
    /// Read a provider's answer as the SDK does: exit 0 accepted, 1 rejected, 3 unknown,
    /// 2 on bad input.
    Answer {
        /// The spec id.
        id: String,
        /// The operation the answer is to (default: the first).
        #[arg(long)]
        operation: Option<String>,
        /// The HTTP status the answer came with.
        #[arg(long)]
        status: u16,
        /// The answer's body, or `-` for standard input.
        #[arg(default_value = "-")]
        file: String,
    },
    /// Verify a received body's signature: exit 0 when it matches, 1 when not, 2 on bad input.
    Verify {
        /// The spec id.
        id: String,
        /// The platform's public key (PEM, or bare base64) or the shared secret.
        #[arg(long)]
        key_file: PathBuf,
        /// The nonce header that came with the body.
        #[arg(long)]
        nonce: Option<String>,
        /// For a spec that signs in a header: that header's value as received (with its
        /// prefix, if the spec writes one).
        #[arg(long)]
        signature: Option<String>,
        /// The body file, or `-` for standard input.
        #[arg(default_value = "-")]
        file: String,
    },
}

/// Runs the command line given to the process over `registry`'s specs.
pub fn main(registry: &Registry) -> ExitCode {
    run(registry, std::env::args_os())
}

/// Runs the command line `args` (the program's name first) over `registry`'s specs.
pub fn run(
    registry: &Registry,
    args: impl IntoIterator<Item = impl Into<std::ffi::OsString> + Clone>,
) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let find_spec = |id: &str| find_spec(registry, id);
    match cli.command {
        Command::List => {
            for spec in registry.specs {
                if let Some(op) = spec.operations.first() {
                    println!(
                        "{}\t{}\t{}\t{} {}",
                        spec.id, spec.provider, spec.country, op.method, op.path
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Command::Validate {
            id,
            file,
            operation,
        } => match find_spec(&id) {
            Ok(spec) => validate(spec, &file, operation.as_deref()),
            Err(code) => code,
        },
        Command::Check { dir } => {
            let (specs, _, diagnostics) = payspec_codegen::check_dir(&dir);
            if diagnostics.is_empty() {
                println!("ok: {} specs checked", specs.len());
                ExitCode::SUCCESS
            } else {
                eprintln!("{diagnostics}");
                ExitCode::from(1)
            }
        }
        Command::Expand {
            id,
            resolved: true,
            specs,
        } => expand_resolved(&id, &specs),
        Command::Expand { id, .. } => match find_spec(&id) {
            Ok(spec) => {
                let module = spec.id.replace('-', "_");
                match registry.sources.iter().find(|(m, _)| *m == module) {
                    Some((_, source)) => {
                        print!("{source}");
                        ExitCode::SUCCESS
                    }
                    None => usage_error(&format!("no generated source for `{id}`")),
                }
            }
            Err(code) => code,
        },
        Command::Sign {
            id,
            key_file,
            nonce,
            explain,
            operation,
            file,
        } => match find_spec(&id) {
            Ok(spec) => sign::sign(
                spec,
                operation.as_deref(),
                &key_file,
                nonce.as_deref(),
                explain,
                &file,
            ),
            Err(code) => code,
        },
        Command::Answer {
            id,
            operation,
            status,
            file,
        } => match find_spec(&id) {
            Ok(spec) => answer::answer(spec, operation.as_deref(), status, &file),
            Err(code) => code,
        },
        Command::Verify {
            id,
            key_file,
            nonce,
            signature,
            file,
        } => match find_spec(&id) {
            Ok(spec) => sign::verify(
                spec,
                &key_file,
                nonce.as_deref(),
                signature.as_deref(),
                &file,
            ),
            Err(code) => code,
        },
        Command::Mock {
            addr,
            merchant_keys,
            platform_keys,
            delay_ms,
            allow_non_loopback,
        } => mock::run(mock::Options {
            specs: registry.specs,
            addr,
            merchant_keys,
            platform_keys,
            delay_ms,
            allow_non_loopback,
        }),
        Command::Diff {
            old,
            new,
            json,
            fail_on,
        } => diff::run(diff::Options {
            old,
            new,
            json,
            fail_on,
        }),
        Command::Schema => {
            print!("{}", payspec_codegen::schema::spec_schema());
            ExitCode::SUCCESS
        }
    }
}

/// Prints the spec `id` of the folder `dir` merged over its provider file.
fn expand_resolved(id: &str, dir: &std::path::Path) -> ExitCode {
    let (specs, _, diagnostics) = payspec_codegen::check_dir(dir);
    if !diagnostics.is_empty() {
        eprintln!("{diagnostics}");
        return ExitCode::from(1);
    }
    let Some(spec) = specs.iter().find(|s| s.id == id) else {
        let ids: Vec<&str> = specs.iter().map(|s| s.id.as_str()).collect();
        return usage_error(&format!(
            "no spec `{id}` in {}; known: {}",
            dir.display(),
            ids.join(", ")
        ));
    };
    // `specs/teemopay/mx.yaml`: the path under the folder after its name.
    let relative = spec
        .file
        .split_once('/')
        .map_or(spec.file.as_str(), |(_, rest)| rest);
    let source = payspec_codegen::load::SpecSource::Dir(dir.to_path_buf());
    match payspec_codegen::load::resolved_yaml(&source, &dir.join(relative)) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
    }
}

fn validate(spec: &'static SpecInfo, file: &str, operation: Option<&str>) -> ExitCode {
    let op = match find_operation(spec, operation) {
        Ok(op) => op,
        Err(code) => return code,
    };
    let body = match input::read(file) {
        Ok(body) => body,
        Err(e) => return usage_error(&e),
    };
    match op.validate_json(&body) {
        Ok(()) => {
            eprintln!(
                "valid: the request passes every rule of {} {}",
                spec.id, op.name
            );
            ExitCode::SUCCESS
        }
        Err(violations) => print_violations(&violations),
    }
}

/// Prints a request's violations (exit 1), or, for a body that is not a JSON object at
/// all, says so as bad input (exit 2): there is no request to judge.
fn print_violations(violations: &crate::Violations) -> ExitCode {
    if let Some(root) = violations
        .iter()
        .find(|v| v.path.is_empty() && v.rule == "json")
    {
        return usage_error(&root.message);
    }
    println!("{violations}");
    ExitCode::from(1)
}

/// The named operation, or the spec's first; exit code 2 when there is none.
fn find_operation(
    spec: &'static SpecInfo,
    name: Option<&str>,
) -> Result<&'static OperationInfo, ExitCode> {
    let op = match name {
        Some(name) => spec.operations.iter().find(|op| op.name == name),
        None => spec.operations.first(),
    };
    op.ok_or_else(|| {
        let names: Vec<&str> = spec.operations.iter().map(|op| op.name).collect();
        usage_error(&format!(
            "`{}` has no operation `{}`; it has: {}",
            spec.id,
            name.unwrap_or(""),
            names.join(", ")
        ))
    })
}

/// The spec with this id, or exit code 2 with the known ids.
fn find_spec(registry: &Registry, id: &str) -> Result<&'static SpecInfo, ExitCode> {
    registry
        .specs
        .iter()
        .copied()
        .find(|s| s.id == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = registry.specs.iter().map(|s| s.id).collect();
            usage_error(&format!("no spec `{id}`; known: {}", ids.join(", ")))
        })
}

/// Reports bad input (not a verdict on a request) with exit code 2.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
