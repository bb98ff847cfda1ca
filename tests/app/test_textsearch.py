"""Specification of transcript search folding: case, accents and typographic variants."""

from __future__ import annotations

from app.textsearch import find_spans, fold


def test_folding_drops_case_accents_and_ligatures() -> None:
    assert fold("Boîte aux lettres PLEINE") == "boite aux lettres pleine"
    assert fold("Ça marche, élève, Noël") == "ca marche, eleve, noel"
    assert fold("cœur") == "coeur"
    assert fold("j’ai") == "j'ai"
    assert fold("Straße") == "strasse"


def test_spans_point_into_the_original_text() -> None:
    text = "Votre boîte utilise quarante-neuf gigaoctets ; la BOITE est pleine."
    spans = find_spans(text, "boite")
    assert [text[a:b] for a, b in spans] == ["boîte", "BOITE"]


def test_an_accented_query_finds_plain_text_and_expanded_letters_map_back() -> None:
    assert [("Strasse", s) for s in find_spans("Strasse", "straße")] == [("Strasse", (0, 7))]
    text = "Le cœur du problème"
    assert [text[a:b] for a, b in find_spans(text, "coeur")] == ["cœur"]
    assert [text[a:b] for a, b in find_spans(text, "probleme")] == ["problème"]


def test_blank_queries_match_nothing() -> None:
    assert find_spans("anything", "  ") == []
