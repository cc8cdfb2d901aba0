//! Award → OB 3.0 `OpenBadgeCredential`: the competency becomes the
//! Achievement, the rubric becomes its result descriptions, the evidence is
//! embedded, and the achieved levels become Results.

use crate::ids::{DateTime, Iri};
use crate::model::v3::{
    Achievement, AchievementCredential, AchievementSubject, AchievementType, Alignment,
    AlignmentTargetType, BuildError, Criteria, Evidence, IdentifierType, IdentityObject, Image,
    Profile, Result as ObResult, ResultDescription, ResultStatusType, ResultType,
    RubricCriterionLevel,
};
use crate::model::OneOrMany;

use super::award::Award;
use super::framework::{Alignment as FrameworkAlignment, Competency, Publisher};

/// What the issuing service decides for each credential, beyond the award.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CredentialOptions {
    /// The credential's `id` (for example `urn:uuid:…` from a fresh UUID).
    pub id: Iri,
    /// Salt for hashing the recipient's e-mail address into the subject's
    /// `identifier` (a fresh random value per credential is best; `None`
    /// hashes without salt). The plain address is never written.
    pub email_salt: Option<String>,
    /// Optional end of validity (`validUntil`).
    pub valid_until: Option<DateTime>,
    /// More identities of the recipient for `credentialSubject.identifier`,
    /// after the hashed e-mail: a roster's staff id (`sisSourcedId`), say,
    /// which lets a relying party holding the roster find the recipient
    /// without trying every address against each credential's salt.
    pub identities: Vec<IdentityObject>,
}

impl CredentialOptions {
    /// Options with this credential id, no salt and no end of validity.
    pub fn new(id: Iri) -> Self {
        CredentialOptions {
            id,
            email_salt: None,
            valid_until: None,
            identities: Vec::new(),
        }
    }

    /// Sets the salt used to hash the recipient's e-mail address.
    pub fn email_salt(mut self, salt: impl Into<String>) -> Self {
        self.email_salt = Some(salt.into());
        self
    }

    /// Adds an identity of the recipient (written after the hashed e-mail).
    /// A plain identity (`IdentityObject::plain`) is readable by anyone the
    /// credential is shown to.
    pub fn identity(mut self, identity: IdentityObject) -> Self {
        self.identities.push(identity);
        self
    }

    /// Sets `validUntil`.
    pub fn valid_until(mut self, t: DateTime) -> Self {
        self.valid_until = Some(t);
        self
    }
}

impl Award {
    /// The unsigned OB 3.0 credential for this award.
    ///
    /// The competency becomes the `Achievement` (type, criteria, one
    /// `ResultDescription` per rubric criterion with its levels, alignments to
    /// external standards and to the framework entry), each evidence item an
    /// `Evidence`, and each rated criterion a `Result` with its achieved level.
    /// The recipient is identified by `credentialSubject.id` when known and by a
    /// salted SHA-256 hash of the e-mail address when given.
    ///
    /// # Errors
    /// [`BuildError`] naming the field when the result would not be a valid
    /// OB 3.0 credential (for example an empty competency name).
    pub fn to_credential(
        &self,
        options: &CredentialOptions,
    ) -> Result<AchievementCredential, BuildError> {
        let issuer = issuer_profile(&self.issuer)?;
        let achievement = self.achievement_for(issuer.clone())?;

        let mut subject = AchievementSubject::new(achievement);
        subject.id = self.recipient.id.clone();
        if let Some(email) = &self.recipient.email {
            let identity = IdentityObject::hashed_sha256(
                IdentifierType::EmailAddress,
                email.as_str(),
                options.email_salt.as_deref(),
            );
            subject.identifier = Some(OneOrMany::Many(vec![identity]));
        }
        if !options.identities.is_empty() {
            let mut all = match subject.identifier.take() {
                Some(OneOrMany::Many(v)) => v,
                Some(OneOrMany::One(i)) => vec![i],
                None => Vec::new(),
            };
            all.extend(options.identities.iter().cloned());
            subject.identifier = Some(OneOrMany::Many(all));
        }
        if subject.id.is_none() && subject.identifier.is_none() {
            return Err(BuildError::Missing {
                class: "AchievementSubject",
                field: "id or identifier",
            });
        }
        let results: Vec<ObResult> = self
            .results
            .iter()
            .map(|r| {
                let mut res = ObResult::new();
                res.result_description = Some(r.criterion.clone());
                res.achieved_level = Some(r.achieved_level.clone());
                res.status = Some(ResultStatusType::parse("Completed"));
                res
            })
            .collect();
        if !results.is_empty() {
            subject.result = Some(OneOrMany::Many(results));
        }
        subject.narrative = Some(self.narrative());

        // validFrom and awardedDate are xsd:dateTime; an assessment dated
        // with a day only is awarded at the start of that day, UTC.
        let awarded = if self.awarded_on.as_str().contains('T') {
            self.awarded_on.clone()
        } else {
            DateTime::from_utc(self.awarded_on.to_utc())
        };
        let mut builder = AchievementCredential::builder()
            .id(options.id.clone())
            .issuer(issuer)
            .valid_from(awarded.clone())
            .awarded_date(awarded)
            .name(self.achievement.name.clone())
            .description(format!(
                "{} demonstrated the competency {} ({}) of {}.",
                self.recipient.name.as_deref().unwrap_or("The recipient"),
                self.achievement.name,
                self.achievement.code,
                self.framework.name
            ))
            .subject(subject);
        if let Some(until) = &options.valid_until {
            builder = builder.valid_until(until.clone());
        }
        for item in &self.evidence {
            builder = builder.evidence(evidence(item));
        }
        builder.build()
    }

    fn narrative(&self) -> String {
        let mut s = format!(
            "Assessed by {} on {} against the {} rubric ({} of {} points).",
            self.assessor.name,
            self.assessed_on,
            self.achievement.code,
            self.total_points,
            self.max_points
        );
        if let Some(c) = &self.comment {
            s.push(' ');
            s.push_str(c);
        }
        s
    }

    fn achievement_for(&self, creator: Profile) -> Result<Achievement, BuildError> {
        let c: &Competency = &self.achievement;
        let mut b = Achievement::builder()
            .id(c.id.clone())
            .name(c.name.clone())
            .description(c.description.clone())
            .achievement_type(AchievementType::parse(&c.achievement_type))
            .criteria(Criteria::narrative(c.criteria_narrative.clone()))
            .human_code(c.code.clone())
            .version(self.framework.version.clone())
            .creator(creator);
        if let Some(img) = &c.image {
            let mut image = Image::new(img.id.clone());
            image.caption = img.caption.clone();
            b = b.image(image);
        }
        for t in &c.tags {
            b = b.tag(t.clone());
        }
        for a in &c.alignments {
            b = b.alignment(alignment(a));
        }
        // The framework entry itself.
        let mut entry = Alignment::new(c.name.clone(), c.id.clone());
        entry.target_code = Some(c.code.clone());
        entry.target_framework = Some(self.framework.name.clone());
        entry.target_description = Some(format!("{}: {}", self.band.name, c.description));
        b = b.alignment(entry);
        for criterion in &c.rubric.criteria {
            let mut rd = ResultDescription::new(
                criterion.id.clone(),
                criterion.name.clone(),
                ResultType::parse("RubricCriterionLevel"),
            );
            rd.required_level = c.rubric.required_level(criterion).cloned();
            let levels: Vec<RubricCriterionLevel> = c
                .rubric
                .levels
                .iter()
                .map(|l| {
                    let mut level = RubricCriterionLevel::new(l.id.clone(), l.name.clone());
                    level.description = Some(l.description.clone());
                    level.points = Some(l.points.to_string());
                    level
                })
                .collect();
            rd.rubric_criterion_level = Some(OneOrMany::Many(levels));
            rd.extra.insert(
                "description".into(),
                serde_json::Value::String(criterion.description.clone()),
            );
            b = b.result_description(rd);
        }
        b.build()
    }
}

fn issuer_profile(p: &Publisher) -> Result<Profile, BuildError> {
    let mut b = Profile::builder().id(p.id.clone()).name(p.name.clone());
    if let Some(u) = &p.url {
        b = b.url(u.clone());
    }
    if let Some(e) = &p.email {
        b = b.email(e.as_str());
    }
    if let Some(d) = &p.description {
        b = b.description(d.clone());
    }
    b.build()
}

fn alignment(a: &FrameworkAlignment) -> Alignment {
    let mut out = Alignment::new(a.target_name.clone(), a.target_url.clone());
    out.target_description = a.target_description.clone();
    out.target_framework = a.target_framework.clone();
    out.target_code = a.target_code.clone();
    out.target_type = a.target_type.as_deref().map(AlignmentTargetType::parse);
    out
}

fn evidence(item: &super::evidence::EvidenceItem) -> Evidence {
    let mut e = Evidence::new();
    e.id = item.url.clone();
    e.name = Some(item.name.clone());
    e.narrative = Some(item.narrative.clone());
    let mut description = item.description.clone().unwrap_or_default();
    if let Some(date) = &item.date {
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(&format!("Collected {date}."));
    }
    if !description.is_empty() {
        e.description = Some(description);
    }
    e.genre = Some(item.genre.clone().unwrap_or_else(|| item.kind.to_string()));
    e.audience = item.audience.clone();
    e
}
