"""The language of a text is recorded as ISO 639-1, or left unknown when the text cannot tell."""

from datetime import date

import duckdb
import pytest

from pipelines.language import detect_language
from pipelines.processing import extract_pending, extracted_row
from warehouse.schema import migrate
from warehouse.texts import PendingDocument

TEXTS = {
    "en": "The Commission today welcomed the agreement reached by the ministers on better support for "
          "children who were abused online, and asked the member countries to report on their progress.",
    "fr": "La Commission a salué aujourd'hui l'accord conclu par les ministres sur un meilleur soutien aux "
          "enfants victimes d'abus en ligne, et a demandé aux pays membres de rendre compte de leurs progrès.",
    "de": "Die Kommission hat heute die Einigung der Minister über eine bessere Unterstützung von Kindern, "
          "die im Internet missbraucht wurden, begrüßt und die Mitgliedsländer um einen Bericht gebeten.",
    "es": "El Departamento de Justicia anunció hoy que un hombre fue condenado a quince años de prisión por "
          "distribuir imágenes de abuso sexual infantil a través de internet.",
    "pl": "Komisja z zadowoleniem przyjęła dziś porozumienie ministrów w sprawie lepszego wsparcia dla dzieci, "
          "które padły ofiarą wykorzystywania w internecie.",
    "el": "Η Επιτροπή χαιρέτισε σήμερα τη συμφωνία των υπουργών για καλύτερη στήριξη των παιδιών που έπεσαν "
          "θύματα κακοποίησης στο διαδίκτυο.",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_a_paragraph_gives_its_two_letter_code(code):
    assert detect_language(TEXTS[code]) == code


@pytest.mark.parametrize("text", [None, "", "   \n ", "Sentenced.", "U.S. Attorney", "12-345 / 2014-06-01 / 99 %"])
def test_too_little_language_gives_none(text):
    assert detect_language(text) is None


def test_a_quote_in_another_language_does_not_change_the_text_language():
    quoted = TEXTS["en"] + ' The minister said: "Wir stehen an der Seite der Opfer." ' + TEXTS["en"]
    assert detect_language(quoted) == "en"


def test_a_long_text_is_judged_on_its_opening():
    # past the sample, another language no longer counts (and costs no time)
    long_english = (TEXTS["en"] + " ") * 40 + ("Ein Satz auf Deutsch über das Treffen der Minister. " * 400)
    assert len(TEXTS["en"]) * 40 > 5000 and detect_language(long_english) == "en"


def test_a_non_text_is_refused_with_its_type():
    with pytest.raises(TypeError, match="got bytes"):
        detect_language(TEXTS["en"].encode())


def test_extracted_row_records_the_language_of_the_text_not_of_the_source():
    doc = PendingDocument("eu:IP/13/1", 1, f"<p>{TEXTS['fr']}</p>", None, date(2013, 6, 17))
    row = extracted_row(doc)
    assert row.text_language == "fr" and row.published == date(2013, 6, 17)
    empty = extracted_row(PendingDocument("eu:IP/13/2", 1, "", None, None))
    assert (empty.text, empty.text_language) == (None, None)


def test_extraction_stores_the_language_in_the_warehouse():
    with duckdb.connect() as conn:
        migrate(conn)
        for n, (code, text) in enumerate(sorted(TEXTS.items())):
            conn.execute(
                "INSERT INTO raw_documents (doc_id, version, source, source_id, published, language, html, "
                "content_sha256, crawl_file) VALUES (?, 1, 'eu', ?, DATE '2014-03-26', 'en', ?, ?, 'c.jsonl')",
                [f"eu:IP/14/{n}", f"IP/14/{n}", f"<p>{text}</p>", str(n)],
            )
        extract_pending(conn, workers=1)
        stored = dict(conn.execute("SELECT source_id, text_language FROM extracted_texts "
                                   "JOIN raw_documents USING (doc_id, version)").fetchall())
    assert stored == {f"IP/14/{n}": code for n, code in enumerate(sorted(TEXTS))}
