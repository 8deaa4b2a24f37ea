"""Faults the drill plants: a corrupt raw archive, malformed codebooks, and a reader that holds
the published copy open while the pipeline runs."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import yaml

from pipelines.reference_files import REFERENCE_DIR

CORRUPT_WARC_STEM = "doj-20120101T000000Z"


def plant_corrupt_warc(warc_dir: Path) -> Path:
    """A raw archive whose second record is garbage, with an index line pointing at it (a disk
    error or an interrupted copy, not a clean truncation)."""
    warc_dir.mkdir(parents=True, exist_ok=True)
    path = warc_dir / f"{CORRUPT_WARC_STEM}.warc.gz"
    good = gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
    garbage = bytes((i * 37 + 11) % 256 for i in range(4096))
    path.write_bytes(good + garbage)
    index = warc_dir / f"{CORRUPT_WARC_STEM}.index.jsonl"
    index.write_text(json.dumps({
        "url": "https://www.justice.gov/opa/pr/corrupt-record", "warc_file": path.name,
        "offset": len(good), "sha256": "0" * 64, "status": 200, "fetched_at": "2012-01-01T00:00:00Z",
    }) + "\n", encoding="utf-8")
    return path


def malformed_codebooks(directory: Path) -> dict[str, Path]:
    """Three ways a hand-edited codebook goes wrong, each written beside the others."""
    directory.mkdir(parents=True, exist_ok=True)
    shipped = (REFERENCE_DIR / "codebook.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(shipped)
    no_version = {key: value for key, value in data.items() if key != "version"}
    bad_regex = json.loads(json.dumps(data))
    bad_regex["relevance"]["rules"][0]["any"][0] = "child (sexual abuse"   # unbalanced parenthesis
    texts = {
        "broken YAML": shipped.replace("relevance:", "relevance: [", 1),
        "no version": yaml.safe_dump(no_version, sort_keys=False),
        "bad regex": yaml.safe_dump(bad_regex, sort_keys=False),
    }
    paths = {}
    for number, (name, text) in enumerate(texts.items()):
        paths[name] = directory / f"codebook-{number}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


READER_SCRIPT = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
sys.stdout.write("open\\n"); sys.stdout.flush()
while True:
    try:
        rows = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        sys.stdout.write(f"rows {rows}\\n")
    except Exception as error:
        sys.stdout.write("error " + " ".join(str(error).split()) + "\\n")
    sys.stdout.flush()
    if sys.stdin.readline().strip() == "stop":
        break
"""


class Reader:
    """A researcher's process with the published copy open, asked to query it on demand."""

    def __init__(self, published: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", READER_SCRIPT, str(published)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        if self.process.stdout.readline().strip() != "open":
            raise RuntimeError(f"the reader could not open {published}")
        self.answers: list[str] = [self.process.stdout.readline().strip()]

    def ask(self) -> str:
        self.process.stdin.write("again\n")
        self.process.stdin.flush()
        self.answers.append(self.process.stdout.readline().strip())
        return self.answers[-1]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("stop\n")
            self.process.stdin.flush()
            self.process.wait(timeout=10)

