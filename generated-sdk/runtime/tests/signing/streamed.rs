//! Signing writes the message straight into the hash or MAC state, and `--explain` builds
//! it as a string: both must be the same bytes, for every algorithm and every kind of
//! part, or the explained string would not be what was signed.

use payspec_runtime::signing::{
    Algorithm, Canonical, Digest, DropValues, Encoding, Fields, FieldsForm, Message, MessageInput,
    Part, Piece, Scheme, SharedSecret, SigningKeyRef, VerifyingKeyRef,
};

use crate::common::{Rng, as_body, as_pairs, random_fields, teemopay_private, teemopay_public};

const ALGORITHMS: [Algorithm; 7] = [
    Algorithm::RsaSha1,
    Algorithm::RsaSha256,
    Algorithm::Md5,
    Algorithm::Sha256,
    Algorithm::Sha512,
    Algorithm::HmacSha256,
    Algorithm::HmacSha512,
];

const PAIRS: Canonical = Canonical {
    exclude: &["sign"],
    drop: DropValues::NULL_EMPTY_AND_BLANK,
    form: FieldsForm::Pairs,
};

const JSON: Canonical = Canonical {
    exclude: &["sign"],
    drop: DropValues::NONE,
    form: FieldsForm::Json,
};

/// Messages with every kind of piece, labelled and not, the fields first, last or alone.
const MESSAGES: [Message; 5] = [
    Message {
        separator: "&",
        parts: &[
            Part {
                label: "",
                piece: Piece::Fields(PAIRS),
            },
            Part {
                label: "nonce=",
                piece: Piece::Header("nonce"),
            },
        ],
    },
    Message {
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
                label: "Digest:",
                piece: Piece::BodyDigest(Digest::Sha256, Encoding::Base64),
            },
            Part {
                label: "",
                piece: Piece::Text("fixed"),
            },
            Part {
                label: "",
                piece: Piece::Fields(JSON),
            },
        ],
    },
    Message {
        separator: "",
        parts: &[Part {
            label: "",
            piece: Piece::Body,
        }],
    },
    Message {
        separator: ":",
        parts: &[
            Part {
                label: "",
                piece: Piece::Fields(PAIRS),
            },
            Part {
                label: "key=",
                piece: Piece::Secret,
            },
        ],
    },
    Message {
        separator: "|",
        parts: &[
            Part {
                label: "t=",
                piece: Piece::Header("timestamp"),
            },
            Part {
                label: "",
                piece: Piece::Fields(JSON),
            },
            Part {
                label: "",
                piece: Piece::Secret,
            },
        ],
    },
];

#[test]
fn signing_hashes_exactly_the_message_that_is_explained() {
    let secret = SharedSecret::new("2I9Q4nExEddsH6zo").expect("a secret");
    let (private, public) = (teemopay_private(), teemopay_public());
    let mut rng = Rng::new(0x5712_ea3d);
    let mut checked = 0;
    for _ in 0..40 {
        let fields = random_fields(&mut rng);
        let pairs = as_pairs(&fields);
        let body_map = as_body(&fields);
        let body = serde_json::to_vec(&body_map).expect("a body");
        let headers = [("nonce", "0123456789abcdef"), ("timestamp", "1700000000")];
        for from_body in [false, true] {
            let input = MessageInput {
                fields: if from_body {
                    Fields::Body(&body_map)
                } else {
                    Fields::Pairs(&pairs)
                },
                body: Some(&body),
                headers: &headers,
                method: Some("POST"),
                path: Some("/v1/payouts"),
            };
            for message in MESSAGES {
                for algorithm in ALGORITHMS {
                    // RSA signs no secret; a plain digest needs one.
                    if algorithm.is_rsa() == message.has_secret()
                        || (algorithm.is_digest() && !message.has_secret())
                    {
                        continue;
                    }
                    let scheme = Scheme {
                        message,
                        algorithm,
                        encoding: Encoding::Base64,
                    };
                    let (sign_key, verify_key) = if algorithm.is_rsa() {
                        (SigningKeyRef::Rsa(&private), VerifyingKeyRef::Rsa(&public))
                    } else {
                        (
                            SigningKeyRef::Secret(&secret),
                            VerifyingKeyRef::Secret(&secret),
                        )
                    };
                    let shown = scheme
                        .message_to_sign(&input, (!algorithm.is_rsa()).then_some(&secret))
                        .expect("the message builds");
                    let over_string = algorithm
                        .sign_bytes(sign_key, shown.as_bytes())
                        .map(|raw| Encoding::Base64.encode(&raw))
                        .expect("signed over the string");
                    let streamed = scheme.sign_message(&input, sign_key).expect("signed");
                    assert_eq!(streamed, over_string, "{algorithm} over {message:?}");
                    assert_eq!(scheme.verify_message(&input, verify_key, &streamed), Ok(()));
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 400, "only {checked} cases ran");
}

/// Messages much longer than any staging buffer, the secret before, among and after long
/// values: each is handed to the state in several pieces, and must still sign as the
/// whole string does.
#[test]
fn long_messages_sign_as_their_string_does() {
    let secret = SharedSecret::new("2I9Q4nExEddsH6zo").expect("a secret");
    let message = Message {
        separator: "&",
        parts: &[
            Part {
                label: "key=",
                piece: Piece::Secret,
            },
            Part {
                label: "",
                piece: Piece::Fields(PAIRS),
            },
            Part {
                label: "key=",
                piece: Piece::Secret,
            },
        ],
    };
    for len in [0, 100, 500, 511, 512, 513, 1000, 5000] {
        let long = "x".repeat(len);
        let other = "y".repeat(len / 3);
        let pairs = [("a", Some(long.as_str())), ("b", Some(other.as_str()))];
        let input = MessageInput::fields(Fields::Pairs(&pairs), &[]);
        for algorithm in [Algorithm::Md5, Algorithm::HmacSha256, Algorithm::HmacSha512] {
            let scheme = Scheme {
                message,
                algorithm,
                encoding: Encoding::HexLower,
            };
            let shown = scheme
                .message_to_sign(&input, Some(&secret))
                .expect("the message builds");
            assert!(
                shown.len() >= len + len / 3,
                "the values are in the message"
            );
            let over_string = algorithm
                .sign_bytes(SigningKeyRef::Secret(&secret), shown.as_bytes())
                .map(|raw| Encoding::HexLower.encode(&raw))
                .expect("signed over the string");
            let streamed = scheme
                .sign_message(&input, SigningKeyRef::Secret(&secret))
                .expect("signed");
            assert_eq!(streamed, over_string, "{algorithm}, values of {len} bytes");
        }
    }
}
