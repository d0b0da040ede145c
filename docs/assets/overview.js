// Filters a list (the overview of interventions, the register of knelpunten) in place, with the
// selection kept in the URL. The list in the page is the data: every item carries its facet
// values in data attributes, so the page works without JavaScript and needs no second download.

// A national approach applies in every region: choosing a region shows it too, unless the
// visitor asks for regional interventions only (`landelijk=nee`).
const REGION = "regio";
const NATIONAL = "landelijk";
// The free text. Not `q`: the theme opens its site search for `?q=` on every page.
const TEXT = "tekst";
// The count's noun for one item.
const SINGULAR = { interventies: "interventie", knelpunten: "knelpunt" };
// How many results are in the list at once; a button adds the next ones. With thousands of
// items in the list, hidden or not, the browser took half a second to restyle it after every
// click, and with 200 still about 30 ms of style, layout and paint, the bulk of a click
// (bench/REPORT.md); the items not shown wait outside the document.
const PAGE_SIZE = 50;

const form = document.querySelector(".ww-filters");
if (form) {
  setUp(form);
}


function setUp(form) {
  const list = document.querySelector(".ww-result-list");
  const status = document.querySelector(".ww-result-count");
  const noun = status.textContent.trim().split(" ").slice(1).join(" ");
  const chips = document.querySelector(".ww-chips");
  const empty = document.querySelector(".ww-empty");
  const summary = form.querySelector(".ww-filters__summary");
  const regionalOnly = form.elements[NATIONAL] || null;
  const fieldsets = [...form.querySelectorAll("fieldset[data-parameter]")];
  const parameters = fieldsets.map((fieldset) => fieldset.dataset.parameter);
  const legends = new Map(
    fieldsets.map((fieldset) => [fieldset.dataset.parameter, fieldset.querySelector("legend").textContent]),
  );
  const boxes = [...form.querySelectorAll("fieldset[data-parameter] ul input[type=checkbox]")];
  const boxesByParameter = new Map(
    parameters.map((parameter) => [parameter, boxes.filter((box) => box.name === parameter)]),
  );
  const labels = new Map(boxes.map((box) => [`${box.name}=${box.value}`, box.dataset.label]));
  const countLabels = new Map(
    [...form.querySelectorAll("[data-count-for]")].map((label) => [label.dataset.countFor, label]),
  );
  // Each box's place in the array of counts, so that counting is adding to numbers in an array.
  const slotOf = new Map(boxes.map((box, slot) => [`${box.name}=${box.value}`, slot]));
  const facetValues = boxes.map((box) => ({
    box,
    label: countLabels.get(`${box.name}=${box.value}`),
    item: box.closest("li"),
    regional: box.name === REGION && box.value !== NATIONAL,
  }));
  const sortOptions = [...form.elements.sorteer.options].map((option) => option.value);
  const records = [...list.children].map((item) => {
    const values = Object.fromEntries(
      parameters.map((parameter) => [parameter, (item.dataset[parameter] || "").split(" ")]),
    );
    const national = (item.dataset[REGION] || "").split(" ").includes(NATIONAL);
    // Per facet, the slots of the record's values in the array of counts.
    const slots = parameters.map((parameter) =>
      values[parameter].map((value) => slotOf.get(`${parameter}=${value}`)).filter((slot) => slot !== undefined),
    );
    // With the national approaches shown, a national one counts in every region already
    // (matchAndCount), so not a second time in the regions it names.
    const slotsWithNational = national
      ? slots.map((facetSlots) => facetSlots.filter((slot) => !facetValues[slot].regional))
      : slots;
    return {
      item,
      values,
      national,
      slots,
      slotsWithNational,
      text: item.dataset.text,
      title: item.querySelector("a").textContent,
      reviewed: item.dataset.reviewed,
      rank: Number(item.dataset.evidenceRank),
      outcome: Number(item.dataset.outcomeRank || 0),
    };
  });
  const total = records.length;
  const facetPanel = form.querySelector(".ww-facets");
  const activeFilters = form.querySelector(".ww-active-filters");
  let currentSort = null;
  let ordered = records;
  // The records that match the selection, in the order shown, and how many of them are shown.
  let matched = records;
  let limit = PAGE_SIZE;
  const more = document.createElement("button");
  more.type = "button";
  more.className = "md-button ww-more";
  more.hidden = true;
  list.after(more);

  function selectionFromUrl() {
    const query = new URLSearchParams(window.location.search);
    // The home page's question form sends `waar=regio:<slug>` or `waar=land:buitenland`.
    for (const where of query.getAll("waar")) {
      const [parameter, value] = where.split(":");
      if (parameters.includes(parameter) && value) query.append(parameter, value);
    }
    const selection = {
      facets: {},
      text: (query.get(TEXT) || "").trim(),
      sort: query.get("sorteer") || "titel",
      regionalOnly: query.get(NATIONAL) === "nee",
    };
    for (const parameter of parameters) {
      const values = query.getAll(parameter).filter(Boolean);
      if (values.length) selection.facets[parameter] = new Set(values);
    }
    return selection;
  }

  function selectionFromForm() {
    const selection = {
      facets: {},
      text: form.elements[TEXT].value.trim(),
      sort: form.elements.sorteer.value,
      regionalOnly: regionalOnly ? regionalOnly.checked : false,
    };
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
    if (selection.regionalOnly && selection.facets[REGION]) query.set(NATIONAL, "nee");
    if (selection.text) query.set(TEXT, selection.text);
    if (selection.sort !== "titel") query.set("sorteer", selection.sort);
    const search = query.toString();
    return window.location.pathname + (search ? "?" + search : "");
  }

  // A selection prepared once per update, not once per record: the chosen values per facet
  // and the words of the free text.
  function prepared(selection) {
    return {
      facets: Object.entries(selection.facets).map(([parameter, wanted]) => [
        parameter,
        wanted,
        parameters.indexOf(parameter),
      ]),
      words: selection.text ? selection.text.toLowerCase().split(/\s+/) : [],
      withNational: !selection.regionalOnly,
    };
  }

  function facetMatches(record, parameter, wanted, withNational) {
    if (parameter === REGION && withNational && record.national) return true;
    return record.values[parameter].some((value) => wanted.has(value));
  }

  function matches(record, criteria, skipParameter) {
    for (const [parameter, wanted] of criteria.facets) {
      if (parameter === skipParameter) continue;
      if (!facetMatches(record, parameter, wanted, criteria.withNational)) return false;
    }
    for (const word of criteria.words) {
      if (!record.text.includes(word)) return false;
    }
    return true;
  }

  // One pass over the records finds the ones shown and the count beside every facet value:
  // how many items there would be with that value chosen, so the other facets' choices apply
  // and the value's own facet's do not. A record that fails no choice is shown and counts in
  // every facet; one that fails the choice of one facet only counts in that facet.
  function matchAndCount(criteria) {
    const shown = [];
    const counts = new Array(boxes.length).fill(0);
    // National approaches count for every region when they are shown with the regions.
    let nationalInRegions = 0;
    const regionIndex = parameters.indexOf(REGION);
    for (const record of ordered) {
      if (!criteria.words.every((word) => record.text.includes(word))) continue;
      let failed = -1;
      let excluded = false;
      for (const [parameter, wanted, index] of criteria.facets) {
        if (facetMatches(record, parameter, wanted, criteria.withNational)) continue;
        if (failed !== -1) {
          excluded = true;
          break;
        }
        failed = index;
      }
      if (excluded) continue;
      const recordSlots = criteria.withNational ? record.slotsWithNational : record.slots;
      if (failed === -1) {
        shown.push(record);
        for (const facetSlots of recordSlots) for (const slot of facetSlots) counts[slot] += 1;
      } else {
        for (const slot of recordSlots[failed]) counts[slot] += 1;
      }
      if (record.national && (failed === -1 || failed === regionIndex)) nationalInRegions += 1;
    }
    return { shown, counts, nationalInRegions };
  }

  function showCounts(criteria, counts, nationalInRegions) {
    for (const [slot, { box, label, item, regional }] of facetValues.entries()) {
      const count = counts[slot] + (regional && criteria.withNational ? nationalInRegions : 0);
      if (label.textContent !== `(${count})`) label.textContent = `(${count})`;
      item.classList.toggle("ww-facet__value--empty", count === 0 && !box.checked);
    }
  }

  function sortList(sort) {
    if (sort === currentSort) return;
    const byTitle = (a, b) => a.title.localeCompare(b.title, "nl");
    const compare = {
      titel: byTitle,
      beoordeeld: (a, b) => b.reviewed.localeCompare(a.reviewed) || byTitle(a, b),
      onderbouwing: (a, b) => b.rank - a.rank || byTitle(a, b),
      uitkomst: (a, b) => a.outcome - b.outcome || b.rank - a.rank || byTitle(a, b),
    }[sort] || byTitle;
    ordered = [...records].sort(compare);
    currentSort = sort;
  }

  function chip(text, remove) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ww-chip";
    button.textContent = text;
    button.setAttribute("aria-label", `Filter ${text} weghalen`);
    button.addEventListener("click", () => {
      remove();
      update(false);
      // The chip is gone: keep the keyboard where the visitor was, on the next chip.
      (chips.querySelector("button") || status).focus();
    });
    return button;
  }

  function showChips(selection) {
    const buttons = [];
    for (const [parameter, values] of Object.entries(selection.facets)) {
      for (const value of values) {
        const label = labels.get(`${parameter}=${value}`) || value;
        buttons.push(
          chip(`${legends.get(parameter)}: ${label}`, () => {
            for (const box of boxesByParameter.get(parameter)) if (box.value === value) box.checked = false;
          }),
        );
      }
    }
    if (selection.regionalOnly && selection.facets[REGION]) {
      buttons.push(chip("Alleen regionaal", () => (regionalOnly.checked = false)));
    }
    if (selection.text) buttons.push(chip(`Tekst: ${selection.text}`, () => (form.elements[TEXT].value = "")));
    chips.replaceChildren(...buttons);
    chips.hidden = buttons.length === 0;
  }

  // An empty result says which filter emptied it and offers the nearest selection that is not
  // empty: the same choice without one of its filters.
  function showEmpty(selection, criteria, visible) {
    empty.replaceChildren();
    empty.hidden = visible !== 0;
    if (visible !== 0) return;
    const options = [];
    for (const [parameter, values] of Object.entries(selection.facets)) {
      const count = records.filter((record) => matches(record, criteria, parameter)).length;
      if (count) options.push({ parameter, values, count });
    }
    if (selection.regionalOnly && selection.facets[REGION]) {
      const count = records.filter((record) => matches(record, { ...criteria, withNational: true })).length;
      if (count) options.push({ parameter: NATIONAL, values: new Set(["landelijke meegerekend"]), count });
    }
    options.sort((a, b) => b.count - a.count);
    const intro = document.createElement("p");
    intro.textContent = options.length
      ? `Geen ${noun} met deze keuze. Dichtstbijzijnde selecties die wel iets opleveren:`
      : `Geen ${noun} met deze keuze. Haal filters weg of wis alle filters.`;
    const items = options.map(({ parameter, values, count }) => {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button ww-empty__option";
      const chosen = [...values].map((value) => labels.get(`${parameter}=${value}`) || value).join(", ");
      const name = parameter === NATIONAL ? "met de landelijke aanpakken erbij" : `zonder ${legends.get(parameter).toLowerCase()} (${chosen})`;
      button.textContent = `${count} ${count === 1 ? SINGULAR[noun] || noun : noun} ${name}`;
      button.addEventListener("click", () => {
        if (parameter === NATIONAL) regionalOnly.checked = false;
        else for (const box of boxesByParameter.get(parameter)) box.checked = false;
        update(false);
      });
      item.appendChild(button);
      return item;
    });
    const listElement = document.createElement("ul");
    listElement.append(...items);
    empty.append(intro, listElement);
  }

  function show(selection) {
    for (const box of boxes) box.checked = selection.facets[box.name]?.has(box.value) ?? false;
    if (regionalOnly) {
      regionalOnly.checked = selection.regionalOnly;
      regionalOnly.disabled = !selection.facets[REGION];
    }
    form.elements[TEXT].value = selection.text;
    form.elements.sorteer.value = sortOptions.includes(selection.sort) ? selection.sort : "titel";
    const criteria = prepared(selection);
    sortList(form.elements.sorteer.value);
    const { shown, counts, nationalInRegions } = matchAndCount(criteria);
    matched = shown;
    limit = PAGE_SIZE;
    showItems();
    const visible = matched.length;
    showCounts(criteria, counts, nationalInRegions);
    showChips(selection);
    showEmpty(selection, criteria, visible);
    const active = Object.values(selection.facets).reduce((sum, values) => sum + values.size, 0);
    activeFilters.textContent = active ? `(${active} gekozen)` : "";
    const count = visible === total ? `${total} ${noun}` : `${visible} van ${total} ${noun}`;
    status.textContent = count;
    if (summary) summary.querySelector(".ww-filters__count").textContent = count;
  }

  function showItems() {
    list.replaceChildren(...matched.slice(0, limit).map((record) => record.item));
    const rest = matched.length - limit;
    more.hidden = rest <= 0;
    more.textContent = `Toon meer (nog ${rest} ${rest === 1 ? SINGULAR[noun] || noun : noun})`;
  }

  more.addEventListener("click", () => {
    const first = limit;
    limit += PAGE_SIZE;
    showItems();
    // The keyboard goes on where the list does: to the first of the items just shown.
    matched[first].item.querySelector("a").focus();
  });

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

  form.addEventListener("change", (event) => update(event.target === form.elements[TEXT]));
  form.addEventListener("input", (event) => {
    if (event.target === form.elements[TEXT]) update(true);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    // The reset event fires before the fields are cleared.
    setTimeout(() => update(false));
  });
  window.addEventListener("popstate", () => show(selectionFromUrl()));

  if (window.matchMedia("(min-width: 60em)").matches) facetPanel.open = true;
  if (summary) summary.hidden = false;
  status.tabIndex = -1;
  const initial = selectionFromUrl();
  show(initial);
  const canonical = urlOf(initial);
  if (canonical !== window.location.pathname + window.location.search) {
    history.replaceState(null, "", canonical);
  }
  form.classList.add("ww-filters--active");
}
