//! Metrics: the registry of definitions ([`registry`]) and their computation by brand × platform ×
//! period ([`aggregate`](mod@aggregate)).

pub mod aggregate;
pub mod registry;

pub use aggregate::{AggregateOptions, Aggregation, GroupMetrics, PostValues, aggregate, median, post_values};
pub use registry::{ACTIONS, METRICS, MetricDef, ReferenceKey, metric};
