"""What benchmarks/run.py and its parts share: repositories built with git fast-import, runs
interleaved with git's, the least-squares fit and the report's rows."""

import os
import statistics
import subprocess
import sys
import tempfile
import time

EPOCH = 1_700_000_000
IDENTITY = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
            "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}

# --- repositories ---------------------------------------------------------------------------

def main_yaml(name, start=None):
    return f"schema: 1\nname: {name}\nseat: alice\n" + (f"start: {start}\n" if start else "")


def webhook_yaml(url, retries, next_block=None):
    text = f"type: webhook\nurl: {url}\nmethod: POST\nformat: json\nretries: {retries}\n"
    return text + (f"next: {next_block}\n" if next_block else "")


def data(text):
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def commit(ref, when, message, files):
    out = [f"commit {ref}\n".encode(), f"author Bench <bench@example.com> {when} +0000\n".encode(),
           f"committer Bench <bench@example.com> {when} +0000\n".encode(), data(message)]
    for path, text in files.items():
        out += [f"M 100644 inline {path}\n".encode(), data(text)]
    return b"".join(out) + b"\n"


def chain(count, tag):
    """`count` webhook blocks, each leading to the next."""
    return {f"blocks/b{n:05}.yaml": webhook_yaml(f"https://hooks.example.com/{tag}/{n}", 1,
                                                 f"b{n + 1:05}" if n + 1 < count else None)
            for n in range(count)}


def make_repo(stream, head):
    repo = tempfile.mkdtemp(prefix="flowctl-bench-")
    subprocess.run(["git", "init", "-q", repo], check=True)
    # No automatic gc: git commit would start one in the background once the saves' loose
    # objects pass its threshold, and it would run beside the next measured commands.
    subprocess.run(["git", "-C", repo, "config", "gc.auto", "0"], check=True)
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", repo, "symbolic-ref", "HEAD", head], check=True)
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard"], check=True)
    return repo


def flows_repo(count):
    """`count` one-block flows."""
    stream = [commit(f"refs/heads/flows/flow-{n:05}", EPOCH, f"Create flow Flow {n}",
                     {"flow.yaml": main_yaml(f"Flow {n}", "b00000"), **chain(1, n)}) for n in range(count)]
    return make_repo(stream, "refs/heads/flows/flow-00000")


def saves_repo(count):
    """One flow with `count` saves, each changing its webhook."""
    ref = "refs/heads/flows/busy"
    stream = [commit(ref, EPOCH, "Create flow Busy", {"flow.yaml": main_yaml("Busy", "b00000"), **chain(1, 0)})]
    stream += [commit(ref, EPOCH + 60 * n, f"Save {n}",
                      {"blocks/b00000.yaml": webhook_yaml(f"https://hooks.example.com/{n}", n % 5)})
               for n in range(1, count)]
    return make_repo(stream, ref)


def blocks_repo(count):
    """One flow with `count` blocks; its last save changes every block."""
    ref = "refs/heads/flows/big"
    stream = [commit(ref, EPOCH, "Create flow Big", {"flow.yaml": main_yaml("Big", "b00000"), **chain(count, "a")}),
              commit(ref, EPOCH + 60, "Change every block", chain(count, "b"))]
    return make_repo(stream, ref)


# --- running --------------------------------------------------------------------------------

def run_once(command, cwd, env):
    """Wall seconds of one run."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            shell=isinstance(command, str))
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"{command} failed ({result.returncode}) in {cwd}: {result.stderr.decode(errors='replace')}")
    return elapsed


def peak_rss(command, cwd, env):
    """Peak RSS (KiB) of one run, as GNU time reports it. (wait4 from this long-lived process
    was seen to report an earlier child's peak.)"""
    shell = command if isinstance(command, str) else " ".join(f"'{word}'" for word in command)
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", shell + " >/dev/null 2>&1"], cwd=cwd, env=env,
                            capture_output=True, text=True)
    return int(result.stderr.strip().split("\n")[-1])


def paired(ours, theirs, cwd, runs, env, before=None):
    """Interleaved runs; (flowctl median s, git median s, flowctl peak KiB, git peak KiB)."""
    mine, git = [], []
    for _ in range(runs):
        for command, times in ((ours, mine), (theirs, git)):
            if before:
                before()
            times.append(run_once(command, cwd, env))
    peaks = []
    for command in (ours, theirs):
        if before:
            before()
        peaks.append(peak_rss(command, cwd, env))
    return statistics.median(mine), statistics.median(git), peaks[0], peaks[1]


def slope(sizes, seconds):
    """Least-squares milliseconds per unit."""
    mean_x, mean_y = statistics.mean(sizes), statistics.mean(seconds)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(sizes, seconds))
    den = sum((x - mean_x) ** 2 for x in sizes)
    return 1000 * num / den


def hello_world(flowctl, scratch):
    """A Swift program that imports Foundation, built as flowctl was (static or dynamic runtime)."""
    source = os.path.join(scratch, "hello.swift")
    with open(source, "w") as file:
        file.write('import Foundation\nprint("hello \\(ProcessInfo.processInfo.processIdentifier)")\n')
    linked = subprocess.run(["ldd", flowctl], capture_output=True, text=True).stdout
    static = "libswiftCore.so" not in linked
    binary = os.path.join(scratch, "hello")
    flags = ["-O"] + (["-static-stdlib"] if static else [])
    subprocess.run(["swiftc", *flags, source, "-o", binary], check=True, capture_output=True)
    return binary, "static" if static else "dynamic"


class Report:
    def __init__(self):
        self.lines = []

    def say(self, text=""):
        print(text, flush=True)
        self.lines.append(text)


def row(report, name, mine, git, mine_rss, git_rss, target=None):
    ratio = mine / git
    verdict = "" if target is None else ("  met" if ratio <= target else f"  NOT met (<= {target}x)")
    report.say(f"{name:<40}{mine * 1000:>9.1f}ms{git * 1000:>9.1f}ms{ratio:>7.1f}x"
               f"{mine_rss / 1024:>8.1f}MiB{git_rss / 1024:>7.1f}MiB{verdict}")
    return ratio


def header(report, title):
    report.say()
    report.say(title)
    report.say(f"{'case':<40}{'flowctl':>11}{'git':>11}{'ratio':>8}{'flowctl':>11}{'git':>10}")


def filesystem(folder):
    """The type of the file system `folder` is on (ext4, tmpfs, ...)."""
    found = subprocess.run(["stat", "-f", "-c", "%T", folder], capture_output=True, text=True)
    return f"{found.stdout.strip() or 'an unknown file system'} ({folder})"
