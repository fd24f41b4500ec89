//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read item by item.
//!
//! The feed is read as a stream of XML events (quick-xml) and each item is
//! yielded as soon as its closing tag is seen, so items before a break in the
//! file still come out. Entity references other than XML's five and numeric
//! ones are never expanded by the XML layer: a feed whose DOCTYPE declares
//! entities is rejected outright (billion laughs), and an undeclared
//! reference such as `&nbsp;` is passed on to the HTML stripper, which knows
//! HTML's named entities.
//!
//! Item text is the title, a blank line, then the body: `content:encoded` or
//! Atom `content` when present, else `description`/`summary`, with HTML
//! stripped as in [`crate::html::html_to_text`].

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use sitrep_model::PartialDate;
use std::io::BufRead;

use crate::dates::parse_loose_date;
use crate::html::{collapse_ws, html_to_text};

/// One feed item, with HTML already stripped.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// 1-based position of the item in the feed.
    pub n: usize,
    /// The item's title, HTML stripped.
    pub title: Option<String>,
    /// Title, blank line, body.
    pub text: String,
    /// The item's link (RSS `<link>`, Atom `<link rel="alternate" href>`).
    pub url: Option<String>,
    /// `pubDate`, `dc:date`, `published`, else `updated`.
    pub published: Option<PartialDate>,
    /// The channel's (feed's) title.
    pub outlet: Option<String>,
}

/// A problem with one item, or with the feed as a whole (`fatal`: nothing
/// more will be read from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedError {
    /// The 1-based item the problem is in, if any.
    pub item: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// Whether reading stopped here.
    pub fatal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
    Rdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ChannelTitle,
    Title,
    Link,
    Description,
    Content,
    PubDate,
    Published,
    Updated,
}

/// How captured character data is turned into the HTML the stripper reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// The text is HTML source (RSS description, Atom `type="html"`).
    Html,
    /// The text is plain: escape it.
    Plain,
    /// Atom `type="xhtml"`: child elements are markup, text is plain.
    Xhtml,
}

struct Capture {
    field: Field,
    level: usize,
    body: Body,
    buf: String,
}

#[derive(Default)]
struct Item {
    level: usize,
    title: Option<String>,
    link: Option<String>,
    description: Option<String>,
    content: Option<String>,
    pubdate: Option<String>,
    published: Option<String>,
    updated: Option<String>,
}

/// Cap on any one captured field (a feed file is bounded by the caller).
const MAX_FIELD: usize = 16 << 20;

/// An iterator over the items of a feed read from `R`.
pub struct FeedReader<R> {
    reader: Reader<R>,
    buf: Vec<u8>,
    depth: usize,
    kind: Option<Kind>,
    channel_title: Option<String>,
    item: Option<Item>,
    cap: Option<Capture>,
    n: usize,
    done: bool,
}

/// Reads a feed item by item. Errors for one item do not stop the rest; a
/// fatal error (malformed XML, truncation, declared entities, not a feed) is
/// yielded last.
pub fn read_feed<R: BufRead>(source: R) -> FeedReader<R> {
    let mut reader = Reader::from_reader(source);
    let cfg = reader.config_mut();
    cfg.allow_dangling_amp = true;
    cfg.check_end_names = true;
    cfg.trim_text(false);
    FeedReader {
        reader,
        buf: Vec::new(),
        depth: 0,
        kind: None,
        channel_title: None,
        item: None,
        cap: None,
        n: 0,
        done: false,
    }
}

fn lower_name(name: &str) -> String {
    name.to_ascii_lowercase()
}

fn attr_value(e: &BytesStart<'_>, key: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.as_ref().eq_ignore_ascii_case(key) {
            let v = a
                .normalized_value(quick_xml::XmlVersion::default())
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            return Some(v);
        }
    }
    None
}

fn escape_into(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

impl<R: BufRead> FeedReader<R> {
    fn fatal(&mut self, message: String) -> Option<Result<FeedItem, FeedError>> {
        self.done = true;
        let item = self.item.as_ref().map(|_| self.n);
        Some(Err(FeedError {
            item,
            message,
            fatal: true,
        }))
    }

    fn append(&mut self, text: &str, raw_html: bool) {
        if let Some(cap) = self.cap.as_mut() {
            if cap.buf.len() > MAX_FIELD {
                return;
            }
            if cap.body == Body::Html && raw_html {
                cap.buf.push_str(text);
            } else {
                escape_into(&mut cap.buf, text);
            }
        }
    }

    fn start_field(&mut self, e: &BytesStart<'_>, name: &str, level: usize) {
        let kind = self.kind.unwrap_or(Kind::Rss);
        let type_attr = attr_value(e, "type").map(|t| t.trim().to_ascii_lowercase());
        let atom_body = |t: Option<&str>| match t {
            Some("xhtml") => Body::Xhtml,
            Some("html") | Some("text/html") => Body::Html,
            Some(t) if t.starts_with("text/") && t != "text/plain" => Body::Html,
            _ => Body::Plain,
        };
        let in_item = self.item.as_ref().is_some_and(|i| level == i.level + 1);
        let (field, body) = if in_item {
            match (name, kind) {
                ("title", Kind::Atom) => (Field::Title, atom_body(type_attr.as_deref())),
                ("title", _) => (Field::Title, Body::Html),
                ("link", Kind::Atom) => {
                    let rel = attr_value(e, "rel").map(|r| r.to_ascii_lowercase());
                    if matches!(rel.as_deref(), None | Some("alternate")) {
                        if let (Some(item), Some(href)) =
                            (self.item.as_mut(), attr_value(e, "href"))
                        {
                            if item.link.is_none() && !href.trim().is_empty() {
                                item.link = Some(href.trim().to_string());
                            }
                        }
                    }
                    return;
                }
                ("link", _) => (Field::Link, Body::Plain),
                ("description", _) => (Field::Description, Body::Html),
                ("summary", _) => (Field::Description, atom_body(type_attr.as_deref())),
                ("content:encoded", _) => (Field::Content, Body::Html),
                ("content", Kind::Atom) => {
                    if attr_value(e, "src").is_some() {
                        return;
                    }
                    (Field::Content, atom_body(type_attr.as_deref()))
                }
                ("pubdate", _) => (Field::PubDate, Body::Plain),
                ("dc:date" | "published" | "issued" | "dcterms:issued", _) => {
                    (Field::Published, Body::Plain)
                }
                ("updated" | "modified" | "dcterms:modified", _) => (Field::Updated, Body::Plain),
                _ => return,
            }
        } else if self.item.is_none() && name == "title" && self.channel_title.is_none() {
            let channel_level = match kind {
                Kind::Atom => 2,
                Kind::Rss | Kind::Rdf => 3,
            };
            if level != channel_level {
                return;
            }
            let body = if kind == Kind::Atom {
                atom_body(type_attr.as_deref())
            } else {
                Body::Html
            };
            (Field::ChannelTitle, body)
        } else {
            return;
        };
        self.cap = Some(Capture {
            field,
            level,
            body,
            buf: String::new(),
        });
    }

    fn end_field(&mut self) {
        let Some(cap) = self.cap.take() else { return };
        let value = match cap.field {
            Field::PubDate | Field::Published | Field::Updated | Field::Link => {
                let v = collapse_ws(&html_to_text(&cap.buf));
                if v.is_empty() {
                    return;
                }
                v
            }
            Field::Title | Field::ChannelTitle => {
                let v = collapse_ws(&html_to_text(&cap.buf));
                if v.is_empty() {
                    return;
                }
                v
            }
            Field::Description | Field::Content => {
                let v = html_to_text(&cap.buf);
                if v.trim().is_empty() {
                    return;
                }
                v
            }
        };
        if cap.field == Field::ChannelTitle {
            self.channel_title = Some(value);
            return;
        }
        let Some(item) = self.item.as_mut() else {
            return;
        };
        let slot = match cap.field {
            Field::Title => &mut item.title,
            Field::Link => &mut item.link,
            Field::Description => &mut item.description,
            Field::Content => &mut item.content,
            Field::PubDate => &mut item.pubdate,
            Field::Published => &mut item.published,
            Field::Updated => &mut item.updated,
            Field::ChannelTitle => unreachable!(),
        };
        if slot.is_none() {
            *slot = Some(value);
        }
    }

    fn finish_item(&mut self) -> Result<FeedItem, FeedError> {
        let item = self.item.take().unwrap_or_default();
        let body = item.content.or(item.description);
        let mut text = String::new();
        if let Some(t) = &item.title {
            text.push_str(t);
        }
        if let Some(b) = &body {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(b);
        }
        if text.trim().is_empty() {
            return Err(FeedError {
                item: Some(self.n),
                message: "item has no title or text".into(),
                fatal: false,
            });
        }
        let published = [&item.pubdate, &item.published, &item.updated]
            .into_iter()
            .flatten()
            .find_map(|d| parse_loose_date(d));
        Ok(FeedItem {
            n: self.n,
            title: item.title,
            text,
            url: item.link,
            published,
            outlet: self.channel_title.clone(),
        })
    }
}

impl<R: BufRead> Iterator for FeedReader<R> {
    type Item = Result<FeedItem, FeedError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut buf = std::mem::take(&mut self.buf);
            buf.clear();
            let ev = self.reader.read_event_into(&mut buf);
            let out = match ev {
                Err(e) => {
                    let pos = self.reader.error_position();
                    self.fatal(format!("malformed XML at byte {pos}: {e}"))
                }
                Ok(Event::DocType(d)) => {
                    let d: &str = &d;
                    if d.contains("<!ENTITY") || d.to_ascii_uppercase().contains("<!ENTITY") {
                        self.fatal("the feed declares DTD entities, which are never expanded (entity-expansion attack?)".into())
                    } else {
                        None
                    }
                }
                Ok(Event::Start(e)) => {
                    self.depth += 1;
                    let level = self.depth;
                    let name = lower_name(e.name().as_ref());
                    self.on_start(&e, &name, level, false)
                }
                Ok(Event::Empty(e)) => {
                    let level = self.depth + 1;
                    let name = lower_name(e.name().as_ref());
                    let r = self.on_start(&e, &name, level, true);
                    if r.is_some() {
                        r
                    } else {
                        self.on_end(&name, level)
                    }
                }
                Ok(Event::End(e)) => {
                    let level = self.depth;
                    self.depth = self.depth.saturating_sub(1);
                    let name = lower_name(e.name().as_ref());
                    self.on_end(&name, level)
                }
                Ok(Event::Text(t)) => {
                    let s = t.xml10_content();
                    self.append(&s, true);
                    None
                }
                Ok(Event::CData(c)) => {
                    let s = c.xml10_content();
                    self.append(&s, true);
                    None
                }
                Ok(Event::GeneralRef(r)) => {
                    if r.is_char_ref() {
                        if let Ok(Some(c)) = r.resolve_char_ref() {
                            let mut tmp = [0u8; 4];
                            self.append(c.encode_utf8(&mut tmp), true);
                        }
                    } else if let Some(c) = predefined(&r) {
                        let mut tmp = [0u8; 4];
                        self.append(c.encode_utf8(&mut tmp), true);
                    } else if self.cap.as_ref().is_some_and(|c| c.buf.len() <= MAX_FIELD) {
                        // Not expanded: the HTML stripper decodes HTML's named
                        // entities and leaves anything else as written.
                        let name: &str = &r;
                        if name.len() <= 32 && name.chars().all(|c| c.is_ascii_alphanumeric()) {
                            if let Some(cap) = self.cap.as_mut() {
                                cap.buf.push('&');
                                cap.buf.push_str(name);
                                cap.buf.push(';');
                            }
                        }
                    }
                    None
                }
                Ok(Event::Eof) => {
                    self.done = true;
                    if self.kind.is_none() {
                        self.fatal("not an RSS or Atom feed (no root element)".into())
                    } else if self.item.is_some() {
                        self.fatal("the feed ends before the item closes (truncated?)".into())
                    } else if self.depth > 0 {
                        self.fatal("feed ends before its closing tag (truncated?)".into())
                    } else {
                        None
                    }
                }
                Ok(_) => None,
            };
            self.buf = buf;
            if out.is_some() {
                return out;
            }
        }
        None
    }
}

impl<R: BufRead> FeedReader<R> {
    fn on_start(
        &mut self,
        e: &BytesStart<'_>,
        name: &str,
        level: usize,
        empty: bool,
    ) -> Option<Result<FeedItem, FeedError>> {
        if level == 1 {
            let kind = match name {
                "rss" => Kind::Rss,
                "feed" => Kind::Atom,
                _ if name == "rdf:rdf" || name.ends_with(":rdf") || name == "rdf" => Kind::Rdf,
                _ => {
                    let shown: String = name.chars().take(40).collect();
                    return self.fatal(format!("not an RSS or Atom feed (root element <{shown}>)"));
                }
            };
            self.kind = Some(kind);
            if empty {
                self.done = true;
            }
            return None;
        }
        if let Some(cap) = self.cap.as_mut() {
            // Markup inside a captured field: only XHTML content keeps it.
            if cap.body == Body::Xhtml && cap.buf.len() <= MAX_FIELD {
                let local = name.rsplit(':').next().unwrap_or(name);
                cap.buf.push('<');
                cap.buf.push_str(local);
                cap.buf.push_str(if empty { "/>" } else { ">" });
            }
            return None;
        }
        if self.item.is_none() && (name == "item" || name == "entry") {
            self.n += 1;
            self.item = Some(Item {
                level,
                ..Item::default()
            });
            if empty {
                // handled by on_end right after
            }
            return None;
        }
        self.start_field(e, name, level);
        None
    }

    fn on_end(&mut self, name: &str, level: usize) -> Option<Result<FeedItem, FeedError>> {
        if let Some(cap) = self.cap.as_mut() {
            if level > cap.level {
                if cap.body == Body::Xhtml && cap.buf.len() <= MAX_FIELD {
                    let local = name.rsplit(':').next().unwrap_or(name);
                    cap.buf.push_str("</");
                    cap.buf.push_str(local);
                    cap.buf.push('>');
                }
                return None;
            }
            self.end_field();
        }
        if self.item.as_ref().is_some_and(|i| i.level == level) {
            return Some(self.finish_item());
        }
        if level == 1 {
            self.done = true;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &str) -> Vec<Result<FeedItem, FeedError>> {
        read_feed(xml.as_bytes()).collect()
    }

    #[test]
    fn rss2_items() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Test &amp; Wire</title><link>https://example.org/</link>
<image><title>Logo</title></image>
<item><title>First headline</title><link>https://example.org/1</link>
<description>&lt;p&gt;Short &lt;b&gt;summary&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
<pubDate>Tue, 02 Mar 2021 10:00:00 GMT</pubDate></item>
<item><title><![CDATA[Second <i>one</i>]]></title>
<content:encoded><![CDATA[<p>Full body.</p><p>Two&nbsp;paras.</p>]]></content:encoded>
<description>ignored because content is there</description><dc:date>2021-03-03</dc:date></item>
<item><link>https://example.org/empty</link></item>
</channel></rss>"#;
        let got = items(xml);
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.text, "First headline\n\nShort summary.");
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.outlet.as_deref(), Some("Test & Wire"));
        assert_eq!(a.published, Some(PartialDate::day(2021, 3, 2)));
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.title.as_deref(), Some("Second one"));
        assert_eq!(b.text, "Second one\n\nFull body.\n\nTwo paras.");
        assert_eq!(b.published, Some(PartialDate::day(2021, 3, 3)));
        let c = got[2].as_ref().unwrap_err();
        assert_eq!(c.item, Some(3));
        assert!(!c.fatal);
    }

    #[test]
    fn atom_entries() {
        let xml = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">Atom Test</title><link href="https://example.org/"/>
<entry><title>Entry one</title><link rel="self" href="https://example.org/self"/>
<link rel="alternate" href="https://example.org/e1"/>
<updated>2020-01-02T00:00:00Z</updated><published>2020-01-01T10:00:00Z</published>
<summary>a &lt; b, plain</summary></entry>
<entry><title type="html">Entry &lt;em&gt;two&lt;/em&gt;</title>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para &amp; one.</p><p>Para two.</p></div></content>
<updated>2020-02-03</updated></entry></feed>"#;
        let got = items(xml);
        assert_eq!(got.len(), 2);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.text, "Entry one\n\na < b, plain");
        assert_eq!(a.url.as_deref(), Some("https://example.org/e1"));
        assert_eq!(a.published, Some(PartialDate::day(2020, 1, 1)));
        assert_eq!(a.outlet.as_deref(), Some("Atom Test"));
        let b = got[1].as_ref().unwrap();
        assert_eq!(b.text, "Entry two\n\nPara & one.\n\nPara two.");
        assert_eq!(b.published, Some(PartialDate::day(2020, 2, 3)));
    }

    #[test]
    fn rdf_items() {
        let xml = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel><title>RDF Wire</title></channel>
<item><title>R one</title><description>Body.</description></item></rdf:RDF>"#;
        let got = items(xml);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap().outlet.as_deref(), Some("RDF Wire"));
    }

    #[test]
    fn truncated_feed_keeps_earlier_items() {
        let xml = "<rss><channel><title>T</title><item><title>Done</title></item><item><title>Half";
        let got = items(xml);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().text, "Done");
        let e = got[1].as_ref().unwrap_err();
        assert!(e.fatal && e.message.contains("truncated"), "{e:?}");
        assert_eq!(e.item, Some(2));
    }

    #[test]
    fn entity_declarations_rejected() {
        let xml = r#"<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>"#;
        let got = items(xml);
        assert_eq!(got.len(), 1);
        let e = got[0].as_ref().unwrap_err();
        assert!(e.fatal && e.message.contains("entities"), "{e:?}");
    }

    #[test]
    fn undeclared_entities_are_not_expanded() {
        let xml =
            "<rss><channel><item><title>A&nbsp;B &bogus; &#65;</title></item></channel></rss>";
        let got = items(xml);
        assert_eq!(got[0].as_ref().unwrap().text, "A B &bogus; A");
    }

    #[test]
    fn not_a_feed_and_malformed() {
        let e = items("<html><body>x</body></html>");
        assert!(e[0]
            .as_ref()
            .unwrap_err()
            .message
            .contains("not an RSS or Atom feed"));
        let e = items("<rss><channel><item><title>x</titl></item></channel></rss>");
        assert!(e.last().unwrap().as_ref().unwrap_err().fatal);
        let e = items("");
        assert!(e[0].as_ref().unwrap_err().fatal);
    }
}
