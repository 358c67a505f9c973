//! `payspec answer`: reads a provider's answer exactly as the SDK does and says what it
//! means, so that a maintainer can see how a surprising answer is classified.

use std::process::ExitCode;

use crate::SpecInfo;
use crate::wire::{Outcome, Record, read_answer};

use super::{input, usage_error};

/// Exit code of an unknown outcome (0 accepted, 1 rejected, 2 bad input).
const UNKNOWN: u8 = 3;

/// Prints the outcome of `file` as the answer of `operation` with HTTP `status`.
pub fn answer(
    spec: &'static SpecInfo,
    operation: Option<&str>,
    status: u16,
    file: &str,
) -> ExitCode {
    let op = match super::find_operation(spec, operation) {
        Ok(op) => op,
        Err(code) => return code,
    };
    let (Some(envelope), Some(shape)) = (spec.envelope, op.answer) else {
        return usage_error(&format!(
            "{} {} documents no answer to read",
            spec.id, op.name
        ));
    };
    if !(100..=599).contains(&status) {
        return usage_error(&format!("{status} is not an HTTP status"));
    }
    let body = match input::read(file) {
        Ok(body) => body,
        Err(e) => return usage_error(&e),
    };
    match read_answer(envelope, shape, spec.statuses, status, &body) {
        Outcome::Accepted(accepted) => {
            println!(
                "accepted: code {} (the call was taken; the payout's fate comes by callback or query)",
                accepted.code
            );
            for record in &accepted.records {
                println!("{}", describe(record));
            }
            ExitCode::SUCCESS
        }
        Outcome::Rejected(rejected) => {
            let meaning = envelope
                .codes
                .iter()
                .find(|c| c.code == rejected.code)
                .map_or_else(
                    || match envelope.unlisted {
                        Some(unlisted) => {
                            format!("not listed; the page says: \"{}\"", unlisted.quote)
                        }
                        None => "not documented".to_string(),
                    },
                    |c| format!("{:?}: \"{}\"", c.rejection, c.doc),
                );
            let message = rejected
                .message
                .as_deref()
                .map_or_else(String::new, |m| format!(", message {m:?}"));
            println!(
                "rejected: code {} ({meaning}), HTTP {}{message}",
                rejected.code, rejected.http_status
            );
            ExitCode::from(1)
        }
        Outcome::Unknown(why) => {
            println!("unknown: {why}; query the payout, never assume it failed");
            ExitCode::from(UNKNOWN)
        }
    }
}

fn describe(record: &Record) -> String {
    let text = |value: &Option<String>| value.as_deref().unwrap_or("-").to_string();
    let status = record.status.as_ref().map_or_else(
        || "-".to_string(),
        |s| match (s.name, s.state) {
            (Some(name), Some(state)) => format!("{} {name} ({state})", s.code),
            _ => format!("{} (not listed by the spec)", s.code),
        },
    );
    format!(
        "payout: order {}, merchant order {}, status {status}",
        text(&record.platform_order_no),
        text(&record.merchant_order_no)
    )
}
