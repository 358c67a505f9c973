//! Model: the signing section.

use super::{BlankMeaning, FieldsForm, SignatureEncoding, SigningAlgorithm};
pub use crate::load::raw::DigestAlgorithm;

/// A spec's signing section.
#[derive(Debug, Clone)]
pub struct Signing {
    /// Where the signature goes.
    pub place: SignaturePlace,
    /// Whether requests are signed (otherwise only what the provider sends).
    pub requests: bool,
    /// The schemes, in spec order.
    pub schemes: Vec<SchemeDef>,
    /// How a body field chooses a scheme, when there are several.
    pub select: Option<Select>,
    /// The provider's unclarities.
    pub note: Option<String>,
}

/// Where the signature goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignaturePlace {
    /// In this body field.
    Field(String),
    /// In this header, after the prefix.
    Header {
        /// The header.
        name: String,
        /// Written before the signature.
        prefix: String,
    },
}

impl Signing {
    /// The body field carrying the signature, if it travels in the body.
    pub fn field(&self) -> Option<&str> {
        match &self.place {
            SignaturePlace::Field(field) => Some(field),
            SignaturePlace::Header { .. } => None,
        }
    }

    /// The request headers the messages read, in first-use order: each becomes a
    /// parameter of `verify`.
    pub fn header_extras(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for part in self.schemes.iter().flat_map(|s| &s.parts) {
            if let PieceDef::Header(name) = &part.piece
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }

    /// Whether no message ever writes the field `wire`: every fields part of every
    /// scheme excludes it (so the generated pairs can leave it out).
    pub fn never_signs(&self, wire: &str) -> bool {
        self.schemes
            .iter()
            .flat_map(|s| &s.parts)
            .all(|part| match &part.piece {
                PieceDef::Fields { exclude, .. } => exclude.iter().any(|name| name == wire),
                _ => true,
            })
    }
}

/// One signing scheme.
#[derive(Debug, Clone)]
pub struct SchemeDef {
    /// Its name in the spec.
    pub name: String,
    /// Written between parts.
    pub separator: String,
    /// The message's parts.
    pub parts: Vec<PartDef>,
    /// The algorithm.
    pub algorithm: SigningAlgorithm,
    /// The signature's encoding.
    pub encoding: SignatureEncoding,
}

impl SchemeDef {
    /// The fields part's excluded names, if the message writes the fields.
    pub fn excluded(&self) -> Option<&[String]> {
        self.parts.iter().find_map(|p| match &p.piece {
            PieceDef::Fields { exclude, .. } => Some(exclude.as_slice()),
            _ => None,
        })
    }

    /// Whether the message writes the body's fields as a JSON object.
    pub fn writes_json_fields(&self) -> bool {
        self.parts.iter().any(|p| {
            matches!(
                p.piece,
                PieceDef::Fields {
                    form: FieldsForm::Json,
                    ..
                }
            )
        })
    }
}

/// A part of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartDef {
    /// Written before the value.
    pub label: String,
    /// The value.
    pub piece: PieceDef,
}

/// Where a part's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PieceDef {
    /// The body's fields, sorted by name.
    Fields {
        /// Fields left out.
        exclude: Vec<String>,
        /// Drop `null` values.
        drop_null: bool,
        /// Drop empty strings.
        drop_empty: bool,
        /// Drop blank strings, in this sense of blank.
        drop_blank: Option<BlankMeaning>,
        /// Pairs or a JSON object.
        form: FieldsForm,
    },
    /// The body's bytes.
    Body,
    /// A digest of the body.
    BodyDigest(DigestAlgorithm, SignatureEncoding),
    /// A request header's value.
    Header(String),
    /// The HTTP method.
    Method,
    /// The request path.
    Path,
    /// The shared secret.
    Secret,
    /// A fixed text.
    Text(String),
}

/// How a body field chooses a scheme.
#[derive(Debug, Clone)]
pub struct Select {
    /// The choosing field's wire name.
    pub field: String,
    /// Index of the default scheme.
    pub default: usize,
    /// Value -> scheme index.
    pub by_value: Vec<(String, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(name: &str, exclude: &[&str], more: Vec<PieceDef>) -> SchemeDef {
        let fields = PieceDef::Fields {
            exclude: exclude.iter().map(|s| (*s).to_owned()).collect(),
            drop_null: true,
            drop_empty: true,
            drop_blank: None,
            form: FieldsForm::Pairs,
        };
        SchemeDef {
            name: name.to_owned(),
            separator: "&".to_owned(),
            parts: std::iter::once(fields)
                .chain(more)
                .map(|piece| PartDef {
                    label: String::new(),
                    piece,
                })
                .collect(),
            algorithm: SigningAlgorithm::Md5,
            encoding: SignatureEncoding::HexLower,
        }
    }

    /// A field is left out of the generated pairs only when no scheme writes it.
    #[test]
    fn a_field_is_never_signed_only_when_every_scheme_excludes_it() {
        let signing = Signing {
            place: SignaturePlace::Field("sign".to_owned()),
            requests: true,
            schemes: vec![
                scheme(
                    "md5",
                    &["sign", "sign_type", "remark"],
                    vec![PieceDef::Secret],
                ),
                scheme("hmac", &["sign", "sign_type"], vec![]),
            ],
            select: None,
            note: None,
        };
        assert!(signing.never_signs("sign"));
        assert!(signing.never_signs("sign_type"));
        assert!(!signing.never_signs("remark"), "the HMAC scheme writes it");
        assert!(!signing.never_signs("amount"));
    }
}
