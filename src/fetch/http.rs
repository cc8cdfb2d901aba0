//! A blocking HTTP(S) [`Fetcher`] (cargo feature `http`).

use std::io::Read;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
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
    /// Whether hosts on loopback, private, link-local or other non-public
    /// addresses may be fetched (default `false`). URLs in a credential are
    /// chosen by whoever wrote it; refusing internal addresses keeps a
    /// verifier from being used to probe its own network (SSRF). Checked on
    /// every connection, redirects included, after DNS resolution.
    pub allow_private_addresses: bool,
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
            allow_private_addresses: false,
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

    /// Sets [`HttpOptions::allow_private_addresses`].
    #[must_use]
    pub fn allow_private_addresses(mut self, allow: bool) -> Self {
        self.allow_private_addresses = allow;
        self
    }

    /// Sets [`HttpOptions::user_agent`].
    #[must_use]
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }
}

/// Whether an address is on the public internet (not loopback, private,
/// link-local, shared, documentation, unspecified or broadcast).
fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments().first().copied().unwrap_or(0);
            !(v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// A DNS resolver that drops non-public addresses.
struct PublicOnlyResolver;

const NOT_PUBLIC: &str = "resolves only to non-public addresses";

impl ureq::Resolver for PublicOnlyResolver {
    fn resolve(&self, netloc: &str) -> std::io::Result<Vec<SocketAddr>> {
        let all: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        let public: Vec<SocketAddr> = all.iter().copied().filter(|a| is_public(a.ip())).collect();
        if public.is_empty() && !all.is_empty() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{netloc} {NOT_PUBLIC} (HttpOptions::allow_private_addresses is false)"),
            ));
        }
        Ok(public)
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
        let mut builder = ureq::AgentBuilder::new()
            .timeout_connect(options.connect_timeout)
            .timeout(options.timeout)
            .redirects(options.max_redirects)
            .https_only(!options.allow_http)
            .user_agent(&options.user_agent);
        if !options.allow_private_addresses {
            builder = builder.resolver(PublicOnlyResolver);
        }
        let agent = builder.build();
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
        if !self.options.allow_private_addresses {
            let literal = match parsed.host() {
                Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
                Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
                _ => None,
            };
            if literal.is_some_and(|ip| !is_public(ip)) {
                return Err(refused(
                    "not a public address (HttpOptions::allow_private_addresses is false)",
                ));
            }
        }
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
                let not_public = t.kind() == ureq::ErrorKind::Dns && reason.contains(NOT_PUBLIC);
                if not_public {
                    return Err(FetchError::Refused {
                        url: url.to_owned(),
                        reason,
                    });
                }
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
    fn public_address_classification() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["93.184.216.34", "2606:4700::1111", "1.1.1.1"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
        let f = HttpFetcher::default();
        assert!(matches!(
            f.fetch("https://169.254.169.254/latest/meta-data", 100),
            Err(FetchError::Refused { .. })
        ));
        assert!(matches!(
            f.fetch("https://[::1]/x", 100),
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
