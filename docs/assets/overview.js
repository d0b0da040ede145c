// Filters the overview of interventions in place, with the selection kept in the URL.
// The list in the page is the data: every item carries its facet values in data attributes,
// so the page works without JavaScript and needs no second download.

const form = document.querySelector(".ww-filters");
if (form) {
  setUp(form);
}

function setUp(form) {
  const list = document.querySelector(".ww-result-list");
  const status = document.querySelector(".ww-result-count");
  const parameters = [...form.querySelectorAll("fieldset[data-parameter]")].map(
    (fieldset) => fieldset.dataset.parameter,
  );
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const boxesByParameter = new Map(
    parameters.map((parameter) => [parameter, boxes.filter((box) => box.name === parameter)]),
  );
  const countLabels = new Map(
    [...form.querySelectorAll("[data-count-for]")].map((label) => [label.dataset.countFor, label]),
  );
  const records = [...list.children].map((item) => ({
    item,
    values: Object.fromEntries(
      parameters.map((parameter) => [parameter, (item.dataset[parameter] || "").split(" ")]),
    ),
    text: item.dataset.text,
    title: item.querySelector("a").textContent,
    reviewed: item.dataset.reviewed,
    rank: Number(item.dataset.evidenceRank),
  }));
  const total = records.length;
  const facetPanel = form.querySelector(".ww-facets");
  const activeFilters = form.querySelector(".ww-active-filters");
  let currentSort = null;

  function selectionFromUrl() {
    const query = new URLSearchParams(window.location.search);
    // The home page's question form sends `waar=regio:<slug>` or `waar=land:buitenland`.
    for (const where of query.getAll("waar")) {
      const [parameter, value] = where.split(":");
      if (parameters.includes(parameter) && value) query.append(parameter, value);
    }
    const selection = { facets: {}, text: (query.get("q") || "").trim(), sort: query.get("sorteer") || "titel" };
    for (const parameter of parameters) {
      const values = query.getAll(parameter).filter(Boolean);
      if (values.length) selection.facets[parameter] = new Set(values);
    }
    return selection;
  }

  function selectionFromForm() {
    const selection = { facets: {}, text: form.elements.q.value.trim(), sort: form.elements.sorteer.value };
    for (const box of boxes) {
      if (!box.checked) continue;
      (selection.facets[box.name] ??= new Set()).add(box.value);
    }
    return selection;
  }

  function urlOf(selection) {
    const query = new URLSearchParams();
    for (const parameter of parameters) {
      for (const value of selection.facets[parameter] || []) query.append(parameter, value);
    }
    if (selection.text) query.set("q", selection.text);
    if (selection.sort !== "titel") query.set("sorteer", selection.sort);
    const search = query.toString();
    return window.location.pathname + (search ? "?" + search : "");
  }

  // A selection prepared once per update, not once per record: the chosen values per facet
  // and the words of the free text.
  function prepared(selection) {
    return {
      facets: Object.entries(selection.facets),
      words: selection.text ? selection.text.toLowerCase().split(/\s+/) : [],
    };
  }

  function matches(record, criteria, skipParameter) {
    for (const [parameter, wanted] of criteria.facets) {
      if (parameter === skipParameter) continue;
      if (!record.values[parameter].some((value) => wanted.has(value))) return false;
    }
    for (const word of criteria.words) {
      if (!record.text.includes(word)) return false;
    }
    return true;
  }

  function showCounts(criteria) {
    // Each value shows how many interventions there would be with that value chosen:
    // the other facets' choices apply, this facet's own choices do not.
    for (const parameter of parameters) {
      const tally = new Map();
      for (const record of records) {
        if (!matches(record, criteria, parameter)) continue;
        for (const value of record.values[parameter]) tally.set(value, (tally.get(value) || 0) + 1);
      }
      for (const box of boxesByParameter.get(parameter)) {
        const count = tally.get(box.value) || 0;
        const label = countLabels.get(`${parameter}=${box.value}`);
        if (label.textContent !== `(${count})`) label.textContent = `(${count})`;
        box.closest("li").classList.toggle("ww-facet__value--empty", count === 0 && !box.checked);
      }
    }
  }

  function sortList(sort) {
    if (sort === currentSort) return;
    const compare = {
      titel: (a, b) => a.title.localeCompare(b.title, "nl"),
      beoordeeld: (a, b) => b.reviewed.localeCompare(a.reviewed) || a.title.localeCompare(b.title, "nl"),
      onderbouwing: (a, b) => b.rank - a.rank || a.title.localeCompare(b.title, "nl"),
    }[sort] || ((a, b) => a.title.localeCompare(b.title, "nl"));
    const fragment = document.createDocumentFragment();
    for (const record of [...records].sort(compare)) fragment.appendChild(record.item);
    list.appendChild(fragment);
    currentSort = sort;
  }

  function show(selection) {
    for (const box of boxes) box.checked = selection.facets[box.name]?.has(box.value) ?? false;
    form.elements.q.value = selection.text;
    form.elements.sorteer.value = ["titel", "beoordeeld", "onderbouwing"].includes(selection.sort)
      ? selection.sort
      : "titel";
    const criteria = prepared(selection);
    let visible = 0;
    for (const record of records) {
      const shown = matches(record, criteria);
      // Only touch the items that change: each write to the DOM has a cost at thousands.
      if (record.item.hidden === shown) record.item.hidden = !shown;
      if (shown) visible += 1;
    }
    sortList(form.elements.sorteer.value);
    showCounts(criteria);
    const active = Object.values(selection.facets).reduce((sum, values) => sum + values.size, 0);
    activeFilters.textContent = active ? `(${active} gekozen)` : "";
    status.textContent =
      visible === total
        ? `${total} interventies`
        : `${visible} van ${total} interventies`;
  }

  function update(replace) {
    const selection = selectionFromForm();
    show(selection);
    const url = urlOf(selection);
    // Updating the history takes Chromium longer than filtering thousands of items (measured
    // in bench/REPORT.md), so it waits until the list is shown.
    setTimeout(() => {
      if (url !== window.location.pathname + window.location.search) {
        history[replace ? "replaceState" : "pushState"](null, "", url);
      }
    });
  }

  form.addEventListener("change", (event) => update(event.target === form.elements.q));
  form.addEventListener("input", (event) => {
    if (event.target === form.elements.q) update(true);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    // The reset event fires before the fields are cleared.
    setTimeout(() => update(false));
  });
  window.addEventListener("popstate", () => show(selectionFromUrl()));

  if (window.matchMedia("(min-width: 60em)").matches) facetPanel.open = true;
  const initial = selectionFromUrl();
  show(initial);
  const canonical = urlOf(initial);
  if (canonical !== window.location.pathname + window.location.search) {
    history.replaceState(null, "", canonical);
  }
  form.classList.add("ww-filters--active");
}
