"""Helpers shared by sklearn_benchmark.py and check_metrics.py: reading a benchmark-dialect request, the feature
matrix of SEG-17, rounding per NUM-2 and the random generator of SEG-23."""
import json
import resource
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

import numpy as np

FAMILIES = ("kmeans", "gmm", "agglo", "dbscan")
DEFAULTS = {"k_range": [3, 4, 5, 6], "algorithms": list(FAMILIES), "dbscan_eps": 0.4, "dbscan_min_samples": 5,
            "seed": 42}


def load_request(path):
    """(ids, V, params): customer ids in payload order, the n x 3 matrix [frequency, amount_spent, distinct product
    types] and the parameters with the spec's defaults filled in (k_range and algorithms as sorted sets)."""
    with open(path, "rb") as handle:
        body = json.load(handle)
    customers = body["customers"]
    ids = [c["id"] for c in customers]
    V = np.empty((len(customers), 3), dtype=np.float64)
    V[:, 0] = [c["frequency"] for c in customers]
    V[:, 1] = [c["amount_spent"] for c in customers]
    V[:, 2] = [len(set(c["product_types"])) for c in customers]
    params = {key: body.get(key, default) for key, default in DEFAULTS.items()}
    params["k_range"] = sorted(set(params["k_range"]))
    params["algorithms"] = [f for f in FAMILIES if f in set(params["algorithms"])]
    return ids, V, params


def round_half_away(value, decimals=4):
    """NUM-2: nearest multiple of 10^-decimals, ties away from zero, applied to the exact binary64 value."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP))


def distance_to_rounding_boundary(value, decimals=4):
    """|value - b| for the nearest point b = (j + 1/2)·10^-decimals where rounding to `decimals` changes."""
    scaled = Decimal(value).scaleb(decimals)
    boundary = scaled.to_integral_value(rounding=ROUND_FLOOR) + Decimal("0.5")
    if scaled - boundary + 1 < boundary - scaled:  # the boundary below
        boundary -= 1
    return float(abs(scaled - boundary).scaleb(-decimals))


class SplitMix64:
    """SEG-23 / CLV-19: state += 0x9E3779B97F4A7C15 per draw, then the SplitMix64 mix, all modulo 2^64."""
    MASK = (1 << 64) - 1

    def __init__(self, state):
        self.state = state & self.MASK

    @classmethod
    def for_purpose(cls, seed, tag, k=0, restart=0):
        return cls(seed * 2**32 + tag * 2**24 + k * 2**8 + restart)

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)


def silhouette_sample_indices(n, m, seed):
    """SEG-50: payload indices of cintel's silhouette sample of m customers, in payload order."""
    rng = SplitMix64.for_purpose(seed, tag=2)
    positions = np.arange(n, dtype=np.int64)
    for p in range(m):
        j = p + rng.next() % (n - p)
        positions[p], positions[j] = positions[j], positions[p]
    return np.sort(positions[:m])


def peak_rss_mib():
    """Peak resident set size of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024.0 * 1024.0) if sys.platform == "darwin" else peak / 1024.0
