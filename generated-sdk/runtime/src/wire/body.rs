//! Bodies as they travel: a JSON object, or an HTML form
//! (`application/x-www-form-urlencoded`: `name=value` pairs joined with `&`). The SDK
//! writes requests and reads callbacks in the format the spec names; every other layer
//! sees the same fields either way, as a JSON object whose form values are strings.

use serde_json::{Map, Value};

use crate::json::{JsonError, read_object};

/// How a body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyFormat {
    /// A JSON object.
    Json,
    /// An HTML form: every value is text.
    Form,
}

/// Why a body could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    /// Not a JSON object.
    #[error("the body is not a JSON object: {0}")]
    Json(String),
    /// A name is given twice: a reader keeping the first and one keeping the last would
    /// see two different bodies.
    #[error("the body repeats {}", .0.join(", "))]
    DuplicateKeys(Vec<String>),
    /// A form pair that does not decode to UTF-8 text.
    #[error("the form's pair {0} is not UTF-8 text once decoded")]
    NotText(usize),
    /// A value a form cannot carry (an object, an array).
    #[error("`{0}` is not text, a number or a boolean, which is all a form can carry")]
    NotFlat(String),
}

impl From<JsonError> for BodyError {
    fn from(e: JsonError) -> Self {
        match e {
            JsonError::DuplicateKeys(keys) => BodyError::DuplicateKeys(keys),
            other => BodyError::Json(other.to_string()),
        }
    }
}

impl BodyFormat {
    /// The format a content type names: a form for `application/x-www-form-urlencoded`
    /// (whatever its parameters), JSON otherwise.
    pub fn of(content_type: Option<&str>) -> BodyFormat {
        let essence = content_type
            .and_then(|t| t.split(';').next())
            .map(str::trim)
            .unwrap_or("");
        if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            BodyFormat::Form
        } else {
            BodyFormat::Json
        }
    }

    /// Writes a request (a struct that serializes to a JSON object) in this format, its
    /// members in their order.
    pub fn write<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<Vec<u8>, BodyError> {
        // Only the JSON writing depends on the type; the rest is compiled once.
        self.write_json(serde_json::to_vec(value))
    }

    /// The body in this format, from the request written as JSON text.
    fn write_json(self, json: serde_json::Result<Vec<u8>>) -> Result<Vec<u8>, BodyError> {
        let json = json.map_err(|e| BodyError::Json(e.to_string()))?;
        match self {
            BodyFormat::Json => Ok(json),
            BodyFormat::Form => {
                // Read back in member order (a `Map` would sort it).
                let Ordered(fields) =
                    serde_json::from_slice(&json).map_err(|e| BodyError::Json(e.to_string()))?;
                write_form(&fields)
            }
        }
    }

    /// Adds one text member after the others (a signature), keeping the bytes before it.
    pub fn append(self, mut body: Vec<u8>, name: &str, value: &str) -> Result<Vec<u8>, BodyError> {
        match self {
            BodyFormat::Json => {
                // The body is always an object: replace its closing brace.
                body.pop();
                if body.len() > 1 {
                    body.push(b',');
                }
                let write = |body: &mut Vec<u8>, text: &str| {
                    serde_json::to_writer(body, text).map_err(|e| BodyError::Json(e.to_string()))
                };
                write(&mut body, name)?;
                body.push(b':');
                write(&mut body, value)?;
                body.push(b'}');
            }
            BodyFormat::Form => {
                let mut pair = form_urlencoded::Serializer::new(String::new());
                pair.append_pair(name, value);
                if !body.is_empty() {
                    body.push(b'&');
                }
                body.extend_from_slice(pair.finish().as_bytes());
            }
        }
        Ok(body)
    }

    /// Reads a body into its fields: a JSON object as it is, a form as text values. A name
    /// given twice is refused in both.
    pub fn read(self, body: &[u8]) -> Result<Map<String, Value>, BodyError> {
        match self {
            BodyFormat::Json => Ok(read_object(body)?),
            BodyFormat::Form => read_form(body),
        }
    }
}

/// A JSON object's members in the order they were written.
struct Ordered(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Ordered, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Ordered(members))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// The fields as `name=value` pairs, percent-encoded as HTML forms are.
fn write_form(fields: &[(String, Value)]) -> Result<Vec<u8>, BodyError> {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        match value {
            Value::String(text) => form.append_pair(name, text),
            Value::Number(n) => form.append_pair(name, &n.to_string()),
            Value::Bool(b) => form.append_pair(name, if *b { "true" } else { "false" }),
            Value::Null => continue,
            Value::Array(_) | Value::Object(_) => return Err(BodyError::NotFlat(name.clone())),
        };
    }
    Ok(form.finish().into_bytes())
}

/// A form's pairs, decoded strictly: `+` is a space, `%XX` a byte, and the bytes must be
/// UTF-8 (a lossy decoding would read text the sender did not send).
fn read_form(body: &[u8]) -> Result<Map<String, Value>, BodyError> {
    let mut fields = Map::new();
    let mut repeated = Vec::new();
    let pairs = body.split(|b| *b == b'&').filter(|pair| !pair.is_empty());
    for (index, pair) in pairs.enumerate() {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let decode = |part: &[u8]| -> Option<String> {
            let spaced: Vec<u8> = part
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
            String::from_utf8(bytes).ok()
        };
        let (Some(name), Some(value)) = (decode(name), decode(value)) else {
            return Err(BodyError::NotText(index + 1));
        };
        if fields.contains_key(&name) {
            repeated.push(crate::rules::member_pointer("", &name));
        } else {
            fields.insert(name, Value::String(value));
        }
    }
    if repeated.is_empty() {
        Ok(fields)
    } else {
        Err(BodyError::DuplicateKeys(repeated))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_is_written_in_member_order_and_read_back_as_text() {
        #[derive(serde::Serialize)]
        struct Payout {
            name: &'static str,
            amount: u64,
            vip: bool,
            memo: Option<&'static str>,
        }
        let body = Payout {
            name: "José & Co",
            amount: 1050,
            vip: true,
            memo: None,
        };
        let written = BodyFormat::Form.write(&body).expect("flat");
        assert_eq!(
            String::from_utf8(written.clone()).expect("ascii"),
            "name=Jos%C3%A9+%26+Co&amount=1050&vip=true",
            "in member order, a null left out"
        );
        let signed = BodyFormat::Form
            .append(written, "sign", "a+b/c=")
            .expect("appended");
        assert!(signed.ends_with(b"&sign=a%2Bb%2Fc%3D"));
        let read = BodyFormat::Form.read(&signed).expect("a form");
        assert_eq!(read["name"], "José & Co");
        assert_eq!(read["amount"], "1050");
        assert_eq!(read["sign"], "a+b/c=");
    }

    #[test]
    fn a_form_that_repeats_a_name_or_is_not_text_is_refused() {
        assert_eq!(
            BodyFormat::Form.read(b"a=1&b=2&a=3"),
            Err(BodyError::DuplicateKeys(vec!["/a".into()]))
        );
        assert_eq!(
            BodyFormat::Form.read(b"a=1&b=%FF"),
            Err(BodyError::NotText(2))
        );
        let nested = serde_json::json!({"bank": {"code": "1"}});
        assert_eq!(
            BodyFormat::Form.write(&nested),
            Err(BodyError::NotFlat("bank".into()))
        );
    }

    #[test]
    fn the_content_type_names_the_format() {
        assert_eq!(
            BodyFormat::of(Some("application/x-www-form-urlencoded; charset=UTF-8")),
            BodyFormat::Form
        );
        assert_eq!(BodyFormat::of(Some("application/json")), BodyFormat::Json);
        assert_eq!(BodyFormat::of(None), BodyFormat::Json);
    }
}
