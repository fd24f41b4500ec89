#!/usr/bin/env python3
"""Build data/outlines/countries-110m.json: country outlines for the report's map.

Source and licence:
  * Natural Earth 1:110m Admin 0 country boundaries (version 4.1.0), PUBLIC DOMAIN
    (https://www.naturalearthdata.com/about/terms-of-use/), redistributed as TopoJSON by
    the npm package world-atlas@2 (package code ISC, (c) Michael Bostock).

Requirements (exact):
    mkdir -p /tmp/wa && cd /tmp/wa && npm install world-atlas@2      # 2.0.2 when written

Usage:
    python3 data/scripts/build_outlines.py /tmp/wa/node_modules/world-atlas/countries-110m.json

Output (compact JSON, deterministic, one country per line):
    {"source": ..., "licence": ..., "countries": [
      {"id": "434", "name": "Libya", "bbox": [w, s, e, n],
       "polygons": [[[lon, lat, lon, lat, ...], <hole rings>...], ...]}, ...]}
  * id: ISO 3166-1 numeric code as given by Natural Earth ("" where it has none, e.g. Kosovo,
    N. Cyprus, Somaliland); name: Natural Earth's short name.
  * polygons: outer ring first, then holes; each ring a flat list of lon,lat pairs rounded
    to 2 decimals, consecutive duplicates dropped. Decoding of the TopoJSON (quantised,
    delta-encoded arcs) is done here with no third-party library.
"""
import json
import sys


def decode_arcs(topo):
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                lon = x * tr["scale"][0] + tr["translate"][0]
                lat = y * tr["scale"][1] + tr["translate"][1]
            else:
                lon, lat = p[0], p[1]
            pts.append((lon, lat))
        arcs.append(pts)
    return arcs


def ring(arcs, idxs):
    out = []
    for i in idxs:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        if out:
            pts = pts[1:]
        out.extend(pts)
    flat = []
    last = None
    for lon, lat in out:
        q = (round(lon, 2), round(lat, 2))
        if q == last:
            continue
        last = q
        flat.extend(q)
    return flat


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        topo = json.load(f)
    arcs = decode_arcs(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        polygons = []
        for poly in polys:
            rings = [ring(arcs, r) for r in poly]
            rings = [r for r in rings if len(r) >= 6]  # at least 3 points
            if rings:
                polygons.append(rings)
        if not polygons:
            continue
        xs = [r[i] for p in polygons for r in p for i in range(0, len(r), 2)]
        ys = [r[i] for p in polygons for r in p for i in range(1, len(r), 2)]
        countries.append({
            "id": g.get("id", "") or "",
            "name": g.get("properties", {}).get("name", ""),
            "bbox": [min(xs), min(ys), max(xs), max(ys)],
            "polygons": polygons,
        })
    countries.sort(key=lambda c: (c["name"], c["id"]))
    out_path = __file__.rsplit("/scripts/", 1)[0] + "/outlines/countries-110m.json"
    with open(out_path, "w", encoding="utf-8") as f:
        f.write('{"source":"Natural Earth 1:110m Admin 0 countries v4.1.0 via npm world-atlas@2",\n')
        f.write('"licence":"Public domain (Natural Earth, https://www.naturalearthdata.com/about/terms-of-use/)",\n')
        f.write('"countries":[\n')
        for i, c in enumerate(countries):
            f.write(json.dumps(c, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(countries) else "\n")
        f.write("]}\n")
    print(f"{len(countries)} countries -> {out_path}")


if __name__ == "__main__":
    main()
