#!/usr/bin/env python3
"""A segmentation_report body (customers dialect) of N customers: five seeded groups of shoppers with distinct
frequency, spend and basket breadth over twelve categories. Usage: generate.py N OUT.json [--seed S]"""
import json
import random
import sys

CATEGORIES = ["Electronics", "Home & Garden", "Books", "Toys", "Fashion", "Beauty", "Sports", "Grocery", "Pets",
              "Music", "Office", "Outdoor"]
# (share, mean purchases, mean spend per purchase, mean number of categories)
GROUPS = [(0.35, 2, 35.0, 1.5), (0.25, 8, 45.0, 3.0), (0.20, 20, 60.0, 5.0), (0.15, 4, 220.0, 2.0), (0.05, 45, 90.0, 8.0)]


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 42
    rng = random.Random(seed)
    customers = []
    for i in range(n):
        r, acc = rng.random(), 0.0
        for share, purchases, ticket, breadth in GROUPS:
            acc += share
            if r <= acc:
                break
        frequency = max(1, int(rng.gammavariate(4, purchases / 4)))
        amount = round(frequency * rng.gammavariate(6, ticket / 6), 2)
        k = max(1, min(len(CATEGORIES), int(round(rng.gauss(breadth, 1)))))
        customers.append({"id": f"C{i:07d}", "frequency": frequency, "amount_spent": amount,
                          "product_types": rng.sample(CATEGORIES, k)})
    body = {"customers": customers, "languages": ["en", "es", "pt"], "report_date": "2025-04-24"}
    with open(out, "w") as f:
        json.dump(body, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
