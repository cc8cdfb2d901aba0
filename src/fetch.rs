//! Fetching remote documents, only through a [`Fetcher`] the caller supplies.
//!
//! Verification never reaches the network by itself. did:web documents,
//! controller documents, status lists and hosted OB 2.0 assertions are read
//! through this trait; the default [`OfflineFetcher`] fetches nothing.
//!
//! - [`OfflineFetcher`]: refuses every URL (the default).
//! - [`MapFetcher`]: serves an in-memory map of URL → response, for offline
//!   bundles (a status list shipped next to a badge) and tests.
//! - `HttpFetcher` (cargo feature `http`, off by default): a blocking HTTPS
//!   client with timeouts, a redirect limit and a size cap enforced while
//!   reading.

use std::collections::BTreeMap;

/// Reads a URL's bytes, within a size limit.
pub trait Fetcher: Send + Sync {
    /// The body of `url`, refusing bodies over `max_bytes`.
    ///
    /// # Errors
    /// [`FetchError`] when the URL is not served, the body is too large, or
    /// the transport failed.
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError>;
}

/// A fetched document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fetched {
    /// The body.
    pub body: Vec<u8>,
    /// The HTTP status, when fetched over HTTP (an in-memory fetcher says 200).
    pub status: u16,
    /// The media type, when known.
    pub content_type: Option<String>,
}

impl Fetched {
    /// A 200 response with this body and no media type.
    pub fn ok(body: impl Into<Vec<u8>>) -> Self {
        Fetched {
            body: body.into(),
            status: 200,
            content_type: None,
        }
    }

    /// A response with this body, HTTP status and media type.
    pub fn new(body: impl Into<Vec<u8>>, status: u16, content_type: Option<String>) -> Self {
        Fetched {
            body: body.into(),
            status,
            content_type,
        }
    }

    /// A response with an empty body and this status (such as 404 or 410).
    pub fn status_only(status: u16) -> Self {
        Fetched::new(Vec::new(), status, None)
    }

    /// The same response with this media type.
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// No fetcher is configured (the offline default).
    #[error("offline: no fetcher configured to read {url}")]
    Offline {
        /// The URL that would have been read.
        url: String,
    },
    /// The fetcher does not serve this URL.
    #[error("not found: {url}")]
    NotFound {
        /// The URL.
        url: String,
    },
    /// The body is larger than allowed.
    #[error("response from {url} is over {max_bytes} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The ceiling.
        max_bytes: usize,
    },
    /// The fetcher refused the URL before fetching it (bad URL, scheme not
    /// allowed, too many redirects).
    #[error("refused to fetch {url}: {reason}")]
    Refused {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// The transport failed.
    #[error("fetching {url} failed: {reason}")]
    Transport {
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
    },
    /// Not fetched: the fetch budget of this verification is spent
    /// ([`crate::limits::Limits::max_fetches`]).
    #[error("not fetched {url}: {limit}")]
    Budget {
        /// The URL.
        url: String,
        /// The budget.
        limit: crate::limits::LimitExceeded,
    },
}

/// The default fetcher: fetches nothing, so verification stays offline.
#[derive(Debug, Clone, Copy, Default)]
pub struct OfflineFetcher;

impl Fetcher for OfflineFetcher {
    fn fetch(&self, url: &str, _max_bytes: usize) -> Result<Fetched, FetchError> {
        Err(FetchError::Offline {
            url: url.to_owned(),
        })
    }
}

/// An in-memory fetcher: a map of URL → response.
///
/// For offline bundles (the status list credential or issuer profile shipped
/// with a badge) and for tests. Lookups ignore a `#fragment` in the requested
/// URL when the exact URL is not present, since fragments are never sent to a
/// server. Responses may carry any status (a 410 Gone for a withdrawn list,
/// say); the size ceiling passed to [`Fetcher::fetch`] is enforced.
///
/// ```
/// use openbadges::fetch::{Fetched, Fetcher, MapFetcher, FetchError};
/// let f = MapFetcher::new()
///     .with("https://example.edu/status/1", Fetched::ok(b"{}".to_vec()))
///     .with("https://example.edu/gone", Fetched::status_only(410));
/// assert_eq!(f.fetch("https://example.edu/status/1#list", 1024)?.body, b"{}");
/// assert_eq!(f.fetch("https://example.edu/gone", 1024)?.status, 410);
/// assert!(matches!(f.fetch("https://example.edu/status/1", 1), Err(FetchError::TooLarge { .. })));
/// # Ok::<(), FetchError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapFetcher {
    entries: BTreeMap<String, Fetched>,
}

impl MapFetcher {
    /// An empty map: every URL is [`FetchError::NotFound`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the response for `url`.
    pub fn insert(&mut self, url: impl Into<String>, response: Fetched) -> &mut Self {
        self.entries.insert(url.into(), response);
        self
    }

    /// Builder form of [`MapFetcher::insert`].
    #[must_use]
    pub fn with(mut self, url: impl Into<String>, response: Fetched) -> Self {
        self.insert(url, response);
        self
    }

    /// Adds a 200 `application/json` response with this JSON value.
    ///
    /// # Errors
    /// [`FetchError::Transport`] if the value cannot be serialized (it always
    /// can for values built from JSON).
    pub fn insert_json(
        &mut self,
        url: impl Into<String>,
        value: &serde_json::Value,
    ) -> Result<&mut Self, FetchError> {
        let url = url.into();
        let body = serde_json::to_vec(value).map_err(|e| FetchError::Transport {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        Ok(self.insert(url, Fetched::ok(body).with_content_type("application/json")))
    }

    /// How many URLs are served.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no URL is served.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Why [`fetch_json`] produced no document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchJsonError {
    /// The fetcher failed (offline, not served, too large, transport).
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The URL answered an HTTP status other than 200.
    #[error("{url} answered HTTP {status}")]
    Status {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// The body is not strict JSON within the limits.
    #[error("{url}: {source}")]
    Json {
        /// The URL.
        url: String,
        /// Why.
        source: crate::limits::JsonInputError,
    },
}

/// The one way this crate reads a remote JSON document: fetch `url` through
/// `fetcher` at most `min(max_fetch_bytes, max_json_bytes)` long (a body the
/// fetcher returns over that is refused too), require HTTP 200, and parse it
/// strictly ([`crate::limits::parse_json_limited`]). Used for controller
/// documents, DID documents, status lists and JWKS alike.
///
/// # Errors
/// [`FetchJsonError`] naming the URL and what failed.
pub fn fetch_json(
    fetcher: &dyn Fetcher,
    url: &str,
    limits: &crate::limits::Limits,
) -> Result<serde_json::Value, FetchJsonError> {
    let max = limits.max_fetch_bytes.min(limits.max_json_bytes);
    let fetched = fetcher.fetch(url, max)?;
    if fetched.status != 200 {
        return Err(FetchJsonError::Status {
            url: url.to_owned(),
            status: fetched.status,
        });
    }
    if fetched.body.len() > max {
        return Err(FetchError::TooLarge {
            url: url.to_owned(),
            max_bytes: max,
        }
        .into());
    }
    crate::limits::parse_json_limited(&fetched.body, limits).map_err(|source| {
        FetchJsonError::Json {
            url: url.to_owned(),
            source,
        }
    })
}

/// Why a fetch map file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchMapError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The map is not the expected JSON.
    #[error("{path}: {reason}")]
    Format {
        /// The map file.
        path: std::path::PathBuf,
        /// What is wrong (with the URL at fault).
        reason: String,
    },
    /// A file is over the fetch size limit.
    #[error("{path} is over {max_bytes} bytes")]
    TooLarge {
        /// The file.
        path: std::path::PathBuf,
        /// The ceiling.
        max_bytes: usize,
    },
}

fn read_limited(path: &std::path::Path, max_bytes: usize) -> Result<Vec<u8>, FetchMapError> {
    use std::io::Read;
    let io = |source| FetchMapError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut body = Vec::new();
    let cap = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(cap).read_to_end(&mut body).map_err(io)?;
    if body.len() > max_bytes {
        return Err(FetchMapError::TooLarge {
            path: path.to_owned(),
            max_bytes,
        });
    }
    Ok(body)
}

impl MapFetcher {
    /// Adds the responses a fetch map file describes: a JSON object from URL
    /// to either a file path or `{"file": path, "status": 410,
    /// "content_type": "…"}` (`file` optional when only a status is served;
    /// `status` defaults to 200). Paths are relative to the map's folder.
    /// Each file is read now, at most `max_bytes` long.
    ///
    /// This is the `--fetch-map` format of the `verify` example, so a set of
    /// documents can be verified offline exactly as if served at their URLs.
    ///
    /// # Errors
    /// [`FetchMapError`] naming the file or URL at fault.
    pub fn load_map_file(
        &mut self,
        map: &std::path::Path,
        max_bytes: usize,
    ) -> Result<&mut Self, FetchMapError> {
        let format = |reason: String| FetchMapError::Format {
            path: map.to_owned(),
            reason,
        };
        let bytes = read_limited(map, max_bytes)?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| format(format!("not JSON: {e}")))?;
        let entries = value
            .as_object()
            .ok_or_else(|| format("expected an object from URL to file".to_owned()))?;
        let dir = map.parent().unwrap_or_else(|| std::path::Path::new("."));
        for (url, entry) in entries {
            let (file, status, content_type) = match entry {
                serde_json::Value::String(f) => (Some(f.as_str()), 200, None),
                serde_json::Value::Object(o) => {
                    let file = match o.get("file") {
                        None => None,
                        Some(serde_json::Value::String(f)) => Some(f.as_str()),
                        Some(_) => return Err(format(format!("{url}: \"file\" is not a string"))),
                    };
                    let status = match o.get("status") {
                        None => 200,
                        Some(v) => v
                            .as_u64()
                            .and_then(|n| u16::try_from(n).ok())
                            .filter(|n| (100..=599).contains(n))
                            .ok_or_else(|| {
                                format(format!("{url}: \"status\" is not an HTTP status"))
                            })?,
                    };
                    let content_type = match o.get("content_type") {
                        None => None,
                        Some(serde_json::Value::String(c)) => Some(c.clone()),
                        Some(_) => {
                            return Err(format(format!("{url}: \"content_type\" is not a string")))
                        }
                    };
                    if file.is_none() && status == 200 {
                        return Err(format(format!("{url}: no \"file\" to serve")));
                    }
                    (file, status, content_type)
                }
                _ => return Err(format(format!("{url}: expected a path or an object"))),
            };
            let body = match file {
                Some(f) => read_limited(&dir.join(f), max_bytes)?,
                None => Vec::new(),
            };
            let mut response = Fetched::ok(body);
            response.status = status;
            response.content_type = content_type;
            self.insert(url.clone(), response);
        }
        Ok(self)
    }
}

impl Fetcher for MapFetcher {
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        let found = self.entries.get(url).or_else(|| {
            let without_fragment = url.split_once('#').map(|(base, _)| base)?;
            self.entries.get(without_fragment)
        });
        let Some(response) = found else {
            return Err(FetchError::NotFound {
                url: url.to_owned(),
            });
        };
        if response.body.len() > max_bytes {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                max_bytes,
            });
        }
        Ok(response.clone())
    }
}

#[cfg(feature = "http")]
mod http;
#[cfg(feature = "http")]
pub use http::{HttpFetcher, HttpOptions};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_refuses() {
        assert!(matches!(
            OfflineFetcher.fetch("https://example.org/", 10),
            Err(FetchError::Offline { .. })
        ));
    }

    #[test]
    fn map_fetcher_exact_beats_fragmentless() {
        let f = MapFetcher::new()
            .with("https://a.example/x", Fetched::ok(b"base".to_vec()))
            .with("https://a.example/x#k", Fetched::ok(b"frag".to_vec()));
        assert_eq!(f.fetch("https://a.example/x#k", 10).unwrap().body, b"frag");
        assert_eq!(f.fetch("https://a.example/x#z", 10).unwrap().body, b"base");
        assert!(matches!(
            f.fetch("https://a.example/y", 10),
            Err(FetchError::NotFound { .. })
        ));
    }

    #[test]
    fn size_cap_is_inclusive() {
        let f = MapFetcher::new().with("u:a", Fetched::ok(vec![0u8; 8]));
        assert!(f.fetch("u:a", 8).is_ok());
        assert_eq!(
            f.fetch("u:a", 7),
            Err(FetchError::TooLarge {
                url: "u:a".into(),
                max_bytes: 7
            })
        );
    }
}
