"""Draws the Rust (netlib) kernel logo: logo-svg.svg and its PNG renderings.

Three hosts joined by links on a rust-coloured tile. Pure Python (no imaging
library in the venv), so the PNGs are rasterised here with 4x4 supersampling.
Run it after changing the shapes: python3 kernel-setup/kernelspec/make-logos.py
"""

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZE = 64  # the drawing's own units
TILE = (183, 65, 14)
INK = (255, 255, 255)
NODES = [(32, 17), (16, 45), (48, 45)]
LINK_WIDTH = 4.5
NODE_RADIUS = 7.5
CORNER = 12


def svg():
    links = "".join(
        f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}"/>'
        for i, a in enumerate(NODES)
        for b in NODES[i + 1 :]
    )
    nodes = "".join(f'<circle cx="{x}" cy="{y}" r="{NODE_RADIUS}"/>' for x, y in NODES)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}">'
        f'<rect width="{SIZE}" height="{SIZE}" rx="{CORNER}" fill="rgb{TILE}"/>'
        f'<g stroke="rgb{INK}" stroke-width="{LINK_WIDTH}" stroke-linecap="round">{links}</g>'
        f'<g fill="rgb{INK}">{nodes}</g>'
        "</svg>\n"
    )


def seg_dist(px, py, a, b):
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def colour_at(x, y):
    """The colour at a point in drawing units, or None outside the tile."""
    cx = min(max(x, CORNER), SIZE - CORNER)
    cy = min(max(y, CORNER), SIZE - CORNER)
    if math.hypot(x - cx, y - cy) > CORNER:
        return None
    for i, a in enumerate(NODES):
        if math.hypot(x - a[0], y - a[1]) <= NODE_RADIUS:
            return INK
        for b in NODES[i + 1 :]:
            if seg_dist(x, y, a, b) <= LINK_WIDTH / 2:
                return INK
    return TILE


def png(pixels_per_side, ss=4):
    scale = SIZE / pixels_per_side
    rows = []
    for py in range(pixels_per_side):
        row = bytearray([0])  # filter: none
        for px in range(pixels_per_side):
            r = g = b = a = 0
            for sy in range(ss):
                for sx in range(ss):
                    c = colour_at((px + (sx + 0.5) / ss) * scale, (py + (sy + 0.5) / ss) * scale)
                    if c:
                        r, g, b, a = r + c[0], g + c[1], b + c[2], a + 1
            n = ss * ss
            row += bytes([r // a, g // a, b // a, 255 * a // n]) if a else bytes(4)
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", pixels_per_side, pixels_per_side, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    (HERE / "logo-svg.svg").write_text(svg())
    for n in (32, 64):
        (HERE / f"logo-{n}x{n}.png").write_bytes(png(n))
