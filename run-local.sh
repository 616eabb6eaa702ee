#!/usr/bin/env bash
# Builds and starts the whole system on the embedded default: user-command on :8080 and
# user-projection on :8081, sharing H2 files under ./data (H2 auto-server mode), no external server.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests install
# data/ holds the H2 files: private to this user (the services also enforce 0700 at start).
mkdir -p logs && mkdir -p -m 700 data
java -jar user-command/target/user-command-*-exec.jar > logs/user-command.log 2>&1 &
command_pid=$!
trap 'kill $command_pid ${projection_pid:-} 2>/dev/null; wait 2>/dev/null' EXIT INT TERM
# Listening means started: Spring Boot opens the port once the application is ready.
until (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; do
    kill -0 $command_pid 2>/dev/null || { echo "user-command failed to start, see logs/user-command.log"; exit 1; }
    sleep 1
done
java -jar user-projection/target/user-projection-*-exec.jar > logs/user-projection.log 2>&1 &
projection_pid=$!
until (exec 3<>/dev/tcp/127.0.0.1/8081) 2>/dev/null; do
    kill -0 $projection_pid 2>/dev/null || { echo "user-projection failed to start, see logs/user-projection.log"; exit 1; }
    sleep 1
done
echo "Console         http://localhost:8080/console  (log in with a dev account: admin, auditor, operator; see README)"
echo "user-command    http://localhost:8080  (OpenAPI: /swagger-ui.html, logs/user-command.log)"
echo "user-projection http://localhost:8081  (OpenAPI: /swagger-ui.html, logs/user-projection.log)"
echo "Ctrl-C stops both."
wait
