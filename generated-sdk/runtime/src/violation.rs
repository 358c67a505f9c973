//! Violations: what is wrong with a request, each with a JSON Pointer and a rule id.

use std::borrow::Cow;
use std::fmt;

/// One thing wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Violation {
    /// JSON Pointer (RFC 6901) to the offending value: `/bankAccount`, or `` for the body.
    pub path: Cow<'static, str>,
    /// The stable id of the rule broken: a field check (`length`, `charset`, ...) or the
    /// id of a rule in the spec (`clabe-bank-prefix`).
    pub rule: Cow<'static, str>,
    /// What is wrong, for people.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\t{}\t{}", self.path, self.rule, self.message)
    }
}

/// Every violation found in a request, in the order the checks ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Violations(Vec::new())
    }

    /// Records a violation.
    pub fn push(
        &mut self,
        path: impl Into<Cow<'static, str>>,
        rule: impl Into<Cow<'static, str>>,
        message: String,
    ) {
        self.0.push(Violation {
            path: path.into(),
            rule: rule.into(),
            message,
        });
    }

    /// Adds every violation of `other`, after these.
    pub fn append(&mut self, other: Violations) {
        self.0.extend(other.0);
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// `Ok(())` when there are none.
    pub fn into_result(self) -> Result<(), Violations> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// One violation per line: `<json-pointer>\t<rule-id>\t<message>`.
impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}
