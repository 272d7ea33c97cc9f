"""The command line speaks Chinese throughout, and a bad file never costs the batch (issue 8)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from gongkai.cli import build_parser
from gongkai.parse.read._docx import MAX_BODY_BYTES
from gongkai.parse.read._pdf_limits import MAX_INFLATED_BYTES
from tests.command_line import run_gongkai as run
from tests.parse.hostile import docx_bomb, pdf_flate_bomb, seed_text

_ENGLISH = re.compile(r"usage|error|argument|invalid|options|show this help|required", re.I)
_COMMANDS = ("parse", "check", "render", "deadline", "demo", "serve", "manage")


def test_one_bad_file_never_empties_the_batch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a-report.txt").write_text(seed_text(), "utf-8")
    (tmp_path / "b-bomb.docx").write_bytes(docx_bomb(MAX_BODY_BYTES + 1024))
    (tmp_path / "c-bomb.pdf").write_bytes(pdf_flate_bomb(MAX_INFLATED_BYTES + 1024))
    (tmp_path / "d-binary.txt").write_bytes(bytes(range(32)) * 100)
    huge = seed_text().replace("占比21%", "占比" + "1" * 30 + "%", 1)
    (tmp_path / "e-huge-percentage.txt").write_text(huge, "utf-8")
    url = "https://www.gov.cn/zhengce/report.html"
    code, out, err = run(capsys, "parse", "--csv", str(tmp_path), url)
    assert code == 2
    rows = list(csv.DictReader(io.StringIO(out)))
    sources = {row["source"] for row in rows}
    assert sources == {str(tmp_path / "a-report.txt"), str(tmp_path / "e-huge-percentage.txt")}
    assert len([r for r in rows if r["source"].endswith("a-report.txt")]) > 800
    lines = err.splitlines()
    for name, reason in (
        ("b-bomb.docx", "压缩炸弹"),
        ("c-bomb.pdf", "压缩炸弹"),
        ("d-binary.txt", "二进制"),
        (url, "网址不会被下载"),
    ):
        assert any(name in line and reason in line for line in lines), (name, err)
    assert "Traceback" not in err


def test_check_of_a_30_digit_percentage_reports_it_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "r.txt"
    path.write_text(seed_text().replace("占比21%", "占比" + "1" * 30 + "%", 1), "utf-8")
    code, out, err = run(capsys, "check", str(path))
    assert code == 1  # the seed's own errors (across years) remain errors
    assert "parse.number_too_long：正文第8行有一个 30 位的数字" in out
    assert err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("parse",), "gongkai parse：缺少参数：文件"),
        (("frobnicate",), "gongkai：参数 命令 的取值 'frobnicate' 无效"),
        (("render", "x.txt", "--format", "pdf"), "gongkai render：参数 --format 的取值 'pdf' 无效"),
        (
            ("render", "x.txt", "--index", "two"),
            "gongkai render：参数 --index 的取值 'two' 无效（应为整数）",
        ),
        (("check", "--nope", "x.txt"), "gongkai check：无法识别的参数：--nope"),
        (("parse", "--csv", "--json", "x.txt"), "gongkai parse：参数 --json 不能与 --csv 同用"),
        (("demo", "--seed", "x"), "gongkai demo：参数 --seed 的取值 'x' 无效（应为整数）"),
        (("deadline",), "gongkai deadline：缺少参数：RECEIVED"),
    ],
)
def test_argument_errors_are_one_chinese_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(message), err
    assert not _ENGLISH.search(err.replace("--help", "")), err


@pytest.mark.parametrize("command", [None, *_COMMANDS])
def test_every_help_is_chinese_and_lists_the_exit_codes(command: str | None) -> None:
    parser = build_parser()
    if command is not None:
        (subparsers,) = [a for a in parser._actions if a.dest == "command"]
        parser = subparsers.choices[command]  # type: ignore[attr-defined]
    text = parser.format_help()
    assert text.startswith("用法：")
    assert "退出码" in text
    assert not _ENGLISH.search(text.replace("--help", "")), text
    if command in (None, "check"):
        assert all(f"  {code}  " in text for code in ("0", "1", "2"))
    if command in (None, "deadline"):
        assert "  3  " in text


def test_a_url_is_not_taken_for_a_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    for url in ("http://example.gov.cn/a.pdf", "www.gov.cn/a.html", "ftp://host/a.docx"):
        code, _, err = run(capsys, "check", url)
        assert code == 2
        assert "网址不会被下载" in err and "文件不存在" not in err
