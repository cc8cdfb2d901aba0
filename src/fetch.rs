//! Fetching remote documents, only through a [`Fetcher`] the caller supplies.
//!
//! Verification never reaches the network by itself. did:web documents,
//! controller documents, status lists and hosted OB 2.0 assertions are read
//! through this trait; the default [`OfflineFetcher`] fetches nothing.

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
    /// The transport failed.
    #[error("fetching {url} failed: {reason}")]
    Transport {
        /// The URL.
        url: String,
        /// What failed.
        reason: String,
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
