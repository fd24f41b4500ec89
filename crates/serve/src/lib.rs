//! `sitrep serve`: the JSON API over a store (documented by the OpenAPI
//! document at `/api/openapi.json`, see `docs/api.md`) and the dashboard at
//! `/`, whose files are compiled into the binary.
//!
//! Reads go straight to the store's indexed queries on the blocking pool.
//! Writes (`POST /api/articles`) need a bearer token; without one
//! configured the server is read-only.

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use sitrep_extract::Extractor;
use sitrep_store::Store;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

mod api;
mod assets;
mod auth;
mod counts;
pub mod error;
mod ingest;
pub mod query;

pub use assets::OPENAPI;

/// Builds the extractor for `POST /api/articles` (the knowledge base takes
/// a moment to compile, so it is built on the first write, not at start).
pub type ExtractorFactory = Box<dyn Fn() -> anyhow::Result<Extractor> + Send + Sync>;

/// How the server runs.
pub struct Options {
    pub addr: SocketAddr,
    /// Bearer token for writes; `None` makes the server read-only.
    pub token: Option<String>,
    /// Largest request body accepted (bytes).
    pub body_limit: usize,
    /// Time allowed for a read request.
    pub read_timeout: Duration,
    /// Time allowed for an ingest request (extraction is slower than a read).
    pub write_timeout: Duration,
    pub extractor: Option<ExtractorFactory>,
}

impl Options {
    pub fn new(addr: SocketAddr) -> Self {
        Options {
            addr,
            token: None,
            body_limit: 8 << 20,
            read_timeout: Duration::from_secs(30),
            write_timeout: Duration::from_secs(300),
            extractor: None,
        }
    }
}

/// What every handler shares.
pub struct AppState {
    pub store: Arc<Store>,
    token: Option<String>,
    factory: Option<ExtractorFactory>,
    extractor: OnceLock<Result<Extractor, String>>,
    /// One ingest at a time: each ends by rebuilding the derived tables.
    write_lock: tokio::sync::Mutex<()>,
    /// Recent event-query totals.
    counts: counts::Counts,
}

impl AppState {
    pub fn new(store: Arc<Store>, token: Option<String>, factory: Option<ExtractorFactory>) -> Self {
        AppState { store, token: token.filter(|t| !t.is_empty()), factory, extractor: OnceLock::new(), write_lock: Default::default(), counts: Default::default() }
    }
}

type State = Arc<AppState>;

/// Every API route: method, path (OpenAPI's `{param}` syntax, which axum
/// 0.8 shares) and handler. The OpenAPI test checks this table against
/// the document both ways.
pub fn api_routes() -> Vec<(Method, &'static str, MethodRouter<State>)> {
    vec![
        (Method::GET, "/api/openapi.json", get(assets::openapi)),
        (Method::GET, "/api/stats", get(api::stats)),
        (Method::GET, "/api/documents", get(api::documents)),
        (Method::GET, "/api/documents/{id}", get(api::document)),
        (Method::GET, "/api/entities", get(api::entities)),
        (Method::GET, "/api/entities/{id}", get(api::entity)),
        (Method::GET, "/api/events", get(api::events)),
        (Method::GET, "/api/events/{doc}/{id}", get(api::event)),
        (Method::GET, "/api/timeline", get(api::timeline)),
        (Method::GET, "/api/clusters", get(api::clusters)),
        (Method::GET, "/api/clusters/{id}", get(api::cluster)),
        (Method::GET, "/api/network", get(api::network)),
        (Method::GET, "/api/control", get(api::control)),
        (Method::GET, "/api/control/{place}", get(api::control_of)),
        (Method::GET, "/api/contradictions", get(api::contradictions)),
        (Method::GET, "/api/sources", get(api::sources)),
        (Method::POST, "/api/articles", post(ingest::post_articles)),
    ]
}

/// The whole application: API, dashboard, limits and headers.
pub fn router(state: State, opts: &Options) -> Router {
    let mut reads = Router::new();
    let mut writes = Router::new();
    for (method, path, route) in api_routes() {
        if method == Method::POST {
            writes = writes.route(path, route);
        } else {
            reads = reads.route(path, route);
        }
    }
    let reads = reads
        .merge(assets::routes())
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, opts.read_timeout));
    let writes = writes
        .layer(DefaultBodyLimit::max(opts.body_limit))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, opts.write_timeout));
    reads
        .merge(writes)
        .fallback(api::not_found)
        .with_state(state)
        .layer(axum::middleware::from_fn(error::json_errors))
        .layer(security_header(header::CONTENT_SECURITY_POLICY, assets::CSP))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
}

fn security_header(name: header::HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// Serves until Ctrl-C (or SIGTERM); blocks the calling thread.
pub fn serve(store: Store, mut opts: Options) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?;
        let local = listener.local_addr()?;
        let state = Arc::new(AppState::new(Arc::new(store), opts.token.take(), opts.extractor.take()));
        let mode = if state.token.is_some() { "read-write: POST /api/articles takes the bearer token" } else { "read-only" };
        let app = router(state, &opts);
        // The line tests and scripts wait for (it has the real port when 0 was asked).
        println!("sitrep serve: listening on http://{local}/ ({mode})");
        use std::io::Write;
        std::io::stdout().flush().ok();
        axum::serve(listener, app).with_graceful_shutdown(shutdown()).await?;
        anyhow::Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
