"""The Content-Security-Policy allows the theme's inline scripts, never one in the article."""

import base64
import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogus.security import outside_articles, with_content_security_policy


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def policy_of(page: str) -> dict[str, list[str]]:
    """The directives of the page's policy, each with its sources in order."""
    start = page.index('<meta http-equiv="Content-Security-Policy" content="') + 52
    content = page[start : page.index('">', start)]
    directives = [directive.split() for directive in content.split(";")]
    return {name: sources for name, *sources in directives}


THEME_SCRIPTS = ("__md_scope=new URL('.',location)", "var palette=1;", "var target=document;")


def test_the_whole_policy_is_pinned():
    page = "<html><head>" + "".join(f"<script>{s}</script>" for s in THEME_SCRIPTS) + "</head>"
    assert policy_of(with_content_security_policy(page)) == {
        "default-src": ["'self'"],
        "script-src": ["'self'", *sorted(sha256(script) for script in THEME_SCRIPTS)],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }


def test_a_page_without_inline_scripts_allows_only_its_own_scripts():
    result = with_content_security_policy("<html><head></head><body></body></html>")
    assert policy_of(result)["script-src"] == ["'self'"]
    assert "; script-src 'self'; style-src " in result


def test_the_policy_is_the_first_element_of_the_head_and_there_only_once():
    page = "<html><head><title>x</title></head><body><p>&lt;head&gt;</p><head></body></html>"
    result = with_content_security_policy(page)
    assert result.startswith('<html><head>\n<meta http-equiv="Content-Security-Policy" content="')
    assert result.count("Content-Security-Policy") == 1
    assert result.endswith("<title>x</title></head><body><p>&lt;head&gt;</p><head></body></html>")


def test_inline_scripts_outside_the_article_are_hashed_and_inside_are_not():
    page = (
        "<html><head><script>var palette=1;</script><script>window.__xss=1</script></head><body>"
        "<article><script>alert(1)</script></article></body></html>"
    )
    result = with_content_security_policy(page)
    assert result.count("sha256-") == 1
    policy = result[result.index('content="') : result.index('">')]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("script", THEME_SCRIPTS)
def test_a_theme_script_inside_an_article_is_not_hashed(script):
    page = f'<html><head></head><body><article class="md-content">\n<script>{script}</script>\n'
    page += "</article></body></html>"
    assert policy_of(with_content_security_policy(page))["script-src"] == ["'self'"]


@pytest.mark.parametrize("script", THEME_SCRIPTS)
def test_each_theme_script_is_hashed_once_however_often_it_occurs(script):
    page = f"<html><head><script>{script}</script></head><body><script>{script}</script>"
    page += "<script> var palette=1;</script><script>\nvar target=1</script></body></html>"
    assert policy_of(with_content_security_policy(page))["script-src"] == [
        "'self'",
        sha256(script),
    ]


def test_a_script_spanning_lines_is_hashed_whole():
    script = "var palette=1;\nvar x=2;"
    page = f"<html><head><script>{script}</script></head></html>"
    assert sha256(script) in policy_of(with_content_security_policy(page))["script-src"]


# The articles as a regular expression says them; `outside_articles` finds the same with str.find.
ARTICLES = re.compile(r"<article\b.*?</article>", re.DOTALL)


@given(
    st.lists(
        st.sampled_from(
            ["<article>", '<article class="x">', "<articles>", "</article>", "<script>", "a", "\n"]
        ),
        max_size=14,
    ).map("".join)
)
def test_outside_articles_removes_what_the_regular_expression_removes(page):
    assert outside_articles(page) == ARTICLES.sub("", page)


def test_a_theme_script_after_an_unclosed_article_is_hashed():
    # An article never closed hides nothing: there is no article to leave out.
    page = "<html><head></head><body><article>text<script>var palette=1;</script></body></html>"
    assert sha256("var palette=1;") in policy_of(with_content_security_policy(page))["script-src"]


def test_a_theme_script_between_two_articles_is_hashed_and_those_inside_are_not():
    page = (
        "<head></head><body><article><script>var target=1;</script></article>"
        "<script>var palette=1;</script>"
        "<article id='b'><script>var target=2;</script></article></body>"
    )
    assert policy_of(with_content_security_policy(page))["script-src"] == [
        "'self'",
        sha256("var palette=1;"),
    ]
