#!/usr/bin/env python3
"""Turn the CDNOW purchase history shipped with the `lifetimes` package into the two inputs the benchmark needs.

Usage: cdnow.py ORDERS.csv FEATURES_REQUEST.json [--source CDNOW_master.txt]

CDNOW is real data (23,570 customers of an online CD shop, 1997-01 to 1998-06), which is why the benchmark uses it:
generated data is shaped by whoever wrote the generator, and the segmentation rule under test must hold on a base it
was not tuned on. The file is read from the installed package and written only into the benchmark's output folder,
never into the repository.

- ORDERS.csv: `customer_id,date,amount` with ISO dates, what `cintel analyze` reads without any `--map`. There is no
  product or order id in CDNOW; `analyze` then uses the product id `unknown` and the transaction id `L` + line
  (spec/ingest.md ING-9).
- FEATURES_REQUEST.json: a `customer_features` body holding the same transactions, built the way `analyze` builds
  its own (same product id, same transaction ids, `today` = the latest order's day, ING-16), so that the features
  posted to `purchasing_segmentation` are those the analysis clusters.

Rows are kept when cintel would accept them: an amount must be >= 0 (ING-8: negative amounts are refunds), so zero
amounts stay and negative ones are dropped. Every dropped row is counted with its reason. A JSON summary goes to
stdout.
"""
import argparse
import importlib.util
import json
import os
import sys
from collections import Counter
from datetime import date


def default_source():
    """The CDNOW file inside the installed `lifetimes` package. The package is located, not imported: only its data
    file is needed, so it can be installed without its dependencies (pandas, scipy, autograd)."""
    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cdnow.py: the lifetimes package is not installed (pip install --no-deps lifetimes), "
                 "or pass --source CDNOW_master.txt")
    return os.path.join(list(spec.submodule_search_locations)[0], "datasets", "CDNOW_master.txt")


def read_rows(path, dropped):
    """Yield (customer_id, iso_date, amount_text) for the rows cintel accepts; count the others in `dropped`.

    The file is whitespace-separated: customer id, YYYYMMDD, number of CDs, dollar value, with one header line. The
    amount is passed on as written (no float round trip), so cintel reads exactly the file's decimals."""
    with open(path, encoding="ascii") as handle:
        for number, line in enumerate(handle, start=1):
            fields = line.split()
            if not fields:
                continue
            if number == 1 and not fields[0].isdigit():
                continue  # the header line
            if len(fields) != 4:
                dropped["not four fields"] += 1
                continue
            customer, day, _cds, amount = fields
            try:
                iso = date(int(day[:4]), int(day[4:6]), int(day[6:8])).isoformat()
                value = float(amount)
            except ValueError:
                dropped["unreadable date or amount"] += 1
                continue
            if value < 0:
                dropped["negative amount (a refund; ING-8 takes amounts >= 0)"] += 1
                continue
            yield customer, iso, amount


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("orders_csv")
    parser.add_argument("features_request")
    parser.add_argument("--source", help="CDNOW_master.txt (default: the copy inside the lifetimes package)")
    args = parser.parse_args()
    source = args.source or default_source()

    dropped = Counter()
    histories = {}  # customer id -> list of transactions, in file order (dicts keep insertion order)
    rows = zero = 0
    latest = None
    with open(args.orders_csv, "w", encoding="ascii", newline="") as out:
        out.write("customer_id,date,amount\n")
        for customer, iso, amount in read_rows(source, dropped):
            rows += 1
            line = rows + 1  # the CSV line this row is written on (line 1 is the header)
            out.write("%s,%s,%s\n" % (customer, iso, amount))
            zero += float(amount) == 0
            latest = iso if latest is None or iso > latest else latest
            histories.setdefault(customer, []).append(
                {"transaction_id": "L%d" % line, "date": iso, "amount": float(amount), "product_id": "unknown"})

    body = {"today": latest,
            "customers": [{"customer_id": c, "transactions": t} for c, t in histories.items()]}
    with open(args.features_request, "w", encoding="ascii") as handle:
        json.dump(body, handle, separators=(",", ":"))

    json.dump({"source": source, "rows": rows, "customers": len(histories), "today": latest,
               "zero_amount_rows_kept": zero, "dropped": dict(dropped)}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
