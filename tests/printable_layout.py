"""Where things are on a PDF page: text pieces and drawn rectangles, read back with pypdf.

Coordinates are PDF points from the bottom-left corner of the page (y grows upwards).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader

MM = 72 / 25.4
PAINT = (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")


@dataclass(frozen=True)
class Piece:
    page: int
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Rect:
    page: int
    left: float
    bottom: float
    right: float
    top: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.top - self.bottom

    def holds(self, piece: Piece, slack: float = 1.0) -> bool:
        return (
            piece.page == self.page
            and self.left - slack <= piece.x <= self.right + slack
            and self.bottom - slack <= piece.y <= self.top + slack
        )


def _apply(matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = (float(v) for v in matrix)
    return a * x + c * y + e, b * x + d * y + f


def layout(data: bytes) -> tuple[list[Piece], list[Rect]]:
    """Every text piece and every rectangle drawn (borders, boxes) on every page."""
    pieces: list[Piece] = []
    rects: list[Rect] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        path: list[tuple[float, float]] = []

        def before(operator, operands, cm, tm, number=number, path=path):
            if operator == b"re":
                x, y, w, h = (float(v) for v in operands)
                path += [_apply(cm, x, y), _apply(cm, x + w, y + h)]
            elif operator in (b"m", b"l", b"c", b"v", b"y"):  # the end point of lines and curves
                path.append(_apply(cm, float(operands[-2]), float(operands[-1])))
            elif operator in PAINT and path:
                xs, ys = [p[0] for p in path], [p[1] for p in path]
                rects.append(Rect(number, min(xs), min(ys), max(xs), max(ys)))
                path.clear()
            elif operator == b"n":
                path.clear()

        def text(value, cm, tm, font, size, number=number):
            if value.strip():
                x, y = _apply(cm, float(tm[4]), float(tm[5]))
                pieces.append(Piece(number, x, y, value))

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return pieces, rects


def find(pieces: list[Piece], words: str, start: int = 0) -> int:
    """Index of the first piece at or after ``start`` whose text contains ``words``."""
    for index in range(start, len(pieces)):
        if words in " ".join(pieces[index].text.split()):
            return index
    raise AssertionError(f"{words!r} not found after piece {start}")


def boxed(piece: Piece, rects: list[Rect], reach: float = 20 * MM) -> bool:
    """Whether lines are drawn on all four sides of the piece, within ``reach`` of it."""
    on_page = [r for r in rects if r.page == piece.page]
    thin = 2.0
    left = any(r.width <= thin and piece.x - reach <= r.left <= piece.x and r.bottom <= piece.y <= r.top
               for r in on_page)
    right = any(r.width <= thin and piece.x < r.left <= piece.x + reach and r.bottom <= piece.y <= r.top
                for r in on_page)
    below = any(r.height <= thin and piece.y - reach <= r.top <= piece.y and r.left <= piece.x <= r.right
                for r in on_page)
    above = any(r.height <= thin and piece.y < r.bottom <= piece.y + reach and r.left <= piece.x <= r.right
                for r in on_page)
    return left and right and below and above


def enclosing(piece: Piece, rects: list[Rect], min_height: float) -> bool:
    """Whether a shape at least ``min_height`` tall is drawn whole around the piece, on its page."""
    return any(r.holds(piece) and r.height >= min_height for r in rects)
