"""Benchmark of the region optimiser on the real graph and the real savings engine.

For every province and the whole country and for group sizes 4, 5 and 6 it runs, in the same
process: (a) the optimiser (``RegionPartitioner``), (b) a greedy pair merge (start alone, merge
the neighbouring pair of groups with the largest gain until no merge gains), and (c) one direct
HiGHS call on the plain set-packing model over every connected group (no dominance pruning, no
decomposition, no warm start, same time limit). It prints time, objective, proven bound and gap
of each, and the ratios against the optimiser. Every veiligheidsregio is also solved by the
optimiser alone (target: proven optimal in under 2 s).

    .venv/bin/python benchmarks/bench_partition.py                      # everything, ~10 min
    .venv/bin/python benchmarks/bench_partition.py --gebieden provincie --ks 6
    .venv/bin/python benchmarks/bench_partition.py --taakveld 7.3 --modus literature

Defaults: taakveld 0.61 (OZB woningen), literature mode, bedrijfsvoeringsorganisatie; time
limits 10 s per province and 60 s for the country, for the optimiser and the direct call alike.

Under uncertainty (issue 17), side by side in the same run:

    .venv/bin/python benchmarks/bench_partition.py --gebieden grens,robuust,stabiliteit --ks 6

``grens``: the veiligheidsregio's of 13–14 gemeenten at the CLI's smallest time limit (0.1 s):
objective, proven bound, gap. ``robuust``: per province the point-optimal and the risk-averse
(maximal P10) partition over ``--trekkingen`` draws: their P10 and P50 totals, what the robust
one gives up on the median and gains on the P10, with bound and gap. ``stabiliteit``: the
stability map (``--trekkingen`` draws, ``--workers`` processes) for Utrecht, Gelderland and the
country, with time, draws proven optimal and the largest gap (``--limiet-trekking`` s per draw
in the country, a fifth of the province limit in a province; `--kloof-trekking`).

The gap for every taakveld (issue 17, item 3), side by side in the same run:

    .venv/bin/python benchmarks/bench_partition.py --gebieden kloof,taakvelden --ks 6

``kloof``: for each ``--taakveld`` (default 7.3) the four largest provinces (province limit) and
the country (country limit), solved with the additive fast path and without it (the previous
method: set packing only), with objective, bound, gap and time. ``taakvelden``: the country at
the country limit for every cooperable taakveld of the engine (45 in literature mode) with the
current method: objective, proven bound, gap, whether the values were additive, and the share of
taakvelden within 0.1%. ``taakvelden-p90``: the same at each taakveld's P90 saving rate from
the engine's own draws (at the P50 most literature priors save nothing).
"""

from __future__ import annotations

import argparse
import os
import resource
import time

import numpy as np

from regiokompas.data import load_dataset
from regiokompas.partition import (
    RegionPartitioner,
    area_members,
    connected_groups,
    engine_scenarios,
    engine_scorer,
    robust_partitions,
    stability_map,
)
from regiokompas.partition._highs import solve_mip
from regiokompas.savings import SavingsEngine


def greedy_merge(members, edges, scorer, k):
    """Merge the adjacent pair of groups with the largest positive gain until none is left."""
    index = {c: i for i, c in enumerate(members)}
    groups = {i: (i,) for i in range(len(members))}
    owner = list(range(len(members)))
    adjacent = [(index[a], index[b]) for a, b in edges]
    cache: dict[tuple[int, ...], float] = {}

    def values(keys):
        todo = [g for g in keys if g not in cache]
        if todo:
            matrix = np.full((len(todo), k), -1, dtype=np.int32)
            for row, g in enumerate(todo):
                matrix[row, : len(g)] = g
            for g, v in zip(todo, scorer(matrix, members), strict=True):
                cache[g] = float(v)
        return [cache[g] for g in keys]

    while True:
        pairs = {tuple(sorted((owner[a], owner[b]))) for a, b in adjacent if owner[a] != owner[b]}
        pairs = [p for p in pairs if len(groups[p[0]]) + len(groups[p[1]]) <= k]
        if not pairs:
            break
        unions = [tuple(sorted(groups[a] + groups[b])) for a, b in pairs]
        merged = values(unions)
        parts_a = values([groups[a] for a, _ in pairs])
        parts_b = values([groups[b] for _, b in pairs])
        gains = np.array(merged) - np.array(parts_a) - np.array(parts_b)
        best = int(np.argmax(gains))
        if gains[best] <= 1e-9:
            break
        a, b = pairs[best]
        groups[a] = unions[best]
        del groups[b]
        for i in groups[a]:
            owner[i] = a
    final = list(groups.values())
    return float(sum(values(final))), final


def direct_call(members, edges, scorer, k, limit):
    """One HiGHS call on all connected groups of size 2..k, nothing else."""
    index = {c: i for i, c in enumerate(members)}
    adjacency = [[] for _ in members]
    for a, b in edges:
        adjacency[index[a]].append(index[b])
        adjacency[index[b]].append(index[a])
    groups = connected_groups(adjacency, k)
    groups = groups[(groups >= 0).sum(axis=1) >= 2]
    values = scorer(groups, members)
    mip = solve_mip(
        groups,
        values,
        np.zeros(len(members), dtype=bool),
        time_limit=limit,
        aggregates=False,
        presolve=True,  # HiGHS defaults: a plain solver call
    )
    objective = mip.objective if mip.has_solution else float("nan")
    return objective, mip.bound, len(groups)


def gap(bound, objective):
    if not np.isfinite(objective) or not np.isfinite(bound):
        return float("nan")
    return (bound - objective) / max(abs(bound), 1.0)


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def bound_at_smallest_limit(ds, scorer, k):
    """Always a bound: the veiligheidsregio's of 13-14 gemeenten at 0.1 s."""
    sizes = ds.regio[ds.regio["regiotype"] == "veiligheidsregio"].groupby("regio_code").size()
    for code in sorted(sizes[(sizes >= 13) & (sizes <= 14)].index):
        r = RegionPartitioner.from_region(
            ds, f"veiligheidsregio:{code}", scorer, max_size=k, time_limit=0.1
        ).solve()
        print(
            f"grens 0,1 s {code} ({sizes[code]} gemeenten, k={k}): objective {r.objective:.1f} "
            f"bound {r.bound:.1f} gap {r.gap:.4%} {r.status} in {r.timings['totaal_s']:.2f} s "
            f"({load()})",
            flush=True,
        )


def robust_per_province(ds, engine, scorer, taakvelden, args, k):
    """Point-optimal against risk-averse partitions per province, on the same draws."""
    scenarios = engine_scenarios(engine, taakvelden, args.vorm, draws=args.trekkingen, seed=0)
    names = sorted(set(ds.regio.loc[ds.regio["regiotype"] == "provincie", "regio_naam"]))
    print(
        f"robust partitions, k={k}, {args.trekkingen} draws; totals in k€/yr over the draws "
        "(P10 / P50); 'kloof' is each solve's proven gap on its own criterion"
    )
    header = (
        f"{'provincie':16s} {'s':>6s} | {'punt P10':>9s} {'punt P50':>9s} {'kloof':>8s} | "
        f"{'robuust P10':>11s} {'P50':>9s} {'kloof':>8s} | {'P10 +':>8s} {'P50 -':>8s} exact"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        model = RegionPartitioner.from_region(
            ds, f"provincie:{name}", scorer, max_size=k, time_limit=args.limiet_provincie
        )
        t = time.perf_counter()
        r = robust_partitions(model, scenarios)
        seconds = time.perf_counter() - t
        p, q = r.point, r.risk_averse
        print(
            f"{name:16s} {seconds:6.1f} | {p.total.p10:9.1f} {p.total.p50:9.1f} "
            f"{p.result.gap:8.4%} | {q.total.p10:11.1f} {q.total.p50:9.1f} {q.result.gap:8.4%} | "
            f"{r.p10_gained:8.1f} {r.median_given_up:8.1f} {q.exact} {q.criterion} "
            f"CVaR10 {p.total.cvar10:.1f} -> {q.total.cvar10:.1f} ({load()})",
            flush=True,
        )


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (the stability workers): under
    a load of 10+ on 2 cores a niced run gets a few percent of a core, so wall time alone
    says more about the machine than about the code."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stability_timings(ds, engine, scorer, taakvelden, args, k):
    """Stability maps: wall time, draws proven optimal, largest gap."""
    scenarios = engine_scenarios(engine, taakvelden, args.vorm, draws=args.trekkingen, seed=0)
    for area in args.stabiliteit_gebieden.split(","):
        per_draw = args.limiet_trekking if area == "land" else args.limiet_provincie / 5
        model = RegionPartitioner.from_region(ds, area, scorer, max_size=k, time_limit=per_draw)
        t, cpu = time.perf_counter(), cpu_seconds()
        result = stability_map(
            model,
            scenarios,
            workers=args.workers,
            time_limit_per_draw=per_draw,
            tolerance=args.kloof_trekking,
        )
        seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        if area in args.stabiliteit_basis.split(","):
            # The baseline in the same run: without the warm LP (the optimiser per draw), or
            # without the additive route (every draw through the set packing's warm LP).
            additive = args.basis_zonder != "additief"
            base_model = RegionPartitioner.from_region(
                ds, area, scorer, max_size=k, time_limit=per_draw, additive=additive
            )
            t = time.perf_counter()
            before = stability_map(
                base_model,
                scenarios,
                workers=args.workers,
                time_limit_per_draw=per_draw,
                tolerance=args.kloof_trekking,
                warm_lp=args.basis_zonder != "warme-lp",
                recombination=args.basis_zonder != "boom",
            )
            base = time.perf_counter() - t
            print(
                f"stabiliteit {area} k={k} zonder {args.basis_zonder} (basis, zelfde run): "
                f"{base:.1f} s, "
                f"{before.proven} proven, largest gap {before.max_gap:.4%}; "
                f"ratio {base / seconds:.1f}x ({load()})",
                flush=True,
            )
        print(
            f"stabiliteit {area} k={k}: {result.draws} draws in {seconds:.1f} s "
            f"(CPU {cpu:.1f} s, this process and its workers) "
            f"(limit {per_draw:g} s per draw, tolerance {args.kloof_trekking:g}, "
            f"workers {args.workers or os.cpu_count()}); "
            f"{result.proven} proven optimal, largest gap {result.max_gap:.4%} "
            f"({result.max_gap_keur:.1f} k€/yr); within 0.1% / 0.5% / 1%: "
            f"{' / '.join(str(within(result, t)) for t in (1e-3, 5e-3, 1e-2))}; "
            f"methods {result.methods}; "
            f"{len(model.candidate_groups())} groups ({load()})",
            flush=True,
        )


def within(result, tolerance: float) -> int:
    """Draws whose proven relative gap is at most ``tolerance``."""
    return sum(
        (o.bound - o.objective) / max(abs(o.bound), 1.0) <= tolerance + 1e-12
        for o in result.outcomes
    )


LARGE_PROVINCES = ("Gelderland", "Noord-Brabant", "Noord-Holland", "Zuid-Holland")


def gap_side_by_side(ds, scorer_for, taakvelden, args, k):
    """7.3 (or the given taakvelden): large provinces and the country, new and previous."""
    areas = [(f"provincie:{p}", args.limiet_provincie) for p in LARGE_PROVINCES]
    areas.append(("land", args.limiet_land))
    print(
        f"{'taakveld':8s} {'gebied':26s} {'k':>2s} | {'s':>6s} {'objective':>10s} {'bound':>10s} "
        f"{'gap':>8s} {'status':>11s} | previous: {'s':>6s} {'objective':>10s} {'bound':>10s} "
        f"{'gap':>8s}"
    )
    for taakveld in taakvelden:
        scorer = scorer_for(taakveld)
        for area, limit in areas:
            row = []
            for additive in (True, False):
                r = RegionPartitioner.from_region(
                    ds, area, scorer, max_size=k, time_limit=limit, additive=additive
                ).solve()
                row.append(r)
            new, old = row
            print(
                f"{taakveld:8s} {area:26s} {k:2d} | {new.timings['totaal_s']:6.1f} "
                f"{new.objective:10.1f} {new.bound:10.1f} {new.gap:8.4%} {new.status:>11s} | "
                f"{'':9s}  {old.timings['totaal_s']:6.1f} {old.objective:10.1f} "
                f"{old.bound:10.1f} {old.gap:8.4%} ({load()})",
                flush=True,
            )


def gap_per_taakveld(ds, engine, args, k, quantile=None):
    """The country for every cooperable taakveld: the share within 0.1%. With ``quantile``
    (e.g. 0.9) each taakveld's saving rate is set to that quantile of the engine's own draws
    (``engine_scenarios``): at the P50 most literature priors save nothing, so most taakvelden
    are then trivially optimal (everyone alone); at the P90 almost every taakveld has groups
    worth forming."""
    taakvelden = engine.taakvelden(None)
    rate = "P50 (point estimate)" if quantile is None else f"P{round(100 * quantile)} rate"
    print(
        f"country, k={k}, {args.limiet_land:g} s, mode {args.modus}, {rate}: "
        f"{len(taakvelden)} taakvelden"
    )
    print(
        f"{'taakveld':10s} {'s':>6s} {'objective':>10s} {'bound':>10s} {'gap':>9s} "
        f"{'status':>11s} additive"
    )
    met = 0
    for taakveld in taakvelden:
        scorer = engine_scorer(engine, [taakveld], args.vorm)
        model = RegionPartitioner.from_region(
            ds, "land", scorer, max_size=k, time_limit=args.limiet_land
        )
        if quantile is None:
            r = model.solve()
        else:
            scenarios = engine_scenarios(engine, [taakveld], args.vorm, draws=100, seed=0)
            sv = scenarios(model.candidate_groups(), model.nodes)
            rates = np.quantile(sv.multipliers, quantile, axis=0)
            r = model.solve_values(sv.fixed + sv.loadings @ rates)
        met += r.gap <= 1e-3
        print(
            f"{taakveld:10s} {r.timings['totaal_s']:6.1f} {r.objective:10.1f} {r.bound:10.1f} "
            f"{r.gap:9.4%} {r.status:>11s} {bool(r.stats.get('additief'))} ({load()})",
            flush=True,
        )
    print(f"within 0.1%: {met} of {len(taakvelden)} ({met / len(taakvelden):.0%}) ({load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--taakveld", action="append", default=None)
    parser.add_argument("--modus", default="literature")
    parser.add_argument("--vorm", default="bedrijfsvoeringsorganisatie")
    parser.add_argument("--ks", default="4,5,6")
    parser.add_argument("--gebieden", default="veiligheidsregio,provincie,land")
    parser.add_argument("--limiet-provincie", type=float, default=10.0)
    parser.add_argument("--limiet-land", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--trekkingen", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--limiet-trekking", type=float, default=5.0)
    parser.add_argument("--kloof-trekking", type=float, default=1e-3)
    parser.add_argument(
        "--stabiliteit-gebieden",
        default="provincie:Utrecht,provincie:Gelderland,land",
    )
    parser.add_argument(
        "--stabiliteit-basis",
        default="",
        help="areas (comma-separated) also run without --basis-zonder, for a same-run ratio",
    )
    parser.add_argument(
        "--basis-zonder",
        choices=("warme-lp", "additief", "boom"),
        default="warme-lp",
        help="what the same-run baseline leaves out: the warm LP, the additive route, or the "
        "spanning-tree recombination",
    )
    args = parser.parse_args()
    taakvelden = args.taakveld or ["0.61"]
    ks = [int(k) for k in args.ks.split(",")]
    kinds = args.gebieden.split(",")

    ds = load_dataset()
    t = time.perf_counter()
    engine = SavingsEngine.from_dataset(ds, mode=args.modus)
    print(
        f"engine ({args.modus}) built in {time.perf_counter() - t:.1f} s; taakveld(en) "
        f"{', '.join(taakvelden)}, vorm {args.vorm}; {os.cpu_count()} cpu(s), "
        f"load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    scorer = engine_scorer(engine, taakvelden, args.vorm)
    if "kloof" in kinds:
        gap_side_by_side(
            ds,
            lambda t: engine_scorer(engine, [t], args.vorm),
            args.taakveld or ["7.3"],
            args,
            ks[-1],
        )
    if "taakvelden" in kinds:
        gap_per_taakveld(ds, engine, args, ks[-1])
    if "taakvelden-p90" in kinds:
        gap_per_taakveld(ds, engine, args, ks[-1], quantile=0.9)
    if "grens" in kinds:
        bound_at_smallest_limit(ds, scorer, ks[-1])
    if "robuust" in kinds:
        robust_per_province(ds, engine, scorer, taakvelden, args, ks[-1])
    if "stabiliteit" in kinds:
        stability_timings(ds, engine, scorer, taakvelden, args, ks[-1])

    if "veiligheidsregio" in kinds:
        codes = sorted(set(ds.regio.loc[ds.regio["regiotype"] == "veiligheidsregio", "regio_code"]))
        for k in ks:
            times, proven, worst = [], 0, ("", 0.0)
            for code in codes:
                result = RegionPartitioner.from_region(
                    ds,
                    f"veiligheidsregio:{code}",
                    scorer,
                    max_size=k,
                    time_limit=args.limiet_provincie,
                    threads=args.threads,
                ).solve()
                seconds = result.timings["totaal_s"]
                times.append(seconds)
                proven += result.optimal
                if seconds > worst[1]:
                    worst = (code, seconds)
            print(
                f"veiligheidsregio's k={k}: {proven}/{len(codes)} proven optimal; total "
                f"{sum(times):.2f} s, slowest {worst[0]} {worst[1]:.2f} s",
                flush=True,
            )

    areas = []
    if "provincie" in kinds:
        names = sorted(set(ds.regio.loc[ds.regio["regiotype"] == "provincie", "regio_naam"]))
        areas += [(f"provincie:{n}", args.limiet_provincie) for n in names]
    if "land" in kinds:
        areas.append(("land", args.limiet_land))

    header = (
        f"{'gebied':28s} {'k':>2s} {'n':>4s} | {'opt s':>6s} {'objective':>10s} "
        f"{'bound':>10s} {'gap':>8s} {'status':>11s} | {'greedy s':>8s} {'greedy':>10s} "
        f"{'ratio':>6s} | {'direct s':>8s} {'direct':>10s} {'d.bound':>10s} {'d.gap':>8s} "
        f"{'ratio':>6s}"
    )
    if areas:
        print(header)
        print("-" * len(header))
    for area, limit in areas:
        members = area_members(ds, area)
        keep = set(members)
        edges = [(a, b) for a, b in ds.graph.edge_list() if a in keep and b in keep]
        for k in ks:
            result = RegionPartitioner(
                members, edges, scorer, max_size=k, time_limit=limit, threads=args.threads
            ).solve()
            t = time.perf_counter()
            greedy, _ = greedy_merge(members, edges, scorer, k)
            greedy_s = time.perf_counter() - t
            t = time.perf_counter()
            direct, direct_bound, _ = direct_call(members, edges, scorer, k, limit)
            direct_s = time.perf_counter() - t
            ratio_g = greedy / result.objective if result.objective else float("nan")
            ratio_d = direct / result.objective if result.objective else float("nan")
            print(
                f"{area:28s} {k:2d} {len(members):4d} | {result.timings['totaal_s']:6.2f} "
                f"{result.objective:10.1f} {result.bound:10.1f} {result.gap:8.4%} "
                f"{result.status:>11s} | {greedy_s:8.2f} {greedy:10.1f} {ratio_g:6.4f} | "
                f"{direct_s:8.2f} {direct:10.1f} {direct_bound:10.1f} "
                f"{gap(direct_bound, direct):8.4%} {ratio_d:6.4f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
