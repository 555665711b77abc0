#!/usr/bin/env python3
"""flowctl beside git: start-up, growth per unit, large cases and peak memory.

Every repository is built with git fast-import. For each case and size flowctl and the git
command doing the nearest work run interleaved (flowctl, git, flowctl, git, ...); a figure is
the median wall time, and the peak RSS the largest of the runs (from wait4). Growth is fitted
by least squares as milliseconds per extra unit over every size, and compared with git's slope.
A benchmark, not a test: figures vary with the machine's load, ratios less so.

    swift build -c release && benchmarks/run.py [--quick] [--runs N] [--flowctl PATH] [--markdown FILE] [--only PART]
                                                  [--scratch DIR] [--part speed|team]

--part team runs the team commands instead (clone, fetch, push, pull, hook pre-receive; see
benchmarks/team.py); --part shadows times flowctl's stand-ins for library code against the
library, in the test suite's release build (see benchmarks/shadows.py).

--quick uses small sizes and 3 runs (about a minute; what the test suite runs, with the debug
build, to keep the script working); a full run takes several minutes.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from common import (IDENTITY, blocks_repo, filesystem, flows_repo, header, hello_world, paired, peak_rss,
                    Report, row, saves_repo, slope, webhook_yaml)
from shadows import shadows_part
from team import team_part

FULL = {"flows": [100, 1000, 3000, 10000], "saves": [100, 1000, 3000, 10000],
        "blocks": [100, 500, 1000, 2000], "memory_saves": [10, 100000], "runs": 5,
        "import_nodes": [100, 1000, 10000, 20000], "import_refused": 100000,
        "team_flows": [100, 1000, 3000, 10000], "team_saves": [100, 1000, 10000, 100000]}
QUICK = {"flows": [10, 40, 80, 120], "saves": [10, 40, 80, 120],
         "blocks": [10, 40, 80, 120], "memory_saves": [10, 2000], "runs": 3,
         "import_nodes": [10, 100, 300], "import_refused": 100000, "team_flows": [10, 40, 80, 120],
         "team_saves": [10, 40, 80]}
# Import: the most nodes a callflow may have (KazooBundle.maximumNodes), and the time a tree of
# many more may take to be refused.
IMPORT_LIMIT = 20000
IMPORT_REFUSAL_TARGET_S = 1.0

# The targets of the speed issue: each ratio at most this.
SLOPE_TARGET = 3.0
START_TARGETS = {"--version": 1.5, "list, one flow": 4.0, "status, one flow": 4.0, "log -n 20, one flow": 5.0}
LARGE_TARGETS = {"diff, all blocks changed": 5.0, "save, all blocks changed": 1.5, "list": 5.0, "log": 5.0}


# --- the cases ------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--flowctl", default=os.path.join(root, ".build", "release", "flowctl"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--markdown", help="also write the figures to this file")
    parser.add_argument("--only", help="run only the parts whose name contains this: start-up, memory, import,"
                        " or a case (log, diff, save, ...)")
    parser.add_argument("--part", choices=["speed", "team", "shadows"], default="speed",
                        help="speed: start-up, growth, import and memory (the default); team: clone, fetch, push, pull"
                        " and the push check (benchmarks/team.py); shadows: PrettyJSON and DateText against the library"
                        " (benchmarks/shadows.py)")
    parser.add_argument("--scratch", help="make the repositories in this folder (default: the system's temporary"
                        " folder); a tmpfs such as /dev/shm leaves the disk's noise out of both tools' figures")
    args = parser.parse_args()
    if args.scratch:
        tempfile.tempdir = os.path.abspath(args.scratch)
    config = QUICK if args.quick else FULL
    runs = args.runs or config["runs"]
    if args.part == "shadows":
        report = Report()
        met = shadows_part(report, root, args.quick, args.runs or 5)
        if args.markdown:
            with open(args.markdown, "w") as file:
                file.write("```\n" + "\n".join(report.lines).strip() + "\n```\n")
        sys.exit(0 if met or args.quick else 1)
    flowctl = os.path.abspath(args.flowctl)
    if not os.access(flowctl, os.X_OK):
        sys.exit(f"no flowctl at {flowctl}: run 'swift build -c release' first, or pass --flowctl")
    env = dict(os.environ, **IDENTITY, NO_COLOR="1", GIT_PAGER="cat", PAGER="cat")
    env.pop("GIT_DIR", None)
    git_commit = "git add -A && git commit -qm bench"
    report = Report()
    scratch = tempfile.mkdtemp(prefix="flowctl-bench-")
    repos = []
    slopes_met = []
    try:
        report.say(f"flowctl {subprocess.run([flowctl, '--version'], capture_output=True, text=True).stdout.strip()}"
                   f" ({flowctl}); {platform.machine()}, {os.cpu_count()} cores; {runs} interleaved runs each;"
                   f" repositories on {filesystem(tempfile.gettempdir())};"
                   f" {'quick' if args.quick else 'full'} sizes")

        def wanted(name):
            return args.part == "speed" and (args.only is None or args.only in name)

        if args.part == "team":
            team_part(report, flowctl, config, runs, env, scratch)

        # Start-up.
        if wanted("start-up"):
            hello, linkage = hello_world(flowctl, scratch)
            one = flows_repo(1)
            repos.append(one)
            header(report, f"Start-up (hello: a Swift program importing Foundation, {linkage} runtime like flowctl)")
            row(report, "flowctl --version / hello", *paired([flowctl, "--version"], [hello], one, runs * 3, env),
                START_TARGETS["--version"])
            listing = "git for-each-ref --format='%(refname):flow.yaml' refs/heads/flows/ | git cat-file --batch"
            row(report, "list, one flow / for-each-ref | cat-file",
                *paired([flowctl, "list"], listing, one, runs * 3, env), START_TARGETS["list, one flow"])
            row(report, "status, one flow / git status",
                *paired([flowctl, "status"], ["git", "status"], one, runs * 3, env), START_TARGETS["status, one flow"])
            row(report, "log -n 20, one flow / git log",
                *paired([flowctl, "log", "-n", "20"], ["git", "log", "-n", "20", "--name-status"], one, runs * 3, env),
                START_TARGETS["log -n 20, one flow"])

        # Growth: one repository per size; the largest size is also a large case.
        cat_flows = ("git for-each-ref --format='%(refname):flow.yaml' refs/heads/flows/ | git cat-file --batch")
        cat_all = ("git for-each-ref --format='%(objectname)' refs/heads/flows/ | "
                   "git rev-list --objects --no-walk --stdin | cut -d' ' -f1 | git cat-file --batch")
        growth = [
            ("list", "flow", "flows", flows_repo, lambda repo: ([flowctl, "list"], cat_flows, None)),
            ("validate --all", "flow", "flows", flows_repo,
             lambda repo: ([flowctl, "validate", "--all"], cat_all, None)),
            ("log", "save", "saves", saves_repo,
             lambda repo: ([flowctl, "log"], ["git", "log", "--name-status", "flows/busy"], None)),
            ("log --json", "save", "saves", saves_repo,
             lambda repo: ([flowctl, "log", "--json"], ["git", "log", "--name-status", "flows/busy"], None)),
            ("diff, all blocks changed", "changed block", "blocks", blocks_repo,
             lambda repo: ([flowctl, "diff", "big", "@~1", "@"], ["git", "diff", "flows/big~1", "flows/big"], None)),
            # Every block changed, and the effect on calls walked through all of them on both sides.
            ("review --json, all blocks changed", "changed block", "blocks", blocks_repo,
             lambda repo: ([flowctl, "review", "big", "@~1..@", "--json"],
                           ["git", "diff", "flows/big~1", "flows/big"], None)),
            ("save, all blocks changed", "changed block", "blocks", blocks_repo,
             lambda repo: ([flowctl, "save", "-q", "-m", "bench"], git_commit, rewrite_all(repo))),
            ("save, one block changed", "unchanged block", "blocks", blocks_repo,
             lambda repo: ([flowctl, "save", "-q", "-m", "bench"], git_commit, rewrite_one(repo))),
        ]
        slope_rows = []
        for name, unit, kind, build, commands in growth:
            if not wanted(name):
                continue
            header(report, f"{name}: per {unit}")
            sizes, mine_times, git_times = config[kind], [], []
            for size in sizes:
                repo = build(size)
                repos.append(repo)
                ours, theirs, before = commands(repo)
                mine, git, mine_rss, git_rss = paired(ours, theirs, repo, runs, env, before)
                target = LARGE_TARGETS.get(name) if size == sizes[-1] else None
                row(report, f"{name}, {size} {kind}", mine, git, mine_rss, git_rss, target)
                mine_times.append(mine)
                git_times.append(git)
                shutil.rmtree(repo, ignore_errors=True)
                repos.remove(repo)
            ours_slope, git_slope = slope(sizes, mine_times), slope(sizes, git_times)
            slope_rows.append((name, unit, ours_slope, git_slope))

        if slope_rows:
            report.say()
            report.say("Growth, fitted (ms per extra unit; target: flowctl's slope at most 3x git's)")
            report.say(f"{'case':<40}{'flowctl':>12}{'git':>12}{'ratio':>8}")
        for name, unit, ours_slope, git_slope in slope_rows:
            ratio = ours_slope / git_slope if git_slope > 0 else float("inf")
            met = ratio <= SLOPE_TARGET
            slopes_met.append(met)
            report.say(f"{name + ' per ' + unit:<40}{ours_slope:>10.4f}ms{git_slope:>10.4f}ms{ratio:>7.1f}x"
                       f"  {'met' if met else 'NOT met'}")

        if wanted("import"):
            import_part(report, flowctl, config, runs, env, scratch)

        if wanted("memory"):
            # Memory: log streams, so its peak does not grow with the history.
            small, large = config["memory_saves"]
            report.say()
            report.say(f"Memory: peak RSS of log over {large} saves against {small} saves (target: at most 1.5x)")
            for arguments in (["log"], ["log", "--json"]):
                peaks = []
                for size in (small, large):
                    repo = saves_repo(size)
                    peaks.append(peak_rss([flowctl, *arguments], repo, env))
                    shutil.rmtree(repo, ignore_errors=True)
                ratio = peaks[1] / peaks[0]
                report.say(f"{' '.join(arguments):<40}{peaks[0] / 1024:>8.1f}MiB{peaks[1] / 1024:>8.1f}MiB"
                           f"{ratio:>7.2f}x  {'met' if ratio <= 1.5 else 'NOT met'}")
    finally:
        for repo in repos:
            shutil.rmtree(repo, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    if args.markdown:
        with open(args.markdown, "w") as file:
            file.write("```\n" + "\n".join(report.lines).strip() + "\n```\n")


def menu_tree(count):
    """A Kazoo bundle of one callflow whose tree has `count` nodes: menus of ten digit children
    each, breadth first, each with its menus document; the last level plays media."""
    menus, nodes = [], []
    for index in range(count):
        nodes.append({"module": "play", "data": {"id": f"m{index}.mp3"}})
    for index in range(count):
        children = {str(digit): nodes[child] for digit, child in enumerate(range(index * 10 + 1, index * 10 + 11))
                    if child < count}
        if children:
            nodes[index].update({"module": "menu", "data": {"id": f"menu{index}"}, "children": children})
            menus.append({"_id": f"menu{index}", "name": f"Menu {index}", "media": {"greeting": "hello.mp3"}})
    callflow = {"_id": "tree", "name": "Tree", "numbers": ["5000"], "flow": nodes[0]}
    return {"callflows": [callflow], "menus": menus, "temporal_rules": []}


def wide_tree(count):
    """One callflow whose first node has `count` children."""
    children = {f"c{index}": {"module": "play", "data": {"id": f"m{index}.mp3"}} for index in range(count)}
    return {"_id": "wide", "name": "Wide", "numbers": ["5001"],
            "flow": {"module": "hangup", "data": {}, "children": children}}


def import_part(report, flowctl, config, runs, env, scratch):
    """import of a tree of menus, per node, from 100 nodes to the limit, each run into a new
    repository; then a wide tree far past the limit, which must be refused within a second."""
    report.say()
    report.say(f"import: per node (menus of ten children; the limit is {IMPORT_LIMIT} nodes)")
    report.say(f"{'case':<40}{'flowctl':>12}{'per node':>14}")
    sizes, times = config["import_nodes"], []
    for size in sizes:
        bundle = os.path.join(scratch, f"tree-{size}.json")
        with open(bundle, "w") as file:
            json.dump(menu_tree(size), file)
        seconds = []
        for run in range(runs):
            repo = os.path.join(scratch, f"import-{size}-{run}")
            subprocess.run([flowctl, "init", repo], env=env, capture_output=True, check=True)
            start = time.perf_counter()
            result = subprocess.run([flowctl, "import", "-q", bundle, "--seat", "alice"], cwd=repo, env=env,
                                    capture_output=True, text=True)
            seconds.append(time.perf_counter() - start)
            if result.returncode != 0:
                sys.exit(f"import of {size} nodes failed: {result.stderr.strip()}")
            shutil.rmtree(repo, ignore_errors=True)
        median = statistics.median(seconds)
        times.append(median)
        report.say(f"{f'import, {size} nodes':<40}{median * 1000:>10.1f}ms{median / size * 1e6:>10.1f}us/node")
    report.say(f"{'import, fitted per extra node':<40}{slope(sizes, times):>10.4f}ms")
    refused = config["import_refused"]
    bundle = os.path.join(scratch, f"wide-{refused}.json")
    with open(bundle, "w") as file:
        json.dump(wide_tree(refused), file)
    repo = os.path.join(scratch, "import-refused")
    subprocess.run([flowctl, "init", repo], env=env, capture_output=True, check=True)
    start = time.perf_counter()
    result = subprocess.run([flowctl, "import", "-q", bundle, "--seat", "alice"], cwd=repo, env=env,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    shutil.rmtree(repo, ignore_errors=True)
    ok = result.returncode == 1 and f"more than {IMPORT_LIMIT} nodes" in result.stderr
    report.say(f"{f'import, {refused} children (refused)':<40}{elapsed * 1000:>10.1f}ms"
               f"  {'met' if ok and elapsed <= IMPORT_REFUSAL_TARGET_S else 'NOT met'}"
               f" (target: refused, naming the limit, within {IMPORT_REFUSAL_TARGET_S:.0f} s)")


def rewrite_all(repo):
    """Before each run: every block of the flow changed (a new URL), for both tools alike."""
    counter = [0]

    def before():
        counter[0] += 1
        folder = os.path.join(repo, "blocks")
        names = sorted(os.listdir(folder))
        for index, name in enumerate(names):
            with open(os.path.join(folder, name), "w") as file:
                nxt = names[index + 1][:-5] if index + 1 < len(names) else None
                file.write(webhook_yaml(f"https://hooks.example.com/run{counter[0]}/{index}", 1, nxt))
    return before


def rewrite_one(repo):
    """Before each run: one block of the flow changed."""
    counter = [0]

    def before():
        counter[0] += 1
        with open(os.path.join(repo, "blocks", "b00000.yaml"), "w") as file:
            file.write(webhook_yaml(f"https://hooks.example.com/one/{counter[0]}", counter[0] % 5, "b00001"))
    return before


if __name__ == "__main__":
    main()
