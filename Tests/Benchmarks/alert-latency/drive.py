#!/usr/bin/env python3
"""Sends one new incident's mention at a time to CmBot's ingest webhook, at a constant rate (open model).

usage: drive.py <cmbot base url> <source> <token> <count> <rate per second> <out.jsonl> [first topic number=1]
Each mention names its own product (topic 'ZQ0001', 'ZQ0002', ... from the generated risk file) and a safety risk,
so each opens a new incident whose first alert goes to Slack. One JSON line per request goes to out.jsonl:
{"i", "topic", "sent" (epoch s, just before the request is written), "answered", "status"}.
"""
import http.client
import random
import json
import sys
import time
from urllib.parse import urlparse


# Varied wording, so that near-duplicate collapsing does not fold one product's mention into another's.
WHO = ["My", "Our", "My neighbour's", "My sister's", "The office", "Grandma's", "Our new", "This morning my"]
WHAT = ["caught fire in the kitchen", "burst into flames on the counter", "started smoking and then caught fire",
        "overheated and set the curtains on fire", "exploded while charging", "melted and burned my hand"]
ASK = ["recall it now", "this needs a recall today", "why is there no recall yet?", "dangerous, please recall",
       "how many fires before a recall", "I want a refund and a recall"]


PLACES = ["Lyon", "Leeds", "Nantes", "Bristol", "Lille", "Dublin", "Porto", "Ghent", "Turin", "Bergen", "Cork", "Metz"]
EXTRAS = ["while cooking pasta", "during breakfast", "after the firmware update", "on its second use",
          "with the kids nearby", "right after unboxing", "at my parents' place", "in the break room",
          "while I was on a call", "when the timer rang", "on a Sunday morning", "during a power cut"]
SIGNS = ["photos attached", "video in the replies", "the fire brigade came", "the smoke alarm went off",
         "insurance is involved", "the shop refused a refund", "support never answered", "my dog was scared"]


def text_for(topic: str, rnd: random.Random) -> str:
    return (f"{rnd.choice(WHO)} Lumio {topic} {rnd.choice(WHAT)} {rnd.choice(EXTRAS)} in {rnd.choice(PLACES)} "
            f"({rnd.randint(2, 999)} days old), {rnd.choice(SIGNS)}; {rnd.choice(ASK)} #{rnd.randint(1, 10**6)}")


def main() -> int:
    base, source, token = sys.argv[1], sys.argv[2], sys.argv[3]
    count, rate, out = int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
    first = int(sys.argv[7]) if len(sys.argv) > 7 else 1
    url = urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    rnd = random.Random(first)
    start = time.time() + 0.5
    with open(out, "w", encoding="utf-8") as sink:
        for i in range(count):
            topic = f"ZQ{first + i:04d}"
            body = json.dumps({"id": f"lat-{first + i}", "text": text_for(topic, rnd),
                               "url": f"https://mastodon.example/@u{first + i}/{first + i}", "author": f"@u{first + i}", "reach": 120, "lang": "en"})
            due = start + i / rate
            pause = due - time.time()
            if pause > 0:
                time.sleep(pause)
            sent = time.time()
            connection.request("POST", f"/ingest/{source}", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            answered = time.time()
            sink.write(json.dumps({"i": i, "topic": topic, "sent": sent, "answered": answered, "status": response.status}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
