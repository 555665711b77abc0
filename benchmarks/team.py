"""The team part of benchmarks/run.py (--part team): clone, fetch, push, pull and the server's
push check, each interleaved with git's nearest command on the same repositories, over several
numbers of flows, fitted per flow.

The git side of each case:
- clone: `git clone` of the same file:// URL;
- fetch: `git fetch origin` in the same clone;
- push: `git push origin 'refs/heads/flows/*:refs/heads/flows/*'` (the same refs; no -u: git
  writes each upstream with its own rewrite of the configuration, as flowctl did);
- pull, fast-forward: `git fetch origin 'refs/heads/flows/*:refs/heads/flows/*'` (fetch, then
  every local branch fast-forwarded, in one command);
- pull, merge: `git fetch`, then for each changed flow `git merge-tree --write-tree`,
  `git commit-tree` and `git update-ref` (git merges branches other than the checked-out one
  only that way);
- hook pre-receive: `git rev-list` over the pushed range (what git itself walks for the push).

Then the same commands over one flow's history (100 to 100,000 saves), one new save each
time, fitted per save: what a long history costs a clone and whether a fetch, push or pull
of one save walks it.
"""

import os
import shutil
import subprocess
import tempfile

from common import (EPOCH, chain, commit, data, flows_repo, header, main_yaml, paired, row, saves_repo, slope,
                    webhook_yaml)

# The targets of the team issue: each slope at most this multiple of git's, and the largest
# push --all and clone within these multiples of git's.
TEAM_SLOPE_TARGET = 2.0
TEAM_LARGE_TARGETS = {"push, all new": 3.0, "clone": 3.0}
HOOK_PUSHES = [1, 100, 10000]
GIT_PUSH_ALL = ["git", "push", "-q", "origin", "refs/heads/flows/*:refs/heads/flows/*"]


def git(repo, *arguments, stdin=None):
    return subprocess.run(["git", "-C", repo, *arguments], input=stdin, check=True, capture_output=True).stdout


def changed_flows(count):
    """The 1% of `count` flows a change touches (at least one), never flow 0 (the open flow)."""
    step = 100
    picked = list(range(1, count, step))
    return picked or [count - 1]


def change(repo, flows, tag, what="url"):
    """A new commit on each of `flows`' branches in `repo` (bare or not), through fast-import:
    the webhook's URL (url) or the flow's seat (seat), so that two sides' changes merge cleanly."""
    stream = []
    for n in flows:
        ref = f"refs/heads/flows/flow-{n:05}"
        files = ({"blocks/b00000.yaml": webhook_yaml(f"https://hooks.example.com/{tag}/{n}", 1)} if what == "url"
                 else {"flow.yaml": main_yaml(f"Flow {n}", "b00000").replace("seat: alice", f"seat: {tag}")})
        text = commit(ref, EPOCH + 60, f"Change {tag}", files)
        stream.append(text.replace(b"\nM ", b"\nfrom " + ref.encode() + b"^0\nM ", 1))
    git(repo, "fast-import", "--quiet", "--force", stdin=b"".join(stream))


def bare_copy(source, path):
    subprocess.run(["git", "clone", "-q", "--bare", source, path], check=True)
    git(path, "config", "gc.auto", "0")
    return path


def team_part(report, flowctl, config, runs, env, scratch):
    sizes = config["team_flows"]
    rows = {}

    def measure(name, size, ours, theirs, cwd, before, target=None):
        mine, other, mine_rss, git_rss = paired(ours, theirs, cwd, runs, env, before)
        row(report, f"{name}, {size} flows", mine, other, mine_rss, git_rss, target if size == sizes[-1] else None)
        rows.setdefault(name, []).append((size, mine, other))

    header(report, "Team: clone, fetch, push, pull and the push check, per flow")
    for size in sizes:
        work = tempfile.mkdtemp(prefix=f"team-{size}-", dir=scratch)
        try:
            source = flows_repo(size)
            shutil.move(source, os.path.join(work, "source"))
            source = os.path.join(work, "source")
            server = bare_copy(source, os.path.join(work, "server.git"))
            url = "file://" + server
            target = os.path.join(work, "clone")

            # clone, into a new folder each run.
            def fresh_clone():
                shutil.rmtree(target, ignore_errors=True)
            measure("clone", size, [flowctl, "clone", "-q", url, target], ["git", "clone", "-q", url, target], work,
                    fresh_clone, TEAM_LARGE_TARGETS["clone"])

            # fetch: nothing new, then 1% of flows changed on the server before each run.
            fresh_clone()
            subprocess.run([flowctl, "clone", "-q", url, target], env=env, check=True, capture_output=True)
            measure("fetch, nothing new", size, [flowctl, "fetch", "-q"], ["git", "fetch", "-q", "origin"], target,
                    None)
            counter = [0]

            def server_change():
                counter[0] += 1
                change(server, changed_flows(size), f"f{counter[0]}")
            measure("fetch, 1% changed", size, [flowctl, "fetch", "-q"], ["git", "fetch", "-q", "origin"], target,
                    server_change)
            shutil.rmtree(target)

            # push: every flow new to an empty server (upstreams written by flowctl each run),
            # then 1% of flows changed locally.
            empty = os.path.join(work, "empty.git")
            git(source, "remote", "add", "origin", empty)
            config_path = os.path.join(source, ".git", "config")
            with open(config_path) as file:
                pristine = file.read()

            def empty_server():
                shutil.rmtree(empty, ignore_errors=True)
                subprocess.run(["git", "init", "-q", "--bare", empty], check=True)
                with open(config_path, "w") as file:
                    file.write(pristine)
                shutil.rmtree(os.path.join(source, ".git", "refs", "remotes"), ignore_errors=True)
                shutil.rmtree(os.path.join(source, ".git", "logs", "refs", "remotes"), ignore_errors=True)
            measure("push, all new", size, [flowctl, "push", "-q", "--all"], GIT_PUSH_ALL, source, empty_server,
                    TEAM_LARGE_TARGETS["push, all new"])

            def local_change():
                counter[0] += 1
                change(source, changed_flows(size), f"p{counter[0]}")
            empty_server()
            subprocess.run([flowctl, "push", "-q", "--all"], cwd=source, env=env, check=True, capture_output=True)
            measure("push, 1% changed", size, [flowctl, "push", "-q", "--all"], GIT_PUSH_ALL, source, local_change)

            # pull: the server's 1% changes fast-forwarded; then merged with local changes.
            def server_ahead():
                counter[0] += 1
                change(empty, changed_flows(size), f"u{counter[0]}")
            measure("pull, fast-forward 1%", size, [flowctl, "pull", "-q", "--all"],
                    ["git", "fetch", "-q", "--update-head-ok", "origin", "refs/heads/flows/*:refs/heads/flows/*"],
                    source, server_ahead)
            picked = " ".join(f"flow-{n:05}" for n in changed_flows(size))
            git_merge = (f"git fetch -q origin && for f in {picked}; do "
                         "t=$(git merge-tree --write-tree flows/$f origin/flows/$f) && "
                         "c=$(git commit-tree $t -p flows/$f -p origin/flows/$f -m merge) && "
                         "git update-ref refs/heads/flows/$f $c || exit 2; done")

            def both_changed():
                counter[0] += 1
                change(empty, changed_flows(size), f"m{counter[0]}")
                change(source, changed_flows(size), f"s{counter[0]}", what="seat")
            measure("pull, merge 1%", size, [flowctl, "pull", "-q", "--all"], git_merge, source, both_changed)

            hook_part(measure, flowctl, size, server)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    history = history_part(report, flowctl, config, runs, env, scratch)
    return fitted(report, "flow", rows) + fitted(report, "save", history)


def fitted(report, unit, rows):
    """Each case's slope over its sizes against git's; whether each is within the target."""
    report.say()
    report.say(f"Team, fitted (ms per extra {unit}; target: flowctl's slope at most {TEAM_SLOPE_TARGET:g}x git's)")
    report.say(f"{'case':<40}{'flowctl':>12}{'git':>12}{'ratio':>8}")
    met = []
    for name, points in rows.items():
        if len(points) < 2:
            continue
        xs = [p[0] for p in points]
        ours, theirs = slope(xs, [p[1] for p in points]), slope(xs, [p[2] for p in points])
        ratio = ours / theirs if theirs > 0 else float("inf")
        met.append(ratio <= TEAM_SLOPE_TARGET)
        report.say(f"{name + ' per ' + unit:<40}{ours:>10.4f}ms{theirs:>10.4f}ms{ratio:>7.1f}x"
                   f"  {'met' if met[-1] else 'NOT met'}")
    return met


def new_save(repo, ref, tag):
    """One more save on `ref` in `repo` (bare or not), through fast-import."""
    text = commit(ref, EPOCH + 3600, f"Save {tag}",
                  {"blocks/b00000.yaml": webhook_yaml(f"https://hooks.example.com/{tag}", 1)})
    git(repo, "fast-import", "--quiet", "--force", stdin=text.replace(b"\nM ", b"\nfrom " + ref.encode() + b"^0\nM ", 1))


def history_part(report, flowctl, config, runs, env, scratch):
    """clone, fetch, push and pull of one new save of a flow with `size` saves, against git's."""
    rows = {}
    busy = "refs/heads/flows/busy"

    def measure(name, size, ours, theirs, cwd, before):
        mine, other, mine_rss, git_rss = paired(ours, theirs, cwd, runs, env, before)
        row(report, f"{name}, {size} saves", mine, other, mine_rss, git_rss)
        rows.setdefault(name, []).append((size, mine, other))

    header(report, "Team over one flow's history: one new save each run, per save")
    counter = [0]

    def fresh(tag):
        counter[0] += 1
        return f"{tag}{counter[0]}"
    for size in config["team_saves"]:
        work = tempfile.mkdtemp(prefix=f"history-{size}-", dir=scratch)
        try:
            source = saves_repo(size)
            shutil.move(source, os.path.join(work, "source"))
            source = os.path.join(work, "source")
            # The checked-out flow is another one: git updates flows/busy beside the working tree.
            stream = commit("refs/heads/flows/idle", EPOCH, "Create flow Idle",
                            {"flow.yaml": main_yaml("Idle", "b00000"), **chain(1, "idle")})
            git(source, "fast-import", "--quiet", stdin=stream)
            git(source, "checkout", "-q", "flows/idle")
            server = bare_copy(source, os.path.join(work, "server.git"))
            url = "file://" + server
            target = os.path.join(work, "clone")

            def fresh_clone():
                shutil.rmtree(target, ignore_errors=True)
            measure("history: clone", size, [flowctl, "clone", "-q", url, target],
                    ["git", "clone", "-q", url, target], work, fresh_clone)
            fresh_clone()
            subprocess.run([flowctl, "clone", "-q", url, target], env=env, check=True, capture_output=True)
            measure("history: fetch one save", size, [flowctl, "fetch", "-q"], ["git", "fetch", "-q", "origin"],
                    target, lambda: new_save(server, busy, fresh("f")))
            shutil.rmtree(target)

            git(source, "remote", "add", "origin", server)
            subprocess.run([flowctl, "fetch", "-q"], cwd=source, env=env, check=True, capture_output=True)
            measure("history: push one save", size, [flowctl, "push", "-q", "--all"], GIT_PUSH_ALL, source,
                    lambda: new_save(source, busy, fresh("p")))
            measure("history: pull one save", size, [flowctl, "pull", "-q", "--all"],
                    ["git", "fetch", "-q", "--update-head-ok", "origin", "refs/heads/flows/*:refs/heads/flows/*"],
                    source, lambda: new_save(server, busy, fresh("u")))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return rows


def hook_part(measure, flowctl, size, server):
    """`flowctl hook pre-receive` in the server for a push of 1, 100 and every flow (up to
    10,000): new commits made beforehand on side refs, git's OLD NEW REF lines on its input."""
    for pushed in sorted({min(count, size) for count in HOOK_PUSHES}):
        flows = list(range(pushed))
        stream = []
        for n in flows:
            ref = f"refs/heads/flows/flow-{n:05}"
            text = commit(f"refs/pending/flow-{n:05}", EPOCH + 120, "Pushed",
                          {"blocks/b00000.yaml": webhook_yaml(f"https://hooks.example.com/pushed/{n}", 2)})
            stream.append(text.replace(b"\nM ", b"\nfrom " + ref.encode() + b"^0\nM ", 1))
        git(server, "fast-import", "--quiet", "--force", stdin=b"".join(stream))
        lines = git(server, "for-each-ref", "--format=%(objectname) %(refname)", "refs/heads/flows/",
                    "refs/pending/").decode().split("\n")
        tips = dict(reversed(line.split(" ")) for line in lines if line)
        updates = os.path.join(server, f"updates-{pushed}")
        ranges = os.path.join(server, f"ranges-{pushed}")
        with open(updates, "w") as out, open(ranges, "w") as walk:
            for n in flows:
                old, new = tips[f"refs/heads/flows/flow-{n:05}"], tips[f"refs/pending/flow-{n:05}"]
                out.write(f"{old} {new} refs/heads/flows/flow-{n:05}\n")
                walk.write(f"{new}\n^{old}\n")
        measure(f"hook pre-receive, push of {pushed if pushed < size else 'every'}", size,
                f"'{flowctl}' hook pre-receive < {updates}", f"git rev-list --objects --stdin < {ranges}", server,
                None)
        subprocess.run(f"git for-each-ref --format='delete %(refname)' refs/pending/ | git update-ref --stdin",
                       shell=True, cwd=server, check=True)


__all__ = ["team_part", "chain", "data"]
