#!/usr/bin/env python3
"""Times flowctl beside the git command doing the nearest work, on a generated repository.

The repository holds 1,000 small flows, one flow ("busy") with 10,000 saves, and one flow
("big") with 2,000 blocks. Each figure is the median wall time of several runs; the ratio is
flowctl's time over git's. A benchmark, not a test: figures vary with the machine's load.

    swift build -c release && benchmarks/run.py [--flowctl PATH] [--runs N] [--keep DIR]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FLOWS = 1000
SAVES = 10000
BLOCKS = 2000
EPOCH = 1_700_000_000


def main_yaml(name, extension=None, start=None):
    lines = ["schema: 1", f"name: {name}"]
    if extension:
        lines.append(f'extension: "{extension}"')
    lines.append("seat: alice")
    if start:
        lines.append(f"start: {start}")
    return "\n".join(lines) + "\n"


def webhook_yaml(url, retries, next_block=None):
    text = f"type: webhook\nurl: {url}\nmethod: POST\nformat: json\nretries: {retries}\n"
    return text + (f"next: {next_block}\n" if next_block else "")


def data(text):
    raw = text.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def commit(ref, when, message, files):
    """One fast-import commit; a later commit to the same ref continues from the earlier one."""
    out = [f"commit {ref}\n".encode(),
           f"author Bench <bench@example.com> {when} +0000\n".encode(),
           f"committer Bench <bench@example.com> {when} +0000\n".encode(),
           data(message)]
    for path, text in files.items():
        out.append(f"M 100644 inline {path}\n".encode())
        out.append(data(text))
    out.append(b"\n")
    return b"".join(out)


def generate(repo):
    """Writes the repository with git fast-import: far quicker than 10,000 saves one by one."""
    subprocess.run(["git", "init", "-q", repo], check=True)
    stream = []
    when = EPOCH
    for number in range(1, FLOWS + 1):
        stream.append(commit(f"refs/heads/flows/flow-{number:04}", when, f"Create flow Flow {number}",
                             {"flow.yaml": main_yaml(f"Flow {number}", str(1000 + number))}))
    ref = "refs/heads/flows/busy"
    stream.append(commit(ref, when, "Create flow Busy", {
        "flow.yaml": main_yaml("Busy", "9001", start="notify"),
        "blocks/notify.yaml": webhook_yaml("https://hooks.example.com/0", 1)}))
    for save in range(1, SAVES):
        when += 60
        stream.append(commit(ref, when, f"Save {save}", {
            "blocks/notify.yaml": webhook_yaml(f"https://hooks.example.com/{save}", save % 5)}))
    blocks = {f"blocks/b{n:04}.yaml": webhook_yaml(f"https://hooks.example.com/b{n}", 1, f"b{n + 1:04}" if n + 1 < BLOCKS else None)
              for n in range(BLOCKS)}
    big = "refs/heads/flows/big"
    stream.append(commit(big, when, "Create flow Big", {"flow.yaml": main_yaml("Big", "9002", start="b0000"), **blocks}))
    stream.append(commit(big, when + 60, "Change one block", {
        "blocks/b1000.yaml": webhook_yaml("https://hooks.example.com/changed", 4, "b1001")}))
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", repo, "symbolic-ref", "HEAD", "refs/heads/flows/big"], check=True)
    subprocess.run(["git", "-C", repo, "reset", "-q", "--hard"], check=True)


def timed(command, repo, runs, before=None):
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(command, cwd=repo, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--flowctl", default=os.path.join(root, ".build", "release", "flowctl"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", help="generate the repository here and keep it")
    args = parser.parse_args()
    flowctl = os.path.abspath(args.flowctl)
    if not os.access(flowctl, os.X_OK):
        sys.exit(f"no flowctl at {flowctl}: run 'swift build -c release' first, or pass --flowctl")

    repo = args.keep or tempfile.mkdtemp(prefix="flowctl-bench-")
    try:
        started = time.perf_counter()
        generate(repo)
        print(f"repository: {FLOWS} flows, a flow with {SAVES} saves, a flow with {BLOCKS} blocks "
              f"(generated in {time.perf_counter() - started:.1f} s)\n")
        env_git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.com"]
        os.environ.update(GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
                          GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com")
        counter = [0]

        def edit_block():
            counter[0] += 1
            with open(os.path.join(repo, "blocks", "b0500.yaml"), "w") as file:
                file.write(webhook_yaml(f"https://hooks.example.com/edit{counter[0]}", counter[0] % 5, "b0501"))

        rows = [
            ("list (1,000 flows)", [flowctl, "list"], ["git", "for-each-ref", "refs/heads/flows/"], None),
            ("log -n 20 (10,000 saves)", [flowctl, "log", "busy", "-n", "20"],
             ["git", "log", "-n", "20", "--name-status", "flows/busy"], None),
            ("log, all (10,000 saves)", [flowctl, "log", "busy"], ["git", "log", "--name-status", "flows/busy"], None),
            ("diff, saves 10,000 apart", [flowctl, "diff", "busy", "~9999", "~0"],
             ["git", "diff", "flows/busy~9999", "flows/busy"], None),
            ("diff, 2,000 blocks", [flowctl, "diff", "big", "~1", "~0"], ["git", "diff", "flows/big~1", "flows/big"], None),
            ("save, 2,000 blocks", [flowctl, "save", "-m", "bench"], env_git + ["commit", "-qam", "bench"], edit_block),
        ]
        print(f"{'operation':<28}{'flowctl':>10}{'git':>10}{'ratio':>8}   git command")
        for name, ours, theirs, before in rows:
            mine = timed(ours, repo, args.runs, before)
            git = timed(theirs, repo, args.runs, before)
            print(f"{name:<28}{mine * 1000:>8.1f}ms{git * 1000:>8.1f}ms{mine / git:>7.1f}x   {' '.join(theirs[-4:])}")
    finally:
        if not args.keep:
            shutil.rmtree(repo, ignore_errors=True)


if __name__ == "__main__":
    main()
