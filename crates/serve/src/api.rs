//! The read handlers: parse the query, run the store query on the blocking
//! pool, answer JSON. Shapes are those of `docs/api.md`: events look like
//! the extraction records (`spec/records.md`), the picture's parts are its
//! own types.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::{json, Value};
use sitrep_model::{Control, DateFrom, DateRange, Document, EventPlace, PartialDate, Plan, Size, Status};
use sitrep_store::{EventHit, Store};

use crate::error::ApiError;
use crate::query::{EventPage, ClusterQuery, ContradictionQuery, DocQuery, EntityQuery, EventQuery, NetworkQuery, NoQuery, Params};

type AppState = State<Arc<crate::AppState>>;
type ApiResult = Result<Response, ApiError>;

/// Runs a store query off the async threads.
async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let store = store.clone();
    // On the blocking pool, so that the request timeout can answer while a
    // slow query runs (the query itself finishes in the background).
    tokio::task::spawn_blocking(move || f(&store)).await.map_err(|e| ApiError::internal("query task", e))?
}

fn ok<T: Serialize>(v: T) -> ApiResult {
    Ok(Json(v).into_response())
}

fn found<T: Serialize>(v: Option<T>, what: &str, id: &str) -> ApiResult {
    match v {
        Some(v) => ok(v),
        None => Err(ApiError::not_found(format!("no {what} {id:?}"))),
    }
}

/// An event as the API gives it: the record shape plus where it was read.
#[derive(Serialize)]
pub struct EventOut<'a> {
    pub doc: &'a str,
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub mode: Option<&'a str>,
    pub source: &'a [String],
    pub target: &'a [String],
    pub control: Option<&'a Control>,
    pub location: Option<&'a EventPlace>,
    pub date: Option<&'a PartialDate>,
    pub date_from: Option<&'a DateFrom>,
    /// The days a vague date narrows to ("late last year"), when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_range: Option<&'a DateRange>,
    pub status: Status,
    pub claimed_by: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<&'a Size>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<&'a Plan>,
    pub trigger: &'a str,
    pub evidence: &'a str,
    pub confidence: f32,
    pub cluster: Option<&'a str>,
    pub outlet: &'a str,
    pub published: Option<&'a PartialDate>,
}

pub fn event_out(h: &EventHit) -> EventOut<'_> {
    let e = &h.event;
    EventOut {
        doc: &h.doc,
        id: &e.id,
        kind: &e.kind,
        mode: e.mode.as_deref(),
        source: &e.source,
        target: &e.target,
        control: e.control.as_ref(),
        location: e.location.as_ref(),
        date: e.date.as_ref(),
        date_from: e.date_from.as_ref(),
        date_range: e.date_range.as_ref(),
        status: e.status,
        claimed_by: &e.claimed_by,
        size: e.size.as_ref().filter(|s| !s.is_empty()),
        plan: e.plan.as_ref(),
        trigger: &e.trigger,
        evidence: &h.evidence,
        confidence: e.confidence,
        cluster: e.cluster.as_deref(),
        outlet: &h.outlet,
        published: h.published.as_ref(),
    }
}

/// One page of a list, with the link to the next.
#[derive(Serialize)]
struct PageOut<T> {
    items: Vec<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u64>,
    limit: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<u64>,
    /// The cursor of the next page (keyset pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
    next: Option<String>,
}

/// The same request with `key` (`offset` or `after`) moved on.
fn next_link(uri: &Uri, key: &str, value: Option<String>) -> Option<String> {
    let value = value?;
    let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(uri.query().unwrap_or("")).unwrap_or_default();
    pairs.retain(|(k, _)| k != "offset" && k != "after");
    pairs.push((key.into(), value));
    Some(format!("{}?{}", uri.path(), serde_urlencoded::to_string(pairs).unwrap_or_default()))
}

fn page_out<U: Serialize>(uri: &Uri, req: sitrep_store::PageReq, items: Vec<U>, next: Option<u64>, total: Option<u64>) -> ApiResult {
    ok(PageOut { items, offset: Some(req.offset), limit: req.limit, total, cursor: None, next: next_link(uri, "offset", next.map(|n| n.to_string())) })
}

pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route {}", uri.path()))
}

pub async fn stats(State(s): AppState, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    ok(blocking(&s.store, |st| Ok(st.stats()?)).await?)
}

pub async fn events(State(s): AppState, uri: Uri, Params(q): Params<EventQuery>) -> ApiResult {
    let filter = q.filter()?;
    let page = q.page()?;
    let key = serde_json::to_string(&filter).unwrap_or_default();
    let cached = s.counts.get(&key);
    let (items, next, total) = blocking(&s.store, move |st| {
        let (items, next) = match &page {
            EventPage::Offset(req) => {
                let p = st.events(&filter, *req)?;
                (p.items, p.next_offset.map(|n| n.to_string()))
            }
            EventPage::After(after, limit) => {
                let p = st.events_after(&filter, after.as_deref(), *limit)?;
                (p.items, p.next)
            }
        };
        let total = match cached {
            Some(n) => n,
            None => st.count_events(&filter)?,
        };
        Ok((items, next, total))
    })
    .await?;
    if cached.is_none() {
        s.counts.put(key, total);
    }
    let page = q.page()?;
    let (offset, limit, key, cursor) = match &page {
        EventPage::Offset(req) => (Some(req.offset), req.limit, "offset", None),
        EventPage::After(_, limit) => (None, *limit, "after", next.clone()),
    };
    ok(PageOut { items: items.iter().map(event_out).collect(), offset, limit, total: Some(total), cursor, next: next_link(&uri, key, next) })
}

pub async fn event(State(s): AppState, Path((doc, id)): Path<(String, String)>, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    let (d, i) = (doc.clone(), id.clone());
    let hit = blocking(&s.store, move |st| Ok(st.event(&d, &i)?)).await?;
    found(hit.as_ref().map(event_out), "event", &format!("{doc}/{id}"))
}

pub async fn timeline(State(s): AppState, Params(q): Params<EventQuery>) -> ApiResult {
    if q.limit.is_some() || q.offset.is_some() || q.after.is_some() {
        return Err(ApiError::bad_request("the timeline takes the event filters but no limit, offset or after"));
    }
    let filter = q.filter()?;
    let rows = blocking(&s.store, move |st| Ok(st.event_histogram(&filter)?)).await?;
    ok(json!({ "buckets": rows.iter().map(|b| json!({"date": b.date, "type": b.kind, "count": b.count})).collect::<Vec<Value>>() }))
}

pub async fn documents(State(s): AppState, uri: Uri, Params(q): Params<DocQuery>) -> ApiResult {
    let filter = q.filter();
    let req = q.paging().page()?;
    let page = blocking(&s.store, move |st| Ok(st.documents(&filter, req)?)).await?;
    page_out(&uri, req, page.items, page.next_offset, None)
}

/// A stored document: its metadata, entities and events (its text is not
/// kept beyond the evidence sentences).
fn document_out(d: &Document) -> Value {
    let entities: Vec<Value> = d.entities.iter().map(|e| json!({"id": e.id, "name": e.name, "type": e.kind})).collect();
    let events: Vec<Value> = d
        .events
        .iter()
        .map(|e| {
            let hit = EventHit {
                doc: d.id.clone(),
                outlet: sitrep_picture::outlet_of(d),
                published: d.published,
                evidence: d.text.get(e.span.start..e.span.end).unwrap_or("").to_string(),
                event: e.clone(),
            };
            serde_json::to_value(event_out(&hit)).unwrap_or(Value::Null)
        })
        .collect();
    json!({
        "id": d.id, "title": d.title, "outlet": d.outlet, "url": d.url, "published": d.published,
        "published_from": d.published_from, "lang": d.lang, "entities": entities, "events": events,
    })
}

pub async fn document(State(s): AppState, Path(id): Path<String>, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    let key = id.clone();
    let d = blocking(&s.store, move |st| Ok(st.document(&key)?)).await?;
    found(d.as_ref().map(document_out), "document", &id)
}

pub async fn entities(State(s): AppState, uri: Uri, Params(q): Params<EntityQuery>) -> ApiResult {
    let filter = q.filter()?;
    let req = q.paging().page()?;
    let page = blocking(&s.store, move |st| Ok(st.entities(&filter, req)?)).await?;
    page_out(&uri, req, page.items, page.next_offset, None)
}

pub async fn entity(State(s): AppState, Path(id): Path<String>, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    let key = id.clone();
    found(blocking(&s.store, move |st| Ok(st.entity(&key)?)).await?, "entity", &id)
}

pub async fn clusters(State(s): AppState, uri: Uri, Params(q): Params<ClusterQuery>) -> ApiResult {
    let filter = q.filter()?;
    let req = q.paging().page()?;
    let page = blocking(&s.store, move |st| Ok(st.clusters(&filter, req)?)).await?;
    page_out(&uri, req, page.items, page.next_offset, None)
}

pub async fn cluster(State(s): AppState, Path(id): Path<String>, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    let key = id.clone();
    let c = blocking(&s.store, move |st| Ok(st.cluster(&key)?)).await?;
    let out = c.map(|c| {
        let mut v = serde_json::to_value(&c.cluster).unwrap_or(Value::Null);
        v["reports"] = c.reports.iter().map(|h| serde_json::to_value(event_out(h)).unwrap_or(Value::Null)).collect();
        v
    });
    found(out, "cluster", &id)
}

pub async fn network(State(s): AppState, Params(q): Params<NetworkQuery>) -> ApiResult {
    let relation = q.relation()?;
    ok(blocking(&s.store, move |st| Ok(st.network(relation)?)).await?)
}

pub async fn control(State(s): AppState, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    ok(blocking(&s.store, |st| Ok(st.control()?)).await?)
}

pub async fn control_of(State(s): AppState, Path(place): Path<String>, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    let key = place.clone();
    found(blocking(&s.store, move |st| Ok(st.control_of(&key)?)).await?, "control history for place", &place)
}

pub async fn contradictions(State(s): AppState, Params(q): Params<ContradictionQuery>) -> ApiResult {
    let kind = q.kind()?;
    ok(blocking(&s.store, move |st| Ok(st.contradictions(kind)?)).await?)
}

pub async fn sources(State(s): AppState, Params(NoQuery {}): Params<NoQuery>) -> ApiResult {
    ok(blocking(&s.store, |st| Ok(st.sources()?)).await?)
}
