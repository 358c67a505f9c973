//! The generated code of each spec is checked in under `tests/golden/`, so a spec change
//! shows up as a reviewable diff of generated Rust. This test fails when they differ.

use payspec_tests::{specs_dir, tests_dir};

const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test -p payspec-tests golden";

#[test]
fn golden_files_match_the_generated_code() {
    // As the SDK's build script generates it: its examples name the crate `payspec_sdk`.
    let output = payspec_codegen::Config::new()
        .specs_dir(specs_dir())
        .crate_name("payspec_sdk")
        .generate()
        .expect("specs are valid");
    let golden = tests_dir().join("golden");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for file in &output.files {
        let path = golden.join(&file.name);
        if update {
            std::fs::create_dir_all(&golden).expect("create tests/golden");
            std::fs::write(&path, &file.contents).expect("write golden file");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(file.contents.as_str()) {
            stale.push(file.name.clone());
        }
    }
    let expected: Vec<String> = output.files.iter().map(|f| f.name.clone()).collect();
    let present: Vec<String> = std::fs::read_dir(&golden)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for name in present {
        if !expected.contains(&name) {
            if update {
                let _ = std::fs::remove_file(golden.join(&name));
            } else {
                stale.push(format!("{name} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale golden files: {}\nreview the change, then run: {REFRESH}",
        stale.join(", ")
    );
}

#[test]
fn schema_json_matches_the_spec_types() {
    let path = specs_dir().join("schema.json");
    let current = payspec_codegen::schema::spec_schema();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &current).expect("write specs/schema.json");
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == current,
        "specs/schema.json is stale; run: {REFRESH} (or `cargo payspec schema > specs/schema.json`)"
    );
}

#[test]
fn every_generated_module_has_a_usage_example_and_the_sdks_are_the_goldens() {
    for (module, source) in payspec_sdk::GENERATED_SOURCES {
        assert!(
            source.contains("//! # Example\n") && source.contains("//! ```\n"),
            "{module}: no usage example (its create operation needs a valid example)"
        );
        let golden =
            std::fs::read_to_string(tests_dir().join("golden").join(format!("{module}.rs")))
                .expect("a golden file per module");
        // Not assert_eq: the two files are long, and the golden test shows the diff.
        assert!(
            *source == golden,
            "{module}: the SDK's build differs from the golden; {REFRESH}"
        );
    }
}
