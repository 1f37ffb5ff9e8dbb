"""The pseudonymiser on hostile and tricky text: every kind of date, phone, e-mail and
address, names in every case, consistency within one export, and words left to look at."""

from __future__ import annotations

from db.supervision.pseudonym import Pseudonymiser


def _p(offset: int = 10) -> Pseudonymiser:
    return Pseudonymiser(["Robin Example", "Tom"], ["Leipzig"], {"RB-07": "SV-AAAAA"}, offset)


def test_dates_in_every_spelling_move_by_the_offset() -> None:
    p = _p(10)
    text = ("2024-03-05, 05.03.2024, 5/3/2024, 5 March 2024, 5th of March, March 5, 2024, "
            "March 25 and 31.02.2024")
    assert p.text(text, year_hint=2024).text == (
        "2024-03-15, 15.03.2024, 15/03/2024, 15 March 2024, 15 March, March 15 2024, "
        "April 4 and [date]")


def test_names_any_case_parts_and_possessives_consistently() -> None:
    result = _p().text("ROBIN said robin's friend Tom met Example; Tomorrow in LEIPZIG. RB-07")
    assert result.text == ("Person A said Person A's friend Person B met Person A; "
                           "Tomorrow in Place A. SV-AAAAA")


def test_contacts_are_numbered_the_same_way_each_time() -> None:
    p = _p()
    result = p.text("Call +44 (0)20 7946 0958 or 030-1234567, robin.e@example.org, "
                    "12 Baker Street, Lindenallee 4, again +44 (0)20 7946 0958.")
    assert result.text == ("Call [phone 1] or [phone 2], [e-mail 1], [address 1], "
                           "[address 2], again [phone 1].")
    assert len(result.replaced) == 6


def test_numbers_that_are_not_phones_stay() -> None:
    assert _p().text("PHQ-9 total 18, session 12, 50 minutes").text == (
        "PHQ-9 total 18, session 12, 50 minutes")


def test_unknown_capitalised_words_are_flagged_not_common_ones() -> None:
    result = _p().text("She said Zelda came. Yesterday Monday the Mother sat.")
    flagged = [result.text[a:b] for a, b in result.flagged]
    assert flagged == ["Zelda"]


def test_a_month_and_year_moves_with_its_middle() -> None:
    # 15 March 2024 + 20 days = 4 April 2024
    assert _p(20).text("Since March 2024, and 5 March 2024.").text == (
        "Since April 2024, and 25 March 2024.")


def test_a_sentence_may_start_with_any_common_word_a_name_is_still_flagged() -> None:
    # Every word that opens a sentence is capitalised: the dictionary of common English
    # words (resources/supervision/dictionary-words.json) keeps ordinary ones unflagged,
    # while a name nobody entered is flagged wherever it stands.
    text = ("Apparently it went well. Nevertheless she hesitated. “Honestly, I forgot.” "
            "Somehow Ottoline rang.\n- Whenever Ottoline calls, Bartholomew answers.")
    result = _p().text(text)
    flagged = [result.text[a:b] for a, b in result.flagged]
    assert flagged == ["Ottoline", "Ottoline", "Bartholomew"]


def test_a_common_word_capitalised_mid_sentence_is_still_looked_at() -> None:
    # "Hope" opening a sentence is the word; mid-sentence, capitalised, likelier a name.
    result = _p().text("Hope came slowly. Then Hope rang, and Rose answered.")
    flagged = [result.text[a:b] for a, b in result.flagged]
    assert flagged == ["Hope", "Rose"]
