"""The Easy Read pictures: drawn by the project, shipped as SVG and PNG from the same shapes, all used ones present."""

from __future__ import annotations

import io
import re

from helpers import ROOT
from PIL import Image, ImageChops

from cpdocs.generate import pictures
from cpdocs.templates import build_pictures

FOLDER = ROOT / "cpdocs" / "templates" / "easy-read"


def test_the_svg_files_are_what_the_shapes_draw():
    for name in build_pictures.PICTURES:
        assert (FOLDER / f"{name}.svg").read_text(encoding="utf-8") == build_pictures.svg(name), (
            f"{name}.svg differs from its shapes: run python cpdocs/templates/build_pictures.py and commit")


def test_every_picture_has_a_png_for_word_and_a_description():
    assert set(build_pictures.PICTURES) == pictures.names()
    for name in pictures.names():
        im = Image.open(io.BytesIO(pictures.png(name)))
        assert im.size == (build_pictures.PNG_SIZE, build_pictures.PNG_SIZE) and im.mode == "RGBA"
        assert im.getbbox() is not None  # something is drawn
        assert pictures.alt(name) and pictures.alt(name) != name


def test_the_png_is_drawn_from_the_same_shapes():
    """Redrawn now, each PNG has ink where the committed one has ink (Pillow versions may differ in bytes)."""
    for name in ("calendar", "house-dreams"):
        now = Image.open(io.BytesIO(build_pictures.png(name))).split()[3].point(lambda a: 255 if a > 128 else 0)
        kept = Image.open(FOLDER / f"{name}.png").split()[3].point(lambda a: 255 if a > 128 else 0)
        differ = ImageChops.difference(now, kept).histogram()[255]
        assert differ < 0.01 * now.size[0] * now.size[1], name


def test_every_picture_a_template_asks_for_exists():
    asked = set()
    for path in (ROOT / "cpdocs" / "templates").rglob("*.j2"):
        text = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r'picture\("([a-z-]+)"', text)) | set(re.findall(r'point\("([a-z-]+)"', text))
        asked |= set(re.findall(r"%\}\s*([a-z]+)\s*$", text, re.M)) & pictures.names()
    assert asked and asked <= pictures.names(), asked - pictures.names()


def test_the_licence_note_ships_with_the_pictures():
    note = (FOLDER / "README.md").read_text(encoding="utf-8")
    assert "drew them" in note and "CC0" in note
    for name in pictures.names():
        assert f"`{name}`" in note, name


def test_a_picture_in_html_is_self_contained_and_described():
    html = str(pictures.img("phone"))
    assert html.startswith('<img class="picture" src="data:image/svg+xml;base64,')
    assert 'alt="A phone"' in html and 'data-picture="phone"' in html
