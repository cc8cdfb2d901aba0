//! The roster: who teaches where (`teacher_id,email,school,district`, CSV),
//! indexed by staff id and by e-mail address.

use std::collections::HashMap;
use std::io::Read;

/// Why a roster could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RosterError {
    /// The CSV could not be read or parsed.
    #[error("roster line {line}: {source}")]
    Csv {
        /// The line (from 1; 0 when unknown).
        line: u64,
        /// Why.
        source: csv::Error,
    },
    /// The header lacks a column.
    #[error(
        "roster: the header has no {column:?} column (expected teacher_id,email,school,district)"
    )]
    MissingColumn {
        /// The column.
        column: &'static str,
    },
    /// A field is empty.
    #[error("roster line {line}: {column} is empty")]
    EmptyField {
        /// The line (from 1).
        line: u64,
        /// The column.
        column: &'static str,
    },
    /// Two rows share a staff id.
    #[error("roster line {line}: teacher id {id:?} is already on line {first}")]
    DuplicateId {
        /// The line (from 1).
        line: u64,
        /// The id.
        id: String,
        /// Where it first appears.
        first: u64,
    },
    /// Two rows share an e-mail address (compared in lower case).
    #[error("roster line {line}: e-mail address is already on line {first}")]
    DuplicateEmail {
        /// The line (from 1).
        line: u64,
        /// Where it first appears.
        first: u64,
    },
    /// A school is listed in two districts.
    #[error("roster line {line}: school {school:?} is in district {district:?} here but {first:?} before")]
    SchoolInTwoDistricts {
        /// The line (from 1).
        line: u64,
        /// The school.
        school: String,
        /// The district on this line.
        district: String,
        /// The district it was first listed in.
        first: String,
    },
    /// More rows than the roster can index (2^32 − 1).
    #[error("roster: more than {max} teachers")]
    TooManyTeachers {
        /// The most a roster holds.
        max: u32,
    },
}

/// One teacher of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Teacher {
    /// The staff id (`teacher_id`).
    pub id: String,
    /// The e-mail address, as the roster has it.
    pub email: String,
    /// The school's number in [`Roster::schools`].
    pub school: usize,
}

/// A school of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct School {
    /// Its code, as the roster has it.
    pub name: String,
    /// Its district's number in [`Roster::districts`].
    pub district: usize,
}

/// Who teaches where, read from CSV with a `teacher_id,email,school,district`
/// header (columns in any order, more columns ignored), with an index by
/// staff id and one by e-mail address (lower case, without `mailto:`).
/// Memory is a few hundred bytes a teacher.
///
/// ```
/// use openbadges::city::Roster;
/// let csv = "teacher_id,email,school,district\nT1,Ana@Example.org,S1,D1\nT2,bo@example.org,S2,D1\n";
/// let roster = Roster::from_csv(csv.as_bytes())?;
/// assert_eq!(roster.len(), 2);
/// assert_eq!(roster.by_email("mailto:ana@example.org"), Some(0));
/// assert_eq!(roster.by_id("T2"), Some(1));
/// assert_eq!(roster.districts(), ["D1"]);
/// # Ok::<(), openbadges::city::RosterError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Roster {
    teachers: Vec<Teacher>,
    schools: Vec<School>,
    districts: Vec<String>,
    by_id: HashMap<String, u32>,
    by_email: HashMap<String, u32>,
}

/// An e-mail address as the index keeps it.
fn email_key(email: &str) -> String {
    email
        .trim()
        .strip_prefix("mailto:")
        .unwrap_or(email.trim())
        .to_lowercase()
}

impl Roster {
    /// Reads a roster from CSV.
    ///
    /// # Errors
    /// [`RosterError`] naming the line: unreadable CSV, a missing column, an
    /// empty field, a staff id or e-mail address listed twice, a school in
    /// two districts.
    pub fn from_csv<R: Read>(reader: R) -> Result<Self, RosterError> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let header = csv
            .headers()
            .map_err(|source| RosterError::Csv { line: 1, source })?
            .clone();
        let column = |name: &'static str| {
            header
                .iter()
                .position(|h| h == name)
                .ok_or(RosterError::MissingColumn { column: name })
        };
        let cols = [
            ("teacher_id", column("teacher_id")?),
            ("email", column("email")?),
            ("school", column("school")?),
            ("district", column("district")?),
        ];
        let mut roster = Roster::default();
        let mut lines: Vec<u64> = Vec::new();
        let mut schools: HashMap<String, usize> = HashMap::new();
        let mut districts: HashMap<String, usize> = HashMap::new();
        let mut record = csv::StringRecord::new();
        loop {
            let more = csv
                .read_record(&mut record)
                .map_err(|source| RosterError::Csv {
                    line: source.position().map_or(0, |p| p.line()),
                    source,
                })?;
            if !more {
                break;
            }
            let line = record.position().map_or(0, |p| p.line());
            let mut fields = [""; 4];
            for (slot, (name, i)) in fields.iter_mut().zip(cols) {
                *slot = record
                    .get(i)
                    .filter(|v| !v.is_empty())
                    .ok_or(RosterError::EmptyField { line, column: name })?;
            }
            let [id, email, school, district] = fields;
            let n = u32::try_from(roster.teachers.len())
                .ok()
                .filter(|n| *n < u32::MAX)
                .ok_or(RosterError::TooManyTeachers { max: u32::MAX - 1 })?;
            let at = |i: u32| lines.get(i as usize).copied().unwrap_or(0);
            if let Some(first) = roster.by_id.get(id) {
                return Err(RosterError::DuplicateId {
                    line,
                    id: id.to_owned(),
                    first: at(*first),
                });
            }
            let key = email_key(email);
            if let Some(first) = roster.by_email.get(&key) {
                return Err(RosterError::DuplicateEmail {
                    line,
                    first: at(*first),
                });
            }
            let d = match districts.get(district) {
                Some(d) => *d,
                None => {
                    roster.districts.push(district.to_owned());
                    let d = roster.districts.len().saturating_sub(1);
                    districts.insert(district.to_owned(), d);
                    d
                }
            };
            let s = match schools.get(school) {
                Some(s) => {
                    let listed = roster.schools.get(*s).map_or(d, |x| x.district);
                    if listed != d {
                        return Err(RosterError::SchoolInTwoDistricts {
                            line,
                            school: school.to_owned(),
                            district: district.to_owned(),
                            first: roster.districts.get(listed).cloned().unwrap_or_default(),
                        });
                    }
                    *s
                }
                None => {
                    roster.schools.push(School {
                        name: school.to_owned(),
                        district: d,
                    });
                    let s = roster.schools.len().saturating_sub(1);
                    schools.insert(school.to_owned(), s);
                    s
                }
            };
            roster.by_id.insert(id.to_owned(), n);
            roster.by_email.insert(key, n);
            roster.teachers.push(Teacher {
                id: id.to_owned(),
                email: email.to_owned(),
                school: s,
            });
            lines.push(line);
        }
        Ok(roster)
    }

    /// How many teachers.
    pub fn len(&self) -> usize {
        self.teachers.len()
    }

    /// Whether the roster is empty.
    pub fn is_empty(&self) -> bool {
        self.teachers.is_empty()
    }

    /// The teachers, in roster order.
    pub fn teachers(&self) -> &[Teacher] {
        &self.teachers
    }

    /// The schools, in order of first appearance.
    pub fn schools(&self) -> &[School] {
        &self.schools
    }

    /// The districts, in order of first appearance.
    pub fn districts(&self) -> &[String] {
        &self.districts
    }

    /// The teacher with this staff id.
    pub fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|n| *n as usize)
    }

    /// The teacher with this e-mail address (case-insensitive, `mailto:`
    /// allowed).
    pub fn by_email(&self, email: &str) -> Option<usize> {
        self.by_email.get(&email_key(email)).map(|n| *n as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_line() {
        let bad = |s: &str| Roster::from_csv(s.as_bytes()).unwrap_err();
        assert!(matches!(
            bad("teacher_id,email,school\nT1,a@x,S1\n"),
            RosterError::MissingColumn { column: "district" }
        ));
        assert!(matches!(
            bad("teacher_id,email,school,district\nT1,a@x,S1,D1\nT1,b@x,S1,D1\n"),
            RosterError::DuplicateId {
                line: 3,
                first: 2,
                ..
            }
        ));
        assert!(matches!(
            bad("teacher_id,email,school,district\nT1,a@x,S1,D1\nT2,A@X,S1,D1\n"),
            RosterError::DuplicateEmail { line: 3, first: 2 }
        ));
        assert!(matches!(
            bad("teacher_id,email,school,district\nT1,a@x,S1,D1\nT2,b@x,S1,D2\n"),
            RosterError::SchoolInTwoDistricts { line: 3, .. }
        ));
        assert!(matches!(
            bad("teacher_id,email,school,district\nT1,,S1,D1\n"),
            RosterError::EmptyField {
                line: 2,
                column: "email"
            }
        ));
        assert!(matches!(
            bad("teacher_id,email,school,district\nT1,a@x,S1\n"),
            RosterError::Csv { .. }
        ));
    }
}
