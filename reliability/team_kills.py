"""Kills during team commands: `pull` (a fast-forward and a merge), `push` and `clone`, each
killed with SIGKILL at a random moment of its own run, against a bare repository reached three
ways: as a path on disk (through git's own server programs: `git receive-pack`, libgit2's
fetch), over `git daemon` (git://) and over `git http-backend` behind lighttpd (http://), both
servers started here on 127.0.0.1 and stopped at the end.

After each kill, what a user does next must work and leave nothing half done:

- pull: `flowctl status` exits 0; the flow's branch is its old tip or what the pull makes (the
  server's tip, or a merge commit whose parents are both tips); the working tree matches the
  branch (no false "unsaved changes"); the same pull run again ends with the server's save in
  the branch;
- push: the server's branch is the old tip or the pushed one; the same push run again puts the
  pushed save on the server;
- clone: the folder is absent or a working clone; the same clone run again succeeds;
- `git fsck --strict` is clean on both sides, every time.

Run by reliability/run.py (its short run in the suite) or alone:

    reliability/team_kills.py [--trials N] [--flowctl PATH] [--transport path|git|http|all]
"""

import os
import shutil
import signal
import socket
import subprocess
import time

base = None  # reliability/run.py, set by it (or by main below)
LANDED = [0, 0]  # kills that landed before the command ended, of all tried
SERVER_LOCKS = []  # ref locks a killed push's server program left on the server, refusing git too
SERVER_LATE = []  # killed pushes the server applied after the retry had come (and refused it)
SERVER_SESSION = [None]  # the session of the server program the trials run against


def _tip(repo, ref):
    result = base.run(["git", "rev-parse", "-q", "--verify", ref], repo)
    return result.stdout.decode().strip() or None


def prepare_team(template, folder):
    """`server.git` with flows a and b; `behind`: a clone one save behind the server on `a`;
    `diverged`: behind too, with a save of its own on `a` (a clean merge); `ahead`: one save
    ahead of the server on `a`."""
    root = os.path.join(folder, "team")
    os.makedirs(root)
    server = os.path.join(root, "server.git")
    base.run(["git", "init", "-q", "--bare", server], root, check=True)
    # git http-backend takes pushes from an unauthenticated client only when told so.
    base.run(["git", "config", "http.receivepack", "true"], server, check=True)
    mine = base.copy(template, root, "mine")
    base.fl(mine, "remote", "add", "origin", server)
    base.fl(mine, "push", "--all", "-q")
    for name in ["behind", "diverged", "ahead"]:
        base.run([base.FLOWCTL, "clone", server, name, "-q"], root, check=True)
    other = os.path.join(root, "other")
    base.run([base.FLOWCTL, "clone", server, "other", "-q"], root, check=True)
    base.fl(other, "open", "a", "-q")
    base.fl(other, "set", "greet", "media=bye.mp3", "-q")
    base.fl(other, "save", "-q", "-m", "their greeting")
    base.fl(other, "push", "-q")
    diverged = os.path.join(root, "diverged")
    base.fl(diverged, "open", "a", "-q")
    base.fl(diverged, "set", "vm", "action=check", "-q")
    base.fl(diverged, "save", "-q", "-m", "our voicemail")
    ahead = os.path.join(root, "ahead")
    base.fl(ahead, "pull", "-q")
    base.fl(ahead, "open", "a", "-q")
    base.fl(ahead, "set", "vm", "action=check", "-q")
    base.fl(ahead, "save", "-q", "-m", "ours to push")
    for name in ["behind"]:
        base.fl(os.path.join(root, name), "open", "a", "-q")
    return root


def _fsck(path):
    return base.run(["git", "fsck", "--strict"], path).returncode == 0


def _check_pull(repo, server, before):
    problems = []
    branch = "refs/heads/flows/a"
    theirs = _tip(server, branch)
    now = _tip(repo, branch)
    if now not in (before, theirs):
        parents = base.run(["git", "rev-list", "--parents", "-n", "1", now or "HEAD"], repo).stdout.decode().split()
        if sorted(parents[1:]) != sorted([before, theirs]):
            problems.append(f"flows/a is {now}: neither as before, the server's, nor their merge")
    status = base.as_user(repo, ["status"])
    if status.returncode != 0:
        problems.append(f"status exits {status.returncode}: {status.stderr.decode(errors='replace')[:200]}")
    elif b"Unsaved changes" in status.stdout:
        problems.append("a false 'unsaved changes' after the kill")
    again = base.as_user(repo, ["pull", "-q"])
    if again.returncode != 0:
        problems.append(f"the pull again exits {again.returncode}: {again.stderr.decode(errors='replace')[:200]}")
    elif base.run(["git", "merge-base", "--is-ancestor", theirs, branch], repo).returncode != 0:
        problems.append("the pull again did not bring the server's save")
    return problems


def _server_busy(server):
    """Whether a server program still works in `server` or on a request for it (a killed
    client's push, which lighttpd runs once the whole request body is in, after the client is
    gone), or a ref lock is there."""
    server = os.path.realpath(server)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cwd = os.path.realpath(f"/proc/{pid}/cwd")
            ours = SERVER_SESSION[0] is not None and os.getsid(int(pid)) == SERVER_SESSION[0] \
                and int(pid) != SERVER_SESSION[0]
        except OSError:
            continue
        if cwd == server or cwd.startswith(server + "/") or ours:
            return True
    return bool(_server_ref_locks(server))


def _server_ref_locks(server):
    return [os.path.relpath(os.path.join(folder, name), server)
            for folder, _, names in os.walk(os.path.join(server, "refs")) for name in names if name.endswith(".lock")]


def _wait_for_server(server, seconds=10):
    deadline = time.monotonic() + seconds
    while _server_busy(server) and time.monotonic() < deadline:
        time.sleep(0.02)


def _check_push(repo, server, before):
    problems = []
    # The server may still be finishing what the killed push sent: a user's next push comes
    # after it has (a push meeting it mid-update is refused by git's receive-pack alike).
    _wait_for_server(server)
    pushed = _tip(repo, "refs/heads/flows/a")
    now = _tip(server, "refs/heads/flows/a")
    if now not in (before, pushed):
        problems.append(f"the server's flows/a is {now}: neither as before nor the pushed save")
    again = base.as_user(repo, ["push", "-q"])
    if again.returncode != 0 and b"failed to update ref" in again.stderr:
        # The server may have taken up the killed push only now, and held the branch while the
        # retry came: once it is done, the killed push has landed and the next push says so.
        _wait_for_server(server)
        if _tip(server, "refs/heads/flows/a") == pushed and base.as_user(repo, ["push", "-q"]).returncode == 0:
            SERVER_LATE.append(pushed)
            return problems
    locks = _server_ref_locks(server)
    if again.returncode != 0 and locks and base.run(["git", "push", "-q", "origin", "flows/a"], repo).returncode != 0:
        # The killed client's server program left a ref lock on the server, which refuses
        # `git push` alike: the server's state, for its admin to clear, not the client's.
        SERVER_LOCKS.append(locks[0])
    elif again.returncode != 0:
        problems.append(f"the push again exits {again.returncode}: {again.stderr.decode(errors='replace')[:200]}")
    elif _tip(server, "refs/heads/flows/a") != pushed:
        problems.append("the push again did not put the save on the server")
    return problems


def _check_clone(root, target, server, url):
    problems = []
    if os.path.exists(target) and base.fl(target, "status", check=False).returncode != 0:
        problems.append("a folder is left that is not a working clone")
    if not os.path.exists(target):
        again = base.run([base.FLOWCTL, "clone", url, os.path.basename(target), "-q"], root)
        if again.returncode != 0:
            problems.append(f"the clone again exits {again.returncode}: {again.stderr.decode(errors='replace')[:200]}")
    if os.path.exists(target):
        if not _fsck(target):
            problems.append("git fsck --strict failed in the clone")
        if _tip(target, "refs/remotes/origin/flows/a") != _tip(server, "refs/heads/flows/a"):
            problems.append("the clone lacks the server's flows/a")
    return problems


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A git server over the bare repositories under `root`, as the Tests start them: `git
    daemon` (git://) or lighttpd running `git http-backend` (http://), on 127.0.0.1, in a session
    of its own (it forks a process for each connection), killed whole by `stop`."""

    def __init__(self, kind, root):
        self.kind, self.root, self.port = kind, root, _free_port()
        if kind == "git":
            command = ["/usr/lib/git-core/git-daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
                       f"--base-path={root}", "--listen=127.0.0.1", f"--port={self.port}", root]
        else:
            config = os.path.join(root, "lighttpd.conf")
            with open(config, "w") as out:
                out.write(f"""server.modules = ("mod_alias", "mod_cgi", "mod_setenv")
server.document-root = "{root}"
server.bind = "127.0.0.1"
server.port = {self.port}
server.errorlog = "{root}/lighttpd-error.log"
alias.url = ("/git" => "/usr/lib/git-core/git-http-backend")
$HTTP["url"] =~ "^/git" {{
    cgi.assign = ("" => "")
    setenv.add-environment = ("GIT_PROJECT_ROOT" => "{root}", "GIT_HTTP_EXPORT_ALL" => "")
}}
""")
            command = ["/usr/sbin/lighttpd", "-D", "-f", config]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        start_new_session=True)
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"{command[0]} did not start")
                time.sleep(0.05)  # polling a port that is coming up, within the deadline above

    def url(self, path):
        """The URL of the bare repository at `path` (under the root)."""
        name = os.path.relpath(path, self.root)
        return f"git://127.0.0.1:{self.port}/{name}" if self.kind == "git" else \
            f"http://127.0.0.1:{self.port}/git/{name}"

    def stop(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


TRANSPORTS = {
    "path": "random kill -9, over a server",
    "git": "random kill -9, over git daemon (git://)",
    "http": "random kill -9, over http-backend (http://)",
}

CASES = [
    # name, the clone it starts from, command, check
    ("pull (fast-forward)", "behind", ["pull", "a"], "pull"),
    ("pull (merge)", "diverged", ["pull", "a"], "pull"),
    ("push", "ahead", ["push", "a"], "push"),
    ("clone", None, ["clone", "SERVER", "fresh"], "clone"),
]


def kills(team, folder, tally, count, rng, server_program=None):
    """`count` kills of each case; through `server_program` (a `Server`) when given, else by
    path. Each trial's clone is pointed at its own copy of the server, so that no trial
    sees what another pushed."""
    campaign = TRANSPORTS[server_program.kind if server_program else "path"]
    SERVER_SESSION[0] = server_program.process.pid if server_program else None
    for name, start, args, check in CASES:
        durations = []
        problems = []
        for trial in range(count + 1):  # the first run, not killed, measures the command
            trial_root = os.path.join(folder, f"team-{check}-{trial}")
            shutil.copytree(team, trial_root, symlinks=True)
            server = os.path.join(trial_root, "server.git")
            url = server_program.url(server) if server_program else server
            cwd = os.path.join(trial_root, start) if start else trial_root
            if start:
                base.run(["git", "config", "remote.origin.url", url], cwd, check=True)
            command = [base.FLOWCTL] + [url if a == "SERVER" else a for a in args]
            before = _tip(server if check == "push" else cwd, "refs/heads/flows/a") if start else None
            started = time.monotonic()
            process = subprocess.Popen(command, cwd=cwd, env=base.ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if trial == 0:
                process.wait()
                durations.append(time.monotonic() - started)
            else:
                try:
                    process.wait(timeout=rng.uniform(0, durations[0] * 1.2))
                    LANDED[1] += 1
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    LANDED[0] += 1
                    LANDED[1] += 1
                if check == "pull":
                    found = _check_pull(cwd, server, before)
                elif check == "push":
                    found = _check_push(cwd, server, before)
                else:
                    found = _check_clone(trial_root, os.path.join(trial_root, "fresh"), server, url)
                if start and not _fsck(cwd):
                    found.append("git fsck --strict failed in the clone")
                if not _fsck(server):
                    found.append("git fsck --strict failed on the server")
                problems += [f"trial {trial}: {p}" for p in found]
            shutil.rmtree(trial_root)
        tally.add(campaign, name, count, problems)


def run_transports(team, folder, tally, count, rng, transports, network_count=None):
    """`count` kills of each case by path, `network_count` (default: as many) over a server."""
    for kind in transports:
        if kind == "path":
            kills(team, folder, tally, count, rng)
            continue
        server = Server(kind, folder)
        try:
            kills(team, folder, tally, count if network_count is None else network_count, rng, server)
        finally:
            server.stop()


def run_all(template, folder, tally, quick, rng):
    team = prepare_team(template, folder)
    # The short run stays short: one kill of each case over each server.
    run_transports(team, folder, tally, 2 if quick else 100, rng, list(TRANSPORTS), 1 if quick else None)


def main():
    import argparse
    import random
    import sys
    import tempfile
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import run as campaign
    global base
    base = campaign
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--flowctl", default=os.path.join(campaign.ROOT, ".build/debug/flowctl"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--transport", choices=list(TRANSPORTS) + ["all"], default="all")
    args = parser.parse_args()
    campaign.FLOWCTL = os.path.abspath(args.flowctl)
    tally = campaign.Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="flowctl-team-kills-") as folder:
        template = campaign.prepare(folder)
        team = prepare_team(template, folder)
        transports = list(TRANSPORTS) if args.transport == "all" else [args.transport]
        run_transports(team, folder, tally, args.trials, random.Random(args.seed), transports)
    print(campaign.report(tally, args, time.monotonic() - started))
    for failure in tally.failures[:50]:
        print("BROKEN:", failure)
    total = sum(row[2] for row in tally.rows)
    print(f"{total} trials in {time.monotonic() - started:.0f} s; {len(tally.failures)} broken guarantees; "
          f"{LANDED[0]} of {LANDED[1]} kills landed before the command ended; "
          f"{campaign.NAMED_LOCKS[0]} stale git locks named and removed as the message says; "
          f"{len(SERVER_LOCKS)} ref locks left on the server by its own program, refusing git push too; "
          f"{len(SERVER_LATE)} killed pushes the server applied late, refusing the retry meanwhile")
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
