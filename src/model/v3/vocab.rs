//! OB 3.0 enumerations. Each keeps `ext:` extension values and values it
//! does not know, so reading never fails on a newer or extended vocabulary
//! and writing gives back the text that was read.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! vocab {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// An extension term, written `ext:…` (the whole text is kept).
            Extension(String),
            /// A value this vocabulary does not list (kept as written).
            Other(String),
        }

        impl $name {
            /// Every value the specification lists, in its order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The text of this value as written in JSON.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Extension(s) | $name::Other(s) => s,
                }
            }

            /// Reads a value: a listed term, an `ext:` extension or anything else.
            pub fn parse(s: &str) -> Self {
                match s {
                    $( $text => $name::$variant, )+
                    _ if s.starts_with("ext:") => $name::Extension(s.to_owned()),
                    _ => $name::Other(s.to_owned()),
                }
            }

            /// Whether the value is one the specification lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Extension(_) | $name::Other(_))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}

vocab! {
    /// The kind of an achievement (`Achievement.achievementType`).
    AchievementType {
        /// Represents a generic achievement.
        Achievement = "Achievement",
        /// Credential earned through work-based learning and earn-and-learn models.
        ApprenticeshipCertificate = "ApprenticeshipCertificate",
        /// Direct, indirect, formative, and summative evaluation or estimation of the nature, ability, or quality of an entity.
        Assessment = "Assessment",
        /// Represents the result of a curricular, or co-curricular assignment or exam.
        Assignment = "Assignment",
        /// College/university award for students typically completing the first one to two years of post-secondary school education.
        AssociateDegree = "AssociateDegree",
        /// Represents an award.
        Award = "Award",
        /// Visual symbol containing verifiable claims in accordance with the Open Badges specification.
        Badge = "Badge",
        /// College/university award for students typically completing three to five years of education.
        BachelorDegree = "BachelorDegree",
        /// Represents a certificate earned by the learner.
        Certificate = "Certificate",
        /// Credential that acknowledges completion of an assignment, training or other activity.
        CertificateOfCompletion = "CertificateOfCompletion",
        /// Time-limited, revocable, renewable credential awarded by an authoritative body.
        Certification = "Certification",
        /// Represents community service.
        CommunityService = "CommunityService",
        /// Measurable or observable knowledge, skill, or ability.
        Competency = "Competency",
        /// Represents a course completion.
        Course = "Course",
        /// Represents a co-curricular activity.
        CoCurricular = "CoCurricular",
        /// Academic credential conferred upon completion of a program of study.
        Degree = "Degree",
        /// Credential awarded by educational institutions for successful completion of a course of study.
        Diploma = "Diploma",
        /// Highest credential award for students in advanced study in a research field.
        DoctoralDegree = "DoctoralDegree",
        /// Represents practical activities outside a typical classroom.
        Fieldwork = "Fieldwork",
        /// Credential awarded by examination that demonstrates equivalence to a high school diploma.
        GeneralEducationDevelopment = "GeneralEducationDevelopment",
        /// Credential awarded to skilled workers on successful completion of an apprenticeship.
        JourneymanCertificate = "JourneymanCertificate",
        /// Set of learning opportunities that leads to an outcome.
        LearningProgram = "LearningProgram",
        /// Credential awarded by a government agency that constitutes legal authority to do a specific job.
        License = "License",
        /// Represents membership.
        Membership = "Membership",
        /// Doctoral degree conferred upon completion of a program providing preparation for professional practice.
        ProfessionalDoctorate = "ProfessionalDoctorate",
        /// Credential assuring that an organization, program, or awarded credential meets prescribed requirements.
        QualityAssuranceCredential = "QualityAssuranceCredential",
        /// Credential awarded upon successful completion of a master's level program of study.
        MasterCertificate = "MasterCertificate",
        /// Credential awarded for a graduate level course of study.
        MasterDegree = "MasterDegree",
        /// Credential that addresses a subset of field-specific knowledge, skills, or competencies.
        MicroCredential = "MicroCredential",
        /// Doctoral degree conferred for advanced work beyond the master level.
        ResearchDoctorate = "ResearchDoctorate",
        /// Diploma awarded for completion of secondary school.
        SecondarySchoolDiploma = "SecondarySchoolDiploma",
    }
}

vocab! {
    /// The kind of a result (`ResultDescription.resultType`).
    ResultType {
        /// The learner's overall academic performance.
        GradePointAverage = "GradePointAverage",
        /// A letter grade.
        LetterGrade = "LetterGrade",
        /// A percent score.
        Percent = "Percent",
        /// A performance level.
        PerformanceLevel = "PerformanceLevel",
        /// A predicted score.
        PredictedScore = "PredictedScore",
        /// A raw score.
        RawScore = "RawScore",
        /// A generic result.
        Result = "Result",
        /// The result of a rubric criterion.
        RubricCriterion = "RubricCriterion",
        /// A rubric criterion level.
        RubricCriterionLevel = "RubricCriterionLevel",
        /// A rubric score.
        RubricScore = "RubricScore",
        /// A scaled score.
        ScaledScore = "ScaledScore",
        /// A completion status.
        Status = "Status",
    }
}

vocab! {
    /// The status of a result (`Result.status`).
    ResultStatusType {
        /// The learner completed the achievement.
        Completed = "Completed",
        /// The learner is enrolled.
        Enrolled = "Enrolled",
        /// The learner failed.
        Failed = "Failed",
        /// The learner has started progress.
        InProgress = "InProgress",
        /// The learner is on hold.
        OnHold = "OnHold",
        /// The result is provisional.
        Provisional = "Provisional",
        /// The learner withdrew.
        Withdrew = "Withdrew",
    }
}

vocab! {
    /// The kind of an alignment target (`Alignment.targetType`).
    AlignmentTargetType {
        /// An alignment to a CTDL-ASN/CTDL competency.
        CeasnCompetency = "ceasn:Competency",
        /// A credential published in the Credential Engine Registry.
        CetermsCredential = "ceterms:Credential",
        /// An alignment to a CASE framework item.
        CfItem = "CFItem",
        /// An alignment to a CASE framework rubric.
        CfRubric = "CFRubric",
        /// An alignment to a CASE framework rubric criterion.
        CfRubricCriterion = "CFRubricCriterion",
        /// An alignment to a CASE framework rubric criterion level.
        CfRubricCriterionLevel = "CFRubricCriterionLevel",
        /// An alignment to a Credential Engine item.
        Ctdl = "CTDL",
    }
}

vocab! {
    /// The kind of an identifier (`IdentityObject.identityType`,
    /// `IdentifierEntry.identifierType`).
    IdentifierType {
        /// A name.
        Name = "name",
        /// A sourced id.
        SourcedId = "sourcedId",
        /// A system id.
        SystemId = "systemId",
        /// A product id.
        ProductId = "productId",
        /// A user name.
        UserName = "userName",
        /// An account id.
        AccountId = "accountId",
        /// An e-mail address.
        EmailAddress = "emailAddress",
        /// A national identity number.
        NationalIdentityNumber = "nationalIdentityNumber",
        /// An ISBN.
        Isbn = "isbn",
        /// An ISSN.
        Issn = "issn",
        /// An LIS sourced id.
        LisSourcedId = "lisSourcedId",
        /// A OneRoster sourced id.
        OneRosterSourcedId = "oneRosterSourcedId",
        /// A SIS sourced id.
        SisSourcedId = "sisSourcedId",
        /// An LTI context id.
        LtiContextId = "ltiContextId",
        /// An LTI deployment id.
        LtiDeploymentId = "ltiDeploymentId",
        /// An LTI tool id.
        LtiToolId = "ltiToolId",
        /// An LTI platform id.
        LtiPlatformId = "ltiPlatformId",
        /// An LTI user id.
        LtiUserId = "ltiUserId",
        /// A generic identifier.
        Identifier = "identifier",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ext_and_other() {
        assert_eq!(AchievementType::parse("Badge"), AchievementType::Badge);
        assert_eq!(
            AchievementType::parse("ext:Foo"),
            AchievementType::Extension("ext:Foo".into())
        );
        assert_eq!(
            ResultType::parse("Whatever"),
            ResultType::Other("Whatever".into())
        );
        for k in AlignmentTargetType::KNOWN {
            assert_eq!(&AlignmentTargetType::parse(k.as_str()), k);
        }
    }
}
