"""The ``sxs`` command line: ``run(argv) -> exit status``.

The localization team's commands load translate-toolkit (``checks``,
``exchange``, ``status``) when they run, so that ``sxs split``, which a writer
waits on after every save, starts without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .fileio import read_text
from .locales import language_problems, language_settings
from .split import split

if TYPE_CHECKING:
    from .checks import CheckConfig

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every ``sxs`` subcommand."""
    parser = argparse.ArgumentParser(
        prog="sxs", description="Side-by-side translation memory to a multilingual MkDocs site.")
    commands = parser.add_subparsers(dest="command", required=True)
    split_cmd = commands.add_parser(
        "split", help="write the paired English/target Markdown pages from the TM files")
    split_cmd.add_argument("--tm", type=Path, default=Path("tm"),
                           help="folder of TM files, read recursively (default: tm)")
    split_cmd.add_argument("--docs", type=Path, default=Path("docs"),
                           help="MkDocs docs folder to write (default: docs)")
    split_cmd.add_argument("--sections", type=Path, default=Path("sections.yml"),
                           help="section rules for navigation (default: sections.yml; "
                                "one section when the file does not exist)")
    split_cmd.add_argument("--mkdocs", type=Path, default=Path("mkdocs.yml"),
                           help="MkDocs config that must let every TM locale's language into the site "
                                "(default: mkdocs.yml; not checked when the file does not exist)")
    split_cmd.add_argument("--check", action="store_true",
                           help="write nothing; exit 1 listing pages that are out of date")
    split_cmd.add_argument("--strict", action="store_true",
                           help="exit 1 when a TM file has errors (by default their articles are "
                                "published and the exit status is 0)")
    split_cmd.add_argument("--status", action="store_true",
                           help="also the status page with its quality figures (as MkDocs builds "
                                "do, unless split: false)")
    split_cmd.set_defaults(handler=_split)
    messages_cmd = commands.add_parser(
        "messages", help="bring the interface catalogs (PO) up to date with the texts and sections.yml")
    messages_cmd.add_argument("--sections", type=Path, default=Path("sections.yml"),
                              help="section rules whose titles are translated (default: sections.yml)")
    messages_cmd.add_argument("--check", action="store_true",
                              help="write nothing; exit 1 when a catalog is out of date or has errors")
    messages_cmd.set_defaults(handler=_messages)
    assemble_cmd = commands.add_parser(
        "assemble", help="one site from languages each built alone (mkdocs build with SXS_ONLY_LANGUAGE)")
    assemble_cmd.add_argument("folders", type=Path, nargs="+",
                              help="the site folder of each language's build, every language once")
    assemble_cmd.add_argument("-d", "--site", type=Path, required=True,
                              help="folder to write the site into (absent or empty)")
    assemble_cmd.set_defaults(handler=_assemble)
    _add_workflow_commands(commands)
    return parser


def _assemble(args: argparse.Namespace) -> int:
    from .assemble import AssembleError, assemble
    try:
        languages = assemble(args.folders, args.site)
    except AssembleError as error:
        print(f"sxs assemble: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"sxs assemble: {', '.join(languages.built)} into {args.site}")
    return EXIT_OK


def _add_workflow_commands(commands) -> None:
    """The localization team's commands: export, import, check, status."""
    tm_help = "folder of TM files, read recursively (default: tm); checks use sxs.yml beside it"
    export_cmd = commands.add_parser(
        "export", help="write the segments to an XLIFF, TMX or PO file, or a ready OmegaT project")
    export_cmd.add_argument("--tm", type=Path, default=Path("tm"), help=tm_help)
    export_cmd.add_argument("--format", default="xliff2",
                            help="xliff2 (default), xliff1 (XLIFF 1.2), tmx (TMX 1.4), po, or a ready "
                                 "OmegaT project: omegat (PO source files, TMX in tm/auto/) or "
                                 "omegat-xliff (XLIFF 1.2 source files)")
    export_cmd.add_argument("-o", "--output", type=Path, required=True,
                            help="file to write (for omegat and omegat-xliff: the project folder)")
    export_cmd.set_defaults(handler=_export)
    import_cmd = commands.add_parser(
        "import", help="merge translated targets from an exchange file into the TM files")
    import_cmd.add_argument("path", type=Path, help="XLIFF 2.0/1.2, TMX or PO file (format from content), "
                                                    "or a folder of them (an OmegaT project's target/)")
    import_cmd.add_argument("--tm", type=Path, default=Path("tm"), help=tm_help)
    import_cmd.add_argument("--force", action="store_true",
                            help="also import targets that fail error-level checks, copy the English "
                                 "or repeat another segment's translation of the same English")
    import_cmd.set_defaults(handler=_import_)
    for name, handler, summary in (("check", _check, "report quality-check findings per segment"),
                                   ("status", _status, "print per-article, per-locale and total figures")):
        command = commands.add_parser(name, help=summary)
        command.add_argument("--tm", type=Path, default=Path("tm"), help=tm_help)
        command.add_argument("--format", choices=("text", "json"), default="text")
        command.set_defaults(handler=handler)


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
    report = split(args.tm, args.docs, check=args.check, sections_file=args.sections)
    if args.status:
        from .status import publish_status
        publish_status(args.tm, args.docs, report, check=args.check)
    if args.mkdocs.is_file():
        found = {article.lang for article in report.articles}
        report.diagnostics += language_problems(found, language_settings(args.mkdocs), str(args.mkdocs))
    for diagnostic in report.diagnostics:
        print(diagnostic, file=sys.stderr)
    for path in report.outdated:
        print(f"out of date: {path}")
    errors = sum(d.severity == "error" for d in report.diagnostics)
    warnings = len(report.diagnostics) - errors
    done = (f"{len(report.outdated)} out of date" if args.check
            else f"{len(report.written)} written, {len(report.removed)} removed")
    print(f"sxs split: {len(report.articles)} articles, {done}, {report.errors_summary()}, "
          f"{warnings} warnings")
    if report.outdated or (args.strict and errors):
        return EXIT_FINDINGS
    return EXIT_OK


def _messages(args: argparse.Namespace) -> int:
    from .messages import CATALOGS, catalog_problems, outdated_catalogs, update_catalogs
    from .sections import load_sections
    try:
        # The one section of a site without sections.yml is translated too.
        titles = list(dict.fromkeys(s.title for s in [*load_sections(args.sections), *load_sections(None)]))
    except (OSError, ValueError) as error:
        print(f"sxs messages: {error}", file=sys.stderr)
        return EXIT_USAGE
    changed = outdated_catalogs(titles) if args.check else update_catalogs(titles)
    problems = catalog_problems()
    for problem in problems:
        print(problem, file=sys.stderr)
    done = "out of date" if args.check else "written"
    for path in changed:
        print(f"{done}: {path}")
    print(f"sxs messages: {len(changed)} catalogs {done} in {CATALOGS}, {len(problems)} errors")
    return EXIT_FINDINGS if problems or (args.check and changed) else EXIT_OK


def _workflow_config(args: argparse.Namespace) -> CheckConfig | None:
    """The checks configuration for ``args.tm``; None (reported) when unusable."""
    from .checks import ConfigError, config_for
    if not args.tm.is_dir():
        print(f"sxs {args.command}: TM folder {args.tm} does not exist", file=sys.stderr)
        return None
    try:
        return config_for(args.tm)
    except ConfigError as error:
        print(f"sxs {args.command}: {error}", file=sys.stderr)
        return None


def _export(args: argparse.Namespace) -> int:
    from .exchange import ExchangeError, export
    from .omegat import export_omegat
    if _workflow_config(args) is None:
        return EXIT_USAGE
    try:
        if args.format in ("omegat", "omegat-xliff"):
            target = export_omegat(args.tm, args.output, "xliff" if args.format == "omegat-xliff" else "po")
            print(f"sxs export: OmegaT project {args.output} written; open it in OmegaT, translate, "
                  f"create the translated documents, then: sxs import {target} --tm {args.tm}")
            return EXIT_OK
        count = export(args.tm, args.format, args.output)
    except ExchangeError as error:
        print(f"sxs export: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(f"sxs export: {count} units written to {args.output} ({args.format})")
    return EXIT_OK


def _import_(args: argparse.Namespace) -> int:
    from .exchange import CHECK_FAILURE, ExchangeError, import_units, read_all_units
    config = _workflow_config(args)
    if config is None:
        return EXIT_USAGE
    try:
        result = import_units(read_all_units(args.path), args.tm, config, force=args.force)
    except (ExchangeError, OSError) as error:
        print(f"sxs import: {error}", file=sys.stderr)
        return EXIT_USAGE
    if result.refusals:
        for refusal in result.refusals:
            print(f"{args.path}: refused: {refusal}", file=sys.stderr)
        print(f"sxs import: {len(result.refusals)} units refused; nothing written")
        return EXIT_FINDINGS
    for kept in result.kept:
        print(f"{args.path}: kept: {kept}", file=sys.stderr)
    changed = sum(len(ids) for ids in result.changed.values())
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(result.statuses.items()))
    print(f"sxs import: {changed} segments changed in {len(result.written)} files, "
          f"{len(result.kept)} units kept as the TM has them; units read: {statuses or 'none'}")
    return EXIT_FINDINGS if any(k.reason.startswith(CHECK_FAILURE) for k in result.kept) else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .checks import check_text, tm_files
    config = _workflow_config(args)
    if config is None:
        return EXIT_USAGE
    try:
        findings = [f for path in tm_files(args.tm)
                    for f in check_text(read_text(path), path.as_posix(), config)[1]]
    except (OSError, UnicodeDecodeError) as error:
        print(f"sxs check: unreadable input: {error}", file=sys.stderr)
        return EXIT_USAGE
    errors = sum(f.severity == "error" for f in findings)
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for finding in findings:
            print(finding)
        print(f"sxs check: {errors} errors, {len(findings) - errors} warnings")
    return EXIT_FINDINGS if errors else EXIT_OK


def _status(args: argparse.Namespace) -> int:
    from .status import by_locale, collect, status_text, total
    config = _workflow_config(args)
    if config is None:
        return EXIT_USAGE
    try:
        statuses = collect(args.tm, config)
    except (OSError, UnicodeDecodeError) as error:
        print(f"sxs status: unreadable input: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps({"articles": [s.as_dict() for s in statuses],
                          "locales": {s.file: s.as_dict() for s in by_locale(statuses)},
                          "total": total(statuses).as_dict()}, ensure_ascii=False, indent=1))
    else:
        print(status_text(statuses), end="")
    return EXIT_OK


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
