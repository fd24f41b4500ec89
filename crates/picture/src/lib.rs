//! Picture stage: reads the events of many documents together and builds
//! the situation picture (clusters, contradictions, network, control,
//! sources). Being written; see `types`.

pub mod types;
pub use types::*;
