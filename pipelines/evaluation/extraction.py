"""Extraction measured like the tags: text that must and must not appear in what the extractor keeps.

Gold sets in tests/gold/extraction/: `pages.yaml` (pages written for the project, in `pages/`) and
`realdata_ep_snippets.yaml` (snippets for the real European Parliament pages, whose HTML is read
from ../shared/realdata/howtheyvote/ and skipped when absent).

A snippet that must appear and does is a true positive, one that is missing a false negative; a
snippet that must not appear and does is a false positive. So `must_recall` says how much of the
bodies is kept, `precision` how much of what was kept and checked is body, and
`must_not_excluded` which share of the marked boilerplate stays out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.evaluation.gold import GoldSetError
from pipelines.evaluation.metrics import Counts

EXTRACTION_DIR = "extraction"
OWN_PAGES_FILE = "pages.yaml"
REAL_SNIPPETS_FILE = "realdata_ep_snippets.yaml"
REAL_PAGES_DIR = Path("realdata/howtheyvote")
KINDS = frozenset({"doj_page", "presscorner_fragment", "doj_api_body", "statement", "ep_page"})

Extractor = Callable[[str, str | None], str | None]


@dataclass(frozen=True)
class ExtractionPage:
    name: str
    kind: str
    path: Path
    url: str | None
    must: tuple[str, ...]
    must_not: tuple[str, ...]


@dataclass(frozen=True)
class PageResult:
    page: ExtractionPage
    missed: tuple[str, ...]     # must snippets not found
    leaked: tuple[str, ...]     # must_not snippets found
    counts: Counts


@dataclass(frozen=True)
class ExtractionScores:
    results: tuple[PageResult, ...]

    @property
    def counts(self) -> Counts:
        return sum((r.counts for r in self.results), Counts())

    @property
    def must_not_total(self) -> int:
        return sum(len(r.page.must_not) for r in self.results)

    @property
    def must_not_excluded(self) -> float:
        total = self.must_not_total
        return (total - self.counts.fp) / total if total else 1.0

    def by_kind(self) -> dict[str, Counts]:
        table: dict[str, Counts] = {}
        for r in self.results:
            table[r.page.kind] = table.get(r.page.kind, Counts()) + r.counts
        return dict(sorted(table.items()))

    def figures(self) -> dict[str, float]:
        """Flat named figures, the names floors.json refers to (as `<set>.<name>`)."""
        c = self.counts
        out = {"must_recall": c.recall, "precision": c.precision, "f1": c.f1,
               "must_not_excluded": self.must_not_excluded}
        out.update({f"f1_{kind}": counts.f1 for kind, counts in self.by_kind().items()})
        return out


def normalise(text: str) -> str:
    """Whitespace collapsed: line breaks and indentation are the extractor's layout, not its content."""
    return " ".join(text.split())


def score_page(page: ExtractionPage, text: str | None) -> PageResult:
    kept = normalise(text or "")
    missed = tuple(s for s in page.must if normalise(s) not in kept)
    leaked = tuple(s for s in page.must_not if normalise(s) in kept)
    return PageResult(page, missed, leaked, Counts(tp=len(page.must) - len(missed), fp=len(leaked), fn=len(missed)))


def score_extraction(pages: Sequence[ExtractionPage], extract: Extractor) -> ExtractionScores:
    results = []
    for page in pages:
        html = page.path.read_text(encoding="utf-8")
        results.append(score_page(page, extract(html, page.url)))
    return ExtractionScores(tuple(results))


def _strings(record: Mapping, key: str, where: str) -> tuple[str, ...]:
    values = record.get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise GoldSetError(f"{where}: field {key!r} must be a list of non-empty strings")
    return tuple(values)


def load_pages(snippets_file: Path, html_dir: Path, default_kind: str | None = None) -> list[ExtractionPage]:
    """Read a snippets file; every page's HTML must exist in html_dir (errors name file and page)."""
    data = yaml.safe_load(snippets_file.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise GoldSetError(f"{snippets_file}: expected a mapping with a list under 'pages'")
    pages, seen = [], set()
    for number, record in enumerate(data["pages"], start=1):
        where = f"{snippets_file}: page {number}"
        if not isinstance(record, dict) or not isinstance(record.get("file"), str):
            raise GoldSetError(f"{where}: expected a mapping with a 'file'")
        name = record["file"]
        where = f"{snippets_file}: page {number} ({name})"
        if name in seen:
            raise GoldSetError(f"{where}: listed more than once")
        seen.add(name)
        kind = record.get("kind", default_kind)
        if kind not in KINDS:
            raise GoldSetError(f"{where}: field 'kind' must be one of {sorted(KINDS)}, got {kind!r}")
        path = html_dir / name
        if not path.is_file():
            raise GoldSetError(f"{where}: no such page {path}")
        must, must_not = _strings(record, "must", where), _strings(record, "must_not", where)
        if not must:
            raise GoldSetError(f"{where}: a page needs at least one 'must' snippet")
        if both := sorted(set(must) & set(must_not)):
            raise GoldSetError(f"{where}: snippets both required and forbidden: {both}")
        pages.append(ExtractionPage(name, kind, path, record.get("url"), must, must_not))
    return pages


def load_extraction_sets(gold_dir: Path, shared_dir: Path) -> tuple[dict[str, list[ExtractionPage]], list[str]]:
    """{set name: pages} for `extraction_own` and, when ../shared is there, `extraction_ep`;
    plus the reasons for any set skipped."""
    folder = gold_dir / EXTRACTION_DIR
    sets: dict[str, list[ExtractionPage]] = {}
    skipped: list[str] = []
    if not (folder / OWN_PAGES_FILE).is_file():
        return sets, [f"extraction skipped: {folder / OWN_PAGES_FILE} is absent"]
    sets["extraction_own"] = load_pages(folder / OWN_PAGES_FILE, folder / "pages")
    real_dir = shared_dir / REAL_PAGES_DIR
    if real_dir.is_dir():
        sets["extraction_ep"] = load_pages(folder / REAL_SNIPPETS_FILE, real_dir, default_kind="ep_page")
    else:
        skipped.append(f"extraction_ep skipped: {real_dir} is absent "
                       "(the shared material sits beside the repository, in ../shared)")
    return sets, skipped


def project_extractor() -> Extractor:
    from pipelines.extraction import extract_text

    return extract_text


def evaluate_extraction(gold_dir: Path, shared_dir: Path,
                        extract: Extractor | None = None) -> tuple[dict[str, ExtractionScores], list[str]]:
    """Scores per set and for all pages together (set `extraction`), and the reasons for skipped sets."""
    sets, skipped = load_extraction_sets(gold_dir, shared_dir)
    extract = extract or project_extractor()
    scores = {name: score_extraction(pages, extract) for name, pages in sets.items()}
    if scores:
        scores["extraction"] = ExtractionScores(tuple(r for s in scores.values() for r in s.results))
    return scores, skipped


def _row(name: str, c: Counts) -> str:
    return (f"  {name:<28} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"
            f"  (must {c.support}, kept {c.tp}, missed {c.fn}; boilerplate kept {c.fp})")


def format_extraction_report(name: str, scores: ExtractionScores, details: bool = True) -> str:
    lines = [f"== {name}: {len(scores.results)} pages", _row("snippets", scores.counts),
             (f"  {'boilerplate kept out':<28} {scores.must_not_excluded:.3f}"
              f"  ({scores.must_not_total - scores.counts.fp} of {scores.must_not_total})"), "  per kind:"]
    lines += [_row(kind, c) for kind, c in scores.by_kind().items()]
    if details:
        for r in scores.results:
            lines += [f"  {r.page.name}: missed {s!r}" for s in r.missed]
            lines += [f"  {r.page.name}: kept boilerplate {s!r}" for s in r.leaked]
    return "\n".join(lines)
