//! Diagnostics of what the generated builders cannot hold: more required members than
//! the runtime's builder tuples, and type names the builders use for their parameters.

use crate::diagnostics::{assert_points, diagnose};

/// 33 required fields in one request, and an enum that would be named `S0`.
const TOO_MANY: &str = r#"spec: 1
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
      f0: { type: string, required: true }
      f1: { type: string, required: true }
      f2: { type: string, required: true }
      f3: { type: string, required: true }
      f4: { type: string, required: true }
      f5: { type: string, required: true }
      f6: { type: string, required: true }
      f7: { type: string, required: true }
      f8: { type: string, required: true }
      f9: { type: string, required: true }
      f10: { type: string, required: true }
      f11: { type: string, required: true }
      f12: { type: string, required: true }
      f13: { type: string, required: true }
      f14: { type: string, required: true }
      f15: { type: string, required: true }
      f16: { type: string, required: true }
      f17: { type: string, required: true }
      f18: { type: string, required: true }
      f19: { type: string, required: true }
      f20: { type: string, required: true }
      f21: { type: string, required: true }
      f22: { type: string, required: true }
      f23: { type: string, required: true }
      f24: { type: string, required: true }
      f25: { type: string, required: true }
      f26: { type: string, required: true }
      f27: { type: string, required: true }
      f28: { type: string, required: true }
      f29: { type: string, required: true }
      f30: { type: string, required: true }
      f31: { type: string, required: true }
      f32: { type: string, required: true }
      s0:
        type: string-enum
        values: { A: {}, B: {} }
"#;

#[test]
fn structs_the_builders_cannot_hold_are_diagnosed() {
    let report = diagnose("builders", &[("acme/co.yaml", TOO_MANY)]);
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
