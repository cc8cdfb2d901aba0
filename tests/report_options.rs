#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! VerifyOptions: documented defaults and builder.

use std::sync::Arc;

use openbadges::fetch::{FetchError, Fetched, MapFetcher};
use openbadges::limits::Limits;
use openbadges::verify::report::{VerifyError, VerifyOptions};

#[test]
fn defaults_are_offline_and_documented() {
    let t = chrono::DateTime::parse_from_rfc3339("2025-06-01T12:00:00Z")
        .unwrap()
        .to_utc();
    let o = VerifyOptions::at(t);
    assert_eq!(o.now, t);
    assert_eq!(o.clock_skew, chrono::Duration::minutes(5));
    assert_eq!(o.limits, Limits::DEFAULT);
    assert_eq!(o.expected_recipient, None);
    assert!(!o.follow_refresh);
    assert!(matches!(
        o.fetcher.fetch("https://example.org/", 10),
        Err(FetchError::Offline { .. })
    ));
    assert!(format!("{o:?}").contains("<dyn Fetcher>"));
}

#[test]
fn builder_sets_each_field() {
    let t = chrono::DateTime::from_timestamp(0, 0).unwrap();
    let f = MapFetcher::new().with("https://a.example/l", Fetched::ok(b"x".to_vec()));
    let o = VerifyOptions::with_system_clock()
        .now(t)
        .clock_skew(chrono::Duration::seconds(30))
        .fetcher(Arc::new(f))
        .expected_recipient("mailto:learner@example.edu")
        .follow_refresh(true);
    assert_eq!(o.now, t);
    assert_eq!(o.clock_skew, chrono::Duration::seconds(30));
    assert_eq!(
        o.fetcher.fetch("https://a.example/l", 10).unwrap().body,
        b"x"
    );
    assert_eq!(
        o.expected_recipient.as_deref(),
        Some("mailto:learner@example.edu")
    );
    assert!(o.follow_refresh);
    assert!(o.validate().is_ok());
    let bad = o
        .clock_skew(chrono::Duration::days(2))
        .validate()
        .unwrap_err();
    assert!(matches!(
        bad,
        VerifyError::BadOptions {
            option: "clock_skew",
            ..
        }
    ));
}
