//! Raw spec: an operation's rules — conditions on fields, and the constraints that then
//! apply.

use schemars::JsonSchema;
use serde::Deserialize;

use super::request::{Charset, CheckDigitName, LengthSchema};
use crate::load::at::{At, Item};

/// A rule: when every condition holds, every constraint applies.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable identifier in kebab-case, reported with each violation.
    pub id: At<String>,
    /// What the page says, in words; becomes the violation's message.
    pub doc: At<String>,
    /// Conditions, all of which must hold (none: the rule always applies).
    #[serde(default)]
    pub when: Vec<Item<RawCondition>>,
    /// Constraints that then apply.
    pub then: Vec<Item<RawConstraint>>,
    /// Where the page is unclear about the rule, and what the spec chose.
    #[serde(default)]
    pub note: Option<At<String>>,
}

/// A condition on one field. Exactly one of `equals`, `one_of`, `in_list`, `present`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    /// The field the condition reads: its wire name, or its path from the body for a field
    /// of an object (`bankAccount/agency`).
    pub field: At<String>,
    /// The field has this value (an enum's variant name or code, or a text).
    #[serde(default)]
    pub equals: Option<At<String>>,
    /// The field has one of these values.
    #[serde(default)]
    pub one_of: Vec<At<String>>,
    /// The field's value is a key of this reference list.
    #[serde(default)]
    pub in_list: Option<At<String>>,
    /// The field is present (`true`) or absent (`false`).
    #[serde(default)]
    pub present: Option<At<bool>>,
}

/// A constraint on one field, applied when its rule's conditions hold.
///
/// Its value keys repeat `RawField`'s: serde cannot combine `flatten` with
/// `deny_unknown_fields`, and rejecting unknown keys matters more than the repetition.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConstraint {
    /// The field constrained: wire name, or path from the body (`bankAccount/agency`).
    pub field: At<String>,
    /// The field must be present.
    #[serde(default)]
    pub required: Option<At<bool>>,
    /// The field must not be sent (a Pix key together with a bank account; a description
    /// the page allows only for Pix).
    #[serde(default)]
    pub absent: Option<At<bool>>,
    /// For amounts and whole numbers: the smallest value when the conditions hold (a
    /// wallet's minimum that differs from a bank account's), amounts in main units.
    #[serde(default)]
    pub minimum: Option<At<String>>,
    /// For amounts and whole numbers: the largest value when the conditions hold.
    #[serde(default)]
    pub maximum: Option<At<String>>,
    /// Exact length (`18`) or range (`10-13`).
    #[serde(default)]
    #[schemars(with = "Option<LengthSchema>")]
    pub length: Option<At<String>>,
    /// Minimum length.
    #[serde(default)]
    pub min: Option<At<u32>>,
    /// Maximum length.
    #[serde(default)]
    pub max: Option<At<u32>>,
    /// The characters the value may contain.
    #[serde(default)]
    pub charset: Option<At<Charset>>,
    /// A check digit the value must carry.
    #[serde(default)]
    pub check_digit: Option<At<CheckDigitName>>,
    /// The value's shape (see the field's `mask`).
    #[serde(default)]
    pub mask: Option<At<String>>,
    /// A prefix the value must start with.
    #[serde(default)]
    pub starts_with: Option<At<String>>,
    /// The value must be a key of this reference list.
    #[serde(default)]
    pub in_list: Option<At<String>>,
    /// The first `chars` characters equal the last `chars` of another field.
    #[serde(default)]
    pub prefix_equals_suffix_of: Option<At<RawAffixMatch>>,
    /// The first `chars` characters are one of the values listed under another field's
    /// value in a reference list; no list, or an empty one, means no check.
    #[serde(default)]
    pub prefix_in_list: Option<At<RawPrefixInList>>,
    /// The value is the name a reference list gives another field's value (bankName is
    /// the list's name of bankCode); a key the list does not have means no check.
    #[serde(default)]
    pub name_in_list: Option<At<RawNameInList>>,
    /// The value's length is one the list gives another field's value as `attribute`
    /// (`"14|13"`); no entry, or none with that attribute, means no check.
    #[serde(default)]
    pub length_in_list: Option<At<RawLengthInList>>,
    /// The value must be exactly this text (a code the condition fixes: "when accountType
    /// is 303, bankCode is EASYPAISA").
    #[serde(default)]
    pub equals: Option<At<String>>,
    /// The character at a position (1 is the first) must be one of these characters (an
    /// IFSC code's fifth character is "0").
    #[serde(default)]
    pub char_at: Option<At<RawCharAt>>,
}

/// `char_at`: a position and the characters allowed there.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCharAt {
    /// The position, 1 for the first character.
    pub position: At<u32>,
    /// The characters allowed there, as one text (`"0"`, `"AB"`).
    pub one_of: At<String>,
}

/// `prefix_equals_suffix_of`: the other field and how many characters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAffixMatch {
    /// The other field (wire name or path).
    pub field: At<String>,
    /// How many characters are compared.
    pub chars: At<u32>,
}

/// `prefix_in_list`: the list, the field whose value selects the entry, the prefix size.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPrefixInList {
    /// The reference list.
    pub list: At<String>,
    /// The field whose value is the list key (wire name or path).
    pub key: At<String>,
    /// How many leading characters are looked up.
    pub chars: At<u32>,
}

/// `name_in_list`: the list, and the field whose value is the key named.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNameInList {
    /// The reference list.
    pub list: At<String>,
    /// The field whose value is the list key (wire name or path).
    pub key: At<String>,
}

/// `length_in_list`: the list, the field whose value is the key, the attribute.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLengthInList {
    /// The reference list.
    pub list: At<String>,
    /// The field whose value is the list key (wire name or path).
    pub key: At<String>,
    /// The entries' attribute holding the lengths (`"14|13"`: 14 or 13 characters).
    pub attribute: At<String>,
}
