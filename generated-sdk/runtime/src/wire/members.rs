//! A request's JSON body as a list of members: generated code lists each struct's members
//! in the page's order, and one serializer here writes them. So the serde code for every
//! format is compiled once, not once per request type (most of a spec's build time was
//! the same `serialize_entry` calls inlined into each type's `Serialize`).

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{Error as _, SerializeMap as _, Serializer};

use crate::text::NumberText;

/// One member's value, as it goes on the wire.
#[doc(hidden)]
pub enum Member<'a> {
    /// A JSON string.
    Text(&'a str),
    /// A JSON string of a number's digits (`"1595504997"`, `"100.50"`).
    Digits(NumberText),
    /// A whole JSON number.
    Unsigned(u64),
    /// A whole JSON number that may be negative (a numeric code).
    Integer(i64),
    /// A JSON number written from its exact digits (an amount in main units).
    Number(serde_json::Number),
    /// `true` or `false`.
    Boolean(bool),
    /// A JSON object of text values.
    Map(&'a BTreeMap<String, String>),
    /// A nested object or an array of them, written by its own `Serialize`.
    Nested(&'a dyn erased_serde::Serialize),
    /// A value that cannot be written: the serializer's error, with this message.
    Unwritable(&'static str),
}

impl Member<'_> {
    /// Digits as a JSON string, or the error `why` when there are none to write (an
    /// amount with more decimals than its field's currency shows: never rounded).
    pub fn digits_or(digits: Option<NumberText>, why: &'static str) -> Self {
        digits.map_or(Member::Unwritable(why), Member::Digits)
    }

    /// An exact JSON number, or the error `why` when there is none to write.
    pub fn number_or(number: Option<serde_json::Number>, why: &'static str) -> Self {
        number.map_or(Member::Unwritable(why), Member::Number)
    }
}

impl Serialize for Member<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Member::Text(text) => serializer.serialize_str(text),
            Member::Digits(digits) => serializer.serialize_str(digits.as_str()),
            Member::Unsigned(n) => serializer.serialize_u64(*n),
            Member::Integer(n) => serializer.serialize_i64(*n),
            Member::Number(n) => n.serialize(serializer),
            Member::Boolean(b) => serializer.serialize_bool(*b),
            Member::Map(map) => map.serialize(serializer),
            Member::Nested(value) => erased_serde::serialize(*value, serializer),
            Member::Unwritable(why) => Err(S::Error::custom(why)),
        }
    }
}

/// A struct written as a JSON object: its members, in order. Generated for every request
/// struct, whose `Serialize` is [`serialize_members`].
#[doc(hidden)]
pub trait WireMembers {
    /// The members to write, in the page's order: absent optional fields left out.
    fn wire_members(&self) -> Vec<(&'static str, Member<'_>)>;
}

/// Any request's members as one `Serialize` type: bodies written through it compile
/// serde_json's writer once, not once per request type.
#[doc(hidden)]
pub struct AsMembers<'a>(pub &'a dyn WireMembers);

impl Serialize for AsMembers<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_members(self.0, serializer)
    }
}

/// Writes `value`'s members as a map: the body of every generated `Serialize`.
#[doc(hidden)]
pub fn serialize_members<S: Serializer>(
    value: &dyn WireMembers,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let members = value.wire_members();
    let mut map = serializer.serialize_map(Some(members.len()))?;
    for (name, member) in &members {
        map.serialize_entry(name, member)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Inner;
    impl WireMembers for Inner {
        fn wire_members(&self) -> Vec<(&'static str, Member<'_>)> {
            vec![("code", Member::Integer(-5))]
        }
    }
    impl Serialize for Inner {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_members(self, serializer)
        }
    }

    struct Outer {
        inner: Vec<Inner>,
        notes: BTreeMap<String, String>,
        amount_in_yen: Option<NumberText>,
    }
    impl WireMembers for Outer {
        fn wire_members(&self) -> Vec<(&'static str, Member<'_>)> {
            vec![
                ("name", Member::Text("a \"quoted\" name")),
                ("time", Member::Digits(NumberText::from_u64(1_595_504_997))),
                ("minor", Member::Unsigned(10_050)),
                (
                    "major",
                    Member::number_or("100.50".parse().ok(), "no number"),
                ),
                ("on", Member::Boolean(true)),
                ("notes", Member::Map(&self.notes)),
                ("items", Member::Nested(&self.inner)),
                (
                    "yen",
                    Member::digits_or(self.amount_in_yen, "too many decimals"),
                ),
            ]
        }
    }
    impl Serialize for Outer {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize_members(self, serializer)
        }
    }

    fn outer(amount_in_yen: Option<NumberText>) -> Outer {
        Outer {
            inner: vec![Inner, Inner],
            notes: BTreeMap::from([("k".to_string(), "v".to_string())]),
            amount_in_yen,
        }
    }

    #[test]
    fn members_are_written_in_order_each_in_its_json_form() {
        let json = serde_json::to_string(&outer(Some(NumberText::from_u64(1000))));
        assert_eq!(
            json.ok().as_deref(),
            Some(
                r#"{"name":"a \"quoted\" name","time":"1595504997","minor":10050,"major":100.50,"on":true,"notes":{"k":"v"},"items":[{"code":-5},{"code":-5}],"yen":"1000"}"#
            )
        );
    }

    #[test]
    fn an_unwritable_member_is_the_serializers_error_not_a_dropped_member() {
        let error = serde_json::to_string(&outer(None))
            .err()
            .map(|e| e.to_string());
        assert_eq!(error.as_deref(), Some("too many decimals"));
    }

    #[test]
    fn any_serializer_writes_the_members() {
        let value = serde_json::to_value(outer(Some(NumberText::from_u64(7))));
        let value = value.ok();
        let items = value.as_ref().and_then(|v| v.pointer("/items/1/code"));
        assert_eq!(items, Some(&serde_json::json!(-5)));
        let yen = value.as_ref().and_then(|v| v.pointer("/yen"));
        assert_eq!(yen, Some(&serde_json::json!("7")));
    }
}
