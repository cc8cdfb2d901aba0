//! Strict builders for the classes with several required fields, and the
//! [`BuildError`] they return.

use super::achievement::{Achievement, Alignment, Criteria, IdentifierEntry, Related};
use super::common::{Evidence, Image};
use super::credential::{
    AchievementCredential, AchievementSubject, Context, Credential, CredentialSchema,
    CredentialStatus, EndorsementCredential, EndorsementSubject, LangString, RefreshService,
    TermsOfUse, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT,
};
use super::profile::{Address, Profile};
use super::result::ResultDescription;
use super::vocab::AchievementType;
use crate::ids::{DateTime, Iri};
use crate::model::{Extra, IriOr, OneOrMany};

/// Why a builder refused to build: the class and field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A required field was not set.
    #[error("{class}: required field `{field}` is missing")]
    Missing {
        /// The OB 3.0 class being built.
        class: &'static str,
        /// The JSON property name.
        field: &'static str,
    },
    /// A required field was set but empty.
    #[error("{class}: field `{field}` must not be empty")]
    Empty {
        /// The OB 3.0 class being built.
        class: &'static str,
        /// The JSON property name.
        field: &'static str,
    },
    /// A field has a value the spec does not allow.
    #[error("{class}: field `{field}` is invalid: {reason}")]
    Invalid {
        /// The OB 3.0 class being built.
        class: &'static str,
        /// The JSON property name.
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// The built credential breaks one of the OB 3.0 structure rules
    /// ([`super::rules`], the rules the verifier's structure check applies),
    /// for example a value set through `extra` or an embedded object built
    /// with `new` and edited.
    #[error("{class}: {violation}")]
    Rule {
        /// The OB 3.0 class being built.
        class: &'static str,
        /// The first rule broken.
        violation: super::rules::Violation,
    },
}

/// Applies the OB 3.0 structure rules to a built credential.
fn follows_rules<S: serde::Serialize>(
    credential: Credential<S>,
    class: &'static str,
    document: super::rules::Document,
) -> Result<Credential<S>, BuildError> {
    let json = serde_json::to_value(&credential).map_err(|_| BuildError::Invalid {
        class,
        field: "$",
        reason: "does not serialize to JSON",
    })?;
    match super::rules::check(&json, document).into_iter().next() {
        Some(violation) => Err(BuildError::Rule { class, violation }),
        None => Ok(credential),
    }
}

fn required<T>(v: Option<T>, class: &'static str, field: &'static str) -> Result<T, BuildError> {
    v.ok_or(BuildError::Missing { class, field })
}

fn non_empty(
    v: Option<String>,
    class: &'static str,
    field: &'static str,
) -> Result<String, BuildError> {
    let s = required(v, class, field)?;
    if s.trim().is_empty() {
        return Err(BuildError::Empty { class, field });
    }
    Ok(s)
}

fn types_contain(t: &OneOrMany<String>, want: &str) -> bool {
    t.iter().any(|x| x == want)
}

fn push<T>(slot: &mut Option<OneOrMany<T>>, v: T) {
    *slot = Some(match slot.take() {
        None => OneOrMany::Many(vec![v]),
        Some(o) => {
            let mut all = o.into_vec();
            all.push(v);
            OneOrMany::Many(all)
        }
    });
}

/// Checks an [`Achievement`] read or built elsewhere has what the spec requires.
///
/// # Errors
/// [`BuildError::Missing`] / [`BuildError::Empty`] / [`BuildError::Invalid`]
/// naming the first field at fault.
pub fn check_achievement(a: &Achievement) -> Result<(), BuildError> {
    const C: &str = "Achievement";
    if !types_contain(&a.types, "Achievement") {
        return Err(BuildError::Invalid {
            class: C,
            field: "type",
            reason: "must contain \"Achievement\"",
        });
    }
    non_empty(a.name.clone(), C, "name")?;
    non_empty(a.description.clone(), C, "description")?;
    let c = required(a.criteria.as_ref(), C, "criteria")?;
    check_criteria(c)
}

fn check_criteria(c: &Criteria) -> Result<(), BuildError> {
    if c.id.is_none() && c.narrative.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(BuildError::Missing {
            class: "Criteria",
            field: "id or narrative",
        });
    }
    Ok(())
}

/// Checks a [`Profile`] has `id`, a `type` containing `Profile` and, when
/// `need_name`, a non-empty `name` (issuers need one).
///
/// # Errors
/// The [`BuildError`] naming the field at fault.
pub fn check_profile(p: &Profile, need_name: bool) -> Result<(), BuildError> {
    if !p.is_profile() {
        return Err(BuildError::Invalid {
            class: "Profile",
            field: "type",
            reason: "must contain \"Profile\"",
        });
    }
    if need_name {
        non_empty(p.name.clone(), "Profile", "name")?;
    }
    Ok(())
}

impl Criteria {
    /// Criteria given as a narrative.
    pub fn narrative(text: impl Into<String>) -> Self {
        Criteria {
            id: None,
            narrative: Some(text.into()),
            extra: Extra::new(),
        }
    }

    /// Criteria given as the IRI of a page describing them.
    pub fn with_id(id: Iri) -> Self {
        Criteria {
            id: Some(id),
            narrative: None,
            extra: Extra::new(),
        }
    }
}

/// Builds an [`Achievement`]; `id`, `name`, `description` and `criteria` are
/// required.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct AchievementBuilder {
    id: Option<Iri>,
    name: Option<String>,
    description: Option<String>,
    criteria: Option<Criteria>,
    achievement_type: Option<AchievementType>,
    image: Option<IriOr<Image>>,
    creator: Option<IriOr<Profile>>,
    alignment: Option<OneOrMany<Alignment>>,
    result_description: Option<OneOrMany<ResultDescription>>,
    related: Option<OneOrMany<Related>>,
    other_identifier: Option<OneOrMany<IdentifierEntry>>,
    tag: Option<OneOrMany<String>>,
    human_code: Option<String>,
    field_of_study: Option<String>,
    specialization: Option<String>,
    in_language: Option<String>,
    version: Option<String>,
    credits_available: Option<serde_json::Number>,
    extra: Extra,
}

impl Achievement {
    /// Starts building an achievement.
    pub fn builder() -> AchievementBuilder {
        AchievementBuilder::default()
    }
}

impl AchievementBuilder {
    /// Sets `id` (required).
    pub fn id(mut self, id: Iri) -> Self {
        self.id = Some(id);
        self
    }
    /// Sets `name` (required).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Sets `description` (required).
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
    /// Sets `criteria` (required; needs an `id` or a `narrative`).
    pub fn criteria(mut self, c: Criteria) -> Self {
        self.criteria = Some(c);
        self
    }
    /// Sets `achievementType`.
    pub fn achievement_type(mut self, t: AchievementType) -> Self {
        self.achievement_type = Some(t);
        self
    }
    /// Sets `image`.
    pub fn image(mut self, i: Image) -> Self {
        self.image = Some(IriOr::Object(i));
        self
    }
    /// Sets `creator`.
    pub fn creator(mut self, p: Profile) -> Self {
        self.creator = Some(IriOr::Object(p));
        self
    }
    /// Adds an `alignment`.
    pub fn alignment(mut self, a: Alignment) -> Self {
        push(&mut self.alignment, a);
        self
    }
    /// Adds a `resultDescription`.
    pub fn result_description(mut self, r: ResultDescription) -> Self {
        push(&mut self.result_description, r);
        self
    }
    /// Adds a `related` entry.
    pub fn related(mut self, r: Related) -> Self {
        push(&mut self.related, r);
        self
    }
    /// Adds an `otherIdentifier`.
    pub fn other_identifier(mut self, i: IdentifierEntry) -> Self {
        push(&mut self.other_identifier, i);
        self
    }
    /// Adds a `tag`.
    pub fn tag(mut self, t: impl Into<String>) -> Self {
        push(&mut self.tag, t.into());
        self
    }
    /// Sets `humanCode`.
    pub fn human_code(mut self, c: impl Into<String>) -> Self {
        self.human_code = Some(c.into());
        self
    }
    /// Sets `fieldOfStudy`.
    pub fn field_of_study(mut self, f: impl Into<String>) -> Self {
        self.field_of_study = Some(f.into());
        self
    }
    /// Sets `specialization`.
    pub fn specialization(mut self, s: impl Into<String>) -> Self {
        self.specialization = Some(s.into());
        self
    }
    /// Sets `inLanguage` (BCP 47).
    pub fn in_language(mut self, l: impl Into<String>) -> Self {
        self.in_language = Some(l.into());
        self
    }
    /// Sets `version`.
    pub fn version(mut self, v: impl Into<String>) -> Self {
        self.version = Some(v.into());
        self
    }
    /// Sets `creditsAvailable`.
    pub fn credits_available(mut self, n: serde_json::Number) -> Self {
        self.credits_available = Some(n);
        self
    }
    /// Sets an extension property.
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }

    /// Builds the achievement (`type` is `["Achievement"]`).
    ///
    /// # Errors
    /// [`BuildError::Missing`] naming `id`, `name`, `description` or
    /// `criteria`; `Criteria`/`id or narrative` when the criteria are empty.
    pub fn build(self) -> Result<Achievement, BuildError> {
        const C: &str = "Achievement";
        let a = Achievement {
            id: required(self.id, C, "id")?,
            types: OneOrMany::Many(vec!["Achievement".into()]),
            alignment: self.alignment,
            achievement_type: self.achievement_type,
            creator: self.creator,
            credits_available: self.credits_available,
            criteria: self.criteria,
            description: self.description,
            endorsement: None,
            endorsement_jwt: None,
            field_of_study: self.field_of_study,
            human_code: self.human_code,
            image: self.image,
            in_language: self.in_language,
            name: self.name,
            other_identifier: self.other_identifier,
            related: self.related,
            result_description: self.result_description,
            specialization: self.specialization,
            tag: self.tag,
            version: self.version,
            extra: self.extra,
        };
        check_achievement(&a)?;
        Ok(a)
    }
}

/// Builds a [`Profile`]; `id` is required (`name` too when it is an issuer).
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ProfileBuilder {
    id: Option<Iri>,
    name: Option<String>,
    url: Option<Iri>,
    email: Option<String>,
    phone: Option<String>,
    description: Option<String>,
    image: Option<IriOr<Image>>,
    address: Option<Address>,
    official: Option<String>,
    parent_org: Option<Box<IriOr<Profile>>>,
    other_identifier: Option<OneOrMany<IdentifierEntry>>,
    given_name: Option<String>,
    family_name: Option<String>,
    extra: Extra,
}

impl Profile {
    /// Starts building a profile.
    pub fn builder() -> ProfileBuilder {
        ProfileBuilder::default()
    }
}

impl ProfileBuilder {
    /// Sets `id` (required).
    pub fn id(mut self, id: Iri) -> Self {
        self.id = Some(id);
        self
    }
    /// Sets `name` (required for issuers).
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = Some(n.into());
        self
    }
    /// Sets `url`.
    pub fn url(mut self, u: Iri) -> Self {
        self.url = Some(u);
        self
    }
    /// Sets `email`.
    pub fn email(mut self, e: impl Into<String>) -> Self {
        self.email = Some(e.into());
        self
    }
    /// Sets `phone`.
    pub fn phone(mut self, p: impl Into<String>) -> Self {
        self.phone = Some(p.into());
        self
    }
    /// Sets `description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
    /// Sets `image`.
    pub fn image(mut self, i: Image) -> Self {
        self.image = Some(IriOr::Object(i));
        self
    }
    /// Sets `address`.
    pub fn address(mut self, a: Address) -> Self {
        self.address = Some(a);
        self
    }
    /// Sets `official`.
    pub fn official(mut self, o: impl Into<String>) -> Self {
        self.official = Some(o.into());
        self
    }
    /// Sets `parentOrg`.
    pub fn parent_org(mut self, p: Profile) -> Self {
        self.parent_org = Some(Box::new(IriOr::Object(p)));
        self
    }
    /// Adds an `otherIdentifier`.
    pub fn other_identifier(mut self, i: IdentifierEntry) -> Self {
        push(&mut self.other_identifier, i);
        self
    }
    /// Sets `givenName`.
    pub fn given_name(mut self, n: impl Into<String>) -> Self {
        self.given_name = Some(n.into());
        self
    }
    /// Sets `familyName`.
    pub fn family_name(mut self, n: impl Into<String>) -> Self {
        self.family_name = Some(n.into());
        self
    }
    /// Sets an extension property.
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }

    /// Builds the profile (`type` is `["Profile"]`).
    ///
    /// # Errors
    /// [`BuildError::Missing`] naming `id`; [`BuildError::Empty`] for an empty `name`.
    pub fn build(self) -> Result<Profile, BuildError> {
        if let Some(n) = &self.name {
            if n.trim().is_empty() {
                return Err(BuildError::Empty {
                    class: "Profile",
                    field: "name",
                });
            }
        }
        Ok(Profile {
            id: required(self.id, "Profile", "id")?,
            types: OneOrMany::Many(vec!["Profile".into()]),
            name: self.name,
            url: self.url,
            phone: self.phone,
            description: self.description,
            endorsement: None,
            endorsement_jwt: None,
            image: self.image,
            email: self.email,
            address: self.address,
            other_identifier: self.other_identifier,
            official: self.official,
            parent_org: self.parent_org,
            family_name: self.family_name,
            given_name: self.given_name,
            additional_name: None,
            patronymic_name: None,
            honorific_prefix: None,
            honorific_suffix: None,
            family_name_prefix: None,
            date_of_birth: None,
            extra: self.extra,
        })
    }
}

/// Builds a [`Credential`]: [`AchievementCredential::builder`] or
/// [`EndorsementCredential::builder`]. `id`, `issuer` (a [`Profile`] with a
/// name), `validFrom` and the subject are required; an endorsement also
/// needs `name`.
#[derive(Debug, Clone)]
#[must_use]
pub struct CredentialBuilder<S> {
    id: Option<Iri>,
    issuer: Option<Profile>,
    valid_from: Option<DateTime>,
    valid_until: Option<DateTime>,
    awarded_date: Option<DateTime>,
    name: Option<String>,
    description: Option<String>,
    image: Option<Image>,
    subject: Option<S>,
    evidence: Option<OneOrMany<IriOr<Evidence>>>,
    endorsement: Option<OneOrMany<EndorsementCredential>>,
    credential_schema: Option<OneOrMany<CredentialSchema>>,
    credential_status: Option<OneOrMany<CredentialStatus>>,
    refresh_service: Option<OneOrMany<RefreshService>>,
    terms_of_use: Option<OneOrMany<TermsOfUse>>,
    extra_contexts: Vec<Context>,
    extra: Extra,
}

impl<S> Default for CredentialBuilder<S> {
    fn default() -> Self {
        CredentialBuilder {
            id: None,
            issuer: None,
            valid_from: None,
            valid_until: None,
            awarded_date: None,
            name: None,
            description: None,
            image: None,
            subject: None,
            evidence: None,
            endorsement: None,
            credential_schema: None,
            credential_status: None,
            refresh_service: None,
            terms_of_use: None,
            extra_contexts: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl AchievementCredential {
    /// Starts building an `OpenBadgeCredential`.
    pub fn builder() -> CredentialBuilder<AchievementSubject> {
        CredentialBuilder::default()
    }
}

impl EndorsementCredential {
    /// Starts building an `EndorsementCredential`.
    pub fn builder() -> CredentialBuilder<EndorsementSubject> {
        CredentialBuilder::default()
    }
}

impl<S> CredentialBuilder<S> {
    /// Sets `id` (required).
    pub fn id(mut self, id: Iri) -> Self {
        self.id = Some(id);
        self
    }
    /// Sets the issuer (required; needs a `name`).
    pub fn issuer(mut self, p: Profile) -> Self {
        self.issuer = Some(p);
        self
    }
    /// Sets `validFrom` (required).
    pub fn valid_from(mut self, t: DateTime) -> Self {
        self.valid_from = Some(t);
        self
    }
    /// Sets `validUntil`.
    pub fn valid_until(mut self, t: DateTime) -> Self {
        self.valid_until = Some(t);
        self
    }
    /// Sets `awardedDate`.
    pub fn awarded_date(mut self, t: DateTime) -> Self {
        self.awarded_date = Some(t);
        self
    }
    /// Sets `name` (required for endorsements).
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = Some(n.into());
        self
    }
    /// Sets `description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
    /// Sets `image`.
    pub fn image(mut self, i: Image) -> Self {
        self.image = Some(i);
        self
    }
    /// Sets the credential subject (required).
    pub fn subject(mut self, s: S) -> Self {
        self.subject = Some(s);
        self
    }
    /// Adds `evidence`.
    pub fn evidence(mut self, e: Evidence) -> Self {
        push(&mut self.evidence, IriOr::Object(e));
        self
    }
    /// Adds an embedded `endorsement`.
    pub fn endorsement(mut self, e: EndorsementCredential) -> Self {
        push(&mut self.endorsement, e);
        self
    }
    /// Adds a `credentialSchema` (adds the OB extensions context).
    pub fn credential_schema(mut self, s: CredentialSchema) -> Self {
        push(&mut self.credential_schema, s);
        self
    }
    /// Adds a `credentialStatus`.
    pub fn credential_status(mut self, s: CredentialStatus) -> Self {
        push(&mut self.credential_status, s);
        self
    }
    /// Adds a `refreshService` (adds the OB extensions context).
    pub fn refresh_service(mut self, s: RefreshService) -> Self {
        push(&mut self.refresh_service, s);
        self
    }
    /// Adds `termsOfUse`.
    pub fn terms_of_use(mut self, t: TermsOfUse) -> Self {
        push(&mut self.terms_of_use, t);
        self
    }
    /// Appends a `@context` entry after the required ones.
    pub fn context(mut self, c: Context) -> Self {
        self.extra_contexts.push(c);
        self
    }
    /// Sets an extension property.
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }

    fn needs_extensions_context(&self) -> bool {
        let onetech = |t: &OneOrMany<String>| t.iter().any(|x| x.starts_with("1EdTech"));
        self.credential_schema.is_some()
            || self.refresh_service.is_some()
            || self
                .credential_status
                .iter()
                .flat_map(OneOrMany::iter)
                .any(|s| onetech(&s.types))
            || self
                .terms_of_use
                .iter()
                .flat_map(OneOrMany::iter)
                .any(|s| onetech(&s.types))
    }

    fn envelope(
        self,
        class: &'static str,
        second_type: &str,
        subject: S,
    ) -> Result<Credential<S>, BuildError> {
        let id = required(self.id.clone(), class, "id")?;
        let issuer = required(self.issuer.clone(), class, "issuer")?;
        check_profile(&issuer, true)?;
        let valid_from = required(self.valid_from.clone(), class, "validFrom")?;
        if let Some(until) = &self.valid_until {
            if until.to_utc() < valid_from.to_utc() {
                return Err(BuildError::Invalid {
                    class,
                    field: "validUntil",
                    reason: "is before validFrom",
                });
            }
        }
        let mut context = vec![
            Context::Iri(Iri::new_unchecked(VC_V2_CONTEXT)),
            Context::Iri(Iri::new_unchecked(OB_CONTEXT)),
        ];
        let ext = Context::Iri(Iri::new_unchecked(OB_EXTENSIONS_CONTEXT));
        if self.needs_extensions_context() && !self.extra_contexts.contains(&ext) {
            context.push(ext);
        }
        for c in self.extra_contexts {
            if !context.contains(&c) {
                context.push(c);
            }
        }
        Ok(Credential {
            context: OneOrMany::Many(context),
            id: Some(id),
            types: OneOrMany::Many(vec!["VerifiableCredential".into(), second_type.into()]),
            name: self.name.map(LangString::Plain),
            description: self.description.map(LangString::Plain),
            image: self.image.map(IriOr::Object),
            awarded_date: self.awarded_date,
            credential_subject: OneOrMany::One(subject),
            endorsement: self.endorsement.map(Box::new),
            endorsement_jwt: None,
            evidence: self.evidence,
            issuer: IriOr::Object(issuer),
            valid_from: Some(valid_from),
            valid_until: self.valid_until,
            issuance_date: None,
            expiration_date: None,
            proof: None,
            credential_schema: self.credential_schema,
            credential_status: self.credential_status,
            refresh_service: self.refresh_service,
            terms_of_use: self.terms_of_use,
            extra: self.extra,
        })
    }
}

impl CredentialBuilder<AchievementSubject> {
    /// Sets the subject to `achievement` awarded to `recipient`.
    pub fn achievement(self, achievement: Achievement, recipient: Option<Iri>) -> Self {
        let mut s = AchievementSubject::new(achievement);
        s.id = recipient;
        self.subject(s)
    }

    /// Builds an `OpenBadgeCredential`.
    ///
    /// # Errors
    /// [`BuildError::Missing`] naming `id`, `issuer`, `validFrom`,
    /// `credentialSubject`, the issuer's `name` or the subject's
    /// `achievement`; any error of the embedded achievement;
    /// [`BuildError::Rule`] when the result breaks an OB 3.0 structure rule.
    pub fn build(mut self) -> Result<AchievementCredential, BuildError> {
        const C: &str = "AchievementCredential";
        let subject = required(self.subject.take(), C, "credentialSubject")?;
        if !types_contain(&subject.types, "AchievementSubject") {
            return Err(BuildError::Invalid {
                class: "AchievementSubject",
                field: "type",
                reason: "must contain \"AchievementSubject\"",
            });
        }
        match &subject.achievement {
            None => {
                return Err(BuildError::Missing {
                    class: "AchievementSubject",
                    field: "achievement",
                })
            }
            Some(IriOr::Iri(_)) => {
                return Err(BuildError::Invalid {
                    class: "AchievementSubject",
                    field: "achievement",
                    reason: "must be an embedded Achievement object",
                })
            }
            Some(IriOr::Object(a)) => check_achievement(a)?,
        }
        if subject.id.is_none() && subject.identifier.is_none() {
            return Err(BuildError::Missing {
                class: "AchievementSubject",
                field: "id or identifier",
            });
        }
        let built = self.envelope(C, "OpenBadgeCredential", subject)?;
        follows_rules(built, C, super::rules::Document::Credential)
    }
}

impl CredentialBuilder<EndorsementSubject> {
    /// Builds an `EndorsementCredential`.
    ///
    /// # Errors
    /// [`BuildError::Missing`] naming `id`, `name`, `issuer`, `validFrom`,
    /// `credentialSubject` or the issuer's `name`; [`BuildError::Rule`] when
    /// the result breaks an OB 3.0 structure rule.
    pub fn build(mut self) -> Result<EndorsementCredential, BuildError> {
        const C: &str = "EndorsementCredential";
        let subject = required(self.subject.take(), C, "credentialSubject")?;
        non_empty(self.name.clone(), C, "name")?;
        let built = self.envelope(C, "EndorsementCredential", subject)?;
        follows_rules(built, C, super::rules::Document::Endorsement)
    }
}
