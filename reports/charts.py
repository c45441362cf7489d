"""Server-rendered SVG line charts of the weekly trends: no script, readable without colour (each series has
its own dash pattern and a legend), and the same numbers are in the table beside it."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from reports.trends import Trend

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 56
COLOURS = ("#1f3a5f", "#e07b00", "#1e7d4f", "#a42323", "#6b4fbb", "#0f7c8c", "#8a5a00", "#5b6675")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 4", "10 4", "4 2 1 2", "3 3")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000):
        if value <= step:
            return float(step)
    return value


def line_chart(trend: Trend) -> SafeString:
    values = [value for series in trend.series.values() for value in series if value is not None]
    top = 100.0 if trend.metric.unit == "%" else _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(trend.weeks) - 1, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - (value / top) * plot_h, 1)

    parts: list[SafeString] = []
    for fraction in (0, 0.5, 1):
        level = top * fraction
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="grid"/><text x="{}" y="{}" class="axis" text-anchor="end">'
            "{}</text>", LEFT, WIDTH - RIGHT, y(level), y(level), LEFT - 6, y(level) + 4, f"{level:g}",
        ))  # fmt: skip
    for index, week in enumerate(trend.weeks):
        if index % 2 == 0:
            parts.append(format_html(
                '<text x="{}" y="{}" class="axis" text-anchor="middle">{}</text>',
                x(index), HEIGHT - BOTTOM + 16, week.strftime("%-d %b"),
            ))  # fmt: skip
    for number, (name, series) in enumerate(trend.series.items()):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for index, value in enumerate(series):
            if value is None:
                runs.append([])
            else:
                runs[-1].append((x(index), y(value)))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{px},{py}" for px, py in run)
                parts.append(format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>',
                    points, colour, dash,
                ))  # fmt: skip
            for px, py in run:
                parts.append(format_html('<circle cx="{}" cy="{}" r="3" fill="{}"/>', px, py, colour))
        legend_y = HEIGHT - 18 + 0 * number
        legend_x = LEFT + (number % 4) * 145
        legend_y = HEIGHT - 26 + (number // 4) * 14
        parts.append(format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="{}"/>'
            '<text x="{}" y="{}" class="legend">{}</text>',
            legend_x, legend_x + 18, legend_y - 4, legend_y - 4, colour, dash, legend_x + 22, legend_y, name[:22],
        ))  # fmt: skip
    label = f"{trend.metric.label} per week" + ("" if not trend.split else f", by {trend.split}")
    body = format_html_join("", "{}", ((part,) for part in parts))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        WIDTH, HEIGHT, label, label, mark_safe(body),
    )  # fmt: skip
