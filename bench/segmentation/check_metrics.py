#!/usr/bin/env python3
"""Recompute with scikit-learn the metrics of cintel's best model, on cintel's own labels.

Usage: check_metrics.py PAYLOAD.json RESPONSE.json

RESPONSE.json is cintel's answer to PAYLOAD.json (benchmark dialect): its `labels` (id -> cluster, -1 for noise) are
the labelling of `best_model`. The features of SEG-17, log-transformed where the response's `preprocessing` says
(SEG-68, SEG-75), are scaled with StandardScaler (population std) and
silhouette_score, davies_bouldin_score and calinski_harabasz_score are computed on the labelled customers (for DBSCAN
the noise, label -1, is left out, SEG-34). When the response lists a silhouette sample in `approximations` (SEG-50,
above exact_limit), the silhouette is computed on the same sample, redrawn here with cintel's generator (SEG-23,
tag 2); Davies-Bouldin and Calinski-Harabasz are always exact.

A metric agrees when scikit-learn's value rounded to 4 decimals (NUM-2: ties away from zero) equals cintel's written
value, or differs from it by one in the last place while the unrounded value lies within 1e-9 of a rounding boundary
(the two implementations sum in different orders). Prints a JSON report; exit status 0 when all three metrics and the
cluster count agree, 1 when one does not, 2 when the inputs cannot be checked.
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from segcommon import distance_to_rounding_boundary, load_request, round_half_away, silhouette_sample_indices  # noqa

BOUNDARY_TOLERANCE = 1e-9
ULP = 1e-4


def compare(name, written, computed):
    result = {"metric": name, "cintel": written, "sklearn": computed}
    if computed is None or written is None:
        result["sklearn_rounded"] = None
        result["agree"] = computed is None and written is None
        return result
    rounded = round_half_away(computed)
    result["sklearn_rounded"] = rounded
    if rounded == written:
        result["agree"] = True
    elif (abs(rounded - written) <= ULP * (1 + 1e-6)
          and distance_to_rounding_boundary(computed) <= BOUNDARY_TOLERANCE):
        result["agree"] = True
        result["note"] = "one unit apart at a rounding boundary"
    else:
        result["agree"] = False
    return result


def fail(message):
    json.dump({"agree": None, "error": message}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("payload")
    parser.add_argument("response")
    args = parser.parse_args()

    ids, V, params = load_request(args.payload)
    try:
        with open(args.response, "rb") as handle:
            response = json.load(handle)
    except (OSError, ValueError) as error:
        fail("cannot read the response: %s" % error)
    if "error" in response or "labels" not in response:
        fail("the response is not a benchmark-dialect answer: %s" % json.dumps(response)[:300])
    best = response.get("best_model")
    n = len(ids)
    if best is None:
        json.dump({"n": n, "best_model": None, "agree": None,
                   "note": "no eligible model (SEG-40): there are no metrics to check"}, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0

    labels_by_id = response["labels"]
    missing = [i for i in ids if i not in labels_by_id]
    if missing or len(labels_by_id) != n:
        fail("labels cover %d of %d customers (first missing: %s)" % (n - len(missing), n, missing[:3]))
    labels = np.fromiter((labels_by_id[i] for i in ids), dtype=np.int64, count=n)
    # SEG-68, SEG-75: the metrics are those of the declared transforms, then z-scores (columns in SEG-17's order).
    declared = response.get("preprocessing", {})
    transforms = [declared.get(name, "none") for name in ("frequency", "amount_spent", "product_type_count")]
    V = np.column_stack([np.log1p(V[:, f]) if t == "log1p" else V[:, f] for f, t in enumerate(transforms)])
    X = StandardScaler().fit_transform(V)

    evaluated = labels != -1 if best["algo"] == "dbscan" else np.ones(n, dtype=bool)
    Xe, le = X[evaluated], labels[evaluated]
    n_clusters = len(np.unique(le))
    defined = 2 <= n_clusters <= len(le) - 1

    sample = next((a for a in response.get("approximations", [])
                   if a.get("quantity") == "silhouette" and a.get("method") == "sample"), None)
    silhouette_note = "exact"
    silhouette = davies_bouldin = calinski_harabasz = None
    if defined:
        davies_bouldin = float(davies_bouldin_score(Xe, le))
        calinski_harabasz = float(calinski_harabasz_score(Xe, le))
        if sample is None:
            silhouette = float(silhouette_score(Xe, le))
        else:
            chosen = silhouette_sample_indices(n, int(sample["size"]), params["seed"])
            chosen = chosen[evaluated[chosen]]
            silhouette_note = "cintel's sample of %d customers (%d evaluated), redrawn" % (sample["size"], len(chosen))
            Xs, ls = X[chosen], labels[chosen]
            if 2 <= len(np.unique(ls)) <= len(ls) - 1:
                silhouette = float(silhouette_score(Xs, ls))

    checks = [
        compare("silhouette", best.get("silhouette"), silhouette),
        compare("davies_bouldin", best.get("davies_bouldin"), davies_bouldin),
        compare("calinski_harabasz", best.get("calinski_harabasz"), calinski_harabasz),
    ]
    checks[0]["computed_on"] = silhouette_note
    clusters_agree = n_clusters == best.get("n_clusters")
    report = {
        "n": n,
        "best_model": {key: best.get(key) for key in ("algo", "k", "n_clusters")},
        "evaluated": int(evaluated.sum()),
        "n_clusters_in_labels": n_clusters,
        "n_clusters_agree": clusters_agree,
        "metrics": checks,
        "agree": clusters_agree and all(c["agree"] for c in checks),
    }
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0 if report["agree"] else 1


if __name__ == "__main__":
    sys.exit(main())
