//! The decoder's verdicts over small bodies.

use super::*;

fn rules(out: &Violations) -> Vec<(String, String)> {
    out.iter()
        .map(|v| (v.path.to_string(), v.rule.to_string()))
        .collect()
}

#[test]
fn collects_every_problem_and_unknown_fields() {
    let mut d =
        Decoder::parse(br#"{"a": 5, "n": "07", "e": "9", "x": 1, "f": "usd"}"#).expect("object");
    assert_eq!(d.text("a", "/a", true), None);
    assert_eq!(d.text("missing", "/missing", true), None);
    assert_eq!(d.integer("n", "/n", true, Forms::BOTH), None);
    assert_eq!(
        d.int_enum(
            "e",
            "/e",
            true,
            Forms::BOTH,
            |c| (c == 3).then_some(()),
            "3"
        ),
        None
    );
    d.fixed("f", "/f", true, "idr");
    let out = d.finish();
    assert_eq!(
        rules(&out),
        [
            ("/a", "type"),
            ("/missing", "required"),
            ("/n", "type"),
            ("/e", "enum"),
            ("/f", "fixed"),
            ("/x", "unknown-field")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

/// Unknown fields come in the order they were sent.
#[test]
fn an_unknown_field_names_the_field_it_is_likely_a_typo_of() {
    let mut d =
        Decoder::parse(br#"{"merchantOrderno":"M1","bank_code":"X","zzz":1}"#).expect("object");
    let _ = d.text("merchantOrderNo", "/merchantOrderNo", true);
    let _ = d.text("bankCode", "/bankCode", false);
    let out = d.finish();
    let messages: Vec<String> = out
        .iter()
        .filter(|v| v.rule == "unknown-field")
        .map(|v| format!("{} {}", v.path, v.message))
        .collect();
    assert_eq!(
        messages,
        [
            "/merchantOrderno is not a field of this request; did you mean `merchantOrderNo`?",
            "/bank_code is not a field of this request; did you mean `bankCode`?",
            "/zzz is not a field of this request",
        ]
    );
}

#[test]
fn repeated_keys_are_violations_where_they_repeat() {
    let mut d = Decoder::parse(br#"{"bank_name":"A&B","bank_name":"BCA","n":{"x":1,"x":2}}"#)
        .expect("object");
    assert_eq!(
        d.text("bank_name", "/bank_name", true).as_deref(),
        Some("BCA")
    );
    let out = d.finish();
    assert_eq!(
        rules(&out),
        [
            ("/bank_name", "duplicate-key"),
            ("/n/x", "duplicate-key"),
            ("/n", "unknown-field")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn an_object_is_decoded_with_its_own_fields_at_their_pointers() {
    let mut d = Decoder::parse(
        br#"{"bankAccount":{"agency":7,"acount":"1"},"owner":"x","bank":{"code":"1"}}"#,
    )
    .expect("object");
    let mut account = d.object("bankAccount", "/bankAccount", true);
    let agency = account
        .as_mut()
        .and_then(|d| d.text("agency", "/bankAccount/agency", true));
    let number = account
        .as_mut()
        .and_then(|d| d.text("account", "/bankAccount/account", true));
    assert!(d.close(account));
    let owner = d.object("owner", "/owner", false);
    assert!(!d.close(owner));
    let missing = d.object("payer", "/payer", true);
    assert!(!d.close(missing));
    assert_eq!((agency, number), (None, None));
    let out = d.finish();
    assert_eq!(
        rules(&out),
        [
            ("/bankAccount/agency", "type"),
            ("/bankAccount/account", "required"),
            ("/bankAccount/acount", "unknown-field"),
            ("/owner", "type"),
            ("/payer", "required"),
            ("/bank", "unknown-field"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let typo = out
        .iter()
        .find(|v| v.path == "/bankAccount/acount")
        .expect("the typo");
    assert_eq!(
        typo.message,
        "is not a field of this object; did you mean `account`?"
    );
}

#[test]
fn non_objects_are_one_root_violation() {
    for body in [&b"[1]"[..], b"not json", b""] {
        let out = Decoder::parse(body).expect_err("not an object");
        assert_eq!(rules(&out), [(String::new(), "json".to_string())]);
    }
}

#[test]
fn repeats_are_found_in_bodies_of_any_size_and_spelling() {
    for members in [3, 31, 32, 33, 200] {
        let mut json = String::from("{");
        for i in 0..members {
            json.push_str(&format!("\"f{i}\":{i},"));
        }
        // The first key again, spelled with an escape, then the last one again.
        json.push_str(&format!("\"\\u0066{}\":-1,\"f{}\":-2}}", 0, members - 1));
        let out = match Decoder::parse(json.as_bytes()) {
            Ok(decoder) => decoder.finish(),
            Err(out) => out,
        };
        let repeats: Vec<&str> = out
            .iter()
            .filter(|v| v.rule == "duplicate-key")
            .map(|v| v.path.as_ref())
            .collect();
        assert_eq!(
            repeats,
            ["/f0".to_string(), format!("/f{}", members - 1)],
            "{members} members"
        );
    }
}

#[test]
fn only_an_object_is_a_body() {
    for other in [
        &b"1.5"[..],
        b"12",
        b"-3",
        b"\"text\"",
        b"null",
        b"true",
        b"[1,{\"a\":2}]",
    ] {
        let Err(out) = Decoder::parse(other) else {
            panic!("{:?} is not a body", String::from_utf8_lossy(other))
        };
        assert_eq!(rules(&out), [(String::new(), "json".to_string())]);
        assert!(
            out.iter()
                .all(|v| v.message.contains("must be a JSON object"))
        );
    }
    for broken in [&b"[1,"[..], b"{\"a\":1", b"{} x", b""] {
        let Err(out) = Decoder::parse(broken) else {
            panic!("{:?} is not JSON", String::from_utf8_lossy(broken))
        };
        assert!(
            out.iter().all(|v| v.message.contains("not JSON")),
            "{out:?}"
        );
    }
}

/// A two-decimal currency for the amount fields below.
struct Two;

impl crate::amount::Currency for Two {
    const CODE: &'static str = "PEN";
    const DECIMALS: u32 = 2;
}

/// The codes and amounts a body sends are quoted back as sent, whatever the enum or
/// currency type: the messages are written once for every type.
#[test]
fn unknown_codes_and_bad_amounts_are_quoted_as_sent() {
    let mut d = Decoder::parse(
        br#"{"n": 9, "s": "12", "t": "ZZ", "ok": "10.50", "m": "1.005", "j": 2.5, "w": [1]}"#,
    )
    .expect("object");
    let three = |c| (c == 3).then_some(());
    assert_eq!(d.int_enum("n", "/n", true, Forms::BOTH, three, "3"), None);
    assert_eq!(d.int_enum("s", "/s", true, Forms::BOTH, three, "3"), None);
    let upper = |c: &str| (c == "AA").then_some(());
    assert_eq!(d.str_enum("t", "/t", true, upper, "AA"), None);
    let major = |d: &mut Decoder, name, path| {
        d.amount::<Two>(name, path, true, AmountUnit::Major, Forms::BOTH)
            .map(|m| m.minor_units())
    };
    assert_eq!(major(&mut d, "ok", "/ok"), Some(1050));
    assert_eq!(major(&mut d, "m", "/m"), None);
    assert_eq!(major(&mut d, "j", "/j"), Some(250));
    assert_eq!(major(&mut d, "w", "/w"), None);
    let out = d.finish();
    let messages: Vec<String> = out
        .iter()
        .map(|v| format!("{} {} {}", v.path, v.rule, v.message))
        .collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert_eq!(messages[0], "/n enum 9 is not one of the codes 3");
    assert_eq!(messages[1], "/s enum \"12\" is not one of the codes 3");
    assert_eq!(messages[2], "/t enum \"ZZ\" is not one of the codes AA");
    assert!(messages[3].starts_with("/m amount "), "{}", messages[3]);
    assert!(messages[4].starts_with("/w type "), "{}", messages[4]);
}
