//! Small helpers for hand-written SVG: label placement without overlaps.

/// An axis-aligned box: x, y (top-left), width, height.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
    pub fn inside(&self, w: f64, h: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= w && self.y + self.h <= h
    }
}

/// Approximate rendered width of a string in a sans-serif font, on the
/// wide side (DejaVu Sans, the usual fallback on Linux) so labels fit.
pub fn text_width(s: &str, font_px: f64) -> f64 {
    s.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | '\'' | ':' | ';' | '|' | '!' => 0.3,
            't' | 'f' | 'r' | 'I' | ' ' | '-' | '(' | ')' => 0.4,
            'm' | 'w' | 'M' | 'W' => 0.95,
            c if c.is_ascii_uppercase() => 0.72,
            c if c.is_ascii_digit() => 0.64,
            c if c.is_ascii() => 0.61,
            _ => 0.7,
        })
        .sum::<f64>()
        * font_px
}

/// Greedy label placement: each label tries a few anchors around its point
/// and takes the first that stays in the frame and hits nothing placed.
pub struct Labeler {
    pub w: f64,
    pub h: f64,
    pub taken: Vec<Rect>,
}

/// Where a label ended up: text anchor point and `text-anchor`.
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
}

impl Labeler {
    pub fn new(w: f64, h: f64) -> Self {
        Labeler { w, h, taken: Vec::new() }
    }

    /// Marks an area (a marker) as occupied.
    pub fn block(&mut self, r: Rect) {
        self.taken.push(r);
    }

    /// Places `text` next to a point with marker radius `r`.
    pub fn place(&mut self, text: &str, px: f64, py: f64, r: f64, font: f64) -> Option<Placed> {
        self.place_lines(&[text.to_string()], px, py, r, font).map(|(p, _)| p)
    }

    /// Places a block of lines next to a point; returns the anchor of the
    /// first line's baseline and the line height.
    pub fn place_lines(&mut self, lines: &[String], px: f64, py: f64, r: f64, font: f64) -> Option<(Placed, f64)> {
        let tw = lines.iter().map(|l| text_width(l, font)).fold(0.0, f64::max);
        let lh = font * 1.15;
        let th = lh * lines.len().max(1) as f64;
        let gap = r + 3.0;
        let d = gap * 0.7;
        // (box x, box y, text x, anchor)
        let cands = [
            (px + gap, py - th / 2.0, px + gap, "start"),
            (px - gap - tw, py - th / 2.0, px - gap, "end"),
            (px - tw / 2.0, py - gap - th, px, "middle"),
            (px - tw / 2.0, py + gap, px, "middle"),
            (px + d, py - d - th, px + d, "start"),
            (px + d, py + d, px + d, "start"),
            (px - d - tw, py - d - th, px - d, "end"),
            (px - d - tw, py + d, px - d, "end"),
        ];
        for (bx, by, tx, anchor) in cands {
            let rect = Rect { x: bx - 1.0, y: by, w: tw + 2.0, h: th };
            if rect.inside(self.w, self.h) && !self.taken.iter().any(|t| t.overlaps(&rect)) {
                self.taken.push(rect);
                return Some((Placed { x: tx, y: by + font * 0.88, anchor }, lh));
            }
        }
        None
    }

    /// Like [`Labeler::place_lines`], but when no spot is free takes the
    /// one (inside the frame, if any is) that covers the least of what is
    /// already placed.
    pub fn place_lines_anyway(&mut self, lines: &[String], px: f64, py: f64, r: f64, font: f64) -> (Placed, f64) {
        if let Some(p) = self.place_lines(lines, px, py, r, font) {
            return p;
        }
        let tw = lines.iter().map(|l| text_width(l, font)).fold(0.0, f64::max);
        let lh = font * 1.15;
        let th = lh * lines.len().max(1) as f64;
        let gap = r + 3.0;
        let cands = [
            (px + gap, py - th / 2.0, px + gap, "start"),
            (px - gap - tw, py - th / 2.0, px - gap, "end"),
            (px - tw / 2.0, py - gap - th, px, "middle"),
            (px - tw / 2.0, py + gap, px, "middle"),
        ];
        let cost = |bx: f64, by: f64| {
            let rect = Rect { x: bx, y: by, w: tw, h: th };
            let overlap: f64 = self
                .taken
                .iter()
                .map(|t| {
                    let w = (rect.x + rect.w).min(t.x + t.w) - rect.x.max(t.x);
                    let h = (rect.y + rect.h).min(t.y + t.h) - rect.y.max(t.y);
                    w.max(0.0) * h.max(0.0)
                })
                .sum();
            overlap + if rect.inside(self.w, self.h) { 0.0 } else { 1e9 }
        };
        let best = cands.iter().min_by(|a, b| cost(a.0, a.1).total_cmp(&cost(b.0, b.1))).unwrap();
        self.taken.push(Rect { x: best.0, y: best.1, w: tw, h: th });
        (Placed { x: best.2, y: best.1 + font * 0.88, anchor: best.3 }, lh)
    }

    /// Places `text` centred on a point, or not at all.
    pub fn place_centred(&mut self, text: &str, px: f64, py: f64, font: f64) -> bool {
        let tw = text_width(text, font);
        let th = font * 1.15;
        let rect = Rect { x: px - tw / 2.0, y: py - th / 2.0, w: tw, h: th };
        if rect.inside(self.w, self.h) && !self.taken.iter().any(|t| t.overlaps(&rect)) {
            self.taken.push(rect);
            true
        } else {
            false
        }
    }
}

/// Splits a label into at most `max_lines` lines of about `width`
/// characters at spaces (the last line truncated with an ellipsis).
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(crate::esc::truncate(&rest, width));
    }
    lines.iter().map(|l| crate::esc::truncate(l, width + 6)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_names() {
        assert_eq!(wrap("Government of National Accord", 18, 2), vec!["Government of", "National Accord"]);
        assert_eq!(wrap("Turkey", 18, 2), vec!["Turkey"]);
        assert_eq!(wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z", 6, 2).len(), 2);
    }
}
