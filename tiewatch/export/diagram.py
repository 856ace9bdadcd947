"""A picture of a sub-network as a standalone SVG: actors placed by networkx's spring layout,
ties as arrows labelled with their type (parallel ties bend apart), denied-only ties dashed red,
hedged-only ties dashed grey. Every text is XML-escaped; nothing is loaded from outside.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from tiewatch.model import Actor, Tie

WIDTH, HEIGHT, MARGIN_X, MARGIN_Y, RADIUS = 860, 560, 150, 50, 14
COLOURS = {"group": "#c0392b", "person": "#2c7fb8", "state": "#7b5ea7", "place": "#2e8b57", "other": "#7f8c8d"}


def _layout(actors: list[Actor], ties: list[Tie]) -> dict[int, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_nodes_from(a.id for a in actors)
    graph.add_edges_from((t.subject_id, t.object_id) for t in ties)
    if len(graph) == 1:
        return {next(iter(graph)): (WIDTH / 2, HEIGHT / 2)}
    raw = nx.spring_layout(graph, seed=7, k=1.6 / max(len(graph), 1) ** 0.5, iterations=200)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        node: (MARGIN_X + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN_X),
               MARGIN_Y + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN_Y))
        for node, (x, y) in raw.items()
    }


def _style(tie: Tie) -> str:
    if tie.denied and not (tie.asserted or tie.hedged):
        return 'stroke="#c0392b" stroke-dasharray="6 4"'
    if tie.hedged and not tie.asserted:
        return 'stroke="#95a5a6" stroke-dasharray="3 3"'
    return 'stroke="#34495e"'


def _edge(tie: Tie, start: tuple[float, float], end: tuple[float, float], bend: float) -> str:
    """A quadratic curve bent `bend` pixels off the straight line; a reversed tie bends the other way."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    nx_, ny_ = -dy / length, dx / length  # unit normal
    cx, cy = (x1 + x2) / 2 + nx_ * bend, (y1 + y2) / 2 + ny_ * bend
    tail = max(((x2 - cx) ** 2 + (y2 - cy) ** 2) ** 0.5, 1.0)
    ex, ey = x2 - (x2 - cx) / tail * (RADIUS + 3), y2 - (y2 - cy) / tail * (RADIUS + 3)  # stop at the rim
    width = 1.2 + min(tie.sources, 6) * 0.6
    lx, ly = (x1 + 2 * cx + x2) / 4, (y1 + 2 * cy + y2) / 4
    label = escape(f"{tie.type.replace('_', ' ')} ({tie.grade})")
    return (
        f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" {_style(tie)} '
        f'stroke-width="{width:.1f}" marker-end="url(#arrow)"><title>{escape(str(tie.subject))} {label} '
        f'{escape(str(tie.object))}</title></path>\n'
        f'<text x="{lx:.1f}" y="{ly:.1f}" class="edge">{label}</text>'
    )


def render_svg(actors: Iterable[Actor], ties: Iterable[Tie], focus: Iterable[int] = ()) -> str:
    """SVG markup (no XML declaration, so it can sit inline in HTML or stand alone as a file)."""
    actors, ties = list(actors), list(ties)
    focus = set(focus)
    places = _layout(actors, ties)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-label="Network of the ties in this brief">',
        "<style>text{font-family:Helvetica,Arial,sans-serif}.edge{font-size:10px;fill:#555;"
        "text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}.node{font-size:12px;fill:#111;"
        "text-anchor:middle;paint-order:stroke;stroke:#fff;stroke-width:3px}.focus{font-weight:bold}</style>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#34495e"/></marker></defs>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    drawn = [t for t in ties if t.subject_id in places and t.object_id in places]
    totals = Counter(frozenset((t.subject_id, t.object_id)) for t in drawn)
    seen: dict[frozenset, int] = defaultdict(int)
    for tie in drawn:
        key = frozenset((tie.subject_id, tie.object_id))
        index = seen[key]
        seen[key] += 1
        # alternate sides of the line between the pair (measured one fixed way round), wider each time
        offset = 0.0 if totals[key] == 1 else (34 + 40 * (index // 2)) * (1 if index % 2 == 0 else -1)
        toward = 1 if tie.subject_id < tie.object_id else -1
        parts.append(_edge(tie, places[tie.subject_id], places[tie.object_id], bend=offset * toward))
    for actor in actors:
        x, y = places[actor.id]
        colour = COLOURS.get(actor.kind, COLOURS["other"])
        cls = "node focus" if actor.id in focus else "node"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill={quoteattr(colour)} stroke="#222" '
            f'stroke-width="{2.5 if actor.id in focus else 1}"><title>{escape(actor.name)} ({escape(actor.kind)})'
            f'</title></circle>\n<text x="{x:.1f}" y="{y + RADIUS + 14:.1f}" class="{cls}">{escape(actor.name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
