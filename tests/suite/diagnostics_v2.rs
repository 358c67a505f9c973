//! Diagnostics of the spec language's v2 keys: every problem at once, each pointing at its
//! own file, line and column.

use crate::diagnostics::{assert_points, diagnose};

const V2: &str = r#"spec: 1
id: acme-br
provider: Acme
country: BR
currency: BRL
title: Create a transfer
source: a test
headers:
  Authorization: { from: bearer }
signing:
  field: sign
  header: { name: X-Signature }
  schemes:
    digest:
      message:
        parts:
          - { body: bytes, header: Authorization }
          - { text: "v1" }
      algorithm: sha256
      encoding: hex-lower
answers:
  accepted_by: http-status
  code: /error/code
  accepted: ["200"]
  rejected_on: [400, 503]
callback:
  token_header: "bad header"
  merchant_order_no: reference
  reply: { status: 302 }
  fields:
    reference: { type: string }
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      reference: { type: string, required: true, chars: "z-a" }
      value: { type: amount, required: true, wire: number, unit: major, decimals: 2, minimum: "1.005" }
      key: { type: string, lengths: [8] }
      id: { type: string, required: true, in: path }
"#;

#[test]
fn v2_problems_are_diagnosed_at_their_own_positions() {
    let report = diagnose("v2", &[("acme/br.yaml", V2)]);
    assert_points(
        &report,
        &[
            (
                "the signature goes in a body `field` or a `header`, not both",
                "specs/acme/br.yaml:12:11",
            ),
            (
                "a message part needs exactly one of",
                "specs/acme/br.yaml:17:13",
            ),
            (
                "a plain digest must sign the shared secret",
                "specs/acme/br.yaml:19:18",
            ),
            (
                "with `accepted_by: http-status` any 2xx is accepted",
                "specs/acme/br.yaml:24:14",
            ),
            (
                "HTTP 503 cannot carry a rejection",
                "specs/acme/br.yaml:25:22",
            ),
            (
                "is not a list of characters and ranges",
                "specs/acme/br.yaml:38:57",
            ),
            (
                "is not an amount in main units with at most 2 decimals",
                "specs/acme/br.yaml:39:95",
            ),
            (
                "`lengths` lists two or more lengths",
                "specs/acme/br.yaml:40:37",
            ),
            (
                "is `in: path`, but the path has no `{id}`",
                "specs/acme/br.yaml:41:7",
            ),
        ],
    );
}

const TOKEN: &str = r#"spec: 1
id: acme-ng
provider: Acme
country: NG
currency: NGN
title: Create a transfer
source: a test
answers:
  accepted_by: http-status
  code: code
  rejected_on: [400]
callback:
  token_header: "bad header"
  merchant_order_no: reference
  reply: { status: 302, body: "OK" }
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      reference: { type: string, required: true }
"#;

#[test]
fn a_callback_token_and_reply_are_checked() {
    let report = diagnose("token", &[("acme/ng.yaml", TOKEN)]);
    assert_points(
        &report,
        &[(
            "`bad header` is not an HTTP header name",
            "specs/acme/ng.yaml:13:17",
        )],
    );
    // The same callback with a valid header: the reply is what is wrong now.
    let fixed = TOKEN.replace("\"bad header\"", "x-token");
    let report = diagnose("token-reply", &[("acme/ng.yaml", &fixed)]);
    assert_points(
        &report,
        &[
            (
                "a reply of HTTP 302 tells the provider the callback failed",
                "specs/acme/ng.yaml:15:20",
            ),
            (
                "a reply with a body needs its `content_type`",
                "specs/acme/ng.yaml:15:31",
            ),
        ],
    );
}

const RSA_AS_HEX: &str = r#"spec: 1
id: acme-co
provider: Acme
country: CO
currency: COP
title: Create a transfer
source: a test
signing:
  field: sign
  schemes:
    rsa:
      message:
        parts:
          - fields: { exclude: [sign] }
      algorithm: rsa-sha256
      encoding: base64-hex
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      reference: { type: string, required: true }
      sign: { type: signature, required: true }
"#;

#[test]
fn base64_hex_is_refused_for_an_rsa_signature_only() {
    let report = diagnose("rsa-hex", &[("acme/co.yaml", RSA_AS_HEX)]);
    assert_points(
        &report,
        &[(
            "`base64-hex` writes the hex text of a digest or MAC in base64; an RSA signature is not a digest",
            "specs/acme/co.yaml:16:17",
        )],
    );
    assert!(report.contains("error: 1 problem found"), "{report}");
    let fixed = RSA_AS_HEX.replacen("encoding: base64-hex", "encoding: base64", 1);
    let report = diagnose("rsa-hex-fixed", &[("acme/co.yaml", &fixed)]);
    assert!(report.contains("error: 0 problems found"), "{report}");
    // An HMAC written `base64-hex` is fine.
    let hmac = RSA_AS_HEX.replacen("algorithm: rsa-sha256", "algorithm: hmac-sha256", 1);
    let report = diagnose("hmac-hex", &[("acme/co.yaml", &hmac)]);
    assert!(report.contains("error: 0 problems found"), "{report}");
}

const JSON_OUTSIDE_BODY: &str = r#"spec: 1
id: acme-cl
provider: Acme
country: CL
currency: CLP
title: Create a transfer
source: a test
headers:
  nonce: { from: nonce, length: 16 }
signing:
  header: { name: X-Signature }
  schemes:
    hmac:
      message:
        separator: "\n"
        parts:
          - { header: nonce }
          - fields: { drop: [null], as: json }
      algorithm: hmac-sha256
      encoding: base64-hex
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      reference: { type: string, required: true }
      Idempotency-Key: { type: string, required: true, in: header }
  query_payout:
    method: GET
    path: /transfers/{id}
    role: query
    fields:
      id: { type: string, required: true, in: path }
      expand: { type: string, in: query }
"#;

#[test]
fn json_fields_are_refused_for_fields_outside_the_body() {
    let report = diagnose("json-outside", &[("acme/cl.yaml", JSON_OUTSIDE_BODY)]);
    let message = |op: &str, field: &str, place: &str| {
        format!(
            "`{op}` is signed with its fields as a JSON object (`as: json`), but `{field}` travels in {place}, not in the body"
        )
    };
    assert_points(
        &report,
        &[
            (
                &message("create_payout", "Idempotency-Key", "a header"),
                "specs/acme/cl.yaml:28:7",
            ),
            (
                &message("query_payout", "id", "the path"),
                "specs/acme/cl.yaml:34:7",
            ),
            (
                &message("query_payout", "expand", "the query string"),
                "specs/acme/cl.yaml:35:7",
            ),
        ],
    );
    assert!(report.contains("error: 3 problems found"), "{report}");
    // As pairs in a header signature, the same fields are refused for the same reason:
    // a receiver's body has none of them.
    let pairs = JSON_OUTSIDE_BODY.replace("as: json", "as: pairs");
    let report = diagnose("json-outside-pairs", &[("acme/cl.yaml", &pairs)]);
    assert_points(
        &report,
        &[(
            "`create_payout` is signed in a header over its fields, but `Idempotency-Key` travels in a header, not in the body",
            "specs/acme/cl.yaml:28:7",
        )],
    );
    assert!(report.contains("error: 3 problems found"), "{report}");
}
