//! The city map of a generated city (the `bulk_issue` example's own city
//! module, `examples/city/mod.rs`), checked against a second route.
//!
//! Expected values do not come from the report code: they are computed
//! here straight from the generator's roster and awards (each teacher's
//! `earned` competencies, in framework order) and the leader rule as the
//! framework file states it (at least two competencies in each band of six,
//! FTB-6 among them), re-implemented here by hand over competency numbers.
//! An edited credential (tampered after signing) and a credential for a
//! stranger (signed by the same issuer, recipient not on the roster) are
//! added to the input; both must be left out and listed with their reason.
//!
//! A debug build verifies slowly (tens of ms a credential), so the city is
//! small: 40 teachers, about 540 credentials.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../examples/city/mod.rs"]
mod city;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use openbadges::bulk::{BulkVerifier, LineOutcome, ToSign};
use openbadges::city::{page, CityOptions, CityReport, CitySummary, Rejection, Roster};
use openbadges::fetch::MapFetcher;
use openbadges::issue::Issuer;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::verify::{CheckId, VerifyOptions};
use serde_json::Value;

const TEACHERS: usize = 40;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ob-city-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn options_with(map: &Path) -> VerifyOptions {
    let mut f = MapFetcher::new();
    f.load_map_file(map, Limits::DEFAULT.max_fetch_bytes)
        .unwrap();
    VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap()).fetcher(Arc::new(f))
}

/// The leader rule of the fixture, by hand: 2+ in each band of six
/// (competencies 0–5, 6–11, 12–17) and FTB-6 (competency 5).
fn is_leader(earned: &HashSet<usize>) -> bool {
    (0..3).all(|b| (b * 6..b * 6 + 6).filter(|c| earned.contains(c)).count() >= 2)
        && earned.contains(&5)
}

struct Expected {
    competencies: Vec<u64>,
    with_one: u64,
    leaders: u64,
    mass: u64,
    one: u64,
    none: u64,
    schools: BTreeMap<String, (u64, u64)>,
}

fn second_route(teachers: &[city::Teacher]) -> Expected {
    let mut competencies = vec![0u64; 18];
    let mut schools: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let (mut with_one, mut leaders) = (0, 0);
    for t in teachers {
        let earned: HashSet<usize> = t.earned.iter().copied().collect();
        for c in &earned {
            competencies[*c] += 1;
        }
        let e = schools.entry(t.school.clone()).or_default();
        e.0 += 1;
        if !earned.is_empty() {
            with_one += 1;
        }
        if is_leader(&earned) {
            leaders += 1;
            e.1 += 1;
        }
    }
    let count = |f: &dyn Fn(u64) -> bool| schools.values().filter(|(_, l)| f(*l)).count() as u64;
    Expected {
        competencies,
        with_one,
        leaders,
        mass: count(&|l| l >= 2),
        one: count(&|l| l == 1),
        none: count(&|l| l == 0),
        schools,
    }
}

#[test]
fn a_generated_city_agrees_with_a_second_route_and_lists_what_it_left_out() {
    let dir = tmp("lib");
    let out = dir.join("city.ndjson");
    let seed = city::DEFAULT_SEED;
    let run = city::issue(&out, TEACHERS, &seed, |_, _| {}).unwrap();
    // The generator spreads teachers over 1,800 schools, so a small city
    // would have one teacher a school; the roster given to the report puts
    // 30 of them in 6 schools of five and 10 alone in a school, across 2
    // districts, instead (credentials do not name a school; the roster is
    // what says where a teacher works).
    let teachers: Vec<city::Teacher> = (0..TEACHERS)
        .map(|i| {
            let mut t = city::teacher(&seed, i);
            t.school = if i < 30 {
                format!("S{}", i % 6)
            } else {
                format!("S{i}")
            };
            t.district = format!("D{}", i % 2);
            t
        })
        .collect();
    let mut roster_csv = String::from("teacher_id,email,school,district\n");
    for t in &teachers {
        roster_csv.push_str(&format!(
            "{},{},{},{}\n",
            t.id, t.email, t.school, t.district
        ));
    }
    let expected = second_route(&teachers);
    // The small city must exercise every bucket, or the test proves little.
    assert!(expected.leaders > 0 && expected.leaders < TEACHERS as u64);
    assert!(expected.mass > 0 && expected.one > 0 && expected.none > 0);

    // Two more lines: an edited credential (its first line, the narrative
    // changed after signing) and one for a stranger, signed by the issuer.
    let mut text = std::fs::read_to_string(&out).unwrap();
    let first = text.lines().next().unwrap().to_owned();
    let edited = first.replacen("Assessed by", "Assessed (edited) by", 1);
    assert_ne!(edited, first);
    let framework = city::framework().unwrap();
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&seed));
    let mut stranger = city::teacher(&seed, TEACHERS + 5);
    stranger.id = "T999999".into();
    stranger.email = "stranger@elsewhere.example.org".into();
    let ToSign {
        document, created, ..
    } = city::credential(&framework, &seed, issuer.id(), &stranger, 0).unwrap();
    let signed = issuer.sign_json(document, created).unwrap();
    text.push_str(&edited);
    text.push('\n');
    text.push_str(&serde_json::to_string(&signed).unwrap());
    text.push('\n');
    let lines = text.lines().count();

    let roster = Roster::from_csv(roster_csv.as_bytes()).unwrap();
    assert_eq!(roster.len(), TEACHERS);
    let verifier = BulkVerifier::new(&options_with(&run.files.fetch_map));
    let options = CityOptions::default().issuer(issuer.id().as_str());
    let summary = CityReport::new(&framework, &roster, options)
        .unwrap()
        .build(&verifier, text.as_bytes(), |_| {})
        .unwrap();

    assert_eq!(summary.credentials_verified, run.total as u64);
    assert_eq!(summary.credentials_rejected, 2);
    assert_eq!(lines, run.total + 2);
    assert_eq!(summary.teachers, TEACHERS as u64);
    assert_eq!(summary.teachers_with_a_credential, expected.with_one);
    assert_eq!(summary.teacher_leaders, expected.leaders);
    assert_eq!(summary.schools_critical_mass, expected.mass);
    assert_eq!(summary.schools_one_leader, expected.one);
    assert_eq!(summary.schools_no_leader, expected.none);
    for (i, c) in framework.competencies().enumerate() {
        assert_eq!(
            summary.competencies[c.id.as_str()],
            expected.competencies[i],
            "{}",
            c.code
        );
    }
    for s in &summary.schools {
        assert_eq!(
            (s.teachers, s.teacher_leaders),
            expected.schools[&s.school],
            "{}",
            s.school
        );
    }
    let district_leaders: u64 = summary.districts.iter().map(|d| d.teacher_leaders).sum();
    assert_eq!(district_leaders, expected.leaders);

    // The edited line fails its proof; the stranger verifies but is not on
    // the roster. Both listed, at their line numbers.
    assert_eq!(summary.rejected.len(), 2);
    let edited_r = &summary.rejected[0];
    assert_eq!(edited_r.line, run.total + 1);
    assert!(
        matches!(
            &edited_r.reason,
            Rejection::NotVerified {
                outcome: LineOutcome::Invalid,
                check: Some(CheckId::Proof),
                ..
            }
        ),
        "{:?}",
        edited_r.reason
    );
    let stranger_r = &summary.rejected[1];
    assert_eq!(stranger_r.line, run.total + 2);
    assert_eq!(stranger_r.reason, Rejection::NotOnRoster);
    assert_eq!(
        summary.rejected_by_kind,
        BTreeMap::from([("not_on_roster".into(), 1), ("not_verified".into(), 1)])
    );

    // The JSON keys other tools read.
    let json = summary.to_json();
    for key in [
        "credentials_verified",
        "credentials_rejected",
        "teachers_with_a_credential",
        "teacher_leaders",
        "schools_critical_mass",
        "schools_one_leader",
        "schools_no_leader",
        "competencies",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["rejected"][1]["reason"]["kind"], "not_on_roster");

    // Another issuer's credentials are not counted when issuers are named.
    let other = CityReport::new(
        &framework,
        &roster,
        CityOptions::default().issuer("did:example:someone-else"),
    )
    .unwrap()
    .build(&verifier, text.lines().next().unwrap().as_bytes(), |_| {})
    .unwrap();
    assert!(matches!(
        other.rejected[0].reason,
        Rejection::IssuerNotAccepted { .. }
    ));

    // Without the fetch map the status lists are not served: not counted.
    let offline = BulkVerifier::new(&VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap()));
    let s = CityReport::new(&framework, &roster, CityOptions::default())
        .unwrap()
        .build(&offline, first.as_bytes(), |_| {})
        .unwrap();
    assert!(matches!(
        s.rejected[0].reason,
        Rejection::NotVerified {
            outcome: LineOutcome::Indeterminate,
            ..
        }
    ));

    write_page(&summary, "city");
}

/// A credential with only its salted e-mail hash is found by a scan of the
/// roster while the budget lasts, and refused once it is spent; one whose
/// staff id and e-mail hash name different teachers is refused.
#[test]
fn hashed_only_credentials_are_matched_on_budget_and_disagreeing_ones_refused() {
    let dir = tmp("hashed");
    let out = dir.join("city.ndjson");
    let seed = city::DEFAULT_SEED;
    let run = city::issue(&out, 2, &seed, |_, _| {}).unwrap();
    let framework = city::framework().unwrap();
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&seed));
    let roster = Roster::from_csv(&std::fs::read(&run.files.roster).unwrap()[..]).unwrap();
    let t0 = city::teacher(&seed, 0);
    let sign = |edit: &dyn Fn(&mut Value)| {
        let mut d = city::credential(&framework, &seed, issuer.id(), &t0, t0.earned[0]).unwrap();
        edit(&mut d.document);
        serde_json::to_string(&issuer.sign_json(d.document, d.created).unwrap()).unwrap()
    };
    let hashed_only = sign(&|v| {
        v["credentialSubject"]["identifier"]
            .as_array_mut()
            .unwrap()
            .truncate(1)
    });
    let wrong_id =
        sign(&|v| v["credentialSubject"]["identifier"][1]["identityHash"] = "T000002".into());
    let input = format!("{hashed_only}\n{hashed_only}\n{wrong_id}\n");
    // No status list: status is not what this test is about.
    let options = VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap())
        .status(openbadges::verify::StatusPolicy::Ignore);
    let verifier = BulkVerifier::new(&options);
    // A budget for one scan of the two-teacher roster.
    let summary = CityReport::new(&framework, &roster, CityOptions::default().scan_budget(2))
        .unwrap()
        .build(&verifier, input.as_bytes(), |_| {})
        .unwrap();
    assert_eq!(summary.credentials_verified, 1, "{:?}", summary.rejected);
    let reasons: Vec<&Rejection> = summary.rejected.iter().map(|r| &r.reason).collect();
    assert_eq!(
        reasons,
        [&Rejection::ScanBudgetSpent, &Rejection::IdentitiesDisagree]
    );
}

fn write_page(summary: &CitySummary, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("city_report");
    std::fs::create_dir_all(&dir).unwrap();
    let page_path = dir.join(format!("{name}.html"));
    let html = page::to_html(summary);
    assert!(!html.contains("<script"));
    std::fs::write(&page_path, html).unwrap();
    page_path
}

/// Names full of markup are shown as text.
#[test]
fn the_page_escapes_every_text() {
    let framework = city::framework().unwrap();
    let roster = Roster::from_csv(
        &b"teacher_id,email,school,district\nT1,a@x.org,\"<img src=x onerror=alert(1)>\",\"D<1>&\"\n"[..],
    )
    .unwrap();
    let verifier = BulkVerifier::new(&VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap()));
    let summary = CityReport::new(&framework, &roster, CityOptions::default())
        .unwrap()
        .build(&verifier, &b"{\"id\": \"<b>x</b>\"}\n"[..], |_| {})
        .unwrap();
    let html = page::to_html(&summary);
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("D&lt;1&gt;&amp;"));
    assert!(!html.contains("<b>x"));
}
