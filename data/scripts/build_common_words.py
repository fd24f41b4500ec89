#!/usr/bin/env python3
"""Build data/lexicon/common_words.txt: the ~25,000 most frequent lower-case English
words that are NOT mainly proper names. The linker never fuzzy-links such a word to a name.

Requirements (exact):
    pip install wordfreq==3.1.1
    apt-get install wamerican-large wbritish-large   # /usr/share/dict/*-english-large
Run build_countries.py and build_gazetteer.py first (countries.jsonl supplies country
names, demonyms and capitals to exclude; places.tsv the names of places of 1,000,000+).

Sources and licences:
  * wordfreq 3.1.1 (code Apache-2.0; word-frequency data CC BY-SA 4.0, by Robyn Speer
    and contributors, https://github.com/rspeer/wordfreq): the frequency ranking.
    common_words.txt is derived from it and so is under CC BY-SA 4.0.
  * SCOWL word lists as packaged by Debian (wamerican-large, wbritish-large; permissive
    licence, see /usr/share/doc/wamerican-large/copyright): tells ordinary words
    (listed in lower case) from proper names (listed only capitalised).

Rule: walk wordfreq's English list by frequency and keep a word when
  * it is [a-z] letters (with inner ' or -), and
  * the dictionaries list it in lower case ("will", "mark", "china" the porcelain ...), or
    it is a month, weekday or one of a few contractions; and
  * it is not a country name, demonym, capital or seat from countries.jsonl
    ("turkey", "chad", "jordan", "china" are dropped: in news they are names), nor the
    name of a place of 1,000,000+ people in places.tsv ("shanghai", "phoenix"), nor in
    the small NAMES_TOO list.
Words the dictionaries list only capitalised ("london", "david", "isis") and words they
do not list at all (mostly new proper names, brands, slang) are left out.
Stop at TARGET words. Output: one word a line, in frequency order.

Usage:  python3 data/scripts/build_common_words.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "lexicon", "common_words.txt"))
COUNTRIES = os.path.normpath(os.path.join(HERE, "..", "kb", "countries.jsonl"))
PLACES = os.path.normpath(os.path.join(HERE, "..", "gazetteer", "places.tsv"))
BIG_PLACE = 1_000_000
# mainly names in news although the dictionaries also list them in lower case
NAMES_TOO = set("""geneva genoa bologna wales manhattan colorado queens brent derby cork natal
saskatoon chihuahua""".split())
DICTS = ["/usr/share/dict/american-english-large", "/usr/share/dict/british-english-large"]
TARGET = 25000

ALWAYS = set("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday i i'm i've i'll i'd it's that's he's she's
there's what's let's here's who's where's how's don't doesn't didn't isn't wasn't aren't weren't
won't can't couldn't wouldn't shouldn't haven't hasn't hadn't you're we're they're you've we've
they've you'll we'll they'll you'd we'd they'd ok mr mrs ms dr""".split())

WORD_RE = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def main():
    try:
        from wordfreq import top_n_list
    except ImportError:
        sys.exit("wordfreq not installed: pip install wordfreq==3.1.1")
    lower, capital = set(), set()
    for path in DICTS:
        if not os.path.exists(path):
            sys.exit(f"{path} missing: apt-get install wamerican-large wbritish-large")
        with open(path, encoding="utf-8") as f:
            for w in f:
                w = w.strip()
                if w.endswith("'s"):
                    w = w[:-2]
                if not w:
                    continue
                if w[0].islower():
                    lower.add(w)
                else:
                    capital.add(w.lower())

    names = set()
    if not os.path.exists(COUNTRIES):
        sys.exit(f"{COUNTRIES} missing: run build_countries.py first")
    with open(COUNTRIES, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for s in [r["name"]] + r.get("aliases", []) + r.get("demonyms", []) + r.get("seats", []):
                s = s.lower()
                if s.startswith("the "):
                    s = s[4:]
                if " " not in s:
                    names.add(s)

    names |= NAMES_TOO
    if not os.path.exists(PLACES):
        sys.exit(f"{PLACES} missing: run build_gazetteer.py first")
    with open(PLACES, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if int(p[8] or 0) >= BIG_PLACE:
                names.add(p[1].lower())
                names.add(p[2].lower())

    out, seen = [], set()
    for w in top_n_list("en", 100000):
        if len(out) >= TARGET:
            break
        if w in seen or not WORD_RE.match(w):
            continue
        seen.add(w)
        if w in names:
            continue
        if w in ALWAYS or w in lower:
            out.append(w)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {OUT}: {len(out)} words (last: {out[-1]!r})")


if __name__ == "__main__":
    main()
