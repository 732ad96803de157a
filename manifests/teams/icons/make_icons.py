#!/usr/bin/env python3
"""Draws CmBot's two Teams icons (standard library only, deterministic output).

color.png   192x192, full colour: a navy rounded square with a white speech bubble and an amber alert dot.
outline.png  32x32, white on transparent: the same speech bubble, outlined, with the dot.

Run from this folder: python3 make_icons.py  (writes ../color.png and ../outline.png).
Shapes are sampled 4x4 per pixel for smooth edges.
"""
import struct
import zlib
from pathlib import Path

NAVY = (0x1D, 0x35, 0x57)
WHITE = (0xFF, 0xFF, 0xFF)
AMBER = (0xF4, 0xA2, 0x61)
SAMPLES = 4


def rounded_rect(x, y, left, top, right, bottom, radius):
    if not (left <= x <= right and top <= y <= bottom):
        return False
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def triangle(x, y, a, b, c):
    def side(p, q):
        return (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    has_neg = d1 < 0 or d2 < 0 or d3 < 0
    has_pos = d1 > 0 or d2 > 0 or d3 > 0
    return not (has_neg and has_pos)


def circle(x, y, cx, cy, r):
    return (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2


def bubble(x, y, inset=0.0):
    """A speech bubble in unit coordinates (0..1), shrunk by inset."""
    body = rounded_rect(x, y, 0.18 + inset, 0.24 + inset, 0.82 - inset, 0.66 - inset, 0.10 - inset / 2)
    tail = triangle(x, y, (0.30 + inset, 0.60), (0.46 - inset, 0.60), (0.27 + inset * 0.6, 0.80 - inset * 1.6))
    return body or tail


def color_pixel(x, y):
    if not rounded_rect(x, y, 0.0, 0.0, 1.0, 1.0, 0.16):
        return None
    if circle(x, y, 0.76, 0.28, 0.11):
        return AMBER
    if circle(x, y, 0.76, 0.28, 0.145):
        return NAVY
    if bubble(x, y):
        # three lines of "text" in the bubble
        for top in (0.35, 0.44, 0.53):
            width = 0.52 if top < 0.5 else 0.36
            if rounded_rect(x, y, 0.28, top, 0.28 + width, top + 0.035, 0.0175):
                return NAVY
        return WHITE
    return NAVY


def outline_pixel(x, y):
    if circle(x, y, 0.78, 0.26, 0.13):
        return WHITE
    if circle(x, y, 0.78, 0.26, 0.20):
        return None
    if bubble(x, y) and not bubble(x, y, inset=0.075):
        return WHITE
    return None


def render(size, pixel, opaque_background):
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter: none
        for px in range(size):
            r = g = b = a = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    c = pixel((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
                    if c is not None:
                        r += c[0]; g += c[1]; b += c[2]; a += 1
            n = SAMPLES * SAMPLES
            if a == 0:
                row += bytes([0, 0, 0, 0])
            else:
                row += bytes([round(r / a), round(g / a), round(b / a), round(255 * a / n)])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(width, height, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent
    (out / "color.png").write_bytes(render(192, color_pixel, True))
    (out / "outline.png").write_bytes(render(32, outline_pixel, False))
    print("wrote", out / "color.png", "and", out / "outline.png")
