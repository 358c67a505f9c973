//! Per-provider features: a crate that needs one provider compiles only its modules.

use payspec_tests::specs_dir;

/// The provider folders under `specs/`.
fn provider_folders() -> Vec<String> {
    let mut folders: Vec<String> = std::fs::read_dir(specs_dir())
        .expect("specs/")
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "examples")
        .collect();
    folders.sort();
    folders
}

#[test]
fn one_provider_generates_its_modules_only() {
    let all = payspec_codegen::generate(&specs_dir()).expect("valid");
    for provider in provider_folders() {
        let one = payspec_codegen::Config::new()
            .specs_dir(specs_dir())
            .providers([provider.as_str()])
            .generate()
            .expect("valid");
        assert!(!one.specs.is_empty(), "{provider} has specs");
        for spec in &one.specs {
            assert!(
                spec.file.starts_with(&format!("specs/{provider}/")),
                "{provider}: {} is another provider's",
                spec.file
            );
        }
        // Each module is the same bytes as in the whole SDK: choosing changes nothing else.
        for file in one.files.iter().filter(|f| f.name != "specs.rs") {
            assert!(all.files.contains(file), "{}", file.name);
        }
        let expected = all
            .specs
            .iter()
            .filter(|s| s.file.starts_with(&format!("specs/{provider}/")));
        assert_eq!(one.specs.len(), expected.count(), "{provider}");
    }
    let none = payspec_codegen::Config::new()
        .specs_dir(specs_dir())
        .providers(Vec::<String>::new())
        .generate()
        .expect("no provider is a valid, empty SDK");
    assert!(none.specs.is_empty());
}

#[test]
fn every_provider_feature_names_a_provider_folder() {
    let manifest =
        std::fs::read_to_string(payspec_tests::tests_dir().join("../generated-sdk/Cargo.toml"))
            .expect("the SDK's manifest");
    let features = manifest
        .split("[features]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [features] table");
    let empty: Vec<&str> = features
        .lines()
        .filter_map(|l| l.strip_suffix(" = []"))
        .filter(|name| *name != "all-providers")
        .collect();
    let folders = provider_folders();
    assert!(!empty.is_empty());
    for feature in &empty {
        assert!(
            folders.iter().any(|f| f == feature),
            "feature `{feature}` names no folder under specs/ ({folders:?})"
        );
    }
    assert!(
        features.contains("default = [\"all-providers\"]"),
        "{features}"
    );
}
