//! `POST /api/articles`: articles in the JSONL input shape
//! (`{"id","text","title","url","outlet","published"}`, only `text`
//! required), as JSON Lines, one JSON object, or a JSON array of them.
//! The whole request is checked before anything is stored: one bad line
//! rejects the request (400, every problem named by line) and the store is
//! left as it was.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use sitrep_extract::Extractor;
use sitrep_model::Document;
use sitrep_store::{DocKey, Keyed};

use crate::error::ApiError;
use crate::{auth, AppState};

/// Problems listed in a 400 answer (the rest are counted).
const MAX_LISTED: usize = 20;

pub async fn post_articles(State(s): State<Arc<AppState>>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    if let Err(refused) = auth::check(s.token.as_deref(), &headers) {
        return refused.into_response();
    }
    let body = match body {
        Ok(b) => b,
        Err(e) => return ApiError::new(e.status(), e.body_text()).into_response(),
    };
    let docs = match parse(&body) {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    // Writes go one at a time; reads carry on meanwhile.
    let _guard = s.write_lock.lock().await;
    let state = s.clone();
    match tokio::task::spawn_blocking(move || store_articles(&state, docs)).await {
        Ok(Ok(v)) => (StatusCode::CREATED, Json(v)).into_response(),
        Ok(Err(e)) => e.into_response(),
        Err(e) => ApiError::internal("ingest task", e).into_response(),
    }
}

/// A name unique to this request, so that articles without an `id` get
/// ids (`post-<ms>-<n>-<line>`) no other request gives.
fn request_name() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    format!("post-{ms}-{}", N.fetch_add(1, Ordering::Relaxed))
}

/// The body as JSON Lines: a JSON array or object is turned into lines
/// first, so that one reader (the ingest crate's) checks every article.
fn as_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    if body.get(start) != Some(&b'[') {
        return Ok(body.to_vec());
    }
    let items: Vec<Value> = serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("request body: not a JSON array of articles: {e}")))?;
    let mut out = Vec::with_capacity(body.len());
    for v in items {
        out.extend_from_slice(v.to_string().as_bytes());
        out.push(b'\n');
    }
    Ok(out)
}

fn parse(body: &[u8]) -> Result<Vec<Document>, ApiError> {
    let lines = as_lines(body)?;
    let name = request_name();
    let stream = sitrep_ingest::read_reader(&name, std::io::Cursor::new(lines), Some(sitrep_ingest::Format::Jsonl), sitrep_ingest::Limits::default());
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for item in stream {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => problems.push(match e.line {
                Some(l) => format!("line {l}: {}", e.message),
                None => e.message,
            }),
        }
    }
    if !problems.is_empty() {
        let n = problems.len();
        problems.truncate(MAX_LISTED);
        let more = if n > MAX_LISTED { format!(" (and {} more)", n - MAX_LISTED) } else { String::new() };
        return Err(ApiError::bad_request(format!("request body: {}{more}; nothing was stored", problems.join("; "))));
    }
    if docs.is_empty() {
        return Err(ApiError::bad_request("request body: no articles"));
    }
    Ok(docs)
}

fn extractor(s: &AppState) -> Result<&Extractor, ApiError> {
    let built = s.extractor.get_or_init(|| match &s.factory {
        Some(f) => f().map_err(|e| format!("{e:#}")),
        None => Err("this server was started without an extractor".to_string()),
    });
    built.as_ref().map_err(|e| ApiError::internal("building the extractor", e))
}

/// Extracts the new articles, stores them in one transaction and rebuilds
/// the derived picture.
fn store_articles(s: &AppState, docs: Vec<Document>) -> Result<Value, ApiError> {
    let ex = extractor(s)?;
    let received = docs.len();
    let mut known = s.store.known_keys()?;
    let mut fresh = Vec::new();
    for mut doc in docs {
        // Known articles (same URL or text, stored or earlier in this
        // request) are skipped before the costly extraction.
        if !known.insert(&DocKey::of(&doc)) {
            continue;
        }
        sitrep_text::annotate(&mut doc);
        ex.extract(&mut doc);
        fresh.push(Keyed::of(doc));
    }
    let ids: Vec<&str> = fresh.iter().map(|k| k.doc.id.as_str()).collect();
    let added = s.store.add_documents(&fresh)?;
    let refreshed = s.store.refresh(&|id: &str| ex.side(id), false)?;
    s.counts.clear();
    let clusters = if refreshed.rebuilt { refreshed.clusters } else { s.store.stats()?.clusters };
    Ok(json!({
        "received": received,
        "added": added.added,
        "skipped": received as u64 - added.added,
        "events": added.events,
        "documents": ids,
        "clusters": clusters,
    }))
}
