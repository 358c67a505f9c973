//! Checks of the signing section: schemes that can work, a selector that resolves, and
//! operations whose signature field matches.

use super::Checker;
use crate::load::at::At;
use crate::load::raw::{
    DropValue, RawFieldsPart, RawMessage, RawSigning, RequestPart, SignatureEncoding,
    SigningAlgorithm,
};
use crate::model::{
    Header, Kind, Operation, PartDef, PieceDef, SchemeDef, Select, SignaturePlace, Signing,
};

/// Checks the signing section against the spec's headers.
pub(crate) fn check_signing(
    c: &mut Checker<'_>,
    raw: &At<RawSigning>,
    headers: &[Header],
) -> Option<Signing> {
    let before = c.diags.len();
    // A scheme that did not load has been reported: a signing section with a hole in it
    // is not checked further, nor is what depends on it.
    if raw.schemes.values().any(|s| s.ok().is_none()) {
        return None;
    }
    let place = place(c, raw);
    let requests = match (&raw.requests, &raw.header) {
        (Some(requests), Some(_)) => *requests.get(),
        (Some(requests), None) => {
            c.error(
                requests.pos(),
                "`requests` is for a signature header: with `field`, the operations with the signature field are signed",
            );
            true
        }
        (None, _) => true,
    };
    let mut schemes = Vec::new();
    for (name, scheme) in &raw.schemes {
        let Some(scheme) = scheme.ok() else { continue };
        let parts = message(c, &scheme.message, headers, requests);
        if let Some(SignaturePlace::Field(field)) = &place {
            check_field_left_out(c, name, &scheme.message, &parts, field);
        }
        check_keyed(c, scheme.algorithm.get(), &scheme.algorithm, &parts);
        check_encoding(c, scheme.algorithm.get(), &scheme.encoding);
        schemes.push(SchemeDef {
            name: name.get().clone(),
            separator: scheme
                .message
                .separator
                .as_ref()
                .map(|s| s.get().clone())
                .unwrap_or_default(),
            parts,
            algorithm: *scheme.algorithm.get(),
            encoding: *scheme.encoding.get(),
        });
    }
    if raw.schemes.is_empty() {
        c.error(raw.pos(), "`signing` lists no scheme");
    }
    let index = |c: &mut Checker<'_>, name: &At<String>| {
        let found = schemes.iter().position(|s| s.name == **name);
        if found.is_none() {
            c.error(name.pos(), format!("no signing scheme named `{}`", **name));
        }
        found
    };
    let select = match (&raw.select, schemes.len()) {
        (Some(select), _) => {
            let default = index(c, &select.default);
            let by_value: Vec<(String, usize)> = select
                .by_value
                .iter()
                .filter_map(|(v, s)| Some((v.get().clone(), index(c, s)?)))
                .collect();
            default.map(|default| Select {
                field: select.field.get().clone(),
                default,
                by_value,
            })
        }
        (None, n) if n > 1 => {
            c.error(
                raw.pos(),
                "several schemes need a `select` saying which applies",
            );
            None
        }
        (None, _) => None,
    };
    if c.diags.len() > before {
        return None;
    }
    Some(Signing {
        place: place?,
        requests,
        schemes,
        select,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    })
}

/// Where the signature goes: exactly one of `field` and `header`.
fn place(c: &mut Checker<'_>, raw: &At<RawSigning>) -> Option<SignaturePlace> {
    match (&raw.field, &raw.header) {
        (Some(field), None) => Some(SignaturePlace::Field(field.get().clone())),
        (None, Some(header)) => Some(SignaturePlace::Header {
            name: header.name.get().clone(),
            prefix: header
                .prefix
                .as_ref()
                .map(|p| p.get().clone())
                .unwrap_or_default(),
        }),
        (Some(_), Some(header)) => {
            c.error(
                header.pos(),
                "the signature goes in a body `field` or a `header`, not both",
            );
            None
        }
        (None, None) => {
            c.error(
                raw.pos(),
                "`signing` says neither the `field` nor the `header` that carries the signature",
            )
            .help = Some("add `field: sign`, or `header: { name: X-Signature }`".into());
            None
        }
    }
}

/// The message's parts, each with exactly one value.
fn message(
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
    }
}

/// A signature in a body field must be left out of what it signs.
fn check_field_left_out(
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
fn check_keyed(
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
fn check_encoding(
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

/// Checks that each operation's signature field and selector field fit the signing section.
pub(crate) fn check_operation_signing(
    c: &mut Checker<'_>,
    signing: Option<(&Signing, &At<RawSigning>)>,
    op: &Operation,
    op_pos: crate::diagnostics::Pos,
) {
    let header_signed = signing.is_some_and(|(s, _)| s.field().is_none() && s.requests);
    let field = op.signature_field();
    if field.is_none() && !header_signed {
        return;
    }
    let Some((signing, raw)) = signing else {
        let Some(field) = field else { return };
        c.error(
            op_pos,
            format!(
                "`{}` has a signature field `{}` but the spec has no `signing` section",
                op.name, field.wire
            ),
        );
        return;
    };
    for header in signing.header_extras() {
        if !op
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(header))
        {
            c.error(
                op_pos,
                format!(
                    "`{}` is signed with its `{header}` header but does not send one",
                    op.name
                ),
            );
        }
    }
    match (signing.field(), &raw.field, field) {
        (Some(expected), Some(at), Some(field)) if field.wire != expected => {
            c.error(
                at.pos(),
                format!(
                    "signing puts the signature in `{expected}`, but `{}` calls it `{}`",
                    op.name, field.wire
                ),
            );
        }
        (None, _, Some(field)) => {
            c.error(
                op_pos,
                format!(
                    "`{}` has a signature field `{}`, but signing puts the signature in a header",
                    op.name, field.wire
                ),
            );
        }
        _ => {}
    }
    let Some(select) = &signing.select else {
        return;
    };
    let pos = raw.select.as_ref().map_or(raw.pos(), |s| s.field.pos());
    match op.fields.iter().find(|f| f.wire == select.field) {
        None => {
            c.error(
                pos,
                format!(
                    "`{}` has no field `{}` to choose the signing scheme",
                    op.name, select.field
                ),
            );
        }
        Some(f) => match &f.kind {
            Kind::Text => {}
            Kind::Enum(e) if !op.enums[*e].numeric => {
                for (value, _) in &select.by_value {
                    if !op.enums[*e].variants.iter().any(|v| v.code == *value) {
                        c.error(
                            pos,
                            format!("`{value}` is not a code of `{}`", select.field),
                        );
                    }
                }
            }
            _ => {
                c.error(
                    pos,
                    format!(
                        "the choosing field `{}` must be text or a text enum",
                        select.field
                    ),
                );
            }
        },
    }
}
