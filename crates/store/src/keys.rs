//! What makes two documents the same article: the same URL, or the same
//! text once case, accents' composition and whitespace are normalised.

use sha2::{Digest, Sha256};
use sitrep_model::Document;
use std::collections::HashSet;

/// A document's identity keys, computed from its full text (before the
/// text is stripped for storage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocKey {
    pub url: Option<String>,
    /// SHA-256 (hex) of the normalised text.
    pub text_hash: String,
}

impl DocKey {
    pub fn of(doc: &Document) -> DocKey {
        DocKey { url: doc.url.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_string), text_hash: text_hash(&doc.text) }
    }
}

/// Lower case, whitespace runs as one space, no leading/trailing space.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

pub(crate) fn text_hash(text: &str) -> String {
    let digest = Sha256::digest(normalise(text).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The keys of every stored document (and of those seen in this run), to
/// skip known articles before extracting them.
#[derive(Debug, Default, Clone)]
pub struct KnownKeys {
    pub(crate) urls: HashSet<String>,
    pub(crate) hashes: HashSet<String>,
}

impl KnownKeys {
    pub fn contains(&self, key: &DocKey) -> bool {
        self.hashes.contains(&key.text_hash) || key.url.as_ref().is_some_and(|u| self.urls.contains(u))
    }
    /// Adds the key; false when it was already known.
    pub fn insert(&mut self, key: &DocKey) -> bool {
        let known = self.contains(key);
        self.hashes.insert(key.text_hash.clone());
        if let Some(u) = &key.url {
            self.urls.insert(u.clone());
        }
        !known
    }
    pub fn len(&self) -> usize {
        self.hashes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_spacing_do_not_make_a_new_text() {
        assert_eq!(text_hash("Troops  entered\nthe town. "), text_hash("troops entered the town."));
        assert_ne!(text_hash("Troops entered the town."), text_hash("Troops left the town."));
    }

    #[test]
    fn a_known_url_or_text_is_known() {
        let mut k = KnownKeys::default();
        let a = DocKey { url: Some("http://x/1".into()), text_hash: "h1".into() };
        assert!(k.insert(&a));
        assert!(!k.insert(&a));
        assert!(k.contains(&DocKey { url: Some("http://x/1".into()), text_hash: "h2".into() }));
        assert!(k.contains(&DocKey { url: None, text_hash: "h1".into() }));
        assert!(!k.contains(&DocKey { url: Some("http://x/2".into()), text_hash: "h3".into() }));
    }
}
