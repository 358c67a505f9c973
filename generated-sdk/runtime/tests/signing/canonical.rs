//! The canonical-string rules, both entry points, the selector and scheme checks.

use payspec_runtime::signing::{
    Algorithm, Blank, Canonical, CanonicalError, DropValues, Encoding, FieldsForm, Message, Part,
    Piece, Placement, Scheme, SchemeError, Schemes, SelectError, SharedSecret, SignError, Signing,
    VerifyError,
};

use crate::common::{
    GATEWAY, GATEWAY_HMAC, GATEWAY_MD5, Rng, TEEMOPAY_FIELDS, TEEMOPAY_SCHEME, as_body, as_pairs,
    body, fields, random_fields, reference_string, teemopay_private, teemopay_public,
};

const KEEP_ALL: Canonical = Canonical {
    exclude: &["sign"],
    drop: DropValues::NONE,
    form: FieldsForm::Pairs,
};

#[test]
fn body_values_are_written_exactly_as_they_arrived() {
    let received = body(
        r#"{"amount":100.50,"big":123456789012345678901234567890,"neg":-0,"exp":1E3,
            "ok":true,"no":false,"list":["a","b"],"obj":{"b":1,"a":[1,2.50]},
            "name":"王小头 & co=1","gone":null}"#,
    );
    let text = KEEP_ALL.text_of_body(&received);
    assert_eq!(
        text,
        r#"amount=100.50&big=123456789012345678901234567890&exp=1e+3&gone=&list=["a","b"]&name=王小头 & co=1&neg=-0&no=false&obj={"a":[1,2.50],"b":1}&ok=true"#
    );
}

#[test]
fn drop_flags_decide_which_values_are_left_out() {
    let received = body(r#"{"a":"","b":"  ","c":"\u3000","d":null,"e":"x"}"#);
    let build = |drop| Canonical { drop, ..KEEP_ALL }.text_of_body(&received);
    assert_eq!(build(DropValues::NONE), "a=&b=  &c=\u{3000}&d=&e=x");
    assert_eq!(build(DropValues::NULL_AND_EMPTY), "b=  &c=\u{3000}&e=x");
    // Java's trim() keeps U+3000; Unicode White_Space does not.
    assert_eq!(build(DropValues::NULL_EMPTY_AND_BLANK), "c=\u{3000}&e=x");
    let unicode = DropValues {
        blank: Some(Blank::UnicodeWhiteSpace),
        ..DropValues::NULL_EMPTY_AND_BLANK
    };
    assert_eq!(build(unicode), "e=x");
    let java = body(r#"{"ctl":"\u0001\u001f ","nbsp":"\u00a0"}"#);
    assert_eq!(
        Canonical {
            drop: DropValues::NULL_EMPTY_AND_BLANK,
            ..KEEP_ALL
        }
        .text_of_body(&java),
        "nbsp=\u{a0}"
    );
}

#[test]
fn pairs_must_come_sorted_and_once() {
    let out_of_order = [("b", Some("1")), ("a", Some("2"))];
    assert_eq!(
        KEEP_ALL.text_of_pairs(&out_of_order),
        Err(CanonicalError::OutOfOrder {
            previous: "b".into(),
            name: "a".into()
        })
    );
    let twice = [("a", Some("1")), ("a", Some("2"))];
    assert!(matches!(
        KEEP_ALL.text_of_pairs(&twice),
        Err(CanonicalError::OutOfOrder { .. })
    ));
    // Byte order: uppercase before lowercase, `_` between them.
    let bytes = [("Z", Some("1")), ("_", Some("2")), ("a", Some("3"))];
    assert_eq!(KEEP_ALL.text_of_pairs(&bytes).as_deref(), Ok("Z=1&_=2&a=3"));
}

#[test]
fn excluded_and_absent_pairs_are_skipped() {
    let pairs = [
        ("a", None),
        ("b", Some("1")),
        ("sign", Some("old")),
        ("z", Some("")),
    ];
    assert_eq!(KEEP_ALL.text_of_pairs(&pairs).as_deref(), Ok("b=1&z="));
}

/// Fields, then `a_nonce=<header>`, then `key=<secret>`, joined with `&`.
const APPENDING: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[
            fields(Canonical {
                exclude: &[],
                drop: DropValues::NULL_EMPTY_AND_BLANK,
                form: FieldsForm::Pairs,
            }),
            Part {
                label: "a_nonce=",
                piece: Piece::Header("a_nonce"),
            },
            Part {
                label: "key=",
                piece: Piece::Secret,
            },
        ],
    },
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::HexLower,
};

#[test]
fn parts_after_the_fields_come_unsorted_in_message_order() {
    let pairs = [("b", Some("1")), ("c", Some("2"))];
    let extras = [("unused", "x"), ("a_nonce", "N")];
    assert_eq!(
        APPENDING
            .string_to_sign_redacted(&pairs, &extras)
            .as_deref(),
        Ok("b=1&c=2&a_nonce=N&key=<platform key>")
    );
    // Nothing kept: no leading separator.
    assert_eq!(
        APPENDING
            .string_to_sign_redacted(&[("b", Some(" "))], &extras)
            .as_deref(),
        Ok("a_nonce=N&key=<platform key>")
    );
    assert_eq!(
        APPENDING.string_to_sign_redacted(&pairs, &[]),
        Err(CanonicalError::MissingExtra { name: "a_nonce" })
    );
    // The real secret is signed: an independent HMAC over the text with the secret in it.
    let secret = SharedSecret::new("s3cret").expect("secret");
    let keyed = SharedSecret::new("s3cret").expect("secret");
    let expected = payspec_runtime::signing::hmac_sha256(&keyed, b"b=1&c=2&a_nonce=N&key=s3cret")
        .expect("hmac");
    assert_eq!(
        APPENDING.sign(&pairs, &extras, &secret),
        Ok(Encoding::HexLower.encode(&expected))
    );
}

#[test]
fn both_entry_points_agree_with_an_independent_builder() {
    let mut rng = Rng::new(7);
    for _ in 0..300 {
        let fields = random_fields(&mut rng);
        let expected = reference_string(&fields, &["sign"], true, Some("nonce=N"));
        let extras = [("nonce", "N")];
        let plan = TEEMOPAY_SCHEME;
        assert_eq!(
            plan.string_to_sign_redacted(&as_pairs(&fields), &extras)
                .as_deref(),
            Ok(expected.as_str())
        );
        assert_eq!(
            plan.string_to_sign_redacted_body(&as_body(&fields), &extras)
                .as_deref(),
            Ok(expected.as_str())
        );
    }
}

#[test]
fn selector_defaults_on_absent_null_or_empty_and_refuses_unknown_values() {
    assert_eq!(GATEWAY.scheme_for_body(&body("{}")), Ok(&GATEWAY_MD5));
    assert_eq!(
        GATEWAY.scheme_for_body(&body(r#"{"sign_type":null}"#)),
        Ok(&GATEWAY_MD5)
    );
    assert_eq!(
        GATEWAY.scheme_for_body(&body(r#"{"sign_type":""}"#)),
        Ok(&GATEWAY_MD5)
    );
    assert_eq!(
        GATEWAY.scheme_for_body(&body(r#"{"sign_type":"HMAC-SHA256"}"#)),
        Ok(&GATEWAY_HMAC)
    );
    let long = "X".repeat(500);
    let Err(SelectError::UnknownValue { field, value }) =
        GATEWAY.scheme_for_body(&body(&format!(r#"{{"sign_type":"{long}"}}"#)))
    else {
        panic!("an unknown sign_type must be refused");
    };
    assert_eq!((field, value.len()), ("sign_type", 64));
    assert_eq!(
        GATEWAY.scheme_for_body(&body(r#"{"sign_type":1}"#)),
        Err(SelectError::NotText { field: "sign_type" })
    );
    let secret = SharedSecret::new("k").expect("secret");
    assert!(matches!(
        GATEWAY.verify_body(
            &body(r#"{"a":"1","sign_type":"SHA1","sign":"00"}"#),
            &[],
            &secret
        ),
        Err(VerifyError::Select(_))
    ));
}

#[test]
fn inconsistent_schemes_are_refused() {
    const RSA_WITH_SECRET: Scheme = Scheme {
        message: Message {
            separator: "&",
            parts: &[
                fields(TEEMOPAY_FIELDS),
                Part {
                    label: "",
                    piece: Piece::Secret,
                },
            ],
        },
        ..TEEMOPAY_SCHEME
    };
    let rsa_with_secret = RSA_WITH_SECRET;
    assert_eq!(rsa_with_secret.check(), Err(SchemeError::SecretWithRsa));
    assert_eq!(
        rsa_with_secret.sign(&[], &[], &teemopay_private()),
        Err(SignError::Scheme(SchemeError::SecretWithRsa))
    );
    let unkeyed_md5 = Scheme {
        message: GATEWAY_HMAC.message,
        algorithm: Algorithm::Md5,
        encoding: Encoding::HexLower,
    };
    assert_eq!(unkeyed_md5.check(), Err(SchemeError::UnkeyedDigest));
    let signs_its_signature = Signing {
        signature: Placement::Field("signature"),
        schemes: Schemes::Fixed(TEEMOPAY_SCHEME),
    };
    assert_eq!(
        signs_its_signature.check(),
        Err(SchemeError::SignatureFieldNotExcluded { field: "signature" })
    );
    assert_eq!(GATEWAY.check(), Ok(()));
}

#[test]
fn a_key_of_the_wrong_kind_is_an_error() {
    let secret = SharedSecret::new("k").expect("secret");
    let pairs = [("a", Some("1"))];
    assert!(matches!(
        TEEMOPAY_SCHEME.sign(&pairs, &[("nonce", "n")], &secret),
        Err(SignError::WrongKey {
            algorithm: Algorithm::RsaSha1,
            ..
        })
    ));
    assert!(matches!(
        GATEWAY_MD5.sign(&pairs, &[], &teemopay_private()),
        Err(SignError::WrongKey {
            algorithm: Algorithm::Md5,
            ..
        })
    ));
    assert!(matches!(
        GATEWAY_HMAC.verify(&body(r#"{"a":"1"}"#), &[], &teemopay_public(), "00"),
        Err(VerifyError::WrongKey { .. })
    ));
    let message = TEEMOPAY_SCHEME
        .sign(&pairs, &[("nonce", "n")], &secret)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        message.as_deref(),
        Some("RSA-SHA1 signing needs an RSA private key, but was given a shared secret")
    );
}

/// Whether a received value is dropped (what a callback's guard against unsigned fields
/// asks) agrees with the string to sign, for every drop rule and every form of value: a
/// field is dropped exactly when adding it leaves the string as it was.
#[test]
fn a_value_is_dropped_exactly_when_the_string_leaves_it_out() {
    let values = [
        "null",
        r#""""#,
        r#"" ""#,
        r#""\u00a0""#,
        r#""\u0001""#,
        r#""x""#,
        "0",
        "false",
        "[]",
        "{}",
    ];
    let blanks = [None, Some(Blank::JavaTrim), Some(Blank::UnicodeWhiteSpace)];
    for form in [FieldsForm::Pairs, FieldsForm::Json] {
        for (null, empty, blank) in [false, true]
            .into_iter()
            .flat_map(|n| [false, true].map(move |e| (n, e)))
            .flat_map(|(n, e)| blanks.map(move |b| (n, e, b)))
        {
            let canonical = Canonical {
                exclude: &["sign"],
                drop: DropValues { null, empty, blank },
                form,
            };
            let base = body(r#"{"order_no":"A1"}"#);
            for value in values {
                let value: serde_json::Value = serde_json::from_str(value).expect("JSON");
                let mut with = base.clone();
                with.insert("extra".into(), value.clone());
                let left_out = canonical.text_of_body(&with) == canonical.text_of_body(&base);
                assert_eq!(
                    canonical.drops(&value),
                    left_out,
                    "{form:?}, null {null}, empty {empty}, blank {blank:?}: {value}"
                );
            }
        }
    }
}
