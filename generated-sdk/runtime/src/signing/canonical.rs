//! A body's fields as the message writes them: a [`Canonical`] plan keeps some pairs and
//! writes them in ascending byte order of their names, each `name=value` (raw, not
//! URL-encoded), joined with `&`; or, in [`FieldsForm::Json`], as one compact JSON object
//! (see `json_text`).
//!
//! The same text comes from two sources: pairs the generated code gives already sorted,
//! with their wire text (the fast path), and a received JSON body, over every field that
//! arrived (unknown ones included), for verifying callbacks and answers.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::json_text;
use super::sink::Sink;

/// What the secret is shown as in a redacted string to sign (`--explain`).
pub const REDACTED_SECRET: &str = "<platform key>";

/// What a secret field's value (a PIN) is shown as in a redacted string to sign.
pub const REDACTED_FIELD: &str = "<secret>";

/// A (name, value) pair from generated code: `None` is a field that is not on the wire
/// (an absent optional field), and is always skipped. The runtime expects generated code
/// to leave `None` fields out of the JSON body too, so both entry points agree.
pub type Pair<'a> = (&'a str, Option<&'a str>);

/// A header value the message may read, by header name: `("nonce", "<the nonce header>")`.
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
            // A character above U+0020 has a byte above 0x20 (UTF-8's lead and
            // continuation bytes are all 0x80 or more), so the bytes tell.
            Blank::JavaTrim => value.bytes().all(|b| b <= 0x20),
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

/// How the kept fields are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FieldsForm {
    /// `name=value` pairs joined with `&`, each value's text raw (not URL-encoded); a
    /// kept `null` is an empty value.
    #[default]
    Pairs,
    /// One compact JSON object, keys in ascending byte order: `{"amount":1000.50,"name":"A"}`.
    /// A value is written as the body writes it: a number's digits, a string in quotes
    /// with JSON's escapes, `true`/`false`, `null`. Pairs given without saying which
    /// values are bare ([`super::Fields::Pairs`]) are all strings.
    Json,
}

/// How to build the string to sign. Const-constructible, so generated code can declare it in
/// a `static`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Canonical {
    /// Names never written (the signature field itself, the selector field…).
    pub exclude: &'static [&'static str],
    /// Which values are dropped.
    pub drop: DropValues,
    /// How the kept fields are written.
    pub form: FieldsForm,
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
    /// The message reads a header value that was not given.
    #[error("the string to sign contains the `{name}` header, but no `{name}` value was given")]
    MissingExtra {
        /// The header's name.
        name: &'static str,
    },
    /// The message contains the shared secret, but none is available (wrong key kind).
    #[error("the string to sign contains the shared secret, but no shared secret was given")]
    SecretRequired,
    /// The message reads a part of the request that was not given.
    #[error("the string to sign contains {0}, which was not given")]
    Missing(&'static str),
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
            // A kept `null` is written as the empty text, which the empty rule may drop.
            None => self.drop.null || !self.keeps_text(""),
            Some(text) => !self.keeps_text(&text),
        }
    }

    /// Refuses a received body whose string to sign could be read with other field
    /// boundaries: the pairs are joined as `name=value&...` without escaping, so a name
    /// with `&` or `=`, or a kept value with `&`, lets one signed string stand for
    /// another body (`"amount":"1&status=2"` for an amount and a status). A JSON object
    /// escapes its strings, so its boundaries hold for any body.
    pub fn check_boundaries(&self, body: &Map<String, Value>) -> Result<(), BoundaryError> {
        if self.form == FieldsForm::Json {
            return Ok(());
        }
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
            Value::Number(number) => Cow::Borrowed(number.as_str()),
            // Compact JSON, keys in byte order at every depth whatever map serde_json keeps
            // (its `preserve_order` feature, which any crate of a build may turn on).
            Value::Array(_) | Value::Object(_) => Cow::Owned(json_text::value_text(value)),
        })
    }

    /// The text this plan writes for pairs given in ascending byte order of names (the
    /// fields part of a message alone; as a JSON object, every value a string).
    pub fn text_of_pairs(&self, pairs: &[Pair<'_>]) -> Result<String, CanonicalError> {
        Self::check_order(pairs)?;
        let mut out = Vec::new();
        self.write_pairs(pairs, &[], &mut out);
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The text this plan writes for a received body (the fields part of a message alone).
    pub fn text_of_body(&self, body: &Map<String, Value>) -> String {
        let items = self.kept_items(body);
        let mut out = Vec::new();
        self.write_kept(&items, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Checks that pairs come in ascending byte order of names, each name once.
    pub(crate) fn check_order(pairs: &[Pair<'_>]) -> Result<(), CanonicalError> {
        for window in pairs.windows(2) {
            if window[0].0.as_bytes() >= window[1].0.as_bytes() {
                return Err(CanonicalError::OutOfOrder {
                    previous: window[0].0.to_owned(),
                    name: window[1].0.to_owned(),
                });
            }
        }
        Ok(())
    }

    /// The kept pairs of sorted `pairs`: present, not excluded, not dropped.
    fn kept_pairs<'p>(&self, pairs: &'p [Pair<'p>]) -> impl Iterator<Item = (&'p str, &'p str)> {
        pairs.iter().filter_map(|&(name, value)| {
            let value = value?;
            (self.keeps_text(value) && !self.excludes(name)).then_some((name, value))
        })
    }

    /// Whether writing sorted `pairs` writes anything (an empty JSON object is
    /// something; no kept pair is nothing).
    pub(crate) fn writes_pairs(&self, pairs: &[Pair<'_>]) -> bool {
        self.form == FieldsForm::Json || self.kept_pairs(pairs).next().is_some()
    }

    /// Writes the kept pairs of sorted `pairs` (`bare`: the names whose text a JSON object
    /// writes without quotes: numbers, `true`, `false`).
    pub(crate) fn write_pairs<S: Sink + ?Sized>(
        &self,
        pairs: &[Pair<'_>],
        bare: &[&str],
        out: &mut S,
    ) {
        match self.form {
            FieldsForm::Pairs => Self::write_joined(self.kept_pairs(pairs), out),
            FieldsForm::Json => json_text::write_text_object(self.kept_pairs(pairs), bare, out),
        }
    }

    /// An upper bound of what [`Self::write_pairs`] writes.
    pub(crate) fn pairs_len_bound(&self, pairs: &[Pair<'_>]) -> usize {
        let present = pairs.iter().filter_map(|(n, v)| Some((*n, (*v)?)));
        match self.form {
            FieldsForm::Pairs => present.map(|(n, v)| n.len() + v.len() + 2).sum(),
            FieldsForm::Json => {
                2 + present
                    .map(|(n, v)| json_text::string_len(n) + json_text::string_len(v) + 2)
                    .sum::<usize>()
            }
        }
    }

    /// Whether writing the items of [`Self::kept_items`] writes anything.
    pub(crate) fn writes_kept(&self, items: &[(&str, Cow<'_, str>)]) -> bool {
        self.form == FieldsForm::Json || !items.is_empty()
    }

    /// Writes the items of [`Self::kept_items`].
    pub(crate) fn write_kept<S: Sink + ?Sized>(&self, items: &[(&str, Cow<'_, str>)], out: &mut S) {
        let items = items.iter().map(|(n, v)| (*n, v.as_ref()));
        match self.form {
            FieldsForm::Pairs => Self::write_joined(items, out),
            FieldsForm::Json => {
                json_text::write_object(items, out, |_, json, out| out.put(json.as_bytes()));
            }
        }
    }

    /// An upper bound of what [`Self::write_kept`] writes.
    pub(crate) fn kept_len_bound(&self, items: &[(&str, Cow<'_, str>)]) -> usize {
        match self.form {
            FieldsForm::Pairs => items.iter().map(|(n, v)| n.len() + v.len() + 2).sum(),
            FieldsForm::Json => {
                2 + items
                    .iter()
                    .map(|(n, v)| json_text::string_len(n) + v.len() + 2)
                    .sum::<usize>()
            }
        }
    }

    /// Writes pairs as `name=value&...`.
    fn write_joined<'p, S: Sink + ?Sized>(
        kept: impl Iterator<Item = (&'p str, &'p str)>,
        out: &mut S,
    ) {
        let mut separator = None;
        for (name, value) in kept {
            out.put_pair(separator, name.as_bytes(), b'=', value.as_bytes());
            separator = Some(b'&');
        }
    }

    /// The kept fields of a received body, sorted by name, each with its text in the
    /// pairs form: strings as they are, numbers as their JSON text (digits exactly as
    /// received thanks to serde_json's `arbitrary_precision`: `100.50` stays `100.50`;
    /// only exponent notation is normalized, `1E3` becomes `1e+3`), `true`/`false`,
    /// arrays and objects as compact JSON, a kept `null` empty; or with its JSON text in
    /// the JSON form (see `json_text`). Values are dropped by their pairs text in both.
    pub(crate) fn kept_items<'b>(
        &self,
        body: &'b Map<String, Value>,
    ) -> Vec<(&'b str, Cow<'b, str>)> {
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
            if !self.keeps_text(&text) {
                continue;
            }
            let text = match self.form {
                FieldsForm::Pairs => text,
                FieldsForm::Json => Cow::Owned(json_text::value_text(value)),
            };
            items.push((name.as_str(), text));
        }
        // A JSON object has each name once; sort them whatever order the map keeps.
        items.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        items
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
