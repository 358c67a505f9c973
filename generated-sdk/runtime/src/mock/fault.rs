//! Faults on demand, chosen by the merchant order number's prefix (in any case), so that a test picks
//! the fault of each create call without any other channel to the mock.
//!
//! A fault hits a create *after* the order is remembered: the provider got the order and
//! only its answer is lost, which is exactly when the outcome is unknown and a query —
//! never a second create — tells what happened.

/// A fault the mock injects into a create's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The answer comes after the configured delay (past the client's timeout).
    Delay,
    /// HTTP 500.
    ServerError,
    /// HTTP 200 with an empty body.
    Empty,
    /// HTTP 200 with a body that is not an answer (`<html>oops`).
    Garbage,
}

impl Fault {
    /// Every fault.
    pub const ALL: [Fault; 4] = [
        Fault::Delay,
        Fault::ServerError,
        Fault::Empty,
        Fault::Garbage,
    ];

    /// The merchant order number prefix that asks for this fault.
    pub const fn prefix(self) -> &'static str {
        match self {
            Fault::Delay => "MOCK-DELAY-",
            Fault::ServerError => "MOCK-500-",
            Fault::Empty => "MOCK-EMPTY-",
            Fault::Garbage => "MOCK-GARBAGE-",
        }
    }

    /// The fault a merchant order number asks for, if any. The prefix is matched in any
    /// case: a provider may allow only lowercase order numbers (Paystack's references).
    pub fn of(merchant_order_no: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|f| {
            merchant_order_no
                .get(..f.prefix().len())
                .is_some_and(|head| head.eq_ignore_ascii_case(f.prefix()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_choose_faults() {
        assert_eq!(Fault::of("MOCK-500-a1"), Some(Fault::ServerError));
        assert_eq!(Fault::of("MOCK-DELAY-"), Some(Fault::Delay));
        assert_eq!(Fault::of("order-1"), None);
        assert_eq!(Fault::of("mock-500-a1"), Some(Fault::ServerError));
        assert_eq!(Fault::of("mock-5"), None);
    }
}
