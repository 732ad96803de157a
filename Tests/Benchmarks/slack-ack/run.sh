#!/usr/bin/env bash
# How fast CmBot acknowledges signed Slack requests on this machine, with every delivery stored in the inbox
# before the 2xx. Loopback only. Uses the team's load generator (slack-load/load.py) and CmBot's own copies of the
# recorded Slack payloads (Tests/CmBot.Bot.Tests/Fixtures/Slack). PEER=bolt runs the very same scenarios against
# Slack's Bolt for JavaScript peer app instead, for a side-by-side on the same machine.
#
#   warm-up            200 req/s 10 s, mixed, 5% forged (not recorded) — as slack-load's run-bolt.sh
#   1) events          200 req/s 30 s
#   2) interactivity   200 req/s 30 s (block_actions, form-encoded)
#   3) mixed           500 req/s 20 s, 5% forged with a wrong signature (must get 401)
#   4) future          200 req/s 10 s, mixed, 5% signed with a timestamp 10 min ahead (must get 401)
#   5) saturation      steps of 10 s (mixed) until one is not sustained: every genuine request 2xx, no error,
#                      throughput >= 97% of the target and p99 <= 100 ms. The last sustained step is reported.
# CmBot only: the inbox is then checked (one row per genuine request, none for forged ones).
#
# Environment (all optional):
#   PEER=bolt        measure the Bolt peer (slack-load/bolt-peer; installed with npm ci into a temp copy if needed)
#   SLACK_LOAD_DIR   the slack-load folder (default /work/shared/tools/slack-load)
#   OUT_DIR          logs and results (default: a new mktemp -d folder)
#   QUICK=1          3-second scenarios and two saturation steps (smoke test; figures not meaningful)
#   STEPS            saturation steps in req/s (default "1000 2000 3000 4000 5000 6000 7000 8000")
#   SLACK_API_URL    CmBot's Web API base (default: a dead loopback port; acknowledgements never need it)
#   PIN_SERVER_CPUS / PIN_LOAD_CPUS   taskset CPU lists to separate the server and the generator
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
LOAD_DIR="${SLACK_LOAD_DIR:-/work/shared/tools/slack-load}"
if [[ ! -f "$LOAD_DIR/load.py" ]]; then
  echo "slack-load not found in $LOAD_DIR (set SLACK_LOAD_DIR to the folder holding load.py)" >&2
  exit 2
fi

PEER="${PEER:-cmbot}"
PY="${PYTHON:-python3}"
OUT_DIR="${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/slack-ack-$PEER.XXXXXX")}"
mkdir -p "$OUT_DIR"
RESULTS="$OUT_DIR/$PEER-results.jsonl"
LOG="$OUT_DIR/$PEER.log"
: >"$RESULTS"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"
SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
URL="http://127.0.0.1:$PORT"
FIXTURES="$ROOT/Tests/CmBot.Bot.Tests/Fixtures/Slack"

S_EV=30 S_IA=30 S_MX=20 S_FU=10 S_WU=10 S_STEP=10
STEPS="${STEPS:-1000 2000 3000 4000 5000 6000 7000 8000}"
if [[ "${QUICK:-0}" == "1" ]]; then S_EV=3; S_IA=3; S_MX=3; S_FU=3; S_WU=2; S_STEP=3; STEPS="${STEPS_QUICK:-1000 3000}"; fi

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$PEER (pid $SERVER_PID) still running after 10 s, sending SIGKILL" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    echo "stopped $PEER (pid $SERVER_PID)"
  fi
  SERVER_PID=""
}
trap stop_server EXIT
pin=()
if [[ -n "${PIN_SERVER_CPUS:-}" ]]; then pin=(taskset -c "$PIN_SERVER_CPUS"); fi

if [[ "$PEER" == "bolt" ]]; then
  BOLT_DIR="$LOAD_DIR/bolt-peer"
  if [[ ! -d "$BOLT_DIR/node_modules/@slack/bolt" ]]; then
    # The shared folder may be read-only: install into a private copy.
    BOLT_DIR="$OUT_DIR/bolt-peer"
    cp -r "$LOAD_DIR/bolt-peer" "$BOLT_DIR" && chmod -R u+w "$BOLT_DIR"
    (cd "$BOLT_DIR" && npm ci --no-audit --no-fund >"$OUT_DIR/npm.log" 2>&1) || { cat "$OUT_DIR/npm.log"; exit 1; }
  fi
  EVENTS_PATH=/slack/events INTERACTIVITY_PATH=/slack/events  # Bolt's default receiver: one path for both
  SLACK_SIGNING_SECRET="$SECRET" PORT="$PORT" HOST=127.0.0.1 "${pin[@]}" node "$BOLT_DIR/app.js" >"$LOG" 2>&1 &
  SERVER_PID=$!
  echo "started Bolt peer $(node -p "require('$BOLT_DIR/node_modules/@slack/bolt/package.json').version") (pid $SERVER_PID) on $URL, node $(node --version)"
  READY="$URL/peer/stats"
else
  echo "building CmBot (Release)"
  dotnet build -c Release "$ROOT/Bot/CmBot.Bot.csproj" -nologo -v quiet >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log"; exit 1; }
  DATA="$OUT_DIR/data"
  EVENTS_PATH=/slack/events INTERACTIVITY_PATH=/slack/interactivity
  # The built dll runs directly (`dotnet run` would add a launcher process): the PID is CmBot itself, for the CPU and
  # memory figures and for stopping it. The project folder is the content root, as with `dotnet run`.
  (
    cd "$ROOT/Bot"
    export CMBOT_DATA="$DATA" ASPNETCORE_ENVIRONMENT=Production \
      Slack__Enabled=true Slack__Mode=Http Slack__SigningSecret="$SECRET" Slack__BotToken=xoxb-test \
      Slack__Channels__Alerts="#cm-alerts" Slack__ApiBaseUrl="${SLACK_API_URL:-http://127.0.0.1:$(free_port)/api/}" \
      Feeds__Replay__Enabled=false Scheduling__SchedulerName="CmBotBench-$PORT"
    exec "${pin[@]}" dotnet "$ROOT/Bot/bin/Release/net10.0/CmBot.Bot.dll" --urls "$URL"
  ) >"$LOG" 2>&1 &
  SERVER_PID=$!
  echo "started CmBot (pid $SERVER_PID) on $URL, data in $DATA, .NET SDK $(dotnet --version)"
  READY="$URL/healthz"
fi
echo "$("$PY" --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), log $LOG"

for _ in $(seq 1 150); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "$PEER exited before it was ready:" >&2; tail -n 30 "$LOG" >&2; exit 1; fi
  if "$PY" -c "import urllib.request; urllib.request.urlopen('$READY', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.2
done

load() {
  local rc=0
  local cmd=("$PY" "$LOAD_DIR/load.py" --url "$URL" --secret "$SECRET" --events-path "$EVENTS_PATH"
    --interactivity-path "$INTERACTIVITY_PATH" --fixtures "$FIXTURES" --server-pid "$SERVER_PID" "$@")
  if [[ -n "${PIN_LOAD_CPUS:-}" ]]; then cmd=(taskset -c "$PIN_LOAD_CPUS" "${cmd[@]}"); fi
  "${cmd[@]}" || rc=$?
  if [[ $rc -ne 0 ]]; then echo "(load.py exited $rc: some request did not get its expected status, see above)"; fi
}

echo; echo "--- warm-up: 200 req/s for ${S_WU} s, mixed, 5% forged (not recorded)"
load --label warmup --rate 200 --seconds "$S_WU" --kind mixed --forged-share 0.05 | grep -E '^(sent|status|checks)' || true
sleep 1
echo; echo "--- 1) events, 200 req/s for ${S_EV} s"
load --label "$PEER-events-200" --rate 200 --seconds "$S_EV" --kind events --json-out "$RESULTS"
sleep 1
echo; echo "--- 2) interactivity (block_actions), 200 req/s for ${S_IA} s"
load --label "$PEER-interactivity-200" --rate 200 --seconds "$S_IA" --kind interactivity --json-out "$RESULTS"
sleep 1
echo; echo "--- 3) mixed, 500 req/s for ${S_MX} s, 5% forged (wrong signature, expected 401)"
load --label "$PEER-mixed-500-forged5" --rate 500 --seconds "$S_MX" --kind mixed --forged-share 0.05 --json-out "$RESULTS"
sleep 1
echo; echo "--- 4) mixed, 200 req/s for ${S_FU} s, 5% with a timestamp 10 min in the future (expected 401)"
load --label "$PEER-mixed-200-future5" --rate 200 --seconds "$S_FU" --kind mixed --forged-share 0.05 --forge-mode future --json-out "$RESULTS"

echo; echo "--- 5) saturation: mixed, ${S_STEP} s per step: $STEPS req/s"
SUSTAINED=0
for rate in $STEPS; do
  sleep 2
  load --label "$PEER-step-$rate" --rate "$rate" --seconds "$S_STEP" --kind mixed --json-out "$RESULTS" | grep -E '^(sent|status|latency genuine \(|generator)' || true
  if "$PY" - "$RESULTS" "$rate" <<'EOF'
import json, sys
last = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")][-1]
g = last["genuine"]
ok = (last["ok"] and last.get("error_count", 0) == 0 and last["throughput"]
      and last["throughput"] >= 0.97 * float(sys.argv[2]) and g["latency_ms"]["p99"] <= 100)
print(f"step {sys.argv[2]} req/s: {'sustained' if ok else 'NOT sustained'} (throughput {last['throughput']}, p99 {g['latency_ms']['p99']} ms, errors {last.get('error_count', 0)})")
sys.exit(0 if ok else 1)
EOF
  then SUSTAINED=$rate; else break; fi
done
echo "highest sustained step: $SUSTAINED req/s"

if [[ "$PEER" == "bolt" ]]; then
  echo; echo "--- peer counters (GET /peer/stats)"
  "$PY" -c "import urllib.request; print(urllib.request.urlopen('$URL/peer/stats', timeout=5).read().decode())"
fi
stop_server
trap - EXIT

if [[ "$PEER" != "bolt" ]]; then
  echo; echo "--- inbox after the run (one row per genuine request, the warm-up's included; forged ones never stored)"
  "$PY" - "$DATA/cmbot.db" "$RESULTS" <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = dict(db.execute("select State, count(*) from slack_inbox group by State").fetchall())
genuine = sum(json.loads(l)["genuine"]["count"] for l in open(sys.argv[2]) if l.startswith("{"))
print(f"slack_inbox rows by state: {rows} (total {sum(rows.values())}); genuine requests in the recorded scenarios: {genuine}")
EOF
  echo; echo "--- CmBot log: warnings and errors other than the expected 401 refusals"
  grep -E ' (warn|fail|crit): ' "$LOG" | grep -v 'refused (401)' | tail -n 5 || true
  echo "401 refusal lines: $(grep -c 'refused (401)' "$LOG" || true)"
fi
echo; echo "--- summary (ms from request written to full response read)"
"$PY" "$LOAD_DIR/report.py" "$RESULTS"
echo; echo "results: $RESULTS"
