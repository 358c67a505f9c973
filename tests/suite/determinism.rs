//! Generation is deterministic: the same specs give the same bytes, run after run.

use payspec_tests::specs_dir;

#[test]
fn generating_twice_gives_the_same_bytes() {
    let first = payspec_codegen::generate(&specs_dir()).expect("specs are valid");
    let second = payspec_codegen::generate(&specs_dir()).expect("specs are valid");
    assert!(!first.files.is_empty());
    assert_eq!(first.files, second.files);
}

#[test]
fn unchanged_output_is_not_rewritten() {
    let output = payspec_codegen::generate(&specs_dir()).expect("specs are valid");
    let dir = std::env::temp_dir().join(format!("payspec-write-{}", std::process::id()));
    payspec_codegen::write_if_changed(&dir, &output.files).expect("write");
    let first = output.files.iter().map(|f| {
        std::fs::metadata(dir.join(&f.name))
            .and_then(|m| m.modified())
            .expect("mtime")
    });
    let first: Vec<_> = first.collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    payspec_codegen::write_if_changed(&dir, &output.files).expect("write");
    for (file, before) in output.files.iter().zip(first) {
        let after = std::fs::metadata(dir.join(&file.name))
            .and_then(|m| m.modified())
            .expect("mtime");
        assert_eq!(before, after, "{} was rewritten", file.name);
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Every file under `dir`, by path relative to `root`.
fn files_under(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let relative = path.strip_prefix(root).expect("under root");
            out.push((
                relative.to_string_lossy().replace('\\', "/"),
                std::fs::read_to_string(&path).expect("read"),
            ));
        }
    }
}

#[test]
fn specs_given_as_strings_generate_the_same_bytes_as_the_folder() {
    let mut files = Vec::new();
    files_under(&specs_dir(), &specs_dir(), &mut files);
    assert!(files.iter().any(|(path, _)| path.contains("/reference/")));
    let from_memory = files
        .into_iter()
        .fold(payspec_codegen::Config::new(), |config, (path, text)| {
            config.spec_text(path, text)
        })
        .generate()
        .expect("the shipped specs are valid");
    let from_disk = payspec_codegen::generate(&specs_dir()).expect("specs are valid");
    assert_eq!(from_memory.files, from_disk.files);
    assert!(from_memory.inputs.is_empty(), "nothing on disk to watch");
}

#[test]
fn a_broken_spec_given_as_a_string_is_diagnosed_at_its_line() {
    let diagnostics = payspec_codegen::Config::new()
        .spec_text("acme/mx.yaml", "spec: 1\nid: Acme\n")
        .generate()
        .expect_err("broken");
    let report = diagnostics.to_string();
    assert!(report.contains("--> specs/acme/mx.yaml:"), "{report}");
}
