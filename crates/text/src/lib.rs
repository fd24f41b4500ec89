//! Text stage: sentence segmentation, tokens, normalisation for matching,
//! time expressions, and the byte-to-character offset map of the records.

pub mod dates;
pub mod normalize;
pub mod sentences;
pub mod tokens;

use sitrep_model::{Document, PublishedFrom};

/// Adds the text layer to a document: sentences, and the publication date
/// from a dateline when neither the manifest nor the metadata gave one.
pub fn annotate(doc: &mut Document) {
    doc.sentences = sentences::split(&doc.text);
    if doc.published.is_none() {
        if let Some((date, _, _)) = dates::find_dateline(&doc.text) {
            doc.published = Some(date);
            doc.published_from = Some(PublishedFrom::Text);
        }
    }
}

/// Converts byte offsets of one text to Unicode scalar offsets (the
/// records' offsets). Built once per document; lookups are O(log n).
pub struct CharMap {
    /// For every non-ASCII character: its byte offset and the number of
    /// extra bytes (beyond one per character) up to and including it.
    wide: Vec<(usize, usize)>,
}

impl CharMap {
    pub fn new(text: &str) -> Self {
        let mut extra = 0;
        let wide = text
            .char_indices()
            .filter(|(_, c)| !c.is_ascii())
            .map(|(i, c)| {
                extra += c.len_utf8() - 1;
                (i, extra)
            })
            .collect();
        CharMap { wide }
    }

    /// Character offset of byte offset `b` (which must be a char boundary).
    pub fn chars(&self, b: usize) -> usize {
        let n = self.wide.partition_point(|&(i, _)| i < b);
        b - if n == 0 { 0 } else { self.wide[n - 1].1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_map_counts_scalar_values() {
        let t = "Çavuşoğlu met Erdoğan";
        let m = CharMap::new(t);
        let b = t.find("Erdoğan").unwrap();
        assert_eq!(m.chars(b), t[..b].chars().count());
        assert_eq!(m.chars(t.len()), t.chars().count());
    }
}
