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
import matplotlib
matplotlib.use("Agg")  # headless in CI; inline in Jupyter
import matplotlib.pyplot as plt

# The repository root, whether the notebook runs from notebooks/ or from the root.
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / "infersim").exists() and (p / "scenarios").is_dir())
JAR = ROOT / "reports" / "target" / "infersim.jar"

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
            "Failed runs are configurations that cannot run at all (BF16 weights at tensor parallel 2 do not fit an "
            "80 GB H100); their reason is in `message`. Below, one line per configuration: the load on the x axis."),
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


if __name__ == "__main__":
    nbformat.write(planner(), HERE / "planner-batch.ipynb")
    print("wrote", HERE / "planner-batch.ipynb")
