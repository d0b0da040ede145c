// Material binds single keys to actions (f, s and / open the search; p, n, "," and "." go to the
// previous or next page). A speech-input user who says a word outside a field would set them off,
// and the theme offers no way to turn them off (WCAG 2.1.4), so this page turns them off: it
// listens on window in the capture phase, before the theme's own listener there.
const SHORTCUTS = new Set(["f", "s", "/", "p", "n", ",", "."]);

function inField(target) {
  return target instanceof Element && (target.closest("input, select, textarea") || target.isContentEditable);
}

window.addEventListener(
  "keydown",
  (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (SHORTCUTS.has(event.key) && !inField(event.target)) event.stopImmediatePropagation();
  },
  true,
);
