//! What people see: the badge image, the badge page and the LinkedIn
//! add-to-profile link.
//!
//! Nothing here makes a trust decision; these helpers turn already-checked
//! data into text a person reads, escaping every value on the way.

pub mod image;
pub mod linkedin;
pub mod page;
