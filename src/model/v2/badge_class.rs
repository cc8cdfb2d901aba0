//! `BadgeClass`: the achievement a badge stands for.

use serde::{Deserialize, Serialize};

use super::alignment::AlignmentObject;
use super::common::{boxed, de_badge_class_types, ob_v2_context, Class, Context, Types, V2Error};
use super::criteria::Criteria;
use super::endorsement::Endorsement;
use super::image::Image;
use super::profile::Profile;
use crate::ids::Iri;
use crate::model::{Extra, IriOr, OneOrMany};

/// A badge class: name, description, image, criteria and issuer of an achievement.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BadgeClass {
    /// The JSON-LD context, when this is a document.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The badge class's IRI (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `BadgeClass` (required).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_badge_class_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The name (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The image (required): an IRI, a `data:` URI, or an [`Image`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// The criteria (required): a page IRI or a [`Criteria`] object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<IriOr<Criteria>>,
    /// The issuer (required): a profile IRI or an embedded [`Profile`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IriOr<Box<Profile>>>,
    /// Alignments to framework nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<OneOrMany<AlignmentObject>>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<OneOrMany<String>>,
    /// Endorsements of this badge class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<OneOrMany<IriOr<Endorsement>>>,
    /// Properties not modelled here (`related`, `version`, extensions, …), kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

impl BadgeClass {
    /// A builder, with `@context` and `type: "BadgeClass"` preset.
    pub fn builder() -> BadgeClassBuilder {
        BadgeClassBuilder(BadgeClass {
            context: Some(ob_v2_context()),
            type_: Some(Types::of(Class::BadgeClass)),
            ..Default::default()
        })
    }

    /// Checks the properties the spec requires: `id`, `type`, `name`,
    /// `description`, `image`, `criteria`, `issuer`.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] naming the first one missing.
    pub fn check_required(&self) -> Result<(), V2Error> {
        let checks = [
            ("id", self.id.is_some()),
            ("type", self.type_.is_some()),
            ("name", self.name.is_some()),
            ("description", self.description.is_some()),
            ("image", self.image.is_some()),
            ("criteria", self.criteria.is_some()),
            ("issuer", self.issuer.is_some()),
        ];
        match checks.iter().find(|(_, present)| !present) {
            Some((field, _)) => Err(V2Error::MissingField {
                object: "BadgeClass",
                field,
            }),
            None => Ok(()),
        }
    }
}

/// Builds a [`BadgeClass`], refusing one without its required properties.
#[derive(Debug, Clone)]
pub struct BadgeClassBuilder(BadgeClass);

impl BadgeClassBuilder {
    /// Sets `id`.
    pub fn id(mut self, id: Iri) -> Self {
        self.0.id = Some(id);
        self
    }
    /// Sets `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.0.name = Some(name.into());
        self
    }
    /// Sets `description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.0.description = Some(d.into());
        self
    }
    /// Sets `image`.
    pub fn image(mut self, image: IriOr<Image>) -> Self {
        self.0.image = Some(image);
        self
    }
    /// Sets `criteria`.
    pub fn criteria(mut self, criteria: IriOr<Criteria>) -> Self {
        self.0.criteria = Some(criteria);
        self
    }
    /// Sets `issuer`.
    pub fn issuer(mut self, issuer: IriOr<Profile>) -> Self {
        self.0.issuer = Some(boxed(issuer));
        self
    }
    /// Sets `alignment`.
    pub fn alignment(mut self, a: OneOrMany<AlignmentObject>) -> Self {
        self.0.alignment = Some(a);
        self
    }
    /// Sets `tags`.
    pub fn tags(mut self, tags: OneOrMany<String>) -> Self {
        self.0.tags = Some(tags);
        self
    }
    /// Adds an extra property (an extension, say).
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.0.extra.insert(key.into(), value);
        self
    }
    /// Removes `@context` (for a badge class embedded in an assertion).
    pub fn embedded(mut self) -> Self {
        self.0.context = None;
        self
    }
    /// The badge class.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] naming the first required property missing.
    pub fn build(self) -> Result<BadgeClass, V2Error> {
        self.0.check_required()?;
        Ok(self.0)
    }
}
