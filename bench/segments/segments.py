#!/usr/bin/env python3
"""What a marketer would see from two cintel binaries, side by side: segments and loyalty tiers on real (CDNOW) and
demo data, the exactness of the chosen model's metrics, and the speed of the 10,000-customer benchmark.

Usage: segments.py --after BIN [--before BIN] --out DIR --orders ORDERS.csv --features-request BODY.json
                   --cdnow-summary SUMMARY.json --speed-payload PAYLOAD.json [--runs 3]

run.sh prepares the inputs (cdnow.py, bench/segmentation/generate.py) and calls this script; see README.md. Why one
run for both binaries: the figures of "before" and "after" are only comparable when measured on the same machine in
the same state, so every step runs each binary in turn (interleaved for the timed runs). The markdown report goes to
stdout and to DIR/results.md. Exit status: 0, or 1 when the "after" binary misses a target.

Targets (issue 19): at least 3 segments, none over 60 % of the customers, none under 2 %, noise at most 5 %, and for
the analyses no loyalty tier over 70 %; the metrics of the chosen model recomputed by scikit-learn; the benchmark at
most 1.20 times as slow as before.
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import exactness  # noqa: E402

MIN_SEGMENTS, MAX_SHARE, MIN_SHARE, MAX_NOISE, MAX_TIER = 3, 0.60, 0.02, 0.05, 0.70
SPEED_RATIO = 1.20
STABILITY_COST = 20  # percent of the run without stability, at 100,000 customers (issue 19)
DASH = "—"
ROLES = ("before", "after")


# --- running a binary ---------------------------------------------------------------------------------------------

class StepError(Exception):
    """A cintel command that failed: the report shows its message instead of figures."""


# The peak memory must be the command's own. The rusage of a child this script spawns directly is not: Linux carries
# the memory high-water mark of the process image an exec replaces into the new program's maxrss, and Python's
# subprocess spawns through vfork, whose pre-exec image is this script (hundreds of MiB once the CDNOW features are
# loaded). /usr/bin/time -v, or failing that a small Python helper, forks the command from a small process instead.
RSS_HELPER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write("Maximum resident set size (kbytes): %d\\nExit status: %d\\n"
              % (usage.ru_maxrss, os.waitstatus_to_exitcode(status)))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def gnu_time_works():
    try:
        return subprocess.run(["/usr/bin/time", "-v", "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


GNU_TIME = gnu_time_works()


def timed(command, stdout_path, stderr_path):
    """Run `command` (stdout and stderr to files), return (wall seconds, peak RSS MiB); StepError when it fails."""
    time_path = stdout_path + ".time"
    if GNU_TIME:
        wrapped = ["/usr/bin/time", "-v", "-o", time_path] + command
    else:
        wrapped = [sys.executable, "-c", RSS_HELPER, time_path] + command
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        status = subprocess.call(wrapped, stdout=out, stderr=err)
        wall = time.perf_counter() - start
    peak = None
    with open(time_path) as report:
        for line in report:
            if "Maximum resident set size" in line:
                peak = int(line.rsplit(":", 1)[1]) / 1024.0
    if status != 0:
        with open(stderr_path, "rb") as err:
            tail = err.read()[-400:].decode("utf-8", "replace").strip().replace("\n", " ")
        raise StepError("`%s` exited with %d: %s" % (" ".join([os.path.basename(command[0])] + command[1:]),
                                                     status, tail))
    return wall, peak


def fresh_dir(path):
    """An empty folder: cintel writes only into a new, empty folder or one it wrote itself (spec/output.md)."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def load_json(path):
    with open(path, "rb") as handle:
        return json.load(handle)


def describe_binary(path):
    """Version line and a short content hash: two builds of one version are told apart by the hash."""
    try:
        version = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError as error:
        version = "cannot run: %s" % error
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"path": path, "version": version or "?", "sha256": digest.hexdigest()[:12]}


# --- what a marketer sees -----------------------------------------------------------------------------------------

def shares_from_table(path):
    """Segments and loyalty tiers from an output folder's customers.csv (one row per customer).

    Columns: `segment_id` (-1 = DBSCAN noise, "Unclustered"), `persona` (the segment's name) and `loyalty_tier`;
    a missing column is reported rather than guessed."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for column in ("segment_id", "persona", "loyalty_tier"):
            if column not in header:
                raise StepError("%s has no `%s` column (columns: %s)" % (path, column, ", ".join(header)))
        segments, names, tiers = Counter(), {}, Counter()
        for row in reader:
            segments[row["segment_id"]] += 1
            names.setdefault(row["segment_id"], row["persona"])
            tiers[row["loyalty_tier"]] += 1
    n = sum(segments.values())
    noise = segments.pop("-1", 0)
    return {"n": n, "noise": noise / n if n else 0.0,
            "segments": sorted(((names[s], s, c / n, c) for s, c in segments.items()), key=segment_order),
            "tiers": sorted(((t, c / n, c) for t, c in tiers.items()), key=lambda t: -t[1])}


def segment_order(segment):
    """Largest share first; equal shares by numeric segment id."""
    name, sid, share = segment[:3]
    return (-share, int(sid) if sid.lstrip("-").isdigit() else 0, sid)


def shares_from_response(response, n):
    """Segments of a features-dialect answer, from its `clusters` (cluster_id -1 is the noise item)."""
    segments, noise = [], 0
    for cluster in response.get("clusters", []):
        if cluster["cluster_id"] == -1:
            noise = cluster["size"]
        else:
            name = (cluster.get("persona") or {}).get("name", "?")
            segments.append((name, str(cluster["cluster_id"]), cluster["size"] / n, cluster["size"]))
    segments.sort(key=segment_order)
    return {"n": n, "noise": noise / n if n else 0.0, "segments": segments, "tiers": None}


def criteria(summary):
    """(label, passed, shown value) for each target; loyalty tiers only when the summary has them."""
    shares = [s[2] for s in summary["segments"]]
    rows = [
        ("at least %d segments" % MIN_SEGMENTS, len(shares) >= MIN_SEGMENTS, str(len(shares))),
        ("no segment over %d %%" % (MAX_SHARE * 100), bool(shares) and max(shares) <= MAX_SHARE,
         pct(max(shares)) if shares else DASH),
        ("no segment under %d %%" % (MIN_SHARE * 100), bool(shares) and min(shares) >= MIN_SHARE,
         pct(min(shares)) if shares else DASH),
        ("noise at most %d %%" % (MAX_NOISE * 100), summary["noise"] <= MAX_NOISE, pct(summary["noise"])),
    ]
    if summary["tiers"] is not None:
        top = summary["tiers"][0] if summary["tiers"] else (DASH, 0.0, 0)
        rows.append(("no loyalty tier over %d %%" % (MAX_TIER * 100), top[1] <= MAX_TIER,
                     "%s %s" % (top[0], pct(top[1]))))
    return rows


def pct(share):
    """A share as a percentage: one decimal, two below 1 %, so that a segment of a few customers is not "0.0 %"."""
    if 0 < share < 0.01:
        return "%.2f %%" % (100 * share) if share >= 0.00005 else "< 0.01 %"
    return "%.1f %%" % (100 * share)


def best_label(response):
    """"KMeans k=4" from best_algorithm / best_params, or "none" (SEG-40)."""
    if not response or response.get("best_algorithm") is None:
        return "none (SEG-40)" if response else DASH
    params = response.get("best_params") or {}
    return "%s %s" % (response["best_algorithm"], " ".join("%s=%s" % kv for kv in params.items()))


def best_row(response):
    return exactness.best_row(response) if response else None


# --- the steps ----------------------------------------------------------------------------------------------------

def analysis_step(command, folder):
    """`cintel analyze` or `cintel demo` into `folder`: wall time, peak memory, shares, and the chosen model."""
    wall, peak = timed(command, folder + ".stdout", folder + ".stderr")
    result = {"wall": wall, "peak": peak, "summary": shares_from_table(os.path.join(folder, "customers.csv"))}
    response_path = os.path.join(folder, "responses", "purchasing_segmentation.json")
    result["response"] = load_json(response_path) if os.path.exists(response_path) else None
    return result


def features_step(binary, features_request, folder, n):
    """customer_features on the CDNOW transactions, then purchasing_segmentation with default options on them."""
    os.makedirs(folder, exist_ok=True)
    limits = ["--max-customers", str(max(n, 1000000)),
              "--max-body-bytes", str(max(64 << 20, 2 * os.path.getsize(features_request)))]
    features = os.path.join(folder, "customer_features.json")
    timed([binary, "run", "customer_features", features_request, "--compact"] + limits,
          features, features + ".stderr")
    rows = load_json(features)["customers"]
    request = {"data": rows}
    request_path = os.path.join(folder, "purchasing_segmentation.request.json")
    with open(request_path, "w") as handle:
        json.dump(request, handle, separators=(",", ":"))
    response_path = os.path.join(folder, "purchasing_segmentation.json")
    wall, peak = timed([binary, "run", "purchasing_segmentation", request_path, "--compact"] + limits,
                       response_path, response_path + ".stderr")
    response = load_json(response_path)
    try:
        check = exactness.check(request, response)
    except (ValueError, KeyError, TypeError) as error:  # a response shape the check does not know: still report
        check = {"agree": None, "error": "exactness check failed: %r" % error, "notes": []}
    return {"wall": wall, "peak": peak, "response": response,
            "summary": shares_from_response(response, len(rows)), "exactness": check}


def interleaved(commands, folder, runs, label):
    """Each command `runs` times, the commands interleaved so that a slow spell of the machine hits them alike.
    `commands` maps a key to its argv; returns key -> list of wall seconds."""
    os.makedirs(folder, exist_ok=True)
    walls = {key: [] for key in commands}
    for r in range(runs):
        for key, argv in commands.items():
            out = os.path.join(folder, "%s-%d.json" % (key, r + 1))
            log("%s: %s run %d/%d" % (label, key, r + 1, runs))
            walls[key].append(timed(argv, out, out + ".stderr")[0])
    return walls


def speed_step(binaries, payload, folder, runs):
    """The 4.1.7 benchmark at 10,000 customers, `runs` times per binary. Returns role -> list of wall seconds."""
    commands = {role: [binary, "run", "purchasing_segmentation", payload, "--compact"]
                for role, binary in binaries.items()}
    return interleaved(commands, folder, runs, "speed")


def stability_step(binary, payload, folder, runs):
    """SEG-74's cost: the same payload with and without `"stability": true`, `runs` times each.
    Returns {"without": [...], "with": [...]} wall seconds."""
    os.makedirs(folder, exist_ok=True)
    with open(payload, encoding="utf-8") as handle:
        body = json.load(handle)
    body["stability"] = True
    stable = os.path.join(folder, "payload-stability.json")
    with open(stable, "w", encoding="utf-8") as handle:
        json.dump(body, handle)
    limits = ["--max-body-bytes", "1000000000", "--max-customers", "10000000"]
    commands = {key: [binary, "run", "purchasing_segmentation", path, "--compact"] + limits
                for key, path in (("without", payload), ("with", stable))}
    return interleaved(commands, folder, runs, "stability")


def timing_table(report, walls, runs, keys, first_column, verdict_name):
    """The runs and medians of `keys`, or a "not measured" line (and a dash verdict). Returns the medians or None."""
    if not walls or "error" in walls:
        report.add("- not measured: %s" % (walls or {}).get("error", "skipped"), "")
        report.verdicts.append((verdict_name, {r: DASH for r in report.roles}))
        return None
    medians = {k: statistics.median(w) for k, w in walls.items()}
    rows = [[k] + ["%.2f s" % w for w in walls[k]] + ["**%.2f s**" % medians[k]] for k in keys if k in walls]
    report.table([first_column] + ["run %d" % (i + 1) for i in range(runs)] + ["median"], rows)
    return medians


def stability_section(report, walls, runs, n):
    report.add("## Cost of stability (SEG-74) at {:,} customers".format(n), "",
               "The after binary on `bench/segmentation/generate.py %d 42`, with and without `\"stability\": true`; "
               "runs: %d each, interleaved; median wall time." % (n, runs), "")
    name = "stability costs at most %d %% of the run" % STABILITY_COST
    medians = timing_table(report, walls, runs, ("without", "with"), "stability", name)
    if medians is None:
        return
    cost = 100 * (medians["with"] / medians["without"] - 1)
    passed = cost <= STABILITY_COST
    report.add("stability adds **%.1f %%** (target ≤ %d %%): %s" % (cost, STABILITY_COST, mark(passed)), "")
    verdict = {r: DASH for r in report.roles}
    verdict["after"] = "%s (+%.1f %%)" % (mark(passed), cost)
    report.verdicts.append((name, verdict))


def attempt(results, role, key, function, *args):
    """Run one step, keeping an error message in place of its figures when it fails."""
    try:
        results[role][key] = function(*args)
    except (StepError, OSError, ValueError, KeyError) as error:
        results[role][key] = {"error": str(error)}
        log("%s %s failed: %s" % (role, key, error))


def log(message):
    print("[segments] %s" % message, file=sys.stderr, flush=True)


# --- the report ---------------------------------------------------------------------------------------------------

class Report:
    """Markdown lines, with a record of which role missed which target."""

    def __init__(self, roles):
        self.lines = []
        self.roles = roles
        self.verdicts = []  # (target, {role: "PASS"/"FAIL"/"—"})

    def add(self, *lines):
        self.lines.extend(lines)

    def table(self, header, rows, align=None):
        align = align or ["---"] + ["---:"] * (len(header) - 1)
        self.add("| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |")
        for row in rows:
            self.add("| " + " | ".join(str(c) for c in row) + " |")
        self.add("")

    def text(self):
        return "\n".join(self.lines) + "\n"


def cell(results, role, key, fn):
    """A table cell: fn(result) or the step's error or a dash."""
    step = results.get(role, {}).get(key)
    if step is None:
        return DASH
    if "error" in step:
        return "error"
    value = fn(step)
    return DASH if value is None else value


def mark(passed):
    return "PASS" if passed else "FAIL"


def segment_section(report, results, key, title, command_text):
    """One dataset's table: timings, the chosen model, the shares and each target's verdict per binary."""
    roles = report.roles
    report.add("## %s" % title, "", command_text, "")
    rows = [
        ["wall time"] + [cell(results, r, key, lambda s: "%.1f s" % s["wall"]) for r in roles],
        ["peak memory"] + [cell(results, r, key, lambda s: None if s["peak"] is None else "%.0f MiB" % s["peak"]) for r in roles],
        ["customers"] + [cell(results, r, key, lambda s: "{:,}".format(s["summary"]["n"])) for r in roles],
        ["chosen model"] + [cell(results, r, key, lambda s: best_label(s["response"])) for r in roles],
    ]
    if key == "features":
        def metric(name):
            return lambda s: (best_row(s["response"]) or {}).get(name)
        rows += [["silhouette"] + [cell(results, r, key, metric("silhouette")) for r in roles],
                 ["Davies–Bouldin"] + [cell(results, r, key, metric("davies_bouldin")) for r in roles],
                 ["Calinski–Harabasz"] + [cell(results, r, key, metric("calinski_harabasz")) for r in roles],
                 ["stability of the chosen model (ARI)"] + [cell(results, r, key, metric("stability")) for r in roles],
                 ["eligible models"] + [cell(results, r, key, eligible_count) for r in roles],
                 ["approximations"] + [cell(results, r, key, approximations) for r in roles]]
    per_role = {r: criteria(results[r][key]["summary"]) for r in roles
                if results.get(r, {}).get(key) and "error" not in results[r][key]}
    labels = [c[0] for c in next(iter(per_role.values()))] if per_role else []
    for i, label in enumerate(labels):
        rows.append([label] + ["%s (%s)" % (mark(per_role[r][i][1]), per_role[r][i][2]) if r in per_role else DASH
                               for r in roles])
    verdict = {r: mark(all(c[1] for c in per_role[r])) if r in per_role else
               ("error" if results.get(r, {}).get(key) else DASH) for r in roles}
    rows.append(["**targets**"] + ["**%s**" % verdict[r] for r in roles])
    report.verdicts.append((title, verdict))
    report.table([""] + roles, rows, ["---"] + ["---"] * len(roles))

    for r in roles:
        step = results.get(r, {}).get(key)
        if not step:
            continue
        if "error" in step:
            report.add("- %s: %s" % (r, step["error"]))
            continue
        summary = step["summary"]
        shares = ", ".join("%s (id %s) %s = %s" % (name, sid, "{:,}".format(count), pct(share))
                           for name, sid, share, count in summary["segments"])
        noise = summary["noise"]
        report.add("- %s, segments by share: %s%s" % (r, shares or "none", "; noise (id -1) %s = %s" % (
            "{:,}".format(round(noise * summary["n"])), pct(noise)) if noise else ""))
        if summary["tiers"] is not None:
            report.add("- %s, loyalty tiers: %s" % (r, ", ".join("%s %s = %s" % (t, "{:,}".format(c), pct(s))
                                                                 for t, s, c in summary["tiers"])))
    report.add("")
    new_members(report, results, key)


def eligible_count(step):
    rows = step["response"].get("evaluation_metrics", [])
    return "%d of %d" % (sum(1 for row in rows if row.get("eligible")), len(rows))


def approximations(step):
    items = step["response"].get("approximations", [])
    return ", ".join("%s %s of %s" % (a.get("quantity"), a.get("method"), a.get("size")) for a in items) or "none"


def new_members(report, results, key):
    """The members the new rule adds (`preprocessing`, `selection`, per-row `ineligible_reasons`), when present."""
    for r in report.roles:
        step = results.get(r, {}).get(key)
        response = step.get("response") if step and "error" not in step else None
        if not response:
            continue
        shown = []
        for member in ("preprocessing", "selection"):
            if member in response:
                shown.append("- %s, `%s`: `%s`" % (r, member, json.dumps(response[member], separators=(", ", ": "))))
        reasons = Counter(reason for row in response.get("evaluation_metrics", [])
                          for reason in (row.get("ineligible_reasons") or []))
        if reasons:
            shown.append("- %s, ineligible models by reason: %s" % (
                r, ", ".join("%s %d" % kv for kv in sorted(reasons.items(), key=lambda kv: -kv[1]))))
        if shown:
            report.add(*shown)
            report.add("")


def exactness_section(report, results):
    report.add("## Exactness of the chosen model's metrics (CDNOW features)", "",
               "scikit-learn's `silhouette_score`, `davies_bouldin_score` and `calinski_harabasz_score` on the answer's "
               "own labels, over the matrix it declares (`preprocessing` transforms, else none; then z-score with the "
               "population std); agreement = |difference| ≤ 5e-5 + 1e-9 (`exactness.py`).", "")
    rows, notes = [], []
    for r in report.roles:
        step = results.get(r, {}).get("features")
        if not step or "error" in step:
            rows.append([r, DASH, DASH, DASH, DASH, DASH, "error" if step else DASH])
            continue
        check = step["exactness"]
        if check.get("error") or check["agree"] is None:
            rows.append([r, DASH, DASH, DASH, DASH, DASH, "not checked"])
            notes.append("- %s: %s" % (r, check.get("error") or "; ".join(check["notes"])))
            continue
        by_name = {m["metric"]: m for m in check["metrics"]}
        silhouette = by_name.get("silhouette") or check.get("silhouette_on_sample")

        def shown(m, required=True):
            if m is None:
                return DASH
            text = "%s / %s" % (m["cintel"], "%.6f" % m["sklearn"] if m["sklearn"] is not None else DASH)
            return text + (" ✓" if m["agree"] else " ✗") + ("" if required else " (sample)")

        transforms = check.get("transforms", {})
        matrix = ", ".join("%s(%s)" % (t, f) if t != "none" else f for f, t in transforms.items())
        rows.append([r, "{:,}".format(check["evaluated"]), matrix,
                     shown(silhouette, "silhouette" in by_name),
                     shown(by_name["davies_bouldin"]), shown(by_name["calinski_harabasz"]),
                     "**%s**" % mark(check["agree"])])
        if "silhouette" not in by_name:
            notes.append("- %s: %s." % (r, check["silhouette"]))
        notes += ["- %s: %s." % (r, note) for note in check["notes"]]
    verdict = {}
    for r in report.roles:
        step = results.get(r, {}).get("features")
        check = step.get("exactness") if step and "error" not in step else None
        verdict[r] = DASH if not check or check["agree"] is None else mark(check["agree"])
    report.verdicts.append(("metrics recomputed by scikit-learn agree", verdict))
    report.table(["binary", "customers scored", "matrix", "silhouette cintel / sklearn", "Davies–Bouldin",
                  "Calinski–Harabasz", "verdict"], rows, ["---", "---:", "---", "---:", "---:", "---:", "---"])
    if notes:
        report.add(*notes)
        report.add("")


def speed_section(report, walls, runs, n):
    report.add("## Speed: the 4.1.7 benchmark at {:,} customers".format(n), "",
               "`bench/segmentation/generate.py %d 42`, then `cintel run purchasing_segmentation payload.json "
               "--compact`; runs per binary: %d, interleaved; median wall time." % (n, runs), "")
    name = "speed: after / before ≤ %.2f" % SPEED_RATIO
    medians = timing_table(report, walls, runs, report.roles, "binary", name)
    if medians is None:
        return
    verdict = {r: DASH for r in report.roles}
    if "before" in medians and "after" in medians and medians["before"] > 0:
        ratio = medians["after"] / medians["before"]
        verdict["after"] = "%s (%.2f)" % (mark(ratio <= SPEED_RATIO), ratio)
        report.add("after / before = **%.2f** (target ≤ %.2f): %s" % (ratio, SPEED_RATIO, mark(ratio <= SPEED_RATIO)),
                   "")
    else:
        report.add("No before binary: no ratio.", "")
    report.verdicts.append((name, verdict))


def header_section(report, binaries, skipped_before, cdnow, out):
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    except OSError:
        pass
    import numpy
    import sklearn
    load = "%.2f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else "?"
    report.add("# Segments and tiers a marketer can act on: before and after", "",
               "- %s; %s, %d cores, load average %s at the start (timings are only as quiet as the machine); "
               "Python %s, scikit-learn %s, numpy %s." % (now, cpu, os.cpu_count() or 0, load,
                                                         platform.python_version(), sklearn.__version__,
                                                         numpy.__version__))
    for role in ROLES:
        if role in binaries:
            b = binaries[role]
            report.add("- %s: `%s` (%s, sha256 %s)." % (role, b["path"], b["version"], b["sha256"]))
    if skipped_before:
        report.add("- before: skipped (set CINTEL_BEFORE to a cintel binary built from the old rule).")
    if binaries.get("before", {}).get("sha256") == binaries.get("after", {}).get("sha256"):
        report.add("- before and after are the same binary: this run checks the benchmark itself, not a change.")
    dropped = ", ".join("%d %s" % (c, why) for why, c in cdnow["dropped"].items()) or "none"
    report.add("- CDNOW (from the `lifetimes` package, not stored in the repository): {:,} rows of {:,} customers, "
               "snapshot {}; rows dropped: {}; rows with amount 0 kept: {} (cintel takes amounts ≥ 0, ING-8; "
               "analyze read them with no bad row allowed).".format(cdnow["rows"], cdnow["customers"],
                                                                    cdnow["today"], dropped,
                                                                    cdnow["zero_amount_rows_kept"]),
               "- Targets per binary: at least %d segments, none over %d %% of customers, none under %d %%, noise at "
               "most %d %%, no loyalty tier over %d %% (analyses). The after binary must pass; the before binary is "
               "expected to fail." % (MIN_SEGMENTS, MAX_SHARE * 100, MIN_SHARE * 100, MAX_NOISE * 100, MAX_TIER * 100),
               "- Working files: `%s`." % out, "")


def summary_section(report):
    report.add("## Summary", "")
    report.table(["target"] + list(report.roles),
                 [[target] + [verdict.get(r, DASH) for r in report.roles] for target, verdict in report.verdicts],
                 ["---"] + ["---"] * len(report.roles))


# --- main ---------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--after", required=True)
    parser.add_argument("--before")
    parser.add_argument("--out", required=True)
    parser.add_argument("--orders", required=True)
    parser.add_argument("--features-request", required=True)
    parser.add_argument("--cdnow-summary", required=True)
    parser.add_argument("--speed-payload")
    parser.add_argument("--speed-customers", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--stability-payload")
    parser.add_argument("--stability-customers", type=int, default=100000)
    args = parser.parse_args()

    paths = {"after": os.path.abspath(args.after)}
    if args.before:
        paths["before"] = os.path.abspath(args.before)
    roles = [r for r in ROLES if r in paths]
    binaries = {r: describe_binary(paths[r]) for r in roles}
    cdnow = load_json(args.cdnow_summary)
    out = os.path.abspath(args.out)
    results = {r: {} for r in roles}

    for role in roles:
        log("%s: cintel analyze on CDNOW" % role)
        folder = fresh_dir(os.path.join(out, role, "analyze-cdnow"))
        attempt(results, role, "analyze", analysis_step,
                [paths[role], "analyze", args.orders, "--out", folder], folder)
    for role in roles:
        log("%s: cintel demo" % role)
        folder = fresh_dir(os.path.join(out, role, "demo"))
        attempt(results, role, "demo", analysis_step, [paths[role], "demo", "--out", folder], folder)
    for role in roles:
        log("%s: customer_features + purchasing_segmentation on CDNOW" % role)
        attempt(results, role, "features", features_step, paths[role], args.features_request,
                os.path.join(out, role, "features-cdnow"), cdnow["customers"])
    walls = None
    if args.speed_payload:
        try:
            walls = speed_step({r: paths[r] for r in roles}, args.speed_payload, os.path.join(out, "speed"), args.runs)
        except (StepError, OSError) as error:
            walls = {"error": str(error)}

    stability = None
    if args.stability_payload:
        try:
            stability = stability_step(paths["after"], args.stability_payload, os.path.join(out, "stability"), args.runs)
        except (StepError, OSError) as error:
            stability = {"error": str(error)}

    report = Report(roles)
    header_section(report, binaries, "before" not in paths, cdnow, out)
    segment_section(report, results, "analyze", "CDNOW: `cintel analyze`",
                    "`cintel analyze orders.csv --out DIR` on the CDNOW orders; shares from `DIR/customers.csv` "
                    "(`segment_id`, `persona`, `loyalty_tier`), the chosen model from "
                    "`DIR/responses/purchasing_segmentation.json`.")
    segment_section(report, results, "demo", "Demo: `cintel demo`",
                    "`cintel demo --out DIR` (3,000 generated customers, default seed); shares from "
                    "`DIR/customers.csv`.")
    segment_section(report, results, "features", "CDNOW: `purchasing_segmentation` with default options",
                    "`cintel run customer_features` on CDNOW's transactions (`today` = the last order's day), then "
                    "its rows posted as `{\"data\": [...]}` to `cintel run purchasing_segmentation` (features "
                    "dialect, SEG-10 defaults: k = 2 … 8, DBSCAN ε 0.4, min_samples 5, seed 42). Wall time and peak "
                    "memory are those of the segmentation call.")
    exactness_section(report, results)
    speed_section(report, walls, args.runs, args.speed_customers)
    stability_section(report, stability, args.runs, args.stability_customers)
    summary_section(report)

    text = report.text()
    with open(os.path.join(out, "results.md"), "w", encoding="utf-8") as handle:
        handle.write(text)
    sys.stdout.write(text)
    after_failed = any(v.get("after", DASH).startswith(("FAIL", "error")) for _, v in report.verdicts)
    return 1 if after_failed else 0


if __name__ == "__main__":
    sys.exit(main())
