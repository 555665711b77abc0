#!/usr/bin/env python3
"""The reliability campaign: flowctl under kill -9, killed and failed system calls, a full disk,
concurrent writers and hostile files, checked from the outside with git's own tools.

    reliability/run.py                  # the full campaign; writes RELIABILITY.md
    reliability/run.py --quick          # a short run for the test suite; writes nothing

Every trial starts from a copy of one prepared repository, runs one flowctl command, interrupts
or breaks it (or not), then runs `flowctl status` as a user would next and checks the result:

- the flow files, the index and HEAD's branch are in one of the states the command may leave:
  as before, or as done (a save: the edit saved; open: the other flow, clean) - anything else
  is a half-switched tree or a false "unsaved changes";
- no branch is left over, no temporary file is left after the next writer, no lock blocks the
  next writer, and `git fsck --strict` is clean;
- a command that failed normally (exit 1) left everything exactly as before;
- nothing reported as saved is missing from history.

The script exits 1 when any trial broke a guarantee, and prints what broke.
"""

import argparse
import datetime
import os
import platform
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import second_round
import team_kills

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(
    os.environ,
    GIT_AUTHOR_NAME="Rel Iability", GIT_AUTHOR_EMAIL="rel@example.com",
    GIT_COMMITTER_NAME="Rel Iability", GIT_COMMITTER_EMAIL="rel@example.com",
    GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1", FLOWCTL_LOCK_TIMEOUT="60",
)
FLOWCTL = None
TEMP_SUFFIX = ".flowctl-tmp"


# MARK: running things

def run(args, cwd, check=False, timeout=60, env=None):
    result = subprocess.run(args, cwd=cwd, env=env or ENV, capture_output=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"{args} failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    return result


def fl(repo, *args, check=True):
    return run([FLOWCTL, *args], repo, check=check)


def git(repo, *args):
    return run(["git", *args], repo, check=True).stdout.decode().strip()


# MARK: the repository every trial copies

def prepare(folder):
    """Flow `a` (three saves, four blocks of several types), flow `b`, and `a` open and clean."""
    repo = os.path.join(folder, "template")
    run([FLOWCTL, "init", repo], folder, check=True)
    fl(repo, "create", "A", "--extension", "101", "--seat", "alice")
    fl(repo, "add-block", "play", "--id", "greet", "--set", "media=hello.mp3")
    fl(repo, "save", "-q", "-m", "greet")
    fl(repo, "add-block", "webhook", "--id", "notify", "--after", "greet")
    fl(repo, "set-webhook", "notify", "--url", "https://hooks.example.com/x", "--retries", "2")
    fl(repo, "add-block", "voicemail", "--id", "vm", "--after", "notify", "--set", "mailbox=5d3c0f1e2a4b6c8d9e0f1a2b3c4d5e6f")
    fl(repo, "save", "-q", "-m", "notify and vm")
    fl(repo, "add-block", "menu", "--id", "menu", "--set", "prompt=choose.mp3")
    fl(repo, "connect", "main", "menu")
    fl(repo, "connect", "menu:1", "greet")
    fl(repo, "connect", "menu:timeout", "vm")
    fl(repo, "save", "-q", "-m", "menu")
    fl(repo, "create", "B", "--extension", "102", "--seat", "bob")
    fl(repo, "add-block", "play", "--id", "other", "--set", "media=b.mp3")
    fl(repo, "save", "-q", "-m", "b")
    fl(repo, "open", "a")
    return repo


def copy(template, folder, name):
    target = os.path.join(folder, re.sub(r"[^a-z0-9.-]+", "-", name.lower()))
    shutil.copytree(template, target, symlinks=True)
    return target


# MARK: what a repository's state is

def flow_files(repo):
    """The flow files in the working tree, by path, as bytes; None for an unreadable folder."""
    files = {}
    if os.path.isfile(os.path.join(repo, "flow.yaml")):
        files["flow.yaml"] = open(os.path.join(repo, "flow.yaml"), "rb").read()
    blocks = os.path.join(repo, "blocks")
    if os.path.isdir(blocks):
        for name in os.listdir(blocks):
            if name.endswith(".yaml") and not name.startswith("."):
                files["blocks/" + name] = open(os.path.join(blocks, name), "rb").read()
    return files


def temporaries(repo):
    found = []
    for folder in [repo, os.path.join(repo, "blocks")]:
        if os.path.isdir(folder):
            found += [name for name in os.listdir(folder) if name.endswith(TEMP_SUFFIX)]
    return found


def tree_files(repo, rev):
    """The flow files of a commit, by path, as bytes."""
    listing = git(repo, "ls-tree", "-r", "--name-only", rev)
    files = {}
    for path in listing.splitlines():
        if path == "flow.yaml" or (path.startswith("blocks/") and path.endswith(".yaml")):
            files[path] = run(["git", "show", f"{rev}:{path}"], repo, check=True).stdout
    return files


def snapshot(repo):
    """Everything a command may change: refs, HEAD, index, flow files and the journal."""
    return (
        git(repo, "for-each-ref", "--format=%(refname) %(objectname)"),
        git(repo, "symbolic-ref", "-q", "HEAD"),
        git(repo, "ls-files", "-s"),
        tuple(sorted(flow_files(repo).items())),
        os.path.exists(os.path.join(repo, ".git", "flowctl", "journal.json")),
    )


def head_state(repo):
    """(HEAD's branch, its tip, whether files and index match the tip exactly)."""
    branch = git(repo, "symbolic-ref", "-q", "HEAD")
    tip = git(repo, "rev-parse", "-q", "--verify", branch) if branch else ""
    clean = git(repo, "status", "--porcelain", "--untracked-files=all", "--", "flow.yaml", "blocks") == ""
    return branch, tip, clean


# MARK: the commands under test, each with the states it may leave

class Case:
    """A command, how to set up for it, and what it may leave behind."""

    def __init__(self, name, args, setup=None, edit=None):
        self.name, self.args, self.setup, self.edit = name, args, setup, edit

    def prepare(self, repo):
        if self.setup:
            self.setup(repo)
        self.before_branch, self.before_tip, _ = head_state(repo)
        self.before_files = flow_files(repo)
        self.before_refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")

    def check(self, repo):
        """The problems with the state the command left, after the next command ran."""
        branch, tip, clean = head_state(repo)
        files = flow_files(repo)
        refs = git(repo, "for-each-ref", "--format=%(refname) %(objectname)")
        problems = []
        unchanged = branch == self.before_branch and tip == self.before_tip and refs == self.before_refs
        as_before = unchanged and files == self.before_files
        done = self.done(repo, branch, tip, clean, files)
        if not (as_before or done):
            if not clean and branch != self.before_branch:
                problems.append(f"half-switched tree (HEAD {branch}, files differ from it)")
            elif not clean and tip and files == tree_files(repo, tip):
                problems.append("false unsaved changes (the index differs from the save)")
            elif not clean:
                problems.append("false unsaved changes (files neither as before nor as saved)")
            else:
                problems.append(f"neither as before nor done (HEAD {branch} at {tip[:7]})")
        if as_before and refs != self.before_refs:
            problems.append("left-over branch")
        return problems

    def done(self, repo, branch, tip, clean, files):
        raise NotImplementedError


class Switch(Case):
    """open, create, duplicate: done is the other branch, checked out clean."""

    def __init__(self, name, args, target):
        super().__init__(name, args)
        self.target = target

    def done(self, repo, branch, tip, clean, files):
        return branch == self.target and clean and files == tree_files(repo, tip)


class Rollback(Case):
    def done(self, repo, branch, tip, clean, files):
        return (branch == self.before_branch and clean and tip != self.before_tip
                and git(repo, "rev-parse", tip + "^") == self.before_tip
                and files == tree_files(repo, self.before_tip + "~1"))


class Save(Case):
    def done(self, repo, branch, tip, clean, files):
        return (branch == self.before_branch and clean and tip != self.before_tip
                and git(repo, "rev-parse", tip + "^") == self.before_tip and files == self.before_files)


class Cancel(Case):
    def done(self, repo, branch, tip, clean, files):
        return branch == self.before_branch and tip == self.before_tip and clean


class Edit(Case):
    def done(self, repo, branch, tip, clean, files):
        changed = [path for path in set(files) | set(self.before_files)
                   if files.get(path) != self.before_files.get(path)]
        return (branch == self.before_branch and tip == self.before_tip and changed == ["blocks/greet.yaml"]
                and b"media: edited.mp3" in files["blocks/greet.yaml"])


def edit_greet(repo):
    fl(repo, "set", "greet", "media=edited.mp3", "-q")


CASES = [
    Save("save", ["save", "-q", "-m", "killed?"], setup=edit_greet),
    Switch("open", ["open", "b", "-q"], "refs/heads/flows/b"),
    Switch("create", ["create", "Zed", "--seat", "z", "-q"], "refs/heads/flows/zed"),
    Switch("duplicate", ["duplicate", "-q"], "refs/heads/flows/a-copy"),
    Rollback("rollback", ["rollback", "@~1", "-q"]),
    Cancel("cancel", ["cancel", "--yes", "-q"], setup=edit_greet),
    Edit("set", ["set", "greet", "media=edited.mp3", "-q"]),
]


NAMED_LOCK = re.compile(r"([^\s(]+\.lock) exists: .* remove it")
NAMED_LOCKS = [0]


def as_user(repo, args):
    """Runs a command as a user would: when it stops at a stale git lock that it names, with how
    to remove it, or a read notes one (it reads the last saved state meanwhile), removes it as
    told (counted) and runs it again."""
    result = fl(repo, *args, check=False)
    named = NAMED_LOCK.search(result.stderr.decode(errors="replace"))
    if named and os.path.exists(named.group(1)):
        NAMED_LOCKS[0] += 1
        os.unlink(named.group(1))
        result = fl(repo, *args, check=False)
    return result


def after(case, repo, exit_code, failed_normally, before):
    """Runs what a user runs next and checks every guarantee; returns the problems."""
    problems = []
    if failed_normally and snapshot(repo) != before:
        problems.append("failed (exit 1) after changing the state")
    if failed_normally and temporaries(repo):
        problems.append(f"failed (exit 1) leaving temporary files: {temporaries(repo)}")
    status = as_user(repo, ["status"])
    if status.returncode != 0:
        problems.append(f"status exits {status.returncode}: {status.stderr.decode(errors='replace')[:200]}")
    problems += case.check(repo)
    nxt = as_user(repo, ["set-main", "--seat", "next-writer", "-q"])
    if nxt.returncode != 0:
        problems.append(f"next writer blocked: {nxt.stderr.decode(errors='replace')[:200]}")
    if temporaries(repo):
        problems.append(f"temporary files left: {temporaries(repo)}")
    if run(["git", "fsck", "--strict"], repo).returncode != 0:
        problems.append("git fsck --strict failed")
    return problems


# MARK: campaigns

class Tally:
    def __init__(self):
        self.rows = []
        self.failures = []

    def add(self, campaign, command, trials, problems):
        self.rows.append((campaign, command, trials, len(problems)))
        self.failures += [f"{campaign} / {command}: {p}" for p in problems]


def random_kills(template, folder, tally, count, rng):
    for case in CASES:
        # How long the command takes, to spread the kills over it.
        probe = copy(template, folder, f"probe-{case.name}")
        case.prepare(probe)
        started = time.monotonic()
        fl(probe, *case.args, check=False)
        duration = time.monotonic() - started
        shutil.rmtree(probe)
        problems = []
        for trial in range(count):
            repo = copy(template, folder, f"kill-{case.name}-{trial}")
            case.prepare(repo)
            before = snapshot(repo)
            process = subprocess.Popen([FLOWCTL, *case.args], cwd=repo, env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, duration * 1.2))
            process.send_signal(signal.SIGKILL)
            code = process.wait()
            problems += [f"trial {trial}: {p}" for p in after(case, repo, code, code == 1, before)]
            shutil.rmtree(repo)
        tally.add("random kill -9", case.name, count, problems)


def count_calls(template, folder, case, syscall):
    """How many times the case's command makes `syscall`, counted by strace in a plain run."""
    repo = copy(template, folder, f"count-{case.name}-{syscall}")
    case.prepare(repo)
    trace = os.path.join(folder, "trace.txt")
    run(["strace", "-f", "-qq", "-o", trace, "-e", f"trace={syscall}", FLOWCTL, *case.args], repo, timeout=120)
    calls = sum(1 for line in open(trace) if f"{syscall}(" in line)
    shutil.rmtree(repo)
    return calls


def injected(template, folder, tally, syscalls, action, label, limit, cases):
    """Runs each case under strace, interrupting the Nth call of each syscall, for every N the
    command reaches (counted first: a call whose failure the command survives, as libgit2
    re-trying a write, must not end the scan early)."""
    for case in cases:
        problems = []
        trials = 0
        for syscall in syscalls:
            for n in range(1, min(limit, count_calls(template, folder, case, syscall)) + 1):
                repo = copy(template, folder, f"{label}-{case.name}-{syscall}-{n}")
                case.prepare(repo)
                before = snapshot(repo)
                result = run(["strace", "-f", "-qq", "-o", "/dev/null",
                              f"-e", f"inject={syscall}:{action}:when={n}", FLOWCTL, *case.args],
                             repo, timeout=120)
                trials += 1
                if result.returncode not in (0, 1, 137, -9):
                    problems.append(f"{syscall} #{n}: exit {result.returncode} (a crash?)")
                problems += [f"{syscall} #{n}: {p}"
                             for p in after(case, repo, result.returncode, result.returncode == 1, before)]
                shutil.rmtree(repo)
        tally.add(label, case.name, trials, problems)


def concurrent_writers(template, folder, tally, writers, cycles):
    repo = copy(template, folder, "concurrent")
    script = f"""
        for j in $(seq 1 {cycles}); do
          "$FLOWCTL" add-block play --id w$W-$j -q && echo w$W-$j
          "$FLOWCTL" save -q -m "w$W-$j" 2>/dev/null
        done
    """
    env = dict(ENV, FLOWCTL=FLOWCTL)
    processes = [subprocess.Popen(["bash", "-c", script], cwd=repo, env=dict(env, W=str(w)),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for w in range(writers)]
    added = []
    for process in processes:
        out, _ = process.communicate()
        added += out.decode().split()
    fl(repo, "save", "-q", "-m", "the rest", check=False)
    saved = git(repo, "ls-tree", "--name-only", "flows/a", "blocks/").splitlines()
    lost = [block for block in added if f"blocks/{block}.yaml" not in saved]
    problems = [f"edit {block} reported done, not in history" for block in lost]
    if len(added) != writers * cycles:
        problems.append(f"only {len(added)} of {writers * cycles} edits succeeded")
    if run(["git", "fsck", "--strict"], repo).returncode != 0:
        problems.append("git fsck --strict failed")
    tally.add("concurrent writers", f"{writers} x {cycles} add+save", writers * cycles, problems)
    shutil.rmtree(repo)


# MARK: fuzzing

TOKENS = [b"&a ", b"*a", b"[", b"{", b"]", b"}", b": ", b"- ", b'"', b"'", b"\t", b"\x00", b"\x1b[2J",
          b"\xc2\x85", b"\xe2\x80\xa8", b"!!binary ", b"!!python/object ", b"? ", b"|", b">", b"%YAML 1.1\n",
          b"---\n", b"...\n", b"<<: *a\n", b"#", b"\\", b"\r", b"\xff\xfe", b"~", b"0x1F", b".inf", b"01234",
          b"\n  ", b"\n    - ", b"a: &a [1,2]\nb: [*a,*a,*a,*a]\n"]


MAX_FUZZ_SIZE = 1 << 20


def mutate(seed, rng):
    data = bytearray(seed)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(7)
        at = rng.randrange(len(data) + 1)
        if kind == 0 and data:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 1:
            data[at:at] = rng.choice(TOKENS)
        elif kind == 2:
            data[at:at] = rng.choice(TOKENS) * rng.choice([10, 1000, 100000])
        elif kind == 3:
            del data[at:at + rng.randint(1, 20)]
        elif kind == 4:
            depth = rng.choice([20, 1000, 100000])
            data[at:at] = b"[" * depth
        elif kind == 5:
            data += b"\n".join(b"  " * i + b"k%d:" % i for i in range(rng.choice([20, 500])))
        else:
            lines = bytes(data).split(b"\n")
            data = bytearray(b"\n".join(lines + [rng.choice(lines)[:200]] * rng.choice([1, 1000, 50000])))
        # Past the size limit is enough to test it; more only costs this script's memory.
        del data[MAX_FUZZ_SIZE:]
    return bytes(data)


def measure(args, cwd, timeout):
    """(exit code, seconds, peak RSS in bytes) of one run. GNU time measures the memory: a child
    of this (large) Python process would start its peak at Python's own size."""
    started = time.monotonic()
    with tempfile.NamedTemporaryFile() as report:
        try:
            result = subprocess.run(["/usr/bin/time", "-o", report.name, "-f", "%x %M", *args], cwd=cwd, env=ENV,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", time.monotonic() - started, 0
        seconds = time.monotonic() - started
        fields = open(report.name).read().split()
    # GNU time says "Command terminated by signal N" before the figures when a signal ended it.
    if result.returncode < 0 or "signal" in fields:
        return f"signal {-result.returncode}", seconds, int(fields[-1]) * 1024
    return int(fields[-2]), seconds, int(fields[-1]) * 1024


def fuzz(template, folder, tally, count, rng):
    repo = copy(template, folder, "fuzz")
    seeds = [(path, content) for path, content in sorted(flow_files(repo).items())]
    baseline = max(measure([FLOWCTL, "validate"], repo, 10)[2] for _ in range(3))
    slowest, biggest, problems = 0.0, 0, []
    commands = [["validate"], ["show", "--format", "json"]]
    for trial in range(count):
        path, seed = rng.choice(seeds)
        data = mutate(seed, rng)
        original = open(os.path.join(repo, path), "rb").read()
        with open(os.path.join(repo, path), "wb") as handle:
            handle.write(data)
        for args in commands:
            code, seconds, rss = measure([FLOWCTL, *args], repo, 10)
            slowest = max(slowest, seconds)
            extra = max(0, rss - baseline)
            biggest = max(biggest, extra)
            if code == "timeout" or seconds > 10:
                problems.append(f"{path} trial {trial} {args[0]}: over 10 s")
            elif code not in (0, 1):
                problems.append(f"{path} trial {trial} {args[0]}: exit {code} (crash)")
            # Memory beyond the start-up's own: at most ten times the file, plus 4 MiB of slack
            # for the allocator's own growth.
            if extra > 10 * len(data) + 4 * 1024 * 1024:
                problems.append(f"{path} trial {trial} {args[0]}: {extra // 1024} KiB for {len(data)} bytes")
        with open(os.path.join(repo, path), "wb") as handle:
            handle.write(original)
    tally.add("fuzzed files", f"validate, show --format json (slowest {slowest:.2f} s, "
              f"most memory {biggest // 1024} KiB over start-up)", count, problems)
    shutil.rmtree(repo)


# MARK: main

def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {platform.platform()}"


def report(tally, args, seconds):
    lines = [
        "| campaign | command | trials | broken guarantees |",
        "|---|---|---:|---:|",
    ]
    lines += [f"| {c} | {cmd} | {t} | {b} |" for c, cmd, t, b in tally.rows]
    return "\n".join(lines)


def main():
    global FLOWCTL
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short run for the test suite; writes no report")
    parser.add_argument("--flowctl", default=None, help="the binary (default: release build, else debug)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", default=os.path.join(ROOT, "RELIABILITY.md"))
    args = parser.parse_args()
    candidates = [args.flowctl] if args.flowctl else [
        os.path.join(ROOT, ".build/release/flowctl"), os.path.join(ROOT, ".build/debug/flowctl")]
    FLOWCTL = next((os.path.abspath(c) for c in candidates if c and os.access(c, os.X_OK)), None)
    if not FLOWCTL:
        sys.exit("no flowctl binary: run 'swift build' (or pass --flowctl)")
    rng = random.Random(args.seed)
    quick = args.quick
    started = time.monotonic()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="flowctl-reliability-") as folder:
        template = prepare(folder)
        random_kills(template, folder, tally, 2 if quick else 100, rng)
        # Every call that can change a file or folder (openat: creating one; the rest: all).
        points = ["openat", "mkdir", "link", "write", "ftruncate", "rename", "unlink"]
        injected(template, folder, tally, ["rename"] if quick else points, "signal=KILL",
                 "kill at a system call", 8 if quick else 400, CASES[:2] if quick else CASES)
        injected(template, folder, tally, ["write"], "error=ENOSPC", "disk full at a write",
                 8 if quick else 400, CASES[1:2] if quick else CASES)
        injected(template, folder, tally, ["rename"], "error=EIO", "failed rename",
                 8 if quick else 100, CASES[1:2] if quick else CASES)
        concurrent_writers(template, folder, tally, 2 if quick else 8, 4 if quick else 50)
        fuzz(template, folder, tally, 60 if quick else 5200, rng)
        second_round.base = sys.modules[__name__]
        second_round.run_all(template, folder, tally, quick, rng)
        team_kills.base = sys.modules[__name__]
        team_kills.run_all(template, folder, tally, quick, rng)
    seconds = time.monotonic() - started
    table = report(tally, args, seconds)
    print(table)
    total = sum(row[2] for row in tally.rows)
    broken = len(tally.failures)
    for failure in tally.failures[:50]:
        print("BROKEN:", failure)
    print(f"{total} trials in {seconds:.0f} s; {broken} broken guarantees; "
          f"{NAMED_LOCKS[0]} stale git locks named and removed as the message says")
    print(f"reliability: {total - broken} passed, {broken} failed")
    if not quick:
        today = datetime.date.today().isoformat()
        with open(args.output, "w") as out:
            out.write(f"""# Reliability

`reliability/run.py` puts flowctl through what a team's machines do to it, and checks from the
outside, with git's own tools, that it keeps its promises (README, "Guarantees"). It prints the
table below and exits 1 if any trial broke one. `reliability/run.py --quick` is the short run
the test suite makes.

```sh
swift build -c release && reliability/run.py        # --quick, --seed N, --flowctl PATH
```

Last full run: {today}, on {machine()},
{total} trials in {seconds / 60:.0f} minutes, the release build of flowctl, seed {args.seed}.

{table}

{broken} broken guarantees. {NAMED_LOCKS[0]} times a kill left one of git's own lock files
(`index.lock`, a branch's `.lock`: libgit2 was killed between writing and renaming it); the next
command stopped, named the file and said how to remove it safely, and did so again after it was
removed. That is git's own behaviour, and what the guarantee asks: no lock blocks without naming
itself.

What each campaign does (every trial starts from a copy of one repository with two flows, one
of them with three saves and four blocks, and ends with `flowctl status`, a writing command,
`git fsck --strict` and the checks below):

- **random kill -9**: the command is started and killed at a random moment within its own run
  time (measured first), for save (of an edit), open, create, duplicate, rollback, cancel and set.
- **kill at a system call**: strace kills it at the 1st, 2nd, ... `openat`, `mkdir`, `link`,
  `write`, `ftruncate`, `rename` and `unlink` it makes (`inject=SYSCALL:signal=KILL:when=N`): at
  every call that can change a file or folder, each one (counted by a plain traced run first).
- **disk full at a write**: strace fails the Nth `write` with ENOSPC, at every point.
- **failed rename**: strace fails the Nth `rename` with EIO, at every point.
- **concurrent writers**: writers in one working tree, each adding a block and saving, over and
  over; every block whose `add-block` succeeded must be in the flow's history.
- **failed unlink**: strace fails the Nth `unlink` with EIO, at every point (a journal or lock
  that cannot be removed after the change is done is a warning, and the command succeeds).
- **kill, then index.lock held**: killed at the Nth `rename`, then git's `index.lock` left as a
  killed git leaves it: `status` must read (exit 0), a writer must name the lock and change
  nothing, and once it is removed every check below holds.
- **reader during a stopped writer**: the command is stopped (SIGSTOP) at a random moment and
  `status --json` run: exit 0, and while a change is in progress, no changed files.
- **crafted journal**: journals flowctl never wrote (`../` paths, absolute paths, `.git/`,
  refs outside `refs/heads/` and `refs/flowctl/`, ids that are not ids, unknown members): read
  around by `status`, refused by a writer, nothing applied.
- **numbers at and past the limits**: a double's largest and smallest, past them (`1e400`):
  kept and shown in every format, or refused with file and line and never saved.
- **every output format on a terminal**: every C1 control and bidi mark in a value and a save
  message; through `script`, no `show`, `log`, `status`, `list`, `diff` or `blame` format,
  JSON included, lets one reach the terminal.
- **worktrees made by git**: a second worktree of the open flow by `git worktree add`, both
  saving in turns; no save may bring back a value the other worktree replaced.
- **fuzzed files**: a flow file mutated (bytes, YAML tokens, anchors and aliases, deep nesting,
  long lines, repeated lines) then `validate` and `show --format json`; a run over 10 s, a crash,
  or memory beyond the start-up's of more than ten times the file's size (plus 4 MiB) is broken.

A trial is broken when the command left the flow files, the index and its branch in any state
but "as before" or "done" (a half-switched tree, false unsaved changes), left a branch behind,
failed with exit 1 after changing anything, left a temporary file after the next writer, left a
lock that blocked the next writer, or made `git fsck --strict` fail.
""")
            if tally.failures:
                out.write("\nBroken guarantees:\n\n" + "\n".join(f"- {f}" for f in tally.failures[:200]) + "\n")
        print(f"wrote {args.output}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
