#!/usr/bin/env python3
"""Write a synthetic customer_clv_forecast request: a retail purchase history drawn from BG/NBD + Gamma-Gamma.

Usage: generate.py N_CUSTOMERS N_TRANSACTIONS OUT.json [--seed S] [--margin] [--no-csv]

Writes OUT.json (the request body), OUT.csv (the same transactions as `customer_id,date,amount[,cost]`, for tools
that load CSV faster than JSON) and OUT.meta.json (the generating parameters and the counts actually written; the
request itself cannot carry them, unknown members are refused by CLV-1).

The generating process, time in days (spec/customer_clv_forecast.md, CLV-8 and CLV-14):

    history       731 calendar days, FIRST_DAY .. TODAY (2023-07-01 .. 2025-06-30); customer 1 is acquired on
                  FIRST_DAY, so the request spans S = 730 days = 2 * H_days and the backtest is full-length (CLV-22);
                  every other customer's first purchase day is uniform over the 731 days
    BG/NBD        lambda ~ Gamma(shape R, rate alpha), dropout p ~ Beta(A, B); after the first purchase, repeat
                  purchases follow a Poisson process of rate lambda, and after each repeat purchase the customer
                  leaves for good with probability p; purchases later than TODAY are not observed
                  R = 0.8, A = 0.6, B = 2.4; alpha (days) is calibrated per size, see below
    purchase days purchases falling on the same calendar day are one purchase day (CLV-7)
    Gamma-Gamma   nu ~ Gamma(shape Q, rate V) per customer; the value of each purchase day ~ Gamma(shape P, rate nu)
                  P = 4.0, Q = 3.5, V = 45.0 (population mean spend per purchase day P*V/(Q-1) = 72.00),
                  rounded to cents, at least 0.01
    basis         without --margin the day value is the amount (revenue basis); with --margin it is the margin:
                  each customer gets a margin rate rho ~ Uniform(0.25, 0.45), amount = margin / rho (cents) and
                  cost = amount - margin, so amount - cost is exactly the Gamma-Gamma draw and every margin is > 0
    rows          a purchase day is written as one transaction, or split into several rows on the same date
                  (amounts, and costs, split at random shares; their sums are the day's values to the cent)

Hitting N_TRANSACTIONS exactly: alpha is found by bisection so that the model's expected number of purchase days
(N customers + the closed-form E[repeats | lambda, p, T] = (1 - exp(-lambda*p*T)) / p averaged over a fixed pilot
sample of 20,000 customers) equals N + 0.9 * (N_TRANSACTIONS - N). The simulated histories then hold a few per cent
fewer purchase days than N_TRANSACTIONS; the remainder is made up by splitting randomly chosen purchase days into
extra same-day rows, which changes neither the per-customer summaries (CLV-7) nor the fitted models. Only when the
simulation overshoots the target (not seen at the sizes of the benchmark) is the total larger than asked; the
count written is printed and recorded in OUT.meta.json.

The request: {"today", "horizon_months": 12, "discount_rate": 0.1, "seed": 42, "customers": [{"customer_id",
"transactions": [{"date", "amount"[, "cost"]}]}]}, customers "C0000001"..., transactions in date order.

Deterministic: every draw comes from random.Random(SEED).random(), whose stream Python keeps stable across
versions (gamma, beta, exponential and normal variates are derived from it here rather than taken from the random
module, whose other methods may change). The output is streamed through buffered writers; memory stays at a few
hundred MB for 1M customers / 5M transactions.
"""
import argparse
import datetime
import json
import math
import os
import random
import sys
import time

TODAY = datetime.date(2025, 6, 30)
HISTORY_DAYS = 731  # day indexes 0 .. 730; index 730 is TODAY
FIRST_DAY = TODAY - datetime.timedelta(days=HISTORY_DAYS - 1)

R, A, B = 0.8, 0.6, 2.4  # BG/NBD (alpha is calibrated)
P, Q, V = 4.0, 3.5, 45.0  # Gamma-Gamma, in money
MARGIN_RATE = (0.25, 0.45)
PURCHASE_DAY_SHARE = 0.9  # share of the rows beyond the first purchase that should be distinct purchase days
PILOT = 20000

REQUEST_HEAD = '{"today":"%s","horizon_months":12,"discount_rate":0.1,"seed":42,"customers":[\n'


class Draws:
    """Variates built on random.Random(seed).random() only (stable across Python versions)."""

    def __init__(self, seed):
        self.u = random.Random(seed).random
        self.spare = None

    def uniform_open(self):
        u = self.u()
        while u == 0.0:
            u = self.u()
        return u

    def exponential(self):
        return -math.log(self.uniform_open())

    def normal(self):
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        radius = math.sqrt(-2.0 * math.log(self.uniform_open()))
        angle = 2.0 * math.pi * self.u()
        self.spare = radius * math.sin(angle)
        return radius * math.cos(angle)

    def gamma(self, shape):
        """Gamma(shape, scale 1): Marsaglia & Tsang (2000), with the u^(1/shape) boost below shape 1."""
        if shape < 1.0:
            return self.gamma(shape + 1.0) * self.uniform_open() ** (1.0 / shape)
        d = shape - 1.0 / 3.0
        c = 1.0 / math.sqrt(9.0 * d)
        while True:
            x = self.normal()
            w = 1.0 + c * x
            if w <= 0.0:
                continue
            w = w * w * w
            if math.log(self.uniform_open()) < 0.5 * x * x + d - d * w + d * math.log(w):
                return d * w

    def beta(self, a, b):
        x = self.gamma(a)
        return x / (x + self.gamma(b))


def calibrate_alpha(n, n_transactions, seed):
    """alpha such that the model's expected purchase days per customer hit the target (see the module doc)."""
    target_repeats = PURCHASE_DAY_SHARE * (n_transactions - n) / n
    if target_repeats <= 0.0:
        return math.inf, 0.0
    draws = Draws(seed ^ 0x5EED)
    pilot = []
    for i in range(PILOT):
        g = draws.gamma(R)
        p = draws.beta(A, B)
        first = 0 if i == 0 else min(int(draws.u() * HISTORY_DAYS), HISTORY_DAYS - 1)
        pilot.append((g * p * (HISTORY_DAYS - 1 - first), 1.0 / p))

    def repeats(alpha):
        return sum(inv_p * -math.expm1(-gpt / alpha) for gpt, inv_p in pilot) / PILOT

    lo, hi = math.log(1e-4), math.log(1e7)  # repeats(alpha) decreases in alpha
    if repeats(math.exp(lo)) < target_repeats:
        raise SystemExit("generate.py: %.3f transactions per customer is more than this model can produce"
                         % (n_transactions / n))
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        if repeats(math.exp(mid)) > target_repeats:
            lo = mid
        else:
            hi = mid
    alpha = math.exp(0.5 * (lo + hi))
    return alpha, target_repeats


def cents_text(c):
    return "%d.%02d" % divmod(c, 100) if c >= 0 else "-" + cents_text(-c)


def shares(k, draws):
    """Random weights of the k rows of one purchase day."""
    return [0.2 + draws.u() for _ in range(k)]


def split(total, weights):
    """Integer parts of `total` cents in proportion to `weights`, summing to `total`."""
    if len(weights) == 1:
        return [total]
    scale = total / sum(weights)
    parts = [int(w * scale) for w in weights[:-1]]
    parts.append(total - sum(parts))
    return parts


def main(argv):
    ap = argparse.ArgumentParser(description="Synthetic customer_clv_forecast request (BG/NBD + Gamma-Gamma).")
    ap.add_argument("customers", type=int)
    ap.add_argument("transactions", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--margin", action="store_true", help="add cost: margin basis (CLV-6)")
    ap.add_argument("--no-csv", action="store_true", help="do not write OUT.csv")
    args = ap.parse_args(argv[1:])
    n, n_tx, seed = args.customers, args.transactions, args.seed
    if n < 1 or n_tx < n:
        ap.error("need N_CUSTOMERS >= 1 and N_TRANSACTIONS >= N_CUSTOMERS (every customer has a first purchase)")
    if not 0 <= seed < 2**63:
        ap.error("--seed must be in 0 .. 2^63-1")
    started = time.perf_counter()

    alpha, target_repeats = calibrate_alpha(n, n_tx, seed)
    draws = Draws(seed)

    # Pass 1: simulate every customer; purchase days and their values in flat arrays (compact at 1M customers).
    from array import array
    first_index = array("q")  # where each customer's days start in `days` / `values`
    days = array("h")  # day index 0 .. 730
    values = array("q")  # day value in cents (the margin under --margin)
    rates = array("d")  # margin rate per customer (--margin only)
    horizon = HISTORY_DAYS - 1
    for i in range(n):
        first_index.append(len(days))
        lam = draws.gamma(R) / alpha if alpha != math.inf else 0.0
        p = draws.beta(A, B)
        first = 0 if i == 0 else min(int(draws.u() * HISTORY_DAYS), horizon)
        T = horizon - first
        days.append(first)
        if lam > 0.0:
            t = 0.0
            last = first
            while True:
                t += draws.exponential() / lam
                if t > T:
                    break
                day = first + int(t)
                if day != last:
                    days.append(day)
                    last = day
                if draws.u() < p:
                    break
        scale = V / draws.gamma(Q)  # 1 / nu
        for _ in range(len(days) - first_index[i]):
            values.append(max(1, round(draws.gamma(P) * scale * 100.0)))
        if args.margin:
            rates.append(MARGIN_RATE[0] + (MARGIN_RATE[1] - MARGIN_RATE[0]) * draws.u())
    first_index.append(len(days))
    purchase_days = len(days)

    # Pass 2: spread the missing rows over the purchase days (selection sampling, exact count) and write.
    extra = max(0, n_tx - purchase_days)
    every, remainder = divmod(extra, purchase_days)
    dates = [(FIRST_DAY + datetime.timedelta(days=k)).isoformat() for k in range(HISTORY_DAYS)]
    width = max(7, len(str(n)))
    base = os.path.splitext(args.out)[0] if args.out.endswith(".json") else args.out
    csv_path = None if args.no_csv else base + ".csv"
    meta_path = base + ".meta.json"
    rows_written = 0
    seen = 0
    with open(args.out, "w", buffering=1 << 22, newline="\n") as out, \
            (open(csv_path, "w", buffering=1 << 22, newline="\n") if csv_path else open(os.devnull, "w")) as csv:
        out.write(REQUEST_HEAD % TODAY.isoformat())
        csv.write("customer_id,date,amount,cost\n" if args.margin else "customer_id,date,amount\n")
        for i in range(n):
            cid = "C%0*d" % (width, i + 1)
            pieces = []
            csv_lines = []
            rho = rates[i] if args.margin else 0.0
            for j in range(first_index[i], first_index[i + 1]):
                k = 1 + every
                if remainder and draws.u() * (purchase_days - seen) < remainder:
                    k += 1
                    remainder -= 1
                seen += 1
                date = dates[days[j]]
                if args.margin:
                    margin = values[j]
                    amount = round(margin / rho)
                    weights = shares(k, draws) if k > 1 else [1.0]
                    for a_c, m_c in zip(split(amount, weights), split(margin, weights)):
                        c_c = a_c - m_c
                        if c_c < 0:  # rounding on a split row of a tiny day: keep the margin, cost 0
                            a_c, c_c = m_c, 0
                        pieces.append('{"date":"%s","amount":%s,"cost":%s}' % (date, cents_text(a_c), cents_text(c_c)))
                        csv_lines.append("%s,%s,%s,%s\n" % (cid, date, cents_text(a_c), cents_text(c_c)))
                else:
                    for a_c in split(values[j], shares(k, draws) if k > 1 else [1.0]):
                        pieces.append('{"date":"%s","amount":%s}' % (date, cents_text(a_c)))
                        csv_lines.append("%s,%s,%s\n" % (cid, date, cents_text(a_c)))
            rows_written += len(pieces)
            out.write('{"customer_id":"%s","transactions":[%s]}%s\n'
                      % (cid, ",".join(pieces), "," if i + 1 < n else ""))
            csv.write("".join(csv_lines))
        out.write("]}\n")

    seconds = time.perf_counter() - started
    repeat_buyers = sum(1 for i in range(n) if first_index[i + 1] - first_index[i] > 1)
    meta = {
        "generator": "bench/clv/generate.py",
        "seed": seed,
        "value_basis": "margin" if args.margin else "revenue",
        "today": TODAY.isoformat(),
        "first_day": FIRST_DAY.isoformat(),
        "bgnbd": {"r": R, "alpha": alpha, "a": A, "b": B, "time_unit": "days"},
        "gamma_gamma": {"p": P, "q": Q, "v": V, "population_mean_spend": P * V / (Q - 1)},
        "margin_rate": list(MARGIN_RATE) if args.margin else None,
        "customers": n,
        "transactions_target": n_tx,
        "transactions": rows_written,
        "purchase_days": purchase_days,
        "repeat_buyers": repeat_buyers,
        "target_repeats_per_customer": target_repeats,
        "realised_repeats_per_customer": (purchase_days - n) / n,
        "bytes": os.path.getsize(args.out),
        "csv": csv_path,
        "seconds": round(seconds, 2),
    }
    with open(meta_path, "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    sys.stderr.write("generate.py: %d customers, %d transactions (%d purchase days, %d repeat buyers), alpha %.4f "
                     "days, %.1f MB, %.1f s -> %s\n" % (n, rows_written, purchase_days, repeat_buyers, alpha,
                                                        meta["bytes"] / 1e6, seconds, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
