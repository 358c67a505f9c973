//! What a change of the specs does to the SDK's users, beside the pipeline: two sets of
//! checked specs in, each difference out, classified — breaking for downstream Rust code,
//! stricter or looser for requests, changing what is signed or sent, or documentation
//! only — and the version bump they imply.

mod exchange;
mod operation;

use std::fmt;

use crate::model::Spec;

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Downstream Rust code may no longer compile (a type, field or variant removed or
    /// renamed, a new required builder field, a type changed).
    Breaking,
    /// A request that passed validation may now be rejected.
    Stricter,
    /// A request that was rejected may now pass, or something was added.
    Looser,
    /// What is signed, sent or how an answer or callback is read differs.
    Wire,
    /// Only the documentation differs.
    Documentation,
}

impl Class {
    /// `breaking`, `stricter`, ...
    pub fn name(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Stricter => "stricter",
            Class::Looser => "looser",
            Class::Wire => "wire",
            Class::Documentation => "documentation",
        }
    }

    /// The class named `name`.
    pub fn parse(name: &str) -> Option<Class> {
        [
            Class::Breaking,
            Class::Stricter,
            Class::Looser,
            Class::Wire,
            Class::Documentation,
        ]
        .into_iter()
        .find(|c| c.name() == name)
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The spec id.
    pub spec: String,
    /// Where, as a dotted path in the spec (`operations.create_payout.fields.amount`).
    pub path: String,
    /// What it does, most severe first.
    pub classes: Vec<Class>,
    /// What changed, in words.
    pub what: String,
}

/// The version bump a set of changes implies for the SDK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Behaviour changed or was added, without breaking code: a minor version.
    Minor,
    /// Downstream code may break: a major version (a minor one before 1.0).
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Every difference between two sets of specs.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The changes, by spec id, then in spec order.
    pub changes: Vec<Change>,
}

impl Report {
    /// The bump the changes imply.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .flat_map(|c| &c.classes)
            .map(|class| match class {
                Class::Breaking => Bump::Major,
                Class::Documentation => Bump::Patch,
                _ => Bump::Minor,
            })
            .max()
            .unwrap_or(Bump::None)
    }

    /// Whether any change has one of `classes`.
    pub fn has_any(&self, classes: &[Class]) -> bool {
        self.changes
            .iter()
            .any(|c| c.classes.iter().any(|k| classes.contains(k)))
    }

    /// The report as JSON: `{"changes": [{spec, path, classes, what}], "bump"}`.
    pub fn to_json(&self) -> serde_json::Value {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "spec": c.spec,
                    "path": c.path,
                    "classes": c.classes.iter().map(|k| k.name()).collect::<Vec<_>>(),
                    "what": c.what,
                })
            })
            .collect();
        serde_json::json!({ "changes": changes, "bump": self.bump().name() })
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            let classes: Vec<&str> = c.classes.iter().map(|k| k.name()).collect();
            writeln!(
                f,
                "{:<24} {}  {}: {}",
                classes.join(","),
                c.spec,
                c.path,
                c.what
            )?;
        }
        let reason = match self.bump() {
            Bump::None => "no change",
            Bump::Patch => "documentation only",
            Bump::Minor => "requests, answers or the wire change, no code breaks",
            Bump::Major => "downstream code may break",
        };
        write!(
            f,
            "{} change(s); version bump: {} ({reason})",
            self.changes.len(),
            self.bump().name()
        )
    }
}

/// Collects the changes of one spec.
pub(crate) struct Changes<'a> {
    spec: &'a str,
    out: &'a mut Vec<Change>,
}

impl Changes<'_> {
    pub(crate) fn push(
        &mut self,
        path: impl Into<String>,
        classes: &[Class],
        what: impl Into<String>,
    ) {
        let mut classes = classes.to_vec();
        classes.sort();
        classes.dedup();
        self.out.push(Change {
            spec: self.spec.to_string(),
            path: path.into(),
            classes,
            what: what.into(),
        });
    }

    /// A documentation text that differs.
    pub(crate) fn doc(&mut self, path: &str, old: Option<&str>, new: Option<&str>) {
        if old != new {
            self.push(path, &[Class::Documentation], "the text changed");
        }
    }
}

/// Every difference from `old` to `new`, matched by spec id.
pub fn compare(old: &[Spec], new: &[Spec]) -> Report {
    let mut out = Vec::new();
    for before in old {
        let mut changes = Changes {
            spec: &before.id,
            out: &mut out,
        };
        match new.iter().find(|s| s.id == before.id) {
            None => changes.push(
                "",
                &[Class::Breaking],
                format!(
                    "the spec is removed, and its module `{}` with it",
                    before.module
                ),
            ),
            Some(after) => spec(&mut changes, before, after),
        }
    }
    for after in new.iter().filter(|s| !old.iter().any(|o| o.id == s.id)) {
        Changes {
            spec: &after.id,
            out: &mut out,
        }
        .push(
            "",
            &[Class::Looser],
            format!("a new spec, module `{}`", after.module),
        );
    }
    Report { changes: out }
}

/// Debug text, to compare parts that are not compared field by field.
pub(crate) fn shape<T: fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

fn spec(c: &mut Changes<'_>, old: &Spec, new: &Spec) {
    if old.currency != new.currency {
        c.push(
            "currency",
            &[Class::Breaking, Class::Wire],
            format!("{} -> {}", old.currency, new.currency),
        );
    }
    c.doc("title", Some(&old.title), Some(&new.title));
    c.doc("source", Some(&old.source), Some(&new.source));
    if old.notes != new.notes {
        c.push("notes", &[Class::Documentation], "the notes changed");
    }
    if shape(&old.headers) != shape(&new.headers) {
        c.push("headers", &[Class::Wire], "the request headers changed");
    }
    if shape(&old.signing.as_ref().map(|s| &s.schemes))
        != shape(&new.signing.as_ref().map(|s| &s.schemes))
        || old.signing.as_ref().map(|s| (&s.place, s.requests))
            != new.signing.as_ref().map(|s| (&s.place, s.requests))
    {
        c.push("signing", &[Class::Wire], "what is signed, or how, changed");
    } else if old.signing.as_ref().map(|s| &s.note) != new.signing.as_ref().map(|s| &s.note) {
        c.push("signing.note", &[Class::Documentation], "the text changed");
    }
    exchange::answers(c, old, new);
    exchange::statuses(c, old, new);
    exchange::callback(c, old, new);
    exchange::references(c, old, new);
    operation::operations(c, old, new);
}
