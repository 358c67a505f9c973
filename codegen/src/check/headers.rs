//! Checks of request headers: a constant value or a source, and a nonce's length.

use indexmap::IndexMap;

use super::Checker;
use crate::load::at::At;
use crate::load::raw::RawHeader;
use crate::model::{Header, HeaderValue};

/// The headers, each with exactly one of `value` and `from`.
pub(super) fn check_headers(
    c: &mut Checker<'_>,
    raw: &IndexMap<At<String>, crate::load::at::Item<RawHeader>>,
) -> Vec<Header> {
    let mut headers = Vec::new();
    for (name, header) in raw {
        let Some(header) = header.ok() else { continue };
        let value = match (&header.value, &header.from) {
            (Some(v), None) => HeaderValue::Constant(v.get().clone()),
            (None, Some(from)) => HeaderValue::From {
                source: *from.get(),
                length: header.length.as_ref().map(|l| *l.get()),
            },
            _ => {
                c.error(
                    header.pos(),
                    format!(
                        "header `{}` needs exactly one of `value` and `from`",
                        **name
                    ),
                );
                continue;
            }
        };
        match (&value, &header.length) {
            (
                HeaderValue::From {
                    source: crate::model::HeaderSource::Nonce,
                    ..
                },
                None,
            ) => {
                c.error(
                    header.pos(),
                    format!("nonce header `{}` needs a `length`", **name),
                );
            }
            (
                HeaderValue::From {
                    source: crate::model::HeaderSource::Nonce,
                    ..
                },
                Some(l),
            ) if !(8..=256).contains(l.get()) => {
                c.error(
                    l.pos(),
                    format!("nonce length {} is outside 8..=256", l.get()),
                );
            }
            (
                HeaderValue::From {
                    source: crate::model::HeaderSource::Nonce,
                    ..
                },
                Some(_),
            ) => {}
            (_, Some(l)) => {
                c.error(l.pos(), "`length` applies only to `from: nonce` headers");
            }
            (_, None) => {}
        }
        headers.push(Header {
            name: name.get().clone(),
            doc: header.doc.as_ref().map(|d| d.get().clone()),
            value,
        });
    }
    headers
}
