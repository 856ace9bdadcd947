"""`tiewatch bench train`: fit the tie classifier from annotated paragraphs and write the model file.

    python -m tiewatch.bench.train [--out tiewatch/extract/data/ties-model.json]

Training data: the real annotated paragraphs of `benchmarks/real/train` plus the paragraph sets
written for tuning (`benchmarks/devset`, `benchmarks/devset2`). Model choice (the regularisation
strength and the decision threshold) is made on `benchmarks/real/dev`. The frozen
`benchmarks/real/test`, the held-out set, the seed and re3d are never read here.

Every candidate pair the extractor sees becomes one example: its features (tiewatch.extract.pairs)
and its class — the first type of a gold tie whose ends are the pair's two mentions, with the
direction relative to text order, or "none". A denied or hedged gold tie still names its type:
polarity is read from the clause afterwards, not learned. The fit (scikit-learn's multinomial
logistic regression, lbfgs) is deterministic, so the same data gives the same file.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Iterable, Iterator

from tiewatch.bench.gold import GoldDoc, GoldSet, GoldTie
from tiewatch.bench.quality import DEFAULT_SETS, documents, load_set
from tiewatch.bench.scorer import end_matches, score
from tiewatch.model import TiewatchError

TRAIN_SETS = ("real-train", "devset", "devset2")
DEV_SET = "real-dev"
C_GRID = (0.3, 1.0)
NONE_WEIGHTS = (0.3, 1.0)  # the weight of "no tie" examples against tie examples
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
VETOES = (0.8, 0.95, 1.0)  # the probability of "no tie" that overrules a rule's finding (1.0: never)
MIN_WEIGHT = 0.02  # a feature whose every weight is smaller is left out of the shipped file
MIN_PRECISION = 0.5  # an analyst's floor: at least half of what the engine claims is right


def gold_label(ties: list[GoldTie], first, second) -> tuple[int, str] | None:
    """(index of the gold tie, class) for a candidate pair whose ends are a gold tie's, else None."""
    from tiewatch.extract.pairs import label

    for n, tie in enumerate(ties):
        if end_matches(tie.subject, None, first) and end_matches(tie.object, None, second):
            return n, label(tie.types[0], True)
        if end_matches(tie.subject, None, second) and end_matches(tie.object, None, first):
            return n, label(tie.types[0], False)
    return None


def _path_length(feats: set[str]) -> int:
    return next((int(f[5:]) for f in feats if f.startswith("plen=")), 99)


def document_examples(ties: list[GoldTie], pairs: list[tuple[set[str], object, object]]) -> Iterator[tuple[set[str], str]]:
    """(features, class) of one document's candidate pairs. A gold tie labels only the pairs with
    its two ends that are closest in the parse (the sentence that states it, most likely); the
    same two names elsewhere in the paragraph are left out rather than called "no tie" or "tie"."""
    from tiewatch.extract.pairs import NONE

    labelled = [(feats, gold_label(ties, first, second)) for feats, first, second in pairs]
    closest: dict[int, int] = {}
    for feats, found in labelled:
        if found is not None:
            closest[found[0]] = min(closest.get(found[0], 99), _path_length(feats))
    for feats, found in labelled:
        if found is None:
            yield feats, NONE
        elif _path_length(feats) == closest[found[0]]:
            yield feats, found[1]


def examples(goldsets: Iterable[GoldSet]) -> tuple[list[set[str]], list[str]]:
    """(features, class) of the candidate pairs in the gold sets' paragraphs."""
    from tiewatch.extract.engine import parsed, rule_findings
    from tiewatch.extract.pairs import candidates, features

    X: list[set[str]] = []
    y: list[str] = []
    for goldset in goldsets:
        by_id: dict[str, GoldDoc] = {d.id: d for d in goldset.docs}
        for doc, paras in parsed(documents(goldset)):
            pairs = [(features(pair, para.doc), pair.first, pair.second)
                     for para in paras for sent in para.doc.sents
                     for pair in candidates(para, sent, rule_findings(para, sent))]
            for feats, value in document_examples(by_id[doc.origin].ties, pairs):
                X.append(feats)
                y.append(value)
    return X, y


def fit(X: list[set[str]], y: list[str], c: float, none_weight: float, about: dict):
    """A TieModel fitted on the examples (threshold left at 0; chosen on dev afterwards)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from tiewatch.extract.classifier import TieModel

    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform([{f: 1 for f in sorted(x)} for x in X])
    model = LogisticRegression(C=c, max_iter=3000, solver="lbfgs", tol=1e-6)
    model.fit(matrix, y, sample_weight=[none_weight if label == "none" else 1.0 for label in y])
    names = vectorizer.get_feature_names_out()
    weights = {}
    for column, feature in enumerate(names):
        row = tuple(round(float(w), 3) for w in model.coef_[:, column])
        if any(abs(w) >= MIN_WEIGHT for w in row):
            weights[str(feature)] = row
    intercept = tuple(round(float(b), 4) for b in model.intercept_)
    return TieModel(tuple(str(c) for c in model.classes_), intercept, weights, 0.0, dict(about, C=c, none_weight=none_weight))


def _fingerprint(folder: Path, names: Iterable[str]) -> dict[str, str]:
    out = {}
    for name in names:
        base = folder / (name.replace("real-", "real/") if name.startswith("real-") else name)
        digest = hashlib.sha256()
        for path in sorted(base.glob("*.yaml")):
            digest.update(path.name.encode() + path.read_bytes())
        out[name] = digest.hexdigest()[:16]
    return out


def _reviewed(goldset: GoldSet) -> GoldSet:
    """The real set's paragraphs that have had their second reading; an unannotated paragraph
    (`ties: []` still to be filled in) would otherwise teach that nothing in it is a tie."""
    if not goldset.name.startswith("real-"):
        return goldset
    return GoldSet(goldset.name, [d for d in goldset.docs if d.reviewed])


def train(sets_dir: Path = DEFAULT_SETS, log=print):
    """The model chosen on dev: over the grid of C, "none" weight, threshold and veto, the best
    typed F1 on dev among settings whose precision reaches MIN_PRECISION (else the best F1)."""
    from dataclasses import replace

    from tiewatch.extract.engine import extract_parsed, parsed
    from tiewatch.extract.learned import sentence_findings

    train_sets = [_reviewed(load_set(name, sets=sets_dir)) for name in TRAIN_SETS]
    dev = _reviewed(load_set(DEV_SET, sets=sets_dir))
    X, y = examples(train_sets)
    dev_parsed = list(parsed(documents(dev)))

    def dev_score(model):
        found = extract_parsed(dev_parsed, lambda para, sent: sentence_findings(para, sent, model), "learned")
        return score(dev, {doc.origin: claims for doc, _mentions, claims in found}).typed

    positives = sum(label != "none" for label in y)
    log(f"{len(y)} candidate pairs from {sum(len(g.docs) for g in train_sets)} paragraphs, {positives} with a tie")
    about = {"trained_on": _fingerprint(sets_dir, TRAIN_SETS), "examples": len(y), "positives": positives,
             "chosen_on": DEV_SET}
    best = None
    for c in C_GRID:
        for none_weight in NONE_WEIGHTS:
            model = fit(X, y, c, none_weight, about)
            for threshold in THRESHOLDS:
                for veto in VETOES:
                    candidate = replace(model, threshold=threshold, veto=veto)
                    t = dev_score(candidate)
                    log(f"C={c} none_weight={none_weight} threshold={threshold} veto={veto}: "
                        f"dev typed P {t.precision:.2f} R {t.recall:.2f} F1 {t.f1:.2f}")
                    rank = (t.precision >= MIN_PRECISION, round(t.f1, 4), -c, none_weight, threshold, veto)
                    if best is None or rank > best[0]:
                        best = (rank, candidate, t)
    assert best is not None
    _rank, model, t = best
    chosen = replace(model, about=dict(model.about, threshold=model.threshold, veto=model.veto,
                                       dev={"precision": round(t.precision, 3), "recall": round(t.recall, 3),
                                            "f1": round(t.f1, 3), "gold": t.gold}))
    return chosen


def main(argv: list[str] | None = None) -> int:
    import json

    from tiewatch.extract.classifier import shipped_path

    parser = argparse.ArgumentParser(prog="python -m tiewatch.bench.train", description=__doc__.splitlines()[0])
    parser.add_argument("--sets-dir", type=Path, default=DEFAULT_SETS, help="the benchmarks folder (real/, devset/, devset2/)")
    parser.add_argument("--out", type=Path, default=shipped_path(), help="where to write the model (default: the shipped one)")
    args = parser.parse_args(argv)
    try:
        import sklearn  # noqa: F401  (asked for here, so a missing extra is one line, not a traceback)
    except ImportError:
        print("error: training needs scikit-learn; install it with: pip install -e '.[train]'", file=sys.stderr)
        return 2
    try:
        model = train(args.sets_dir, log=lambda line: print(line, file=sys.stderr))
        args.out.write_text(json.dumps(model.to_json(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    except TiewatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: C={model.about['C']}, threshold {model.threshold}, veto {model.veto}, "
          f"dev typed F1 {model.about['dev']['f1']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
