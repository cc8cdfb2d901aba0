//! Competency frameworks, rubrics, evidence and assessments, and the
//! decision whether an assessment earns an award.
//!
//! A programme keeps its [`Framework`] as JSON: bands of competencies, each
//! with a [`Rubric`] (criteria rated on an ordered scale of [`Level`]s, with a
//! pass [`Threshold`]), [`EvidenceRequirement`]s and [`Alignment`]s to
//! external standards. A coach records an [`Assessment`]: the candidate, the
//! evidence they submitted and a level for each rubric criterion.
//! [`evaluate`] turns it into an [`Award`], which holds everything needed to
//! issue an OB 3.0 credential, or an [`AwardRefusal`] listing every
//! [`Problem`] found.
//!
//! ```
//! use openbadges::competency::{evaluate, Assessment, EvidenceKind, Framework, Problem};
//! use openbadges::limits::Limits;
//!
//! let framework = Framework::from_json_slice(br#"{
//!   "id": "https://badges.example.org/frameworks/tiny",
//!   "name": "Tiny framework", "description": "One competency.", "version": "1",
//!   "publisher": { "id": "https://badges.example.org/issuers/tiny", "name": "Tiny Program" },
//!   "bands": [{
//!     "id": "https://badges.example.org/frameworks/tiny/bands/1", "name": "Facilitation",
//!     "competencies": [{
//!       "id": "https://badges.example.org/frameworks/tiny/ftb-1", "code": "FTB-1",
//!       "name": "Establishes team norms",
//!       "description": "Leads a team to agree and keep working norms.",
//!       "criteriaNarrative": "Observed leading a team meeting that set norms.",
//!       "achievementType": "Competency",
//!       "rubric": {
//!         "criteria": [{ "id": "https://badges.example.org/frameworks/tiny/ftb-1#norms",
//!                        "name": "Norms", "description": "Norms are agreed and used." }],
//!         "levels": [
//!           { "id": "https://badges.example.org/frameworks/tiny/ftb-1#developing",
//!             "name": "Developing", "description": "Norms exist.", "points": 1 },
//!           { "id": "https://badges.example.org/frameworks/tiny/ftb-1#proficient",
//!             "name": "Proficient", "description": "Norms are used.", "points": 2 }
//!         ],
//!         "threshold": { "minimumLevel": "https://badges.example.org/frameworks/tiny/ftb-1#proficient" }
//!       },
//!       "evidence": [{ "kind": "Observation", "minimum": 1 }]
//!     }]
//!   }]
//! }"#, &Limits::DEFAULT)?;
//!
//! let assessment = Assessment::from_json_slice(br#"{
//!   "id": "urn:uuid:6f1c2f0e-1b7a-4a51-9d35-0c2d7e3f6a10",
//!   "competency": "https://badges.example.org/frameworks/tiny/ftb-1",
//!   "candidate": { "name": "Ana Rivera", "email": "a.rivera@schools.example.org" },
//!   "assessor": { "name": "Sam Okafor", "email": "s.okafor@schools.example.org" },
//!   "assessedOn": "2025-03-14",
//!   "evidence": [{ "kind": "Observation", "name": "Grade 7 team meeting",
//!                  "narrative": "Ana opened by revisiting the team's norms." }],
//!   "ratings": { "https://badges.example.org/frameworks/tiny/ftb-1#norms":
//!                "https://badges.example.org/frameworks/tiny/ftb-1#proficient" }
//! }"#, &Limits::DEFAULT)?;
//!
//! let award = evaluate(&framework, &assessment, None)?;
//! assert_eq!(award.results[0].level_name, "Proficient");
//! assert_eq!(award.evidence.len(), 1);
//!
//! // Without evidence the award is refused, and the refusal says why.
//! let mut thin = assessment.clone();
//! thin.evidence.clear();
//! let refusal = evaluate(&framework, &thin, None).unwrap_err();
//! assert_eq!(refusal.problems, vec![Problem::EvidenceShort {
//!     kind: EvidenceKind::Observation, required: 1, found: 0 }]);
//! # Ok::<(), openbadges::Error>(())
//! ```

mod assessment;
mod award;
mod credential;
mod error;
mod evidence;
mod framework;
mod leader;
mod rubric;

pub use assessment::{Assessment, Assessor, Candidate, Email, InvalidEmail};
pub use award::{evaluate, Award, AwardRefusal, BandRef, CriterionResult, FrameworkRef, Problem};
pub use credential::CredentialOptions;
pub use error::CompetencyError;
pub use evidence::{EvidenceItem, EvidenceKind, EvidenceRequirement};
pub use framework::{Alignment, Band, Competency, Framework, Image, Publisher};
pub use leader::{HeldCompetencies, LeaderRule, LeaderStatus, Missing, Requirement};
pub use rubric::{Level, Rubric, RubricCriterion, Threshold};
