#!/usr/bin/env python3
"""Alert latency of one run: from the moment a mention is sent to CmBot's ingest webhook to the moment fake-slack
receives the chat.postMessage of the incident it opened (the first one, in any channel).

usage: analyze.py <drive.jsonl> <fake-slack log.jsonl> <cmbot.db> [CmBot CPU ms during the run]
A mention CmBot folded into an earlier one as a near-duplicate (same wording) opens no incident by design: it is
counted apart ("copies"), not as missing.
Prints one JSON line: sent, alerted, missing, ingest answer (202) p50/p99, alert latency p50/p90/p99/max (ms).
"""
import json
import sqlite3
import sys


def pct(values, p):
    values = sorted(values)
    if not values:
        return None
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 2)


def main() -> int:
    sent = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    log = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    first = {}
    for entry in log:
        if entry.get("method") != "chat.postMessage" or entry.get("status") != 200:
            continue
        text = entry.get("text") or ""
        # The card names the product: "... ZQ0042 ..."; the first post of each topic is the alert.
        for word in text.replace("*", " ").replace(":", " ").split():
            if word.startswith("ZQ") and word[2:6].isdigit():
                first.setdefault(word[:6], entry["t"])
    db = sqlite3.connect(sys.argv[3])
    copies = {row[0] for row in db.execute("SELECT ExternalId FROM mentions WHERE DuplicateOfId IS NOT NULL")}
    latencies, acks, missing = [], [], []
    for row in sent:
        acks.append((row["answered"] - row["sent"]) * 1000)
        if f"lat-{int(row['topic'][2:])}" in copies:
            continue
        if row["topic"] in first:
            latencies.append((first[row["topic"]] - row["sent"]) * 1000)
        else:
            missing.append(row["topic"])
    print(json.dumps({
        "sent": len(sent),
        "alerted": len(latencies),
        "missing": len(missing),
        "copies": sum(1 for r in sent if f"lat-{int(r['topic'][2:])}" in copies),
        "non_202": sum(1 for r in sent if r["status"] != 202),
        "ingest_answer_ms": {"p50": pct(acks, 50), "p99": pct(acks, 99)},
        "cmbot_cpu_ms_per_incident": round(int(sys.argv[4]) / len(sent), 2) if len(sys.argv) > 4 and sent else None,
        "alert_latency_ms": {"p50": pct(latencies, 50), "p90": pct(latencies, 90), "p99": pct(latencies, 99),
                             "max": pct(latencies, 100)},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
