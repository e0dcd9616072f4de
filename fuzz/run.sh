#!/usr/bin/env bash
# Fuzzes chuxin's parsers with AFL++ (cargo-afl, stable toolchain): `fuzz/run.sh TARGET|all SECONDS`.
#
# Builds the harness (fuzz/afl), then runs each target for SECONDS from its corpus fuzz/corpus/<target>/, into
# fuzz/out/<target>/ (not committed). With `all`, the targets run one after another, or JOBS at a time
# (JOBS=10 with CORES=1 runs every target at once, all on one core). Each crash found is minimised with afl-tmin
# into fuzz/regressions/<target>/, where `cargo test -p chuxin-fuzz` replays it: fix the bug, then commit the file.
# Ends with a table of executions, edges and crashes per target, read from AFL's fuzzer_stats.
#
# Needs `cargo install cargo-afl` (which builds AFL++ with the machine's C compiler; clang is not needed).
# With MERGE=1, each target's queue is then reduced with afl-cmin and its inputs of at most MERGE_MAX bytes
# (default 2048), the smallest MERGE_COUNT (default 100), are added to fuzz/corpus/<target>/ as q-<sha1>, for the replay in `cargo test` to keep.
# MINIMISE=0 leaves the crashes where AFL put them.
# Environment: EXECS (stop a target after about this many executions, even before SECONDS), JOBS (default 1), CORES (a taskset list, e.g. `1`; default: any), CARGO_TARGET_DIR (default
# fuzz/afl/target), NICE (default 19).
set -euo pipefail
cd "$(dirname "$0")"
FUZZ="$PWD"

if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh TARGET|all SECONDS" >&2
  exit 2
fi
WHICH="$1"
SECONDS_EACH="$2"
JOBS="${JOBS:-1}"
NICE="${NICE:-19}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$FUZZ/afl/target}"

ALL=$(sed -n 's/^    ("\([a-z_]*\)", .*/\1/p' src/lib.rs)
if [ "$WHICH" = all ]; then TARGETS="$ALL"; else
  echo "$ALL" | grep -qx "$WHICH" || { echo "unknown target \`$WHICH\`; targets: $(echo $ALL)" >&2; exit 2; }
  TARGETS="$WHICH"
fi

# Not --locked: the harness's lock follows the workspace's dependencies as they change.
(cd afl && cargo afl build --release)
BIN="$CARGO_TARGET_DIR/release/chuxin-fuzz-afl"

export AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
PIN=()
if [ -n "${CORES:-}" ]; then PIN=(taskset -c "$CORES"); fi

fuzz_one() {
  local t="$1"
  mkdir -p "out/$t"
  # -V: stop after SECONDS; -t: 5 s per input (seeds of 130 KB take a while); resume with -i - if a run exists.
  local input="corpus/$t"
  if [ -f "out/$t/default/fuzzer_stats" ]; then input=-; fi
  local limit=(-V "$SECONDS_EACH")
  if [ -n "${EXECS:-}" ]; then limit+=(-E "$EXECS"); fi
  "${PIN[@]}" nice -n "$NICE" cargo afl fuzz -i "$input" -o "out/$t" "${limit[@]}" -t 5000 -- "$BIN" "$t" \
    >"out/$t.log" 2>&1 || echo "afl-fuzz for $t ended with $? (see fuzz/out/$t.log)" >&2
}

running=0
# SECONDS 0 fuzzes nothing: only the table, the crash minimisation and MERGE of the runs already in fuzz/out.
[ "$SECONDS_EACH" -gt 0 ] || TO_FUZZ=""
for t in ${TO_FUZZ-$TARGETS}; do
  fuzz_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

field() { sed -n "s/^$2 *: //p" "out/$1/default/fuzzer_stats" 2>/dev/null; }
printf '%-14s %12s %8s %8s %8s %8s\n' target executions exec/s edges map% crashes
for t in $TARGETS; do
  printf '%-14s %12s %8s %8s %8s %8s\n' "$t" "$(field "$t" execs_done)" "$(field "$t" execs_per_sec)" \
    "$(field "$t" edges_found)" "$(field "$t" bitmap_cvg)" "$(field "$t" saved_crashes)"
  [ "${MINIMISE:-1}" = 1 ] || continue
  for crash in out/"$t"/default/crashes/id:*; do
    [ -e "$crash" ] || continue
    mkdir -p "regressions/$t"
    name="crash-$(sha1sum "$crash" | cut -c1-12)"
    cargo afl tmin -i "$crash" -o "regressions/$t/$name" -- "$BIN" "$t" >/dev/null 2>&1 || cp "$crash" "regressions/$t/$name"
    echo "  crash minimised into fuzz/regressions/$t/$name"
  done
done

if [ "${MERGE:-}" = 1 ]; then
  for t in $TARGETS; do
    [ -d "out/$t/default/queue" ] || continue
    rm -rf "out/$t/cmin"
    "${PIN[@]}" nice -n "$NICE" cargo afl cmin -i "out/$t/default/queue" -o "out/$t/cmin" -t 5000 -- "$BIN" "$t" \
      >"out/$t.cmin.log" 2>&1 || { echo "afl-cmin for $t failed (see fuzz/out/$t.cmin.log)" >&2; continue; }
    added=0
    # The smallest MERGE_COUNT (default 100) of those no larger than MERGE_MAX, so that the corpus stays small.
    for f in $(find "out/$t/cmin" -type f -size -"$((${MERGE_MAX:-2048} + 1))"c -printf '%s %p\n' | sort -n |
      head -n "${MERGE_COUNT:-100}" | cut -d' ' -f2); do
      name="q-$(sha1sum "$f" | cut -c1-12)"
      [ -e "corpus/$t/$name" ] || { cp "$f" "corpus/$t/$name"; added=$((added + 1)); }
    done
    echo "$t: $added inputs added to fuzz/corpus/$t"
  done
fi
