#!/usr/bin/env python3
"""The purchasing_segmentation benchmark (benchmark dialect) done with scikit-learn, as a user of it would write it.

Usage: sklearn_benchmark.py PAYLOAD.json [--memory-budget-gb 8] [--exact-limit 20000] [--silhouette-sample 10000]

Features [frequency, amount_spent, distinct product types], StandardScaler (population std); for each k of k_range
KMeans(k, n_init=10, random_state=seed), GaussianMixture(k, full, reg_covar=1e-6) started from that k-means labelling
(one M-step on its one-hot responsibilities, as SEG-27 does) and AgglomerativeClustering(k, ward), one fit per k; then
DBSCAN(eps, min_samples). Each model gets silhouette_score, davies_bouldin_score and calinski_harabasz_score (DBSCAN:
noise excluded), the eligibility rule of SEG-38 and the choice of SEG-39. Prints one JSON object on stdout with the
wall time, the peak RSS (getrusage ru_maxrss) and every row.

Steps that would need more memory than --memory-budget-gb are skipped and reported under "skipped", never attempted:
Ward (SciPy's linkage holds the condensed n x n distance matrix twice, about 8·n² bytes) and DBSCAN (scikit-learn
materialises every eps-neighbourhood: about 8 bytes per neighbour pair, estimated from a sample of 2,000 points).
Above --exact-limit customers (cintel's exact_limit, SEG-49) the silhouette is silhouette_score(..., sample_size=m)
instead of the exact O(n²) score, matching what cintel does there (SEG-50), with scikit-learn's own random sample.
"""
import time

PROCESS_START = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import DBSCAN, AgglomerativeClustering, KMeans  # noqa: E402
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402
from sklearn.neighbors import KDTree  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from segcommon import load_request, peak_rss_mib, round_half_away  # noqa: E402

IMPORTED = time.perf_counter()
GIB = 1024.0**3
FAMILY_ORDER = {"kmeans": 0, "gmm": 1, "agglo": 2, "dbscan": 3}


def gmm_from_labels(X, labels, k, seed):
    """GaussianMixture whose initial parameters are one M-step on the one-hot responsibilities of `labels`."""
    n, d = X.shape
    resp = np.zeros((n, k))
    resp[np.arange(n), labels] = 1.0
    nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps
    means = resp.T @ X / nk[:, None]
    precisions = np.empty((k, d, d))
    for j in range(k):
        diff = X - means[j]
        covariance = (resp[:, j] * diff.T) @ diff / nk[j]
        covariance.flat[:: d + 1] += 1e-6
        precisions[j] = np.linalg.inv(covariance)
    return GaussianMixture(
        n_components=k, covariance_type="full", reg_covar=1e-6, tol=1e-3, max_iter=100,
        weights_init=nk / n, means_init=means, precisions_init=precisions,
        init_params="random_from_data",  # unused: all three initial parameters are given
        random_state=seed)


def ward_bytes(n):
    return 8.0 * n * n


def dbscan_bytes(X, eps, seed):
    """Neighbour-list memory of scikit-learn's DBSCAN (int64 indices plus ~100 bytes per list), from the mean
    eps-neighbourhood size of up to 2,000 sampled points."""
    n = len(X)
    rng = np.random.RandomState(seed)
    probe = rng.choice(n, size=min(n, 2000), replace=False)
    counts = KDTree(X).query_radius(X[probe], r=eps, count_only=True)
    return n * (8.0 * counts.mean() + 100.0), float(counts.mean())


def score(X, labels, silhouette_sample, seed):
    """The three metrics (None when undefined: fewer than 2 clusters or not fewer clusters than points)."""
    n_eval = len(labels)
    n_clusters = len(np.unique(labels))
    if not 2 <= n_clusters <= n_eval - 1:
        return None, None, None, n_clusters
    if silhouette_sample is None or silhouette_sample >= n_eval:
        silhouette = float(silhouette_score(X, labels))
    else:
        try:
            silhouette = float(silhouette_score(X, labels, sample_size=silhouette_sample, random_state=seed))
        except ValueError:  # the sample holds a single cluster
            silhouette = None
    return (silhouette, float(davies_bouldin_score(X, labels)), float(calinski_harabasz_score(X, labels)),
            n_clusters)


def row(algo, k, labels, X, n, silhouette_sample, seed, fit_seconds):
    started = time.perf_counter()
    noise = labels == -1
    evaluated = ~noise
    silhouette, db, ch, n_clusters = score(X[evaluated], labels[evaluated], silhouette_sample, seed)
    eligible = silhouette is not None and db is not None and 2 * int(noise.sum()) <= n
    result = {
        "algo": algo, "k": k,
        "silhouette": round_half_away(silhouette) if eligible else -1,
        "davies_bouldin": round_half_away(db), "calinski_harabasz": round_half_away(ch),
        "n_clusters": n_clusters,
    }
    if algo == "dbscan":
        result["noise_ratio"] = round_half_away(float(noise.mean()))
    result["eligible"] = eligible
    result["fit_s"] = round(fit_seconds, 3)
    result["metrics_s"] = round(time.perf_counter() - started, 3)
    return result


def best_of(rows):
    """SEG-39: highest silhouette, then lowest Davies-Bouldin, fewest clusters, family order, smaller k."""
    eligible = [r for r in rows if r["eligible"]]
    if not eligible:
        return None
    return min(eligible, key=lambda r: (-r["silhouette"], r["davies_bouldin"], r["n_clusters"],
                                        FAMILY_ORDER[r["algo"]], r["k"] or 0))


def thread_info():
    try:
        from threadpoolctl import threadpool_info
        return [{"api": p.get("user_api"), "library": p.get("internal_api"), "threads": p.get("num_threads")}
                for p in threadpool_info()]
    except Exception:  # threadpoolctl missing or failing: the report is optional
        return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("payload")
    parser.add_argument("--memory-budget-gb", type=float, default=8.0,
                        help="skip a step whose estimated memory exceeds this many GiB (default 8)")
    parser.add_argument("--exact-limit", type=int, default=20000,
                        help="above this many customers, sample the silhouette (default 20000, cintel's exact_limit)")
    parser.add_argument("--silhouette-sample", type=int, default=10000,
                        help="silhouette sample size above --exact-limit (default 10000, as cintel)")
    args = parser.parse_args()
    budget = args.memory_budget_gb * GIB

    t = time.perf_counter()
    ids, V, params = load_request(args.payload)
    n = len(ids)
    seed = params["seed"]
    load_s = time.perf_counter() - t

    t = time.perf_counter()
    X = StandardScaler().fit_transform(V)
    distinct = len(np.unique(V, axis=0))
    scale_s = time.perf_counter() - t

    feasible = [k for k in params["k_range"] if k <= n - 1 and k <= distinct]
    skipped_k = [{"k": k, "reason": "k_not_below_n" if k >= n else "k_above_distinct"}
                 for k in params["k_range"] if k not in feasible]
    silhouette_sample = None if n <= args.exact_limit else min(n, args.silhouette_sample)
    algorithms = params["algorithms"]
    skipped = []
    rows = []

    kmeans_labels = {}
    kmeans_seconds = {}

    def kmeans(k):
        if k not in kmeans_labels:
            started = time.perf_counter()
            kmeans_labels[k] = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(X).labels_
            kmeans_seconds[k] = time.perf_counter() - started
        return kmeans_labels[k]

    if "kmeans" in algorithms:
        for k in feasible:
            labels = kmeans(k)
            rows.append(row("kmeans", k, labels, X, n, silhouette_sample, seed, kmeans_seconds[k]))
    if "gmm" in algorithms:
        for k in feasible:
            started = time.perf_counter()
            init = kmeans(k)  # cached when the kmeans family ran; otherwise fitted now and counted here
            labels = gmm_from_labels(X, init, k, seed).fit_predict(X)
            fit_s = time.perf_counter() - started
            rows.append(row("gmm", k, labels, X, n, silhouette_sample, seed, fit_s))
    if "agglo" in algorithms and feasible:
        need = ward_bytes(n)
        if need > budget:
            skipped.append({"step": "agglo", "estimated_gib": round(need / GIB, 2),
                            "reason": "Ward needs the n x n distance matrix (about 8·n² bytes), over the budget"})
        else:
            for k in feasible:
                started = time.perf_counter()
                labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit(X).labels_
                rows.append(row("agglo", k, labels, X, n, silhouette_sample, seed, time.perf_counter() - started))
    dbscan_estimate_s = 0.0
    if "dbscan" in algorithms:
        started = time.perf_counter()
        need, mean_neighbours = dbscan_bytes(X, params["dbscan_eps"], seed)
        dbscan_estimate_s = time.perf_counter() - started
        if need > budget:
            skipped.append({"step": "dbscan", "estimated_gib": round(need / GIB, 2),
                            "mean_neighbours": round(mean_neighbours, 1),
                            "reason": "DBSCAN materialises every eps-neighbourhood, over the budget"})
        else:
            started = time.perf_counter()
            labels = DBSCAN(eps=params["dbscan_eps"], min_samples=params["dbscan_min_samples"]).fit(X).labels_
            rows.append(row("dbscan", None, labels, X, n, silhouette_sample, seed, time.perf_counter() - started))

    finished = time.perf_counter()
    report = {
        "tool": "scikit-learn",
        "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "cpu_count": os.cpu_count(),
        "threadpools": thread_info(),
        "n": n,
        "distinct_vectors": distinct,
        "wall_s": round(finished - PROCESS_START, 3),
        "phases_s": {
            "import": round(IMPORTED - PROCESS_START, 3), "load": round(load_s, 3), "scale": round(scale_s, 3),
            "fit": round(sum(r["fit_s"] for r in rows), 3), "metrics": round(sum(r["metrics_s"] for r in rows), 3),
            "dbscan_memory_estimate": round(dbscan_estimate_s, 3),
        },
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "memory_budget_gib": args.memory_budget_gb,
        "silhouette": ({"mode": "exact"} if silhouette_sample is None else
                       {"mode": "sample", "size": silhouette_sample, "random_state": seed}),
        "complete": not skipped,
        "skipped": skipped,
        "skipped_k": skipped_k,
        "benchmark": rows,
        "best_model": best_of(rows),
    }
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
