//! Bearer-token check for writes. The comparison takes the same time
//! whichever byte differs, so the token cannot be guessed byte by byte
//! from response times.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

use crate::error::ApiError;

/// Why a write was refused.
pub enum Refused {
    /// The server has no token: it is read-only.
    ReadOnly,
    /// No `Authorization: Bearer` header, or the wrong token.
    Unauthorised(&'static str),
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        match self {
            Refused::ReadOnly => ApiError::new(
                StatusCode::FORBIDDEN,
                "the server is read-only: start it with --token or SITREP_TOKEN to accept articles",
            )
            .into_response(),
            Refused::Unauthorised(why) => {
                let mut r = ApiError::new(StatusCode::UNAUTHORIZED, why).into_response();
                r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"sitrep\""));
                r
            }
        }
    }
}

/// Checks `Authorization: Bearer <token>` against the configured token.
pub fn check(configured: Option<&str>, headers: &HeaderMap) -> Result<(), Refused> {
    let Some(expected) = configured else { return Err(Refused::ReadOnly) };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or(Refused::Unauthorised("an Authorization: Bearer token is required"))?;
    if given.as_bytes().ct_eq(expected.as_bytes()).into() {
        Ok(())
    } else {
        Err(Refused::Unauthorised("wrong token"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(v).unwrap());
        h
    }

    #[test]
    fn token_rules() {
        assert!(check(Some("s3cret"), &headers("Bearer s3cret")).is_ok());
        assert!(matches!(check(Some("s3cret"), &headers("Bearer s3cret2")), Err(Refused::Unauthorised(_))));
        assert!(matches!(check(Some("s3cret"), &headers("Bearer s3cre")), Err(Refused::Unauthorised(_))));
        assert!(matches!(check(Some("s3cret"), &headers("Basic s3cret")), Err(Refused::Unauthorised(_))));
        assert!(matches!(check(Some("s3cret"), &HeaderMap::new()), Err(Refused::Unauthorised(_))));
        assert!(matches!(check(None, &headers("Bearer s3cret")), Err(Refused::ReadOnly)));
    }
}
