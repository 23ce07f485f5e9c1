"""Municipality maps as inline SVG, drawn on the server from the shipped boundaries: no tiles, no CDN."""

import json
import math
from functools import lru_cache
from pathlib import Path

BOUNDARIES = Path(__file__).resolve().parent / "data" / "gemeente_2025_wgs84.geojson"


@lru_cache(maxsize=1)
def _features() -> dict[str, list]:
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    shapes = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        shapes[feature["properties"]["statcode"]] = polygons
    return shapes


def svg_paths(codes: list[str], width: int = 640, padding: int = 8) -> dict:
    """Project the boundaries of `codes` to SVG path data in a box `width` wide (height follows)."""
    shapes = {code: _features()[code] for code in codes if code in _features()}
    points = [pt for polys in shapes.values() for poly in polys for ring in poly for pt in ring]
    if not points:
        return {"width": width, "height": 0, "paths": []}
    min_lon = min(p[0] for p in points)
    max_lon = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    # Equirectangular with the mean latitude's cosine: good enough at the scale of a region.
    k = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * k, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    scale = (width - 2 * padding) / span_x
    height = int(span_y * scale + 2 * padding)

    def project(pt):
        return (padding + (pt[0] - min_lon) * k * scale, padding + (max_lat - pt[1]) * scale)

    paths = []
    for code, polys in shapes.items():
        d = []
        sx = sy = n = 0.0
        for poly in polys:
            for ring in poly:
                xy = [project(pt) for pt in ring]
                d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in xy) + "Z")
                for x, y in xy:
                    sx, sy, n = sx + x, sy + y, n + 1
        paths.append(
            {"code": code, "d": "".join(d), "label_x": round(sx / n, 1), "label_y": round(sy / n, 1)}
        )
    return {"width": width, "height": height, "paths": paths}
