"""USCC checks agree with python-stdnum and also verify the embedded organisation code."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from towns.identity import (
    UsccProblem,
    complete_uscc,
    organisation_code_check,
    uscc_check_character,
    uscc_problem,
)

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@settings(max_examples=300)
@given(
    st.text(alphabet=ALPHABET, min_size=2, max_size=2),
    st.text(alphabet="0123456789", min_size=15, max_size=15),
)
def test_check_character_agrees_with_stdnum(head: str, digits: str) -> None:
    first17 = head + digits
    assert uscc_check_character(first17) == stdnum_uscc.calc_check_digit(first17)


def test_valid_code_with_valid_organisation_code() -> None:
    code = complete_uscc("91440106" + "MA59ABCD" + organisation_code_check("MA59ABCD"))
    assert stdnum_uscc.is_valid(code)
    assert uscc_problem(code) is None


def test_organisation_code_is_checked_even_when_the_uscc_check_passes() -> None:
    body = "MA59ABCD"
    wrong = "0" if organisation_code_check(body) != "0" else "1"
    code = complete_uscc("91440106" + body + wrong)
    assert stdnum_uscc.is_valid(code)  # python-stdnum alone would accept it
    assert uscc_problem(code) is UsccProblem.ORGANISATION_CODE


def test_format_and_checksum_problems() -> None:
    assert uscc_problem("91440106MA59ABCD1") is UsccProblem.FORMAT
    assert uscc_problem("91440106MA59ABCDIX") is UsccProblem.FORMAT  # I is not in the alphabet
    valid = complete_uscc("91440106MA59ABCD" + organisation_code_check("MA59ABCD"))
    wrong_last = valid[:17] + ("0" if valid[17] != "0" else "1")
    assert uscc_problem(wrong_last) is UsccProblem.CHECKSUM


def test_full_width_digits_are_a_format_problem_not_a_crash() -> None:
    """`\\d` matched full-width digits, and the check-character lookup then raised ValueError."""
    assert uscc_problem("11４４０１０６MB2C00013X") is UsccProblem.FORMAT
    assert uscc_problem("91440106MA500K7Q8F") is None
    assert uscc_problem("９1440106MA500K7Q8F") is UsccProblem.FORMAT


@settings(max_examples=500)
@given(
    st.one_of(
        st.text(max_size=25),
        st.text(alphabet=ALPHABET + "０１２３４５６７８９ＡＢＩＯ٣𝟗abc", min_size=18, max_size=18),
    )
)
def test_any_text_gets_an_answer(code: str) -> None:
    assert uscc_problem(code) in {None, *UsccProblem}
