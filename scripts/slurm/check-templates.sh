#!/bin/bash
# Checks the Slurm templates without Slurm: bash syntax, then the run template's resubmission
# logic and the sweep template's point argument against fake `srun` and `sbatch` commands put
# first on PATH. Exits non-zero, naming the case, on the first failure. Used by ctest
# (tests/slurm_scripts.cmake); runs as is: bash scripts/slurm/check-templates.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run_template=$here/pfdtd-run.sbatch
sweep_template=$here/pfdtd-sweep-array.sbatch

fail() { echo "FAIL: $*" >&2; exit 1; }

for t in "$run_template" "$sweep_template"; do
  bash -n "$t" || fail "bash -n $t"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"

# Fake srun: logs its arguments, then exits $FAKE_RC, or with FAKE_RC=wait waits for SIGUSR1
# (as pfdtd does near the time limit) and exits 5 as pfdtd does after its checkpoint.
cat > "$work/bin/srun" <<'FAKE'
#!/bin/bash
echo "srun $*" >> "$FAKE_LOG"
if [[ $FAKE_RC == wait ]]; then
  trap 'echo "srun got USR1" >> "$FAKE_LOG"; exit 5' USR1
  for _ in $(seq 100); do sleep 0.1; done
  exit 99
fi
exit "$FAKE_RC"
FAKE
# Fake sbatch: logs its arguments.
cat > "$work/bin/sbatch" <<'FAKE'
#!/bin/bash
echo "sbatch $*" >> "$FAKE_LOG"
echo "Submitted batch job 1235"
FAKE
chmod +x "$work/bin/srun" "$work/bin/sbatch"

# Runs the run template as job 1234 with srun exiting $1 and the given script arguments;
# leaves the template's exit code in $rc and the fake commands' log in $log.
run_job() {
  local srun_rc=$1
  shift
  log=$work/log.$RANDOM
  : > "$log"
  PATH=$work/bin:$PATH FAKE_LOG=$log FAKE_RC=$srun_rc SLURM_JOB_ID=1234 MAX_RESUBMITS=3 \
    bash "$run_template" "$@" > "$work/out" 2>&1
  rc=$?
}
expect() { grep -q -e "$1" "$log" || fail "$2: no '$1' in: $(cat "$log")"; }
expect_not() { ! grep -q -e "$1" "$log" || fail "$2: unexpected '$1' in: $(cat "$log")"; }

# Exit 5 (checkpointed): the next job is queued after this one, as resubmission 1; the first
# run itself was not a resume.
run_job 5 scene.yaml
((rc == 0)) || fail "exit 5: template exited $rc"
expect_not "srun .*--resume" "first job"
expect "^sbatch --dependency=afterany:1234 .*pfdtd-run.sbatch scene.yaml 1$" "exit 5"

# The resubmitted job resumes, and queues the next one while the cap allows.
run_job 5 scene.yaml 1
expect "^srun .*pfdtd run scene.yaml .*--resume" "resubmitted job"
expect "^sbatch --dependency=afterany:1234 .*scene.yaml 2$" "second resubmission"

# Exit 0 (complete): nothing more is queued.
run_job 0 scene.yaml 2
((rc == 0)) || fail "exit 0: template exited $rc"
expect_not "^sbatch" "exit 0"

# The cap (MAX_RESUBMITS=3): the third resubmission, checkpointed again, queues nothing and
# the job ends with pfdtd's exit code.
run_job 5 scene.yaml 3
((rc == 5)) || fail "cap: template exited $rc, expected 5"
expect_not "^sbatch" "cap"
grep -q "resubmissions are done" "$work/out" || fail "cap: no message in: $(cat "$work/out")"

# Other failures (bad input: 1) are not resubmitted.
run_job 1 scene.yaml
((rc == 1)) || fail "exit 1: template exited $rc"
expect_not "^sbatch" "exit 1"

# SIGUSR1 to the batch shell (--signal=B:USR1@300) reaches the step, which checkpoints; the
# job is then resubmitted.
log=$work/log.signal
: > "$log"
PATH=$work/bin:$PATH FAKE_LOG=$log FAKE_RC=wait SLURM_JOB_ID=1234 \
  bash "$run_template" scene.yaml > "$work/out" 2>&1 &
shell_pid=$!
for _ in $(seq 50); do grep -q "^srun" "$log" && break; sleep 0.1; done
sleep 0.3  # let the fake srun install its trap
kill -USR1 "$shell_pid"
wait "$shell_pid"
rc=$?
((rc == 0)) || fail "signal: template exited $rc: $(cat "$work/out")"
expect "srun got USR1" "signal forwarding"
expect "^sbatch --dependency=afterany:1234 .*scene.yaml 1$" "signal resubmission"

# The sweep template runs its array task's point.
log=$work/log.sweep
: > "$log"
PATH=$work/bin:$PATH FAKE_LOG=$log FAKE_RC=0 SLURM_ARRAY_TASK_ID=7 \
  bash "$sweep_template" sweep.yaml > "$work/out" 2>&1 || fail "sweep: exit $?"
expect "^srun .*pfdtd sweep sweep.yaml --point 7$" "sweep point"

echo "Slurm templates: all checks passed"
