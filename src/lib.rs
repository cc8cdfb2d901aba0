#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

pub mod bake;
pub mod bulk;
pub mod canon;
pub mod city;
pub mod competency;
pub mod contexts;
pub mod convert;
pub mod dangerous;
pub mod did;
pub mod display;
pub mod error;
pub mod fetch;
pub mod ids;
pub mod issue;
pub mod issue_v2;
pub mod jose;
pub mod json;
pub mod keys;
pub mod limits;
mod memo;
pub mod model;
pub mod proof;
pub mod status;
pub mod verify;

pub use error::{Error, ErrorKind};
pub use verify::{verify, Verdict, VerificationReport, VerifyOptions};
