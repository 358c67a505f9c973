//! Whatever YAML it is given, the loader and checker report problems; they never panic.

use std::path::PathBuf;

use proptest::prelude::*;

fn shipped_spec() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs/teemopay/mx.yaml");
    std::fs::read_to_string(path).expect("read the MX spec")
}

/// Runs load + check over `text` as `specs/acme/mx.yaml`.
fn check(case: usize, text: &str) {
    let root = std::env::temp_dir()
        .join(format!("payspec-fuzz-{}-{case}", std::process::id()))
        .join("specs");
    std::fs::create_dir_all(root.join("acme")).expect("mkdir");
    std::fs::write(root.join("acme/mx.yaml"), text).expect("write");
    let (_, _, diagnostics) = payspec_codegen::check_dir(&root);
    let _ = diagnostics.to_string();
    let _ = std::fs::remove_dir_all(root.parent().expect("parent"));
}

/// A mutation of the shipped spec: a line deleted, duplicated, or a byte range replaced.
fn mutate(text: &str, kind: u8, at: usize, with: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let i = at % lines.len().max(1);
    match kind % 4 {
        0 => lines
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n"),
        1 => lines
            .iter()
            .enumerate()
            .flat_map(|(j, l)| if j == i { vec![*l, *l] } else { vec![*l] })
            .collect::<Vec<_>>()
            .join("\n"),
        2 => {
            let mut chars: Vec<char> = text.chars().collect();
            let i = at % chars.len().max(1);
            chars.splice(i..(i + 3).min(chars.len()), with.chars());
            chars.into_iter().collect()
        }
        _ => lines
            .iter()
            .enumerate()
            .map(|(j, l)| {
                if j == i {
                    format!("{l}{with}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(0, &text);
    }

    #[test]
    fn mutated_specs_never_panic(kind in 0u8..4, at in 0usize..100_000, with in "[ :\\-\\[\\]{}a-z0-9\"'#\n]{0,12}") {
        check(1, &mutate(&shipped_spec(), kind, at, &with));
    }
}
