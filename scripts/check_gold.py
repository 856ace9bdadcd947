"""Check annotated gold files: valid YAML, known tie types and polarities (the benchmark loader's
own checks), and every end has at least one name that the paragraph's text contains.

    python scripts/check_gold.py benchmarks/real/train/cia.yaml [...]

Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from tiewatch.bench.gold import name_key, parse_tie
from tiewatch.model import NotFound


def problems(path: Path) -> list[str]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{path}: not valid YAML: {str(exc).splitlines()[0]}"]
    out = []
    for para in data.get("paragraphs") or []:
        text = name_key(para.get("text") or "")
        for n, raw in enumerate(para.get("ties") or []):
            where = f"{path.name}: {para.get('id')}: tie {n + 1}"
            try:
                parse_tie(raw, where)
            except NotFound as exc:
                out.append(str(exc))
                continue
            for end in ("subject", "object"):
                names = [raw[end]] if isinstance(raw[end], str) else raw[end]
                if not any(name_key(name) in text for name in names):
                    out.append(f"{where}: no {end} name occurs in the text: {names}")
    return out


def main() -> int:
    found = [p for arg in sys.argv[1:] for p in problems(Path(arg))]
    print("\n".join(found) or "ok")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
