//! Report stage: renders a situation picture (`sitrep-picture`) and the
//! documents it was built from.
//!
//! * [`render_html`]: one self-contained page (inline CSS, SVG and a tiny
//!   script; a Content-Security-Policy forbids every network load) with a
//!   summary, a map of events and control, a network of support and
//!   hostility, a timeline, the control table, the contradictions, the
//!   sources and every event with its evidence sentences and source links.
//!   Sections carry the ids `summary`, `map`, `network`, `timeline`,
//!   `control`, `contradictions`, `sources`, `events`.
//! * [`render_markdown`]: the same sections as Markdown.
//! * [`summary_text`]: a one-screen summary for the terminal.
//!
//! Article text is untrusted: every string that reaches HTML or Markdown is
//! escaped, and links are emitted only for absolute http(s) URLs.

mod ctx;
mod esc;
mod geo;
mod html;
mod map;
mod markdown;
mod network;
mod style;
mod svg;
mod text;
mod timeline;
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod fixture;
#[cfg(test)]
mod tests;

pub use html::render_html;
pub use markdown::render_markdown;
pub use text::summary_text;
