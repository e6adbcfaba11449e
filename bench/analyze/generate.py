#!/usr/bin/env python3
"""An orders export to analyze: N customers, about R rows in all, written as CSV while generated (never held whole).
Columns as a shop's export names them (cust, order_date, total, cogs, sku, cat1, order_id), so `--map` is exercised.
Usage: generate.py CUSTOMERS ROWS OUT.csv [--seed S]"""
import random
import sys
from datetime import date, timedelta

CATEGORIES = ["Electronics", "Home & Garden", "Books", "Toys", "Fashion", "Beauty", "Sports", "Grocery"]


def main():
    customers, rows, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 42
    rng = random.Random(seed)
    end = date(2025, 11, 30)
    per_customer = rows / customers
    order = 0
    with open(out, "w", buffering=1 << 20) as f:
        f.write("cust,order_date,total,cogs,sku,cat1,order_id\n")
        for c in range(customers):
            k = max(1, min(200, int(rng.expovariate(1 / per_customer) + 0.5)))
            start = rng.randrange(0, 540)
            ticket = rng.lognormvariate(3.6, 0.7)
            lines = []
            for _ in range(k):
                day = end - timedelta(days=rng.randrange(0, 540 - start + 1))
                amount = round(ticket * rng.uniform(0.5, 1.5), 2)
                category = rng.randrange(len(CATEGORIES))
                order += 1
                lines.append(f"C{c:07d},{day.isoformat()},{amount},{round(amount * 0.6, 2)},P{category}{rng.randrange(50):02d},"
                             f"{CATEGORIES[category]},O{order}\n")
            f.writelines(lines)


if __name__ == "__main__":
    main()
