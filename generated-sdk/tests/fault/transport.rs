//! Every spec's create against each misbehaviour of the loopback server: never a
//! rejection, the outcome the misbehaviour calls for, and the create received exactly once.

use payspec_sdk::runtime::wire::{Outcome, Unknown};

use crate::drive::creates;
use crate::modes::{
    self, LIMIT, ORDER_ID, REFUSALS, garbage, huge, padded, status_with_accepted_code,
    status_with_rejection_code,
};
use crate::server::Misbehaviour;
use crate::support::Case;

fn unknown(_: &Case, _: &str, outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Unknown(_))
}

/// Accepted, with the order numbers the server wrote: the bytes were read whole.
fn accepted_whole(case: &Case, merchant_order_no: &str, outcome: &Outcome) -> bool {
    let Outcome::Accepted(accepted) = outcome else {
        return false;
    };
    let shape = case
        .create
        .answer
        .expect("every operation documents its answer");
    let merchant = accepted
        .records
        .first()
        .and_then(|r| r.merchant_order_no.as_deref());
    (shape.platform_order_no.is_none() || accepted.platform_order_no() == Some(ORDER_ID))
        && (shape.merchant_order_no.is_none() || merchant == Some(merchant_order_no))
}

#[test]
fn a_connection_closed_without_an_answer_is_unknown() {
    creates(&modes::close(), unknown);
}

#[test]
fn a_reset_connection_is_unknown() {
    creates(&modes::reset(), unknown);
}

#[test]
fn an_answer_trickled_a_few_bytes_at_a_time_is_read_whole() {
    let with_length = modes::Mode::new("trickle", modes::PATIENT, |case, op, id| {
        let json = modes::accepted_json(case, op, id);
        Misbehaviour::Trickle(modes::http("HTTP/1.1 200 OK", &[], &json))
    });
    creates(&with_length, accepted_whole);
    let chunked = modes::Mode::new("trickle chunked", modes::PATIENT, |case, op, id| {
        Misbehaviour::Trickle(modes::http_chunked(&modes::accepted_json(case, op, id)))
    });
    creates(&chunked, accepted_whole);
}

#[test]
fn an_answer_that_stalls_halfway_is_a_timeout_or_a_transport_failure() {
    creates(&modes::stall(), |_, _, outcome| {
        matches!(
            outcome,
            Outcome::Unknown(Unknown::Timeout | Unknown::Transport(_))
        )
    });
}

/// The 302 points back at the same server, which would count a followed redirect.
#[test]
fn a_redirect_is_not_followed_and_is_unknown() {
    creates(&status_with_accepted_code(302), unknown);
}

#[test]
fn a_redirect_carrying_a_rejection_code_is_unknown_and_not_followed() {
    creates(&status_with_rejection_code(302), unknown);
}

#[test]
fn http_429_403_401_with_the_accepted_code_are_unknown() {
    for status in REFUSALS {
        creates(&status_with_accepted_code(status), unknown);
    }
}

#[test]
fn http_429_403_401_with_a_rejection_code_are_not_rejections() {
    for status in REFUSALS {
        creates(&status_with_rejection_code(status), |_, _, outcome| {
            !matches!(outcome, Outcome::Rejected(_))
        });
    }
}

/// Valid accepted answers padded past the limit: read whole, they would be accepted.
#[test]
fn an_answer_past_4_mib_is_unknown_with_or_without_a_content_length() {
    for mode in huge() {
        creates(&mode, unknown);
    }
}

/// The control for the test above: the same answers at exactly the limit are read, so
/// the padding alone does not make them unknown.
#[test]
fn an_answer_of_exactly_4_mib_is_read() {
    creates(
        &padded("4 MiB with a Content-Length", LIMIT, false),
        accepted_whole,
    );
    creates(&padded("4 MiB chunked", LIMIT, true), accepted_whole);
}

#[test]
fn a_body_shorter_than_its_content_length_is_unknown() {
    creates(&modes::short_body(), unknown);
}

#[test]
fn a_garbage_status_line_is_unknown() {
    for mode in garbage() {
        creates(&mode, unknown);
    }
}
