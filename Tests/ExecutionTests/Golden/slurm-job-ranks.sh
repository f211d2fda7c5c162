#!/bin/bash
# Written by hpo for hpo.r1.3; submitted as:
#   sbatch --parsable --job-name=hpo.r1.3 --output=/runs/r1/trials/3/stdout.log --error=/runs/r1/trials/3/stderr.log --open-mode=append --chdir=/runs/r1/trials/3/work --nodes=2 --ntasks-per-node=4 --partition=gpu --account=ml --qos=normal --time=2:00:00 --constraint=a100 --gres=gpu:2 --cpus-per-task=8 --mem=32G --exclusive /runs/r1/trials/3/job.sh

# When the job started (hpo records that start, not its next look at Slurm).
date +%s.%N > /runs/r1/trials/3/started_at 2>/dev/null || :

# The trial's environment (what differs from the submitting hpo's, which sbatch passes on).
export HPO_METRICS_FILE=/runs/r1/trials/3/metrics.jsonl
export HPO_PARAMS='{"name": "x'\''; rm -rf ~ $(id) `id`", "lr": 0.01}'
export HPO_RUN=r1
export HPO_TRIAL=3

# The trial's own directory (its copy of the workspace). sbatch --chdir already went there, but
# where it cannot, Slurm runs the job in /tmp with no more than a log line: fail loudly instead.
cd -- /runs/r1/trials/3/work || { printf 'hpo: cannot enter the trial directory %s on %s\n' /runs/r1/trials/3/work "$(hostname)" >&2; exit 1; }

# Rank 0's host and a port free there (the first one up from a job-dependent start).
export MASTER_ADDR="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
hpo_port=$((20000 + SLURM_JOB_ID % 20000))
while (exec 3<>"/dev/tcp/$MASTER_ADDR/$hpo_port") 2>/dev/null; do hpo_port=$((hpo_port + 1)); done
export MASTER_PORT="$hpo_port" WORLD_SIZE="$SLURM_NTASKS"

# The command, kept waited for through signals (scancel --full sends them to it too).
trap : TERM INT USR1 USR2
srun --kill-on-bad-exit=1 /bin/bash -c 'export RANK="$SLURM_PROCID" LOCAL_RANK="$SLURM_LOCALID"
if [ "$RANK" != 0 ]; then export HPO_METRICS_FILE="${HPO_METRICS_FILE%.jsonl}.rank$RANK.jsonl"; fi
exec "$@"' hpo-rank python3 train.py --name 'x'\''; rm -rf ~ $(id) `id`' --lr 0.01 </dev/null &
hpo_child=$!
while :; do wait "$hpo_child"; hpo_status=$?; kill -0 "$hpo_child" 2>/dev/null || break; done
# The exit status, and when the command ended (hpo records that end, not its next look at Slurm).
printf '%s %s\n' "$hpo_status" "$(date +%s.%N)" > /runs/r1/trials/3/exit_status.tmp && mv /runs/r1/trials/3/exit_status.tmp /runs/r1/trials/3/exit_status
trap - TERM INT USR1 USR2
# Killed by a signal: end the same way, so that Slurm records the signal.
if [ "$hpo_status" -gt 128 ] && [ "$hpo_status" -lt 160 ]; then kill -s $((hpo_status - 128)) $$; fi
exit "$hpo_status"
