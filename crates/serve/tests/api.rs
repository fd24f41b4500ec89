//! The API against a real SQLite store filled through `POST /api/articles`
//! (real extraction with the embedded knowledge base): the OpenAPI document
//! and the routes agree both ways, filters and pages answer what they say,
//! and every error is JSON with its status.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sitrep_serve::{api_routes, router, AppState, Options, OPENAPI};
use tower::ServiceExt;

const TOKEN: &str = "test-token-1";

/// Articles written for these tests.
const ARTICLES: &str = r#"{"id":"a1","outlet":"Example Wire","url":"https://example.org/a1","published":"2020-05-20","title":"Shelling hits Tripoli","text":"Forces of the Libyan National Army shelled Tripoli on Monday, officials said."}
{"id":"a2","outlet":"Example Wire","url":"https://example.org/a2","published":"2020-06-06","title":"Government forces take Tarhuna","text":"Forces of the Government of National Accord captured Tarhuna on Friday."}
{"id":"a3","outlet":"Example Gazette","url":"https://example.org/a3","published":"2020-05-27","title":"Jets at al-Jufra","text":"Russia sent fighter jets to the al-Jufra air base in May to support the Libyan National Army, the United States military said."}
{"id":"a4","outlet":"Example Gazette","url":"https://example.org/a4","published":"2020-04-15","title":"Drones","text":"Turkish drones struck Libyan National Army positions near Tarhuna on Tuesday."}
"#;

struct App {
    router: Router,
    _dir: TempDir,
}

/// A folder removed at the end of the test.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn app(token: Option<&str>, body_limit: usize) -> App {
    app_with(token, |o| o.body_limit = body_limit)
}

fn app_with(token: Option<&str>, set: impl FnOnce(&mut Options)) -> App {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("sitrep-serve-test-{}-{}", std::process::id(), N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("t.db").to_str().unwrap().to_string();
    app_on(&target, token, set, TempDir(dir))
}

/// The application over the store at `target` (a SQLite path or a PostgreSQL URL).
fn app_on(target: &str, token: Option<&str>, set: impl FnOnce(&mut Options), dir: TempDir) -> App {
    let store = sitrep_store::Store::open(target).unwrap();
    let mut opts = Options::new("127.0.0.1:0".parse().unwrap());
    set(&mut opts);
    let factory: sitrep_serve::ExtractorFactory = Box::new(|| {
        let kb = sitrep_kb::KbBuilder::embedded().map_err(anyhow::Error::msg)?.build().map_err(anyhow::Error::msg)?;
        Ok(sitrep_extract::Extractor::new(kb))
    });
    let state = Arc::new(AppState::new(Arc::new(store), token.map(str::to_string), Some(factory)));
    App { router: router(state, &opts), _dir: dir }
}

async fn call(app: &App, method: Method, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, Value, axum::http::HeaderMap) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let res = app.router.clone().oneshot(req.body(Body::from(body.to_string())).unwrap()).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    (status, v, headers)
}

async fn get(app: &App, uri: &str) -> (StatusCode, Value) {
    let (s, v, _) = call(app, Method::GET, uri, None, "").await;
    (s, v)
}

async fn filled() -> App {
    fill(app(Some(TOKEN), 1 << 20)).await
}

async fn fill(app: App) -> App {
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some(TOKEN), ARTICLES).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["added"], 4, "{v}");
    app
}

fn assert_json_error(status: StatusCode, v: &Value, want: StatusCode, words: &str) {
    assert_eq!(status, want, "{v}");
    assert_eq!(v["status"], want.as_u16(), "{v}");
    let msg = v["error"].as_str().unwrap_or_else(|| panic!("no error message: {v}"));
    assert!(msg.contains(words), "{msg:?} should mention {words:?}");
}

/// Every documented operation is a route and every route is documented.
#[test]
fn openapi_matches_the_routes() {
    let doc: Value = serde_json::from_str(OPENAPI).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let mut routed: Vec<(String, String)> = api_routes().into_iter().map(|(m, p, _)| (m.to_string(), p.to_string())).collect();
    documented.sort();
    routed.sort();
    assert_eq!(documented, routed);
    // Every reference resolves.
    let text = OPENAPI;
    for piece in text.split("\"$ref\": \"#/").skip(1) {
        let path = piece.split('"').next().unwrap();
        let mut at = &doc;
        for part in path.split('/') {
            at = &at[part];
        }
        assert!(!at.is_null(), "dangling $ref #/{path}");
    }
}

/// Every documented GET path answers from the real store (with the ids of
/// the articles posted), with JSON; none is an unknown route.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_path_answers() {
    let app = filled().await;
    let (_, clusters) = get(&app, "/api/clusters?limit=1").await;
    let cluster = clusters["items"][0]["id"].as_str().unwrap().to_string();
    let (_, control) = get(&app, "/api/control").await;
    let place = control[0]["place"].as_str().unwrap_or("tarhuna").to_string();
    let (_, events) = get(&app, "/api/events?limit=1").await;
    let (doc, event) = (events["items"][0]["doc"].as_str().unwrap().to_string(), events["items"][0]["id"].as_str().unwrap().to_string());
    let doc_json: Value = serde_json::from_str(OPENAPI).unwrap();
    for (path, ops) in doc_json["paths"].as_object().unwrap() {
        if ops.get("get").is_none() {
            continue;
        }
        let uri = path
            .replace("/documents/{id}", &format!("/documents/{doc}"))
            .replace("/events/{doc}/{id}", &format!("/events/{doc}/{event}"))
            .replace("/entities/{id}", "/entities/lna")
            .replace("/clusters/{id}", &format!("/clusters/{cluster}"))
            .replace("{place}", &place);
        let (s, v) = get(&app, &uri).await;
        assert_eq!(s, StatusCode::OK, "{uri}: {v}");
        assert!(v.is_object() || v.is_array(), "{uri}: not JSON: {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_and_pages() {
    filters_and_pages_on(filled().await).await;
}

/// The same on PostgreSQL (a throwaway server, as the store's tests use).
/// The PostgreSQL client runs a small runtime of its own, so the server is
/// set up and dropped outside the async runtime, as `sitrep serve` does.
#[test]
fn filters_and_pages_on_postgresql() {
    let pg = match sitrep_store::testing::TempPostgres::start() {
        Ok(pg) => pg,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("note: skipping the PostgreSQL API test: {e}");
            return;
        }
        Err(e) => panic!("PostgreSQL for the API test: {e}"),
    };
    let url = pg.fresh_db().unwrap();
    let dir = std::env::temp_dir().join(format!("sitrep-serve-pg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let app = app_on(&url, Some(TOKEN), |_| {}, TempDir(dir));
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let app = rt.block_on(async {
        let app = fill(app).await;
        let (_, every) = get(&app, "/api/contradictions").await;
        assert!(every.is_array());
        filters_and_pages_on(app).await
    });
    drop(rt);
    drop(app);
}

async fn filters_and_pages_on(app: App) -> App {
    let (_, all) = get(&app, "/api/events?limit=1000").await;
    let n = all["total"].as_u64().unwrap();
    assert!(n >= 4, "{all}");

    // actor: LNA as source or target.
    let (_, lna) = get(&app, "/api/events?actor=lna").await;
    let items = lna["items"].as_array().unwrap();
    assert!(!items.is_empty() && (items.len() as u64) < n);
    for e in items {
        let has = |k: &str| e[k].as_array().unwrap().iter().any(|x| x == "lna");
        assert!(has("source") || has("target") || has("claimed_by"), "{e}");
    }

    // type + date range.
    let (_, june) = get(&app, "/api/events?type=assault&from=2020-06-01&to=2020-06-30").await;
    for e in june["items"].as_array().unwrap() {
        assert_eq!(e["type"], "ASSAULT");
        assert!(e["date"].as_str().unwrap().starts_with("2020-06"), "{e}");
    }
    assert_eq!(june["total"], 1, "{june}");

    // A box around Tripoli only.
    let (_, tripoli) = get(&app, "/api/events?bbox=12.5,32.5,13.5,33.2").await;
    let names: Vec<&str> = tripoli["items"].as_array().unwrap().iter().map(|e| e["location"]["id"].as_str().unwrap()).collect();
    assert_eq!(names, ["tripoli"]);

    // Words of the evidence.
    let (_, words) = get(&app, "/api/events?q=fighter+jets").await;
    assert!(words["items"].as_array().unwrap().iter().all(|e| e["evidence"].as_str().unwrap().contains("fighter jets")));
    assert_eq!(words["total"], words["items"].as_array().unwrap().len());

    // Pages by cursor (the default): following `next` walks the whole
    // list once, in order, each page within the limit.
    let mut walked = Vec::new();
    let mut uri = "/api/events?limit=2".to_string();
    loop {
        let (s, p) = get(&app, &uri).await;
        assert_eq!(s, StatusCode::OK, "{p}");
        let items = p["items"].as_array().unwrap();
        assert!(items.len() <= 2 && !items.is_empty(), "{p}");
        walked.extend(items.iter().map(|e| format!("{}/{}", e["doc"], e["id"])));
        match p["next"].as_str() {
            Some(next) => {
                assert!(next.starts_with("/api/events?") && next.contains("limit=2") && next.contains("after="), "{next}");
                uri = next.to_string();
            }
            None => break,
        }
    }
    let listed: Vec<String> = all["items"].as_array().unwrap().iter().map(|e| format!("{}/{}", e["doc"], e["id"])).collect();
    assert_eq!(walked, listed);
    // Pages by offset.
    let (_, p1) = get(&app, "/api/events?limit=2&offset=0").await;
    let next = p1["next"].as_str().unwrap();
    assert!(next.contains("offset=2"), "{next}");
    let (_, p2) = get(&app, next).await;
    assert_eq!(p2["items"][0], all["items"][2]);
    let (_, last) = get(&app, &format!("/api/events?limit=1000&offset={}", n - 1)).await;
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    assert_eq!(last["next"], Value::Null);

    // The timeline counts what the list holds.
    let (_, tl) = get(&app, "/api/timeline?actor=lna").await;
    let counted: u64 = tl["buckets"].as_array().unwrap().iter().map(|b| b["count"].as_u64().unwrap()).sum();
    let dated = lna["items"].as_array().unwrap().iter().filter(|e| !e["date"].is_null()).count() as u64;
    assert_eq!(counted, dated);

    // Documents, entities, a cluster with its reports.
    let (_, d) = get(&app, "/api/documents/a3").await;
    assert_eq!(d["title"], "Jets at al-Jufra");
    assert!(d["events"].as_array().unwrap().iter().any(|e| e["type"] == "AID"));
    let (_, e) = get(&app, "/api/entities?type=armed_group&name=libyan").await;
    assert!(e["items"].as_array().unwrap().iter().any(|x| x["id"] == "lna"), "{e}");
    let cid = lna["items"][0]["cluster"].as_str().unwrap();
    let (_, c) = get(&app, &format!("/api/clusters/{cid}")).await;
    assert!(c["reports"].as_array().unwrap().iter().any(|r| r["evidence"].as_str().is_some()), "{c}");
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_json_with_their_status() {
    let app = filled().await;
    for (uri, words) in [
        ("/api/events?from=2020-02-30", "from"),
        ("/api/events?to=soon", "to"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?offset=-1", "offset"),
        ("/api/events?bbox=1,2", "bbox"),
        ("/api/events?status=rumour", "status"),
        ("/api/events?actr=lna", "actr"),
        ("/api/events?after=abc", "after"),
        ("/api/events?after=5&offset=5", "not both"),
        ("/api/entities?type=wizard", "type"),
        ("/api/network?relation=love", "relation"),
        ("/api/contradictions?kind=tone", "kind"),
        ("/api/stats?x=1", "x"),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_json_error(s, &v, StatusCode::BAD_REQUEST, words);
    }
    let (s, v) = get(&app, "/api/nothing").await;
    assert_json_error(s, &v, StatusCode::NOT_FOUND, "no route");
    let (s, v) = get(&app, "/api/documents/missing").await;
    assert_json_error(s, &v, StatusCode::NOT_FOUND, "missing");
    let (s, v, h) = call(&app, Method::DELETE, "/api/events", None, "").await;
    assert_json_error(s, &v, StatusCode::METHOD_NOT_ALLOWED, "method");
    assert!(h.get(header::ALLOW).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_need_the_token() {
    let app = app(Some(TOKEN), 4096);
    let one = r#"{"text":"Turkish drones struck Libyan National Army positions near Tarhuna on Tuesday.","published":"2020-04-15"}"#;
    let (s, v, h) = call(&app, Method::POST, "/api/articles", None, one).await;
    assert_json_error(s, &v, StatusCode::UNAUTHORIZED, "Bearer");
    assert!(h.get(header::WWW_AUTHENTICATE).is_some());
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some("test-token-2"), one).await;
    assert_json_error(s, &v, StatusCode::UNAUTHORIZED, "wrong token");

    // One bad line rejects the request and stores nothing.
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some(TOKEN), &format!("{one}\n{{\"title\":\"no text\"}}\n")).await;
    assert_json_error(s, &v, StatusCode::BAD_REQUEST, "line 2");
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 0);

    // Too large a body.
    let big = format!(r#"{{"text":"{}"}}"#, "word ".repeat(2000));
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some(TOKEN), &big).await;
    assert_json_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE, "");

    // An array, and the same article again is skipped.
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some(TOKEN), &format!("[{one}]")).await;
    assert_eq!((s, v["added"].as_u64()), (StatusCode::CREATED, Some(1)), "{v}");
    assert!(v["events"].as_u64().unwrap() >= 1, "{v}");
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some(TOKEN), one).await;
    assert_eq!((s, v["added"].as_u64(), v["skipped"].as_u64()), (StatusCode::CREATED, Some(0), Some(1)), "{v}");
    let (_, stats) = get(&app, "/api/stats").await;
    assert_eq!(stats["documents"], 1);
    assert!(stats["clusters"].as_u64().unwrap() >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_the_server_is_read_only() {
    let app = app(None, 4096);
    let (s, v, _) = call(&app, Method::POST, "/api/articles", Some("anything"), r#"{"text":"x"}"#).await;
    assert_json_error(s, &v, StatusCode::FORBIDDEN, "read-only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_files_and_headers() {
    let app = app(None, 4096);
    for (uri, kind) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
        ("/assets/countries-110m.json", "application/json"),
        ("/assets/favicon.svg", "image/svg+xml"),
    ] {
        let res = app.router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{uri}");
        let h = res.headers();
        assert!(h[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind), "{uri}");
        let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    // The page has no inline script or style and loads nothing from elsewhere.
    let res = app.router.clone().oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
    let html = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains(" style=") && !html.contains("http"), "{html}");
    // The script never parses data as HTML.
    let js = include_str!("../assets/app.js");
    for bad in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
        assert!(!js.contains(bad), "app.js uses {bad}");
    }
}

