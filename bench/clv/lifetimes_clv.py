#!/usr/bin/env python3
"""The customer_clv_forecast work done with lifetimes 0.11 + pandas, end to end, and its comparison with cintel.

Usage:
  lifetimes_clv.py BODY.json [--csv] [--out FORECAST.json] [--report REPORT.json] [--response CINTEL.json]
  lifetimes_clv.py --from-report REPORT.json --response CINTEL.json

First form (the peer): reads the customer_clv_forecast request BODY.json (or, with --csv, the BODY.csv that
generate.py writes beside it), builds the transaction frame (value = amount - cost when the request carries cost,
amount otherwise: the basis of CLV-6), then

  summary    lifetimes.utils.summary_data_from_transaction_data(freq "D", observation_period_end = today,
             monetary_value_col = value): frequency, recency, T, monetary_value per customer (CLV-7)
  bgnbd      BetaGeoFitter(penalizer_coef=0).fit(frequency, recency, T)                          (CLV-8..10)
  gamma      GammaGammaFitter(penalizer_coef=0).fit on repeat buyers with monetary_value > 0      (CLV-14)
  clv        GammaGammaFitter.customer_lifetime_value(bgf, ..., time=horizon_months, discount_rate=d, freq="D")
             with the monthly rate d = (1 + discount_rate)^(1/12) - 1 (CLV-3)
  write      the per-customer forecasts as JSON (--out)

and prints the wall time of each stage and of the whole (script start to forecast written, imports included).
After that, outside the timed total, it recomputes the forecast with cintel's month length (see below) for the
comparison. --report writes all of it as JSON. With --response (cintel's answer to the same body) it prints the
relative differences of r, alpha, a, b, p, q, v against models.bgnbd.parameters / models.gamma_gamma.parameters
and of the total forecast against summary.total_predicted_clv.

Second form: the same comparison from a report written earlier, without refitting (run.sh uses it so that the timed
lifetimes run never loads cintel's response and its peak memory is lifetimes' own).

Exit status: 0 every parameter within 1e-3 relative (or no --response), 1 some parameter differs by more,
2 not comparable (cintel fitted no model, an error response, a lifetimes fit failed, bad input).

Definitions that differ (read in lifetimes/utils.py, _customer_lifetime_value, as called by
GammaGammaFitter.customer_lifetime_value):
  * lifetimes sums, for months k = 1..time, M * (E[Y(30k)] - E[Y(30(k-1))]) / (1 + d)^k with freq "D": its month is
    a fixed 30 days (factor {"D": 30}), so a 12-month horizon covers 360 days. CLV-29 has the same end-of-month
    discounting (1 + d)^k on the increments of E[Y], but with months of L = 30.4375 days (365.25 in 12 months).
    M is Gamma-Gamma's E[M | x, m] = p(v + x m)/(p x + q - 1) for every customer in both (CLV-15), also for x = 0.
    lifetimes' own total is therefore a little smaller than cintel's (about 1.5 % fewer days, less the discounting
    of the later days). The report also carries "total_clv_spec_months", the same sum computed with lifetimes'
    fitted models at t_k = k * 30.4375 days: that is CLV-29 and is what cintel's total is compared with.
  * cintel's summary.total_predicted_clv is the sum of the unrounded forecasts, rounded to 2 decimals (CLV-36), and
    it is a BG/NBD + Gamma-Gamma total only when best_algorithm is BGNBD_GammaGamma; after a GradientBoosting win
    (CLV-28, CLV-30) the totals are not comparable and the difference is printed for information only.
  * lifetimes' Gamma-Gamma optimizer works on (ln p, ln q, ln v) with money unscaled and does not enforce q > 1;
    cintel's works on (ln p, ln(q - 1), ln v/m̄) (CLV-14). Both maximise the same likelihood on the same spend cohort,
    so the maxima coincide when q > 1 at the optimum; BG/NBD is fitted on the same scaled-time likelihood by both
    (lifetimes: one BFGS start at 0.1 in log space, tol 1e-7; cintel: four starts, CLV-10).
"""
import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

TOLERANCE = 1e-3
L_DAYS = 30.4375  # CLV constants: days per month
PARAMETERS = (("bgnbd", ("r", "alpha", "a", "b")), ("gamma_gamma", ("p", "q", "v")))


def log(message):
    sys.stderr.write("[lifetimes] %s\n" % message)
    sys.stderr.flush()


def relative(ours, theirs):
    if theirs == 0:
        return 0.0 if ours == 0 else math.inf
    return abs(ours - theirs) / abs(theirs)


def load_json(path, pd):
    """The request's transactions as a frame (customer_id, date, value) plus the request's settings."""
    with open(path, "rb") as f:
        body = json.load(f)
    ids, dates, values = [], [], []
    with_cost = None
    for customer in body["customers"]:
        cid = customer["customer_id"]
        for t in customer["transactions"]:
            ids.append(cid)
            dates.append(t["date"])
            if with_cost is None:
                with_cost = "cost" in t
            values.append(t["amount"] - t["cost"] if with_cost else t["amount"])
    settings = {k: body.get(k) for k in ("today", "horizon_months", "discount_rate")}
    del body
    frame = pd.DataFrame({"customer_id": ids, "date": pd.to_datetime(dates, format="%Y-%m-%d"), "value": values})
    return frame, settings, "margin" if with_cost else "revenue"


def load_csv(body_path, pd):
    """The CSV written beside the body by generate.py; the settings still come from the body's head."""
    csv_path = os.path.splitext(body_path)[0] + ".csv"
    frame = pd.read_csv(csv_path, dtype={"customer_id": str}, parse_dates=["date"], date_format="%Y-%m-%d")
    with_cost = "cost" in frame.columns
    if with_cost:
        frame["value"] = frame["amount"] - frame["cost"]
    else:
        frame["value"] = frame["amount"]
    with open(body_path, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    cut = head.find('"customers"')
    settings = json.loads(head[:cut].rstrip().rstrip(",") + "}") if cut > 0 else {}
    settings = {k: settings.get(k) for k in ("today", "horizon_months", "discount_rate")}
    return frame[["customer_id", "date", "value"]], settings, "margin" if with_cost else "revenue"


def forecast_with_months(bgf, ggf, summary, months, month_days, d):
    """CLV-29 with lifetimes' fitted models: sum_k E[M] * (E[Y(k*month_days)] - E[Y((k-1)*month_days)]) / (1+d)^k."""
    spend = ggf.conditional_expected_average_profit(summary["frequency"], summary["monetary_value"])
    total = 0.0
    previous = 0.0
    for k in range(1, months + 1):
        y = bgf.predict(k * month_days, summary["frequency"], summary["recency"], summary["T"])
        total = total + spend * (y - previous) / (1.0 + d) ** k
        previous = y
    return total


def run_peer(args):
    stages = {}
    mark = STARTED

    def stage(name):
        nonlocal mark
        now = time.perf_counter()
        stages[name] = now - mark
        log("%-8s %8.3f s" % (name, stages[name]))
        mark = now

    import warnings

    import numpy as np
    import pandas as pd
    import lifetimes
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import summary_data_from_transaction_data
    warnings.simplefilter("ignore", FutureWarning)
    stage("import")

    frame, settings, basis = (load_csv if args.csv else load_json)(args.body, pd)
    today = settings.get("today")
    if not today:
        raise SystemExit("lifetimes_clv.py: the body has no `today`; the benchmark needs a fixed snapshot date")
    horizon = int(settings.get("horizon_months") or 12)
    annual = float(settings["discount_rate"] if settings.get("discount_rate") is not None else 0.10)
    monthly = (1.0 + annual) ** (1.0 / 12.0) - 1.0
    stage("load")

    summary = summary_data_from_transaction_data(
        frame, "customer_id", "date", monetary_value_col="value",
        observation_period_end=pd.Timestamp(today), freq="D")
    del frame
    stage("summary")

    bgf = BetaGeoFitter(penalizer_coef=0.0)
    bgf.fit(summary["frequency"], summary["recency"], summary["T"])
    stage("bgnbd")

    spenders = summary[(summary["frequency"] > 0) & (summary["monetary_value"] > 0)]
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(spenders["frequency"], spenders["monetary_value"])
    stage("gamma")

    clv = ggf.customer_lifetime_value(
        bgf, summary["frequency"], summary["recency"], summary["T"], summary["monetary_value"],
        time=horizon, discount_rate=monthly, freq="D")
    stage("clv")

    if args.out:
        out = pd.DataFrame({"customer_id": clv.index.astype(str), "predicted_clv": clv.to_numpy().round(2)})
        with open(args.out, "w") as f:
            f.write('{"total_predicted_clv":%.2f,"customers":' % float(clv.sum()))
            f.write(out.to_json(orient="records"))
            f.write("}\n")
    stage("write")
    end_to_end = time.perf_counter() - STARTED
    log("%-8s %8.3f s (end to end: imports, load, summary, fits, forecast, write)" % ("total", end_to_end))

    # Outside the timed total: the forecast with cintel's month length, for the comparison.
    spec_clv = forecast_with_months(bgf, ggf, summary, horizon, L_DAYS, monthly)
    stage("spec_months")

    params = {
        "bgnbd": {k: float(bgf.params_[k]) for k in ("r", "alpha", "a", "b")},
        "gamma_gamma": {k: float(ggf.params_[k]) for k in ("p", "q", "v")},
    }
    report = {
        "body": os.path.abspath(args.body),
        "input": "csv" if args.csv else "json",
        "versions": {"lifetimes": lifetimes.__version__, "pandas": pd.__version__, "numpy": np.__version__,
                     "python": sys.version.split()[0]},
        "value_basis": basis,
        "today": today,
        "horizon_months": horizon,
        "discount_rate": annual,
        "monthly_discount_rate": monthly,
        "customers": int(len(summary)),
        "repeat_buyers": int((summary["frequency"] > 0).sum()),
        "spend_cohort": int(len(spenders)),
        "parameters": params,
        "log_likelihood": {
            # lifetimes keeps the mean negative log-likelihood of the scaled problem; BG/NBD's differs from the
            # one in days by a constant (r ln of the scale), so only the Gamma-Gamma value is comparable as is
            "bgnbd_mean_nll_scaled": float(bgf._negative_log_likelihood_),
            "gamma_gamma_mean_nll": float(ggf._negative_log_likelihood_),
        },
        "total_clv_lifetimes": float(clv.sum()),
        "total_clv_spec_months": float(spec_clv.sum()),
        "stages_seconds": {k: round(v, 4) for k, v in stages.items()},
        "end_to_end_seconds": round(end_to_end, 4),
    }
    for group, names in PARAMETERS:
        log("%s: %s" % (group, ", ".join("%s %.6f" % (n, params[group][n]) for n in names)))
    log("total CLV: lifetimes (30-day months) %.2f, with %.4f-day months (CLV-29) %.2f"
        % (report["total_clv_lifetimes"], L_DAYS, report["total_clv_spec_months"]))
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return report, spec_clv


def compare(report, response_path, spec_clv=None):
    """Prints the comparison; returns (exit status, summary dict)."""
    with open(response_path, "rb") as f:
        response = json.load(f)
    models = response.get("models") if isinstance(response, dict) else None
    if not models:
        log("the cintel response has no `models` (an error response?): %s" % json.dumps(response)[:300])
        return 2, {"comparable": False}
    rows = []
    worst = 0.0
    missing = []
    for group, names in PARAMETERS:
        theirs = (models.get(group) or {}).get("parameters")
        if not theirs:
            missing.append("%s (%s)" % (group, (models.get(group) or {}).get("reason")))
            continue
        for name in names:
            c, l_ = float(theirs[name]), report["parameters"][group][name]
            rel = relative(c, l_)
            worst = max(worst, rel)
            rows.append({"parameter": name, "cintel": c, "lifetimes": l_, "relative_difference": rel})
    print("| parameter | cintel | lifetimes | relative difference |")
    print("| --- | ---: | ---: | ---: |")
    for row in rows:
        flag = "" if row["relative_difference"] <= TOLERANCE else " **over 1e-3**"
        print("| %s | %.6f | %.6f | %.2e%s |" % (row["parameter"], row["cintel"], row["lifetimes"],
                                                 row["relative_difference"], flag))
    best = response.get("best_algorithm")
    total = (response.get("summary") or {}).get("total_predicted_clv")
    result = {"comparable": not missing, "max_parameter_relative_difference": worst if rows else None,
              "parameters": rows, "best_algorithm": best, "cintel_total_predicted_clv": total}
    if total is not None:
        rel_spec = relative(float(total), report["total_clv_spec_months"])
        rel_own = relative(float(total), report["total_clv_lifetimes"])
        result.update(total_relative_difference_spec_months=rel_spec, total_relative_difference_lifetimes=rel_own)
        note = "" if best == "BGNBD_GammaGamma" else " (cintel forecast with %s: not comparable)" % best
        print()
        print("total predicted CLV: cintel %.2f; lifetimes with %.4f-day months %.2f (relative difference %.2e); "
              "lifetimes' own 30-day months %.2f (%.2e)%s"
              % (float(total), L_DAYS, report["total_clv_spec_months"], rel_spec, report["total_clv_lifetimes"],
                 rel_own, note))
    if spec_clv is not None and best == "BGNBD_GammaGamma" and response.get("customers"):
        ours = {c["customer_id"]: c["predicted_clv"] for c in response["customers"]}
        diffs = [abs(ours[str(k)] - float(v)) for k, v in spec_clv.items() if str(k) in ours]
        if diffs:
            result["max_customer_abs_difference"] = max(diffs)
            print("largest per-customer difference (cintel predicted_clv vs lifetimes, %.4f-day months): %.2f"
                  % (L_DAYS, max(diffs)))
    if missing:
        log("cintel did not fit: %s" % ", ".join(missing))
        return 2, result
    if worst > TOLERANCE:
        log("max parameter relative difference %.2e > %.0e" % (worst, TOLERANCE))
        return 1, result
    log("max parameter relative difference %.2e <= %.0e" % (worst, TOLERANCE))
    return 0, result


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("body", nargs="?", help="the customer_clv_forecast request (JSON)")
    ap.add_argument("--csv", action="store_true", help="load the transactions from BODY.csv (generate.py)")
    ap.add_argument("--out", help="write lifetimes' per-customer forecasts here (JSON)")
    ap.add_argument("--report", help="write the stage timings, parameters and totals here (JSON)")
    ap.add_argument("--response", help="cintel's response to the same body: compare")
    ap.add_argument("--from-report", help="compare a report written earlier with --response (no refit)")
    ap.add_argument("--comparison", help="write the comparison here (JSON)")
    args = ap.parse_args(argv[1:])
    if args.from_report:
        if not args.response:
            ap.error("--from-report needs --response")
        with open(args.from_report) as f:
            report, spec_clv = json.load(f), None
    else:
        if not args.body:
            ap.error("BODY.json is required")
        try:
            report, spec_clv = run_peer(args)
        except Exception as error:  # a lifetimes ConvergenceError, a malformed body, ...
            log("failed: %s: %s" % (type(error).__name__, str(error).strip()[:500]))
            return 2
    if not args.response:
        return 0
    status, result = compare(report, args.response, spec_clv)
    if args.comparison:
        with open(args.comparison, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
