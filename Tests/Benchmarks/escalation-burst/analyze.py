#!/usr/bin/env python3
"""Figures of one escalation-burst trial from CmBot's database and fake-slack's log.

usage: analyze.py <fake-slack log.jsonl> <cmbot.db> <burst result json line>
Prints one JSON line: incidents, mentions, chat operations (accepted, 429), first alert latency and first P1 latency,
how many 429s were followed by a request to the same channel before Retry-After ran out (should be 0), and whether
the outbox ended with nothing pending or failed.
"""
import json
import sqlite3
import sys

TICKS_PER_SECOND = 10_000_000
EPOCH_TICKS = 621355968000000000  # 0001-01-01 to 1970-01-01 in .NET ticks


def seconds(ticks: int) -> float:
    return (ticks - EPOCH_TICKS) / TICKS_PER_SECOND


def main() -> int:
    log = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    db = sqlite3.connect(sys.argv[2])
    burst = json.loads(sys.argv[3])
    incidents = db.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
    mentions = db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    events = db.execute("SELECT Action, At, Details FROM audit_events WHERE Action IN "
                        "('incident.opened', 'incident.severity-raised') ORDER BY Sequence").fetchall()
    opened = next(seconds(t) for a, t, _ in events if a == "incident.opened")
    p1 = next((seconds(t) for a, t, d in events
               if (a == "incident.opened" and '"severity":"P1"' in d) or (a == "incident.severity-raised" and '"to":"P1"' in d)), None)
    chat = [e for e in log if e.get("method") in ("chat.postMessage", "chat.update")]
    accepted = [e for e in chat if e.get("status") == 200]
    limited = [e for e in chat if e.get("status") == 429]
    first_post = min((e["t"] for e in accepted if e.get("method") == "chat.postMessage"), default=None)
    first_p1 = min((e["t"] for e in accepted if e.get("t", 0) >= (p1 or 0) and "P1" in (e.get("text") or "")), default=None)
    # Retry-After honoured: after a 429 on a channel, the next postMessage/update to it comes no earlier than told.
    early = 0
    for i, e in enumerate(chat):
        if e.get("status") == 429 and e.get("retry_after"):
            later = next((n for n in chat[i + 1:] if n.get("channel_id") == e.get("channel_id")), None)
            if later is not None and later["t"] < e["t"] + float(e["retry_after"]) - 0.05:
                early += 1
    names = ["Pending", "Sending", "Sent", "Superseded", "Failed"]
    outbox = {names[k] if isinstance(k, int) and k < len(names) else str(k): n
              for k, n in db.execute("SELECT State, COUNT(*) FROM outbox GROUP BY State").fetchall()}
    print(json.dumps({
        "mentions": mentions,
        "incidents": incidents,
        "ingest_rate": burst["rate"],
        "chat_calls": len(chat),
        "chat_accepted": len(accepted),
        "chat_429": len(limited),
        "first_alert_ms": None if first_post is None else round((first_post - opened) * 1000, 1),
        "first_p1_ms": None if first_p1 is None or p1 is None else round((first_p1 - p1) * 1000, 1),
        "retried_before_retry_after": early,
        "outbox_states": outbox,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
