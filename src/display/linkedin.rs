//! The LinkedIn "Add to profile" link for a certification.
//!
//! LinkedIn's add-to-profile URL opens the member's "Add license or
//! certification" form pre-filled:
//! `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=…&organizationId=…`
//! (or `organizationName=…`) `&issueYear=…&issueMonth=…&expirationYear=…&expirationMonth=…&certUrl=…&certId=…`.
//! Absent optional fields are left out. Values are encoded as
//! `application/x-www-form-urlencoded` by the `url` crate (a space becomes
//! `+`, `&`, `=`, `#`, `%`, `+` and non-ASCII are percent-escaped), so no
//! value can add or cut a parameter.
//!
//! ```
//! use openbadges::display::linkedin::{Certification, Organization, YearMonth};
//!
//! let cert = Certification::new("Facilitates meetings (FTB-2)", Organization::Name("City Schools".into()))?
//!     .issued(YearMonth::new(2026, 3)?)
//!     .cert_url("https://badges.example.org/c/42")?
//!     .cert_id("urn:uuid:0b0e0f4e");
//! assert_eq!(
//!     cert.add_to_profile_url().as_str(),
//!     "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME\
//!      &name=Facilitates+meetings+%28FTB-2%29&organizationName=City+Schools\
//!      &issueYear=2026&issueMonth=3&certUrl=https%3A%2F%2Fbadges.example.org%2Fc%2F42\
//!      &certId=urn%3Auuid%3A0b0e0f4e"
//! );
//! # Ok::<(), openbadges::display::linkedin::LinkedInError>(())
//! ```

use chrono::Datelike as _;

/// The add-to-profile endpoint.
pub const ADD_TO_PROFILE: &str = "https://www.linkedin.com/profile/add";

/// The issuing organization: a LinkedIn company page id, or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Organization {
    /// The numeric id of the organization's LinkedIn page (links the certification to it).
    Id(u64),
    /// A free-text organization name.
    Name(String),
}

/// A year and month (LinkedIn's issue and expiration fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    /// A year (1900–9999) and month (1–12).
    ///
    /// # Errors
    /// [`LinkedInError::YearMonth`] outside those ranges.
    pub fn new(year: u16, month: u8) -> Result<YearMonth, LinkedInError> {
        if !(1900..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(LinkedInError::YearMonth { year, month });
        }
        Ok(YearMonth { year, month })
    }

    /// The year and month of an instant, in UTC.
    ///
    /// # Errors
    /// [`LinkedInError::YearMonth`] for a year outside 1900–9999.
    pub fn from_utc(t: &chrono::DateTime<chrono::Utc>) -> Result<YearMonth, LinkedInError> {
        let year = u16::try_from(t.year()).unwrap_or(0);
        let month = u8::try_from(t.month()).unwrap_or(0);
        YearMonth::new(year, month)
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month (1–12).
    pub fn month(&self) -> u8 {
        self.month
    }
}

/// A certification to add to a LinkedIn profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certification {
    name: String,
    organization: Organization,
    issued: Option<YearMonth>,
    expires: Option<YearMonth>,
    cert_url: Option<url::Url>,
    cert_id: Option<String>,
}

impl Certification {
    /// A certification with its name and issuing organization.
    ///
    /// # Errors
    /// [`LinkedInError::EmptyName`] when the name (or the organization name)
    /// is empty or only whitespace.
    pub fn new(
        name: impl Into<String>,
        organization: Organization,
    ) -> Result<Certification, LinkedInError> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(LinkedInError::EmptyName { field: "name" });
        }
        if matches!(&organization, Organization::Name(n) if n.trim().is_empty()) {
            return Err(LinkedInError::EmptyName {
                field: "organizationName",
            });
        }
        Ok(Certification {
            name,
            organization,
            issued: None,
            expires: None,
            cert_url: None,
            cert_id: None,
        })
    }

    /// When it was issued.
    #[must_use]
    pub fn issued(mut self, when: YearMonth) -> Self {
        self.issued = Some(when);
        self
    }

    /// When it expires (the form rejects an expiry before the issue date;
    /// [`Certification::add_to_profile_url`] leaves such an expiry out, and
    /// [`Certification::expires`] refuses it when the issue date is known).
    ///
    /// # Errors
    /// [`LinkedInError::ExpiresBeforeIssued`].
    pub fn expires(mut self, when: YearMonth) -> Result<Self, LinkedInError> {
        if let Some(issued) = self.issued {
            if when < issued {
                return Err(LinkedInError::ExpiresBeforeIssued {
                    issued,
                    expires: when,
                });
            }
        }
        self.expires = Some(when);
        Ok(self)
    }

    /// The URL where the credential can be seen (its badge page).
    ///
    /// # Errors
    /// [`LinkedInError::CertUrl`] unless it is an absolute `http(s)` URL.
    pub fn cert_url(mut self, url: &str) -> Result<Self, LinkedInError> {
        let parsed = url::Url::parse(url).map_err(|e| LinkedInError::CertUrl {
            url: url.to_owned(),
            reason: e.to_string(),
        })?;
        if parsed.scheme() != "https" && parsed.scheme() != "http" {
            return Err(LinkedInError::CertUrl {
                url: url.to_owned(),
                reason: "not http or https".to_owned(),
            });
        }
        self.cert_url = Some(parsed);
        Ok(self)
    }

    /// The credential id shown on the profile (e.g. the credential's `id`).
    #[must_use]
    pub fn cert_id(mut self, id: impl Into<String>) -> Self {
        self.cert_id = Some(id.into());
        self
    }

    /// The add-to-profile URL.
    pub fn add_to_profile_url(&self) -> url::Url {
        let mut url = endpoint();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("startTask", "CERTIFICATION_NAME");
            q.append_pair("name", &self.name);
            match &self.organization {
                Organization::Id(id) => q.append_pair("organizationId", &id.to_string()),
                Organization::Name(n) => q.append_pair("organizationName", n),
            };
            if let Some(i) = self.issued {
                q.append_pair("issueYear", &i.year.to_string());
                q.append_pair("issueMonth", &i.month.to_string());
            }
            if let Some(e) = self.expires {
                q.append_pair("expirationYear", &e.year.to_string());
                q.append_pair("expirationMonth", &e.month.to_string());
            }
            if let Some(u) = &self.cert_url {
                q.append_pair("certUrl", u.as_str());
            }
            if let Some(id) = &self.cert_id {
                q.append_pair("certId", id);
            }
        }
        url
    }
}

/// [`ADD_TO_PROFILE`] parsed: a constant, so this cannot fail (the
/// `endpoint_parses` test checks it).
#[allow(clippy::expect_used)]
fn endpoint() -> url::Url {
    url::Url::parse(ADD_TO_PROFILE).expect("ADD_TO_PROFILE is a valid URL")
}

/// Why a LinkedIn link could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LinkedInError {
    /// A required text is empty.
    #[error("the LinkedIn {field} is empty")]
    EmptyName {
        /// `name` or `organizationName`.
        field: &'static str,
    },
    /// A year or month out of range.
    #[error("year {year} / month {month} is out of range (1900-9999, 1-12)")]
    YearMonth {
        /// The year given.
        year: u16,
        /// The month given.
        month: u8,
    },
    /// An expiry before the issue date.
    #[error("expires {}-{:02} before it was issued {}-{:02}", .expires.year, .expires.month, .issued.year, .issued.month)]
    ExpiresBeforeIssued {
        /// Issue date.
        issued: YearMonth,
        /// Expiry date.
        expires: YearMonth,
    },
    /// The certification URL is not an absolute http(s) URL.
    #[error("certUrl {url:?}: {reason}")]
    CertUrl {
        /// The URL given.
        url: String,
        /// Why it was refused.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(url: &url::Url) -> Vec<(String, String)> {
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn endpoint_parses() {
        assert_eq!(endpoint().host_str(), Some("www.linkedin.com"));
    }

    #[test]
    fn every_field_in_order() {
        let c = Certification::new("Teamwork", Organization::Id(1337))
            .unwrap()
            .issued(YearMonth::new(2024, 1).unwrap())
            .expires(YearMonth::new(2027, 12).unwrap())
            .unwrap()
            .cert_url("https://e.org/c?id=1&x=2#frag")
            .unwrap()
            .cert_id("ABC 123");
        let u = c.add_to_profile_url();
        assert_eq!(u.path(), "/profile/add");
        // Expected form encoding worked out by hand from the WHATWG
        // urlencoded serializer: ':' '/' '?' '=' '&' '#' escaped, space '+'.
        assert_eq!(
            u.query(),
            Some(
                "startTask=CERTIFICATION_NAME&name=Teamwork&organizationId=1337\
                 &issueYear=2024&issueMonth=1&expirationYear=2027&expirationMonth=12\
                 &certUrl=https%3A%2F%2Fe.org%2Fc%3Fid%3D1%26x%3D2%23frag&certId=ABC+123"
            )
        );
    }

    #[test]
    fn hostile_text_stays_one_value() {
        let name = "A&B=C #1 + 100% r\u{e9}sum\u{e9}?&organizationId=666";
        let c = Certification::new(name, Organization::Name("O'Neil & Sons".into())).unwrap();
        let u = c.add_to_profile_url();
        let q = query(&u);
        assert_eq!(
            q,
            [
                ("startTask".into(), "CERTIFICATION_NAME".into()),
                ("name".into(), name.to_owned()),
                ("organizationName".into(), "O'Neil & Sons".into()),
            ]
        );
        assert!(u
            .as_str()
            .contains("name=A%26B%3DC+%231+%2B+100%25+r%C3%A9sum%C3%A9%3F%26organizationId%3D666"));
    }

    #[test]
    fn refusals() {
        assert_eq!(
            Certification::new(" ", Organization::Id(1)).unwrap_err(),
            LinkedInError::EmptyName { field: "name" }
        );
        assert!(Certification::new("x", Organization::Name(String::new())).is_err());
        assert!(YearMonth::new(2024, 13).is_err());
        assert!(YearMonth::new(1899, 1).is_err());
        let c = Certification::new("x", Organization::Id(1))
            .unwrap()
            .issued(YearMonth::new(2024, 5).unwrap());
        assert!(matches!(
            c.clone().expires(YearMonth::new(2024, 4).unwrap()),
            Err(LinkedInError::ExpiresBeforeIssued { .. })
        ));
        assert!(c.clone().expires(YearMonth::new(2024, 5).unwrap()).is_ok());
        assert!(c.clone().cert_url("javascript:alert(1)").is_err());
        assert!(c.cert_url("/relative").is_err());
    }

    #[test]
    fn from_utc() {
        let t: chrono::DateTime<chrono::Utc> = "2026-02-28T23:59:59Z".parse().unwrap();
        assert_eq!(
            YearMonth::from_utc(&t).unwrap(),
            YearMonth::new(2026, 2).unwrap()
        );
    }
}
