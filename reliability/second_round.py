"""The second outside campaign's cases (issue 29), run by run.py: a stale index.lock left by a
kill, a reader during a stopped writer, crafted journals, numbers at and past a double's
limits, every output format on a terminal, and worktrees made by `git worktree add`."""

import json
import os
import shutil
import signal
import subprocess
import time


# run.py, as it runs (set by it): its FLOWCTL, ENV, cases and checks.
base = None

C1_AND_BIDI = [chr(c) for c in range(0x80, 0xA0)] + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                                      "\u2066", "\u2067", "\u2068", "\u2069"]


def journal_path(repo):
    return os.path.join(repo, ".git", "flowctl", "journal.json")


def kill_with_index_lock(template, folder, tally, limit, cases):
    """Kills each command at every rename, then leaves git's index.lock as a killed git would:
    `status` must still read (exit 0), a writer must name the lock and change nothing, and once
    the lock is removed as told every guarantee holds."""
    for case in cases:
        problems, trials = [], 0
        for n in range(1, min(limit, base.count_calls(template, folder, case, "rename")) + 1):
            repo = base.copy(template, folder, f"indexlock-{case.name}-{n}")
            case.prepare(repo)
            before = base.snapshot(repo)
            result = base.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", f"inject=rename:signal=KILL:when={n}",
                               base.FLOWCTL, *case.args], repo, timeout=120)
            lock = os.path.join(repo, ".git", "index.lock")
            open(lock, "a").close()
            trials += 1
            status = base.fl(repo, "status", check=False)
            if status.returncode != 0:
                problems.append(f"rename #{n}: status exits {status.returncode} with index.lock held: "
                                f"{status.stderr.decode(errors='replace')[:200]}")
            if os.path.exists(journal_path(repo)):
                state = base.snapshot(repo)
                writer = base.fl(repo, "set-main", "--seat", "blocked", "-q", check=False)
                if writer.returncode != 1 or "index.lock" not in writer.stderr.decode(errors="replace"):
                    problems.append(f"rename #{n}: a writer did not name index.lock (exit {writer.returncode})")
                if base.snapshot(repo) != state:
                    problems.append(f"rename #{n}: a writer changed the state past index.lock")
            os.unlink(lock)
            problems += [f"rename #{n}: {p}"
                         for p in base.after(case, repo, result.returncode, result.returncode == 1, before)]
            shutil.rmtree(repo)
        tally.add("kill, then index.lock held", case.name, trials, problems)


def stopped_writers(template, folder, tally, count, rng, cases):
    """Stops each command (SIGSTOP) at a random moment and runs `status --json`: it must exit 0
    and show a whole state, before or after the change (no changed files while one is in
    progress); then the writer goes on and every guarantee holds."""
    for case in cases:
        problems = []
        for trial in range(count):
            repo = base.copy(template, folder, f"stopped-{case.name}-{trial}")
            case.prepare(repo)
            before = base.snapshot(repo)
            process = subprocess.Popen([base.FLOWCTL, *case.args], cwd=repo, env=base.ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 0.15))
            process.send_signal(signal.SIGSTOP)
            status = base.run([base.FLOWCTL, "status", "--json"], repo, env=dict(base.ENV, FLOWCTL_LOCK_TIMEOUT="1"))
            if status.returncode != 0:
                problems.append(f"trial {trial}: status --json exits {status.returncode}")
            else:
                view = json.loads(status.stdout)
                if view.get("change_in_progress") and view["files"]:
                    problems.append(f"trial {trial}: {len(view['files'])} files changed during a change in progress")
                expected = case.before_files if view.get("change_in_progress") else None
                if expected is not None and view["flow"] != case.before_branch.rsplit("/", 1)[-1]:
                    problems.append(f"trial {trial}: a change in progress, yet flow {view['flow']} shown")
            process.send_signal(signal.SIGCONT)
            code = process.wait()
            problems += [f"trial {trial}: {p}" for p in base.after(case, repo, code, code == 1, before)]
            shutil.rmtree(repo)
        tally.add("reader during a stopped writer", case.name, count, problems)


def crafted_journals(template, folder, tally):
    """Journals flowctl never wrote: each must be refused by writers, read around by readers,
    and nothing in it applied (no file outside the working tree, no ref moved)."""
    blob = "0" * 40
    bad = [
        {"files": [{"path": "../outside.txt", "after": "@BLOB@"}]},
        {"files": [{"path": "/tmp/flowctl-outside.txt", "after": "@BLOB@"}]},
        {"files": [{"path": "blocks/../../outside.txt", "after": "@BLOB@"}]},
        {"files": [{"path": ".git/hooks/pre-commit", "after": "@BLOB@"}]},
        {"files": [{"path": ".GIT/config", "after": "@BLOB@"}]},
        {"files": [{"path": "flow.yaml", "after": "not-an-id"}]},
        {"files": [{"path": "flow.yaml\n", "after": "@BLOB@"}]},
        {"refs": [{"name": "refs/heads/../../../outside", "after": "@BLOB@"}]},
        {"refs": [{"name": "HEAD", "after": "@BLOB@"}]},
        {"refs": [{"name": "refs/tags/v1", "after": "@BLOB@"}]},
        {"refs": [{"name": "refs/heads/flows/a.lock", "after": "@BLOB@"}]},
        {"headAfter": "../../outside"},
        {"baseAfter": "../x 1234"},
        {"run": "rm -rf /"},
        {"files": [{"path": "flow.yaml", "after": "@BLOB@", "mode": "4755"}]},
    ]
    problems = []
    for index, extra in enumerate(bad):
        repo = base.copy(template, folder, f"journal-{index}")
        real = base.git(repo, "rev-parse", "HEAD:flow.yaml")
        transaction = dict({"operation": "crafted", "files": [], "refs": [], "undoing": False}, **extra)
        text = json.dumps(transaction).replace("@BLOB@", real).replace(blob, real)
        os.makedirs(os.path.dirname(journal_path(repo)), exist_ok=True)
        with open(journal_path(repo), "w") as out:
            out.write(text)
        refs = base.git(repo, "for-each-ref")
        hook = os.path.join(repo, ".git", "hooks", "pre-commit")  # init installs one: it must stay
        hook_before = open(hook, "rb").read() if os.path.exists(hook) else None
        status = base.fl(repo, "status", check=False)
        writer = base.fl(repo, "set-main", "--seat", "x", "-q", check=False)
        outside = [p for p in [os.path.join(folder, "outside.txt"), "/tmp/flowctl-outside.txt"] if os.path.exists(p)]
        if (open(hook, "rb").read() if os.path.exists(hook) else None) != hook_before:
            outside.append(hook)
        if status.returncode != 0:
            problems.append(f"journal {index}: status exits {status.returncode}")
        if writer.returncode != 1:
            problems.append(f"journal {index}: a writer applied it (exit {writer.returncode})")
        if outside or base.git(repo, "for-each-ref") != refs:
            problems.append(f"journal {index}: applied ({outside or 'refs moved'})")
        shutil.rmtree(repo)
    tally.add("crafted journal", "status, set-main", len(bad), problems)


def number_limits(template, folder, tally):
    """Numbers at a double's limits are kept and print in every format; past them a file is
    refused with its file and line, and nothing is saved."""
    at = ["1.7976931348623157e308", "-1.7976931348623157e308", "5e-324", "1e-400", "12345678901234567890", "0"]
    past = ["1e400", "-1e400", "1.8e308", "1" + "0" * 309]
    problems = []
    repo = base.copy(template, folder, "numbers")
    path = os.path.join(repo, "blocks", "notify.yaml")
    original = open(path).read()
    for number in at + past:
        with open(path, "w") as out:
            out.write(original.rstrip("\n") + f"\ndata:\n  n: {number}\n")
        validate = base.fl(repo, "validate", check=False)
        shown = [base.fl(repo, "show", "--format", f, check=False) for f in ["json", "yaml", "text"]]
        if number in past:
            message = validate.stderr.decode(errors="replace")
            if validate.returncode != 1 or "blocks/notify.yaml:" not in message or "too large" not in message:
                problems.append(f"{number}: not refused with file and line ({validate.returncode})")
            if base.fl(repo, "save", "-q", "-m", "n", check=False).returncode == 0:
                problems.append(f"{number}: saved")
        else:
            codes = [s.returncode for s in shown]
            if any(codes):
                problems.append(f"{number}: show exits {codes}")
            else:
                json.loads(shown[0].stdout)
    shutil.rmtree(repo)
    tally.add("numbers at and past the limits", "validate, show, save", len(at + past), problems)


def terminal_formats(template, folder, tally):
    """A value and a save message holding every C1 control and bidi mark: on a terminal (through
    `script`), no format passes one through."""
    repo = base.copy(template, folder, "terminal")
    path = os.path.join(repo, "blocks", "notify.yaml")
    hostile = "".join(C1_AND_BIDI)
    escaped = "".join(f"\\u{ord(c):04X}" for c in hostile)
    with open(path, "a") as out:
        out.write(f'data:\n  v: "x{escaped}y"\n')
    base.fl(repo, "save", "-q", "-m", "m" + hostile)
    commands = ["show --format json", "show --format yaml", "show", "log -n 2", "log --json -n 2", "status --json",
                "list --json", "diff @~1 --json", "diff @~1", "blame", "blame --json"]
    problems = []
    for command in commands:
        result = base.run(["script", "-qec", f"{base.FLOWCTL} {command} --no-pager", "/dev/null"], repo)
        text = result.stdout.decode(errors="replace")
        shows_value = not command.startswith(("status", "list"))
        if result.returncode != 0 or shows_value and "\\u" not in text and "\\x" not in text:
            problems.append(f"{command}: exit {result.returncode}, or the value was not shown")
        leaked = sorted({f"U+{ord(c):04X}" for c in text if c in C1_AND_BIDI})
        if leaked:
            problems.append(f"{command}: {', '.join(leaked[:5])} reached the terminal")
    shutil.rmtree(repo)
    tally.add("every output format on a terminal", "show, log, status, list, diff, blame",
              len(commands), problems)


def git_worktrees(template, folder, tally, rounds):
    """Two worktrees of flow `a`, the second made by `git worktree add`, saving turns: a save
    that would undo the other's is refused (then `cancel --yes` and the edit again), and no
    save ever brings back a value the other worktree replaced."""
    repo = base.copy(template, folder, "worktrees")
    other = os.path.join(folder, "worktrees-other")
    base.run(["git", "worktree", "add", "-q", "--force", other, "flows/a"], repo, check=True)
    problems = []
    for n in range(rounds):
        for tree, block in [(repo, "greet"), (other, "menu")]:
            field = "media" if block == "greet" else "prompt"
            base.fl(tree, "set", block, f"{field}={block}{n}.mp3", "-q")
            if base.fl(tree, "save", "-q", "-m", f"{block} {n}", check=False).returncode != 0:
                base.fl(tree, "cancel", "--yes", "-q")
                base.fl(tree, "set", block, f"{field}={block}{n}.mp3", "-q")
                base.fl(tree, "save", "-q", "-m", f"{block} {n}")
            greet = base.git(repo, "show", "flows/a:blocks/greet.yaml")
            menu = base.git(repo, "show", "flows/a:blocks/menu.yaml")
            expect_menu = f"menu{n}.mp3" if tree == other else (f"menu{n - 1}.mp3" if n else "choose.mp3")
            if f"greet{n}.mp3" not in greet or expect_menu not in menu:
                problems.append(f"round {n}: a save undid the other worktree's")
    if base.run(["git", "fsck", "--strict"], repo).returncode != 0:
        problems.append("git fsck --strict failed")
    shutil.rmtree(repo)
    shutil.rmtree(other)
    tally.add("worktrees made by git", "2 x set+save", rounds * 2, problems)


def run_all(template, folder, tally, quick, rng):
    cases = base.CASES
    base.injected(template, folder, tally, ["unlink"], "error=EIO", "failed unlink",
                  4 if quick else 400, cases[:1] if quick else cases)
    kill_with_index_lock(template, folder, tally, 3 if quick else 400, cases[:2] if quick else cases)
    stopped_writers(template, folder, tally, 2 if quick else 20, rng, cases[5:6] if quick else cases)
    crafted_journals(template, folder, tally)
    number_limits(template, folder, tally)
    terminal_formats(template, folder, tally)
    git_worktrees(template, folder, tally, 2 if quick else 20)
