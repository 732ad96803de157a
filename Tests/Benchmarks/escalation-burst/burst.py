#!/usr/bin/env python3
"""Posts a burst of mentions on one topic to CmBot's ingest webhook, as fast as CmBot takes them.

usage: burst.py <cmbot base url> <source> <token> <count> [batch]
Prints one JSON line: {"count", "seconds", "rate", "first_sent_at"}.
"""
import json
import random
import sys
import time
import urllib.request

OPENERS = ["My", "Our", "The", "Just saw: my", "Warning, my", "Third time this week my", "Neighbour says her"]
EVENTS = ["caught fire", "started to burn", "melted and smoked", "sparked and burned the counter", "overheated and caught fire"]
ENDINGS = ["this needs a recall", "recall it now", "is a recall coming?", "dangerous product, recall please", "how is this not recalled"]


def mention(i: int, rnd: random.Random) -> dict:
    text = f"{rnd.choice(OPENERS)} Lumio K2 kettle {rnd.choice(EVENTS)} ({rnd.randint(1, 10**6)}), {rnd.choice(ENDINGS)}"
    return {"id": f"burst-{i}", "text": text, "url": f"https://mastodon.example/@u{i}/{i}", "author": f"@u{i}", "reach": rnd.randint(10, 5000), "lang": "en"}


def main() -> int:
    base, source, token, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 50
    rnd = random.Random(7)
    started = time.time()
    first = None
    for start in range(0, count, batch):
        body = json.dumps([mention(i, rnd) for i in range(start, min(count, start + batch))]).encode()
        request = urllib.request.Request(f"{base}/ingest/{source}", data=body, method="POST",
                                         headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
        if first is None:
            first = time.time()
        with urllib.request.urlopen(request, timeout=120) as response:
            if response.status != 202:
                print(f"ingest answered {response.status}", file=sys.stderr)
                return 1
    seconds = time.time() - started
    print(json.dumps({"count": count, "seconds": round(seconds, 2), "rate": round(count / seconds, 1), "first_sent_at": first}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
