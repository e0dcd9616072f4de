//! chuxin-bench's integration tests: real public exports, messy files, the sample agency, the metrics
//! document and the fast path. Expected values are worked out independently in each test (by reading the
//! CSV with the `csv` crate directly, or from the realdata README's stated facts).

mod conversation;
mod docs;
mod engine;

mod messy;
mod realdata;
mod sample_agency;
mod support;
