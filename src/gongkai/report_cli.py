"""The report commands: ``gongkai parse``, ``gongkai check`` and ``gongkai render``.

The command line of the report engine, apart from the library: it reads files through
``gongkai.parse``, validates with ``gongkai.validate`` and writes with ``gongkai.render``.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from gongkai._argparse import EXIT_2_HELP
from gongkai.parse import UnreadableInput
from gongkai.report import METRICS, Report, Severity

__all__ = ["register"]

log = logging.getLogger("gongkai.parse")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

# "https://…", "ftp://…", "www.…": the user hoped the report would be fetched.
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)", re.ASCII)
_PARSE_EPILOG = f"退出码：\n  0  全部文件已读取\n{EXIT_2_HELP}\n  1  内部错误"
_CHECK_EPILOG = f"退出码：\n  0  全部文件已读取，未发现错误\n  1  发现错误（警告和提示不影响退出码）\n{EXIT_2_HELP}"
_RENDER_EPILOG = f"退出码：\n  0  已输出\n{EXIT_2_HELP}，或没有可输出的年度报告\n  1  内部错误"

_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_CSV_COLUMNS = ("source", "index", "agency", "year", "generation", "key", "label", "value")
_CSV_PROVENANCE = ("unit", "raw", "line", "method")


@dataclass(slots=True)
class Batch:
    """The reports read from a run's files, and whether any file could not be read."""

    reports: list[Report] = field(default_factory=list)
    unreadable: int = 0


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The files named, with a directory standing for every file below it (sorted, no dot files)."""
    out: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += [
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
        else:
            out.append(name)
    return out


def read_files(paths: Sequence[str], *, err: TextIO) -> Batch:
    """Parse every file; an unreadable one gets a one-line message and the others go on."""
    from gongkai.parse import ParseOptions, parse_path
    from gongkai.validate import attach_findings, attach_series_findings

    batch = Batch()
    files = expand_paths(paths)
    for name in files:
        if _URL.match(name):
            print(f"gongkai: {name}: 网址不会被下载，请先将报告保存为文件再读取", file=err)
            batch.unreadable += 1
            continue
        try:
            reports = parse_path(name, options=ParseOptions(validate=False))
            for report in reports:  # per file: a rule that fails costs this file only
                attach_findings(report)
        except UnreadableInput as exc:
            print(f"gongkai: {name}: {exc.message}", file=err)
            batch.unreadable += 1
            continue
        except Exception:  # a bug must not cost the user the other files
            log.exception("unexpected error while parsing %s", name)
            print(f"gongkai: {name}: 解析时发生内部错误，已跳过此文件", file=err)
            batch.unreadable += 1
            continue
        if not reports:
            print(f"gongkai: {name}: 未找到政府信息公开工作年度报告", file=err)
            batch.unreadable += 1
            continue
        batch.reports.extend(reports)
    try:
        attach_series_findings(batch.reports)
    except Exception:  # the reports read stay written; only the cross-year check is lost
        log.exception("unexpected error while checking reports across years")
        print("gongkai: 跨年度核查时发生内部错误，已跳过跨年度核查", file=err)
    if len(files) > 1:
        print(
            f"gongkai: 共读取 {len(files)} 个文件，{len(batch.reports)} 份年度报告"
            + (f"，{batch.unreadable} 个文件未能读取" if batch.unreadable else ""),
            file=err,
        )
    return batch


def _report_json(report: Report, *, provenance: bool) -> dict[str, Any]:
    data = report.as_json()
    if provenance:
        data["provenance"] = {
            figure.key: {
                "line": figure.origin.line,
                "method": str(figure.origin.method),
                "text": figure.origin.text,
                "raw": figure.raw,
                "unit": figure.unit,
            }
            for figure in report
            if figure.origin is not None
        }
    return data


def _write_json(reports: Sequence[Report], out: TextIO, *, provenance: bool) -> None:
    doc = {"reports": [_report_json(r, provenance=provenance) for r in reports]}
    json.dump(doc, out, ensure_ascii=False, indent=1)
    out.write("\n")


def _write_csv(reports: Sequence[Report], out: TextIO, *, provenance: bool) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS + (_CSV_PROVENANCE if provenance else ()))
    for report in reports:
        head = [report.source, report.index, report.agency or "", report.year or ""]
        head.append("" if report.generation is None else str(report.generation))
        for figure in report:
            row: list[object] = [*head, figure.key, METRICS[figure.key].row_label, figure.value]
            if provenance:
                origin = figure.origin
                row += [
                    figure.unit or "",
                    figure.raw or "",
                    "" if origin is None else origin.line,
                    "" if origin is None else str(origin.method),
                ]
            writer.writerow(row)


def _run_parse(args: argparse.Namespace) -> int:
    batch = read_files(args.files, err=sys.stderr)
    if args.csv:
        _write_csv(batch.reports, sys.stdout, provenance=args.provenance)
    else:
        _write_json(batch.reports, sys.stdout, provenance=args.provenance)
    return EXIT_UNREADABLE if batch.unreadable else EXIT_OK


def _describe(report: Report) -> str:
    agency = report.agency or "（未识别机构）"
    year = f"{report.year}年" if report.year else "（未识别年度）"
    generation = f"{report.generation}版格式" if report.generation else "格式未识别"
    return f"{report.source} #{report.index}：{agency} {year} 年度报告（{generation}）"


def _write_findings(reports: Sequence[Report], out: TextIO) -> None:
    for report in reports:
        print(_describe(report), file=out)
        if not report.findings:
            print("  未发现问题。", file=out)
        for finding in report.findings:
            line = f"  [{_SEVERITY_ZH[finding.severity]}] {finding.rule}：{finding.message}"
            if finding.suggestion is not None:
                line += f"（建议：{finding.suggestion.key} = {finding.suggestion.value}）"
            print(line, file=out)


def _run_check(args: argparse.Namespace) -> int:
    batch = read_files(args.files, err=sys.stderr)
    if args.json:
        _write_json(batch.reports, sys.stdout, provenance=False)
    else:
        _write_findings(batch.reports, sys.stdout)
    if batch.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if any(r.has_errors for r in batch.reports) else EXIT_OK


_RENDER_SUFFIX = {"html": ".html", "markdown": ".md", "text": ".txt"}


def _render(report: Report, fmt: str) -> str:
    from gongkai.render import report_to_html, report_to_markdown, report_to_text

    if fmt == "html":
        return report_to_html(report)
    if fmt == "markdown":
        return report_to_markdown(report)
    return report_to_text(report)


def _run_render(args: argparse.Namespace) -> int:
    batch = read_files(args.files, err=sys.stderr)
    reports = batch.reports
    if args.index is not None:
        reports = [r for r in reports if r.index == args.index]
    if not reports:
        if not batch.unreadable:
            print("gongkai: 没有可输出的年度报告", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.output is None:
        if args.format == "html" and len(reports) > 1:
            from gongkai.render import reports_to_html

            sys.stdout.write(reports_to_html(reports))  # one valid page, not pages end to end
        else:
            for report in reports:
                sys.stdout.write(_render(report, args.format))
    else:
        out_dir = Path(args.output)
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            print(f"gongkai: 无法创建输出目录 {out_dir}：{exc.strerror}", file=sys.stderr)
            return EXIT_UNREADABLE
        for report in reports:
            stem = Path(report.source).stem
            target = out_dir / f"{stem}-{report.index}{_RENDER_SUFFIX[args.format]}"
            # Write to a temporary name first so an interrupted run leaves no half file.
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_text(_render(report, args.format), encoding="utf-8")
            os.replace(tmp, target)
            print(target)
    return EXIT_UNREADABLE if batch.unreadable else EXIT_OK


def _files_command(
    subparsers: Any,
    name: str,
    handler: Callable[[argparse.Namespace], int],
    *,
    files_help: str = "文件或目录",
    **texts: str,
) -> Any:
    """A report sub-command over files and folders; ``texts`` are its help texts."""
    command = subparsers.add_parser(name, **texts)
    command.add_argument("files", nargs="+", metavar="文件", help=files_help)
    command.set_defaults(handler=handler)
    return command


def register(subparsers: Any) -> None:
    """Add the report commands to the ``gongkai`` parser."""
    parse = _files_command(
        subparsers,
        "parse",
        _run_parse,
        files_help="文件或目录（目录下的文件全部读取）",
        help="读取年度报告（文本、HTML、DOCX、PDF）并输出统计数据",
        description="读取政府信息公开工作年度报告，按指标字典输出 JSON（默认）或 CSV。",
        epilog=_PARSE_EPILOG,
    )
    fmt = parse.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="输出 JSON（默认）")
    fmt.add_argument("--csv", action="store_true", help="输出 CSV，每个报告每个指标一行")
    parse.add_argument(
        "--provenance", action="store_true", help="同时输出每个数字的来源（行号、读取方式）"
    )

    check = _files_command(
        subparsers,
        "check",
        _run_check,
        help="核查年度报告的勾稽关系、跨年度衔接和正文与表格是否一致",
        description="核查年度报告的勾稽关系、跨年度衔接和正文与表格是否一致。",
        epilog=_CHECK_EPILOG,
    )
    check.add_argument("--json", action="store_true", help="以 JSON 输出核查结果")

    render = _files_command(
        subparsers,
        "render",
        _run_render,
        help="按国家统一格式输出年度报告统计表（HTML、Markdown 或逐格文本）",
        description="读取年度报告，按国家统一格式重新排出统计表。",
        epilog=_RENDER_EPILOG,
    )
    render.add_argument(
        "--format", choices=("html", "markdown", "text"), default="html", help="输出格式"
    )
    render.add_argument("--index", type=int, help="只输出文件中第几个报告（从 0 起）")
    render.add_argument("-o", "--output", help="输出目录（默认输出到标准输出）")
