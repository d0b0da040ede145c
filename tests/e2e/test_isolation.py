"""The browser tests share a browser context per worker (tests/e2e/conftest.py, `Contexts`):
nothing a test's pages store reaches the next test's pages."""


def test_what_a_page_stores_is_gone_for_the_next_test(contexts, base_url):
    page = contexts.new_page(width=1280, javascript=True, color_scheme="light")
    page.goto(base_url + "/")
    page.evaluate(
        """() => {
          localStorage.setItem("left-behind", "1");
          sessionStorage.setItem("left-behind", "1");
          document.cookie = "left-behind=1; path=/; max-age=3600";
        }"""
    )
    assert page.evaluate("document.cookie") == "left-behind=1"
    contexts.forget([page])

    page = contexts.new_page(width=390, javascript=True, color_scheme="dark")
    page.goto(base_url + "/over/")
    # The theme stores the palette it chose (/.__palette) on every load; nothing else is there.
    assert page.evaluate(
        "() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]"
    ) == [["/.__palette"], [], ""]
    # The width and the colour scheme are the new page's own.
    assert page.evaluate("[innerWidth, document.body.dataset.mdColorScheme]") == [390, "slate"]
    contexts.forget([page])
    assert [tab.url for tab in page.context.pages] == ["about:blank"]
