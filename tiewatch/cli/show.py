"""`tiewatch show ACTOR`: a dossier an analyst can read — names, designations, parts, and every tie
grouped by type with its best quote, and any denial beside the assertion."""

from __future__ import annotations

import typer

from tiewatch.cli.app import app
from tiewatch.cli.context import DB_OPTION, actor_argument, graph_of, out_console
from tiewatch.graph.evidence import best_claim, cite
from tiewatch.model import Actor, Tie, vocabulary
from tiewatch.resolve import find_actor


def _designation(d: dict) -> str:
    parts = [str(d[k]) for k in ("by", "programme") if d.get(k)]
    since = f", since {d['since']}" if d.get("since") else ""
    return ", ".join(parts) + since


def _header(store, actor: Actor) -> list[str]:
    lines = [f"{actor.label}  ({actor.kind}, id {actor.id})", "=" * len(actor.label)]
    if actor.display_name:
        lines.append(f"Name on record: {actor.name}")
    if actor.aliases:
        lines.append("Also known as: " + "; ".join(actor.aliases))
    spelled = {m.text for m in store.actor_mentions(actor.id) if not m.canonical}  # not "the group", "it"
    written = sorted(spelled - {actor.name, *actor.aliases})
    if written:
        lines.append("Also written: " + "; ".join(written))
    if actor.external_ids:
        lines.append("Ids: " + ", ".join(f"{k} {v}" for k, v in sorted(actor.external_ids.items())))
    if actor.designations:
        lines.append("Designated:")
        lines += [f"  - {_designation(d)}" for d in actor.designations]
    parent = store.actor_parent(actor.id)
    if parent:
        lines.append(f"Part of: {parent[1]}")
    parts = store.actor_parts(actor.id)
    if parts:
        lines.append("Parts: " + ", ".join(name for _, name in parts))
    claims = f"{actor.claim_count} claim" + ("" if actor.claim_count == 1 else "s")
    lines.append(f"First seen: {actor.first_seen or 'unknown'} · {claims}")
    return lines


def _tie_lines(store, tie: Tie) -> list[str]:
    spec = vocabulary().get(tie.type)
    arrow = "\u2194" if spec is not None and spec.symmetric else "\u2192"
    counts = f"{tie.asserted} asserted, {tie.denied} denied, {tie.hedged} hedged"
    span = tie.first_seen if tie.first_seen == tie.last_seen else f"{tie.first_seen} \u2013 {tie.last_seen}"
    plural = "" if tie.sources == 1 else "s"
    lines = [f"  {tie.subject} {arrow} {tie.object}   {tie.grade} · {tie.sources} independent source{plural} · "
             f"{counts} · {span}"]
    claims = store.claims_for_tie(tie.id)
    for polarity in ("asserted", "hedged", "denied"):
        claim = best_claim(claims, polarity)
        if claim is not None:
            lines.append(f"    {polarity + ':':<9} {cite(claim)}")
    return lines


def dossier(store, actor: Actor) -> str:
    lines = _header(store, actor)
    by_type: dict[str, list[Tie]] = {}
    for tie in store.list_ties(actor_id=actor.id):
        by_type.setdefault(tie.type, []).append(tie)
    lines += ["", "Ties" if by_type else "No ties yet."]
    for tie_type in [t for t in vocabulary() if t in by_type] + [t for t in by_type if t not in vocabulary()]:
        lines.append(f"\n{tie_type}")
        for tie in sorted(by_type[tie_type], key=lambda t: (-t.sources, t.grade, t.object or "")):
            lines += _tie_lines(store, tie)
    return "\n".join(lines)


@app.command()
def show(ctx: typer.Context, actor: str = actor_argument(), db: str = DB_OPTION) -> None:
    """A dossier on ACTOR (name, alias or id): aliases, designations, ties with quotes and denials."""
    store = graph_of(ctx, db)
    out_console.print(dossier(store, find_actor(store, actor)), markup=False)
