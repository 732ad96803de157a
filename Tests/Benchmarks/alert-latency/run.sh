#!/usr/bin/env bash
# Alert latency benchmark: mentions that each open a new incident are sent to CmBot's ingest webhook at a constant
# rate; fake-slack (no limits) logs when each incident's first chat.postMessage arrives. Prints p50/p90/p99/max of
# ingest -> chat API call, with every mention, incident and outbox row committed on the way (SQLite by default).
#   Tests/Benchmarks/alert-latency/run.sh [count=600] [rate=10]   (loopback only; count/rate + ~40 s)
# WARMUP (default 300) incidents are sent first at 20/s and not counted.
# FAKE_SLACK overrides the path of fake_slack.py (default: ../shared/tools/fake-slack/ next to the repo).
# EXTRA_ENV="Name=value ..." adds settings to CmBot (e.g. log levels).
# PIN_SERVER_CPUS / PIN_LOAD_CPUS pin CmBot / the driver and fake-slack with taskset (e.g. 0 and 1).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
count="${1:-600}"
rate="${2:-10}"
warmup="${WARMUP:-300}"
fake="${FAKE_SLACK:-$root/../shared/tools/fake-slack/fake_slack.py}"
work="${OUT_DIR:-$(mktemp -d -t cmbot-latency.XXXXXX)}"
mkdir -p "$work/data"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
pin() { local cpus="$1"; shift; if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building CmBot (Release)..."
dotnet build -c Release "$root/Bot/CmBot.Bot.csproj" -v q -nologo >/dev/null
bot_dir="$root/Bot/bin/Release/net10.0"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# One topic per mention, so each mention opens its own incident; group_wait 0 so the first alert is not held
# (Alertmanager's own latency figure is measured the same way: no group_wait).
python3 - "$root/Bot/samples/risk.yaml" "$work/risk.yaml" "$((count + warmup))" <<'PY'
import sys
source, target, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(source, encoding="utf-8").read()
topics = "".join(f"  - key: zq{i:04d}\n    label: Product ZQ{i:04d}\n    phrases: [zq{i:04d}]\n" for i in range(1, count + 1))
open(target, "w", encoding="utf-8").write(text.replace("topics:\n", "topics:\n" + topics, 1))
PY
sed -e 's/^  group_wait: .*/  group_wait: 0s/' -e 's/^  group_interval: .*/  group_interval: 0s/' \
    "$root/Bot/samples/routing.yaml" > "$work/routing.yaml"

${PIN_LOAD_CPUS:+taskset -c "$PIN_LOAD_CPUS"} python3 "$fake" 0 --no-limits --log "$work/slack.jsonl" --max-seconds 900 >"$work/fake.out" 2>&1 &
pids+=("$!")
port=""
for _ in $(seq 1 100); do
    port="$(sed -n 's#^fake-slack listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$work/fake.out" | head -n 1)"
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "fake-slack did not start"; exit 1; }
bot_port="$(free_port)"
(
    cd "$bot_dir"
    export CMBOT_DATA="$work/data" Urls="http://127.0.0.1:$bot_port"
    export CmBot__RiskFile="$work/risk.yaml" CmBot__RoutingFile="$work/routing.yaml"
    export Slack__Enabled=true Slack__Mode=Http Slack__ApiBaseUrl="http://127.0.0.1:$port/api/"
    export Slack__BotToken=xoxb-test Slack__SigningSecret=test
    export Slack__Channels__Alerts=C0LATENA01 Slack__Channels__Legal=C0LATENB02 Slack__Channels__Direction=C0LATENC03
    export Slack__WebApi__ChannelMessagesPerSecond=1000 Slack__WebApi__ChannelBurst=100
    export Sandbox__Enabled=false Feeds__Replay__Enabled=false Logging__LogLevel__Default=Warning
    export Feeds__Sources__latency__Type=webhook Feeds__Sources__latency__Token=bench-token
    # shellcheck disable=SC2086
    exec env ${EXTRA_ENV:-} ${PIN_SERVER_CPUS:+taskset -c "$PIN_SERVER_CPUS"} dotnet CmBot.Bot.dll
) >"$work/cmbot.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null || { echo "CmBot did not start:"; tail -20 "$work/cmbot.log"; exit 1; }
# Warm-up, not counted: a service that has run for a while has its code compiled at the JIT's top tier and its
# connection pools filled; the first few hundred requests of a fresh process pay for that.
pin "${PIN_LOAD_CPUS:-}" python3 "$here/drive.py" "http://127.0.0.1:$bot_port" latency bench-token "$warmup" 20 "$work/warmup.jsonl" "$((count + 1))"
sleep 5
# (an if, not &&: with another CmBot process listed last, a failed grep would end the loop, and set -e the script)
bot_pid="$(pgrep -f "dotnet CmBot.Bot.dll" | while read -r p; do if grep -qz "CMBOT_DATA=$work/data" "/proc/$p/environ" 2>/dev/null; then echo "$p"; fi; done | head -n 1)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$bot_pid/stat"; }
before="$(cpu_ticks)"
pin "${PIN_LOAD_CPUS:-}" python3 "$here/drive.py" "http://127.0.0.1:$bot_port" latency bench-token "$count" "$rate" "$work/drive.jsonl"
sleep 3
after="$(cpu_ticks)"
python3 "$here/analyze.py" "$work/drive.jsonl" "$work/slack.jsonl" "$work/data/cmbot.db" "$(( (after - before) * 1000 / $(getconf CLK_TCK) ))" | tee "$work/result.json"
echo "logs and database: $work"
