//! Model: the signing section.

use super::{BlankMeaning, SignatureEncoding, SigningAlgorithm};

/// A spec's signing section.
#[derive(Debug, Clone)]
pub struct Signing {
    /// The body field carrying the signature.
    pub field: String,
    /// The schemes, in spec order.
    pub schemes: Vec<SchemeDef>,
    /// How a body field chooses a scheme, when there are several.
    pub select: Option<Select>,
    /// The provider's unclarities.
    pub note: Option<String>,
}

impl Signing {
    /// The request headers whose values are appended to the string to sign, in first-use
    /// order: each becomes a parameter of `sign` and `verify`.
    pub fn header_extras(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for append in self.schemes.iter().flat_map(|s| &s.append) {
            if let AppendDef::Header(name) = append
                && !names.contains(&name.as_str())
            {
                names.push(name);
            }
        }
        names
    }
}

/// One signing scheme.
#[derive(Debug, Clone)]
pub struct SchemeDef {
    /// Its name in the spec.
    pub name: String,
    /// Fields left out of the string.
    pub exclude: Vec<String>,
    /// Drop `null` values.
    pub drop_null: bool,
    /// Drop empty strings.
    pub drop_empty: bool,
    /// Drop blank strings, in this sense of blank.
    pub drop_blank: Option<BlankMeaning>,
    /// Appended after the pairs, in order.
    pub append: Vec<AppendDef>,
    /// The algorithm.
    pub algorithm: SigningAlgorithm,
    /// The signature's encoding.
    pub encoding: SignatureEncoding,
}

/// Something appended to the string to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppendDef {
    /// `&<header>=<value of the header>`
    Header(String),
    /// `&<secret>`
    Secret,
    /// `&<name>=<secret>`
    NamedSecret(String),
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
