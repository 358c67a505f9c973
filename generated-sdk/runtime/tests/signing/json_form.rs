//! The body's fields written as a JSON object (`fields: { as: json }`): a text written out
//! by hand here, signed by the OpenSSL command line; the generated pairs and a received
//! body giving the same bytes, and both the bytes serde_json's own writer gives; and the
//! signature refusing every change it covers.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use payspec_runtime::json::read_object;
use payspec_runtime::signing::{
    Algorithm, Canonical, DropValues, Encoding, Fields, FieldsForm, Message, MessageInput, Pair,
    Part, Piece, Placement, Scheme, Schemes, SharedSecret, Signing, VerifyError,
};

use crate::common::Rng;
use crate::openssl::{openssl_piped, openssl_present};

/// Every field but `sign`, nulls and empty strings dropped, as one JSON object.
const JSON_FIELDS: Canonical = Canonical {
    exclude: &["sign"],
    drop: DropValues::NULL_AND_EMPTY,
    form: FieldsForm::Json,
};

/// `POST\n/v1/transfers\n<the fields as JSON>`, HMAC-SHA256, lowercase hex.
const SCHEME: Scheme = Scheme {
    message: Message {
        separator: "\n",
        parts: &[
            Part {
                label: "",
                piece: Piece::Method,
            },
            Part {
                label: "",
                piece: Piece::Path,
            },
            Part {
                label: "",
                piece: Piece::Fields(JSON_FIELDS),
            },
        ],
    },
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::HexLower,
};

static SIGNING: Signing = Signing {
    signature: Placement::Field("sign"),
    schemes: Schemes::Fixed(SCHEME),
};

const SECRET: &str = "whsec_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";

fn input<'a>(fields: Fields<'a>) -> MessageInput<'a> {
    MessageInput {
        fields,
        body: None,
        headers: &[],
        method: Some("POST"),
        path: Some("/v1/transfers"),
    }
}

/// A request as the body sends it: every kind of value, in no particular order, and
/// strings that need JSON's escapes.
const BODY: &str = r#"{"urgent":true,"reference":"T-1 \"quoted\" \\ end","amount":1000.50,"memo":null,"note":"","count":12,"name":"José 王\n\t\u0001/ & = ok","sign":"ignored"}"#;

/// The message for [`BODY`], written out by hand as the rule states it.
const MESSAGE: &str = concat!(
    "POST\n/v1/transfers\n",
    r#"{"amount":1000.50,"count":12,"name":"José 王\n\t\u0001/ & = ok","reference":"T-1 \"quoted\" \\ end","urgent":true}"#
);

/// [`BODY`] as generated code gives it: sorted `(name, text)` pairs and the bare names.
const PAIRS: [Pair<'static>; 8] = [
    ("amount", Some("1000.50")),
    ("count", Some("12")),
    ("memo", None),
    ("name", Some("José 王\n\t\u{1}/ & = ok")),
    ("note", Some("")),
    ("reference", Some("T-1 \"quoted\" \\ end")),
    ("sign", None),
    ("urgent", Some("true")),
];
const BARE: &[&str] = &["amount", "count", "urgent"];

#[test]
fn json_fields_match_a_hand_written_text_signed_by_openssl() {
    let body = read_object(BODY.as_bytes()).expect("an object");
    let from_body = input(Fields::Body(&body));
    let from_pairs = input(Fields::SortedPairs {
        pairs: &PAIRS,
        bare: BARE,
    });
    assert_eq!(SCHEME.explain(&from_body).as_deref(), Ok(MESSAGE));
    assert_eq!(SCHEME.explain(&from_pairs).as_deref(), Ok(MESSAGE));
    if !openssl_present("json_fields_match_a_hand_written_text_signed_by_openssl") {
        return;
    }
    // `openssl dgst -sha256 -hmac KEY -r` prints the MAC's hex, then the file name.
    let printed = openssl_piped(
        &["dgst", "-sha256", "-hmac", SECRET, "-r"],
        MESSAGE.as_bytes(),
    )
    .expect("openssl signs");
    let printed = String::from_utf8(printed).expect("openssl prints text");
    let expected = printed.split(' ').next().unwrap_or_default().to_owned();
    let key = SharedSecret::new(SECRET).expect("secret");
    assert_eq!(expected.len(), 64);
    assert_eq!(
        SCHEME.sign_message(&from_body, &key).ok(),
        Some(expected.clone())
    );
    assert_eq!(SCHEME.sign_message(&from_pairs, &key).ok(), Some(expected));
}

#[test]
fn nested_values_and_exponents_are_written_as_documented() {
    // Nested objects are written with their keys sorted too; an exponent as serde_json
    // reads it (`1E3` as `1e+3`); a kept null (nothing dropped) as `null`.
    let keep_all = Canonical {
        exclude: &[],
        drop: DropValues::NONE,
        form: FieldsForm::Json,
    };
    let body = read_object(
        br#"{"z":{"b":[1,"two",null,{"y":false,"x":-0.0}],"a":""},"e":1E3,"f":2.50e-1,"n":null}"#,
    )
    .expect("an object");
    assert_eq!(
        keep_all.text_of_body(&body),
        r#"{"e":1e+3,"f":2.50e-1,"n":null,"z":{"a":"","b":[1,"two",null,{"x":-0.0,"y":false}]}}"#
    );
    assert_eq!(keep_all.text_of_body(&Map::new()), "{}");
    // Text pairs given without their bare names are all strings.
    assert_eq!(
        keep_all
            .text_of_pairs(&[("a", Some("1")), ("b", None)])
            .as_deref(),
        Ok(r#"{"a":"1"}"#)
    );
}

/// A random value as the body sends it: a number's digits, a boolean, or text.
fn random_value(rng: &mut Rng) -> (String, bool) {
    const TEXT: &[&str] = &[
        "a", "Z", "0", " ", "&", "=", "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}",
        "\u{1f}", "\u{7f}", "é", "王", "€", "\u{2028}", "{", "}",
    ];
    match rng.below(6) {
        0 => (rng.below(1_000_000).to_string(), true),
        1 => (
            format!("{}.{:02}", rng.below(100_000), rng.below(100)),
            true,
        ),
        2 => (
            (if rng.below(2) == 0 { "true" } else { "false" }).into(),
            true,
        ),
        _ => (rng.text(TEXT, 30), false),
    }
}

#[test]
fn pairs_and_the_received_body_write_what_serde_json_writes() {
    let mut rng = Rng::new(0x6a73_6f6e);
    for case in 0..300 {
        let mut fields: BTreeMap<String, (String, bool)> = BTreeMap::new();
        for _ in 0..1 + rng.below(12) {
            let name = format!("{}{}", rng.pick(&["a", "B", "_", "é", "z"]), rng.below(50));
            fields.insert(name, random_value(&mut rng));
        }
        // The body as the request sends it, through serde_json (numbers from their digits).
        let as_json = |(text, bare): &(String, bool)| -> Value {
            if *bare {
                serde_json::from_str(text).expect("a JSON literal")
            } else {
                Value::String(text.clone())
            }
        };
        let sent: Map<String, Value> = fields
            .iter()
            .map(|(name, value)| (name.clone(), as_json(value)))
            .collect();
        let bytes = serde_json::to_vec(&sent).expect("writes");
        // What the rule states, by serde_json's own writer: the kept fields, sorted
        // (`BTreeMap`), compact.
        let kept: BTreeMap<&String, Value> = fields
            .iter()
            .filter(|(_, (text, bare))| *bare || !text.is_empty())
            .map(|(name, value)| (name, as_json(value)))
            .collect();
        let expected = serde_json::to_string(&kept).expect("writes");

        let mut names: Vec<&String> = fields.keys().collect();
        names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
        let pairs: Vec<Pair<'_>> = names
            .iter()
            .map(|name| (name.as_str(), Some(fields[*name].0.as_str())))
            .collect();
        let bare: Vec<&str> = names
            .iter()
            .filter(|name| fields[**name].1)
            .map(|name| name.as_str())
            .collect();
        let received = read_object(&bytes).expect("an object");
        assert_eq!(
            JSON_FIELDS.text_of_body(&received),
            expected,
            "case {case}: received body"
        );
        let from_pairs = SCHEME
            .explain(&input(Fields::SortedPairs {
                pairs: &pairs,
                bare: &bare,
            }))
            .expect("builds");
        assert_eq!(
            from_pairs,
            format!("POST\n/v1/transfers\n{expected}"),
            "case {case}: pairs"
        );
    }
}

#[test]
fn json_fields_sign_verify_and_refuse_what_they_cover() {
    let key = SharedSecret::new(SECRET).expect("secret");
    let mut body = read_object(BODY.as_bytes()).expect("an object");
    body.remove("sign");
    let signed_body = |body: &Map<String, Value>| {
        let signature = SCHEME
            .sign_message(&input(Fields::Body(body)), &key)
            .expect("signs");
        let mut body = body.clone();
        body.insert("sign".into(), Value::String(signature));
        body
    };
    let verify = |body: &Map<String, Value>| {
        let input = input(Fields::Body(body));
        SIGNING.verify_received(body, &input, None, &key)
    };
    let signed = signed_body(&body);
    assert_eq!(verify(&signed), Ok(()));
    // `&` and `=` in a value move no boundary of a JSON object: not refused.
    assert!(signed["name"].as_str().is_some_and(|n| n.contains('&')));

    let changed = |name: &str, value: Value| {
        let mut body = signed.clone();
        body.insert(name.into(), value);
        body
    };
    let refused = [
        // The same digits as a string: another JSON text (sorted pairs would not see it).
        ("amount", Value::String("1000.50".into())),
        ("amount", serde_json::from_str("1000.5").expect("a number")),
        ("count", serde_json::from_str("13").expect("a number")),
        ("urgent", Value::Bool(false)),
        ("urgent", Value::String("true".into())),
        ("reference", Value::String("T-1 \"quoted\" \\ end ".into())),
        ("added", Value::String("x".into())),
    ];
    for (name, value) in refused {
        assert_eq!(
            verify(&changed(name, value.clone())),
            Err(VerifyError::Mismatch),
            "{name}: {value}"
        );
    }
    // What the rule drops is not covered: a null or an empty string may be added.
    assert_eq!(verify(&changed("extra", Value::Null)), Ok(()));
    assert_eq!(
        verify(&changed("extra", Value::String(String::new()))),
        Ok(())
    );
    // The received order of the keys is not signed: the body's keys written in reverse
    // order verify.
    let members: Vec<String> = signed
        .iter()
        .rev()
        .map(|(name, value)| format!("{}:{value}", serde_json::to_string(name).expect("writes")))
        .collect();
    let reversed = format!("{{{}}}", members.join(","));
    assert!(
        reversed.starts_with(r#"{"urgent":true,"sign":"#),
        "{reversed}"
    );
    let reread = read_object(reversed.as_bytes()).expect("an object");
    assert_eq!(verify(&reread), Ok(()));
}
