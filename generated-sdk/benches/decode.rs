//! What reading a request costs beyond reading JSON at all: every spec's create request
//! (its first valid example) decoded and checked by the generated code (`from_json`,
//! through the registry), beside `serde_json::from_slice::<Value>` on the same bytes, the
//! floor. The ratio of the two is read off per spec in one run.
//!
//! After criterion's group, each ratio is measured in alternating rounds and printed.
//!
//! `cargo bench -p payspec-sdk --bench decode -- --warm-up-time 1 --measurement-time 2`

#[path = "support/ratio.rs"]
mod ratio;

use std::hint::black_box;
use std::path::Path;

use criterion::Criterion;
use payspec_sdk::runtime::{OperationInfo, OperationRole};
use serde_json::Value;

/// Each spec's id, its create operation (whose decoder and checks the registry gives),
/// and its first valid create example written compactly.
fn cases() -> Vec<(&'static str, &'static OperationInfo, Vec<u8>)> {
    let specs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../specs"));
    let (models, _, diagnostics) = payspec_codegen::check_dir(specs);
    assert!(diagnostics.is_empty(), "{diagnostics}");
    payspec_sdk::SPECS
        .iter()
        .filter_map(|spec| {
            let create = spec
                .operations
                .iter()
                .find(|op| op.role == OperationRole::Create)?;
            let model = models.iter().find(|m| m.id == spec.id)?;
            let example = model
                .operations
                .iter()
                .find(|op| op.name == create.name)?
                .examples
                .iter()
                .find(|e| e.violations.is_empty())?;
            let value: Value = serde_json::from_str(&example.json).ok()?;
            Some((spec.id, create, serde_json::to_vec(&value).ok()?))
        })
        .collect()
}

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode");
    for (id, create, body) in cases() {
        assert!(
            create.validate_json(&body).is_ok(),
            "{id}: the example is valid"
        );
        group.bench_function(format!("{id}/from_json"), |b| {
            b.iter(|| create.validate_json(black_box(&body)))
        });
        group.bench_function(format!("{id}/serde_json_value"), |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(&body)))
        });
    }
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    decode(&mut criterion);
    criterion.final_summary();
    eprintln!("from_json (decode and check) / serde_json's Value parse of the same bytes:");
    for (id, create, body) in cases() {
        let measured = ratio::ratio(
            || create.validate_json(black_box(&body)),
            || serde_json::from_slice::<Value>(black_box(&body)),
        );
        eprintln!("  {id:<12} {measured}  ({} bytes)", body.len());
    }
}
