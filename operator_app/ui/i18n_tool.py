"""Keep the KnownError messages in the .ts file under the context ``KnownError``.

lupdate finds ``translatable("…")`` when told it is an alias of QT_TR_NOOP,
but files those messages under the empty context, because the calls sit in
Qt-free modules. The UI looks them up under ``KnownError``; this step moves
them there, keeping translations already made. Run after lupdate::

    python -m operator_app.ui.i18n_tool resources/i18n/operator_desk_zh_CN.ts

No Qt needed: the .ts is plain XML.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path

KNOWN_ERROR_CONTEXT = "KnownError"
DEAD_TYPES = ("vanished", "obsolete")
TS_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def translatable_strings(package: Path) -> set[str]:
    """Every literal passed to ``translatable(...)`` under ``package`` (for tests too)."""
    found: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "translatable"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value)
    return found


def _contexts(root: ET.Element) -> dict[str, ET.Element]:
    return {ctx.findtext("name") or "": ctx for ctx in root.findall("context")}


def _known_context(root: ET.Element) -> ET.Element:
    existing = _contexts(root).get(KNOWN_ERROR_CONTEXT)
    if existing is not None:
        return existing
    ctx = ET.SubElement(root, "context")
    ET.SubElement(ctx, "name").text = KNOWN_ERROR_CONTEXT
    return ctx


def _revive(old: ET.Element, new: ET.Element) -> None:
    """Keep ``old``'s translation, take ``new``'s source locations."""
    for location in old.findall("location"):
        old.remove(location)
    for i, location in enumerate(new.findall("location")):
        old.insert(i, location)
    translation = old.find("translation")
    if translation is not None and translation.get("type") in DEAD_TYPES:
        if translation.text:
            del translation.attrib["type"]
        else:
            translation.set("type", "unfinished")


def _messages(ctx: ET.Element) -> Iterator[ET.Element]:
    yield from list(ctx.findall("message"))


def move_known_errors(ts_path: Path) -> int:
    """Move the empty context's messages into ``KnownError``; return how many moved."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    empty = _contexts(root).get("")
    if empty is None:
        return 0
    known = _known_context(root)
    by_source = {m.findtext("source"): m for m in known.findall("message")}
    moved = 0
    for message in _messages(empty):
        old = by_source.get(message.findtext("source"))
        if old is not None:
            _revive(old, message)
        else:
            known.append(message)
        moved += 1
    root.remove(empty)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts_path.write_text(TS_HEADER + body + "\n", encoding="utf-8")
    return moved


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m operator_app.ui.i18n_tool FILE.ts", file=sys.stderr)
        return 2
    moved = move_known_errors(Path(args[0]))
    print(f"{moved} KnownError message(s) filed under context {KNOWN_ERROR_CONTEXT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
