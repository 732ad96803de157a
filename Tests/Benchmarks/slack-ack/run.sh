#!/usr/bin/env bash
# How fast CmBot acknowledges signed Slack requests on this machine, with every delivery stored in the inbox
# before the 2xx. Loopback only. Uses the team's load generator (slack-load/load.py) and CmBot's own copies of the
# recorded Slack payloads (Tests/CmBot.Bot.Tests/Fixtures/Slack).
#
#   warm-up        200 req/s 10 s, mixed, 5% forged (not recorded)
#   1) events          200 req/s 30 s
#   2) interactivity   200 req/s 30 s (block_actions, form-encoded, to /slack/interactivity)
#   3) mixed           500 req/s 20 s, 5% forged with a wrong signature (must get 401)
#   4) future          200 req/s 10 s, mixed, 5% signed with a timestamp 10 min ahead (must get 401; Bolt takes them)
#   5) saturation  steps of 10 s (1000, 2000, ... req/s, mixed) until a step is not sustained; the last sustained one
#                  is reported. Sustained = every genuine request 2xx, no error, achieved >= 97% of the target and
#                  p99 <= 100 ms.
# Then the inbox is checked: one row per genuine request, none for forged ones.
#
# Environment (all optional):
#   SLACK_LOAD_DIR   the slack-load folder (default /work/shared/tools/slack-load)
#   OUT_DIR          logs and results.jsonl (default: a new mktemp -d folder)
#   PORT             CmBot's port (default: a free one)
#   QUICK=1          3-second scenarios and two saturation steps (smoke test; figures not meaningful)
#   STEPS            saturation steps, e.g. "2000 4000 6000" (default 1000 2000 3000 4000 5000 6000 7000 8000)
#   SLACK_API_URL    Web API base for CmBot's own calls (default: a dead loopback port; the acks do not need it)
#   PIN_SERVER_CPUS / PIN_LOAD_CPUS   taskset CPU lists to separate CmBot and the generator
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
LOAD_DIR="${SLACK_LOAD_DIR:-/work/shared/tools/slack-load}"
if [[ ! -f "$LOAD_DIR/load.py" ]]; then
  echo "slack-load not found in $LOAD_DIR (set SLACK_LOAD_DIR to the folder holding load.py)" >&2
  exit 2
fi

PY="${PYTHON:-python3}"
OUT_DIR="${OUT_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/slack-ack-cmbot.XXXXXX")}"
mkdir -p "$OUT_DIR"
DATA="$OUT_DIR/data"
RESULTS="$OUT_DIR/cmbot-results.jsonl"
LOG="$OUT_DIR/cmbot.log"
: >"$RESULTS"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="${PORT:-$(free_port)}"
DEAD_PORT="$(free_port)"
SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
URL="http://127.0.0.1:$PORT"
FIXTURES="$ROOT/Tests/CmBot.Bot.Tests/Fixtures/Slack"

S_EV=30 S_IA=30 S_MX=20 S_FU=10 S_WU=10 S_STEP=10
STEPS="${STEPS:-1000 2000 3000 4000 5000 6000 7000 8000}"
if [[ "${QUICK:-0}" == "1" ]]; then S_EV=3; S_IA=3; S_MX=3; S_FU=3; S_WU=2; S_STEP=3; STEPS="${STEPS_QUICK:-1000 3000}"; fi

echo "building CmBot (Release)"
dotnet build -c Release "$ROOT/Bot/CmBot.Bot.csproj" -nologo -v quiet >"$OUT_DIR/build.log" 2>&1 || { cat "$OUT_DIR/build.log"; exit 1; }
DLL="$ROOT/Bot/bin/Release/net10.0/CmBot.Bot.dll"

SERVER_PID=""
stop_cmbot() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "CmBot (pid $SERVER_PID) still running after 10 s, sending SIGKILL" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    echo "stopped CmBot (pid $SERVER_PID)"
  fi
  SERVER_PID=""
}
trap stop_cmbot EXIT

# The built dll is run directly (not through `dotnet run`, which would add a launcher process): the PID is then
# CmBot itself, for the CPU/RSS figures and for stopping it.
pin=()
if [[ -n "${PIN_SERVER_CPUS:-}" ]]; then pin=(taskset -c "$PIN_SERVER_CPUS"); fi
(
  # The project folder is the content root, as with `dotnet run`: appsettings.json, samples/ and wwwroot/ are found.
  cd "$ROOT/Bot"
  export CMBOT_DATA="$DATA" ASPNETCORE_ENVIRONMENT=Production \
    Slack__Enabled=true Slack__Mode=Http Slack__SigningSecret="$SECRET" Slack__BotToken=xoxb-test \
    Slack__Channels__Alerts="#cm-alerts" Slack__ApiBaseUrl="${SLACK_API_URL:-http://127.0.0.1:$DEAD_PORT/api/}" \
    Feeds__Replay__Enabled=false Scheduling__SchedulerName="CmBotBench-$PORT"
  exec "${pin[@]}" dotnet "$DLL" --urls "$URL"
) >"$LOG" 2>&1 &
SERVER_PID=$!
echo "started CmBot (pid $SERVER_PID) on $URL, data in $DATA, log $LOG"
echo "$(dotnet --version) SDK, $("$PY" --version), $(nproc) cores"

for _ in $(seq 1 150); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "CmBot exited before it was healthy:" >&2; tail -n 30 "$LOG" >&2; exit 1; fi
  if "$PY" -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('$URL/healthz', timeout=1).read()==b'Healthy' else 1)" 2>/dev/null; then break; fi
  sleep 0.2
done

load() {
  local rc=0
  local cmd=("$PY" "$LOAD_DIR/load.py" --url "$URL" --secret "$SECRET" --events-path /slack/events
    --interactivity-path /slack/interactivity --fixtures "$FIXTURES" --server-pid "$SERVER_PID" "$@")
  if [[ -n "${PIN_LOAD_CPUS:-}" ]]; then cmd=(taskset -c "$PIN_LOAD_CPUS" "${cmd[@]}"); fi
  "${cmd[@]}" || rc=$?
  if [[ $rc -ne 0 ]]; then echo "(load.py exited $rc: some request did not get its expected status, see above)"; fi
}

echo; echo "--- warm-up: 200 req/s for ${S_WU} s, mixed, 5% forged (not recorded)"
load --label warmup --rate 200 --seconds "$S_WU" --kind mixed --forged-share 0.05 | grep -E '^(sent|status|checks)' || true
sleep 1
echo; echo "--- 1) events, 200 req/s for ${S_EV} s"
load --label cmbot-events-200 --rate 200 --seconds "$S_EV" --kind events --json-out "$RESULTS"
sleep 1
echo; echo "--- 2) interactivity (block_actions), 200 req/s for ${S_IA} s"
load --label cmbot-interactivity-200 --rate 200 --seconds "$S_IA" --kind interactivity --json-out "$RESULTS"
sleep 1
echo; echo "--- 3) mixed, 500 req/s for ${S_MX} s, 5% forged (wrong signature, expected 401)"
load --label cmbot-mixed-500-forged5 --rate 500 --seconds "$S_MX" --kind mixed --forged-share 0.05 --json-out "$RESULTS"
sleep 1
echo; echo "--- 4) mixed, 200 req/s for ${S_FU} s, 5% with a timestamp 10 min in the future (expected 401)"
load --label cmbot-mixed-200-future5 --rate 200 --seconds "$S_FU" --kind mixed --forged-share 0.05 --forge-mode future --json-out "$RESULTS"

echo; echo "--- 5) saturation: mixed, ${S_STEP} s per step: $STEPS req/s"
SUSTAINED=0
for rate in $STEPS; do
  sleep 2
  load --label "cmbot-step-$rate" --rate "$rate" --seconds "$S_STEP" --kind mixed --json-out "$RESULTS" | tail -n 12 | grep -vE '^\{' || true
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

echo; echo "--- inbox after the run (one row per genuine request; forged ones never stored)"
sleep 2
"$PY" - "$DATA/cmbot.db" "$RESULTS" <<'EOF'
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = dict(db.execute("select State, count(*) from slack_inbox group by State").fetchall())
total = sum(rows.values())
genuine = sum(s["genuine"]["count"] for s in map(json.loads, open(sys.argv[2])) if s)
print(f"slack_inbox rows by state: {rows} (total {total}); genuine requests in recorded scenarios: {genuine} (plus the warm-up)")
EOF

stop_cmbot
trap - EXIT
echo; echo "--- CmBot log: warnings and errors (refusals of forged requests are expected)"
grep -E 'warn|fail|crit' "$LOG" | grep -vc 'refused (401)' | xargs echo "lines other than 401 refusals:"
grep -E 'warn|fail|crit' "$LOG" | grep -v 'refused (401)' | tail -n 5 || true
echo "401 refusal lines: $(grep -c 'refused (401)' "$LOG" || true)"
echo; echo "--- summary (ms from request written to full response read)"
"$PY" "$LOAD_DIR/report.py" "$RESULTS"
echo; echo "results: $RESULTS"
