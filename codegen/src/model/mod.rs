//! Step 3, model: the resolved, checked form of a spec that the emitters read.
//!
//! Everything here is already valid: names resolved to fields, enum literals to variants,
//! Rust names chosen. Collections are `Vec`s in spec order (or sorted where the output
//! must not depend on the author's order), so generation is deterministic.

pub use crate::load::raw::{
    AmountUnit, BlankMeaning, Charset, CheckDigitName, FieldLocation, FieldsForm, HeaderSource,
    OperationRole, PayoutState, Rejection, SignatureEncoding, SigningAlgorithm, TimestampUnit,
    WireForm,
};

mod checks;
mod exchange;
mod signing;

pub use checks::{Check, Condition, Constraint, ConstraintKind, Literal, Rule};
pub use exchange::{AnswerDef, Answers, CallbackDef, DataField, DataKind, Statuses};
pub use signing::{DigestAlgorithm, PartDef, PieceDef, SchemeDef, Select, SignaturePlace, Signing};

/// A spec, resolved.
#[derive(Debug, Clone)]
pub struct Spec {
    /// `teemopay-mx`
    pub id: String,
    /// `teemopay_mx`
    pub module: String,
    /// `TeemoPay`
    pub provider: String,
    /// `MX`
    pub country: String,
    /// `MXN`
    pub currency: String,
    /// The page's title.
    pub title: String,
    /// Where the page comes from.
    pub source: String,
    /// The spec file's display path (`specs/teemopay/mx.yaml`).
    pub file: String,
    /// The page's inconsistencies and the spec's choices.
    pub notes: Vec<String>,
    /// Request headers.
    pub headers: Vec<Header>,
    /// Reference lists, by name order.
    pub references: Vec<Reference>,
    /// How bodies are signed.
    pub signing: Option<Signing>,
    /// How the provider answers.
    pub answers: Option<Answers>,
    /// The payout status codes.
    pub statuses: Option<Statuses>,
    /// The provider's callback.
    pub callback: Option<CallbackDef>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
}

/// A request header.
#[derive(Debug, Clone)]
pub struct Header {
    /// Header name as sent.
    pub name: String,
    /// The page's description.
    pub doc: Option<String>,
    /// Where the value comes from.
    pub value: HeaderValue,
}

/// Where a header's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderValue {
    /// A constant.
    Constant(String),
    /// Produced per request or from credentials.
    From {
        /// The source.
        source: HeaderSource,
        /// For nonces: the length.
        length: Option<u32>,
    },
}

/// A reference list.
#[derive(Debug, Clone)]
pub struct Reference {
    /// The list's name in the spec (`mx-banks`).
    pub name: String,
    /// The Rust static's name (`MX_BANKS`).
    pub ident: String,
    /// What the list is.
    pub doc: Option<String>,
    /// Where it is published: `repository path at commit (date)`.
    pub source: Option<String>,
    /// Whether it is the provider's whole list.
    pub complete: bool,
    /// Entries sorted by key, so lookups can binary-search.
    pub entries: Vec<ReferenceEntry>,
}

/// One entry of a reference list.
#[derive(Debug, Clone)]
pub struct ReferenceEntry {
    /// The key.
    pub key: String,
    /// Display name.
    pub name: Option<String>,
    /// Values under the key.
    pub values: Vec<String>,
    /// Facts the list gives the entry, by name.
    pub attributes: Vec<(String, String)>,
}

/// An operation: one endpoint and its request.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `create_payout`
    pub name: String,
    /// `CreatePayoutRequest`
    pub type_name: String,
    /// `CreatePayoutAnswer`
    pub answer_type: String,
    /// What it does.
    pub doc: Option<String>,
    /// `POST`
    pub method: String,
    /// `/api/pay/payout/create/v1`
    pub path: String,
    /// The request content type.
    pub content_type: Option<String>,
    /// Creates or reads a payout.
    pub role: OperationRole,
    /// The request headers.
    pub headers: Vec<Header>,
    /// What the accepted answer carries.
    pub answer: Option<AnswerDef>,
    /// Body fields, in spec order.
    pub fields: Vec<Field>,
    /// Enums declared by the fields, in field order.
    pub enums: Vec<EnumDef>,
    /// Rules, in spec order.
    pub rules: Vec<Rule>,
    /// Examples with verdicts.
    pub examples: Vec<Example>,
    /// The item shapes of the array fields (`Kind::Array::item` indexes them): each a
    /// struct of its own fields and rules, checked at its own pointers.
    pub arrays: Vec<Operation>,
}

impl Spec {
    /// Whether the operation's requests are signed: it has the signature field, or the
    /// signature travels in a header of every request.
    pub fn signs(&self, op: &Operation) -> bool {
        self.signing
            .as_ref()
            .is_some_and(|s| op.signature_field().is_some() || (s.field().is_none() && s.requests))
    }
}

impl Operation {
    /// The signature field, if the request is signed.
    pub fn signature_field(&self) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == Kind::Signature)
    }

    /// The field with this path from the body: its wire name, or `bankAccount/agency`
    /// for a field of an object.
    pub fn field(&self, path: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.path == path)
    }

    /// The members of one struct, in spec order: the request's own (`None`), or those of
    /// the object field with this index.
    pub fn members(&self, of: Option<usize>) -> impl Iterator<Item = (usize, &Field)> {
        self.fields
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.parent == of)
    }

    /// The object fields, each a struct of its own, in spec order.
    pub fn objects(&self) -> impl Iterator<Item = (usize, &Field, &str)> {
        self.fields
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match &f.kind {
                Kind::Object { type_name } => Some((i, f, type_name.as_str())),
                _ => None,
            })
    }

    /// Whether any field is an object.
    pub fn has_objects(&self) -> bool {
        self.objects().next().is_some()
    }
}

/// A body field, or a field of an object in the body.
#[derive(Debug, Clone)]
pub struct Field {
    /// The JSON name, within its object.
    pub wire: String,
    /// The Rust field name, within its struct.
    pub rust: String,
    /// The path from the body by which rules name it: the wire name, or
    /// `bankAccount/agency` for a field of an object.
    pub path: String,
    /// JSON Pointer to the field (`/bankAccount/agency`).
    pub pointer: String,
    /// The object field it belongs to (index in `Operation::fields`); `None` for the body.
    pub parent: Option<usize>,
    /// A name unique in the whole request (the Rust names on its path joined with `_`):
    /// what the checks' flat view and the decoder's locals call it.
    pub binding: String,
    /// The page's description.
    pub doc: Option<String>,
    /// The page's inconsistency about this field, and the spec's choice.
    pub note: Option<String>,
    /// Whether the request must carry it.
    pub required: bool,
    /// The kind of value.
    pub kind: Kind,
    /// How it is written in JSON.
    pub wire_form: WireForm,
    /// Whether the other JSON form is accepted when decoding.
    pub accept_other_form: bool,
    /// Checks on the value.
    pub checks: Vec<Check>,
    /// Body or query string.
    pub location: FieldLocation,
    /// Text: `""` means the field is absent.
    pub empty_is_absent: bool,
    /// Text: the value is a secret, held as `runtime::wire::Secret`.
    pub secret: bool,
}

impl Field {
    /// Whether the field is a member of the generated struct (fixed values and the
    /// signature are not: the SDK fills them in).
    pub fn in_struct(&self) -> bool {
        !matches!(self.kind, Kind::Fixed(_) | Kind::Signature)
    }

    /// Whether the field is of the body itself, not of an object in it.
    pub fn at_top(&self) -> bool {
        self.parent.is_none()
    }

    /// For an amount whose currency a field chooses: that field's index.
    pub fn currency_field(&self) -> Option<usize> {
        self.checks.iter().find_map(|c| match c {
            Check::CurrencyDecimals { field, .. } => Some(*field),
            _ => None,
        })
    }
}

/// The kinds of field value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Text,
    /// A non-negative whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Money.
    Amount {
        /// Decimals of the main unit.
        decimals: u32,
        /// Main or minor units on the wire.
        unit: AmountUnit,
    },
    /// One of a set of codes; the index into `Operation::enums`.
    Enum(usize),
    /// A fixed text value.
    Fixed(String),
    /// The signature.
    Signature,
    /// Free key-value text pairs.
    Map,
    /// A JSON array of objects of the shape `Operation::arrays[item]`.
    Array {
        /// Index into `Operation::arrays`.
        item: usize,
        /// The fewest items.
        min: Option<u32>,
        /// The most items.
        max: Option<u32>,
    },
    /// An object: a struct of the fields whose `parent` is this field.
    Object {
        /// `BankAccount`
        type_name: String,
    },
}

/// An enum type.
#[derive(Debug, Clone)]
pub struct EnumDef {
    /// `AccountType`
    pub type_name: String,
    /// The field it belongs to (wire name).
    pub field: String,
    /// Whether codes are numbers.
    pub numeric: bool,
    /// The page's description of the field.
    pub doc: Option<String>,
    /// Variants in spec order.
    pub variants: Vec<Variant>,
}

/// An enum variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// `DebitCard`
    pub name: String,
    /// `3`, or `RRN`
    pub code: String,
    /// What the page says the code means.
    pub doc: Option<String>,
    /// For a currency code: its decimals.
    pub decimals: Option<u32>,
}

/// An example and its verdict.
#[derive(Debug, Clone)]
pub struct Example {
    /// Name.
    pub name: String,
    /// What it shows.
    pub doc: Option<String>,
    /// JSON text.
    pub json: String,
    /// Expected violations as (pointer, rule id), sorted.
    pub violations: Vec<(String, String)>,
}
