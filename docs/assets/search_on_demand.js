// The search index is fetched when the reader opens the search, not on every page.
//
// Material for MkDocs builds its search index in a worker from search/search_index.json as soon
// as a page loads: a download of over a megabyte and about a second of a laptop's processor on
// every page view (more on a phone), and both grow with the catalogue. This script runs before
// the theme's and holds that one request back until the search is opened: by focusing the search
// field, by the search button of the phone layout, or by a link from or to a search.
// A query typed meanwhile is answered once the index is built (the theme asks again then).
(() => {
  const INDEX = "/search/search_index.json";
  let open;
  const opened = new Promise((resolve) => {
    open = resolve;
  });
  const isSearch = (target) => target instanceof Element && target.closest("form[name=search]");
  document.addEventListener("focusin", (event) => isSearch(event.target) && open());
  document.addEventListener("change", (event) => {
    if (event.target.id === "__search" && event.target.checked) open();
  });
  // ?q= opens the search with a query; ?h= marks the words of the search a reader came from,
  // which the theme finds with the index.
  const parameters = new URLSearchParams(location.search);
  if (parameters.has("q") || parameters.has("h")) open();

  // The theme asks with XMLHttpRequest (mkdocs-material 9.x); only that request waits.
  const indexRequests = new WeakSet();
  const { open: openRequest, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const address = new URL(url, location.href);
    if (address.origin === location.origin && address.pathname.endsWith(INDEX)) {
      indexRequests.add(this);
    }
    return openRequest.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!indexRequests.has(this)) return send.apply(this, body);
    opened.then(() => send.apply(this, body));
  };
})();
