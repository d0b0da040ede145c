"""mkdocs hook: generates the catalogue's pages. The logic lives in `catalogus.site`."""

from catalogus.site import (
    on_build_error,
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_post_build,
    on_post_page,
    on_pre_page,
    on_serve,
    on_startup,
)

__all__ = [
    "on_build_error",
    "on_config",
    "on_env",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_post_build",
    "on_post_page",
    "on_pre_page",
    "on_serve",
    "on_startup",
]
