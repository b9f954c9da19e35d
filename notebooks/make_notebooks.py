"""Writes the notebooks from their cells, so that their source is reviewable as plain Python.

    /usr/bin/python3 notebooks/make_notebooks.py

The .ipynb files are committed without outputs; CI executes them (reports/src/test/.../NotebooksIT).
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

SETUP = '''\
import subprocess, sys
from pathlib import Path

import pandas as pd
import matplotlib.pyplot as plt
%matplotlib inline

# The repository root, whether the notebook runs from notebooks/ or from the root.
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "infersim").exists() and (p / "scenarios").is_dir())
JAR = ROOT / "simulator" / "cli" / "target" / "infersim.jar"

def infersim(*args):
    """Runs the simulator's command line (the built jar if present, else the launcher, which builds it)."""
    cmd = ["java", "-jar", str(JAR), *args] if JAR.exists() else [str(ROOT / "infersim"), *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"infersim {' '.join(args)} failed ({done.returncode}):\\n{done.stderr}")
    return done.stdout
'''


def planner():
    cells = [
        new_markdown_cell(
            "# Reading a batch: which fleet serves each load within the SLO, and at what cost?\n\n"
            "This notebook runs the shipped batch `scenarios/rag-70b-sweep.batch.yaml` (Llama-3.1-70B RAG on one "
            "8-GPU node: H100 or H200, BF16 or FP8, tensor parallel 2, 4 or 8, at four loads) and reads its "
            "`batch.csv`, the file a planner opens in a spreadsheet. Re-running it is cheap: runs whose results "
            "are complete are not run again."),
        new_code_cell(SETUP),
        new_code_cell(
            'out = ROOT / "results" / "notebook-rag-70b-sweep"\n'
            'print(infersim("batch", "scenarios/rag-70b-sweep.batch.yaml", "--output", str(out), "--quiet"))\n'
            'runs = pd.read_csv(out / "batch.csv")\n'
            'print(f"{len(runs)} runs, {int((runs.status == \'failed\').sum())} failed")\n'
            'runs[runs.status == "failed"][["run", "message"]].head()'),
        new_markdown_cell(
            "Failed runs are configurations that cannot run at all; their reason is in `message`. Below, one line per "
            "configuration: the load on the x axis."),
        new_code_cell(
            'ok = runs[runs.status == "ok"].copy()\n'
            'ok["load_rps"] = ok["workloads[0].arrival.rate"].str.replace("/s", "").astype(float)\n'
            'ok["config"] = (ok["cluster.pools[0].gpu"] + " " + ok["deployments[0].precision"] + " TP"\n'
            '                + ok["deployments[0].tensorParallel"].astype(str))\n'
            'fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))\n'
            'for config, g in ok.sort_values("load_rps").groupby("config"):\n'
            '    axes[0].plot(g.load_rps, g.cost_per_million_output_tokens_usd, marker="o", label=config)\n'
            '    axes[1].plot(g.load_rps, g.ttft_p95_ms / 1000, marker="o", label=config)\n'
            'axes[0].set(xlabel="load (requests/s)", ylabel="$ per million output tokens", xscale="log", yscale="log",\n'
            '            title="Cost per token falls as the node fills")\n'
            'axes[1].axhline(2.0, color="red", linestyle="--", label="SLO: p95 TTFT 2 s")\n'
            'axes[1].set(xlabel="load (requests/s)", ylabel="p95 TTFT (s)", xscale="log", yscale="log",\n'
            '            title="...until the queue takes over")\n'
            'axes[1].legend(fontsize=7)\n'
            'fig.tight_layout()\n'
            'fig.savefig(out / "notebook-cost-and-latency.png", dpi=80)'),
        new_markdown_cell("The cheapest configuration that meets the SLO at each load (every replication must meet it):"),
        new_code_cell(
            'meets = ok[ok.meets_slo == True]\n'
            'best = (meets.sort_values(["cost_per_hour_usd", "cost_per_million_output_tokens_usd", "ttft_p95_ms"])\n'
            '             .groupby("load_rps", sort=True).head(1)\n'
            '             [["load_rps", "config", "cost_per_hour_usd", "cost_per_million_output_tokens_usd",\n'
            '               "ttft_p95_ms", "tpot_p95_ms", "slo_attainment"]].sort_values("load_rps"))\n'
            'unmet = sorted(set(ok.load_rps) - set(best.load_rps))\n'
            'for load in unmet:\n'
            '    print(f"At {load:g} requests/s no configuration of one node meets the SLO: add nodes.")\n'
            'assert len(best) > 0, "at the lowest load some configuration must meet the SLO"\n'
            'best'),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                              "language": "python"}})


def compare_policies():
    cells = [
        new_markdown_cell(
            "# Comparing policies: which one wins, on which figure, and by how much?\n\n"
            "This notebook runs `infersim compare`: the same scenario under each policy, several replications each. "
            "Replication *r* of every policy runs on the same seed, and every component of the simulator draws from "
            "its own random stream, so every policy sees the same arrivals and the same request lengths (common "
            "random numbers). Each figure is then a mean over replications with a 95% Student's *t* confidence "
            "interval, and each pair of policies is compared by the *paired* differences, replication by "
            "replication, which removes the variation the traffic causes in both.\n\n"
            "To compare other policies, change only the next cell: the scenario, the policies and the scenario path "
            "that selects them."),
        new_code_cell(
            '# What to compare: a day of diurnal traffic, under a predictive autoscaler, the reactive HPA, and a\n'
            '# policy that follows the published schedule. Other shipped comparisons:\n'
            '#   SCENARIO = "scenarios/bursty-kpa.yaml"; POLICIES = ["kpa", "hpa", "static"]\n'
            '#   SCENARIO = "scenarios/scale-to-zero.yaml"; POLICIES = ["kpa", "static"]\n'
            '#   SCENARIO = "scenarios/rag-70b-h100.yaml"; POLICIES = ["round-robin", "least-kv"]; PATH = "deployments[*].router"\n'
            'SCENARIO = "scenarios/diurnal-predictive.yaml"\n'
            'POLICIES = ["predictive", "hpa", "scheduled"]\n'
            'PATH = None   # None: every deployment\'s autoscaler.policy (the default path)\n'
            'REPLICATIONS = 3'),
        new_code_cell(SETUP),
        new_code_cell(
            'import json\n\n'
            'out = ROOT / "results" / f"notebook-compare-{Path(SCENARIO).stem}"\n'
            'args = ["compare", SCENARIO, "--policies", ",".join(POLICIES), "--replications", str(REPLICATIONS),\n'
            '        "--output", str(out), "--report"] + (["--path", PATH] if PATH else [])\n'
            'print(infersim(*args))\n'
            'cmp = json.loads((out / "compare.json").read_text())\n'
            'table = pd.read_csv(out / "compare.csv")\n'
            'assert cmp["commonRandomNumbers"]["sameArrivals"], "every policy must see the same arrivals"\n'
            'print("Every policy saw the same arrivals at every replication:",\n'
            '      [r["arrived"][POLICIES[0]] for r in cmp["commonRandomNumbers"]["replications"]])'),
        new_markdown_cell(
            "`compare.csv` has one row per policy and figure (`kind = mean`) and one per pair of policies and figure "
            "(`kind = difference`, the first policy minus the second), each with `n` (replications used), `mean`, "
            "`half_width` and the interval `low`..`high`; differences also say whether they are `significant` (the "
            "interval excludes 0), whether a significant one is `negligible` (under 2% of the compared policy's mean, "
            "and under 1 ms for a latency: real, but too small to act on) and which policy is `better` (none when "
            "negligible). Each policy's means:"),
        new_code_cell(
            'figures = {f["key"]: f for f in cmp["figures"]}\n'
            'def shown(r):\n'
            '    """mean ± half-width, fractions as percentages; \'failed\' for a policy with no finished run."""\n'
            '    if r["n"] == 0:\n'
            '        return "failed"\n'
            '    scale = 100 if figures[r["figure"]]["unit"] == "fraction" else 1\n'
            '    return f"{r[\'mean\'] * scale:.4g} ± {r[\'half_width\'] * scale:.2g}"\n\n'
            'means = table[table.kind == "mean"].copy()\n'
            'means["mean ± half-width"] = means.apply(shown, axis=1)\n'
            'headers = {k: f"{f[\'label\']} ({\'%\' if f[\'unit\'] == \'fraction\' else f[\'unit\']})" for k, f in figures.items()}\n'
            'means.pivot(index="policy", columns="figure", values="mean ± half-width").loc[POLICIES, list(figures)].rename(columns=headers)'),
        new_code_cell(
            'fig, axes = plt.subplots(1, len(figures), figsize=(4 * len(figures), 4), squeeze=False)\n'
            'for ax, (key, f) in zip(axes[0], figures.items()):\n'
            '    scale = 100 if f["unit"] == "fraction" else 1\n'
            '    for i, p in enumerate(cmp["policies"]):\n'
            '        s = p["figures"][key]\n'
            '        if s["n"] == 0:\n'
            '            continue\n'
            '        err = 0 if s["halfWidth"] is None else s["halfWidth"] * scale\n'
            '        ax.errorbar(i, s["mean"] * scale, yerr=err, fmt="o", capsize=6, color=f"C{i}")\n'
            '        values = [v * scale for v in s["values"] if v is not None]\n'
            '        ax.plot([i + 0.2] * len(values), values, ".", alpha=0.5, color=f"C{i}")\n'
            '    ax.set_xticks(range(len(cmp["policies"])), [p["policy"] for p in cmp["policies"]], rotation=20)\n'
            '    unit = "%" if f["unit"] == "fraction" else f["unit"]\n'
            '    ax.set_title(f"{f[\'label\']} ({unit}), {f[\'better\']} is better", fontsize=10)\n'
            'fig.suptitle("Means with 95% confidence intervals (dots: each replication)")\n'
            'fig.tight_layout()\n'
            'fig.savefig(out / "notebook-intervals.png", dpi=80)'),
        new_markdown_cell("The paired differences, and which policy wins on each figure (computed from them):"),
        new_code_cell(
            'diffs = table[(table.kind == "difference") & (table.n > 0)]\n'
            'diffs[["figure", "policy", "versus", "n", "mean", "low", "high", "significant", "negligible", "better"]]'),
        new_code_cell(
            'def verdict(key):\n'
            '    f = figures[key]\n'
            '    sign = -1 if f["better"] == "higher" else 1\n'
            '    ran = [p for p in cmp["policies"] if p["figures"][key]["n"] > 0]\n'
            '    best = min(ran, key=lambda p: sign * p["figures"][key]["mean"])\n'
            '    scale, unit = (100, " percentage points") if f["unit"] == "fraction" else (1, " " + f["unit"])\n'
            '    wins, ties, small = [], [], []\n'
            '    for d in cmp["differences"]:\n'
            '        if d["figure"] != key or best["policy"] not in (d["policy"], d["versus"]) or d["n"] == 0:\n'
            '            continue\n'
            '        other = d["versus"] if d["policy"] == best["policy"] else d["policy"]\n'
            '        if d["significant"] and d.get("negligible"):\n'
            '            small.append(other)\n'
            '        elif d["significant"]:\n'
            '            by = abs(d["mean"]) * scale\n'
            '            lo, hi = sorted(abs(x) * scale for x in (d["low"], d["high"]))\n'
            '            wins.append(f"{other} by {by:.3g}{unit} (95% CI {lo:.3g} to {hi:.3g})")\n'
            '        else:\n'
            '            ties.append(other)\n'
            '    word = "highest" if f["better"] == "higher" else "lowest"\n'
            '    pairs = [d for d in cmp["differences"] if d["figure"] == key and d["n"] > 0]\n'
            '    if pairs and all(d["mean"] == 0 and d["halfWidth"] == 0 for d in pairs):\n'
            '        return f"{f[\'label\']}: the same under every policy at every replication."\n'
            '    if not wins:\n'
            '        return f"{f[\'label\']}: no policy is significantly better than the others."\n'
            '    text = f"{f[\'label\']}: {best[\'policy\']} is {word}, better than " + " and than ".join(wins)\n'
            '    text += f"; not significantly different from {\', \'.join(ties)}" if ties else ""\n'
            '    return text + (f"; ahead of {\', \'.join(small)} by a negligible margin." if small else ".")\n\n'
            'verdicts = [verdict(k) for k in figures]\n'
            'for v in verdicts:\n'
            '    print(v)\n'
            'assert len(verdicts) == len(figures)'),
        new_markdown_cell(
            "Replicas over time in each policy's first replication, against the load every policy shared. With a "
            "fixed fleet the lines lie on top of one another; with autoscalers they show which policy follows the "
            "load and which lags."),
        new_code_cell(
            'fig, ax = plt.subplots(figsize=(11, 4))\n'
            'load = ax.twinx()\n'
            'most = 1\n'
            'for i, p in enumerate(cmp["policies"]):\n'
            '    ts_file = out / "runs" / p["runs"][0] / "timeseries.csv"\n'
            '    if not ts_file.exists():\n'
            '        continue\n'
            '    ts = pd.read_csv(ts_file).groupby("time_s").sum(numeric_only=True)\n'
            '    ax.step(ts.index / 60, ts["replicas"], where="post", color=f"C{i}", label=p["policy"])\n'
            '    most = max(most, ts["replicas"].max())\n'
            '    if i == 0:\n'
            '        load.plot(ts.index / 60, ts["arrival_rate_rps"], color="grey", alpha=0.6, label="arrival rate")\n'
            'ax.set(xlabel="time since start (min)", ylabel="ready replicas (all deployments)", ylim=(0, most + 1))\n'
            'load.set(ylabel="arrivals per second", ylim=(0, None))\n'
            'ax.legend(loc="upper left")\n'
            'fig.tight_layout()\n'
            'fig.savefig(out / "notebook-replicas.png", dpi=80)\n'
            'print("The HTML report:", out / "report.html")'),
    ]
    return new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                              "language": "python"}})


if __name__ == "__main__":
    for name, notebook in [("planner-batch.ipynb", planner()), ("compare-policies.ipynb", compare_policies())]:
        nbformat.write(notebook, HERE / name)
        print("wrote", HERE / name)
