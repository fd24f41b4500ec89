//! Every error the API gives is JSON: `{"error": "...", "status": 400}`,
//! with the same status on the response line.

use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error answered to the client.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    /// A store or runtime failure: logged in full, answered in one line
    /// (the client cannot act on database internals).
    pub fn internal(what: &str, err: impl std::fmt::Display) -> Self {
        eprintln!("sitrep serve: {what}: {err}");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{what} failed"))
    }
}

impl From<sitrep_store::Error> for ApiError {
    fn from(e: sitrep_store::Error) -> Self {
        ApiError::internal("store query", e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_error(self.status, &self.message)
    }
}

pub fn json_error(status: StatusCode, message: &str) -> Response {
    let body = json!({ "error": message, "status": status.as_u16() });
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body.to_string()).into_response()
}

/// Turns the error responses that layers and the router make themselves
/// (405, 408 on timeout, 413, 415, a rejected extractor's plain text) into
/// the JSON shape, keeping their status and reason.
pub async fn json_errors(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if status.as_u16() < 400 || is_json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = if text.trim().is_empty() { status.canonical_reason().unwrap_or("error").to_lowercase() } else { text.trim().to_string() };
    let mut out = json_error(status, &message);
    // Keep headers such as `Allow` (405) and `WWW-Authenticate` (401).
    for (k, v) in parts.headers.iter() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}
