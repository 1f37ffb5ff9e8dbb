"""How the import's cost grows with the vault: the per-session figures and a small chart.

The chart is an SVG drawn from the run's own numbers (no plotting library): CPU time per
session against the number of sessions, with the mean and its ±25 % band.
"""

from __future__ import annotations

from pathlib import Path

from tests.bench.harness import ROOT

CHART = ROOT / "docs" / "images" / "import-scaling.svg"
#: How far one size's time per session may stray from the mean of all sizes.
BAND = 0.25

_W, _H, _LEFT, _RIGHT, _TOP, _BOTTOM = 500, 260, 64, 40, 28, 44


def per_session_ms(runs: list[tuple[int, float]]) -> list[float]:
    """CPU milliseconds per session of each (sessions, CPU seconds) run."""
    return [1000 * seconds / sessions for sessions, seconds in runs]


def deviations(runs: list[tuple[int, float]]) -> list[float]:
    """Each run's time per session against the mean of all, as a fraction (+0.1 = 10 %)."""
    per = per_session_ms(runs)
    mean = sum(per) / len(per)
    return [p / mean - 1 for p in per]


def svg(runs: list[tuple[int, float]]) -> str:
    """The chart: sessions on x, CPU ms per session on y, the ±25 % band around the mean."""
    per = per_session_ms(runs)
    mean = sum(per) / len(per)
    top = max(max(per), mean * (1 + BAND)) * 1.15
    most = max(n for n, _ in runs)
    inner_w, inner_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM

    def x(sessions: float) -> float:
        return _LEFT + inner_w * sessions / most

    def y(ms: float) -> float:
        return _TOP + inner_h * (1 - ms / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" '
        f'viewBox="0 0 {_W} {_H}" font-family="sans-serif" font-size="11">',
        f'<rect width="{_W}" height="{_H}" fill="#ffffff"/>',
        f'<text x="{_LEFT}" y="16" font-size="12">Import: CPU time per session '
        f'(ms) as the vault grows</text>',
        f'<rect x="{_LEFT}" y="{y(mean * (1 + BAND)):.1f}" width="{inner_w}" '
        f'height="{y(mean * (1 - BAND)) - y(mean * (1 + BAND)):.1f}" fill="#e8eef6"/>',
        f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{y(mean):.1f}" y2="{y(mean):.1f}" '
        f'stroke="#7b8fa8" stroke-dasharray="4 3"/>',
        f'<text x="{_LEFT + 6}" y="{y(mean * (1 - BAND)) - 6:.1f}" '
        f'fill="#51657d">mean {mean:.2f} ms (dashed), band ±{BAND:.0%}</text>',
        f'<line x1="{_LEFT}" x2="{_LEFT}" y1="{_TOP}" y2="{_TOP + inner_h}" stroke="#333"/>',
        f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{_TOP + inner_h}" y2="{_TOP + inner_h}" '
        f'stroke="#333"/>',
    ]
    for tick in (0.0, top / 2, top):
        parts.append(f'<text x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
                     f'{tick:.1f}</text>')
    points = [(x(n), y(p)) for (n, _), p in zip(runs, per, strict=True)]
    parts.append('<polyline fill="none" stroke="#2a5d9f" stroke-width="2" points="'
                 + " ".join(f"{px:.1f},{py:.1f}" for px, py in points) + '"/>')
    for ((n, _), p), (px, py) in zip(zip(runs, per, strict=True), points, strict=True):
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="#2a5d9f"/>')
        parts.append(f'<text x="{px:.1f}" y="{py - 8:.1f}" text-anchor="middle">{p:.2f}</text>')
        parts.append(f'<text x="{px:.1f}" y="{_TOP + inner_h + 16}" text-anchor="middle">'
                     f'{n:,}</text>')
    parts.append(f'<text x="{_LEFT + inner_w / 2:.1f}" y="{_H - 8}" text-anchor="middle">'
                 'sessions imported</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_chart(runs: list[tuple[int, float]], path: Path = CHART) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(svg(runs))
    return path
