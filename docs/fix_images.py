"""Redraw the README's before-and-after pictures of `cpdocs fix`: LibreOffice's rendering of a fixture
draft, and of its suggested copy with the tracked changes shown (new words underlined, old words
struck through, a bar in the margin).

    python docs/fix_images.py

Needs LibreOffice (soffice) and pdftoppm. Writes docs/images/fix-before.png and fix-after.png.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DRAFT = ROOT / "fixtures" / "eval" / "docs" / "04_youth_justice_agency.docx"
# Each picture shows these parts of the draft: from the line starting with the first words to the line
# starting with the second (an acronym written out at its first use; a term swapped for plain words).
PARTS = [("Tyrese was made subject", "ENGAGEMENT WITH"), ("Tyrese lives with", "RISKS")]
DPI = 110


def _pdf(docx: Path, out: Path, profile: Path) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(docx)], check=True, capture_output=True, timeout=300)
    return out / f"{docx.stem}.pdf"


def _crops(pdf: Path, out: Path) -> list[Path]:
    import pdfplumber

    crops = []
    with pdfplumber.open(pdf) as doc:
        for n, (first, last) in enumerate(PARTS):
            for i, page in enumerate(doc.pages):
                lines = page.extract_text_lines()
                top = next((ln["top"] for ln in lines if ln["text"].startswith(first)), None)
                end = next((ln["top"] for ln in lines if ln["text"].startswith(last)), None)
                if top is None or end is None:
                    continue
                scale = DPI / 72
                x, y = int(60 * scale), int((top - 3) * scale)
                w, h = int((page.width - 120) * scale), int((end - top) * scale)
                stem = out / f"{pdf.stem}-{n}"
                subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(i + 1), "-l", str(i + 1),
                                "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h), "-singlefile",
                                str(pdf), str(stem)], check=True, timeout=120)
                crops.append(stem.with_suffix(".png"))
                break
    return crops


def _stack(parts: list[Path], target: Path) -> None:
    from PIL import Image

    images = [Image.open(p).convert("RGB") for p in parts]
    gap = 12
    out = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images) + gap * (len(images) - 1)),
                    "white")
    y = 0
    for im in images:
        out.paste(im, (0, y))
        y += im.height + gap
    out.save(target, optimize=True)


def main() -> None:
    from cpdocs.config import Config
    from cpdocs.lint.fixer import fix_draft

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = work / "before.docx"
        before.write_bytes(DRAFT.read_bytes())
        after = work / "after.docx"
        after.write_bytes(fix_draft(str(DRAFT), DRAFT.read_bytes(), Config()).copy)
        images = ROOT / "docs" / "images"
        for docx, name in ((before, "fix-before.png"), (after, "fix-after.png")):
            _stack(_crops(_pdf(docx, work, work / "profile"), work), images / name)
            print(f"wrote docs/images/{name}")


if __name__ == "__main__":
    main()
