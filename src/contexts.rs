//! Pinned JSON-LD contexts and the offline context loader.
//!
//! Every context the crate knows is embedded at build time from the files in
//! `contexts/` (each taken from a registry package, see
//! `contexts/PROVENANCE.tsv`) and pinned by its SHA-256. Nothing is ever
//! fetched: [`ContextLoader`] serves the embedded documents and whatever the
//! caller [registers](ContextLoader::register); any other URL is
//! [`CanonError::UnknownContext`].
//!
//! Contexts that no registry package publishes are not embedded. Notably
//! CLR 2.0 ([`CLR_V2P0_CONTEXT`], [`CLR_V2P0_CONTEXT_2_0_1`]): a caller that
//! signs or verifies CLR 2.0 credentials registers those documents itself,
//! pinned as it sees fit.
//!
//! # The two revisions of OB 3.0.3
//!
//! 1EdTech changed the document behind
//! `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json` in place,
//! adding the terms `jti` (2025) and `endorsementJwt` (2026). The later
//! revision is a strict superset: a document that expanded under the 2024
//! revision uses neither term and expands to the same RDF under both, while a
//! document using the new terms only expands under the later one. So
//! [`ContextLoader::default`] serves the later revision
//! ([`Ob303Revision::Served2026`]); a caller who must reproduce the 2024
//! behaviour exactly (for instance to reject those terms) picks
//! [`Ob303Revision::Original2024`] with [`ContextLoader::with_ob_303_revision`].

use std::collections::BTreeMap;

use crate::canon::CanonError;

/// `https://www.w3.org/2018/credentials/v1` (VC Data Model 1.1).
pub const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// `https://www.w3.org/ns/credentials/v2` (VC Data Model 2.0).
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// `https://www.w3.org/ns/credentials/examples/v2` (W3C examples; test vectors only).
pub const CREDENTIALS_EXAMPLES_V2: &str = "https://www.w3.org/ns/credentials/examples/v2";
/// `https://purl.imsglobal.org/spec/ob/v3p0/context.json` (OB 3.0, unversioned = 3.0.0).
pub const OB_V3P0_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
/// `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json` (alias of the unversioned context).
pub const OB_V3P0_CONTEXT_3_0_0: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json";
/// `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json`.
pub const OB_V3P0_CONTEXT_3_0_1: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json";
/// `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json`.
pub const OB_V3P0_CONTEXT_3_0_2: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
/// `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json` (two revisions, see [`Ob303Revision`]).
pub const OB_V3P0_CONTEXT_3_0_3: &str =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// `https://purl.imsglobal.org/spec/ob/v3p0/extensions.json` (1EdTech extension types).
pub const OB_V3P0_EXTENSIONS: &str = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";
/// `https://purl.imsglobal.org/spec/clr/v2p0/context.json` (CLR 2.0, unversioned).
///
/// Not embedded (no registry package publishes it): a caller that handles
/// CLR 2.0 [registers](ContextLoader::register) the document under this URL.
pub const CLR_V2P0_CONTEXT: &str = "https://purl.imsglobal.org/spec/clr/v2p0/context.json";
/// `https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json`.
///
/// Not embedded, like [`CLR_V2P0_CONTEXT`]: register it to canonicalize CLR 2.0.
pub const CLR_V2P0_CONTEXT_2_0_1: &str =
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
/// `https://w3id.org/openbadges/v2` (Open Badges 2.0).
pub const OB_V2_CONTEXT: &str = "https://w3id.org/openbadges/v2";
/// `https://w3id.org/security/data-integrity/v1`.
pub const DATA_INTEGRITY_V1: &str = "https://w3id.org/security/data-integrity/v1";
/// `https://w3id.org/security/data-integrity/v2`.
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// `https://w3id.org/security/multikey/v1`.
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";
/// `https://w3id.org/security/suites/ed25519-2020/v1`.
pub const ED25519_SIGNATURE_2020_V1: &str = "https://w3id.org/security/suites/ed25519-2020/v1";
/// `https://www.w3.org/ns/credentials/status/v1` (BitstringStatusList).
pub const BITSTRING_STATUS_LIST_V1: &str = "https://www.w3.org/ns/credentials/status/v1";
/// `https://w3id.org/vc/status-list/2021/v1` (StatusList2021).
pub const STATUS_LIST_2021_V1: &str = "https://w3id.org/vc/status-list/2021/v1";

/// SHA-256 (hex) of the embedded [`CREDENTIALS_V1`] bytes.
pub const CREDENTIALS_V1_SHA256: &str =
    "ab4ddd9a531758807a79a5b450510d61ae8d147eab966cc9a200c07095b0cdcc";
/// SHA-256 of the embedded [`CREDENTIALS_V2`] bytes (a package copy; the
/// W3C-published file has other whitespace, SHA-256 59955ced…, and equal JSON).
pub const CREDENTIALS_V2_SHA256: &str =
    "8a9f494a89ecc51db093e90e84713e07e84d6d9204364a9b3c7868b21751236f";
/// SHA-256 of the embedded [`CREDENTIALS_EXAMPLES_V2`] bytes.
pub const CREDENTIALS_EXAMPLES_V2_SHA256: &str =
    "e6600df812cdc1872f20b42ab0c1cecac39755b7ed381e7f6a88dac7baab54d6";
/// SHA-256 of the embedded [`OB_V3P0_CONTEXT`] bytes (also served for [`OB_V3P0_CONTEXT_3_0_0`]).
pub const OB_V3P0_CONTEXT_SHA256: &str =
    "9f1c8f9f361ba2994b9b50701f41149919542c50c7b7455b2846d87959295d72";
/// SHA-256 of the embedded [`OB_V3P0_CONTEXT_3_0_1`] bytes.
pub const OB_V3P0_CONTEXT_3_0_1_SHA256: &str =
    "af095468326d3449160509b26ca71576e6321d13c85b0369cfe3b654c9a48fba";
/// SHA-256 of the embedded [`OB_V3P0_CONTEXT_3_0_2`] bytes.
pub const OB_V3P0_CONTEXT_3_0_2_SHA256: &str =
    "00666ad080ba407687ed1846b7f5e7495f5019042b202a727de47c48a1755c53";
/// SHA-256 of the embedded 2024 revision of [`OB_V3P0_CONTEXT_3_0_3`].
pub const OB_V3P0_CONTEXT_3_0_3_SHA256: &str =
    "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761";
/// SHA-256 of the embedded 2026 revision of [`OB_V3P0_CONTEXT_3_0_3`] (with `jti`, `endorsementJwt`).
pub const OB_V3P0_CONTEXT_3_0_3_2026_SHA256: &str =
    "602a94035961f6737a242826ff1eb8f5a961a13aeba6a48125db58ee325533ef";
/// SHA-256 of the embedded [`OB_V3P0_EXTENSIONS`] bytes.
pub const OB_V3P0_EXTENSIONS_SHA256: &str =
    "2d013f981d1f4516081a6a04e55468ba2b071d4153b794f19a79715c45a89a5e";
/// SHA-256 of the embedded [`OB_V2_CONTEXT`] bytes: PyPI `openbadges` 1.1.2's
/// copy with the October 2020 in-place erratum applied (see `contexts/PROVENANCE.tsv`).
pub const OB_V2_CONTEXT_SHA256: &str =
    "a5460e3796502599c5896e3f45111c9ca3701c7cfbf1d8812cb01ffe2ad162c7";
/// SHA-256 of the embedded [`DATA_INTEGRITY_V1`] bytes.
pub const DATA_INTEGRITY_V1_SHA256: &str =
    "b5d829bd09aa7c42abc6efa0c8ed7635313b5487f37ccfce3ecd149ca9418554";
/// SHA-256 of the embedded [`DATA_INTEGRITY_V2`] bytes.
pub const DATA_INTEGRITY_V2_SHA256: &str =
    "0f77743daf5b4e8fc067fc5ba5b21044283053aa717fc6b0219843bed3b00363";
/// SHA-256 of the embedded [`MULTIKEY_V1`] bytes.
pub const MULTIKEY_V1_SHA256: &str =
    "ba2c182de2d92f7e47184bcca8fcf0beaee6d3986c527bf664c195bbc7c58597";
/// SHA-256 of the embedded [`ED25519_SIGNATURE_2020_V1`] bytes.
pub const ED25519_SIGNATURE_2020_V1_SHA256: &str =
    "b9e1ab971fd8bf2c7553e0c4a9438e0b9450afde1ea1ca5b2492368b9f549588";
/// SHA-256 of the embedded [`BITSTRING_STATUS_LIST_V1`] bytes.
pub const BITSTRING_STATUS_LIST_V1_SHA256: &str =
    "fd08cbf28ddd829ab2f1978c48f43ab07a112c1c90245a0cfac7ba721c65170c";
/// SHA-256 of the embedded [`STATUS_LIST_2021_V1`] bytes.
pub const STATUS_LIST_2021_V1_SHA256: &str =
    "6dd06a52bedb771e059c1083ba8ba7848dce22f6b4a8cfa0b98ba3fc188870e4";

/// One context document embedded in the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedContext {
    /// The URL documents name it by.
    pub url: &'static str,
    /// Its file name under `contexts/` in the source tree.
    pub file: &'static str,
    /// The exact embedded bytes.
    pub bytes: &'static str,
    /// The pinned SHA-256 of `bytes`, lowercase hex.
    pub sha256: &'static str,
}

macro_rules! embedded {
    ($url:expr, $file:literal, $sha:expr) => {
        EmbeddedContext {
            url: $url,
            file: $file,
            bytes: include_str!(concat!("../contexts/", $file)),
            sha256: $sha,
        }
    };
}

/// The 2024 revision of OB 3.0.3 (see [`Ob303Revision::Original2024`]).
pub const OB_V3P0_CONTEXT_3_0_3_ORIGINAL_2024: EmbeddedContext = embedded!(
    OB_V3P0_CONTEXT_3_0_3,
    "ob-v3p0-context-3.0.3.json",
    OB_V3P0_CONTEXT_3_0_3_SHA256
);

/// The 2026 in-place revision of OB 3.0.3 (see [`Ob303Revision::Served2026`]).
pub const OB_V3P0_CONTEXT_3_0_3_SERVED_2026: EmbeddedContext = embedded!(
    OB_V3P0_CONTEXT_3_0_3,
    "ob-v3p0-context-3.0.3-2026.json",
    OB_V3P0_CONTEXT_3_0_3_2026_SHA256
);

/// Every embedded context except the two OB 3.0.3 revisions (which share a URL).
pub const EMBEDDED: &[EmbeddedContext] = &[
    embedded!(
        CREDENTIALS_V1,
        "credentials-v1.jsonld",
        CREDENTIALS_V1_SHA256
    ),
    embedded!(
        CREDENTIALS_V2,
        "credentials-v2.jsonld",
        CREDENTIALS_V2_SHA256
    ),
    embedded!(
        CREDENTIALS_EXAMPLES_V2,
        "credentials-examples-v2.jsonld",
        CREDENTIALS_EXAMPLES_V2_SHA256
    ),
    embedded!(
        OB_V3P0_CONTEXT,
        "ob-v3p0-context.json",
        OB_V3P0_CONTEXT_SHA256
    ),
    embedded!(
        OB_V3P0_CONTEXT_3_0_0,
        "ob-v3p0-context.json",
        OB_V3P0_CONTEXT_SHA256
    ),
    embedded!(
        OB_V3P0_CONTEXT_3_0_1,
        "ob-v3p0-context-3.0.1.json",
        OB_V3P0_CONTEXT_3_0_1_SHA256
    ),
    embedded!(
        OB_V3P0_CONTEXT_3_0_2,
        "ob-v3p0-context-3.0.2.json",
        OB_V3P0_CONTEXT_3_0_2_SHA256
    ),
    embedded!(
        OB_V3P0_EXTENSIONS,
        "ob-v3p0-extensions.json",
        OB_V3P0_EXTENSIONS_SHA256
    ),
    embedded!(OB_V2_CONTEXT, "openbadges-v2.jsonld", OB_V2_CONTEXT_SHA256),
    embedded!(
        DATA_INTEGRITY_V1,
        "data-integrity-v1.jsonld",
        DATA_INTEGRITY_V1_SHA256
    ),
    embedded!(
        DATA_INTEGRITY_V2,
        "data-integrity-v2.jsonld",
        DATA_INTEGRITY_V2_SHA256
    ),
    embedded!(MULTIKEY_V1, "multikey-v1.jsonld", MULTIKEY_V1_SHA256),
    embedded!(
        ED25519_SIGNATURE_2020_V1,
        "ed25519-signature-2020-v1.jsonld",
        ED25519_SIGNATURE_2020_V1_SHA256
    ),
    embedded!(
        BITSTRING_STATUS_LIST_V1,
        "bitstring-status-list-v1.jsonld",
        BITSTRING_STATUS_LIST_V1_SHA256
    ),
    embedded!(
        STATUS_LIST_2021_V1,
        "status-list-2021-v1.jsonld",
        STATUS_LIST_2021_V1_SHA256
    ),
];

/// Which document [`ContextLoader`] serves for [`OB_V3P0_CONTEXT_3_0_3`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Ob303Revision {
    /// The context as published with OB 3.0 in 2024 (no `jti`, no `endorsementJwt`).
    Original2024,
    /// The context as served since 2026: the 2024 terms plus `jti` and
    /// `endorsementJwt`. The default: a superset that expands every 2024
    /// document identically.
    #[default]
    Served2026,
}

impl Ob303Revision {
    /// The embedded document for this revision.
    pub fn embedded(self) -> &'static EmbeddedContext {
        match self {
            Ob303Revision::Original2024 => &OB_V3P0_CONTEXT_3_0_3_ORIGINAL_2024,
            Ob303Revision::Served2026 => &OB_V3P0_CONTEXT_3_0_3_SERVED_2026,
        }
    }
}

/// Why a context could not be registered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContextError {
    /// The document is not a JSON object with an `@context` entry.
    #[error("context document for {url} is not a JSON object with an \"@context\" entry")]
    NotAContext {
        /// The URL it was registered for.
        url: String,
    },
    /// The bytes are not JSON.
    #[error("context document for {url} is not JSON: {message}")]
    Syntax {
        /// The URL it was registered for.
        url: String,
        /// The parser's message.
        message: String,
    },
}

/// An offline JSON-LD context loader: the embedded contexts plus whatever the
/// caller registers. Nothing is ever fetched.
#[derive(Debug, Clone)]
pub struct ContextLoader {
    contexts: BTreeMap<String, serde_json::Value>,
}

impl Default for ContextLoader {
    /// Every embedded context, with OB 3.0.3 as [`Ob303Revision::Served2026`].
    fn default() -> Self {
        let mut contexts = BTreeMap::new();
        for ctx in EMBEDDED
            .iter()
            .chain(core::iter::once(Ob303Revision::default().embedded()))
        {
            // The embedded files are checked by tests to be JSON objects;
            // one that failed to parse would simply be absent.
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(ctx.bytes) {
                contexts.insert(ctx.url.to_owned(), value);
            }
        }
        ContextLoader { contexts }
    }
}

impl ContextLoader {
    /// A loader with no context at all (register what you need).
    pub fn empty() -> Self {
        ContextLoader {
            contexts: BTreeMap::new(),
        }
    }

    /// Serves `revision` for [`OB_V3P0_CONTEXT_3_0_3`].
    #[must_use]
    pub fn with_ob_303_revision(mut self, revision: Ob303Revision) -> Self {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(revision.embedded().bytes) {
            self.contexts
                .insert(OB_V3P0_CONTEXT_3_0_3.to_owned(), value);
        }
        self
    }

    /// Adds (or replaces) the context served for `url`.
    ///
    /// # Errors
    /// [`ContextError::NotAContext`] when `document` is not an object with an
    /// `@context` entry.
    pub fn register(
        &mut self,
        url: impl Into<String>,
        document: serde_json::Value,
    ) -> Result<(), ContextError> {
        let url = url.into();
        match document.as_object() {
            Some(obj) if obj.contains_key("@context") => {
                self.contexts.insert(url, document);
                Ok(())
            }
            _ => Err(ContextError::NotAContext { url }),
        }
    }

    /// Parses `bytes` as JSON and [registers](Self::register) it for `url`.
    ///
    /// # Errors
    /// [`ContextError::Syntax`] when the bytes are not JSON,
    /// [`ContextError::NotAContext`] as for [`Self::register`].
    pub fn register_bytes(
        &mut self,
        url: impl Into<String>,
        bytes: &[u8],
    ) -> Result<(), ContextError> {
        let url = url.into();
        let document = serde_json::from_slice(bytes).map_err(|e| ContextError::Syntax {
            url: url.clone(),
            message: e.to_string(),
        })?;
        self.register(url, document)
    }

    /// The context document served for `url`.
    ///
    /// # Errors
    /// [`CanonError::UnknownContext`] naming `url` when the loader does not have it.
    pub fn get(&self, url: &str) -> Result<&serde_json::Value, CanonError> {
        self.contexts
            .get(url)
            .ok_or_else(|| CanonError::UnknownContext {
                url: url.to_owned(),
            })
    }

    /// Whether the loader has a document for `url`.
    pub fn contains(&self, url: &str) -> bool {
        self.contexts.contains_key(url)
    }

    /// Whether both loaders serve the same documents for the same URLs.
    pub fn same_contexts(&self, other: &ContextLoader) -> bool {
        self.contexts.len() == other.contexts.len()
            && self.contexts.keys().eq(other.contexts.keys())
            && self.contexts == other.contexts
    }

    /// The URLs the loader serves, sorted.
    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.contexts.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_has_every_embedded_url() {
        let loader = ContextLoader::default();
        for ctx in EMBEDDED {
            assert!(loader.contains(ctx.url), "{}", ctx.url);
        }
        assert!(loader.contains(OB_V3P0_CONTEXT_3_0_3));
    }

    #[test]
    fn unknown_context_names_the_url() {
        let loader = ContextLoader::default();
        let err = loader.get("https://example.com/nope").unwrap_err();
        assert!(err.to_string().contains("https://example.com/nope"));
    }

    #[test]
    fn revision_switch() {
        let d = ContextLoader::default();
        let terms = d.get(OB_V3P0_CONTEXT_3_0_3).unwrap()["@context"]
            .as_object()
            .unwrap();
        assert!(terms.contains_key("jti") && terms.contains_key("endorsementJwt"));
        let old = ContextLoader::default().with_ob_303_revision(Ob303Revision::Original2024);
        let terms = old.get(OB_V3P0_CONTEXT_3_0_3).unwrap()["@context"]
            .as_object()
            .unwrap();
        assert!(!terms.contains_key("jti") && !terms.contains_key("endorsementJwt"));
    }

    #[test]
    fn register_rejects_non_contexts() {
        let mut l = ContextLoader::empty();
        assert!(l
            .register("https://x.example/c", serde_json::json!([]))
            .is_err());
        assert!(l.register_bytes("https://x.example/c", b"{").is_err());
        l.register("https://x.example/c", serde_json::json!({"@context": {}}))
            .unwrap();
        assert!(l.get("https://x.example/c").is_ok());
    }
}
