#!/usr/bin/env python3
"""Recompute with scikit-learn the metrics of the model a features-dialect `purchasing_segmentation` answer chose.

Usage: exactness.py REQUEST.json RESPONSE.json      (prints a JSON report; exit 0 agree, 1 differ, 2 not checkable)

Why: a segmentation is only as trustworthy as the numbers that picked it. The answer declares the matrix it
clustered (the per-feature transform of its `preprocessing` member, then SEG-18's z-score with the population
standard deviation), so anyone can rebuild that matrix from the request and score the answer's own labels with
scikit-learn. A binary without `preprocessing` clustered the raw features: every transform is then "none".

The approach is bench/segmentation/check_metrics.py's, for the other dialect: the labels of the best model,
DBSCAN's noise (-1) left out of the metrics (SEG-34), the three metrics defined when 2 <= K <= n' - 1. A metric
agrees when |scikit-learn - cintel| <= 5e-5 + 1e-9, cintel's value being rounded to 4 decimals. Above cintel's
exact_limit the silhouette is computed on a sample (SEG-50, listed in `approximations`); Davies-Bouldin and
Calinski-Harabasz are then the required checks, and the silhouette is also recomputed on the same sample, redrawn
with cintel's generator (bench/segmentation/segcommon.py), as an extra check.
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "segmentation"))
from segcommon import silhouette_sample_indices  # noqa: E402

FEATURES = ("purchase_total", "visit_frequency", "avg_ticket", "product_diversity", "loyalty_score", "recency_days")
TOLERANCE = 5e-5 + 1e-9
TRANSFORMS = {"none": lambda v: v, "log1p": np.log1p}
DROPPED = ("drop", "dropped", "excluded", "omitted")


def declared_transforms(preprocessing):
    """(feature -> transform name, notes) from the response's `preprocessing` member.

    The member is new and its exact shape may still move, so several spellings are read: {feature: "log1p"},
    {feature: {"transform": "log1p"}}, or either of these under a "transforms" or "features" member. A feature the
    member does not name is taken as "none" and said so; an unknown transform is returned as is (not checkable)."""
    notes = []
    if preprocessing is None:
        return {f: "none" for f in FEATURES}, ["no `preprocessing` member: raw features, transform none"]
    table = preprocessing
    if isinstance(preprocessing, dict):
        for key in ("transforms", "features"):
            if isinstance(preprocessing.get(key), dict):
                table = preprocessing[key]
    if not isinstance(table, dict):
        return None, ["`preprocessing` is not an object: %s" % json.dumps(preprocessing)[:200]]
    transforms = {}
    for feature in FEATURES:
        value = table.get(feature)
        if isinstance(value, dict):
            value = value.get("transform", value.get("method"))
        if value is None:
            notes.append("%s not named in `preprocessing`: taken as none" % feature)
            value = "none"
        transforms[feature] = str(value)
    return transforms, notes


def standardise(V):
    """SEG-18: z-score per column with the population std (ddof 0); a column of equal values scales to 0."""
    X = np.zeros_like(V)
    for j in range(V.shape[1]):
        column = V[:, j]
        if np.all(column == column[0]):
            continue
        X[:, j] = (column - column.mean()) / column.std(ddof=0)
    return X


def declared_matrix(rows, transforms):
    """The matrix cintel says it clustered: each kept feature transformed, then standardised. Returns (X, used)."""
    used = [f for f in FEATURES if transforms[f].lower() not in DROPPED]
    V = np.empty((len(rows), len(used)), dtype=np.float64)
    for j, feature in enumerate(used):
        V[:, j] = TRANSFORMS[transforms[feature].lower()](
            np.fromiter((r["features"][feature] for r in rows), dtype=np.float64, count=len(rows)))
    return standardise(V), used


def compare(name, written, computed):
    """One metric's verdict: agree when both are absent, or when they differ by at most TOLERANCE."""
    row = {"metric": name, "cintel": written, "sklearn": computed}
    if written is None or computed is None:
        row["agree"] = written is None and computed is None
        row["diff"] = None
    else:
        row["diff"] = abs(computed - written)
        row["agree"] = row["diff"] <= TOLERANCE
    return row


def best_row(response):
    """The evaluation row of the chosen model: the eligible row whose algorithm and params equal best_*."""
    for row in response.get("evaluation_metrics", []):
        if row.get("algorithm") == response.get("best_algorithm") and row.get("params") == response.get("best_params"):
            return row
    return None


def check(request, response):
    """The report for one request/response pair (both already parsed)."""
    rows = request["data"]
    n = len(rows)
    report = {"n": n, "agree": None, "notes": []}
    if "error" in response or "customer_labels" not in response:
        report["error"] = "not a features-dialect answer: %s" % json.dumps(response)[:300]
        return report
    best = best_row(response)
    report["best_model"] = {"algorithm": response.get("best_algorithm"), "params": response.get("best_params")}
    if response.get("best_algorithm") is None or best is None:
        report["notes"].append("no best model (SEG-40): nothing to check")
        return report

    transforms, notes = declared_transforms(response.get("preprocessing"))
    report["notes"] += notes
    if transforms is None or any(t.lower() not in TRANSFORMS and t.lower() not in DROPPED for t in transforms.values()):
        report["error"] = "unknown transform in `preprocessing`: %s" % json.dumps(response.get("preprocessing"))
        return report
    report["transforms"] = transforms
    X, used = declared_matrix(rows, transforms)
    report["features_used"] = used

    by_id = {item["customer_id"]: item["cluster_id"] for item in response["customer_labels"]}
    missing = [r["customer_id"] for r in rows if r["customer_id"] not in by_id]
    if missing or len(by_id) != n:
        report["error"] = "labels cover %d of %d customers" % (n - len(missing), n)
        return report
    labels = np.fromiter((by_id[r["customer_id"]] for r in rows), dtype=np.int64, count=n)
    evaluated = labels != -1 if response["best_algorithm"] == "DBSCAN" else np.ones(n, dtype=bool)
    Xe, le = X[evaluated], labels[evaluated]
    k = len(np.unique(le))
    report["n_clusters_in_labels"] = k
    report["evaluated"] = int(evaluated.sum())
    if not 2 <= k <= len(le) - 1:
        report["error"] = "metrics undefined for %d clusters over %d customers" % (k, len(le))
        return report

    checks = [compare("davies_bouldin", best.get("davies_bouldin"), float(davies_bouldin_score(Xe, le))),
              compare("calinski_harabasz", best.get("calinski_harabasz"), float(calinski_harabasz_score(Xe, le)))]
    sample = next((a for a in response.get("approximations", [])
                   if a.get("quantity") == "silhouette" and a.get("method") == "sample"), None)
    if sample is None:
        checks.insert(0, compare("silhouette", best.get("silhouette"), float(silhouette_score(Xe, le))))
        report["silhouette"] = "exact"
    else:
        chosen = silhouette_sample_indices(n, int(sample["size"]), int(request.get("seed", 42)))
        chosen = chosen[evaluated[chosen]]
        extra = compare("silhouette", best.get("silhouette"),
                        float(silhouette_score(X[chosen], labels[chosen]))
                        if 2 <= len(np.unique(labels[chosen])) <= len(chosen) - 1 else None)
        extra["computed_on"] = "cintel's sample of %d (SEG-50), redrawn" % sample["size"]
        report["silhouette"] = "sampled by cintel (n > exact_limit): required checks are Davies-Bouldin and " \
                               "Calinski-Harabasz; silhouette on the redrawn sample is an extra check"
        report["silhouette_on_sample"] = extra
    report["metrics"] = checks
    report["agree"] = k == best.get("n_clusters") and all(c["agree"] for c in checks)
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("request")
    parser.add_argument("response")
    args = parser.parse_args()
    with open(args.request, "rb") as handle:
        request = json.load(handle)
    with open(args.response, "rb") as handle:
        response = json.load(handle)
    report = check(request, response)
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 2 if report["agree"] is None else (0 if report["agree"] else 1)


if __name__ == "__main__":
    sys.exit(main())
