//! A broken spec gets rustc-style diagnostics pointing at file:line:column, every
//! problem in one run.

use std::path::PathBuf;

/// Writes `files` into a fresh folder named `specs` and returns the rendered diagnostics.
pub(crate) fn diagnose(name: &str, files: &[(&str, &str)]) -> String {
    let root = std::env::temp_dir()
        .join(format!("payspec-diag-{name}-{}", std::process::id()))
        .join("specs");
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path: PathBuf = root.join(path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let (_, _, diagnostics) = payspec_codegen::check_dir(&root);
    let _ = std::fs::remove_dir_all(root.parent().expect("parent"));
    diagnostics.to_string()
}

const BROKEN: &str = r#"spec: 1
id: acme-mx
provider: Acme
country: MX
currency: MXN
title: Create a payout
source: a test
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    fields:
      accountType:
        type: int-enum
        required: true
        values:
          "3": { name: DebitCard }
          "03": { name: AlsoDebit }
      bankAccount: { type: string, required: true, min: 20, max: 10 }
      realName: { type: string, maxx: 40 }
    rules:
      - id: card-length
        doc: A card has 16 digits.
        when: [ { field: accountType, equals: DebitCard } ]
        then: [ { field: bankAcount, length: 16 } ]
    examples:
      - name: broken
        json: '{"accountType": 3,'
"#;

#[test]
fn every_problem_of_a_spec_is_reported_at_its_line_and_column() {
    let report = diagnose("many", &[("acme/mx.yaml", BROKEN)]);
    let expected = [
        ("duplicate enum code 3", "specs/acme/mx.yaml:19:11"),
        (
            "maximum length 10 is below minimum length 20",
            "specs/acme/mx.yaml:20:66",
        ),
        ("unknown key `maxx`", "specs/acme/mx.yaml:21:33"),
        ("no field named `bankAcount`", "specs/acme/mx.yaml:26:26"),
        ("the example is not JSON", "specs/acme/mx.yaml:29:15"),
    ];
    assert_points(&report, &expected);
    assert!(report.contains("did you mean `bankAccount`?"), "{report}");
    assert!(
        report.ends_with("error: 5 problems found in the specs"),
        "{report}"
    );
}

#[test]
fn yaml_syntax_errors_point_at_the_line() {
    let report = diagnose("syntax", &[("acme/mx.yaml", "spec: 1\nid: [unclosed\n")]);
    assert!(report.starts_with("error: invalid YAML"), "{report}");
    assert!(report.contains("--> specs/acme/mx.yaml:"), "{report}");
}

#[test]
fn problems_in_several_files_are_reported_together() {
    let missing_operations =
        "spec: 1\nid: acme-id\nprovider: Acme\ncountry: ID\ncurrency: IDR\ntitle: t\nsource: s\n";
    let bad_version = BROKEN
        .replace("spec: 1", "spec: 2")
        .replace("acme-mx", "acme-kr");
    let report = diagnose(
        "files",
        &[
            ("acme/id.yaml", missing_operations),
            ("acme/kr.yaml", &bad_version),
        ],
    );
    assert!(
        report.contains("missing key `operations`") && report.contains("--> specs/acme/id.yaml:"),
        "{report}"
    );
    assert!(
        report.contains("unsupported spec version 2")
            && report.contains("--> specs/acme/kr.yaml:1:7"),
        "{report}"
    );
}

#[test]
fn the_shipped_specs_have_no_problem() {
    let (specs, _, diagnostics) = payspec_codegen::check_dir(&payspec_tests::specs_dir());
    assert!(diagnostics.is_empty(), "{diagnostics}");
    assert_eq!(specs.len(), payspec_sdk::SPECS.len());
}

const UNSAFE: &str = r#"spec: 1
id: acme-pe
provider: Acme
country: PE
currency: PEN
title: Create a payout
source: a test
headers:
  nonce: { from: nonce, length: 32 }
signing:
  field: sign
  schemes:
    rsa:
      message:
        separator: "&"
        parts:
          - fields: { exclude: [sign], drop: [null, empty, blank] }
          - { label: "nonce=", header: nonce }
      algorithm: rsa-sha1
      encoding: base64
answers:
  code: code
  accepted: ["200"]
  rejected_on: [200, 503]
  unlisted_codes: { quote: "  " }
callback:
  nonce_header: nonce
  headers: { "bad header": PE }
  merchant_order_no: orderNo
  reply: { content_type: text/plain, body: OK }
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    fields:
      orderNo: { type: string, required: true, timestamp: unix-seconds }
      channel: { type: string, required: true, fixed: " " }
      amount: { type: amount, required: true, decimals: 2, unit: major, allow_control_chars: true }
      sign: { type: signature, required: true }
"#;

/// Each `(message, file:line:column)` is an error of `report` pointing there.
pub(crate) fn assert_points(report: &str, expected: &[(&str, &str)]) {
    for (message, location) in expected {
        let found = report
            .lines()
            .position(|l| l.starts_with("error: ") && l.contains(message));
        let Some(at) = found else {
            panic!("missing `{message}` in:\n{report}")
        };
        let next = report.lines().nth(at + 1).unwrap_or("");
        assert!(
            next.ends_with(&format!("--> {location}")),
            "`{message}` should point at {location}, got `{next}`\n{report}"
        );
    }
}

#[test]
fn outcome_and_signing_safety_problems_are_diagnosed() {
    let report = diagnose("unsafe", &[("acme/pe.yaml", UNSAFE)]);
    let expected = [
        (
            "`blank` is dropped, but the message does not say what blank means",
            "specs/acme/pe.yaml:17:60",
        ),
        (
            "HTTP 503 cannot carry a rejection",
            "specs/acme/pe.yaml:24:22",
        ),
        (
            "`unlisted_codes` needs the page's own words",
            "specs/acme/pe.yaml:25:28",
        ),
        (
            "`bad header` is not an HTTP header name",
            "specs/acme/pe.yaml:28:14",
        ),
        (
            "`timestamp` applies only to integer fields",
            "specs/acme/pe.yaml:37:59",
        ),
        (
            "a fixed value must not be empty or blank",
            "specs/acme/pe.yaml:38:55",
        ),
        (
            "`allow_control_chars` applies only to string and map fields",
            "specs/acme/pe.yaml:39:94",
        ),
    ];
    assert_points(&report, &expected);
    assert!(
        report.contains("help: add `blank_means: java-trim`"),
        "{report}"
    );
    // A broken signing section is one error, not one more per place that uses it.
    assert!(
        report.ends_with("error: 7 problems found in the specs"),
        "{report}"
    );
}

const RECEIVED: &str = r#"spec: 1
id: acme-pe
provider: Acme
country: PE
currency: PEN
title: Create a payout
source: a test
answers:
  code: code
  accepted: ["200"]
  data: data
statuses:
  field: status
  values:
    "1": { name: Unlisted, state: processing }
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    answer:
      platform_order_no: tradeNo
      fields:
        tradeNo: { type: string }
        platformOrderNo: { type: string }
        fee: { type: amount }
        total: { type: amount, wire: number, unit: minor }
        status: { type: number, codes: { "1": one } }
        extra: { type: string }
        note: { type: string, unit: major }
    fields:
      merchantOrderNo: { type: string, required: true, max: 32 }
"#;

#[test]
fn answer_and_callback_field_problems_are_diagnosed() {
    let report = diagnose("received", &[("acme/pe.yaml", RECEIVED)]);
    let expected = [
        (
            "`Unlisted` is the status enum's variant for codes the spec does not list",
            "specs/acme/pe.yaml:15:18",
        ),
        (
            "fields `tradeNo` and `platformOrderNo` would both be named `platform_order_no`",
            "specs/acme/pe.yaml:25:9",
        ),
        (
            "amount `fee` needs `wire` (string or number) and `unit` (major or minor)",
            "specs/acme/pe.yaml:26:22",
        ),
        (
            "amount `total` is counted in the currency's decimals",
            "specs/acme/pe.yaml:27:24",
        ),
        (
            "`codes` is for codes; `status` is the status",
            "specs/acme/pe.yaml:28:42",
        ),
        (
            "field `extra` has no usable Rust name",
            "specs/acme/pe.yaml:29:9",
        ),
        (
            "`unit` is only for `type: amount`",
            "specs/acme/pe.yaml:30:37",
        ),
    ];
    assert_points(&report, &expected);
    assert!(
        report.ends_with("error: 7 problems found in the specs"),
        "{report}"
    );
}

const LISTED: &str = r#"spec: 1
id: acme-pe
provider: Acme
country: PE
currency: PEN
title: Create a payout
source: a test
reference:
  banks: { file: reference/banks.yaml }
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    fields:
      bankCode: { type: string, required: true, in_list: banks }
      bankAccount: { type: string, required: true }
    rules:
      - id: listed-bank-length
        doc: A listed bank's account has 10 digits.
        when: [ { field: bankCode, in_list: banks } ]
        then: [ { field: bankAccount, length: 10 } ]
"#;

const PARTIAL_LIST: &str = r#"doc: Some banks.
source: { repository: acme/docs, path: banks.md, commit: nothex, date: 2026-13 }
complete: false
entries:
  "1": { name: ONE }
"#;

#[test]
fn a_membership_check_needs_a_complete_list_with_its_source() {
    let report = diagnose(
        "lists",
        &[
            ("acme/pe.yaml", LISTED),
            ("acme/reference/banks.yaml", PARTIAL_LIST),
        ],
    );
    let expected = [
        (
            "`in_list` rejects every value missing from `banks`, and that list is not complete",
            "specs/acme/pe.yaml:16:58",
        ),
        (
            "`nothex` is not a commit",
            "specs/acme/reference/banks.yaml:2:58",
        ),
        (
            "`2026-13` is not a date `YYYY-MM-DD`",
            "specs/acme/reference/banks.yaml:2:72",
        ),
    ];
    assert_points(&report, &expected);
    // The condition over the same list is fine: it skips what the list does not have.
    assert!(
        report.ends_with("error: 3 problems found in the specs"),
        "{report}"
    );
}

#[test]
fn accept_on_a_text_field_is_refused_since_decoding_would_not_honour_it() {
    let spec = r#"spec: 1
id: acme-pe
provider: Acme
country: PE
currency: PEN
title: Create a payout
source: a test
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    fields:
      bankCode: { type: string, required: true, accept: [number] }
"#;
    let report = diagnose("accept-text", &[("acme/pe.yaml", spec)]);
    assert_points(
        &report,
        &[(
            "`accept` applies to numbers, codes and amounts; a text field is read only from a JSON string",
            "specs/acme/pe.yaml:14:58",
        )],
    );
}
