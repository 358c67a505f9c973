//! Reading answers: every outcome the envelope allows, and every answer that is unknown.

use super::*;
use crate::wire::PayoutState;

static ENVELOPE: Envelope = Envelope {
    accepted_by: AcceptedBy::Code,
    code: "code",
    accepted: &["200"],
    message: Some("msg"),
    data: Some("data"),
    codes: &[ResultCode {
        code: "425",
        rejection: Rejection::InsufficientBalance,
        doc: "Insufficient merchant balance",
    }],
    rejected_on: HttpStatuses::Success,
    unlisted: None,
    server_error_refusals: None,
};
static SHAPE: AnswerShape = AnswerShape {
    platform_order_no: Some("tradeNo"),
    merchant_order_no: Some("merchantOrderNo"),
    list: false,
    data: None,
    fields: &[],
};
static STATUSES: StatusTable = StatusTable {
    field: "status",
    values: &[("1", "Processing", PayoutState::Processing)],
};

fn read(status: u16, body: &str) -> Outcome {
    read_answer(&ENVELOPE, &SHAPE, Some(&STATUSES), status, body.as_bytes())
}

#[test]
fn accepted_keeps_every_field_and_unknown_statuses() {
    let Outcome::Accepted(a) = read(
        200,
        r#"{"code":200,"msg":"success","traceId":"t","data":{"tradeNo":"TF1","status":1,"new":true}}"#,
    ) else {
        panic!("accepted expected")
    };
    assert_eq!(a.platform_order_no(), Some("TF1"));
    assert_eq!(
        a.status().and_then(|s| s.state),
        Some(PayoutState::Processing)
    );
    assert_eq!(a.records[0].fields["new"], Value::Bool(true));
    assert_eq!(a.body["traceId"], "t");
    let Outcome::Accepted(b) = read(200, r#"{"code":200,"data":{"tradeNo":"TF2","status":7}}"#)
    else {
        panic!()
    };
    assert_eq!(
        b.status().map(|s| (s.code, s.state)),
        Some(("7".into(), None))
    );
}

#[test]
fn accepted_codes_are_compared_by_value() {
    for code in ["200", "200.0", "2e2", r#""200""#] {
        let body = format!(r#"{{"code":{code},"data":{{"tradeNo":"X1"}}}}"#);
        let Outcome::Accepted(a) = read(200, &body) else {
            panic!("{body}: accepted expected")
        };
        assert_eq!(
            (a.code.as_str(), a.platform_order_no()),
            ("200", Some("X1"))
        );
    }
}

#[test]
fn only_documented_codes_on_allowed_statuses_are_rejections() {
    let Outcome::Rejected(r) = read(
        200,
        r#"{"code":425.0,"data":null,"msg":"Insufficient merchant balance"}"#,
    ) else {
        panic!()
    };
    assert_eq!(
        (r.code.as_str(), r.rejection),
        ("425", Some(Rejection::InsufficientBalance))
    );
    assert!(matches!(
        read(200, r#"{"code":500,"msg":"system error, please query"}"#),
        Outcome::Unknown(Unknown::UndocumentedCode { code, message: Some(_), .. }) if code == "500"
    ));
    for status in [302, 400, 401, 403, 429] {
        assert_eq!(
            read(status, r#"{"code":425}"#),
            Outcome::Unknown(Unknown::UnexpectedStatus {
                http_status: status,
                code: Some("425".into())
            }),
            "{status}"
        );
    }
}

#[test]
fn a_page_may_make_every_unlisted_code_a_rejection() {
    static STRICT: Envelope = Envelope {
        unlisted: Some(UnlistedCodes {
            quote: "any other code means the order was not created",
        }),
        rejected_on: HttpStatuses::Only(&[200]),
        ..ENVELOPE
    };
    let read = |status, body: &str| read_answer(&STRICT, &SHAPE, None, status, body.as_bytes());
    let Outcome::Rejected(r) = read(200, r#"{"code":"E17"}"#) else {
        panic!()
    };
    assert_eq!((r.code.as_str(), r.rejection), ("E17", None));
    assert!(matches!(
        read(201, r#"{"code":"E17"}"#),
        Outcome::Unknown(_)
    ));
    assert!(matches!(
        read(200, r#"{"code":" E17"}"#),
        Outcome::Unknown(_)
    ));
}

#[test]
fn anything_else_is_unknown_never_failed() {
    assert_eq!(
        read(500, r#"{"code":425}"#),
        Outcome::Unknown(Unknown::ServerError(500))
    );
    assert_eq!(read(503, ""), Outcome::Unknown(Unknown::ServerError(503)));
    assert_eq!(
        read(200, "  "),
        Outcome::Unknown(Unknown::Empty { http_status: 200 })
    );
    for body in [
        "<html>",
        "[]",
        r#"{"msg":"no code"}"#,
        r#"{"code":""}"#,
        r#"{"code":null}"#,
        r#"{"code":" 200"}"#,
        r#"{"code":425,"code":200}"#,
        r#"{"code":200,"data":{"status":1,"status":3}}"#,
    ] {
        assert!(
            matches!(
                read(200, body),
                Outcome::Unknown(Unknown::Unreadable { .. })
            ),
            "{body}"
        );
    }
    assert!(matches!(
        read(302, r#"{"code":200}"#),
        Outcome::Unknown(Unknown::UnexpectedStatus { .. })
    ));
}

/// An answer that is the payout itself on a 2xx, and `{"error":{"code",...}}` otherwise.
static BY_STATUS: Envelope = Envelope {
    accepted_by: AcceptedBy::HttpStatus,
    code: "/error/code",
    accepted: &[],
    message: Some("/error/description"),
    data: None,
    codes: &[ResultCode {
        code: "BAD_REQUEST_ERROR",
        rejection: Rejection::InvalidParameters,
        doc: "The request is invalid",
    }],
    rejected_on: HttpStatuses::Only(&[400]),
    unlisted: None,
    server_error_refusals: None,
};

static PAYOUT: AnswerShape = AnswerShape {
    platform_order_no: Some("id"),
    merchant_order_no: Some("reference_id"),
    list: false,
    data: None,
    fields: &[],
};

#[test]
fn the_http_status_accepts_and_a_pointer_finds_the_refusal() {
    let read = |status, body: &str| read_answer(&BY_STATUS, &PAYOUT, None, status, body.as_bytes());
    let Outcome::Accepted(accepted) = read(200, r#"{"id":"pout_1","reference_id":"M1"}"#) else {
        panic!("a 2xx with the payout is accepted")
    };
    assert_eq!(accepted.code, "200");
    assert_eq!(accepted.platform_order_no(), Some("pout_1"));
    let refused = read(
        400,
        r#"{"error":{"code":"BAD_REQUEST_ERROR","description":"The amount must be at least INR 1.00"}}"#,
    );
    assert_eq!(
        refused,
        Outcome::Rejected(Rejected {
            code: "BAD_REQUEST_ERROR".into(),
            message: Some("The amount must be at least INR 1.00".into()),
            rejection: Some(Rejection::InvalidParameters),
            http_status: 400,
        })
    );
    // Not a status the spec lists for refusals, an undocumented code, no code at all,
    // a 5xx: unknown.
    for (status, body) in [
        (401, r#"{"error":{"code":"BAD_REQUEST_ERROR"}}"#),
        (400, r#"{"error":{"code":"SERVER_ERROR"}}"#),
        (400, r#"{"message":"no code"}"#),
        (500, r#"{"error":{"code":"BAD_REQUEST_ERROR"}}"#),
    ] {
        assert!(
            matches!(read(status, body), Outcome::Unknown(_)),
            "{status} {body}"
        );
    }
}

#[test]
fn a_pointer_reads_into_arrays_and_escaped_names() {
    let object: Map<String, Value> =
        serde_json::from_str(r#"{"errors":[{"code":"invalid_value"}],"a/b":{"~c":1}}"#)
            .expect("object");
    assert_eq!(
        lookup(&object, "/errors/0/code"),
        Some(&Value::from("invalid_value"))
    );
    assert_eq!(lookup(&object, "/a~1b/~0c"), Some(&Value::from(1)));
    assert_eq!(lookup(&object, "errors/0"), None, "a name is not a pointer");
    assert_eq!(lookup(&object, "/errors/1/code"), None);
}

/// A page that says some refusals come with HTTP 500 (its words quoted by the spec).
static REFUSES_ON_500: Envelope = Envelope {
    rejected_on: HttpStatuses::Only(&[400, 500]),
    server_error_refusals: Some(UnlistedCodes {
        quote: "insufficient balance is answered with HTTP 500",
    }),
    ..BY_STATUS
};

#[test]
fn a_5xx_is_a_refusal_only_where_the_page_says_so_and_only_for_a_documented_code() {
    let refusal = r#"{"error":{"code":"BAD_REQUEST_ERROR","description":"no balance"}}"#;
    let read = |envelope, status, body: &str| {
        read_answer(envelope, &PAYOUT, None, status, body.as_bytes())
    };
    assert!(matches!(
        read(&REFUSES_ON_500, 500, refusal),
        Outcome::Rejected(Rejected {
            http_status: 500,
            rejection: Some(Rejection::InvalidParameters),
            ..
        })
    ));
    // Without the page's words, the same answer is unknown; so is an undocumented code,
    // an empty body, or a 5xx the spec does not list.
    assert_eq!(
        read(&BY_STATUS, 500, refusal),
        Outcome::Unknown(Unknown::ServerError(500))
    );
    for (status, body) in [
        (500, r#"{"error":{"code":"SERVER_ERROR"}}"#),
        (500, ""),
        (502, refusal),
    ] {
        assert_eq!(
            read(&REFUSES_ON_500, status, body),
            Outcome::Unknown(Unknown::ServerError(status)),
            "{status} {body}"
        );
    }
}
