//! The dashboard's files and the OpenAPI document, compiled into the
//! binary: the server needs no other file and the page loads nothing from
//! elsewhere (the Content-Security-Policy forbids it).

use std::sync::Arc;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::query::{NoQuery, Params};

/// The OpenAPI 3 document of every API route (checked against the router
/// by the tests).
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Only this server's own files; no inline script or style, no frames, no
/// plugins, no form posts elsewhere.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/style.css");
const FAVICON: &str = include_str!("../assets/favicon.svg");
/// Natural Earth 1:110m country outlines (public domain), as the report uses them.
const OUTLINES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/outlines/countries-110m.json"));

fn file(body: &'static str, content_type: &'static str, cache: &'static str) -> Response {
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(content_type)), (header::CACHE_CONTROL, HeaderValue::from_static(cache))],
        body,
    )
        .into_response()
}

/// Files change only with the binary; the page itself is always revalidated.
const SHORT: &str = "no-cache";
const LONG: &str = "public, max-age=3600";

pub fn routes() -> Router<Arc<crate::AppState>> {
    Router::new()
        .route("/", get(|| async { file(INDEX, "text/html; charset=utf-8", SHORT) }))
        .route("/assets/app.js", get(|| async { file(APP_JS, "text/javascript; charset=utf-8", SHORT) }))
        .route("/assets/style.css", get(|| async { file(STYLE, "text/css; charset=utf-8", SHORT) }))
        .route("/assets/favicon.svg", get(|| async { file(FAVICON, "image/svg+xml", LONG) }))
        .route("/assets/countries-110m.json", get(|| async { file(OUTLINES, "application/json", LONG) }))
}

pub async fn openapi(Params(NoQuery {}): Params<NoQuery>) -> Response {
    file(OPENAPI, "application/json", SHORT)
}
