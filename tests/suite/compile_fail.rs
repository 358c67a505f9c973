//! Mistakes the generated API turns into compile errors, with pinned messages.

#[test]
fn compile_fail_cases() {
    // One trybuild run for every case: each run builds the SDK for its cases.
    let cases = trybuild::TestCases::new();
    cases.compile_fail(payspec_tests::tests_dir().join("ui/*.rs"));
    // Generated code with nothing to check compiles under deny(warnings); the module is
    // the one `the_module_with_nothing_to_check_is_current` keeps current.
    cases.pass(payspec_tests::tests_dir().join("ui/pass/nothing_to_check.rs"));
}

/// A spec with nothing to check in its operation: its generated module is checked in like
/// a golden file, and compiled without a warning by `compile_fail_cases`.
const NOTHING_TO_CHECK: &str = r#"spec: 1
id: acme-pe
provider: Acme
country: PE
currency: PEN
title: Count things
source: a test
operations:
  count_things:
    method: POST
    path: /count
    role: query
    fields:
      count: { type: integer }
"#;

#[test]
fn the_module_with_nothing_to_check_is_current() {
    let output = payspec_codegen::Config::new()
        .spec_text("acme/pe.yaml", NOTHING_TO_CHECK)
        .runtime_path("::payspec_sdk::runtime")
        .generate()
        .expect("a valid spec");
    let module = output
        .files
        .iter()
        .find(|f| f.name == "acme_pe.rs")
        .expect("the module");
    let path = payspec_tests::tests_dir().join("ui/pass/nothing_to_check.generated.rs");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &module.contents).expect("write");
    }
    let checked_in = std::fs::read_to_string(&path).expect("the checked-in module");
    assert!(
        checked_in == module.contents,
        "tests/ui/pass/nothing_to_check.generated.rs is stale: UPDATE_GOLDEN=1 cargo test -p payspec-tests compile"
    );
}
