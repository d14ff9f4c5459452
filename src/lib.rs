//! igp: read, normalize, check and template Individual Growth Plans (IGPs).
//!
//! A plan arrives as an xlsx, ods or CSV export of the IGP Google Sheet, often re-saved
//! and re-arranged. [`read::read_plan`] turns any of them into one [`model::Plan`];
//! [`write`] writes it normalized (xlsx, csv, json, markdown, html).
//!
//! ```no_run
//! use igp::read::{read_plan, ReadOptions};
//! let reading = read_plan(&["plans/alice.xlsx".into()], &ReadOptions::default())?;
//! println!("{} has {} goals", reading.plan.display_name(), reading.plan.goals.len());
//! # Ok::<(), igp::Error>(())
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod calendar;
pub mod dates;
pub mod diff;
pub mod error;
pub mod finding;
#[doc(hidden)]
pub mod fuzzing;
pub mod layout;
pub mod model;
pub mod read;
pub mod report;
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;
pub mod template;
pub mod vocabulary;
pub mod write;

pub use error::{Error, Result};
