#!/usr/bin/env bash
# A single-node Slurm on localhost for hpo's Slurm tests (Debian 12, Slurm 22.05; no systemd).
# Idempotent: installs what is missing, writes the config, (re)starts only what is needed,
# waits until the node is idle. Run as root:  scripts/slurm-start.sh
#
# The node declares HPO_SLURM_CPUS CPUs (default 8, whatever the machine has:
# SlurmdParameters=config_overrides) so that several test jobs run at once on a 2-core CI
# machine, and HPO_SLURM_GPUS made-up GPUs (gres over character devices under /tmp/hpo-fakegpu)
# so that --gres=gpu:K yields a real CUDA_VISIBLE_DEVICES.
set -euo pipefail
cpus=${HPO_SLURM_CPUS:-8}
gpus=${HPO_SLURM_GPUS:-2}
host=$(hostname -s)
memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 1024 ))

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm-start: installing slurmctld slurmd slurm-client munge"
  [ -n "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge >/dev/null
fi

# slurmd finds itself by its host name.
getent hosts "$host" >/dev/null || echo "127.0.0.1 $host" >> /etc/hosts

# munge: a key and the daemon, as user munge.
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
[ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if ! munge -n >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && break; sleep 0.1; done
fi

# Made-up GPUs: gres needs character devices (NVIDIA's major number); nothing opens them.
mkdir -p /tmp/hpo-fakegpu
for i in $(seq 0 $((gpus - 1))); do
  [ -c /tmp/hpo-fakegpu/nvidia$i ] || { rm -f /tmp/hpo-fakegpu/nvidia$i; mknod /tmp/hpo-fakegpu/nvidia$i c 195 "$i"; }
done

install -d -o slurm -g slurm /var/spool/slurmctld /var/log/slurm
install -d /var/spool/slurmd
cat > /etc/slurm/slurm.conf.new <<CONF
ClusterName=local
SlurmctldHost=${host}
SlurmUser=slurm
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=/var/log/slurm/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=256
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1,sched_interval=1,batch_sched_delay=0,sched_min_interval=0
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
MinJobAge=300
MessageTimeout=10
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
GresTypes=gpu
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=${memory} Gres=gpu:${gpus} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
{
  echo "AutoDetect=off"
  echo "NodeName=${host} Name=gpu File=/tmp/hpo-fakegpu/nvidia[0-$((gpus - 1))]"
} > /etc/slurm/gres.conf.new
changed=0
for f in slurm.conf gres.conf; do
  if cmp -s /etc/slurm/$f.new /etc/slurm/$f; then rm -f /etc/slurm/$f.new; else mv /etc/slurm/$f.new /etc/slurm/$f; changed=1; fi
done

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop() {
  alive "$1" || return 0
  local pid; pid=$(cat "$1"); kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
}
if [ $changed = 1 ]; then stop /run/slurmd.pid; stop /run/slurmctld.pid; fi
alive /run/slurmctld.pid || /usr/sbin/slurmctld || { echo "slurm-start: slurmctld did not start:"; tail -5 /var/log/slurm/slurmctld.log; exit 1; }
alive /run/slurmd.pid || /usr/sbin/slurmd || { echo "slurm-start: slurmd did not start:"; tail -5 /var/log/slurm/slurmd.log; exit 1; }

deadline=$((SECONDS + 30)); state=""
while [ $SECONDS -lt $deadline ]; do
  alive /run/slurmctld.pid || { echo "slurm-start: slurmctld died:"; tail -5 /var/log/slurm/slurmctld.log; exit 1; }
  state=$(timeout 3 sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  case "$state" in idle|mixed|allocated|completing) break ;; down*|drain*) scontrol update NodeName="$host" State=RESUME 2>/dev/null || true ;; esac
  sleep 0.2
done
case "$state" in
  idle|mixed|allocated|completing) echo "slurm-start: node $host $state ($cpus CPUs, $gpus GPUs)" ;;
  *) echo "slurm-start: the node is not ready (state '$state')"; tail -5 /var/log/slurm/slurmd.log; exit 1 ;;
esac
