//! Names the generated module cannot hold are diagnosed, not left for the generator to
//! panic on or to write twice: a field, variant or spec id no Rust identifier can take
//! (`self`, `_`, `Self`, `crate`), and a type named like another type's builder or
//! markers.

use crate::diagnostics::diagnose;

fn spec(id: &str, fields: &str) -> String {
    format!(
        "spec: 1\nid: {id}\nprovider: Acme\ncountry: MX\ncurrency: MXN\ntitle: Create a payout\n\
         source: a test\noperations:\n  create_payout:\n    method: POST\n    path: /payout\n    \
         role: create\n    fields:\n{fields}\n"
    )
}

/// The diagnostics of one spec, and whether generating it panics.
fn verdict(name: &str, text: &str) -> String {
    let report = diagnose(name, &[("acme/mx.yaml", text)]);
    assert!(!report.is_empty(), "{name}: accepted:\n{text}");
    report
}

#[test]
fn names_no_identifier_can_take_are_diagnosed() {
    let cases = [
        (
            "self",
            spec("acme-mx", "      self: { type: string, max: 40 }"),
            "no usable Rust name",
        ),
        (
            "super",
            spec("acme-mx", "      super: { type: string, max: 40 }"),
            "no usable Rust name",
        ),
        (
            "underscore",
            spec(
                "acme-mx",
                "      bankName: { type: string, rust_name: _, max: 40 }",
            ),
            "not a snake_case Rust name",
        ),
        (
            "variant",
            spec(
                "acme-mx",
                "      kind: { type: string-enum, values: { self: { doc: x }, other: { doc: y } } }",
            ),
            "variant name `Self`",
        ),
        (
            "module",
            spec("crate", "      bankName: { type: string, max: 40 }"),
            "cannot name a Rust module",
        ),
    ];
    for (name, text, message) in cases {
        let report = verdict(name, &text);
        assert!(report.contains(message), "{name}: {report}");
    }
}

#[test]
fn types_named_like_another_types_builder_or_markers_are_diagnosed() {
    let builder = spec(
        "acme-mx",
        "      bank: { type: object, fields: { name: { type: string, max: 4 } } }\n      \
         bankBuilder: { type: object, fields: { code: { type: string, max: 4 } } }",
    );
    let report = verdict("builder", &builder);
    assert!(
        report.contains("would both be named `BankBuilder`"),
        "{report}"
    );
    let markers = spec(
        "acme-mx",
        "      a: { type: object, type_name: ABC, required: true, fields: { name: { type: string, required: true, max: 4 } } }\n      \
         b: { type: object, type_name: Abc, required: true, fields: { code: { type: string, required: true, max: 4 } } }",
    );
    let report = verdict("markers", &markers);
    assert!(
        report.contains("would both be named `abc_members`"),
        "{report}"
    );
}
