// sitrep dashboard: reads the JSON API of `sitrep serve` and draws the map,
// timeline, network, event list, evidence and contradictions as plain SVG
// and DOM.
//
// Article text is untrusted. It only ever reaches the page as text nodes
// (textContent / createTextNode); no HTML string built from data is parsed,
// and links are made only from http(s) URLs. The server's
// Content-Security-Policy forbids inline scripts besides.
'use strict';

(() => {
  const SVGNS = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  // PLOVER types from material conflict to material cooperation, and their
  // colours (Okabe-Ito and Paul Tol, as the report uses; every colour is
  // also labelled).
  const TYPES = ['ASSAULT', 'COERCE', 'THREATEN', 'MOBILIZE', 'SANCTION', 'PROTEST', 'ACCUSE', 'REJECT', 'REQUEST',
    'RETREAT', 'CONCEDE', 'CONSULT', 'AGREE', 'SUPPORT', 'COOPERATE', 'AID'];
  const TYPE_COLOUR = {
    ASSAULT: '#D55E00', COERCE: '#CC79A7', THREATEN: '#E69F00', MOBILIZE: '#999933', SANCTION: '#882255',
    PROTEST: '#DDCC77', ACCUSE: '#555555', REJECT: '#888888', REQUEST: '#AAAAAA', RETREAT: '#000000',
    CONCEDE: '#44AA99', CONSULT: '#56B4E9', AGREE: '#332288', SUPPORT: '#0072B2', COOPERATE: '#88CCEE', AID: '#009E73',
  };
  const HOLDERS = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#66CCEE', '#AA3377'];
  const HOLDER_OTHER = '#BBBBBB';
  const RELATION = { support: { colour: '#009E73', dash: null }, hostility: { colour: '#D55E00', dash: '5 3' } };
  const ACTOR_KINDS = new Set(['person', 'armed_group', 'government', 'organization', 'international_org', 'country']);
  const PAGE = 50;
  const MAP_EVENTS = 500;
  const DAY = 86400000;

  const state = {
    stats: null,
    names: new Map(),
    outlines: [],
    control: [],
    network: [],
    contradictions: [],
    holders: new Map(),
    filters: {},
    offset: 0,
    page: null,
    mapEvents: [],
    mapFrame: null,
    timeline: [],
    sliderDay: null,
    current: null,
    seq: 0,
  };

  // ---- DOM helpers: text only -------------------------------------------

  /** An HTML element; string children become text nodes. */
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    append(e, children);
    return e;
  }

  function append(e, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return e;
  }

  /** An SVG element (attributes are numbers and fixed words; text via `title`). */
  function s(tag, attrs, ...children) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      e.setAttribute(k, String(v));
    }
    return append(e, children);
  }

  function svgTitle(text) {
    const t = document.createElementNS(SVGNS, 'title');
    t.textContent = text;
    return t;
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
    return e;
  }

  function swatch(colour, cls) {
    const sw = h('span', { class: 'swatch ' + (cls || ''), 'aria-hidden': 'true' });
    sw.style.background = cls && cls.includes('line') ? 'none' : colour;
    if (cls && cls.includes('line')) sw.style.borderTopColor = colour;
    return sw;
  }

  /** Makes an element act as a button for mouse and keyboard. */
  function activate(e, fn) {
    e.addEventListener('click', fn);
    e.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        fn(ev);
      }
    });
  }

  // ---- data -------------------------------------------------------------

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
    const url = path + (q.toString() ? '?' + q : '');
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(body && body.error ? body.error : `${res.status} ${res.statusText}`);
    return body;
  }

  function showError(err) {
    let p = $('error');
    if (!p) {
      p = h('p', { id: 'error', role: 'alert' });
      document.querySelector('header').appendChild(p);
    }
    p.textContent = err ? 'Error: ' + (err.message || String(err)) : '';
  }

  /** Names of actors the first entity page did not hold (a few at a time). */
  async function fetchNames(events) {
    const missing = new Set();
    for (const ev of events) for (const id of [...ev.source, ...ev.target, ...ev.claimed_by]) if (!state.names.has(id)) missing.add(id);
    const ids = [...missing].slice(0, 20);
    const found = await Promise.all(ids.map((id) => api('/api/entities/' + encodeURIComponent(id)).catch(() => null)));
    ids.forEach((id, i) => state.names.set(id, found[i] || { id, name: id }));
  }

  const name = (id) => (state.names.get(id) || {}).name || id;
  const names = (ids) => (ids && ids.length ? ids.map(name).join(', ') : '');

  // ---- dates --------------------------------------------------------------

  /** [first day, last day] (day numbers) of a YYYY, YYYY-MM or YYYY-MM-DD date. */
  function daySpan(d) {
    if (!d) return null;
    const [y, m, dd] = d.split('-').map(Number);
    if (dd) { const t = Date.UTC(y, m - 1, dd) / DAY; return [t, t]; }
    if (m) return [Date.UTC(y, m - 1, 1) / DAY, Date.UTC(y, m, 0) / DAY];
    return [Date.UTC(y, 0, 1) / DAY, Date.UTC(y, 11, 31) / DAY];
  }

  const isoDay = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // ---- start --------------------------------------------------------------

  async function start() {
    try {
      const [stats, entities, sources, network, control, contradictions, outlines] = await Promise.all([
        api('/api/stats'), api('/api/entities', { limit: 1000 }), api('/api/sources'), api('/api/network'),
        api('/api/control'), api('/api/contradictions'), api('/assets/countries-110m.json'),
      ]);
      state.stats = stats;
      for (const e of entities.items) state.names.set(e.id, e);
      state.outlines = outlines.countries || [];
      $('attribution').textContent = 'Country outlines: Natural Earth 1:110m (public domain), via world-atlas. ' + (outlines.source ? '' : '');
      state.network = network;
      state.control = control;
      state.contradictions = contradictions;
      assignHolders();
      fillFilters(entities.items, sources);
      showStats();
      setupSlider();
      wire();
      drawNetwork();
      drawContradictions();
      await refresh();
      document.body.dataset.ready = '1';
    } catch (err) {
      showError(err);
      document.body.dataset.ready = 'error';
    }
  }

  function showStats() {
    const st = state.stats;
    const period = st.first ? ` · ${st.first} to ${st.last}` : '';
    $('stats').textContent = `${st.documents} documents · ${st.events} event reports · ${st.clusters} events · ${st.outlets} outlets${period}`;
  }

  function fillFilters(entities, sources) {
    const actors = entities.filter((e) => ACTOR_KINDS.has(e.kind)).slice(0, 400);
    actors.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of actors) $('f-actor').appendChild(h('option', { value: e.id, text: e.name }));
    for (const t of TYPES) $('f-type').appendChild(h('option', { value: t, text: t }));
    const outlets = sources.map((x) => x.outlet).sort((a, b) => a.localeCompare(b));
    for (const o of outlets) $('f-outlet').appendChild(h('option', { value: o, text: o }));
  }

  function wire() {
    const form = $('filters');
    form.addEventListener('submit', (ev) => { ev.preventDefault(); applyFilters(); });
    for (const id of ['f-actor', 'f-type', 'f-status', 'f-outlet', 'f-from', 'f-to']) {
      $(id).addEventListener('change', applyFilters);
    }
    $('f-reset').addEventListener('click', () => { form.reset(); applyFilters(); });
    $('prev-page').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); loadPage(); });
    $('next-page').addEventListener('click', () => { state.offset += PAGE; loadPage(); });
    $('date-slider').addEventListener('input', onSlider);
    $('event-list').addEventListener('keydown', onListKey);
    let pending = null;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => { drawMap(); drawTimeline(); drawNetwork(); }, 150);
    });
  }

  function applyFilters() {
    const f = {};
    for (const [k, id] of [['actor', 'f-actor'], ['type', 'f-type'], ['status', 'f-status'], ['outlet', 'f-outlet'],
      ['from', 'f-from'], ['to', 'f-to'], ['q', 'f-q']]) {
      const v = $(id).value.trim();
      if (v) f[k] = v;
    }
    state.filters = f;
    state.offset = 0;
    if (f.to) setSliderDay(daySpan(f.to)[1]);
    drawNetwork();
    refresh().catch(showError);
  }

  /** Events (one page for the list, a larger sample for the map) and the timeline. */
  async function refresh() {
    const seq = ++state.seq;
    document.body.dataset.loading = '1';
    showError(null);
    try {
      const [page, sample, timeline] = await Promise.all([
        api('/api/events', { ...state.filters, limit: PAGE, offset: state.offset }),
        api('/api/events', { ...state.filters, limit: MAP_EVENTS }),
        api('/api/timeline', state.filters),
      ]);
      if (seq !== state.seq) return;
      state.page = page;
      state.total = page.total;
      state.mapEvents = sample.items;
      state.mapTotal = sample.total;
      state.timeline = timeline.buckets;
      await fetchNames([...page.items, ...sample.items.slice(0, 100)]);
      if (seq !== state.seq) return;
      drawList();
      drawMap();
      drawTimeline();
    } catch (err) {
      showError(err);
    } finally {
      if (seq === state.seq) delete document.body.dataset.loading;
    }
  }

  async function loadPage() {
    try {
      const page = await api('/api/events', { ...state.filters, limit: PAGE, offset: state.offset });
      state.page = page;
      drawList();
      $('event-list').querySelector('li')?.focus();
    } catch (err) {
      showError(err);
    }
  }

  // ---- event list ----------------------------------------------------------

  function eventKey(ev) {
    return ev.doc + '/' + ev.id;
  }

  function typeBadge(kind, mode) {
    return h('span', { class: 'badge' }, swatch(TYPE_COLOUR[kind] || '#777', 'square'), kind + (mode ? ' · ' + mode : ''));
  }

  function drawList() {
    const list = clear($('event-list'));
    const page = state.page;
    const total = state.total ?? page.items.length;
    $('events-count').textContent = `${total} matching`;
    if (!page.items.length) list.appendChild(h('li', { class: 'note', text: 'No event matches these filters.' }));
    for (const ev of page.items) {
      const who = [names(ev.source) || 'someone', ev.target.length ? '→ ' + names(ev.target) : ''].join(' ').trim();
      const where = [ev.location ? ev.location.name : null, ev.outlet].filter(Boolean).join(' · ');
      const li = h('li', { tabindex: '0', role: 'button', 'data-key': eventKey(ev), 'aria-label': `${ev.type} ${ev.date || 'undated'}: ${who}. ${where}` },
        h('div', { class: 'row1' }, h('span', { text: ev.date || 'undated' }), typeBadge(ev.type, ev.mode), h('span', { class: 'status', text: ev.status })),
        h('div', { class: 'who', text: who }),
        h('div', { class: 'where', text: where }));
      if (state.current && eventKey(state.current) === eventKey(ev)) li.setAttribute('aria-current', 'true');
      activate(li, () => openEvent(ev, li));
      list.appendChild(li);
    }
    const from = page.items.length ? page.offset + 1 : 0;
    $('page-info').textContent = `${from}–${page.offset + page.items.length} of ${total}`;
    $('prev-page').disabled = page.offset === 0;
    $('next-page').disabled = !page.next;
  }

  /** Up/Down move between events; Home/End to the ends. */
  function onListKey(ev) {
    const items = [...$('event-list').querySelectorAll('li[tabindex]')];
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 }[ev.key];
    if (to === undefined) return;
    ev.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, to))].focus();
  }

  // ---- evidence panel --------------------------------------------------------

  /** The sentence with the trigger and the actors' names marked, as text nodes. */
  function highlighted(sentence, ev) {
    const marks = [];
    const find = (needle, cls) => {
      if (!needle || needle.length < 2) return;
      const i = sentence.toLowerCase().indexOf(needle.toLowerCase());
      if (i >= 0) marks.push([i, i + needle.length, cls]);
    };
    find(ev.trigger, 'trigger');
    for (const id of [...ev.source, ...ev.target]) {
      const e = state.names.get(id);
      find(e ? e.name : null, 'actor');
    }
    if (ev.location) find(ev.location.name, 'actor');
    marks.sort((a, b) => a[0] - b[0]);
    const out = [];
    let at = 0;
    for (const [a, b, cls] of marks) {
      if (a < at) continue;
      out.push(sentence.slice(at, a), h('mark', { class: cls, text: sentence.slice(a, b) }));
      at = b;
    }
    out.push(sentence.slice(at));
    return out;
  }

  function safeUrl(u) {
    if (typeof u !== 'string') return null;
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  function dlRow(term, value) {
    return value ? [h('dt', { text: term }), h('dd', { text: String(value) })] : [];
  }

  async function openEvent(ev, li) {
    state.current = ev;
    for (const other of $('event-list').querySelectorAll('li[aria-current]')) other.removeAttribute('aria-current');
    if (li) li.setAttribute('aria-current', 'true');
    const detail = clear($('detail'));
    const dateNote = ev.date ? ev.date + (ev.date_from ? ` (${ev.date_from})` : '') : 'undated';
    detail.append(
      h('h3', {}, typeBadge(ev.type, ev.mode), ' ', h('span', { class: 'status', text: ev.status })),
      h('blockquote', { class: 'evidence', id: 'evidence' }, ...highlighted(ev.evidence, ev)),
      h('dl', {}, dlRow('Who', names(ev.source)), dlRow('Against', names(ev.target)), dlRow('Where', ev.location && ev.location.name),
        dlRow('When', dateNote), dlRow('Claimed by', names(ev.claimed_by)),
        dlRow('Control', ev.control ? `${names(ev.control.gained_by) || '?'} gained ${name(ev.control.place)}` : null),
        dlRow('Outlet', ev.outlet), dlRow('Published', ev.published), dlRow('Confidence', ev.confidence && ev.confidence.toFixed(2)),
        dlRow('Event id', eventKey(ev))),
      h('div', { id: 'source-link' }),
      h('div', { id: 'cluster-reports' }));
    $('detail-panel').focus({ preventScroll: true });
    const seq = ev;
    try {
      const [doc, cluster] = await Promise.all([
        api('/api/documents/' + encodeURIComponent(ev.doc)),
        ev.cluster ? api('/api/clusters/' + encodeURIComponent(ev.cluster)) : null,
      ]);
      if (state.current !== seq) return;
      drawSource(doc);
      drawCluster(cluster, ev);
    } catch (err) {
      showError(err);
    }
  }

  function drawSource(doc) {
    const box = clear($('source-link'));
    const title = doc.title || doc.id;
    const url = safeUrl(doc.url);
    const label = h('h4', { text: 'Source' });
    const line = url
      ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', text: title })
      : h('span', { text: title + (doc.url ? ` (${doc.url})` : '') });
    box.append(label, h('p', {}, line, doc.outlet ? ` — ${doc.outlet}` : '', doc.published ? `, ${doc.published}` : ''));
  }

  function drawCluster(cluster, ev) {
    const box = clear($('cluster-reports'));
    if (!cluster) return;
    const others = cluster.reports.filter((r) => eventKey(r) !== eventKey(ev));
    box.appendChild(h('h4', { text: `Other reports of this event (${others.length}; ${cluster.outlets.length} outlet${cluster.outlets.length === 1 ? '' : 's'})` }));
    const ul = h('ul', { class: 'reports' });
    for (const r of others.slice(0, 20)) {
      const open = h('button', { type: 'button', class: 'link-button', text: `${r.outlet}, ${r.date || 'undated'} (${r.status})` });
      activate(open, () => openEvent(r, null));
      ul.appendChild(h('li', {}, open, h('blockquote', { class: 'evidence' }, ...highlighted(r.evidence, r))));
    }
    box.appendChild(ul);
  }

  // ---- map -------------------------------------------------------------------

  function assignHolders() {
    const order = [];
    for (const pc of state.control) for (const st of pc.steps) for (const g of st.gained_by) if (!order.includes(g)) order.push(g);
    order.forEach((id, i) => state.holders.set(id, HOLDERS[i] || HOLDER_OTHER));
  }

  /** Who holds a place on a day: the last step dated on or before it. */
  function holderOn(pc, day) {
    let holder = null;
    for (const st of pc.steps) {
      const span = daySpan(st.date);
      if (!span || span[0] > day) continue;
      holder = st.gained_by[0] || null;
    }
    return holder;
  }

  function fitView(points, w, hgt) {
    let b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [lon, lat] of points) b = [Math.min(b[0], lon), Math.min(b[1], lat), Math.max(b[2], lon), Math.max(b[3], lat)];
    if (!points.length) b = [-170, -58, 180, 80];
    const ml = Math.max((b[2] - b[0]) * 0.12, 1.5), mt = Math.max((b[3] - b[1]) * 0.12, 1);
    b = [b[0] - ml, b[1] - mt, b[2] + ml, b[3] + mt];
    const midLat = (b[1] + b[3]) / 2;
    const k = Math.max(Math.cos(midLat * Math.PI / 180), 0.2);
    // Keep one town from filling the frame.
    const minW = 8, minH = 5;
    if (b[2] - b[0] < minW) { const c = (b[0] + b[2]) / 2; b[0] = c - minW / 2; b[2] = c + minW / 2; }
    if (b[3] - b[1] < minH) { const c = (b[1] + b[3]) / 2; b[1] = c - minH / 2; b[3] = c + minH / 2; }
    const scale = Math.min(w / ((b[2] - b[0]) * k), hgt / (b[3] - b[1]));
    const cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    const x = (lon) => w / 2 + (lon - cx) * k * scale;
    const y = (lat) => hgt / 2 - (lat - cy) * scale;
    const west = cx - w / 2 / (k * scale), east = cx + w / 2 / (k * scale);
    const south = cy - hgt / 2 / scale, north = cy + hgt / 2 / scale;
    return { x, y, west, east, south, north };
  }

  function countryPath(c, v) {
    let d = '';
    for (const poly of c.polygons) {
      for (const ring of poly) {
        for (let i = 0; i < ring.length; i += 2) {
          d += (i === 0 ? 'M' : 'L') + v.x(ring[i]).toFixed(1) + ',' + v.y(ring[i + 1]).toFixed(1);
        }
        d += 'Z';
      }
    }
    return d;
  }

  function located(ev) {
    return ev.location && typeof ev.location.lat === 'number' && typeof ev.location.lon === 'number';
  }

  function drawMap() {
    const box = $('map');
    const w = Math.max(box.clientWidth, 200), hgt = Math.max(box.clientHeight, 120);
    const day = state.sliderDay;
    const shown = state.mapEvents.filter((ev) => located(ev) && (day === null || !ev.date || daySpan(ev.date)[0] <= day));
    const places = state.control.filter((pc) => typeof pc.lat === 'number' && typeof pc.lon === 'number');
    // The frame is set by the first (unfiltered) view and kept, so that
    // filtering does not move the map under the reader.
    if (!state.mapFrame) state.mapFrame = [...state.mapEvents.filter(located).map((ev) => [ev.location.lon, ev.location.lat]), ...places.map((p) => [p.lon, p.lat])];
    const points = state.mapFrame;
    const v = fitView(points, w, hgt);
    const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, 'data-figure': 'map', role: 'presentation' });
    svg.appendChild(s('rect', { class: 'map-sea', x: 0, y: 0, width: w, height: hgt }));
    const land = s('g', {});
    for (const c of state.outlines) {
      const [cw, cs, ce, cn] = c.bbox;
      if (ce < v.west || cw > v.east || cn < v.south || cs > v.north) continue;
      land.appendChild(s('path', { class: 'map-country', d: countryPath(c, v) }, svgTitle(c.name)));
    }
    svg.appendChild(land);
    // Country names, for bearings, where the view is regional.
    if (v.east - v.west < 70) {
      const names = s('g', {});
      for (const c of state.outlines) {
        const [cw, cs, ce, cn] = c.bbox;
        const lon = (cw + ce) / 2, lat = (cs + cn) / 2;
        if (lon < v.west || lon > v.east || lat < v.south || lat > v.north || ce - cw < 2) continue;
        names.appendChild(s('text', { class: 'country-label', x: v.x(lon).toFixed(1), y: v.y(lat).toFixed(1), 'text-anchor': 'middle' }, c.name));
      }
      svg.appendChild(names);
    }
    // Places shaded by who holds them on the map date.
    const heldBy = new Map();
    for (const pc of places) {
      const holder = day === null ? null : holderOn(pc, day);
      const colour = holder ? state.holders.get(holder) || HOLDER_OTHER : HOLDER_OTHER;
      if (holder) heldBy.set(holder, colour);
      const label = `${pc.name}: ${holder ? 'held by ' + name(holder) : 'holder unknown'} on ${day === null ? '?' : isoDay(day)}`;
      svg.appendChild(s('circle', { class: 'held', cx: v.x(pc.lon), cy: v.y(pc.lat), r: 13, fill: colour, stroke: colour, 'data-place': pc.place }, svgTitle(label)));
    }
    // Event markers: one per place and type, ringed around the place.
    const groups = new Map();
    for (const ev of shown) {
      const key = ev.location.id + '|' + ev.type;
      if (!groups.has(key)) groups.set(key, { ev, n: 0 });
      groups.get(key).n++;
    }
    const perPlace = new Map();
    for (const g of groups.values()) {
      const id = g.ev.location.id;
      if (!perPlace.has(id)) perPlace.set(id, []);
      perPlace.get(id).push(g);
    }
    const markers = s('g', {});
    for (const gs of perPlace.values()) {
      gs.sort((a, b) => TYPES.indexOf(a.ev.type) - TYPES.indexOf(b.ev.type));
      gs.forEach((g, i) => {
        const ang = (i / gs.length) * 2 * Math.PI - Math.PI / 2;
        const off = gs.length > 1 ? 7 : 0;
        const loc = g.ev.location;
        const m = s('circle', {
          class: 'marker', tabindex: '0', role: 'button', 'data-type': g.ev.type,
          cx: (v.x(loc.lon) + off * Math.cos(ang)).toFixed(1), cy: (v.y(loc.lat) + off * Math.sin(ang)).toFixed(1),
          r: (3.5 + Math.sqrt(g.n) * 1.4).toFixed(1), fill: TYPE_COLOUR[g.ev.type] || '#777',
          'aria-label': `${loc.name}: ${g.n} ${g.ev.type}`,
        }, svgTitle(`${loc.name}: ${g.n} ${g.ev.type} report${g.n === 1 ? '' : 's'}`));
        activate(m, () => {
          $('f-type').value = g.ev.type;
          state.filters = { ...state.filters, type: g.ev.type };
          const first = state.mapEvents.find((e) => located(e) && e.location.id === loc.id && e.type === g.ev.type);
          applyFilters();
          if (first) openEvent(first, null);
        });
        markers.appendChild(m);
      });
    }
    svg.appendChild(markers);
    // Names of the places marked, where they do not collide.
    const labels = s('g', {});
    const taken = [];
    const labelAt = (text, x, y) => {
      const bx = [x + 9, y - 10, x + 9 + text.length * 6.2, y + 3];
      if (bx[2] > w || taken.some((t) => !(bx[2] < t[0] || bx[0] > t[2] || bx[3] < t[1] || bx[1] > t[3]))) return;
      taken.push(bx);
      labels.appendChild(s('text', { class: 'map-label', x: x + 9, y: y }, text));
    };
    for (const pc of places) labelAt(pc.name, v.x(pc.lon), v.y(pc.lat));
    for (const gs of perPlace.values()) labelAt(gs[0].ev.location.name, v.x(gs[0].ev.location.lon), v.y(gs[0].ev.location.lat));
    svg.appendChild(labels);
    if (!shown.length && !places.length) svg.appendChild(s('text', { class: 'empty', x: 10, y: 20 }, 'No located event for these filters.'));
    clear(box).appendChild(svg);
    const sample = state.mapTotal > state.mapEvents.length ? `first ${state.mapEvents.length} of ${state.mapTotal} reports` : `${shown.length} located reports`;
    $('map-note').textContent = `${sample}; as of ${day === null ? '—' : isoDay(day)}`;
    drawMapLegend(shown, heldBy);
  }

  function drawMapLegend(shown, heldBy) {
    const legend = clear($('map-legend'));
    const kinds = TYPES.filter((t) => shown.some((ev) => ev.type === t));
    for (const t of kinds) legend.appendChild(h('span', {}, swatch(TYPE_COLOUR[t]), t));
    // Holders beyond the palette share one grey and one legend entry.
    let others = false;
    for (const [id, colour] of heldBy) {
      if (colour === HOLDER_OTHER) others = true;
      else legend.appendChild(h('span', {}, swatch(colour, 'square'), 'held by ' + name(id)));
    }
    if (others) legend.appendChild(h('span', {}, swatch(HOLDER_OTHER, 'square'), 'held by others'));
  }

  // ---- timeline and slider -----------------------------------------------------

  function setupSlider() {
    const st = state.stats;
    const slider = $('date-slider');
    if (!st.first || !st.last) { slider.disabled = true; return; }
    const a = daySpan(st.first)[0], b = daySpan(st.last)[1];
    slider.min = a;
    slider.max = b;
    setSliderDay(b);
  }

  function setSliderDay(day) {
    const slider = $('date-slider');
    const d = Math.max(Number(slider.min), Math.min(Number(slider.max), day));
    slider.value = d;
    state.sliderDay = d;
    $('slider-date').textContent = isoDay(d);
    slider.setAttribute('aria-valuetext', isoDay(d));
  }

  function onSlider() {
    setSliderDay(Number($('date-slider').value));
    drawMap();
    drawTimeline();
  }

  function drawTimeline() {
    const box = $('timeline');
    const w = Math.max(box.clientWidth, 200), hgt = Math.max(box.clientHeight, 80);
    const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, 'data-figure': 'timeline', role: 'presentation' });
    const slider = $('date-slider');
    const a = Number(slider.min), b = Number(slider.max);
    const dated = state.timeline.filter((r) => r.date);
    if (!dated.length || !(b > a)) {
      svg.appendChild(s('text', { class: 'empty', x: 10, y: 20 }, 'No dated event for these filters.'));
      clear(box).appendChild(svg);
      return;
    }
    const span = b - a + 1;
    const binDays = span <= 120 ? 1 : span <= 730 ? 7 : 30;
    const bins = Math.ceil(span / binDays);
    const counts = Array.from({ length: bins }, () => new Map());
    for (const r of dated) {
      const d = daySpan(r.date)[0];
      const i = Math.floor((Math.max(a, Math.min(b, d)) - a) / binDays);
      counts[i].set(r.type, (counts[i].get(r.type) || 0) + r.count);
    }
    const max = Math.max(1, ...counts.map((m) => [...m.values()].reduce((x, y) => x + y, 0)));
    const left = 28, bottom = 16, top = 6, plotW = w - left - 6, plotH = hgt - bottom - top;
    const x = (day) => left + ((day - a) / span) * plotW;
    const barW = Math.max(1, (plotW / bins) - (bins < 200 ? 1 : 0));
    // The filtered date range, shaded.
    const f = state.filters;
    if (f.from || f.to) {
      const ra = f.from ? daySpan(f.from)[0] : a, rb = f.to ? daySpan(f.to)[1] + 1 : b + 1;
      svg.appendChild(s('rect', { class: 'range', x: x(ra), y: top, width: Math.max(1, x(rb) - x(ra)), height: plotH }));
    }
    svg.appendChild(s('line', { class: 'axis-line', x1: left, x2: w - 6, y1: top + plotH, y2: top + plotH }));
    svg.appendChild(s('text', { class: 'axis', x: left - 4, y: top + 8, 'text-anchor': 'end' }, String(max)));
    counts.forEach((m, i) => {
      let y0 = top + plotH;
      const day0 = a + i * binDays;
      for (const t of TYPES) {
        const n = m.get(t);
        if (!n) continue;
        const hh = (n / max) * plotH;
        y0 -= hh;
        const bar = s('rect', { class: 'bar', x: x(day0).toFixed(1), y: y0.toFixed(1), width: barW.toFixed(1), height: Math.max(hh, 0.5).toFixed(1), fill: TYPE_COLOUR[t] },
          svgTitle(`${isoDay(day0)}${binDays > 1 ? ' to ' + isoDay(day0 + binDays - 1) : ''}: ${n} ${t}`));
        bar.addEventListener('click', () => { setSliderDay(day0 + binDays - 1); drawMap(); drawTimeline(); });
        svg.appendChild(bar);
      }
    });
    // Month ticks, every 1, 2, 3, 6 or 12 months as the width allows; a
    // January tick shows the year.
    const months = span / 30.4;
    const every = [1, 2, 3, 6, 12, 24, 60].find((m) => (months / m) * 42 <= plotW) || 120;
    const first = new Date(a * DAY);
    let y = first.getUTCFullYear(), m = first.getUTCMonth() + 1;
    for (;;) {
      if (m > 11) { y += Math.floor(m / 12); m %= 12; }
      const tick = Date.UTC(y, m, 1) / DAY;
      if (tick > b) break;
      if ((y * 12 + m) % every === 0) {
        const label = m === 0 ? String(y) : MONTHS[m] + (every >= 6 ? ' ' + y : '');
        svg.appendChild(s('line', { class: 'axis-line', x1: x(tick), x2: x(tick), y1: top + plotH, y2: top + plotH + 3 }));
        svg.appendChild(s('text', { class: 'axis', x: x(tick), y: hgt - 3, 'text-anchor': 'middle' }, label));
      }
      m += 1;
    }
    if (state.sliderDay !== null) {
      const xs = x(state.sliderDay + 0.5);
      svg.appendChild(s('line', { class: 'now-line', x1: xs, x2: xs, y1: top, y2: top + plotH }));
    }
    clear(box).appendChild(svg);
  }

  // ---- network -------------------------------------------------------------------

  /** A few hundred steps of a plain force layout (Fruchterman-Reingold with
   *  a pull to the centre so that separate groups stay in view); the start
   *  is a circle, so the same network always gets the same picture. */
  function layout(nodes, edges, w, hgt) {
    const n = nodes.length;
    const cx = w / 2, cy = hgt / 2;
    nodes.forEach((nd, i) => {
      const ang = (i / n) * 2 * Math.PI;
      nd.x = cx + Math.cos(ang) * w * 0.3;
      nd.y = cy + Math.sin(ang) * hgt * 0.3;
    });
    const k = Math.sqrt((w * hgt) / Math.max(n, 1)) * 0.45;
    const steps = 300;
    for (let step = 0; step < steps; step++) {
      const temp = 0.08 * Math.min(w, hgt) * (1 - step / steps) + 0.5;
      for (const a of nodes) { a.dx = (cx - a.x) * 0.04 * k / 10; a.dy = (cy - a.y) * 0.04 * k / 10; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01);
          const f = (k * k) / d;
          a.dx += (dx / d) * f; a.dy += (dy / d) * f;
          b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const a = e.a, b = e.b;
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = (d * d) / k;
        a.dx -= (dx / d) * f; a.dy -= (dy / d) * f;
        b.dx += (dx / d) * f; b.dy += (dy / d) * f;
      }
      for (const a of nodes) {
        const d = Math.max(Math.hypot(a.dx, a.dy), 0.01);
        a.x = Math.max(12, Math.min(w - 12, a.x + (a.dx / d) * Math.min(d, temp)));
        a.y = Math.max(12, Math.min(hgt - 12, a.y + (a.dy / d) * Math.min(d, temp)));
      }
    }
    // A dense network settles in a knot: stretch the result to the frame.
    const xs = nodes.map((a) => a.x), ys = nodes.map((a) => a.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const mx = 40, my = 14;
    for (const a of nodes) {
      a.x = x1 - x0 < 1 ? w / 2 : mx + ((a.x - x0) / (x1 - x0)) * (w - 2 * mx);
      a.y = y1 - y0 < 1 ? hgt / 2 : my + ((a.y - y0) / (y1 - y0)) * (hgt - 2 * my);
    }
  }

  function drawNetwork() {
    const box = $('network');
    const w = Math.max(box.clientWidth, 200), hgt = Math.max(box.clientHeight, 120);
    const svg = s('svg', { viewBox: `0 0 ${w} ${hgt}`, 'data-figure': 'network', role: 'presentation' });
    const top = [...state.network].sort((p, q) => q.weight - p.weight).slice(0, 40);
    const byId = new Map();
    const node = (id) => {
      if (!byId.has(id)) byId.set(id, { id, degree: 0 });
      return byId.get(id);
    };
    const edges = top.map((e) => ({ e, a: node(e.source), b: node(e.target) }));
    for (const { e, a, b } of edges) { a.degree += e.weight; b.degree += e.weight; }
    const nodes = [...byId.values()].sort((p, q) => (p.id < q.id ? -1 : 1));
    if (!nodes.length) {
      svg.appendChild(s('text', { class: 'empty', x: 10, y: 20 }, 'No support or hostility between actors yet.'));
      clear(box).appendChild(svg);
      return;
    }
    layout(nodes, edges, w, hgt);
    const defs = s('defs', {});
    for (const [rel, st] of Object.entries(RELATION)) {
      defs.appendChild(s('marker', { id: 'arrow-' + rel, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
        s('path', { d: 'M0,0L10,5L0,10z', fill: st.colour })));
    }
    svg.appendChild(defs);
    const maxW = Math.max(...top.map((e) => e.weight));
    for (const { e, a, b } of edges) {
      const st = RELATION[e.relation] || RELATION.hostility;
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
      const r = 7;
      // Curve a little so that A→B and B→A stay apart.
      const mx = (a.x + b.x) / 2 - (dy / d) * 12, my = (a.y + b.y) / 2 + (dx / d) * 12;
      const path = `M${(a.x + (dx / d) * r).toFixed(1)},${(a.y + (dy / d) * r).toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${(b.x - (dx / d) * r).toFixed(1)},${(b.y - (dy / d) * r).toFixed(1)}`;
      svg.appendChild(s('path', {
        d: path, fill: 'none', stroke: st.colour, 'stroke-width': (1.2 + 3 * (e.weight / maxW)).toFixed(1),
        'stroke-dasharray': st.dash, 'marker-end': `url(#arrow-${e.relation})`, 'stroke-opacity': 0.85,
      }, svgTitle(`${name(e.source)} → ${name(e.target)}: ${e.relation}, ${e.weight} event${e.weight === 1 ? '' : 's'} (${e.types.map((t) => t[0] + ' ' + t[1]).join(', ')})`)));
    }
    const selected = state.filters.actor;
    for (const nd of nodes) {
      const label = name(nd.id);
      const g = s('g', { class: 'node' + (nd.id === selected ? ' selected' : ''), tabindex: '0', role: 'button', 'data-id': nd.id,
        transform: `translate(${nd.x.toFixed(1)},${nd.y.toFixed(1)})`, 'aria-label': `Filter events by ${label}` },
      s('circle', { r: 4 + Math.min(6, Math.sqrt(nd.degree)) }),
      // Labels on the right half read leftwards, so they stay in the frame.
      s('text', nd.x > w * 0.6 ? { x: -9, y: 4, 'text-anchor': 'end' } : { x: 9, y: 4 }, label.length > 28 ? label.slice(0, 27) + '…' : label),
      svgTitle(label));
      activate(g, () => {
        const sel = $('f-actor');
        if (![...sel.options].some((o) => o.value === nd.id)) sel.appendChild(h('option', { value: nd.id, text: label }));
        sel.value = nd.id === selected ? '' : nd.id;
        applyFilters();
      });
      svg.appendChild(g);
    }
    clear(box).appendChild(svg);
    const legend = clear($('network-legend'));
    legend.append(h('span', {}, swatch(RELATION.support.colour, 'line'), 'support'),
      h('span', {}, swatch(RELATION.hostility.colour, 'line dashed'), 'hostility'),
      h('span', { class: 'note', text: 'Select an actor to filter' }));
  }

  // ---- contradictions -------------------------------------------------------------

  function drawContradictions() {
    const list = clear($('contradictions'));
    const items = state.contradictions;
    $('contradictions-count').textContent = String(items.length);
    if (!items.length) list.appendChild(h('li', { class: 'note', text: 'No reports disagree.' }));
    for (const c of items.slice(0, 200)) {
      const where = c.place ? name(c.place) : c.cluster ? 'event ' + c.cluster : '';
      const sides = h('ul', {});
      for (const side of c.sides) {
        const open = h('button', { type: 'button', class: 'link-button', text: side.outlet || side.report.doc });
        activate(open, async () => {
          try {
            const ev = await api(`/api/events/${encodeURIComponent(side.report.doc)}/${encodeURIComponent(side.report.event)}`);
            openEvent(ev, null);
          } catch (err) {
            showError(err);
          }
        });
        sides.appendChild(h('li', {}, open, ': ', side.claim, ' ', h('q', { text: side.evidence })));
      }
      list.appendChild(h('li', {}, h('span', { class: 'kind', text: c.kind }), where ? ' — ' + where : '', sides));
    }
  }

  document.addEventListener('DOMContentLoaded', start);
})();
