//! Per-provider features: a crate that needs one provider compiles only its modules.

use payspec_tests::specs_dir;

/// The provider folders under `specs/`: the first folder of each shipped spec's path.
fn provider_folders() -> Vec<String> {
    let mut folders: Vec<String> = payspec_tests::specs()
        .iter()
        .filter_map(|s| s.file.split('/').nth(1).map(str::to_string))
        .collect();
    folders.sort();
    folders.dedup();
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

/// Every file under `specs/`, by its path relative to it.
fn spec_files() -> Vec<(String, String)> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let relative = path.strip_prefix(root).expect("under root");
                let text = std::fs::read_to_string(&path).expect("read");
                out.push((relative.to_string_lossy().replace('\\', "/"), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(&specs_dir(), &specs_dir(), &mut out);
    out
}

fn generate(files: &[(String, String)]) -> Result<payspec_codegen::Output, String> {
    files
        .iter()
        .fold(payspec_codegen::Config::new(), |c, (path, text)| {
            c.spec_text(path, text)
        })
        .generate()
        .map_err(|d| d.to_string())
}

/// The specs that extend a provider file, and the file.
fn extending(files: &[(String, String)]) -> Vec<(String, String)> {
    files
        .iter()
        .filter(|(path, text)| !path.ends_with("provider.yaml") && text.contains("\nextends: "))
        .map(|(path, text)| {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            let name = text
                .lines()
                .find_map(|l| l.strip_prefix("extends: "))
                .expect("extends");
            (path.clone(), format!("{dir}/{name}"))
        })
        .collect()
}

#[test]
fn a_fact_changed_in_a_provider_file_changes_every_spec_that_extends_it() {
    let files = spec_files();
    let before = generate(&files).expect("the shipped specs are valid");
    let specs = extending(&files);
    assert!(!specs.is_empty(), "a provider file is shipped");
    for provider in specs
        .iter()
        .map(|(_, p)| p.clone())
        .collect::<std::collections::BTreeSet<_>>()
    {
        // One fact, written once: the query's path.
        let changed: Vec<(String, String)> = files
            .iter()
            .map(|(path, text)| {
                let text = if *path == provider {
                    assert!(text.contains("path: /"), "{provider} has a path");
                    text.replacen("path: /", "path: /changed/", 1)
                } else {
                    text.clone()
                };
                (path.clone(), text)
            })
            .collect();
        let after = generate(&changed).expect("still valid");
        for (spec, from) in &specs {
            let module = after
                .specs
                .iter()
                .find(|s| s.file == format!("specs/{spec}"))
                .map(|s| format!("{}.rs", s.module))
                .expect("generated");
            let old = before
                .files
                .iter()
                .find(|f| f.name == module)
                .expect("before");
            let new = after
                .files
                .iter()
                .find(|f| f.name == module)
                .expect("after");
            assert_eq!(
                old.contents != new.contents,
                *from == provider,
                "{spec}: changes exactly when its provider file does"
            );
            if *from == provider {
                assert!(new.contents.contains("\"/changed/"), "{spec}");
            }
        }
    }
}

#[test]
fn a_resolved_spec_generates_the_same_code_as_its_files() {
    let files = spec_files();
    let before = generate(&files).expect("valid");
    let source = payspec_codegen::load::SpecSource::Dir(specs_dir());
    let mut resolved = files.clone();
    for (spec, _) in extending(&files) {
        let text = payspec_codegen::load::resolved_yaml(&source, &specs_dir().join(&spec))
            .expect("resolves");
        assert!(
            !text.contains("extends:") && !text.contains("overrides:"),
            "{spec}"
        );
        let entry = resolved
            .iter_mut()
            .find(|(p, _)| *p == spec)
            .expect("present");
        entry.1 = text;
    }
    resolved.retain(|(path, _)| !path.ends_with("provider.yaml"));
    let after = generate(&resolved).expect("the resolved specs are valid on their own");
    assert_eq!(before.files, after.files);
}

const COUNTRY: &str = r#"spec: 1
id: acme-mx
provider: Acme
country: MX
currency: MXN
title: Create a payout
source: a test
extends: provider.yaml
overrides: [answers.message, operations.query_payout.path]
answers:
  code: result
headers:
  nonce: { from: nonce, length: 16 }
operations:
  create_payout:
    method: POST
    path: /payout
    role: create
    fields:
      id: { type: string, required: true, max: 32 }
"#;

const PROVIDER: &str = r#"headers:
  country: { value: "${country}" }
  region: { value: "${region}" }
answers:
  code: code
  accepted: ["0"]
operations:
  query_payout:
    method: POST
    path: /query
    role: query
    fields:
      id: { type: string, required: true, max: 32 }
"#;

#[test]
fn provider_file_problems_are_diagnosed_where_they_are_written() {
    let report = payspec_codegen::Config::new()
        .spec_text("acme/mx.yaml", COUNTRY)
        .spec_text("acme/provider.yaml", PROVIDER)
        .spec_text(
            "acme/kr.yaml",
            COUNTRY
                .replace("acme-mx", "acme-kr")
                .replace("provider.yaml", "missing.yaml"),
        )
        .generate()
        .expect_err("broken")
        .to_string();
    let expected = [
        (
            "`answers.code` is written in the provider file too",
            "specs/acme/mx.yaml:11:3",
        ),
        (
            "`overrides` lists `answers.message`, which the provider file does not define",
            "specs/acme/mx.yaml:9:13",
        ),
        (
            "`overrides` lists `operations.query_payout.path`, which this spec does not write",
            "specs/acme/mx.yaml:9:30",
        ),
        (
            "`${region}` is not a parameter a provider file can use",
            "specs/acme/provider.yaml:3:20",
        ),
        (
            "provider file `missing.yaml` not found",
            "specs/acme/kr.yaml:8:10",
        ),
    ];
    for (message, location) in expected {
        let at = report
            .lines()
            .position(|l| l.starts_with("error: ") && l.contains(message))
            .unwrap_or_else(|| panic!("missing `{message}` in:\n{report}"));
        let next = report.lines().nth(at + 1).unwrap_or("");
        assert!(
            next.ends_with(&format!("--> {location}")),
            "`{message}` at {location}, got `{next}`\n{report}"
        );
    }
    assert!(
        report.contains("the provider file writes it at line 5, column 3"),
        "{report}"
    );
    assert!(
        report.contains("list `answers.code` under `overrides`"),
        "{report}"
    );
    // A header only the country adds is not a conflict.
    assert!(!report.contains("headers.nonce"), "{report}");
    assert!(
        report.ends_with("error: 5 problems found in the specs"),
        "{report}"
    );
}

#[test]
fn every_shipped_list_is_the_providers_own_with_its_source() {
    let specs = payspec_tests::specs();
    let lists: Vec<_> = specs.iter().flat_map(|s| &s.references).collect();
    assert!(!lists.is_empty());
    for list in lists {
        let source = list.source.as_deref().unwrap_or_default();
        assert!(
            source.contains(" at ") && !source.is_empty(),
            "`{}` names the page and revision it transcribes",
            list.name
        );
        let doc = list.doc.as_deref().unwrap_or_default().to_lowercase();
        for word in ["excerpt", "illustrative", "invented", "placeholder"] {
            assert!(
                !doc.contains(word),
                "`{}`: shipped data is the provider's own",
                list.name
            );
        }
    }
}
