#!/usr/bin/env bash
# Escalation burst benchmark: 10,000 mentions on one topic pushed to CmBot's ingest webhook while fake-slack
# enforces 1 msg/s per channel (so the card updates meet 429s with Retry-After). Per trial: incidents opened,
# chat operations, and the latency from ingest to the first alert and to the first P1 alert accepted by Slack.
#   Tests/Benchmarks/escalation-burst/run.sh [trials] [mentions]      (loopback only; about 1 min per trial)
# FAKE_SLACK overrides the path of fake_slack.py (default: ../shared/tools/fake-slack/ next to the repo);
# FAKE_SLACK_ARGS adds limits to it, e.g. "--channel-rate 0.25 --channel-burst 1" (4x stricter than Slack: 429s).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
trials="${1:-5}"
count="${2:-10000}"
fake="${FAKE_SLACK:-$root/../shared/tools/fake-slack/fake_slack.py}"
work="$(mktemp -d -t cmbot-burst.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building CmBot (Release)..."
dotnet build -c Release "$root/Bot/CmBot.Bot.csproj" -v q -nologo >/dev/null
bot_dir="$root/Bot/bin/Release/net10.0"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

for trial in $(seq 1 "$trials"); do
    dir="$work/trial-$trial"
    mkdir -p "$dir/data"
    # shellcheck disable=SC2086
    python3 "$fake" 0 --log "$dir/slack.jsonl" --max-seconds 900 ${FAKE_SLACK_ARGS:-} >"$dir/fake.out" 2>&1 &
    fake_pid=$!
    pids+=("$fake_pid")
    port=""
    for _ in $(seq 1 100); do
        port="$(sed -n 's#^fake-slack listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$dir/fake.out" | head -n 1)"
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "fake-slack did not start"; exit 1; }
    bot_port="$(free_port)"
    (
        cd "$bot_dir"
        exec env CMBOT_DATA="$dir/data" Urls="http://127.0.0.1:$bot_port" \
            Slack__Enabled=true Slack__Mode=Http Slack__ApiBaseUrl="http://127.0.0.1:$port/api/" \
            Slack__BotToken=xoxb-test Slack__SigningSecret=test \
            Slack__Channels__Alerts=C0BURSTA01 Slack__Channels__Legal=C0BURSTB02 Slack__Channels__Direction=C0BURSTC03 \
            Sandbox__Enabled=false Feeds__Replay__Enabled=false Logging__LogLevel__Default=Warning \
            Feeds__Sources__burst__Type=webhook Feeds__Sources__burst__Token=bench-token \
            Scheduling__SchedulerName="CmBotBurst$trial" \
            dotnet CmBot.Bot.dll
    ) >"$dir/cmbot.log" 2>&1 &
    bot_pid=$!
    pids+=("$bot_pid")
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$bot_port/healthz" >/dev/null 2>&1 && break
        sleep 0.1
    done
    burst="$(python3 "$here/burst.py" "http://127.0.0.1:$bot_port" burst bench-token "$count")"
    sleep 5   # let the outbox settle the last card versions under the channel limit
    kill "$bot_pid" 2>/dev/null || true
    wait "$bot_pid" 2>/dev/null || true
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
    python3 "$here/analyze.py" "$dir/slack.jsonl" "$dir/data/cmbot.db" "$burst" | tee "$dir/result.json"
done

python3 - "$work" <<'PY'
import glob, json, sys
rows = [json.load(open(f)) for f in sorted(glob.glob(sys.argv[1] + "/trial-*/result.json"))]
def pct(values, p):
    values = sorted(v for v in values if v is not None)
    return None if not values else values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]
for key in ("first_alert_ms", "first_p1_ms"):
    values = [r[key] for r in rows]
    print(f"{key}: p50 {pct(values, 50)} ms, p99 {pct(values, 99)} ms, max {max(v for v in values if v is not None)} ms over {len(rows)} trials")
print("incidents per trial:", [r["incidents"] for r in rows], "chat calls per trial:", [r["chat_calls"] for r in rows],
      "429s per trial:", [r["chat_429"] for r in rows], "ingest rate/s:", [r["ingest_rate"] for r in rows])
PY
echo "logs and databases: $work"
