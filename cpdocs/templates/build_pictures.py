"""Draw the Easy Read pictures: simple line pictures, as SVG (for PDF and HTML) and PNG (for Word).

The pictures are cpdocs' own, drawn here from a few shapes (lines, circles, arcs, polygons) on a
100 by 100 grid, so that nothing is fetched and the licence is ours to give (see
`easy-read/README.md`). Each picture is written twice from the same shapes: `NAME.svg`, which
WeasyPrint embeds in the PDF, and `NAME.png`, drawn with Pillow for Word, which cannot be relied
on to show SVG. Both are committed; run this script after changing a shape, and commit the
result (`python cpdocs/templates/build_pictures.py`). `tests/test_pictures.py` checks the SVG
files still match the shapes.
"""

from __future__ import annotations

import io
import math
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "easy-read"
INK = "#1a1a1a"
STROKE = 4.0
PNG_SIZE = 240  # pixels; shown at about 1.5 cm, that is 400 dots per inch
SUPERSAMPLE = 4


# --- shapes --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    closed: bool = False
    fill: bool = False


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: bool = False


@dataclass(frozen=True)
class Arc:
    """Part of a circle from `start` to `end` degrees, clockwise from three o'clock (y points down)."""

    cx: float
    cy: float
    r: float
    start: float
    end: float


Shape = Line | Circle | Arc


def line(*pts: tuple[float, float]) -> Line:
    return Line(tuple(pts))


def poly(*pts: tuple[float, float], fill: bool = False) -> Line:
    return Line(tuple(pts), closed=True, fill=fill)


def rect(x: float, y: float, w: float, h: float) -> Line:
    return poly((x, y), (x + w, y), (x + w, y + h), (x, y + h))


def place(shapes: list[Shape], dx: float, dy: float, s: float) -> list[Shape]:
    """The same shapes, scaled by `s` and moved by (dx, dy): for pictures made of pictures."""
    out: list[Shape] = []
    for sh in shapes:
        if isinstance(sh, Line):
            out.append(Line(tuple((dx + x * s, dy + y * s) for x, y in sh.points), sh.closed, sh.fill))
        elif isinstance(sh, Circle):
            out.append(Circle(dx + sh.cx * s, dy + sh.cy * s, sh.r * s, sh.fill))
        else:
            out.append(Arc(dx + sh.cx * s, dy + sh.cy * s, sh.r * s, sh.start, sh.end))
    return out


def person(x: float, y: float, s: float = 1.0) -> list[Shape]:
    """Head and shoulders, centred on x, head top at y; 40 units tall at s = 1."""
    return place([Circle(0, 10, 10), Arc(0, 40, 18, 180, 360), line((-18, 40), (18, 40))], x, y, s)


def house(door: bool = True) -> list[Shape]:
    walls = [poly((14, 46), (50, 14), (86, 46)), line((22, 40), (22, 88), (78, 88), (78, 40))]
    return walls + ([rect(42, 62, 16, 26)] if door else [])


def heart(cx: float, cy: float, s: float) -> list[Shape]:
    return place([Arc(-9, 0, 9, 180, 360), Arc(9, 0, 9, 180, 360), line((-18, 0), (0, 22), (18, 0))], cx, cy, s)


def star(cx: float, cy: float, r: float) -> list[Shape]:
    pts = []
    for i in range(10):
        a = math.radians(-90 + i * 36)
        rr = r if i % 2 == 0 else r * 0.45
        pts.append((round(cx + rr * math.cos(a), 2), round(cy + rr * math.sin(a), 2)))
    return [poly(*pts)]


def cloud(cx: float, cy: float, s: float) -> list[Shape]:
    return place([Arc(-12, 2, 8, 90, 270), Arc(0, -2, 12, 195, 345), Arc(12, 2, 8, 270, 450),
                  line((-12, 10), (12, 10)), line((-6, 16), (-9, 24)), line((2, 16), (-1, 24)),
                  line((10, 16), (7, 24))], cx, cy, s)


def tick(x: float, y: float, s: float = 1.0) -> list[Shape]:
    return place([line((0, 5), (4, 9), (12, 0))], x, y, s)


PICTURES: dict[str, tuple[str, list[Shape]]] = {
    "meeting": ("People sitting round a table at a meeting",
                [*person(50, 8, 0.8), *person(22, 22, 0.8), *person(78, 22, 0.8), rect(8, 62, 84, 10),
                 line((18, 72), (18, 92)), line((82, 72), (82, 92))]),
    "person": ("A person", person(50, 14, 1.6)),
    "people": ("A group of people", [*person(26, 30, 0.9), *person(74, 30, 0.9), *person(50, 18, 1.1)]),
    "child": ("A child and a grown-up", [*person(34, 10, 1.3), *person(72, 40, 0.85)]),
    "home": ("A house", house()),
    "calendar": ("A calendar", [rect(14, 20, 72, 66), line((14, 36), (86, 36)), line((30, 12), (30, 26)),
                                line((70, 12), (70, 26)), *[Circle(26 + 16 * c, 50 + 14 * r, 2.5, True)
                                                              for r in range(3) for c in range(4)]]),
    "clock": ("A clock", [Circle(50, 50, 36), line((50, 50), (50, 26)), line((50, 50), (66, 60)),
                          Circle(50, 50, 2.5, True)]),
    "phone": ("A phone", [poly((32, 10), (68, 10), (68, 90), (32, 90)), line((32, 22), (68, 22)),
                          line((32, 76), (68, 76)), Circle(50, 83, 2.5, True)]),
    "letter": ("A letter in an envelope", [rect(12, 26, 76, 50), line((12, 26), (50, 56), (88, 26)),
                                           line((12, 76), (40, 50)), line((88, 76), (60, 50))]),
    "talk": ("A speech bubble", [poly((14, 18), (86, 18), (86, 66), (46, 66), (28, 84), (30, 66), (14, 66)),
                                 line((26, 34), (74, 34)), line((26, 50), (62, 50))]),
    "plan": ("A list with ticks", [rect(22, 14, 56, 76), rect(38, 8, 24, 10), *tick(30, 30), line((48, 35), (70, 35)),
                                   *tick(30, 48), line((48, 53), (70, 53)), *tick(30, 66), line((48, 71), (70, 71))]),
    "decision": ("A tick", [Circle(50, 50, 36), *tick(30, 32, 3.4)]),
    "question": ("A question mark", [Circle(50, 50, 36), Arc(50, 38, 12, 180, 405),
                                     line((58.5, 46.5), (50, 54), (50, 60)), Circle(50, 70, 3, True)]),
    "write": ("A pencil writing on paper", [rect(16, 20, 50, 66), line((24, 36), (56, 36)), line((24, 50), (50, 50)),
                                            poly((60, 70), (84, 30), (92, 35), (68, 75)), line((60, 70), (58, 82),
                                                                                             (68, 75))]),
    "food": ("A plate with a knife and fork", [Circle(50, 52, 26), Circle(50, 52, 16), line((14, 28), (14, 80)),
                                               line((10, 28), (10, 42), (18, 42), (18, 28)),
                                               line((86, 28), (86, 80)), Arc(86, 38, 5, 90, 270)]),
    "school": ("A school", [poly((10, 40), (50, 14), (90, 40)), rect(16, 40, 68, 48), rect(42, 64, 16, 24),
                            rect(24, 50, 12, 10), rect(64, 50, 12, 10), Circle(50, 32, 5)]),
    "health": ("A health cross", [Circle(50, 50, 36), poly((44, 28), (56, 28), (56, 44), (72, 44), (72, 56),
                                                          (56, 56), (56, 72), (44, 72), (44, 56), (28, 56),
                                                          (28, 44), (44, 44))]),
    "safe": ("A shield", [poly((50, 10), (84, 22), (80, 58), (50, 90), (20, 58), (16, 22)), *tick(34, 40, 2.6)]),
    "worry": ("A worried face", [Circle(50, 50, 36), Circle(38, 42, 3, True), Circle(62, 42, 3, True),
                                 Arc(50, 76, 14, 225, 315)]),
    "happy": ("A happy face", [Circle(50, 50, 36), Circle(38, 42, 3, True), Circle(62, 42, 3, True),
                               Arc(50, 52, 18, 30, 150)]),
    "house-good": ("The house of good things: a house with a heart in it", [*house(False), *heart(50, 58, 0.85)]),
    "house-worries": ("The house of worries: a house with a rain cloud in it", [*house(False), *cloud(50, 58, 0.95)]),
    "house-dreams": ("The house of dreams: a house with a star in it", [*house(False), *star(50, 65, 17)]),
}


# --- SVG --------------------------------------------------------------------------------------------

def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _arc_points(a: Arc) -> tuple[tuple[float, float], tuple[float, float]]:
    def at(deg: float) -> tuple[float, float]:
        r = math.radians(deg)
        return a.cx + a.r * math.cos(r), a.cy + a.r * math.sin(r)

    return at(a.start), at(a.end)


def svg(name: str) -> str:
    title, shapes = PICTURES[name]
    parts = []
    for sh in shapes:
        if isinstance(sh, Line):
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in sh.points)
            tag = "polygon" if sh.closed else "polyline"
            fill = f' fill="{INK}"' if sh.fill else ""
            parts.append(f'<{tag} points="{pts}"{fill}/>')
        elif isinstance(sh, Circle):
            fill = f' fill="{INK}" stroke="none"' if sh.fill else ""
            parts.append(f'<circle cx="{_n(sh.cx)}" cy="{_n(sh.cy)}" r="{_n(sh.r)}"{fill}/>')
        else:
            (x1, y1), (x2, y2) = _arc_points(sh)
            large = 1 if (sh.end - sh.start) % 360 > 180 else 0
            parts.append(f'<path d="M{_n(x1)},{_n(y1)} A{_n(sh.r)},{_n(sh.r)} 0 {large} 1 {_n(x2)},{_n(y2)}"/>')
    body = "\n  ".join(parts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100" role="img">\n'
            f"  <title>{title}</title>\n"
            f'  <g fill="none" stroke="{INK}" stroke-width="{_n(STROKE)}" stroke-linecap="round" '
            f'stroke-linejoin="round">\n  {body}\n  </g>\n</svg>\n')


# --- PNG --------------------------------------------------------------------------------------------

def png(name: str) -> bytes:
    """The same shapes drawn with Pillow, large and then scaled down, so the edges are smooth."""
    from PIL import Image, ImageDraw

    big = PNG_SIZE * SUPERSAMPLE
    k = big / 100
    w = max(1, round(STROKE * k))
    im = Image.new("RGBA", (big, big), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    ink = (0x1A, 0x1A, 0x1A, 255)

    def dot(x: float, y: float) -> None:
        d.ellipse([x * k - w / 2, y * k - w / 2, x * k + w / 2, y * k + w / 2], fill=ink)

    for sh in PICTURES[name][1]:
        if isinstance(sh, Line):
            pts = [(x * k, y * k) for x, y in sh.points]
            if sh.fill:
                d.polygon(pts, fill=ink)
            if sh.closed:
                pts = pts + [pts[0]]
            d.line(pts, fill=ink, width=w, joint="curve")
            for x, y in sh.points:
                dot(x, y)
        elif isinstance(sh, Circle):
            box = [(sh.cx - sh.r) * k, (sh.cy - sh.r) * k, (sh.cx + sh.r) * k, (sh.cy + sh.r) * k]
            if sh.fill:
                d.ellipse(box, fill=ink)
            else:
                d.ellipse([box[0] - w / 2, box[1] - w / 2, box[2] + w / 2, box[3] + w / 2], outline=ink, width=w)
        else:
            box = [(sh.cx - sh.r - STROKE / 2) * k, (sh.cy - sh.r - STROKE / 2) * k,
                   (sh.cx + sh.r + STROKE / 2) * k, (sh.cy + sh.r + STROKE / 2) * k]
            d.arc(box, sh.start, sh.end, fill=ink, width=w)
            for x, y in _arc_points(sh):
                dot(x, y)
    im = im.resize((PNG_SIZE, PNG_SIZE), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def build(out: Path = OUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in PICTURES:
        (out / f"{name}.svg").write_text(svg(name), encoding="utf-8")
        (out / f"{name}.png").write_bytes(png(name))
        written += [out / f"{name}.svg", out / f"{name}.png"]
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(p.relative_to(HERE.parent.parent) if p.is_relative_to(HERE.parent.parent) else p)
