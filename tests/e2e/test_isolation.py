"""The browser tests share a browser context per worker, and the tabs in it (tests/e2e/conftest.py,
`Contexts`): nothing a test's pages leave reaches the next test's pages."""

STORED = "() => [Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]"
# The theme stores the palette it chose (/.__palette) on every load; nothing else is there.
NOTHING_STORED = [["/.__palette"], [], ""]


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
    assert page.evaluate(STORED) == NOTHING_STORED
    # The width and the colour scheme are the new page's own.
    assert page.evaluate("[innerWidth, document.body.dataset.mdColorScheme]") == [390, "slate"]
    contexts.forget([page])
    assert {tab.url for tab in page.context.pages} == {"about:blank"}


def test_a_used_tab_is_as_a_new_one_for_the_next_test(contexts, base_url):
    page = contexts.new_page(width=1280, javascript=True, color_scheme="light")
    page.goto(base_url + "/")
    heard = []
    contexts.listen(page, "console", lambda message: heard.append(message.text))
    with page.expect_popup() as popup, page.expect_console_message():
        page.evaluate(
            """() => {
              sessionStorage.setItem("left-behind", "1");
              window.open("/over/");
              console.log("before");
            }"""
        )
    page.emulate_media(media="print")
    page.set_default_timeout(1)
    assert heard == ["before"]
    contexts.forget([page])

    again = contexts.new_page(width=390, javascript=True, color_scheme="light")
    assert again is page  # the same tab, used again
    assert again.url == "about:blank"
    assert popup.value.is_closed()
    again.goto(base_url + "/over/")
    assert again.evaluate(STORED) == NOTHING_STORED
    assert again.evaluate("[innerWidth, matchMedia('print').matches]") == [390, False]
    # The default timeout is Playwright's again: a wait of 50 ms does not time out.
    again.wait_for_function("() => new Promise((resolve) => setTimeout(() => resolve(true), 50))")
    with again.expect_console_message():
        again.evaluate("console.log('after')")
    assert heard == ["before"]  # the earlier test's listener is gone
    contexts.forget([again])
