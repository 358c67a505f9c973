//! What the generated code says about itself, for tools that work over every spec.

use super::Violations;

/// A spec the SDK was generated from.
#[derive(Debug)]
pub struct SpecInfo {
    /// `teemopay-mx`
    pub id: &'static str,
    /// `TeemoPay`
    pub provider: &'static str,
    /// `MX`
    pub country: &'static str,
    /// `MXN`
    pub currency: &'static str,
    /// The page's title.
    pub title: &'static str,
    /// The spec file (`specs/teemopay/mx.yaml`).
    pub file: &'static str,
    /// Its operations.
    pub operations: &'static [OperationInfo],
}

/// An operation of a spec, with entry points that work on JSON.
#[derive(Debug)]
pub struct OperationInfo {
    /// `create_payout`
    pub name: &'static str,
    /// `POST`
    pub method: &'static str,
    /// `/api/pay/payout/create/v1`
    pub path: &'static str,
    /// Decodes and validates a request body; the same checks as the typed API.
    pub validate_json: fn(&[u8]) -> Result<(), Violations>,
}
