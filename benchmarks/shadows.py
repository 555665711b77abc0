"""--part shadows: flowctl's hand-written stand-ins for library code, timed against the library.

`PrettyJSON` (a save as `log --json` writes it) against JSONEncoder, and `DateText` (a save's
date as `log` and `log --json` print it) against DateFormatter and ISO8601DateFormatter, in one
process on the same generated input: the test suite's ShadowBenchmarkTests, which also checks
that every result is the library's. A stand-in keeps its place while the library takes at least
SHADOW_GAIN times its time; below that it should give way to the library.

The figures are only worth having from optimised code: build the tests in release first,

    swift build -c release -Xswiftc -enable-testing --build-tests

(a debug build times the stand-ins unoptimised against Foundation's optimised code; `--quick`
uses it, to keep the script working).
"""

import json
import os
import subprocess
import sys
import tempfile

SHADOW_GAIN = 1.5


def shadows_part(report, root, quick, runs):
    configuration = "debug" if quick else "release"
    items = 2000 if quick else 20000
    figures = tempfile.NamedTemporaryFile(prefix="flowctl-shadows-", suffix=".jsonl", delete=False)
    figures.close()
    env = dict(os.environ, FLOWCTL_SHADOW_FIGURES=figures.name, FLOWCTL_SHADOW_ITEMS=str(items),
               FLOWCTL_SHADOW_ROUNDS=str(runs))
    try:
        result = subprocess.run(["swift", "test", "-c", configuration, "--skip-build", "--filter",
                                 "ShadowBenchmarkTests"], cwd=root, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"ShadowBenchmarkTests failed or are not built ({configuration}; see benchmarks/shadows.py):\n"
                     + result.stdout[-3000:] + result.stderr[-2000:])
        with open(figures.name) as file:
            lines = [json.loads(line) for line in file if line.strip()]
    finally:
        os.unlink(figures.name)
    report.say()
    report.say(f"Stand-ins against the library ({configuration} build, {items} generated items, median of {runs};"
               f" target: the library at least {SHADOW_GAIN}x slower)")
    report.say(f"{'case':<52}{'stand-in':>12}{'library':>12}{'gain':>8}")
    kept = []
    for line in sorted(lines, key=lambda line: line["name"]):
        gain = line["library_us"] / line["shadow_us"]
        kept.append(gain >= SHADOW_GAIN)
        report.say(f"{line['name']:<52}{line['shadow_us']:>10.2f}us{line['library_us']:>10.2f}us{gain:>7.1f}x"
                   f"  {'keeps its place' if gain >= SHADOW_GAIN else 'NOT met: use the library'}")
    if not lines:
        sys.exit("ShadowBenchmarkTests wrote no figures")
    return all(kept)
