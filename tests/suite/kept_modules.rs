//! Modules kept between runs into the same output folder: after a spec edit, the other
//! modules are read back instead of generated again, and the folder then holds exactly
//! what a fresh generation gives.

use std::path::{Path, PathBuf};

use payspec_tests::specs_dir;

/// A copy of the shipped specs under a fresh temporary folder.
fn copy_specs(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("payspec-kept-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    copy_dir(&specs_dir(), &root.join("specs"));
    root
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn write(specs: &Path, out: &Path) {
    payspec_codegen::Config::new()
        .specs_dir(specs)
        .out_dir(out)
        .write()
        .expect("valid specs");
}

/// The folder holds exactly the files a fresh generation of `specs` gives.
fn assert_fresh(specs: &Path, out: &Path) {
    let fresh = payspec_codegen::Config::new()
        .specs_dir(specs)
        .generate()
        .expect("valid specs");
    for file in &fresh.files {
        let written = std::fs::read_to_string(out.join(&file.name)).expect("written");
        assert!(
            written == file.contents,
            "{} differs from a fresh generation",
            file.name
        );
    }
}

/// The first spec file under `dir` in path order (provider files and reference lists
/// are not specs), so the test follows whatever specs are shipped.
fn first_spec(dir: &Path) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    entries.into_iter().find_map(|path| {
        let name = path.file_name()?.to_str()?;
        if path.is_dir() {
            (name != "reference").then(|| first_spec(&path)).flatten()
        } else {
            (name.ends_with(".yaml") && name != "provider.yaml").then_some(path)
        }
    })
}

#[test]
fn after_a_spec_edit_the_folder_is_what_a_fresh_generation_gives() {
    let root = copy_specs("edit");
    let (specs, out) = (root.join("specs"), root.join("out"));
    write(&specs, &out);
    assert!(
        out.join("payspec-modules.keys").is_file(),
        "the keys are kept"
    );
    let spec = first_spec(&specs).expect("a shipped spec");
    let text = std::fs::read_to_string(&spec).expect("read");
    let edited: String = text
        .lines()
        .map(|line| match line.strip_prefix("title: ") {
            Some(title) => format!("title: {title}, edited\n"),
            None => format!("{line}\n"),
        })
        .collect();
    assert!(
        edited.contains(", edited\n"),
        "the edit changes the spec's title"
    );
    std::fs::write(&spec, edited).expect("edit");
    write(&specs, &out);
    assert_fresh(&specs, &out);
    let id = text
        .lines()
        .find_map(|line| line.strip_prefix("id: "))
        .expect("the spec's id");
    let module =
        std::fs::read_to_string(out.join(format!("{}.rs", id.replace('-', "_")))).expect("module");
    assert!(module.contains(", edited"));
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_module_whose_key_changed_is_generated_again() {
    let root = copy_specs("key");
    let (specs, out) = (root.join("specs"), root.join("out"));
    write(&specs, &out);
    // A module that is not what its spec gives, under a key that is not its spec's: the
    // first module the keys list.
    let keys = std::fs::read_to_string(out.join("payspec-modules.keys")).expect("keys");
    let module = keys
        .lines()
        .find_map(|line| line.split_once(' '))
        .map(|(module, _)| module.to_string())
        .expect("a kept module");
    std::fs::write(out.join(&module), "// not generated\n").expect("spoil");
    let spoiled: String = keys
        .lines()
        .map(|line| match line.split_once(' ') {
            Some((name, _)) if name == module => format!("{name} 0000000000000000\n"),
            _ => format!("{line}\n"),
        })
        .collect();
    assert_ne!(keys, spoiled);
    std::fs::write(out.join("payspec-modules.keys"), spoiled).expect("spoil keys");
    write(&specs, &out);
    assert_fresh(&specs, &out);
    let _ = std::fs::remove_dir_all(root);
}
