//! Payout statuses: the provider's codes, their meaning, and which changes are possible.

use std::fmt;

use serde_json::Value;

use super::code::{code_text, same_code};

/// A payout's state, in the SDK's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoutState {
    /// Accepted, not yet being paid.
    Pending,
    /// Being paid.
    Processing,
    /// Paid.
    Succeeded,
    /// Not paid; the order may be created again.
    Failed,
    /// Paid, then returned to the merchant.
    Refunded,
    /// Paid, then partly returned.
    PartiallyRefunded,
}

/// What applying a reported state to a known one does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// The payout moved to the new state.
    Applied(PayoutState),
    /// The payout was already in that state: a repeated callback, nothing changes.
    Repeated,
    /// The report cannot follow the known state (refunded -> processing): it is not
    /// applied, and should be looked at.
    Impossible {
        /// The known state.
        from: PayoutState,
        /// The reported one.
        to: PayoutState,
    },
}

impl PayoutState {
    /// Whether the payout's fate is settled and only a refund can follow.
    pub fn is_final(self) -> bool {
        !matches!(self, PayoutState::Pending | PayoutState::Processing)
    }

    /// Applies a reported state to this one. A success may be followed by a refund
    /// (Mexico reports success, then within minutes a refund); nothing comes back from a
    /// failure or a refund; a state never goes back to pending or processing.
    pub fn apply(self, reported: PayoutState) -> Transition {
        use PayoutState::*;
        if self == reported {
            return Transition::Repeated;
        }
        let possible = match self {
            Pending => true,
            Processing => reported != Pending,
            Succeeded => matches!(reported, Refunded | PartiallyRefunded),
            PartiallyRefunded => reported == Refunded,
            Failed | Refunded => false,
        };
        if possible {
            Transition::Applied(reported)
        } else {
            Transition::Impossible {
                from: self,
                to: reported,
            }
        }
    }
}

impl fmt::Display for PayoutState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            PayoutState::Pending => "pending",
            PayoutState::Processing => "processing",
            PayoutState::Succeeded => "succeeded",
            PayoutState::Failed => "failed",
            PayoutState::Refunded => "refunded",
            PayoutState::PartiallyRefunded => "partially refunded",
        };
        f.write_str(name)
    }
}

/// A spec's status codes: the field carrying them and each code's name and meaning.
#[derive(Debug)]
pub struct StatusTable {
    /// The field (`status`).
    pub field: &'static str,
    /// `(code, name, state)`: codes as the spec writes them (`"1"`, `"PAID"`).
    pub values: &'static [(&'static str, &'static str, PayoutState)],
}

/// A status as reported: its code, kept even when the spec does not know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The provider's code as received (a number's digits, or the text).
    pub code: String,
    /// Its name in the spec, if listed.
    pub name: Option<&'static str>,
    /// Its meaning, if listed: an unlisted code is preserved, never guessed.
    pub state: Option<PayoutState>,
}

impl StatusTable {
    /// The listed entry a received code is (numbers compare by value: `1`, `"1"` and
    /// `1.0` are one code; text compares exactly).
    pub fn entry(
        &self,
        received: &Value,
    ) -> Option<&'static (&'static str, &'static str, PayoutState)> {
        self.values
            .iter()
            .find(|(code, _, _)| same_code(code, received))
    }

    /// The status of a received code (a JSON number or string); `None` when it is
    /// neither, or empty.
    pub fn status_of(&self, received: &Value) -> Option<Status> {
        let code = code_text(received).ok()?;
        let found = self.entry(received);
        Some(Status {
            code,
            name: found.map(|(_, n, _)| *n),
            state: found.map(|(_, _, s)| *s),
        })
    }

    /// The status a JSON object carries in the table's field.
    pub fn read(&self, object: &serde_json::Map<String, Value>) -> Option<Status> {
        self.status_of(object.get(self.field)?)
    }

    /// The code the spec gives a state (the first listed), for a provider's side: a
    /// JSON number when the code is digits, else a string.
    pub fn code_of(&self, state: PayoutState) -> Option<Value> {
        let code = self.values.iter().find(|(_, _, s)| *s == state)?.0;
        Some(match code.parse::<i64>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::from(code),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::PayoutState::*;
    use super::*;

    #[test]
    fn success_then_refund_is_legal_and_repeats_are_idempotent() {
        assert_eq!(Processing.apply(Succeeded), Transition::Applied(Succeeded));
        assert_eq!(Succeeded.apply(Refunded), Transition::Applied(Refunded));
        assert_eq!(Succeeded.apply(Succeeded), Transition::Repeated);
        assert_eq!(Refunded.apply(Refunded), Transition::Repeated);
    }

    #[test]
    fn impossible_changes_are_reported_not_applied() {
        assert_eq!(
            Refunded.apply(Processing),
            Transition::Impossible {
                from: Refunded,
                to: Processing
            }
        );
        assert_eq!(
            Failed.apply(Succeeded),
            Transition::Impossible {
                from: Failed,
                to: Succeeded
            }
        );
        assert_eq!(
            Succeeded.apply(Failed),
            Transition::Impossible {
                from: Succeeded,
                to: Failed
            }
        );
        assert_eq!(
            Processing.apply(Pending),
            Transition::Impossible {
                from: Processing,
                to: Pending
            }
        );
    }

    #[test]
    fn unknown_codes_are_kept() {
        static TABLE: StatusTable = StatusTable {
            field: "status",
            values: &[("1", "Processing", Processing)],
        };
        assert_eq!(
            TABLE.status_of(&Value::from(9)),
            Some(Status {
                code: "9".into(),
                name: None,
                state: None
            })
        );
        let body = serde_json::json!({"status": "1"});
        assert_eq!(
            TABLE
                .read(body.as_object().expect("object"))
                .and_then(|s| s.state),
            Some(Processing)
        );
    }
}
