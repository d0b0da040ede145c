// The proposal form (/voorstellen/): checks what an editor filled in with the rules the build took
// from the record schema (the JSON in #ww-proposal-rules), builds the record as YAML and offers
// three ways to send it: a prefilled GitHub issue, a download and an e-mail to the editors.
// Runs only on that page; without JavaScript the page explains the other routes.

const form = document.getElementById("ww-proposal");

// Letters that Unicode normalisation does not split into an ASCII letter and an accent
// (as catalogus.proposal.ASCII_FOR does for the same ids).
const ASCII_FOR = { ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ø: "o", Ø: "o", ł: "l", Ł: "l" };

function recordId(title, maxLength) {
  const ascii = [...title]
    .map((character) => ASCII_FOR[character] ?? character)
    .join("")
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "");
  const words = ascii.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  let identifier = "";
  for (const word of words) {
    const longer = identifier ? `${identifier}-${word}` : word;
    if (longer.length > maxLength) break;
    identifier = longer;
  }
  return identifier || words.join("-").slice(0, maxLength).replace(/^-+|-+$/g, "");
}

// Text as the record files hold it: no tabs (refused), no spaces at line ends.
function cleanText(text) {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/\t/g, "    ").trimEnd())
    .join("\n")
    .trim();
}

function oneLine(text) {
  return text.split(/\s+/).filter(Boolean).join(" ");
}

// A JSON string is a YAML double-quoted scalar; a multi-line text becomes a literal block.
function yamlText(text, indent) {
  const lines = text.split("\n");
  if (lines.length === 1 || /^\s/.test(text)) return JSON.stringify(text);
  return "|-\n" + lines.map((line) => (line ? indent + line : "")).join("\n");
}

function checked(name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

function value(name) {
  return form.elements[name].value;
}

function today() {
  const now = new Date();
  const pad = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function checkText(rule, text, problems, target) {
  if (!text) {
    if (rule.required) problems.push({ target, message: `${rule.label}: vul dit in.` });
    return;
  }
  if (rule.maxLength && text.length > rule.maxLength) {
    problems.push({
      target,
      message: `${rule.label}: ten hoogste ${rule.maxLength} tekens; nu ${text.length}. Verkort de tekst.`,
    });
  }
}

function readSources(rules, problems) {
  const sources = [];
  form.querySelectorAll(".ww-proposal-source").forEach((fieldset, index) => {
    const [titleInput, urlInput, yearInput] = fieldset.querySelectorAll("input");
    const title = oneLine(titleInput.value);
    const url = urlInput.value.trim();
    const year = yearInput.value.trim();
    if (!title && !url && !year) return;
    const label = `Bron ${index + 1}`;
    if (!title) problems.push({ target: titleInput, message: `${label}: geef de titel van de bron.` });
    if (!url) {
      problems.push({ target: urlInput, message: `${label}: geef het webadres van de bron.` });
    } else if (rules.url.pattern && !new RegExp(rules.url.pattern).test(url)) {
      problems.push({ target: urlInput, message: `${label}: ${rules.url.patternErrorMessage}` });
    }
    const source = { title, url };
    if (year) {
      const number = Number(year);
      if (!/^\d{4}$/.test(year) || number < rules.year.minimum || number > rules.year.maximum) {
        problems.push({
          target: yearInput,
          message: `${label}: '${year}' is geen jaartal tussen ${rules.year.minimum} en ${rules.year.maximum}. Laat het leeg als de bron geen datum noemt.`,
        });
      } else {
        source.year = number;
      }
    }
    sources.push(source);
  });
  if (!sources.length) {
    problems.push({
      target: form.querySelector(".ww-proposal-source input"),
      message: "Bronnen: geef minstens één openbare bron met titel en webadres.",
    });
  }
  return sources;
}

// The answers as a record, and every problem with them (never only the first).
function readProposal(rules) {
  const problems = [];
  const text = {};
  for (const [name, rule] of Object.entries(rules.text)) {
    const multiline = form.elements[name].tagName === "TEXTAREA" && name !== "summary";
    text[name] = multiline ? cleanText(value(name)) : oneLine(value(name));
    checkText(rule, text[name], problems, form.elements[name]);
  }
  const choices = {};
  const country = value("country");
  for (const [name, rule] of Object.entries(rules.choices)) {
    choices[name] = name === "country" ? [country] : checked(name);
    const required = rule.required || (name === "regions" && country === "NL");
    if (required && !choices[name].length) {
      problems.push({
        target: document.getElementById(`ww-proposal-${name}`),
        message: rule.multiple ? `${rule.label}: kies er minstens één.` : `${rule.label}: kies er één.`,
      });
    }
  }
  const sources = readSources(rules.source, problems);
  const confirmation = form.elements.confirmation;
  if (!confirmation.checked) {
    problems.push({
      target: confirmation,
      message: "Bevestiging: vink aan dat de interventie echt bestaat en dat alles openbaar is.",
    });
  }
  return { text, choices, sources, problems };
}

function recordYaml(proposal, rules) {
  const { text, choices, sources } = proposal;
  const lines = [rules.modeline];
  lines.push(`title: ${JSON.stringify(text.name)}`);
  lines.push(`summary: ${JSON.stringify(text.summary)}`);
  lines.push(`description: ${yamlText(text.description, "  ")}`);
  lines.push(`phenomena: [${choices.phenomena.join(", ")}]`);
  if (choices.country[0] === "NL") lines.push(`regions: [${choices.regions.join(", ")}]`);
  lines.push(`country: ${JSON.stringify(choices.country[0])}`);
  lines.push("access: public");
  lines.push(`kinds: [${choices.kinds.join(", ")}]`);
  if (text.lead_organisation) lines.push(`lead_organisation: ${JSON.stringify(text.lead_organisation)}`);
  lines.push(`status: ${choices.status[0]}`);
  lines.push("evidence:", `  level: ${choices.evidence_level[0]}`);
  lines.push(`  explanation: ${yamlText(text.evidence_explanation, "    ")}`);
  lines.push("outcome:", `  result: ${choices.outcome[0]}`);
  lines.push(`  explanation: ${yamlText(text.outcome_explanation, "    ")}`);
  lines.push("sources:");
  for (const source of sources) {
    lines.push(`  - title: ${JSON.stringify(source.title)}`, `    url: ${JSON.stringify(source.url)}`);
    if (source.year) lines.push(`    year: ${source.year}`);
  }
  lines.push(`last_reviewed: "${today()}"`);
  return lines.join("\n") + "\n";
}

// The same answers for the issue form: its fields have the form's names.
function issueUrl(proposal, rules) {
  const { text, choices, sources } = proposal;
  const address = new URL(rules.issue.url);
  const parameters = {
    template: rules.issue.template,
    ...text,
    title: `Voorstel: ${text.name}`,
    phenomena: choices.phenomena.join(", "),
    regions: (choices.country[0] === "NL" ? choices.regions : [rules.issue.foreign]).join(", "),
    country: `${choices.country[0]} (${form.elements.country.selectedOptions[0].textContent})`,
    kinds: choices.kinds.join(", "),
    status: choices.status[0],
    evidence_level: choices.evidence_level[0],
    outcome: choices.outcome[0],
    sources: sources
      .map((source) => [source.title, source.url, source.year].filter(Boolean).join(" | "))
      .join("\n"),
  };
  for (const [key, parameter] of Object.entries(parameters)) {
    if (parameter) address.searchParams.set(key, parameter);
  }
  return address.href;
}

function showProblems(problems) {
  // In the order of the form, whatever order the rules came in.
  problems.sort((first, second) =>
    first.target.compareDocumentPosition(second.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  const box = document.getElementById("ww-proposal-problems");
  const list = box.querySelector("[data-proposal-problem-list]");
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `#${problem.target.id}`;
      link.textContent = problem.message;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        (problem.target.querySelector?.("input") ?? problem.target).focus();
      });
      item.append(link);
      return item;
    }),
  );
  form.querySelectorAll("[aria-invalid]").forEach((field) => field.removeAttribute("aria-invalid"));
  problems.forEach((problem) => problem.target.setAttribute("aria-invalid", "true"));
  document.getElementById("ww-proposal-result").hidden = true;
  box.hidden = false;
  box.focus();
}

function showResult(proposal, rules) {
  const yaml = recordYaml(proposal, rules);
  const identifier = recordId(proposal.text.name, rules.maxIdLength);
  const result = document.getElementById("ww-proposal-result");
  const download = result.querySelector('[data-proposal-send="download"]');
  URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
  download.download = `${identifier}.yml`;
  download.textContent = `Download het record (${identifier}.yml)`;
  const github = result.querySelector('[data-proposal-send="github"]');
  if (github) github.href = issueUrl(proposal, rules);
  const email = result.querySelector('[data-proposal-send="email"]');
  if (email) {
    const subject = `Voorstel: ${proposal.text.name}`;
    const body = `Beste redactie,\n\nHierbij een voorstel voor de catalogus, als record (${identifier}.yml):\n\n${yaml}`;
    email.href = `mailto:${rules.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  }
  result.querySelector("[data-proposal-record]").textContent = yaml;
  document.getElementById("ww-proposal-problems").hidden = true;
  result.hidden = false;
  result.focus();
}

function addSource() {
  const sources = form.querySelector("[data-proposal-sources]");
  const copy = sources.lastElementChild.cloneNode(true);
  const number = sources.children.length + 1;
  copy.querySelector("legend").textContent = `Bron ${number}`;
  copy.querySelectorAll("input").forEach((input) => {
    input.value = "";
    input.removeAttribute("aria-invalid");
    input.id = input.id.replace(/source-\d+-/, `source-${number}-`);
  });
  copy.querySelectorAll("label").forEach((label) => {
    label.htmlFor = label.htmlFor.replace(/source-\d+-/, `source-${number}-`);
  });
  sources.append(copy);
  copy.querySelector("input").focus();
}

function showRegions() {
  form.querySelector("[data-proposal-regions]").hidden = value("country") !== "NL";
}

if (form) {
  const rules = JSON.parse(document.getElementById("ww-proposal-rules").textContent);
  document.querySelector("[data-proposal-no-script]").hidden = true;
  form.hidden = false;
  form.elements.country.addEventListener("change", showRegions);
  form.querySelector("[data-proposal-add-source]").addEventListener("click", addSource);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const proposal = readProposal(rules);
    if (proposal.problems.length) showProblems(proposal.problems);
    else showResult(proposal, rules);
  });
  showRegions();
}
