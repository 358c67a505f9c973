//! `payspec mock`: the mock provider ([`crate::mock`]) on loopback until interrupted.

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crate::mock::{CALLBACK_PATH, Config, Fault, Server};
use crate::signing::{SigningKey, VerifyingKey};
use crate::wire::HeaderSource;

use super::usage_error;

/// What `payspec mock` was asked.
pub struct Options {
    pub specs: &'static [&'static crate::SpecInfo],
    pub addr: SocketAddr,
    pub merchant_keys: Vec<String>,
    pub platform_keys: Vec<String>,
    pub delay_ms: u64,
    pub allow_non_loopback: bool,
}

/// Runs the mock until the process is interrupted (Ctrl-C).
pub fn run(options: Options) -> ExitCode {
    let mut config = Config::new(options.specs)
        .addr(options.addr)
        .allow_non_loopback(options.allow_non_loopback)
        .delay(Duration::from_millis(options.delay_ms));
    for given in &options.merchant_keys {
        match key(given, VerifyingKey::from_text) {
            Ok((selector, key)) => config = config.merchant_key(selector, key),
            Err(code) => return code,
        }
    }
    for given in &options.platform_keys {
        match key(given, SigningKey::from_text) {
            Ok((selector, key)) => config = config.platform_key(selector, key),
            Err(code) => return code,
        }
    }
    let server = match Server::start(config) {
        Ok(server) => server,
        Err(e) => return usage_error(&e.to_string()),
    };
    describe(&server, options.specs);
    // The mock runs on its own threads; this one only waits for Ctrl-C, which ends the
    // process (the mock holds nothing that needs saving).
    loop {
        std::thread::park();
    }
}

/// `SELECTOR=FILE` read as a key; exit code 2 on a bad argument or key file. The error
/// names the file, never its content.
fn key<K, E: std::fmt::Display>(
    given: &str,
    parse: impl Fn(&str) -> Result<K, E>,
) -> Result<(String, K), ExitCode> {
    let Some((selector, file)) = given.split_once('=') else {
        return Err(usage_error(&format!(
            "`{given}`: expected SPEC_OR_PROVIDER=FILE (teemopay=merchant-public.pem)"
        )));
    };
    let path = Path::new(file);
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage_error(&format!("cannot read the key file {file}: {e}")))?;
    let key = parse(&text).map_err(|e| usage_error(&format!("{file}: {e}")))?;
    Ok((selector.to_string(), key))
}

/// The address on stdout (one line, for scripts), the rest on stderr.
fn describe(server: &Server, specs: &[&crate::SpecInfo]) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "listening on {}", server.base_url());
    let _ = out.flush();
    eprintln!("payspec mock: every spec's endpoints (Ctrl-C stops it)");
    for spec in specs {
        for op in spec.operations {
            let constants: Vec<String> = op
                .headers
                .iter()
                .filter_map(|h| match h.source {
                    HeaderSource::Constant(value) => Some(format!("{}: {value}", h.name)),
                    _ => None,
                })
                .collect();
            eprintln!(
                "  {:<12} {:<13} {:<4} {} {}",
                spec.id,
                op.name,
                op.method,
                op.path,
                constants.join(", ")
            );
        }
    }
    eprintln!(
        "  callbacks: POST {CALLBACK_PATH} {{\"spec\", \"merchant_order_id\", \"state\", \"url\"?}}"
    );
    let prefixes: Vec<&str> = Fault::ALL.iter().map(|f| f.prefix()).collect();
    eprintln!(
        "  faults by merchant order number prefix: {}",
        prefixes.join(" ")
    );
    if !server.example_keys().is_empty() {
        eprintln!(
            "warning: {} use the published example keys (TeemoPay's example pair, the gateway's \
             documented secret): give --merchant-key and --platform-key for your own",
            server.example_keys().join(", ")
        );
    }
}
