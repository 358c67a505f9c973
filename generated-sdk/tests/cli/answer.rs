//! `payspec answer` reads answers as the SDK does; `payspec verify` and `payspec sign`
//! refuse what the API refuses (repeated keys, moved boundaries, a nonce of another form).

use payspec_sdk::runtime::wire::insert_at;

use super::sign::with_nonce;
use super::{key_files, payspec, valid_examples};

const NONCE: &str = "0123456789abcdef0123456789abcdef";

fn as_json(code: &str) -> String {
    if code.parse::<u64>().is_ok() && (code == "0" || !code.starts_with('0')) {
        code.to_string()
    } else {
        format!("{code:?}")
    }
}

fn answer(spec: &str, status: u16, body: &str) -> (Option<i32>, String) {
    let out = payspec(
        &["answer", spec, "--status", &status.to_string()],
        body.as_bytes(),
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn answer_prints_each_outcome_with_its_exit_code() {
    for spec in payspec_sdk::SPECS {
        // The specs whose answers carry an accepted code (the ones accepted by the HTTP
        // status alone get their verdicts in the suite's outcome table).
        let Some(envelope) = spec
            .envelope
            .filter(|e| e.accepted_by == payspec_sdk::runtime::wire::AcceptedBy::Code)
        else {
            continue;
        };
        let c = envelope.code;
        // Accepted, with the first operation's payout where its answer carries it (an
        // accepted code without it is unknown).
        let mut accepted = serde_json::json!({});
        let body = accepted.as_object_mut().expect("an object");
        let code = serde_json::from_str(&as_json(envelope.accepted[0])).expect("JSON");
        insert_at(body, c, code);
        if let Some(shape) = spec.operations[0].answer
            && let Some(place) = shape.data.or(envelope.data)
        {
            let payload = if shape.list {
                serde_json::json!([])
            } else {
                serde_json::json!({})
            };
            insert_at(body, place, payload);
        }
        let accepted = accepted.to_string();
        let (code, text) = answer(spec.id, 200, &accepted);
        assert_eq!(code, Some(0), "{}: {text}", spec.id);
        assert!(
            text.starts_with(&format!("accepted: code {}", envelope.accepted[0])),
            "{text}"
        );

        for rejection in envelope.codes {
            let body = format!(r#"{{"{c}":{},"msg":"m"}}"#, as_json(rejection.code));
            let (code, text) = answer(spec.id, 200, &body);
            assert_eq!(code, Some(1), "{}: {text}", spec.id);
            assert!(
                text.starts_with(&format!(
                    "rejected: code {} ({:?}",
                    rejection.code, rejection.rejection
                )),
                "{text}"
            );
            // The same code on a status no page documents is not a refusal.
            let (code, text) = answer(spec.id, 429, &body);
            assert_eq!(code, Some(3), "{}: {text}", spec.id);
        }
        for uncertain in [
            format!(r#"{{"{c}":"9999"}}"#),
            format!(r#"{{"{c}":"{} "}}"#, envelope.accepted[0]),
            "<html>oops".to_string(),
            String::new(),
        ] {
            let (code, text) = answer(spec.id, 200, &uncertain);
            assert_eq!(code, Some(3), "{}: {uncertain} -> {text}", spec.id);
            assert!(
                text.starts_with("unknown: ") && text.contains("query"),
                "{text}"
            );
        }
        let (code, _) = answer(spec.id, 700, &accepted);
        assert_eq!(code, Some(2));
    }
    let out = payspec(&["answer", "no-such-spec", "--status", "200"], b"{}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn verify_refuses_repeated_keys_and_moved_boundaries() {
    for (spec, body) in valid_examples().into_iter().take(8) {
        let (signing_key, verifying_key) = key_files(&spec);
        let verify = |body: &[u8]| with_nonce("verify", &spec, &verifying_key, NONCE, body);
        let json = serde_json::to_vec(&body).expect("json");
        let signed = with_nonce("sign", &spec, &signing_key, NONCE, &json);
        assert_eq!(signed.status.code(), Some(0), "{spec}");
        let text = String::from_utf8(signed.stdout).expect("utf-8");
        let repeated = format!("{{\"sign\":\"garbage\",{}", &text.trim_end()[1..]);
        let out = verify(repeated.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{spec}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("invalid: the body repeats keys: /sign"),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        // A value with `&`, signed as the provider would sign it, still moves a boundary.
        let mut moved: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).expect("json");
        let name = moved
            .keys()
            .find(|k| *k != "sign" && moved[*k].is_string())
            .cloned()
            .expect("a text field");
        moved.insert(name, "1&status=2".into());
        let out = verify(&serde_json::to_vec(&moved).expect("json"));
        assert_eq!(out.status.code(), Some(1), "{spec}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("would move the boundaries"),
            "{spec}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn sign_refuses_a_nonce_of_another_form() {
    let nonce_specs: Vec<_> = payspec_sdk::SPECS
        .iter()
        .filter(|s| s.nonce_length.is_some())
        .map(|s| s.id)
        .collect();
    for (spec, body) in valid_examples()
        .into_iter()
        .filter(|(s, _)| nonce_specs.contains(&s.as_str()))
        .take(4)
    {
        let (key, _) = key_files(&spec);
        let long = "a".repeat(5000);
        for nonce in ["", "x", long.as_str()] {
            let json = serde_json::to_vec(&body).expect("json");
            let out = with_nonce("sign", &spec, &key, nonce, &json);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{spec}: nonce of {}",
                nonce.len()
            );
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("the nonce must be 32 characters"),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
