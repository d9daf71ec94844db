"""The in-process runner of the CLI tests (tests/cli_support.py) against the real
``ocop-xl`` script: the same words on stdout and stderr, the same exit codes, for help,
usage errors, a master that cannot be read, an action end to end and ``--version``."""

import os

from ocop_xl import __version__

from ..cli_support import ocop_in_process, real_ocop
from ..conftest import TINY_PROFILE


def both(*args: object, cwd=None):
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1"}
    env.pop("OCOP_XL_DEBUG", None)
    return real_ocop(*args, env=env, cwd=cwd), ocop_in_process(*args, env=env, cwd=cwd)


def same(*args: object, cwd=None):
    real, inside = both(*args, cwd=cwd)
    assert (inside.returncode, inside.stdout, inside.stderr) == (
        real.returncode,
        real.stdout,
        real.stderr,
    ), args
    return real


def test_help_usage_errors_and_version_are_the_same_in_process(tmp_path):
    assert "Cách dùng: ocop-xl [TÙY CHỌN] LỆNH [THAM SỐ]..." in same("--help").stdout
    assert "[bắt buộc]" in same("consolidate", "--help").stdout
    assert "Không có tùy chọn: --bogus" in same("consolidate", "--bogus").stderr
    assert same("consolidate").returncode == 2
    assert "Không có lệnh 'nosuch'." in same("nosuch").stderr
    assert same("--version").stdout == f"ocop-xl {__version__}\n"
    missing = same("check-config", "-w", tmp_path / "khong-co.xlsx")
    assert missing.returncode == 3 and missing.stderr


def test_an_action_end_to_end_prints_and_exits_the_same(tmp_path):
    for name in ("real", "inside"):
        (tmp_path / name).mkdir()
    real, inside = (tmp_path / "real" / "m.xlsx", tmp_path / "inside" / "m.xlsx")
    made = real_ocop("new-master", "--out", real, "--profile", TINY_PROFILE, cwd=tmp_path)
    again = ocop_in_process("new-master", "--out", inside, "--profile", TINY_PROFILE)
    assert made.returncode == again.returncode == 0, made.stderr + again.stderr
    assert made.stdout.replace("real", "inside") == again.stdout
    # the same command twice: the second one finds the master there (a usage error)
    twice = same("new-master", "--out", real, "--profile", TINY_PROFILE)
    assert twice.returncode == 2, twice.stderr
    checked = same("check-config", "--workbook", real, "--strict")
    assert checked.returncode == 0 and checked.stdout
