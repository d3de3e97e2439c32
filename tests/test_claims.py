"""scalinglaws.book.claims: a chapter's sentences checked against its numbers."""

import warnings

import nbformat
import pytest

from scalinglaws.book.checks.check import STRICT_ENV
from scalinglaws.book.claims import ClaimError, ClaimWarning, claim, claim_close
from scalinglaws.book.student import student_notebook


def test_a_claim_that_holds_is_silent(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert claim("one is less than two", 1 < 2)
        assert claim_close("pi is 3.14", 3.14159, 3.14, atol=0.005)
        assert claim_close("both round right", [1.004, 2.0], [1.0, 2.0], rtol=0.01)


def test_a_broken_claim_raises_under_the_tests_and_names_the_sentence(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(ClaimError, match="the floor is 1.69"):
        claim_close("the floor is 1.69", 1.82, 1.69, atol=0.005)
    with pytest.raises(ClaimError, match="more than ten"):
        claim("more than ten", 3 > 10)


def test_a_broken_claim_only_warns_a_reader(monkeypatch):
    monkeypatch.delenv(STRICT_ENV, raising=False)
    with pytest.warns(ClaimWarning, match="1.82"):
        assert claim_close("the floor is 1.69", 1.82, 1.69, atol=0.005) is False
    with pytest.warns(ClaimWarning):
        assert claim("more than ten", False) is False


def test_a_non_finite_value_does_not_hold(monkeypatch):
    monkeypatch.setenv(STRICT_ENV, "1")
    with pytest.raises(ClaimError, match="nan"):
        claim_close("a is 0.5", float("nan"), 0.5, atol=0.01)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: claim("", True), "non-empty string"),
        (lambda: claim(3, True), "non-empty string"),
        (lambda: claim("all positive", [True, False]), "one truth value"),
        (lambda: claim_close("x is 1", 1.0, 1.0), "give a tolerance"),
        (lambda: claim_close("x is 1", 1.0, 1.0, atol=-1), "give a tolerance"),
        (lambda: claim_close("x is 1", "one", 1.0, atol=0.1), "numbers or arrays"),
        (lambda: claim_close("x", [1, 2], [1, 2, 3], atol=0.1), "numbers or arrays"),
    ],
)
def test_bad_input_is_a_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_student_edition_leaves_the_claims_out():
    claims = nbformat.v4.new_code_cell('claim("x", True)')
    claims.metadata["tags"] = ["remove-cell"]
    hidden_figure = nbformat.v4.new_code_cell("plot()")
    hidden_figure.metadata["tags"] = ["hide-input"]
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# A chapter"), claims, hidden_figure]
    )
    sources = [cell.source for cell in student_notebook(notebook).cells]
    assert 'claim("x", True)' not in sources
    assert "plot()" in sources
