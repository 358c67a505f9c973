//! The message a scheme signs: a list of parts joined by a separator, each a label and a
//! piece (the body's fields as sorted pairs, the body's bytes or their digest, a header,
//! the method or path, the secret, a fixed text).
//!
//! Every provider's rule is an instance: TeemoPay's is `[fields, "nonce=" header nonce]`
//! joined with `&`; the gateway's MD5 `[fields, secret]` joined with `&`; a webhook's
//! HMAC over the raw body is `[body]`; a request-target scheme is
//! `["Client-Id:" header, …, "Digest:" SHA-256 of the body]` joined with a newline.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::canonical::{Canonical, CanonicalError, Extra, Pair};
use super::digest::Digest;
use super::encoding::Encoding;
use super::sink::{Sink, Writes};
use super::string_to_sign::{SecretPart, StringToSign};

/// What the message is made of, joined by `separator`. Const-constructible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    /// Written between parts (`&`, `\n`, `:`, or nothing).
    pub separator: &'static str,
    /// The parts, in order.
    pub parts: &'static [Part],
}

/// One part: a label written before a piece (`nonce=`, `Client-Id:`, or nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Part {
    /// Written before the piece.
    pub label: &'static str,
    /// Where the value comes from.
    pub piece: Piece,
}

/// Where a part's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Piece {
    /// The body's fields as `name=value` pairs in ascending byte order of names, joined
    /// with `&`, or as a JSON object (see [`Canonical::form`]). When no pair is kept and
    /// the part has no label, the part and its separator are left out, so the message
    /// does not start with a separator; an empty JSON object is written, as `{}`.
    Fields(Canonical),
    /// The body's bytes exactly as sent or received.
    Body,
    /// A digest of the body's bytes, written in an encoding.
    BodyDigest(Digest, Encoding),
    /// The value of a request header (the nonce, a timestamp, a request id).
    Header(&'static str),
    /// The HTTP method (`POST`).
    Method,
    /// The request path without the query (`/v1/payouts`).
    Path,
    /// The shared secret.
    Secret,
    /// A fixed text.
    Text(&'static str),
}

/// The body's fields, as the message reads them.
#[derive(Clone, Copy, Debug)]
pub enum Fields<'a> {
    /// No fields (a message that reads none).
    None,
    /// `(name, text)` pairs in ascending byte order of names, checked. Written as a JSON
    /// object, every value is a string.
    Pairs(&'a [Pair<'a>]),
    /// Pairs the generated code sorted when it was generated: not checked again.
    SortedPairs {
        /// The pairs.
        pairs: &'a [Pair<'a>],
        /// The names whose text a JSON object writes bare: the fields the body sends as
        /// a JSON number or boolean (`1000.50`, not `"1000.50"`).
        bare: &'a [&'a str],
    },
    /// A received JSON body, over every field in it.
    Body(&'a Map<String, Value>),
}

/// Everything a message can read from one request or callback.
#[derive(Clone, Copy, Debug)]
pub struct MessageInput<'a> {
    /// The body's fields.
    pub fields: Fields<'a>,
    /// The body's bytes.
    pub body: Option<&'a [u8]>,
    /// Header values by header name (`("nonce", "…")`).
    pub headers: &'a [Extra<'a>],
    /// The HTTP method.
    pub method: Option<&'a str>,
    /// The request path.
    pub path: Option<&'a str>,
}

impl<'a> MessageInput<'a> {
    /// Fields and header values only (the string-to-sign schemes of the seeds).
    pub fn fields(fields: Fields<'a>, headers: &'a [Extra<'a>]) -> Self {
        Self {
            fields,
            body: None,
            headers,
            method: None,
            path: None,
        }
    }
}

/// A message with everything it reads: what signing writes into the hash.
pub(crate) struct Filled<'m, 'i> {
    pub(crate) message: &'m Message,
    pub(crate) input: &'m MessageInput<'i>,
    pub(crate) secret: SecretPart<'m>,
}

impl Writes for Filled<'_, '_> {
    fn write_to<S: Sink>(&self, sink: &mut S) -> Result<(), CanonicalError> {
        self.message.write(self.input, self.secret, sink)
    }
}

/// The fields once sorted and filtered, ready to be written.
enum Kept<'a> {
    None,
    Pairs(&'a [Pair<'a>], &'a [&'a str]),
    Items(Vec<(&'a str, Cow<'a, str>)>),
}

impl Kept<'_> {
    fn writes_any(&self, canonical: &Canonical) -> bool {
        match self {
            Kept::Pairs(pairs, _) => canonical.writes_pairs(pairs),
            Kept::Items(items) => canonical.writes_kept(items),
            Kept::None => false,
        }
    }

    fn write<S: Sink>(&self, canonical: &Canonical, out: &mut S) {
        match self {
            Kept::Pairs(pairs, bare) => canonical.write_pairs(pairs, bare, out),
            Kept::Items(items) => canonical.write_kept(items, out),
            Kept::None => {}
        }
    }
}

impl Message {
    /// The part that writes the body's fields, if any.
    pub fn canonical(&self) -> Option<&Canonical> {
        self.parts.iter().find_map(|part| match &part.piece {
            Piece::Fields(canonical) => Some(canonical),
            _ => None,
        })
    }

    /// Whether the message contains the shared secret.
    pub fn has_secret(&self) -> bool {
        self.reads(|piece| matches!(piece, Piece::Secret))
    }

    /// Whether the message reads the body's bytes.
    pub fn reads_body(&self) -> bool {
        self.reads(|piece| matches!(piece, Piece::Body | Piece::BodyDigest(..)))
    }

    /// Whether the message reads the request path.
    pub fn reads_path(&self) -> bool {
        self.reads(|piece| matches!(piece, Piece::Path))
    }

    /// The headers the message reads, in order.
    pub fn headers(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.parts.iter().filter_map(|part| match part.piece {
            Piece::Header(name) => Some(name),
            _ => None,
        })
    }

    fn reads(&self, test: impl Fn(&Piece) -> bool) -> bool {
        self.parts.iter().any(|part| test(&part.piece))
    }

    /// Writes the message into one allocation of at least its size, so a secret is never
    /// left behind in a freed, grown-out-of buffer; built in place, so a failure part-way
    /// still wipes what was written.
    pub(crate) fn build(
        &self,
        input: &MessageInput<'_>,
        secret: SecretPart<'_>,
    ) -> Result<StringToSign, CanonicalError> {
        let kept = self.kept(input)?;
        let digests = self.digests(input)?;
        let mut built = StringToSign {
            text: Vec::with_capacity(self.length_bound(input, &kept, &digests, secret)?),
            secret_from: None,
            has_secret: matches!(secret, SecretPart::Real(_)) && self.has_secret(),
        };
        self.write_parts(input, &kept, &digests, secret, &mut built)?;
        Ok(built)
    }

    /// Writes the message into `sink` piece by piece (a hash state: no string is built).
    pub(crate) fn write<S: Sink>(
        &self,
        input: &MessageInput<'_>,
        secret: SecretPart<'_>,
        sink: &mut S,
    ) -> Result<(), CanonicalError> {
        let kept = self.kept(input)?;
        let digests = self.digests(input)?;
        self.write_parts(input, &kept, &digests, secret, sink)
    }

    /// The body's fields the message writes, sorted and filtered.
    fn kept<'a>(&self, input: &MessageInput<'a>) -> Result<Kept<'a>, CanonicalError> {
        Ok(match (self.canonical(), input.fields) {
            (None, _) => Kept::None,
            (Some(_), Fields::None) => return Err(CanonicalError::Missing("the body's fields")),
            (Some(_), Fields::Pairs(pairs)) => {
                Canonical::check_order(pairs)?;
                Kept::Pairs(pairs, &[])
            }
            (Some(_), Fields::SortedPairs { pairs, bare }) => Kept::Pairs(pairs, bare),
            (Some(canonical), Fields::Body(body)) => Kept::Items(canonical.kept_items(body)),
        })
    }

    fn write_parts<S: Sink>(
        &self,
        input: &MessageInput<'_>,
        kept: &Kept<'_>,
        digests: &[String],
        secret: SecretPart<'_>,
        out: &mut S,
    ) -> Result<(), CanonicalError> {
        let mut digests = digests.iter();
        let mut wrote_any = false;
        for part in self.parts {
            // Fields of which none is kept, unlabelled, are left out with their separator,
            // so the message does not start with one.
            if let Piece::Fields(canonical) = part.piece
                && part.label.is_empty()
                && !kept.writes_any(&canonical)
            {
                continue;
            }
            if wrote_any {
                out.put(self.separator.as_bytes());
            }
            if !part.label.is_empty() {
                out.put(part.label.as_bytes());
            }
            match part.piece {
                Piece::Fields(canonical) => kept.write(&canonical, out),
                Piece::Body => out.put(body(input)?),
                Piece::BodyDigest(..) => {
                    out.put(digests.next().map_or("", String::as_str).as_bytes())
                }
                Piece::Header(name) => out.put(header(input, name)?.as_bytes()),
                Piece::Method => out.put(
                    input
                        .method
                        .ok_or(CanonicalError::Missing("the method"))?
                        .as_bytes(),
                ),
                Piece::Path => out.put(
                    input
                        .path
                        .ok_or(CanonicalError::Missing("the path"))?
                        .as_bytes(),
                ),
                Piece::Secret => out.put_secret(secret.text()?.as_bytes()),
                Piece::Text(text) => out.put(text.as_bytes()),
            }
            wrote_any = true;
        }
        Ok(())
    }

    /// The encoded body digests, in part order.
    fn digests(&self, input: &MessageInput<'_>) -> Result<Vec<String>, CanonicalError> {
        // Most messages have none: collecting nothing through `Result` is not free.
        if !self.reads(|piece| matches!(piece, Piece::BodyDigest(..))) {
            return Ok(Vec::new());
        }
        self.parts
            .iter()
            .filter_map(|part| match part.piece {
                Piece::BodyDigest(digest, encoding) => Some((digest, encoding)),
                _ => None,
            })
            .map(|(digest, encoding)| Ok(encoding.encode(&digest.digest(body(input)?))))
            .collect()
    }

    /// An upper bound of the message's length (pairs counted before filtering).
    fn length_bound(
        &self,
        input: &MessageInput<'_>,
        kept: &Kept<'_>,
        digests: &[String],
        secret: SecretPart<'_>,
    ) -> Result<usize, CanonicalError> {
        let mut len = digests.iter().map(String::len).sum();
        for part in self.parts {
            len += self.separator.len() + part.label.len();
            len += match part.piece {
                Piece::Fields(canonical) => match kept {
                    Kept::Pairs(pairs, _) => canonical.pairs_len_bound(pairs),
                    Kept::Items(items) => canonical.kept_len_bound(items),
                    Kept::None => 0,
                },
                Piece::Body => input.body.map_or(0, <[u8]>::len),
                Piece::BodyDigest(..) => 0,
                Piece::Header(name) => header(input, name).map_or(0, str::len),
                Piece::Method => input.method.map_or(0, str::len),
                Piece::Path => input.path.map_or(0, str::len),
                Piece::Secret => secret.text()?.len(),
                Piece::Text(text) => text.len(),
            };
        }
        Ok(len)
    }
}

fn body<'a>(input: &MessageInput<'a>) -> Result<&'a [u8], CanonicalError> {
    input
        .body
        .ok_or(CanonicalError::Missing("the body's bytes"))
}

fn header<'a>(input: &MessageInput<'a>, name: &'static str) -> Result<&'a str, CanonicalError> {
    input
        .headers
        .iter()
        .find(|(given, _)| given.eq_ignore_ascii_case(name))
        .map(|(_, value)| *value)
        .ok_or(CanonicalError::MissingExtra { name })
}
