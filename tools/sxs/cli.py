"""The ``sxs`` command line: ``run(argv) -> exit status``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .split import split

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``sxs`` subcommand."""
    parser = argparse.ArgumentParser(
        prog="sxs", description="Side-by-side translation memory to a bilingual MkDocs site.")
    commands = parser.add_subparsers(dest="command", required=True)
    split_cmd = commands.add_parser(
        "split", help="write the paired English/target Markdown pages from the TM files")
    split_cmd.add_argument("--tm", type=Path, default=Path("tm"),
                           help="folder of TM files, read recursively (default: tm)")
    split_cmd.add_argument("--docs", type=Path, default=Path("docs"),
                           help="MkDocs docs folder to write (default: docs)")
    split_cmd.add_argument("--check", action="store_true",
                           help="write nothing; exit 1 listing pages that are out of date")
    split_cmd.set_defaults(handler=_split)
    return parser


def run(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv``; return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return args.handler(args)


def _split(args: argparse.Namespace) -> int:
    if not args.tm.is_dir():
        print(f"sxs split: TM folder {args.tm} does not exist", file=sys.stderr)
        return EXIT_USAGE
    report = split(args.tm, args.docs, check=args.check)
    for diagnostic in report.diagnostics:
        print(diagnostic, file=sys.stderr)
    for path in report.outdated:
        print(f"out of date: {path}")
    errors = sum(d.severity == "error" for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    done = (f"{len(report.outdated)} out of date" if args.check
            else f"{len(report.written)} written, {len(report.removed)} removed")
    print(f"sxs split: {len(report.articles)} articles, {done}, "
          f"{errors} errors, {warnings} warnings")
    return EXIT_OK if report.ok else EXIT_FINDINGS


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
