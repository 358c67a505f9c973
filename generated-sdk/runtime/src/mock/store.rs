//! The orders the mock has accepted, so that queries and callbacks can speak of them.
//! In memory, bounded, keyed by spec and merchant order number (a merchant order number is
//! unique per merchant, and each spec is its own merchant account here).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use serde_json::{Map, Value};

use crate::SpecInfo;
use crate::wire::PayoutState;

/// The most orders kept; past it, creates are answered with HTTP 503 (an unknown outcome,
/// which the client will query): a mock run by a test never gets near it.
pub(super) const MAX_ORDERS: usize = 100_000;

/// An order as the mock remembers it.
#[derive(Debug, Clone)]
pub(super) struct Order {
    /// The spec's id.
    pub spec: &'static str,
    /// The merchant's order number.
    pub merchant_order_no: String,
    /// The platform order number the mock gave it.
    pub platform_order_no: String,
    /// Its state, as the control endpoint last set it.
    pub state: PayoutState,
    /// The create request's fields as received, the signature removed.
    pub request: Map<String, Value>,
    /// The merchant's application code header, if the spec has one.
    pub app_code: Option<String>,
}

/// Why an order was not stored.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum StoreError {
    /// The merchant order number is already known.
    Duplicate,
    /// The store is full.
    Full,
}

/// The orders, behind a lock held only for map operations.
#[derive(Debug, Default)]
pub(super) struct Store {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    orders: BTreeMap<(&'static str, String), Order>,
    issued: u64,
}

impl Store {
    /// Remembers a new order in state processing and gives it a platform order number.
    pub fn insert(
        &self,
        spec: &'static SpecInfo,
        merchant_order_no: &str,
        request: Map<String, Value>,
        app_code: Option<String>,
    ) -> Result<Order, StoreError> {
        let mut inner = self.lock();
        let key = (spec.id, merchant_order_no.to_string());
        if inner.orders.contains_key(&key) {
            return Err(StoreError::Duplicate);
        }
        if inner.orders.len() >= MAX_ORDERS {
            return Err(StoreError::Full);
        }
        inner.issued += 1;
        let order = Order {
            spec: spec.id,
            merchant_order_no: merchant_order_no.to_string(),
            platform_order_no: format!("MOCK{}{:010}", spec.country, inner.issued),
            state: PayoutState::Processing,
            request,
            app_code,
        };
        inner.orders.insert(key, order.clone());
        Ok(order)
    }

    /// A merchant order number of the mock's own, for a spec that names none.
    pub fn fresh_reference(&self, spec: &SpecInfo) -> String {
        let mut inner = self.lock();
        inner.issued += 1;
        format!("MOCKREF{}{:010}", spec.country, inner.issued)
    }

    /// The orders of a spec matching the given numbers (either may be absent), in order of
    /// merchant order number.
    pub fn find(
        &self,
        spec: &str,
        merchant_order_no: Option<&str>,
        platform_order_no: Option<&str>,
    ) -> Vec<Order> {
        self.lock()
            .orders
            .values()
            .filter(|o| o.spec == spec)
            .filter(|o| merchant_order_no.is_none_or(|m| o.merchant_order_no == m))
            .filter(|o| platform_order_no.is_none_or(|id| o.platform_order_no == id))
            .cloned()
            .collect()
    }

    /// Sets an order's state; the order as it now is.
    pub fn set_state(
        &self,
        spec: &'static str,
        merchant_order_no: &str,
        state: PayoutState,
    ) -> Option<Order> {
        let mut inner = self.lock();
        let order = inner
            .orders
            .get_mut(&(spec, merchant_order_no.to_string()))?;
        order.state = state;
        Some(order.clone())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A handler that panicked cannot leave a half-written map (every change is one
        // insert or one assignment): keep serving.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
