//! Building the picture from clustered reports: each cluster's
//! best-supported values, contradictions, the actor network, territorial
//! control and outlet profiles.

use crate::reports::{overlap, span_of, Rep};
use crate::types::*;
use sitrep_model::{Count, Document, Event, PartialDate, Precision, Status};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

/// PLOVER types that make a support edge and a hostility edge.
pub const SUPPORT_TYPES: &[&str] = &["AID", "SUPPORT", "COOPERATE", "AGREE"];
pub const HOSTILE_TYPES: &[&str] = &["ASSAULT", "THREATEN", "COERCE", "ACCUSE", "SANCTION"];
/// Figures within this share of each other (or 1 apart) agree.
const FIGURE_TOLERANCE: f64 = 0.1;

/// The outlet of a document: its `outlet`, else `unknown: <doc id>`.
pub fn outlet_of(doc: &Document) -> String {
    match doc.outlet.as_deref().map(str::trim) {
        Some(o) if !o.is_empty() => o.to_string(),
        _ => format!("unknown: {}", doc.id),
    }
}

/// Everything `build` works from.
pub(crate) struct Ctx<'a> {
    pub docs: &'a [Document],
    pub reps: Vec<Rep>,
    pub side: &'a dyn Fn(&str) -> String,
    /// Cluster ids and their member reports, in order of first report.
    pub groups: Vec<(String, Vec<usize>)>,
    pub outlets: Vec<String>,
}

impl<'a> Ctx<'a> {
    fn ev(&self, i: usize) -> &'a Event {
        let r = &self.reps[i];
        &self.docs[r.d].events[r.e]
    }
    fn doc(&self, i: usize) -> &'a Document {
        &self.docs[self.reps[i].d]
    }
    fn rref(&self, i: usize) -> ReportRef {
        ReportRef {
            doc: self.doc(i).id.clone(),
            event: self.ev(i).id.clone(),
        }
    }
    fn evidence(&self, i: usize) -> String {
        let (t, s) = (&self.doc(i).text, self.ev(i).span);
        if s.start <= s.end
            && s.end <= t.len()
            && t.is_char_boundary(s.start)
            && t.is_char_boundary(s.end)
        {
            t[s.start..s.end].trim().to_string()
        } else {
            String::new()
        }
    }
    fn sides(&self, ids: &[String]) -> Vec<String> {
        let mut v: Vec<String> = ids.iter().map(|i| (self.side)(i)).collect();
        v.sort();
        v.dedup();
        v
    }
    fn side_of(&self, i: usize, claim: String) -> Side {
        Side {
            report: self.rref(i),
            outlet: Some(self.outlets[self.reps[i].d].clone()),
            claim,
            evidence: self.evidence(i),
        }
    }
    /// "asserted", "claimed by lna", "denied by gna".
    fn voice(&self, i: usize) -> String {
        let ev = self.ev(i);
        let by = self.sides(&ev.claimed_by);
        if by.is_empty() || ev.status == Status::Asserted {
            ev.status.as_str().to_string()
        } else {
            format!("{} by {}", ev.status.as_str(), by.join(", "))
        }
    }
}

/// Majority vote; ties go to values some report asserts, then to higher
/// confidence, then to the earliest report.
fn vote<T: Clone + Eq + Hash>(
    reps: &[Rep],
    items: impl IntoIterator<Item = (T, usize)>,
) -> Option<T> {
    let mut tally: HashMap<T, (usize, bool, f32, usize)> = HashMap::new();
    for (v, i) in items {
        let r = &reps[i];
        let t = tally.entry(v).or_insert((0, false, f32::MIN, i));
        t.0 += 1;
        t.1 |= r.status == Status::Asserted;
        t.2 = t.2.max(r.confidence);
        t.3 = t.3.min(i);
    }
    tally
        .into_iter()
        .max_by(|a, b| {
            let (x, y) = (a.1, b.1);
            x.0.cmp(&y.0)
                .then(x.1.cmp(&y.1))
                .then(x.2.total_cmp(&y.2))
                .then(y.3.cmp(&x.3))
        })
        .map(|(v, _)| v)
}

/// Sides less any country whose own party is also named: when one report
/// says "Libyan troops" and another "the GNA", the GNA is who it was.
fn most_specific(ctx: &Ctx, members: &[usize], sides: Vec<String>) -> Vec<String> {
    let homes: Vec<&crate::reports::Home> = members.iter().flat_map(|&i| &ctx.reps[i].homes).collect();
    let country_of = |s: &str| homes.iter().find(|h| h.side == s).map(|h| (h.country.as_str(), h.national));
    let national_with_party = |s: &String| match country_of(s) {
        Some((c, true)) => sides.iter().any(|o| o != s && country_of(o) == Some((c, false))),
        _ => false,
    };
    let keep: Vec<bool> = sides.iter().map(|s| !national_with_party(s)).collect();
    sides.iter().zip(keep).filter(|(_, k)| *k).map(|(s, _)| s.clone()).collect()
}

/// Sides named by at least half as many reports as the most named one.
fn side_vote(lists: &[&[String]]) -> Vec<String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for l in lists {
        for s in l.iter() {
            *count.entry(s.as_str()).or_default() += 1;
        }
    }
    let top = count.values().copied().max().unwrap_or(0);
    count
        .into_iter()
        .filter(|(_, n)| n * 2 >= top && top > 0)
        .map(|(s, _)| s.to_string())
        .collect()
}

/// The days an event's date stands for, by its own precision and without
/// slack: a week-precision date is the seven days from its date (a week's
/// Monday, or a weekend's Saturday, which this overstates by five days),
/// the others their day, month or year.
fn own_span(ev: &Event) -> Option<(i64, i64)> {
    let d = ev.date?;
    let (a, b) = span_of(d);
    Some(match ev.date_precision {
        Some(Precision::Week) if d.day.is_some() => (a, a + 6),
        _ => (a, b),
    })
}

/// The best-supported date of some reports: the date the most reports can
/// hold (each report holds every date inside its own), of equally held
/// dates the most precise ("last week" and "on Monday" hold the Monday; a
/// month holds each of its days), then the one some report asserts, then
/// the more confident, then the earliest report's. Dates read from the
/// text outvote publication dates.
fn date_vote(ctx: &Ctx, members: &[usize]) -> Option<PartialDate> {
    let pool = |strong: bool| -> Vec<(usize, (i64, i64))> {
        members
            .iter()
            .filter(|&&i| ctx.reps[i].weak != strong)
            .filter_map(|&i| own_span(ctx.ev(i)).map(|s| (i, s)))
            .collect()
    };
    best_supported(ctx, &pool(true)).or_else(|| best_supported(ctx, &pool(false)))
}

fn best_supported(ctx: &Ctx, dated: &[(usize, (i64, i64))]) -> Option<PartialDate> {
    let holds = |outer: (i64, i64), inner: (i64, i64)| outer.0 <= inner.0 && inner.1 <= outer.1;
    let rank = |&(i, s): &(usize, (i64, i64))| {
        let support = dated.iter().filter(|(_, o)| holds(*o, s)).count();
        let r = &ctx.reps[i];
        (
            support,
            -(s.1 - s.0),
            r.status == Status::Asserted,
            r.confidence,
        )
    };
    dated
        .iter()
        .max_by(|x, y| {
            let (a, b) = (rank(x), rank(y));
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.total_cmp(&b.3))
                .then(y.0.cmp(&x.0))
        })
        .and_then(|&(i, _)| ctx.ev(i).date)
}

/// A change of control's date: the best-supported date of the reports
/// about the place, made more precise by a report of the same event that
/// dates it inside that span without naming the place ("seized the base
/// last week" and "took an air base on Monday", one event).
fn step_date(ctx: &Ctx, at: &[usize], members: &[usize]) -> Option<PartialDate> {
    let Some(d) = date_vote(ctx, at) else {
        return date_vote(ctx, members);
    };
    let giver = at.iter().find(|&&i| ctx.ev(i).date == Some(d));
    let Some(span) = giver.and_then(|&i| own_span(ctx.ev(i))) else {
        return Some(d);
    };
    let finer: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            let r = &ctx.reps[i];
            !r.weak
                && r.modality == crate::reports::Modality::Actual
                && own_span(ctx.ev(i))
                    .is_some_and(|s| span.0 <= s.0 && s.1 <= span.1 && s.1 - s.0 < span.1 - span.0)
        })
        .collect();
    Some(date_vote(ctx, &finer).unwrap_or(d))
}

fn status_of(ctx: &Ctx, members: &[usize]) -> Status {
    if members
        .iter()
        .any(|&i| ctx.reps[i].status == Status::Asserted)
    {
        return Status::Asserted;
    }
    vote(&ctx.reps, members.iter().map(|&i| (ctx.reps[i].status, i))).unwrap_or(Status::Claimed)
}

fn distinct_outlets(ctx: &Ctx, members: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = members
        .iter()
        .map(|&i| ctx.outlets[ctx.reps[i].d].clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

pub(crate) fn clusters(ctx: &Ctx) -> Vec<Cluster> {
    ctx.groups
        .iter()
        .map(|(id, members)| {
            let reps = &ctx.reps;
            let kind =
                vote(reps, members.iter().map(|&i| (reps[i].kind.clone(), i))).unwrap_or_default();
            let km: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&i| reps[i].kind == kind)
                .collect();
            let mode = vote(
                reps,
                km.iter()
                    .filter_map(|&i| reps[i].mode.clone().map(|m| (m, i))),
            );
            let src: Vec<&[String]> = km
                .iter()
                .map(|&i| reps[i].src.as_slice())
                .filter(|s| !s.is_empty())
                .collect();
            let tgt: Vec<&[String]> = km
                .iter()
                .map(|&i| reps[i].tgt.as_slice())
                .filter(|s| !s.is_empty())
                .collect();
            let place = |coarse: bool| {
                vote(
                    reps,
                    members.iter().filter_map(|&i| {
                        reps[i]
                            .place
                            .as_ref()
                            .filter(|p| p.coarse == coarse)
                            .map(|p| (p.id.clone(), i))
                    }),
                )
            };
            Cluster {
                id: id.clone(),
                mode,
                source: most_specific(ctx, members, side_vote(&src)),
                target: most_specific(ctx, members, side_vote(&tgt)),
                location: place(false).or_else(|| place(true)),
                date: date_vote(ctx, members),
                status: status_of(ctx, members),
                reports: members.iter().map(|&i| ctx.rref(i)).collect(),
                outlets: distinct_outlets(ctx, members),
                confidence: members
                    .iter()
                    .map(|&i| reps[i].confidence)
                    .fold(0.0, f32::max),
                kind,
            }
        })
        .collect()
}

/// One change of control: a cluster's account of one place.
pub(crate) struct Step {
    pub cluster: usize,
    pub place: String,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
    pub date: Option<PartialDate>,
    pub members: Vec<usize>,
    pub takers: Vec<usize>,
    pub leavers: Vec<usize>,
}

pub(crate) fn steps(ctx: &Ctx) -> Vec<Step> {
    let reps = &ctx.reps;
    let mut out = Vec::new();
    for (ci, (_, members)) in ctx.groups.iter().enumerate() {
        // Reports that can speak of control: actual, not hypothetical or planned.
        let actual: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&i| matches!(reps[i].modality, crate::reports::Modality::Actual))
            .collect();
        let mut places: Vec<String> = actual
            .iter()
            .filter_map(|&i| reps[i].control.clone())
            .collect();
        // A taking and a withdrawal from one place in one event: control changed.
        for &i in &actual {
            if reps[i].is_withdrawal() {
                for p in reps[i].place_ids() {
                    if actual.iter().any(|&j| reps[j].is_taking() && reps[j].at(p)) {
                        places.push(p.to_string());
                    }
                }
            }
        }
        places.sort();
        places.dedup();
        for p in places {
            let at: Vec<usize> = actual.iter().copied().filter(|&i| reps[i].at(&p)).collect();
            let controls: Vec<&sitrep_model::Control> = at
                .iter()
                .filter_map(|&i| ctx.ev(i).control.as_ref().filter(|c| c.place == p))
                .collect();
            let takers: Vec<usize> = at
                .iter()
                .copied()
                .filter(|&i| reps[i].is_taking())
                .collect();
            let leavers: Vec<usize> = at
                .iter()
                .copied()
                .filter(|&i| reps[i].is_withdrawal())
                .collect();
            let mapped = |f: &dyn Fn(&sitrep_model::Control) -> &Vec<String>| -> Vec<Vec<String>> {
                controls
                    .iter()
                    .map(|c| ctx.sides(f(c)))
                    .filter(|v| !v.is_empty())
                    .collect()
            };
            let given_gain = mapped(&|c| &c.gained_by);
            let given_loss = mapped(&|c| &c.lost_by);
            let refs =
                |v: &[Vec<String>]| side_vote(&v.iter().map(|x| x.as_slice()).collect::<Vec<_>>());
            let mut gained = refs(&given_gain);
            if gained.is_empty() {
                gained = side_vote(
                    &takers
                        .iter()
                        .map(|&i| reps[i].src.as_slice())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                );
            }
            let mut lost = refs(&given_loss);
            if lost.is_empty() {
                lost = side_vote(
                    &leavers
                        .iter()
                        .map(|&i| reps[i].src.as_slice())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                );
            }
            if lost.is_empty() {
                lost = side_vote(
                    &takers
                        .iter()
                        .map(|&i| reps[i].tgt.as_slice())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                );
            }
            let gained = most_specific(ctx, &at, gained);
            let mut lost = most_specific(ctx, &at, lost);
            lost.retain(|s| !gained.contains(s));
            if gained.is_empty() && lost.is_empty() {
                continue;
            }
            let date = step_date(ctx, &at, members);
            out.push(Step {
                cluster: ci,
                place: p,
                gained,
                lost,
                date,
                members: at,
                takers,
                leavers,
            });
        }
    }
    out
}

fn day_key(d: &Option<PartialDate>) -> (bool, i64, i64) {
    match d {
        Some(d) => {
            let (a, b) = span_of(*d);
            (false, a, b)
        }
        None => (true, 0, 0),
    }
}

pub(crate) fn control(ctx: &Ctx, steps: &[Step]) -> Vec<PlaceControl> {
    let mut by_place: BTreeMap<&str, Vec<&Step>> = BTreeMap::new();
    for s in steps {
        by_place.entry(s.place.as_str()).or_default().push(s);
    }
    by_place
        .into_iter()
        .map(|(place, mut v)| {
            v.sort_by_key(|s| (day_key(&s.date), s.cluster));
            let (name, lat, lon) = place_name(ctx, place);
            PlaceControl {
                place: place.to_string(),
                name,
                lat,
                lon,
                steps: v
                    .into_iter()
                    .map(|s| {
                        let statuses: Vec<Status> =
                            s.members.iter().map(|&i| ctx.reps[i].status).collect();
                        let status = if statuses.contains(&Status::Asserted) {
                            Status::Asserted
                        } else if statuses.contains(&Status::Claimed)
                            || !statuses.contains(&Status::Denied)
                        {
                            Status::Claimed
                        } else {
                            Status::Denied
                        };
                        ControlStep {
                            date: s.date,
                            gained_by: s.gained.clone(),
                            lost_by: s.lost.clone(),
                            status,
                            cluster: ctx.groups[s.cluster].0.clone(),
                            reports: s.members.iter().map(|&i| ctx.rref(i)).collect(),
                            outlets: distinct_outlets(ctx, &s.members),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

fn place_name(ctx: &Ctx, id: &str) -> (String, Option<f64>, Option<f64>) {
    for d in ctx.docs {
        if let Some(e) = d.entities.iter().find(|e| e.id == id) {
            return (e.name.clone(), e.lat, e.lon);
        }
    }
    for d in ctx.docs {
        for ev in &d.events {
            if let Some(l) = ev.location.as_ref().filter(|l| l.id == id) {
                return (l.name.clone(), l.lat, l.lon);
            }
        }
    }
    (id.to_string(), None, None)
}

fn best(ctx: &Ctx, v: &[usize]) -> usize {
    *v.iter()
        .max_by(|&&a, &&b| {
            let (x, y) = (&ctx.reps[a], &ctx.reps[b]);
            (x.status == Status::Asserted)
                .cmp(&(y.status == Status::Asserted))
                .then(x.confidence.total_cmp(&y.confidence))
                .then(b.cmp(&a))
        })
        .unwrap()
}

fn names(v: &[String]) -> String {
    if v.is_empty() {
        "someone".into()
    } else {
        v.join(", ")
    }
}

pub(crate) fn contradictions(
    ctx: &Ctx,
    clusters: &[Cluster],
    steps: &[Step],
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    control_contradictions(ctx, steps, &mut out);
    for (ci, (_, members)) in ctx.groups.iter().enumerate() {
        attribution(ctx, ci, &clusters[ci], members, &mut out);
        figures(ctx, ci, members, &mut out);
        dates(ctx, ci, members, &mut out);
    }
    out
}

fn control_contradictions(ctx: &Ctx, steps: &[Step], out: &mut Vec<Contradiction>) {
    for s in steps {
        let cid = Some(ctx.groups[s.cluster].0.clone());
        // Reports of one change that name different winners.
        let mut by_gain: BTreeMap<Vec<String>, Vec<usize>> = BTreeMap::new();
        for &i in &s.members {
            if let Some(c) = ctx.ev(i).control.as_ref().filter(|c| c.place == s.place) {
                let g = ctx.sides(&c.gained_by);
                if !g.is_empty() {
                    by_gain.entry(g).or_default().push(i);
                }
            }
        }
        let keys: Vec<&Vec<String>> = by_gain.keys().collect();
        let disjoint = keys.iter().enumerate().any(|(k, a)| {
            keys[k + 1..]
                .iter()
                .any(|b| !a.iter().any(|x| b.contains(x)))
        });
        if disjoint {
            out.push(Contradiction {
                kind: ContradictionKind::Control,
                cluster: cid.clone(),
                place: Some(s.place.clone()),
                sides: by_gain
                    .iter()
                    .map(|(g, v)| {
                        let i = best(ctx, v);
                        ctx.side_of(
                            i,
                            format!("{} gained {} ({})", names(g), s.place, ctx.voice(i)),
                        )
                    })
                    .collect(),
            });
        }
        // Taken by force, or given up: the two accounts of one change.
        if !s.takers.is_empty() && !s.leavers.is_empty() {
            let (t, l) = (best(ctx, &s.takers), best(ctx, &s.leavers));
            let taker = if ctx.reps[t].src.is_empty() {
                s.gained.clone()
            } else {
                ctx.reps[t].src.clone()
            };
            out.push(Contradiction {
                kind: ContradictionKind::Control,
                cluster: cid,
                place: Some(s.place.clone()),
                sides: vec![
                    ctx.side_of(
                        t,
                        format!(
                            "{} took {} by force ({}, {})",
                            names(&taker),
                            s.place,
                            ctx.reps[t].kind,
                            ctx.voice(t)
                        ),
                    ),
                    ctx.side_of(
                        l,
                        format!(
                            "{} withdrew from {} ({}, {})",
                            names(&ctx.reps[l].src),
                            s.place,
                            ctx.reps[l].kind,
                            ctx.voice(l)
                        ),
                    ),
                ],
            });
        }
    }
    // Different clusters: the same place won by different sides at once.
    for (k, a) in steps.iter().enumerate() {
        for b in &steps[k + 1..] {
            if a.place != b.place
                || a.cluster == b.cluster
                || a.gained.is_empty()
                || b.gained.is_empty()
            {
                continue;
            }
            if a.gained.iter().any(|x| b.gained.contains(x)) {
                continue;
            }
            let iv = |d: &Option<PartialDate>| d.map(span_of);
            if a.date.is_none() || b.date.is_none() || !overlap(iv(&a.date), iv(&b.date), 1) {
                continue;
            }
            let (i, j) = (best(ctx, &a.members), best(ctx, &b.members));
            out.push(Contradiction {
                kind: ContradictionKind::Control,
                cluster: None,
                place: Some(a.place.clone()),
                sides: vec![
                    ctx.side_of(
                        i,
                        format!("{} gained {} ({})", names(&a.gained), a.place, ctx.voice(i)),
                    ),
                    ctx.side_of(
                        j,
                        format!("{} gained {} ({})", names(&b.gained), b.place, ctx.voice(j)),
                    ),
                ],
            });
        }
    }
}

fn attribution(
    ctx: &Ctx,
    ci: usize,
    cluster: &Cluster,
    members: &[usize],
    out: &mut Vec<Contradiction>,
) {
    let reps = &ctx.reps;
    let cid = Some(ctx.groups[ci].0.clone());
    let denied: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| reps[i].status == Status::Denied)
        .collect();
    let affirmed: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| matches!(reps[i].status, Status::Asserted | Status::Claimed))
        .collect();
    if !denied.is_empty() && !affirmed.is_empty() {
        let (a, d) = (best(ctx, &affirmed), best(ctx, &denied));
        let what = |i: usize| format!("{} by {}", reps[i].kind, names(&reps[i].src));
        out.push(Contradiction {
            kind: ContradictionKind::Attribution,
            cluster: cid.clone(),
            place: cluster.location.clone(),
            sides: vec![
                ctx.side_of(a, format!("{} ({})", what(a), ctx.voice(a))),
                ctx.side_of(d, format!("{} ({})", what(d), ctx.voice(d))),
            ],
        });
    }
    // Different perpetrators named for one act.
    let mut by_src: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for &i in members {
        if reps[i].kind == cluster.kind
            && !reps[i].src.is_empty()
            && reps[i].status != Status::Denied
        {
            by_src.entry(reps[i].src.as_slice()).or_default().push(i);
        }
    }
    let groups: Vec<(&[String], Vec<usize>)> = by_src.into_iter().collect();
    let mut chosen: Vec<usize> = Vec::new();
    for (k, (a, _)) in groups.iter().enumerate() {
        for (b, _) in &groups[k + 1..] {
            if !a.iter().any(|x| b.contains(x)) {
                for g in [a, b] {
                    let gi = groups.iter().position(|(x, _)| x == g).unwrap();
                    if !chosen.contains(&gi) {
                        chosen.push(gi);
                    }
                }
            }
        }
    }
    if chosen.len() >= 2 {
        chosen.sort();
        out.push(Contradiction {
            kind: ContradictionKind::Attribution,
            cluster: cid,
            place: cluster.location.clone(),
            sides: chosen
                .into_iter()
                .map(|gi| {
                    let (s, v) = &groups[gi];
                    let i = best(ctx, v);
                    ctx.side_of(
                        i,
                        format!("{} by {} ({})", cluster.kind, names(s), ctx.voice(i)),
                    )
                })
                .collect(),
        });
    }
}

fn bounds(c: Count) -> (u64, u64) {
    match c {
        Count::Exact(n) => (n, n),
        Count::Range { min, max } => (min.min(max), min.max(max)),
    }
}

fn count_str(c: Count) -> String {
    match c {
        Count::Exact(n) => n.to_string(),
        Count::Range { min, max } => format!("{min}-{max}"),
    }
}

/// Two figures agree when their ranges meet within the tolerance.
fn figures_agree(a: Count, b: Count) -> bool {
    let ((a0, a1), (b0, b1)) = (bounds(a), bounds(b));
    let tol = |x: u64| ((x as f64 * FIGURE_TOLERANCE).ceil() as u64).max(1);
    a0 <= b1 + tol(b1) && b0 <= a1 + tol(a1)
}

fn figures(ctx: &Ctx, ci: usize, members: &[usize], out: &mut Vec<Contradiction>) {
    let mut fields: BTreeMap<String, Vec<(Figure, usize)>> = BTreeMap::new();
    for &i in members {
        let Some(size) = &ctx.ev(i).size else {
            continue;
        };
        let mut add = |what: &str, c: Option<Count>| {
            if let Some(c) = c {
                fields
                    .entry(what.to_string())
                    .or_default()
                    .push(((what.to_string(), c), i));
            }
        };
        add("dead", size.dead);
        add("injured", size.injured);
        add("displaced", size.displaced);
        add("captured", size.captured);
        for o in &size.other {
            add(&o.what.trim().to_lowercase(), Some(o.n));
        }
    }
    for (what, v) in fields {
        let disagree = v
            .iter()
            .enumerate()
            .any(|(k, a)| v[k + 1..].iter().any(|b| !figures_agree(a.0 .1, b.0 .1)));
        if !disagree {
            continue;
        }
        let mut by_value: Vec<(Count, Vec<usize>)> = Vec::new();
        for ((_, c), i) in &v {
            match by_value.iter_mut().find(|(x, _)| x == c) {
                Some((_, l)) => l.push(*i),
                None => by_value.push((*c, vec![*i])),
            }
        }
        out.push(Contradiction {
            kind: ContradictionKind::Figures,
            cluster: Some(ctx.groups[ci].0.clone()),
            place: None,
            sides: by_value
                .into_iter()
                .map(|(c, l)| {
                    let i = best(ctx, &l);
                    ctx.side_of(i, format!("{what}: {} ({})", count_str(c), ctx.voice(i)))
                })
                .collect(),
        });
    }
}

fn dates(ctx: &Ctx, ci: usize, members: &[usize], out: &mut Vec<Contradiction>) {
    let strong: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| !ctx.reps[i].weak && ctx.reps[i].iv.is_some())
        .collect();
    let clash = strong.iter().enumerate().any(|(k, &a)| {
        strong[k + 1..]
            .iter()
            .any(|&b| !overlap(ctx.reps[a].iv, ctx.reps[b].iv, 0))
    });
    if !clash {
        return;
    }
    let mut by_date: BTreeMap<PartialDate, Vec<usize>> = BTreeMap::new();
    for &i in &strong {
        by_date.entry(ctx.ev(i).date.unwrap()).or_default().push(i);
    }
    out.push(Contradiction {
        kind: ContradictionKind::Date,
        cluster: Some(ctx.groups[ci].0.clone()),
        place: None,
        sides: by_date
            .into_iter()
            .map(|(d, l)| {
                let i = best(ctx, &l);
                ctx.side_of(i, format!("on {d} ({})", ctx.voice(i)))
            })
            .collect(),
    });
}

pub(crate) fn network(clusters: &[Cluster]) -> Vec<Edge> {
    let mut edges: BTreeMap<(String, String, Relation), Edge> = BTreeMap::new();
    for c in clusters {
        let relation = if SUPPORT_TYPES.contains(&c.kind.as_str()) {
            Relation::Support
        } else if HOSTILE_TYPES.contains(&c.kind.as_str()) {
            Relation::Hostility
        } else {
            continue;
        };
        if matches!(c.status, Status::Denied | Status::Hypothetical) {
            continue;
        }
        for s in &c.source {
            for t in &c.target {
                if s == t {
                    continue;
                }
                let e = edges
                    .entry((s.clone(), t.clone(), relation))
                    .or_insert_with(|| Edge {
                        source: s.clone(),
                        target: t.clone(),
                        relation,
                        weight: 0,
                        types: Vec::new(),
                        first: None,
                        last: None,
                        clusters: Vec::new(),
                    });
                e.weight += 1;
                e.clusters.push(c.id.clone());
                match e.types.iter_mut().find(|(k, _)| *k == c.kind) {
                    Some((_, n)) => *n += 1,
                    None => e.types.push((c.kind.clone(), 1)),
                }
                if let Some(d) = c.date {
                    if e.first.is_none_or(|f| span_of(d).0 < span_of(f).0) {
                        e.first = Some(d);
                    }
                    if e.last.is_none_or(|l| span_of(d).1 > span_of(l).1) {
                        e.last = Some(d);
                    }
                }
            }
        }
    }
    let mut v: Vec<Edge> = edges.into_values().collect();
    for e in &mut v {
        e.types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    }
    v.sort_by(|a, b| {
        b.weight
            .cmp(&a.weight)
            .then(a.relation.cmp(&b.relation))
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
    });
    v
}

pub(crate) fn sources(ctx: &Ctx, clusters: &[Cluster]) -> Vec<SourceProfile> {
    struct Acc {
        docs: usize,
        events: usize,
        asserted: usize,
        carries: BTreeMap<String, usize>,
    }
    let mut acc: BTreeMap<&str, Acc> = BTreeMap::new();
    for (d, doc) in ctx.docs.iter().enumerate() {
        let a = acc.entry(ctx.outlets[d].as_str()).or_insert(Acc {
            docs: 0,
            events: 0,
            asserted: 0,
            carries: BTreeMap::new(),
        });
        a.docs += 1;
        a.events += doc.events.len();
        for ev in &doc.events {
            a.asserted += (ev.status == Status::Asserted) as usize;
            for s in ctx.sides(&ev.claimed_by) {
                *a.carries.entry(s).or_default() += 1;
            }
        }
    }
    acc.into_iter()
        .map(|(outlet, a)| {
            let mut carries: Vec<(String, usize)> = a.carries.into_iter().collect();
            carries.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            SourceProfile {
                outlet: outlet.to_string(),
                documents: a.docs,
                events: a.events,
                asserted_share: if a.events == 0 {
                    0.0
                } else {
                    a.asserted as f64 / a.events as f64
                },
                carries,
                exclusive: clusters
                    .iter()
                    .filter(|c| c.outlets.len() == 1 && c.outlets[0] == outlet)
                    .map(|c| c.id.clone())
                    .collect(),
            }
        })
        .collect()
}

pub(crate) fn entities(docs: &[Document], side: &dyn Fn(&str) -> String) -> Vec<EntityInfo> {
    let mut out = mentioned_entities(docs);
    // A side no document names itself ("Ukraine" when only "Ukrainian
    // forces" are named) takes the name of the first actor standing for it.
    let known: HashSet<String> = out.iter().map(|e| e.id.clone()).collect();
    let mut added: HashSet<String> = HashSet::new();
    let mut standing: Vec<EntityInfo> = Vec::new();
    for e in &out {
        let s = side(&e.id);
        if s != e.id && !known.contains(&s) && added.insert(s.clone()) {
            standing.push(EntityInfo { id: s, lat: None, lon: None, ..e.clone() });
        }
    }
    out.extend(standing);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The entities the documents mention, merged by id.
fn mentioned_entities(docs: &[Document]) -> Vec<EntityInfo> {
    let mut out: Vec<EntityInfo> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for doc in docs {
        let mut seen = HashSet::new();
        for e in &doc.entities {
            if !seen.insert(e.id.as_str()) {
                continue;
            }
            match index.get(e.id.as_str()) {
                Some(&k) => out[k].seen_again(e),
                None => {
                    index.insert(e.id.as_str(), out.len());
                    out.push(EntityInfo::first_seen(e));
                }
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

pub(crate) fn period(clusters: &[Cluster]) -> Option<(PartialDate, PartialDate)> {
    let dates: Vec<PartialDate> = clusters.iter().filter_map(|c| c.date).collect();
    let first = dates.iter().min_by_key(|d| span_of(**d).0)?;
    let last = dates.iter().max_by_key(|d| span_of(**d).1)?;
    Some((*first, *last))
}
