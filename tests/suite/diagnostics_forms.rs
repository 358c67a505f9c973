//! Diagnostics of what a body can carry and what a signature can cover: a form is flat
//! text; a header signature over the fields covers the body's only; one key type per spec.

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

/// A `GET` signed in a header over its fields, whose field travels in the query string.
const HEADER_PAIRS: &str = r#"spec: 1
id: acme-sg
provider: Acme
country: SG
currency: SGD
title: Header pairs
source: a test
headers:
  X-Nonce: { from: nonce, length: 16 }
signing:
  header: { name: X-Signature }
  schemes:
    hmac:
      message:
        separator: "&"
        parts:
          - fields: { exclude: [] }
          - { label: "nonce=", header: X-Nonce }
      algorithm: hmac-sha256
      encoding: hex-lower
operations:
  query_payout:
    method: GET
    path: /payouts
    role: query
    fields:
      order_no: { type: string, required: true, in: query }
"#;

/// An RSA scheme beside an HMAC one, under one `select`.
const MIXED_KEYS: &str = r#"spec: 1
id: acme-th
provider: Acme
country: TH
currency: THB
title: Mixed keys
source: a test
signing:
  field: sign
  schemes:
    hmac:
      message:
        parts:
          - fields: { exclude: [sign, kind] }
      algorithm: hmac-sha256
      encoding: hex-lower
    rsa:
      message:
        parts:
          - fields: { exclude: [sign, kind] }
      algorithm: rsa-sha256
      encoding: base64
  select:
    field: kind
    default: hmac
    by_value: { RSA: rsa }
operations:
  create_payout:
    method: POST
    path: /payouts
    role: create
    fields:
      order_no: { type: string, required: true }
      kind: { type: string }
      sign: { type: signature }
"#;

#[test]
fn a_signature_over_what_a_receiver_cannot_see_or_with_two_key_kinds_is_refused() {
    let report = diagnose(
        "signing-limits",
        &[("acme/sg.yaml", HEADER_PAIRS), ("acme/th.yaml", MIXED_KEYS)],
    );
    assert_points(
        &report,
        &[
            (
                "`query_payout` is signed in a header over its fields, but `order_no` travels in the query string, not in the body",
                "specs/acme/sg.yaml:27:7",
            ),
            (
                "scheme `rsa` takes an RSA key, but `hmac` takes a shared secret: a spec's schemes take one kind of key",
                "specs/acme/th.yaml:17:5",
            ),
        ],
    );
    assert!(
        report.contains("error: 2 problems found in the specs"),
        "{report}"
    );
}
