"""Snapshot resdiff's outputs on the whole corpus, and compare against a snapshot.

A refactoring or a speed-up must leave every output as it was; a fix changes only
what it names. This writes, for every document of ``../shared/corpus`` (texts and
official PDFs), its parsed structure as JSON, and for every real pair of versions
(the INTERPOL steps, the 170 renewals of sessions 78 -> 79, the session-80 drafts
and their resolutions, the committee negotiations) the comparison as JSON, text
and HTML::

    python benchmarks/snapshot.py write /tmp/before
    ... change the code ...
    python benchmarks/snapshot.py check /tmp/before      # lists every output that differs

``--only parse|compare`` limits the work; ``--no-pdf`` skips the official PDFs.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"


def _documents(pdf: bool) -> Iterator[Path]:
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.suffix in {".txt", ".md"} or (pdf and path.suffix == ".pdf"):
                yield path


def _pairs() -> Iterator[tuple[Path, Path]]:
    interpol = CORPUS / "interpol"
    steps = [
        "A_RES_73_11_en.txt",
        "A_RES_75_10_en.txt",
        "A_RES_77_20_en.txt",
        "A_RES_79_136_en.txt",
    ]
    for a, b in itertools.pairwise(steps):
        yield interpol / a, interpol / b
    unga = CORPUS / "unga-78-79"
    with (CORPUS / "unga-78-79.SERIES.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            files = row["files_in_session_order"].split()
            for a, b in itertools.pairwise(files):
                yield unga / a, unga / b
    drafts = CORPUS / "unga-80-drafts"
    with (CORPUS / "unga-80-drafts.PAIRS.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            yield drafts / row["draft"], drafts / row["resolution"]
    committee = CORPUS / "unga-80-committee"
    for chain in (
        ["A_C.2_80_L.2_en.txt", "A_C.2_80_L.43_en.txt", "A_RES_80_146_en.txt"],
        ["A_C.2_80_L.21_en.txt", "A_C.2_80_L.44_en.txt", "A_RES_80_125_en.txt"],
    ):
        for a, b in itertools.pairwise(chain):
            yield committee / a, committee / b


def _outputs(only: str | None, pdf: bool) -> Iterator[tuple[str, Callable[[], bytes]]]:
    import diffing
    from service import ingest
    from service.reports import render_comparison

    cache: dict[Path, diffing.Resolution] = {}

    def load(path: Path) -> diffing.Resolution:
        if path not in cache:
            cache[path] = ingest.load(path)
        return cache[path]

    def dump(data: object) -> bytes:
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode()

    if only in (None, "parse"):
        for path in _documents(pdf):
            yield (
                f"parse/{path.parent.name}/{path.name}.json",
                lambda p=path: dump(load(p).to_dict()),
            )
    if only in (None, "compare"):
        for a, b in _pairs():
            stem = f"compare/{a.stem}__{b.stem}"

            def run(a: Path = a, b: Path = b) -> diffing.Comparison:
                return diffing.compare(load(a), load(b))

            for fmt in ("json", "text", "html"):
                yield (
                    f"{stem}.{fmt}",
                    lambda run=run, fmt=fmt: render_comparison(run(), fmt, date="2000-01-01"),
                )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("action", choices=["write", "check"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--only", choices=["parse", "compare"])
    ap.add_argument("--no-pdf", action="store_true", help="skip the official PDFs")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    differ = total = 0
    for name, make in _outputs(args.only, pdf=not args.no_pdf):
        total += 1
        target = args.folder / name
        try:
            data = make()
        except Exception as exc:  # a snapshot records failures too
            data = f"ERROR {type(exc).__name__}: {exc}\n".encode()
        if args.action == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            continue
        before = target.read_bytes() if target.exists() else b"(missing)\n"
        if before != data:
            differ += 1
            if differ <= 20:
                print(f"differs: {name}")
                lines = difflib.unified_diff(
                    before.decode(errors="replace").splitlines(),
                    data.decode(errors="replace").splitlines(),
                    lineterm="",
                    n=1,
                )
                for line in list(lines)[2:14]:
                    print(f"    {line[:160]}")
    if args.action == "write":
        print(f"wrote {total} outputs to {args.folder}")
    else:
        print(f"{differ} of {total} outputs differ from {args.folder}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
