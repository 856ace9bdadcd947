"""Write the hostile corpus of issue 13 (crafted files over every format, good files mixed in).

    .venv/bin/python scripts/hostile_corpus.py OUT [--seed 13] [--scale 1] [--skip KIND]...

`tiewatch bench fuzz` generates the same corpus in a temporary folder and ingests it.
"""

import sys

from tiewatch.bench.hostile.corpus import main

if __name__ == "__main__":
    sys.exit(main())
