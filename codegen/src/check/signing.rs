//! Checks of the signing section: schemes that can work, a selector that resolves, and
//! operations whose signature field matches.

use super::Checker;
use crate::load::at::At;
use crate::load::raw::{DropValue, RawSigning, SigningAlgorithm};
use crate::model::{AppendDef, Header, Kind, Operation, SchemeDef, Select, Signing};

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
    let mut schemes = Vec::new();
    for (name, scheme) in &raw.schemes {
        let Some(scheme) = scheme.ok() else { continue };
        let exclude: Vec<String> = scheme.exclude.iter().map(|e| e.get().clone()).collect();
        if !exclude.contains(raw.field.get()) {
            c.error(
                scheme.pos(),
                format!(
                    "scheme `{}` must exclude the signature field `{}`",
                    **name, *raw.field
                ),
            );
        }
        let mut append = Vec::new();
        for a in &scheme.append {
            let given = [
                a.header.is_some(),
                a.secret.is_some(),
                a.secret_as.is_some(),
            ];
            if given.iter().filter(|g| **g).count() != 1 {
                c.error(
                    a.pos(),
                    "an `append` entry needs exactly one of `header`, `secret`, `secret_as`",
                );
                continue;
            }
            if let Some(header) = &a.header {
                if !headers.iter().any(|h| h.name == **header) {
                    c.error(
                        header.pos(),
                        format!("no request header named `{}`", **header),
                    )
                    .help = Some("declare it under the spec's `headers:`".into());
                }
                append.push(AppendDef::Header(header.get().clone()));
            } else if let Some(secret) = &a.secret {
                if !*secret.get() {
                    c.error(
                        secret.pos(),
                        "`secret: false` appends nothing; leave the entry out",
                    );
                }
                append.push(AppendDef::Secret);
            } else if let Some(name) = &a.secret_as {
                append.push(AppendDef::NamedSecret(name.get().clone()));
            }
        }
        let appends_secret = append
            .iter()
            .any(|a| matches!(a, AppendDef::Secret | AppendDef::NamedSecret(_)));
        let algorithm = *scheme.algorithm.get();
        match algorithm {
            SigningAlgorithm::RsaSha1 | SigningAlgorithm::RsaSha256 if appends_secret => {
                c.error(
                    scheme.algorithm.pos(),
                    "an RSA scheme cannot append a shared secret",
                );
            }
            SigningAlgorithm::Md5 if !appends_secret => {
                c.error(
                    scheme.algorithm.pos(),
                    "an MD5 scheme must append the shared secret, or it signs nothing",
                )
                .help = Some("add `append: [ { secret: true } ]`".into());
            }
            SigningAlgorithm::HmacSha256 if appends_secret => {
                c.error(
                    scheme.algorithm.pos(),
                    "HMAC is keyed with the secret; appending it as well is not a known scheme",
                );
            }
            _ => {}
        }
        let drop = |v: DropValue| scheme.drop.iter().any(|d| *d.get() == v);
        let drop_blank = match (drop(DropValue::Blank), &scheme.blank_means) {
            (true, Some(meaning)) => Some(*meaning.get()),
            (true, None) => {
                let at = scheme.drop.iter().find(|d| *d.get() == DropValue::Blank);
                if let Some(at) = at {
                    c.error(
                        at.pos(),
                        "`blank` is dropped, but the scheme does not say what blank means",
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
        schemes.push(SchemeDef {
            name: name.get().clone(),
            exclude,
            drop_null: drop(DropValue::Null),
            drop_empty: drop(DropValue::Empty),
            drop_blank,
            append,
            algorithm,
            encoding: *scheme.encoding.get(),
        });
    }
    if raw.schemes.is_empty() {
        c.error(raw.field.pos(), "`signing` lists no scheme");
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
                raw.field.pos(),
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
        field: raw.field.get().clone(),
        schemes,
        select,
        note: raw.note.as_ref().map(|n| n.get().clone()),
    })
}

/// Checks that each operation's signature field and selector field fit the signing section.
pub(crate) fn check_operation_signing(
    c: &mut Checker<'_>,
    signing: Option<(&Signing, &At<RawSigning>)>,
    op: &Operation,
    op_pos: crate::diagnostics::Pos,
) {
    let Some(field) = op.signature_field() else {
        return;
    };
    let Some((signing, raw)) = signing else {
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
        if !op.headers.iter().any(|h| h.name == header) {
            c.error(
                op_pos,
                format!(
                    "`{}` is signed with its `{header}` header but does not send one",
                    op.name
                ),
            );
        }
    }
    if field.wire != signing.field {
        c.error(
            raw.field.pos(),
            format!(
                "signing puts the signature in `{}`, but `{}` calls it `{}`",
                signing.field, op.name, field.wire
            ),
        );
    }
    let Some(select) = &signing.select else {
        return;
    };
    let pos = raw
        .select
        .as_ref()
        .map_or(raw.field.pos(), |s| s.field.pos());
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
