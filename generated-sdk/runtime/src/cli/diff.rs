//! `payspec diff OLD NEW`: what a change of the specs does to the SDK's users, each
//! change classified, and the version bump it implies. `OLD` may be `git:REV`: the `NEW`
//! folder as it is at that git revision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use payspec_codegen::diff::{self, Class};
use payspec_codegen::load::SpecSource;

use super::usage_error;

/// What `payspec diff` was asked.
pub struct Options {
    pub old: String,
    pub new: PathBuf,
    pub json: bool,
    pub fail_on: Vec<String>,
}

pub fn run(options: Options) -> ExitCode {
    let mut gate = Vec::new();
    for name in options.fail_on.iter().filter(|n| !n.is_empty()) {
        match Class::parse(name) {
            Some(class) => gate.push(class),
            None => {
                return usage_error(&format!(
                    "`{name}` is not a class of change (breaking, stricter, looser, wire, documentation)"
                ));
            }
        }
    }
    let old = match options.old.strip_prefix("git:") {
        Some(rev) => match at_revision(&options.new, rev) {
            Ok(source) => source,
            Err(why) => return usage_error(&why),
        },
        None => SpecSource::Dir(PathBuf::from(&options.old)),
    };
    let mut specs = Vec::new();
    for (what, source) in [("old", old), ("new", SpecSource::Dir(options.new.clone()))] {
        let (checked, _, diagnostics) = payspec_codegen::check_source(&source);
        if !diagnostics.is_empty() {
            eprintln!("{diagnostics}");
            return usage_error(&format!(
                "the {what} specs have problems: a change can only be classified between valid specs"
            ));
        }
        specs.push(checked);
    }
    let report = diff::compare(&specs[0], &specs[1]);
    if options.json {
        println!("{}", report.to_json());
    } else {
        println!("{report}");
    }
    if report.has_any(&gate) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The spec files of the folder `dir` as they are at git revision `rev`.
fn at_revision(dir: &Path, rev: &str) -> Result<SpecSource, String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        String::from_utf8(out.stdout).map_err(|_| "git printed something that is not UTF-8".into())
    };
    let mut files = BTreeMap::new();
    for path in git(&["ls-tree", "-r", "--name-only", rev, "."])?.lines() {
        if path.ends_with(".yaml") || path.ends_with(".yml") {
            let text = git(&["show", &format!("{rev}:./{path}")])?;
            files.insert(PathBuf::from(path), text);
        }
    }
    if files.is_empty() {
        return Err(format!("no spec files in {} at {rev}", dir.display()));
    }
    Ok(SpecSource::Memory(files))
}
