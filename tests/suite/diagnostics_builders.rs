//! Diagnostics of what the generated builders cannot hold: more required members than
//! the runtime's builder tuples, and type names the builders use for their parameters.

use crate::diagnostics::{assert_points, diagnose};

/// 33 required fields in one request, and an enum that would be named `S0`.
fn too_many() -> String {
    let fields: String = (0..33)
        .map(|i| format!("      f{i}: {{ type: string, required: true }}\n"))
        .collect();
    format!(
        r#"spec: 1
id: acme-co
provider: Acme
country: CO
currency: COP
title: Create a transfer
source: a test
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
{fields}      s0:
        type: string-enum
        values: {{ A: {{}}, B: {{}} }}
"#
    )
}

#[test]
fn structs_the_builders_cannot_hold_are_diagnosed() {
    let report = diagnose("builders", &[("acme/co.yaml", &too_many())]);
    assert_points(
        &report,
        &[
            (
                "`CreatePayoutRequest` has 33 required members; a generated builder holds at most 32",
                "specs/acme/co.yaml:2:5",
            ),
            (
                "the enum of field `s0` would be named `S0`, which the generated module reserves",
                "specs/acme/co.yaml:2:5",
            ),
        ],
    );
}
