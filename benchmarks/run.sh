#!/usr/bin/env bash
# Runs every fhir-guard benchmark in one go: the JMH micro-benchmarks (fhir-guard beside bare
# jose4j and Nimbus baselines), the memory probes and the end-to-end load run on loopback.
#
#   benchmarks/run.sh            full run (about 25 minutes on 2 cores)
#   benchmarks/run.sh --quick    one short fork per benchmark (under 5 minutes on 2 cores)
#   benchmarks/run.sh --quick Jwt    only the JMH benchmarks whose name matches the regex
#   benchmarks/run.sh --quick --profile   also record the load run with Flight Recorder and
#                                         split fhir-guard's CPU samples by pipeline stage
#
# Results land in benchmarks/target/results/: machine.txt, jmh.json and jmh.txt, cpu.txt,
# memory.txt, load.txt, profile.txt with --profile, and summary.txt (the ratios and targets
# docs/performance.md leads with).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
filter=""
profile=no
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --profile) profile=yes ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $arg (use --quick)" >&2; exit 2 ;;
        *) filter="$arg" ;;
    esac
done

if [ "$mode" = quick ]; then
    jmh_opts=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
    cpu_opts=(--rounds 8 --slice-ms 100)
    cache_bounds=(10000)
    load_opts=(--warmup 3s --duration 8s --concurrency 8)
else
    jmh_opts=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
    cpu_opts=(--rounds 40 --slice-ms 200)
    cache_bounds=(10000 100000)
    load_opts=(--warmup 10s --duration 30s --concurrency 16)
fi
flood_keys=1000000

echo "run.sh: building the benchmark jar ($mode mode)"
mvn -B -q -o -DskipTests -Pbenchmarks-jar package -pl benchmarks -am 2>/dev/null \
    || mvn -B -q -DskipTests -Pbenchmarks-jar package -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "mode: $mode"
    echo "nproc: $(nproc)"
    free -h | sed -n '1,2p'
    java -version 2>&1
    uptime
} > "$out/machine.txt"

echo "run.sh: JMH micro-benchmarks"
java -jar "$jar" "${jmh_opts[@]}" -rf json -rff "$out/jmh.json" ${filter:+"$filter"} \
    | tee "$out/jmh.txt"

if [ -z "$filter" ]; then
    echo "run.sh: interleaved CPU-time comparison with the baselines"
    java -cp "$jar" io.fhirguard.benchmarks.CpuTimeComparison "${cpu_opts[@]}" \
        | sed '/INFO/d' | tee "$out/cpu.txt"

    echo "run.sh: memory probes (heap after System.gc(), approximate)"
    {
        java -Xmx2g -cp "$jar" io.fhirguard.benchmarks.memory.RateLimitKeyFlood "$flood_keys"
        java -Xmx2g -cp "$jar" io.fhirguard.benchmarks.memory.TokenCacheFootprint \
            "${cache_bounds[@]}"
    } | tee "$out/memory.txt"

    echo "run.sh: end-to-end load run on 127.0.0.1"
    jfr_opts=()
    if [ "$profile" = yes ]; then
        jfr_opts=(-XX:FlightRecorderOptions:stackdepth=512
            "-XX:StartFlightRecording=filename=$out/load.jfr,settings=profile")
    fi
    java -Xmx1g "${jfr_opts[@]}" -cp "$jar" io.fhirguard.benchmarks.load.LoadRun \
        "${load_opts[@]}" | sed '/^\[/d' | tee "$out/load.txt"
    if [ "$profile" = yes ]; then
        java -cp "$jar" io.fhirguard.benchmarks.load.ProfileStages "$out/load.jfr" \
            | tee "$out/profile.txt"
    fi
fi

java -cp "$jar" io.fhirguard.benchmarks.Summary "$out" | tee "$out/summary.txt"
