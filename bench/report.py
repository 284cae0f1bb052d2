"""Turns one bench/run's measurements (OUT/*.json and OUT/*.time) into the table: printed, and written
atomically to results.md.

usage: report.py OUT RESULTS.md COMMAND
"""
import datetime
import json
import os
import platform
import subprocess
import sys

out, results, command = sys.argv[1], sys.argv[2], sys.argv[3]


def load(name):
    with open(os.path.join(out, name + ".json")) as f:
        return json.load(f)


def usage(name):
    """(wall seconds, peak RSS in GB) of a process measured by /usr/bin/time -v."""
    wall = rss = None
    with open(os.path.join(out, name + ".time")) as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock)"):
                parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
                wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) / 1024 / 1024
    return wall, rss


def gb(x):
    return f"{x:.2f} GB"


def num(x, digits=0):
    return f"{x:,.{digits}f}"


def verdict(ok):
    return "met" if ok else "**not met**"


table = []  # (benchmark, ours, peer, ratio, our peak, peer peak, target)


def ingest():
    rows = load("input")["rows"]
    ours_wall, ours_rss = usage("ingest-ours")
    ours_rate = rows / ours_wall
    for peer, name in (("pandas", "ingest-pandas"), ("duckdb", "ingest-duckdb")):
        info = load(name)
        wall, rss = usage(name)
        rate = rows / wall
        label = f"{info['tool']} {info.get('step', 'read_csv -> Parquet')}"
        target = ">= 3x pandas" if peer == "pandas" else "> DuckDB"
        ok = ours_rate >= 3 * rate if peer == "pandas" else ours_rate > rate
        table.append((f"1. ingest CSV -> events.parquet, rows/s (vs {label})", num(ours_rate), num(rate),
                      f"{ours_rate / rate:.2f}x", gb(ours_rss), gb(rss), f"{target}: {verdict(ok)}"))
    table.append(("1. ingest: whole file, wall time", f"{ours_wall:.1f} s", "", "", gb(ours_rss), "",
                  f"100M rows < 30 s, < 3 GB: {verdict(ours_wall < 30 * rows / 1e8 and ours_rss < 3)}"
                  + ("" if rows >= 1e8 else f" (scaled to {rows:,} rows)")))


def labels():
    rows = load("input")["rows"]
    l1, l2 = load("labels-1"), load("labels-2")
    w1, r1 = usage("labels-1")
    w2, r2 = usage("labels-2")
    same = l1["sha256"] == l2["sha256"]
    table.append(("2. labels + as-of features (cmdcm labels), 2 threads vs 1 thread, wall",
                  f"{w2:.1f} s", f"{w1:.1f} s (1 thread)", f"{w1 / w2:.2f}x", gb(r2), gb(r1),
                  f"100M < 120 s, < 8 GB: {verdict(w2 < 120 * rows / 1e8 and r2 < 8)}"
                  + ("" if rows >= 1e8 else f" (scaled to {rows:,} rows)")
                  + f"; 1 vs 2 threads identical: {'yes' if same else '**NO**'}"))


def training():
    for model, title in (("pretrained", "pre-trained towers"), ("cm-dcm", "CM-DCM")):
        ours, torch_ = load(f"train-{model}-ours"), load(f"train-{model}-torch")
        _, ro = usage(f"train-{model}-ours")
        _, rt = usage(f"train-{model}-torch")
        ratio = ours["samples_per_second"] / torch_["samples_per_second"]
        table.append((f"3. training {title}, samples/s at batch 1024, {ours['threads']} threads (vs {torch_['tool']})",
                      num(ours["samples_per_second"]), num(torch_["samples_per_second"]), f"{ratio:.2f}x",
                      gb(ro), gb(rt), f">= 1.0x: {verdict(ratio >= 1.0)}"))


def auc():
    a, s = load("auc-ours"), load("auc-sklearn")
    _, ra = usage("auc-ours")
    _, rs = usage("auc-sklearn")
    diff = abs(float(a["auc"]) - float(s["auc"]))
    speed = s["seconds"] / a["seconds"]
    table.append((f"4. exact AUC on {a['rows']:,} scores ({a['distinct']:,} distinct), seconds (vs {s['tool']} roc_auc_score)",
                  f"{a['seconds']:.3f} s", f"{s['seconds']:.3f} s", f"{speed:.2f}x", gb(ra), gb(rs),
                  f"difference {diff:.1e} <= 1e-9: {verdict(diff <= 1e-9)}; >= 3x: {verdict(speed >= 3)}"))


def latency():
    p, c = load("train-pretrained-ours"), load("train-cm-dcm-ours")
    tp, tc = load("train-pretrained-torch"), load("train-cm-dcm-torch")
    table.append(("5. inference latency per batch of 1024, p50 / p99: pre-trained",
                  f"{p['latency_p50_ms']:.1f} / {p['latency_p99_ms']:.1f} ms",
                  f"{tp['latency_p50_ms']:.1f} / {tp['latency_p99_ms']:.1f} ms", "", "", "", ""))
    table.append(("5. inference latency per batch of 1024, p50 / p99: CM-DCM",
                  f"{c['latency_p50_ms']:.1f} / {c['latency_p99_ms']:.1f} ms",
                  f"{tc['latency_p50_ms']:.1f} / {tc['latency_p99_ms']:.1f} ms", "", "", "", ""))
    table.append(("5. CM-DCM minus pre-trained, p50 / p99",
                  f"{c['latency_p50_ms'] - p['latency_p50_ms']:+.1f} / {c['latency_p99_ms'] - p['latency_p99_ms']:+.1f} ms",
                  f"{tc['latency_p50_ms'] - tp['latency_p50_ms']:+.1f} / {tc['latency_p99_ms'] - tp['latency_p99_ms']:+.1f} ms",
                  "", "", "", "paper: +2 ms p99 online"))


for title, section in (("1. ingest", ingest), ("2. labels", labels), ("3. training", training), ("4. exact AUC", auc),
                       ("5. inference latency", latency)):
    try:
        section()
    except FileNotFoundError:
        table.append((title, "not run", "", "", "", "", ""))

header = ("benchmark", "ours", "peer", "ratio", "our peak RSS", "peer peak RSS", "target")
lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
lines += ["| " + " | ".join(r) + " |" for r in table]

try:
    commit = subprocess.run(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
except OSError:
    commit = "?"
load_avg = os.getloadavg()
def loaded(name, key):
    try:
        return load(name).get(key, "?")
    except FileNotFoundError:
        return None


source = loaded("input", "file")
notes = [
    f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, {os.cpu_count()} cores, "
    f"{platform.machine()}, load average at the end {load_avg[0]:.1f} (other work on the machine makes absolute numbers noisy; "
    "the ratios compare processes run one after the other in the same run).",
    source and f"Input: {loaded('input', 'rows'):,} rows in the Taobao UserBehavior layout ({source}). Rows/s = rows / process wall time "
    "(start-up included for every tool); peak memory = max RSS from `/usr/bin/time -v`.",
    loaded("train-pretrained-ours", "rows") and f"Training: {loaded('train-pretrained-ours', 'rows')} regular clicks (pre-trained) and {loaded('train-cm-dcm-ours', 'rows')} "
    "pre-promotion training clicks (CM-DCM) of a ci-scale simulation; ours is `Trainer.Fit` (batch building from raw ids included), "
    "PyTorch's the identical network (bench/torch_peer.py) on the same rows, pre-tensorised, indexed per batch; Adagrad, batch 1024. "
    f"TorchSharp loaded {loaded('train-pretrained-ours', 'libtorch')}; PyTorch used BLAS {loaded('train-pretrained-torch', 'blas')}.",
    loaded("train-pretrained-ours", "rows") and "Latency: the model's forward pass on one prepared batch of 1024 in eval mode without gradients, 200 passes after 10 warm-up passes; "
    "the peer column is the PyTorch network's. CM-DCM's forward includes the frozen daily towers and a delay tower whose first layer reads "
    "1,408 inputs (x_d plus two gated 512-wide frozen layers): about 3.7x the daily model's multiply-adds, so the difference is compute, in both frameworks.",
    loaded("labels-1", "sha256") and "Labels: `cmdcm labels --threads 1` vs `--threads 2`; identical = same SHA-256 of samples.csv (users are split into contiguous ranges, one per thread, joined in order).",
]
text = "# Benchmark results\n\n`" + command + "`\n\n" + "\n".join(lines) + "\n\n" + "\n".join("- " + n for n in notes if n) + "\n"
print(text)
tmp = results + ".tmp"
with open(tmp, "w") as f:
    f.write(text)
os.replace(tmp, results)
