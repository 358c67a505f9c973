//! `payspec diff`: each kind of spec change gets its class, pinned one by one on a small
//! spec, and the version bump follows from the classes.

use payspec_codegen::diff::{Bump, Class, Report};

const BASE: &str = r#"spec: 1
id: acme-mx
provider: Acme
country: MX
currency: MXN
title: Create a payout
source: a test
reference:
  banks: { file: reference/banks.yaml }
signing:
  field: sign
  schemes:
    md5:
      message:
        separator: "&"
        parts:
          - fields: { exclude: [sign], drop: [null, empty] }
          - secret: true
      algorithm: md5
      encoding: hex-lower
answers:
  code: code
  accepted: ["0"]
  data: data
  codes:
    "7": { doc: Duplicate order, meaning: duplicate-order }
statuses:
  field: status
  values:
    "1": { name: Processing, state: processing }
    "2": { name: Succeeded, state: succeeded }
operations:
  create_payout:
    doc: Create a payout
    method: POST
    path: /payout
    role: create
    answer:
      platform_order_no: tradeNo
      fields:
        tradeNo: { type: string, doc: Platform order number }
        status: { type: number }
    fields:
      orderNo: { type: string, required: true, max: 32, doc: Order number }
      realName: { type: string, required: true, max: 40 }
      channel: { type: string, fixed: SPEI }
      accountType:
        type: int-enum
        required: true
        wire: number
        values:
          "3": { name: DebitCard }
          "40": { name: Clabe }
      bankCode: { type: string, required: true, in_list: banks }
      memo: { type: string, max: 100 }
      sign: { type: signature, required: true }
    rules:
      - id: clabe-length
        doc: A CLABE has 18 characters.
        when: [ { field: accountType, equals: Clabe } ]
        then: [ { field: realName, length: "1-40" } ]
"#;

const BANKS: &str = r#"source: { repository: acme/docs, path: banks.md, commit: 0123456789abcdef, date: 2026-01-01 }
complete: true
entries:
  "012": { name: ONE }
  "646": { name: TWO }
"#;

fn report(old: &str, new: &str, old_banks: &str, new_banks: &str) -> Report {
    let specs = |spec: &str, banks: &str| {
        let (specs, _, diagnostics) =
            payspec_codegen::check_source(&payspec_codegen::load::SpecSource::Memory(
                [
                    ("acme/mx.yaml".into(), spec.to_string()),
                    ("acme/reference/banks.yaml".into(), banks.to_string()),
                ]
                .into_iter()
                .collect(),
            ));
        assert!(diagnostics.is_empty(), "{diagnostics}");
        specs
    };
    payspec_codegen::diff::compare(&specs(old, old_banks), &specs(new, new_banks))
}

/// `BASE` with `from` replaced by `to` (which must be there).
fn edited(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "`{from}` is in the base spec");
    BASE.replacen(from, to, 1)
}

#[test]
fn each_kind_of_change_gets_its_class() {
    use Class::*;
    let fields = "operations.create_payout.fields";
    let cases: Vec<(&str, String, &str, Vec<Class>)> = vec![
        (
            "a shorter maximum",
            edited("max: 40", "max: 30"),
            "fields.realName",
            vec![Stricter],
        ),
        (
            "a longer maximum",
            edited("max: 40", "max: 50"),
            "fields.realName",
            vec![Looser],
        ),
        (
            "a field removed",
            edited("      memo: { type: string, max: 100 }\n", ""),
            "fields.memo",
            vec![Breaking, Stricter, Wire],
        ),
        (
            "a new required field",
            edited(
                "      memo:",
                "      phone: { type: string, required: true }\n      memo:",
            ),
            "fields.phone",
            vec![Breaking, Stricter, Wire],
        ),
        (
            "a new optional field",
            edited("      memo:", "      phone: { type: string }\n      memo:"),
            "fields.phone",
            vec![Looser, Wire],
        ),
        (
            "a field made optional",
            edited(
                "realName: { type: string, required: true,",
                "realName: { type: string,",
            ),
            "fields.realName",
            vec![Breaking, Looser],
        ),
        (
            "a field made required",
            edited(
                "memo: { type: string,",
                "memo: { type: string, required: true,",
            ),
            "fields.memo",
            vec![Breaking, Stricter],
        ),
        (
            "a renamed Rust field",
            edited(
                "memo: { type: string,",
                "memo: { type: string, rust_name: note,",
            ),
            "fields.memo",
            vec![Breaking],
        ),
        (
            "an enum value removed",
            edited("          \"3\": { name: DebitCard }\n", ""),
            "values.3",
            vec![Breaking, Stricter],
        ),
        (
            "an enum value added",
            edited(
                "          \"40\": { name: Clabe }",
                "          \"40\": { name: Clabe }\n          \"41\": { name: Wallet }",
            ),
            "values.41",
            vec![Looser],
        ),
        (
            "an enum variant renamed",
            edited("{ name: DebitCard }", "{ name: Card }"),
            "values.3",
            vec![Breaking],
        ),
        (
            "a new check",
            edited(
                "memo: { type: string, max: 100 }",
                "memo: { type: string, max: 100, charset: digits }",
            ),
            "fields.memo",
            vec![Stricter],
        ),
        (
            "a fixed value changed",
            edited("fixed: SPEI", "fixed: CODI"),
            "fields.channel",
            vec![Stricter, Wire],
        ),
        (
            "a rule removed",
            BASE[..BASE.find("    rules:").expect("rules")].to_string(),
            "rules.clabe-length",
            vec![Looser],
        ),
        (
            "a rule changed",
            edited("length: \"1-40\"", "length: \"2-40\""),
            "rules.clabe-length",
            vec![Stricter, Looser],
        ),
        (
            "the signing algorithm",
            edited("encoding: hex-lower", "encoding: hex-upper"),
            "signing",
            vec![Wire],
        ),
        (
            "the path",
            edited("path: /payout", "path: /v2/payout"),
            "operations.create_payout",
            vec![Wire],
        ),
        (
            "a documentation text",
            edited("doc: Order number", "doc: The order number"),
            "fields.orderNo.doc",
            vec![Documentation],
        ),
        (
            "a status added",
            edited(
                "    \"2\": { name: Succeeded, state: succeeded }",
                "    \"2\": { name: Succeeded, state: succeeded }\n    \"3\": { name: Failed, state: failed }",
            ),
            "statuses.values.3",
            vec![Looser],
        ),
        (
            "a status removed",
            edited("    \"2\": { name: Succeeded, state: succeeded }\n", ""),
            "statuses.values.2",
            vec![Breaking, Wire],
        ),
        (
            "a status meaning changed",
            edited(
                "name: Succeeded, state: succeeded",
                "name: Succeeded, state: failed",
            ),
            "statuses.values.2",
            vec![Wire],
        ),
        (
            "an answer field removed",
            edited("        status: { type: number }\n", ""),
            "answer.fields.status",
            vec![Breaking, Wire],
        ),
        (
            "a newly documented rejection",
            edited(
                "    \"7\": { doc: Duplicate order, meaning: duplicate-order }",
                "    \"7\": { doc: Duplicate order, meaning: duplicate-order }\n    \"9\": { doc: No balance, meaning: insufficient-balance }",
            ),
            "answers.codes.9",
            vec![Wire],
        ),
        (
            "the role",
            edited("role: create", "role: query"),
            "operations.create_payout.role",
            vec![Breaking, Wire],
        ),
    ];
    for (what, new, at, classes) in cases {
        let report = report(BASE, &new, BANKS, BANKS);
        let found: Vec<&payspec_codegen::diff::Change> = report
            .changes
            .iter()
            .filter(|c| c.path.ends_with(at) || c.path.contains(&format!("{at}.")) || c.path == at)
            .collect();
        assert!(
            !found.is_empty(),
            "{what}: no change at `{at}` in:\n{report}"
        );
        let mut got: Vec<Class> = found.iter().flat_map(|c| c.classes.clone()).collect();
        got.sort();
        got.dedup();
        assert_eq!(got, classes, "{what}:\n{report}");
        assert!(
            report
                .changes
                .iter()
                .all(|c| c.path.contains(at) || c.path.starts_with(fields)),
            "{what}: only the change itself is reported:\n{report}"
        );
    }
}

#[test]
fn list_entries_spec_removals_and_the_bump() {
    let fewer = BANKS.replace("  \"646\": { name: TWO }\n", "");
    let report_fewer = report(BASE, BASE, BANKS, &fewer);
    assert_eq!(report_fewer.changes.len(), 1, "{report_fewer}");
    assert_eq!(report_fewer.changes[0].classes, [Class::Stricter]);
    assert_eq!(report_fewer.bump(), Bump::Minor);

    let same = report(BASE, BASE, BANKS, BANKS);
    assert!(same.changes.is_empty(), "{same}");
    assert_eq!(same.bump(), Bump::None);

    let doc = report(
        BASE,
        &edited("doc: Create a payout", "doc: Create one payout"),
        BANKS,
        BANKS,
    );
    assert_eq!(doc.bump(), Bump::Patch, "{doc}");
    assert!(!doc.has_any(&[Class::Breaking, Class::Stricter, Class::Wire]));

    let breaking = report(
        BASE,
        &edited("max: 40", "max: 30")
            .replace("rust_name", "x")
            .replace("memo:", "note:"),
        BANKS,
        BANKS,
    );
    assert_eq!(breaking.bump(), Bump::Major, "{breaking}");
    let json = breaking.to_json();
    assert_eq!(json["bump"], "major");
    assert!(json["changes"].as_array().is_some_and(|c| !c.is_empty()));

    let renamed = edited("id: acme-mx", "id: acme-mx2");
    let moved = report(BASE, &renamed, BANKS, BANKS);
    let classes: Vec<Vec<Class>> = moved.changes.iter().map(|c| c.classes.clone()).collect();
    assert_eq!(
        classes,
        [vec![Class::Breaking], vec![Class::Looser]],
        "{moved}"
    );
}
