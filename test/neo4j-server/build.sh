#!/usr/bin/env bash
# Fetches Neo4j Community 5.26 from Maven Central and compiles the test-server launcher.
# Idempotent and fast when nothing changed: the jar and target/lib are reused.
# Usage: bash test/neo4j-server/build.sh [--force]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

fail() { echo "neo4j test server: $*" >&2; exit 1; }
command -v java >/dev/null || fail "java is not installed. Install a JDK 17 (e.g. apt-get install openjdk-17-jdk-headless)."
command -v mvn >/dev/null || fail "mvn is not installed. Install Maven (e.g. apt-get install maven)."

jar="target/neo4j-test-server-1.0.0.jar"
stamp="target/lib/.complete"
if [[ "${1:-}" != "--force" && -f "$jar" && -f "$stamp" && "$stamp" -nt pom.xml && "$jar" -nt src/main/java/dev/hart/testserver/Launcher.java ]]; then
  exit 0
fi

echo "neo4j test server: fetching Neo4j 5.26 with Maven and compiling the launcher…" >&2
rm -rf target/lib
# -B: no colours/progress; Maven's own JVM stays small on a 2-core machine.
if ! MAVEN_OPTS="${MAVEN_OPTS:--Xmx512m}" mvn -B -q -Dstyle.color=never package; then
  fail "Maven could not fetch or build the Neo4j test server (see the output above). Check access to Maven Central, then run: bash test/neo4j-server/build.sh --force"
fi
touch "$stamp"
echo "neo4j test server: built ($(ls target/lib | wc -l) jars)." >&2
