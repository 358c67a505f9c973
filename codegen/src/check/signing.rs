//! Checks of the signing section: schemes that can work, a selector that resolves, and
//! operations whose signature field matches.

use super::Checker;
use super::message::{check_encoding, check_field_left_out, check_keyed, message};
use crate::diagnostics::Pos;
use crate::load::at::At;
use crate::load::raw::{RawOperation, RawSigning};
use crate::model::{
    FieldLocation, Header, Kind, Operation, SchemeDef, Select, SignaturePlace, Signing,
    SigningAlgorithm,
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
    // The generated code signs with one key type: an RSA scheme beside a shared-secret
    // one would be handed a key it cannot take.
    let rsa = |s: &SchemeDef| {
        matches!(
            s.algorithm,
            SigningAlgorithm::RsaSha1 | SigningAlgorithm::RsaSha256
        )
    };
    if let Some(first) = schemes.first()
        && let Some(other) = schemes.iter().find(|s| rsa(s) != rsa(first))
    {
        let kind = |s: &SchemeDef| {
            if rsa(s) {
                "an RSA key"
            } else {
                "a shared secret"
            }
        };
        let at = raw
            .schemes
            .keys()
            .find(|k| ***k == other.name)
            .map_or(raw.pos(), At::pos);
        c.error(
            at,
            format!(
                "scheme `{}` takes {}, but `{}` takes {}: a spec's schemes take one kind of key",
                other.name,
                kind(other),
                first.name,
                kind(first)
            ),
        );
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

/// A message of the body's fields says nothing of fields outside the body: a signed
/// operation's fields must all travel in it, so that the request and a received body
/// (which has only the body) write the same text. This holds for fields written as a
/// JSON object, and for any fields part when the signature is in a header (a signed
/// `GET` then has its fields in the query string, where a receiver's body has none).
fn check_json_fields_in_body(
    c: &mut Checker<'_>,
    signing: &Signing,
    op: &Operation,
    field_pos: &dyn Fn(&str) -> Pos,
) {
    let json = signing.schemes.iter().any(SchemeDef::writes_json_fields);
    let pairs_in_header = signing.field().is_none()
        && signing.schemes.iter().any(|s| {
            s.parts
                .iter()
                .any(|p| matches!(p.piece, crate::model::PieceDef::Fields { .. }))
        });
    if !json && !pairs_in_header {
        return;
    }
    let (what, help) = if json {
        (
            "with its fields as a JSON object (`as: json`)",
            "`as: json` writes the body's fields only; sign a path or header with its own part (`request: path`, `header: <name>`), or write the fields `as: pairs`",
        )
    } else {
        (
            "in a header over its fields",
            "a receiver sees only the body's fields; sign a path or header with its own part (`request: path`, `header: <name>`)",
        )
    };
    for f in &op.fields {
        let place = match f.location {
            FieldLocation::Body => continue,
            FieldLocation::Query => "the query string",
            FieldLocation::Path => "the path",
            FieldLocation::Header => "a header",
        };
        c.error(
            field_pos(&f.wire),
            format!(
                "`{}` is signed {what}, but `{}` travels in {place}, not in the body",
                op.name, f.wire
            ),
        )
        .help = Some(help.into());
    }
}

/// Checks that each operation's signature field and selector field fit the signing section
/// (`name` and `raw_op`: the operation as written).
pub(crate) fn check_operation_signing(
    c: &mut Checker<'_>,
    signing: Option<(&Signing, &At<RawSigning>)>,
    op: &Operation,
    name: &At<String>,
    raw_op: &RawOperation,
) {
    let op_pos = name.pos();
    let field_pos = |wire: &str| {
        raw_op
            .fields
            .keys()
            .find(|k| k.get() == wire)
            .map_or(op_pos, |k| k.pos())
    };
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
    check_json_fields_in_body(c, signing, op, &field_pos);
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
    let reads_fields = signing.schemes.iter().any(|s| {
        s.parts
            .iter()
            .any(|p| matches!(p.piece, crate::model::PieceDef::Fields { .. }))
    });
    let object = op
        .fields
        .iter()
        .find(|f| matches!(f.kind, Kind::Object { .. } | Kind::Map | Kind::Array { .. }));
    if reads_fields && let Some(object) = object {
        c.error(
            op_pos,
            format!(
                "`{}` is signed over its fields as `name=value` pairs, but `{}` is an object, which has no such text",
                op.name, object.wire
            ),
        )
        .help = Some("sign the body's bytes (`body: bytes`), or keep the body flat".into());
    }
    let Some(select) = &signing.select else {
        return;
    };
    let pos = raw.select.as_ref().map_or(raw.pos(), |s| s.field.pos());
    match op
        .fields
        .iter()
        .find(|f| f.at_top() && f.wire == select.field)
    {
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
