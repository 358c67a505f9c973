//! Diagnostics of objects in request bodies and of the rules over them: every problem at
//! once, each at its own file, line and column.

use crate::diagnostics::{assert_points, diagnose};

const OBJECTS: &str = r#"spec: 1
id: acme-br
provider: Acme
country: BR
currency: BRL
title: Create a transfer
source: a test
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      reference: { type: string, required: true }
      memo: { type: string, fields: { a: { type: string } } }
      bankAccount:
        type: object
        fields:
          agency: { type: string, required: true }
          sign: { type: signature }
          key: { type: string, in: header }
          a/b: { type: string }
      bank_account_agency: { type: string }
      payer: { type: object }
      owner: { type: object, length: 10, fields: { name: { type: string } } }
      accountType:
        type: string-enum
        values: { A: {}, B: {} }
      holder:
        type: object
        type_name: AccountType
        fields:
          quantity: { type: integer, wire: number, minimum: "1.5" }
    rules:
      - id: typo
        doc: A typo in a path.
        then:
          - { field: bankAccount/agensy, required: true }
      - id: both
        doc: Required and absent.
        then:
          - { field: reference, required: true, absent: true }
      - id: text-bound
        doc: A bound on text.
        then:
          - { field: reference, minimum: "1" }
"#;

/// An object in a body signed as sorted `name=value` pairs, which has no text there.
const SIGNED_PAIRS: &str = r#"spec: 1
id: acme-mx
provider: Acme
country: MX
currency: MXN
title: Create a transfer
source: a test
signing:
  field: sign
  schemes:
    md5:
      message:
        parts:
          - { fields: { exclude: [sign] } }
          - { secret: true }
      algorithm: md5
      encoding: hex-lower
operations:
  create_payout:
    method: POST
    path: /transfers
    role: create
    fields:
      sign: { type: signature }
      beneficiary:
        type: object
        required: true
        fields:
          name: { type: string, required: true }
"#;

#[test]
fn object_problems_are_diagnosed_at_their_own_positions() {
    let report = diagnose(
        "objects",
        &[("acme/br.yaml", OBJECTS), ("acme/mx.yaml", SIGNED_PAIRS)],
    );
    assert_points(
        &report,
        &[
            (
                "the object `holder` of `create_payout` and the enum of field `accountType` would both be named `AccountType`",
                "specs/acme/br.yaml:2:5",
            ),
            (
                "`fields` applies only to object fields",
                "specs/acme/br.yaml:15:39",
            ),
            (
                "the signature is a field of the body, not of an object in it",
                "specs/acme/br.yaml:20:25",
            ),
            (
                "a field of an object travels in the body, inside its object",
                "specs/acme/br.yaml:21:36",
            ),
            (
                "field `a/b` has a `/` in its name",
                "specs/acme/br.yaml:22:11",
            ),
            (
                "fields `bankAccount/agency` and `bank_account_agency` would both be named `bank_account_agency` in the generated checks",
                "specs/acme/br.yaml:23:7",
            ),
            (
                "object `payer` lists no `fields`",
                "specs/acme/br.yaml:24:22",
            ),
            (
                "`length` does not apply to an object",
                "specs/acme/br.yaml:25:38",
            ),
            ("`1.5` is not a whole number", "specs/acme/br.yaml:33:61"),
            (
                "no field named `bankAccount/agensy` in `create_payout`",
                "specs/acme/br.yaml:38:22",
            ),
            (
                "a field cannot be both required and absent",
                "specs/acme/br.yaml:42:57",
            ),
            (
                "`minimum` and `maximum` apply only to amounts and whole numbers",
                "specs/acme/br.yaml:46:42",
            ),
            (
                "`create_payout` is signed over its fields as `name=value` pairs, but `beneficiary` is an object",
                "specs/acme/mx.yaml:19:3",
            ),
        ],
    );
    assert!(
        report.contains("help: did you mean `bankAccount/agency`?"),
        "{report}"
    );
    assert!(
        report.contains("error: 13 problems found in the specs"),
        "one error per mistake, none twice:\n{report}"
    );
}

/// Masks: on text only, and well formed.
const MASKS: &str = r#"spec: 1
id: acme-in
provider: Acme
country: IN
currency: INR
title: Masks
source: a test
operations:
  create_payout:
    method: POST
    path: /payouts
    role: create
    fields:
      ifsc: { type: string, required: true, mask: "AAAA0******" }
      count: { type: integer, mask: "999" }
      code: { type: string, mask: "99\\" }
      date: { type: string }
    rules:
      - id: dated
        doc: A date's shape.
        then:
          - { field: date, mask: "" }
    examples:
      - name: ok
        json: '{"ifsc": "HDFC0001234"}'
      - name: lowercase
        json: '{"ifsc": "hdfc0001234"}'
        violations:
          - { path: /ifsc, rule: mask }
"#;

#[test]
fn mask_problems_are_diagnosed_once_each() {
    let report = diagnose("masks", &[("acme/in.yaml", MASKS)]);
    assert_points(
        &report,
        &[
            (
                "`mask` applies only to string fields",
                "specs/acme/in.yaml:15:37",
            ),
            (
                "`99\\` is not a mask: it is empty or ends in a lone `\\`",
                "specs/acme/in.yaml:16:35",
            ),
            (
                "`` is not a mask: it is empty or ends in a lone `\\`",
                "specs/acme/in.yaml:22:34",
            ),
        ],
    );
    assert!(
        report.contains("error: 3 problems found in the specs"),
        "{report}"
    );
}

/// Arrays: `items` on arrays only, sizes that can hold, and only at the body's top.
const ARRAYS: &str = r#"spec: 1
id: acme-nl
provider: Acme
country: NL
currency: EUR
title: Arrays
source: a test
operations:
  create_payout:
    method: POST
    path: /payouts
    role: create
    fields:
      reference: { type: string, required: true, items: { fields: { a: { type: string } } } }
      bare: { type: array }
      splits:
        type: array
        min_items: 3
        max_items: 2
        items:
          fields:
            nested: { type: array, items: { fields: { b: { type: string } } } }
      holder:
        type: object
        fields:
          list: { type: array, items: { fields: { c: { type: string } } } }
"#;

#[test]
fn array_problems_are_diagnosed_at_their_own_positions() {
    let report = diagnose("arrays", &[("acme/nl.yaml", ARRAYS)]);
    let nested = "an array is a field of the body itself, not of an object or an item";
    assert_points(
        &report,
        &[
            (
                "`items` applies only to array fields",
                "specs/acme/nl.yaml:14:57",
            ),
            ("array `bare` says no `items`", "specs/acme/nl.yaml:15:21"),
            (
                "`max_items` is below `min_items`",
                "specs/acme/nl.yaml:19:20",
            ),
        ],
    );
    // Inside an item and inside an object, each at its own line.
    for at in ["specs/acme/nl.yaml:22:29", "specs/acme/nl.yaml:26:25"] {
        assert!(
            report.contains(&format!("error: {nested}\n  --> {at}")),
            "{at}:\n{report}"
        );
    }
    assert!(
        report.contains("error: 5 problems found in the specs"),
        "{report}"
    );
}

/// Amounts whose currency a field chooses: a required text enum of currencies, each with
/// its decimals, at most the amount's.
const CURRENCIES: &str = r#"spec: 1
id: acme-jp
provider: Acme
country: JP
currency: JPY
title: Currencies
source: a test
operations:
  create_payout:
    method: POST
    path: /payouts
    role: create
    fields:
      currency:
        type: string-enum
        type_name: PayoutCurrency
        values:
          JPY: { name: Jpy, decimals: 0 }
          KWD: { name: Kwd, decimals: 3 }
          USD: { name: Usd }
      total: { type: amount, required: true, unit: major, decimals: 2, currency_field: currency }
      fee: { type: amount, unit: minor, decimals: 2, currency_field: currency }
      kind:
        type: string-enum
        values:
          A: { name: A, decimals: 1 }
      note: { type: string, currency_field: currency }
"#;

#[test]
fn currency_field_problems_are_diagnosed() {
    let report = diagnose("currencies", &[("acme/jp.yaml", CURRENCIES)]);
    assert_points(
        &report,
        &[
            (
                "`currency` chooses the currency, so it must be required",
                "specs/acme/jp.yaml:21:88",
            ),
            (
                "currency `KWD` has 3 decimals, more than the amount's 2",
                "specs/acme/jp.yaml:21:88",
            ),
            (
                "currency `USD` of `currency` gives no `decimals`",
                "specs/acme/jp.yaml:21:88",
            ),
            (
                "`currency_field` needs an amount in main units",
                "specs/acme/jp.yaml:22:70",
            ),
            (
                "`kind` gives its codes `decimals`, but no amount names it as its `currency_field`",
                "specs/acme/jp.yaml:23:7",
            ),
            (
                "`currency_field` applies only to amount fields",
                "specs/acme/jp.yaml:27:45",
            ),
        ],
    );
    assert!(
        report.contains("error: 6 problems found in the specs"),
        "{report}"
    );
}
