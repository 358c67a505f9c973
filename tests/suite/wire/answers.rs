//! Answers as outcomes, for every spec: accepted, rejected by a documented code, or unknown.

use payspec_sdk::prelude::*;

use payspec_sdk::runtime::wire::{
    AcceptedBy, Envelope, FromField, HttpStatuses, Outcome, PayoutState, StatusCode, Unknown,
};
use payspec_sdk::runtime::{OperationInfo, SpecInfo};
use payspec_sdk::{SPECS, gateway_id, teemopay_mx};
use payspec_tests::put;
use serde_json::{Value, json};

use super::response;

/// Where an operation's payload is.
fn data_place(envelope: &Envelope, op: &OperationInfo) -> Option<&'static str> {
    op.answer.and_then(|a| a.data).or(envelope.data)
}

/// The status a spec's refusals come with: 200 where it may, else the first it lists.
fn refusal_status(envelope: &Envelope) -> u16 {
    match envelope.rejected_on {
        HttpStatuses::Only(statuses) if !statuses.contains(&200) => statuses[0],
        _ => 200,
    }
}

/// An accepted answer to `op` of `spec`, every documented field present in its form.
fn accepted_body(spec: &SpecInfo, op: &OperationInfo) -> Option<Value> {
    let (envelope, shape) = (spec.envelope?, op.answer?);
    let mut record = serde_json::Map::new();
    for (name, form) in shape.fields {
        record.insert((*name).into(), form.placeholder(name));
    }
    if let Some(statuses) = spec.statuses {
        record.insert(statuses.field.into(), json!(statuses.values[0].0));
    }
    let mut body = json!({});
    if envelope.accepted_by == AcceptedBy::Code {
        put(&mut body, envelope.code, json!(envelope.accepted[0]));
    }
    let payload = match shape.list {
        true => json!([record]),
        false => Value::Object(record),
    };
    match data_place(envelope, op) {
        Some(data) => put(&mut body, data, payload),
        None => body.as_object_mut()?.extend(payload.as_object()?.clone()),
    }
    Some(body)
}

#[test]
fn answers_become_outcomes_for_every_spec() {
    for spec in SPECS {
        for op in spec.operations {
            let Some(ok) = accepted_body(spec, op) else {
                continue;
            };
            let (envelope, name) = (spec.envelope.expect("envelope"), op.name);
            let read = |status: u16, body: &str| op.read_answer(&response(status, body));
            let Outcome::Accepted(accepted) = read(200, &ok.to_string()) else {
                panic!("{} {name}: accepted expected for {ok}", spec.id)
            };
            assert_eq!(
                accepted.platform_order_no().map(|n| n.starts_with("MOCK-")),
                op.answer.and_then(|a| a.platform_order_no).map(|_| true),
                "{} {name}",
                spec.id
            );
            // A documented field of the wrong type: the answer does not read, so it is
            // unknown (never accepted with a hole in it).
            if let Some((field, _)) = op.answer.and_then(|a| a.fields.first()) {
                let mut broken = ok.clone();
                let record = match data_place(envelope, op) {
                    Some(data) => match data.strip_prefix('/') {
                        Some(_) => broken.pointer_mut(data).expect("the payload"),
                        None => &mut broken[data],
                    },
                    None => &mut broken,
                };
                let record = if record.is_array() {
                    &mut record[0]
                } else {
                    record
                };
                record[*field] = json!({"not": "a value"});
                assert!(
                    matches!(
                        read(200, &broken.to_string()),
                        Outcome::Unknown(Unknown::Unreadable { .. })
                    ),
                    "{} {name}: `{field}` of the wrong type must be unknown",
                    spec.id
                );
            }
            for code in envelope.codes {
                let mut body = json!({});
                put(&mut body, envelope.code, json!(code.code));
                let body = body.to_string();
                let Outcome::Rejected(r) = read(refusal_status(envelope), &body) else {
                    panic!("{} {name}: {body} rejected expected", spec.id)
                };
                assert_eq!(r.rejection, Some(code.rejection), "{} {name}", spec.id);
            }
            let ok = ok.to_string();
            let mut unknown = vec![
                (500, ok.as_str()),
                (502, ""),
                (200, ""),
                (200, "<html>oops"),
            ];
            // An empty object on a 2xx has no code where a code accepts (where the status
            // accepts, it is read as the payout it says it is).
            if envelope.accepted_by == AcceptedBy::Code {
                unknown.push((200, "{}"));
            }
            for (status, body) in unknown {
                let outcome = read(status, body);
                assert!(
                    matches!(outcome, Outcome::Unknown(_)),
                    "{} {name}: {status} {body:?} must be unknown, got {outcome:?}",
                    spec.id
                );
            }
        }
    }
}

/// A status of a spec whose codes are numbers, spelled otherwise than the number's own
/// text (`"+2"`, `"02"`), is not the listed code: its answer does not read (unknown,
/// query), where before it was kept as unlisted `2` and then given listed `2`'s state.
#[test]
fn a_status_spelled_otherwise_is_not_the_listed_code() {
    let mut checked = 0;
    for spec in SPECS {
        let Some(statuses) = spec.statuses else {
            continue;
        };
        let numeric = statuses
            .values
            .iter()
            .all(|(code, ..)| code.parse::<i64>().is_ok());
        for op in spec.operations {
            let Some(ok) = accepted_body(spec, op) else {
                continue;
            };
            // Only where the typed answer reads the status.
            let typed = op
                .answer
                .is_some_and(|a| a.fields.iter().any(|(name, _)| *name == statuses.field));
            if !numeric || !typed {
                continue;
            }
            for (code, ..) in statuses.values {
                for spelling in [format!("+{code}"), format!("0{code}")] {
                    let listed = format!("\"{}\":{}", statuses.field, json!(statuses.values[0].0));
                    let body = ok.to_string().replace(
                        &listed,
                        &format!("\"{}\":{}", statuses.field, json!(spelling)),
                    );
                    assert_ne!(body, ok.to_string(), "the status was replaced");
                    let outcome = op.read_answer(&response(200, &body));
                    assert!(
                        matches!(outcome, Outcome::Unknown(Unknown::Unreadable { .. })),
                        "{} {}: {body} read as {outcome:?}",
                        spec.id,
                        op.name
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} spellings were checked");
    assert_eq!(
        <teemopay_mx::PayoutStatus as FromField>::from_field(&json!("+2"), ()).ok(),
        None,
        "the typed status does not read it either"
    );
}

#[test]
fn typed_answers_carry_the_specs_types() {
    let body = r#"{"code":200,"msg":"success","traceId":"t","data":{"merchantOrderNo":"M1","tradeNo":"TF1","amount":"100.5","status":1}}"#;
    let Outcome::Accepted(a) = teemopay_mx::CreatePayoutRequest::read_answer(&response(200, body))
    else {
        panic!("accepted")
    };
    let answer = a.record().expect("one payout");
    assert_eq!(
        (
            answer.merchant_order_no.as_str(),
            answer.platform_order_no.as_str()
        ),
        ("M1", "TF1")
    );
    assert_eq!(answer.status, teemopay_mx::PayoutStatus::Processing);
    assert_eq!(answer.status.state(), Some(PayoutState::Processing));
    assert_eq!(answer.amount.map(|m| m.minor_units()), Some(10050));
    assert_eq!(a.body["traceId"], "t", "extra fields are kept");
    let unlisted = body.replace(r#""status":1"#, r#""status":7"#);
    let Outcome::Accepted(a) =
        teemopay_mx::CreatePayoutRequest::read_answer(&response(200, &unlisted))
    else {
        panic!("accepted")
    };
    let status = a.record().expect("one").status;
    assert_eq!(
        (status, status.state()),
        (teemopay_mx::PayoutStatus::Unlisted(7), None)
    );
    // An amount with more decimals than MXN has cannot be read without rounding.
    let rounded = body.replace("100.5", "100.505");
    assert!(matches!(
        teemopay_mx::CreatePayoutRequest::read_answer(&response(200, &rounded)),
        Outcome::Unknown(Unknown::Unreadable { reason, .. }) if reason.contains("`amount`")
    ));
    assert_eq!(
        teemopay_mx::CreatePayoutRequest::read_answer(&response(503, "")),
        Outcome::Unknown(Unknown::ServerError(503))
    );
}

#[test]
fn the_gateway_query_answer_is_a_list_with_statuses() {
    let body = r#"{"error_code":"0000","total":2,"data":[
        {"payout_id":"P1","payout_cl_id":"C1","platform_id":"PF1","amount":5000000,"real_amount":5000000,
         "fee":100,"status":3,"memo":null,"create_time":1707220674,"update_time":1707220999,"sign":"x"},
        {"payout_id":"P2","payout_cl_id":"C2","platform_id":"PF1","amount":100,"real_amount":100,
         "fee":1,"status":9,"create_time":1707220674,"update_time":1707220999,"sign":"y"}]}"#;
    let Outcome::Accepted(a) = gateway_id::QueryPayoutRequest::read_answer(&response(200, body))
    else {
        panic!("accepted")
    };
    assert_eq!(a.records.len(), 2);
    assert_eq!(a.records[0].merchant_order_no, "C1");
    assert_eq!(a.records[0].status.state(), Some(PayoutState::Succeeded));
    assert_eq!(a.records[0].amount.minor_units(), 5_000_000);
    assert_eq!(
        (a.records[1].status.code(), a.records[1].status.state()),
        ("9".to_string(), None),
        "an unknown status is kept"
    );
}
