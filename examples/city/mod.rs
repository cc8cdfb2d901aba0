//! The generated city of the `bulk_issue` example, shared with its tests
//! (`tests/bulk_city.rs` includes this file by path).
//!
//! A roster of N teachers in 1,800 schools across 30 districts; each
//! teacher earns some of the 18 competencies of
//! `fixtures/frameworks/teacher-leadership.json`, each through a coach's
//! assessment with the evidence the competency asks for and rubric ratings
//! at or above its threshold, evaluated by `openbadges::competency::evaluate`
//! into an award and issued as an OB 3.0 credential with a Bitstring Status
//! List entry; the teacher is identified by a salted hash of the e-mail
//! address and, in plain text, by the roster's staff id (`sisSourcedId`).
//! Everything comes from the seed: the issuer's Ed25519 key is
//! the seed itself (as in the `mint` example), and the roster, dates,
//! ratings, credential ids and e-mail salts come from SHA-256 of the seed
//! and what they belong to, so a seed always gives the same bytes.
#![allow(dead_code)]

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use openbadges::bulk::{BulkError, BulkSigner, IssueSummary, ListPlan, StatusJournal, ToSign};
use openbadges::competency::{evaluate, Assessment, CredentialOptions, Framework};
use openbadges::ids::{DateTime, Iri};
use openbadges::issue::Issuer;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::model::v3::{IdentifierType, IdentityObject};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Schools in the city.
pub const SCHOOLS: usize = 1800;
/// Districts (60 schools each).
pub const DISTRICTS: usize = 30;
/// Where the status lists are published: list n at this prefix + n.
pub const STATUS_PREFIX: &str = "https://badges.example.org/status/teacher-leadership/";
/// The status lists' validFrom (and their proofs' created).
pub const LISTS_VALID_FROM: &str = "2025-01-01T00:00:00Z";

/// The default seed: bytes 0x00..0x1f (the `mint` example's test key).
pub const DEFAULT_SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];

const FIRST: [&str; 40] = [
    "Ana", "Marcus", "Priya", "Tomás", "Grace", "Kwame", "Mei", "Olivia", "Ibrahim", "Sofia",
    "Daniel", "Amara", "Lucas", "Hana", "Mateo", "Zoe", "Omar", "Leah", "Ravi", "Nora", "Elijah",
    "Aisha", "Jonas", "Maya", "Diego", "Yuki", "Samuel", "Fatima", "Noah", "Chloé", "Arjun",
    "Ingrid", "Kofi", "Lena", "Pablo", "Sara", "Ethan", "Nadia", "Felix", "Rosa",
];
const LAST: [&str; 40] = [
    "Rivera", "Bell", "Patel", "Nguyen", "Okafor", "Kim", "Haddad", "Müller", "Santos", "Cohen",
    "Ito", "Mensah", "García", "Novak", "Johnson", "Ali", "Rossi", "Schmidt", "Dubois", "Moreno",
    "Chen", "Osei", "Larsen", "Kowalski", "Silva", "Tanaka", "Brown", "Hussain", "Fischer",
    "Lopez", "Ahmed", "Wright", "Costa", "Yilmaz", "Andersen", "Reyes", "Singh", "Murphy", "Sato",
    "Diaz",
];

/// Lower-case ASCII for an e-mail local part.
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ü' | 'ú' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A stream of pseudo-random numbers: SHA-256 of the seed, a label and a
/// counter (deterministic, and independent per label).
pub struct Draw {
    key: [u8; 32],
    counter: u64,
}

impl Draw {
    pub fn new(seed: &[u8; 32], label: &str) -> Self {
        let mut h = Sha256::new();
        h.update(b"openbadges city\0");
        h.update(seed);
        h.update(label.as_bytes());
        Draw {
            key: h.finalize().into(),
            counter: 0,
        }
    }

    pub fn u64(&mut self) -> u64 {
        let mut h = Sha256::new();
        h.update(self.key);
        h.update(self.counter.to_le_bytes());
        self.counter += 1;
        let d = h.finalize();
        u64::from_le_bytes(d[..8].try_into().unwrap())
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.u64() % n as u64) as usize
    }
}

/// One teacher of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teacher {
    /// `T000001`, …
    pub id: String,
    pub name: String,
    pub email: String,
    /// `S0001` … `S1800`.
    pub school: String,
    /// `D01` … `D30`.
    pub district: String,
    /// Indexes (0..18) of the competencies earned, in framework order.
    pub earned: Vec<usize>,
}

/// Teacher number `i` (from 0) of the city for `seed`: each earns each of
/// the 18 competencies with probability 3/4 (at least one).
pub fn teacher(seed: &[u8; 32], i: usize) -> Teacher {
    let mut d = Draw::new(seed, &format!("teacher {i}"));
    let first = FIRST[d.below(FIRST.len())];
    let last = LAST[d.below(LAST.len())];
    let school = d.below(SCHOOLS);
    let district = school / (SCHOOLS / DISTRICTS);
    let mut earned: Vec<usize> = (0..18).filter(|_| d.below(4) != 0).collect();
    if earned.is_empty() {
        earned.push(d.below(18));
    }
    Teacher {
        id: format!("T{:06}", i + 1),
        name: format!("{first} {last}"),
        email: format!(
            "{}.{}.{:06}@cityschools.example.org",
            ascii(first),
            ascii(last),
            i + 1
        ),
        school: format!("S{:04}", school + 1),
        district: format!("D{:02}", district + 1),
        earned,
    }
}

/// The framework fixture.
pub fn framework() -> Result<Framework, String> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/frameworks/teacher-leadership.json"
    );
    let bytes = std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?;
    Framework::from_json_slice(&bytes, &Limits::DEFAULT).map_err(|e| e.to_string())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The unsigned credential (and its proof's `created`) for `teacher`'s
/// award of competency number `c`: a coach's assessment meeting the rubric
/// and the evidence requirements, evaluated into an award, issued under
/// `issuer_id`.
pub fn credential(
    framework: &Framework,
    seed: &[u8; 32],
    issuer_id: &Iri,
    teacher: &Teacher,
    c: usize,
) -> Result<ToSign, String> {
    let comp = framework
        .competencies()
        .nth(c)
        .ok_or_else(|| format!("no competency number {c}"))?;
    let label = format!("{} {}", teacher.id, comp.code);
    let mut d = Draw::new(seed, &format!("award {label}"));
    // Assessed on a school day of the 2025/26 year, 09:00-16:59 (UTC-05:00).
    let day = d.below(280);
    let start = chrono::NaiveDate::from_ymd_opt(2025, 9, 1).ok_or("date")?;
    let assessed = start + chrono::Days::new(day as u64);
    let hour = 9 + d.below(8);
    let minute = d.below(60);
    let assessed_on = format!("{assessed}T{hour:02}:{minute:02}:00-05:00");
    let coach = d.below(60);
    let coach_name = format!(
        "{} {}",
        FIRST[(coach * 7) % FIRST.len()],
        LAST[(coach * 11) % LAST.len()]
    );
    let mut evidence = Vec::new();
    for req in &comp.evidence {
        let kind = serde_json::to_value(&req.kind).map_err(|e| e.to_string())?;
        let kind_name = kind.as_str().unwrap_or("Evidence").to_owned();
        for n in 0..req.minimum {
            let back = 3 + d.below(60) as u64;
            let date = assessed - chrono::Days::new(back);
            let mut item = json!({
                "kind": kind,
                "name": format!("{kind_name} {} for {}", n + 1, comp.code),
                "narrative": format!(
                    "{} {} evidence for {}: {}, collected {date} at school {}.",
                    teacher.name, kind_name, comp.code, comp.name, teacher.school
                ),
                "date": date.to_string(),
                "genre": kind_name,
            });
            if kind_name == "Artifact" {
                item["url"] = json!(format!(
                    "https://docs.example.org/city-schools/tl/{}/{}-{}.pdf",
                    teacher.id.to_lowercase(),
                    comp.code.to_lowercase(),
                    n + 1
                ));
            }
            evidence.push(item);
        }
    }
    let rubric = &comp.rubric;
    let mut ratings = serde_json::Map::new();
    for criterion in &rubric.criteria {
        let least = rubric
            .required_level(criterion)
            .and_then(|l| rubric.level_rank(l))
            .unwrap_or(0);
        let span = rubric.levels.len().saturating_sub(least).max(1);
        let rank = least + d.below(span);
        let level = rubric.levels.get(rank).ok_or("no level")?;
        ratings.insert(criterion.id.as_str().to_owned(), json!(level.id.as_str()));
    }
    if let Some(min) = rubric.threshold.minimum_total_points {
        let total: u64 = ratings
            .values()
            .filter_map(|l| {
                rubric
                    .levels
                    .iter()
                    .find(|x| Some(x.id.as_str()) == l.as_str())
            })
            .map(|l| u64::from(l.points))
            .sum();
        if total < u64::from(min) {
            let top = rubric.levels.last().ok_or("no level")?;
            for v in ratings.values_mut() {
                *v = json!(top.id.as_str());
            }
        }
    }
    let mut h = Sha256::new();
    h.update(b"openbadges city assessment\0");
    h.update(seed);
    h.update(label.as_bytes());
    let assessment_id = Iri::urn_uuid_from_digest(&h.finalize()).ok_or("digest")?;
    let assessment = json!({
        "id": assessment_id.as_str(),
        "framework": framework.id.as_str(),
        "competency": comp.id.as_str(),
        "candidate": {"name": teacher.name, "email": teacher.email},
        "assessor": {
            "name": coach_name,
            "id": format!("https://www.example.org/city-schools/staff/coach-{:03}", coach + 1),
        },
        "assessedOn": assessed_on,
        "evidence": evidence,
        "ratings": ratings,
        "comment": format!("Assessed at school {} ({}).", teacher.school, teacher.district),
    });
    let assessment: Assessment =
        serde_json::from_value(assessment).map_err(|e| format!("assessment: {e}"))?;
    let mut award = evaluate(framework, &assessment, None).map_err(|e| format!("{label}: {e}"))?;
    award.issue_as(issuer_id.clone());
    let mut h = Sha256::new();
    h.update(b"openbadges city credential id\0");
    h.update(issuer_id.as_str());
    h.update(b"\0");
    h.update(assessment_id.as_str());
    let id = Iri::urn_uuid_from_digest(&h.finalize()).ok_or("digest")?;
    let mut h = Sha256::new();
    h.update(b"openbadges city email salt\0");
    h.update(seed);
    h.update(label.as_bytes());
    let salt = hex(&h.finalize()[..16]);
    // The roster's staff id as well, in plain text: the key a relying party
    // holding the roster looks the teacher up by (`openbadges::city`), the
    // salted e-mail hash then checked against that one teacher.
    let options = CredentialOptions::new(id)
        .email_salt(salt)
        .identity(IdentityObject::plain(
            IdentifierType::SisSourcedId,
            teacher.id.clone(),
        ));
    let credential = award.to_credential(&options).map_err(|e| e.to_string())?;
    let document = credential.to_json_value().map_err(|e| e.to_string())?;
    Ok(ToSign::new(document, award.awarded_on.clone()))
}

/// The files a run writes beside `out`.
#[derive(Debug, Clone)]
pub struct Files {
    pub out: PathBuf,
    pub journal: PathBuf,
    pub roster: PathBuf,
    pub fetch_map: PathBuf,
}

fn beside(out: &Path, suffix: &str) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

impl Files {
    pub fn for_out(out: &Path) -> Self {
        Files {
            out: out.to_owned(),
            journal: beside(out, ".status-journal.json"),
            roster: beside(out, ".roster.csv"),
            fetch_map: beside(out, ".fetch-map.json"),
        }
    }

    /// The file list `n`'s signed credential is written to.
    pub fn list(&self, n: u64) -> PathBuf {
        beside(&self.out, &format!(".status-{n}.json"))
    }
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Run {
    /// Credentials in the city (for this roster).
    pub total: usize,
    /// Credentials already in the output when the run started (a resumed run).
    pub already: usize,
    /// What this run issued.
    pub issued: IssueSummary,
    /// The status lists written.
    pub lists: Vec<PathBuf>,
    pub files: Files,
}

/// Counts the complete lines of `path` and cuts a torn last line (a crash
/// mid-write), so a resumed run appends after the last whole credential.
fn complete_lines(path: &Path) -> Result<usize, String> {
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(format!("cannot open {}: {e}", path.display())),
    };
    let mut reader = std::io::BufReader::new(&file);
    let (mut lines, mut good, mut pos) = (0usize, 0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if n == 0 {
            break;
        }
        pos += n as u64;
        if buf.last() == Some(&b'\n') {
            lines += 1;
            good = pos;
        }
    }
    if good != pos {
        file.set_len(good)
            .map_err(|e| format!("cannot cut {}: {e}", path.display()))?;
    }
    Ok(lines)
}

/// Issues the city of `teachers` teachers for `seed` into `out` (NDJSON),
/// with the roster, the status journal, the signed status lists and the
/// fetch map beside it. When the journal exists the run resumes: the
/// credentials already in `out` are kept and the rest issued with fresh
/// status slots. `progress(done, total)` is called after each chunk.
pub fn issue(
    out: &Path,
    teachers: usize,
    seed: &[u8; 32],
    mut progress: impl FnMut(usize, usize),
) -> Result<Run, String> {
    let files = Files::for_out(out);
    let framework = framework()?;
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(seed));
    let issuer_id = issuer.id().clone();

    // The roster, and the number of credentials it makes.
    let mut roster = BufWriter::new(
        std::fs::File::create(&files.roster)
            .map_err(|e| format!("cannot write {}: {e}", files.roster.display()))?,
    );
    let mut total = 0usize;
    let io = |e: std::io::Error| format!("cannot write the roster: {e}");
    writeln!(roster, "teacher_id,email,school,district").map_err(io)?;
    for i in 0..teachers {
        let t = teacher(seed, i);
        total += t.earned.len();
        writeln!(roster, "{},{},{},{}", t.id, t.email, t.school, t.district).map_err(io)?;
    }
    roster.flush().map_err(io)?;

    let resuming = files.journal.exists();
    let already = if resuming { complete_lines(out)? } else { 0 };
    let plan = ListPlan::new(STATUS_PREFIX);
    let mut journal = StatusJournal::open(&files.journal, plan).map_err(|e| e.to_string())?;
    let output = std::fs::OpenOptions::new()
        .create(true)
        .append(resuming)
        .write(true)
        .truncate(!resuming)
        .open(out)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    let mut writer = BufWriter::new(output);

    let jobs = (0..teachers)
        .flat_map(|i| {
            let t = teacher(seed, i);
            let earned = t.earned.clone();
            let t = std::sync::Arc::new(t);
            earned
                .into_iter()
                .map(move |c| (std::sync::Arc::clone(&t), c))
        })
        .skip(already);
    let mut done = already;
    progress(done, total);
    let issued = BulkSigner::new(&issuer)
        .issue_with_status(
            jobs,
            &mut journal,
            |(t, c)| credential(&framework, seed, &issuer_id, &t, c),
            &mut writer,
            |n| {
                done += n;
                progress(done, total);
            },
        )
        .map_err(|e: BulkError| e.to_string())?;
    writer
        .into_inner()
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?
        .sync_all()
        .map_err(|e| format!("cannot sync {}: {e}", out.display()))?;

    // The signed status lists every slot came from, and the fetch map.
    let created = DateTime::new(LISTS_VALID_FROM).map_err(|e| e.to_string())?;
    let mut map = serde_json::Map::new();
    let mut lists = Vec::new();
    for (n, url) in journal.lists_in_use() {
        let doc = journal
            .list_credential(n, issuer_id.as_str(), LISTS_VALID_FROM)
            .map_err(|e| e.to_string())?;
        let signed = issuer
            .sign_json(doc, created.clone())
            .map_err(|e| e.to_string())?;
        let path = files.list(n);
        let mut text = serde_json::to_vec_pretty(&signed).map_err(|e| e.to_string())?;
        text.push(b'\n');
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("list file name")?
            .to_owned();
        map.insert(url, Value::String(name));
        lists.push(path);
    }
    let mut text = serde_json::to_vec_pretty(&Value::Object(map)).map_err(|e| e.to_string())?;
    text.push(b'\n');
    std::fs::write(&files.fetch_map, text)
        .map_err(|e| format!("cannot write {}: {e}", files.fetch_map.display()))?;
    Ok(Run {
        total,
        already,
        issued,
        lists,
        files,
    })
}
