"""The tagger's measured accuracy (written by `make eval`) as the sentences the page shows."""

from __future__ import annotations

from typing import Any

# What each figure counts, for "on N labelled ..."
_UNITS = {"members": "labelled member mentions", "document_goals": "labelled goal tags"}


def accuracy_notes(figures: dict[str, Any] | None, warehouse_codebook: str | None) -> dict[str, Any]:
    """{"notes": {figure key: sentence}, "warning": sentence or None, "codebook": measured on}.

    Keys are those of accuracy.json (events, members, goal:victims, mode:action, ...)."""
    if figures is None:
        return {"notes": {}, "codebook": None, "method": None,
                "warning": "No accuracy figures: `make eval` has not written pipelines/reference/accuracy.json."}
    measured_on = figures.get("codebook_version")
    notes = {key: _sentence(key, value, measured_on) for key, value in figures.get("figures", {}).items()
             if "precision" in value and "recall" in value}
    warning = None
    if warehouse_codebook != measured_on:
        warning = (f"These figures were measured on codebook {measured_on}; this warehouse was tagged with "
                   f"codebook {warehouse_codebook or 'none'}: they may not hold for it.")
    sets = ", ".join(f"{name} {size}" for name, size in figures.get("gold_sets", {}).items())
    method = (f"Measured by `make eval` on hand-labelled gold sets ({sets} documents); intervals: "
              f"{figures.get('interval', 'not given')}.")
    return {"notes": notes, "warning": warning, "codebook": measured_on, "method": method}


def _sentence(key: str, value: dict[str, Any], codebook: str | None) -> str:
    name = {"events": "events (member x goal x mode)", "members": "members",
            "pairs": "member x goal pairs", "document_goals": "goals per document"}.get(
        key, key.split(":", 1)[-1] + ("" if key.startswith("goal:") else " (mode)"))
    unit = _UNITS.get(key, "labelled events")
    return (f"{name}: precision {value['precision']:.2f} ({_interval(value.get('precision_95'))}), "
            f"recall {value['recall']:.2f} ({_interval(value.get('recall_95'))}) on {value['support']} "
            f"{unit} in {value['documents']} documents, codebook {codebook}")


def _interval(bounds: list[float] | None) -> str:
    return "95% interval not measured" if not bounds else f"95% {bounds[0]:.2f}–{bounds[1]:.2f}"
