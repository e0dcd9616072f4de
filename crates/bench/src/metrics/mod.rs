//! Metrics: the registry of definitions ([`registry`]), the fold rows are streamed into ([`fold`]) and
//! the groups by brand × platform × period rolled up from it ([`aggregate`](mod@aggregate)).

pub mod aggregate;
pub mod fold;
pub mod registry;

pub use aggregate::{
    AggregateOptions, Aggregation, FollowerSeries, GroupMetrics, aggregate, figures_of, fold_of, median, newest_first,
    post_values,
};
pub use fold::{Fold, Grain, PostValues, Window};
pub use registry::{ACTIONS, METRICS, MetricDef, ReferenceKey, metric};
