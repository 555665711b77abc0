#!/usr/bin/env python3
"""Validates Kazoo documents (files written by `flowctl export -o DIR`) against Kazoo's schemas.

Usage: validate.py DIR   Prints one line per problem; exits 1 if any, 0 when all documents pass.
"""
import json
import pathlib
import sys

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = pathlib.Path(__file__).parent / "schemas"


def registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["_id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def validator(registry, schema_id):
    schema = registry.contents(schema_id)
    return jsonschema.Draft4Validator(schema, registry=registry)


def nodes(node, path):
    yield node, path
    for key, child in sorted((node.get("children") or {}).items()):
        yield from nodes(child, f"{path}.children[{key!r}]")


def main(folder):
    reg = registry()
    problems = []
    checked = 0
    for kind in ("callflows", "menus", "temporal_rules"):
        for path in sorted(pathlib.Path(folder, kind).glob("*.json")):
            document = json.loads(path.read_text())
            checked += 1
            for error in validator(reg, kind).iter_errors(document):
                problems.append(f"{path}: {error.json_path}: {error.message}")
            if kind != "callflows" or "flow" not in document:
                continue
            for node, where in nodes(document["flow"], "$.flow"):
                module = node.get("module")
                try:
                    check = validator(reg, f"callflows.{module}")
                except Exception:
                    problems.append(f"{path}: {where}: no schema for module {module!r}")
                    continue
                for error in check.iter_errors(node.get("data", {})):
                    problems.append(f"{path}: {where}.data{error.json_path[1:]}: {error.message}")
    for problem in problems:
        print(problem)
    print(f"{checked} documents checked, {len(problems)} problems", file=sys.stderr)
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
