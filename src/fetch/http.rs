//! A blocking HTTP(S) [`Fetcher`] (cargo feature `http`).

use std::io::Read;
use std::time::Duration;

use super::{FetchError, Fetched, Fetcher};

/// Settings for [`HttpFetcher`]; every field has a conservative default.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpOptions {
    /// Longest wait to open a connection (default 5 s).
    pub connect_timeout: Duration,
    /// Longest time for the whole request, body included (default 15 s).
    pub timeout: Duration,
    /// Most redirects followed; one more is an error (default 3).
    pub max_redirects: u32,
    /// Whether plain `http://` URLs may be fetched (default `false`: https only,
    /// also for redirect targets).
    pub allow_http: bool,
    /// The `User-Agent` header (default `openbadges-rs/<version>`).
    pub user_agent: String,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(15),
            max_redirects: 3,
            allow_http: false,
            user_agent: concat!("openbadges-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

impl HttpOptions {
    /// Sets [`HttpOptions::connect_timeout`].
    #[must_use]
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Sets [`HttpOptions::timeout`].
    #[must_use]
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Sets [`HttpOptions::max_redirects`].
    #[must_use]
    pub fn max_redirects(mut self, n: u32) -> Self {
        self.max_redirects = n;
        self
    }

    /// Sets [`HttpOptions::allow_http`].
    #[must_use]
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Sets [`HttpOptions::user_agent`].
    #[must_use]
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }
}

/// Fetches over HTTPS with timeouts, a redirect limit and a size cap that is
/// enforced while the body is read (a large body is never held in memory).
///
/// Non-2xx responses are returned as [`Fetched`] with their status (so a 410
/// Gone reaches the caller); transport failures are [`FetchError::Transport`].
#[derive(Debug)]
pub struct HttpFetcher {
    agent: ureq::Agent,
    options: HttpOptions,
}

impl Default for HttpFetcher {
    fn default() -> Self {
        Self::new(HttpOptions::default())
    }
}

impl HttpFetcher {
    /// A fetcher with these options.
    pub fn new(options: HttpOptions) -> Self {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(options.connect_timeout)
            .timeout(options.timeout)
            .redirects(options.max_redirects)
            .https_only(!options.allow_http)
            .user_agent(&options.user_agent)
            .build();
        HttpFetcher { agent, options }
    }

    /// The options in force.
    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    fn check_url(&self, url: &str) -> Result<(), FetchError> {
        let refused = |reason: &str| FetchError::Refused {
            url: url.to_owned(),
            reason: reason.to_owned(),
        };
        let parsed = url::Url::parse(url).map_err(|e| refused(&format!("not a URL: {e}")))?;
        match parsed.scheme() {
            "https" => Ok(()),
            "http" if self.options.allow_http => Ok(()),
            "http" => Err(refused(
                "plain http is not allowed (HttpOptions::allow_http is false)",
            )),
            other => Err(refused(&format!("scheme {other:?} is not fetched"))),
        }
    }
}

impl Fetcher for HttpFetcher {
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        self.check_url(url)?;
        let response = match self
            .agent
            .get(url)
            .set(
                "Accept",
                "application/ld+json, application/json;q=0.9, */*;q=0.1",
            )
            .call()
        {
            Ok(r) | Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                let reason = t.to_string();
                return Err(match t.kind() {
                    ureq::ErrorKind::TooManyRedirects
                    | ureq::ErrorKind::InsecureRequestHttpsOnly
                    | ureq::ErrorKind::InvalidUrl
                    | ureq::ErrorKind::UnknownScheme => FetchError::Refused {
                        url: url.to_owned(),
                        reason,
                    },
                    _ => FetchError::Transport {
                        url: url.to_owned(),
                        reason,
                    },
                });
            }
        };
        let too_large = || FetchError::TooLarge {
            url: url.to_owned(),
            max_bytes,
        };
        if let Some(declared) = response
            .header("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            if declared > max_bytes as u64 {
                return Err(too_large());
            }
        }
        let status = response.status();
        let content_type = response.header("Content-Type").map(str::to_owned);
        let mut body = Vec::new();
        let cap = (max_bytes as u64).saturating_add(1);
        response
            .into_reader()
            .take(cap)
            .read_to_end(&mut body)
            .map_err(|e| FetchError::Transport {
                url: url.to_owned(),
                reason: format!("reading the body: {e}"),
            })?;
        if body.len() > max_bytes {
            return Err(too_large());
        }
        Ok(Fetched::new(body, status, content_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_plain_http_by_default_without_network() {
        let f = HttpFetcher::default();
        assert!(matches!(
            f.fetch("http://example.org/list", 100),
            Err(FetchError::Refused { .. })
        ));
        assert!(matches!(
            f.fetch("file:///etc/passwd", 100),
            Err(FetchError::Refused { .. })
        ));
        assert!(matches!(
            f.fetch("not a url", 100),
            Err(FetchError::Refused { .. })
        ));
    }

    #[test]
    fn options_builder() {
        let o = HttpOptions::default()
            .allow_http(true)
            .max_redirects(0)
            .timeout(Duration::from_secs(1));
        assert!(o.allow_http);
        assert_eq!(o.max_redirects, 0);
        assert_eq!(HttpFetcher::new(o.clone()).options(), &o);
    }
}
