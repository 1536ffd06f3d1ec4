"""``key=value,key=value`` strings → the settings of a detector or clusterer (one parser for the
``--set`` / ``--settings`` options of stories, threads and signals)."""

from __future__ import annotations

from typing import Any

_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")


def parse_spec(defaults: Any, spec: str, what: str = "") -> dict[str, Any]:
    """The values a spec sets on the dataclass instance ``defaults``, each typed as its default value.

    An unknown key, a missing ``=`` or a value of the wrong kind raises ValueError naming the part
    and, for an unknown key, the known ones. ``what`` names the settings in the message ("story")."""
    label = f"{what} setting" if what else "setting"
    known = [k for k in getattr(defaults, "__dataclass_fields__", {})]
    out: dict[str, Any] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in known:
            raise ValueError(f"unknown {label} {part!r}: use one of {', '.join(known)}")
        kind = type(getattr(defaults, key))
        if kind is bool:
            if value.lower() not in _TRUE + _FALSE:
                raise ValueError(f"{label} {key}: {value!r} is not a boolean")
            out[key] = value.lower() in _TRUE
            continue
        try:
            out[key] = kind(value)
        except ValueError:
            raise ValueError(f"{label} {key}: {value!r} is not a number") from None
    return out
