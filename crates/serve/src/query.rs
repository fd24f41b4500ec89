//! Query strings: parsed strictly (an unknown parameter, a bad date, a bad
//! box or a bad number is a 400 naming it), then turned into the store's
//! filters.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use sitrep_model::{EntityType, PartialDate, Status};
use sitrep_picture::{ContradictionKind, Relation};
use sitrep_store::{ClusterFilter, DocFilter, EntityFilter, EventFilter, PageReq};

use crate::error::ApiError;

/// Largest page the API hands out.
pub const MAX_LIMIT: u32 = 1000;
pub const DEFAULT_LIMIT: u32 = 50;

/// A query string deserialised into `T`, or a JSON 400.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let q = parts.uri.query().unwrap_or("");
        serde_urlencoded::from_str(q).map(Params).map_err(|e| ApiError::bad_request(format!("bad query string: {e}")))
    }
}

/// `limit` and `offset`, shared by every list.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    pub limit: Option<String>,
    pub offset: Option<String>,
}

impl Paging {
    pub fn page(&self) -> Result<PageReq, ApiError> {
        let limit = match &self.limit {
            None => DEFAULT_LIMIT,
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => return Err(ApiError::bad_request(format!("limit must be a whole number from 1 to {MAX_LIMIT}, not {s:?}"))),
            },
        };
        let offset = match &self.offset {
            None => 0,
            Some(s) => s.parse::<u64>().map_err(|_| ApiError::bad_request(format!("offset must be a whole number, not {s:?}")))?,
        };
        Ok(PageReq { offset, limit })
    }
}

fn date(name: &str, v: &Option<String>) -> Result<Option<PartialDate>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<PartialDate>()
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD, not {s:?}"))),
    }
}

fn date_range(from: &Option<String>, to: &Option<String>) -> Result<(Option<PartialDate>, Option<PartialDate>), ApiError> {
    let (from, to) = (date("from", from)?, date("to", to)?);
    if let (Some(a), Some(b)) = (&from, &to) {
        if a.day_span().0 > b.day_span().1 {
            return Err(ApiError::bad_request(format!("from ({a}) is after to ({b})")));
        }
    }
    Ok((from, to))
}

/// A value parsed as its JSON string form (`asserted`, `armed_group`, `support`).
fn enum_value<T: DeserializeOwned>(name: &str, v: &Option<String>, allowed: &str) -> Result<Option<T>, ApiError> {
    match v.as_deref().filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => serde_json::from_value(serde_json::Value::String(s.to_ascii_lowercase()))
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("{name} must be one of {allowed}, not {s:?}"))),
    }
}

fn status(v: &Option<String>) -> Result<Option<Status>, ApiError> {
    enum_value("status", v, "asserted, claimed, denied, intended, hypothetical")
}

/// An upper-case PLOVER type; any word is accepted (unknown ones match nothing).
fn kind(v: &Option<String>) -> Result<Option<String>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') => Ok(Some(s.to_ascii_uppercase())),
        Some(s) => Err(ApiError::bad_request(format!("type must be a PLOVER type such as ASSAULT, not {s:?}"))),
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// `west,south,east,north` in degrees.
fn bbox(v: &Option<String>) -> Result<Option<[f64; 4]>, ApiError> {
    let Some(s) = v.as_deref().filter(|s| !s.trim().is_empty()) else { return Ok(None) };
    let bad = || ApiError::bad_request(format!("bbox must be west,south,east,north in degrees (west < east, south < north), not {s:?}"));
    let v: Vec<f64> = s.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad())?;
    let [w, so, e, n] = <[f64; 4]>::try_from(v).map_err(|_| bad())?;
    let ok = [w, e].iter().all(|x| (-180.0..=180.0).contains(x)) && [so, n].iter().all(|y| (-90.0..=90.0).contains(y)) && w < e && so < n;
    if ok {
        Ok(Some([w, so, e, n]))
    } else {
        Err(bad())
    }
}

/// `GET /api/events` and `GET /api/timeline`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventQuery {
    pub actor: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub mode: Option<String>,
    pub place: Option<String>,
    pub bbox: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<String>,
    pub outlet: Option<String>,
    pub cluster: Option<String>,
    pub q: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    /// Keyset position: the `next` cursor of the previous page.
    pub after: Option<String>,
}

/// How a page of events is asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum EventPage {
    /// By position in the list (`offset`).
    Offset(PageReq),
    /// After a cursor (`after`; none for the first page): a deep page costs what the first does.
    After(Option<String>, u32),
}

impl EventQuery {
    pub fn page(&self) -> Result<EventPage, ApiError> {
        let req = self.paging().page()?;
        match (&self.offset, &self.after) {
            (Some(_), Some(_)) => Err(ApiError::bad_request("give offset or after, not both")),
            (Some(_), None) => Ok(EventPage::Offset(req)),
            (None, Some(a)) if !a.is_empty() && a.len() <= 19 && a.bytes().all(|b| b.is_ascii_digit()) => Ok(EventPage::After(Some(a.clone()), req.limit)),
            (None, Some(a)) => Err(ApiError::bad_request(format!("after must be the next cursor of a previous page, not {a:?}"))),
            (None, None) => Ok(EventPage::After(None, req.limit)),
        }
    }

    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let (from, to) = date_range(&self.from, &self.to)?;
        Ok(EventFilter {
            actor: text(&self.actor),
            kind: kind(&self.kind)?,
            mode: text(&self.mode),
            place: text(&self.place),
            bbox: bbox(&self.bbox)?,
            from,
            to,
            status: status(&self.status)?,
            outlet: text(&self.outlet),
            cluster: text(&self.cluster),
            text: text(&self.q),
        })
    }

    pub fn paging(&self) -> Paging {
        Paging { limit: self.limit.clone(), offset: self.offset.clone() }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocQuery {
    pub outlet: Option<String>,
    pub q: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

impl DocQuery {
    pub fn filter(&self) -> DocFilter {
        DocFilter { outlet: text(&self.outlet), text: text(&self.q) }
    }

    pub fn paging(&self) -> Paging {
        Paging { limit: self.limit.clone(), offset: self.offset.clone() }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityQuery {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub name: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

impl EntityQuery {
    pub fn filter(&self) -> Result<EntityFilter, ApiError> {
        let kind: Option<EntityType> = enum_value(
            "type",
            &self.kind,
            "person, armed_group, government, organization, international_org, country, media, place, equipment, other",
        )?;
        Ok(EntityFilter { kind, name: text(&self.name) })
    }

    pub fn paging(&self) -> Paging {
        Paging { limit: self.limit.clone(), offset: self.offset.clone() }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterQuery {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

impl ClusterQuery {
    pub fn filter(&self) -> Result<ClusterFilter, ApiError> {
        let (from, to) = date_range(&self.from, &self.to)?;
        Ok(ClusterFilter { kind: kind(&self.kind)?, actor: text(&self.actor), place: text(&self.place), from, to, status: status(&self.status)? })
    }

    pub fn paging(&self) -> Paging {
        Paging { limit: self.limit.clone(), offset: self.offset.clone() }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkQuery {
    pub relation: Option<String>,
}

impl NetworkQuery {
    pub fn relation(&self) -> Result<Option<Relation>, ApiError> {
        enum_value("relation", &self.relation, "support, hostility")
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContradictionQuery {
    pub kind: Option<String>,
}

impl ContradictionQuery {
    pub fn kind(&self) -> Result<Option<ContradictionKind>, ApiError> {
        enum_value("kind", &self.kind, "control, attribution, figures, date")
    }
}

/// Routes that take no parameters still reject unknown ones.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoQuery {}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Result<EventFilter, ApiError> {
        let q: EventQuery = serde_urlencoded::from_str(s).map_err(|e| ApiError::bad_request(e.to_string()))?;
        q.filter()
    }

    #[test]
    fn event_filters_parse() {
        let f = q("actor=lna&type=assault&from=2020-05&to=2020-06-30&status=Claimed&bbox=10,30,20,35.5&q=air+base").unwrap();
        assert_eq!(f.actor.as_deref(), Some("lna"));
        assert_eq!(f.kind.as_deref(), Some("ASSAULT"));
        assert_eq!(f.from.unwrap().to_string(), "2020-05");
        assert_eq!(f.status, Some(Status::Claimed));
        assert_eq!(f.bbox, Some([10.0, 30.0, 20.0, 35.5]));
        assert_eq!(f.text.as_deref(), Some("air base"));
    }

    #[test]
    fn bad_values_are_named() {
        for (query, word) in [
            ("from=2020-13-01", "from"),
            ("to=yesterday", "to"),
            ("from=2020-06&to=2020-05", "after"),
            ("status=rumoured", "status"),
            ("bbox=1,2,3", "bbox"),
            ("bbox=20,30,10,35", "bbox"),
            ("type=AS;SAULT", "type"),
            ("colour=red", "colour"),
        ] {
            let e = q(query).err().unwrap_or_else(|| panic!("{query} accepted"));
            assert_eq!(e.status.as_u16(), 400);
            assert!(e.message.contains(word), "{query}: {}", e.message);
        }
    }

    #[test]
    fn event_pages() {
        let p = |s: &str| serde_urlencoded::from_str::<EventQuery>(s).unwrap().page();
        assert_eq!(p("").unwrap(), EventPage::After(None, DEFAULT_LIMIT));
        assert_eq!(p("after=120&limit=5").unwrap(), EventPage::After(Some("120".into()), 5));
        assert_eq!(p("offset=10").unwrap(), EventPage::Offset(PageReq { offset: 10, limit: DEFAULT_LIMIT }));
        assert!(p("after=12&offset=3").is_err() && p("after=x1").is_err() && p("after=").is_err());
    }

    #[test]
    fn paging_bounds() {
        let p = |l: &str| Paging { limit: Some(l.into()), offset: None }.page();
        assert_eq!(p("1000").unwrap().limit, 1000);
        assert!(p("0").is_err() && p("1001").is_err() && p("ten").is_err());
        assert_eq!(Paging::default().page().unwrap().limit, DEFAULT_LIMIT);
    }
}
