//! The string to sign, built from (name, value) pairs by a [`Canonical`] plan.
//!
//! The format is fixed: the kept pairs in ascending byte order of their names, each written
//! `name=value` (raw, not URL-encoded), joined with `&`, followed by the plan's appended
//! pieces, each also preceded by `&` (a separator is written only between pieces, so a
//! string with no kept pair does not start with `&`).
//!
//! Two entry points build the same string from the same data:
//! - [`Canonical::string_to_sign`]: pairs the generated code gives already sorted, with their
//!   wire text (the fast path: one allocation, for the output);
//! - [`Canonical::string_to_sign_from_body`]: a received JSON body, over every field that
//!   arrived (unknown ones included), for verifying callbacks and answers.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::keys::SharedSecret;
use super::string_to_sign::{
    SecretPart, StringToSign, into_public, push_pair, push_secret, separate,
};

/// What an appended secret is shown as in a redacted string to sign (`--explain`).
pub const REDACTED_SECRET: &str = "<platform key>";

/// A (name, value) pair from generated code: `None` is a field that is not on the wire
/// (an absent optional field), and is always skipped. The runtime expects generated code
/// to leave `None` fields out of the JSON body too, so both entry points agree.
pub type Pair<'a> = (&'a str, Option<&'a str>);

/// An extra value the plan may append, by name: `("nonce", "<the nonce header>")`.
pub type Extra<'a> = (&'a str, &'a str);

/// Which values are left out of the string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DropValues {
    /// JSON `null` (in a received body). A kept null is written as an empty value.
    pub null: bool,
    /// The empty string.
    pub empty: bool,
    /// Text that is blank in the provider's sense, the empty string included.
    pub blank: Option<Blank>,
}

/// What "blank" means: the provider's own implementation decides, since a value one
/// side drops and the other keeps makes the two sign different strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Blank {
    /// Nothing is left after Java's `String.trim()`: every character is U+0020 or
    /// below (space and the ASCII control characters). `"\u{a0}"` is not blank.
    JavaTrim,
    /// Only Unicode `White_Space` (Rust's `str::trim`).
    UnicodeWhiteSpace,
}

impl Blank {
    /// Whether `value` is blank in this sense.
    pub fn is_blank(self, value: &str) -> bool {
        match self {
            Blank::JavaTrim => value.chars().all(|c| c <= '\u{20}'),
            Blank::UnicodeWhiteSpace => value.trim().is_empty(),
        }
    }
}

impl DropValues {
    /// Keep every value.
    pub const NONE: Self = Self {
        null: false,
        empty: false,
        blank: None,
    };
    /// Drop null and empty values (the v2 gateway).
    pub const NULL_AND_EMPTY: Self = Self {
        null: true,
        empty: true,
        blank: None,
    };
    /// Drop null, empty and blank values as Java's `trim()` sees them (TeemoPay).
    pub const NULL_EMPTY_AND_BLANK: Self = Self {
        null: true,
        empty: true,
        blank: Some(Blank::JavaTrim),
    };
}

/// A piece written after the sorted pairs, unsorted, in the plan's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Append {
    /// `&name=<value>`, the value taken from the extras by name (TeemoPay: `nonce`).
    Extra(&'static str),
    /// `&<secret>`: the raw shared secret (the gateway's MD5).
    Secret,
    /// `&name=<secret>`: the shared secret as a named pair (e.g. `key=`).
    NamedSecret(&'static str),
}

/// How to build the string to sign. Const-constructible, so generated code can declare it in
/// a `static`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Canonical {
    /// Names never written (the signature field itself, the selector field…).
    pub exclude: &'static [&'static str],
    /// Which values are dropped.
    pub drop: DropValues,
    /// What is written after the sorted pairs.
    pub append: &'static [Append],
}

/// Why a string to sign could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// Generated code gave pairs out of order or twice (a generator bug).
    #[error(
        "field `{name}` is given after `{previous}`: pairs must come in ascending byte order of names, each name once"
    )]
    OutOfOrder {
        /// The name before.
        previous: String,
        /// The name out of place.
        name: String,
    },
    /// The plan appends an extra value that was not given.
    #[error("the string to sign ends with `{name}`, but no `{name}` value was given")]
    MissingExtra {
        /// The extra's name.
        name: &'static str,
    },
    /// The plan appends the shared secret, but none is available (wrong key kind).
    #[error("the string to sign ends with the shared secret, but no shared secret was given")]
    SecretRequired,
}

impl Canonical {
    /// Whether a name is excluded from the string.
    pub fn excludes(&self, name: &str) -> bool {
        self.exclude.contains(&name)
    }

    /// Whether a value's text is kept (the empty and whitespace-only rules).
    pub fn keeps_text(&self, value: &str) -> bool {
        !((self.drop.empty && value.is_empty())
            || self.drop.blank.is_some_and(|blank| blank.is_blank(value)))
    }

    /// Whether a received value is left out of the string (so that its signature says
    /// nothing about it).
    pub fn drops(&self, value: &Value) -> bool {
        match Self::text_of(value) {
            None => self.drop.null,
            Some(text) => !self.keeps_text(&text),
        }
    }

    /// Refuses a received body whose string to sign could be read with other field
    /// boundaries: the pairs are joined as `name=value&...` without escaping, so a name
    /// with `&` or `=`, or a kept value with `&`, lets one signed string stand for
    /// another body (`"amount":"1&status=2"` for an amount and a status).
    pub fn check_boundaries(&self, body: &Map<String, Value>) -> Result<(), BoundaryError> {
        for (name, value) in body {
            if self.excludes(name) {
                continue;
            }
            if name.contains(['&', '=']) {
                return Err(BoundaryError::Name(shorten(name)));
            }
            if let Some(text) = Self::text_of(value)
                && self.keeps_text(&text)
                && text.contains('&')
            {
                return Err(BoundaryError::Value(shorten(name)));
            }
        }
        Ok(())
    }

    /// A received value's text in the string, `None` for `null`.
    fn text_of(value: &Value) -> Option<Cow<'_, str>> {
        Some(match value {
            Value::Null => return None,
            Value::String(text) => Cow::Borrowed(text.as_str()),
            Value::Bool(true) => Cow::Borrowed("true"),
            Value::Bool(false) => Cow::Borrowed("false"),
            // With serde_json's `arbitrary_precision`, a number keeps its exact text.
            Value::Number(number) => Cow::Owned(number.to_string()),
            // `Display` of a JSON value is compact JSON.
            Value::Array(_) | Value::Object(_) => Cow::Owned(value.to_string()),
        })
    }

    /// Whether the plan appends the shared secret.
    pub fn appends_secret(&self) -> bool {
        self.append
            .iter()
            .any(|piece| matches!(piece, Append::Secret | Append::NamedSecret(_)))
    }

    /// Builds the string from pairs given in ascending byte order of names (each name at
    /// most once; excluded names may be present and are skipped). `secret` is needed only
    /// if the plan appends it.
    pub fn string_to_sign(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        secret: Option<&SharedSecret>,
    ) -> Result<StringToSign, CanonicalError> {
        self.build_pairs(
            pairs,
            extras,
            secret.map_or(SecretPart::Absent, SecretPart::Real),
        )
    }

    /// The same string with the secret shown as [`REDACTED_SECRET`], for `--explain`.
    pub fn string_to_sign_redacted(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.build_pairs(pairs, extras, SecretPart::Redacted)
            .map(into_public)
    }

    /// Builds the string from a received JSON body, over every field in it: strings as
    /// they are, numbers as their JSON text (digits exactly as received thanks to
    /// serde_json's `arbitrary_precision`: `100.50` stays `100.50`, big integers stay
    /// exact; only exponent notation is normalized, `1E3` becomes `1e+3`), `true`/`false`,
    /// arrays and objects as compact JSON; then the same drop, exclusion and order rules.
    pub fn string_to_sign_from_body(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        secret: Option<&SharedSecret>,
    ) -> Result<StringToSign, CanonicalError> {
        self.build_body(
            body,
            extras,
            secret.map_or(SecretPart::Absent, SecretPart::Real),
        )
    }

    /// The body's string with the secret shown as [`REDACTED_SECRET`], for `--explain`.
    pub fn string_to_sign_from_body_redacted(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
    ) -> Result<String, CanonicalError> {
        self.build_body(body, extras, SecretPart::Redacted)
            .map(into_public)
    }

    pub(crate) fn build_pairs(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
    ) -> Result<StringToSign, CanonicalError> {
        for window in pairs.windows(2) {
            if window[0].0.as_bytes() >= window[1].0.as_bytes() {
                return Err(CanonicalError::OutOfOrder {
                    previous: window[0].0.to_owned(),
                    name: window[1].0.to_owned(),
                });
            }
        }
        self.build_sorted_pairs(pairs, extras, secret)
    }

    /// [`Self::build_pairs`] for pairs known to be sorted: the generated code sorts them
    /// when it is generated, so the check would only repeat work on every request.
    pub(crate) fn build_sorted_pairs(
        &self,
        pairs: &[Pair<'_>],
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
    ) -> Result<StringToSign, CanonicalError> {
        let plan = *self;
        let kept = pairs.iter().filter_map(move |&(name, value)| {
            let value = value?;
            (plan.keeps_text(value) && !plan.excludes(name)).then_some((name, value))
        });
        // Every pair counted, kept or not: an upper bound found without filtering twice,
        // and the buffer never grows, so no copy of the secret is left behind.
        let bound = pairs
            .iter()
            .map(|(n, v)| v.map_or(0, |v| n.len() + v.len() + 2))
            .sum();
        self.assemble(kept, bound, extras, secret)
    }

    pub(crate) fn build_body(
        &self,
        body: &Map<String, Value>,
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
    ) -> Result<StringToSign, CanonicalError> {
        let mut items: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(body.len());
        for (name, value) in body {
            if self.excludes(name) {
                continue;
            }
            let text = match Self::text_of(value) {
                None if self.drop.null => continue,
                None => Cow::Borrowed(""),
                Some(text) => text,
            };
            if self.keeps_text(&text) {
                items.push((name.as_str(), text));
            }
        }
        // A JSON object has each name once; sort them whatever order the map keeps.
        items.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let bound = items.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
        self.assemble(
            items.iter().map(|(name, text)| (*name, text.as_ref())),
            bound,
            extras,
            secret,
        )
    }

    /// An upper bound of the string's length: `pairs_bound` bounds the pairs'
    /// `name=value&`; the appended pieces are counted exactly.
    fn length_bound(
        &self,
        pairs_bound: usize,
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
    ) -> Result<usize, CanonicalError> {
        let mut len = pairs_bound;
        for piece in self.append {
            len += 1 + match *piece {
                Append::Extra(name) => name.len() + 1 + extra(extras, name)?.len(),
                Append::Secret => secret.text()?.len(),
                Append::NamedSecret(name) => name.len() + 1 + secret.text()?.len(),
            };
        }
        Ok(len)
    }

    /// Writes the kept pairs and the appended pieces into `out`; returns where the first
    /// secret starts, if one was written.
    fn write_into<'p, I>(
        &self,
        kept: I,
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
        out: &mut Vec<u8>,
    ) -> Result<Option<usize>, CanonicalError>
    where
        I: Iterator<Item = (&'p str, &'p str)>,
    {
        let real_secret = matches!(secret, SecretPart::Real(_));
        let mut secret_from = None;
        for (name, value) in kept {
            separate(out);
            push_pair(out, name, value);
        }
        for piece in self.append {
            separate(out);
            match *piece {
                Append::Extra(name) => push_pair(out, name, extra(extras, name)?),
                Append::Secret | Append::NamedSecret(_) => {
                    if real_secret && secret_from.is_none() {
                        secret_from = Some(out.len());
                    }
                    push_secret(out, piece, secret.text()?);
                }
            }
        }
        Ok(secret_from)
    }

    /// Writes the string into one allocation of at least its size, so that a secret is
    /// never left behind in a freed, grown-out-of buffer.
    fn assemble<'p, I>(
        &self,
        kept: I,
        pairs_bound: usize,
        extras: &[Extra<'_>],
        secret: SecretPart<'_>,
    ) -> Result<StringToSign, CanonicalError>
    where
        I: Iterator<Item = (&'p str, &'p str)>,
    {
        let len = self.length_bound(pairs_bound, extras, secret)?;
        let has_secret = matches!(secret, SecretPart::Real(_)) && self.appends_secret();
        // Built in place so that a failure part-way still wipes what was written.
        let mut built = StringToSign {
            text: Vec::with_capacity(len),
            secret_from: has_secret.then_some(0),
            has_secret,
        };
        built.secret_from = self
            .write_into(kept, extras, secret, &mut built.text)?
            .filter(|_| has_secret);
        Ok(built)
    }
}

/// The longest received name repeated in an error.
const MAX_ECHOED_CHARS: usize = 64;

fn shorten(name: &str) -> String {
    name.chars().take(MAX_ECHOED_CHARS).collect()
}

/// Why a received body's string to sign would be ambiguous.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BoundaryError {
    /// A field name with `&` or `=` (cut to 64 characters).
    #[error(
        "the field name {0:?} contains `&` or `=`, which would move the boundaries of the signed string"
    )]
    Name(String),
    /// A signed value with `&`.
    #[error(
        "the value of `{0}` contains `&`, which would move the boundaries of the signed string"
    )]
    Value(String),
}

fn extra<'e>(extras: &[Extra<'e>], name: &'static str) -> Result<&'e str, CanonicalError> {
    extras
        .iter()
        .find(|(extra_name, _)| *extra_name == name)
        .map(|(_, value)| *value)
        .ok_or(CanonicalError::MissingExtra { name })
}
