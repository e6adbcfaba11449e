#!/usr/bin/env python3
"""Fits lifetimes' BetaGeoFitter to the customers of a churn_risk request and compares its parameters with the
`model` block of cintel's response to the same request.

Usage: python3 bench/lifetimes/compare_bgnbd.py request.json response.json
(needs `pip install lifetimes`; the demo job writes both files: cintel demo --out DIR, then
DIR/requests/churn_risk.json and DIR/responses/churn_risk.json).
"""
import json
import sys
import time

import pandas as pd
from lifetimes import BetaGeoFitter
from lifetimes.utils import summary_data_from_transaction_data


def main(request_path, response_path):
    request = json.load(open(request_path))
    ours = json.load(open(response_path))["model"]
    rows = [(c["customer_id"], t["date"]) for c in request["customers"] for t in c["transactions"]]
    frame = pd.DataFrame(rows, columns=["customer_id", "date"])
    frame["date"] = pd.to_datetime(frame["date"])
    summary = summary_data_from_transaction_data(frame, "customer_id", "date", freq="D",
                                                 observation_period_end=pd.Timestamp(request["today"]))
    started = time.perf_counter()
    fitter = BetaGeoFitter(penalizer_coef=0.0).fit(summary["frequency"], summary["recency"], summary["T"])
    seconds = time.perf_counter() - started
    theirs = {"r": fitter.params_["r"], "alpha": fitter.params_["alpha"], "a": fitter.params_["a"], "b": fitter.params_["b"]}
    print(f"customers {len(summary)}, lifetimes fit {seconds:.2f} s")
    for name in ("r", "alpha", "a", "b"):
        mine = ours["parameters"][name]
        print(f"{name:>5}: cintel {mine:.6f}  lifetimes {theirs[name]:.6f}  relative difference {abs(mine - theirs[name]) / theirs[name]:.2e}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
