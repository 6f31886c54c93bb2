# A throwaway one-node Slurm cluster on this host, for tests/e2e/slurm_test.sh: source it.
# Needs root and Debian's slurmctld, slurmd, slurm-client and munge (not scripts/setup.sh's
# packages: .ci/run's Slurm stage installs them).
#
#   start_cluster DIR   munged, slurmctld and slurmd, with everything they write (munge key and
#                       socket, slurm.conf, state and spool folders, logs, pid files) under DIR,
#                       on free ports of 127.0.0.1; exports SLURM_CONF so that sbatch, squeue and
#                       scancel talk to this cluster. One node (this host, 2 CPUs) and one
#                       partition, PARTITION, that is not the default: a job must name it.
#                       Returns non-zero, with the daemons' logs, when the node is not idle in
#                       30 s.
#   stop_cluster DIR    cancels the cluster's jobs, then stops the daemons by their pid files
#                       (SIGTERM, SIGKILL after 10 s). Safe to call again, or on a half-started
#                       cluster.
#   guard_cluster PID DIR   a detached watchdog that runs stop_cluster DIR once process PID is
#                       gone: covers a SIGKILL of the test (a CTest timeout), which no trap sees.
#
# Accounting is off (no slurmdbd, no sacct). Processes are tracked through /proc and not confined
# (proctrack/linuxproc, task/none): no cgroups needed.
PARTITION=aie2sim-test
CLUSTER_DAEMONS=(slurmd slurmctld munged)

free_ports() {  # free_ports N: N TCP ports free on 127.0.0.1 now
  /usr/bin/python3 - "$1" <<'EOF'
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
EOF
}

start_cluster() {
  local dir=$1 node ports memory
  node=$(hostname -s)
  mkdir -p "$dir/state" "$dir/spool" || return 1
  mungekey --create --keyfile="$dir/munge.key" || return 1
  munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" ||
    return 1
  read -ra ports <<<"$(free_ports 2)"
  # RealMemory as slurmd measures it, so the node is not drained for "Low RealMemory"; the sweep's
  # tasks ask for --mem=1G.
  memory=$(slurmd -C | grep -o 'RealMemory=[0-9]*' | cut -d= -f2)
  cat >"$dir/slurm.conf" <<EOF
ClusterName=aie2sim-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=${ports[0]}
SlurmdPort=${ports[1]}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
ReturnToService=2
KillWait=5
MailProg=/bin/true
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 RealMemory=$memory State=UNKNOWN
PartitionName=$PARTITION Nodes=$node MaxTime=1:00:00 State=UP
EOF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" && slurmd -f "$SLURM_CONF" || return 1
  for _ in $(seq 60); do
    [[ $(sinfo --noheader --format=%T 2>/dev/null) == idle ]] && return 0
    sleep 0.5
  done
  echo "slurm cluster in $dir: node not idle after 30 s: $(sinfo 2>&1)"
  tail -n 20 "$dir"/*.log
  return 1
}

stop_cluster() {
  local dir=$1 daemon pid
  if [[ -f $dir/slurmctld.pid ]]; then
    SLURM_CONF=$dir/slurm.conf scancel --user="$(id -un)" 2>/dev/null
    for _ in $(seq 20); do  # the tasks stop on SIGTERM; slurmd sends SIGKILL after KillWait
      [[ -z $(SLURM_CONF=$dir/slurm.conf squeue --noheader 2>/dev/null) ]] && break
      sleep 0.5
    done
  fi
  local pids=()
  for daemon in "${CLUSTER_DAEMONS[@]}"; do
    [[ -f $dir/$daemon.pid ]] || continue
    pid=$(<"$dir/$daemon.pid")
    # The pid is still that daemon's (not reused after it died)?
    if [[ $pid =~ ^[0-9]+$ && $(cat "/proc/$pid/comm" 2>/dev/null) == "$daemon" ]] &&
      kill "$pid" 2>/dev/null; then
      pids+=("$pid")
    fi
    rm -f "$dir/$daemon.pid"
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
}

guard_cluster() {
  local pid=$1 dir=$2
  setsid -f bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 2; done; source "$2"; stop_cluster "$3"' \
    guard "$pid" "${BASH_SOURCE[0]}" "$dir" </dev/null >/dev/null 2>&1
}
