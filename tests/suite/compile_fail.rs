//! Mistakes the generated API turns into compile errors, with pinned messages.

#[test]
fn compile_fail_cases() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail(payspec_tests::tests_dir().join("ui/*.rs"));
}
