#!/usr/bin/env python3
"""Reads fake-slack's JSONL log and CmBot's outbox (SQLite) after a delivery run and prints the figures.

usage: analyze.py <fake-slack log.jsonl> <cmbot.db> <channel rate msg/s> <channel burst> [storm seconds]
"""
import json
import sqlite3
import sys
from collections import defaultdict


def main() -> int:
    log_path, db_path = sys.argv[1], sys.argv[2]
    rate, burst = float(sys.argv[3]), int(sys.argv[4])
    storm = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0

    entries = [json.loads(line) for line in open(log_path, encoding="utf-8") if line.strip()]
    posts = [e for e in entries if e.get("method") == "chat.postMessage"]
    db = sqlite3.connect(db_path)
    rows = db.execute(
        "SELECT Id, Channel, Priority, State, ExternalId, SubjectId FROM Outbox WHERE Platform = 'slack'"
    ).fetchall()
    by_ts = {r[4]: r for r in rows if r[4]}

    accepted = [e for e in posts if e.get("status") == 200]
    limited = [e for e in posts if e.get("status") == 429]
    errors = [e for e in posts if e.get("status") not in (200, 429)]
    posted_per_row = defaultdict(int)
    for e in accepted:
        subject = e.get("text", "").split("#", 1)[-1].split(" ", 1)[0]
        posted_per_row[subject] += 1
    delivered = sum(1 for r in rows if posted_per_row.get(r[5], 0) >= 1 and r[3] == "Sent")
    lost = len(rows) - delivered
    duplicated = sum(n - 1 for n in posted_per_row.values() if n > 1)
    unmatched = sum(1 for e in accepted if e.get("ts") not in by_ts)

    print(f"alerts queued: {len(rows)}; chat.postMessage requests: {len(posts)} "
          f"(accepted {len(accepted)}, 429 {len(limited)}, other errors {len(errors)})")
    print(f"delivered: {delivered}; lost: {lost}; duplicated: {duplicated}; accepted posts not matching an outbox row: {unmatched}")

    ok = lost == 0 and duplicated == 0 and unmatched == 0
    t0 = min(e["t"] for e in posts) if posts else 0
    for channel in sorted({e["channel_id"] for e in posts}):
        mine = sorted((e for e in posts if e["channel_id"] == channel), key=lambda e: e["t"])
        acc = [e for e in mine if e.get("status") == 200]
        order = [by_ts[e["ts"]] for e in acc if e.get("ts") in by_ts]
        keys = [(r[2], r[0]) for r in order]
        inversions = sum(1 for a, b in zip(keys, keys[1:]) if b < a)
        # From the first accepted post: the fake allows `burst` at once, then `rate` per second.
        first, last = acc[0]["t"], acc[-1]["t"]
        span = last - first
        achieved = (len(acc) - 1) / span if span > 0 else float("inf")
        best_span = max(0.0, (len(acc) - burst) / rate)
        efficiency = best_span / span if span > 0 else 1.0
        # Retry-After honoured: no request to this channel inside a window a 429 opened.
        violations = 0
        for e in mine:
            if e.get("status") == 429:
                end = e["t"] + e["retry_after"]
                violations += sum(1 for o in mine if e["t"] < o["t"] < end - 0.0005)
        limited_here = sum(1 for e in mine if e.get("status") == 429)
        print(f"  {channel}: {len(acc)} posts in {span:.1f} s (first at +{first - t0:.1f} s) = {achieved:.3f} msg/s "
              f"vs {rate:g} allowed -> {100 * achieved / rate:.1f}% of the rate, {100 * efficiency:.1f}% of the best "
              f"possible time with burst {burst}; 429s {limited_here}; requests inside a Retry-After window {violations}; "
              f"order (P1 first, then oldest) inversions {inversions}")
        ok = ok and violations == 0 and inversions == 0 and (storm > 0 or efficiency >= 0.95)
    if storm:
        after = [e for e in accepted if e["t"] >= t0 + storm]
        print(f"storm: every request refused for the first {storm:g} s; first accepted post at "
              f"+{min(e['t'] for e in accepted) - t0:.1f} s; {len(after)} posts after the storm")
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
