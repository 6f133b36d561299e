"""Small SVG pictures for self-contained reports: a heatmap, a network and a line chart.

The reports must open offline and print well, so pictures are inline SVG text rather than
images from a plotting library (matplotlib would add tens of megabytes for three pictures and
still need its output embedded). Layout is networkx's (``spring_layout``); this module only
draws. Every picture scales to the page through its ``viewBox`` and carries a ``<title>`` per
mark, which browsers show as a tooltip.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

import networkx as nx

__all__ = ["PALETTE", "heatmap", "line_chart", "network"]

# Colour-blind-safe qualitative palette (Okabe and Ito), cycled for communities and series.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
_FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" role="img" aria-label="{escape(label)}" {_FONT}>'
        f"<title>{escape(label)}</title>" + "".join(body) + "</svg>"
    )


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Mapping[tuple[str, str], str],
    colours: Mapping[str, str],
    *,
    title: str = "heatmap",
) -> str:
    """A grid of rows by columns; ``cells[(row, column)]`` names a category coloured by ``colours``.

    Examples
    --------
    >>> svg = heatmap(["BDT", "TSB"], ["C2", "C5"], {("BDT", "C2"): "lead"}, {"lead": "#000"})
    >>> "BDT – C2: lead" in svg, "TSB – C5: none" in svg
    (True, True)
    """
    cell, left = 16, 8 + 7 * max((len(r) for r in rows), default=1)
    top = 8 + 6 * max((len(c) for c in columns), default=1)
    legend_y = top + cell * len(rows) + 16
    # Labels lean right at 60°: leave room for the last ones.
    width = max(left + cell * len(columns) + 3 * max((len(c) for c in columns), default=1), 320)
    height = legend_y + 20
    body = [f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>']
    for j, col in enumerate(columns):
        x = left + j * cell + cell / 2
        body.append(
            f'<text x="{x:.1f}" y="{top - 4}" font-size="10" '
            f'transform="rotate(-60 {x:.1f} {top - 4})">{escape(col)}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * cell
        body.append(
            f'<text x="{left - 4}" y="{y + cell - 4}" font-size="10" '
            f'text-anchor="end">{escape(row)}</text>'
        )
        for j, col in enumerate(columns):
            kind = cells.get((row, col))
            fill = colours.get(kind, "#999") if kind else "#f2f2f2"
            tip = f"{row} – {col}: {kind}" if kind else f"{row} – {col}: none"
            body.append(
                f'<rect x="{left + j * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                f'fill="{fill}"><title>{escape(tip)}</title></rect>'
            )
    x = 8
    for kind, fill in colours.items():
        body.append(f'<rect x="{x}" y="{legend_y}" width="10" height="10" fill="{fill}"/>')
        body.append(f'<text x="{x + 14}" y="{legend_y + 9}" font-size="10">{escape(kind)}</text>')
        x += 24 + 6 * len(kind)
    return _svg(width, height, body, title)


def network(
    graph: nx.Graph,
    *,
    groups: Mapping[object, int] | None = None,
    square: set | None = None,
    seed: int = 0,
    title: str = "network",
    size: int = 640,
) -> str:
    """Draw ``graph`` with networkx's spring layout (fixed ``seed``): nodes coloured by
    ``groups`` (e.g. communities), nodes in ``square`` drawn as squares; each node is named by
    its id (shown for nodes of degree ≥ 2 or in small graphs) and its ``label`` attribute
    (in the tooltip).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("BDT", "C2"), ("TSB", "C2")])
    >>> svg = network(g, square={"BDT", "TSB"}, seed=1)
    >>> svg.count("<line"), svg.count("<rect") - 1, svg.count("<circle")
    (2, 2, 1)
    """
    groups = groups or {}
    square = square or set()
    body = [f'<rect x="0" y="0" width="{size}" height="{size}" fill="white"/>']
    if graph.number_of_nodes():
        pos = nx.spring_layout(
            graph, seed=seed, k=1.5 / math.sqrt(graph.number_of_nodes()), method="force"
        )
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        margin = 40

        def at(node: object) -> tuple[float, float]:
            x, y = pos[node]
            scale = (size - 2 * margin) / span
            return margin + (x - min(xs)) * scale, margin + (y - min(ys)) * scale

        for u, v in sorted(graph.edges(), key=lambda e: (str(e[0]), str(e[1]))):
            (x1, y1), (x2, y2) = at(u), at(v)
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="#bbb" stroke-width="0.8"/>'
            )
        show_all = graph.number_of_nodes() <= 60
        for node in sorted(graph.nodes(), key=str):
            x, y = at(node)
            fill = PALETTE[groups.get(node, 0) % len(PALETTE)] if node in groups else "#777"
            name = str(node)
            label = str(graph.nodes[node].get("label") or "")
            tip = f"<title>{escape(f'{name}: {label}' if label else name)}</title>"
            if node in square:
                body.append(
                    f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                    f'fill="{fill}" stroke="white">{tip}</rect>'
                )
            else:
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" '
                    f'stroke="white">{tip}</circle>'
                )
            if show_all or node in square or graph.degree(node) >= 2:
                body.append(
                    f'<text x="{x + 7:.1f}" y="{y + 3:.1f}" font-size="9">{escape(name)}</text>'
                )
    return _svg(size, size, body, title)


def line_chart(
    xs: Sequence[float],
    series: Mapping[str, Sequence[float]],
    *,
    x_label: str,
    y_label: str,
    title: str = "chart",
    log: bool = False,
) -> str:
    """One or more series against ``xs``, on linear or log–log axes.

    Examples
    --------
    >>> svg = line_chart([1, 10, 100], {"time (s)": [0.1, 1, 10]}, x_label="n", y_label="s")
    >>> svg.count("<circle")
    3
    """
    width, height, left, bottom, top, right = 560, 320, 60, 40, 20, 150
    values = [v for s in series.values() for v in s]
    tx = (lambda v: math.log10(v)) if log else (lambda v: v)
    x0, x1 = tx(min(xs)), tx(max(xs))
    y0, y1 = (tx(min(values)), tx(max(values))) if log else (0.0, max(values) or 1.0)
    x1, y1 = (x1 if x1 > x0 else x0 + 1), (y1 if y1 > y0 else y0 + 1)

    def px(v: float) -> float:
        return left + (tx(v) - x0) / (x1 - x0) * (width - left - right)

    def py(v: float) -> float:
        return height - bottom - (tx(v) - y0) / (y1 - y0) * (height - bottom - top)

    axis = f"{height - bottom}"
    body = [
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{axis}" stroke="#333"/>',
        f'<text x="{(left + width - right) / 2}" y="{height - 8}" font-size="11" '
        f'text-anchor="middle">{escape(x_label)}</text>',
        f'<text x="14" y="{(top + height - bottom) / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 14 {(top + height - bottom) / 2})">{escape(y_label)}</text>',
    ]
    for x in xs:
        body.append(
            f'<text x="{px(x):.1f}" y="{height - bottom + 14}" font-size="9" '
            f'text-anchor="middle">{x:g}</text>'
        )
    if log:
        ticks = [10.0**e for e in range(math.floor(y0), math.ceil(y1) + 1)]
    else:
        ticks = [y1 * k / 4 for k in range(5)]
    for t in ticks:
        if (tx(t) < y0 - 1e-9) or (tx(t) > y1 + 1e-9):
            continue
        body.append(
            f'<line x1="{left - 4}" y1="{py(t):.1f}" x2="{width - right}" y2="{py(t):.1f}" '
            f'stroke="#e5e5e5"/>'
            f'<text x="{left - 6}" y="{py(t) + 3:.1f}" font-size="9" '
            f'text-anchor="end">{t:g}</text>'
        )
    for k, (name, ys) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in zip(xs, ys, strict=True):
            body.append(
                f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(name)}: {y:g} at {x:g}</title></circle>"
            )
        ly = top + 14 * k + 6
        body.append(
            f'<line x1="{width - right + 10}" y1="{ly}" x2="{width - right + 26}" y2="{ly}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        body.append(
            f'<text x="{width - right + 30}" y="{ly + 3}" font-size="10">{escape(name)}</text>'
        )
    return _svg(width, height, body, title)
