#!/usr/bin/env python3
"""Presses Tab in a real interactive shell and reports what the shell did.

    complete.py bash|zsh SCRIPT 'flowctl connect menu:'

Starts the shell on a pseudo-terminal with SCRIPT (flowctl's completion script) loaded, types the
line, presses Tab, then a key bound to print the edited line. Prints JSON:
  line:       the command line after the Tab (what the shell inserted),
  candidates: what the completion function offered (bash: COMPREPLY, as bash will insert it),
  screen:     everything the shell printed (zsh lists its candidates there).
The shells split words and call the completion functions themselves (bash with its own
COMP_WORDBREAKS), so this tests the scripts as a user meets them.
"""
import json
import os
import pty
import re
import select
import shutil
import sys
import tempfile
import time

TIMEOUT = 20


def read_until(fd, predicate, deadline):
    """Reads the terminal until predicate(output) or the deadline."""
    output = b""
    while time.time() < deadline and not predicate(output):
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    return output


def main():
    shell, script, line = sys.argv[1:4]
    scratch = tempfile.mkdtemp()
    try:
        print(json.dumps(press_tab(shell, script, line, scratch)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def press_tab(shell, script, line, scratch):
    """Each step waits for an event with a deadline: the shell's ready mark, then a file the
    shell writes once the completion has run (bash: the candidates, zsh: after a redisplay of
    the list), then the line file (written whole, then renamed into place)."""
    line_file = os.path.join(scratch, "line")
    candidates_file = os.path.join(scratch, "candidates")
    completed_file = os.path.join(scratch, "completed")
    ready_mark = "READY-%d" % os.getpid()
    if shell == "bash":
        argv = ["bash", "--norc", "--noprofile", "-i"]
        setup = (
            "PS1='$ '; source '%(script)s'\n"
            "__spec=$(complete -p flowctl); __inner=${__spec##*-F }; __inner=${__inner%%%% *}\n"
            "__capture() { \"$__inner\" \"$@\"; printf '%%s\\n' \"${COMPREPLY[@]}\" > '%(candidates)s.new';"
            " mv '%(candidates)s.new' '%(candidates)s'; : > '%(completed)s'; }\n"
            "eval \"${__spec/-F $__inner/-F __capture}\"\n"
            "bind -x '\"\\C-x\\C-l\": printf \"%%s\" \"$READLINE_LINE\" > %(line)s.new; mv %(line)s.new %(line)s'\n"
            "echo %(mark)s\n"
        )
    elif shell == "zsh":
        argv = ["zsh", "-f", "-i"]
        setup = (
            "PS1='$ '; autoload -U compinit; compinit -u -D; source '%(script)s'\n"
            "__tab() { zle expand-or-complete; zle -R; : > '%(completed)s' }; zle -N __tab; bindkey '^I' __tab\n"
            "__dump() { print -rn -- \"$BUFFER\" > '%(line)s.new'; command mv '%(line)s.new' '%(line)s' }\n"
            "zle -N __dump; bindkey '^X^L' __dump\n"
            "echo %(mark)s\n"
        )
    else:
        sys.exit("bash or zsh")
    setup %= {"script": script, "candidates": candidates_file, "line": line_file, "mark": ready_mark,
              "completed": completed_file}

    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "dumb" if shell == "bash" else "xterm"
        os.environ["COLUMNS"] = "200"
        os.execvp(argv[0], argv)
    deadline = time.time() + TIMEOUT
    os.write(fd, setup.encode())
    read_until(fd, lambda out: out.count(ready_mark.encode()) >= 2, deadline)
    os.write(fd, line.encode() + b"\t")
    screen = read_until(fd, lambda out: os.path.exists(completed_file), deadline)
    os.write(fd, b"\x18\x0c")  # Ctrl-X Ctrl-L: write the line
    screen += read_until(fd, lambda out: os.path.exists(line_file), deadline)
    os.write(fd, b"\x15exit\n")  # Ctrl-U, then leave
    read_until(fd, lambda out: False, deadline)  # to the end: the shell has gone
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)

    def text(path):
        return open(path).read() if os.path.exists(path) else None

    candidates = text(candidates_file)
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r", "", screen.decode(errors="replace"))
    return {
        "line": text(line_file),
        "candidates": None if candidates is None else [c for c in candidates.split("\n") if c],
        "screen": plain,
    }


if __name__ == "__main__":
    main()
