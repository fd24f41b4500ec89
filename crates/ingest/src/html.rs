//! Article extraction from HTML with a streaming tokenizer.
//!
//! The page is tokenized once by html5ever's tokenizer (no tree builder and no
//! recursion over a DOM), so 200,000 nested elements cost a 200,000-entry
//! `Vec`, not 200,000 stack frames. While tokens stream by, text is collected
//! into *blocks* (one per paragraph-level element), each remembering the
//! innermost block element it sits in; element serial numbers are assigned in
//! document order and the last serial inside each element is recorded, so
//! "is this block inside that element" is two integer comparisons.
//!
//! Dropped outright (their text never reaches a block): `script`, `style`,
//! `noscript`, `template`, `svg`, `math`, `iframe`, `object`, `canvas`,
//! `select`, `button`, `textarea`, `nav`, `header`, `footer`, `aside`,
//! `figure`, `dialog`, comments, elements that are `hidden`,
//! `aria-hidden="true"` or `display:none`, navigation-like ARIA roles, and
//! elements whose class/id reads like boilerplate (`comment`, `share`,
//! `related`, `newsletter`, `sidebar`, ...) unless it also reads like content
//! (`article`, `content`, `body`, `main`, `story`, `entry`). Forms are dropped
//! unless the chosen article lies inside one (as on pages wrapped in a single
//! `<form>`). Attribute values (such as `onerror=...`) are never text.
//!
//! The body is, in this order of preference: the element marked
//! `itemprop="articleBody"`; the `<article>` with the most text; `<main>` (or
//! `role="main"`); the element with the densest paragraph text (each `<p>` of
//! 25+ characters scores its length for its parent and half of it for its
//! grandparent); the whole page. An `<article>`/`<main>` is used only if it
//! contains the densest paragraph block or holds at least as much text, so
//! pages that use `<article>` for teaser cards still find their story.
//!
//! Block elements become paragraph breaks (`\n\n`), `<br>` a line break,
//! other whitespace collapses to one space (except inside `<pre>`), entities
//! are decoded and non-breaking spaces become spaces.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, TokenizerResult};
use sitrep_model::PartialDate;
use std::cell::RefCell;
use std::collections::HashMap;

use crate::dates::parse_loose_date;

/// What [`extract_article`] found in a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// `og:title`, `twitter:title`, `<title>` (the site name suffix removed),
    /// JSON-LD `headline`, or the first `<h1>`, in that order.
    pub title: Option<String>,
    /// The article body as plain text (empty when none was found).
    pub text: String,
    /// Publication date from the page's metadata (see the crate docs).
    pub published: Option<PartialDate>,
    /// `og:site_name`, else JSON-LD `publisher.name`.
    pub outlet: Option<String>,
    /// `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    /// Primary language subtag declared by `<html lang>`, `content-language`
    /// or `og:locale` (lower-case, `"en"`), if any.
    pub lang: Option<String>,
}

/// Extracts the article (title, body text, metadata) from an HTML page.
///
/// Never panics and runs in time linear in the input.
pub fn extract_article(html: &str) -> HtmlArticle {
    run(html, Mode::Article).finish()
}

/// Converts an HTML fragment (a feed item's description) to plain text: all
/// visible text, with the same dropping, block and whitespace rules as
/// [`extract_article`], but no article selection.
pub fn html_to_text(fragment: &str) -> String {
    run(fragment, Mode::Fragment).finish().text
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Mode {
    #[default]
    Article,
    Fragment,
}

fn run(html: &str, mode: Mode) -> State {
    let sink = Sink {
        st: RefCell::new(State {
            mode,
            ..State::default()
        }),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // `Done` once the input is consumed; other results (scripts, encoding
    // hints) only pause the tokenizer.
    while !matches!(tok.feed(&input), TokenizerResult::Done) {}
    tok.end();
    let st = std::mem::take(&mut *tok.sink.st.borrow_mut());
    st
}

struct Sink {
    st: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.st.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => st.start(&tag),
                TagKind::EndTag => {
                    st.end(&tag.name);
                    TokenSinkResult::Continue
                }
            },
            Token::CharacterTokens(t) => {
                st.text(&t);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// How far back an end tag looks for its start tag (keeps garbage linear).
const END_TAG_SEARCH: usize = 256;
/// Caps on captured metadata text.
const MAX_META_TEXT: usize = 4096;
const MAX_JSONLD: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    ArticleBody,
    Article,
    Main,
}

#[derive(Debug)]
struct Open {
    name: LocalName,
    serial: u32,
    /// Block-level element (starts/ends a text block).
    block: bool,
    /// Its text is dropped.
    skip: bool,
    /// Nearest block-level element serial, itself included.
    blk: u32,
    /// Whether `blk` is a `<p>`.
    blk_is_p: bool,
    /// Nearest enclosing form serial, 0 if none.
    form: u32,
    /// Raw-text element (script, style, title...): its text is never body text.
    raw: bool,
}

#[derive(Debug)]
struct Block {
    text: String,
    elem: u32,
    p: bool,
    form: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    JsonLd,
}

#[derive(Debug, Default)]
struct State {
    mode: Mode,
    stack: Vec<Open>,
    skip_depth: u32,
    pre_depth: u32,
    /// Next element serial; 0 is the document itself.
    next_serial: u32,
    /// Per serial: nearest block-level ancestor (not itself).
    bparent: Vec<u32>,
    /// Per serial: last serial assigned inside it.
    end: Vec<u32>,
    cur: String,
    cur_elem: u32,
    cur_p: bool,
    cur_form: u32,
    pending_space: bool,
    blocks: Vec<Block>,
    regions: Vec<(u32, Region)>,
    // Metadata.
    capture: Option<(Capture, usize)>,
    capture_buf: String,
    title_tag: Option<String>,
    h1: Option<String>,
    h1_at: Option<usize>,
    h1_buf: String,
    og_title: Option<String>,
    tw_title: Option<String>,
    site_name: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    lang: Option<String>,
    content_language: Option<String>,
    og_locale: Option<String>,
    /// (priority, value): lower is better.
    dates: Vec<(u8, String)>,
    jsonld: Vec<String>,
    /// `<time datetime>`: (serial, value, inside dropped content).
    times: Vec<(u32, String, bool)>,
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "basefont"
            | "bgsound"
            | "frame"
            | "image"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "xmp"
            | "plaintext"
            | "frameset"
            | "noframes"
    )
}

/// Elements whose start implicitly closes an open `<p>`.
fn closes_p(name: &str) -> bool {
    is_block(name)
        && !matches!(
            name,
            "body" | "html" | "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "caption"
        )
}

fn is_skip(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
            | "button"
            | "textarea"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "figure"
            | "dialog"
            | "title"
            | "head"
            | "xmp"
            | "noembed"
            | "noframes"
            | "plaintext"
            | "frameset"
            | "video"
            | "audio"
            | "map"
            | "datalist"
            | "option"
            | "optgroup"
            | "applet"
            | "menu"
    )
}

fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => Some(RawKind::Rawtext),
        "title" | "textarea" => Some(RawKind::Rcdata),
        _ => None,
    }
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

const UNLIKELY: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "promo",
    "advert",
    "sponsor",
    "sidebar",
    "cookie",
    "subscribe",
    "breadcrumb",
    "pagination",
    "pager",
    "popup",
    "modal",
    "banner",
    "masthead",
    "navbar",
    "menu",
    "footer",
    "disqus",
    "outbrain",
    "taboola",
    "skip-link",
    "visually-hidden",
    "sr-only",
    "screen-reader",
    "paywall",
    "recommend",
];
const LIKELY: &[&str] = &["article", "content", "body", "main", "story", "entry"];

fn attr_skip(tag: &Tag, name: &str) -> bool {
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    if attr(tag, "hidden").is_some() {
        return true;
    }
    if attr(tag, "aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    if let Some(style) = attr(tag, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = attr(tag, "role") {
        let r = role.trim().to_ascii_lowercase();
        if matches!(
            r.as_str(),
            "navigation"
                | "banner"
                | "contentinfo"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
                | "search"
                | "toolbar"
        ) {
            return true;
        }
    }
    if attr(tag, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("articleBody")) {
        return false;
    }
    let mut key = String::new();
    for a in ["class", "id"] {
        if let Some(v) = attr(tag, a) {
            key.push_str(&v.to_ascii_lowercase());
            key.push(' ');
        }
    }
    if key.len() > 1000 {
        key.truncate(floor_boundary(&key, 1000));
    }
    !key.is_empty()
        && UNLIKELY.iter().any(|u| key.contains(u))
        && !LIKELY.iter().any(|l| key.contains(l))
}

/// The largest char boundary of `s` not above `i`.
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collapses whitespace to single spaces and trims; drops control characters.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = true;
        } else if !ch.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch);
        }
    }
    out
}

fn push_capped(buf: &mut String, s: &str, cap: usize) {
    if buf.len() < cap {
        buf.push_str(&s[..floor_boundary(s, cap - buf.len())]);
    }
}

fn nonempty(s: Option<&str>) -> Option<String> {
    let c = collapse_ws(s?);
    if c.is_empty() {
        None
    } else {
        let mut c = c;
        if c.len() > MAX_META_TEXT {
            let cut = floor_boundary(&c, MAX_META_TEXT);
            c.truncate(cut);
        }
        Some(c)
    }
}

pub(crate) fn lang_subtag(s: &str) -> Option<String> {
    let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        Some(primary)
    } else {
        None
    }
}

impl State {
    fn new_serial(&mut self, bparent: u32) -> u32 {
        if self.bparent.is_empty() {
            self.bparent.push(0);
            self.end.push(u32::MAX);
            self.next_serial = 1;
        }
        let s = self.next_serial;
        self.next_serial = self.next_serial.saturating_add(1);
        self.bparent.push(bparent);
        self.end.push(u32::MAX);
        s
    }

    fn last_serial(&self) -> u32 {
        self.next_serial.saturating_sub(1)
    }

    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        self.metadata(tag, name);
        if is_void(name) {
            if name == "br" {
                self.line_break();
            } else if name == "hr" {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }
        self.implicit_close(name);
        let raw = raw_kind(name);
        let block = is_block(name);
        if tag.self_closing && raw.is_none() {
            // `<div/>`, `<path/>`: treated as empty.
            if block {
                self.flush();
            }
            return TokenSinkResult::Continue;
        }
        let region = if name == "article" {
            Some(Region::Article)
        } else if name == "main"
            || attr(tag, "role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
        {
            Some(Region::Main)
        } else if attr(tag, "itemprop")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("articleBody"))
        {
            Some(Region::ArticleBody)
        } else {
            None
        };
        let block = block || region.is_some();
        if block {
            self.flush();
        }
        let (parent_blk, parent_blk_is_p, parent_form) = self
            .stack
            .last()
            .map(|o| (o.blk, o.blk_is_p, o.form))
            .unwrap_or((0, false, 0));
        let serial = self.new_serial(parent_blk);
        let skip = is_skip(name) || attr_skip(tag, name);
        let (blk, blk_is_p) = if block {
            (serial, name == "p")
        } else {
            (parent_blk, parent_blk_is_p)
        };
        let form = if name == "form" { serial } else { parent_form };
        self.stack.push(Open {
            name: tag.name.clone(),
            serial,
            block,
            skip,
            blk,
            blk_is_p,
            form,
            raw: raw.is_some(),
        });
        if skip {
            self.skip_depth += 1;
        }
        if name == "pre" || name == "listing" {
            self.pre_depth += 1;
        }
        if let Some(r) = region {
            if self.skip_depth == 0 {
                self.regions.push((serial, r));
            }
        }
        let depth = self.stack.len() - 1;
        if name == "title" && self.title_tag.is_none() && self.capture.is_none() {
            self.capture = Some((Capture::Title, depth));
            self.capture_buf.clear();
        } else if name == "script"
            && self.capture.is_none()
            && attr(tag, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
            && self.jsonld.len() < 16
        {
            self.capture = Some((Capture::JsonLd, depth));
            self.capture_buf.clear();
        } else if name == "h1" && self.h1.is_none() && self.h1_at.is_none() {
            self.h1_at = Some(depth);
            self.h1_buf.clear();
        }
        match raw {
            Some(k) => TokenSinkResult::RawData(k),
            None => TokenSinkResult::Continue,
        }
    }

    fn metadata(&mut self, tag: &Tag, name: &str) {
        match name {
            "meta" => {
                let content = attr(tag, "content");
                if let Some(he) = attr(tag, "http-equiv") {
                    if he.trim().eq_ignore_ascii_case("content-language")
                        && self.content_language.is_none()
                    {
                        self.content_language = content.and_then(lang_subtag);
                    }
                }
                let Some(content) = content else { return };
                for key_attr in ["property", "name", "itemprop"] {
                    let Some(key) = attr(tag, key_attr) else {
                        continue;
                    };
                    let key = key.trim().to_ascii_lowercase();
                    let set = |slot: &mut Option<String>| {
                        if slot.is_none() {
                            *slot = nonempty(Some(content));
                        }
                    };
                    match key.as_str() {
                        "og:title" => set(&mut self.og_title),
                        "twitter:title" => set(&mut self.tw_title),
                        "og:site_name" => set(&mut self.site_name),
                        "og:url" => set(&mut self.og_url),
                        "og:locale" => set(&mut self.og_locale),
                        "article:published_time" => self.date(0, content),
                        "og:published_time" | "og:article:published_time" | "article:published" => {
                            self.date(1, content)
                        }
                        "datepublished" => self.date(3, content),
                        "date"
                        | "pubdate"
                        | "publishdate"
                        | "publish-date"
                        | "publish_date"
                        | "publication_date"
                        | "dc.date"
                        | "dc.date.issued"
                        | "dc.date.created"
                        | "dc.date.published"
                        | "dcterms.date"
                        | "dcterms.issued"
                        | "dcterms.created"
                        | "sailthru.date"
                        | "parsely-pub-date"
                        | "article.published"
                        | "article_date_original"
                        | "original-publish-date"
                        | "cxenseparse:recs:publishtime" => self.date(4, content),
                        _ => {}
                    }
                }
            }
            "link"
                if self.canonical.is_none()
                    && attr(tag, "rel").is_some_and(|r| {
                        r.split_ascii_whitespace()
                            .any(|t| t.eq_ignore_ascii_case("canonical"))
                    }) =>
            {
                self.canonical = nonempty(attr(tag, "href"));
            }
            "html" if self.lang.is_none() => {
                self.lang = attr(tag, "lang")
                    .or_else(|| attr(tag, "xml:lang"))
                    .and_then(lang_subtag);
            }
            "time" => {
                if let Some(dt) = attr(tag, "datetime") {
                    if attr(tag, "pubdate").is_some() {
                        self.date(5, dt);
                    } else if self.times.len() < 1000 {
                        let serial = self.next_serial.max(1);
                        self.times
                            .push((serial, dt.to_string(), self.skip_depth > 0));
                    }
                }
            }
            _ => {}
        }
        if name != "meta" {
            if let Some(ip) = attr(tag, "itemprop") {
                if ip.trim().eq_ignore_ascii_case("datePublished") {
                    if let Some(v) = attr(tag, "datetime").or_else(|| attr(tag, "content")) {
                        self.date(3, v);
                    }
                }
            }
        }
    }

    fn date(&mut self, prio: u8, value: &str) {
        if self.dates.len() < 100 {
            self.dates.push((prio, value.chars().take(100).collect()));
        }
    }

    fn implicit_close(&mut self, name: &str) {
        let find = |stack: &[Open],
                    targets: &[&str],
                    scope: &[&str],
                    stop_at_block: bool|
         -> Option<usize> {
            for (steps, (i, o)) in stack.iter().enumerate().rev().enumerate() {
                if steps >= END_TAG_SEARCH {
                    break;
                }
                let n: &str = &o.name;
                if targets.contains(&n) {
                    return Some(i);
                }
                if scope.contains(&n) || (stop_at_block && o.block) {
                    break;
                }
            }
            None
        };
        if closes_p(name) {
            if let Some(i) = find(&self.stack, &["p"], &[], true) {
                self.pop_through(i);
            }
        }
        let hit = match name {
            "li" => find(
                &self.stack,
                &["li"],
                &["ul", "ol", "menu", "table", "body", "html"],
                false,
            ),
            "dt" | "dd" => find(
                &self.stack,
                &["dt", "dd"],
                &["dl", "table", "body", "html"],
                false,
            ),
            "td" | "th" => find(
                &self.stack,
                &["td", "th"],
                &["tr", "table", "body", "html"],
                false,
            ),
            "tr" => find(&self.stack, &["tr"], &["table", "body", "html"], false),
            "option" => find(
                &self.stack,
                &["option"],
                &["select", "datalist", "body", "html"],
                false,
            ),
            _ => None,
        };
        if let Some(i) = hit {
            self.pop_through(i);
        }
    }

    fn end(&mut self, name: &LocalName) {
        let n: &str = name;
        if n == "br" {
            self.line_break();
            return;
        }
        if is_void(n) || n == "body" || n == "html" {
            return;
        }
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .take(END_TAG_SEARCH)
            .find(|(_, o)| o.name == *name)
            .map(|(i, _)| i);
        match found {
            Some(i) => self.pop_through(i),
            None => {
                if is_block(n) {
                    self.flush();
                }
            }
        }
    }

    fn pop_through(&mut self, i: usize) {
        while self.stack.len() > i {
            let depth = self.stack.len() - 1;
            let o = self.stack.pop().expect("non-empty");
            let last = self.last_serial();
            if let Some(e) = self.end.get_mut(o.serial as usize) {
                *e = last;
            }
            if o.block {
                self.flush();
            }
            if o.skip {
                self.skip_depth -= 1;
            }
            if &*o.name == "pre" || &*o.name == "listing" {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            if let Some((cap, at)) = self.capture {
                if at == depth {
                    let buf = std::mem::take(&mut self.capture_buf);
                    match cap {
                        Capture::Title => self.title_tag = nonempty(Some(&buf)),
                        Capture::JsonLd => self.jsonld.push(buf),
                    }
                    self.capture = None;
                }
            }
            if self.h1_at == Some(depth) {
                self.h1 = nonempty(Some(&self.h1_buf));
                self.h1_buf.clear();
                self.h1_at = None;
            }
        }
    }

    fn text(&mut self, s: &str) {
        if let Some((cap, at)) = self.capture {
            if at + 1 == self.stack.len() {
                let cap_len = if cap == Capture::JsonLd {
                    MAX_JSONLD
                } else {
                    MAX_META_TEXT
                };
                push_capped(&mut self.capture_buf, s, cap_len);
                return;
            }
        }
        let top_raw = self.stack.last().is_some_and(|o| o.raw);
        if top_raw {
            return;
        }
        if self.h1_at.is_some() {
            push_capped(&mut self.h1_buf, s, MAX_META_TEXT);
        }
        if self.skip_depth > 0 {
            return;
        }
        for ch in s.chars() {
            if self.pre_depth > 0 {
                if ch == '\n' || ch == '\t' || ch == ' ' || ch == '\u{a0}' {
                    if !self.cur.is_empty() {
                        self.cur.push(if ch == '\u{a0}' { ' ' } else { ch });
                    }
                    continue;
                }
                if ch.is_control() {
                    continue;
                }
                if self.cur.is_empty() {
                    self.begin_block();
                }
                self.cur.push(ch);
                continue;
            }
            if ch.is_whitespace() {
                self.pending_space = true;
            } else if !ch.is_control() {
                if self.cur.is_empty() {
                    self.begin_block();
                } else if self.pending_space && !self.cur.ends_with('\n') {
                    self.cur.push(' ');
                }
                self.pending_space = false;
                self.cur.push(ch);
            }
        }
    }

    fn begin_block(&mut self) {
        let (elem, p, form) = self
            .stack
            .last()
            .map(|o| (o.blk, o.blk_is_p, o.form))
            .unwrap_or((0, false, 0));
        self.cur_elem = elem;
        self.cur_p = p;
        self.cur_form = form;
        self.pending_space = false;
    }

    fn line_break(&mut self) {
        if self.skip_depth == 0 && !self.cur.is_empty() && !self.cur.ends_with('\n') {
            self.cur.push('\n');
        }
        self.pending_space = false;
    }

    fn flush(&mut self) {
        self.pending_space = false;
        if self.cur.is_empty() {
            return;
        }
        let trimmed_len = self.cur.trim_end().len();
        self.cur.truncate(trimmed_len);
        if self.cur.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.cur);
        self.blocks.push(Block {
            text,
            elem: self.cur_elem,
            p: self.cur_p,
            form: self.cur_form,
        });
    }

    fn within(&self, inner: u32, outer: u32) -> bool {
        let end = self.end.get(outer as usize).copied().unwrap_or(u32::MAX);
        outer <= inner && inner <= end
    }

    fn text_in(&self, region: u32) -> usize {
        self.blocks
            .iter()
            .filter(|b| self.within(b.elem, region))
            .map(|b| b.text.len())
            .sum()
    }

    /// The serial of the element whose blocks make the body (0: the page).
    fn choose_region(&self) -> u32 {
        if self.mode == Mode::Fragment {
            return 0;
        }
        let bp = |s: u32| self.bparent.get(s as usize).copied().unwrap_or(0);
        let mut score: HashMap<u32, f64> = HashMap::new();
        for b in self.blocks.iter().filter(|b| b.p) {
            let n = b.text.chars().count();
            if n < 25 {
                continue;
            }
            let parent = bp(b.elem);
            *score.entry(parent).or_default() += n as f64;
            let gp = bp(parent);
            if gp != parent {
                *score.entry(gp).or_default() += n as f64 / 2.0;
            }
        }
        let best = score
            .iter()
            .max_by(|a, b| {
                a.1.partial_cmp(b.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(b.0.cmp(a.0))
            })
            .map(|(s, v)| (*s, *v));
        let largest = |kind: Region| -> Option<(u32, usize)> {
            self.regions
                .iter()
                .filter(|(_, k)| *k == kind)
                .map(|(s, _)| (*s, self.text_in(*s)))
                .filter(|(_, t)| *t > 0)
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        };
        if let Some((s, _)) = largest(Region::ArticleBody) {
            return s;
        }
        for kind in [Region::Article, Region::Main] {
            if let Some((s, t)) = largest(kind) {
                match best {
                    None => return s,
                    Some((b, v)) if self.within(b, s) || t as f64 >= v => return s,
                    _ => {}
                }
            }
        }
        best.map(|(s, _)| s).unwrap_or(0)
    }

    fn body(&self, region: u32, drop_forms: bool) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !self.within(b.elem, region) {
                continue;
            }
            if drop_forms && b.form != 0 && !self.within(region, b.form) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    fn finish(mut self) -> HtmlArticle {
        let last = self.last_serial();
        for o in &self.stack {
            if let Some(e) = self.end.get_mut(o.serial as usize) {
                *e = last;
            }
        }
        self.flush();
        if let Some((Capture::Title, _)) = self.capture {
            self.title_tag = nonempty(Some(&self.capture_buf.clone()));
        }
        if self.h1.is_none() && self.h1_at.is_some() {
            self.h1 = nonempty(Some(&self.h1_buf.clone()));
        }
        let region = self.choose_region();
        let mut text = self.body(region, true);
        if text.is_empty() {
            text = self.body(0, true);
        }
        if text.is_empty() {
            text = self.body(0, false);
        }

        let mut ld = JsonLd::default();
        for src in &self.jsonld {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(src) {
                ld.scan(&v);
            }
        }
        if let Some(d) = ld.date.take() {
            self.dates.push((2, d));
        }
        let outlet = self.site_name.clone().or(ld.publisher.clone());
        let title = self
            .og_title
            .clone()
            .or(self.tw_title.clone())
            .or_else(|| {
                self.title_tag
                    .as_deref()
                    .map(|t| strip_site(t, outlet.as_deref()))
            })
            .or(ld.headline.clone())
            .or(self.h1.clone());

        let mut published = None;
        let mut dates = std::mem::take(&mut self.dates);
        dates.sort_by_key(|(p, _)| *p);
        for (_, v) in &dates {
            if let Some(d) = parse_loose_date(v) {
                published = Some(d);
                break;
            }
        }
        if published.is_none() {
            // `<time>` inside the article first (its own <header> included),
            // then any <time> in visible content.
            let in_region = self
                .times
                .iter()
                .filter(|(s, _, _)| region != 0 && self.within(*s, region))
                .chain(self.times.iter().filter(|(_, _, skipped)| !skipped));
            for (_, v, _) in in_region {
                if let Some(d) = parse_loose_date(v) {
                    published = Some(d);
                    break;
                }
            }
        }
        let lang = self
            .lang
            .clone()
            .or(self.content_language.clone())
            .or_else(|| self.og_locale.as_deref().and_then(lang_subtag));
        HtmlArticle {
            title,
            text,
            published,
            outlet,
            url: self.canonical.clone().or(self.og_url.clone()),
            lang,
        }
    }
}

fn strip_site(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            if let Some(t) = title.strip_suffix(&format!("{sep}{site}")) {
                return t.trim().to_string();
            }
            if let Some(t) = title.strip_prefix(&format!("{site}{sep}")) {
                return t.trim().to_string();
            }
        }
    }
    title.to_string()
}

#[derive(Default)]
struct JsonLd {
    date: Option<String>,
    headline: Option<String>,
    publisher: Option<String>,
}

impl JsonLd {
    /// Depth-first, in document order, with an explicit stack.
    fn scan(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        let mut stack = vec![v];
        let mut visited = 0usize;
        while let Some(v) = stack.pop() {
            visited += 1;
            if visited > 100_000 {
                break;
            }
            match v {
                Value::Object(m) => {
                    if self.date.is_none() {
                        if let Some(Value::String(s)) = m.get("datePublished") {
                            self.date = Some(s.clone());
                        }
                    }
                    if self.headline.is_none() {
                        if let Some(Value::String(s)) = m.get("headline") {
                            self.headline = nonempty(Some(s));
                        }
                    }
                    if self.publisher.is_none() {
                        if let Some(Value::Object(p)) = m.get("publisher") {
                            if let Some(Value::String(s)) = p.get("name") {
                                self.publisher = nonempty(Some(s));
                            }
                        }
                    }
                    let children: Vec<&Value> = m.values().collect();
                    stack.extend(children.into_iter().rev());
                }
                Value::Array(a) => stack.extend(a.iter().rev()),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_article_and_drops_boilerplate() {
        let html = r#"<!DOCTYPE html><html lang="en-GB"><head>
            <title>Fighting resumes - Example Wire</title>
            <meta property="og:site_name" content="Example Wire">
            <meta property="article:published_time" content="2021-03-04T08:00:00Z">
            <link rel="canonical" href="https://example.org/a/1">
            <style>p { color: red }</style>
            <script>var x = "<p>not text</p>"; alert(1)</script>
            </head><body>
            <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
            <div class="share-buttons">Share on X</div>
            <article>
              <h1>Fighting resumes</h1>
              <p>First paragraph of the test story, long enough to count as text.</p>
              <p>Second &amp; last paragraph,<br>with a line break and&nbsp;a&nbsp;space.</p>
              <form><input value="search"><button>Go</button>Search here</form>
              <aside>Pull quote that should be dropped</aside>
            </article>
            <footer>Copyright notice</footer>
            <!-- a comment -->
            </body></html>"#;
        let a = extract_article(html);
        assert_eq!(a.title.as_deref(), Some("Fighting resumes"));
        assert_eq!(a.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(a.lang.as_deref(), Some("en"));
        assert_eq!(a.published, Some(PartialDate::day(2021, 3, 4)));
        assert_eq!(
            a.text,
            "Fighting resumes\n\nFirst paragraph of the test story, long enough to count as text.\n\n\
             Second & last paragraph,\nwith a line break and a space."
        );
    }

    #[test]
    fn densest_block_when_no_article_element() {
        let html = r#"<html><body>
            <div id="menu-top"><p>Menu item one</p></div>
            <div class="col"><div class="teaser"><p>Short teaser.</p></div></div>
            <div class="story">
              <h2>Sub heading</h2>
              <p>A long paragraph of story text that is certainly more than twenty-five characters.</p>
              <p>Another long paragraph of story text that carries on for a while longer.</p>
            </div>
            <div>Unrelated footer block text</div>
            </body></html>"#;
        let a = extract_article(html);
        assert_eq!(
            a.text,
            "Sub heading\n\nA long paragraph of story text that is certainly more than twenty-five characters.\n\n\
             Another long paragraph of story text that carries on for a while longer."
        );
        assert_eq!(a.title, None);
    }

    #[test]
    fn article_teasers_do_not_beat_the_story() {
        let html = r#"<body><div class="x">
            <p>The real story is here, in paragraph one, with plenty of words to score.</p>
            <p>The real story continues here, in paragraph two, with plenty of words.</p></div>
            <article><p>Teaser card text.</p></article></body>"#;
        let a = extract_article(html);
        assert!(a.text.starts_with("The real story is here"), "{:?}", a.text);
        assert!(!a.text.contains("Teaser"));
    }

    #[test]
    fn dates_from_jsonld_time_and_meta() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
             {"@type":"NewsArticle","headline":"LD headline","datePublished":"2019-11-02T10:00:00+01:00",
              "publisher":{"@type":"Organization","name":"LD Outlet"}}]}</script></head>
            <body><p>Body text long enough to be a paragraph of the story here.</p></body></html>"#;
        let a = extract_article(html);
        assert_eq!(a.published, Some(PartialDate::day(2019, 11, 2)));
        assert_eq!(a.title.as_deref(), Some("LD headline"));
        assert_eq!(a.outlet.as_deref(), Some("LD Outlet"));

        let html = r#"<body><header><time datetime="2024-01-01">today</time></header>
            <article><header><h1>H</h1><time datetime="2018-07-09">9 July</time></header>
            <p>Body text long enough to be a paragraph of the story here.</p></article></body>"#;
        assert_eq!(
            extract_article(html).published,
            Some(PartialDate::day(2018, 7, 9))
        );

        let html = r#"<head><meta name="dc.date" content="2017-01-05"><meta name="pubdate" content="junk">
            </head><body><p>Text</p></body>"#;
        assert_eq!(
            extract_article(html).published,
            Some(PartialDate::day(2017, 1, 5))
        );
    }

    #[test]
    fn scripts_and_handlers_never_reach_text() {
        let html = r#"<html><head><title>x</title><script>alert(1)</script></head><body>
            <p>Turkey sent drones.<img src=x onerror="alert(2)"></p>
            <script>document.write("<p>alert(3)</p>")</script>
            <noscript><p>alert(4)</p></noscript>
            <svg><title>svg title</title><text>alert(5)</text></svg>
            <p onclick="alert(6)">Second.</p><style>.a{}</style>
            <iframe src="x"><p>alert(7)</p></iframe><template><p>alert(8)</p></template>
            <!-- <script>alert(9)</script> --></body></html>"#;
        let a = extract_article(html);
        assert_eq!(a.text, "Turkey sent drones.\n\nSecond.");
        assert_eq!(a.title.as_deref(), Some("x"));
    }

    #[test]
    fn unclosed_paragraphs_and_lists() {
        let a = extract_article("<body><p>one<p>two<ul><li>a<li>b</ul><pre>  x\n  y</pre>");
        assert_eq!(a.text, "one\n\ntwo\n\na\n\nb\n\nx\n  y");
    }

    #[test]
    fn deep_nesting_is_linear_and_safe() {
        let n = 200_000;
        let html = format!(
            "<html><body>{}Deep text.{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let t = std::time::Instant::now();
        let a = extract_article(&html);
        assert_eq!(a.text, "Deep text.");
        let spans = format!("<body><p>{}x{}</p>", "<span>".repeat(n), "</div>".repeat(n));
        assert_eq!(extract_article(&spans).text, "x");
        let unclosed = "<b><i><u>".repeat(n / 3) + "y" + &"</em>".repeat(n);
        assert_eq!(extract_article(&unclosed).text, "y");
        assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
    }

    #[test]
    fn fragment_keeps_all_text() {
        assert_eq!(
            html_to_text("<p>One &amp; two</p><div>three<script>x()</script></div> four"),
            "One & two\n\nthree\n\nfour"
        );
        assert_eq!(html_to_text("plain &lt;b&gt; text"), "plain <b> text");
        assert_eq!(html_to_text(""), "");
    }

    #[test]
    fn whole_page_wrapped_in_a_form() {
        let html = r#"<body><form id="aspnetForm"><div class="content">
            <p>Paragraph inside the page-wide form, long enough to be scored.</p>
            <p>Another paragraph inside the page-wide form, also long enough.</p></div></form></body>"#;
        let a = extract_article(html);
        assert!(a.text.starts_with("Paragraph inside"), "{:?}", a.text);
    }
}
