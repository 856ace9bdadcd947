"""Run `tiewatch` as its own process (so it can be killed for real), from the repository root."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tiewatch.bench.crash import CLI

ROOT = Path(__file__).resolve().parents[2]


def start_cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.Popen([*CLI, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    proc = start_cli(*args)
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
