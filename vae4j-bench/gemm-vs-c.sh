#!/usr/bin/env bash
# Compares OpenBLAS's cblas_sgemm called from C (src/main/c/gemm_ref.c) with the same library
# called from Java through the Foreign Function and Memory API (io.github.vae4j.bench.GemmReport),
# on the products of a 784-400-20 MLP at batch 128, and prints GFLOP/s per shape and the ratio.
# A third column, "engine", is what vae4j itself uses: OpenBLAS on one thread, each product split
# across the engine's threads (Gemms.get()), against the same C figures.
#
# Both sides load the same OpenBLAS files (from the org.bytedeco:openblas jar in ~/.m2, else from
# the cache folder OpenBlasGemm extracts to), run with the same thread count and time the same way:
# a warm-up, then calls counted until the timed window has passed. The rounds alternate C and Java,
# and each shape's best round is reported, since other load on the machine only ever slows a run.
#
# Environment: OPENBLAS_NUM_THREADS (default: all cores, OpenBLAS's own default), SECONDS_PER_SHAPE
# (timed window, default 1.5), WARMUP (seconds, default 1), ROUNDS (default 3).
# Needs gcc and a JDK 25; builds vae4j-bench/target/benchmarks.jar when it is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
# shellcheck source=../bin/jdk25.sh
. "$root/bin/jdk25.sh"

seconds="${SECONDS_PER_SHAPE:-1.5}"
warmup="${WARMUP:-1}"
rounds="${ROUNDS:-3}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-$(nproc)}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  Linux-aarch64) platform=linux-arm64 ;;
  *) echo "gemm-vs-c.sh runs on Linux x86_64 or aarch64, not $(uname -s) $(uname -m)" >&2; exit 2 ;;
esac
version="$(sed -n 's:.*<openblas.version>\(.*\)</openblas.version>.*:\1:p' "$root/pom.xml" | head -n 1)"
jar="$HOME/.m2/repository/org/bytedeco/openblas/$version/openblas-$version-$platform.jar"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/vae4j/native/$platform-$version"

work="$here/target/gemm-vs-c"
native="$work/native"
rm -rf "$native"
mkdir -p "$native/include"
cflags=()
if [ -f "$jar" ]; then
  unzip -oqj "$jar" "org/bytedeco/openblas/$platform/lib[!j]*.so*" -d "$native"
  unzip -oqj "$jar" "org/bytedeco/openblas/$platform/include/cblas.h" \
    "org/bytedeco/openblas/$platform/include/openblas_config.h" -d "$native/include"
  cflags=(-DHAVE_CBLAS_H -I"$native/include")
  source="$jar"
elif [ -f "$cache/libopenblas.so.0" ]; then
  cp "$cache"/lib*.so* "$native/"
  source="$cache"
else
  echo "no OpenBLAS $version for $platform: neither $jar nor $cache exists;" >&2
  echo "build once with: mvn -B -pl vae4j-tensor -am test" >&2
  exit 2
fi
gcc -O2 -std=c11 -Wall -Wextra "${cflags[@]}" "$here/src/main/c/gemm_ref.c" -o "$work/gemm_ref" \
  -L"$native" -l:libopenblas.so.0 -Wl,-rpath,"$native"

bench_jar="$here/target/benchmarks.jar"
if [ ! -f "$bench_jar" ]; then
  (cd "$root" && mvn -q -B -pl vae4j-tensor,vae4j-bench -am -DskipTests package)
fi

echo "OpenBLAS $version ($platform) from $source; OPENBLAS_NUM_THREADS=$OPENBLAS_NUM_THREADS;"
echo "$rounds rounds of ${seconds} s per shape after ${warmup} s of warm-up, C and Java alternating"
: > "$work/c.tsv"
: > "$work/java.tsv"
: > "$work/engine.tsv"
for round in $(seq 1 "$rounds"); do
  "$work/gemm_ref" "$seconds" "$warmup" >> "$work/c.tsv"
  java --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.github.vae4j.bench.GemmReport \
    --backends openblas --tsv --seconds "$seconds" --warmup "$warmup" >> "$work/java.tsv"
  java --enable-native-access=ALL-UNNAMED -cp "$bench_jar" io.github.vae4j.bench.GemmReport \
    --backends engine --tsv --seconds "$seconds" --warmup "$warmup" 2>/dev/null >> "$work/engine.tsv"
  echo "  round $round done" >&2
done
grep -h '^#' "$work/c.tsv" | sort -u | sed 's/^# /C:    /'
grep -h '^#' "$work/java.tsv" | sort -u | sed 's/^# /Java: /'
grep -h '^#' "$work/engine.tsv" | sort -u | sed 's/^# /Java: /'

awk -F '\t' '
  /^#/ { next }
  FILENAME ~ /c.tsv$/ { if (!($1 in c) || $3 > c[$1]) c[$1] = $3; cs[$1] = cs[$1] " " $3; next }
  FILENAME ~ /engine.tsv$/ { if (!($1 in e) || $3 > e[$1]) e[$1] = $3; next }
  { if (!($1 in j) || $3 > j[$1]) j[$1] = $3; js[$1] = js[$1] " " $3;
    if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END {
    printf "%-12s %10s %10s %6s %12s %9s   %s\n", "shape", "C GFLOP/s", "FFM", "FFM/C", "engine", "engine/C",
      "all rounds: C | FFM"
    for (i = 1; i <= n; i++) {
      s = order[i]
      printf "%-12s %10.1f %10.1f %5.0f%% %12.1f %8.0f%%   %s |%s\n", s, c[s], j[s], 100 * j[s] / c[s], e[s],
        100 * e[s] / c[s], cs[s], js[s]
    }
  }' "$work/c.tsv" "$work/java.tsv" "$work/engine.tsv"
