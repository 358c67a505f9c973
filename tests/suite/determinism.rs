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
