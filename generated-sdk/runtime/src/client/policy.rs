//! What a client decides, whatever moves the bytes: where a request goes, what an
//! answer means, and whether a call is made again. The async client, the blocking one and
//! every transport share this one copy.

use std::time::Duration;

use crate::operation::Operation;
use crate::wire::{Accepted, BaseUrl, Outcome, Unknown};
use crate::{OperationInfo, OperationRole};

use super::transport::Answer;

/// The longest answer body read; a larger one is not an answer of a payout API.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// A client's rules: the provider's base URL, the per-call timeout, the query retries.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    pub base: BaseUrl,
    pub timeout: Duration,
    pub query_retries: u32,
    pub retry_pause: Duration,
}

impl Policy {
    /// The outcome of one exchange, read by `T`'s reader: a transport failure, or an
    /// answer larger than [`MAX_BODY_BYTES`], is unknown.
    pub fn outcome<T: Operation>(answer: Answer) -> Outcome<Accepted<T::Answer>> {
        match bounded(answer) {
            Ok(response) => T::read_answer(&response),
            Err(why) => Outcome::Unknown(why),
        }
    }

    /// [`Policy::outcome`] for a registry entry (untyped, the typed reader's verdict).
    pub fn outcome_of(op: &OperationInfo, answer: Answer) -> Outcome {
        match bounded(answer) {
            Ok(response) => op.read_answer(&response),
            Err(why) => Outcome::Unknown(why),
        }
    }

    /// Whether to send again after attempt `attempt` (0 for the first): only a query,
    /// only while its outcome is unknown, at most `query_retries` times. A create never:
    /// sending it again can pay twice.
    pub fn again(&self, role: OperationRole, unknown: bool, attempt: u32) -> bool {
        role == OperationRole::Query && unknown && attempt < self.query_retries
    }
}

/// An answer no longer than [`MAX_BODY_BYTES`] (a transport that reads whole bodies may
/// hand over a larger one; it is unknown here all the same).
fn bounded(answer: Answer) -> Answer {
    let response = answer?;
    if response.body().len() > MAX_BODY_BYTES {
        return Err(Unknown::Transport(format!(
            "the answer is longer than {MAX_BODY_BYTES} bytes"
        )));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(retries: u32) -> Policy {
        Policy {
            base: BaseUrl::parse("http://127.0.0.1:1").expect("base"),
            timeout: Duration::from_secs(1),
            query_retries: retries,
            retry_pause: Duration::ZERO,
        }
    }

    #[test]
    fn only_unknown_queries_are_sent_again_and_creates_never() {
        let p = policy(2);
        assert!(p.again(OperationRole::Query, true, 0));
        assert!(p.again(OperationRole::Query, true, 1));
        assert!(!p.again(OperationRole::Query, true, 2));
        assert!(!p.again(OperationRole::Query, false, 0));
        for attempt in 0..3 {
            assert!(!p.again(OperationRole::Create, true, attempt));
        }
    }

    #[test]
    fn an_oversized_answer_is_unknown() {
        let big = http::Response::new(vec![b' '; MAX_BODY_BYTES + 1]);
        assert!(matches!(bounded(Ok(big)), Err(Unknown::Transport(_))));
        let exact = http::Response::new(vec![b' '; MAX_BODY_BYTES]);
        assert!(bounded(Ok(exact)).is_ok());
    }
}
