//! The crate-level error: small (one pointer), with a [`ErrorKind`] that
//! carries the layer's own typed error.
//!
//! Each layer has its own `#[non_exhaustive]` error enum that says what was
//! wrong and where; this type gathers them for callers that want one `?`.

use crate::canon::CanonError;
use crate::competency::{AwardRefusal, CompetencyError};
use crate::contexts::ContextError;
use crate::fetch::FetchError;
use crate::ids::IdError;
use crate::limits::{JsonInputError, LimitExceeded};
use crate::status::StatusError;
use crate::verify::report::VerifyError;

/// Any error this crate returns, boxed to keep `Result`s small.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(Box<ErrorKind>);

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps into the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }
}

/// The layer an [`Error`] came from, with its typed detail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A malformed identifier or date-time.
    #[error(transparent)]
    Id(#[from] IdError),
    /// Input over a budget.
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    /// Untrusted JSON refused.
    #[error(transparent)]
    Json(#[from] JsonInputError),
    /// A competency framework or assessment refused.
    #[error(transparent)]
    Competency(#[from] CompetencyError),
    /// An assessment that does not earn its award.
    #[error(transparent)]
    AwardRefused(#[from] AwardRefusal),
    /// An OB 3.0 document could not be read or written.
    #[error(transparent)]
    V3(#[from] crate::model::v3::V3Error),
    /// An OB 3.0 builder refused: a required field is missing or invalid.
    #[error(transparent)]
    V3Build(#[from] crate::model::v3::BuildError),
    /// An OB 2.0 model value refused or incomplete.
    #[error(transparent)]
    ModelV2(#[from] crate::model::v2::V2Error),
    /// A key or key encoding refused.
    #[error(transparent)]
    Key(#[from] crate::keys::KeyError),
    /// A DID that could not be mapped or resolved.
    #[error(transparent)]
    Did(#[from] crate::did::DidError),
    /// A proof that could not be created.
    #[error(transparent)]
    Proof(#[from] crate::proof::ProofError),
    /// A fetch failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// A credential status could not be determined.
    #[error(transparent)]
    Status(#[from] StatusError),
    /// Verification could not run.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// Canonicalization (JSON-LD expansion, RDF, RDFC-1.0) failed.
    #[error(transparent)]
    Canon(#[from] CanonError),
    /// A context document could not be registered.
    #[error(transparent)]
    Context(#[from] ContextError),
    /// A credential could not be issued (signed).
    #[error(transparent)]
    Issue(#[from] crate::issue::IssueError),
    /// A badge could not be baked into, or extracted from, an image.
    #[error(transparent)]
    Bake(#[from] crate::bake::BakeError),
    /// A compact JWS was refused or did not verify.
    #[error(transparent)]
    Jws(#[from] crate::jose::JwsError),
    /// A VC-JWT could not be read or written.
    #[error(transparent)]
    VcJwt(#[from] crate::jose::VcJwtError),
    /// A JOSE key (JWK, PEM) was refused.
    #[error(transparent)]
    Jwk(#[from] crate::jose::JwkError),
    /// A JWT claim disagrees with its credential.
    #[error(transparent)]
    JwtClaim(#[from] crate::jose::ClaimError),
    /// No key was found for a JWT.
    #[error(transparent)]
    JwtKey(#[from] crate::jose::KeyResolutionError),
    /// A badge page could not be made from a credential and its report.
    #[error(transparent)]
    Page(#[from] crate::display::page::PageError),
    /// An OB 2.0 assertion was not converted to OB 3.0.
    #[error(transparent)]
    Convert(#[from] crate::convert::ConvertError),
    /// A bulk run stopped.
    #[error(transparent)]
    Bulk(#[from] crate::bulk::BulkError),
}

impl<E> From<E> for Error
where
    ErrorKind: From<E>,
{
    fn from(e: E) -> Self {
        Error(Box::new(ErrorKind::from(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_one_pointer() {
        assert!(core::mem::size_of::<Error>() <= 16);
    }

    #[test]
    fn kind_is_reachable() {
        let e: Error = crate::ids::Iri::new("x").unwrap_err().into();
        assert!(matches!(e.kind(), ErrorKind::Id(_)));
        assert!(e.to_string().contains("invalid IRI"));
    }
}
