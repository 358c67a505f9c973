//! Generated code whose operation has nothing to check compiles without a warning.
#![deny(warnings)]

include!("nothing_to_check.generated.rs");

fn main() {
    assert_eq!(acme_pe::SPEC.id, "acme-pe");
}
