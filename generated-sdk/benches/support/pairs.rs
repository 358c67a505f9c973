//! A payout's fields as generated code passes them to signing: sorted, with wire text
//! (the benches' common message).

use payspec_sdk::runtime::signing::Pair;

/// Twelve pairs, two of them absent, about 240 bytes once written.
pub const PAIRS: [Pair<'static>; 12] = [
    ("amount", Some("125000")),
    ("bankAccount", Some("012180015645238591")),
    ("bankCode", Some("40012")),
    ("callbackUrl", Some("https://merchant.example/cb")),
    ("email", Some("mg@example.com")),
    ("idCardNumber", Some("GOMM850101MDFNRR09")),
    ("merchantOrderNo", Some("PO-000123456")),
    ("paymentType", Some("40")),
    ("phone", Some("5512345678")),
    ("realName", Some("Maria Gonzalez")),
    ("remark", None),
    ("sign", None),
];
