//! The body's fields as one compact JSON object (`fields: { as: json }`): the exact text,
//! so that the pairs generated code gives and a received JSON body write the same bytes.
//!
//! - keys in ascending byte order of their UTF-8, at every depth;
//! - no white space: `{"a":1,"b":"x"}`, `{}` when no field is kept;
//! - strings in double quotes, escaping `"` and `\` with a backslash, U+0008, U+0009,
//!   U+000A, U+000C and U+000D as `\b`, `\t`, `\n`, `\f` and `\r`, every other character
//!   below U+0020 as `\u00XX` (lowercase hex), and nothing else (not `/`, not U+007F,
//!   not non-ASCII): what JavaScript's `JSON.stringify` and serde_json write;
//! - numbers as their JSON text, never through a float (serde_json's
//!   `arbitrary_precision` keeps a received number's digits: `100.50` stays `100.50`);
//! - `true`, `false`, `null`; arrays in their order.

use serde_json::Value;

use super::sink::Sink;
use crate::words::{ONES, TOPS, any_word};

/// The two-character escape of `"`, `\` and five control characters (`\n`...); `None`
/// for every other byte (written as is, or as `\u00XX` below U+0020).
fn short_escape(byte: u8) -> Option<u8> {
    Some(match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0a => b'n',
        0x0c => b'f',
        0x0d => b'r',
        _ => return None,
    })
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `text` as a JSON string, quotes included.
pub(crate) fn write_string<S: Sink + ?Sized>(text: &str, out: &mut S) {
    let bytes = text.as_bytes();
    // Most text escapes nothing: one pass over the bytes says so, and the text goes out
    // whole.
    if !needs_escape(bytes) {
        return out.put_quoted(bytes);
    }
    out.put_byte(b'"');
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = short_escape(byte);
        if escape.is_none() && byte >= 0x20 {
            continue;
        }
        out.put(&bytes[start..i]);
        match escape {
            Some(short) => out.put(&[b'\\', short]),
            None => out.put(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0x0f)],
            ]),
        }
        start = i + 1;
    }
    out.put(&bytes[start..]);
    out.put_byte(b'"');
}

/// Whether any byte is below U+0020, `"` or `\\`, eight bytes at a time: a word has a
/// byte below 0x20 when subtracting 0x20 from each byte borrows into the top bit of a
/// byte that had it clear, and a byte equal to `"` or `\\` when the word XOR that byte
/// has a zero byte. A borrow can flag a byte wrongly only above one flagged rightly, so
/// the answer for the whole word is exact.
fn needs_escape(bytes: &[u8]) -> bool {
    let below = |x: u64, n: u64| x.wrapping_sub(n * ONES) & !x & TOPS;
    let escapes =
        |x: u64| below(x, 0x20) | below(x ^ (0x22 * ONES), 1) | below(x ^ (0x5c * ONES), 1);
    any_word(bytes, b'a', escapes) != 0
}

/// The length [`write_string`] writes for `text`.
pub(crate) fn string_len(text: &str) -> usize {
    2 + text
        .bytes()
        .map(|byte| match (short_escape(byte), byte) {
            (Some(_), _) => 2,
            (None, 0x00..=0x1f) => 6,
            (None, _) => 1,
        })
        .sum::<usize>()
}

/// Writes a received value as compact JSON, object keys in ascending byte order.
pub(crate) fn write_value<S: Sink + ?Sized>(value: &Value, out: &mut S) {
    match value {
        Value::Null => out.put(b"null"),
        Value::Bool(true) => out.put(b"true"),
        Value::Bool(false) => out.put(b"false"),
        // With serde_json's `arbitrary_precision`, a number keeps its exact text.
        Value::Number(number) => out.put(number.as_str().as_bytes()),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.put_byte(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.put_byte(b',');
                }
                write_value(item, out);
            }
            out.put_byte(b']');
        }
        Value::Object(map) => {
            // Sorted here, whatever order the map keeps (serde_json's `preserve_order`
            // feature, which any crate of a build may turn on, keeps the received order).
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            write_object(
                entries.into_iter().map(|(k, v)| (k.as_str(), v)),
                out,
                |_, v, out| write_value(v, out),
            );
        }
    }
}

/// A received value as [`write_value`] writes it.
pub(crate) fn value_text(value: &Value) -> String {
    let mut out = Vec::new();
    write_value(value, &mut out);
    // Only UTF-8 text and ASCII are written.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `{"name":"text",...}` from `(name, text)` pairs in the order given, each text
/// bare when its name is in `bare` (a number, `true`, `false`). A member whose name and
/// text escape nothing, as most do, goes out as one piece.
pub(crate) fn write_text_object<'a, S: Sink + ?Sized>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    bare: &[&str],
    out: &mut S,
) {
    out.put_byte(b'{');
    let mut separator = None;
    for (name, text) in pairs {
        let quoted = !bare.contains(&name);
        if needs_escape(name.as_bytes()) || quoted && needs_escape(text.as_bytes()) {
            if let Some(separator) = separator {
                out.put_byte(separator);
            }
            write_string(name, out);
            out.put_byte(b':');
            if quoted {
                write_string(text, out);
            } else {
                out.put(text.as_bytes());
            }
        } else {
            out.put_member(separator, name.as_bytes(), text.as_bytes(), quoted);
        }
        separator = Some(b',');
    }
    out.put_byte(b'}');
}

/// Writes `{"name":<value>,...}` in the order given, each value by `write(name, value)`.
pub(crate) fn write_object<'a, V, S: Sink + ?Sized>(
    entries: impl Iterator<Item = (&'a str, V)>,
    out: &mut S,
    write: impl Fn(&'a str, V, &mut S),
) {
    out.put_byte(b'{');
    for (i, (name, value)) in entries.enumerate() {
        if i > 0 {
            out.put_byte(b',');
        }
        write_string(name, out);
        out.put_byte(b':');
        write(name, value, out);
    }
    out.put_byte(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_found_at_every_position_of_a_word() {
        crate::words::agrees_at_every_position(needs_escape, |b| {
            b < 0x20 || b == b'"' || b == b'\\'
        });
        for len in 0..20 {
            assert!(!needs_escape(&vec![0xff; len]), "non-ASCII needs no escape");
            assert!(!needs_escape(&vec![b' '; len]));
        }
    }

    #[test]
    fn strings_escape_what_json_stringify_escapes() {
        let text = "a\"b\\c/\u{1}\u{8}\t\n\u{c}\r\u{1f}\u{7f}é王";
        let mut out = Vec::new();
        write_string(text, &mut out);
        assert_eq!(
            String::from_utf8(out).ok().as_deref(),
            Some("\"a\\\"b\\\\c/\\u0001\\b\\t\\n\\f\\r\\u001f\u{7f}é王\"")
        );
        assert_eq!(string_len(text), {
            let mut out = Vec::new();
            write_string(text, &mut out);
            out.len()
        });
    }

    #[test]
    fn an_object_of_pairs_is_what_serde_json_writes() {
        let pairs = [
            ("a\"b", "plain"),
            ("amount", "1000.50"),
            ("memo", "line\nbreak \"quoted\" \\ \u{1}"),
            ("name", "José 王"),
            ("paid", "true"),
        ];
        let bare = ["amount", "paid"];
        // Sorted, as the pairs are: the same order whichever map serde_json keeps.
        let mut expected = serde_json::Map::new();
        for (name, text) in pairs {
            let value = if bare.contains(&name) {
                serde_json::from_str(text).unwrap_or(Value::Null)
            } else {
                Value::String(text.to_owned())
            };
            expected.insert(name.to_owned(), value);
        }
        let mut out = Vec::new();
        write_text_object(pairs.into_iter(), &bare, &mut out);
        assert_eq!(
            String::from_utf8(out).ok(),
            serde_json::to_string(&expected).ok()
        );
    }

    /// The message is written into one allocation of its bound, so that a secret in it is
    /// never left behind in a grown-out-of buffer: the bounds must hold.
    #[test]
    fn the_length_bounds_hold() {
        use super::super::canonical::{Canonical, DropValues, FieldsForm};
        let json = Canonical {
            exclude: &[],
            drop: DropValues::NONE,
            form: FieldsForm::Json,
        };
        let escaped = "\u{1}\"\\\n\u{1f}王";
        let pairs = [("\u{2}", Some(escaped)), ("b", Some("12")), ("c", None)];
        for bare in [&[][..], &["b"][..]] {
            let mut out = Vec::new();
            json.write_pairs(&pairs, bare, &mut out);
            assert!(out.len() <= json.pairs_len_bound(&pairs), "{bare:?}");
        }
        let body: serde_json::Map<String, Value> =
            serde_json::from_str(r#"{"\u0002":"\u0001\"","n":null,"o":{"\n":[1,"\u001f"]}}"#)
                .unwrap_or_default();
        let items = json.kept_items(&body);
        let mut out = Vec::new();
        json.write_kept(&items, &mut out);
        assert!(out.len() <= json.kept_len_bound(&items));
        assert!(out.len() > 20, "the body was read");
    }
}
