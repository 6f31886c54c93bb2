"""Runs a sweep's array job on Slurm from the submit host: sbatch, then squeue until the job has
left the queue, reading each task's `sweep-cell` line from its output file DIR/slurm/JOB_TASK.out
for the progress lines; scancel when the sweep is stopped.

Before submitting, a sweep looks for jobs of this user still in the queue with this DIR's script
(an earlier invocation's, whose waiting sweep was killed, or one submitted by hand with sbatch)
and waits for them instead of submitting the same cells again. The job id is recorded in
DIR/slurm/job. Needs no accounting (no sacct): squeue only.
"""
import glob
import json
import os
import pwd
import subprocess
import time

INVALID_JOB = "Invalid job id"
GIVE_UP_S = 300  # squeue failing this long in a row: stop waiting (the job itself goes on)


class SlurmError(Exception):
    pass


def command(args):
    """Runs a Slurm client command; returns (exit code, stdout, stderr)."""
    try:
        done = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, text=True)
    except FileNotFoundError:
        raise SlurmError(f"{args[0]} not found: run on a Slurm submit host "
                         "(Debian: apt-get install slurm-client)") from None
    return done.returncode, done.stdout, done.stderr.strip()


def record_path(directory):
    return os.path.join(directory, "slurm", "job")


def submit(directory, script):
    """sbatch SCRIPT; records and returns the job id. SlurmError carries sbatch's message."""
    code, out, err = command(["sbatch", "--parsable", script])
    if code != 0:
        raise SlurmError(err.splitlines()[-1] if err else f"sbatch exited {code}")
    job = out.strip().split(";")[0]
    if not job.isdigit():
        raise SlurmError(f"sbatch printed {out.strip()!r}, not a job id")
    with open(record_path(directory) + ".tmp", "w") as record:
        record.write(job + "\n")
    os.replace(record_path(directory) + ".tmp", record_path(directory))
    return job


def queued(job):
    """The job's tasks still queued, running or completing (squeue lines), [] once it has left
    the queue. SlurmError when squeue fails otherwise (controller unreachable)."""
    code, out, err = command(["squeue", "--noheader", "--jobs", job, "--format=%i %T"])
    if code != 0:
        if INVALID_JOB in err:  # finished long enough ago to be purged from the controller
            return []
        raise SlurmError(f"squeue: {err or f'exit {code}'}")
    return out.splitlines()


def jobs_of(script):
    """The ids of this user's jobs in the queue whose batch script is SCRIPT, oldest first."""
    user = pwd.getpwuid(os.getuid()).pw_name
    code, out, err = command(["squeue", "--noheader", f"--user={user}", "--format=%F %o"])
    if code != 0:
        raise SlurmError(f"squeue: {err or f'exit {code}'}")
    jobs = {job for job, _, batch in (line.partition(" ") for line in out.splitlines())
            if batch == script}
    return sorted(jobs, key=int)


def cancel(job):
    command(["scancel", job])


def task_output(directory, job, index):
    return os.path.join(directory, "slurm", f"{job}_{index}.out")


def summaries(directory, job, skip=()):
    """index -> the `sweep-cell` summary of each task of the job that printed one, except the
    tasks in skip (their logs are not read again)."""
    found = {}
    for path in glob.glob(os.path.join(glob.escape(directory), "slurm", f"{job}_*.out")):
        task = os.path.basename(path)[len(job) + 1:-len(".out")]
        if not task.isdigit() or int(task) in skip:
            continue
        try:
            with open(path, errors="replace") as output:
                lines = output.readlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("sweep-cell ") and line.endswith("\n"):
                try:
                    summary = json.loads(line[len("sweep-cell "):])
                    found[int(summary["index"])] = summary
                except (ValueError, KeyError, TypeError):
                    pass
    return found


def why_ended(path):
    """A task's last message other than its summary (Slurm's CANCELLED or TIME LIMIT line)."""
    try:
        with open(path, errors="replace") as output:
            lines = [line.strip() for line in output
                     if line.strip() and not line.startswith("sweep-cell ")]
    except OSError:
        return "no output: it never started"
    return f"{lines[-1] if lines else 'no message'} ({path})"


def wait(directory, job, on_summary, on_trouble, seen=None):
    """Polls squeue until the job has left the queue, calling on_summary(summary) once for each
    task's summary as it appears (except those in seen, index -> summary) and on_trouble(text)
    when squeue starts failing, or fails differently (it is retried). Returns every summary of the
    job; raises SlurmError when squeue has failed for GIVE_UP_S in a row."""
    start = time.monotonic()
    reported = dict(seen or {})
    failing_since = trouble = None
    while True:
        try:
            remaining = queued(job)
            failing_since = trouble = None
        except SlurmError as problem:
            now = time.monotonic()
            failing_since = failing_since or now
            if now - failing_since > GIVE_UP_S:
                raise
            if str(problem) != trouble:
                trouble = str(problem)
                on_trouble(trouble)
            remaining = None
        for index, summary in sorted(summaries(directory, job, reported).items()):
            reported[index] = summary
            on_summary(summary)
        if remaining == []:
            return reported
        # Quick at first, for short sweeps; every 15 s at most, to spare the controller.
        time.sleep(min(15.0, 1.0 + (time.monotonic() - start) / 30))
