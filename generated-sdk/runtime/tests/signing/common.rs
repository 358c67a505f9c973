//! Schemes as generated code would declare them, fixtures, a seeded RNG and an
//! independent reference builder of strings to sign.

use std::collections::BTreeMap;
use std::path::PathBuf;

use payspec_runtime::signing::{
    Algorithm, Canonical, DropValues, Encoding, FieldsForm, MerchantPrivateKey, Message, Part,
    Piece, Placement, PlatformPublicKey, Scheme, Schemes, Selector, Signing,
};

/// TeemoPay: RSA-SHA1 over every field but `sign`, blanks dropped, `&nonce=` appended.
pub const TEEMOPAY_FIELDS: Canonical = Canonical {
    exclude: &["sign"],
    drop: DropValues::NULL_EMPTY_AND_BLANK,
    form: FieldsForm::Pairs,
};

/// The body's fields as the first part, with no label.
pub const fn fields(canonical: Canonical) -> Part {
    Part {
        label: "",
        piece: Piece::Fields(canonical),
    }
}

pub const TEEMOPAY_SCHEME: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[
            fields(TEEMOPAY_FIELDS),
            Part {
                label: "nonce=",
                piece: Piece::Header("nonce"),
            },
        ],
    },
    algorithm: Algorithm::RsaSha1,
    encoding: Encoding::Base64,
};

pub static TEEMOPAY: Signing = Signing {
    signature: Placement::Field("sign"),
    schemes: Schemes::Fixed(TEEMOPAY_SCHEME),
};

/// The gateway's legacy MD5: `&<key>` appended, lowercase hex.
pub const GATEWAY_FIELDS: Canonical = Canonical {
    exclude: &["sign", "sign_type"],
    drop: DropValues::NULL_AND_EMPTY,
    form: FieldsForm::Pairs,
};

pub const GATEWAY_MD5: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[
            fields(GATEWAY_FIELDS),
            Part {
                label: "",
                piece: Piece::Secret,
            },
        ],
    },
    algorithm: Algorithm::Md5,
    encoding: Encoding::HexLower,
};

/// The gateway's HMAC-SHA256: nothing appended, keyed with the secret.
pub const GATEWAY_HMAC: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[fields(GATEWAY_FIELDS)],
    },
    algorithm: Algorithm::HmacSha256,
    encoding: Encoding::HexLower,
};

pub static GATEWAY: Signing = Signing {
    signature: Placement::Field("sign"),
    schemes: Schemes::Selected(Selector {
        field: "sign_type",
        default: GATEWAY_MD5,
        by_value: &[("HMAC-SHA256", GATEWAY_HMAC)],
    }),
};

/// A third scheme that is only data: RSA-SHA256, no extras.
pub const RSA_SHA256: Scheme = Scheme {
    message: Message {
        separator: "&",
        parts: &[fields(TEEMOPAY_FIELDS)],
    },
    algorithm: Algorithm::RsaSha256,
    encoding: Encoding::Base64,
};

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/signing")
        .join(name)
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).expect("fixture is readable")
}

pub fn teemopay_private() -> MerchantPrivateKey {
    MerchantPrivateKey::from_text(&fixture("teemopay-example-1024.pkcs8.pem"))
        .expect("published private key loads")
}

pub fn teemopay_public() -> PlatformPublicKey {
    PlatformPublicKey::from_text(&fixture("teemopay-example-1024.spki.pem"))
        .expect("published public key loads")
}

/// The base64 body of a PEM file, on one line.
pub fn pem_body(pem: &str) -> String {
    pem.lines()
        .filter(|line| !line.starts_with("-----"))
        .collect()
}

/// Every `len`-character window of `material`: none may appear in printed output.
pub fn assert_no_material(output: &str, material: &str, len: usize) {
    let chars: Vec<char> = material.chars().collect();
    for window in chars.windows(len.min(chars.len())) {
        let window: String = window.iter().collect();
        assert!(
            !output.contains(&window),
            "output leaks key material `{window}`: {output}"
        );
    }
}

/// splitmix64: a small seeded generator, so failures reproduce.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % u64::try_from(n).expect("fits")).expect("fits")
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn text(&mut self, alphabet: &[&str], max_len: usize) -> String {
        let len = self.below(max_len + 1);
        (0..len).map(|_| *self.pick(alphabet)).collect()
    }
}

const NAME_CHARS: &[&str] = &[
    "a", "b", "c", "m", "n", "x", "z", "A", "B", "N", "Z", "_", "0", "1", "9",
];
const VALUE_CHARS: &[&str] = &[
    "a", "b", "Z", "0", "7", " ", "&", "=", "+", "/", ":", ".", "-", "@", "%", "\"", "{", "ñ", "é",
    "王", "头", "€", "\u{3000}",
];

/// Random request values with `&`, which a received body may not have (it would move a
/// field boundary of the string to sign), left out.
pub fn without_ampersands(fields: &mut BTreeMap<String, String>) {
    for value in fields.values_mut() {
        value.retain(|c| c != '&');
    }
}

/// A random request: 1 to 14 fields with unique names; some values empty or blank.
pub fn random_fields(rng: &mut Rng) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let count = 1 + rng.below(14);
    while fields.len() < count {
        let name = format!(
            "{}{}",
            rng.pick(&["a", "k", "Q", "m", "z"]),
            rng.text(NAME_CHARS, 10)
        );
        let value = match rng.below(10) {
            0 => String::new(),
            1 => " \t ".to_owned(),
            _ => rng.text(VALUE_CHARS, 40),
        };
        fields.insert(name, value);
    }
    fields
}

/// Blank as Java's `String.trim()` sees it (what TeemoPay's schemes state): nothing but
/// characters up to U+0020.
pub fn java_blank(value: &str) -> bool {
    value.chars().all(|c| u32::from(c) <= 0x20)
}

/// An independent, naive builder of the string to sign, to check the runtime against.
pub fn reference_string(
    fields: &BTreeMap<String, String>,
    exclude: &[&str],
    drop_blank: bool,
    tail: Option<&str>,
) -> String {
    let mut names: Vec<&String> = fields.keys().collect();
    names.sort_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    let mut parts: Vec<String> = names
        .into_iter()
        .filter(|name| !exclude.contains(&name.as_str()))
        .filter(|name| {
            let value = &fields[*name];
            let dropped = value.is_empty() || (drop_blank && java_blank(value));
            !dropped
        })
        .map(|name| format!("{name}={}", fields[name]))
        .collect();
    if let Some(tail) = tail {
        parts.push(tail.to_owned());
    }
    parts.join("&")
}

/// The fields as the generated fast path passes them.
pub fn as_pairs(fields: &BTreeMap<String, String>) -> Vec<(&str, Option<&str>)> {
    fields
        .iter()
        .map(|(name, value)| (name.as_str(), Some(value.as_str())))
        .collect()
}

/// The fields as a JSON body.
pub fn as_body(fields: &BTreeMap<String, String>) -> serde_json::Map<String, serde_json::Value> {
    fields
        .iter()
        .map(|(name, value)| (name.clone(), serde_json::Value::String(value.clone())))
        .collect()
}

/// Parses JSON text into a body map.
pub fn body(json: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::from_str(json).expect("test JSON is an object")
}
