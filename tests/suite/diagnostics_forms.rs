//! Diagnostics of HTML form bodies and callbacks: a form is flat text, so what a spec
//! declares in one must be writable and readable as text.

use crate::diagnostics::{assert_points, diagnose};

const FORMS: &str = r#"spec: 1
id: acme-de
provider: Acme
country: DE
currency: EUR
title: A form
source: a test
callback:
  content_type: application/x-www-form-urlencoded
  data: payout
  token_header: X-Token
  merchant_order_no: order_no
  reply: { status: 200 }
  fields:
    order_no: { type: string }
    fee: { type: number }
    amount: { type: amount, wire: number, unit: minor }
operations:
  create_payout:
    method: POST
    path: /payouts
    content_type: application/x-www-form-urlencoded; charset=utf-8
    role: create
    fields:
      order_no: { type: string, required: true }
      urgent: { type: boolean }
      amount: { type: amount, required: true, wire: number, unit: minor, decimals: 2 }
      beneficiary: { type: object, fields: { name: { type: string } } }
"#;

#[test]
fn what_a_form_cannot_carry_is_diagnosed_where_it_is_declared() {
    let report = diagnose("forms", &[("acme/de.yaml", FORMS)]);
    assert_points(
        &report,
        &[
            (
                "a form callback is flat: its fields are the body, with no object to hold them",
                "specs/acme/de.yaml:10:9",
            ),
            (
                "`fee` is read as a JSON number, but every value of a form is text",
                "specs/acme/de.yaml:16:5",
            ),
            (
                "`amount` is read as a JSON number, but every value of a form is text",
                "specs/acme/de.yaml:17:5",
            ),
            (
                "`urgent` is a JSON boolean, which a form cannot carry",
                "specs/acme/de.yaml:26:7",
            ),
            (
                "`amount` is written as a JSON number, but every value of a form is text",
                "specs/acme/de.yaml:27:7",
            ),
            (
                "`beneficiary` is an object, which a form cannot carry",
                "specs/acme/de.yaml:28:7",
            ),
        ],
    );
    assert!(
        report.contains("error: 6 problems found in the specs"),
        "{report}"
    );
}
