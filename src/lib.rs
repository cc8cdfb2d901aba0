#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

pub mod canon;
pub mod contexts;
pub mod error;
pub mod fetch;
pub mod ids;
pub mod limits;
pub mod model;

pub use error::{Error, ErrorKind};
