#!/usr/bin/env python3
"""Write a synthetic purchasing_segmentation request (benchmark dialect) to standard output.

Usage: generate.py N SEED > payload.json

N customers drawn from five behavioural groups plus about 2 % outliers:

    group                  share  purchases (frequency)  spend per purchase  product types
    light buyers            0.34  1 + Poisson(1.5)       ~ 35                1-3
    core customers          0.27  2 + Poisson(7)         ~ 65                2-5
    small-basket frequents  0.16  8 + Poisson(22)        ~ 18                1-4
    big-ticket occasionals  0.13  1 + Poisson(2.5)       ~ 320               1-3
    champions               0.08  15 + Poisson(40)       ~ 110               4-8
    outliers                0.02  1-400, log-uniform     heavy-tailed        1-8

amount_spent = frequency x a log-normal spend per purchase, rounded to cents, so spend grows with frequency.
Each group prefers its own categories out of a pool of 30 names; a customer's product types are distinct.
The body asks for k_range [3, 4, 5, 6], all four algorithms, eps 0.4, min_samples 5 and seed 42.

Only numpy's legacy RandomState is used: its streams are frozen across numpy versions, so the same N and SEED give
the same bytes on any machine. The work is vectorised in fixed-size blocks (so memory stays small at 1M customers and
the draws do not depend on anything but N and SEED); only the final text assembly loops over customers.
"""
import sys

import numpy as np

CATEGORIES = [
    "groceries", "fresh-produce", "dairy", "bakery", "beverages", "wine", "snacks", "frozen-food",
    "household", "cleaning", "personal-care", "beauty", "baby", "pet-supplies", "health",
    "electronics", "computers", "phones", "audio", "home-appliances", "furniture", "garden",
    "diy-tools", "toys", "books", "sports", "outdoor", "apparel", "shoes", "jewelry",
]

# name, share, frequency base, Poisson mean, median spend per purchase, log-sd of spend, min/max product types,
# preferred categories (indexes into CATEGORIES; they get ten times the weight of the others)
GROUPS = [
    ("light", 0.34, 1, 1.5, 35.0, 0.45, 1, 3, [0, 1, 4, 6, 8, 24]),
    ("core", 0.27, 2, 7.0, 65.0, 0.35, 2, 5, [0, 1, 2, 3, 4, 8, 9, 10, 27]),
    ("small_basket", 0.16, 8, 22.0, 18.0, 0.30, 1, 4, [0, 2, 3, 4, 6, 7]),
    ("big_ticket", 0.13, 1, 2.5, 320.0, 0.40, 1, 3, [15, 16, 17, 18, 19, 20, 29]),
    ("champions", 0.08, 15, 40.0, 110.0, 0.30, 4, 8, [0, 5, 11, 15, 16, 18, 20, 21, 25, 27, 28]),
]
OUTLIER_SHARE = 0.02
BLOCK = 65536

BODY_TAIL = (
    '],"k_range":[3,4,5,6],"algorithms":["kmeans","gmm","agglo","dbscan"],'
    '"dbscan_eps":0.4,"dbscan_min_samples":5,"seed":42}\n'
)


def inverse_category_weights():
    """Row g: 1 / selection weight of each category for group g; the last row (outliers) is uniform."""
    w = np.ones((len(GROUPS) + 1, len(CATEGORIES)))
    for g, group in enumerate(GROUPS):
        w[g, group[8]] = 10.0
    return 1.0 / w


def draw_block(rng, m, inverse_weights):
    """Frequency, amount in cents and product-type indexes (-1 padded, shape m x 8) of m customers."""
    shares = np.array([g[1] for g in GROUPS] + [OUTLIER_SHARE])
    cumulative = np.cumsum(shares / shares.sum())
    group = np.searchsorted(cumulative, rng.random_sample(m), side="right")
    group = np.minimum(group, len(GROUPS))  # guards a rounding residue of the last cumulative share
    outlier = group == len(GROUPS)

    base = np.array([g[2] for g in GROUPS] + [0])[group]
    lam = np.array([g[3] for g in GROUPS] + [1.0])[group]
    median = np.array([g[4] for g in GROUPS] + [60.0])[group]
    sd = np.array([g[5] for g in GROUPS] + [1.2])[group]
    t_lo = np.array([g[6] for g in GROUPS] + [1])[group]
    t_hi = np.array([g[7] for g in GROUPS] + [8])[group]

    frequency = base + rng.poisson(lam)
    # outliers: frequency log-uniform on [1, 400)
    wild_frequency = np.floor(np.exp(rng.random_sample(m) * np.log(400.0))).astype(np.int64)
    frequency = np.where(outlier, np.maximum(wild_frequency, 1), frequency).astype(np.int64)

    per_purchase = median * np.exp(sd * rng.standard_normal(m))
    cents = np.rint(frequency * per_purchase * 100.0).astype(np.int64)
    # a few outliers bought nothing of value (returns, vouchers): amount 0
    zero = outlier & (rng.random_sample(m) < 0.1)
    cents = np.where(zero, 0, cents)

    types = t_lo + np.floor(rng.random_sample(m) * (t_hi - t_lo + 1)).astype(np.int64)
    # weighted sampling without replacement (Efraimidis-Spirakis): the `types` largest keys u^(1/w), compared as
    # log(u)/w; u = 0 gives -inf, the smallest key
    with np.errstate(divide="ignore"):
        keys = np.log(rng.random_sample((m, len(CATEGORIES)))) * inverse_weights[group]
    order = np.argsort(-keys, axis=1, kind="stable")[:, :8]
    order = np.where(np.arange(8)[None, :] < types[:, None], order, -1)
    return frequency, cents, order


def byte_table(strings):
    """A (len(strings) + 1) x L uint8 matrix of left-aligned bytes and their lengths; the last row is empty."""
    encoded = [s.encode() for s in strings] + [b""]
    width = max(len(e) for e in encoded)
    table = np.zeros((len(encoded), width), dtype=np.uint8)
    for i, e in enumerate(encoded):
        table[i, : len(e)] = np.frombuffer(e, dtype=np.uint8)
    return table, np.array([len(e) for e in encoded])


def digits(values, width=None):
    """Decimal digits of non-negative integers, left-aligned (or zero-padded to `width`), and their lengths."""
    if width is None:
        lengths = np.ones(len(values), dtype=np.int64)
        bound = 10
        while True:
            more = values >= bound
            if not more.any():
                break
            lengths += more
            bound *= 10
    else:
        lengths = np.full(len(values), width, dtype=np.int64)
    columns = int(lengths.max())
    position = np.arange(columns)[None, :]
    exponent = np.maximum(lengths[:, None] - 1 - position, 0)
    table = (values[:, None] // (10 ** exponent) % 10 + ord("0")).astype(np.uint8)
    return table, lengths


def assemble(pieces, m):
    """Concatenate, row by row, pieces given as (bytes table m x L, lengths m) into one byte string."""
    lengths = np.stack([np.broadcast_to(p[1], (m,)) for p in pieces], axis=1)
    starts = np.cumsum(lengths.ravel()).reshape(m, -1) - lengths
    buf = np.empty(int(lengths.sum()), dtype=np.uint8)
    for j, (table, length) in enumerate(pieces):
        table = np.broadcast_to(table, (m, table.shape[1]))
        mask = np.arange(table.shape[1])[None, :] < np.broadcast_to(length, (m,))[:, None]
        buf[(starts[:, j][:, None] + np.arange(table.shape[1])[None, :])[mask]] = table[mask]
    return buf.tobytes()


def constant(text):
    encoded = np.frombuffer(text.encode(), dtype=np.uint8)
    return encoded[None, :], np.array(len(encoded))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: generate.py N SEED > payload.json\n")
        return 2
    n, seed = int(argv[1]), int(argv[2])
    if n < 1 or not 0 <= seed < 2**32:
        sys.stderr.write("N must be >= 1 and SEED in 0 .. 2^32-1\n")
        return 2
    rng = np.random.RandomState(seed)
    inverse_weights = inverse_category_weights()
    first_table, first_len = byte_table(['"%s"' % c for c in CATEGORIES])
    next_table, next_len = byte_table([',"%s"' % c for c in CATEGORIES])
    end_table, end_len = byte_table(["]},\n", "]}\n"])
    width = max(7, len(str(n)))
    out = sys.stdout.buffer
    out.write(b'{"customers":[\n')
    written = 0
    while written < n:
        m = min(BLOCK, n - written)
        frequency, cents, order = draw_block(rng, m, inverse_weights)
        pieces = [
            constant('{"id":"C'),
            digits(np.arange(written + 1, written + m + 1, dtype=np.int64), width),
            constant('","frequency":'),
            digits(frequency),
            constant(',"amount_spent":'),
            digits(cents // 100),
            constant("."),
            digits(cents % 100, 2),
            constant(',"product_types":['),
        ]
        for j in range(order.shape[1]):
            table, length = (first_table, first_len) if j == 0 else (next_table, next_len)
            pieces.append((table[order[:, j]], length[order[:, j]]))  # index -1 is the empty last row
        last = np.zeros(m, dtype=np.int64)
        if written + m == n:
            last[-1] = 1
        pieces.append((end_table[last], end_len[last]))
        out.write(assemble(pieces, m))
        written += m
    out.write(BODY_TAIL.encode())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
