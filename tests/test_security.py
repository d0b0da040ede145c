"""The Content-Security-Policy allows the theme's inline scripts, never one in the article."""

from catalogus.security import with_content_security_policy


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
