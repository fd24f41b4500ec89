//! Text stage: sentence segmentation, tokens, normalisation, time expressions.

pub mod dates;
