#!/usr/bin/env bash
# Delivery benchmark: a backlog of 500 alerts for 3 Slack channels, drained by CmBot into fake-slack, which
# enforces Slack's ~1 msg/s per channel (burst 3). Two runs: plain, and with a 30 s "429 storm" first.
# Prints delivered / lost / duplicated, per-channel achieved rate, ordering and Retry-After checks.
#   Tests/Benchmarks/slack-delivery/run.sh [count]         (about 3 + 4 minutes; loopback only)
# FAKE_SLACK overrides the path of fake_slack.py (default: ../shared/tools/fake-slack/ next to the repo).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
count="${1:-500}"
fake="${FAKE_SLACK:-$root/../shared/tools/fake-slack/fake_slack.py}"
channels=(C0BENCHA01 C0BENCHB02 C0BENCHC03)
work="$(mktemp -d -t cmbot-slack-bench.XXXXXX)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "building CmBot and the enqueue tool (Release)..."
dotnet build -c Release "$root/Bot/CmBot.Bot.csproj" -v q -nologo >/dev/null
dotnet build -c Release "$here/Enqueue/Enqueue.csproj" -v q -nologo >/dev/null
bot_dir="$root/Bot/bin/Release/net10.0"
enqueue_dll="$here/Enqueue/bin/Release/net10.0/Enqueue.dll"

run() { # name, storm seconds
    local name="$1" storm="$2" dir="$work/$1"
    mkdir -p "$dir/data"
    echo
    echo "== $name: $count alerts, 3 channels, fake-slack 1 msg/s per channel (burst 3)$( [ "$storm" != 0 ] && echo ", 429 storm for the first ${storm} s")"

    # The backlog is queued before CmBot starts, as after an outage: CmBot drains its outbox at start.
    dotnet "$enqueue_dll" "$dir/data" "$count" "${channels[@]}"

    local storm_args=()
    [ "$storm" != 0 ] && storm_args=(--storm "$storm")
    python3 "$fake" 0 --log "$dir/slack.jsonl" --stats-out "$dir/stats.json" --max-seconds 1200 "${storm_args[@]}" >"$dir/fake.out" 2>&1 &
    local fake_pid=$!
    pids+=("$fake_pid")
    local port=""
    for _ in $(seq 1 100); do
        port="$(sed -n 's#^fake-slack listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$dir/fake.out" | head -n 1)"
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "fake-slack did not start"; cat "$dir/fake.out"; return 1; }

    local started
    started=$(date +%s.%N)
    (
        cd "$bot_dir"
        exec env CMBOT_DATA="$dir/data" Urls="http://127.0.0.1:0" \
            Slack__Enabled=true Slack__Mode=Http Slack__ApiBaseUrl="http://127.0.0.1:$port/api/" \
            Slack__BotToken=xoxb-test Slack__AppToken=xapp-test Slack__SigningSecret=test \
            Slack__Channels__Alerts="${channels[0]}" Slack__Channels__Legal="${channels[1]}" Slack__Channels__Direction="${channels[2]}" \
            Sandbox__Enabled=false Feeds__Replay__Enabled=false Logging__LogLevel__Default=Warning \
            dotnet CmBot.Bot.dll
    ) >"$dir/cmbot.log" 2>&1 &
    local bot_pid=$!
    pids+=("$bot_pid")

    # Wait (bounded) until fake-slack has accepted every post, then a little longer to catch any duplicate.
    local accepted=0 deadline=$(( $(date +%s) + 900 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        accepted=$(curl -s "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_method"].get("chat.postMessage",{}).get("accepted",0))' 2>/dev/null || echo 0)
        [ "$accepted" -ge "$count" ] && break
        kill -0 "$bot_pid" 2>/dev/null || { echo "CmBot exited early:"; tail -n 20 "$dir/cmbot.log"; break; }
        sleep 1
    done
    sleep 5
    local ended
    ended=$(date +%s.%N)
    kill "$bot_pid" 2>/dev/null || true
    wait "$bot_pid" 2>/dev/null || true
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
    printf 'wall time from CmBot start to the last post: %.1f s\n' "$(echo "$ended - $started - 5" | bc)"
    python3 "$here/analyze.py" "$dir/slack.jsonl" "$dir/data/cmbot.db" 1 3 "$storm" | tee "$dir/result.txt"
}

status=0
run plain 0 || status=1
run storm 30 || status=1
echo
echo "logs and databases: $work"
exit $status
