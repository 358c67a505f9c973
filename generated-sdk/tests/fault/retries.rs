//! Every spec's query against servers that never answer usefully: unknown, and retried a
//! bounded number of times (1 + the client's `query_retries`).

use crate::drive::queries;
use crate::modes::{REFUSALS, failing_modes, status_with_rejection_code};

#[test]
fn a_query_that_never_gets_an_answer_is_sent_one_plus_the_retries_times() {
    for mode in failing_modes() {
        queries(&mode);
    }
}

#[test]
fn a_query_answered_with_a_rejection_code_on_a_3xx_or_4xx_is_retried_like_any_unknown() {
    for status in [302].into_iter().chain(REFUSALS) {
        queries(&status_with_rejection_code(status));
    }
}
