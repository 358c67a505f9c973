//! Checks of one scheme's message, algorithm and encoding: parts with one value each,
//! fields a signature in the body is left out of, a key the algorithm can use, an
//! encoding that applies to its output.

use super::Checker;
use crate::load::at::At;
use crate::load::raw::{
    DropValue, RawFieldsPart, RawMessage, RequestPart, SignatureEncoding, SigningAlgorithm,
};
use crate::model::{Header, PartDef, PieceDef};

/// The message's parts, each with exactly one value.
pub(super) fn message(
    c: &mut Checker<'_>,
    raw: &At<RawMessage>,
    headers: &[Header],
    requests: bool,
) -> Vec<PartDef> {
    if raw.parts.is_empty() {
        c.error(raw.pos(), "the message has no part");
    }
    let mut parts = Vec::new();
    let mut fields_seen = false;
    for part in &raw.parts {
        let Some(part) = part.ok() else { continue };
        let given = [
            part.fields.is_some(),
            part.body.is_some(),
            part.body_digest.is_some(),
            part.header.is_some(),
            part.request.is_some(),
            part.secret.is_some(),
            part.text.is_some(),
        ];
        if given.iter().filter(|g| **g).count() != 1 {
            c.error(
                part.pos(),
                "a message part needs exactly one of `fields`, `body`, `body_digest`, `header`, `request`, `secret`, `text`",
            );
            continue;
        }
        let piece = if let Some(fields) = &part.fields {
            if fields_seen {
                c.error(fields.pos(), "the message writes the body's fields twice");
            }
            fields_seen = true;
            fields_piece(c, fields)
        } else if part.body.is_some() {
            PieceDef::Body
        } else if let Some(digest) = &part.body_digest {
            PieceDef::BodyDigest(*digest.digest.get(), *digest.encoding.get())
        } else if let Some(header) = &part.header {
            if requests && !headers.iter().any(|h| h.name.eq_ignore_ascii_case(header)) {
                c.error(
                    header.pos(),
                    format!("no request header named `{}`", **header),
                )
                .help = Some("declare it under the spec's `headers:`".into());
            }
            PieceDef::Header(header.get().clone())
        } else if let Some(request) = &part.request {
            match request.get() {
                RequestPart::Method => PieceDef::Method,
                RequestPart::Path => PieceDef::Path,
            }
        } else if let Some(secret) = &part.secret {
            if !*secret.get() {
                c.error(
                    secret.pos(),
                    "`secret: false` signs nothing; leave the part out",
                );
            }
            PieceDef::Secret
        } else {
            PieceDef::Text(
                part.text
                    .as_ref()
                    .map(|t| t.get().clone())
                    .unwrap_or_default(),
            )
        };
        parts.push(PartDef {
            label: part
                .label
                .as_ref()
                .map(|l| l.get().clone())
                .unwrap_or_default(),
            piece,
        });
    }
    parts
}

fn fields_piece(c: &mut Checker<'_>, fields: &At<RawFieldsPart>) -> PieceDef {
    let drop = |v: DropValue| fields.drop.iter().any(|d| *d.get() == v);
    let drop_blank = match (drop(DropValue::Blank), &fields.blank_means) {
        (true, Some(meaning)) => Some(*meaning.get()),
        (true, None) => {
            let at = fields.drop.iter().find(|d| *d.get() == DropValue::Blank);
            if let Some(at) = at {
                c.error(
                    at.pos(),
                    "`blank` is dropped, but the message does not say what blank means",
                )
                .help = Some(
                    "add `blank_means: java-trim` (a Java provider's `trim()`) or `blank_means: unicode-white-space`".into(),
                );
            }
            None
        }
        (false, Some(meaning)) => {
            c.error(
                meaning.pos(),
                "`blank_means` has nothing to do: `blank` is not among the dropped values",
            );
            None
        }
        (false, None) => None,
    };
    PieceDef::Fields {
        exclude: fields.exclude.iter().map(|e| e.get().clone()).collect(),
        drop_null: drop(DropValue::Null),
        drop_empty: drop(DropValue::Empty),
        drop_blank,
        form: fields.form.as_ref().map(|f| *f.get()).unwrap_or_default(),
    }
}

/// A signature in a body field must be left out of what it signs.
pub(super) fn check_field_left_out(
    c: &mut Checker<'_>,
    name: &At<String>,
    message: &At<RawMessage>,
    parts: &[PartDef],
    field: &str,
) {
    for part in parts {
        match &part.piece {
            PieceDef::Fields { exclude, .. } if !exclude.iter().any(|e| e == field) => {
                c.error(
                    message.pos(),
                    format!(
                        "scheme `{}` must exclude the signature field `{field}`",
                        **name
                    ),
                );
            }
            PieceDef::Body | PieceDef::BodyDigest(..) => {
                c.error(
                    message.pos(),
                    format!(
                        "scheme `{}` signs the body's bytes, which would hold the signature field `{field}`",
                        **name
                    ),
                )
                .help = Some("put the signature in a `header`, or sign the `fields`".into());
            }
            _ => {}
        }
    }
}

/// RSA signs no secret; a plain digest needs one; HMAC is keyed with it already.
pub(super) fn check_keyed(
    c: &mut Checker<'_>,
    algorithm: &SigningAlgorithm,
    at: &At<SigningAlgorithm>,
    parts: &[PartDef],
) {
    let has_secret = parts.iter().any(|p| p.piece == PieceDef::Secret);
    match algorithm {
        SigningAlgorithm::RsaSha1 | SigningAlgorithm::RsaSha256 if has_secret => {
            c.error(at.pos(), "an RSA scheme cannot sign a shared secret");
        }
        SigningAlgorithm::Md5 | SigningAlgorithm::Sha256 | SigningAlgorithm::Sha512
            if !has_secret =>
        {
            c.error(
                at.pos(),
                "a plain digest must sign the shared secret, or it depends on no key",
            )
            .help = Some("add the part `- secret: true`".into());
        }
        SigningAlgorithm::HmacSha256 | SigningAlgorithm::HmacSha512 if has_secret => {
            c.error(
                at.pos(),
                "HMAC is keyed with the secret; signing it as well is not a known scheme",
            );
        }
        _ => {}
    }
}

/// `base64-hex` writes a digest's or MAC's hex text: an RSA signature is neither.
pub(super) fn check_encoding(
    c: &mut Checker<'_>,
    algorithm: &SigningAlgorithm,
    encoding: &At<SignatureEncoding>,
) {
    let rsa = matches!(
        algorithm,
        SigningAlgorithm::RsaSha1 | SigningAlgorithm::RsaSha256
    );
    if rsa && *encoding.get() == SignatureEncoding::Base64Hex {
        c.error(
            encoding.pos(),
            "`base64-hex` writes the hex text of a digest or MAC in base64; an RSA signature is not a digest",
        )
        .help = Some(
            "an RSA signature's bytes are written `base64` (or `base64-url`, `hex-lower`, as the page says)".into(),
        );
    }
}
