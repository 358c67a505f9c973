//! Callbacks received in axum (feature `axum`): the request as axum hands it over, read
//! whole up to a size limit, verified over exactly those bytes with the platform's key,
//! read into the spec's callback struct; and the exact reply the provider expects.
//!
//! ```no_run
//! use std::sync::Arc;
//! use axum::{Router, extract::{Request, State}, response::{IntoResponse, Response}, routing::post};
//! use payspec_runtime::signing::PlatformPublicKey;
//! use payspec_runtime::wire::SpecCallback;
//!
//! // `C` is a generated callback struct, such as `payspec_sdk::teemopay_mx::PayoutCallback`.
//! async fn callback<C: SpecCallback + Send>(State(key): State<Arc<PlatformPublicKey>>, request: Request) -> Response {
//!     match payspec_runtime::axum::receive::<C>(request, &*key, payspec_runtime::axum::DEFAULT_LIMIT).await {
//!         Ok(received) => {
//!             // Apply received.callback to the payout (idempotently: callbacks repeat),
//!             // then answer what the provider expects.
//!             received.reply()
//!         }
//!         // Forged, too large, not what the spec documents: refused; the provider sends
//!         // it again, and nothing was applied.
//!         Err(refused) => refused.into_response(),
//!     }
//! }
//! # fn app<C: SpecCallback + Send + 'static>(key: PlatformPublicKey) -> Router {
//! #     Router::new().route("/callback", post(callback::<C>)).with_state(Arc::new(key))
//! # }
//! ```

use ::axum::body::Body;
use ::axum::response::{IntoResponse, Response};
use http_body_util::BodyExt as _;

use crate::signing::VerifyingKeyRef;
use crate::wire::{CallbackError, SpecCallback};

/// The largest callback body read by default: a payout callback is a few hundred bytes.
pub const DEFAULT_LIMIT: usize = 64 * 1024;

/// A callback verified and read, with the reply to send once it is handled.
#[derive(Debug)]
pub struct Received<C> {
    /// The spec's callback struct.
    pub callback: C,
}

impl<C: SpecCallback> Received<C> {
    /// The exact reply the provider expects (`SUCCESS`, ...); send it only once the
    /// callback is handled: anything else and the provider sends it again.
    pub fn reply(&self) -> Response {
        C::reply().map(Body::from)
    }
}

/// Why a callback was refused. As a response it is a 4xx with a short reason: not the
/// reply the provider expects, so it sends the callback again.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// The body is larger than the limit.
    #[error("the callback's body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The body could not be read whole.
    #[error("the callback's body could not be read: {0}")]
    Body(String),
    /// The callback does not verify or does not read as documented.
    #[error(transparent)]
    Callback(#[from] CallbackError),
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        let status = match self {
            Refused::TooLarge { .. } => http::StatusCode::PAYLOAD_TOO_LARGE,
            _ => http::StatusCode::BAD_REQUEST,
        };
        (status, self.to_string()).into_response()
    }
}

/// Reads the callback's body whole (at most `limit` bytes), then verifies and reads it as
/// the spec's callback `C`.
pub async fn receive<'k, C: SpecCallback>(
    request: ::axum::extract::Request,
    key: impl Into<VerifyingKeyRef<'k>>,
    limit: usize,
) -> Result<Received<C>, Refused> {
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(Refused::TooLarge { limit });
    }
    let bytes = http_body_util::Limited::new(body, limit)
        .collect()
        .await
        .map_err(|e| {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                Refused::TooLarge { limit }
            } else {
                Refused::Body(e.to_string())
            }
        })?
        .to_bytes();
    let request = http::Request::from_parts(parts, bytes);
    let callback = C::receive(&request, key)?;
    Ok(Received { callback })
}
